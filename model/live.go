package model

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"mxtop/sources"
)

// LiveSettings are the intervals of the live sources.
type LiveSettings struct {
	QueueInterval   time.Duration // default 10 s
	QueueTimeout    time.Duration // default 5 s
	ConfigInterval  time.Duration // default 60 s
	MachineInterval time.Duration // default 2 s
	// StartGrace is how long the configuration, queue and machine
	// sources wait for Feeds.Started; default startGrace.
	StartGrace time.Duration
}

// FollowSpec is the log source of the live view: the named file followed
// (of several files the newest, after the older ones with --from-start; a
// compressed one replayed), stdin, the journal, docker, or the detected
// log.
func (o *Options) FollowSpec(ctx context.Context) (sources.LogSpec, error) {
	spec := sources.LogSpec{Exec: o.Exec, Parser: o.parser(), FromStart: o.FromStart, NotBefore: o.notBefore(), Block: true, Live: true}
	if o.Since > 0 {
		spec.Since = o.Since.String()
		spec.FromStart = true
	}
	switch {
	case len(o.Logs) == 1 && o.Logs[0] == "-":
		spec.Kind = sources.LogStdin
	case len(o.Logs) == 1 && !sources.IsCompressedLog(o.Logs[0]):
		spec.Kind, spec.Paths = sources.LogFollow, o.Logs
	case len(o.Logs) > 1:
		// A monitor follows: the newest file as one named alone, the
		// rotations before it read as its history. Replayed, the
		// view (and serve's counters) stopped at the files' end.
		// One that cannot be read is left out, said in the source's
		// state: a monitor (a unit restarted on failure) goes on.
		cur, older, leftOut := sources.FollowFiles(o.Logs, sources.NewParser())
		if sources.IsCompressedLog(cur) {
			// Rotations only: nothing is written to them any more.
			// Those that can be read are replayed, the others said.
			paths := append(slices.Clip(older), cur)
			spec.Kind, spec.Paths, spec.LeftOut = sources.LogReplay, paths, leftOut
			break
		}
		spec.Kind, spec.Paths, spec.LeftOut = sources.LogFollow, []string{cur}, leftOut
		if spec.FromStart {
			spec.History = older
		} else {
			spec.Unread = older
		}
	case len(o.Logs) > 0:
		spec.Kind, spec.Paths = sources.LogReplay, o.Logs
	case o.Journal || o.JournalDir != "":
		spec.Kind, spec.JournalDir = sources.LogJournal, o.JournalDir
	case o.Docker != "":
		spec.Kind, spec.Container = sources.LogDocker, o.Docker
	default:
		d, err := sources.DetectLog(ctx, o.Exec, o.ConfigDir, nil, nil)
		if err != nil {
			return spec, err
		}
		spec.Kind, spec.Paths, spec.Found = d.Spec.Kind, d.Spec.Paths, d.Note
	}
	// One file rotated within the window: its rotations hold the
	// window's start, read before it is followed (several files are
	// read as named).
	if len(o.Logs) <= 1 {
		spec = sources.SinceRotations(spec)
	}
	return spec, nil
}

// hostLog says whether the log the view follows is this host's own as it
// is written (Feeds.HostLog, Options.ownLog). A named file that is not
// (yet) is returned as path, to be compared with maillog_file when the
// configuration comes.
func (o *Options) hostLog(spec sources.LogSpec) (own bool, path string) {
	if o.ownLog("") {
		return true, ""
	}
	if spec.Kind == sources.LogFollow && len(o.Logs) > 0 {
		// Of several files the one followed is judged as if named alone.
		cur := *o
		cur.Logs = spec.Paths
		if cur.ownLog("") {
			return true, ""
		}
		return false, spec.Paths[0]
	}
	return false, ""
}

// startGrace is how long the sources that run commands or sample the
// machine wait for the first frame with data before they start anyway.
const startGrace = 500 * time.Millisecond

