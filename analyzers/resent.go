package analyzers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"mxtop/sources"
)

// After the end of data (smtp_proto.c's "sending end of data -- message
// may be sent more than once") the server may have taken the message
// while its reply never reached this host: the session broke, or
// smtp_data_done_timeout ran out. Postfix defers the message and sends it
// again at the next retry, so the same queue id deferred so again and
// again to one destination is most likely a copy in the recipient's
// mailbox on every try. resentTracker keeps those queue ids.

// maxResent bounds the queue ids kept; a flood beyond it is told by the
// ones kept.
const maxResent = 512

// endOfDataStage is the smtp client's words for the stage (xfer_states
// in smtp_proto.c), in "lost connection with HOST while ..." and
// "conversation with HOST timed out while ...".
const endOfDataStage = "while sending end of data"

// resentMsg is one message deferred after its end of data.
type resentMsg struct {
	domain, relay, to string
	tries             int
	maxD              float64 // the longest last stage (delays=a/b/c/d: d), s
	timedOut          bool    // this host's timer ran out, not the session
	done              bool    // delivered, returned or expired since
	sample            string
	last              time.Time
}

type resentTracker struct {
	byID  map[string]*resentMsg
	order []string
}

// feed takes a delivery record.
func (t *resentTracker) feed(r *sources.Record) {
	if r.Event != sources.EvDelivery || r.QueueID == "" || r.Daemon != "smtp" {
		return
	}
	m := t.byID[r.QueueID]
	if r.Status != sources.StatusDeferred {
		if m != nil && (m.to == "" || r.To == m.to) {
			m.done = true
		}
		return
	}
	// A destination's deferral of mail it never tried ("delivery
	// temporarily suspended: ...") quotes an earlier reason: no copy.
	if !strings.Contains(r.Reason, endOfDataStage) || strings.HasPrefix(r.Reason, "delivery temporarily suspended") ||
		ownNextHop(r.RelayHost, r.RelayIP) {
		return
	}
	if m == nil {
		if len(t.order) >= maxResent {
			t.evict(r.Time)
		}
		if t.byID == nil {
			t.byID = map[string]*resentMsg{}
		}
		m = &resentMsg{domain: strings.Clone(r.Domain), relay: strings.Clone(r.RelayHost), to: strings.Clone(r.To)}
		t.byID[strings.Clone(r.QueueID)] = m
		t.order = append(t.order, strings.Clone(r.QueueID))
	}
	// A retry comes minimal_backoff_time (300 s by default) or more
	// after the try before: the same line at the same second is the log
	// read twice (a pasted log, two syslog paths), not another copy.
	// Lines without a time are taken as they come.
	if m.tries > 0 && !r.Time.IsZero() && r.Time.Equal(m.last) {
		return
	}
	m.tries++
	m.done = false
	m.maxD = max(m.maxD, r.Delays[3])
	m.timedOut = m.timedOut || strings.Contains(r.Reason, " timed out "+endOfDataStage)
	m.sample = keepText(r.Line)
	if r.Time.After(m.last) {
		m.last = r.Time
	}
}

// evict makes room: it forgets the messages that went or were last
// deferred long before now, or else the oldest one.
func (t *resentTracker) evict(now time.Time) {
	keep := t.order[:0]
	for _, id := range t.order {
		if m := t.byID[id]; m.done || !now.IsZero() && now.Sub(m.last) > resentRecent {
			delete(t.byID, id)
		} else {
			keep = append(keep, id)
		}
	}
	t.order = keep
	if len(t.order) >= maxResent {
		delete(t.byID, t.order[0])
		t.order = slices.Delete(t.order, 0, 1)
	}
}

// holdSteps are the commands that hold each queue id, every value
// quoted; an id that is no Postfix queue id gets a sentence.
func holdSteps(ids []string) []Action {
	var out []Action
	bad := false
	for _, id := range ids {
		if sources.ValidQueueID(id) {
			out = append(out, cmd(shellCmd("postsuper", "-h", id)))
		} else if !bad {
			bad = true
			out = append(out, say("a queue id in these lines is no Postfix queue id (letters and digits only), so no command is given for it: find the message in postqueue -p by its recipient and hold it with postsuper -h and its id"))
		}
	}
	return out
}

// resentRecent is how long a live view keeps a message deferred so: its
// retries come up to maximal_backoff_time (4000 s by default) apart.
const resentRecent = 2 * time.Hour

// resentShown bounds the hold commands one hint gives.
const resentShown = 10

