package sources

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// matchKnownNaive is the knowledge base's rule written plainly: the first
// entry whose texts all appear.
func matchKnownNaive(msg string) uint16 {
	low := []byte(strings.ToLower(msg[:min(len(msg), knownLower)]))
	for i, pats := range knownPats {
		if knownRest(low, pats) {
			return uint16(i + 1)
		}
	}
	return 0
}

// The hashed one-pass match gives the same entry as trying every entry in
// order, on every line of the repository's testdata and on texts made of
// each entry's own words, in both orders and cut short.
func TestMatchKnownAgreesWithTheTable(t *testing.T) {
	var texts []string
	for _, k := range KnownMessages {
		texts = append(texts, "x "+strings.Join(k.Match, " y ")+" z")
		rev := append([]string(nil), k.Match...)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		texts = append(texts, strings.ToUpper(strings.Join(rev, " ")), k.Match[0][:len(k.Match[0])-1])
	}
	files, _ := filepath.Glob("../testdata/lab/*.log")
	more, _ := filepath.Glob("testdata/*")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			texts = append(texts, string(line))
		}
	}
	for _, s := range texts {
		if got, want := MatchKnown(s), matchKnownNaive(s); got != want {
			t.Errorf("MatchKnown(%q) = %d, the table's first match is %d", s, got, want)
		}
	}
}

func BenchmarkMatchKnownMiss(b *testing.B) {
	msg := "reject: RCPT from unknown[203.0.113.9]: 550 5.1.1 <no@corp.example>: Recipient address rejected: User unknown in virtual mailbox table; from=<s@spam.example> to=<no@corp.example> proto=ESMTP helo=<spam>"
	for b.Loop() {
		if MatchKnown(msg) != 0 {
			b.Fatal("matched")
		}
	}
}
