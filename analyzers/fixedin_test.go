package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// Releases compare by number, not as text; a distribution's suffix after
// the patch level is no part of the release, and what is no release is
// not known rather than old.
func TestHasFixComparesReleases(t *testing.T) {
	eof := []string{"3.4.28", "3.5.18", "3.6.8", "3.7.4", "3.8"}
	for _, c := range []struct {
		version string
		want    fixState
		target  string
	}{
		{"3.7.10", fixHas, "3.7.4"}, // not "3.7.10" < "3.7.4"
		{"3.7.4", fixHas, "3.7.4"},
		{"3.7.3", fixLacks, "3.7.4"},
		{"3.7.0", fixLacks, "3.7.4"},
		{"3.6.20", fixHas, "3.6.8"},
		{"3.4.27", fixLacks, "3.4.28"},
		{"3.10.1", fixHas, "3.8"}, // not "3.10" < "3.8"
		{"3.9.0", fixHas, "3.8"},
		{"4.0.1", fixHas, "3.8"},
		{"3.8.0", fixHas, "3.8"},
		{"3.3.5", fixLacks, "3.8"},
		{"2.11.11", fixLacks, "3.8"},
		{"3.7.11-0+deb12u1", fixHas, "3.7.4"},
		{"3.6.4-1ubuntu1.3", fixLacks, "3.6.8"},
		{"3.5.6+dfsg", fixLacks, "3.5.18"},
		{" 3.7.2 ", fixLacks, "3.7.4"},
		{"3.9-20231015", fixHas, "3.8"},            // a later series' snapshot
		{"3.8-20230115", fixUnknown, ""},           // a snapshot of the series that brought it
		{"3.8.0-RC1", fixUnknown, ""},              // before 3.8.0: with it or not, not known
		{"3.7.4-RC1", fixUnknown, "3.7.4"},         // no such thing, and no guess
		{"3.7", fixUnknown, "3.7.4"},               // which patch, not known
		{"3.10", fixHas, "3.8"},                    // any patch of 3.10
		{"", fixUnknown, ""},                       // nothing read
		{"3", fixUnknown, ""},                      // not a release
		{"3.x", fixUnknown, ""},                    // garbage
		{"3.7.4.1", fixUnknown, ""},                // no Postfix numbering
		{"3.7x", fixUnknown, ""},                   // garbage after the number
		{"+3.7.4", fixUnknown, ""},                 // a sign is no digit
		{"99999999999999999999.1", fixUnknown, ""}, // no overflow
		{"3.8-foo", fixUnknown, ""},
		{"v3.7.4", fixUnknown, ""},
		{"3.7.4\x1b[2J", fixUnknown, ""},
	} {
		r, ok := parseRelease(c.version)
		got, target := fixUnknown, ""
		if ok {
			got, target, _ = hasFix(r, eof)
		}
		if got != c.want || c.want != fixUnknown && target != c.target {
			t.Errorf("%q: got %v (upgrade to %q), want %v (%q)", c.version, got, target, c.want, c.target)
		}
		if ok && strings.Trim(r.String(), "0123456789.") != "" && !r.pre {
			t.Errorf("%q: printed as %q: only digits may reach a hint", c.version, r.String())
		}
	}
}

// Every entry that says what a release lacks lists the releases that
// brought it in a form the judgement reads, says what they brought, and
// has the words for a release that has it, which never say it lacks it.
func TestFixedInEntriesAreComplete(t *testing.T) {
	n := 0
	for i := range sources.KnownMessages {
		k := &sources.KnownMessages[i]
		if len(k.FixedIn) == 0 {
			if k.Brings != "" || k.HasCause != "" || k.HasFix != "" || k.HasTitle != "" || k.HasHint != "" || k.UpgradeThen != "" {
				t.Errorf("%s: release words without FixedIn", k.ID)
			}
			continue
		}
		n++
		var series []postfixRelease
		intro := 0
		for _, f := range k.FixedIn {
			r, ok := parseRelease(f)
			if !ok || r.pre {
				t.Errorf("%s: FixedIn %q is no release", k.ID, f)
				continue
			}
			if r.patch < 0 {
				intro++
				series = append(series, r)
			}
		}
		if intro != 1 {
			t.Errorf("%s: FixedIn %v names %d series every release of which has it, want 1", k.ID, k.FixedIn, intro)
			continue
		}
		for _, f := range k.FixedIn {
			if r, _ := parseRelease(f); r.patch >= 0 && compareSeries(r, series[0]) >= 0 {
				t.Errorf("%s: FixedIn %q is in a series that has it from the start (%s)", k.ID, f, series[0])
			}
		}
		if k.Brings == "" || k.HasCause == "" || k.HasFix == "" {
			t.Errorf("%s: FixedIn without Brings, HasCause or HasFix", k.ID)
		}
		for _, s := range []string{k.HasTitle, k.HasCause, k.HasFix} {
			for _, w := range []string{"predates", "upgrade to", "older than"} {
				if strings.Contains(s, w) {
					t.Errorf("%s: the words for a release that has it say %q: %s", k.ID, w, s)
				}
			}
		}
		if k.HasHint != "" && !validHintID(k.HasHint) {
			t.Errorf("%s: HasHint %q is no hint", k.ID, k.HasHint)
		}
	}
	if n == 0 {
		t.Fatal("no entry has FixedIn")
	}
}

