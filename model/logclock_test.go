package model

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// writeOldLog writes a log whose last line is at end: a quarter of an
// hour of deliveries, throttled.example refusing connections (421) and
// greylist.example greylisting all along.
func writeOldLog(t *testing.T, end time.Time) string {
	t.Helper()
	var b strings.Builder
	n := 0
	for at := end.Add(-14 * time.Minute); !at.After(end); at = at.Add(5 * time.Second) {
		n++
		stamp := at.Format(time.RFC3339)
		fmt.Fprintf(&b, "%s mx postfix/smtp[%d]: %05XA: to=<u%d@ok.example>, relay=mx.ok.example[192.0.2.10]:25, delay=0.2, delays=0/0/0.1/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n", stamp, 100+n%50, n, n)
		fmt.Fprintf(&b, "%s mx postfix/smtp[%d]: %05XB: to=<u%d@throttled.example>, relay=mx.throttled.example[192.0.2.20]:25, delay=0.2, delays=0/0/0.2/0, dsn=4.7.0, status=deferred (host mx.throttled.example[192.0.2.20] refused to talk to me: 421 4.7.0 mx.throttled.example Error: too many connections from 192.0.2.1)\n", stamp, 200+n%50, n, n)
		if n%2 == 0 {
			fmt.Fprintf(&b, "%s mx postfix/smtp[%d]: %05XC: to=<u%d@greylist.example>, relay=mx.greylist.example[192.0.2.30]:25, delay=0.3, delays=0/0/0.2/0.1, dsn=4.2.0, status=deferred (host mx.greylist.example[192.0.2.30] said: 450 4.2.0 <u%d@greylist.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/greylist.example.html (in reply to RCPT TO command))\n", stamp, 300+n%50, n, n, n)
		}
	}
	path := filepath.Join(t.TempDir(), "maillog")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// oldLogView is the live view of log as `mxtop --log LOG --from-start`
// makes it, its clock at now, fed until its backlog has been read.
func oldLogView(t *testing.T, ctx context.Context, log string, clock func() time.Time) (*Model, <-chan sources.LogBatch) {
	t.Helper()
	o := Options{Logs: []string{log}, FromStart: true, Now: clock}
	spec, err := o.FollowSpec(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan sources.LogBatch, 8)
	go sources.RunLog(ctx, spec, ch)
	eng := analyzers.NewEngine(0)
	cfg, _ := labOptions(clock).ReadConfig(ctx)
	eng.SetConfig(cfg)
	m := New(eng, Feeds{Log: ch}, Settings{Clock: clock, Host: "mx"})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	deadline := time.After(10 * time.Second)
	for {
		select {
		case b := <-ch:
			m.Update(logMsg{b, true})
			if b.Progress != nil && b.Progress.Finished {
				return m, ch
			}
		case <-deadline:
			t.Fatal("the backlog was not read in 10 s")
		}
	}
}

// labOptions reads the lab's configuration, as the view and the report
// of one machine would.
func labOptions(clock func() time.Time) *Options {
	return &Options{PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt", Now: clock}
}

type hintKey struct{ id, subject string }

func hintKeys(hs []analyzers.Hint) []hintKey {
	var out []hintKey
	for _, h := range hs {
		out = append(out, hintKey{h.ID, h.Subject})
	}
	slices.SortFunc(out, func(a, b hintKey) int { return strings.Compare(a.id+" "+a.subject, b.id+" "+b.subject) })
	return out
}

// A log whose last line is two days old, opened in the live view, shows
// the rates and hints `mxtop report` finds in it, computed as of its last
// line, and says so on screen: on wall time every rate read 0.0 and no
// hint gated on a rate fired. A line with a current time brings the view
// back to wall time.
func TestOldLogRatesAsOfItsLastLine(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(49 * time.Hour)
	start := now
	clock := func() time.Time { return now }
	log := writeOldLog(t, end)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, ch := oldLogView(t, ctx, log, clock)
	// The idle screen is rebuilt for time alone.
	for range 2 {
		now = now.Add(idleRefresh)
		m.Update(scheduledTick{m.tickGen, now})
	}

	o := labOptions(clock)
	o.Logs = []string{log}
	res, err := RunReport(ctx, *o, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Engine.Report(analyzers.ReportOptions{Whole: true, States: res.States})
	d := m.Data()
	if !d.Now.Equal(end) {
		t.Errorf("the view's clock is %v, not the log's last line %v (wall %v)", d.Now, end, now)
	}
	if now.Sub(start) < idleRefresh {
		t.Fatal("no idle refresh")
	}
	rates := map[string]float64{}
	for _, r := range d.Dests {
		rates[r.Domain] = r.Rate
	}
	nonzero := 0
	for _, dj := range rep.Destinations {
		if got, want := rates[dj.Domain], dj.ErrorsPerMin[1]; got != want {
			t.Errorf("%s: the view shows %.1f err/m, the report %.1f", dj.Domain, got, want)
		}
		if dj.ErrorsPerMin[1] > 0 {
			nonzero++
		}
	}
	if nonzero < 2 {
		t.Fatalf("the report finds %d failing destinations; the test log is meant to have two", nonzero)
	}
	if got, want := hintKeys(d.Hints), hintKeys(rep.Hints); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("the view's hints %v, the report's %v", got, want)
	}
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		out := ansi.Strip(m.Render())
		lines := strings.Split(out, "\n")
		status := lines[len(lines)-1]
		if !strings.Contains(status, "log ended") || !strings.Contains(status, "2 d ago") || !strings.Contains(status, "11-28 04:58") {
			t.Errorf("at %dx%d the status bar does not say the rates are as of the log's end: %q", size[0], size[1], status)
		}
		if !strings.Contains(out, "throttled.example") || !strings.Contains(out, "conn_limit") {
			t.Errorf("at %dx%d the incident is not on screen:\n%s", size[0], size[1], out)
		}
	}

	// A line written now: the view is on wall time again.
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "%s mx postfix/smtp[9]: 0FFFFA: to=<new@ok.example>, relay=mx.ok.example[192.0.2.10]:25, delay=0.2, delays=0/0/0.1/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n", now.Format(time.RFC3339))
	f.Close()
	deadline := time.After(10 * time.Second)
	for fresh := false; !fresh; {
		select {
		case b := <-ch:
			m.Update(logMsg{b, true})
			fresh = len(b.Records) > 0
		case <-deadline:
			t.Fatal("the appended line did not arrive in 10 s")
		}
	}
	m.Update(scheduledTick{m.tickGen, now})
	m.rebuild()
	d = m.Data()
	if !d.Now.Equal(now) {
		t.Errorf("after a current line the view's clock is %v, not the wall clock %v", d.Now, now)
	}
	if out := ansi.Strip(m.Render()); strings.Contains(out, "log ended") {
		t.Errorf("after a current line the status bar still says the log ended:\n%s", out)
	}
	for _, r := range d.Dests {
		if r.Domain == "throttled.example" && r.Rate != 0 {
			t.Errorf("throttled.example at %.1f err/m two days after its last failure", r.Rate)
		}
	}
}

