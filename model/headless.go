package model

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// Options say where mxtop reads from; the TUI, report and serve share them.
type Options struct {
	Logs         []string // files, or "-" for stdin
	Journal      bool
	JournalDir   string // a journal directory copied from another host (implies Journal)
	Docker       string
	Since        time.Duration
	FromStart    bool
	PostconfFile string
	MasterFile   string
	QueueFile    string
	ConfigDir    string
	Year         int
	MaxDest      int
	Exec         sources.Exec
	Now          func() time.Time // for --since and year inference; nil: time.Now
	NoMachine    bool
	// Instances are postmulti -l's, when --instance listed them: a hint
	// of another instance's lines then acts on that instance's directory.
	Instances []sources.Instance
	// WaitingForWriter is sources.LogSpec.WaitingForWriter for a report.
	WaitingForWriter func(path string)
	// fault, when a test sets it, runs on each record after the engine
	// fed it, to make analysis panic.
	fault func(*sources.Record)
	// workers, when a test sets it, is the replay's parse workers
	// (sources.LogSpec.Workers); zero is one per core.
	workers int
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// notBefore is the start of the --since window, zero without one.
func (o *Options) notBefore() time.Time {
	if o.Since <= 0 {
		return time.Time{}
	}
	return o.now().Add(-o.Since)
}

// Offline is true when saved files stand in for the live host.
func (o *Options) Offline() bool {
	return o.PostconfFile != "" || o.MasterFile != "" || o.QueueFile != ""
}

func (o *Options) parser() *sources.Parser {
	p := sources.NewParser()
	p.Year = o.Year
	p.Now = o.Now
	return p
}

// ReplaySpec is the log source of a report: the named files, stdin, the
// journal read once, or the detected log file read from its start.
func (o *Options) ReplaySpec(ctx context.Context) (sources.LogSpec, error) {
	spec := sources.LogSpec{Exec: o.Exec, Parser: o.parser(), Block: true, NotBefore: o.notBefore(), Workers: o.workers, WaitingForWriter: o.WaitingForWriter}
	switch {
	case len(o.Logs) == 1 && o.Logs[0] == "-":
		spec.Kind = sources.LogStdin
	case len(o.Logs) > 0:
		spec.Kind, spec.Paths = sources.LogReplay, o.Logs
	case o.Journal || o.JournalDir != "":
		spec.Kind, spec.Once, spec.JournalDir = sources.LogJournal, true, o.JournalDir
		if o.Since > 0 {
			spec.Since = o.Since.String()
		}
	case o.Docker != "":
		return spec, errors.New("--docker says where Postfix's commands run; a report reads its log once from --log: pipe `docker logs -t NAME 2>&1` into mxtop report --docker NAME --log -")
	default:
		d, err := sources.DetectLog(ctx, o.Exec, o.ConfigDir, nil, nil)
		if err != nil {
			return spec, err
		}
		spec.Found = d.Note
		if d.Spec.Kind == sources.LogJournal {
			spec.Kind, spec.Once = sources.LogJournal, true
			if o.Since > 0 {
				spec.Since = o.Since.String()
			}
		} else {
			spec.Kind, spec.Paths = sources.LogReplay, d.Spec.Paths
		}
	}
	// One file rotated within the window: its rotations hold the
	// window's start (several files are read as named).
	if len(o.Logs) <= 1 {
		spec = sources.SinceRotations(spec)
	}
	return spec, nil
}

// ReadConfig reads the configuration for a report; its failure is a state,
// not an error.
func (o *Options) ReadConfig(ctx context.Context) (*sources.Config, sources.SourceState) {
	cr := &sources.ConfigReader{Exec: o.Exec, ConfigDir: o.ConfigDir, PostconfFile: o.PostconfFile, MasterFile: o.MasterFile}
	if o.PostconfFile != "" || o.MasterFile != "" {
		cr.Exec = nil
	}
	if cr.Exec == nil && cr.PostconfFile == "" && cr.MasterFile == "" {
		return nil, sources.SourceState{Source: "config", Health: sources.HealthUnavailable, Detail: "not read"}
	}
	cfg, err := cr.Read(ctx)
	if err != nil {
		return nil, sources.SourceState{Source: "config", Health: sources.HealthUnavailable, Detail: err.Error()}
	}
	return cfg, sources.SourceState{Source: "config", Health: sources.HealthOK, Detail: cfg.Source}
}

// ReadQueue reads the queue once: a saved listing, or postqueue on a host
// without offline files.
func (o *Options) ReadQueue(ctx context.Context) (*sources.QueueSnapshot, sources.SourceState) {
	st := sources.SourceState{Source: "queue", Health: sources.HealthOK}
	if o.QueueFile != "" {
		f, err := os.Open(o.QueueFile)
		if err != nil {
			st.Health, st.Detail = sources.HealthUnavailable, err.Error()
			return nil, st
		}
		defer f.Close()
		now := o.now()
		if o.Now == nil {
			if info, err := f.Stat(); err == nil {
				now = info.ModTime()
			}
		}
		q, err := sources.DecodeQueue(f, now, o.QueueFile)
		if errors.Is(err, sources.ErrQueueCut) {
			// Part of the queue: shown, and said to be part.
			st.Health, st.Detail = sources.HealthDegraded, err.Error()
			return &q, st
		}
		if err != nil {
			st.Health, st.Detail = sources.HealthUnavailable, err.Error()
			return nil, st
		}
		st.Detail = o.QueueFile
		return &q, st
	}
	if o.Offline() || o.Exec == nil {
		st.Health, st.Detail = sources.HealthUnavailable, "not read (offline)"
		return nil, st
	}
	q, err := (&sources.QueueReader{Exec: o.Exec, ConfigDir: o.ConfigDir}).Read(ctx)
	if err != nil {
		st.Health, st.Detail = sources.HealthUnavailable, err.Error()
		return nil, st
	}
	st.Detail = q.Command
	return &q, st
}

// liveLogWindow is how recent a log's last line must be for this host's
// queue and machine, read now, to describe it.
const liveLogWindow = time.Hour

// hostApart says whether readings of this host taken at now would not
// describe a log that ends at end (zero: no line had a time): the report
// then reads neither the queue nor the machine, and the live view leaves
// them out. A log dated well after now (another host's clock or time
// zone, a year guessed for stamps without one) is apart as much as an
// old one.
func hostApart(end, now time.Time) bool {
	d := now.Sub(end)
	return end.IsZero() || d > liveLogWindow || d < -liveLogWindow
}

// ownLog says whether the log read is this host's own as it is written:
// the one mxtop finds, the journal, a container's, or one named file that
// is a usual mail log or maillogFile (Postfix's maillog_file). A quiet
// spell in it is the host's state, which the host's queue and machine now
// describe however long it lasts; a rotated file, a copy, stdin or a
// journal directory from elsewhere are not.
func (o *Options) ownLog(maillogFile string) bool {
	switch {
	case o.Docker != "" && len(o.Logs) == 0:
		// The container's docker logs, followed now.
		return true
	case o.JournalDir != "":
		return false
	case o.Journal, len(o.Logs) == 0:
		return true
	case len(o.Logs) > 1 || o.Logs[0] == "-":
		return false
	}
	for _, p := range append(slices.Clone(sources.DefaultLogFiles), maillogFile) {
		if sameFile(p, o.Logs[0]) {
			return true
		}
	}
	return false
}

// staleLog is hostApart at the report's now.
func (o *Options) staleLog(end time.Time) bool { return hostApart(end, o.now()) }

// hostApartWhy says why hostApart: with the log's end dated (the report),
// or not (a pane, beside the status bar that dates it).
func hostApartWhy(end, now time.Time, dated bool) string {
	if end.IsZero() {
		return "the log's lines carry no time, so this host's state now may not describe them"
	}
	d, side := now.Sub(end), "before"
	if d < 0 {
		d, side = -d, "after"
	}
	when := ui.Ago(d)
	if dated {
		when = end.Format("2006-01-02 15:04") + ", " + when
	}
	return "the log ends " + when + " " + side + " now; this host's state now would not describe it"
}

func staleDetail(end, now time.Time) string { return "not read: " + hostApartWhy(end, now, true) }

// ReportRun is the outcome of a headless replay.
type ReportRun struct {
	Engine *analyzers.Engine
	States []sources.SourceState
}

// RunReport replays the log through the analyzers with the configuration,
// queue and (on the live host) machine readings. progress, when set, is
// called with the replay's progress. When ctx ends it returns ctx's error
// at once: a reader stuck on a stalled input (a pipe or FIFO nobody
// writes to) cannot be woken, so it is left behind rather than waited for.
func RunReport(ctx context.Context, o Options, progress func(sources.Progress)) (*ReportRun, error) {
	spec, err := o.ReplaySpec(ctx)
	if err != nil {
		return nil, err
	}
	cfg, cst := o.ReadConfig(ctx)
	eng, logState, err := replayLog(ctx, o, spec, cfg, progress)
	if err != nil {
		return nil, err
	}
	if eng.NewestFirst() > 0 && reversible(spec) {
		// A log listed newest first (an export's order) is read again
		// last line first: the window, rates, concurrency and each
		// message's course assume time order.
		spec.Reverse = true
		rev, revState, err := replayLog(ctx, o, spec, cfg, progress)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err == nil:
			eng, logState = rev, revState
			eng.ReadReversed = true
		}
		// Else (no room to spool a compressed log's lines) the first
		// reading stands, and the report says the log runs newest first.
	}
	logState, _ = markNoPostfix(logState, eng)
	// A window that holds none of the log's lines is said to be empty,
	// and where the log ends: a quiet host and a log from another day
	// look alike otherwise.
	var logEnd time.Time
	if eng.Lines == 0 && !spec.NotBefore.IsZero() && spec.Kind == sources.LogReplay && logState.Health == sources.HealthOK {
		logState.Health = sources.HealthDegraded
		// Both in this host's zone, named: a log of RFC 3339 stamps
		// reads in UTC.
		logState.Detail += fmt.Sprintf(": no line since %s (--since %s)", localMinute(spec.NotBefore), shortDuration(o.Since))
		if end, ok := spec.LastTime(); ok {
			logEnd = end
			logState.Detail += "; its last line is from " + localMinute(end)
		}
	}
	if eng.Lines == 0 && spec.NotBefore.IsZero() && spec.Kind == sources.LogReplay && logState.Health == sources.HealthOK {
		logState.Health = sources.HealthDegraded
		logState.Detail += ": empty (just rotated? its lines before are in the file rotated last)"
	}
	if eng.Lines == 0 && spec.Kind == sources.LogJournal && logState.Health == sources.HealthOK {
		// journalctl finds nothing as readily when this user may not
		// read the system journal as when Postfix logged nothing.
		logState.Health = sources.HealthDegraded
		logState.Detail += ": no Postfix entries"
		if spec.Since != "" {
			logState.Detail += " in the last " + spec.Since
		}
		if !sources.MayReadSystemJournal() && spec.JournalDir == "" {
			logState.Detail += " that this user may read: " + sources.JournalAccessFix
		}
	}
	if o.QueueFile != "" && !eng.Now.IsZero() {
		// A saved listing is dated by the log it goes with, not the
		// copy's file time.
		end := eng.Now
		o.Now = func() time.Time { return end }
	}
	maillog := ""
	if cfg != nil {
		maillog = cfg.Get("maillog_file")
	}
	end := eng.Now
	if end.IsZero() && !spec.NotBefore.IsZero() {
		// An empty window ends now, unless the log ended before it.
		end = o.now()
		if !logEnd.IsZero() {
			end = logEnd
		}
	}
	stale := o.QueueFile == "" && !o.Offline() && !o.ownLog(maillog) && o.staleLog(end)
	var q *sources.QueueSnapshot
	var qst sources.SourceState
	if stale {
		qst = sources.SourceState{Source: "queue", Health: sources.HealthUnavailable, Detail: staleDetail(end, o.now())}
	} else {
		q, qst = o.ReadQueue(ctx)
	}
	if q != nil {
		eng.SetQueue(q)
	}
	states := []sources.SourceState{logState, qst, cst}
	if stale && !o.NoMachine {
		states = append(states, sources.SourceState{Source: "machine", Health: sources.HealthUnavailable, Detail: staleDetail(end, o.now())})
	}
	if !stale && !o.Offline() && !o.NoMachine {
		probe := &sources.MachineProbe{Container: sources.InContainer(o.Exec), Exec: o.Exec}
		if cfg != nil {
			probe.QueueDir = cfg.Get("queue_directory")
		}
		m := probe.Read(ctx)
		eng.SetMachine(m)
		states = append(states, sources.MachineState(&m))
	}
	return &ReportRun{Engine: eng, States: states}, nil
}

