package analyzers

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"mxtop/internal/golden"
	"mxtop/sources"
)

// The report's JSON is an interface (README): any renamed or dropped
// field shows in this golden.
func TestReportJSONGolden(t *testing.T) {
	e := labEngine(t)
	e.SetMachine(sources.MachineReading{Time: t0.Add(74 * time.Minute), CPUs: 2, Load1: 0.5, Load5: 0.4, Load15: 0.3, CPUPercent: 12,
		MemTotal: 24 << 30, MemAvail: 20 << 30, QueueDir: "/var/spool/postfix", DiskTotal: 100 << 30, DiskFree: 60 << 30,
		MasterPID: 6229, MasterFDs: 40, MasterFDLimit: 4096, PostfixProcs: 12, PostfixFDs: 300, PostfixFDLimit: 4096,
		Services: map[string]int{"smtp/inet": 5, "smtpd/pass": 5, "smtp/unix": 3}})
	rep := e.Report(ReportOptions{Whole: true, GeneratedAt: t0, LogLines: 20, States: []sources.SourceState{
		{Source: "log", Health: sources.HealthOK, Detail: "replaying postfix-lab.log"},
		{Source: "queue", Health: sources.HealthDegraded, Detail: "postqueue -j from a file"},
	}})
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/lab-report.json", string(js)+"\n")
	// The golden pins the fields the README documents for a destination.
	var back struct {
		Destinations []map[string]json.RawMessage `json:"destinations"`
	}
	if err := json.Unmarshal(js, &back); err != nil || len(back.Destinations) == 0 {
		t.Fatalf("%v: %d destinations", err, len(back.Destinations))
	}
	for _, k := range []string{"domain", "sent", "deferred", "bounced", "expired", "suspended", "classes", "errors_per_min", "delay_p50", "delay_p95", "last_error", "concurrency_peak_estimate"} {
		if _, ok := back.Destinations[0][k]; !ok {
			t.Errorf("destination lacks %q", k)
		}
	}
}

func tlsFailures(domains map[string]int) *Engine {
	var lines []string
	sec := 0
	for dom, n := range domains {
		for i := 0; i < n; i++ {
			lines = append(lines, deliv(sec, dom, "deferred", "Cannot start TLS: handshake failure"))
			sec++
		}
	}
	return feed(lines...)
}

// Up to four failing destinations get a TLS hint each; beyond four, the
// three with most failures keep theirs and the rest share one.
func TestTLSHintGrouping(t *testing.T) {
	five := map[string]int{"a.example": 10, "b.example": 8, "c.example": 6, "d.example": 4, "e.example": 2}
	four := map[string]int{"a.example": 10, "b.example": 8, "c.example": 6, "d.example": 4}
	six := map[string]int{"a.example": 12, "b.example": 10, "c.example": 8, "d.example": 6, "e.example": 4, "f.example": 2}
	for _, c := range []struct {
		name     string
		fails    map[string]int
		subjects []string
		group    string // evidence of the shared hint, "" for none
	}{
		{"four", four, []string{"a.example", "b.example", "c.example", "d.example"}, ""},
		{"five", five, []string{"a.example", "b.example", "c.example", "2 more destinations"}, "6 TLS failures; destinations: d.example, e.example"},
		{"six", six, []string{"a.example", "b.example", "c.example", "3 more destinations"}, "12 TLS failures; destinations: d.example, e.example, f.example"},
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := hintIDs(tlsFailures(c.fails).Hints(true))["tls"]
			var subjects []string
			group := ""
			for _, h := range hs {
				subjects = append(subjects, h.Subject)
				if strings.HasSuffix(h.Subject, "more destinations") {
					group = strings.Join(h.Evidence, "\n")
					if !strings.Contains(h.Title, h.Subject) {
						t.Errorf("group title %q", h.Title)
					}
				}
			}
			sort.Strings(subjects)
			sort.Strings(c.subjects)
			if strings.Join(subjects, ",") != strings.Join(c.subjects, ",") {
				t.Errorf("tls hints for %v, want %v", subjects, c.subjects)
			}
			if group != c.group {
				t.Errorf("group evidence %q, want %q", group, c.group)
			}
		})
	}
}

func ulimitHints(m sources.MachineReading) []Hint {
	e := feed(deliv(1, "a.example", "sent", "250 ok"))
	e.SetMachine(m)
	return hintIDs(e.Hints(true))["ulimit"]
}

