package ui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Every pane of the Registry gets a toggle key, its keys in help while it
// shows and out of it while hidden, a place in every layout, and a body
// that fits any width: a new pane is checked by adding it to the Registry.
func TestRegistry(t *testing.T) {
	if NumPanes > 9 {
		t.Fatalf("%d panes: the toggle keys are the digits 1-9", NumPanes)
	}
	keys := DefaultKeys()
	screen := map[string]string{}
	for _, b := range keys.All() {
		if key.Matches(tea.KeyPressMsg{Code: tea.KeyEscape}, b) {
			continue // esc goes to the focused pane first, on purpose
		}
		for _, k := range b.Keys() {
			screen[k] = b.Help().Desc
		}
	}
	names := map[string]bool{}
	for id := PaneID(0); id < NumPanes; id++ {
		p := Registry[id]()
		name := p.Name()
		t.Run(name, func(t *testing.T) {
			if name == "" || names[name] {
				t.Fatalf("pane %d: name %q empty or taken", id, name)
			}
			names[name] = true
			if pl := p.Place(); pl.Weight <= 0 || (pl.Column != Left && pl.Column != Right) {
				t.Errorf("place %+v", pl)
			}
			toggle := keys.Panes[id]
			if want := fmt.Sprint(id + 1); len(toggle.Keys()) != 1 || toggle.Keys()[0] != want ||
				toggle.Help().Desc != "toggle "+strings.ToLower(name) {
				t.Errorf("toggle %v %+v", toggle.Keys(), toggle.Help())
			}
			// The pane's own keys: each with help, none shadowed by a
			// screen-wide key (those are matched first).
			v := NewViewState(120, 40)
			for _, b := range v.Pane(id).Keys() {
				h := b.Help()
				if h.Key == "" || h.Desc == "" || len(b.Keys()) == 0 {
					t.Errorf("binding %v without help", b.Keys())
				}
				for _, k := range b.Keys() {
					if desc, ok := screen[k]; ok {
						t.Errorf("%q is the screen's %q: the pane never gets it", k, desc)
					}
				}
			}
			help := strings.Join(HelpText(keys, &v), "\n")
			own := v.Pane(id).Keys()
			if len(own) > 0 && !strings.Contains(help, name+" (when focused)") {
				t.Errorf("help lacks the pane's keys:\n%s", help)
			}
			v.Show(id, false)
			help = strings.Join(HelpText(keys, &v), "\n")
			if strings.Contains(help, name+" (when focused)") {
				t.Errorf("help lists a hidden pane's keys:\n%s", help)
			}
			for _, b := range own {
				if b.Enabled() {
					t.Errorf("%v enabled while hidden", b.Keys())
				}
			}
			// Alone and among all, at every width the pane has a rectangle
			// (of its minimum height when the screen has room for all
			// panes in one column), and its body fits it, empty or full.
			h := max(MinHeight, int(NumPanes)*minPaneH)
			for _, w := range []int{MinWidth, 80, 100, 160} {
				for _, vis := range [][NumPanes]bool{all(), alone(id)} {
					rects, ok := Layout(w, h, vis, id, false)
					r, found := rectOf(rects, id)
					if !ok || !found || r.W < 10 || r.H < minPaneH {
						t.Fatalf("at %d wide: %+v", w, rects)
					}
					for _, d := range []*Data{{}, fixture()} {
						box(t, name, nil, d, "", r.W, r.H)
					}
				}
			}
		})
	}
}

func alone(id PaneID) (v [NumPanes]bool) {
	v[id] = true
	return v
}

func rectOf(rects []Rect, id PaneID) (Rect, bool) {
	for _, r := range rects {
		if r.Pane == id {
			return r, true
		}
	}
	return Rect{}, false
}

