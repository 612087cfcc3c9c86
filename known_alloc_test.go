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

// Classify lower-cases each reason into a buffer on the stack in the same
// way: a callee that keeps a slice of it (bytes.Fields' result) moves the
// buffer to the heap, one allocation a classified line.
func TestClassifyKeepsItsBufferOnTheStack(t *testing.T) {
	for _, reason := range []string{
		`host mx.example.net[192.0.2.7] said: 421 4.7.0 Try again later, closing connection. (in reply to MAIL FROM command)`,
		`host gw-3.example.se[192.0.2.106] refused to talk to me: 554 gw-3.example.se`,
		`connect to mx.example.org[192.0.2.9]:25: Connection timed out`,
		`host mx.example.net[192.0.2.7] said: 250 ok ` + string(make([]byte, 400)),
	} {
		if n := testing.AllocsPerRun(50, func() { sources.Classify(reason) }); n != 0 {
			t.Errorf("Classify(%.60q) allocates %.0f times a call", reason, n)
		}
	}
}
