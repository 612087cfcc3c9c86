package sources

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// followCollector runs a follow source and counts the harness's lines.
type followCollector struct {
	mu      sync.Mutex
	idx     []int // delivery indexes in arrival order
	garbled []string
	states  []SourceState
	lost    uint64
	resume  chan struct{} // closed to let a paused collector read on
	cancel  context.CancelFunc
	done    chan struct{}
}

// startCollector follows path (from its end). With paused set it reads the
// source's first state and then nothing until resume is closed, so the
// source falls behind the writer.
func startCollector(t *testing.T, path string, paused bool) *followCollector {
	ctx, cancel := context.WithCancel(context.Background())
	c := &followCollector{resume: make(chan struct{}), cancel: cancel, done: make(chan struct{})}
	if !paused {
		close(c.resume)
	}
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, Block: true, FlushEvery: 10 * time.Millisecond}, out)
	go func() {
		defer close(c.done)
		first := true
		for b := range out {
			c.mu.Lock()
			if b.State != nil {
				c.states = append(c.states, *b.State)
			}
			c.lost = b.LostAtTruncation
			for i := range b.Records {
				if n := deliveryIndex(&b.Records[i]); n >= 0 {
					c.idx = append(c.idx, n)
				} else {
					c.garbled = append(c.garbled, b.Records[i].Line)
				}
			}
			c.mu.Unlock()
			if first && b.State != nil {
				first = false
				<-c.resume
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-c.done })
	waitFor(t, "the first state", 5*time.Second, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return len(c.states) > 0 })
	return c
}

func (c *followCollector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.idx) + len(c.garbled)
}

// complete says whether n lines or line n-1, the last written, arrived.
func (c *followCollector) complete(n int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.idx)+len(c.garbled) >= n || len(c.idx) > 0 && c.idx[len(c.idx)-1] == n-1
}

