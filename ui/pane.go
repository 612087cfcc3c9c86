package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
)

// Registry lists the panes in screen order: the pane at index i is toggled
// by key i+1 and numbered i+1 in its title. Adding a pane is one file with
// its type and one line here; ARCHITECTURE.md walks through it.
var Registry = [...]func() Pane{
	newDestinations,
	newConcurrency,
	newLoad,
	newQueue,
	newHints,
	newLog,
}

// NumPanes is how many panes there are. It sizes the per-pane arrays, so a
// pane added to the Registry reaches them without another edit.
const NumPanes = PaneID(len(Registry))

// PaneID identifies a pane: its index in the Registry.
type PaneID int

// Pane is one panel of the screen. It draws itself from the frozen Data in
// immediate mode (Body is called for every frame and changes nothing) and
// keeps its own view state: selection, scroll, an open detail.
type Pane interface {
	// Name is the pane's title; its toggle key's help is "toggle <name>".
	Name() string
	// Place says where the layout puts the pane and how tall it wants to be.
	Place() Place
	// Body draws the pane's content for an inner width of w cells.
	Body(c *Ctx, w int) Content
	// Move moves the selection, or scrolls, by delta rows (up/down, page,
	// home/end arrive as ±1, ±10 and ±a large number).
	Move(c *Ctx, delta int)
	// Keys are the pane's own bindings (enter, esc, ...). They are pointers
	// so the screen can enable them only while the pane shows: help lists
	// enabled bindings only, and a disabled binding never matches.
	Keys() []*key.Binding
	// Key handles a key pressed while the pane has focus and reports
	// whether it was one of the pane's own.
	Key(msg tea.KeyPressMsg, c *Ctx) bool
}

// Column is the side of a wide screen a pane goes to.
type Column int

const (
	Left  Column = iota // wide screens: the left 55%
	Right               // wide screens: the rest
)

// Place is a pane's wish for the layout.
type Place struct {
	Column Column
	Weight int // share of its column's height, relative to the others
	// Rows is the content rows the pane needs to be read (a table: its
	// column names and a row); 0 for one.
	Rows int
	// Keep ranks the panes a screen too short for all of them keeps: the
	// lowest is left out first (the focused pane always stays).
	Keep int
}

// Ctx is what a pane sees when it draws or takes a key.
type Ctx struct {
	Data   *Data
	Filter string // the user's filter; every pane applies it to its rows
	Styles Styles
	// Query is what the model builds Data with. A pane's key may change it
	// (nil while drawing); the model then rebuilds at once.
	Query *Query
	// Act takes a pane's request (a queue action, a copy); nil while
	// drawing.
	Act func(Request)
	// Room, for Move, is how many lines the pane's body can scroll: those
	// past the rows it has on screen (PaneRows).
	Room int
}

// Query is what the panes ask of the model when it freezes Data.
type Query struct {
	Sort analyzers.SortKey // destinations order
	// Throttle is the destination whose throttling snippet the screen
	// shows ("" for none): computed for that one row, not every row.
	Throttle string
}

// Content is what a pane draws: head lines that stay, then body lines that
// scroll. Long bodies give N and Line instead of Lines so that only the
// rows that show are drawn.
type Content struct {
	Head  []string
	Lines []string
	N     int
	Line  func(i int) string
	// Columns says the last head line names the body's columns: in a pane
	// with no row for a body line under it, it gives way to the first one.
	Columns bool
	// Note follows the pane's name in its title.
	Note string
	// Selected, when Select is set, is the body line highlighted while the
	// pane has focus and kept in view.
	Selected int
	Select   bool
	// Scroll is the first body line shown when nothing is selected; with
	// Tail set it counts back from the end (the log follows its tail).
	Scroll int
	Tail   bool
	// Prose says the body is wrapped text: cut short, its last line
	// shown ends in "…" so a sentence does not read as whole.
	Prose bool
	// HeadProse is how many of the first head lines are wrapped text
	// (a stale reading's note): cut short, the last shown ends in "…".
	HeadProse int
}

func (b *Content) lines() int {
	if b.Line != nil {
		return b.N
	}
	return len(b.Lines)
}

// headRows is how many head lines show in rows rows: all that fit, less
// the column names when they would leave no row for the body.
func (b *Content) headRows(rows int) int {
	n := min(len(b.Head), rows)
	if b.Columns && n == len(b.Head) && n == rows && n > 0 && b.lines() > 0 {
		n--
	}
	return n
}

func (b *Content) line(i int) string {
	if b.Line != nil {
		return b.Line(i)
	}
	return b.Lines[i]
}

// all materialises every body line (snapshots).
func (b *Content) all() []string {
	out := make([]string, b.lines())
	for i := range out {
		out[i] = b.line(i)
	}
	return out
}

// NewPanes builds every pane of the Registry with its initial state.
func NewPanes() [NumPanes]Pane {
	var ps [NumPanes]Pane
	for i, build := range Registry {
		ps[i] = build()
	}
	return ps
}

// PaneName is the name of a pane of the Registry.
func PaneName(id PaneID) string { return registryPane(id).Name() }

// places holds each pane's Place, for the pure Layout function.
var places = func() (p [NumPanes]Place) {
	for i, build := range Registry {
		p[i] = build().Place()
	}
	return p
}()

// registryPane builds a fresh pane, failing loudly on an id outside the
// Registry: a forgotten pane must never draw as another.
func registryPane(id PaneID) Pane {
	if id < 0 || id >= NumPanes {
		panic(fmt.Sprintf("ui: no pane %d: the Registry has %d", id, NumPanes))
	}
	return Registry[id]()
}

