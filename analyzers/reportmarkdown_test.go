package analyzers

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// What the Markdown report quotes from the log (a reply's <address>, the
// null sender <>, a made-up <tag>) reaches a ticket as text: outside
// code, no "<" is left for the renderer to take as HTML or a link.
func TestMarkdownQuotesLogTextOutsideCode(t *testing.T) {
	reply := "550 5.1.1 <bob@example.com>: Recipient address rejected; from=<> <b>x</b>"
	r := &Report{
		Hints: []Hint{{Severity: SevWarning, ID: "tls", Title: "Outbound: <b>example.com</b> refuses",
			Evidence: []string{"last reply: " + reply}, Cautions: []string{"check <host> first"},
			Samples: []string{"Dec 01 mx postfix/smtp[1]: " + reply}}},
		Destinations: []DestJSON{{Domain: "example.com", Deferred: 1, ErrorsPerMin: [3]float64{1, 1, 1},
			LastError: &LastError{Time: time.Unix(0, 0), Class: "other", Text: reply}}},
		Rejects: []ReasonCount{{Reason: "Recipient address rejected: <x>", Count: 2}},
	}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile("`[^`]*`")
	fenced := false
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		if text := code.ReplaceAllString(line, ""); strings.Contains(text, "<") {
			t.Errorf("a raw < outside code: %q", line)
		}
	}
	if !strings.Contains(b.String(), "&lt;bob@example.com>") {
		t.Errorf("the reply's address is gone:\n%s", b.String())
	}
}
