package ui

import "fmt"

// Pane identifies one of the six panes; its number is its toggle key.
type Pane int

const (
	PaneDest Pane = iota
	PaneConc
	PaneLoad
	PaneQueue
	PaneHints
	PaneLog
	NumPanes
)

// PaneNames are the panes' titles.
var PaneNames = [NumPanes]string{"Destinations", "Concurrency", "Load", "Queue", "Hints", "Log"}

// Rect is a pane's place on the screen.
type Rect struct {
	Pane       Pane
	X, Y, W, H int
}

// Minimum terminal size: every pane stays usable in its compact form.
const (
	MinWidth  = 60
	MinHeight = 16
	minPaneH  = 3 // border plus one line
)

// TooSmall is the message shown below the minimum size.
func TooSmall(w, h int) string {
	return fmt.Sprintf("terminal too small: need %dx%d\n(this one is %dx%d)", MinWidth, MinHeight, w, h)
}

// Layout places the visible panes in a w×h area (the status bar excluded).
// Wide screens get two columns: destinations and log on the left, the rest
// on the right. Short screens squash unfocused panes to one line; zoom
// gives the focused pane everything. ok is false below the minimum size.
func Layout(w, h int, visible [NumPanes]bool, focus Pane, zoom bool) ([]Rect, bool) {
	if w < MinWidth || h < MinHeight-1 {
		return nil, false
	}
	var vis []Pane
	for p := Pane(0); p < NumPanes; p++ {
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
	var left, right []Pane
	if w >= 100 && len(vis) > 1 {
		for _, p := range vis {
			if p == PaneDest || p == PaneLog {
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

// weight says how much height a pane wants relative to others.
func weight(p Pane) int {
	switch p {
	case PaneDest, PaneLog:
		return 3
	case PaneHints:
		return 3
	case PaneLoad:
		return 2
	}
	return 2
}

func column(panes []Pane, x, w, h int, focus Pane) []Rect {
	n := len(panes)
	heights := make([]int, n)
	total := 0
	for _, p := range panes {
		total += weight(p)
	}
	used := 0
	for i, p := range panes {
		heights[i] = h * weight(p) / total
		used += heights[i]
	}
	heights[0] += h - used
	// Short column: unfocused panes shrink to one line, the focused pane
	// takes the rest (z zooms it entirely).
	fi := -1
	for i, p := range panes {
		if p == focus {
			fi = i
		}
	}
	if fi >= 0 && n > 2 && h/n < 6 && h-(n-1)*minPaneH > heights[fi] {
		for i := range heights {
			heights[i] = minPaneH
		}
		heights[fi] = h - (n-1)*minPaneH
	}
	// Squash: when a pane is below its minimum, take from the focused (or
	// the largest) pane.
	for i := range heights {
		for heights[i] < minPaneH {
			j := largest(heights, panes, focus)
			if j == i || heights[j] <= minPaneH {
				break
			}
			heights[j]--
			heights[i]++
		}
	}
	rects := make([]Rect, n)
	y := 0
	for i, p := range panes {
		rects[i] = Rect{p, x, y, w, heights[i]}
		y += heights[i]
	}
	return rects
}

func largest(heights []int, panes []Pane, focus Pane) int {
	best := 0
	for i := range heights {
		if heights[i] > heights[best] || heights[i] == heights[best] && panes[i] == focus {
			best = i
		}
	}
	return best
}
