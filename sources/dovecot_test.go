package sources

import "testing"

// Dovecot, the mailbox server most Postfix sites deliver to and
// authenticate through, logs to the mail facility beside Postfix. Its own
// lines are read by the entries written for them and by no other, and
// only at Dovecot's warning level or worse.
func TestDovecotLinesReadByTheirOwnEntries(t *testing.T) {
	p := NewParser()
	for _, c := range []struct {
		line string
		sev  Severity
		want string
	}{
		// Dovecot 2.3: the master's report in the child's log context.
		{"Nov 28 10:00:00 mx dovecot: lmtp(ann@example.org)<4242><kJ1nAQ>: Fatal: master: service(lmtp): child 4242 returned error 83 (Out of memory (service lmtp { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)", SevError, "dovecot_lmtp_vsz_limit"},
		// Dovecot 2.2, from the journal with its pid.
		{"2025-11-28T10:00:00.000000+00:00 mx dovecot[812]: master: Error: service(lmtp): child 4242 returned error 83 (Out of memory (service lmtp { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)", SevError, "dovecot_lmtp_vsz_limit"},
		{"Nov 28 10:00:00 mx dovecot: master: Warning: service(lmtp): process_limit (100) reached, client connections are being dropped", SevWarning, "dovecot_lmtp_process_limit"},
		{"Nov 28 10:00:00 mx dovecot: lda(ann): Error: userdb lookup: connect(/var/run/dovecot/auth-userdb) failed: Permission denied (euid=1001(ann) egid=1001(ann) missing +r perm: /var/run/dovecot/auth-userdb, dir owned by 0:0 mode=0755)", SevError, "dovecot_userdb_denied"},
		{"Nov 28 10:00:00 mx dovecot: lmtp(bob@example.org)<77><x>: Error: mkdir(/var/vmail/example.org/bob/Maildir/tmp) failed: Permission denied (euid=5000(vmail) egid=5000(vmail) missing +w perm: /var/vmail/example.org/bob, dir owned by 0:0 mode=0755)", SevError, "dovecot_mail_denied"},
		// dovecot-lda delivering for root: local(8) runs it as default_privs.
		{"Nov 28 10:00:00 mx dovecot: lda(root)<812><Qm9vdA>: Error: chdir(/root/) failed: Permission denied (euid=65534(nobody) egid=65534(nogroup) missing +x perm: /root, dir owned by 0:0 mode=0700)", SevError, "dovecot_lda_root"},
		{"2025-11-28T10:00:00.000000+00:00 mx dovecot[812]: lda(root): Error: userdb lookup: connect(/run/dovecot/auth-userdb) failed: Permission denied (euid=99(nobody) egid=99(nobody) missing +r perm: /run/dovecot/auth-userdb, dir owned by 0:0 mode=0755)", SevError, "dovecot_lda_root"},
		{"Nov 28 10:00:00 mx dovecot: lmtp(19672): Error: Temp file creation to /tmp/dovecot.lmtp.mx.19672. failed: No such file or directory", SevError, "dovecot_temp_dir"},
		{"Nov 28 10:00:00 mx dovecot: lmtp(bob@example.org)<77><x>: Error: write(/var/vmail/example.org/bob/Maildir/tmp/1.mx) failed: No space left on device", SevError, "dovecot_no_space"},
		// The same words at Dovecot's info level, in a user name, from
		// another program or in a Postfix warning are not Dovecot's report.
		{"Nov 28 10:00:00 mx dovecot: lmtp(ann@example.org): Info: Out of memory (service lmtp { vsz_limit=256 MB }, you may need to increase it)", SevInfo, ""},
		{"Nov 28 10:00:00 mx dovecot: imap-login: Info: Disconnected: Connection closed (auth failed, 1 attempts in 2 secs): user=<x failed: Permission denied (euid=>, rip=198.51.100.7", SevInfo, ""},
		// A login name is the client's choice: a level in it is not
		// Dovecot's. The level follows the log prefix at once.
		{"Nov 28 10:00:00 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<x: Error: mkdir(/x) failed: Permission denied (euid=0>, rip=198.51.100.7", SevInfo, ""},
		{"Nov 28 10:00:00 mx dovecot: auth: Info: passwd-file(x: Warning: service(lmtp): process_limit (1) reached,198.51.100.7): unknown user", SevInfo, ""},
		{"Nov 28 10:00:00 mx amavis[77]: (77-01) Error: Out of memory (service lmtp { vsz_limit=256 MB }, you may need to increase it)", SevInfo, ""},
		{"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: service(lmtp): process_limit (100) reached, client connections are being dropped", SevWarning, ""},
	} {
		var r Record
		p.Parse(c.line, &r)
		got := entryID(r)
		if got != c.want || r.Severity != c.sev {
			t.Errorf("%s\n  matched %q at %v, want %q at %v", c.line, got, r.Severity, c.want, c.sev)
		}
		if r.Program == "dovecot" && r.Event != EvOther {
			t.Errorf("%s\n  event %v: a Dovecot line is another program's", c.line, r.Event)
		}
	}
}

