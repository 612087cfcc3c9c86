package sources

import "strings"

// systemd logs the fate of Postfix's unit beside Postfix's own lines:
// postfix.service (Red Hat, SUSE, Arch; on Debian the unit that groups
// the instances) or an instance of Debian's multi-instance template
// postfix@.service, whose default instance is postfix@-.service. A
// failed start says only that it failed; Postfix's own lines before it
// say why.

// postfixUnitDescription is the Description= of Postfix's units, which
// systemd before 249 names instead of the unit ("Failed to start Postfix
// Mail Transport Agent (instance -).").
const postfixUnitDescription = "Failed to start Postfix Mail Transport Agent"

// unitBefore are the words after which systemd and systemctl name the
// unit when the message does not open with it.
var unitBefore = [...]string{"Unit ", "Job for ", "too quickly for ", "Failed to start "}

// systemdLine matches a line of systemd or systemctl against the entries
// written for systemd's words (Agent "systemd") when it names Postfix's
// unit: another unit's failure (dovecot.service) is not Postfix's, and
// Postfix's entries never read systemd's words.
func systemdLine(msg string, r *Record) {
	if namesPostfixUnit(msg) {
		r.Known = MatchAgentReason("systemd", msg)
	}
}

// systemdBare reads a line of systemd pasted without its header and tag
// ("postfix.service: Start request repeated too quickly."), or what
// systemctl printed ("Job for postfix.service failed because ..."), as
// the tagged line is read. It reports whether it read one.
func systemdBare(s string, r *Record) bool {
	if !systemdOpening(s) || !namesPostfixUnit(s) {
		return false
	}
	k := MatchAgentReason("systemd", s)
	if k == 0 {
		return false
	}
	r.Program, r.Event, r.Message, r.Known = "systemd", EvOther, s, k
	return true
}

// systemdOpening tells whether s opens as systemd's and systemctl's
// lines about a unit do: a Postfix tag ("postfix/smtpd[7]: ...") opens
// with neither a unit nor these words.
func systemdOpening(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case 'p':
		return strings.HasPrefix(s, "postfix.service") || strings.HasPrefix(s, "postfix@")
	case 'J', 'F', 'U', 's':
		return strings.HasPrefix(s, "Job for ") || strings.HasPrefix(s, "Failed to start ") ||
			strings.HasPrefix(s, "Unit ") || strings.HasPrefix(s, "start request ")
	}
	return false
}

// namesPostfixUnit tells whether msg names Postfix's unit where systemd
// and systemctl put it: opening the message ("postfix@-.service: ..."),
// after the words unitBefore lists, or by its description.
func namesPostfixUnit(msg string) bool {
	s := msg[:min(len(msg), 256)]
	if unitAt(s) || strings.HasPrefix(s, postfixUnitDescription) {
		return true
	}
	for _, w := range unitBefore {
		if i := strings.Index(s, w); i >= 0 && unitAt(s[i+len(w):]) {
			return true
		}
	}
	return false
}

// unitAt tells whether s opens with a Postfix unit's name, up to a
// colon, a blank, or a full stop that ends the message.
func unitAt(s string) bool {
	if i := strings.IndexAny(s, ": "); i >= 0 {
		s = s[:i]
	}
	name, ok := strings.CutSuffix(strings.TrimSuffix(s, "."), ".service")
	if !ok {
		return false
	}
	if name == "postfix" {
		return true
	}
	inst, ok := strings.CutPrefix(name, "postfix@")
	return ok && inst != "" && !strings.ContainsAny(inst, "/@")
}
