package model

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// maxRows bounds the rows the screen gets, however many are tracked.
const maxRows = 200

// rateWindow is the minutes the destinations' error rate (err/m5) covers.
const rateWindow = 5

// BuildData freezes the engine's state into the screen's data. The
// destinations are those the filter matches, the first maxRows of them:
// filtered on the screen's rows alone, a destination past them matched
// nothing. whole judges the hints on the whole log, as the report does
// (see wholeLog).
func BuildData(e *analyzers.Engine, sortKey analyzers.SortKey, filter string, states []sources.SourceState, whole bool) ui.Data {
	now := e.Now
	d := ui.Data{Now: now, SortKey: sortKey, States: states, Version: e.CurrentVersion()}
	// With Postfix in a container, its commands as they run from here.
	hints := e.ForHost(e.SafeHints(whole))
	d.Hints = hints
	snippets := map[string][]analyzers.Action{}
	for _, h := range hints {
		if h.ID == "destination_concurrency" || h.ID == "rate_delay" {
			if _, ok := snippets[h.Subject]; !ok {
				snippets[h.Subject] = h.ActionSteps()
			}
		}
	}
	sockets := e.SocketsByDomain()
	haveSockets := e.Machine != nil && (len(e.Machine.Outbound) > 0 || len(e.Machine.OutboundSynSent) > 0)
	for _, dst := range e.Dest.Top(now, 0, sortKey) {
		if filter != "" && !ui.Matches(filter, dst.Domain, dst.TopClass().String(), dst.LastReply, dst.Transport) {
			continue
		}
		if d.DestsTotal++; d.DestsTotal > maxRows {
			continue
		}
		row := ui.DestRow{
			Domain: dst.Domain, Transport: dst.Transport, Sent: dst.Sent, Deferred: dst.Deferred, Bounced: dst.Bounced,
			Suspended: dst.Suspended, TopClass: dst.TopClass(), Rate: dst.Errors.Rate(now, rateWindow),
			Spark: minuteSoFar(dst.Errors.Series(now, 15), now), LastReply: dst.LastReply, Hops: dst.Hops, Recent: dst.Recent,
			Classes: map[sources.Class]int{}, Snippet: snippets[dst.Domain],
			Peak: max(dst.PeakEstimate, e.PeakSockets[dst.Domain]),
		}
		for c, n := range dst.Classes {
			if n > 0 && c > 0 {
				row.Classes[sources.Class(c)] = n
			}
		}
		if haveSockets {
			row.Concurrency = sockets[dst.Domain]
		} else {
			row.Concurrency, row.Estimate = dst.ConcurrencyEstimate(now), true
		}
		row.Limit = limitFor(e.Config, dst.Transport)
		d.Dests = append(d.Dests, row)
	}
	d.Outbound = outboundRows(e, d.Dests, haveSockets)
	d.Services = serviceRows(e)
	d.Inbound = inboundRows(e)
	d.Load = loadData(e)
	d.Queue = queueData(e)
	d.Log = e.RecentLog()
	return d
}

// minuteSoFar turns the series' last value, the current minute's count
// so far, into its rate so far: a count of a part of a minute drew as a
// drop at a steady rate. The first 10 s count as 10, so that one event
// a second in is not drawn as 60 a minute.
func minuteSoFar(series []float64, now time.Time) []float64 {
	if n := len(series); n > 0 {
		elapsed := max(now.Sub(now.Truncate(time.Minute)), 10*time.Second)
		series[n-1] *= float64(time.Minute) / float64(elapsed)
	}
	return series
}

func limitFor(cfg *sources.Config, transport string) int {
	if transport == "" {
		transport = "smtp"
	}
	if cfg == nil {
		return 20 // default_destination_concurrency_limit since Postfix 2.1
	}
	return cfg.DestinationConcurrencyLimit(transport)
}

// outboundRows lists the busiest destinations' connections: the sockets
// when the machine shows them, else the estimate from the log.
func outboundRows(e *analyzers.Engine, dests []ui.DestRow, sockets bool) []ui.ConcRow {
	var rows []ui.ConcRow
	for _, r := range dests {
		if r.Domain == analyzers.OtherDomain || r.Concurrency == 0 && r.Peak == 0 {
			continue
		}
		rows = append(rows, ui.ConcRow{Name: r.Domain, Used: r.Concurrency, Peak: r.Peak, Limit: r.Limit, Estimate: !sockets})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Used != rows[j].Used {
			return rows[i].Used > rows[j].Used
		}
		return rows[i].Peak > rows[j].Peak
	})
	if len(rows) > 30 {
		rows = rows[:30]
	}
	return rows
}

