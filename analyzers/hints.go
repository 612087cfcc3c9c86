package analyzers

import (
	"cmp"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"mxtop/sources"
)

// Severity ranks hints.
type Severity uint8

const (
	SevInfo Severity = iota
	SevWarning
	SevCritical
)

func (s Severity) String() string {
	switch s {
	case SevCritical:
		return "critical"
	case SevWarning:
		return "warning"
	}
	return "info"
}

// MarshalText makes Severity a JSON string.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Hint is one remediation, with what fired it and what to do.
type Hint struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Side     string   `json:"side"`    // outbound, inbound or host
	Subject  string   `json:"subject"` // the destination or service
	Title    string   `json:"title"`
	Evidence []string `json:"evidence"`
	Samples  []string `json:"samples,omitempty"`
	// Actions are the texts of Steps, in order: what the screen shows.
	Actions []string `json:"actions"`
	// Steps are the actions, each marked a command or a sentence: only
	// commands may go where an admin pastes into a shell. The rules set
	// Steps; Hints fills Actions from them.
	Steps    []Action `json:"steps"`
	Cautions []string `json:"cautions,omitempty"`
	Impact   float64  `json:"impact_per_min"` // messages affected per minute
	// Changes are the configuration part of Actions in structured form,
	// for hints mxtop can apply itself (a).
	Changes []ConfigChange `json:"changes,omitempty"`
	// last is when the newest line that bears the hint out came; zero
	// when its rule cannot tell (readings, lines without a time).
	last time.Time
}

// Action is one thing a hint says to do: a command to paste into a POSIX
// shell as it stands, or a sentence for the admin (a step to take by hand,
// a command with a placeholder to fill in, or why no command is given).
type Action struct {
	Text    string `json:"text"`
	Command bool   `json:"command"`
	// host marks a command about this host itself even with Postfix in
	// a container (the interface of a container bridge's gateway): it is
	// shown as it is (Container.Steps).
	host bool
}

// cmd is an action that is a command, every value in it quoted.
func cmd(s string) Action { return Action{Text: s, Command: true} }

// hostCmd is a command about this host itself, where Postfix runs in a
// container too.
func hostCmd(s string) Action { return Action{Text: s, Command: true, host: true} }

// say is an action in words.
func say(s string) Action { return Action{Text: s} }

// texts are the actions' texts.
func texts(acts []Action) []string {
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = a.Text
	}
	return out
}

// ActionSteps are the hint's actions marked commands or sentences. A hint
// built without Steps (by hand, or decoded from elsewhere) has its actions
// taken as sentences: text unsure to be a command is never offered as one.
func (h *Hint) ActionSteps() []Action {
	if slices.EqualFunc(h.Steps, h.Actions, func(a Action, t string) bool { return a.Text == t }) {
		return h.Steps
	}
	out := make([]Action, len(h.Actions))
	for i, a := range h.Actions {
		out[i] = say(a)
	}
	return out
}

// hintSpec defines one hint id: its usual side, what it is about, and the
// rules that emit it. Every id is defined here once; HintIDs, the README's
// list and the metrics' label values come from this table.
type hintSpec struct {
	ID    string
	Side  string // outbound, inbound, host, or "any" when it depends on the evidence
	About string
	rules []func(*hintCtx) []Hint
}

var hintSpecs = []hintSpec{
	{"process_limit", "any", "a service or transport runs out of processes (maxproc), or mail waits for them (delays=a/b/c/d)", []func(*hintCtx) []Hint{ruleProcessLimitInbound, ruleProcessLimitOutbound, ruleQueueWait, ruleSlowLocalHop}},
	{"destination_concurrency", "outbound", "a destination refuses connections for too many of them", []func(*hintCtx) []Hint{ruleDestConcurrency}},
	{"rate_delay", "outbound", "a destination throttles by rate or volume", []func(*hintCtx) []Hint{ruleRateDelay}},
	{"tls", "any", "TLS handshakes, certificates or keys fail", []func(*hintCtx) []Hint{ruleTLS, known("tls")}},
	{"dns", "any", "name resolution fails, here or there", []func(*hintCtx) []Hint{ruleDNS, known("dns")}},
	{"greylisting", "any", "greylisting (or postscreen's after-greeting tests) delays mail", []func(*hintCtx) []Hint{ruleGreylisting, known("greylisting")}},
	{"reverse_dns", "any", "the sending host's identity: reverse DNS and HELO-name refusals, and receivers refusing mail that fails SPF, DKIM or DMARC", []func(*hintCtx) []Hint{identityHints[0].rule, identityHints[1].rule, known("reverse_dns")}},
	{"system_load", "host", "the machine is overloaded", []func(*hintCtx) []Hint{ruleSystemLoad}},
	{"firewall", "any", "outbound connections time out or are refused, or sessions break in the message content, ours or a client's (the path drops large packets)", []func(*hintCtx) []Hint{ruleResentAtEndOfData, ruleFirewall, known("firewall"), ruleClientPath}},
	{"queue_backlog", "outbound", "the queue backs up", []func(*hintCtx) []Hint{ruleQueueBacklog}},
	{"connection_reuse", "outbound", "TLS connections to throttling destinations are not reused", []func(*hintCtx) []Hint{ruleConnectionReuse}},
	{"connection_setup", "outbound", "connection setup (DNS, the server's greeting, TLS: delays=a/b/c/d: c) takes most of a destination's deliveries, or a server takes connections and never greets", []func(*hintCtx) []Hint{ruleSlowSetup, ruleSilentServer}},
	{"ulimit", "host", "Postfix runs out of file descriptors", []func(*hintCtx) []Hint{ruleUlimit, known("ulimit")}},
	{"inbound_limits", "inbound", "smtpd/postscreen refuse clients for connection or rate limits or broken SMTP, or clients fail to log in or leave without mail", []func(*hintCtx) []Hint{ruleInboundLimits, known("inbound_limits")}},
	{"lookup_table_connections", "host", "lookup tables run out of database connections", []func(*hintCtx) []Hint{ruleLookupTables}},
	{"upgrade_change", "host", "what changed at a Postfix upgrade, and what the new build lacks", []func(*hintCtx) []Hint{ruleUpgrade}},
	{sources.HintConfigError, "any", "Postfix says its configuration is wrong", []func(*hintCtx) []Hint{known(sources.HintConfigError), ruleDestConfig, ruleGateway, ruleBackscatter, ruleSoftBounce}},
	{sources.HintLookupFailure, "any", "a lookup table fails (missing file, database unreachable, query error)", []func(*hintCtx) []Hint{known(sources.HintLookupFailure)}},
	{sources.HintDaemonCrash, "host", "a Postfix program dies or cannot start", []func(*hintCtx) []Hint{known(sources.HintDaemonCrash), ruleUnknownFatal, ruleLocalService}},
	{sources.HintBlocklist, "any", "our IP is listed, or our own DNSBL use is broken", []func(*hintCtx) []Hint{ruleBlocklistOutbound, known(sources.HintBlocklist)}},
	{sources.HintMailbox, "host", "the mailbox server (LMTP) refuses recipients: full mailboxes, unknown users", []func(*hintCtx) []Hint{known(sources.HintMailbox)}},
	{"remote_storage", "outbound", "a next hop defers mail for want of disk space (452 4.3.1): a remote one's trouble, or this host's own when it is on loopback", []func(*hintCtx) []Hint{ruleRemoteStorage}},
	{"recipient_bounces", "outbound", "a large share of outbound deliveries bounces for recipients that do not exist: an old list, or an account mailing harvested addresses", []func(*hintCtx) []Hint{ruleRecipientBounces}},
	{"content_refused", "outbound", "receivers refuse messages for their content (spam or virus verdicts, blocked attachments): who sent them, not the IP's listing or the pace", []func(*hintCtx) []Hint{ruleContentRefused}},
	{"message_size", "outbound", "receivers refuse messages too big for their limit (5.3.4): the senders' to send smaller, no setting here", []func(*hintCtx) []Hint{ruleMessageSize}},
	{"unknown_refusals", "outbound", "a destination refuses or defers most mail with replies no rule reads: the reply says why, and no change is known to help", []func(*hintCtx) []Hint{ruleUnknownRefusals}},
	{"remote_fault", "outbound", "a next hop elsewhere defers mail for a fault of its own (451 4.3.5 Server configuration problem, local error in processing): its operator's to mend", []func(*hintCtx) []Hint{ruleRemoteFault}},
	{"content_checks", "inbound", "header_checks or body_checks refuse most of the mail received: a rule that matches real mail", []func(*hintCtx) []Hint{ruleContentChecks}},
	{"recipient_limit", "outbound", "a next hop takes fewer recipients per message or session than this host sends (452 4.5.3 too many recipients): the rest wait for the next retry", []func(*hintCtx) []Hint{ruleRecipientLimit}},
	{"session_limit", "outbound", "a next hop takes fewer messages per connection than this host sends over a reused one (421 Max message per connection reached): the message past its cap waits for the next retry", []func(*hintCtx) []Hint{ruleSessionLimit}},
	{"sending_quota", "outbound", "a next hop caps what this host, its IP, a sender or its account sends per hour or day (452 4.5.3 Too many recipients received this hour): the rest waits for the window, and what sent so much is what to find", []func(*hintCtx) []Hint{ruleSendQuota}},
	{"invalid_recipients", "outbound", "a receiver refuses this host's mail for sending to many addresses it does not have (Too many invalid recipients): a verdict on the sender's lists, or on what sends through this host", []func(*hintCtx) []Hint{ruleBadRecipients}},
}

// hintClasses are the delivery failure classes whose lines bear out the
// outbound hints of an id: the newest of them, at the destinations the
// hint names or else at any, is when the trouble was last seen (a rule
// may say so itself, as the knowledge base's do).
var hintClasses = map[string][]sources.Class{
	"destination_concurrency": {sources.ClassConnLimit},
	"rate_delay":              {sources.ClassRateLimit},
	"connection_reuse":        {sources.ClassConnLimit, sources.ClassRateLimit},
	"tls":                     {sources.ClassTLS},
	"dns":                     {sources.ClassDNS},
	"greylisting":             {sources.ClassGreylist},
	"reverse_dns":             {sources.ClassReverseDNS, sources.ClassSenderAuth},
	"firewall":                {sources.ClassConnectTimeout, sources.ClassConnectRefused, sources.ClassUnreachable, sources.ClassLostConnection},
	sources.HintBlocklist:     {sources.ClassBlocklist},
	"remote_storage":          {sources.ClassRemoteStorage},
	"recipient_bounces":       {sources.ClassRecipient},
	"content_refused":         {sources.ClassContent},
	"message_size":            {sources.ClassMessageSize},
	"unknown_refusals":        {sources.ClassOther},
	"remote_fault":            {sources.ClassRemoteFault},
	"recipient_limit":         {sources.ClassRcptLimit},
	"session_limit":           {sources.ClassSessionLimit},
	"sending_quota":           {sources.ClassSendQuota},
	"invalid_recipients":      {sources.ClassBadRecipients},
}

// lastSeen is when an outbound hint's classes last failed a delivery to
// the destinations its subject names, or to any when it names none that
// is tracked.
func (c *hintCtx) lastSeen(h *Hint) time.Time {
	cls := hintClasses[h.ID]
	if h.Side != "outbound" || len(cls) == 0 {
		return time.Time{}
	}
	var at int64
	for _, name := range strings.Split(h.Subject, ", ") {
		if d, ok := c.e.Dest.Lookup(name); ok {
			for _, cl := range cls {
				at = max(at, d.classAt[cl])
			}
		}
	}
	if at != 0 {
		return time.Unix(at, 0).In(c.e.Latest.Location())
	}
	var last time.Time
	for _, cl := range cls {
		if c.e.outClassAt[cl].After(last) {
			last = c.e.outClassAt[cl]
		}
	}
	return last
}

// quietSpan is how long the log must go on without a line of a problem
// for the problem to be over, and what that span is: Postfix tries
// deferred mail again at the first queue run (queue_run_delay) after its
// backoff, which is at most maximal_backoff_time, and servers sending
// here retry about as often, so trouble that still held would have
// logged again by then. Never less than the live view's window, whose
// hints all still go on.
func (c *hintCtx) quietSpan() (time.Duration, string) {
	secs := 0
	for _, p := range []string{"maximal_backoff_time", "queue_run_delay"} {
		n, ok := c.cfg.Seconds(p) // a nil cfg gives Postfix's default
		if !ok || n < 0 {
			n, _ = sources.ParsePostfixTime(sources.BuiltinDefaults[p])
		}
		secs += min(n, 365*86400) // a value past reason must not overflow
	}
	span := time.Duration(secs) * time.Second
	if window := (HintWindow + 1) * time.Minute; span < window {
		return window, fmt.Sprintf("the live view's %d minutes", HintWindow)
	}
	return span, fmt.Sprintf("Postfix takes to retry deferred mail (maximal_backoff_time plus queue_run_delay, %s)", roughDuration(span))
}

// overFor is how long before the log's last line a hint's trouble
// stopped, when it stopped longer than quiet before: 0 for one that goes
// on, or whose time is unknown.
func (c *hintCtx) overFor(h *Hint, quiet time.Duration) time.Duration {
	if h.last.IsZero() || c.e.Latest.IsZero() {
		return 0
	}
	if d := c.e.Latest.Sub(h.last); d > quiet {
		return d
	}
	return 0
}

// known is the knowledge base's rule for one hint id.
func known(id string) func(*hintCtx) []Hint {
	return func(c *hintCtx) []Hint { return knownHints(c, id) }
}

// HintIDs are the stable hint ids, in the order of hintSpecs.
var HintIDs = func() []string {
	ids := make([]string, len(hintSpecs))
	for i, s := range hintSpecs {
		ids[i] = s.ID
	}
	return ids
}()

// hintState remembers which hints are active, so a value hovering at a
// threshold does not make a hint flap.
type hintState struct{ active map[hintKey]bool }

// hintKey names one hint instance: rule and subject. A struct, not a
// joined string, so checking it allocates nothing.
type hintKey struct{ rule, subject string }

func newHintState() *hintState { return &hintState{active: map[hintKey]bool{}} }

// gate fires at fire and, once active, clears only below clear.
func (h *hintState) gate(k hintKey, v, fire, clear float64) bool {
	was := h.active[k]
	on := v >= fire
	if was {
		on = v >= clear
	}
	if on != was {
		if on {
			h.active[k] = true
		} else {
			delete(h.active, k)
		}
	}
	return on
}

// HintWindow is how far back live hints look.
const HintWindow = 15

// hintCtx carries what every rule needs.
type hintCtx struct {
	e     *Engine
	now   time.Time
	whole bool // judge the whole log (report) instead of the last minutes
	cfg   *sources.Config
	// configDir is the directory of the instance the steps act on, as
	// Engine.ConfigDir: where the tables they create go.
	configDir string
	// other: the configuration read is another instance's than the one
	// of the lines judged, so cfg is nil though one was read.
	other  bool
	byCls  map[sources.Class][]*Dest // classDests' filing, once per evaluation
	sorted map[sources.Class]bool
	// refusingMX files the conn_limit destinations by the next hops that
	// failed them, once per evaluation (see sharedMX).
	refusingMX map[mxKey][]*Dest
	// slowHas is what each transport of the throttled has before any
	// hint routes a domain there, once per evaluation (slowInherited).
	slowHas map[string]transportHas
	// relays are the relays the log shows where the configuration could
	// not be read, once per evaluation (logRelays).
	relays     []logRelay
	relaysRead bool
}

// unread says why cfg is nil.
func (c *hintCtx) unread() string {
	if c.other {
		return "the configuration of the instance of these lines was not read"
	}
	return "the configuration could not be read"
}

// masterKnown tells whether master.cf was read: main.cf read alone
// (report --postconf without --master, or postconf -M failing) leaves no
// services, and a service missing from them may well be in force.
func (c *hintCtx) masterKnown() bool {
	return c.cfg != nil && len(c.cfg.Services) > 0
}

// unreadEntryStep is the command that shows master.cf's entry for service
// (name/type) where master.cf could not be read: postconf -M with the
// fields would replace it, and its -o options with it.
func unreadEntryStep(service string) Action {
	return cmd(shellCmd("postconf -M", service) + "   # master.cf could not be read: the entry in force, if any")
}

// mxKey is a next-hop host, lower-cased, and its port.
type mxKey struct {
	host string
	port int
}

// count returns a ring's events in the window, or the total for reports.
func (c *hintCtx) count(r *MinuteRing, total int) float64 {
	if c.whole {
		return float64(total)
	}
	return float64(r.Sum(c.now, HintWindow))
}

// perMinute is the rate that ranks hints by impact.
func (c *hintCtx) perMinute(r *MinuteRing, total int) float64 {
	if c.whole {
		mins := c.e.Now.Sub(c.e.First).Minutes()
		if mins < 1 {
			mins = 1
		}
		return float64(total) / mins
	}
	return r.Rate(c.now, HintWindow)
}

// rateText is " (N/min)" for a count's rate, or "" for a log whose lines
// carry no time: it has no span to make a rate of.
func (c *hintCtx) rateText(r *MinuteRing, total int) string {
	if c.whole && c.e.First.IsZero() {
		return ""
	}
	return fmt.Sprintf(" (%.1f/min)", c.perMinute(r, total))
}

func (c *hintCtx) windowText() string {
	if c.whole {
		return "in the log"
	}
	return fmt.Sprintf("in the last %d min", HintWindow)
}

// Hints evaluates every rule and returns the firing hints ranked by
// severity, then what still goes on before what stopped, then impact.
// whole judges the whole log (the report) rather than the last 15
// minutes (live).
func (e *Engine) Hints(whole bool) []Hint {
	return e.evalHints(whole, func(_ string, rule func(*hintCtx) []Hint, c *hintCtx) []Hint { return rule(c) })
}

// evalHints evaluates every rule through eval, which SafeHints uses to
// contain a panicking rule.
func (e *Engine) evalHints(whole bool, eval func(id string, rule func(*hintCtx) []Hint, c *hintCtx) []Hint) []Hint {
	now := e.Now
	c := &hintCtx{e: e, now: now, whole: whole, cfg: e.Config, configDir: e.ConfigDir}
	var out []Hint
	var specOf []int // the index in hintSpecs of each hint's rule
	for i, spec := range hintSpecs {
		for _, rule := range spec.rules {
			hs := eval(spec.ID, rule, c)
			out = append(out, hs...)
			for range hs {
				specOf = append(specOf, i)
			}
		}
	}
	e.aimHints(c, out, specOf, eval)
	for i := range out {
		if out[i].Steps == nil {
			out[i].Steps = []Action{}
		}
		out[i].Actions = texts(out[i].Steps)
	}
	causeFirst(c, out)
	// Within a severity, what still goes on ranks before what stopped
	// longer ago than Postfix's retry cycle (quietSpan): the admin fixes
	// what is wrong now first, whatever an old burst's volume.
	quiet, span := c.quietSpan()
	for i := range out {
		if out[i].last.IsZero() {
			out[i].last = c.lastSeen(&out[i])
		}
		if d := c.overFor(&out[i], quiet); d > 0 {
			out[i].Evidence = append(out[i].Evidence, fmt.Sprintf("no line of it since %s, %s before the log's last line: longer than %s, so as far as the log shows it has stopped; what still goes on ranks first",
				out[i].last.Format("Jan 2 15:04"), roughDuration(d), span))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity > out[j].Severity
		}
		if oi, oj := c.overFor(&out[i], quiet) > 0, c.overFor(&out[j], quiet) > 0; oi != oj {
			return oj
		}
		if out[i].Impact != out[j].Impact {
			return out[i].Impact > out[j].Impact
		}
		return out[i].ID+out[i].Subject < out[j].ID+out[j].Subject
	})
	return foldMany(out)
}

// maxHintsOfOneKind bounds the hints of one id and side: a log that names
// hundreds of destinations refusing alike gives the best-ranked their own
// hints and the rest one, instead of a screen and a report of hundreds.
const maxHintsOfOneKind = 10

// foldMany keeps, of each id and side with more than maxHintsOfOneKind
// hints, the first maxHintsOfOneKind-1 in rank order, and puts one hint
// for the rest where the first of them ranked: their count, names,
// summed impact and highest severity. out is in rank order.
func foldMany(out []Hint) []Hint {
	type kind struct{ id, side string }
	n := map[kind]int{}
	many := false
	for _, h := range out {
		k := kind{h.ID, h.Side}
		n[k]++
		many = many || n[k] > maxHintsOfOneKind
	}
	if !many {
		return out
	}
	seen := map[kind]int{}
	rest := map[kind]int{} // where each kind's hint for the rest is
	names := map[kind][]string{}
	kept := out[:0:0]
	for _, h := range out {
		k := kind{h.ID, h.Side}
		seen[k]++
		if n[k] <= maxHintsOfOneKind || seen[k] < maxHintsOfOneKind {
			kept = append(kept, h)
			continue
		}
		i, ok := rest[k]
		if !ok {
			i = len(kept)
			rest[k] = i
			kept = append(kept, Hint{ID: h.ID, Severity: h.Severity, Side: h.Side,
				Subject: fmt.Sprintf("%d more", n[k]-maxHintsOfOneKind+1),
				Steps:   []Action{say("each is like the hints above with the same id: take their steps for each of these; the report's destinations list them all")}})
		}
		f := &kept[i]
		f.Severity = max(f.Severity, h.Severity)
		f.Impact += h.Impact
		if h.last.After(f.last) {
			f.last = h.last
		}
		names[k] = append(names[k], h.Subject)
		if len(f.Evidence) < 20 {
			f.Evidence = append(f.Evidence, h.Title)
		} else if len(f.Evidence) == 20 {
			f.Evidence = append(f.Evidence, "and others")
		}
		if len(f.Samples) < 3 && len(h.Samples) > 0 {
			f.Samples = append(f.Samples, h.Samples[0])
		}
	}
	for k, i := range rest {
		first := names[k][:min(3, len(names[k]))]
		more := ""
		if len(names[k]) > len(first) {
			more = ", ..."
		}
		kept[i].Title = fmt.Sprintf("%s: %d more like those above: %s%s", sideTitle(k.side), len(names[k]), strings.Join(first, ", "), more)
		kept[i].Actions = texts(kept[i].Steps)
	}
	return kept
}

// causeFirst ranks a hint whose knowledge-base lines make another hint's
// failures (Known.Causes: a table type this build lacks fails every lookup
// in its tables) before that hint: it takes on the impact of the failures
// it causes, and at least their severity. Those keep their own hint.
//
// Only the failures of the table type the cause's lines name count (a
// build without hash: fails hash: tables, not a mysql: table whose server
// is down): the caused hint's impact is shared out by the types its lines
// name, and the failures that name no table (transport_maps lookup failure,
// smtpd's 451 Temporary lookup failure) go with them in that proportion.
func causeFirst(c *hintCtx, out []Hint) {
	type cause struct{ id, side, caused, typ string }
	var causes []cause
	for key, seen := range c.e.Known {
		k := &sources.KnownMessages[key.Entry]
		if k.Causes == "" || k.Hint == "" || c.count(&seen.Ring, seen.Count) == 0 {
			continue
		}
		for _, t := range seen.Types {
			if cs := (cause{k.Hint, key.Side, k.Causes, t}); !slices.Contains(causes, cs) {
				causes = append(causes, cs)
			}
		}
	}
	var typed float64
	for _, s := range c.e.lookupByType {
		typed += c.count(&s.Ring, s.Count)
	}
	for _, cs := range causes {
		failed := c.e.lookupByType[cs.typ]
		if cs.caused != sources.HintLookupFailure || failed == nil || typed == 0 {
			continue
		}
		share := c.count(&failed.Ring, failed.Count) / typed
		if share == 0 {
			continue
		}
		for i := range out {
			if out[i].ID != cs.id || out[i].Side != cs.side {
				continue
			}
			for _, h := range out {
				if h.ID == cs.caused {
					out[i].Impact += h.Impact * share
					if h.Severity > out[i].Severity {
						out[i].Severity = h.Severity
						out[i].Evidence = append(out[i].Evidence, fmt.Sprintf("the failures of %s: tables that the %s hint reports (%s) are this one's doing", cs.typ, h.ID, h.Severity))
					}
				}
			}
		}
	}
}

// classDests lists tracked destinations with errors of class cl, most
// errors first. One pass over the destinations files them by class for
// the whole evaluation; each class is sorted when first asked for.
func (c *hintCtx) classDests(cl sources.Class) []*Dest {
	if c.byCls == nil {
		c.byCls = map[sources.Class][]*Dest{}
		c.sorted = map[sources.Class]bool{}
		for _, d := range c.e.Dest.byName {
			for k, n := range d.Classes {
				if n > 0 {
					c.byCls[sources.Class(k)] = append(c.byCls[sources.Class(k)], d)
				}
			}
		}
	}
	out := c.byCls[cl]
	if !c.sorted[cl] {
		sort.Slice(out, func(i, j int) bool {
			if out[i].Classes[cl] != out[j].Classes[cl] {
				return out[i].Classes[cl] > out[j].Classes[cl]
			}
			return out[i].Domain < out[j].Domain
		})
		c.sorted[cl] = true
	}
	return out
}

// destSamples returns up to 3 of a destination's lines of class cl.
func destSamples(d *Dest, cl sources.Class) []string {
	var out []string
	low := strings.ToLower
	for i := len(d.Recent) - 1; i >= 0 && len(out) < 3; i-- {
		line := d.Recent[i]
		if sources.Classify(line) == cl || cl == sources.ClassConnLimit && strings.Contains(low(line), "too many") {
			out = append(out, line)
		}
	}
	if len(out) == 0 && cl < sources.NumClasses && d.ClassLine[cl] != "" {
		out = append(out, d.ClassLine[cl])
	}
	return out
}

// nDeliveries is "1 delivery" or "N deliveries".
func nDeliveries[N int | float64](n N) string {
	if n == 1 {
		return "1 delivery"
	}
	return fmt.Sprintf("%.0f deliveries", float64(n))
}

// withReply adds a "last reply" line to evidence when there is one.
func withReply(ev []string, reply string) []string {
	if reply != "" {
		ev = append(ev, "last reply: "+reply)
	}
	return ev
}

// lineRecord is a kept log line (a sample, a class's last line) read
// again by the parser, for a field the hint needs (its reply code, its
// next hop's address) that the line's counters do not keep.
func lineRecord(line string) sources.Record {
	var r sources.Record
	sources.NewParser().Parse(line, &r)
	return r
}

// classReply is the last reply of class cl from d: its last reply when
// that is of the class, else the reply of the delivery in the class's last
// line, read by the parser; empty when neither says.
func classReply(d *Dest, cl sources.Class) string {
	if d.LastReply != "" && sources.Classify(d.LastReply) == cl {
		return d.LastReply
	}
	if cl >= sources.NumClasses || d.ClassLine[cl] == "" {
		return ""
	}
	r := lineRecord(d.ClassLine[cl])
	if r.Event != sources.EvDelivery || r.Status == sources.StatusNone {
		return ""
	}
	return r.Reason
}

// topDomains names up to n destinations with errors of class cl.
func (c *hintCtx) topDomains(cl sources.Class, n int) []string {
	var names []string
	for _, d := range c.classDests(cl) {
		if len(names) == n {
			break
		}
		names = append(names, d.Domain)
	}
	return names
}

func (c *hintCtx) classRate(cl sources.Class) float64 {
	return c.perMinute(&c.e.ClassRing[cl], c.e.Classes[cl])
}

// slowTransport names the dedicated transport the QSHAPE_README recipe
// routes a throttling destination to.
const slowTransport = "slow"

// rateTransport is the transport a rate-delayed destination is routed to.
const rateTransport = "slowrate"

// throttleTransports name the transport a throttled destination is
// routed to by the per-destination setting that throttles it, the first
// that matches ("" matches any). A rate delay makes delivery to every
// destination of its transport serial, one connection at a time, whatever
// that transport's concurrency limit: rate-delayed destinations get a
// transport of their own, so that the concurrency limit set for the slow
// transport keeps its effect on the destinations routed there.
var throttleTransports = []struct{ setting, transport string }{
	{"_destination_rate_delay", rateTransport},
	{"", slowTransport},
}

// notADomain stands in for commands about a destination whose name, as
// the log gives it, is not a domain: such a name may be crafted to run
// something when pasted into a shell.
const notADomain = "the destination's name in the log is not a valid domain name: no command is suggested; check the log lines by hand"

// noDomainNamed stands in for commands about deliveries whose lines name
// no recipient domain (a reply quoted without its to=, a bare address).
const noDomainNamed = "the log's lines for these deliveries name no recipient domain (a reply quoted without its to=, or a recipient without @domain): no command is suggested; postqueue -p lists the deferred mail's recipients, and a domain among them is routed as a named one would be"

// unusableDestination is the sentence for a destination no command can
// name: one the lines do not give, or one that is not a domain.
func unusableDestination(domain string) Action {
	if isNoDomain(domain) {
		return say(noDomainNamed)
	}
	return say(notADomain)
}

// transportActions are the exact commands that route domain through
// transport tr (one of throttleTransports) with its own limits, and a
// caution when they add a line to a table that may have one for the
// domain already.
func (c *hintCtx) transportActions(tr, domain string, params []string) ([]Action, string) {
	var acts []Action
	tm, tables, unread := c.transportTables()
	file, typ := newTable(c.configDir, "transport"), "hash"
	if len(tables) > 0 {
		if i := strings.IndexByte(tables[0], ':'); i > 0 {
			typ, file = tables[0][:i], tables[0][i+1:]
		}
	}
	if !PlausibleDomain(domain) {
		return []Action{unusableDestination(domain)}, ""
	}
	caution := ""
	if c.cfg == nil {
		// postconf -e and -M set the whole value and the whole entry:
		// unread, the site's own routes and slow service would go.
		// Nor is what routes the domain: a next hop the log shows that
		// no MX can be stays on the line.
		line, hopNote := domain+" "+tr+":", ""
		if d, ok := c.e.Dest.Lookup(domain); ok {
			var hop string
			hop, hopNote = c.logNextHop(d, tr)
			line += hop
		}
		acts = append(acts, cmd(shellCmd("postconf", "transport_maps")), cmd(shellCmd("postconf -M", tr+"/unix")+"   # "+c.unread()+": these show what is in force"),
			say("if transport_maps names tables, add the line \""+line+"\" to the first (postmap it if it is an indexed file), unless one of them has a line for "+domain+" already: Postfix searches them in order, so change the first such line's transport to "+tr+" and keep its next hop; if it names none, put the line in "+file+", run "+shellCmd("postmap", "hash:"+file)+" and "+postconfSet("transport_maps", "hash:"+file)+"; if postconf -M "+tr+"/unix shows nothing, add the service with "+shellCmd("postconf -M", tr+"/unix="+tr+" unix - - n - - smtp")+", else keep its entry as it is"+hopNote))
		for _, p := range params {
			acts = append(acts, cmd(shellCmd("postconf -e", p)))
		}
		return append(acts, cmd("postfix reload")), ""
	}
	switch {
	case unread != "" && len(tables) == 1:
		// Appending to a regexp, pcre or SQL table's file would be
		// ignored, or break the table's own configuration.
		acts = append(acts, say("route the domain in the table transport_maps names ("+SanitizeLine(tm)+"), in that table's syntax: "+domain+" "+tr+":"))
	case unread != "":
		// Its lines unknown, that table may route the domain before a
		// line added elsewhere, or after it, where the added line with
		// no next hop would replace a relay.
		acts = append(acts, say("transport_maps lists "+SanitizeLine(tm)+": Postfix looks the domain up in those tables in that order and the first line found routes it (every table is asked for the whole address before any is asked for the domain, and a regexp or pcre table only for the whole address), and mxtop cannot read "+SanitizeLine(unread)+", so no line is added: find the line that routes "+domain+" (postmap -q "+domain+" TABLE for each table in turn, postmap -q user@"+domain+" for a regexp or pcre table) and put the route in that line's table, in its syntax: "+domain+" "+tr+": followed by that line's next hop, if it names one"))
	default:
		files := make([]string, len(tables))
		for i, t := range tables {
			_, files[i], _ = strings.Cut(t, ":")
		}
		if len(files) == 0 {
			files = []string{file}
		}
		acts = append(acts, cmd(tableAddLine(files, domain, tr+":")))
		if sources.IndexedTable(typ) {
			acts = append(acts, cmd(shellCmd("postmap", typ+":"+file)))
		}
		if len(files) == 1 {
			caution = "Postfix uses a key's first line and postmap only warns about later ones (\"duplicate entry\"), so where " + file + " has a line for " + domain + " already (keys match in any letter case) the command prints that line instead of adding one: change its transport to " + tr + ": and keep its next hop (smtp:[relay.example] becomes " + tr + ":[relay.example])" + c.parentRouteCaution(tr, domain, false)
		} else {
			caution = "Postfix looks " + domain + " up in the tables transport_maps lists in that order (" + strings.Join(files, ", then ") + ") and uses the first line found, in a table its key's first line (postmap only warns about later ones, \"duplicate entry\"), so where one of them has a line for " + domain + " already (keys match in any letter case) the command prints the line in force, from the first table that has one, instead of adding one: change its transport to " + tr + ": in that table, keep its next hop (smtp:[relay.example] becomes " + tr + ":[relay.example]) and postmap that table if it is an indexed one" + c.parentRouteCaution(tr, domain, true)
		}
	}
	if tm == "" {
		acts = append(acts, cmd(postconfSet("transport_maps", "hash:"+file)))
	}
	switch _, ok := c.cfg.Service(tr, "unix"); {
	case !c.masterKnown():
		// main.cf alone read: the service may be there, with options.
		acts = append(acts, unreadEntryStep(tr+"/unix"), say("if it shows nothing, add the service with "+shellCmd("postconf -M", tr+"/unix="+tr+" unix - - n - - smtp")+", else keep its entry as it is"))
	case !ok:
		acts = append(acts, cmd(shellCmd("postconf -M", tr+"/unix="+tr+" unix - - n - - smtp")))
	}
	for _, p := range params {
		acts = append(acts, cmd(shellCmd("postconf -e", p)))
	}
	return append(acts, cmd("postfix reload")), caution
}

