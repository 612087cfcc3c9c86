package analyzers

import (
	"fmt"
	"slices"
	"strings"

	"mxtop/sources"
)

// gatewayMinConns is how many connections the port-25 service must have
// taken before one address's share of them means anything.
const gatewayMinConns = 3

// gatewayStrangers is how many sender domains one address must hand in
// mail for, without a login, before it stands for strangers: an office's
// application or relay sends for its own one or two.
const gatewayStrangers = 3

// gatewayFires says why an address stands for the Internet's clients, or
// "" when nothing says so. The rule, in Postfix's terms: postscreen,
// which only fronts the Internet-facing smtp service, took most of its
// connections from the address; or the smtp service saw the address and
// it handed in mail without a login for senders of several domains, or an
// SPF policy service judged it as the client of someone's mail.
func gatewayFires(g *Gateway, s *gatewayAddr) string {
	port25 := s.postscreen+s.passed+s.refused+s.accepted > 0
	switch {
	case g.PostscreenConns >= gatewayMinConns && 2*s.postscreen >= g.PostscreenConns:
		return "postscreen"
	case port25 && s.nDomains() >= gatewayStrangers:
		return "strangers"
	case port25 && s.spf > 0:
		return "spf"
	}
	return ""
}

// standsForClients tells an address the gateway rule takes for one that
// stands for every client.
func (g *Gateway) standsForClients(ip string) bool {
	s := g.find(ip)
	return s != nil && gatewayFires(g, s) != ""
}

// ruleGateway: the Internet-facing smtp service sees its clients as one
// private address (NAT, a container's port publishing, a proxy).
func ruleGateway(c *hintCtx) []Hint {
	g := c.e.Gateway
	var out []Hint
	for _, s := range g.slots {
		why := gatewayFires(g, s)
		if !c.whole && c.now.Sub(s.last).Minutes() > HintWindow {
			why = ""
		}
		on := 0.0
		if why != "" {
			on = 1
		}
		if !c.e.hints.gate(hintKey{"gateway", s.addr}, on, 1, 1) || !PlausibleIP(s.addr) {
			continue
		}
		out = append(out, gatewayHint(c, g, s))
	}
	return out
}

func gatewayHint(c *hintCtx, g *Gateway, s *gatewayAddr) Hint {
	addr := s.addr
	var ev []string
	if s.postscreen+s.passed > 0 {
		ev = append(ev, fmt.Sprintf("postscreen: %d of the %d connections it took came from %s (%d passed on to smtpd or allowed by its access list)",
			s.postscreen, g.PostscreenConns, addr, s.passed))
	}
	if s.accepted > 0 {
		ev = append(ev, fmt.Sprintf("smtpd of the smtp service took %d message%s from %s without a login", s.accepted, plural(s.accepted), addr))
	}
	if s.refused > 0 {
		ev = append(ev, fmt.Sprintf("smtpd of the smtp service refused %s %d time%s", addr, s.refused, plural(s.refused)))
	}
	if n := s.nDomains(); n > 0 {
		var ds []string
		for _, d := range s.domains {
			if d != "" {
				ds = append(ds, d)
			}
		}
		more := ""
		if n == maxGatewayDomains {
			more = " and maybe more"
		}
		ev = append(ev, fmt.Sprintf("its mail has senders in %d domain%s%s: %s", n, plural(n), more, strings.Join(ds, ", ")))
	}
	if s.spf > 0 {
		ev = append(ev, fmt.Sprintf("%d SPF verdict%s on %s itself: SPF checks the address smtpd sees, which no sender's record lists", s.spf, plural(s.spf), addr))
	}
	sev := SevWarning
	var steps []Action
	if s.relayed > 0 {
		sev = SevCritical
		e := fmt.Sprintf("%s of mail taken from %s without a login relayed from a sender's domain to another domain", nDeliveries(s.relayed), addr)
		if s.lastRelay != "" {
			e += " (last: " + s.lastRelay + ")"
		}
		ev = append(ev, e)
		steps = append(steps,
			say("mail from "+addr+" was taken without a login and relayed for senders of other domains: if mynetworks holds "+addr+" or its network (permit_mynetworks in smtpd_relay_restrictions), everyone who reaches port 25 through it relays through this host, an open relay that gets its IP blocklisted; take the address and its network out of mynetworks, postfix reload, then delete the relayed mail still queued (postqueue -j lists each message's sender; postsuper -d - takes their queue ids)"),
			cmd("postconf mynetworks smtpd_relay_restrictions smtpd_sasl_auth_enable   # nothing may relay that should not"))
	}
	steps = append(steps,
		say("find out what "+addr+" is before changing anything: a container network's gateway, Docker's userland proxy (docker-proxy), a NAT router or VPN in front of Postfix stands for every client on the Internet, and then mynetworks and postscreen's access list trust strangers, SPF, DNSBL and reverse-DNS checks judge the gateway, and anvil and postscreen count every client as one; if it is a host of this site that sends through port 25 (an office relay, an application), none of this applies"),
		hostCmd(shellCmd("ip", "-brief", "address", "show", "to", addr)+"   # on the host: the interface (a container bridge) that owns it"),
		cmd("postconf -h mynetworks   # must not hold this address or its network: mynetworks relays without a login"),
		cmd("postconf -h postscreen_access_list   # a permit for it there lets every client skip postscreen's tests"),
		say("the container's networking: Docker sends published ports through its userland proxy unless /etc/docker/daemon.json sets \"userland-proxy\": false, and IPv6 clients of an IPv4-only container network always; run the mail container with network_mode: host, or turn the userland proxy off (with \"ip6tables\": true and an IPv6 container network for IPv6 clients), so that smtpd sees the clients' own addresses"),
		cmd("postconf postscreen_upstream_proxy_protocol smtpd_upstream_proxy_protocol   # a proxy or load balancer in front must pass the client's address (haproxy) to the service it reaches"),
	)
	var samples []string
	for _, l := range s.samples {
		if !slices.Contains(samples, l) {
			samples = append(samples, l)
		}
	}
	mins := c.e.Now.Sub(c.e.First).Minutes()
	if mins < 1 {
		mins = 1
	}
	return Hint{
		ID: sources.HintConfigError, Severity: sev, Side: "inbound", Subject: addr,
		Title:    fmt.Sprintf("Inbound: clients arrive as private address %s (NAT or the container's port publishing)", addr),
		Evidence: ev, Samples: samples, Steps: steps,
		Cautions: []string{
			"never add " + addr + " to mynetworks or postscreen_access_list, and never ban or rate-limit it: it stands for every client behind it",
			"until smtpd sees the clients' own addresses, SPF, DNSBL and reverse-DNS checks and anvil's per-client limits judge " + addr + " for all of them",
		},
		Impact: float64(max(s.accepted, s.postscreen, s.refused)) / mins,
	}
}
