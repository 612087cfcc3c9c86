package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// storageDeferral is a next hop's temporary refusal for want of disk
// space: RFC 5321's 452 "insufficient system storage", or the 451 a
// Postfix next hop gives when its cleanup cannot write the queue file.
func storageDeferral(i int, domain, relay, reply string) string {
	return hopReply(i, domain, relay, "4.3.1", "deferred", reply)
}

func TestNextHopShortOfStorageIsItsOwnClass(t *testing.T) {
	for _, reply := range []string{
		"452 4.3.1 Insufficient system storage (in reply to MAIL FROM command)",
		"451 4.3.0 Error: queue file write error (in reply to end of DATA command)",
		"452 4.3.1 No space left on device (in reply to RCPT TO command)",
	} {
		line := storageDeferral(1, "example.org", "mx.example.org[192.0.2.10]:25", reply)
		var r sources.Record
		sources.NewParser().Parse(line, &r)
		if r.Class.String() != "remote_storage" {
			t.Errorf("%q: class %q, want remote_storage", reply, r.Class)
		}
	}
}

// A remote next hop out of disk space is that host's trouble: the mail
// waits in this queue and is retried, and nothing here needs changing.
func TestRemoteNextHopShortOfStorage(t *testing.T) {
	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, storageDeferral(i, "example.org", "mx.example.org[192.0.2.10]:25", "452 4.3.1 Insufficient system storage (in reply to MAIL FROM command)"))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	got := hs["remote_storage"]
	if len(got) != 1 {
		t.Fatalf("want one remote_storage hint, got %+v", hs)
	}
	h := got[0]
	if h.Severity != SevInfo || !strings.Contains(h.Subject, "example.org") {
		t.Errorf("want an info hint about example.org, got %s %q", h.Severity, h.Subject)
	}
	acts := strings.Join(h.Actions, " | ")
	if !strings.Contains(acts, "nothing to change") || !strings.Contains(acts, "maximal_queue_lifetime") {
		t.Errorf("advice should say the mail waits and is retried: %q", acts)
	}
	if strings.Contains(acts, "df ") {
		t.Errorf("a remote host's disk is not this host's: %q", acts)
	}
	for _, id := range []string{"destination_concurrency", "rate_delay", "firewall"} {
		if len(hs[id]) != 0 {
			t.Errorf("a full disk at the next hop gave %s: %+v", id, hs[id])
		}
	}
}

// The same reply from a next hop on loopback (a content filter's return
// path, smtpd on 127.0.0.1:10025) is this host's own disk.
func TestLoopbackNextHopShortOfStorageIsThisHost(t *testing.T) {
	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, storageDeferral(i, "example.org", "127.0.0.1[127.0.0.1]:10025", "452 4.3.1 Insufficient system storage (in reply to MAIL FROM command)"))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	got := hs["remote_storage"]
	if len(got) != 1 {
		t.Fatalf("want one remote_storage hint, got %+v", hs)
	}
	h := got[0]
	if h.Severity != SevWarning {
		t.Errorf("this host's own disk running out is a warning, got %s", h.Severity)
	}
	if acts := strings.Join(h.Actions, " | "); !strings.Contains(acts, "df -h") || !strings.Contains(acts, "queue_directory") {
		t.Errorf("advice should check this host's free space: %q", acts)
	}
}

// On this site's private network the full disk is an internal relay's or
// filter host's: named by its address, without this host's df.
func TestPrivateNextHopShortOfStorageNamesIt(t *testing.T) {
	var lines []string
	for i := 1; i <= 2; i++ {
		lines = append(lines, storageDeferral(i, "example.org", "relay.internal[10.1.2.3]:25", "452 4.3.1 Insufficient system storage (in reply to RCPT TO command)"))
	}
	got := hintIDs(feed(lines...).Hints(true))["remote_storage"]
	if len(got) != 1 {
		t.Fatalf("want one remote_storage hint, got %+v", got)
	}
	acts := strings.Join(got[0].Actions, " | ")
	if !strings.Contains(acts, "10.1.2.3") || strings.Contains(acts, "df -h") {
		t.Errorf("advice should name the internal next hop and not this host's disk: %q", acts)
	}
}
