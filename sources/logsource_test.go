package sources

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"

	"mxtop/sources/sourcestest"
)

func logLine(sec int, text string) string {
	return fmt.Sprintf("Nov 28 10:%02d:%02d h postfix/qmgr[1]: %s", sec/60%60, sec%60, text)
}

// collect runs a log source until it ends or ctx is cancelled.
func collect(t *testing.T, ctx context.Context, spec LogSpec) ([]Record, []LogBatch, error) {
	t.Helper()
	out := make(chan LogBatch)
	var err error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); err = RunLog(ctx, spec, out) }()
	var recs []Record
	var batches []LogBatch
	for b := range out {
		recs = append(recs, b.Records...)
		batches = append(batches, b)
	}
	wg.Wait()
	return recs, batches, err
}

func TestReplayOrdersFilesByContent(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, gz bool, from, n int) string {
		var buf bytes.Buffer
		for i := from; i < from+n; i++ {
			buf.WriteString(logLine(i, fmt.Sprintf("ID%04dAB: removed", i)) + "\n")
		}
		data := buf.Bytes()
		if gz {
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(data)
			zw.Close()
			data = z.Bytes()
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cur := write("mail.log", false, 200, 100)
	one := write("mail.log.1", false, 100, 100)
	two := write("mail.log.2.gz", true, 0, 100)
	recs, batches, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{cur, one, two}, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 300 {
		t.Fatalf("%d records, want 300", len(recs))
	}
	for i := 1; i < len(recs); i++ {
		if recs[i].Time.Before(recs[i-1].Time) {
			t.Fatalf("record %d out of order: %v after %v", i, recs[i].Time, recs[i-1].Time)
		}
	}
	last := batches[len(batches)-1]
	if last.Progress == nil || !last.Progress.Finished || last.Progress.Done != last.Progress.Total || last.Progress.Lines != 300 {
		t.Fatalf("final progress %+v", last.Progress)
	}
	if recs[0].Event != EvRemoved || recs[0].QueueID != "ID0000AB" {
		t.Fatalf("first record %+v", recs[0])
	}
}

// Files whose first lines carry the same second (a rotation just after a
// burst, a log rotated by size) are in the order they were last written:
// the file still written to is last, whichever was named first.
func TestOrderLogFilesSameFirstSecond(t *testing.T) {
	dir := t.TempDir()
	write := func(name, id string, mtime time.Time) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(logLine(1, id+": removed")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	now := time.Now()
	cur := write("mail.log", "ID0002AB", now)
	one := write("mail.log.1", "ID0001AB", now.Add(-time.Minute))
	got, _, err := orderLogFiles([]string{cur, one}, NewParser(), nil)
	if err != nil || !slices.Equal(got, []string{one, cur}) {
		t.Fatalf("order %v, error %v", got, err)
	}
}

// Of several files to follow, one not there is left out and said, the
// rest ordered; the current file not there yet (mail.log beside
// mail.log.1 and mail.log.2.gz) is the one followed, waited for, and so
// is the last named when none is there. A missing rotation (mail.log.1
// beside mail.log.1.gz) is never taken for the current file.
func TestFollowFilesLeavesOutMissing(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	for name, id := range map[string]string{"mail.log": "ID0003AB", "mail.log.1.gz": "ID0001AB", "other.log": "ID0002AB"} {
		if err := os.WriteFile(at(name), []byte(logLine(1, id+": removed")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(at("mail.log.1.gz"), time.Now().Add(-time.Hour), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		named, older, leftOut []string
		cur                   string
	}{
		{[]string{"mail.log.2", "mail.log.1.gz", "mail.log"}, []string{"mail.log.1.gz"}, []string{"mail.log.2"}, "mail.log"},
		{[]string{"mail.log.1", "mail.log.1.gz", "mail.log"}, []string{"mail.log.1.gz"}, []string{"mail.log.1"}, "mail.log"},
		{[]string{"new.log.1", "new.log"}, nil, []string{"new.log.1"}, "new.log"},
		{[]string{"new.log.2", "mail.log.1.gz", "new.log"}, []string{"mail.log.1.gz"}, []string{"new.log.2"}, "new.log"},
		{[]string{"a.log", "b.log"}, nil, []string{"a.log"}, "b.log"},
	} {
		var named, older, leftOut []string
		for _, n := range c.named {
			named = append(named, at(n))
		}
		for _, n := range c.older {
			older = append(older, at(n))
		}
		for _, n := range c.leftOut {
			leftOut = append(leftOut, at(n)+": no such file")
		}
		cur, o, l := FollowFiles(named, NewParser())
		if cur != at(c.cur) || !slices.Equal(o, older) || !slices.Equal(l, leftOut) {
			t.Errorf("%v: follows %s after %v, left out %v; want %s after %v, left out %v", c.named, cur, o, l, c.cur, c.older, leftOut)
		}
	}
}

// The current file (mail.log beside its rotations) is followed whatever
// keeps it from being read, a permission or a directory in its place, not
// only when it is missing: following mail.log.1 instead reads a file
// nothing writes to, and once mail.log can be read it is never seen. When
// no file can be read it is still the one waited for, not the last named.
func TestFollowFilesPicksUnreadableCurrent(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(at("mail.log.1"), []byte(logLine(1, "ID0001AB: removed")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A directory stands for a file this user may not read: tests run
	// as root, whom no mode keeps out.
	for _, name := range []string{"mail.log", "mail.log.2"} {
		if err := os.Mkdir(at(name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cur, older, leftOut := FollowFiles([]string{at("mail.log"), at("mail.log.1")}, NewParser())
	if cur != at("mail.log") || !slices.Equal(older, []string{at("mail.log.1")}) || len(leftOut) != 0 {
		t.Errorf("follows %s after %v, left out %v; want mail.log after mail.log.1", cur, older, leftOut)
	}
	cur, older, leftOut = FollowFiles([]string{at("mail.log"), at("mail.log.2")}, NewParser())
	if cur != at("mail.log") || len(older) != 0 || len(leftOut) != 1 || !strings.HasPrefix(leftOut[0], at("mail.log.2")+": ") {
		t.Errorf("none readable: follows %s after %v, left out %v; want mail.log, mail.log.2 left out", cur, older, leftOut)
	}
}

func TestReplayMissingFile(t *testing.T) {
	_, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{"/nonexistent/maillog"}, Block: true})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/maillog: no such file") {
		t.Fatalf("err %v", err)
	}
}

func TestStdinAndComposePrefix(t *testing.T) {
	in := "postfix-mailserver-1  | " + logLine(1, "ABCDEF1234: removed") + "\n" +
		"mailserver | " + logLine(2, "ABCDEF1235: removed") + "\n" +
		logLine(3, "ABCDEF1236: removed") + "\n"
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs {
		if r.Event != EvRemoved {
			t.Errorf("prefix not stripped: %q -> %v", r.Line, r.Event)
		}
	}
	if got := stripComposePrefix("Nov 28 10:00:00 h postfix/smtp[1]: a | b"); got != "Nov 28 10:00:00 h postfix/smtp[1]: a | b" {
		t.Errorf("stripped a syslog line: %q", got)
	}
}

// exportEntry writes one journal export entry; a value with a newline
// takes the binary form.
func exportEntry(b *bytes.Buffer, fields ...string) {
	for i := 0; i+1 < len(fields); i += 2 {
		k, v := fields[i], fields[i+1]
		if !strings.ContainsAny(v, "\n\x00") {
			b.WriteString(k + "=" + v + "\n")
			continue
		}
		b.WriteString(k + "\n")
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
		b.Write(n[:])
		b.WriteString(v + "\n")
	}
	b.WriteString("\n")
}

func TestJournalSource(t *testing.T) {
	var exp bytes.Buffer
	exportEntry(&exp, "__CURSOR", "s=1", "__REALTIME_TIMESTAMP", "1795864388000123", "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix/smtp", "SYSLOG_PID", "6296", "_PID", "6296",
		"MESSAGE", "40634C026D: to=<4user@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, delay=0.21, delays=0.01/0.17/0.03/0, dsn=4.7.0, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.throttled.example Error: too many connections from 127.0.0.1)")
	exportEntry(&exp, "__REALTIME_TIMESTAMP", "1795864389000000", "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "systemd", "_PID", "1", "MESSAGE", "Started postfix@-.service")
	// A second instance, its pid only in _PID.
	exportEntry(&exp, "__REALTIME_TIMESTAMP", "1795864390000000", "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix-out/qmgr", "_PID", "77", "MESSAGE", "ABCDEF1234: removed")
	// A multi-line MESSAGE (binary form) whose second line looks like a
	// delivery: it must stay inside the first record.
	exportEntry(&exp, "__REALTIME_TIMESTAMP", "1795864391000000", "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix/smtpd", "SYSLOG_PID", "9",
		"MESSAGE", "warning: hostname x does not resolve\nNov 28 10:00:00 mx postfix/smtp[1]: FORGED1234: to=<a@b.example>, relay=x[1.2.3.4]:25, delay=1, dsn=2.0.0, status=sent (ok)\x00")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"journalctl --field=SYSLOG_IDENTIFIER": "postfix/smtp\npostfix-out/qmgr\nsystemd\npostfix/evil id\n",
	}}
	ids := journalIdentifiers(context.Background(), fx, "", CommandTimeout)
	fx.Outputs["journalctl "+strings.Join(JournalArgs(JournalQuery{Since: "2h", Follow: true, Identifiers: ids}), " ")] = exp.String()
	recs, batches, err := collect(t, context.Background(), LogSpec{Kind: LogJournal, Since: "2h", Exec: fx, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4: %+v", len(recs), recs)
	}
	if r := recs[0]; r.Class != ClassConnLimit || r.Host != "mx" || r.Program != "postfix/smtp" || r.PID != 6296 || !r.Time.Equal(time.UnixMicro(1795864388000123)) {
		t.Fatalf("delivery %+v", r)
	}
	if recs[1].Event != EvOther {
		t.Fatalf("systemd line %+v", recs[1])
	}
	if r := recs[2]; r.Event != EvRemoved || r.SyslogName != "postfix-out" || r.PID != 77 {
		t.Fatalf("second instance %+v", r)
	}
	if r := recs[3]; r.Event != EvWarning || strings.ContainsAny(r.Line, "\n\x00") || r.Program != "postfix/smtpd" {
		t.Fatalf("multi-line message %+v", r)
	}
	call := fx.Calls[len(fx.Calls)-1]
	for _, want := range []string{"--output=export", "--since=-7200s", "SYSLOG_FACILITY=2 + ", "SYSLOG_IDENTIFIER=postfix-out/qmgr", "SYSLOG_IDENTIFIER=postfix/smtp"} {
		if !strings.Contains(call, want) {
			t.Errorf("journalctl called as %q, want %q in it", call, want)
		}
	}
	if strings.Contains(call, "--unit") || strings.Contains(call, "evil") || strings.Contains(call, "=systemd") || strings.Contains(call, "postfix/bounce") {
		t.Errorf("journalctl called as %q", call)
	}
	if batches[0].State == nil || batches[0].State.Health != HealthOK {
		t.Fatalf("no ok state first: %+v", batches[0])
	}
}

func TestJournalDirArgs(t *testing.T) {
	args := strings.Join(JournalArgs(JournalQuery{Dir: "/srv/copy/journal"}), " ")
	if !strings.Contains(args, "--directory=/srv/copy/journal") || strings.Contains(args, "--follow") {
		t.Fatalf("args %q", args)
	}
}

func TestExportReaderMalformed(t *testing.T) {
	for name, in := range map[string]string{
		"short length":  "MESSAGE\n\x05\x00",
		"short value":   "MESSAGE\n\x05\x00\x00\x00\x00\x00\x00\x00ab",
		"no newline":    "MESSAGE\n\x02\x00\x00\x00\x00\x00\x00\x00abX",
		"huge length":   "MESSAGE\n\xff\xff\xff\xff\xff\xff\xff\x7fab",
		"truncated key": "__REALTIME_TIMESTAMP=1\nMESS",
	} {
		var got []chunk
		ch := make(chan chunk, 16)
		err := produceExport(context.Background(), strings.NewReader(in), ch, false)
		close(ch)
		for c := range ch {
			got = append(got, c)
		}
		if err == nil {
			t.Errorf("%s: no error (chunks %+v)", name, got)
		}
	}
}

func TestJournalMissing(t *testing.T) {
	_, batches, err := collect(t, context.Background(), LogSpec{Kind: LogJournal, Exec: &sourcestest.FakeExec{}, Block: true})
	if err == nil {
		t.Fatal("want an error when journalctl is missing")
	}
	if batches[0].State == nil || batches[0].State.Health != HealthUnavailable || !strings.Contains(batches[0].State.Detail, "not found") {
		t.Fatalf("state %+v", batches[0].State)
	}
}

func TestDockerSource(t *testing.T) {
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"docker logs --follow --timestamps --tail 0 mailserver": "mailserver  | " + logLine(1, "ABCDEF1234: removed") + "\n",
	}}
	// The follow runs until stopped: once its line is read, stop it.
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	recs, _, _ := collect(t, ctx, LogSpec{Kind: LogDocker, Container: "mailserver", Exec: fx, Block: true, Retry: time.Hour})
	if len(recs) != 1 || recs[0].Event != EvRemoved {
		t.Fatalf("records %+v", recs)
	}
}

// docker logs --follow runs with --timestamps: a container whose syslog
// writes its local time without a zone, in UTC (Docker's default), is
// dated by the runtime's stamp, not read in the host's zone an hour
// before it happened.
func TestDockerSourceDatesByTheRuntime(t *testing.T) {
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"docker logs --follow --timestamps --tail 0 mailserver": "2026-11-28T10:00:01.5Z " + logLine(1, "ABCDEF1234: removed") + "\n",
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	p := NewParser()
	p.Loc = cet
	recs, _, _ := collect(t, ctx, LogSpec{Kind: LogDocker, Container: "mailserver", Exec: fx, Block: true, Retry: time.Hour, Parser: p})
	if want := time.Date(2026, 11, 28, 10, 0, 1, 5e8, time.UTC); len(recs) != 1 || recs[0].Event != EvRemoved || !recs[0].Time.Equal(want) {
		t.Fatalf("records %+v, want one removed at %v", recs, want)
	}
}

// A consumer that never reads must not block the source; records beyond
// MaxPending are dropped and counted.
func TestSlowConsumerDropsAreCounted(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 5000; i++ {
		in.WriteString(logLine(i%3600, "ABCDEF1234: removed") + "\n")
	}
	out := make(chan LogBatch) // nobody reads until the source is done
	done := make(chan error, 1)
	go func() {
		done <- RunLog(context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in.String()),
			MaxPending: 1000, FlushEvery: time.Millisecond}, out)
	}()
	time.Sleep(200 * time.Millisecond)
	var got int
	var dropped uint64
	for b := range out {
		got += len(b.Records)
		dropped = b.Dropped
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got+int(dropped) != 5000 || dropped == 0 {
		t.Fatalf("got %d, dropped %d: want them to add to 5000 with some dropped", got, dropped)
	}
}

// Batches waiting in a buffered channel count against MaxPending: a live
// view that falls behind (the channel full, each batch grown to
// MaxPending) held nine times MaxPending records, a gigabyte on a long
// backlog.
func TestSlowConsumerHoldsAtMostMaxPending(t *testing.T) {
	for _, parsed := range []bool{false, true} {
		out := make(chan LogBatch, 8) // as the live view's
		p := NewParser()
		b := &batcher{out: out, spec: LogSpec{Parser: p, MaxPending: 1000, FlushLines: 100}}
		const chunks, per = 50, 100
		for i := range chunks {
			c := chunk{}
			for j := range per {
				line := logLine(i*per+j, "ABCDEF1234: removed")
				if parsed {
					c.recs = appendParsed(p, c.recs, line, time.Time{})
				} else {
					c.lines = append(c.lines, line)
				}
			}
			c.parsed = parsed
			b.take(context.Background(), c)
		}
		held := len(b.pending)
		for len(out) > 0 {
			held += len((<-out).Records)
		}
		if held > 1000 || held+int(b.dropped) != chunks*per {
			t.Errorf("parsed %v: %d records held, %d dropped: want at most 1000 held, adding to %d", parsed, held, b.dropped, chunks*per)
		}
	}
}

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// followHarness runs a follow source and gathers what it sends.
type followHarness struct {
	mu     sync.Mutex
	recs   []Record
	states []SourceState
	cancel context.CancelFunc
	done   chan struct{}
}

func startFollow(t *testing.T, path string, fromStart bool) *followHarness {
	ctx, cancel := context.WithCancel(context.Background())
	h := &followHarness{cancel: cancel, done: make(chan struct{})}
	out := make(chan LogBatch)
	go func() {
		RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, FromStart: fromStart, FlushEvery: 10 * time.Millisecond}, out)
	}()
	go func() {
		defer close(h.done)
		for b := range out {
			h.mu.Lock()
			h.recs = append(h.recs, b.Records...)
			if b.State != nil {
				h.states = append(h.states, *b.State)
			}
			h.mu.Unlock()
		}
	}()
	t.Cleanup(func() { cancel(); <-h.done })
	return h
}

func (h *followHarness) count() int { h.mu.Lock(); defer h.mu.Unlock(); return len(h.recs) }

func (h *followHarness) hasState(health Health, sub string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, s := range h.states {
		if s.Health == health && strings.Contains(s.Detail, sub) {
			return true
		}
	}
	return false
}

func appendLines(t *testing.T, path string, from, n int) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	for i := from; i < from+n; i++ {
		fmt.Fprintln(f, logLine(i%3600, fmt.Sprintf("ABC%05dD: removed", i)))
	}
	f.Close()
}

func TestFollowRotations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	appendLines(t, path, 0, 5) // existing lines are skipped: start at the end
	h := startFollow(t, path, false)
	waitFor(t, "following state", 5*time.Second, func() bool { return h.hasState(HealthOK, "following") })
	time.Sleep(100 * time.Millisecond)
	appendLines(t, path, 5, 10)
	waitFor(t, "10 new lines", 5*time.Second, func() bool { return h.count() == 10 })

	// logrotate's rename + create.
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	appendLines(t, path, 15, 7)
	waitFor(t, "lines after rename+create", 10*time.Second, func() bool { return h.count() == 17 })

	// copytruncate: copy away, truncate in place, write again.
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	appendLines(t, path, 22, 3)
	waitFor(t, "lines after copytruncate", 10*time.Second, func() bool { return h.count() == 20 })

	// delete + recreate, with a gap in which the file is missing.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "waiting state", 10*time.Second, func() bool { return h.hasState(HealthWaiting, "reappear") })
	appendLines(t, path, 25, 4)
	waitFor(t, "lines after delete+recreate", 10*time.Second, func() bool { return h.count() == 24 })
}

func TestFollowWaitsForMissingFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "maillog")
	h := startFollow(t, path, true)
	waitFor(t, "waiting state", 5*time.Second, func() bool { return h.hasState(HealthWaiting, "waiting for "+path) })
	appendLines(t, path, 0, 3)
	waitFor(t, "lines of the new file", 10*time.Second, func() bool { return h.count() == 3 })
}

func TestExplainPermission(t *testing.T) {
	err := explainOpenError("/var/log/mail.log", &os.PathError{Op: "open", Path: "/var/log/mail.log", Err: os.ErrPermission})
	if !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), "group adm") {
		t.Fatalf("%v", err)
	}
}

// Cancelling a source leaves no goroutine behind.
func TestCancelLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	appendLines(t, path, 0, 1)
	for _, spec := range []LogSpec{
		{Kind: LogFollow, Paths: []string{path}},
		{Kind: LogFollow, Paths: []string{filepath.Join(dir, "absent.log")}},
		{Kind: LogJournal, Exec: OSExec{}}, // journalctl may or may not exist: both must stop
	} {
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan LogBatch)
		done := make(chan struct{})
		go func() { RunLog(ctx, spec, out); close(done) }()
		go func() {
			for range out {
			}
		}()
		time.Sleep(150 * time.Millisecond)
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s did not stop", spec.Describe())
		}
	}
	waitFor(t, "goroutines to end", 5*time.Second, func() bool { return runtime.NumGoroutine() <= before })
}

