package ui

import (
	"fmt"
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

// A confirmation whose commands do not all fit the window does not offer
// to run them: the admin confirms what they read. It says to enlarge the
// window, and ConfirmFits tells the model so.
func TestConfirmTooTallDoesNotOfferToRun(t *testing.T) {
	c := &Confirm{Title: "hold 54 message(s) queued for gmail.com?", Lines: []string{"commands (run directly, not through a shell):"}}
	for i := 0; i < 12; i++ {
		c.Lines = append(c.Lines, fmt.Sprintf("  $ postsuper -h %010X", i))
	}
	small := NewViewState(60, 16)
	small.Confirm = c
	out := ansi.Strip(Render(&Data{}, &small, NewStyles(false), DefaultKeys()))
	if strings.Contains(out, "y: run these commands") || !strings.Contains(out, "enlarge the window") {
		t.Errorf("cut confirmation:\n%s", out)
	}
	if ConfirmFits(c, 60, 16) {
		t.Error("ConfirmFits says a cut confirmation fits")
	}
	big := NewViewState(100, 40)
	big.Confirm = c
	if out := ansi.Strip(Render(&Data{}, &big, NewStyles(false), DefaultKeys())); !strings.Contains(out, "y: run these commands") || !ConfirmFits(c, 100, 40) {
		t.Errorf("whole confirmation:\n%s", out)
	}
}
