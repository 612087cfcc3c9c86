package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// The destination detail's snippet and the destination_concurrency hint
// suggest the same limit, computed from the destination's own transport:
// here relay, whose limit (4) is below smtp's (20), so half of smtp's
// limit capped at 5 would be above what relay already allows.
func TestThrottleSnippetAgreesWithHint(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("relay_destination_concurrency_limit = 4\nsmtp_destination_concurrency_limit = 20\n"))
	e := NewEngine(0)
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	feedInto(e, repeat(3, func(i int) string {
		return stamp(i) + " mx postfix/relay/smtp[5]: 1A2B3C4D5E: to=<u@big.example>, relay=mx.big.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.0, status=deferred (" + tooMany + ")"
	})...)
	var hint *Hint
	for _, h := range e.Hints(true) {
		if h.ID == "destination_concurrency" {
			hint = &h
		}
	}
	if hint == nil {
		t.Fatal("no destination_concurrency hint")
	}
	want := "slow_destination_concurrency_limit = 2"
	if !strings.Contains(strings.Join(hint.Actions, "\n"), want) {
		t.Errorf("hint actions lack %q: %q", want, hint.Actions)
	}
	if !strings.Contains(strings.Join(texts(e.ThrottleSnippet("big.example", true)), "\n"), want) {
		t.Errorf("snippet lacks %q: %q", want, texts(e.ThrottleSnippet("big.example", true)))
	}
}

// The ulimit evidence compares the master's descriptors with the master's
// own limit, not with the lowest limit of any Postfix process.
func TestUlimitUsesTheMastersLimit(t *testing.T) {
	e := NewEngine(0)
	e.SetMachine(sources.MachineReading{MasterPID: 1, MasterFDs: 900, MasterFDLimit: 65536, PostfixFDLimit: 1024, CPUs: 1})
	for _, h := range e.Hints(false) {
		if h.ID == "ulimit" {
			t.Fatalf("master at 900 of 65536 descriptors fired %+v", h)
		}
	}
	e.SetMachine(sources.MachineReading{MasterPID: 1, MasterFDs: 1000, MasterFDLimit: 1024, PostfixFDLimit: 65536, CPUs: 1})
	found := false
	for _, h := range e.Hints(false) {
		found = found || h.ID == "ulimit" && strings.Contains(strings.Join(h.Evidence, " "), "1000 descriptors of its limit 1024")
	}
	if !found {
		t.Fatal("master at 1000 of its 1024 descriptors fired no ulimit hint")
	}
}

// The destination_concurrency hint's structured changes say what its shell
// actions say: the domain to the slow transport in the transport map,
// the slow service, and the limit.
func TestHintChangesAgreeWithActions(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("relay_destination_concurrency_limit = 4\nsmtp_destination_concurrency_limit = 20\ntransport_maps = hash:/etc/postfix/transport\n"))
	e := NewEngine(0)
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp unix - - n - - smtp\nrelay unix - - n - - smtp\n"), 100)
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	feedInto(e, repeat(3, func(i int) string {
		return stamp(i) + " mx postfix/relay/smtp[5]: 1A2B3C4D5E: to=<u@big.example>, relay=mx.big.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.0, status=deferred (" + tooMany + ")"
	})...)
	var hint *Hint
	for _, h := range e.Hints(true) {
		if h.ID == "destination_concurrency" {
			hint = &h
		}
	}
	if hint == nil {
		t.Fatal("no destination_concurrency hint")
	}
	acts := strings.Join(hint.Actions, "\n")
	want := []ConfigChange{
		{Map: "hash:/etc/postfix/transport", Key: "big.example", Value: "slow:"},
		{Service: "slow/unix", Value: "slow unix - - n - - smtp"},
		{Param: "slow_destination_concurrency_limit", Value: "2"},
		{Param: "slow_destination_concurrency_failed_cohort_limit", Value: "10"},
	}
	if fmt.Sprint(hint.Changes) != fmt.Sprint(want) {
		t.Fatalf("changes %+v, want %+v", hint.Changes, want)
	}
	for _, c := range hint.Changes {
		if c.Param != "" && !strings.Contains(acts, c.Param+" = "+c.Value) || c.Service != "" && !strings.Contains(acts, c.Service+"="+c.Value) {
			t.Errorf("%v is not in the actions:\n%s", c, acts)
		}
	}
}