// parentRouteCaution is the caution's part for a domain without a line
// of its own: the line of a domain it is part of, or "*", routes it, as
// trivial-rewrite looks them up, and an added "domain tr:" with no next
// hop would send its mail to its MX, past the relay that line names.
func (c *hintCtx) parentRouteCaution(tr, domain string, several bool) string {
	dot := "."
	if slices.Contains(strings.Fields(strings.ReplaceAll(c.cfg.Get("parent_domain_matches_subdomains"), ",", " ")), "transport_maps") {
		dot = ""
	}
	var parents []string
	for rest := domain; ; {
		_, parent, ok := strings.Cut(rest, ".")
		if !ok || parent == "" {
			break
		}
		parents = append(parents, dot+parent)
		rest = parent
	}
	of := "the line of \"*\""
	if len(parents) > 0 {
		of = "the line of the nearest domain it is part of (" + strings.Join(parents, ", then ") + "), or else of \"*\","
	}
	where := "; where it has none, "
	if several {
		where = "; where none has one, "
		of += " in whichever table, each key looked up in all of them before the next,"
	}
	return where + of + " routes it: if that line names a next hop, add the line with it after " + tr + ": (for smtp:[relay.example], " + domain + " " + tr + ":[relay.example]), or its mail goes to its MX past that relay, and if that line's transport is not smtp (lmtp:, or one with -o options in master.cf), route the domain by hand"
}

// tableAddLine is the command that adds the line "key value" to the
// first of the lookup tables' source files, unless one of them has a line
// for key already: the line of the first that has one is printed, to be
// edited, since Postfix searches the tables in order, a key's first line
// wins, and a line added after it would change nothing (or, in an
// earlier table, win over it). Keys match as postmap reads them: the
// first field of a line that starts a logical line, in any case (postmap
// folds keys to lower case), quoted or not.
func tableAddLine(files []string, key, value string) string {
	file := files[0]
	f := ShellQuote(file)
	edit := key + " has a line in " + file + " already (above, its value maybe on indented lines after it): make its value " + value + " followed by the next hop it has, if any, instead of adding another line"
	if len(files) > 1 {
		edit = key + " has a line already in the table named above, the first of the tables transport_maps lists that has one, so that line routes it (its value maybe on indented lines after it): make its value " + value + " followed by the next hop it has, if any, there instead of adding another line, and postmap that table if it is an indexed one"
	}
	pattern := ShellQuote(`^"?` + regexp.QuoteMeta(key) + `"?([[:space:]]|$)`)
	// One builder: the hint is made for every throttling destination on
	// every evaluation.
	var b strings.Builder
	b.Grow(200 + 3*len(f) + 2*len(key) + len(edit) + len(files)*(len(pattern)+40))
	b.WriteString("if ")
	for i, other := range files {
		if i > 0 {
			// One grep a table, so that a table that is missing does
			// not hide the line of the next, and only the first line
			// found, the one in force, is printed.
			b.WriteString(" || ")
		}
		b.WriteString("grep -in")
		if len(files) > 1 {
			b.WriteString("H") // the table's name before its line
		}
		// QuoteMeta escapes what POSIX extended expressions treat
		// specially too.
		b.WriteString("sE " + pattern + " " + ShellQuote(other))
	}
	b.WriteString("; then echo ")
	b.WriteString(ShellQuote(edit))
	// A last line without its newline would run into the new one.
	b.WriteString(`; else [ -z "$(tail -c 1 ` + f + ` 2>/dev/null)" ] || echo >> ` + f + "; ")
	b.WriteString(shellCmd("printf", `%s\t%s\n`, key, value))
	b.WriteString(" >> " + f + "; fi")
	return b.String()
}

func ruleDestConcurrency(c *hintCtx) []Hint {
	var out []Hint
	type refusing struct {
		d       *Dest
		n       float64
		t       throttling
		sockets int
		slow    bool // routed to the slow transport with a limit
	}
	var refused []refusing
	shared, sharers := c.slowConcurrency()
	for _, d := range c.classDests(sources.ClassConnLimit) {
		n := c.count(&d.ConnLimit, d.Classes[sources.ClassConnLimit])
		if !c.e.hints.gate(hintKey{"destination_concurrency", d.Domain}, n, 1, 1) {
			continue
		}
		r := refusing{d: d, n: n, t: c.throttle(d), sockets: c.e.PeakSockets[d.Domain]}
		r.slow = c.slowLimited(d, r.sockets)
		refused = append(refused, r)
	}
	for _, r := range refused {
		d, n, t, sockets := r.d, r.n, r.t, r.sockets
		limit, seen, suggest := t.limit, t.seen, t.suggest
		if r.slow {
			suggest = shared
		}
		param := t.transport + "_destination_concurrency_limit"
		sev := evidenceSeverity(n, d)
		ev := []string{
			fmt.Sprintf("%.0f deliveries to %s refused for too many connections %s%s; %d deferred, %d sent in all",
				n, d.Domain, c.windowText(), c.rateText(&d.ConnLimit, d.Classes[sources.ClassConnLimit]), d.Deferred, d.Sent),
			fmt.Sprintf("effective limit: %s = %d", param, limit),
		}
		if c.cfg == nil {
			ev[1] = fmt.Sprintf("limit: %s = %d by default; %s", param, limit, c.unread())
		}
		if d.PeakEstimate > 0 {
			ev = append(ev, fmt.Sprintf("concurrency (estimated from the log): peak %d, about %d when the first refusal came", d.PeakEstimate, d.ConcAtRefusal))
		}
		if sockets > 0 {
			ev = append(ev, fmt.Sprintf("outbound sockets to its hosts: peak %d, %d at the first refusal", sockets, d.SocketsAtRefusal))
		}
		if d.Suspended > 0 {
			ev = append(ev, fmt.Sprintf("the qmgr suspended the destination: %d deferrals read \"delivery temporarily suspended\"", d.Suspended))
		}
		ev = withReply(ev, classReply(d, sources.ClassConnLimit))
		if t.stated > 0 {
			ev = append(ev, fmt.Sprintf("the server states a limit of %d connections from this client in its reply", t.stated))
		}
		// The cautions about the limit name the one the commands set: the
		// slow transport's where they route the domain there, else the
		// transport's its mail keeps (the relay's).
		setLimit := ""
		if tr := c.throttledTransport(d, concurrencyParams(suggest)); tr != "" {
			setLimit = tr + "_destination_concurrency_limit"
		}
		perDestination := "per-destination parameters work in main.cf only; -o on the master.cf entry has no effect"
		if setLimit != "" {
			perDestination = "per-destination parameters such as " + setLimit + " work in main.cf only; -o on the master.cf entry has no effect"
		}
		cautions := []string{
			perDestination,
			"idle cached connections also count against the receiver's limit (smtp_connection_cache_time_limit)",
		}
		if d.LMTP {
			cautions = []string{
				"the LMTP server is this site's mailbox server: keep " + param + " at or below the connections it serves at once (Dovecot: service lmtp's process_limit), or raise that instead",
				"per-destination parameters work in main.cf only; -o on the master.cf entry has no effect",
			}
		}
		if suggest == 1 && !d.LMTP && setLimit != "" {
			tr := strings.TrimSuffix(setLimit, "_destination_concurrency_limit")
			cautions = append(cautions, "with "+setLimit+" = 1 keep "+tr+"_destination_recipient_limit above 1: at 1 the destination becomes each recipient, not the domain, and the limit no longer serializes the domain")
		}
		if r.slow && len(sharers) > 1 {
			alone := ""
			if t.suggest != shared {
				alone = fmt.Sprintf(" (this destination alone would need %d)", t.suggest)
			}
			cautions = append(cautions, fmt.Sprintf("%s_destination_concurrency_limit is one setting for every destination the %s transport carries, each held to it apart: the hints for %s route theirs there and all set it to %d, the lowest any of them needs%s",
				slowTransport, slowTransport, namesUpTo(sharers, 5), shared, alone))
		}
		if s := c.relayCaution(d, "so its limit is the one that matters"); s != "" {
			cautions = append(cautions, s)
		} else if r, ok := c.configRelay(); ok && !d.LMTP {
			past := "transport_maps"
			if r.param == "default_transport" {
				// Its next hop is not relay_domains' (relay_transport's).
				past = "transport_maps, or relay_domains through relay_transport"
			}
			cautions = append(cautions, r.param+" is set ("+SanitizeLine(r.value)+"), but none of the refused deliveries went to its next hop: the domain is routed past the relay ("+past+"), so it gets a transport of its own and the "+cmp.Or(r.transport, "smtp")+" transport's limit, which the relay's mail shares, stays as it is")
		}
		// The receiver counts this IP's connections, whatever domain they
		// carry mail for; Postfix counts each next-hop domain apart. Said
		// whatever the advice below: at one connection at a time it is
		// what explains the refusals. Not through a relay: there the
		// domains are one destination already.
		var shared []string
		if host, others := c.sharedMX(d); len(others) > 0 && PlausibleHost(host) && c.toSlow(d) {
			shared = append(shared, fmt.Sprintf("%s, which refuses %s, refuses %s too: the receiver counts this IP's connections across all of them, while Postfix limits each domain apart; transport entries with that host as their next hop (%s:[%s]) make them one destination under one limit",
				SanitizeLine(host), d.Domain, SanitizeLine(strings.Join(others, ", ")), slowTransport, SanitizeLine(host)))
		}
		if t.stated > 0 && !d.LMTP {
			// The limit that applies once the advice is followed: the
			// slow transport's where it moves the domain there, the rate
			// delay's where the domain is rate limited too.
			applies := param + " limits each destination (next-hop domain) apart"
			switch {
			case c.rateDelayed(d) && !c.serialAt(d, sockets):
				applies = rateTransport + "_destination_rate_delay holds each destination (next-hop domain) to one connection at a time, each apart"
			case r.slow:
				applies = slowTransport + "_destination_concurrency_limit limits each destination (next-hop domain) apart"
			}
			shared = append(shared, fmt.Sprintf("mail for every domain this host sends to the same MX hosts counts against the server's limit of %d, while %s: such domains together can still exceed it", t.stated, applies))
		}
		refusal := connLimitWords(d)
		title := fmt.Sprintf("Outbound: %s refuses connections (%s) at concurrency %s", d.Domain, refusal, concText(seen, limit, t.fromSockets, c.cfg == nil))
		var acts []Action
		var changes []ConfigChange
		if c.serialAt(d, sockets) {
			// Nothing to lower: the receiver counts other connections
			// than this domain's, or their rate.
			if max(d.PeakEstimate, sockets) > 1 {
				title = fmt.Sprintf("Outbound: %s refuses connections (%s) while this host opens two at a time at most", d.Domain, refusal)
				ev = append(ev, fmt.Sprintf("this host delivered to it over two connections at a time at most throughout (%d deliveries), %d when the first refusal came: a concurrency limit of 2 or more changes nothing", d.Sent+d.Deferred+d.Bounced, d.ConcAtRefusal))
			} else {
				title = fmt.Sprintf("Outbound: %s refuses connections (%s) while this host opens one at a time", d.Domain, refusal)
				ev = append(ev, fmt.Sprintf("this host delivered to it one connection at a time throughout (%d deliveries): a lower concurrency limit changes nothing", d.Sent+d.Deferred+d.Bounced))
			}
			acts = []Action{
				say("the receiver counts connections besides this domain's, or limits their rate: other domains with the same MX host, other servers behind this host's public address (NAT, a shared outbound relay), idle cached connections (smtp_connection_cache_time_limit); Postfix's own smtpd answers a connection rate limit with the same \"too many connections\""),
				say(c.spaceOut(d)),
			}
			// The cautions about a concurrency limit are about a change not
			// offered.
			cautions = slices.DeleteFunc(cautions, func(s string) bool {
				return setLimit != "" && strings.Contains(s, setLimit)
			})
		} else {
			var more []string
			if c.rateDelayed(d) {
				// Routed by the rate_delay hint too: one transport line
				// for the domain, and its rate delay already holds it to
				// one connection at a time.
				acts, changes, more = c.throttleSettings(d, rateDelayParams)
				cautions = slices.DeleteFunc(cautions, func(s string) bool {
					return setLimit != "" && strings.Contains(s, setLimit)
				})
				cautions = append(cautions, fmt.Sprintf("%s is rate limited too: as its rate_delay hint does, this routes it to the %s transport with %s_destination_rate_delay = %s, which makes its delivery serial, one connection at a time, below any concurrency limit",
					d.Domain, rateTransport, rateTransport, rateDelayParams[0][1]))
			} else {
				acts, changes, more = c.throttleSettings(d, concurrencyParams(suggest))
			}
			cautions = append(cautions, more...)
		}
		cautions = append(cautions, shared...)
		out = append(out, Hint{
			ID: "destination_concurrency", Severity: sev, Side: "outbound", Subject: d.Domain,
			Title:    title,
			Evidence: ev, Samples: destSamples(d, sources.ClassConnLimit),
			Steps: acts, Changes: changes,
			Cautions: cautions,
			Impact:   c.perMinute(&d.ConnLimit, d.Classes[sources.ClassConnLimit]),
		})
	}
	if len(out) == 0 && len(c.classDests(sources.ClassConnLimit)) == 0 {
		if h, ok := c.throttleTries(sources.ClassConnLimit, "destination_concurrency"); ok {
			out = append(out, h)
		}
	}
	return c.foldAtRelayhost(out, connLimitFold)
}

// concurrencyParams are the per-destination settings the
// destination_concurrency hint and the destination detail give a
// destination to hold it to limit connections.
func concurrencyParams(limit int) [][2]string {
	return [][2]string{
		{"_destination_concurrency_limit", strconv.Itoa(limit)},
		{"_destination_concurrency_failed_cohort_limit", "10"},
	}
}

// slowLimited says whether the destination_concurrency hint routes d to
// the slow transport with a concurrency limit.
func (c *hintCtx) slowLimited(d *Dest, sockets int) bool {
	return c.toSlow(d) && PlausibleDomain(d.Domain) && !c.serialAt(d, sockets) && !c.rateDelayed(d)
}

// slowConcurrency is the slow_destination_concurrency_limit the
// destination_concurrency hints set, and the domains they route to the
// slow transport with it (0 and none when they route none). It is one
// parameter for every destination that transport carries, each held to
// it apart: the hints set it to the lowest any of them needs, which is
// safe for each, rather than each to its own and the last one followed
// winning.
func (c *hintCtx) slowConcurrency() (int, []string) {
	shared := 0
	var sharers []string
	for _, d := range c.classDests(sources.ClassConnLimit) {
		// The hint's gate fires and clears at one refusal; read here
		// without moving its state.
		if c.count(&d.ConnLimit, d.Classes[sources.ClassConnLimit]) < 1 || !c.slowLimited(d, c.e.PeakSockets[d.Domain]) {
			continue
		}
		if s := c.throttle(d).suggest; shared == 0 || s < shared {
			shared = s
		}
		sharers = append(sharers, d.Domain)
	}
	return shared, sharers
}

// relayFold is how the hints of one id fold into one about the relay
// that throttled their domains' mail (foldAtRelayhost): the class of the
// deferrals they count, where its recent count is kept, and the words.
type relayFold struct {
	class sources.Class
	ring  func(*Dest) *MinuteRing
	// did is what the relay (the %s) did to the deliveries; what is what
	// it does, in the title; one is what their one destination is under.
	did, what, one string
	// apart says whether d's hint stays its own though the relay
	// throttled its mail.
	apart func(*Dest) bool
}

var (
	connLimitFold = relayFold{
		class: sources.ClassConnLimit, ring: func(d *Dest) *MinuteRing { return &d.ConnLimit },
		did: "refused by %s for too many connections", what: "refuses connections (too many connections)", one: "under one limit",
		apart: func(*Dest) bool { return false },
	}
	rateLimitFold = relayFold{
		class: sources.ClassRateLimit, ring: func(d *Dest) *MinuteRing { return &d.RateLimit },
		did: "deferred as rate limiting by %s", what: "throttles by rate or volume", one: "under one rate delay",
		// A recipient's mailbox limit passed on by the relay is that
		// mailbox's, and its hint says so.
		apart: func(d *Dest) bool {
			return containsAny(strings.ToLower(classReply(d, sources.ClassRateLimit)), oneMailboxRate)
		},
	}
)

// foldAtRelayhost makes one hint of the hints (destination_concurrency or
// rate_delay, as k says) of the domains the relay throttled: with
// relayhost or a next hop in default_transport set, all their mail goes to
// that one destination, under one concurrency limit and one rate delay,
// so the refusals are the relay's, not the recipient domains'. Where the
// configuration could not be read, or names the relay only in tables
// mxtop cannot read, so do those of a relay the log shows (logRelays),
// said to be the log's reading.
func (c *hintCtx) foldAtRelayhost(hs []Hint, k relayFold) []Hint {
	if r, ok := c.configRelay(); ok {
		if !PlausibleHost(r.host) {
			return hs
		}
		out := c.foldAtRelay(hs, k, r.host, &r, nil, nil)
		if len(out) == len(hs) {
			if mx := c.relayMXHosts(hs, k, r); len(mx) > 0 {
				out = c.foldAtRelay(hs, k, r.host, &r, nil, mx)
			}
		}
		return out
	}
	for _, r := range c.logRelays() {
		hs = c.foldAtRelay(hs, k, r.host, nil, &r, nil)
	}
	return hs
}

// relayMXHosts are the hosts, in lower case and sorted, that deferred the
// mail of the domains of hs when relay r is one next hop without
// brackets, looked up by MX: smtp connects to the relay's MX hosts, whose
// names are not the relay's. None where something may route a domain's
// mail past the relay (transport_maps, a sender-dependent relay or
// transport), where fewer than two domains are deferred, or where the
// domains' failing next hops share no host: then they are not known to be
// the relay's.
func (c *hintCtx) relayMXHosts(hs []Hint, k relayFold, r oneRelay) []string {
	if !c.relayByMX(r) {
		return nil
	}
	var shared, all []string
	domains := 0
	for _, h := range hs {
		d, ok := c.e.Dest.Lookup(h.Subject)
		if !ok || d.LMTP || k.apart(d) {
			continue
		}
		var failed []string
		for _, hop := range d.Hops {
			if name := strings.ToLower(hop.Host); hop.Errors > 0 && PlausibleDomain(name) && !slices.Contains(failed, name) {
				failed = append(failed, name)
			}
		}
		if len(failed) == 0 {
			continue
		}
		if domains == 0 {
			shared = slices.Clone(failed)
		} else {
			shared = slices.DeleteFunc(shared, func(s string) bool { return !slices.Contains(failed, s) })
		}
		for _, f := range failed {
			if !slices.Contains(all, f) {
				all = append(all, f)
			}
		}
		domains++
	}
	if domains < 2 || len(shared) == 0 {
		return nil
	}
	slices.Sort(all)
	return all
}

// relayByMX says whether relay r, the configuration's for all remote
// mail, is one next hop without brackets, whose MX hosts smtp connects
// to, and nothing the configuration sets may route a domain's mail past
// it (transport_maps, a sender-dependent relay or transport): then every
// smtp next hop is one of the relay's MX hosts.
func (c *hintCtx) relayByMX(r oneRelay) bool {
	return len(r.hops) == 1 && !r.hop().bracketed && PlausibleDomain(r.host) && c.cfg != nil &&
		strings.TrimSpace(c.cfg.Get("transport_maps")) == "" && len(c.senderRelays()) == 0
}

// relayHop says whether next hop h is host, a relay as the configuration
// names it: by name, or by address, which smtp logs as the host's name
// (smtp_addr_one names a numeric next hop by itself) or beside a name.
func relayHop(h Hop, host string) bool {
	host = bareHost(host)
	if a, err := netip.ParseAddr(host); err == nil {
		for _, s := range []string{h.Host, h.IP} {
			if b, err := netip.ParseAddr(s); err == nil && b.Unmap() == a.Unmap() {
				return true
			}
		}
		return false
	}
	return strings.EqualFold(h.Host, host)
}

// foldAtRelay is foldAtRelayhost for the relay host: the one the
// configuration names (named), or the relay the log shows (inferred).
// With mx (relayMXHosts), the relay's deliveries are those to its MX
// hosts.
func (c *hintCtx) foldAtRelay(hs []Hint, k relayFold, host string, named *oneRelay, inferred *logRelay, mx []string) []Hint {
	if len(hs) < 2 {
		return hs
	}
	isRelay := func(h Hop) bool { return relayHop(h, host) }
	if mx != nil {
		isRelay = func(h Hop) bool { return slices.Contains(mx, strings.ToLower(h.Host)) }
	}
	var at []int
	var names []string
	var n float64
	for i, h := range hs {
		d, ok := c.e.Dest.Lookup(h.Subject)
		if !ok || !refusedWhere(d, isRelay) || inferred != nil && !c.viaRelayhost(d) || k.apart(d) {
			continue
		}
		at = append(at, i)
		m := c.count(k.ring(d), d.Classes[k.class])
		n += m
		if len(names) < 5 {
			names = append(names, fmt.Sprintf("%s %.0f", d.Domain, m))
		}
	}
	if len(at) < 2 {
		return hs
	}
	if len(at) > len(names) {
		names = append(names, fmt.Sprintf("%d more", len(at)-len(names)))
	}
	h := hs[at[0]]
	// The relay is one destination for Postfix: its deliveries weigh as
	// one destination's would, not as its busiest recipient domain's.
	h.Severity = evidenceSeverity(n, c.relayDest(host, isRelay))
	host = SanitizeLine(bareHost(host))
	var first, title string
	if named != nil {
		first = fmt.Sprintf("%.0f deliveries for %d domains (%s) %s %s: with %s they are one destination, %s",
			n, len(at), SanitizeLine(strings.Join(names, ", ")), fmt.Sprintf(k.did, named.words()), c.windowText(), named.set(), k.one)
		title = fmt.Sprintf("Outbound: %s %s for the mail of %d domains", named.words(), k.what, len(at))
	}
	if inferred != nil {
		first = fmt.Sprintf("%.0f deliveries for %d domains (%s) %s %s; %s, and they are one destination there, %s",
			n, len(at), SanitizeLine(strings.Join(names, ", ")), fmt.Sprintf(k.did, host), c.windowText(), inferred.words(), k.one)
		title = fmt.Sprintf("Outbound: the relay %s (as the log shows it) %s for the mail of %d domains", host, k.what, len(at))
	}
	ev := []string{first}
	if mx != nil {
		ev = append(ev, fmt.Sprintf("%s, without brackets: smtp looks up the relay's MX and connects to its MX hosts, which are %s (the hosts that deferred these domains' mail)",
			named.where(), SanitizeLine(namesUpTo(mx, 5))))
	}
	for _, l := range h.Evidence[1:] {
		// The per-domain concurrency is a share of the relayhost's.
		if !strings.HasPrefix(l, "concurrency (estimated") {
			ev = append(ev, l)
		}
	}
	h.Evidence = ev
	h.Subject = host
	h.Title = title
	h.Cautions = slices.DeleteFunc(slices.Clone(h.Cautions), func(s string) bool {
		// The relay caution, in the evidence now when inferred, and the
		// per-domain one of a shared host, which the relay is.
		return strings.Contains(s, "transport entries with that host") || inferred != nil && strings.HasPrefix(s, inferred.words())
	})
	for _, i := range at[1:] {
		h.Impact += hs[i].Impact
	}
	out := []Hint{h}
	for i, x := range hs {
		if !slices.Contains(at, i) {
			out = append(out, x)
		}
	}
	return out
}

// relayDest is the destinations whose mail went to next hops of the
// relay host (isRelay says which hops are its), summed as the one
// destination they are there: their deliveries, the qmgr's suspensions,
// the longest wait.
func (c *hintCtx) relayDest(host string, isRelay func(Hop) bool) *Dest {
	one := &Dest{Domain: host}
	for _, d := range c.e.Dest.byName {
		if d.LMTP || !slices.ContainsFunc(d.Hops, func(h Hop) bool { return h.Attempts > 0 && isRelay(h) }) {
			continue
		}
		one.Sent += d.Sent
		one.Deferred += d.Deferred
		one.Bounced += d.Bounced
		one.Suspended += d.Suspended
		one.MaxDelay = max(one.MaxDelay, d.MaxDelay)
	}
	return one
}

// refusedBy says whether next hop host (a name, or an address: relayHop)
// refused some of d's deliveries.
func refusedBy(d *Dest, host string) bool {
	return refusedWhere(d, func(h Hop) bool { return relayHop(h, host) })
}

// refusedWhere says whether a next hop isRelay accepts refused some of d's
// deliveries.
func refusedWhere(d *Dest, isRelay func(Hop) bool) bool {
	return slices.ContainsFunc(d.Hops, func(h Hop) bool { return h.Errors > 0 && isRelay(h) })
}

// connLimitWords names a destination's refusal for too many connections
// with the reply code its last such line carries (421 mostly; 451 from
// Microsoft, 450 from others).
func connLimitWords(d *Dest) string {
	if l := d.ClassLine[sources.ClassConnLimit]; l != "" {
		if code := lineRecord(l).Code; code >= 400 && code < 600 {
			return strconv.Itoa(code) + " too many connections"
		}
	}
	return "too many connections"
}

// serialAt is serialRefusals for d's hint, never where d's refusals are a
// relay's: its connections carry the mail of other domains too, of which
// the log's estimate and the sockets count d's share alone.
func (c *hintCtx) serialAt(d *Dest, sockets int) bool {
	return serialRefusals(d, sockets) && !(c.viaRelayhost(d) && c.refusedByRelay(d))
}

// serialRefusals says whether d refused connections while this host
// delivered to it over one or two connections at a time all along: the
// log's estimate peaked at 2 at most over enough deliveries to say so (a
// few pasted lines from one process do not), and no more sockets than two
// were seen. A receiver that refuses so few counts their rate or
// connections besides these; a limit of 2 or more changes nothing.
func serialRefusals(d *Dest, sockets int) bool {
	return !d.LMTP && d.PeakEstimate <= 2 && d.ConcAtRefusal >= 1 && sockets <= 2 && d.Sent+d.Deferred+d.Bounced >= 10
}

// sharedMX names a next-hop host of d (name and port) that also refused
// other destinations for too many connections, and those destinations
// (at most four).
func (c *hintCtx) sharedMX(d *Dest) (string, []string) {
	if c.refusingMX == nil {
		// Filed in classDests' order, at most five a host: besides d,
		// four are named.
		c.refusingMX = map[mxKey][]*Dest{}
		for _, o := range c.classDests(sources.ClassConnLimit) {
			for i, oh := range o.Hops {
				if oh.Errors == 0 || slices.ContainsFunc(o.Hops[:i], func(p Hop) bool { return p.Errors > 0 && sameMX(p, oh) }) {
					continue
				}
				k := mxKey{strings.ToLower(oh.Host), oh.Port}
				if len(c.refusingMX[k]) < 5 {
					c.refusingMX[k] = append(c.refusingMX[k], o)
				}
			}
		}
	}
	for _, h := range d.Hops {
		if h.Host == "" || h.Errors == 0 {
			continue
		}
		var others []string
		for _, o := range c.refusingMX[mxKey{strings.ToLower(h.Host), h.Port}] {
			if o != d && len(others) < 4 {
				others = append(others, o.Domain)
			}
		}
		if len(others) > 0 {
			return h.Host, others
		}
	}
	return "", nil
}

// sameMX says whether two next hops are the same host and port.
func sameMX(a, b Hop) bool { return strings.EqualFold(a.Host, b.Host) && a.Port == b.Port }

// ThrottleSnippet is the transport_maps and master.cf change that gives a
// destination its own transport with a lower concurrency (the
// QSHAPE_README recipe), for the destination detail view; whole judges
// the whole log, as the hints beside it do. It sets what the
// destination_concurrency hint for the domain would: a domain routed to
// the slow transport shares its limit with the domains the hints route
// there, so the limit is the lowest of theirs and its own.
func (e *Engine) ThrottleSnippet(domain string, whole bool) []Action {
	c := &hintCtx{e: e, now: e.Now, whole: whole, cfg: e.Config, configDir: e.ConfigDir}
	d, ok := e.Dest.Lookup(domain)
	if !ok {
		d = &Dest{Domain: domain}
	}
	limit := c.throttle(d).suggest
	if shared, _ := c.slowConcurrency(); shared > 0 && c.toSlow(d) {
		limit = min(limit, shared)
	}
	acts, _, _ := c.throttleSettings(d, concurrencyParams(limit))
	if e.ConfigDir == "" {
		return acts
	}
	// The instance read, whatever instances the destination's lines
	// came from: the steps are worked out from its configuration.
	h := Hint{Steps: acts}
	aimAt(&h, e.ConfigDir)
	return h.Steps
}

// throttling is what a throttled destination's limit is and what to lower
// it to; the hint and the destination detail both read it from here.
type throttling struct {
	transport            string
	limit, seen, suggest int
	fromSockets          bool // seen counts sockets, not the log's estimate
	// stated is the limit on this client's connections the receiver's
	// refusal states (0 when it states none): the suggestion is at most
	// that.
	stated int
}

