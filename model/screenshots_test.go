package model

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/sources"
)

// TestScreenshots writes the README's screenshots as ANSI frames from the
// demo at a fixed point of its incident; scripts/screenshots.sh turns them
// into PNG and SVG with freeze. Gated: MXTOP_SCREENSHOTS=1.
func TestScreenshots(t *testing.T) {
	if os.Getenv("MXTOP_SCREENSHOTS") != "1" {
		t.Skip("set MXTOP_SCREENSHOTS=1 to write screenshots/*.ansi")
	}
	eng, err := DemoEngine(7*time.Minute, 0)
	if err != nil {
		t.Fatal(err)
	}
	now := eng.Now
	frame := func(name string, w, h int, keys ...string) {
		m := New(eng, Feeds{}, Settings{Color: true, Clock: func() time.Time { return now }, Host: "demo"})
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
		if err := os.WriteFile(filepath.Join("..", "screenshots", name+".ansi"), []byte(m.Render()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	frame("demo-120x40", 120, 40)
	frame("demo-80x24", 80, 24)
	frame("detail-120x40", 120, 40, "enter")
	frame("hints-120x40", 120, 40, "5", "5", "z", "enter")
	frame("help-100x30", 100, 30, "?")
}
