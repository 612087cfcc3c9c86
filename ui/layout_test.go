package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"mxtop/sources"
)

// all shows every pane of the Registry.
func all() (v [NumPanes]bool) {
	for id := range v {
		v[id] = true
	}
	return v
}

// only shows the named panes.
func only(names ...string) (v [NumPanes]bool) {
	for _, n := range names {
		v[named(n)] = true
	}
	return v
}

// named is the id of the pane with that name; it fails loudly on none.
func named(name string) PaneID {
	for id := PaneID(0); id < NumPanes; id++ {
		if PaneName(id) == name {
			return id
		}
	}
	panic("no pane named " + name)
}

// six are the panes these pictures were drawn for: a pane added to the
// Registry leaves them as they are.
func six() [NumPanes]bool {
	return only("Destinations", "Concurrency", "Load", "Queue", "Hints", "Log")
}

var (
	paneDest  = named("Destinations")
	paneQueue = named("Queue")
	paneHints = named("Hints")
	paneLog   = named("Log")
)

func TestLayoutPictures(t *testing.T) {
	if _, ok := Layout(20, 16, only("Destinations", "Hints", "Log"), paneDest, false); ok {
		t.Fatal("20 columns accepted")
	}
	rects, ok := Layout(60, 15, only("Destinations", "Hints", "Log"), paneDest, false)
	if !ok {
		t.Fatal("minimum refused")
	}
	// One short column: the unfocused hints and log keep one line each,
	// the focused destinations pane takes the rest.
	want := strings.Repeat(strings.Repeat("1", 60)+"\n", 9) + strings.Repeat(strings.Repeat("5", 60)+"\n", 3) + strings.Repeat(strings.Repeat("6", 60)+"\n", 3)
	if got := Picture(60, 15, rects); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// Tall enough: weights 3:3:3 share the column.
	rects, _ = Layout(60, 30, only("Destinations", "Hints", "Log"), paneLog, false)
	want = strings.Repeat(strings.Repeat("1", 60)+"\n", 10) + strings.Repeat(strings.Repeat("5", 60)+"\n", 10) + strings.Repeat(strings.Repeat("6", 60)+"\n", 10)
	if got := Picture(60, 30, rects); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// Two columns at 100 wide: 1 and 6 left (55%), the rest right.
	rects, _ = Layout(100, 30, six(), paneDest, false)
	pic := strings.Split(Picture(100, 30, rects), "\n")
	if pic[0][:55] != strings.Repeat("1", 55) || pic[0][55:] != strings.Repeat("2", 45) || pic[29][:55] != strings.Repeat("6", 55) || pic[29][55:] != strings.Repeat("5", 45) {
		t.Fatalf("two columns:\n%s", strings.Join(pic, "\n"))
	}
	// Every cell covered exactly once.
	if strings.Contains(Picture(100, 30, rects), ".") {
		t.Fatal("uncovered cells")
	}
	// Zoom: the focused pane takes all.
	rects, _ = Layout(80, 23, six(), paneQueue, true)
	if len(rects) != 1 || rects[0] != (Rect{paneQueue, 0, 0, 80, 23}) {
		t.Fatalf("zoom %+v", rects)
	}
}

func TestLayoutSquashesToMinimum(t *testing.T) {
	// 80x23, one column, six panes: every pane keeps at least 3 rows.
	rects, ok := Layout(80, 23, six(), paneHints, false)
	if !ok || len(rects) != 6 {
		t.Fatal(rects)
	}
	for _, r := range rects {
		if r.Pane == paneHints && r.H != 23-4*minPaneH-4 {
			t.Fatalf("focused hints got %d rows", r.H)
		}
	}
	sum := 0
	for _, r := range rects {
		if r.H < minPaneH {
			t.Fatalf("pane %d squashed to %d", r.Pane, r.H)
		}
		sum += r.H
	}
	if sum != 23 {
		t.Fatalf("heights sum %d", sum)
	}
}

func TestCellWidthAgreesWithAnsi(t *testing.T) {
	for _, s := range []string{
		"plain", "\x1b[1;36m┌\x1b[m ▶ 1 Destinations ──┐", "● CRIT · …", "日本語 wide", "e\u0301 combining",
		"\x1b]0;title\x07osc", "tab\there", "█▇▆ spark", "", "emoji 🙂 here",
	} {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi says %d", s, got, want)
		}
	}
}

