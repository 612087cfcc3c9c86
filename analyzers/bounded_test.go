package analyzers

import (
	"fmt"
	"testing"

	"mxtop/sources"
)

// Past max keys, counts fold into the other key: the map stays bounded
// (max keys plus other) and the counts still sum to what was added.
func TestAddBoundedKeepsTotals(t *testing.T) {
	m := map[string]int{}
	line := []byte("key-0000")
	for i := 0; i < 1000; i++ {
		copy(line[4:], fmt.Sprintf("%04d", i%300))
		addBounded(m, string(line), 100, "(other)")
	}
	sum := 0
	for _, n := range m {
		sum += n
	}
	if len(m) != 101 || sum != 1000 || m["(other)"] == 0 {
		t.Errorf("%d keys, sum %d, other %d", len(m), sum, m["(other)"])
	}
	if m["key-0000"] != 4 {
		t.Errorf("key-0000 counted %d times, want 4", m["key-0000"])
	}
}

// A counted key never shares memory with the text it came from, even when
// it was already in the map: a reused line buffer must not change it.
func TestAddBoundedCopiesKeys(t *testing.T) {
	m := map[string]int{}
	buf := []byte("Relay access denied")
	for i := 0; i < 3; i++ {
		addBounded(m, string(buf[:5]), 10, "(other)")
		k := unsafeKey(buf[:5])
		addBounded(m, k, 10, "(other)")
	}
	copy(buf, "XXXXXXXXXXXXXXXXXXX")
	if m["Relay"] != 6 || len(m) != 1 {
		t.Errorf("a key changed with its source text: %v", m)
	}
}

// The metrics' delivery and smtpd counts are keyed by copies of the tag,
// never by the record's text, which a reader may reuse for the next lines.
func TestCountedTagsAreCopies(t *testing.T) {
	e := NewEngine(0)
	buf := []byte("postfix/smtp")
	for i := 0; i < 3; i++ {
		r := sources.Record{Event: sources.EvDelivery, Program: unsafeKey(buf), Daemon: "smtp", Status: sources.StatusSent}
		e.count(&r)
		c := sources.Record{Event: sources.EvConnect, Program: unsafeKey(buf), Daemon: "smtpd"}
		e.count(&c)
	}
	copy(buf, "XXXXXXXXXXXX")
	for k := range e.Deliveries {
		if k.Tag != "postfix/smtp" {
			t.Errorf("delivery key changed with the line: %q", k.Tag)
		}
	}
	for k := range e.Smtpd {
		if k != "postfix/smtp" {
			t.Errorf("smtpd key changed with the line: %q", k)
		}
	}
}
