package model

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// The demo incident: a generated maillog in which a Postfix reload to a new
// version is followed by a 421 "too many connections" storm at two large
// destinations, with inbound process-limit and anvil warnings. See
// demo/make-incident.sh.
//
//go:embed demo/incident.log.gz
var demoLog []byte

// demoPostconf is the demo host's `postconf -n`, with the version.
const demoPostconf = `compatibility_level = 3.6
default_destination_concurrency_limit = 20
default_process_limit = 100
inet_interfaces = all
mail_version = 3.11.1
maillog_file = /var/log/mail.log
minimal_backoff_time = 300s
myhostname = mx1.ourcorp.example
mynetworks = 127.0.0.0/8 10.20.0.0/16
queue_directory = /var/spool/postfix
relayhost =
smtp_destination_concurrency_limit = 20
smtp_tls_security_level = may
smtpd_client_connection_count_limit = 50
smtpd_client_connection_rate_limit = 60
smtpd_tls_security_level = may
`

// demoMaster is the demo host's `postconf -M`.
const demoMaster = `smtp       inet  n       -       y       -       100     smtpd
submission inet  n       -       y       -       -       smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt
pickup     unix  n       -       y       60      1       pickup
cleanup    unix  n       -       y       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
smtp       unix  -       -       y       -       100     smtp
relay      unix  -       -       y       -       -       smtp -o syslog_name=postfix/$service_name
error      unix  -       -       y       -       -       error
retry      unix  -       -       y       -       -       error
lmtp       unix  -       -       y       -       -       lmtp
anvil      unix  -       -       y       -       1       anvil
scache     unix  -       -       y       -       1       scache
`

// DemoConfig is the demo host's configuration.
func DemoConfig() *sources.Config {
	params, _ := sources.ParseParams(strings.NewReader(demoPostconf))
	svcs, _ := sources.ParseMaster(strings.NewReader(demoMaster), 100)
	explicit := map[string]string{}
	for k, v := range params {
		if k != "mail_version" {
			explicit[k] = v
		}
	}
	return &sources.Config{Params: params, Explicit: explicit, Services: svcs, Source: "demo postconf", Time: time.Now()}
}

// DemoLines returns the incident's log lines.
func DemoLines() ([]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(demoLog))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), nil
}

// Demo replays the embedded incident at speed times real time and makes
// matching queue, config and machine readings.
type Demo struct {
	Speed float64
	clock atomic.Int64 // replay time, unix nanoseconds
	ended atomic.Int64 // wall time the replay ended at, unix nanoseconds
	queue *demoQueue
}

// demoLead is how far into the incident the live demo starts: the storm
// begins after four minutes of everyday traffic, and a minute later
// gmail.com's refusals lead the screen.
const demoLead = 5 * time.Minute

// Clock is the replay's time, for the view's rates. Once the replay has
// ended it runs on at the replay's speed, as a live screen's clock would:
// the events rate falls to zero and the windows slide on.
func (d *Demo) Clock() time.Time {
	n := d.clock.Load()
	if n == 0 {
		return time.Time{}
	}
	t := time.Unix(0, n)
	if end := d.ended.Load(); end != 0 {
		t = t.Add(time.Duration(float64(time.Since(time.Unix(0, end))) * d.Speed))
	}
	return t
}

// demoQueue follows messages through the replay to make postqueue output.
// The demo's actions change it (DemoExec), never a real queue: the lock
// is for them, as the replay feeds it from its own goroutine.
type demoQueue struct {
	mu   sync.Mutex
	msgs map[string]*demoMsg
}

func newDemoQueue() *demoQueue { return &demoQueue{msgs: map[string]*demoMsg{}} }

type demoMsg struct {
	arrival  time.Time
	size     int64
	deferred map[string]string // recipient -> reason
	held     bool
}

func (q *demoQueue) feed(r *sources.Record) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch r.Event {
	case sources.EvQmgr:
		if _, ok := q.msgs[r.QueueID]; !ok && len(q.msgs) < 200000 {
			q.msgs[strings.Clone(r.QueueID)] = &demoMsg{arrival: r.Time, size: r.Size, deferred: map[string]string{}}
		}
	case sources.EvDelivery:
		m := q.msgs[r.QueueID]
		if m == nil {
			return
		}
		if r.Status == sources.StatusDeferred {
			m.deferred[strings.Clone(r.To)] = strings.Clone(r.Reason)
		} else {
			delete(m.deferred, r.To)
		}
	case sources.EvRemoved, sources.EvExpired:
		delete(q.msgs, r.QueueID)
	}
}

