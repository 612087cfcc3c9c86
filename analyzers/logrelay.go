package analyzers

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// logRelay is a next hop that the log shows taking the mail of unrelated
// recipient domains, where the configuration could not be read, or names
// no relay but in tables mxtop cannot read: a relay (relayhost, a default
// or sender-dependent relay, or a transport's next hop, "*" included). Its mail is one destination, whatever the recipient domain; a
// transport line giving one of those domains a transport and no next hop
// would send that domain's mail to its own MX, past the relay and its
// login.
type logRelay struct {
	host    string // as the log names it
	port    int
	domains []string // the recipient domains whose mail went there, sorted
	// every is true when each destination with a next hop in the log
	// delivered there alone.
	every bool
	// tables are the tables the configuration read sets that may name
	// it ("param = value"), none where it could not be read.
	tables []string
	// sole is true for a relay on port 25 known by taking all the mail
	// (logRelays), not by its name.
	sole bool
	// unnamed is true where the configuration was read and names no
	// relay, nor a table that could: another configuration routed the
	// mail there.
	unnamed bool
}

// logRelays are the relays the log shows (logRelay), the one carrying the
// most domains first; none where the configuration was read and names the
// relay (configRelay) or no table that could (relayTables), since it then
// says what routes where. A next hop is a relay when the mail of two or more
// unrelated domains (other zones) went there and either its port is not
// 25, where no MX listens, or it is on port 25, in none of those domains'
// zones, and known not to be the MX of one of them (notItsMX): a
// hosting provider's MX takes the mail of the domains it hosts, which a
// log alone does not tell from a relay's. Read once per evaluation.
func (c *hintCtx) logRelays() []logRelay {
	if c.relaysRead {
		return c.relays
	}
	c.relaysRead = true
	var tables []string
	// unnamed: the configuration read names no relay and sets no table
	// that could, yet the log may show one: the mail was routed by
	// another configuration than the one read (another instance's
	// main.cf, a container's generated one, -o overrides in master.cf).
	// Only a port no MX listens on tells such a relay for sure: on port
	// 25 a host taking several domains' mail may be the MX they share.
	unnamed := false
	if c.cfg != nil {
		if _, ok := c.configRelay(); ok {
			return nil
		}
		if tables = c.relayTables(); len(tables) == 0 {
			unnamed = true
		}
	}
	type group struct {
		zones   map[string]bool
		inZone  bool // the host is in one of its domains' zones
		notMX   bool // the host is known not to be one of its domains' MX
		domains []string
		alone   int // destinations that delivered there only
	}
	groups := map[mxKey]*group{}
	remote := 0
	for _, d := range c.e.Dest.byName {
		if d.LMTP || !PlausibleDomain(d.Domain) {
			continue
		}
		var keys []mxKey
		for _, h := range d.Hops {
			if h.Attempts == 0 || h.Host == "" {
				continue
			}
			k := mxKey{strings.ToLower(h.Host), h.Port}
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			continue
		}
		remote++
		zone := zoneOf(d.Domain)
		for _, k := range keys {
			g := groups[k]
			if g == nil {
				g = &group{zones: map[string]bool{}}
				groups[k] = g
			}
			g.zones[zone] = true
			g.inZone = g.inZone || inZone(k.host, zone)
			g.notMX = g.notMX || notItsMX(d.Domain, k.host)
			g.domains = append(g.domains, d.Domain)
			if len(keys) == 1 {
				g.alone++
			}
		}
	}
	for k, g := range groups {
		if len(g.zones) < 2 || k.port == 0 || !PlausibleHost(k.host) {
			continue
		}
		// Where the configuration read sets a table that may name a relay,
		// a host on port 25 that took all the mail the log shows is one
		// too: a line giving one of its domains a transport and no next
		// hop would be followed past it, where leaving a shared MX's
		// domains one destination only holds them together.
		sole := len(tables) > 0 && g.alone == remote && !g.notMX
		if k.port == 25 && (unnamed || g.inZone || !g.notMX && !sole) {
			continue
		}
		slices.Sort(g.domains)
		c.relays = append(c.relays, logRelay{host: k.host, port: k.port, domains: g.domains, every: g.alone == remote, tables: tables, sole: sole && k.port == 25, unnamed: unnamed})
	}
	slices.SortFunc(c.relays, func(a, b logRelay) int {
		return cmp.Or(len(b.domains)-len(a.domains), strings.Compare(a.host, b.host), a.port-b.port)
	})
	return c.relays
}

