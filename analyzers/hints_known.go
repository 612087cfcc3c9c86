package analyzers

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"mxtop/sources"
)

// knownHints turns the knowledge-base entries that feed hint id into one
// hint per side: what Postfix said, what it means, what to do. One line is
// enough for a hint; a fatal or panic line makes it critical, an entry
// that is not everyday noise a warning, and volume raises calm entries
// (not noise).
func knownHints(c *hintCtx, id string) []Hint {
	return groupHints(c, id, knownGroups(c, id))
}

// groupHints is knownHints for groups knownGroups already filed.
func groupHints(c *hintCtx, id string, groups []*knownGroup) []Hint {
	var out []Hint
	for _, g := range groups {
		if !c.e.hints.gate(hintKey{"known:" + id, g.side}, g.n, 1, 1) {
			continue
		}
		out = append(out, knownHint(c, id, g))
	}
	return out
}

// oneFinding lists the hint ids whose lines on every side are one
// finding, and the side it is filed under: a table is this host's, and
// smtpd's 451 "Temporary lookup failure" or the smtp client's policy
// lookup error is how a daemon saw that same table fail.
var oneFinding = map[string]string{
	sources.HintLookupFailure: "host",
}

// knownGroup is what the entries feeding one hint id saw on one side.
type knownGroup struct {
	side    string
	entries []KnownKey
	n       float64
	fatal   int
	// userFatal: of the fatal lines, those of programs a user or a
	// script runs, which no master starts again.
	userFatal int
	master    bool // the master logged one: a service died or cannot start
	// down: the master or postfix start logged a fatal line, so Postfix
	// itself is not running and a reload has nothing to talk to.
	down bool
	// stopped: lines of a NotRunning entry say no master runs, and none
	// started after them.
	stopped bool
	// restart: lines of a NotRunning entry while the master's daemons log
	// (Known.RunningCause): what they find missing the master makes
	// when it starts, which a reload does not.
	restart bool
	// command: the postfix command itself logged a fatal line (it reads
	// main.cf before it starts or reloads anything), and no master line
	// said more.
	command bool
	// upAgain: the master started after down lines, and when; downFatal
	// counts those lines, severeOther the severe entries that are not them.
	upAgain     time.Time
	downFatal   int
	severeOther bool
	severe      bool
	// critical: an entry with a CriticalAt count reached it in the window.
	critical bool
	calm     bool
	noise    bool
	// commands: every line is about a command Postfix runs (Known.Command),
	// none about a Postfix daemon; library: every line says a shared
	// library differs from the one Postfix was built with (Known.Library).
	commands, library bool
	// unit: every line is systemd's about Postfix's unit (Agent
	// "systemd"), none Postfix's own.
	unit bool
	// anyUnit: one of the lines is systemd's: systemd starts Postfix here.
	anyUnit bool
	// unitReason: one of systemd's lines gives the reason itself (a
	// timeout, the OOM killer, a signal, a crash): no fatal: line of
	// Postfix's is behind the failure.
	unitReason bool
	// running: systemd's lines came after one saying a master runs;
	// runningAt is the time of the last of them.
	running   bool
	runningAt time.Time
	impact    float64
	// lines are the group's lines; sessions the failures they tell of,
	// the stages one smtpd session logged of one counted once (n);
	// repeats says a failure logged more than one line. last is the
	// newest line's time.
	lines, sessions float64
	repeats         bool
	last            time.Time
	// refused: smtpd's refusals of inbound mail among the lines of
	// entries that report a failure of this host (not Calm, not Noise),
	// in the window; run: those since smtpd last accepted a message.
	refused, run float64
	// refusesMost: refused is most of the inbound mail, or all of it
	// since smtpd last took a message (refusesInbound).
	refusesMost bool
}

// knownGroups files the entries seen for hint id by side, in side order.
func knownGroups(c *hintCtx, id string) []*knownGroup {
	if len(c.e.Known) == 0 {
		return nil
	}
	groups := map[string]*knownGroup{}
	var sides []string
	keys := c.e.knownKeys()
	authDown := false
	var failed []string // components an entry's lines say failed
	// failSide: the side of the first lines that say a component failed,
	// but for a session's refusal.
	failSide := map[string]string{}
	for _, key := range keys {
		seen := c.e.Known[key]
		if c.count(&seen.Ring, seen.Count) == 0 {
			continue
		}
		k := &sources.KnownMessages[key.Entry]
		authDown = authDown || k.AuthBackend
		if k.Fails != "" && !slices.Contains(failed, k.Fails) {
			failed = append(failed, k.Fails)
		}
		// A session refused for the failure is how a client met it.
		if _, ok := failSide[k.Fails]; k.Fails != "" && !ok && !k.SessionDown {
			failSide[k.Fails] = key.Side
		}
	}
	// A hint id of oneFinding files every side under its side when that
	// side saw it too.
	fold, folds := oneFinding[id]
	if folds {
		folds = slices.ContainsFunc(keys, func(key KnownKey) bool {
			seen := c.e.Known[key]
			return key.Side == fold && c.hintOf(&sources.KnownMessages[key.Entry], seen, failed) == id && c.count(&seen.Ring, seen.Count) > 0
		})
	}
	for _, key := range keys {
		k := &sources.KnownMessages[key.Entry]
		seen := c.e.Known[key]
		if c.hintOf(k, seen, failed) != id && k.Also != id || k.FailedLogin && authDown {
			continue
		}
		n := c.count(&seen.Ring, seen.Count)
		if n == 0 || k.Harmless && n < float64(k.LoopAt) || k.PassEnds && seen.Passed >= seen.Count ||
			k.EndOfData && n <= float64(resentCopies(c)) {
			continue
		}
		side := key.Side
		if s, ok := failSide[k.VerdictOf]; ok && k.VerdictOf != "" && c.hintOf(k, seen, failed) == k.Hint {
			// How a client met a component that failed (smtpd's 451
			// after a milter broke): filed with that failure.
			side = s
		}
		if s, ok := failSide[k.Fails]; ok && k.SessionDown {
			side = s
		}
		if folds {
			side = fold
		}
		g := groups[side]
		if g == nil {
			g = &knownGroup{side: side, calm: true, noise: true, commands: true, library: true, unit: true}
			groups[side] = g
			sides = append(sides, side)
		}
		g.entries = append(g.entries, key)
		// A failure counts once, by the first line of its stages.
		sessions := seen.sessions(c)
		g.n += sessions
		g.lines += n
		g.sessions += sessions
		g.repeats = g.repeats || sessions < n
		if seen.Last.After(g.last) {
			g.last = seen.Last
		}
		g.fatal += seen.Fatal
		g.userFatal += seen.UserFatal
		g.master = g.master || slices.Contains(seen.Daemons, "master")
		g.anyUnit = g.anyUnit || k.Agent == unitAgent
		g.unitReason = g.unitReason || k.Agent == unitAgent && !k.Consequence
		// Every start of the unit failed beside a master that runs.
		runs := k.Agent == unitAgent && seen.Running == seen.Count
		g.running = g.running || runs
		if runs && seen.LastUnit.After(g.runningAt) {
			g.runningAt = seen.LastUnit
		}
		switch {
		case runs:
		case k.Agent == unitAgent && c.e.MasterStarted.After(seen.LastUnit):
			// The unit failed, and a master started after it.
			g.upAgain = c.e.MasterStarted
		case seen.Down > 0 && c.e.MasterStarted.After(seen.LastDown):
			g.upAgain = c.e.MasterStarted
			g.downFatal += seen.Down
		default:
			g.down = g.down || seen.Down > 0
			// Lines saying no master runs, and none started since.
			runs := k.RunningCause != "" && c.daemonsAround(seen.LastNotRunning)
			g.stopped = g.stopped || k.NotRunning && !runs && !c.e.MasterStarted.After(seen.LastNotRunning)
			g.restart = g.restart || runs
			g.severeOther = g.severeOther || k.Severe
		}
		// A master that started after it: the command ran later.
		g.command = g.command || seen.Command > 0 && !c.e.MasterStarted.After(seen.LastCommand)
		g.severe = g.severe || k.Severe && !runs
		g.commands = g.commands && k.Command
		g.unit = g.unit && k.Agent == unitAgent
		g.library = g.library && k.Library
		g.critical = g.critical || k.CriticalAt > 0 && n >= float64(k.CriticalAt) ||
			k.ManyRecipients > 0 && len(seen.recipients) >= k.ManyRecipients ||
			k.HopDown && c.e.hopDown(n) || k.SessionDown && c.e.sessionDown(n)
		if !k.Calm && !k.Noise {
			g.refused += c.count(&seen.RejectsRing, seen.Rejects)
			g.run += float64(seen.refusedSince(c.e))
		}
		// One client that sends many is no scattered noise.
		one := k.OneClientAt > 0 && seen.top().N >= k.OneClientAt
		// A big provider among the clients is no bot: not noise. The
		// names a reject refused (a HELO name) are the client's to
		// choose, so they raise nothing, but for a big provider's own
		// domain, which no client can make fail to resolve.
		big := bigSenderAmong(seen.Clients) || seen.BigDomain
		g.calm = g.calm && (k.Calm || k.CriticalAt > 0) && !big && !one
		g.noise = g.noise && k.Noise && !big && !one
		if k.Consequence {
			g.impact += seen.sessionRate(c) / 2
		} else {
			g.impact += seen.sessionRate(c)
		}
		// The senders it was refused to are the mail it held up.
		g.impact += c.perMinute(&seen.RepliesRing, seen.Replies)
	}
	accepted := c.count(&c.e.SmtpdAcceptedRing, c.e.SmtpdAccepted)
	for _, g := range groups {
		// A session whose first line fell before the window still met it.
		g.n = max(g.n, min(g.lines, 1))
		g.refusesMost = refusesInbound(g.refused, min(g.run, g.refused), accepted)
		g.critical = g.critical || g.refusesMost
	}
	sort.Strings(sides)
	out := make([]*knownGroup, len(sides))
	for i, side := range sides {
		out[i] = groups[side]
	}
	return out
}

// refusedAtLeast is how many refusals of inbound mail a failure of this
// host must make in the window before their share can make its hint
// critical: fewer can be one sender's retries.
const refusedAtLeast = 10

// refusesInbound is the one rule that makes a failure of this host that
// refuses inbound mail critical, whatever its entry: refused of them in
// the window (run since smtpd last accepted a message), against the
// messages smtpd accepted there. Most of the mail refused, or every
// message since the failure began, and the server receives nothing that
// matters: a table it cannot open (a build without the table's type),
// a milter it lost, a restriction that fails.
func refusesInbound(refused, run, accepted float64) bool {
	return refused >= refusedAtLeast && (refused > accepted || run >= refusedAtLeast)
}

