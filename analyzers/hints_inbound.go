package analyzers

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// refusedJudge is who the outside clients a per-client limit refused are:
// senders a postmaster exempts or raises the limit for, clients the limit
// is there to stop, and those the log says nothing of.
type refusedJudge struct {
	outside int
	// legit are the clients known to send: they delivered mail here (a SASL login's submissions too), are a big
	// mail provider's servers by the name smtpd verified, or are in
	// mynetworks; most refused first.
	legit  []string
	proven int // of legit, those that sent mail here
	// failed postscreen's tests; unnamed had no reverse DNS (smtpd
	// named them "unknown"); neither count those that proved themselves.
	failed, unnamed int
	// abusers abused this server (ClientDeeds.Abusive): failed logins,
	// mail refused for content; most refused first.
	abusers []string
	// senders counts the networks (clientNetwork) of the clients that
	// may be senders, legit or not judged: a few clients of one network
	// are one operator, not a spread of senders the limit is low for.
	senders int
	// cluster is the one network every refused outside client not
	// known to send is in, when there are several of them.
	cluster string
	// evidenced says the log has something to judge by: some client
	// passed postscreen or sent mail, or a refused one failed.
	evidenced bool
}

// judgeRefused judges the clients in refused (address -> refusals),
// leaving out this site's private addresses and the count past the bound.
//
// On a submission service (submission is true) the clients are this
// site's users' mail programs, which log in: one whose login worked is a
// sender, and a missing reverse name, usual for the addresses users send
// from, counts for nothing.
func (c *hintCtx) judgeRefused(refused map[string]int, submission bool) refusedJudge {
	var j refusedJudge
	var unjudged, others []string
	for ip := range refused {
		if isLocal(ip) || ip == OtherDomain {
			continue
		}
		j.outside++
		d := c.e.Inbound.Deeds[ip]
		switch {
		case d.Abusive():
			// Whatever else it did: an exemption would lift its AUTH
			// rate limit too.
			j.abusers = append(j.abusers, ip)
			others = append(others, ip)
		case d.Proven():
			j.proven++
			j.legit = append(j.legit, ip)
		case d != nil && d.Failed > 0:
			j.failed++
			others = append(others, ip)
		case c.e.Totals.listedOwn(ip), d != nil && d.Provider, submission && d != nil && d.LoginsOK > 0:
			j.legit = append(j.legit, ip)
		case d != nil && d.Unnamed && !d.Named && !submission:
			j.unnamed++
			others = append(others, ip)
		default:
			unjudged = append(unjudged, ip)
			others = append(others, ip)
		}
	}
	for _, l := range [][]string{j.legit, j.abusers} {
		sort.Slice(l, func(a, b int) bool {
			if x, y := refused[l[a]], refused[l[b]]; x != y {
				return x > y
			}
			return l[a] < l[b]
		})
	}
	j.evidenced = c.e.Inbound.Vouched > 0 || j.failed > 0 || len(j.abusers) > 0
	nets := map[string]bool{}
	for _, ip := range j.legit {
		nets[clientNetwork(ip)] = true
	}
	if !j.evidenced {
		// Nothing in the log tells a sender: a client with a name and
		// nothing against it may be one.
		for _, ip := range unjudged {
			nets[clientNetwork(ip)] = true
		}
	}
	j.senders = len(nets)
	if len(others) >= 2 {
		j.cluster = clientNetwork(others[0])
		for _, ip := range others[1:] {
			if clientNetwork(ip) != j.cluster {
				j.cluster = ""
				break
			}
		}
	}
	return j
}

// evidence says how the refused outside clients were judged.
func (j *refusedJudge) evidence(c *hintCtx) []string {
	if j.outside == 0 {
		return nil
	}
	var ev []string
	if j.evidenced {
		abused := ""
		if len(j.abusers) > 0 {
			abused = fmt.Sprintf(", %d abused it (failed logins, mail refused for content)", len(j.abusers))
		}
		ev = append(ev, fmt.Sprintf("outside clients refused: %d, of them %d sent mail here, %d failed postscreen's tests (PREGREET, DNSBL rank, HANGUP, COMMAND PIPELINING and the like)%s", j.outside, j.proven, j.failed, abused))
	}
	for i, ip := range j.abusers {
		if i == 2 {
			break
		}
		ev = append(ev, ip+": "+c.e.Inbound.Deeds[ip].abuse()+": abuse the limit holds back, not a sender to exempt")
	}
	if j.unnamed > 0 {
		ev = append(ev, fmt.Sprintf("%d without reverse DNS (smtpd names them unknown) and with no mail accepted from them", j.unnamed))
	}
	if j.cluster != "" {
		ev = append(ev, "the refused clients not known to send are all in one network, "+j.cluster+": one operator's, not a spread of senders")
	}
	shown := 0
	for _, ip := range j.legit {
		d := c.e.Inbound.Deeds[ip]
		if shown == 2 {
			break
		}
		var did string
		switch {
		case d != nil && d.Accepted > 0:
			did = fmt.Sprintf("sent %d message%s here", d.Accepted, plural(d.Accepted))
		case d != nil && d.Provider:
			did = "is a big mail provider's server"
		default:
			did = "is in mynetworks"
		}
		ev = append(ev, ip+" "+did+": a sender the limit delays")
		shown++
	}
	return ev
}

