package analyzers

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"mxtop/sources"
)

// The estimate counts each process seen in the ten seconds before now
// once, however the ring holds them: as a plain count of distinct pids.
func TestConcurrencyEstimateCountsDistinctPids(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	now := time.Unix(1_800_000_000, 0)
	for k := 0; k < 2000; k++ {
		var d Dest
		for i := range d.pids {
			if rng.IntN(5) == 0 {
				continue // an empty slot
			}
			d.pids[i] = pidSeen{pid: 1 + rng.IntN(1+k%40) + k%3*100000, t: now.Unix() - int64(rng.IntN(14)) + 1}
		}
		want := map[int]bool{}
		for _, p := range d.pids {
			if p.pid != 0 && p.t >= now.Unix()-10 && p.t <= now.Unix() {
				want[p.pid] = true
			}
		}
		if got := d.ConcurrencyEstimate(now); got != len(want) {
			t.Fatalf("ring %v: estimate %d, want %d", d.pids, got, len(want))
		}
	}
}

// A destination's peak estimate and its estimate at the first refusal are
// those of estimating after every delivery, though Feed skips estimates
// that cannot raise the peak.
func TestPeakEstimateMatchesEveryDelivery(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ds := NewDestinations(0)
	type ref struct{ peak, refusal int }
	want := map[string]*ref{}
	now := time.Unix(1_800_000_000, 0)
	for i := 0; i < 20000; i++ {
		now = now.Add(time.Duration(rng.IntN(3000)) * time.Millisecond)
		dom := []string{"a.example", "b.example", "c.example"}[rng.IntN(3)]
		r := sources.Record{Event: sources.EvDelivery, Time: now, Domain: dom, Daemon: "smtp", SyslogName: "postfix",
			PID: 1 + rng.IntN(1+i%60), RelayIP: "192.0.2.1", Status: sources.StatusSent}
		if rng.IntN(50) == 0 {
			r.Status, r.Class = sources.StatusDeferred, sources.ClassConnLimit
		}
		d := ds.Feed(&r)
		w := want[dom]
		if w == nil {
			w = &ref{refusal: -1}
			want[dom] = w
		}
		est := d.ConcurrencyEstimate(now)
		w.peak = max(w.peak, est)
		if r.Class == sources.ClassConnLimit && w.refusal < 0 {
			w.refusal = est
		}
	}
	for dom, w := range want {
		d, _ := ds.Lookup(dom)
		if w.refusal < 0 {
			w.refusal = 0
		}
		if d.PeakEstimate != w.peak || d.ConcAtRefusal != w.refusal {
			t.Errorf("%s: peak %d, at refusal %d; estimating after every delivery: %d, %d", dom, d.PeakEstimate, d.ConcAtRefusal, w.peak, w.refusal)
		}
	}
}

// The count of deliveries in the window is a plain count over the ring,
// whether the deliveries came in time order or not.
func TestInWindowCountsTheRing(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var d Dest
	now := int64(1_800_000_000)
	for i := 0; i < 50000; i++ {
		switch rng.IntN(40) {
		case 0:
			now -= int64(rng.IntN(30)) // a line out of order
		case 1:
			now += int64(rng.IntN(60))
		default:
			now += int64(rng.IntN(2))
		}
		pid := rng.IntN(20) // 0 now and then: no pid logged
		d.addPid(pid, now)
		for _, at := range []int64{now, now + int64(rng.IntN(20)) - 10} {
			want := 0
			for _, p := range d.pids {
				if p.pid != 0 && p.t >= at-10 && p.t <= at {
					want++
				}
			}
			if got := d.inWindow(time.Unix(at, 0)); got != want {
				t.Fatalf("delivery %d at %d: %d in the window, want %d (ring %v)", i, at, got, want, d.pids)
			}
		}
	}
}

// Every next-hop address maps to the domain that last used it, though a
// delivery through a known hop skips the look-up when nothing can have
// changed it: domains sharing addresses and more addresses than are kept.
func TestDomainOfIPIsTheLastUser(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	ds := NewDestinations(0)
	want := map[string]string{}
	var order []string
	for i := 0; i < 3*maxIPs; i++ {
		dom := fmt.Sprintf("d%d.example", rng.IntN(30))
		ip := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255) // new, to fill the table
		switch {
		case i%100 == 0:
			// One domain alone uses its address, which leaves the
			// table as new ones come, though nothing else changes.
			dom, ip = "solo.example", "198.51.100.1"
		case i > maxIPs && i < 5*maxIPs/2:
		case rng.IntN(4) != 0:
			ip = fmt.Sprintf("192.0.2.%d", rng.IntN(12)) // shared by the domains
		}
		ds.Feed(&sources.Record{Event: sources.EvDelivery, Domain: dom, Daemon: "smtp", RelayIP: ip, RelayHost: "mx", Status: sources.StatusSent, Time: time.Unix(1_800_000_000+int64(i), 0)})
		if _, ok := want[ip]; !ok {
			if len(order) >= maxIPs {
				delete(want, order[0])
				order = order[1:]
			}
			order = append(order, ip)
		}
		want[ip] = dom
		if got, _ := ds.DomainOfIP(ip); got != dom {
			t.Fatalf("delivery %d: %s maps to %q, want %q", i, ip, got, dom)
		}
		if i%5000 == 0 || i == 3*maxIPs-1 {
			if len(ds.ips) != len(want) {
				t.Fatalf("delivery %d: %d addresses kept, want %d", i, len(ds.ips), len(want))
			}
			for ip, dom := range want {
				if got := ds.ips[ip]; got != dom {
					t.Fatalf("delivery %d: %s maps to %q, want %q", i, ip, got, dom)
				}
			}
		}
	}
}

// The title quotes the refusal's own reply code: Microsoft counts this
// host's connections with a 451 (4.7.652), others with 421 or 450.
func TestConnLimitTitleQuotesTheReplyCode(t *testing.T) {
	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 5E%08X: to=<u%d@example.com>, relay=example-com.mail.protection.outlook.com[203.0.113.%d]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.652, status=deferred (host example-com.mail.protection.outlook.com[203.0.113.%d] said: 451 4.7.652 The mail server [198.51.100.3] has exceeded the maximum number of connections. (S3115) (in reply to MAIL FROM command))",
			stamp(i*10), 900+i, i, i, i, i))
	}
	dc := hintIDs(feed(lines...).Hints(true))["destination_concurrency"]
	if len(dc) != 1 {
		t.Fatalf("want a destination_concurrency hint, got %+v", dc)
	}
	if !strings.Contains(dc[0].Title, "451 too many connections") || strings.Contains(dc[0].Title, "421") {
		t.Errorf("title should quote the 451 the server sent: %q", dc[0].Title)
	}
}