// --since drops older records at the source, for every consumer.
func TestNotBeforeSkipsOlderRecords(t *testing.T) {
	in := "Nov 28 10:59:59 h postfix/smtp[1]: ABCDEF1234: to=<a@old.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)\n" +
		"garbage without a time\n" +
		"Nov 28 11:00:01 h postfix/smtp[1]: ABCDEF1235: to=<a@new.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)\n"
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true,
		Parser: &Parser{Year: 2026, Loc: time.UTC}, NotBefore: time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Event != EvInvalid || recs[1].Domain != "new.example" {
		t.Fatalf("records %+v", recs)
	}
}

// Rotated files compressed by logrotate's usual programs (gzip, bzip2, xz,
// zstd, lz4) are read as their lines, whatever their names, not as binary
// lines. mail.log.3.bz2 in testdata holds lines 100..199 as logLine writes
// them, made with bzip2 -9.
func TestReplayCompressedRotations(t *testing.T) {
	dir := t.TempDir()
	lines := func(from, n int) []byte {
		var buf bytes.Buffer
		for i := from; i < from+n; i++ {
			buf.WriteString(logLine(i, fmt.Sprintf("ID%04dAB: removed", i)) + "\n")
		}
		return buf.Bytes()
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	compress := func(data []byte, newWriter func(io.Writer) (io.WriteCloser, error)) []byte {
		var z bytes.Buffer
		zw, err := newWriter(&z)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := zw.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return z.Bytes()
	}
	emptyXZ, err := hex.DecodeString("fd377a585a000004e6d6b446000000001cdf44211fb6f37d010000000004595a")
	if err != nil {
		t.Fatal(err)
	}
	bz2, err := os.ReadFile("testdata/rotated/mail.log.3.bz2")
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{
		write("mail.log", lines(500, 100)),
		write("mail.log.1.zst", compress(lines(400, 100), func(w io.Writer) (io.WriteCloser, error) { return zstd.NewWriter(w) })),
		write("mail.log.2.lz4", compress(lines(300, 100), func(w io.Writer) (io.WriteCloser, error) { return lz4.NewWriter(w), nil })),
		write("mail.log.3.xz", compress(lines(200, 100), func(w io.Writer) (io.WriteCloser, error) { return xz.NewWriter(w) })),
		write("mail.log.4.bz2", bz2),
		write("mail.log.5.gz", compress(lines(0, 100), func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriter(w), nil })),
		// Empty logs compressed (logrotate without notifempty): no lines.
		// xz writes a stream without a block (xz </dev/null | xxd -p).
		write("mail.log.6.xz", emptyXZ),
		write("mail.log.7.zst", compress(nil, func(w io.Writer) (io.WriteCloser, error) { return zstd.NewWriter(w) })),
		write("mail.log.8.gz", compress(nil, func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriter(w), nil })),
	}
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: paths, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 600 {
		t.Fatalf("%d records, want 600", len(recs))
	}
	for i := range recs {
		if want := fmt.Sprintf("ID%04dAB", i); recs[i].Event != EvRemoved || recs[i].QueueID != want {
			t.Fatalf("record %d: %q, want %s removed", i, recs[i].Line, want)
		}
	}
}

