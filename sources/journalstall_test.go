package sources

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fakeJournalctl puts on PATH (alone) a journalctl that answers the
// identifier probe at once and runs export (a shell script body) for the
// read itself.
func fakeJournalctl(t *testing.T, export string) {
	t.Helper()
	fakeJournalctlProbe(t, "echo postfix/smtp", export)
}

// fakeJournalctlProbe is fakeJournalctl with probe (a shell command list)
// answering the identifier probe.
func fakeJournalctlProbe(t *testing.T, probe, export string) {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\ncase \"$1\" in --field=*) " + probe + "; exit 0;; esac\n" + export
	if err := os.WriteFile(filepath.Join(dir, "journalctl"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv(JournalReaderEnv, "journalctl")
}

// oneEntry is an export entry as printf prints it in a script.
func oneEntry(i int) string {
	var b bytes.Buffer
	exportEntry(&b, "__REALTIME_TIMESTAMP", strconv.Itoa(1795864388000000+i*1000000), "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix/qmgr", "SYSLOG_PID", "7", "MESSAGE", "ABCDEF123"+strconv.Itoa(i)+": removed")
	return "printf '" + strings.ReplaceAll(b.String(), "\n", "\\n") + "'\n"
}

// stallClock is a stall watch's clock the test moves: a watch fires when
// the test says the silence has lasted (fire), or at once when each
// arming's silence (perArm) reaches its duration. It stands for one
// timer, as the stall watch uses one.
type stallClock struct {
	perArm time.Duration

	mu     sync.Mutex
	f      func()
	armed  bool
	arms   []time.Duration // each arming's duration; len(arms) is the arming's number
	armedC chan struct{}   // a value after each arming
}

func newStallClock(perArm time.Duration) *stallClock {
	return &stallClock{perArm: perArm, armedC: make(chan struct{}, 64)}
}

func (c *stallClock) after(d time.Duration, f func()) stallTimer {
	c.mu.Lock()
	c.f = f
	c.mu.Unlock()
	c.Reset(d)
	return c
}

func (c *stallClock) Reset(d time.Duration) bool {
	c.mu.Lock()
	was := c.armed
	c.armed = true
	c.arms = append(c.arms, d)
	if c.perArm >= d {
		c.armed = false
		go c.f()
	}
	c.mu.Unlock()
	select {
	case c.armedC <- struct{}{}:
	default: // fireWhenArmed looks at armed itself
	}
	return was
}

func (c *stallClock) Stop() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	was := c.armed
	c.armed = false
	return was
}

// fire ends the watch's wait as its duration passing would, when it is
// armed by an arming after the one numbered after; it says whether it did.
func (c *stallClock) fireAfter(after int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.armed || len(c.arms) <= after {
		return false
	}
	c.armed = false
	go c.f()
	return true
}

// fireWhenArmed fires the watch once it waits; the limit is a safety
// net for a read that never starts.
func (c *stallClock) fireWhenArmed(t *testing.T) { c.fireWhenArmedAfter(t, 0) }

// fireWhenArmedAfter fires the watch once a wait after the arming
// numbered after has begun.
func (c *stallClock) fireWhenArmedAfter(t *testing.T, after int) {
	t.Helper()
	limit := time.After(time.Minute)
	for !c.fireAfter(after) {
		select {
		case <-c.armedC:
		case <-limit:
			t.Fatal("the stall watch was not armed in a minute")
		}
	}
}

func (c *stallClock) armings() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.arms)
}

// A journal read once through a journalctl that writes nothing and never
// ends (a stuck journal file, a broken journald) ends after the stall
// limit with an error naming journalctl and the limit; journalctl is
// killed with its children. The limit passes when the test says so, once
// journalctl has started its child.
func TestJournalOnceStalledJournalctlIsKilled(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	fakeJournalctl(t, "/bin/sleep 30 &\necho $! >"+pidFile+".new\n/bin/mv "+pidFile+".new "+pidFile+"\nwait\n")
	clock := newStallClock(0)
	done := make(chan struct{})
	var batches []LogBatch
	var err error
	go func() {
		defer close(done)
		_, batches, err = collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, Exec: OSExec{}, Block: true, StallLimit: 300 * time.Millisecond, stallAfter: clock.after})
	}()
	var pid int
	waitFor(t, "journalctl's child", time.Minute, func() bool {
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		return pid > 0
	})
	clock.fireWhenArmed(t)
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the read still hangs a minute after the stall limit passed")
	}
	const want = "journalctl wrote nothing for 300ms and was killed: a stuck journal file, or journald broken?"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err %v, want %q", err, want)
	}
	if arms := clock.armings(); len(arms) != 1 || arms[0] != 300*time.Millisecond {
		t.Errorf("the watch waited %v, want once the 300ms limit", arms)
	}
	var last *SourceState
	for _, b := range batches {
		if b.State != nil {
			last = b.State
		}
	}
	if last == nil || last.Health != HealthUnavailable || !strings.Contains(last.Detail, want) {
		t.Errorf("last state %+v", last)
	}
	for deadline := time.Now().Add(10 * time.Second); alive(pid); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("journalctl's child %d still runs", pid)
		}
	}
}