// A pane id outside the Registry fails loudly, never drawing another pane.
func TestUnknownPanePanics(t *testing.T) {
	v := NewViewState(80, 24)
	for name, f := range map[string]func(){
		"view":      func() { v.Pane(NumPanes) },
		"name":      func() { PaneName(-1) },
		"content":   func() { PaneContent(NumPanes, &Data{}, "", NewStyles(false), 80) },
		"zero view": func() { (&ViewState{}).Pane(0) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "no pane") {
					t.Errorf("%s: recovered %v", name, r)
				}
			}()
			f()
		}()
	}
}

func press(p Pane, c *Ctx, k string) bool {
	msg := tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	switch k {
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return p.Key(msg, c)
}

// The destination detail opens on the selected row, asks for its
// throttling snippet, and stays on its domain while the rows re-sort.
func TestDestinationsDetail(t *testing.T) {
	d := fixture()
	q := &Query{}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: q}
	p := newDestinations()
	p.Move(c, 1)
	if !press(p, c, "enter") || q.Throttle != longDomain {
		t.Fatalf("enter: throttle %q", q.Throttle)
	}
	d.Dests[0], d.Dests[1] = d.Dests[1], d.Dests[0] // re-sorted under the open detail
	out := box(t, "Destinations", p, d, "", 80, 12)
	if !strings.Contains(out, longDomain+"  (esc: back)") {
		t.Fatalf("detail left its domain:\n%s", out)
	}
	p.Move(c, 1)
	if q.Throttle != "gmail.com" || !strings.Contains(box(t, "Destinations", p, d, "", 120, 20), "gmail-smtp-in.l.google.com [192.0.2.7]:25  attempts 9") {
		t.Fatalf("moving in the detail: throttle %q", q.Throttle)
	}
	if !press(p, c, "esc") || q.Throttle != "" || !strings.Contains(box(t, "Destinations", p, d, "", 80, 12), "sorted by") {
		t.Fatal("esc did not close the detail")
	}
	if press(p, c, "esc") {
		t.Fatal("esc with no detail open was taken (it should unzoom or clear the filter)")
	}
	if !press(p, c, "o") || q.Sort != 1 {
		t.Fatalf("o: sort %d", q.Sort)
	}
	if press(p, c, "enter"); q.Throttle != "gmail.com" {
		t.Fatalf("esc did not keep gmail.com selected: %q", q.Throttle)
	}
	d.Dests = append(d.Dests[:1], d.Dests[2:]...) // gmail.com folded away
	if out := box(t, "Destinations", p, d, "", 80, 12); !strings.Contains(out, "gmail.com is no longer in the table") {
		t.Fatalf("gone domain:\n%s", out)
	}
}

func TestHintsExpand(t *testing.T) {
	d := fixture()
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}}
	p := newHints()
	if !press(p, c, "enter") {
		t.Fatal("enter not taken")
	}
	out := box(t, "Hints", p, d, "", 100, 12)
	for _, s := range []string{"evidence: 31 deferrals", "$ postconf -e slow_destination_concurrency_limit=2", "caution: reload needed"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q missing:\n%s", s, out)
		}
	}
	d.Hints[0], d.Hints[1] = d.Hints[1], d.Hints[0] // re-ranked under the open hint
	lines := drawPane(p, named("Hints"), true, c, 100, 12)
	if !strings.Contains(lines[1], "● info") || !strings.Contains(lines[2], "● CRIT") || !strings.Contains(lines[3], "31 deferrals") ||
		!strings.Contains(lines[2], "\x1b[7m") {
		t.Fatalf("the open hint did not stay open and selected:\n%s", strings.Join(lines, "\n"))
	}
	p.Move(c, -1)
	out = box(t, "Hints", p, d, "", 100, 12)
	if strings.Contains(out, "31 deferrals") {
		t.Fatalf("the expansion did not follow the selection:\n%s", out)
	}
	if !press(p, c, "esc") || press(p, c, "esc") {
		t.Fatal("esc folds an open hint, and only then")
	}
}