// A live log keeps the wall clock: its backlog ends a few seconds before
// now, and a pause after it, of a minute or of an hour, does not make it
// an ended log.
func TestLiveLogPauseKeepsWallTime(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(3 * time.Second)
	clock := func() time.Time { return now }
	log := writeOldLog(t, end)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, _ := oldLogView(t, ctx, log, clock)
	for _, pause := range []time.Duration{time.Minute, time.Hour} {
		now = end.Add(pause)
		m.Update(scheduledTick{m.tickGen, now})
		m.rebuild()
		if d := m.Data(); !d.Now.Equal(now) {
			t.Errorf("paused %v: the view's clock is %v, not the wall clock %v", pause, d.Now, now)
		}
		if out := ansi.Strip(m.Render()); strings.Contains(out, "log ended") {
			t.Errorf("paused %v: the status bar says the log ended:\n%s", pause, out)
		}
	}
}

// A source that reports no progress (stdin, the journal) has read its
// backlog once no line has come for a while: `mxtop --log - < old.log`
// shows the old log as of its last line too, and only once it is quiet.
func TestOldLogOnStdinOnceQuiet(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(49 * time.Hour)
	wall := time.Now()
	m := New(analyzers.NewEngine(0), Feeds{Log: make(chan sources.LogBatch)}, Settings{Clock: func() time.Time { return now }})
	m.wall = func() time.Time { return wall }
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var r sources.Record
	p.Parse("Nov 28 04:58:00 mx postfix/smtp[1]: ABCDEF123: to=<a@slow.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection timed out)", &r)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
	m.Update(scheduledTick{m.tickGen, now})
	if m.eng.Now.Equal(end) || m.logEnded {
		t.Fatal("a stream's first lines were taken for an ended log before it went quiet")
	}
	wall = wall.Add(rateQuiet)
	m.Update(scheduledTick{m.tickGen, now})
	if !m.eng.Now.Equal(end) || !m.logEnded {
		t.Fatalf("quiet after an old line: the view's clock is %v, not %v", m.eng.Now, end)
	}
}