// throttle computes the concurrency limit in force for d's transport and
// the limit to suggest: half the concurrency at which the remote
// began refusing (the lower of the sockets at the first refusal, when the
// machine showed them, and the log's estimate, which the most sockets
// ever seen bound), or half the limit, at most 5, when that is unknown;
// at most the limit the refusal states, when it states one.
func (c *hintCtx) throttle(d *Dest) throttling {
	t := throttling{transport: c.deliveredBy(d), limit: 20}
	if c.cfg != nil {
		t.limit = c.cfg.DestinationConcurrencyLimit(t.transport)
	}
	// Each measure can count high (a socket still closing, a process
	// that had finished): the lower of the two that say anything. A limit
	// too low delays mail; one too high leaves the refusals as they were.
	t.seen = d.ConcAtRefusal
	if s := d.SocketsAtRefusal; s > 0 && (t.seen < 2 || s <= t.seen) {
		t.seen, t.fromSockets = s, true
	}
	// Without a reading at the refusal, the most sockets ever held to
	// the destination bound the estimate, which counts the processes that
	// delivered in ten seconds: on a loaded machine, slow deliveries that
	// did not overlap.
	if p := c.e.PeakSockets[d.Domain]; d.SocketsAtRefusal == 0 && p >= 2 && p < t.seen {
		t.seen, t.fromSockets = p, true
	}
	// Half: both measures count high, most on a loaded machine (slow
	// sessions, connections waiting in the receiver's backlog), and
	// Postfix's connection cache keeps a lower concurrency's throughput.
	t.suggest = t.seen / 2
	if t.seen < 2 {
		t.suggest = min(t.limit/2, 5)
		// Nothing measured at the refusal: the most processes the log
		// saw at once are the evidence, and a limit at or above them
		// changes nothing. Through a relayhost, the domain's processes
		// are a share of the relayhost's.
		if d.PeakEstimate >= 2 && !c.refusedByRelay(d) {
			t.suggest = min(t.suggest, d.PeakEstimate/2)
		}
	}
	if t.stated = sources.StatedConnLimit(classReply(d, sources.ClassConnLimit)); t.stated > 0 {
		t.suggest = min(t.suggest, t.stated)
	}
	t.suggest = max(1, min(t.suggest, t.limit-1))
	return t
}

// evidenceSeverity weighs a destination's evidence: one line is worth a
// hint (info); three, two with nothing delivered, a failing share of a
// third of its attempts, or mail waiting for hours make it a warning; twenty, or a destination the qmgr
// suspended, critical.
func evidenceSeverity(n float64, d *Dest) Severity {
	attempts := d.Sent + d.Deferred + d.Bounced
	switch {
	case n >= 20 || d.Suspended > 0:
		return SevCritical
	case n >= 3, n >= 2 && d.Sent == 0, attempts >= 3 && float64(d.Deferred+d.Bounced) >= float64(attempts)/3, d.MaxDelay >= 3600:
		return SevWarning
	}
	return SevInfo
}

// concText says at what concurrency a destination refused, and from what
// the figure comes: the sockets and the log's estimate can differ.
func concText(seen, limit int, fromSockets, byDefault bool) string {
	what := "limit"
	if byDefault {
		what = "default limit"
	}
	if seen >= 2 {
		from := "log estimate"
		if fromSockets {
			from = "sockets"
		}
		return fmt.Sprintf("about %d (%s, %s %d)", seen, from, what, limit)
	}
	return fmt.Sprintf("below the %s of %d", what, limit)
}

// reputationVerdictWords in a listing-class reply say the receiver
// judges the mail itself (Yahoo's TSS04 "user complaints", Gmail's 4.7.28
// "unsolicited mail", Microsoft's 4.7.650 "IP reputation"), not only the
// address it comes from.
var reputationVerdictWords = []string{"complaint", "reputation", "unsolicited", "[tss04]", "4.7.28"}

func reputationVerdict(reply string) bool {
	return containsAny(strings.ToLower(reply), reputationVerdictWords)
}

// unwantedMailWords in a rate-limiting reply say the receiver slows this
// host down for what it sends, not for how fast.
var unwantedMailWords = []string{"unsolicited", "spam", "complaint", "reputation", "bulk sender"}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func ruleRateDelay(c *hintCtx) []Hint {
	var out []Hint
	for _, d := range c.classDests(sources.ClassRateLimit) {
		n := c.count(&d.RateLimit, d.Classes[sources.ClassRateLimit])
		if !c.e.hints.gate(hintKey{"rate_delay", d.Domain}, n, 1, 1) {
			continue
		}
		sev := evidenceSeverity(n, d)
		if d.Suspended > 0 && d.TopClass() == sources.ClassRateLimit {
			sev = SevCritical
		}
		rate := c.perMinute(&d.RateLimit, d.Classes[sources.ClassRateLimit])
		cautions := rateCautions(classReply(d, sources.ClassRateLimit))
		if s := c.relayCaution(d, "so the delay paces all mail through the relay"); s != "" {
			cautions = append(cautions, s)
		}
		acts, changes, more := c.throttleSettings(d, rateDelayParams)
		cautions = append(cautions, more...)
		over := c.overPaced(d)
		if over {
			// A delay that cannot carry the volume holds the mail back
			// more than the receiver does.
			acts, changes = c.overPacedSteps(d), nil
			cautions = slices.DeleteFunc(cautions, func(s string) bool { return !isReputationCaution(s) })
		}
		if d.LMTP {
			// Every mailbox shares the one LMTP next hop: a rate delay
			// there would deliver all local mail one message a second.
			acts, changes = []Action{say("the mailbox server (LMTP) limits deliveries: read its log for the limit it applies and raise it there; a rate delay on the lmtp transport would slow every mailbox's delivery")}, nil
		}
		title := fmt.Sprintf("Outbound: %s throttles by rate or volume", d.Domain)
		if containsAny(strings.ToLower(classReply(d, sources.ClassRateLimit)), oneMailboxRate) {
			// The receiver limits one recipient (Gmail's 4.2.1): what
			// floods that mailbox is the fix. A rate delay for the domain
			// makes every delivery there serial: while other mail to it
			// goes through, none is offered.
			title = fmt.Sprintf("Outbound: a recipient at %s receives mail too fast for the receiver", d.Domain)
			sev = min(sev, SevWarning)
			flood := say("the receiver limits one recipient's mailbox, not the domain (\"the user you are trying to contact is receiving mail at a rate\"): find what floods that address and slow or stop it where it starts: a monitoring or cron job's alerts, a mail loop, a forward, a list; the deferred lines' to= name the address, and postqueue -p with the log's from= for their queue ids the sender; the waiting mail goes at its retries once that mailbox receives less")
			if d.Sent > 0 {
				acts, changes = []Action{flood}, nil
				cautions = []string{fmt.Sprintf("other mail to %s goes through (%d sent): a rate delay for the domain would make every delivery there serial to slow one mailbox", d.Domain, d.Sent)}
			} else if over {
				acts = append([]Action{flood}, acts...)
			} else {
				acts = append([]Action{flood, say("if that address is the only one this host sends to at " + d.Domain + ", a rate delay for the domain paces it:")}, acts...)
			}
		}
		out = append(out, Hint{
			ID: "rate_delay", Severity: sev, Side: "outbound", Subject: d.Domain,
			Title: title,
			Evidence: withReply([]string{
				fmt.Sprintf("%s to %s deferred as rate limiting %s", nDeliveries(d.Classes[sources.ClassRateLimit]), d.Domain, c.windowText()),
			}, classReply(d, sources.ClassRateLimit)),
			Samples: destSamples(d, sources.ClassRateLimit),
			Steps:   acts, Changes: changes,
			Cautions: cautions,
			Impact:   rate,
		})
	}
	if len(out) == 0 && len(c.classDests(sources.ClassRateLimit)) == 0 {
		if h, ok := c.throttleTries(sources.ClassRateLimit, "rate_delay"); ok {
			out = append(out, h)
		}
	}
	return c.foldAtRelayhost(out, rateLimitFold)
}

// rateDelayParams are the per-destination settings the rate_delay hint
// gives a destination; a rate-delayed destination is delivered one
// connection at a time, and the cohort limit keeps one failed connection
// from suspending it (postconf(5)).
var rateDelayParams = [][2]string{
	{"_destination_rate_delay", strconv.Itoa(rateDelaySecs) + "s"},
	{"_destination_concurrency_failed_cohort_limit", "10"},
}

// rateDelayed says whether the rate_delay hint routes d to the
// rate-delayed transport: its gate fires and clears at one rate-limiting
// deferral (read here without moving its state), and a receiver that
// limits one mailbox while other mail to the domain goes through gets no
// rate delay.
func (c *hintCtx) rateDelayed(d *Dest) bool {
	return c.toSlow(d) && PlausibleDomain(d.Domain) && c.count(&d.RateLimit, d.Classes[sources.ClassRateLimit]) >= 1 &&
		!(d.Sent > 0 && containsAny(strings.ToLower(classReply(d, sources.ClassRateLimit)), oneMailboxRate)) && !c.overPaced(d)
}

// oneMailboxRate are the words of a receiver that limits one recipient's
// mailbox, not the domain (Gmail's 4.2.1).
var oneMailboxRate = []string{"the user you are trying to contact is receiving mail at a rate"}

// rateCautions are the rate_delay hint's cautions; a reply that says the
// mail is unwanted puts the reputation first.
func rateCautions(reply string) []string {
	cautions := []string{
		"4xx replies to MAIL, RCPT or DATA (Microsoft's 4.7.500, a receiver's \"rate limit exceeded\") do not make Postfix back off: only configuration slows it down",
		"a non-zero rate delay makes delivery to the destination serial; the timer restarts on reload",
		"per-destination parameters work in main.cf only, not as -o in master.cf",
	}
	if containsAny(strings.ToLower(reply), unwantedMailWords) {
		cautions = append([]string{reputationCaution}, cautions...)
	}
	return cautions
}

// reputationCaution is the rate_delay hint's caution for a receiver that
// judges the mail unwanted.
const reputationCaution = "the receiver limits the rate because it judges the mail unwanted: slowing down buys time but does not repair the sending IP's reputation; check SPF, DKIM and DMARC alignment, the receiver's postmaster tools, and what on this host sends that mail"

func isReputationCaution(s string) bool { return s == reputationCaution }

// throttleTries is the rate_delay or destination_concurrency hint (id)
// when the log has failed tries of class cl at some servers ("host X
// said:", "refused to talk to me:") but no delivery line that names the
// recipient domain: a log cut before the deferral, or a pasted line.
// Postfix throttles per recipient domain (the transport map's key), and
// a server's name is none: the steps say how to find the domains, and no
// configuration change is offered.
func (c *hintCtx) throttleTries(cl sources.Class, id string) (Hint, bool) {
	ring, all := &c.e.OutClassRing[cl], c.e.OutClasses[cl]
	n := c.count(ring, all)
	if !c.e.hints.gate(hintKey{id, "tries"}, n, 1, 1) {
		return Hint{}, false
	}
	var hosts []string
	for _, h := range c.e.TryHosts[cl] {
		if PlausibleHost(h) {
			hosts = append(hosts, SanitizeLine(h))
		}
	}
	servers := "the remote servers"
	if len(hosts) > 0 {
		servers = strings.Join(hosts, ", ")
	}
	samples := c.e.TrySamples[cl]
	find := say("the log does not name the recipient domains (their delivery lines are not in it); postqueue -p lists the deferred mail's recipients, and the full log's to= lines for these queue ids name them")
	h := Hint{
		ID: id, Severity: SevWarning, Side: "outbound", Subject: servers,
		Evidence: []string{fmt.Sprintf("%.0f failed tries at %s %s", n, servers, c.windowText())},
		Samples:  samples,
		Impact:   c.perMinute(ring, all),
	}
	switch cl {
	case sources.ClassConnLimit:
		h.Title = fmt.Sprintf("Outbound: %s refuse connections (too many connections from this IP)", servers)
		h.Evidence[0] += " refused for too many connections"
		low := "a low " + slowTransport + "_destination_concurrency_limit (2 or 3)"
		if n := triesStatedLimit(samples); n > 0 {
			low = fmt.Sprintf("%s_destination_concurrency_limit at most %d (the servers state a limit of %d connections from this client)", slowTransport, n, n)
		}
		h.Steps = []Action{find, say("give those domains one transport with " + low + " in main.cf, with a transport_maps entry per domain; when several domains share these servers, a next hop of [server] in those entries makes them one destination under one limit")}
		h.Cautions = []string{
			"idle cached connections also count against the receiver's limit (smtp_connection_cache_time_limit)",
			"per-destination parameters work in main.cf only; -o on the master.cf entry has no effect",
		}
	default:
		h.Title = fmt.Sprintf("Outbound: %s throttle by rate or volume", servers)
		h.Evidence[0] += " deferred as rate limiting"
		h.Steps = []Action{find, say("give those domains one transport with " + rateTransport + "_destination_rate_delay = 1s in main.cf and a transport_maps entry per domain")}
		h.Cautions = rateCautions(strings.Join(samples, " "))
	}
	h.Steps = append(h.Steps, cmd("postqueue -p | head -40   # the deferred mail and its recipients"))
	return h, true
}

// triesStatedLimit is the lowest limit on this client's connections that
// the replies of failed tries state; 0 when none states one.
func triesStatedLimit(samples []string) int {
	low := 0
	for _, s := range samples {
		reply := lineRecord(s).Reason
		if reply == "" {
			reply = s
		}
		if n := sources.StatedConnLimit(reply); n > 0 && (low == 0 || n < low) {
			low = n
		}
	}
	return low
}

func ruleTLS(c *hintCtx) []Hint {
	var out []Hint
	if h, ok := untrustedOnlyHint(c); ok {
		out = append(out, h)
	}
	noProxy := c.smtpLacksTLSProxy()
	var tlsDests []*Dest
	for _, d := range c.classDests(sources.ClassTLS) {
		// Without tlsproxy's socket the smtp client, reusing TLS
		// connections, starts TLS with no server and defers with its
		// generic words: this host's failure, which the knowledge base's
		// hint tells, not the destination's.
		if noProxy && replySays(classReply(d, sources.ClassTLS), tlsProxyLessReplies) {
			continue
		}
		// Live, only a destination failing in TLS in the window: its
		// other errors there (a timeout) are other hints'.
		if c.e.hints.gate(hintKey{"tls", d.Domain}, c.count(&d.TLS, d.Classes[sources.ClassTLS]), 1, 1) {
			tlsDests = append(tlsDests, d)
		}
	}
	if r, ok := c.tlsRelay(tlsDests); ok {
		return append(out, tlsRelayHint(c, r, tlsDests))
	}
	// Three destinations get a hint each; the rest share one.
	for i, d := range tlsDests {
		if i == 3 && len(tlsDests) > 4 {
			out = append(out, tlsGroupHint(c, tlsDests[3:]))
			break
		}
		out = append(out, tlsHint(c, d))
	}
	return out
}

// untrustedOnlyHint is the hint for a smtp client whose TLS sessions were
// all Untrusted and none Trusted or Verified: it checks no server's
// certificate against a CA, which at "may" costs nothing but makes
// "verify", "secure" and MTA-STS policies fail. A bundle the chrooted
// client cannot read (a CApath inside the chroot) is the usual cause;
// self-signed servers are the other. A TLS failure in the log has its
// own hint, which names the CA bundle when a certificate did not verify.
func untrustedOnlyHint(c *hintCtx) (Hint, bool) {
	n := c.e.SentUntrusted
	if !c.e.hints.gate(hintKey{"tls", "certificate checks"}, float64(n), 1, 1) || c.e.SentTrusted > 0 || len(c.e.Samples[sources.ClassTLS]) > 0 {
		return Hint{}, false
	}
	h := Hint{
		ID: "tls", Severity: SevInfo, Side: "outbound", Subject: "certificate checks",
		Title:    "Outbound: no server certificate was checked against a CA (all TLS sessions Untrusted)",
		Evidence: []string{fmt.Sprintf("%d outbound TLS sessions logged as Untrusted, none as Trusted or Verified", n)},
		Steps: []Action{
			cmd("postconf smtp_tls_CAfile smtp_tls_CApath smtp_tls_security_level"),
			say("point smtp_tls_CAfile at the system CA bundle (/etc/ssl/certs/ca-certificates.crt on Debian and Ubuntu, /etc/pki/tls/certs/ca-bundle.crt on RHEL), which the smtp client reads before it enters its chroot, where a CApath directory is not found; then postfix reload, and sessions with servers whose certificates chain to a public CA are logged as Trusted; servers with self-signed certificates stay Untrusted, and only trusting their issuer changes that"),
		},
		Cautions: []string{"at smtp_tls_security_level = may the mail goes either way; without a CA bundle the levels verify and secure, and MTA-STS policies, defer every message"},
		Impact:   0,
	}
	if ev := chrootedCApath(c.cfg); ev != "" {
		h.Evidence = append(h.Evidence, ev)
	}
	if c.e.UntrustedLine != "" {
		h.Samples = []string{SanitizeLine(c.e.UntrustedLine)}
	}
	return h, true
}

// chrootedCApath says where a chrooted smtp transport looks for
// smtp_tls_CApath: inside the queue directory, where the directory the
// parameter names is usually missing. "" when master.cf shows no chrooted
// smtp transport or no CApath is set.
func chrootedCApath(cfg *sources.Config) string {
	if cfg == nil {
		return ""
	}
	capath := cfg.Get("smtp_tls_CApath")
	if !strings.HasPrefix(capath, "/") {
		return ""
	}
	for _, s := range cfg.DeliveryTransports() {
		if s.Command == "smtp" && cfg.Chrooted(s) {
			return fmt.Sprintf("smtp_tls_CApath = %s and the %s transport runs chrooted (master.cf): it reads that directory as %s, inside the queue directory, where it is usually missing", capath, s.Name, path.Join(cfg.Get("queue_directory"), capath))
		}
	}
	return ""
}

func tlsHint(c *hintCtx, d *Dest) Hint {
	level, policy := "", ""
	if c.cfg != nil {
		level, policy = c.cfg.Get("smtp_tls_security_level"), c.cfg.Get("smtp_tls_policy_maps")
	}
	host, port := d.Domain, 25
	if len(d.Hops) > 0 {
		host, port = d.Hops[0].IP, d.Hops[0].Port
		if port == 0 {
			port = 25
		}
	}
	sev := evidenceSeverity(float64(d.Classes[sources.ClassTLS]), d)
	if d.Sent == 0 && d.Classes[sources.ClassTLS] >= 20 {
		sev = SevCritical
	}
	// Mail to a port other than 25 went to a next hop named with its port
	// (a transport's nexthop, a relayhost), which is what Postfix looks
	// the policy up by; an MX host is always reached on port 25.
	// The handshake test names the relay too: its certificate is what
	// the client checks there, and it does not name the recipients.
	key, sni := d.Domain, d.Domain
	if len(d.Hops) > 0 && port != 25 && !d.LMTP {
		key = "[" + strings.ToLower(d.Hops[0].Host) + "]:" + strconv.Itoa(port)
		if h := d.Hops[0].Host; PlausibleDomain(h) && net.ParseIP(h) == nil {
			sni = h
		}
	}
	remote := ""
	if len(d.Hops) > 0 {
		remote = d.Hops[0].Host
	}
	reply := classReply(d, sources.ClassTLS)
	dane := c.daneMismatchName(firstHop(d))
	if dane == "" && (level == "dane" || level == "dane-only") && policy == "" && port == 25 && net.ParseIP(firstHop(d)) == nil {
		// At the dane levels with no policy table a server is verified
		// by its TLSA records alone (without usable ones dane falls back
		// to unauthenticated TLS): one that did not verify matched none.
		dane = firstHop(d)
	}
	steps, changes := c.tlsActions(host, port, sni, remote, key, policy, reply, c.trustedHop(d), dane, daneMaybe(level, policy))
	title, failed := fmt.Sprintf("Outbound: TLS fails with %s", d.Domain), "failed in TLS"
	if sources.TLSRequired(reply) {
		who := d.Domain
		if isNoDomain(who) {
			who = "a next hop"
		}
		title, failed = fmt.Sprintf("Outbound: %s takes mail only over TLS, and this host sent it without", who), "refused or deferred for coming without TLS"
	}
	return Hint{
		ID: "tls", Severity: sev, Side: "outbound", Subject: d.Domain,
		Title:    title,
		Evidence: withReply([]string{fmt.Sprintf("%s to %s %s; smtp_tls_security_level = %q", nDeliveries(d.Classes[sources.ClassTLS]), d.Domain, failed, level)}, reply),
		Samples:  destSamples(d, sources.ClassTLS),
		Steps:    steps,
		Changes:  changes,
		Cautions: tlsCautions(level),
		Impact:   c.perMinute(&d.TLS, d.Classes[sources.ClassTLS]),
	}
}

// tlsproxyMissing is the knowledge base's entry for a tlsproxy service
// without a socket (master.cf does not define it), and
// tlsProxyLessReplies what the smtp client says of a TLS session that
// tlsproxy did not start for it (smtp_proto.c).
const tlsproxyMissing = "tlsproxy_missing"

var tlsProxyLessReplies = []string{"cannot start tls: handshake failure"}

// smtpLacksTLSProxy tells whether a line in the window said the smtp
// client found no tlsproxy socket (on the outbound side, or pasted
// without its program). postscreen's line says nothing of the smtp
// client, which without connection reuse does TLS itself.
func (c *hintCtx) smtpLacksTLSProxy() bool {
	for key, seen := range c.e.Known {
		if key.Side != "inbound" && sources.KnownMessages[key.Entry].ID == tlsproxyMissing && c.count(&seen.Ring, seen.Count) > 0 {
			return true
		}
	}
	return false
}

// tlsVerifyReplies are what the smtp client says when a peer's certificate
// did not verify at a verifying security level (verify, secure, dane):
// the TLS session itself worked.
var tlsVerifyReplies = []string{"certificate not verified", "certificate verification failed", "certificate not trusted"}

// tlsUntrustedReplies are what it says when the peer's chain reached no
// root this host trusts (verify, secure), the name aside.
var tlsUntrustedReplies = []string{"certificate not trusted"}

func tlsVerifyFailed(reply string) bool { return replySays(reply, tlsVerifyReplies) }

// replySays tells whether reply holds one of words (lower case).
func replySays(reply string, words []string) bool {
	low := strings.ToLower(reply)
	for _, r := range words {
		if strings.Contains(low, r) {
			return true
		}
	}
	return false
}

// noTLSPolicyKey stands in for the TLS policy table's line for a next
// hop that takes mail only over TLS when the lines give no name a command
// could hold.
const noTLSPolicyKey = "the lines name no next hop a command could hold (no recipient domain, or one that is not a valid domain name): no line for the TLS policy table is suggested; the setting below is main.cf's and names no destination"

// tlsActions test the TLS handshake with the first hop (host, port; the
// next hop's name nexthop, the server's own name remote) sending the SNI
// name Postfix sends (tlsServerName: none by default) and show the
// settings involved, then give the policy table's line for key, the next hop as Postfix looks it up (the recipient domain,
// or a relayhost or transport nexthop verbatim). A policy table already in
// force (policy) gets the line; only without one is a table set up, since
// replacing it would drop its other entries ("secure", "dane"); without
// the configuration the admin is asked which is the case. A
// certificate that did not verify (the last reply, reply, says so) is
// trusted or matched first; its fallback keeps TLS required ("encrypt")
// rather than "may", under which a failed handshake sends the mail, and a
// relay's SASL password, in clear. A next hop that takes mail only over
// TLS (sources.TLSRequired) was sent none: the smtp client is to start
// it, for a relay named with its port at "encrypt"; where the
// configuration has TLS off, the changes set the level that starts it.
// A server whose certificates matched none of its DANE TLSA records
// (dane, its name) is its destination's records to correct, whatever
// the chain's trust;
// maybeDANE says a Trusted server's failure may be at a dane level. A
// chain that reached no trusted root while other servers' chains verified
// (a Trusted or Verified session was logged) is the destination's: its
// own chain, or this one pinned.
func (c *hintCtx) tlsActions(host string, port int, nexthop, remote, key, policy, reply, trusted, dane string, maybeDANE bool) ([]Action, []ConfigChange) {
	servername, known, bundleWorks := c.tlsServerName(remote, nexthop), c.cfg != nil, c.e.SentTrusted > 0
	verify := tlsVerifyFailed(reply)
	show := "postconf smtp_tls_security_level smtp_tls_policy_maps smtp_tls_CApath smtp_tls_CAfile"
	if !PlausibleDomain(nexthop) || !PlausibleHost(host) || !plausiblePolicyKey(key) || servername != "" && !PlausibleDomain(servername) {
		if !verify && sources.TLSRequired(reply) {
			// The setting that starts TLS is main.cf's and names no
			// destination: only the policy table's line needs one.
			steps, changes := c.tlsStartSteps()
			return append([]Action{say(noTLSPolicyKey), cmd(show)}, steps...), changes
		}
		if verify {
			return []Action{say(notADomain), cmd(show), say(c.withDigest(tlsUnverifiedAdvice))}, nil
		}
		return []Action{say(notADomain), cmd(show)}, nil
	}
	hostPort := net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(port))
	if _, _, loopback := addressPlace(strings.Trim(host, "[]")); loopback && replySays(reply, []string{"tls is required, but was not offered"}) {
		// This host's own service (a content filter's port, a
		// reinjection smtpd) offers no STARTTLS, and TLS on loopback
		// protects nothing.
		return []Action{
			say("the next hop at " + hostPort + " is this host's own service (a content filter such as amavis, or the smtpd it hands mail back to): it offers no STARTTLS, and TLS over loopback protects nothing; give the master.cf transport that feeds it -o smtp_tls_security_level=none (as the content filter recipes do), or put the line \"" + key + " none\" in the TLS policy table and postmap it, then postfix reload"),
			cmd("postconf -P   # each master.cf service's -o overrides: the transport that feeds the filter"),
			cmd(show),
		}, nil
	}
	level, when := "may", "if this destination must not require TLS"
	daneFail := verify && dane != "" && PlausibleHost(dane)
	if daneFail && PlausibleDomain(dane) && net.ParseIP(dane) == nil {
		// At the dane levels the client sends the TLSA base domain (the
		// MX host) as SNI: the test asks for that name's certificate.
		servername = dane
	}
	var acts []Action
	var changes []ConfigChange
	// Absent DANE and smtp_tls_servername, Postfix sends no SNI, and
	// openssl would send the host's name by default.
	sni := []string{hostPort, "-noservername"}
	if servername != "" {
		sni = []string{hostPort, "-servername", servername}
	}
	// Its input from /dev/null: connected, s_client waits for the
	// session's input, and the commands pasted after it with it.
	acts = append(acts, cmd(shellCmd("openssl s_client -starttls smtp -connect", sni...)+" </dev/null"), cmd(show+" smtp_tls_servername"))
	if daneFail {
		level, when = "encrypt", "only if the mail cannot wait for the records to be corrected (TLS stays required, without DANE's authentication; remove the line once they match)"
		tlsa := "_" + strconv.Itoa(port) + "._tcp." + dane
		acts = append(acts, cmd(shellCmd("dig +dnssec TLSA", tlsa)),
			say("the server's certificates matched none of the DANE TLSA records published for it ("+tlsa+"): a certificate renewed with a new key while the records name the old one, or a 2 x x record for a CA certificate the server does not send in its chain (a root); Postfix defers rather than send unauthenticated, and this host's CA bundle and match= play no part; compare the records with the chain the openssl command above shows (posttls-finger -c -L verbose,summary does both) and ask the destination's postmaster to publish a record for the current key (3 1 1) or to send the CA certificate its 2 x x record names; the mail goes once they match"))
	} else if verify && trusted != "" && PlausibleHost(trusted) {
		// Postfix logs "Trusted" for a chain that verified and a name
		// that did not match ("Verified" when both did).
		level, when = "encrypt", "only if no name can be matched (TLS stays required, without verification)"
		acts = append(acts, say("the certificate's chain verified (the session with "+trusted+" was logged Trusted) but the certificate does not name what the policy matches: at the secure level that is the next-hop domain (smtp_tls_secure_cert_match = nexthop, dot-nexthop), not the MX host, at verify the MX host's name (smtp_tls_verify_cert_match); see the names the certificate carries with the openssl command above and add match= with one of them (the host's own name, or its parent domain with a leading dot for every host under it) to this destination's line in the policy table, then postmap it"))
		if maybeDANE && net.ParseIP(trusted) == nil {
			tlsa := "_" + strconv.Itoa(port) + "._tcp." + trusted
			acts = append(acts, say("the configuration shown does not say which level verified this server: if it is dane or dane-only (smtp_tls_security_level, a -o override in master.cf, or this destination's line in the policy table), match= plays no part; its certificate chain matched a TLSA record for a CA (2 x x) and then did not name the host the records are published for: the destination's postmaster corrects the certificate or the records ("+tlsa+")"),
				cmd(shellCmd("dig +dnssec TLSA", tlsa)+"   # the records the dane levels check"))
		}
	} else if bundleWorks && replySays(reply, tlsUntrustedReplies) {
		digest, source := c.fingerprintDigest()
		level, when = "fingerprint match=FINGERPRINT", "only once the certificate is checked with the destination by another way than this connection (FINGERPRINT: the hex after Fingerprint= the command above prints, in "+source+"; it pins this one certificate, so its renewal stops the mail again)"
		acts = append(acts, cmd(acts[0].Text+" | openssl x509 -noout -fingerprint -"+digest), say(tlsPrivateChainAdvice))
	} else if verify {
		level, when = "encrypt", "only if its certificate cannot be made to verify (TLS stays required, without verification)"
		acts = append(acts, say(c.withDigest(tlsUnverifiedAdvice)))
		if servername == "" && PlausibleDomain(remote) && net.ParseIP(remote) == nil {
			acts = append(acts, cmd(shellCmd("openssl s_client -starttls smtp -connect", hostPort, "-servername", remote)+" </dev/null   # the same server asked for its name"),
				say("a server that picks its certificate by the name the client asks for (SNI) gives Postfix, which asks for none by default, its default certificate: if the test with the name shows a certificate that verifies and the one without does not, add servername=hostname to this destination's line in the TLS policy table (Postfix 3.4 and later) and postmap it"))
		}
	} else if sources.TLSRequired(reply) {
		when = "or for this next hop alone"
		if key != nexthop {
			level = "encrypt"
		}
		var steps []Action
		steps, changes = c.tlsStartSteps()
		acts = append(acts, steps...)
	}
	note := ""
	if key != nexthop {
		note = "; Postfix reads the table by the next hop exactly as relayhost or the transport names it, brackets and port included"
	}
	// Conditional, and the table must exist before Postfix reads it: a
	// sentence, so a pasted block does not set it.
	line := key + " " + level
	policyFile := newTable(c.configDir, "tls_policy")
	table := say(when + ": put the line \"" + line + "\" in " + policyFile + ", run postmap on it, then " + postconfSet("smtp_tls_policy_maps", "hash:"+policyFile) + note)
	if !known {
		table = say(when + ": add the line \"" + line + "\" to the table postconf -h smtp_tls_policy_maps names, and postmap it if it is an indexed file; only if it names none, put the line in " + policyFile + ", run postmap on it, then " + postconfSet("smtp_tls_policy_maps", "hash:"+policyFile) + " (setting it would replace a table in force, with its other destinations)" + note)
	}
	if policy != "" {
		table = say(when + ": add the line \"" + line + "\" to the table smtp_tls_policy_maps names (" + SanitizeLine(policy) + ") and postmap it if it is an indexed file" + note)
	}
	return append(acts, table), changes
}

