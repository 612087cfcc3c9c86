package analyzers

import (
	"net/netip"
	"slices"
	"strings"
	"time"

	"mxtop/sources"
)

// Totals counts the whole log's traffic with pflogsumm's grand-total
// meanings, so an admin can hold one report against the other:
// received is smtpd "client=" and pickup lines, less the messages whose
// session ended while the client sent their content (which pflogsumm
// counts, though they never reached the queue); delivered, deferred and
// bounced count recipient records (any delivery agent), deferred messages
// count queue ids; bytes received is each received message's size once,
// bytes delivered its size once per delivered recipient.
type Totals struct {
	Received, Delivered, Forwarded int64
	DeferredMsgs, Deferrals        int64
	Bounced, Expired               int64
	Rejected, Discarded            int64
	BytesReceived, BytesDelivered  int64

	// Hours holds per-hour counts, oldest first, with no gaps; at most
	// maxHours (older hours leave the table, never the totals).
	Hours []HourCounts

	// own are mynetworks' networks, ownAny says it names a table or file
	// of them (setMynetworks).
	own    []netip.Prefix
	ownAny bool

	// Rejects counts inbound rejects by reason (rejectReason); at most
	// maxRejectReasons keys, OtherReason among them for the rest.
	Rejects map[string]int

	// Per-message state (size, already deferred) lives from the first line
	// of a queue id to its "removed". MaxMsgs bounds it: the message least
	// recently received, sized or deferred is forgotten first and counted
	// in MsgsForgotten. A forgotten message that is deferred again counts
	// as one more deferred message, and its later deliveries add no bytes.
	MaxMsgs       int
	MsgsForgotten int64
	msgs          msgTable
	// AcceptedUnknown counts relay legs bounced because the next hop does
	// not know the recipient (recipientNotFound) of messages marked
	// internet: this
	// host accepted a recipient and bounces afterwards, to a sender that
	// may be forged (backscatter).
	AcceptedUnknown seen
	// relayedTo holds, up to relayWideAt, the recipient domains of
	// strangers' mail (msgState.internet) relayed, or tried, to public
	// next hops. A
	// host takes strangers' mail for the few domains it serves; mail
	// relayed to many is a trusted client's (mynetworks, not known here),
	// whose remote bounces go to its real senders: no backscatter.
	relayedTo map[string]struct{}
	// Listed counts the deliveries refused or deferred for this host's
	// listing or reputation (ClassBlocklist), and NullListed those of
	// them that were Postfix's own notices (the null sender): when they
	// are all, the listing is the bounces' doing.
	Listed, NullListed seen
	// Submit, when set, has each message filed by its submitter and the
	// deliveries refused for our reputation counted against it.
	Submit *Submitters
	// RefusedSenders are the envelope senders of the deliveries a relay
	// refused for the sender's domain (sources.SenderRefused), at most
	// maxRefusedSenders of them, with their counts; SendersUnknown counts
	// the refusals of the others, and of messages whose sender is not
	// known (not in the log, or no longer in the table of the latest).
	RefusedSenders []SenderCount
	SendersUnknown int
	// order lists the messages by last use, oldest from head; an entry
	// whose seq no longer matches the message's is stale and skipped.
	// Compacted when over twice the messages kept, so it stays bounded too.
	// It is kept only while tracking: from the first time the map is full
	// (built then from the seqs) until it holds under half of MaxMsgs, as
	// most logs never fill it and a use then costs no append.
	order  useOrder[msgKey]
	seq    uint64
	noHour HourCounts
	// open holds, in a slot by smtpd process id, the message its session
	// opened last: the line that ends a session in the message content
	// names the process, and before Postfix 3.10 no queue id. Cleared at
	// the session's end. A slot costs a store a message where a map
	// entry cost a tenth of the replay's time in the queue's totals; two
	// processes that share one forget the older's message (it is then
	// counted as received, as pflogsumm counts it).
	open []openMsg
}

// openMsg is the message an smtpd process's session opened, and when.
type openMsg struct {
	pid int
	key msgKey
	at  time.Time
}

// openSlots is the length of Totals.open.
const openSlots = 4096

