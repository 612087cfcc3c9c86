package analyzers

import (
	"slices"
	"strconv"
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

// A log listed newest first with several lines in a second (every busy
// log) steps back once a second and never forward: lines of the same
// second are no step. A report of one read last line first says so, and
// sends no one to tac.
func TestNewestFirstWithLinesSharingSeconds(t *testing.T) {
	var lines []string
	for i := range 30 {
		for j := range 4 {
			lines = append(lines, deliv(i, "example.net", "sent", "250 ok "+strconv.Itoa(j)))
		}
	}
	slices.Reverse(lines)
	e := feed(lines...)
	if e.NewestFirst() == 0 {
		t.Fatalf("not read as newest first: back %d, forward %d", e.backSteps, e.forwardSteps)
	}
	e.ReadReversed = true
	rep := e.Report(ReportOptions{Whole: true})
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); !strings.Contains(s, "read last line first") || strings.Contains(s, "tac") {
		t.Errorf("a log read last line first: %s", s[:min(400, len(s))])
	}
}
