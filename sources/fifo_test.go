//go:build unix

package sources

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"mxtop/sources/sourcestest"
)

func makeFIFO(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "mail.fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	return path
}

// writeFIFO opens the FIFO as a writer (waiting for a reader), writes
// lines from..to and closes it.
func writeFIFO(t *testing.T, path string, from, to int) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	writeLines(t, f, from, to)
}

// A FIFO is followed as a stream: its state says so before any writer
// comes, and lines of one writer after another are read.
func TestFollowFIFO(t *testing.T) {
	path := makeFIFO(t)
	c := startCollector(t, path, false)
	c.mu.Lock()
	st := c.states[0]
	c.mu.Unlock()
	if st.Health != HealthOK || st.Detail != "reading "+path+" as a stream (a FIFO: no rotation, no history)" {
		t.Fatalf("state %v", st)
	}
	writeFIFO(t, path, 0, 300)
	c.settle(300)
	writeFIFO(t, path, 300, 400)
	c.settle(400)
	c.check(t, 400)
}

// A report on a FIFO reads what its writer writes: nothing is consumed to
// order the files.
func TestReplayFIFO(t *testing.T) {
	path := makeFIFO(t)
	go writeFIFO(t, path, 0, 500)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	recs, batches, err := collect(t, ctx, LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 500 {
		t.Fatalf("%d records, want 500", len(recs))
	}
	for i := range recs {
		if deliveryIndex(&recs[i]) != i {
			t.Fatalf("record %d: %q", i, recs[i].Line)
		}
	}
	if st := batches[0].State; st == nil || st.Health != HealthOK || st.Detail != "replay "+path+" (a FIFO, read as a stream)" {
		t.Fatalf("state %v", st)
	}
}

// A maillog_file that is a FIFO with no writer yet must not block the
// search: a plain open waits for a writer forever.
func TestDetectLogFIFODoesNotBlock(t *testing.T) {
	fifo := makeFIFO(t)
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": fifo + "\n"}}
	type result struct {
		d   LogDetection
		err error
	}
	done := make(chan result, 1)
	go func() {
		d, err := DetectLog(context.Background(), fx, "", nil, nil)
		done <- result{d, err}
	}()
	select {
	case r := <-done:
		if r.err != nil || len(r.d.Spec.Paths) == 0 || r.d.Spec.Paths[0] != fifo {
			t.Fatalf("want the FIFO chosen: %v %+v", r.err, r.d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("DetectLog blocked opening a FIFO with no writer")
	}
}

// replayWithin replays paths and fails when the replay has not ended
// within a few seconds: an input that is over must end the report.
func replayWithin(t *testing.T, paths ...string) []Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	recs, _, err := collect(t, ctx, LogSpec{Kind: LogReplay, Paths: paths, Block: true})
	if ctx.Err() != nil {
		t.Fatalf("replay of %v still waiting after 5 s", paths)
	}
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// A device such as /dev/null is read to its end like a file, not waited
// on like a FIFO whose writer may yet come.
func TestReplayDevNullEnds(t *testing.T) {
	if recs := replayWithin(t, os.DevNull); len(recs) != 0 {
		t.Fatalf("%d records from %s", len(recs), os.DevNull)
	}
}

// A FIFO whose writer opened it and closed it without writing (grep
// with no match into a FIFO) ends the replay with no lines.
func TestReplayFIFOWriterLeftEmpty(t *testing.T) {
	path := makeFIFO(t)
	go writeFIFO(t, path, 0, 0)
	if recs := replayWithin(t, path); len(recs) != 0 {
		t.Fatalf("%d records", len(recs))
	}
}

// A pipe named by /dev/fd/N (bash's <(cmd), or /dev/stdin) cannot get a
// writer again once its writer has gone: an empty one ends the replay.
func TestReplayEmptyPipeByFDPath(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.Close()
	path := "/dev/fd/" + strconv.Itoa(int(r.Fd()))
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /dev/fd here:", err)
	}
	if recs := replayWithin(t, path); len(recs) != 0 {
		t.Fatalf("%d records", len(recs))
	}
}
