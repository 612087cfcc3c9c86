package ui

import (
	"fmt"
	"slices"
	"strings"
)

// Rect is a pane's place on the screen.
type Rect struct {
	Pane       PaneID
	X, Y, W, H int
}

// Minimum terminal size: every pane stays usable in its compact form.
const (
	MinWidth  = 60
	MinHeight = 16
	minPaneH  = 3 // border plus one line
	titleH    = 2 // the title bar and the bottom border: no line
)

// TooSmall is the message shown below the minimum size, wrapped to the
// width there is (the renderer cuts what is wider) and cut to the height.
func TooSmall(w, h int) string {
	msg := fmt.Sprintf("terminal too small: need %dx%d\n(this one is %dx%d)", MinWidth, MinHeight, w, h)
	lines := wrap(msg, max(1, w))
	return strings.Join(lines[:min(len(lines), max(1, h))], "\n")
}

// Layout places the visible panes in a w×h area (the status bar excluded).
// Wide screens get two columns, each pane in the one its Place names. Short screens squash unfocused panes to one line; zoom
// gives the focused pane everything. ok is false below the minimum size.
func Layout(w, h int, visible [NumPanes]bool, focus PaneID, zoom bool) ([]Rect, bool) {
	if w < MinWidth || h < MinHeight-1 {
		return nil, false
	}
	var vis []PaneID
	for p := PaneID(0); p < NumPanes; p++ {
		if visible[p] {
			vis = append(vis, p)
		}
	}
	if len(vis) == 0 {
		return nil, true
	}
	if zoom && visible[focus] {
		return []Rect{{focus, 0, 0, w, h}}, true
	}
	var left, right []PaneID
	if w >= 100 && len(vis) > 1 {
		for _, p := range vis {
			if places[p].Column == Left {
				left = append(left, p)
			} else {
				right = append(right, p)
			}
		}
		if len(left) == 0 || len(right) == 0 {
			left, right = vis, nil
		}
	} else {
		left = vis
	}
	if right == nil {
		return column(left, 0, w, h, focus), true
	}
	lw := w * 55 / 100
	return append(column(left, 0, lw, h, focus), column(right, lw, w-lw, h, focus)...), true
}

// LeftOut are the visible panes that Layout leaves out of a w×h area
// for want of room (none when one is zoomed: the others give way on
// purpose).
func LeftOut(w, h int, visible [NumPanes]bool, focus PaneID, zoom bool) []PaneID {
	rects, ok := Layout(w, h, visible, focus, zoom)
	if !ok || zoom && visible[focus] {
		return nil
	}
	var out []PaneID
	for p := PaneID(0); p < NumPanes; p++ {
		if visible[p] && !slices.ContainsFunc(rects, func(r Rect) bool { return r.Pane == p }) {
			out = append(out, p)
		}
	}
	return out
}

func column(panes []PaneID, x, w, h int, focus PaneID) []Rect {
	panes = fitting(panes, h, focus)
	n := len(panes)
	heights := make([]int, n)
	total := 0
	for _, p := range panes {
		total += places[p].Weight
	}
	used := 0
	for i, p := range panes {
		heights[i] = h * places[p].Weight / total
		used += heights[i]
	}
	heights[0] += h - used
	fi, others := -1, 0
	for i, p := range panes {
		if p == focus {
			fi = i
		} else {
			others += need(p)
		}
	}
	if fi >= 0 && n > 2 && h/n < 6 && h-others > heights[fi] {
		// Short column: unfocused panes shrink to what they need, the
		// focused pane takes the rest (z zooms it entirely).
		for i, p := range panes {
			heights[i] = need(p)
		}
		heights[fi] = h - others
	}
	// Squash: when a pane is below what it needs, take from the focused
	// (or the largest) pane.
	for i, p := range panes {
		for heights[i] < need(p) {
			j := largest(heights, panes, focus)
			if j == i || heights[j] <= need(panes[j]) {
				break
			}
			heights[j]--
			heights[i]++
		}
	}
	return stack(panes, heights, x, w)
}

// need is the rows a pane needs: its borders and the content rows it
// needs to be read.
func need(p PaneID) int { return 2 + max(1, places[p].Rows) }

// fitting leaves out of a column too short for them all the panes ranked
// lowest (Place.Keep) until the rest get what they need and the focused
// pane a row more, rather than draw boxes with no line in them: a box
// says nothing, and on the minimum screen the top hint would be one.
func fitting(panes []PaneID, h int, focus PaneID) []PaneID {
	sum := func(ps []PaneID) int {
		n := 0
		for _, p := range ps {
			n += need(p)
			if p == focus {
				n++
			}
		}
		return n
	}
	for len(panes) > 1 && sum(panes) > h {
		drop := -1
		for i, p := range panes {
			if p != focus && (drop < 0 || places[p].Keep < places[panes[drop]].Keep) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		panes = append(panes[:drop:drop], panes[drop+1:]...)
	}
	return panes
}

// stack puts panes of these heights one under the other.
func stack(panes []PaneID, heights []int, x, w int) []Rect {
	rects := make([]Rect, len(panes))
	y := 0
	for i, p := range panes {
		rects[i] = Rect{p, x, y, w, heights[i]}
		y += heights[i]
	}
	return rects
}

func largest(heights []int, panes []PaneID, focus PaneID) int {
	best := 0
	for i := range heights {
		if heights[i] > heights[best] || heights[i] == heights[best] && panes[i] == focus {
			best = i
		}
	}
	return best
}
