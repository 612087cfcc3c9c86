package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// Permission denied on a file under the configuration directory may be
// the file's mode or any directory above it: the advice names the path
// from the message and shows every directory on its way, the path
// quoted; a path no file can have gets a sentence, not a command.
func TestConfigFileDeniedNamesPath(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"Nov 28 10:00:00 mx postfix/proxymap[153]: fatal: open /etc/postfix/mysql-virtual.cf: Permission denied", "namei -l /etc/postfix/mysql-virtual.cf"},
		{"Nov 28 10:00:00 mx postfix/master[1]: fatal: open /etc/postfix/master.cf: Permission denied", "namei -l /etc/postfix/master.cf"},
		{"Nov 28 10:00:00 mx postfix/postfix-script[99]: fatal: open /etc/postfix/main.cf: Permission denied", "namei -l /etc/postfix/main.cf"},
	} {
		h := hintOfTitle(t, feed(tc.line), "config_file_denied")
		var cmds, all string
		for _, a := range h.Steps {
			all += a.Text + "\n"
			if a.Command {
				cmds += a.Text + "\n"
			}
		}
		if !strings.Contains(cmds, tc.want) {
			t.Errorf("no command %q in:\n%s", tc.want, all)
		}
		if !strings.Contains(all, "every directory") {
			t.Errorf("the advice does not say to check the directories on the way:\n%s", all)
		}
	}
	h := hintOfTitle(t, feed("Nov 28 10:00:00 mx postfix/proxymap[153]: fatal: open /etc/postfix/x;reboot.cf: Permission denied"), "config_file_denied")
	for _, a := range h.Steps {
		if a.Command && strings.Contains(a.Text, "reboot") {
			t.Errorf("an implausible path went into a command: %s", a.Text)
		}
	}
}

// hintOfTitle is the hint whose title names s, failing the test without.
func hintOfTitle(t *testing.T, e *Engine, s string) Hint {
	t.Helper()
	for _, h := range e.Hints(true) {
		if strings.Contains(h.Title, s) {
			return h
		}
	}
	t.Fatalf("no hint names %s: %+v", s, e.Hints(true))
	return Hint{}
}

// A parameter that master.cf sets with -o on a service is read back there
// too: postconf alone prints main.cf's value (smtpd_sasl_auth_enable = no
// while the submission service turns it on).
func TestValuesInForceReadMasterOverrides(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/submission/smtpd[83]: warning: SASL: Connect to private/auth failed: No such file or directory")
	params, _ := sources.ParseParams(strings.NewReader("smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("submission inet n - y - - smtpd -o syslog_name=postfix/submission -o smtpd_sasl_auth_enable=yes\nsmtp inet n - y - - smtpd\n"), 100)
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	var acts string
	for _, h := range e.Hints(true) {
		acts += strings.Join(h.Actions, "\n") + "\n"
	}
	if !strings.Contains(acts, "postconf -P submission/inet/smtpd_sasl_auth_enable") {
		t.Errorf("no read-back of the service's own value:\n%s", acts)
	}
}

// A milter that cannot be reached: what happens to the mail meanwhile is
// milter_default_action's, and the hint says it from the configuration
// read: accept lets mail through unsigned and unscanned, tempfail (the
// default) defers every message.
func TestMilterDownSaysWhatMailDoes(t *testing.T) {
	ev := func(conf string) string {
		t.Helper()
		e := feed(
			"Nov 28 10:00:00 mx postfix/smtpd[83]: warning: connect to Milter service inet:localhost:8891: Connection refused",
			"Nov 28 10:00:01 mx postfix/smtpd[83]: warning: connect to Milter service inet:localhost:8891: Connection refused",
		)
		params, _ := sources.ParseParams(strings.NewReader("smtpd_milters = inet:localhost:8891\n" + conf))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		var all string
		for _, h := range e.Hints(true) {
			all += strings.Join(h.Evidence, "\n") + "\n"
		}
		return all
	}
	if s := ev("milter_default_action = accept\n"); !strings.Contains(s, "milter_default_action = accept") || !strings.Contains(s, "unsigned") {
		t.Errorf("accept:\n%s", s)
	}
	if s := ev(""); !strings.Contains(s, "milter_default_action = tempfail") || !strings.Contains(s, "deferred") {
		t.Errorf("default:\n%s", s)
	}
}