// tlsStartSteps are the steps for a next hop that takes mail only over
// TLS, which this host's smtp client did not start: where the
// configuration has TLS off (smtpTLSOff), the setting that starts it
// whenever the server offers it ("may", the default from
// compatibility_level 3.11) and its change; where it has TLS on, what
// turns it off for one next hop; without the configuration, both.
func (c *hintCtx) tlsStartSteps() ([]Action, []ConfigChange) {
	off, known := smtpTLSOff(c.cfg)
	switch {
	case known && off:
		why := "smtp_tls_security_level = none"
		if smtpTLSLevel(c.cfg) == "" {
			why = "an empty smtp_tls_security_level (the default below compatibility_level 3.11) without smtp_use_tls = yes"
		}
		return []Action{
			say("the next hop takes mail only over TLS and this host's smtp client sent its commands without STARTTLS: the configuration shown has " + why + ", so it never starts TLS; at may it starts TLS whenever the server offers it and sends in clear to a server that offers none, as before (a -o smtp_tls_security_level on a transport in master.cf overrides main.cf for it: postconf -P lists them); the deferred mail goes at its next retry, or at once with postqueue -f"),
			cmd(postconfSet("smtp_tls_security_level", "may")),
			cmd("postfix reload"),
		}, []ConfigChange{{Param: "smtp_tls_security_level", Value: "may"}}
	case known:
		on := "smtp_tls_security_level = " + SanitizeLine(smtpTLSLevel(c.cfg))
		if smtpTLSLevel(c.cfg) == "" {
			on = "an empty smtp_tls_security_level with smtp_use_tls or smtp_enforce_tls = yes"
		}
		return []Action{say("the next hop takes mail only over TLS and this host's smtp client sent its commands without STARTTLS, though the configuration shown starts TLS (" + on + "): something turns it off for this next hop: a line with none in the TLS policy table (postconf smtp_tls_policy_maps names it), or a -o smtp_tls_security_level=none on the transport in master.cf (postconf -P lists the overrides); remove it, postfix reload, then postqueue -f; at may, a handshake that failed has the smtp client try the server again in clear: the log's TLS lines for it say why it failed")}, nil
	}
	return []Action{say("the next hop takes mail only over TLS and this host's smtp client sent its commands without STARTTLS: at smtp_tls_security_level none, or empty (the default below compatibility_level 3.11) without smtp_use_tls = yes, it never starts TLS, and a policy table line with none does the same for one next hop; if postconf shows none or nothing, set smtp_tls_security_level = may (TLS whenever offered), or encrypt where all mail goes through one relay, then postfix reload and postqueue -f")}, nil
}

// smtpTLSOff tells whether the configuration has the smtp client send
// every message without TLS: smtp_tls_security_level none, or empty (the
// default below compatibility_level 3.11, may from 3.11) without the
// older smtp_use_tls or smtp_enforce_tls = yes, which an empty level
// leaves in force. known is false without a configuration, or with a
// level it cannot read.
func smtpTLSOff(cfg *sources.Config) (off, known bool) {
	if cfg == nil {
		return false, false
	}
	switch level := smtpTLSLevel(cfg); level {
	case "none":
		return true, true
	case "":
		yes := func(p string) bool { return strings.EqualFold(strings.TrimSpace(cfg.Get(p)), "yes") }
		return !yes("smtp_use_tls") && !yes("smtp_enforce_tls"), true
	case "may", "encrypt", "dane", "dane-only", "fingerprint", "verify", "secure":
		return false, true
	}
	return false, false
}

// smtpTLSLevel is smtp_tls_security_level as Postfix reads it: the value
// postconf gave, or, with postconf -n's parameters alone, the default of
// the compatibility level ("?" when that does not read as one).
func smtpTLSLevel(cfg *sources.Config) string {
	if _, set := cfg.Params["smtp_tls_security_level"]; set {
		return strings.ToLower(strings.TrimSpace(cfg.Get("smtp_tls_security_level")))
	}
	before, ok := sources.VersionBefore(cfg.Get("compatibility_level"), 3, 11)
	switch {
	case !ok:
		return "?"
	case before:
		return ""
	}
	return "may"
}

// tlsCautions are a TLS hint's cautions at the site's level: a verifying
// level set on purpose is what a policy line of encrypt or may lowers.
func tlsCautions(level string) []string {
	cs := []string{"at smtp_tls_security_level = encrypt or stronger, TLS failures throttle the destination like connection failures"}
	switch level {
	case "secure", "verify", "dane-only", "fingerprint":
		cs = append(cs, "a policy table line of encrypt or may puts this destination below the site's smtp_tls_security_level = "+level+": its mail then goes without the server's authentication; agree it with whoever set that level, and remove the line once the server is fixed")
	}
	return cs
}

// tlsServerName is the SNI name Postfix's smtp client sends, absent DANE,
// to the server remote (its name as logged) of the next hop nexthop:
// smtp_tls_servername's, none by default (and without the configuration).
// tlsActions puts the TLSA base domain in its place at the dane levels.
func (c *hintCtx) tlsServerName(remote, nexthop string) string {
	if c.cfg == nil {
		return ""
	}
	switch v := strings.TrimSpace(c.cfg.Get("smtp_tls_servername")); v {
	case "hostname":
		if net.ParseIP(remote) != nil {
			return ""
		}
		return remote
	case "nexthop":
		return nexthop
	default:
		return v
	}
}

// daneMaybe says whether a destination's level may be dane for all the
// configuration shows: only a verifying level stated in main.cf with no
// policy table rules it out (a table or a master.cf -o may set dane).
func daneMaybe(level, policy string) bool {
	return !((level == "verify" || level == "secure" || level == "fingerprint") && policy == "")
}

// trustedHop returns the name of d's first server when the smtp client
// logged a Trusted session with it, or "".
func (c *hintCtx) trustedHop(d *Dest) string {
	if len(d.Hops) == 0 {
		return ""
	}
	return c.trustedName(d.Hops[0].Host)
}

// daneMismatchName returns host when its certificates matched none of
// its DANE TLSA records, or "".
func (c *hintCtx) daneMismatchName(host string) string {
	if host != "" && c.e.daneMismatchHosts[strings.ToLower(host)] {
		return host
	}
	return ""
}

// firstHop is the name of d's first server, or "".
func firstHop(d *Dest) string {
	if len(d.Hops) == 0 {
		return ""
	}
	return d.Hops[0].Host
}

// trustedName returns host when the smtp client logged a Trusted session
// with it, or "".
func (c *hintCtx) trustedName(host string) string {
	if host != "" && c.e.trustedHosts[strings.ToLower(host)] {
		return host
	}
	return ""
}

// fingerprintDigests are the digests smtp_tls_fingerprint_digest takes
// that openssl x509 -fingerprint names the same way.
var fingerprintDigests = []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512"}

// fingerprintDigest is the digest the smtp client compares match=
// fingerprints in, and a phrase saying where that comes from:
// smtp_tls_fingerprint_digest when set, else its default: md5 before
// Postfix 3.6 and, from 3.6, below compatibility_level 3.6 (which logs
// "using backwards-compatible default setting
// smtp_tls_fingerprint_digest=md5" when it is used), sha256 at 3.6 and
// above. A fingerprint printed in another digest never matches, and the
// mail stays deferred.
func (c *hintCtx) fingerprintDigest() (digest, source string) {
	const param = "smtp_tls_fingerprint_digest"
	if c.cfg != nil {
		if d := strings.ToLower(strings.TrimSpace(c.cfg.Get(param))); d != "" {
			if slices.Contains(fingerprintDigests, d) {
				return d, "the digest " + param + " names here, " + d
			}
			return "sha256", "the digest " + param + " names (set to a name not shown here: use that digest in the command)"
		}
	}
	if c.e.Compat[param] != nil {
		return "md5", "md5, the backwards-compatible default the log shows in use"
	}
	before36, known := sources.VersionBefore(c.e.CurrentVersion(), 3, 6)
	if known && before36 {
		return "md5", "md5, " + param + "'s default before Postfix 3.6"
	}
	if known && c.cfg != nil {
		if low, ok := sources.VersionBefore(c.cfg.Get("compatibility_level"), 3, 6); ok {
			if low {
				return "md5", "md5, " + param + "'s default below compatibility_level 3.6"
			}
			return "sha256", "sha256, " + param + "'s default at compatibility_level 3.6 and above"
		}
	}
	return "sha256", "the digest " + param + " names: md5 before Postfix 3.6 and below compatibility_level 3.6, else sha256 (postconf " + param + " shows it)"
}

// withDigest puts the digest fingerprintDigest finds in place of
// sources.FingerprintDigestMark in text.
func (c *hintCtx) withDigest(text string) string {
	if !strings.Contains(text, sources.FingerprintDigestMark) {
		return text
	}
	digest, source := c.fingerprintDigest()
	return strings.Replace(text, sources.FingerprintDigestMark, digest+" ("+source+")", 1)
}

// tlsUnverifiedAdvice is what to do about a certificate that did not
// verify: trust its issuer, match its name, or pin its new fingerprint.
const tlsUnverifiedAdvice = "the certificate did not verify: make the smtp client trust its issuer (smtp_tls_CAfile = the system's CA bundle, /etc/ssl/certs/ca-certificates.crt on Debian and Ubuntu, /etc/pki/tls/certs/ca-bundle.crt on RHEL, or a file with a private CA's certificate; a CApath must be readable inside the chroot), and check that the certificate names the host connected to (smtp_tls_verify_cert_match; for a relay, the name its certificate carries in relayhost), then postfix reload; at the fingerprint level the server's certificate changed (a renewal): put its new fingerprint (openssl s_client -starttls smtp -connect HOST:25 -noservername </dev/null | openssl x509 -noout -fingerprint -" + sources.FingerprintDigestMark + "), in match= of its policy line and postmap it"

// tlsPrivateChainAdvice is what to do about a server whose chain reached no
// trusted root while other servers' chains verified.
const tlsPrivateChainAdvice = "other servers' certificates verified (sessions logged Verified or Trusted), so this host's CA bundle works: this server's chain reaches no public root (a private CA, a self-signed certificate, or an intermediate it does not send), as the first openssl command shows; the mail waits until the destination serves a publicly trusted chain (tell its postmaster), or until its certificate is pinned by fingerprint in the TLS policy table"

// plausiblePolicyKey says whether key can stand in a policy table's line:
// a domain, or a next hop "[host]:port" / "host:port" / "[host]".
func plausiblePolicyKey(key string) bool {
	host, port := key, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return false
		}
		host, port = host[1:end], host[end+1:]
	} else if h, p, ok := strings.Cut(host, ":"); ok {
		host, port = h, ":"+p
	}
	if port != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(port, ":"))
		if !strings.HasPrefix(port, ":") || err != nil || n <= 0 || n > 65535 {
			return false
		}
	}
	return PlausibleHost(host)
}

// tlsNextHop is the relay the TLS-failing destinations' mail goes to.
type tlsNextHop struct {
	key, host, ip string // key: the policy table's lookup key
	port          int
}

// tlsRelay returns the next hop every TLS-failing destination shares: the
// relayhost, when one is set, or, when none is known, a host on a port
// other than 25 (a submission service, not a domain's MX) that two or
// more destinations' mail goes to. Their failures are then the relay's,
// and Postfix looks the TLS policy up by that next hop, not by the
// recipients' domains.
func (c *hintCtx) tlsRelay(ds []*Dest) (tlsNextHop, bool) {
	if len(ds) == 0 || len(ds[0].Hops) == 0 {
		return tlsNextHop{}, false
	}
	h := ds[0].Hops[0]
	for _, d := range ds[1:] {
		if len(d.Hops) == 0 || !strings.EqualFold(d.Hops[0].Host, h.Host) || d.Hops[0].Port != h.Port {
			return tlsNextHop{}, false
		}
	}
	port := h.Port
	if port == 0 {
		port = 25
	}
	r := tlsNextHop{host: h.Host, ip: h.IP, port: port}
	if named, ok := c.configRelay(); ok {
		rh := named.hop()
		r.key = rh.entry
		// A bracketed relay is the host connected to; another host is
		// a transport's nexthop, whose key the log does not give.
		if rh.bracketed && rh.host != "" && !strings.EqualFold(rh.host, h.Host) && rh.host != h.IP {
			return tlsNextHop{}, false
		}
		return r, true
	}
	if (c.cfg != nil && c.cfg.Get("relayhost") == "" && c.cfg.Get("transport_maps") == "") || len(ds) < 2 || port == 25 {
		return tlsNextHop{}, false
	}
	r.key = "[" + strings.ToLower(h.Host) + "]:" + strconv.Itoa(port)
	return r, true
}

// tlsRelayHint is the one TLS hint for destinations whose mail all goes
// to one relay.
func tlsRelayHint(c *hintCtx, r tlsNextHop, ds []*Dest) Hint {
	level, policy := "", ""
	if c.cfg != nil {
		level, policy = c.cfg.Get("smtp_tls_security_level"), c.cfg.Get("smtp_tls_policy_maps")
	}
	n, sent, impact, reply := 0, 0, 0.0, ""
	var samples []string
	for _, d := range ds {
		n += d.Classes[sources.ClassTLS]
		sent += d.Sent
		impact += c.perMinute(&d.TLS, d.Classes[sources.ClassTLS])
		if reply == "" {
			reply = classReply(d, sources.ClassTLS)
		}
		if len(samples) < 3 {
			samples = append(samples, destSamples(d, sources.ClassTLS)...)
		}
	}
	// As evidenceSeverity weighs one destination's.
	sev := SevInfo
	switch {
	case n >= 20:
		sev = SevCritical
	case n >= 3, n >= 2 && sent == 0:
		sev = SevWarning
	}
	host := r.ip
	if host == "" {
		host = r.host
	}
	key := SanitizeLine(r.key)
	steps, changes := c.tlsActions(host, r.port, r.host, r.host, r.key, policy, reply, c.trustedName(r.host), c.daneMismatchName(r.host), daneMaybe(level, policy))
	title, failed := "Outbound: TLS fails with the relay "+key, "failed in TLS"
	if sources.TLSRequired(reply) {
		title, failed = "Outbound: the relay "+key+" takes mail only over TLS, and this host sent it without", "refused or deferred for coming without TLS"
	}
	return Hint{
		ID: "tls", Severity: sev, Side: "outbound", Subject: key,
		Title:    title,
		Evidence: withReply([]string{fmt.Sprintf("%s to %d destinations %s, all through %s; smtp_tls_security_level = %q", nDeliveries(n), len(ds), failed, key, level)}, reply),
		Samples:  samples[:min(len(samples), 3)],
		Steps:    steps,
		Changes:  changes,
		Cautions: tlsCautions(level),
		Impact:   impact,
	}
}

func tlsGroupHint(c *hintCtx, ds []*Dest) Hint {
	var names []string
	total := 0
	for _, d := range ds {
		total += d.Classes[sources.ClassTLS]
		if len(names) < 8 {
			names = append(names, d.Domain)
		}
	}
	return Hint{
		ID: "tls", Severity: SevWarning, Side: "outbound", Subject: fmt.Sprintf("%d more destinations", len(ds)),
		Title:    fmt.Sprintf("Outbound: TLS fails with %d more destinations", len(ds)),
		Evidence: []string{fmt.Sprintf("%d TLS failures; destinations: %s", total, strings.Join(names, ", "))},
		Steps: []Action{
			cmd("postconf smtp_tls_security_level smtp_tls_policy_maps smtp_tls_CApath smtp_tls_CAfile"),
			say("for each destination, test the handshake with its MX host as Postfix makes it, without SNI unless smtp_tls_servername sets it: openssl s_client -starttls smtp -connect <host>:25 -noservername"),
		},
		Cautions: []string{"at smtp_tls_security_level = encrypt or stronger, TLS failures throttle the destination like connection failures"},
		Impact:   float64(total) / max(1, c.e.Now.Sub(c.e.First).Minutes()),
	}
}

// dnsHopClients are the delivery clients whose next hop's name a DNS
// failure may be: the parameters that give the name and how it is
// looked up, by client (index 1 is LMTP's: a mailbox server named in
// virtual_transport or mailbox_transport).
var dnsHopClients = [2]struct{ client, params, lookup, hop string }{
	{"SMTP", "relayhost transport_maps smtp_host_lookup", "smtp_host_lookup",
		"a next hop this host routes to (relayhost, a transport's nexthop) or the domain's MX host"},
	{"LMTP", "virtual_transport mailbox_transport transport_maps lmtp_host_lookup", "lmtp_host_lookup",
		"the mailbox server the LMTP client delivers to (the nexthop of virtual_transport, mailbox_transport or a transport_maps entry)"},
}

// configuredHop tells a name that may be a next hop this site configured:
// a parameter of sources.NextHopParams names it, or one of
// sources.NextHopTables is set. Without a configuration, any may be.
func configuredHop(cfg *sources.Config, name string) bool {
	if cfg == nil {
		return true
	}
	name = strings.ToLower(name)
	names := func(v string) bool { return strings.Contains(strings.ToLower(v), name) }
	for _, p := range sources.NextHopParams {
		if names(cfg.Get(p)) || slices.ContainsFunc(cfg.Services, func(s sources.Service) bool { return names(s.Options[p]) }) {
			return true
		}
	}
	for _, p := range sources.NextHopTables {
		if cfg.Get(p) != "" || slices.ContainsFunc(cfg.Services, func(s sources.Service) bool { return s.Options[p] != "" }) {
			return true
		}
	}
	return false
}

// b2i is 1 for true, an index.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ruleDNS(c *hintCtx) []Hint {
	var n float64
	var names, big []string
	var hops []dnsLookup // names looked up that are not the recipient's domain
	permanent := false
	var clients [2]bool // which clients (dnsHopClients) looked those names up
	nonexistent := 0    // domains the DNS said do not exist: it answered
	// deadMX counts the domains whose failing name does not exist and is
	// no next hop of this site's: their MX host.
	deadMX := 0
	// The log's DNS failures, and those of them the name service could
	// not answer (not "the name does not exist").
	var all, temp float64
	// The transports whose lines failed, by their syslog names.
	var transports []string
	// Postfix named a failing next hop its relayhost or fallback relay:
	// the name is this host's, whatever the configuration read says.
	relayWarned := c.relayProblemLogged()
	for _, d := range c.classDests(sources.ClassDNS) {
		if c.whole {
			n += float64(d.Classes[sources.ClassDNS])
		}
		if len(names) < 5 {
			names = append(names, d.Domain)
		}
		l, ok := dnsLookupOf(destSamples(d, sources.ClassDNS))
		all += float64(d.Classes[sources.ClassDNS])
		if !ok || !l.permanent {
			temp += float64(d.Classes[sources.ClassDNS])
		}
		if ok && l.permanent && strings.EqualFold(l.name, d.Domain) {
			nonexistent++
		}
		domain := d.Domain
		if ok && isNoDomain(domain) && l.typ == "MX" {
			// No recipient in the line: an MX lookup names the domain.
			domain = l.name
			if len(names) > 0 && isNoDomain(names[len(names)-1]) {
				names[len(names)-1] = domain
			}
		}
		l.lmtp = d.LMTP
		if tr := d.Transport; tr != "" && !slices.Contains(transports, tr) {
			transports = append(transports, tr)
		}
		if ok && !isNoDomain(domain) && !strings.EqualFold(l.name, domain) {
			// The client looked up a next hop (relayhost, a transport's
			// nexthop, an MX host): the recipient's domain says nothing
			// about the resolver.
			if len(hops) < 2 && !slices.Contains(hops, l) {
				hops = append(hops, l)
			}
			if l.permanent && !l.lmtp && !l.relay && !relayWarned && !configuredHop(c.cfg, l.name) {
				deadMX++
			}
			permanent = permanent || l.permanent
			clients[b2i(d.LMTP)] = true
			continue
		}
		if isBigProvider(domain) {
			big = append(big, domain)
		}
	}
	if !c.whole {
		// The window's own count: a destination's error ring holds its
		// other errors too.
		n = c.count(&c.e.OutClassRing[sources.ClassDNS], c.e.OutClasses[sources.ClassDNS])
	}
	if !c.e.hints.gate(hintKey{rule: "dns"}, n, 1, 1) {
		return nil
	}
	// A few unknown domains are typos; many domains, or a provider that
	// is always resolvable, mean this host's resolver fails.
	sev := SevInfo
	ev := []string{fmt.Sprintf("%s failed on DNS; destinations: %s", nDeliveries(n), strings.Join(names, ", "))}
	// Many dead domains in a mailing list are list hygiene; a resolver
	// that fails shows as a large share of all destinations failing.
	// Domains the DNS said do not exist ("Host not found" without "try
	// again") show the resolver working: they are no sign of its failing.
	failing, active := len(c.classDests(sources.ClassDNS))-nonexistent, c.e.Dest.Len()
	if nonexistent > 0 {
		ev = append(ev, fmt.Sprintf("%d of the domains do not exist (the DNS answered \"Host not found\", which a failing resolver does not say): mistyped or dead addresses, such as a web form's, which their senders must correct", nonexistent))
	}
	if len(big) > 0 {
		sev = SevWarning
		ev = append(ev, strings.Join(big, ", ")+" always resolve: the resolver this host (or its chrooted smtp) uses is failing")
	} else if failing >= 3 && float64(failing) >= 0.3*float64(active) {
		sev = SevWarning
		ev = append(ev, fmt.Sprintf("%d of %d destinations fail on DNS: look at the resolver before the domains", failing, active))
	}
	// Temporary failures at most destinations that are nearly all the
	// outbound deliveries: no mail leaves while the resolver fails.
	if tempN, out := n*temp/max(all, 1), c.outboundDeliveries(); failing >= 3 && 2*failing >= active && tempN >= dnsOutageMin && tempN >= dnsOutageShare*out {
		sev = SevCritical
		ev = append(ev, fmt.Sprintf("%.0f of %.0f outbound deliveries %s failed on a temporary DNS error: next to no mail leaves this host until its resolver answers again", tempN, out, c.windowText()))
	}
	if deadMX > 0 && nonexistent+deadMX == len(c.classDests(sources.ClassDNS)) && len(big) == 0 {
		return []Hint{deadMXHint(c, sev, n, names, hops, ev)}
	}
	acts := []Action{}
	for _, h := range hops {
		ev = append(ev, fmt.Sprintf("the name that failed is %s (type %s), not the recipient's domain: %s", h.name, h.typ, dnsHopClients[b2i(h.lmtp)].hop))
		if PlausibleDomain(h.name) {
			acts = append(acts, cmd(shellCmd("dig +short "+h.typ, h.name)))
		}
	}
	// Whether the delivery agents run chrooted: known from master.cf, or
	// not known (nothing read, or main.cf without master.cf). Only the
	// transports whose lines failed count: another one's chroot (an lmtp
	// to a local socket) says nothing of the resolver the failing client
	// reads.
	masterKnown := c.masterKnown()
	var failed []sources.Service
	var chrooted *sources.Service
	if masterKnown {
		for _, tr := range transports {
			failed = append(failed, c.cfg.LoggedAs(tr)...)
		}
		for _, s := range failed {
			if c.cfg.Chrooted(s) {
				chrooted = &s
				break
			}
		}
	}
	for i, cl := range dnsHopClients {
		if !clients[i] {
			continue
		}
		acts = append(acts, cmd("postconf "+cl.params+"   # where the next hop's name comes from, and how it is looked up"))
		if permanent {
			native := "the name does not exist in DNS: the " + cl.client + " client looks next hops up in DNS only (" + cl.lookup + " = dns) and never reads /etc/hosts, so a name kept there (a container's extra hosts) needs " + cl.lookup + " = dns, native, or the next hop written as [address]"
			switch {
			case !masterKnown:
				native += "; a chrooted client (master.cf's chroot column y) then reads the copy of /etc/hosts in $(postconf -h queue_directory)/etc, which must carry the name too"
			default:
				// The chrooted transport of this client (smtp or lmtp).
				for _, s := range failed {
					if strings.EqualFold(s.Command, cl.client) && c.cfg.Chrooted(s) {
						native += "; the " + s.Name + " transport runs chrooted and then reads the copy of /etc/hosts in " + c.cfg.Get("queue_directory") + "/etc, which must carry the name too"
						break
					}
				}
			}
			acts = append(acts, say(native))
		}
	}
	for _, nm := range names {
		if len(hops) == 0 && len(acts) < 2 && PlausibleDomain(nm) {
			acts = append(acts, cmd(shellCmd("dig +short MX", nm)))
		}
	}
	if failing == 0 && len(hops) == 0 && len(big) == 0 {
		// Every failing domain does not exist: the resolver answered.
		acts = append(acts, say("nothing to change on this host: the DNS says these domains do not exist (dig shows no MX and no address); the mail to them was returned to its senders, who must correct the addresses, or remove them from the list or form they came from"))
		return []Hint{{
			ID: "dns", Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
			Title:    "Outbound: mail to domains that do not exist",
			Evidence: ev,
			Samples:  c.e.Samples[sources.ClassDNS], Steps: acts,
			Impact: c.classRate(sources.ClassDNS),
		}}
	}
	acts = append(acts, cmd("cat /etc/resolv.conf"))
	cautions := []string{}
	switch {
	case !masterKnown:
		// Whether smtp runs chrooted (master.cf's fifth column) is not
		// known here; a stale copy inside the chroot is a common cause.
		acts = append(acts, say("a chrooted smtp (master.cf's chroot column y, as Debian ships it) reads the copy of resolv.conf inside the queue directory instead: compare /etc/resolv.conf with $(postconf -h queue_directory)/etc/resolv.conf, and copy it there when they differ"))
	case chrooted != nil:
		// Shown first, copied only when it differs.
		copyTo := c.cfg.Get("queue_directory") + "/etc/resolv.conf"
		acts = append(acts, cmd(shellCmd("diff /etc/resolv.conf", copyTo)+" || "+shellCmd("cp /etc/resolv.conf", copyTo)))
		cautions = append(cautions, "the "+chrooted.Name+" transport runs chrooted: it reads the copy of resolv.conf inside the queue directory")
	}
	return []Hint{{
		ID: "dns", Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: name service errors for destinations",
		Evidence: ev,
		Samples:  c.e.Samples[sources.ClassDNS], Steps: acts, Cautions: cautions,
		Impact: c.classRate(sources.ClassDNS),
	}}
}

// relayProblemLogged tells whether the smtp client warned, in the
// window, that its relayhost or smtp_fallback_relay failed in a way only
// the setting explains ("relayhost configuration problem").
func (c *hintCtx) relayProblemLogged() bool {
	for key, seen := range c.e.Known {
		if id := sources.KnownMessages[key.Entry].ID; (id == "relayhost_config_problem" || id == "fallback_relay_config_problem") && c.count(&seen.Ring, seen.Count) > 0 {
			return true
		}
	}
	return false
}

// deadMXHint is the dns hint when each failing domain does not exist or
// has an MX host whose name does not exist, which no next hop this site
// configured can be: the destinations' DNS is broken, and this host's
// resolver, /etc/hosts and chroot have no part in it.
func deadMXHint(c *hintCtx, sev Severity, n float64, names []string, hops []dnsLookup, ev []string) Hint {
	var acts []Action
	for _, h := range hops {
		ev = append(ev, fmt.Sprintf("the name that failed is %s (type %s), not the recipient's domain, and no relayhost, transport or content filter of this host names it: it is the domain's MX host, and the DNS says it does not exist", h.name, h.typ))
	}
	for _, nm := range names {
		if len(acts) < 2 && PlausibleDomain(nm) {
			acts = append(acts, cmd(shellCmd("dig +short MX", nm)))
		}
	}
	for _, h := range hops {
		if PlausibleDomain(h.name) {
			acts = append(acts, cmd(shellCmd("dig +short "+h.typ, h.name)))
		}
	}
	acts = append(acts, say("nothing to change on this host: the destination's MX record points at a name that does not exist (a mail server renamed or retired without its MX record following), and the mail to it is returned to its senders; tell the recipient domain's postmaster by another way than mail to that domain, or the senders to use another address"))
	return Hint{
		ID: "dns", Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: a destination's MX host does not exist",
		Evidence: ev,
		Samples:  c.e.Samples[sources.ClassDNS], Steps: acts,
		Impact: c.classRate(sources.ClassDNS),
	}
}

// A DNS outage: at least dnsOutageMin deliveries that failed on a
// temporary DNS error, and at least dnsOutageShare of the outbound ones.
const (
	dnsOutageMin   = 10
	dnsOutageShare = 0.8
)

// outboundDeliveries counts the smtp client's delivery records, sent or
// not, in the window (the whole log for reports): local and LMTP
// deliveries go on whatever the resolver does.
func (c *hintCtx) outboundDeliveries() float64 {
	var n float64
	for _, d := range c.e.Dest.byName {
		if d.Transport == "" || d.LMTP {
			continue
		}
		n += c.count(&d.Attempts, d.Sent+d.Deferred+d.Bounced)
	}
	return n
}

// dnsLookup is the name and record type a delivery's name service error
// names, as Postfix's DNS client writes it: "Name service error for
// name=NAME type=TYPE: Host not found[, try again]".
type dnsLookup struct {
	name, typ string
	permanent bool // the name does not exist (no "try again")
	lmtp      bool // the LMTP client looked it up (dnsHopClients)
	// relay: the deferral's status is 4.3.5, which the smtp client sets
	// on a failed lookup only for relayhost or smtp_fallback_relay
	// (smtp_connect.c, with its "configuration problem" warning).
	relay bool
}

// dnsLookupOf reads the first name service error among lines.
func dnsLookupOf(lines []string) (dnsLookup, bool) {
	const key = "Name service error for name="
	for _, line := range lines {
		i := strings.Index(line, key)
		if i < 0 {
			continue
		}
		rest := line[i+len(key):]
		name, after, ok := strings.Cut(rest, " type=")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			continue
		}
		typ, tail, ok := strings.Cut(after, ": ")
		if !ok || typ == "" || len(typ) > 10 {
			continue
		}
		for _, r := range typ {
			if r < 'A' || r > 'Z' {
				return dnsLookup{}, false
			}
		}
		return dnsLookup{name: strings.TrimSuffix(name, "."), typ: typ,
			permanent: strings.HasPrefix(tail, "Host not found") && !strings.HasPrefix(tail, "Host not found, try again"),
			relay:     strings.Contains(line[:i], "dsn=4.3.5,")}, true
	}
	return dnsLookup{}, false
}

// outClassSamples are up to 3 lines of our deliveries that failed with
// class cl, from the destinations that had the most.
func (c *hintCtx) outClassSamples(cl sources.Class) []string {
	var out []string
	for _, d := range c.classDests(cl) {
		for _, s := range destSamples(d, cl) {
			if len(out) < 3 {
				out = append(out, s)
			}
		}
	}
	return out
}

func ruleGreylisting(c *hintCtx) []Hint {
	n := c.count(&c.e.OutClassRing[sources.ClassGreylist], c.e.OutClasses[sources.ClassGreylist])
	if !c.e.hints.gate(hintKey{rule: "greylisting"}, n, 1, 1) {
		return nil
	}
	backoff := "300s"
	if c.cfg != nil {
		backoff = c.cfg.Get("minimal_backoff_time")
	}
	names := c.topDomains(sources.ClassGreylist, 5)
	return []Hint{{
		ID: "greylisting", Severity: SevInfo, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: greylisting delays first deliveries",
		Evidence: []string{fmt.Sprintf("%.0f deferrals for greylisting; destinations: %s", n, strings.Join(names, ", "))},
		Samples:  c.outClassSamples(sources.ClassGreylist),
		Steps:    []Action{say("nothing to change: the retry after minimal_backoff_time (" + backoff + ") is accepted")},
		Cautions: []string{"keep the egress IP stable: a new IP is greylisted again"},
		Impact:   c.perMinute(&c.e.OutClassRing[sources.ClassGreylist], c.e.OutClasses[sources.ClassGreylist]),
	}}
}

// queueLifetime is how long Postfix keeps retrying a deferred message:
// maximal_queue_lifetime, its default without a configuration.
func (c *hintCtx) queueLifetime() string {
	if c.cfg == nil {
		return "5d"
	}
	return c.cfg.Get("maximal_queue_lifetime")
}

