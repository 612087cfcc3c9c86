package model

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/sources/sourcestest"
	"mxtop/ui"
)

// actionModel is the lab model acting through a fake Exec that lists the
// lab's queue and records what runs.
func actionModel(t *testing.T, as ActionSettings) (*Model, *sourcestest.FakeExec) {
	t.Helper()
	pq, err := os.ReadFile("../testdata/lab/postqueue-j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	f := &sourcestest.FakeExec{Outputs: map[string]string{
		"postqueue -j":   string(pq),
		"postsuper -h -": "postsuper: 8FC00C026E: placed on hold\npostsuper: Placed on hold: 2 messages\n",
		"postsuper -d -": "postsuper: Deleted: 2 messages\n",
	}}
	m := labModel(t)
	if as.Exec == nil {
		as.Exec = f
	}
	m.set.Actions = as
	m.view.ReadOnly = as.ReadOnly
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	return m, f
}

// run runs a command's chain as Bubble Tea would, feeding each message
// back to the model, and returns the messages.
func run(m *Model, cmd tea.Cmd) []tea.Msg {
	var msgs []tea.Msg
	for cmd != nil {
		msg := cmd()
		msgs = append(msgs, msg)
		_, cmd = m.Update(msg)
	}
	return msgs
}

func pressCmd(m *Model, k string) tea.Cmd {
	var msg tea.KeyPressMsg
	switch k {
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "backspace":
		msg = tea.KeyPressMsg{Code: tea.KeyBackspace}
	default:
		msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	}
	_, cmd := m.Update(msg)
	return cmd
}

func calls(f *sourcestest.FakeExec, prefix string) int {
	n := 0
	for _, c := range f.Calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

// focusQueueOn focuses the Queue pane and selects domain's row.
func focusQueueOn(t *testing.T, m *Model, domain string) {
	t.Helper()
	m.view.Focus = paneNamed("Queue")
	for i, d := range m.data.Queue.Snapshot.Domains {
		if d.Domain == domain {
			m.view.Focused().Move(m.ctx(), i)
			return
		}
	}
	t.Fatalf("%s not in the queue", domain)
}

// Nothing runs before y: the key reads the queue, the confirmation shows
// the count and the exact command, n cancels, y runs it, the audit log
// records it and the queue is read again at once.
func TestQueueActionRunsOnlyAfterYes(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "h"))
	if m.view.Confirm == nil {
		t.Fatalf("no confirmation; flash %q", m.view.Flash)
	}
	screen := ansi.Strip(m.Render())
	for _, want := range []string{"hold 2 message(s) queued for throttled.example?", "$ printf '%s\\n' 49EAFC0295 477FCC027A | postsuper -h -", "y: run"} {
		if !strings.Contains(screen, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, screen)
		}
	}
	if calls(f, "postsuper") != 0 {
		t.Fatalf("ran before y: %q", f.Calls)
	}
	for _, k := range []string{"x", "enter", "q"} {
		run(m, pressCmd(m, k))
	}
	if calls(f, "postsuper") != 0 || m.view.Confirm == nil {
		t.Fatalf("other keys ran or closed it: %q", f.Calls)
	}
	run(m, pressCmd(m, "n"))
	if m.view.Confirm != nil || calls(f, "postsuper") != 0 || !strings.Contains(m.view.Flash, "nothing ran") {
		t.Fatalf("n did not cancel: %q %q", f.Calls, m.view.Flash)
	}
	before := calls(f, "postqueue -j")
	run(m, pressCmd(m, "h"))
	msgs := run(m, pressCmd(m, "y"))
	if calls(f, "postsuper -h -") != 1 || f.Stdin["postsuper -h -"] != "49EAFC0295\n477FCC027A\n" {
		t.Fatalf("y ran %q with stdin %q", f.Calls, f.Stdin)
	}
	if m.view.Confirm != nil || !strings.Contains(m.view.Flash, "Placed on hold: 2 messages") {
		t.Errorf("after the run: confirm %v, flash %q", m.view.Confirm, m.view.Flash)
	}
	if calls(f, "postqueue -j") != before+2 {
		t.Errorf("the queue was not read again after the action: %q", f.Calls)
	}
	if _, ok := msgs[len(msgs)-1].(queueNowMsg); !ok {
		t.Errorf("last message %T, want the queue re-read", msgs[len(msgs)-1])
	}
	log, err := os.ReadFile(filepath.Join(m.set.SnapshotDir, AuditName))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], ` run `) || !strings.Contains(lines[0], `postsuper -h -`) ||
		!strings.Contains(lines[0], `49EAFC0295`) || !strings.Contains(lines[1], ` done `) || !strings.Contains(lines[1], `result="ok"`) {
		t.Errorf("audit log:\n%s", log)
	}
}