// knownHint writes one group's hint: each entry's cause as evidence, its
// fix as an action, and the parameters to look at. The severity is a rule
// on counts in the window: a fatal line or a Severe entry is critical from
// the first line, an entry's CriticalAt count (mail refused in bulk) is
// critical, so is a HopDown entry's next hop that let no mail through
// since it began refusing (Engine.hopDown) and a SessionDown entry's
// refusals with no message accepted since (Engine.sessionDown), everyday
// noise stays info, a Calm entry or one with a CriticalAt count is info
// below 20 lines and a warning from 20, any other entry a warning.
func knownHint(c *hintCtx, id string, g *knownGroup) Hint {
	side := g.side
	sev := SevWarning
	// Every fatal line here stopped Postfix and the master started after
	// them: the stop is over, a warning of what happened.
	over := !g.upAgain.IsZero() && !g.down && g.fatal == g.downFatal && !g.severeOther
	switch {
	case g.critical:
		sev = SevCritical
	case over:
	case g.fatal > 0, g.severe:
		sev = SevCritical
	case g.noise, g.calm && g.n < 20:
		sev = SevInfo
	}
	h := Hint{ID: id, Severity: sev, Side: side, Impact: g.impact, last: g.last}
	if g.unit && c.fatalInWindow() {
		// systemd says only that the start failed; the fatal line's own
		// hint says why, and ranks first.
		h.Severity, h.Impact = min(sev, SevWarning), 0
	}
	// Causes before their consequences (the master's report of a child
	// that died after its own fatal line): the cause names the hint and
	// leads its evidence and steps. A message that is normal in small
	// numbers (Calm) follows the ones that are not: the warning before a
	// fatal line says what the fatal one stopped on.
	entries := slices.Clone(g.entries)
	slices.SortStableFunc(entries, func(a, b KnownKey) int {
		return entryRank(&sources.KnownMessages[a.Entry]) - entryRank(&sources.KnownMessages[b.Entry])
	})
	// An entry with a Title of its own (lines that are mostly no error)
	// names the hint only when no entry beside it reports a failure.
	firstKey := entries[0]
	for _, key := range entries {
		if k := &sources.KnownMessages[key.Entry]; k.Title == "" {
			firstKey = key
			break
		}
	}
	first := &sources.KnownMessages[firstKey.Entry]
	h.Subject = first.ID
	h.Title = fmt.Sprintf("%s: %s", sideTitle(side), knownTitle(id, first))
	if first.HasTitle != "" && c.judgeRelease(first, c.e.Known[firstKey]).state == fixHas {
		// The release has what the entry's own title says it lacks.
		h.Title = fmt.Sprintf("%s: %s (%s)", sideTitle(side), first.HasTitle, first.ID)
	}
	if !slices.ContainsFunc(entries, func(key KnownKey) bool {
		return !c.e.Known[key].providerLogins(&sources.KnownMessages[key.Entry])
	}) {
		h.Title = fmt.Sprintf("%s: %s", sideTitle(side), sources.ProviderLoginTitle)
	}
	var params []string
	gateway, loopback := privateLoginClients(c, g)
	switch {
	case loopback:
		h.Steps = append(h.Steps, say("every failed login comes from this host itself ("+strings.Join(gateway, ", ")+"): a webmail or another program here that logs in for its users, or a proxy on this host in front of Postfix; do not ban or rate-limit loopback, which this host's own programs need: check those users' passwords in the program (the SASL user names in these lines), and behind a proxy let smtpd see the real addresses (smtpd_upstream_proxy_protocol)"))
	case len(gateway) > 0:
		h.Steps = append(h.Steps, say("every failed login comes from a private address ("+strings.Join(gateway, ", ")+"): a container's gateway, a proxy or NAT in front of Postfix, which stands for every client behind it, this site's own users too; do not ban or rate-limit it: let smtpd see the real addresses (smtpd_upstream_proxy_protocol behind a proxy; for Docker, a published port without the userland proxy, or host networking), and check whether the site's own mail clients or apps fail their logins (the SASL user names in these lines)"))
	}
	var said []string // the causes given so far
	milterSaid := false
	// Logins that fail again and again from addresses trying no other
	// name: a user's device, told apart from guessing.
	var staleNames, staleAddrs []string
	for _, key := range entries {
		if sources.KnownMessages[key.Entry].FailedLogin {
			names, addrs, _ := c.e.Known[key].staleLogins()
			for _, n := range names {
				staleNames = addDistinct(staleNames, SanitizeLine(n), 3)
			}
			for _, a := range addrs {
				staleAddrs = addDistinct(staleAddrs, a, 4)
			}
		}
	}
	staleOnly := func(seen *KnownSeen) bool {
		if len(seen.logins) > 0 {
			_, _, n := seen.staleLogins()
			return n == seen.Count
		}
		return len(staleAddrs) > 0 && len(seen.addrs) > 0 && !seen.manyAddrs &&
			!slices.ContainsFunc(seen.addrs, func(a string) bool { return !slices.Contains(staleAddrs, a) })
	}
	staleSaid := false
	for _, key := range entries {
		k := &sources.KnownMessages[key.Entry]
		seen := c.e.Known[key]
		who := ""
		if len(seen.Daemons) > 0 {
			who = strings.Join(seen.Daemons, ", ") + ", "
		}
		cause, fix := k.Cause, k.Fix
		// What the release that wrote the lines has of what the entry
		// says it lacks, when its FixedIn and the release are known.
		relCause, relFix, relEvidence, relKnown := releaseText(k, c.judgeRelease(k, seen))
		unnamed := ""
		// Sessions that all come from loopback are a program on this
		// host, whatever a client from the Internet would be doing; those
		// that all come from private addresses, loopback among them, are
		// this site's network (a balancer's or orchestrator's health
		// checks, a gateway).
		allLoopback := seen.Count > 0 && seen.Loopback == seen.Count
		own := k.Noise && k.Hint == "inbound_limits" && !k.FailedLogin && seen.Remote == 0 && len(seen.LocalAddrs) > 0
		switch {
		case relKnown:
			cause, fix = relCause, relFix
		case k.OutboundFix != "" && key.Side == "outbound":
			cause, fix = k.OutboundCause, k.OutboundFix
		case k.RunningCause != "" && c.daemonsAround(seen.LastNotRunning):
			cause, fix = k.RunningCause, k.RunningFix
		case own && allLoopback:
			cause, fix = loopbackSessionCause, loopbackSessionFix
		case own:
			cause, fix = privateSessionCause, privateSessionFix
		case k.VerdictOf != "" && id == k.VerdictHint && id != k.Hint:
			// Filed here as its component's own verdict: nothing failed.
			cause, fix = k.VerdictCause, k.VerdictFix
		case k.OffParam != "" && c.cfg.IsExplicit(k.OffParam) && paramOff(c.cfg.Explicit[k.OffParam]):
			fix = k.OffParamFix
		case k.Overlap[0] != "" && c.cfg != nil:
			switch shared, known := listsShare(c.cfg, k.Overlap[0], k.Overlap[1]); {
			case known && shared:
				fix = k.OverlapFix
			case known:
				fix = k.NoOverlapFix
			}
		case k.StallCause != "" && seen.stalled(c.e.Dest) >= seen.Count:
			cause, fix = k.StallCause, k.StallFix
		case k.LoopbackFix != "" && allLoopback:
			fix = k.LoopbackFix
		case k.VerifiedFix != "" && c.e.SentTrusted > 0:
			fix = c.withDigest(k.VerifiedFix)
		case k.FullFix != "" && c.mostOfKnown(func(k *sources.Known) bool { return k.DiskFull }) > 0:
			fix = k.FullFix
		case seen.providerLogins(k):
			// Before the submission service's fix: the provider's
			// servers log in there too.
			cause, fix = sources.ProviderLoginCause, sources.ProviderLoginFix
		case k.FailedLogin && staleOnly(seen):
			cause, fix = sources.StaleLoginCause, sources.StaleLoginFix
		case k.SubmissionFix != "" && seen.Count > 0 && seen.Submission == seen.Count:
			fix = k.SubmissionFix
		case k.SubmissionFix != "" && seen.Count > 0 && seen.Submission == 0 && seen.Remote == seen.Count && unnamedSubmission(c.cfg) != "":
			// smtpd's own syslog name, but only that service can refuse so.
			fix = k.SubmissionFix
			unnamed = unnamedSubmission(c.cfg)
		}
		if slices.Contains(said, cause) {
			// Another stage of one failure: its cause is said above.
			h.Evidence = append(h.Evidence, fmt.Sprintf("%s (%s%d× %s): the same cause", k.ID, who, seen.Count, c.windowText()))
		} else {
			h.Evidence = append(h.Evidence, fmt.Sprintf("%s (%s%d× %s): %s", k.ID, who, seen.Count, c.windowText(), cause))
			said = append(said, cause)
		}
		if relEvidence != "" && !slices.Contains(h.Evidence, relEvidence) {
			h.Evidence = append(h.Evidence, relEvidence)
		}
		if k.Fails == "milter" && !milterSaid && c.cfg != nil {
			milterSaid = true
			action := strings.TrimSpace(c.cfg.Get("milter_default_action"))
			if action == "" {
				action = "tempfail"
			}
			if line := milterMeanwhile[action]; line != "" {
				h.Evidence = append(h.Evidence, line)
			}
		}
		if n := int(c.count(&seen.RepliesRing, seen.Replies)); n > 0 {
			h.Evidence = append(h.Evidence, fmt.Sprintf("smtpd answered 451 4.3.5 Server configuration problem %d time%s right after these lines, in the same process: how senders met this failure (they retry later), not a second fault", n, plural(n)))
		}
		if k.ManyRecipients > 0 && len(seen.recipients) >= k.ManyRecipients {
			many := fmt.Sprint(len(seen.recipients))
			if len(seen.recipients) >= maxKnownRecipients {
				many = "at least " + many
			}
			h.Evidence = append(h.Evidence, many+" recipients refused so, not one user's mailbox: a quota rule or count that is wrong for everyone (a default quota after a migration or upgrade, a quota dictionary that counts wrong: doveadm quota recalc -A); with a 5xx the mail goes back to its senders")
		}
		if n := seen.stalled(c.e.Dest); k.StallCause != "" && n > 0 && n < seen.Count {
			h.Evidence = append(h.Evidence, fmt.Sprintf("%d of them timed out at servers that also took connections from this host and sent no greeting: those servers are slow or slow this host down (tarpitting), not the path, and a message may arrive there twice", n))
		}
		if k.FailedLogin && len(staleNames) > 0 && !staleSaid {
			staleSaid = true
			h.Evidence = append(h.Evidence, fmt.Sprintf("login %s fails again and again from %s only, and no other name from there: a user's device with an old password after a password change", strings.Join(staleNames, ", "), strings.Join(staleAddrs, ", ")))
			if fix != sources.StaleLoginFix {
				h.Steps = append(h.Steps, say("for login "+strings.Join(staleNames, ", ")+" from "+strings.Join(staleAddrs, ", ")+": "+sources.StaleLoginFix))
			}
		}
		if unnamed != "" {
			h.Evidence = append(h.Evidence, "master.cf's "+unnamed+" service logs as smtpd itself (no -o syslog_name) and refuses clients that did not log in; no other restriction in main.cf or master.cf answers with the generic Access denied, so these lines are its")
		}
		switch {
		case fix != k.Fix: // replaced above
		case k.Also == id:
			fix = k.AlsoFix
		case k.Hint != id && k.HasHint != id:
			// Routed by its Resolver: say why, and give that fix.
			h.Evidence = append(h.Evidence, "a name it refused or could not look up is a big mail provider's host, which always resolves: unless the client only claimed that name (a bot may), this host's resolver failed, not the client's DNS")
			fix = k.ResolverFix
		}
		if k.StaleRefuses && c.staleTableSeen() {
			h.Evidence = append(h.Evidence, "a table is older than its source (map_source_newer) in the same time: the recipients added to it since are refused as unknown until it is rebuilt")
			fix = staleFirst + fix
		}
		if fatal := "the fatal line before it: " + seen.Cause; seen.Cause != "" && !slices.Contains(h.Evidence, fatal) {
			h.Evidence = append(h.Evidence, fatal)
		}
		if k.Probe {
			for _, p := range c.e.probes.evidence(seen.Refused) {
				if !slices.Contains(h.Evidence, p) {
					h.Evidence = append(h.Evidence, p)
				}
			}
		}
		if len(seen.Clients) > 0 && k.Side == "inbound" {
			h.Evidence = append(h.Evidence, "clients: "+strings.Join(seen.Clients, ", "))
		}
		if t := seen.top(); k.OneClientAt > 0 && t.N >= k.OneClientAt {
			h.Evidence = append(h.Evidence, fmt.Sprintf("one client sent at least %d of them: %s", t.N, t.Client))
		}
		for _, s := range seen.Samples {
			if len(h.Samples) < 3 {
				h.Samples = append(h.Samples, s)
			}
		}
		// The knowledge base's fixes are prose; entries for one failure
		// at different stages share theirs, said once.
		// Behind a gateway, a failed login's fix (a ban, a per-client
		// cap) would lock every client out: the gateway's step says what
		// to do instead.
		// systemd's reason said, its lines that send the admin to a
		// fatal: line would send them the wrong way.
		unitConsequence := g.unitReason && k.Agent == unitAgent && k.Consequence
		// A start refused beside a master that runs: unitRunningStep
		// says what to do, and a restart would meet its lock again.
		unitRefused := g.unit && g.running && seen.Running == seen.Count
		if !slices.ContainsFunc(h.Steps, func(a Action) bool { return a.Text == fix }) && !(k.FailedLogin && len(gateway) > 0) && !unitConsequence && !unitRefused {
			h.Steps = append(h.Steps, say(fix))
		}
		if k.MasterEntry != "" && !slices.Contains(h.Changes, masterEntryChange(k.MasterEntry)) {
			steps, changes := masterEntrySteps(c, k.MasterEntry)
			h.Steps = append(h.Steps, steps...)
			h.Changes = append(h.Changes, changes...)
		}
		ps := k.Params
		if seen.providerLogins(k) {
			ps = sources.ProviderLoginParams
		}
		ps = slices.Concat(messageParams(seen.Samples, k), ps)
		for _, p := range ps {
			if !own {
				params = addDistinct(params, sideParam(p, side), 12)
			}
		}
		if len(seen.Services) > 0 {
			h.Evidence = append(h.Evidence, "the service it names by its socket: "+SanitizeLine(strings.Join(seen.Services, ", ")))
		}
		for _, name := range seen.Services {
			h.Steps = append(h.Steps, serviceEntryStep(name))
		}
		if k.MilterSocket {
			// The milter's own setting, for each milter the lines name.
			for _, l := range seen.Samples {
				m := sources.MilterIn(lineRecord(l).Message)
				if m != nil && !slices.ContainsFunc(h.Steps, func(a Action) bool { return a.Text == m.Advice() }) {
					h.Steps = append(h.Steps, say(m.Advice()))
				}
			}
		}
		if k.FileBefore != "" {
			for _, p := range messageFiles(seen.Samples, k) {
				h.Steps = append(h.Steps, fileKeysStep(p, k.FileKeys))
			}
		}
		if k.PathAfter != "" {
			for _, p := range messagePaths(seen.Samples, k.PathAfter) {
				h.Steps = append(h.Steps, pathStep(p))
			}
		}
		if k.PrefixDir != "" {
			for _, l := range seen.Samples {
				for _, a := range prefixSteps(c, k.PrefixDir, lineRecord(l).Message) {
					if !slices.Contains(h.Steps, a) {
						h.Steps = append(h.Steps, a)
					}
				}
			}
		}
	}
	if g.repeats {
		h.Evidence = append(h.Evidence, fmt.Sprintf("these %.0f lines %s tell of %.0f failures: the lines one failure logged at its stages in an smtpd session count once", g.lines, c.windowText(), g.sessions))
	}
	if g.refusesMost {
		accepted := c.count(&c.e.SmtpdAcceptedRing, c.e.SmtpdAccepted)
		h.Evidence = append(h.Evidence, fmt.Sprintf("smtpd refused %.0f commands %s for it (%.0f since it last accepted a message) and accepted %.0f message%s: this host receives little or no mail until it is fixed", g.refused, c.windowText(), min(g.run, g.refused), accepted, plural(int(accepted))))
	}
	if over {
		h.Evidence = append(h.Evidence, "the master started again at "+g.upAgain.Format("15:04")+", after these lines: Postfix runs again; what stopped it may stop it again")
	}
	if g.running && c.e.DaemonsLogged.After(g.runningAt) {
		h.Evidence = append(h.Evidence, "the master's daemons (smtpd, qmgr, the delivery agents) logged after it, the last at "+c.e.DaemonsLogged.Format("15:04")+": the master that was running already runs on, and mail flows")
	}
	if len(params) > 0 {
		h.Steps = append(h.Steps, cmd(shellCmd("postconf", params...)+"   # the values in force"))
		// master.cf's -o settings of the same parameters: postconf alone
		// prints main.cf's, which those services do not use.
		if o := serviceOverrides(c.cfg, params, 6); len(o) > 0 {
			h.Steps = append(h.Steps, cmd(shellCmd("postconf -P", o...)+"   # master.cf's -o settings of the same, which those services use instead"))
		}
	}
	if id == sources.HintConfigError || id == sources.HintDaemonCrash {
		switch {
		case g.commands:
			h.Steps = append(h.Steps, commandSteps...)
		case g.unit && g.running:
			h.Steps = append(h.Steps, unitRunningStep)
		case g.unit && g.unitReason:
			h.Steps = append(h.Steps, unitReasonStep)
		case g.unit:
			h.Steps = append(h.Steps, unitSteps...)
		case g.down && g.anyUnit:
			restart := "systemctl restart " + unknownUnit
			if u := postfixUnit(c, h.Samples); u != "" {
				restart = shellCmd("systemctl restart", u)
			}
			h.Steps = append(h.Steps, cmd("postfix check   # after the change; then start Postfix through systemd, which runs it here: "+restart+" (a reload has nothing to reload)"))
		case g.down, g.stopped:
			h.Steps = append(h.Steps, cmd("postfix check   # after the change; then postfix start (Postfix is not running: a reload has nothing to reload)"))
		case g.restart:
			h.Steps = append(h.Steps, cmd("postfix check   # after the change; then postfix stop; postfix start (the master makes its FIFOs and sockets under the queue directory when it starts; a reload does not)"))
		case g.command:
			h.Steps = append(h.Steps, cmd("postfix check   # after the change; then postfix start (postfix status first: a master that still runs after a failed postfix reload wants postfix reload)"))
		case len(restartParams(params)) > 0:
			h.Steps = append(h.Steps, cmd("postfix check   # after the change; then postfix stop; postfix start (a reload does not apply "+strings.Join(restartParams(params), " or ")+")"))
		default:
			h.Steps = append(h.Steps, cmd("postfix check   # after the change; then postfix reload"))
		}
	}
	h.Cautions = knownCautions[id]
	if g.allStale() {
		h.Cautions = []string{staleTableCaution}
	}
	if side == "outbound" {
		h.Cautions = slices.Concat(h.Cautions, outboundCautions[id])
	}
	switch {
	case g.down:
		h.Cautions = slices.Concat(h.Cautions, downCautions)
	case g.command:
		h.Cautions = slices.Concat(h.Cautions, commandCautions)
	case g.fatal > g.userFatal || g.master && id == sources.HintDaemonCrash:
		h.Cautions = slices.Concat(h.Cautions, fatalCautions[id])
	case g.fatal > 0:
		h.Cautions = slices.Concat(h.Cautions, userCommandCautions)
	}
	return h
}

