package analyzers

import (
	"strings"
	"unicode/utf8"
)

// ExporterCounts counts what postfix_exporter counts under the metric names
// mxtop shares with it, so that a dashboard or alert written for the
// exporter reads the same numbers from mxtop. The exporter matches the raw
// line with regular expressions; these functions match the same lines by
// hand (no regexp on the hot path). Its tag expression accepts only a plain
// postfix/NAME[PID] tag: postfix/lmtp, postfix/error, postfix/slow/smtp,
// postfix/submission/smtpd and postfix-out/smtp are not smtp or smtpd to
// it. mxtop's wider view of the same events is in Engine.Deliveries and
// Engine.Smtpd.
type ExporterCounts struct {
	// SMTPStatus counts postfix/smtp delivery lines by their status word
	// (postfix_smtp_messages_processed_total).
	SMTPStatus map[string]uint64
	// DeferredByDSN counts deferred postfix/smtp lines by enhanced status
	// code (postfix_smtp_deferred_messages_by_dsn_total).
	DeferredByDSN map[string]uint64
	// SmtpdConnects and SmtpdDisconnects count postfix/smtpd "connect
	// from" and "disconnect from" lines.
	SmtpdConnects, SmtpdDisconnects uint64
	// QmgrExpired counts qmgr's "status=expired, returned to sender"
	// (postfix_qmgr_messages_expired_total).
	QmgrExpired uint64
	// PostscreenRejects counts postscreen's "NOQUEUE: reject: CONNECT"
	// lines by the reason text after the client address
	// (postfix_postscreen_connects_rejected_total).
	PostscreenRejects map[string]uint64
}

// Label values the exporter takes from the line are bounded here: a log is
// attacker-controlled text. Real Postfix logs a handful of each.
const (
	maxStatusWords       = 16
	maxDSNs              = 200
	maxPostscreenReasons = 32
	// maxLabelBytes cuts a label value taken from the line's text (a
	// postscreen reason runs to the line's end).
	maxLabelBytes = 256
)

// NewExporterCounts returns empty counts. An engine counts them only when
// given them (Engine.Export): matching each line a second time, the
// exporter's way, is a cost only metrics need.
func NewExporterCounts() *ExporterCounts {
	return &ExporterCounts{SMTPStatus: map[string]uint64{}, DeferredByDSN: map[string]uint64{},
		PostscreenRejects: map[string]uint64{}}
}

// statusWords are the delivery statuses Postfix writes, as constants.
var statusWords = map[string]string{"sent": "sent", "deferred": "deferred", "bounced": "bounced", "expired": "expired", "undeliverable": "undeliverable", "deliverable": "deliverable"}