// busyHost is a queue and a machine that, beside a current log, fire the
// queue_backlog and system_load hints: 5,000 messages deferred to
// backlog.example, a load of 8 on 2 CPUs.
func busyHost(now time.Time) (queueMsg, machineMsg) {
	q := &sources.QueueSnapshot{Time: now, Command: "postqueue -j",
		Queues:  map[string]sources.QueueCount{"deferred": {Messages: 5000, Recipients: 5000}},
		Domains: []sources.DomainQueue{{Domain: "backlog.example", Recipients: 5000}}}
	r := sources.MachineReading{Time: now, CPUs: 2, Load1: 8, Load5: 8, Load15: 8, MemTotal: 8 << 30, MemAvail: 6 << 30, MasterFDs: -1}
	return queueMsg{sources.QueueEvent{Snapshot: q, State: sources.SourceState{Source: "queue", Health: sources.HealthOK, Detail: "postqueue -j"}}, true},
		machineMsg{sources.MachineEvent{Reading: r, State: sources.SourceState{Source: "machine", Health: sources.HealthOK}}, true}
}

// hostShown says what of busyHost's readings a screen shows: the load in
// the Load pane, the deferred count in the Queue pane, the hints drawn
// from them alone.
func hostShown(out string) []string {
	var shown []string
	for _, s := range []string{"load  8.00", "deferred 5", "backlog.example", "the machine is overloaded", "the queue is backing up"} {
		if strings.Contains(out, s) {
			shown = append(shown, s)
		}
	}
	return shown
}

// The live view of a log two days old leaves this host's queue and
// machine, read now, out of the Queue and Load panes and out of the hints,
// as `mxtop report` leaves them out of its report of that log, and says
// why where they would be; a line with a current time brings them back.
func TestOldLogLeavesHostOut(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(49 * time.Hour)
	clock := func() time.Time { return now }
	log := writeOldLog(t, end)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, ch := oldLogView(t, ctx, log, clock)
	q, mach := busyHost(now)
	for range 5 {
		m.Update(q)
		m.Update(mach)
	}
	m.Update(scheduledTick{m.tickGen, now})
	m.rebuild()

	o := labOptions(clock)
	o.Logs = []string{log}
	res, err := RunReport(ctx, *o, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Engine.Report(analyzers.ReportOptions{Whole: true, States: res.States})
	if got, want := hintKeys(m.Data().Hints), hintKeys(rep.Hints); !slices.Equal(got, want) {
		t.Errorf("the view's hints %v, the report's %v", got, want)
	}
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		out := ansi.Strip(m.Render())
		if shown := hostShown(out); len(shown) > 0 {
			t.Errorf("at %dx%d the host's state now shows beside a log of two days ago: %q\n%s", size[0], size[1], shown, out)
		}
		// Load and Queue each say why, in their first line.
		if n := strings.Count(out, "the log ends 2 d before now; this host's"); n != 2 {
			t.Errorf("at %dx%d %d panes say why the host's readings are left out, not 2:\n%s", size[0], size[1], n, out)
		}
	}
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "state now would not describe it") {
		t.Errorf("at 100x30 the reason is cut:\n%s", out)
	}
	// A snapshot's report leaves them out too, and its sources say why.
	_, js, err := m.snapshotContent()
	if err != nil {
		t.Fatal(err)
	}
	var snap struct {
		Sources        []analyzers.SourceJSON
		Queue, Machine json.RawMessage
	}
	if err := json.Unmarshal(js, &snap); err != nil {
		t.Fatal(err)
	}
	said := 0
	for _, s := range snap.Sources {
		if s.Source == "queue" || s.Source == "machine" {
			if !strings.Contains(s.Detail, "left out: the log ends 2026-11-28 04:58, 2 d before now") {
				t.Errorf("the snapshot's %s source does not say why it is left out: %q", s.Source, s.Detail)
			}
			said++
		}
	}
	if said != 2 || snap.Queue != nil || snap.Machine != nil {
		t.Errorf("the snapshot lists %d of the queue and machine sources; has the queue %s, the machine %s", said, snap.Queue, snap.Machine)
	}

	// A line written now: the host's readings, the latest held, are back.
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "%s mx postfix/smtp[9]: 0FFFFA: to=<new@ok.example>, relay=mx.ok.example[192.0.2.10]:25, delay=0.2, delays=0/0/0.1/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n", now.Format(time.RFC3339))
	f.Close()
	deadline := time.After(10 * time.Second)
	for fresh := false; !fresh; {
		select {
		case b := <-ch:
			m.Update(logMsg{b, true})
			fresh = len(b.Records) > 0
		case <-deadline:
			t.Fatal("the appended line did not arrive in 10 s")
		}
	}
	m.Update(scheduledTick{m.tickGen, now})
	m.rebuild()
	out := ansi.Strip(m.Render())
	if shown := hostShown(out); len(shown) != 5 {
		t.Errorf("after a current line the screen shows only %q of the host's state:\n%s", shown, out)
	}
	if strings.Contains(out, "would not describe it") {
		t.Errorf("after a current line a pane still says the log is too old:\n%s", out)
	}
}

