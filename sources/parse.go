package sources

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLineLen is the longest line the parser reads; the rest is dropped.
const MaxLineLen = 64 * 1024

// Parser turns log lines into Records. It is not safe for concurrent use:
// it caches the last timestamp it decoded.
type Parser struct {
	// Year, when non-zero, is the year the log starts in (--year): RFC
	// 3164 timestamps carry none. A line more than a day before the
	// log's first dated one (yearFrom) is in a later year: the log runs
	// over New Year. Otherwise the year is inferred: the latest that
	// puts the line no later than a day after Anchor, or after Now
	// without one.
	Year int
	// Anchor, when set, is the time of the log's last line (a replay's
	// newest file): an archive's lines are dated by its end, not by
	// today, so that one file does not run over two years.
	Anchor time.Time
	// Now returns the current time for year inference; nil means time.Now.
	Now func() time.Time
	// Loc is the zone of timestamps that carry none; nil means time.Local.
	Loc *time.Location

	// yearFrom is the first dated line's time with Year: set by the
	// first such line, or beforehand for a replay parsed on several
	// cores (setYearFrom).
	yearFrom time.Time

	// unwrapping is set while a wrapped line is parsed (see wrapped), so
	// that a line is unwrapped once only.
	unwrapping bool

	// lastStamp is the RFC 3164 "Mmm dd hh:mm:ss" last decoded, copied:
	// the line it came from may be overwritten (a replay reuses its read
	// blocks). Room for another locale's month, up to 18 bytes in all
	// ("дек  1 10:00:00").
	lastStamp [24]byte
	lastLen   int
	lastTime  time.Time
	// lastHead and lastTail are lastStamp's first and last 8 bytes: two
	// word compares tell a line with the same stamp.
	lastHead, lastTail uint64

	// isoSecond is the "YYYY-MM-DDThh:mm:ss" of the RFC 3339 stamp last
	// decoded and isoZone its zone ("Z", "+01:00", "+0100"), copied as
	// lastStamp is; isoTime is that second. isoZoneLen 0: none kept.
	isoSecond  [19]byte
	isoZone    [6]byte
	isoZoneLen int
	isoTime    time.Time
}

// NewParser returns a Parser with the default year inference and zone.
func NewParser() *Parser { return &Parser{} }

// clone returns a parser with p's settings and an empty cache, for
// another goroutine.
func (p *Parser) clone() *Parser {
	return &Parser{Year: p.Year, Anchor: p.Anchor, Now: p.Now, Loc: p.Loc, yearFrom: p.yearFrom}
}

// inferYear dates a stamp without a year: the latest year that puts it no
// later than a day after the reference (Anchor, or now).
func (p *Parser) inferYear(mon time.Month, day, hh, mm, ss int) time.Time {
	ref := p.Anchor
	if ref.IsZero() {
		ref = time.Now()
		if p.Now != nil {
			ref = p.Now()
		}
	}
	limit := ref.Add(24 * time.Hour)
	for y := ref.Year() + 1; ; y-- {
		t := time.Date(y, mon, day, hh, mm, ss, 0, p.loc())
		if t.Month() != mon && y > ref.Year()-8 {
			continue // no such day that year (Feb 29): a leap year's
		}
		if !t.After(limit) || y < ref.Year()-1 {
			return t
		}
	}
}

// forwardYear dates a stamp without a year with --year: in Year, or a
// later year when that puts it more than a day before the log's first
// dated line (the log ran over New Year).
func (p *Parser) forwardYear(mon time.Month, day, hh, mm, ss int) time.Time {
	t := time.Date(p.Year, mon, day, hh, mm, ss, 0, p.loc())
	if p.yearFrom.IsZero() {
		p.yearFrom = t
		return t
	}
	for y := p.Year + 1; (t.Before(p.yearFrom.Add(-24*time.Hour)) || t.Month() != mon) && y <= p.Year+8; y++ {
		t = time.Date(y, mon, day, hh, mm, ss, 0, p.loc())
	}
	return t
}

// ParseBytes parses a line held in a reused buffer: it copies the line once,
// so the Record stays valid after the buffer changes.
func (p *Parser) ParseBytes(line []byte, r *Record) {
	if len(line) > MaxLineLen {
		line = line[:MaxLineLen]
	}
	p.Parse(string(line), r)
}

// Parse fills r from one log line. It never fails: a line it cannot read
// is EvInvalid with Reason saying why.
//
// Besides whole syslog lines it reads lines as they are pasted or as
// container tools hand them over: a container prefix is stripped first
// (see stripPrefix); the timestamp, the host and the program tag may each
// be missing, and a message with neither header nor tag is read as a bare
// Postfix message (see parseBare). A line that reads as none of these is
// looked at as a log pipeline exports one (see reread). A line without a timestamp gets the
// container runtime's, if any, and otherwise a zero Time.
func (p *Parser) Parse(line string, r *Record) {
	*r = Record{}
	p.parseZeroed(line, r)
}

// parseZeroed is Parse into a record already cleared: a replay's workers
// clear a whole slice of records at once, which costs a fraction of
// clearing them one by one.
func (p *Parser) parseZeroed(line string, r *Record) {
	if len(line) > MaxLineLen {
		line = line[:MaxLineLen]
	}
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	p.parseLine(line, r)
	if r.Event == EvInvalid && !p.unwrapping {
		// Off the common path: a pipeline's export of a whole line.
		// Not in a message read as a line of its own (see wrapped):
		// its text is a sender's or a receiver's.
		p.reread(line, r)
	}
}

// parseLine is parseZeroed on a line cut to MaxLineLen and without its
// line end.
func (p *Parser) parseLine(line string, r *Record) {
	var outer string
	if len(line) < 4 || line[3] != ' ' || line[0] < 'A' || line[0] > 'Z' {
		// Not "Nov 28 ...": there may be a container prefix.
		line, outer = stripPrefix(line)
	}
	r.Line = line
	if len(line) == 0 {
		r.Event, r.Reason = EvInvalid, "empty line"
		return
	}
	if line[0] == 'f' {
		if quoted, ok := ansibleLines(line); ok {
			p.parseAnsible(line, quoted, r)
			return
		}
	}
	rest, h := line, hdrNone
	switch c := line[0]; {
	case c == '{':
		p.parseJournal(line, r)
		checkYear(r)
		return
	case c == '<':
		if len(line) > 1 && !isDigit(line[1]) {
			// No priority: a bounce report's recipient line.
			break
		}
		rest, h = p.header5424(line, r)
		if h == hdrBad {
			if _, _, ok := noticeRecipient(line); ok {
				// A notice's "<rcpt>: ..." paragraph, no priority.
				rest, h, r.Reason = line, hdrNone, ""
			}
		}
	case isDigit(c):
		if len(line) > 5 && line[4] == '-' {
			rest, h = p.header3339(line, r)
		} else if len(line) > 7 && (line[1] == ':' || line[2] == ':') {
			// "3:04:29 host ...": a time of day with no date.
			rest, h = headerClock(line, r)
			if n := minutesLen(line); h == hdrNone && n > 0 && !p.unwrapping {
				// "03:04 host ...": a paste shortened the time of
				// day, as no syslog daemon writes it in a line that
				// another wraps.
				rest, h = line[n+1:], hdrStamp
			} else if h == hdrNone {
				rest = line
			}
		} else if t, n, ok := parseUnixStamp(line); ok {
			// journalctl -o short-unix: "1795924800.123456 host ...".
			r.Time, rest, h = t, line[n+1:], hdrStamp
		} else if len(line) > 5 && line[4] == ' ' && isDigit(line[1]) && isDigit(line[2]) && isDigit(line[3]) {
			// "2013 Jun 10 15:38:18.123 host ...": a year before an RFC 3164 stamp.
			if y, okY := atoi(line[:4]); okY {
				rest, h = p.header3164(line[5:], r, y)
				if h == hdrNone {
					rest = line
				}
			}
		} else if mon, _ := monthAt(line); mon != 0 {
			// "2月 06 22:53:25 host ...": a month of a Chinese, Japanese
			// or Korean locale, its number first (localMonths).
			rest, h = p.header3164(line, r, 0)
		}
	case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c >= utf8.RuneSelf:
		// Lower case and other scripts: months and weekdays of other
		// locales (localMonths).
		rest, h = p.header3164(line, r, 0)
		if h == hdrNone {
			rest, h = p.headerShortFull(line, r)
		}
		if h == hdrNone {
			rest, h = p.headerCtime(line, r)
		}
		if h == hdrNone || h == hdrBad {
			// A log viewer's date that starts like a stamp and is
			// none ("Jul 8, 2022 @ 10:50:44.123 | ") before a stamped
			// line: stripPrefix was spared such a line.
			if in, ok := stripLevelRow(line); ok && outer == "" {
				*r = Record{}
				p.parseLine(in, r)
				return
			}
		}
	}
	switch h {
	case hdrBad:
		r.Event = EvInvalid
	case hdrStamp:
		p.parseStamped(rest, r)
	case hdrTagged:
		p.parseBody(rest, r)
	default:
		p.parseUnstamped(rest, r)
	}
	if outer != "" {
		p.outerTime(outer, line, r)
	}
	checkYear(r)
}

