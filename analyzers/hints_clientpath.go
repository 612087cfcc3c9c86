package analyzers

import (
	"fmt"
	"slices"
	"strings"
)

// clientStallWarn is the number of one client's sessions that stopped in
// the message content that makes the hint: one or two are a client that
// went away.
const clientStallWarn = 3

// ruleClientPath reports a client whose sessions stop again and again
// after some of the message content came: its commands and small messages
// get through, and each larger message stalls after the first full-size
// packets. That is a path that drops large packets (a path MTU black hole
// behind filtered ICMP, or a firewall that inspects SMTP), not a Postfix
// limit: the client keeps the mail and retries it, and it never arrives.
func ruleClientPath(c *hintCtx) []Hint {
	var out []Hint
	for _, st := range c.e.Inbound.stalls {
		n := c.count(&st.Window, st.Sessions)
		if !c.e.hints.gate(hintKey{"client_path", st.Client}, n, clientStallWarn, clientStallWarn) {
			continue
		}
		who := st.Client
		if st.Name != "" {
			who = st.Name + "[" + st.Client + "]"
		}
		steps := []Action{
			say("the network path between that client and this host, not a Postfix limit (a message over message_size_limit is refused with 552, not left waiting): a tunnel, VPN or PPPoE link with a smaller MTU on either side, behind a firewall that filters ICMP 'fragmentation needed' (type 3 code 4), or a firewall or IPS that inspects SMTP and breaks the data stage"),
		}
		if PlausibleIP(st.Client) {
			ping, size := "ping -c 3 -M do -s", "1472" // plus 28 bytes of headers: a 1500-byte packet
			if strings.Contains(st.Client, ":") {
				ping, size = "ping -6 -c 3 -M do -s", "1452" // plus 48
			}
			steps = append(steps,
				cmd(shellCmd(ping+" "+size, st.Client)+"   # a full-size packet that may not be fragmented; lower -s until it passes: that is the path's MTU less the headers"),
				cmd(shellCmd("tracepath -n", st.Client)+"   # the path MTU hop by hop"))
		}
		steps = append(steps, say("let ICMP 'fragmentation needed' through the firewalls on the path, or clamp the TCP MSS on the firewall or router of the smaller link (iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu); turn off SMTP inspection on a firewall in the path; the link may be on the client's side, for its admin to mend"))
		out = append(out, Hint{
			ID: "firewall", Severity: SevWarning, Side: "inbound", Subject: st.Client,
			Title:    "Inbound: sessions from " + st.Client + " break off during DATA (the path drops large packets)",
			Evidence: []string{fmt.Sprintf("%.0f sessions of %s %s stopped (timeout or lost connection) while it sent the message content, after %d to %d bytes had come: its commands and small messages go through while larger messages stall after a few kB, the pattern of a path that drops full-size packets; the client keeps that mail and retries it, and it never arrives", n, who, c.windowText(), st.MinBytes, st.MaxBytes)},
			Samples:  st.Samples,
			Steps:    steps,
			Cautions: []string{"a longer smtpd_timeout or a higher message_size_limit changes nothing: the data never arrives, however long smtpd waits"},
			Impact:   c.perMinute(&st.Window, st.Sessions),
		})
	}
	slices.SortFunc(out, func(a, b Hint) int { return strings.Compare(a.Subject, b.Subject) })
	return out
}
