package ui

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
	"mxtop/sources"
)

// paneBody is a pane's full content: fixed header lines, then body lines
// that scroll, and which body line is selected (-1 for none).
type paneBody struct {
	head     []string
	body     []string
	selected int
	// When lazy is set, the body has n lines drawn by lazy on demand: long
	// panes (destinations, log) draw only the rows that show.
	n    int
	lazy func(i int) string
}

func (b *paneBody) lines() int {
	if b.lazy != nil {
		return b.n
	}
	return len(b.body)
}

func (b *paneBody) line(i int) string {
	if b.lazy != nil {
		return b.lazy(i)
	}
	return b.body[i]
}

// all materialises every body line (snapshots).
func (b *paneBody) all() []string {
	out := make([]string, b.lines())
	for i := range out {
		out[i] = b.line(i)
	}
	return out
}

func clean(s string) string { return analyzers.SanitizeLine(s) }

// cellWidth is ansi.StringWidth with a fast path: the screen's lines are
// ASCII, SGR sequences and a few narrow symbols (box drawing, blocks, ·…▶●);
// anything else takes the full grapheme-aware measure.
func cellWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			// CSI: ESC [ params final-byte (0x40..0x7e).
			if i+1 < len(s) && s[i+1] == '[' {
				j := i + 2
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
				i = j + 1
				continue
			}
			return ansi.StringWidth(s)
		case c < 0x80:
			if c < 0x20 || c == 0x7f {
				return ansi.StringWidth(s)
			}
			n++
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrowSymbol(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size
		}
	}
	return n
}

func narrowSymbol(r rune) bool {
	return (r >= 0x2500 && r <= 0x259f) || r == 0xb7 || r == 0x2026 || r == 0x25b6 || r == 0x25cf ||
		(r >= 0x2190 && r <= 0x2193) || r == 0x2022
}

func padRight(s string, w int) string {
	n := cellWidth(s)
	if n >= w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-n)
}

func padLeft(s string, w int) string {
	n := cellWidth(s)
	if n >= w {
		return ansi.Truncate(s, w, "")
	}
	return strings.Repeat(" ", w-n) + s
}

// fit cuts or pads a styled line to exactly w cells.
func fit(s string, w int) string {
	if cellWidth(s) > w {
		return ansi.Truncate(s, w, "…")
	}
	return padRight(s, w)
}

// Matches reports whether text matches the filter (case-insensitive).
func Matches(filter string, texts ...string) bool {
	if filter == "" {
		return true
	}
	f := strings.ToLower(filter)
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), f) {
			return true
		}
	}
	return false
}

var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values with block characters, scaled to their maximum.
func Sparkline(vals []float64, width int) string {
	if width <= 0 {
		return ""
	}
	if len(vals) > width {
		vals = vals[len(vals)-width:]
	}
	hi, lo := 0.0, math.Inf(1)
	for _, v := range vals {
		hi = math.Max(hi, v)
		lo = math.Min(lo, v)
	}
	var b strings.Builder
	for i := len(vals); i < width; i++ {
		b.WriteRune(' ')
	}
	for _, v := range vals {
		switch {
		case hi == 0 || v <= 0:
			b.WriteRune(' ')
		case hi == lo:
			b.WriteRune(sparkRunes[3]) // flat: a level line, not a wall
		default:
			b.WriteRune(sparkRunes[int(v/hi*float64(len(sparkRunes)-1))])
		}
	}
	return b.String()
}

// Bar draws used of limit in width cells; over the limit it is full.
func Bar(used, limit, width int) string {
	if width < 3 {
		return ""
	}
	inner := width - 2
	fill := 0
	if limit > 0 {
		fill = int(math.Round(float64(used) / float64(limit) * float64(inner)))
	}
	if fill > inner {
		fill = inner
	}
	if used > 0 && fill == 0 {
		fill = 1
	}
	return "[" + strings.Repeat("#", fill) + strings.Repeat(".", inner-fill) + "]"
}

func human(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%.0fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}

