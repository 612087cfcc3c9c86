package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The confirmation shows its commands whole: a line wider than the screen
// wraps, so the "| postsuper -h -" after a long list of queue ids shows at
// 80 columns, where it was cut off at the border.
func TestConfirmWrapsLongLines(t *testing.T) {
	v := NewViewState(80, 24)
	v.Confirm = &Confirm{Title: "hold 54 message(s) queued for gmail.com?", Lines: []string{
		"commands (run directly, not through a shell):",
		"  " + NewStyles(true).Accent.Render("$ printf '%s\\n' "+strings.Repeat("0184AE4D30 ", 6)+"… (48 more) | postsuper -h -"),
	}}
	out := Render(&Data{}, &v, NewStyles(true), DefaultKeys())
	for i, l := range strings.Split(out, "\n") {
		if w := lipgloss.Width(l); w != 80 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	plain := ansi.Strip(out)
	for _, s := range []string{"$ printf", "| postsuper -h -", "y: run these commands"} {
		if !strings.Contains(plain, s) {
			t.Errorf("%q not shown:\n%s", s, plain)
		}
	}
}
