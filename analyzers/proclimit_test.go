package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// procWarn is the master's process-limit warning for smtp on port 25
// (master_avail.c), dressed as prefixed says.
func procWarn(sec int) string {
	return prefixed(sec, `postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`)
}

// procFollow is the line the master writes after it.
func procFollow(sec int) string {
	return prefixed(sec, `postfix/master[1]: warning: to avoid this condition, increase the process count in master.cf or reduce the service time per client`)
}

// procHint feeds the lines with smtp's maxproc 100 in master.cf and the
// machine's readings, and returns the process_limit hint.
func procHint(t *testing.T, machine *sources.MachineReading, lines ...string) Hint {
	t.Helper()
	e := NewEngine(0)
	svc := sources.Service{Name: "smtp", Type: "inet", MaxProcRaw: "100", MaxProc: 100}
	e.SetConfig(&sources.Config{Params: map[string]string{}, Explicit: map[string]string{}, Services: []sources.Service{svc}})
	if machine != nil {
		e.SetMachine(*machine)
	}
	feedInto(e, lines...)
	hs := hintIDs(e.Hints(true))["process_limit"]
	if len(hs) != 1 {
		t.Fatalf("process_limit hints: %+v", hs)
	}
	return hs[0]
}

var roomy = &sources.MachineReading{CPUs: 4, Load1: 0.8, MemTotal: 8 << 30, MemAvail: 4 << 30}

// raises tells whether a hint offers a raise of maxproc, as a command
// or a change to apply.
func raises(h Hint) bool {
	return len(h.Changes) > 0 || strings.Contains(strings.Join(h.Actions, "\n"), "process_limit = ")
}

// withHeader runs f with the lines of a syslog header, without one,
// and behind docker compose's prefix.
func withHeader(t *testing.T, f func(t *testing.T, at func(int) int)) {
	t.Run("syslog", func(t *testing.T) { f(t, func(s int) int { return s }) })
	t.Run("bare", func(t *testing.T) { f(t, func(int) int { return -1 }) })
	t.Run("compose", func(t *testing.T) { f(t, func(s int) int { return composeAt + s }) })
}

// One warning with nothing else over more than the master's 1000 s
// between warnings is a moment's peak or a slow process: a notice with
// how to check, not a raise.
func TestProcessLimitOnceIsANotice(t *testing.T) {
	for _, at := range []func(int) int{func(s int) int { return s }, func(s int) int { return composeAt + s }} {
		later := prefixed(at(1500), "postfix/smtpd[700]: connect from mail.example.net[198.51.100.7]")
		h := procHint(t, roomy, procWarn(at(0)), procFollow(at(0)), later)
		acts := strings.Join(h.Actions, "\n")
		if h.Severity != SevInfo || raises(h) || !strings.Contains(acts, "postconf -F smtp/inet/process_limit") || !strings.Contains(acts, "connect from") {
			t.Errorf("severity %v, changes %v, actions:\n%s", h.Severity, h.Changes, acts)
		}
		// A raise may still come if it repeats: the cautions say how.
		if c := strings.Join(h.Cautions, "\n"); !strings.Contains(c, "before raising maxproc") || strings.Contains(c, "do not help") {
			t.Errorf("a notice's cautions:\n%s", c)
		}
	}
}

// The master logs the warning at most once per 1000 s: one warning in a
// log that ends sooner after it, or in lines without their times (a
// ticket's paste), may be a shortage still going on, and keeps the raise.
func TestProcessLimitOnceInAShortLogStillRaises(t *testing.T) {
	withHeader(t, func(t *testing.T, at func(int) int) {
		lines := []string{procWarn(at(0)), procFollow(at(0))}
		if at(0) >= 0 {
			lines = append(lines, prefixed(at(300), "postfix/smtpd[700]: connect from mail.example.net[198.51.100.7]"))
		}
		h := procHint(t, roomy, lines...)
		if h.Severity != SevWarning || !raises(h) {
			t.Errorf("severity %v, changes %v, actions:\n%s", h.Severity, h.Changes, strings.Join(h.Actions, "\n"))
		}
	})
}

// The warning again, nothing slow seen and a machine with room: the
// raise, to twice the limit.
func TestProcessLimitRepeatedRaisesWithRoom(t *testing.T) {
	withHeader(t, func(t *testing.T, at func(int) int) {
		h := procHint(t, roomy, procWarn(at(0)), procFollow(at(0)), procWarn(at(1100)), procFollow(at(1100)))
		acts := strings.Join(h.Actions, "\n")
		if h.Severity != SevCritical || len(h.Changes) != 1 || h.Changes[0].Value != "200" || !strings.Contains(acts, "postconf -F 'smtp/inet/process_limit = 200'") {
			t.Errorf("severity %v, changes %v, actions:\n%s", h.Severity, h.Changes, acts)
		}
	})
}

