package analyzers

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"mxtop/sources"
)

// Report is the headless analysis: `mxtop report --format json` prints it,
// snapshots embed it. Field names are a stable schema (see README).
type Report struct {
	GeneratedAt time.Time  `json:"generated_at"`
	Window      Window     `json:"window"`
	Lines       LineCounts `json:"lines"`
	// Hosts are the hosts a log's Postfix lines name when there are
	// several (a central syslog server's file): their counts merge.
	Hosts        []string       `json:"hosts,omitempty"`
	Sources      []SourceJSON   `json:"sources"`
	Postfix      PostfixJSON    `json:"postfix"`
	Totals       TotalsJSON     `json:"totals"`
	Hourly       []HourCounts   `json:"hourly"`
	Rejects      []ReasonCount  `json:"reject_reasons"`
	Destinations []DestJSON     `json:"destinations"`
	DestSummary  DestSummary    `json:"destination_summary"`
	Inbound      InboundJSON    `json:"inbound"`
	Queue        *QueueJSON     `json:"queue,omitempty"`
	Config       *ConfigJSON    `json:"config,omitempty"`
	Machine      *MachineJSON   `json:"machine,omitempty"`
	Upgrade      *UpgradeJSON   `json:"upgrade,omitempty"`
	Classes      map[string]int `json:"classes"`
	Hints        []Hint         `json:"hints"`
	// Container is the container Postfix runs in (--docker): the hints'
	// commands on Postfix run in it from the host, with docker exec.
	Container string `json:"container,omitempty"`
	// ContainerNetwork is its network mode (host: it shares this host's
	// network, whose commands then stay the host's), "" not known.
	ContainerNetwork string        `json:"container_network,omitempty"`
	HintFailures     *HintFailures `json:"hint_failures,omitempty"`
	Log              []string      `json:"log,omitempty"`
}

// Window is the time span of the log read.
type Window struct {
	From *time.Time `json:"from"`
	To   *time.Time `json:"to"`
}

// LineCounts says how much was read.
// Unread tells a log that had lines, none of which could be read: not
// one was Postfix's or another program's known line.
func (r *Report) Unread() bool {
	return r.Lines.Total > 0 && r.Lines.Invalid == r.Lines.Total
}

type LineCounts struct {
	Total   int64 `json:"total"`
	Postfix int64 `json:"postfix"`
	Invalid int64 `json:"invalid"`
	// Failed lines made the parser or an analyzer panic (counted in
	// Invalid too); the first one's reason and text say which.
	Failed       int64  `json:"failed"`
	FailedReason string `json:"failed_reason,omitempty"`
	FailedLine   string `json:"failed_line,omitempty"`
	// Ahead lines were dated more than a day after now: left out of the
	// window.
	Ahead int64 `json:"ahead,omitempty"`
	// Backward, when set, is how often the log's time stepped back: it
	// runs newest first (an export's order), which the window, rates and
	// concurrency estimates do not expect.
	Backward int64 `json:"backward,omitempty"`
	// Reversed: the log ran newest first and was read last line first.
	Reversed bool `json:"reversed,omitempty"`
}

// HintFailures counts hint evaluations that panicked.
type HintFailures struct {
	Count  int64  `json:"count"`
	Reason string `json:"reason"`
}

// SourceJSON is one source's state.
type SourceJSON struct {
	Source string `json:"source"`
	Health string `json:"health"`
	Detail string `json:"detail"`
}

// PostfixJSON is the version timeline.
type PostfixJSON struct {
	Version  string        `json:"version"`
	Versions []VersionSeen `json:"versions"`
}

// LastError is a destination's last failure.
type LastError struct {
	Time  *time.Time `json:"time"` // nil for a line without a date
	Class string     `json:"class"`
	Text  string     `json:"text"`
}

// HopJSON is a next hop of a destination.
type HopJSON struct {
	Host     string `json:"host"`
	IP       string `json:"ip"`
	Port     int    `json:"port,omitempty"`
	Attempts int    `json:"attempts"`
	Errors   int    `json:"errors"`
}