// The ulimit rule compares a process's descriptors with the process
// limit; machine-wide counts, large as they are, only matter against
// fs.file-max.
func TestUlimitUsesTheProcessDescriptors(t *testing.T) {
	base := sources.MachineReading{CPUs: 2, MasterPID: 1, MasterFDLimit: 1024, PostfixFDLimit: 1024, PostfixProcs: 40}

	near := base
	near.MasterFDs, near.PostfixFDs, near.FileNrAllocated, near.FileNrMax = 900, 1200, 3000, 1_000_000
	hs := ulimitHints(near)
	if len(hs) != 1 || hs[0].Severity != SevWarning || !strings.Contains(strings.Join(hs[0].Evidence, "\n"), "master holds 900 descriptors of its limit 1024") {
		t.Fatalf("master at 900 of 1024: %+v", hs)
	}

	// Forty processes hold many descriptors between them, the system many
	// more, but each is far from its own limit.
	busy := base
	busy.MasterFDs, busy.PostfixFDs, busy.FileNrAllocated, busy.FileNrMax = 40, 9000, 50_000, 1_000_000
	if hs := ulimitHints(busy); len(hs) != 0 {
		t.Fatalf("fired on machine-wide counts: %+v", hs)
	}

	system := busy
	system.FileNrAllocated = 900_000
	hs = ulimitHints(system)
	if len(hs) != 1 || !strings.Contains(strings.Join(hs[0].Evidence, "\n"), "system: 900000 of 1000000 file handles") ||
		strings.Contains(strings.Join(hs[0].Evidence, "\n"), "master holds") {
		t.Fatalf("fs.file-max nearly reached: %+v", hs)
	}
}

func loadHints(readings ...sources.MachineReading) []Hint {
	e := feed()
	for _, m := range readings {
		e.SetMachine(m)
	}
	return hintIDs(e.Hints(true))["system_load"]
}

// system_load follows the load average per CPU (averaged over the last
// readings) and, apart from it, exhausted memory.
func TestSystemLoadFollowsLoad(t *testing.T) {
	m := func(load float64, availPct uint64) sources.MachineReading {
		return sources.MachineReading{CPUs: 2, Load1: load, MemTotal: 100, MemAvail: availPct}
	}
	ev := func(hs []Hint) string {
		if len(hs) == 0 {
			return ""
		}
		return strings.Join(hs[0].Evidence, "\n")
	}
	hs := loadHints(m(3, 50))
	if len(hs) != 1 || hs[0].Severity != SevWarning || ev(hs) != "load average 3.0 on 2 CPUs" || hs[0].Impact != 3 {
		t.Errorf("load 3 on 2 CPUs, half the memory free: %+v", hs)
	}
	if hs := loadHints(m(5, 50)); len(hs) != 1 || hs[0].Severity != SevCritical {
		t.Errorf("load 5 on 2 CPUs: %+v", hs)
	}
	for _, quiet := range []sources.MachineReading{m(0.5, 50), m(1.9, 12), m(0.1, 90)} {
		if hs := loadHints(quiet); len(hs) != 0 {
			t.Errorf("load %.1f with %d%% memory free fired: %+v", quiet.Load1, quiet.MemAvail, hs)
		}
	}
	// Memory alone: its own evidence, not a load claim.
	hs = loadHints(m(0.2, 5))
	if len(hs) != 1 || strings.Contains(ev(hs), "load") || !strings.Contains(ev(hs), "available memory 5%") {
		t.Errorf("low load, 5%% memory free: %+v", hs)
	}
	// One spike among quiet readings is not a condition; a sustained load is.
	if hs := loadHints(m(0.2, 50), m(0.2, 50), m(0.2, 50), m(0.2, 50), m(9, 50)); len(hs) != 0 {
		t.Errorf("one spike fired: %+v", hs)
	}
	if hs := loadHints(m(0.2, 50), m(3, 50), m(3, 50), m(3, 50), m(3, 50), m(3, 50)); len(hs) != 1 || ev(hs) != "load average 3.0 on 2 CPUs" {
		t.Errorf("sustained load: %+v", hs)
	}
}

func backlogHints(deferred ...int) []Hint {
	e := feed()
	for i, n := range deferred {
		e.SetQueue(&sources.QueueSnapshot{Time: t0.Add(time.Duration(i) * time.Minute), Queues: map[string]sources.QueueCount{"deferred": {Messages: n}}})
	}
	return hintIDs(e.Hints(true))["queue_backlog"]
}