func bytesHuman(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1fG", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0fM", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%dK", n/1024)
}

// FilteredDests applies the filter to the destination rows.
func FilteredDests(d *Data, filter string) []DestRow {
	var out []DestRow
	for _, r := range d.Dests {
		if Matches(filter, r.Domain, r.TopClass.String(), r.LastReply, r.Transport) {
			out = append(out, r)
		}
	}
	return out
}

func destPane(d *Data, v *ViewState, st Styles, w int) paneBody {
	rows := FilteredDests(d, v.Filter)
	sel := clampSel(v.Selected[PaneDest], len(rows))
	if v.Detail && len(rows) > 0 {
		return destDetail(rows[sel], d, st, w)
	}
	// Columns shrink with the pane; the reply column takes what is left.
	domW, numW, classW, sparkW, bounce := 22, 6, 16, 10, true
	if w < 90 {
		domW, numW, classW, sparkW, bounce = 18, 5, 12, 8, false
	}
	cols := domW + 2*(numW+1) + classW + 1 + 7 + sparkW + 1
	if bounce {
		cols += numW + 1
	}
	replyW := w - cols - 1
	hdr := padRight("domain", domW) + " " + padLeft("sent", numW) + " " + padLeft("defer", numW) + " "
	if bounce {
		hdr += padLeft("bounce", numW) + " "
	}
	hdr += padRight("class", classW) + " " + padLeft("err/m", 6) + " " + padRight("15 min", sparkW)
	if replyW > 4 {
		hdr += " " + padRight("last reply", replyW)
	}
	head := st.Header.Render(hdr)
	row := func(i int) string {
		if i == len(rows) {
			return st.Faint.Render(fmt.Sprintf("sorted by %s (o) · enter: detail", analyzers.SortKeyNames[d.SortKey]))
		}
		r := rows[i]
		class := r.TopClass.String()
		if r.Suspended > 0 {
			class += "!"
		}
		line := padRight(clean(r.Domain), domW) + " " + padLeft(human(r.Sent), numW) + " " + padLeft(human(r.Deferred), numW) + " "
		if bounce {
			line += padLeft(human(r.Bounced), numW) + " "
		}
		line += st.Class(r.TopClass).Render(padRight(class, classW)) + " " +
			padLeft(fmt.Sprintf("%.1f", r.Rate), 6) + " " + st.Err.Render(Sparkline(r.Spark, sparkW))
		if replyW > 4 {
			line += " " + st.Faint.Render(fit(clean(r.LastReply), replyW))
		}
		return line
	}
	if len(rows) == 0 {
		return paneBody{head: []string{head}, body: []string{st.Faint.Render("no deliveries yet")}, selected: -1}
	}
	return paneBody{head: []string{head}, n: len(rows) + 1, lazy: row, selected: sel}
}

func clampSel(sel, n int) int {
	if n == 0 {
		return 0
	}
	if sel >= n {
		return n - 1
	}
	if sel < 0 {
		return 0
	}
	return sel
}

