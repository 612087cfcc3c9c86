package ui

import (
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"strconv"

	"mxtop/analyzers"
	"mxtop/sources"
)

var t0 = time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC)

const longDomain = "a-very-long-subdomain.mail.example.com"

// fixture is a screen's worth of data: a few rows in every pane, one
// domain and one reply longer than any column.
func fixture() *Data {
	q := &sources.QueueSnapshot{Time: t0, Queues: map[string]sources.QueueCount{
		"deferred": {Messages: 56, Oldest: t0.Add(-90 * time.Minute)}, "hold": {Messages: 1}}}
	dq := sources.DomainQueue{Domain: "slow.example", Recipients: 40}
	dq.Buckets[0], dq.Buckets[9] = 30, 10
	dq.Classes[sources.ClassGreylist] = 40
	q.Domains = []sources.DomainQueue{dq}
	return &Data{
		Now: t0,
		Dests: []DestRow{
			{Domain: "gmail.com", Sent: 120, Deferred: 31, TopClass: sources.ClassConnLimit, Suspended: 1, Rate: 6.6,
				Spark: []float64{0, 1, 3}, LastReply: "421 4.7.0 too many connections from your host, try again later please",
				Classes: map[sources.Class]int{sources.ClassConnLimit: 31}, Recent: []string{"Nov 28 10:59:59 mx postfix/smtp[1]: to=<a@gmail.com> deferred"},
				Hops: []analyzers.Hop{{Host: "gmail-smtp-in.l.google.com", IP: "192.0.2.7", Port: 25, Attempts: 9, Errors: 3}}},
			{Domain: longDomain, Sent: 4, Deferred: 12, TopClass: sources.ClassGreylist, Rate: 2.1, LastReply: "450 greylisted"},
			{Domain: "tls.example", Deferred: 6, TopClass: sources.ClassTLS, Rate: 1.2, LastReply: "TLS is required"},
		},
		Outbound: []ConcRow{{Name: "gmail.com", Used: 19, Peak: 20, Limit: 20, Estimate: true}},
		Services: []ConcRow{{Name: "smtp/unix", Used: 3, Peak: 9, Limit: 100}},
		Inbound:  []ConcRow{{Name: "192.0.2.99", Used: 8, Peak: 10, Limit: 10, Note: "anvil"}},
		Load: LoadData{Machine: &sources.MachineReading{Time: t0, CPUs: 2, Load1: 3.5, Load5: 2, Load15: 1, CPUPercent: 88,
			MemTotal: 8 << 30, MemAvail: 512 << 20, SwapTotal: 1 << 30, SwapUsed: 1 << 20, QueueDir: "/var/spool/postfix",
			DiskTotal: 100 << 30, DiskFree: 5 << 30, MasterFDs: 4000, MasterFDLimit: 4096, PostfixFDs: 300, PostfixProcs: 12,
			FileNrAllocated: 1000, FileNrMax: 100000, Unreadable: []string{"/proc/1/fd: permission denied"}},
			LoadHist: []float64{1, 2, 3.5}},
		Queue: QueueData{Snapshot: q, Growth: 4, HasGrow: true, Trend: []float64{10, 30, 56}, Clog: []string{"gmail.com uses 400 of 500 active entries"}},
		Hints: []analyzers.Hint{
			{ID: "destination_concurrency", Severity: analyzers.SevCritical, Subject: "gmail.com", Title: "Outbound: gmail.com refuses connections",
				Evidence: []string{"31 deferrals"}, Actions: []string{"postconf -e slow_destination_concurrency_limit=2"}, Steps: []analyzers.Action{{Text: "postconf -e slow_destination_concurrency_limit=2", Command: true}}, Cautions: []string{"reload needed"}},
			{ID: "greylisting", Severity: analyzers.SevInfo, Subject: longDomain, Title: "Outbound: greylisting delays first mail"},
		},
		Log: []analyzers.LogEntry{
			{Time: t0, Class: sources.ClassConnLimit, Line: "Nov 28 10:59:58 mx postfix/smtp[1]: gmail.com refused"},
			{Time: t0, Class: sources.ClassGreylist, Line: "Nov 28 10:59:59 mx postfix/smtp[2]: greylisted by slow.example"},
			{Time: t0, Sev: sources.SevWarning, Line: "Nov 28 11:00:00 mx postfix/smtpd[3]: warning: hostname does not resolve"},
		},
		States: []sources.SourceState{{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"},
			{Source: "queue", Health: sources.HealthUnavailable, Detail: "postqueue refused"}},
	}
}

// box draws the pane named name, focused, into w×h cells, checking that
// every line is exactly w wide.
func box(t *testing.T, name string, p Pane, d *Data, filter string, w, h int) string {
	t.Helper()
	if p == nil {
		p = registryPane(named(name))
	}
	lines := drawPane(p, named(name), true, &Ctx{Data: d, Filter: filter, Styles: NewStyles(false)}, w, h)
	if len(lines) != h {
		t.Fatalf("%s at %dx%d: %d lines", name, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", name, w, h, i, lw, l)
		}
	}
	return ansi.Strip(strings.Join(lines, "\n"))
}

func TestPaneBodies(t *testing.T) {
	full, none := fixture(), &Data{Now: t0}
	noQueue := fixture()
	noQueue.Queue = QueueData{}
	// A queue read and found empty says so under its table's header.
	emptyQueue := fixture()
	emptyQueue.Queue = QueueData{Snapshot: &sources.QueueSnapshot{Time: t0}}
	noFDs := fixture()
	noFDs.Load.Machine.MasterFDs = -1
	// Postfix in a container: the figures are the host's, and say so.
	inContainer := fixture()
	inContainer.Load.Machine.Container = "mailserver"
	// postqueue fails after a reading: the pane shows it as the last one,
	// when it was taken and why none came since, without a growth rate.
	stale := fixture()
	stale.Queue.Failed = "reading postqueue -j: postqueue -j: postqueue: fatal: Queue report unavailable - mail system is down"
	stale.Queue.ReadAgo = 62 * time.Second
	// Beside an old log the host's readings are left out, and the panes
	// say why; the clog warnings, from the log, stay.
	apart := fixture()
	apart.Load, apart.Queue.Snapshot = LoadData{}, nil
	apart.HostApart = hostApartWhy
	// The log cannot be read: the screen says why where the rows would be,
	// not only for the five seconds of a flash.
	noLog := &Data{Now: t0, States: []sources.SourceState{{Source: "log", Health: sources.HealthUnavailable,
		Detail: "/var/log/mail.log: permission denied (mode 0640, group adm: add yourself with usermod -aG adm)\x1b]0;x\a"}}}
	for _, tc := range []struct {
		pane, state string
		d           *Data
		filter      string
		want        map[int][]string // by width; 0 for every width
		not         []string
	}{
		{"Destinations", "rows", full, "", map[int][]string{
			0:   {"1 Destinations", "domain", "gmail.com", "tls.example", "sorted by errors/min (o)"},
			40:  {"a-very-long-subdo…     4    12 greyli…", "120    31 conn_l…"},
			80:  {"conn_limit!", "6.6", "a-very-long-subdoma…"},
			120: {"bounce", "last reply", "conn_limit!", "421 4.7.0 too many con…", longDomain + "      4"}},
			nil},
		{"Destinations", "empty", none, "", map[int][]string{0: {"no deliveries yet"}}, []string{"domain"}},
		{"Destinations", "no log", noLog, "", map[int][]string{
			0:  {"log: unavailable: /var/log/mail.log:", "usermod"},
			80: {"log: unavailable: /var/log/mail.log: permission denied (mode 0640, group adm:"}},
			[]string{"no deliveries yet", "\x1b"}},
		{"Destinations", "filtered", full, "greylist", map[int][]string{0: {"a-very-long-subdo"}}, []string{"gmail.com", "tls.example"}},
		{"Destinations", "filtered out", full, "nothing-matches", map[int][]string{0: {"no destination matches the filter"}}, []string{"gmail.com"}},
		{"Concurrency", "rows", full, "", map[int][]string{
			0:  {"2 Concurrency (outbound estimated", "out gmail.com", "svc smtp/unix", "in  192.0.2.99"},
			80: {"2 Concurrency (outbound estimated from the log)", "19/20   peak 20 est.", "8/10   peak 10 anvil"}}, nil},
		{"Concurrency", "empty", none, "", map[int][]string{0: {"no connections seen yet"}}, []string{"estimated"}},
		{"Concurrency", "filtered", full, "anvil", map[int][]string{0: {"192.0.2.99"}}, []string{"gmail.com", "smtp/unix"}},
		{"Concurrency", "filtered out", full, "nothing-matches", map[int][]string{0: {"no connection matches the filter"}}, []string{"gmail.com", "no connections seen yet"}},
		{"Load", "readings", full, "", map[int][]string{
			0:   {"load  3.50  2.00  1.00 / 2 cpu"},
			80:  {"cpu   88.0%", "mem  512M of 8.0G available (6%)", "swap 1M of 1.0G used", "fds  [", "master 4000/4096"},
			120: {"disk [", "/var/spool/postfix: 5.0G free of 100.0G", "unreadable: /proc/1/fd: permission denied"}}, nil},
		{"Load", "fds unreadable", noFDs, "", map[int][]string{120: {"fds  master unreadable · postfix 300 in 12 processes"}}, nil},
		{"Load", "empty", none, "", map[int][]string{0: {"no machine readings yet"}}, []string{"cpu"}},
		{"Load", "in a container", inContainer, "", map[int][]string{80: {"this host's figures: Postfix runs in container mailserver", "load  3.50"}}, nil},
		{"Queue", "snapshot", full, "", map[int][]string{
			0:   {"maildrop 0 · incoming 0", "deferred 56 · hold 1"},
			80:  {"deferred 56 · hold 1", "deferred +4/min · oldest 1h30m0s", "queued domain", "slow.example", "greylist", "clog: gmail.com uses 400"},
			120: {"1280+"}}, nil},
		{"Queue", "stale", stale, "", map[int][]string{
			0:   {"last read 11:00:00, 62 s ago", "deferred 56 · hold 1", "slow.example"},
			120: {"postqueue: fatal: Queue report unavailable - mail", "system is down"}},
			[]string{"+4/min", "deferred +"}},
		{"Load", "host apart", apart, "", map[int][]string{0: {"the log ends 2 d before now;", "would not describe it"}}, []string{"no machine readings yet", "load"}},
		{"Queue", "host apart", apart, "", map[int][]string{0: {"the log ends 2 d before now;", "would not describe it", "clog: gmail.com"}}, []string{"no queue reading", "deferred"}},
		{"Queue", "no reading", noQueue, "", map[int][]string{0: {"no queue reading (see status bar)"}}, []string{"deferred"}},
		{"Queue", "filtered", full, "nothing-matches", map[int][]string{80: {"queued domain", "no queued domain matches the filter"}}, []string{"slow.example"}},
		{"Queue", "empty", emptyQueue, "", map[int][]string{0: {"no deferred, active or held mail"}, 80: {"deferred 0 · hold 0"}}, nil},
		{"Hints", "hints", full, "", map[int][]string{
			0:  {"● CRIT Outbound:", "● info Outbound:"},
			80: {"● CRIT Outbound: gmail.com refuses connections"}},
			[]string{"evidence"}},
		{"Hints", "empty", none, "", map[int][]string{0: {"no hints: nothing calls for a change"}}, nil},
		{"Hints", "filtered", full, "greylisting", map[int][]string{0: {"● info"}}, []string{"CRIT"}},
		{"Hints", "filtered out", full, "nothing-matches", map[int][]string{0: {"no hint matches the filter"}}, []string{"nothing calls"}},
		{"Log", "lines", full, "", map[int][]string{0: {"6 Log", "conn_limit", "greylist", "warning"}, 120: {"hostname does not resolve"}}, nil},
		{"Log", "empty", none, "", map[int][]string{0: {"no warnings or failed deliveries yet"}}, nil},
		{"Log", "filtered", full, "greylist", map[int][]string{0: {"greylist"}}, []string{"conn_limit", "warning"}},
		{"Log", "filtered out", full, "nothing-matches", map[int][]string{0: {"no log line matches the filter"}}, nil},
	} {
		for _, w := range []int{40, 80, 120} {
			t.Run(tc.pane+"/"+tc.state+"/"+itoa(w), func(t *testing.T) {
				out := box(t, tc.pane, nil, tc.d, tc.filter, w, 12)
				for _, s := range append(append([]string{}, tc.want[0]...), tc.want[w]...) {
					if !strings.Contains(out, s) {
						t.Errorf("%q missing:\n%s", s, out)
					}
				}
				for _, s := range tc.not {
					if strings.Contains(out, s) {
						t.Errorf("%q shown:\n%s", s, out)
					}
				}
			})
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

const hostApartWhy = "the log ends 2 d before now; this host's state now would not describe it"

// A Load or Queue pane of one row (an 80x24 screen) says in it why the
// host's readings are left out beside an old log, whole at 80 columns.
func TestHostApartInOneRow(t *testing.T) {
	d := fixture()
	d.Load, d.Queue.Snapshot = LoadData{}, nil
	d.HostApart = hostApartWhy
	for _, name := range []string{"Load", "Queue"} {
		out := box(t, name, nil, d, "", 80, 3)
		if !strings.Contains(out, "│"+hostApartWhy) {
			t.Errorf("%s in one row does not say why:\n%s", name, out)
		}
		// Narrower, the sentence is cut, and says so.
		out = box(t, name, nil, d, "", 70, 3)
		if !strings.Contains(out, "would not…") {
			t.Errorf("%s at 70 columns is cut with no mark:\n%s", name, out)
		}
	}
}

// A pane squashed to one line (an unfocused pane on a 24-row screen)
// shows its first row rather than the names of its columns: the busiest
// destination, not "domain sent defer". The queue keeps its counts and
// growth first, then a domain in place of the column names.
func TestSquashedTableShowsARow(t *testing.T) {
	d := fixture()
	for _, tc := range []struct {
		pane string
		h    int
		want []string
	}{
		{"Destinations", 3, []string{"gmail.com", "conn_limit!"}},
		{"Destinations", 4, []string{"domain", "gmail.com"}},
		{"Queue", 3, []string{"deferred 56 · hold 1"}},
		{"Queue", 5, []string{"deferred 56", "deferred +4/min", "slow.example"}},
		{"Queue", 6, []string{"queued domain", "slow.example"}},
	} {
		out := box(t, tc.pane, nil, d, "", 80, tc.h)
		for _, s := range tc.want {
			if !strings.Contains(out, s) {
				t.Errorf("%s in %d rows: %q missing:\n%s", tc.pane, tc.h, s, out)
			}
		}
	}
}

// On a 100-column screen the panes are 53 and 43 columns wide inside: the
// tables narrow their columns rather than cut off their numbers (the
// concurrency pane cut "19/20" to "19/…", the queue its class, the
// destinations their error rate's column name).
func TestNarrowPanesKeepTheirNumbers(t *testing.T) {
	d := fixture()
	rects, _ := Layout(100, 29, all(), named("Destinations"), false)
	for _, tc := range []struct {
		pane      string
		want, not []string
	}{
		{"Destinations", []string{"err/m", "6.6", "conn_limit!"}, []string{"err/…", "conn_limit…", "6.…"}},
		{"Concurrency", []string{"19/20", "peak 20 est.", "3/100", "peak 9"}, nil},
		{"Queue", []string{"class", "greylist", "rcpt"}, nil},
	} {
		r, _ := rectOf(rects, named(tc.pane))
		out := box(t, tc.pane, nil, d, "", r.W, 12)
		for _, s := range tc.want {
			if !strings.Contains(out, s) {
				t.Errorf("%s at %d columns: %q missing:\n%s", tc.pane, r.W, s, out)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(out, s) {
				t.Errorf("%s at %d columns: %q shown:\n%s", tc.pane, r.W, s, out)
			}
		}
	}
	// The load pane's sparklines shrink rather than end in "…".
	r, _ := rectOf(rects, named("Load"))
	for _, l := range strings.Split(box(t, "Load", nil, d, "", r.W, 8), "\n") {
		if (strings.Contains(l, "load ") || strings.Contains(l, "cpu ") || strings.Contains(l, "mem ")) && strings.Contains(l, "…") {
			t.Errorf("load at %d columns: %q", r.W, l)
		}
	}
}

// The table's sort shows in its title: its last row, which also says so,
// is out of view whenever the table is longer than its pane (always at
// 80x24), and o changed the order without saying to what.
func TestDestinationsSortInTitle(t *testing.T) {
	d := fixture()
	for i := 0; i < 20; i++ {
		d.Dests = append(d.Dests, DestRow{Domain: "d" + itoa(i) + ".example"})
	}
	d.SortKey = 2
	if out := box(t, "Destinations", nil, d, "", 80, 8); !strings.Contains(strings.SplitN(out, "\n", 2)[0], "sorted by sent") {
		t.Fatalf("sort not in the title:\n%s", out)
	}
}

// Scrolled back, the log stays on the lines the admin reads while new
// ones arrive below (and old ones leave the ring): it had kept its
// distance from the tail, so the text moved under the reader with every
// new line, and c copied another line than the one read.
func TestLogScrolledBackStaysPut(t *testing.T) {
	d := &Data{}
	add := func(i int) {
		d.Log = append(d.Log, analyzers.LogEntry{Time: t0, Class: sources.ClassConnLimit, Line: fmt.Sprintf("line %02d", i)})
	}
	for i := 0; i < 30; i++ {
		add(i)
	}
	var copied []string
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 30 - 4, Act: func(r Request) { copied = r.Copy }}
	lg := newLog()
	lg.Move(c, -10)
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 19") || strings.Contains(out, "line 20") {
		t.Fatalf("did not scroll back:\n%s", out)
	}
	for i := 30; i < 35; i++ {
		add(i)
	}
	d.Log = d.Log[3:] // the ring drops its oldest
	c.Room = len(d.Log) - 4
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 19") || strings.Contains(out, "line 20") {
		t.Fatalf("new lines moved the scrolled-back log:\n%s", out)
	}
	if press(lg, c, "c"); len(copied) != 1 || copied[0] != "line 19" {
		t.Fatalf("c copied %q", copied)
	}
	lg.Move(c, 1)
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 20") || strings.Contains(out, "line 16") {
		t.Fatalf("down from there:\n%s", out)
	}
	lg.Move(c, 1<<20)
	add(35)
	if out := box(t, "Log", lg, d, "", 60, 6); !strings.Contains(out, "line 35") {
		t.Fatalf("at the tail it does not follow:\n%s", out)
	}
}

// Every class in the sources' table shows whole in the log pane's class
// column, the longest (inbound_conn_limit) included, and the lines after
// it start in one column: the column had a fixed width two cells short.
func TestLogClassColumnFitsEveryClass(t *testing.T) {
	d := &Data{}
	var tags []string
	for c := sources.Class(1); c < sources.NumClasses; c++ {
		d.Log = append(d.Log, analyzers.LogEntry{Time: t0, Class: c, Line: "postfix/smtp[1]: " + c.String()})
		tags = append(tags, c.String())
	}
	d.Log = append(d.Log, analyzers.LogEntry{Time: t0, Sev: sources.SevWarning, Line: "postfix/smtp[1]: warning"})
	tags = append(tags, "warning")
	for _, w := range []int{80, 120} {
		out := box(t, "Log", nil, d, "", w, len(d.Log)+2)
		rows := strings.Split(out, "\n")[1 : len(d.Log)+1]
		col := -1
		for i, row := range rows {
			row = strings.TrimPrefix(row, "│")
			if !strings.HasPrefix(row, tags[i]+" ") {
				t.Errorf("at %d columns the class %q is cut: %q", w, tags[i], row)
				continue
			}
			at := strings.Index(row, "postfix/smtp[1]")
			if col >= 0 && at != col {
				t.Errorf("at %d columns the line after %q starts at %d, not %d", w, tags[i], at, col)
			}
			col = at
		}
	}
}

// At 80 columns the Destinations pane shows a delivery's class whole,
// with the "!" of a suspended destination: "connect_refu" told the admin
// less than the four characters of the reply it gave room to.
func TestDestClassColumnFitsAt80(t *testing.T) {
	d := &Data{Now: t0}
	var want []string
	for c := sources.Class(1); c < sources.NumClasses; c++ {
		name := c.String()
		if strings.HasPrefix(name, "inbound_") || c == sources.ClassPortsBusy || c == sources.ClassFDLimit || c == sources.ClassVersionStart {
			continue // never a delivery's class
		}
		susp := 0
		if len(name) < 16 {
			susp, name = 1, name+"!"
		}
		d.Dests = append(d.Dests, DestRow{Domain: fmt.Sprintf("d%02d.example", c), Deferred: 1, Suspended: susp, TopClass: c, LastReply: "421 4.7.0 too many connections"})
		want = append(want, name)
	}
	// 66 is the pane's width on a 120-column screen, too narrow for the
	// replies: the class takes their room rather than being cut.
	for _, w := range []int{80, 66} {
		out := box(t, "Destinations", nil, d, "", w, len(d.Dests)+3)
		for _, name := range want {
			if !strings.Contains(out, " "+name+" ") {
				t.Errorf("class %q cut at %d columns:\n%s", name, w, out)
			}
		}
	}
}

// An open hint's title wraps: at 80 columns the end of a long one (the
// time the refusals began) was cut at the border with the hint open to
// read. A closed hint keeps one line.
func TestOpenHintTitleWraps(t *testing.T) {
	h := analyzers.Hint{ID: "conn_limit", Severity: analyzers.SevCritical, Subject: "gmail.com",
		Title:    "Outbound: gmail.com refuses connections (421 too many connections) at 04:05 since the upgrade",
		Evidence: []string{"13 deliveries refused"}}
	d := &Data{Now: t0, Hints: []analyzers.Hint{h}}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 10}
	p := newHints()
	if out := box(t, "Hints", p, d, "", 80, 6); strings.Contains(out, "since the upgrade") {
		t.Fatalf("a closed hint's title takes more than a line:\n%s", out)
	}
	press(p, c, "enter")
	out := box(t, "Hints", p, d, "", 80, 8)
	if !strings.Contains(out, "│       04:05 since the upgrade") || !strings.Contains(out, "evidence: 13 deliveries") {
		t.Fatalf("the open hint's title is cut:\n%s", out)
	}
}