// outerTime dates r, read from line, by outer, the stamp a container
// runtime or a log table wrote before it. A runtime's stamp (docker logs
// -t, CRI) is absolute: it dates a line with no time of its own, and one
// whose own stamp names no zone, which is the container's local time
// (UTC unless its image sets TZ), not necessarily this host's.
func (p *Parser) outerTime(outer, line string, r *Record) {
	t, _, ok := parse3339(outer)
	switch {
	case ok && (r.Time.IsZero() || !zonedStamp(line)):
		r.Time = t
	case !ok && r.Time.IsZero():
		// A log table's time without a zone is the viewer's local
		// time, as a header's is.
		if t, i, ok := p.parseLocalISO(outer); ok && i == len(outer) {
			r.Time = t
		}
	}
}

// zonedStamp tells whether line starts with a stamp that names its
// offset from UTC: RFC 3339's, RFC 5424's, or Unix seconds. RFC 3164's,
// ctime's and an ISO stamp without a zone are local times.
func zonedStamp(line string) bool {
	switch c := line[0]; {
	case c == '<':
		// RFC 5424's "<PRI>1 STAMP", or RFC 3164's stamp after its
		// priority.
		if i := strings.IndexByte(line[:min(len(line), 6)], '>'); i > 0 {
			rest := strings.TrimPrefix(line[i+1:], "1 ")
			return rest != "" && rest[0] != '<' && zonedStamp(rest)
		}
		return false
	case isDigit(c) && len(line) > 4 && line[4] == '-':
		_, _, ok := parse3339(line)
		return ok
	case isDigit(c):
		_, _, ok := parseUnixStamp(line)
		return ok
	}
	return false
}

// maxRereads bounds the places reread tries in a line, each a parse.
const maxRereads = 4

// reread reads line, which did not read as a log line, as a log
// pipeline or a syslog template exports one, and leaves r as it is when
// that fails too: with tabs between the header's fields, as RFC 5424
// without its priority, or as a whole syslog line after what the
// pipeline wrote before it (a stamp, a stream's name, labels, cells of
// a row; see nextHeader). Only a line with a program tag counts.
func (p *Parser) reread(line string, r *Record) {
	if line == "" || line[0] == '{' {
		return // JSON needs a reader of its own
	}
	var t Record
	if len(line) > 22 && line[0] == '1' && line[1] == ' ' && isRFC3339Word(line[2:]) {
		t = Record{Line: line}
		if rest, h := p.fields5424(line[2:], &t); h == hdrTagged {
			p.parseBody(rest, &t)
			if checkYear(&t); tagged(&t) {
				*r = t
				return
			}
		}
	}
	for i, n := nextHeader(line, 0), 0; i > 0 && n < maxRereads; i, n = nextHeader(line, i), n+1 {
		if !exportPrefix(line[:i]) {
			continue
		}
		s := line[i:]
		if line[i-1] == '\t' {
			// A row's cell: a tab ends it, and what follows (the
			// export's own fields) is no part of the line.
			if j := strings.IndexByte(s, '\t'); j > 0 {
				s = s[:j]
			}
		}
		t = Record{}
		p.parseLine(s, &t)
		if tagged(&t) {
			// The pipeline's stamp with its zone dates a line whose
			// own stamp names none, the sender's local time, as a
			// runtime's does (outerTime).
			if stamp, _, ok := parse3339(line); ok && (t.Time.IsZero() || !zonedStamp(s)) {
				t.Time = stamp
				checkYear(&t)
			}
			*r = t
			return
		}
	}
	if head := syslogHead(line); strings.IndexByte(head, '\t') >= 0 {
		// Tabs between the header's fields. Only in the header up to
		// the tag, as for no-break spaces: a message's own tabs stay.
		t = Record{}
		p.parseLine(strings.ReplaceAll(head, "\t", " ")+line[len(head):], &t)
		if tagged(&t) {
			*r = t
		}
	}
}

// tagged tells a record that reread can take: it read, and a program
// tag named who wrote it.
func tagged(r *Record) bool {
	return r.Event != EvInvalid && r.Program != "" && r.Program != BareProgram
}

// Unix seconds of 0000-01-01 and of 9999-12-31 23:59:59 UTC: the times
// RFC 3339, and so JSON, can write.
const minStampUnix, maxStampUnix = -62167219200, 253402300799

// checkYear makes a line whose time is past the years RFC 3339 can write
// (a damaged stamp, an offset past 9999-12-31) invalid: one such time
// would fail every JSON report that shows it.
func checkYear(r *Record) {
	if s := r.Time.Unix(); s < minStampUnix || s > maxStampUnix {
		*r = Record{Line: r.Line, Event: EvInvalid, Reason: "timestamp out of range"}
	}
}

// header says what a header reader found at the start of a line.
type header uint8

const (
	hdrNone   header = iota // no timestamp: the text is all that follows
	hdrStamp                // a timestamp: host and tag follow
	hdrTagged               // RFC 5424: time, host and program read; the message follows
	hdrBad                  // a timestamp that breaks off; Reason says how
)

// parseStamped reads "[priority] [host] [priority] prog[pid]: text" after a
// timestamp. The host is missing when Postfix logs to a file or stdout
// (maillog_file); a priority ("mail.info", "ERR") stands before or after it
// in busybox's and some containers' syslog formats.
func (p *Parser) parseStamped(s string, r *Record) {
	s = trimSpaces(s)
	// A plain loop: the host is a short word, shorter than IndexByte's
	// setup pays for.
	i := 0
	for i < len(s) && s[i] != ' ' {
		i++
	}
	tok, after := s, ""
	if i < len(s) {
		tok, after = s[:i], s[i+1:]
	}
	if tok != "" && tok[0] == '[' {
		if host, prog, ok := bracketTag(tok); ok {
			r.Host, r.Program = host, prog
			p.parseTagged(trimSpaces(after), r)
			return
		}
		// A host name a post hid behind a placeholder, "[my server]":
		// the tag follows it.
		if j := strings.IndexByte(s, ']'); j > i && j+1 < len(s) && s[j+1] == ' ' && j < 64 {
			if rest, ok := parseTag(trimSpaces(s[j+2:]), r); ok && r.PID != 0 && isPostfixTag(r.Program) {
				r.Host = s[:j+1]
				p.parseTagged(rest, r)
				return
			}
			r.Program, r.PID = "", 0
		}
	}
	if !isTagToken(tok) {
		if tok == "" {
			r.Event, r.Reason = EvInvalid, "no host"
			return
		}
		r.Host = tok
		s = trimSpaces(after)
	}
	rest, ok := parseTag(s, r)
	if !ok {
		// Off the common path: look for a priority.
		r.Program, r.PID = "", 0
		rest, ok = tagAfterPriority(s, r)
		if !ok {
			r.Program, r.PID = "", 0
			r.Event, r.Reason = EvInvalid, "no program tag"
			return
		}
	} else if h := r.Host; h != "" && 'A' <= h[0] && h[0] <= 'Z' && isPriority(h) {
		r.Host = "" // "ERR   postfix/tlsmgr[143]: ...": a level, no host
	}
	p.parseTagged(rest, r)
}

