package model

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// Records the log source dropped show in the status bar, from the batch
// that reports them.
func TestDroppedRecordsShownInStatusBar(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 40})
	m.Update(tickMsg(time.Now()))
	if strings.Contains(m.Render(), "dropped") {
		t.Fatal("dropped shown before any drop")
	}
	m.Update(logMsg{b: sources.LogBatch{Dropped: 1234}, ok: true})
	m.Update(tickMsg(time.Now()))
	status := lastLine(m.Render())
	if !strings.Contains(status, "1234 dropped") {
		t.Fatalf("status bar lacks the drop count: %q", status)
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// zoomedBody is the text inside a zoomed pane's border, one line a row.
func zoomedBody(m *Model) []string {
	lines := strings.Split(ansi.Strip(m.Render()), "\n")
	lines = lines[1 : len(lines)-2] // top border; bottom border and status bar
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(strings.TrimPrefix(l, "│"), "│")
	}
	return lines
}

// In the log pane, up goes back in time and down towards the tail; g and
// G jump to the oldest and the newest line.
func TestLogPaneScrollDirection(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 220, Height: 20})
	press(m, "6", "6", "z") // hide, show (and focus), zoom
	if v := m.ViewState(); v.Focus != paneNamed("Log") || !v.Zoom {
		t.Fatalf("log pane not focused and zoomed: %+v", v)
	}
	entries := m.Data().Log
	n := len(entries)
	text := func(i int) string {
		s := analyzers.SanitizeLine(entries[i].Line)
		return s[:min(len(s), 150)]
	}
	rows := len(zoomedBody(m))
	if n < rows+10 || text(n-1) == text(n-4) || text(0) == text(n-rows) {
		t.Fatalf("fixture: %d entries for %d rows, or lines too alike", n, rows)
	}
	at := func(step string, first, last int) {
		t.Helper()
		body := zoomedBody(m)
		if !strings.Contains(body[0], text(first)) || !strings.Contains(body[len(body)-1], text(last)) {
			t.Fatalf("after %s want entries %d..%d, got\n%s\n...\n%s", step, first, last, body[0], body[len(body)-1])
		}
	}
	at("start", n-rows, n-1)
	press(m, "k", "k", "up")
	at("3 up", n-rows-3, n-4)
	press(m, "j", "down")
	at("2 down", n-rows-1, n-2)
	press(m, "j", "j", "j")
	at("down past the tail", n-rows, n-1)
	press(m, "g")
	at("g", 0, rows-1)
	press(m, "G")
	at("G", n-rows, n-1)
}

// o steps through the destination sorts; the table and its footer follow.
func TestSortKeyCyclesDestinationOrder(t *testing.T) {
	m := labModel(t)
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	ordered := map[analyzers.SortKey]func(a, b ui.DestRow) bool{
		analyzers.SortErrorRate: func(a, b ui.DestRow) bool { return a.Rate >= b.Rate },
		analyzers.SortDeferred:  func(a, b ui.DestRow) bool { return a.Deferred >= b.Deferred },
		analyzers.SortSent:      func(a, b ui.DestRow) bool { return a.Sent >= b.Sent },
		analyzers.SortDomain:    func(a, b ui.DestRow) bool { return a.Domain < b.Domain },
	}
	var firsts []string
	for i := 1; i <= len(analyzers.SortKeyNames); i++ {
		press(m, "o")
		want := analyzers.SortKey(i % len(analyzers.SortKeyNames))
		d := m.Data()
		if d.SortKey != want {
			t.Fatalf("after %d presses sort %v, want %v", i, d.SortKey, want)
		}
		var rows []ui.DestRow
		for _, r := range d.Dests {
			if r.Domain != analyzers.OtherDomain {
				rows = append(rows, r)
			}
		}
		for j := 1; j < len(rows); j++ {
			if !ordered[want](rows[j-1], rows[j]) {
				t.Errorf("sorted by %s: %s before %s", analyzers.SortKeyNames[want], rows[j-1].Domain, rows[j].Domain)
			}
		}
		out := m.Render()
		if !strings.Contains(out, "sorted by "+analyzers.SortKeyNames[want]+" (o)") {
			t.Errorf("footer does not say %s", analyzers.SortKeyNames[want])
		}
		// The first row under the header is the first destination.
		if row := ansi.Strip(strings.Split(out, "\n")[2]); !strings.HasPrefix(row, "│"+rows[0].Domain[:min(len(rows[0].Domain), 18)]) {
			t.Errorf("sorted by %s, first screen row %q, want %s", analyzers.SortKeyNames[want], row, rows[0].Domain)
		}
		firsts = append(firsts, rows[0].Domain)
	}
	// The lab's busiest by each key differ: the sorts are not one order.
	seen := map[string]bool{}
	for _, f := range firsts {
		seen[f] = true
	}
	if len(seen) < 3 {
		t.Errorf("first rows by sort: %v", firsts)
	}
}