// An open hint marks its commands with "$ " and its sentences with "do:",
// and c copies the sentences as shell comments: pasted into a root shell,
// "read the fatal line" would have run as a command.
func TestHintPaneMarksCommands(t *testing.T) {
	h := analyzers.Hint{ID: "daemon_crash", Severity: analyzers.SevWarning, Title: "Host: a program stopped",
		Steps: []analyzers.Action{{Text: "read the fatal line: it names the file", Command: false}, {Text: "postfix check", Command: true}}}
	h.Actions = []string{h.Steps[0].Text, h.Steps[1].Text}
	d := &Data{Now: t0, Hints: []analyzers.Hint{h}}
	var copied []string
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 10, Act: func(r Request) { copied = r.Copy }}
	p := newHints()
	press(p, c, "enter")
	out := box(t, "Hints", p, d, "", 80, 8)
	if !strings.Contains(out, "$ postfix check") || strings.Contains(out, "$ read the fatal") || !strings.Contains(out, "do: read the fatal line") {
		t.Fatalf("commands and sentences not told apart:\n%s", out)
	}
	press(p, c, "c")
	if want := []string{"# read the fatal line: it names the file", "postfix check"}; !slices.Equal(copied, want) {
		t.Fatalf("c copied %q, want %q", copied, want)
	}
}

