package model

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"mxtop/analyzers"
	"mxtop/sources"
)

// Shared guards an engine that a source loop writes and an HTTP scrape
// reads.
type Shared struct {
	sync.Mutex
	Eng    *analyzers.Engine
	States map[string]sources.SourceState
	// Clock moves the engine's now forward at scrape time, so rates decay
	// when the log is quiet; nil means time.Now.
	Clock func() time.Time
}

// Collector exports the engine as Prometheus metrics at scrape time. Names
// follow postfix_exporter where they overlap (namespace postfix_, daemon as
// subsystem, _total counters) and add what only mxtop knows.
type Collector struct {
	s *Shared
}

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(name, help, labels, nil)
}

var (
	dSMTPProcessed  = desc("postfix_smtp_messages_processed_total", "Delivery records of smtp, lmtp and the retry service, by status.", "status")
	dSMTPDeferDSN   = desc("postfix_smtp_deferred_messages_by_dsn_total", "Deferred deliveries by enhanced status code.", "dsn")
	dSmtpdConnect   = desc("postfix_smtpd_connects_total", "smtpd connections.")
	dSmtpdDisconn   = desc("postfix_smtpd_disconnects_total", "smtpd disconnections.")
	dQueueDepth     = desc("postfix_showq_queue_depth", "Messages in each queue (postqueue -j).", "queue")
	dQueueAge       = desc("postfix_showq_message_age_seconds", "Age of the oldest message in each queue.", "queue")
	dPostscreenRej  = desc("postfix_postscreen_connects_rejected_total", "postscreen CONNECT rejections by reason.", "reason")
	dVersion        = desc("postfix_version_info", "The running Postfix version.", "version")
	dConfigLimit    = desc("postfix_config_limit", "Limits from the configuration: main.cf parameters (service empty) and master.cf maxproc.", "parameter", "service")
	dServiceProcs   = desc("postfix_service_processes", "Running Postfix processes per master.cf service (zombies excluded).", "service")
	dProcessLimit   = desc("postfix_master_process_limit_reached_total", "Times the master logged that a service reached its process limit.", "service")
	dClientLimit    = desc("postfix_smtpd_client_limit_exceeded_total", "Clients refused by our smtpd or postscreen, by service and kind (concurrency, rate, postscreen, ports_busy).", "service", "kind")
	dSMTPErrors     = desc("postfix_smtp_errors_total", "Error lines by troubleshooting class.", "class")
	dDestErrors     = desc("postfix_destination_errors_total", "Failed deliveries by destination and class; the first N destinations to fail, the rest as other.", "destination", "class")
	dHintActive     = desc("mxtop_hint_active", "1 when a hint of this id and severity is active.", "id", "severity")
	dDropped        = desc("mxtop_log_records_dropped_total", "Log records dropped because analysis fell behind.")
	dSourceUp       = desc("mxtop_source_up", "1 when a source (log, queue, config, machine) is ok.", "source")
	limitParameters = []string{"default_process_limit", "default_destination_concurrency_limit", "smtp_destination_concurrency_limit",
		"initial_destination_concurrency", "smtpd_client_connection_count_limit", "smtpd_client_connection_rate_limit",
		"postscreen_client_connection_count_limit", "qmgr_message_active_limit"}
)

// NewCollector exports s.
func NewCollector(s *Shared) *Collector { return &Collector{s: s} }

// Describe sends the descriptors.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dSMTPProcessed, dSMTPDeferDSN, dSmtpdConnect, dSmtpdDisconn, dQueueDepth, dQueueAge,
		dPostscreenRej, dVersion, dConfigLimit, dServiceProcs, dProcessLimit, dClientLimit, dSMTPErrors, dDestErrors,
		dHintActive, dDropped, dSourceUp} {
		ch <- d
	}
}

