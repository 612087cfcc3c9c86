package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// dnsDeferral is an smtp delivery deferred because a name did not resolve.
func dnsDeferral(i int, name, typ, tail string) string {
	return fmt.Sprintf("%s mx postfix/smtp[50%d]: 5A1B2C3D4%d: to=<u%d@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=%s type=%s: %s)",
		stamp(i), i, i, i, name, typ, tail)
}

// dnsHintWith feeds lines and a configuration (nil: none read) and returns
// the outbound dns hint's steps and cautions.
func dnsHintWith(t *testing.T, cfg *sources.Config, lines ...string) (acts, cautions string) {
	t.Helper()
	e := feed(lines...)
	if cfg != nil {
		e.SetConfig(cfg)
	}
	for _, h := range e.Hints(true) {
		if h.ID == "dns" && h.Side == "outbound" {
			return strings.Join(h.Actions, "\n"), strings.Join(h.Cautions, "\n")
		}
	}
	t.Fatalf("no outbound dns hint")
	return "", ""
}

func configOf(main, master string) *sources.Config {
	params, _ := sources.ParseParams(strings.NewReader(main))
	svcs, _ := sources.ParseMaster(strings.NewReader(master), 100)
	return &sources.Config{Params: params, Explicit: params, Services: svcs}
}