// snapshot writes the state as `postqueue -j` and decodes it with the real
// decoder.
func (q *demoQueue) snapshot(now time.Time) *sources.QueueSnapshot {
	snap, err := sources.DecodeQueueJSON(bytes.NewReader(q.listing()), now, "postqueue -j (demo)")
	if err != nil {
		return nil
	}
	return &snap
}

// listing is the state as `postqueue -j` prints it.
func (q *demoQueue) listing() []byte {
	q.mu.Lock()
	defer q.mu.Unlock()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	ids := make([]string, 0, len(q.msgs))
	for id := range q.msgs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	type rcpt struct {
		Address     string `json:"address"`
		DelayReason string `json:"delay_reason,omitempty"`
	}
	for _, id := range ids {
		m := q.msgs[id]
		queue := "active"
		var rc []rcpt
		for a, reason := range m.deferred {
			queue = "deferred"
			rc = append(rc, rcpt{a, reason})
		}
		sort.Slice(rc, func(i, j int) bool { return rc[i].Address < rc[j].Address })
		if len(rc) == 0 {
			rc = []rcpt{{Address: "pending@queue.invalid"}}
		}
		if m.held {
			queue = "hold"
		}
		enc.Encode(map[string]any{"queue_name": queue, "queue_id": id, "arrival_time": m.arrival.Unix(), "message_size": m.size, "recipients": rc})
	}
	return b.Bytes()
}

// DemoExec answers the queue commands of the demo's actions from its
// simulated queue: postqueue -j lists it, postsuper -h/-H/-d with ids on
// stdin hold, release and delete, and postsuper -r and postqueue -i
// (requeue, deliver now) leave the simulated mail where it is. Anything
// else is refused: the demo runs no real command.
type DemoExec struct{ q *demoQueue }

// Exec is the demo's simulated queue, for its actions. Call it before
// Start or after, not while Start runs.
func (d *Demo) Exec() DemoExec {
	if d.queue == nil {
		d.queue = newDemoQueue()
	}
	return DemoExec{d.queue}
}

func (e DemoExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	if name == "postqueue" && len(args) == 1 && args[0] == "-j" && e.q != nil {
		return e.q.listing(), nil
	}
	return nil, fmt.Errorf("%s %s: not simulated in the demo", name, strings.Join(args, " "))
}

func (e DemoExec) Stream(ctx context.Context, _ bool, name string, args ...string) (io.ReadCloser, error) {
	out, err := e.Output(ctx, name, args...)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(out)), nil
}

func (e DemoExec) Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	line := strings.TrimSpace(name + " " + strings.Join(args, " "))
	if e.q == nil {
		return nil, fmt.Errorf("%s: the demo has not started", line)
	}
	e.q.mu.Lock()
	defer e.q.mu.Unlock()
	if name == "postqueue" && len(args) == 2 && args[0] == "-i" {
		if e.q.msgs[args[1]] == nil {
			return nil, fmt.Errorf("%s: postqueue: fatal: invalid request", line)
		}
		return nil, nil
	}
	if name != "postsuper" || len(args) != 2 || args[1] != "-" {
		return nil, fmt.Errorf("%s: not simulated in the demo", line)
	}
	n := 0
	for _, id := range strings.Fields(string(stdin)) {
		m := e.q.msgs[id]
		if m == nil {
			continue
		}
		switch args[0] {
		case "-h":
			n, m.held = n+1, true
		case "-H":
			n, m.held = n+1, false
		case "-r":
			n++
		case "-d":
			n++
			delete(e.q.msgs, id)
		default:
			return nil, fmt.Errorf("%s: not simulated in the demo", line)
		}
	}
	verb := map[string]string{"-h": "Placed on hold", "-H": "Released from hold", "-r": "Requeued", "-d": "Deleted"}[args[0]]
	return []byte(fmt.Sprintf("postsuper: %s: %d messages\n", verb, n)), nil
}

// demoMachine makes machine readings that match the replay: processes and
// sockets rise with the refusals.
type demoMachine struct {
	refusals []time.Time // conn_limit deferrals, recent
	limitHit time.Time   // last process-limit warning
	ips      map[string]string
}

