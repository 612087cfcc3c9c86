package analyzers

import (
	"fmt"
	"hash/maphash"
	"strings"

	"mxtop/sources"
)

// Submitters files each message by who put it into the queue (a SASL
// login on smtpd's client= line, a local program through pickup, else the
// envelope sender qmgr logs) and counts, per submitter, the deliveries
// receivers refused for this host's IP's listing or reputation. Mail that
// gets an IP listed comes from one abused login, script or relay more
// often than not, and that is what must stop before anything else. The
// filing lives in Totals' per-message state (msgState.who), which already
// follows every queue id from its first line to its removal. Mail smtpd
// took without a login from a public address is a stranger's (msgState.
// internet), relayed on: filed under no one, its refusals not counted.
type Submitters struct {
	who []submitter
	// index has a map per kind, keyed by name alone: a string key is
	// hashed faster than a struct of two.
	index [numSubmitKinds]map[string]int32
	// RefusedBy counts, per index in who, the deliveries of messages it
	// submitted refused for a listing, reputation or their content, and
	// UnknownBy those bounced for recipients that do not exist: wrong
	// addresses, kept apart as they say nothing of a listing's cause.
	RefusedBy, UnknownBy []int
	// clients are the client addresses each login submitted from since
	// its mail was first refused, at most maxLoginClients apiece.
	clients map[int32]map[string]struct{}
	// listed is set at the first refusal for our reputation. Messages are
	// filed by envelope sender only from then on: a lookup for every
	// message would cost each qmgr line a map lookup on logs where no one
	// is listed, and fill who with senders never refused. Before, a
	// message keeps its sender's hash, and recent the latest senders'
	// names in slots chosen by it, so that the messages queued before the
	// first refusal are filed at their own (fromHash).
	listed bool
	recent []senderSlot
}

// senderSlot is an envelope sender in the table of the latest ones: its
// name is copied into the slot, not allocated per message.
type senderSlot struct {
	hash uint32
	n    uint8
	name [maxSubmitName]byte
}

// senderSlots is the length of the table of the latest senders (a power
// of two).
const senderSlots = 1024

var senderSeed = maphash.MakeSeed()

// submitter is how a message entered the queue.
type submitter struct {
	kind submitKind
	name string
}

// submitKind is how a message entered the queue.
type submitKind uint8

const (
	bySASL   submitKind = iota // a SASL login to smtpd
	byPickup                   // sendmail on this host, through pickup
	bySender                   // unknown: its envelope sender
	numSubmitKinds
)

const (
	maxSubmitters   = 1000
	maxLoginClients = 100
	maxSubmitName   = 128
)

// submitted is 1 + the index of the submitter a record names for its
// message (smtpd's client= line with sasl_username=, pickup's line), 0
// for a record that names none or when no more submitters fit.
func (s *Submitters) submitted(r *sources.Record) int32 {
	switch {
	case r.Event == sources.EvClient && r.SASLUser != "":
		i := s.indexOf(bySASL, r.SASLUser)
		// Addresses are noted once the login's mail has been refused:
		// two more map lookups on every submission would cost more than
		// the rest of this, and only a refused login's are ever shown.
		if i >= 0 && r.ClientIP != "" && (s.RefusedBy[i] > 0 || s.UnknownBy[i] > 0) {
			s.addClient(i, r.ClientIP)
		}
		return i + 1
	case r.Event == sources.EvPickup:
		return s.indexOf(byPickup, r.From) + 1
	}
	return 0
}

// sender is 1 + the index of a message's envelope sender, for a message
// whose submission the log does not hold (or that a content filter
// queued again). Before any refusal for our reputation it is 0, and hash
// is the sender's in the table of the latest ones (never 0).
func (s *Submitters) sender(from string) (who int32, hash uint32) {
	if s.listed {
		return s.indexOf(bySender, from) + 1, 0
	}
	return 0, s.note(from)
}

// note puts an envelope sender in the table of the latest ones and
// returns its hash (never 0).
func (s *Submitters) note(from string) (hash uint32) {
	if len(from) > maxSubmitName {
		from = from[:maxSubmitName]
	}
	if s.recent == nil {
		s.recent = make([]senderSlot, senderSlots)
	}
	hash = uint32(maphash.String(senderSeed, from)) | 1
	if sl := &s.recent[hash&(senderSlots-1)]; sl.hash != hash {
		sl.hash, sl.n = hash, uint8(copy(sl.name[:], from))
	}
	return hash
}