// ruleRemoteStorage: a next hop defers mail for want of disk space. A
// remote host's disk is its own trouble, and the mail waits here; a next
// hop on loopback is this host's own Postfix or filter, whose disk is
// this host's; one on the private network is this site's.
func ruleRemoteStorage(c *hintCtx) []Hint {
	const cl = sources.ClassRemoteStorage
	n := c.count(&c.e.OutClassRing[cl], c.e.OutClasses[cl])
	if !c.e.hints.gate(hintKey{rule: "remote_storage"}, n, 1, 1) {
		return nil
	}
	samples := c.outClassSamples(cl)
	var own, private string
	for _, l := range samples {
		ip := lineRecord(l).RelayIP
		valid, local, loopback := addressPlace(ip)
		switch {
		case valid && loopback && own == "":
			own = ip
		case valid && local && private == "":
			private = ip
		}
	}
	lifetime := c.queueLifetime()
	names := c.topDomains(cl, 5)
	h := Hint{
		ID: "remote_storage", Severity: SevInfo, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: a next hop is short of disk space and defers mail",
		Evidence: []string{fmt.Sprintf("%s deferred by a next hop out of storage (452 4.3.1, a queue file write error); destinations: %s", nDeliveries(n), strings.Join(names, ", "))},
		Samples:  samples,
		Cautions: []string{"a lower rate or concurrency changes nothing: the next hop defers every message until it has space again"},
		Impact:   c.perMinute(&c.e.OutClassRing[cl], c.e.OutClasses[cl]),
	}
	switch {
	case own != "":
		h.Severity, h.Side = SevWarning, "host"
		h.Title = "Host: a next hop on this host is short of disk space"
		h.Steps = []Action{
			say("the next hop at " + own + " is this host's own service (a content filter's return path, smtpd on 127.0.0.1:10025): it defers for want of space on this host, and every message through it waits"),
			cmd(`df -h "$(postconf -h queue_directory)" /tmp   # free space for the queue and for a filter's work files`),
			say("free space there; smtpd also refuses while less than 1.5 times message_size_limit is free (queue_minfree): a very large message_size_limit makes that happen sooner. Postfix retries the deferred mail by itself"),
		}
	case private != "":
		h.Steps = []Action{
			say("the next hop at " + private + " is on this site's network (an internal relay, a filter host): its disk or queue filesystem is full; free space there, and Postfix here retries the mail by itself until maximal_queue_lifetime (" + lifetime + ")"),
		}
	default:
		h.Steps = []Action{
			say("nothing to change here: the receiving server is short of disk space and asks this host to retry; Postfix keeps the mail and retries it until maximal_queue_lifetime (" + lifetime + ") runs out, then returns it to its sender"),
			say("when it lasts for days, tell the destination's postmaster by another way than mail to that domain"),
		}
	}
	return []Hint{h}
}

// Outbound bounces for recipients that do not exist make a hint from
// recipientBouncesAt of them and recipientBouncesShare of the outbound
// deliveries: a few percent is the usual share.
const (
	recipientBouncesAt    = 20
	recipientBouncesShare = 0.10
)

// ruleRecipientBounces: many of this host's deliveries bounce because the
// recipient does not exist. Receivers count that against the sender; it
// comes from an old list, forwards to addresses that are gone, or an
// account mailing harvested addresses.
func ruleRecipientBounces(c *hintCtx) []Hint {
	f := &c.e.UnknownRecipients
	n := c.count(&f.Ring, f.Count)
	var all float64
	for _, d := range c.e.Dest.byName {
		if !d.LMTP {
			all += c.count(&d.Attempts, d.Sent+d.Failures())
		}
	}
	fire := n >= recipientBouncesAt && n >= recipientBouncesShare*all
	if !c.e.hints.gate(hintKey{rule: "recipient_bounces"}, b2f(fire), 1, 1) {
		return nil
	}
	sev := SevWarning
	if n >= 100 && n >= 0.3*all {
		sev = SevCritical
	}
	names := c.topDomains(sources.ClassRecipient, 5)
	ev := []string{fmt.Sprintf("%.0f of %.0f outbound deliveries %s bounced because the recipient does not exist (5.1.x, or the receiver's words for it); destinations: %s", n, all, c.windowText(), strings.Join(names, ", "))}
	steps := []Action{
		say("receivers count mail to addresses that do not exist against the sender's reputation (a few percent is usual; this is more): " + findSenders),
		say("a mailing list or newsletter with old addresses: remove those that bounce (list software does it from the bounces when it gets them); a compromised account or web form mailing harvested addresses: lock it and delete its queued mail (postsuper -d QUEUEID), as for spam"),
		say("mail this host forwards (aliases or .forward files that point to addresses that are gone) bounces the same way: remove those forwards"),
	}
	return []Hint{c.senderHint("recipient_bounces", "Outbound: many recipients do not exist", sev, names, ev, steps, c.e.Submit.UnknownBy,
		"a lower rate changes nothing: each such message counts against the sender at the receiver", f)}
}

// ruleContentRefused: next hops elsewhere refuse messages for what they
// hold. The receiver judged the message, so the advice is its senders:
// an infected or compromised one, mail forwarded from outside, an
// attachment type the receiver refuses. This host's own content filter
// refusing a virus is the filter at work, and not counted.
func ruleContentRefused(c *hintCtx) []Hint {
	const cl = sources.ClassContent
	f := &c.e.ContentRefused
	n := c.count(&f.Ring, f.Count)
	if !c.e.hints.gate(hintKey{rule: "content_refused"}, n, 1, 1) {
		return nil
	}
	names := c.topDomains(cl, 5)
	sev := SevWarning
	if n >= 20 || len(names) >= 3 {
		sev = SevCritical
	}
	ev := []string{fmt.Sprintf("%s refused for their content (a spam or virus verdict, a blocked attachment) %s; destinations: %s", nDeliveries(n), c.windowText(), strings.Join(names, ", "))}
	steps := []Action{
		say("the receivers judged the messages themselves, not this host's address or its pace: " + findSenders),
		say("a virus verdict (virus, INFECTED, malware): a sender's computer or a web application on this host is infected, or this host forwards infected mail from outside (an alias or .forward to another provider); stop that sender, and scan the mail that leaves (a content filter such as amavis with ClamAV for submitted mail; forward only mail that passed the inbound filter)"),
		say("a spam verdict: a compromised mailbox or web form sending spam (change the login's password or fix the form, and delete the spam still queued with postsuper -d QUEUEID), spam this host forwards (filter inbound mail before forwarding it, or stop forwarding to that provider), or legitimate bulk mail that reads as spam (its authentication, List-Unsubscribe, its content)"),
		say("Gmail's \"content presents a potential security issue\": an attachment type it refuses whatever the sender (executables, archives that hold them, documents with macros): send such files another way"),
	}
	if slices.ContainsFunc(f.Samples, gmailContentVerdict) {
		steps = append(steps, say(gmailContentStep))
	}
	return []Hint{c.senderHint("content_refused", "Outbound: receivers refuse messages for their content", sev, names, ev, steps, c.e.Submit.RefusedBy,
		"a new IP, a lower rate or requests to be taken off lists change nothing: the receiver judges each message's content", f)}
}

// gmailContentStep is what to look at in such a message.
const gmailContentStep = "Gmail's \"likely unsolicited mail\" or \"suspicious due to the nature of the content or the links within\": its filter judged this message, not the IP or the domain's listing: look at what the refused messages hold (postcat -q QUEUEID for one still queued): links to domains with a poor reputation or a URL shortener, a link whose text names another site than its target, a body that is mostly an image, no plain-text part, a From: name that imitates a brand; send one such message as a test to a Gmail account of your own and read its Authentication-Results, and fix what the message holds or who sends it; a new IP or domain carries the same content"

// gmailContentVerdict says whether a sample line holds one of Gmail's
// content verdicts (sources.GmailContentWords).
func gmailContentVerdict(line string) bool {
	return sources.ReplySays(line, sources.GmailContentWords)
}

// findSenders is the step that finds who sent mail that receivers
// refused.
const findSenders = "find who sent it from the refused deliveries' queue ids (grep QUEUEID in the mail log shows the message's from= and, for mail submitted here, the client= and sasl_username= of the login that sent it)"

// senderHint is an outbound hint about mail that receivers refused for
// what its senders sent, the refusals counted in f and by submitter in
// by: the login, script or sender behind most of it is what to stop
// first, and leads the steps.
func (c *hintCtx) senderHint(id, title string, sev Severity, names, ev []string, steps []Action, by []int, caution string, f *seen) Hint {
	if who, stop, ok := c.e.Submit.advice(by, false); ok {
		ev = append(ev, who)
		steps = append([]Action{stop}, steps...)
	}
	return Hint{
		ID: id, Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    title,
		Evidence: ev,
		Samples:  f.Samples,
		Steps:    steps,
		Cautions: []string{caution},
		Impact:   c.perMinute(&f.Ring, f.Count),
	}
}

// ruleRemoteFault: a next hop elsewhere defers mail for a fault of its
// own: its configuration, or an error inside it while it checked or took
// the message. Nothing here causes or cures it; through a relayhost it
// holds all outbound mail, and the relay's operator mends it. A next hop
// of this site's own is the local service rule's.
func ruleRemoteFault(c *hintCtx) []Hint {
	const cl = sources.ClassRemoteFault
	f := &c.e.RemoteFault
	n := c.count(&f.Ring, f.Count)
	if !c.e.hints.gate(hintKey{rule: "remote_fault"}, n, 1, 1) {
		return nil
	}
	lifetime := c.queueLifetime()
	names := c.topDomains(cl, 5)
	h := Hint{
		ID: "remote_fault", Severity: SevInfo, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: a receiving server defers mail for a fault of its own",
		Evidence: []string{fmt.Sprintf("%s deferred by a next hop that reports a fault of its own (451 4.3.5 Server configuration problem, local error in processing); destinations: %s", nDeliveries(n), strings.Join(names, ", "))},
		Samples:  f.Samples,
		Steps: []Action{
			say("nothing to change here: the receiving server says the fault is its own, in its configuration or inside it while it checked or took the message (a Postfix server answers 451 4.3.5 Server configuration problem when one of its restrictions, lookup tables, policy services or milters fails; even after \"Recipient address rejected\" the recipient is not at fault); it defers every such message, and Postfix here retries them until maximal_queue_lifetime (" + lifetime + ") runs out, then returns them to their senders"),
			say("when it lasts, tell the destination's postmaster by another way than mail to that domain (its web site, a phone), with the time, this host's address and the reply; the mail goes at the next retry once it is mended"),
		},
		Cautions: []string{"a lower rate or concurrency, or a change to this host's TLS or restrictions, changes nothing: the receiver defers every message until it is mended"},
		Impact:   c.perMinute(&f.Ring, f.Count),
	}
	// A receiver's DNSBL lookups that fail (Spamhaus refusing its public
	// resolver or its volume) make it refuse every client, with 5xx: the
	// mail went back to its senders, and this host is not listed.
	bounced, dnsbl := false, false
	for _, l := range f.Samples {
		bounced = bounced || lineRecord(l).Status == sources.StatusBounced
		dnsbl = dnsbl || containsAny(strings.ToLower(l), sources.ReceiverDNSBLFailure)
	}
	if dnsbl {
		verb := "deferred"
		if bounced {
			verb = "refused"
		}
		h.Title = "Outbound: a receiving server refuses mail because its DNSBL lookups fail"
		h.Evidence = []string{fmt.Sprintf("%s %s by a next hop that names a blocklist and the list's error for its own query (open resolver, excessive number of queries); destinations: %s", nDeliveries(n), verb, strings.Join(names, ", "))}
		h.Steps = []Action{
			say("nothing to change here, and this host's address is not listed: its DNSBL lookups fail (Spamhaus answers queries from a public or shared resolver, or past its free volume, with an error code that the receiver takes for a listing), so it refuses every client it checks, not this one alone"),
			say("tell the destination's postmaster by another way than mail to that domain (its web site, a phone), with the time and the reply: its resolver or its Spamhaus access needs mending (a resolver of its own, or the Data Query Service)"),
		}
		if bounced {
			h.Steps = append(h.Steps, say("the refused mail was returned to their senders with the reply: they send it again once the receiver is mended"))
		}
		h.Cautions = []string{"no delisting, no stop of a sender and no deletion of queued mail: the list does not name this host, and a lower rate or concurrency changes nothing"}
		return []Hint{h}
	}
	if r, ok := c.configRelay(); ok && r.host != "" && allRelays(f.Samples, r.host) {
		h.Severity, h.Subject = SevWarning, r.host
		relay := "the relayhost"
		if r.param != "relayhost" {
			relay = "the relay " + r.param + " names"
		}
		h.Title = "Outbound: " + relay + " defers mail for a fault of its own"
		h.Steps = []Action{
			say("every message goes through " + relay + " (" + SanitizeLine(r.hop().entry) + "), and it defers them for a fault of its own, in its configuration or inside it (a Postfix relay answers 451 4.3.5 Server configuration problem when one of its restrictions, tables, policy services or milters fails): ask its operator (the provider, or the team that runs it) to mend it; nothing on this host causes it"),
			say("Postfix here retries the mail until maximal_queue_lifetime (" + lifetime + ") runs out; all outbound mail waits until the relay is mended"),
			cmd("postconf " + r.param + "   # where all outbound mail goes"),
		}
	}
	return []Hint{h}
}

// allRelays says whether every sample line's next hop is host, by name or
// address.
func allRelays(samples []string, host string) bool {
	for _, l := range samples {
		r := lineRecord(l)
		if !relayHop(Hop{Host: r.RelayHost, IP: r.RelayIP}, host) {
			return false
		}
	}
	return len(samples) > 0
}

// identityHint is a hint of the sending host's identity, which receivers
// judge on each message: a class of outbound refusals, what it says, and
// the step added when the refusals came over IPv6 (the host's IPv6
// address has its own PTR and must be in SPF on its own).
type identityHint struct {
	class                    sources.Class
	subject, title, evidence string
	steps                    []Action
	ipv6                     string
	// forwarded: the step that leads when a refused delivery was
	// forwarded by this host (its orig_to= in another domain than to=).
	forwarded string
	cautions  []string
	// replies: a step added when a refusal's text says what failed.
	replies []replyStep
}

// replyStep is a step given when a sample's text, in lower case, holds one
// of words.
type replyStep struct {
	words []string
	step  string
	// first puts the step before the others: the reply says what the
	// verdict is about, and the general steps read as details of it.
	first bool
}

// domainReputationStep: a receiver that refuses mail for the sending
// domain's reputation (Gmail's "very low reputation of the sending
// domain") judges the domain wherever it sends from: no list holds this
// host's IP, and only the domain's mail and authentication change it.
var domainReputationStep = replyStep{
	words: sources.DomainReputationWords,
	first: true,
	step:  "the receiver says the sending domain's reputation is too low, not this host's IP: no list holds the IP, so no delisting request applies, and another IP or a lower rate carries the same domain. Make every message of the domain authenticate as the domain (SPF passing for the envelope sender, a DKIM signature with d= the From: header's domain, a DMARC record), then watch the domain's reputation, spam rate and authentication in Google Postmaster Tools (verify the domain there; keep the spam rate users report under 0.3%); find what spoiled it first: a compromised mailbox or form sending as the domain (the from= of the refused messages' queue ids), bulk mail without one-click unsubscribe, mail to old addresses; a new domain earns reputation by sending little, wanted mail at first",
}

// dkimBodyHashStep: a receiver's "body hash did not verify" (RFC 6376's
// bh= mismatch) means the signature was made and the body changed after
// it, on this host or on the way.
var dkimBodyHashStep = replyStep{
	words: []string{"body hash did not verify", "body hash mismatch", "bh mismatch", "wrong body hash"},
	step:  "the receiver says the DKIM body hash did not verify: the message was signed and then changed; sign last, after whatever alters it (a content_filter or milter that adds a disclaimer or footer, header_checks or smtp_header_checks rewriting signed headers, a relay that re-encodes): the signing milter belongs on the service that reinjects the filtered mail, after the other milters in smtpd_milters, and lines longer than smtp_line_length_limit get folded after signing",
}

// identityHints are the reverse_dns id's own rules.
var identityHints = [...]identityHint{
	{class: sources.ClassReverseDNS, subject: "egress IP",
		title:    "Outbound: receivers reject the sending IP's reverse DNS",
		evidence: "%s refused for a missing or mismatched PTR",
		steps: []Action{
			say("look up the sending IP's PTR record (dig +short -x <egress IP>): it must name a host whose A record (AAAA for an IPv6 address) is that IP"),
			cmd("postconf myhostname smtp_helo_name   # the HELO name should be the name the PTR gives; set smtp_helo_name to it if it is not"),
		},
		// Mail sent over IPv6 leaves from the host's IPv6 address, whose
		// PTR is set apart from the IPv4 one (and often missing); Postfix
		// prefers IPv6 for a receiver that has both.
		ipv6: "these refusals came over IPv6: the host's IPv6 address needs its own PTR, naming a host whose AAAA record is that address; until it has one, deliver over IPv4 only by giving the smtp service -o inet_protocols=ipv4 in master.cf (postconf -P 'smtp/unix/inet_protocols=ipv4', then postfix reload), which keeps mail arriving over IPv6; smtp_address_preference = ipv4 is not enough, as the client still falls back to IPv6"},
	// Receivers refuse mail that fails sender authentication. What fixes
	// it is in DNS and in signing, as a PTR is, and the receiver judges
	// every message alone, so a rate or concurrency change would not help.
	{class: sources.ClassSenderAuth, subject: "sender authentication",
		title:    "Outbound: receivers refuse mail that fails sender authentication (SPF, DKIM, DMARC)",
		evidence: "%s refused for failing SPF, DKIM or DMARC",
		steps: []Action{
			say("the reply says which check failed (SPF, DKIM, DMARC): the envelope sender's domain needs an SPF record that lists every address this host sends from (dig +short TXT <domain>), and the mail needs a DKIM signature whose key is published in DNS"),
			cmd("postconf smtpd_milters non_smtpd_milters milter_default_action   # DKIM signing is a milter's (opendkim, rspamd); mail submitted by sendmail is signed only through non_smtpd_milters"),
			say("DMARC also needs the From: header's domain to be the SPF (envelope) or DKIM domain; forwarded mail needs its envelope sender rewritten (SRS, postsrsd) and the original message unaltered, so that the sender's DKIM signature still verifies"),
		},
		ipv6:      "these went over IPv6: the SPF record must list the host's IPv6 address (ip6:) as well; or deliver over IPv4 only with -o inet_protocols=ipv4 on the smtp service in master.cf",
		forwarded: "some of these are mail this host forwarded (orig_to= names another domain than to=: an alias, a .forward file or virtual_alias_maps sent them on): the receiver checks SPF against the original sender's domain, whose record does not list this host and which only its owner can change, so no change to this site's own SPF or DKIM helps them; rewrite the envelope sender of forwarded mail with SRS (postsrsd, in sender_canonical_maps) so that SPF passes for this host's domain, and pass the message on unaltered (no footer, no subject tag) so that the sender's DKIM signature, which DMARC needs for the From: domain, still verifies",
		replies:   []replyStep{dkimBodyHashStep, domainReputationStep},
		cautions:  []string{"a lower rate or concurrency changes nothing: the receiver refuses each message for what it is, not for how fast it comes"}},
}

// rule gives the hint when the window holds refusals of its class.
func (ih *identityHint) rule(c *hintCtx) []Hint {
	ring, all := &c.e.OutClassRing[ih.class], c.e.OutClasses[ih.class]
	n := c.count(ring, all)
	if !c.e.hints.gate(hintKey{rule: ih.class.String()}, n, 1, 1) {
		return nil
	}
	samples := c.outClassSamples(ih.class)
	if len(samples) == 0 {
		// A refusal with no recipient to file under a destination (a
		// bounce's "host ... said:" diagnostic on its own) is still a
		// try at one server: its line says over which protocol.
		samples = slices.DeleteFunc(slices.Clone(c.e.TrySamples[ih.class]), func(s string) bool { return s == "" })
	}
	steps := slices.Clone(ih.steps)
	if ih.forwarded != "" && slices.ContainsFunc(samples, forwardedDelivery) {
		steps = append([]Action{say(ih.forwarded)}, steps...)
	}
	if slices.ContainsFunc(samples, bracketsIPv6) {
		steps = append(steps, say(ih.ipv6))
	}
	for _, r := range ih.replies {
		if slices.ContainsFunc(samples, func(s string) bool { return sources.ReplySays(s, r.words) }) {
			if r.first {
				steps = append([]Action{say(r.step)}, steps...)
			} else {
				steps = append(steps, say(r.step))
			}
		}
	}
	// Most of what this host sends refused so is total loss, not the
	// warning a few refusals among delivered mail get.
	sev := SevWarning
	if n >= 20 && n >= float64(c.e.SentTotal) {
		sev = SevCritical
	}
	return []Hint{{
		ID: "reverse_dns", Severity: sev, Side: "outbound", Subject: ih.subject,
		Title:    ih.title,
		Evidence: []string{fmt.Sprintf(ih.evidence, nDeliveries(n))},
		Samples:  samples,
		Steps:    steps,
		Cautions: ih.cautions,
		Impact:   c.perMinute(ring, all),
		last:     c.e.outClassAt[ih.class],
	}}
}

// forwardedDelivery tells whether line, a delivery record, is of mail
// this host sent on to another domain than the one it was addressed to:
// its orig_to= (the address before aliases, .forward files and
// virtual_alias_maps rewrote it) is in another domain than its to=.
func forwardedDelivery(line string) bool {
	r := lineRecord(line)
	i, j := strings.LastIndexByte(r.To, '@'), strings.LastIndexByte(r.OrigTo, '@')
	return i > 0 && j > 0 && !strings.EqualFold(r.To[i+1:], r.OrigTo[j+1:])
}

// silentPathAt is how many destinations' servers must take connections
// and send no greeting before the path from this host is suspected
// (ruleFirewall); at fewer, each is its server's (ruleSilentServer).
const silentPathAt = 3

// greetingDests are the destinations with sessions at a server elsewhere
// that opened and brought no greeting, with those sessions counted:
// sessions broken at other stages are not the server's silence.
func (c *hintCtx) greetingDests() (ds []*Dest, n int) {
	for _, d := range c.classDests(sources.ClassLostConnection) {
		if d.Greetings > 0 {
			ds = append(ds, d)
			n += d.Greetings
		}
	}
	return ds, n
}

// silentServerAt is how many sessions at one destination that open and
// bring no greeting make a hint of it.
const silentServerAt = 3

// ruleSilentServer: at one or two destinations, connections open and no
// greeting comes. The server is overloaded, delays its greeting for this
// IP, or something in front of it holds the session: its trouble, since
// the path reaches the others; here each try holds an smtp process for
// smtp_helo_timeout.
func ruleSilentServer(c *hintCtx) []Hint {
	greet, _ := c.greetingDests()
	if len(greet) >= silentPathAt {
		return nil
	}
	var out []Hint
	for _, d := range greet {
		n := float64(d.Greetings)
		if !c.e.hints.gate(hintKey{"silent_server", d.Domain}, n, silentServerAt, 1) {
			continue
		}
		name := SanitizeLine(d.Domain)
		path := "other destinations' servers greet this host (mail to them went out), so the path from here works"
		if !c.othersReached(d) {
			path = "the log shows no mail that went out to another server: if none greets this host, suspect the path instead (a provider or firewall that takes port 25 in their place)"
		}
		steps := []Action{
			say("the server took the connection and sent no 220 greeting within smtp_helo_timeout (300 s by default): it is overloaded, or it delays its greeting for this IP (a tarpit for addresses it distrusts), or something in front of it (a firewall's SMTP inspection, an IPS) holds the session; " + path),
		}
		if hop := setupHop(d); hop != "" {
			steps = append(steps, cmd("time openssl s_client -brief -starttls smtp -connect "+hop+" </dev/null   # how long its greeting takes from here"))
		} else {
			steps = append(steps, say("time a connection to the destination's MX with openssl s_client -starttls smtp (no plausible next hop is known, so no command is given)"))
		}
		steps = append(steps,
			say("each try holds one smtp process until the timeout: with much mail for this destination, a transport of its own (a slow transport in master.cf and a transport_maps line) keeps its waits from taking the smtp processes other destinations need; when it lasts, tell the destination's postmaster, by another way than mail to that domain"))
		out = append(out, Hint{
			ID: "connection_setup", Severity: SevInfo, Side: "outbound", Subject: name,
			Title:    "Outbound: " + name + "'s server takes connections and sends no greeting",
			Evidence: []string{fmt.Sprintf("%.0f sessions with %s opened and timed out waiting for the server's greeting", n, name)},
			Samples:  []string{SanitizeLine(d.greetLine)},
			Steps:    steps,
			Cautions: []string{"keep smtp_helo_timeout: a shorter one also cuts off servers that are only slow to greet, and Postfix retries these messages by itself"},
		})
	}
	return out
}

