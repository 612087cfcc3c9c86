package model

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// takeSnapshot presses s and runs the write command; it returns the .md
// and .json files' contents.
func takeSnapshot(t *testing.T, m *Model) (md, js []byte) {
	t.Helper()
	_, cmd := m.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	if cmd == nil {
		t.Fatal("s returned no command")
	}
	msg := cmd().(snapshotMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	md, err := os.ReadFile(msg.path)
	if err != nil {
		t.Fatal(err)
	}
	js, err = os.ReadFile(strings.TrimSuffix(msg.path, ".md") + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return md, js
}

// controlIn reports the first ESC byte or C1 control (U+0080..U+009F, or a
// stray 8-bit one) in b.
func controlIn(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if b[i] == 0x1b || (r >= 0x80 && r < 0xa0) || (r == utf8.RuneError && size == 1 && b[i] >= 0x80 && b[i] < 0xa0) {
			return i, true
		}
		i += size
	}
	return 0, false
}

func section(md, title string) string {
	_, after, ok := strings.Cut(md, "## "+title+"\n")
	if !ok {
		return ""
	}
	if end := strings.Index(after, "\n## "); end >= 0 {
		after = after[:end]
	}
	return after
}

// A snapshot is plain text: the screen keeps no styling (not even the
// selected row's reverse video), and neither file holds an ESC or a C1
// control, even when log text carried them (the JSON writes them as
// \u escapes).
func TestSnapshotHoldsNoEscapes(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	if dest := paneNamed("Destinations"); !m.view.Visible[dest] || m.view.Focus != dest || len(m.Data().Dests) == 0 {
		t.Fatal("the destination pane should be focused with a selected row")
	}
	md, js := takeSnapshot(t, m)
	screen := section(string(md), "Screen")
	if !strings.Contains(screen, "ratelimited.example") {
		t.Fatalf("screen section lacks the destinations:\n%s", screen)
	}
	// The lab log has no escapes: any placeholder here is our own styling.
	if strings.Contains(screen, "^[") {
		t.Errorf("styling leaked into the screen section:\n%s", screen)
	}
	for name, b := range map[string][]byte{"md": md, "json": js} {
		if i, bad := controlIn(b); bad {
			t.Errorf("%s: control at byte %d: %q", name, i, b[max(0, i-20):min(len(b), i+20)])
		}
	}

	// Log text with raw and UTF-8 encoded escapes.
	evil := "Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF1299: to=<a@evil.example>, relay=mx[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 \x1b]0;owned\x07 too many \x1b[2J\u009b31m\x9b1mconnections (in reply to MAIL FROM command))"
	var r sources.Record
	(&sources.Parser{Year: 2026, Loc: time.UTC}).Parse(evil, &r)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
	m.rebuild()
	md, js = takeSnapshot(t, m)
	if !bytes.Contains(md, []byte("evil.example")) || !bytes.Contains(js, []byte("evil.example")) {
		t.Fatal("the evil line is not in the snapshot")
	}
	for name, b := range map[string][]byte{"md": md, "json": js} {
		if i, bad := controlIn(b); bad {
			t.Errorf("%s: control at byte %d: %q", name, i, b[max(0, i-20):min(len(b), i+20)])
		}
	}
}

// The flash names where the snapshot went as an absolute path, whatever
// --snapshot-dir said ("." by default): the admin reads it after leaving
// mxtop, from wherever they are. Cut to the screen's width, it keeps the
// file's name and loses the directories' first letters; a directory's
// control characters never reach the terminal.
func TestSnapshotFlashNamesAbsolutePath(t *testing.T) {
	m := labModel(t) // reads the lab's files from the package's directory
	tmp := t.TempDir()
	t.Chdir(tmp)
	m.set.SnapshotDir = "."
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 40})
	msgs := run(m, m.snapshot())
	path := msgs[0].(snapshotMsg).path
	if !filepath.IsAbs(path) || filepath.Dir(path) != tmp {
		t.Fatalf("snapshot written to %q, not an absolute path in %s", path, tmp)
	}
	if f := m.view.Flash; f != "snapshot written: "+path {
		t.Errorf("flash %q, want the absolute path %s", f, path)
	}

	deep := filepath.Join(tmp, strings.Repeat("d", 40), "evil\x1b[2J")
	if err := os.MkdirAll(deep, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	msgs = run(m, m.snapshot())
	path = msgs[0].(snapshotMsg).path
	if filepath.Dir(path) != deep {
		t.Fatalf("snapshot written to %q, not in %s", path, deep)
	}
	out := m.Render()
	if strings.Contains(out, "\x1b[2J") {
		t.Fatal("the directory's escape sequence reached the screen")
	}
	lines := strings.Split(out, "\n")
	status := lines[len(lines)-1]
	if w := ansi.StringWidth(status); w > 80 {
		t.Fatalf("status line is %d wide: %q", w, status)
	}
	if !strings.HasPrefix(status, "snapshot written: …") || !strings.Contains(status, filepath.Base(path)) {
		t.Errorf("the cut flash lost the file's name: %q", status)
	}
	// Beside a filter the bar cuts the flash again: from the path's left.
	m.view.Filter = "example"
	m.frameValid = false
	lines = strings.Split(m.Render(), "\n")
	status = ansi.Strip(lines[len(lines)-1])
	if !strings.HasPrefix(status, "snapshot written: …") || !strings.Contains(status, filepath.Base(path)) || !strings.Contains(status, "filter: example") {
		t.Errorf("beside a filter the flash lost the file's name: %q", status)
	}
}