// Delete runs only after the domain is typed and enter pressed: y, a
// wrong name or a prefix do nothing.
func TestDeleteNeedsTheTypedDomain(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "D"))
	if m.view.Confirm == nil || m.view.Confirm.Need != "throttled.example" {
		t.Fatalf("confirmation %+v", m.view.Confirm)
	}
	run(m, pressCmd(m, "y"))
	run(m, pressCmd(m, "enter"))
	for _, k := range strings.Split("throttled.exampl", "") {
		run(m, pressCmd(m, k))
	}
	run(m, pressCmd(m, "enter"))
	if calls(f, "postsuper") != 0 {
		t.Fatalf("ran without the typed domain: %q", f.Calls)
	}
	if !strings.Contains(ansi.Strip(m.Render()), "> ythrottled.exampl") {
		t.Errorf("the typed text is not shown:\n%s", ansi.Strip(m.Render()))
	}
	run(m, pressCmd(m, "backspace"))
	for _, k := range strings.Split("bad", "") {
		run(m, pressCmd(m, k))
	}
	// Clear it and type the name.
	for range 30 {
		run(m, pressCmd(m, "backspace"))
	}
	for _, k := range strings.Split("throttled.example", "") {
		run(m, pressCmd(m, k))
	}
	run(m, pressCmd(m, "enter"))
	if calls(f, "postsuper -d -") != 1 || f.Stdin["postsuper -d -"] != "49EAFC0295\n477FCC027A\n" {
		t.Fatalf("typed domain: %q %q", f.Calls, f.Stdin)
	}
}

// Read-only, not root, a saved queue, or a destination that is not a
// plausible domain: the key says why and nothing runs, not even postqueue.
func TestActionsRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		as   ActionSettings
		dom  string
		want string
	}{
		{"read-only", ActionSettings{Root: true, ReadOnly: true}, "throttled.example", "read-only"},
		{"not root", ActionSettings{}, "throttled.example", "need root"},
		{"saved queue", ActionSettings{Root: true, Off: "saved queue"}, "throttled.example", "saved queue"},
		{"hostile", ActionSettings{Root: true}, "x.example'; touch /tmp/pwned; '", "not a domain"},
		{"other", ActionSettings{Root: true}, "(other)", "not a domain"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, f := actionModel(t, c.as)
			run(m, m.request(ui.Request{Queue: sources.ActHold, Domain: c.dom}))
			if len(f.Calls) != 0 || m.view.Confirm != nil || !strings.Contains(m.view.Flash, c.want) {
				t.Errorf("calls %q, confirm %v, flash %q", f.Calls, m.view.Confirm, m.view.Flash)
			}
		})
	}
	m, _ := actionModel(t, ActionSettings{Root: true, ReadOnly: true})
	if !strings.Contains(ui.StatusBar(&m.data, &m.view, m.styles, 160), "READ-ONLY") {
		t.Error("the status bar does not say read-only")
	}
}

