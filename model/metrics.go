package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/exporter-toolkit/web"
	"go.yaml.in/yaml/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

// Shared guards an engine that a source loop writes and an HTTP scrape
// reads. A scrape only reads: the loop moves the engine's clock and
// evaluates the hints on its tick (Tick), since evaluating them moves
// their hysteresis.
type Shared struct {
	// Writers of the engine take the lock; scrapes, and serve's hint
	// evaluation, which only reads what they read, the read lock.
	sync.RWMutex
	Eng    *analyzers.Engine
	States map[string]sources.SourceState
	// Hints are the live hints evaluated on the last tick.
	Hints []analyzers.Hint
	// Paths name what each source reads ("log": the files, "queue":
	// postqueue -j or the saved file), for postfix_up's path label.
	Paths map[string]string
	// What serve's hints were last evaluated on, at what time and cost.
	hintsAt    time.Time
	hintsLines int64
	hintsCfg   *sources.Config
	hintsCost  time.Duration
	evaluating func() // called during an evaluation, in tests
}

// Tick moves the engine's clock to now, so rates decay when the log is
// quiet, and evaluates the hints scrapes will read. Call it under the lock.
func (s *Shared) Tick(now time.Time) {
	if now.After(s.Eng.Now) {
		s.Eng.Now = now
	}
	s.Hints = s.Eng.SafeHints(false)
}

// hintsIdle is how often serve evaluates the hints when no line or
// configuration arrived: their window still moves (a burst ages out; the
// queue and machine readings, which come every few seconds and always
// move a little, are judged with it).
const hintsIdle = 15 * time.Second

// hintsShare bounds the time serve spends evaluating the hints: after an
// evaluation that took d, the next waits hintsShare*d, so a large log's
// evaluations leave the log's reading most of the time.
const hintsShare = 4

// refresh is serve's Tick, taking the locks itself: it moves the engine's
// clock to now and evaluates the hints only when lines or the
// configuration arrived since the last evaluation or hintsIdle passed.
// The evaluation holds the read lock only, so a scrape does not wait for
// it and reads the last hints meanwhile.
func (s *Shared) refresh(now time.Time) {
	s.Lock()
	if now.After(s.Eng.Now) {
		s.Eng.Now = now
	}
	since := now.Sub(s.hintsAt)
	due := s.hintsAt.IsZero() || since >= hintsShare*s.hintsCost &&
		(s.Eng.Lines != s.hintsLines || s.Eng.Config != s.hintsCfg || since >= hintsIdle)
	lines, cfg := s.Eng.Lines, s.Eng.Config
	s.Unlock()
	if !due {
		return
	}
	s.RLock()
	start := time.Now()
	if s.evaluating != nil {
		s.evaluating()
	}
	run := s.Eng.EvalHints(false)
	cost := time.Since(start)
	s.RUnlock()
	s.Lock()
	s.Hints = s.Eng.KeepHints(run)
	s.hintsAt, s.hintsLines, s.hintsCfg, s.hintsCost = now, lines, cfg, cost
	s.Unlock()
}

// SourcePaths names what the sources of o read, for postfix_up.
func SourcePaths(o Options) map[string]string {
	p := map[string]string{"queue": "postqueue -j"}
	if o.QueueFile != "" {
		p["queue"] = o.QueueFile
	}
	switch {
	case len(o.Logs) > 0:
		p["log"] = strings.Join(o.Logs, ",")
	case o.Journal:
		p["log"] = "journal"
	case o.Docker != "":
		p["log"] = "docker:" + o.Docker
	default:
		p["log"] = "log"
	}
	return p
}

// Collector exports the engine as Prometheus metrics at scrape time.
// Names postfix_exporter also exports (namespace postfix_) count exactly
// what it counts, so its dashboards and alerts read the same numbers;
// mxtop's wider view of the same events, and what only mxtop knows, is
// under mxtop_ or postfix_ names the exporter does not have.
type Collector struct {
	s *Shared
}

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(name, help, labels, nil)
}