// The detail's throttling snippet wraps to the pane instead of cutting a
// command at its border: the transport command runs to 300 characters.
func TestDestDetailWrapsTheSnippet(t *testing.T) {
	long := "if grep -insE '^\"?big\\.example\"?([[:space:]]|$)' /etc/postfix/transport; then echo 'big.example has a line already'; else printf '%s\\t%s\\n' big.example slow: >> /etc/postfix/transport; fi"
	d := &Data{Now: t0, Dests: []DestRow{{Domain: "big.example", Deferred: 3, TopClass: sources.ClassConnLimit, Snippet: []analyzers.Action{{Text: long, Command: true}, {Text: "postmap hash:/etc/postfix/transport", Command: true}, {Text: "route the domain in the table transport_maps names"}}}}}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 40}
	p := registryPane(named("Destinations"))
	press(p, c, "enter")
	out := box(t, "Destinations", p, d, "", 60, 24)
	flat := strings.NewReplacer("│", "", "\n", "", " ", "").Replace(out)
	for _, part := range []string{"/etc/postfix/transport;fi", "postmaphash:/etc/postfix/transport"} {
		if !strings.Contains(flat, part) {
			t.Errorf("%q cut from the detail:\n%s", part, out)
		}
	}
	// Commands are marked as the hints pane marks them; a step in words
	// is no command.
	if !strings.Contains(out, "  $ if grep") || !strings.Contains(out, "  do: route the domain") || strings.Contains(out, "$ route the") {
		t.Errorf("commands and sentences not told apart:\n%s", out)
	}
}

