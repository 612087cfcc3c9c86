package main

import (
	"testing"

	"mxtop/sources"
)

// The parser looks each warning up in the message knowledge base through
// a lower-cased copy in a buffer on the stack. A callee that lets that
// buffer escape makes every lookup a 1 KiB allocation: inlining guided
// by default.pgo once did so through bytes.Index. go test builds this
// package with default.pgo, as go build builds mxtop.
func TestKnownLookupKeepsItsBufferOnTheStack(t *testing.T) {
	msgs := []string{
		`warning: connect to Milter service inet:127.0.0.1:8891: Connection refused`,
		`warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:ssl/record/rec_layer_s3.c:692:`,
		`warning: hostname mail.example.com does not resolve to address 192.0.2.7: Name or service not known`,
	}
	for _, msg := range msgs {
		if n := testing.AllocsPerRun(50, func() { sources.MatchKnown(msg) }); n != 0 {
			t.Errorf("MatchKnown(%q) allocates %.0f times a call", msg, n)
		}
		if n := testing.AllocsPerRun(50, func() { sources.MatchKnownClient(msg, "unknown", "192.0.2.7") }); n != 0 {
			t.Errorf("MatchKnownClient(%q) allocates %.0f times a call", msg, n)
		}
	}
}
