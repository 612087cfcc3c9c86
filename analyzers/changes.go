package analyzers

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"mxtop/sources"
)

// ConfigChange is sources.ConfigChange: a hint's configuration change in
// structured form.
type ConfigChange = sources.ConfigChange

// transportChanges is transportActions in structured form: domain to
// transport tr in the first transport map, tr in master.cf when missing,
// and the parameters.
// throttleSettings are the commands and changes that give d's deliveries
// the per-destination settings in params (suffixes such as
// "_destination_concurrency_limit", with their values), and a caution
// about the commands when they need one: an smtp
// destination is routed to its own transport (transportActions). Mail
// that goes to one next hop whatever its domain keeps its transport, whose
// own settings are changed: an lmtp destination is this site's mailbox
// server, and routing the domain to an smtp transport would send its
// mail to its MX, this host; with a relayhost, "domain slow:" would reset
// the next hop to the domain's MX and bypass the relay.
func (c *hintCtx) throttleSettings(d *Dest, params [][2]string) ([]Action, []ConfigChange, []string) {
	if c.toSlow(d) {
		tr := throttleTransport(params)
		var settings []string
		var named [][2]string
		for _, p := range params {
			settings = append(settings, tr+p[0]+" = "+p[1])
			named = append(named, [2]string{tr + p[0], p[1]})
		}
		acts, caution := c.transportActions(tr, d.Domain, settings)
		var cautions []string
		if caution != "" {
			cautions = append(cautions, caution)
		}
		if s := c.slowInherited(tr, d.Domain); s != "" {
			cautions = append(cautions, s)
		}
		return acts, c.transportChanges(tr, d.Domain, named), cautions
	}
	tr := c.throttledTransport(d, params)
	if tr == "" {
		return []Action{say("the transport's name in the log is not a master.cf service name: no command is suggested")}, nil, nil
	}
	var acts []Action
	var changes []ConfigChange
	var cautions []string
	inferred := false
	if r, ok := c.logRelayOf(d); ok && !d.LMTP {
		// The relay is the log's reading: what routes mail there is read
		// first, and the change is not made without that.
		inferred = true
		acts = c.relayReadSteps(r, d, tr, params)
		if s := c.relayOthersCaution(r, d, tr, params); s != "" {
			cautions = append(cautions, s)
		}
	}
	for _, p := range params {
		acts = append(acts, cmd(postconfSet(tr+p[0], p[1])))
		if !inferred {
			changes = append(changes, ConfigChange{Param: tr + p[0], Value: p[1]})
		}
	}
	return append(acts, cmd("postfix reload")), changes, cautions
}

// throttledTransport is the transport whose per-destination settings
// throttleSettings(d, params) sets: the one it routes d to, or the one
// d's mail keeps; "" when it sets none, for a name no command may carry.
// A hint's words about those settings name that transport's.
func (c *hintCtx) throttledTransport(d *Dest, params [][2]string) string {
	if c.toSlow(d) {
		if !PlausibleDomain(d.Domain) {
			return ""
		}
		return throttleTransport(params)
	}
	tr := c.deliveredBy(d)
	if !plausibleService(tr) || strings.ContainsAny(tr, "/:[]") {
		return ""
	}
	return tr
}

// deliveredBy is the transport that delivers d's mail: the log's (the
// syslog name's last part, or the program's), or default_transport's
// where that names the relay d's mail goes to and the log shows the
// program's name alone, as a service without a syslog_name of its own
// logs; its *_destination_* settings are the ones that hold d's mail.
func (c *hintCtx) deliveredBy(d *Dest) string {
	tr := d.Transport
	if d.LMTP {
		return cmp.Or(tr, "lmtp")
	}
	if r, ok := c.configRelay(); ok && r.transport != "" && tr != r.transport && (tr == "" || tr == "smtp") && c.viaRelayhost(d) {
		if !c.masterKnown() || slices.ContainsFunc(c.cfg.LoggedAs("smtp"), func(s sources.Service) bool { return s.Name == r.transport }) {
			return r.transport
		}
	}
	return cmp.Or(tr, "smtp")
}

