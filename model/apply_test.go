package model

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
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
	// The configuration read is the directory's: a changes only what
	// it was worked out from.
	cfg, err := (&sources.ConfigReader{PostconfFile: filepath.Join(dir, "main.cf"), MasterFile: filepath.Join(dir, "master.cf")}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m.eng.SetConfig(cfg)
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
	// A saved configuration (--postconf, --master) is no file to change
	// here; a saved queue (--queue) turns off the queue's actions only.
	m.set.Actions.Simulated, m.set.Actions.ConfigOff = false, "a saved configuration"
	for _, k := range []string{"a", "u"} {
		if k == "a" {
			run(m, m.request(ui.Request{Apply: slowChanges, Subject: "x"}))
		} else {
			run(m, pressCmd(m, "u"))
		}
		if len(ex.Calls) != 0 || m.view.Confirm != nil || !strings.Contains(m.view.Flash, "a saved configuration") {
			t.Errorf("%s: calls %q, flash %q", k, ex.Calls, m.view.Flash)
		}
	}
	m.set.Actions.ConfigOff, m.set.Actions.Off = "", "a saved queue"
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "x"}))
	if m.view.Confirm == nil {
		t.Errorf("a saved queue refused apply: %q", m.view.Flash)
	}
}

// queueAndConfig answers the queue's commands as the lab's queue, and
// the configuration's as sourcestest.Postconf.
type queueAndConfig struct {
	queue *sourcestest.FakeExec
	conf  *sourcestest.Postconf
}

func (e queueAndConfig) pick(name string) sources.Exec {
	if name == "postqueue" || name == "postsuper" {
		return e.queue
	}
	return e.conf
}

func (e queueAndConfig) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	return e.pick(name).Output(ctx, name, args...)
}

func (e queueAndConfig) Stream(ctx context.Context, stderr bool, name string, args ...string) (io.ReadCloser, error) {
	return e.pick(name).Stream(ctx, stderr, name, args...)
}

func (e queueAndConfig) Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	return e.pick(name).Run(ctx, stdin, name, args...)
}

// y runs what the screen shows: a queue action asked for before an apply,
// whose queue was read after the apply's diff was worked out, neither
// replaces the apply's screen nor runs in its place. It ran postsuper -d
// behind the diff, without the domain typed.
func TestConfirmationRunsWhatItShows(t *testing.T) {
	_, f := actionModel(t, ActionSettings{Root: true})
	conf := &sourcestest.Postconf{}
	m, dir, _ := applyModel(t, conf)
	m.set.Actions.Exec = queueAndConfig{queue: f, conf: conf}
	for _, k := range []string{"postqueue -j", "postsuper -d -"} {
		name, rest, _ := strings.Cut(k, " ")
		f.Outputs[name+" -c "+dir+" "+rest] = f.Outputs[k]
	}
	focusQueueOn(t, m, "throttled.example")
	askDelete := pressCmd(m, "D")
	askApply := m.request(ui.Request{Apply: slowChanges, Subject: "throttle throttled.example"})
	applyPlan, deletePlan := askApply(), askDelete()
	m.Update(deletePlan) // the queue read is slower
	m.Update(applyPlan)
	if m.view.Confirm == nil || !strings.HasPrefix(m.view.Confirm.Title, "apply") {
		t.Fatalf("screen %+v, want the apply's", m.view.Confirm)
	}
	run(m, pressCmd(m, "y"))
	if calls(f, "postsuper") != 0 {
		t.Fatalf("y on the apply's screen ran %q", f.Calls)
	}
	if main, _ := os.ReadFile(filepath.Join(dir, "main.cf")); !strings.Contains(string(main), "slow_destination_concurrency_limit = 2") {
		t.Fatalf("not applied: %q (flash %q)", main, m.view.Flash)
	}
	// A plan that comes while a screen is open leaves it as it is.
	run(m, pressCmd(m, "u"))
	if m.view.Confirm == nil || !strings.Contains(m.view.Confirm.Title, "undo") {
		t.Fatalf("u: %+v", m.view.Confirm)
	}
	m.Update(deletePlan)
	if !strings.Contains(m.view.Confirm.Title, "undo") {
		t.Fatalf("screen replaced: %+v", m.view.Confirm)
	}
	run(m, pressCmd(m, "y"))
	if calls(f, "postsuper") != 0 || !strings.Contains(m.view.Flash, "undo: ok") {
		t.Fatalf("undo's y: %q, flash %q", f.Calls, m.view.Flash)
	}
}

// u undoes this instance's last change, not a newer one of another
// instance sharing the backup directory.
func TestUndoOnTheScreenTakesThisInstancesChange(t *testing.T) {
	ex := &sourcestest.Postconf{}
	m, dir, backups := applyModel(t, ex)
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "throttle"}))
	run(m, pressCmd(m, "y"))
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "main.cf"), []byte("myhostname = other.example.net\n"), 0o644)
	os.WriteFile(filepath.Join(other, "master.cf"), []byte("smtp unix - - n - - smtp\n"), 0o644)
	plan, err := sources.PlanConfig(context.Background(), ex, other, slowChanges)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sources.ApplyConfig(context.Background(), ex, plan, backups, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	otherMain, _ := os.ReadFile(filepath.Join(other, "main.cf"))
	run(m, pressCmd(m, "u"))
	if m.view.Confirm == nil || !strings.Contains(m.view.Confirm.Title, dir) {
		t.Fatalf("u: %+v %q", m.view.Confirm, m.view.Flash)
	}
	run(m, pressCmd(m, "y"))
	if main, _ := os.ReadFile(filepath.Join(dir, "main.cf")); string(main) != "myhostname = mx.example.net\n" {
		t.Errorf("this instance's main.cf after undo: %q (flash %q)", main, m.view.Flash)
	}
	if main, _ := os.ReadFile(filepath.Join(other, "main.cf")); !bytes.Equal(main, otherMain) {
		t.Errorf("the other instance's main.cf: %q", main)
	}
}

