package sources

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"mxtop/sources/sourcestest"
)

func TestDetectLogOrder(t *testing.T) {
	exists := func(ok ...string) func(string) error {
		return func(p string) error {
			for _, o := range ok {
				if o == p {
					return nil
				}
			}
			if p == "/var/log/mail.log" {
				return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}
			}
			return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
		}
	}
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "/var/log/postfix.log\n"}}
	d, err := DetectLog(context.Background(), fx, "", exists("/var/log/postfix.log", "/var/log/maillog"))
	if err != nil || d.Spec.Paths[0] != "/var/log/postfix.log" {
		t.Fatalf("maillog_file first: %v %+v", err, d)
	}
	fx = &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n"}}
	d, err = DetectLog(context.Background(), fx, "", exists("/var/log/maillog"))
	if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/maillog" {
		t.Fatalf("maillog: %v %+v", err, d)
	}
	if !strings.Contains(d.Tried[1].Why, "permission denied") || !strings.Contains(d.Tried[1].Why, "adm") {
		t.Fatalf("mail.log rejection: %+v", d.Tried[1])
	}
	fx.Outputs["journalctl "+strings.Join(JournalArgs(JournalQuery{Lines: 1}), " ")] = "__REALTIME_TIMESTAMP=1\nMESSAGE=x\n\n"
	d, err = DetectLog(context.Background(), fx, "", exists())
	if err != nil || d.Spec.Kind != LogJournal {
		t.Fatalf("journal: %v %+v", err, d)
	}
	// Output that is no journal export (a shim, a wrapper's banner) is
	// no journal with Postfix entries.
	fx.Outputs["journalctl "+strings.Join(JournalArgs(JournalQuery{Lines: 1}), " ")] = "MESSAGE=x\n\n"
	if d, err = DetectLog(context.Background(), fx, "", exists()); err == nil || d.Spec.Kind == LogJournal {
		t.Fatalf("garbage taken for the journal: %+v", d)
	}
	if why := d.Tried[len(d.Tried)-1].Why; why != "journalctl printed no journal entries (first line \"MESSAGE=x\"): not systemd's journalctl" {
		t.Errorf("why %q", why)
	}
}

func TestDetectLogNothing(t *testing.T) {
	_, err := DetectLog(context.Background(), &sourcestest.FakeExec{}, "", func(string) error { return errors.New("nope") })
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	for _, want := range []string{"postconf -h maillog_file: postconf: executable file not found in $PATH", "/var/log/mail.log", "/var/log/maillog", "/var/log/mail/mail.log", "journal:", "--log FILE", "--journal"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

// A directory where a log file is expected is rejected with a reason.
func TestDetectLogRejectsDirectory(t *testing.T) {
	dir := t.TempDir()
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": dir + "\n"}}
	d, _ := DetectLog(context.Background(), fx, "", nil)
	if len(d.Spec.Paths) > 0 && d.Spec.Paths[0] == dir {
		t.Fatalf("a directory was taken as the log: %+v", d)
	}
	if len(d.Tried) == 0 || d.Tried[0].Place != dir || !strings.Contains(d.Tried[0].Why, "directory") {
		t.Fatalf("want the directory rejected with a reason: %+v", d.Tried)
	}
}

// A user who may not read the log or the journal is told the exact fix,
// in the place's line and again as the last line, which is what the
// admin reads first; journalctl's own words name no group.
func TestDetectLogSaysTheFixForPermissions(t *testing.T) {
	denied := func(p string) error {
		if p == "/var/log/mail.log" {
			return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}
		}
		return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
	}
	journal := "journalctl " + strings.Join(JournalArgs(JournalQuery{Lines: 1}), " ")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n"},
		Errors: map[string]error{journal: errors.New("journalctl --output=export … (47 more arguments): No journal files were opened due to insufficient permissions.")}}
	d, err := DetectLog(context.Background(), fx, "", denied)
	if err == nil {
		t.Fatal("want an error")
	}
	lines := strings.Split(err.Error(), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "to read /var/log/mail.log: ") || !strings.Contains(last, "usermod -aG adm") {
		t.Errorf("last line %q: want the fix for /var/log/mail.log", last)
	}
	if j := d.Tried[len(d.Tried)-1]; !strings.Contains(j.Why, "usermod -aG systemd-journal") || strings.Contains(j.Why, "47 more") {
		t.Errorf("journal: %q", j.Why)
	}

	// No log file; journalctl, run by a user outside the journal's
	// groups, shows that user's own journal, without Postfix.
	t.Cleanup(func(old func() bool) func() { return func() { MayReadSystemJournal = old } }(MayReadSystemJournal))
	MayReadSystemJournal = func() bool { return false }
	fx = &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n", journal: ""}}
	_, err = DetectLog(context.Background(), fx, "", func(p string) error { return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist} })
	if err == nil || !strings.HasSuffix(err.Error(), "to read the system journal: "+JournalAccessFix+"; or set --log FILE, --journal or --docker NAME") {
		t.Errorf("journal not readable: %v", err)
	}
	MayReadSystemJournal = func() bool { return true }
	_, err = DetectLog(context.Background(), fx, "", func(p string) error { return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist} })
	if err == nil || strings.Contains(err.Error(), "usermod") {
		t.Errorf("a user who may read the journal was told to join a group: %v", err)
	}
}

// A failing postconf's error already names the command, as the real
// runner words it: the list of places tried names it once.
func TestDetectLogNamesPostconfOnce(t *testing.T) {
	fx := &sourcestest.FakeExec{Errors: map[string]error{
		"postconf -h maillog_file": errors.New("postconf -h maillog_file: postconf: fatal: open /etc/postfix/main.cf: No such file or directory"),
	}}
	_, err := DetectLog(context.Background(), fx, "", func(string) error { return errors.New("nope") })
	if err == nil {
		t.Fatal("want an error")
	}
	if msg := err.Error(); strings.Count(msg, "postconf -h maillog_file") != 1 || !strings.Contains(msg, "postconf -h maillog_file: postconf: fatal: open /etc/postfix/main.cf") {
		t.Errorf("postconf named other than once:\n%s", msg)
	}
}

// With maillog_file set, Postfix writes there and nowhere else: when that
// file cannot be read, the default files and the journal hold none of its
// new lines, and detection fails with the file's own advice rather than
// follow one of them.
func TestDetectLogKeepsToMaillogFile(t *testing.T) {
	open := func(p string) error {
		if p == "/var/log/postfix.log" {
			return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}
		}
		return nil // /var/log/mail.log and the others open
	}
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "/var/log/postfix.log\n",
		"journalctl " + strings.Join(JournalArgs(JournalQuery{Lines: 1}), " "): "__REALTIME_TIMESTAMP=1\nMESSAGE=x\n\n"}}
	d, err := DetectLog(context.Background(), fx, "", open)
	if err == nil || d.Spec.Kind == LogJournal || len(d.Spec.Paths) > 0 {
		t.Fatalf("followed another log: %v %+v", err, d.Spec)
	}
	if !strings.Contains(err.Error(), "/var/log/postfix.log") || !strings.Contains(err.Error(), "maillog_file") {
		t.Errorf("error %v", err)
	}
}