// settle waits until the n lines written arrived or none came for three
// seconds.
func (c *followCollector) settle(n int) {
	last, since := -1, time.Now()
	for time.Since(since) < 3*time.Second && !c.complete(n) {
		if got := c.count(); got != last {
			last, since = got, time.Now()
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
}

// check reports lines lost, doubled or garbled among want lines from 0.
func (c *followCollector) check(t *testing.T, want int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := make([]int, want)
	outOfOrder := 0
	for i, n := range c.idx {
		if n >= want {
			t.Errorf("line %d was never written", n)
			continue
		}
		seen[n]++
		if i > 0 && n < c.idx[i-1] {
			outOfOrder++
		}
	}
	lost, doubled := 0, 0
	for _, s := range seen {
		if s == 0 {
			lost++
		}
		if s > 1 {
			doubled += s - 1
		}
	}
	if lost != 0 || doubled != 0 || len(c.garbled) != 0 || outOfOrder != 0 {
		t.Errorf("of %d lines: %d lost, %d doubled, %d out of order, %d garbled (first %q)", want, lost, doubled, outOfOrder, len(c.garbled), first(c.garbled))
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func createLog(t *testing.T) (string, *os.File) {
	path := filepath.Join(t.TempDir(), "mail.log")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return path, f
}

func writeLines(t *testing.T, f *os.File, from, to int) {
	var b strings.Builder
	for i := from; i < to; i++ {
		b.WriteString(deliveryLine(i))
	}
	if _, err := f.WriteString(b.String()); err != nil {
		t.Fatal(err)
	}
}

// A line written in two parts a moment apart is one line, not two.
func TestFollowJoinsLineWrittenInTwoParts(t *testing.T) {
	path, f := createLog(t)
	c := startCollector(t, path, false)
	line := deliveryLine(0)
	f.WriteString(line[:70])
	time.Sleep(500 * time.Millisecond)
	f.WriteString(line[70:])
	writeLines(t, f, 1, 2)
	c.settle(2)
	c.check(t, 2)
}

// Following starts at the end of the file; a line half-written then is
// skipped, not read as a fragment.
func TestFollowStartsAfterHalfWrittenLine(t *testing.T) {
	path, f := createLog(t)
	line := deliveryLine(5)
	f.WriteString(deliveryLine(4) + line[:50])
	c := startCollector(t, path, false)
	time.Sleep(100 * time.Millisecond)
	f.WriteString(line[50:])
	writeLines(t, f, 0, 3)
	c.settle(3)
	c.check(t, 3)
}

// After rename + create, the lines the daemon still appends to the old
// file before it reopens the log are read, then the new file.
func TestFollowDrainsRenamedFile(t *testing.T) {
	path, f := createLog(t)
	c := startCollector(t, path, false)
	writeLines(t, f, 0, 10)
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	nf, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	defer nf.Close()
	for i := 10; i < 110; i++ {
		writeLines(t, f, i, i+1) // the daemon has not reopened yet
		if i%20 == 0 {
			time.Sleep(50 * time.Millisecond)
		}
	}
	writeLines(t, nf, 110, 120)
	c.settle(120)
	c.check(t, 120)
}

// Renames in a row at a high rate read each file once: no line twice.
// (A file renamed away and replaced again before the reader got to it at
// all would be missed: rotations here are 300 ms apart.)
func TestFollowRepeatedRenamesAtHighRate(t *testing.T) {
	res := runRotation(t, rotConfig{style: rotRename, lines: 42000, rate: 20000, rotations: 6, seed: 7})
	if res.lost != 0 || res.doubled != 0 || res.garbled != 0 {
		t.Fatal(res)
	}
}

// copytruncate while the reader is far behind: what the truncation took
// is read from the rotated copy.
func TestFollowCopyTruncateWhileBehind(t *testing.T) {
	for _, compressed := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain copy", true: "compressed copy"}[compressed], func(t *testing.T) {
			path, f := createLog(t)
			c := startCollector(t, path, true)
			const n = 30000
			writeLines(t, f, 0, n)
			time.Sleep(300 * time.Millisecond)
			copyFile(t, path, path+".1")
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
			if compressed {
				w := &rotWriter{t: t}
				w.compress(path + ".1")
				w.bg.Wait()
			}
			writeLines(t, f, n, n+1000)
			close(c.resume)
			c.settle(n + 1000)
			c.check(t, n+1000)
			if c.lost != 0 {
				t.Errorf("%d lines reported lost", c.lost)
			}
		})
	}
}

// A truncation with no copy to read from is counted and explained.
func TestFollowTruncationLossIsCounted(t *testing.T) {
	path, f := createLog(t)
	c := startCollector(t, path, true)
	const n = 30000
	writeLines(t, f, 0, n)
	time.Sleep(time.Second) // the reader notes the size while it waits
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	writeLines(t, f, n, n+1000)
	close(c.resume)
	c.settle(n + 1000)
	c.mu.Lock()
	defer c.mu.Unlock()
	got := len(c.idx)
	lost := n + 1000 - got
	if lost < 1000 || len(c.garbled) != 0 {
		t.Fatalf("%d of %d lines read, %d garbled: the reader was not behind", got, n+1000, len(c.garbled))
	}
	if d := int(c.lost) - lost; d < -lost/50 || d > lost/50 {
		t.Errorf("reported %d lines lost at truncation, %d were", c.lost, lost)
	}
	last := c.states[len(c.states)-1]
	if last.Health != HealthOK || !strings.Contains(last.Detail, "lost at truncation") {
		t.Errorf("state %v", last)
	}
	for i := n; i < n+1000; i++ {
		if c.idx[len(c.idx)-n-1000+i] != i {
			t.Fatalf("lines after the truncation: %v...", c.idx[len(c.idx)-1000:][:5])
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

// A directory is no log: the state says so and names the log in it.
func TestFollowDirectory(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mail.log"), nil, 0o640)
	h := startFollow(t, dir, false)
	waitFor(t, "an unavailable state", 5*time.Second, func() bool {
		return h.hasState(HealthUnavailable, "is a directory") && h.hasState(HealthUnavailable, filepath.Join(dir, "mail.log"))
	})
	if h.hasState(HealthOK, "") {
		t.Fatal("a directory was reported ok")
	}
	_, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{dir}, Block: true})
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("replay of a directory: %v", err)
	}
}

// BenchmarkFollowBacklog reads a 50,000-line file from its start through
// the follow source and the parser, as `mxtop --from-start` does.
func BenchmarkFollowBacklog(b *testing.B) {
	const n = 50000
	path := filepath.Join(b.TempDir(), "mail.log")
	var text strings.Builder
	for i := range n {
		text.WriteString(deliveryLine(i))
	}
	if err := os.WriteFile(path, []byte(text.String()), 0o640); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(text.Len()))
	b.ResetTimer()
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan LogBatch, 4)
		go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, FromStart: true, Block: true, FlushEvery: time.Millisecond}, out)
		got := 0
		for bt := range out {
			got += len(bt.Records)
			if got >= n {
				cancel()
			}
		}
		cancel()
		if got < n {
			b.Fatalf("%d of %d lines", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "lines/s")
}

