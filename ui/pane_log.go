package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

// log shows the recent warnings and failed deliveries, following the tail
// unless the user scrolls back.
type recentLog struct {
	back int // lines scrolled back from the tail, when last moved
	// at are the line at the bottom while scrolled back and the few above
	// it: the pane stays on them while new lines arrive below and old ones
	// leave the ring. More than one, for a line logged word for word again.
	at   []analyzers.LogEntry
	copy key.Binding
	// opened is the line enter showed whole, until esc.
	opened           *analyzers.LogEntry
	enter, closeLine key.Binding
}

// anchorLines is how many lines, up to the bottom one, place the pane
// while it is scrolled back.
const anchorLines = 4

func newLog() Pane {
	return &recentLog{copy: newCopyKey("the bottom line shown"),
		enter:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show the bottom line whole")),
		closeLine: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close the line shown whole"))}
}

func (p *recentLog) Name() string         { return "Log" }
func (p *recentLog) Place() Place         { return Place{Column: Left, Weight: 3, Keep: 2} }
func (p *recentLog) Keys() []*key.Binding { return []*key.Binding{&p.copy, &p.enter, &p.closeLine} }

// Key copies the line at the bottom of the pane: the newest while it
// follows the tail, the one scrolled back to otherwise.
func (p *recentLog) Key(msg tea.KeyPressMsg, c *Ctx) bool {
	switch {
	case p.opened != nil && key.Matches(msg, p.closeLine):
		p.opened = nil
	case key.Matches(msg, p.enter):
		if p.opened != nil {
			p.opened = nil
		} else if es := p.entries(c); len(es) > 0 {
			e := es[p.bottom(es)]
			p.opened = &e
		}
	case key.Matches(msg, p.copy):
		if p.opened != nil {
			c.ask(Request{Copy: []string{p.opened.Line}})
		} else if es := p.entries(c); len(es) > 0 {
			c.ask(Request{Copy: []string{es[p.bottom(es)].Line}})
		}
	default:
		return false
	}
	return true
}

// bottom is the index of the line at the bottom of the pane: the newest
// while following the tail, else the line scrolled back to, wherever new
// lines have put it (or as far back as when it was reached, once it has
// left the ring or the filter).
func (p *recentLog) bottom(es []analyzers.LogEntry) int {
	if p.back == 0 || len(p.at) == 0 {
		return max(0, len(es)-1-p.back)
	}
	// The newest place where most of the anchor's lines match, all of
	// them at best: the lines above may have left the ring.
	best, most := -1, 0
	for i := len(es) - 1; i >= 0 && most < len(p.at); i-- {
		n := 0
		for n < len(p.at) && i-n >= 0 && es[i-n] == p.at[len(p.at)-1-n] {
			n++
		}
		if n > most {
			best, most = i, n
		}
	}
	if best < 0 {
		return max(0, len(es)-1-p.back)
	}
	return best
}

func (p *recentLog) entries(c *Ctx) []analyzers.LogEntry {
	if c.Filter == "" {
		return c.Data.Log
	}
	var out []analyzers.LogEntry
	for _, e := range c.Data.Log {
		if Matches(c.Filter, e.Line, e.Class.String()) {
			out = append(out, e)
		}
	}
	return out
}

// Move scrolls; up goes back in time, away from the tail, as far as the
// first line.
func (p *recentLog) Move(c *Ctx, delta int) {
	es := p.entries(c)
	p.back = max(0, min(len(es)-1-p.bottom(es)-delta, c.Room, len(es)-1))
	if p.back > 0 {
		b := len(es) - 1 - p.back
		p.at = append(p.at[:0], es[max(0, b-anchorLines+1):b+1]...)
	}
}

// logTagWidth is the class column's width: the longest class name in the
// sources' table, or severity shown for a line without a class.
var logTagWidth = func() int {
	n := 0
	for c := sources.Class(1); c < sources.NumClasses; c++ {
		n = max(n, len(c.String()))
	}
	for s := sources.SevInfo; s <= sources.SevPanic; s++ {
		n = max(n, len(s.String()))
	}
	return n
}()

func (p *recentLog) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	if e := p.opened; e != nil {
		tag := e.Class.String()
		if tag == "" {
			tag = e.Sev.String()
		}
		b := Content{Head: []string{st.Class(e.Class).Render(tag) + st.Faint.Render("  (esc: back · c: copy)")}}
		b.Lines = wrap(clean(e.Line), max(8, w))
		return b
	}
	entries := p.entries(c)
	if len(entries) == 0 {
		if len(d.Log) > 0 {
			return empty(st, "no log line matches the filter")
		}
		return empty(st, "no warnings or failed deliveries yet")
	}
	row := func(i int) string {
		e := entries[i]
		tag := e.Class.String()
		if tag == "" {
			tag = e.Sev.String()
		}
		return st.Class(e.Class).Render(padRight(tag, logTagWidth)) + " " + clean(e.Line)
	}
	return Content{N: len(entries), Line: row, Scroll: len(entries) - 1 - p.bottom(entries), Tail: true}
}