// providerSenders are the domains under which big mailbox providers name
// their outbound servers: a client smtpd verified by such a name is a
// sender whose refusals delay real mail. Not an access provider's domain
// (comcast.net names its customers' machines too), nor a bulk sender's
// that anyone who pays sends through.
var providerSenders = []string{
	"google.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "aol.com",
	"icloud.com", "me.com", "gmx.net", "web.de", "yandex.net", "mail.ru", "protonmail.ch", "proton.me",
}

// providerSender tells a client name under one of providerSenders.
func providerSender(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	for _, p := range providerSenders {
		if strings.HasSuffix(name, "."+p) {
			return true
		}
	}
	return false
}

// clientNetwork is the network a client address is one operator's by:
// its /24, or /48 for IPv6; "" for what is no address.
func clientNetwork(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Zone() != "" {
		return ""
	}
	a = a.Unmap()
	bits := 24
	if a.Is6() {
		bits = 48
	}
	p, err := a.Prefix(bits)
	if err != nil {
		return ""
	}
	return p.String()
}

// countLimits are the per-client limits on simultaneous connections, each
// of which holds a process (smtpd, or postscreen's slot before one): a
// raise of these is bounded by the processes (countCeiling).
var countLimits = map[string]bool{
	anvilLimits[connectionsLimit].Param: true,
	anvilLimits[postscreenLimit].Param:  true,
}

// processCeiling bounds a per-client count limit: Postfix's defaults keep
// it at half of the processes that serve the clients (50 of
// default_process_limit 100), so that no one client takes every process
// and a flood the limit stops cannot shut out every other sender.
type processCeiling struct {
	ceiling, procs int // procs is 0 when no process limit bounds the service
	what, where    string
}

// countCeiling is the ceiling of service s's per-client count limit
// (svcName in master.cf): its smtpd processes, or for postscreen those of
// the smtpd behind it or postscreen's pre-queue slots, the fewer.
func (c *hintCtx) countCeiling(s *ServiceLimit, svcName string) processCeiling {
	if s.Service == postscreenService {
		procs, where := c.processesOf(c.e.Inbound.Services["smtpd"], "smtpd", "pass")
		what := "smtpd processes behind postscreen"
		pre, ok := c.cfg.Int("postscreen_pre_queue_limit")
		if svc, found := c.cfg.Service(svcName, "inet"); found {
			if v, set := svc.Options["postscreen_pre_queue_limit"]; set {
				_, err := fmt.Sscan(v, &pre)
				ok = err == nil
			}
		}
		if ok && pre > 0 && (procs == 0 || pre < procs) {
			procs, what, where = pre, "slots postscreen holds clients in", "postscreen_pre_queue_limit"
		}
		return processCeiling{procs / 2, procs, what, where}
	}
	procs, where := c.processesOf(s, svcName, "inet", "pass")
	return processCeiling{procs / 2, procs, "smtpd processes of " + SanitizeLine(svcName), where}
}

// processesOf is the process limit of master.cf service name (of the
// first of types it has) and where it comes from: master.cf when read,
// else the master's warning (s), else default_process_limit; 0 for none.
func (c *hintCtx) processesOf(s *ServiceLimit, name string, types ...string) (int, string) {
	for _, typ := range types {
		if svc, ok := c.cfg.Service(name, typ); ok {
			if svc.MaxProcRaw != "-" {
				return svc.MaxProc, SanitizeLine(svc.Key()) + " process_limit"
			}
			break
		}
	}
	if !c.masterKnown() && s != nil && s.MaxProc > 0 {
		return s.MaxProc, SanitizeLine(s.Service) + " process_limit, as the master logged it"
	}
	n, ok := c.cfg.Int("default_process_limit")
	if !ok || c.cfg == nil {
		// Not known: the default, 100, the least that a raise past half
		// of it must not pass.
		return 100, "default_process_limit, 100 by default"
	}
	return n, "default_process_limit"
}