// A rotated file that ends without a newline ends with a whole line: the
// writer left it for the new file.
func TestFollowRotatedFileEndingMidLine(t *testing.T) {
	path, f := createLog(t)
	c := startCollector(t, path, false)
	writeLines(t, f, 0, 5)
	last := deliveryLine(5)
	f.WriteString(last[:len(last)-1])
	time.Sleep(100 * time.Millisecond)
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	nf, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer nf.Close()
	writeLines(t, nf, 6, 10)
	c.settle(10)
	c.check(t, 10)
}

// copytruncate may copy a line half-written; its end, written after the
// truncation at the file's start, completes it.
func TestFollowCopyTruncateMidLine(t *testing.T) {
	path, f := createLog(t)
	c := startCollector(t, path, false)
	writeLines(t, f, 0, 5)
	line := deliveryLine(5)
	f.WriteString(line[:60])
	time.Sleep(100 * time.Millisecond)
	copyFile(t, path, path+".1")
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	f.WriteString(line[60:])
	writeLines(t, f, 6, 10)
	c.settle(10)
	c.check(t, 10)
	if c.lost != 0 {
		t.Errorf("%d lines reported lost", c.lost)
	}
}

// Reading a backlog from the start finishes its progress, whatever the
// lines' endings and lengths.
func TestFollowFromStartProgressFinishes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mail.log")
	var text strings.Builder
	for i := range 3000 {
		text.WriteString(strings.TrimSuffix(deliveryLine(i), "\n") + "\r\n")
	}
	text.WriteString(strings.Repeat("x", MaxLineLen+100) + "\n")
	text.WriteString("a last line, still being written")
	if err := os.WriteFile(path, []byte(text.String()), 0o640); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, FromStart: true, Block: true, FlushEvery: 10 * time.Millisecond}, out)
	var last *Progress
	got, long := 0, 0
	deadline := time.After(5 * time.Second)
	for last == nil || !last.Finished {
		select {
		case b := <-out:
			got += len(b.Records)
			long += b.Long
			if b.Progress != nil {
				last = b.Progress
			}
		case <-deadline:
			t.Fatalf("progress %+v after %d lines", last, got)
		}
	}
	if last.Done != last.Total || last.Total != int64(text.Len()) || got != 3001 || long != 1 {
		t.Fatalf("progress %+v, %d lines, %d long", last, got, long)
	}
}

// A record read by the follow path never holds more than MaxLineLen bytes
// of an over-long line (the follower and the parser both cut it).
func TestFollowCutsLongLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mail.log")
	text := "Nov 28 10:00:00 mx postfix/smtpd[1]: warning: " + strings.Repeat("x", 3*MaxLineLen) + "\n" + deliveryLine(1)
	if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, FromStart: true, Block: true, FlushEvery: 10 * time.Millisecond}, out)
	got := 0
	deadline := time.After(5 * time.Second)
	for got < 2 {
		select {
		case b := <-out:
			for _, r := range b.Records {
				got++
				if len(r.Line) > MaxLineLen {
					t.Fatalf("a record holds %d bytes of a line, more than %d", len(r.Line), MaxLineLen)
				}
			}
		case <-deadline:
			t.Fatalf("%d records after 5 s", got)
		}
	}
}

