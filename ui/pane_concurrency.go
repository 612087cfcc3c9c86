package ui

import "fmt"

// concurrency shows connections in use against their limits: outbound per
// destination, Postfix services, inbound clients.
type concurrency struct {
	scroller
	noKeys
}

func newConcurrency() Pane { return &concurrency{} }

func (p *concurrency) Name() string { return "Concurrency" }
func (p *concurrency) Place() Place { return Place{Column: Right, Weight: 2, Keep: 3} }

func (p *concurrency) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	// A narrow pane (a column of a 100-wide screen) gives up name and bar
	// before the counts: the bar's space and " 19/20   peak 20 est." take
	// 23 columns.
	nameW, barW := 26, w-26-24
	if barW < 10 {
		barW, nameW = 10, min(26, w-10-23)
		if nameW < 14 {
			nameW, barW = 14, max(6, w-14-23)
		}
	}
	// A name cut reads as another one ("outlook.co"): the bar gives its
	// room, down to 6 cells, to the longest name, which ends in "…" when
	// cut.
	longest := 0
	for _, rows := range [][]ConcRow{d.Outbound, d.Services, d.Inbound} {
		for _, r := range rows {
			longest = max(longest, cellWidth(clean(r.Name)))
		}
	}
	if give := min(longest+4-nameW, barW-6); give > 0 {
		nameW, barW = nameW+give, barW-give
	}
	var body []string
	// Rows carry their kind in the name ("out", "svc", "in") rather than
	// under section titles, so a one-line pane still shows the busiest.
	section := func(kind string, rows []ConcRow) {
		for _, r := range rows {
			if !Matches(c.Filter, r.Name, r.Note) {
				continue
			}
			style := st.OK
			if r.Limit > 0 && r.Used >= r.Limit {
				style = st.Err
			} else if r.Limit > 0 && r.Used*10 >= r.Limit*8 {
				style = st.Warn
			}
			lim := "-"
			if r.Limit > 0 {
				lim = fmt.Sprint(r.Limit)
			}
			note := ""
			if r.Estimate {
				note = " est."
			}
			if r.Note != "" {
				note += " " + clean(r.Note)
			}
			body = append(body, st.Faint.Render(padRight(kind, 4))+fit(clean(r.Name), nameW-4)+" "+style.Render(Bar(r.Used, r.Limit, barW))+
				fmt.Sprintf(" %3d/%-4s peak %d%s", r.Used, lim, r.Peak, note))
		}
	}
	section("out", d.Outbound)
	section("svc", d.Services)
	section("in", d.Inbound)
	out := Content{Lines: body, Scroll: p.scroll}
	if len(body) == 0 {
		out = empty(st, "no connections seen yet")
		if len(d.Outbound)+len(d.Services)+len(d.Inbound) > 0 || c.Filter != "" {
			out = empty(st, "no connection matches the filter")
		}
	}
	if len(d.Outbound) > 0 && d.Outbound[0].Estimate {
		out.Note = "(outbound estimated from the log)"
	}
	return out
}
