package model

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"mxtop/analyzers"
	"mxtop/internal/golden"
	"mxtop/sources"
	"mxtop/ui"
)

var labEnd = time.Date(2026, 11, 28, 11, 14, 11, 0, time.UTC)

// labModel is a model over the captured lab: log, config, queue, and one
// machine reading, with colours off and a fixed clock.
func labModel(t testing.TB) *Model {
	t.Helper()
	eng := analyzers.NewEngine(0)
	eng.Export = analyzers.NewExporterCounts()
	cfg, err := (&sources.ConfigReader{PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt"}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	eng.SetConfig(cfg)
	f, err := os.Open("../testdata/lab/postfix-lab.log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r sources.Record
		p.Parse(sc.Text(), &r)
		eng.Feed(&r)
	}
	qf, _ := os.Open("../testdata/lab/postqueue-j.jsonl")
	q, _ := sources.DecodeQueueJSON(qf, labEnd, "postqueue -j")
	qf.Close()
	eng.SetQueue(&q)
	eng.SetMachine(sources.MachineReading{Time: labEnd, CPUs: 2, Load1: 0.5, Load5: 0.4, Load15: 0.3, CPUPercent: 12, MemTotal: 24 << 30, MemAvail: 20 << 30,
		QueueDir: "/var/spool/postfix", DiskTotal: 100 << 30, DiskFree: 60 << 30, MasterPID: 6229, MasterFDs: 40, MasterFDLimit: 4096,
		PostfixProcs: 12, PostfixFDs: 300, PostfixFDLimit: 4096, Services: map[string]int{"smtp/inet": 5, "smtpd/pass": 5, "smtp/unix": 3}})
	m := New(eng, Feeds{}, Settings{Color: false, Clock: func() time.Time { return labEnd }, Host: "lab", SnapshotDir: t.TempDir()})
	m.setState(sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/postfix-lab.log"})
	m.setState(sources.SourceState{Source: "queue", Health: sources.HealthOK, Detail: "postqueue -j"})
	m.setState(sources.SourceState{Source: "config", Health: sources.HealthOK})
	m.setState(sources.SourceState{Source: "machine", Health: sources.HealthDegraded, Detail: "fds unreadable"})
	m.rebuild()
	return m
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

// keyMsg is the key press named k: a key name or one character.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: ' ', Text: " "}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Text: k}
}

func TestKeysTogglePanesAndFocus(t *testing.T) {
	m := labModel(t)
	press(m, "1")
	v := m.ViewState()
	if v.Visible[paneNamed("Destinations")] || v.Focus == paneNamed("Destinations") {
		t.Fatalf("1 did not hide destinations: %+v", v)
	}
	press(m, "1")
	if v = m.ViewState(); !v.Visible[paneNamed("Destinations")] || v.Focus != paneNamed("Destinations") {
		t.Fatal("1 did not show and focus destinations")
	}
	press(m, "3", "tab", "tab")
	if v = m.ViewState(); v.Focus != paneNamed("Queue") {
		t.Fatalf("tab skipped to %v, want queue (load hidden)", v.Focus)
	}
	press(m, "shift+tab")
	if v = m.ViewState(); v.Focus != paneNamed("Concurrency") {
		t.Fatalf("shift+tab went to %v", v.Focus)
	}
	press(m, "z")
	if !m.ViewState().Zoom {
		t.Fatal("z did not zoom")
	}
	press(m, "esc")
	if m.ViewState().Zoom {
		t.Fatal("esc did not unzoom")
	}
	press(m, "?")
	if !m.ViewState().Help || !strings.Contains(m.Render(), "toggle destinations") {
		t.Fatal("help not shown from the keymap")
	}
	press(m, "x")
	if m.ViewState().Help {
		t.Fatal("help did not close")
	}
	bindings := ui.DefaultKeys().All()
	for _, p := range ui.NewPanes() {
		for _, b := range p.Keys() {
			bindings = append(bindings, *b)
		}
	}
	for _, b := range bindings {
		for _, k := range b.Keys() {
			if k == "ctrl+a" || k == "ctrl+b" {
				t.Fatalf("%s is bound", k)
			}
		}
	}
}

// paneNamed is the id of the pane with that name.
// A scroll stops where the pane's last line shows: after home on the log
// (or end on the concurrency pane) the next key moves the lines at once.
// It had gone 2^20 lines past the end, and the key did nothing for as many
// presses.
func TestScrollStopsAtTheEnd(t *testing.T) {
	for _, tc := range []struct{ pane, far, back string }{{"Log", "g", "pgdown"}, {"Log", "g", "down"}, {"Concurrency", "G", "k"}} {
		m := labModel(t)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m.view.Focus = paneNamed(tc.pane)
		press(m, tc.far)
		far := m.Render()
		press(m, tc.far)
		if m.Render() != far {
			t.Fatalf("%s: %s twice moved on", tc.pane, tc.far)
		}
		if press(m, tc.back); m.Render() == far {
			t.Errorf("%s: %s then %s did not move:\n%s", tc.pane, tc.far, tc.back, far)
		}
	}
}

// An open destination detail or hint longer than its pane scrolls with
// pgup/pgdn (j/k still step to the next one): at 80x24 the detail's
// throttling snippet and the hint's commands were out of reach, pgdn
// jumping ten destinations or hints on instead.
func TestOpenDetailScrolls(t *testing.T) {
	for _, pane := range []string{"Destinations", "Hints"} {
		m := labModel(t)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m.view.Focus = paneNamed(pane)
		press(m, "enter")
		throttle, top := m.query.Throttle, ansi.Strip(m.Render())
		press(m, "pgdown")
		down := ansi.Strip(m.Render())
		if down == top || m.query.Throttle != throttle {
			t.Fatalf("%s: pgdn did not scroll the open detail (throttle %q, was %q):\n%s", pane, m.query.Throttle, throttle, down)
		}
		want := map[string]string{"Destinations": "  $ if grep ", "Hints": "    $ postconf"}[pane]
		seen := down
		for i := 0; i < 10; i++ {
			press(m, "pgdown")
			seen += ansi.Strip(m.Render())
		}
		if !strings.Contains(seen, want) {
			t.Errorf("%s: %q never shown:\n%s", pane, want, seen)
		}
		press(m, "g")
		if got := ansi.Strip(m.Render()); got != top {
			t.Errorf("%s: home did not return to the top:\n%s", pane, got)
		}
	}
}

func paneNamed(name string) ui.PaneID {
	for id := ui.PaneID(0); id < ui.NumPanes; id++ {
		if ui.PaneName(id) == name {
			return id
		}
	}
	panic("no pane named " + name)
}

// A domain pasted into the filter prompt (a terminal's bracketed paste)
// goes in as typed, on one line and without controls; pasted anywhere
// else it does nothing. It was dropped.
func TestPasteIntoFilter(t *testing.T) {
	m := labModel(t)
	m.Update(tea.PasteMsg{Content: "throt"})
	if m.ViewState().Filtering || m.ViewState().Filter != "" {
		t.Fatal("a paste outside the prompt did something")
	}
	press(m, "/", "r")
	m.Update(tea.PasteMsg{Content: "ate\x1b[31m\nlimited\r\n"})
	press(m, "enter")
	if f := m.ViewState().Filter; f != "rate^[[31m limited" {
		t.Fatalf("filter %q", f)
	}
}

func TestFilterAppliesToAllPanes(t *testing.T) {
	m := labModel(t)
	press(m, "/", "t", "h", "r", "o", "t")
	if !m.ViewState().Filtering {
		t.Fatal("filter prompt not open")
	}
	press(m, "enter")
	if m.ViewState().Filter != "throt" {
		t.Fatalf("filter %q", m.ViewState().Filter)
	}
	d := m.Data()
	rows := ui.FilteredDests(&d, "throt")
	if len(rows) != 1 || rows[0].Domain != "throttled.example" {
		t.Fatalf("rows %+v", rows)
	}
	out := m.Render()
	if strings.Contains(out, "ratelimited.example") || !strings.Contains(out, "throttled.example") {
		t.Fatalf("screen not filtered:\n%s", out)
	}
	// By class too.
	press(m, "/", "esc")
	press(m, "esc")
	press(m, "/")
	for _, c := range "greylist" {
		press(m, string(c))
	}
	press(m, "enter")
	d = m.Data()
	if rows := ui.FilteredDests(&d, m.ViewState().Filter); len(rows) != 1 || rows[0].Domain != "greylist.example" {
		t.Fatalf("class filter rows %+v", rows)
	}
}

func TestPauseFreezesViewButCounts(t *testing.T) {
	m := labModel(t)
	before := len(m.Data().Dests)
	press(m, "p")
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var recs []sources.Record
	for i := 0; i < 3; i++ {
		var r sources.Record
		p.Parse("Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF12"+string(rune('0'+i))+": to=<a@new"+string(rune('a'+i))+".example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)", &r)
		recs = append(recs, r)
	}
	m.Update(logMsg{b: sources.LogBatch{Records: recs}, ok: true})
	m.Update(tickMsg(time.Now()))
	if got := m.ViewState().PausedNew; got != 3 {
		t.Fatalf("paused new %d", got)
	}
	if len(m.Data().Dests) != before {
		t.Fatal("view changed while paused")
	}
	if _, ok := m.Engine().Dest.Lookup("newa.example"); !ok {
		t.Fatal("pipeline stopped while paused")
	}
	if !strings.Contains(m.Render(), "PAUSED · 3 new") {
		t.Fatal("no PAUSED marker")
	}
	press(m, "space")
	if m.ViewState().Paused || len(m.Data().Dests) != before+3 {
		t.Fatalf("resume: paused %v dests %d", m.ViewState().Paused, len(m.Data().Dests))
	}
}

func TestSelectionDetailAndHints(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	press(m, "down", "enter")
	if !strings.Contains(m.Render(), "next hops") {
		t.Fatal("enter did not open the destination detail")
	}
	press(m, "esc")
	press(m, "5", "5", "enter")
	out := m.Render()
	if !strings.Contains(out, "$ if grep") {
		t.Fatalf("hint not expanded:\n%s", out)
	}
}

func TestSnapshotCommandWritesFiles(t *testing.T) {
	m := labModel(t)
	_, cmd := m.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	if cmd == nil {
		t.Fatal("s returned no command")
	}
	msg := cmd().(snapshotMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	st, err := os.Stat(msg.path)
	if err != nil || st.Mode().Perm() != 0o600 || !strings.HasPrefix(filepath.Base(msg.path), "mxtop-lab-") {
		t.Fatalf("%s: %v %v", msg.path, err, st)
	}
	md, _ := os.ReadFile(msg.path)
	for _, want := range []string{"## Screen", "## 6 Log", "postconf -e 'slow_destination_concurrency_limit", "## postconf -n", "transport_maps = texthash:/etc/postfix/lab_transport", "## master.cf services", "3.7.11 started", "Connection concurrency limit exceeded"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("snapshot lacks %q", want)
		}
	}
	js, err := os.ReadFile(strings.TrimSuffix(msg.path, ".md") + ".json")
	if err != nil || !bytes.Contains(js, []byte(`"destination_concurrency"`)) {
		t.Fatalf("json: %v", err)
	}
	m.Update(msg)
	if m.ViewState().SnapshotPath != msg.path || !strings.Contains(m.Render(), "snapshot written") {
		t.Fatal("path not flashed")
	}
}

func TestWriteSnapshotNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	p1, _, err := WriteSnapshot(dir, "mx1", now, []byte("one"), []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	p2, _, err := WriteSnapshot(dir, "mx1", now, []byte("two"), []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p1) != "mxtop-mx1-20261128T100000Z.md" || filepath.Base(p2) != "mxtop-mx1-20261128T100000Z-2.md" {
		t.Fatalf("%s %s", p1, p2)
	}
	if b, _ := os.ReadFile(p1); string(b) != "one" {
		t.Fatal("first overwritten")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".mxtop-snapshot-") {
			t.Fatalf("temporary file left: %s", e.Name())
		}
	}
}

func TestWriteSnapshotFallsBackAndFailsClean(t *testing.T) {
	// Root writes anywhere, so the unwritable directory is a file.
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, nil, 0o600)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	p, _, err := WriteSnapshot(file, "mx1", time.Now(), []byte("x"), []byte("{}"))
	if err != nil || !strings.HasPrefix(p, filepath.Join(state, "mxtop")) {
		t.Fatalf("fallback: %s %v", p, err)
	}
}

// A snapshot that cannot go where it was asked to says why: in the flash
// beside the fallback's path, or, when no directory takes it, for each
// directory in a few words, without the temporary file's name.
func TestSnapshotSaysWhyNotThere(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "not-a-dir")
	os.WriteFile(file, nil, 0o600)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	m := labModel(t)
	m.set.SnapshotDir = file
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 40})
	run(m, m.snapshot())
	if f := m.view.Flash; !strings.HasPrefix(f, "snapshot written: "+filepath.Join(state, "mxtop")) || !strings.Contains(f, file+": not a directory") {
		t.Errorf("fallback flash: %q", f)
	}
	t.Setenv("XDG_STATE_HOME", file)
	t.Setenv("TMPDIR", file)
	run(m, m.snapshot())
	if f := m.view.Flash; f != "snapshot failed: "+file+": not a directory; "+filepath.Join(file, "mxtop")+": not a directory; "+file+": not a directory" {
		t.Errorf("failure flash: %q", f)
	}
}

