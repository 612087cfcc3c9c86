package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// A receiver's reputation verdict in a failed try at one server (the
// smtp client goes on to the next MX) is about our IP as much as the
// same reply in a deferral: a log cut before the deferral still gives
// the blocklist hint, with the try as its sample.
func TestBlocklistFromFailedTryAlone(t *testing.T) {
	try := func(sec int) string {
		return fmt.Sprintf("%s mx postfix/smtp[77]: 4A1B2C3D%02d: host mx1.mail.example.net[198.51.100.7] said: 421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command)", stamp(sec), sec)
	}
	e := feed(try(1), try(30))
	hs := hintIDs(e.Hints(true))
	b := hs["blocklist"]
	if len(b) != 1 {
		t.Fatalf("want one blocklist hint from two failed tries, got %+v", hs)
	}
	if len(b[0].Samples) == 0 || !strings.Contains(b[0].Samples[0], "[TSS04]") {
		t.Errorf("sample should be the failed try, got %q", b[0].Samples)
	}
	if !strings.Contains(strings.Join(b[0].Evidence, " "), "2 failed tries") {
		t.Errorf("evidence should count the tries, got %q", b[0].Evidence)
	}

	// A failed try for another reason gives no blocklist hint.
	other := fmt.Sprintf("%s mx postfix/smtp[77]: 4A1B2C3D99: host mx1.mail.example.net[198.51.100.7] said: 452 4.2.2 mailbox full (in reply to RCPT TO command)", stamp(5))
	if hs := hintIDs(feed(other).Hints(true)); len(hs["blocklist"]) != 0 {
		t.Errorf("a mailbox-full try gave a blocklist hint: %+v", hs["blocklist"])
	}
}
