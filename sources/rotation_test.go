package sources

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The rotation harness writes Postfix delivery lines, each naming a unique
// recipient, at a set rate in write() calls of random size (so lines are
// often caught half-written), rotates the file mid-stream the way
// logrotate and a syslog daemon do, and checks the follow source's output
// line by line against what was written.

type rotStyle string

const (
	rotNone          rotStyle = "none"
	rotRename        rotStyle = "rename+create"
	rotCopyTruncate  rotStyle = "copytruncate"
	rotDelayCompress rotStyle = "create+delaycompress"
	rotGzip          rotStyle = "create+gzip"
	rotLateReopen    rotStyle = "late reopen"
	rotDeleteCreate  rotStyle = "delete+recreate"
)

var rotStyles = []rotStyle{rotNone, rotRename, rotCopyTruncate, rotDelayCompress, rotGzip, rotLateReopen, rotDeleteCreate}

// deliveryLine is line i of the harness: a delivery to u<i>@d<i%50>.example.
func deliveryLine(i int) string {
	return fmt.Sprintf("Nov 30 14:%02d:%02d mx postfix/smtp[%d]: %010X: to=<u%d@d%d.example>, relay=mx.d%d.example[192.0.2.%d]:25, delay=0.%d, delays=0.01/0/0.05/0.%d, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Z%06X)\n",
		i/60%60, i%60, 1000+i%5000, 0x1000000+i, i, i%50, i%50, 1+i%250, i%10, i%10, i)
}

// deliveryIndex returns i for a record of deliveryLine(i), or -1.
func deliveryIndex(r *Record) int {
	if r.Event != EvDelivery || r.Status != StatusSent || !strings.HasPrefix(r.To, "u") {
		return -1
	}
	at := strings.IndexByte(r.To, '@')
	if at < 0 {
		return -1
	}
	i, err := strconv.Atoi(r.To[1:at])
	if err != nil || r.QueueID != fmt.Sprintf("%010X", 0x1000000+i) || r.Line+"\n" != deliveryLine(i) {
		return -1
	}
	return i
}

type rotConfig struct {
	style rotStyle
	lines int
	rate  int           // lines per second
	late  time.Duration // how long the writer keeps the old file after rotation (late reopen, delete+recreate)
	seed  uint64
	// rotations spread over the run; zero means one, halfway.
	rotations int
}

type rotResult struct {
	written, seen, lost, doubled, garbled int
	lostAtTruncation                      uint64
}

func (r rotResult) String() string {
	return fmt.Sprintf("written %d, seen %d, lost %d, doubled %d, garbled %d, reported lost at truncation %d",
		r.written, r.seen, r.lost, r.doubled, r.garbled, r.lostAtTruncation)
}

// rotWriter plays the syslog daemon: one file handle, appending.
type rotWriter struct {
	t    testing.TB
	path string
	f    *os.File
	rng  *rand.Rand
	buf  []byte // written to the file in pieces of random size
	bg   sync.WaitGroup
}

func (w *rotWriter) open() {
	f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		w.t.Error(err)
		return
	}
	if w.f != nil {
		w.f.Close()
	}
	w.f = f
}

// flush writes buf in write() calls of 1 to 400 bytes, keeping back up
// to keep bytes for later (the rest of a line caught half-written).
func (w *rotWriter) flush(keep int) {
	end := len(w.buf) - keep
	for off := 0; off < end; {
		n := min(1+w.rng.IntN(400), end-off)
		if _, err := w.f.Write(w.buf[off : off+n]); err != nil {
			w.t.Error(err)
			return
		}
		off += n
	}
	w.buf = append(w.buf[:0], w.buf[end:]...)
}

func (w *rotWriter) create() {
	f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		w.t.Error(err)
		return
	}
	f.Close()
}

func (w *rotWriter) rename(to string) {
	if err := os.Rename(w.path, to); err != nil {
		w.t.Error(err)
	}
}

// compress gzips src to src.gz and removes src, as logrotate does after
// the rotation, in its own process (here a goroutine).
func (w *rotWriter) compress(src string) {
	w.bg.Add(1)
	go func() {
		defer w.bg.Done()
		in, err := os.Open(src)
		if err != nil {
			w.t.Error(err)
			return
		}
		defer in.Close()
		out, err := os.Create(src + ".gz")
		if err != nil {
			w.t.Error(err)
			return
		}
		zw := gzip.NewWriter(out)
		if _, err := io.Copy(zw, in); err != nil {
			w.t.Error(err)
		}
		zw.Close()
		out.Close()
		os.Remove(src)
	}()
}

func (w *rotWriter) copyTruncate() {
	in, err := os.Open(w.path)
	if err != nil {
		w.t.Error(err)
		return
	}
	out, err := os.Create(w.path + ".1")
	if err != nil {
		w.t.Error(err)
		return
	}
	if _, err := io.Copy(out, in); err != nil {
		w.t.Error(err)
	}
	in.Close()
	out.Close()
	if err := os.Truncate(w.path, 0); err != nil {
		w.t.Error(err)
	}
}