// Feed counts one raw log line.
func (c *ExporterCounts) Feed(line string) {
	process, sub, rest, ok := exporterTag(line)
	if !ok || process != "postfix" || sub != "smtp" && sub != "smtpd" && sub != "qmgr" && sub != "postscreen" {
		return
	}
	// The expression's (.*) stops at a newline.
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	switch sub {
	case "smtp":
		if !relayDelays(rest) {
			return
		}
		status, ok := fieldWord(rest)
		if !ok {
			return
		}
		if w, ok := statusWords[status]; ok {
			c.SMTPStatus[w]++ // a constant key: nothing to copy
		} else {
			addBounded(c.SMTPStatus, cutLabel(status), maxStatusWords, "other")
		}
		if status == "deferred" {
			if dsn, ok := dsnField(rest); ok {
				addBounded(c.DeferredByDSN, cutLabel(dsn), maxDSNs, "other")
			}
		}
	case "smtpd":
		if strings.HasPrefix(rest, "connect from ") {
			c.SmtpdConnects++
		} else if strings.HasPrefix(rest, "disconnect from ") {
			c.SmtpdDisconnects++
		}
	case "qmgr":
		// Its insert and removal lines are tried first.
		if !strings.HasSuffix(rest, ": removed") && qmgrExpired(rest) && !qmgrInsert(rest) {
			c.QmgrExpired++
		}
	case "postscreen":
		if reason, ok := connectReject(rest); ok {
			addBounded(c.PostscreenRejects, cutLabel(reason), maxPostscreenReasons, "other")
		}
	}
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isSpace is \s of Go's regexp: [\t\n\f\r ].
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// exporterTag matches ` ?(postfix|opendkim)(/(\w+))?\[\d+\]: (.*)` the way
// Go's regexp finds it: at the leftmost position where the whole expression
// matches. Only a postfix match is of use, so opendkim is looked for only
// before each postfix candidate (a scan of the whole line for it would
// double the cost).
func exporterTag(line string) (process, sub, rest string, ok bool) {
	for from := 0; from < len(line); {
		p := strings.Index(line[from:], "postfix")
		if p < 0 {
			return "", "", "", false
		}
		p += from
		for q := from; q < p; {
			i := strings.Index(line[q:p], "opendkim")
			if i < 0 {
				break
			}
			if _, r, ok := tagAt(line, q+i+len("opendkim")); ok {
				return "opendkim", "", r, true
			}
			q += i + 1
		}
		if s, r, ok := tagAt(line, p+len("postfix")); ok {
			return "postfix", s, r, true
		}
		from = p + 1
	}
	return "", "", "", false
}

// tagAt matches `(/(\w+))?\[\d+\]: (.*)` at j.
func tagAt(line string, j int) (sub, rest string, ok bool) {
	if j < len(line) && line[j] == '/' {
		k := j + 1
		for k < len(line) && isWordByte(line[k]) {
			k++
		}
		if k > j+1 {
			sub, j = line[j+1:k], k
		}
	}
	if j >= len(line) || line[j] != '[' {
		return "", "", false
	}
	k := j + 1
	for k < len(line) && isDigit(line[k]) {
		k++
	}
	if k == j+1 || !strings.HasPrefix(line[k:], "]: ") {
		return "", "", false
	}
	return sub, line[k+3:], true
}

// relayDelays matches
// `, relay=(\S+), .*, delays=([0-9\.]+)/([0-9\.]+)/([0-9\.]+)/([0-9\.]+), `.
func relayDelays(s string) bool {
	_, e, ok := eachAfter(s, 0, ", relay=", func(b int) (int, bool) {
		e := b
		for e < len(s) && !isSpace(s[e]) {
			e++
		}
		// \S+ then ", ": the run of non-space ends in a comma and a space.
		return e, e-1 > b && s[e-1] == ',' && e < len(s) && s[e] == ' '
	})
	return ok && delaysAfter(s, e+1)
}

// delaysAfter reports whether `, delays=N/N/N/N, ` occurs at or after pos.
func delaysAfter(s string, pos int) bool {
	_, _, ok := eachAfter(s, pos, ", delays=", func(k int) (int, bool) {
		for n := 0; n < 4; n++ {
			b := k
			for k < len(s) && (isDigit(s[k]) || s[k] == '.') {
				k++
			}
			if k == b || n < 3 && (k >= len(s) || s[k] != '/') {
				return 0, false
			}
			if n < 3 {
				k++
			}
		}
		return k, strings.HasPrefix(s[k:], ", ")
	})
	return ok
}

// eachAfter tries match right after each occurrence of mark in s from
// from on, in order, as an unanchored regular expression does, and
// returns where the first match starts (just after mark) and ends.
func eachAfter(s string, from int, mark string, match func(b int) (end int, ok bool)) (int, int, bool) {
	for from <= len(s) {
		a := strings.Index(s[from:], mark)
		if a < 0 {
			return 0, 0, false
		}
		a += from
		b := a + len(mark)
		if e, ok := match(b); ok {
			return b, e, true
		}
		from = a + 1
	}
	return 0, 0, false
}

// fieldWord matches `, status=(\w+) ` and returns the word.
func fieldWord(s string) (string, bool) {
	b, e, ok := eachAfter(s, 0, ", status=", func(b int) (int, bool) {
		e := b
		for e < len(s) && isWordByte(s[e]) {
			e++
		}
		return e, e > b && e < len(s) && s[e] == ' '
	})
	return s[b:e], ok
}

// dsnField matches `, dsn=(\d\.\d+\.\d+)`.
func dsnField(s string) (string, bool) {
	b, e, ok := eachAfter(s, 0, ", dsn=", func(k int) (int, bool) {
		if k >= len(s) || !isDigit(s[k]) {
			return 0, false
		}
		k++
		for part := 0; part < 2; part++ {
			if k >= len(s) || s[k] != '.' {
				return 0, false
			}
			k++
			d := k
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k == d {
				return 0, false
			}
		}
		return k, true
	})
	return s[b:e], ok
}

// qmgrInsert matches `:.*, size=(\d+), nrcpt=(\d+) `.
func qmgrInsert(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return false
	}
	digits := func(k int) int {
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		return k
	}
	_, _, ok := eachAfter(s, colon+1, ", size=", func(k int) (int, bool) {
		e := digits(k)
		if e == k || !strings.HasPrefix(s[e:], ", nrcpt=") {
			return 0, false
		}
		k = e + len(", nrcpt=")
		e = digits(k)
		return e, e > k && e < len(s) && s[e] == ' '
	})
	return ok
}

// qmgrExpired matches `:.*, status=(expired|force-expired), returned to sender`.
func qmgrExpired(s string) bool {
	// One scan for what both forms end with rules out nearly every line.
	if !strings.Contains(s, "expired, returned to sender") {
		return false
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return false
	}
	t := s[colon+1:]
	return strings.Contains(t, ", status=expired, returned to sender") ||
		strings.Contains(t, ", status=force-expired, returned to sender")
}

// connectReject matches `^NOQUEUE: reject: CONNECT from \S+: (.+)$` and
// returns the reason.
func connectReject(s string) (string, bool) {
	const prefix = "NOQUEUE: reject: CONNECT from "
	if !strings.HasPrefix(s, prefix) {
		return "", false
	}
	start := len(prefix)
	e := start
	for e < len(s) && !isSpace(s[e]) {
		e++
	}
	// \S+ then ": ": the run of non-space ends in a colon and a space.
	if e-1 > start && s[e-1] == ':' && e < len(s) && s[e] == ' ' && e+1 < len(s) {
		reason := s[e+1:]
		if strings.IndexByte(reason, '\n') >= 0 {
			return "", false
		}
		return reason, true
	}
	return "", false
}

// cutLabel is s cut to maxLabelBytes, at a character's start.
func cutLabel(s string) string {
	if len(s) <= maxLabelBytes {
		return s
	}
	i := maxLabelBytes
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