var (
	// Shared with postfix_exporter.
	dSMTPProcessed = desc("postfix_smtp_messages_processed_total", "postfix/smtp delivery lines by status, as postfix_exporter counts them (plain postfix/smtp tag only).", "status")
	dSMTPDeferDSN  = desc("postfix_smtp_deferred_messages_by_dsn_total", "Deferred postfix/smtp deliveries by enhanced status code, as postfix_exporter counts them.", "dsn")
	dSmtpdConnect  = desc("postfix_smtpd_connects_total", "postfix/smtpd connections, as postfix_exporter counts them (plain postfix/smtpd tag only).")
	dSmtpdDisconn  = desc("postfix_smtpd_disconnects_total", "postfix/smtpd disconnections, as postfix_exporter counts them (plain postfix/smtpd tag only).")
	dQmgrExpired   = desc("postfix_qmgr_messages_expired_total", "Messages qmgr returned to sender as expired (status=expired or force-expired).")
	dQueueDepth    = desc("postfix_showq_queue_depth", "Messages in each queue (postqueue -j).", "queue")
	dQueueAge      = desc("postfix_showq_message_age_seconds", "Age of messages in each queue, in seconds (postqueue -j).", "queue")
	dPostscreenRej = desc("postfix_postscreen_connects_rejected_total", "postscreen CONNECT rejections by the reason it logged, as postfix_exporter counts them.", "reason")
	dUp            = desc("postfix_up", "1 when mxtop's last reading of this Postfix source (the log, the queue) succeeded.", "path")
	// mxtop's own.
	dDeliveries     = desc("mxtop_delivery_records_total", "Delivery records of every delivery agent by the tag Postfix logged them under (postfix/smtp, postfix/lmtp, postfix/error, postfix/slow/smtp, postfix-out/smtp) and status.", "transport", "status")
	dMxDeferDSN     = desc("mxtop_smtp_deferred_messages_by_dsn_total", "Deferred smtp, lmtp and error deliveries under any tag, by enhanced status code.", "dsn")
	dMxConnect      = desc("mxtop_smtpd_connects_total", "smtpd connections by the tag Postfix logged them under (postfix/smtpd, postfix/submission/smtpd).", "service")
	dMxDisconn      = desc("mxtop_smtpd_disconnects_total", "smtpd disconnections by the tag Postfix logged them under.", "service")
	dMxPostscreen   = desc("mxtop_postscreen_connects_rejected_total", "postscreen CONNECT rejections by kind (too_many_connections, all_server_ports_busy, dnsbl, other).", "reason")
	dMxOldest       = desc("mxtop_showq_oldest_message_age_seconds", "Age of the oldest message in each queue, in seconds.", "queue")
	dVersion        = desc("postfix_version_info", "The running Postfix version.", "version")
	dConfigLimit    = desc("postfix_config_limit", "Limits from the configuration: main.cf parameters (service empty) and master.cf maxproc.", "parameter", "service")
	dServiceProcs   = desc("postfix_service_processes", "Running Postfix processes per master.cf service (zombies excluded).", "service")
	dProcessLimit   = desc("postfix_master_process_limit_reached_total", "Times the master logged that a service reached its process limit.", "service")
	dClientLimit    = desc("postfix_smtpd_client_limit_exceeded_total", "Clients refused by our smtpd or postscreen, by service and kind (concurrency, rate, postscreen, ports_busy).", "service", "kind")
	dSMTPErrors     = desc("postfix_smtp_errors_total", "Error lines by troubleshooting class.", "class")
	dDestErrors     = desc("postfix_destination_errors_total", "Failed deliveries by destination and class; the first N destinations to fail, the rest as other.", "destination", "class")
	dHintActive     = desc("mxtop_hint_active", "1 when a hint of this id and severity is active.", "id", "severity")
	dDropped        = desc("mxtop_log_records_dropped_total", "Log records dropped because analysis fell behind.")
	dLinesFailed    = desc("mxtop_log_lines_failed_total", "Log lines on which mxtop's parser or analyzers failed (a bug; see lines.failed_reason in /report.json).")
	dHintsFailed    = desc("mxtop_hint_evaluations_failed_total", "Hint evaluations that failed (a bug; see hint_failures in /report.json).")
	dSourceUp       = desc("mxtop_source_up", "1 when a source (log, queue, config, machine) is ok.", "source")
	dLogLines       = desc("mxtop_log_lines_total", "Log lines read.")
	limitParameters = []string{"default_process_limit", "default_destination_concurrency_limit", "smtp_destination_concurrency_limit",
		"initial_destination_concurrency", "smtpd_client_connection_count_limit", "smtpd_client_connection_rate_limit",
		"postscreen_client_connection_count_limit", "qmgr_message_active_limit"}
	allDescs = []*prometheus.Desc{dSMTPProcessed, dSMTPDeferDSN, dSmtpdConnect, dSmtpdDisconn, dQmgrExpired, dQueueDepth,
		dQueueAge, dPostscreenRej, dUp, dDeliveries, dMxDeferDSN, dMxConnect, dMxDisconn, dMxPostscreen, dMxOldest,
		dVersion, dConfigLimit, dServiceProcs, dProcessLimit, dClientLimit, dSMTPErrors, dDestErrors, dHintActive,
		dDropped, dSourceUp, dLogLines, dLinesFailed, dHintsFailed}
)