// A file named twice, or once more through a symlink (maillog beside
// mail.log), is read once: its lines are not counted twice.
func TestReplayReadsTheSameFileOnce(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	for i := range 100 {
		buf.WriteString(logLine(i, fmt.Sprintf("ID%04dAB: removed", i)) + "\n")
	}
	p := filepath.Join(dir, "mail.log")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "maillog")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{p, link, p}, Block: true})
	if err != nil || len(recs) != 100 {
		t.Fatalf("err %v, %d records, want 100", err, len(recs))
	}
	// A copy of it, compressed (gzip -k, a rotation run twice), starts
	// with the same line at the same time: read once too, and said so.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(buf.Bytes())
	zw.Close()
	gz := filepath.Join(dir, "mail.log.gz")
	if err := os.WriteFile(gz, z.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, batches, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{p, gz}, Block: true})
	if err != nil || len(recs) != 100 {
		t.Fatalf("a file and its compressed copy: err %v, %d records, want 100", err, len(recs))
	}
	said := false
	for _, b := range batches {
		said = said || b.State != nil && strings.Contains(b.State.Detail, gz+" left out: it starts with the same line as "+p)
	}
	if !said {
		t.Errorf("the copy left out without a word: %+v", batches)
	}
}

// A compressed log whose xz header asks for a 4 GiB dictionary (a damaged
// or hostile file) is refused saying so, before the decoder allocates it.
func TestReplayXZDictionaryBounded(t *testing.T) {
	var z bytes.Buffer
	zw, err := xz.NewWriter(&z)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write([]byte(logLine(0, "ID0000AB: removed") + "\n"))
	zw.Close()
	b := z.Bytes()
	hdr := b[12 : 12+(int(b[12])+1)*4]
	i := bytes.Index(hdr, []byte{0x21, 0x01})
	if i < 0 {
		t.Fatal("no LZMA2 filter in the block header")
	}
	hdr[i+2] = 40 // 4 GiB - 1, the most the format can ask for
	binary.LittleEndian.PutUint32(hdr[len(hdr)-4:], crc32.ChecksumIEEE(hdr[:len(hdr)-4]))
	path := filepath.Join(t.TempDir(), "mail.log.1.xz")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err = collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), path+": not a readable xz file: its dictionary of 4095 MiB is past the 64 MiB mxtop allows") {
		t.Errorf("err %v", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20 {
		t.Errorf("reading it allocated %d MiB", n>>20)
	}
}

// Permission advice reads the file: a group that may read it is named, and
// a file only its owner (or root's group) may read, such as RHEL's maillog
// (0600), asks for sudo, not for a group that would not help.
func TestExplainPermissionNamesTheGroup(t *testing.T) {
	dir := t.TempDir()
	denied := func(p string) string {
		return explainOpenError(p, &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}).Error()
	}
	shared := filepath.Join(dir, "mail.log")
	os.WriteFile(shared, nil, 0o640)
	os.Chmod(shared, 0o640)
	gid := os.Getgid()
	if gid == 0 { // a root test: give the file a group it is no harm to join
		gid = 65534
		if err := os.Chown(shared, -1, gid); err != nil {
			t.Skip(err)
		}
	}
	group := strconv.Itoa(gid)
	if g, err := user.LookupGroupId(group); err == nil {
		group = g.Name
	}
	if got, want := denied(shared), shared+": permission denied: add your user to group "+group+" (sudo usermod -aG "+group+" $USER, then log in again), or run mxtop with sudo"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	private := filepath.Join(dir, "maillog")
	os.WriteFile(private, nil, 0o600)
	if got, want := denied(private), private+": permission denied: only its owner may read it (mode 0600): run mxtop with sudo"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A rotated file damaged part way (a gzip cut short when the disk filled
// during rotation) costs its own missing lines, not the whole replay: the
// others are read, what it held before the damage too, and the log's
// state says which file was damaged and how.
func TestReplayDamagedRotationKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	lines := func(from, n int) []byte {
		var buf bytes.Buffer
		for i := from; i < from+n; i++ {
			buf.WriteString(logLine(i, fmt.Sprintf("ID%04dAB: removed", i)) + "\n")
		}
		return buf.Bytes()
	}
	gz := func(data []byte) []byte {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		return z.Bytes()
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cut := gz(lines(1000, 1000))
	damaged := write("mail.log.1.gz", cut[:len(cut)/2])
	paths := []string{write("mail.log", lines(2000, 100)), damaged, write("mail.log.2.gz", gz(lines(0, 100)))}
	recs, batches, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: paths, Block: true})
	if err != nil {
		t.Fatalf("replay failed: %v", err)
	}
	from := map[string]int{}
	for _, r := range recs {
		if r.Event == EvRemoved {
			from[r.QueueID[2:3]]++ // ID0..., ID1..., ID2...: which file
		}
	}
	if from["0"] != 100 || from["2"] != 100 || from["1"] == 0 || from["1"] >= 1000 {
		t.Errorf("records per file %v: want 100 from each whole file and part of the damaged one", from)
	}
	var last *SourceState
	for _, b := range batches {
		if b.State != nil {
			last = b.State
		}
	}
	if last == nil || last.Health != HealthDegraded || !strings.Contains(last.Detail, damaged+": not a readable gzip file") {
		t.Errorf("log state %+v: want degraded, naming %s", last, damaged)
	}
	// Alone, the damaged file is still an error: nothing else was asked
	// for. The live view and serve, which keep running, see it in the
	// log's state: a replay of it is not "ok".
	_, batches, err = collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{damaged}, Block: true})
	if err == nil {
		t.Error("replay of the damaged file alone: no error")
	}
	last = nil
	for _, b := range batches {
		if b.State != nil {
			last = b.State
		}
	}
	if last == nil || last.Health != HealthDegraded || !strings.Contains(last.Detail, "read up to the damage: "+damaged+": not a readable gzip file") {
		t.Errorf("log state of the damaged file alone %+v: want degraded, naming the damage", last)
	}
	// Nothing readable at all: unavailable.
	junk := write("mail.log.3.gz", []byte{0x1f, 0x8b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	_, batches, _ = collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{junk}, Block: true})
	last = nil
	for _, b := range batches {
		if b.State != nil {
			last = b.State
		}
	}
	if last == nil || last.Health != HealthUnavailable {
		t.Errorf("log state of a file with nothing readable: %+v", last)
	}
}

