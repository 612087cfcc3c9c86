package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestDeterministicAndComplete(t *testing.T) {
	var a, b bytes.Buffer
	args := []string{"-n", "20000", "-seed", "5", "-incident-at", "0.3", "-incident-len", "0.3"}
	if err := run(args, &a); err != nil {
		t.Fatal(err)
	}
	if err := run(args, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same seed, different output")
	}
	out := a.String()
	if n := strings.Count(out, "\n"); n != 20000 {
		t.Fatalf("%d lines, want 20000", n)
	}
	for _, want := range []string{"Error: too many connections", "delivery temporarily suspended", "status=sent",
		"has reached its process limit", "Connection timed out", "Name service error", "Greylisted", "PASS OLD", "statistics: max connection rate"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the log", want)
		}
	}
	var c bytes.Buffer
	if err := run([]string{"-n", "100", "-format", "rfc3339"}, &c); err != nil || !strings.HasPrefix(c.String(), "2026-11-28T04:00:00.000000+00:00 mx1 postfix/master") {
		t.Fatalf("rfc3339: %v %.80q", err, c.String())
	}
}