// An open hint's evidence, commands and cautions wrap to the pane: the end
// of a long command or caution is what cutting at the border lost.
func TestOpenHintWraps(t *testing.T) {
	long := "if grep -insE '^\"?big\\.example\"?([[:space:]]|$)' /etc/postfix/transport; then echo 'big.example has a line already'; else printf '%s\\t%s\\n' big.example slow: >> /etc/postfix/transport; fi"
	h := analyzers.Hint{ID: "destination_concurrency", Severity: analyzers.SevCritical, Title: "Outbound: big.example refuses connections",
		Evidence: []string{"31 deliveries to big.example refused for too many connections in the last 15 minutes (2.1/min); 40 deferred, 12 sent in all"},
		Steps:    []analyzers.Action{{Text: long, Command: true}},
		Cautions: []string{"idle cached connections also count against the receiver's limit (smtp_connection_cache_time_limit), which ends the sentence here"}}
	h.Actions = []string{long}
	d := &Data{Now: t0, Hints: []analyzers.Hint{h}}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 20}
	p := newHints()
	press(p, c, "enter")
	out := box(t, "Hints", p, d, "", 60, 20)
	flat := strings.NewReplacer("│", "", "\n", "", " ", "").Replace(out)
	for _, part := range []string{"12sentinall", "/etc/postfix/transport;fi", "whichendsthesentencehere"} {
		if !strings.Contains(flat, part) {
			t.Errorf("%q cut from the open hint:\n%s", part, out)
		}
	}
	if !strings.Contains(out, "    $ if grep") {
		t.Errorf("the command's first line lost its mark:\n%s", out)
	}
}

