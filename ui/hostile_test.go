package ui

import (
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// evil is what a crafted log line can carry: an OSC title change, an SGR,
// the 8-bit CSI, a bidi override.
const evil = "\x1b]0;owned\x07\x1b[31m\u009b1m\u202e"

// shifty are texts that the layout, Bubble Tea's renderer and terminals
// measure differently (a soft hyphen is 0 cells to the first two and 1 to
// tmux; an emoji ZWJ sequence 2 or 6; an emoji with VS16 2 or 1), or that
// draw nothing: each shifts the rest of its line on a real terminal.
var shifty = []string{
	"soft\u00adhyphen", "zero\u200bwidth\u200djoin\ufeff", "family👨\u200d👩\u200d👧", "heart❤\ufe0f", "key5\ufe0f\u20e3",
	"line\u2028sep\u2029", "tag\U000e0041", "jamo\u115f\u1160", "thai\u0e01\u0e33", "private\ue000",
}

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

// Text that terminals draw at another width than the layout measured
// becomes U+FFFD, so every line of every pane is exactly as wide for the
// layout, the renderer and the terminal, and nothing combines with the
// border next to it.
func TestShiftyTextKeepsColumns(t *testing.T) {
	d := fixture()
	all := strings.Join(shifty, " ")
	d.Dests[0].Domain = "gmail" + shifty[0] + ".com"
	d.Dests[1].Domain = shifty[2]
	d.Dests[0].LastReply = all
	d.Dests[0].Recent = shifty
	d.Dests[0].Hops[0].Host = all
	d.Outbound[0].Name = shifty[3]
	d.Queue.Snapshot.Domains[0].Domain = shifty[4]
	d.Hints[0].Title = all
	d.Hints[0].Evidence = shifty
	for i, s := range shifty {
		d.Log = append(d.Log, d.Log[0])
		d.Log[len(d.Log)-1].Line = itoa(i) + " " + s + " end"
	}
	keys, st := DefaultKeys(), NewStyles(false)
	for _, detail := range []bool{false, true} {
		for _, w := range []int{80, 120, 240} {
			v := NewViewState(w, 60)
			if detail {
				c := &Ctx{Data: d, Styles: st, Query: &Query{}}
				v.Pane(named("Destinations")).Key(tea.KeyPressMsg{Code: tea.KeyEnter}, c)
				v.Pane(named("Hints")).Key(tea.KeyPressMsg{Code: tea.KeyEnter}, c)
			}
			for i, l := range strings.Split(Render(d, &v, st, keys), "\n") {
				if g, wc := ansi.StringWidth(l), ansi.StringWidthWc(l); g != w || wc != w {
					t.Errorf("%d wide, detail %v: line %d measures %d by graphemes, %d by wcwidth: %q", w, detail, i, g, wc, ansi.Strip(l))
				}
				for _, r := range l {
					if !unicode.IsGraphic(r) && r != '\x1b' {
						t.Errorf("%d wide, detail %v: line %d holds %U: %q", w, detail, i, r, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// A destination named with a character terminals draw as nothing (the
// combining grapheme joiner, a variation selector, a Hangul filler) is
// shown with U+FFFD in its place: "gm\u034fail.com" read as gmail.com.
func TestInvisibleCharactersOnScreen(t *testing.T) {
	d := fixture()
	names := []string{"gm\u034fail.test", "gmai\ufe00l.test", "\u3164gmail.test"}
	for i, n := range names {
		d.Dests[i].Domain = n
	}
	v := NewViewState(240, 60)
	out := ansi.Strip(Render(d, &v, NewStyles(false), DefaultKeys()))
	for _, want := range []string{"gm\uFFFDail.test", "gmai\uFFFDl.test", "\uFFFDgmail.test"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q not shown:\n%s", want, out)
		}
	}
}
