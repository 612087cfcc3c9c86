package analyzers

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"mxtop/sources"
)

// reportFormat is what differs between the plain-text and the Markdown
// report; the sections are written once, in writeSections.
type reportFormat interface {
	title(b *strings.Builder)
	heading(b *strings.Builder, title string)
	// paragraph ends a block of prose lines (Markdown needs a blank line
	// before a list or a table).
	paragraph(b *strings.Builder)
	bullet() string
	// text is a value from the log or the host (a domain, a reply, a
	// version) as prose; code the same as inline code.
	text(s string) string
	code(s string) string
	hint(b *strings.Builder, n int, h Hint)
	table(b *strings.Builder, head []string, rows [][]string)
}

// WriteText prints the report for a terminal or a mail (plain text).
func (r *Report) WriteText(w io.Writer) error { return r.write(w, textFormat{}) }

// WriteMarkdown prints the report as Markdown.
func (r *Report) WriteMarkdown(w io.Writer) error { return r.write(w, mdFormat{}) }

func (r *Report) write(w io.Writer, f reportFormat) error {
	b := &strings.Builder{}
	r.writeSections(b, f)
	_, err := io.WriteString(w, Sanitize(b.String()))
	return err
}

func (r *Report) writeSections(b *strings.Builder, f reportFormat) {
	f.title(b)
	r.writeSummary(b, f)
	r.writeHints(b, f)
	r.writeTotals(b, f)
	r.writeDestinations(b, f)
	r.writeInbound(b, f)
	r.writeQueue(b, f)
	r.writeUpgrade(b, f)
	r.writeVersions(b, f)
	r.writeConfig(b, f)
}

func (r *Report) writeSummary(b *strings.Builder, f reportFormat) {
	from, to := "-", "-"
	if r.Window.From != nil {
		from, to = r.Window.From.Format(time.RFC3339), r.Window.To.Format(time.RFC3339)
	}
	fmt.Fprintf(b, "window: %s to %s; %d lines, %d Postfix, %d unreadable", from, to, r.Lines.Total, r.Lines.Postfix, r.Lines.Invalid)
	if r.Lines.Reversed {
		b.WriteString("; the log runs newest first: read last line first, in time order")
	} else if r.Lines.Backward > 0 {
		// Standard input or a FIFO, read once.
		fmt.Fprintf(b, "; the log runs newest first (its time stepped back %d times): the window, rates and concurrency estimates assume the oldest first, so reverse it (tac FILE, for one record a line) and read it again from a file, which mxtop reads last line first", r.Lines.Backward)
	}
	if r.Lines.Ahead > 0 {
		fmt.Fprintf(b, ", %d dated more than a day after now (a clock ahead? left out of the window)", r.Lines.Ahead)
	}
	b.WriteString("\n")
	if len(r.Hosts) > 1 {
		fmt.Fprintf(b, "hosts: %s: this log holds several hosts' lines, and their counts, concurrency and hints are of them together (one host's lines, grep ' HOST postfix', give its own report)\n", f.text(strings.Join(r.Hosts, ", ")))
	}
	if r.Lines.Failed > 0 {
		fmt.Fprintf(b, "%d lines failed (mxtop itself failed on them); the first: %s, on %s\n", r.Lines.Failed, f.text(r.Lines.FailedReason), f.code(r.Lines.FailedLine))
	}
	if h := r.HintFailures; h != nil {
		fmt.Fprintf(b, "hint evaluation failed %d times; the first: %s\n", h.Count, f.text(h.Reason))
	}
	f.paragraph(b)
	if r.Postfix.Version != "" {
		fmt.Fprintf(b, "Postfix %s\n", f.text(r.Postfix.Version))
	}
	for _, s := range r.Sources {
		fmt.Fprintf(b, "%s%s: %s %s\n", f.bullet(), f.text(s.Source), f.text(s.Health), f.text(s.Detail))
	}
}