// Apply (a) does what a hint's commands say and no more: every
// structured change appears among its actions as the postconf command
// that makes it. The hints whose actions are plain configuration edits
// carry them as changes, so a can apply them.
func TestAppliedChangesAreTheActions(t *testing.T) {
	e := labEngine(t)
	feedInto(e, repeat(6, func(i int) string {
		return stamp(i) + " mx postfix/smtp[5]: 1A2B3C4D5E: to=<u@rated.example>, relay=mx.rated.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.0, status=deferred (host mx.rated.example[192.0.2.1] said: 421 4.7.0 Rate limit exceeded, sending too fast (in reply to end of DATA command))"
	})...)
	wantChanges := map[string]bool{"destination_concurrency": true, "rate_delay": true, "process_limit": true, "inbound_limits": true, "connection_reuse": true}
	seen := map[string]bool{}
	for _, h := range e.Hints(true) {
		acts := strings.Join(h.Actions, "\n")
		for _, c := range h.Changes {
			var cmd string
			switch {
			case c.Param != "":
				cmd = postconfSet(c.Param, c.Value)
			case c.Service != "":
				cmd = shellCmd("postconf -M", c.Service+"="+c.Value)
			case c.Field != "":
				cmd = shellCmd("postconf -F", c.Field+" = "+c.Value)
			case c.ServiceParam != "":
				cmd = shellCmd("postconf -P", c.ServiceParam+" = "+c.Value)
			case c.Map != "":
				cmd = c.Key
			}
			if !strings.Contains(acts, cmd) {
				t.Errorf("%s %s: change %v is not among the actions (%s):\n%s", h.ID, h.Subject, c, cmd, acts)
			}
		}
		if wantChanges[h.ID] && strings.Contains(acts, "postconf -") {
			seen[h.ID] = true
			if len(h.Changes) == 0 {
				t.Errorf("%s %s: its configuration commands have no structured change for a:\n%s", h.ID, h.Subject, acts)
			}
		}
	}
	for id := range wantChanges {
		if !seen[id] {
			t.Errorf("the fixture fires no %s hint with commands", id)
		}
	}
}

// A destination that refused at a concurrency the sockets and the log
// both measured is given half the lower of the two: each counts high (a
// socket still closing or waiting in the receiver's backlog, a process
// that already finished), most on a loaded machine, where both read 4 or
// 5 at a receiver that refused above 2; a limit too low delays mail while
// one too high leaves the refusals as they were.
func TestThrottleTakesTheLowerMeasure(t *testing.T) {
	for _, c := range []struct {
		sockets, estimate, peak, want int
	}{
		{4, 3, 0, 1},
		{3, 5, 0, 1},
		{4, 0, 0, 2},
		{0, 4, 0, 2},
		{5, 1, 0, 2}, // an estimate of one says nothing
		{0, 10, 0, 5},
		{0, 2, 0, 1},
		// No reading at the refusal: the most sockets ever held to the
		// destination bound an estimate that counted processes which
		// did not overlap (a loaded machine's slow deliveries).
		{0, 5, 3, 1},
		{0, 5, 8, 2},
		{0, 5, 1, 2}, // one socket says nothing either
	} {
		e := NewEngine(0)
		if c.peak > 0 {
			e.PeakSockets["big.example"] = c.peak
		}
		d := &Dest{Domain: "big.example", SocketsAtRefusal: c.sockets, ConcAtRefusal: c.estimate}
		ctx := &hintCtx{e: e, now: e.Now, cfg: e.Config}
		if got := ctx.throttle(d).suggest; got != c.want {
			t.Errorf("sockets %d, estimate %d, peak sockets %d: suggests %d, want %d", c.sockets, c.estimate, c.peak, got, c.want)
		}
	}
}
