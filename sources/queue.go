package sources

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// QueueNames are Postfix's queues in the order mxtop shows them.
var QueueNames = [...]string{"maildrop", "incoming", "active", "deferred", "hold"}

// AgeBuckets are qshape's upper bounds in minutes; the last bucket is
// everything older than 1280.
var AgeBuckets = [...]int{5, 10, 20, 40, 80, 160, 320, 640, 1280}

// NumAgeBuckets is len(AgeBuckets)+1 (the 1280+ bucket).
const NumAgeBuckets = len(AgeBuckets) + 1

// ShowqAgeBuckets are postfix_exporter's upper bounds, in seconds, for the
// age of queued messages.
var ShowqAgeBuckets = [...]float64{1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// QueueCount sums one queue.
type QueueCount struct {
	Messages   int
	Recipients int
	Bytes      int64
	Oldest     time.Time // arrival of the oldest message; zero when empty
	// Ages counts messages by age over ShowqAgeBuckets (a message falls in
	// the first bucket whose bound it does not exceed; the last slot holds
	// the older ones); AgeSum adds their ages in seconds.
	Ages   [len(ShowqAgeBuckets) + 1]uint64
	AgeSum float64
}

// DomainQueue is one recipient domain of the deferred and active queues.
type DomainQueue struct {
	Domain     string
	Recipients int
	Buckets    [NumAgeBuckets]int // recipients by age, qshape's buckets
	Classes    [NumClasses]int    // delay reasons by class
	Samples    [NumClasses]string // one reason text per class
}

// TopClass returns the most frequent delay class of the domain.
func (d DomainQueue) TopClass() Class {
	best := ClassNone
	for c := Class(1); c < NumClasses; c++ {
		if d.Classes[c] > d.Classes[best] {
			best = c
		}
	}
	return best
}

// QueueSnapshot is one reading of the queue.
type QueueSnapshot struct {
	Time    time.Time
	Command string // "postqueue -j", "postqueue -p", or the file read
	Queues  map[string]QueueCount
	// Queued recipients (deferred and active) per domain, most recipients
	// first; at most MaxQueueDomains, the rest summed into "(other)".
	Domains []DomainQueue
	// Held recipients per domain in the hold queue, most first (at most
	// MaxQueueDomains): held mail leaves the deferred table, and the
	// screen still offers to release it.
	Held []DomainCount
	// Queued (deferred and active) messages per envelope sender, most
	// first; at most MaxQueueSenders, the rest summed into "(other)". The
	// null sender ("") is bounces. One sender that fills the queue is a
	// flood as often as a backlog.
	Senders []SenderCount
}

// SenderCount is a number of queued messages with one envelope sender.
type SenderCount struct {
	Sender   string
	Messages int
}

// MaxQueueSenders bounds the per-sender table of a snapshot.
const MaxQueueSenders = 5000

// DomainCount is a number of recipients at one domain.
type DomainCount struct {
	Domain     string
	Recipients int
}

// MaxQueueDomains bounds the per-domain table of a snapshot.
const MaxQueueDomains = 5000

// Total returns the messages in all queues.
func (q *QueueSnapshot) Total() int {
	n := 0
	for _, c := range q.Queues {
		n += c.Messages
	}
	return n
}

type queueAgg struct {
	snap    QueueSnapshot
	now     time.Time
	domains map[string]*DomainQueue
	other   *DomainQueue
	held    map[string]int
	senders map[string]int
	// otherSenders counts the messages of senders past MaxQueueSenders.
	otherSenders int
}

func newQueueAgg(now time.Time, command string) *queueAgg {
	return &queueAgg{
		snap:    QueueSnapshot{Time: now, Command: command, Queues: map[string]QueueCount{}},
		now:     now,
		domains: map[string]*DomainQueue{},
		held:    map[string]int{},
		senders: map[string]int{},
	}
}

func (a *queueAgg) message(queue, sender string, arrival time.Time, size int64, nrcpt int) {
	if queue == "deferred" || queue == "active" {
		if _, ok := a.senders[sender]; ok || len(a.senders) < MaxQueueSenders {
			a.senders[sender]++
		} else {
			a.otherSenders++
		}
	}
	c := a.snap.Queues[queue]
	c.Messages++
	c.Recipients += nrcpt
	c.Bytes += size
	if !arrival.IsZero() && (c.Oldest.IsZero() || arrival.Before(c.Oldest)) {
		c.Oldest = arrival
	}
	if !arrival.IsZero() {
		age := a.now.Sub(arrival).Seconds()
		b := 0
		for b < len(ShowqAgeBuckets) && age > ShowqAgeBuckets[b] {
			b++
		}
		c.Ages[b]++
		c.AgeSum += age
	}
	a.snap.Queues[queue] = c
}

// recipient files one recipient of a queued message: held ones by domain
// apart, deferred and active ones in the per-domain table with their delay
// reason. Active mail is queued mail too: a destination that clogs the
// active queue keeps its mail there, with the reason of its last try.
func (a *queueAgg) recipient(queue, address, reason string, arrival time.Time) {
	if queue != "deferred" && queue != "active" && queue != "hold" {
		return
	}
	domain := strings.ToLower(address)
	if i := strings.LastIndexByte(domain, '@'); i >= 0 {
		domain = domain[i+1:]
	}
	if queue == "hold" {
		if _, ok := a.held[domain]; ok || len(a.held) < MaxQueueDomains {
			a.held[domain]++
		}
		return
	}
	d := a.domains[domain]
	if d == nil {
		if len(a.domains) >= MaxQueueDomains {
			if a.other == nil {
				a.other = &DomainQueue{Domain: "(other)"}
			}
			d = a.other
		} else {
			d = &DomainQueue{Domain: domain}
			a.domains[domain] = d
		}
	}
	d.Recipients++
	age := a.now.Sub(arrival)
	b := 0
	for b < len(AgeBuckets) && age >= time.Duration(AgeBuckets[b])*time.Minute {
		b++
	}
	d.Buckets[b]++
	if reason != "" {
		c := Classify(reason)
		d.Classes[c]++
		if d.Samples[c] == "" {
			d.Samples[c] = reason
		}
	}
}

func (a *queueAgg) finish() QueueSnapshot {
	for _, d := range a.domains {
		a.snap.Domains = append(a.snap.Domains, *d)
	}
	sort.Slice(a.snap.Domains, func(i, j int) bool {
		di, dj := a.snap.Domains[i], a.snap.Domains[j]
		if di.Recipients != dj.Recipients {
			return di.Recipients > dj.Recipients
		}
		return di.Domain < dj.Domain
	})
	if a.other != nil {
		a.snap.Domains = append(a.snap.Domains, *a.other)
	}
	for d, n := range a.held {
		a.snap.Held = append(a.snap.Held, DomainCount{d, n})
	}
	sort.Slice(a.snap.Held, func(i, j int) bool {
		hi, hj := a.snap.Held[i], a.snap.Held[j]
		return hi.Recipients > hj.Recipients || hi.Recipients == hj.Recipients && hi.Domain < hj.Domain
	})
	for s, n := range a.senders {
		a.snap.Senders = append(a.snap.Senders, SenderCount{s, n})
	}
	sort.Slice(a.snap.Senders, func(i, j int) bool {
		si, sj := a.snap.Senders[i], a.snap.Senders[j]
		return si.Messages > sj.Messages || si.Messages == sj.Messages && si.Sender < sj.Sender
	})
	if a.otherSenders > 0 {
		a.snap.Senders = append(a.snap.Senders, SenderCount{"(other)", a.otherSenders})
	}
	return a.snap
}

type pqRecipient struct {
	Address     string `json:"address"`
	DelayReason string `json:"delay_reason"`
}

type pqMessage struct {
	QueueName   string        `json:"queue_name"`
	Sender      string        `json:"sender"`
	ArrivalTime int64         `json:"arrival_time"`
	MessageSize int64         `json:"message_size"`
	Recipients  []pqRecipient `json:"recipients"`
}

// DecodeQueueJSON reads `postqueue -j` output as a stream, one object at a
// time, so a large queue is never held in memory. Unknown keys are ignored.
func DecodeQueueJSON(r io.Reader, now time.Time, command string) (QueueSnapshot, error) {
	a := newQueueAgg(now, command)
	dec := json.NewDecoder(bufio.NewReaderSize(r, 64*1024))
	var m pqMessage
	for n := 1; ; n++ {
		// The decoder fills the reused recipients in place, leaving a key
		// an entry lacks as it was: clear them, or a recipient without a
		// delay_reason would carry the previous message's.
		clear(m.Recipients[:cap(m.Recipients)])
		m = pqMessage{Recipients: m.Recipients[:0]}
		err := dec.Decode(&m)
		if err == io.EOF {
			break
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			// A field of another type: the listing's words, not Go's.
			what := strings.TrimPrefix(te.Field, "recipients.")
			return a.finish(), fmt.Errorf("reading %s: message %d: %q is %s, not %s: not postqueue -j output", command, n, what, article(te.Value), jsonKind(te.Type.Kind()))
		}
		if err != nil {
			return a.finish(), fmt.Errorf("reading %s: %w", command, err)
		}
		arrival := time.Unix(m.ArrivalTime, 0)
		a.message(m.QueueName, m.Sender, arrival, m.MessageSize, len(m.Recipients))
		for _, rc := range m.Recipients {
			a.recipient(m.QueueName, rc.Address, rc.DelayReason, arrival)
		}
	}
	return a.finish(), nil
}

// DecodeQueueText reads `postqueue -p` (mailq) output, for Postfix before
// 3.1. Its arrival times have no year; loc places them.
func DecodeQueueText(r io.Reader, now time.Time, loc *time.Location, command string) (QueueSnapshot, error) {
	a := newQueueAgg(now, command)
	var queue string
	var arrival time.Time
	err := scanMailq(r, now, loc, func(_, q, sender string, at time.Time, size int64) {
		queue, arrival = q, at
		a.message(queue, sender, arrival, size, 0)
	}, func(addr, reason string) {
		c := a.snap.Queues[queue]
		c.Recipients++
		a.snap.Queues[queue] = c
		a.recipient(queue, addr, reason, arrival)
	})
	return a.finish(), err
}

// scanMailq walks a postqueue -p listing: message gets each message's
// queue id (without its marks), queue, sender, arrival and size, then
// recipient each of its recipients with its delay reason.
func scanMailq(r io.Reader, now time.Time, loc *time.Location, message func(id, queue, sender string, arrival time.Time, size int64), recipient func(addr, reason string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var reason string
	in, listing, text, closed, messages := false, false, false, false, false
	for sc.Scan() {
		line := sc.Text()
		text = text || strings.TrimSpace(line) != ""
		switch {
		case strings.HasPrefix(line, "-- "), strings.HasPrefix(line, "Mail queue is empty"):
			listing, closed = true, true
			continue
		case strings.HasPrefix(line, "-Queue ID-"):
			listing = true
			continue
		case strings.TrimSpace(line) == "":
			in = false
			continue
		case !in && line[0] != ' ' && line[0] != '\t':
			f := strings.Fields(line)
			size, ok := mailqMessage(f)
			if !ok {
				continue
			}
			id, queue := mailqID(f[0])
			arrival := mailqTime(strings.Join(f[3:6], " "), now, loc)
			// mailq shows the null sender as MAILER-DAEMON.
			sender := f[6]
			if sender == "MAILER-DAEMON" {
				sender = ""
			}
			message(id, queue, sender, arrival, size)
			reason, in, listing, messages = "", true, true, true
		case in && strings.HasPrefix(strings.TrimSpace(line), "("):
			reason = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "("), ")")
			if reason == mailqNoReason {
				reason = "" // not tried yet: no defer log entry
			}
		case in:
			recipient(strings.TrimSpace(line), reason)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = errors.New("a line longer than 1 MiB: not postqueue -p output")
		}
		return err
	}
	if text && !listing {
		// Not one header, message or "Mail queue is empty": a log or
		// another file given for the listing.
		return errors.New("neither postqueue -j nor postqueue -p output")
	}
	if messages && !closed {
		return ErrQueueCut
	}
	return nil
}