func (r *Report) writeHints(b *strings.Builder, f reportFormat) {
	f.heading(b, "Hints")
	switch {
	case len(r.Hints) > 0:
	case r.Unread():
		b.WriteString("none: no line of this log could be read, so nothing was judged (the log's source above says what it holds)\n")
	default:
		b.WriteString("none: nothing in this log calls for a change\n")
	}
	if len(r.Hints) > 0 && r.Container != "" {
		if r.ContainerNetwork == "host" {
			fmt.Fprintf(b, "Postfix runs in container %s: the commands on Postfix and its files run in it from this host (docker exec); the others are this host's, the network's too (the container shares this host's network)\n", f.text(r.Container))
		} else {
			fmt.Fprintf(b, "Postfix runs in container %s: the commands on Postfix and its files run in it from this host (docker exec), and so do those that read the network, the container's own; the others are this host's\n", f.text(r.Container))
		}
		f.paragraph(b)
	}
	for i, h := range r.Hints {
		f.hint(b, i+1, h)
	}
}

func (r *Report) writeDestinations(b *strings.Builder, f reportFormat) {
	f.heading(b, "Destinations")
	if len(r.Destinations) == 0 {
		b.WriteString("no deliveries in this log\n")
		return
	}
	var rows [][]string
	for _, d := range r.Destinations {
		top, last := "", ""
		best := 0
		for c, n := range d.Classes {
			if n > best || n == best && c < top {
				top, best = c, n
			}
		}
		if d.LastError != nil {
			last = clip(d.LastError.Text, 70)
		}
		rows = append(rows, []string{clipWidth(d.Domain, domainColumn), fmt.Sprint(d.Sent), fmt.Sprint(d.Deferred), fmt.Sprint(d.Bounced), top, fmt.Sprintf("%.1f", d.ErrorsPerMin[1]), last})
	}
	sum := func(label string, c DestCounts) []string {
		return []string{label, fmt.Sprint(c.Sent), fmt.Sprint(c.Deferred), fmt.Sprint(c.Bounced), "", "", ""}
	}
	if o := r.DestSummary.Others; o.Destinations > 0 {
		rows = append(rows, sum(fmt.Sprintf("(%d more)", o.Destinations), o))
	}
	rows = append(rows, sum(fmt.Sprintf("total (%d)", r.DestSummary.Total.Destinations), r.DestSummary.Total))
	f.table(b, []string{"domain", "sent", "deferred", "bounced", "top class", "err/min(5)", "last error"}, rows)
	b.WriteString("\nerr/min(5): errors (deferrals, bounces, failed connections) per minute\nover the 5 minutes before the log's last line.\n")
}

func (r *Report) writeTotals(b *strings.Builder, f reportFormat) {
	t := r.Totals
	f.heading(b, "Totals")
	fmt.Fprintf(b, "%sreceived %d, delivered %d, forwarded %d\n", f.bullet(), t.Received, t.Delivered, t.Forwarded)
	fmt.Fprintf(b, "%sdeferred %d messages (%d deferrals), bounced %d, expired %d\n", f.bullet(), t.Deferred, t.Deferrals, t.Bounced, t.Expired)
	fmt.Fprintf(b, "%srejected %d (%.1f%%), discarded %d\n", f.bullet(), t.Rejected, t.RejectedPct, t.Discarded)
	fmt.Fprintf(b, "%sbytes received %s, delivered %s\n", f.bullet(), humanBytes(t.BytesReceived), humanBytes(t.BytesDelivered))
	if t.MsgsForgotten > 0 {
		fmt.Fprintf(b, "%s%d messages in flight were forgotten to bound memory: deferred messages and bytes are approximate\n", f.bullet(), t.MsgsForgotten)
	}
	if len(r.Hourly) > 0 {
		per := (len(r.Hourly) + sparkWidth - 1) / sparkWidth
		unit := "hour"
		if per > 1 {
			unit = fmt.Sprintf("%d hours", per)
		}
		fmt.Fprintf(b, "\nper %s from %s (UTC), and the most in one:\n", unit, r.Hourly[0].Start.Format("2006-01-02 15:04"))
		f.paragraph(b)
		for _, s := range []struct {
			name string
			n    func(h HourCounts) int
		}{
			{"received", func(h HourCounts) int { return h.Received }},
			{"delivered", func(h HourCounts) int { return h.Delivered }},
			{"deferred", func(h HourCounts) int { return h.Deferred }},
			{"bounced", func(h HourCounts) int { return h.Bounced }},
			{"rejected", func(h HourCounts) int { return h.Rejected }},
		} {
			line, top := sparkline(r.Hourly, per, s.n)
			fmt.Fprintf(b, "%s%-9s %s %d\n", f.bullet(), s.name, f.code(line), top)
		}
	}
	if len(r.Rejects) > 0 {
		b.WriteString("\n")
		var rows [][]string
		for i, rc := range r.Rejects {
			if i == maxRejectRows && len(r.Rejects) > maxRejectRows+1 {
				n := 0
				for _, rc := range r.Rejects[i:] {
					n += rc.Count
				}
				rows = append(rows, []string{fmt.Sprintf("(%d more reasons)", len(r.Rejects)-i), fmt.Sprint(n)})
				break
			}
			rows = append(rows, []string{rc.Reason, fmt.Sprint(rc.Count)})
		}
		f.table(b, []string{"rejected for", "count"}, rows)
	}
}

