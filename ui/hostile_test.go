package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// evil is what a crafted log line can carry: an OSC title change, an SGR,
// the 8-bit CSI, a bidi override.
const evil = "\x1b]0;owned\x07\x1b[31m\u009b1m\u202e"

// rawOnScreen lists what reaches the terminal raw besides the plain
// palette's own reverse video: escapes, controls, bidi marks.
func rawOnScreen(s string) []rune {
	s = strings.NewReplacer("\x1b[7m", "", "\x1b[m", "").Replace(s)
	var bad []rune
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x202e {
			bad = append(bad, r)
		}
	}
	return bad
}

// Every text of the log reaches the screen cleaned, whichever field
// carries it: the next hop's address (the parser reads it up to the ']'),
// the Postfix version of a "daemon started" line, the queue directory,
// a flash quoting a source's state, the filter.
func TestHostileFieldsOnScreen(t *testing.T) {
	d := fixture()
	d.Version = "3.7" + evil
	d.Dests[0].Hops[0].IP = "192.0.2.1" + evil
	d.Load.Machine.QueueDir = "/var/spool/postfix" + evil
	keys, st := DefaultKeys(), NewStyles(false)
	v := NewViewState(240, 60)
	v.Flash = "queue: unavailable: postqueue: " + evil
	v.Pane(named("Destinations")).Key(tea.KeyPressMsg{Code: tea.KeyEnter}, &Ctx{Data: d, Styles: st, Query: &Query{}})
	out := Render(d, &v, st, keys)
	for _, s := range []string{"192.0.2.1^[]0;owned^G", "Postfix 3.7^[]0;owned", "/var/spool/postfix^[]0;owned", "postqueue: ^[]0;owned"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q not shown:\n%s", s, ansi.Strip(out))
		}
	}
	if bad := rawOnScreen(out); len(bad) > 0 {
		t.Errorf("raw %q on the screen:\n%q", bad, out)
	}
	v.Flash, v.Filter = "", "gmail"+evil
	if bad := rawOnScreen(StatusBar(d, &v, st, 240)); len(bad) > 0 {
		t.Errorf("raw %q in the filter shown", bad)
	}
}
