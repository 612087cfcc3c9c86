package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
	"mxtop/sources"
)

// clean makes log text fit for the screen: the sanitiser takes out what a
// terminal acts on, then steadyText what terminals draw at another width
// than the layout measured.
func clean(s string) string { return steadyText(analyzers.SanitizeLine(s)) }

// steadyText replaces with U+FFFD each character cluster that the layout
// (grapheme widths), Bubble Tea's renderer (wcwidth, unless the terminal
// does grapheme clustering) and terminals may measure differently: format
// characters (soft hyphen, zero-width joiners and spaces, tags), line and
// paragraph separators, private-use and unassigned code points, clusters
// the two measures disagree on (emoji sequences, VS16, conjoining jamo)
// and clusters that draw nothing (a lone combining mark, which would join
// the cell beside it). One of them would shift the rest of its line on
// the terminal: columns out of line, the pane's border pushed out, and
// at the screen's last cell a scroll. Log text is attacker-controlled.
func steadyText(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	// The cluster of a non-ASCII rune may start at the character before.
	i = max(0, i-1)
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for rest := s[i:]; rest != ""; {
		cluster, w := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		if cluster == "" {
			break
		}
		rest = rest[len(cluster):]
		if len(cluster) == 1 || steadyCluster(cluster, w) {
			b.WriteString(cluster)
		} else {
			b.WriteRune(utf8.RuneError)
		}
	}
	return b.String()
}

func steadyCluster(c string, w int) bool {
	if w == 0 || ansi.StringWidthWc(c) != w {
		return false
	}
	for _, r := range c {
		if !unicode.IsGraphic(r) {
			return false
		}
	}
	return true
}

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