// Paging a destination's detail keeps its title, the domain and how to go
// back, at the top: paged down, the admin no longer saw whose it was.
func TestDestDetailTitleStays(t *testing.T) {
	var recent []string
	for i := range 30 {
		recent = append(recent, fmt.Sprintf("line %02d", i))
	}
	d := &Data{Now: t0, Dests: []DestRow{{Domain: "big.example", Deferred: 3, TopClass: sources.ClassConnLimit, Recent: recent}}}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 40}
	p := registryPane(named("Destinations"))
	press(p, c, "enter")
	p.Move(c, 20)
	out := box(t, "Destinations", p, d, "", 60, 10)
	if !strings.Contains(out, "big.example  (esc: back)") || strings.Contains(out, "line 00") {
		t.Fatalf("paged down, the title is gone or nothing moved:\n%s", out)
	}
}

// Enter opens the line at the bottom of the log pane whole, wrapped, and
// esc closes it: a line was cut at the border, and only c gave it whole.
func TestLogLineOpens(t *testing.T) {
	long := "Nov 28 11:13:48 lab postfix/smtp[6635]: 60D0EC0353: to=<12user@ratelimited.example>, relay=127.0.0.1[127.0.0.1]:2525, delay=1, status=deferred (host said: 421 4.7.0 too many connections from 127.0.0.1, come back at the end)"
	d := &Data{Now: t0, Log: []analyzers.LogEntry{
		{Time: t0, Class: sources.ClassConnLimit, Line: "an older line"},
		{Time: t0, Class: sources.ClassConnLimit, Line: long},
	}}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 0}
	lg := newLog()
	if !press(lg, c, "enter") {
		t.Fatal("enter not taken")
	}
	out := box(t, "Log", lg, d, "", 60, 10)
	flat := strings.NewReplacer("│", "", "\n", "", " ", "").Replace(out)
	if !strings.Contains(flat, "comebackattheend)") || !strings.Contains(out, "esc") || strings.Contains(out, "an older line") {
		t.Fatalf("the opened line:\n%s", out)
	}
	press(lg, c, "esc")
	if out := box(t, "Log", lg, d, "", 60, 10); !strings.Contains(out, "an older line") {
		t.Fatalf("esc did not close it:\n%s", out)
	}
}