// The snapshot's hints keep commands in sh blocks and sentences out of
// them, as the Markdown report does: a pasted block runs no English.
func TestSnapshotShBlocksHoldOnlyCommands(t *testing.T) {
	m := labModel(t)
	md, _ := takeSnapshot(t, m)
	hints := section(string(md), "Hints with their commands")
	sentence := "start the service the failing next hop belongs to"
	inSh, found := false, false
	for _, line := range strings.Split(hints, "\n") {
		switch {
		case line == "```sh":
			inSh = true
		case line == "```":
			inSh = false
		case strings.Contains(line, sentence):
			found = true
			if inSh {
				t.Errorf("a sentence in an sh block: %q", line)
			}
		}
	}
	if !found || !strings.Contains(hints, "```sh\npostconf content_filter") {
		t.Errorf("the local service hint's actions are missing:\n%s", hints)
	}
}

// A snapshot that fell back to another directory says which one on an
// 80-column screen: the status bar cannot hold the whole path, and the
// file's name alone does not tell where it went. The home directory is
// written ~.
func TestSnapshotFallbackFlashNamesTheDirectory(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
	m := labModel(t)
	t.Chdir(t.TempDir())
	os.WriteFile("not-a-dir", nil, 0o600) // root may write anywhere: a file is what refuses
	m.set.SnapshotDir = "not-a-dir"
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	msgs := run(m, m.snapshot())
	path := msgs[0].(snapshotMsg).path
	if filepath.Dir(path) != filepath.Join(home, ".local", "state", "mxtop") {
		t.Fatalf("snapshot went to %s", path)
	}
	lines := strings.Split(m.Render(), "\n")
	status := ansi.Strip(lines[len(lines)-1])
	if !strings.Contains(status, "snapshot written to ~/.local/state/mxtop/ (not-a-dir: not a directory)") {
		t.Errorf("status bar %q does not say where the snapshot went", status)
	}
	if w := ansi.StringWidth(status); w > 80 {
		t.Errorf("status line is %d wide", w)
	}
}

// The snapshot writes its hints as the Markdown report does: evidence
// labelled and escaped (a reply's <address> is not read as HTML in a
// ticket), the log samples in code spans.
func TestSnapshotHintsAsTheReport(t *testing.T) {
	md, _ := takeSnapshot(t, labModel(t))
	hints := section(string(md), "Hints with their commands")
	if !strings.Contains(hints, "- evidence: ") || !strings.Contains(hints, "- log: `") {
		t.Fatalf("hints not written as the report writes them:\n%s", hints)
	}
	for _, l := range strings.Split(hints, "\n") {
		if strings.HasPrefix(l, "- evidence: ") && strings.Contains(l, "<") {
			t.Errorf("a raw < in the evidence: %q", l)
		}
	}
}

