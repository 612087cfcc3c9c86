package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
)

// hints lists what the analyzers advise, most severe first; one hint at a
// time opens to its evidence and commands.
type hints struct {
	selection
	// open names the expanded hint (hintKey), "" for none: a name, not a
	// row, so it stays open on its hint while the hints re-rank.
	open string
	// scroll is how far the open hint's lines are scrolled.
	scroll                   int
	enter, back, copy, apply key.Binding
}

func hintKey(h analyzers.Hint) string { return h.ID + " " + h.Subject }

func newHints() Pane {
	return &hints{
		enter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "expand or fold the hint")),
		back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "fold the hint")),
		copy:  newCopyKey("the hint's commands"),
		apply: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "apply the hint's configuration change (diff first)")),
	}
}

func (p *hints) Name() string { return "Hints" }
func (p *hints) Place() Place { return Place{Column: Right, Weight: 3, Keep: 6} }
func (p *hints) Keys() []*key.Binding {
	return []*key.Binding{&p.enter, &p.back, &p.copy, &p.apply}
}

func (p *hints) Key(msg tea.KeyPressMsg, c *Ctx) bool {
	hs := FilteredHints(c.Data, c.Filter)
	switch {
	case key.Matches(msg, p.enter) && p.open != "", key.Matches(msg, p.back) && p.open != "":
		p.selectOpen(hs)
		p.open, p.scroll = "", 0
	case key.Matches(msg, p.enter):
		if len(hs) > 0 {
			p.open, p.scroll = hintKey(hs[p.at(len(hs))]), 0
		}
	case key.Matches(msg, p.apply):
		p.selectOpen(hs)
		if len(hs) > 0 {
			h := hs[p.at(len(hs))]
			c.ask(Request{Apply: h.Changes, Subject: h.Title, Domain: h.Subject})
		}
	case key.Matches(msg, p.copy):
		// The open hint's commands, else the selected one's.
		p.selectOpen(hs)
		if len(hs) > 0 {
			c.ask(Request{Copy: copyLines(hs[p.at(len(hs))])})
		}
	default:
		return false
	}
	return true
}

// selectOpen selects the open hint's row, wherever re-ranking put it.
func (p *hints) selectOpen(hs []analyzers.Hint) {
	follow(&p.selection, hs, p.open, hintKey)
}

// Move selects another hint; an open hint's expansion follows the
// selection (j/k), and pages, home and end scroll its lines.
func (p *hints) Move(c *Ctx, delta int) {
	hs := FilteredHints(c.Data, c.Filter)
	p.selectOpen(hs)
	if p.open != "" && (delta > 1 || delta < -1) {
		// The hints above the open one are a line each: it starts at
		// line p.sel.
		p.scroll = max(0, min(p.scroll+delta, c.Room-p.sel))
		return
	}
	p.move(delta, len(hs))
	p.scroll = 0
	if p.open != "" && len(hs) > 0 {
		p.open = hintKey(hs[p.sel])
	}
}

// FilteredHints applies the filter to hints.
// Without a filter it is d.Hints itself (no copy of thousands of hints per
// frame): read it, don't change it.
func FilteredHints(d *Data, filter string) []analyzers.Hint {
	if filter == "" {
		return d.Hints
	}
	var out []analyzers.Hint
	for _, h := range d.Hints {
		if Matches(filter, h.ID, h.Subject, h.Title) {
			out = append(out, h)
		}
	}
	return out
}

func sevTag(sev analyzers.Severity) string {
	switch sev {
	case analyzers.SevCritical:
		return "CRIT"
	case analyzers.SevWarning:
		return "WARN"
	}
	return "info"
}

func (p *hints) Body(c *Ctx, w int) Content {
	st := c.Styles
	hs := FilteredHints(c.Data, c.Filter)
	sel := p.at(len(hs))
	for i, h := range hs {
		if p.open != "" && hintKey(h) == p.open {
			sel = i
		}
	}
	// Thousands of hints share three badges: styling each once keeps a
	// frame from restyling the same text per hint.
	badges := map[analyzers.Severity]string{}
	row := func(h analyzers.Hint) string {
		badge, ok := badges[h.Severity]
		if !ok {
			badge = st.Severity(h.Severity).Render("● " + sevTag(h.Severity))
			badges[h.Severity] = badge
		}
		return badge + " " + clean(h.Title)
	}
	if p.open == "" && len(hs) > 0 {
		// One line per hint: draw only those in view.
		return Content{N: len(hs), Line: func(i int) string { return row(hs[i]) }, Selected: sel, Select: true}
	}
	var body []string
	selLine := -1
	for i, h := range hs {
		if i == sel {
			selLine = len(body)
		}
		if p.open == "" || hintKey(h) != p.open {
			body = append(body, row(h))
			continue
		}
		// The open hint's title wraps past its badge: its end (since
		// when, which service) is part of the news.
		const indent = 7 // "● CRIT "
		badge := strings.TrimSuffix(row(h), clean(h.Title))
		body = append(body, hangWrap(badge, indent, clean(h.Title), w, plain)...)
		// Wrapped under a hanging indent: cut at the border, a
		// command or a caution loses its end.
		wrap := func(label, text string, style func(...string) string) {
			body = append(body, hangWrap("    "+label, 4+ansi.StringWidth(label), text, w, style)...)
		}
		wrapCmd := func(label, text string, style func(...string) string) {
			body = append(body, hangCmd("    "+label, 4+ansi.StringWidth(label), text, w, style)...)
		}
		for _, e := range h.Evidence {
			wrap(st.Faint.Render("evidence: "), clean(e), plain)
		}
		for _, s := range h.Samples {
			body = append(body, "    "+st.Faint.Render("log: "+clean(s)))
		}
		for _, a := range h.ActionSteps() {
			if a.Command {
				wrapCmd(st.Accent.Render("$ "), clean(a.Text), st.Accent.Render)
			} else {
				wrap(st.Faint.Render("do: "), clean(a.Text), plain)
			}
		}
		for _, c := range h.Cautions {
			wrap(st.Warn.Render("caution: "), clean(c), plain)
		}
		if len(h.Changes) > 0 {
			body = append(body, "    "+st.Faint.Render("a: apply the configuration change (diff first) · c: copy the commands"))
		}
	}
	if len(body) == 0 {
		if len(c.Data.Hints) > 0 {
			return empty(st, "no hint matches the filter")
		}
		return Content{Lines: []string{st.OK.Render("no hints: nothing calls for a change")}}
	}
	if p.scroll > 0 && selLine >= 0 {
		// Scrolled into the open hint's lines, its title may be above.
		return Content{Lines: body, Scroll: selLine + p.scroll}
	}
	return Content{Lines: body, Selected: selLine, Select: true}
}

// copyLines are what c copies of a hint: its commands, and its sentences
// as shell comments, so that the whole can be pasted into a shell.
func copyLines(h analyzers.Hint) []string {
	var out []string
	for _, a := range h.ActionSteps() {
		if a.Command {
			out = append(out, a.Text)
		} else {
			out = append(out, "# "+a.Text)
		}
	}
	return out
}
