package ui

import (
	"fmt"

	"mxtop/sources"
)

// load shows the machine: load, CPU, memory, file descriptors, the queue's
// disk.
type load struct {
	scroller
	noKeys
}

func newLoad() Pane { return &load{} }

func (p *load) Name() string { return "Load" }
func (p *load) Place() Place { return Place{Column: Right, Weight: 2, Keep: 1} }

func (p *load) Body(c *Ctx, w int) Content {
	d, st := c.Data, c.Styles
	m := d.Load.Machine
	if m == nil && d.HostApart != "" {
		return Content{Lines: apart(st, d.HostApart, w), Scroll: p.scroll, Prose: true}
	}
	if m == nil {
		return empty(st, "no machine readings yet")
	}
	// The text takes 37 columns; a narrow pane's sparklines shrink to
	// what is left rather than run past the border.
	sparkW := min(max(8, w-46), w-37)
	var b []string
	if m.Container != "" {
		b = append(b, st.Faint.Render(fmt.Sprintf("this host's figures: Postfix runs in container %s", clean(m.Container))))
	}
	loadStyle := st.OK
	if m.Load1 > float64(m.CPUs) {
		loadStyle = st.Err
	}
	b = append(b, padRight(fmt.Sprintf("load %5.2f %5.2f %5.2f / %d cpu", m.Load1, m.Load5, m.Load15, m.CPUs), 36)+" "+loadStyle.Render(Sparkline(d.Load.LoadHist, sparkW)))
	b = append(b, padRight(fmt.Sprintf("cpu  %5.1f%%", m.CPUPercent), 36)+" "+st.Accent.Render(Sparkline(d.Load.CPUHist, sparkW)))
	if m.MemTotal > 0 {
		avail := 100 * float64(m.MemAvail) / float64(m.MemTotal)
		ms := st.OK
		if avail < 10 {
			ms = st.Err
		}
		b = append(b, padRight(fmt.Sprintf("mem  %s of %s available (%.0f%%)", bytesHuman(m.MemAvail), bytesHuman(m.MemTotal), avail), 36)+" "+ms.Render(Sparkline(d.Load.MemHist, sparkW)))
	}
	if m.SwapTotal > 0 {
		b = append(b, fmt.Sprintf("swap %s of %s used", bytesHuman(m.SwapUsed), bytesHuman(m.SwapTotal)))
	}
	b = append(b, p.gauges(c, m, w)...)
	for _, u := range m.Unreadable {
		b = append(b, st.Faint.Render("unreadable: "+clean(u)))
	}
	return Content{Lines: b, Scroll: p.scroll}
}

// gauges are the bars of used against a limit: file descriptors, the
// queue's disk.
func (p *load) gauges(c *Ctx, m *sources.MachineReading, w int) []string {
	st := c.Styles
	gaugeW := max(10, min(30, w-46))
	gauge := func(label string, used, total float64, warnAt float64, text string) string {
		gs := st.OK
		if total > 0 && used/total >= warnAt {
			gs = st.Err
		}
		u, t := int(used), int(total)
		if total > 1e6 { // bytes: bars work in MiB
			u, t = int(used/(1<<20)), int(total/(1<<20))
		}
		return padRight(label, 5) + gs.Render(Bar(u, t, gaugeW)) + " " + text
	}
	var b []string
	if m.MasterFDs >= 0 && m.MasterFDLimit > 0 {
		b = append(b, gauge("fds", float64(m.MasterFDs), float64(m.MasterFDLimit), 0.8,
			fmt.Sprintf("master %d/%d · postfix %d in %d processes", m.MasterFDs, m.MasterFDLimit, m.PostfixFDs, m.PostfixProcs)))
	} else {
		b = append(b, fmt.Sprintf("fds  master unreadable · postfix %d in %d processes", m.PostfixFDs, m.PostfixProcs))
	}
	if m.FileNrMax > 0 && m.FileNrMax < 1<<40 {
		b = append(b, gauge("sys", float64(m.FileNrAllocated), float64(m.FileNrMax), 0.8, fmt.Sprintf("file handles %d/%d", m.FileNrAllocated, m.FileNrMax)))
	}
	if m.DiskTotal > 0 {
		used := float64(m.DiskTotal - m.DiskFree)
		line := gauge("disk", used, float64(m.DiskTotal), 0.9, fmt.Sprintf("%s: %s free of %s", clean(m.QueueDir), bytesHuman(m.DiskFree), bytesHuman(m.DiskTotal)))
		if r, w, ok := diskRates(c.Data.Load.History); ok {
			line += fmt.Sprintf(" · read %s/s write %s/s", bytesHuman(uint64(r)), bytesHuman(uint64(w)))
		}
		b = append(b, line)
	}
	return b
}

// diskRates is the queue device's read and write bytes per second between
// the last two readings.
func diskRates(h []sources.MachineReading) (float64, float64, bool) {
	if len(h) < 2 {
		return 0, 0, false
	}
	a, b := h[len(h)-2], h[len(h)-1]
	dt := b.Time.Sub(a.Time).Seconds()
	if dt <= 0 || b.DiskReads < a.DiskReads || b.DiskWrite < a.DiskWrite || b.DiskReads+b.DiskWrite == 0 {
		return 0, 0, false
	}
	return float64(b.DiskReads-a.DiskReads) / dt, float64(b.DiskWrite-a.DiskWrite) / dt, true
}