// Readings of the host taken while the backlog was read leave with the
// rest once the log turns out too old for them, or to carry no time (lines
// pasted from a ticket), as the report leaves them out of either; a saved
// listing (--queue) stays, dated by the log as the report dates it.
func TestHostReadingsBeforeAnOldBacklogEnds(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(49 * time.Hour)
	const line = "postfix/smtp[1]: ABCDEF123: to=<a@slow.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection timed out)"
	for _, c := range []struct {
		name      string
		line      string
		saved     bool
		wantQueue bool
	}{
		{"old", "Nov 28 04:58:00 mx " + line, false, false},
		{"no time", line, false, false},
		{"saved queue", "Nov 28 04:58:00 mx " + line, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			wall := time.Now()
			m := New(analyzers.NewEngine(0), Feeds{Log: make(chan sources.LogBatch), SavedQueue: c.saved}, Settings{Clock: func() time.Time { return now }})
			m.wall = func() time.Time { return wall }
			q, mach := busyHost(now)
			for range 5 {
				m.Update(q)
				m.Update(mach)
			}
			p := &sources.Parser{Year: 2026, Loc: time.UTC}
			var r sources.Record
			p.Parse(c.line, &r)
			m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
			m.Update(scheduledTick{m.tickGen, now})
			m.rebuild()
			if d := m.Data(); d.Load.Machine == nil || d.HostApart != "" {
				t.Fatal("the host's readings left before the stream went quiet")
			}
			wall = wall.Add(rateQuiet)
			m.Update(scheduledTick{m.tickGen, now})
			m.rebuild()
			d := m.Data()
			if d.Load.Machine != nil || len(d.Load.LoadHist) > 0 {
				t.Errorf("the Load pane still has the machine now: %+v", d.Load)
			}
			if got := d.Queue.Snapshot != nil; got != c.wantQueue {
				t.Errorf("the Queue pane has a queue: %v, want %v", got, c.wantQueue)
			}
			for _, h := range d.Hints {
				if h.ID == "system_load" || h.ID == "queue_backlog" && !c.wantQueue {
					t.Errorf("hint %s from readings of the host now", h.ID)
				}
			}
			if !strings.Contains(d.HostApart, "this host's state now") {
				t.Errorf("the panes are not told why: %q", d.HostApart)
			}
		})
	}
}