func ruleFirewall(c *hintCtx) []Hint {
	classes := []sources.Class{sources.ClassConnectTimeout, sources.ClassUnreachable, sources.ClassConnectRefused}
	dests := map[string]bool{}
	var sample *Dest
	for _, cl := range classes {
		for _, d := range c.remoteConnDests(cl) {
			dests[d.Domain] = true
			if sample == nil {
				sample = d
			}
		}
	}
	// Only connections to next hops elsewhere: this host's own services
	// (a content filter on loopback, a socket) have their own hint, and
	// no firewall stands between it and them. The counts leave out the
	// repeats of a suspended destination and the deliveries that repeat
	// their process's failed connection, counted by its own line.
	out := &c.e.RemoteConnFail
	timedOut, refused, unreach := out[sources.ClassConnectTimeout], out[sources.ClassConnectRefused], out[sources.ClassUnreachable]
	total := timedOut + refused + unreach
	samplesOf := func(cl sources.Class) []string { return c.e.RemoteConnSamples[cl] }
	// Tries at MX hosts count too (they name no recipient), and a
	// provider that is always up failing from here says the block is on
	// this side: the host's firewall or the provider's port 25 filter.
	// All of them, sorted, then the first three: the evidence reads the
	// same on every evaluation.
	// A provider that took mail from this host, or whose mail waited on
	// another host (a relayhost) or port, proves nothing about port 25;
	// nor do its hosts that failed while any server elsewhere (another
	// of the provider's, a tenant's) took mail on port 25 around then.
	var big []string
	for h := range c.e.ConnFailHosts {
		if isBigProvider(h) && !c.hostTookMail(h) && !c.sent25Near(c.e.bigFailAt[h]) {
			big = append(big, h)
		}
	}
	for d := range dests {
		if isBigProvider(d) && c.e.ConnFailHosts[d] == 0 && c.failedAtOwnPort25(d) && !c.sent25Near(c.lastConnFail(d)) {
			big = append(big, d)
		}
	}
	sort.Strings(big)
	big = big[:min(3, len(big))]
	hosts := len(c.e.ConnFailHosts)
	spread := max(len(dests), hosts)
	// The tables have bounds: destinations past --max-destinations fold
	// into "(other)", and failed hosts stop at connFailHostsMax. A count
	// at its bound is a floor.
	destsFolded := false
	if o := c.e.Dest.other; o != nil {
		for _, cl := range classes {
			destsFolded = destsFolded || o.Classes[cl] > 0
		}
	}
	hostsFull := hosts >= connFailHostsMax
	atLeast := func(n int, bounded bool) string {
		if bounded {
			return fmt.Sprintf("at least %d", n)
		}
		return strconv.Itoa(n)
	}
	// The title counts destinations as the destinations table does; a
	// destination's MX hosts each log their own failed connection, so
	// more hosts than destinations are named apart, and hosts alone (the
	// "connect to" lines without a delivery) are called hosts.
	destText, hostText := atLeast(max(len(dests), 1), destsFolded), atLeast(hosts, hostsFull)
	spreadText, spreadSubject := destText+" destinations", destText+" destinations"
	switch {
	case len(dests) == 0 && hosts > 0:
		spreadText, spreadSubject = hostText+" hosts", hostText+" hosts"
	case hosts > len(dests):
		spreadText += " (" + hostText + " hosts)"
	}
	// Connections that open but bring no greeting, at the servers of
	// several unrelated destinations: something on the path may answer
	// port 25 in their place. At fewer it is those servers' trouble.
	greet, greetings := c.greetingDests()
	if len(greet) < silentPathAt {
		greet, greetings = nil, 0
	}
	// "Network is unreachable" is this host's own routing verdict. When
	// every failed connection is one at an IPv6 address, the host has no
	// IPv6 route (inet_protocols = all tries the IPv6 addresses of
	// servers that have both): no port filter is involved.
	noRoute6 := unreach > 0 && out[sources.ClassConnectTimeout] == 0 && out[sources.ClassConnectRefused] == 0 && greetings == 0 && allIPv6(samplesOf(sources.ClassUnreachable))
	for _, d := range c.remoteConnDests(sources.ClassUnreachable) {
		noRoute6 = noRoute6 && bracketsIPv6(d.ClassLine[sources.ClassUnreachable])
	}
	// "Cannot assign requested address" at an IPv6 address: the kernel
	// found no IPv6 source address here, the same verdict.
	noSource6 := false
	for _, l := range samplesOf(sources.ClassUnreachable) {
		noSource6 = noSource6 || strings.Contains(strings.ToLower(l), "cannot assign requested address")
	}
	// A paste may hold only the deferrals that repeated a failure while
	// the destination was suspended: their lines say the same when each
	// is this host's own verdict at an IPv6 address.
	if s := c.e.SuspendedConns.Samples; total == 0 && greetings == 0 && len(s) > 0 && allIPv6(s) {
		noRoute6 = true
		for _, l := range s {
			low := strings.ToLower(l)
			noRoute6 = noRoute6 && (strings.Contains(low, "network is unreachable") || strings.Contains(low, "cannot assign requested address"))
			noSource6 = noSource6 || strings.Contains(low, "cannot assign requested address")
		}
	}
	// Every failed connection at an IPv6 address while a server that
	// failed so took mail over IPv4: port 25 is open over IPv4 and the
	// IPv6 path is what fails (a provider that filters SMTP over IPv6
	// alone, a broken IPv6 route); each message waits
	// smtp_connect_timeout before Postfix moves on to the IPv4 address.
	v6Path := !noRoute6 && total > 0 && greetings == 0 && c.e.LocalConnFail.Count == 0 && c.deliveredOverIPv4(c.e.ConnFailHosts)
	for _, cl := range classes {
		v6Path = v6Path && allIPv6(samplesOf(cl))
		for _, d := range c.remoteConnDests(cl) {
			v6Path = v6Path && bracketsIPv6(d.ClassLine[cl])
		}
	}
	if noRoute6 || v6Path {
		big = nil
	}
	// A paste may hold only the deferrals that repeated a failure.
	sus := c.count(&c.e.SuspendedConns.Ring, c.e.SuspendedConns.Count)
	if !c.e.hints.gate(hintKey{rule: "firewall"}, float64(total+greetings)+sus, 1, 1) {
		return nil
	}
	// Mail that went out to other destinations' servers over the network
	// shows port 25 is open: then these servers are down or gone.
	// One of them that took it on port 25 already rules out a port 25
	// block.
	reached, reached25 := 0, 0
	if len(big) == 0 {
		for _, d := range c.e.Dest.byName {
			if remote, at25 := reachedRemote(d); d.Sent > 0 && !dests[d.Domain] && remote {
				reached++
				if at25 {
					reached25++
				}
			}
		}
	}
	pathWorks := reached >= 3
	// Failed connections all at private addresses went to another host
	// on a private network (a transport's or relayhost's next hop, a
	// partner over a VPN): its route and its mail server are in
	// question, not this host's port 25.
	privHost, privIP := privateFailedHop(c, classes)
	// Several destinations whose failed connections all went to one host
	// share that next hop (relayhost, a transport's nexthop): it is down
	// or answers elsewhere, whatever port 25 does.
	shared := ""
	if hosts == 1 && len(dests) >= 2 && len(big) == 0 {
		for h := range c.e.ConnFailHosts {
			shared = h
		}
	}
	var failedPorts []int
	for _, cl := range []sources.Class{sources.ClassConnectTimeout, sources.ClassConnectRefused, sources.ClassUnreachable} {
		failedPorts = connectPorts(failedPorts, samplesOf(cl))
	}
	sev := SevInfo
	if (spread >= 3 || len(big) > 0 || len(greet) > 0) && !pathWorks {
		sev = SevWarning
	}
	if r, ok := c.configRelay(); ok && shared != "" && relayHop(Hop{Host: shared}, r.host) {
		// The relay takes all outbound mail: none leaves.
		sev = SevCritical
	}
	if privIP != "" {
		// Another host on a private network (a partner's server over
		// a VPN, an internal relay) holds back its destinations' mail:
		// each weighs as any destination's failures do.
		for name := range dests {
			if d, ok := c.e.Dest.byName[name]; ok {
				n := 0
				for _, cl := range classes {
					n += d.Classes[cl]
				}
				sev = max(sev, evidenceSeverity(float64(n), d))
			}
		}
	}
	acts := []Action{}
	if sample != nil && len(sample.Hops) > 0 && PlausibleIP(sample.Hops[0].IP) {
		acts = append(acts, cmd(shellCmd("nc -vz -w 5", sample.Hops[0].IP, strconv.Itoa(max(25, sample.Hops[0].Port)))))
	}
	switch {
	case privIP != "":
		acts = append(acts, say("the failed connections went to "+privHost+", a private address: another host reached over this site's network or a VPN (a transport_maps or relayhost next hop), not a service of this host; check the route and VPN to it (No route to host: no route, no ARP answer, or a firewall's icmp-host-prohibited; a timeout: filtered or down; Connection refused: nothing listens on the port), the firewalls on the path, and that its mail server runs and listens on the port; the mail waits in the queue until it answers"),
			cmd(shellCmd("ip route get", privIP)),
			cmd("postconf relayhost default_transport relay_transport transport_maps"))
	case noRoute6:
		acts = append(acts, cmd("ip -6 route show default   # empty: this host has no IPv6 route"))
		if noSource6 {
			acts = append(acts, cmd("ip -6 addr show scope global   # empty: no IPv6 address to send from"))
		}
	case v6Path:
		acts = append(acts, say("the same servers took mail over IPv4, so port 25 is open over IPv4: the IPv6 path fails (the provider filters port 25 over IPv6, or this host's IPv6 route is broken); until it works, prefer IPv4, which spares each message the wait for smtp_connect_timeout at the IPv6 address"),
			cmd("ip -6 route show default   # the IPv6 route out; then compare nc -6 -vz -w 5 HOST 25 with nc -4 -vz -w 5 HOST 25"))
	case shared != "":
		acts = append(acts, say("the mail of every failing destination goes to one next hop, "+SanitizeLine(shared)+" (relayhost, or a transport's nexthop): check that it runs and answers on the port relayhost or the transport names (Connection refused: nothing listens there; a timeout: it is down or filtered); all mail for it waits until it answers"),
			cmd("postconf relayhost default_transport relay_transport transport_maps"))
		// Timeouts at port 25 are also what a blocked port 25 looks like.
		if reached25 == 0 && out[sources.ClassConnectTimeout] > 0 && samplesAtPort25(samplesOf(sources.ClassConnectTimeout)) {
			acts = append(acts, say("check that outbound TCP port 25 is allowed by the host firewall and the provider"))
		}
	case pathWorks:
		acts = append(acts, say("port 25 is open from here: these servers are down, gone or refuse this host; their mail waits in the queue until maximal_queue_lifetime"))
	case total > 0 && len(failedPorts) > 0 && !slices.Contains(failedPorts, 25):
		// Every failed connection went to another port than 25: a
		// relay's submission port (587, 465) or a transport's own, which
		// a port 25 filter does not touch.
		ports := make([]string, len(failedPorts))
		for i, p := range failedPorts {
			ports[i] = strconv.Itoa(p)
		}
		acts = append(acts, say("check that outbound TCP port "+strings.Join(ports, ", ")+" (where the failed connections went) is allowed by the host firewall and the network's, and that the next hop takes connections there: Connection refused means nothing listens on that port, a timeout that it is filtered or down; the port is the one relayhost or the transport names"),
			cmd("postconf relayhost default_transport relay_transport transport_maps"))
	case hosts == 1 && len(dests) == 1 && len(big) == 0 && out[sources.ClassConnectTimeout] == 0 && unreach == 0:
		// Refusals at one server alone: a port 25 filter here would
		// show at every destination's servers.
		acts = append(acts, say("one server refused the connections: nothing listens on its port 25, or it is down or refuses this host; its mail waits in the queue and is retried until maximal_queue_lifetime; a port 25 block on this side shows at many destinations, not at one"))
	case reached25 > 0:
		acts = append(acts, say("port 25 is open from here (another destination's server took mail on it): these servers are down, unreachable or refuse this host; their mail waits in the queue until maximal_queue_lifetime"))
	case total > 0:
		acts = append(acts, say("check that outbound TCP port 25 is allowed by the host firewall and the provider"))
		// Clouds block outbound port 25 to relay services as to anyone;
		// the services take mail on the submission port.
		if relay, named := c.relayOnPort25(); relay != "" {
			what := relay + " is a relay service's submission host, reached here on port 25"
			set := "relayhost = [" + relay + "]:587"
			switch {
			case named == nil:
			case named.param == "relayhost":
				what = "relayhost " + relay + " is reached on port 25"
			default:
				// relayhost would not be used: the next hop that
				// routes the mail changes.
				what = "the relay " + relay + " that " + named.param + " names is reached on port 25"
				set = named.param + " = " + named.transport + ":[" + relay + "]:587"
			}
			acts = append(acts, say(what+": relay services (Amazon SES, SendGrid, Mailgun, Microsoft 365) take mail on the submission port: "+set+" with smtp_sasl_auth_enable = yes, the account in smtp_sasl_password_maps and smtp_tls_security_level = encrypt"))
		}
	}
	if len(greet) > 0 {
		acts = append(acts, say(fmt.Sprintf("connections to the servers of %d destinations open but no greeting comes: something on the path may answer port 25 in their place (the provider's or a firewall's SMTP interception), or they slow this IP down; connect to one of them from this host and from another network (nc -v HOST 25) and compare whether its 220 greeting comes", len(greet))))
	}
	// Only IPv6 servers out of reach make preferring IPv4 the fix; "No
	// route to host" at IPv4 addresses is a route problem it does not touch.
	unreach6 := 0
	for d := range dests {
		if dd, ok := c.e.Dest.Lookup(d); ok && bracketsIPv6(dd.ClassLine[sources.ClassUnreachable]) {
			unreach6++
		}
	}
	for _, l := range samplesOf(sources.ClassUnreachable) {
		if bracketsIPv6(l) {
			unreach6++
		}
	}
	if unreach6 > 0 || v6Path {
		acts = append(acts, cmd(postconfSet("smtp_address_preference", "ipv4")+"   # or inet_protocols = ipv4 when IPv6 has no route, put into effect by "+sources.ApplyChange("inet_protocols")+" rather than a reload"), cmd(sources.ApplyChange("smtp_address_preference")))
	}
	var samples []string
	for _, cl := range classes {
		for _, s := range samplesOf(cl) {
			if len(samples) < 3 {
				samples = append(samples, s)
			}
		}
	}
	var ev []string
	if total > 0 {
		// Lines without a delivery (connect to ... alone) name hosts only.
		where := atLeast(hosts, hostsFull) + " hosts"
		if len(dests) > 0 {
			where = atLeast(len(dests), destsFolded) + " destinations and " + where
		}
		ev = append(ev, fmt.Sprintf("%d failed connections to %s (timeouts %d, refused %d, unreachable %d)", total, where, timedOut, refused, unreach))
	}
	if sus > 0 {
		ev = append(ev, fmt.Sprintf("%.0f deferrals %s repeated such a failure while the queue manager held the destination suspended (\"delivery temporarily suspended\"): no connection was tried for them", sus, c.windowText()))
	}
	if len(greet) > 0 {
		ev = append(ev, fmt.Sprintf("%d deferrals at %d destinations timed out waiting for the server's greeting after the connection opened", greetings, len(greet)))
		for _, d := range greet {
			if len(samples) < 3 {
				samples = append(samples, d.greetLine)
			}
		}
	}
	if len(big) > 0 {
		ev = append(ev, strings.Join(big, ", ")+" accept connections from everywhere: outbound port 25 is blocked on this side")
	}
	title := "Outbound: connections time out or are refused for " + spreadText
	if total == 0 && sus == 0 {
		spread = len(greet)
		title = fmt.Sprintf("Outbound: connections to %d destinations open but bring no greeting", spread)
		spreadSubject = fmt.Sprintf("%d destinations", max(spread, 1))
	}
	if noRoute6 {
		if noSource6 {
			ev = append(ev, "every failed connection was at an IPv6 address, with 'Network is unreachable' or 'Cannot assign requested address': this host's own answer, it has no route to IPv6 or no IPv6 address to send from")
		} else {
			ev = append(ev, "every failed connection was at an IPv6 address, with 'Network is unreachable': this host's own answer, it has no route to IPv6")
		}
		title = fmt.Sprintf("Outbound: this host has no IPv6 route, and connections to the IPv6 addresses of %s fail", spreadText)
		if noSource6 {
			title = fmt.Sprintf("Outbound: this host has no IPv6 route or address, and connections to the IPv6 addresses of %s fail", spreadText)
		}
	}
	if v6Path {
		ev = append(ev, "every failed connection was at an IPv6 address, and the servers that failed so took mail over IPv4")
		title = "Outbound: connections to IPv6 addresses fail while the same servers take mail over IPv4"
	}
	if shared != "" {
		ev = append(ev, fmt.Sprintf("all %d destinations' failed connections went to one host, %s: the next hop they share", len(dests), SanitizeLine(shared)))
		title = "Outbound: the next hop all this mail goes through does not answer"
	}
	if privIP != "" {
		names := slices.Sorted(maps.Keys(dests))
		what := "the failing next hop"
		if len(names) > 0 {
			what = SanitizeLine(strings.Join(names[:min(3, len(names))], ", ")) + "'s next hop"
		}
		ev = append(ev, fmt.Sprintf("the failed connections went to %s, a private address: another host on a private network, not this host", privHost))
		title = fmt.Sprintf("Outbound: %s %s, a private address, cannot be reached", what, privHost)
	}
	if reached25 > 0 && !pathWorks {
		ev = append(ev, fmt.Sprintf("%d other destination%s took mail from this host on port 25: outbound port 25 is not blocked", reached25, plural(reached25)))
	}
	if pathWorks {
		ev = append(ev, fmt.Sprintf("%d other destinations took mail from this host over the network: outbound port 25 works", reached))
		title = fmt.Sprintf("Outbound: the servers of %s time out or refuse connections", spreadText)
	}
	// The timeout that holds the process: the connect's, or, when the
	// connections opened, the greeting's. A refusal or an unreachable
	// network fails at once and holds nothing.
	var timeouts, cautions []string
	if out[sources.ClassConnectTimeout] > 0 {
		timeouts = append(timeouts, "smtp_connect_timeout")
	}
	if greetings > 0 {
		timeouts = append(timeouts, "smtp_helo_timeout (the greeting)")
	}
	if len(timeouts) > 0 {
		cautions = []string{"each timeout holds an smtp process for " + strings.Join(timeouts, " or ") + "; many of them fill the transport's process limit"}
	}
	return []Hint{{
		ID: "firewall", Severity: sev, Side: "outbound", Subject: spreadSubject,
		Title:    title,
		Evidence: ev,
		Samples:  samples, Steps: acts,
		Cautions: cautions,
		Impact:   c.perMinute(&c.e.RemoteConnRing, c.e.remoteConnRecs),
	}}
}

// remoteConnDests are the destinations with failed connections of class
// cl of which some went to next hops elsewhere, not to this host's own.
func (c *hintCtx) remoteConnDests(cl sources.Class) []*Dest {
	var out []*Dest
	for _, d := range c.classDests(cl) {
		if d.RemoteConns > 0 {
			out = append(out, d)
		}
	}
	return out
}

// sent25Window is how long before a failed connection a delivery that a
// server elsewhere took on port 25 still shows the port open then: a
// busy server sends within minutes, and a block that began since shows
// once the failures go on longer.
const sent25Window = 30 * time.Minute

// sent25Near says whether a server elsewhere took mail on port 25 after
// a failed connection at (its time), or within sent25Window before it.
func (c *hintCtx) sent25Near(at time.Time) bool {
	s := c.e.Sent25At
	return !s.IsZero() && !s.Before(at.Add(-sent25Window))
}

// lastConnFail is the time of a destination's last failed connection, as
// near as the destination tells: its last error's.
func (c *hintCtx) lastConnFail(domain string) time.Time {
	if d, ok := c.e.Dest.Lookup(domain); ok {
		return d.LastReplyTime
	}
	return time.Time{}
}

// hostTookMail says whether a next hop of that name (lower case)
// delivered mail of a destination that had mail sent.
func (c *hintCtx) hostTookMail(host string) bool {
	for _, d := range c.e.Dest.byName {
		if d.Sent == 0 {
			continue
		}
		for _, h := range d.Hops {
			if h.Attempts > h.Errors && strings.EqualFold(h.Host, host) {
				return true
			}
		}
	}
	return false
}

// failedAtOwnPort25 says whether domain's failed connections went to
// port 25 (its own servers, not a relayhost's submission port) and none
// of its mail was sent.
func (c *hintCtx) failedAtOwnPort25(domain string) bool {
	d, ok := c.e.Dest.Lookup(domain)
	if !ok || d.Sent > 0 {
		return false
	}
	for _, cl := range []sources.Class{sources.ClassConnectTimeout, sources.ClassConnectRefused, sources.ClassUnreachable} {
		if _, at25 := connectAtPort25(d.ClassLine[cl]); at25 {
			return true
		}
	}
	return false
}

// deliveredOverIPv4 says whether one of hosts (next-hop names, lower
// case) took a delivery at a public IPv4 address.
func (c *hintCtx) deliveredOverIPv4(hosts map[string]int) bool {
	for _, d := range c.e.Dest.byName {
		if d.Sent == 0 {
			continue
		}
		for _, h := range d.Hops {
			a, err := netip.ParseAddr(h.IP)
			if err == nil && a.Is4() && !isLocal(h.IP) && h.Attempts > h.Errors && hosts[strings.ToLower(h.Host)] > 0 {
				return true
			}
		}
	}
	return false
}

// relayOnPort25 returns the relay this host reaches on port 25 and fails
// to connect to: the configuration's relay (relayhost or default_transport's
// next hop, named), when it is on port 25 (no port given, or :25), or a
// relay service's submission host (submissionServices) that a logged
// connection to port 25 failed at (named nil). Empty when there is none.
func (c *hintCtx) relayOnPort25() (relay string, named *oneRelay) {
	if r, ok := c.configRelay(); ok {
		rh := r.hop()
		host := strings.ToLower(rh.host)
		if rh.port == "25" && PlausibleDomain(host) && c.e.ConnFailHosts[host] > 0 {
			return host, &r
		}
		return "", nil
	}
	// No relayhost known: a relay service's host in a failed connection
	// to port 25 (the samples carry the port; the counts do not).
	for _, cl := range []sources.Class{sources.ClassConnectTimeout, sources.ClassConnectRefused, sources.ClassUnreachable} {
		for _, l := range c.e.RemoteConnSamples[cl] {
			if host, ok := connectAtPort25(l); ok && isSubmissionService(host) && PlausibleDomain(host) {
				return strings.ToLower(host), nil
			}
		}
	}
	return "", nil
}

// connectAtPort25 returns the host of a failed connection to port 25
// ("connect to host[ip]:25: ...") a line names.
func connectAtPort25(line string) (host string, ok bool) {
	host, ip := connectTarget(line)
	return host, ip != "" && strings.Contains(line, "["+ip+"]:25: ")
}

// allIPv6 says whether every line names a host at an IPv6 address.
func allIPv6(lines []string) bool {
	for _, l := range lines {
		if !bracketsIPv6(l) {
			return false
		}
	}
	return true
}

// bracketsIPv6 says whether a log line names a host at an IPv6 address
// ("connect to mx.example[2001:db8::25]:25: ...").
func bracketsIPv6(line string) bool {
	for {
		i := strings.IndexByte(line, '[')
		if i < 0 {
			return false
		}
		line = line[i+1:]
		j := strings.IndexByte(line, ']')
		if j < 0 {
			return false
		}
		// Emphasis marks are a paste's Markdown ("[**2001:db8::1**]"):
		// Postfix writes none inside brackets.
		if a, err := netip.ParseAddr(strings.TrimPrefix(strings.Trim(line[:j], "*_"), "ipv6:")); err == nil && a.Is6() && !a.Is4In6() {
			return true
		}
		line = line[j+1:]
	}
}

// othersReached says whether mail to a destination other than d went out
// to a server on the network.
func (c *hintCtx) othersReached(d *Dest) bool {
	for _, o := range c.e.Dest.byName {
		if remote, _ := reachedRemote(o); o != d && o.Sent > 0 && remote {
			return true
		}
	}
	return false
}

// privateFailedHop is the next hop of failed connections of classes when
// every one sampled went to a private address other than loopback
// (sanitised, with that address), else empty.
func privateFailedHop(c *hintCtx, classes []sources.Class) (hop, ip string) {
	// judge says whether l leaves the hop private; the destinations' lines
	// are read in place, not gathered, as this runs on every evaluation.
	judge := func(l string) bool {
		host, addr := connectTarget(l)
		if addr == "" {
			return true
		}
		_, private, loopback := addressPlace(addr)
		if !private || loopback || !PlausibleIP(addr) {
			return false
		}
		if ip == "" {
			hop, ip = host+"["+addr+"]", addr
			if host == addr {
				hop = addr
			}
		}
		return true
	}
	for _, cl := range classes {
		for _, l := range c.e.RemoteConnSamples[cl] {
			if !judge(l) {
				return "", ""
			}
		}
		for _, d := range c.classDests(cl) {
			if d.RemoteConns > 0 && !judge(d.ClassLine[cl]) {
				return "", ""
			}
		}
	}
	return SanitizeLine(hop), ip
}

// reachedRemote says whether mail for d went to a server on another
// network (a hop with a public address that took a delivery), and
// whether one such took it on port 25.
func reachedRemote(d *Dest) (remote, at25 bool) {
	for _, h := range d.Hops {
		if h.IP != "" && h.Attempts > h.Errors && !isLocal(h.IP) {
			remote = true
			at25 = at25 || h.Port == 25
		}
	}
	return remote, at25
}

// serviceKey finds the master.cf service a process-limit or anvil warning
// names, preferring the inet/pass entry.
// serviceKey is the master.cf key of service name: the configuration's
// entry of that name, else the type the log gave (inet when it gave none).
func (c *hintCtx) serviceKey(name, typ string) string {
	if c.cfg != nil {
		for _, t := range []string{"inet", "pass", "unix"} {
			if s, ok := c.cfg.Service(name, t); ok {
				return s.Key()
			}
		}
	}
	if typ == "" {
		typ = "inet"
	}
	return name + "/" + typ
}

// ruleProcessLimitInbound: the master's "has reached its process limit"
// and postscreen's "all server ports busy" for an inbound service.
// procAgg is one master.cf service's process-limit evidence.
type procAgg struct {
	key             string
	procLimit, busy int
	handoff         int // postscreen's warnings that smtpd did not take a client
	maxProc         int
	samples         []string
	window          float64
	master          string
	last            time.Time // the latest shortage of any of them
}

// processLimits gathers the process-limit evidence per master.cf key.
// The master names the service ("smtpd" for private/smtpd); postscreen's
// "all server ports busy" means its pass service, smtpd, is full. Both
// land on one master.cf key.
func processLimits(c *hintCtx) []*procAgg {
	byKey := map[string]*procAgg{}
	var keys []string
	for _, s := range c.e.Inbound.Sorted() {
		// Live, only the window's: an old peak is no shortage now.
		proc := int(c.count(&s.ProcWindow, s.ProcessLimit))
		busy := int(c.count(&s.BusyWindow, s.PortsBusy))
		handoff := int(c.count(&s.HandoffWindow, s.Handoff))
		if proc+busy+handoff == 0 {
			continue
		}
		name, typ := s.Service, s.Type
		if s.Service == postscreenService {
			// postscreen hands clients to its pass service, smtpd,
			// unless the master.cf at hand says otherwise.
			name, typ = "smtpd", "pass"
			if c.masterKnown() {
				if _, ok := c.cfg.Service("smtpd", "pass"); !ok {
					name, typ = "smtp", "inet"
				}
			}
		}
		key := c.serviceKey(name, typ)
		a := byKey[key]
		if a == nil {
			a = &procAgg{key: key}
			byKey[key] = a
			keys = append(keys, key)
		}
		a.procLimit += proc
		a.busy += busy
		a.handoff += handoff
		a.last = later(a.last, s.ProcLast)
		if s.MaxProc > 0 {
			a.maxProc, a.master = s.MaxProc, s.Service
		}
		for _, l := range s.Samples {
			if len(a.samples) < 3 && (proc > 0 || sources.Classify(l) == sources.ClassPortsBusy) {
				a.samples = append(a.samples, l)
			}
		}
		a.window += float64(s.Window.Sum(c.now, HintWindow)) / HintWindow
	}
	out := make([]*procAgg, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out
}

func ruleProcessLimitInbound(c *hintCtx) []Hint {
	var out []Hint
	for _, a := range processLimits(c) {
		key := a.key
		if !c.e.hints.gate(hintKey{"process_limit", key}, float64(a.procLimit+a.busy+a.handoff), 1, 1) {
			continue
		}
		limit := a.maxProc
		parts := strings.SplitN(key, "/", 2)
		if c.cfg != nil {
			if svc, ok := c.cfg.Service(parts[0], parts[1]); ok && svc.MaxProc > 0 {
				limit = svc.MaxProc
			}
		}
		// Neither the master's warning nor master.cf gave the limit: a
		// number from a guess could lower one raised before.
		known := limit > 0
		sev := SevWarning
		switch {
		case a.procLimit > 1 || a.busy > 0 || a.handoff > 1:
			sev = SevCritical
		case a.procLimit == 0 && a.handoff == 1:
			// One hand-off postscreen gave up on is a moment's peak or
			// one smtpd slow to accept; it says every smtpd is busy
			// once it repeats.
			sev = SevInfo
		}
		var ev []string
		if a.procLimit > 0 {
			ev = append(ev, fmt.Sprintf("master: service %q reached its process limit %d (%d warnings; at most one per 1000 s is logged)", a.master, limit, a.procLimit))
		}
		if a.busy > 0 {
			ev = append(ev, fmt.Sprintf("postscreen: %d clients refused with \"all server ports busy\"", a.busy))
		}
		if a.handoff > 0 {
			ev = append(ev, fmt.Sprintf("postscreen: %d times smtpd did not take a client from it (its socket's queue full, or not in time): every smtpd process is busy", a.handoff))
		}
		if c.e.Machine != nil && c.e.Machine.MasterPID != 0 && known {
			ev = append(ev, fmt.Sprintf("now: %d %s processes of %d", c.e.Machine.Services[key], key, limit))
		}
		title := fmt.Sprintf("Inbound: service %s runs out of processes (maxproc %d)", key, limit)
		steps, changes := processLimitActions(key, limit*2), processLimitChanges(key, limit*2)
		if !known {
			title = fmt.Sprintf("Inbound: service %s runs out of processes", key)
			steps, changes = processLimitReadFirst(key), nil
		}
		// One warning with nothing else, and more than the master's
		// 1000 s between warnings of the log after it without another,
		// is a peak: how to check, not a raise. In a log that ends
		// sooner, or in lines without their times, it may be a shortage
		// still going on that the master has not had the time to repeat.
		single := a.procLimit <= 1 && a.busy == 0 && a.handoff <= 1 &&
			!a.last.IsZero() && c.now.Sub(a.last) > procWarnEvery
		if single {
			sev = SevInfo
			steps, changes = procLimitNotice(key), nil
			title = strings.Replace(title, "runs out of processes", "reached its process limit once", 1)
		}
		// A slow cause seen: its fix first, the raise a stopgap, or
		// none when more processes feed it.
		if slow := c.slowCauses(); len(slow) > 0 {
			var fixes []Action
			stopgap := true
			for _, sc := range slow {
				ev = append(ev, fmt.Sprintf("%d lines in the same time show %s holding the processes", sc.n, sc.name))
				fix := sc.fix
				if sc.behindPostscreen != "" && c.postscreenRuns() {
					fix = sc.behindPostscreen
				}
				fixes = append(fixes, say(fix))
				stopgap = stopgap && !sc.flood
			}
			switch {
			case single:
				steps = append(fixes, steps...)
			case stopgap && known:
				steps = append(append(fixes, say("only as a stopgap until that is fixed, if memory allows:")), steps...)
			default:
				steps = fixes
			}
			changes = nil
		}
		if why := c.machineShort(); why != "" {
			// More processes on a machine short of memory or CPU
			// make every one of them slower.
			ev = append(ev, "this machine: "+why)
			kept := []Action{say("do not raise maxproc: the machine has no room (" + why + "); find what takes it (top, ps -eo pid,rss,comm --sort=-rss), or lower the limit, or add capacity")}
			for _, s := range steps {
				if !strings.Contains(s.Text, "process_limit = ") && s.Text != "postfix reload" {
					kept = append(kept, s)
				}
			}
			steps, changes = kept, nil
		}
		if n := c.failedLogins(); c.loginFlood(n) {
			// The processes go to password guessers: more of them feed
			// the flood. Stopping it comes first, and no raise is
			// offered to apply.
			ev = append(ev, fmt.Sprintf("%d failed logins in the same time: the processes go to clients guessing passwords", n))
			steps, changes = append(loginFloodSteps(n), steps...), nil
		}
		out = append(out, Hint{
			ID: "process_limit", Severity: sev, Side: "inbound", Subject: key,
			Title:    title,
			Evidence: ev, Samples: a.samples,
			Steps:    steps,
			Changes:  changes,
			Cautions: processLimitCautions(a.handoff > 0, single || slices.ContainsFunc(steps, raisesProcessLimit)),
			Impact:   a.window,
			last:     a.last,
		})
	}
	return out
}

// loginFloodMin is the fewest failed logins in the window that make a
// process limit a password-guessing flood's, when they are as many as a
// third of smtpd's connections or more.
const loginFloodMin = 20

// failedLogins counts the failed SMTP AUTH logins in the window: the
// most any one of its entries saw, since one session is told by several
// (the SASL warning, the disconnect summary's auth=0/N).
func (c *hintCtx) failedLogins() int {
	return int(c.mostOfKnown(func(k *sources.Known) bool { return k.FailedLogin }))
}

// mostOfKnown is the most lines in the window of any one knowledge-base
// entry that is, 0 when none of them was seen.
func (c *hintCtx) mostOfKnown(is func(*sources.Known) bool) float64 {
	n := 0.0
	for key, seen := range c.e.Known {
		if is(&sources.KnownMessages[key.Entry]) {
			n = max(n, c.count(&seen.Ring, seen.Count))
		}
	}
	return n
}

// loginFlood tells whether n failed logins make the inbound sessions a
// password-guessing flood.
func (c *hintCtx) loginFlood(n int) bool {
	return n >= loginFloodMin && 3*n >= int(c.count(&c.e.Inbound.Connects, c.e.Inbound.ConnectsTotal))
}

// loginFloodSteps stop a password-guessing flood that takes smtpd's
// processes (STRESS_README; postconf(5) smtpd_client_auth_rate_limit).
func loginFloodSteps(n int) []Action {
	return []Action{
		say(fmt.Sprintf("stop the flood first: %d failed logins take the processes; raising maxproc feeds it", n)),
		say("offer AUTH on the submission ports only: smtpd_sasl_auth_enable = no in main.cf, and -o smtpd_sasl_auth_enable=yes on submission and submissions in master.cf"),
		say("limit AUTH attempts per client: smtpd_client_auth_rate_limit (e.g. 10 a minute, with anvil_rate_time_unit), and ban repeat offenders (fail2ban on the SASL failures)"),
		say("then, for the load that is left, only if it is legitimate:"),
	}
}

// processLimitCautions are the inbound process-limit hint's cautions;
// handoff adds the one for postscreen's warnings that smtpd did not take
// a client, which a hung smtpd gives as well as a full one. Without a
// raise among the steps, nor one to come if the warning repeats (a
// notice), how to raise safely gives way to why more processes do not
// help.
func processLimitCautions(handoff, raise bool) []string {
	c := []string{
		"check memory and file descriptors before raising maxproc: each smtpd takes several MB and a dozen descriptors",
		"default_process_limit raises every service whose maxproc is '-'",
	}
	if !raise {
		c = []string{"more processes do not help here: each smtpd takes several MB and a dozen descriptors, and the new ones wait on the same cause as the others or go to the same clients"}
	}
	c = append(c, "when the connections come from a few clients or end without mail (lost connection after CONNECT or AUTH), it is a flood: postscreen and the anvil limits stop it, more processes feed it")
	if handoff {
		c = append(c, "an smtpd that waits (on a milter, a policy or SASL server, a slow table) does not take clients either: count them (ps -C smtpd); fewer than maxproc running means fix what they wait on, not the limit")
	}
	return c
}

// ruleProcessLimitOutbound: a delivery transport using all its processes,
// as the machine shows (the master never warns for unix services).
func ruleProcessLimitOutbound(c *hintCtx) []Hint {
	var out []Hint
	if c.e.Machine != nil && c.cfg != nil {
		for _, svc := range c.cfg.DeliveryTransports() {
			n := c.e.Machine.Services[svc.Key()]
			if svc.MaxProc > 0 && c.e.hints.gate(hintKey{"process_limit", svc.Key()}, float64(n)/float64(svc.MaxProc), 1, 0.9) {
				ev := []string{fmt.Sprintf("%d %s processes running, maxproc %d", n, svc.Key(), svc.MaxProc)}
				steps, changes := processLimitActions(svc.Key(), svc.MaxProc*2), processLimitChanges(svc.Key(), svc.MaxProc*2)
				// Remote servers that already refuse for too many
				// connections or too fast get more of them from more
				// processes; a machine with no room gets slower.
				if refused := c.remoteRefusals(); refused > 0 {
					ev = append(ev, fmt.Sprintf("%d deliveries in the same time refused by the remote for too many connections or too fast (421, 450, 4.7.x)", refused))
					steps, changes = []Action{say("do not raise maxproc: more processes open more connections to servers that already refuse them; lower their destination concurrency or add a rate delay (the destination_concurrency hint), and the processes they hold are freed")}, nil
				}
				if why := c.machineShort(); why != "" {
					ev = append(ev, "this machine: "+why)
					steps, changes = []Action{say("do not raise maxproc: the machine has no room (" + why + "); find what takes it, or lower the limit, or add capacity")}, nil
				}
				out = append(out, Hint{
					ID: "process_limit", Severity: SevWarning, Side: "outbound", Subject: svc.Key(),
					Title:    fmt.Sprintf("Outbound: transport %s uses all %d processes", svc.Key(), svc.MaxProc),
					Evidence: ev,
					Steps:    steps,
					Changes:  changes,
					Cautions: []string{"more processes mean more connections to slow destinations: fix timeouts first (smtp_connect_timeout, smtp_helo_timeout)"},
					Impact:   float64(n),
				})
			}
		}
	}
	return out
}

// raisesProcessLimit tells a step that raises a service's process
// limit, as a command or in words.
func raisesProcessLimit(a Action) bool { return strings.Contains(a.Text, "/process_limit = ") }

// processLimitActions raise a master.cf service's maxproc.
func processLimitActions(key string, limit int) []Action {
	if !plausibleService(key) {
		return []Action{say("the service's name in the log is not a master.cf service name: no command is suggested")}
	}
	return []Action{cmd(shellCmd("postconf -F", fmt.Sprintf("%s/process_limit = %d", key, limit))), cmd("postfix reload")}
}

// processLimitReadFirst is the advice for a service whose limit the log
// and the configuration read do not give: read it, then raise it.
func processLimitReadFirst(key string) []Action {
	if !plausibleService(key) {
		return []Action{say("the service's name in the log is not a master.cf service name: no command is suggested")}
	}
	return []Action{
		cmd(shellCmd("postconf -F", key+"/process_limit")),
		say("raise the limit it shows to about twice (postconf -F '" + key + "/process_limit = N', then postfix reload); '-' means default_process_limit, 100 unless main.cf sets it"),
	}
}

// processLimitChanges is processLimitActions in structured form.
func processLimitChanges(key string, limit int) []ConfigChange {
	if !plausibleService(key) {
		return nil
	}
	return []ConfigChange{{Field: key + "/process_limit", Value: strconv.Itoa(limit)}}
}

// isLocal tells loopback and private addresses: usually our own apps.
func isLocal(ip string) bool {
	_, local, _ := addressPlace(ip)
	return local
}

// addressPlace tells whether ip is an address at all, whether it is
// loopback or private (this host or its own network, IPv4-mapped forms
// too), and whether it is loopback: this host itself.
func addressPlace(ip string) (valid, local, loopback bool) {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false, false, false
	}
	a = a.Unmap()
	return true, a.IsLoopback() || a.IsPrivate(), a.IsLoopback()
}