// NewCollector exports s.
func NewCollector(s *Shared) *Collector { return &Collector{s: s} }

// Describe sends the descriptors.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range allDescs {
		ch <- d
	}
}

// label makes log text a valid label value that is safe to print: /metrics
// is read with curl in a terminal too, and log text is attacker-controlled.
// Invalid UTF-8, controls and bidi marks become placeholders, as on the
// screen, so two values can clean to one: the emitter sums them.
func label(s string) string { return sources.SanitizeLine(s) }

// Collect reads the engine under the read lock; it changes nothing.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.s.RLock()
	defer c.s.RUnlock()
	m := &emitter{ch: ch, series: map[seriesKey]int{}}
	defer m.flush()
	c.collectUp(m)
	e := c.s.Eng
	if e == nil {
		return
	}
	collectExporter(m, e)
	collectMxtop(m, e)
	collectQueue(m, e)
	collectConfig(m, e)
	collectErrors(m, e)
	c.collectHints(m)
	c.collectSources(m, e)
}

// emitter collects the constant metrics of one scrape and sends them at
// flush. A series seen twice (label values that differ only in what label
// cleans) is merged, counters summed and gauges at their largest: the
// registry fails a whole scrape on a repeated series.
type emitter struct {
	ch      chan<- prometheus.Metric
	series  map[seriesKey]int
	pending []pendingMetric
}

type seriesKey struct {
	d      *prometheus.Desc
	labels string
}

type pendingMetric struct {
	d      *prometheus.Desc
	typ    prometheus.ValueType
	v      float64
	labels []string
}

func (m *emitter) add(d *prometheus.Desc, typ prometheus.ValueType, v float64, labels []string) {
	key := seriesKey{d, strings.Join(labels, "\x00")}
	if i, ok := m.series[key]; ok {
		p := &m.pending[i]
		if typ == prometheus.CounterValue {
			p.v += v
		} else {
			p.v = max(p.v, v)
		}
		return
	}
	m.series[key] = len(m.pending)
	m.pending = append(m.pending, pendingMetric{d, typ, v, labels})
}

func (m *emitter) counter(d *prometheus.Desc, v float64, labels ...string) {
	m.add(d, prometheus.CounterValue, v, labels)
}

func (m *emitter) gauge(d *prometheus.Desc, v float64, labels ...string) {
	m.add(d, prometheus.GaugeValue, v, labels)
}

func (m *emitter) flush() {
	for _, p := range m.pending {
		m.ch <- prometheus.MustNewConstMetric(p.d, p.typ, p.v, p.labels...)
	}
}

// collectUp: postfix_up per source path, as the exporter means it.
func (c *Collector) collectUp(m *emitter) {
	for _, name := range []string{"log", "queue"} {
		if p, ok := c.s.Paths[name]; ok {
			v := 0.0
			// No state yet is no reading yet, though a zero Health is OK.
			if st, ok := c.s.States[name]; ok && st.Health == sources.HealthOK {
				v = 1
			}
			m.gauge(dUp, v, label(p))
		}
	}
}

// collectExporter: the names shared with postfix_exporter, counted its way.
func collectExporter(m *emitter, e *analyzers.Engine) {
	if x := e.Export; x != nil {
		// The exporter's three usual statuses are always there, so rate()
		// works from the first scrape.
		for _, st := range []string{"sent", "deferred", "bounced"} {
			if _, ok := x.SMTPStatus[st]; !ok {
				m.counter(dSMTPProcessed, 0, st)
			}
		}
		for st, n := range x.SMTPStatus {
			m.counter(dSMTPProcessed, float64(n), label(st))
		}
		for dsn, n := range x.DeferredByDSN {
			m.counter(dSMTPDeferDSN, float64(n), label(dsn))
		}
		m.counter(dSmtpdConnect, float64(x.SmtpdConnects))
		m.counter(dSmtpdDisconn, float64(x.SmtpdDisconnects))
		m.counter(dQmgrExpired, float64(x.QmgrExpired))
		for reason, n := range x.PostscreenRejects {
			m.counter(dPostscreenRej, float64(n), label(reason))
		}
	}
}