// DestJSON is one destination in the report.
type DestJSON struct {
	Domain          string         `json:"domain"`
	Transport       string         `json:"transport,omitempty"`
	Sent            int            `json:"sent"`
	Deferred        int            `json:"deferred"`
	Bounced         int            `json:"bounced"`
	Expired         int            `json:"expired"`
	Suspended       int            `json:"suspended"`
	Classes         map[string]int `json:"classes"`
	ErrorsPerMin    [3]float64     `json:"errors_per_min"` // over 1, 5, 15 minutes
	DelayP50        float64        `json:"delay_p50"`
	DelayP95        float64        `json:"delay_p95"`
	LastError       *LastError     `json:"last_error"`
	Hops            []HopJSON      `json:"hops,omitempty"`
	ConcurrencyPeak int            `json:"concurrency_peak_estimate"`
	SocketsPeak     int            `json:"sockets_peak,omitempty"`
	Limit           int            `json:"concurrency_limit,omitempty"`
}

// TotalsJSON is the whole log's traffic, with pflogsumm's meanings.
type TotalsJSON struct {
	Received       int64   `json:"received"`
	Delivered      int64   `json:"delivered"`
	Forwarded      int64   `json:"forwarded"`
	Deferred       int64   `json:"deferred"` // messages (queue ids)
	Deferrals      int64   `json:"deferrals"`
	Bounced        int64   `json:"bounced"`
	Expired        int64   `json:"expired"`
	Rejected       int64   `json:"rejected"`
	RejectedPct    float64 `json:"rejected_pct"` // of delivered + rejected + discarded
	Discarded      int64   `json:"discarded"`
	BytesReceived  int64   `json:"bytes_received"`
	BytesDelivered int64   `json:"bytes_delivered"`
	// MsgsForgotten is how many messages in flight were forgotten to keep
	// memory bounded: deferred and bytes may be approximate when > 0.
	MsgsForgotten int64 `json:"messages_forgotten"`
}

// ReasonCount is one reject reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// DestCounts sums delivery records over destinations.
type DestCounts struct {
	Destinations int `json:"destinations"`
	Sent         int `json:"sent"`
	Deferred     int `json:"deferred"`
	Bounced      int `json:"bounced"`
	Expired      int `json:"expired"`
}

func (c *DestCounts) add(d *Dest, n int) {
	c.Destinations += n
	c.Sent += d.Sent
	c.Deferred += d.Deferred
	c.Bounced += d.Bounced
	c.Expired += d.Expired
}

// DestSummary accounts for every delivery record: the listed
// destinations plus Others make Total.
type DestSummary struct {
	Others DestCounts `json:"others"`
	Total  DestCounts `json:"total"`
}

// InboundService is one of our services refusing clients.
type InboundService struct {
	Service      string   `json:"service"`
	ConnLimit    int      `json:"connection_limit"`
	RateLimit    int      `json:"rate_limit"`
	Postscreen   int      `json:"postscreen_too_many"`
	PortsBusy    int      `json:"ports_busy"`
	ProcessLimit int      `json:"process_limit"`
	MaxProc      int      `json:"maxproc,omitempty"`
	Clients      []string `json:"top_clients,omitempty"`
}

// AnvilJSON is one anvil maximum.
type AnvilJSON struct {
	Service string `json:"service"`
	Client  string `json:"client"`
	Kind    string `json:"kind"`
	Value   int    `json:"value"`
}

// InboundJSON is the inbound side.
type InboundJSON struct {
	Services []InboundService  `json:"services"`
	Anvil    []AnvilJSON       `json:"anvil"`
	Limits   map[string]string `json:"limits,omitempty"`
}

// QueueCountJSON is one queue.
type QueueCountJSON struct {
	Messages   int        `json:"messages"`
	Recipients int        `json:"recipients"`
	Bytes      int64      `json:"bytes"`
	Oldest     *time.Time `json:"oldest,omitempty"`
}

// QueueDomainJSON is one deferred destination of the queue.
type QueueDomainJSON struct {
	Domain     string         `json:"domain"`
	Recipients int            `json:"recipients"`
	Ages       []int          `json:"ages"` // qshape buckets: 5 10 20 40 80 160 320 640 1280 1280+ minutes
	TopClass   string         `json:"top_class"`
	Classes    map[string]int `json:"classes"`
	Reason     string         `json:"reason,omitempty"`
}