// ruleResentAtEndOfData: messages deferred more than once after their
// end of data, still queued.
func ruleResentAtEndOfData(c *hintCtx) []Hint {
	t := &c.e.Resent
	var ids, dests, samples []string
	var maxD float64
	timedOut := false
	var last time.Time
	copies := 0
	for _, id := range t.order {
		m := t.byID[id]
		if !m.resent(c) {
			continue
		}
		ids = append(ids, id)
		copies += m.tries
		if dom := SanitizeLine(m.domain); !slices.Contains(dests, dom) {
			dests = append(dests, dom)
		}
		if len(samples) < 3 {
			samples = append(samples, m.sample)
		}
		maxD = max(maxD, m.maxD)
		timedOut = timedOut || m.timedOut
		if m.last.After(last) {
			last = m.last
		}
	}
	if len(ids) == 0 {
		return nil
	}
	timeout, where := 600, "600 s by default"
	if s, ok := c.cfg.Seconds("smtp_data_done_timeout"); ok && s > 0 {
		timeout, where = s, fmt.Sprintf("%d s here", s)
	}
	shown := ids[:min(len(ids), resentShown)]
	steps := []Action{say(fmt.Sprintf("these hold the message%s, which stops the copies while the cause is found: a held message stays queued and is not tried; release it with postsuper -H QUEUEID once the cause is fixed, or delete it with postsuper -d QUEUEID when the recipient confirms a copy arrived", plural(len(ids))))}
	steps = append(holdSteps(shown), steps...)
	if len(ids) > len(shown) {
		steps = append(steps, say(fmt.Sprintf("%d more such messages: postqueue -p lists them under the same destination; hold them the same way", len(ids)-len(shown))))
	}
	slow := say(fmt.Sprintf("minutes in the last stage (delays=a/b/c/d: d of %.0f s%s): the server took the data and its reply never came: a content scanner or a milter at the receiver that takes longer than this host waits (smtp_data_done_timeout, %s; the line then says \"timed out\"), or a firewall or NAT on the way that forgets an idle connection while the scanner works (a NAT gateway's idle timeout of a few minutes; the line then says \"lost connection\" at about the same d every time); the receiver's log has the message as accepted, its postmaster can tell which", maxD, nearTimeout(maxD, timeout), where))
	fast := say("seconds in the last stage, and only for large messages: full-size packets of the message are lost on the way and the final dot's reply never comes back (a path MTU black hole: a tunnel, VPN or PPPoE link behind a firewall that drops ICMP 'fragmentation needed'): test with ping -M do -s 1472 MXHOST, and clamp the TCP MSS on the router (--clamp-mss-to-pmtu) or let ICMP type 3 code 4 through")
	if maxD >= float64(timeout)/4 || timedOut {
		steps = append(steps, slow, fast)
	} else {
		steps = append(steps, fast, slow)
	}
	if len(dests) == 1 {
		steps = append(steps, say("one destination only ("+dests[0]+"): the receiver's side (its scanner, its firewall): tell its postmaster, by another way than mail to that domain, the queue ids, times and this host's address; they can confirm the copies and fix the wait"))
	} else {
		steps = append(steps, say("several destinations ("+strings.Join(dests[:min(len(dests), 5)], ", ")+"): this host's side of the path (its firewall's or NAT's idle timeout for TCP, a proxy or an SMTP-inspecting firewall, the uplink's MTU)"))
	}
	return []Hint{{
		ID: "firewall", Severity: SevCritical, Side: "outbound", Subject: strings.Join(dests[:min(len(dests), 5)], ", "),
		Title: "Outbound: messages sent more than once: the reply to their end of data never came, and each retry sends another copy",
		Evidence: []string{fmt.Sprintf("%d message%s deferred more than once each after the end of data (\"message may be sent more than once\"), %d times in all: the recipient likely has a copy of every try; destinations: %s",
			len(ids), plural(len(ids)), copies, strings.Join(dests[:min(len(dests), 5)], ", "))},
		Samples:  samples,
		Steps:    steps,
		Cautions: []string{"do not raise smtp_data_done_timeout or retry sooner on a guess: a longer wait helps only when d shows the receiver answering just after it, and every retry is another copy to the recipient; postqueue -f sends them all again at once"},
		last:     last,
	}}
}

// resent tells whether the hint counts m: deferred so more than once,
// still queued, and in a live view lately.
func (m *resentMsg) resent(c *hintCtx) bool {
	return m.tries >= 2 && !m.done && (c.whole || c.e.Now.Sub(m.last) <= resentRecent)
}

// resentCopies is how many deferrals after the end of data the hint
// counts: a knowledge-base notice of no more such lines than that tells
// nothing it does not (Known.EndOfData).
func resentCopies(c *hintCtx) int {
	n := 0
	for _, m := range c.e.Resent.byID {
		if m.resent(c) {
			n += m.tries
		}
	}
	return n
}

// nearTimeout says when d is at this host's own limit.
func nearTimeout(d float64, timeout int) string {
	if d >= float64(timeout)*0.95 {
		return ", at smtp_data_done_timeout"
	}
	return ""
}