// The live view leaves the host's readings out from the hour after the
// log's end on, the report's rule, not from the rate window's five
// minutes that put the view on the log's clock.
func TestHostApartAfterTheReportsHour(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(30 * time.Minute)
	clock := func() time.Time { return now }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, _ := oldLogView(t, ctx, writeOldLog(t, end), clock)
	o := &Options{Now: clock}
	for _, at := range []time.Duration{30 * time.Minute, 59 * time.Minute, 61 * time.Minute} {
		now = end.Add(at)
		q, mach := busyHost(now)
		m.Update(q)
		m.Update(mach)
		m.Update(scheduledTick{m.tickGen, now})
		m.rebuild()
		if !m.logEnded {
			t.Fatalf("%v after its end the log is not shown as ended", at)
		}
		out := ansi.Strip(m.Render())
		shown := strings.Contains(out, "load  8.00")
		if stale := o.staleLog(end); shown == stale {
			t.Errorf("%v after the log's end: the report leaves the host out: %v; the view shows its load: %v\n%s", at, stale, shown, out)
		}
		if apart := strings.Contains(out, "before now; this host's"); apart == shown {
			t.Errorf("%v after the log's end: the load shows: %v, the reason: %v\n%s", at, shown, apart, out)
		}
	}
}

// This host's own log (found by mxtop, the journal, or named and the same
// file as Postfix's maillog_file or a usual mail log) is the host as it
// is: a quiet spell in it, a night on a small server or a Postfix that
// stopped logging, is when the queue and load matter most. Its queue and
// machine stay on screen however old its last line.
func TestHostsOwnQuietLogKeepsHostReadings(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(3 * time.Hour)
	clock := func() time.Time { return now }
	log := writeOldLog(t, end)
	for _, c := range []struct {
		name    string
		feeds   Feeds
		maillog string // the configuration's maillog_file
		want    bool   // the host's readings stay
	}{
		{"found by mxtop", Feeds{HostLog: true}, "", true},
		{"named, Postfix's maillog_file", Feeds{LogPath: log}, log, true},
		{"named, another file", Feeds{LogPath: log}, "/var/log/postfix.log", false},
		{"a copy read once", Feeds{}, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			m, _ := oldLogView(t, ctx, log, clock)
			m.in.hostLog, m.in.logPath = c.feeds.HostLog, c.feeds.LogPath
			cfg, _ := labOptions(clock).ReadConfig(ctx)
			if c.maillog != "" {
				cfg.Params["maillog_file"], cfg.Explicit["maillog_file"] = c.maillog, c.maillog
			}
			m.Update(configMsg{sources.ConfigEvent{Config: cfg}, true})
			q, mach := busyHost(now)
			for range 3 {
				m.Update(q)
				m.Update(mach)
			}
			m.Update(scheduledTick{m.tickGen, now})
			m.rebuild()
			out := ansi.Strip(m.Render())
			if kept := len(hostShown(out)) == 5 && m.Data().HostApart == ""; kept != c.want {
				t.Errorf("the host's readings stay beside a log quiet for 3 h: %v, want %v\n%s", kept, c.want, out)
			}
		})
	}
}

// Which logs the live view takes for this host's own.
func TestHostLogKinds(t *testing.T) {
	named := filepath.Join(t.TempDir(), "incident.log")
	for _, c := range []struct {
		name    string
		o       Options
		spec    sources.LogSpec
		own     bool
		logPath string
	}{
		{"found by mxtop", Options{}, sources.LogSpec{Kind: sources.LogFollow, Paths: []string{"/var/log/mail.log"}}, true, ""},
		{"the journal", Options{Journal: true}, sources.LogSpec{Kind: sources.LogJournal}, true, ""},
		{"a copied journal", Options{JournalDir: "/tmp/j"}, sources.LogSpec{Kind: sources.LogJournal, JournalDir: "/tmp/j"}, false, ""},
		{"a container", Options{Docker: "mx"}, sources.LogSpec{Kind: sources.LogDocker, Container: "mx"}, true, ""},
		{"a named file", Options{Logs: []string{named}}, sources.LogSpec{Kind: sources.LogFollow, Paths: []string{named}}, false, named},
		{"a replay", Options{Logs: []string{named + ".gz"}}, sources.LogSpec{Kind: sources.LogReplay, Paths: []string{named + ".gz"}}, false, ""},
		{"stdin", Options{Logs: []string{"-"}}, sources.LogSpec{Kind: sources.LogStdin}, false, ""},
	} {
		if own, path := c.o.hostLog(c.spec); own != c.own || path != c.logPath {
			t.Errorf("%s: own %v, path %q; want %v, %q", c.name, own, path, c.own, c.logPath)
		}
	}
}