// mxtop_hint_active is 1 for one severity of an active id (its highest),
// 0 for the other severities and for inactive ids.
func TestHintActiveOneSeverityPerID(t *testing.T) {
	eng := analyzers.NewEngine(0)
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	feed := func(sec int, dom, reason string) {
		var r sources.Record
		p.Parse(fmt.Sprintf("Nov 28 10:%02d:%02d mx postfix/smtp[1]: %010X: to=<u@%s>, relay=mx.%s[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (%s)",
			sec/60, sec%60, sec, dom, dom, reason), &r)
		eng.Feed(&r)
	}
	tooMany := "host mx said: 421 4.7.0 Error: too many connections from 1.2.3.4"
	sec := 0
	for i := 0; i < 3; i++ { // a warning
		feed(sec, "warn.example", tooMany)
		sec++
	}
	for i := 0; i < 25; i++ { // a critical one of the same id
		feed(sec, "crit.example", tooMany)
		sec++
	}
	for i := 0; i < 2; i++ { // tls: a warning only
		feed(sec, "tls.example", "Cannot start TLS: handshake failure")
		sec++
	}
	sevs := map[string]map[string]bool{}
	for _, h := range eng.Hints(false) {
		if sevs[h.ID] == nil {
			sevs[h.ID] = map[string]bool{}
		}
		sevs[h.ID][h.Severity.String()] = true
	}
	if !sevs["destination_concurrency"]["warning"] || !sevs["destination_concurrency"]["critical"] || !sevs["tls"]["warning"] {
		t.Fatalf("fixture hints: %v", sevs)
	}
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}}
	sh.Tick(eng.Now)
	fams := scrape(t, sh)
	want := map[string]string{"destination_concurrency": "critical", "tls": "warning"}
	for _, id := range analyzers.HintIDs {
		for _, sev := range []string{"info", "warning", "critical"} {
			v, ok := value(t, fams, "mxtop_hint_active", map[string]string{"id": id, "severity": sev})
			if !ok {
				t.Errorf("no series for %s %s", id, sev)
			}
			exp := 0.0
			if want[id] == sev {
				exp = 1
			}
			if v != exp {
				t.Errorf("mxtop_hint_active{id=%q,severity=%q} = %v, want %v", id, sev, v, exp)
			}
		}
	}
	if got := len(fams["mxtop_hint_active"].Metric); got != 3*len(analyzers.HintIDs) {
		t.Errorf("%d hint series, want %d", got, 3*len(analyzers.HintIDs))
	}
}

// The destinations table shows each destination's own transport limit.
func TestDestRowLimitPerTransport(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("default_destination_concurrency_limit = 20\nsmtp_destination_concurrency_limit = $default_destination_concurrency_limit\nslow_destination_concurrency_limit = 4\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp unix - - y - - smtp\nslow unix - - n - - smtp\n"), 100)
	eng := analyzers.NewEngine(0)
	eng.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	for _, l := range []string{
		"Nov 28 10:00:01 mx postfix/smtp[1]: 0000000001: to=<u@fast.example>, relay=mx.fast.example[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=2.0.0, status=sent (250 ok)",
		"Nov 28 10:00:02 mx postfix/slow/smtp[2]: 0000000002: to=<u@slowed.example>, relay=mx.slowed.example[192.0.2.2]:25, delay=1, delays=1/0/0/0, dsn=2.0.0, status=sent (250 ok)",
	} {
		var r sources.Record
		p.Parse(l, &r)
		eng.Feed(&r)
	}
	got := map[string]int{}
	for _, r := range BuildData(eng, analyzers.SortDomain, "", nil, false).Dests {
		got[r.Domain] = r.Limit
	}
	if got["fast.example"] != 20 || got["slowed.example"] != 4 {
		t.Fatalf("limits %v", got)
	}
}