// toSlow says whether throttleSettings routes d to a transport of the
// throttled (throttleTransports; when d's name allows a command), where
// the per-destination settings it sets are shared with every other
// destination routed there.
func (c *hintCtx) toSlow(d *Dest) bool {
	return !d.LMTP && !c.viaRelayhost(d)
}

// throttleTransport is the transport throttleTransports gives the
// per-destination settings in params.
func throttleTransport(params [][2]string) string {
	for _, t := range throttleTransports {
		if t.setting == "" || slices.ContainsFunc(params, func(p [2]string) bool { return p[0] == t.setting }) {
			return t.transport
		}
	}
	return slowTransport
}

// transportHas is what a transport of the throttled has before any hint
// routes a domain there (slowInherited).
type transportHas struct{ has, domains []string }

// slowInherited is the caution that transport tr exists already, said
// when it does: the -o settings master.cf gives it, the tr_* parameters
// main.cf sets, and the domains the log shows it delivering for. A domain
// routed there gets all of them, and the per-destination settings changed
// for it apply to those domains as well.
func (c *hintCtx) slowInherited(tr, domain string) string {
	in, ok := c.slowHas[tr]
	if !ok {
		var has []string
		if s, ok := c.cfg.Service(tr, "unix"); ok {
			var opts []string
			for _, k := range slices.Sorted(maps.Keys(s.Options)) {
				// Its name in the log changes nothing in delivery.
				if k != "syslog_name" {
					opts = append(opts, "-o "+SanitizeLine(k+"="+s.Options[k]))
				}
			}
			if len(opts) > 0 {
				has = append(has, "master.cf gives it "+strings.Join(opts, " "))
			}
		}
		if c.cfg != nil {
			var set []string
			for _, k := range slices.Sorted(maps.Keys(c.cfg.Explicit)) {
				if strings.HasPrefix(k, tr+"_") {
					set = append(set, SanitizeLine(k+" = "+c.cfg.Explicit[k]))
				}
			}
			if len(set) > 0 {
				has = append(has, "main.cf sets "+strings.Join(set, ", "))
			}
		}
		in = transportHas{has: has}
		for _, d := range c.e.Dest.byName {
			if d.Transport == tr && PlausibleDomain(d.Domain) {
				in.domains = append(in.domains, d.Domain)
			}
		}
		slices.Sort(in.domains)
		if c.slowHas == nil {
			c.slowHas = map[string]transportHas{}
		}
		c.slowHas[tr] = in
	}
	var carries []string
	for _, d := range in.domains {
		if !strings.EqualFold(d, domain) {
			carries = append(carries, d)
		}
	}
	if len(in.has) == 0 && len(carries) == 0 {
		return ""
	}
	what := in.has
	if len(carries) > 0 {
		what = append(slices.Clone(what), "the log shows it delivering for "+namesUpTo(carries, 5))
	}
	return "the " + tr + " transport exists already (" + strings.Join(what, "; ") + "): " + domain + " routed there gets its settings, and the " + tr + "_destination_* settings set here apply to each of its destinations too"
}

