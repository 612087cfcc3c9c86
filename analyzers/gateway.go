package analyzers

import (
	"net/netip"
	"strings"
	"time"

	"mxtop/sources"
)

// Gateway watches the Internet-facing smtp service (port 25: postscreen,
// and the smtpd whose syslog name is the smtp service's) for clients that
// arrive as one private address: a container bridge's gateway, Docker's
// userland proxy, a NAT router or VPN in front of Postfix. Postfix then
// judges that address for every client: permit_mynetworks and postscreen's
// access list trust strangers, SPF, DNSBL and reverse-DNS checks look at
// the gateway, anvil and postscreen count every client as one.
//
// The state is a fixed handful of addresses with a few counters each, and
// a bounded table of the queue ids those addresses handed in, so a log
// naming millions of clients costs no more.
type Gateway struct {
	slots []*gatewayAddr
	// pending maps the queue ids a private client handed in on the smtp
	// service without a login to that client, until the message leaves.
	pending map[string]gatewayMsg
	// Every client's connections to postscreen, which fronts the port-25
	// service. smtpd's connects are not read: a connect names only the
	// client, and reading it for every connection costs more than what
	// it adds to the mail a client hands in and the refusals it gets.
	PostscreenConns int
}

// gatewayAddr is what one private client address did on port 25.
type gatewayAddr struct {
	addr       string
	postscreen int // postscreen CONNECTs from it
	passed     int // postscreen PASS NEW/OLD, WHITELISTED/ALLOWLISTED
	refused    int // the smtp service's rejects of it
	accepted   int // messages the smtp service took from it without a login
	relayed    int // of those, deliveries by the smtp client to another domain
	spf        int // SPF verdicts naming it as the client
	// domains are the first few sender domains of its mail.
	domains [maxGatewayDomains]string
	// lastRelay is the last relayed message's "sender domain → recipient
	// domain".
	lastRelay string
	samples   []string
	last      time.Time
}

// gatewayMsg is a message a private client handed in.
type gatewayMsg struct {
	addr, senderDomain string
}

const (
	maxGatewayAddrs   = 16
	maxGatewayPending = 256
	maxGatewayDomains = 4
)

// sharedAddressSpace is RFC 6598's 100.64.0.0/10 (carrier-grade NAT,
// VPNs such as Tailscale), which netip's IsPrivate leaves out.
var sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10")

// gatewayAddress tells a client address that stands for a gateway, NAT or
// proxy: RFC 1918 and unique local IPv6 (fc00::/7), as IsPrivate says,
// and the shared address space, IPv4-mapped forms included; nothing with
// a zone. Loopback (a content filter's reinjection) and link-local alone
// never do.
func gatewayAddress(ip string) bool {
	if !maybeGateway(ip) {
		return false
	}
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Zone() != "" {
		return false
	}
	a = a.Unmap()
	return a.IsPrivate() || sharedAddressSpace.Contains(a)
}

// maybeGateway tells, from its first characters, an address that may
// pass gatewayAddress: it runs for every client postscreen or smtpd
// names, and most clients' addresses are public, which it turns away
// without parsing them.
func maybeGateway(ip string) bool {
	if len(ip) < 3 {
		return false
	}
	switch ip[0] {
	case '1':
		return strings.HasPrefix(ip, "10.") || strings.HasPrefix(ip, "172.") ||
			strings.HasPrefix(ip, "192.168.") || strings.HasPrefix(ip, "100.")
	case 'f', 'F':
		return ip[1]|0x20 == 'c' || ip[1]|0x20 == 'd'
	case ':', '0':
		return true // IPv4-mapped forms
	}
	return false
}

// postscreenClientWords start postscreen's lines for a client it took on
// (CONNECT) or let through to smtpd (PASS, and a permanent access-list
// entry; Postfix 3.6 says ALLOWLISTED where older ones said WHITELISTED).
var postscreenClientWords = []struct {
	prefix  string
	connect bool
}{
	{"CONNECT from ", true},
	{"PASS NEW ", false},
	{"PASS OLD ", false},
	{"WHITELISTED ", false},
	{"ALLOWLISTED ", false},
}

// port25SyslogNames are the last elements of an smtpd's syslog name that
// mean master.cf's smtp service: the default syslog_name (postfix, or an
// instance's postfix-in), which has no service element, and an explicit
// smtp. submission, smtps and a reinjection service name their own.
var port25SyslogNames = []string{"", "smtp"}

// smtpService tells a record of the smtpd of the Internet-facing smtp
// service.
func smtpService(r *sources.Record) bool {
	if r.Daemon != "smtpd" {
		return false
	}
	name := r.SyslogName
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	} else {
		name = ""
	}
	for _, n := range port25SyslogNames {
		if name == n {
			return true
		}
	}
	return false
}