const (
	sparkWidth    = 48 // marks at most; longer windows put several hours in one
	maxRejectRows = 15
)

var sparkMarks = []rune("▁▂▃▄▅▆▇█")

// sparkline draws one mark per group of per hours, '·' for none, and
// returns the largest group's count.
func sparkline(hours []HourCounts, per int, n func(HourCounts) int) (string, int) {
	var groups []int
	for i := 0; i < len(hours); i += per {
		s := 0
		for _, h := range hours[i:min(i+per, len(hours))] {
			s += n(h)
		}
		groups = append(groups, s)
	}
	top := 0
	for _, g := range groups {
		top = max(top, g)
	}
	var b strings.Builder
	for _, g := range groups {
		if g == 0 {
			b.WriteRune('·')
			continue
		}
		b.WriteRune(sparkMarks[(g*len(sparkMarks)-1)/top])
	}
	return b.String(), top
}

// humanBytes prints a byte count in binary units.
func humanBytes(n int64) string {
	const units = "KMGTPE"
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	v, i := float64(n)/1024, 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return fmt.Sprintf("%.1f %ciB", v, units[i])
}

func (r *Report) writeInbound(b *strings.Builder, f reportFormat) {
	f.heading(b, "Inbound")
	if len(r.Inbound.Services) == 0 && len(r.Inbound.Anvil) == 0 {
		b.WriteString("no inbound limits hit\n")
		return
	}
	var rows [][]string
	for _, s := range r.Inbound.Services {
		rows = append(rows, []string{s.Service, fmt.Sprint(s.ConnLimit), fmt.Sprint(s.RateLimit), fmt.Sprint(s.Postscreen), fmt.Sprint(s.PortsBusy), fmt.Sprint(s.ProcessLimit), strings.Join(s.Clients, " ")})
	}
	f.table(b, []string{"service", "conn limit", "rate limit", "postscreen", "ports busy", "process limit", "top clients"}, rows)
	for _, a := range r.Inbound.Anvil {
		fmt.Fprintf(b, "%sanvil: max %s %d for %s on %s\n", f.bullet(), f.text(a.Kind), a.Value, f.text(a.Client), f.text(a.Service))
	}
}