// Standard input is read as a named file is: compressed input is
// decompressed ("zcat"-free: mxtop report - < mail.log.2.gz), and a
// damaged one is an error.
func TestStdinDecompresses(t *testing.T) {
	var plain bytes.Buffer
	for i := 0; i < 50; i++ {
		plain.WriteString(logLine(i, fmt.Sprintf("ID%04dAB: removed", i)) + "\n")
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(plain.Bytes())
	zw.Close()
	for name, in := range map[string][]byte{"plain": plain.Bytes(), "gzip": z.Bytes()} {
		recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: bytes.NewReader(in), Block: true})
		removed := 0
		for _, r := range recs {
			if r.Event == EvRemoved {
				removed++
			}
		}
		if err != nil || removed != 50 {
			t.Errorf("%s: %d records removed, error %v", name, removed, err)
		}
	}
	if _, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: bytes.NewReader(z.Bytes()[:z.Len()/2]), Block: true}); err == nil || !strings.Contains(err.Error(), "stdin: not a readable gzip file") {
		t.Errorf("cut gzip on stdin: error %v", err)
	}
}

// Standard input that ends while a live view or serve goes on (a
// `tail -F mail.log | mxtop serve --log -` whose tail died) is told: the
// log's last state says stdin ended. It stayed ok, so a dead pipe looked
// like a quiet server. A report reads to the end as always.
func TestLiveStdinSaysItEnded(t *testing.T) {
	in := logLine(1, "ID0001AB: removed") + "\n"
	last := func(batches []LogBatch) *SourceState {
		var st *SourceState
		for _, b := range batches {
			if b.State != nil {
				st = b.State
			}
		}
		return st
	}
	_, batches, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if st := last(batches); st == nil || st.Health != HealthUnavailable || !strings.Contains(st.Detail, "stdin ended") {
		t.Errorf("live: last state %+v", st)
	}
	_, batches, _ = collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true})
	if st := last(batches); st == nil || st.Health != HealthOK {
		t.Errorf("report: last state %+v", st)
	}
}

