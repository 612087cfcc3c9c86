package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
	"mxtop/ui"
)

// TestScreenshots writes the README's screenshots as ANSI frames from the
// demo at a fixed point of its incident; scripts/screenshots.sh turns them
// into PNG and SVG with freeze. Gated: MXTOP_SCREENSHOTS=1.
//
// The action frames act through fakes only: the queue action lists the
// demo's simulated queue, and apply edits a copy of the demo's
// configuration in a temporary directory that the frame names
// /etc/postfix. Nothing runs: the frames stop at the confirmation.
func TestScreenshots(t *testing.T) {
	if os.Getenv("MXTOP_SCREENSHOTS") != "1" {
		t.Skip("set MXTOP_SCREENSHOTS=1 to write screenshots/*.ansi")
	}
	eng, queue, err := demoReplay(7*time.Minute, 0)
	if err != nil {
		t.Fatal(err)
	}
	now := eng.Now
	screen := func(as ActionSettings, w, h int, keys ...string) *Model {
		m := New(eng, Feeds{}, Settings{Color: true, Clock: func() time.Time { return now }, Host: "demo", SnapshotDir: t.TempDir(), Actions: as})
		for _, s := range []sources.SourceState{
			{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"},
			{Source: "queue", Health: sources.HealthOK}, {Source: "config", Health: sources.HealthOK},
			{Source: "machine", Health: sources.HealthOK},
		} {
			m.setState(s)
		}
		m.eventsRate = 412
		m.rebuild()
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		press(m, keys...)
		return m
	}
	write := func(name string, m *Model) {
		// As the admin sees it once "reading the queue…" has gone.
		m.view.Flash, m.flashUntil = "", time.Time{}
		if err := os.WriteFile(filepath.Join("..", "screenshots", name+".ansi"), []byte(m.Render()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	frame := func(name string, w, h int, keys ...string) { write(name, screen(ActionSettings{}, w, h, keys...)) }
	frame("demo-120x40", 120, 40)
	frame("demo-80x24", 80, 24)
	frame("detail-120x40", 120, 40, "enter")
	frame("hints-120x40", 120, 40, "5", "5", "z", "enter")
	frame("help-120x30", 120, 30, "?")

	// h on the Queue pane's first destination: the count and the command.
	qx := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": string(queue.listing())}}
	m := screen(ActionSettings{Root: true, Exec: qx}, 120, 16)
	m.view.Focus = paneNamed("Queue")
	if snap := m.data.Queue.Snapshot; snap == nil || len(snap.Domains) == 0 {
		t.Fatal("the demo's queue is empty")
	}
	run(m, pressCmd(m, "h"))
	if m.view.Confirm == nil {
		t.Fatalf("no hold confirmation: %q", m.view.Flash)
	}
	write("hold-120x16", m)
	for _, c := range qx.Calls {
		if c != "postqueue -j" {
			t.Fatalf("ran %q", c)
		}
	}

	// a on the first hint with a configuration change: its diff and
	// commands. The hint names /etc/postfix; the plan is made on dir.
	dir := t.TempDir()
	for name, text := range map[string]string{"main.cf": demoMainCf(), "master.cf": demoMaster} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	px := &sourcestest.Postconf{}
	m = screen(ActionSettings{Root: true, Exec: px, ConfigDir: dir, BackupDir: DefaultBackupDir}, 120, 34)
	var hint *ui.Request
	for _, h := range ui.FilteredHints(&m.data, "") {
		if len(h.Changes) > 0 {
			hint = &ui.Request{Subject: h.Title, Domain: h.Subject}
			for _, c := range h.Changes {
				c.Map = strings.Replace(c.Map, ":/etc/postfix/", ":"+dir+"/", 1)
				hint.Apply = append(hint.Apply, c)
			}
			break
		}
	}
	if hint == nil {
		t.Fatal("no hint with a configuration change in the demo")
	}
	msg := m.request(*hint)()
	asked, _ := msg.(askedMsg)
	plan, ok := asked.msg.(configPlanMsg)
	if !ok || plan.err != nil {
		t.Fatalf("plan: %#v", msg)
	}
	fake := func(s string) string { return strings.ReplaceAll(s, dir, "/etc/postfix") }
	plan.plan.Dir, plan.plan.Diff = fake(plan.plan.Dir), fake(plan.plan.Diff)
	for i := range plan.plan.Postmap {
		plan.plan.Postmap[i] = fake(plan.plan.Postmap[i])
	}
	asked.msg = plan
	m.Update(asked)
	if m.view.Confirm == nil {
		t.Fatalf("no apply confirmation: %q", m.view.Flash)
	}
	write("apply-120x34", m)
	for _, c := range px.Calls {
		if !strings.HasPrefix(c, "postconf -c ") {
			t.Fatalf("ran %q", c)
		}
	}
}

// demoMainCf is the demo's main.cf: its postconf -n without the version.
func demoMainCf() string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(demoPostconf, "\n") {
		if !strings.HasPrefix(l, "mail_version") {
			b.WriteString(l)
		}
	}
	return b.String()
}