// collectMxtop: mxtop's broader view of the same traffic.
func collectMxtop(m *emitter, e *analyzers.Engine) {
	for k, n := range e.Deliveries {
		m.counter(dDeliveries, float64(n), label(k.Tag), k.Status.String())
	}
	for dsn, n := range e.DeferredByDSN {
		m.counter(dMxDeferDSN, float64(n), label(dsn))
	}
	for tag, n := range e.Smtpd {
		m.counter(dMxConnect, float64(n[0]), label(tag))
		m.counter(dMxDisconn, float64(n[1]), label(tag))
	}
	for reason, n := range e.PostscreenRejects {
		m.counter(dMxPostscreen, float64(n), reason)
	}
}

// collectQueue: queue depth and the age histogram.
func collectQueue(m *emitter, e *analyzers.Engine) {
	if q := e.Queue; q != nil {
		for _, name := range sources.QueueNames {
			qc := q.Queues[name]
			m.gauge(dQueueDepth, float64(qc.Messages), name)
			buckets := make(map[float64]uint64, len(sources.ShowqAgeBuckets))
			var cum uint64
			for i, ub := range sources.ShowqAgeBuckets {
				cum += qc.Ages[i]
				buckets[ub] = cum
			}
			m.ch <- prometheus.MustNewConstHistogram(dQueueAge, cum+qc.Ages[len(sources.ShowqAgeBuckets)], qc.AgeSum, buckets, name)
			age := 0.0
			if !qc.Oldest.IsZero() {
				age = q.Time.Sub(qc.Oldest).Seconds()
			}
			m.gauge(dMxOldest, age, name)
		}
	}
}

// collectConfig: version, configured limits, processes and inbound limits.
func collectConfig(m *emitter, e *analyzers.Engine) {
	if v := e.CurrentVersion(); v != "" {
		m.gauge(dVersion, 1, label(v))
	}
	if cfg := e.Config; cfg != nil {
		for _, p := range limitParameters {
			if n, ok := cfg.Int(p); ok {
				m.gauge(dConfigLimit, float64(n), p, "")
			}
		}
		for _, s := range cfg.Services {
			m.gauge(dConfigLimit, float64(s.MaxProc), "maxproc", label(s.Key()))
		}
	}
	if mr := e.Machine; mr != nil && mr.MasterPID != 0 {
		for svc, n := range mr.Services {
			m.gauge(dServiceProcs, float64(n), label(svc))
		}
	}
	for _, s := range e.Inbound.Sorted() {
		if s.ProcessLimit > 0 {
			m.counter(dProcessLimit, float64(s.ProcessLimit), label(s.Service))
		}
		for kind, n := range map[string]int{"concurrency": s.ConnLimit, "rate": s.RateLimit, "postscreen": s.Postscreen, "ports_busy": s.PortsBusy} {
			if n > 0 {
				m.counter(dClientLimit, float64(n), label(s.Service), kind)
			}
		}
	}
}

// collectErrors: error classes, overall and per destination.
func collectErrors(m *emitter, e *analyzers.Engine) {
	for cl := sources.Class(1); cl < sources.NumClasses; cl++ {
		if cl != sources.ClassVersionStart {
			m.counter(dSMTPErrors, float64(e.Classes[cl]), cl.String())
		}
	}
	for dom, counts := range e.DestErrors {
		for cl, n := range counts {
			if n > 0 {
				m.counter(dDestErrors, float64(n), label(dom), sources.Class(cl).String())
			}
		}
	}
	for cl, n := range e.OtherDestErrs {
		if n > 0 {
			m.counter(dDestErrors, float64(n), "other", sources.Class(cl).String())
		}
	}
}