func destDetail(r DestRow, d *Data, st Styles, w int) paneBody {
	var b []string
	add := func(s string) { b = append(b, s) }
	add(st.Title.Render(clean(r.Domain)) + st.Faint.Render("  (esc: back)"))
	add(fmt.Sprintf("sent %d · deferred %d · bounced %d · suspended %d · transport %s", r.Sent, r.Deferred, r.Bounced, r.Suspended, orDash(r.Transport)))
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
		add(fmt.Sprintf("  %s [%s]:%d  attempts %d, errors %d %s", clean(h.Host), h.IP, h.Port, h.Attempts, h.Errors, h.LastClass))
	}
	add(st.Header.Render("recent lines"))
	for _, l := range r.Recent {
		add("  " + st.Faint.Render(clean(l)))
	}
	if len(r.Snippet) > 0 {
		add(st.Header.Render("to throttle it (transport_maps and master.cf)"))
		for _, s := range r.Snippet {
			add("  " + st.Accent.Render(clean(s)))
		}
	}
	return paneBody{body: b, selected: -1}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func concPane(d *Data, v *ViewState, st Styles, w int) paneBody {
	nameW := 26
	barW := max(10, w-nameW-24)
	var body []string
	// Rows carry their kind in the name ("out", "svc", "in") rather than
	// under section titles, so a one-line pane still shows the busiest.
	section := func(kind string, rows []ConcRow) {
		for _, r := range rows {
			if !Matches(v.Filter, r.Name, r.Note) {
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
				note += " " + r.Note
			}
			body = append(body, st.Faint.Render(padRight(kind, 4))+padRight(clean(r.Name), nameW-4)+" "+style.Render(Bar(r.Used, r.Limit, barW))+
				fmt.Sprintf(" %3d/%-4s peak %d%s", r.Used, lim, r.Peak, note))
		}
	}
	section("out", d.Outbound)
	section("svc", d.Services)
	section("in", d.Inbound)
	if len(body) == 0 {
		body = []string{st.Faint.Render("no connections seen yet")}
	}
	return paneBody{body: body, selected: -1}
}

func loadPane(d *Data, v *ViewState, st Styles, w int) paneBody {
	m := d.Load.Machine
	if m == nil {
		return paneBody{body: []string{st.Faint.Render("no machine readings yet")}, selected: -1}
	}
	sparkW := max(8, w-46)
	var b []string
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
		line := gauge("disk", used, float64(m.DiskTotal), 0.9, fmt.Sprintf("%s: %s free of %s", m.QueueDir, bytesHuman(m.DiskFree), bytesHuman(m.DiskTotal)))
		if r, w, ok := diskRates(d.Load.History); ok {
			line += fmt.Sprintf(" · read %s/s write %s/s", bytesHuman(uint64(r)), bytesHuman(uint64(w)))
		}
		b = append(b, line)
	}
	for _, u := range m.Unreadable {
		b = append(b, st.Faint.Render("unreadable: "+u))
	}
	return paneBody{body: b, selected: -1}
}