// mailqMessage reads the size of a listing's message line, "ID size
// weekday month day time sender", split in fields f.
func mailqMessage(f []string) (size int64, ok bool) {
	if len(f) < 7 {
		return 0, false
	}
	size, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || len(f[2]) != 3 || !strings.Contains("Mon Tue Wed Thu Fri Sat Sun", f[2]) {
		return 0, false
	}
	return size, true
}

// QueueListingStart says whether head, the start of an input, is the
// start of a postqueue -p (mailq) listing: its header, its empty queue,
// or a message line first.
func QueueListingStart(head []byte) bool {
	line, _, _ := strings.Cut(strings.TrimLeft(string(head), " \t\r\n"), "\n")
	if strings.HasPrefix(line, "-Queue ID-") || strings.HasPrefix(line, "Mail queue is empty") {
		return true
	}
	_, ok := mailqMessage(strings.Fields(line))
	return ok
}

// mailqNoReason is what showq writes for recipients without a defer log
// entry after one that has one: a placeholder, not a delay reason.
const mailqNoReason = "reason unavailable"

// mailqID splits mailq's first field into the queue id and its queue:
// '*' marks active mail, '!' held mail, and a '#' after them (Postfix
// 3.5+) mail marked for forced expiration; unmarked mail is deferred.
func mailqID(field string) (id, queue string) {
	id = strings.TrimSuffix(field, "#")
	queue = "deferred"
	switch {
	case strings.HasSuffix(id, "*"):
		queue = "active"
	case strings.HasSuffix(id, "!"):
		queue = "hold"
	}
	return strings.TrimRight(id, "*!"), queue
}