// namesUpTo joins up to n names, and says how many more there are.
func namesUpTo(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// viaRelayhost tells whether d's mail goes to the relay the configuration
// names for every remote domain (configRelay), or, where the configuration
// could not be read or names it in a table mxtop cannot read, to a relay
// the log shows (logRelays). Its mail may reach the relay through hosts of
// other names (an unbracketed relay is looked up by MX), so an smtp
// destination counts as relayed unless every next hop of the relay is
// bracketed, the host connected to, and none of them is among the next
// hops that failed d's deliveries: a transport_maps entry sends d past the
// relay, and its own transport then leaves the limit the relay's mail
// shares alone. A sender-dependent relay or transport may take d's mail
// from some senders, which a transport line for d would send past it.
// Lowering the transport's own limit is safe where a route past the relay
// is not.
func (c *hintCtx) viaRelayhost(d *Dest) bool {
	if c.cfg == nil {
		// Unread, the log may still show a relay.
		_, ok := c.logRelayOf(d)
		return ok
	}
	if len(c.senderRelays()) > 0 {
		return true
	}
	r, ok := c.configRelay()
	if !ok {
		// A "*" line of transport_maps, which mxtop cannot read.
		_, ok := c.logRelayOf(d)
		return ok
	}
	hosts := make([]string, 0, len(r.hops))
	for _, hop := range r.hops {
		h := parseHop(hop)
		if !h.bracketed || h.host == "" {
			return true
		}
		hosts = append(hosts, h.host)
	}
	failed := false
	for _, h := range d.Hops {
		if h.Errors == 0 {
			continue
		}
		if slices.ContainsFunc(hosts, func(r string) bool { return relayHop(h, r) }) {
			return true
		}
		failed = true
	}
	return !failed
}

// senderRelays names the sender-dependent tables the configuration read
// sets ("param = value"): a sender's line there sends that sender's mail
// to a relay or transport of its own, whatever the recipient domain, and
// mxtop cannot read the lines.
func (c *hintCtx) senderRelays() []string {
	return c.tablesSet("sender_dependent_relayhost_maps", "sender_dependent_default_transport_maps")
}

// tablesSet is "param = value" for each of params the configuration read
// sets, sanitised for the screen.
func (c *hintCtx) tablesSet(params ...string) []string {
	var set []string
	for _, p := range params {
		if v := strings.TrimSpace(c.cfg.Get(p)); v != "" {
			set = append(set, p+" = "+SanitizeLine(v))
		}
	}
	return set
}

// oneRelay is the next hop the configuration read sends the mail of every
// remote domain to: default_transport's, or else relayhost's.
type oneRelay struct {
	param, value string // the parameter that names it, and its value
	// transport is the transport default_transport names, "" for
	// relayhost (the default transport's).
	transport string
	hops      []string // its next hops as written
	host      string   // the first one's host; "" when its bracket is not closed
}

// configRelay is the relay the configuration read names for the mail of
// every remote domain. A next hop in default_transport comes before
// relayhost (postconf(5): sender_dependent_default_transport_maps,
// default_transport, sender_dependent_relayhost_maps, relayhost, the
// recipient domain), when the transport it names is an smtp client: an
// error or discard transport relays nothing.
func (c *hintCtx) configRelay() (oneRelay, bool) {
	if c.cfg == nil {
		return oneRelay{}, false
	}
	dt := strings.TrimSpace(c.cfg.Get("default_transport"))
	if tr, next, ok := strings.Cut(dt, ":"); ok && c.smtpTransport(tr) {
		if hops := hopList(next); len(hops) > 0 {
			return oneRelay{param: "default_transport", value: dt, transport: tr, hops: hops, host: parseHop(hops[0]).host}, true
		}
	}
	if rh, ok := c.relayhost(); ok {
		return oneRelay{param: "relayhost", value: c.cfg.Get("relayhost"), hops: hopList(c.cfg.Get("relayhost")), host: rh.host}, true
	}
	return oneRelay{}, false
}

// hop is relay r's first next hop.
func (r oneRelay) hop() relayhostHop {
	if len(r.hops) == 0 {
		return relayhostHop{}
	}
	return parseHop(r.hops[0])
}

// where says what sends the mail to relay r, for a sentence: "relayhost
// is set ([relay.example]:587)", "default_transport names a next hop
// (smtp:[relay.example]:587)".
func (r oneRelay) where() string {
	if r.param == "relayhost" {
		return "relayhost is set (" + SanitizeLine(r.hop().entry) + ")"
	}
	return r.param + " names a next hop (" + SanitizeLine(r.value) + ")"
}

// words name relay r for titles and evidence: "the relayhost X", or "the
// relay X, default_transport's next hop".
func (r oneRelay) words() string {
	if r.param == "relayhost" {
		return "the relayhost " + SanitizeLine(r.host)
	}
	return "the relay " + SanitizeLine(r.host) + ", " + r.param + "'s next hop,"
}

// set says what names relay r: "relayhost set", "default_transport =
// smtp:[relay.example]:587".
func (r oneRelay) set() string {
	if r.param == "relayhost" {
		return "relayhost set"
	}
	return r.param + " = " + SanitizeLine(r.value)
}

// smtpTransport says whether master.cf's service tr runs the smtp client;
// where master.cf was not read, whether tr is not one of Postfix's
// services that deliver otherwise.
func (c *hintCtx) smtpTransport(tr string) bool {
	if !plausibleService(tr) || strings.ContainsAny(tr, "/:[]") {
		return false
	}
	if c.masterKnown() {
		s, ok := c.cfg.Service(tr, "unix")
		return ok && s.Command == "smtp"
	}
	return !slices.Contains([]string{"error", "discard", "retry", "local", "virtual", "lmtp", "pipe"}, tr)
}

// hopList is a list of next hops, as relayhost and a transport's nexthop
// write them (separated by commas or spaces).
func hopList(s string) []string {
	return strings.Fields(strings.ReplaceAll(s, ",", " "))
}

// relayhostHop is relayhost's first next hop: as configured (what the TLS
// policy table is keyed by), its host (empty when a bracket is not
// closed), and its port ("25" when none is given).
type relayhostHop struct {
	entry, host, port string
	bracketed         bool
}

// relayhost reads relayhost's first next hop; false when relayhost names
// none.
func (c *hintCtx) relayhost() (relayhostHop, bool) {
	if c.cfg == nil {
		return relayhostHop{}, false
	}
	f := hopList(c.cfg.Get("relayhost"))
	if len(f) == 0 {
		return relayhostHop{}, false
	}
	return parseHop(f[0]), true
}

// parseHop reads one next hop: [host]:port, [host], host:port or host.
func parseHop(entry string) relayhostHop {
	h := relayhostHop{entry: entry, host: entry, port: "25"}
	if strings.HasPrefix(h.host, "[") {
		h.bracketed = true
		end := strings.IndexByte(h.host, ']')
		if end < 0 {
			h.host = ""
			return h
		}
		if rest := h.host[end+1:]; rest != "" {
			h.port = strings.TrimPrefix(rest, ":")
		}
		h.host = h.host[1:end]
	} else if host, port, ok := strings.Cut(h.host, ":"); ok {
		h.host, h.port = host, port
	}
	return h
}

func (c *hintCtx) transportChanges(tr, domain string, params [][2]string) []ConfigChange {
	// Unread, the transport map or the service is not known: the route
	// is said in words (transportActions), not made; made without the
	// service, it would send mail to a transport that may not be there.
	if !PlausibleDomain(domain) || !c.masterKnown() {
		return nil
	}
	tm, tables, unread := c.transportTables()
	if unread != "" {
		// A table mxtop cannot read may route the domain before or
		// after the line it would write (transportActions says so).
		return nil
	}
	table := "hash:" + newTable(c.configDir, "transport")
	if len(tables) > 0 {
		// The first table takes a new line; applying it puts the route
		// where Postfix finds the domain (sources.PlanConfig).
		table = tables[0]
	}
	if !sources.EditableTable(table) {
		return nil
	}
	var out []ConfigChange
	out = append(out, ConfigChange{Map: table, Key: domain, Value: tr + ":"})
	if tm == "" {
		out = append(out, ConfigChange{Param: "transport_maps", Value: table})
	}
	if _, ok := c.cfg.Service(tr, "unix"); !ok {
		out = append(out, ConfigChange{Service: tr + "/unix", Value: tr + " unix - - n - - smtp"})
	}
	for _, p := range params {
		out = append(out, ConfigChange{Param: p[0], Value: p[1]})
	}
	return out
}

// transportTables are the tables transport_maps lists, in the order
// trivial-rewrite searches them, with the value they come from, and the
// first of them whose lines mxtop cannot read or add to ("" when it can
// all of them): a regexp, pcre, SQL or LDAP table, one read through
// proxymap, or a path it cannot use.
func (c *hintCtx) transportTables() (tm string, tables []string, unread string) {
	if c.cfg != nil {
		tm = c.cfg.Get("transport_maps")
	}
	tables = sources.TableList(tm)
	for _, t := range tables {
		if !sources.EditableTable(t) {
			return tm, tables, t
		}
	}
	return tm, tables, ""
}