func queuePane(d *Data, v *ViewState, st Styles, w int) paneBody {
	q := d.Queue.Snapshot
	if q == nil {
		return paneBody{body: []string{st.Faint.Render("no queue reading (see status bar)")}, selected: -1}
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
	labels := []string{"5", "10", "20", "40", "80", "160", "320", "640", "1280", "1280+"}
	cols := len(labels)
	if w < 100 {
		cols = 5 // compact: the youngest buckets, then the rest summed
	}
	for i := 0; i < cols; i++ {
		l := labels[i]
		if cols < len(labels) && i == cols-1 {
			l = labels[i] + "+"
		}
		hdr += padLeft(l, 6)
	}
	hdr += "  class"
	head = append(head, st.Header.Render(hdr))
	var body []string
	for _, dq := range q.Domains {
		if !Matches(v.Filter, dq.Domain, dq.TopClass().String()) {
			continue
		}
		line := padRight(clean(dq.Domain), domW) + padLeft(human(dq.Recipients), 6)
		for i := 0; i < cols; i++ {
			n := dq.Buckets[i]
			if cols < len(labels) && i == cols-1 {
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
	return paneBody{head: head, body: body, selected: -1}
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

func hintsPane(d *Data, v *ViewState, st Styles, w int) paneBody {
	hs := FilteredHints(d, v.Filter)
	sel := clampSel(v.Selected[PaneHints], len(hs))
	var body []string
	selLine := -1
	for i, h := range hs {
		if i == sel {
			selLine = len(body)
		}
		body = append(body, st.Severity(h.Severity).Render("● "+sevTag(h.Severity))+" "+clean(h.Title))
		if v.HintOpen && i == sel {
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
		body = []string{st.OK.Render("no hints: nothing calls for a change")}
	}
	return paneBody{body: body, selected: selLine}
}

func logPane(d *Data, v *ViewState, st Styles, w int) paneBody {
	entries := d.Log
	if v.Filter != "" {
		entries = nil
		for _, e := range d.Log {
			if Matches(v.Filter, e.Line, e.Class.String()) {
				entries = append(entries, e)
			}
		}
	}
	if len(entries) == 0 {
		return paneBody{body: []string{st.Faint.Render("no warnings or failed deliveries yet")}, selected: -2}
	}
	row := func(i int) string {
		e := entries[i]
		tag := e.Class.String()
		if tag == "" {
			tag = e.Sev.String()
		}
		return st.Class(e.Class).Render(padRight(tag, 16)) + " " + clean(e.Line)
	}
	// The log follows its tail unless the user scrolled.
	return paneBody{n: len(entries), lazy: row, selected: -2}
}

// PaneContent renders a pane's full content (for snapshots: every line,
// not only what fits).
func PaneContent(p Pane, d *Data, v *ViewState, st Styles, w int) []string {
	b := paneFor(p, d, v, st, w)
	return append(append([]string{}, b.head...), b.all()...)
}

func paneFor(p Pane, d *Data, v *ViewState, st Styles, w int) paneBody {
	switch p {
	case PaneDest:
		return destPane(d, v, st, w)
	case PaneConc:
		return concPane(d, v, st, w)
	case PaneLoad:
		return loadPane(d, v, st, w)
	case PaneQueue:
		return queuePane(d, v, st, w)
	case PaneHints:
		return hintsPane(d, v, st, w)
	}
	return logPane(d, v, st, w)
}

// window picks the body lines shown in n rows: around the selection, at the
// user's scroll offset, or (selected -2) at the tail.
func window(b paneBody, n, scroll int) []string {
	total := b.lines()
	if n <= 0 {
		return nil
	}
	start := 0
	if total > n {
		start = scroll
		switch {
		case b.selected >= 0:
			if b.selected < start {
				start = b.selected
			}
			if b.selected >= start+n {
				start = b.selected - n + 1
			}
		case b.selected == -2:
			start = total - n - scroll
		}
		start = max(0, min(start, total-n))
	}
	out := make([]string, 0, min(n, total))
	for i := start; i < total && i < start+n; i++ {
		out = append(out, b.line(i))
	}
	return out
}

// frame draws a pane with a border and title into exactly w×h cells.
func frame(p Pane, focused bool, title string, w, h int, lines []string, st Styles) []string {
	bs := st.Border
	ts := st.Title
	if focused {
		bs, ts = st.Focus, st.Focus
	}
	mark := ""
	if focused {
		mark = "▶ "
	}
	t := fmt.Sprintf(" %s%d %s ", mark, p+1, title)
	top := bs.Render("┌") + ts.Render(ansi.Truncate(t, w-2, "")) + bs.Render(strings.Repeat("─", max(0, w-2-ansi.StringWidth(ansi.Truncate(t, w-2, ""))))+"┐")
	out := []string{top}
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		out = append(out, bs.Render("│")+fit(line, w-2)+bs.Render("│"))
	}
	return append(out, bs.Render("└"+strings.Repeat("─", w-2)+"┘"))
}

func renderPane(r Rect, d *Data, v *ViewState, st Styles) []string {
	inner := r.W - 2
	b := paneFor(r.Pane, d, v, st, inner)
	rows := r.H - 2
	lines := append([]string{}, b.head...)
	if len(lines) > rows {
		lines = lines[:rows]
	}
	lines = append(lines, window(b, rows-len(lines), v.Scroll[r.Pane])...)
	if r.Pane == PaneDest || r.Pane == PaneHints {
		// Highlight the selected row when the pane has focus.
		if b.selected >= 0 && v.Focus == r.Pane {
			target := b.line(b.selected)
			for i := len(b.head); i < len(lines); i++ {
				if lines[i] == target {
					lines[i] = st.Select.Render(ansi.Strip(fit(target, inner)))
					break
				}
			}
		}
	}
	title := PaneNames[r.Pane]
	if r.Pane == PaneConc && len(d.Outbound) > 0 && d.Outbound[0].Estimate {
		title += " (outbound estimated from the log)"
	}
	return frame(r.Pane, v.Focus == r.Pane, title, r.W, r.H, lines, st)
}

// StatusBar is the bottom line: sources, rate, version, pause, snapshot.
func StatusBar(d *Data, v *ViewState, st Styles, w int) string {
	if v.Filtering {
		return fit(st.Accent.Render("filter: ")+v.FilterInput+"█"+st.Faint.Render("  (enter apply · esc cancel)"), w)
	}
	var parts []string
	if v.Paused {
		parts = append(parts, st.Flash.Render(fmt.Sprintf("PAUSED · %d new", v.PausedNew)))
	}
	if v.Flash != "" {
		parts = append(parts, st.Flash.Render(v.Flash))
	}
	for _, s := range d.States {
		label := s.Source
		if s.Health != sources.HealthOK {
			label += " " + s.Health.String()
		} else if s.Source == "log" {
			label = s.Detail
		}
		parts = append(parts, st.Health(s.Health).Render(clean(label)))
	}
	if p := d.Progress; p != nil && !p.Finished && p.Total > 0 {
		parts = append(parts, "backlog "+Bar(int(p.Done/1024), int(p.Total/1024), 12))
	}
	parts = append(parts, fmt.Sprintf("%.0f ev/s", d.EventsPerSec))
	if d.Version != "" {
		parts = append(parts, "Postfix "+d.Version)
	}
	if d.Dropped > 0 {
		parts = append(parts, st.Err.Render(fmt.Sprintf("%d dropped", d.Dropped)))
	}
	if v.Filter != "" {
		parts = append(parts, st.Accent.Render("filter: "+v.Filter))
	}
	if v.SnapshotPath != "" && v.Flash == "" {
		parts = append(parts, "snapshot "+v.SnapshotPath)
	}
	parts = append(parts, st.Faint.Render("? help"))
	return fit(strings.Join(parts, st.Faint.Render(" │ ")), w)
}

// Render draws the whole screen, exactly v.Width × v.Height.
func Render(d *Data, v *ViewState, st Styles, keys KeyMap) string {
	w, h := v.Width, v.Height
	if w < MinWidth || h < MinHeight {
		return TooSmall(w, h)
	}
	grid := make([]string, h-1)
	if v.Help {
		lines := append([]string{st.Title.Render("mxtop keys") + st.Faint.Render("  (any key closes)"), ""}, HelpText(keys)...)
		lines = append(lines, "", st.Title.Render("sources"))
		for _, s := range d.States {
			lines = append(lines, st.Health(s.Health).Render(padRight(s.Source, 9)+padRight(s.Health.String(), 12))+clean(s.Detail))
		}
		f := frame(PaneHints, true, "Help", w, h-1, lines, st)
		return strings.Join(append(f, StatusBar(d, v, st, w)), "\n")
	}
	rects, _ := Layout(w, h-1, v.Visible, v.Focus, v.Zoom)
	if len(rects) == 0 {
		for i := range grid {
			grid[i] = strings.Repeat(" ", w)
		}
		grid[0] = fit(st.Faint.Render("all panes hidden: press 1-6"), w)
	}
	// Compose columns: each rect writes its lines into the grid rows.
	rowParts := make([][]struct {
		x int
		s string
	}, h-1)
	for _, r := range rects {
		for i, l := range renderPane(r, d, v, st) {
			y := r.Y + i
			if y < len(rowParts) {
				rowParts[y] = append(rowParts[y], struct {
					x int
					s string
				}{r.X, l})
			}
		}
	}
	for y := range rowParts {
		if len(rowParts[y]) == 0 {
			if grid[y] == "" {
				grid[y] = strings.Repeat(" ", w)
			}
			continue
		}
		parts := rowParts[y]
		sort.Slice(parts, func(i, j int) bool { return parts[i].x < parts[j].x })
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p.s)
		}
		grid[y] = fit(b.String(), w)
	}
	return strings.Join(append(grid, StatusBar(d, v, st, w)), "\n")
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