// QueueJSON is the queue reading.
type QueueJSON struct {
	Time         time.Time                 `json:"time"`
	Command      string                    `json:"command"`
	Queues       map[string]QueueCountJSON `json:"queues"`
	GrowthPerMin *float64                  `json:"deferred_growth_per_min,omitempty"`
	TopDeferred  []QueueDomainJSON         `json:"top_deferred"`
	Clog         []string                  `json:"clog_warnings,omitempty"`
}

// Read tells whether q holds a queue reading, not only the log's clog
// warnings.
func (q *QueueJSON) Read() bool { return q.Command != "" || !q.Time.IsZero() }

// MarshalJSON writes a section without a queue reading as its clog
// warnings alone: no time, command or counts that were never read.
func (q QueueJSON) MarshalJSON() ([]byte, error) {
	if !q.Read() {
		return json.Marshal(struct {
			Clog []string `json:"clog_warnings,omitempty"`
		}{q.Clog})
	}
	type reading QueueJSON // without this method
	return json.Marshal(reading(q))
}

// ParamJSON is one configuration parameter.
type ParamJSON struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Explicit bool   `json:"explicit"`
}

// ServiceJSON is one master.cf service.
type ServiceJSON struct {
	Service string `json:"service"`
	Type    string `json:"type"`
	Chroot  string `json:"chroot"`
	MaxProc int    `json:"maxproc"`
	Command string `json:"command"`
	Running *int   `json:"running,omitempty"`
}

// ConfigJSON is the configuration read.
type ConfigJSON struct {
	Source     string        `json:"source"`
	Parameters []ParamJSON   `json:"parameters"`
	Explicit   []ParamJSON   `json:"explicit"`
	Services   []ServiceJSON `json:"services"`
	TLSProxy   bool          `json:"tlsproxy"`
}

// MachineJSON is the last machine reading.
type MachineJSON struct {
	Time       time.Time      `json:"time"`
	CPUs       int            `json:"cpus"`
	Load       [3]float64     `json:"load"`
	CPUPercent float64        `json:"cpu_percent"`
	MemTotal   uint64         `json:"mem_total"`
	MemAvail   uint64         `json:"mem_available"`
	DiskFree   uint64         `json:"queue_disk_free"`
	DiskTotal  uint64         `json:"queue_disk_total"`
	MasterFDs  int            `json:"master_fds"`
	FDLimit    uint64         `json:"fd_limit"`
	Processes  map[string]int `json:"processes"`
	Outbound   map[string]int `json:"outbound_sockets_by_destination"`
	Inbound    int            `json:"inbound_connections"`
	Unreadable []string       `json:"unreadable,omitempty"`
	// Container is the container Postfix runs in (--docker): the figures
	// are its host's.
	Container string `json:"host_of_container,omitempty"`
}

// ClassChangeJSON is a class's rate around a version change.
type ClassChangeJSON struct {
	Class      string  `json:"class"`
	Before     int     `json:"before"`
	After      int     `json:"after"`
	BeforeRate float64 `json:"before_per_min"`
	AfterRate  float64 `json:"after_per_min"`
}

// UpgradeJSON is what changed at a version change.
type UpgradeJSON struct {
	ChangedAt    *time.Time        `json:"changed_at,omitempty"`
	From         string            `json:"from,omitempty"`
	To           string            `json:"to,omitempty"`
	Classes      []ClassChangeJSON `json:"classes,omitempty"`
	Destinations []DestChange      `json:"destinations,omitempty"`
	Compat       map[string]int    `json:"compat_warnings,omitempty"`
}

// ReportOptions shapes a report.
type ReportOptions struct {
	Whole       bool // judge the whole log (headless) rather than the last minutes
	MaxDests    int  // destinations listed (default 50), the rest summed
	LogLines    int  // warning/error lines included; 0 for none
	States      []sources.SourceState
	GeneratedAt time.Time
	// Hints, when set, are hints already evaluated: the report carries
	// them instead of evaluating the rules again, which would move the
	// hints' hysteresis (a live scrape must not).
	Hints *[]Hint
}

