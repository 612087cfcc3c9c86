package sources

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
)

// A log platform's export of a mail log (Loki's logcli --output=jsonl,
// an Elasticsearch/OpenSearch document or hit, Graylog's, Vector's,
// fluent-bit's, rsyslog's and syslog-ng's JSON, a Kibana, Graylog or
// Splunk CSV download) keeps each line as a record of named fields: the
// whole syslog line in one, or the text after the tag in one and the
// program, pid, host and time in others. The tables below name those
// fields, first found first; a CSV export's rows reach the parser as JSON
// objects of their columns (csvExportReader).

// exportMessageFields hold a record's text. whole marks a field that
// holds a line as a file had it, read as a line of its own whatever it
// holds; another field's text is taken for a program's only when its tag
// or the record names the program.
var exportMessageFields = []struct {
	name  string
	whole bool
}{
	{"message", false},      // syslog-ng, Elasticsearch (ECS), Graylog, Vector, Logstash
	{"full_message", false}, // Graylog: the line as received
	{"msg", false},          // rsyslog's json templates, fluent-bit
	{"line", true},          // Loki
	{"log", true},           // Docker's json-file driver, fluent-bit's and filebeat's tail
	{"_raw", true},          // Splunk
}

// exportProgramFields name the program (the tag, with or without its pid
// and colon); exportPIDFields its pid.
var exportProgramFields = []string{
	"program", "process.name", "log.syslog.appname", "appname", "application_name",
	"syslog_identifier", "SYSLOG_IDENTIFIER", "ident", "programname", "syslogtag", "tag",
}

var exportPIDFields = []string{
	"pid", "process.pid", "log.syslog.procid", "procid", "process_id", "syslog_pid", "SYSLOG_PID",
}

// exportTimeFields hold the time a platform gave the record: the time of
// a message that has none of its own, or none with a zone.
var exportTimeFields = []string{"@timestamp", "timestamp", "time", "_time", "timereported", "ts"}

// exportHostFields name the host. Splunk's "source" is the file the line
// came from, not a host: a value with a slash or a blank is no host name.
var exportHostFields = []string{
	"host.name", "host.hostname", "hostname", "host", "log.syslog.hostname", "logsource",
	"source", "labels.host", "labels.hostname", "_HOSTNAME",
}

// exportStampLayouts are the times of CSV downloads that are no RFC 3339,
// in the viewer's local time: Kibana's default date format.
var exportStampLayouts = []string{"Jan 2, 2006 @ 15:04:05"}

// parseExport reads a JSON record that is not journald's (see the tables
// above).
func (p *Parser) parseExport(line string, r *Record) {
	m := jsonObject(json.RawMessage(line))
	if m == nil {
		r.Event, r.Reason = EvInvalid, "bad JSON record"
		return
	}
	// An Elasticsearch or OpenSearch hit: the document is its _source.
	if src := jsonObject(m["_source"]); src != nil {
		m = src
	}
	msg, whole, ok := "", false, false
	for _, f := range exportMessageFields {
		if v := m[f.name]; len(v) > 0 && v[0] == '"' {
			if msg = jsonString(v); msg != "" {
				whole, ok = f.whole, true
				break
			}
		}
	}
	if !ok {
		r.Event, r.Reason = EvInvalid, "JSON record without a message"
		return
	}
	prog, pid := exportProgram(m)
	if !whole {
		msg = strings.TrimLeft(msg, " ")
	}
	p.parseZeroed(msg, r)
	switch {
	case tagged(r) && (prog == "" || !r.Time.IsZero() || r.PID != 0 || r.Program == prog || strings.HasPrefix(r.Program, prog+"/")):
		// The message is a line of its own, or carries its tag.
	case prog != "":
		*r = Record{Line: line, Program: prog, PID: pid}
		p.parseBody(msg, r)
	case !whole:
		// Its writer named itself nowhere: text shaped like Postfix's
		// is not taken for Postfix's (any program may log it).
		*r = Record{Line: line, Event: EvOther, Message: msg}
	}
	if r.Event == EvInvalid {
		return
	}
	// A record's time that names its zone is absolute: it dates a line
	// whose own stamp names none, the sender's local time (a container's
	// is UTC unless its image sets TZ), not necessarily this host's.
	if t, zoned := p.exportTime(m); r.Time.IsZero() || zoned && !zonedStamp(msg) {
		r.Time = t
	}
	if r.Host == "" {
		r.Host = exportHost(m)
	}
}