// StartLive starts every source in goroutines that end with ctx. The log
// starts at once; the configuration, queue and machine sources wait until
// Feeds.Started is called or the grace (startGrace) has passed: postconf,
// postqueue and a scan of /proc take more CPU than reading the first batch
// of a --since window, and on a small machine they would hold up its
// first frame.
func StartLive(ctx context.Context, o Options, ls LiveSettings) (Feeds, error) {
	ports := NewPortSet(25, 465, 587)
	spec, err := o.FollowSpec(ctx)
	if err != nil {
		return Feeds{}, err
	}
	logCh := make(chan sources.LogBatch, 8)
	go sources.RunLog(ctx, spec, logCh)

	gate := make(chan struct{})
	var opened sync.Once
	started := func() { opened.Do(func() { close(gate) }) }
	grace := ls.StartGrace
	if grace <= 0 {
		grace = startGrace
	}
	wait := func() bool {
		t := time.NewTimer(grace)
		defer t.Stop()
		select {
		case <-gate:
		case <-t.C:
		case <-ctx.Done():
			return false
		}
		return true
	}

	reload := make(chan struct{}, 1)
	cfgCh := make(chan sources.ConfigEvent, 1)
	mCh := make(chan sources.MachineEvent, 1)
	cr := &sources.ConfigReader{Exec: o.Exec, ConfigDir: o.ConfigDir, PostconfFile: o.PostconfFile, MasterFile: o.MasterFile}
	// The machine probe needs the queue directory and our listening ports
	// from the configuration, which the config source then reports as its
	// first reading. Read it off the start path: a failing postconf takes
	// a second and must not hold up the first frame.
	go func() {
		if !wait() {
			close(cfgCh)
			close(mCh)
			return
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		first := cr.Event(cctx)
		cancel()
		// Processes and sockets that stay the same are sampled down to
		// every fifth interval.
		probe := &sources.MachineProbe{QueueDir: "/var/spool/postfix", Container: sources.InContainer(o.Exec), Exec: o.Exec, RemotePortsFunc: ports.List, Backoff: 4}
		if first.Config != nil {
			probe.QueueDir = first.Config.Get("queue_directory")
			probe.LocalPorts = localPorts(first.Config)
		}
		go sources.RunMachine(ctx, probe, ls.MachineInterval, mCh)
		sources.RunConfig(ctx, cr, &first, ls.ConfigInterval, reload, cfgCh)
	}()

	qCh := make(chan sources.QueueEvent, 1)
	if o.QueueFile != "" {
		// A saved listing beside an old log (both copied off a server)
		// is dated by the log's end, as the report dates it; beside a
		// current log, by the copy's file time.
		ro := o
		if end, ok := spec.LastTime(); ok && o.Now == nil && hostApart(end, time.Now()) {
			ro.Now = func() time.Time { return end }
		}
		q, st := ro.ReadQueue(ctx)
		go func() {
			defer close(qCh)
			select {
			case qCh <- sources.QueueEvent{Snapshot: q, State: st}:
			case <-ctx.Done():
			}
		}()
	} else {
		qr := &sources.QueueReader{Exec: o.Exec, ConfigDir: o.ConfigDir, Timeout: ls.QueueTimeout}
		go func() {
			if !wait() {
				close(qCh)
				return
			}
			sources.RunQueue(ctx, qr, ls.QueueInterval, qCh)
		}()
	}

	own, path := o.hostLog(spec)
	return Feeds{Log: logCh, Queue: qCh, Config: cfgCh, Machine: mCh, Reload: reload, Ports: ports, Started: started,
		SavedQueue: o.QueueFile != "", HostLog: own, LogPath: path}, nil
}

// localPorts lists the ports of the inet services in master.cf, for the
// inbound socket count.
func localPorts(cfg *sources.Config) []int {
	var ports []int
	if cfg == nil {
		return nil
	}
	for _, s := range cfg.Services {
		if s.Type != "inet" {
			continue
		}
		name := s.Name
		if i := strings.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		switch name {
		case "smtp":
			ports = append(ports, 25)
		case "submission":
			ports = append(ports, 587)
		case "smtps", "submissions":
			ports = append(ports, 465)
		default:
			if n, err := strconv.Atoi(name); err == nil {
				ports = append(ports, n)
			}
		}
	}
	return ports
}

// PortSet is the set of remote ports Postfix delivers to, learned from
// the log (relay=host[ip]:port) and read by the machine probe.
type PortSet struct {
	mu    sync.Mutex
	ports map[int]bool
}

// NewPortSet starts with the given ports.
func NewPortSet(initial ...int) *PortSet {
	p := &PortSet{ports: map[int]bool{}}
	for _, n := range initial {
		p.ports[n] = true
	}
	return p
}

// Add learns a port; the set stays small (at most 64 ports).
func (p *PortSet) Add(port int) {
	if p == nil || port <= 0 {
		return
	}
	p.mu.Lock()
	if len(p.ports) < 64 {
		p.ports[port] = true
	}
	p.mu.Unlock()
}

// List returns the ports.
func (p *PortSet) List() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]int, 0, len(p.ports))
	for n := range p.ports {
		out = append(out, n)
	}
	return out
}