func classMap(counts []int) map[string]int {
	m := map[string]int{}
	for c, n := range counts {
		if n > 0 && c > 0 {
			m[sources.Class(c).String()] = n
		}
	}
	return m
}

// Report builds the report from the engine's state. It is long because it
// is a list: one short block per section of the report's schema, in the
// schema's order, so a reader can hold it against the README's table.
func (e *Engine) Report(o ReportOptions) Report {
	if o.MaxDests <= 0 {
		o.MaxDests = 50
	}
	if o.GeneratedAt.IsZero() {
		o.GeneratedAt = time.Now().UTC()
	}
	r := Report{GeneratedAt: o.GeneratedAt, Lines: LineCounts{e.Lines, e.Postfix, e.Invalid, e.Failures.Lines, e.Failures.LineReason, e.Failures.Line, e.Ahead, e.NewestFirst(), e.ReadReversed}, Hosts: e.Hosts(),
		Classes: classMap(e.Classes[:])}
	if !e.First.IsZero() {
		f, t := e.First.UTC(), e.Now.UTC()
		r.Window = Window{&f, &t}
	}
	for _, s := range o.States {
		r.Sources = append(r.Sources, SourceJSON{s.Source, s.Health.String(), s.Detail})
	}
	r.Postfix = PostfixJSON{Version: e.CurrentVersion(), Versions: e.Versions}
	if r.Postfix.Versions == nil {
		r.Postfix.Versions = []VersionSeen{}
	}
	sockets := e.SocketsByDomain()
	r.Destinations = []DestJSON{}
	shown, others := e.reportDests(o.MaxDests)
	for _, d := range shown {
		r.DestSummary.Total.add(d, 1)
		dj := DestJSON{
			Domain: d.Domain, Transport: d.Transport, Sent: d.Sent, Deferred: d.Deferred, Bounced: d.Bounced,
			Expired: d.Expired, Suspended: d.Suspended, Classes: classMap(d.Classes[:]),
			ErrorsPerMin: [3]float64{d.Errors.Rate(e.Now, 1), d.Errors.Rate(e.Now, 5), d.Errors.Rate(e.Now, 15)},
			DelayP50:     d.Delays.Quantile(0.5), DelayP95: d.Delays.Quantile(0.95),
			ConcurrencyPeak: d.PeakEstimate, SocketsPeak: max(e.PeakSockets[d.Domain], sockets[d.Domain]),
		}
		if e.Config != nil {
			tr := d.Transport
			if tr == "" {
				tr = "smtp"
			}
			dj.Limit = e.Config.DestinationConcurrencyLimit(tr)
		}
		if d.LastReply != "" {
			dj.LastError = &LastError{Class: d.LastClass.String(), Text: d.LastReply}
			if !d.LastReplyTime.IsZero() {
				at := d.LastReplyTime.UTC()
				dj.LastError.Time = &at
			}
		}
		for _, h := range d.Hops {
			dj.Hops = append(dj.Hops, HopJSON{h.Host, h.IP, h.Port, h.Attempts, h.Errors})
		}
		r.Destinations = append(r.Destinations, dj)
	}
	for _, d := range others {
		n := 1
		if d.Domain == OtherDomain {
			n = e.Dest.Evicted
		}
		r.DestSummary.Others.add(d, n)
		r.DestSummary.Total.add(d, n)
	}
	r.Totals, r.Hourly, r.Rejects = e.totalsJSON()
	r.Inbound = InboundJSON{Services: []InboundService{}, Anvil: []AnvilJSON{}}
	for _, s := range e.Inbound.Sorted() {
		r.Inbound.Services = append(r.Inbound.Services, InboundService{s.Service, s.ConnLimit, s.RateLimit, s.Postscreen, s.PortsBusy, s.ProcessLimit, s.MaxProc, s.TopClients(5)})
	}
	for i, a := range e.Inbound.AnvilSorted() {
		if i >= 20 {
			break
		}
		r.Inbound.Anvil = append(r.Inbound.Anvil, AnvilJSON{a.Service, a.Client, a.Kind, a.Value})
	}
	if e.Config != nil {
		r.Inbound.Limits = map[string]string{}
		for _, p := range []string{"smtpd_client_connection_count_limit", "smtpd_client_connection_rate_limit", "postscreen_client_connection_count_limit", "default_process_limit"} {
			r.Inbound.Limits[p] = e.Config.Get(p)
		}
	}
	r.Queue = e.queueJSON()
	r.Config = e.configJSON()
	r.Machine = e.machineJSON(sockets)
	r.Upgrade = e.upgradeJSON()
	if o.Hints != nil {
		r.Hints = *o.Hints
	} else {
		r.Hints = e.SafeHints(o.Whole)
	}
	if r.Hints == nil {
		r.Hints = []Hint{}
	}
	r.Hints, r.Container = e.ForHost(r.Hints), e.Container
	if e.Container != "" {
		r.ContainerNetwork = e.ContainerNetwork
	}
	if e.Failures.Hints > 0 {
		r.HintFailures = &HintFailures{e.Failures.Hints, e.Failures.HintReason}
	}
	if o.LogLines > 0 {
		log := e.RecentLog()
		if len(log) > o.LogLines {
			log = log[len(log)-o.LogLines:]
		}
		for _, l := range log {
			r.Log = append(r.Log, l.Line)
		}
	}
	return r
}