// A slow journalctl that keeps writing (a big journal) is not killed,
// however long it takes in all: the limit is on silence, not on the read.
// Each wait for journalctl lasts three quarters of the limit, six of them
// more than four limits in all.
func TestJournalOnceSlowJournalctlIsNotKilled(t *testing.T) {
	var script strings.Builder
	for i := range 6 {
		script.WriteString(oneEntry(i))
		script.WriteString("/bin/sleep 0.05\n")
	}
	fakeJournalctl(t, script.String())
	clock := newStallClock(300 * time.Millisecond)
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, Exec: OSExec{}, Block: true, StallLimit: 400 * time.Millisecond, stallAfter: clock.after})
	if err != nil || len(recs) != 6 {
		t.Fatalf("%d records, err %v", len(recs), err)
	}
	// Each wait gets the whole limit again, not what is left of one.
	arms := clock.armings()
	if len(arms) < 6 || slices.ContainsFunc(arms, func(d time.Duration) bool { return d != 400*time.Millisecond }) {
		t.Errorf("the watch waited %v, want the 400ms limit each time, at least once an entry", arms)
	}
}

// A journalctl that stops writing after some entries is killed after the
// limit all the same, and the entries it wrote are kept. The limit passes
// once both entries have been read.
func TestJournalOnceStallAfterOutputIsKilled(t *testing.T) {
	fakeJournalctl(t, oneEntry(1)+"/bin/sleep 0.1\n"+oneEntry(2)+"exec /bin/sleep 30\n")
	clock := newStallClock(0)
	// The limit passes in the wait after the read that took the entries'
	// last byte: the one numbered past the arming of that read.
	var b bytes.Buffer
	for _, i := range []int{1, 2} {
		exportEntry(&b, "__REALTIME_TIMESTAMP", strconv.Itoa(1795864388000000+i*1000000), "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix/qmgr", "SYSLOG_PID", "7", "MESSAGE", "ABCDEF123"+strconv.Itoa(i)+": removed")
	}
	read := make(chan int, 1)
	x := &countingExec{Exec: OSExec{}, want: b.Len(), reached: func() { read <- len(clock.armings()) }}
	done := make(chan struct{})
	var recs []Record
	var err error
	go func() {
		defer close(done)
		recs, _, err = collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, Exec: x, Block: true, StallLimit: 300 * time.Millisecond, stallAfter: clock.after})
	}()
	select {
	case n := <-read:
		clock.fireWhenArmedAfter(t, n)
	case <-time.After(time.Minute):
		t.Fatal("the entries were not read in a minute")
	}
	<-done
	const want = "journalctl wrote nothing for 300ms and was killed"
	if err == nil || !strings.Contains(err.Error(), want) || len(recs) != 2 {
		t.Fatalf("%d records, err %v, want 2 and %q", len(recs), err, want)
	}
}

// countingExec is an Exec whose streams call reached once want bytes
// have been read from them.
type countingExec struct {
	Exec
	want    int
	reached func()
}

func (x *countingExec) Stream(ctx context.Context, stderr bool, name string, args ...string) (io.ReadCloser, error) {
	rc, err := x.Exec.Stream(ctx, stderr, name, args...)
	if err != nil {
		return nil, err
	}
	return &streamCounter{ReadCloser: rc, x: x}, nil
}

type streamCounter struct {
	io.ReadCloser
	x *countingExec
	n int
}

func (r *streamCounter) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	before := r.n
	r.n += n
	if before < r.x.want && r.n >= r.x.want {
		r.x.reached()
	}
	return n, err
}

