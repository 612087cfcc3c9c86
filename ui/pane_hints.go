package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
)

// hints lists what the analyzers advise, most severe first; one hint at a
// time opens to its evidence and commands.
type hints struct {
	selection
	open        bool // the selected hint is expanded
	enter, back key.Binding
}

func newHints() Pane {
	return &hints{
		enter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "expand or fold the hint")),
		back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "fold the hint")),
	}
}

func (p *hints) Name() string         { return "Hints" }
func (p *hints) Place() Place         { return Place{Right, 3} }
func (p *hints) Keys() []*key.Binding { return []*key.Binding{&p.enter, &p.back} }

func (p *hints) Key(msg tea.KeyPressMsg, c *Ctx) bool {
	switch {
	case key.Matches(msg, p.enter):
		p.open = !p.open
	case key.Matches(msg, p.back) && p.open:
		p.open = false
	default:
		return false
	}
	return true
}

func (p *hints) Move(c *Ctx, delta int) { p.move(delta, len(FilteredHints(c.Data, c.Filter))) }

// FilteredHints applies the filter to hints.
func FilteredHints(d *Data, filter string) []analyzers.Hint {
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
	var body []string
	selLine := -1
	for i, h := range hs {
		if i == sel {
			selLine = len(body)
		}
		body = append(body, st.Severity(h.Severity).Render("● "+sevTag(h.Severity))+" "+clean(h.Title))
		if p.open && i == sel {
			for _, e := range h.Evidence {
				body = append(body, "    "+st.Faint.Render("evidence: ")+clean(e))
			}
			for _, s := range h.Samples {
				body = append(body, "    "+st.Faint.Render("log: "+clean(s)))
			}
			for _, a := range h.Actions {
				body = append(body, "    "+st.Accent.Render("$ "+clean(a)))
			}
			for _, c := range h.Cautions {
				body = append(body, "    "+st.Warn.Render("caution: ")+clean(c))
			}
		}
	}
	if len(body) == 0 {
		if len(c.Data.Hints) > 0 {
			return empty(st, "no hint matches the filter")
		}
		return Content{Lines: []string{st.OK.Render("no hints: nothing calls for a change")}}
	}
	return Content{Lines: body, Selected: selLine, Select: true}
}