// The selected row is highlighted and kept in view; the log follows its
// tail and scrolls back.
func TestWindowSelectionAndTail(t *testing.T) {
	d := &Data{}
	for i := 0; i < 30; i++ {
		d.Dests = append(d.Dests, DestRow{Domain: fmt.Sprintf("d%02d.example", i)})
		d.Log = append(d.Log, fixture().Log[0])
		d.Log[i].Line = fmt.Sprintf("line %02d", i)
	}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}}
	dest := newDestinations()
	dest.Move(c, 25)
	lines := drawPane(dest, 0, true, c, 80, 10)
	var hi []string
	for _, l := range lines {
		if strings.Contains(l, "\x1b[7m") {
			hi = append(hi, ansi.Strip(l))
		}
	}
	if len(hi) != 1 || !strings.Contains(hi[0], "d25.example") {
		t.Fatalf("highlight %q in\n%s", hi, strings.Join(lines, "\n"))
	}
	if out := ansi.Strip(strings.Join(drawPane(dest, 0, false, c, 80, 10), "\n")); strings.Contains(strings.Join(drawPane(dest, 0, false, c, 80, 10), ""), "\x1b[7m") || !strings.Contains(out, "d25.example") {
		t.Fatal("unfocused pane highlighted, or lost its selection")
	}
	lg := newLog()
	c.Room = 30 - 4 // the box's 4 rows show the last lines
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 29") || strings.Contains(out, "line 25") {
		t.Fatalf("log not at its tail:\n%s", out)
	}
	lg.Move(c, -10)
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 19") || strings.Contains(out, "line 29") {
		t.Fatalf("log did not scroll back:\n%s", out)
	}
	lg.Move(c, 1<<20)
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 29") {
		t.Fatalf("end did not return to the tail:\n%s", out)
	}
	lg.Move(c, -1<<20)
	lg.Move(c, 10)
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 10") || strings.Contains(out, "line 09") {
		t.Fatalf("page down after home did not move from the first line:\n%s", out)
	}
	conc := newConcurrency()
	conc.Move(c, -3)
	for i := 0; i < 30; i++ {
		d.Services = append(d.Services, ConcRow{Name: fmt.Sprintf("svc%02d", i)})
	}
	conc.Move(c, 10)
	if out := box(t, "Concurrency", conc, d, "", 60, 6); !strings.Contains(out, "svc10") || strings.Contains(out, "svc09") {
		t.Fatalf("concurrency did not scroll:\n%s", out)
	}
}

func TestRenderScreens(t *testing.T) {
	d, keys, st := fixture(), DefaultKeys(), NewStyles(false)
	v := NewViewState(100, 30)
	check := func(what string) string {
		t.Helper()
		out := Render(d, &v, st, keys)
		lines := strings.Split(out, "\n")
		if len(lines) != v.Height {
			t.Fatalf("%s: %d lines", what, len(lines))
		}
		for i, l := range lines {
			if lipgloss.Width(l) > v.Width {
				t.Fatalf("%s: line %d is %d wide", what, i, lipgloss.Width(l))
			}
		}
		return ansi.Strip(out)
	}
	out := check("all panes")
	for id := PaneID(0); id < NumPanes; id++ {
		if !strings.Contains(out, fmt.Sprintf("%d %s", id+1, PaneName(id))) {
			t.Errorf("pane %d missing", id+1)
		}
	}
	v.Help = true
	out = check("help")
	for _, s := range []string{"▶ Help", "toggle destinations", "Hints (when focused)", "queue    unavailable postqueue refused"} {
		if !strings.Contains(out, s) {
			t.Errorf("help lacks %q:\n%s", s, out)
		}
	}
	v.Help = false
	for id := PaneID(0); id < NumPanes; id++ {
		v.Show(id, false)
	}
	if out = check("none"); !strings.Contains(out, fmt.Sprintf("all panes hidden: press 1-%d", NumPanes)) {
		t.Errorf("all hidden:\n%s", out)
	}
	v.Width = MinWidth - 1
	if out := Render(d, &v, st, keys); !strings.HasPrefix(out, "terminal too small") {
		t.Errorf("too small: %q", out)
	}
}