// reportDests chooses the destinations the report lists, at most max:
// the failing ones first (by error rate, then failures), then the
// busiest of the rest, so a healthy destination carrying most of the mail
// is not hidden behind many small failing ones. The rest, and the
// "(other)" bucket of domains no longer tracked one by one, are returned
// to be summed.
func (e *Engine) reportDests(max int) (shown, rest []*Dest) {
	var failing, healthy []*Dest
	for _, d := range e.Dest.Top(e.Now, 0, SortErrorRate) {
		switch {
		case d.Failures()+d.Sent == 0:
		case d.Domain == OtherDomain:
			rest = append(rest, d)
		case d.Failures() > 0:
			failing = append(failing, d)
		default:
			healthy = append(healthy, d)
		}
	}
	nFailing := min(len(failing), max-max/5)
	shown = append(shown, failing[:nFailing]...)
	// The busiest of what is left, failing or not, fill the other rows.
	left := append(failing[nFailing:len(failing):len(failing)], healthy...)
	sort.SliceStable(left, func(i, j int) bool {
		a, b := left[i].Sent+left[i].Failures(), left[j].Sent+left[j].Failures()
		if a != b {
			return a > b
		}
		return left[i].Domain < left[j].Domain
	})
	n := min(len(left), max-nFailing)
	shown = append(shown, left[:n]...)
	return shown, append(rest, left[n:]...)
}

func (e *Engine) totalsJSON() (TotalsJSON, []HourCounts, []ReasonCount) {
	t := e.Totals
	tj := TotalsJSON{
		Received: t.Received, Delivered: t.Delivered, Forwarded: t.Forwarded, Deferred: t.DeferredMsgs, Deferrals: t.Deferrals,
		Bounced: t.Bounced, Expired: t.Expired, Rejected: t.Rejected, Discarded: t.Discarded,
		BytesReceived: t.BytesReceived, BytesDelivered: t.BytesDelivered, MsgsForgotten: t.MsgsForgotten,
	}
	if n := t.Delivered + t.Rejected + t.Discarded; n > 0 {
		tj.RejectedPct = math.Round(float64(t.Rejected)/float64(n)*1000) / 10
	}
	hours := append([]HourCounts{}, t.Hours...)
	reasons := []ReasonCount{}
	for _, c := range TopCounts(t.Rejects, len(t.Rejects)) {
		reasons = append(reasons, ReasonCount{c.Key, c.N})
	}
	return tj, hours, reasons
}