// Following, silence is a quiet log and never ends the read. When a
// backlog was asked for (--since, --from-start) and journalctl has
// written nothing after the stall limit, the state says so; the first
// entry makes it ok again.
func TestJournalFollowWithoutBacklogSaysSo(t *testing.T) {
	fakeJournalctl(t, "/bin/sleep 1\n"+oneEntry(1)+"exec /bin/sleep 30\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	errc := make(chan error, 1)
	go func() {
		errc <- RunLog(ctx, LogSpec{Kind: LogJournal, Since: "1h", Exec: OSExec{}, Block: true, StallLimit: 300 * time.Millisecond}, out)
	}()
	var states []SourceState
	timeout := time.After(10 * time.Second)
	for recs := 0; recs == 0; {
		select {
		case b := <-out:
			recs += len(b.Records)
			if b.State != nil {
				states = append(states, *b.State)
			}
		case <-timeout:
			t.Fatalf("no record after 10 s; states %+v", states)
		}
	}
	for len(states) < 3 {
		select {
		case b := <-out:
			if b.State != nil {
				states = append(states, *b.State)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("states %+v", states)
		}
	}
	if states[0].Health != HealthOK || states[1].Health != HealthDegraded ||
		!strings.Contains(states[1].Detail, "journalctl has written nothing for 300ms, not even the backlog asked for: no Postfix entry in it, or journalctl is stuck; still waiting") ||
		states[2].Health != HealthOK || states[2].Detail != states[0].Detail {
		t.Errorf("states %+v", states)
	}
	cancel()
	for range out {
	}
	if err := <-errc; err != nil {
		t.Errorf("err %v", err)
	}
}

// Following new entries only, journalctl's silence is the log's: the
// state stays ok.
func TestJournalFollowQuietLogStaysOK(t *testing.T) {
	fakeJournalctl(t, "exec /bin/sleep 30\n")
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan LogBatch)
	errc := make(chan error, 1)
	go func() {
		errc <- RunLog(ctx, LogSpec{Kind: LogJournal, Exec: OSExec{}, Block: true, StallLimit: 100 * time.Millisecond}, out)
	}()
	var states []SourceState
	timeout := time.After(700 * time.Millisecond)
loop:
	for {
		select {
		case b := <-out:
			if b.State != nil {
				states = append(states, *b.State)
			}
		case <-timeout:
			break loop
		}
	}
	cancel()
	for range out {
	}
	if err := <-errc; err != nil {
		t.Errorf("err %v", err)
	}
	if len(states) != 1 || states[0].Health != HealthOK {
		t.Errorf("states %+v", states)
	}
}

// journalCall is one journalctl run a recordingExec saw: its arguments,
// whether it was streamed (the read) or run to completion (the probe),
// and for the latter how long its context gave it (0: no deadline).
type journalCall struct {
	args   []string
	stream bool
	bound  time.Duration
}

// recordingExec runs the commands (the fake journalctl) and notes each
// call, in order.
type recordingExec struct {
	OSExec
	mu    sync.Mutex
	calls []journalCall
}

func (r *recordingExec) note(c journalCall) {
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
}

func (r *recordingExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	c := journalCall{args: args}
	if d, ok := ctx.Deadline(); ok {
		c.bound = time.Until(d)
	}
	r.note(c)
	return r.OSExec.Output(ctx, name, args...)
}

func (r *recordingExec) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	r.note(journalCall{args: args, stream: true})
	return r.OSExec.Stream(ctx, merge, name, args...)
}

func (r *recordingExec) seen() []journalCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

// A journalctl that hangs hangs the identifier probe before the read: the
// probe spends the read's stall limit, not a bound of its own on top of
// it, and a read once whose probe spent all of it ends with the stall
// error without starting a read that would wait as long again.
func TestJournalOnceHangingProbeCostsOneStallLimit(t *testing.T) {
	fakeJournalctlProbe(t, "exec /bin/sleep 30", "exec /bin/sleep 30\n")
	// The commands' own bound is out of the way: only the stall limit
	// may end the probe.
	ex := &recordingExec{OSExec: OSExec{Timeout: time.Hour}}
	const limit = 300 * time.Millisecond
	done := make(chan struct{})
	var batches []LogBatch
	var err error
	go func() {
		defer close(done)
		_, batches, err = collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, Exec: ex, Block: true, StallLimit: limit})
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the read still hangs after 30 s")
	}
	const want = "journalctl wrote nothing for 300ms and was killed: a stuck journal file, or journald broken?"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err %v, want %q", err, want)
	}
	calls := ex.seen()
	if len(calls) == 0 || calls[0].stream || calls[0].args[0] != "--field=SYSLOG_IDENTIFIER" {
		t.Fatalf("calls %+v, want the probe first", calls)
	}
	if calls[0].bound <= 0 || calls[0].bound > limit {
		t.Errorf("the probe had %v, want at most the stall limit %v", calls[0].bound, limit)
	}
	if len(calls) != 1 {
		t.Errorf("calls %+v, want the probe alone: it spent the stall limit", calls)
	}
	var states []SourceState
	for _, b := range batches {
		if b.State != nil {
			states = append(states, *b.State)
		}
	}
	if len(states) != 1 || states[0].Health != HealthUnavailable || !strings.Contains(states[0].Detail, want) {
		t.Errorf("states %+v", states)
	}
}