func serviceRows(e *analyzers.Engine) []ui.ConcRow {
	var rows []ui.ConcRow
	m := e.Machine
	if e.Config != nil {
		for _, s := range e.Config.Services {
			running := 0
			if m != nil {
				running = m.Services[s.Key()]
			}
			interesting := s.Type == "inet" || s.Type == "pass" || s.Command == "smtp" || s.Command == "lmtp" || running > 0
			if !interesting {
				continue
			}
			note := s.Command
			rows = append(rows, ui.ConcRow{Name: s.Key(), Used: running, Peak: running, Limit: s.MaxProc, Note: note})
		}
	} else if m != nil {
		var keys []string
		for k := range m.Services {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			rows = append(rows, ui.ConcRow{Name: k, Used: m.Services[k]})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Used > rows[j].Used })
	return rows
}

func inboundRows(e *analyzers.Engine) []ui.ConcRow {
	var rows []ui.ConcRow
	limit := 50
	if e.Config != nil {
		if v, ok := e.Config.Int("smtpd_client_connection_count_limit"); ok {
			limit = v
		}
	}
	for _, s := range e.Inbound.Sorted() {
		if s.Refusals() == 0 {
			continue
		}
		l := limit
		if e.Config != nil {
			if svc, ok := e.Config.Service(s.Service, "inet"); ok {
				if v, ok := svc.Options["smtpd_client_connection_count_limit"]; ok {
					fmt.Sscan(v, &l)
				}
			}
		}
		rows = append(rows, ui.ConcRow{Name: s.Service, Used: s.MaxCount, Peak: s.MaxCount, Limit: l,
			Note: fmt.Sprintf("%d refused (%s)", s.Refusals(), strings.Join(s.TopClients(2), " "))})
	}
	rateLimit := 0
	if e.Config != nil {
		rateLimit, _ = e.Config.Int("smtpd_client_connection_rate_limit")
	}
	for _, a := range e.Inbound.AnvilSorted() {
		if len(rows) > 15 {
			break
		}
		switch a.Kind {
		case "connection count":
			rows = append(rows, ui.ConcRow{Name: "anvil " + a.Service, Used: a.Value, Peak: a.Value, Limit: limit, Note: a.Client + " connections"})
		case "connection rate":
			rows = append(rows, ui.ConcRow{Name: "anvil " + a.Service, Used: a.Value, Peak: a.Value, Limit: rateLimit,
				Note: fmt.Sprintf("%s connections/%ds", a.Client, a.RateWindow)})
		}
	}
	if m := e.Machine; m != nil {
		for _, c := range analyzers.TopCounts(m.Inbound, 5) {
			rows = append(rows, ui.ConcRow{Name: "client " + c.Key, Used: c.N, Peak: c.N, Limit: limit, Note: "open now"})
		}
	}
	return rows
}

func loadData(e *analyzers.Engine) ui.LoadData {
	ld := ui.LoadData{Machine: e.Machine}
	if n := len(e.LoadHistory); n >= 2 {
		ld.History = e.LoadHistory[n-2:]
	}
	for _, m := range e.LoadHistory {
		ld.LoadHist = append(ld.LoadHist, m.Load1)
		ld.CPUHist = append(ld.CPUHist, m.CPUPercent)
		if m.MemTotal > 0 {
			ld.MemHist = append(ld.MemHist, 100*(1-float64(m.MemAvail)/float64(m.MemTotal)))
		}
	}
	return ld
}

func queueData(e *analyzers.Engine) ui.QueueData {
	qd := ui.QueueData{Snapshot: e.Queue}
	qd.Growth, qd.HasGrow = e.QueueGrowth("deferred", 5)
	for _, p := range e.QueueTrend {
		qd.Trend = append(qd.Trend, float64(p.Counts["deferred"]))
	}
	for _, c := range e.Clog {
		qd.Clog = append(qd.Clog, fmt.Sprintf("mail for %s is using up %d of %d active queue entries", c.Domain, c.Count, c.Limit))
	}
	sort.Strings(qd.Clog)
	return qd
}