// Collect reads the engine under its lock.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.s.Lock()
	defer c.s.Unlock()
	e := c.s.Eng
	now := time.Now()
	if c.s.Clock != nil {
		now = c.s.Clock()
	}
	if now.After(e.Now) {
		e.Now = now
	}
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	for _, st := range []sources.Status{sources.StatusSent, sources.StatusDeferred, sources.StatusBounced, sources.StatusExpired} {
		counter(dSMTPProcessed, float64(e.SMTPStatus[st]), st.String())
	}
	for dsn, n := range e.DeferredByDSN {
		counter(dSMTPDeferDSN, float64(n), dsn)
	}
	counter(dSmtpdConnect, float64(e.SmtpdConnects))
	counter(dSmtpdDisconn, float64(e.SmtpdDisconnects))
	if q := e.Queue; q != nil {
		for _, name := range sources.QueueNames {
			qc := q.Queues[name]
			gauge(dQueueDepth, float64(qc.Messages), name)
			age := 0.0
			if !qc.Oldest.IsZero() {
				age = q.Time.Sub(qc.Oldest).Seconds()
			}
			gauge(dQueueAge, age, name)
		}
	}
	for reason, n := range e.PostscreenRejects {
		counter(dPostscreenRej, float64(n), reason)
	}
	if v := e.CurrentVersion(); v != "" {
		gauge(dVersion, 1, v)
	}
	if cfg := e.Config; cfg != nil {
		for _, p := range limitParameters {
			if n, ok := cfg.Int(p); ok {
				gauge(dConfigLimit, float64(n), p, "")
			}
		}
		for _, s := range cfg.Services {
			gauge(dConfigLimit, float64(s.MaxProc), "maxproc", s.Key())
		}
	}
	if m := e.Machine; m != nil && m.MasterPID != 0 {
		for svc, n := range m.Services {
			gauge(dServiceProcs, float64(n), svc)
		}
	}
	for _, s := range e.Inbound.Sorted() {
		if s.ProcessLimit > 0 {
			counter(dProcessLimit, float64(s.ProcessLimit), s.Service)
		}
		for kind, n := range map[string]int{"concurrency": s.ConnLimit, "rate": s.RateLimit, "postscreen": s.Postscreen, "ports_busy": s.PortsBusy} {
			if n > 0 {
				counter(dClientLimit, float64(n), s.Service, kind)
			}
		}
	}
	for cl := sources.Class(1); cl < sources.NumClasses; cl++ {
		if cl != sources.ClassVersionStart {
			counter(dSMTPErrors, float64(e.Classes[cl]), cl.String())
		}
	}
	for dom, counts := range e.DestErrors {
		for cl, n := range counts {
			if n > 0 {
				counter(dDestErrors, float64(n), dom, sources.Class(cl).String())
			}
		}
	}
	for cl, n := range e.OtherDestErrs {
		if n > 0 {
			counter(dDestErrors, float64(n), "other", sources.Class(cl).String())
		}
	}
	active := map[string]analyzers.Severity{}
	for _, h := range e.Hints(false) {
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
			gauge(dHintActive, v, id, sev.String())
		}
	}
	counter(dDropped, float64(e.DroppedRecords))
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
		gauge(dSourceUp, v, n)
	}
}

// MetricsHandler serves /metrics and /report.json for s.
func MetricsHandler(s *Shared) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(s))
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{EnableOpenMetrics: true}))
	mux.HandleFunc("/report.json", func(w http.ResponseWriter, r *http.Request) {
		s.Lock()
		rep := s.Eng.Report(analyzers.ReportOptions{States: orderedStates(s.States)})
		s.Unlock()
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
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

// CheckListen refuses a listen address that is not loopback unless it was
// asked for explicitly.
func CheckListen(addr string, explicit bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if _, err := strconv.Atoi(port); err != nil {
		return fmt.Errorf("listen address %q: bad port", addr)
	}
	ip := net.ParseIP(host)
	loop := host == "localhost" || ip != nil && ip.IsLoopback()
	if !loop && !explicit {
		return fmt.Errorf("listen address %q is not loopback: give it explicitly with --listen", addr)
	}
	return nil
}

// Serve runs the HTTP server until stop closes; it returns the server's error.
func Serve(addr string, s *Shared, stop <-chan struct{}) error {
	srv := &http.Server{Addr: addr, Handler: MetricsHandler(s), ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-stop:
		srv.Close()
		return nil
	}
}