func TestViewGoldens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}, {40, 10}} {
		m := labModel(t)
		m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
		out := m.Render()
		lines := strings.Split(out, "\n")
		if size.w >= ui.MinWidth {
			if len(lines) != size.h {
				t.Errorf("%dx%d: %d lines", size.w, size.h, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size.w {
					t.Errorf("%dx%d: line %d is %d wide", size.w, size.h, i, w)
				}
			}
		} else if !strings.HasPrefix(out, "terminal too small: need 60x16") {
			t.Errorf("below minimum: %q", out)
		}
		golden.Check(t, filepath.Join("testdata", "view-"+itoa(size.w)+"x"+itoa(size.h)+".golden"), out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Log text reaches the screen without its escape sequences.
func TestLogTextIsSanitised(t *testing.T) {
	m := labModel(t)
	evil := "Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF1299: to=<a@evil.example>, relay=mx[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 \x1b]0;owned\x07 too many \x1b[2J\x1b[31mconnections\x9b1m (in reply to MAIL FROM command))"
	var r sources.Record
	(&sources.Parser{Year: 2026, Loc: time.UTC}).Parse(evil, &r)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
	m.rebuild()
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	out := m.Render()
	if !strings.Contains(out, "evil.example") {
		t.Fatal("evil line not shown")
	}
	// With colour off the only escapes are the selection's reverse video.
	rest := strings.NewReplacer("\x1b[7m", "", "\x1b[m", "").Replace(out)
	// A raw C1 byte (0x9b) would leave the text invalid UTF-8; U+009B is
	// the same control encoded.
	if strings.ContainsAny(rest, "\x1b\x07\u009b") || !utf8.ValidString(rest) {
		t.Fatalf("escape sequence reached the screen: %q", rest)
	}
	if !strings.Contains(out, "^[]0;owned") {
		t.Fatal("escape not shown as a visible placeholder")
	}
	// With colour on, our own styling is the only escape: no OSC, no clear.
	m.styles = ui.NewStyles(true)
	m.frameValid = false
	out = m.Render()
	if strings.Contains(out, "\x1b]0;") || strings.Contains(out, "\x1b[2J") {
		t.Fatal("log escape passed with colour on")
	}
}

// The demo, run as a program: panes fill, toggling works, s writes a
// snapshot.
func TestDemoTeatest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := &Demo{Speed: 5000}
	feeds, err := d.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m := New(analyzers.NewEngine(0), feeds, Settings{Clock: d.Clock, SnapshotDir: dir, Host: "demo", Refresh: 50 * time.Millisecond})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("gmail.com")) && bytes.Contains(b, []byte("CRIT"))
	}, teatest.WithDuration(20*time.Second))
	tm.Type("2")
	tm.Type("s")
	deadline := time.Now().Add(10 * time.Second)
	var files []string
	for time.Now().Before(deadline) {
		files, _ = filepath.Glob(filepath.Join(dir, "mxtop-demo-*.md"))
		if len(files) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(files) != 1 {
		t.Fatal("no snapshot written")
	}
	md, _ := os.ReadFile(files[0])
	if !bytes.Contains(md, []byte("gmail.com")) || !bytes.Contains(md, []byte("destination_concurrency")) {
		t.Fatal("snapshot lacks the incident")
	}
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if final.ViewState().Visible[paneNamed("Concurrency")] {
		t.Fatal("2 did not hide the concurrency pane")
	}
	out, _ := io.ReadAll(tm.FinalOutput(t))
	if len(out) == 0 {
		t.Fatal("the program drew nothing")
	}
}