// The destination detail acts on its own domain.
func TestDestinationDetailActsOnItsDomain(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	m.view.Focus = paneNamed("Destinations")
	rows := ui.FilteredDests(&m.data, "")
	for i, r := range rows {
		if r.Domain == "throttled.example" {
			m.view.Focused().Move(m.ctx(), i)
		}
	}
	press(m, "enter")
	run(m, pressCmd(m, "h"))
	if m.view.Confirm == nil || !strings.Contains(m.view.Confirm.Title, "throttled.example") {
		t.Fatalf("confirm %+v, flash %q", m.view.Confirm, m.view.Flash)
	}
	if calls(f, "postsuper") != 0 {
		t.Fatal("ran before y")
	}
}

// An audit line that cannot be written stops the action.
func TestNoAuditNoAction(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	dir := t.TempDir()
	// A directory where the log should be: no directory in the fallback
	// list takes it either when they are all unwritable.
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("TMPDIR", filepath.Join(dir, "tmp"))
	os.WriteFile(filepath.Join(dir, "state"), nil, 0o600)
	os.WriteFile(filepath.Join(dir, "tmp"), nil, 0o600)
	m.set.SnapshotDir = filepath.Join(dir, "nope", "deeper")
	os.WriteFile(filepath.Join(dir, "nope"), nil, 0o600)
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "h"))
	run(m, pressCmd(m, "y"))
	if calls(f, "postsuper") != 0 || !strings.Contains(m.view.Flash, "not run") {
		t.Fatalf("ran without an audit record: %q %q", f.Calls, m.view.Flash)
	}
}

func TestAuditLogAppendsWithMode0600(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, AuditName)
	if err := os.WriteFile(path, []byte("earlier record\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"one", "two\n"} {
		if p, err := AppendAudit(dir, l); err != nil || p != path {
			t.Fatalf("%q %v", p, err)
		}
	}
	b, _ := os.ReadFile(path)
	if string(b) != "earlier record\none\ntwo\n" {
		t.Errorf("content %q", b)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	fresh := t.TempDir()
	AppendAudit(fresh, "x")
	if st, err := os.Stat(filepath.Join(fresh, AuditName)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("new file: %v %v", st, err)
	}
}

// c on a hint copies its commands with OSC 52: the terminal receives
// ESC ] 52 ; c ; base64 of the text.
func TestCopyHintWithOSC52(t *testing.T) {
	m, _ := actionModel(t, ActionSettings{})
	var hint []string
	for _, h := range m.data.Hints {
		if h.ID == "destination_concurrency" {
			hint = h.Actions
			break
		}
	}
	if len(hint) == 0 {
		t.Fatal("no hint with actions in the lab")
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 50))
	tm.Type("5")
	tm.Type("5")
	// Select the hint: it is ranked somewhere in the list.
	for i, h := range ui.FilteredHints(&m.data, "") {
		if h.ID == "destination_concurrency" {
			for range i {
				tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
			}
			break
		}
	}
	tm.Type("c")
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(strings.Join(hint, "\n")))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(5*time.Second))
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if !strings.Contains(final.view.Flash, "clipboard") {
		t.Errorf("flash %q", final.view.Flash)
	}
}

// The demo acts on its simulated queue: hold moves its messages to hold,
// release brings them back, and no real command is run.
func TestDemoActionsAreSimulated(t *testing.T) {
	d := &Demo{}
	ex := d.Exec()
	q := d.queue
	q.msgs["AAA"] = &demoMsg{deferred: map[string]string{"a@gmail.com": "421"}}
	q.msgs["BBB"] = &demoMsg{deferred: map[string]string{"b@yahoo.com": "421"}}
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{SnapshotDir: t.TempDir(), Actions: ActionSettings{Exec: ex, Simulated: true}})
	run(m, m.request(ui.Request{Queue: sources.ActHold, Domain: "gmail.com"}))
	if m.view.Confirm == nil || !strings.Contains(m.view.Confirm.Title, "simulated") {
		t.Fatalf("confirm %+v flash %q", m.view.Confirm, m.view.Flash)
	}
	run(m, pressCmd(m, "y"))
	if !q.msgs["AAA"].held || q.msgs["BBB"].held {
		t.Fatal("hold did not move gmail.com's message only")
	}
	if snap := m.data.Queue.Snapshot; snap == nil || snap.Queues["hold"].Messages != 1 {
		t.Errorf("the queue pane was not refreshed: %+v", snap)
	}
	if _, err := ex.Run(t.Context(), nil, "rm", "-rf", "/"); err == nil {
		t.Error("the demo ran an unknown command")
	}
}