// Processes held by something slow: its fix first, and the raise only
// as a stopgap (never a change to apply), or not at all when more
// processes feed the cause.
func TestProcessLimitSlowCauseFirst(t *testing.T) {
	for _, c := range []struct {
		name, line string
		n          int
		first      string
		stopgap    bool
	}{
		{"milter", `postfix/smtpd[%d]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_BODYEOB reply packet header: Connection timed out`, 1, "milter_command_timeout", true},
		{"dnsbl", `postfix/postscreen[%d]: warning: dnsblog reply timeout 10s for zen.spamhaus.org`, 5, "caching resolver", true},
		{"proxy", `postfix/smtpd[%d]: warning: timeout talking to proxy 127.0.0.1:10024`, 2, "smtpd_proxy_filter", true},
		{"stalls", `postfix/smtpd[%d]: lost connection after CONNECT from unknown[203.0.113.9]`, 40, "postscreen", false},
		{"timeouts", `postfix/smtpd[%d]: timeout after EHLO from unknown[203.0.113.9]`, 40, "smtpd_timeout", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			withHeader(t, func(t *testing.T, at func(int) int) {
				lines := []string{procWarn(at(0)), procWarn(at(1100))}
				for i := range c.n {
					l := fmt.Sprintf(c.line, 200+i)
					if c.name == "stalls" || c.name == "timeouts" {
						lines = append(lines, prefixed(at(10+i), fmt.Sprintf("postfix/smtpd[%d]: connect from unknown[203.0.113.9]", 200+i)))
					}
					lines = append(lines, prefixed(at(10+i), l))
				}
				h := procHint(t, roomy, lines...)
				acts := strings.Join(h.Actions, "\n")
				if len(h.Changes) > 0 || len(h.Actions) == 0 || !strings.Contains(h.Actions[0], c.first) {
					t.Fatalf("changes %v, actions:\n%s", h.Changes, acts)
				}
				if got := strings.Contains(acts, "stopgap") && raises(h); got != c.stopgap {
					t.Errorf("stopgap raise %v, want %v:\n%s", got, c.stopgap, acts)
				}
				if !c.stopgap && raises(h) {
					t.Errorf("a raise that feeds the cause:\n%s", acts)
				}
			})
		})
	}
}

// composeAt marks a time for a line as docker compose shows it: the
// container's name before a syslog line.
const composeAt = 1 << 20

// prefixed gives a line a syslog header when sec >= 0, and docker
// compose's prefix too when sec >= composeAt; none when sec < 0, as a
// container's own output or a ticket shows it.
func prefixed(sec int, l string) string {
	switch {
	case sec < 0:
		return l
	case sec >= composeAt:
		return "mailserver-1  | " + stamp(sec-composeAt) + " mx " + l
	}
	return stamp(sec) + " mx " + l
}

// A few clients that hang up is what every server sees: no flood.
func TestProcessLimitFewStallsStillRaise(t *testing.T) {
	lines := []string{procWarn(0), procWarn(1100)}
	for i := range 100 {
		lines = append(lines, prefixed(10+i, fmt.Sprintf("postfix/smtpd[%d]: connect from mail%d.example.net[198.51.100.%d]", 300+i, i, 1+i)))
	}
	for i := range 20 {
		lines = append(lines, prefixed(200+i, fmt.Sprintf("postfix/smtpd[%d]: lost connection after CONNECT from unknown[203.0.113.%d]", 300+i, 1+i)))
	}
	if h := procHint(t, roomy, lines...); len(h.Changes) != 1 {
		t.Errorf("20 hang-ups among 100 connections held back the raise: %q", h.Actions)
	}
}

// A machine short of memory or CPU gets no raise: more processes make
// every one of them slower.
func TestProcessLimitNoRaiseOnAShortMachine(t *testing.T) {
	for name, m := range map[string]*sources.MachineReading{
		"memory": {CPUs: 4, Load1: 0.5, MemTotal: 8 << 30, MemAvail: 400 << 20},
		"load":   {CPUs: 2, Load1: 6, MemTotal: 8 << 30, MemAvail: 4 << 30},
	} {
		t.Run(name, func(t *testing.T) {
			withHeader(t, func(t *testing.T, at func(int) int) {
				h := procHint(t, m, procWarn(at(0)), procWarn(at(1100)))
				acts := strings.Join(h.Actions, "\n")
				if raises(h) || !strings.Contains(h.Actions[0], "do not raise maxproc") || strings.Contains(acts, "postfix reload") {
					t.Errorf("changes %v, actions:\n%s", h.Changes, acts)
				}
			})
		})
	}
}