// bracketTag reads the "[node:module:postfix/smtp]" that the log viewers
// of some appliances write after the time in place of host and tag: the last
// element is the syslog tag, those before it name where the line came
// from. metalog writes the tag alone, "[postfix/smtp]", with no host; a
// bare word must then hold Postfix's "/" so that a host placeholder such
// as "[postfix]" stays a host. Only a Postfix tag is taken, without a pid.
func bracketTag(tok string) (host, prog string, ok bool) {
	if len(tok) < 4 || tok[len(tok)-1] != ']' {
		return "", "", false
	}
	in := tok[1 : len(tok)-1]
	i := strings.LastIndexByte(in, ':')
	switch {
	case i < 0 && strings.IndexByte(in, '/') > 0:
		host, prog = "", in
	case i <= 0:
		return "", "", false
	default:
		host, prog = in[:i], in[i+1:]
	}
	if !isProgramName(prog) || !isPostfixTag(prog) || strings.ContainsAny(host, "[] ") {
		return "", "", false
	}
	return host, prog, true
}

// tagAfterPriority reads the tag of a line whose priority stood where the
// host or the tag was expected: "ERR postfix/...", "mail.info mx1
// postfix/..." (then r.Host holds the priority and s what followed it) or
// "mx1 mail.info postfix/..." (s starts with the priority).
func tagAfterPriority(s string, r *Record) (string, bool) {
	if isPriority(r.Host) || isBracketPriority(r.Host) {
		r.Host = ""
		if tok, after := firstToken(s); !isTagToken(tok) && tok != "" {
			r.Host, s = tok, trimSpaces(after)
		}
	}
	if tok, after := firstToken(s); isPriorityWord(tok) {
		s = trimSpaces(after)
	}
	return parseTag(s, r)
}

// isPriorityWord reports whether tok is a priority as syslog templates
// write it between the host and the tag: written out (see isPriority),
// in brackets (see isBracketPriority), or as its number ("22",
// syslog-ng's $PRI). A number where the host was expected is the host,
// or a stamp's remains.
func isPriorityWord(tok string) bool {
	if v, ok := atoi(tok); ok && len(tok) <= 3 {
		return v <= 191 // facility local7 at level debug
	}
	return isPriority(tok) || isBracketPriority(tok)
}

// isBracketPriority reports whether tok is "<mail.info>" or
// "[mail.info]", as syslog-ng's and rsyslog's templates put a priority
// before or after the host.
func isBracketPriority(tok string) bool {
	n := len(tok)
	return n > 4 && (tok[0] == '<' && tok[n-1] == '>' || tok[0] == '[' && tok[n-1] == ']') &&
		strings.IndexByte(tok, '.') > 0 && isPriority(tok[1:n-1])
}

// parseUnstamped reads a line without a timestamp: "prog[pid]: text",
// "host prog[pid]: text", or a bare message.
func (p *Parser) parseUnstamped(s string, r *Record) {
	// Before the tag: "postfix.service: ..." would read as a Postfix tag.
	if systemdBare(s, r) {
		return
	}
	if len(s) > 0 && (s[0] == '<' || s[0] == 'D' || s[0] == ':') && parseBounce(s, r) {
		return
	}
	if rest, ok := parseTag(s, r); ok {
		if r.PID == 0 && isGenericMailCommand(r.Program) && hasSeverityLabel(rest) {
			// Postfix's sendmail logs the same message as postfix/sendmail.
			r.Program = "postfix/" + r.Program
		}
		// "warning: ..." and "3F2A1C0: ..." look like a tag without a pid.
		if isProgramName(r.Program) && (r.PID != 0 || isPostfixTag(r.Program) || !bareHead(r.Program)) && !scriptFind(r, rest) {
			p.parseTagged(rest, r)
			return
		}
	}
	r.Program, r.PID = "", 0
	if tok, after := firstToken(s); tok != "" && !isTagToken(tok) {
		t := trimSpaces(after)
		if tok2, after2 := firstToken(t); isPriority(tok2) {
			t = trimSpaces(after2)
		}
		if rest, ok := parseTag(t, r); ok && isProgramName(r.Program) && (r.PID != 0 || isPostfixTag(r.Program)) {
			r.Host = tok
			p.parseTagged(rest, r)
			return
		}
		r.Program, r.PID = "", 0
	}
	if p.daemonBeforeSeverity(s, r) {
		return
	}
	if checkerBare(s, r) {
		return
	}
	if !parseBare(s, r) {
		line := r.Line
		*r = Record{Line: line}
		if rest, ok := countedDetail(s); !ok || !parseBare(rest, r) {
			*r = Record{Line: line, Event: EvInvalid, Reason: "no syslog header"}
		}
	}
}

// daemonBeforeSeverity reads a message quoted after its daemon's name
// and a space instead of the tag's colon ("smtpd fatal: ...",
// "postfix/submission/smtpd warning: ..."), as prose names who said it:
// Postfix's severity label must follow the name, and a daemon's name
// without its syslog name counts only for a message it logs (see
// daemonAlone). It reports whether it read one.
func (p *Parser) daemonBeforeSeverity(s string, r *Record) bool {
	tok, after := firstToken(s)
	if tok == "" || !isProgramName(tok) || !hasSeverityLabel(after) {
		return false
	}
	name := tok[strings.LastIndexByte(tok, '/')+1:]
	if !postfixDaemons[name] || isGenericMailCommand(name) {
		return false
	}
	t := *r
	t.Program, t.PID = tok, 0
	if strings.IndexByte(tok, '/') < 0 {
		if !daemonAlone(after, &t) {
			return false
		}
	} else {
		if !isPostfixTag(tok) {
			return false
		}
		p.parseTagged(after, &t)
	}
	*r = t
	return true
}

// scriptFind tells find(1)'s complaint about a path, as postfix check and
// postfix start print it when postfix-script's find runs over the queue
// directory ("find: PATH: error"): read whole as a bare message, the
// knowledge base's entries for it see find's words and the path.
func scriptFind(r *Record, rest string) bool {
	return r.Program == "find" && r.PID == 0 && (strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "'/") || strings.HasPrefix(rest, "‘/"))
}

// isProgramName reports whether a tag read from a line without a header
// can name a program: letters, digits and "._-/" only, so that text such
// as "relay=mx[192.0.2.7]:25" is not taken for one.
func isProgramName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && c != '.' && c != '_' && c != '-' && c != '/' {
			return false
		}
	}
	return s != ""
}

// parseBody reads "prog[pid]: text" after the host, or the text alone when
// the header already gave the program (RFC 5424, journald).
func (p *Parser) parseBody(rest string, r *Record) {
	if r.Program == "" {
		var ok bool
		rest, ok = parseTag(rest, r)
		if !ok {
			r.Event, r.Reason = EvInvalid, "no program tag"
			return
		}
	}
	p.parseTagged(rest, r)
}