// relayTables names the tables the configuration read sets that may send
// the mail of every domain to one relay ("param = value"): a "*" line of
// transport_maps, a sender's relay or transport.
func (c *hintCtx) relayTables() []string {
	return c.tablesSet("transport_maps", "sender_dependent_relayhost_maps", "sender_dependent_default_transport_maps")
}

// logRelayOf is the relay the log shows d's mail going to (logRelays).
func (c *hintCtx) logRelayOf(d *Dest) (logRelay, bool) {
	for _, r := range c.logRelays() {
		for _, h := range d.Hops {
			if h.Attempts > 0 && h.Port == r.port && strings.EqualFold(h.Host, r.host) {
				return r, true
			}
		}
	}
	return logRelay{}, false
}

// zoneOf is the zone a recipient domain's own MX hosts are in, taken as
// its last two labels: mx1.yahoo.com is yahoo.com's. Under a two-level
// public suffix (co.uk) unrelated domains share one, which only makes a
// relay less often inferred.
func zoneOf(domain string) string {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	if i := strings.LastIndexByte(domain, '.'); i > 0 {
		if j := strings.LastIndexByte(domain[:i], '.'); j >= 0 {
			return domain[j+1:]
		}
	}
	return domain
}

// inZone says whether host (lower case) is zone or a name under it.
func inZone(host, zone string) bool {
	return host == zone || strings.HasSuffix(host, "."+zone)
}

// providerMX are the zones of the MX hosts of mailbox providers' domains
// whose MX hosts are not in the domain's own zone (gmail.com's are
// google.com's): a next hop outside both is not the domain's MX.
var providerMX = map[string][]string{
	"gmail.com": {"google.com"}, "googlemail.com": {"google.com"},
	"yahoo.com": {"yahoodns.net"}, "ymail.com": {"yahoodns.net"}, "rocketmail.com": {"yahoodns.net"}, "aol.com": {"yahoodns.net"},
	"hotmail.com": {"outlook.com"}, "outlook.com": {"outlook.com"}, "live.com": {"outlook.com"}, "msn.com": {"outlook.com"},
	"icloud.com": {"icloud.com"}, "me.com": {"icloud.com"}, "mac.com": {"icloud.com"},
	"gmx.net": {"gmx.net"}, "gmx.de": {"gmx.net"}, "web.de": {"web.de"},
	"yandex.ru": {"yandex.net"}, "mail.ru": {"mail.ru"},
	"protonmail.com": {"protonmail.ch"}, "proton.me": {"protonmail.ch"}, "protonmail.ch": {"protonmail.ch"},
	"comcast.net": {"comcast.net"},
}

// notItsMX says whether host (lower case) is known not to be an MX host
// of domain: a relay service's submission host, or a host outside the
// zones of a mailbox provider's MX hosts (providerMX).
func notItsMX(domain, host string) bool {
	if isSubmissionService(host) {
		return true
	}
	_, ok := providerMX[strings.ToLower(domain)]
	return ok && !mxZone(domain, host)
}

// mxZone says whether host (lower case) is in the zone of domain's own
// MX hosts: its own, or its mailbox provider's (providerMX).
func mxZone(domain, host string) bool {
	return inZone(host, zoneOf(domain)) || slices.ContainsFunc(providerMX[strings.ToLower(domain)], func(z string) bool { return inZone(host, z) })
}

