package ui

import (
	"strings"
	"testing"
	"time"

	"mxtop/sources"
)

func queueAgeData() *Data {
	t := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	dq := sources.DomainQueue{Domain: "slow.example", Recipients: 1023}
	for i := range dq.Buckets {
		dq.Buckets[i] = 1 << i // 1, 2, 4 ... 512: every sum of them is unique
	}
	return &Data{Queue: QueueData{Snapshot: &sources.QueueSnapshot{Time: t, Queues: map[string]sources.QueueCount{"deferred": {Messages: 1023}},
		Domains: []sources.DomainQueue{dq}}}}
}

// queueAgeColumns is the age columns of the domain's row and the header's labels.
func queueAgeColumns(t *testing.T, w int) (labels, counts []string) {
	t.Helper()
	id := PaneID(-1)
	for i := PaneID(0); i < NumPanes; i++ {
		if PaneName(i) == "Queue" {
			id = i
		}
	}
	var hdr, row string
	for _, l := range PaneContent(id, queueAgeData(), "", NewStyles(false), w) {
		switch {
		case strings.HasPrefix(l, "queued domain"):
			hdr = l
		case strings.HasPrefix(l, "slow.example"):
			row = l
		}
	}
	if hdr == "" || row == "" {
		t.Fatalf("no header or row at width %d", w)
	}
	labels = strings.Fields(strings.TrimPrefix(hdr, "queued domain"))
	counts = strings.Fields(strings.TrimPrefix(row, "slow.example"))
	return labels[1 : len(labels)-1], counts[1:] // drop rcpt and class
}

// Narrow, the queue pane shows the youngest age buckets and sums all the
// older ones into its last column; wide, every bucket has its column.
func TestQueueCompactSumsOlderBuckets(t *testing.T) {
	labels, counts := queueAgeColumns(t, 80)
	if strings.Join(labels, " ") != "5 10 20 40 80+" || strings.Join(counts, " ") != "1 2 4 8 1008" {
		t.Errorf("compact: %v / %v, want the buckets from 80 minutes on summed (16+32+...+512 = 1008)", labels, counts)
	}
	labels, counts = queueAgeColumns(t, 140)
	if strings.Join(labels, " ") != "5 10 20 40 80 160 320 640 1280 1280+" || strings.Join(counts, " ") != "1 2 4 8 16 32 64 128 256 512" {
		t.Errorf("wide: %v / %v", labels, counts)
	}
}

// The status bar says how many records were dropped, and says nothing of
// drops when there were none.
func TestStatusBarDropped(t *testing.T) {
	st := NewStyles(false)
	if s := StatusBar(&Data{Dropped: 42}, &ViewState{}, st, 120); !strings.Contains(s, "42 dropped") {
		t.Errorf("status bar %q", s)
	}
	if s := StatusBar(&Data{}, &ViewState{}, st, 120); strings.Contains(s, "dropped") {
		t.Errorf("status bar %q", s)
	}
}
