package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// maillog_file outside maillog_file_prefixes stops every Postfix program
// that starts logging, postfix(1) first: Postfix does not start. The hint
// is critical, says the value must start with one of the prefixes, and
// gives the two ways out as commands with the line's path quoted, then a
// start; a value that is no plain path gets sentences only.
func TestMaillogFileOutsidePrefixesStopsPostfix(t *testing.T) {
	for _, line := range []string{
		"postfix: fatal: maillog_file value '/srv/log/postfix.log' does not match any prefix in maillog_file_prefixes",
		"Dec  3 10:00:00 mx postfix/postfix-script[812]: fatal: maillog_file value '/srv/log/postfix.log' does not match any prefix in maillog_file_prefixes",
	} {
		h := hintOf(t, feed(line), sources.HintConfigError)
		if h.Severity != SevCritical {
			t.Errorf("%q: %s, want critical", line, h.Severity)
		}
		text := strings.Join(h.Evidence, " ") + " " + strings.Join(h.Actions, " ")
		for _, want := range []string{"maillog_file_prefixes", "/var", "/dev/stdout", "postfix start"} {
			if !strings.Contains(text, want) {
				t.Errorf("%q: advice lacks %q: %s", line, want, text)
			}
		}
		var cmds []string
		for _, a := range h.Steps {
			if a.Command {
				cmds = append(cmds, a.Text)
			}
		}
		all := strings.Join(cmds, "\n")
		for _, want := range []string{"maillog_file = /var/log/postfix.log", "/srv/log", "postconf -h maillog_file_prefixes"} {
			if !strings.Contains(all, want) {
				t.Errorf("%q: no command with %q:\n%s", line, want, all)
			}
		}
		// postfix-script's line is a start that failed; postfix(1)'s own
		// may be a reload that failed beside a master that runs.
		if strings.Contains(line, "postfix-script") && strings.Contains(text, "postfix reload") {
			t.Errorf("%q: Postfix is not running, yet the advice reloads it: %s", line, text)
		}
	}

	// A main.cf whose prefixes leave /var out gets no move there.
	e := NewEngine(0)
	e.SetConfig(configOf("maillog_file_prefixes = /dev/stdout, /opt/log\nmaillog_file = /srv/log/postfix.log\n", ""))
	feedInto(e, "postfix: fatal: maillog_file value '/srv/log/postfix.log' does not match any prefix in maillog_file_prefixes")
	for _, a := range hintOf(t, e, sources.HintConfigError).Steps {
		if a.Command && strings.Contains(a.Text, "maillog_file = /var/") {
			t.Errorf("a move under /var, which maillog_file_prefixes leaves out here: %s", a.Text)
		}
	}

	// A value that would need quoting is said, never put in a command.
	h := hintOf(t, feed("postfix: fatal: maillog_file value '/srv/log/$(reboot).log' does not match any prefix in maillog_file_prefixes"), sources.HintConfigError)
	for _, a := range h.Steps {
		if a.Command && strings.Contains(a.Text, "reboot") {
			t.Errorf("a value that is no plain path went into a command: %s", a.Text)
		}
	}
}

// postfix(1), postlog and postsuper write their line into maillog_file
// themselves while postlogd does not run (Postfix is stopped); a write
// that fails stops the command, and the hint names the file's trouble.
func TestMaillogFileWriteErrorNamesTheLogFile(t *testing.T) {
	h := hintOf(t, feed("Dec  3 10:00:00 mx postfix/postfix-script[812]: fatal: logfile '/var/log/postfix.log' write error: Input/output error"), sources.HintDaemonCrash)
	if h.Severity != SevCritical {
		t.Errorf("%s, want critical", h.Severity)
	}
	if text := strings.Join(h.Evidence, " ") + " " + strings.Join(h.Actions, " "); !strings.Contains(text, "maillog_file") || !strings.Contains(text, "postlogd") {
		t.Errorf("the write error's advice names neither maillog_file nor postlogd: %s", text)
	}
}