// Random keys and sizes never crash the model or overflow the screen.
func TestRandomKeysAndSizes(t *testing.T) {
	m := labModel(t)
	keys := []string{"1", "2", "3", "4", "5", "6", "tab", "shift+tab", "z", "enter", "esc", "p", "o", "/", "x", "?", "down", "j", "k", "G", "g", "space", "s"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		if rng.IntN(20) == 0 {
			m.Update(tea.WindowSizeMsg{Width: 20 + rng.IntN(200), Height: 5 + rng.IntN(70)})
		}
		k := keys[rng.IntN(len(keys))]
		if k == "s" {
			continue // snapshots are tested on their own
		}
		press(m, k)
		if i%7 == 0 {
			m.Update(tickMsg(time.Now()))
		}
		out := m.Render()
		v := m.ViewState()
		if v.Width < ui.MinWidth || v.Height < ui.MinHeight {
			continue
		}
		lines := strings.Split(out, "\n")
		if len(lines) != v.Height {
			t.Fatalf("step %d (%q at %dx%d): %d lines", i, k, v.Width, v.Height, len(lines))
		}
		for n, l := range lines {
			if w := ansi.StringWidth(l); w > v.Width {
				t.Fatalf("step %d (%q at %dx%d): line %d is %d wide", i, k, v.Width, v.Height, n, w)
			}
		}
	}
}

