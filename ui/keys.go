package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the one place keys are defined: dispatch and help both read
// it. Nothing is bound to ctrl+a or ctrl+b (tmux and screen prefixes).
type KeyMap struct {
	Panes      [NumPanes]key.Binding
	Next, Prev key.Binding
	Zoom       key.Binding
	Filter     key.Binding
	Pause      key.Binding
	Snapshot   key.Binding
	Sort       key.Binding
	Enter      key.Binding
	Back       key.Binding
	Up, Down   key.Binding
	PgUp, PgDn key.Binding
	Home, End  key.Binding
	Help       key.Binding
	Quit       key.Binding
}

// DefaultKeys returns the key map.
func DefaultKeys() KeyMap {
	k := KeyMap{
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Zoom:     key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "zoom focused pane")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter by domain, class or text")),
		Pause:    key.NewBinding(key.WithKeys("p", "space"), key.WithHelp("p/space", "pause the view")),
		Snapshot: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "snapshot to a file")),
		Sort:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "change destination sort")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open detail / expand hint")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close detail, clear filter")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PgUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PgDn:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
	for p := Pane(0); p < NumPanes; p++ {
		n := string(rune('1' + p))
		k.Panes[p] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, "toggle "+strings.ToLower(PaneNames[p])))
	}
	return k
}

// All lists every binding in help order.
func (k KeyMap) All() []key.Binding {
	out := append([]key.Binding{}, k.Panes[:]...)
	return append(out, k.Next, k.Prev, k.Zoom, k.Filter, k.Pause, k.Snapshot, k.Sort, k.Enter, k.Back,
		k.Up, k.Down, k.PgUp, k.PgDn, k.Home, k.End, k.Help, k.Quit)
}

// HelpText renders the full help from the key map: only enabled bindings.
func HelpText(k KeyMap) []string {
	var lines []string
	for _, b := range k.All() {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		lines = append(lines, padRight(h.Key, 12)+h.Desc)
	}
	return lines
}