// The file truncated and written again past the read position while the
// reader waits: every line is read, and none is reported lost. The size
// the reader notes while it waits is the new file's: counting the bytes
// past the read position as lost charged the old file with them.
func TestFollowTruncatedAndRegrownLosesNothing(t *testing.T) {
	path, f := createLog(t)
	c := startCollector(t, path, true)
	const n = 2000
	writeLines(t, f, 0, n)
	time.Sleep(500 * time.Millisecond) // the reader has read them and waits to hand them over
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	writeLines(t, f, n, 3*n)
	time.Sleep(500 * time.Millisecond) // it notes the size while it waits
	close(c.resume)
	c.settle(3 * n)
	c.check(t, 3*n)
	if c.lost != 0 {
		t.Errorf("%d lines reported lost, none were", c.lost)
	}
}

// The reader finds the file truncated and written again past its read
// position (it was descheduled meanwhile): every new line is read, and
// none is counted lost. The size seen then is the new file's, not what
// the truncation took from the old one. A truncation that takes a half
// line says why it counted it.
func TestFollowerRegrownFileLosesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mail.log")
	var old, renewed bytes.Buffer
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&old, "%s\n", logLine(i, fmt.Sprintf("A%07X: removed", i)))
	}
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&renewed, "%s\n", logLine(i, fmt.Sprintf("B%07X: removed", 100000+i)))
	}
	fl, lines := followerOn(t, path, old.Bytes())
	if err := fl.readToEnd(); err != nil || *lines != 1000 {
		t.Fatalf("first read: %d lines, %v", *lines, err)
	}
	if err := os.WriteFile(path, renewed.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := fl.readToEnd(); err != nil || *lines != 3000 {
		t.Fatalf("after the rewrite: %d lines, %v", *lines, err)
	}
	if fl.lost != 0 {
		t.Errorf("%d lines counted lost (%s), none were", fl.lost, fl.lostWhy)
	}
	// One line and half of the next, then cut to nothing: the half line
	// is lost, and the reason says so.
	if err := os.WriteFile(path, []byte(logLine(1, "C0000001: removed")+"\n"+"Nov 28 10:00:02 h postfix/qm"), 0o600); err != nil {
		t.Fatal(err)
	}
	fl.readToEnd()
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte(logLine(3, "D0000001: removed")+"\n"), 0o600)
	fl.readToEnd()
	if fl.lost != 0 && fl.lostWhy == "" {
		t.Errorf("%d lines lost with no reason", fl.lost)
	}
}

// A file cut short, its start kept (truncate -s SIZE, a log trimmed from
// its end), holds only lines read already: reading goes on from the new
// end, and the lines appended then are read once, the kept ones not
// again. A file written anew from its start is read from its start.
func TestFollowerFileCutShortKeepsItsStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mail.log")
	var all bytes.Buffer
	half := 0
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&all, "%s\n", logLine(i, fmt.Sprintf("A%07X: removed", i)))
		if i == 499 {
			half = all.Len()
		}
	}
	fl, lines := followerOn(t, path, all.Bytes())
	fl.readToEnd()
	if err := os.Truncate(path, int64(half)); err != nil {
		t.Fatal(err)
	}
	// The truncation wakes the reader at once (its directory's events).
	fl.readToEnd()
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	for i := 0; i < 10; i++ {
		fmt.Fprintf(f, "%s\n", logLine(i, fmt.Sprintf("B%07X: removed", i)))
	}
	f.Close()
	if err := fl.readToEnd(); err != nil || *lines != 1010 || fl.lost != 0 {
		t.Fatalf("cut to its first 500 lines and 10 appended: %d lines read, %d lost, %v", *lines, fl.lost, err)
	}
}