func (r *Report) writeQueue(b *strings.Builder, f reportFormat) {
	q := r.Queue
	if q == nil {
		return
	}
	f.heading(b, "Queue")
	if !q.Read() {
		b.WriteString("not read; qmgr's clog warnings in the log:\n")
		f.paragraph(b)
		for _, c := range q.Clog {
			fmt.Fprintf(b, "%s%s\n", f.bullet(), f.text(c))
		}
		return
	}
	parts := []string{}
	for _, name := range sources.QueueNames {
		parts = append(parts, fmt.Sprintf("%s %d", name, q.Queues[name].Messages))
	}
	fmt.Fprintf(b, "%s (%s at %s)\n", strings.Join(parts, ", "), f.text(q.Command), q.Time.UTC().Format(time.RFC3339))
	f.paragraph(b)
	if len(q.TopDeferred) > 0 {
		var rows [][]string
		for _, d := range q.TopDeferred {
			cells := []string{d.Domain, fmt.Sprint(d.Recipients)}
			for _, a := range d.Ages {
				cells = append(cells, fmt.Sprint(a))
			}
			rows = append(rows, append(cells, d.TopClass))
		}
		f.table(b, []string{"queued domain", "rcpts", "<5m", "<10m", "<20m", "<40m", "<80m", "<160m", "<320m", "<640m", "<1280m", "1280m+", "class"}, rows)
	}
	for _, c := range q.Clog {
		fmt.Fprintf(b, "%s%s\n", f.bullet(), f.text(c))
	}
}

func (r *Report) writeUpgrade(b *strings.Builder, f reportFormat) {
	u := r.Upgrade
	if u == nil {
		return
	}
	f.heading(b, "Upgrade")
	if u.ChangedAt != nil {
		fmt.Fprintf(b, "Postfix %s → %s at %s\n", f.text(u.From), f.text(u.To), u.ChangedAt.Format(time.RFC3339))
		f.paragraph(b)
		for _, c := range u.Classes {
			fmt.Fprintf(b, "%s%s: %.2f/min before, %.2f/min after\n", f.bullet(), f.text(c.Class), c.BeforeRate, c.AfterRate)
		}
	}
	var ps []string
	for p := range u.Compat {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	for _, p := range ps {
		fmt.Fprintf(b, "%sbackwards-compatible default: %s (%d)\n", f.bullet(), f.text(p), u.Compat[p])
	}
}

func (r *Report) writeVersions(b *strings.Builder, f reportFormat) {
	if len(r.Postfix.Versions) == 0 {
		return
	}
	f.heading(b, "Versions")
	for _, v := range r.Postfix.Versions {
		kind := "started"
		if v.Reload {
			kind = "reloaded"
		}
		fmt.Fprintf(b, "%s%s %s at %s\n", f.bullet(), f.text(v.Version), kind, v.FirstSeen.UTC().Format(time.RFC3339))
	}
}

// longDefault is how much of a default value the text and Markdown
// reports show.
const longDefault = 100

func (r *Report) writeConfig(b *strings.Builder, f reportFormat) {
	c := r.Config
	if c == nil {
		return
	}
	f.heading(b, "Configuration")
	fmt.Fprintf(b, "from %s\n", f.text(c.Source))
	f.paragraph(b)
	for _, p := range c.Parameters {
		mark, value := "", p.Value
		switch {
		case p.Explicit:
			mark = " (set)"
		case utf8.RuneCountInString(value) > longDefault:
			// A default such as proxy_read_maps' runs to hundreds of
			// characters: the report says where to see it whole.
			value, mark = clip(value, longDefault), " (postconf -d "+f.text(p.Name)+")"
		}
		// A value is main.cf's syntax ($name, {...}), quoted as code.
		if value != "" {
			value = f.code(value)
		}
		fmt.Fprintf(b, "%s%s = %s%s\n", f.bullet(), f.text(p.Name), value, mark)
	}
}

// textFormat is plain text for a terminal or a mail: upper-case
// underlined headings, aligned columns.
type textFormat struct{}

func (textFormat) title(b *strings.Builder) { b.WriteString("mxtop report\n") }

func (textFormat) heading(b *strings.Builder, title string) {
	fmt.Fprintf(b, "\n%s\n%s\n", strings.ToUpper(title), strings.Repeat("-", len(title)))
}

func (textFormat) paragraph(*strings.Builder) {}

func (textFormat) bullet() string { return "  " }

func (textFormat) text(s string) string { return s }

func (textFormat) code(s string) string { return s }

func (textFormat) hint(b *strings.Builder, n int, h Hint) {
	fmt.Fprintf(b, "%d. [%s] %s (%s)\n", n, strings.ToUpper(h.Severity.String()), h.Title, h.ID)
	item := func(label, s string) { fmt.Fprintf(b, "     %-8s %s\n", label+":", s) }
	for _, ev := range h.Evidence {
		item("evidence", ev)
	}
	for _, s := range h.Samples {
		item("log", s)
	}
	// "run" marks a command to paste as it stands, "do" a step in words.
	for _, a := range h.ActionSteps() {
		if a.Command {
			item("run", a.Text)
		} else {
			item("do", a.Text)
		}
	}
	for _, c := range h.Cautions {
		item("caution", c)
	}
}

// table aligns the columns by the cells' width on a terminal (a CJK
// character takes two columns); the last one is not padded.
func (textFormat) table(b *strings.Builder, head []string, rows [][]string) {
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = uniseg.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], uniseg.StringWidth(c))
			}
		}
	}
	line := func(cells []string) {
		for i, c := range cells {
			if i == len(cells)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(c + strings.Repeat(" ", widths[i]-uniseg.StringWidth(c)+2))
			}
		}
		b.WriteString("\n")
	}
	line(head)
	for _, r := range rows {
		line(r)
	}
}

