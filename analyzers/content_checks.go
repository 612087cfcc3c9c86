package analyzers

import (
	"fmt"
	"strings"
)

// contentChecksAt is how many messages refused by header or body rules,
// half or more of those received, make the content_checks hint; nine in
// ten of at least contentChecksCritical make it critical.
const (
	contentChecksAt       = 10
	contentChecksCritical = 50
)

// contentCheck tells which kind of cleanup rule refused or discarded a
// message ("reject: header Subject: ... from host[ip]; from=<...>"):
// "header", "body" or "".
func contentCheck(msg string) string {
	_, rest, ok := strings.Cut(msg, ": ")
	if !ok || !strings.HasPrefix(msg, "reject: ") && !strings.HasPrefix(msg, "discard: ") {
		return ""
	}
	switch {
	case strings.HasPrefix(rest, "header "):
		return "header"
	case strings.HasPrefix(rest, "body "):
		return "body"
	}
	return ""
}

// checkedText is the header or body line a cleanup reject or discard
// quotes, as the rule saw it (Postfix logs its first 200 bytes): the
// text between "header " or "body " and the client, " from host[ip]"
// before the envelope's "; from=<".
func checkedText(line string) (kind, text string) {
	for _, k := range [...]string{"header", "body"} {
		for _, verb := range [...]string{"reject: ", "discard: "} {
			i := strings.Index(line, verb+k+" ")
			if i < 0 {
				continue
			}
			rest := line[i+len(verb)+len(k)+1:]
			end := strings.LastIndex(rest, "; from=<")
			if end < 0 {
				return k, ""
			}
			if j := strings.LastIndex(rest[:end], " from "); j >= 0 {
				return k, rest[:j]
			}
			return k, ""
		}
	}
	return "", ""
}

// plausibleLookupText accepts a header or body line that may go into a
// postmap -q command: printable ASCII, at most the 200 bytes Postfix logs.
func plausibleLookupText(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// plausibleTable accepts a table of a parameter's value that postmap -q
// can read by name: type:/absolute/path.
func plausibleTable(s string) bool {
	typ, path, ok := strings.Cut(s, ":")
	if !ok || typ == "" || len(typ) > 16 {
		return false
	}
	for i := 0; i < len(typ); i++ {
		if typ[i] < 'a' || typ[i] > 'z' {
			return false
		}
	}
	return PlausiblePath(path)
}

// ruleContentChecks: header_checks or body_checks refuse most of the
// mail smtpd accepted. A spam rule refuses a share of it; most of it is a
// rule that matches real mail (an unanchored or empty pattern, a pattern
// for one header that matches every Received:).
func ruleContentChecks(c *hintCtx) []Hint {
	hdr := c.count(&c.e.HeaderRejects.Ring, c.e.HeaderRejects.Count)
	body := c.count(&c.e.BodyRejects.Ring, c.e.BodyRejects.Count)
	recv := c.count(&c.e.AcceptedRing, int(c.e.Totals.Received))
	n := hdr + body
	if !c.e.hints.gate(hintKey{rule: "content_checks"}, b2f(n >= contentChecksAt && n*2 >= recv), 1, 1) {
		return nil
	}
	sev := SevWarning
	if n >= contentChecksCritical && n*10 >= recv*9 {
		sev = SevCritical
	}
	ev := []string{fmt.Sprintf("%.0f of %.0f messages received %s were refused or discarded by cleanup after smtpd took them: %.0f for a header rule (header_checks, mime_header_checks, nested_header_checks), %.0f for a body rule (body_checks)",
		n, max(recv, n), c.windowText(), hdr, body)}
	samples := append(append([]string(nil), c.e.HeaderRejects.Samples...), c.e.BodyRejects.Samples...)
	steps := []Action{cmd("postconf header_checks mime_header_checks nested_header_checks body_checks")}
	param, seen := "header_checks", &c.e.HeaderRejects
	if body > hdr {
		param, seen = "body_checks", &c.e.BodyRejects
	}
	var text string
	if l := len(seen.Samples); l > 0 {
		_, text = checkedText(seen.Samples[l-1])
	}
	var tables []string
	if c.cfg != nil {
		tables = listItems(c.cfg.Get(param))
	}
	lookups := 0
	if plausibleLookupText(text) {
		for _, t := range tables {
			if plausibleTable(t) && lookups < 3 {
				steps = append(steps, cmd(shellCmd("postmap -q", text, t)+"   # the action of the rule that matches a refused line"))
				lookups++
			}
		}
	}
	if lookups == 0 {
		steps = append(steps, say("look a refused line up in each of "+param+"'s tables with postmap -q 'LINE' TYPE:/path/to/table: it prints the action of the rule that matches"))
	}
	steps = append(steps, say("a rule that matches real mail (an empty or unanchored pattern, a pattern for one header that also matches Received: or From:, pcre: syntax in a regexp: table) refuses every message it sees: correct or remove it, then postfix reload"))
	return []Hint{{
		ID: "content_checks", Severity: sev, Side: "inbound", Subject: param,
		Title:    "Inbound: header or body rules refuse most of the mail received",
		Evidence: ev, Samples: samples, Steps: steps,
		Cautions: []string{"refused mail was not queued here: its senders got a 5xx reply, and it comes back only if they send it again"},
		Impact:   c.perMinute(&c.e.HeaderRejects.Ring, c.e.HeaderRejects.Count) + c.perMinute(&c.e.BodyRejects.Ring, c.e.BodyRejects.Count),
	}}
}