// openSlot is the slot of an smtpd process, nil for a line without a pid.
func (t *Totals) openSlot(pid int) *openMsg {
	if pid <= 0 {
		return nil
	}
	if t.open == nil {
		t.open = make([]openMsg, openSlots)
	}
	return &t.open[pid%openSlots]
}

// HourCounts is one hour of traffic.
type HourCounts struct {
	Start     time.Time `json:"hour"`
	Received  int       `json:"received"`
	Delivered int       `json:"delivered"`
	Deferred  int       `json:"deferred"` // deferrals
	Bounced   int       `json:"bounced"`
	Rejected  int       `json:"rejected"`
}

// msgState is one message in flight, held by value: no allocation per
// message beyond its id (none for a short id), and no pointer.
type msgState struct {
	size int64
	seq  uint64
	// who is 1 + the message's submitter's index in Submit, 0 unknown.
	who int32
	// from is its envelope sender's hash while who is 0 (Submit.sender),
	// or who is a login or a local program, not its sender (Submit.note).
	from     uint32
	received bool // counted in Received, its size not yet in BytesReceived
	// internet marks a message smtpd took without a login from a client
	// with a public address: a stranger's, whose sender may be forged.
	internet bool
	// null marks Postfix's own notices (the null sender): bounces and
	// delay reports, no one's mail of this site.
	null     bool
	sized    bool
	deferred bool
}

// backscatter tells a delivery of a stranger's message bounced by the
// next hop for a recipient it does not know (AcceptedUnknown).
func (m msgState) backscatter(r *sources.Record) bool {
	return m.internet && recipientNotFound(r)
}

// recipientNotFound tells a bounced relay leg (sources.RelayAgents) that
// the next hop refused for a recipient it does not have, in a code of
// sources.RecipientUnknownDSNs or in the words of those that use another.
func recipientNotFound(r *sources.Record) bool {
	if r.Status != sources.StatusBounced || !slices.Contains(sources.RelayAgents, r.Daemon) {
		return false
	}
	return slices.Contains(sources.RecipientUnknownDSNs, r.DSN) ||
		r.Class == sources.ClassRecipient && containsAny(strings.ToLower(r.Reason), sources.RecipientMissingWords)
}

// notOwnMail tells a delivery of a message none of this site's senders
// sent: Postfix's own notice, a stranger's mail that came back as
// backscatter, or a stranger's relay leg to a domain the configuration
// names as this site's own. Receivers hold none against a sender here.
func (t *Totals) notOwnMail(r *sources.Record, cfg *sources.Config) bool {
	if !trackable(r.QueueID) {
		return false
	}
	m, _, ok := t.msgs.get(keyOf(r.QueueID))
	return ok && (m.null || m.backscatter(r) || m.internet && ownDomain(cfg, r.Domain))
}

// msgKey is a queue id as msgTable keys it: a short id's number, else the
// id itself (when stored, the table's own copy).
type msgKey struct {
	hex uint64
	str string
}

// msgTable holds the messages in flight. Postfix's short queue ids (upper
// case hex digits, at most 15 with the inode part) are keyed by a number:
// no copy of the id per message and no text to hash or compare on a
// look-up. Long ids (enable_long_queue_ids) and anything else are keyed by
// the string.
type msgTable struct {
	hex map[uint64]msgState
	str map[string]strMsg
}

// strMsg is a message under a string key, with the map's own copy of it.
type strMsg struct {
	qid string
	msgState
}

func newMsgTable() msgTable {
	return msgTable{hex: map[uint64]msgState{}, str: map[string]strMsg{}}
}

// hexDigit is a byte's value as an upper case hex digit, 0xFF for the rest.
var hexDigit = func() (d [256]byte) {
	for i := range d {
		d[i] = 0xFF
	}
	for c := '0'; c <= '9'; c++ {
		d[c] = byte(c - '0')
	}
	for c := 'A'; c <= 'F'; c++ {
		d[c] = byte(c - 'A' + 10)
	}
	return d
}()