func validHintID(id string) bool {
	for _, s := range hintSpecs {
		if s.ID == id {
			return true
		}
	}
	return false
}

// eofLines are OpenSSL 3's unexpected EOF as tls_misc.c logs it ("TLS
// library problem: %s:%s:%d:"), from smtpd and the smtp client, in the
// forms a log has them: a syslog file, a docker compose log, and lines
// pasted without their header.
func eofLines(from int) []string {
	const msg = "warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:%d:"
	var out []string
	for i := range 3 {
		out = append(out,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: "+msg, stamp(from+i*10), 4100+i, 300+i),
			fmt.Sprintf("mail-1  | %s mx postfix/smtp[%d]: "+msg, stamp(from+i*10+1), 4200+i, 308),
			fmt.Sprintf("postfix/smtpd[%d]: "+msg, 4300+i, 322))
	}
	return out
}

// eofHints are the hints of eofLines after the master's start line of
// started (none for ""), with mail_version as the configuration gives it
// (no configuration for "").
func eofHints(started, mailVersion string) []Hint {
	var lines []string
	if started != "" {
		lines = append(lines, stamp(0)+" mx postfix/master[1]: daemon started -- version "+started+", configuration /etc/postfix")
	}
	e := feed(append(lines, eofLines(5)...)...)
	if mailVersion != "" {
		e.SetConfig(configOf("mail_version = "+mailVersion+"\n", ""))
	}
	return e.Hints(true)
}

