package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// A receiver refusing messages for their size (5.3.4, 5.2.3) is its
// limit, which no setting here raises: the hint says so, names who sends
// them, and does not touch this host's own message_size_limit, which
// bounds what this host accepts.
func TestMessageTooBigForTheReceiver(t *testing.T) {
	var lines []string
	for i := 0; i < 12; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[601]: 9A%08X: to=<u%d@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.26]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.3.4, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.26] said: 552-5.3.4 Your message exceeded Google's message size limits. (in reply to end of DATA command))", stamp(i), i, i))
	}
	h := hintIDs(feed(lines...).Hints(true))["message_size"]
	if len(h) != 1 {
		t.Fatalf("want one message_size hint, got %+v", hintIDs(feed(lines...).Hints(true)))
	}
	text := strings.Join(append(append([]string{h[0].Title}, h[0].Evidence...), h[0].Actions...), "\n")
	for _, want := range []string{"gmail.com", "12 deliveries", "size", "exceeded Google's message size limits"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	for _, a := range h[0].Steps {
		if a.Command && strings.Contains(a.Text, "postconf -e") {
			t.Errorf("a change here for the receiver's limit: %q", a.Text)
		}
	}
	if len(h[0].Changes) != 0 {
		t.Errorf("changes %+v", h[0].Changes)
	}
	// One big message now and then: nothing.
	if h := hintIDs(feed(lines[:2]...).Hints(true))["message_size"]; len(h) != 0 {
		t.Errorf("a hint for two: %s", h[0].Title)
	}
}
