package sources

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// MaxLineLen is the longest line the parser reads; the rest is dropped.
const MaxLineLen = 64 * 1024

// Parser turns log lines into Records. It is not safe for concurrent use:
// it caches the last timestamp it decoded.
type Parser struct {
	// Year, when non-zero, is the year of RFC 3164 timestamps (which have
	// none). Otherwise the year is inferred from Now.
	Year int
	// Now returns the current time for year inference; nil means time.Now.
	Now func() time.Time
	// Loc is the zone of timestamps that carry none; nil means time.Local.
	Loc *time.Location

	lastStamp string // RFC 3164 "Mmm dd hh:mm:ss" last decoded
	lastTime  time.Time
	lastNS    int
}

// NewParser returns a Parser with the default year inference and zone.
func NewParser() *Parser { return &Parser{} }

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
func (p *Parser) Parse(line string, r *Record) {
	*r = Record{}
	if len(line) > MaxLineLen {
		line = line[:MaxLineLen]
	}
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	r.Line = line
	if len(line) == 0 {
		r.Event, r.Reason = EvInvalid, "empty line"
		return
	}
	var rest string
	var ok bool
	switch c := line[0]; {
	case c == '{':
		p.parseJournal(line, r)
		return
	case c == '<':
		rest, ok = p.header5424(line, r)
	case isDigit(c):
		if len(line) > 5 && line[4] == '-' {
			rest, ok = p.header3339(line, r)
		} else if len(line) > 5 && line[4] == ' ' {
			// "2013 Jun 10 15:38:18.123 host ...": a year before an RFC 3164 stamp.
			if y, okY := atoi(line[:4]); okY {
				rest, ok = p.header3164(line[5:], r, y)
			}
		}
	case 'A' <= c && c <= 'Z':
		rest, ok = p.header3164(line, r, 0)
		if !ok {
			// No timestamp: maybe a bare "prog[pid]: text" line.
			if rest2, ok2 := parseTag(line, r); ok2 {
				rest, ok = rest2, true
				r.Reason = ""
			}
		}
	default:
		if rest2, ok2 := parseTag(line, r); ok2 {
			rest, ok = rest2, true
		}
	}
	if !ok {
		r.Event = EvInvalid
		if r.Reason == "" {
			r.Reason = "no syslog header"
		}
		return
	}
	p.parseBody(rest, r)
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
	if !isPostfixTag(r.Program) {
		r.Event = EvOther
		r.Message = rest
		return
	}
	splitTag(r)
	parseMessage(rest, r)
}

// parseTag reads "prog[pid]: " or "prog: " and returns the text after it.
func parseTag(s string, r *Record) (string, bool) {
	end := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '[' || c == ':' {
			end = i
			break
		}
		if c == ' ' || c < ' ' {
			return s, false
		}
	}
	if end <= 0 {
		return s, false
	}
	r.Program = s[:end]
	s = s[end:]
	if s[0] == '[' {
		j := strings.IndexByte(s, ']')
		if j < 0 {
			return s, false
		}
		r.PID, _ = atoi(s[1:j])
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

func isPostfixTag(tag string) bool {
	if strings.HasPrefix(tag, "postfix") {
		return true
	}
	if i := strings.LastIndexByte(tag, '/'); i >= 0 {
		return postfixDaemons[tag[i+1:]]
	}
	return false
}

func splitTag(r *Record) {
	if i := strings.LastIndexByte(r.Program, '/'); i >= 0 {
		r.SyslogName, r.Daemon = r.Program[:i], r.Program[i+1:]
	} else {
		r.SyslogName, r.Daemon = r.Program, r.Program
	}
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

func (p *Parser) loc() *time.Location {
	if p.Loc != nil {
		return p.Loc
	}
	return time.Local
}

// header3164 reads "Mmm dd hh:mm:ss[.frac] host " (day padded with a space
// or a zero, or not at all). year is 0 when it must be inferred.
func (p *Parser) header3164(s string, r *Record, year int) (string, bool) {
	if len(s) < 15 || s[3] != ' ' {
		r.Reason = "no timestamp"
		return s, false
	}
	mon := monthOf(s[:3])
	if mon == 0 {
		r.Reason = "no timestamp"
		return s, false
	}
	i := 4
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
		return s, false
	}
	i++
	clock := s[i : i+8]
	if clock[2] != ':' || clock[5] != ':' {
		r.Reason = "bad timestamp"
		return s, false
	}
	hh, ok1 := atoi2(clock[0:2])
	mm, ok2 := atoi2(clock[3:5])
	ss, ok3 := atoi2(clock[6:8])
	if !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 60 {
		r.Reason = "bad timestamp"
		return s, false
	}
	stamp := s[:i+8]
	i += 8
	ns := 0
	if i < len(s) && s[i] == '.' {
		ns, i = fraction(s, i+1)
	}
	if i >= len(s) || s[i] != ' ' {
		r.Reason = "bad timestamp"
		return s, false
	}
	i++
	if year == 0 && p.Year == 0 && stamp == p.lastStamp && p.lastNS == 0 {
		r.Time = p.lastTime.Add(time.Duration(ns))
	} else {
		y := year
		if y == 0 {
			y = p.Year
		}
		var t time.Time
		if y != 0 {
			t = time.Date(y, time.Month(mon), day, hh, mm, ss, 0, p.loc())
		} else {
			now := time.Now()
			if p.Now != nil {
				now = p.Now()
			}
			t = time.Date(now.Year(), time.Month(mon), day, hh, mm, ss, 0, p.loc())
			if t.Sub(now) > 24*time.Hour {
				t = time.Date(now.Year()-1, time.Month(mon), day, hh, mm, ss, 0, p.loc())
			}
			p.lastStamp, p.lastTime, p.lastNS = stamp, t, 0
		}
		r.Time = t.Add(time.Duration(ns))
	}
	return p.host(s[i:], r)
}

func (p *Parser) host(s string, r *Record) (string, bool) {
	j := strings.IndexByte(s, ' ')
	if j <= 0 {
		r.Reason = "no host"
		return s, false
	}
	r.Host = s[:j]
	return s[j+1:], true
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

// parse3339 reads "2026-11-28T10:57:03[.frac](Z|±hh:mm)" at the start of s.
func parse3339(s string) (time.Time, int, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, 0, false
	}
	y, ok0 := atoi(s[0:4])
	mo, ok1 := atoi2(s[5:7])
	d, ok2 := atoi2(s[8:10])
	hh, ok3 := atoi2(s[11:13])
	mm, ok4 := atoi2(s[14:16])
	ss, ok5 := atoi2(s[17:19])
	if !ok0 || !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, 0, false
	}
	i := 19
	ns := 0
	if i < len(s) && s[i] == '.' {
		ns, i = fraction(s, i+1)
	}
	off := 0
	if i < len(s) && (s[i] == 'Z' || s[i] == 'z') {
		i++
	} else if i+6 <= len(s) && (s[i] == '+' || s[i] == '-') && s[i+3] == ':' {
		oh, okh := atoi2(s[i+1 : i+3])
		om, okm := atoi2(s[i+4 : i+6])
		if !okh || !okm {
			return time.Time{}, 0, false
		}
		off = oh*3600 + om*60
		if s[i] == '-' {
			off = -off
		}
		i += 6
	} else {
		return time.Time{}, 0, false
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ns, time.UTC).Add(-time.Duration(off) * time.Second)
	return t, i, true
}

