package sources

import "testing"

// named_file_missing reads Postfix's "open %s: %m" (dict_surrogate.c for
// the tables it reads from their own files, postmap.c, postalias.c,
// master_ent.c): those words are the whole message. Another program's
// line that names an absolute path which is not there (a milter's key
// file, Dovecot's sieve script), pasted alone or quoted, is not Postfix
// missing a file it was told to read.
func TestNamedFileMissingIsPostfixOwnOpen(t *testing.T) {
	const id = "named_file_missing"
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[152]: error: open /srv/mail/conf/client_access.cidr: No such file or directory",
		"Nov 28 10:00:00 mx postfix/cleanup[153]: error: open /opt/mail/header_checks.pcre: No such file or directory",
		"Nov 28 10:00:00 mx postfix/postmap[154]: fatal: open /srv/mail/conf/transport: No such file or directory",
		"postalias: fatal: open /srv/mail/aliases: No such file or directory",
		"error: open /srv/mail/conf/client_access.cidr: No such file or directory",
	} {
		if r := parse(line); entryID(r) != id {
			t.Errorf("%q: entry %q, want %s", line, entryID(r), id)
		}
	}
	for _, line := range []string{
		"can't open /etc/opendkim/keys/example.com/mail.private: No such file or directory",
		"3F2A1C0D9: error loading key 'mail': can't open /etc/opendkim/keys/mail.private: No such file or directory",
		"Error: Failed to open /var/vmail/example.org/ann/sieve/active: No such file or directory",
		"error: could not open /var/lib/dovecot/ssl-parameters.dat: No such file or directory",
		"warning: cannot open /home/ann/.forward: No such file or directory",
		"Nov 28 10:00:00 mx postfix/smtpd[152]: warning: unable to reopen /var/run/mailpolicy/state: No such file or directory",
	} {
		if r := parse(line); entryID(r) == id {
			t.Errorf("%q read as %s", line, id)
		}
	}
	// The same for a file under the configuration directory.
	if r := parse("postconf: fatal: open /etc/postfix/main.cf: No such file or directory"); entryID(r) != "config_file_missing" {
		t.Errorf("main.cf missing: entry %q", entryID(r))
	}
	if r := parse("can't open /etc/postfix/dkim/mail.private: No such file or directory"); entryID(r) == "config_file_missing" {
		t.Errorf("a milter's key file read as config_file_missing")
	}
}