// collectHints: one series per hint id and severity, 1 for the active one.
func (c *Collector) collectHints(m *emitter) {
	active := map[string]analyzers.Severity{}
	for _, h := range c.s.Hints {
		if cur, ok := active[h.ID]; !ok || h.Severity > cur {
			active[h.ID] = h.Severity
		}
	}
	for _, id := range analyzers.HintIDs {
		for _, sev := range []analyzers.Severity{analyzers.SevInfo, analyzers.SevWarning, analyzers.SevCritical} {
			v := 0.0
			if s, ok := active[id]; ok && s == sev {
				v = 1
			}
			m.gauge(dHintActive, v, id, sev.String())
		}
	}
}

// collectSources: pipeline counters and each source's health.
func (c *Collector) collectSources(m *emitter, e *analyzers.Engine) {
	m.counter(dDropped, float64(e.DroppedRecords))
	m.counter(dLogLines, float64(e.Lines))
	m.counter(dLinesFailed, float64(e.Failures.Lines))
	m.counter(dHintsFailed, float64(e.Failures.Hints))
	names := make([]string, 0, len(c.s.States))
	for n := range c.s.States {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := 0.0
		if c.s.States[n].Health == sources.HealthOK {
			v = 1
		}
		m.gauge(dSourceUp, v, label(n))
	}
}

// MetricsHandler serves /metrics and /report.json for s. Unless
// reportAddresses, the local parts of mail addresses in /report.json are
// redacted: the report carries recipients and log lines.
func MetricsHandler(s *Shared, reportAddresses bool) http.Handler {
	return metricsHandler(s, reportAddresses, defaultServeLimits.reports)
}

// serveLimits bound what clients can hold of the server: a slow or idle
// connection a goroutine and its buffers, a /report.json request a whole
// report in memory.
type serveLimits struct {
	readHeader, read, write, idle time.Duration
	reports                       int // /report.json responses built at once
}

// defaultServeLimits are seconds, not less: a scrape on a loaded host,
// or a large report to a client far away, still gets its answer. Idle
// kept-alive connections last two minutes, longer than the usual scrape
// intervals, so Prometheus reuses its connection.
var defaultServeLimits = serveLimits{readHeader: 5 * time.Second, read: 10 * time.Second, write: time.Minute,
	idle: 2 * time.Minute, reports: 2}

func metricsHandler(s *Shared, reportAddresses bool, reports int) http.Handler {
	building := make(chan struct{}, reports)
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(s), collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{EnableOpenMetrics: true}))
	mux.HandleFunc("/report.json", func(w http.ResponseWriter, r *http.Request) {
		// Each build holds a report and its redacted copy in memory: a
		// client asking again and again is told to wait, not queued.
		select {
		case building <- struct{}{}:
			defer func() { <-building }()
		default:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy: other reports are being built", http.StatusServiceUnavailable)
			return
		}
		s.Lock()
		if s.Eng == nil {
			s.Unlock()
			http.Error(w, "not started yet", http.StatusServiceUnavailable)
			return
		}
		hints := slices.Clone(s.Hints)
		rep := s.Eng.Report(analyzers.ReportOptions{States: orderedStates(s.States), Hints: &hints})
		s.Unlock()
		var out any = rep
		if !reportAddresses {
			var err error
			if out, err = redactJSON(rep); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(sources.NewJSONEscaper(w))
		enc.SetIndent("", "  ")
		enc.Encode(out)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "mxtop: /metrics (Prometheus), /report.json")
	})
	return mux
}

// redactJSON returns v as generic JSON with the local part of every mail
// address in its strings redacted.
func redactJSON(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var g any
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, err
	}
	var walk func(any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case string:
			return RedactAddresses(x)
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case map[string]any:
			for k, e := range x {
				x[k] = walk(e)
			}
		}
		return x
	}
	return walk(g), nil
}

// isLocalPartByte reports whether b may be part of an address's local part
// as Postfix logs it (to=<local@domain>, sasl_username=local@domain). '='
// is one: SRS and VERP addresses carry another address before their last
// '=' (SRS0=HHH=TT=orig.example=john@fwd.example).
func isLocalPartByte(b byte) bool {
	switch {
	case b >= 0x80:
		return true
	case b <= ' ', b == '<', b == '>', b == '(', b == ')', b == '[', b == ']', b == ',', b == ';', b == ':',
		b == '"', b == '\'', b == '\\', b == '@':
		return false
	}
	return true
}

// addressFields are the names of the log's fields whose value is an
// address written without angle brackets, or with them: Postfix's own
// (sasl_username=, sasl_sender=) and those of policy and verify lines.
var addressFields = []string{"sasl_username", "sasl_sender", "sender", "recipient", "orig_to", "to", "from", "user"}

