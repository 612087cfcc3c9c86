package ui

import (
	"fmt"
	"strings"
	"time"

	"mxtop/sources"
)

// queue shows the Postfix queues, the deferred queue's growth, and the
// deferred domains by age.
type queue struct {
	scroller
	noKeys
}

func newQueue() Pane { return &queue{} }

func (p *queue) Name() string { return "Queue" }
func (p *queue) Place() Place { return Place{Right, 2} }

// ageLabels head the age columns: minutes, doubling.
var ageLabels = []string{"5", "10", "20", "40", "80", "160", "320", "640", "1280", "1280+"}

func (p *queue) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	q := d.Queue.Snapshot
	if q == nil {
		return empty(st, "no queue reading (see status bar)")
	}
	var parts []string
	for _, name := range sources.QueueNames {
		parts = append(parts, fmt.Sprintf("%s %s", name, human(q.Queues[name].Messages)))
	}
	head := []string{strings.Join(parts, " · ")}
	g := "growth: -"
	if d.Queue.HasGrow {
		g = fmt.Sprintf("deferred %+.0f/min", d.Queue.Growth)
	}
	if old := q.Queues["deferred"].Oldest; !old.IsZero() {
		g += " · oldest " + q.Time.Sub(old).Round(time.Minute).String()
	}
	head = append(head, g+"  "+st.Warn.Render(Sparkline(d.Queue.Trend, 20)))
	domW := 22
	hdr := padRight("deferred domain", domW) + padLeft("rcpt", 6)
	cols := len(ageLabels)
	if w < 100 {
		cols = 5 // compact: the youngest buckets, then the rest summed
	}
	for i := 0; i < cols; i++ {
		l := ageLabels[i]
		if cols < len(ageLabels) && i == cols-1 {
			l = ageLabels[i] + "+"
		}
		hdr += padLeft(l, 6)
	}
	hdr += "  class"
	head = append(head, st.Header.Render(hdr))
	var body []string
	for _, dq := range q.Domains {
		if !Matches(c.Filter, dq.Domain, dq.TopClass().String()) {
			continue
		}
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
		line += "  " + st.Class(dq.TopClass()).Render(dq.TopClass().String())
		body = append(body, line)
	}
	for _, c := range d.Queue.Clog {
		body = append(body, st.Err.Render("clog: "+clean(c)))
	}
	return Content{Head: head, Lines: body, Scroll: p.scroll}
}