// A log line holding a code fence of its own (``` and more) stays inside
// the snapshot's code blocks: each block's fence is longer than any run
// of backquotes in it, so rendered Markdown shows the line as text and
// nothing after it as Markdown.
func TestSnapshotFencesOutlastLogText(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	evil := "Nov 28 11:14:11 lab postfix/smtpd[1]: warning: ```` pwned [click](https://evil.example/)"
	var r sources.Record
	(&sources.Parser{Year: 2026, Loc: time.UTC}).Parse(evil, &r)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
	m.rebuild()
	md, _ := takeSnapshot(t, m)
	var fence string
	for _, l := range strings.Split(string(md), "\n") {
		switch {
		case fence == "" && strings.HasPrefix(l, "```"):
			fence = strings.TrimRight(l, "abcdefghijklmnopqrstuvwxyz")
		case fence != "" && l == fence:
			fence = ""
		case fence != "" && strings.Contains(l, "````"):
			if len(fence) <= 4 {
				t.Errorf("a block fenced with %q holds %q", fence, l)
			}
		case fence == "" && strings.Contains(l, "pwned"):
			t.Errorf("log text outside a code block: %q", l)
		}
	}
}

// A snapshot holds every hint's command whole on one line, and its screen
// the open hint's longest command wrapped only where sh joins the lines
// again: at 80x24 and 60x16 the screen broke the command inside its
// quotes, with a "↪" the shell would read as part of the value.
func TestSnapshotCommandsCopyWhole(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 16}} {
		m := labModel(t)
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m.view.Focus = paneNamed("Hints")
		// The longest command of the hints, which no line holds whole.
		at, cmd := -1, ""
		for i, h := range m.data.Hints {
			for _, a := range h.ActionSteps() {
				if a.Command && len(a.Text) > len(cmd) {
					at, cmd = i, a.Text
				}
			}
		}
		if len(cmd) < 2*size[0] {
			t.Fatalf("the lab's longest command fits a line: %q", cmd)
		}
		press(m, "z")
		for range at {
			press(m, "j")
		}
		press(m, "enter")
		first := "$ " + cmd[:12]
		// Scrolled two lines at a time to where it shows whole.
		for range 60 {
			if commandLines(ansi.Strip(ui.Render(&m.data, &m.view, m.styles, m.keys)), first) != nil {
				break
			}
			c := m.ctx()
			c.Room, _ = ui.PaneRows(&m.data, &m.view, m.styles, m.view.Focus)
			m.view.Focused().Move(c, 2)
		}
		md, _ := takeSnapshot(t, m)
		lines := commandLines(section(string(md), "Screen"), first)
		if len(lines) < 2 {
			t.Fatalf("%dx%d: the command is not on the snapshot's screen whole:\n%s", size[0], size[1], section(string(md), "Screen"))
		}
		copied := strings.Join(lines, "\n")
		if strings.Contains(copied, "↪") {
			t.Errorf("%dx%d: a display mark inside the command:\n%s", size[0], size[1], copied)
		}
		if out, err := exec.Command("sh", "-n", "-c", copied).CombinedOutput(); err != nil {
			t.Errorf("%dx%d: sh cannot read the copied command: %s%v\n%s", size[0], size[1], out, err, copied)
		}
		// sh removes each backslash-newline; a quote closed and opened
		// again ('') joins the parts of a word.
		joined := strings.ReplaceAll(strings.ReplaceAll(copied, "\\\n", ""), "''", "")
		if joined != strings.ReplaceAll(cmd, "''", "") {
			t.Errorf("%dx%d: the copied lines are\n%s\nnot the command\n%s", size[0], size[1], copied, cmd)
		}
		// The hints' section: each command whole, a line of its own.
		hints := "\n" + section(string(md), "Hints with their commands") + "\n"
		for _, h := range m.eng.Report(analyzers.ReportOptions{Whole: true}).Hints {
			for _, a := range h.ActionSteps() {
				if a.Command && !strings.Contains(hints, "\n"+a.Text+"\n") {
					t.Errorf("%dx%d: the snapshot's hints do not hold %q on a line", size[0], size[1], a.Text)
				}
			}
		}
	}
}

// commandLines are the lines a block selection copies of the command
// whose first line holds first: from the command's column to the pane's
// border, as far as a line goes on with "\". None when the pane's
// bottom comes first.
func commandLines(screen, first string) []string {
	rows := strings.Split(screen, "\n")
	for i, r := range rows {
		at := strings.Index(r, first)
		if at < 0 {
			continue
		}
		col := ansi.StringWidth(r[:at]) + 2
		var out []string
		for _, r := range rows[i:] {
			if !strings.HasPrefix(r, "│") {
				return nil
			}
			l := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(ansi.Cut(r, col, ansi.StringWidth(r)), " "), "│"), " ")
			if out = append(out, l); !strings.HasSuffix(l, `\`) {
				return out
			}
		}
	}
	return nil
}