// The report reads the queue and machine of this host beside its own log
// however long it has been quiet (a server that has logged nothing for
// hours may be the incident), and leaves them out beside another old
// log, as the live view does.
func TestReportReadsHostBesideItsOwnQuietLog(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(3 * time.Hour)
	log := writeOldLog(t, end)
	pq, err := os.ReadFile("../testdata/lab/postqueue-j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		maillog  string
		wantRead bool
	}{
		{log, true},
		{"/var/log/postfix-other.log", false},
		{"", false},
	} {
		f := &sourcestest.FakeExec{Outputs: map[string]string{
			"postqueue -j": string(pq),
			"postconf":     "mail_version = 3.8.6\nmaillog_file = " + c.maillog + "\nqueue_directory = /var/spool/postfix\n",
			"postconf -n":  "maillog_file = " + c.maillog + "\n",
			"postconf -M":  "smtp      unix  -       -       y       -       -       smtp\n",
		}}
		o := Options{Logs: []string{log}, Exec: f, NoMachine: true, Now: func() time.Time { return now }}
		res, err := RunReport(context.Background(), o, nil)
		if err != nil {
			t.Fatal(err)
		}
		if read := res.Engine.Queue != nil; read != c.wantRead {
			var why string
			for _, s := range res.States {
				if s.Source == "queue" {
					why = s.Detail
				}
			}
			t.Errorf("maillog_file %q: the queue was read: %v, want %v (%s)", c.maillog, read, c.wantRead, why)
		}
	}
}

// Beside a log whose host readings are left out, this host's machine and
// queue are neither flashed nor listed in the status bar: their trouble
// now (no master process on an analyst's machine) is not the log's, and
// it would push out "log ended … ago". Trouble read before the log was
// judged old goes too.
func TestHostApartFlashesNoHostTrouble(t *testing.T) {
	end := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	now := end.Add(49 * time.Hour)
	const line = "Nov 28 04:58:00 mx postfix/smtp[1]: ABCDEF123: to=<a@slow.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection timed out)"
	badMachine := machineMsg{sources.MachineEvent{Reading: sources.MachineReading{Time: now, CPUs: 2, MasterFDs: -1},
		State: sources.SourceState{Source: "machine", Health: sources.HealthDegraded, Detail: "postfix processes: no Postfix master process found"}}, true}
	badQueue := queueMsg{sources.QueueEvent{State: sources.SourceState{Source: "queue", Health: sources.HealthUnavailable, Detail: "postqueue not found"}}, true}
	for _, before := range []bool{false, true} {
		wall := time.Now()
		m := New(analyzers.NewEngine(0), Feeds{Log: make(chan sources.LogBatch)}, Settings{Clock: func() time.Time { return now }})
		m.wall = func() time.Time { return wall }
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		if before {
			m.Update(badMachine)
			m.Update(badQueue)
		}
		p := &sources.Parser{Year: 2026, Loc: time.UTC}
		var r sources.Record
		p.Parse(line, &r)
		m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{r}}, ok: true})
		wall = wall.Add(rateQuiet)
		m.Update(scheduledTick{m.tickGen, now})
		if !m.in.hostApart {
			t.Fatal("the log is not judged too old for the host's readings")
		}
		if !before {
			m.Update(badMachine)
			m.Update(badQueue)
		}
		m.rebuild()
		out := ansi.Strip(m.Render())
		bar := out[strings.LastIndexByte(strings.TrimRight(out, "\n"), '\n')+1:]
		for _, s := range []string{"master process", "postqueue not found", "queue unavailable", "machine degraded"} {
			if strings.Contains(bar, s) {
				t.Errorf("read before the log was judged old: %v: the status bar shows %q:\n%s", before, s, bar)
			}
		}
		if !strings.Contains(bar, "log ended 2 d ago") {
			t.Errorf("read before the log was judged old: %v: the status bar does not say the log ended:\n%s", before, bar)
		}
		// The help's list of sources says they are left out, and why.
		m.view.Help, m.frameValid = true, false
		help := ansi.Strip(m.Render())
		for _, src := range []string{"machine", "queue"} {
			if !regexp.MustCompile(src + ` +\S+ +left out: the log ends`).MatchString(help) {
				t.Errorf("the help does not list the %s as left out:\n%s", src, help)
			}
		}
		m.view.Help, m.frameValid = false, false
	}
}