// replayLog reads the log spec names through a new engine with the
// configuration, as a report does.
func replayLog(ctx context.Context, o Options, spec sources.LogSpec, cfg *sources.Config, progress func(sources.Progress)) (*analyzers.Engine, sources.SourceState, error) {
	eng := analyzers.NewEngine(o.MaxDest)
	eng.NoCounters = true // a report prints no metrics
	eng.ConfigDir, eng.Container = o.ConfigDir, o.Docker
	eng.SetInstances(o.Instances)
	if cfg != nil {
		eng.SetConfig(cfg)
	}
	out := make(chan sources.LogBatch, 4)
	// Room for every slice the pipeline can hold (its chunks in order and
	// in the workers, the batches in out): a slice given back is never
	// dropped for want of room, so the replay allocates records only to
	// fill the pipeline once. With room for 8, a 1,000,000-line replay
	// allocated 11 to 21 MiB of them, fresh pages each.
	spec.Recycle = make(chan []sources.Record, 4*runtime.GOMAXPROCS(0)+16)
	errc := make(chan error, 1)
	go func() { errc <- sources.RunLog(ctx, spec, out) }()
	logState := sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: spec.Describe()}
	in := &ingest{eng: eng, states: map[string]sources.SourceState{}, fault: o.fault, clock: o.now}
	for {
		var b sources.LogBatch
		var ok bool
		select {
		case b, ok = <-out:
		case <-ctx.Done():
			return nil, sources.SourceState{}, ctx.Err()
		}
		if !ok {
			break
		}
		if b.State != nil {
			logState = *b.State
		}
		in.batch(b)
		// The engine copied what it keeps: the text can be read into
		// again.
		b.Release()
		if b.Progress != nil && progress != nil {
			progress(*b.Progress)
		}
		if b.Records != nil {
			// Cleared here, on the core that has just read them, rather
			// than by the parser that takes the slice next.
			clear(b.Records[:cap(b.Records)])
			select {
			case spec.Recycle <- b.Records:
			default:
			}
		}
	}
	if err := <-errc; err != nil {
		return nil, sources.SourceState{}, fmt.Errorf("reading the log: %w", err)
	}
	if ctx.Err() != nil {
		return nil, sources.SourceState{}, ctx.Err()
	}
	return eng, logState, nil
}

// reversible says whether a replay's files can be read again, last line
// first: files, not a FIFO or standard input read once.
func reversible(spec sources.LogSpec) bool {
	if spec.Kind != sources.LogReplay || spec.Reverse || len(spec.Paths) == 0 {
		return false
	}
	for _, p := range spec.Paths {
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// shortDuration writes d as a --since value is written: 1h, not 1h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// localMinute is t to the minute in this host's zone, with the zone's name.
func localMinute(t time.Time) string { return t.Local().Format("2006-01-02 15:04 MST") }
