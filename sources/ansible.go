package sources

import (
	"encoding/json"
	"strings"
)

// Ansible prints the result of a task that failed as one line: "fatal:
// [HOST]: FAILED! => {...}", or in a loop "failed: [HOST] (item=X) =>
// {...}", the JSON holding the command's standard error ("stderr") and
// Ansible's own message ("msg"). A playbook that runs postconf, postmap or
// newaliases leaves Postfix's own lines quoted in it, so a paste of the
// result is read by the line it quotes; a result quoting none is Ansible's
// line, not a bare Postfix fatal error. A result cut short after its
// stderr field still quotes the command.

// ansibleProgram is the Program of a failed task's result that quotes no
// Postfix line.
const ansibleProgram = "ansible"

// ansibleLines returns the lines of a failed task's result: its standard
// error's, then its message's. ok tells the shape.
func ansibleLines(line string) (lines []string, ok bool) {
	rest, cut := strings.CutPrefix(line, "fatal: [")
	if !cut {
		if rest, cut = strings.CutPrefix(line, "failed: ["); !cut {
			return nil, false
		}
	}
	i := strings.Index(rest, " => {")
	if i < 0 || !strings.Contains(rest[:i], "]") {
		return nil, false
	}
	var res struct {
		Stderr string          `json:"stderr"`
		Msg    json.RawMessage `json:"msg"`
	}
	if json.Unmarshal([]byte(rest[i+4:]), &res) != nil {
		// A paste cut short (a ticket's excerpt, a terminal's width)
		// still quotes the command when its stderr field is whole.
		stderr, whole := jsonStringField(rest[i+4:], "stderr")
		if !whole {
			return nil, false
		}
		res.Stderr = stderr
	}
	for l := range strings.SplitSeq(res.Stderr, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	var msg string
	if json.Unmarshal(res.Msg, &msg) == nil && strings.TrimSpace(msg) != "" {
		lines = append(lines, strings.TrimSpace(msg))
	}
	return lines, true
}

// worstQuoted is the quoted line that tells the most: the first fatal or
// panic a command wrote, else its first error, else its first warning,
// else the first line.
func worstQuoted(lines []string) string {
	for _, sev := range []string{": fatal: ", ": panic: ", ": error: ", ": warning: "} {
		for _, l := range lines {
			if strings.Contains(l, sev) {
				return l
			}
		}
	}
	return lines[0]
}

// parseAnsible reads a failed task's result by the line it quotes that
// tells the most, when that line is a Postfix program's; otherwise the
// result is Ansible's own line.
func (p *Parser) parseAnsible(line string, lines []string, r *Record) {
	if len(lines) > 0 {
		if q := worstQuoted(lines); !strings.HasPrefix(q, "fatal: [") && !strings.HasPrefix(q, "failed: [") {
			p.parseZeroed(q, r)
			if r.Event != EvInvalid && r.Event != EvOther && r.Event != EvUnknown {
				return
			}
		}
	}
	*r = Record{Line: line, Program: ansibleProgram, SyslogName: ansibleProgram, Event: EvOther, Message: line}
}

// jsonStringField returns the string value of the first field name of a
// JSON object that may be cut short anywhere after that value; whole is
// false when the value is missing, not a string, or itself cut.
func jsonStringField(obj, name string) (value string, whole bool) {
	key := `"` + name + `": "`
	at := strings.Index(obj, key)
	if at < 0 || (at > 0 && !strings.ContainsRune("{, ", rune(obj[at-1]))) {
		return "", false
	}
	start := at + len(key) - 1 // the opening quote
	for j := start + 1; j < len(obj); j++ {
		switch obj[j] {
		case '\\':
			j++ // the escaped character
		case '"':
			return value, json.Unmarshal([]byte(obj[start:j+1]), &value) == nil
		}
	}
	return "", false
}
