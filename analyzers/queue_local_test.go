package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// queueOf is a queue reading whose deferred recipients at each domain wait
// for reason, of class cl.
func queueOf(cl sources.Class, reason string, domains ...string) *sources.QueueSnapshot {
	q := &sources.QueueSnapshot{Time: t0, Queues: map[string]sources.QueueCount{"deferred": {Messages: 12 * len(domains)}}}
	for _, d := range domains {
		dq := sources.DomainQueue{Domain: d, Recipients: 12}
		dq.Classes[cl] = 12
		dq.Samples[cl] = reason
		q.Domains = append(q.Domains, dq)
	}
	return q
}

// A queue whose mail for every domain waits on this host's own next hop (a
// content filter on loopback that refuses connections) is the local
// service's trouble, read from the queue alone: a mailq pasted in a
// ticket, or a host whose log says nothing new.
func TestQueuedMailWaitingOnALocalServiceIsNamed(t *testing.T) {
	e := feed()
	e.SetQueue(queueOf(sources.ClassConnectRefused, "delivery temporarily suspended: connect to 127.0.0.1[127.0.0.1]:10024: Connection refused",
		"a.example", "b.example", "c.example"))
	var h *Hint
	for _, x := range e.Hints(true) {
		if x.Subject == "local service" {
			h = &x
		}
	}
	if h == nil {
		t.Fatalf("no local service hint: %v", hintIDs(e.Hints(true)))
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "36 queued recipients") || !strings.Contains(ev, "127.0.0.1") {
		t.Errorf("evidence %q", h.Evidence)
	}
	if h.Severity != SevCritical {
		t.Errorf("severity %v for 36 recipients waiting", h.Severity)
	}

	// Mail waiting on remote hosts is not this hint's.
	e = feed()
	e.SetQueue(queueOf(sources.ClassConnectRefused, "connect to mx.b.example[192.0.2.7]:25: Connection refused", "b.example"))
	for _, x := range e.Hints(true) {
		if x.Subject == "local service" {
			t.Errorf("local service hint for a remote host: %+v", x)
		}
	}
}

// The queue's top domain whose mail waits on this host's own next hop (a
// content filter down) is not that domain's trouble: the backlog hint
// names the hop, estimates no drain at the domain's concurrency and does
// not say to fix the domain; mail waiting on a remote host keeps them.
func TestQueueBacklogOfALocalHopNamesTheHop(t *testing.T) {
	backlog := func(reason string) Hint {
		t.Helper()
		e := feed()
		q := queueOf(sources.ClassConnectRefused, reason, "example.com")
		q.Queues["deferred"] = sources.QueueCount{Messages: 1200}
		e.SetQueue(q)
		return hintOf(t, e, "queue_backlog")
	}
	h := backlog("connect to 127.0.0.1[127.0.0.1]:10024: Connection refused")
	ev, acts := strings.Join(h.Evidence, "\n"), strings.Join(h.Actions, "\n")
	if !strings.Contains(ev, "127.0.0.1[127.0.0.1]:10024") || strings.Contains(ev, "draining example.com") {
		t.Errorf("evidence for mail waiting on a local filter:\n%s", ev)
	}
	if strings.Contains(acts, "fix example.com first") || !strings.Contains(acts, "127.0.0.1]:10024") {
		t.Errorf("actions for mail waiting on a local filter:\n%s", acts)
	}
	h = backlog("delivery temporarily suspended: connect to private/dovecot-lmtp: No such file or directory")
	if acts := strings.Join(h.Actions, "\n"); strings.Contains(acts, "fix example.com first") || !strings.Contains(acts, "private/dovecot-lmtp") {
		t.Errorf("actions for mail waiting on an LMTP socket:\n%s", acts)
	}

	h = backlog("connect to mx.example.com[192.0.2.7]:25: Connection refused")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "fix example.com first") {
		t.Errorf("mail waiting on a remote host lost its domain's advice:\n%s", acts)
	}
}

// A local hop whose name could not stand in the retry command's jq string
// gets a sentence instead of the command.
func TestQueueBacklogOfAnOddLocalHopGetsNoCommand(t *testing.T) {
	e := feed()
	q := queueOf(sources.ClassConnectRefused, `connect to private/lmtp"x: No such file or directory`, "example.com")
	q.Queues["deferred"] = sources.QueueCount{Messages: 1200}
	e.SetQueue(q)
	acts := strings.Join(hintOf(t, e, "queue_backlog").Actions, "\n")
	if strings.Contains(acts, "jq") || strings.Contains(acts, "fix example.com") || !strings.Contains(acts, "a service on this host") {
		t.Errorf("actions:\n%s", acts)
	}
}

// Read from the log alone (no queue), mail that has waited days on a
// content filter of this host is named by the filter, not its domain.
func TestOldDeferralsAtALocalHopNameTheHop(t *testing.T) {
	var lines []string
	for i := 0; i < 12; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06XG%03X: to=<u%d@example.com>, relay=none, delay=90000, delays=89999/0/1/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
			stamp(i), 600+i, i, i, i))
	}
	acts := strings.Join(hintOf(t, feed(lines...), "queue_backlog").Actions, "\n")
	if strings.Contains(acts, "fix example.com first") || !strings.Contains(acts, "127.0.0.1[127.0.0.1]:10024") {
		t.Errorf("actions:\n%s", acts)
	}
}