// ruleInboundLimits: our smtpd or postscreen refusing clients over one of
// anvil's per-client limits. What to do depends on who is refused: our
// own network's clients are exempted, one outside client hammering is the
// limit doing its job (raising it would only help that client), and many
// outside clients refused mean the limit is too low for the traffic.
func ruleInboundLimits(c *hintCtx) []Hint {
	var out []Hint
	for _, s := range c.e.Inbound.Sorted() {
		// Live, only the window's: an old burst refuses no one now.
		n := c.count(&s.RefusedWindow, s.ConnLimit+s.RateLimit+s.Postscreen)
		if !c.e.hints.gate(hintKey{"inbound_limits", s.Service}, n, 1, 1) {
			continue
		}
		// Live, the window's refusals and clients judge too: a client
		// refused an hour ago and no more is none to exempt now.
		kind, refused, samples := s.Dominant(), s.Limited, s.LimitSamples
		conn, rate, ps := s.ConnLimit, s.RateLimit, s.Postscreen
		if !c.whole {
			kind, refused = s.DominantSince(c.now, HintWindow), s.RecentClients(c.now, HintWindow)
			conn, rate, ps = int(s.ConnWindow.Sum(c.now, HintWindow)), int(s.RateWindow.Sum(c.now, HintWindow)), int(s.PostscreenWindow.Sum(c.now, HintWindow))
			if recent := s.RecentSamples(c.now, HintWindow); len(recent) > 0 {
				samples = recent
			}
		}
		lim := anvilLimits[kind]
		param := lim.Param
		svcName := s.Service
		if s.Service == postscreenService && c.cfg != nil {
			for _, svc := range c.cfg.Services {
				if svc.Command == "postscreen" {
					svcName = svc.Name
				}
			}
		}
		cur, fromLog := c.inboundLimit(s, kind, svcName)
		clients := topClients(refused, 3)
		who := "one client, " + strings.Join(clients, "")
		switch {
		case len(refused) == 0:
			who = "the lines name no client"
		case len(refused) != 1:
			who = fmt.Sprintf("%d clients, the most refused %s", len(refused), strings.Join(clients, ", "))
		}
		total := conn + rate + ps
		ev := []string{fmt.Sprintf("service %s refused clients %d time%s: concurrency %d, rate %d, postscreen %d; %s",
			s.Service, total, plural(total), conn, rate, ps, who)}
		value := fmt.Sprintf("%s = %d", param, cur)
		switch {
		case fromLog:
			value = fmt.Sprintf("%s ≤ %d", param, cur)
			ev = append(ev, fmt.Sprintf("the lowest count refused was %d: %s was at most %d where the log was written", cur+1, param, cur))
		case c.cfg == nil:
			// inboundLimit's default: not known to be the value in force.
			value += " by default"
			ev = append(ev, fmt.Sprintf("limit: %s = %d by default; %s", param, cur, c.unread()))
		}
		for _, a := range c.e.Inbound.AnvilSorted() {
			if a.Service == s.Service && len(ev) < 5 {
				ev = append(ev, fmt.Sprintf("anvil: max %s %d for %s", a.Kind, a.Value, a.Client))
			}
		}
		own := len(clients) > 0 && isLocal(clients[0])
		// Outside clients count for a raise or an exemption only as
		// senders: known to send (they passed postscreen, delivered
		// mail, are a big provider's servers or in mynetworks), or, in a
		// log with nothing to judge by, named and with nothing against
		// them. Those that failed postscreen's tests, have no reverse
		// DNS, or never got through where others did are what the limit
		// is for, and clients of one network count as one.
		// Over its connection count or rate, a submission service's
		// client is a user's until its logins say otherwise; over the
		// message, recipient or AUTH rate it is what the limit is for (a
		// stolen login sending spam, a guesser) whatever its name.
		submission := sources.SubmissionServiceName(s.Service) && (kind == connectionsLimit || kind == rateLimitDefault)
		j := c.judgeRefused(refused, submission)
		ev = append(ev, j.evidence(c)...)
		postscreen := s.Service == postscreenService
		ceiling := c.countCeiling(s, svcName)
		var acts []Action
		var changes []ConfigChange
		raise := func() {
			a, ch := raiseInboundLimit(c, ceiling, svcName, param, cur)
			acts, changes = append(acts, a...), append(changes, ch...)
		}
		sev := SevWarning
		if n < 3 {
			sev = SevInfo
		}
		title := fmt.Sprintf("Inbound: %s refuses clients over its %s limit (%s)", svcName, lim.What, value)
		switch {
		case own && c.e.Gateway.standsForClients(clients[0]):
			// One address for every client: an exemption would lift
			// the limits for the whole Internet.
			acts = append(acts, say("the refused client "+clients[0]+" stands for every client behind a gateway, proxy or NAT (the config_error hint on it says what to check): do not exempt it from the limits, which would lift them for everyone; once smtpd sees the clients' own addresses, each has its own count"))
			raise()
		case own && c.e.Inbound.Deeds[clients[0]].Abusive():
			// This site's own, and still no sender to exempt: find
			// what on it logs in with a wrong password or sends mail
			// the content checks refuse.
			sev = SevInfo
			ev = append(ev, clients[0]+": "+c.e.Inbound.Deeds[clients[0]].abuse()+": abuse the limit holds back, not a sender to exempt")
			acts = append(acts, say("the limit is working: "+clients[0]+" is on your network, yet the log shows it abusing this server: find the program on it that does so (a wrong stored password, a compromised account or machine)"), noExemption(clients[0], c.e.Inbound.Deeds[clients[0]]))
			if j.senders >= 3 || len(refused)-j.outside > 1 {
				raise()
			}
		case own:
			if !postscreen && PlausibleIP(clients[0]) {
				a, ch := c.exemptSteps(svcName, "the client is on your network: exempt it", clients[0])
				acts, changes = append(acts, a...), append(changes, ch...)
			}
			if postscreen {
				// postscreen counts a client's connections before its
				// access list: nothing exempts one client there.
				acts = append(acts, say("the client is on your network: have it send to a port not behind postscreen (submission, or an smtpd on a private address) rather than raise the limit for every client"))
			}
			// Exempted, the client is no longer counted: the limit
			// stays for everyone else, unless other clients hit it too
			// (outside senders, or more of this site's than the one
			// exempted) or nothing could exempt this one.
			if postscreen || !PlausibleIP(clients[0]) || j.senders >= 3 || len(refused)-j.outside > 1 {
				raise()
			}
		case len(j.legit) > 0 && !postscreen && !slices.ContainsFunc(j.legit, func(ip string) bool { return !PlausibleIP(ip) }):
			// Senders known to send are only delayed (421, they
			// retry): exempt them by address, which leaves the limit
			// for every other client, rather than raise it for all; a
			// ban would bounce their mail. Too many to list, the limit
			// goes up instead, as far as the processes leave room, and
			// with no room the most refused are exempted.
			if len(j.legit) <= maxExempted {
				a, ch := c.exemptSteps(svcName, "senders known to send: the limit only delays them (421, they retry)", j.legit...)
				acts, changes = append(acts, a...), append(changes, ch...)
				if len(j.legit) < 3 {
					acts = append(acts, say(ceiling.orRaise(c, svcName, param, cur)))
				}
				break
			}
			if raise(); len(changes) == 0 {
				a, ch := c.exemptSteps(svcName, "the most refused of the senders known to send", j.legit[:maxExempted]...)
				acts, changes = append(acts, a...), append(changes, ch...)
			}
		case len(j.legit) > 0, j.senders >= 3:
			// postscreen counts a client's connections before its
			// access list: only the limit lets a sender hold more; or
			// senders of many networks are refused.
			raise()
		case j.senders == 0 && j.outside >= 3:
			// Many clients, none known to send mail: bots the limit
			// stops, each of which a raise would let hold more.
			sev = SevInfo
			title = fmt.Sprintf("Inbound: %s holds back clients that send no mail over its %s limit (%s)", svcName, lim.What, value)
			acts = append(acts, j.floodWords(clients, postscreen)...)
		case submission && len(j.abusers) == 0 && len(clients) > 0 && PlausibleIP(clients[0]):
			// A user's address until its logins say otherwise: an
			// exemption lifts the AUTH rate limit too, so only after
			// they are seen to work; refused only when they fail.
			exempt, _, _ := c.exemptClient(svcName, clients[0])
			acts = append(acts,
				say("the clients of "+svcName+" are your users' mail programs and applications, which log in: one address over this limit is as often an office or a provider's network behind one address (NAT), or an application that opens a connection for each message, as a password guesser; no reverse name is usual for the addresses users send from"),
				say("see in the mail log how "+clients[0]+" logs in: client=...["+clients[0]+"] lines with sasl_username= are your users' logins, 'SASL ... authentication failed' lines for it are guesses"),
				say("if its logins work, exempt it: "+exempt),
				say("if they fail, it guesses passwords: refuse it (check_client_access with \""+clients[0]+" REJECT\" in the smtpd_client_restrictions that service reads: its -o in master.cf when it sets one, as the stock submission entry does; or a fail2ban postfix-sasl jail), and do not exempt it"))
		default:
			// One or two outside clients, or networks: the limit
			// protects smtpd.
			sev = SevInfo
			held := strings.Join(clients, ", ")
			if held == "" {
				held = "clients"
			}
			title = fmt.Sprintf("Inbound: %s holds back %s over its %s limit (%s)", svcName, held, lim.What, value)
			acts = append(acts, say("the limit is working: raising it would only let this client take more of smtpd"))
			if len(clients) > 0 && PlausibleIP(clients[0]) {
				acts = append(acts, cmd(shellCmd("postconf smtpd_client_restrictions")+"   # to refuse it outright: check_client_access with \""+clients[0]+" REJECT\", or a fail2ban postfix jail"))
				if c.e.Inbound.Deeds[clients[0]].Abusive() {
					acts = append(acts, noExemption(clients[0], c.e.Inbound.Deeds[clients[0]]))
				} else {
					exempt, _, _ := c.exemptClient(svcName, clients[0])
					acts = append(acts, say("only if "+clients[0]+" is a sender you know and trust, exempt it: "+exempt))
				}
			}
		}
		if changes := len(changes) > 0 || slices.ContainsFunc(acts, func(a Action) bool {
			return a.Command && (strings.Contains(a.Text, "postconf -e") || strings.Contains(a.Text, "postconf -P"))
		}); changes {
			// Only a command changes a setting: a sentence naming one
			// (exempt a client only if trusted) reloads nothing.
			acts = append(acts, cmd("postfix reload"))
		}
		out = append(out, Hint{
			ID: "inbound_limits", Severity: sev, Side: "inbound", Subject: s.Service,
			Title:    title,
			Evidence: ev, Samples: samples, Steps: acts, Changes: changes,
			Cautions: []string{
				"inbound limits never explain outbound 421 replies: those come from the remote servers",
				"raise limits for known clients only; anvil's limits protect smtpd from abusive clients",
			},
			Impact: c.perMinute(&s.RefusedWindow, s.ConnLimit+s.RateLimit+s.Postscreen),
			last:   s.RefusedLast,
		})
	}
	return out
}

// inboundLimit is the value of an anvil limit for a service: from the
// configuration (the service's -o first), or from the log when the
// configuration has none or says 0 (no limit, so it cannot be the
// configuration that refused these clients): one below the lowest count a
// refusal named. fromLog says which.
func (c *hintCtx) inboundLimit(s *ServiceLimit, kind int, svcName string) (int, bool) {
	cur, known := c.configuredLimit(svcName, anvilLimits[kind].Param)
	seen := s.Limits[kind].MinCount
	if !c.whole {
		// Live, the window's: the limit may have been raised since.
		seen = s.Limits[kind].MinWindow.Min(c.now, HintWindow)
	}
	if seen > 1 && (!known || cur == 0 || cur >= seen) {
		return seen - 1, true
	}
	if !known {
		cur = 50 // smtpd_client_connection_count_limit's default
	}
	return cur, false
}

// configuredLimit is the value of an anvil limit param for a service in
// the configuration (the service's -o first); known is false when the
// configuration has none.
func (c *hintCtx) configuredLimit(svcName, param string) (cur int, known bool) {
	if c.cfg != nil {
		if v, ok := c.cfg.Int(param); ok {
			cur, known = v, true
		}
		if svc, ok := c.cfg.Service(svcName, "inet"); ok {
			if v, ok := svc.Options[param]; ok {
				if _, err := fmt.Sscan(v, &cur); err == nil {
					known = true
				}
			}
		}
	}
	return cur, known
}

// exemptSteps are the steps and changes that exempt ips from the limits
// of service svcName, for the reason why: exemptClient's command, or
// where the configuration could not be read, the command that shows the
// exceptions in force and its sentence.
func (c *hintCtx) exemptSteps(svcName, why string, ips ...string) ([]Action, []ConfigChange) {
	a, ch, ok := c.exemptClient(svcName, ips...)
	if !ok {
		return []Action{cmd(shellCmd("postconf", "smtpd_client_event_limit_exceptions") + "   # " + c.unread() + ": the exceptions in force"), say(why + ": " + a)}, nil
	}
	return []Action{cmd(a + "   # " + why)}, []ConfigChange{ch}
}

// exemptClient is the command and change that add ips to
// smtpd_client_event_limit_exceptions where service svcName reads it: on
// its master.cf entry when that sets the parameter with -o (main.cf's
// value is then ignored), else in main.cf. Where the configuration could
// not be read it is a sentence instead, and ok is false: postconf -e
// sets the whole list, and the value in force is not known.
func (c *hintCtx) exemptClient(svcName string, ips ...string) (text string, change ConfigChange, ok bool) {
	const param = "smtpd_client_event_limit_exceptions"
	if c.cfg == nil {
		return "add " + strings.Join(ips, ", ") + " to the list postconf " + param + " prints, keeping what it names (postconf -e sets the whole list; where postconf -M " + SanitizeLine(svcName) + "/inet shows -o " + param + "=..., the service reads that value instead: add them there), then postfix reload", ConfigChange{}, false
	}
	// postconf -e and -P set the whole list: the clients are added to
	// the one in force, as read (postconf -n, or a full postconf, which
	// holds every value), whose default is the older parameter's value,
	// else $mynetworks.
	inForce := "$mynetworks"
	if v, ok := c.cfg.Params[param]; ok {
		inForce = v
	} else if v, ok := c.cfg.Params["smtpd_client_connection_limit_exceptions"]; ok {
		inForce = v
	}
	if svc, ok := c.cfg.Service(svcName, "inet"); ok && plausibleService(svcName) {
		if v, set := svc.Options[param]; set {
			// postconf -P takes no whitespace in a value (an -o word)
			key, value := svcName+"/inet/"+param, strings.Join(append(listItems(v), ips...), ",")
			return shellCmd("postconf -P", key+" = "+value), ConfigChange{ServiceParam: key, Value: value}, true
		}
	}
	value := strings.Join(append(listItems(inForce), ips...), ", ")
	return postconfSet(param, value), ConfigChange{Param: param, Value: value}, true
}

// listItems are the items of a Postfix list value, which commas or
// blanks separate.
func listItems(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

// raiseInboundLimit doubles a limit (at least 10), on the service's
// master.cf entry when it is an inet service, else in main.cf. It doubles
// the configuration's value where that is higher than cur: a log from
// before a raise shows a lower limit than the one in force. A count limit
// goes no higher than its process ceiling (countCeiling), and where it is
// there already, a sentence says why it stays.
func raiseInboundLimit(c *hintCtx, ceiling processCeiling, svcName, param string, cur int) ([]Action, []ConfigChange) {
	inForce, _ := c.configuredLimit(svcName, param)
	want := max(cur*2, inForce*2, 10)
	if countLimits[param] && ceiling.procs > 0 && want > ceiling.ceiling {
		if ceiling.ceiling <= max(cur, inForce) {
			return []Action{say(ceiling.words(param, max(cur, inForce)))}, nil
		}
		want = ceiling.ceiling
	}
	raised := strconv.Itoa(want)
	_, inet := c.cfg.Service(svcName, "inet")
	switch {
	case inet && plausibleService(svcName):
		return []Action{cmd(shellCmd("postconf -P", svcName+"/inet/"+param+" = "+raised))},
			[]ConfigChange{{ServiceParam: svcName + "/inet/" + param, Value: raised}}
	case inet:
		return []Action{say("the service's name is not a master.cf service name: raise " + param + " on its master.cf entry by hand")}, nil
	}
	return []Action{cmd(postconfSet(param, raised))}, []ConfigChange{{Param: param, Value: raised}}
}

func ruleQueueBacklog(c *hintCtx) []Hint {
	var ev []string
	sev := SevWarning
	var impact float64
	deferred := 0
	if q := c.e.Queue; q != nil {
		deferred = q.Queues["deferred"].Messages
		if deferred >= 1000 {
			ev = append(ev, fmt.Sprintf("%d messages deferred, %d active", deferred, q.Queues["active"].Messages))
		}
		if g, ok := c.e.QueueGrowth("deferred", 5); ok && g >= 10 {
			ev = append(ev, fmt.Sprintf("deferred queue grows by %.0f messages/min", g))
			impact = g
		}
	}
	var localHops []string
	for _, name := range sortedKeys(c.e.Clog) {
		cl := c.e.Clog[name]
		ev = append(ev, fmt.Sprintf("qmgr: mail for %s is using up %d of %d active queue entries (%d warning%s)", cl.Domain, cl.Count, cl.Limit, cl.Occurrences, plural(cl.Occurrences)))
		sev = SevCritical
		if localNextHop(cl.Domain) {
			localHops = append(localHops, cl.Domain)
		}
	}
	// qmgr's advice against flushing (knowledge base) follows a clog
	// warning, so it is a backlog of its own when the clog line is missed.
	// qmgr writes it as two warnings, one entry's two rows (Or): it is
	// said once, as many times as the row seen most.
	var flush []string
	var advice []*sources.Known
	var adviceSeen []int
	for _, g := range knownGroups(c, "queue_backlog") {
		for _, key := range g.entries {
			k := &sources.KnownMessages[key.Entry]
			n := c.e.Known[key].Count
			if i := slices.IndexFunc(advice, func(a *sources.Known) bool { return a.ID == k.ID }); i >= 0 {
				adviceSeen[i] = max(adviceSeen[i], n)
				continue
			}
			advice, adviceSeen = append(advice, k), append(adviceSeen, n)
			flush = append(flush, k.Fix)
		}
	}
	for i, k := range advice {
		ev = append(ev, fmt.Sprintf("%s (%d× %s)", k.Cause, adviceSeen[i], c.windowText()))
	}
	// What the log says without a queue snapshot: mail that expired, and
	// deferrals of mail that has waited long enough to expire soon.
	life := 5 * 86400
	if c.cfg != nil {
		if s, ok := c.cfg.Seconds("maximal_queue_lifetime"); ok && s > 0 {
			life = s
		}
	}
	lifeText := roughDuration(time.Duration(life) * time.Second)
	fromQueue := len(ev) > 0
	var samples []string
	expired := c.count(&c.e.ExpiredMsgs.Ring, c.e.ExpiredMsgs.Count)
	if expired > 0 {
		ev = append(ev, fmt.Sprintf("%.0f messages expired %s: returned to their senders after maximal_queue_lifetime (%s) of deferrals", expired, c.windowText(), lifeText))
		samples = append(samples, c.e.ExpiredMsgs.Samples...)
	}
	old := c.oldDeferrals(float64(min(86400, life/2)))
	for i, d := range old {
		if i == 3 {
			break
		}
		ev = append(ev, fmt.Sprintf("mail to %s has waited up to %s and is still deferred, mostly %s: it bounces at maximal_queue_lifetime (%s)", d.Domain, roughDuration(time.Duration(d.MaxDelay)*time.Second), d.LastClass, lifeText))
		for _, l := range destSamples(d, d.LastClass) {
			if len(samples) < 3 {
				samples = append(samples, l)
			}
		}
	}
	// Without a queue snapshot, a few expired messages are every
	// server's lot (mail to dead domains); many say mail is held.
	switch {
	case fromQueue:
	case expired >= expiredWarn:
		sev = SevWarning
	case expired > 0, len(old) > 0:
		sev = SevInfo
	}
	// Mail a HOLD action put in the hold queue waits there, neither
	// delivered nor expired, until it is released: a few held messages
	// are a policy at work, most of what arrived a rule that holds all.
	onlyHeld := len(ev) == 0
	heldN := c.count(&c.e.HeldMsgs.Ring, c.e.HeldMsgs.Count) - c.count(&c.e.ReleasedMsgs.Ring, c.e.ReleasedMsgs.Count)
	if heldN > 0 {
		line := fmt.Sprintf("%.0f messages put on hold %s by a HOLD action (header_checks, body_checks, an access table or a milter) and not released: held mail waits in the hold queue, neither delivered nor returned, until postsuper -H releases it", heldN, c.windowText())
		hsev := SevInfo
		if recv := c.e.Totals.Received; heldN >= heldWarn && heldN*2 >= float64(recv) {
			hsev = SevWarning
			if recv > 0 {
				line += fmt.Sprintf("; %d messages were received %s", recv, c.windowText())
			}
		}
		ev = append(ev, line)
		for _, l := range c.e.HeldMsgs.Samples {
			if len(samples) < 3 {
				samples = append(samples, l)
			}
		}
		if onlyHeld || hsev > sev {
			sev = hsev
		}
	}
	score := float64(len(ev))
	if !c.e.hints.gate(hintKey{rule: "queue_backlog"}, score, 1, 1) {
		return nil
	}
	top, ownHop := "", ""
	judged := false // top's mail is deferred for what it is
	if len(old) > 0 {
		top = old[0].Domain
		if hop, n := ownHopFailed(old[0]); n > 0 && n*2 >= old[0].Deferred {
			ownHop = hop
		}
		judged = old[0].TopClass() == sources.ClassBlocklist && reputationVerdict(classReply(old[0], sources.ClassBlocklist))
	}
	if q := c.e.Queue; q != nil && len(q.Domains) > 0 {
		d := q.Domains[0]
		top = d.Domain
		judged = d.TopClass() == sources.ClassBlocklist && reputationVerdict(d.Samples[sources.ClassBlocklist])
		ev = append(ev, fmt.Sprintf("top queued destination: %s with %d recipients, mostly %s", d.Domain, d.Recipients, d.TopClass()))
		ownHop = ""
		if hop, n := ownHopWait(d); n > 0 && n*2 >= d.Recipients {
			// A content filter or LMTP server down holds every domain's
			// mail: the domain's concurrency and trouble do not matter.
			ownHop = hop
			ev = append(ev, fmt.Sprintf("%d of them wait on %s, a service on this host, not on %s", n, SanitizeLine(hop), d.Domain))
		} else {
			ds, _ := c.e.DrainEstimates(d.Domain)
			for _, dr := range ds {
				ev = append(ev, "draining "+d.Domain+" "+dr.String())
			}
		}
	}
	acts := []Action{cmd("qshape -s deferred | head"), cmd("postqueue -p | tail")}
	if onlyHeld {
		// Held mail's senders say which rule holds it.
		acts[0] = cmd("qshape -s hold | head")
	}
	// One sender filling the queue: whether its mail is wanted comes
	// before anything else.
	if q := c.e.Queue; q != nil {
		if who, stop, ok := queueSenderAdvice(q); ok {
			ev = append(ev, who)
			acts = append([]Action{stop}, acts...)
		}
	}
	if expired > 0 {
		acts = append(acts, say("the expired messages' earlier deferrals (grep their queue ids) say why they waited: the same cause holds the mail still queued"))
	}
	if len(old) > 0 {
		acts = append(acts, say("mail that has waited up to "+roughDuration(time.Duration(old[0].MaxDelay)*time.Second)+" is held by its destination's trouble, not by the queue: a sooner retry does not help, and a shorter maximal_queue_lifetime only returns it to its senders sooner"))
	}
	if heldN > 0 {
		acts = append(acts,
			say("postqueue -p marks held mail with '!' after its queue id, and postcat -q QUEUEID shows what one holds; release what should go with postsuper -H QUEUEID (postsuper -H ALL hold releases everything held, mail a rule held as spam included)"),
			say("a HOLD rule that matches every message (/^Received:/ HOLD, as MailScanner's hold-queue mode sets it) holds all mail while the program that should take it from the hold queue is not running: start that program, or remove the rule and postfix reload"),
			cmd("postconf header_checks body_checks smtpd_milters"))
	}
	for _, h := range localHops {
		acts = append(acts, say(SanitizeLine(h)+" is a service on this host (a content filter such as amavis, or an LMTP server): it is slow or down; check it and its log, and that its number of servers matches the maxproc of the master.cf transport that feeds it"))
	}
	switch {
	case ownHop != "" && plausibleService(ownHop):
		// A hop's text takes the bytes a master.cf service name does
		// (host, address, port, socket path): none can end a jq string.
		acts = append(acts, say("once "+ownHop+" takes mail again (see its hint: start the service, or point the transport that feeds it at where it listens), retry the mail waiting on it only:"),
			cmd("postqueue -j | jq -r "+ShellQuote(`select(any(.recipients[]; (.delay_reason // "") | contains("`+ownHop+`"))) | .queue_id`)+" | xargs -r -n 1 postqueue -i"))
	case ownHop != "":
		acts = append(acts, say("the mail waits on a service on this host: once it takes mail again (see its hint), retry the mail waiting on it"))
	case judged && PlausibleDomain(top):
		// Retrying mail the receiver defers for complaints or
		// reputation sends it the mail it judged again.
		acts = append(acts, say(top+" defers this host's mail for complaints about it or its reputation: what waits for it may be the very mail complained of, and retrying it deepens the damage; look at it before anything is retried:"),
			cmd("postqueue -j | jq -r "+ShellQuote(`select(any(.recipients[]; .address | ascii_downcase | endswith("@`+strings.ToLower(top)+`"))) | .queue_id`)+" | head"),
			say("postcat -q QUEUEID shows a message, its sender and content: delete what is spam (postsuper -d QUEUEID; postsuper -d - takes queue ids on its input) and stop where it enters (see the blocklist hint); Postfix retries the rest by itself once the receiver takes it"))
	case top != "" && PlausibleDomain(top):
		acts = append(acts, say("fix "+top+" first (see its hints), then retry its mail only:"),
			cmd("postqueue -j | jq -r "+ShellQuote(`select(any(.recipients[]; .address | ascii_downcase | endswith("@`+strings.ToLower(top)+`"))) | .queue_id`)+" | xargs -r -n 1 postqueue -i"))
	}
	cautions := []string{"postqueue -f (and postfix flush) retries everything at once and can make remote throttling worse"}
	for _, f := range flush {
		cautions = addDistinct(cautions, f, 4)
	}
	title := "Outbound: the queue is backing up"
	side := "outbound"
	switch {
	case onlyHeld:
		title, side = "Host: mail waits in the hold queue", "host"
	case !fromQueue:
		title = "Outbound: mail waits in the queue until it expires"
	}
	return []Hint{{
		ID: "queue_backlog", Severity: sev, Side: side, Subject: top,
		Title:    title,
		Evidence: ev, Samples: samples, Steps: acts,
		Cautions: cautions,
		Impact:   impact,
	}}
}

// ownHopWait is the next hop on this host (a content filter on loopback,
// an LMTP socket) that most of d's queued recipients wait on, as the
// delay reason names it ("127.0.0.1[127.0.0.1]:10024",
// "private/dovecot-lmtp"), and how many wait on it.
func ownHopWait(d sources.DomainQueue) (hop string, n int) {
	return ownHopIn(&d.Classes, func(cl sources.Class) string { return d.Samples[cl] })
}

// ownHopFailed is ownHopWait for a destination's deliveries in the log:
// the hop on this host its failed ones went to, and how many.
func ownHopFailed(d *Dest) (hop string, n int) {
	return ownHopIn(&d.Classes, func(cl sources.Class) string {
		if d.ClassLine[cl] == "" {
			return ""
		}
		return lineRecord(d.ClassLine[cl]).Reason
	})
}

// ownHopIn reads, for each class of a failed connection or session with
// a count, the reason reason gives for it, and returns the first next hop
// on this host one names and the count of the classes that name it.
func ownHopIn(counts *[sources.NumClasses]int, reason func(sources.Class) string) (hop string, n int) {
	for _, cl := range localQueueClasses {
		if counts[cl] == 0 {
			continue
		}
		r := reason(cl)
		if r == "" {
			continue
		}
		host, ip := connectTarget(r)
		label := ""
		if host != "" {
			label = host
			if ip != "" {
				label += "[" + ip + "]"
				if p := connectPort(r); p > 0 {
					label += ":" + strconv.Itoa(p)
				}
			}
		} else if host, ip = sessionTarget(r); host != "" {
			label = host + "[" + ip + "]"
		}
		if label == "" || !ownNextHop(host, ip) {
			continue
		}
		if hop == "" {
			hop = label
		}
		if label == hop {
			n += counts[cl]
		}
	}
	return hop, n
}

// heldWarn is how many messages held and not released make the
// queue_backlog hint a warning, when they are half or more of what
// arrived.
const heldWarn = 10

// expiredWarn is how many messages expired in the window make the
// queue_backlog hint drawn from the log alone a warning.
const expiredWarn = 10

// connectPorts adds to ports, once each and sorted, the ports of the
// failed connections ("connect to host[ip]:port: ...") lines name.
func connectPorts(ports []int, lines []string) []int {
	for _, l := range lines {
		if p := connectPort(l); p > 0 && !slices.Contains(ports, p) {
			ports = append(ports, p)
		}
	}
	slices.Sort(ports)
	return ports
}

// samplesAtPort25 says whether a failed connection among lines was to
// port 25 ("connect to host[ip]:25: ...").
func samplesAtPort25(lines []string) bool {
	for _, l := range lines {
		if _, ok := connectAtPort25(l); ok {
			return true
		}
	}
	return false
}

// oldDeferrals are the destinations whose deferred mail had waited at
// least minWait seconds (the delay= of its deferrals), still deferring in
// the window, the longest waits first.
func (c *hintCtx) oldDeferrals(minWait float64) []*Dest {
	var out []*Dest
	for _, d := range c.e.Dest.byName {
		if d.Deferred == 0 || d.MaxDelay < minWait || !c.whole && d.Errors.Sum(c.now, HintWindow) == 0 {
			continue
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].MaxDelay != out[j].MaxDelay {
			return out[i].MaxDelay > out[j].MaxDelay
		}
		return out[i].Domain < out[j].Domain
	})
	return out
}