// dovecot-lda run by pipe(8) or local(8) writes its error to stderr, and
// the agent quotes it after "Command output:": the entries for Dovecot's
// own lines read it before the general ones for a command's output. Other
// programs' output, and Dovecot's words past the start of the output, stay
// with those general entries.
func TestDovecotLDAOutputReadByDovecotEntries(t *testing.T) {
	wantEntries(t, []lineEntry{
		{"Nov 28 10:00:00 mx postfix/pipe[90]: 3F2A1C0A40: to=<bob@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(bob@example.org): Error: open(/var/vmail/example.org/bob/dovecot.index.log) failed: Permission denied (euid=5000(vmail) egid=5000(vmail) missing +w perm: /var/vmail/example.org/bob, dir owned by 0:0 mode=0755) )", "dovecot_mail_denied"},
		// Dovecot 2.3 adds the pid and session; the older binary is deliver.
		{"Nov 28 10:00:00 mx postfix/pipe[91]: 3F2A1C0A41: to=<bob@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(bob@example.org)<91><kJ1nAQ>: Error: write(/var/vmail/example.org/bob/Maildir/tmp/1.mx) failed: No space left on device )", "dovecot_no_space"},
		{"Nov 28 10:00:00 mx postfix/local[92]: 3F2A1C0A42: to=<ann@example.org>, relay=local, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: deliver(ann): Error: userdb lookup: connect(/var/run/dovecot/auth-userdb) failed: Permission denied (euid=1001(ann) egid=1001(ann) missing +r perm: /var/run/dovecot/auth-userdb, dir owned by 0:0 mode=0755) )", "dovecot_userdb_denied"},
		// A sysexits code in words before the output.
		{"Nov 28 10:00:00 mx postfix/pipe[93]: 3F2A1C0A43: to=<bob@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=5.3.0, status=bounced (service unavailable. Command output: lda(bob@example.org): Error: mkdir(/var/vmail/example.org/bob/Maildir) failed: Permission denied (euid=5000(vmail) egid=5000(vmail) missing +w perm: /var/vmail/example.org, dir owned by 0:0 mode=0755) )", "dovecot_mail_denied"},
		// Another program's output, and Dovecot's form that is not the
		// output's own start, are any command's.
		{"Nov 28 10:00:00 mx postfix/pipe[94]: 3F2A1C0A44: to=<ann@example.org>, relay=spamassassin, delay=2, delays=0/0/0/2, dsn=4.3.0, status=deferred (temporary failure. Command output: spamc: connect to spamd on 127.0.0.1 failed, retrying (#1 of 3): Connection refused )", "pipe_command_output"},
		{"Nov 28 10:00:00 mx postfix/pipe[95]: 3F2A1C0A45: to=<ann@example.org>, relay=filter, delay=2, delays=0/0/0/2, dsn=4.3.0, status=deferred (temporary failure. Command output: filter: got lda(x): Error: open(/x) failed: Permission denied (euid=0 )", "pipe_command_output"},
		{"Nov 28 10:00:00 mx postfix/pipe[96]: 3F2A1C0A46: to=<ann@example.org>, relay=filter, delay=2, delays=0/0/0/2, dsn=4.3.0, status=deferred (temporary failure. Command output: imap(x): Error: open(/x) failed: No space left on device )", "pipe_command_output"},
		// The output at Dovecot's info level is no error report.
		{"Nov 28 10:00:00 mx postfix/pipe[97]: 3F2A1C0A47: to=<ann@example.org>, relay=dovecot, delay=2, delays=0/0/0/2, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(ann): Info: open(/x) failed: No space left on device )", "pipe_command_output"},
	})
}

// Dovecot's limits on client connections: a login process turning a
// user away at mail_max_userip_connections (an info-level line, read by
// its start right after the prefix, in Dovecot 2.2's and 2.3's words and
// with a log_path file's "Info: "), and a service at its process or
// client limit. A client's words that hold the same text elsewhere in
// the line are not Dovecot's report.
func TestDovecotConnectionLimits(t *testing.T) {
	p := NewParser()
	for _, c := range []struct {
		line string
		want string
	}{
		{"Nov 28 10:00:00 mx dovecot: imap-login: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10): user=<ann@example.org>, method=PLAIN, rip=203.0.113.9, lip=192.0.2.1, mpid=0, TLS, session=<kJ1nAQ>", "dovecot_userip_limit"},
		{"2025-11-28T10:00:00.000000+00:00 mx dovecot[812]: pop3-login: Disconnected: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10): user=<ann@example.org>, method=PLAIN, rip=203.0.113.9, lip=192.0.2.1, TLS, session=<kJ1nAQ>", "dovecot_userip_limit"},
		{"Nov 28 10:00:00 mx dovecot: imap-login: Info: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=20): user=<bob@example.org>, method=PLAIN, rip=203.0.113.10, lip=192.0.2.1, TLS", "dovecot_userip_limit"},
		{"Nov 28 10:00:00 mx dovecot: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped", "dovecot_login_process_limit"},
		{"Nov 28 10:00:00 mx dovecot: master: Warning: service(imap): process_limit (1024) reached, client connections are being dropped", "dovecot_imap_process_limit"},
		{"Nov 28 10:00:00 mx dovecot: master: Warning: service(pop3): client_limit (1) reached, client connections are being dropped", "dovecot_pop3_process_limit"},
		{"Nov 28 10:00:00 mx dovecot: master: Warning: service(lmtp): process_limit (100) reached, client connections are being dropped", "dovecot_lmtp_process_limit"},
		// A client's login name with the words, and another process's
		// info line, are no limit.
		{"Nov 28 10:00:00 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<Maximum number of connections from user+IP exceeded>, rip=198.51.100.7", ""},
		{"Nov 28 10:00:00 mx dovecot: imap(ann@example.org): Maximum number of connections from user+IP exceeded", ""},
	} {
		var r Record
		p.Parse(c.line, &r)
		if got := entryID(r); got != c.want {
			t.Errorf("%s\n  matched %q, want %q", c.line, got, c.want)
		}
	}
}