// spfKeys are where an SPF policy service names the client address and
// the envelope sender: policyd-spf's Received-SPF header
// ("client-ip=ADDR; ... envelope-from=SENDER;") and its reject's
// explanation URL ("Why?s=mfrom;id=SENDER;ip=ADDR;r=...").
var (
	spfClientKeys = []string{"client-ip=", ";ip="}
	spfSenderKeys = []string{"envelope-from=", ";id="}
)

// NewGateway returns an empty tracker.
func NewGateway() *Gateway { return &Gateway{} }

// Feed takes any record and keeps the port-25 service's private clients.
// cfg, when read, says which domains are this host's own.
func (g *Gateway) Feed(r *sources.Record, cfg *sources.Config) {
	switch r.Event {
	case sources.EvPostscreen:
		g.postscreen(r)
	case sources.EvClient:
		if r.SASLUser == "" && gatewayAddress(r.ClientIP) && smtpService(r) {
			s := g.slot(r.ClientIP, r)
			s.accepted++
			if r.QueueID != "" && len(g.pending) < maxGatewayPending {
				if g.pending == nil {
					g.pending = map[string]gatewayMsg{}
				}
				g.pending[strings.Clone(r.QueueID)] = gatewayMsg{addr: s.addr}
			}
		}
	case sources.EvQmgr:
		if len(g.pending) == 0 {
			return
		}
		if m, ok := g.pending[r.QueueID]; ok {
			m.senderDomain = strings.ToLower(domainOf(r.From))
			g.pending[r.QueueID] = m
			if s := g.find(m.addr); s != nil {
				s.addDomain(m.senderDomain)
			}
		}
	case sources.EvDelivery:
		if len(g.pending) == 0 {
			return
		}
		if m, ok := g.pending[r.QueueID]; ok && r.Daemon == "smtp" {
			g.delivered(r, m, cfg)
		}
	case sources.EvRemoved, sources.EvExpired:
		if len(g.pending) > 0 {
			delete(g.pending, r.QueueID)
		}
	case sources.EvReject:
		switch {
		case gatewayAddress(r.ClientIP) && smtpService(r):
			s := g.slot(r.ClientIP, r)
			s.refused++
			if spfVerdict(r.Message) {
				s.spf++
			}
			// smtpd's reject ends "; from=<SENDER> to=<RECIPIENT> ...".
			if i := strings.LastIndex(r.Message, "; from=<"); i >= 0 {
				s.addDomain(envelopeDomain(r.Message[i+len("; from=<"):]))
			}
		case r.Daemon == "cleanup":
			g.cleanup(r)
		}
	case sources.EvCleanup:
		g.cleanup(r)
	case sources.EvOther:
		g.spfLine(r)
	}
}

// postscreen counts postscreen's connections and passes.
func (g *Gateway) postscreen(r *sources.Record) {
	for _, w := range postscreenClientWords {
		if !strings.HasPrefix(r.Message, w.prefix) {
			continue
		}
		if w.connect {
			g.PostscreenConns++
		}
		// The message names the client right after these words
		// ("[ADDR]:PORT"), in text just read: most clients are public,
		// and those are turned away without reading the record's field.
		if rest := r.Message[len(w.prefix):]; rest != "" && rest[0] == '[' && !maybeGateway(rest[1:]) {
			return
		}
		if gatewayAddress(r.ClientIP) {
			s := g.slot(r.ClientIP, r)
			if w.connect {
				s.postscreen++
			} else {
				s.passed++
			}
		}
		return
	}
}

// delivered judges a delivery of a message a private client handed in
// without a login: the smtp client sending it on to a remote next hop,
// for a sender of another domain than the recipient's, neither of them
// this host's own (when the configuration says which are), is relaying.
func (g *Gateway) delivered(r *sources.Record, m gatewayMsg, cfg *sources.Config) {
	rcpt := strings.ToLower(r.Domain)
	if m.senderDomain == "" || rcpt == "" || rcpt == m.senderDomain || ownNextHop(r.RelayHost, r.RelayIP) {
		return
	}
	s := g.find(m.addr)
	if s == nil || ownDomain(cfg, m.senderDomain) || ownDomain(cfg, rcpt) {
		return
	}
	s.relayed++
	if PlausibleDomain(m.senderDomain) && PlausibleDomain(rcpt) {
		s.lastRelay = m.senderDomain + " → " + rcpt
	}
	s.last = r.Time
	addSample(&s.samples, r.Line)
}