// providerHost says whether host (lower case) is in the zone of a
// mailbox provider's MX hosts: the MX of the domains it hosts too
// (ASPMX.L.GOOGLE.COM), where a relay service's host would have been
// told by its name (notItsMX).
func providerHost(host string) bool {
	for _, zones := range providerMX {
		if slices.ContainsFunc(zones, func(z string) bool { return inZone(host, z) }) {
			return true
		}
	}
	return false
}

// nextHopOf is a host and port as a transport's next hop names them, the
// host bracketed so that it is not looked up by MX: [host]:port.
func nextHopOf(host string, port int) string {
	return bracketed(host) + ":" + strconv.Itoa(port)
}

// bracketed is host as a next hop names a host not to look up by MX.
func bracketed(host string) string {
	if a, err := netip.ParseAddr(host); err == nil && a.Is6() {
		host = "ipv6:" + host
	}
	return "[" + strings.ToLower(host) + "]"
}

// words describe relay r, for evidence and cautions.
func (r logRelay) words() string {
	why := "a port no MX listens on"
	switch {
	case r.sole:
		why = "in none of their zones, and the one next hop of all the mail the log shows"
	case r.port == 25:
		why = "in none of their zones and not the MX of some of them"
	}
	if r.unnamed {
		return fmt.Sprintf("the configuration read names no relay (no relayhost, default_transport or relay table), yet the log shows the mail of %d unrelated domains (%s) going to one next hop, %s port %d, %s, so it is a relay that another configuration names: the running instance's own main.cf (another config_directory, a container's generated one) or -o overrides in master.cf",
			len(r.domains), SanitizeLine(namesUpTo(r.domains, 5)), SanitizeLine(r.host), r.port, why)
	}
	if len(r.tables) > 0 {
		return fmt.Sprintf("relayhost and default_transport name no relay, mxtop cannot read the lines of %s, and the log shows the mail of %d unrelated domains (%s) going to one next hop, %s port %d, %s, so it is a relay that a line there names",
			strings.Join(r.tables, ", "), len(r.domains), SanitizeLine(namesUpTo(r.domains, 5)), SanitizeLine(r.host), r.port, why)
	}
	return fmt.Sprintf("the configuration could not be read, and the log shows the mail of %d unrelated domains (%s) going to one next hop, %s port %d, %s, so it is a relay (relayhost or a transport's next hop)",
		len(r.domains), SanitizeLine(namesUpTo(r.domains, 5)), SanitizeLine(r.host), r.port, why)
}

// relayReadSteps are the first steps of a change to the settings in
// params of the transport tr that carries the mail of d to relay r, where
// the configuration could not be read, or names the relay only in tables
// mxtop cannot read: the settings that route mail there, and what they
// mean for the change.
func (c *hintCtx) relayReadSteps(r logRelay, d *Dest, tr string, params [][2]string) []Action {
	host, hop, dom := SanitizeLine(r.host), nextHopOf(r.host, r.port), SanitizeLine(d.Domain)
	const keepHop = "; a change to a transport line must keep its next hop, since one without it sends that domain's mail to its own MX, past the relay and its login"
	text := "if one of them names " + host + " (relayhost = " + hop + ", or transport lines such as \"" + dom + " " + tr + ":" + hop + "\"), the mail sent there is one destination of the " + tr + " transport, whatever the recipient domain, and the settings below hold it" + keepHop
	if len(r.tables) > 0 {
		// The lines are in tables: said, not read by a command.
		text = "relayhost and default_transport name no relay, and mxtop cannot read the lines of the tables that may (" + strings.Join(r.tables, ", ") + "): if one of them names " + host + " (" + tableLines(r.tables, tr, hop) + "), the mail sent there is one destination of the " + tr + " transport, whatever the recipient domain, and the settings below hold it; if that line names another transport, change that transport's settings instead" + keepHop
	}
	if r.port == 25 {
		// The transport the setting gets where the domain has its own
		// (throttleTransports): a rate delay is not the slow transport's.
		alt := throttleTransport(params)
		text += "; if none of them names it, " + host + " is the MX these domains share: give each a transport line with it as the next hop instead (\"" + dom + " " + alt + ":" + hop + "\", under " + alt + params[0][0] + ")"
	}
	if len(r.tables) > 0 {
		return []Action{say(text)}
	}
	if r.unnamed {
		return []Action{
			cmd(shellCmd("postconf", "-P") + "   # the configuration read names no relay: -o overrides in master.cf may route mail to " + host),
			say("if neither master.cf nor this main.cf names " + host + ", the Postfix that sent this mail reads another configuration (postconf -d config_directory and the instance's -c, multi_instance_directories, a container's generated main.cf): read relayhost and transport_maps there; " + text),
		}
	}
	return []Action{
		cmd(shellCmd("postconf", "relayhost", "default_transport", "sender_dependent_relayhost_maps", "transport_maps") + "   # the configuration could not be read: these show what routes mail to " + host),
		say(text),
	}
}