// A replay (a compressed file, nothing to follow) that ends while a live
// view or serve goes on says so: its log stayed ok, and serve's
// mxtop_source_up said 1 over counters that never moved again.
func TestLiveReplaySaysItEnded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mail.log.1.gz")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(logLine(1, "ID0001AB: removed") + "\n"))
	zw.Close()
	if err := os.WriteFile(path, z.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	last := func(batches []LogBatch) *SourceState {
		var st *SourceState
		for _, b := range batches {
			if b.State != nil {
				st = b.State
			}
		}
		return st
	}
	recs, batches, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true, Live: true})
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, error %v", len(recs), err)
	}
	if st := last(batches); st == nil || st.Health != HealthUnavailable || !strings.Contains(st.Detail, "ended") || !strings.Contains(st.Detail, path) {
		t.Errorf("live: last state %+v", st)
	}
	_, batches, _ = collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
	if st := last(batches); st == nil || st.Health != HealthOK {
		t.Errorf("report: last state %+v", st)
	}
}

// dockerExec streams its output, then fails as docker logs does when
// exit is set.
type dockerExec struct {
	out  string
	exit error
}

func (d dockerExec) Output(context.Context, string, ...string) ([]byte, error) { return nil, nil }
func (d dockerExec) Run(context.Context, []byte, string, ...string) ([]byte, error) {
	return nil, nil
}
func (d dockerExec) Stream(context.Context, bool, string, ...string) (io.ReadCloser, error) {
	return exitCloser{strings.NewReader(d.out), d.exit}, nil
}