// Following a backlog with a journalctl whose probe hangs, the probe
// spends the stall limit: the state turns degraded as soon as the read
// has started, not a probe's bound later, and the first entry makes it ok
// again. The read asks for every default Postfix name.
func TestJournalFollowHangingProbeCostsOneStallLimit(t *testing.T) {
	fakeJournalctlProbe(t, "exec /bin/sleep 30", "/bin/sleep 1\n"+oneEntry(1)+"exec /bin/sleep 30\n")
	ex := &recordingExec{OSExec: OSExec{Timeout: time.Hour}}
	const limit = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	errc := make(chan error, 1)
	go func() {
		errc <- RunLog(ctx, LogSpec{Kind: LogJournal, Since: "1h", Exec: ex, Block: true, StallLimit: limit}, out)
	}()
	// events: "ok", "degraded" for states, "records" for a batch of them.
	var events []string
	timeout := time.After(30 * time.Second)
	for !slices.Contains(events, "records") {
		select {
		case b := <-out:
			if b.State != nil {
				events = append(events, b.State.Health.String())
			}
			if len(b.Records) > 0 {
				events = append(events, "records")
			}
		case <-timeout:
			t.Fatalf("no record after 30 s; events %v", events)
		}
	}
	cancel()
	for range out {
	}
	if err := <-errc; err != nil {
		t.Errorf("err %v", err)
	}
	if want := []string{"ok", "degraded", "ok", "records"}; !slices.Equal(events, want) {
		t.Errorf("events %v, want %v", events, want)
	}
	calls := ex.seen()
	if len(calls) != 2 || calls[0].stream || !calls[1].stream {
		t.Fatalf("calls %+v, want the probe, then the read", calls)
	}
	if calls[0].bound <= 0 || calls[0].bound > limit {
		t.Errorf("the probe had %v, want at most the stall limit %v", calls[0].bound, limit)
	}
	if want := JournalArgs(JournalQuery{Since: "1h", FromStart: true, Follow: true}); !slices.Equal(calls[1].args, want) {
		t.Errorf("read %q, want %q", calls[1].args, want)
	}
}

// A probe that answers, however slowly, is journalctl writing: the read
// after it still has the whole stall limit, and asks for what the probe
// found.
func TestJournalSlowProbeAnswerKeepsStallLimit(t *testing.T) {
	fakeJournalctlProbe(t, "/bin/sleep 1; echo postfix-out/smtp", "/bin/sleep 1\n"+oneEntry(1))
	ex := &recordingExec{OSExec: OSExec{Timeout: time.Hour}}
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, Exec: ex, Block: true, StallLimit: 1700 * time.Millisecond})
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, err %v", len(recs), err)
	}
	calls := ex.seen()
	want := JournalArgs(JournalQuery{FromStart: true, Identifiers: []string{"postfix-out/smtp"}})
	if len(calls) != 2 || !calls[1].stream || !slices.Equal(calls[1].args, want) {
		t.Errorf("calls %+v, want the read %q", calls, want)
	}
}

// alive says whether the process runs: a zombie has ended.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: the signal's answer stands
	}
	_, after, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(after, "Z")
}

// killedOnCancel is a journalctl stream that, like a real one, ends with
// the kill's exit error once the caller's context is cancelled.
type killedOnCancel struct{ OSExec }

func (killedOnCancel) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	return []byte("postfix/smtp\n"), nil
}

func (killedOnCancel) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	var entry bytes.Buffer
	exportEntry(&entry, "__REALTIME_TIMESTAMP", "1795864388000000", "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix/qmgr", "SYSLOG_PID", "7", "MESSAGE", "ABCDEF1231: removed")
	return io.NopCloser(io.MultiReader(&entry, readerFunc(func([]byte) (int, error) {
		<-ctx.Done()
		return 0, errors.New("signal: killed")
	}))), nil
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// Stopping the monitor kills journalctl; its exit error is the stop, not
// a failure: RunLog returns nil however the cancellation and the
// producer's end are ordered.
func TestJournalFollowCancelIsNoError(t *testing.T) {
	t.Setenv(JournalReaderEnv, "journalctl")
	for i := range 12 {
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan LogBatch)
		errc := make(chan error, 1)
		go func() {
			errc <- RunLog(ctx, LogSpec{Kind: LogJournal, Exec: killedOnCancel{}, Block: true}, out)
		}()
		<-out // the source's first state
		// The entry's batch is left waiting to be handed over while the
		// producer ends on the kill.
		time.Sleep(250 * time.Millisecond)
		cancel()
		time.Sleep(20 * time.Millisecond)
		for range out {
		}
		if err := <-errc; err != nil {
			t.Fatalf("run %d: err %v", i, err)
		}
	}
}