// mdFormat is GitHub-flavoured Markdown.
type mdFormat struct{}

func (mdFormat) title(b *strings.Builder) { b.WriteString("# mxtop report\n\n") }

func (mdFormat) heading(b *strings.Builder, title string) { fmt.Fprintf(b, "\n## %s\n\n", title) }

func (mdFormat) paragraph(b *strings.Builder) { b.WriteString("\n") }

func (mdFormat) bullet() string { return "- " }

func (mdFormat) text(s string) string { return mdText(s) }

func (mdFormat) code(s string) string { return mdCode(s) }

func (mdFormat) hint(b *strings.Builder, n int, h Hint) { WriteMarkdownHint(b, n, h) }

// WriteMarkdownHint writes hint h, numbered n, as the Markdown report does:
// the report and the screen's snapshot share it.
func WriteMarkdownHint(b *strings.Builder, n int, h Hint) {
	// Titles, evidence and cautions quote the log (replies, domains),
	// which a sender chooses: as text, never as Markdown.
	fmt.Fprintf(b, "### %d. [%s] %s (%s)\n\n", n, h.Severity, mdText(h.Title), mdCode(h.ID))
	for _, ev := range h.Evidence {
		fmt.Fprintf(b, "- evidence: %s\n", mdText(ev))
	}
	for _, s := range h.Samples {
		fmt.Fprintf(b, "- log: %s\n", mdCode(s))
	}
	writeMarkdownActions(b, h.ActionSteps())
	for _, c := range h.Cautions {
		fmt.Fprintf(b, "- caution: %s\n", mdText(c))
	}
	b.WriteString("\n")
}