// parseTagged reads the text after a program tag.
func (p *Parser) parseTagged(rest string, r *Record) {
	if name, ok := commandPath(r.Program); ok {
		r.Program = name
	}
	if commandStderr(rest) && p.commandLine(rest, r) {
		return
	}
	if !isPostfixTag(r.Program) {
		if p.wrapped(rest, r) || daemonAlone(rest, r) {
			return
		}
		r.Event = EvOther
		r.Message = rest
		switch {
		case r.Program == "dovecot":
			dovecotLine(rest, r)
		case r.Program == "opendkim" || r.Program == "opendmarc":
			checkerLine(rest, r)
		case r.Program == "systemd":
			systemdLine(rest, r)
		case r.Program == "kernel":
			kernelLine(rest, r)
		}
		return
	}
	splitTag(r)
	if len(rest) > 0 && rest[0] == '[' {
		rest = skipMessageID(rest)
	}
	parseMessage(rest, r)
}

// daemonAlone reads the message of a tag that is a Postfix daemon's name
// without its syslog name ("qmgr[123]: ", as a paste shortens the tag) as
// that daemon's, when it has a shape Postfix logs: a record the daemon's
// parser claims, a delivery with a status Postfix writes, a warning (by
// Postfix's label) the knowledge base knows. Other programs share some
// of these names (OpenSMTPD's smtpd; Sendmail's sendmail is left out),
// and their lines have none of these shapes. It reports whether it read
// one.
func daemonAlone(msg string, r *Record) bool {
	if !postfixDaemons[r.Program] || isGenericMailCommand(r.Program) {
		return false
	}
	t := *r
	splitTag(&t)
	parseMessage(msg, &t)
	switch t.Event {
	case EvUnknown, EvOther, EvInvalid:
		return false
	case EvDelivery:
		if t.Status == StatusNone {
			return false
		}
	case EvWarning:
		if t.Known == 0 || t.Severity == SevInfo {
			return false
		}
	}
	*r = t
	return true
}

// wrapped reads a message that is itself a whole Postfix log line with
// its own header, as a host's journal or syslog keeps a container's output
// under the container's tag (docker's journald driver tags lines with the
// container's id or name, docker-compose's own output keeps its service
// prefix): the inner line is parsed in its own right and
// keeps the outer time when it has none. It reports whether msg was one.
func (p *Parser) wrapped(msg string, r *Record) bool {
	if p.unwrapping || len(msg) < 20 {
		return false
	}
	// Cheap test first: a header's stamp, a Postfix tag or the service
	// prefix of docker compose's output (the journal keeps it when
	// docker-compose runs as a service), then a tag.
	if c := msg[0]; !isDigit(c) && (c < 'A' || c > 'Z') && !strings.HasPrefix(msg, "postfix") &&
		len(stripComposePrefix(msg)) == len(msg) {
		return false
	}
	head := msg[:min(len(msg), 160)]
	if !strings.Contains(head, "postfix") && !strings.Contains(head, "]: ") {
		return false
	}
	var in Record
	p.unwrapping = true
	p.parseZeroed(msg, &in)
	p.unwrapping = false
	if in.Event == EvInvalid || in.Event == EvOther || !isPostfixTag(in.Program) {
		return false
	}
	if in.Time.IsZero() {
		in.Time = r.Time
	}
	line := r.Line
	*r = in
	r.Line = line
	return true
}

// commandPath returns the name of a Postfix command or daemon that a tag
// names by its path ("/usr/sbin/postconf"): a command run by its path
// writes that path before its messages.
func commandPath(tag string) (string, bool) {
	if len(tag) < 2 || tag[0] != '/' {
		return tag, false
	}
	name := tag[strings.LastIndexByte(tag, '/')+1:]
	if IsPostfixCommand(name) || postfixDaemons[name] {
		return name, true
	}
	return tag, false
}

// commandStderr reports whether msg is what a Postfix command writes to
// its standard error ("postconf: warning: ...", by name or by path), as
// a start script or a service manager logs it under its own tag or under
// the postfix command's.
func commandStderr(msg string) bool {
	// Every line passes here: only a command's name or a path goes on.
	if msg == "" || msg[0] != 'p' && msg[0] != '/' && msg[0] != 'n' {
		return false
	}
	tag, rest, ok := strings.Cut(msg[:min(len(msg), 128)], ": ")
	if !ok || strings.IndexByte(tag, ' ') >= 0 {
		return false
	}
	name, _ := commandPath(tag)
	if !IsPostfixCommand(name) && name != "postfix" {
		return false
	}
	return hasSeverityLabel(rest)
}

// hasSeverityLabel reports whether msg starts with the label Postfix's
// msg(3) puts before a warning, error, fatal or panic message.
func hasSeverityLabel(msg string) bool {
	for _, sev := range [...]string{"warning: ", "error: ", "fatal: ", "panic: "} {
		if strings.HasPrefix(msg, sev) {
			return true
		}
	}
	return false
}

// isGenericMailCommand reports the sendmail-compatible command names that
// other mail systems have too: their terminal output is Postfix's only
// with Postfix's severity label after the name.
func isGenericMailCommand(name string) bool {
	return name == "sendmail" || name == "mailq"
}

// commandLine reads a command's standard error kept inside another line
// as that command's own line: on the host and at the time of the line
// that holds it, where the command ran. It reports whether it read one.
func (p *Parser) commandLine(msg string, r *Record) bool {
	if p.unwrapping {
		return false
	}
	var in Record
	p.unwrapping = true
	p.parseZeroed(msg, &in)
	p.unwrapping = false
	if in.Event == EvInvalid || !isPostfixTag(in.Program) {
		return false
	}
	in.Time, in.Host, in.Line = r.Time, r.Host, r.Line
	*r = in
	return true
}

// skipMessageID returns s past the "[ID 197553 mail.info] " that Solaris
// and illumos syslogd write before a message, or s when it has none.
func skipMessageID(s string) string {
	if !strings.HasPrefix(s, "[ID ") {
		return s
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return s
	}
	num, prio, ok := strings.Cut(s[len("[ID "):end], " ")
	if !ok || num == "" || strings.Trim(num, "0123456789") != "" || !strings.Contains(prio, ".") || !isPriority(prio) {
		return s
	}
	return trimSpaces(s[end+1:])
}

func trimSpaces(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return s
}