// Wrapped text, a command above all, keeps every character and no line is
// wider than asked: the wrapper may end a line with a space before a
// word starting with '-' ("else [" then "-z"), one cell too many, and the
// pane then cut the line's last cell ("else …"), so a command copied off
// the screen was broken.
func TestHangWrapKeepsEveryCharacterWithinTheWidth(t *testing.T) {
	text := "if grep -qs 'x' /etc/postfix/lab_transport; then echo 'evil.example has a next hop it has, if any, instead of adding another line'; else [ -z \"$(tail -c 1 /etc/postfix/lab_transport 2>/dev/null)\" ] || echo >> /etc/postfix/lab_transport; fi"
	for w := 20; w <= 170; w++ {
		lines := hangWrap("$ ", 2, text, w, plain)
		for _, l := range lines {
			if n := ansi.StringWidth(l); n > w {
				t.Fatalf("width %d: a line of %d cells: %q", w, n, l)
			}
		}
		// Every character, in order; a word longer than the line is
		// broken where it must be.
		nospace := strings.NewReplacer(" ", "", "\n", "", "↪", "")
		if got, want := nospace.Replace(strings.TrimPrefix(strings.Join(lines, ""), "$ ")), nospace.Replace(text); got != want {
			t.Fatalf("width %d: text changed:\n%s\nwant\n%s", w, got, want)
		}
	}
}

// A command wraps at its blanks only: broken after a hyphen
// ("postsuper -" then "h ID") a line copied off the screen is another
// command. A word longer than the line is broken where it must be, and
// the line that goes on with it opens with "↪ ".
func TestWrapBreaksCommandsAtBlanks(t *testing.T) {
	cmd := "postqueue -j | jq -r 'select(.queue_name == \"deferred\") | .queue_id' | postsuper -h - && postsuper -h ABCDEF123"
	for w := 10; w <= 60; w++ {
		lines := wrap(cmd, w)
		rest := cmd
		for i, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: %q is wider", w, l)
			}
			l = strings.TrimPrefix(l, "↪ ")
			if !strings.HasPrefix(rest, l) {
				t.Fatalf("width %d: line %q is not the text's next part %q", w, l, rest)
			}
			rest = rest[len(l):]
			if i < len(lines)-1 && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(lines[i+1], "↪ ") {
				t.Errorf("width %d: broken inside a word after %q with no mark", w, l)
			}
			rest = strings.TrimPrefix(rest, " ")
		}
	}
}

// The table says how many destinations it does not list: it stopped at
// its row limit with nothing to tell the rest existed.
func TestDestinationsSayHowManyMore(t *testing.T) {
	d := fixture()
	d.DestsTotal = 499
	out := box(t, "Destinations", nil, d, "", 80, 10)
	if !strings.Contains(out, "3 of 499") {
		t.Fatalf("no count of the rows left out:\n%s", out)
	}
	d.DestsTotal = len(d.Dests)
	if out := box(t, "Destinations", nil, d, "", 80, 10); strings.Contains(out, " of 3") {
		t.Fatalf("a count with nothing left out:\n%s", out)
	}
}