// messageParams are the distinct main.cf parameters that samples, lines
// of entry k, name (Known.NamedParam).
func messageParams(samples []string, k *sources.Known) []string {
	if k.ParamBefore == "" {
		return nil
	}
	var out []string
	for _, s := range samples {
		if p := k.NamedParam(lineRecord(s).Message); p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// messagePaths are the distinct paths that samples name after the text
// after, each ending at ": " (open PATH: Permission denied).
func messagePaths(samples []string, after string) []string {
	var out []string
	for _, s := range samples {
		_, rest, ok := strings.Cut(s, after)
		if !ok {
			continue
		}
		p, _, ok := strings.Cut(rest, ": ")
		if ok && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// messageFiles are the distinct table configuration files that samples,
// lines of entry k, name (Known.NamedFile).
func messageFiles(samples []string, k *sources.Known) []string {
	var out []string
	for _, s := range samples {
		if p := k.NamedFile(lineRecord(s).Message); p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// fileKeysStep shows the settings keys of a table configuration file a
// line named, or says where to look when it is no plain file name.
func fileKeysStep(p string, keys []string) Action {
	if !PlausiblePath(p) {
		return say("the line names a file that is no plain file name (" + SanitizeLine(p) + "): read it in the log, and check " + strings.Join(keys, ", ") + " in that file")
	}
	return cmd(shellCmd("grep -nE", "^[[:space:]]*("+strings.Join(keys, "|")+")[[:space:]]*=", p) + "   # these settings in the table's file")
}

// pathStep shows the owner and mode of every directory on a path a line
// named, or says why not when it is no path a file could have.
func pathStep(p string) Action {
	if !PlausiblePath(p) {
		return say("the line names a path that is no plain file name (" + SanitizeLine(p) + "): read it in the log, and check each directory on its way")
	}
	return cmd(shellCmd("namei -l", p) + "   # the owner and mode of every directory on the way: each needs x for the program's user")
}

// prefixSteps are the ways out of msg, "NAME value 'PATH' does not match
// any prefix in LIST": NAME moved under dir, which LIST allows by default
// (or as the configuration read sets it), or PATH's directory added to
// LIST in main.cf, once its owner and modes are checked: the program that
// checks the prefixes runs as root and reads main.cf alone. A path or
// name that would need quoting gets a sentence.
func prefixSteps(c *hintCtx, dir, msg string) []Action {
	head, rest, ok := strings.Cut(msg, " value '")
	if !ok {
		return nil
	}
	name := head[strings.LastIndexByte(head, ' ')+1:]
	value, rest, ok := strings.Cut(rest, "' does not match any prefix in ")
	list, _, _ := strings.Cut(rest, " ")
	if !ok || !plainParam(name) || !plainParam(list) {
		return nil
	}
	if !PlausiblePath(value) || strings.HasSuffix(value, "/") {
		return []Action{say("the value the line quotes is no plain file name (" + SanitizeLine(value) + "): no command is given for it; set " + name + " in main.cf by hand as the steps above say")}
	}
	var out []Action
	moved := dir + path.Base(value)
	switch allowed := !c.cfg.Has(list) || startsWithOne(moved, c.cfg.Get(list)); {
	case moved == value:
	case allowed && c.cfg.IsExplicit(list):
		out = append(out, cmd(postconfSet(name, moved)+"   # one way: the file under "+dir+", which "+list+" allows as main.cf sets it"))
	case allowed:
		out = append(out, cmd(postconfSet(name, moved)+"   # one way: the file under "+dir+", which "+list+" allows by default"))
	default:
		out = append(out, say(dir+" is not under the prefixes "+list+" holds here: put "+name+" under one of them"))
	}
	d := path.Dir(value)
	if d == "/" {
		// A prefix of "/" would allow every path: the safety check gone.
		return append(out, say(name+" names a file in / itself: move it into a directory of its own rather than allow all of / in "+list))
	}
	return append(out,
		cmd(shellCmd("namei -l", d)+"   # the other way keeps the file there: only if every directory on the way is root's and writable by no other user"),
		cmd(`postconf -e "`+list+` = $(postconf -h `+list+`), "`+ShellQuote(d+"/")+"   # only then: its directory added to "+list+" in main.cf (a master.cf -o does not count)"))
}

// plainParam says whether s is a main.cf parameter's name as Postfix
// spells them.
func plainParam(s string) bool {
	return s != "" && len(s) <= 64 && strings.TrimLeft(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == ""
}

// startsWithOne says whether p starts with one of the prefixes of list,
// a comma- or space-separated value as Postfix splits it.
func startsWithOne(p, list string) bool {
	for _, pre := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// masterEntrySteps add the master.cf entry (service/type=fields) that a
// line says is missing, and reload. A master.cf read that has the service
// already (the lines came before it, or before the master read it) gets
// the reload alone: the stock entry would replace the admin's own. Where
// master.cf was not read, the entry is shown, and added only in words.
func masterEntrySteps(c *hintCtx, entry string) ([]Action, []ConfigChange) {
	change := masterEntryChange(entry)
	name, typ, _ := strings.Cut(change.Service, "/")
	if !c.masterKnown() {
		// Unread, master.cf may have the entry by now, with the admin's
		// own settings that -M would replace.
		return []Action{unreadEntryStep(change.Service),
			say("if it shows nothing, add the entry with " + shellCmd("postconf -M", entry) + " and postfix reload; if it shows one, postfix reload makes the master read it")}, nil
	}
	if _, ok := c.cfg.Service(name, typ); ok {
		return []Action{say("master.cf, as read here, has the " + change.Service + " service: these lines came before it was added, or the master has not read it yet; postfix reload makes the master read master.cf again")}, nil
	}
	return []Action{cmd(shellCmd("postconf -M", entry)), cmd("postfix reload")}, []ConfigChange{change}
}

// masterEntryChange is a MasterEntry as a configuration change.
func masterEntryChange(entry string) ConfigChange {
	key, value, _ := strings.Cut(entry, "=")
	return ConfigChange{Service: key, Value: value}
}

// serviceEntryStep is the command that shows the master.cf entry of the
// service a line named by its socket, or a sentence when the name is no
// service name (log text never reaches a command unchecked).
func serviceEntryStep(name string) Action {
	if !plausibleService(name) || strings.ContainsAny(name, "/:[]") {
		return say("the line names a socket that no master.cf service can have (" + SanitizeLine(name) + "): read it in the log")
	}
	// No type: the name's entries of every type are shown, whichever
	// the socket's service has (unix, pass).
	return cmd(shellCmd("postconf -M", name) + "   # the service " + name + " in master.cf: nothing shown, it is not defined")
}

// providerLogins tells a FailedLogin entry whose every line came from a
// big mail provider's server.
func (k *KnownSeen) providerLogins(entry *sources.Known) bool {
	return entry.FailedLogin && k.Count > 0 && k.BigClient == k.Count
}

// hintIn is the hint the entry's lines feed: the provider's login hint
// for failed logins that all came from a big provider's servers, else the
// entry's own for the components seen to fail.
func (k *KnownSeen) hintIn(entry *sources.Known, failed []string) string {
	if k.providerLogins(entry) {
		return sources.ProviderLoginHint
	}
	return entry.HintIn(k.BigName, failed)
}

// privateLoginClients returns the addresses of g's failed logins' clients
// when none of them is public, nil otherwise (or when g has no failed
// logins), and whether every one of those lines came from loopback: this
// host's own programs.
func privateLoginClients(c *hintCtx, g *knownGroup) (addrs []string, loopback bool) {
	loopback = true
	for _, key := range g.entries {
		if !sources.KnownMessages[key.Entry].FailedLogin {
			continue
		}
		seen := c.e.Known[key]
		if seen.Remote > 0 {
			return nil, false
		}
		loopback = loopback && seen.Loopback == seen.Count
		for _, a := range seen.LocalAddrs {
			addrs = addDistinct(addrs, a, 5)
		}
	}
	return addrs, loopback && len(addrs) > 0
}

// loopbackSessionCause and loopbackSessionFix stand for an inbound noise
// entry's own when every one of its sessions came from loopback.
const (
	loopbackSessionCause = "every one from this host itself (a client on loopback): a program here that connects to smtpd and gives up, not a client from the Internet"
	loopbackSessionFix   = "these sessions come from this host itself: a program here (a monitoring check, a web application sending mail, a proxy or a content filter) that connects to smtpd and hangs up; find it by the lines' times in its own log, or with ss -tnp while it runs, and fix or quiet it; never ban or rate-limit loopback, which this host's own programs need"
)

// privateSessionCause and privateSessionFix stand for an inbound noise
// entry's own when every one of its sessions came from a private address.
const (
	privateSessionCause = "every one from a private address: this site's own network, not a client from the Internet: the health checks of a load balancer, an orchestrator or a container platform (a TCP check that opens a session and closes it), or a proxy, ingress or NAT gateway that stands for every client behind it"
	privateSessionFix   = "these sessions come from this site's own network: find what connects from those addresses (a load balancer's or orchestrator's health check, a container platform's probe, a proxy) and let it end its check politely (QUIT) or check less often, or quiet it; never ban or rate-limit these addresses: a proxy's or gateway's address stands for every client behind it, and behind a proxy or ingress let smtpd see the real clients with the PROXY protocol (smtpd_upstream_proxy_protocol, postscreen_upstream_proxy_protocol, and a health check that sends the header too)"
)

// tlsParamPairs are the TLS parameters the server (smtpd_) and the client
// (smtp_) both have: a TLS entry names the server's, and a message the
// smtp client logged is about the client's.
var tlsParamPairs = map[string]string{
	"smtpd_tls_chain_files":         "smtp_tls_chain_files",
	"smtpd_tls_cert_file":           "smtp_tls_cert_file",
	"smtpd_tls_key_file":            "smtp_tls_key_file",
	"smtpd_tls_protocols":           "smtp_tls_protocols",
	"smtpd_tls_mandatory_protocols": "smtp_tls_mandatory_protocols",
	"smtpd_tls_ciphers":             "smtp_tls_ciphers",
	"smtpd_tls_security_level":      "smtp_tls_security_level",
	"smtpd_tls_CAfile":              "smtp_tls_CAfile",
	"smtpd_tls_CApath":              "smtp_tls_CApath",
}

// sideParam names the parameter that governs side: the client's TLS
// parameter for an outbound message, the server's for an inbound one.
func sideParam(p, side string) string {
	switch side {
	case "outbound":
		if q, ok := tlsParamPairs[p]; ok {
			return q
		}
	case "inbound":
		for srv, cli := range tlsParamPairs {
			if p == cli {
				return srv
			}
		}
	}
	return p
}

// restartParams are those of params the master reads only when it
// starts.
func restartParams(params []string) []string {
	var out []string
	for _, p := range params {
		if slices.Contains(sources.RestartParams, p) {
			out = append(out, p)
		}
	}
	return out
}

// commandSteps replace postfix check and reload when what failed is a
// command Postfix runs: pipe(8), local(8) and spawn(8) start it anew for
// each delivery or request, so the fix is the command's own, in place at
// its next run.
var commandSteps = []Action{
	cmd("postconf -M | grep -wE 'pipe|spawn'   # the pipe and spawn entries: each one's user= and argv= command"),
	say("fix the command, not Postfix (reloading or checking Postfix changes nothing for it): run it by hand with a test message as the user it runs as (a pipe or spawn entry's user=; for local(8) the alias file's owner, default_privs when root owns it, or the .forward's owner); give it the memory it needs (signal 9 with 'Out of memory' in dmesg or journalctl -k, a container's or unit's memory limit); keep it within its time limit (TRANSPORT_time_limit, by default command_time_limit, for pipe(8) and local(8); a spawn entry's time_limit); then postqueue -f retries the deferred mail"),
}

// unitAgent is the Agent of the entries for systemd's lines about
// Postfix's unit.
const unitAgent = "systemd"

// debianDaemonDir is the daemon_directory of Debian's and Ubuntu's
// Postfix, whose packages alone run it as instances of postfix@.service.
const debianDaemonDir = "/usr/lib/postfix/sbin"

// unknownUnit says which unit runs Postfix where the log and the
// configuration do not tell.
const unknownUnit = "postfix@-.service on Debian and Ubuntu (postfix@INSTANCE.service for a postmulti instance), postfix.service elsewhere"

// postfixUnit names the systemd unit that runs this Postfix, or "" when
// neither the log nor the configuration tells. The daemon directory
// (daemon_directory, or the master's "process DIR/smtpd pid N" lines)
// tells Debian and Ubuntu, which run each instance as
// postfix@INSTANCE.service (postfix@-.service the default one; their
// postfix.service only groups the instances and has no process), from
// the others, whose postfix.service runs the master and every postmulti
// instance with it. Else systemd's own lines tell the layout, and name
// the unit when it is that of the instance below. On Debian the
// instance is that of samples, the hint's own lines: another instance's
// unit would leave the one of these lines as it was.
func postfixUnit(c *hintCtx, samples []string) string {
	dir := c.cfg.Get("daemon_directory")
	var named []string
	for _, key := range c.e.knownKeys() {
		unit := sources.KnownMessages[key.Entry].Agent == unitAgent
		for _, s := range c.e.Known[key].Samples {
			if unit {
				if u := unitNamed(s); u != "" {
					named = append(named, u)
				}
			} else if dir == "" {
				dir = processDir(s)
			}
		}
	}
	instanceUnit := func(u string) bool { return strings.HasPrefix(u, "postfix@") }
	switch {
	case dir == "" && len(named) == 0:
		return ""
	case dir == "" && !slices.ContainsFunc(named, instanceUnit), dir != "" && dir != debianDaemonDir:
		return "postfix.service"
	}
	// The instance postmulti named (multi_instance_name, which its
	// syslog_name defaults to) when these lines are the configuration's,
	// else the one their syslog name is: postfix the default instance's,
	// postfix-NAME as postmulti names the others.
	inst := ""
	switch names := hintInstances(&Hint{Samples: samples}); {
	case len(names) > 1:
		return ""
	case len(names) == 1 && c.cfg != nil && names[0] == configInstance(c.cfg):
		inst = c.cfg.Get("multi_instance_name")
	case len(names) == 1:
		if inst = names[0]; inst == "postfix" {
			inst = ""
		}
	default:
		// No line of theirs tells: the configuration's, or the log's.
		inst = c.cfg.Get("multi_instance_name")
		switch {
		case inst != "":
		case instanceDir(c.configDir) != "" || len(c.e.instances) > 1:
			return ""
		case len(c.e.instances) == 1:
			inst = c.e.instances[0]
		}
	}
	unit := ""
	switch {
	case inst == "":
		unit = "postfix@-.service"
	case strings.HasPrefix(inst, "postfix-") && unitInstance(inst):
		unit = "postfix@" + inst + ".service"
	}
	// Where systemd's lines alone tell Debian's layout, only a unit they
	// name for this instance is known to exist.
	if dir == "" && !slices.Contains(named, unit) {
		return ""
	}
	return unit
}

// unitNamed is the Postfix unit a line of systemd's names (postfix.service,
// postfix@NAME.service), or "".
func unitNamed(line string) string {
	if _, rest, ok := strings.Cut(line, "postfix@"); ok {
		if inst, _, ok := strings.Cut(rest, ".service"); ok && unitInstance(inst) {
			return "postfix@" + inst + ".service"
		}
		return ""
	}
	if strings.Contains(line, "postfix.service") {
		return "postfix.service"
	}
	return ""
}

// unitInstance tells whether s can be the instance of postfix@.service:
// "-", or a postmulti instance's name.
func unitInstance(s string) bool {
	return s == "-" || plausibleService(s) && !strings.ContainsAny(s, ":/[]") && !strings.Contains(s, "..")
}

// processDir is the directory of the daemon a master's line about its
// process names ("warning: process /usr/libexec/postfix/smtpd pid 7 exit
// status 1"), or "".
func processDir(line string) string {
	_, rest, ok := strings.Cut(line, "/master[")
	if !ok {
		return ""
	}
	if _, rest, ok = strings.Cut(rest, " process /"); !ok {
		return ""
	}
	p, _, ok := strings.Cut(rest, " pid ")
	if i := strings.LastIndexByte(p, '/'); ok && i > 0 {
		return "/" + p[:i]
	}
	return ""
}

// unitSteps replace postfix check and reload when only systemd's lines
// say Postfix failed: they find Postfix's own lines of the failed start,
// whose fatal: line names the cause. The unit's pattern is quoted: the
// shell would expand postfix* against the current directory.
var unitSteps = []Action{
	cmd("postfix check   # names what is wrong in main.cf, master.cf or the permissions under the queue directory"),
	cmd("journalctl -u 'postfix*' -n 100 --no-pager   # Postfix's own lines beside systemd's: the fatal: line just before the failure names the cause"),
	cmd("grep -E 'fatal|panic' /var/log/mail.log | tail -n 20   # the same where syslog writes the mail log (/var/log/maillog on Red Hat)"),
}

// unitReasonStep replaces unitSteps when systemd's own line says why the
// unit stopped: its journal shows what came before, and no fatal: line
// is to be looked for.
var unitReasonStep = cmd("journalctl -u 'postfix*' -n 100 --no-pager   # the unit's lines up to the failure, systemd's and Postfix's")

// unitRunningStep replaces unitSteps when the unit's start found a
// master running: nothing stopped, and systemd does not control it.
var unitRunningStep = say("a master held Postfix's lock when systemd started the unit (the line before it): Postfix may be running, started outside the unit, and a restart meets the same lock; postfix status and ps -C master -o pid,lstart,args show which master runs; start and stop Postfix one way only (systemctl, or the postfix command) so that systemd and the postfix command agree on what runs (stopping the unit may not stop a master started by hand: postfix stop does); a second Postfix instance needs its own data_directory and queue_directory (postmulti sets them up), or its master meets this one's lock")

// daemonsAround tells whether daemons only the master runs logged within
// fatalCause before t or any time after it: a master ran then.
func (c *hintCtx) daemonsAround(t time.Time) bool {
	return !t.IsZero() && !c.e.DaemonsLogged.IsZero() && !c.e.DaemonsLogged.Before(t.Add(-fatalCause))
}

// fatalInWindow tells whether a fatal: or panic: line of Postfix that
// stopped something is in the window the hints judge.
func (c *hintCtx) fatalInWindow() bool {
	f := &c.e.lastFatal
	return f.line != "" && (c.whole || f.at.IsZero() || c.now.Sub(f.at) <= HintWindow*time.Minute)
}

// paramOff tells a parameter value that turns its feature off: empty, or
// a limit of 0.
func paramOff(v string) bool {
	v = strings.TrimSpace(v)
	return v == "" || v == "0"
}

// staleFirst leads a recipient check's fix while a stale table is seen.
const staleFirst = "first rebuild the table that is older than its source (postmap on the source file its warning names; the daemons reopen it by themselves), and tell the senders refused since to send again; then: "

// staleTableSeen tells whether a stale table's line is in the window.
func (c *hintCtx) staleTableSeen() bool {
	return c.mostOfKnown(func(k *sources.Known) bool { return k.Stale }) > 0
}

// staleTableCaution stands for lookup_failure's when every table the hint
// names is stale: it answers, with old data.
const staleTableCaution = "a table older than its source answers with its old data: nothing waits, and mail for entries added since was refused for good (5xx), so its senders must send again after postmap"

// allStale tells whether every entry of g reports a stale table.
func (g *knownGroup) allStale() bool {
	for _, key := range g.entries {
		if !sources.KnownMessages[key.Entry].Stale {
			return false
		}
	}
	return len(g.entries) > 0
}

// knownCautions are said once per hint id.
var knownCautions = map[string][]string{
	sources.HintLookupFailure: {"a failing table defers or rejects with 4xx: mail waits, it is not lost, until maximal_queue_lifetime"},
	"inbound_limits":          {"ban no address of your own: a load balancer's, proxy's or container gateway's address stands for every client behind it (let it pass the real one: smtpd_upstream_proxy_protocol, postscreen_upstream_proxy_protocol), and a monitor's or health check's sessions end without mail by design"},
}

// outboundCautions are said only by a hint about our own mail going out:
// a listing of our address is no reason to slow down, while smtpd's
// rejects of listed clients say nothing about our speed at all.
var outboundCautions = map[string][]string{
	sources.HintBlocklist: {"do not lower concurrency or add rate delays for a listing: the receiver rejects the IP, not the speed"},
}

// reputationDeferralCaution stands for the listing's caution when every
// refusal is a temporary one: a receiver that defers for reputation
// (Gmail's 4.7.28, Yahoo's TSS04) rate-limits by it, and slowing down
// is no harm there, though it cures nothing by itself.
const reputationDeferralCaution = "a lower rate alone does not lift a reputation verdict: it spreads the same mail out; slow down only while what made the mail unwanted is fixed, or while a new IP builds its reputation"

// blocklistCautions are the outbound blocklist hint's cautions for its
// sample refusals: a listing's when any is final or carries no code.
func blocklistCautions(samples []string) []string {
	if len(samples) == 0 {
		return outboundCautions[sources.HintBlocklist]
	}
	for _, l := range samples {
		if code := lineRecord(l).Code; code < 400 || code >= 500 {
			return outboundCautions[sources.HintBlocklist]
		}
	}
	return []string{reputationDeferralCaution}
}

// fatalCautions are said only by a hint that saw a fatal or panic line,
// or the master's report of a service that died or cannot start: a
// warning (a parameter set twice, a milter not answering) stops nothing.
var fatalCautions = map[string][]string{
	sources.HintConfigError: {"a fatal configuration error stops the service that reads it; the master restarts it only after a delay (throttling)"},
	sources.HintDaemonCrash: {"raising process limits does not help a service that cannot start: fix what its fatal line says"},
}

// downCautions replace fatalCautions when Postfix itself stopped.
var downCautions = []string{"the master stopped (or never started): nothing restarts Postfix by itself, and mail is neither received nor delivered until postfix start succeeds"}

// commandCautions replace fatalCautions when the postfix command stopped.
var commandCautions = []string{"the postfix command stopped on this line before doing what it was asked: after a failed postfix start (at boot, by systemd or a container's supervisor) Postfix is not running and no master restarts anything; after a failed postfix reload the running master keeps its old configuration"}

// userCommandCautions replace fatalCautions when every fatal line is a
// program's that a user or a script runs.
var userCommandCautions = []string{"the program stopped on this line and nothing runs it again: after the fix run it again (mail a program or script handed to sendmail while it failed was not accepted; that program may retry it or report the failure)"}

// userCommands are the programs a user, a script or another mail program
// runs, not the master: a fatal line of theirs ends that one run.
// postconf and postmulti are left out: postfix start runs them, and
// their fatal line stops the start; postsuper, the queue's maintenance
// as root, keeps the general caution too.
var userCommands = []string{"sendmail", "postdrop", "postqueue", "postmap", "postalias", "newaliases", "mailq", "postcat", "postkick", "postlog"}

func userCommand(daemon string) bool { return slices.Contains(userCommands, daemon) }

// postfixCommand is the daemon name of postfix(1)'s own lines (tag
// "postfix"): it reads main.cf, then runs postfix-script.
const postfixCommand = "postfix"

// startsPostfix tells the programs whose fatal line means Postfix as a
// whole did not start or stopped: the master and postfix start's script.
func startsPostfix(daemon string) bool {
	return daemon == "master" || daemon == "postfix-script"
}

func sideTitle(side string) string {
	switch side {
	case "inbound":
		return "Inbound"
	case "outbound":
		return "Outbound"
	}
	return "Host"
}

func knownTitle(id string, k *sources.Known) string {
	// An entry's own title frames its own hint, not the one its
	// Resolver routes it to.
	if k.Title != "" && k.Hint == id {
		return k.Title + " (" + k.ID + ")"
	}
	switch id {
	case sources.HintConfigError:
		return "Postfix reports a configuration error (" + k.ID + ")"
	case sources.HintLookupFailure:
		return "a lookup table fails (" + k.ID + ")"
	case sources.HintDaemonCrash:
		return "a Postfix program, or a service it needs, is down (" + k.ID + ")"
	case sources.HintBlocklist:
		return "DNS blocklist trouble (" + k.ID + ")"
	case "tls":
		return "TLS fails (" + k.ID + ")"
	case "greylisting":
		return "new senders are delayed (" + k.ID + ")"
	case "dns":
		return "name resolution fails (" + k.ID + ")"
	case "reverse_dns":
		return "clients are refused for their reverse DNS (" + k.ID + ")"
	case "inbound_limits":
		if k.FailedLogin {
			return "clients fail to log in (" + k.ID + ")"
		}
		return "clients end sessions without mail or break SMTP's rules (" + k.ID + ")"
	case sources.HintMailbox:
		return "the mailbox server refuses recipients (" + k.ID + ")"
	case "ulimit":
		return "Postfix runs out of file descriptors (" + k.ID + ")"
	}
	return k.ID
}

// knownKeys lists the knowledge-base entries seen, in table order, so
// hints come out the same on every evaluation.
func (e *Engine) knownKeys() []KnownKey {
	keys := make([]KnownKey, 0, len(e.Known))
	for k := range e.Known {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Entry != keys[j].Entry {
			return keys[i].Entry < keys[j].Entry
		}
		return keys[i].Side < keys[j].Side
	})
	return keys
}

// ruleUnknownFatal quotes fatal and panic lines the knowledge base does not
// know: a Postfix program stopped, whatever the reason.
func ruleUnknownFatal(c *hintCtx) []Hint {
	f := &c.e.UnknownFatal
	n := c.count(&f.Ring, f.Count)
	if !c.e.hints.gate(hintKey{rule: "fatal"}, n, 1, 1) {
		return nil
	}
	sev := SevWarning
	if f.Panics > 0 || n >= 3 {
		sev = SevCritical
	}
	h := Hint{
		ID: sources.HintDaemonCrash, Severity: sev, Side: "host", Subject: "fatal",
		Title:    "Host: a Postfix program stopped with a fatal error",
		Evidence: []string{fmt.Sprintf("%.0f fatal or panic lines %s; the first: %s", n, c.windowText(), first(f.Samples))},
		Samples:  f.Samples,
		Steps:    []Action{say("read the fatal line: it names the file, parameter or resource"), cmd("postfix check")},
		Cautions: fatalCautions[sources.HintDaemonCrash],
		Impact:   c.perMinute(&f.Ring, f.Count),
	}
	if f.Commands == f.Count && f.Panics == 0 {
		// Only an administrator's commands stopped: the daemons run on.
		h.Severity = SevWarning
		h.Title = "Host: a Postfix command stopped with a fatal error"
		h.Steps = []Action{say("read the fatal line: it names the table, file or parameter the command could not use; only that run of the command stopped, not Postfix's daemons; fix what it names and run the command again")}
		h.Cautions = nil
	}
	return []Hint{h}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// bigProviders are mail domains and next-hop host suffixes that are always
// up and always resolvable: when many of them fail from here, the cause is
// on this side (port 25 blocked, a broken resolver), not theirs.
var bigProviders = []string{
	"gmail.com", "googlemail.com", "google.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
	"yahoo.com", "yahoodns.net", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.net", "gmx.de",
	"web.de", "yandex.ru", "mail.ru", "protonmail.ch", "proton.me", "comcast.net", "amazonses.com",
}

// submissionServices are the host names of relay services that take mail
// from their customers on the submission port (587, or 465/2525), as a
// prefix and a suffix: clouds block outbound port 25 to them as to any
// host, and a relayhost on port 25 to one of them times out.
var submissionServices = [][2]string{
	{"email-smtp.", ".amazonaws.com"}, // Amazon SES
	{"smtp.", ".sendgrid.net"}, {"smtp.sendgrid.net", ""},
	{"smtp.mailgun.org", ""}, {"smtp.eu.mailgun.org", ""},
	{"smtp.office365.com", ""}, {"smtp-mail.outlook.com", ""},
	{"smtp.gmail.com", ""}, {"smtp-relay.gmail.com", ""},
	{"in-v3.mailjet.com", ""}, {"smtp.sparkpostmail.com", ""}, {"smtp.postmarkapp.com", ""},
	{"mail.smtp2go.com", ""}, {"smtp-relay.brevo.com", ""}, {"smtp-relay.sendinblue.com", ""},
}

// isSubmissionService tells a host name of submissionServices.
func isSubmissionService(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, p := range submissionServices {
		if p[1] == "" && host == p[0] || p[1] != "" && strings.HasPrefix(host, p[0]) && strings.HasSuffix(host, p[1]) {
			return true
		}
	}
	return false
}

// isBigProvider tells a name in one of bigProviders' domains.
func isBigProvider(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	for _, p := range bigProviders {
		if name == p || strings.HasSuffix(name, "."+p) {
			return true
		}
	}
	return false
}

// isBigDomain tells one of bigProviders' domains itself.
func isBigDomain(name string) bool {
	return slices.Contains(bigProviders, strings.TrimSuffix(strings.ToLower(name), "."))
}

func bigSenderAmong(names []string) bool {
	for _, n := range names {
		if isBigProvider(n) {
			return true
		}
	}
	return false
}

// ListingNote is what a receiver asks of a sender it refuses, beyond the
// listing's usual steps: the words its refusals carry (lower case), and
// the step.
type ListingNote struct {
	Words []string
	Step  string
}

// ListingNotes are the receivers' own conditions. T-Online ends its
// refusals of an IP with an address at rx.t-online.de ("554 IP=... -
// None/bad reputation ... (NOWL)", "(BL)", "Dialup/transient IP not
// allowed ... (DIAL)"): its postmaster page (section 4.1) wants the
// sending host's name to lead to a website of its operator with contact
// details, and resets an IP on request.
var ListingNotes = []ListingNote{
	{Words: []string{"rx.t-online.de"},
		Step: "T-Online (t-online.de) takes mail only from servers it can tell the operator of: its postmaster page (postmaster.t-online.de, section 4.1) asks that the name this host's IP resolves to (its PTR record, which the HELO name should match) belong to a domain with a website that names the operator and how to reach them (an imprint, a contact page); once that page is up, write to the address its reply names at rx.t-online.de to have the IP unblocked"},
}

// listingNotes are the ListingNotes steps whose words the samples hold.
func listingNotes(samples []string) []Action {
	var out []Action
	for _, n := range ListingNotes {
		if slices.ContainsFunc(samples, func(l string) bool { return containsAny(strings.ToLower(l), n.Words) }) {
			out = append(out, say(n.Step))
		}
	}
	return out
}

// bareRefusalStep is the step for a server that refused the connection
// with a bare 550 or 554 and its own name.
const bareRefusalStep = "a server that answers the connection with a bare 554 (or 550) and its own name gives no reason: a mail gateway (Cisco Secure Email/IronPort, Proofpoint, Barracuda and the like) that refuses this host's address by its reputation or a blocklist; check the address's reputation with the gateway's vendor (Talos for IronPort) and on the public DNSBLs, that its reverse DNS names a host whose name resolves back to it, and ask the receiver's postmaster, by another way than mail to that domain, which rule refused it"

// ruleBlocklistOutbound: receivers refuse our mail because our IP or
// domain is listed or has a bad reputation.
func ruleBlocklistOutbound(c *hintCtx) []Hint {
	ds := c.classDests(sources.ClassBlocklist)
	var total float64
	var names []string
	var samples []string
	var impact float64
	for _, d := range ds {
		n := float64(d.Classes[sources.ClassBlocklist])
		total += n
		if len(names) < 6 {
			names = append(names, d.Domain)
		}
		for _, s := range destSamples(d, sources.ClassBlocklist) {
			if len(samples) < 3 {
				samples = append(samples, s)
			}
		}
		impact += c.perMinute(&d.Errors, d.Classes[sources.ClassBlocklist])
	}
	// A failed try at one server (the client goes on to the next MX)
	// carries the same verdict on our IP; a log cut before the deferral
	// has only such tries, which no destination counts.
	var ev []string
	if total == 0 {
		ring, all := &c.e.OutClassRing[sources.ClassBlocklist], c.e.OutClasses[sources.ClassBlocklist]
		if tries := c.count(ring, all); tries > 0 {
			total, impact = tries, c.perMinute(ring, all)
			ev = append(ev, fmt.Sprintf("%.0f failed tries at servers refused for a listing or reputation %s", tries, c.windowText()))
			samples = c.e.TrySamples[sources.ClassBlocklist]
		}
	}
	if !c.e.hints.gate(hintKey{rule: "blocklist"}, total, 1, 1) {
		return nil
	}
	// A receiver that takes most of the mail and defers some of it for
	// volume or complaints is no outage: critical is for refusals that
	// are at least a third of what the destinations were offered.
	sent := 0
	for _, d := range ds {
		sent += d.Sent
	}
	sev := SevWarning
	if (total >= 20 || len(ds) >= 3) && 2*total >= float64(sent) {
		sev = SevCritical
	}
	if len(ds) > 0 {
		ev = append(ev, fmt.Sprintf("%s refused or deferred for a listing or reputation %s; destinations: %s", nDeliveries(total), c.windowText(), strings.Join(names, ", ")))
	}
	if len(ds) > 0 && ds[0].LastReply != "" {
		ev = append(ev, "last reply: "+ds[0].LastReply)
	}
	steps := []Action{
		say("look up the sending IP on the lists the replies name (the reply usually carries a lookup or delisting URL)"),
		say("find what makes the mail unwanted before asking to be delisted: compromised accounts or forms sending spam, forwarded spam, backscatter"),
		say("check how the mail authenticates at the receiver (big providers judge unauthenticated mail as spam): send a test message to a mailbox there and read its Authentication-Results header; SPF, DKIM and DMARC must pass, aligned with the From: domain"),
		cmd("postconf mynetworks smtpd_relay_restrictions smtpd_sasl_auth_enable   # nothing may relay that should not"),
	}
	// Refused mail that is all this host's own bounces is backscatter
	// that got the IP listed: stopping it comes before delisting. Else
	// one login, script or sender behind most of the refused mail is
	// what to stop first: every message it still sends deepens the listing.
	l, nl := &c.e.Totals.Listed, &c.e.Totals.NullListed
	if n := c.count(&l.Ring, l.Count); n >= 3 && c.count(&nl.Ring, nl.Count) == n {
		ev = append(ev, fmt.Sprintf("all %.0f of the refused deliveries %s were this host's own bounces and delay notices (the null sender), not mail of its users", n, c.windowText()))
		steps = append([]Action{say("the listing is caused by this host's bounces: mail for unknown recipients accepted and then bounced to forged senders (backscatter); fix that first: reject unknown recipients during the SMTP session (relay_recipient_maps for relay_domains, or reject_unverified_recipient; local_recipient_maps and virtual_mailbox_maps for the domains delivered here), drop or quarantine spam instead of bouncing it, and delete the queued bounces (postqueue -j lists the null sender's messages; postsuper -d - takes their queue ids); ask for delisting only after")}, steps...)
	} else if who, stop, ok := c.e.Submit.advice(c.e.Submit.RefusedBy, true); ok {
		ev = append(ev, who)
		steps = append([]Action{stop}, steps...)
	}
	steps = append(steps, listingNotes(samples)...)
	if slices.ContainsFunc(samples, sources.BareGreetingRefusal) {
		steps = append(steps, say(bareRefusalStep))
	}
	return []Hint{{
		ID: sources.HintBlocklist, Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: receivers refuse our mail for a listing or bad reputation",
		Evidence: ev, Samples: samples,
		Steps:    steps,
		Cautions: blocklistCautions(samples),
		Impact:   impact,
	}}
}

// ruleLocalService: connections to this host's own next hops (a content
// filter on 127.0.0.1:10024, an LMTP socket) fail, or open and then break
// off.
func ruleLocalService(c *hintCtx) []Hint {
	f, s, d := &c.e.LocalConnFail, &c.e.LocalSessionFail, &c.e.LocalDeferred
	conns, sessions, deferred := c.count(&f.Ring, f.Count), c.count(&s.Ring, s.Count), c.count(&d.Ring, d.Count)
	queued, queuedReason := localQueued(c.e.Queue)
	n := conns + sessions + deferred + float64(queued)
	if !c.e.hints.gate(hintKey{rule: "local_service"}, n, 1, 1) {
		return nil
	}
	sev := SevWarning
	if n >= 20 {
		sev = SevCritical
	}
	var ev []string
	if conns > 0 {
		hops := "loopback or socket next hops"
		if len(c.e.siteLMTP) > 0 {
			hops = "this site's own next hops (loopback, sockets, LMTP servers)"
		}
		ev = append(ev, fmt.Sprintf("%.0f connections to %s failed %s: a content filter or LMTP server is down or listens elsewhere", conns, hops, c.windowText()))
	}
	if len(c.e.siteLMTP) > 0 {
		ev = append(ev, "LMTP servers on this site's network among them ("+strings.Join(c.e.siteLMTP, ", ")+"): the mailbox server LMTP hands mail to, another host or container, not a remote destination")
	}
	if sessions > 0 {
		ev = append(ev, fmt.Sprintf("%.0f sessions with loopback or socket next hops opened and then brought no greeting, broke off or timed out %s: the service took the connection but could not serve it", sessions, c.windowText()))
	}
	if deferred > 0 {
		ev = append(ev, fmt.Sprintf("%.0f deliveries to loopback or socket next hops were deferred by the service's own 4xx reply %s: it runs but refuses the mail for now", deferred, c.windowText()))
	}
	if queued > 0 {
		ev = append(ev, fmt.Sprintf("%d queued recipients wait on a loopback or socket next hop; the queue's reason: %s", queued, SanitizeLine(queuedReason)))
	}
	samples := slices.Clone(f.Samples)
	for _, l := range slices.Concat(s.Samples, d.Samples) {
		if len(samples) < 3 {
			samples = append(samples, l)
		}
	}
	steps := []Action{
		say("start the service the failing next hop belongs to (amavis, rspamd, dovecot lmtp, ...) and check its listening address"),
	}
	if len(c.e.siteLMTP) > 0 {
		steps = append(steps, say("for the LMTP server on this site's network: the address and port in virtual_transport, mailbox_transport or transport_maps (lmtp:inet:HOST:PORT) must be where its LMTP listener listens (Dovecot: service lmtp { inet_listener lmtp { port = ... } }, on an address the other host can reach, not only 127.0.0.1); Connection refused: the host is up and nothing listens on that port; in a container network, the name and port as the other containers see them, not a published host port"))
	}
	if conns > 0 {
		if step, ok := c.filterOffStep(f.Samples); ok {
			steps = append(steps, step)
		}
	}
	if sessions > 0 {
		steps = append(steps, say("a session that opens and then stalls or breaks: the service's processes are all busy or one died mid-message; its own log at that time says which; a content filter needs as many processes (amavis: $max_servers) as the maxproc of the master.cf transport that feeds it"))
	}
	if deferred > 0 {
		steps = append(steps, say("a 4xx from the service itself: its reply and its own log say what it lacks (a content filter whose virus or spam scanner is down, such as amavis's \"virus_scan FAILED\" while clamd is stopped); start what it needs, and Postfix delivers the deferred mail at the next retry"))
	}
	steps = append(steps,
		cmd("postconf content_filter virtual_transport mailbox_transport relayhost   # where Postfix sends mail"),
		cmd("ss -ltnx | head -40   # what listens here"),
	)
	return []Hint{{
		ID: sources.HintDaemonCrash, Severity: sev, Side: "host", Subject: "local service",
		Title:    "Host: a local service Postfix hands mail to does not answer",
		Evidence: ev,
		Samples:  samples,
		Steps:    steps,
		Cautions: []string{"this is not a firewall or remote problem: opening port 25 or changing limits does not help"},
		Impact:   c.perMinute(&f.Ring, f.Count) + c.perMinute(&s.Ring, s.Count) + c.perMinute(&d.Ring, d.Count),
	}}
}

// filterOffStep is the step for a content filter on loopback that the
// failed connections in samples went to and that may be off on purpose
// (removed, or turned off by a container image's setting) while
// content_filter still sends every message to it: where the
// configuration was read, the setting that names its port, and no step
// when none does; where it was not, the step in general words.
func (c *hintCtx) filterOffStep(samples []string) (Action, bool) {
	var ports []string
	for _, l := range samples {
		if _, ip := connectTarget(l); ip != "" {
			if _, _, loopback := addressPlace(ip); loopback {
				if p := connectPort(l); p > 0 && !slices.Contains(ports, strconv.Itoa(p)) {
					ports = append(ports, strconv.Itoa(p))
				}
			}
		}
	}
	if len(ports) == 0 {
		return Action{}, false
	}
	names := func(v string) bool {
		return slices.ContainsFunc(ports, func(p string) bool { return strings.HasSuffix(v, ":"+p) })
	}
	const off = "if that filter is meant to be off (amavis removed, or turned off by a container image's setting), Postfix still hands it every message while content_filter names it: empty it (postconf -e 'content_filter =' for main.cf; an -o content_filter= override in master.cf goes with postconf -P or an editor), then postfix reload; the deferred mail goes at its next retry, unscanned; if it is meant to run, start it"
	var where []string
	if c.cfg != nil {
		if v := strings.TrimSpace(c.cfg.Get("content_filter")); names(v) {
			where = append(where, "main.cf's content_filter = "+SanitizeLine(v))
		}
		for _, svc := range c.cfg.Services {
			if v := strings.TrimSpace(svc.Options["content_filter"]); names(v) {
				where = append(where, "master.cf's "+SanitizeLine(svc.Key())+" -o content_filter="+SanitizeLine(v))
			}
		}
	}
	if len(where) > 0 {
		return say(strings.Join(where, " and ") + " send mail to it: " + off), true
	}
	if c.masterKnown() {
		// Both files read, and neither names a filter there.
		return Action{}, false
	}
	return say(off), true
}

// localQueueClasses are the delay reasons that name the next hop the
// mail waits on: a connection that failed or a session that broke.
var localQueueClasses = []sources.Class{sources.ClassConnectRefused, sources.ClassConnectTimeout, sources.ClassUnreachable, sources.ClassLostConnection}

// localQueued counts the queued recipients whose delay reason names one of
// this host's own next hops (a content filter on loopback, a socket), and
// gives one such reason: the queue says a local service is down even when
// the log does not (a mailq pasted alone, a log that says nothing new).
func localQueued(q *sources.QueueSnapshot) (n int, reason string) {
	if q == nil {
		return 0, ""
	}
	for _, d := range q.Domains {
		for _, cl := range localQueueClasses {
			r := d.Samples[cl]
			if d.Classes[cl] == 0 || r == "" {
				continue
			}
			host, ip := connectTarget(r)
			if host == "" {
				host, ip = sessionTarget(r)
			}
			if host != "" && ownNextHop(host, ip) {
				n += d.Classes[cl]
				if reason == "" {
					reason = r
				}
			}
		}
	}
	return n, reason
}

// destConfigCriticalAt is how many deliveries failing for configuration,
// to several domains through one next hop, make ruleDestConfig's hint
// critical.
const destConfigCriticalAt = 20

// ruleDestConfig: deliveries fail for our own configuration (a domain
// that loops back to this host, a transport master.cf lacks).
func ruleDestConfig(c *hintCtx) []Hint {
	ds := c.classDests(sources.ClassConfigError)
	var n, local, bounced float64
	var names, samples, hops, agents []string
	for _, d := range ds {
		// Those a knowledge-base entry explained have its hint.
		m := d.Classes[sources.ClassConfigError] - d.KnownConfig
		if m <= 0 {
			continue
		}
		n += float64(m)
		bounced += float64(min(d.Bounced, m))
		local += float64(d.LocalConfig)
		for _, a := range d.LocalAgents {
			if !slices.Contains(agents, a) {
				agents = append(agents, a)
			}
		}
		if len(names) < 5 {
			names = append(names, d.Domain)
		}
		for _, h := range d.Hops {
			if h.Errors > 0 && h.LastClass == sources.ClassConfigError && h.Host != "" && !slices.Contains(hops, h.Host) {
				hops = append(hops, h.Host)
			}
		}
		for _, s := range destSamples(d, sources.ClassConfigError) {
			if len(samples) < 3 {
				samples = append(samples, s)
			}
		}
	}
	if !c.e.hints.gate(hintKey{rule: "dest_config"}, n, 1, 1) {
		return nil
	}
	kinds := configKinds(samples)
	sev := SevWarning
	if n >= destConfigCriticalAt && len(hops) == 1 && len(names) > 1 || bounced >= destConfigCriticalAt {
		// Mail to several domains fails at one next hop: the relayhost
		// (or a transport) refuses all that goes through it. Or mail
		// is returned to its senders, never retried.
		sev = SevCritical
	}
	ev := []string{fmt.Sprintf("%s failed for configuration; destinations: %s%s", nDeliveries(n), strings.Join(names, ", "), oneHop(hops, len(names)))}
	if slices.ContainsFunc(kinds, func(f *sources.ConfigFailure) bool { return f.Senders }) {
		if s := refusedSenders(c.e.Totals, hops); s != "" {
			ev = append(ev, s)
		}
	}
	h := Hint{
		ID: sources.HintConfigError, Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    destConfigTitle(kinds),
		Evidence: ev,
		Samples:  samples,
		Steps:    destConfigSteps(kinds),
		Cautions: []string{destConfigCaution},
		Impact:   c.perMinute(&c.e.ClassRing[sources.ClassConfigError], c.e.Classes[sources.ClassConfigError]),
	}
	// Deliveries that an agent made on this host failed here: the
	// command it ran, the file it wrote, its own configuration.
	if local == n {
		slices.Sort(agents)
		named := make([]string, len(agents))
		for i, a := range agents {
			named[i] = a + "(8)"
		}
		h.Side = "host"
		h.Title = "Host: deliveries by " + strings.Join(named, ", ") + " fail on this host's own configuration, command or file"
		for _, a := range agents {
			h.Steps = slices.Insert(h.Steps, len(h.Steps)-1, say(localAgents[a]))
		}
	}
	return []Hint{h}
}

// localAgents are the delivery agents that deliver on this host itself,
// with where their failures come from.
var localAgents = map[string]string{
	"local":   "local(8) delivered on this host: it runs an aliases(5) or .forward \"| command\" and writes a \"/file\" as the owner of the alias file (default_privs when root owns it) or of the .forward, and only from the sources allow_mail_to_commands and allow_mail_to_files allow; run the command by hand as that user, and check the file's permissions and those of every directory above it",
	"pipe":    "pipe(8) delivered on this host: it runs the command of the master.cf entry that relay= names, as that entry's user=; postconf -M shows the entry; run its command by hand as that user with a test message",
	"virtual": "virtual(8) delivered on this host: it writes the mailbox under virtual_mailbox_base as the user virtual_uid_maps and virtual_gid_maps give the recipient; check that user's permissions on the mailbox and every directory above it",
}

// refusedSenders is the evidence naming the envelope senders whose mail
// a relay refused for their domain, and those domains: what the relay's
// owner must register, or this host must stop sending through it. hops
// are the next hops that refused; "" when no sender is known.
func refusedSenders(t *Totals, hops []string) string {
	if len(t.RefusedSenders) == 0 {
		return ""
	}
	ss := slices.Clone(t.RefusedSenders)
	slices.SortStableFunc(ss, func(a, b SenderCount) int { return b.N - a.N })
	var named, domains []string
	for _, s := range ss {
		if len(named) < 5 {
			named = append(named, fmt.Sprintf("%q (%d)", s.Sender, s.N))
		}
		_, dom, _ := strings.Cut(s.Sender, "@")
		dom = strings.ToLower(dom)
		if PlausibleDomain(dom) && !slices.Contains(domains, dom) {
			domains = append(domains, dom)
		}
	}
	by := "the relay"
	if len(hops) == 1 {
		by = hops[0]
	}
	out := fmt.Sprintf("%s refused the mail of envelope senders %s", by, strings.Join(named, ", "))
	if more := len(ss) - len(named); more > 0 {
		out += fmt.Sprintf(" and %d more", more)
	}
	if t.SendersUnknown > 0 {
		out += fmt.Sprintf("; %d more refusals whose sender is not known", t.SendersUnknown)
	}
	if len(domains) > 0 {
		out += "; their domains: " + strings.Join(domains, ", ")
	}
	return out
}

// oneHop names the next hop that all failing destinations' deliveries
// went through, when there were several destinations and one hop (the
// relayhost): it refuses, whatever the recipients' domains.
func oneHop(hops []string, dests int) string {
	if len(hops) != 1 || dests < 2 {
		return ""
	}
	return "; all through one next hop, " + hops[0]
}

// destConfigCaution is what a fix does not undo: these failures are
// deliveries, not a service's fatal error.
const destConfigCaution = "mail these failures bounced is not retried after the fix (its senders have the bounce); deferred mail is, at the queue's next run, or at once with postqueue -f"

// destConfigTitle names the hint: the one kind of failure the samples
// show (kinds), when that kind has a title of its own, else this host's
// configuration.
func destConfigTitle(kinds []*sources.ConfigFailure) string {
	if len(kinds) == 1 && kinds[0].Title != "" {
		return kinds[0].Title
	}
	return "Outbound: deliveries fail on this host's own configuration"
}

// configKinds are the kinds of configuration failure the samples show.
func configKinds(samples []string) []*sources.ConfigFailure {
	var kinds []*sources.ConfigFailure
	for i := range sources.ConfigFailures {
		f := &sources.ConfigFailures[i]
		if slices.ContainsFunc(samples, func(s string) bool { return containsAny(strings.ToLower(s), f.Words) }) {
			kinds = append(kinds, f)
		}
	}
	return kinds
}

// destConfigSteps are the advice of the kinds of configuration failure
// the samples show (all of them when they show none), and the parameters
// those name.
func destConfigSteps(kinds []*sources.ConfigFailure) []Action {
	if len(kinds) == 0 {
		for i := range sources.ConfigFailures {
			kinds = append(kinds, &sources.ConfigFailures[i])
		}
	}
	var steps []Action
	var params []string
	for _, f := range kinds {
		steps = append(steps, say(f.Advice))
		for _, p := range f.Params {
			if !slices.Contains(params, p) {
				params = append(params, p)
			}
		}
	}
	return append(steps, cmd(shellCmd("postconf", params...)))
}

// restrictionLists are smtpd's restriction lists: a bare reject or an
// access table (check_*) in one of them, or a restriction class, can
// answer with the generic "Access denied".
var restrictionLists = [...]string{"smtpd_client_restrictions", "smtpd_helo_restrictions", "smtpd_sender_restrictions",
	"smtpd_relay_restrictions", "smtpd_recipient_restrictions", "smtpd_data_restrictions",
	"smtpd_end_of_data_restrictions", "smtpd_etrn_restrictions"}

// unnamedSubmission names the master.cf submission service (port 587 or
// 465) that logs under smtpd's own syslog name and refuses clients that
// did not log in (permit_sasl_authenticated in its client restrictions,
// then a reject), when it alone can answer "Access denied" to a client on
// the Internet: main.cf's lists hold no bare reject, no access table and
// no restriction class, and every other smtpd with lists of its own is
// named otherwise or listens on loopback only. Otherwise "".
func unnamedSubmission(cfg *sources.Config) string {
	if cfg == nil || len(cfg.Services) == 0 || strings.TrimSpace(cfg.Get("smtpd_restriction_classes")) != "" {
		return ""
	}
	for _, l := range restrictionLists {
		if mayDenyAccess(cfg, cfg.Get(l), 0) {
			return ""
		}
	}
	found := ""
	for _, svc := range cfg.Services {
		if svc.Command != "smtpd" {
			continue
		}
		denies := strings.TrimSpace(svc.Options["smtpd_restriction_classes"]) != ""
		for _, l := range restrictionLists {
			if v, ok := svc.Options[l]; ok && mayDenyAccess(cfg, v, 0) {
				denies = true
			}
		}
		host, port := splitService(svc.Name)
		switch {
		case !denies, svc.Options["syslog_name"] != "" && svc.Options["syslog_name"] != "postfix",
			host == "localhost" || strings.HasPrefix(host, "127.") || host == "[::1]":
			continue
		case svc.Type == "inet" && slices.Contains([]string{"submission", "587", "smtps", "submissions", "465"}, port) &&
			slices.Contains(restrictionTokens(cfg, svc.Options["smtpd_client_restrictions"], 0), "permit_sasl_authenticated"):
			found = svc.Name
		default:
			return ""
		}
	}
	return found
}

// splitService parts a master.cf inet service name into host and port.
func splitService(name string) (host, port string) {
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// mayDenyAccess tells whether a restriction list may answer with the
// generic "Access denied": a bare reject, an access table or policy
// service (check_*), or a reference it cannot follow.
func mayDenyAccess(cfg *sources.Config, list string, depth int) bool {
	for _, t := range restrictionTokens(cfg, list, depth) {
		if t == "reject" || strings.HasPrefix(t, "check_") || t == deepReference {
			return true
		}
	}
	return false
}

// deepReference stands for a reference restrictionTokens does not follow.
const deepReference = "$"

// restrictionTokens splits a restriction list into its words, lower case,
// with $name references replaced by their values' words; a reference
// nested too deep stands as deepReference.
func restrictionTokens(cfg *sources.Config, list string, depth int) []string {
	var out []string
	for _, t := range listItems(list) {
		t = strings.Trim(t, "{}")
		if name, ok := strings.CutPrefix(t, "$"); ok {
			name = strings.Trim(name, "{}()")
			if depth > 4 {
				out = append(out, deepReference)
				continue
			}
			out = append(out, restrictionTokens(cfg, cfg.Get(name), depth+1)...)
			continue
		}
		out = append(out, strings.ToLower(t))
	}
	return out
}

// entryRank orders a hint's entries: causes, then messages normal in small
// numbers, then consequences, then everyday noise (guessed recipients
// refused as unknown), which is no failure and must not lead a hint that
// has one.
func entryRank(k *sources.Known) int {
	return 4*b2i(k.Noise) + 2*b2i(k.Consequence) + b2i(k.Calm)
}

// listsShare tells whether two list parameters (mydestination,
// virtual_mailbox_domains) hold a name in common, compared as Postfix
// does, without case or a final dot. known is false when either cannot be
// read as plain names: a reference not expanded, or a lookup table, whose
// keys are not in the configuration.
func listsShare(cfg *sources.Config, a, b string) (shared, known bool) {
	names := func(param string) (map[string]bool, bool) {
		v, ok := cfg.Expanded(param)
		if !ok {
			return nil, false
		}
		out := map[string]bool{}
		for _, f := range listItems(v) {
			if strings.ContainsAny(f, ":/") {
				return nil, false
			}
			out[strings.TrimSuffix(strings.ToLower(f), ".")] = true
		}
		return out, true
	}
	x, okx := names(a)
	y, oky := names(b)
	if !okx || !oky {
		return false, false
	}
	for n := range x {
		if y[n] {
			return true, true
		}
	}
	return false, true
}

// serviceOverrides names, as postconf -P takes them
// ("submission/inet/smtpd_sasl_auth_enable"), up to max of the -o
// settings in master.cf of the parameters params; services with names no
// command may hold are left out.
func serviceOverrides(cfg *sources.Config, params []string, max int) []string {
	if cfg == nil {
		return nil
	}
	var out []string
	for _, svc := range cfg.Services {
		if !plausibleService(svc.Name) || !plausibleService(svc.Type) {
			continue
		}
		for _, p := range params {
			if _, ok := svc.Options[p]; ok && len(out) < max {
				out = append(out, svc.Key()+"/"+p)
			}
		}
	}
	return out
}

// milterMeanwhile says what happens to mail while a milter fails, by
// milter_default_action's value (tempfail when unset, Postfix's default).
var milterMeanwhile = map[string]string{
	"accept":     "milter_default_action = accept: meanwhile mail goes on without the milter: unsigned by a DKIM signer (receivers that check DMARC may refuse it), unscanned by a spam or virus filter",
	"tempfail":   "milter_default_action = tempfail: meanwhile every message the milter would see is deferred (4xx), and waits with its sender or in the queue",
	"reject":     "milter_default_action = reject: meanwhile every message the milter would see is refused (5xx), and its sender gets it back",
	"quarantine": "milter_default_action = quarantine: meanwhile mail is accepted and put on hold (postqueue -p marks it '!'), until postsuper -H releases it",
}
