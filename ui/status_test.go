package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"mxtop/sources"
)

func TestStatusBar(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.EventsPerSec, d.Version, d.Dropped = 42, "3.11.1", 7
	d.Progress = &sources.Progress{Done: 50 << 10, Total: 100 << 10}
	v := NewViewState(200, 30)
	v.Paused, v.PausedNew, v.Filter, v.Flash = true, 3, "gmail", "snapshot written: /tmp/x.md"
	out := StatusBar(d, &v, st, 200)
	for _, s := range []string{"PAUSED · 3 new", "snapshot written: /tmp/x.md", "following /var/log/mail.log", "queue unavailable",
		"backlog [#####.....]", "42 ev/s", "Postfix 3.11.1", "7 dropped", "filter: gmail", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing: %s", s, out)
		}
	}
	if w := lipgloss.Width(StatusBar(d, &v, st, 60)); w != 60 {
		t.Errorf("60 columns: %d wide", w)
	}
	v.Filtering, v.FilterInput = true, "gma"
	if out := StatusBar(d, &v, st, 80); !strings.HasPrefix(out, "filter: gma█") {
		t.Errorf("prompt: %q", out)
	}
}