// CutLeft is s made safe for the terminal and, when wider than w cells,
// cut from the left behind "…": the end of a path (the file's name) is
// what stays.
func CutLeft(s string, w int) string {
	s = clean(s)
	if n := cellWidth(s); n > w {
		return ansi.TruncateLeft(s, n-w+1, "…")
	}
	return s
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

// StatusBar is the bottom line: sources, rate, version, pause, snapshot.
// When it is wider than the screen, the parts that matter least go first
// (a healthy source's bare name, then the snapshot's path, the version,
// the rate, the log's own line), so that a narrow screen still shows the
// filter, a pause, a flash, lost or failed lines, an unhealthy source and
// "? help". For a flash's few seconds an unhealthy source's label and an
// ended log's note give way to it; then the note, then a flash, is cut at
// its end or left out, and "? help" always ends the bar.
func StatusBar(d *Data, v *ViewState, st Styles, w int) string {
	if v.Filtering {
		return fit(st.Accent.Render("filter: ")+clean(v.FilterInput)+"█"+st.Faint.Render("  (enter apply · esc cancel)"), w)
	}
	// rank: 0 always shown, higher ranks dropped first. A part with keep
	// set is prose (plain, drawn with style) that is cut, to no fewer than
	// keep cells, or else left out, when what is always shown does not fit.
	type part struct {
		text  string
		rank  int
		plain string
		style lipgloss.Style
		keep  int
		head  int  // bytes of plain kept when it is cut from the left
		early bool // cut before the other prose
	}
	var parts []part
	add := func(rank int, text string) { parts = append(parts, part{text: text, rank: rank}) }
	prose := func(rank int, style lipgloss.Style, plain string, keep int) {
		parts = append(parts, part{text: style.Render(plain), rank: rank, plain: plain, style: style, keep: keep})
	}
	if v.ReadOnly {
		add(0, st.Accent.Render("READ-ONLY"))
	}
	if v.Paused {
		add(0, st.Flash.Render(fmt.Sprintf("PAUSED · %d new", v.PausedNew)))
	}
	if !d.LogEnded.IsZero() {
		// A flash answers the key just pressed, for a few seconds: on a
		// narrow screen the note that stays gives way to it.
		rank := 0
		if v.Flash != "" {
			rank = 1
		}
		// Cut first: "log ended 2 d ago" says the most of it.
		prose(rank, st.Warn, logEndedNote(d.LogEnded, d.LogEndedAgo, w), 18)
	}
	if v.Flash != "" {
		// A flash may quote a source's state or an error: outside text.
		prose(0, st.Flash, clean(v.Flash), 12)
		if f := clean(v.Flash); v.FlashHead > 0 && v.FlashHead <= len(f) && f[:v.FlashHead] == v.Flash[:v.FlashHead] {
			parts[len(parts)-1].head = v.FlashHead
		}
	}
	if !v.Help && v.Confirm == nil {
		// Panes left out of a short screen are named, so that the admin
		// knows to enlarge it or press one's key; on a narrow bar cut
		// (to the first key at least) rather than left out.
		var names []string
		for _, p := range LeftOut(v.Width, v.Height-1, v.Visible, v.Focus, v.Zoom) {
			names = append(names, fmt.Sprintf("%d %s", p+1, PaneName(p)))
		}
		if names != nil {
			prose(0, lipgloss.NewStyle(), "hidden: "+strings.Join(names, ", "), len("hidden: 3"))
			parts[len(parts)-1].early = true
		}
	}
	for _, s := range d.States {
		if slices.Contains(d.LeftOut, s.Source) {
			continue
		}
		label, rank := s.Source, 0
		switch {
		case s.Health != sources.HealthOK:
			label += " " + s.Health.String()
			if v.Flash != "" {
				// As the log's note does, a state that stays gives way to a
				// flash on a narrow screen, and comes back when it goes.
				rank = 1
			}
		case s.Source == "log":
			label, rank = s.Detail, 2
		default:
			rank = healthyName // "queue": ok, and nothing more
		}
		add(rank, st.Health(s.Health).Render(clean(label)))
	}
	if p := d.Progress; p != nil && !p.Finished && p.Total > 0 {
		add(2, "backlog "+Bar(int(p.Done/1024), int(p.Total/1024), 12))
	}
	add(3, fmt.Sprintf("%.0f ev/s", d.EventsPerSec))
	if d.Version != "" {
		add(4, "Postfix "+clean(d.Version)) // read from the log
	}
	if d.Dropped > 0 {
		add(0, st.Err.Render(fmt.Sprintf("%d dropped", d.Dropped)))
	}
	if d.Failed > 0 {
		add(0, st.Err.Render(fmt.Sprintf("%d lines failed", d.Failed)))
	}
	if d.HintsFailed > 0 {
		add(0, st.Err.Render("hints failed"))
	}
	if v.Filter != "" {
		add(0, st.Accent.Render("filter: "+clean(v.Filter)))
	}
	if v.SnapshotPath != "" && v.Flash == "" {
		add(4, "snapshot "+clean(v.SnapshotPath))
	}
	sep := st.Faint.Render(" │ ")
	join := func() string {
		texts := make([]string, len(parts))
		for i, p := range parts {
			texts[i] = p.text
		}
		return strings.Join(texts, sep)
	}
	// "? help" always ends the bar: what is left of the width is for the
	// rest.
	help := st.Faint.Render("? help")
	room := w - cellWidth(sep+help)
	if len(parts) == 0 || room < 1 {
		return fit(help, w)
	}
	line := join()
	for cellWidth(line) > room {
		// The last part of the highest rank goes.
		drop := -1
		for i, p := range parts {
			if p.rank > 0 && (drop < 0 || p.rank >= parts[drop].rank) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		if parts[drop].rank == healthyName {
			// All or none: a partial list reads as a source not watched.
			parts = slices.DeleteFunc(parts, func(p part) bool { return p.rank == healthyName })
		} else {
			parts = append(parts[:drop], parts[drop+1:]...)
		}
		line = join()
	}
	// Prose too long for what must stay is cut at its end, in the order
	// added (the names of panes left out, then the ended log's note, then
	// a flash), or left out when fewer than its keep cells would remain.
	for _, early := range []bool{true, false} {
		for i := 0; i < len(parts) && cellWidth(line) > room; i++ {
			p := &parts[i]
			if p.keep == 0 || p.early != early {
				continue
			}
			if n := cellWidth(p.plain) - (cellWidth(line) - room); n >= p.keep {
				p.text = p.style.Render(ansi.Truncate(p.plain, n, "…"))
				if p.head > 0 && p.head < len(p.plain) && cellWidth(p.plain[:p.head]) < n {
					head, tail := p.plain[:p.head], p.plain[p.head:]
					p.text = p.style.Render(head + ansi.TruncateLeft(tail, cellWidth(p.plain)-n+1, "…"))
				}
			} else {
				parts = append(parts[:i], parts[i+1:]...)
				i--
			}
			line = join()
		}
	}
	if cellWidth(line) > room {
		line = ansi.Truncate(line, room, "…")
	}
	return fit(line+sep+help, w)
}

// healthyName is the status bar's rank of a healthy source's bare name,
// the first thing a narrow bar leaves out.
const healthyName = 5

// logEndedNote says that the rates are as of an ended log's last line, at
// end, ago before now; shorter on a narrow screen.
func logEndedNote(end time.Time, ago time.Duration, w int) string {
	since := Ago(ago)
	if w < 110 {
		return fmt.Sprintf("log ended %s ago: rates as of %s", since, end.Format("01-02 15:04"))
	}
	return fmt.Sprintf("log ended %s, %s ago: rates as of its last line", end.Format("2006-01-02 15:04"), since)
}

// Ago is how long ago, rounded down to what a glance needs: "65 min",
// "49 h", "2 d".
func Ago(ago time.Duration) string {
	switch {
	case ago < 2*time.Hour:
		return fmt.Sprintf("%d min", int(ago.Minutes()))
	case ago < 48*time.Hour:
		return fmt.Sprintf("%d h", int(ago.Hours()))
	}
	return fmt.Sprintf("%d d", int(ago.Hours()/24))
}

// Render draws the whole screen, exactly v.Width × v.Height.
func Render(d *Data, v *ViewState, st Styles, keys KeyMap) string {
	w, h := v.Width, v.Height
	if w < MinWidth || h < MinHeight {
		return TooSmall(w, h)
	}
	var grid []string
	switch {
	case v.Confirm != nil:
		grid = confirmScreen(v.Confirm, st, w, h-1)
	case v.Help:
		grid = helpScreen(d, v, st, keys, w, h-1)
	default:
		grid = panesScreen(d, v, st, w, h-1)
	}
	return strings.Join(append(grid, StatusBar(d, v, st, w)), "\n")
}

// confirmLines are a confirmation's lines before its prompt, wrapped to
// the frame: a long command wraps rather than lose its end (the "|
// postsuper -h -" after the queue ids).
func confirmLines(c *Confirm, st Styles, w int) []string {
	lines := []string{st.Title.Render(c.Title), ""}
	for i, l := range c.Lines {
		cmd, ok := c.cmds[i]
		if !ok {
			lines = append(lines, wrap(l, w-2)...)
			continue
		}
		cl := hangCmd("  "+st.Accent.Render("$ "), 4, clean(cmd.cmd), w-2, st.Accent.Render)
		if note := clean(cmd.note); note != "" {
			if last := &cl[len(cl)-1]; cellWidth(*last)+3+cellWidth(note) <= w-2 {
				*last += st.Faint.Render("   " + note)
			} else {
				cl = append(cl, hangWrap("    ", 4, note, w-2, st.Faint.Render)...)
			}
		}
		lines = append(lines, cl...)
	}
	return append(lines, "")
}

// confirmPrompt is the prompt's height: one line, or two for a name
// to type.
func confirmPrompt(c *Confirm) int {
	if c.Need != "" && !c.Busy {
		return 2
	}
	return 1
}

// ConfirmFits says whether the confirmation shows every line of what it
// would run on a screen of w × h (the status bar's row included): the
// admin confirms only what they can read, so a cut one runs nothing.
func ConfirmFits(c *Confirm, w, h int) bool {
	return confirmShows(len(confirmLines(c, NewStyles(false), w)), c, h-1)
}

// confirmShows says whether n lines and the prompt fit a confirmation
// frame h rows tall.
func confirmShows(n int, c *Confirm, h int) bool { return n+confirmPrompt(c) <= h-2 }

// confirmScreen shows what an action will do and how to confirm it.
func confirmScreen(c *Confirm, st Styles, w, h int) []string {
	lines := confirmLines(c, st, w)
	fits := confirmShows(len(lines), c, h)
	var prompt []string
	switch {
	case c.Busy:
		prompt = []string{st.Warn.Render("running…") + st.Faint.Render("  ·  esc: stop")}
	case c.Refused:
		prompt = []string{st.Warn.Render("nothing runs from here") + st.Faint.Render("  ·  any key closes")}
	case !fits:
		prompt = []string{st.Err.Render("enlarge the window to see every command: nothing runs before they all show") + st.Faint.Render("  ·  n or esc: cancel")}
	case c.Need != "":
		prompt = []string{st.Err.Render("type ") + c.Need + st.Err.Render(" and press enter to confirm") + st.Faint.Render("  (esc cancels)"),
			"> " + clean(c.Typed) + "█"}
	default:
		prompt = []string{st.Warn.Render("y: run these commands") + st.Faint.Render("  ·  n or esc: cancel")}
	}
	for _, l := range prompt {
		lines = append(lines, wrap(l, w-2)...)
	}
	// A long list keeps its prompt in view: the middle gives way.
	if room := h - 2; len(lines) > room && room > 4 {
		cut := len(lines) - room + 1
		tail := lines[len(lines)-3:]
		lines = append(append(lines[:room-4:room-4], st.Faint.Render(fmt.Sprintf("… %d more lines", cut))), tail...)
	}
	return frame("Confirm", true, w, h, lines, st)
}

// helpScreen is the key help, from the key map and the visible panes'
// bindings, and the sources' states with their reasons. When that is too
// long for the screen and the screen is wide, the panes' keys and the
// sources go to a second column; when it still does not fit, it scrolls
// from v.HelpTop and its last row says so.
func helpScreen(d *Data, v *ViewState, st Styles, keys KeyMap, w, h int) []string {
	lines := helpBody(d, v, st, keys, w, h)
	if room := h - 2; len(lines) > room && room > 1 {
		top := clampHelpTop(v.HelpTop, len(lines), room)
		shown := append([]string(nil), lines[top:top+room-1]...)
		lines = append(shown, st.Faint.Render(fmt.Sprintf("lines %d–%d of %d · j/k pgup/pgdn home/end scroll · any other key closes",
			top+1, top+room-1, len(lines))))
	}
	return frame("Help", true, w, h, lines, st)
}

// helpBody is every line of the help, in one or two columns.
func helpBody(d *Data, v *ViewState, st Styles, keys KeyMap, w, h int) []string {
	left := append([]string{st.Title.Render("mxtop keys") + st.Faint.Render("  (movement keys scroll · any other key closes)"), ""}, helpLines("", keys.All())...)
	panes := paneHelp(v)
	heading := map[string]bool{}
	for _, l := range panes {
		if !strings.HasPrefix(l, " ") {
			heading[l] = true
		}
	}
	right := append(panes, "", st.Title.Render("sources"))
	for _, s := range d.States {
		right = append(right, st.Health(s.Health).Render(padRight(s.Source, 9)+padRight(s.Health.String(), 12))+clean(s.Detail))
	}
	lines := append(left, right...)
	if colW := (w - 2) / 2; len(lines) > h-2 && colW >= 40 {
		// Two columns: the screen-wide keys, then the panes' keys and the
		// sources, flowing into the second column when the first is full.
		rows := max(len(left), h-2)
		all := append(append(left, ""), right...)
		if len(all) < 2*rows && len(right) <= rows {
			all = append(append(left, make([]string, rows-len(left))...), right...)
		} else if rows < len(all) {
			// A pane's keys stay together under their heading: a block
			// that would break at the column's end starts the second.
			for j := rows - 1; j >= 0; j-- {
				if !heading[all[j]] {
					continue
				}
				end := j + 1
				for end < len(all) && strings.HasPrefix(all[end], " ") {
					end++
				}
				// Only when the two columns still hold everything: the
				// sources at the end say what is left out.
				if end > rows && end-j <= rows && len(all)+rows-j <= 2*rows {
					all = slices.Insert(all, j, make([]string, rows-j)...)
				}
				break
			}
		}
		lines = make([]string, 0, rows)
		for i := 0; i < rows && i < len(all); i++ {
			// A blank between the columns; a cut line says so.
			l := padRight(ansi.Truncate(all[i], colW-1, "…"), colW)
			if j := i + rows; j < len(all) {
				l += all[j]
			}
			lines = append(lines, l)
		}
		// What the two columns cannot hold scrolls in the first.
		for i := 2 * rows; i < len(all); i++ {
			lines = append(lines, all[i])
		}
	}
	return lines
}

// clampHelpTop keeps the first help line shown within the help: room-1
// rows show lines, the last says how to scroll.
func clampHelpTop(top, n, room int) int {
	return max(0, min(top, n-(room-1)))
}

// ScrollHelp moves the help by delta lines, within what there is to show.
// It reports false, moving nothing, when the help fits the screen.
func ScrollHelp(d *Data, v *ViewState, st Styles, keys KeyMap, delta int) bool {
	w, h := v.Width, v.Height-1 // the status bar takes a row
	n, room := len(helpBody(d, v, st, keys, w, h)), h-2
	if n <= room || room <= 1 {
		v.HelpTop = 0
		return false
	}
	v.HelpTop = clampHelpTop(v.HelpTop+delta, n, room)
	return true
}

// panesScreen lays out the visible panes and draws each into its
// rectangle, w×h cells.
func panesScreen(d *Data, v *ViewState, st Styles, w, h int) []string {
	grid := make([]string, h)
	rects, _ := Layout(w, h, v.Visible, v.Focus, v.Zoom)
	if len(rects) == 0 {
		grid[0] = st.Faint.Render(fmt.Sprintf("all panes hidden: press 1-%d", NumPanes))
	}
	// Layout returns a column's rects before the next column's, so each
	// screen row gets its parts left to right.
	c := &Ctx{Data: d, Filter: v.Filter, Styles: st}
	for _, r := range rects {
		for i, l := range drawPane(v.Pane(r.Pane), r.Pane, v.Focus == r.Pane, c, r.W, r.H) {
			if y := r.Y + i; y < h {
				grid[y] += l
			}
		}
	}
	for y := range grid {
		grid[y] = fit(grid[y], w)
	}
	return grid
}

// hangWrap wraps text to lines of w cells: the first after prefix, the
// others indented by indent cells, under the text's first word when the
// prefix is that wide. style renders each line's text.
func hangWrap(prefix string, indent int, text string, w int, style func(...string) string) []string {
	return hang(prefix, indent, wrap(text, max(8, w-indent)), style)
}

// hangCmd is hangWrap for a shell command: wrapped by cmdWrap, so that
// the lines copied off the screen are still the command.
func hangCmd(prefix string, indent int, text string, w int, style func(...string) string) []string {
	return hang(prefix, indent, cmdWrap(text, max(8, w-indent)), style)
}

func hang(prefix string, indent int, lines []string, style func(...string) string) []string {
	var out []string
	for i, l := range lines {
		if i == 0 {
			out = append(out, prefix+style(l))
		} else {
			out = append(out, strings.Repeat(" ", indent)+style(strings.TrimLeft(l, " ")))
		}
	}
	return out
}

func plain(s ...string) string { return strings.Join(s, "") }

// wrap wraps text to lines of at most w cells at its blanks only: never
// after a hyphen, as a wrapper for prose would, which split a domain
// ("mail-" then "relay.example.com") or a command ("postsuper -" then
// "h ID" copied off the screen is another command). A word too long for
// a line is broken at the width, its further lines opening with "↪ ". A
// line keeps no trailing blank.
func wrap(text string, w int) []string {
	w = max(w, 1)
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line, lw := "", 0
		flush := func() {
			lines = append(lines, strings.TrimRight(line, " "))
			line, lw = "", 0
		}
		for i, word := range strings.Split(para, " ") {
			ww := ansi.StringWidth(word)
			switch {
			case i == 0:
			case lw+1+ww <= w:
				line, lw = line+" ", lw+1
			default:
				flush()
			}
			for lw+ww > w {
				// Longer than a line: broken at the width, not at a
				// hyphen as if the line ended there (a domain read as
				// two words), its further lines opening with "↪ ", the
				// mark that it goes on; no room for it, it is cut.
				head := ansi.Truncate(word, w-lw, "")
				if w < 8 || head == "" {
					word, ww = ansi.Truncate(word, w-lw, "…"), w-lw
					break
				}
				line += head
				flush()
				word = word[len(head):]
				line, lw, ww = "↪ ", 2, ansi.StringWidth(word)
			}
			line, lw = line+word, lw+ww
		}
		flush()
	}
	return lines
}

// DestSparkline draws a destination's errors per minute, oldest first,
// in width cells: all of them, several minutes a cell when they do not
// fit, each cell the busiest of its minutes. Cut to the newest that fit,
// a column headed "15 min" showed 8.
func DestSparkline(vals []float64, width int) string {
	if width <= 0 || len(vals) <= width {
		return Sparkline(vals, width)
	}
	per := (len(vals) + width - 1) / width
	cells := make([]float64, (len(vals)+per-1)/per)
	// Grouped from the newest: the last cell is the latest minutes.
	for i := range vals {
		c := len(cells) - 1 - (len(vals)-1-i)/per
		cells[c] = math.Max(cells[c], vals[i])
	}
	return Sparkline(cells, width)
}

// cmdWrap wraps a shell command to lines of at most w cells where sh reads
// the lines as the same command: between its shell words, each wrapped
// line ending in " \\", so that the lines copied off the screen are still
// the command. A word longer than a line is split by splitWord: its line
// ends in a line continuation, after closing the quote it is in, and the
// next line opens that quote again ('... '\ then '...'). No display mark
// such as "↪" goes into a command: pasted, it was part of a value or left
// a quote open. Its lines open with no blank, the column a block
// selection starts at. A comment that ends it (an unquoted word opening
// with "#") goes after the command's last line or on lines of its own,
// each opening with "#": a " \\" continues no comment, and its words would
// run as commands.
func cmdWrap(text string, w int) []string {
	w = max(w, 8)
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		words, comment := shellWords(para)
		line, lw := "", 0
		for i, word := range words {
			ww := ansi.StringWidth(word)
			// Room for " \\" after the word unless it is the last.
			mark := 2
			if i == len(words)-1 {
				mark = 0
			}
			if i > 0 {
				if lw+1+ww+mark <= w {
					line, lw = line+" "+word, lw+1+ww
					continue
				}
				lines = append(lines, line+" \\")
				line, lw = "", 0
			}
			if lw+ww+mark > w {
				// Too long for a line of its own (line is empty here):
				// split where sh joins the parts again.
				parts := splitWord(word, w, mark)
				lines = append(lines, parts[:len(parts)-1]...)
				word = parts[len(parts)-1]
				ww = ansi.StringWidth(word)
			}
			line, lw = line+word, lw+ww
		}
		if comment == "" {
			lines = append(lines, line)
			continue
		}
		if cw := ansi.StringWidth(comment); line == "" || lw+3+cw <= w {
			lines = append(lines, strings.TrimLeft(line+"   "+comment, " "))
			continue
		}
		lines = append(lines, line)
		for _, l := range wrap(strings.TrimLeft(strings.TrimPrefix(comment, "#"), " "), w-2) {
			lines = append(lines, "# "+l)
		}
	}
	return lines
}

// shellWords splits a command at its blanks outside quotes (a
// backslash-escaped character is part of its word) up to the comment
// that ends it, an unquoted word opening with "#", returned whole.
func shellWords(s string) (words []string, comment string) {
	start := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == '\\':
			i++
		case quote == '"':
			if c == '"' {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#' && i == start:
			s, comment = s[:i], s[i:]
		case c == ' ':
			words = append(words, s[start:i])
			start = i + 1
		}
	}
	words = append(words, s[start:])
	if comment != "" || s == "" {
		// The blanks before a comment, or nothing at all, make no word.
		for len(words) > 0 && words[len(words)-1] == "" {
			words = words[:len(words)-1]
		}
	}
	return words, comment
}
