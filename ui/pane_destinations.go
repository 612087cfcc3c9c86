package ui

import (
	"fmt"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

// destinations is the table of destination domains, with a detail view of
// one of them.
type destinations struct {
	selection
	// detail is the domain whose detail is open, "" for the table. It is
	// a name, not a row number, so the detail stays on its domain while
	// the rows re-sort under it.
	detail string
	// scroll is how far the open detail is scrolled.
	scroll            int
	enter, back, sort key.Binding
	queueKeys
}

func newDestinations() Pane {
	return &destinations{
		enter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open or close the detail")),
		back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close the detail")),
		sort:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "change the sort")),

		queueKeys: newQueueKeys(),
	}
}

func (p *destinations) Name() string { return "Destinations" }
func (p *destinations) Place() Place { return Place{Column: Left, Weight: 3, Rows: 2, Keep: 5} }
func (p *destinations) Keys() []*key.Binding {
	return append([]*key.Binding{&p.enter, &p.back, &p.sort}, p.list()...)
}

func (p *destinations) Key(msg tea.KeyPressMsg, c *Ctx) bool {
	switch {
	case key.Matches(msg, p.enter):
		if p.detail != "" {
			p.close(c)
		} else if rows := FilteredDests(c.Data, c.Filter); len(rows) > 0 {
			p.open(c, rows[p.at(len(rows))].Domain)
		}
	case key.Matches(msg, p.back) && p.detail != "":
		p.close(c)
	case key.Matches(msg, p.sort):
		c.Query.Sort = (c.Query.Sort + 1) % analyzers.SortKey(len(analyzers.SortKeyNames))
	case p.action(msg) != 0:
		// On the open detail's domain, or the selected row's.
		dom := p.detail
		if rows := FilteredDests(c.Data, c.Filter); dom == "" && len(rows) > 0 {
			dom = rows[p.at(len(rows))].Domain
		}
		if dom != "" {
			c.ask(Request{Queue: p.action(msg), Domain: dom})
		}
	default:
		return false
	}
	return true
}

func (p *destinations) open(c *Ctx, domain string) {
	if domain != p.detail {
		p.scroll = 0
	}
	p.detail, c.Query.Throttle = domain, domain
}

// close goes back to the table with the row of the closed detail selected.
func (p *destinations) close(c *Ctx) {
	p.selectDetail(FilteredDests(c.Data, c.Filter))
	p.detail, c.Query.Throttle = "", ""
}

// selectDetail selects the open detail's row, wherever re-sorting put it.
func (p *destinations) selectDetail(rows []DestRow) {
	follow(&p.selection, rows, p.detail, func(r DestRow) string { return r.Domain })
}

// Move selects another row; an open detail follows the selection (j/k),
// and pages, home and end scroll it.
func (p *destinations) Move(c *Ctx, delta int) {
	if p.detail != "" && (delta > 1 || delta < -1) {
		p.scroll = max(0, min(p.scroll+delta, c.Room))
		return
	}
	rows := FilteredDests(c.Data, c.Filter)
	p.selectDetail(rows)
	p.move(delta, len(rows))
	if p.detail != "" && len(rows) > 0 {
		p.open(c, rows[p.sel].Domain)
	}
}

// logTrouble says why the log gives no lines, when its source is not ok:
// an empty table says so where the rows would be, not only in a flash.
func logTrouble(d *Data) string {
	for _, s := range d.States {
		if s.Source == "log" && s.Health != sources.HealthOK {
			return clean(s.String())
		}
	}
	return ""
}

// FilteredDests applies the filter to the destination rows.
func FilteredDests(d *Data, filter string) []DestRow {
	if filter == "" {
		return d.Dests // read, don't change: callers only read the rows
	}
	var out []DestRow
	for _, r := range d.Dests {
		if Matches(filter, r.Domain, r.TopClass.String(), r.LastReply, r.Transport) {
			out = append(out, r)
		}
	}
	return out
}