// exportField returns a field's value: by its name, or for a dotted name
// ("host.name") from the objects it names when no field has the dotted
// name itself (a CSV column has it).
func exportField(m map[string]json.RawMessage, name string) json.RawMessage {
	if v, ok := m[name]; ok {
		return v
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		if sub := jsonObject(m[name[:i]]); sub != nil {
			return exportField(sub, name[i+1:])
		}
	}
	return nil
}

// jsonObject decodes an object's fields, or returns nil for anything else.
func jsonObject(raw json.RawMessage) map[string]json.RawMessage {
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

// exportProgram reads the program and pid fields. A tag kept whole
// ("postfix/smtp[123]:", as rsyslog's syslogtag) gives both.
func exportProgram(m map[string]json.RawMessage) (string, int) {
	prog := ""
	for _, name := range exportProgramFields {
		if prog = strings.TrimSpace(jsonString(exportField(m, name))); prog != "" {
			// fluentd's and fluent-bit's tag is a routing key as often
			// as a program ("syslog.mail.info", "docker.abc123"):
			// dotted, without a slash or a pid, it names no program.
			if name == "tag" && strings.IndexByte(prog, '.') >= 0 && !strings.ContainsAny(prog, "/[") {
				prog = ""
			}
			break
		}
	}
	prog = strings.TrimSuffix(prog, ":")
	pid := ""
	if i := strings.IndexByte(prog, '['); i > 0 && strings.HasSuffix(prog, "]") {
		prog, pid = prog[:i], prog[i+1:len(prog)-1]
	}
	for _, name := range exportPIDFields {
		if pid != "" {
			break
		}
		pid = jsonString(exportField(m, name))
	}
	n, _ := atoi(pid)
	return prog, n
}

func exportHost(m map[string]json.RawMessage) string {
	for _, name := range exportHostFields {
		if h := jsonString(exportField(m, name)); h != "" && !strings.ContainsAny(h, "/ \t") {
			return h
		}
	}
	return ""
}

// exportTime reads the first time field that holds a time: unix seconds,
// milliseconds, microseconds or nanoseconds, RFC 3339, an ISO time without
// a zone or a viewer's date (exportStampLayouts) in local time. zoned
// tells a time that names its zone (Unix time, RFC 3339).
func (p *Parser) exportTime(m map[string]json.RawMessage) (t time.Time, zoned bool) {
	for _, name := range exportTimeFields {
		s := jsonString(exportField(m, name))
		if s == "" {
			continue
		}
		if t, ok := jsonStamp(s); ok {
			return t, true
		}
		// atoi takes at most 18 digits: nanoseconds since 2001 have 19.
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
			switch len(s) {
			case 13:
				return time.UnixMilli(n).UTC(), true
			case 16:
				return time.UnixMicro(n).UTC(), true
			case 18, 19:
				return time.Unix(0, n).UTC(), true
			}
		}
		if t, i, ok := p.parseLocalISO(s); ok && i == len(s) {
			return t, false
		}
		for _, layout := range exportStampLayouts {
			if t, err := time.ParseInLocation(layout, s, p.loc()); err == nil {
				return t, false
			}
		}
	}
	return time.Time{}, false
}

// csvExportHeader reads a CSV export's header row, the first line of b:
// its column names in lower case, when it has two or more, one names a
// message field, and none holds a blank (a log line's first cell has its
// stamp's).
func csvExportHeader(b []byte) ([]string, bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return nil, false
	}
	var names []string
	message := false
	for _, cell := range strings.Split(strings.TrimSuffix(string(b[:i]), "\r"), ",") {
		if len(cell) >= 2 && cell[0] == '"' && cell[len(cell)-1] == '"' {
			cell = cell[1 : len(cell)-1]
		}
		if cell == "" || len(cell) > 64 || strings.ContainsAny(cell, " \t\"") {
			return nil, false
		}
		cell = strings.ToLower(cell)
		for _, f := range exportMessageFields {
			message = message || cell == f.name
		}
		names = append(names, cell)
	}
	return names, message && len(names) >= 2
}

// csvHeaderStart reports whether b, a log's start that holds no line
// break, may open a CSV header row longer than b: it has a comma and no
// blank.
func csvHeaderStart(b []byte) bool {
	return bytes.IndexByte(b, '\n') < 0 && bytes.IndexByte(b, ',') > 0 && !bytes.ContainsAny(b, " \t")
}