func (p *Parser) header3339(s string, r *Record) (string, bool) {
	t, i, ok := parse3339(s)
	if !ok || i >= len(s) || s[i] != ' ' {
		r.Reason = "bad timestamp"
		return s, false
	}
	r.Time = t
	return p.host(s[i+1:], r)
}

// header5424 reads "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG".
func (p *Parser) header5424(s string, r *Record) (string, bool) {
	j := strings.IndexByte(s, '>')
	if j < 2 || j > 4 {
		r.Reason = "bad priority"
		return s, false
	}
	s = s[j+1:]
	k := strings.IndexByte(s, ' ')
	if k <= 0 {
		r.Reason = "bad RFC 5424 header"
		return s, false
	}
	if _, ok := atoi(s[:k]); !ok {
		// "<22>Nov 28 ...": an RFC 3164 line with its priority kept.
		return p.header3164(s, r, 0)
	}
	s = s[k+1:]
	var fields [5]string
	for f := 0; f < 5; f++ {
		k = strings.IndexByte(s, ' ')
		if k < 0 {
			r.Reason = "bad RFC 5424 header"
			return s, false
		}
		fields[f] = s[:k]
		s = s[k+1:]
	}
	if fields[0] != "-" {
		t, _, ok := parse3339(fields[0])
		if !ok {
			r.Reason = "bad timestamp"
			return s, false
		}
		r.Time = t
	}
	if fields[1] != "-" {
		r.Host = fields[1]
	}
	r.Program = fields[2]
	if r.Program == "-" || r.Program == "" {
		r.Reason = "no program tag"
		return s, false
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
				return s, false
			}
			s = s[e+1:]
		}
	}
	s = strings.TrimPrefix(s, " ")
	s = strings.TrimPrefix(s, "\ufeff")
	return s, true
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
}

// parseJournal reads one `journalctl -o json` object.
func (p *Parser) parseJournal(line string, r *Record) {
	var e journalEntry
	if err := json.Unmarshal([]byte(line), &e); err != nil {
		r.Event, r.Reason = EvInvalid, "bad journal JSON"
		return
	}
	msg, ok := journalMessage(e.Message)
	if !ok {
		r.Event, r.Reason = EvInvalid, "journal entry without MESSAGE"
		return
	}
	if us, err := strconv.ParseInt(e.Realtime, 10, 64); err == nil {
		r.Time = time.UnixMicro(us).UTC()
	}
	r.Host = e.Hostname
	pid := e.SyslogPID
	if pid == "" {
		pid = e.PID
	}
	r.PID, _ = atoi(pid)
	r.Program = e.Identifier
	if r.Program == "" {
		// No identifier: the message may still carry a tag.
		p.parseBody(msg, r)
		return
	}
	p.parseBody(msg, r)
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
// is all name.
func splitHostIP(s string) (name, ip, rest string) {
	i := strings.IndexByte(s, '[')
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
