package analyzers

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"mxtop/sources"
)

// hostileNames carry the marker PWN so a test can find where they land.
var hostileNames = []string{
	`x'$(>/tmp/PWNed)'.example.com`,
	`x$(id>/tmp/PWN).example.com`,
	"x`id`PWN.example.com",
	`xPWN;rm -rf ~;.example.com`,
	`x"PWN";id;".example.com`,
	`xPWN|id.example.com`,
	`xPWN&&id.example.com`,
	`x\'PWN.example.com`,
	"xPWN\x1b[2J\x1b]0;t\x07.example.com",
	"xPWN\u202e.example.com",
	"-oPWN=x.example.com",
	strings.Repeat("a", 70) + "PWN.example.com",
}

func TestShellQuoteRoundTrips(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, s := range append(hostileNames, "", "plain.example", "a b", "'", `\`, "$HOME", "!x", "~", "*") {
		// printf through a real shell must give back exactly s: the word
		// is one argument and nothing in it was expanded.
		out, err := exec.Command(sh, "-c", "printf %s "+ShellQuote(s)).Output()
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if string(out) != s {
			t.Errorf("ShellQuote(%q) = %s: the shell read %q", s, ShellQuote(s), out)
		}
	}
}

func TestPlausibleNames(t *testing.T) {
	for _, s := range []string{"gmail.com", "mx-1.example.co.uk", "_dmarc.example.org", "xn--bcher-kva.example", "example.com."} {
		if !PlausibleDomain(s) {
			t.Errorf("PlausibleDomain(%q) = false", s)
		}
	}
	for _, s := range append(hostileNames, "", "localhost", "a..b", "-a.example", "a-.example", strings.Repeat("a.", 130)+"com") {
		if PlausibleDomain(s) {
			t.Errorf("PlausibleDomain(%q) = true", s)
		}
	}
	for _, s := range []string{"192.0.2.1", "2001:db8::1", "[192.0.2.1]", "mx.example.com"} {
		if !PlausibleHost(s) {
			t.Errorf("PlausibleHost(%q) = false", s)
		}
	}
	for _, s := range []string{"192.0.2.1;id", "fe80::1%eth0", "[x]", "1.2.3.4'"} {
		if PlausibleHost(s) {
			t.Errorf("PlausibleHost(%q) = true", s)
		}
	}
}

// hostileEngine feeds every rule values chosen by an attacker: recipient
// domains, relay hosts, client addresses, service names, queue domains
// and configuration values.
func hostileEngine(t *testing.T, name string) *Engine {
	t.Helper()
	params, _ := sources.ParseParams(strings.NewReader(
		"smtp_tls_security_level = may\nsmtp_tls_connection_reuse = no\n" +
			"transport_maps = hash:/etc/postfix/tr'$(PWN)'\nqueue_directory = /var/spool/postfix'`PWN`'\n" +
			"myhostname = mx'$(PWN)'.example\nvirtual_alias_maps = mysql:/etc/postfix/'$(PWN)'.cf\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 100 smtpd\nsmtp unix - y y - 4 smtp\n"), 100)
	e := NewEngine(0)
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	var lines []string
	for i := 0; i < 25; i++ {
		for _, reason := range []string{
			tooMany,
			"host outlook-com.olc.protection.outlook.com[104.47.1.1] said: 451 4.7.500 Server busy. Please try again later from [192.0.2.10]. (AS843) (in reply to RCPT TO command)",
			"Cannot start TLS: handshake failure",
			"Host or domain name not found. Name service error for name=x.example type=MX: Host not found, try again",
			"host mx said: 450 4.2.0 <a@x>: Recipient address rejected: Greylisted (in reply to RCPT TO command)",
			"host mx[1.2.3.4] refused to talk to me: 421 Refused. Your reverse DNS entry does not resolve to an IP.",
			"connect to mx[192.0.2.1]:25: Connection timed out",
		} {
			lines = append(lines, stamp(i)+" mx postfix/smtp[77]: 1A2B3C4D5E: to=<u@"+name+">, relay=mx."+name+"[192.0.2.9;PWN]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.0.0, status=deferred ("+reason+")")
		}
		lines = append(lines,
			stamp(i)+" mx postfix/smtpd[9]: warning: Connection concurrency limit exceeded: 51 from unknown[10.0.0.1'$(PWN)'] for service smtp'$(PWN)'",
			stamp(i)+` mx postfix/master[1]: warning: service "smtp'$(PWN)'" (25) has reached its process limit "100": new clients may experience noticeable delays`,
			stamp(i)+" mx postfix/smtpd[9]: warning: connect to mysql server 127.0.0.1: Too many connections",
		)
	}
	for i := 0; i < 5; i++ {
		lines = append(lines, stamp(30+i)+" mx postfix/smtp[78]: 1A2B3C4D5F: to=<u@d"+string(rune('a'+i))+name+">, relay=none, delay=1, delays=0/0/0.5/0.5, dsn=4.4.1, status=deferred (connect to mx[192.0.2.1]:25: Connection timed out)")
	}
	feedInto(e, lines...)
	e.SetQueue(&sources.QueueSnapshot{Time: e.Now, Queues: map[string]sources.QueueCount{"deferred": {Messages: 5000}},
		Domains: []sources.DomainQueue{{Domain: name + "\nid", Recipients: 5000}}})
	return e
}

// checkAction fails unless every appearance of the marker in a command is
// inside single quotes (or a trailing comment) of one shell statement.
func checkAction(t *testing.T, where, act string) {
	t.Helper()
	if strings.ContainsAny(act, "\n\r") {
		t.Errorf("%s: action spans lines: %q", where, act)
		return
	}
	if !hasMarker(act) {
		return
	}
	f, err := syntax.NewParser(syntax.KeepComments(true)).Parse(strings.NewReader(act), "")
	if err != nil {
		t.Errorf("%s: action carries a hostile value and is not a command: %q (%v)", where, act, err)
		return
	}
	if len(f.Stmts) != 1 {
		t.Errorf("%s: %d statements in %q", where, len(f.Stmts), act)
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Lit:
			if hasMarker(n.Value) {
				t.Errorf("%s: hostile text unquoted in %q", where, act)
			}
		case *syntax.DblQuoted:
			var b bytes.Buffer
			syntax.NewPrinter().Print(&b, n)
			if hasMarker(b.String()) {
				t.Errorf("%s: hostile text in double quotes in %q", where, act)
			}
			return false
		case *syntax.SglQuoted:
			return false
		}
		return true
	})
}

// hasMarker is case-blind: the parser lower-cases recipient domains.
func hasMarker(s string) bool { return strings.Contains(strings.ToLower(s), "pwn") }

func TestHostileNamesNeverReachAShellUnquoted(t *testing.T) {
	for _, name := range hostileNames {
		e := hostileEngine(t, name)
		fired := map[string]bool{}
		for _, whole := range []bool{true, false} {
			for _, h := range e.Hints(whole) {
				fired[h.ID] = true
				for _, a := range h.Actions {
					checkAction(t, h.ID, a)
				}
			}
		}
		for _, id := range []string{"destination_concurrency", "rate_delay", "tls", "dns", "firewall", "process_limit", "inbound_limits", "queue_backlog", "reverse_dns", "lookup_table_connections"} {
			if !fired[id] {
				t.Errorf("%q: rule %s did not fire, so its commands went untested", name, id)
			}
		}
		for _, a := range e.ThrottleSnippet(name, true) {
			checkAction(t, "ThrottleSnippet", a.Text)
		}
		// The markdown report puts actions in sh blocks: each line of a
		// block is a command an admin may paste.
		var b bytes.Buffer
		r := e.Report(ReportOptions{})
		r.WriteMarkdown(&b)
		inSh := false
		for _, line := range strings.Split(b.String(), "\n") {
			switch {
			case line == "```sh":
				inSh = true
			case line == "```":
				inSh = false
			case inSh:
				checkAction(t, "markdown", line)
			}
		}
	}
}

func TestPlausiblePath(t *testing.T) {
	for p, want := range map[string]bool{
		"/etc/postfix/main.cf":       true,
		"/etc/postfix/sql/mysql.cf":  true,
		"etc/postfix/main.cf":        false,
		"/":                          false,
		"/etc/postfix/x;reboot.cf":   false,
		"/etc/postfix/$(id).cf":      false,
		"/etc/postfix/../shadow":     false,
		"/etc/postfix/a b.cf":        false,
		"/etc/postfix/main.cf\nrm x": false,
	} {
		if got := PlausiblePath(p); got != want {
			t.Errorf("PlausiblePath(%q) = %v, want %v", p, got, want)
		}
	}
}
