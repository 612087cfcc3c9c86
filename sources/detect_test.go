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
	d, err := DetectLog(context.Background(), fx, exists("/var/log/postfix.log", "/var/log/maillog"))
	if err != nil || d.Spec.Paths[0] != "/var/log/postfix.log" {
		t.Fatalf("maillog_file first: %v %+v", err, d)
	}
	fx = &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n"}}
	d, err = DetectLog(context.Background(), fx, exists("/var/log/maillog"))
	if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/maillog" {
		t.Fatalf("maillog: %v %+v", err, d)
	}
	if !strings.Contains(d.Tried[1].Why, "permission denied") || !strings.Contains(d.Tried[1].Why, "adm") {
		t.Fatalf("mail.log rejection: %+v", d.Tried[1])
	}
	fx.Outputs["journalctl "+strings.Join(JournalArgs(JournalQuery{Lines: 1}), " ")] = "__REALTIME_TIMESTAMP=1\nMESSAGE=x\n\n"
	d, err = DetectLog(context.Background(), fx, exists())
	if err != nil || d.Spec.Kind != LogJournal {
		t.Fatalf("journal: %v %+v", err, d)
	}
}

func TestDetectLogNothing(t *testing.T) {
	_, err := DetectLog(context.Background(), &sourcestest.FakeExec{}, func(string) error { return errors.New("nope") })
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
	d, _ := DetectLog(context.Background(), fx, nil)
	if len(d.Spec.Paths) > 0 && d.Spec.Paths[0] == dir {
		t.Fatalf("a directory was taken as the log: %+v", d)
	}
	if len(d.Tried) == 0 || d.Tried[0].Place != dir || !strings.Contains(d.Tried[0].Why, "directory") {
		t.Fatalf("want the directory rejected with a reason: %+v", d.Tried)
	}
}