// ErrQueueCut is a postqueue -p listing without its closing line: what it
// holds is part of the queue.
var ErrQueueCut = errors.New("the listing was cut short: no closing '-- N Kbytes in M Requests.' line")

// mailqTime reads "Nov 28 11:13:08" in the year that puts it in the past.
func mailqTime(s string, now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.Local
	}
	t, err := time.ParseInLocation("Jan 2 15:04:05", s, loc)
	if err != nil {
		return time.Time{}
	}
	t = t.AddDate(now.Year(), 0, 0)
	if t.After(now.Add(24 * time.Hour)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

// DecodeQueue reads a saved queue listing, JSON or text, by its first byte.
func DecodeQueue(r io.Reader, now time.Time, name string) (QueueSnapshot, error) {
	br := bufio.NewReader(r)
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return newQueueAgg(now, name).finish(), nil // empty queue
		}
		if err != nil {
			return newQueueAgg(now, name).finish(), fmt.Errorf("%s: %w", name, err)
		}
		if b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' {
			br.ReadByte()
			continue
		}
		if b[0] == '{' {
			return DecodeQueueJSON(br, now, name)
		}
		q, err := DecodeQueueText(br, now, nil, name)
		if err != nil {
			return q, fmt.Errorf("%s: %w", name, err)
		}
		return q, nil
	}
}