// keyOf reads a short id as its digits' value and its length (so that
// leading zeros count), which no two ids share; other ids keep the string.
func keyOf(qid string) msgKey {
	if len(qid) > 0 && len(qid) <= 15 {
		// One test for all digits at the end: a byte that is none sets
		// the high bits of bad.
		var v uint64
		var bad byte
		for i := 0; i < len(qid); i++ {
			d := hexDigit[qid[i]]
			bad |= d
			v = v<<4 | uint64(d)
		}
		if bad <= 0xF {
			return msgKey{hex: v<<4 | uint64(len(qid))}
		}
	}
	return msgKey{str: qid}
}

// get returns the message under k and, when there is one, k as the
// table holds it (a string key's copy).
func (mt *msgTable) get(k msgKey) (msgState, msgKey, bool) {
	if k.str == "" {
		m, ok := mt.hex[k.hex]
		return m, k, ok
	}
	m, ok := mt.str[k.str]
	if ok {
		k.str = m.qid
	}
	return m.msgState, k, ok
}

// put stores m under k, which must be the table's own: a copy of a string
// key.
func (mt *msgTable) put(k msgKey, m msgState) {
	if k.str == "" {
		mt.hex[k.hex] = m
		return
	}
	mt.str[k.str] = strMsg{k.str, m}
}

func (mt *msgTable) del(k msgKey) {
	if k.str == "" {
		delete(mt.hex, k.hex)
		return
	}
	delete(mt.str, k.str)
}

func (mt *msgTable) len() int { return len(mt.hex) + len(mt.str) }

const (
	maxHours         = 31 * 24
	maxRejectReasons = 100
	defaultMaxMsgs   = 50000
	// OtherReason collects reject reasons past maxRejectReasons.
	OtherReason = "(other)"
)

// NewTotals tracks at most maxMsgs messages in flight (50000 when <= 0).
func NewTotals(maxMsgs int) *Totals {
	if maxMsgs <= 0 {
		maxMsgs = defaultMaxMsgs
	}
	return &Totals{MaxMsgs: maxMsgs, Rejects: map[string]int{}, msgs: newMsgTable()}
}

func trackable(qid string) bool { return qid != "" && qid != "NOQUEUE" }

// use stores m as the most recently used message, adding it (and
// forgetting the least recently used past MaxMsgs) when new.
func (t *Totals) use(k msgKey, m msgState, known bool) {
	if !known {
		if t.msgs.len() >= t.MaxMsgs {
			t.forgetOldest()
		}
		if k.str != "" {
			k.str = strings.Clone(k.str)
		}
	}
	t.seq++
	m.seq = t.seq
	t.msgs.put(k, m)
	if t.order.on() && t.order.used(k, m.seq, t.msgs.len()) {
		if t.msgs.len() < t.MaxMsgs/2 {
			// Far from full again: stop tracking until it is.
			t.order.stop()
		} else {
			t.order.compact(t.current)
		}
	}
}

// current says whether ref is its message's last use.
func (t *Totals) current(ref useRef[msgKey]) bool {
	m, _, ok := t.msgs.get(ref.key)
	return ok && m.seq == ref.seq
}

func (t *Totals) forgetOldest() {
	if !t.order.on() {
		t.order.start(t.msgs.len(), func(add func(msgKey, uint64)) {
			for k, m := range t.msgs.hex {
				add(msgKey{hex: k}, m.seq)
			}
			for qid, m := range t.msgs.str {
				add(msgKey{str: qid}, m.seq)
			}
		})
	}
	if k, ok := t.order.oldest(t.current); ok {
		t.msgs.del(k)
		t.MsgsForgotten++
	}
}