// addressFieldName is the length of a field's name and its '=' that span
// (the text before an '@', back to a byte no local part has) starts with,
// or 0: the name is not part of the address.
func addressFieldName(span string) int {
	for _, f := range addressFields {
		if len(span) > len(f) && span[len(f)] == '=' && strings.HasPrefix(span, f) {
			return len(f) + 1
		}
	}
	return 0
}

// RedactAddresses replaces the local part of each address in s (the text
// before an @ that a domain or an address literal follows) with "*".
func RedactAddresses(s string) string {
	if strings.IndexByte(s, '@') < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		// A domain, or an address literal: user@[192.0.2.10] (RFC 5321 4.1.3).
		if s[i] != '@' || i+1 >= len(s) || !isLocalPartByte(s[i+1]) && s[i+1] != '[' {
			continue
		}
		j := i
		if j > last+1 && s[j-1] == '"' {
			// A quoted local part: "john smith"@example.org.
			if q := strings.LastIndexByte(s[last:j-1], '"'); q >= 0 {
				j = last + q
			}
		} else {
			for j > last && isLocalPartByte(s[j-1]) {
				j--
			}
			j += addressFieldName(s[j:i])
		}
		if j == i {
			continue
		}
		b.WriteString(s[last:j])
		b.WriteByte('*')
		last = i
	}
	b.WriteString(s[last:])
	return b.String()
}

// CheckListen refuses a listen address that cannot be listened on (a port
// outside 1 to 65535, a host that is neither an IP address nor a
// well-formed name), so that nothing, a warning about it least of all, is
// said of it first; and one that is not loopback unless it was asked for
// explicitly. A name is never looked up: that would wait on DNS.
func CheckListen(addr string, explicit bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] < '0' || port[0] > '9' {
		return fmt.Errorf("listen address %q: the port must be a number from 1 to 65535", addr)
	}
	if _, err := netip.ParseAddr(host); host != "" && err != nil && !hostName(host) {
		return fmt.Errorf("listen address %q: the host must be an IP address or a host name", addr)
	}
	ip := net.ParseIP(host)
	loop := host == "localhost" || ip != nil && ip.IsLoopback()
	if !loop && !explicit {
		return fmt.Errorf("listen address %q is not loopback: give it explicitly with --listen", addr)
	}
	return nil
}

// hostName reports whether s is a well-formed host name: dot-separated
// labels of letters, digits and inner hyphens, 63 bytes at most each, 253
// in all, the last not all digits (that would be a bad IPv4 address).
func hostName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return strings.Trim(last, "0123456789") != ""
}

// ServeOptions say where and how to serve /metrics and /report.json.
type ServeOptions struct {
	Addr string
	// WebConfigFile is a Prometheus web configuration file (TLS, basic
	// auth), as exporters read it; empty for plain HTTP.
	WebConfigFile string
	// ReportAddresses shows whole mail addresses in /report.json.
	ReportAddresses bool
	// Logger hears the web server; nil discards.
	Logger *slog.Logger
	// Note, when set, hears RunServe's sources change health, a line a
	// change: serve's stderr, the journal of its unit.
	Note func(string)
	// Listener, when set, is Addr bound already (by Listen), so that a
	// failure is told before anything starts or the screen takes the
	// terminal, and the address is announced only once it is bound.
	Listener net.Listener
	// limits replaces defaultServeLimits (tests).
	limits *serveLimits
}

// Listen binds addr for Serve, with an error that says what to do.
func Listen(addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, listenError(addr, err)
	}
	return l, nil
}

// ListenError is an address that cannot be bound; its text names the
// address and says what to do.
type ListenError struct{ error }

func (e ListenError) Unwrap() error { return e.error }

// listenError says why the address cannot be bound, and what to do.
func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		_, port, _ := net.SplitHostPort(addr)
		err = fmt.Errorf("cannot listen on %s: another program has that port (ss -ltnp 'sport = :%s' shows which): give another port (e.g. 127.0.0.1:9156)", addr, port)
	case errors.Is(err, syscall.EACCES):
		err = fmt.Errorf("cannot listen on %s: ports below 1024 need root: give a port from 1024 up (e.g. 127.0.0.1:9155)", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		err = fmt.Errorf("cannot listen on %s: no interface of this host has that address", addr)
	default:
		err = fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	return ListenError{err}
}

