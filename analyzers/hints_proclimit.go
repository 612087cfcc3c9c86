package analyzers

import (
	"fmt"
	"slices"
	"time"

	"mxtop/sources"
)

// A service at its process limit (master_avail.c: "service %s (%s) has
// reached its process limit %d", at most once per 1000 s) has every
// process busy. More processes are the fix only when they are busy with
// mail and the machine has room; processes held by something slow, or
// by clients that send nothing, are not helped by more of them, and a
// machine short of memory or CPU is made worse.

// procWarnEvery is the master's least time between two process-limit
// warnings for one service (master_avail.c).
const procWarnEvery = 1000 * time.Second

// procSlowCause is a cause, seen in the log, that holds smtpd's
// processes without work: each process waits on it instead of taking a
// client. Its fix comes before any raise of maxproc.
type procSlowCause struct {
	name string // what holds the processes, in Postfix's terms
	// entries are the knowledge base's entries that tell it; stalls
	// counts smtpd's sessions that ended with no command done instead.
	entries []string
	fails   string // or every entry that Fails this
	stalls  bool
	min     int // the fewest lines in the window that make it a cause
	// flood marks a cause more processes feed: no raise is offered,
	// not even as a stopgap.
	flood bool
	fix   string
	// behindPostscreen, when set, stands for fix where postscreen runs
	// in front of smtpd: the clients passed its tests.
	behindPostscreen string
}

// procSlowCauses lists the causes in the order their fixes are given.
var procSlowCauses = []procSlowCause{
	{name: "a milter that does not answer in time", fails: "milter", min: 1,
		fix: "fix the milter first (its service, its own load, the socket in smtpd_milters): each smtpd waits on it up to milter_connect_timeout (30s), milter_command_timeout (30s) and milter_content_timeout (300s), and milter_default_action says what becomes of the mail meanwhile"},
	{name: "a before-queue content filter that does not answer", entries: []string{"proxy_filter_timeout", "proxy_filter_lost", "proxy_filter_unreachable"}, min: 1,
		fix: "fix the smtpd_proxy_filter first: each smtpd holds its client while the filter scans (smtpd_proxy_timeout, 100s); the filter's own process count must match smtpd's maxproc"},
	{name: "a policy service that does not answer", entries: []string{"policy_server_timeout"}, min: 1,
		fix: "fix the policy service first (check_policy_service in smtpd_*_restrictions): each smtpd waits on it up to smtpd_policy_service_timeout (100s)"},
	{name: "DNS or DNSBL lookups that time out", entries: []string{"dnsblog_reply_timeout", "opendkim_key_query_timeout"}, min: 3,
		fix: "fix DNS first: a local caching resolver (unbound) in /etc/resolv.conf answers DNSBL and reverse lookups at once; each smtpd and dnsblog waits on a slow one (postscreen_dnsbl_timeout, 10s)"},
	{name: "clients that connect and send nothing (lost connection after CONNECT, timeout after a command)", stalls: true, min: 20, flood: true,
		fix:              "stop them first: postscreen in front of smtpd (smtp inet ... postscreen and smtpd pass in master.cf, if it is not there yet) keeps bots and scanners from holding smtpd's processes, and anvil's smtpd_client_connection_count_limit and smtpd_client_connection_rate_limit bound each client; a lower smtpd_timeout (e.g. 30s under stress, STRESS_README) frees a waiting process sooner; more processes only feed them",
		behindPostscreen: "stop them first: postscreen runs in front of smtpd and these clients passed it, so its tests let them through: enforce them, postscreen_greet_action = enforce, and postscreen_dnsbl_sites (a DNSBL such as zen.spamhaus.org, behind a caching resolver) with postscreen_dnsbl_action = enforce; for the worst, the deep protocol tests (postscreen_bare_newline_enable, postscreen_non_smtp_command_enable, postscreen_pipelining_enable = yes, with postscreen_bare_newline_action = enforce), which delay a new client's first mail as greylisting does; anvil's smtpd_client_connection_count_limit and smtpd_client_connection_rate_limit bound each client; a lower smtpd_timeout (e.g. 30s under stress, STRESS_README) frees a waiting process sooner; more processes only feed them"},
}

// procSlowSeen is one cause seen in the window, with its count.
type procSlowSeen struct {
	*procSlowCause
	n int
}

// slowCauses are the slow causes the window shows.
func (c *hintCtx) slowCauses() []procSlowSeen {
	var out []procSlowSeen
	for i := range procSlowCauses {
		sc := &procSlowCauses[i]
		n := 0
		if sc.stalls {
			n = int(c.count(&c.e.Inbound.Stalls, c.e.Inbound.StallsTotal))
			// A third of the connections or more: what every server
			// sees all day is not a flood.
			if 3*n < int(c.count(&c.e.Inbound.Connects, c.e.Inbound.ConnectsTotal)) {
				n = 0
			}
		} else {
			n = int(c.mostOfKnown(func(k *sources.Known) bool {
				return (sc.fails != "" && k.Fails == sc.fails) || slices.Contains(sc.entries, k.ID)
			}))
		}
		if n >= sc.min {
			out = append(out, procSlowSeen{sc, n})
		}
	}
	return out
}

// postscreenRuns tells whether postscreen takes smtpd's clients first:
// master.cf, as read, runs it, or its lines are in the log.
func (c *hintCtx) postscreenRuns() bool {
	if c.e.Inbound.postscreenSeen {
		return true
	}
	if c.cfg != nil {
		for _, svc := range c.cfg.Services {
			if svc.Command == "postscreen" {
				return true
			}
		}
	}
	return false
}

// machineShort tells why the machine has no room for more processes
// (load at or above its CPUs, or under a tenth of its memory available,
// over its last readings), "" when it has room or was not read.
func (c *hintCtx) machineShort() string {
	h := c.e.LoadHistory
	if len(h) == 0 {
		return ""
	}
	load, mem, cpus := recentLoad(h)
	switch {
	case h[len(h)-1].MemTotal > 0 && mem < 0.1:
		return fmt.Sprintf("available memory %.0f%%", 100*mem)
	case load >= float64(cpus):
		return fmt.Sprintf("load average %.1f on %d CPUs", load, cpus)
	}
	return ""
}

// procLimitNotice is the advice for one process-limit warning with
// nothing else: a peak, until the timing says otherwise.
func procLimitNotice(key string) []Action {
	steps := []Action{
		say("one warning is a moment's peak, or processes held by something slow: see which before raising maxproc"),
		say("read the minutes before it: smtpd's connect from / disconnect from times (long sessions), and milter, policy, DNS or DNSBL timeouts nearby"),
		cmd("ps -C smtpd --no-headers | wc -l   # smtpd processes now"),
	}
	if plausibleService(key) {
		steps = append(steps, cmd(shellCmd("postconf -F", key+"/process_limit")))
	}
	return append(steps, say("raise the limit only if the warning repeats while the processes are busy with mail and memory allows"))
}

// remoteRefusals counts the deliveries in the window that remote
// servers deferred for too many connections or too high a rate.
func (c *hintCtx) remoteRefusals() int {
	n := 0
	for _, cl := range []sources.Class{sources.ClassConnLimit, sources.ClassRateLimit} {
		n += int(c.count(&c.e.ClassRing[cl], c.e.Classes[cl]))
	}
	return n
}