// A log whose last line is dated well after now (another host's time
// zone or clock, or a year guessed for a stamp without one) is no more
// this host's present than one that ended hours ago: the report leaves
// the host's queue and load out and says why, while a line a few
// minutes ahead (clocks a little apart) is still now.
func TestHostApartFromALogDatedAfterNow(t *testing.T) {
	now := time.Date(2026, 12, 2, 15, 50, 0, 0, time.UTC)
	o := &Options{Now: func() time.Time { return now }}
	for _, tc := range []struct {
		ahead time.Duration
		apart bool
	}{{5 * time.Minute, false}, {59 * time.Minute, false}, {18 * time.Hour, true}} {
		if got := o.staleLog(now.Add(tc.ahead)); got != tc.apart {
			t.Errorf("a log ending %v after now: apart %v, want %v", tc.ahead, got, tc.apart)
		}
	}
	if why := staleDetail(now.Add(18*time.Hour), now); !strings.Contains(why, "after now") || strings.Contains(why, "before now") {
		t.Errorf("the reason for a log dated after now: %q", why)
	}
}

// The lab log spans 66 s and ended long ago: the live view ranks its
// hints as `mxtop report` does, with the same rates, one time base for
// every hint (the log's span, not a quarter of an hour for outbound
// counts and the span for inbound ones), and a snapshot's JSON carries
// them so.
func TestOldShortLogHintsRankAsTheReport(t *testing.T) {
	now := labEnd.Add(49 * time.Hour)
	clock := func() time.Time { return now }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, _ := oldLogView(t, ctx, "../testdata/lab/postfix-lab.log", clock)
	now = now.Add(idleRefresh)
	m.Update(scheduledTick{m.tickGen, now})
	m.rebuild()

	o := labOptions(clock)
	o.Logs = []string{"../testdata/lab/postfix-lab.log"}
	o.Year = 2026
	res, err := RunReport(ctx, *o, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Engine.Report(analyzers.ReportOptions{Whole: true, States: res.States})
	type ranked struct {
		id, subject string
		sev         analyzers.Severity
		impact      string
	}
	rank := func(hs []analyzers.Hint) []ranked {
		var out []ranked
		for _, h := range hs {
			out = append(out, ranked{h.ID, h.Subject, h.Severity, fmt.Sprintf("%.2f", h.Impact)})
		}
		return out
	}
	want := rank(rep.Hints)
	if len(want) < 5 {
		t.Fatalf("the report finds %d hints in the lab log", len(want))
	}
	if got := rank(m.Data().Hints); !slices.Equal(got, want) {
		t.Errorf("the screen's hints\n%v\nthe report's\n%v", got, want)
	}
	for _, h := range m.Data().Hints {
		for _, ev := range h.Evidence {
			if strings.Contains(ev, "last 15 min") {
				t.Errorf("%s on a 66 s log says %q", h.ID, ev)
			}
		}
	}
	_, js, err := m.snapshotContent()
	if err != nil {
		t.Fatal(err)
	}
	// The snapshot's JSON and the report's, as `report --format json`
	// writes it.
	type jsonHints struct {
		Hints []struct {
			ID       string  `json:"id"`
			Subject  string  `json:"subject"`
			Severity string  `json:"severity"`
			Impact   float64 `json:"impact_per_min"`
		} `json:"hints"`
	}
	var snap, report jsonHints
	rj, _ := json.Marshal(rep)
	if err := json.Unmarshal(js, &snap); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(rj, &report); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(snap.Hints, report.Hints) {
		t.Errorf("the snapshot's hints\n%v\nthe report's\n%v", snap.Hints, report.Hints)
	}
}