// A domain too long for its column ends in "…": cut bare, "outlook.co"
// and "ratelimited.exampl" read as other, real domains. The column takes
// the room the pane has to show a name whole.
func TestDomainsCutWithAMark(t *testing.T) {
	d := fixture()
	d.Dests = append(d.Dests, DestRow{Domain: "ratelimited.example", Deferred: 9, TopClass: sources.ClassConnLimit, LastReply: "421 too many"})
	d.Outbound = append(d.Outbound, ConcRow{Name: "outlook.com", Used: 3, Limit: 20}, ConcRow{Name: longDomain, Used: 2, Limit: 20})
	cut := regexp.MustCompile(`a-very-long-[a-z.-]*…`)
	for _, w := range []int{44, 53, 66, 80, 120} {
		for _, pane := range []string{"Destinations", "Concurrency"} {
			out := box(t, pane, nil, d, "", w, 12)
			for _, l := range strings.Split(out, "\n") {
				if strings.Contains(l, "a-very-long-") && !strings.Contains(l, longDomain) && !cut.MatchString(l) {
					t.Errorf("%s at %d columns: a name cut without a mark: %q", pane, w, l)
				}
			}
			// The column is widened rather than cut where the pane has room.
			if w >= 80 && !strings.Contains(out, "ratelimited.example ") && pane == "Destinations" {
				t.Errorf("%s at %d columns: ratelimited.example cut:\n%s", pane, w, out)
			}
			if w >= 66 && pane == "Concurrency" && !strings.Contains(out, "outlook.com ") || w >= 80 && pane == "Concurrency" && !strings.Contains(out, longDomain) {
				t.Errorf("%s at %d columns: a name cut with room to spare:\n%s", pane, w, out)
			}
		}
	}
}

// The history column is headed "15 min" and shows 15 minutes however
// narrow: it kept the newest minutes that fit (8 at 80 columns), and a
// burst 14 minutes ago drew as nothing beside a hint about it.
func TestDestHistoryCoversFifteenMinutes(t *testing.T) {
	spark := make([]float64, 15)
	spark[0] = 3 // 14 minutes ago
	d := &Data{Now: t0, Dests: []DestRow{{Domain: "spark.example", Deferred: 3, TopClass: sources.ClassConnLimit, Spark: spark}}}
	for _, w := range []int{80, 120} {
		out := box(t, "Destinations", nil, d, "", w, 6)
		var row string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "spark.example") {
				row = l
			}
		}
		if !strings.ContainsAny(row, "▁▂▃▄▅▆▇█") {
			t.Errorf("at %d columns the burst 14 minutes ago is not drawn:\n%s", w, out)
		}
	}
	// Two minutes a cell, the newest on the right.
	if got, want := DestSparkline([]float64{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 8), "▄      █"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The error rate's column says its span, as the report's "err/min(5)"
// does: next to a live feed a bare "err/m" read as the rate now.
func TestErrorRateColumnSaysItsSpan(t *testing.T) {
	for _, w := range []int{53, 80, 120} {
		out := box(t, "Destinations", nil, fixture(), "", w, 8)
		if !strings.Contains(out, "err/m5") {
			t.Errorf("at %d columns no span on the rate:\n%s", w, out)
		}
	}
}

// A command wraps between its shell words, each wrapped line ending in
// " \": copied off the screen, the lines are the command. Broken at a
// hyphen of a domain or after "echo >>", the copy printed a broken entry
// and ran the domain's rest.
func TestCommandWrapsStayACommand(t *testing.T) {
	dom := "mail-relay-eu-west-1.notifications.very-long-name.example"
	cmd := "printf '%s\\t%s\\n' " + dom + " 'slow: it'\\''s a b c' \"two words\" x\\ y && echo " + dom + " done >> /dev/null; echo 'the end'"
	want, err := exec.Command("sh", "-c", cmd).CombinedOutput()
	if err != nil {
		t.Skipf("no sh: %v", err)
	}
	for w := len(dom) + 4; w <= 140; w++ {
		lines := cmdWrap(cmd, w)
		for i, l := range lines {
			if n := ansi.StringWidth(l); n > w {
				t.Fatalf("width %d: %q is %d cells", w, l, n)
			}
			if i < len(lines)-1 && !strings.HasSuffix(l, " \\") {
				t.Fatalf("width %d: %q wraps without a mark", w, l)
			}
		}
		got, err := exec.Command("sh", "-c", strings.Join(lines, "\n")).CombinedOutput()
		if err != nil || string(got) != string(want) {
			t.Fatalf("width %d: the wrapped command gives %q (%v), not %q:\n%s", w, got, err, want, strings.Join(lines, "\n"))
		}
	}
	// A command ending in a comment keeps the comment out of the
	// command's lines: a " \\" after a comment continues nothing, and
	// the comment's words ran as commands ("postfix start ...").
	withComment := "echo ok   # or inet_protocols = ipv4 when IPv6 has no route, put into effect by postfix stop; postfix start rather than a reload's; \"x\""
	for w := 12; w <= 140; w++ {
		lines := cmdWrap(withComment, w)
		got, err := exec.Command("sh", "-c", strings.Join(lines, "\n")).CombinedOutput()
		if err != nil || string(got) != "ok\n" {
			t.Fatalf("width %d: the wrapped command with a comment gives %q (%v):\n%s", w, got, err, strings.Join(lines, "\n"))
		}
	}
	// A word longer than a line is split where sh joins it again, with
	// no display mark in it, and no line is wider.
	long := "echo '" + strings.Repeat("x", 50) + "' ok"
	lines := cmdWrap(long, 20)
	for _, l := range lines {
		if ansi.StringWidth(l) > 20 || strings.Contains(l, "↪") {
			t.Fatalf("%q: wider than 20 or marked: %q", l, lines)
		}
	}
	if got, err := exec.Command("sh", "-c", strings.Join(lines, "\n")).CombinedOutput(); err != nil || string(got) != strings.Repeat("x", 50)+" ok\n" {
		t.Fatalf("the long word's lines give %q (%v):\n%s", got, err, strings.Join(lines, "\n"))
	}
}

// The open hint shows its commands wrapped between words: at 80 columns
// a domain was split at its hyphen.
func TestOpenHintCommandKeepsItsDomain(t *testing.T) {
	dom := "mail-relay-eu-west-1.notifications.very-long-name.example"
	cmd := "if grep -qs x /etc/postfix/transport; then echo done; else [ -z \"$(tail -c 1 /etc/postfix/transport 2>/dev/null)\" ] || echo >> /etc/postfix/transport; printf '%s\\t%s\\n' " + dom + " slow: >> /etc/postfix/transport; fi"
	h := analyzers.Hint{ID: "destination_concurrency", Severity: analyzers.SevCritical, Title: "Outbound: x refuses", Steps: []analyzers.Action{{Text: cmd, Command: true}}}
	h.Actions = []string{cmd}
	d := &Data{Now: t0, Hints: []analyzers.Hint{h}, Dests: []DestRow{{Domain: dom, Deferred: 3, Snippet: h.Steps}}}
	c := &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 30}
	p := newHints()
	press(p, c, "enter")
	dp := registryPane(named("Destinations"))
	press(dp, c, "enter")
	for _, out := range []string{box(t, "Hints", p, d, "", 80, 16), box(t, "Destinations", dp, d, "", 80, 20)} {
		if !strings.Contains(out, " "+dom+" ") || strings.Contains(out, "echo >> \n") || strings.Contains(out, "echo >>  ") {
			t.Errorf("the command is split inside a word:\n%s", out)
		}
		if n := len(regexp.MustCompile(` \\ *│`).FindAllString(out, -1)); n < 3 {
			t.Errorf("the wraps are not marked:\n%s", out)
		}
	}
}