// A watch on the log's directory ends with the directory (removed, or
// renamed away) and says so: the follower then polls, and watches the new
// directory at the path once there is one, so that new lines wake it at
// once again rather than at its idle poll, a second later.
func TestDirWatchSaysWhenItEnds(t *testing.T) {
	for _, how := range []string{"remove", "rename"} {
		t.Run(how, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "log")
			os.Mkdir(dir, 0o755)
			path := filepath.Join(dir, "mail.log")
			w := watchDir(path)
			defer w.stop()
			if w.wake == nil {
				t.Skip("no file system events here")
			}
			if how == "remove" {
				os.RemoveAll(dir)
			} else {
				os.Rename(dir, filepath.Join(root, "old"))
			}
			deadline := time.Now().Add(2 * time.Second)
			for !w.dead.Load() && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if !w.dead.Load() {
				t.Fatal("the watch did not say it ended")
			}
			// A new directory at the path, watched anew, wakes on the log.
			os.Mkdir(dir, 0o755)
			w2 := watchDir(path)
			defer w2.stop()
			os.WriteFile(path, []byte("x\n"), 0o600)
			select {
			case <-w2.wake:
			case <-time.After(2 * time.Second):
				t.Fatal("no wake from the new directory")
			}
		})
	}
}

// followerOn writes text to path and opens a follower on it from its
// start, counting the lines it hands over.
func followerOn(t *testing.T, path string, text []byte) (*follower, *int) {
	t.Helper()
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	fl, err := openFollower(path, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fl.close)
	lines := new(int)
	fl.emit = func(c chunk) bool { *lines += len(c.ends); return true }
	return fl, lines
}

// Older files given beside the followed one (mail.log.1 and mail.log) are
// read first, once, and the current file is then followed: lines written
// to it later arrive. Read as a replay, the source ended after the files'
// last lines and never read another.
func TestFollowAfterHistory(t *testing.T) {
	dir := t.TempDir()
	var old strings.Builder
	for i := range 10 {
		old.WriteString(deliveryLine(i))
	}
	rotated := filepath.Join(dir, "mail.log.1")
	if err := os.WriteFile(rotated, []byte(old.String()), 0o640); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "mail.log")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	writeLines(t, f, 10, 20)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, History: []string{rotated}, FromStart: true, Block: true, FlushEvery: 10 * time.Millisecond}, out)
	var idx []int
	var last *SourceState
	read := func(n int) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for len(idx) < n {
			select {
			case b, ok := <-out:
				if !ok {
					t.Fatalf("the source ended after %d lines", len(idx))
				}
				if b.State != nil {
					last = b.State
				}
				for i := range b.Records {
					idx = append(idx, deliveryIndex(&b.Records[i]))
				}
			case <-deadline:
				t.Fatalf("%d lines of %d", len(idx), n)
			}
		}
	}
	read(20)
	writeLines(t, f, 20, 30)
	read(30)
	for i, n := range idx {
		if n != i {
			t.Fatalf("lines in the order %v", idx)
		}
	}
	if last == nil || last.Health != HealthOK || !strings.Contains(last.Detail, "following "+path) {
		t.Errorf("state %+v", last)
	}
}

// An older file that cannot be read is left out and the current file
// followed, and the state keeps saying so, degraded, while it is
// followed: the follow's first "following" said ok over it at once.
func TestFollowHistoryLeftOutStaysSaid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	if err := os.WriteFile(path, []byte(deliveryLine(1)), 0o640); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "mail.log.1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, History: []string{gone}, FromStart: true, Block: true, FlushEvery: 10 * time.Millisecond}, out)
	deadline := time.After(10 * time.Second)
	recs := 0
	var last *SourceState
	for last == nil || recs == 0 || !strings.HasPrefix(last.Detail, "following ") {
		select {
		case b := <-out:
			recs += len(b.Records)
			if b.State != nil {
				last = b.State
			}
		case <-deadline:
			t.Fatalf("state %+v, %d records", last, recs)
		}
	}
	if want := "older file left out: " + gone + ": no such file"; last.Health != HealthDegraded || !strings.Contains(last.Detail, want) {
		t.Errorf("state %+v; want degraded, %q", last, want)
	}
}