// senderOf is the envelope sender of the message filed under who, or
// else whose sender had that hash, while the table of the latest senders
// still holds it; ok is false when neither says.
func (s *Submitters) senderOf(who int32, hash uint32) (sender string, ok bool) {
	if who > 0 && int(who) <= len(s.who) && s.who[who-1].kind == bySender {
		return s.who[who-1].name, true
	}
	if hash != 0 && s.recent != nil {
		if sl := &s.recent[hash&(senderSlots-1)]; sl.hash == hash {
			return string(sl.name[:sl.n]), true
		}
	}
	return "", false
}

// refused counts a delivery refused for our reputation (in UnknownBy when
// unknown says it bounced for a recipient that does not exist), of the
// message filed under who (0: unknown), or else whose sender had that
// hash before the first refusal while the table of the latest senders
// still holds it; the message's submitter is returned.
func (s *Submitters) refused(who int32, hash uint32, unknown bool) int32 {
	s.listed = true
	if who == 0 && hash != 0 && s.recent != nil {
		if sl := &s.recent[hash&(senderSlots-1)]; sl.hash == hash {
			who = s.indexOf(bySender, string(sl.name[:sl.n])) + 1
		}
	}
	by := s.RefusedBy
	if unknown {
		by = s.UnknownBy
	}
	if who > 0 && int(who) <= len(by) {
		by[who-1]++
	}
	return who
}

// indexOf is the index of the submitter of that kind and name, added when
// new; -1 when no more submitters fit.
func (s *Submitters) indexOf(kind submitKind, name string) int32 {
	if len(name) > maxSubmitName {
		name = name[:maxSubmitName]
	}
	i, ok := s.index[kind][name]
	if ok {
		return i
	}
	if len(s.who) >= maxSubmitters {
		return -1
	}
	if s.index[kind] == nil {
		s.index[kind] = map[string]int32{}
	}
	name = strings.Clone(name)
	i = int32(len(s.who))
	s.who = append(s.who, submitter{kind, name})
	s.RefusedBy = append(s.RefusedBy, 0)
	s.UnknownBy = append(s.UnknownBy, 0)
	s.index[kind][name] = i
	return i
}

// addClient notes a client address login i submitted from.
func (s *Submitters) addClient(i int32, ip string) {
	if s.clients == nil {
		s.clients = map[int32]map[string]struct{}{}
	}
	m := s.clients[i]
	if m == nil {
		m = map[string]struct{}{}
		s.clients[i] = m
	}
	if _, ok := m[ip]; !ok && len(m) < maxLoginClients {
		m[strings.Clone(ip)] = struct{}{}
	}
}

// top is the submitter of most refused deliveries counted in by
// (RefusedBy or UnknownBy) when it accounts for at least three of them
// and half of the total, those whose submitter is known.
func (s *Submitters) top(by []int) (w submitter, n, total, clients int, ok bool) {
	best := -1
	for i, c := range by {
		total += c
		if c > 0 && (best < 0 || c > by[best]) {
			best = i
		}
	}
	if best < 0 || by[best] < 3 || 2*by[best] < total {
		return submitter{}, 0, 0, 0, false
	}
	return s.who[best], by[best], total, len(s.clients[int32(best)]), true
}