// firstToken splits s at its first space.
func firstToken(s string) (tok, rest string) {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// isTagToken reports whether tok is a whole "prog:" or "prog[pid]:".
func isTagToken(tok string) bool {
	return len(tok) >= 2 && tok[len(tok)-1] == ':' && isWholeTag(tok)
}

func isWholeTag(tok string) bool {
	n := len(tok)
	if strings.IndexByte(tok, ':') != n-1 {
		return false
	}
	i := strings.IndexByte(tok, '[')
	return i != 0 && (i < 0 || tok[n-2] == ']')
}

// tagEnd classes a tag's bytes: tagName goes on, tagStop ('[' or ':')
// ends the program name, tagNone (a space or a control byte) means there
// is no tag. One table lookup a byte: the loop runs on every line.
var tagEnd = func() (t [256]uint8) {
	for c := 0; c <= ' '; c++ {
		t[c] = tagNone
	}
	t['['], t[':'] = tagStop, tagStop
	return t
}()

const (
	tagName = iota
	tagStop
	tagNone
)

// parseTag reads "prog[pid]: " or "prog: " and returns the text after it.
func parseTag(s string, r *Record) (string, bool) {
	end := 0
	if strings.HasPrefix(s, "postfix/") {
		end = len("postfix/") // most tags: no stop among these bytes
	}
	for end < len(s) && tagEnd[s[end]] == tagName {
		end++
	}
	if end == 0 || end == len(s) || tagEnd[s[end]] == tagNone {
		return s, false
	}
	r.Program = s[:end]
	s = s[end:]
	if s[0] == '[' {
		// The pid's digits, then usually ']' at once.
		j, pid := 1, 0
		for j < len(s) && isDigit(s[j]) {
			pid = pid*10 + int(s[j]-'0')
			j++
		}
		if j == len(s) || s[j] != ']' || j > 19 {
			// Not a pid atoi reads: anything up to ']'.
			if j = strings.IndexByte(s, ']'); j < 0 {
				return s, false
			}
			pid, _ = atoi(s[1:j])
		}
		r.PID = pid
		s = s[j+1:]
	}
	if len(s) == 0 || s[0] != ':' {
		return s, false
	}
	s = s[1:]
	if len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return s, true
}

// postfixDaemons are the program names Postfix uses; a tag whose syslog
// name was changed to something not starting with "postfix" is still known
// by its last element.
var postfixDaemons = map[string]bool{
	"smtp": true, "smtpd": true, "lmtp": true, "qmgr": true, "cleanup": true, "pickup": true,
	"master": true, "anvil": true, "bounce": true, "defer": true, "trace": true, "error": true,
	"retry": true, "discard": true, "local": true, "virtual": true, "pipe": true, "postscreen": true,
	"dnsblog": true, "tlsproxy": true, "tlsmgr": true, "scache": true, "verify": true,
	"proxymap": true, "trivial-rewrite": true, "showq": true, "flush": true, "postdrop": true,
	"sendmail": true, "postsuper": true, "postqueue": true, "postlogd": true, "postlog": true,
	"oqmgr": true, "spawn": true, "qmqpd": true, "postmap": true, "postalias": true,
	"postfix-script": true, "postmulti": true, "postfix": true,
}

// IsPostfixCommand reports Postfix's administration commands, which write
// "postmap: fatal: ..." to the terminal (and so into tickets) with no
// syslog name before their own. Generic names (sendmail, mailq) are left
// out: other mail systems have them too.
func IsPostfixCommand(tag string) bool {
	switch tag {
	case "postmap", "postalias", "postconf", "postsuper", "postqueue", "postdrop", "postcat", "postkick",
		"postlock", "postlog", "postmulti", "newaliases":
		return true
	}
	return false
}

func isPostfixTag(tag string) bool {
	if strings.HasPrefix(tag, "postfix") {
		return true
	}
	if i := strings.LastIndexByte(tag, '/'); i >= 0 {
		return postfixDaemons[tag[i+1:]]
	}
	return IsPostfixCommand(tag)
}

func splitTag(r *Record) {
	if i := strings.LastIndexByte(r.Program, '/'); i >= 0 {
		r.SyslogName, r.Daemon = r.Program[:i], r.Program[i+1:]
	} else {
		r.SyslogName, r.Daemon = r.Program, r.Program
	}
}

// word returns s[i:i+8] as a little-endian integer: one load.
func word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// monthOf returns 1..12 for an English month abbreviation, 0 otherwise.
func monthOf(m string) int {
	switch m {
	case "Jan":
		return 1
	case "Feb":
		return 2
	case "Mar":
		return 3
	case "Apr":
		return 4
	case "May":
		return 5
	case "Jun":
		return 6
	case "Jul":
		return 7
	case "Aug":
		return 8
	case "Sep":
		return 9
	case "Oct":
		return 10
	case "Nov":
		return 11
	case "Dec":
		return 12
	}
	return 0
}

// localMonths are the month abbreviations strftime's %b writes in other
// common locales, lower-cased: journalctl's short output follows the
// shell's LC_TIME, so a ticket pasted from a German shell reads "Dez 01
// 10:00:00 mx1 postfix/...". No abbreviation means two months.
var localMonths = func() map[string]int {
	byMonth := [12][]string{
		{"jan", "janv.", "ene", "gen", "sty", "led", "oca", "tammi", "янв", "січ"},
		{"feb", "févr.", "fev", "lut", "úno", "şub", "febr", "helmi", "фев", "лют"},
		{"mar", "mär", "mars", "mrt", "bře", "márc", "maalis", "мар", "бер"},
		{"apr", "avr.", "avril", "abr", "kwi", "dub", "nis", "ápr", "april", "huhti", "апр", "кві"},
		{"may", "mai", "mag", "mei", "maj", "kvě", "máj", "touko", "мая", "май", "тра"},
		{"jun", "juin", "giu", "cze", "čen", "čvn", "haz", "jún", "juni", "kesä", "июн", "чер"},
		{"jul", "juil.", "lug", "lip", "čec", "čvc", "tem", "júl", "juli", "heinä", "июл", "лип"},
		{"aug", "août", "ago", "sie", "srp", "ağu", "aug.", "elo", "авг", "сер"},
		{"sep", "sept.", "set", "wrz", "zář", "eyl", "szept", "sep.", "syys", "сен", "вер"},
		{"oct", "okt", "ott", "out", "paź", "říj", "eki", "okt.", "loka", "окт", "жов"},
		{"nov", "nov.", "lis", "kas", "marras", "ноя", "лис"},
		{"dec", "déc.", "dez", "dic", "gru", "pro", "ara", "des.", "joulu", "дек", "гру"},
	}
	m := map[string]int{}
	for i, names := range byMonth {
		// Chinese and Japanese (月) and Korean (월) locales write the
		// month's number and the month sign: "2月 06 22:53:25".
		names = append(names, strconv.Itoa(i+1)+"月", strconv.Itoa(i+1)+"월")
		for _, n := range names {
			if m[n] != 0 {
				panic("month abbreviation listed twice: " + n)
			}
			m[n] = i + 1
		}
	}
	return m
}()

// maxLocalMonth is the longest abbreviation in localMonths, in bytes.
const maxLocalMonth = 6

// monthAt reads the month abbreviation that starts s: 1..12 and its
// length in bytes, or 0 when s does not start with one.
func monthAt(s string) (mon, n int) {
	if len(s) > 3 && s[3] == ' ' {
		if mon = monthOf(s[:3]); mon != 0 {
			return mon, 3
		}
	}
	n = strings.IndexByte(s[:min(len(s), maxLocalMonth+1)], ' ')
	if n < 3 {
		return 0, 0
	}
	mon = localMonths[strings.ToLower(s[:n])]
	if mon == 0 || !clockAhead(s[n+1:]) {
		return 0, 0 // a word that only looks like a month: not a stamp
	}
	return mon, n
}

// clockAhead says whether s starts "dd hh:mm:ss" (the day padded with a
// space or not at all), as it does after a month.
func clockAhead(s string) bool {
	if len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	i := 0
	for i < len(s) && i < 2 && isDigit(s[i]) {
		i++
	}
	return i > 0 && len(s) >= i+9 && s[i] == ' ' && isDigit(s[i+1]) && s[i+3] == ':' && s[i+6] == ':'
}

func (p *Parser) loc() *time.Location {
	if p.Loc != nil {
		return p.Loc
	}
	return time.Local
}

// header3164 reads "Mmm dd hh:mm:ss[.frac] " (day padded with a space or a
// zero, or not at all) and returns the text after it. year is 0 when it
// must be inferred.
func (p *Parser) header3164(s string, r *Record, year int) (string, header) {
	// Lines come in runs with the same stamp: one that starts as the last
	// decoded one did, and a space follows, reads the same again. Its
	// first and last eight bytes cover a stamp of up to 16 only: a longer
	// month's name ("févr.", "marras") leaves the day between them.
	if n := p.lastLen; n >= 8 && n <= 16 && year == 0 && p.Year == 0 && len(s) > n && s[n] == ' ' && word(s, 0) == p.lastHead && word(s, n-8) == p.lastTail {
		r.Time = p.lastTime
		return s[n+1:], hdrStamp
	}
	mon, m := monthAt(s)
	if mon == 0 {
		return s, hdrNone
	}
	if len(s) < m+12 {
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	i := m + 1
	if s[i] == ' ' {
		i++
	}
	day := 0
	for j := 0; j < 2 && i < len(s) && isDigit(s[i]); j++ {
		day = day*10 + int(s[i]-'0')
		i++
	}
	if day < 1 || day > 31 || i+9 > len(s) || s[i] != ' ' {
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	i++
	clock := s[i : i+8]
	if clock[2] != ':' || clock[5] != ':' {
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	hh, ok1 := atoi2(clock[0:2])
	mm, ok2 := atoi2(clock[3:5])
	ss, ok3 := atoi2(clock[6:8])
	if !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 60 {
		if placeholderClock(clock) && i+8 < len(s) && s[i+8] == ' ' {
			// The time is unknown: the line has none, as an
			// unstamped one.
			return s[i+9:], hdrStamp
		}
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	stamp := s[:i+8]
	i += 8
	ns := 0
	if i < len(s) && s[i] == '.' {
		ns, i = fraction(s, i+1)
	}
	if i >= len(s) || s[i] != ' ' && !isLetter(s[i]) {
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	// A paste that lost the blank glues the host to the time
	// ("22:12:18mail").
	if s[i] == ' ' {
		i++
	}
	if year == 0 && p.Year == 0 && stamp == string(p.lastStamp[:p.lastLen]) {
		r.Time = p.lastTime
		if ns != 0 {
			r.Time = r.Time.Add(time.Duration(ns))
		}
	} else {
		var t time.Time
		switch {
		case year != 0:
			t = time.Date(year, time.Month(mon), day, hh, mm, ss, 0, p.loc())
		case p.Year != 0:
			t = p.forwardYear(time.Month(mon), day, hh, mm, ss)
		default:
			t = p.inferYear(time.Month(mon), day, hh, mm, ss)
			p.lastLen, p.lastTime = copy(p.lastStamp[:], stamp), t
			if p.lastLen < len(stamp) || p.lastLen < 8 {
				p.lastLen = 0 // too long (or short) to keep: never matches
			} else {
				p.lastHead, p.lastTail = word(stamp, 0), word(stamp, len(stamp)-8)
			}
		}
		r.Time = t.Add(time.Duration(ns))
	}
	return s[i:], hdrStamp
}

// placeholderClock reports whether clock, "..:..:..", is a word a manual
// or a post writes for the time of day ("HH:MM:SS", "hh:mm:ss",
// "XX:XX:XX"): each field one letter twice.
func placeholderClock(clock string) bool {
	for _, f := range [...]int{0, 3, 6} {
		if !isLetter(clock[f]) || clock[f+1] != clock[f] {
			return false
		}
	}
	return true
}

// fraction reads fractional-second digits from s[i:], returning nanoseconds
// and the index after the digits.
func fraction(s string, i int) (int, int) {
	ns, scale := 0, 100000000
	for i < len(s) && isDigit(s[i]) {
		if scale > 0 {
			ns += int(s[i]-'0') * scale
			scale /= 10
		}
		i++
	}
	return ns, i
}

// parse3339 reads "2026-11-28T10:57:03[.frac](Z|±hh:mm|±hhmm)" at the start
// of s.
// isoClock reads "YYYY-MM-DD[T ]hh:mm:ss[.frac]" at the start of s; i is
// where what follows (a zone, a space) starts.
func isoClock(s string) (y, mo, d, hh, mm, ss, ns, i int, ok bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return
	}
	y, ok0 := atoi(s[0:4])
	mo, ok1 := atoi2(s[5:7])
	d, ok2 := atoi2(s[8:10])
	hh, ok3 := atoi2(s[11:13])
	mm, ok4 := atoi2(s[14:16])
	ss, ok5 := atoi2(s[17:19])
	if !ok0 || !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
		return
	}
	i = 19
	if i < len(s) && (s[i] == '.' || s[i] == ',' && i+1 < len(s) && isDigit(s[i+1])) {
		// Python's logging and log4j write a comma before the fraction.
		ns, i = fraction(s, i+1)
	}
	return y, mo, d, hh, mm, ss, ns, i, true
}

func parse3339(s string) (time.Time, int, bool) {
	if len(s) < 20 {
		return time.Time{}, 0, false
	}
	y, mo, d, hh, mm, ss, ns, i, ok := isoClock(s)
	if !ok {
		return time.Time{}, 0, false
	}
	off := 0
	if i < len(s) && (s[i] == 'Z' || s[i] == 'z') {
		i++
	} else if i+5 <= len(s) && (s[i] == '+' || s[i] == '-') {
		// ±hh:mm, or ±hhmm as journalctl -o short-iso writes it.
		m := i + 3
		if s[m] == ':' {
			m++
		}
		if m+2 > len(s) {
			return time.Time{}, 0, false
		}
		oh, okh := atoi2(s[i+1 : i+3])
		om, okm := atoi2(s[m : m+2])
		if !okh || !okm {
			return time.Time{}, 0, false
		}
		off = oh*3600 + om*60
		if s[i] == '-' {
			off = -off
		}
		i = m + 2
	} else {
		return time.Time{}, 0, false
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ns, time.UTC).Add(-time.Duration(off) * time.Second)
	return t, i, true
}

func (p *Parser) header3339(s string, r *Record) (string, header) {
	if t, i, ok := p.cached3339(s); ok {
		r.Time = t
		return s[i+1:], hdrStamp
	}
	t, i, ok := parse3339(s)
	if ok && i < len(s) && s[i] == ' ' {
		p.keep3339(s[:i], t)
	}
	if !ok {
		// "2026-11-28 04:00:00 host ...": a template without a zone, in
		// local time as RFC 3164 stamps are.
		t, i, ok = p.parseLocalISO(s)
	}
	if !ok || i >= len(s) || s[i] != ' ' {
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	r.Time = t
	return s[i+1:], hdrStamp
}

// cached3339 reads an RFC 3339 stamp followed by a space when its second
// and zone are the last decoded one's: lines come in runs within one
// second, and only their fractions differ. i is the index of the space.
func (p *Parser) cached3339(s string) (time.Time, int, bool) {
	z := p.isoZoneLen
	if z == 0 || len(s) < 20 || s[:19] != string(p.isoSecond[:]) {
		return time.Time{}, 0, false
	}
	ns, i := 0, 19
	if s[i] == '.' || s[i] == ',' && len(s) > i+1 && isDigit(s[i+1]) {
		ns, i = fraction(s, i+1)
	}
	if len(s) <= i+z || s[i:i+z] != string(p.isoZone[:z]) || s[i+z] != ' ' {
		return time.Time{}, 0, false
	}
	return p.isoTime.Add(time.Duration(ns)), i + z, true
}

// keep3339 keeps the second and zone of stamp, which parse3339 read as t.
func (p *Parser) keep3339(stamp string, t time.Time) {
	i := 19
	if stamp[i] == '.' || stamp[i] == ',' {
		for i++; i < len(stamp) && isDigit(stamp[i]); i++ {
		}
	}
	copy(p.isoSecond[:], stamp)
	p.isoZoneLen = copy(p.isoZone[:], stamp[i:])
	if p.isoZoneLen < len(stamp)-i {
		p.isoZoneLen = 0 // cannot be: no zone is longer
	}
	p.isoTime = t.Add(-time.Duration(t.Nanosecond()))
}

// parseLocalISO reads "YYYY-MM-DD[T ]hh:mm:ss[.frac]" with no zone, in
// the parser's location.
func (p *Parser) parseLocalISO(s string) (time.Time, int, bool) {
	y, mo, d, hh, mm, ss, ns, i, ok := isoClock(s)
	if !ok {
		return time.Time{}, 0, false
	}
	return time.Date(y, time.Month(mo), d, hh, mm, ss, ns, p.loc()), i, true
}

// headerShortFull reads journalctl -o short-full's stamp, "Sat
// 2026-11-28 04:00:00[.frac] ZONE ": UTC and GMT as such, another zone
// name as the parser's location (a name does not say its offset).
func (p *Parser) headerShortFull(s string, r *Record) (string, header) {
	// The weekday: "Sat", or another locale's ("Sa", "sam.").
	w := strings.IndexByte(s[:min(len(s), 10)], ' ') + 1
	if w < 3 || len(s) < w+21 || !isDigit(s[w]) || s[w+4] != '-' {
		return s, hdrNone
	}
	t, i, ok := p.parseLocalISO(s[w:])
	if !ok || w+i >= len(s) || s[w+i] != ' ' {
		return s, hdrNone
	}
	zone, rest := firstToken(s[w+i+1:])
	if zone == "" || rest == "" {
		return s, hdrNone
	}
	for k := 0; k < len(zone); k++ {
		if c := zone[k]; (c < 'A' || c > 'Z') && c != '+' && c != '-' && !isDigit(c) {
			return s, hdrNone
		}
	}
	if zone == "UTC" || zone == "GMT" {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	r.Time = t
	return rest, hdrStamp
}

// clockLen returns the length of the "H:MM:SS" or "HH:MM:SS" that s
// starts with, fraction and all, and whether its fields are a time of day;
// n is 0 when s does not start with that shape.
func clockLen(s string) (n int, ok bool) {
	h := 1
	if len(s) > 2 && s[2] == ':' {
		h = 2
	}
	if len(s) < h+6 || s[h] != ':' || s[h+3] != ':' {
		return 0, false
	}
	for _, i := range [...]int{0, h - 1, h + 1, h + 2, h + 4, h + 5} {
		if !isDigit(s[i]) {
			return 0, false
		}
	}
	hh, _ := atoi(s[:h])
	mm, _ := atoi2(s[h+1 : h+3])
	ss, _ := atoi2(s[h+4 : h+6])
	n = h + 6
	if n < len(s) && s[n] == '.' {
		_, n = fraction(s, n+1)
	}
	return n, hh <= 23 && mm <= 59 && ss <= 60
}

// headerClock reads the "H:MM:SS " or "HH:MM:SS[.frac] " that some
// containers' syslog writes in place of a stamp, and returns the text
// after it. The time of day names no date, so r.Time stays zero, as for
// a line with no stamp: guessing today (or the date that makes it
// latest) would put a paste's lines at a time they did not happen,
// inside or outside the windows reports and the monitor count over, and
// put the lines after midnight before those before it. A container
// runtime's stamp, when one came with the line, still dates it.
func headerClock(s string, r *Record) (string, header) {
	n, ok := clockLen(s)
	if n == 0 {
		return s, hdrNone
	}
	if !ok || n >= len(s) || s[n] != ' ' {
		r.Reason = "bad timestamp"
		return s, hdrBad
	}
	return s[n+1:], hdrStamp
}

// minutesLen returns the length of the "H:MM" or "HH:MM" that s starts
// with, before a space, when its fields are a time of day; else 0.
func minutesLen(s string) int {
	h := 1
	if len(s) > 2 && s[2] == ':' {
		h = 2
	}
	if len(s) < h+4 || s[h] != ':' || s[h+3] != ' ' || !isDigit(s[0]) || !isDigit(s[h-1]) ||
		!isDigit(s[h+1]) || !isDigit(s[h+2]) {
		return 0
	}
	hh, _ := atoi(s[:h])
	mm, _ := atoi2(s[h+1 : h+3])
	if hh > 23 || mm > 59 {
		return 0
	}
	return h + 3
}

// headerCtime reads ctime(3)'s stamp, "Sat May  6 21:04:32 2017 ", which
// OpenWrt's logread (and other ring-buffer readers) print: an English
// weekday, an RFC 3164 stamp, then the year, which is the line's own.
func (p *Parser) headerCtime(s string, r *Record) (string, header) {
	if len(s) < 25 || s[3] != ' ' || !isWeekday(s[:3]) {
		return s, hdrNone
	}
	// The year follows the stamp: a first reading finds it, on a copy
	// (no year inferred, learnt or cached for it), and the stamp is read
	// again in that year, which a Feb 29 needs.
	rest, h := p.clone().header3164(s[4:], r, 0)
	y, ok := 0, false
	if h == hdrStamp && len(rest) >= 6 && rest[4] == ' ' {
		y, ok = atoi(rest[:4])
	}
	if !ok || y == 0 {
		r.Time, r.Reason = time.Time{}, ""
		return s, hdrNone
	}
	p.header3164(s[4:], r, y)
	return rest[5:], hdrStamp
}

func isWeekday(s string) bool {
	switch s {
	case "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
		return true
	}
	return false
}

// parseUnixStamp reads journalctl -o short-unix's "SECONDS.MICROS" and
// the space after it; n is the stamp's length.
func parseUnixStamp(s string) (time.Time, int, bool) {
	i := 0
	for i < len(s) && i < 12 && isDigit(s[i]) {
		i++
	}
	if i < 9 || i >= len(s) || s[i] != '.' {
		return time.Time{}, 0, false
	}
	sec, _ := atoi(s[:i])
	ns, j := fraction(s, i+1)
	if j == i+1 || j >= len(s) || s[j] != ' ' {
		return time.Time{}, 0, false
	}
	return time.Unix(int64(sec), int64(ns)).UTC(), j, true
}

// header5424 reads "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG".
func (p *Parser) header5424(s string, r *Record) (string, header) {
	j := strings.IndexByte(s, '>')
	if j < 2 || j > 4 {
		r.Reason = "bad priority"
		return s, hdrBad
	}
	s = s[j+1:]
	k := strings.IndexByte(s, ' ')
	if k <= 0 {
		r.Reason = "bad RFC 5424 header"
		return s, hdrBad
	}
	if _, ok := atoi(s[:k]); !ok {
		// "<22>Nov 28 ...": an RFC 3164 line with its priority kept.
		return p.header3164(s, r, 0)
	}
	return p.fields5424(s[k+1:], r)
}

// fields5424 reads "TIMESTAMP HOST APP PROCID MSGID SD MSG", what
// follows an RFC 5424 header's version.
func (p *Parser) fields5424(s string, r *Record) (string, header) {
	var fields [5]string
	for f := 0; f < 5; f++ {
		k := strings.IndexByte(s, ' ')
		if k < 0 {
			r.Reason = "bad RFC 5424 header"
			return s, hdrBad
		}
		fields[f] = s[:k]
		s = s[k+1:]
	}
	if fields[0] != "-" {
		t, _, ok := parse3339(fields[0])
		if !ok {
			r.Reason = "bad timestamp"
			return s, hdrBad
		}
		r.Time = t
	}
	if fields[1] != "-" {
		r.Host = fields[1]
	}
	r.Program = fields[2]
	if r.Program == "-" || r.Program == "" {
		r.Reason = "no program tag"
		return s, hdrBad
	}
	r.PID, _ = atoi(fields[3])
	// Structured data: "-" or one or more [id ...] elements.
	if strings.HasPrefix(s, "-") {
		s = s[1:]
	} else if strings.HasPrefix(s, "[") {
		for len(s) > 0 && s[0] == '[' {
			e := sdEnd(s)
			if e < 0 {
				r.Reason = "bad structured data"
				return s, hdrBad
			}
			s = s[e+1:]
		}
	}
	s = strings.TrimPrefix(s, " ")
	s = strings.TrimPrefix(s, "\ufeff")
	return s, hdrTagged
}

// sdEnd finds the ']' closing an SD-ELEMENT, skipping escaped ones.
func sdEnd(s string) int {
	inQuote := false
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			inQuote = !inQuote
		case ']':
			if !inQuote {
				return i
			}
		}
	}
	return -1
}

type journalEntry struct {
	Message    json.RawMessage `json:"MESSAGE"`
	Identifier string          `json:"SYSLOG_IDENTIFIER"`
	SyslogPID  string          `json:"SYSLOG_PID"`
	PID        string          `json:"_PID"`
	Hostname   string          `json:"_HOSTNAME"`
	Realtime   string          `json:"__REALTIME_TIMESTAMP"`
	Time       json.RawMessage `json:"time"`
	// encoding/json matches a name exactly before it folds case: this
	// keeps an export's "message" from being taken for MESSAGE.
	Text json.RawMessage `json:"message"`
}

// parseJournal reads one `journalctl -o json` object, or another JSON
// record of a line (parseExport).
func (p *Parser) parseJournal(line string, r *Record) {
	var e journalEntry
	err := json.Unmarshal([]byte(line), &e)
	msg, ok := journalMessage(e.Message)
	if err != nil || !ok {
		p.parseExport(line, r)
		return
	}
	if us, err := strconv.ParseInt(e.Realtime, 10, 64); err == nil {
		r.Time = time.UnixMicro(us).UTC()
	} else if t, ok := jsonStamp(jsonString(e.Time)); ok {
		r.Time = t
	}
	r.Host = e.Hostname
	pid := e.SyslogPID
	if pid == "" {
		pid = e.PID
	}
	r.Program = e.Identifier
	r.PID, _ = atoi(pid)
	if r.Program == "" {
		// No identifier: the message may still carry a tag. Without
		// one its writer named itself nowhere, and its text, shaped
		// like Postfix's or not ("3F2A1C0: to=<...>"), is not taken
		// for Postfix's: any program may write such an entry.
		t, host, whole := r.Time, r.Host, r.Line
		p.parseUnstamped(msg, r)
		if r.Program == "" || r.Program == BareProgram || r.Event == EvInvalid {
			*r = Record{Line: whole, Time: t, Host: host, Event: EvOther, Message: msg}
			return
		}
		if r.Time.IsZero() {
			r.Time = t
		}
		if r.Host == "" {
			r.Host = host
		}
		return
	}
	p.parseBody(msg, r)
}

// jsonString returns a JSON string's text, or a number's digits as they
// are; "" for anything else.
func jsonString(raw json.RawMessage) string {
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	if len(raw) > 0 && (isDigit(raw[0]) || raw[0] == '-') {
		return string(raw)
	}
	return ""
}

// jsonStamp reads a JSON record's time: unix seconds, with or without a
// fraction, or an RFC 3339 stamp.
func jsonStamp(s string) (time.Time, bool) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i > 0 && i <= 12 && (i == len(s) || s[i] == '.') {
		sec, _ := atoi(s[:i])
		ns, j := 0, i
		if i < len(s) {
			ns, j = fraction(s, i+1)
		}
		if j == len(s) {
			return time.Unix(int64(sec), int64(ns)).UTC(), true
		}
	}
	if t, n, ok := parse3339(s); ok && n == len(s) {
		return t, true
	}
	return time.Time{}, false
}

// journalMessage decodes MESSAGE, a string or (for non-UTF-8 text) an
// array of byte values.
func journalMessage(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	}
	var b []byte
	var nums []int
	if json.Unmarshal(raw, &nums) != nil {
		return "", false
	}
	b = make([]byte, 0, len(nums))
	for _, n := range nums {
		b = append(b, byte(n))
	}
	return string(b), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// atoi parses a non-negative decimal without allocating.
func atoi(s string) (int, bool) {
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func atoi2(s string) (int, bool) {
	if len(s) != 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// leadingInt parses the digits at the start of s.
func leadingInt(s string) (int, string) {
	i := 0
	for i < len(s) && i < 18 && isDigit(s[i]) {
		i++
	}
	n, _ := atoi(s[:i])
	return n, s[i:]
}

// parseFloat reads a small decimal like "0.94" or "310" without allocating.
func parseFloat(s string) float64 {
	if f, n := shortFloat(s); n == len(s) && n > 0 {
		return f
	}
	return parseFloatDigits(s)
}

// shortFloat reads a decimal at the start of s in a shape most delays take,
// "0", "1.5" or "0.13", without a loop, and returns it and its length (0 for
// none). Its value is the float64 sum of the digits parseFloatDigits makes.
func shortFloat(s string) (float64, int) {
	if len(s) == 0 || s[0]-'0' > 9 {
		return 0, 0
	}
	ip := s[0] - '0'
	if len(s) < 3 || s[1] != '.' || s[2]-'0' > 9 {
		return float64(ip), 1
	}
	d1 := s[2] - '0'
	if len(s) < 4 || s[3]-'0' > 9 {
		return float64(ip) + float64(d1)/10, 3
	}
	return float64(ip) + float64(d1*10+s[3]-'0')/100, 4
}

// parseFloatDigits sums a decimal's digits in float64 one by one.
func parseFloatDigits(s string) float64 {
	var ip, fp, scale float64 = 0, 0, 1
	i := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		ip = ip*10 + float64(s[i]-'0')
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			fp = fp*10 + float64(s[i]-'0')
			scale *= 10
		}
	}
	return ip + fp/scale
}

// splitHostIP splits "name[ip]" (ip may be empty); a value without brackets
// is all name, up to a ": " where text follows it.
func splitHostIP(s string) (name, ip, rest string) {
	i := strings.IndexByte(s, '[')
	// Postfix always writes name[addr]; a paste that masked the client
	// to a word ("from XXX: 554 ...") ends it where the text goes on,
	// before any bracket of the reply or envelope.
	head := s
	if i >= 0 {
		head = s[:i]
	}
	if k := strings.Index(head, ": "); k >= 0 {
		return s[:k], "", s[k:]
	}
	if i < 0 {
		return s, "", ""
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return s[:i], s[i+1:], ""
	}
	return s[:i], s[i+1 : i+j], s[i+j+1:]
}

// anvilKey splits anvil's "service:client" key, where the service may hold
// colons (127.0.0.1:2526) and the client may be IPv6: the client is the
// shortest tail that is an address.
func anvilKey(key string) (service, client string) {
	for i := 0; i < len(key); i++ {
		if key[i] != ':' {
			continue
		}
		tail := key[i+1:]
		if _, err := netip.ParseAddr(tail); err == nil {
			return key[:i], tail
		}
		if strings.HasSuffix(tail, "::") || tail == "unknown" {
			if _, err := netip.ParseAddr(tail + "0"); err == nil {
				return key[:i], tail
			}
		}
	}
	if i := strings.LastIndexByte(key, ':'); i >= 0 {
		return key[:i], key[i+1:]
	}
	return key, ""
}

// isPriority reports whether tok is a syslog priority written out, as some
// syslog daemons put it before or after the host: "mail.info", "MAIL.ERR",
// or a level alone in capitals ("ERR", "WARNING").
func isPriority(tok string) bool {
	if len(tok) < 3 || len(tok) > 16 || tok[len(tok)-1] == ':' {
		return false
	}
	if i := strings.IndexByte(tok, '.'); i > 0 {
		return isFacility(tok[:i]) && isLevel(tok[i+1:])
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < 'A' || tok[i] > 'Z' {
			return false
		}
	}
	return isLevel(tok)
}

var syslogFacilities = [...]string{"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
	"cron", "authpriv", "ftp", "ntp", "security", "console", "local0", "local1", "local2", "local3", "local4",
	"local5", "local6", "local7"}

var syslogLevels = [...]string{"emerg", "alert", "crit", "err", "error", "warning", "warn", "notice", "info", "debug", "panic"}

func isFacility(s string) bool {
	for _, f := range syslogFacilities {
		if strings.EqualFold(s, f) {
			return true
		}
	}
	return false
}

func isLevel(s string) bool {
	for _, l := range syslogLevels {
		if strings.EqualFold(s, l) {
			return true
		}
	}
	return false
}