// words say why a per-client count limit at cur stays there.
func (p processCeiling) words(param string, cur int) string {
	at := fmt.Sprintf("it is %d, half of the %d %s (%s)", cur, p.procs, p.what, p.where)
	if cur > p.ceiling {
		at = fmt.Sprintf("it is %d, already past %d, half of the %d %s (%s)", cur, p.ceiling, p.procs, p.what, p.where)
	}
	return "do not raise " + param + ": " + at + "; higher, one client can take every one of them and shut out all other senders; to give each client more, first raise that process limit, if memory allows, then this one to at most half of it"
}

// listedOwn tells a client address in mynetworks' networks as written;
// unlike ownNetwork, a table or file in mynetworks makes no client one.
func (t *Totals) listedOwn(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range t.own {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// floodWords are the steps for outside clients the limit stops that the
// log shows are no senders: the limit works; block them, or their one
// network; exempt only senders known (smtpd's limits only: postscreen
// counts a client's connections before its access list).
func (j *refusedJudge) floodWords(clients []string, postscreen bool) []Action {
	var why []string
	if j.unnamed > 0 {
		why = append(why, "have no reverse DNS")
	}
	if j.failed > 0 {
		why = append(why, "failed postscreen's tests")
	}
	if len(j.abusers) > 0 {
		why = append(why, "failed logins or had their mail refused for content")
	}
	if j.evidenced {
		why = append(why, "sent no mail here")
	}
	acts := []Action{say("the limit is working: the clients it refuses " + strings.Join(why, ", ") + "; raising it would only let each take more connections")}
	if j.cluster != "" {
		acts = append(acts, say("they are all in "+j.cluster+": once whois shows it is no mail provider's network, refuse it whole, with \""+j.cluster+" REJECT\" in a cidr: table that check_client_access reads in smtpd_client_restrictions, or \""+j.cluster+" reject\" in postscreen_access_list's cidr: table; or ban the worst of them with a fail2ban postfix jail"))
	} else if len(clients) > 0 && PlausibleIP(clients[0]) {
		acts = append(acts, say("at most, ban the worst of them at the firewall or with a fail2ban postfix jail: "+strings.Join(clients, ", ")))
	}
	if !postscreen {
		acts = append(acts, say("exempt only senders you know and trust: add their addresses to the list postconf smtpd_client_event_limit_exceptions prints, never raise the limit for these"))
	}
	return acts
}

// orRaise is the sentence that offers, beside an exemption, to raise
// param for every client: as far as the ceiling allows, for a count limit.
func (p processCeiling) orRaise(c *hintCtx, svcName, param string, cur int) string {
	inForce, _ := c.configuredLimit(svcName, param)
	switch {
	case !countLimits[param] || p.procs == 0:
		return "or raise " + param + " for everyone, if such senders are many"
	case p.ceiling <= max(cur, inForce):
		return p.words(param, max(cur, inForce))
	}
	return fmt.Sprintf("or raise %s for everyone, if such senders are many, to at most %d: half of the %d %s (%s)", param, p.ceiling, p.procs, p.what, p.where)
}

// maxExempted is the most clients one exemption lists: past that many
// senders, a list by address is no longer what a postmaster keeps.
const maxExempted = 5

// abuse says what an Abusive client did, in the log's terms: its
// messages refused for content, its failed logins.
func (d *ClientDeeds) abuse() string {
	var parts []string
	if d.Refused > 0 {
		parts = append(parts, fmt.Sprintf("%d message%s taken and then refused for content", d.Refused, plural(d.Refused)))
	}
	if d.LoginsFailed > 0 {
		w := fmt.Sprintf("%d failed login%s", d.LoginsFailed, plural(d.LoginsFailed))
		switch {
		case d.AuthLimited:
			w += ", held back by smtpd_client_auth_rate_limit"
		case d.LoginsOK == 0:
			w += " and none that worked"
		}
		parts = append(parts, w)
	}
	if d.Accepted > 0 {
		parts = append(parts, fmt.Sprintf("%d message%s queued", d.Accepted, plural(d.Accepted)))
	}
	return strings.Join(parts, "; ")
}

// noExemption is the sentence that says why the Abusive client ip, which
// did d, gets no exemption from anvil's limits.
func noExemption(ip string, d *ClientDeeds) Action {
	var free []string
	if d.LoginsFailed > 0 {
		free = append(free, "guess passwords")
	}
	if d.Refused > 0 && d.Accepted == 0 {
		free = append(free, "send mail the content checks refuse")
	}
	return say("do not exempt " + ip + " from the limits: an exemption lifts every smtpd_client_*_limit for it, smtpd_client_auth_rate_limit included, and lets it " + strings.Join(free, " and ") + " without any throttle")
}