func (dm *demoMachine) feed(r *sources.Record) {
	if r.Class == sources.ClassConnLimit && r.Event == sources.EvDelivery {
		dm.refusals = append(dm.refusals, r.Time)
		if r.RelayIP != "" && len(dm.ips) < 64 {
			dm.ips[strings.Clone(r.RelayIP)] = strings.Clone(r.Domain)
		}
	}
	if r.Event == sources.EvProcessLimit {
		dm.limitHit = r.Time
	}
}

func (dm *demoMachine) reading(now time.Time) sources.MachineReading {
	cut := now.Add(-time.Minute)
	i := 0
	for i < len(dm.refusals) && dm.refusals[i].Before(cut) {
		i++
	}
	dm.refusals = dm.refusals[i:]
	pressure := float64(len(dm.refusals)) / 60 // refusals per second
	if pressure > 1 {
		pressure = 1
	}
	smtpd := 18 + int(30*pressure)
	if !dm.limitHit.IsZero() && now.Sub(dm.limitHit) < 2*time.Minute {
		smtpd = 100
	}
	out := map[string]int{}
	syn := map[string]int{}
	if pressure > 0 {
		// Spread just under the concurrency limit (20) over each domain's hosts.
		perDomain := map[string][]string{}
		for ip, dom := range dm.ips {
			perDomain[dom] = append(perDomain[dom], ip)
		}
		for _, ips := range perDomain {
			sort.Strings(ips)
			total := 2 + int(15*pressure)
			for i, ip := range ips {
				n := total / len(ips)
				if i < total%len(ips) {
					n++
				}
				out[ip] = n
			}
			syn[ips[0]] = int(2 * pressure)
		}
	}
	inbound := map[string]int{"10.20.0.14": 3 + int(20*pressure), "198.51.100.23": 2}
	return sources.MachineReading{
		Time: now, CPUs: 4, Load1: 0.7 + 4*pressure, Load5: 0.6 + 3*pressure, Load15: 0.5 + 2*pressure,
		CPUPercent: 12 + 70*pressure, MemTotal: 8 << 30, MemAvail: uint64((0.55 - 0.3*pressure) * float64(8<<30)),
		QueueDir: "/var/spool/postfix", DiskTotal: 50 << 30, DiskFree: 31 << 30,
		FileNrAllocated: 3200 + uint64(4000*pressure), FileNrMax: 800000,
		MasterPID: 1187, MasterFDs: 140 + int(200*pressure), MasterFDLimit: 4096, PostfixProcs: smtpd + 40,
		PostfixFDs: 900 + int(2500*pressure), PostfixFDLimit: 4096,
		Services: map[string]int{"smtp/inet": smtpd, "smtp/unix": 12 + int(88*pressure), "qmgr/unix": 1, "pickup/unix": 1,
			"cleanup/unix": 4 + int(10*pressure), "anvil/unix": 1, "submission/inet": 6},
		Outbound: out, OutboundSynSent: syn, Inbound: inbound,
	}
}

// Start replays the incident into feeds until it ends or ctx is done.
func (d *Demo) Start(ctx context.Context) (Feeds, error) {
	lines, err := DemoLines()
	if err != nil {
		return Feeds{}, fmt.Errorf("demo data: %w", err)
	}
	if d.Speed <= 0 {
		d.Speed = 10
	}
	if d.queue == nil {
		d.queue = newDemoQueue()
	}
	p := sources.NewParser()
	p.Year = time.Now().Year()
	recs := make([]sources.Record, len(lines))
	for i, l := range lines {
		p.Parse(l, &recs[i])
	}
	logCh := make(chan sources.LogBatch, 8)
	qCh := make(chan sources.QueueEvent, 1)
	cCh := make(chan sources.ConfigEvent, 1)
	mCh := make(chan sources.MachineEvent, 1)
	cCh <- sources.ConfigEvent{Config: DemoConfig(), State: sources.SourceState{Source: "config", Health: sources.HealthOK, Detail: "demo postconf"}}
	close(cCh)
	d.clock.Store(recs[0].Time.UnixNano())
	go d.play(ctx, recs, logCh, qCh, mCh)
	return Feeds{Log: logCh, Queue: qCh, Config: cCh, Machine: mCh}, nil
}

