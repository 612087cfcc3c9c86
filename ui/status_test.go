package ui

import (
	"strings"
	"testing"
	"time"

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

// At 80 columns the bar keeps what the admin must not miss (the filter
// hiding rows, lines dropped or failed, a flash, an unhealthy source) and
// the way to help, and leaves out first what only says "ok".
func TestStatusBarKeepsWhatMattersWhenNarrow(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.States = []sources.SourceState{{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"},
		{Source: "queue", Health: sources.HealthOK}, {Source: "config", Health: sources.HealthOK},
		{Source: "machine", Health: sources.HealthDegraded, Detail: "fds unreadable"}}
	d.EventsPerSec, d.Version, d.Dropped, d.Failed = 412, "3.11.1", 7, 2
	v := NewViewState(80, 24)
	v.Filter = "gmail"
	out := StatusBar(d, &v, st, 80)
	for _, s := range []string{"filter: gmail", "7 dropped", "2 lines failed", "machine degraded", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing at 80 columns: %s", s, out)
		}
	}
	if w := lipgloss.Width(out); w != 80 {
		t.Errorf("%d wide", w)
	}
	v.Filter, d.Dropped, d.Failed = "", 0, 0
	d.States[3] = sources.SourceState{Source: "machine", Health: sources.HealthOK}
	out = StatusBar(d, &v, st, 80)
	for _, s := range []string{"following /var/log/mail.log", "412 ev/s", "Postfix 3.11.1", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing at 80 columns with room for it: %s", s, out)
		}
	}
}

// On an ended log at 80 columns, a flash (the answer to a key: where the
// snapshot went, why an action is refused) shows whole beside "? help":
// the log's note and the fixture's unavailable queue give way to it until
// it goes, then come back.
func TestStatusBarFlashBeforeLogEndedNote(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.LogEnded, d.LogEndedAgo = time.Date(2026, 12, 1, 2, 25, 0, 0, time.UTC), 58*time.Minute
	v := NewViewState(80, 24)
	v.Flash = "actions need root: run mxtop as root to act on the queue"
	out := StatusBar(d, &v, st, 80)
	if !strings.Contains(out, v.Flash) || !strings.Contains(out, "? help") {
		t.Errorf("the flash or \"? help\" is cut: %q", out)
	}
	v.Flash = ""
	if out := StatusBar(d, &v, st, 80); !strings.Contains(out, "log ended") || !strings.Contains(out, "queue unavailable") {
		t.Errorf("the note did not come back: %q", out)
	}
}

// With three sources bad and a long flash at 80 columns, "? help" stays at
// the end of the bar: the bad sources' labels give way to the flash for
// its few seconds (it names the worst of them), then the flash is cut.
// When the flash goes the labels come back.
func TestStatusBarKeepsHelpBesideALongFlash(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.States = []sources.SourceState{{Source: "log", Health: sources.HealthDegraded, Detail: "lines but none from Postfix"},
		{Source: "queue", Health: sources.HealthUnavailable, Detail: "postqueue -j: permission denied"},
		{Source: "config", Health: sources.HealthOK},
		{Source: "machine", Health: sources.HealthDegraded, Detail: "no Postfix master process found"}}
	v := NewViewState(80, 24)
	for _, flash := range []string{"log: degraded: /var/log/mail.log has lines but none from Postfix: is this the mail log?",
		"snapshot written: /root/mxtop-20261201-035500.md"} {
		v.Flash = flash
		for _, w := range []int{80, 60} {
			out := StatusBar(d, &v, st, w)
			if !strings.HasSuffix(strings.TrimRight(out, " "), "│ ? help") {
				t.Errorf("%d columns: \"? help\" cut: %q", w, out)
			}
			if !strings.Contains(out, flash[:min(len(flash), w-12)]) {
				t.Errorf("%d columns: the flash gave way: %q", w, out)
			}
			if got := lipgloss.Width(out); got != w {
				t.Errorf("%d columns: %d wide", w, got)
			}
		}
	}
	v.Flash = ""
	out := StatusBar(d, &v, st, 80)
	for _, s := range []string{"log degraded", "queue unavailable", "machine degraded", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing without a flash: %q", s, out)
		}
	}
}