// QueueReader reads the live queue with postqueue.
type QueueReader struct {
	Exec    Exec
	Timeout time.Duration // default: the Exec's bound (CommandTimeout)
	Now     func() time.Time
	// ConfigDir, when set, is passed as -c to read another instance.
	ConfigDir string
	legacy    bool // postqueue has no -j: use -p
}

func (q *QueueReader) args(flag string) []string {
	if q.ConfigDir != "" {
		return []string{"-c", q.ConfigDir, flag}
	}
	return []string{flag}
}

// Read runs postqueue once. Its error says why the queue is unavailable.
func (q *QueueReader) Read(ctx context.Context) (QueueSnapshot, error) {
	timeout := q.Timeout
	if timeout == 0 {
		timeout = boundOf(q.Exec)
	}
	now := time.Now()
	if q.Now != nil {
		now = q.Now()
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if !q.legacy {
		rc, err := q.Exec.Stream(ctx, false, "postqueue", q.args("-j")...)
		if err == nil {
			snap, derr := DecodeQueueJSON(rc, now, "postqueue -j"+inContainerNote(q.Exec))
			rc.Close()
			if derr == nil {
				return snap, nil
			}
			err = derr
		}
		if ctx.Err() != nil {
			return QueueSnapshot{}, fmt.Errorf("postqueue -j: timed out after %s, killed%s", timeout, killedNote(q.Exec))
		}
		if !isUsageError(err) {
			return QueueSnapshot{}, explainQueueError(err)
		}
		q.legacy = true
	}
	// Streamed as -j is: a large queue's listing passes any bound on what
	// Output keeps (some 300,000 messages make 64 MiB), and the decoder
	// keeps only its per-domain tables.
	rc, err := q.Exec.Stream(ctx, false, "postqueue", q.args("-p")...)
	if err == nil {
		snap, derr := DecodeQueueText(rc, now, nil, "postqueue -p"+inContainerNote(q.Exec))
		rc.Close()
		if derr == nil || errors.Is(derr, ErrQueueCut) && ctx.Err() == nil {
			return snap, derr
		}
		err = derr
	}
	if ctx.Err() != nil {
		return QueueSnapshot{}, fmt.Errorf("postqueue -p: timed out after %s, killed%s", timeout, killedNote(q.Exec))
	}
	return QueueSnapshot{}, explainQueueError(err)
}

// isUsageError tells a postqueue too old for -j (before 3.1).
func isUsageError(err error) bool {
	if err == nil {
		return false
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "invalid option") || strings.Contains(s, "illegal option") || strings.Contains(s, "usage:")
}

func explainQueueError(err error) error {
	s := err.Error()
	switch {
	case errors.Is(err, ErrNotFound):
		return fmt.Errorf("postqueue not found (is Postfix installed and on PATH?)")
	case strings.Contains(s, "not allowed"):
		return fmt.Errorf("postqueue refused: %s (see authorized_mailq_users)", s)
	}
	return err
}

// QueueEvent is what the queue source sends every interval.
type QueueEvent struct {
	Snapshot *QueueSnapshot // nil when the read failed
	State    SourceState
}

// RunQueue reads the queue every interval until ctx ends; a failure makes
// the source unavailable with its reason while everything else goes on.
func RunQueue(ctx context.Context, q *QueueReader, interval time.Duration, out chan<- QueueEvent) {
	if interval <= 0 {
		interval = 10 * time.Second
	}
	every(ctx, interval, out, func() (QueueEvent, bool) {
		snap, err := q.Read(ctx)
		ev := QueueEvent{State: SourceState{Source: "queue", Health: HealthOK, Detail: snap.Command, Time: time.Now()}}
		if err != nil {
			ev.State.Health, ev.State.Detail = HealthUnavailable, err.Error()
			if strings.Contains(err.Error(), "timed out") {
				ev.State.Health = HealthDegraded
			}
		} else {
			ev.Snapshot = &snap
		}
		return ev, ctx.Err() == nil
	})
}

// article is a JSON value's kind as json names it ("string", "number"),
// with its article.
func article(kind string) string {
	if kind == "" {
		return "something else"
	}
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// jsonKind names the JSON kind a Go type is read from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}