// hour returns the counts of the hour holding ts, nil for a time older
// than the table keeps or no time at all.
func (t *Totals) hour(ts time.Time) *HourCounts {
	if ts.IsZero() {
		return nil
	}
	n := len(t.Hours)
	if n > 0 {
		// Most lines fall in the hour of the line before. An hour starts
		// on a whole second: comparing seconds is comparing times, and
		// cheaper than Sub.
		if d := ts.Unix() - t.Hours[n-1].Start.Unix(); d >= 0 && d < int64(time.Hour/time.Second) {
			return &t.Hours[n-1]
		}
	}
	h := ts.Truncate(time.Hour).UTC()
	if n == 0 {
		t.Hours = append(t.Hours, HourCounts{Start: h})
		return &t.Hours[0]
	}
	last := t.Hours[n-1].Start
	if !h.After(last) {
		// Slightly out-of-order lines land in an hour already open.
		i := n - 1 - int(last.Sub(h)/time.Hour)
		if i < 0 {
			return nil
		}
		return &t.Hours[i]
	}
	gap := int(h.Sub(last) / time.Hour)
	if gap > maxHours {
		t.Hours = t.Hours[:0]
		t.Hours = append(t.Hours, HourCounts{Start: h})
		return &t.Hours[0]
	}
	for i := 1; i <= gap; i++ {
		t.Hours = append(t.Hours, HourCounts{Start: last.Add(time.Duration(i) * time.Hour)})
	}
	if len(t.Hours) > maxHours {
		t.Hours = append(t.Hours[:0], t.Hours[len(t.Hours)-maxHours:]...)
	}
	return &t.Hours[len(t.Hours)-1]
}

// hourOf is hour, with a sink for lines the table no longer holds.
func (t *Totals) hourOf(ts time.Time) *HourCounts {
	if h := t.hour(ts); h != nil {
		return h
	}
	return &t.noHour
}

// Feed counts one record.
func (t *Totals) Feed(r *sources.Record) {
	switch r.Event {
	case sources.EvClient:
		if r.Daemon != "smtpd" {
			return
		}
		t.received(r)
	case sources.EvPickup:
		t.received(r)
	case sources.EvQmgr:
		if r.Size <= 0 || !trackable(r.QueueID) {
			return
		}
		m, k, known := t.msgs.get(keyOf(r.QueueID))
		if m.sized {
			return
		}
		m.size, m.sized = r.Size, true
		m.null = r.From == "" && !r.SenderLost()
		// A lost sender is unknown: filed under no one, least of all
		// the null sender's bounces. A stranger's sender is no one's
		// here, and may be forged.
		if t.Submit != nil && !r.SenderLost() && !m.internet {
			if m.who == 0 {
				m.who, m.from = t.Submit.sender(r.From)
			} else if m.from == 0 {
				// Filed under a login or a program: its sender is
				// kept apart, for a relay that refuses its domain.
				m.from = t.Submit.note(r.From)
			}
		}
		if m.received {
			t.BytesReceived += r.Size
			m.received = false
		}
		t.use(k, m, known)
	case sources.EvDelivery:
		t.delivery(r)
	case sources.EvLostConn:
		if r.Daemon == "smtpd" {
			t.lostInContent(r)
		}
	case sources.EvDisconnect:
		if o := t.openSlot(r.PID); o != nil && o.pid == r.PID && r.Daemon == "smtpd" {
			*o = openMsg{}
		}
	case sources.EvExpired:
		t.Expired++
	case sources.EvRemoved:
		t.msgs.del(keyOf(r.QueueID))
	case sources.EvReject, sources.EvPostscreen:
		if r.Daemon == "smtpd" && !trackable(r.QueueID) {
			// NOQUEUE: this transaction queued nothing, so the message
			// an earlier one opened is no longer the one a break in
			// DATA loses.
			if o := t.openSlot(r.PID); o != nil && o.pid == r.PID {
				*o = openMsg{}
			}
		}
		t.reject(r)
	}
}

func (t *Totals) received(r *sources.Record) {
	t.Received++
	t.hourOf(r.Time).Received++
	if trackable(r.QueueID) {
		m, k, known := t.msgs.get(keyOf(r.QueueID))
		m.received = true
		m.internet = r.Event == sources.EvClient && r.SASLUser == "" && publicAddr(r.ClientIP) && !t.ownNetwork(r.ClientIP)
		if t.Submit != nil {
			if w := t.Submit.submitted(r); w > 0 {
				m.who = w
			}
		}
		t.use(k, m, known)
		if o := t.openSlot(r.PID); o != nil && r.Event == sources.EvClient {
			if k.str != "" {
				_, k, _ = t.msgs.get(k) // the table's own copy of a string key
			}
			*o = openMsg{r.PID, k, r.Time}
		}
	}
}