type exitCloser struct {
	io.Reader
	err error
}

func (e exitCloser) Close() error { return e.err }

// docker logs that fails says why in the log's state (its own message:
// no such container, no daemon, the socket's permission), and that ends
// says so: docker's message was read as a log line ("none of its 1
// lines is from Postfix: is it the mail log?") and an ended follow stayed
// ok, so a stopped container's monitor went quiet with nothing said.
func TestDockerSourceSaysWhyItEnded(t *testing.T) {
	for _, c := range []struct {
		d            dockerExec
		lines        int
		want, reject string
	}{
		{dockerExec{"Error response from daemon: No such container: mail\n", errors.New("exit status 1")}, 0, "No such container: mail", ""},
		{dockerExec{"Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n", errors.New("exit status 1")}, 0, "Is the docker daemon running?", ""},
		{dockerExec{logLine(1, "ABCDEF1234: removed") + "\n", nil}, 1, "ended", ""},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		recs, batches, _ := collect(t, ctx, LogSpec{Kind: LogDocker, Container: "mail", Exec: c.d, Block: true, Retry: time.Hour})
		cancel()
		var st *SourceState
		for _, b := range batches {
			if b.State != nil {
				st = b.State
			}
		}
		if len(recs) != c.lines || st == nil || st.Health != HealthUnavailable || !strings.Contains(st.Detail, c.want) {
			t.Errorf("%q: %d records, last state %+v", c.d.out, len(recs), st)
		}
	}
}