// Whether the smtp client reads the queue directory's copy of
// resolv.conf is master.cf's chroot column: "-" is y on a Postfix before
// 3.0 or below compatibility_level 1, n otherwise; and where master.cf
// was not read it is not known, so the advice names the copy as a
// possibility rather than saying nothing about it.
func TestDNSHintReadsTheChrootColumn(t *testing.T) {
	var lines []string
	for i := range 3 {
		lines = append(lines, dnsDeferral(i, "example.org", "MX", "Host not found, try again"))
	}
	const master = "smtp inet n - - - - smtpd\nsmtp unix - - - - - smtp\n"
	for _, c := range []struct {
		name     string
		cfg      *sources.Config
		copyStep bool // the cp into the queue directory
		maybe    bool // the conditional sentence about a chrooted smtp
	}{
		{"Postfix 2.10, column -", configOf("mail_version = 2.10.1\nqueue_directory = /var/spool/postfix\n", master), true, false},
		{"level 0, column -", configOf("mail_version = 3.4.14\ncompatibility_level = 0\n", master), true, false},
		{"level 3.6, column -", configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\n", master), false, false},
		{"level 3.6, column y", configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\n", "smtp unix - - y - - smtp\n"), true, false},
		{"main.cf read, master.cf not", configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\n", ""), false, true},
		{"nothing read", nil, false, true},
	} {
		acts, cautions := dnsHintWith(t, c.cfg, lines...)
		if got := strings.Contains(acts, "diff /etc/resolv.conf /var/spool/postfix/etc/resolv.conf || cp /etc/resolv.conf"); got != c.copyStep {
			t.Errorf("%s: copy step %v, want %v: %q", c.name, got, c.copyStep, acts)
		}
		if got := strings.Contains(cautions, "runs chrooted"); got != c.copyStep {
			t.Errorf("%s: chrooted caution %v, want %v: %q", c.name, got, c.copyStep, cautions)
		}
		if got := strings.Contains(acts, "a chrooted smtp"); got != c.maybe {
			t.Errorf("%s: conditional chroot sentence %v, want %v: %q", c.name, got, c.maybe, acts)
		}
	}
}

// A next hop kept in /etc/hosts (a container's extra hosts) is found by
// the SMTP client only with smtp_host_lookup = native; a chrooted client
// then reads the queue directory's copy of /etc/hosts, which must carry
// the name too, or the change alone does not help.
func TestDNSHintNativeLookupNamesTheChrootHosts(t *testing.T) {
	line := dnsDeferral(0, "relay.internal.example", "A", "Host not found")
	for _, c := range []struct {
		name  string
		cfg   *sources.Config
		hosts bool
	}{
		{"chrooted", configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\nrelayhost = [relay.internal.example]:587\n", "smtp unix - - y - - smtp\n"), true},
		{"master.cf not read", nil, true},
		{"not chrooted", configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\nrelayhost = [relay.internal.example]:587\n", "smtp unix - - n - - smtp\n"), false},
	} {
		acts, _ := dnsHintWith(t, c.cfg, line)
		if !strings.Contains(acts, "smtp_host_lookup = dns, native") {
			t.Fatalf("%s: no native lookup advice: %q", c.name, acts)
		}
		if got := strings.Contains(acts, "copy of /etc/hosts"); got != c.hosts {
			t.Errorf("%s: chroot's etc/hosts named %v, want %v: %q", c.name, got, c.hosts, acts)
		}
	}
}

// 'unknown service: NAME/tcp' (smtp_connect.c, find_inet.c, dict_mysql.c)
// is getservbyname finding no entry: in the queue directory's copy of
// /etc/services for a chrooted daemon, or in /etc/services itself (a
// minimal container image has none). The advice covers both, and the
// port number that needs no entry at all.
func TestUnknownServiceNamesBothServicesFiles(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtp[93]: fatal: unknown service: smtp/tcp",
		"Nov 28 10:00:00 mx postfix/cleanup[94]: fatal: unknown service: mysqlx/tcp",
	} {
		var text string
		for _, h := range feed(line).Hints(true) {
			if h.ID == sources.HintConfigError {
				text = hintText(h)
			}
		}
		for _, want := range []string{"queue directory", "chroot column", "netbase", "port number", "grep -w"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %q in the advice: %s", line, want, text)
			}
		}
	}
}

// smtpd's "hostname NAME does not resolve to address ADDR: Temporary
// failure in name resolution" (smtpd_peer.c, EAI_AGAIN) is a forward
// lookup that got no answer: for a bot's name, its DNS; for a big
// provider's host, whose DNS always answers, this host's resolver (a
// chrooted smtpd's copy of resolv.conf). A name that resolves elsewhere
// (no reason after the address) is the client's choice of PTR, so it
// stays the clients' own DNS whatever the name.
func TestClientNameTempFailureOfBigProviderIsTheResolver(t *testing.T) {
	at := func(i int, name, ip, tail string) string {
		return fmt.Sprintf("%s mx postfix/smtpd[60%d]: warning: hostname %s does not resolve to address %s%s", stamp(i), i, name, ip, tail)
	}
	const temp = ": Temporary failure in name resolution"
	for _, c := range []struct {
		name     string
		lines    []string
		id       string
		resolver bool
	}{
		{"big provider, temporary", []string{at(0, "mail-wr1-f41.google.com", "209.85.221.41", temp), at(1, "mail-oi1-f170.google.com", "209.85.167.170", temp)}, "dns", true},
		{"bot, temporary", []string{at(0, "host-5.dyn.isp.example", "203.0.113.5", temp)}, "reverse_dns", false},
		{"big provider name, mismatch", []string{at(0, "mail-wr1-f41.google.com", "203.0.113.5", "")}, "dns", false},
	} {
		var text string
		found := false
		for _, h := range feed(c.lines...).Hints(true) {
			if h.Side == "inbound" && h.ID == c.id {
				found = true
				text = hintText(h)
			}
		}
		if !found {
			t.Errorf("%s: no inbound %s hint", c.name, c.id)
			continue
		}
		if got := strings.Contains(text, "this host's resolver failed") && strings.Contains(text, "etc/resolv.conf"); got != c.resolver {
			t.Errorf("%s: resolver named %v, want %v: %s", c.name, got, c.resolver, text)
		}
	}
}

// postfix check's "not owned by root: QUEUE_DIR/etc/FILE" is a chrooted
// daemon's copy of a system file (postfix-script checks the queue
// directory's bin, etc, lib, sbin and usr), which postfix set-permissions
// does not touch: the advice says how to give it back to root.
func TestChrootCopyNotOwnedByRoot(t *testing.T) {
	var text string
	for _, h := range feed("Nov 28 10:00:00 mx postfix/postfix-script[159]: warning: not owned by root: /var/spool/postfix/etc/resolv.conf").Hints(true) {
		if h.ID == sources.HintConfigError {
			text = hintText(h)
		}
	}
	for _, want := range []string{"set-permissions", "chown root", "copy of a system file"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the advice: %s", want, text)
		}
	}
}

// chroot(2) refused with EACCES (a component of the queue directory's
// path that the daemon may not search, or a security policy) stops the
// service as EPERM does: the advice gives read-only checks and the
// chroot column, never wider permissions.
func TestChrootPermissionDenied(t *testing.T) {
	var text string
	var sev Severity
	for _, h := range feed("Nov 28 10:00:00 mx postfix/smtpd[154]: fatal: chroot(/var/spool/postfix): Permission denied").Hints(true) {
		if h.ID == sources.HintConfigError {
			text, sev = hintText(h), h.Severity
		}
	}
	for _, want := range []string{"ls -ld", "chroot column", "ausearch"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the advice: %s", want, text)
		}
	}
	if strings.Contains(text, "chmod") || sev != SevCritical {
		t.Errorf("severity %s, advice %s", sev, text)
	}
}

// postmap -q runs outside the chroot: for a database host name that only
// the chrooted daemons fail to resolve it succeeds, so the advice says
// what its success means rather than leaving it as the proof.
func TestDatabaseHostTestNamesTheChroot(t *testing.T) {
	var text string
	for _, h := range feed("Nov 28 10:00:00 mx postfix/trivial-rewrite[287]: warning: connect to mysql server mariadb: Unknown MySQL server host 'mariadb' (2)").Hints(true) {
		if h.ID == sources.HintLookupFailure {
			text = hintText(h)
		}
	}
	if !strings.Contains(text, "postmap -q") || !strings.Contains(text, "outside the chroot") {
		t.Errorf("postmap's test without the chroot's view: %s", text)
	}
}

// All sessions Untrusted with smtp_tls_CApath set and the smtp transport
// chrooted: the client looks for that directory inside the queue
// directory, which the hint then names; not chrooted, or no CApath, it
// says nothing of the kind.
func TestUntrustedOnlyNamesTheChrootedCApath(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[70%d]: Untrusted TLS connection established to gmail-smtp-in.l.google.com[142.250.1.2%d]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", stamp(i), i, i))
	}
	for _, c := range []struct {
		name, main, master string
		want               bool
	}{
		{"chrooted, CApath", "smtp_tls_CApath = /etc/ssl/certs\nqueue_directory = /var/spool/postfix\n", "smtp unix - - y - - smtp\n", true},
		{"not chrooted, CApath", "smtp_tls_CApath = /etc/ssl/certs\n", "smtp unix - - n - - smtp\n", false},
		{"chrooted, no CApath", "", "smtp unix - - y - - smtp\n", false},
	} {
		e := feed(lines...)
		e.SetConfig(configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\n"+c.main, c.master))
		var text string
		for _, h := range e.Hints(true) {
			if h.ID == "tls" {
				text = hintText(h)
			}
		}
		if got := strings.Contains(text, "/var/spool/postfix/etc/ssl/certs"); got != c.want {
			t.Errorf("%s: chroot's CApath named %v, want %v: %s", c.name, got, c.want, text)
		}
	}
}

// The chroot note of a next hop's failed name is the client's own
// transport's: an LMTP name with only smtp chrooted gets none.
func TestDNSHintNativeLookupIsTheClientsTransport(t *testing.T) {
	line := fmt.Sprintf("%s mx postfix/lmtp[501]: 6A1B2C3D41: to=<u1@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=dovecot.internal.example type=A: Host not found)", stamp(0))
	cfg := configOf("mail_version = 3.7.11\ncompatibility_level = 3.6\nvirtual_transport = lmtp:inet:dovecot.internal.example:24\n", "smtp unix - - y - - smtp\nlmtp unix - - n - - lmtp\n")
	acts, _ := dnsHintWith(t, cfg, line)
	if !strings.Contains(acts, "lmtp_host_lookup = dns, native") || strings.Contains(acts, "copy of /etc/hosts") {
		t.Errorf("LMTP's advice: %q", acts)
	}
}

// The chroot copy of resolv.conf is the failing client's: the service
// whose lines failed on DNS (its syslog name) decides, not the first
// chrooted transport in master.cf. An lmtp that runs chrooted beside an
// smtp that does not says nothing of the smtp client's resolver.
func TestDNSHintJudgesTheChrootOfTheFailingService(t *testing.T) {
	var lines []string
	for i := range 3 {
		lines = append(lines, dnsDeferral(i, "example.org", "MX", "Host not found, try again"))
	}
	slow := func(i int) string {
		return fmt.Sprintf("%s mx postfix/slow/smtp[70%d]: 6A1B2C3D4%d: to=<u%d@example.net>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=example.net type=MX: Host not found, try again)", stamp(10+i), i, i, i)
	}
	const main = "mail_version = 3.7.11\ncompatibility_level = 3.6\nqueue_directory = /var/spool/postfix\n"
	for _, c := range []struct {
		name, master string
		lines        []string
		chrooted     string // the transport the caution names, "" for none
	}{
		{"lmtp chrooted, smtp not", "lmtp unix - - y - - lmtp\nsmtp unix - - n - - smtp\n", lines, ""},
		{"lmtp listed first, smtp chrooted", "lmtp unix - - y - - lmtp\nsmtp unix - - y - - smtp\n", lines, "smtp"},
		{"another smtp transport chrooted", "smtp unix - - n - - smtp\nslow unix - - y - - smtp -o syslog_name=postfix/slow\n", lines, ""},
		{"its own syslog name, chrooted", "smtp unix - - n - - smtp\nslow unix - - y - - smtp -o syslog_name=postfix/$service_name\n", []string{slow(0), slow(1), slow(2)}, "slow"},
	} {
		acts, cautions := dnsHintWith(t, configOf(main, c.master), c.lines...)
		copyStep := strings.Contains(acts, "cp /etc/resolv.conf /var/spool/postfix/etc/resolv.conf")
		if copyStep != (c.chrooted != "") {
			t.Errorf("%s: copy step %v: %q", c.name, copyStep, acts)
		}
		if c.chrooted == "" && strings.Contains(cautions, "runs chrooted") {
			t.Errorf("%s: a chrooted transport named: %q", c.name, cautions)
		}
		if c.chrooted != "" && !strings.Contains(cautions, "the "+c.chrooted+" transport runs chrooted") {
			t.Errorf("%s: caution does not name %s: %q", c.name, c.chrooted, cautions)
		}
	}
}

// A name that does not exist, looked up for a domain when the
// configuration routes through no next hop of its own (no relayhost,
// transport_maps or content filter), is the domain's MX host: the
// destination's DNS is broken, nothing here is to change, and the
// advice for a local resolver or /etc/hosts does not apply. When the
// relayhost is that name, it does.
func TestDNSHintDeadMXHostIsTheDestinations(t *testing.T) {
	lines := repeat(3, func(i int) string {
		return deliv(i, "oldcompany.example", "bounced", "Host or domain name not found. Name service error for name=mail.oldcompany.example type=A: Host not found")
	})
	master := "smtp unix - - y - - smtp\n"
	e := NewEngine(0)
	e.SetConfig(configOf("relayhost =\nqueue_directory = /var/spool/postfix\n", master))
	feedInto(e, lines...)
	hs := hintIDs(e.Hints(true))["dns"]
	if len(hs) != 1 {
		t.Fatalf("dns hints = %d, want 1", len(hs))
	}
	text := strings.Join(append(hs[0].Evidence, hs[0].Actions...), "\n")
	for _, bad := range []string{"smtp_host_lookup", "resolv.conf", "/etc/hosts"} {
		if strings.Contains(text, bad) {
			t.Errorf("advice for a local resolver (%s) for the destination's MX host:\n%s", bad, text)
		}
	}
	for _, want := range []string{"MX", "nothing to change", "postmaster", "dig +short MX oldcompany.example"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	// A name a parameter of this host routes mail to is its own next
	// hop: the relayhost, or a delivery transport's (virtual_transport =
	// smtp:[exchange.corp.internal] for a site's mailboxes elsewhere).
	for _, conf := range []string{
		"relayhost = [mail.oldcompany.example]:587\n",
		"virtual_transport = smtp:[mail.oldcompany.example]\nvirtual_mailbox_domains = oldcompany.example\n",
		"mailbox_transport = lmtp:inet:mail.oldcompany.example:24\n",
		"fallback_transport = smtp:[mail.oldcompany.example]\n",
	} {
		e = NewEngine(0)
		e.SetConfig(configOf(conf+"queue_directory = /var/spool/postfix\n", master))
		feedInto(e, lines...)
		hs = hintIDs(e.Hints(true))["dns"]
		if len(hs) != 1 || !strings.Contains(strings.Join(hs[0].Actions, "\n"), "smtp_host_lookup = dns, native") {
			t.Errorf("%s: the next hop's name keeps the local advice: %+v", conf, hs)
		}
	}
}