func (p *destinations) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	if p.detail != "" {
		for _, r := range d.Dests {
			if r.Domain == p.detail {
				b := destDetail(r, st, w)
				b.Scroll = p.scroll
				return b
			}
		}
		return empty(st, clean(p.detail)+" is no longer in the table (esc: back)")
	}
	rows := FilteredDests(d, c.Filter)
	if len(rows) == 0 {
		if len(d.Dests) > 0 || c.Filter != "" {
			return empty(st, "no destination matches the filter")
		}
		if why := logTrouble(d); why != "" {
			b := Content{Prose: true}
			for _, l := range wrap(why, max(1, w)) {
				b.Lines = append(b.Lines, st.Faint.Render(l))
			}
			return b
		}
		return empty(st, "no deliveries yet")
	}
	longest := 0
	for _, r := range rows {
		longest = max(longest, cellWidth(clean(r.Domain)))
	}
	cols := destColumns(w, longest)
	// The rows are a screen's worth of those tracked: the table says how
	// many it leaves out, and the filter finds those too.
	shown := ""
	if d.DestsTotal > len(d.Dests) {
		shown = fmt.Sprintf("%d of %d", len(rows), d.DestsTotal)
	}
	row := func(i int) string {
		if i == len(rows) {
			foot := fmt.Sprintf("sorted by %s (o) · enter: detail", analyzers.SortKeyNames[d.SortKey])
			if shown != "" {
				foot = shown + " listed (/ filters them all) · " + foot
			}
			return st.Faint.Render(foot)
		}
		return cols.row(rows[i], st)
	}
	// The title says the sort too: the last row is out of view whenever
	// the table is longer than the pane.
	note := "(sorted by " + analyzers.SortKeyNames[d.SortKey] + ")"
	if shown != "" {
		note = "(sorted by " + analyzers.SortKeyNames[d.SortKey] + ", " + shown + ")"
	}
	return Content{Head: []string{st.Header.Render(cols.header())}, Columns: true, N: len(rows) + 1, Line: row, Selected: p.at(len(rows)), Select: true,
		Note: note}
}

// destCols are the table's column widths: they shrink with the pane, and
// the reply column takes what is left.
type destCols struct {
	dom, num, class, spark, reply int
	bounce                        bool
}

// destColumns fits the table to w cells; longest is the widest domain's
// cells, which the domain column grows to from the room of the replies.
func destColumns(w, longest int) destCols {
	c := destCols{dom: 22, num: 6, class: 16, spark: 10, bounce: true}
	if w < 90 {
		c = destCols{dom: 18, num: 5, class: 12, spark: 8}
	}
	used := c.dom + 2*(c.num+1) + c.class + 1 + 7 + c.spark + 1
	if c.bounce {
		used += c.num + 1
	}
	if used > w {
		// A narrow pane (a column of a 100-wide screen) drops the
		// sparkline rather than cut the table's last column in half.
		used -= c.spark + 1
		c.spark = 0
	}
	c.reply = w - used - 1
	if c.class < 16 && (c.reply >= 18 || c.reply <= 4) {
		// The class names a delivery can take run to 15 cells and a
		// suspended one's "!": they come before the reply's first words,
		// and take the room of a reply column too narrow to show.
		grow := 16 - c.class
		if c.reply <= 4 {
			grow = min(grow, max(0, c.reply+1))
		}
		c.reply -= grow
		c.class += grow
	}
	// A domain cut reads as another one: the column grows to the longest
	// (up to 40 cells) with the room left over, or taken from a reply
	// column wider than 12 cells.
	if need := min(longest, 40) - c.dom; need > 0 {
		spare := c.reply + 1 // no reply column: the room is unused
		if c.reply > 4 {
			spare = c.reply - 12
		}
		grow := max(0, min(need, spare))
		c.dom += grow
		c.reply -= grow
	}
	return c
}