// ownNextHop says whether a next hop is a service of this host (a content
// filter, an LMTP server): by a loopback address, or a socket path
// ("private/dovecot-lmtp", "/run/..."). A private address is another
// host's, reached over the network like any other.
func ownNextHop(host, ip string) bool {
	_, _, loopback := addressPlace(ip)
	return loopback || socketPath(host) || socketPath(ip)
}

// socketPath tells a UNIX-domain socket's name: "private/dovecot-lmtp" as
// a qmgr destination, or as the address in lmtp's
// "connect to myhostname[private/dovecot-lmtp]".
func socketPath(s string) bool {
	return strings.HasPrefix(s, "private/") || strings.HasPrefix(s, "public/") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "unix:")
}

// localNextHop is ownNextHop for a qmgr destination ("[127.0.0.1]:10024").
func localNextHop(dest string) bool {
	ip := ""
	if strings.HasPrefix(dest, "[") {
		if i := strings.IndexByte(dest, ']'); i > 0 {
			ip = dest[1:i]
		}
	}
	return ownNextHop(dest, ip)
}

// tlsproxyEntry is master.cf's tlsproxy service, which TLS connection
// reuse needs.
const tlsproxyEntry = "tlsproxy/unix=tlsproxy unix - - n - 0 tlsproxy"

func ruleConnectionReuse(c *hintCtx) []Hint {
	if c.cfg == nil || c.cfg.Get("smtp_tls_connection_reuse") == "yes" {
		return nil
	}
	// Live, only the destinations that throttled us in the window.
	var throttled []*Dest
	for _, d := range c.classDests(sources.ClassConnLimit) {
		if c.count(&d.ConnLimit, d.Classes[sources.ClassConnLimit]) > 0 {
			throttled = append(throttled, d)
		}
	}
	tls := c.e.SentTLS > 0 || c.cfg.Get("smtp_tls_security_level") != "" && c.cfg.Get("smtp_tls_security_level") != "none"
	if !c.e.hints.gate(hintKey{rule: "connection_reuse"}, float64(len(throttled)), 1, 1) || !tls {
		return nil
	}
	share := 0.0
	if c.e.SentTotal > 0 {
		share = 100 * float64(c.e.ConnUse) / float64(c.e.SentTotal)
	}
	acts := []Action{cmd(postconfSet("smtp_tls_connection_reuse", "yes"))}
	changes := []ConfigChange{{Param: "smtp_tls_connection_reuse", Value: "yes"}}
	switch {
	case !c.masterKnown():
		// Reuse without a tlsproxy fails every TLS delivery: applied
		// alone, the change would do that where none is defined.
		acts = append(acts, unreadEntryStep("tlsproxy/unix"), say("if it shows nothing, add the service with "+shellCmd("postconf -M", tlsproxyEntry)))
		changes = nil
	case !c.cfg.HasTLSProxy():
		acts = append(acts, cmd(shellCmd("postconf -M", tlsproxyEntry)))
		changes = append(changes, ConfigChange{Service: "tlsproxy/unix", Value: "tlsproxy unix - - n - 0 tlsproxy"})
	}
	acts = append(acts, cmd("postfix reload"))
	return []Hint{{
		ID: "connection_reuse", Severity: SevInfo, Side: "outbound", Subject: throttled[0].Domain,
		Title: "Outbound: reuse TLS connections to throttling destinations",
		Evidence: []string{
			"smtp_tls_connection_reuse = " + c.cfg.Get("smtp_tls_connection_reuse") + ": every TLS delivery opens a new connection",
			fmt.Sprintf("%.0f%% of sent deliveries reused a connection (conn_use)", share),
		},
		Steps:    acts,
		Changes:  changes,
		Cautions: []string{"reuse needs the tlsproxy service; if the receiver counts idle sessions, lower smtp_connection_cache_time_limit"},
	}}
}

func ruleUlimit(c *hintCtx) []Hint {
	n := c.count(&c.e.ClassRing[sources.ClassFDLimit], c.e.Classes[sources.ClassFDLimit])
	var ev []string
	sev := SevCritical
	if n > 0 {
		ev = append(ev, fmt.Sprintf("%.0f errors for want of file descriptors (\"too many open files\", \"could allocate space for only N open files\")", n))
	}
	if m := c.e.Machine; m != nil {
		// The master's own soft limit, not the lowest of all Postfix
		// processes: a chrooted smtpd with a lower limit says nothing
		// about how close the master is to its own.
		if m.MasterFDLimit > 0 && m.MasterFDs >= 0 && float64(m.MasterFDs) > 0.8*float64(m.MasterFDLimit) {
			ev = append(ev, fmt.Sprintf("master holds %d descriptors of its limit %d", m.MasterFDs, m.MasterFDLimit))
		}
		if m.FileNrMax > 0 && float64(m.FileNrAllocated) > 0.8*float64(m.FileNrMax) {
			ev = append(ev, fmt.Sprintf("system: %d of %d file handles allocated", m.FileNrAllocated, m.FileNrMax))
		}
		if n == 0 && len(ev) > 0 {
			sev = SevWarning
		}
	}
	if !c.e.hints.gate(hintKey{rule: "ulimit"}, float64(len(ev)), 1, 1) {
		return nil
	}
	// The limit goes into a drop-in of the unit that runs this Postfix: one
	// for a unit that does not exist changes nothing.
	limits := "cat /proc/$(pgrep -o master)/limits | grep 'open files'"
	steps := []Action{
		cmd("systemctl list-units 'postfix*'   # the unit that runs Postfix, which the log and the configuration do not tell: " + unknownUnit),
		say("for that unit (UNIT): mkdir -p /etc/systemd/system/UNIT.d && printf '[Service]\\nLimitNOFILE=65536\\n' > /etc/systemd/system/UNIT.d/nofile.conf, then systemctl daemon-reload && systemctl restart UNIT"),
		cmd(limits),
	}
	if u := postfixUnit(c, c.e.Samples[sources.ClassFDLimit]); u != "" {
		dir := "/etc/systemd/system/" + u + ".d"
		steps = []Action{
			cmd(shellCmd("mkdir -p", dir) + " && printf '[Service]\\nLimitNOFILE=65536\\n' > " + ShellQuote(dir+"/nofile.conf")),
			cmd("systemctl daemon-reload && " + shellCmd("systemctl restart", u)),
			cmd(shellCmd("systemctl show -p LimitNOFILE", u) + " && " + limits),
		}
	}
	return []Hint{{
		ID: "ulimit", Severity: sev, Side: "host", Subject: "file descriptors",
		Title:    "Host: Postfix runs out of file descriptors",
		Evidence: ev, Samples: c.e.Samples[sources.ClassFDLimit],
		Steps:    steps,
		Cautions: []string{"or lower maxproc: each process holds its own descriptors", "fs.file-max bounds the whole system: sysctl fs.file-max"},
		Impact:   c.classRate(sources.ClassFDLimit),
	}}
}

// recentLoad is the load average and the share of memory available over
// the last readings of h (not empty), and the CPUs of the last: one
// spike is not a condition.
func recentLoad(h []sources.MachineReading) (load, memShare float64, cpus int) {
	k := min(len(h), 5)
	for _, m := range h[len(h)-k:] {
		load += m.Load1
		if m.MemTotal > 0 {
			memShare += float64(m.MemAvail) / float64(m.MemTotal)
		}
	}
	return load / float64(k), memShare / float64(k), max(1, h[len(h)-1].CPUs)
}

func ruleSystemLoad(c *hintCtx) []Hint {
	h := c.e.LoadHistory
	if len(h) == 0 {
		return nil
	}
	load, memShare, cpus := recentLoad(h)
	var ev []string
	sev := SevWarning
	if c.e.hints.gate(hintKey{"system_load", "load"}, load/float64(cpus), 1, 0.8) {
		ev = append(ev, fmt.Sprintf("load average %.1f on %d CPUs", load, cpus))
		if load > 2*float64(cpus) {
			sev = SevCritical
		}
	}
	if h[len(h)-1].MemTotal > 0 && c.e.hints.gate(hintKey{"system_load", "mem"}, 1-memShare, 0.9, 0.85) {
		ev = append(ev, fmt.Sprintf("available memory %.0f%%", 100*memShare))
		if memShare < 0.05 {
			sev = SevCritical
		}
	}
	if len(ev) == 0 {
		return nil
	}
	return []Hint{{
		ID: "system_load", Severity: sev, Side: "host", Subject: "this host",
		Title:    "Host: the machine is overloaded",
		Evidence: ev,
		Steps:    []Action{cmd("top -b -n 1 -o %CPU | head -20"), cmd("ps -eo pid,rss,comm --sort=-rss | head")},
		Cautions: []string{"do not raise process limits on an overloaded host: lower them or add capacity"},
		Impact:   load,
	}}
}

// proxyReadDefault are the parameters the default proxy_read_maps of
// every Postfix names (mail_params.h; later versions name more): a proxy:
// table in one of them is approved without being listed.
var proxyReadDefault = []string{"local_recipient_maps", "mydestination", "virtual_alias_maps", "virtual_alias_domains",
	"virtual_mailbox_maps", "virtual_mailbox_domains", "relay_recipient_maps", "relay_domains", "canonical_maps",
	"sender_canonical_maps", "recipient_canonical_maps", "relocated_maps", "transport_maps", "mynetworks"}

// databaseTable tells a table of a database client Postfix opens a
// connection for.
func databaseTable(t string) bool {
	return strings.HasPrefix(t, "mysql:") || strings.HasPrefix(t, "pgsql:") || strings.HasPrefix(t, "ldap:")
}

// proxyApproved tells whether proxymap opens table, named in parameter
// name, for the proxy_read_maps value readMaps (set tells it is set in
// main.cf; else the default).
func proxyApproved(name, table, readMaps string, set bool) bool {
	if !set {
		return slices.Contains(proxyReadDefault, name)
	}
	for _, f := range listItems(readMaps) {
		if f == table || f == "$"+name || f == "${"+name+"}" || f == "$("+name+")" {
			return true
		}
	}
	return false
}

func ruleLookupTables(c *hintCtx) []Hint {
	n := c.count(&c.e.ClassRing[sources.ClassTableConnLimit], c.e.Classes[sources.ClassTableConnLimit])
	if !c.e.hints.gate(hintKey{rule: "lookup_table_connections"}, n, 1, 1) {
		return nil
	}
	var acts []Action
	var unlisted []string        // tables to prefix that proxy_read_maps does not approve
	proxied := map[string]bool{} // database tables read through proxymap already
	prefixed := false
	readMaps, readSet := "", false
	if c.cfg != nil {
		readMaps, readSet = c.cfg.Explicit["proxy_read_maps"]
		var names []string
		for name := range c.cfg.Explicit {
			if name != "proxy_read_maps" && name != "proxy_write_maps" {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		for _, name := range names {
			v := c.cfg.Explicit[name]
			changed := false
			var parts []string
			for _, f := range listItems(v) {
				if databaseTable(f) {
					f = "proxy:" + f
					changed = true
					if !proxyApproved(name, f, readMaps, readSet) {
						unlisted = append(unlisted, f)
					}
				} else if t, ok := strings.CutPrefix(f, "proxy:"); ok && databaseTable(t) {
					proxied[f] = true
				}
				parts = append(parts, f)
			}
			if changed {
				prefixed = true
				acts = append(acts, cmd(postconfSet(name, strings.Join(parts, ", "))))
			}
		}
	}
	viaProxymap := len(proxied) > 0
	for _, l := range c.e.Samples[sources.ClassTableConnLimit] {
		viaProxymap = viaProxymap || strings.Contains(l, "/proxymap[")
	}
	switch {
	case len(unlisted) > 0 && readSet:
		// A parameter cannot name itself ($proxy_read_maps loops): the
		// value in force is written out with the tables added.
		acts = append(acts, cmd(postconfSet("proxy_read_maps", readMaps+" "+strings.Join(unlisted, " "))))
	case len(unlisted) > 0:
		acts = append(acts, say("add "+SanitizeLine(strings.Join(unlisted, " "))+" to proxy_read_maps after the tables it names now (postconf -h proxy_read_maps prints them; the default names those of virtual_*, relay_*, transport_maps and a few more, not these): write the list out, as a main.cf parameter cannot refer to itself"))
	case !prefixed && viaProxymap:
		procs, set := 0, false
		if c.cfg != nil {
			if s, ok := c.cfg.Service("proxymap", "unix"); ok && s.MaxProc > 0 {
				procs, set = s.MaxProc, true
			} else if v, ok := c.cfg.Int("default_process_limit"); ok {
				procs = v
			}
		}
		tables := ""
		if len(proxied) > 0 {
			tables = fmt.Sprintf(" (%d tables)", len(proxied))
		}
		limit := "default_process_limit, as master.cf gives it none"
		if set {
			limit = "its maxproc in master.cf"
		}
		reach := ""
		if procs > 0 && len(proxied) > 0 {
			reach = fmt.Sprintf(": up to %d processes (%s) × %d tables = %d connections", procs, limit, len(proxied), procs*len(proxied))
		}
		acts = append(acts, cmd("postconf -F proxymap/unix/process_limit"),
			say("the tables are read through proxymap already"+tables+": each proxymap process keeps a connection to the database for each table it has opened"+reach+"; set proxymap's process limit so that stays below the database's max_connections, with room for its other clients (Dovecot, a web panel), with postconf -F 'proxymap/unix/process_limit = N', or raise max_connections on the database server"))
	case !prefixed:
		acts = append(acts, say("prefix each mysql:, pgsql: or ldap: table with proxy: and list it in proxy_read_maps"))
	}
	acts = append(acts, cmd("postfix reload"))
	return []Hint{{
		ID: "lookup_table_connections", Severity: SevCritical, Side: "inbound", Subject: "lookup tables",
		Title:    "Inbound: lookup tables run out of database connections",
		Evidence: []string{fmt.Sprintf("%.0f lookup errors for want of a database connection", n)},
		Samples:  c.e.Samples[sources.ClassTableConnLimit], Steps: acts,
		Cautions: []string{"the proxymap service's maxproc then caps the database connections; a table missing from proxy_read_maps logs \"request for unapproved table\""},
		Impact:   c.classRate(sources.ClassTableConnLimit),
	}}
}

func ruleUpgrade(c *hintCtx) []Hint {
	e := c.e
	compat := e.CompatSorted()
	groups := knownGroups(c, "upgrade_change")
	builds := groupHints(c, "upgrade_change", groups)
	if e.ChangeAt.IsZero() && len(compat) == 0 && len(builds) == 0 && e.CompatNotices == 0 {
		return nil
	}
	sev := SevInfo
	var ev []string
	var impact float64
	var acts []Action
	var samples []string
	// What this build or version no longer supports (a dropped table
	// type, a renamed restriction): the knowledge base's evidence.
	for _, b := range builds {
		sev = max(sev, b.Severity)
		// One entry's lines on two sides give the same steps, and the
		// same words of the release, twice.
		for _, line := range b.Evidence {
			if !slices.Contains(ev, line) {
				ev = append(ev, line)
			}
		}
		for _, a := range b.Steps {
			if !slices.Contains(acts, a) {
				acts = append(acts, a)
			}
		}
		samples = append(samples, b.Samples...)
		impact += b.Impact
	}
	if !e.ChangeAt.IsZero() {
		ev = append(ev, fmt.Sprintf("Postfix %s → %s at %s", e.ChangeFrom, e.ChangeTo, e.ChangeAt.UTC().Format("2006-01-02 15:04:05Z")))
		for _, ch := range e.UpgradeChanges() {
			if len(ev) >= 6 {
				break
			}
			ev = append(ev, fmt.Sprintf("%s: %.2f/min before, %.2f/min after (%d → %d)", ch.Class, ch.BeforeRate, ch.AfterRate, ch.Before, ch.After))
			if ch.AfterRate >= 0.5 && ch.AfterRate > 2*ch.BeforeRate && ch.Class != sources.ClassGreylist {
				sev = max(sev, SevWarning)
				impact += ch.AfterRate - ch.BeforeRate
			}
		}
	}
	// A notice whose parameter the configuration sets now is history:
	// Postfix logs it only while the default is in force.
	type keepStep struct {
		d          *compatDefault
		value, why string
	}
	var keep []keepStep
	for _, cw := range compat {
		d := compatDefaultOf(cw.Param)
		if d != nil {
			if now := compatSetNow(c.cfg, d, cw); now != "" {
				old := d.old
				if old == "" {
					old = "(empty)"
				}
				ev = append(ev, fmt.Sprintf("%s: its %d backwards-compatible default notices (%s=%s, below compatibility_level %s) no longer apply: %s now", cw.Param, cw.Count, cw.Param, old, d.level, now))
				continue
			}
		}
		ev = append(ev, fmt.Sprintf("backwards-compatible default in use: %s (%d warnings)", cw.Param, cw.Count))
		if d == nil || d.keep == nil {
			continue
		}
		if d.relay {
			// Raising compatibility_level as Postfix's notice says would
			// refuse the mail this default still lets through.
			sev = max(sev, SevWarning)
		}
		v, why := d.keep(mainRead(c.cfg))
		keep = append(keep, keepStep{d, v, why})
	}
	if e.CompatNotices > 0 {
		ev = append(ev, fmt.Sprintf("Postfix runs with backwards-compatible defaults: compatibility_level is below this version's (notices: %d)", e.CompatNotices))
		// COMPATIBILITY_README's way out: raising the level at once
		// could change relaying (relay_domains, mynetworks_style) under
		// mail that relies on the old defaults.
		acts = append(acts, say("the daemons log \"using backwards-compatible default setting NAME=VALUE\" where an old default decides what happens: set each NAME they name explicitly to the value the mail needs, then set compatibility_level to the level the notice gives and postfix reload (COMPATIBILITY_README)"))
	}
	if e.ChangeAt.IsZero() && len(compat) == 0 && e.CompatNotices == 0 && libraryOnly(groups) {
		return []Hint{libraryHint(sev, ev, acts, samples, impact)}
	}
	if e.ChangeAt.IsZero() && len(compat) == 0 && e.CompatNotices == 0 {
		// What this release lacks, with no upgrade seen: the entry's own
		// title names it, and no configuration before an upgrade applies.
		if k := titledOnly(groups); k != nil {
			return []Hint{{
				ID: "upgrade_change", Severity: sev, Side: "host", Subject: k.ID,
				Title:    "Host: " + knownTitle("upgrade_change", k),
				Evidence: ev, Steps: acts, Samples: samples, Impact: impact,
			}}
		}
	}
	// What the build lacks names the hint when it fails lookups: that is
	// what is broken, whatever else changed at the upgrade.
	title, subj := "Host: what changed at the Postfix upgrade", e.ChangeTo
	if subj == "" {
		subj = e.CurrentVersion()
	}
	if k := lacking(c, groups); k != nil {
		title, subj = "Host: "+knownTitle("upgrade_change", k), k.ID
	}
	acts = append(acts, cmd("postconf -n   # compare with the configuration before the upgrade"))
	if c.cfg != nil {
		if lvl := c.cfg.Get("compatibility_level"); lvl != "" {
			ev = append(ev, "compatibility_level = "+lvl)
		}
		var set []string
		for _, p := range c.cfg.Relevant() {
			if c.cfg.IsExplicit(p) && p != "mail_version" {
				set = append(set, p+" = "+c.cfg.Get(p))
			}
		}
		if len(set) > 0 {
			ev = append(ev, "explicitly set: "+strings.Join(set, "; "))
		}
	}
	if mainRead(c.cfg) == nil && len(keep) > 0 {
		// Without the configuration, one set since the notices were
		// logged may be what the postconf -e below would overwrite.
		var names []string
		for _, k := range keep {
			names = append(names, k.d.param)
			names = append(names, k.d.silencedBy...)
			names = append(names, k.d.reads...)
		}
		acts = append(acts, cmd("postconf -n "+strings.Join(names, " ")+"   # check first: a value shown here was set since the notices, by choice: do not replace it below"))
	}
	for _, k := range keep {
		acts = append(acts, cmd(postconfSet(k.d.param, k.value)+"   # "+k.why))
	}
	acts = append(acts, cmd("postconf -d | diff - <(postconf)   # defaults versus what is in force"))
	return []Hint{{
		ID: "upgrade_change", Severity: sev, Side: "host", Subject: subj,
		Title:    title,
		Evidence: ev, Steps: acts, Samples: samples,
		Cautions: []string{"defaults of concurrency (20), process limit (100) and the inbound limit (50) did not change from 2.5 to 3.11: look at what the packaging or main.cf changed"},
		Impact:   impact,
	}}
}

// libraryOnly tells whether every knowledge-base line behind the upgrade
// hint says a shared library differs from the one Postfix was built with.
func libraryOnly(groups []*knownGroup) bool {
	for _, g := range groups {
		if !g.library {
			return false
		}
	}
	return len(groups) > 0
}

// lacking is the knowledge-base entry behind the upgrade hint that says
// what this build lacks and fails lookups for (Known.Causes, with a
// Title), the one with the most lines in the window; nil for none.
func lacking(c *hintCtx, groups []*knownGroup) *sources.Known {
	var best *sources.Known
	most := 0.0
	for _, g := range groups {
		for _, key := range g.entries {
			k := &sources.KnownMessages[key.Entry]
			seen := c.e.Known[key]
			if n := c.count(&seen.Ring, seen.Count); k.Causes != "" && k.Title != "" && n > most {
				best, most = k, n
			}
		}
	}
	return best
}

// titledOnly returns the one knowledge-base entry behind the upgrade hint
// when it has a title of its own (a release that lacks a later fix), or
// nil when there are others or it has none.
func titledOnly(groups []*knownGroup) *sources.Known {
	var only *sources.Known
	for _, g := range groups {
		for _, key := range g.entries {
			k := &sources.KnownMessages[key.Entry]
			if k.Title == "" || only != nil && only != k {
				return nil
			}
			only = k
		}
	}
	return only
}

// libraryHint is the upgrade hint when its only evidence is a library that
// changed under Postfix: the package manager left Postfix and the library
// apart (a held package, an upgrade cut short, a package from another
// repository), or a source build predates the library. No Postfix default
// changed, so configuration and concurrency are no part of it.
func libraryHint(sev Severity, ev []string, acts []Action, samples []string, impact float64) Hint {
	acts = append(acts,
		cmd("apt-mark showhold; dpkg --audit   # Debian, Ubuntu: held packages and packages left half-installed"),
		cmd("dnf check; rpm -V postfix   # RHEL, Fedora: broken dependencies, and Postfix files changed since install"),
		cmd(`ldd "$(postconf -h daemon_directory)/smtpd" | grep -Ei 'ssl|crypto|libdb|sasl|postfix'   # the library files Postfix runs with`),
		say("once Postfix and the library come from one build or repository, the message stops at the next start of each daemon (postfix stop; postfix start restarts them all); rebuild a source build after every upgrade of a library it links"))
	return Hint{
		ID: "upgrade_change", Severity: sev, Side: "host", Subject: "libraries",
		Title:    "Host: Postfix runs with another library release than it was built with",
		Evidence: ev, Steps: acts, Samples: samples,
		Cautions: []string{"a library upgrade without the Postfix package built for it (a held package, an upgrade cut short, a package from another repository): upgrade them together rather than force-installing one or pinning the library back beneath other programs"},
		Impact:   impact,
	}
}

// ruleSoftBounce: soft_bounce = yes (a safety net for testing) turns every
// permanent refusal into a deferral, so mail that can never go is retried
// until maximal_queue_lifetime, its sender told nothing meanwhile.
func ruleSoftBounce(c *hintCtx) []Hint {
	f := &c.e.PermanentDeferred
	n := c.count(&f.Ring, f.Count)
	if c.cfg == nil || !strings.EqualFold(c.cfg.Get("soft_bounce"), "yes") || !c.e.hints.gate(hintKey{rule: "soft_bounce"}, n, 1, 1) {
		return nil
	}
	return []Hint{{
		ID: sources.HintConfigError, Severity: SevWarning, Side: "outbound", Subject: "soft_bounce",
		Title:    "Outbound: soft_bounce = yes keeps refused mail in the queue",
		Evidence: withReply([]string{fmt.Sprintf("%s deferred on a permanent (5xx) reply %s, with soft_bounce = yes", nDeliveries(n), c.windowText())}, lastReason(f.Samples)),
		Samples:  f.Samples,
		Steps: []Action{
			say("soft_bounce = yes, a safety net meant for testing, turns every permanent refusal (an unknown user, a policy refusal) into a deferral: that mail is retried until maximal_queue_lifetime (" + c.queueLifetime() + ") for nothing, and its senders learn of the refusal only then; turn it off once the configuration is tested"),
			cmd(postconfSet("soft_bounce", "no")),
			cmd("postfix reload"),
		},
		Cautions: []string{"what is already queued stays until its retries or its lifetime end; the refusals to come bounce at once"},
		Impact:   c.perMinute(&f.Ring, f.Count),
	}}
}

// lastReason is the reason of the last of sample lines, "" for none.
func lastReason(samples []string) string {
	if len(samples) == 0 {
		return ""
	}
	return lineRecord(samples[len(samples)-1]).Reason
}

// unknownRefusalsAt is how many deliveries to one destination, failed
// with replies no rule reads (ClassOther), make the hint, when they are
// most of its deliveries.
const unknownRefusalsAt = 10

// ruleUnknownRefusals: a destination that refuses most mail with a reply
// no rule reads is not passed over in silence. Its reply says why; no
// change is proposed, since none is known to help.
func ruleUnknownRefusals(c *hintCtx) []Hint {
	var out []Hint
	for _, d := range c.classDests(sources.ClassOther) {
		n := c.count(&d.Errors, d.Classes[sources.ClassOther])
		all := d.Sent + d.Deferred + d.Bounced + d.Expired
		if d.LMTP || d.Classes[sources.ClassOther] < unknownRefusalsAt || 2*d.Classes[sources.ClassOther] < all ||
			!c.e.hints.gate(hintKey{"unknown_refusals", d.Domain}, n, 1, 1) {
			continue
		}
		sev := SevInfo
		if d.Bounced > 0 {
			sev = SevWarning // mail went back to its senders
		}
		reply := classReply(d, sources.ClassOther)
		out = append(out, Hint{
			ID: "unknown_refusals", Severity: sev, Side: "outbound", Subject: d.Domain,
			Title: fmt.Sprintf("Outbound: %s refuses most mail with a reply mxtop has no reading of", d.Domain),
			Evidence: withReply([]string{fmt.Sprintf("%d of %d deliveries to %s failed so (%d bounced, %d deferred) %s", d.Classes[sources.ClassOther], all, d.Domain, d.Bounced, d.Deferred, c.windowText())},
				reply),
			Samples: destSamples(d, sources.ClassOther),
			Steps: []Action{
				say("read the reply: its code and words say why the receiver refuses, and often name its postmaster page; a refusal for this host's address, its DNS or the content of the mail is fixed as the page says, and a refusal by the recipient's own policy only by the recipient's organisation"),
				say("when it is not clear, ask the destination's postmaster by another way than mail to that domain, with the time, this host's address and the reply"),
			},
			Cautions: []string{"no setting here is known to help: lowering concurrency or adding delays without knowing the reason changes nothing, or slows other mail"},
			Impact:   c.perMinute(&d.Errors, d.Classes[sources.ClassOther]),
		})
	}
	return out
}

// messageSizeAt is how many deliveries refused for their size make the
// hint: one big attachment now and then is every site's.
const messageSizeAt = 5

// ruleMessageSize: receivers refusing messages for their size. Their
// limit is theirs; this host's message_size_limit bounds only what it
// accepts, so no setting here helps: the senders send smaller messages.
func ruleMessageSize(c *hintCtx) []Hint {
	const cl = sources.ClassMessageSize
	dests := c.classDests(cl)
	// The class's own count: a destination's error ring holds its
	// other errors too.
	n := c.count(&c.e.OutClassRing[cl], c.e.OutClasses[cl])
	if len(dests) == 0 || n < messageSizeAt || !c.e.hints.gate(hintKey{rule: "message_size"}, n, 1, 1) {
		return nil
	}
	names, sample := c.topDomains(cl, 5), dests[0]
	ev := withReply([]string{fmt.Sprintf("%s refused for their size %s; destinations: %s", nDeliveries(n), c.windowText(), strings.Join(names, ", "))}, classReply(sample, cl))
	steps := []Action{
		say("the receivers refuse messages larger than their limit (counted after the encoding, which adds about a third to attachments): the senders must send smaller messages, large files as links; " + findSenders),
		say("no setting here raises another server's limit; this host's message_size_limit bounds only the mail it accepts, and the refused messages went back to their senders"),
	}
	return []Hint{c.senderHint("message_size", "Outbound: receivers refuse messages too big for them", SevInfo, names, ev, steps, c.e.Submit.RefusedBy,
		"raising message_size_limit here changes nothing for these refusals", &seen{Samples: destSamples(sample, cl)})}
}

// recipientLimitAt is how many recipients deferred or returned past a
// receiver's recipient limit make the recipient_limit hint.
const recipientLimitAt = 5

// ruleRecipientLimit: next hops that take no more recipients for the
// message or session (452 4.5.3). Postfix sends up to its recipient limit
// per delivery; those past the receiver's wait for the next retry, so a
// message to many recipients there arrives in parts, hours apart; a 5xx
// returns them to the sender.
func ruleRecipientLimit(c *hintCtx) []Hint {
	const cl = sources.ClassRcptLimit
	dests := c.classDests(cl)
	// The class's own count: a destination's error ring holds its
	// other errors too.
	n := c.count(&c.e.OutClassRing[cl], c.e.OutClasses[cl])
	bounced := false
	for _, d := range dests {
		bounced = bounced || lineRecord(d.ClassLine[cl]).Status == sources.StatusBounced
	}
	if len(dests) == 0 || n < recipientLimitAt || !c.e.hints.gate(hintKey{rule: "recipient_limit"}, n, 1, 1) {
		return nil
	}
	names, sample := c.topDomains(cl, 5), dests[0]
	verb, sev := "deferred", SevInfo
	if bounced {
		verb, sev = "deferred or returned", SevWarning
	}
	t := c.throttle(sample)
	param := t.transport + "_destination_recipient_limit"
	ev := withReply([]string{fmt.Sprintf("%.0f recipients %s %s past the receiver's limit of recipients per message or session; destinations: %s", n, verb, c.windowText(), strings.Join(names, ", "))}, classReply(sample, cl))
	steps := []Action{
		cmd(shellCmd("postconf", param, "default_destination_recipient_limit") + "   # the recipients this host sends per delivery"),
		say("this host sends up to " + param + " recipients in one delivery, and the receiver takes fewer: the rest wait for the next retry (minimal_backoff_time and later), so the message reaches them in parts, hours apart; give these destinations a transport of their own whose _destination_recipient_limit is at or below what the receiver takes (its reply or postmaster page may say; the recipients it accepted in one delivery show it), as QSHAPE_README's slow transport is made, then postfix reload"),
	}
	if bounced {
		steps = append(steps, say("the receiver answered some with a 5xx: those recipients were returned to their senders, who must send to them again"))
	}
	return []Hint{{
		ID: "recipient_limit", Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: a receiver takes fewer recipients per message than this host sends",
		Evidence: ev, Samples: destSamples(sample, cl), Steps: steps,
		Cautions: []string{"a lower concurrency or rate changes nothing: the receiver counts recipients within one delivery"},
		Impact:   c.perMinute(&c.e.OutClassRing[cl], c.e.OutClasses[cl]),
	}}
}