// OpenSSL 3's unexpected EOF, judged against the release that wrote it:
// a release without Postfix's workaround is told the release of its own
// series to upgrade to; one that has it is not told it predates it, and
// gets a TLS hint about peers that cut connections, at info; a release
// not known keeps the words that name every release with the workaround.
func TestUnexpectedEOFByRelease(t *testing.T) {
	for _, c := range []struct {
		started, mailVersion string
		want                 fixState
		step                 string
	}{
		{"", "3.7.2", fixLacks, "upgrade to 3.7.4 or later of the 3.7 series (or a current release)"},
		{"3.6.4", "", fixLacks, "upgrade to 3.6.8 or later of the 3.6 series (or a current release)"},
		{"3.4.14", "", fixLacks, "upgrade to 3.4.28 or later of the 3.4 series (or a current release)"},
		{"3.3.5", "", fixLacks, "upgrade to 3.8 or later (a current release): no 3.3 release has"},
		{"", "3.7.10", fixHas, ""},
		{"3.10.1", "", fixHas, ""},
		{"3.8.0", "3.8.0", fixHas, ""},
		{"", "3.5.18", fixHas, ""},
		{"", "", fixUnknown, ""},
		{"", "3.x", fixUnknown, ""},
		{"3.8-20230115", "", fixUnknown, ""},
	} {
		name := c.started + "/" + c.mailVersion
		ids := hintIDs(eofHints(c.started, c.mailVersion))
		up := ids["upgrade_change"]
		var eofTLS []Hint
		for _, h := range ids["tls"] {
			if strings.Contains(hintText(h), "tls_unexpected_eof") {
				eofTLS = append(eofTLS, h)
			}
		}
		switch c.want {
		case fixHas:
			if len(up) != 0 {
				t.Errorf("%s: upgrade hint for a release with the workaround: %q", name, hintText(up[0]))
			}
			if len(eofTLS) == 0 {
				t.Errorf("%s: no TLS hint for the lines: %+v", name, ids)
			}
			for _, h := range eofTLS {
				text := hintText(h)
				if h.Severity != SevInfo {
					t.Errorf("%s: %s at %s: a peer's hang-up harms no mail", name, h.Title, h.Severity)
				}
				for _, bad := range []string{"predates", "upgrade to", "3.7.4, 3.6.8"} {
					if strings.Contains(text, bad) {
						t.Errorf("%s: a release with the workaround is told %q: %s", name, bad, text)
					}
				}
				for _, want := range []string{"has the workaround", "really cut the connection", "mail is not affected"} {
					if !strings.Contains(text, want) {
						t.Errorf("%s: hint lacks %q: %s", name, want, text)
					}
				}
			}
		case fixLacks:
			if len(up) != 1 {
				t.Fatalf("%s: want one upgrade hint, got %+v", name, ids)
			}
			text := hintText(up[0])
			if up[0].Severity != SevInfo || !strings.Contains(up[0].Title, "predates") {
				t.Errorf("%s: %s %q", name, up[0].Severity, up[0].Title)
			}
			if !strings.Contains(text, c.step) {
				t.Errorf("%s: advice lacks %q: %s", name, c.step, text)
			}
			if !strings.Contains(text, "this Postfix is "+strings.TrimSpace(c.started+c.mailVersion)) {
				t.Errorf("%s: evidence does not name the release: %s", name, text)
			}
			if strings.Contains(text, "install a Postfix patch release") {
				t.Errorf("%s: the release is known, yet every series is listed: %s", name, text)
			}
		case fixUnknown:
			if len(up) != 1 {
				t.Fatalf("%s: want one upgrade hint, got %+v", name, ids)
			}
			text := hintText(up[0])
			for _, want := range []string{"3.7.4", "3.6.8", "3.5.18", "3.4.28", "close_notify", "install a Postfix patch release"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: advice does not name %s: %s", name, want, text)
				}
			}
			if strings.Contains(text, "this Postfix is") {
				t.Errorf("%s: a release not known is named: %s", name, text)
			}
		}
	}
}

// Lines a release without the workaround wrote before an upgrade to one
// with it, as the log's start lines tell, ask for nothing more.
func TestUnexpectedEOFBeforeTheUpgrade(t *testing.T) {
	lines := []string{stamp(0) + " mx postfix/master[1]: daemon started -- version 3.7.2, configuration /etc/postfix"}
	lines = append(lines, stamp(5)+" mx postfix/smtpd[4100]: warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:308:")
	lines = append(lines, stamp(60)+" mx postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix")
	for _, h := range feed(lines...).Hints(true) {
		text := hintText(h)
		if strings.Contains(text, "upgrade to 3.7.4") {
			t.Errorf("told to upgrade after the upgrade: %s", text)
		}
		if h.ID == "upgrade_change" && !strings.Contains(text, "Postfix is 3.7.11 now, which has it") {
			t.Errorf("the upgrade hint does not say the lines predate 3.7.11: %s", text)
		}
	}
}

