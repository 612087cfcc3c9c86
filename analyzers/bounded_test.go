package analyzers

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"mxtop/sources"
)

// Past max keys, counts fold into the other key: the map stays bounded
// (max keys plus other) and the counts still sum to what was added.
func TestAddBoundedKeepsTotals(t *testing.T) {
	m := map[string]int{}
	line := []byte("key-0000")
	for i := 0; i < 1000; i++ {
		copy(line[4:], fmt.Sprintf("%04d", i%300))
		addBounded(m, string(line), 100, "(other)")
	}
	sum := 0
	for _, n := range m {
		sum += n
	}
	if len(m) != 101 || sum != 1000 || m["(other)"] == 0 {
		t.Errorf("%d keys, sum %d, other %d", len(m), sum, m["(other)"])
	}
	if m["key-0000"] != 4 {
		t.Errorf("key-0000 counted %d times, want 4", m["key-0000"])
	}
}

// A counted key never shares memory with the text it came from, even when
// it was already in the map: a reused line buffer must not change it.
func TestAddBoundedCopiesKeys(t *testing.T) {
	m := map[string]int{}
	buf := []byte("Relay access denied")
	for i := 0; i < 3; i++ {
		addBounded(m, string(buf[:5]), 10, "(other)")
		k := unsafeKey(buf[:5])
		addBounded(m, k, 10, "(other)")
	}
	copy(buf, "XXXXXXXXXXXXXXXXXXX")
	if m["Relay"] != 6 || len(m) != 1 {
		t.Errorf("a key changed with its source text: %v", m)
	}
}

// The metrics' delivery and smtpd counts are keyed by copies of the tag,
// never by the record's text, which a reader may reuse for the next lines.
func TestCountedTagsAreCopies(t *testing.T) {
	e := NewEngine(0)
	buf := []byte("postfix/smtp")
	for i := 0; i < 3; i++ {
		r := sources.Record{Event: sources.EvDelivery, Program: unsafeKey(buf), Daemon: "smtp", Status: sources.StatusSent}
		e.count(&r)
		c := sources.Record{Event: sources.EvConnect, Program: unsafeKey(buf), Daemon: "smtpd"}
		e.count(&c)
	}
	copy(buf, "XXXXXXXXXXXX")
	for k := range e.Deliveries {
		if k.Tag != "postfix/smtp" {
			t.Errorf("delivery key changed with the line: %q", k.Tag)
		}
	}
	for k := range e.Smtpd {
		if k != "postfix/smtp" {
			t.Errorf("smtpd key changed with the line: %q", k)
		}
	}
}

// TestDestinationsFoldLeastRecentlyActive: over many deliveries to a few
// more domains than are tracked, the domains kept are always the most
// recently active ones, as a plain LRU list keeps them, and every delivery
// is counted under a kept domain or in (other).
func TestDestinationsFoldLeastRecentlyActive(t *testing.T) {
	const max = 16
	ds := NewDestinations(max)
	rng := rand.New(rand.NewPCG(3, 4))
	var lru []string // least recently active first
	evicted := 0
	for i := 0; i < 20000; i++ {
		// A narrow or a wide spread of domains, so the table is full
		// or not, and stale entries pile up in both cases.
		spread := 12
		if i/3000%2 == 1 {
			spread = 40
		}
		dom := fmt.Sprintf("d%d.example", rng.IntN(spread))
		if j := slices.Index(lru, dom); j >= 0 {
			lru = slices.Delete(lru, j, j+1)
		} else if len(lru) >= max {
			lru, evicted = lru[1:], evicted+1
		}
		lru = append(lru, dom)
		ds.Feed(&sources.Record{Event: sources.EvDelivery, Domain: dom, Status: sources.StatusSent, Time: t0})
		if ds.Len() != len(lru) || ds.Evicted != evicted {
			t.Fatalf("delivery %d: %d tracked, %d evicted; want %d, %d", i, ds.Len(), ds.Evicted, len(lru), evicted)
		}
		if len(ds.order.refs) > 2*max+1024 {
			t.Fatalf("delivery %d: order of %d entries for %d domains", i, len(ds.order.refs), max)
		}
		for _, d := range lru {
			if _, ok := ds.Lookup(d); !ok {
				t.Fatalf("delivery %d: %s folded, want kept", i, d)
			}
		}
	}
	sent := ds.Other().Sent
	for _, d := range ds.byName {
		sent += d.Sent
	}
	if sent != 20000 {
		t.Errorf("%d deliveries counted, want 20000", sent)
	}
}

// A domain taken in when the table is full starts with nothing of the
// domain it replaced: it is what a table with room would have made of it.
func TestDestinationTakenInStartsClean(t *testing.T) {
	deferred := func(dom, ip string, at time.Time) *sources.Record {
		reason := "host mx." + dom + "[" + ip + "] said: 421 4.7.0 Too many connections"
		return &sources.Record{Event: sources.EvDelivery, Daemon: "smtp", SyslogName: "postfix", Domain: dom,
			Status: sources.StatusDeferred, Class: sources.ClassConnLimit, Time: at, Delay: 30, PID: 100,
			RelayHost: "mx." + dom, RelayIP: ip, Reason: reason, Line: "smtp: " + reason}
	}
	later := t0.Add(time.Minute)
	ds := NewDestinations(2)
	for i := range 5 {
		ds.Feed(deferred("a.example", "192.0.2.1", t0.Add(time.Duration(i)*time.Second)))
	}
	ds.Feed(deferred("b.example", "192.0.2.2", t0.Add(10*time.Second)))
	ds.Feed(deferred("c.example", "192.0.2.3", later)) // folds a.example
	if _, ok := ds.Lookup("a.example"); ok {
		t.Fatal("a.example still tracked")
	}
	if got := ds.Other().Deferred; got != 5 {
		t.Errorf("(other) has %d deferrals, want a.example's 5", got)
	}
	c, ok := ds.Lookup("c.example")
	if !ok {
		t.Fatal("c.example not tracked")
	}
	room := NewDestinations(2)
	room.Feed(deferred("c.example", "192.0.2.3", later))
	want, _ := room.Lookup("c.example")
	got := *c
	got.used = want.used
	if !reflect.DeepEqual(got, *want) {
		t.Errorf("c.example taken in for a.example:\n%+v\nwant, as in a table with room:\n%+v", got, *want)
	}
}