// dockerRuns answers each docker logs call with the next of its outputs,
// and records the calls' arguments.
type dockerRuns struct {
	mu    sync.Mutex
	outs  []string
	calls [][]string
}

func (d *dockerRuns) Output(context.Context, string, ...string) ([]byte, error) { return nil, nil }
func (d *dockerRuns) Run(context.Context, []byte, string, ...string) ([]byte, error) {
	return nil, nil
}

func (d *dockerRuns) Stream(_ context.Context, _ bool, _ string, args ...string) (io.ReadCloser, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, args)
	out := ""
	if len(d.calls) <= len(d.outs) {
		out = d.outs[len(d.calls)-1]
	}
	return exitCloser{strings.NewReader(out), nil}, nil
}

// A container restarted (docker restart, compose recreating it) ends
// docker logs --follow: the source says so, follows again from when it
// ended, and the new container's lines come.
func TestDockerSourceFollowsARestartedContainer(t *testing.T) {
	d := &dockerRuns{outs: []string{
		logLine(1, "ABCDEF1234: removed") + "\n",
		"Error response from daemon: No such container: mail\n",
		logLine(2, "ABCDEF1235: removed") + "\n",
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out := make(chan LogBatch)
	done := make(chan error, 1)
	go func() {
		done <- RunLog(ctx, LogSpec{Kind: LogDocker, Container: "mail", Exec: d, Block: true, Retry: 10 * time.Millisecond}, out)
	}()
	var recs []Record
	var states []SourceState
	for b := range out {
		recs = append(recs, b.Records...)
		if b.State != nil {
			states = append(states, *b.State)
		}
		if len(recs) == 2 {
			cancel()
		}
	}
	<-done
	if len(recs) != 2 {
		t.Fatalf("%d records after the restart, want 2; states %+v", len(recs), states)
	}
	// Ended, then followed again.
	ended, again := false, false
	for _, s := range states {
		again = again || ended && s.Health == HealthOK
		ended = ended || s.Health != HealthOK && strings.Contains(s.Detail, "ended") && strings.Contains(s.Detail, "again")
	}
	if !again {
		t.Errorf("states %+v", states)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.calls) < 3 || !slices.Contains(d.calls[1], "--since") || slices.Contains(d.calls[1], "--tail") || !slices.Contains(d.calls[1], "--timestamps") {
		t.Errorf("calls %q", d.calls)
	}
}

// A live view on a pipe that stays open (tail -f mail.log | mxtop --log -)
// shows each line as it comes, not once a whole read block has filled or
// the writer has ended.
func TestLiveStdinHandsOnLinesBeforeTheBlockFills(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch, 16)
	go RunLog(ctx, LogSpec{Kind: LogStdin, Stdin: pr, Live: true}, out)
	go fmt.Fprint(pw, "Nov 28 10:00:00 mx postfix/smtp[1]: ABC123: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 OK)\n",
		"Nov 28 10:00:01 mx postfix/qmgr[2]: ABC123: removed\n")
	deadline := time.After(5 * time.Second)
	n := 0
	for n < 2 {
		select {
		case b := <-out:
			n += len(b.Records)
		case <-deadline:
			t.Fatalf("%d of 2 lines handed on while the pipe stays open", n)
		}
	}
}