func (c destCols) header() string {
	h := padRight("domain", c.dom) + " " + padLeft("sent", c.num) + " " + padLeft("defer", c.num) + " "
	if c.bounce {
		h += padLeft("bounce", c.num) + " "
	}
	h += padRight("class", c.class) + " " + padLeft("err/m5", 6)
	if c.spark > 0 {
		h += " " + padRight("15 min", c.spark)
	}
	if c.reply > 4 {
		h += " " + padRight("last reply", c.reply)
	}
	return h
}

func (c destCols) row(r DestRow, st Styles) string {
	class := r.TopClass.String()
	if r.Suspended > 0 {
		class += "!"
	}
	line := fit(clean(r.Domain), c.dom) + " " + padLeft(human(r.Sent), c.num) + " " + padLeft(human(r.Deferred), c.num) + " "
	if c.bounce {
		line += padLeft(human(r.Bounced), c.num) + " "
	}
	line += st.Class(r.TopClass).Render(padRight(class, c.class)) + " " + padLeft(fmt.Sprintf("%.1f", r.Rate), 6)
	if c.spark > 0 {
		line += " " + st.Err.Render(DestSparkline(r.Spark, c.spark))
	}
	if c.reply > 4 {
		line += " " + st.Faint.Render(fit(clean(r.LastReply), c.reply))
	}
	return line
}

func destDetail(r DestRow, st Styles, w int) Content {
	var b []string
	add := func(s string) { b = append(b, s) }
	// The title stays above the scrolled lines: paged down, whose detail
	// it is and how to leave it still show.
	head := []string{st.Title.Render(clean(r.Domain)) + st.Faint.Render("  (esc: back)")}
	add(fmt.Sprintf("sent %d · deferred %d · bounced %d · suspended %d · transport %s", r.Sent, r.Deferred, r.Bounced, r.Suspended, orDash(clean(r.Transport))))
	conc := fmt.Sprintf("concurrency %d now, peak %d, limit %d", r.Concurrency, r.Peak, r.Limit)
	if r.Estimate {
		conc += " (estimate from the log)"
	}
	add(conc)
	add(st.Header.Render("classes"))
	type kv struct {
		c sources.Class
		n int
	}
	var cls []kv
	for c, n := range r.Classes {
		cls = append(cls, kv{c, n})
	}
	sort.Slice(cls, func(i, j int) bool { return cls[i].n > cls[j].n || cls[i].n == cls[j].n && cls[i].c < cls[j].c })
	for _, c := range cls {
		add("  " + st.Class(c.c).Render(padRight(c.c.String(), 20)) + fmt.Sprint(c.n))
	}
	add(st.Header.Render("next hops"))
	for _, h := range r.Hops {
		add(fmt.Sprintf("  %s [%s]:%d  attempts %d, errors %d %s", clean(h.Host), clean(h.IP), h.Port, h.Attempts, h.Errors, h.LastClass))
	}
	add(st.Header.Render("recent lines"))
	for _, l := range r.Recent {
		add("  " + st.Faint.Render(clean(l)))
	}
	if len(r.Drain) > 0 {
		add(st.Header.Render("draining its deferred mail"))
		for _, l := range r.Drain {
			add("  " + clean(l))
		}
	}
	if r.Effect != "" {
		add(st.Header.Render("effect of the applied change"))
		add("  " + st.Accent.Render(clean(r.Effect)))
	}
	if len(r.Snippet) > 0 {
		add(st.Header.Render("to throttle it (transport_maps and master.cf)"))
		// Commands wrap, indented under their first line: cut at the
		// border, the end of a command is what goes missing.
		for _, a := range r.Snippet {
			if a.Command {
				b = append(b, hangCmd("  "+st.Accent.Render("$ "), 4, clean(a.Text), w, st.Accent.Render)...)
			} else {
				b = append(b, hangWrap("  "+st.Faint.Render("do: "), 6, clean(a.Text), w, plain)...)
			}
		}
	}
	return Content{Head: head, Lines: b}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