// queueJSON is the queue reading with qmgr's clog warnings, which are
// the log's: without a reading, the warnings alone.
func (e *Engine) queueJSON() *QueueJSON {
	var clog []string
	for _, c := range e.Clog {
		clog = append(clog, fmt.Sprintf("mail for %s is using up %d of %d active queue entries", c.Domain, c.Count, c.Limit))
	}
	sort.Strings(clog)
	q := e.Queue
	if q == nil {
		if len(clog) == 0 {
			return nil
		}
		return &QueueJSON{Clog: clog}
	}
	out := &QueueJSON{Time: q.Time, Command: q.Command, Queues: map[string]QueueCountJSON{}, TopDeferred: []QueueDomainJSON{}, Clog: clog}
	for _, name := range sources.QueueNames {
		c := q.Queues[name]
		qc := QueueCountJSON{Messages: c.Messages, Recipients: c.Recipients, Bytes: c.Bytes}
		if !c.Oldest.IsZero() {
			t := c.Oldest.UTC()
			qc.Oldest = &t
		}
		out.Queues[name] = qc
	}
	if g, ok := e.QueueGrowth("deferred", 5); ok {
		out.GrowthPerMin = &g
	}
	for i, d := range q.Domains {
		if i >= 20 {
			break
		}
		top := d.TopClass()
		out.TopDeferred = append(out.TopDeferred, QueueDomainJSON{Domain: d.Domain, Recipients: d.Recipients, Ages: d.Buckets[:],
			TopClass: top.String(), Classes: classMap(d.Classes[:]), Reason: d.Samples[top]})
	}
	return out
}

func (e *Engine) configJSON() *ConfigJSON {
	c := e.Config
	if c == nil {
		return nil
	}
	out := &ConfigJSON{Source: c.Source, TLSProxy: c.HasTLSProxy(), Parameters: []ParamJSON{}, Explicit: []ParamJSON{}, Services: []ServiceJSON{}}
	for _, p := range c.Relevant() {
		if !c.Has(p) && !c.IsExplicit(p) {
			continue
		}
		out.Parameters = append(out.Parameters, ParamJSON{p, c.Get(p), c.IsExplicit(p)})
	}
	var names []string
	for n := range c.Explicit {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out.Explicit = append(out.Explicit, ParamJSON{n, c.Explicit[n], true})
	}
	for _, s := range c.Services {
		sj := ServiceJSON{Service: s.Name, Type: s.Type, Chroot: s.Chroot, MaxProc: s.MaxProc, Command: s.Command}
		if e.Machine != nil && e.Machine.MasterPID != 0 {
			n := e.Machine.Services[s.Key()]
			sj.Running = &n
		}
		out.Services = append(out.Services, sj)
	}
	return out
}

func (e *Engine) machineJSON(sockets map[string]int) *MachineJSON {
	m := e.Machine
	if m == nil {
		return nil
	}
	in := 0
	for _, n := range m.Inbound {
		in += n
	}
	return &MachineJSON{Time: m.Time, CPUs: m.CPUs, Load: [3]float64{m.Load1, m.Load5, m.Load15}, CPUPercent: m.CPUPercent,
		MemTotal: m.MemTotal, MemAvail: m.MemAvail, DiskFree: m.DiskFree, DiskTotal: m.DiskTotal, MasterFDs: m.MasterFDs,
		FDLimit: m.PostfixFDLimit, Processes: m.Services, Outbound: sockets, Inbound: in, Unreadable: m.Unreadable, Container: m.Container}
}

func (e *Engine) upgradeJSON() *UpgradeJSON {
	compat := e.CompatSorted()
	if e.ChangeAt.IsZero() && len(compat) == 0 {
		return nil
	}
	u := &UpgradeJSON{}
	if !e.ChangeAt.IsZero() {
		t := e.ChangeAt.UTC()
		u.ChangedAt, u.From, u.To = &t, e.ChangeFrom, e.ChangeTo
		for _, c := range e.UpgradeChanges() {
			u.Classes = append(u.Classes, ClassChangeJSON{c.Class.String(), c.Before, c.After, c.BeforeRate, c.AfterRate})
		}
		u.Destinations = e.UpgradeDestChanges(10)
	}
	if len(compat) > 0 {
		u.Compat = map[string]int{}
		for _, c := range compat {
			u.Compat[c.Param] = c.Count
		}
	}
	return u
}