// rotate starts a rotation; it returns a function to call once cfg.late
// has passed (the writer's reopen), or nil.
func (w *rotWriter) rotate(style rotStyle) func() {
	switch style {
	case rotRename:
		w.rename(w.path + ".1")
		w.create()
		w.open()
	case rotCopyTruncate:
		w.copyTruncate()
	case rotDelayCompress:
		// The previous rotation's file is compressed now; this one stays
		// plain until the next rotation.
		if err := os.Rename(w.path+".1", w.path+".2"); err != nil {
			w.t.Error(err)
		}
		w.compress(w.path + ".2")
		w.rename(w.path + ".1")
		w.create()
		w.open()
	case rotGzip:
		w.rename(w.path + ".1")
		w.create()
		w.open()
		w.compress(w.path + ".1")
	case rotLateReopen:
		w.rename(w.path + ".1")
		w.create()
		return w.open
	case rotDeleteCreate:
		if err := os.Remove(w.path); err != nil {
			w.t.Error(err)
		}
		return w.open
	}
	return nil
}

// run writes cfg.lines lines at cfg.rate, rotating after half of them.
func (w *rotWriter) run(ctx context.Context, cfg rotConfig) {
	defer w.bg.Wait()
	start := time.Now()
	next := 0
	every := cfg.lines / (max(cfg.rotations, 1) + 1)
	var reopen func()
	var reopenAt time.Time
	for next < cfg.lines && ctx.Err() == nil {
		due := min(cfg.lines, int(time.Since(start).Seconds()*float64(cfg.rate))+1)
		for ; next < due; next++ {
			if next > 0 && next%every == 0 && next/every <= max(cfg.rotations, 1) && cfg.style != rotNone && reopen == nil {
				// A daemon finishes a line before it lets go of a file.
				w.flush(0)
				reopen, reopenAt = w.rotate(cfg.style), time.Now().Add(cfg.late)
			}
			w.buf = append(w.buf, deliveryLine(next)...)
		}
		if reopen != nil && time.Now().After(reopenAt) {
			w.flush(0)
			reopen()
			reopen = nil
		}
		w.flush(w.rng.IntN(len(w.buf)/2 + 1))
		time.Sleep(time.Millisecond)
	}
	if reopen != nil {
		w.flush(0)
		time.Sleep(time.Until(reopenAt))
		reopen()
	}
	w.flush(0)
	w.f.Close()
}

// runRotation runs the follow source while a writer writes and rotates,
// and counts what the source delivered.
func runRotation(t testing.TB, cfg rotConfig) rotResult {
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	if cfg.style == rotDelayCompress {
		if err := os.WriteFile(path+".1", []byte(deliveryLine(cfg.lines+1)), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	w := &rotWriter{t: t, path: path, rng: rand.New(rand.NewPCG(cfg.seed, 1))}
	w.open()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch, 4)
	runErr := make(chan error, 1)
	go func() {
		runErr <- RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, Block: true, FlushEvery: 20 * time.Millisecond}, out)
	}()
	counts := make([]uint16, cfg.lines)
	var mu sync.Mutex
	var res rotResult
	ready := make(chan struct{})
	var readyOnce sync.Once
	consumed := make(chan struct{})
	go func() {
		defer close(consumed)
		for b := range out {
			mu.Lock()
			if b.State != nil && b.State.Health == HealthOK {
				readyOnce.Do(func() { close(ready) })
			}
			res.lostAtTruncation = b.LostAtTruncation
			for i := range b.Records {
				idx := deliveryIndex(&b.Records[i])
				if idx < 0 || idx >= cfg.lines {
					res.garbled++
					continue
				}
				counts[idx]++
				res.seen++
			}
			mu.Unlock()
		}
	}()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("the follow source did not start")
	}
	time.Sleep(50 * time.Millisecond)
	w.run(ctx, cfg)

	// Wait until every line arrived or nothing more comes.
	last, lastChange := -1, time.Now()
	for time.Since(lastChange) < 5*time.Second {
		mu.Lock()
		seen := res.seen + res.garbled
		mu.Unlock()
		if seen >= cfg.lines {
			time.Sleep(100 * time.Millisecond) // let doubles show
			break
		}
		if seen != last {
			last, lastChange = seen, time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-consumed
	if err := <-runErr; err != nil {
		t.Errorf("RunLog: %v", err)
	}
	res.written = cfg.lines
	for _, c := range counts {
		switch {
		case c == 0:
			res.lost++
		case c > 1:
			res.doubled += int(c) - 1
		}
	}
	return res
}

// TestFollowRotationHarness checks the follow source against every way a
// log is rotated: nothing lost, nothing doubled, no line split in two.
// MXTOP_ROTATION_LONG=1 runs the long variant at 2,000 and 20,000 lines/s.
func TestFollowRotationHarness(t *testing.T) {
	type run struct {
		rate, lines int
		late        time.Duration
		only        rotStyle
	}
	runs := []run{{5000, 1500, 150 * time.Millisecond, ""}}
	if os.Getenv("MXTOP_ROTATION_LONG") != "" {
		runs = []run{{2000, 20000, time.Second, ""}, {20000, 100000, time.Second, ""},
			// A burst the reader cannot keep up with, then copytruncate.
			{250000, 400000, 0, rotCopyTruncate}}
	}
	for _, r := range runs {
		for si, style := range rotStyles {
			if r.only != "" && style != r.only {
				continue
			}
			t.Run(fmt.Sprintf("%s/%d", style, r.rate), func(t *testing.T) {
				if len(runs) == 1 {
					t.Parallel()
				}
				res := runRotation(t, rotConfig{style: style, lines: r.lines, rate: r.rate, late: r.late, seed: uint64(si)})
				t.Logf("%-22s %6d/s: %v", style, r.rate, res)
				if res.seen != res.written || res.lost != 0 || res.doubled != 0 || res.garbled != 0 {
					t.Errorf("%v", res)
				}
			})
		}
	}
}
