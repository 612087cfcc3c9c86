package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"mxtop/sources"
)

// queue shows the Postfix queues, the deferred queue's growth, and the
// domains of the deferred and active queues by age; the queue action keys act on the selected
// domain's mail.
type queue struct {
	selection
	queueKeys
}

func newQueue() Pane { return &queue{queueKeys: newQueueKeys()} }

func (p *queue) Name() string         { return "Queue" }
func (p *queue) Place() Place         { return Place{Column: Right, Weight: 2, Keep: 4} }
func (p *queue) Keys() []*key.Binding { return p.list() }

// queueRow is a domain of the deferred and active queues, or of the hold
// queue.
type queueRow struct {
	domain string
	dq     *sources.DomainQueue // nil for held mail
	held   int
}

// rows are the queued (deferred and active) domains, then the held ones,
// that the filter lets through: held mail leaves that table and can still
// be released.
func (p *queue) rows(c *Ctx) []queueRow {
	q := c.Data.Queue.Snapshot
	if q == nil {
		return nil
	}
	var out []queueRow
	for i := range q.Domains {
		dq := &q.Domains[i]
		if Matches(c.Filter, dq.Domain, dq.TopClass().String()) {
			out = append(out, queueRow{domain: dq.Domain, dq: dq})
		}
	}
	for _, h := range q.Held {
		if Matches(c.Filter, h.Domain, "held") {
			out = append(out, queueRow{domain: h.Domain, held: h.Recipients})
		}
	}
	return out
}

func (p *queue) Move(c *Ctx, delta int) { p.move(delta, len(p.rows(c))) }

func (p *queue) Key(msg tea.KeyPressMsg, c *Ctx) bool {
	act := p.action(msg)
	if act == 0 {
		return false
	}
	if rows := p.rows(c); len(rows) > 0 {
		c.ask(Request{Queue: act, Domain: rows[p.at(len(rows))].domain})
	}
	return true
}

// ageLabels head the age columns: minutes, doubling.
var ageLabels = []string{"5", "10", "20", "40", "80", "160", "320", "640", "1280", "1280+"}

func (p *queue) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	q := d.Queue.Snapshot
	if q == nil && d.HostApart != "" {
		// The clog warnings are the log's, not the queue's.
		return Content{Lines: append(apart(st, d.HostApart, w), p.clog(c)...), Prose: true}
	}
	if q == nil {
		return empty(st, "no queue reading (see status bar)")
	}
	// A reading that could not be renewed is drawn faint under when it
	// was taken and why none came since: a stopped queue must not read
	// as a steady one.
	old := d.Queue.Failed != ""
	dim := func(s string) string { return s }
	var note []string
	if old {
		dim = func(s string) string { return st.Faint.Render(s) }
		why := fmt.Sprintf("last read %s, %s ago: %s", q.Time.Format("15:04:05"), readAgo(d.Queue.ReadAgo), clean(d.Queue.Failed))
		for _, l := range wrap(why, max(8, w)) {
			note = append(note, st.Warn.Render(l))
		}
	}
	var parts []string
	for _, name := range sources.QueueNames {
		parts = append(parts, fmt.Sprintf("%s %s", name, human(q.Queues[name].Messages)))
	}
	// The counts wrap at a separator rather than lose deferred and hold,
	// the ones that matter, at a narrow pane's border.
	head := []string{parts[0]}
	for _, part := range parts[1:] {
		last := &head[len(head)-1]
		if cellWidth(*last+" · "+part) > w {
			*last += " ·"
			head = append(head, part)
			continue
		}
		*last += " · " + part
	}
	for i := range head {
		head[i] = dim(head[i])
	}
	g := "growth: -"
	if d.Queue.HasGrow && !old {
		g = fmt.Sprintf("deferred %+.0f/min", d.Queue.Growth)
	}
	if oldest := q.Queues["deferred"].Oldest; !oldest.IsZero() {
		g += " · oldest " + q.Time.Sub(oldest).Round(time.Minute).String()
	}
	if old {
		head = append(head, dim(g+"  "+Sparkline(d.Queue.Trend, 20)))
	} else {
		head = append(head, g+"  "+st.Warn.Render(Sparkline(d.Queue.Trend, 20)))
	}
	domW := 22
	cols := len(ageLabels)
	if w < 100 {
		cols = 5 // compact: the youngest buckets, then the rest summed
	}
	if w < 70 {
		// Narrow (a column of a 100-wide screen): fewer age columns,
		// none rather than one that would repeat rcpt, so that 12
		// columns remain for the class.
		domW = 16
		if cols = min(cols, (w-domW-6-2-12)/6); cols < 2 {
			cols = 0
		}
	}
	hdr := padRight("queued domain", domW) + padLeft("rcpt", 6)
	for i := 0; i < cols; i++ {
		l := ageLabels[i]
		if cols < len(ageLabels) && i == cols-1 {
			l = ageLabels[i] + "+"
		}
		hdr += padLeft(l, 6)
	}
	hdr += "  class"
	head = append(head, st.Header.Render(hdr))
	head = append(note, head...)
	var body []string
	rows := p.rows(c)
	for _, r := range rows {
		if r.dq == nil {
			if old {
				body = append(body, dim(padRight(clean(r.domain), domW)+padLeft(human(r.held), 6)+"  on hold (H releases)"))
			} else {
				body = append(body, padRight(clean(r.domain), domW)+padLeft(human(r.held), 6)+"  "+st.Warn.Render("on hold (H releases)"))
			}
			continue
		}
		dq := r.dq
		line := padRight(clean(dq.Domain), domW) + padLeft(human(dq.Recipients), 6)
		for i := 0; i < cols; i++ {
			n := dq.Buckets[i]
			if cols < len(ageLabels) && i == cols-1 {
				for j := i + 1; j < len(dq.Buckets); j++ {
					n += dq.Buckets[j]
				}
			}
			line += padLeft(human(n), 6)
		}
		if old {
			body = append(body, dim(line+"  "+dq.TopClass().String()))
			continue
		}
		line += "  " + st.Class(dq.TopClass()).Render(dq.TopClass().String())
		body = append(body, line)
	}
	if len(rows) == 0 {
		// A header over nothing read as a pane still loading.
		if c.Filter != "" {
			body = append(body, st.Faint.Render("no queued domain matches the filter"))
		} else {
			body = append(body, st.Faint.Render("no deferred, active or held mail"))
		}
	}
	body = append(body, p.clog(c)...)
	return Content{Head: head, HeadProse: len(note), Columns: true, Lines: body, Selected: p.at(len(rows)), Select: len(rows) > 0}
}

// clog are the qmgr's warnings of a destination clogging the active queue.
func (p *queue) clog(c *Ctx) []string {
	var out []string
	for _, l := range c.Data.Queue.Clog {
		out = append(out, c.Styles.Err.Render("clog: "+clean(l)))
	}
	return out
}

// readAgo is how long ago a reading was taken: in seconds for the first
// minutes, where a reading every few seconds is missed, then as Ago.
func readAgo(ago time.Duration) string {
	if ago < 2*time.Minute {
		return fmt.Sprintf("%d s", int(ago.Seconds()))
	}
	return Ago(ago)
}