func (mdFormat) table(b *strings.Builder, head []string, rows [][]string) {
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
	for range head {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range rows {
		for i := range r {
			r[i] = mdText(r[i])
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	b.WriteString("\n")
}

// writeMarkdownActions writes a hint's actions as Markdown: each run of
// commands as one sh block, which an admin may paste into a shell whole,
// and each sentence as a "do:" item of text, never inside a block.
func writeMarkdownActions(b *strings.Builder, acts []Action) {
	for i := 0; i < len(acts); {
		if !acts[i].Command {
			fmt.Fprintf(b, "- do: %s\n", mdText(acts[i].Text))
			i++
			continue
		}
		j := i
		for j < len(acts) && acts[j].Command {
			j++
		}
		block := strings.Join(texts(acts[i:j]), "\n")
		fence := mdFence(block)
		b.WriteString("\n" + fence + "sh\n" + block + "\n" + fence + "\n\n")
		i = j
	}
}

// mdFence is a code fence longer than any run of backquotes in s, which
// would otherwise end the block early.
func mdFence(s string) string { return strings.Repeat("`", max(3, longestBackquotes(s)+1)) }

// MarkdownBlock is body as a fenced code block, its fence longer than any
// run of backquotes in it: log text cannot end the block and be read as
// Markdown.
func MarkdownBlock(body string) string {
	body = strings.TrimSuffix(Sanitize(body), "\n")
	fence := mdFence(body)
	if body == "" {
		return fence + "\n" + fence + "\n"
	}
	return fence + "\n" + body + "\n" + fence + "\n"
}

// MarkdownText is s set as Markdown prose that renders as the text itself.
func MarkdownText(s string) string { return mdText(s) }

// longestBackquotes is the longest run of backquotes in s.
func longestBackquotes(s string) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// mdText makes a value that the log or the host supplies inert as
// Markdown prose: whatever a sender puts in a domain or a reply reads as
// the text it is, never as a link, an image, HTML, emphasis, math, a table
// cell or a block of its own. Every character that could start one is
// backslash-escaped; < and & become entities (a <user@example> would vanish
// as an unknown tag); a line break becomes a space (a new line could open
// a heading or a list); "://" and "www." lose what the autolink extension
// looks for. An underscore inside a word cannot emphasise and stays, so
// parameter names read as they are.
func mdText(s string) string {
	s = mdOneLine(s)
	if !strings.ContainsAny(s, mdActive) && !strings.Contains(s, "://") && !hasWWW(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<':
			b.WriteString("&lt;")
		case c == '&':
			b.WriteString("&amp;")
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// one space for CRLF, as for LF
		case c == '\n' || c == '\r':
			b.WriteByte(' ')
		case c == '_' && i > 0 && i+1 < len(s) && mdAlnum(s[i-1]) && mdAlnum(s[i+1]):
			b.WriteByte(c)
		case strings.IndexByte(mdActive, c) >= 0,
			c == ':' && strings.HasPrefix(s[i+1:], "//"),
			c == '.' && wwwAt(s, i-3):
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// mdActive are the characters mdText escapes or replaces wherever they are.
const mdActive = "\\`*_[]!|~$<&\n\r"

// wwwAt reports whether s holds "www." (any case) at i, at the start of
// a word: what the autolink extension makes a link of.
func wwwAt(s string, i int) bool {
	return i >= 0 && i+4 <= len(s) && strings.EqualFold(s[i:i+4], "www.") && (i == 0 || !mdAlnum(s[i-1]))
}

// hasWWW reports whether s holds "www." anywhere wwwAt sees it.
func hasWWW(s string) bool {
	for i := strings.Index(s, "."); i >= 0; {
		if wwwAt(s, i-3) {
			return true
		}
		j := strings.Index(s[i+1:], ".")
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// mdAlnum is an ASCII letter or digit: an underscore between two of them
// can neither open nor close emphasis (CommonMark's flanking rules; other
// neighbours, punctuation past ASCII among them, can).
func mdAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// mdCode quotes s as inline code. CommonMark ends a code span only at a
// run of exactly as many backquotes as opened it, so the fence is one
// longer than the longest run in s, with a space inside it when s starts
// or ends with a backquote (or with spaces at both ends, which a renderer
// strips one of). A line break becomes a space: a new line could open a
// block before the span is read.
func mdCode(s string) string {
	s = mdOneLine(s)
	if s == "" {
		return "` `"
	}
	fence := strings.Repeat("`", longestBackquotes(s)+1)
	if s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' && s[len(s)-1] == ' ' {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdOneLine is s on one line (a line break, CRLF included, becomes a
// space), sanitized: what Sanitize shows for a control character ("^["
// for ESC, "^\\" for 0x1c) is then escaped or fenced with the rest,
// instead of turning into a link's bracket or an escape of the next mark
// after mdText and mdCode have run.
func mdOneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return Sanitize(s)
}

// domainColumn is the widest a domain may make the text report's table:
// a sender chooses the domains that bounce back.
const domainColumn = 48

// clipWidth cuts s to at most n columns on a terminal, ending in "…" when
// it cuts.
func clipWidth(s string, n int) string {
	if uniseg.StringWidth(s) <= n {
		return s
	}
	w := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > n-1 {
			from, _ := g.Positions()
			return s[:from] + "…"
		}
		w += g.Width()
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s // no rune slice for what fits, as most texts do
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