func (d *Demo) play(ctx context.Context, recs []sources.Record, logCh chan<- sources.LogBatch, qCh chan<- sources.QueueEvent, mCh chan<- sources.MachineEvent) {
	defer close(logCh)
	defer close(qCh)
	defer close(mCh)
	send := func(ch chan<- sources.LogBatch, b sources.LogBatch) bool {
		select {
		case ch <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	st := sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: fmt.Sprintf("demo replay ×%g", d.Speed)}
	if !send(logCh, sources.LogBatch{State: &st}) {
		return
	}
	q := d.queue
	dm := &demoMachine{ips: map[string]string{}}
	start := time.Now()
	// The quiet minutes before the 421 storm go by at once: the first
	// screen shows the incident, which then unfolds at the replay's speed.
	t0 := recs[0].Time.Add(demoLead)
	var nextQueue, nextMachine time.Time
	pending := make([]sources.Record, 0, 256)
	lastFlush := time.Now()
	total := int64(len(recs))
	for i := range recs {
		r := &recs[i]
		if !r.Time.IsZero() {
			target := start.Add(time.Duration(float64(r.Time.Sub(t0)) / d.Speed))
			if wait := time.Until(target); wait > 0 {
				if len(pending) > 0 {
					if !send(logCh, sources.LogBatch{Records: pending, Progress: &sources.Progress{Done: int64(i), Total: total, Lines: int64(i)}}) {
						return
					}
					pending, lastFlush = make([]sources.Record, 0, 256), time.Now()
				}
				select {
				case <-time.After(min(wait, time.Second)):
				case <-ctx.Done():
					return
				}
			}
			d.clock.Store(r.Time.UnixNano())
		}
		q.feed(r)
		dm.feed(r)
		pending = append(pending, *r)
		if len(pending) >= 1000 || time.Since(lastFlush) > 200*time.Millisecond {
			if !send(logCh, sources.LogBatch{Records: pending, Progress: &sources.Progress{Done: int64(i + 1), Total: total, Lines: int64(i + 1)}}) {
				return
			}
			pending, lastFlush = make([]sources.Record, 0, 256), time.Now()
		}
		now := d.Clock()
		if now.After(nextQueue) {
			nextQueue = now.Add(10 * time.Second)
			if s := q.snapshot(now); s != nil {
				select {
				case qCh <- sources.QueueEvent{Snapshot: s, State: sources.SourceState{Source: "queue", Health: sources.HealthOK, Detail: "postqueue -j (demo)"}}:
				default:
				}
			}
		}
		if now.After(nextMachine) {
			nextMachine = now.Add(2 * time.Second)
			select {
			case mCh <- sources.MachineEvent{Reading: dm.reading(now), State: sources.SourceState{Source: "machine", Health: sources.HealthOK, Detail: "demo readings"}}:
			default:
			}
		}
	}
	done := sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "demo replay finished"}
	d.ended.Store(time.Now().UnixNano())
	send(logCh, sources.LogBatch{Records: pending, State: &done, Progress: &sources.Progress{Done: total, Total: total, Lines: total, Finished: true}})
	<-ctx.Done()
}

// DemoEngine replays the incident up to `at` after its start in one go,
// with the queue and machine readings the live demo would have made:
// deterministic state for screenshots and the headless demo.
func DemoEngine(at time.Duration, maxDest int) (*analyzers.Engine, error) {
	eng, _, err := demoReplay(at, maxDest)
	return eng, err
}

// demoReplay is DemoEngine that also returns the simulated queue at `at`,
// for screenshots of the queue actions.
func demoReplay(at time.Duration, maxDest int) (*analyzers.Engine, *demoQueue, error) {
	lines, err := DemoLines()
	if err != nil {
		return nil, nil, err
	}
	eng := analyzers.NewEngine(maxDest)
	eng.SetConfig(DemoConfig())
	p := sources.NewParser()
	p.Year = 2026
	q := newDemoQueue()
	dm := &demoMachine{ips: map[string]string{}}
	var t0, nextQueue, nextMachine time.Time
	for _, l := range lines {
		var r sources.Record
		p.Parse(l, &r)
		if !r.Time.IsZero() {
			if t0.IsZero() {
				t0 = r.Time
			}
			if r.Time.Sub(t0) > at {
				break
			}
		}
		eng.Feed(&r)
		q.feed(&r)
		dm.feed(&r)
		if now := r.Time; now.After(nextQueue) {
			nextQueue = now.Add(10 * time.Second)
			if s := q.snapshot(now); s != nil {
				eng.SetQueue(s)
			}
		}
		if now := r.Time; now.After(nextMachine) {
			nextMachine = now.Add(2 * time.Second)
			eng.SetMachine(dm.reading(now))
		}
	}
	return eng, q, nil
}
