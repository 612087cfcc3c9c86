package analyzers

import (
	"slices"
	"strings"
	"testing"
)

// Some exports list a log newest first (mailcow's Redis list and API,
// logcli's default): its window, rates and concurrency estimates assume
// the oldest first, so the report says the order is reversed; a log in
// time order, with a few lines out of place, says nothing.
func TestReportSaysALogRunsNewestFirst(t *testing.T) {
	var lines []string
	for i := range 40 {
		lines = append(lines, deliv(i*3, "example.net", "sent", "250 ok"))
	}
	inOrder := slices.Clone(lines)
	inOrder[10], inOrder[11] = inOrder[11], inOrder[10]
	slices.Reverse(lines)
	rep := feed(lines...).Report(ReportOptions{Whole: true})
	if rep.Lines.Backward == 0 {
		t.Fatalf("a newest-first log: no word of its order: %+v", rep.Lines)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "newest first") || !strings.Contains(b.String(), "tac") {
		t.Errorf("the text report does not say the log runs newest first:\n%s", b.String()[:min(500, b.Len())])
	}
	if r := feed(inOrder...).Report(ReportOptions{Whole: true}); r.Lines.Backward != 0 {
		t.Errorf("a log in time order with two lines swapped read as newest first: %+v", r.Lines)
	}
}