// PaneContent renders a pane's full content, in its initial state (no
// detail open) with the filter applied: for snapshots, every line, not
// only what fits.
func PaneContent(id PaneID, d *Data, filter string, st Styles, w int) []string {
	b := registryPane(id).Body(&Ctx{Data: d, Filter: filter, Styles: st}, w)
	return append(append([]string{}, b.Head...), b.all()...)
}

// selection is the state of a pane whose rows are selectable.
type selection struct{ sel int }

// move moves the selection within n rows.
func (s *selection) move(delta, n int) { s.sel = max(0, min(s.sel+delta, n-1)) }

// follow selects the row whose key is want, wherever re-sorting put it;
// an empty want (nothing open) leaves the selection as it is.
func follow[T any](s *selection, rows []T, want string, key func(T) string) {
	if want == "" {
		return
	}
	for i, r := range rows {
		if key(r) == want {
			s.sel = i
		}
	}
}

// at is the selection clamped to n rows (the rows may have shrunk since).
func (s *selection) at(n int) int { return clampSel(s.sel, n) }

// scroller is the state of a pane that scrolls; it is its Move.
type scroller struct{ scroll int }

func (s *scroller) Move(c *Ctx, delta int) { s.scroll = max(0, min(s.scroll+delta, c.Room)) }

// noKeys is for panes with no keys of their own.
type noKeys struct{}

func (noKeys) Keys() []*key.Binding           { return nil }
func (noKeys) Key(tea.KeyPressMsg, *Ctx) bool { return false }

func clampSel(sel, n int) int { return max(0, min(sel, n-1)) }

// empty is a pane's content when it has nothing to show: one faint line
// saying why.
func empty(st Styles, why string) Content {
	return Content{Lines: []string{st.Faint.Render(why)}}
}

// apart is why a pane of the host's readings shows none beside an old log
// (Data.HostApart), wrapped to the pane's width; a pane of one row shows
// the first line, which says the most of it.
func apart(st Styles, why string, w int) []string {
	lines := wrap(clean(why), max(8, w))
	for i, l := range lines {
		lines[i] = st.Faint.Render(l)
	}
	return lines
}

// window picks the body lines shown in n rows: around the selection, at
// the scroll offset, or at the tail. It returns them and the index of the
// first.
func window(b Content, n int) ([]string, int) {
	total := b.lines()
	if n <= 0 {
		return nil, 0
	}
	start := 0
	if total > n {
		start = b.Scroll
		switch {
		case b.Select:
			if b.Selected < start {
				start = b.Selected
			}
			if b.Selected >= start+n {
				start = b.Selected - n + 1
			}
		case b.Tail:
			start = total - n - b.Scroll
		}
		start = max(0, min(start, total-n))
	}
	out := make([]string, 0, min(n, total))
	for i := start; i < total && i < start+n; i++ {
		out = append(out, b.line(i))
	}
	return out, start
}

// frame draws a bordered box with a title into exactly w×h cells.
func frame(title string, focused bool, w, h int, lines []string, st Styles) []string {
	bs := st.Border
	ts := st.Title
	if focused {
		bs, ts = st.Focus, st.Focus
		title = "▶ " + title
	}
	t := ansi.Truncate(" "+title+" ", w-2, "")
	top := bs.Render("┌") + ts.Render(t) + bs.Render(strings.Repeat("─", max(0, w-2-ansi.StringWidth(t)))+"┐")
	out := []string{top}
	side := bs.Render("│") // styled once, not twice per line
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		out = append(out, side+fit(line, w-2)+side)
	}
	return append(out, bs.Render("└"+strings.Repeat("─", w-2)+"┘"))
}

// PaneRows says, for pane id on the screen v as drawPane lays it out, how
// far its body can scroll (room: its lines past the rows it shows; a scroll
// kept within it moves the lines on the next key, however far home or end
// went) and how many body lines it shows (rows: what a page moves). Both
// are 0 when it is not on screen.
func PaneRows(d *Data, v *ViewState, st Styles, id PaneID) (room, rows int) {
	if v.Width < MinWidth || v.Height < MinHeight {
		return 0, 0
	}
	rects, _ := Layout(v.Width, v.Height-1, v.Visible, v.Focus, v.Zoom)
	for _, r := range rects {
		if r.Pane == id {
			b := v.Pane(id).Body(&Ctx{Data: d, Filter: v.Filter, Styles: st}, r.W-2)
			rows := r.H - 2
			body := rows - b.headRows(rows)
			return max(0, b.lines()-body), body
		}
	}
	return 0, 0
}

// cutMark ends a line of wrapped text that goes on beyond what shows in
// "…", within w cells.
func cutMark(l string, w int) string {
	return ansi.Truncate(l, min(cellWidth(l), w-1), "") + "…"
}

// drawPane draws one pane into its rectangle: title, head, the body lines
// that fit, and the selected line highlighted when the pane has focus.
func drawPane(p Pane, id PaneID, focused bool, c *Ctx, w, h int) []string {
	inner := w - 2
	b := p.Body(c, inner)
	rows := h - 2
	head := b.headRows(rows)
	lines := append([]string{}, b.Head[:head]...)
	if head > 0 && head < b.HeadProse {
		lines[head-1] = cutMark(lines[head-1], inner)
	}
	shown, start := window(b, rows-head)
	if n := len(shown); b.Prose && n > 0 && start+n < b.lines() {
		shown[n-1] = cutMark(shown[n-1], inner)
	}
	lines = append(lines, shown...)
	if i := head + b.Selected - start; focused && b.Select && i >= head && i < len(lines) {
		lines[i] = c.Styles.Select.Render(ansi.Strip(fit(lines[i], inner)))
	}
	title := fmt.Sprintf("%d %s", id+1, p.Name())
	if b.Note != "" {
		title += " " + b.Note
	}
	return frame(title, focused, w, h, lines, c.Styles)
}