// csvExportReader reads a CSV export's rows as JSON objects of their
// columns, one a line, for the parser to read as any JSON record. It
// streams, holding no row whole (the line reader bounds a line): quoted
// cells ("" for a quote, line breaks kept), a stray quote inside a quoted
// cell taken as it is, cells past the header's dropped. A row cut short
// inside a quoted cell is one unreadable line.
type csvExportReader struct {
	r          *bufio.Reader
	names      []string
	inRow      bool
	col        int
	fieldStart bool // no byte of the cell read yet
	inQuote    bool
	quote      bool // a quote inside a quoted cell: an end, or "" for one
	cr         bool // an unquoted CR, dropped before a line break
	done       bool
	err        error
	out        []byte
	buf        []byte
	in         [32 << 10]byte
}

func newCSVExportReader(r *bufio.Reader, names []string) *csvExportReader {
	c := &csvExportReader{r: r, names: names}
	if _, err := r.ReadBytes('\n'); err != nil { // the header row
		c.done = true
	}
	return c
}

func (c *csvExportReader) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		if c.done {
			if c.err != nil {
				return 0, c.err
			}
			return 0, io.EOF
		}
		n, err := c.r.Read(c.in[:])
		c.scan(c.in[:n])
		if err != nil {
			c.done = true
			if c.inRow {
				if c.inQuote && !c.quote {
					c.buf = append(c.buf, '\n') // cut short: no object
				} else {
					c.endRow()
				}
				c.out = c.buf
			}
			if err != io.EOF {
				c.err = err
			}
		}
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}

// startCell writes a cell's name, or nothing for a cell past the header's.
func (c *csvExportReader) startCell() {
	c.fieldStart, c.inQuote, c.quote = true, false, false
	if c.col >= len(c.names) {
		return
	}
	if c.col > 0 {
		c.buf = append(c.buf, ',')
	}
	c.buf = append(c.buf, '"')
	c.buf = appendJSONText(c.buf, c.names[c.col])
	c.buf = append(c.buf, '"', ':', '"')
}

func (c *csvExportReader) endCell() {
	if c.col < len(c.names) {
		c.buf = append(c.buf, '"')
	}
}

func (c *csvExportReader) endRow() {
	c.endCell()
	c.buf = append(c.buf, '}', '\n')
	c.inRow = false
}

// text writes a cell's byte, escaped for a JSON string.
func (c *csvExportReader) text(b byte) {
	c.fieldStart = false
	if c.col < len(c.names) {
		c.buf = appendJSONByte(c.buf, b)
	}
}

func appendJSONText(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendJSONByte(dst, s[i])
	}
	return dst
}

func appendJSONByte(dst []byte, b byte) []byte {
	const hex = "0123456789abcdef"
	switch {
	case b == '"' || b == '\\':
		return append(dst, '\\', b)
	case b < 0x20:
		return append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&15])
	}
	return append(dst, b)
}

// scan appends b's rows to out, a JSON object and a newline each.
func (c *csvExportReader) scan(b []byte) {
	c.buf = c.buf[:0]
	defer func() { c.out = c.buf }()
	for _, ch := range b {
		if !c.inRow {
			if ch == '\n' || ch == '\r' {
				continue // a blank line is no row
			}
			c.inRow, c.col = true, 0
			c.buf = append(c.buf, '{')
			c.startCell()
		}
		if c.inQuote {
			if c.quote {
				c.quote = false
				switch ch {
				case '"':
					c.text('"')
					continue
				case ',', '\n', '\r':
					c.inQuote = false // the cell's end: handled below
				default:
					c.text('"')
					c.text(ch)
					continue
				}
			} else {
				if ch == '"' {
					c.quote = true
				} else {
					c.text(ch)
				}
				continue
			}
		}
		if c.cr {
			c.cr = false
			if ch != '\n' {
				c.text('\r')
			}
		}
		switch {
		case ch == '"' && c.fieldStart:
			c.inQuote, c.fieldStart = true, false
		case ch == ',':
			c.endCell()
			c.col++
			c.startCell()
		case ch == '\n':
			c.endRow()
		case ch == '\r':
			c.cr = true
		default:
			c.text(ch)
		}
	}
}