// relayOthersCaution says, when the log shows tr delivering to other next
// hops than relay r, that a change to tr's per-destination settings in
// params holds those destinations too.
func (c *hintCtx) relayOthersCaution(r logRelay, d *Dest, tr string, params [][2]string) string {
	if r.every {
		return ""
	}
	alt, hop := throttleTransport(params), nextHopOf(r.host, r.port)
	var ways []string
	if len(r.tables) == 0 || tableSet(r.tables, "transport_maps") {
		ways = append(ways, fmt.Sprintf("give the relay's domains transport lines that keep its next hop (\"%s %s:%s\")", SanitizeLine(d.Domain), alt, hop))
	}
	if tableSet(r.tables, "sender_dependent_relayhost_maps") || tableSet(r.tables, "sender_dependent_default_transport_maps") {
		// A line for a recipient domain would send every sender's mail
		// for it to the relay, not only theirs.
		ways = append(ways, "give the senders whose lines name the relay that transport with its next hop in sender_dependent_default_transport_maps (\"sender@example.org "+alt+":"+hop+"\")")
	}
	return fmt.Sprintf("the log shows mail going to other next hops than %s too: the %s_destination_* settings hold each of those destinations as well; to leave them as they are, %s, and set %s_destination_* instead",
		SanitizeLine(r.host), tr, strings.Join(ways, ", or, where a sender's line names the relay, "), alt)
}

// tableSet says whether tables ("param = value") has param's.
func tableSet(tables []string, param string) bool {
	return slices.ContainsFunc(tables, func(t string) bool { return strings.HasPrefix(t, param+" = ") })
}

// tableLines are examples of the lines of tables ("param = value") that
// send mail to the next hop hop through transport tr.
func tableLines(tables []string, tr, hop string) string {
	var out []string
	for _, t := range []struct{ param, line string }{
		{"transport_maps", "a \"*\" line of transport_maps such as \"* " + tr + ":" + hop + "\""},
		{"sender_dependent_relayhost_maps", "a sender's line of sender_dependent_relayhost_maps such as \"sender@example.org " + hop + "\""},
		{"sender_dependent_default_transport_maps", "a sender's line of sender_dependent_default_transport_maps such as \"sender@example.org " + tr + ":" + hop + "\""},
	} {
		if tableSet(tables, t.param) {
			out = append(out, t.line)
		}
	}
	return strings.Join(out, ", ")
}