// A stale queue reading in a pane of one row shows the first line of why
// it is stale, and marks it cut: the note must not read as whole.
func TestStaleQueueNoteCutWithAMark(t *testing.T) {
	d := fixture()
	d.Queue.Failed = "reading postqueue -j: postqueue: fatal: Queue report unavailable - mail system is down"
	d.Queue.ReadAgo = 62 * time.Second
	for _, w := range []int{60, 80} {
		out := box(t, "Queue", nil, d, "", w, 3)
		row := strings.Split(out, "\n")[1]
		if !strings.HasPrefix(row, "│last read 11:00:00") || !strings.HasSuffix(strings.TrimRight(row, " │"), "…") {
			t.Errorf("at %d columns the note is cut with no mark:\n%s", w, out)
		}
	}
	// Whole in the rows there are, it has no mark.
	if out := box(t, "Queue", nil, d, "", 120, 5); strings.Contains(out, "…") {
		t.Errorf("whole note marked cut:\n%s", out)
	}
	// So does why the log cannot be read, in place of the destinations.
	noLog := &Data{Now: t0, States: []sources.SourceState{{Source: "log", Health: sources.HealthUnavailable,
		Detail: "/var/log/mail.log: permission denied (mode 0640, group adm: add yourself with usermod -aG adm)"}}}
	if out := box(t, "Destinations", nil, noLog, "", 60, 3); !strings.HasSuffix(strings.TrimRight(strings.Split(out, "\n")[1], " │"), "…") {
		t.Errorf("why the log is unread is cut with no mark:\n%s", out)
	}
}

// Prose wraps at its blanks only: a domain is never broken at a hyphen
// as if the line ended there. One longer than a line is broken at the
// width, and its further lines open with "↪ ", the mark that it goes on.
func TestWrapKeepsDomainsWhole(t *testing.T) {
	dom := "mx-01.a-very-long-subdomain.mail-relay.example.com"
	text := "31 deliveries to " + dom + " refused (too many connections)"
	for w := 12; w <= 90; w++ {
		lines := wrap(text, w)
		got := lines[0]
		for _, l := range lines[1:] {
			if rest, ok := strings.CutPrefix(l, "↪ "); ok {
				got += rest
			} else {
				got += " " + l
			}
		}
		if got != text {
			t.Fatalf("width %d: rejoined %q from\n%s", w, got, strings.Join(lines, "\n"))
		}
		for _, l := range lines {
			if n := ansi.StringWidth(l); n > w {
				t.Fatalf("width %d: a line of %d cells: %q", w, n, l)
			}
		}
		if w > len(dom) && !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, dom) }) {
			t.Fatalf("width %d: the domain is broken though it fits a line:\n%s", w, strings.Join(lines, "\n"))
		}
	}
	// In an open hint of a narrow pane: its title and evidence.
	h := analyzers.Hint{ID: "conn_limit", Severity: analyzers.SevCritical, Subject: dom,
		Title: "Outbound: " + dom + " refuses connections", Evidence: []string{text}}
	d := &Data{Now: t0, Hints: []analyzers.Hint{h}}
	p := newHints()
	press(p, &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}, Room: 10}, "enter")
	out := box(t, "Hints", p, d, "", 44, 14)
	for _, row := range strings.Split(out, "\n") {
		if strings.HasSuffix(strings.TrimRight(row, " │"), "-") {
			t.Errorf("a domain broken at a hyphen:\n%s", out)
		}
	}
	if !strings.Contains(out, "↪ ") {
		t.Errorf("a domain broken with no mark:\n%s", out)
	}
}