// Picture draws rects as an ASCII picture, each pane filled with its
// number: for layout tests.
func Picture(w, h int, rects []Rect) string {
	grid := make([][]byte, h)
	for y := range grid {
		grid[y] = []byte(strings.Repeat(".", w))
	}
	for _, r := range rects {
		for y := r.Y; y < r.Y+r.H && y < h; y++ {
			for x := r.X; x < r.X+r.W && x < w; x++ {
				grid[y][x] = byte('1' + r.Pane)
			}
		}
	}
	var b strings.Builder
	for _, row := range grid {
		b.Write(row)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestDiskRates(t *testing.T) {
	t0 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	h := []sources.MachineReading{
		{Time: t0, DiskReads: 1000, DiskWrite: 5000},
		{Time: t0.Add(2 * time.Second), DiskReads: 3000, DiskWrite: 9000},
	}
	r, w, ok := diskRates(h)
	if !ok || r != 1000 || w != 2000 {
		t.Fatalf("rates %v %v %v", r, w, ok)
	}
	if _, _, ok := diskRates(h[:1]); ok {
		t.Fatal("a rate from one reading")
	}
	h[1].DiskReads = 10 // counter reset (device changed): no rate
	if _, _, ok := diskRates(h); ok {
		t.Fatal("a rate across a counter reset")
	}
}

// Six panes in a column of 18 rows: not a line for each and the focused
// destinations pane its column names and two rows; the Load pane, the
// least needed, is left out rather than drawn as an empty box, and the
// weights share the column among the rest.
func TestLayoutSquashTakesFromLargest(t *testing.T) {
	rects, ok := Layout(80, 18, six(), paneDest, false)
	if !ok || len(rects) != 5 {
		t.Fatal(rects)
	}
	want := strings.Repeat(strings.Repeat("1", 80)+"\n", 4) + strings.Repeat(strings.Repeat("2", 80)+"\n", 3) +
		strings.Repeat(strings.Repeat("4", 80)+"\n", 3) +
		strings.Repeat(strings.Repeat("5", 80)+"\n", 4) + strings.Repeat(strings.Repeat("6", 80)+"\n", 4)
	if got := Picture(80, 18, rects); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// Below a line for every pane (six panes on the minimum 60x16 screen, 15
// rows) the least needed panes are left out, Load then Log, rather than
// drawn as title bars over no line: every pane drawn shows a line, the
// destinations their column names and a row, and the top hint shows.
func TestLayoutBelowALineEach(t *testing.T) {
	for _, tc := range []struct {
		h    int
		want string // the panes' digits, one per row
	}{
		{15, "111111222444555"},
		{16, "1111111222444555"},
		{17, "11111222444555666"},
	} {
		rects, ok := Layout(60, tc.h, six(), paneDest, false)
		if !ok {
			t.Fatal(rects)
		}
		want := ""
		for _, c := range tc.want {
			want += strings.Repeat(string(c), 60) + "\n"
		}
		if got := Picture(60, tc.h, rects); got != want {
			t.Errorf("%d rows: got\n%s\nwant\n%s", tc.h, got, want)
		}
	}
	// The focused pane stays, whatever its rank: Load focused leaves out
	// the next least needed.
	rects, _ := Layout(60, 15, six(), named("Load"), false)
	var got []PaneID
	for _, r := range rects {
		got = append(got, r.Pane)
	}
	if want := []PaneID{paneDest, named("Load"), paneQueue, paneHints}; !slices.Equal(got, want) {
		t.Errorf("Load focused: panes %v, want %v", got, want)
	}
	v := NewViewState(MinWidth, MinHeight)
	out := ansi.Strip(Render(fixture(), &v, NewStyles(false), DefaultKeys()))
	for _, s := range []string{"gmail.com ", "domain", "● CRIT Outbound: gmail.com"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q not on the minimum screen:\n%s", s, out)
		}
	}
	// A box with no line in it says nothing: none is drawn.
	lines := strings.Split(out, "\n")
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i-1], "┌") && strings.HasPrefix(lines[i], "└") {
			t.Errorf("an empty box at row %d:\n%s", i, out)
		}
	}
}

// With another pane focused on an 80x24 screen, the destinations keep
// their column names over their first row: "6 111" alone does not say
// which is sent and which deferred.
func TestUnfocusedDestinationsKeepTheirHeader(t *testing.T) {
	v := NewViewState(80, 24)
	v.Focus = paneHints
	out := ansi.Strip(Render(fixture(), &v, NewStyles(false), DefaultKeys()))
	if !strings.Contains(out, "domain") || !strings.Contains(out, "gmail.com ") {
		t.Errorf("the destinations lack their header or first row:\n%s", out)
	}
}

// Below the minimum the screen says what size it needs, wrapped to the
// width it has: at 20 columns "need 60x16" was cut off.
func TestTooSmallFitsTheScreen(t *testing.T) {
	for _, sz := range [][2]int{{20, 5}, {12, 8}, {40, 10}} {
		v := NewViewState(sz[0], sz[1])
		out := Render(fixture(), &v, NewStyles(false), DefaultKeys())
		lines := strings.Split(out, "\n")
		for _, l := range lines {
			if ansi.StringWidth(l) > sz[0] {
				t.Errorf("%dx%d: %q is wider", sz[0], sz[1], l)
			}
		}
		if joined := strings.Join(strings.Fields(out), " "); !strings.Contains(joined, "need 60x16") || len(lines) > sz[1] {
			t.Errorf("%dx%d: %q", sz[0], sz[1], out)
		}
	}
}