// logNextHop is what a transport line for d, written where the
// configuration could not be read, needs after its transport, and a note
// on it: the next hop d's mail went to when that is not its MX (a port
// other than 25, where no MX listens, or notItsMX), and otherwise
// nothing, with a warning where that next hop is outside d's zone and
// may be a relay on port 25.
func (c *hintCtx) logNextHop(d *Dest, tr string) (hop, warn string) {
	var other, outside []string
	seen := map[mxKey]bool{}
	for _, h := range d.Hops {
		k := mxKey{strings.ToLower(h.Host), h.Port}
		if h.Attempts == 0 || h.Host == "" || seen[k] {
			continue
		}
		seen[k] = true
		switch {
		case h.Port != 0 && (h.Port != 25 || notItsMX(d.Domain, k.host)):
			other = append(other, SanitizeLine(h.Host)+":"+strconv.Itoa(h.Port))
			if PlausibleHost(h.Host) {
				hop = nextHopOf(h.Host, h.Port)
			}
		case !mxZone(d.Domain, k.host) && !providerHost(k.host) && PlausibleHost(h.Host) && len(outside) < 3:
			outside = append(outside, h.Host)
		}
	}
	if len(other) > 1 || len(other) == 1 && hop == "" {
		return "[next hop]", "; [next hop] is the one that routes the domain now, in relayhost or its transport line: its mail went to " + strings.Join(other, ", ") + ", not the domain's MX, and a line without it would send the mail to the domain's MX, past that relay"
	}
	if hop != "" {
		return hop, "; the line keeps the next hop the log shows, " + other[0] + ", which is not the domain's MX: without it the domain's mail would go to its MX, past that relay"
	}
	if len(outside) > 0 {
		return "", "; its mail went to " + SanitizeLine(strings.Join(outside, ", ")) + ", outside " + d.Domain + ": if relayhost or a transport line names that host as a relay (postconf relayhost), write the line as \"" + d.Domain + " " + tr + ":" + bracketed(outside[0]) + "\" instead, or the mail goes to the domain's MX past the relay"
	}
	return "", ""
}

// relayCaution is the caution that d's mail goes to one relay, so then,
// or "" when it does not: the relayhost read, or a relay the log shows.
func (c *hintCtx) relayCaution(d *Dest, then string) string {
	if d.LMTP || !c.viaRelayhost(d) {
		return ""
	}
	if r, ok := c.logRelayOf(d); ok {
		return r.words() + "; every message sent there is one destination, whatever the recipient domain, " + then
	}
	if r, ok := c.configRelay(); ok {
		if r.param == "relayhost" {
			return "relayhost is set (" + SanitizeLine(r.value) + "): every message goes to that one destination, " + then
		}
		return r.param + " names a next hop (" + SanitizeLine(r.value) + "): every message it delivers goes to that one destination, " + then
	}
	// Relayed for some senders only (viaRelayhost): the transport line
	// that is not offered is what to explain.
	keeps := "its transport"
	if tr := c.throttledTransport(d, nil); tr != "" {
		keeps = "the " + tr + " transport"
	}
	set := c.senderRelays()
	is := " is set, and mxtop cannot read its lines"
	if len(set) > 1 {
		is = " are set, and mxtop cannot read their lines"
	}
	return strings.Join(set, ", ") + is + ": the mail of a sender listed there goes to that sender's relay or transport, whatever the recipient domain, and a transport line for " + SanitizeLine(d.Domain) + " would send theirs to its MX, past it, so its mail keeps " + keeps + ", whose setting holds each of its destinations apart, those senders' relays among them"
}

// refusedByRelay says whether the relayhost, or a relay the log shows
// where the configuration could not be read, refused some of d's
// deliveries.
func (c *hintCtx) refusedByRelay(d *Dest) bool {
	if r, ok := c.configRelay(); ok {
		if !d.LMTP && c.relayByMX(r) {
			// Every next hop of an smtp destination is the relay's MX.
			return refusedWhere(d, func(Hop) bool { return true })
		}
		return refusedBy(d, r.host)
	}
	for _, r := range c.logRelays() {
		if refusedBy(d, r.host) {
			return true
		}
	}
	return false
}