// lostInContent takes back the message of a session that ended while the
// client sent its content: cleanup removed it, and no queue manager saw it.
func (t *Totals) lostInContent(r *sources.Record) {
	var o openMsg
	if slot := t.openSlot(r.PID); slot != nil && slot.pid == r.PID {
		o, *slot = *slot, openMsg{}
	}
	ok := o.pid != 0
	// NOQUEUE (Postfix 3.10): this transaction queued nothing, and the
	// slot's message, an earlier one's, was received.
	if _, _, in := sources.ContentEnd(r.Message); !in || r.QueueID == "NOQUEUE" {
		return
	}
	k, at := o.key, o.at
	if trackable(r.QueueID) {
		if k = keyOf(r.QueueID); !ok || k != o.key {
			at = r.Time
		}
	} else if !ok {
		return
	}
	m, k, known := t.msgs.get(k)
	if !known || !m.received {
		return
	}
	t.Received--
	t.hourOf(at).Received--
	t.msgs.del(k)
}

func (t *Totals) delivery(r *sources.Record) {
	switch r.Status {
	case sources.StatusSent:
		// local(8) logs an alias or .forward expansion as "sent
		// (forwarded as NEWID)": the new id's deliveries are the ones
		// that count. Most reasons start with a reply code: the first
		// byte rules them out without a call.
		if r.Reason != "" && r.Reason[0] == 'f' && strings.HasPrefix(r.Reason, "forwarded as ") {
			t.Forwarded++
			return
		}
		t.Delivered++
		t.hourOf(r.Time).Delivered++
		if m, _, ok := t.msgs.get(keyOf(r.QueueID)); ok {
			if m.sized {
				t.BytesDelivered += m.size
			}
			t.relayed(r, m)
		}
	case sources.StatusDeferred:
		t.Deferrals++
		t.hourOf(r.Time).Deferred++
		if !trackable(r.QueueID) {
			t.DeferredMsgs++
			return
		}
		m, k, known := t.msgs.get(keyOf(r.QueueID))
		t.listed(r, m.null)
		t.relayed(r, m)
		t.senderRefused(r, m)
		if senderRefusal(r) && t.Submit != nil && !m.internet {
			m.who = t.Submit.refused(m.who, m.from, false)
		}
		if !m.deferred {
			t.DeferredMsgs++
		}
		m.deferred = true
		// Kept fresh on every deferral: a message still retrying is the
		// last to be forgotten.
		t.use(k, m, known)
	case sources.StatusBounced:
		t.Bounced++
		t.hourOf(r.Time).Bounced++
		if trackable(r.QueueID) && strings.HasPrefix(r.DSN, "5.") {
			if m, _, ok := t.msgs.get(keyOf(r.QueueID)); ok {
				t.relayed(r, m)
				if m.backscatter(r) {
					t.AcceptedUnknown.add(r)
				}
			}
		}
		if r.Class == sources.ClassConfigError {
			var m msgState
			if trackable(r.QueueID) {
				m, _, _ = t.msgs.get(keyOf(r.QueueID))
			}
			t.senderRefused(r, m)
		}
		if r.Class == sources.ClassBlocklist {
			var m msgState
			if trackable(r.QueueID) {
				m, _, _ = t.msgs.get(keyOf(r.QueueID))
			}
			t.listed(r, m.null)
		}
		if unknown := unknownRecipient(r); (unknown || senderRefusal(r)) && t.Submit != nil {
			var m msgState
			if trackable(r.QueueID) {
				m, _, _ = t.msgs.get(keyOf(r.QueueID))
			}
			// A relay leg of a stranger's mail is no submitter's here.
			if !m.internet {
				t.Submit.refused(m.who, m.from, unknown)
			}
		}
	}
}

// SenderCount is an envelope sender and how many of its deliveries were
// refused.
type SenderCount struct {
	Sender string
	N      int
}

// maxRefusedSenders bounds Totals.RefusedSenders.
const maxRefusedSenders = 10