// cleanup reads cleanup's header, body and milter lines about a message,
// which end "from NAME[ADDR]; from=<SENDER> to=<RECIPIENT> ...": the
// sender's domain counts for that client.
func (g *Gateway) cleanup(r *sources.Record) {
	// Every message's "message-id=" line is no such line.
	if r.Daemon != "cleanup" || strings.HasPrefix(r.Message, "message-id=") {
		return
	}
	i := strings.Index(r.Message, "; from=<")
	if i < 0 {
		return
	}
	head := r.Message[:i]
	j := strings.LastIndex(head, " from ")
	if j < 0 || !strings.HasSuffix(head, "]") {
		return
	}
	client := head[j+len(" from "):]
	k := strings.LastIndexByte(client, '[')
	if k < 0 {
		return
	}
	ip := client[k+1 : len(client)-1]
	if !gatewayAddress(ip) {
		return
	}
	s := g.slot(ip, r)
	s.addDomain(envelopeDomain(r.Message[i+len("; from=<"):]))
}

// envelopeDomain is the lower-cased domain of the sender that starts s
// and ends at its '>'.
func envelopeDomain(s string) string {
	if e := strings.IndexByte(s, '>'); e >= 0 {
		return strings.ToLower(domainOf(s[:e]))
	}
	return ""
}

// spfLine reads an SPF policy service's line (policyd-spf's own) for a
// verdict on a private client address.
func (g *Gateway) spfLine(r *sources.Record) {
	if !strings.Contains(strings.ToLower(r.Program), "spf") {
		return
	}
	ip := spfValue(r.Message, spfClientKeys)
	if !gatewayAddress(ip) || !spfVerdict(r.Message) {
		return
	}
	s := g.slot(ip, r)
	s.spf++
	s.addDomain(strings.ToLower(domainOf(spfValue(r.Message, spfSenderKeys))))
}

// spfValue is the value after the first of keys in msg, up to a ';', a
// space or the end.
func spfValue(msg string, keys []string) string {
	for _, k := range keys {
		i := strings.Index(msg, k)
		if i < 0 {
			continue
		}
		v := msg[i+len(k):]
		if e := strings.IndexAny(v, "; "); e >= 0 {
			v = v[:e]
		}
		return v
	}
	return ""
}

// spfVerdict tells a line with an SPF verdict other than a pass: a pass
// for a private address means the domain lists it, a host of its own.
func spfVerdict(msg string) bool {
	low := strings.ToLower(msg)
	if !strings.Contains(low, "spf") && !strings.Contains(low, "identity=") {
		return false
	}
	return !strings.Contains(low, "received-spf: pass") && !strings.HasPrefix(low, "pass")
}

// ownDomainParams are the parameters that list the domains this host
// receives mail for, or relays to as their gateway.
var ownDomainParams = []string{"myhostname", "mydomain", "mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains"}

// ownDomain tells a domain the configuration names in ownDomainParams
// (a table's contents are not read; a name written in the parameter is).
func ownDomain(cfg *sources.Config, d string) bool {
	if cfg == nil {
		return false
	}
	for _, p := range ownDomainParams {
		for _, w := range listItems(cfg.Get(p)) {
			if strings.EqualFold(strings.TrimSuffix(w, "."), d) {
				return true
			}
		}
	}
	return false
}

// domainOf is the domain of an address, "" without one.
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return ""
}

// addDomain notes a sender domain, while there is room.
func (s *gatewayAddr) addDomain(d string) {
	if !PlausibleDomain(d) {
		return
	}
	for i, have := range s.domains {
		if have == d {
			return
		}
		if have == "" {
			s.domains[i] = strings.Clone(d)
			return
		}
	}
}

// nDomains is how many sender domains it was seen with.
func (s *gatewayAddr) nDomains() int {
	n := 0
	for _, d := range s.domains {
		if d != "" {
			n++
		}
	}
	return n
}

// activity ranks the addresses for eviction.
func (s *gatewayAddr) activity() int {
	return s.postscreen + s.passed + s.refused + s.accepted + s.relayed + s.spf
}

func (g *Gateway) find(ip string) *gatewayAddr {
	for _, s := range g.slots {
		if s.addr == ip {
			return s
		}
	}
	return nil
}

// slot is ip's entry, made when new: the least active address makes room
// when all are taken, so the busiest stay.
func (g *Gateway) slot(ip string, r *sources.Record) *gatewayAddr {
	s := g.find(ip)
	if s == nil {
		s = &gatewayAddr{addr: strings.Clone(ip)}
		if len(g.slots) < maxGatewayAddrs {
			g.slots = append(g.slots, s)
		} else {
			least := 0
			for i, o := range g.slots {
				if o.activity() < g.slots[least].activity() {
					least = i
				}
			}
			g.slots[least] = s
		}
	}
	if !r.Time.IsZero() {
		s.last = r.Time
	}
	addSample(&s.samples, r.Line)
	return s
}
