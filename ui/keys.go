package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the one place the screen-wide keys are defined: dispatch and
// help both read it. Each pane defines its own keys (Pane.Keys) the same
// way. Nothing is bound to ctrl+a or ctrl+b (tmux and screen prefixes).
type KeyMap struct {
	Panes      [NumPanes]key.Binding // toggles: 1 for the first pane, ...
	Next, Prev key.Binding
	Zoom       key.Binding
	Filter     key.Binding
	Pause      key.Binding
	Snapshot   key.Binding
	Undo       key.Binding
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
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo the last applied change (restore its backup)")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "unzoom, then clear the filter")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PgUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PgDn:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
	for id := range k.Panes {
		n := string(rune('1' + id))
		k.Panes[id] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, "toggle "+strings.ToLower(PaneName(PaneID(id)))))
	}
	return k
}

// All lists every screen-wide binding in help order.
func (k KeyMap) All() []key.Binding {
	out := append([]key.Binding{}, k.Panes[:]...)
	return append(out, k.Next, k.Prev, k.Zoom, k.Filter, k.Pause, k.Snapshot, k.Undo, k.Back,
		k.Up, k.Down, k.PgUp, k.PgDn, k.Home, k.End, k.Help, k.Quit)
}

// HelpText renders the help: the screen-wide keys, then each pane's own
// under its name. Only enabled bindings show, so a hidden pane's keys do
// not.
func HelpText(k KeyMap, v *ViewState) []string {
	return append(helpLines("", k.All()), paneHelp(v)...)
}

// paneHelp is the keys of the panes on screen, under their names.
func paneHelp(v *ViewState) []string {
	var lines []string
	first := map[string]string{} // a key and its help: the pane that listed it
	for id := range v.Panes {
		name := PaneName(PaneID(id))
		var own []key.Binding
		var again []string
		from := ""
		for _, b := range v.Pane(PaneID(id)).Keys() {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			if p, ok := first[h.Key+"\x00"+h.Desc]; ok && (from == "" || from == p) {
				// The queue actions are the same keys in two panes:
				// listed once, then named.
				again, from = append(again, h.Key), p
				continue
			}
			first[h.Key+"\x00"+h.Desc] = name
			own = append(own, *b)
		}
		h := helpLines("  ", own)
		if len(again) > 0 {
			h = append(h, "  "+padRight(strings.Join(again, " "), 12)+"as in "+from)
		}
		if len(h) > 0 {
			lines = append(lines, name+" (when focused)")
			lines = append(lines, h...)
		}
	}
	return lines
}

func helpLines(indent string, bs []key.Binding) []string {
	var lines []string
	for _, b := range bs {
		if b.Enabled() {
			h := b.Help()
			lines = append(lines, indent+padRight(h.Key, 12)+h.Desc)
		}
	}
	return lines
}