// senderRefused counts a delivery of message m that a relay refused for
// its sender's domain under that sender.
func (t *Totals) senderRefused(r *sources.Record, m msgState) {
	if r.Class != sources.ClassConfigError || !sources.SenderRefused(r.Reason) {
		return
	}
	from, ok := "", false
	if t.Submit != nil {
		from, ok = t.Submit.senderOf(m.who, m.from)
	}
	if ok {
		for i := range t.RefusedSenders {
			if t.RefusedSenders[i].Sender == from {
				t.RefusedSenders[i].N++
				return
			}
		}
		if len(t.RefusedSenders) < maxRefusedSenders {
			t.RefusedSenders = append(t.RefusedSenders, SenderCount{strings.Clone(from), 1})
			return
		}
	}
	t.SendersUnknown++
}

// relayWideAt is how many recipient domains of strangers' mail make
// them a trusted relay client's (Totals.relayedTo).
const relayWideAt = 10

// relayed notes the recipient domain of a stranger's message that the
// smtp client delivered, deferred or bounced at a public next hop.
func (t *Totals) relayed(r *sources.Record, m msgState) {
	if !m.internet || len(t.relayedTo) >= relayWideAt || r.Daemon != "smtp" || r.Domain == "" || !publicAddr(r.RelayIP) {
		return
	}
	if t.relayedTo == nil {
		t.relayedTo = map[string]struct{}{}
	}
	if _, ok := t.relayedTo[r.Domain]; !ok {
		t.relayedTo[strings.Clone(r.Domain)] = struct{}{}
	}
}

// RelayWide tells that strangers' mail went to relayWideAt domains or
// more: a relay's trusted client's, not mail for domains this host serves.
func (t *Totals) RelayWide() bool { return len(t.relayedTo) >= relayWideAt }

// listed counts a delivery refused or deferred for this host's listing,
// of a message of the null sender or not.
func (t *Totals) listed(r *sources.Record, null bool) {
	if r.Class != sources.ClassBlocklist {
		return
	}
	t.Listed.add(r)
	if null {
		t.NullListed.add(r)
	}
}

// rejectVerb reads what an smtpd, cleanup or postscreen reject line did:
// reject, discard, or nothing counted (hold, warn, filter, reject_warning).
func rejectVerb(msg string) (verb, rest string) {
	// The verb is the text before the first ':', then a space: one
	// switch instead of a prefix test per verb, as most lines are none.
	i := strings.IndexByte(msg, ':')
	if i < 0 || i+1 >= len(msg) || msg[i+1] != ' ' {
		return "", ""
	}
	switch msg[:i] {
	case "reject", "milter-reject", "proxy-reject":
		return "reject", msg[i+2:]
	case "discard", "milter-discard":
		return "discard", msg[i+2:]
	}
	return "", ""
}

func (t *Totals) reject(r *sources.Record) {
	verb, rest := rejectVerb(r.Message)
	switch verb {
	case "reject":
		t.Rejected++
		t.hourOf(r.Time).Rejected++
		addBounded(t.Rejects, rejectReason(rest), maxRejectReasons-1, OtherReason)
	case "discard":
		t.Discarded++
	}
}

// rejectReason groups a reject by what the admin acts on, as pflogsumm
// does: the DNSBL for "blocked using", else Postfix's reason text without
// the reply code, the address, and the details after ';' or ','.
// rest is the line after "reject: ": "RCPT from host[ip]: 554 5.7.1 <a@b>:
// Relay access denied; from=<...> ...".
func rejectReason(rest string) string {
	stage, detail, _ := strings.Cut(rest, " ")
	if stage == "header" || stage == "body" {
		// cleanup: "header Subject: x from host[ip]; from=<> to=<> proto=ESMTP helo=<h>: 5.7.1 text"
		if i := strings.LastIndex(detail, ">: "); i >= 0 && strings.LastIndex(detail, "; from=<") < i {
			if s := stripReplyCode(detail[i+3:]); s != "" {
				return clip(s, 80)
			}
		}
		return stage + " check"
	}
	if strings.HasPrefix(detail, "from ") {
		_, detail, _ = strings.Cut(detail, ": ")
	} else if strings.HasPrefix(stage, "END-OF-MESSAGE:") {
		detail = strings.TrimPrefix(rest, "END-OF-MESSAGE: ")
	}
	if i := strings.Index(detail, "blocked using "); i >= 0 {
		list := detail[i+len("blocked using "):]
		if j := strings.IndexAny(list, ";, "); j >= 0 {
			list = list[:j]
		}
		return "blocked using " + list
	}
	detail = stripReplyCode(detail)
	if strings.HasPrefix(detail, "<") {
		if i := strings.Index(detail, ">: "); i >= 0 {
			detail = detail[i+3:]
		}
	}
	if i := strings.IndexAny(detail, ";,"); i >= 0 {
		detail = detail[:i]
	}
	for _, p := range [...]string{"Recipient address rejected: ", "Sender address rejected: "} {
		if strings.HasPrefix(detail, p) {
			if i := strings.IndexByte(detail[len(p):], ':'); i >= 0 {
				detail = detail[:len(p)+i]
			}
		}
	}
	detail = strings.TrimSpace(detail)
	if detail == "" {
		return "(no reason given)"
	}
	return clip(detail, 80)
}