// A daemon that calls tcp: or socketmap: unsupported (dict_open.c's
// "unsupported dictionary type: %s") runs a Postfix older than the
// release that built the type in (2.7, 2.10), which is told to upgrade
// to it; a release that has the type is not: the line came from another
// Postfix, which the hint sends the admin to find; a release not known
// keeps the words that ask for it.
func TestBuiltinTableTypeByRelease(t *testing.T) {
	for _, c := range []struct {
		typ, started, mailVersion string
		want                      fixState
		step                      string
	}{
		{"tcp", "2.6.5", "", fixLacks, "upgrade to 2.7 or later (a current release): no 2.6 release has the tcp: table type"},
		{"socketmap", "", "2.9.15", fixLacks, "upgrade to 2.10 or later (a current release): no 2.9 release has the socketmap: table type"},
		{"socketmap", "", "2.10.0", fixHas, ""},
		{"tcp", "3.7.11", "", fixHas, ""},
		{"socketmap", "", "3.10.1", fixHas, ""},
		{"tcp", "", "", fixUnknown, ""},
		{"socketmap", "", "2.x", fixUnknown, ""},
	} {
		name := c.typ + " " + c.started + "/" + c.mailVersion
		var lines []string
		if c.started != "" {
			lines = append(lines, stamp(0)+" mx postfix/master[1]: daemon started -- version "+c.started+", configuration /etc/postfix")
		}
		lines = append(lines,
			stamp(5)+" mx postfix/cleanup[125]: fatal: unsupported dictionary type: "+c.typ,
			"mail-1  | "+stamp(6)+" mx postfix/cleanup[126]: fatal: unsupported dictionary type: "+c.typ,
			"postfix/cleanup[127]: fatal: unsupported dictionary type: "+c.typ)
		e := feed(lines...)
		if c.mailVersion != "" {
			e.SetConfig(configOf("mail_version = "+c.mailVersion+"\nsender_canonical_maps = "+c.typ+":localhost:10001\n", ""))
		}
		h := hintOf(t, e, sources.HintConfigError)
		text := hintText(h)
		if h.Severity != SevCritical {
			t.Errorf("%s: %s: the daemon stops and the mail waits", name, h.Severity)
		}
		switch c.want {
		case fixLacks:
			if !strings.Contains(text, c.step) || !strings.Contains(text, "take the "+c.typ+": tables out of main.cf") {
				t.Errorf("%s: advice %q", name, text)
			}
			if strings.Contains(text, "check the release") {
				t.Errorf("%s: the release is known, yet it is asked for: %s", name, text)
			}
		case fixHas:
			for _, bad := range []string{"upgrade to", "below 2.", "check the release"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s: a release with the type is told %q: %s", name, bad, text)
				}
			}
			if !strings.Contains(text, "another Postfix") || !strings.Contains(text, "postconf -m") {
				t.Errorf("%s: advice %q", name, text)
			}
		case fixUnknown:
			if !strings.Contains(text, "check the release (postconf mail_version)") || strings.Contains(text, "this Postfix is") {
				t.Errorf("%s: advice %q", name, text)
			}
		}
	}
}

// tls_dh.c's "Invalid TLS eecdh grade \"%s\": EECDH disabled" (2.6 to
// 3.5): before 3.2, whose auto grade a newer template sets, the setting
// is told strong meanwhile and the release to upgrade to; from 3.2 on the
// value is a misspelling, and auto is the grade to set; a release not
// known keeps the words that name both.
func TestInvalidEECDHGradeByRelease(t *testing.T) {
	for _, c := range []struct {
		started, mailVersion string
		want                 fixState
	}{
		{"3.1.15", "", fixLacks},
		{"", "2.11.11", fixLacks},
		{"", "3.4.14", fixHas},
		{"3.2.0", "", fixHas},
		{"", "", fixUnknown},
		{"", "3.4.x", fixUnknown},
	} {
		name := c.started + "/" + c.mailVersion
		var lines []string
		if c.started != "" {
			lines = append(lines, stamp(0)+" mx postfix/master[1]: daemon started -- version "+c.started+", configuration /etc/postfix")
		}
		lines = append(lines,
			stamp(5)+` mx postfix/smtpd[310]: warning: Invalid TLS eecdh grade "auto": EECDH disabled`,
			"mail-1  | "+stamp(6)+` mx postfix/smtpd[311]: warning: Invalid TLS eecdh grade "auto ": EECDH disabled`,
			`postfix/smtpd[312]: warning: Invalid TLS eecdh grade "strong # ECDHE": EECDH disabled`)
		e := feed(lines...)
		if c.mailVersion != "" {
			e.SetConfig(configOf("mail_version = "+c.mailVersion+"\n", ""))
		}
		h := hintOf(t, e, "tls")
		text := hintText(h)
		switch c.want {
		case fixLacks:
			if !strings.Contains(text, "upgrade to 3.2 or later (a current release)") || !strings.Contains(text, "smtpd_tls_eecdh_grade = strong") {
				t.Errorf("%s: advice %q", name, text)
			}
			if strings.Contains(text, "= auto") {
				t.Errorf("%s: a release without auto is told to set it: %s", name, text)
			}
		case fixHas:
			if !strings.Contains(text, "smtpd_tls_eecdh_grade = auto") || !strings.Contains(text, "misspelling") {
				t.Errorf("%s: advice %q", name, text)
			}
			for _, bad := range []string{"upgrade to", "written for a newer Postfix", "auto only from"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s: a release with auto is told %q: %s", name, bad, text)
				}
			}
		case fixUnknown:
			if !strings.Contains(text, "auto only from Postfix 3.2") || strings.Contains(text, "this Postfix is") {
				t.Errorf("%s: advice %q", name, text)
			}
		}
	}
}
