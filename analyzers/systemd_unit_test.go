package analyzers

import (
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// systemd's report of a failed start of Postfix's unit, as Debian's
// postfix@-.service logs it.
var unitFailed = []string{
	"Nov 28 10:00:01 mx systemd[1]: postfix@-.service: Control process exited, code=exited, status=1/FAILURE",
	"Nov 28 10:00:01 mx systemd[1]: postfix@-.service: Failed with result 'exit-code'.",
	"Nov 28 10:00:01 mx systemd[1]: Failed to start postfix@-.service - Postfix Mail Transport Agent (instance -).",
}

func unitHint(hs []Hint) (int, *Hint) {
	for i := range hs {
		if strings.HasPrefix(hs[i].Subject, "systemd_") || slices.ContainsFunc(hs[i].Evidence, func(s string) bool { return strings.HasPrefix(s, "systemd_") }) {
			return i, &hs[i]
		}
	}
	return -1, nil
}

func stepTexts(h *Hint) string {
	var b strings.Builder
	for _, a := range h.Steps {
		b.WriteString(a.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// Alone, systemd's lines say Postfix did not start, and where its own
// lines say why: postfix check, the unit's journal (the pattern quoted
// for the shell), the mail log; never a reload, which a Postfix that is
// not running cannot take.
func TestSystemdUnitFailureAlone(t *testing.T) {
	_, h := unitHint(feed(unitFailed...).Hints(true))
	if h == nil {
		t.Fatal("no hint from systemd's lines about Postfix's unit")
	}
	if h.ID != sources.HintDaemonCrash || h.Side != "host" || h.Severity != SevCritical {
		t.Errorf("hint %s/%s at %s, want daemon_crash/host, critical", h.ID, h.Side, h.Severity)
	}
	if !strings.Contains(h.Title, "Postfix did not start") {
		t.Errorf("title %q does not say Postfix did not start", h.Title)
	}
	steps := stepTexts(h)
	for _, want := range []string{"postfix check", "journalctl -u 'postfix*'", "/var/log/mail.log", "fatal"} {
		if !strings.Contains(steps, want) {
			t.Errorf("steps lack %q:\n%s", want, steps)
		}
	}
	if strings.Contains(steps, "postfix reload") || strings.Contains(steps, "journalctl -u postfix*") {
		t.Errorf("steps reload a stopped Postfix or leave the pattern to the shell:\n%s", steps)
	}
}

// With Postfix's own fatal line before them, that line's hint leads and
// systemd's lines follow it, within the hint or after it.
func TestSystemdUnitFailureAfterFatal(t *testing.T) {
	for _, fatal := range []string{
		// Known: the master cannot listen on port 25.
		"Nov 28 10:00:00 mx postfix/master[812]: fatal: bind 0.0.0.0 port 25: Address already in use",
		// No entry knows it: the hint for fatal lines no entry knows.
		"Nov 28 10:00:00 mx postfix/postfix-script[810]: fatal: frobnication of the queue failed",
	} {
		e := feed(append([]string{fatal}, unitFailed...)...)
		hs := e.Hints(true)
		i, h := unitHint(hs)
		if h == nil {
			t.Fatalf("%s: no hint for systemd's lines", fatal)
		}
		if strings.HasPrefix(h.Subject, "systemd_") {
			// A hint of their own: after the fatal line's.
			lead := slices.IndexFunc(hs, func(x Hint) bool { return x.ID == sources.HintDaemonCrash && !strings.HasPrefix(x.Subject, "systemd_") })
			if lead < 0 || lead > i {
				t.Errorf("%s: systemd's hint ranks at %d, the fatal line's at %d", fatal, i, lead)
			}
		} else if strings.HasPrefix(h.Evidence[0], "systemd_") {
			t.Errorf("%s: systemd's line leads the evidence: %q", fatal, h.Evidence)
		}
		if !slices.ContainsFunc(h.Evidence, func(s string) bool { return strings.Contains(s, fatal[strings.Index(fatal, "fatal: "):]) }) && !slices.Contains(h.Samples, fatal) &&
			!slices.ContainsFunc(hs[:i], func(x Hint) bool { return slices.ContainsFunc(x.Samples, func(s string) bool { return s == fatal }) }) {
			t.Errorf("%s: neither systemd's hint nor one before it names the fatal line", fatal)
		}
	}
}

// Another unit's failure is no hint about Postfix.
func TestSystemdOtherUnitNoHint(t *testing.T) {
	e := feed(
		"Nov 28 10:00:01 mx systemd[1]: dovecot.service: Control process exited, code=exited, status=89/n/a",
		"Nov 28 10:00:01 mx systemd[1]: dovecot.service: Failed with result 'exit-code'.",
		"Nov 28 10:00:01 mx systemd[1]: Failed to start dovecot.service - Dovecot IMAP/POP3 email server.",
		"Job for dovecot.service failed because the control process exited with error code.",
	)
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			t.Errorf("another unit's failure gave %q", h.Title)
		}
	}
}

// A master that started after systemd's lines runs again: the failure is
// over, a warning of what happened, as after the master's own fatal line.
func TestSystemdUnitFailureOverWhenMasterStarts(t *testing.T) {
	started := "Nov 28 10:05:00 mx postfix/master[900]: daemon started -- version 3.7.11, configuration /etc/postfix"
	for _, lines := range [][]string{
		append(slices.Clone(unitFailed), started),
		append([]string{"Nov 28 10:00:00 mx postfix/master[812]: fatal: bind 0.0.0.0 port 25: Address already in use"}, append(slices.Clone(unitFailed), started)...),
	} {
		_, h := unitHint(feed(lines...).Hints(true))
		if h == nil {
			t.Fatalf("no hint for systemd's lines in %q", lines)
		}
		if h.Severity != SevWarning || !slices.ContainsFunc(h.Evidence, func(s string) bool { return strings.Contains(s, "started again") }) {
			t.Errorf("%s at %s, evidence %q: want a warning that Postfix runs again", h.Title, h.Severity, h.Evidence)
		}
	}
}

// Where systemd started Postfix, it is started again through systemd, not
// by postfix start beside the unit.
func TestSystemdUnitFailureStartsThroughSystemd(t *testing.T) {
	_, h := unitHint(feed(append([]string{"Nov 28 10:00:00 mx postfix/master[812]: fatal: bind 0.0.0.0 port 25: Address already in use"}, unitFailed...)...).Hints(true))
	if h == nil {
		t.Fatal("no hint")
	}
	steps := stepTexts(h)
	if strings.Contains(steps, "then postfix start") || !strings.Contains(steps, "systemctl restart") {
		t.Errorf("steps start Postfix beside its unit:\n%s", steps)
	}
}

// Entries that share their cause (systemd's several lines for one failed
// start) say it once: the others are named, not repeated.
func TestSystemdUnitCauseSaidOnce(t *testing.T) {
	_, h := unitHint(feed(unitFailed...).Hints(true))
	if h == nil {
		t.Fatal("no hint")
	}
	n := 0
	for _, ev := range h.Evidence {
		if strings.Contains(ev, "systemd reports that Postfix's unit failed") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the cause is said %d times:\n%s", n, strings.Join(h.Evidence, "\n"))
	}
}

// systemd's start that failed because a master held Postfix's lock (a
// Postfix started beside the unit) stopped nothing: a warning that names
// that line and says how to find what runs, not a critical stop.
func TestSystemdUnitFailureWhileMasterRuns(t *testing.T) {
	running := "Nov 28 10:00:00 mx postfix/postfix-script[810]: fatal: the Postfix mail system is already running"
	_, h := unitHint(feed(append([]string{running}, unitFailed...)...).Hints(true))
	if h == nil {
		t.Fatal("no hint")
	}
	if h.Severity != SevWarning {
		t.Errorf("%s at %s, want a warning: Postfix runs", h.Title, h.Severity)
	}
	if !slices.ContainsFunc(h.Evidence, func(s string) bool { return strings.Contains(s, "already running") }) {
		t.Errorf("evidence does not name the line before: %q", h.Evidence)
	}
	if steps := stepTexts(h); !strings.Contains(steps, "postfix status") {
		t.Errorf("steps do not find the master that runs:\n%s", steps)
	}
}

// postfix start's own "mail system startup failed" right after the master
// it ran found master.lock held is that same refused start: another
// master runs, and its daemons go on receiving and delivering. No stop
// and no restart, which would meet the lock again, but how to find the
// master that runs, and a second instance's own data_directory.
func TestStartupFailedOnHeldLockStoppedNothing(t *testing.T) {
	lines := append([]string{
		"Nov 28 10:00:00 mx postfix/master[812]: fatal: open lock file /var/lib/postfix/master.lock: unable to set exclusive lock: Resource temporarily unavailable",
		"Nov 28 10:00:00 mx postfix/postfix-script[809]: fatal: mail system startup failed",
	}, unitFailed...)
	working := []string{
		"Nov 28 10:00:20 mx postfix/smtpd[301]: 4B441F05A: client=mail.example.net[192.0.2.10]",
		"Nov 28 10:00:20 mx postfix/qmgr[120]: 4B441F05A: from=<ann@example.net>, size=3426, nrcpt=1 (queue active)",
		"Nov 28 10:00:21 mx postfix/local[302]: 4B441F05A: to=<bob@example.org>, relay=local, delay=0.4, delays=0.3/0.01/0/0.09, dsn=2.0.0, status=sent (delivered to mailbox)",
	}
	flows := func(h *Hint) bool {
		return slices.ContainsFunc(h.Evidence, func(s string) bool { return strings.Contains(s, "mail flows") })
	}
	for _, after := range [][]string{nil, working} {
		hs := feed(append(slices.Clone(lines), after...)...).Hints(true)
		for _, h := range hs {
			if h.Subject == "startup_failed" || h.Severity == SevCritical {
				t.Errorf("%s at %s: Postfix read as stopped", h.Title, h.Severity)
			}
		}
		_, h := unitHint(hs)
		if h == nil {
			t.Fatal("no hint for systemd's lines")
		}
		steps := stepTexts(h)
		for _, want := range []string{"postfix status", "ps ", "data_directory"} {
			if !strings.Contains(steps, want) {
				t.Errorf("steps lack %q:\n%s", want, steps)
			}
		}
		if strings.Contains(steps, "systemctl restart") || strings.Contains(strings.Join(h.Cautions, " "), "neither received nor delivered") {
			t.Errorf("a restart or a stop for a master that runs:\n%s%q", steps, h.Cautions)
		}
		if flows(h) != (after != nil) {
			t.Errorf("daemons after the lock %v, evidence %q", after != nil, h.Evidence)
		}
	}
}

// When systemd's own line says why the unit stopped (a timeout, the OOM
// killer, a signal, a crash), that reason leads the hint, and the steps
// are its own: no Postfix fatal: line is behind it, and postfix check or
// a search for fatal lines would look in the wrong place.
func TestSystemdUnitOwnReasonLeads(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		title string   // in the hint's title
		steps []string // in its steps
	}{
		{"oom", []string{
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: A process of this unit has been killed by the OOM killer.",
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=killed, status=9/KILL",
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Failed with result 'oom-kill'.",
		}, "memory", []string{"journalctl -k", "MemoryMax"}},
		{"timeout", []string{
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Start operation timed out. Terminating.",
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Failed with result 'timeout'.",
			"Nov 28 10:00:01 mx systemd[1]: Failed to start Postfix Mail Transport Agent.",
		}, "timed out", []string{"PIDFile", "queue_directory"}},
		{"signal", []string{
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=killed, status=15/TERM",
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Failed with result 'signal'.",
		}, "signal", []string{"journalctl -k"}},
		{"kill alone", []string{
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=killed, status=9/KILL",
		}, "signal", []string{"journalctl -k"}},
		{"core", []string{
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=dumped, status=11/SEGV",
			"Nov 28 10:00:01 mx systemd[1]: postfix.service: Failed with result 'core-dump'.",
		}, "crashed", []string{"coredumpctl"}},
	} {
		_, h := unitHint(feed(c.lines...).Hints(true))
		if h == nil {
			t.Errorf("%s: no hint", c.name)
			continue
		}
		if h.ID != sources.HintDaemonCrash || h.Severity != SevCritical {
			t.Errorf("%s: %s at %s, want a critical daemon_crash", c.name, h.ID, h.Severity)
		}
		if !strings.Contains(h.Title, c.title) || strings.Contains(h.Title, "fatal: line says why") {
			t.Errorf("%s: title %q, want one that says %q", c.name, h.Title, c.title)
		}
		steps := stepTexts(h)
		for _, w := range c.steps {
			if !strings.Contains(steps, w) {
				t.Errorf("%s: steps lack %q:\n%s", c.name, w, steps)
			}
		}
		if strings.Contains(steps, "grep -E 'fatal|panic'") || strings.Contains(steps, "postfix check   #") {
			t.Errorf("%s: steps look for a fatal line systemd's reason replaces:\n%s", c.name, steps)
		}
	}
}

// fdLimitEngine is a log of smtpd out of file descriptors under syslog
// name tag, after the lines in before, with main.cf's params (none when
// empty).
func fdLimitEngine(tag, params string, before ...string) *Engine {
	e := feed(append(before, "Nov 28 10:00:02 mx "+tag+"/smtpd[4242]: error: accept connection: Too many open files")...)
	if params != "" {
		p, _ := sources.ParseParams(strings.NewReader(params))
		e.SetConfig(&sources.Config{Params: p, Explicit: p})
	}
	return e
}

// The file-descriptor limit goes into a drop-in of the unit that runs
// this Postfix: postfix@-.service (or the postmulti instance's
// postfix@NAME.service) on Debian and Ubuntu, whose daemon directory is
// /usr/lib/postfix/sbin, postfix.service elsewhere, where every instance
// runs under it; a drop-in for a unit that does not exist changes
// nothing. Where nothing tells, the steps say how to find the unit.
func TestFDLimitDropInNamesTheUnit(t *testing.T) {
	rhel := "daemon_directory = /usr/libexec/postfix\n"
	debian := "daemon_directory = /usr/lib/postfix/sbin\n"
	exited := "Nov 28 10:00:01 mx postfix/master[1010]: warning: process /usr/libexec/postfix/smtpd pid 4241 exit status 1"
	for _, c := range []struct {
		name string
		e    *Engine
		unit string // "" when it cannot be told
	}{
		{"red hat's daemon_directory", fdLimitEngine("postfix", rhel), "postfix.service"},
		{"red hat, an instance", fdLimitEngine("postfix-out", rhel), "postfix.service"},
		{"debian's daemon_directory", fdLimitEngine("postfix", debian), "postfix@-.service"},
		{"debian, an instance by its syslog name", fdLimitEngine("postfix-out", debian), "postfix@postfix-out.service"},
		{"debian, the instance's configuration", fdLimitEngine("postfix-out", debian+"multi_instance_name = postfix-out\n"), "postfix@postfix-out.service"},
		{"debian, two instances, one's errors", fdLimitEngine("postfix-out", debian, "Nov 28 10:00:01 mx postfix-in/smtpd[4240]: connect from unknown[192.0.2.1]"), "postfix@postfix-out.service"},
		{"the master's daemon path", fdLimitEngine("postfix", "", exited), "postfix.service"},
		{"systemd's lines", fdLimitEngine("postfix", "", unitFailed...), "postfix@-.service"},
		{"nothing tells", fdLimitEngine("postfix", ""), ""},
	} {
		var h *Hint
		for _, x := range c.e.Hints(true) {
			if x.ID == "ulimit" {
				h = &x
			}
		}
		if h == nil {
			t.Errorf("%s: no ulimit hint", c.name)
			continue
		}
		steps := stepTexts(h)
		if c.unit == "" {
			if !strings.Contains(steps, "systemctl list-units 'postfix*'") || !strings.Contains(steps, "postfix@-.service") || !strings.Contains(steps, "postfix.service") {
				t.Errorf("%s: steps do not say how to find the unit:\n%s", c.name, steps)
			}
			if slices.ContainsFunc(h.Steps, func(a Action) bool { return a.Command && strings.Contains(a.Text, "/etc/systemd/system/") }) {
				t.Errorf("%s: a drop-in for a unit guessed:\n%s", c.name, steps)
			}
			continue
		}
		for _, want := range []string{
			"mkdir -p /etc/systemd/system/" + c.unit + ".d && printf '[Service]\\nLimitNOFILE=65536\\n' > /etc/systemd/system/" + c.unit + ".d/nofile.conf",
			"systemctl daemon-reload && systemctl restart " + c.unit,
			"systemctl show -p LimitNOFILE " + c.unit,
		} {
			if !strings.Contains(steps, want) {
				t.Errorf("%s: steps lack %q:\n%s", c.name, want, steps)
			}
		}
		if rest := strings.ReplaceAll(steps, c.unit, ""); strings.Contains(rest, "postfix@") || strings.Contains(rest, "postfix.service") {
			t.Errorf("%s: steps name another unit than %s:\n%s", c.name, c.unit, steps)
		}
	}
}

// The step that starts Postfix again through systemd names the unit
// systemd's own lines name: Red Hat's postfix.service, not Debian's
// postfix@-.service.
func TestSystemdUnitRestartNamesTheUnit(t *testing.T) {
	bind := "Nov 28 10:00:00 mx postfix/master[812]: fatal: bind 0.0.0.0 port 25: Address already in use"
	redHat := []string{
		"Nov 28 10:00:01 mx systemd[1]: postfix.service: Control process exited, code=exited, status=1/FAILURE",
		"Nov 28 10:00:01 mx systemd[1]: postfix.service: Failed with result 'exit-code'.",
		"Nov 28 10:00:01 mx systemd[1]: Failed to start Postfix Mail Transport Agent.",
	}
	for _, c := range []struct {
		lines     []string
		unit, not string
	}{
		{redHat, "systemctl restart postfix.service", "postfix@"},
		{unitFailed, "systemctl restart postfix@-.service", "postfix.service"},
	} {
		_, h := unitHint(feed(append([]string{bind}, c.lines...)...).Hints(true))
		if h == nil {
			t.Fatal("no hint")
		}
		i := slices.IndexFunc(h.Steps, func(a Action) bool { return strings.HasPrefix(a.Text, "postfix check   #") })
		if i < 0 {
			t.Fatalf("no postfix check:\n%s", stepTexts(h))
		}
		if s := h.Steps[i].Text; !strings.Contains(s, c.unit) || strings.Contains(s, c.not) {
			t.Errorf("the step does not start %q alone: %s", c.unit, s)
		}
	}
}

// On Debian each instance runs as its own unit: the drop-in and the
// restart go to the unit of the instance whose lines the hint has
// (postfix@-.service for the default one's, logged as postfix), not to
// another instance's whose lines are in the log; lines of two instances
// tell no one unit.
func TestUnitIsTheInstanceOfTheHintsLines(t *testing.T) {
	debian := "daemon_directory = /usr/lib/postfix/sbin\n"
	sent := func(tag string) string {
		return "Nov 28 10:00:01 mx " + tag + "/smtp[4300]: 4AB12C3D4E: to=<u@example.net>, relay=mx.example.net[198.51.100.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok)"
	}
	outExited := "Nov 28 10:00:00 mx systemd[1]: postfix@postfix-out.service: Main process exited, code=exited, status=1/FAILURE"
	fdUnit := func(e *Engine) string {
		h := hintByID(t, e.Hints(true), "ulimit")
		return stepTexts(&h)
	}
	for _, c := range []struct {
		name string
		e    *Engine
		unit string // "" when it cannot be told
	}{
		{"the default instance's lines", fdLimitEngine("postfix", debian, sent("postfix-out")), "postfix@-.service"},
		{"an instance's lines", fdLimitEngine("postfix-out", debian, sent("postfix")), "postfix@postfix-out.service"},
		{"another instance's configuration", fdLimitEngine("postfix", debian+"multi_instance_name = postfix-out\n"), "postfix@-.service"},
		{"the instance's configuration", fdLimitEngine("mx-out", debian+"multi_instance_name = postfix-out\nsyslog_name = mx-out\n", sent("postfix")), "postfix@postfix-out.service"},
		{"a name of no instance", fdLimitEngine("mx-out", debian), ""},
		{"two instances' lines", fdLimitEngine("postfix", debian, "Nov 28 10:00:01 mx postfix-out/smtpd[4240]: error: accept connection: Too many open files"), ""},
		{"another instance's unit in systemd's lines", fdLimitEngine("postfix", debian, outExited), "postfix@-.service"},
		{"another instance's unit, no configuration", fdLimitEngine("postfix", "", outExited), ""},
		{"the instance's unit in systemd's lines", fdLimitEngine("postfix-out", "", outExited), "postfix@postfix-out.service"},
		{"another layout's daemon_directory", fdLimitEngine("postfix", "daemon_directory = /usr/libexec/postfix\n", outExited), "postfix.service"},
	} {
		steps := fdUnit(c.e)
		if c.unit == "" {
			if !strings.Contains(steps, "systemctl list-units 'postfix*'") || strings.Contains(steps, "/etc/systemd/system/postfix") {
				t.Errorf("%s: a unit guessed:\n%s", c.name, steps)
			}
			continue
		}
		if !strings.Contains(steps, "systemctl restart "+c.unit+"\n") || strings.Count(steps, "postfix@")+strings.Count(steps, "postfix.service") != strings.Count(steps, c.unit) {
			t.Errorf("%s: steps do not act on %s alone:\n%s", c.name, c.unit, steps)
		}
	}
	// The start after systemd's failure goes through the same unit.
	lines := []string{
		sent("postfix-out"),
		"Nov 28 10:00:02 mx postfix/master[812]: fatal: bind 0.0.0.0 port 25: Address already in use",
		"Nov 28 10:00:02 mx systemd[1]: Failed to start Postfix Mail Transport Agent.",
	}
	e := feed(lines...)
	p, _ := sources.ParseParams(strings.NewReader(debian))
	e.SetConfig(&sources.Config{Params: p, Explicit: p})
	_, h := unitHint(e.Hints(true))
	if h == nil {
		t.Fatal("no hint")
	}
	if s := stepTexts(h); !strings.Contains(s, "systemctl restart postfix@-.service") || strings.Contains(s, "postfix-out") {
		t.Errorf("the start does not go to postfix@-.service alone:\n%s", s)
	}
}