// On a small terminal the help does not fit: it scrolls, says so, and
// every line of it can be reached.
func TestHelpScrollsOnSmallScreens(t *testing.T) {
	d, keys, st := fixture(), DefaultKeys(), NewStyles(false)
	v := NewViewState(80, 24)
	v.Help = true
	full := NewViewState(200, 120)
	full.Help = true
	var want []string
	for _, l := range strings.Split(ansi.Strip(Render(d, &full, st, keys)), "\n") {
		l = strings.Trim(l, "│ ")
		if l != "" && !strings.Contains(l, "Help") && !strings.HasPrefix(l, "└") {
			want = append(want, l)
		}
	}
	seen := ""
	for page := 0; page < 20; page++ {
		out := ansi.Strip(Render(d, &v, st, keys))
		if page == 0 && !strings.Contains(out, "scroll") {
			t.Fatalf("a cut help does not say it scrolls:\n%s", out)
		}
		seen += out
		ScrollHelp(d, &v, st, keys, 5)
	}
	for _, w := range want[:len(want)-1] { // the last is the status bar
		if !strings.Contains(seen, w) {
			t.Errorf("help line %q never shown at 80x24", w)
		}
	}
	ScrollHelp(d, &v, st, keys, -1000)
	if v.HelpTop != 0 {
		t.Errorf("scrolled back to the top: HelpTop %d", v.HelpTop)
	}
	ScrollHelp(d, &v, st, keys, 1000)
	last := v.HelpTop
	ScrollHelp(d, &v, st, keys, 1)
	if v.HelpTop != last || last == 0 {
		t.Errorf("scrolling stops at the end: %d then %d", last, v.HelpTop)
	}
}

// In two columns the help keeps a blank between them (a cut line ends in
// "…" instead of running into the next column), and a pane's keys stay
// under its heading: the queue actions, the same keys in two panes, are
// listed once, which gives the room.
func TestHelpColumnsStaySeparate(t *testing.T) {
	d, keys, st := fixture(), DefaultKeys(), NewStyles(false)
	var sizes [][2]int
	for w := 82; w <= 200; w += 6 {
		for h := 24; h <= 60; h += 3 {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	for _, size := range sizes {
		v := NewViewState(size[0], size[1])
		v.Help = true
		w, h := v.Width, v.Height-1
		lines := helpBody(d, &v, st, keys, w, h)
		if len(helpBody(d, &v, st, keys, w, 1000)) <= h-2 {
			continue // one column
		}
		colW := (w - 2) / 2
		// The rows in two columns; what they cannot hold follows in one.
		rows := min(len(lines), max(2+len(helpLines("", keys.All())), h-2))
		for i, l := range lines[:rows] {
			plainLine := ansi.Strip(l)
			if ansi.StringWidth(plainLine) <= colW {
				continue
			}
			left := ansi.Cut(plainLine, 0, colW)
			if !strings.HasSuffix(left, " ") {
				t.Errorf("%dx%d: row %d runs into the second column: %q", size[0], size[1], i, plainLine)
			}
		}
		// A pane's keys all stand under its heading, in one column, when
		// the two columns have the room: the first column does not end
		// in the middle of a pane's keys.
		if rows < len(lines) || rows == 0 {
			continue // one column, or more than two hold
		}
		if last := ansi.Cut(ansi.Strip(lines[rows-1]), 0, colW); strings.HasPrefix(last, "  ") {
			if next := ansi.Strip(lines[0]); ansi.StringWidth(next) > colW && strings.HasPrefix(ansi.Cut(next, colW, 2*colW), "  ") {
				t.Errorf("%dx%d: a pane's keys break across the columns:\n%s", size[0], size[1], ansi.Strip(strings.Join(lines, "\n")))
			}
		}
	}
}