// A source that turns unavailable says why: in a flash, and in the help.
func TestUnhealthySourceSaysWhy(t *testing.T) {
	m := labModel(t)
	m.Update(queueMsg{ev: sources.QueueEvent{State: sources.SourceState{Source: "queue", Health: sources.HealthUnavailable,
		Detail: "postqueue refused: not allowed (see authorized_mailq_users)"}}, ok: true})
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	if !strings.Contains(m.Render(), "queue: unavailable: postqueue refused") {
		t.Fatalf("no flash:\n%s", m.Render())
	}
	press(m, "?")
	m.rebuild()
	if !strings.Contains(m.Render(), "authorized_mailq_users") {
		t.Fatal("help does not show the reason")
	}
}

// A failing destination without a hint still gets its throttling snippet
// in the detail view.
func TestDetailSnippetWithoutHint(t *testing.T) {
	eng := analyzers.NewEngine(0)
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var r sources.Record
	p.Parse("Nov 28 11:00:01 h postfix/smtp[1]: ABCDEF1235: to=<a@one.example>, relay=mx.one.example[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.4.2, status=deferred (lost connection with mx.one.example[192.0.2.1] while receiving the initial server greeting)", &r)
	eng.Feed(&r)
	// A configuration read: unread, the snippet reads transport_maps
	// before it adds to a table.
	eng.SetConfig(&sources.Config{})
	m := New(eng, Feeds{}, Settings{Clock: func() time.Time { return r.Time }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.rebuild()
	if len(m.Data().Hints) != 0 {
		t.Fatalf("a lost connection fired a hint: %+v", m.Data().Hints)
	}
	press(m, "enter")
	if out := m.Render(); !strings.Contains(out, `'^"?one\.example"?`) {
		t.Fatalf("no snippet in the detail:\n%s", out)
	}
	// The snippet wraps: its last commands are at the detail's end.
	press(m, "end")
	if out := m.Render(); !strings.Contains(out, "slow_destination_concurrency_limit") {
		t.Fatalf("the snippet's end is not at the detail's end:\n%s", out)
	}
}

// Run reports a terminal error even when its text says "interrupted"
// (EINTR); only the user's interrupt and a cancelled context end quietly.
func TestRunErr(t *testing.T) {
	ctx := context.Background()
	if err := runErr(ctx, fmt.Errorf("read /dev/tty: %w", syscall.EINTR)); err == nil {
		t.Fatal("an interrupted system call was swallowed")
	}
	if err := runErr(ctx, tea.ErrInterrupted); err != nil {
		t.Fatalf("ctrl+c reported: %v", err)
	}
	if err := runErr(ctx, fmt.Errorf("%w: %w", tea.ErrProgramKilled, tea.ErrInterrupted)); err != nil {
		t.Fatalf("wrapped interrupt reported: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := runErr(cancelled, tea.ErrProgramKilled); err != nil {
		t.Fatalf("SIGHUP reported: %v", err)
	}
	if err := runErr(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

// An open destination detail stays on its domain when the rows re-sort
// under it.
func TestDetailStaysOnItsDomain(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "enter")
	if !strings.Contains(m.Render(), "ratelimited.example  (esc: back)") {
		t.Fatalf("detail of the first row not open:\n%s", m.Render())
	}
	press(m, "o", "o") // sorted by sent: another domain comes first
	if !strings.Contains(m.Render(), "ratelimited.example  (esc: back)") {
		t.Fatalf("the detail moved to another domain:\n%s", m.Render())
	}
}

// An idle screen is not rebuilt on every tick: with nothing new the tick
// slows down and the frame stays the one already drawn; the first data
// brings the fast tick back and is drawn on it.
func TestIdleTicksDoNotRebuild(t *testing.T) {
	m := labModel(t)
	now := labEnd
	m.set.Clock = func() time.Time { return now }
	m.view.Flash, m.flashUntil = "", time.Time{} // the start-up flash has gone
	m.rebuild()
	m.Render()
	tick := func() tea.Cmd {
		now = now.Add(m.set.Refresh)
		_, cmd := m.Update(scheduledTick{m.tickGen, now})
		return cmd
	}
	tick() // the rate sample settles
	tick()
	built := m.lastBuild
	frame := m.Render()
	for i := 0; i < 3; i++ {
		tick()
	}
	if !m.lastBuild.Equal(built) {
		t.Fatalf("rebuilt at %v on idle ticks", m.lastBuild)
	}
	if !m.slowTick {
		t.Fatal("the tick did not slow down on an idle screen")
	}
	if got := m.Render(); unsafe.StringData(got) != unsafe.StringData(frame) {
		t.Fatal("the frame was drawn again on idle ticks")
	}
	// A machine reading, which comes every 2 s, waits for the slow tick.
	gen := m.tickGen
	if _, cmd := m.Update(machineMsg{ev: sources.MachineEvent{State: sources.SourceState{Source: "machine", Health: sources.HealthOK}}, ok: true}); cmd != nil || m.tickGen != gen || !m.slowTick {
		t.Fatal("a machine reading sped the tick up")
	}
	// A stale fast tick of the old schedule is dropped.
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var r sources.Record
	p.Parse("Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF123: to=<a@idle-new.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)", &r)
	_, cmd := m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
	if m.slowTick || m.tickGen == gen || cmd == nil {
		t.Fatalf("data did not speed the tick up (slow %v, gen %d->%d)", m.slowTick, gen, m.tickGen)
	}
	if _, cmd := m.Update(scheduledTick{gen, now}); cmd != nil {
		t.Fatal("a tick of the old schedule was not dropped")
	}
	tick()
	found := false
	for _, d := range m.Data().Dests {
		found = found || d.Domain == "idle-new.example"
	}
	if m.lastBuild.Equal(built) || !found {
		t.Fatal("new data not drawn on the next tick")
	}
	// Time alone still redraws now and then (ages, sliding windows).
	built = m.lastBuild
	for i := 0; i < 4*int(idleRefresh/m.set.Refresh)+8; i++ {
		tick()
	}
	if m.lastBuild.Equal(built) {
		t.Fatal("an idle screen was never rebuilt")
	}
}

// A help taller than the screen scrolls with the movement keys and closes
// on any other; one that fits closes on any key, movement keys included.
func TestHelpScrollKeys(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "?", "j", "j")
	if v := m.ViewState(); !v.Help || v.HelpTop != 2 {
		t.Fatalf("j in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	press(m, "k")
	if v := m.ViewState(); !v.Help || v.HelpTop != 1 {
		t.Fatalf("k in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	press(m, "x")
	if m.ViewState().Help {
		t.Fatal("x did not close the help")
	}
	press(m, "?")
	if v := m.ViewState(); v.HelpTop != 0 {
		t.Fatalf("the help reopens at its top, not %d", v.HelpTop)
	}
	press(m, "x")
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 120})
	press(m, "?", "j", "end", "G", "home")
	if !m.ViewState().Help {
		t.Fatal("a movement key closed a help that fits")
	}
	press(m, "x")
	if m.ViewState().Help {
		t.Fatal("x did not close a help that fits")
	}
}

// Home/End/g/G and the page keys move a tall help to its top, its bottom
// or by a page; they never close it. Esc, ? and q close it, q without
// quitting: the admin leaves the help, not mxtop.
func TestHelpHomeEndScroll(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "?", "end")
	v := m.ViewState()
	if !v.Help || v.HelpTop == 0 {
		t.Fatalf("end in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	bottom := v.HelpTop
	press(m, "down")
	if v := m.ViewState(); !v.Help || v.HelpTop != bottom {
		t.Fatalf("down at the bottom moved the help to %d, not kept at %d", v.HelpTop, bottom)
	}
	press(m, "home")
	if v := m.ViewState(); !v.Help || v.HelpTop != 0 {
		t.Fatalf("home in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	press(m, "G")
	if v := m.ViewState(); !v.Help || v.HelpTop != bottom {
		t.Fatalf("G in a tall help: help %v top %d, want %d", v.Help, v.HelpTop, bottom)
	}
	press(m, "g")
	if v := m.ViewState(); !v.Help || v.HelpTop != 0 {
		t.Fatalf("g in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	press(m, "pgdown")
	if v := m.ViewState(); !v.Help || v.HelpTop == 0 {
		t.Fatalf("pgdn in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	press(m, "pgup")
	if v := m.ViewState(); !v.Help || v.HelpTop != 0 {
		t.Fatalf("pgup in a tall help: help %v top %d", v.Help, v.HelpTop)
	}
	if strings.Contains(ansi.Strip(m.Render()), "any key closes") {
		t.Errorf("the help says any key closes it:\n%s", ansi.Strip(m.Render()))
	}
	if !strings.Contains(ansi.Strip(m.Render()), "home/end") {
		t.Errorf("the help's last row does not say home/end scroll:\n%s", ansi.Strip(m.Render()))
	}
	press(m, "x")
	for _, k := range []string{"esc", "?", "q"} {
		press(m, "?")
		if !m.ViewState().Help {
			t.Fatal("? did not open the help")
		}
		_, cmd := m.Update(keyMsg(k))
		if m.ViewState().Help {
			t.Errorf("%s did not close the help", k)
		}
		if cmd != nil || m.quitting {
			t.Errorf("%s in the help quit mxtop", k)
		}
	}
	press(m, "?")
	if _, cmd := m.Update(keyMsg("ctrl+c")); cmd == nil || !m.quitting {
		t.Error("ctrl+c in the help did not quit")
	}
}

// Why the log cannot be read is not pushed off the status line by another
// source that turns bad a moment later (the machine sampler finding no
// Postfix master): a worse state takes the flash, and between equally bad
// ones the more important source keeps it, log before config before queue
// before machine, because without the log nothing can be diagnosed. The
// shown source's own next state replaces it, and a message that is no
// source's state gives way to any.
func TestFlashKeepsTheWorseSourceState(t *testing.T) {
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: time.Now})
	m.setState(sources.SourceState{Source: "log", Health: sources.HealthUnavailable, Detail: "/tmp: is a directory, not a log file"})
	m.setState(sources.SourceState{Source: "machine", Health: sources.HealthDegraded, Detail: "no Postfix master process found"})
	if !strings.Contains(m.view.Flash, "/tmp: is a directory") {
		t.Fatalf("a less bad machine state took the log's flash: %q", m.view.Flash)
	}
	// Equally bad, less important: the log's reason stays.
	m.setState(sources.SourceState{Source: "queue", Health: sources.HealthUnavailable, Detail: "postqueue -j: timed out"})
	if !strings.Contains(m.view.Flash, "/tmp: is a directory") {
		t.Fatalf("an equally bad queue state took the log's flash: %q", m.view.Flash)
	}
	m.flash("Snapshot written")
	m.setState(sources.SourceState{Source: "config", Health: sources.HealthDegraded, Detail: "postconf -M failed"})
	if !strings.Contains(m.view.Flash, "postconf -M failed") {
		t.Fatalf("a message that is no source's state held the flash: %q", m.view.Flash)
	}
	// Worse beats more important.
	m.setState(sources.SourceState{Source: "machine", Health: sources.HealthUnavailable, Detail: "cannot read /proc"})
	if !strings.Contains(m.view.Flash, "cannot read /proc") {
		t.Fatalf("a worse machine state did not take the flash: %q", m.view.Flash)
	}
	// The shown source's own later state replaces its earlier one.
	m.setState(sources.SourceState{Source: "machine", Health: sources.HealthDegraded, Detail: "no Postfix master process found"})
	if !strings.Contains(m.view.Flash, "no Postfix master") {
		t.Fatalf("the machine's newer state did not replace its older one: %q", m.view.Flash)
	}
}

// At 80 columns the log and the machine both turn degraded: the log's
// reason holds the status bar, not the machine's, whichever came first.
func TestFlashPrefersTheLogAmongEquallyBadSources(t *testing.T) {
	logBad := sources.SourceState{Source: "log", Health: sources.HealthDegraded, Detail: "lines but none from Postfix"}
	machineBad := sources.SourceState{Source: "machine", Health: sources.HealthDegraded, Detail: "no Postfix master process found"}
	for _, order := range [][]sources.SourceState{{logBad, machineBad}, {machineBad, logBad}} {
		m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: time.Now})
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		for _, s := range order {
			m.setState(s)
		}
		m.rebuild()
		bar := ui.StatusBar(&m.data, &m.view, ui.NewStyles(false), 80)
		if !strings.Contains(bar, "log: degraded: lines but none") || strings.Contains(bar, "no Postfix master") {
			t.Errorf("%s then %s: status bar %q", order[0].Source, order[1].Source, bar)
		}
	}
}

// When the demo's replay ends its clock runs on, as a live screen's does:
// the events rate falls to zero. It had stopped at the last line's time,
// and the status bar said "16 ev/s" for as long as the demo stayed open.
func TestDemoRateFallsAfterTheReplay(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := &Demo{Speed: 100000}
	feeds, err := d.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: d.Clock, Host: "demo", Refresh: time.Nanosecond})
	rates := 0.0
	for b := range feeds.Log {
		m.Update(logMsg{b, true})
		rates += m.data.EventsPerSec
		if b.Progress != nil && b.Progress.Finished {
			break
		}
	}
	if rates == 0 {
		t.Fatal("no rate while the replay ran")
	}
	end := d.Clock()
	time.Sleep(30 * time.Millisecond) // 50 minutes of the replay's time
	if !d.Clock().After(end.Add(time.Minute)) {
		t.Fatalf("the clock stopped at %v after the replay", d.Clock())
	}
	m.Update(scheduledTick{m.tickGen, time.Now()})
	if got := m.data.EventsPerSec; got != 0 {
		t.Fatalf("%.0f ev/s after the replay ended", got)
	}
	// The demo keeps its own clock: its replay is no ended log.
	if !m.data.LogEnded.IsZero() || !m.eng.Now.After(end.Add(time.Minute)) {
		t.Fatalf("the demo's view runs on its log's end (%v), not its clock", m.data.LogEnded)
	}
}

// The demo's first screen at 80x24 shows the incident: the quiet minutes
// before the 421 storm are fed at once, so gmail.com's refusals and their
// hint are on screen within a second of the start, not after half a
// minute of everyday traffic.
func TestDemoFirstScreenShowsTheIncident(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := &Demo{Speed: 1}
	feeds, err := d.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: d.Clock, Host: "demo"})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	deadline := time.After(time.Second)
	for done := false; !done; {
		select {
		case b := <-feeds.Log:
			m.Update(logMsg{b, true})
		case <-deadline:
			done = true
		}
	}
	m.rebuild()
	out := ansi.Strip(m.Render())
	for _, s := range []string{"gmail.com", "conn_limit!", "CRIT Outbound: gmail.com refuses connections"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q not on the first screen:\n%s", s, out)
		}
	}
}

// pgdn in an open detail moves by the lines the pane shows: a fixed ten
// skipped four lines of each page in an 80x24 screen's six-line pane.
func TestPageDownSkipsNoLine(t *testing.T) {
	paneLines := func(m *Model) []string {
		var out []string
		in := false
		for _, l := range strings.Split(ansi.Strip(m.Render()), "\n") {
			switch {
			case strings.HasPrefix(l, "┌ ▶ 1 Destinations"):
				in = true
			case strings.HasPrefix(l, "└"):
				in = false
			case in:
				out = append(out, strings.TrimRight(strings.Trim(l, "│"), " "))
			}
		}
		return out
	}
	open := func(w, h int) *Model {
		m := labModel(t)
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		m.view.Focus = paneNamed("Destinations")
		m.view.Zoom = false
		press(m, "enter")
		return m
	}
	tall := open(80, 200) // the whole detail at the same width
	all := paneLines(tall)
	for len(all) > 0 && all[len(all)-1] == "" {
		all = all[:len(all)-1]
	}
	m := open(80, 24)
	seen := map[string]bool{}
	for i := 0; i < 40; i++ {
		for _, l := range paneLines(m) {
			seen[l] = true
		}
		press(m, "pgdown")
	}
	for _, l := range all {
		if !seen[l] {
			t.Errorf("paging never showed %q", l)
		}
	}
}

// A source that comes back clears the status bar's word about it at once:
// the log back after a rotation must not read "waiting" for seconds more.
// Another source's flash, or a message, stays.
func TestFlashClearsWhenTheSourceRecovers(t *testing.T) {
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: time.Now})
	m.setState(sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"})
	m.setState(sources.SourceState{Source: "log", Health: sources.HealthWaiting, Detail: "waiting for /var/log/mail.log to reappear (rotated or deleted)"})
	if !strings.Contains(m.view.Flash, "waiting for") {
		t.Fatalf("no flash for the waiting log: %q", m.view.Flash)
	}
	m.setState(sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"})
	if m.view.Flash != "" {
		t.Errorf("the log is back, the flash still says %q", m.view.Flash)
	}
	m.setState(sources.SourceState{Source: "queue", Health: sources.HealthUnavailable, Detail: "postqueue -j: timed out"})
	m.setState(sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"})
	if !strings.Contains(m.view.Flash, "postqueue -j: timed out") {
		t.Errorf("the log's recovery cleared the queue's flash: %q", m.view.Flash)
	}
	m.flash("snapshot written")
	m.setState(sources.SourceState{Source: "queue", Health: sources.HealthOK, Detail: "postqueue -j"})
	if m.view.Flash != "snapshot written" {
		t.Errorf("a recovery cleared a message: %q", m.view.Flash)
	}
}

// Quitting right after s (the keys typed together) waits for the snapshot
// being written, then says where it went: the program used to end before
// the write did, leaving no snapshot and a temporary file.
func TestQuitWaitsForTheSnapshot(t *testing.T) {
	m := labModel(t)
	_, cmd := m.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	if cmd == nil {
		t.Fatal("s returned no command")
	}
	// Bubble Tea runs the command on a goroutine of its own, and may stop
	// before it ends.
	go cmd()
	m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	var out strings.Builder
	m.SettleSnapshots(&out, 10*time.Second)
	entries, _ := os.ReadDir(m.set.SnapshotDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	got := strings.Join(names, " ")
	if strings.Contains(got, ".mxtop-snapshot-") || !strings.Contains(got, ".md") || !strings.Contains(got, ".json") {
		t.Fatalf("directory holds %q", got)
	}
	if !strings.Contains(out.String(), "snapshot written: "+m.set.SnapshotDir) {
		t.Errorf("said %q", out.String())
	}
	// A snapshot the screen showed is not said again.
	_, cmd = m.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	m.Update(cmd())
	out.Reset()
	m.SettleSnapshots(&out, time.Second)
	if out.Len() != 0 {
		t.Errorf("said again: %q", out.String())
	}
}

// When postqueue fails after a reading, the Queue pane shows that reading
// as the last one: when it was read, how long ago, and why none came
// since, in full; the deferred queue's growth is not given as current.
func TestQueuePaneMarksAnOldReading(t *testing.T) {
	m := labModel(t)
	now := labEnd.Add(time.Minute)
	m.set.Clock = func() time.Time { return now }
	why := "reading postqueue -j: postqueue -j: postqueue: fatal: Queue report unavailable - mail system is down"
	m.Update(queueMsg{ev: sources.QueueEvent{State: sources.SourceState{Source: "queue", Health: sources.HealthUnavailable, Detail: why}}, ok: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "1", "2", "3", "6")
	m.rebuild()
	if q := m.Data().Queue; q.Failed != why || q.ReadAgo != time.Minute {
		t.Errorf("queue data: failed %q, read %v ago", q.Failed, q.ReadAgo)
	}
	out := ansi.Strip(m.Render())
	var pane strings.Builder
	for _, l := range strings.Split(out, "\n") {
		pane.WriteString(strings.Trim(l, "│ ") + " ")
	}
	for _, s := range []string{"last read 11:14:11, 60 s ago", "mail system is down", "deferred 56"} {
		if !strings.Contains(pane.String(), s) {
			t.Errorf("%q not on screen:\n%s", s, out)
		}
	}
	if strings.Contains(out, "/min") && strings.Contains(out, "deferred +") {
		t.Errorf("the growth of a queue no longer read is shown:\n%s", out)
	}
	// A reading again: the pane is current.
	m.Update(queueMsg{ev: sources.QueueEvent{Snapshot: &sources.QueueSnapshot{Time: now, Queues: map[string]sources.QueueCount{}},
		State: sources.SourceState{Source: "queue", Health: sources.HealthOK, Detail: "postqueue -j"}}, ok: true})
	m.rebuild()
	if q := m.Data().Queue; q.Failed != "" {
		t.Errorf("after a reading the queue still reads as failed: %q", q.Failed)
	}
}

// On a screen too short for it, a pane's key brings a pane left out into
// view (it takes the focus, which keeps it) rather than hide it unseen.
func TestPaneKeyShowsALeftOutPane(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 17})
	m.view.Flash, m.flashUntil = "", time.Time{} // the start-up flash has gone
	if !strings.Contains(m.Render(), "hidden: 3 Load, 6 Log") {
		t.Fatalf("left-out panes not named:\n%s", m.Render())
	}
	press(m, "3")
	v := m.ViewState()
	if !v.Visible[paneNamed("Load")] || v.Focus != paneNamed("Load") {
		t.Fatalf("3 did not bring load into view: visible %v, focus %v", v.Visible[paneNamed("Load")], v.Focus)
	}
	if out := m.Render(); !strings.Contains(out, "▶ 3 Load") {
		t.Errorf("load not on screen:\n%s", out)
	}
	// On screen, the key hides it as before.
	press(m, "3")
	if v = m.ViewState(); v.Visible[paneNamed("Load")] {
		t.Error("3 did not hide load once shown")
	}
}