// At 60 columns on an ended log, the long note is what gets cut: the
// filter hiding rows and an unhealthy source stayed out of view (the note
// took the room and the line's end was cut), or showed as "machi…".
func TestStatusBarCutsTheLogEndedNoteFirst(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.LogEnded, d.LogEndedAgo = time.Date(2026, 11, 28, 11, 14, 0, 0, time.UTC), 50*time.Hour
	d.States = []sources.SourceState{{Source: "log", Health: sources.HealthOK, Detail: "read to the end"},
		{Source: "machine", Health: sources.HealthDegraded, Detail: "no Postfix master process found"}}
	v := NewViewState(60, 16)
	v.Filter = "tls"
	out := StatusBar(d, &v, st, 60)
	for _, s := range []string{"log ended 2 d ago", "machine degraded", "filter: tls", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing at 60 columns: %q", s, out)
		}
	}
	if got := lipgloss.Width(out); got != 60 {
		t.Errorf("%d wide", got)
	}
	// Paused as well, the note has no room left: it goes, not the rest.
	v.Paused = true
	out = StatusBar(d, &v, st, 60)
	for _, s := range []string{"PAUSED · 0 new", "machine degraded", "filter: tls", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing at 60 columns, paused: %q", s, out)
		}
	}
}

// A snapshot's flash keeps "snapshot written: " and the file's name when
// the bar cuts it beside a filter: its path loses its first directories,
// not its end.
func TestStatusBarCutsAPathFlashFromTheLeft(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.States = []sources.SourceState{{Source: "machine", Health: sources.HealthDegraded}}
	v := NewViewState(80, 24)
	v.Filter = "tls"
	v.Flash = "snapshot written: /root/a/rather/long/directory/mxtop-vm-20261201T040903Z.md"
	v.FlashHead = len("snapshot written: ")
	out := StatusBar(d, &v, st, 80)
	for _, s := range []string{"snapshot written: …", "/mxtop-vm-20261201T040903Z.md", "filter: tls", "? help"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing: %q", s, out)
		}
	}
	if got := lipgloss.Width(out); got != 80 {
		t.Errorf("%d wide", got)
	}
}

// The bare names of healthy sources go together: at 80 columns the bar
// said "queue │ config" with room for all but the machine, which read as
// a machine not watched.
func TestStatusBarHealthyNamesGoTogether(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	d.States = []sources.SourceState{{Source: "log", Health: sources.HealthOK, Detail: "demo replay finished"},
		{Source: "queue", Health: sources.HealthOK}, {Source: "config", Health: sources.HealthOK}, {Source: "machine", Health: sources.HealthOK}}
	d.Version = "3.11.1"
	v := NewViewState(80, 24)
	for _, w := range []int{60, 70, 80, 90, 100, 120} {
		out := StatusBar(d, &v, st, w)
		n := 0
		for _, s := range []string{"│ queue │", "│ config │", "│ machine │"} {
			if strings.Contains(out, s) {
				n++
			}
		}
		if n != 0 && n != 3 {
			t.Errorf("%d columns: %d of the 3 healthy names: %q", w, n, out)
		}
	}
}

// A screen too short for every pane leaves some out; the bar names them
// by their keys, so that the admin knows they are there.
func TestStatusBarNamesLeftOutPanes(t *testing.T) {
	st := NewStyles(false)
	d := fixture()
	v := NewViewState(80, 17)
	out := StatusBar(d, &v, st, 80)
	if !strings.Contains(out, "hidden: 3 Load, 6 Log") {
		t.Errorf("left-out panes not named at 80x17: %s", out)
	}
	if w := lipgloss.Width(out); w != 80 {
		t.Errorf("%d wide", w)
	}
	// Focused, a pane is kept, and the next one down goes instead.
	v.Focus = named("Load")
	if out := StatusBar(d, &v, st, 80); !strings.Contains(out, "hidden: 2 Concurrency, 6 Log") {
		t.Errorf("with Load focused: %s", out)
	}
	// On a narrow bar beside unhealthy sources the names are cut, not
	// left out.
	d.States = append(d.States, sources.SourceState{Source: "machine", Health: sources.HealthDegraded})
	v = NewViewState(60, 16)
	v.Visible[named("Hints")] = false
	if out := StatusBar(d, &v, st, 60); !strings.Contains(out, "queue unavailable") || !strings.Contains(out, "hidden: 3") {
		t.Errorf("at 60x16: %s", out)
	}
	// Room for all, or a pane zoomed on purpose: nothing to name.
	v = NewViewState(80, 24)
	if out := StatusBar(d, &v, st, 80); strings.Contains(out, "hidden") {
		t.Errorf("at 80x24: %s", out)
	}
	v = NewViewState(80, 17)
	v.Zoom = true
	if out := StatusBar(d, &v, st, 80); strings.Contains(out, "hidden") {
		t.Errorf("zoomed: %s", out)
	}
}