// Every audit record, whether of a queue action, an applied change or an
// undo, says who ran it (sudo's user too) and quotes its values with
// control characters removed.
func TestAuditRecordsNameTheUser(t *testing.T) {
	t.Setenv("SUDO_USER", "alice")
	m := labModel(t)
	for name, line := range map[string]string{
		"queue":  m.auditLine("run", sources.QueuePlan{Domain: "a.example"}, "commands", "postqueue -i X"),
		"config": m.configAuditLine("run apply", "gmail.com \x1b[31m", "detail", "+slow unix\x1b]0;x\x07"),
		"undo":   AuditRecord("run undo", "command", "mxtop undo"),
	} {
		if !strings.Contains(line, `sudo_user="alice"`) || !strings.Contains(line, " uid=") {
			t.Errorf("%s: %s", name, line)
		}
		if strings.ContainsAny(line, "\x1b\x07") {
			t.Errorf("%s: control characters in %q", name, line)
		}
	}
}

// When the confirmation opens, the note that said what was being worked
// out ("reading the queue for …", "computing the diff …") goes: it stayed
// in the status bar under the finished confirmation for five seconds.
func TestConfirmationClearsTheWorkingNote(t *testing.T) {
	m, _ := actionModel(t, ActionSettings{Root: true})
	focusQueueOn(t, m, "throttled.example")
	cmd := pressCmd(m, "h")
	if !strings.HasPrefix(m.view.Flash, "reading the queue") {
		t.Fatalf("flash while reading: %q", m.view.Flash)
	}
	run(m, cmd)
	if m.view.Confirm == nil || m.view.Flash != "" {
		t.Fatalf("confirmation %v, flash %q", m.view.Confirm != nil, m.view.Flash)
	}
	m2, _, _ := applyModel(t, &sourcestest.Postconf{})
	cmd = m2.request(ui.Request{Apply: slowChanges, Subject: "throttle throttled.example"})
	if !strings.HasPrefix(m2.view.Flash, "computing the diff") {
		t.Fatalf("flash while computing: %q", m2.view.Flash)
	}
	run(m2, cmd)
	if m2.view.Confirm == nil || m2.view.Flash != "" {
		t.Fatalf("apply confirmation %v, flash %q", m2.view.Confirm != nil, m2.view.Flash)
	}
}

