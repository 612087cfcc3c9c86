package analyzers

import (
	"strings"
	"testing"
)

// A command that pipe(8), local(8) or spawn(8) runs is not Postfix: when it
// dies, the fix is the command's (run it by hand as its user, its memory,
// its time limit), and postfix check or postfix reload change nothing for
// it. A Postfix daemon's crash keeps its own advice.
func TestCommandCrashAdvisesTheCommand(t *testing.T) {
	commands := map[string]string{
		"pipe signal":                `Nov 28 10:00:01 mx postfix/pipe[501]: 3F2A1C0A50: to=<list@lists.example.org>, relay=mailman, delay=0.3, delays=0.1/0/0/0.2, dsn=4.3.0, status=deferred (Command died with signal 11: "/usr/lib/mailman/mail/mailman")`,
		"local alias command status": `Nov 28 10:00:02 mx postfix/local[502]: 3F2A1C0A51: to=<rt@mx.example.org>, orig_to=<rt@example.org>, relay=local, delay=0.5, delays=0.1/0/0/0.4, dsn=5.3.0, status=bounced (Command died with status 1: "/opt/rt5/bin/rt-mailgate". Command output: An Error Occurred ================= 500 Internal Server Error )`,
		"pipe sysexits":              `Nov 28 10:00:03 mx postfix/pipe[503]: 3F2A1C0A52: to=<ann@example.org>, relay=procmail, delay=0.2, delays=0.1/0/0/0.1, dsn=5.3.0, status=bounced (local configuration error. Command output: procmail: Couldn't read "/etc/procmailrc" )`,
		"spawn killed":               `Nov 28 10:00:04 mx postfix/spawn[504]: warning: command /usr/bin/policyd-spf killed by signal 9`,
	}
	for name, line := range commands {
		t.Run(name, func(t *testing.T) {
			h := hintOf(t, feed(line), "daemon_crash")
			acts := strings.Join(h.Actions, "\n")
			if strings.Contains(acts, "postfix reload") || strings.Contains(acts, "postfix check") {
				t.Errorf("a crashing command is advised a Postfix check or reload:\n%s", acts)
			}
			for _, want := range []string{"by hand", "user=", "memory", "time_limit"} {
				if !strings.Contains(acts, want) {
					t.Errorf("the advice lacks %q:\n%s", want, acts)
				}
			}
		})
	}
	daemon := `Nov 28 10:00:05 mx postfix/master[1]: warning: process /usr/lib/postfix/sbin/smtpd pid 505 killed by signal 11`
	h := hintOf(t, feed(daemon), "daemon_crash")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "postfix check") {
		t.Errorf("a Postfix daemon's crash lost its postfix check:\n%s", acts)
	}
	// A daemon's crash beside a command's: Postfix's own advice stays.
	h = hintOf(t, feed(commands["pipe signal"], daemon), "daemon_crash")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "postfix check") {
		t.Errorf("a Postfix daemon's crash beside a command's lost its postfix check:\n%s", acts)
	}
}

// Signal 25 (SIGXFSZ) kills a command that wrote past its file size
// limit: local(8) sets mailbox_size_limit as the limit of every file its
// commands write, and a shell between the agent and the command reports
// the kill as status 153 (128+25). The advice names the limit to check,
// not a crash or the memory.
func TestCommandPastFileSizeLimit(t *testing.T) {
	for name, line := range map[string]string{
		"pipe signal 25":   `Nov 28 10:00:01 mx postfix/pipe[501]: 3F2A1C0A50: to=<ann@example.org>, relay=archive, delay=2.1, delays=0.1/0/0/2, dsn=4.3.0, status=deferred (Command died with signal 25: "/usr/local/bin/archive")`,
		"local signal 25":  `Nov 28 10:00:02 mx postfix/local[502]: 3F2A1C0A51: to=<ann@mx.example.org>, orig_to=<ann@example.org>, relay=local, delay=2.1, delays=0.1/0/0/2, dsn=4.3.0, status=deferred (Command died with signal 25: "/usr/bin/procmail")`,
		"local status 153": `Nov 28 10:00:03 mx postfix/local[503]: 3F2A1C0A52: to=<ann@mx.example.org>, orig_to=<ann@example.org>, relay=local, delay=2.1, delays=0.1/0/0/2, dsn=5.3.0, status=bounced (Command died with status 153: "/usr/bin/procmail -a \"$EXTENSION\"")`,
	} {
		h := hintOf(t, feed(line), "daemon_crash")
		all := strings.Join(h.Evidence, " ") + strings.Join(h.Actions, " ")
		for _, want := range []string{"file size limit", "postconf -h mailbox_size_limit message_size_limit"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: the advice lacks %q:\n%s", name, want, all)
			}
		}
		if !strings.Contains(strings.Join(h.Evidence, " "), "command_file_size_limit") {
			t.Errorf("%s: not read as a file size limit: %q", name, h.Evidence)
		}
	}
	// Another signal is no file size limit.
	other := `Nov 28 10:00:04 mx postfix/pipe[504]: 3F2A1C0A53: to=<ann@example.org>, relay=archive, delay=2.1, delays=0.1/0/0/2, dsn=4.3.0, status=deferred (Command died with signal 9: "/usr/local/bin/archive")`
	if h := hintOf(t, feed(other), "daemon_crash"); strings.Contains(strings.Join(h.Evidence, " "), "command_file_size_limit") {
		t.Errorf("signal 9 read as a file size limit: %q", h.Evidence)
	}
}
