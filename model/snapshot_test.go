package model

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"mxtop/sources"
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