// stripReplyCode drops a leading "554 " and "5.7.1 ".
func stripReplyCode(s string) string {
	if len(s) >= 4 && s[3] == ' ' && isDigits(s[:3]) {
		s = s[4:]
	}
	if i := strings.IndexByte(s, ' '); i >= 5 && s[1] == '.' && s[0] >= '2' && s[0] <= '5' && isDigits(strings.ReplaceAll(s[:i], ".", "")) {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ownNetwork tells a client address in mynetworks (Totals.own): this
// site's own, a hosting server's with a public address among them. A
// mynetworks with a table or a file in it is not read, and every client
// may be the site's own.
func (t *Totals) ownNetwork(ip string) bool {
	if t.ownAny {
		return true
	}
	return len(t.own) > 0 && t.listedOwn(ip)
}

// setMynetworks reads mynetworks' value ("127.0.0.0/8 [::1]/128
// 198.51.100.20, hash:/etc/postfix/network_table") into the prefixes
// ownNetwork checks.
func (t *Totals) setMynetworks(v string) {
	t.own, t.ownAny = nil, false
	for _, f := range listItems(v) {
		f = strings.ReplaceAll(strings.ReplaceAll(f, "[", ""), "]", "")
		if p, err := netip.ParsePrefix(f); err == nil {
			t.own = append(t.own, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			t.own = append(t.own, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		if strings.ContainsAny(f, ":/") {
			// A table (hash:...) or a file of networks, or a
			// $parameter it names.
			t.ownAny = true
		}
	}
}

// publicAddr tells, by its first bytes alone, whether a client address is
// one on the Internet: not loopback, RFC 1918, shared (100.64.0.0/10),
// link-local or unique-local. A name or an empty text is not.
func publicAddr(ip string) bool {
	if len(ip) < 2 {
		return false
	}
	if strings.IndexByte(ip, ':') >= 0 {
		low := strings.ToLower(ip)
		return low != "::1" && !strings.HasPrefix(low, "fc") && !strings.HasPrefix(low, "fd") && !strings.HasPrefix(low, "fe80") && !strings.HasPrefix(low, "::ffff:")
	}
	if ip[0] < '0' || ip[0] > '9' {
		return false
	}
	a, rest, ok := strings.Cut(ip, ".")
	if !ok {
		return false
	}
	b, _, _ := strings.Cut(rest, ".")
	switch a {
	case "10", "127", "0":
		return false
	case "192":
		return b != "168"
	case "169":
		return b != "254"
	case "172":
		return !(len(b) == 2 && b >= "16" && b <= "31")
	case "100":
		return !(len(b) >= 2 && (len(b) == 2 && b >= "64" || len(b) == 3 && b <= "127"))
	}
	return true
}

// senderRefusal tells a delivery that receivers refused for what its
// sender sent: a listing or reputation verdict, the content, a cap on
// the volume sent over a window of time, mail to many addresses that do
// not exist. Submitters
// counts them by submitter. A recipient that does not exist is a wrong
// address, no verdict on the sender: counted apart (UnknownBy).
func senderRefusal(r *sources.Record) bool {
	return r.Class == sources.ClassBlocklist || r.Class == sources.ClassContent ||
		r.Class == sources.ClassSendQuota || r.Class == sources.ClassBadRecipients
}