// hangingCheck is sourcestest.Postconf whose postfix commands hang until
// their context ends.
type hangingCheck struct{ *sourcestest.Postconf }

func (h hangingCheck) Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	if name == "postfix" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return h.Postconf.Run(ctx, stdin, name, args...)
}

// The program ended (SIGTERM, SIGHUP) while an apply runs: the apply is
// stopped and waited for, so its backup goes back and the audit log and
// stderr say how it ended. The change stayed written, unchecked and not
// reloaded, with only a "run apply" record.
func TestEndWhileApplyingRestores(t *testing.T) {
	conf := &sourcestest.Postconf{}
	m, dir, _ := applyModel(t, conf)
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "throttle"}))
	m.set.Actions.Exec = hangingCheck{conf}
	cmd := pressCmd(m, "y")
	if cmd == nil {
		t.Fatal("y started nothing")
	}
	go cmd() // Bubble Tea's goroutine; the program ends before it does
	var out strings.Builder
	m.SettleRuns(&out, 10*time.Second)
	if main, _ := os.ReadFile(filepath.Join(dir, "main.cf")); string(main) != "myhostname = mx.example.net\n" {
		t.Errorf("main.cf after the end: %q", main)
	}
	if !strings.Contains(out.String(), "apply: failed") {
		t.Errorf("said %q", out.String())
	}
	if audit, _ := os.ReadFile(filepath.Join(m.set.SnapshotDir, AuditName)); !strings.Contains(string(audit), "done apply") {
		t.Errorf("audit:\n%s", audit)
	}
}

// Before the configuration is read, a hint's change was worked out from
// Postfix's defaults (no transport_maps: set one), and applying it would
// replace what main.cf says: a refuses until the configuration is read.
func TestApplyWaitsForTheConfiguration(t *testing.T) {
	ex := &sourcestest.Postconf{}
	m, _, _ := applyModel(t, ex)
	m.eng.SetConfig(nil)
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "throttle"}))
	if m.view.Confirm != nil || len(ex.Calls) != 0 || !strings.Contains(m.view.Flash, "not read yet") {
		t.Errorf("confirm %+v, calls %q, flash %q", m.view.Confirm, ex.Calls, m.view.Flash)
	}
}

// A hint's list was worked out from the configuration read up to a
// minute ago; main.cf edited by hand since would lose the edit to the
// whole list postconf -e sets: a refuses, saying what changed.
func TestApplyRefusesAChangedConfiguration(t *testing.T) {
	ex := &sourcestest.Postconf{}
	m, dir, _ := applyModel(t, ex)
	const param = "smtpd_client_event_limit_exceptions"
	if v, set := m.eng.Config.Explicit[param]; set {
		t.Fatalf("the configuration read sets %s = %s", param, v)
	}
	edited := "myhostname = mx.example.net\n" + param + " = 10.9.9.9\n"
	os.WriteFile(filepath.Join(dir, "main.cf"), []byte(edited), 0o644)
	run(m, m.request(ui.Request{Apply: []sources.ConfigChange{{Param: param, Value: "192.168.1.10"}}, Subject: "exempt"}))
	if m.view.Confirm != nil || !strings.Contains(m.view.Flash, "10.9.9.9") || !strings.Contains(m.view.Flash, "changed") {
		t.Errorf("confirm %+v, flash %q", m.view.Confirm, m.view.Flash)
	}
	if main, _ := os.ReadFile(filepath.Join(dir, "main.cf")); string(main) != edited {
		t.Errorf("main.cf became %q", main)
	}
}

// The apply's commands wrap as the hints' do, between shell words with
// " \" at each wrapped line's end: the lines copied off a narrow screen
// are still the commands, the configuration directory whole.
func TestApplyCommandsWrapAsCommands(t *testing.T) {
	ex := &sourcestest.Postconf{}
	m, dir, _ := applyModel(t, ex)
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 50})
	run(m, m.request(ui.Request{Apply: slowChanges, Subject: "throttle throttled.example"}))
	if m.view.Confirm == nil {
		t.Fatalf("no confirmation: %q", m.view.Flash)
	}
	var rows []string
	for _, l := range strings.Split(ansi.Strip(m.Render()), "\n") {
		rows = append(rows, strings.TrimSpace(strings.Trim(l, "│")))
	}
	for _, want := range []string{"postfix -c " + dir + " check", "postfix -c " + dir + " reload"} {
		found := false
		for i, r := range rows {
			if !strings.HasPrefix(r, "$ postfix -c") {
				continue
			}
			cmd := strings.TrimPrefix(r, "$ ")
			for ; strings.HasSuffix(cmd, " \\") && i+1 < len(rows); i++ {
				cmd = strings.TrimSuffix(cmd, " \\") + " " + rows[i+1]
			}
			found = found || strings.HasPrefix(cmd, want)
		}
		if !found {
			t.Errorf("%q not on the screen as a command:\n%s", want, strings.Join(rows, "\n"))
		}
	}
}
