package analyzers

import (
	"strings"
	"testing"
)

// A shared library that changed under Postfix (OpenSSL, Berkeley DB,
// Cyrus SASL, Postfix's own libraries of a partial upgrade) is fixed by
// installing or building Postfix for the library the host has: no Postfix
// default changed, so the hint says nothing of compatibility_level or of
// the concurrency and process defaults, and its title names no Postfix
// upgrade.
func TestLibraryMismatchAdvisesTheLibrary(t *testing.T) {
	cases := map[string][]string{
		"openssl": {
			"Nov 28 10:00:01 mx postfix/smtpd[411]: warning: run-time library vs. compile-time header version mismatch: OpenSSL 3.5.0 may not be compatible with OpenSSL 3.0.13",
			"Nov 28 10:00:05 mx postfix/smtp[412]: warning: run-time library vs. compile-time header version mismatch: OpenSSL 3.5.0 may not be compatible with OpenSSL 3.0.13",
		},
		"berkeley db": {
			"Nov 28 10:00:01 mx postfix/qmgr[201]: fatal: incorrect version of Berkeley DB: compiled against 5.3.28, run-time linked against 6.2.32",
			"Nov 28 10:00:02 mx postfix/smtpd[202]: warning: hash:/etc/postfix/virtual is unavailable. incorrect version of Berkeley DB: compiled against 5.3.28, run-time linked against 6.2.32",
		},
		"cyrus sasl": {
			"Nov 28 10:00:01 mx postfix/smtpd[301]: warning: incorrect SASL library version. Postfix was built with include files from version 2.1.27, but the run-time library version is 2.1.28",
		},
		"postfix libraries": {
			"Nov 28 10:00:01 mx postfix/smtpd[302]: warning: Postfix library version mis-match: wanted 3.8.6, found 3.9.1",
		},
	}
	for name, lines := range cases {
		t.Run(name, func(t *testing.T) {
			h := hintOf(t, feed(lines...), "upgrade_change")
			all := strings.ToLower(strings.Join(h.Actions, "\n") + "\n" + strings.Join(h.Cautions, "\n"))
			for _, bad := range []string{"compatibility_level", "concurrency", "process limit", "postconf -d"} {
				if strings.Contains(all, bad) {
					t.Errorf("a library mismatch is advised with %q:\n%s", bad, all)
				}
			}
			if strings.Contains(h.Title, "Postfix upgrade") {
				t.Errorf("title names a Postfix upgrade: %s", h.Title)
			}
			for _, want := range []string{"rebuild", "held", "ldd"} {
				if !strings.Contains(all, want) {
					t.Errorf("the advice lacks %q (reinstall or rebuild against the library, the package manager's held or partial upgrade):\n%s", want, all)
				}
			}
			for _, a := range h.Steps {
				if a.Command && strings.ContainsAny(a.Text, "0123456789") && strings.Contains(a.Text, ".") && !strings.Contains(a.Text, "#") {
					t.Errorf("a command carries a version from the log: %s", a.Text)
				}
			}
		})
	}
	// Beside a Postfix version change the upgrade's own advice stays.
	h := hintOf(t, feed(
		"Nov 28 09:00:00 mx postfix/master[1]: daemon started -- version 3.8.6, configuration /etc/postfix",
		"Nov 28 10:00:00 mx postfix/master[2]: daemon started -- version 3.9.1, configuration /etc/postfix",
		cases["openssl"][0],
	), "upgrade_change")
	if all := strings.Join(h.Cautions, "\n"); !strings.Contains(all, "concurrency") {
		t.Errorf("a Postfix upgrade beside the library warning lost its defaults caution: %v", h.Cautions)
	}
}
