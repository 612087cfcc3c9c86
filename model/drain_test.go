package model

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/sources"
	"mxtop/ui"
)

// openDetail opens the destination detail of domain.
func openDetail(t *testing.T, m *Model, domain string) string {
	t.Helper()
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 70})
	m.view.Focus = paneNamed("Destinations")
	for i, r := range ui.FilteredDests(&m.data, "") {
		if r.Domain == domain {
			m.view.Focused().Move(m.ctx(), i)
		}
	}
	press(m, "enter", "z")
	return ansi.Strip(m.Render())
}

// The destination detail estimates how long its deferred mail needs, at
// the current limit and at the proposed one.
func TestDetailShowsDrainTime(t *testing.T) {
	m := labModel(t)
	screen := openDetail(t, m, "ratelimited.example")
	if !strings.Contains(screen, "draining its deferred mail") {
		t.Fatalf("no drain estimate:\n%s", screen)
	}
	ds, why := m.eng.DrainEstimates("ratelimited.example")
	if why != "" || len(ds) == 0 {
		t.Fatalf("%q %v", why, ds)
	}
	for _, d := range ds {
		if !strings.Contains(screen, d.String()) {
			t.Errorf("detail lacks %q:\n%s", d.String(), screen)
		}
	}
	if !strings.Contains(screen, "37 messages") {
		t.Errorf("not the 37 deferred recipients of the lab's queue:\n%s", screen)
	}
}

// After a change applied for a destination, its detail compares the
// error rate before and since.
func TestDetailShowsTheEffectOfAnApply(t *testing.T) {
	m := labModel(t)
	openDetail(t, m, "ratelimited.example")
	d, _ := m.eng.Dest.Lookup("ratelimited.example")
	before := d.Errors.Rate(labEnd, 15)
	if before == 0 {
		t.Fatal("the lab has no errors for ratelimited.example in its last 15 minutes")
	}
	m.Update(configDoneMsg{what: "apply", domain: "ratelimited.example", res: sources.ApplyResult{Backup: "/b"}})
	screen := ansi.Strip(m.Render())
	want := "since " + labEnd.Format("15:04") + ": " + rate(before) + "/min → "
	if !strings.Contains(screen, want) {
		t.Fatalf("detail lacks %q:\n%s", want, screen)
	}
	// Ten minutes on, nothing failed since: the rate after is 0.
	m.set.Clock = func() time.Time { return labEnd.Add(10 * time.Minute) }
	m.rebuild()
	if screen := ansi.Strip(m.Render()); !strings.Contains(screen, "/min → 0.0/min") {
		t.Errorf("after ten quiet minutes:\n%s", screen)
	}
}
