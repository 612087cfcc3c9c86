package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// A destination that refuses most mail with a reply no rule reads (a
// receiver's own words and codes) is not passed over in silence: the hint
// says how much failed and points at the reply, and proposes no change,
// since none is known to help. A few such replies among deliveries that
// go through give nothing.
func TestUnknownRefusalsAreSaid(t *testing.T) {
	refusal := func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtp[401]: 7A%08X: to=<u%d@partner.example>, relay=mx.partner.example[192.0.2.70]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.0.0, status=bounced (host mx.partner.example[192.0.2.70] said: 550 Administrative prohibition - envelope blocked - https://community.example/docs#550 (in reply to RCPT TO command))", stamp(i), i, i)
	}
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, refusal(i))
	}
	lines = append(lines, sentTo(40, "partner.example"))
	h := hintIDs(feed(lines...).Hints(true))["unknown_refusals"]
	if len(h) != 1 {
		t.Fatalf("want one unknown_refusals hint, got %+v", hintIDs(feed(lines...).Hints(true)))
	}
	text := strings.Join(append(append([]string{h[0].Title}, h[0].Evidence...), h[0].Actions...), "\n")
	for _, want := range []string{"partner.example", "30 of 31", "30 bounced", "envelope blocked", "the reply"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	if h[0].Severity != SevWarning || len(h[0].Changes) != 0 {
		t.Errorf("%s, changes %+v", h[0].Severity, h[0].Changes)
	}
	for _, a := range h[0].Steps {
		if a.Command {
			t.Errorf("a command for a reply nothing reads: %q", a.Text)
		}
	}
	// A few among many delivered: nothing.
	lines = lines[:0]
	for i := 0; i < 5; i++ {
		lines = append(lines, refusal(i))
	}
	for i := 0; i < 100; i++ {
		lines = append(lines, sentTo(10+i, "partner.example"))
	}
	if h := hintIDs(feed(lines...).Hints(true))["unknown_refusals"]; len(h) != 0 {
		t.Errorf("a hint for 5 of 105: %s", h[0].Title)
	}
}