// CheckWebConfig validates the web configuration file, so that a mistake
// is told at start.
func CheckWebConfig(path string) error {
	if path == "" {
		return nil
	}
	if err := web.Validate(path); err != nil {
		return fmt.Errorf("web configuration %s: %w", path, err)
	}
	return nil
}

// ExposedListen reports whether a listen address accepts connections from
// other hosts: anything but a loopback address or localhost (an empty
// host, 0.0.0.0, ::, a routable address, a name that may resolve to one).
func ExposedListen(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// ExposureWarning is what serving on an exposed address without a
// password means; addresses says /report.json keeps whole mail addresses.
func ExposureWarning(addr string, addresses bool) string {
	what := "recipient domains, hint samples and log lines (mail addresses with their local part redacted)"
	if addresses {
		what = "recipient addresses, hint samples and log lines"
	}
	return fmt.Sprintf("warning: %s is reachable from other hosts and no password is asked: anyone who can connect reads "+
		"/metrics and /report.json, which holds %s, without authentication. Listen on 127.0.0.1, firewall the port, "+
		"or have mxtop serve --web.config.file ask for basic auth.", addr, what)
}

// AsksPassword reports whether a web configuration file sets basic auth
// users (it was validated at start; unreadable means no).
func AsksPassword(webConfig string) bool {
	if webConfig == "" {
		return false
	}
	_, auth := WebConfigSecures(webConfig)
	return auth
}

// serverErrorLog takes the HTTP server's own errors: a failed TLS
// handshake (a web configuration broken since the start, which fails
// every scrape), a client gone. One a minute is a warning, the others of
// that minute debug: a scanner's handshakes would flood the log.
type serverErrorLog struct {
	logger *slog.Logger
	every  time.Duration
	mu     sync.Mutex
	last   time.Time
	held   int
}

func (s *serverErrorLog) Write(p []byte) (int, error) {
	msg := strings.TrimSpace(string(p))
	s.mu.Lock()
	now := time.Now()
	warn := s.last.IsZero() || now.Sub(s.last) >= s.every
	held := s.held
	if warn {
		s.last, s.held = now, 0
	} else {
		s.held++
	}
	s.mu.Unlock()
	if warn {
		s.logger.Warn("serving", "error", msg, "more_since_the_last", held)
	} else {
		s.logger.Debug("serving", "error", msg)
	}
	return len(p), nil
}

// WebConfigSecures says what the web configuration file turns on: TLS
// (any of its TLS settings, as exporter-toolkit reads them) and basic
// auth (any user).
func WebConfigSecures(webConfig string) (tls, auth bool) {
	data, err := os.ReadFile(webConfig)
	if err != nil {
		return false, false
	}
	var c web.Config
	if yaml.Unmarshal(data, &c) != nil {
		return false, false
	}
	return c.TLSConfig.IsEnabled(), len(c.Users) > 0
}

// Serve runs the HTTP server until stop closes; it returns the server's error.
func Serve(o ServeOptions, s *Shared, stop <-chan struct{}) error {
	if err := CheckWebConfig(o.WebConfigFile); err != nil {
		return err
	}
	l := o.Listener
	if l == nil {
		var err error
		if l, err = Listen(o.Addr); err != nil {
			return err
		}
	}
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	lim := defaultServeLimits
	if o.limits != nil {
		lim = *o.limits
	}
	srv := &http.Server{Handler: metricsHandler(s, o.ReportAddresses, lim.reports),
		ReadHeaderTimeout: lim.readHeader, ReadTimeout: lim.read, WriteTimeout: lim.write, IdleTimeout: lim.idle,
		ErrorLog: log.New(&serverErrorLog{logger: logger, every: time.Minute}, "", 0)}
	noSystemd := false
	flags := &web.FlagConfig{WebListenAddresses: &[]string{o.Addr}, WebSystemdSocket: &noSystemd, WebConfigFile: &o.WebConfigFile}
	errc := make(chan error, 1)
	go func() { errc <- web.Serve(l, srv, flags, logger) }()
	select {
	case err := <-errc:
		l.Close()
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-stop:
		// Scrapes begun are answered; idle and slow connections end.
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
		l.Close()
		return nil
	}
}

// shutdownGrace is how long stopping the server waits for the scrapes
// it has begun.
const shutdownGrace = 3 * time.Second