// A deferred queue growing fast fires queue_backlog well below the
// 1000-message level; a small or past growth does not.
func TestQueueBacklogFromGrowth(t *testing.T) {
	hs := backlogHints(100, 160, 220, 280, 340, 400)
	if len(hs) != 1 || hs[0].Severity != SevWarning || hs[0].Impact != 60 ||
		!strings.Contains(strings.Join(hs[0].Evidence, "\n"), "deferred queue grows by 60 messages/min") {
		t.Fatalf("growing 60/min: %+v", hs)
	}
	if hs := backlogHints(100, 105, 110, 115, 120, 125); len(hs) != 0 {
		t.Errorf("growing 5/min fired: %+v", hs)
	}
	if hs := backlogHints(0, 500, 500, 500, 500, 500, 500, 500); len(hs) != 0 {
		t.Errorf("growth older than five minutes fired: %+v", hs)
	}
	if hs := backlogHints(900, 700, 500, 300, 100); len(hs) != 0 {
		t.Errorf("a shrinking queue fired: %+v", hs)
	}
}

// An outbound transport running all its processes fires process_limit
// for that transport, and clears once it is below 90%.
func TestOutboundProcessLimit(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("default_process_limit = 100\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 10 smtpd\nsmtp unix - - y - 4 smtp\nslow unix - - n - 2 smtp\n"), 100)
	e := feed(deliv(1, "a.example", "sent", "250 ok"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	reading := func(smtp, slow, smtpd int) sources.MachineReading {
		return sources.MachineReading{CPUs: 2, MasterPID: 1, MasterFDs: 10, Services: map[string]int{"smtp/unix": smtp, "slow/unix": slow, "smtp/inet": smtpd}}
	}
	subjects := func() map[string]Hint {
		out := map[string]Hint{}
		for _, h := range hintIDs(e.Hints(true))["process_limit"] {
			out[h.Subject] = h
		}
		return out
	}
	e.SetMachine(reading(4, 1, 10))
	hs := subjects()
	h, ok := hs["smtp/unix"]
	if len(hs) != 1 || !ok || h.Side != "outbound" || h.Severity != SevWarning || !strings.Contains(strings.Join(h.Actions, "\n"), "postconf -F 'smtp/unix/process_limit = 8'") {
		t.Fatalf("smtp/unix at 4 of 4: %+v", hs)
	}
	e.SetMachine(reading(3, 2, 0))
	hs = subjects()
	if _, ok := hs["slow/unix"]; len(hs) != 1 || !ok {
		t.Fatalf("smtp at 3 of 4, slow at 2 of 2: %+v", hs)
	}
	e.SetMachine(reading(3, 1, 0))
	if hs := subjects(); len(hs) != 0 {
		t.Fatalf("below the limits: %+v", hs)
	}
}

// A transport's own *_destination_concurrency_limit, not the default,
// is the limit the hint and the report state and stay below.
func TestPerTransportConcurrencyLimit(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("default_destination_concurrency_limit = 20\nsmtp_destination_concurrency_limit = $default_destination_concurrency_limit\nslow_destination_concurrency_limit = 4\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp unix - - y - - smtp\nslow unix - - n - - smtp\n"), 100)
	var lines []string
	for i := 0; i < 3; i++ {
		lines = append(lines, deliv(2*i, "fast.example", "deferred", tooMany),
			strings.Replace(deliv(2*i+1, "slowed.example", "deferred", tooMany), "postfix/smtp[", "postfix/slow/smtp[", 1))
	}
	e := feed(lines...)
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	want := map[string]int{"fast.example": 20, "slowed.example": 4}
	for _, h := range hintIDs(e.Hints(true))["destination_concurrency"] {
		limit, ok := want[h.Subject]
		if !ok {
			t.Fatalf("unexpected hint %s", h.Subject)
		}
		tr := map[string]string{"fast.example": "smtp", "slowed.example": "slow"}[h.Subject]
		if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, fmt.Sprintf("effective limit: %s_destination_concurrency_limit = %d", tr, limit)) {
			t.Errorf("%s evidence:\n%s", h.Subject, ev)
		}
		if !strings.Contains(h.Title, fmt.Sprintf("limit of %d", limit)) && !strings.Contains(h.Title, fmt.Sprintf(", limit %d)", limit)) {
			t.Errorf("%s title %q", h.Subject, h.Title)
		}
		var suggest int
		for _, a := range h.Actions {
			if _, err := fmt.Sscanf(a, "postconf -e 'slow_destination_concurrency_limit = %d'", &suggest); err == nil {
				break
			}
		}
		if suggest < 1 || suggest >= limit {
			t.Errorf("%s: suggested %d, want below %d", h.Subject, suggest, limit)
		}
		delete(want, h.Subject)
	}
	if len(want) != 0 {
		t.Errorf("no hint for %v", want)
	}
	for _, d := range e.Report(ReportOptions{Whole: true, GeneratedAt: t0}).Destinations {
		if l := map[string]int{"fast.example": 20, "slowed.example": 4}[d.Domain]; d.Limit != l {
			t.Errorf("report: %s (transport %s) concurrency_limit %d, want %d", d.Domain, d.Transport, d.Limit, l)
		}
	}
}