// advice is the evidence naming the submitter of most refused mail,
// counted in by, and the step that stops it, or nothing when no one
// submitter stands out. listed says the refusals are a listing of this
// host's address, after which delisting is asked for.
func (s *Submitters) advice(by []int, listed bool) (evidence string, step Action, ok bool) {
	w, n, total, clients, ok := s.top(by)
	if !ok {
		return "", Action{}, false
	}
	share := fmt.Sprintf("%d of the %d refused deliveries whose submission the log holds were", n, total)
	name := fmt.Sprintf("%q", w.name)
	switch {
	case w.kind == bySASL:
		from := "1 client address"
		if clients != 1 {
			from = fmt.Sprintf("%d client addresses", clients)
		}
		return fmt.Sprintf("%s of mail submitted by SASL login %s (from %s since its mail was first refused)", share, name, from),
			say(fmt.Sprintf("unless login %s sent this mail itself (logins from addresses its owner never uses are a stolen password), lock it first: change its password or disable it, then delete its queued mail (postqueue -j lists each message's sender; postsuper -d - takes their queue ids); if it did (a newsletter, an application's notices), keep its mail queued and make it wanted before sending more: recipients who asked for it, a working unsubscribe, SPF, DKIM and DMARC aligned with its From: domain%s", name, delistAfter(listed))), true
	case w.kind == byPickup:
		return fmt.Sprintf("%s of mail submitted on this host through sendmail (pickup) with sender %s", share, name),
			say(fmt.Sprintf("find the program that submits mail as %s on this host (pickup's uid= names its user); if it is not mail this site means to send (a web form or CMS script abused to send spam, as a rule), stop it first, then delete its queued mail, and meanwhile authorized_submit_users can refuse that user; if it is (a newsletter, an application's notices), keep it queued and make it wanted before sending more: recipients who asked for it, a working unsubscribe, SPF, DKIM and DMARC aligned with its From: domain", name)), true
	case w.name == "":
		return fmt.Sprintf("%s of mail with the null sender: this host's own bounces and delay notices", share),
			say("these are this host's bounces: when they return spam to forged senders (backscatter) they are what gets the IP listed; reject unknown recipients during the SMTP session instead of bouncing later (reject_unlisted_recipient, and relay_recipient_maps for relayed domains), drop or quarantine spam instead of bouncing it, and delete the queued bounces"), true
	default:
		return fmt.Sprintf("%s of mail with envelope sender %s", share, name),
			say(fmt.Sprintf("find who submits mail as %s (grep the queue ids of its messages: smtpd's client= and sasl_username= say which client or login, pickup's uid= which local user); if it is not mail this site means to send, stop it first, then delete its queued mail: mail from strangers that no login sent means relaying is open, so check that mynetworks holds no address they can arrive from (a container network's gateway, a NAT router); if it is (a newsletter, an application's notices), keep it queued and make it wanted before sending more: recipients who asked for it, a working unsubscribe, SPF, DKIM and DMARC aligned with its From: domain", name)), true
	}
}

// queueSenderAdvice names the envelope sender of most queued messages
// when it holds at least 100 and half of them: a flood to stop before any
// tuning of the queue.
func queueSenderAdvice(q *sources.QueueSnapshot) (evidence string, step Action, ok bool) {
	queued := q.Queues["deferred"].Messages + q.Queues["active"].Messages
	if len(q.Senders) == 0 || queued == 0 {
		return "", Action{}, false
	}
	top := q.Senders[0]
	if top.Sender == "(other)" || top.Messages < 100 || 2*top.Messages < queued {
		return "", Action{}, false
	}
	if top.Sender == "" {
		return fmt.Sprintf("%d of the %d queued messages have the null sender: this host's bounces and delay notices", top.Messages, queued),
			say("bounces fill the queue: when they return spam to forged senders (backscatter), reject unknown recipients during the SMTP session instead of bouncing later (reject_unlisted_recipient, and relay_recipient_maps for relayed domains), drop or quarantine spam instead of bouncing it, and delete the queued bounces before retuning anything"), true
	}
	name := fmt.Sprintf("%q", top.Sender)
	if len(top.Sender) > maxSubmitName {
		name = fmt.Sprintf("%q", top.Sender[:maxSubmitName])
	}
	return fmt.Sprintf("%d of the %d queued messages are from envelope sender %s", top.Messages, queued, name),
		say(fmt.Sprintf("find out whether the mail of %s is wanted before retuning retries or concurrency: a queue one sender fills is a stolen login, a script or relaying as often as a campaign (postqueue -j lists each message's sender; its client= and sasl_username= lines in the log say who submitted it); if it is not wanted, stop it where it enters (lock the login, stop the script, close the relay), then delete its messages with postsuper -d", name)), true
}

// delistAfter is the end of the step that locks a login: for a listing,
// that delisting comes after.
func delistAfter(listed bool) string {
	if listed {
		return "; ask for delisting only after"
	}
	return ""
}