// The smtp client's transport at its maxproc: a raise opens more
// connections to servers that already answer 421 for too many of them,
// and slows a machine with no room; neither gets it.
func TestOutboundProcessLimitNoRaiseIntoRefusals(t *testing.T) {
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 100 smtpd\nsmtp unix - - y - 4 smtp\n"), 100)
	hint := func(m sources.MachineReading, lines ...string) Hint {
		t.Helper()
		e := feed(lines...)
		e.SetConfig(&sources.Config{Params: map[string]string{}, Explicit: map[string]string{}, Services: svcs})
		m.MasterPID, m.Services = 1, map[string]int{"smtp/unix": 4}
		e.SetMachine(m)
		for _, h := range hintIDs(e.Hints(true))["process_limit"] {
			if h.Subject == "smtp/unix" {
				return h
			}
		}
		t.Fatal("no process_limit hint for smtp/unix")
		return Hint{}
	}
	room := sources.MachineReading{CPUs: 4, Load1: 0.5, MemTotal: 8 << 30, MemAvail: 4 << 30}
	sent := deliv(1, "a.example", "sent", "250 ok")
	if h := hint(room, sent); len(h.Changes) != 1 || h.Changes[0].Value != "8" {
		t.Errorf("busy with mail, room to spare: %q %v", h.Actions, h.Changes)
	}
	var refused []string
	for i := range 5 {
		refused = append(refused, deliv(2+i, "big.example", "deferred", "host mx.big.example[192.0.2.1] refused to talk to me: 421 4.7.0 mx.big.example Error: too many connections from 203.0.113.5"))
	}
	if h := hint(room, append([]string{sent}, refused...)...); raises(h) || !strings.Contains(h.Actions[0], "already refuse") {
		t.Errorf("421 too many connections: %q %v", h.Actions, h.Changes)
	}
	short := sources.MachineReading{CPUs: 2, Load1: 5, MemTotal: 8 << 30, MemAvail: 4 << 30}
	if h := hint(short, sent); raises(h) || !strings.Contains(h.Actions[0], "no room") {
		t.Errorf("load 5 on 2 CPUs: %q %v", h.Actions, h.Changes)
	}
}

// The cautions agree with the steps: a hint that offers no raise does
// not tell how to raise safely, and says why more processes do not help.
func TestProcessLimitCautionsFollowTheRaise(t *testing.T) {
	short := &sources.MachineReading{CPUs: 2, Load1: 6, MemTotal: 8 << 30, MemAvail: 4 << 30}
	for _, c := range []struct {
		name    string
		machine *sources.MachineReading
		raise   bool
	}{
		{"room", roomy, true},
		{"short", short, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := procHint(t, c.machine, procWarn(0), procWarn(1100))
			if raises(h) != c.raise {
				t.Fatalf("raise %v, want %v: %q", raises(h), c.raise, h.Actions)
			}
			cautions := strings.Join(h.Cautions, "\n")
			howTo := strings.Contains(cautions, "before raising maxproc") || strings.Contains(cautions, "default_process_limit raises")
			if howTo != c.raise {
				t.Errorf("raise %v, but the cautions tell how to raise: %v\n%s", c.raise, howTo, cautions)
			}
			if !c.raise && !strings.Contains(cautions, "more processes") {
				t.Errorf("no raise, and the cautions do not say why:\n%s", cautions)
			}
		})
	}
}

// Clients that hold smtpd's processes without sending anything, where
// postscreen already runs in front of smtpd, passed its tests: the
// advice is to enforce them, not to put postscreen in front.
func TestProcessLimitFloodPastPostscreen(t *testing.T) {
	stalls := func(postscreen bool) Hint {
		lines := []string{procWarn(0), procWarn(1100)}
		for i := range 40 {
			ip := fmt.Sprintf("203.0.113.%d", 1+i)
			if postscreen {
				lines = append(lines, prefixed(5+i, fmt.Sprintf("postfix/postscreen[90]: CONNECT from [%s]:4%04d to [192.0.2.1]:25", ip, i)),
					prefixed(5+i, fmt.Sprintf("postfix/postscreen[90]: PASS OLD [%s]:4%04d", ip, i)))
			}
			lines = append(lines, prefixed(10+i, fmt.Sprintf("postfix/smtpd[%d]: connect from unknown[%s]", 200+i, ip)),
				prefixed(10+i, fmt.Sprintf("postfix/smtpd[%d]: lost connection after CONNECT from unknown[%s]", 200+i, ip)))
		}
		return procHint(t, roomy, lines...)
	}
	h := stalls(false)
	if !strings.Contains(h.Actions[0], "postscreen in front of smtpd") {
		t.Errorf("without postscreen: %q", h.Actions[0])
	}
	h = stalls(true)
	first := h.Actions[0]
	if strings.Contains(first, "postscreen in front of smtpd") || !strings.Contains(first, "passed") ||
		!strings.Contains(first, "postscreen_greet_action = enforce") || !strings.Contains(first, "postscreen_dnsbl_sites") {
		t.Errorf("with postscreen running: %q", first)
	}
	if raises(h) {
		t.Errorf("a raise that feeds the flood: %q", h.Actions)
	}
}
