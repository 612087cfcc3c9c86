package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
	"mxtop/ui"
)

func applyModel(t *testing.T, ex *sourcestest.Postconf) (*Model, string, string) {
	t.Helper()
	dir, backups := t.TempDir(), filepath.Join(t.TempDir(), "backups")
	os.WriteFile(filepath.Join(dir, "main.cf"), []byte("myhostname = mx.example.net\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "master.cf"), []byte("smtp unix - - n - - smtp\n"), 0o644)
	m, _ := actionModel(t, ActionSettings{Root: true, Exec: ex, ConfigDir: dir, BackupDir: backups})
	return m, dir, backups
}

var slowChanges = []sources.ConfigChange{
	{Service: "slow/unix", Value: "slow unix - - n - - smtp"},
	{Param: "slow_destination_concurrency_limit", Value: "2"},
}

// a shows the diff and the commands; only y applies; u undoes it.
func TestApplyShowsTheDiffAndRunsOnlyAfterYes(t *testing.T) {
	ex := &sourcestest.Postconf{}
	m, dir, backups := applyModel(t, ex)
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "throttle throttled.example"}))
	if m.view.Confirm == nil {
		t.Fatalf("no confirmation: %q", m.view.Flash)
	}
	screen := ansi.Strip(m.Render())
	for _, want := range []string{"+slow_destination_concurrency_limit = 2", "+slow unix - - n - - smtp", "-c " + dir + " check", "reload"} {
		if !strings.Contains(screen, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, screen)
		}
	}
	for _, c := range ex.Calls {
		if strings.HasPrefix(c, "postfix") {
			t.Fatalf("ran %q before y", c)
		}
	}
	main, _ := os.ReadFile(filepath.Join(dir, "main.cf"))
	if string(main) != "myhostname = mx.example.net\n" {
		t.Fatalf("the preview changed main.cf: %q", main)
	}
	run(m, pressCmd(m, "y"))
	main, _ = os.ReadFile(filepath.Join(dir, "main.cf"))
	if !strings.Contains(string(main), "slow_destination_concurrency_limit = 2") || !strings.Contains(m.view.Flash, "apply: ok") {
		t.Fatalf("after y: main.cf %q, flash %q", main, m.view.Flash)
	}
	if last, _ := sources.LastBackup(backups); last == "" {
		t.Fatal("no backup")
	}
	// u asks, then restores.
	run(m, pressCmd(m, "u"))
	if m.view.Confirm == nil || !strings.Contains(m.view.Confirm.Title, "undo") {
		t.Fatalf("u: %+v %q", m.view.Confirm, m.view.Flash)
	}
	run(m, pressCmd(m, "y"))
	main, _ = os.ReadFile(filepath.Join(dir, "main.cf"))
	if string(main) != "myhostname = mx.example.net\n" || !strings.Contains(m.view.Flash, "undo: ok") {
		t.Fatalf("after undo: %q, flash %q", main, m.view.Flash)
	}
	audit, _ := os.ReadFile(filepath.Join(m.set.SnapshotDir, AuditName))
	for _, want := range []string{"run apply", "done apply", "run undo", "done undo"} {
		if !strings.Contains(string(audit), want) {
			t.Errorf("audit lacks %q:\n%s", want, audit)
		}
	}
}

// A failing postfix check leaves the files as they were and says why.
func TestApplyFailedCheckShowsTheError(t *testing.T) {
	ex := &sourcestest.Postconf{Fail: map[string]string{"postfix -c": "postfix: fatal: /etc/postfix/master.cf: line 9: bad field"}}
	m, dir, _ := applyModel(t, ex)
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "throttle"}))
	run(m, pressCmd(m, "y"))
	main, _ := os.ReadFile(filepath.Join(dir, "main.cf"))
	if string(main) != "myhostname = mx.example.net\n" || !strings.Contains(m.view.Flash, "bad field") {
		t.Fatalf("main.cf %q, flash %q", main, m.view.Flash)
	}
}

// Read-only and the demo refuse; a hint without changes says so.
func TestApplyRefused(t *testing.T) {
	ex := &sourcestest.Postconf{}
	m, _, _ := applyModel(t, ex)
	run(m, m.request(ui.Request{Subject: "no changes"}))
	if !strings.Contains(m.view.Flash, "no configuration change") {
		t.Errorf("flash %q", m.view.Flash)
	}
	m.set.Actions.ReadOnly = true
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "x"}))
	run(m, pressCmd(m, "u"))
	m.set.Actions.ReadOnly, m.set.Actions.Simulated = false, true
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "x"}))
	if len(ex.Calls) != 0 || m.view.Confirm != nil || !strings.Contains(m.view.Flash, "demo") {
		t.Errorf("calls %q, flash %q", ex.Calls, m.view.Flash)
	}
}
