package model

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// The configuration and queue sources, which run postconf and postqueue,
// wait for the first frame with data (Feeds.Started) or for the grace to
// pass; the log is read at once.
func TestCommandSourcesWaitForTheFirstFrame(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "mail.log")
	line := "Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF123: to=<a@x.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)\n"
	if err := os.WriteFile(log, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	start := func(grace time.Duration) (Feeds, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		ex := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": "", "postconf": "queue_directory = " + dir + "\n"}}
		feeds, err := StartLive(ctx, Options{Logs: []string{log}, FromStart: true, Exec: ex, Year: 2026},
			LiveSettings{QueueInterval: time.Hour, ConfigInterval: time.Hour, MachineInterval: time.Hour, StartGrace: grace})
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		return feeds, cancel
	}
	waitBoth := func(feeds Feeds) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		cfg, queue := feeds.Config, feeds.Queue
		for cfg != nil || queue != nil {
			select {
			case <-cfg:
				cfg = nil
			case <-queue:
				queue = nil
			case <-deadline:
				t.Fatalf("after 20 s: config read %v, queue read %v", cfg == nil, queue == nil)
			}
		}
	}

	feeds, cancel := start(time.Hour)
	defer cancel()
	for got := 0; got == 0; {
		select {
		case b := <-feeds.Log:
			got = len(b.Records)
		case <-time.After(20 * time.Second):
			t.Fatal("the log was not read")
		}
	}
	select {
	case ev := <-feeds.Config:
		t.Fatalf("the config source ran before the first frame: %+v", ev.State)
	case ev := <-feeds.Queue:
		t.Fatalf("the queue source ran before the first frame: %+v", ev.State)
	default:
	}
	feeds.Started()
	feeds.Started() // a second call is harmless
	waitBoth(feeds)

	// Without a first frame the sources start after the grace.
	feeds, cancel2 := start(time.Millisecond)
	defer cancel2()
	waitBoth(feeds)
}

// The live view replays a compressed log, whatever compression its name
// says or hides, and follows a plain one.
func TestFollowSpecReplaysCompressedLog(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		path string
		want sources.LogKind
	}{
		{write("mail.log", []byte("Nov 28 11:14:11 lab postfix/qmgr[1]: ABCDEF123: removed\n")), sources.LogFollow},
		{write("mail.log.1.xz", []byte{0xfd, '7', 'z', 'X', 'Z', 0, 0, 4}), sources.LogReplay},
		{write("mail.log.2.bz2", []byte("BZh91AY&SY")), sources.LogReplay},
		{write("mail.log.3", []byte{0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x04}), sources.LogReplay},
		{write("mail.log.4.gz", nil), sources.LogReplay},
	} {
		o := Options{Logs: []string{c.path}}
		spec, err := o.FollowSpec(context.Background())
		if err != nil || spec.Kind != c.want {
			t.Errorf("%s: kind %v, err %v; want %v", filepath.Base(c.path), spec.Kind, err, c.want)
		}
	}
}

