package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
)

// log shows the recent warnings and failed deliveries, following the tail
// unless the user scrolls back.
type recentLog struct {
	back int // lines scrolled back from the tail
	copy key.Binding
}

func newLog() Pane { return &recentLog{copy: newCopyKey("the bottom line shown")} }

func (p *recentLog) Name() string         { return "Log" }
func (p *recentLog) Place() Place         { return Place{Left, 3} }
func (p *recentLog) Keys() []*key.Binding { return []*key.Binding{&p.copy} }

// Key copies the line at the bottom of the pane: the newest while it
// follows the tail, the one scrolled back to otherwise.
func (p *recentLog) Key(msg tea.KeyPressMsg, c *Ctx) bool {
	if !key.Matches(msg, p.copy) {
		return false
	}
	if es := p.entries(c); len(es) > 0 {
		c.ask(Request{Copy: []string{es[max(0, len(es)-1-p.back)].Line}})
	}
	return true
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
func (p *recentLog) Move(c *Ctx, delta int) { p.back = max(0, min(p.back-delta, c.Room)) }

func (p *recentLog) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
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
		return st.Class(e.Class).Render(padRight(tag, 16)) + " " + clean(e.Line)
	}
	return Content{N: len(entries), Line: row, Scroll: p.back, Tail: true}
}