// A confirmation the screen is too small to show runs nothing: y waits
// until the terminal is large enough to read what it would run (esc still
// cancels). The screen said "terminal too small" and y ran the commands.
func TestConfirmationUnreadableRunsNothing(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "h"))
	if m.view.Confirm == nil {
		t.Fatal("no confirmation")
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if out := m.Render(); !strings.HasPrefix(out, "terminal too small") {
		t.Fatalf("screen: %q", out)
	}
	run(m, pressCmd(m, "y"))
	if calls(f, "postsuper") != 0 || m.view.Confirm == nil {
		t.Fatalf("y ran unseen: %q", f.Calls)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	run(m, pressCmd(m, "y"))
	if calls(f, "postsuper") != 1 {
		t.Fatalf("y on the shown confirmation: %q", f.Calls)
	}
}

// The audit log may fall back to a shared directory (/tmp): a name there
// that is a symbolic link, or a file of another user, is refused, not
// followed, appended to and narrowed to 0600 (a link to /etc/shadow
// would be). The next directory is tried; none left, nothing runs.
func TestAuditLogRefusesLinksAndOthersFiles(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(dir, "shared")
	os.Mkdir(shared, 0o777)
	if err := os.Symlink(target, filepath.Join(shared, AuditName)); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state-is-a-file"))
	os.WriteFile(filepath.Join(dir, "state-is-a-file"), nil, 0o600)
	t.Setenv("TMPDIR", filepath.Join(dir, "tmp-is-a-file"))
	os.WriteFile(filepath.Join(dir, "tmp-is-a-file"), nil, 0o600)
	if _, err := AppendAudit(shared, "a record"); err == nil {
		t.Error("appended through a symbolic link")
	}
	if b, _ := os.ReadFile(target); string(b) != "precious\n" {
		t.Errorf("the link's target was changed: %q", b)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o644 {
		t.Errorf("the link's target mode changed to %v", st.Mode().Perm())
	}
	if os.Geteuid() != 0 {
		return // only root can make a file of another user
	}
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o777)
	path := filepath.Join(other, AuditName)
	os.WriteFile(path, []byte("planted\n"), 0o666)
	os.Chown(path, 65534, 65534)
	if _, err := AppendAudit(other, "a record"); err == nil || !strings.Contains(err.Error(), "owned by uid 65534") {
		t.Errorf("appended to another user's file: %v", err)
	}
}

// On a window too small to show every line of what would run, the
// confirmation runs nothing: the admin confirms what they read (at 60x16
// the deletion's confirmation cut its middle to "… 3 more lines").
// Enlarged, it runs.
func TestConfirmRunsOnlyWhatShows(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	m.set.SnapshotDir = t.TempDir()
	focusQueueOn(t, m, "ratelimited.example")
	run(m, pressCmd(m, "D"))
	if m.view.Confirm == nil || m.view.Confirm.Need == "" {
		t.Fatalf("confirmation %+v", m.view.Confirm)
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	if ui.ConfirmFits(m.view.Confirm, 60, 16) {
		t.Fatalf("the deletion's confirmation fits 60x16:\n%s", ansi.Strip(m.Render()))
	}
	for _, k := range strings.Split("ratelimited.example", "") {
		run(m, pressCmd(m, k))
	}
	run(m, pressCmd(m, "enter"))
	if calls(f, "postsuper") != 0 {
		t.Fatalf("ran with its commands cut from the screen: %q", f.Calls)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 50})
	run(m, pressCmd(m, "enter"))
	if calls(f, "postsuper") == 0 {
		t.Fatalf("did not run once every line showed: %q %q", f.Calls, m.view.Flash)
	}
}

// esc (or ctrl+c) while an action runs stops it: a postsuper that hangs
// held the screen on "running…" with every key ignored, a minute per
// command, and f runs one command per message.
func TestRunningActionStopsOnEsc(t *testing.T) {
	m, f := actionModel(t, ActionSettings{Root: true})
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "h"))
	f.Delay = time.Hour
	cmd := pressCmd(m, "y")
	if cmd == nil || m.view.Confirm == nil || !m.view.Confirm.Busy {
		t.Fatal("y started nothing")
	}
	if !strings.Contains(ansi.Strip(m.Render()), "running…  ·  esc: stop") {
		t.Errorf("the screen does not say esc stops it:\n%s", ansi.Strip(m.Render()))
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	run(m, pressCmd(m, "esc"))
	select {
	case msg := <-done:
		m.Update(msg)
		if m.view.Confirm != nil || !strings.Contains(m.view.Flash, "stopped") {
			t.Errorf("after esc: confirm %+v, flash %q", m.view.Confirm, m.view.Flash)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("esc did not stop the running command")
	}
	// The audit log says the admin stopped it, and how far it got.
	audit, _ := os.ReadFile(filepath.Join(m.set.SnapshotDir, AuditName))
	if !strings.Contains(string(audit), `result="stopped with esc: 0 of 1 command(s) ran to the end"`) {
		t.Errorf("audit log:\n%s", audit)
	}
}