// Several logs in the live view and serve: the newest (by its lines, not
// the order given) is followed, as one --log is, and the older ones are
// read first only with --from-start. They were replayed once, from their
// start, and then no line was ever read again. Rotations all compressed
// leave nothing to follow: they are replayed.
func TestFollowSpecSeveralLogsFollowsNewest(t *testing.T) {
	dir := t.TempDir()
	write := func(name, day string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("Nov "+day+" 11:14:11 lab postfix/qmgr[1]: ABCDEF123: removed\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cur, old := write("mail.log", "28"), write("mail.log.1", "27")
	for _, fromStart := range []bool{false, true} {
		o := Options{Logs: []string{cur, old}, FromStart: fromStart}
		spec, err := o.FollowSpec(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		if fromStart {
			want = []string{old}
		}
		if spec.Kind != sources.LogFollow || !slices.Equal(spec.Paths, []string{cur}) || !slices.Equal(spec.History, want) {
			t.Errorf("from start %v: kind %v, paths %v, history %v", fromStart, spec.Kind, spec.Paths, spec.History)
		}
		if own, path := o.hostLog(spec); own || path != cur {
			t.Errorf("from start %v: host log %v %q", fromStart, own, path)
		}
	}
	compressed := func(name, day string) string {
		p := filepath.Join(dir, name)
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write([]byte("Nov " + day + " 11:14:11 lab postfix/qmgr[1]: ABCDEF123: removed\n"))
		zw.Close()
		if err := os.WriteFile(p, z.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	o := Options{Logs: []string{compressed("mail.log.2.gz", "26"), compressed("mail.log.3.gz", "25")}}
	if spec, err := o.FollowSpec(context.Background()); err != nil || spec.Kind != sources.LogReplay {
		t.Errorf("%v: kind %v, err %v", o.Logs, spec.Kind, err)
	}
}

// Of several logs, an older one that is not there (mail.log.2 on a fresh
// host, one rotation fewer) is left out and said in the log source's
// state, degraded, while the others are read and the newest followed:
// FollowSpec failed, and serve and the live view exited (a unit's crash
// loop). Without --from-start the state says the older files were not
// read; a current file not there yet is waited for, as one --log is.
func TestFollowSpecSeveralLogsOneMissing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, day string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("Nov "+day+" 11:14:11 lab postfix/qmgr[1]: ABCDEF"+day+": removed\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gone, old, cur := filepath.Join(dir, "mail.log.2"), write("mail.log.1", "27"), write("mail.log", "28")
	// follow runs the source until a state passes ok, and returns it
	// with the records read.
	follow := func(o Options, ok func(sources.SourceState, int) bool, after func()) (sources.SourceState, int) {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		spec, err := o.FollowSpec(ctx)
		if err != nil {
			t.Fatalf("%v: %v", o.Logs, err)
		}
		spec.FlushEvery = 10 * time.Millisecond
		out := make(chan sources.LogBatch, 8)
		go sources.RunLog(ctx, spec, out)
		var last sources.SourceState
		recs := 0
		deadline := time.After(10 * time.Second)
		for {
			select {
			case b := <-out:
				recs += len(b.Records)
				if b.State == nil {
					continue
				}
				last = *b.State
				if ok(last, recs) {
					if after == nil {
						return last, recs
					}
					after()
					after = nil
					ok = func(st sources.SourceState, recs int) bool { return st.Health != sources.HealthWaiting && recs == 2 }
				}
			case <-deadline:
				t.Fatalf("%v: last state %v, %d records", o.Logs, last, recs)
			}
		}
	}
	leftOut := "older file left out: " + gone + ": no such file"
	for _, fromStart := range []bool{true, false} {
		o := Options{Logs: []string{gone, old, cur}, FromStart: fromStart}
		st, _ := follow(o, func(st sources.SourceState, recs int) bool {
			return strings.HasPrefix(st.Detail, "following "+cur) && (!fromStart || recs == 2)
		}, nil)
		if st.Health != sources.HealthDegraded || !strings.Contains(st.Detail, leftOut) {
			t.Errorf("from start %v: state %v; want degraded, %q", fromStart, st, leftOut)
		}
		if notRead := strings.Contains(st.Detail, old+" not read") && strings.Contains(st.Detail, "--from-start"); notRead == fromStart {
			t.Errorf("from start %v: state %v; says %s was not read: %v", fromStart, st, old, notRead)
		}
	}
	// Only what was not there is said: a follow of readable files is ok.
	st, _ := follow(Options{Logs: []string{old, cur}, FromStart: true}, func(st sources.SourceState, _ int) bool {
		return strings.HasPrefix(st.Detail, "following ")
	}, nil)
	if st.Health != sources.HealthOK || st.Detail != "following "+cur {
		t.Errorf("state %v; want ok, following %s", st, cur)
	}

	// The current file not there yet (just rotated): it is waited for
	// and read once it comes, after the older one.
	next := filepath.Join(t.TempDir(), "mail.log")
	moved := next + ".1"
	if err := os.Rename(old, moved); err != nil {
		t.Fatal(err)
	}
	st, recs := follow(Options{Logs: []string{moved, next}, FromStart: true}, func(st sources.SourceState, _ int) bool {
		return st.Health == sources.HealthWaiting && strings.Contains(st.Detail, "waiting for "+next+" to appear")
	}, func() {
		if err := os.WriteFile(next, []byte("Nov 28 11:14:11 lab postfix/qmgr[1]: ABCDEF28: removed\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	})
	if st.Health != sources.HealthOK || recs != 2 {
		t.Errorf("after %s came: state %v, %d records; want ok, both files' 2", next, st, recs)
	}
}

// Of compressed rotations alone, one not there (mail.log.2.gz on a fresh
// host) is left out and said, degraded, and the others are replayed: all
// of them were replayed, and the one missing stopped the replay before
// any line was read.
func TestFollowSpecCompressedOneMissing(t *testing.T) {
	dir := t.TempDir()
	old, gone := filepath.Join(dir, "mail.log.1.gz"), filepath.Join(dir, "mail.log.2.gz")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte("Nov 27 11:14:11 lab postfix/qmgr[1]: ABCDEF27: removed\n"))
	zw.Close()
	if err := os.WriteFile(old, z.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := Options{Logs: []string{old, gone}}
	spec, err := o.FollowSpec(ctx)
	if err != nil || spec.Kind != sources.LogReplay || !slices.Equal(spec.Paths, []string{old}) {
		t.Fatalf("kind %v, paths %v, err %v; want a replay of %s", spec.Kind, spec.Paths, err, old)
	}
	out := make(chan sources.LogBatch, 8)
	go sources.RunLog(ctx, spec, out)
	leftOut := "older file left out: " + gone + ": no such file"
	recs, said := 0, false
	deadline := time.After(10 * time.Second)
	for recs < 1 || !said {
		select {
		case b := <-out:
			recs += len(b.Records)
			if b.State != nil && b.State.Health == sources.HealthDegraded && strings.Contains(b.State.Detail, leftOut) {
				said = true
			}
		case <-deadline:
			t.Fatalf("%d records, left out said %v; want 1 record and a degraded state saying %q", recs, said, leftOut)
		}
	}
}

// The live view's log waits for a consumer that falls behind, as on a long
// backlog (--from-start, --since, several files): the lines wait in the
// file, where they cost nothing, instead of being dropped after a bound
// of records held in memory.
func TestLiveLogWaitsForTheView(t *testing.T) {
	dir := t.TempDir()
	const n = 20000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Nov 28 11:%02d:%02d lab postfix/qmgr[1]: %09X: removed\n", i/60%60, i%60, i)
	}
	many := filepath.Join(dir, "mail.log")
	if err := os.WriteFile(many, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{
		{Logs: []string{many}, FromStart: true},
		{Logs: []string{many, many + ".1"}, FromStart: true}, // several files
	} {
		if len(o.Logs) > 1 {
			if err := os.WriteFile(o.Logs[1], nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		spec, err := o.FollowSpec(ctx)
		if err != nil {
			t.Fatal(err)
		}
		spec.MaxPending = 1000 // a small bound, quickly reached
		out := make(chan sources.LogBatch, 8)
		go sources.RunLog(ctx, spec, out)
		time.Sleep(300 * time.Millisecond) // the view is busy
		got, dropped := 0, uint64(0)
		for got+int(dropped) < n {
			select {
			case bt := <-out:
				got += len(bt.Records)
				dropped = max(dropped, bt.Dropped)
			case <-time.After(10 * time.Second):
				t.Fatalf("%v: %d records, %d dropped, then nothing", spec.Kind, got, dropped)
			}
		}
		cancel()
		if got != n || dropped != 0 {
			t.Errorf("%v: %d records, %d dropped; want all %d", spec.Kind, got, dropped, n)
		}
	}
}

// A saved queue listing beside an old log (both copied off a server) is
// dated by the log's end in the live view, as mxtop report dates it: its
// messages are as old as they were then, not as old as the copy.
func TestLiveSavedQueueDatedByTheLogsEnd(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "mail.log")
	line := "Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF123: to=<a@x.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)\n"
	if err := os.WriteFile(log, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	end := time.Date(2026, 11, 28, 11, 14, 11, 0, time.Local)
	queue := filepath.Join(dir, "queue.jsonl")
	entry := fmt.Sprintf(`{"queue_name": "deferred", "queue_id": "ABCDEF123", "arrival_time": %d, "message_size": 1000, "forced_expire": false, "sender": "s@example.org", "recipients": [{"address": "a@x.example", "delay_reason": "connect to x[192.0.2.1]:25: Connection refused"}]}`+"\n", end.Add(-time.Minute).Unix())
	if err := os.WriteFile(queue, []byte(entry), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	feeds, err := StartLive(ctx, Options{Logs: []string{log}, FromStart: true, QueueFile: queue, Exec: &sourcestest.FakeExec{}, Year: 2026},
		LiveSettings{QueueInterval: time.Hour, ConfigInterval: time.Hour, MachineInterval: time.Hour, StartGrace: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-feeds.Queue:
		if ev.Snapshot == nil || !ev.Snapshot.Time.Equal(end) {
			t.Fatalf("saved listing dated %v, want the log's end %v (state %+v)", ev.Snapshot, end, ev.State)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no queue reading")
	}
}

// A log named with --log, or Postfix's own maillog_file, is read however
// long ago it was last written: only a usual file that mxtop found by
// itself is weighed against the journal, which is not even asked here.
func TestNamedStaleLogNotSecondGuessed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	if err := os.WriteFile(path, []byte("Dec  1 09:14:02 mx1 postfix/qmgr[812]: 3F2A81C04D: removed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-94 * 24 * time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	journal := "journalctl " + strings.Join(sources.JournalArgs(sources.JournalQuery{Lines: 1, PostfixOnly: true, Identifiers: []string{"postfix/qmgr"}}), " ")
	fresh := fmt.Sprintf("__REALTIME_TIMESTAMP=%d\nSYSLOG_IDENTIFIER=postfix/qmgr\nMESSAGE=3F2A81C04D: removed\n\n", time.Now().UnixMicro())
	for _, o := range []Options{
		{Logs: []string{path}},
		{ConfigDir: "/etc/postfix-out"}, // its maillog_file is path
	} {
		fx := &sourcestest.FakeExec{Outputs: map[string]string{"journalctl --field=SYSLOG_IDENTIFIER": "postfix/qmgr\n", journal: fresh, "postconf -c /etc/postfix-out -h maillog_file": path + "\n"}}
		o.Exec = fx
		live, err := o.FollowSpec(context.Background())
		if err != nil || live.Kind != sources.LogFollow || !slices.Equal(live.Paths, []string{path}) || live.Found != "" {
			t.Errorf("live view %+v: %v %+v", o.Logs, err, live)
		}
		report, err := o.ReplaySpec(context.Background())
		if err != nil || report.Kind != sources.LogReplay || !slices.Equal(report.Paths, []string{path}) || report.Found != "" {
			t.Errorf("report %+v: %v %+v", o.Logs, err, report)
		}
		for _, c := range fx.Calls {
			if strings.HasPrefix(c, "journalctl") {
				t.Errorf("%+v: journalctl run: %q", o.Logs, fx.Calls)
			}
		}
	}
}
