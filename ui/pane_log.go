package ui

// log shows the recent warnings and failed deliveries, following the tail
// unless the user scrolls back.
type recentLog struct {
	back int // lines scrolled back from the tail
	noKeys
}

func newLog() Pane { return &recentLog{} }

func (p *recentLog) Name() string { return "Log" }
func (p *recentLog) Place() Place { return Place{Left, 3} }

// Move scrolls; up goes back in time, away from the tail.
func (p *recentLog) Move(_ *Ctx, delta int) { p.back = max(0, p.back-delta) }

func (p *recentLog) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	entries := d.Log
	if c.Filter != "" {
		entries = nil
		for _, e := range d.Log {
			if Matches(c.Filter, e.Line, e.Class.String()) {
				entries = append(entries, e)
			}
		}
	}
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
