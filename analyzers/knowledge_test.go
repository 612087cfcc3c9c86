package analyzers

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"mxtop/sources"
)

// knownLines are written from Postfix's format strings (the warning,
// error, fatal and panic call sites) and its smtpd/postscreen replies,
// one or more per knowledge-base entry; host names and addresses are made
// up.
var knownLines = map[string][]string{
	"mailbox_too_large":          {"Nov 28 10:00:00 mx postfix/local[30]: 3F2A1C0A1B: to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/ann for user ann. error writing message: File too large)"},
	"virtual_mailbox_too_large":  {"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A1C: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (delivery failed to mailbox /var/vmail/example.org/bob: error writing message: File too large)"},
	"virtual_mailbox_over_quota": {"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A1D: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (delivery failed to mailbox /var/vmail/example.org/bob: error writing message: Disk quota exceeded)"},
	"maildir_file_too_large": {"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A1E: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (maildir delivery failed: error writing message: File too large)",
		"Nov 28 10:00:00 mx postfix/local[30]: 3F2A1C0A1F: to=<ann@mx.example.org>, orig_to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (maildir delivery failed: error writing message: File too large)"},
	"mailbox_no_space": {"Nov 28 10:00:00 mx postfix/local[30]: 3F2A1C0A20: to=<ann@mx.example.org>, orig_to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=deferred (cannot update mailbox /var/mail/ann for user ann. error writing message: No space left on device)",
		"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A21: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=deferred (delivery failed to mailbox /var/vmail/example.org/bob: error writing message: No space left on device)"},
	"maildir_no_space":             {"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A22: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=deferred (maildir delivery failed: create maildir file /var/vmail/example.org/bob/tmp/1764496800.P31.mx: No space left on device)"},
	"virtual_mailbox_write_denied": {"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A23: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (delivery failed to mailbox /var/vmail/example.org/bob: cannot open file: Permission denied)"},
	"virtual_mailbox_lock_busy":    {"Nov 28 10:00:00 mx postfix/virtual[31]: 3F2A1C0A24: to=<bob@example.org>, relay=virtual, delay=93, delays=0/75/0/17, dsn=4.2.0, status=deferred (delivery failed to mailbox /var/vmail/example.org/bob: unable to create lock file /var/vmail/example.org/bob.lock: File exists)"},
	"file_size_limit_panic":        {"Nov 28 10:00:00 mx postfix/local[30]: panic: file size limit 51200000 < message size 51200412. This causes large messages to be delivered repeatedly after they were submitted with \"sendmail -t\" or after recipients were added with the Milter SMFIR_ADDRCPT request"},
	"mailbox_write_denied":         {"Nov 28 10:00:00 mx postfix/local[32]: 3F2A1C0A1D: to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (cannot update mailbox /var/mail/ann for user ann. cannot open file: Permission denied)"},
	"maildir_not_permitted": {"Nov 28 10:00:00 mx postfix/virtual[37]: 3F2A1C0A22: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (maildir delivery failed: create maildir file /var/vmail/example.org/bob/tmp/1764496800.P37.mx: Operation not permitted)",
		"Nov 28 10:00:00 mx postfix/local[38]: 3F2A1C0A23: to=<ann@mx.example.org>, orig_to=<ann>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (maildir delivery failed: create maildir file /home/ann/Maildir/new/1764496800.V801I2M3.mx: Operation not permitted)"},
	"maildir_over_quota": {"Nov 28 10:00:00 mx postfix/virtual[39]: 3F2A1C0A24: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (maildir delivery failed: create maildir file /var/vmail/example.org/bob/tmp/1764496800.P39.mx: Disk quota exceeded)",
		"Nov 28 10:00:00 mx postfix/local[40]: 3F2A1C0A25: to=<ann@mx.example.org>, orig_to=<ann>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (maildir delivery failed: error writing message: Disk quota exceeded)"},
	"mailbox_lock_busy": {"Nov 28 10:00:00 mx postfix/local[42]: 3F2A1C0A27: to=<ann@mx.example.org>, orig_to=<ann@example.org>, relay=local, delay=93, delays=0/75/0/17, dsn=4.2.0, status=deferred (cannot update mailbox /var/mail/ann for user ann. unable to create lock file /var/mail/ann.lock: File exists)"},
	"mailbox_lock_denied": {"Nov 28 10:00:00 mx postfix/local[43]: 3F2A1C0A28: to=<ann@mx.example.org>, orig_to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.0, status=bounced (cannot update mailbox /var/mail/ann for user ann. unable to create lock file /var/mail/ann.lock: Permission denied)",
		"Nov 28 10:00:00 mx postfix/virtual[44]: 3F2A1C0A29: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (delivery failed to mailbox /var/vmail/example.org/bob: unable to create lock file /var/vmail/example.org/bob.lock: Permission denied)",
		"Nov 28 10:00:00 mx postfix/local[45]: warning: unable to create lock file /var/log/alerts.log.lock: Permission denied"},
	"virtual_mailbox_base_empty": {"Nov 28 10:00:00 mx postfix/virtual[46]: fatal: bad string length 0 < 1: virtual_mailbox_base = "},
	"mailbox_over_quota":         {"Nov 28 10:00:00 mx postfix/local[41]: 3F2A1C0A26: to=<ann@mx.example.org>, orig_to=<ann>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/ann for user ann. error writing message: Disk quota exceeded)"},
	"maildir_write_denied":       {"Nov 28 10:00:00 mx postfix/virtual[33]: 3F2A1C0A1E: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (create maildir file /var/vmail/example.org/bob/tmp/1764496800.P33.mx: Permission denied)"},
	"dovecot_lmtp_vsz_limit":     {"Nov 28 10:00:00 mx dovecot: lmtp(ann@example.org)<4242><kJ1nAQ>: Fatal: master: service(lmtp): child 4242 returned error 83 (Out of memory (service lmtp { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)"},
	"dovecot_lmtp_process_limit": {"Nov 28 10:00:00 mx dovecot: master: Warning: service(lmtp): process_limit (100) reached, client connections are being dropped",
		"Nov 28 10:00:00 mx dovecot: master: Error: service(lmtp): client_limit (1) reached, client connections are being dropped"},
	"dovecot_auth_client_limit":   {"Nov 28 10:00:00 mx dovecot: master: Warning: service(auth): client_limit (1000) reached, client connections are being dropped"},
	"dovecot_userip_limit":        {"Nov 28 10:00:00 mx dovecot: imap-login: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10): user=<ann@example.org>, method=PLAIN, rip=203.0.113.9, lip=192.0.2.1, TLS, session=<kJ1nAQ>"},
	"dovecot_login_process_limit": {"Nov 28 10:00:00 mx dovecot: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped"},
	"dovecot_imap_process_limit":  {"Nov 28 10:00:00 mx dovecot: master: Warning: service(imap): process_limit (1024) reached, client connections are being dropped"},
	"dovecot_pop3_process_limit":  {"Nov 28 10:00:00 mx dovecot: master: Warning: service(pop3): process_limit (100) reached, client connections are being dropped"},
	"dovecot_auth_database": {"Nov 28 10:00:00 mx dovecot: auth-worker(91): Error: mysql(127.0.0.1): Connect failed to database (mail): Can't connect to MySQL server on '127.0.0.1' (111) - waiting for 1 seconds before retry",
		"Nov 28 10:00:00 mx dovecot: auth-worker(91): Error: pgsql(db.example.org): Connect failed to database mail: could not connect to server: Connection refused"},
	"dovecot_auth_ldap": {"Nov 28 10:00:00 mx dovecot: auth: Error: LDAP ldap://ldap.example.org: Can't connect to server: Can't contact LDAP server"},
	"dovecot_auth_query": {"Nov 28 10:00:00 mx dovecot: auth-worker(91): Error: sql(ann@example.org,172.18.0.1,<kJ1nAQ>): Password query failed: Table 'mail.mailbox' doesn't exist",
		"Nov 28 10:00:00 mx dovecot: auth-worker(91): Error: sql(ann@example.org,172.18.0.1): User query failed: Unknown column 'maildir' in 'field list'"},
	"dovecot_userdb_denied": {"Nov 28 10:00:00 mx dovecot: lda(ann): Error: userdb lookup: connect(/var/run/dovecot/auth-userdb) failed: Permission denied (euid=1001(ann) egid=1001(ann) missing +r perm: /var/run/dovecot/auth-userdb, dir owned by 0:0 mode=0755)"},
	"dovecot_mail_denied": {"Nov 28 10:00:00 mx dovecot: lmtp(bob@example.org)<77><x>: Error: mkdir(/var/vmail/example.org/bob/Maildir/tmp) failed: Permission denied (euid=5000(vmail) egid=5000(vmail) missing +w perm: /var/vmail/example.org/bob, dir owned by 0:0 mode=0755)",
		"Nov 28 10:00:00 mx postfix/pipe[78]: 3F2A1C0A66: to=<bob@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(bob@example.org): Error: open(/var/vmail/example.org/bob/dovecot.index.log) failed: Permission denied (euid=5000(vmail) egid=5000(vmail) missing +w perm: /var/vmail/example.org/bob, dir owned by 0:0 mode=0755) )"},
	"dovecot_config_denied": {"Nov 28 10:00:00 mx postfix/pipe[79]: 3F2A1C0A67: to=<bob@example.org>, relay=dovecot, delay=0.3, delays=0.1/0/0/0.2, dsn=4.3.0, status=deferred (temporary failure. Command output: doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-auth.conf line 120: Couldn't open include file /etc/dovecot/conf.d/auth-sql.conf.ext: Permission denied )",
		"postfix/local[80]: 3F2A1C0A68: to=<ann@mx.example.org>, orig_to=<ann>, relay=local, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 98: Couldn't open include file /etc/dovecot/local.conf: Permission denied )",
		"Nov 28 10:00:00 mx dovecot[88]: doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-auth.conf line 120: Couldn't open include file /etc/dovecot/conf.d/auth-sql.conf.ext: Permission denied"},
	"dovecot_config_error": {"Nov 28 10:00:00 mx dovecot[88]: doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 12: Unknown setting: ssl_min_protocol",
		"postfix/pipe[81]: 3F2A1C0A69: to=<bob@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 12: Unknown setting: ssl_min_protocol )"},
	"dovecot_stats_writer_denied": {"Nov 28 10:00:00 mx postfix/local[82]: 3F2A1C0A6A: to=<ann@example.org>, relay=local, delay=600, delays=599/0.02/0/0.2, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(ann): Error: net_connect_unix(/run/dovecot/stats-writer) failed: Permission denied )",
		"postfix/pipe[83]: 3F2A1C0A6B: to=<bob@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(bob@example.org): Error: net_connect_unix(/var/run/dovecot/stats-writer) failed: Permission denied )"},
	"dovecot_temp_dir": {"Nov 28 10:00:00 mx dovecot: lmtp(19672): Error: Temp file creation to /tmp/dovecot.lmtp.mx.19672. failed: No such file or directory"},
	"dovecot_no_space": {"Nov 28 10:00:00 mx dovecot: lmtp(bob@example.org)<77><x>: Error: write(/var/vmail/example.org/bob/Maildir/tmp/1.mx) failed: No space left on device"},
	"pipe_command_exec_denied": {"Nov 28 10:00:00 mx postfix/pipe[35]: 3F2A1C0A20: to=<desk@example.org>, relay=deskpipe, delay=1, delays=1/0/0/0.01, dsn=4.3.0, status=deferred (temporary failure. Command output: pipe: fatal: pipe_command: execvp /srv/desk/bin/ingest: Permission denied )",
		"Nov 28 10:00:00 mx postfix/pipe[36]: fatal: pipe_command: execvp /srv/desk/bin/ingest: Permission denied"},
	"pickup_lookup_denied":          {"Nov 28 10:00:00 mx postfix/postdrop[37]: warning: unable to look up public/pickup: Permission denied"},
	"dovecot_lda_root":              {"Nov 28 10:00:00 mx dovecot: lda(root)<812><Qm9vdA>: Error: stat(/root/Maildir/tmp) failed: Permission denied (euid=65534(nobody) egid=65534(nogroup) missing +x perm: /root, dir owned by 0:0 mode=0700)"},
	"mailbox_command_root":          {"Nov 28 10:00:00 mx postfix/local[52]: 3F2A1C0A30: to=<root@mx.example.org>, orig_to=<root>, relay=local, delay=600, delays=599/0/0/1, dsn=4.3.0, status=deferred (temporary failure. Command output: lda(root): Error: net_connect_unix(/run/dovecot/stats-writer) failed: Permission denied )"},
	"pipe_command_output":           {"Nov 28 10:00:00 mx postfix/pipe[34]: 3F2A1C0A1F: to=<ann@example.org>, relay=spamassassin, delay=2, delays=0/0/0/2, dsn=4.3.0, status=deferred (temporary failure. Command output: spamc: connect to spamd on 127.0.0.1 failed, retrying (#1 of 3): Connection refused )"},
	"local_command_restricted":      {"Nov 28 10:00:00 mx postfix/local[36]: 3F2A1C0A21: to=<alerts@mx.example.org>, orig_to=<alerts@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.7.1, status=bounced (mail to command is restricted)"},
	"local_file_restricted":         {"Nov 28 10:00:00 mx postfix/local[36]: 3F2A1C0A22: to=<alerts@mx.example.org>, orig_to=<alerts@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.7.1, status=bounced (mail to file is restricted)"},
	"local_file_append_failed":      {"Nov 28 10:00:00 mx postfix/local[36]: 3F2A1C0A23: to=<alerts@mx.example.org>, orig_to=<alerts@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.0, status=bounced (cannot append message to file /var/log/alerts.log: Permission denied)"},
	"pipe_command_died":             {"Nov 28 10:00:00 mx postfix/pipe[35]: 3F2A1C0A20: to=<ann@example.org>, relay=dovecot, delay=1, delays=0/0/0/1, dsn=4.3.0, status=deferred (Command died with status 75: \"/usr/lib/dovecot/dovecot-lda\")"},
	"command_file_size_limit":       {"Nov 28 10:00:00 mx postfix/pipe[35]: 3F2A1C0A22: to=<ann@example.org>, relay=archive, delay=1, delays=0/0/0/1, dsn=4.3.0, status=deferred (Command died with signal 25: \"/usr/local/bin/archive\")"},
	"command_file_size_limit_shell": {"Nov 28 10:00:00 mx postfix/local[35]: 3F2A1C0A22: to=<ann@example.org>, relay=local, delay=1, delays=0/0/0/1, dsn=5.3.0, status=bounced (Command died with status 153: \"/usr/bin/procmail\")"},
	"pipe_command_signal":           {"Nov 28 10:00:00 mx postfix/pipe[35]: 3F2A1C0A22: to=<ann@example.org>, relay=dovecot, delay=1, delays=0/0/0/1, dsn=4.3.0, status=deferred (Command died with signal 9: \"/usr/lib/dovecot/deliver\")"},
	"pipe_command_exit":             {"Nov 28 10:00:00 mx postfix/pipe[34]: 3F2A1C0A23: to=<ann@example.org>, relay=mailman, delay=2, delays=0/0/0/2, dsn=5.3.0, status=bounced (service unavailable. Command output: Failure to find group name nobody. )", "Nov 28 10:00:00 mx postfix/local[34]: 3F2A1C0A24: to=<list@example.org>, relay=local, delay=2, delays=0/0/0/2, dsn=5.3.5, status=bounced (local configuration error. Command output: no such list )"},
	"command_exit_config":           {"Nov 28 10:00:00 mx postfix/local[35]: 3F2A1C0A25: to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.3.5, status=bounced (local configuration error)", "... status=bounced (local configuration error)"},
	"command_exit_software":         {"Nov 28 10:00:00 mx postfix/pipe[37]: 3F2A1C0A26: to=<ann@example.org>, relay=dovecot, delay=0.1, delays=0/0/0/0.1, dsn=5.3.0, status=bounced (internal software error)"},
	"command_exit_usage":            {"Nov 28 10:00:00 mx postfix/pipe[39]: 3F2A1C0A28: to=<ann@example.org>, relay=spamfilter, delay=0.1, delays=0/0/0/0.1, dsn=5.3.0, status=bounced (command line usage error)"},
	"queue_directory_missing":       {"Nov 28 10:00:00 mx postfix/master[1]: fatal: chdir /var/spool/postfix: No such file or directory", "sendmail: fatal: chdir /Library/Server/Mail/Data/spool: No such file or directory", "Nov 28 10:00:00 mx postfix/postdrop[77]: fatal: chdir /var/spool/postfix: No such file or directory"},
	"pipe_time_limit": {"Nov 28 10:00:00 mx postfix/pipe[36]: 3F2A1C0A21: to=<ann@example.org>, relay=mailman, delay=1000, delays=0/0/0/1000, dsn=4.3.0, status=deferred (Command time limit exceeded: \"/usr/lib/mailman/bin/postfix-to-mailman.py\")",
		"Nov 28 10:00:00 mx postfix/local[37]: 3F2A1C0A22: to=<ann@mx.example.org>, orig_to=<ann>, relay=local, delay=1001, delays=0/0/0/1001, dsn=4.3.0, status=deferred (Command time limit exceeded: \"/usr/bin/procmail -a $EXTENSION\")"},
	"lmtp_over_quota": {"Nov 28 10:00:00 mx postfix/lmtp[40]: 3F2A1C0A30: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.3, delays=0.1/0/0/0.2, dsn=5.2.2, status=bounced (host mx.example.org[private/dovecot-lmtp] said: 552 5.2.2 <ann@example.org> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))",
		"Nov 28 10:00:00 mx postfix/lmtp[41]: 3F2A1C0A31: to=<bob@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=4.2.2, status=deferred (host mx.example.org[private/dovecot-lmtp] said: 452 4.2.2 <bob@example.org> Quota exceeded (mailbox for user is full) (in reply to RCPT TO command))"},
	"address_resolver_failure": {"Nov 28 10:00:00 mx postfix/qmgr[41]: 3F2A1C0A38: to=<ann@partner.example>, relay=none, delay=0.05, delays=0.04/0.01/0/0, dsn=4.3.0, status=deferred (address resolver failure)"},
	"smtp_local_data_error":    {"Nov 28 10:00:00 mx postfix/smtp[44]: 3F2A1C0A37: to=<ann@gmail.com>, relay=smtp.sendgrid.net[198.51.100.20]:587, delay=0.5, delays=0.1/0/0.3/0.1, dsn=4.3.0, status=deferred (local data error while talking to smtp.sendgrid.net[198.51.100.20])"},
	"lmtp_user_unknown":        {"Nov 28 10:00:00 mx postfix/lmtp[42]: 3F2A1C0A32: to=<gone@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=5.1.1, status=bounced (host mx.example.org[private/dovecot-lmtp] said: 550 5.1.1 <gone@example.org> User doesn't exist: gone@example.org (in reply to RCPT TO command))"},
	"lmtp_reply_out_of_step": {"Nov 28 10:00:00 mx postfix/lmtp[45]: 3F2A1C0A35: to=<ann@example.org>, relay=mx.example.org[public/lmtp], delay=1, delays=0.1/0/0/0.9, dsn=5.0.0, status=bounced (host mx.example.org[public/lmtp] said: 250 2.1.5 ok (in reply to DATA command))",
		"Nov 28 10:00:00 mx postfix/lmtp[46]: 3F2A1C0A36: to=<bob@example.org>, relay=mx.example.org[192.0.2.40]:24, delay=1, delays=0.1/0/0/0.9, dsn=4.0.0, status=deferred (host mx.example.org[192.0.2.40] said: 250 2.1.5 Ok (in reply to DATA command))"},
	"lmtp_user_concurrency": {"Nov 28 10:00:00 mx postfix/lmtp[43]: 3F2A1C0A33: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (host mx.example.org[private/dovecot-lmtp] said: 451 4.3.0 <ann@example.org> Too many concurrent deliveries for user (in reply to RCPT TO command))"},
	"local_unknown_user": {"Nov 28 10:00:00 mx postfix/local[60]: 3F2A1C0A41: to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"ann\")",
		"Nov 28 10:00:00 mx postfix/virtual[61]: 3F2A1C0A42: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"bob@example.org\")"},
	"command_over_quota": {"Nov 28 10:00:00 mx postfix/pipe[62]: 3F2A1C0A43: to=<ann@example.org>, relay=dovecot, delay=0.2, delays=0.1/0/0/0.1, dsn=5.7.0, status=bounced (permission denied. Command output: Quota exceeded (mailbox for user is full) )",
		"Nov 28 10:00:00 mx postfix/local[63]: 3F2A1C0A44: to=<ann@example.org>, relay=local, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: Quota exceeded (mailbox for user is full) )"},
	"lmtp_sieve_failure": {"Nov 28 10:00:00 mx postfix/lmtp[49]: 3F2A1C0A39: to=<ann@example.org>, relay=mx.example.org[192.0.2.30]:2525, delay=0.3, delays=0.2/0/0/0.1, dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.30] said: 451 4.2.0 <ann@example.org> Execution of Sieve filters was aborted due to temporary failure (in reply to end of DATA command))"},
	"delivery_config_error": {"Nov 28 10:00:00 mx postfix/pipe[57]: 3F2A1C0A3E: to=<ann@example.org>, relay=dovecot, delay=2, delays=2/0/0/0.1, dsn=4.3.5, status=deferred (mail system configuration error)",
		"Nov 28 10:00:00 mx postfix/local[58]: 3F2A1C0A3F: to=<list@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.3.5, status=bounced (mail system configuration error)",
		"Nov 28 10:00:00 mx postfix/virtual[59]: 3F2A1C0A40: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.3.5, status=deferred (mail system configuration error)"},
	"lmtp_internal_error": {"Nov 28 10:00:00 mx postfix/lmtp[44]: 3F2A1C0A34: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (host mx.example.org[private/dovecot-lmtp] said: 451 4.3.0 <ann@example.org> Temporary internal error (in reply to RCPT TO command))",
		"Nov 28 10:00:00 mx postfix/lmtp[45]: 3F2A1C0A35: to=<bob@example.org>, relay=127.0.0.1[127.0.0.1]:24, delay=0.4, delays=0.1/0/0/0.3, dsn=4.2.0, status=deferred (host 127.0.0.1[127.0.0.1] said: 451 4.2.0 <bob@example.org> Internal error occurred. Refer to server log for more information. [2026-11-28 10:00:00] (in reply to end of DATA command))",
		"Nov 28 10:00:00 mx postfix/lmtp[45]: 3F2A1C0A3A: to=<cy@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.5, delays=0.4/0/0/0.1, dsn=4.3.0, status=deferred (host mx.example.org[private/dovecot-lmtp] said: 451 4.3.0 Temporary internal failure (in reply to end of DATA command))"},
	"endpoint_host_not_found": {"Nov 28 10:00:00 mx postfix/smtpd[62]: fatal: host/service policy.example.net/12340 not found: Name or service not known",
		"Nov 28 10:00:00 mx postfix/cleanup[63]: fatal: host/service dkim-signer/8891 not found: Name or service not known"},
	"milter_endpoint_untyped":   {"Nov 28 10:00:00 mx postfix/smtpd[64]: warning: Milter service needs transport:endpoint instead of \"localhost:8891\""},
	"milter_transport_invalid":  {"Nov 28 10:00:00 mx postfix/cleanup[65]: warning: invalid transport name: tcp in Milter service: tcp:127.0.0.1:5000"},
	"milter_syntax_error":       {"Nov 28 10:00:00 mx postfix/smtpd[66]: fatal: milter service syntax error: { inet:127.0.0.1:8891, connect_timeout=10s"},
	"milter_protocol_conflict":  {"Nov 28 10:00:00 mx postfix/smtpd[67]: warning: milter inet:127.0.0.1:8891: protocol version 2 conflict with MTA protocol version 6", "Nov 28 10:00:00 mx postfix/cleanup[68]: warning: milter unix:/run/milter/scan.sock: request mask 0x1ff conflict with MTA request mask 0x3f"},
	"milter_default_action_bad": {"Nov 28 10:00:00 mx postfix/smtpd[69]: warning: milter inet:127.0.0.1:8891: unrecognized default action: continue"},
	"service_endpoint_untyped":  {"Nov 28 10:00:00 mx postfix/smtpd[70]: fatal: need service transport:endpoint instead of \"127.0.0.1:10023\""},
	"service_transport_invalid": {"Nov 28 10:00:00 mx postfix/smtpd[71]: fatal: invalid transport name: tcp in service: tcp:127.0.0.1:10023"},
	"attr_timeout":              {"Nov 28 10:00:00 mx postfix/smtpd[72]: warning: timeout on private/policy-spf while reading input attribute name"},
	"spawn_command_failed":      {"Nov 28 10:00:00 mx postfix/spawn[90]: warning: command /usr/bin/policyd-spf exit status 1"},
	"spawn_command_killed":      {"Nov 28 10:00:00 mx postfix/spawn[91]: warning: command /usr/local/bin/policy-check killed by signal 11"},
	"proxy_protocol_family": {"Nov 28 10:00:00 mx postfix/postscreen[80]: warning: haproxy read: unsupported protocol type: PROXY TCP6 2001:db8::7 2001:db8::25 51234 25",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[81]: warning: haproxy read: unsupported protocol type: PROXY TCP4 192.0.2.7 192.0.2.25 51234 587"},
	"proxy_protocol_timeout": {"Nov 28 10:00:00 mx postfix/postscreen[82]: warning: haproxy read: time limit exceeded",
		"Nov 28 10:00:00 mx postfix/submissions/smtpd[83]: warning: haproxy read: timeout error"},
	"proxy_protocol_eof": {"Nov 28 10:00:00 mx postfix/smtpd[84]: warning: haproxy read: EOF",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[85]: warning: haproxy read: unexpected EOF"},
	"proxy_protocol_lost": {"Nov 28 10:00:00 mx postfix/postscreen[86]: warning: haproxy read: lost connection",
		"warning: haproxy read: lost connection"},
	"policy_socket_missing":  {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/policyd-spf: No such file or directory"},
	"policy_socket_refused":  {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/quota: Connection refused"},
	"private_socket_missing": {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: connect to private/policyd-spf: No such file or directory"},
	"public_socket_missing":  {"Nov 28 10:00:00 mx postfix/local[88]: warning: connect to public/cleanup: No such file or directory"},
	"private_socket_refused": {"Nov 28 10:00:00 mx postfix/cleanup[88]: warning: connect to private/postgrey: Connection refused"},
	"public_socket_refused":  {"Nov 28 10:00:00 mx postfix/bounce[88]: warning: connect to public/cleanup: Connection refused"},
	"proxy_protocol_family_v2": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: Postfix IPv6 support is disabled: \\r\\n\\r\\n\\000\\rQUIT\\n!\\021\\000$",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: haproxy read: Postfix IPv4 support is disabled: \\r\\n\\r\\n\\000\\rQUIT\\n!\\021\\000\\014"},
	"proxy_protocol_type": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: bad or missing protocol type: PROXY UNKNOWN\\r\\n",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: haproxy read: bad or missing protocol type: PROXY TCP6 2001:db8::7 2001:db8::25 51234 25\\r\\n"},
	"proxy_protocol_network": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: unsupported network protocol: \\r\\n\\r\\n\\000\\rQUIT\\n!1\\000\\330"},
	"proxy_protocol_not_a_header": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: unrecognized protocol header: EHLO client.example.org\\r\\n",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: haproxy read: unrecognized protocol version: \\r\\n\\r\\n\\000\\rQUIT\\n1\\021"},
	"proxy_protocol_short_header": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: short protocol header: \\026\\003\\001",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: haproxy read: short version 2 protocol header: \\r\\n\\r\\n\\000\\rQUIT\\n"},
	"proxy_protocol_unexpected_header": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: unexpected protocol header: EHLO client.example.org\\r\\n",
		"Nov 28 10:00:00 mx postfix/smtpd[90]: warning: haproxy read: unexpected protocol header: QUIT\\r\\n"},
	"proxy_protocol_unexpected_syntax": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: unexpected client address syntax: PROXY TCP4 client.example.org 192.0.2.25 51234 25\\r\\n",
		"Nov 28 10:00:00 mx postfix/smtpd[90]: warning: haproxy read: unexpected server port syntax: PROXY TCP4 192.0.2.7 192.0.2.25 51234 smtp"},
	"proxy_protocol_bad_header": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: bad or missing client address: PROXY TCP4 client.example.org 192.0.2.25 51234 25\\r\\n",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: haproxy read: bad or missing protocol header: PROXYX TCP4 192.0.2.7 192.0.2.25 51234 25\\r\\n"},
	"proxy_protocol_unterminated": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: missing protocol header terminator: PROXY TCP4 192.0.2.7 192.0.2.25 51234 25"},
	"proxy_protocol_line_too_long": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: line too long",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: haproxy read: line > 108 characters"},
	"proxy_protocol_unexpected_event": {"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: unexpected event 4"},
	"postsuper_queue_renamed": {"Nov 28 10:00:00 mx postfix/postsuper[90]: warning: QUEUE FILE NAMES WERE CHANGED TO MATCH INODE NUMBERS",
		"Nov 28 10:00:00 mx postfix/postsuper[90]: error: QUEUE FILE NAMES WERE CHANGED TO MATCH INODE NUMBERS"},
	"postsuper_name_inode_mismatch":    {"Nov 28 10:00:00 mx postfix/postsuper[90]: warning: name/inode mismatch: deferred/3/3F2A1C0A50#FIX"},
	"postsuper_bogus_file_name":        {"Nov 28 10:00:00 mx postfix/postsuper[90]: warning: bogus file name: active/F/F00.orig"},
	"postsuper_operation_incomplete":   {"Nov 28 10:00:00 mx postfix/postsuper[90]: warning: OPERATION INCOMPLETE -- RERUN COMMAND TO FIX THE QUEUE FIRST"},
	"proxy_protocol_reset":             {"Nov 28 10:00:00 mx postfix/postscreen[87]: warning: haproxy read: Connection reset by peer"},
	"proxy_protocol_behind_postscreen": {"Nov 28 10:00:00 mx postfix/smtpd[86]: warning: ignoring non-empty smtpd_upstream_proxy_protocol setting behind postscreen"},
	"table_exclusive_lock":             {"Nov 28 10:00:00 mx postfix/postscreen[87]: fatal: btree:/var/lib/postfix/postscreen_cache: unable to get exclusive lock: Resource temporarily unavailable"},
	"proxy_filter_unreachable":         {"Nov 28 10:00:00 mx postfix/smtpd[50]: warning: connect to proxy filter inet:127.0.0.1:10024: Connection refused"},
	"proxy_filter_timeout":             {"Nov 28 10:00:00 mx postfix/smtpd[51]: warning: timeout talking to proxy inet:[127.0.0.1]:10024"},
	"proxy_filter_lost":                {"Nov 28 10:00:00 mx postfix/smtpd[52]: warning: lost connection with proxy unix:/run/filter/filter.sock"},
	"sendmail_submit_write":            {"Nov 28 10:00:00 mx postfix/sendmail[54]: fatal: www-data(33): queue file write error", "sendmail: fatal: root(0): queue file write error"},
	"queue_file_write_reply": {"Nov 28 10:00:00 mx postfix/smtpd[53]: proxy-reject: END-OF-MESSAGE: 451 4.3.0 Error: queue file write error; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[54]: 3F2A1C0A3B: reject: END-OF-MESSAGE from c.example.net[198.51.100.7]: 451 4.3.0 Error: queue file write error; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"mailbox_not_owned": {"Nov 28 10:00:00 mx postfix/local[55]: 3F2A1C0A3C: to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (cannot update mailbox /var/mail/ann for user ann. destination /var/mail/ann is not owned by recipient)",
		"Nov 28 10:00:00 mx postfix/virtual[56]: 3F2A1C0A3D: to=<bob@example.org>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (cannot update mailbox /var/vmail/example.org/bob for user bob. destination /var/vmail/example.org/bob is not owned by recipient)"},
	"opendkim_key_query_timeout":  {"Nov 28 10:00:00 mx opendkim[700]: 3F2A1C0D37: key retrieval failed (s=sel1, d=example.net): 'sel1._domainkey.example.net' query timed out"},
	"spf_fail_reject":             {"Nov 28 10:00:00 mx postfix/smtpd[63]: NOQUEUE: reject: RCPT from lists.example.com[198.51.100.9]: 550 5.7.23 <fay@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see the SPF record of example.net; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<lists.example.com>"},
	"spf_softfail_reject":         {"Nov 28 10:00:00 mx postfix/smtpd[64]: NOQUEUE: reject: RCPT from lists.example.com[198.51.100.9]: 550 5.7.1 <fay@example.org>: Recipient address rejected: Message rejected due to: domain owner discourages use of this host. Please see the SPF record of example.net; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<lists.example.com>"},
	"spf_softfail_private_client": {"Nov 28 10:00:00 mx postfix/smtpd[62]: NOQUEUE: reject: RCPT from unknown[172.18.0.1]: 550 5.7.1 <fay@example.org>: Recipient address rejected: Message rejected due to: domain owner discourages use of this host. Please see the SPF record of example.net; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"},
	"dmarc_reject_private_client": {"Nov 28 10:00:00 mx postfix/cleanup[88]: 3F2A1C0D31: milter-reject: END-OF-MESSAGE from unknown[172.18.0.1]: 5.7.1 rejected by DMARC policy for example.net; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"},
	"dmarc_reject":                {"Nov 28 10:00:00 mx postfix/cleanup[89]: 3F2A1C0D32: milter-reject: END-OF-MESSAGE from out.example.net[198.51.100.7]: 5.7.1 rejected by DMARC policy for example.net; from=<bounce@lists.example.com> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"},
	"dkim_signature_reject": {"Nov 28 10:00:00 mx postfix/cleanup[90]: 3F2A1C0D33: milter-reject: END-OF-MESSAGE from out.example.net[198.51.100.7]: 5.7.0 bad DKIM signature data; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>",
		"Nov 28 10:00:00 mx postfix/cleanup[91]: 3F2A1C0D34: milter-reject: END-OF-MESSAGE from out.example.net[198.51.100.7]: 5.7.0 no DKIM signature data; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>",
		"Nov 28 10:00:00 mx postfix/cleanup[92]: 3F2A1C0D35: milter-reject: END-OF-MESSAGE from out.example.net[198.51.100.7]: 5.7.0 DKIM signature verification failed; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"},
	"dkim_key_retrieval_reject": {"Nov 28 10:00:00 mx postfix/cleanup[93]: 3F2A1C0D36: milter-reject: END-OF-MESSAGE from out.example.net[198.51.100.7]: 5.7.0 DKIM key retrieval failed; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"},
	"spf_fail_private_client": {"Nov 28 10:00:00 mx postfix/smtpd[61]: NOQUEUE: reject: RCPT from unknown[172.19.0.1]: 550 5.7.23 <fay@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see the SPF record of example.net; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[62]: NOQUEUE: reject: RCPT from unknown[fd00:10::1]: 550 5.7.23 <fay@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"},
	"relay_access_denied": {"Nov 28 10:00:00 mx postfix/smtpd[58]: NOQUEUE: reject: RCPT from web1.example.net[198.51.100.20]: 454 4.7.1 <carol@example.com>: Relay access denied; from=<app@example.net> to=<carol@example.com> proto=ESMTP helo=<web1.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[59]: NOQUEUE: reject: RCPT from app.example.org[203.0.113.77]: 554 5.7.1 <probe@example.com>: Relay access denied; from=<x@example.org> to=<probe@example.com> proto=SMTP helo=<app.example.org>"},
	"restriction_access_denied": {"Nov 28 10:00:00 mx2 postfix/smtpd[58]: NOQUEUE: reject: RCPT from mail.partner.example[198.51.100.7]: 554 5.7.1 <carol@example.com>: Recipient address rejected: Access denied; from=<ann@partner.example> to=<carol@example.com> proto=ESMTP helo=<mail.partner.example>",
		"Nov 28 10:00:00 mx postfix/smtpd[59]: NOQUEUE: reject: RCPT from unknown[172.18.0.5]: 554 5.7.1 <unknown[172.18.0.5]>: Client host rejected: Access denied; from=<app@example.org> to=<dave@example.com> proto=ESMTP helo=<app>",
		"Nov 28 10:00:00 mx postfix/smtpd[60]: NOQUEUE: reject: RCPT from web1.example.org[192.0.2.21]: 554 5.7.1 <noreply@example.org>: Sender address rejected: Access denied; from=<noreply@example.org> to=<eve@example.net> proto=ESMTP helo=<web1.example.org>"},
	"sender_not_logged_in": {"Nov 28 10:00:00 mx postfix/smtpd[60]: NOQUEUE: reject: RCPT from unknown[172.20.0.7]: 553 5.7.1 <alerts@example.org>: Sender address rejected: not logged in; from=<alerts@example.org> to=<dave@example.com> proto=SMTP helo=<app.example.org>"},
	"sender_login_mismatch": {"Nov 28 10:00:00 mx postfix/submission/smtpd[61]: NOQUEUE: reject: RCPT from unknown[203.0.113.40]: 553 5.7.1 <sales@example.org>: Sender address rejected: not owned by user ann@example.org; from=<sales@example.org> to=<dave@example.com> proto=ESMTP helo=<[192.168.1.20]>",
		"Nov 28 10:00:00 mx postfix/smtpd[62]: NOQUEUE: reject: RCPT from web1.example.org[192.0.2.21]: 553 5.7.1 <noreply@example.org>: Sender address rejected: not owned by user billing; from=<noreply@example.org> to=<eve@example.net> proto=ESMTP helo=<web1.example.org>"},
	"sasl_cyrus_no_mechanisms":      {"Nov 28 10:00:00 mx postfix/submission/smtpd[63]: warning: xsasl_cyrus_server_get_mechanism_list: no applicable SASL mechanisms"},
	"sasl_server_init_failed":       {"Nov 28 10:00:00 mx postfix/smtpd[64]: warning: SASL per-process initialization failed: generic failure", "Nov 28 10:00:00 mx postfix/smtpd[64]: fatal: SASL per-process initialization failed", "Nov 28 10:00:00 mx postfix/smtps/smtpd[65]: warning: SASL per-connection server initialization: generic failure", "Nov 28 10:00:00 mx postfix/smtps/smtpd[65]: fatal: SASL per-connection initialization failed"},
	"sasl_filter_discards_all":      {"Nov 28 10:00:00 mx postfix/submission/smtpd[66]: fatal: smtpd_sasl_mechanism_filter discards all mechanisms in 'PLAIN LOGIN'"},
	"sasl_server_type_unknown":      {"Nov 28 10:00:00 mx postfix/smtpd[67]: warning: unsupported SASL server implementation: cyrus"},
	"sasl_dovecot_protocol":         {"Nov 28 10:00:00 mx postfix/submission/smtpd[68]: warning: SASL: Protocol version mismatch (2 vs. 1)", "Nov 28 10:00:00 mx postfix/submission/smtpd[68]: warning: SASL: Protocol version error", "Nov 28 10:00:00 mx postfix/submission/smtpd[68]: warning: SASL: Protocol error"},
	"sasl_dovecot_handshake":        {"Nov 28 10:00:00 mx postfix/submission/smtpd[68]: warning: SASL: Couldn't send handshake: Broken pipe"},
	"sasl_config_path_failed":       {"Nov 28 10:00:00 mx postfix/smtpd[69]: warning: failed to set Cyrus SASL configuration path: \"/etc/postfix/sasl\""},
	"eai_not_compiled_in":           {"2026-11-28T09:18:44.261772+04:00 mx postfix/qmgr[5220]: warning: smtputf8_enable is true, but EAI support is not compiled in"},
	"qmgr_bounce_lifetime_adjusted": {"Nov 28 10:00:00 mx postfix/qmgr[5221]: warning: bounce_queue_lifetime is larger than maximal_queue_lifetime - adjusting bounce_queue_lifetime"},
	"qmgr_recipient_limit_adjusted": {"Nov 28 10:00:00 relay2 postfix/qmgr[812]: warning: qmgr_message_recipient_limit is smaller than qmgr_message_active_limit - adjusting qmgr_message_recipient_limit"},
	"sasl_restriction_ignored":      {"Nov 28 10:00:00 mx postfix/smtpd[70]: warning: restriction `reject_sender_login_mismatch' ignored: no SASL support"},
	"sasldb_unreadable":             {"Nov 28 10:00:00 mx postfix/submission/smtpd[71]: warning: SASL authentication problem: unable to open Berkeley db /etc/sasldb2: Permission denied"},
	"sasl_verifier_unknown":         {"Nov 28 10:00:00 mx postfix/submission/smtpd[72]: warning: SASL authentication problem: unknown password verifier(s) auxprop"},
	"helo_host_not_found":           {"Nov 28 10:00:00 mx postfix/smtpd[57]: NOQUEUE: reject: RCPT from mail-a.example.com[192.0.2.9]: 450 4.7.1 <mail-a.example.com>: Helo command rejected: Host not found; from=<x@example.com> to=<y@example.org> proto=ESMTP helo=<mail-a.example.com>"},
	"dns_try_again":                 {"Nov 28 10:00:00 mx postfix/smtpd[58]: warning: Unable to look up MX host for example.net: Host not found, try again"},
	"lmtp_socket_denied":            {"Nov 28 10:00:00 mx postfix/lmtp[47]: 3F2A1C0A37: to=<bob@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.org[private/dovecot-lmtp]: Permission denied)"},
	"lmtp_socket_missing":           {"Nov 28 10:00:00 mx postfix/lmtp[46]: 3F2A1C0A36: to=<ann@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.org[private/dovecot-lmtp]: No such file or directory)"},
	"lmtp_lost_connection":          {"Nov 28 10:00:00 mx postfix/lmtp[47]: 3F2A1C0A37: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.1, delays=0.1/0/0/0, dsn=4.4.2, status=deferred (lost connection with mx.example.org[private/dovecot-lmtp] while receiving the initial server greeting)"},
	"lmtp_timeout":                  {"Nov 28 10:00:00 mx postfix/lmtp[48]: 3F2A1C0A38: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=601, delays=0.1/0/0/601, dsn=4.4.2, status=deferred (conversation with mx.example.org[private/dovecot-lmtp] timed out while sending end of data -- message may be sent more than once)"},
	"dnsbl_open_resolver":           {"Nov 28 10:00:00 mx postfix/smtpd[10]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; Error: open resolver; https://www.spamhaus.org/returnc/pub/192.0.2.53; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"dnsbl_excessive_queries":       {"Nov 28 10:00:00 mx postfix/smtpd[10]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Sender address [a@example.net] blocked using dbl.spamhaus.org; Error: excessive number of queries; https://check.spamhaus.org/returnc/vol/192.0.2.53/; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"dnsbl_error_code": {"Nov 28 10:00:00 mx postfix/postscreen[11]: warning: dnsblog reply timeout 10s for zen.spamhaus.org: 127.255.255.254",
		"Nov 28 10:00:00 mx postfix/dnsblog[12]: addr 198.51.100.7 listed by domain zen.spamhaus.org as 127.255.255.254"},
	"dnsblog_reply_timeout": {"Nov 28 10:00:00 mx postfix/postscreen[11]: warning: dnsblog reply timeout 10s for zen.spamhaus.org"},
	"dnsblog_lookup_error":  {"Nov 28 10:00:00 mx postfix/dnsblog[12]: warning: dnsblog_query: lookup error for DNS query 7.100.51.198.zen.spamhaus.org: Host or domain name not found. Name service error for name=7.100.51.198.zen.spamhaus.org type=A: Host not found, try again"},
	"dnsbl_reject_policy_list": {"Nov 28 10:00:00 mx postfix/smtpd[14]: NOQUEUE: reject: RCPT from dsl-203-0-113-50.isp.example[203.0.113.50]: 554 5.7.1 Service unavailable; Client host [203.0.113.50] blocked using pbl.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.50; from=<ann@example.org> to=<bob@example.net> proto=ESMTP helo=<[192.168.1.20]>",
		"Nov 28 10:00:00 mx postfix/postscreen[15]: NOQUEUE: reject: RCPT from [203.0.113.51]:50123: 550 5.7.1 Service unavailable; client [203.0.113.51] blocked using pbl.spamhaus.org; from=<ann@example.org>, to=<bob@example.net>, proto=ESMTP, helo=<laptop>"},
	"dnsbl_reject_dynamic_list":       {"Nov 28 10:00:00 mx postfix/smtpd[16]: NOQUEUE: reject: RCPT from unknown[203.0.113.52]: 554 5.7.1 Service unavailable; Client host [203.0.113.52] blocked using dul.dnsbl.example; Dynamic IP addresses may not send mail directly; from=<ann@example.org> to=<bob@example.net> proto=ESMTP helo=<laptop>"},
	"dnsbl_reject_residential_list":   {"Nov 28 10:00:00 mx postfix/smtpd[17]: NOQUEUE: reject: RCPT from unknown[203.0.113.53]: 554 5.7.1 Service unavailable; Client host [203.0.113.53] blocked using rbl.example.net; residential address, use your provider's mail server; from=<ann@example.org> to=<bob@example.net> proto=ESMTP helo=<laptop>"},
	"dnsbl_reject":                    {"Nov 28 10:00:00 mx postfix/postscreen[13]: NOQUEUE: reject: RCPT from [198.51.100.7]:40028: 550 5.7.1 Service unavailable; client [198.51.100.7] blocked using bl.example.org; from=<a@example.net>, to=<b@example.org>, proto=ESMTP, helo=<c.example.net>"},
	"bad_numerical_configuration":     {"Nov 28 10:00:00 mx postfix/postscreen[14]: fatal: bad numerical configuration: smtpd_client_connection_count_limit = 25mydomain = example.org"},
	"myhostname_empty":                {"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: myhostname = "},
	"mydomain_empty":                  {"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: mydomain = "},
	"bad_string_length":               {"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: myorigin = "},
	"myhostname_value_invalid":        {"Nov 28 10:00:00 mx postfix/sendmail[16]: fatal: file /etc/postfix/main.cf: parameter myhostname: bad parameter value: host..example"},
	"mydomain_value_invalid":          {"Nov 28 10:00:00 mx postfix/sendmail[16]: fatal: file /etc/postfix/main.cf: parameter mydomain: bad parameter value: example..org"},
	"bad_parameter_value":             {"Nov 28 10:00:00 mx postfix/smtpd[16]: fatal: bad parameter value: 'smtpd_forbid_bare_newline = sometimes'"},
	"invalid_hostname":                {"Nov 28 10:00:00 mx postfix/smtpd[17]: warning: valid_hostname: misplaced delimiter: host..example"},
	"bad_time_value":                  {"Nov 28 10:00:00 mx postfix/qmgr[18]: fatal: parameter minimal_backoff_time: bad time value or unit: 5x"},
	"relay_restrictions_required":     {"Nov 28 10:00:00 mx postfix/smtpd[19]: fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains"},
	"unapproved_table":                {"Nov 28 10:00:00 mx postfix/proxymap[20]: warning: request for unapproved table: \"mysql:/etc/postfix/mysql-virtual.cf\""},
	"unsupported_dictionary_berkeley": {"Nov 28 10:00:00 mx postfix/smtpd[21]: error: unsupported dictionary type: hash"},
	"unsupported_dictionary_btree":    {"Nov 28 10:00:00 mx postfix/tlsmgr[22]: warning: btree:/var/lib/postfix/smtp_scache is unavailable. unsupported dictionary type: btree"},
	"unsupported_dictionary_dbm":      {"Nov 28 10:00:00 mx postfix/smtpd[23]: error: unsupported dictionary type: dbm"},
	"unsupported_dictionary_type":     {"Nov 28 10:00:00 mx postfix/proxymap[24]: error: unsupported dictionary type: pgsql"},
	"quoted_table_type":               {"Nov 28 10:00:00 mx postfix/smtpd[31]: fatal: unsupported dictionary type: \"btree", "Nov 28 10:00:00 mx postfix/cleanup[32]: error: unsupported dictionary type: \"lmdb"},
	"quoted_table_type_single":        {"Nov 28 10:00:00 mx postfix/smtpd[33]: fatal: unsupported dictionary type: 'hash"},
	"file_not_root_owned": {"Nov 28 10:00:00 mx postfix/proxymap[25]: warning: /etc/postfix/dynamicmaps.cf: file is owned or writable by non-root users -- skipping this file",
		"Nov 28 10:00:00 mx postfix/proxymap[26]: warning: /etc/postfix/dynamicmaps.cf.d/mysql: file is owned or writable by other users -- skipping this file",
		"Nov 28 10:00:00 mx postfix/proxymap[27]: warning: unsupported dictionary type: mysql (/usr/lib/postfix/postfix-mysql.so: file is owned or writable by other users)"},
	"berkeley_db_not_built": {"Nov 28 10:00:00 mx postfix/cleanup[28]: warning: hash:/etc/postfix/virtual is unavailable. Berkeley DB support for 'hash:/etc/postfix/virtual' is not available for this build; see https://www.postfix.org/NON_BERKELEYDB_README.html for alternatives",
		"Nov 28 10:00:00 mx postfix/tlsmgr[29]: warning: btree:/var/lib/postfix/smtp_scache is unavailable. Berkeley DB support for 'btree:/var/lib/postfix/smtp_scache' is not available for this build; see https://www.postfix.org/NON_BERKELEYDB_README.html for alternatives"},
	"missing_attribute_name": {"Nov 28 10:00:00 mx postfix/master[26]: fatal: missing attribute name: \"\""},
	"missing_equals": {"Nov 28 10:00:00 mx postfix/postconf[27]: fatal: /etc/postfix/main.cf, line 12: missing '=' after attribute name: \"relayhost\"",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[28]: fatal: invalid \"-o smtpd_tls_security_level\" option value: missing '=' after attribute name"},
	"inet_endpoint_unresolved":   {"Nov 28 10:00:00 mx postfix/smtpd[86]: warning: host or service dkim-signer:8891 not found: Name or service not known"},
	"inet_listen_unresolved":     {"Nov 28 10:00:00 mx postfix/master[85]: fatal: host/service filter-back/10026 not found: Name or service not known"},
	"service_requires":           {"Nov 28 10:00:00 mx postfix/qmgr[28]: fatal: service qmgr requires a process limit of 1"},
	"service_requires_privilege": {"Nov 28 10:00:00 mx postfix/local[29]: fatal: service local requires privileged operation"},
	"transport_not_in_master":    {"Nov 28 10:00:00 mx postfix/qmgr[30]: warning: connect to transport private/slow: No such file or directory"},
	"restriction_removed":        {"Nov 28 10:00:00 mx postfix/smtpd[31]: warning: support for restriction \"check_relay_domains\" has been removed in Postfix 3.9; instead, specify \"reject_unauth_destination\""},
	"obsolete_parameter":         {"Nov 28 10:00:00 mx postfix/smtp[32]: warning: smtp_tls_per_site is obsolete; instead, specify \"smtp_tls_policy_maps\" in main.cf"},
	"deprecated_parameter":       {"Nov 28 10:00:00 mx postfix/local[33]: warning: mailbox_delivery_lock: deprecated parameter, use \"mailbox_delivery_lock = dotlock\" instead"},
	"postconf_unknown_parameter": {"Nov 28 10:00:00 mx postfix/postconf[34]: warning: smtpd_tls_chain_files: unknown parameter"},
	"unused_parameter":           {"Nov 28 10:00:00 mx postfix/postconf[34]: warning: /etc/postfix/mysql-virtual.cf: unused parameter: hostz=db.example"},
	"undefined_parameter":        {"Nov 28 10:00:00 mx postfix/postconf[35]: warning: /etc/postfix/main.cf: undefined parameter: virtual_mailbox_limitt"},
	"mysql_too_many_connections": {"Nov 28 10:00:00 mx postfix/smtpd[36]: warning: connect to mysql server 127.0.0.1: Too many connections"},
	"pgsql_too_many_clients":     {"Nov 28 10:00:00 mx postfix/smtpd[37]: warning: connect to pgsql server 127.0.0.1: FATAL:  sorry, too many clients already"},
	"mysql_connect_failed":       {"Nov 28 10:00:00 mx postfix/smtpd[38]: warning: connect to mysql server 192.0.2.5: Can't connect to MySQL server on '192.0.2.5' (111)"},
	"mysql_unknown_host": {"Nov 28 10:00:00 mx postfix/smtpd[36]: warning: connect to mysql server db.example: Unknown MySQL server host 'db.example' (-2)",
		"Nov 28 10:00:00 mx postfix/trivial-rewrite[37]: warning: connect to mysql server maps-db: Unknown server host 'maps-db' (-3)"},
	"mysql_socket_unreachable":     {"Nov 28 10:00:00 mx postfix/cleanup[35]: warning: connect to mysql server localhost: Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)"},
	"pgsql_connect_failed":         {"Nov 28 10:00:00 mx postfix/smtpd[39]: warning: connect to pgsql server db.example: could not connect to server: Connection refused"},
	"pgsql_unknown_host":           {"Nov 28 10:00:00 mx postfix/proxymap[34]: warning: connect to pgsql server postgres: could not translate host name \"postgres\" to address: Name or service not known"},
	"ldap_connect_failed":          {"Nov 28 10:00:00 mx postfix/smtpd[40]: warning: dict_ldap_connect: Unable to connect to LDAP server ldap://ldap.example"},
	"ldap_bind_failed":             {"Nov 28 10:00:00 mx postfix/smtpd[41]: warning: dict_ldap_connect: Unable to bind to server ldap://ldap.example with dn cn=postfix: 49 (Invalid credentials)"},
	"query_too_many_connections":   {"Nov 28 10:00:00 mx postfix/smtpd[36]: warning: mysql:/etc/postfix/mysql-virtual-mailbox-maps.cf: query failed: Too many connections"},
	"query_too_many_clients":       {"Nov 28 10:00:00 mx postfix/trivial-rewrite[42]: warning: pgsql query failed: fatal error from host db.example: FATAL:  sorry, too many clients already"},
	"query_connection_lost":        {"Nov 28 10:00:00 mx postfix/cleanup[43]: warning: mysql:/etc/postfix/mysql-virtual-alias-maps.cf: query failed: MySQL server has gone away"},
	"query_connection_lost_during": {"Nov 28 10:00:00 mx postfix/smtpd[44]: warning: mysql:/etc/postfix/mysql-virtual-domains.cf: query failed: Lost connection to MySQL server during query"},
	"query_failed":                 {"Nov 28 10:00:00 mx postfix/trivial-rewrite[42]: warning: pgsql query failed: fatal error from host db.example: ERROR:  relation \"domains\" does not exist"},
	"sqlite_prepare_failed":        {"Nov 28 10:00:00 mx postfix/proxymap[42]: fatal: dict_sqlite_lookup: /etc/postfix/sqlite-aliases.cf: SQL prepare failed: no such table: aliases?"},
	"sqlite_step_failed":           {"Nov 28 10:00:00 mx postfix/cleanup[42]: warning: dict_sqlite_lookup: /etc/postfix/sqlite-aliases.cf: SQL step failed for query 'SELECT goto FROM alias WHERE address='b@example.org'': database is locked?"},
	"ldap_search_error":            {"Nov 28 10:00:00 mx postfix/trivial-rewrite[42]: warning: dict_ldap_lookup: Search error 81: Can't contact LDAP server "},
	"ldap_search_base_missing":     {"Nov 28 10:00:00 mx postfix/smtpd[42]: warning: dict_ldap_lookup: /etc/postfix/ldap-users.cf: Search base 'ou=people,dc=example,dc=org' not found: 32: No such object"},
	"alias_lookup_failed":          {"Nov 28 10:00:00 mx postfix/local[42]: warning: hash:/etc/aliases: lookup of 'postmaster' failed"},
	"map_source_newer":             {"Nov 28 10:00:00 mx postfix/smtpd[43]: warning: database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual"},
	"source_table_missing":         {"Nov 28 10:00:00 mx postfix/smtpd[44]: warning: texthash:/etc/postfix/sender_access.cf is unavailable. open database /etc/postfix/sender_access.cf: No such file or directory"},
	"regexp_table_missing":         {"Nov 28 10:00:00 mx postfix/cleanup[44]: warning: regexp:/etc/postfix/checks is unavailable. open /etc/postfix/checks: No such file or directory"},
	"pcre_table_missing":           {"Nov 28 10:00:00 mx postfix/cleanup[44]: warning: pcre:/etc/postfix/checks is unavailable. open /etc/postfix/checks: No such file or directory"},
	"cidr_table_missing":           {"Nov 28 10:00:00 mx postfix/cleanup[44]: warning: cidr:/etc/postfix/checks is unavailable. open /etc/postfix/checks: No such file or directory"},
	"mysql_cf_missing":             {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: warning: proxy:mysql:/etc/postfix/mysql-virtual.cf is unavailable. open /etc/postfix/mysql-virtual.cf: No such file or directory"},
	"pgsql_cf_missing":             {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: warning: proxy:pgsql:/etc/postfix/pgsql-virtual.cf is unavailable. open /etc/postfix/pgsql-virtual.cf: No such file or directory"},
	"sqlite_cf_missing":            {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: warning: proxy:sqlite:/etc/postfix/sqlite-virtual.cf is unavailable. open /etc/postfix/sqlite-virtual.cf: No such file or directory"},
	"ldap_cf_missing":              {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: warning: proxy:ldap:/etc/postfix/ldap-virtual.cf is unavailable. open /etc/postfix/ldap-virtual.cf: No such file or directory"},
	"memcache_cf_missing":          {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: warning: proxy:memcache:/etc/postfix/memcache-virtual.cf is unavailable. open /etc/postfix/memcache-virtual.cf: No such file or directory"},
	"mongodb_cf_missing":           {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: warning: proxy:mongodb:/etc/postfix/mongodb-virtual.cf is unavailable. open /etc/postfix/mongodb-virtual.cf: No such file or directory"},
	"open_database_missing":        {"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: error: open database /etc/postfix/relay_domains.db: No such file or directory"},
	"cache_db_open":                {"Nov 28 10:00:00 mx postfix/tlsmgr[44]: warning: btree:/var/lib/postfix/smtp_scache is unavailable. open database /var/lib/postfix/smtp_scache.db: File exists"},
	"open_database":                {"Nov 28 10:00:00 mx postfix/smtpd[45]: error: open database /etc/postfix/access.db: Permission denied"},
	"table_unavailable":            {"Nov 28 10:00:00 mx postfix/smtpd[46]: warning: ldap:/etc/postfix/ldap-users.cf is unavailable. Unable to open"},
	"temporary_lookup_failure":     {"Nov 28 10:00:00 mx postfix/smtpd[47]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 451 4.3.0 <b@example.org>: Temporary lookup failure; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"table_lookup_problem":         {"Nov 28 10:00:00 mx postfix/trivial-rewrite[48]: warning: hash:/etc/postfix/transport: table lookup problem"},
	"lookup_failure":               {"Nov 28 10:00:00 mx postfix/trivial-rewrite[49]: warning: virtual_alias_domains lookup failure"},
	"ldap_starttls_failed":         {"Nov 28 10:00:00 mx postfix/proxymap[61]: error: dict_ldap_connect: Unable to set STARTTLS: -11: Connect error"},
	"too_many_errors":              {"Nov 28 10:00:00 mx postfix/cleanup[62]: fatal: too many errors - program terminated"},
	"lookup_error":                 {"Nov 28 10:00:00 mx postfix/cleanup[50]: warning: hash:/etc/postfix/virtual lookup error for \"b@example.org\""},
	"socketmap_unreachable": {"Nov 28 10:00:00 mx postfix/trivial-rewrite[51]: warning: table socketmap:unix:/run/mapd/mapd.sock:transport lookup error: No such file or directory",
		"Nov 28 10:00:00 mx postfix/cleanup[52]: warning: table socketmap:inet:127.0.0.1:10011:reverse lookup error: time limit exceeded"},
	"socketmap_server_error": {"Nov 28 10:00:00 mx postfix/cleanup[55]: warning: socketmap:unix:srs:reverse socketmap server permanent error: Hash invalid in SRS address.",
		"Nov 28 10:00:00 mx postfix/trivial-rewrite[56]: warning: socketmap:inet:127.0.0.1:8123:transport socketmap server temporary error: backend unavailable",
		"Nov 28 10:00:00 mx postfix/smtpd[57]: warning: socketmap:inet:127.0.0.1:8123:sender socketmap server timeout error"},
	"tcp_map_unreachable":    {"Nov 28 10:00:00 mx postfix/cleanup[53]: warning: connect to TCP map 127.0.0.1:10001: Connection refused"},
	"queue_fifo_denied":      {"Nov 28 10:00:00 mx postfix/master[51]: warning: master_wakeup_timer_event: service pickup(public/pickup): Permission denied"},
	"queue_directory_denied": {"Nov 28 10:00:00 mx postfix/sendmail[77]: fatal: chdir /var/spool/postfix: Permission denied"},
	"queue_fifo":             {"Nov 28 10:00:00 mx postfix/master[51]: warning: master_wakeup_timer_event: service qmgr(public/qmgr): Invalid argument"},
	"service_socket_remove": {"Nov 28 10:00:00 mx postfix/master[51]: fatal: remove public/pickup: Invalid argument",
		"Nov 28 10:00:00 mx postfix/master[51]: fatal: remove private/smtp: Read-only file system",
		"Nov 28 10:00:00 mx postfix/master[51]: fatal: fifo_listen: remove public/qmgr: Operation not permitted"},
	"service_socket_bind": {"Nov 28 10:00:00 mx postfix/master[51]: fatal: bind: private/rewrite: Operation not permitted",
		"Nov 28 10:00:00 mx postfix/master[51]: fatal: bind: public/postlog: Permission denied"},
	"service_fifo_create":      {"Nov 28 10:00:00 mx postfix/master[51]: fatal: fifo_listen: create fifo public/pickup: Invalid argument"},
	"no_space":                 {"Nov 28 10:00:00 mx postfix/cleanup[52]: warning: 3F2A1C0: write queue file: No space left on device"},
	"queue_space":              {"Nov 28 10:00:00 mx postfix/smtpd[53]: warning: not enough free space in mail queue: 1048576 bytes < 1.5*message size limit"},
	"queue_write":              {"Nov 28 10:00:00 mx postfix/cleanup[54]: warning: 3F2A1C1: write queue file: Input/output error"},
	"queue_write_readonly":     {"Nov 28 10:00:00 mx postfix/cleanup[54]: warning: 3F2A1C1: write queue file: Read-only file system"},
	"queue_write_quota":        {"Nov 28 10:00:00 mx postfix/cleanup[56]: warning: 3F2A1C3: write queue file: Disk quota exceeded"},
	"queue_write_too_large":    {"Nov 28 10:00:00 mx postfix/cleanup[57]: warning: 3F2A1C4: write queue file: File too large"},
	"queue_write_gone":         {"Nov 28 10:00:00 mx postfix/cleanup[58]: warning: 3F2A1C5: write queue file: No such file or directory"},
	"cache_db_corrupt":         {"Nov 28 10:00:00 mx postfix/postscreen[55]: fatal: error reading /var/lib/postfix/postscreen_cache.db: Unknown error -30986"},
	"bad_command_startup":      {"Nov 28 10:00:00 mx postfix/master[56]: warning: /usr/lib/postfix/sbin/smtpd: bad command startup -- throttling"},
	"killed_by_signal":         {"Nov 28 10:00:00 mx postfix/master[57]: warning: process /usr/lib/postfix/sbin/proxymap pid 2201 killed by signal 6"},
	"exit_status":              {"Nov 28 10:00:00 mx postfix/master[58]: warning: process /usr/lib/postfix/sbin/smtpd pid 2202 exit status 1"},
	"fork_failed":              {"Nov 28 10:00:00 mx postfix/master[59]: warning: /usr/lib/postfix/sbin/smtpd: fork: Resource temporarily unavailable -- throttling"},
	"transport_failure":        {"Nov 28 10:00:00 mx postfix/qmgr[60]: warning: transport smtp failure -- see a previous warning/fatal/panic logfile record for the problem description"},
	"malformed_response":       {"Nov 28 10:00:00 mx postfix/qmgr[61]: warning: private/smtp socket: malformed response"},
	"lock_file":                {"Nov 28 10:00:00 mx postfix/master[62]: fatal: cannot update lock file /var/lib/postfix/master.lock: Permission denied"},
	"no_shared_cipher":         {"Nov 28 10:00:00 mx postfix/smtpd[63]: warning: TLS library problem: error:1408A0C1:SSL routines:ssl3_get_client_hello:no shared cipher:s3_srvr.c:1417:"},
	"ssl_accept_error":         {"Nov 28 10:00:00 mx postfix/smtpd[64]: SSL_accept error from c.example.net[198.51.100.7]: -1"},
	"tls_key_load":             {"Nov 28 10:00:00 mx postfix/smtpd[65]: warning: cannot get RSA private key from file \"/etc/ssl/private/mail.key\": disabling TLS support"},
	"tls_cert_load":            {"Nov 28 10:00:00 mx postfix/smtpd[66]: warning: error loading certificate (PEM object number 1) from /etc/ssl/certs/mail.pem"},
	"cert_verification_failed": {"Nov 28 10:00:00 mx postfix/smtp[67]: server certificate verification failed for mx.example.org[192.0.2.25]:25: num=62:hostname mismatch"},
	"socketmap_disconnect":     {"Nov 28 10:00:00 mx postfix/smtp[67]: warning: table socketmap:inet:127.0.0.1:8461:postfix lookup error: unexpected disconnect"},
	"dane_tlsa_no_match":       {"Nov 28 10:00:00 mx postfix/smtp[67]: CA certificate verification failed for mx.example.org[192.0.2.25]:25: num=65:no matching DANE TLSA records"},
	"tls_protocol_list":        {"Nov 28 10:00:00 mx postfix/smtpd[69]: warning: Invalid TLS protocol list \"!SSLv2, !SSLv3 # no old ones\": disabling TLS support", "Nov 28 10:00:00 mx postfix/smtp[69]: warning: mx.example.org[192.0.2.25]:25: Invalid TLS protocol list \"TLSv9\": aborting TLS session"},
	"tls_eecdh_grade_invalid": {"Nov 28 10:00:00 mx postfix/smtpd[69]: warning: Invalid TLS eecdh grade \"auto\": EECDH disabled",
		"Nov 28 10:00:00 mx postfix/tlsproxy[70]: warning: Invalid TLS eecdh grade \"best\": EECDH disabled"},
	"tls_eecdh_grade_none":          {"Nov 28 10:00:00 mx postfix/smtpd[71]: warning: The \"none\" eecdh grade is no longer supported, using \"auto\" instead"},
	"cert_untrusted_issuer":         {"Nov 28 10:00:00 mx postfix/smtp[70]: certificate verification failed for mx1.example.com[192.0.2.30]:25: untrusted issuer /C=US/O=Example Trust/CN=Example Root R1"},
	"tls_version_unsupported":       {"Nov 28 10:00:00 mx postfix/submission/smtpd[71]: warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:ssl/statem/statem_srvr.c:1700:"},
	"tls_version_too_low":           {"Nov 28 10:00:00 mx postfix/smtpd[72]: warning: TLS library problem: error:0A00018C:SSL routines::version too low:ssl/statem/statem_srvr.c:1700:"},
	"tls_alert_protocol_version":    {"Nov 28 10:00:00 mx postfix/smtp[73]: warning: TLS library problem: error:0A00042E:SSL routines::tlsv1 alert protocol version:ssl/record/rec_layer_s3.c:1600:SSL alert number 70:"},
	"tls_alert_certificate_expired": {"Nov 28 10:00:00 mx postfix/smtpd[74]: warning: TLS library problem: error:0A000415:SSL routines::sslv3 alert certificate expired:ssl/record/rec_layer_s3.c:1600:SSL alert number 45:"},
	"tls_alert_unknown_ca":          {"Nov 28 10:00:00 mx postfix/submission/smtpd[75]: warning: TLS library problem: error:0A000418:SSL routines::tlsv1 alert unknown ca:ssl/record/rec_layer_s3.c:1600:SSL alert number 48:"},
	"tls_alert_bad_certificate":     {"Nov 28 10:00:00 mx postfix/smtpd[76]: warning: TLS library problem: error:0A000412:SSL routines::sslv3 alert bad certificate:ssl/record/rec_layer_s3.c:1600:SSL alert number 42:"},
	"tls_alert_certificate_unknown": {"Nov 28 10:00:00 mx postfix/smtpd[77]: warning: TLS library problem: error:0A000416:SSL routines::sslv3 alert certificate unknown:ssl/record/rec_layer_s3.c:1600:SSL alert number 46:"},
	"tls_alert_handshake_failure":   {"Nov 28 10:00:00 mx postfix/smtp[78]: warning: TLS library problem: error:0A000410:SSL routines::sslv3 alert handshake failure:ssl/record/rec_layer_s3.c:1600:SSL alert number 40:"},
	"tls_alert_unexpected_message":  {"Nov 28 10:00:00 mx postfix/smtpd[79]: warning: TLS library problem: error:0A0003F2:SSL routines::sslv3 alert unexpected message:ssl/record/rec_layer_s3.c:1600:SSL alert number 10:"},
	"tls_wrong_version":             {"Nov 28 10:00:00 mx postfix/smtp[67]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:ssl/record/methods/tlsany_meth.c:80:", "Nov 28 10:00:00 mx postfix/smtps/smtpd[67]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:ssl/record/methods/tlsany_meth.c:80:"},
	"tls_library_problem":           {"Nov 28 10:00:00 mx postfix/smtp[68]: warning: TLS library problem: error:0A000086:SSL routines::certificate verify failed"},
	"tls_unexpected_eof": {"Nov 28 10:00:00 mx postfix/smtpd[69]: warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:ssl/record/rec_layer_s3.c:322:",
		"Nov 28 10:00:00 mx postfix/smtp[70]: warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:303:"},
	"postscreen_after_greet":      {"Nov 28 10:00:00 mx postfix/postscreen[69]: NOQUEUE: reject: RCPT from [198.51.100.7]:48647: 450 4.3.2 Service currently unavailable; from=<a@example.net>, to=<b@example.org>, proto=ESMTP, helo=<c.example.net>"},
	"greylisted_inbound":          {"Nov 28 10:00:00 mx postfix/smtpd[70]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.2.0 <b@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/help; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"greylisted_inbound_postgrey": {"Nov 28 10:00:00 mx postfix/smtpd[70]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.2.0 <b@example.org>: Recipient address rejected: Delayed by Postgrey; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"unknown_client_hostname":     {"Nov 28 10:00:00 mx postfix/smtpd[71]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"recipient_domain_not_found":  {"Nov 28 10:00:00 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.1.2 <b@example.org>: Recipient address rejected: Domain not found; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"sender_domain_not_found":     {"Nov 28 10:00:00 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.1.8 <a@example.net>: Sender address rejected: Domain not found; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"domain_in_both": {"Nov 28 10:00:00 mx postfix/trivial-rewrite[80]: warning: do not list domain example.org in BOTH mydestination and virtual_mailbox_domains",
		"Nov 28 10:00:00 mx postfix/trivial-rewrite[80]: warning: do not list domain example.org in BOTH mydestination and virtual_alias_domains",
		"Nov 28 10:00:00 mx postfix/trivial-rewrite[80]: warning: do not list domain example.org in BOTH virtual_alias_domains and virtual_mailbox_domains",
		"Nov 28 10:00:00 mx postfix/trivial-rewrite[80]: warning: do not list domain lists.example.org in BOTH virtual_mailbox_domains and relay_domains",
		"Nov 28 10:00:00 mx postfix/trivial-rewrite[80]: warning: do not list domain lists.example.org in BOTH virtual_alias_domains and relay_domains"},
	"unknown_restriction": {"Nov 28 10:00:00 mx postfix/smtpd[81]: warning: unknown smtpd restriction: \"reject_unknown_sendr_domain\""},
	"recipient_mailbox_full_reject": {"Nov 28 10:00:00 mx postfix/smtpd[82]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 552 5.2.2 <b@example.org>: Recipient address rejected: Mailbox is full; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[83]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 452 4.2.2 <b@example.org>: Recipient address rejected: Mailbox is full and cannot receive any more emails; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"policy_service_syntax":          {"Nov 28 10:00:00 mx postfix/smtpd[81]: fatal: policy service syntax error: { inet:127.0.0.1:10040, timeout=10s"},
	"policy_service_empty":           {"Nov 28 10:00:00 mx postfix/smtpd[81]: fatal: empty policy service: \"{ }\""},
	"server_configuration_problem":   {"Nov 28 10:00:00 mx postfix/smtpd[82]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 451 4.3.5 Server configuration problem; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"sasl_auth_socket":               {"Nov 28 10:00:00 mx postfix/submission/smtpd[83]: warning: SASL: Connect to private/auth failed: No such file or directory"},
	"saslauthd":                      {"Nov 28 10:00:00 mx postfix/smtpd[84]: warning: SASL authentication failure: cannot connect to saslauthd server: No such file or directory"},
	"sasl_no_mechanisms":             {"Nov 28 10:00:00 mx postfix/smtpd[85]: fatal: no SASL authentication mechanisms"},
	"sasl_not_compiled":              {"Nov 28 10:00:00 mx postfix/smtpd[86]: warning: smtpd_sasl_auth_enable is true, but SASL support is not compiled in"},
	"milter_socket_denied":           {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: connect to Milter service unix:sigmilter/sig.sock: Permission denied"},
	"milter_unreachable":             {"Nov 28 10:00:00 mx postfix/cleanup[87]: warning: connect to Milter service inet:127.0.0.1:8891: Connection refused"},
	"milter_address_unusable":        {"Nov 28 10:00:00 mx postfix/smtpd[87]: warning: connect to Milter service inet:localhost:8891: Cannot assign requested address"},
	"spawn_time_limit":               {"Nov 28 10:00:00 mx postfix/spawn[88]: warning: /usr/bin/policyd-spf: process id 7025: command time limit exceeded"},
	"private_socket_denied":          {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: connect to private/postgrey: Permission denied"},
	"policy_server_closed":           {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server 127.0.0.1:12340: Success"},
	"policy_server_reset":            {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/policy-spf: Connection reset by peer"},
	"policy_server_timeout":          {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/policy-spf: Connection timed out"},
	"policy_server_denied":           {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/greylist: Permission denied"},
	"postfix_service_denied":         {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/anvil: Permission denied"},
	"postfix_anvil_failed":           {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/anvil: Connection reset by peer"},
	"postfix_tlsmgr_failed":          {"Nov 28 10:00:00 mx postfix/smtp[88]: warning: problem talking to server private/tlsmgr: Connection timed out"},
	"policy_server_address_unusable": {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server localhost:10040: Cannot assign requested address"},
	"policy_server_down": {"Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server 127.0.0.1:10023: Connection refused",
		"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: problem talking to server 127.0.0.1:10023: Connection refused"},
	"corrupt_queue_file_saved":   {"Nov 28 10:00:00 mx postfix/qmgr[96]: warning: saving corrupt file \"4B0773FC19\" from queue \"active\" to queue \"corrupt\""},
	"corrupt_queue_file_unsaved": {"Nov 28 10:00:00 mx postfix/qmgr[97]: fatal: qmgr_active_corrupt: save corrupt file queue active id 4B0773FC19: Permission denied"},
	"unknown_transport_error":    {"Nov 28 10:00:00 mx postfix/error[100]: 4B0773FC1A: to=<ann@example.org>, relay=none, delay=2151, delays=2151/0.2/0/0, dsn=4.3.0, status=deferred (unknown mail transport error)"},
	"queue_command_superuser":    {"Nov 28 10:00:00 mx postfix/postsuper[101]: fatal: use of this command is reserved for the superuser"},
	"queue_command_not_authorized": {"Nov 28 10:00:00 mx postfix/postqueue[102]: fatal: User www-data(33) is not allowed to flush the mail queue",
		"postqueue: fatal: User nagios(110) is not allowed to view the mail queue"},
	"maildrop_waited_days":          {"Nov 28 10:00:00 mx postfix/pickup[103]: warning: 4B0773FC1B: message has been queued for 16 days"},
	"queue_file_vanished":           {"Nov 28 10:00:00 mx postfix/qmgr[98]: warning: open active 4B0773FC19: No such file or directory"},
	"queue_file_open_failed":        {"Nov 28 10:00:00 mx postfix/qmgr[99]: fatal: open active 4B0773FC19: Permission denied"},
	"postfix_already_running":       {"Nov 28 10:00:00 mx postfix/postfix-script[89]: fatal: the Postfix mail system is already running"},
	"postsuper_queue_ids_changed":   {"Nov 28 10:00:00 mx postfix/postsuper[90]: fatal: CHECK YOUR QUEUE IDS AND RE-ISSUE THE COMMAND"},
	"postfix_not_running":           {"Nov 28 10:00:00 mx postfix/postdrop[89]: warning: unable to look up public/pickup: No such file or directory"},
	"maildrop_read_only":            {"Nov 28 10:00:00 mx postfix/postdrop[93]: warning: mail_queue_enter: create file maildrop/615227.93: Read-only file system"},
	"sendmail_no_recipients":        {"Nov 28 10:00:00 mx postfix/sendmail[94]: fatal: Recipient addresses must be specified on the command line or via the -t option"},
	"sendmail_no_header_recipients": {"Nov 28 10:00:00 mx postfix/sendmail[94]: fatal: www-data(33): No recipient addresses found in message header"},
	"postdrop_malformed_input":      {"Nov 28 10:00:00 mx postfix/postdrop[95]: fatal: uid=33: malformed input"},
	"incoming_permissions":          {"Nov 28 10:00:00 mx postfix/cleanup[91]: warning: mail_queue_enter: create file incoming/654321.91: Permission denied"},
	"queue_space_reject":            {"Nov 28 10:00:00 mx postfix/smtpd[91]: NOQUEUE: reject: MAIL from c.example.net[198.51.100.7]: 452 4.3.1 Insufficient system storage; proto=ESMTP helo=<c.example.net>"},
	"queue_disk_quota":              {"Nov 28 10:00:00 mx postfix/postdrop[91]: warning: mail_queue_enter: create file maildrop/654324.91: Disk quota exceeded"},
	"postdrop_disk_quota":           {"Nov 28 10:00:00 mx postfix/postdrop[91]: warning: uid=33: Disk quota exceeded"},
	"queue_read_only":               {"Nov 28 10:00:00 mx postfix/cleanup[91]: warning: mail_queue_enter: create file incoming/654322.91: Read-only file system"},
	"master_wakeup_open_files":      {"Nov 28 10:00:00 mx postfix/master[1]: warning: master_wakeup_timer_event: service pickup(public/pickup): Too many open files"},
	"dovecot_open_files":            {"Nov 28 10:00:00 mx dovecot: lmtp(ann@example.org)<77><x>: Error: open(/var/vmail/example.org/ann/dovecot.index.log) failed: Too many open files"},
	"queue_open_files":              {"Nov 28 10:00:00 mx postfix/cleanup[91]: warning: mail_queue_enter: create file incoming/654323.91: Too many open files"},
	"queue_rename_denied": {"Nov 28 10:00:00 mx postfix/qmgr[92]: warning: qmgr_active_done_3_generic: rename 3F2A1C0B01 from active to deferred: Permission denied",
		"Nov 28 10:00:00 mx postfix/qmgr[93]: fatal: qmgr_active_feed: 3F2A1C0B02: rename from incoming to active: Permission denied"},
	"privileged_account": {"Nov 28 10:00:00 mx postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter default_privs: user root has privileged user ID",
		"Nov 28 10:00:00 mx postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter setgid_group: group postdrop has privileged group ID"},
	"account_id_shared": {"Nov 28 10:00:00 mx postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter mail_owner: user postfix has the same user ID 102 as user mailnull",
		"Nov 28 10:00:00 mx postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter setgid_group: group postdrop has the same group ID 104 as group postfix"},
	"own_hostname_invalid": {"Nov 28 10:00:00 mx postfix/master[1]: fatal: unable to use my own hostname"},
	"privilege_change_denied": {"Nov 28 10:00:00 mx postfix/master[1]: fatal: seteuid(0): Operation not permitted",
		"Nov 28 10:00:00 mx postfix/pickup[3]: fatal: set_eugid: setegid(107): Operation not permitted",
		"Nov 28 10:00:00 mx postfix/smtpd[4]: fatal: setgroups(1, &107): Invalid argument"},
	"message_log_denied": {"Nov 28 10:00:00 mx postfix/bounce[92]: fatal: open file defer 3F2A1C0B01: Permission denied",
		"Nov 28 10:00:00 mx postfix/bounce[93]: fatal: append file bounce 3F2A1C0B02: Permission denied",
		"Nov 28 10:00:00 mx postfix/bounce[94]: fatal: lock file trace 3F2A1C0B04: Permission denied"},
	"queue_file_too_large":    {"Nov 28 10:00:00 mx postfix/cleanup[94]: warning: 3F2A1C0B03: queue file size limit exceeded"},
	"message_file_too_big":    {"Nov 28 10:00:00 mx postfix/sendmail[95]: fatal: www-data(33): message file too big"},
	"postdrop_file_too_large": {"Nov 28 10:00:00 mx postfix/postdrop[96]: warning: uid=33: File too large"},
	"open_file_limit_unknown": {"Nov 28 10:00:00 mx postfix/master[1]: fatal: unable to determine open file limit"},
	"cannot_allocate_memory": {"Nov 28 10:00:00 mx postfix/smtpd[97]: fatal: socket: Cannot allocate memory",
		"Nov 28 10:00:00 mx postfix/smtpd[96]: warning: connect #1 to subsystem private/proxymap: Cannot allocate memory",
		"Nov 28 10:00:00 mx postfix/master[1]: warning: /usr/libexec/postfix/smtpd: fork: Cannot allocate memory -- throttling"},
	"insufficient_memory": {"Nov 28 10:00:00 mx postfix/qmgr[98]: fatal: mymalloc: insufficient memory for 1048576 bytes: Cannot allocate memory",
		"Nov 28 10:00:00 mx postfix/proxymap[99]: fatal: dict_mysql: insufficient memory"},
	"maildrop_permissions": {"Nov 28 10:00:00 mx postfix/postdrop[90]: warning: mail_queue_enter: create file maildrop/123.456: Permission denied"},
	"proxy_not_configured": {"Nov 28 10:00:00 mx postfix/trivial-rewrite[91]: fatal: proxymap service is not configured for table \"mysql:/etc/postfix/mysql-domains.cf\""},
	"no_local_interface":   {"Nov 28 10:00:00 mx postfix/master[92]: fatal: parameter inet_interfaces: no local interface found for ::1"},
	"inet_protocols_no_ipv6": {"Nov 28 10:00:00 mx postfix/postdrop[93]: warning: inet_protocols: disabling IPv6 name/address support: Address family not supported by protocol",
		"Nov 28 10:00:00 mx postfix/smtpd[94]: warning: inet_protocols: disabling IPv6 name/address support: Address family not supported by protocol"},
	"inet_protocols_ipv6_disabled": {"Nov 28 10:00:00 mx postfix/sendmail[93]: warning: inet_protocols: IPv6 support is disabled: Address family not supported by protocol",
		"Nov 28 10:00:00 mx postfix/master[94]: warning: inet_protocols: IPv6 support is disabled: Address family not supported by protocol"},
	"cidr_host_bits": {"Nov 28 10:00:00 mx postfix/smtpd[95]: warning: mynetworks: non-null host address bits in \"fd::/8\", perhaps you should use \"::/8\" instead",
		"Nov 28 10:00:00 mx postfix/postscreen[96]: warning: postscreen_access_list: non-null host address bits in \"192.0.2.10/24\", perhaps you should use \"192.0.2.0/24\" instead"},
	"chroot_services":          {"Nov 28 10:00:00 mx postfix/smtp[93]: fatal: unknown service: smtp/tcp"},
	"address_in_use":           {"Nov 28 10:00:00 mx postfix/master[94]: fatal: bind 0.0.0.0 port 25: Address already in use"},
	"overriding_entry":         {"Nov 28 10:00:00 mx postfix/postconf[95]: warning: /etc/postfix/main.cf, line 40: overriding earlier entry: relayhost=[smtp.example.net]:587"},
	"smtp_sasl_no_mechs":       {"Nov 28 10:00:00 mx postfix/smtp[96]: warning: SASL authentication failure: No worthy mechs found"},
	"sasl_gssapi_failure":      {"Nov 28 10:00:00 mx postfix/smtp[96]: warning: SASL authentication failure: GSSAPI Error: Unspecified GSS failure.  Minor code may provide more information (Credentials cache file '/tmp/krb5cc_89' not found)"},
	"tls_cert_get":             {"Nov 28 10:00:00 mx postfix/smtpd[97]: warning: cannot get RSA certificate from file \"/etc/ssl/certs/mail.pem\": disabling TLS support"},
	"subsystem_unreachable":    {"Nov 28 10:00:00 mx postfix/cleanup[98]: warning: connect #1 to subsystem private/rewrite: Connection refused"},
	"queue_directory_access":   {"Nov 28 10:00:00 mx postfix/qmgr[99]: fatal: scan_dir_push: open directory defer: Permission denied"},
	"size_limit_smaller":       {"Nov 28 10:00:00 mx postfix/local[100]: fatal: configuration error: mailbox_size_limit is smaller than message_size_limit", "Nov 28 10:00:00 mx postfix/virtual[101]: fatal: configuration error: virtual_mailbox_limit is smaller than message_size_limit", "Nov 28 10:00:00 mx postfix/local[102]: fatal: main.cf configuration error: mailbox_size_limit is smaller than message_size_limit"},
	"size_limit_unlimited":     {"Nov 28 10:00:00 mx postfix/local[102]: fatal: configuration error: mailbox_size_limit is limited but message_size_limit is unlimited"},
	"virtual_bad_uid":          {"Nov 28 10:00:00 mx postfix/virtual[103]: warning: recipient b@example.org: bad uid 8 in virtual_uid_maps"},
	"virtual_uid_maps_missing": {"Nov 28 10:00:00 mx postfix/virtual[104]: warning: recipient b@example.org: not found in virtual_uid_maps"},
	"maildir_access":           {"Nov 28 10:00:00 mx postfix/virtual[105]: warning: maildir access problem for UID/GID=5000/5000: create maildir file /var/vmail/example.org/b/tmp/1732788000.P105.mx: Permission denied"},
	"mailbox_ownership":        {"Nov 28 10:00:00 mx postfix/local[106]: warning: specify \"strict_mailbox_ownership = no\" to ignore mailbox ownership mismatch"},
	"master_cf_duplicate":      {"Nov 28 10:00:00 mx postfix/master[107]: warning: duplicate master.cf entry for service \"submission\" (inet) -- using the last entry"},
	"restart_required":         {"Nov 28 10:00:00 mx postfix/master[108]: warning: to change inet_interfaces, stop and start Postfix"},
	"all_protocols_disabled":   {"Nov 28 10:00:00 mx postfix/master[109]: warning: all network protocols are disabled (inet_protocols = ipv6)"},
	"bad_boolean":              {"Nov 28 10:00:00 mx postfix/smtpd[110]: fatal: bad boolean configuration: smtpd_tls_auth_only = yes # only with TLS"},
	"smtpd_runs_as_root": {"Nov 28 10:00:00 mx postfix/smtpd[63]: error: incorrect SMTP server privileges: uid=0 euid=0",
		"Nov 28 10:00:00 mx postfix/smtpd[63]: fatal: the Postfix SMTP server must run with $mail_owner privileges"},
	"socket_type_not_in_inet_protocols": {"Nov 28 10:00:00 mx postfix/smtpd[64]: fatal: cannot handle socket type AF_INET6 with \"inet_protocols = ipv4\""},
	"invalid_parameter_value":           {"Nov 28 10:00:00 mx postfix/smtpd[111]: fatal: invalid smtpd_client_connection_count_limit parameter value -1 < 0"},
	"unknown_mail_owner":                {"Nov 28 10:00:00 mx postfix/postfix-script[112]: fatal: file /etc/postfix/main.cf: parameter mail_owner: unknown user name value: postfix"},
	"invalid_time_bound": {"Nov 28 10:00:00 mx postfix/smtp[70]: fatal: invalid smtp_helo_timeout: 0 (min 1)",
		"Nov 28 10:00:00 mx postfix/qmgr[71]: fatal: invalid maximal_queue_lifetime: 9999 (max 8640000)"},
	"same_group_id": {"Nov 28 10:00:00 mx postfix/postfix-script[75]: fatal: file /etc/postfix/main.cf: parameters default_privs and mail_owner: users nobody and postfix have the same group ID: 1001",
		"Nov 28 10:00:00 mx postfix/postfix-script[76]: fatal: file /etc/postfix/main.cf: parameters mail_owner and setgid_group: user postfix and group postdrop have the same group ID: 1001"},
	"db_template_invalid":        {"Nov 28 10:00:00 mx postfix/proxymap[72]: fatal: db_common_parse: /etc/postfix/pgsql/relay.cf: Invalid query template: SELECT 1 FROM relay WHERE x='%k'"},
	"ldap_parameter_unsupported": {"Nov 28 10:00:00 mx postfix/proxymap[73]: fatal: ldap:/etc/postfix/ldap/senders.cf: unsupported parameter value: bind = maybe"},
	"master_exec_missing":        {"Nov 28 10:00:00 mx postfix/master[74]: fatal: master_spawn: exec /usr/libexec/postfix/policyd-x: No such file or directory"},
	"unknown_setgid_group":       {"Nov 28 10:00:00 mx postfix/postfix-script[113]: fatal: file /etc/postfix/main.cf: parameter setgid_group: unknown group name: postdrop"},
	"submit_not_allowed":         {"Nov 28 10:00:00 mx postfix/postdrop[114]: fatal: User www-data(33) is not allowed to submit mail"},
	"dict_type_name_form": {"Nov 28 10:00:00 mx postfix/trivial-rewrite[116]: fatal: open dictionary: expecting \"type:name\" form instead of \"/etc/postfix/transport\"",
		"Nov 28 10:00:00 mx postfix/smtpd[117]: fatal: open dictionary: expecting \"type:name\" form instead of \"smtp_tls_security_level\""},
	"address_map_expansion_size": {"Nov 28 10:00:00 mx postfix/cleanup[118]: warning: 3F2A1C0A51: unreasonable virtual_alias_maps map expansion size for staff@example.org -- message not accepted, try again later"},
	"virtual_alias_nesting":      {"Nov 28 10:00:00 mx postfix/cleanup[118]: warning: 3F2A1C0A50: unreasonable virtual_alias_maps map nesting for ann@example.org -- message not accepted, try again later"},
	"postmap_bad_line":           {"Nov 28 10:00:00 mx postfix/postmap[115]: warning: /etc/postfix/transport, line 7: expected format: key whitespace value"},
	"postmap_alias_format": {"Nov 28 10:00:00 mx postfix/postmap[116]: warning: /etc/aliases, line 4: record is in \"key: value\" format; is this an alias file?",
		"Nov 28 10:00:00 mx postfix/cleanup[117]: warning: /etc/postfix/virtual, line 2: record is in \"key: value\" format; is this an alias file?"},
	"regexp_table_not_built": {"Nov 28 10:00:00 mx postfix/postalias[121]: fatal: unsupported dictionary type: regexp. Is the postfix-regexp package installed?",
		"Nov 28 10:00:00 mx postfix/postmap[122]: fatal: unsupported dictionary type: regexp"},
	"cidr_table_not_built":     {"Nov 28 10:00:00 mx postfix/postmap[123]: fatal: unsupported dictionary type: cidr"},
	"texthash_table_not_built": {"Nov 28 10:00:00 mx postfix/postmap[124]: fatal: unsupported dictionary type: texthash. Is the postfix-texthash package installed?"},
	"tcp_table_too_old": {"Nov 28 10:00:00 mx postfix/cleanup[125]: fatal: unsupported dictionary type: tcp",
		"Nov 28 10:00:00 mx postfix/smtpd[126]: fatal: unsupported dictionary type: tcp"},
	"socketmap_table_too_old":   {"Nov 28 10:00:00 mx postfix/cleanup[127]: fatal: unsupported dictionary type: socketmap"},
	"tcp_table_not_built":       {"Nov 28 10:00:00 mx postfix/postmap[128]: fatal: unsupported dictionary type: tcp. Is the postfix-tcp package installed?"},
	"socketmap_table_not_built": {"Nov 28 10:00:00 mx postfix/postmap[129]: fatal: unsupported dictionary type: socketmap. Is the postfix-socketmap package installed?"},
	"unix_name_too_long": {"Nov 28 10:00:00 mx postfix/master[119]: fatal: unix-domain name too long: private/relay_smtp_mail_example_net_587_account_with_a_very_long_user_name_from_the_provider_console_1",
		"Nov 28 10:00:00 mx postfix/smtp[120]: warning: unix-domain name too long: /var/spool/postfix/private/dovecot-lmtp-for-the-mail-example-org-mailboxes-served-by-the-second-backend-instance"},
	"pipe_unknown_macro":     {"Nov 28 10:00:00 mx postfix/pipe[118]: warning: file /etc/postfix/master.cf: service lists: unknown macro name: \"Recipient\""},
	"root_owned_database":    {"Nov 28 10:00:00 mx postfix/postmap[116]: warning: Creating root-owned database file(s) /srv/mail/virtual.* in non-root-owned directory /srv/mail. Files /srv/mail/virtual, /srv/mail/virtual.*, and directory /srv/mail should have the same owner. Please fix ownership to avoid a privilege-escalation attack."},
	"sasl_wrong_socket":      {"Nov 28 10:00:00 mx postfix/submission/smtpd[117]: warning: SASL: Connected to wrong auth socket (auth-master instead of auth-client)"},
	"required_alias_missing": {"Nov 28 10:00:00 mx postfix/local[118]: warning: required alias not found: postmaster"},
	"pipe_recipient_limit":   {"Nov 28 10:00:00 mx postfix/pipe[119]: warning: pipe flag `D' requires dovecot_destination_recipient_limit = 1"},
	"pipe_user_attribute":    {"Nov 28 10:00:00 mx postfix/pipe[120]: fatal: user= command-line attribute specifies root privileges"},
	"maillog_file_open_failed": {"Mar  3 08:15:02 relay postfix/postlogd[51]: fatal: open logfile '/dev/stdout': cannot open file: Permission denied",
		"Mar  3 08:16:40 relay postfix/postlogd[77]: fatal: open logfile '/var/log/mail/postfix.log': cannot open file: No such file or directory"},
	"smtp_bind_address":             {"Nov 28 10:00:00 mx postfix/smtp[121]: warning: smtp_connect_addr: bind 192.0.2.5: Cannot assign requested address"},
	"map_lookup_problem":            {"Nov 28 10:00:00 mx postfix/cleanup[122]: warning: 3F2A1C2: virtual_alias_maps map lookup problem for b@example.org -- message not accepted, try again later"},
	"tls_policy_lookup":             {"Nov 28 10:00:00 mx postfix/smtp[123]: warning: TLS policy lookup for example.org/mx.example.org: hash:/etc/postfix/tls_policy lookup error"},
	"tls_policy_table_lookup_error": {"Nov 28 10:00:00 mx postfix/smtp[123]: warning: smtp_tls_policy_maps, next-hop destination \"example.org\": policy table lookup error"},
	"library_version_mismatch": {
		"Nov 28 10:00:00 mx postfix/smtpd[411]: warning: run-time library vs. compile-time header version mismatch: OpenSSL 3.4.0 may not be compatible with OpenSSL 3.2.0",
		"Nov 28 10:00:00 mx postfix/smtp[412]: warning: run-time library vs. compile-time header version mismatch: libtlsrpt API version '0.5' is not compatible with libtlsrpt API version '0.6' ",
	},
	"berkeley_db_version_mismatch": {
		"Nov 28 10:00:00 mx postfix/qmgr[413]: fatal: incorrect version of Berkeley DB: compiled against 5.3.28, run-time linked against 6.2.32",
		"Nov 28 10:00:00 mx postfix/smtpd[414]: warning: hash:/etc/postfix/virtual is unavailable. incorrect version of Berkeley DB: compiled against 5.3.28, run-time linked against 6.2.32",
	},
	"sasl_library_version_mismatch": {"Nov 28 10:00:00 mx postfix/smtpd[415]: warning: incorrect SASL library version. Postfix was built with include files from version 2.1.27, but the run-time library version is 2.1.28"},
	"postfix_library_mismatch":      {"Nov 28 10:00:00 mx postfix/smtpd[416]: warning: Postfix library version mis-match: wanted 3.8.6, found 3.9.1"},
	"tls_policy_unknown_attribute":  {"Nov 28 10:00:00 mx postfix/smtp[123]: warning: smtp_tls_policy_maps, next-hop destination \"example.org\": invalid attribute name: \"servername\""},
	"tls_policy_syntax":             {"Nov 28 10:00:00 mx postfix/smtp[123]: warning: smtp_tls_policy_maps, next-hop destination \"[relay.example.org]:587\": invalid security level \"encrypted\""},
	"tls_policy_syntax_table": {"Nov 28 10:00:00 mx postfix/smtp[123]: warning: TLS policy table, next-hop destination \"[relay.example.org]:587\": invalid security level \"encrypted\"",
		"Nov 28 10:00:00 mx postfix/smtp[124]: warning: TLS policy table, next-hop destination \"example.org\": invalid attribute name: \"protocol\""},
	"tls_policy_lookup_fatal": {"Nov 28 10:00:00 mx postfix/smtp[125]: fatal: 3F2A1C0A52: smtp_tls_policy_maps lookup error for example.org"},
	"tls_policy_invalid": {"Nov 28 10:00:00 mx postfix/smtp[123]: warning: TLS policy lookup for example.org/mx.example.org: client TLS configuration problem",
		"Nov 28 10:00:00 mx postfix/smtp[124]: 3F2A1C0A51: to=<ann@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.7.5, status=deferred (client TLS configuration problem)"},
	"passwd_lookup":               {"Nov 28 10:00:00 mx postfix/local[124]: warning: error looking up passwd info for b: Connection refused"},
	"postmaster_notice_discarded": {"Nov 28 10:00:00 mx postfix/bounce[126]: warning: 3F2A1C4: undeliverable postmaster notification discarded"},
	"notification_not_queued": {"Nov 28 10:00:00 mx postfix/bounce[128]: warning: 3F2A1C6: sender notification failed to ann@example.org: queue file write error",
		"Nov 28 10:00:00 mx postfix/bounce[128]: warning: 3F2A1C7: sender notification failed to ann@example.org: message file too big",
		"Nov 28 10:00:00 mx postfix/bounce[128]: warning: 3F2A1C8: postmaster notification failed: queue file write error",
		"Nov 28 10:00:00 mx postfix/bounce[128]: warning: 3F2A1C9: sender notification failed to ann@example.org",
		"Nov 28 10:00:00 mx postfix/bounce[128]: warning: 3F2A1CA: postmaster notification failed"},
	"postmaster_copy_not_queued": {"Nov 28 10:00:00 mx postfix/bounce[129]: warning: 3F2A1CB: postmaster notice failed while bouncing to ann@example.org",
		"Nov 28 10:00:00 mx postfix/bounce[129]: warning: 3F2A1CC: postmaster notice failed while warning ann@example.org"},
	"service_failure":                  {"Nov 28 10:00:00 mx postfix/smtp[125]: warning: 3F2A1C3: defer service failure"},
	"corrupt_queue_file":               {"Nov 28 10:00:00 mx postfix/qmgr[126]: warning: corrupted queue file: active/3F2A1C4"},
	"queue_file_bad_offset":            {"Nov 28 10:00:00 mx postfix/qmgr[127]: fatal: bad extra offset 1570 file active/3F2A1C5"},
	"queue_file_out_of_order":          {"Nov 28 10:00:00 mx postfix/qmgr[128]: fatal: 3F2A1C6: envelope records out of order"},
	"queue_file_truncated":             {"Nov 28 10:00:00 mx postfix/qmgr[128]: warning: active/3F2A1C7: unexpected EOF in data, record type 78 length 31"},
	"queue_file_record_length":         {"Nov 28 10:00:00 mx postfix/qmgr[128]: warning: active/3F2A1C8: unexpected EOF reading length, record type 78"},
	"queue_file_record_illegal_length": {"Nov 28 10:00:00 mx postfix/qmgr[128]: warning: active/3F2A1C9: illegal length 99999999, record type 78"},
	"queue_file_record_length_bits":    {"Nov 28 10:00:00 mx postfix/qmgr[128]: warning: active/3F2A1CA: too many length bits, record type 78"},
	"queue_file_bad_pointer":           {"Nov 28 10:00:00 mx postfix/qmgr[128]: warning: active/3F2A1CB: malformed pointer record value: 12y"},
	"alias_database_unavailable":       {"Nov 28 10:00:00 mx postfix/local[128]: 3F2A1CE: to=<root@mx.example>, relay=local, delay=1, delays=0/0/0/1, dsn=4.3.0, status=deferred (alias database unavailable)"},
	"pickup_malformed_record":          {"Nov 28 10:00:00 mx postfix/pickup[128]: warning: uid=33: unexpected or malformed record type 0"},
	"queue_file_links":                 {"Nov 28 10:00:00 mx postfix/showq[128]: warning: deferred/3/3F2A1CD: uid 89: file has 2 links"},
	"fs_clock_ahead":                   {"Nov 28 10:00:00 mx postfix/cleanup[128]: warning: file system clock is 312 seconds ahead of local clock"},
	"fs_clock_behind":                  {"Nov 28 10:00:00 mx postfix/cleanup[128]: warning: file system clock is 4000 seconds behind local clock"},
	"queue_file_pointer_loop":          {"Nov 28 10:00:00 mx postfix/qmgr[128]: warning: active/3F2A1CC: too many reverse jump records"},
	"premature_disconnect":             {"Nov 28 10:00:00 mx postfix/qmgr[127]: warning: private/dovecot socket: premature disconnect"},
	"sendmail_queue_write":             {"Nov 28 10:00:00 mx postfix/sendmail[128]: fatal: www-data(33): error writing queue file: Broken pipe"},
	"postdrop_exec":                    {"Nov 28 10:00:00 mx postfix/sendmail[129]: fatal: www-data(33): unable to execute /usr/sbin/postdrop: Permission denied"},
	"milter_reply":                     {"Nov 28 10:00:00 mx postfix/smtpd[130]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_CONNECT reply packet header: Connection reset by peer", "Nov 28 10:00:00 mx postfix/smtpd[131]: warning: milter unix:/run/clamav/clamav-milter.ctl: can't read SMFIC_RCPT reply packet header: Connection timed out"},
	"milter_reply_negotiation":         {"Nov 28 10:00:00 mx postfix/smtpd[130]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_OPTNEG reply packet header: Connection reset by peer"},
	"milter_reply_header":              {"Nov 28 10:00:00 mx postfix/cleanup[131]: warning: milter inet:localhost:11332: can't read SMFIC_HEADER reply packet header: Success"},
	"milter_reply_eoh":                 {"Nov 28 10:00:00 mx postfix/cleanup[131]: warning: milter unix:/run/opendkim/opendkim.sock: can't read SMFIC_EOH reply packet header: Connection reset by peer"},
	"milter_reply_body":                {"Nov 28 10:00:00 mx postfix/cleanup[131]: warning: milter unix:/run/clamav/clamav-milter.ctl: can't read SMFIC_BODY reply packet header: Connection timed out"},
	"milter_reply_eom":                 {"Nov 28 10:00:00 mx postfix/cleanup[131]: warning: milter unix:/run/clamav/clamav-milter.ctl: can't read SMFIC_BODYEOB reply packet header: Connection timed out"},
	"milter_not_milter":                {"Nov 28 10:00:00 mx postfix/smtpd[133]: warning: milter inet:127.0.0.1:11334: unreasonable packet length: 1213486160 > 1073741823"},
	"milter_reply_cut":                 {"Nov 28 10:00:00 mx postfix/cleanup[78]: warning: milter inet:127.0.0.1:8891: EOF while reading command code: Success", "Nov 28 10:00:00 mx postfix/smtpd[79]: warning: milter unix:/run/milter/scan.sock: EOF while reading data: Connection reset by peer", "Nov 28 10:00:00 mx postfix/smtpd[79]: warning: 4ABC12345: milter unix:/run/milter/scan.sock: EOF while reading string: Success"},
	"milter_reply_unexpected":          {"Nov 28 10:00:00 mx postfix/smtpd[80]: warning: milter inet:127.0.0.1:8891: unexpected filter response SMFIR_ADDHEADER after event SMFIC_RCPT"},
	"milter_reply_trailing":            {"Nov 28 10:00:00 mx postfix/smtpd[81]: warning: milter inet:127.0.0.1:8891: reply SMFIR_CONTINUE was followed by 12 data bytes"},
	"milter_reply_length":              {"Nov 28 10:00:00 mx postfix/smtpd[82]: warning: milter inet:127.0.0.1:8891: bad packet length: 0"},
	"milter_reply_malformed":           {"Nov 28 10:00:00 mx postfix/smtpd[83]: warning: milter inet:127.0.0.1:8891: malformed reply: 550 4.7.1 Message rejected by policy"},
	"milter_protocol_bad":              {"Nov 28 10:00:00 mx postfix/smtpd[84]: warning: milter inet:127.0.0.1:8891: bad protocol information: 5"},
	"milter_protocol_none":             {"Nov 28 10:00:00 mx postfix/cleanup[85]: warning: milter unix:/run/x.sock: no protocol version information"},
	"milter_socket_missing":            {"Nov 28 10:00:00 mx postfix/smtpd[86]: warning: connect to Milter service unix:/run/opendkim/opendkim.sock: No such file or directory"},
	"milter_handshake":                 {"Nov 28 10:00:00 mx postfix/smtpd[132]: warning: milter inet:127.0.0.1:11332: unexpected reply \"H\" in initial handshake"},
	"daemon_init_failure":              {"Nov 28 10:00:00 mx postfix/master[133]: fatal: daemon initialization failure -- see logs for details"},
	"mail_system_down":                 {"Nov 28 10:00:00 mx postfix/postqueue[134]: fatal: Queue report unavailable - mail system is down (Connect to the showq service: No such file or directory)"},
	"sasl_backend_down":                {"Nov 28 10:00:00 mx postfix/submission/smtpd[135]: warning: c.example.net[198.51.100.7]: SASL PLAIN authentication failed: Connection lost to authentication server, sasl_username=b@example.org"},
	"tls_chain_open":                   {"Nov 28 10:00:00 mx postfix/smtpd[136]: warning: error opening chain file: /etc/letsencrypt/live/mx.example.org/full.pem: No such file or directory"},
	"dh_params_file":                   {"Nov 28 10:00:00 mx postfix/smtpd[137]: warning: cannot load DH parameters from file /etc/postfix/dh2048.pem: No such file or directory -- using compiled-in defaults"},
	"out_of_memory": {"Nov 28 10:00:00 mx postfix/postqueue[4242]: fatal: out of memory",
		"Nov 28 10:00:00 mx postfix/smtpd[99]: warning: pcre map /etc/postfix/helo_checks.pcre, line 12: out of memory"},
	"sasl_auth_failed": {"Nov 28 10:00:00 mx postfix/smtpd[138]: warning: unknown[203.0.113.88]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", "Nov 28 10:00:00 mx postfix/submission/smtpd[139]: warning: unknown[203.0.113.89]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=admin",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[179]: warning: unknown[203.0.113.90]: SASL PLAIN authentication failed:"},
	"milter_tempfail_connect":     {"Nov 28 10:00:00 mx postfix/smtpd[141]: NOQUEUE: milter-reject: CONNECT from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; proto=SMTP"},
	"milter_tempfail_ehlo":        {"Nov 28 10:00:00 mx postfix/smtpd[141]: NOQUEUE: milter-reject: EHLO from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; proto=SMTP helo=<c.example.net>"},
	"milter_tempfail_helo":        {"Nov 28 10:00:00 mx postfix/smtpd[141]: NOQUEUE: milter-reject: HELO from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; proto=SMTP helo=<c.example.net>"},
	"milter_tempfail":             {"Nov 28 10:00:00 mx postfix/smtpd[141]: NOQUEUE: milter-reject: RCPT from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"},
	"tls_wrapper_dropped":         {"Nov 28 10:00:00 mx postfix/smtps/smtpd[142]: warning: Wrapper-mode request dropped from c.example.net[198.51.100.7] for service smtps. TLS context initialization failed. For details see earlier warnings in your logs."},
	"no_mx_address":               {"Nov 28 10:00:00 mx postfix/smtp[140]: warning: no MX host for example.org has a valid address record"},
	"master_lock_held":            {"Nov 28 10:00:00 mx postfix/master[143]: fatal: open lock file /var/lib/postfix/master.lock: unable to set exclusive lock: Resource temporarily unavailable"},
	"master_lock_denied":          {"Nov 28 10:00:00 mx postfix/master[144]: fatal: open lock file /var/lib/postfix/master.lock: cannot open file: Permission denied"},
	"master_lock_create_denied":   {"Nov 28 10:00:00 mx postfix/master[154]: fatal: open lock file /var/lib/postfix/master.lock: cannot create file exclusively: Permission denied"},
	"prng_exchange_file":          {"Nov 28 10:00:00 mx postfix/tlsmgr[145]: fatal: cannot open PRNG exchange file /var/lib/postfix/prng_exch: Permission denied"},
	"master_service_name_unknown": {"Nov 28 10:00:00 mx postfix/master[146]: fatal: 0.0.0.0:submissions: Servname not supported for ai_socktype"},
	"bind_address_missing": {"Nov 28 10:00:00 mx postfix/master[150]: fatal: bind 192.0.2.25 port 25: Cannot assign requested address",
		"Nov 28 10:00:00 mx postfix/master[151]: fatal: bind fe80::1 port 587: Can't assign requested address"},
	"no_active_interfaces": {"Nov 28 10:00:00 mx postfix/master[152]: fatal: could not find any active network interfaces",
		"Nov 28 10:00:00 mx postfix[153]: fatal: could not find any active network interfaces"},
	"attr_premature_eof":       {"Nov 28 10:00:00 mx postfix/smtpd[147]: warning: premature end-of-input on private/policyd-spf while reading input attribute name", "Nov 28 10:00:00 mx postfix/smtpd[148]: warning: unexpected end-of-input from private/policy while reading input attribute name"},
	"internal_service_problem": {"Nov 28 10:00:00 mx postfix/cleanup[148]: warning: problem talking to service rewrite: Connection reset by peer"},
	"regexp_map_rule": {"Nov 28 10:00:00 mx postfix/cleanup[149]: warning: regexp map /etc/postfix/header_checks, line 5: unknown regexp option \"Y\": skipping this rule",
		"Nov 28 10:00:00 mx postfix/cleanup[150]: warning: regexp map /etc/postfix/header_checks, line 3: Invalid preceding regular expression"},
	"pcre_map_rule": {"Nov 28 10:00:00 mx postfix/cleanup[151]: warning: pcre map /etc/postfix/body_checks, line 3: error in regex at offset 5: missing closing parenthesis"},
	"cidr_map_rule": {"Nov 28 10:00:00 mx postfix/smtpd[151]: warning: cidr map /etc/postfix/client_access.cidr, line 6: bad net/mask pattern: \"198.51.100.0/33\": skipping this rule",
		"Nov 28 10:00:00 mx postfix/postscreen[151]: warning: cidr map /etc/postfix/postscreen_access.cidr, line 12: IF has no matching ENDIF"},
	"config_file_missing": {"Nov 28 10:00:00 mx postfix/smtpd[152]: fatal: open /etc/postfix/sender_access.pcre: No such file or directory"},
	// A table file kept outside the configuration directory, as
	// dict_surrogate logs it when the table is opened, and pasted alone.
	"named_file_missing": {"Nov 28 10:00:00 mx postfix/smtpd[152]: error: open /srv/mail/conf/client_access.cidr: No such file or directory",
		"error: open /opt/mail/custom/sender_checks.pcre: No such file or directory"},
	"config_file_denied": {"Nov 28 10:00:00 mx postfix/proxymap[153]: fatal: open /etc/postfix/mysql-virtual.cf: Permission denied",
		// config_directory elsewhere: the BSDs' ports and pkgsrc, a
		// second instance's.
		"Nov 28 10:00:00 mx postfix/smtpd[153]: fatal: open /usr/local/etc/postfix/main.cf: Permission denied",
		"Nov 28 10:00:00 mx postfix-out/cleanup[153]: fatal: open /etc/postfix-out/main.cf: Permission denied"},
	"chroot_not_permitted":        {"Nov 28 10:00:00 mx postfix/smtpd[154]: fatal: chroot(/var/spool/postfix): Operation not permitted"},
	"chroot_access_denied":        {"Nov 28 10:00:00 mx postfix/smtpd[154]: fatal: chroot(/var/spool/postfix): Permission denied"},
	"permissions_not_owned":       {"Nov 28 10:00:00 mx postfix/postfix-script[155]: warning: not owned by postfix: /var/spool/postfix/active/3F2A1C5", "Nov 28 10:00:00 mx postfix/postfix-script[156]: warning: not owned by group postdrop: /usr/sbin/postqueue"},
	"permissions_writable":        {"Nov 28 10:00:00 mx postfix/postfix-script[157]: warning: group or other writable: /etc/postfix/./main.cf"},
	"permissions_setgid":          {"Nov 28 10:00:00 mx postfix/postfix-script[158]: warning: not set-gid or not owner+group+world executable: /usr/sbin/postdrop"},
	"chroot_file_differs":         {"Nov 28 10:00:00 mx postfix/postfix-script[159]: warning: /var/spool/postfix/etc/resolv.conf and /etc/resolv.conf differ"},
	"client_name_lookup_failed":   {"Nov 28 10:00:00 mx postfix/smtpd[159]: warning: hostname host-5.dyn.isp.example does not resolve to address 203.0.113.5: Temporary failure in name resolution"},
	"chroot_library_differs":      {"Nov 28 10:00:00 mx postfix/postfix-script[159]: warning: /var/spool/postfix/lib/x86_64-linux-gnu/libnss_dns.so.2 and /lib/x86_64-linux-gnu/libnss_dns.so.2 differ"},
	"chroot_usr_library_differs":  {"Nov 28 10:00:00 mx postfix/postfix-script[159]: warning: /var/spool/postfix/usr/lib/x86_64-linux-gnu/libnss_files.so.2 and /usr/lib/x86_64-linux-gnu/libnss_files.so.2 differ"},
	"integrity_check_failed":      {"Nov 28 10:00:00 mx postfix/postfix-script[160]: fatal: Postfix integrity check failed!"},
	"queue_special_files_public":  {"find: /var/spool/postfix/public/qmgr: Invalid argument"},
	"queue_special_files_private": {"find: /var/spool/postfix/private/rewrite: Invalid argument"},
	"startup_failed":              {"Nov 28 10:00:00 mx postfix/postfix-script[161]: fatal: mail system startup failed"},
	"postfix_not_running_command": {"Nov 28 10:00:00 mx postfix/postfix-script[162]: fatal: the Postfix mail system is not running"},
	"queue_directories_create":    {"Nov 28 10:00:00 mx postfix/postfix-script[163]: fatal: unable to create missing queue directories"},
	"maillog_file_outside_prefixes": {"Nov 28 10:00:00 mx postfix/postfix-script[165]: fatal: maillog_file value '/srv/log/postfix.log' does not match any prefix in maillog_file_prefixes",
		"postfix: fatal: maillog_file value '/opt/mail/log/maillog' does not match any prefix in maillog_file_prefixes"},
	"maillog_file_write_failed": {"Nov 28 10:00:00 mx postfix/postfix-script[166]: fatal: logfile '/var/log/postfix.log' write error: Input/output error",
		"postsuper: fatal: logfile '/var/log/postfix.log' write error: Disk quota exceeded"},
	"postlog_service_missing": {"Nov 28 10:00:00 mx postfix/postfix-script[164]: fatal: missing 'postlog' service in master.cf - run 'postfix upgrade-configuration'"},
	"damaged_message":         {"Nov 28 10:00:00 mx postfix/postfix-script[165]: warning: damaged message: corrupt/3F2A1C6"},
	"public_service_missing":  {"Nov 28 10:00:00 mx postfix/pickup[166]: warning: unable to look up public/qmgr: No such file or directory"},
	"restriction_ignored":     {"Nov 28 10:00:00 mx postfix/smtpd[167]: warning: restriction `reject_unauth_destination' after `permit' is ignored"},
	"greeted_with_own_hostname": {"Nov 28 10:00:00 mx postfix/smtp[168]: warning: host mx.example.org[192.0.2.1]:25 greeted me with my own hostname mx.example.org",
		"Nov 28 10:00:00 mx postfix/smtp[169]: warning: host mx.example.org[192.0.2.1]:25 replied to HELO/EHLO with my own hostname mx.example.org"},
	"interface_host_not_found": {"Nov 28 10:00:00 mx postfix/master[170]: fatal: config variable inet_interfaces: host not found: mail.example.org"},
	"relayhost_config_problem": {"Nov 28 10:00:00 mx postfix/smtp[176]: warning: relayhost configuration problem"},
	"fallback_relay_config_problem": {"Nov 28 10:00:00 mx postfix/smtp[177]: warning: smtp_fallback_relay configuration problem",
		"Nov 28 10:00:00 mx postfix/smtp[178]: warning: fallback_relay configuration problem"},
	"nexthop_not_a_host": {"Nov 28 10:00:00 mx postfix/smtp[179]: fatal: valid hostname or network address required in server description: 'relay.example.net'",
		"Nov 28 10:00:00 mx postfix/smtp[180]: fatal: valid hostname or network address required in SMTP server description: [192.0.2.25:2525]"},
	"nexthop_bad_port": {"Nov 28 10:00:00 mx postfix/smtp[181]: fatal: bad network port: 0 for destination: [relay.example.net]:0"},
	"single_value_parameter": {"Nov 28 10:00:00 mx postfix/master[182]: fatal: relayhost parameter setting must not contain multiple values: [relay.example.net]:587 # the ISP's relay",
		"Nov 28 10:00:00 mx postfix/postfix-script[183]: fatal: myorigin parameter setting must not contain multiple values: Ann Example"},
	"same_user_id":               {"Nov 28 10:00:00 mx postfix/postfix-script[171]: fatal: file /etc/postfix/main.cf: parameter default_privs: user postfix has the same user ID 110 as user postfix"},
	"smtp_sasl_no_password_maps": {"Nov 28 10:00:00 mx postfix/smtp[172]: fatal: specify a password table via the `smtp_sasl_password_maps' configuration parameter"},
	"parameter_will_be_removed":  {"Nov 28 10:00:00 mx postfix/postfix-script[174]: warning: /etc/postfix/main.cf: support for parameter \"smtpd_use_tls\" will be removed; instead, specify \"smtpd_tls_security_level = may\""},
	"parameter_removed":          {"Nov 28 10:00:00 mx postfix/postfix-script[175]: warning: /etc/postfix/main.cf: support for parameter disable_dns_lookups has been removed; instead, specify \"smtp_dns_support_level\""},
	"rbl_lookup_error":           {"Nov 28 10:00:00 mx postfix/smtpd[176]: warning: 7.100.51.198.zen.spamhaus.org: RBL lookup error: Host or domain name not found. Name service error for name=7.100.51.198.zen.spamhaus.org type=A: Host not found, try again"},
	"lookup_error_table":         {"Nov 28 10:00:00 mx postfix/smtp[177]: warning: 3F2A1C7: smtp_sasl_password_maps lookup error", "Nov 28 10:00:00 mx postfix/smtp[178]: warning: 3F2A1C8: smtp header checks lookup error"},
	"queue_subdirectory_missing": {"Jan  5 08:00:00 relay postfix/postdrop[414]: warning: mail_queue_enter: create file maildrop/771250.414: No such file or directory"},
	"tlsproxy_busy":              {"Nov 28 10:00:00 mx postfix/smtp[180]: warning: connect to private/tlsproxy service: Resource temporarily unavailable"},
	"tlsproxy_missing":           {"Nov 28 10:00:00 mx postfix/smtp[180]: warning: connect to private/tlsproxy service: No such file or directory", "Nov 28 10:00:00 mx postfix/postscreen[181]: warning: connect to private/tlsproxy service: No such file or directory"},
	"postscreen_pass_missing":    {"Nov 28 10:00:00 mx postfix/postscreen[183]: warning: cannot connect to service private/smtpd: No such file or directory"},
	"postscreen_pass_refused":    {"Nov 28 10:00:00 mx postfix/postscreen[183]: warning: cannot connect to service private/smtpd: Connection refused"},
	"dnsblog_busy":               {"Nov 28 10:00:00 mx postfix/postscreen[182]: warning: psc_dnsbl_request: connect to private/dnsblog service: Resource temporarily unavailable"},
	"postscreen_dnsbl_sites_syntax": {"Nov 28 10:00:00 mx postfix/postscreen[183]: fatal: bad DNSBL weight factor \"x\" in \"bl.example.net*x\"",
		"Nov 28 10:00:00 mx postfix/postscreen[184]: fatal: bad DNSBL filter syntax: 127.0.0.[2..9",
		"Nov 28 10:00:00 mx postfix/postscreen[185]: fatal: bad DNSBL domain name \"bl example\" in \"bl example=127.0.0.2\""},
	"dnsblog_missing":             {"Nov 28 10:00:00 mx postfix/postscreen[182]: warning: psc_dnsbl_request: connect to private/dnsblog service: No such file or directory"},
	"tls_no_server_certs":         {"Nov 28 10:00:00 mx postfix/smtpd[173]: warning: No server certs available. TLS won't be enabled"},
	"include_file_world_writable": {"Nov 28 10:00:00 mx postfix/local[185]: warning: :include: file /etc/mail/lists/staff is world writable"},
	"include_file_unusable":       {"Nov 28 10:00:00 mx postfix/local[186]: warning: :include: file /etc/mail/lists/staff is not a regular file", "Nov 28 10:00:00 mx postfix/local[187]: warning: unable to lookup :include: file /etc/mail/lists/staff: No such file or directory"},
	"include_relative_path":       {"Nov 28 10:00:00 mx postfix/local[188]: warning: :include:lists/staff uses a relative path"},
	"include_file_open":           {"Nov 28 10:00:00 mx postfix/local[189]: warning: cannot open include file /etc/mail/lists/staff: Permission denied"},
	"forward_world_writable":      {"Nov 28 10:00:00 mx postfix/local[190]: warning: file /home/ann/.forward is world writable"},
	"forward_bad_owner":           {"Nov 28 10:00:00 mx postfix/local[191]: warning: file /home/ann/.forward has bad owner uid 1001"},
	"forward_not_regular":         {"Nov 28 10:00:00 mx postfix/local[192]: warning: file /home/ann/.forward is not a regular file"},
	"nbdb_redirect_hash":          {"Nov 28 10:00:00 mx postfix/trivial-rewrite[193]: redirecting hash:/etc/postfix/transport to lmdb:/etc/postfix/transport"},
	"nbdb_redirect_btree":         {"Nov 28 10:00:00 mx postfix/tlsmgr[194]: redirecting btree:/var/lib/postfix/smtp_scache to lmdb:/var/lib/postfix/smtp_scache"},
	"nbdb_migration_error":        {"Nov 28 10:00:00 mx postfix/smtpd[195]: warning: Non-Berkeley-DB migration error: connection to private/nbdb_reindex service: No such file or directory"},
	"nbdb_reindex_failed":         {"Nov 28 10:00:00 mx postfix/nbdb_reindexd[196]: warning: request to index hash:/etc/postfix/virtual failed: legacy indexed file '/etc/postfix/virtual.db' is owned by uid '0', but source file '/etc/postfix/virtual' is owned or writable by other user; to allow automatic indexing, correct the ownership or permissions"},
	"nbdb_level_invalid":          {"Nov 28 10:00:00 mx postfix/postfix-script[197]: fatal: invalid non-Berkeley-DB migration level: 'enable-redirects'"},
	"nbdb_no_suffix":              {"Nov 28 10:00:00 mx postfix/cleanup[198]: warning: non-Berkeley-DB mapped type 'pcre' has no known pathname suffix"},
	"dns_reply_filter_drops_all": {"Nov 28 10:00:00 mx postfix/smtpd[199]: warning: example.net: address or MX lookup error: DNS reply filter drops all results", "Nov 28 10:00:00 mx postfix/smtpd[200]: warning: example.net: MX or address lookup error: DNS reply filter drops all results",
		"Nov 28 10:00:00 mx postfix/smtpd[201]: warning: 7.100.51.198.bl.example.org: TXT lookup error: DNS reply filter drops all results"},
	"dns_filter_unknown_action": {"Nov 28 10:00:00 mx postfix/smtp[202]: warning: regexp:/etc/postfix/dns_reply_filter: unknown DNS filter action: \"DROP\""},
	"access_action_proxy_filter": {"Nov 28 10:00:00 mx postfix/smtpd[203]: warning: access table hash:/etc/postfix/sender_access: with smtpd_proxy_filter specified, action FILTER is unavailable",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[204]: warning: access table lmdb:/etc/postfix/recipient_access: with smtpd_proxy_filter specified, action HOLD is unavailable"},
	"access_action_etrn":           {"Nov 28 10:00:00 mx postfix/smtpd[205]: warning: access table hash:/etc/postfix/etrn_access: action DISCARD is unavailable in smtpd_etrn_restrictions"},
	"access_action_skipped":        {"Nov 28 10:00:00 mx postfix/smtpd[206]: warning: access table hash:/etc/postfix/client_access: with smtpd_delay_reject=no, action HOLD is always skipped in client or helo restrictions"},
	"access_filter_no_value":       {"Nov 28 10:00:00 mx postfix/smtpd[207]: warning: access table hash:/etc/postfix/sender_access entry \"spam.example\" has FILTER entry without value"},
	"access_filter_no_destination": {"Nov 28 10:00:00 mx postfix/smtpd[208]: warning: access table hash:/etc/postfix/sender_access entry \"lists.example\" requires transport:destination"},
	"access_delay_value": {"Nov 28 10:00:00 mx postfix/smtpd[209]: warning: access table hash:/etc/postfix/client_access entry \"198.51.100\" has DELAY entry without value",
		"Nov 28 10:00:00 mx postfix/smtpd[210]: warning: access table hash:/etc/postfix/client_access entry \"198.51.100\" has invalid DELAY argument \"soon\""},
	"access_address_target":      {"Nov 28 10:00:00 mx postfix/smtpd[211]: warning: access table hash:/etc/postfix/recipient_access entry \"old@example.org\" requires user@domain target"},
	"access_prepend_end_of_data": {"Nov 28 10:00:00 mx postfix/smtpd[212]: warning: access table hash:/etc/postfix/eod_access: action PREPEND must be used before smtpd_end_of_data_restrictions"},
	"access_prepend_header":      {"Nov 28 10:00:00 mx postfix/smtpd[213]: warning: access table pcre:/etc/postfix/helo_access.pcre entry \"/^unknown$/\" requires header: text"},
	"access_entry_names_table":   {"Nov 28 10:00:00 mx postfix/smtpd[214]: warning: access table hash:/etc/postfix/recipient_access has entry with lookup table: hash:/etc/postfix/vip_senders"},
	"access_entry_empty":         {"Nov 28 10:00:00 mx postfix/smtpd[215]: warning: access table hash:/etc/postfix/client_access entry , has empty value"},
	"sasl_generic_failure":       {"Nov 28 10:00:00 mx postfix/submission/smtpd[85]: warning: unknown[198.51.100.20]: SASL PLAIN authentication failed: generic failure"},
	"sasl_mechanism_unavailable": {"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: warning: unknown[172.18.0.6]: SASL LOGIN authentication failed: no mechanism available",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: warning: app.example.org[198.51.100.21]: SASL CRAM-MD5 authentication failed: no mechanism available"},
	"milter_rate_limit": {`Nov 28 10:00:00 mx postfix/cleanup[87]: 3F2A1C0D30: milter-reject: END-OF-MESSAGE from app.example.org[192.0.2.30]: 4.7.1 Ratelimit "user" exceeded; from=<billing@example.org> to=<ann@example.net> proto=ESMTP helo=<app.example.org>`,
		`Nov 28 10:00:00 mx postfix/smtpd[88]: NOQUEUE: milter-reject: RCPT from app.example.org[192.0.2.30]: 451 4.7.1 Ratelimit "user_ip" exceeded; from=<billing@example.org> to=<bob@example.net> proto=ESMTP helo=<app.example.org>`},
	"milter_soft_reject": {"Nov 28 10:00:00 mx postfix/cleanup[90]: 4B7C2D1E40: milter-reject: END-OF-MESSAGE from relay.example.net[198.51.100.40]: 4.7.1 Try again later; from=<news@example.net> to=<carol@example.org> proto=ESMTP helo=<relay.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[91]: NOQUEUE: milter-reject: RCPT from relay.example.net[198.51.100.40]: 451 4.7.1 Try again later; from=<news@example.net> to=<dave@example.org> proto=ESMTP helo=<relay.example.net>"},
	"postscreen_command_limit": {"Nov 28 10:00:00 mx postfix/postscreen[89]: COMMAND TIME LIMIT from [198.51.100.31]:40312 after CONNECT",
		"Nov 28 10:00:00 mx postfix/postscreen[89]: COMMAND COUNT LIMIT from [198.51.100.32]:51114 after RCPT",
		"Nov 28 10:00:00 mx postfix/postscreen[89]: COMMAND LENGTH LIMIT from [198.51.100.33]:52290 after DATA"},
	"postscreen_pregreet": {`Nov 28 10:00:00 mx postfix/postscreen[89]: PREGREET 14 after 0.27 from [198.51.100.34]:55309: EHLO bot-pc\r\n`,
		"Nov 28 10:00:00 mx postfix/postscreen[89]: PREGREET 11 after 0 from [2001:db8::35]:40211: HELO x\\r\\n"},
	"postscreen_pipelining":       {`Nov 28 10:00:00 mx postfix/postscreen[89]: COMMAND PIPELINING from [198.51.100.36]:41002 after EHLO: MAIL FROM:<a@example.net>\r\n`},
	"postscreen_non_smtp_command": {"Nov 28 10:00:00 mx postfix/postscreen[89]: NON-SMTP COMMAND from [198.51.100.37]:41900 after CONNECT: GET / HTTP/1.1"},
	"postscreen_dnsbl_rank":       {"Nov 28 10:00:00 mx postfix/postscreen[89]: DNSBL rank 3 for [198.51.100.41]:41901"},
	"postscreen_hangup": {"Nov 28 10:00:00 mx postfix/postscreen[89]: HANGUP after 0.52 from [198.51.100.42]:41902 in tests before SMTP handshake",
		"Nov 28 10:00:00 mx postfix/postscreen[89]: HANGUP after 3.1 from [198.51.100.43]:41903 in tests after SMTP handshake"},
	"smtpd_non_smtp_command":  {"Nov 28 10:00:00 mx postfix/smtpd[89]: warning: non-SMTP command from unknown[198.51.100.38]: GET / HTTP/1.1"},
	"postscreen_bare_newline": {"Nov 28 10:00:00 mx postfix/postscreen[89]: BARE NEWLINE from [198.51.100.39]:42817 after DATA"},
	"reverse_hostname_private_client": {"Nov 28 10:00:00 mx postfix/smtpd[95]: NOQUEUE: reject: RCPT from unknown[172.18.0.1]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [172.18.0.1]; from=<ann@example.net> to=<bob@example.org> proto=ESMTP helo=<mail.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[96]: NOQUEUE: reject: RCPT from unknown[192.168.224.1]: 450 4.7.25 Client host rejected: cannot find your hostname, [192.168.224.1]; from=<ann@example.net> to=<bob@example.org> proto=ESMTP helo=<mail.example.net>"},
	"auth_error_limit":         {"Nov 28 10:00:00 mx postfix/smtpd[86]: too many errors after AUTH from unknown[198.51.100.21]"},
	"auth_failed_session":      {"Nov 28 10:00:00 mx postfix/smtpd[87]: disconnect from unknown[198.51.100.22] ehlo=1 auth=0/2 quit=1 commands=2/4"},
	"lost_after_auth":          {"Nov 28 10:00:00 mx postfix/submission/smtpd[88]: lost connection after AUTH from unknown[198.51.100.23]"},
	"lost_after_connect":       {"Nov 28 10:00:00 mx postfix/smtps/smtpd[89]: lost connection after CONNECT from unknown[198.51.100.24]"},
	"lost_after_ehlo":          {"Nov 28 10:00:00 mx postfix/smtpd[90]: lost connection after EHLO from scan.example.net[198.51.100.25]"},
	"hard_error_limit":         {"Nov 28 10:00:00 mx postfix/smtpd[91]: too many errors after RCPT from unknown[198.51.100.26]"},
	"improper_pipelining":      {"Nov 28 10:00:00 mx postfix/smtpd[92]: improper command pipelining after CONNECT from unknown[198.51.100.27]: QUIT\\r\\n"},
	"unauth_pipelining_reject": {"Nov 28 10:00:00 mx postfix/submission/smtpd[93]: 4XbK2q1yQz: reject: DATA from backup.example.org[192.0.2.30]: 503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining; from=<nas@example.org> to=<admin@example.org> proto=ESMTP helo=<backup.example.org>"},
	"client_name_mismatch":     {"Nov 28 10:00:00 mx postfix/smtpd[94]: warning: hostname host-198-51-100-28.example.net does not resolve to address 198.51.100.28: Name or service not known"},
	"smtp_sasl_server_refused": {"Nov 28 10:00:00 mx postfix/smtp[221]: 3F2A1C0A45: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=2, delays=0.1/0/1.5/0, dsn=4.7.8, status=deferred (SASL authentication failed; server relay.example.com[192.0.2.40] said: 535 5.7.8 Error: authentication failed: bad credentials)",
		"Nov 28 10:00:00 mx postfix/smtp[222]: 3F2A1C0A46: SASL authentication failed; server relay.example.com[192.0.2.41] said: 535 5.7.3 Authentication unsuccessful",
		"Nov 28 10:00:00 mx postfix/smtp[223]: 3F2A1C0A47: to=<bob@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=1, delays=0.1/0/0.9/0, dsn=4.7.8, status=deferred (SASL [CACHED] authentication failed; server relay.example.com[192.0.2.40] said: 535 5.7.8 Error: authentication failed)"},
	"smtp_sasl_no_compatible_mechs": {"Nov 28 10:00:00 mx postfix/smtp[224]: 3F2A1C0A48: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:25, delay=6, delays=0.1/0/5.9/0, dsn=4.7.0, status=deferred (SASL authentication failed: server relay.example.com[192.0.2.40] offered no compatible authentication mechanisms for this type of connection security)"},
	"smtp_sasl_no_mechanism":        {"Nov 28 10:00:00 mx postfix/smtp[225]: 3F2A1C0A49: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=6, delays=0.1/0/5.9/0, dsn=4.7.0, status=deferred (SASL authentication failed; cannot authenticate to server relay.example.com[192.0.2.40]: no mechanism available)"},
	"smtp_sasl_weak_mechanism":      {"Nov 28 10:00:00 mx postfix/smtp[228]: 3F2A1C0A4C: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=2, delays=0.1/0/1.9/0, dsn=5.7.9, status=bounced (SASL authentication failed; server relay.example.com[192.0.2.40] said: 534 5.7.9 Authentication mechanism is too weak)"},
	"smtp_sasl_needs_tls":           {"Nov 28 10:00:00 mx postfix/smtp[229]: 3F2A1C0A4D: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=2, delays=0.1/0/1.9/0, dsn=5.7.11, status=bounced (SASL authentication failed; server relay.example.com[192.0.2.40] said: 538 5.7.11 Encryption required for requested authentication mechanism)"},
	"smtp_sasl_auth_disabled":       {"Nov 28 10:00:00 mx postfix/smtp[230]: 3F2A1C0A4E: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=2, delays=0.1/0/1.9/0, dsn=5.7.139, status=deferred (SASL authentication failed; server relay.example.com[192.0.2.40] said: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.)"},
	"smtp_sasl_server_temporary":    {"Nov 28 10:00:00 mx postfix/smtp[227]: 3F2A1C0A4B: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=2, delays=0.1/0/1.9/0, dsn=4.7.0, status=deferred (SASL authentication failed; server relay.example.com[192.0.2.40] said: 454 4.7.0 Too many logins from this account, try later)"},
	"smtp_sasl_client_failed": {"Nov 28 10:00:00 mx postfix/smtp[226]: 3F2A1C0A4A: to=<ann@example.net>, relay=relay.example.com[192.0.2.40]:587, delay=2, delays=0.1/0/1.9/0, dsn=4.7.0, status=deferred (SASL authentication failed; cannot authenticate to server relay.example.com[192.0.2.40]: generic failure)",
		"Nov 28 10:00:00 mx postfix/smtp[227]: 3F2A1C0A4B: SASL authentication failed; cannot authenticate to server relay.example.com[192.0.2.41]: bad protocol / cancel"},
	"smtp_tls_wrappermode_465":   {"Nov 28 10:00:00 mx postfix/smtp[229]: SMTPS wrappermode (TCP port 465) requires setting \"smtp_tls_wrappermode = yes\", and \"smtp_tls_security_level = encrypt\" (or stronger)"},
	"smtp_tls_wrappermode_level": {"Nov 28 10:00:00 mx postfix/smtp[230]: warning: smtp_tls_wrappermode requires \"smtp_tls_security_level = encrypt\" (or stronger)"},
	"message_size_limit_refusal": {"Nov 28 10:00:00 mx postfix/smtpd[231]: NOQUEUE: reject: MAIL from app.example.org[192.0.2.50]: 552 5.3.4 Message size exceeds fixed limit; proto=ESMTP helo=<app.example.org>"},
	"unknown_local_recipient":    {"Nov 28 10:00:00 mx postfix/smtpd[231]: NOQUEUE: reject: RCPT from app.example.org[192.0.2.50]: 550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in local recipient table; from=<web@example.org> to=<ann@example.org> proto=ESMTP helo=<app.example.org>"},
	"unknown_virtual_mailbox":    {"Nov 28 10:00:00 mx postfix/submission/smtpd[232]: NOQUEUE: reject: RCPT from unknown[198.51.100.51]: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table; from=<ann@example.org> to=<bob@example.net> proto=ESMTP helo=<laptop>"},
	"unknown_relay_recipient":    {"Nov 28 10:00:00 mx2 postfix/smtpd[236]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.53]: 550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in relay recipient table; from=<c@example.net> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>"},
	"verify_in_progress":         {"Nov 28 10:00:00 gw postfix/smtpd[237]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.54]: 450 4.1.1 <ann@example.org>: Recipient address rejected: unverified address: Address verification in progress; from=<c@example.net> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>"},
	"unverified_recipient": {"Nov 28 10:00:00 gw postfix/smtpd[238]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.55]: 450 4.1.1 <ann@example.org>: Recipient address rejected: unverified address: unknown mail transport error; from=<c@example.net> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>",
		"Nov 28 10:00:00 gw postfix/smtpd[239]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.56]: 450 4.1.1 <bob@example.org>: Recipient address rejected: unverified address: connect to gw.example.org[private/dovecot-lmtp]: No such file or directory; from=<c@example.net> to=<bob@example.org> proto=ESMTP helo=<mail.example.net>",
		// The probe's reason quotes the next hop: its words are not read.
		"Nov 28 10:00:00 gw postfix/smtpd[240]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.57]: 450 4.1.1 <cy@example.org>: Recipient address rejected: unverified address: host mbox.example.org[192.0.2.60] said: 451 4.3.0 blocked using zen.spamhaus.org (in reply to RCPT TO command); from=<c@example.net> to=<cy@example.org> proto=ESMTP helo=<mail.example.net>"},
	"unverified_sender": {"Nov 28 10:00:00 gw postfix/smtpd[241]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.58]: 450 4.1.7 <news@example.net>: Sender address rejected: unverified address: host mx.example.net[198.51.100.59] said: 550 5.7.1 Null sender not accepted (in reply to MAIL FROM command); from=<news@example.net> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>"},
	"unknown_virtual_alias": {"Nov 28 10:00:00 mx postfix/smtpd[233]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.52]: 550 5.1.1 <sales@example.org>: Recipient address rejected: User unknown in virtual alias table; from=<c@example.net> to=<sales@example.org> proto=ESMTP helo=<mail.example.net>",
		// error(8)'s reasons are this host's words (trivial-rewrite's verdict).
		"Nov 28 10:00:00 mx postfix/error[242]: 3F2A1C0A4F: to=<sales@example.org>, relay=none, delay=0.2, delays=0.1/0/0/0.1, dsn=5.1.1, status=bounced (User unknown in virtual alias table)"},
	"alias_database_loop": {"Nov 28 10:00:00 mx postfix/local[234]: warning: alias database loop for staff"},
	"hopcount_exceeded":   {"Nov 28 10:00:00 mx postfix/cleanup[236]: warning: 3F2A1C0A4E: message rejected: hopcount exceeded"},
	"mail_forwarding_loop": {"Nov 28 10:00:00 mx postfix/local[235]: 3F2A1C0A4C: to=<ann@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.4.6, status=bounced (mail forwarding loop for ann@example.org)",
		"Nov 28 10:00:00 mx postfix/smtp[236]: 3F2A1C0A4D: to=<ann@example.net>, relay=mx.example.net[192.0.2.60]:25, delay=0.2, delays=0/0/0.1/0.1, dsn=5.4.6, status=bounced (mail forwarding loop for ann@example.net)"},
	"unexpected_argument": {"Nov 28 10:00:00 mx postfix/submission/smtpd[237]: fatal: unexpected command-line argument: permit_sasl_authenticated,",
		"Nov 28 10:00:00 mx postfix/cleanup[238]: fatal: unexpected command-line argument: reject"},
	"master_service_host_unresolved": {"Nov 28 10:00:00 mx postfix/master[240]: fatal: /etc/postfix/master.cf: line 31: bad hostname or network address: localhost:10025",
		"postfix/master[241]: fatal: /usr/local/etc/postfix/master.cf: line 7: bad hostname or network address: filter.example.net:10027"},
	"master_cf_syntax": {"Nov 28 10:00:00 mx postfix/master[239]: fatal: /etc/postfix/master.cf: line 23: bad transport type: inte",
		"Nov 28 10:00:00 mx postfix/postfix-script[240]: fatal: /etc/postfix/master.cf: line 7: field \"chroot\": bad value: \"yes\"",
		"Nov 28 10:00:00 mx postfix/master[241]: fatal: /etc/postfix/master.cf: line 31: missing \"command\" field"},
	"tls_digest_missing": {"Nov 28 10:00:00 mx postfix/smtpd[243]: warning: Digest algorithm \"md5\" not found"},
	"tls_disabled": {"Nov 28 10:00:00 mx postfix/smtpd[244]: warning: disabling TLS support",
		"Nov 28 10:00:00 mx postfix/smtp[245]: warning: error initializing the OpenSSL library, disabling TLS support"},
	"smtp_size_limit_of_server": {"Nov 28 10:00:00 mx postfix/smtp[247]: 3F2A1C0A51: to=<ann@example.org>, relay=relay.example.org[192.0.2.40]:25, delay=3.9, delays=3.8/0.03/0.03/0, dsn=5.3.4, status=bounced (message size 13760367 exceeds size limit 10485760 of server relay.example.org[192.0.2.40])"},
	"smtp_line_folded":          {"Nov 28 10:00:00 mx postfix/smtp[248]: 3F2A1C0A52: breaking line > 998 bytes with <CR><LF>SPACE"},
	"mime_encoding_domain":      {"Nov 28 10:00:00 mx postfix/cleanup[249]: 3F2A1C0A53: reject: mime-error invalid message/* or multipart/* encoding domain: base64 from app.example.com[192.0.2.41]; from=<app@example.com> to=<ann@example.org>"},
	"mime_8bit_data":            {"Nov 28 10:00:00 mx postfix/cleanup[250]: 3F2A1C0A54: reject: mime-error improper use of 8-bit data in message body: caf\xc3\xa9 from app.example.com[192.0.2.41]; from=<app@example.com> to=<ann@example.org>"},
	"mime_nesting":              {"Nov 28 10:00:00 mx postfix/cleanup[251]: 3F2A1C0A55: reject: mime-error MIME nesting exceeds safety limit: Content-Type: multipart/mixed; boundary=x from unknown[192.0.2.42]; from=<x@example.net> to=<ann@example.org>"},
	"smtputf8_required": {"Nov 28 10:00:00 mx postfix/lmtp[246]: 3F2A1C0A50: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=5.6.7, status=bounced (SMTPUTF8 is required, but was not offered by host mx.example.org[private/dovecot-lmtp])",
		"Nov 28 10:00:00 mx postfix/smtp[247]: 3F2A1C0A51: to=<bob@example.net>, relay=mx.example.net[192.0.2.61]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.6.7, status=bounced (SMTPUTF8 is required, but was not offered by host mx.example.net[192.0.2.61])"},
	"tls_legacy_sigalg": {"Nov 28 10:00:00 mx postfix/smtp[248]: warning: TLS library problem: error:0A00014D:SSL routines::legacy sigalg disallowed or unsupported:ssl/statem/statem_clnt.c:2254:"},
	"tls_dh_key_too_small": {"Nov 28 10:00:00 mx postfix/smtp[249]: warning: TLS library problem: error:0A00018A:SSL routines::dh key too small:ssl/statem/statem_clnt.c:2100:",
		"Nov 28 10:00:00 mx postfix/smtp[250]: warning: TLS library problem: error:141A318A:SSL routines:tls_process_ske_dhe:dh key too small:../ssl/statem/statem_clnt.c:2149:"},
	"tls_unsafe_renegotiation": {"Nov 28 10:00:00 mx postfix/smtp[251]: warning: TLS library problem: error:0A000152:SSL routines::unsafe legacy renegotiation disabled:ssl/statem/extensions.c:893:"},
	"tls_key_mismatch": {"Nov 28 10:00:00 mx postfix/smtpd[254]: warning: TLS library problem: error:05800074:x509 certificate routines::key values mismatch:crypto/x509/x509_cmp.c:405:",
		"Nov 28 10:00:00 mx postfix/smtps/smtpd[255]: warning: TLS library problem: 255:error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch:x509_cmp.c:330:"},
	"dh_params_not_pem":  {"Nov 28 10:00:00 mx postfix/smtpd[256]: warning: TLS library problem: error:0906D06C:PEM routines:PEM_read_bio:no start line:../crypto/pem/pem_lib.c:686:Expecting: DH PARAMETERS:"},
	"tls_key_too_small":  {"Nov 28 10:00:00 mx postfix/smtpd[301]: warning: TLS library problem: error:0A00018F:SSL routines::ee key too small:../ssl/ssl_rsa.c:101:"},
	"tls_ca_md_too_weak": {"Nov 28 10:00:00 mx postfix/smtpd[301]: warning: TLS library problem: error:0A00018E:SSL routines::ca md too weak:../ssl/ssl_rsa.c:275:"},
	"tls_pem_no_start_line": {"Nov 28 10:00:00 mx postfix/smtpd[257]: warning: TLS library problem: error:0909006C:PEM routines:get_name:no start line:../crypto/pem/pem_lib.c:745:Expecting: ANY PRIVATE KEY:",
		"Nov 28 10:00:00 mx postfix/smtpd[258]: warning: TLS library problem: error:1E08010C:DECODER routines::unsupported:crypto/encode_decode/decoder_lib.c:102:No supported data to decode. Input type: PEM, no start line:"},
	"qmgr_avoid_flush":              {"Nov 28 10:00:00 mx postfix/qmgr[183]: warning: please avoid flushing the whole queue when you have", "Nov 28 10:00:00 mx postfix/oqmgr[184]: warning: please avoid flushing the whole queue when you have", "Nov 28 10:00:00 mx postfix/qmgr[183]: warning: lots of deferred mail, that is bad for performance"},
	"dnssec_validation_unavailable": {"Nov 28 10:00:00 mx postfix/smtp[243]: warning: DNSSEC validation may be unavailable"},
	"dnssec_probe_reason": {"Nov 28 10:00:00 mx postfix/smtp[243]: warning: reason: dnssec_probe 'ns:.' received a response that is not DNSSEC validated",
		"Nov 28 10:00:00 mx postfix/smtp[244]: warning: reason: dnssec_probe 'ns:.' received no response: Server failure"},
	"dane_non_dnssec_destination": {"Nov 28 10:00:00 mx postfix/smtp[245]: 3F2A1C0A50: to=<ann@example.net>, relay=none, delay=1070, delays=1070/0/0.03/0, dsn=4.7.5, status=deferred (non DNSSEC destination)"},
	"dane_no_tlsa":                {"Nov 28 10:00:00 mx postfix/smtp[246]: 3F2A1C0A51: to=<ann@example.net>, relay=none, delay=2, delays=1/0/1/0, dsn=4.7.5, status=deferred (no TLSA records found)"},
	"dane_tlsa_lookup_error":      {"Nov 28 10:00:00 mx postfix/smtp[247]: 3F2A1C0A52: to=<ann@example.net>, relay=none, delay=20, delays=0.1/0/20/0, dsn=4.7.5, status=deferred (TLSA lookup error for mx.example.net:25)"},
	"dane_tlsa_lookup_problem":    {"Nov 28 10:00:00 mx postfix/smtp[248]: warning: DANE TLSA lookup problem: Host or domain name not found. Name service error for name=_25._tcp.mx.example.net type=TLSA: Host not found, try again"},
	"smtp_lost_in_message_body":   {"Nov 28 10:00:00 mx postfix/smtp[252]: 3F2A1C0A62: to=<ann@example.net>, relay=mx.example.net[192.0.2.80]:25, delay=310, delays=0.1/0/0.5/300, dsn=4.4.2, status=deferred (conversation with mx.example.net[192.0.2.80] timed out while sending message body)"},
	"tls_sni_table_entry_skipped": {"postmap: warning: /etc/postfix/sni_maps, line 4: open /etc/ssl/private/mail.example.net.pem: Permission denied: skipping this entry",
		"Nov 28 10:00:00 mx postmap[4711]: warning: /etc/postfix/tls_sni, line 2: open /srv/certs/example.org/chain.pem: No such file or directory: skipping this entry"},
	"tls_sni_not_matched":      {"Nov 28 10:00:00 mx postfix/smtpd[255]: TLS SNI mail.example.org from client.example.net[192.0.2.91] not matched, using default chain"},
	"systemd_start_limit":      {"Nov 28 10:00:00 mx systemd[1]: postfix@-.service: Start request repeated too quickly.", "start request repeated too quickly for postfix.service"},
	"systemd_start_limit_hit":  {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Failed with result 'start-limit-hit'."},
	"systemd_job_start_limit":  {"Job for postfix.service failed because start of the service was attempted too often."},
	"systemd_failed_start":     {"Nov 28 10:00:00 mx systemd[1]: Failed to start postfix@-.service - Postfix Mail Transport Agent (instance -).", "Nov 28 10:00:00 mx systemd[1]: Failed to start Postfix Mail Transport Agent."},
	"systemd_job_failed":       {"Job for postfix.service failed because the control process exited with error code."},
	"systemd_control_exited":   {"Nov 28 10:00:00 mx systemd[1]: postfix@-.service: Control process exited, code=exited, status=1/FAILURE"},
	"systemd_failed_result":    {"Nov 28 10:00:00 mx systemd[1]: postfix@-.service: Failed with result 'exit-code'."},
	"systemd_failed_state":     {"Nov 28 10:00:00 mx systemd[1]: Unit postfix.service entered failed state."},
	"kernel_oom_kill":          {"Nov 28 10:00:00 mx kernel: Out of memory: Killed process 1234 (smtpd) total-vm:123456kB, anon-rss:12345kB, file-rss:0kB"},
	"systemd_main_exited":      {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Main process exited, code=exited, status=1/FAILURE"},
	"systemd_oom_kill":         {"Nov 28 10:00:00 mx systemd[1]: postfix.service: A process of this unit has been killed by the OOM killer."},
	"systemd_oom_kill_result":  {"Nov 28 10:00:00 mx systemd[1]: postfix@-.service: Failed with result 'oom-kill'."},
	"systemd_start_timeout":    {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Start operation timed out. Terminating."},
	"systemd_timeout_result":   {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Failed with result 'timeout'."},
	"systemd_main_dumped":      {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Main process exited, code=dumped, status=6/ABRT"},
	"systemd_core_dump_result": {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Failed with result 'core-dump'."},
	"systemd_signal_result":    {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Failed with result 'signal'."},
	"systemd_main_killed":      {"Nov 28 10:00:00 mx systemd[1]: postfix.service: Main process exited, code=killed, status=9/KILL"},
	"smtp_lost_at_end_of_data": {"Nov 28 10:00:00 mx postfix/smtp[253]: 3F2A1C0A63: to=<bob@example.net>, relay=mx.example.net[192.0.2.80]:25, delay=12, delays=0.1/0/0.5/11, dsn=4.4.2, status=deferred (lost connection with mx.example.net[192.0.2.80] while sending end of data -- message may be sent more than once)"},
	"smtp_bind_no_port":        {"Nov 28 10:00:00 mx postfix/smtp[302]: warning: smtp_connect_addr: bind 198.51.100.25: Address already in use"},
	"table_update_redirected":  {"Nov 28 10:00:00 mx postfix/tlsmgr[310]: warning: request to update table btree:/etc/postfix/smtpd_scache in non-postfix directory /etc/postfix", "Nov 28 10:00:00 mx postfix/tlsmgr[310]: warning: redirecting the request to postfix-owned data_directory /var/lib/postfix"},
	"nis_domain_not_set":       {"Nov 28 10:00:00 mx postfix/local[311]: warning: dict_nis_init: NIS domain name not set - NIS lookups disabled"},
	"watchdog_timeout":         {"Nov 28 10:00:00 mx postfix/postscreen[312]: fatal: watchdog timeout"},
	"table_duplicate_entry": {"Nov 28 10:00:00 mx postfix/postmap[313]: warning: /etc/postfix/virtual.db: duplicate entry: \"sales@example.org\"",
		"Nov 28 10:00:00 mx postfix/postalias[314]: warning: /etc/aliases.db: duplicate entry: \"root\"",
		"Nov 28 10:00:00 mx postfix/postmap[313]: warning: lmdb:/etc/postfix/virtual: duplicate entry: \"sales@example.org\"",
		"Nov 28 10:00:00 mx postfix/smtpd[313]: warning: /etc/postfix/virtual, line 12: duplicate entry: \"sales@example.org\""},
	"check_server_lookup_failed": {"Nov 28 10:00:00 mx postfix/smtpd[315]: warning: Unable to look up MX host for spam.example: Host not found",
		"Nov 28 10:00:00 mx postfix/smtpd[315]: warning: Unable to look up MX host mx.spam.example for Sender address bob@spam.example: Name or service not known",
		"Nov 28 10:00:00 mx postfix/smtpd[315]: warning: Unable to look up NS host ns1.spam.example for Client host 192.0.2.77: No address associated with hostname"},
	"postscreen_getpeername":  {"Nov 28 10:00:00 mx postfix/postscreen[316]: warning: getpeername: Transport endpoint is not connected -- dropping this connection"},
	"cyrus_password_failed":   {"Nov 28 10:00:00 mx postfix/submission/smtpd[317]: warning: SASL authentication failure: Password verification failed"},
	"config_symlink_leaves":   {"Nov 28 10:00:00 mx postfix/postfix-script[318]: warning: symlink leaves directory: /etc/postfix/./makedefs.out"},
	"attr_malformed_data":     {"Nov 28 10:00:00 mx postfix/smtpd[319]: warning: malformed numerical data from private/policy while reading input attribute data: HTTP/1.1 400", "Nov 28 10:00:00 mx postfix/smtpd[319]: warning: malformed base64 data from private/policy while reading input attribute data: 220 filter.example.org"},
	"illegal_address_syntax":  {"Nov 28 10:00:00 mx postfix/smtpd[320]: warning: Illegal address syntax from web.example.org[192.0.2.40] in MAIL command: <Web Shop <shop@example.org>>"},
	"list_file_missing":       {"Nov 28 10:00:00 mx postfix/postscreen[323]: error: open file /32: No such file or directory", "Nov 28 10:00:00 mx postfix/smtpd[324]: error: open file /etc/postfix/relay_networks: No such file or directory"},
	"default_main_cf_missing": {"Nov 28 10:00:00 mx postfix/postdrop[325]: fatal: open file /etc/postfix/main.cf: No such file or directory"},
	"queue_space_limit":       {"Nov 28 10:00:00 mx postfix/smtpd[326]: warning: not enough free space in mail queue: 9679581184 bytes < 1.5*message size limit", "Nov 28 10:00:00 mx postfix/smtpd[326]: warning: not enough free space in mail queue: 184467440737095516150 bytes < 1.5*message size limit"},
	"dns_record_bad_name":     {"Nov 28 10:00:00 mx postfix/smtp[321]: warning: numeric domain name in resource data of MX record for example.net: 192.0.2.9", "Nov 28 10:00:00 mx postfix/smtpd[322]: warning: malformed domain name in resource data of MX record for example.net: mx_1.example.net"},
}

// Every knowledge-base entry has a test line; each line matches its own
// entry and fires a hint of the entry's id on the entry's side.
func TestKnowledgeBaseLines(t *testing.T) {
	for _, k := range sources.KnownMessages {
		if len(knownLines[k.ID]) == 0 {
			t.Errorf("entry %s has no test line", k.ID)
		}
	}
	p := newParser()
	for id, lines := range knownLines {
		for _, line := range lines {
			var r sources.Record
			p.Parse(line, &r)
			if r.Known == 0 {
				t.Errorf("%s: no entry matched %q", id, line)
				continue
			}
			k := sources.KnownMessages[r.Known-1]
			if k.ID != id {
				t.Errorf("%s: line matched %s instead: %q", id, k.ID, line)
				continue
			}
			e := feed(line)
			side := k.SideOf(r.Daemon)
			// Alone, a line that is also a component's own verdict is that.
			want := k.HintIn(false, nil)
			found := false
			for _, h := range e.Hints(true) {
				if h.ID == want && (h.Side == side || want == "upgrade_change") {
					found = true
					if h.Severity < SevWarning && !k.Calm && k.CriticalAt == 0 && r.Severity >= sources.SevWarning {
						t.Errorf("%s: %s hint only %s", id, h.ID, h.Severity)
					}
					if r.Severity >= sources.SevFatal && h.Severity != SevCritical && !k.Harmless {
						t.Errorf("%s: fatal line gave a %s hint", id, h.Severity)
					}
				}
			}
			if !found && !k.Harmless {
				t.Errorf("%s: no %s hint on side %s from %q", id, want, side, line)
			}
		}
	}
}

// A remote's reply with a sysexits text is the remote's words: no
// delivery command of this host failed.
func TestCommandExitCodeNotFromRemote(t *testing.T) {
	var r sources.Record
	newParser().Parse("Nov 28 10:00:00 mx postfix/smtp[38]: 3F2A1C0A27: to=<ann@example.net>, relay=mx.example.net[192.0.2.8]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.3.5, status=bounced (host mx.example.net[192.0.2.8] said: 554 5.3.5 local configuration error (in reply to end of DATA command))", &r)
	if r.Known != 0 && strings.HasPrefix(sources.KnownMessages[r.Known-1].ID, "command_exit_") {
		t.Errorf("a remote's reply matched %s", sources.KnownMessages[r.Known-1].ID)
	}
}

// A fatal line no entry knows still gives a warning hint quoting it; a
// crash line names the fatal line before it.
func TestFatalLinesAlwaysHint(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/smtpd[5]: fatal: something new went wrong: frobnication failed")
	var got *Hint
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			got = &h
		}
	}
	if got == nil || got.Severity < SevWarning || !strings.Contains(strings.Join(got.Evidence, " "), "frobnication failed") {
		t.Fatalf("unknown fatal line: %+v", got)
	}
	e = feed(
		"Nov 28 10:00:00 mx postfix/smtpd[5]: fatal: open /etc/postfix/extra.cf: No such file or directory",
		"Nov 28 10:00:01 mx postfix/master[1]: warning: process /usr/lib/postfix/sbin/smtpd pid 5 exit status 1",
		"Nov 28 10:00:01 mx postfix/master[1]: warning: /usr/lib/postfix/sbin/smtpd: bad command startup -- throttling",
	)
	quoted := false
	for _, h := range e.Hints(true) {
		quoted = quoted || h.ID == sources.HintDaemonCrash && strings.Contains(strings.Join(h.Evidence, " "), "the fatal line before it: Nov 28 10:00:00 mx postfix/smtpd[5]: fatal: open /etc/postfix/extra.cf")
	}
	if !quoted {
		t.Fatal("the crash hint does not quote the fatal line before it")
	}
}

// A missing database table is a lookup failure, never advice to raise the
// database's connection limit.
func TestMissingRelationIsNotAConnectionLimit(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/proxymap[9]: warning: pgsql query failed: fatal error from host db.example: ERROR:  relation \"virtual_domains\" does not exist")
	ids := hintIDs(e.Hints(true))
	if len(ids[sources.HintLookupFailure]) == 0 || len(ids["lookup_table_connections"]) != 0 {
		t.Fatalf("hints: %v", ids)
	}
}

// The classifier reads reply text, never host names: a relay called
// mx.blocked.example that says "user unknown" is a recipient problem.
func TestClassifierIgnoresHostNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want sources.Class
	}{
		{"host mx.blocked.example[192.0.2.1] said: 550 5.1.1 <a@greylist.example>: user unknown (in reply to RCPT TO command)", sources.ClassRecipient},
		{"connect to spamhaus-mx.example[192.0.2.1]:25: Connection refused", sources.ClassConnectRefused},
		{"Host or domain name not found. Name service error for name=blacklist.example type=MX: Host not found, try again", sources.ClassDNS},
		{"host mx.example.org[192.0.2.1] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)", sources.ClassBlocklist},
		{"host mx.example.org[192.0.2.1] said: 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to user complaints (in reply to MAIL FROM command)", sources.ClassBlocklist},
		{"host mx.example.org[192.0.2.1] said: 421 Maximum number of connections per IP exceeded (in reply to end of DATA command)", sources.ClassConnLimit},
		{"host mx.example.org[192.0.2.1] refused to talk to me: 421 4.7.0 Too many concurrent SMTP connections from this IP address", sources.ClassConnLimit},
		{"host mx.example.org[192.0.2.1] said: 421 4.7.0 too many connections from your IP (in reply to MAIL FROM command)", sources.ClassConnLimit},
		{"host mx.example.org[192.0.2.1] refused to talk to me: 550 5.7.1 Client host rejected: cannot find your hostname", sources.ClassReverseDNS},
		{"host mx.example.org[192.0.2.1] said: 421-4.7.0 Try again later, closing connection. (EHLO)", sources.ClassRateLimit},
		{"host mx.example.org[192.0.2.1] said: 421-4.7.28 Our system has detected an unusual rate of unsolicited mail (in reply to end of DATA command)", sources.ClassBlocklist},
		{"host mx.example.org[192.0.2.1] said: 421-4.7.0 [203.0.113.5 15] Our system has detected an unusual rate of 421-4.7.0 unsolicited mail originating from your IP address (in reply to end of DATA command)", sources.ClassBlocklist},
		{"host mx.example.org[192.0.2.1] said: 450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages (in reply to RCPT TO command)", sources.ClassRateLimit},
		{"connect to mx.example.org[192.0.2.1]:25: Operation timed out", sources.ClassConnectTimeout},
		{"host gmail-smtp-in.l.google.com[192.0.2.1] said: 550-5.7.26 This mail has been blocked because the sender is unauthenticated (in reply to end of DATA command)", sources.ClassSenderAuth},
		{"host mx.example.org[192.0.2.1] said: 550-5.7.1 Unauthenticated email from example.com is not accepted due to domain's 550-5.7.1 DMARC policy. (in reply to end of DATA command)", sources.ClassSenderAuth},
		{"host mx.example.org[192.0.2.1] said: 550-5.7.27 The sender's domain does not pass SPF. (in reply to end of DATA command)", sources.ClassSenderAuth},
		{"host mx.example.org[192.0.2.1] said: 550-5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers (in reply to end of DATA command)", sources.ClassBlocklist},
		{"host mx.gmx.example[192.0.2.1] refused to talk to me: 554-No SMTP service 554-Bad DNS PTR resource record", sources.ClassReverseDNS},
		{"SASL authentication failed; server smtp.example.net[192.0.2.1] said: 535-5.7.8 Username and Password not accepted", sources.ClassConfigError},
	} {
		if got := sources.Classify(c.text); got != c.want {
			t.Errorf("Classify(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}

// A day of normal traffic with the usual noise (greylisted and
// unknown-user deferrals, typo domains, DNSBL and relay rejects, password
// guessing, a TLS scanner) gets no warning or critical hint.
func TestEverydayNoiseStaysCalm(t *testing.T) {
	data, err := os.ReadFile("testdata/everyday.log")
	if err != nil {
		t.Fatal(err)
	}
	e := feed(strings.Split(strings.TrimSpace(string(data)), "\n")...)
	if e.Postfix < 1000 {
		t.Fatalf("fixture read as %d Postfix lines", e.Postfix)
	}
	n := 0
	for _, h := range e.Hints(true) {
		n++
		if h.Severity > SevInfo {
			t.Errorf("everyday noise fired %s %s: %s %q", h.Severity, h.ID, h.Title, h.Evidence)
		}
	}
	if n == 0 {
		t.Error("no info hint at all: the noise is not read")
	}
}

// The README lists every hint id, in the spec table's order.
func TestReadmeListsHintIDs(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var quoted []string
	for _, id := range HintIDs {
		quoted = append(quoted, "`"+id+"`")
	}
	text := strings.Join(strings.Fields(string(data)), " ")
	if !strings.Contains(text, "Hint ids: "+strings.Join(quoted, ", ")+".") {
		t.Errorf("README's hint id list is not %s", strings.Join(quoted, ", "))
	}
}

// Every hint a rule emits carries the id of the spec that holds the rule.
func TestRulesEmitTheirSpecsID(t *testing.T) {
	engines := []*Engine{labEngine(t)}
	for _, lines := range knownLines {
		engines = append(engines, feed(lines...))
	}
	for _, e := range engines {
		c := &hintCtx{e: e, now: e.Now, whole: true, cfg: e.Config}
		for _, spec := range hintSpecs {
			for _, rule := range spec.rules {
				for _, h := range rule(c) {
					if h.ID != spec.ID {
						t.Errorf("a rule of %s emitted %s", spec.ID, h.ID)
					}
				}
			}
		}
	}
}

// Refused connections to our own content filter are a local service down,
// never a firewall to open; timeouts to an always-up provider's MX hosts,
// even without a recipient, point at outbound port 25 on this side.
func TestLocalServiceIsNotAFirewall(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/smtp[5]: 3F2A1C0D1E: to=<a@example.org>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
		"Nov 28 10:00:01 mx postfix/lmtp[6]: 3F2A1C0D1F: to=<b@example.org>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=4.4.1, status=deferred (connect to mail.example.org[private/dovecot-lmtp]: No such file or directory)",
	)
	ids := hintIDs(e.Hints(true))
	if len(ids["firewall"]) != 0 || len(ids[sources.HintDaemonCrash]) == 0 {
		t.Fatalf("content filter down: %v", ids)
	}
	e = feed(
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to gmail-smtp-in.l.google.com[192.0.2.27]:25: Connection timed out",
		"Nov 28 10:00:30 mx postfix/smtp[5]: connect to alt1.gmail-smtp-in.l.google.com[192.0.2.28]:25: Connection timed out",
	)
	fw := hintIDs(e.Hints(true))["firewall"]
	if len(fw) == 0 || fw[0].Severity < SevWarning || !strings.Contains(strings.Join(fw[0].Evidence, " "), "port 25 is blocked on this side") {
		t.Fatalf("timeouts to Gmail's MX: %+v", fw)
	}
}

// A line without a time (pasted into a log) must not reset the minute a
// stamped line counted in.
func TestUnstampedLinesLeaveMinutesAlone(t *testing.T) {
	var r MinuteRing
	// A minute in the same slot of the ring as the zero time's.
	at := time.Unix(16*60*1_000_000, 0)
	r.Add(at, 5)
	r.Add(time.Time{}, 1)
	if got := r.Sum(at, 1); got != 5 {
		t.Fatalf("minute holds %d after an unstamped add, want 5", got)
	}
}

// A TLS key the smtp client cannot load names the client's parameters;
// the same message from smtpd names the server's.
func TestTLSAdviceNamesItsSide(t *testing.T) {
	for _, c := range []struct {
		line, side, want, not string
	}{
		{"Nov 28 10:00:00 mx postfix/smtp[5]: warning: cannot get RSA private key from file \"/etc/postfix/client.key\": disabling TLS support", "outbound", "smtp_tls_key_file", "smtpd_tls_key_file"},
		{"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: cannot get RSA private key from file \"/etc/postfix/server.key\": disabling TLS support", "inbound", "smtpd_tls_key_file", "smtp_tls_key_file"},
	} {
		var got *Hint
		for _, h := range feed(c.line).Hints(true) {
			if h.ID == "tls" && h.Side == c.side {
				got = &h
			}
		}
		if got == nil {
			t.Fatalf("no %s tls hint from %q", c.side, c.line)
		}
		acts := " " + strings.Join(got.Actions, " ") + " "
		if !strings.Contains(acts, " "+c.want+" ") || strings.Contains(acts, " "+c.not+" ") {
			t.Errorf("%s: actions %q, want %s and not %s", c.side, got.Actions, c.want, c.not)
		}
	}
}

// inet_interfaces and inet_protocols take effect only when the master
// starts: the advice after such a change is a restart, not a reload.
func TestInetChangesAskForARestart(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/master[5]: fatal: parameter inet_interfaces: no local interface found for ::1",
		"Nov 28 10:00:00 mx postfix/master[5]: warning: all network protocols are disabled (inet_protocols = ipv6)",
	} {
		acts := ""
		for _, h := range feed(line).Hints(true) {
			if h.ID == sources.HintConfigError {
				acts += strings.Join(h.Actions, "\n")
			}
		}
		if !strings.Contains(acts, "postfix start") || strings.Contains(acts, "then postfix reload") {
			t.Errorf("%q: actions %q", line, acts)
		}
	}
}

// Bots guessing passwords all day is background noise, not an alarm, at
// any volume.
func TestPasswordGuessingStaysInfo(t *testing.T) {
	var lines []string
	for i := range 300 {
		lines = append(lines, fmt.Sprintf("Nov 28 %02d:%02d:00 mx postfix/smtpd[%d]: warning: unknown[203.0.%d.%d]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", 8+i/60, i%60, 3000+i%7, i/250, i%250))
	}
	found := false
	for _, h := range feed(lines...).Hints(true) {
		if h.Severity > SevInfo {
			t.Errorf("password guessing gave %s %s: %s", h.Severity, h.ID, h.Title)
		}
		found = found || h.ID == "inbound_limits"
	}
	if !found {
		t.Error("password guessing gave no hint at all")
	}
}

// The fatal line quoted as a crash's cause is the dead process's own: the
// master's report of that pid, or of a throttled service. A policy server
// or milter that does not answer, or another pid's exit, quotes nothing.
func TestCrashQuotesOnlyItsOwnFatalLine(t *testing.T) {
	const fatal = "Nov 28 10:00:00 mx postfix/smtpd[5]: fatal: no SASL authentication mechanisms"
	quotes := func(lines ...string) bool {
		t.Helper()
		e := feed(append([]string{fatal}, lines...)...)
		for _, h := range e.Hints(true) {
			if h.ID == sources.HintDaemonCrash && strings.Contains(strings.Join(h.Evidence, " "), "the fatal line before it") {
				return true
			}
		}
		return false
	}
	if quotes("Nov 28 10:00:01 mx postfix/smtpd[6]: warning: connect to private/policyd-spf: No such file or directory",
		"Nov 28 10:00:02 mx postfix/cleanup[7]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_OPTNEG reply packet header: Connection refused") {
		t.Error("a policy server or milter failure quotes an unrelated fatal line")
	}
	if quotes("Nov 28 10:00:01 mx postfix/master[1]: warning: process /usr/lib/postfix/sbin/smtpd pid 9 exit status 1") {
		t.Error("pid 9's exit quotes pid 5's fatal line")
	}
	if !quotes("Nov 28 10:00:01 mx postfix/master[1]: warning: process /usr/lib/postfix/sbin/smtpd pid 5 exit status 1") {
		t.Error("pid 5's exit does not quote its fatal line")
	}
}

// LMTP's next hop is this site's own mailbox server (Dovecot, Cyrus), not
// a remote MX: its refusals are never answered with a port 25 check or a
// route through an smtp transport (which would send the domain's mail to
// its MX, this host), and a server that wants fewer connections gets the
// lmtp transport's own limit.
func TestLMTPTroubleStaysOnThisHost(t *testing.T) {
	lmtp := func(sec int, reason string) string {
		return fmt.Sprintf("%s mx postfix/lmtp[%d]: 3F2A1C%04X: to=<u%d@example.org>, relay=none, delay=0.2, delays=0.1/0/0.1/0, dsn=4.4.1, status=deferred (%s)",
			stamp(sec), 300+sec%40, sec, sec%7, reason)
	}
	for _, c := range []struct {
		name, reason, wantID, wantAction string
	}{
		{"socket refused", "connect to mx.example.org[private/dovecot-lmtp]: Connection refused", sources.HintDaemonCrash, "dovecot"},
		{"tcp refused", "connect to 127.0.0.1[127.0.0.1]:24: Connection refused", sources.HintDaemonCrash, "dovecot"},
		{"too many connections", "host mx.example.org[private/dovecot-lmtp] refused to talk to me: 421 4.3.2 mx.example.org Too many concurrent connections", "destination_concurrency", "lmtp_destination_concurrency_limit"},
	} {
		var lines []string
		for i := range 30 {
			lines = append(lines, lmtp(i*7, c.reason))
		}
		e := feed(lines...)
		found := false
		for _, h := range e.Hints(true) {
			acts := strings.Join(h.Actions, "\n")
			if h.ID == "firewall" || strings.Contains(acts, "port 25") || strings.Contains(acts, "slow:") || strings.Contains(acts, "transport_maps") {
				t.Errorf("%s: %s hint routes or checks port 25: %q", c.name, h.ID, h.Actions)
			}
			if h.ID == c.wantID && strings.Contains(acts, c.wantAction) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s hint saying %q", c.name, c.wantID, c.wantAction)
		}
	}
}

// A rate-limit reply from the mailbox server is not met with a rate delay
// on the lmtp transport, which every mailbox's delivery shares.
func TestLMTPRateLimitGetsNoRateDelay(t *testing.T) {
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/lmtp[%d]: 3F2A1D%04X: to=<u%d@example.org>, relay=mx.example.org[private/lmtp], delay=0.2, delays=0.1/0/0.1/0, dsn=4.7.0, status=deferred (host mx.example.org[private/lmtp] said: 451 4.7.0 Rate limit exceeded, try again later (in reply to RCPT TO command))",
			stamp(i*5), 400+i, i, i%3))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "rate_delay" && (strings.Contains(strings.Join(h.Actions, "\n"), "rate_delay =") || len(h.Changes) > 0) {
			t.Errorf("rate delay suggested on the lmtp transport: %q", h.Actions)
		}
	}
}

// The master names a pass service (postscreen's smtpd) by its socket,
// private/smtpd, and an inet service by its port: the suggested maxproc
// change names the master.cf entry of that type, which postconf -F needs.
func TestProcessLimitNamesTheServiceType(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`mx postfix/master[1]: warning: service "smtpd" (private/smtpd) has reached its process limit "5": new clients may experience noticeable delays`, "postconf -F 'smtpd/pass/process_limit = 10'"},
		{`mx postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`, "postconf -F 'smtp/inet/process_limit = 200'"},
		{`mx postfix/master[1]: warning: service "127.0.0.1:2525" (127.0.0.1:2525) has reached its process limit "20": new clients may experience noticeable delays`, "postconf -F '127.0.0.1:2525/inet/process_limit = 40'"},
		{`mx postfix/postscreen[2]: NOQUEUE: reject: CONNECT from [198.51.100.7]:40028: all server ports busy`, "postconf -F smtpd/pass/process_limit"},
		// postscreen could not hand a client to smtpd: the pass service
		// did not take it in time, or its socket's queue was full.
		{`mx postfix/postscreen[2]: warning: timeout sending connection to service private/smtpd`, "postconf -F smtpd/pass/process_limit"},
		{`mx postfix/postscreen[2]: warning: cannot connect to service private/smtpd: Resource temporarily unavailable`, "postconf -F smtpd/pass/process_limit"},
	} {
		found := false
		var got []string
		// The master warns at most once per 1000 s: two warnings are a
		// limit reached again, which the raise is for.
		for _, h := range feed(stamp(1)+" "+c.line, stamp(1101)+" "+c.line).Hints(true) {
			if h.ID == "process_limit" {
				got = h.Actions
				found = found || strings.Contains(strings.Join(h.Actions, "\n"), c.want)
			}
		}
		if !found {
			t.Errorf("%s\n  actions %q, want %q", c.line, got, c.want)
		}
	}
}

// With a relayhost, every message goes to the relay: a "domain slow:"
// transport entry would reset the next hop to the domain's own MX and
// bypass the relay (often there because port 25 is blocked). The relay's
// limit is the sending transport's own per-destination limit.
func TestRelayhostIsNotBypassed(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("relayhost = [smtp.relay.example]:587\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 100 smtpd\nsmtp unix - - y - 100 smtp\n"), 100)
	relayed := func(sec int, reason string) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 3F2A1E%04X: to=<u%d@gmail.com>, relay=smtp.relay.example[192.0.2.25]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.0, status=deferred (%s)",
			stamp(sec), 500+sec%30, sec, sec%9, reason)
	}
	for _, c := range []struct{ reason, want string }{
		{"host smtp.relay.example[192.0.2.25] refused to talk to me: 421 4.7.0 smtp.relay.example Error: too many connections from 203.0.113.5", "smtp_destination_concurrency_limit = "},
		{"host smtp.relay.example[192.0.2.25] said: 454 4.7.0 Throttling failure: Maximum sending rate exceeded. (in reply to MAIL FROM command)", "smtp_destination_rate_delay = "},
	} {
		var lines []string
		for i := range 30 {
			lines = append(lines, relayed(i*5, c.reason))
		}
		e := feed(lines...)
		e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
		found := false
		for _, h := range e.Hints(true) {
			acts := strings.Join(h.Actions, "\n")
			for _, ch := range h.Changes {
				if ch.Map != "" {
					t.Errorf("%s: %s hint changes the transport map %s: %q", c.want, h.ID, ch.Map, ch)
				}
			}
			if strings.Contains(acts, "slow:") {
				t.Errorf("%s: %s hint routes gmail.com past the relayhost: %q", c.want, h.ID, h.Actions)
			}
			found = found || strings.Contains(acts, c.want)
		}
		if !found {
			t.Errorf("no hint sets %s", c.want)
		}
	}
}

// postscreen applies its per-client connection limit before its access
// list, so a client of this site's own that hits it cannot be exempted
// there: the hint says to move it off postscreen's port before any
// raise of the limit every client gets.
func TestPostscreenOwnClientIsMovedOffPostscreen(t *testing.T) {
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/postscreen[600]: NOQUEUE: reject: CONNECT from [10.1.2.3]:%d: too many connections", stamp(i), 40000+i))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID != "inbound_limits" {
			continue
		}
		if len(h.Actions) == 0 || !strings.Contains(h.Actions[0], "not behind postscreen") {
			t.Errorf("first action %q, want moving the client off postscreen's port", h.Actions)
		}
		return
	}
	t.Error("no inbound_limits hint")
}

// The outbound greylisting and reverse-DNS hints read our deliveries'
// replies only: our own smtpd refusing clients (postgrey, a missing PTR)
// and a warning naming a client's PTR are inbound, and never make the
// report say receivers greylist us or refuse our reverse DNS.
func TestInboundRefusalsMakeNoOutboundHint(t *testing.T) {
	var lines []string
	for i := range 10 {
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[700]: NOQUEUE: reject: RCPT from unknown[198.51.100.%d]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.%d]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>", stamp(i), i, i),
			fmt.Sprintf("%s mx postfix/smtpd[701]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.%d]: 450 4.2.0 <b@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>", stamp(i), i),
			fmt.Sprintf("%s mx postfix/smtpd[702]: warning: hostname rdns.greylist.example does not resolve to address 198.51.100.%d", stamp(i), i))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.Side == "outbound" && (h.ID == "reverse_dns" || h.ID == "greylisting") {
			t.Errorf("inbound refusals gave %s: %s", h.ID, h.Title)
		}
	}
}

// Without myhostname in the configuration at hand (postconf -n output
// lists only what main.cf sets), the reverse-DNS hint never suggests an
// empty smtp_helo_name, which stops every smtp delivery.
func TestReverseDNSHintSetsNoEmptyHeloName(t *testing.T) {
	e := feed(deliv(1, "free.fr", "deferred", "host mx.free.fr[1.2.3.4] refused to talk to me: 421 Refused. Your reverse DNS entry does not resolve to an IP."))
	params, _ := sources.ParseParams(strings.NewReader("relay_domains =\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	for _, h := range e.Hints(true) {
		for _, a := range h.Actions {
			if strings.Contains(a, "smtp_helo_name = '") || strings.Contains(a, "smtp_helo_name =  ") {
				t.Errorf("%s: %q", h.ID, a)
			}
		}
	}
}

// smtpd failing to reach its own policy server on 127.0.0.1 is not an
// outbound connection: no firewall or port 25 hint, and no "local service
// Postfix hands mail to" either.
func TestPolicyServerConnectFailureIsNotOutbound(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: connect to 127.0.0.1:10023: Connection refused", stamp(i), 800+i),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: problem talking to server 127.0.0.1:10023: Connection refused", stamp(i), 800+i))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "firewall" || strings.Contains(strings.Join(h.Actions, "\n"), "port 25") {
			t.Errorf("%s: %s %q", h.ID, h.Title, h.Actions)
		}
	}
}

// attr_clnt.c's "problem talking to server" with private/anvil or
// private/tlsmgr is Postfix's own service, not a policy server: smtpd
// skips the connection limits without anvil and TLS loses its session
// cache without tlsmgr, and no sender gets a 451 4.3.5.
func TestPostfixOwnServiceIsNoPolicyServer(t *testing.T) {
	for _, c := range []struct{ line, name, param string }{
		{"Dec  3 10:00:01 mx1 postfix/smtpd[4242]: warning: problem talking to server private/anvil: Connection reset by peer", "anvil", "smtpd_client_connection_count_limit"},
		{"Dec  3 10:00:01 mx1 postfix/smtpd[4243]: warning: problem talking to server private/tlsmgr: Connection timed out", "tlsmgr", "smtpd_tls_session_cache_database"},
	} {
		e := feed(c.line,
			"Dec  3 10:00:02 mx1 postfix/smtpd[4242]: 4Xb1Zq3mNLz2wKc: client=mail-ot1.example.net[203.0.113.9]")
		h := hintOf(t, e, sources.HintDaemonCrash)
		if h.Severity != SevWarning {
			t.Errorf("%s: severity %s, want warning", c.name, h.Severity)
		}
		all := strings.Join(slices.Concat(h.Evidence, h.Actions), "\n")
		if strings.Contains(all, "smtpd_policy_service") || strings.Contains(all, "4.3.5") || strings.Contains(all, "postgrey") {
			t.Errorf("%s: policy server advice: %q", c.name, all)
		}
		if cmds := commands(h); !strings.Contains(cmds, "postconf -M "+c.name+"   #") || !strings.Contains(cmds, c.param) {
			t.Errorf("%s: commands %q", c.name, cmds)
		}
	}
}

// A TLS hint never replaces a policy table already in force (its
// "secure" or "dane" entries would be lost): it names the table to add
// the destination's line to.
func TestTLSHintKeepsThePolicyTable(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, deliv(i, "bank.example", "deferred", "Server certificate not verified"))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = may\nsmtp_tls_policy_maps = lmdb:/etc/postfix/tls_policy_dane\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	found := false
	for _, h := range e.Hints(true) {
		if h.ID != "tls" {
			continue
		}
		acts := strings.Join(h.Actions, "\n")
		if strings.Contains(acts, "postconf -e 'smtp_tls_policy_maps") {
			t.Errorf("replaces smtp_tls_policy_maps: %q", h.Actions)
		}
		found = found || strings.Contains(acts, "lmdb:/etc/postfix/tls_policy_dane")
	}
	if !found {
		t.Error("no tls hint names the table in force")
	}
}

// Without the configuration (a log read on another host) the TLS hint
// cannot know whether a policy table is in force: it says to add the line
// to the one smtp_tls_policy_maps names, and to set one up only when it
// names none, never plainly to set it.
func TestTLSHintWithoutConfigKeepsAnyPolicyTable(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, deliv(i, "bank.example", "deferred", "Server certificate not verified"))
	}
	for _, known := range []bool{false, true} {
		e := feed(lines...)
		if known {
			params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = may\n"))
			e.SetConfig(&sources.Config{Params: params, Explicit: params})
		}
		found := false
		for _, h := range e.Hints(true) {
			if h.ID != "tls" {
				continue
			}
			found = true
			acts := strings.Join(h.Actions, "\n")
			asks := strings.Contains(acts, "postconf -h smtp_tls_policy_maps")
			if asks == known {
				t.Errorf("configuration known %v: asks which table is in force %v: %q", known, asks, h.Actions)
			}
			if !strings.Contains(acts, "/etc/postfix/tls_policy") {
				t.Errorf("configuration known %v: no table set up where none is: %q", known, h.Actions)
			}
		}
		if !found {
			t.Errorf("configuration known %v: no tls hint", known)
		}
	}
}

// The throttling recipe appends "domain slow:" to the transport table
// only when that table is a file of such lines (hash:, lmdb:, texthash:
// ...): a regexp, pcre or SQL table reads another syntax, where the line
// would be ignored or land in a file named after the query.
func TestTransportRouteOnlyIntoPlainTables(t *testing.T) {
	for _, tm := range []string{"pcre:/etc/postfix/transport.pcre", "proxy:mysql:/etc/postfix/mysql-transport.cf", "mysql:/etc/postfix/mysql-transport.cf"} {
		e := feed(repeat(5, func(i int) string { return deliv(i, "big.example", "deferred", tooMany) })...)
		params, _ := sources.ParseParams(strings.NewReader("transport_maps = " + tm + "\n"))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		for _, h := range e.Hints(true) {
			if h.ID != "destination_concurrency" {
				continue
			}
			acts := strings.Join(h.Actions, "\n")
			if strings.Contains(acts, "printf") || strings.Contains(acts, "postmap") {
				t.Errorf("%s: %q", tm, h.Actions)
			}
			if !strings.Contains(acts, "big.example slow:") {
				t.Errorf("%s: the route is not given in words: %q", tm, h.Actions)
			}
			for _, ch := range h.Changes {
				if ch.Map != "" {
					t.Errorf("%s: a change to apply edits %s", tm, ch.Map)
				}
			}
		}
	}
}

// The printed route says that a line for a parent domain with a next hop
// (".big.example smtp:[relay]") routes the domain too: the line added
// for it keeps that next hop, or its mail goes to its MX past the relay.
func TestTransportRouteKeepsAParentDomainsNextHop(t *testing.T) {
	e := feed(repeat(5, func(i int) string { return deliv(i, "sub.big.example", "deferred", tooMany) })...)
	params, _ := sources.ParseParams(strings.NewReader("transport_maps = hash:/etc/postfix/transport\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	found := false
	for _, h := range e.Hints(true) {
		if h.ID != "destination_concurrency" {
			continue
		}
		found = true
		cautions := strings.Join(h.Cautions, "\n")
		if !strings.Contains(cautions, "(.big.example") || !strings.Contains(cautions, "*") {
			t.Errorf("no caution about a parent domain's next hop: %q", h.Cautions)
		}
	}
	if !found {
		t.Fatal("no destination_concurrency hint")
	}
}

// A service whose master.cf entry overrides
// smtpd_client_event_limit_exceptions with -o ignores main.cf's value:
// the exemption goes on that entry, added to the list it sets there
// (here none: not even $mynetworks, which it does not bring back).
func TestEventLimitExceptionGoesWhereItIsRead(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[900]: warning: Connection concurrency limit exceeded: 4 from localhost[127.0.0.1] for service smtp", stamp(i)))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("mynetworks = 127.0.0.0/8\n"))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - n - - smtpd -o smtpd_client_connection_count_limit=3 -o smtpd_client_event_limit_exceptions=\n"), 100)
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
	for _, h := range e.Hints(true) {
		if h.ID != "inbound_limits" {
			continue
		}
		acts := strings.Join(h.Actions, "\n")
		if strings.Contains(acts, "postconf -e 'smtpd_client_event_limit_exceptions") {
			t.Errorf("sets main.cf's value, which -o overrides: %q", h.Actions)
		}
		if !strings.Contains(acts, "postconf -P 'smtp/inet/smtpd_client_event_limit_exceptions = 127.0.0.1'") {
			t.Errorf("no exemption on smtp/inet: %q", h.Actions)
		}
		return
	}
	t.Error("no inbound_limits hint")
}

// Domains hosted on one MX that refuses for too many connections share
// the receiver's per-IP limit, while Postfix limits each domain apart:
// the hint says so, and how one limit can cover them.
func TestSharedMXIsNamed(t *testing.T) {
	var lines []string
	for i := range 12 {
		dom := []string{"a.example", "b.example", "c.example"}[i%3]
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 3F2A1F%04X: to=<u%d@%s>, relay=mx.hoster.example[192.0.2.9]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.0, status=deferred (host mx.hoster.example[192.0.2.9] refused to talk to me: 421 4.7.0 mx.hoster.example Error: too many connections from 203.0.113.5)",
			stamp(i*5), 950+i, i, i, dom))
	}
	n := 0
	for _, h := range feed(lines...).Hints(true) {
		if h.ID != "destination_concurrency" {
			continue
		}
		n++
		if !strings.Contains(strings.Join(h.Cautions, "\n"), "mx.hoster.example") {
			t.Errorf("%s: no caution names the shared MX: %q", h.Subject, h.Cautions)
		}
	}
	if n == 0 {
		t.Error("no destination_concurrency hint")
	}
}

// A caution about fatal errors goes with hints that saw one: a warning
// that main.cf sets a parameter twice, or that a milter does not answer,
// stops no service, and saying it does sends the admin after a crash
// that did not happen.
func TestFatalCautionsOnlyAfterAFatalLine(t *testing.T) {
	const configFatal, crashFatal = "a fatal configuration error stops", "raising process limits does not help"
	for _, tc := range []struct {
		id, line, caution string
		want              bool
	}{
		{sources.HintConfigError, knownLines["overriding_entry"][0], configFatal, false},
		{sources.HintConfigError, knownLines["sasl_auth_socket"][0], configFatal, false},
		{sources.HintConfigError, knownLines["missing_equals"][0], configFatal, true},
		{sources.HintDaemonCrash, knownLines["milter_unreachable"][0], crashFatal, false},
		{sources.HintDaemonCrash, knownLines["queue_space"][0], crashFatal, false},
		{sources.HintDaemonCrash, knownLines["bad_command_startup"][0], crashFatal, true},
		{sources.HintDaemonCrash, knownLines["cache_db_corrupt"][0], crashFatal, true},
	} {
		found := false
		for _, h := range feed(tc.line).Hints(true) {
			if h.ID != tc.id {
				continue
			}
			found = true
			if got := strings.Contains(strings.Join(h.Cautions, "\n"), tc.caution); got != tc.want {
				t.Errorf("%q: caution %q present %v, want %v; cautions %q", tc.line, tc.caution, got, tc.want, h.Cautions)
			}
		}
		if !found {
			t.Errorf("%q: no %s hint", tc.line, tc.id)
		}
	}
}

// "postfix start" while Postfix runs ends only that command: no service
// stopped, so there is no crash to report and nothing to change. The same
// script saying Postfix is not running still reads as a fatal error.
func TestPostfixAlreadyRunningIsNoCrash(t *testing.T) {
	for _, h := range feed(knownLines["postfix_already_running"][0]).Hints(true) {
		if h.Severity > SevInfo || h.ID == sources.HintDaemonCrash {
			t.Errorf("postfix start while running gave %s %s: %s", h.Severity, h.ID, h.Title)
		}
	}
	crash := false
	for _, h := range feed("Nov 28 10:00:00 mx postfix/postfix-script[89]: fatal: the Postfix mail system is not running").Hints(true) {
		crash = crash || h.ID == sources.HintDaemonCrash && h.Severity >= SevWarning
	}
	if !crash {
		t.Error("Postfix not running gave no daemon_crash hint")
	}
}

// postfix start refused again and again is no admin's command: a
// supervisor or a second instance on the same queue keeps starting
// Postfix while a master it does not control holds the lock, and each
// start fails. That is a Postfix that cannot start, though one runs.
func TestPostfixAlreadyRunningAgainIsAStartThatFails(t *testing.T) {
	e := feed(
		"Mar  3 08:15:02 relay postfix/postlog: fatal: the Postfix mail system is already running",
		"Mar  3 08:15:09 relay postfix/postlog: fatal: the Postfix mail system is already running",
		"Mar  3 08:15:27 relay postfix/postfix-script[412]: fatal: the Postfix mail system is already running",
	)
	var got *Hint
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			got = &h
		}
	}
	if got == nil || got.Severity < SevWarning || got.Side != "host" {
		t.Fatalf("repeated refused starts: %+v", got)
	}
	text := strings.Join(got.Evidence, " ") + " " + strings.Join(got.Actions, " ")
	for _, want := range []string{"postfix status", "queue_directory"} {
		if !strings.Contains(text, want) {
			t.Errorf("repeated refused starts: hint does not mention %q: %s", want, text)
		}
	}
	if strings.Contains(got.Title, "not running") || strings.Contains(got.Title, "is down") {
		t.Errorf("a master runs, yet the hint says Postfix is down: %s", got.Title)
	}
}

// A bind address the smtp client cannot take is most often, in a
// container on a bridge network, the host's own address: the advice says
// where the outgoing address is chosen then, not only "an address this
// host has", which inside the container shows none of the host's.
func TestBindAddressAdviceKnowsContainers(t *testing.T) {
	e := feed("Jun  2 07:41:10 3c1f0e2a9b7d postfix/smtp[88]: warning: smtp_connect_addr: bind 198.51.100.23: Address not available")
	for _, h := range e.Hints(true) {
		if h.ID != sources.HintConfigError {
			continue
		}
		text := strings.Join(h.Evidence, " ") + " " + strings.Join(h.Actions, " ")
		for _, want := range []string{"container", "SNAT"} {
			if !strings.Contains(text, want) {
				t.Errorf("bind address advice does not mention %q: %s", want, text)
			}
		}
		return
	}
	t.Fatal("no config_error hint for an address the smtp client cannot bind")
}

// postlogd that cannot open maillog_file writes no log at all: the hint
// names the file and what makes /dev/stdout unwritable in a container,
// not only "read the fatal line".
func TestMaillogFileOpenFailureNamesTheLogFile(t *testing.T) {
	e := feed(
		"Jun  2 07:41:10 mx postfix/postlogd[51]: fatal: open logfile '/dev/stdout': cannot open file: Permission denied",
		"Jun  2 07:41:11 mx postfix/master[50]: warning: process /usr/libexec/postfix/postlogd pid 51 exit status 1",
	)
	for _, h := range e.Hints(true) {
		if h.ID != sources.HintDaemonCrash || !strings.Contains(strings.Join(h.Evidence, " "), "maillog_file_open_failed") {
			continue
		}
		if h.Severity < SevCritical {
			t.Errorf("no logging at all is only %s", h.Severity)
		}
		text := strings.Join(h.Evidence, " ") + " " + strings.Join(h.Actions, " ")
		for _, want := range []string{"maillog_file", "start-fg"} {
			if !strings.Contains(text, want) {
				t.Errorf("log file advice does not mention %q: %s", want, text)
			}
		}
		return
	}
	t.Fatal("no daemon_crash hint explains postlogd that cannot open maillog_file")
}

// postsuper renames queue files whose names no longer match their inode
// numbers (a queue copied or restored from another filesystem) and then
// refuses the queue ids it was given, which may now name other messages:
// only that command stopped. A rename that fails is the queue's trouble.
func TestPostsuperQueueIDsChangedIsNoCrash(t *testing.T) {
	for _, h := range feed(
		"Nov 28 10:00:00 mx postfix/postsuper[90]: warning: QUEUE FILE NAMES WERE CHANGED TO MATCH INODE NUMBERS",
		knownLines["postsuper_queue_ids_changed"][0],
	).Hints(true) {
		if h.Severity > SevInfo || h.ID == sources.HintDaemonCrash {
			t.Errorf("postsuper's renamed queue ids gave %s %s: %s", h.Severity, h.ID, h.Title)
		}
	}
	crash := false
	for _, h := range feed("Nov 28 10:00:00 mx postfix/postsuper[91]: fatal: rename file deferred/3F2A1C0A50 as deferred/4B7C2D0A51: Permission denied").Hints(true) {
		crash = crash || h.ID == sources.HintDaemonCrash && h.Severity >= SevWarning
	}
	if !crash {
		t.Error("postsuper's failed rename gave no daemon_crash hint")
	}
}

// inet_interfaces naming an IPv4 address the host no longer has (a main.cf
// copied to a new host, a renumbered one) is mended by naming the
// addresses it has; turning IPv6 off mends only ::1.
func TestMissingInterfaceAdviceNamesTheHostsAddresses(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/master[92]: fatal: parameter inet_interfaces: no local interface found for 192.0.2.10")
	for _, h := range e.Hints(true) {
		if h.ID != sources.HintConfigError {
			continue
		}
		do := strings.Join(h.Actions, " ")
		ipv6 := strings.Index(do, "inet_protocols = ipv4")
		if !strings.Contains(do, "ip -br addr") || ipv6 >= 0 && ipv6 < strings.Index(do, "inet_interfaces") {
			t.Errorf("advice for a missing IPv4 interface: %q", do)
		}
		return
	}
	t.Fatal("no config_error hint for a missing interface")
}

// What every server on the Internet logs all day (scanners failing TLS,
// DNSBL and reverse-DNS rejects of bots, greylisted newcomers) stays info
// at any volume; the same reject of a big provider's server does not.
func TestScannersAndBotsStayInfoAtVolume(t *testing.T) {
	formats := []string{
		"Nov 28 %02d:%02d:00 mx postfix/smtpd[%d]: warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:316:",
		"Nov 28 %02d:%02d:00 mx postfix/smtpd[%d]: SSL_accept error from unknown[198.51.100.7]: lost connection",
		"Nov 28 %02d:%02d:01 mx postfix/smtpd[%d]: warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:",
		"Nov 28 %02d:%02d:02 mx postfix/postscreen[%d]: NOQUEUE: reject: RCPT from [198.51.100.9]:40028: 550 5.7.1 Service unavailable; client [198.51.100.9] blocked using zen.spamhaus.org; from=<a@example.net>, to=<b@example.org>, proto=ESMTP, helo=<c.example.net>",
		"Nov 28 %02d:%02d:03 mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[198.51.100.8]: 450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.8]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 %02d:%02d:04 mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.10]: 450 4.2.0 <b@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/help; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 %02d:%02d:05 mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[198.51.100.11]: 450 4.1.8 <a@bogus.example>: Sender address rejected: Domain not found; from=<a@bogus.example> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		// Sessions that end without mail, in smtpd's own summary.
		"Nov 28 %02d:%02d:06 mx postfix/smtpd[%d]: lost connection after EHLO from unknown[198.51.100.12]",
		"Nov 28 %02d:%02d:07 mx postfix/smtps/smtpd[%d]: lost connection after CONNECT from unknown[198.51.100.13]",
		"Nov 28 %02d:%02d:08 mx postfix/submission/smtpd[%d]: too many errors after AUTH from unknown[198.51.100.14]",
		"Nov 28 %02d:%02d:09 mx postfix/smtpd[%d]: disconnect from unknown[198.51.100.15] ehlo=1 auth=0/1 rset=1 quit=1 commands=3/4",
		"Nov 28 %02d:%02d:10 mx postfix/smtpd[%d]: improper command pipelining after CONNECT from unknown[198.51.100.16]: \\026\\003\\001",
		"Nov 28 %02d:%02d:11 mx postfix/smtpd[%d]: warning: hostname dsl-198-51-100-17.example.net does not resolve to address 198.51.100.17: Name or service not known",
		// Guessed recipients, refused by this host's own tables.
		"Nov 28 %02d:%02d:12 mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[198.51.100.18]: 550 5.1.1 <info@example.org>: Recipient address rejected: User unknown in virtual mailbox table; from=<a@example.net> to=<info@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 %02d:%02d:13 mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[198.51.100.19]: 550 5.1.1 <admin@example.org>: Recipient address rejected: User unknown in local recipient table; from=<a@example.net> to=<admin@example.org> proto=ESMTP helo=<c.example.net>",
	}
	for _, f := range formats {
		var lines []string
		for i := range 300 {
			lines = append(lines, fmt.Sprintf(f, 8+i/60, i%60, 3000+i%7))
		}
		found := false
		for _, h := range feed(lines...).Hints(true) {
			if h.Severity > SevInfo {
				t.Errorf("300× %.60q gave %s %s: %s", f, h.Severity, h.ID, h.Title)
			}
			// Refused guesses are no configuration error, whatever hint
			// carries their advice.
			if strings.Contains(h.Title, "configuration error") {
				t.Errorf("300× %.60q titled %q", f, h.Title)
			}
			found = true
		}
		if !found {
			t.Errorf("300× %.60q gave no hint at all", f)
		}
	}
	big := "Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from mail-ed1-f41.google.com[209.85.208.41]: 554 5.7.1 Service unavailable; Client host [209.85.208.41] blocked using bl.example.org; from=<a@gmail.com> to=<b@example.org> proto=ESMTP helo=<mail-ed1-f41.google.com>"
	warned := false
	for _, h := range feed(big).Hints(true) {
		warned = warned || h.ID == sources.HintBlocklist && h.Severity >= SevWarning
	}
	if !warned {
		t.Error("a DNSBL reject of a big provider's server is not a warning")
	}
}

// A fatal line of the master or of postfix start means Postfix is not
// running: the advice is to start it, never to reload it, and the hint
// does not say the master will restart anything.
func TestMasterDownAsksForAStart(t *testing.T) {
	for _, id := range []string{"address_in_use", "master_lock_denied", "master_lock_create_denied", "integrity_check_failed", "master_service_name_unknown", "interface_host_not_found", "bind_address_missing", "no_active_interfaces"} {
		line := knownLines[id][0]
		found := false
		for _, h := range feed(line).Hints(true) {
			if h.ID != sources.KnownMessages[knownIndex(t, id)].Hint {
				continue
			}
			found = true
			acts, cautions := strings.Join(h.Actions, "\n"), strings.Join(h.Cautions, "\n")
			if !strings.Contains(acts, "postfix start") || strings.Contains(acts, "then postfix reload") || strings.Contains(cautions, "the master restarts it") {
				t.Errorf("%s: actions %q, cautions %q", id, acts, cautions)
			}
			if h.Severity != SevCritical {
				t.Errorf("%s: %s, not critical", id, h.Severity)
			}
		}
		if !found {
			t.Errorf("%s: no hint from %q", id, line)
		}
	}
	// A daemon's own fatal line leaves the master running: a reload.
	for _, h := range feed(knownLines["chroot_not_permitted"][0]).Hints(true) {
		if h.ID == sources.HintConfigError && !strings.Contains(strings.Join(h.Actions, "\n"), "then postfix reload") {
			t.Errorf("smtpd's fatal line: actions %q", h.Actions)
		}
	}
}

// postfix(1) reads main.cf before it runs a start or a reload: its own
// fatal line means that command did not happen. No master restarts it,
// and after a failed start there is nothing for a reload to talk to.
func TestPostfixCommandFatalAsksForAStart(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix[7]: fatal: bad string length 0 < 1: myhostname =",
		"Nov 28 10:00:00 mx postfix[8]: fatal: parameter inet_interfaces: no local interface found for ::1",
	} {
		found := false
		for _, h := range feed(line).Hints(true) {
			if h.ID != sources.HintConfigError {
				continue
			}
			found = true
			acts, cautions := strings.Join(h.Actions, "\n"), strings.Join(h.Cautions, "\n")
			if !strings.Contains(acts, "then postfix start") || strings.Contains(acts, "then postfix reload") || strings.Contains(acts, "postfix stop") {
				t.Errorf("%s: actions %q", line, acts)
			}
			if strings.Contains(cautions, "the master restarts it") || !strings.Contains(cautions, "the postfix command") {
				t.Errorf("%s: cautions %q", line, cautions)
			}
			if h.Severity != SevCritical {
				t.Errorf("%s: %s, not critical", line, h.Severity)
			}
		}
		if !found {
			t.Errorf("no config_error hint from %q", line)
		}
	}
	// A master that started after the failed command runs: a reload again.
	e := feed("Nov 28 10:00:00 mx postfix[7]: fatal: bad string length 0 < 1: myhostname =",
		"Nov 28 10:02:00 mx postfix/master[9]: daemon started -- version 3.9.1, configuration /etc/postfix")
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError && strings.Contains(strings.Join(h.Cautions, "\n"), "the postfix command") {
			t.Errorf("after the master started: cautions %q", h.Cautions)
		}
	}
}

func knownIndex(t *testing.T, id string) int {
	t.Helper()
	for i, k := range sources.KnownMessages {
		if k.ID == id {
			return i
		}
	}
	t.Fatalf("no entry %s", id)
	return 0
}

// A DNSBL query that times out once is a resolver hiccup, not a broken
// table: no lookup_failure hint, and the blocklist hint stays info.
func TestDNSBLTimeoutIsNoTableFailure(t *testing.T) {
	hs := hintIDs(feed(knownLines["rbl_lookup_error"][0]).Hints(true))
	if len(hs[sources.HintLookupFailure]) != 0 {
		t.Errorf("a DNSBL timeout gave %s: %s", sources.HintLookupFailure, hs[sources.HintLookupFailure][0].Title)
	}
	if b := hs[sources.HintBlocklist]; len(b) != 1 || b[0].Severity != SevInfo {
		t.Errorf("blocklist hints: %+v", b)
	}
}

// postscreen giving up on dnsblog is the resolver's slowness, which holds
// every new client for postscreen_dnsbl_timeout: advice on name service,
// not on processes or client limits, and a note until it repeats.
func TestDNSBLReplyTimeoutIsNameService(t *testing.T) {
	line := knownLines["dnsblog_reply_timeout"][0]
	hs := hintIDs(feed(line).Hints(true))
	d := hs["dns"]
	if len(d) != 1 || d[0].Side != "inbound" || d[0].Severity != SevInfo {
		t.Fatalf("dns hints: %+v", d)
	}
	for _, id := range []string{"process_limit", "inbound_limits", sources.HintLookupFailure, sources.HintDaemonCrash} {
		if len(hs[id]) != 0 {
			t.Errorf("a dnsblog reply timeout gave %s: %s", id, hs[id][0].Title)
		}
	}
	text := strings.Join(d[0].Evidence, " ")
	for _, a := range d[0].Steps {
		text += " " + a.Text
	}
	for _, want := range []string{"postscreen_dnsbl_timeout", "resolver"} {
		if !strings.Contains(text, want) {
			t.Errorf("dns hint does not mention %s: %s", want, text)
		}
	}
	many := make([]string, 30)
	for i := range many {
		many[i] = fmt.Sprintf("Nov 28 10:%02d:00 mx postfix/postscreen[11]: warning: dnsblog reply timeout 10s for zen.spamhaus.org", i)
	}
	if d := hintIDs(feed(many...).Hints(true))["dns"]; len(d) != 1 || d[0].Severity < SevWarning {
		t.Errorf("30 dnsblog reply timeouts: dns hints %+v", d)
	}
}

// One milter that times out on one message is worth a note; the same
// failure on every message is a warning.
func TestOneMilterTimeoutIsCalm(t *testing.T) {
	line := knownLines["milter_reply"][1]
	sev := func(n int) string {
		var lines []string
		for i := range n {
			lines = append(lines, strings.Replace(line, "10:00:00", fmt.Sprintf("10:%02d:%02d", i/60, i%60), 1))
		}
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == sources.HintDaemonCrash {
				return h.Severity.String()
			}
		}
		return "no hint"
	}
	if got := sev(1); got != SevInfo.String() {
		t.Errorf("one milter timeout: %s", got)
	}
	if got := sev(30); got != SevWarning.String() {
		t.Errorf("30 milter timeouts: %s", got)
	}
}

// A daemon's fatal line beside the master's warning for the same entry
// (the master throttles a service whose fork failed) leaves the master
// running: the advice is a reload, not a start.
func TestDaemonFatalBesideMasterWarningIsNoStop(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/master[1]: warning: /usr/lib/postfix/sbin/smtpd: fork: Resource temporarily unavailable -- throttling",
		"Nov 28 10:00:01 mx postfix/postscreen[7]: fatal: fork: Resource temporarily unavailable",
	)
	for _, h := range e.Hints(true) {
		if h.ID != sources.HintDaemonCrash || h.Subject != "fork_failed" {
			continue
		}
		if acts := strings.Join(h.Actions, "\n"); strings.Contains(acts, "then postfix start") || strings.Contains(strings.Join(h.Cautions, "\n"), "the master stopped") {
			t.Errorf("actions %q, cautions %q", acts, h.Cautions)
		}
		return
	}
	t.Fatal("no fork_failed hint")
}

// qmgr's advice against flushing the whole queue reaches the queue_backlog
// hint in qmgr's words, beside the clog warning it follows.
func TestFlushWarningFeedsQueueBacklog(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/qmgr[1]: warning: mail for example.org is using up 4001 of 20000 active queue entries",
		knownLines["qmgr_avoid_flush"][0],
		"Nov 28 10:00:00 mx postfix/qmgr[1]: warning: lots of deferred mail, that is bad for performance",
	)
	h := hintOf(t, e, "queue_backlog")
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "please avoid flushing the whole queue when you have lots of deferred mail") {
		t.Errorf("evidence %q does not quote qmgr's warning", ev)
	}
	if c := strings.Join(h.Cautions, "\n"); !strings.Contains(c, "postfix flush") || !strings.Contains(c, "postqueue -f") {
		t.Errorf("cautions %q do not name the commands that flush the whole queue", c)
	}
	if h.Severity != SevCritical {
		t.Errorf("severity %s", h.Severity)
	}
	// The warning alone is a backlog too: qmgr logs it only when one
	// destination holds a fifth of the active queue.
	alone := hintOf(t, feed(knownLines["qmgr_avoid_flush"][0]), "queue_backlog")
	if alone.Severity < SevWarning {
		t.Errorf("warning alone: %s", alone.Severity)
	}
}

// An :include: file local(8) refuses bounces the list's mail (5.3.5): a
// warning from the first line. A .forward it refuses is skipped and the
// mail is delivered to the mailbox: a note until it recurs.
func TestLocalForwardAndIncludeFiles(t *testing.T) {
	sev := func(line string) Severity {
		for _, h := range feed(line).Hints(true) {
			if h.ID == sources.HintConfigError {
				return h.Severity
			}
		}
		t.Fatalf("no %s hint from %q", sources.HintConfigError, line)
		return 0
	}
	if s := sev(knownLines["include_file_world_writable"][0]); s != SevWarning {
		t.Errorf(":include: file world writable: %s", s)
	}
	if s := sev(knownLines["forward_world_writable"][0]); s != SevInfo {
		t.Errorf(".forward world writable: %s", s)
	}
	for _, h := range feed(knownLines["forward_bad_owner"][0]).Hints(true) {
		if h.ID == sources.HintConfigError && !strings.Contains(strings.Join(h.Evidence, " "), "owned by the recipient or root") {
			t.Errorf("evidence %q does not say who must own a .forward", h.Evidence)
		}
	}
}

// smtpd's 451 at the greeting for a milter it lost refuses the whole
// session: when every session is refused so and none gets a message in,
// nothing is received, critical whatever the count, in one hint with the
// milter's own failure; a few among sessions that deliver their mail stay
// below that.
func TestMilterRefusingEverySessionIsCritical(t *testing.T) {
	session := func(i int, refused bool) []string {
		pid, ip := 8000+i, fmt.Sprintf("198.51.100.%d", 1+i)
		out := []string{fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from mail%d.example.org[%s]", stamp(20*i), pid, i, ip)}
		if refused {
			return append(out,
				fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: milter inet:127.0.0.1:11332: can't read SMFIC_OPTNEG reply packet header: Connection reset by peer", stamp(20*i), pid),
				fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: milter inet:127.0.0.1:11332: read error in initial handshake", stamp(20*i), pid),
				fmt.Sprintf("%s mx postfix/smtpd[%d]: NOQUEUE: milter-reject: CONNECT from mail%d.example.org[%s]: 451 4.7.1 Service unavailable - try again later; proto=SMTP", stamp(20*i+1), pid, i, ip))
		}
		return append(out, fmt.Sprintf("%s mx postfix/smtpd[%d]: %05X%05X: client=mail%d.example.org[%s]", stamp(20*i+1), pid, i, pid, i, ip))
	}
	worst := func(refused func(int) bool) Severity {
		var lines []string
		for i := range 30 {
			lines = append(lines, session(i, refused(i))...)
		}
		sev, found := SevInfo, 0
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == sources.HintDaemonCrash {
				found++
				sev = max(sev, h.Severity)
			}
		}
		if found != 1 {
			t.Fatalf("%d daemon_crash hints, want the milter's one", found)
		}
		return sev
	}
	if got := worst(func(int) bool { return true }); got != SevCritical {
		t.Errorf("30 of 30 sessions refused: %s, want critical", got)
	}
	if got := worst(func(i int) bool { return i >= 5 }); got != SevCritical {
		t.Errorf("every session refused after the first five: %s, want critical", got)
	}
	if got := worst(func(i int) bool { return i%10 == 3 }); got != SevWarning {
		t.Errorf("3 of 30 sessions refused: %s, want warning", got)
	}
}

// A milter that is down while milter_default_action = tempfail refuses
// every message 451: one refusal beside one milter timeout is a note,
// the refusals of 50 messages in the window are critical, even while
// more mail than that still comes in (which alone keeps the share of
// mail refused from deciding).
func TestMilterTempfailCriticalByVolume(t *testing.T) {
	timeout := knownLines["milter_reply"][1]
	reject := knownLines["milter_tempfail"][0]
	sev := func(n int) Severity {
		lines := []string{timeout}
		for i := range n {
			at := fmt.Sprintf("10:%02d:%02d", i/60, i%60)
			lines = append(lines, strings.Replace(reject, "10:00:00", at, 1),
				fmt.Sprintf("Nov 28 %s mx postfix/smtpd[%d]: %05X%05X: client=d.example.net[198.51.100.8]", at, 200+i, i, 200+i),
				fmt.Sprintf("Nov 28 %s mx postfix/smtpd[%d]: %05X%05X: client=d.example.net[198.51.100.8]", at, 300+i, i, 300+i))
		}
		worst, found := SevInfo, false
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == sources.HintDaemonCrash {
				found = true
				worst = max(worst, h.Severity)
			}
		}
		if !found {
			t.Fatalf("%d refusals: no %s hint", n, sources.HintDaemonCrash)
		}
		return worst
	}
	if got := sev(1); got != SevInfo {
		t.Errorf("one refusal: %s", got)
	}
	// Calm while rare, but the refusal is still our milter's failure.
	var r sources.Record
	newParser().Parse(reject, &r)
	if r.Class != sources.ClassDaemonCrash {
		t.Errorf("a milter's 451 classed %v", r.Class)
	}
	if got := sev(49); got != SevWarning {
		t.Errorf("49 refusals: %s", got)
	}
	if got := sev(50); got != SevCritical {
		t.Errorf("50 refusals: %s", got)
	}
}

// After an upgrade to Postfix 3.11 with hash: and btree: redirected to
// non-Berkeley-DB types, the upgrade hint says to rewrite the tables with
// the new type (postmap) and to set the configuration's type names.
func TestBerkeleyDBRedirectAdvice(t *testing.T) {
	var h Hint
	for _, x := range feed(knownLines["nbdb_redirect_hash"][0]).Hints(true) {
		if x.ID == "upgrade_change" {
			h = x
		}
	}
	if h.ID == "" {
		t.Fatal("no upgrade_change hint")
	}
	if h.Severity != SevInfo {
		t.Errorf("a working redirect: %s", h.Severity)
	}
	var acts []string
	for _, a := range h.Steps {
		acts = append(acts, a.Text)
	}
	all := strings.Join(acts, "\n")
	for _, want := range []string{"postmap lmdb:", "default_database_type", "postfix non-bdb"} {
		if !strings.Contains(all, want) {
			t.Errorf("actions %q lack %q", all, want)
		}
	}
	// A build without Berkeley DB gets the same migration: 3.11's own
	// redirect, and the cache type parameter for btree:.
	for id, want := range map[string]string{"unsupported_dictionary_berkeley": "postfix non-bdb enable-redirect", "unsupported_dictionary_btree": "default_cache_db_type", "berkeley_db_not_built": "postfix non-bdb enable-redirect"} {
		for _, k := range sources.KnownMessages {
			if k.ID == id && !strings.Contains(k.Fix+strings.Join(k.Params, " "), want) {
				t.Errorf("%s does not name %s", id, want)
			}
		}
	}
}

// smtpd's "address or MX lookup error" comes from the DNS reply filter,
// not from a failing resolver: the dns hint names the filter on the side
// that logged it, and leaves the resolver alone.
func TestDNSReplyFilterAdvice(t *testing.T) {
	for _, c := range []struct{ line, side, param string }{
		{knownLines["dns_reply_filter_drops_all"][0], "inbound", "smtpd_dns_reply_filter"},
		{knownLines["dns_filter_unknown_action"][0], "outbound", "smtp_dns_reply_filter"},
	} {
		var h Hint
		for _, x := range feed(c.line).Hints(true) {
			if x.ID == "dns" {
				h = x
			}
		}
		if h.ID == "" {
			t.Errorf("no dns hint from %q", c.line)
			continue
		}
		var acts []string
		for _, a := range h.Steps {
			acts = append(acts, a.Text)
		}
		if all := strings.Join(acts, "\n"); h.Side != c.side || !strings.Contains(all, c.param) {
			t.Errorf("%q: side %s, actions %q lack %s", c.line, h.Side, all, c.param)
		}
	}
}

// smtpd's warnings about an access table's entries (an action it cannot
// take where the table is used, an entry written wrong) are configuration
// errors on the inbound side that name the entry's fix, not a table that
// cannot be opened: no lookup_failure hint and no advice to rebuild it.
func TestAccessTableMistakesAreNoTableFailure(t *testing.T) {
	wants := map[string]string{
		"access_action_proxy_filter": "smtpd_proxy_filter", "access_action_etrn": "smtpd_etrn_restrictions",
		"access_action_skipped": "smtpd_delay_reject", "access_filter_no_value": "FILTER transport:destination",
		"access_filter_no_destination": "FILTER transport:destination", "access_delay_value": "DELAY 30m",
		"access_address_target": "REDIRECT user@example.com", "access_prepend_end_of_data": "smtpd_data_restrictions",
		"access_prepend_header": "PREPEND Header-Name: text", "access_entry_names_table": "smtpd_restriction_classes",
		"access_entry_empty": "write the action meant",
	}
	for id, want := range wants {
		for _, line := range knownLines[id] {
			hs := hintIDs(feed(line).Hints(true))
			if len(hs[sources.HintLookupFailure]) != 0 {
				t.Errorf("%s: %q gave a %s hint", id, line, sources.HintLookupFailure)
			}
			c := hs[sources.HintConfigError]
			if len(c) != 1 || c[0].Side != "inbound" {
				t.Errorf("%s: %q gave config_error hints %+v", id, line, c)
				continue
			}
			var acts []string
			for _, a := range c[0].Steps {
				acts = append(acts, a.Text)
			}
			if all := strings.Join(acts, "\n"); !strings.Contains(all, want) || strings.Contains(all, "is unavailable.") {
				t.Errorf("%s: actions %q lack %q", id, all, want)
			}
		}
	}
}

// smtp and lmtp defer mail whose next hop's records the DNS reply filter
// all dropped: the reason reads as smtpd's warning does (the dns hint with
// the filter's parameters, on the side that delivers), without the
// resolver advice of name service errors. A remote's reply that quotes
// the words is the remote's.
func TestDNSReplyFilterDeferral(t *testing.T) {
	p := newParser()
	for _, c := range []struct{ line, param string }{
		{"Nov 28 10:00:00 mx postfix/smtp[216]: 3F2A1C0A40: to=<ann@example.net>, relay=none, delay=0.3, delays=0.1/0/0.2/0, dsn=4.7.0, status=deferred (Error looking up name=example.net type=MX: DNS reply filter drops all results)", "smtp_dns_reply_filter"},
		{"Nov 28 10:00:00 mx postfix/relay/smtp[217]: 3F2A1C0A41: to=<bob@example.org>, relay=none, delay=0.3, delays=0.1/0/0.2/0, dsn=4.7.0, status=deferred (Error looking up name=relay.example.org type=A: DNS reply filter drops all results)", "smtp_dns_reply_filter"},
		{"Nov 28 10:00:00 mx postfix/lmtp[218]: 3F2A1C0A42: to=<cy@example.org>, relay=none, delay=0.3, delays=0.1/0/0.2/0, dsn=4.7.0, status=deferred (Error looking up name=mailstore.example.org type=AAAA: DNS reply filter drops all results)", "lmtp_dns_reply_filter"},
	} {
		var r sources.Record
		p.Parse(c.line, &r)
		if r.Known == 0 || sources.KnownMessages[r.Known-1].ID != "dns_reply_filter_drops_all" {
			t.Errorf("%q: entry %d", c.line, r.Known)
			continue
		}
		hs := hintIDs(feed(c.line).Hints(true))
		d := hs["dns"]
		if len(d) != 1 || d[0].Side != "outbound" || d[0].Subject != "dns_reply_filter_drops_all" {
			t.Errorf("%q: dns hints %+v", c.line, d)
			continue
		}
		var acts []string
		for _, a := range d[0].Steps {
			acts = append(acts, a.Text)
		}
		if all := strings.Join(acts, "\n"); !strings.Contains(all, c.param) || strings.Contains(all, "resolv.conf") {
			t.Errorf("%q: actions %q", c.line, all)
		}
	}
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtp[219]: 3F2A1C0A43: to=<ann@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=4.7.0, status=deferred (host mx.example.net[192.0.2.25] said: 450 4.7.0 DNS reply filter drops all results (in reply to RCPT TO command))",
		"Nov 28 10:00:00 mx postfix/lmtp[220]: 3F2A1C0A44: to=<cy@example.org>, relay=mailstore.example.org[192.0.2.30]:24, delay=0.3, delays=0.1/0/0.1/0.1, dsn=4.7.0, status=deferred (host mailstore.example.org[192.0.2.30] said: 451 4.7.0 DNS reply filter drops all results (in reply to RCPT TO command))",
	} {
		var r sources.Record
		p.Parse(line, &r)
		if r.Known != 0 {
			t.Errorf("%q matched %s", line, sources.KnownMessages[r.Known-1].ID)
		}
	}
}

// The smtp client's failures to log in to a relay each get the advice of
// their own cause, on its failed try at one server (no recipient) as on
// the deferral: the credentials for a refusal, the mechanism filter and
// TLS for no common mechanism, the plugins for none at all. A remote's
// reply that quotes the words is the remote's.
func TestRelayLoginFailureAdvice(t *testing.T) {
	for id, want := range map[string][]string{
		"smtp_sasl_server_refused":      {"smtp_sasl_password_maps", "app password"},
		"smtp_sasl_no_compatible_mechs": {"smtp_sasl_mechanism_filter", "smtp_sasl_tls_security_options"},
		"smtp_sasl_no_mechanism":        {"libsasl2-modules"},
		"smtp_sasl_client_failed":       {"smtp_sasl_password_maps", "smtp_sasl_auth_enable"},
		"smtp_sasl_server_temporary":    {"leave the password", "postsuper -h"},
		"smtp_sasl_weak_mechanism":      {"leave the password", "smtp_tls_security_level = encrypt", "smtp_sasl_tls_security_options = noanonymous", "smtp_sasl_mechanism_filter"},
		"smtp_sasl_needs_tls":           {"leave the password", "smtp_tls_security_level = encrypt", "smtp_tls_policy_maps", "smtp_tls_wrappermode"},
		"smtp_sasl_auth_disabled":       {"leave smtp_sasl_password_maps", "SmtpClientAuthenticationDisabled $false", "OAuth2"},
	} {
		for _, line := range knownLines[id] {
			var found *Hint
			for _, h := range feed(line).Hints(true) {
				if h.ID == sources.HintConfigError && h.Subject == id {
					found = &h
				}
			}
			if found == nil || found.Side != "outbound" {
				t.Errorf("%s: no outbound config_error hint of its own from %q: %+v", id, line, found)
				continue
			}
			all := strings.Join(found.Actions, "\n")
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("%s: actions lack %q:\n%s", id, w, all)
				}
			}
			if strings.Contains(all, "loops back to myself") {
				t.Errorf("%s: the loop advice of other configuration errors:\n%s", id, all)
			}
		}
	}
	p := newParser()
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtp[231]: 3F2A1C0A4C: to=<ann@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.1, status=bounced (host mx.example.net[192.0.2.25] said: 550 5.7.1 SASL authentication failed; server policy refused the sender (in reply to MAIL FROM command))",
		"Nov 28 10:00:00 mx postfix/smtp[232]: 3F2A1C0A4D: host mx.example.net[192.0.2.26] said: 451 4.7.0 cannot authenticate to server: no mechanism available (in reply to RCPT TO command)",
	} {
		var r sources.Record
		p.Parse(line, &r)
		if r.Known != 0 {
			t.Errorf("%q matched %s", line, sources.KnownMessages[r.Known-1].ID)
		}
	}
}

// Cyrus SASL's GSSAPI failure logged through Postfix ("SASL
// authentication failure: GSSAPI Error: ..."): on the smtp client the
// relay offered GSSAPI and the client, which takes the strongest
// mechanism offered, has no Kerberos credentials, so the mechanism
// filter is the fix; on smtpd the server offers GSSAPI without a keytab.
// Each side gets its own side's advice, under whatever syslog_name.
func TestGSSAPIFailureAdvice(t *testing.T) {
	for _, c := range []struct {
		line, side string
		want       []string
	}{
		{"Nov 28 10:00:00 mx postfix/smtp[26]: warning: SASL authentication failure: GSSAPI Error: Unspecified GSS failure.  Minor code may provide more information (Credentials cache file '/tmp/krb5cc_89' not found)",
			"outbound", []string{"smtp_sasl_mechanism_filter"}},
		{"relay/smtp[26]: warning: SASL authentication failure: GSSAPI Error: Unspecified GSS failure.  Minor code may provide more information (No Kerberos credentials available)",
			"outbound", []string{"smtp_sasl_mechanism_filter"}},
		{"Nov 28 10:00:00 mx postfix/submission/smtpd[27]: warning: SASL authentication failure: GSSAPI Error: Unspecified GSS failure.  Minor code may provide more information (Keytab FILE:/etc/krb5.keytab is nonexistent or empty)",
			"inbound", []string{"mech_list"}},
	} {
		var found *Hint
		for _, h := range feed(c.line).Hints(true) {
			if h.ID == sources.HintConfigError && h.Subject == "sasl_gssapi_failure" {
				found = &h
			}
		}
		if found == nil || found.Side != c.side {
			t.Errorf("no %s config_error hint for %q: %+v", c.side, c.line, found)
			continue
		}
		all := strings.Join(found.Actions, "\n")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q: actions lack %q:\n%s", c.line, w, all)
			}
		}
	}
}

// A deferral the knowledge base explains gets that entry's hint alone, not
// also the catch-all advice for deliveries that fail on configuration; a
// deferral no entry reads ("loops back to myself") still gets it.
func TestExplainedConfigDeferralIsNotRepeated(t *testing.T) {
	count := func(lines ...string) (known, generic int) {
		t.Helper()
		for _, h := range feed(lines...).Hints(true) {
			switch {
			case h.ID != sources.HintConfigError:
			case strings.Contains(strings.Join(h.Actions, "\n"), "loops back to myself"):
				generic++
			default:
				known++
			}
		}
		return known, generic
	}
	if k, g := count(knownLines["smtp_sasl_server_refused"][0], knownLines["smtp_sasl_no_mechanism"][0]); k != 1 || g != 0 {
		t.Errorf("relay login deferrals: %d entry hints, %d catch-all hints", k, g)
	}
	loop := "Nov 28 10:00:00 mx postfix/smtp[233]: 3F2A1C0A4E: to=<ann@example.org>, relay=mx.example.org[192.0.2.9]:25, delay=0.2, delays=0.1/0/0.1/0, dsn=5.4.6, status=bounced (mail for example.org loops back to myself)"
	if k, g := count(knownLines["smtp_sasl_server_refused"][0], loop); k != 1 || g != 1 {
		t.Errorf("a relay login deferral and a loop: %d entry hints, %d catch-all hints", k, g)
	}
}

// A relay that refuses this host's mail for want of a login, or refuses
// the sender the login may use, is this host's configuration: the hint
// gives the advice of that refusal, not the loop or transport sentences,
// and a loop deferral keeps its own.
func TestRelayRefusalAdvice(t *testing.T) {
	line := func(dsn, reply string) string {
		return "Nov 28 10:00:00 mx postfix/smtp[240]: 3F2A1C0A50: to=<ann@example.org>, relay=relay.example.net[192.0.2.7]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=" + dsn + ", status=bounced (host relay.example.net[192.0.2.7] said: " + reply + ")"
	}
	const login, sender, loopWords = "smtp_sasl_auth_enable = yes", "smtp_generic_maps", "loops back to myself"
	for _, c := range []struct {
		line      string
		want, not []string
	}{
		{line("5.7.57", "530 5.7.57 Client not authenticated to send mail. (in reply to MAIL FROM command)"), []string{login, "smtp_sasl_password_maps"}, []string{sender, loopWords}},
		// RFC 4954's 530 5.7.0, or 5.7.1 from others: the whole client
		// setup, with the security options that let PLAIN and LOGIN,
		// which most relays offer, be used over the session's TLS.
		{line("5.7.0", "530 5.7.0 Authentication required (in reply to MAIL FROM command)"), []string{login, "smtp_tls_security_level = encrypt", "smtp_sasl_tls_security_options = noanonymous"}, []string{sender, loopWords}},
		{line("5.7.1", "530 5.7.1 Authentication required (in reply to MAIL FROM command)"), []string{login, "exactly as relayhost", "smtp_sasl_tls_security_options = noanonymous"}, []string{sender, loopWords}},
		{line("5.0.0", "554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: <bob@example.net> (in reply to end of DATA command)"), []string{sender, "From:"}, []string{login, loopWords}},
		{line("5.7.60", "550 5.7.60 SMTP; Client does not have permissions to send as this sender (in reply to end of DATA command)"), []string{sender}, []string{login, loopWords}},
		{line("5.7.1", "553 5.7.1 <root@app.example.org>: Sender address rejected: not owned by user relay@example.net (in reply to RCPT TO command)"), []string{"smtpd_sender_login_maps", "smtp_sender_dependent_authentication"}, []string{loopWords}},
		// The next hop cannot find this host's sender domain in DNS: the
		// sender this host writes (myorigin, rewriting), not a resolver.
		{line("4.1.8", "450 4.1.8 <root@node.example.org>: Sender address rejected: Domain not found (in reply to RCPT TO command)"), []string{"myorigin", "smtp_generic_maps"}, []string{login, loopWords, "resolv.conf"}},
		{line("5.0.0", "550 invalid DNS MX or A/AAAA resource record (in reply to MAIL FROM command)"), []string{"myorigin", "smtp_generic_maps", "CNAME"}, []string{login, loopWords, "resolv.conf"}},
		// The next hop refuses the envelope sender's syntax (X.1.7): the
		// sender this host writes or rewrites (SRS, canonical maps).
		{line("5.1.7", "501 5.1.7 Invalid address [AB1CDEF0001.example.prod 2025-01-01T00:00:00.000Z 08DD00000000] (in reply to MAIL FROM command)"), []string{"sender_canonical_maps", "SRS", "myorigin"}, []string{login, loopWords, "resolv.conf"}},
		// The next hop's reject_non_fqdn_sender and
		// reject_non_fqdn_helo_hostname (504 5.5.2): the sender or HELO
		// name this host sends lacks a domain: its myorigin, myhostname or
		// smtp_helo_name.
		{line("5.5.2", "504 5.5.2 <root@node>: Sender address rejected: need fully-qualified address (in reply to MAIL FROM command)"), []string{"myorigin", "myhostname", "smtp_generic_maps"}, []string{login, loopWords, "resolv.conf"}},
		{line("5.5.2", "504 5.5.2 <node>: Helo command rejected: need fully-qualified hostname (in reply to RCPT TO command)"), []string{"smtp_helo_name", "myhostname"}, []string{login, loopWords, "resolv.conf"}},
		// The next hop's reject_unknown_helo_hostname (450 4.7.1 "Host
		// not found", its address and MX lookup of the name) and
		// reject_invalid_helo_hostname (501 5.5.2 "Invalid name"): the
		// HELO name this host sends is not in DNS or no valid name; this
		// host's resolver is not at fault, since the next hop answered.
		{line("4.7.1", "450 4.7.1 <mail.internal>: Helo command rejected: Host not found (in reply to RCPT TO command)"), []string{"smtp_helo_name", "myhostname", "A record"}, []string{login, loopWords, "resolv.conf"}},
		{line("5.5.2", "501 5.5.2 <mail_01.example.org>: Helo command rejected: Invalid name (in reply to RCPT TO command)"), []string{"smtp_helo_name", "myhostname"}, []string{login, loopWords, "resolv.conf"}},
		// A next hop that will not relay for this host: a relayhost
		// that wants a login or this host's address allowed, or a
		// domain's MX that does not take mail for that domain.
		{line("5.7.1", "554 5.7.1 <ann@example.org>: Relay access denied (in reply to RCPT TO command)"), []string{login, "relay", "host -t mx"}, []string{sender, loopWords}},
		{line("5.7.1", "550 5.7.1 Unable to relay for ann@example.org (in reply to RCPT TO command)"), []string{login, "relay"}, []string{sender, loopWords}},
		// SendGrid's refusal of a client that did not log in: the relay
		// login, not the sender's SPF or DKIM.
		{line("5.0.0", "550 Unauthenticated senders not allowed (in reply to MAIL FROM command)"), []string{login}, []string{sender, loopWords, "DKIM"}},
		{line("5.4.5", "550 5.4.5 Daily user sending quota exceeded. 4fb4d7f45d1cf-5d3cf86a6a4sm1234567a12.10 - gsmtp (in reply to MAIL FROM command)"), []string{"sending limit", "compromised"}, []string{login, sender, loopWords}},
		// A relay that suspended this host's account for spam: stop what
		// sent it and delete it; no login, sender or limit to change.
		{line("5.0.0", "554 Sending suspended for this account. For more information, please check the inbox of the email address associated with your account. (in reply to end of DATA command)"), []string{"compromised", "sasl_username", "postsuper -d"}, []string{login, sender, loopWords, "raise"}},
		{line("5.1.8", "550 5.1.8 Access denied, bad outbound sender AS(42004) [AB1CD2EF345.example.prod] (in reply to MAIL FROM command)"), []string{"compromised", "postsuper -d"}, []string{login, sender, loopWords, "raise"}},
		// A next hop that announces 8BITMIME yet refuses BODY=8BITMIME:
		// this host stops using the keyword toward it, on a transport of
		// its own, and converts 8-bit bodies to 7-bit itself.
		{line("5.6.1", "554 5.6.1 Body type not supported by Remote Host (in reply to end of DATA command)"), []string{"smtp_discard_ehlo_keywords", "8bitmime", "transport_maps"}, []string{login, sender, loopWords}},
		// An LMTP server (or another service) named as an SMTP next hop
		// answers the greeting's HELO with a syntax reply.
		{"Nov 28 10:00:00 mx postfix/smtp[234]: 3F2A1C0A4F: to=<ann@example.org>, relay=192.0.2.24[192.0.2.24]:24, delay=0.2, delays=0.1/0/0.1/0, dsn=5.5.1, status=bounced (host 192.0.2.24[192.0.2.24] refused to talk to me: 500 5.5.1 Unknown command)", []string{"lmtp:", "smtp_helo_name"}, []string{login, sender, loopWords}},
		// A backup MX behind NAT finds itself among the MX hosts once the
		// primary is down: proxy_interfaces names its outside address.
		{"Nov 28 10:00:00 mx postfix/smtp[233]: 3F2A1C0A4E: to=<ann@example.org>, relay=mx.example.org[192.0.2.9]:25, delay=0.2, delays=0.1/0/0.1/0, dsn=5.4.6, status=bounced (mail for example.org loops back to myself)", []string{loopWords, "proxy_interfaces"}, []string{login, sender}},
	} {
		var found *Hint
		for _, h := range feed(c.line).Hints(true) {
			if h.ID == sources.HintConfigError {
				found = &h
			}
		}
		if found == nil || found.Side != "outbound" {
			t.Errorf("no outbound config_error hint from %q: %+v", c.line, found)
			continue
		}
		all := strings.Join(found.Actions, "\n")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q: actions lack %q:\n%s", c.line, w, all)
			}
		}
		for _, w := range c.not {
			if strings.Contains(all, w) {
				t.Errorf("%q: actions hold %q:\n%s", c.line, w, all)
			}
		}
	}
}

// This host's own smtpd refusing an unqualified sender or HELO name is
// the check doing its work, not this host's configuration: the same
// words a relay answers with give no config_error hint here.
func TestOwnNonFQDNRejectsStayCalm(t *testing.T) {
	for _, h := range feed(
		"Nov 28 10:00:00 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 504 5.5.2 <a@host>: Sender address rejected: need fully-qualified address; from=<a@host> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 10:00:01 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 504 5.5.2 <host>: Helo command rejected: need fully-qualified hostname; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<host>",
		"Nov 28 10:00:02 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.7.1 <pc.internal>: Helo command rejected: Host not found; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<pc.internal>",
		"Nov 28 10:00:03 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 501 5.5.2 <pc_01>: Helo command rejected: Invalid name; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<pc_01>",
	).Hints(true) {
		if h.ID == sources.HintConfigError {
			t.Errorf("smtpd's own non-FQDN refusals gave a config_error hint: %+v", h)
		}
	}
}

// A relay on port 465 needs TLS from the first byte: the hint says which
// two settings, and that they belong to the relay's transport alone when
// other mail goes out on port 25 (a global wrapper mode breaks it).
func TestWrappermodeAdviceKeepsPort25(t *testing.T) {
	for _, id := range []string{"smtp_tls_wrappermode_465", "smtp_tls_wrappermode_level"} {
		var found *Hint
		for _, h := range feed(knownLines[id]...).Hints(true) {
			if h.ID == sources.HintConfigError && h.Subject == id {
				found = &h
			}
		}
		if found == nil || found.Side != "outbound" {
			t.Fatalf("%s: no outbound config_error hint: %+v", id, found)
		}
		all := strings.Join(found.Actions, "\n")
		for _, w := range []string{"smtp_tls_wrappermode = yes", "smtp_tls_security_level = encrypt", "master.cf", "port 25"} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: actions lack %q:\n%s", id, w, all)
			}
		}
	}
}

// Postfix stopped, or did not start, and the master started later in the
// log: the stop is over. The hint says so and is a warning, not a critical
// "Postfix is not running" over a log that shows it running again.
func TestMasterStartEndsADown(t *testing.T) {
	const notRunning = "Nov 28 10:00:00 mx postfix/postfix-script[89]: fatal: the Postfix mail system is not running"
	const started = "Nov 28 10:05:00 mx postfix/master[95]: daemon started -- version 3.7.11, configuration /etc/postfix"
	find := func(e *Engine) *Hint {
		for _, h := range e.Hints(true) {
			if h.ID == sources.HintDaemonCrash {
				return &h
			}
		}
		return nil
	}
	if h := find(feed(notRunning)); h == nil || h.Severity != SevCritical {
		t.Fatalf("not running, never started: %+v", h)
	}
	h := find(feed(notRunning, started))
	if h == nil || h.Severity != SevWarning || !strings.Contains(strings.Join(h.Evidence, " "), "the master started again at 10:05") {
		t.Fatalf("not running, then started: %+v", h)
	}
	for _, a := range h.Actions {
		if strings.Contains(a, "then postfix start") {
			t.Errorf("still asks for a start: %q", a)
		}
	}
	// A start before the stop ends nothing.
	if h := find(feed(strings.Replace(started, "10:05:00", "09:55:00", 1), notRunning)); h == nil || h.Severity != SevCritical {
		t.Fatalf("started, then not running: %+v", h)
	}
}

// smtpd wants 1.5 times message_size_limit free before it takes mail: the
// advice for its refusal names that limit, which a disk with room to spare
// and a limit raised too far both trip.
func TestQueueSpaceAdviceNamesTheSizeLimit(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: MAIL from c.example.net[198.51.100.7]: 452 4.3.1 Insufficient system storage; proto=ESMTP helo=<c.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: not enough free space in mail queue: 52428800000 bytes < 1.5*message size limit",
	)
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintDaemonCrash && strings.Contains(strings.Join(h.Actions, " "), "lower message_size_limit") {
			return
		}
	}
	t.Fatalf("no daemon_crash hint tells to look at message_size_limit: %+v", e.Hints(true))
}

// A message larger than message_size_limit, submitted with sendmail(1):
// the advice names message_size_limit. The same words in a remote
// server's reply are that server's limit, not this host's.
func TestMessageTooBigNamesTheSizeLimit(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/postdrop[96]: warning: uid=0: File too large",
		"Nov 28 10:00:01 mx postfix/sendmail[95]: fatal: root(0): message file too big",
	)
	named := false
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError && strings.Contains(strings.Join(h.Actions, " "), "message_size_limit") {
			named = true
		}
		if h.ID == sources.HintDaemonCrash {
			t.Errorf("a message too large for the limit reads as a crash: %+v", h)
		}
	}
	if !named {
		t.Fatalf("no config_error hint names message_size_limit: %+v", e.Hints(true))
	}
	e = feed("Nov 28 10:00:00 mx postfix/smtp[97]: 3F2A1C0B04: to=<ann@example.net>, relay=mx.example.net[192.0.2.8]:25, delay=3, delays=0.1/0/0.5/2.4, dsn=5.3.4, status=bounced (host mx.example.net[192.0.2.8] said: 552 5.3.4 Error: message file too big (in reply to end of DATA command))")
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError && strings.Contains(strings.Join(h.Actions, " "), "message_size_limit") {
			t.Fatalf("a remote's size limit gives advice on this host's: %+v", h)
		}
	}
}

// A master that cannot read its open-file limit (an unlimited nofile
// from a container runtime) gets the file-descriptor hint, which sets a
// finite limit, not the generic advice for an unknown fatal line.
func TestUnknownOpenFileLimitIsAFileDescriptorLimit(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/master[1]: fatal: unable to determine open file limit")
	hints := e.Hints(true)
	if len(hints) == 0 || hints[0].ID != "ulimit" || hints[0].Severity != SevCritical {
		t.Fatalf("want a critical ulimit hint first: %+v", hints)
	}
	if !strings.Contains(strings.Join(hints[0].Actions, " "), "nofile") {
		t.Errorf("the advice names no finite nofile limit: %+v", hints[0].Actions)
	}
	for _, h := range hints {
		if h.ID == sources.HintDaemonCrash && h.Subject == "fatal" {
			t.Errorf("the line is also an unknown fatal: %+v", h)
		}
	}
}

// A process that runs out of memory is told to look at the host's memory,
// and never to raise process limits.
func TestOutOfMemoryAdviceLowersProcesses(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/smtpd[98]: fatal: mymalloc: insufficient memory for 65536 bytes: Cannot allocate memory")
	for _, h := range e.Hints(true) {
		if h.ID == "process_limit" {
			t.Fatalf("out of memory gives process-limit advice: %+v", h)
		}
		if h.ID == sources.HintDaemonCrash && h.Subject != "fatal" {
			if a := strings.Join(h.Actions, " "); strings.Contains(a, "free -m") && strings.Contains(a, "OOM") {
				return
			}
		}
	}
	t.Fatalf("no daemon_crash hint points at the host's memory: %+v", e.Hints(true))
}

// Postfix's bare "out of memory" (a program whose setenv failed while it
// read -c, pcre and sqlite tables, the master) is the same shortage as
// mymalloc's: the host's memory or a memory limit on the process, and
// fewer processes, never more; not the generic advice for a fatal line.
func TestBareOutOfMemoryIsMemory(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/postqueue[4242]: fatal: out of memory",
		"Nov 28 10:00:00 mx postfix/master[1]: fatal: out of memory",
		"Nov 28 10:00:00 mx postfix/cleanup[77]: fatal: out of memory in pcre2_match_data_create_from_pattern()",
		"postmap: fatal: out of memory",
		"fatal: out of memory",
	} {
		e := feed(line)
		memory := false
		for _, h := range e.Hints(true) {
			a := strings.Join(h.Actions, " ")
			if h.ID == "process_limit" || h.Subject == "fatal" {
				t.Errorf("%q: advice for another cause: %s %s", line, h.ID, h.Title)
			}
			if h.ID != sources.HintDaemonCrash {
				continue
			}
			all := a + " " + strings.Join(h.Evidence, " ")
			memory = strings.Contains(a, "free -m") && strings.Contains(all, "MemoryMax") && strings.Contains(all, "ulimit -v") &&
				strings.Contains(a, "lower the number of processes") && h.Severity == SevCritical
		}
		if !memory {
			t.Errorf("%q: no critical daemon_crash hint points at the host's memory and its limits: %+v", line, e.Hints(true))
		}
	}
}

// The kernel's ENOMEM on a socket or connection is memory too (or a VPS's
// allowance of kernel memory and sockets), not a Postfix service missing
// from master.cf.
func TestSocketOutOfMemoryIsMemory(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/smtpd[96]: warning: connect #1 to subsystem private/proxymap: Cannot allocate memory",
		"Nov 28 10:00:00 mx postfix/smtpd[97]: fatal: socket: Cannot allocate memory",
	)
	memory := false
	for _, h := range e.Hints(true) {
		a := strings.Join(h.Actions, " ")
		if h.ID == "process_limit" || strings.Contains(a, "postfix status") {
			t.Errorf("out of memory gives advice for another cause: %+v", h)
		}
		memory = memory || h.ID == sources.HintDaemonCrash && strings.Contains(a, "free -m")
	}
	if !memory {
		t.Fatalf("no daemon_crash hint points at the host's memory: %+v", e.Hints(true))
	}
}

// Failed logins while the SASL service itself fails (saslauthd down, the
// library's generic failure) are that failure's doing: they give the
// configuration hint, not password-guessing advice that would ban our own
// users or the container gateway they come through.
func TestFailedLoginsFollowABrokenAuthBackend(t *testing.T) {
	guesses := []string{
		// Cyrus SASL's own word for the failed check comes first, also
		// when saslauthd could not be asked at all.
		"Nov 28 10:00:01 mx postfix/submission/smtpd[84]: warning: SASL authentication failure: Password verification failed",
		"Nov 28 10:00:01 mx postfix/submission/smtpd[84]: warning: unknown[172.18.0.1]: SASL PLAIN authentication failed: authentication failure",
		"Nov 28 10:00:06 mx postfix/submission/smtpd[84]: lost connection after AUTH from unknown[172.18.0.1]",
		"Nov 28 10:00:07 mx postfix/submission/smtpd[84]: disconnect from unknown[172.18.0.1] ehlo=1 auth=0/1 commands=1/2",
	}
	ids := func(e *Engine) (out []string) {
		for _, h := range e.Hints(true) {
			out = append(out, h.ID)
		}
		return out
	}
	if got := ids(feed(guesses...)); !slices.Contains(got, "inbound_limits") {
		t.Fatalf("failed logins alone gave %v, want inbound_limits", got)
	}
	for _, backend := range []string{
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: SASL authentication failure: cannot connect to saslauthd server: No such file or directory",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: unknown[172.18.0.1]: SASL PLAIN authentication failed: generic failure",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: SASL: Connect to private/auth failed: No such file or directory",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: xsasl_cyrus_server_get_mechanism_list: no applicable SASL mechanisms",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: SASL authentication problem: unable to open Berkeley db /etc/sasldb2: Permission denied",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: SASL authentication problem: unknown password verifier(s) auxprop",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: SASL: Protocol version mismatch (2 vs. 1)",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[84]: warning: SASL per-connection server initialization: generic failure",
		// Dovecot, the SASL service, says why itself.
		"Nov 28 10:00:00 mx dovecot: auth-worker(91): Error: mysql(127.0.0.1): Connect failed to database (mail): Can't connect to MySQL server on '127.0.0.1' (111) - waiting for 1 seconds before retry",
		"Nov 28 10:00:00 mx dovecot: auth-worker(91): Error: sql(ann@example.org,172.18.0.1,<kJ1nAQ>): Password query failed: Table 'mail.mailbox' doesn't exist",
		"Nov 28 10:00:00 mx dovecot: auth: Error: LDAP ldap://ldap.example.org: Can't connect to server: Can't contact LDAP server",
	} {
		got := ids(feed(append([]string{backend}, guesses...)...))
		if slices.Contains(got, "inbound_limits") || !slices.Contains(got, sources.HintConfigError) {
			t.Errorf("with %q: hints %v, want config_error and no inbound_limits", backend, got)
		}
	}
}

// A client of this site (a private address, or a name that resolved) that
// asks for a SASL mechanism smtpd's SASL library does not have fails every
// login whatever its password: that is the SASL configuration's to fix
// (Cyrus's mech_list, the plugins), not password guessing to ban. A
// stranger asking for the same mechanism is a bot's try like any other.
func TestMissingSASLMechanismForOwnClient(t *testing.T) {
	session := func(name, ip string) []string {
		return []string{
			"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: connect from " + name + "[" + ip + "]",
			"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: warning: SASL authentication failure: Couldn't find mech LOGIN",
			"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: warning: " + name + "[" + ip + "]: SASL LOGIN authentication failed: no mechanism available",
			"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: lost connection after AUTH from " + name + "[" + ip + "]",
			"Nov 28 10:00:00 mx postfix/submission/smtpd[86]: disconnect from " + name + "[" + ip + "] ehlo=1 auth=0/1 commands=1/2",
		}
	}
	ids := func(e *Engine) (out []string) {
		for _, h := range e.Hints(true) {
			out = append(out, h.ID)
		}
		return out
	}
	for _, own := range [][2]string{{"unknown", "172.18.0.6"}, {"app.example.org", "198.51.100.21"}} {
		got := ids(feed(session(own[0], own[1])...))
		if len(got) == 0 || got[0] != sources.HintConfigError || slices.Contains(got, "inbound_limits") {
			t.Errorf("client %s[%s]: hints %v, want config_error first and no inbound_limits", own[0], own[1], got)
		}
	}
	got := ids(feed(session("unknown", "203.0.113.9")...))
	if slices.Contains(got, sources.HintConfigError) || !slices.Contains(got, "inbound_limits") {
		t.Errorf("stranger: hints %v, want inbound_limits and no config_error", got)
	}
}

// A relayhost reached on port 25 that times out, as clouds block outbound
// port 25 (to a relay service as to anyone): the firewall hint says that
// relay services take mail on the submission port, in a sentence (the
// change needs the account's credentials), and says nothing of it when
// the relay is already on another port or is not the one failing.
func TestFirewallNamesTheRelaysSubmissionPort(t *testing.T) {
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 100 smtpd\nsmtp unix - - y - 100 smtp\n"), 100)
	line := func(sec int, relay string) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 3F2A1E%04X: to=<u%d@example.org>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to %s[192.0.2.25]:25: Connection timed out)",
			stamp(sec), 500+sec%30, sec, sec%9, relay)
	}
	for _, c := range []struct {
		relayhost, failing string
		want               bool
	}{
		{"[email-smtp.us-east-1.amazonaws.com]", "email-smtp.us-east-1.amazonaws.com", true},
		{"[smtp.relay.example]:25", "smtp.relay.example", true},
		{"smtp.relay.example", "smtp.relay.example", true},
		{"[smtp.relay.example]:587", "smtp.relay.example", false},
		{"", "mx.example.org", false},
		{"[smtp.relay.example]", "mx.other.example", false},
	} {
		params, _ := sources.ParseParams(strings.NewReader("relayhost = " + c.relayhost + "\n"))
		var lines []string
		for i := range 12 {
			lines = append(lines, line(i*5, c.failing))
		}
		e := feed(lines...)
		e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
		h := hintOf(t, e, "firewall")
		said := false
		for _, s := range h.Steps {
			if strings.Contains(s.Text, "587") {
				said = true
				if s.Command {
					t.Errorf("relayhost %q: the submission port is offered as a command: %q", c.relayhost, s.Text)
				}
			}
		}
		if said != c.want {
			t.Errorf("relayhost %q, failing %s: the submission port is named: %v, want %v: %q", c.relayhost, c.failing, said, c.want, h.Actions)
		}
	}
}

// Without a relayhost in the configuration (none saved with the log),
// a relay service's submission host that times out on port 25 says the
// same: those services take mail on the submission port.
func TestFirewallNamesASubmissionServiceOnPort25(t *testing.T) {
	for _, c := range []struct {
		host string
		port int
		want bool
	}{
		{"email-smtp.eu-west-1.amazonaws.com", 25, true},
		{"smtp.sendgrid.net", 25, true},
		{"smtp.office365.com", 25, true},
		{"smtp.sendgrid.net", 587, false},
		{"ec2-192-0-2-1.compute-1.amazonaws.com", 25, false},
		{"mx.example.org", 25, false},
	} {
		var lines []string
		for i := range 6 {
			lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: connect to %s[192.0.2.25]:%d: Connection timed out", stamp(i*5), 500+i, c.host, c.port))
		}
		h := hintOf(t, feed(lines...), "firewall")
		said := strings.Contains(strings.Join(h.Actions, "\n"), ":587")
		if said != c.want {
			t.Errorf("%s:%d: the submission port is named: %v, want %v: %q", c.host, c.port, said, c.want, h.Actions)
		}
	}
}

// Bots mostly have no reverse name ("unknown[203.0.113.7]"): the hint's
// evidence lists such clients by address, the one thing to ban or to
// recognise as one's own, where it listed none.
func TestKnownHintListsNamelessClientsByAddress(t *testing.T) {
	var lines []string
	for i := range 8 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: lost connection after CONNECT from unknown[203.0.113.%d]", stamp(i), 700+i, 7+i%2))
	}
	lines = append(lines, stamp(9)+" mx postfix/smtpd[799]: lost connection after CONNECT from mail.example.net[198.51.100.4]")
	h := hintOf(t, feed(lines...), "inbound_limits")
	ev := strings.Join(h.Evidence, "\n")
	for _, want := range []string{"203.0.113.7", "203.0.113.8", "mail.example.net"} {
		if !strings.Contains(ev, want) {
			t.Errorf("the evidence does not name the client %s:\n%s", want, ev)
		}
	}
	if strings.Contains(ev, "unknown") {
		t.Errorf("the evidence names a client unknown:\n%s", ev)
	}
}

// reject_unknown_helo_hostname answers "Host not found" both when the
// client's HELO name does not exist and when this host's lookup failed:
// the hint is the client-DNS refusals', not a broken resolver's, and its
// advice says how to tell the two apart before touching the restriction.
func TestHeloNameRefusalIsTheClientsDNS(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from relay%d.example.net[198.51.100.%d]: 450 4.7.1 <gw.internal.example.net>: Helo command rejected: Host not found; from=<notice@example.net> to=<eve@example.org> proto=ESMTP helo=<gw.internal.example.net>", stamp(i), 900+i, i, 10+i))
	}
	found := false
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "dns" {
			t.Errorf("HELO-name refusals gave the resolver hint: %s %q", h.Title, h.Actions)
		}
		if h.ID != "reverse_dns" || h.Side != "inbound" {
			continue
		}
		found = true
		advice := strings.Join(h.Actions, "\n")
		for _, want := range []string{"reject_unknown_helo_hostname", "check_helo_access", "resolver"} {
			if !strings.Contains(advice, want) {
				t.Errorf("advice lacks %q: %s", want, advice)
			}
		}
	}
	if !found {
		t.Error("no inbound reverse_dns hint for HELO-name refusals")
	}
}

// Relay refusals and refused unauthenticated local senders are our own
// restrictions at work: the configuration hint names mynetworks, and a
// stranger's relay probe alone stays info.
func TestRelayAndLoginRefusalsNameMynetworks(t *testing.T) {
	for _, line := range []string{
		knownLines["relay_access_denied"][0],
		knownLines["sender_not_logged_in"][0],
	} {
		found := false
		for _, h := range feed(line).Hints(true) {
			if h.ID != sources.HintConfigError {
				continue
			}
			found = true
			if h.Severity != SevInfo {
				t.Errorf("one refusal gave a %s hint", h.Severity)
			}
			if !strings.Contains(strings.Join(h.Actions, "\n"), "mynetworks") {
				t.Errorf("advice does not name mynetworks: %q", h.Actions)
			}
		}
		if !found {
			t.Errorf("no config_error hint from %q", line)
		}
	}
}

// A DNSBL that rejects a large provider's server is the list's fault or
// ours, not one resolver's: the advice names the list weights and
// threshold, not one list's test entry, and no outbound caution about our
// own sending speed comes with smtpd's rejects.
func TestInboundDNSBLRejectAdviceFitsAnyList(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtpd[70]: NOQUEUE: reject: RCPT from mail-x1.google.com[209.85.220.41]: 554 5.7.1 Service unavailable; Client host [209.85.220.41] blocked using dnsbl.example.net; listed; from=<gus@gmail.com> to=<hal@example.org> proto=ESMTP helo=<mail-x1.google.com>"
	found := false
	for _, h := range feed(line).Hints(true) {
		if h.ID != sources.HintBlocklist {
			continue
		}
		found = true
		advice := strings.Join(h.Actions, "\n")
		if strings.Contains(advice, "spamhaus") {
			t.Errorf("advice names one list for any list's rejects: %s", advice)
		}
		for _, want := range []string{"postscreen_dnsbl_threshold", "reject_rbl_client"} {
			if !strings.Contains(advice, want) {
				t.Errorf("advice lacks %q: %s", want, advice)
			}
		}
		for _, c := range h.Cautions {
			if strings.Contains(c, "rate delays") {
				t.Errorf("inbound rejects gave the outbound caution %q", c)
			}
		}
	}
	if !found {
		t.Error("no blocklist hint")
	}
}

// "Relay access denied" speaks of this site's configuration only for a
// client of its own or another mail server (a reverse name that resolved,
// or a private address); from a client with neither, the usual open-relay
// A client rejected at RCPT for a listing on a policy or dynamic-address
// list (Spamhaus PBL, a DUL) is mostly a user's mail program sending
// straight to port 25 from a home or mobile connection: the fix is to
// submit on 587 or 465 with SASL (submission/smtps in master.cf), never to
// exempt the address. A listing on another list gets no such advice.
func TestPolicyListRejectAdvisesSubmission(t *testing.T) {
	blocklist := func(lines ...string) *Hint {
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == sources.HintBlocklist && h.Side == "inbound" {
				return &h
			}
		}
		return nil
	}
	for _, id := range []string{"dnsbl_reject_policy_list", "dnsbl_reject_dynamic_list", "dnsbl_reject_residential_list"} {
		h := blocklist(knownLines[id]...)
		if h == nil {
			t.Errorf("%s: no inbound blocklist hint", id)
			continue
		}
		advice := strings.Join(h.Actions, "\n")
		for _, want := range []string{"587", "465", "SASL", "submission", "smtps", "master.cf"} {
			if !strings.Contains(advice, want) {
				t.Errorf("%s: advice lacks %q: %s", id, want, advice)
			}
		}
		for _, bad := range []string{"check_client_access", "postscreen_access_list", "mynetworks", "take it out of reject_rbl_client"} {
			if strings.Contains(advice, bad) {
				t.Errorf("%s: advice exempts the client (%q): %s", id, bad, advice)
			}
		}
	}
	h := blocklist("Nov 28 10:00:00 mx postfix/smtpd[18]: NOQUEUE: reject: RCPT from unknown[203.0.113.54]: 554 5.7.1 Service unavailable; Client host [203.0.113.54] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.54; from=<a@example.net> to=<bob@example.org> proto=ESMTP helo=<bot>")
	if h == nil || strings.Contains(strings.Join(h.Actions, " "), "587") {
		t.Errorf("a listing on another list: %+v", h)
	}
}

// probe, it raises no configuration hint.
func TestRelayDeniedProbeIsNoConfigError(t *testing.T) {
	reject := func(sec int, client string) string {
		return fmt.Sprintf("%s mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from %s: 554 5.7.1 <x@elsewhere.example>: Relay access denied; from=<x@elsewhere.example> to=<x@elsewhere.example> proto=ESMTP helo=<WIN-ABC>", stamp(sec), 300+sec, client)
	}
	for _, c := range []struct {
		client string
		want   bool
	}{
		{"unknown[203.0.113.50]", false},
		{"mail.partner.example[198.51.100.7]", true},
		{"unknown[172.18.0.5]", true},
	} {
		e := feed(reject(1, c.client), reject(2, c.client))
		got := false
		for _, h := range e.Hints(true) {
			got = got || h.ID == sources.HintConfigError
		}
		if got != c.want {
			t.Errorf("relay refused to %s: a configuration hint: %v, want %v", c.client, got, c.want)
		}
	}
}

// OpenSSL's reason after "TLS library problem" names the cause, and the
// hint follows the reason, not the wrapper: a version both sides lack,
// or the peer refusing the certificate this side presents, each on the
// side that logged it. An untrusted issuer is told from other
// verification failures, and a protocols setting Postfix cannot parse
// is named at all.
func TestTLSReasonNamesTheCause(t *testing.T) {
	for _, c := range []struct{ line, side, entry, param string }{
		{"Nov 28 10:00:00 mx postfix/submission/smtpd[80]: warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:ssl/statem/statem_srvr.c:1650:", "inbound", "tls_version_unsupported", "smtpd_tls_protocols"},
		{"Nov 28 10:00:00 mx postfix/smtp[81]: warning: TLS library problem: error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol:../ssl/statem/statem_lib.c:1900:", "outbound", "tls_version_unsupported", "smtp_tls_protocols"},
		{"Nov 28 10:00:00 mx postfix/smtpd[82]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:../ssl/record/rec_layer_s3.c:1500:SSL alert number 48:", "inbound", "tls_alert_unknown_ca", "smtpd_tls_chain_files"},
		{"Nov 28 10:00:00 mx postfix/smtps/smtpd[83]: warning: TLS library problem: error:0A000415:SSL routines::sslv3 alert certificate expired:ssl/record/rec_layer_s3.c:1590:SSL alert number 45:", "inbound", "tls_alert_certificate_expired", "smtpd_tls_cert_file"},
		{"Nov 28 10:00:00 mx postfix/smtp[86]: warning: TLS library problem: error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1500:SSL alert number 40:", "outbound", "tls_alert_handshake_failure", "smtp_tls_ciphers"},
		{"Nov 28 10:00:00 mx postfix/smtpd[87]: warning: TLS library problem: error:0A0003F2:SSL routines::sslv3 alert unexpected message:ssl/record/rec_layer_s3.c:1590:SSL alert number 10:", "inbound", "tls_alert_unexpected_message", "smtpd_tls_session_cache_database"},
		{"Nov 28 10:00:00 mx postfix/submission/smtpd[88]: warning: TLS library problem: error:05800074:x509 certificate routines::key values mismatch:crypto/x509/x509_cmp.c:405:", "inbound", "tls_key_mismatch", "smtpd_tls_key_file"},
		{"Nov 28 10:00:00 mx postfix/smtp[89]: warning: TLS library problem: error:05800074:x509 certificate routines::key values mismatch:crypto/x509/x509_cmp.c:405:", "outbound", "tls_key_mismatch", "smtp_tls_key_file"},
		{"Nov 28 10:00:00 mx postfix/smtpd[90]: warning: TLS library problem: error:0906D06C:PEM routines:PEM_read_bio:no start line:../crypto/pem/pem_lib.c:686:Expecting: DH PARAMETERS:", "inbound", "dh_params_not_pem", "smtpd_tls_dh1024_param_file"},
		{"Nov 28 10:00:00 mx postfix/smtpd[91]: warning: TLS library problem: error:0909006C:PEM routines:get_name:no start line:../crypto/pem/pem_lib.c:745:Expecting: TRUSTED CERTIFICATE:", "inbound", "tls_pem_no_start_line", "smtpd_tls_cert_file"},
		{"Nov 28 10:00:00 mx postfix/smtp[84]: certificate verification failed for mx2.example.net[203.0.113.8]:25: untrusted issuer /O=Example CA/CN=Example Root", "outbound", "cert_untrusted_issuer", "smtp_tls_CAfile"},
		{"Nov 28 10:00:00 mx postfix/smtpd[85]: warning: Invalid TLS protocol list \"!SSLv2 !SSLv3 #, !TLSv1\": disabling TLS support", "inbound", "tls_protocol_list", "smtpd_tls_protocols"},
	} {
		var got *Hint
		for _, h := range feed(c.line).Hints(true) {
			if h.ID == "tls" && h.Side == c.side {
				got = &h
			}
		}
		if got == nil {
			t.Errorf("no %s tls hint from %q", c.side, c.line)
			continue
		}
		if !strings.Contains(strings.Join(got.Evidence, " "), c.entry) {
			t.Errorf("%s: evidence %q does not name %s", c.line, got.Evidence, c.entry)
		}
		if acts := " " + strings.Join(got.Actions, " ") + " "; !strings.Contains(acts, " "+c.param+" ") {
			t.Errorf("%s: actions %q lack %s", c.line, got.Actions, c.param)
		}
	}
}

// A name service error for a name that is not the recipient's domain is a
// next hop's (a relay host only in /etc/hosts): the advice looks that name
// up and names smtp_host_lookup, and a big provider among the recipients
// says nothing about the resolver.
func TestDNSHintNamesTheNextHopThatFailed(t *testing.T) {
	e := feed(repeat(3, func(i int) string {
		return deliv(i, "gmail.com", "deferred", "Host or domain name not found. Name service error for name=relay.corp.example type=A: Host not found")
	})...)
	hs := hintIDs(e.Hints(true))["dns"]
	if len(hs) != 1 {
		t.Fatalf("dns hints = %d, want 1", len(hs))
	}
	h := hs[0]
	text := strings.Join(h.Evidence, "\n")
	if strings.Contains(text, "always resolve") {
		t.Errorf("evidence blames the resolver for a next hop's name: %q", text)
	}
	if !strings.Contains(text, "relay.corp.example (type A)") {
		t.Errorf("evidence does not name the next hop: %q", text)
	}
	var acts []string
	for _, a := range h.Steps {
		acts = append(acts, a.Text)
	}
	all := strings.Join(acts, "\n")
	for _, want := range []string{"dig +short A relay.corp.example", "smtp_host_lookup = dns, native"} {
		if !strings.Contains(all, want) {
			t.Errorf("steps lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "MX gmail.com") {
		t.Errorf("steps look up the recipient's domain, not the failing name:\n%s", all)
	}
}

// A temporary error for the recipient's own domain at a provider that
// always resolves still blames this host's resolver, and a temporary
// error says nothing of /etc/hosts.
func TestDNSHintRecipientDomainTempfailBlamesResolver(t *testing.T) {
	e := feed(deliv(1, "gmail.com", "deferred", "Host or domain name not found. Name service error for name=gmail.com type=MX: Host not found, try again"))
	hs := hintIDs(e.Hints(true))["dns"]
	if len(hs) != 1 {
		t.Fatalf("dns hints = %d, want 1", len(hs))
	}
	if text := strings.Join(hs[0].Evidence, "\n"); !strings.Contains(text, "always resolve") {
		t.Errorf("evidence = %q, want the resolver blamed", text)
	}
	for _, a := range hs[0].Steps {
		if strings.Contains(a.Text, "smtp_host_lookup") {
			t.Errorf("step %q for the recipient's own domain", a.Text)
		}
	}
}

func TestDNSLookupOf(t *testing.T) {
	cases := []struct {
		line      string
		name, typ string
		ok, perm  bool
	}{
		{"(Host or domain name not found. Name service error for name=a.example type=MX: Host not found, try again)", "a.example", "MX", true, false},
		{"(Host or domain name not found. Name service error for name=b.example. type=AAAA: Host not found)", "b.example", "AAAA", true, true},
		{"Name service error for name=c.example type=mx: Host not found", "", "", false, false},
		{"Name service error for name= type=A: Host not found", "", "", false, false},
		{"no error here", "", "", false, false},
	}
	for _, c := range cases {
		l, ok := dnsLookupOf([]string{c.line})
		if ok != c.ok || l.name != c.name || l.typ != c.typ || l.permanent != c.perm {
			t.Errorf("dnsLookupOf(%q) = %+v, %v; want %s %s perm=%v ok=%v", c.line, l, ok, c.name, c.typ, c.perm, c.ok)
		}
	}
}

// A deferral reason without its recipient (as mailq lists it) names the
// domain through its MX lookup: the hint is about that domain, not about a
// next hop.
func TestDNSHintReasonWithoutRecipient(t *testing.T) {
	e := feed("(Host or domain name not found. Name service error for name=gmail.com type=MX: Host not found, try again)")
	hs := hintIDs(e.Hints(true))["dns"]
	if len(hs) != 1 {
		t.Fatalf("dns hints = %d, want 1", len(hs))
	}
	h := hs[0]
	if h.Subject != "gmail.com" {
		t.Errorf("subject %q, want gmail.com", h.Subject)
	}
	text := strings.Join(h.Evidence, "\n")
	if !strings.Contains(text, "always resolve") || strings.Contains(text, "not the recipient's domain") {
		t.Errorf("evidence = %q", text)
	}
}

// An entry for what every server sees all day from strangers (Noise)
// that points at this host's resolver says first that a few such lines
// need nothing, or under what condition they do: spammers forge sender domains and names that do not
// resolve, and an admin told to fix the resolver for them would chase a
// fault that is not there.
func TestEverydayDNSNoiseSaysAFewNeedNothing(t *testing.T) {
	for _, k := range sources.KnownMessages {
		if !k.Noise || !strings.Contains(k.Fix, "resolver") {
			continue
		}
		if !strings.HasPrefix(k.Fix, "nothing for ") && !strings.HasPrefix(k.Fix, "if ") {
			t.Errorf("%s: everyday noise whose advice is not conditional on more than a few lines: %q", k.ID, k.Fix)
		}
	}
}

// A table type written with a quote (main.cf takes quotes literally) is a
// quoting mistake: no advice to install a map package or to leave
// Berkeley DB, which would not help.
func TestQuotedTableTypeIsAQuotingMistake(t *testing.T) {
	for _, line := range append(knownLines["quoted_table_type"], knownLines["quoted_table_type_single"]...) {
		e := feed(line)
		ids := hintIDs(e.Hints(true))
		if len(ids["upgrade_change"]) != 0 {
			t.Errorf("%q: upgrade advice for a quoted type", line)
		}
		h := hintOf(t, e, sources.HintConfigError)
		all := hintText(h)
		if !strings.Contains(all, "quote") || strings.Contains(all, "install the Postfix package") {
			t.Errorf("%q: advice %q", line, all)
		}
	}
}

// tcp: and socketmap: are built into every Postfix since 2.7 and 2.10:
// a Postfix that calls them unsupported predates them, and no map
// package adds them; the advice names the release each needs.
func TestBuiltinTableTypeNamesTheRelease(t *testing.T) {
	for _, c := range []struct{ line, release string }{
		{knownLines["tcp_table_too_old"][0], "2.7"},
		{knownLines["socketmap_table_too_old"][0], "2.10"},
	} {
		e := feed(c.line)
		h := hintOf(t, e, sources.HintConfigError)
		all := hintText(h)
		if !strings.Contains(all, "Postfix "+c.release) || strings.Contains(all, "install the Postfix package for that table type") {
			t.Errorf("%q: advice %q", c.line, all)
		}
	}
}

// A socketmap: or tcp: table whose server does not answer is that
// server's trouble: the advice names the server, not a file to rebuild.
func TestMapServerDownNamesTheServer(t *testing.T) {
	for _, line := range append(knownLines["socketmap_unreachable"], knownLines["tcp_map_unreachable"]...) {
		h := hintOf(t, feed(line), sources.HintLookupFailure)
		all := hintText(h)
		if !strings.Contains(all, "server") || strings.Contains(all, "SASL password") || strings.Contains(all, "permissions") {
			t.Errorf("%q: advice %q", line, all)
		}
	}
}

// A socketmap: server that answers with an error of its own is up: the
// advice is about its answer (its reason, its log), not about starting it
// or rebuilding a file.
func TestSocketmapServerErrorIsItsAnswer(t *testing.T) {
	for _, line := range knownLines["socketmap_server_error"] {
		h := hintOf(t, feed(line), sources.HintLookupFailure)
		all := hintText(h)
		if !strings.Contains(all, "answer") || strings.Contains(all, "start the program") || strings.Contains(all, "postmap /") {
			t.Errorf("%q: advice %q", line, all)
		}
	}
}

// A database table whose server name does not resolve, or whose local
// socket a chrooted daemon cannot see, gets advice about that name or
// socket, not about credentials or the server's connection limit.
func TestDatabaseHostAdviceNamesTheCause(t *testing.T) {
	for id, want := range map[string]string{"mysql_unknown_host": "resolve", "pgsql_unknown_host": "resolve", "mysql_socket_unreachable": "127.0.0.1"} {
		for _, line := range knownLines[id] {
			e := feed(line)
			h := hintOf(t, e, sources.HintLookupFailure)
			all := hintText(h)
			if !strings.Contains(all, want) || strings.Contains(all, "password") {
				t.Errorf("%s: %q: advice %q", id, line, all)
			}
			if len(hintIDs(e.Hints(true))["lookup_table_connections"]) != 0 {
				t.Errorf("%s: connection-limit advice for %q", id, line)
			}
		}
	}
}

// A queue file the old queue manager cannot read right after a Postfix
// upgrade is the old daemons reading the new version's files: the advice
// says to restart Postfix across an upgrade, not only to look at the disk.
func TestCorruptQueueFileNamesUpgradeRestart(t *testing.T) {
	for _, id := range []string{"corrupt_queue_file_saved", "corrupt_queue_file"} {
		var crash *Hint
		for _, h := range feed(knownLines[id][0]).Hints(true) {
			if h.ID == sources.HintDaemonCrash {
				crash = &h
			}
		}
		if crash == nil {
			t.Fatalf("%s: no %s hint", id, sources.HintDaemonCrash)
		}
		text := strings.Join(append(crash.Evidence, crash.Actions...), " ")
		if !strings.Contains(text, "upgrade") || !strings.Contains(text, "postfix stop") {
			t.Errorf("%s: advice does not name restarting across a Postfix upgrade: %q", id, text)
		}
	}
}

// A policy server that does not answer defers every sender that reaches
// check_policy_service (smtpd_policy_service_default_action, 451 4.3.5):
// critical from its first line, like the replies it causes.
func TestPolicyServerDownIsCritical(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/smtpd[80]: warning: problem talking to server 127.0.0.1:10023: Connection refused")
	crash := hintIDs(e.Hints(true))[sources.HintDaemonCrash]
	if len(crash) != 1 || crash[0].Severity != SevCritical {
		t.Fatalf("want one critical daemon_crash hint, got %+v", crash)
	}
}

// content_filter names a transport too (smtp-amavis:[127.0.0.1]:10024):
// when master.cf lost that transport, the advice shows content_filter
// beside the *_transport parameters.
func TestMissingTransportNamesContentFilter(t *testing.T) {
	e := feed("Nov 28 10:00:00 mx postfix/qmgr[30]: warning: connect to transport private/smtp-amavis: No such file or directory")
	cfg := hintIDs(e.Hints(true))[sources.HintConfigError]
	if len(cfg) != 1 {
		t.Fatalf("want one config_error hint, got %+v", cfg)
	}
	if acts := strings.Join(cfg[0].Actions, " | "); !strings.Contains(acts, "content_filter") {
		t.Errorf("the advice should show content_filter: %q", acts)
	}
}

// smtpd's 451 4.3.5 "Server configuration problem" reports a failure that
// another line names (here the policy server's): at equal counts the
// cause's hint ranks first, also when the replies are another process's,
// whose own warnings are not in the log.
func TestCauseRanksBeforeServerConfigurationProblem(t *testing.T) {
	var lines []string
	for i := 0; i < 3; i++ {
		lines = append(lines,
			fmt.Sprintf("Nov 28 10:0%d:00 mx postfix/smtpd[81]: warning: problem talking to server private/policyd-spf: Connection refused", i),
			fmt.Sprintf("Nov 28 10:0%d:00 mx postfix/smtpd[82]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 451 4.3.5 Server configuration problem; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mail.example.net>", i))
	}
	hs := feed(lines...).Hints(true)
	if len(hs) < 2 || hs[0].Subject != "policy_socket_refused" || hs[1].Subject != "server_configuration_problem" {
		t.Fatalf("want the policy server's hint first, got %v", hintIDs(hs))
	}
}

// The master's "exit status" and "bad command startup" report the fatal
// line the process logged before them: a configuration error's own hint
// ranks first.
func TestFatalCauseRanksBeforeTheMastersReport(t *testing.T) {
	hs := feed(
		"Nov 28 10:00:00 mx postfix/smtpd[82]: fatal: host/service policy.example.net/12340 not found: Name or service not known",
		"Nov 28 10:00:01 mx postfix/master[1]: warning: process /usr/libexec/postfix/smtpd pid 82 exit status 1",
		"Nov 28 10:00:01 mx postfix/master[1]: warning: /usr/libexec/postfix/smtpd: bad command startup -- throttling",
	).Hints(true)
	if len(hs) < 2 || hs[0].ID != sources.HintConfigError {
		t.Fatalf("want the configuration error first, got %v", hintIDs(hs))
	}
}

// A dane-only destination that cannot be authenticated defers with the smtp
// client's own reason: one tls hint that names the TLS policy, with no
// handshake to test (there was none). A remote's reply quoting the words is
// the remote's.
func TestDANEOnlyDeferral(t *testing.T) {
	p := newParser()
	for _, id := range []string{"dane_non_dnssec_destination", "dane_no_tlsa"} {
		line := knownLines[id][0]
		hs := hintIDs(feed(line).Hints(true))
		tl := hs["tls"]
		if len(tl) != 1 || tl[0].Subject != id || len(hs["config_error"]) != 0 {
			t.Errorf("%s: tls hints %+v, config_error %+v", id, tl, hs["config_error"])
			continue
		}
		var acts []string
		for _, a := range tl[0].Steps {
			acts = append(acts, a.Text)
		}
		if all := strings.Join(acts, "\n"); !strings.Contains(all, "smtp_tls_policy_maps") || strings.Contains(all, "s_client") {
			t.Errorf("%s: actions %q", id, all)
		}
	}
	var r sources.Record
	p.Parse("Nov 28 10:00:00 mx postfix/smtp[249]: 3F2A1C0A53: to=<ann@example.net>, relay=mx.example.net[192.0.2.70]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.7.1, status=bounced (host mx.example.net[192.0.2.70] said: 550 5.7.1 non DNSSEC destination, no TLSA records found (in reply to RCPT TO command))", &r)
	if r.Known != 0 {
		t.Errorf("a remote's reply matched %s", sources.KnownMessages[r.Known-1].ID)
	}
}

// A receiver that refuses mail for its PTR over IPv6 is answered with the
// IPv6 address's own PTR and, until it has one, delivery over IPv4 only;
// a refusal over IPv4 is not told to turn IPv6 off.
func TestReverseDNSRefusalOverIPv6(t *testing.T) {
	for _, c := range []struct {
		line string
		v6   bool
	}{
		{"Nov 28 10:00:00 mx postfix/smtp[250]: 3F2A1C0A60: to=<ann@example.net>, relay=mx.example.net[2001:db8::1a]:25, delay=1, delays=0.1/0/0.3/0.6, dsn=5.7.1, status=bounced (host mx.example.net[2001:db8::1a] said: 550-5.7.1 [2001:db8:1::2] Our system has detected that 550-5.7.1 this message does not meet IPv6 sending guidelines regarding PTR 550-5.7.1 records and authentication. (in reply to end of DATA command))", true},
		// A bounce's diagnostic pasted alone: the reply with the server
		// it came from, and no recipient to file it under.
		{"host mx.example.net[2001:db8::1b] said: 550-5.7.1 [2001:db8:1::3] Our system has detected that this message does not meet IPv6 sending guidelines regarding PTR records and authentication. (in reply to end of DATA command)", true},
		{"host mx.example.net[192.0.2.27] said: 550-5.7.25 [198.51.100.5] The IP address sending this message does not have a PTR record setup (in reply to end of DATA command)", false},
		{"Nov 28 10:00:00 mx postfix/smtp[251]: 3F2A1C0A61: to=<ann@example.net>, relay=mx.example.net[192.0.2.26]:25, delay=1, delays=0.1/0/0.3/0.6, dsn=5.7.25, status=bounced (host mx.example.net[192.0.2.26] said: 550-5.7.25 [198.51.100.4] The IP address sending this message does not have a 550-5.7.25 PTR record setup (in reply to end of DATA command))", false},
	} {
		rd := hintIDs(feed(c.line).Hints(true))["reverse_dns"]
		if len(rd) != 1 {
			t.Errorf("%q: reverse_dns hints %+v", c.line, rd)
			continue
		}
		var acts []string
		for _, a := range rd[0].Steps {
			acts = append(acts, a.Text)
		}
		all := strings.Join(acts, "\n")
		if got := strings.Contains(all, "inet_protocols=ipv4") && strings.Contains(all, "AAAA"); got != c.v6 {
			t.Errorf("%q: IPv6 advice %v, want %v: %q", c.line, got, c.v6, all)
		}
	}
}

// Sessions that break in the message content, at one stage or the other,
// get one firewall hint naming the path's MTU, with its fix said once, and
// no advice to change concurrency or rates.
func TestLostInContentIsThePath(t *testing.T) {
	var lines []string
	for i := 0; i < 4; i++ {
		lines = append(lines, knownLines["smtp_lost_in_message_body"][0], knownLines["smtp_lost_at_end_of_data"][0])
	}
	hs := hintIDs(feed(lines...).Hints(true))
	fw := hs["firewall"]
	if len(fw) != 1 || len(hs["destination_concurrency"]) != 0 || len(hs["rate_delay"]) != 0 {
		t.Fatalf("hints %+v", hs)
	}
	n := 0
	for _, a := range fw[0].Steps {
		if strings.Contains(a.Text, "ping -M do") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the path test is said %d times: %+v", n, fw[0].Steps)
	}
}

// "Network is unreachable" is this host's own routing verdict: when every
// failed connection is one at an IPv6 address, the host has no IPv6 route,
// and the hint says so and turns delivery to IPv4 instead of blaming a
// port 25 filter. Timeouts at IPv4 addresses beside them still point at
// the port.
func TestIPv6UnreachableIsNoRoute(t *testing.T) {
	steps := func(h Hint) string {
		var s []string
		for _, a := range h.Steps {
			s = append(s, a.Text)
		}
		return strings.Join(append(s, h.Evidence...), "\n")
	}
	fw := hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to smtp.gmail.com[2001:db8:c08::6d]:587: Network is unreachable",
		"Nov 28 10:00:01 mx postfix/smtp[5]: 3F2A1C0D20: to=<a@example.org>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=4.4.1, status=deferred (connect to smtp.gmail.com[2001:db8:c08::6c]:587: Network is unreachable)",
	).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("IPv6 unreachable: %+v", fw)
	}
	if all := steps(fw[0]); strings.Contains(all, "port 25") || !strings.Contains(all, "inet_protocols") || !strings.Contains(fw[0].Title, "IPv6") {
		t.Errorf("IPv6 unreachable: %q: %q", fw[0].Title, all)
	}
	fw = hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to gmail-smtp-in.l.google.com[192.0.2.27]:25: Connection timed out",
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to gmail-smtp-in.l.google.com[2001:db8:c0e::1a]:25: Network is unreachable",
	).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(steps(fw[0]), "port 25") {
		t.Errorf("IPv4 timeouts beside IPv6 unreachable: %+v", fw)
	}
}

// Connections that time out at IPv6 addresses alone, while the same
// servers take the mail over IPv4, say the IPv4 path to port 25 works and
// the IPv6 one does not (a provider that filters SMTP over IPv6, a broken
// IPv6 route): the hint says so and prefers IPv4 instead of asking to
// open port 25. Timeouts at IPv4 addresses too still point at the port.
func TestIPv6TimeoutsWhileIPv4Delivers(t *testing.T) {
	text := func(h Hint) string {
		var s []string
		for _, a := range h.Steps {
			s = append(s, a.Text)
		}
		return strings.Join(append(s, h.Evidence...), "\n")
	}
	fw := hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[7]: connect to mx.example.com[2001:db8:a::25]:25: Connection timed out",
		"Nov 28 10:00:30 mx postfix/smtp[7]: 3F2A1C0E01: to=<a@example.com>, relay=mx.example.com[203.0.113.25]:25, delay=31, delays=0/0/30/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4ABC)",
		"Nov 28 10:01:00 mx postfix/smtp[8]: connect to mx.example.org[2001:db8:b::25]:25: Connection timed out",
		"Nov 28 10:01:30 mx postfix/smtp[8]: 3F2A1C0E02: to=<b@example.org>, relay=mx.example.org[198.51.100.25]:25, delay=31, delays=0/0/30/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5DEF)",
	).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("IPv6 timeouts, IPv4 deliveries: %+v", fw)
	}
	if all := text(fw[0]); strings.Contains(all, "port 25 is allowed") || !strings.Contains(all, "smtp_address_preference") || !strings.Contains(fw[0].Title, "IPv6") {
		t.Errorf("IPv6 timeouts, IPv4 deliveries: %q: %q", fw[0].Title, all)
	}
	// Without a delivery over IPv4 nothing shows the IPv4 path works.
	fw = hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[7]: connect to mx.example.com[2001:db8:a::25]:25: Connection timed out",
		"Nov 28 10:00:30 mx postfix/smtp[7]: connect to mx.example.com[203.0.113.25]:25: Connection timed out",
	).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(text(fw[0]), "port 25 is allowed") {
		t.Errorf("timeouts over both protocols: %+v", fw)
	}
}

// A paste that bolds the address ("[**2001:db8::6**]", Markdown) still
// names an IPv6 server: Postfix writes no emphasis marks in brackets.
func TestEmphasisedIPv6AddressIsStillIPv6(t *testing.T) {
	fw := hintIDs(feed(
		"(connect to mx2.example.net[**2001:db8:fe21:2a::6**]:25: Cannot assign requested address)",
	).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(fw[0].Title, "IPv6") {
		t.Fatalf("emphasised IPv6 address: %+v", fw)
	}
	for _, s := range fw[0].Steps {
		if strings.Contains(s.Text, "port 25 is allowed") {
			t.Errorf("emphasised IPv6 address blamed a port 25 filter: %q", s.Text)
		}
	}
}

// musl's C library (Alpine images) words ENETUNREACH and EHOSTUNREACH
// without "is": the same verdict as glibc's.
func TestMuslUnreachableIsNoRoute(t *testing.T) {
	fw := hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to mx.example.net[2001:db8:c00::1b]:25: Network unreachable",
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to mx2.example.net[2001:db8:c17::1a]:25: Host unreachable",
	).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(fw[0].Title, "IPv6") {
		t.Fatalf("musl's unreachable at IPv6 addresses: %+v", fw)
	}
}

// A connect to an IPv6 address that fails with "Cannot assign requested
// address" is the kernel finding no IPv6 source address on this host (a
// container without IPv6): the same verdict as no IPv6 route, and the
// same cure, delivering over IPv4.
func TestIPv6NoSourceAddressIsNoRoute(t *testing.T) {
	fw := hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[5]: connect to mx2.example.net[2001:db8:fe21:2a::6]:25: Cannot assign requested address",
		"Nov 28 10:00:01 mx postfix/smtp[5]: 3F2A1C0D21: to=<a@example.net>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=4.4.1, status=deferred (connect to mx2.example.net[2001:db8:fe21:2a::6]:25: Cannot assign requested address)",
	).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("IPv6 without a source address: %+v", fw)
	}
	var all []string
	for _, a := range fw[0].Steps {
		all = append(all, a.Text)
	}
	text := strings.Join(append(all, fw[0].Evidence...), "\n")
	if strings.Contains(text, "port 25 is allowed") || !strings.Contains(text, "smtp_address_preference") || !strings.Contains(text, "Cannot assign requested address") {
		t.Errorf("IPv6 without a source address: %q: %q", fw[0].Title, text)
	}
}

// A logged-in user refused a sender address is this site's own user or
// application, whose login the sender login map does not give that
// address: the advice is the map, not banning or rate limits, and the
// refusals are worth a warning.
func TestSenderLoginMismatchAdvisesTheLoginMap(t *testing.T) {
	line := knownLines["sender_login_mismatch"][0]
	var lines []string
	for range 5 {
		lines = append(lines, line)
	}
	found := false
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "inbound_limits" {
			t.Errorf("a logged-in user's refusal fed the inbound limits hint: %q", h.Actions)
		}
		if h.ID != sources.HintConfigError {
			continue
		}
		found = true
		all := strings.Join(h.Actions, "\n")
		if !strings.Contains(all, "smtpd_sender_login_maps") {
			t.Errorf("advice does not name smtpd_sender_login_maps: %q", h.Actions)
		}
		for _, bad := range []string{"fail2ban", "rate_limit", "mynetworks"} {
			if strings.Contains(all, bad) {
				t.Errorf("advice names %s: %q", bad, h.Actions)
			}
		}
		if h.Severity < SevWarning {
			t.Errorf("five refusals of a logged-in user gave a %s hint", h.Severity)
		}
	}
	if !found {
		t.Error("no config_error hint for a sender login mismatch")
	}
}

// A user's mail client refused relaying is served by logging in on the
// submission port; its home or mobile address, which changes hands, never
// belongs in mynetworks.
func TestRelayRefusalKeepsUsersOutOfMynetworks(t *testing.T) {
	h := hintOf(t, feed(knownLines["relay_access_denied"][0]), sources.HintConfigError)
	all := strings.Join(h.Actions, "\n")
	if !strings.Contains(all, "submission port") {
		t.Errorf("advice does not send users to the submission port: %q", h.Actions)
	}
	if !strings.Contains(all, "dynamic") {
		t.Errorf("advice does not keep a user's changing address out of mynetworks: %q", h.Actions)
	}
}

// A relay refusal whose every client is this host itself (loopback)
// means mynetworks, as set, leaves loopback out: Postfix's own default
// always holds it. A program that connects to localhost often arrives over
// the IPv6 loopback, which an IPv4-only list does not cover; the advice
// names [::1]/128 and never a wider list. A client elsewhere keeps the
// general advice.
func TestRelayRefusalOfLoopbackNamesTheIPv6Loopback(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtpd[58]: NOQUEUE: reject: RCPT from localhost[::1]: 454 4.7.1 <carol@example.com>: Relay access denied; from=<app@example.net> to=<carol@example.com> proto=SMTP helo=<app.example.net>"
	h := hintOf(t, feed(line), sources.HintConfigError)
	all := strings.Join(h.Actions, "\n")
	if !strings.Contains(all, "[::1]/128") || !strings.Contains(all, "this host itself") {
		t.Errorf("a refusal of this host's own loopback client does not name the loopback mynetworks lacks: %q", h.Actions)
	}
	if strings.Contains(all, "0.0.0.0/0 to") {
		t.Errorf("advice widens mynetworks: %q", h.Actions)
	}
	h = hintOf(t, feed(knownLines["relay_access_denied"][0]), sources.HintConfigError)
	if all := strings.Join(h.Actions, "\n"); strings.Contains(all, "[::1]/128") {
		t.Errorf("a client elsewhere is told about the loopback: %q", h.Actions)
	}
}

// A session whose every AUTH failed on a port that offers none is also
// this site's own mail client set to port 25: the advice sends it to the
// submission port, besides what it says of guessing.
func TestFailedAuthSessionNamesTheSubmissionPort(t *testing.T) {
	h := hintOf(t, feed(knownLines["auth_failed_session"][0]), "inbound_limits")
	if all := strings.Join(h.Actions, "\n"); !strings.Contains(all, "587") {
		t.Errorf("advice does not send a client of this site to the submission port: %q", h.Actions)
	}
}

// A receiver that refuses mail for failing sender authentication (SPF,
// DKIM, DMARC) gets the sending identity's hint, which names the SPF
// record and DKIM signing, and no advice to slow down: the verdict is on
// each message, not on the pace.
// Mail this host forwarded (its delivery's orig_to= in another domain
// than to=: an alias, .forward, virtual_alias_maps) is checked at the
// receiver against the original sender's SPF, which this host cannot
// change: the advice leads with SRS for it. Mail to a recipient this
// host did not rewrite keeps the plain advice.
func TestForwardedSenderAuthRefusalLeadsWithSRS(t *testing.T) {
	fwd := "Nov 28 10:00:01 mx postfix/smtp[31]: 4B3C2D1E0F: to=<ann.b@gmail.com>, orig_to=<info@example.org>, relay=gmail-smtp-in.l.google.com[192.0.2.27]:25, delay=1.2, delays=0/0/0.5/0.7, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.26 This mail has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM. 550-5.7.26 DKIM = did not pass 550-5.7.26 SPF [sender.example] with ip: [192.0.2.10] = did not pass (in reply to end of DATA command))"
	same := "Nov 28 10:00:01 mx postfix/smtp[32]: 4B3C2D1E10: to=<ann.b@gmail.com>, orig_to=<Ann.B@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.27]:25, delay=1.2, delays=0/0/0.5/0.7, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.26 This mail has been blocked because the sender is unauthenticated. (in reply to end of DATA command))"
	for _, c := range []struct {
		line string
		srs  bool
	}{{fwd, true}, {same, false}} {
		h := hintOf(t, feed(c.line), "reverse_dns")
		if len(h.Steps) == 0 {
			t.Fatalf("%q: no steps", c.line)
		}
		first := h.Steps[0].Text
		if got := strings.Contains(first, "SRS") && strings.Contains(first, "forward"); got != c.srs {
			t.Errorf("%q: first step leads with SRS %v, want %v: %q", c.line, got, c.srs, first)
		}
	}
}

func TestSenderAuthRefusalIsIdentity(t *testing.T) {
	for _, c := range []struct {
		line string
		v6   bool
	}{
		{"Nov 28 10:00:00 mx postfix/smtp[252]: 3F2A1C0A62: to=<ann@example.net>, relay=mx.example.net[2001:db8::1b]:25, delay=0.8, delays=0.1/0/0.2/0.5, dsn=5.7.26, status=bounced (host mx.example.net[2001:db8::1b] said: 550-5.7.26 Your email has been blocked because the sender is unauthenticated. 550-5.7.26 DKIM = did not pass 550-5.7.26 SPF [mail.example.org] with ip: [2001:db8:2::3] = did not pass (in reply to end of DATA command))", true},
		{"Nov 28 10:00:00 mx postfix/smtp[253]: 3F2A1C0A63: to=<ann@example.net>, relay=mx.example.net[192.0.2.27]:25, delay=0.8, delays=0.1/0/0.2/0.5, dsn=5.7.1, status=bounced (host mx.example.net[192.0.2.27] said: 550-5.7.1 Unauthenticated email from example.org is not accepted due to domain's 550-5.7.1 DMARC policy. (in reply to end of DATA command))", false},
	} {
		hs := hintIDs(feed(c.line).Hints(true))
		rd := hs["reverse_dns"]
		if len(rd) != 1 || len(hs["rate_delay"])+len(hs["destination_concurrency"])+len(hs[sources.HintBlocklist]) != 0 {
			t.Errorf("%q: hints %+v", c.line, hs)
			continue
		}
		var acts []string
		for _, a := range rd[0].Steps {
			acts = append(acts, a.Text)
		}
		all := strings.Join(acts, "\n")
		if !strings.Contains(all, "SPF") || !strings.Contains(all, "DKIM") || strings.Contains(all, "PTR") {
			t.Errorf("%q: steps %q", c.line, all)
		}
		if got := strings.Contains(all, "IPv6"); got != c.v6 {
			t.Errorf("%q: IPv6 advice %v, want %v: %q", c.line, got, c.v6, all)
		}
	}
	// Our own smtpd refusing a client for DMARC is inbound: no outbound
	// identity hint.
	in := "Nov 28 10:00:00 mx postfix/cleanup[254]: 3F2A1C0A64: milter-reject: END-OF-MESSAGE from mail.example.com[192.0.2.28]: 5.7.1 rejected by DMARC policy for example.com; from=<a@example.com> to=<b@example.net> proto=ESMTP helo=<mail.example.com>"
	for _, h := range feed(in).Hints(true) {
		if h.ID == "reverse_dns" && h.Side == "outbound" {
			t.Errorf("an inbound DMARC reject gave %+v", h)
		}
	}
}

// qmgr stops on a queue file whose records it cannot follow, and stops
// again each time the master starts it and it opens the same file: the
// advice takes that file out of the queue manager's way and looks for what
// damaged it, before any restart.
func TestUnreadableQueueFileAdvice(t *testing.T) {
	for _, id := range []string{"queue_file_bad_offset", "queue_file_out_of_order"} {
		e := feed(knownLines[id][0],
			"Nov 28 10:00:01 mx postfix/master[1]: warning: process /usr/lib/postfix/sbin/qmgr pid 127 exit status 1",
			"Nov 28 10:00:01 mx postfix/master[1]: warning: /usr/lib/postfix/sbin/qmgr: bad command startup -- throttling")
		hs := e.Hints(true)
		if len(hs) == 0 || hs[0].ID != sources.HintDaemonCrash || hs[0].Subject != id || hs[0].Severity != SevCritical {
			t.Fatalf("%s: want a critical daemon_crash hint led by %s first, got %+v", id, id, hs)
		}
		acts := strings.Join(hs[0].Actions, " | ")
		for _, want := range []string{"postsuper -h", "postcat -q", "postsuper -r", "dmesg"} {
			if !strings.Contains(acts, want) {
				t.Errorf("%s: advice lacks %q: %s", id, want, acts)
			}
		}
	}
}

// A queue file that ends before its records do (record.c's warning, from
// any daemon that reads it) is met as the other damaged queue files are:
// hold and read it, then look for what cut it short.
func TestTruncatedQueueFileAdvice(t *testing.T) {
	hs := feed(knownLines["queue_file_truncated"][0]).Hints(true)
	if len(hs) == 0 || hs[0].ID != sources.HintDaemonCrash || hs[0].Subject != "queue_file_truncated" {
		t.Fatalf("want a daemon_crash hint led by queue_file_truncated, got %+v", hs)
	}
	acts := strings.Join(hs[0].Actions, " | ")
	for _, want := range []string{"postsuper -h", "postcat -q", "df -h", "dmesg"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q: %s", want, acts)
		}
	}
}

// A maildir that local(8) or virtual(8) may not write (EPERM) is the mail
// tree's owner or attributes against the user the agent delivers as; a
// mailbox over its filesystem quota (EDQUOT, 5.2.2) is the recipient's
// quota, not a Postfix size limit, and raising one changes nothing.
func TestMaildirDeliveryFailures(t *testing.T) {
	for _, line := range knownLines["maildir_not_permitted"] {
		cfg := hintIDs(feed(line).Hints(true))[sources.HintConfigError]
		if len(cfg) != 1 || cfg[0].Subject != "maildir_not_permitted" {
			t.Fatalf("want one config_error hint for %q, got %+v", line, cfg)
		}
		acts := strings.Join(cfg[0].Actions, " | ")
		for _, want := range []string{"virtual_uid_maps", "chown", "lsattr"} {
			if !strings.Contains(acts, want) {
				t.Errorf("EPERM advice lacks %q: %s", want, acts)
			}
		}
	}
	for _, line := range slices.Concat(knownLines["maildir_over_quota"], knownLines["mailbox_over_quota"]) {
		hs := feed(line).Hints(true)
		mb := hintIDs(hs)[sources.HintMailbox]
		if len(mb) != 1 || hs[0].ID != sources.HintMailbox {
			t.Fatalf("want the mailbox_delivery hint first for %q, got %+v", line, hs)
		}
		acts := strings.Join(mb[0].Actions, " | ")
		if !strings.Contains(acts, "quota") || !strings.Contains(acts, "repquota") {
			t.Errorf("quota advice does not name the filesystem quota: %s", acts)
		}
		for _, h := range hs {
			for _, a := range h.Actions {
				if strings.Contains(a, "postconf -e") || strings.Contains(a, "raise mailbox_size_limit") || strings.Contains(a, "raise message_size_limit") {
					t.Errorf("quota line %q gives a Postfix limit change: %s", line, a)
				}
			}
		}
	}
}

// Postfix 3.11 and later may be built without Berkeley DB: every hash:
// table is then "unavailable. unsupported dictionary type: hash", and
// each lookup in it fails (the table's lookup error, trivial-rewrite's
// lookup failure, smtpd's 451 Temporary lookup failure). Those failures
// are the missing type's: the upgrade hint, whose advice moves the tables
// to lmdb:, ranks before the lookup failures however many there are.
func TestUnsupportedTypeRanksBeforeItsLookupFailures(t *testing.T) {
	lines := []string{"Nov 28 10:00:00 mx postfix/master[1]: daemon started -- version 3.11.1, configuration /etc/postfix"}
	for i := 0; i < 2; i++ {
		lines = append(lines,
			fmt.Sprintf("Nov 28 10:0%d:01 mx postfix/smtpd[%d]: warning: hash:/etc/postfix/virtual is unavailable. unsupported dictionary type: hash", i, 200+i),
			fmt.Sprintf("Nov 28 10:0%d:02 mx postfix/trivial-rewrite[%d]: warning: hash:/etc/postfix/transport is unavailable. unsupported dictionary type: hash", i, 300+i))
		for j := 0; j < 10; j++ {
			lines = append(lines,
				fmt.Sprintf("Nov 28 10:0%d:%02d mx postfix/smtpd[%d]: warning: hash:/etc/postfix/virtual lookup error for \"user%d@example.org\"", i, 10+j, 200+i, j),
				fmt.Sprintf("Nov 28 10:0%d:%02d mx postfix/trivial-rewrite[%d]: warning: transport_maps lookup failure", i, 10+j, 300+i),
				fmt.Sprintf("Nov 28 10:0%d:%02d mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 451 4.3.0 <user%d@example.org>: Temporary lookup failure; from=<a@example.net> to=<user%d@example.org> proto=ESMTP helo=<mail.example.net>", i, 10+j, 200+i, j, j))
		}
	}
	hs := feed(lines...).Hints(true)
	ids := hintIDs(hs)
	if len(ids[sources.HintLookupFailure]) == 0 {
		t.Fatalf("the lookup failures give no hint of their own: %v", ids)
	}
	if hs[0].ID != "upgrade_change" {
		t.Fatalf("want the upgrade hint first, got %s first (%v)", hs[0].ID, hs)
	}
	if acts := strings.Join(hs[0].Actions, " | "); !strings.Contains(acts, "lmdb") || !strings.Contains(acts, "default_database_type") {
		t.Errorf("the upgrade hint does not move the tables to lmdb: %s", acts)
	}
	// A lookup failure of its own (a database down) keeps its rank
	// beside an upgrade that dropped nothing.
	hs = feed(slices.Concat(lines[:1], []string{
		"Nov 28 10:05:00 mx postfix/smtpd[9]: warning: mysql:/etc/postfix/mysql-virtual.cf lookup error for \"a@example.org\"",
		"Nov 28 10:05:01 mx postfix/smtpd[9]: warning: mysql:/etc/postfix/mysql-virtual.cf lookup error for \"b@example.org\"",
	})...).Hints(true)
	if len(hs) == 0 || hs[0].ID != sources.HintLookupFailure {
		t.Errorf("without a missing table type the lookup failure should lead: %v", hintIDs(hs))
	}
}

// The missing table type lifts its hint over the lookup failures of that
// type's tables only: a hash: type the build lacks says nothing of a mysql:
// table whose server is down, and the database's failures keep their rank.
func TestUnsupportedTypeLiftsOnlyItsOwnTypesFailures(t *testing.T) {
	lines := []string{
		"Nov 28 10:00:00 mx postfix/master[1]: daemon started -- version 3.11.1, configuration /etc/postfix",
		"Nov 28 10:00:01 mx postfix/smtpd[200]: warning: hash:/etc/postfix/client_access is unavailable. unsupported dictionary type: hash",
	}
	for j := 0; j < 30; j++ {
		lines = append(lines, fmt.Sprintf("Nov 28 10:01:%02d mx postfix/smtpd[201]: warning: mysql:/etc/postfix/mysql-virtual.cf lookup error for \"user%d@example.org\"", j, j))
	}
	hs := feed(lines...).Hints(true)
	if len(hs) == 0 || hs[0].ID != sources.HintLookupFailure {
		t.Fatalf("a mysql: table's failures should lead beside a missing hash: type: %v", hintIDs(hs))
	}
	// The same failures in a hash: table are the missing type's.
	for i, l := range lines[2:] {
		lines[2+i] = strings.Replace(l, "mysql:/etc/postfix/mysql-virtual.cf", "hash:/etc/postfix/virtual", 1)
	}
	if hs = feed(lines...).Hints(true); len(hs) == 0 || hs[0].ID != "upgrade_change" {
		t.Fatalf("a hash: table's failures should follow the missing hash: type: %v", hintIDs(hs))
	}
}

// Deliveries that fail on this host's configuration are no fatal error of
// a service: the hint does not warn of one, and says that the bounced mail
// is not retried while deferred mail is.
func TestDestConfigCautions(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtp[240]: 3F2A1C0A50: to=<ann@example.org>, relay=relay.example.net[192.0.2.7]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.0, status=bounced (host relay.example.net[192.0.2.7] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command))"
	var found *Hint
	for _, h := range feed(line).Hints(true) {
		if h.ID == sources.HintConfigError && h.Side == "outbound" {
			found = &h
		}
	}
	if found == nil {
		t.Fatal("no outbound config_error hint")
	}
	all := strings.Join(found.Cautions, "\n")
	if strings.Contains(all, "fatal configuration error") || !strings.Contains(all, "not retried") || !strings.Contains(all, "postqueue -f") {
		t.Errorf("cautions:\n%s", all)
	}
}

// Configuration failures of several destinations at one next hop (the
// relayhost) name that hop: it refuses, not the recipients' domains.
func TestDestConfigNamesTheRelay(t *testing.T) {
	line := func(id, rcpt string) string {
		return "Nov 28 10:00:00 mx postfix/smtp[240]: " + id + ": to=<" + rcpt + ">, relay=relay.example.net[192.0.2.7]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.0, status=bounced (host relay.example.net[192.0.2.7] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command))"
	}
	hintOf := func(e *Engine) *Hint {
		for _, h := range e.Hints(true) {
			if h.ID == sources.HintConfigError && h.Side == "outbound" {
				return &h
			}
		}
		return nil
	}
	h := hintOf(feed(line("3F2A1C0A50", "ann@example.org"), line("3F2A1C0A51", "bob@example.com")))
	if h == nil || !strings.Contains(strings.Join(h.Evidence, " "), "relay.example.net") {
		t.Fatalf("one relay: %+v", h)
	}
	other := "Nov 28 10:00:01 mx postfix/smtp[241]: 3F2A1C0A52: to=<cy@example.net>, relay=mx.example.net[192.0.2.9]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.4.6, status=bounced (mail for example.net loops back to myself)"
	h = hintOf(feed(line("3F2A1C0A50", "ann@example.org"), other))
	if h == nil || strings.Contains(strings.Join(h.Evidence, " "), "through") {
		t.Fatalf("two next hops: %+v", h)
	}
}

// smtpd's "non-SMTP command from CLIENT: TEXT" (an HTTP request, a TLS
// hello on a plain port) is inbound noise, read in Postfix's words up to
// the client: scattered clients stay info, whatever the client typed; one
// client that sends many is a warning that names it.
func TestSmtpdNonSMTPCommandIsInboundNoise(t *testing.T) {
	hostile := "Nov 28 10:00:00 mx postfix/smtpd[5]: warning: non-SMTP command from unknown[198.51.100.7]: Error: open resolver 127.255.255.254; fatal: No space left on device"
	var scattered []string
	for i := range 300 {
		scattered = append(scattered, fmt.Sprintf("Nov 28 %02d:%02d:00 mx postfix/smtpd[%d]: warning: non-SMTP command from unknown[198.51.%d.%d]: GET / HTTP/1.1", 8+i/60, i%60, 3000+i%7, 100+i/250, 1+i%250))
	}
	for _, lines := range [][]string{{hostile}, {"warning: non-SMTP command from unknown[198.51.100.7]: CONNECT 192.0.2.1:443 HTTP/1.0"}, scattered} {
		found := false
		for _, h := range feed(lines...).Hints(true) {
			if h.Severity > SevInfo || h.ID != "inbound_limits" {
				t.Errorf("%d× %.70q gave %s %s: %s", len(lines), lines[0], h.Severity, h.ID, h.Title)
			}
			found = found || h.ID == "inbound_limits" && h.Side == "inbound" && h.Subject == "smtpd_non_smtp_command"
		}
		if !found {
			t.Errorf("%d× %.70q gave no inbound hint of smtpd_non_smtp_command", len(lines), lines[0])
		}
	}
	var one []string
	for i := range 30 {
		one = append(one, fmt.Sprintf("Nov 28 10:%02d:00 mx postfix/smtpd[%d]: warning: non-SMTP command from unknown[203.0.113.9]: GET /wp-login.php HTTP/1.1", i, 3000+i))
	}
	warned := false
	for _, h := range feed(one...).Hints(true) {
		warned = warned || h.ID == "inbound_limits" && h.Severity == SevWarning && strings.Contains(strings.Join(h.Evidence, " "), "203.0.113.9")
	}
	if !warned {
		t.Errorf("one client's 30 non-SMTP commands are no warning naming it: %+v", feed(one...).Hints(true))
	}
}

// postscreen's "DNSBL rank N for [addr]:port" is the blocklist's evidence
// and its "HANGUP after T from [addr]:port in TEST" inbound bot noise: both
// stay info at any volume from scattered clients.
func TestPostscreenRankAndHangupFeedTheirHints(t *testing.T) {
	for _, c := range []struct{ format, hint, entry string }{
		{"Nov 28 %02d:%02d:00 mx postfix/postscreen[%d]: DNSBL rank 3 for [198.51.%d.%d]:41900", sources.HintBlocklist, "postscreen_dnsbl_rank"},
		{"Nov 28 %02d:%02d:00 mx postfix/postscreen[%d]: HANGUP after 0.8 from [198.51.%d.%d]:41900 in tests before SMTP handshake", "inbound_limits", "postscreen_hangup"},
	} {
		for _, n := range []int{1, 300} {
			var lines []string
			for i := range n {
				lines = append(lines, fmt.Sprintf(c.format, 8+i/60, i%60, 3000+i%7, 100+i/250, 1+i%250))
			}
			found := false
			for _, h := range feed(lines...).Hints(true) {
				if h.Severity > SevInfo {
					t.Errorf("%d× %s gave %s %s: %s", n, c.entry, h.Severity, h.ID, h.Title)
				}
				found = found || h.ID == c.hint && h.Side == "inbound" && strings.Contains(strings.Join(h.Evidence, " "), c.entry)
			}
			if !found {
				t.Errorf("%d× %s gave no inbound %s hint: %+v", n, c.entry, c.hint, feed(lines...).Hints(true))
			}
		}
	}
}

// A warning pasted without its program tag is labelled with the one
// program whose source writes it (smtpd_peer.c alone warns of a PROXY
// setting behind postscreen), on that program's side, as the tagged line
// is; a message several programs write stays the host's.
func TestBareWarningNamesItsOnlyProgram(t *testing.T) {
	configHint := func(line string) *Hint {
		for _, h := range feed(line).Hints(true) {
			if h.ID == sources.HintConfigError {
				return &h
			}
		}
		return nil
	}
	for _, line := range []string{
		"warning: ignoring non-empty smtpd_upstream_proxy_protocol setting behind postscreen",
		"Nov 28 10:00:00 mx postfix/smtpd[86]: warning: ignoring non-empty smtpd_upstream_proxy_protocol setting behind postscreen",
	} {
		h := configHint(line)
		if h == nil || h.Side != "inbound" || !strings.HasPrefix(h.Title, "Inbound:") || !strings.Contains(strings.Join(h.Evidence, " "), "(smtpd, 1×") {
			t.Errorf("%q: %+v", line, h)
		}
	}
	h := configHint("warning: haproxy read: EOF") // haproxy_srvr.c: smtpd's and postscreen's
	if h == nil || h.Side != "host" {
		t.Errorf("a message of many programs: %+v", h)
	}
}

// A message quoted without its "warning: " label and without its tag, as a
// post quotes the error it found, is still the one program's warning that
// writes it (the Cyrus SASL glue of smtpd logs "SASL authentication
// failure: ..."): a configuration error on the inbound side. Prose that
// only mentions the words is not.
func TestUnlabelledMessageOfOneProgram(t *testing.T) {
	line := "SASL authentication failure: cannot connect to saslauthd server: No such file or directory"
	var found *Hint
	for _, h := range feed(line).Hints(true) {
		if h.ID == sources.HintConfigError {
			found = &h
		}
	}
	if found == nil || found.Side != "inbound" {
		t.Fatalf("%q: %+v", line, found)
	}
	// smtpd's session end at smtpd_hard_error_limit, quoted without its
	// client: an inbound limit, as the whole line is.
	limit := false
	for _, h := range feed("too many errors after RSET").Hints(true) {
		limit = limit || h.ID == "inbound_limits"
	}
	if !limit {
		t.Errorf("smtpd's error limit quoted alone gave no inbound_limits hint")
	}
	for _, h := range feed("We could not log in, it said cannot connect to saslauthd server here").Hints(true) {
		if h.ID == sources.HintConfigError {
			t.Errorf("prose read as %s: %s", h.ID, h.Title)
		}
	}
}

// postscreen quotes what a client sent before its turn: those words are
// the client's, and must not read as this host's own trouble.
func TestPostscreenQuotedClientTextIsNotMatched(t *testing.T) {
	line := `Nov 28 10:00:00 mx postfix/postscreen[89]: PREGREET 60 after 0.1 from [198.51.100.40]:50000: blocked using zen.spamhaus.org; Error: open resolver\r\n`
	var r sources.Record
	newParser().Parse(line, &r)
	if r.Known == 0 || sources.KnownMessages[r.Known-1].ID != "postscreen_pregreet" {
		t.Fatalf("PREGREET line matched %v, want postscreen_pregreet", r.Known)
	}
	for _, h := range feed(line).Hints(true) {
		if h.ID == sources.HintBlocklist || h.Severity > SevInfo {
			t.Errorf("client text gave %s %s: %s", h.Severity, h.ID, h.Title)
		}
	}
}

// A reverse-name rejection of a private address is no sender's DNS: the
// hint must not send the admin to relax DNS checks or widen mynetworks.
func TestReverseHostnamePrivateClientAdvice(t *testing.T) {
	e := feed(knownLines["reverse_hostname_private_client"]...)
	var got *Hint
	for _, h := range e.Hints(true) {
		if h.ID == "reverse_dns" {
			t.Errorf("private client gave reverse_dns hint %q", h.Title)
		}
		if h.ID == sources.HintConfigError {
			got = &h
		}
	}
	if got == nil {
		t.Fatal("no config_error hint for a private client refused by its reverse name")
	}
	if got.Severity < SevWarning {
		t.Errorf("hint only %s", got.Severity)
	}
	e = feed(knownLines["unknown_client_hostname"]...)
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError {
			t.Errorf("public client gave config_error %q", h.Title)
		}
	}
}

// Postfix words a failed PTR lookup of this host's resolver as it words a
// sender without reverse DNS: the advice must say how to tell them apart.
func TestUnknownClientHostnameNamesOurResolver(t *testing.T) {
	for _, h := range feed(knownLines["unknown_client_hostname"]...).Hints(true) {
		if h.ID != "reverse_dns" {
			continue
		}
		if !strings.Contains(strings.Join(h.Actions, " "), "dig -x") {
			t.Errorf("reverse_dns advice does not say how to test this host's resolver: %q", h.Actions)
		}
		return
	}
	t.Fatal("no reverse_dns hint")
}

// A maildrop that cannot be written because the filesystem is read-only
// (a service sandbox, a read-only mount) is not fixed by resetting
// Postfix's permissions: the advice says where the read-only view comes
// from; a sendmail submission without recipients is the submitting
// program's call, and postdrop's malformed input follows from it.
func TestLocalSubmissionAdviceFitsTheCause(t *testing.T) {
	hint := func(line, subject string) Hint {
		t.Helper()
		for _, h := range feed(line).Hints(true) {
			if h.Subject == subject {
				return h
			}
		}
		t.Fatalf("no %s hint from %q", subject, line)
		return Hint{}
	}
	ro := hint("postdrop: warning: mail_queue_enter: create file maildrop/615227.93: Read-only file system", "maildrop_read_only")
	text := strings.Join(ro.Actions, "\n")
	if strings.Contains(text, "set-permissions") || !strings.Contains(text, "ReadWritePaths") {
		t.Errorf("read-only maildrop advice: %q", text)
	}
	pd := hint("postdrop: warning: mail_queue_enter: create file maildrop/1.2: Permission denied", "maildrop_permissions")
	if text := strings.Join(append(pd.Evidence, pd.Actions...), "\n"); !strings.Contains(text, "NoNewPrivileges") || !strings.Contains(text, "allowPrivilegeEscalation") {
		t.Errorf("maildrop permission advice leaves out no_new_privs: %q", text)
	}
	e := feed("sendmail: fatal: Recipient addresses must be specified on the command line or via the -t option", "postdrop: fatal: uid=107: malformed input")
	for _, h := range e.Hints(true) {
		if h.ID != sources.HintConfigError {
			t.Errorf("a submission without recipients gave %s (%s)", h.ID, h.Subject)
		}
	}
}

// A relay's daily sending cap is no configuration mistake: when it is all
// the failures show, the hint's title says what it is.
func TestSendingQuotaHasItsOwnTitle(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtp[240]: 3F2A1C0A50: to=<ann@example.org>, relay=smtp.example.net[192.0.2.7]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=5.4.5, status=bounced (host smtp.example.net[192.0.2.7] said: 550 5.4.5 Daily user sending quota exceeded. 4fb4d7f45d1cf - gsmtp (in reply to MAIL FROM command))"
	login := "Nov 28 10:00:01 mx postfix/smtp[241]: 3F2A1C0A51: to=<bob@example.org>, relay=smtp.example.net[192.0.2.7]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.0, status=bounced (host smtp.example.net[192.0.2.7] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command))"
	title := func(e *Engine) string {
		for _, h := range e.Hints(true) {
			if h.ID == sources.HintConfigError && h.Side == "outbound" {
				return h.Title
			}
		}
		return ""
	}
	if got := title(feed(line)); !strings.Contains(got, "sending limit") || strings.Contains(got, "configuration") {
		t.Errorf("quota alone: title %q", got)
	}
	if got := title(feed(line, login)); !strings.Contains(got, "configuration") {
		t.Errorf("quota and a login refusal: title %q", got)
	}
}

// A relay that suspended this host's account for spam is no
// configuration mistake either: alone, the hint's title says so.
func TestRelaySuspensionHasItsOwnTitle(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtp[240]: 3F2A1C0A50: to=<ann@example.org>, relay=relay.example.net[192.0.2.7]:587, delay=1, delays=0.1/0/0.5/0.4, dsn=5.2.0, status=bounced (host relay.example.net[192.0.2.7] said: 554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception (in reply to end of DATA command))"
	for _, h := range feed(line).Hints(true) {
		if h.ID == sources.HintConfigError && h.Side == "outbound" {
			if !strings.Contains(h.Title, "suspended") || strings.Contains(h.Title, "configuration") {
				t.Errorf("title %q", h.Title)
			}
			return
		}
	}
	t.Errorf("no outbound config_error hint from %q", line)
}

// postdrop finding no pickup service is Postfix not running; on a host
// moved from another MTA, that one may still hold port 25 or own the
// sendmail command, and the advice names it.
func TestPostfixNotRunningNamesAnotherMTA(t *testing.T) {
	hs := feed(knownLines["postfix_not_running"]...).Hints(true)
	if len(hs) == 0 || hs[0].Subject != "postfix_not_running" {
		t.Fatalf("hints: %+v", hs)
	}
	acts := strings.Join(hs[0].Actions, " | ")
	for _, want := range []string{"postfix start", "exim", "alternatives"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q: %s", want, acts)
		}
	}
}

// Dovecot's own lines feed the hint of their entry, named as Dovecot's,
// and count as no Postfix line: a Dovecot process's fatal is no Postfix
// crash, and a Dovecot error no entry knows feeds nothing.
func TestDovecotLinesFeedTheirHintOnly(t *testing.T) {
	e := feed(knownLines["dovecot_lmtp_vsz_limit"][0],
		"Nov 28 10:00:01 mx dovecot: lmtp(ann@example.org)<4243><kJ1nAR>: Fatal: something Dovecot says that no entry knows")
	if e.Postfix != 0 {
		t.Errorf("%d Postfix lines counted from Dovecot's", e.Postfix)
	}
	var ids []string
	for _, h := range e.Hints(true) {
		ids = append(ids, h.ID)
		if h.ID != sources.HintMailbox {
			continue
		}
		ev := strings.Join(h.Evidence, " ")
		if !strings.Contains(ev, "dovecot_lmtp_vsz_limit (dovecot, 1×") {
			t.Errorf("evidence does not name Dovecot: %q", ev)
		}
		if h.Severity != SevWarning {
			t.Errorf("a Dovecot process's fatal gave a %s hint", h.Severity)
		}
	}
	if !slices.Equal(ids, []string{sources.HintMailbox}) {
		t.Errorf("hints %v, want only %s", ids, sources.HintMailbox)
	}
}

// A TLS policy the smtp client cannot use is a configuration error named
// by the warning that says why, ranked before the "TLS policy lookup"
// line that follows it; a DANE reason in that line keeps its DANE advice
// rather than a table's.
func TestTLSPolicyAdviceNamesTheCause(t *testing.T) {
	hs := feed(
		`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "example.org": invalid attribute name: "servername"`,
		`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup for example.org/mx.example.org: client TLS configuration problem`,
	).Hints(true)
	if len(hs) == 0 || hs[0].ID != sources.HintConfigError || hs[0].Subject != "tls_policy_unknown_attribute" {
		t.Fatalf("first hint is not the unknown attribute's config_error: %+v", hs)
	}
	all := strings.Join(hs[0].Actions, "\n")
	for _, w := range []string{"mail_version", "upgrade Postfix", "postmap -q"} {
		if !strings.Contains(all, w) {
			t.Errorf("advice lacks %q:\n%s", w, all)
		}
	}
	for _, h := range hs {
		if h.ID == sources.HintLookupFailure {
			t.Errorf("a policy that was read is no lookup failure: %+v", h)
		}
	}

	hs = feed(`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup for example.org/mx.example.org: non DNSSEC destination`).Hints(true)
	if len(hs) == 0 || hs[0].ID != "tls" {
		t.Fatalf("non DNSSEC destination: first hint %+v, want tls", hs)
	}
}

// Outbound TLS sessions that are all Untrusted, none Trusted or Verified,
// say the smtp client checks no certificate against a CA: an info hint
// names the CA bundle it reads before its chroot. One Trusted session
// shows a working bundle, and the hint stays away.
func TestUntrustedOnlySessionsNameTheCABundle(t *testing.T) {
	untrusted := []string{
		"Nov 28 10:00:00 mx postfix/smtp[7]: Untrusted TLS connection established to mx1.example.org[192.0.2.10]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
		"Nov 28 10:01:00 mx postfix/smtp[8]: Untrusted TLS connection established to mx2.example.net[192.0.2.11]:25: TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)",
	}
	var found *Hint
	for _, h := range feed(untrusted...).Hints(true) {
		if h.ID == "tls" && h.Subject == "certificate checks" {
			found = &h
		}
	}
	if found == nil {
		t.Fatal("no tls hint for outbound sessions that are all Untrusted")
	}
	if found.Severity != SevInfo || found.Side != "outbound" {
		t.Errorf("hint is %s on side %s, want info outbound", found.Severity, found.Side)
	}
	all := strings.Join(found.Actions, "\n")
	for _, w := range []string{"smtp_tls_CAfile", "chroot", "postconf smtp_tls_CAfile smtp_tls_CApath"} {
		if !strings.Contains(all, w) {
			t.Errorf("advice lacks %q:\n%s", w, all)
		}
	}
	for _, trusted := range []string{
		"Nov 28 10:02:00 mx postfix/smtp[9]: Trusted TLS connection established to mx3.example.com[192.0.2.12]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
		"Nov 28 10:02:00 mx postfix/smtp[9]: Verified TLS connection established to mx4.example.com[192.0.2.13]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
	} {
		for _, h := range feed(append(untrusted, trusted)...).Hints(true) {
			if h.ID == "tls" && h.Subject == "certificate checks" {
				t.Errorf("hint despite %q", trusted)
			}
		}
	}
	// A certificate that did not verify has its own hint, which names
	// the CA bundle: no second one.
	failed := "Nov 28 10:00:00 mx postfix/smtp[7]: certificate verification failed for mx1.example.org[192.0.2.10]:25: untrusted issuer /O=Example CA/CN=Example Root"
	for _, h := range feed(append(untrusted, failed)...).Hints(true) {
		if h.ID == "tls" && h.Subject == "certificate checks" {
			t.Errorf("second hint beside the verification failure's: %+v", h)
		}
	}
	// Inbound sessions are smtpd's, with the client's certificate.
	for _, h := range feed("Nov 28 10:00:00 mx postfix/smtpd[7]: Untrusted TLS connection established from c.example.org[192.0.2.20]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)").Hints(true) {
		if h.ID == "tls" {
			t.Errorf("an inbound session gave %+v", h)
		}
	}
}

// A session line pasted without its header and tag is still the client's
// when it says "established to": smtpd's say "from". Cut after the
// server's name it has no address, and it counts all the same; pasted
// inbound lines give nothing.
func TestUntrustedSessionPastedWithoutTag(t *testing.T) {
	caHint := func(lines ...string) bool {
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == "tls" && h.Subject == "certificate checks" {
				return true
			}
		}
		return false
	}
	for _, line := range []string{
		"Untrusted TLS connection established to mx1.example.org[192.0.2.10]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
		"Untrusted TLS connection established to mx1.example.org",
		"`Untrusted TLS connection established to mx1.example.org`",
	} {
		if !caHint(line) {
			t.Errorf("no CA bundle hint for %q", line)
		}
	}
	for _, line := range []string{
		"Untrusted TLS connection established from c.example.org[192.0.2.20]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
		"Untrusted TLS connection established from c.example.org",
	} {
		if caHint(line) {
			t.Errorf("CA bundle hint for the inbound %q", line)
		}
	}
	// A Trusted session pasted the same way shows a working bundle.
	if caHint("Untrusted TLS connection established to mx1.example.org", "Trusted TLS connection established to mx2.example.net") {
		t.Error("CA bundle hint beside a pasted Trusted session")
	}
}

// "Trusted TLS connection established" names a chain that verified and
// a name that did not match: when the same server's mail then waits with
// "Server certificate not verified", the advice is the name the policy
// matches, not the CA bundle.
func TestTrustedChainThatFailsIsANameMatch(t *testing.T) {
	fail := deliv(3, "bank.example", "deferred", "Server certificate not verified")
	trusted := stamp(3) + " mx postfix/smtp[1003]: Trusted TLS connection established to mx.bank.example[192.0.2.4]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)"
	advice := func(lines ...string) string {
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == "tls" && h.Subject == "bank.example" {
				return strings.Join(h.Actions, "\n")
			}
		}
		t.Fatalf("no tls hint for bank.example from %q", lines)
		return ""
	}
	all := advice(trusted, fail)
	for _, w := range []string{"match=", "smtp_tls_secure_cert_match", "mx.bank.example"} {
		if !strings.Contains(all, w) {
			t.Errorf("name-match advice lacks %q:\n%s", w, all)
		}
	}
	if strings.Contains(all, "trust its issuer") {
		t.Errorf("a trusted chain is sent to the CA bundle:\n%s", all)
	}
	if all := advice(fail); !strings.Contains(all, "trust its issuer") {
		t.Errorf("without a Trusted session the issuer comes first:\n%s", all)
	}
}

// A certificate that did not verify, even in a reason pasted without its
// destination, names the fingerprint level's cause too: a pinned server
// that renewed its certificate fails exactly so.
func TestUnverifiedCertificateNamesThePinnedFingerprint(t *testing.T) {
	for _, lines := range [][]string{
		{"(delivery temporarily suspended: Server certificate not verified)"},
		{deliv(3, "bank.example", "deferred", "Server certificate not verified")},
	} {
		found := false
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == "tls" {
				found = strings.Contains(strings.Join(h.Actions, "\n"), "fingerprint")
			}
		}
		if !found {
			t.Errorf("no tls advice names the fingerprint level for %q", lines)
		}
	}
}

// Deferrals whose MX lookup was for a name of one label (a relayhost
// written without brackets) get the configuration advice that says so,
// and no advice about the resolver; a real domain's failure keeps it.
func TestOneLabelMXLookupAdvice(t *testing.T) {
	line := func(id, name string) string {
		return "Nov 28 10:00:00 mx postfix/smtp[250]: " + id + ": to=<ann@example.org>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=" + name + " type=MX: Host not found, try again)"
	}
	e := feed(line("3F2A1C0A60", "relay"), line("3F2A1C0A61", "relay"))
	var cfg *Hint
	for _, h := range e.Hints(true) {
		if h.ID == "dns" {
			t.Errorf("one-label MX name gave a dns hint: %s", h.Title)
		}
		if h.ID == sources.HintConfigError && h.Side == "outbound" {
			cfg = &h
		}
	}
	if cfg == nil || !strings.Contains(strings.Join(cfg.Actions, "\n"), "[brackets]") {
		t.Fatalf("one-label MX name: config hint %+v", cfg)
	}
	found := false
	for _, h := range feed(line("3F2A1C0A62", "relay.example.net")).Hints(true) {
		found = found || h.ID == "dns"
	}
	if !found {
		t.Error("a dotted name's failure gave no dns hint")
	}
}

// Mail for a local name without a domain (orig_to=<root>) that Postfix
// qualified with $myorigin and sent out, to a name the DNS says does not
// exist: this host's own name is neither in mydestination nor in DNS. The
// advice is myhostname and mydestination, not the resolver; a real
// recipient's domain that does not exist, or a lookup to try again, keeps
// the dns hint.
func TestOwnNameNotFoundAdvice(t *testing.T) {
	line := func(id, to, orig, answer string) string {
		return "Nov 28 10:00:00 mx postfix/smtp[251]: " + id + ": to=<" + to + ">, " + orig + "relay=none, delay=0.4, delays=0/0/0.4/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=" + to[strings.IndexByte(to, '@')+1:] + " type=AAAA: " + answer + ")"
	}
	hints := func(lines ...string) (dns bool, cfg *Hint) {
		for _, h := range feed(lines...).Hints(true) {
			dns = dns || h.ID == "dns"
			if h.ID == sources.HintConfigError && h.Side == "outbound" {
				cfg = &h
			}
		}
		return dns, cfg
	}
	dns, cfg := hints(line("3F2A1C0A63", "root@a1b2c3d4.build.example", "orig_to=<root>, ", "Host not found"))
	if dns {
		t.Error("mail for this host's own name gave a dns hint")
	}
	if cfg == nil || !strings.Contains(strings.Join(cfg.Actions, "\n"), "mydestination") || !strings.Contains(strings.Join(cfg.Actions, "\n"), "orig_to=<root>") {
		t.Fatalf("own name not found: config hint %+v", cfg)
	}
	for _, c := range [][]string{
		{"3F2A1C0A64", "ann@gone.example", "orig_to=<ann@gone.example>, ", "Host not found"},
		{"3F2A1C0A65", "ann@gone.example", "", "Host not found"},
		{"3F2A1C0A66", "root@a1b2c3d4.build.example", "orig_to=<root>, ", "Host not found, try again"},
	} {
		if dns, _ := hints(line(c[0], c[1], c[2], c[3])); !dns {
			t.Errorf("%v: no dns hint", c)
		}
	}
}

// A domain that loops back may be one that a transport of this host takes
// (an autoresponder's or a list manager's pipe) rather than a mailbox
// domain: the advice names the transport table beside the address classes.
func TestLoopAdviceNamesTheTransportTable(t *testing.T) {
	loop := "Nov 28 10:00:00 mx postfix/smtp[233]: 3F2A1C0A4F: to=<ann#example.org@autoreply.example.org>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=5.4.6, status=bounced (mail for autoreply.example.org loops back to myself)"
	greeted := knownLines["greeted_with_own_hostname"][0]
	for _, line := range []string{loop, greeted} {
		found := false
		for _, h := range feed(line).Hints(true) {
			acts := strings.Join(h.Actions, "\n")
			if h.ID == sources.HintConfigError && strings.Contains(acts, "mydestination") && strings.Contains(acts, "transport_maps entry") {
				found = true
			}
		}
		if !found {
			t.Errorf("no transport_maps advice for %q", line)
		}
	}
}

// A deferral with qmgr's "unknown mail transport error" says a delivery
// agent died mid-delivery: a crash to look into, not a transport missing
// from master.cf, also when the record is pasted without its program.
func TestUnknownTransportErrorIsACrash(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/error[5]: 3F2A1C0D20: to=<a@example.org>, relay=none, delay=60, delays=59/1/0/0, dsn=4.3.0, status=deferred (unknown mail transport error)",
		"3F2A1C0D21: to=<a@example.org>, relay=none, delay=60, delays=59/1/0/0, dsn=4.3.0, status=deferred (unknown mail transport error)",
	} {
		ids := hintIDs(feed(line).Hints(true))
		if len(ids[sources.HintDaemonCrash]) == 0 || len(ids[sources.HintConfigError]) != 0 {
			t.Errorf("%s: %v", line, ids)
		}
	}
	if c := sources.Classify("unknown mail transport error"); c == sources.ClassConfigError {
		t.Errorf("classified %v", c)
	}
}

// postqueue and postsuper refusing the user who ran them end only that
// command: the queue and its mail are untouched, so nothing has crashed.
func TestQueueCommandRefusalIsNoCrash(t *testing.T) {
	lines := append(append([]string{}, knownLines["queue_command_superuser"]...), knownLines["queue_command_not_authorized"]...)
	for _, l := range lines {
		for _, h := range feed(l).Hints(true) {
			t.Errorf("%s: gave %s %s: %s", l, h.Severity, h.ID, h.Title)
		}
	}
}

// A DMARC or DKIM refusal by an authentication milter is the milter's
// setting to review, never a blocklist or a client's reverse DNS; from a
// client with a private address it is this site's network (a gateway in
// place of the senders) and a warning, from a public one a calm verdict.
func TestAuthMilterRefusalAdvice(t *testing.T) {
	for _, c := range []struct {
		entry string
		sev   Severity
		says  string
	}{
		{"dmarc_reject_private_client", SevWarning, "userland-proxy"},
		{"dmarc_reject", SevInfo, "SPFSelfValidate"},
		{"dkim_signature_reject", SevInfo, "On-BadSignature"},
		{"spf_softfail_private_client", SevWarning, "userland-proxy"},
		{"spf_fail_reject", SevInfo, "skip_addresses"},
		{"spf_softfail_reject", SevInfo, "Mail_From_reject"},
	} {
		e := feed(knownLines[c.entry][0])
		var got *Hint
		for _, h := range e.Hints(true) {
			switch h.ID {
			case sources.HintBlocklist, "reverse_dns", "greylisting", "inbound_limits":
				t.Errorf("%s: gave %s hint %q", c.entry, h.ID, h.Title)
			case sources.HintConfigError:
				got = &h
			}
		}
		if got == nil {
			t.Errorf("%s: no config_error hint", c.entry)
			continue
		}
		if got.Severity != c.sev {
			t.Errorf("%s: hint %s, want %s", c.entry, got.Severity, c.sev)
		}
		all := ""
		for _, s := range got.Steps {
			all += s.Text + "\n"
		}
		if !strings.Contains(all, c.says) {
			t.Errorf("%s: advice does not name %s:\n%s", c.entry, c.says, all)
		}
	}
}

// OpenDKIM's own line for a key its resolver did not fetch in time feeds
// the dns hint, named as OpenDKIM's; its other lines (a signature it
// verified, a key the signer does not publish) feed nothing.
func TestOpenDKIMKeyTimeoutIsNameService(t *testing.T) {
	e := feed(knownLines["opendkim_key_query_timeout"][0],
		"Nov 28 10:00:01 mx opendkim[700]: 3F2A1C0D38: key retrieval failed (s=sel2, d=example.com): 'sel2._domainkey.example.com' record not found",
		"Nov 28 10:00:02 mx opendkim[700]: 3F2A1C0D39: DKIM verification successful")
	if e.Postfix != 0 {
		t.Errorf("%d Postfix lines counted from OpenDKIM's", e.Postfix)
	}
	var ids []string
	for _, h := range e.Hints(true) {
		ids = append(ids, h.ID)
		if h.ID != "dns" {
			continue
		}
		ev := strings.Join(h.Evidence, " ")
		if !strings.Contains(ev, "opendkim_key_query_timeout") || !strings.Contains(ev, "1×") {
			t.Errorf("evidence does not count one OpenDKIM timeout: %q", ev)
		}
		all := ""
		for _, s := range h.Steps {
			all += s.Text
		}
		if !strings.Contains(all, "Nameservers") {
			t.Errorf("advice does not name OpenDKIM's Nameservers: %s", all)
		}
	}
	if !slices.Equal(ids, []string{"dns"}) {
		t.Errorf("hints %v, want only dns", ids)
	}
}

// reject_unknown_helo_hostname words "Host not found" alike for a name
// that does not exist and for a lookup that failed (smtpd_check.c). A
// big provider's mail host always resolves: its HELO name refused means
// this host's resolver failed, a name hint, not the client's identity;
// other names keep the client-identity hint.
func TestHeloOfABigProviderRefusedIsOurResolver(t *testing.T) {
	big := "Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from unknown[192.0.2.41]: 450 4.7.1 <mail-ab1-f41.google.com>: Helo command rejected: Host not found; from=<a@gmail.com> to=<b@example.org> proto=ESMTP helo=<mail-ab1-f41.google.com>"
	bot := "Nov 28 10:00:00 mx postfix/smtpd[6]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 450 4.7.1 <ylmf-pc>: Helo command rejected: Host not found; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<ylmf-pc>"
	ids := func(e *Engine) map[string]Hint {
		m := map[string]Hint{}
		for _, h := range e.Hints(true) {
			m[h.ID] = h
		}
		return m
	}
	got := ids(feed(big))
	h, ok := got["dns"]
	if !ok {
		t.Fatalf("a big provider's HELO name refused as not found gave no dns hint: %v", got)
	}
	if _, ok := got["reverse_dns"]; ok {
		t.Error("a big provider's HELO name refused as not found still blames the client's DNS")
	}
	// The HELO name is the client's to choose: a bot claiming a big
	// provider's name raises no alarm by it.
	if h.Severity > SevInfo {
		t.Errorf("a HELO name the client chose raised the hint to %s", h.Severity)
	}
	if strings.Contains(h.Title, "HELO name without DNS records") {
		t.Errorf("the dns hint keeps the client-identity title: %q", h.Title)
	}
	if !strings.Contains(strings.Join(h.Evidence, " "), "resolver") {
		t.Errorf("the evidence does not say why it is this host's resolver: %q", h.Evidence)
	}
	got = ids(feed(bot))
	if _, ok := got["reverse_dns"]; !ok {
		t.Errorf("a bot's made-up HELO name lost its client-identity hint: %v", got)
	}
	if _, ok := got["dns"]; ok {
		t.Error("a bot's made-up HELO name blames this host's resolver")
	}
}

// inet_connect.c sets EADDRNOTAVAIL when the endpoint's name does not
// resolve ("for up-stream %m"): the milter's "Cannot assign requested
// address" is that name failing where smtpd runs (a chroot without
// etc/hosts, a container's names), not a milter that is down.
func TestMilterAddressNotAvailableIsANameFailure(t *testing.T) {
	lines := []string{
		"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: host or service localhost:8891 not found: Temporary failure in name resolution",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: connect to Milter service inet:localhost:8891: Cannot assign requested address",
	}
	for _, in := range [][]string{lines, lines[1:]} {
		dns := false
		for _, h := range feed(in...).Hints(true) {
			dns = dns || h.ID == "dns"
			if h.ID == sources.HintDaemonCrash {
				t.Errorf("%d lines: the milter is called down: %s", len(in), h.Title)
			}
		}
		if !dns {
			t.Errorf("%d lines: no dns hint for a milter address that did not resolve", len(in))
		}
	}
}

// A DMARC refusal of a sender on the Internet is the sender's affair (a
// calm note on OpenDMARC's settings at most); only one of a private or
// loopback client says smtpd does not see the senders' own addresses.
func TestDMARCRejectPublicClientIsNotPrivateEntry(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/cleanup[62]: 3F2A1C0A51: milter-reject: END-OF-MESSAGE from mail.example.net[198.51.100.7]: 5.7.1 rejected by DMARC policy for example.net; from=<news@example.net> to=<fay@example.org> proto=ESMTP helo=<out.example.net>"
	var r sources.Record
	newParser().Parse(line, &r)
	if r.Known != 0 && sources.KnownMessages[r.Known-1].ID == "dmarc_reject_private_client" {
		t.Fatalf("public client matched the private-client entry")
	}
	for _, h := range feed(line).Hints(true) {
		if strings.Contains(h.Title, "private addresses") || h.Severity > SevInfo {
			t.Errorf("public client's DMARC refusal gave %s %s: %s", h.Severity, h.ID, h.Title)
		}
	}
}

// A Postfix client that cannot connect to private/NAME or public/NAME
// (auto_clnt.c, mail_command_client.c, forward.c: "connect to %s: %m")
// finds no master.cf service NAME listening: the hint names the service
// and the command that shows its entry, quoted. tlsproxy and dnsblog keep
// the hints of their own.
func TestServiceSocketNamesTheService(t *testing.T) {
	for _, c := range []struct{ line, name string }{
		{"Nov 28 10:00:00 mx postfix/smtpd[101]: warning: connect to private/policyd-spf: No such file or directory", "policyd-spf"},
		{"Nov 28 10:00:00 mx postfix/cleanup[102]: warning: connect to private/postgrey: Connection refused", "postgrey"},
		{"Nov 28 10:00:00 mx postfix/local[103]: warning: connect to public/cleanup: No such file or directory", "cleanup"},
		{"Nov 28 10:00:00 mx postfix/smtpd[104]: warning: connect to private/anvil: Connection refused", "anvil"},
		{"Nov 28 10:00:00 mx postfix/bounce[108]: warning: connect to public/cleanup: Connection refused", "cleanup"},
	} {
		h := hintOf(t, feed(c.line), sources.HintConfigError)
		if h.Severity < SevWarning || !strings.Contains(strings.Join(h.Evidence, " "), "by its socket: "+c.name) {
			t.Errorf("%s: %s %q", c.name, h.Severity, h.Evidence)
		}
		if cmds := commands(h); !strings.Contains(cmds, "postconf -M "+c.name+"   #") || !strings.Contains(cmds, "postfix reload") {
			t.Errorf("%s: commands %q", c.name, cmds)
		}
	}
	// A name no master.cf service has gets a sentence, not a command.
	h := hintOf(t, feed("Nov 28 10:00:00 mx postfix/smtpd[105]: warning: connect to private/x$(reboot)`id`: No such file or directory"), sources.HintConfigError)
	if cmds := commands(h); strings.Contains(cmds, "postconf -M") || strings.Contains(cmds, "reboot") {
		t.Errorf("implausible service name reached a command: %q", cmds)
	}
	for _, c := range []struct{ line, id string }{
		{"Nov 28 10:00:00 mx postfix/smtp[106]: warning: connect to private/tlsproxy service: No such file or directory", "tls"},
		{"Nov 28 10:00:00 mx postfix/postscreen[107]: warning: 192.0.2.7: connect to private/dnsblog service: No such file or directory", sources.HintBlocklist},
	} {
		ids := hintIDs(feed(c.line).Hints(true))
		if len(ids[c.id]) == 0 || len(ids[sources.HintConfigError]) != 0 {
			t.Errorf("%q gave %v, want %s alone", c.line, ids, c.id)
		}
	}
}

// commands joins the hint's actions that are commands.
func commands(h Hint) string {
	var out []string
	for _, a := range h.Steps {
		if a.Command {
			out = append(out, a.Text)
		}
	}
	return strings.Join(out, "\n")
}

// A PROXY header Postfix cannot read is the PROXY protocol's trouble,
// with its advice: clients that came straight, a version Postfix does not
// read (version 2 before Postfix 3.5), a health check's PROXY UNKNOWN.
func TestUnreadableProxyHeaderAdvice(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: line too long", "send-proxy-v2"},
		{"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: unrecognized protocol header: \\026\\003\\001\\002\\000\\001", "-o postscreen_upstream_proxy_protocol=haproxy"},
		{"Nov 28 10:00:00 mx postfix/postscreen[89]: warning: haproxy read: bad or missing protocol type: PROXY UNKNOWN\\r\\n", "health check"},
	} {
		h := hintOf(t, feed(c.line), sources.HintConfigError)
		if h.Side != "inbound" || !strings.Contains(strings.Join(h.Actions, " "), c.want) {
			t.Errorf("%q: %s %q", c.line, h.Side, h.Actions)
		}
	}
}

// postsuper's repair warnings say the queue was restored or moved to
// another file system (queue file names follow inode numbers): a calm
// note of what happened and what to check, never a crash.
func TestPostsuperRepairIsACalmNote(t *testing.T) {
	for _, id := range []string{"postsuper_queue_renamed", "postsuper_name_inode_mismatch", "postsuper_bogus_file_name", "postsuper_operation_incomplete"} {
		for _, line := range knownLines[id] {
			hs := feed(line).Hints(true)
			if len(hs) == 0 {
				t.Errorf("%s: no hint from %q", id, line)
			}
			for _, h := range hs {
				if h.Severity > SevInfo || h.ID == sources.HintDaemonCrash || h.Subject != id {
					t.Errorf("%s: %s %s %s: %s", id, h.Severity, h.ID, h.Subject, h.Title)
				}
			}
		}
	}
	h := hintOf(t, feed(knownLines["postsuper_queue_renamed"][0]), sources.HintConfigError)
	if !strings.Contains(h.Title, "restored or moved") || !strings.Contains(strings.Join(h.Actions, " "), "postqueue -p") {
		t.Errorf("%s: %q", h.Title, h.Actions)
	}
}

// smtpd's "hostname X does not resolve to address Y" is, as a rule, the
// client's own DNS: its hint is a note saying so, not this host's
// resolver failing; a real resolver failure beside it still leads.
func TestClientNameMismatchIsTheClientsDNS(t *testing.T) {
	line := knownLines["client_name_mismatch"][0]
	h := hintOf(t, feed(line), "dns")
	if h.Severity != SevInfo || strings.Contains(h.Title, "name resolution fails") || !strings.Contains(h.Title, "clients' own DNS") {
		t.Errorf("%s %q", h.Severity, h.Title)
	}
	h = hintOf(t, feed(line, knownLines["dnsblog_reply_timeout"][0]), "dns")
	if !strings.Contains(h.Title, "name resolution fails (dnsblog_reply_timeout)") {
		t.Errorf("with a resolver failure: %q", h.Title)
	}
}

// A sender's domain that does not resolve is, as a rule, a forged one:
// its hint says so rather than that this host's name resolution fails,
// and still names the resolver for when large providers' domains fail.
func TestSenderDomainNotFoundIsForgedAsARule(t *testing.T) {
	h := hintOf(t, feed(knownLines["sender_domain_not_found"][0]), "dns")
	if h.Severity != SevInfo || strings.Contains(h.Title, "name resolution fails") || !strings.Contains(h.Title, "forged") || !strings.Contains(h.Title, "resolver") {
		t.Errorf("%s %q", h.Severity, h.Title)
	}
	h = hintOf(t, feed(knownLines["sender_domain_not_found"][0], knownLines["dnsblog_reply_timeout"][0]), "dns")
	if !strings.Contains(h.Title, "name resolution fails (dnsblog_reply_timeout)") {
		t.Errorf("with a resolver failure: %q", h.Title)
	}
}

// A large provider's own domain always resolves: smtpd that finds no such
// domain for a sender or a recipient says this host's resolver failed,
// from the first refusal. A name under it (x.gmail.example's made-up
// subdomain) is the client's choice and proves nothing.
func TestDomainNotFoundForABigProviderIsTheResolver(t *testing.T) {
	line := func(addr, class string) string {
		return "Nov 28 10:00:00 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.1.8 <" + addr + ">: " + class +
			" address rejected: Domain not found; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"
	}
	for _, tc := range []struct {
		name string
		line string
		sev  Severity
	}{
		{"sender at a big provider", line("ann@gmail.com", "Sender"), SevWarning},
		{"recipient at a big provider", line("ann@outlook.com", "Recipient"), SevWarning},
		{"smtpd's reply alone", "450 4.1.8 <ann@gmail.com>: Sender address rejected: Domain not found", SevWarning},
		{"a made-up name under a big provider", line("ann@qx7.gmail.com", "Sender"), SevInfo},
		{"a made-up domain", line("ann@qx7-example.com", "Sender"), SevInfo},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := hintOf(t, feed(tc.line), "dns")
			if h.Severity != tc.sev {
				t.Errorf("severity %s, want %s: %q", h.Severity, tc.sev, h.Title)
			}
		})
	}
}

// reject_unknown_recipient_domain refuses with the same words as the
// sender check: the hint must say whose domain it was.
func TestRecipientDomainNotFoundIsNamedSo(t *testing.T) {
	h := hintOf(t, feed("Nov 28 10:00:00 mx postfix/smtpd[72]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 450 4.1.2 <ann@qx7-example.com>: Recipient address rejected: Domain not found; from=<a@example.net> to=<ann@qx7-example.com> proto=ESMTP helo=<c.example.net>"), "dns")
	if !strings.Contains(h.Title, "recipients' domains") || strings.Contains(h.Title, "senders'") {
		t.Errorf("%q", h.Title)
	}
}

// A network with host bits set in mynetworks fails every lookup in the
// list: the refused pattern is the cause, the table errors and smtpd's
// 451 replies its consequence, so the configuration hint comes first.
func TestBadNetworkInMynetworksRanksBeforeItsLookupFailures(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/postscreen[5]: warning: postscreen_access_list: non-null host address bits in \"fd::/8\", perhaps you should use \"::/8\" instead",
		"Nov 28 10:00:00 mx postfix/postscreen[5]: warning: postscreen_access_list: permit_mynetworks: mynetworks lookup error -- ignoring the remainder of this access list",
		"Nov 28 10:00:01 mx postfix/smtpd[6]: warning: mynetworks: non-null host address bits in \"fd::/8\", perhaps you should use \"::/8\" instead",
		"Nov 28 10:00:01 mx postfix/smtpd[6]: NOQUEUE: reject: RCPT from c.example.net[2001:db8::7]: 451 4.3.0 <c.example.net>: Temporary lookup failure; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
	)
	hs := e.Hints(true)
	if len(hs) == 0 || hs[0].ID != sources.HintConfigError {
		t.Fatalf("first hint is not config_error: %v", hs)
	}
	do := strings.Join(hs[0].Actions, " ")
	if !strings.Contains(do, "host bits zero") || !strings.Contains(do, "[fd00::]/8") {
		t.Errorf("advice does not say how to write the network: %q", do)
	}
}

// The IPv6 warning every program logs on a host without IPv6 is no
// failure: its hint stays at info and tells how to silence it.
// Postfix before 3.0 words it "IPv6 support is disabled" and adds a
// second line, "configuring for IPv4 support only"; both read the same.
func TestNoIPv6StackIsCalm(t *testing.T) {
	for _, format := range []string{
		"Nov 28 10:00:%02d mx postfix/postdrop[%d]: warning: inet_protocols: disabling IPv6 name/address support: Address family not supported by protocol",
		"Nov 28 10:00:%02d mx postfix/sendmail[%d]: warning: inet_protocols: IPv6 support is disabled: Address family not supported by protocol",
	} {
		var lines []string
		for i := range 30 {
			lines = append(lines, fmt.Sprintf(format, i, 100+i))
			lines = append(lines, fmt.Sprintf("Nov 28 10:00:%02d mx postfix/sendmail[%d]: warning: inet_protocols: configuring for IPv4 support only", i, 100+i))
		}
		found := false
		for _, h := range feed(lines...).Hints(true) {
			if h.ID != sources.HintConfigError {
				t.Errorf("%q: unexpected %s hint", format, h.ID)
				continue
			}
			found = true
			if h.Severity != SevInfo {
				t.Errorf("%q: no IPv6 stack gave a %s hint", format, h.Severity)
			}
			if !strings.Contains(strings.Join(h.Actions, " "), "inet_protocols = ipv4") {
				t.Errorf("%q: advice does not name inet_protocols = ipv4: %q", format, h.Actions)
			}
		}
		if !found {
			t.Errorf("%q: no config_error hint for a host without IPv6", format)
		}
	}
}

// OpenDKIM's key timeout pasted without its syslog header, with or without
// its tag and queue id, reads as the tagged line does: the dns hint,
// named as OpenDKIM's, and no Postfix line counted.
func TestOpenDKIMKeyTimeoutPastedAlone(t *testing.T) {
	for _, line := range []string{
		"key retrieval failed (s=20230601, d=gmail.com): '20230601._domainkey.gmail.com' query timed out",
		"3F2A1C0D37: key retrieval failed (s=20230601, d=gmail.com): '20230601._domainkey.gmail.com' query timed out",
		"opendkim[812]: 3F2A1C0D37: key retrieval failed (s=20230601, d=gmail.com): '20230601._domainkey.gmail.com' query timed out",
	} {
		e := feed(line)
		if e.Postfix != 0 {
			t.Errorf("%q: counted as a Postfix line", line)
		}
		hs := hintIDs(e.Hints(true))
		if len(hs) != 1 || len(hs["dns"]) != 1 {
			t.Errorf("%q: hints %v, want only dns", line, hintList(hs))
			continue
		}
		h := hs["dns"][0]
		if ev := strings.Join(h.Evidence, " "); !strings.Contains(ev, "opendkim_key_query_timeout") || !strings.Contains(ev, "opendkim") {
			t.Errorf("%q: evidence %q", line, ev)
		}
		if st := stepText(h); !strings.Contains(st, "Nameservers") || !strings.Contains(st, "firewall") {
			t.Errorf("%q: advice does not name OpenDKIM's Nameservers and a firewall for DNS: %s", line, st)
		}
	}
	// Prose that only mentions the words is no OpenDKIM line.
	if hs := hintIDs(feed("why does key retrieval failed query timed out show in my log?").Hints(true)); len(hs) != 0 {
		t.Errorf("prose gave hints: %v", hintList(hs))
	}
}

// The smtp client's warning about a server that greets with this host's
// own name gives the same hint pasted without its header, with or without
// "warning: ", as the header-ful line does.
func TestOwnHostnameGreetingPastedAlone(t *testing.T) {
	whole := hintIDs(feed(knownLines["greeted_with_own_hostname"][0]).Hints(true))
	for _, line := range []string{
		"warning: host mx.example.org[192.0.2.1]:25 greeted me with my own hostname mx.example.org",
		"host mx.example.org[192.0.2.1]:25 greeted me with my own hostname mx.example.org",
		"host mx.example.org[192.0.2.1] replied to HELO/EHLO with my own hostname mx.example.org",
	} {
		hs := hintIDs(feed(line).Hints(true))
		c := hs[sources.HintConfigError]
		if len(hs) != len(whole) || len(c) != 1 || c[0].Title != whole[sources.HintConfigError][0].Title {
			t.Errorf("%q: hints %v, want as the whole line's %v", line, hintList(hs), hintList(whole))
		}
	}
}

// postfix check and postfix start run find(1) over the queue directory;
// on a filesystem that cannot hold its FIFOs and sockets (a container
// volume, NFS, a Windows mount) find reports them as invalid, and
// postfix-script cannot make the queue's directories. Pasted alone, as
// the command printed them, these lines give the queue directory's hint.
func TestQueueDirectoryOnAnUnfitFilesystem(t *testing.T) {
	for _, line := range []string{
		"find: /var/spool/postfix/public/pickup: Invalid argument",
		"find: '/var/spool/postfix/private/smtp': Invalid argument",
		"postfix/postfix-script: fatal: unable to create missing queue directories",
		"Nov 28 10:00:00 mx postfix/postfix-script[161]: fatal: unable to create missing queue directories",
	} {
		hs := hintIDs(feed(line).Hints(true))
		d := hs[sources.HintDaemonCrash]
		if len(d) != 1 {
			t.Errorf("%q: hints %v, want daemon_crash", line, hintList(hs))
			continue
		}
		if all := strings.Join(d[0].Evidence, " ") + stepText(d[0]); !strings.Contains(all, "queue_directory") || !strings.Contains(all, "local filesystem") {
			t.Errorf("%q: the hint does not name the queue directory's filesystem: %s", line, all)
		}
	}
	if hs := hintIDs(feed("find: /home/ann/photos/x.jpg: Invalid argument").Hints(true)); len(hs) != 0 {
		t.Errorf("another path gave hints: %v", hintList(hs))
	}
}

// smtpd answers 451 4.7.1 "Service unavailable - try again later" both
// for a milter that failed under milter_default_action = tempfail and
// for a milter that tempfails the mail itself (SMFIR_TEMPFAIL: a
// greylisting milter). Without a line that says the milter failed, and
// after the client's greeting, the refusal is the milter's own verdict:
// senders are delayed, nothing is down.
func TestMilterOwnTempfailIsNoFailure(t *testing.T) {
	rcpt := "Nov 28 10:00:00 mx postfix/smtpd[140]: NOQUEUE: milter-reject: RCPT from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"
	data := "Nov 28 10:00:01 mx postfix/smtpd[141]: 3F2A1C0B01: milter-reject: END-OF-MESSAGE from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"
	connect := "Nov 28 10:00:02 mx postfix/smtpd[142]: NOQUEUE: milter-reject: CONNECT from d.example.net[198.51.100.8]: 451 4.7.1 Service unavailable - try again later; proto=SMTP"
	ids := func(lines ...string) []string {
		var out []string
		for _, h := range feed(lines...).Hints(true) {
			out = append(out, h.ID+"/"+h.Side)
		}
		return out
	}
	if got := ids(rcpt, data); !slices.Contains(got, "greylisting/inbound") || slices.Contains(got, sources.HintDaemonCrash+"/inbound") {
		t.Errorf("a milter's own 451 after the greeting: hints %v, want greylisting and no %s", got, sources.HintDaemonCrash)
	}
	// The same reply to every message is a milter failing inside (a DNS
	// or database error it logs itself), not a delay that passes: the
	// advice sends the admin to the milter's own log, never only "nothing".
	for _, h := range feed(rcpt, data).Hints(true) {
		if h.ID == "greylisting" && !strings.Contains(strings.Join(h.Actions, "\n"), "its own log") {
			t.Errorf("a milter's own 451: the advice never sends to the milter's own log: %q", h.Actions)
		}
	}
	// A line that says the milter failed makes the same replies its doing.
	for _, failed := range []string{knownLines["milter_unreachable"][0], knownLines["milter_reply"][0], connect} {
		got := ids(failed, rcpt, data)
		if slices.Contains(got, "greylisting/inbound") || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, sources.HintDaemonCrash+"/") }) {
			t.Errorf("beside %q: hints %v, want %s and no greylisting", failed, got, sources.HintDaemonCrash)
		}
	}
	// At the greeting the milter has seen nothing to judge: a 451 there
	// is a milter that cannot be reached or failed.
	if got := ids(connect); slices.Contains(got, "greylisting/inbound") || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, sources.HintDaemonCrash+"/") }) {
		t.Errorf("a 451 at CONNECT: hints %v, want %s", got, sources.HintDaemonCrash)
	}
}

// rspamd answers its soft reject action (greylisting a new sender, above
// all) with its own 4.7.1 "Try again later": the milter works and judged
// the mail, so the hint is the delay, never a milter that is down.
func TestMilterSoftRejectIsGreylisting(t *testing.T) {
	lines := knownLines["milter_soft_reject"]
	var got []string
	for _, h := range feed(lines...).Hints(true) {
		got = append(got, h.ID+"/"+h.Side)
	}
	if !slices.Contains(got, "greylisting/inbound") || slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, sources.HintDaemonCrash+"/") }) {
		t.Errorf("a milter's own soft reject: hints %v, want greylisting/inbound and no %s", got, sources.HintDaemonCrash)
	}
	// Postfix's own words for a milter it lost stay the milter's failure.
	if id := sources.MatchKnown("milter-reject: CONNECT from c.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; proto=SMTP"); id == 0 || sources.KnownMessages[id-1].ID == "milter_soft_reject" {
		t.Errorf("Postfix's tempfail reply matched %d, want the milter tempfail entry", id)
	}
}

// A fatal line of an administrator's table or queue command (postmap,
// postalias, postconf, postqueue, postsuper, postcat) ends that command,
// not a daemon: the hint says so and leaves out the advice for a service
// that cannot start. A daemon's fatal line among them keeps the daemon's.
func TestCommandFatalIsNoDaemonCrash(t *testing.T) {
	fatal := func(lines ...string) Hint {
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == sources.HintDaemonCrash && h.Subject == "fatal" {
				return h
			}
		}
		t.Fatalf("no fatal hint for %q", lines)
		return Hint{}
	}
	command := []string{
		"postmap: fatal: table socketmap:unix:/run/mapd.sock:reverse: query error",
		"Nov 28 10:00:00 mx postfix/postqueue[311]: fatal: frobnicate the queue: Unknown error 1234",
	}
	h := fatal(command...)
	if !strings.Contains(h.Title, "command") || strings.Contains(h.Title, "program stopped") {
		t.Errorf("a command's fatal line is titled %q", h.Title)
	}
	for _, c := range h.Cautions {
		if strings.Contains(c, "process limits") {
			t.Errorf("a command's fatal line gets the caution for a service that cannot start: %q", c)
		}
	}
	daemon := append(command, "Nov 28 10:00:01 mx postfix/qmgr[312]: fatal: frobnicate the queue: Unknown error 1234")
	if h := fatal(daemon...); strings.Contains(h.Title, "command") {
		t.Errorf("a daemon's fatal line among commands' is titled %q", h.Title)
	}
}

// A recipient refused with the generic "Access denied" (a bare reject at
// the end of the recipient restrictions, or an access table's REJECT) from
// a mail server that resolves is this site's restriction, and on a backup
// MX or gateway the advice names relay_domains and the MX preference; from
// a stranger without a reverse name it is the table doing its job.
func TestGenericAccessDeniedOnBackupMX(t *testing.T) {
	reject := func(sec int, client string) string {
		return fmt.Sprintf("%s mx2 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from %s: 554 5.7.1 <carol@example.com>: Recipient address rejected: Access denied; from=<ann@partner.example> to=<carol@example.com> proto=ESMTP helo=<h.example>", stamp(sec), 400+sec, client)
	}
	config := func(e *Engine) *Hint {
		for _, h := range e.Hints(true) {
			if h.ID == sources.HintConfigError && h.Side == "inbound" {
				return &h
			}
		}
		return nil
	}
	h := config(feed(reject(1, "mail.partner.example[198.51.100.7]")))
	if h == nil {
		t.Fatal("no inbound configuration hint for a recipient refused with Access denied")
	}
	advice := strings.Join(h.Actions, "\n")
	for _, want := range []string{"relay_domains", "permit_mx_backup", "preference", "postmap -q"} {
		if !strings.Contains(advice, want) {
			t.Errorf("advice lacks %q: %s", want, advice)
		}
	}
	if h.Severity != SevInfo {
		t.Errorf("one refusal made a %s hint", h.Severity)
	}
	if config(feed(reject(1, "unknown[203.0.113.50]"), reject(2, "unknown[203.0.113.51]"))) != nil {
		t.Error("strangers refused by an access table raised a configuration hint")
	}
}

// local(8) dot-locks an mbox (mailbox_delivery_lock) with a mode 000
// file NAME.lock; "File exists" after deliver_lock_attempts tries means
// another process holds it, or a killed delivery left it (local(8)
// itself breaks one older than stale_lock_time). The mailbox is busy:
// no limit or concurrency of Postfix moves it.
func TestMailboxLockIsTheMailboxs(t *testing.T) {
	for _, line := range knownLines["mailbox_lock_busy"] {
		hs := feed(line).Hints(true)
		mb := hintIDs(hs)[sources.HintMailbox]
		if len(mb) != 1 || hs[0].ID != sources.HintMailbox {
			t.Fatalf("want the mailbox_delivery hint first for %q, got %+v", line, hs)
		}
		acts := strings.Join(mb[0].Actions, " | ")
		for _, want := range []string{"stale_lock_time", "fuser", "df -h"} {
			if !strings.Contains(acts, want) {
				t.Errorf("lock advice lacks %q: %s", want, acts)
			}
		}
		for _, h := range hs {
			if h.ID == "destination_concurrency" || h.ID == "process_limit" || h.ID == "rate_delay" {
				t.Errorf("a busy mailbox gave %s advice", h.ID)
			}
			for _, a := range h.Actions {
				if strings.Contains(a, "postconf -e") || strings.Contains(a, "chmod 777") {
					t.Errorf("lock line %q gives a configuration change: %s", line, a)
				}
			}
		}
	}
}

// A big mail provider's server, named so by smtpd (a name it verified,
// which no client chooses), that fails to log in does so for one of this
// site's users: the provider's send-mail-as through this server, with the
// password the user stored there, or a SASL backend that does not know the
// user. It is no bot: banning the provider's servers would lock out every
// user who sends through them.
func TestProviderServerFailedLoginIsNoGuessing(t *testing.T) {
	provider := []string{
		"Nov 28 10:00:00 mx postfix/submission/smtpd[300]: warning: mail-yw1-f170.google.com[209.85.128.170]: SASL PLAIN authentication failed: authentication failure",
		"Nov 28 10:00:00 mx postfix/submission/smtpd[300]: disconnect from mail-yw1-f170.google.com[209.85.128.170] ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5",
		"Nov 28 10:05:00 mx postfix/submission/smtpd[301]: warning: mail-yw1-f171.google.com[209.85.128.171]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
	}
	hs := feed(provider...).Hints(true)
	if ids := hintIDs(hs); len(ids["inbound_limits"]) > 0 {
		t.Fatalf("a provider's server failing its logins got the password-guessing hint: %+v", hs)
	}
	var h *Hint
	for i := range hs {
		if hs[i].ID == sources.HintConfigError {
			h = &hs[i]
		}
	}
	if h == nil {
		t.Fatalf("no configuration hint for a provider's server failing its logins: %+v", hs)
	}
	advice := hintText(*h)
	for _, want := range []string{"smtpd_sasl_type", "send mail as", "do not ban"} {
		if !strings.Contains(advice, want) {
			t.Errorf("the hint lacks %q: %s", want, advice)
		}
	}
	// The same lines from clients without a verified name, or with a
	// stranger among the provider's servers, stay password guessing.
	for _, lines := range [][]string{
		{strings.ReplaceAll(provider[0], "mail-yw1-f170.google.com", "unknown"), strings.ReplaceAll(provider[2], "mail-yw1-f171.google.com", "unknown")},
		append(slices.Clone(provider), "Nov 28 10:06:00 mx postfix/submission/smtpd[302]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6"),
	} {
		if ids := hintIDs(feed(lines...).Hints(true)); len(ids["inbound_limits"]) == 0 {
			t.Errorf("failed logins with a stranger among them lost the password-guessing hint: %q", lines)
		}
	}
}

// Older Postfix words some refusals otherwise than 3.12 does, and the
// advice holds for what the older words cover: "unsupported protocol
// type" (before 3.6) is also PROXY UNKNOWN, "is smaller than" (before
// 3.5) is also a message_size_limit of 0, and a 2.10 TLS policy gets no
// syntax 2.10 does not read.
func TestOlderWordingsKeepTheirAdvice(t *testing.T) {
	for _, c := range []struct {
		line  string
		hint  string
		words []string
	}{
		{"Nov 28 10:00:00 mx postfix/postscreen[80]: warning: haproxy read: unsupported protocol type: PROXY UNKNOWN\\r\\n", sources.HintConfigError, []string{"UNKNOWN", "health check"}},
		{"Nov 28 10:00:00 mx postfix/local[100]: fatal: main.cf configuration error: mailbox_size_limit is smaller than message_size_limit", sources.HintConfigError, []string{"message_size_limit = 0", "before 3.5"}},
		{"Nov 28 10:00:00 mx postfix/smtp[124]: warning: TLS policy table, next-hop destination \"example.org\": invalid security level \"encrypted\"", sources.HintConfigError, []string{"smtp_tls_policy_maps", "postmap -q"}},
	} {
		hs := feed(c.line).Hints(true)
		if len(hs) == 0 || hs[0].ID != c.hint {
			t.Errorf("%q: hints %+v, want %s first", c.line, hs, c.hint)
			continue
		}
		all := hintText(hs[0])
		for _, w := range c.words {
			if !strings.Contains(all, w) {
				t.Errorf("%q: hint lacks %q:\n%s", c.line, w, all)
			}
		}
		if strings.Contains(all, ">=TLSv") && strings.Contains(c.line, "TLS policy table") {
			t.Errorf("%q: advice gives Postfix 3.6's protocol range syntax to Postfix 2.10:\n%s", c.line, all)
		}
	}
}

// The provider's title names the hint only when nothing else is in it: a
// recipient refused as unknown to the virtual mailbox table is in the
// hint too then.
func TestProviderLoginTitleOnlyAlone(t *testing.T) {
	lines := []string{
		"Nov 28 10:00:00 mx postfix/smtpd[299]: NOQUEUE: reject: RCPT from mail.partner.example[198.51.100.7]: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<ann@partner.example> to=<bob@example.com> proto=ESMTP helo=<mail.partner.example>",
		"Nov 28 10:00:01 mx postfix/submission/smtpd[300]: warning: mail-yw1-f170.google.com[209.85.128.170]: SASL PLAIN authentication failed: authentication failure",
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == sources.HintConfigError && strings.Contains(h.Title, sources.ProviderLoginTitle) {
			t.Errorf("a hint with a recipient refusal in it is titled for the provider's logins: %s", h.Title)
		}
	}
}

// A milter refused where smtpd_milters points is as often one that runs
// and listens elsewhere (a unix socket where Postfix has inet:, another
// port) as one that is down: the hint says to compare the two.
func TestMilterRefusedComparesWhereItListens(t *testing.T) {
	var text string
	for _, h := range feed(knownLines["milter_unreachable"][0]).Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			text = hintText(h)
		}
	}
	for _, want := range []string{"where the milter listens", "ss -lxp", "ss -ltnp"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the hint: %s", want, text)
		}
	}
}

// A next hop's refusal to relay may be the recipient domain's MX, not
// this host's configuration: the hint's title says the next hop refuses,
// not that this host's configuration is wrong.
func TestRelayRefusalTitleNamesTheNextHop(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtp[240]: 3F2A1C0A50: to=<ann@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.1, status=bounced (host mx.example.org[192.0.2.7] said: 554 5.7.1 <ann@example.org>: Relay access denied (in reply to RCPT TO command))"
	for _, h := range feed(line).Hints(true) {
		if h.ID == sources.HintConfigError && (strings.Contains(h.Title, "own configuration") || !strings.Contains(h.Title, "relay")) {
			t.Errorf("title %q", h.Title)
		}
	}
}

// postscreen hands each client to smtpd through the pass service's
// socket. When that socket does not exist or nobody listens on it, no
// client gets through whatever the process limit: the advice is the
// service's entry, not more processes. When smtpd only falls behind, the
// evidence says postscreen could not hand the clients over, not that it
// refused them.
func TestPostscreenHandoff(t *testing.T) {
	for _, c := range []struct {
		line, want, not string
	}{
		{"mx postfix/postscreen[2]: warning: cannot connect to service private/smtpd: No such file or directory", sources.HintConfigError, "process_limit"},
		{"mx postfix/postscreen[2]: warning: cannot connect to service private/smtpd: Connection refused", sources.HintConfigError, "process_limit"},
		{"mx postfix/postscreen[2]: warning: timeout sending connection to service private/smtpd", "process_limit", ""},
	} {
		var ids []string
		found := false
		for _, h := range feed(stamp(1) + " " + c.line).Hints(true) {
			ids = append(ids, h.ID)
			found = found || h.ID == c.want
			if h.ID == c.not {
				t.Errorf("%s: %s hint %q", c.line, h.ID, h.Title)
			}
			if h.ID == "process_limit" && strings.Contains(strings.Join(h.Evidence, "\n"), "refused with") {
				t.Errorf("%s: evidence says refused: %q", c.line, h.Evidence)
			}
		}
		if !found {
			t.Errorf("%s: hints %v, want %s", c.line, ids, c.want)
		}
	}
}

// postscreen's connection to dnsblog fails with the errno of the cause:
// a missing service (no socket), or a dnsblog that takes no more
// connections (its socket's queue is full). Only the first is a line to
// add to master.cf.
func TestDnsblogConnectErrors(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"Nov 28 10:00:00 mx postfix/postscreen[182]: warning: psc_dnsbl_request: connect to private/dnsblog service: No such file or directory", "dnsblog_missing"},
		{"Nov 28 10:00:00 mx postfix/postscreen[182]: warning: psc_dnsbl_request: connect to private/dnsblog service: Resource temporarily unavailable", "dnsblog_busy"},
	} {
		var r sources.Record
		newParser().Parse(c.line, &r)
		got := ""
		if r.Known != 0 {
			got = sources.KnownMessages[r.Known-1].ID
		}
		if got != c.want {
			t.Errorf("%s: entry %q, want %q", c.line, got, c.want)
		}
	}
}

// Only a missing socket says master.cf lacks tlsproxy: a tlsproxy that
// takes no more connections, or that nobody serves, has its own reading,
// and neither gets the master.cf line that is already there.
func TestTLSProxyReadByItsErrno(t *testing.T) {
	for _, c := range []struct {
		errno   string
		missing bool
	}{
		{"No such file or directory", true},
		{"Resource temporarily unavailable", false},
		{"Connection refused", false},
	} {
		line := "Nov 28 10:00:00 mx postfix/smtp[180]: warning: connect to private/tlsproxy service: " + c.errno
		var ids []string
		missing := false
		for _, h := range feedConfigured(line).Hints(true) {
			ids = append(ids, h.ID+" "+h.Subject)
			if h.ID == "tls" && h.Subject == "tlsproxy" || len(h.Changes) > 0 {
				missing = true
			}
		}
		if missing != c.missing {
			t.Errorf("%s: the missing-tlsproxy hint %v, want %v (hints %q)", c.errno, missing, c.missing, ids)
		}
		if len(ids) == 0 {
			t.Errorf("%s: no hint", c.errno)
		}
	}
}

// A missing tlsproxy (no socket: master.cf lacks the service) is one
// finding, whether postscreen could not hand a client's STARTTLS to it
// (postscreen_starttls.c) or the smtp client, with
// smtp_tls_connection_reuse = yes, could not hand it its TLS
// (tls_proxy_clnt.c): one tls hint, on the side of the daemon that said
// it, with the master.cf line and the reload. A master.cf read with a
// tlsproxy entry of its own gets no line that would replace it, and a
// busy tlsproxy none at all.
func TestTLSProxyMissingIsOneHint(t *testing.T) {
	const add = "postconf -M 'tlsproxy/unix=tlsproxy unix - - n - 0 tlsproxy'"
	missing := "warning: connect to private/tlsproxy service: No such file or directory"
	for _, c := range []struct {
		side  string
		lines []string
	}{
		{"inbound", []string{
			"Nov 28 10:00:00 mx postfix/postscreen[181]: CONNECT from [192.0.2.7]:51234 to [198.51.100.1]:25",
			"Nov 28 10:00:01 mx postfix/postscreen[181]: " + missing,
			"Nov 28 10:00:02 mx postfix/postscreen[181]: CONNECT from [192.0.2.9]:40112 to [198.51.100.1]:25",
			"Nov 28 10:00:03 mx postfix/postscreen[181]: " + missing,
		}},
		{"outbound", []string{
			"Nov 28 10:00:00 mx postfix/smtp[180]: " + missing,
			"Nov 28 10:00:05 mx postfix/smtp[182]: " + missing,
		}},
	} {
		tls := hintIDs(feedConfigured(c.lines...).Hints(true))["tls"]
		if len(tls) != 1 {
			var titles []string
			for _, h := range tls {
				titles = append(titles, h.Side+" "+h.Title)
			}
			t.Errorf("%s: %d tls hints, want one: %q", c.side, len(tls), titles)
			continue
		}
		h := tls[0]
		cmds := commands(h)
		if h.Side != c.side || h.Severity != SevCritical || !strings.Contains(cmds, add) || !strings.Contains(cmds, "postfix reload") ||
			strings.Index(cmds, add) > strings.Index(cmds, "postfix reload") {
			t.Errorf("%s: %s %s hint, commands %q", c.side, h.Side, h.Severity, cmds)
		}
		if len(h.Changes) != 1 || h.Changes[0].Service != "tlsproxy/unix" || h.Changes[0].Value != "tlsproxy unix - - n - 0 tlsproxy" {
			t.Errorf("%s: changes %+v", c.side, h.Changes)
		}
	}

	// master.cf has tlsproxy (these lines came before it, or before the
	// master read it): a reload, and no entry over the admin's own.
	e := NewEngine(0)
	own := sources.Service{Name: "tlsproxy", Type: "unix", Chroot: "y", MaxProcRaw: "0", Command: "tlsproxy", Options: map[string]string{"tlsproxy_tls_loglevel": "1"}}
	e.SetConfig(&sources.Config{Params: map[string]string{}, Explicit: map[string]string{}, Services: []sources.Service{own}})
	feedInto(e, "Nov 28 10:00:00 mx postfix/smtp[180]: "+missing)
	h := hintOf(t, e, "tls")
	if cmds := commands(h); strings.Contains(cmds, "postconf -M") || len(h.Changes) > 0 || !strings.Contains(strings.Join(h.Actions, " "), "postfix reload") {
		t.Errorf("master.cf with tlsproxy: commands %q, changes %+v, actions %q", cmds, h.Changes, h.Actions)
	}

	// Busy, or nobody listening: the service is there.
	for _, errno := range []string{"Resource temporarily unavailable", "Connection refused"} {
		for _, h := range feed("Nov 28 10:00:00 mx postfix/postscreen[181]: warning: connect to private/tlsproxy service: " + errno).Hints(true) {
			if strings.Contains(commands(h), "tlsproxy/unix=") || len(h.Changes) > 0 {
				t.Errorf("%s: %s hint adds the entry: %q", errno, h.ID, commands(h))
			}
		}
	}
}

// Without a tlsproxy socket the smtp client (smtp_tls_connection_reuse =
// yes) cannot start TLS with any server, and defers at a level that
// requires it with "Cannot start TLS: handshake failure": those
// destinations' TLS is not in question, and a "may" policy line for them
// would send their mail in clear. The one tlsproxy hint stands for them;
// the same deferrals without a tlsproxy line keep their destination's.
func TestTLSProxyMissingOwnsItsDeferrals(t *testing.T) {
	missing := func(sec int) string {
		return stamp(sec) + " mx postfix/smtp[180]: warning: connect to private/tlsproxy service: No such file or directory"
	}
	fail := "Cannot start TLS: handshake failure"
	deferrals := []string{deliv(1, "example.net", "deferred", fail), deliv(6, "example.org", "deferred", fail)}
	tls := hintIDs(feed(missing(0), deferrals[0], missing(5), deferrals[1]).Hints(true))["tls"]
	if len(tls) != 1 || tls[0].Subject != "tlsproxy_missing" {
		var titles []string
		for _, h := range tls {
			titles = append(titles, h.Title+": "+strings.Join(h.Actions, "; "))
		}
		t.Errorf("tls hints %q, want the tlsproxy one alone", titles)
	}
	// A relayhost's deferrals are this host's as well.
	viaRelay := []string{missing(0)}
	for i, dom := range []string{"a.example", "b.example", "c.example"} {
		viaRelay = append(viaRelay, relayed(i+1, dom, fail))
	}
	for _, h := range hintIDs(feed(viaRelay...).Hints(true))["tls"] {
		if h.Subject != "tlsproxy_missing" {
			t.Errorf("relayed deferral gave %q: %q", h.Title, h.Actions)
		}
	}
	if got := hintIDs(feed(deferrals...).Hints(true))["tls"]; len(got) != 2 {
		t.Errorf("without tlsproxy lines: %d tls hints, want one per destination", len(got))
	}
	// postscreen's line says nothing of the smtp client, which without
	// connection reuse does TLS itself: its failures are the servers'.
	ps := stamp(0) + " mx postfix/postscreen[181]: warning: connect to private/tlsproxy service: No such file or directory"
	if got := hintIDs(feed(append([]string{ps}, deferrals...)...).Hints(true))["tls"]; len(got) != 3 {
		t.Errorf("postscreen's tlsproxy line: %d tls hints, want its own and one per destination", len(got))
	}
}

// mail_queue_enter's error names why a queue file could not be created:
// a read-only queue filesystem or a process out of file descriptors is
// not fixed by resetting the queue's owners and modes.
func TestQueueEnterAdviceFollowsTheError(t *testing.T) {
	for _, c := range []struct{ line, subject, want string }{
		{"Jan  5 08:00:00 relay postfix/cleanup[412]: warning: mail_queue_enter: create file incoming/771234.412: Read-only file system", "queue_read_only", "remount"},
		{"Jan  5 08:00:00 relay postfix/cleanup[413]: warning: mail_queue_enter: create file incoming/771240.413: Too many open files", "queue_open_files", "LimitNOFILE"},
		{"postdrop: warning: mail_queue_enter: create file maildrop/88121.77: Too many open files", "queue_open_files", "LimitNOFILE"},
		// A queue subdirectory that does not exist (an empty volume
		// mounted over the queue): postfix check creates it.
		{"Jan  5 08:00:00 relay postfix/postdrop[414]: warning: mail_queue_enter: create file maildrop/771250.414: No such file or directory", "queue_subdirectory_missing", "postfix check"},
	} {
		var found *Hint
		for _, h := range feed(c.line).Hints(true) {
			if h.Subject == c.subject {
				found = &h
				break
			}
		}
		if found == nil {
			t.Errorf("no %s hint from %q", c.subject, c.line)
			continue
		}
		text := strings.Join(found.Actions, "\n")
		if strings.Contains(text, "set-permissions") || !strings.Contains(text, c.want) {
			t.Errorf("%s advice: %q", c.subject, text)
		}
	}
}

// smtpd's own 452 4.3.1 refusal at MAIL FROM is its queue-space check,
// with or without the warning that gives the free bytes; the same words
// in a next hop's reply are that host's disk, not this one's.
func TestInsufficientStorageRejectIsQueueSpace(t *testing.T) {
	line := "Feb 11 14:20:07 gw postfix/smtpd[5120]: NOQUEUE: reject: MAIL from client.example.net[198.51.100.40]: 452 4.3.1 Insufficient system storage; proto=ESMTP helo=<client.example.net>"
	var found bool
	for _, h := range feed(line).Hints(true) {
		if h.ID == sources.HintDaemonCrash && strings.Contains(strings.Join(h.Actions, "\n"), "message_size_limit") {
			found = true
		}
	}
	if !found {
		t.Errorf("no queue-space hint from %q", line)
	}
	remote := "Feb 11 14:20:07 gw postfix/smtp[5121]: 5D1E2A0B3C: to=<ann@example.org>, relay=mx.example.org[192.0.2.30]:25, delay=2, delays=0.1/0/1/0.9, dsn=4.3.1, status=deferred (host mx.example.org[192.0.2.30] said: 452 4.3.1 Insufficient system storage (in reply to MAIL FROM command))"
	for _, h := range feed(remote).Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			t.Errorf("a next hop's full disk gave %s (%s)", h.ID, h.Subject)
		}
	}
}

// record.c's other complaints about a queue file's records (a length cut
// off, a length no record has, a pointer record that points nowhere) are
// the same damage as a file cut short, and get the same advice.
func TestDamagedQueueFileRecords(t *testing.T) {
	for _, line := range []string{
		"Apr  2 03:14:15 edge postfix/qmgr[880]: warning: active/7C3B2D1E90: unexpected EOF reading length, record type 78",
		"Apr  2 03:14:15 edge postfix/smtp[881]: warning: active/7C3B2D1E91: illegal length -5, record type 78",
		"Apr  2 03:14:15 edge postfix/qmgr[880]: warning: deferred/7C3B2D1E92: too many length bits, record type 77",
		"Apr  2 03:14:15 edge postfix/qmgr[880]: warning: active/7C3B2D1E93: malformed pointer record value: 00000000x12",
		"Apr  2 03:14:15 edge postfix/cleanup[882]: warning: incoming/7C3B2D1E94: too many reverse jump records",
	} {
		hs := feed(line).Hints(true)
		if len(hs) == 0 || hs[0].ID != sources.HintDaemonCrash {
			t.Errorf("%q: want a daemon_crash hint, got %+v", line, hs)
			continue
		}
		acts := strings.Join(hs[0].Actions, " | ")
		for _, want := range []string{"postsuper -h", "postcat -q"} {
			if !strings.Contains(acts, want) {
				t.Errorf("%q: advice lacks %q: %s", line, want, acts)
			}
		}
	}
}

// OpenSSL 3 reports a peer's close without close_notify as an error;
// Postfix 3.8 (and 3.7.4, 3.6.8, 3.5.18) asks OpenSSL to take it as a
// normal end. The warning names a Postfix release from before that, not
// a TLS setting to change.
func TestUnexpectedEOFNamesThePostfixRelease(t *testing.T) {
	for _, line := range knownLines["tls_unexpected_eof"] {
		var up *Hint
		for _, h := range feed(line).Hints(true) {
			if h.ID == "upgrade_change" {
				up = &h
			}
			if h.ID == "tls" && h.Severity > SevInfo {
				t.Errorf("tls hint at %s for a peer's hang-up: %q", h.Severity, line)
			}
		}
		if up == nil {
			t.Fatalf("no upgrade_change hint from %q", line)
		}
		if up.Severity != SevInfo {
			t.Errorf("upgrade_change hint at %s: the warning is harmless", up.Severity)
		}
		// No upgrade is seen: the hint says what the release lacks, not
		// what changed at an upgrade.
		if strings.Contains(up.Title, "upgrade") || slices.ContainsFunc(up.Actions, func(a string) bool { return strings.Contains(a, "before the upgrade") }) {
			t.Errorf("hint speaks of an upgrade: %q %q", up.Title, up.Actions)
		}
		text := strings.Join(append(up.Evidence, up.Actions...), " ")
		for _, want := range []string{"3.7.4", "3.6.8", "3.5.18", "close_notify"} {
			if !strings.Contains(text, want) {
				t.Errorf("advice does not name %s: %q", want, text)
			}
		}
	}
}

// EDQUOT when a queue file is created or written is the file owner's
// filesystem quota (the postfix user's for the incoming queue, the
// submitting user's for a maildrop file, which postdrop writes under the
// user's own uid), not the queue's owners or modes.
func TestQueueFileOverQuota(t *testing.T) {
	for _, line := range []string{
		"Jun 17 22:41:09 web1 postfix/postdrop[30211]: warning: mail_queue_enter: create file maildrop/552310.30211: Disk quota exceeded",
		"Jun 17 22:41:09 web1 postfix/cleanup[30212]: warning: mail_queue_enter: create file incoming/552311.30212: Disk quota exceeded",
		"postdrop: warning: uid=1004: Disk quota exceeded",
	} {
		hs := feed(line).Hints(true)
		if len(hs) == 0 || hs[0].ID != sources.HintDaemonCrash {
			t.Errorf("%q: want a daemon_crash hint, got %+v", line, hs)
			continue
		}
		acts := strings.Join(hs[0].Actions, " | ")
		if strings.Contains(acts, "set-permissions") || !strings.Contains(acts, "quota") {
			t.Errorf("%q: advice %s", line, acts)
		}
	}
}

// An EECDH grade this Postfix does not know (2.6 to 3.5 warn): "auto"
// came with 3.2, so a setting written for a newer Postfix turns ECDHE off
// on an older one. The advice names the setting and the release.
func TestInvalidEECDHGradeNamesTheSetting(t *testing.T) {
	var tls *Hint
	for _, h := range feed(knownLines["tls_eecdh_grade_invalid"][0]).Hints(true) {
		if h.ID == "tls" {
			tls = &h
		}
	}
	if tls == nil {
		t.Fatal("no tls hint")
	}
	if tls.Side != "inbound" {
		t.Errorf("side %s, want inbound: only smtpd's side chooses the curve", tls.Side)
	}
	text := strings.Join(append(tls.Evidence, tls.Actions...), " ")
	for _, want := range []string{"smtpd_tls_eecdh_grade", "strong", "3.2"} {
		if !strings.Contains(text, want) {
			t.Errorf("advice does not name %s: %q", want, text)
		}
	}
}

// A parameter that only a newer Postfix knows is unused on this one: the
// advice says so and names the release in force, next to a typo.
func TestUnusedParameterNamesTheRelease(t *testing.T) {
	var h *Hint
	for _, x := range feed("Nov 28 10:00:00 mx postfix/postconf[90]: warning: /etc/postfix/master.cf: unused parameter: smtpd_forbid_bare_newline=normalize").Hints(true) {
		if x.ID == sources.HintConfigError {
			h = &x
		}
	}
	if h == nil {
		t.Fatal("no config_error hint")
	}
	text := strings.Join(append(h.Evidence, h.Actions...), " ")
	for _, want := range []string{"newer Postfix", "mail_version"} {
		if !strings.Contains(text, want) {
			t.Errorf("advice does not name %s: %q", want, text)
		}
	}
}

// A process limit that neither the master's warning nor the configuration
// read gives is not guessed: a number set from a guess could lower a
// limit raised before. The hint reads the limit and says how to raise it,
// with no change to apply; with master.cf read, it doubles the real one.
func TestProcessLimitUnknownIsNotGuessed(t *testing.T) {
	line := stamp(1) + " mx postfix/postscreen[2]: NOQUEUE: reject: CONNECT from [198.51.100.7]:40028: all server ports busy"
	var h *Hint
	for _, x := range feed(line).Hints(true) {
		if x.ID == "process_limit" {
			h = &x
		}
	}
	if h == nil {
		t.Fatal("no process_limit hint")
	}
	acts := strings.Join(h.Actions, "\n")
	if len(h.Changes) > 0 || strings.Contains(h.Title, "maxproc 100") || regexp.MustCompile(`process_limit = [0-9]`).MatchString(acts) || !strings.Contains(acts, "postconf -F smtpd/pass/process_limit") {
		t.Errorf("unknown limit guessed: title %q changes %+v actions %q", h.Title, h.Changes, acts)
	}
	e := NewEngine(0)
	svc := sources.Service{Name: "smtpd", Type: "pass", MaxProcRaw: "50", MaxProc: 50}
	e.SetConfig(&sources.Config{Params: map[string]string{}, Explicit: map[string]string{}, Services: []sources.Service{svc}})
	feedInto(e, line)
	for _, x := range e.Hints(true) {
		if x.ID == "process_limit" && (len(x.Changes) != 1 || x.Changes[0].Value != "100" || !strings.Contains(x.Title, "maxproc 50")) {
			t.Errorf("known limit 50: title %q changes %+v", x.Title, x.Changes)
		}
	}
}

// The LMTP client that cannot resolve its next hop (a mailbox server
// named in virtual_transport or mailbox_transport) is looked at through
// its own parameters, not the SMTP client's.
func TestDNSHintForLMTPNamesItsParameters(t *testing.T) {
	var lines []string
	for i := range 3 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/lmtp[30%d]: 3F2A1C0A4%d: to=<u%d@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=dovecot.internal type=A: Host not found)", stamp(i), i, i, i))
	}
	var acts, ev string
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "dns" {
			acts, ev = strings.Join(h.Actions, "\n"), strings.Join(h.Evidence, "\n")
		}
	}
	if !strings.Contains(ev, "mailbox server") || strings.Contains(ev, "MX host") {
		t.Errorf("evidence for the LMTP client's next hop: %q", ev)
	}
	if !strings.Contains(acts, "lmtp_host_lookup") || !strings.Contains(acts, "virtual_transport") {
		t.Errorf("dns advice for the LMTP client: %q", acts)
	}
	if strings.Contains(acts, " smtp_host_lookup") {
		t.Errorf("the SMTP client's parameter for an LMTP failure: %q", acts)
	}
}

// A delivery command that fails with Permission denied where the file
// modes allow it is, on an SELinux host, a policy denial: the advice says
// where to look for it.
func TestDeliveryCommandNamesSELinux(t *testing.T) {
	var text string
	for _, h := range feed(knownLines["pipe_command_died"][0]).Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			text = hintText(h)
		}
	}
	if !strings.Contains(text, "SELinux") || !strings.Contains(text, "ausearch -m avc") {
		t.Errorf("no SELinux pointer: %s", text)
	}
}

// Without master.cf read, whether the delivery agents run chrooted is not
// known: the DNS hint says to compare the resolver file with the copy a
// chrooted agent reads, which is the fix when the copy is stale.
func TestDNSHintWithoutConfigNamesTheChrootCopy(t *testing.T) {
	var lines []string
	for i := range 3 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[40%d]: 4F2A1C0A4%d: to=<u%d@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again)", stamp(i), i, i, i))
	}
	var acts string
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "dns" && h.Side == "outbound" {
			acts = strings.Join(h.Actions, "\n")
		}
	}
	if !strings.Contains(acts, "etc/resolv.conf") || !strings.Contains(acts, "queue_directory") {
		t.Errorf("no chroot copy of resolv.conf in the advice: %q", acts)
	}
}

// DNSBLs that name clients are the lists at work: the hint says so in
// its title rather than calling it blocklist trouble.
func TestWorkingBlocklistIsNoTrouble(t *testing.T) {
	for _, id := range []string{"postscreen_dnsbl_rank", "dnsbl_reject"} {
		for _, h := range feed(knownLines[id]...).Hints(true) {
			if h.ID == sources.HintBlocklist && (strings.Contains(h.Title, "trouble") || !strings.Contains(h.Title, "at work")) {
				t.Errorf("%s: title %q", id, h.Title)
			}
		}
	}
}

// Queue files touched from outside: a maildrop file postdrop did not
// write, a queue file with a second hard link, a queue filesystem whose
// clock differs from this host's. Each names what to look at, and only a
// clock ahead of this host's (every new message slowed) is a warning.
func TestQueueFilesTouchedFromOutside(t *testing.T) {
	for _, tc := range []struct {
		line, want string
		sev        Severity
	}{
		{"Jun  3 08:00:01 relay postfix/pickup[4410]: warning: uid=1001: unexpected or malformed record type 82", "maildrop", SevWarning},
		{"Jun  3 08:00:01 relay postfix/qmgr[4411]: warning: active/4B7D2A9F1: uid 0: file has 3 links", "-samefile", SevWarning},
		{"Jun  3 08:00:01 relay postfix/cleanup[4412]: warning: file system clock is 3605 seconds ahead of local clock", "NTP", SevWarning},
		{"Jun  3 08:00:01 relay postfix/cleanup[4412]: warning: file system clock is 200 seconds behind local clock", "NTP", SevInfo},
	} {
		hs := feed(tc.line).Hints(true)
		if len(hs) == 0 {
			t.Errorf("%q: no hint", tc.line)
			continue
		}
		if acts := strings.Join(hs[0].Actions, " | "); !strings.Contains(acts, tc.want) || hs[0].Severity != tc.sev {
			t.Errorf("%q: want %s advice naming %q, got %s %q", tc.line, tc.sev, tc.want, hs[0].Severity, acts)
		}
	}
}

// local(8)'s own deferral when alias_maps cannot be read: the warning
// that says why may be missing from the log (rotated away, or logged by
// a table's client elsewhere), and the deferrals alone still name the
// alias table.
func TestAliasDatabaseUnavailableDeferrals(t *testing.T) {
	line := func(i int) string {
		return fmt.Sprintf("Mar  9 07:1%d:00 gw postfix/local[31%d]: 6D2E4F1A0%d: to=<ops@gw.example.net>, orig_to=<ops>, relay=local, delay=1, delays=0.1/0/0/0.9, dsn=4.3.0, status=deferred (alias database unavailable)", i, i, i)
	}
	hs := hintIDs(feed(line(1), line(2)).Hints(true))[sources.HintLookupFailure]
	if len(hs) != 1 {
		t.Fatalf("want a lookup_failure hint for local's alias deferrals, got %+v", hs)
	}
	if acts := strings.Join(hs[0].Actions, " | "); !strings.Contains(acts, "newaliases") || !strings.Contains(acts, "alias_maps") {
		t.Errorf("advice should name newaliases and alias_maps: %q", acts)
	}
}

// One postscreen warning that smtpd did not take a client in time is a
// moment's peak (or one smtpd slow to accept): info until it repeats,
// when every smtpd being busy is what it says.
func TestSingleHandoffTimeoutIsInfo(t *testing.T) {
	line := func(s int) string {
		return fmt.Sprintf("Jul 14 22:0%d:00 edge postfix/postscreen[812]: warning: timeout sending connection to service smtpd", s)
	}
	pl := hintIDs(feed(line(1)).Hints(true))["process_limit"]
	if len(pl) != 1 || pl[0].Severity != SevInfo {
		t.Fatalf("one hand-off timeout: want an info process_limit hint, got %+v", pl)
	}
	pl = hintIDs(feed(line(1), line(2)).Hints(true))["process_limit"]
	if len(pl) != 1 || pl[0].Severity < SevWarning {
		t.Fatalf("repeated hand-off timeouts: want at least a warning, got %+v", pl)
	}
}

// The master's reports of a service that died (exit status, bad command
// startup) follow the fatal line that says why: the hint is named after
// that cause, leads with its evidence and fix, and quotes the fatal line
// once however many reports point at it.
func TestCrashHintLeadsWithTheCause(t *testing.T) {
	hs := hintIDs(feed(
		"Aug  5 04:10:01 box postfix/postlogd[321]: fatal: open logfile '/srv/log/postfix.log': Permission denied",
		"Aug  5 04:10:02 box postfix/master[300]: warning: process /usr/libexec/postfix/postlogd pid 321 exit status 1",
		"Aug  5 04:10:02 box postfix/master[300]: warning: /usr/libexec/postfix/postlogd: bad command startup -- throttling",
	).Hints(true))[sources.HintDaemonCrash]
	if len(hs) != 1 {
		t.Fatalf("want one daemon_crash hint, got %+v", hs)
	}
	h := hs[0]
	if h.Subject != "maillog_file_open_failed" {
		t.Errorf("hint named after %q, want the cause maillog_file_open_failed: %q", h.Subject, h.Title)
	}
	if len(h.Evidence) == 0 || !strings.HasPrefix(h.Evidence[0], "maillog_file_open_failed") {
		t.Errorf("evidence should lead with the cause: %q", h.Evidence)
	}
	if n := strings.Count(strings.Join(h.Evidence, "\n"), "the fatal line before it"); n > 1 {
		t.Errorf("the fatal line is quoted %d times: %q", n, h.Evidence)
	}
}

// dovecot-lda delivering root's mail runs as default_privs, never as root:
// the advice sends root's mail to a real user instead of handing /root or
// the mail tree to another owner.
func TestRootMailThroughMailboxCommandAliasesRoot(t *testing.T) {
	for _, id := range []string{"dovecot_lda_root", "mailbox_command_root"} {
		var text string
		for _, h := range feed(knownLines[id][0]).Hints(true) {
			text += hintText(h)
		}
		if !strings.Contains(text, "default_privs") || !strings.Contains(text, "newaliases") {
			t.Errorf("%s: no alias for root: %s", id, text)
		}
		if strings.Contains(text, "chown -R vmail") {
			t.Errorf("%s: hands the tree to vmail: %s", id, text)
		}
	}
}

// local(8) runs commands too (mailbox_command, "| command" in aliases and
// .forward files) and kills them at its own limit: the advice names the
// limit of the agent that logged the line.
func TestCommandTimeLimitNamesEachAgentsLimit(t *testing.T) {
	var text string
	for _, h := range feed(knownLines["pipe_time_limit"][1]).Hints(true) {
		text += hintText(h)
	}
	for _, want := range []string{"local(8)", "mailbox_command", "command_time_limit", "_time_limit"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q: %s", want, text)
		}
	}
	if strings.Contains(text, "the program a master.cf pipe entry runs") {
		t.Errorf("local's command read as a pipe entry's: %s", text)
	}
}

// A client that hangs up after postscreen's 450 in the tests after its
// greeting, and that postscreen then passes (PASS NEW for the same
// [address]:port), did what it was told: no inbound_limits hint. A
// hangup whose session did not pass, or a different session's PASS NEW,
// still counts.
func TestPostscreenHangupThenPassNew(t *testing.T) {
	const (
		hangup = "Nov 28 10:00:01 mx postfix/postscreen[310]: HANGUP after 0.4 from [198.51.100.20]:40001 in tests after SMTP handshake"
		pass   = "Nov 28 10:00:01 mx postfix/postscreen[310]: PASS NEW [198.51.100.20]:40001"
		other  = "Nov 28 10:00:01 mx postfix/postscreen[310]: PASS NEW [198.51.100.20]:40002"
		before = "Nov 28 10:00:01 mx postfix/postscreen[310]: HANGUP after 3.1 from [198.51.100.21]:40003 in tests before SMTP handshake"
	)
	has := func(e *Engine) bool {
		for _, h := range e.Hints(true) {
			if h.ID == "inbound_limits" {
				return true
			}
		}
		return false
	}
	if has(feed(hangup, pass)) {
		t.Errorf("a hangup whose session then passed gave an inbound_limits hint")
	}
	if !has(feed(hangup, other)) {
		t.Errorf("a hangup followed by another session's PASS NEW gave no inbound_limits hint")
	}
	if !has(feed(hangup, pass, before)) {
		t.Errorf("a hangup before the greeting gave no inbound_limits hint")
	}
	if !has(feed(hangup)) {
		t.Errorf("a hangup alone gave no inbound_limits hint")
	}
}

// A submission service (master.cf's stock syslog names postfix/submission,
// postfix/smtps, postfix/submissions) answers "Client host rejected:
// Access denied" from its -o smtpd_client_restrictions=
// permit_sasl_authenticated,reject: the client did not log in. Its
// clients are this site's users on addresses without a reverse name, so
// the refusal is read though the client is unknown, and the advice turns
// the mail program's login on; it never puts the user's address in
// mynetworks nor drops the reject. The same words on port 25 from an
// unknown client stay unread.
func TestSubmissionAccessDeniedAsksTheClientToLogIn(t *testing.T) {
	for _, tag := range []string{"postfix/submission/smtpd", "postfix/smtps/smtpd", "postfix-out/submissions/smtpd"} {
		line := "Apr 7 09:12:01 mx " + tag + "[4411]: NOQUEUE: reject: RCPT from unknown[203.0.113.45]: 554 5.7.1 <unknown[203.0.113.45]>: Client host rejected: Access denied; from=<dana@example.org> to=<erik@example.net> proto=ESMTP helo=<[10.1.2.3]>"
		h := hintOf(t, feed(line), sources.HintConfigError)
		all := strings.Join(h.Actions, "\n")
		if !strings.Contains(all, "did not log in") || !strings.Contains(all, "authentication") {
			t.Errorf("%s: advice does not turn the mail program's login on: %q", tag, h.Actions)
		}
		if strings.Contains(all, "add that address") || strings.Contains(all, "backup MX") {
			t.Errorf("%s: advice points away from the login: %q", tag, h.Actions)
		}
	}
	e := feed("Apr 7 09:12:01 mx postfix/smtpd[4411]: NOQUEUE: reject: RCPT from unknown[203.0.113.45]: 554 5.7.1 <unknown[203.0.113.45]>: Client host rejected: Access denied; from=<spam@example.org> to=<erik@example.net> proto=ESMTP helo=<bot>")
	for _, h := range e.Hints(true) {
		if h.Subject == "restriction_access_denied" {
			t.Errorf("port 25's unknown client is read: %+v", h)
		}
	}
}

// A client refused for its reverse name on port 25 may be this site's own
// device or mail program (a printer sending scans, an office behind NAT):
// the advice sends it to the submission port with a login, besides what it
// says of bots and of this host's resolver.
func TestReverseNameRefusalNamesTheSubmissionPort(t *testing.T) {
	line := "Jun 3 08:40:12 mx postfix/smtpd[902]: NOQUEUE: reject: RCPT from unknown[192.0.2.77]: 450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.77]; from=<scanner@example.org> to=<frank@example.org> proto=ESMTP helo=<[10.0.0.40]>"
	h := hintOf(t, feed(line), "reverse_dns")
	all := strings.Join(h.Actions, "\n")
	if !strings.Contains(all, "587") || !strings.Contains(all, "log") {
		t.Errorf("advice does not send this site's own device to the submission port: %q", h.Actions)
	}
	if !strings.Contains(all, "dig -x") {
		t.Errorf("advice lost the resolver check: %q", h.Actions)
	}
}

// A receiver that says the DKIM signature's body hash did not verify saw a
// signature made before the message changed: the sender-authentication
// hint names what alters mail after signing, not only the DNS records.
func TestSenderAuthBodyHashNamesChangeAfterSigning(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/smtp[254]: 3F2A1C0A64: to=<ann@example.net>, relay=mx.example.net[192.0.2.27]:25, delay=0.8, delays=0.1/0/0.2/0.5, dsn=5.7.1, status=bounced (host mx.example.net[192.0.2.27] said: 550 5.7.1 Message rejected: DKIM signature invalid (body hash did not verify) for example.org (in reply to end of DATA command))"
	rd := hintIDs(feed(line).Hints(true))["reverse_dns"]
	if len(rd) != 1 {
		t.Fatalf("hints: %+v", rd)
	}
	var acts []string
	for _, a := range rd[0].Steps {
		acts = append(acts, a.Text)
	}
	all := strings.Join(acts, "\n")
	if !strings.Contains(all, "after") || !strings.Contains(all, "content_filter") {
		t.Errorf("steps do not name what changes the message after signing: %q", all)
	}
}

// The mail store's own failures: virtual(8) words an mbox failure as
// "delivery failed to mailbox PATH: ", local(8) as "cannot update mailbox
// PATH for user USER. ", both agents a Maildir one as "maildir delivery
// failed: "; mbox_dsn() makes EFBIG and EDQUOT 5.2.2 and ENOSPC 4.3.0.
func TestMailStoreFailures(t *testing.T) {
	// A full mbox under virtual(8) is virtual_mailbox_limit's.
	for _, line := range knownLines["virtual_mailbox_too_large"] {
		hs := hintIDs(feed(line).Hints(true))[sources.HintConfigError]
		if len(hs) != 1 {
			t.Fatalf("want one config_error hint for %q, got %+v", line, hs)
		}
		ev := strings.Join(hs[0].Evidence, " | ")
		if !strings.Contains(ev, "virtual_mailbox_limit") {
			t.Errorf("virtual mbox limit not named: %s", ev)
		}
	}
	// A Maildir file too large is one message over the limit, not a full
	// mailbox: no advice to empty it or to move to Maildir.
	for _, line := range knownLines["maildir_file_too_large"] {
		hs := hintIDs(feed(line).Hints(true))[sources.HintConfigError]
		if len(hs) != 1 {
			t.Fatalf("want one config_error hint for %q, got %+v", line, hs)
		}
		text := strings.Join(hs[0].Evidence, " | ") + strings.Join(hs[0].Actions, " | ")
		if !strings.Contains(text, "message_size_limit") {
			t.Errorf("maildir limit advice lacks message_size_limit: %s", text)
		}
		for _, bad := range []string{"move mailboxes to Maildir", "empty or archive", "is 0 (no limit) while"} {
			if strings.Contains(text, bad) {
				t.Errorf("maildir file too large advises %q: %s", bad, text)
			}
		}
		if hs[0].Severity < SevWarning {
			t.Errorf("maildir file too large only %s", hs[0].Severity)
		}
	}
	// A full mail store is not a Postfix program down, and not the queue.
	for _, line := range slices.Concat(knownLines["mailbox_no_space"], knownLines["maildir_no_space"]) {
		ids := hintIDs(feed(line).Hints(true))
		if len(ids[sources.HintDaemonCrash]) != 0 {
			t.Errorf("mail store full gives a daemon_crash hint: %q", line)
		}
		mb := ids[sources.HintMailbox]
		if len(mb) != 1 {
			t.Fatalf("want one mailbox_delivery hint for %q, got %+v", line, ids)
		}
		if mb[0].Severity < SevWarning {
			t.Errorf("mail store full only %s", mb[0].Severity)
		}
		if acts := strings.Join(mb[0].Actions, " | "); !strings.Contains(acts, "df -h") {
			t.Errorf("mail store full advice lacks df -h: %s", acts)
		}
	}
}

// smtpd refusing a recipient with an X.2.2 reply (Dovecot's quota-status
// policy service) is this site's own mailbox full: advice about the
// mailbox, never to remove the check; a client's envelope cannot make it.
func TestRecipientMailboxFullReject(t *testing.T) {
	for _, line := range knownLines["recipient_mailbox_full_reject"] {
		hs := feed(line).Hints(true)
		mb := hintIDs(hs)[sources.HintMailbox]
		if len(mb) != 1 || len(hs) != 1 {
			t.Fatalf("want one mailbox_delivery hint for %q, got %+v", line, hs)
		}
		if mb[0].Severity != SevInfo {
			t.Errorf("a full mailbox's refusal is %s", mb[0].Severity)
		}
		text := strings.Join(mb[0].Evidence, " | ") + " " + strings.Join(mb[0].Actions, " | ")
		if !strings.Contains(text, "doveadm quota get") || !strings.Contains(text, "backscatter") {
			t.Errorf("advice lacks the quota check or the warning: %s", text)
		}
	}
	// The same words in what the client sends are not the reply.
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[84]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 <b@example.org>: Relay access denied; from=<mailbox.is.full.5.2.2@example.net> to=<b@example.org> proto=ESMTP helo=<mailbox-is-full>",
		"Nov 28 10:00:00 mx postfix/smtpd[85]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown in virtual mailbox table; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 10:00:00 mx postfix/smtpd[86]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 <\"x.2.2 recipient address rejected: \"@example.org>: Relay access denied; from=<a@example.net> to=<\"x.2.2 recipient address rejected: \"@example.org> proto=ESMTP helo=<c.example.net>",
	} {
		if mb := hintIDs(feed(line).Hints(true))[sources.HintMailbox]; len(mb) != 0 {
			t.Errorf("%q gave a mailbox hint: %+v", line, mb)
		}
	}
}

// local(8)'s and virtual(8)'s panic on a queue file over their file size
// limit: the limit's advice and a way to stop the repeats, not a crash to
// read.
func TestFileSizeLimitPanic(t *testing.T) {
	line := knownLines["file_size_limit_panic"][0]
	hs := feed(line).Hints(true)
	cfg := hintIDs(hs)[sources.HintConfigError]
	if len(cfg) != 1 || hs[0].ID != sources.HintConfigError || cfg[0].Severity != SevCritical {
		t.Fatalf("want a critical config_error hint first, got %+v", hs)
	}
	text := strings.Join(cfg[0].Evidence, " | ") + " " + strings.Join(cfg[0].Actions, " | ")
	for _, want := range []string{"mailbox_size_limit", "virtual_mailbox_limit", "postsuper -h"} {
		if !strings.Contains(text, want) {
			t.Errorf("file size limit panic advice lacks %q: %s", want, text)
		}
	}
}

// A fatal line of a program a user or script runs (sendmail, postdrop,
// postqueue, postsuper, postmap) ends that run: no master starts it again
// after a delay, as it does a service, so the hint must not say so.
func TestUserCommandFatalIsNoThrottledService(t *testing.T) {
	const throttle = "the master restarts it only after a delay"
	cautions := func(lines ...string) string {
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == sources.HintConfigError {
				return strings.Join(h.Cautions, " ")
			}
		}
		return "(no hint)"
	}
	for _, l := range []string{
		"Nov 28 10:00:00 mx postfix/sendmail[7832]: fatal: open /etc/postfix/main.cf: Permission denied",
		"postfix/postdrop[2210]: fatal: chdir /var/spool/postfix: Permission denied",
	} {
		c := cautions(l)
		if strings.Contains(c, throttle) || !strings.Contains(c, "run it again") {
			t.Errorf("%q: cautions %q", l, c)
		}
	}
	if c := cautions("Nov 28 10:00:00 mx postfix/smtpd[5]: fatal: open /etc/postfix/main.cf: Permission denied"); !strings.Contains(c, throttle) {
		t.Errorf("smtpd's fatal line: cautions %q", c)
	}
}

// At smtp_tls_security_level = dane (or dane-only) with no policy table,
// the smtp client verifies a server only by its destination's TLSA
// records (without usable ones dane falls back to unauthenticated TLS),
// so "Server certificate not verified" is those records not matching,
// even after a session logged Trusted (Postfix 2.11 logs a public CA's
// chain so): the advice is the TLSA records, not a name to match.
func TestDANELevelUnverifiedIsTheTLSARecords(t *testing.T) {
	fail := deliv(3, "bank.example", "deferred", "Server certificate not verified")
	trusted := stamp(3) + " mx postfix/smtp[1003]: Trusted TLS connection established to mx.bank.example[192.0.2.4]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)"
	advice := func(conf string) string {
		e := feed(trusted, fail)
		params, _ := sources.ParseParams(strings.NewReader(conf))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		for _, h := range e.Hints(true) {
			if h.ID == "tls" && h.Subject == "bank.example" {
				return strings.Join(h.Actions, "\n")
			}
		}
		t.Fatalf("no tls hint for bank.example with %q", conf)
		return ""
	}
	for _, level := range []string{"dane", "dane-only"} {
		all := advice("smtp_tls_security_level = " + level + "\nsmtp_dns_support_level = dnssec\n")
		if !strings.Contains(all, "_25._tcp.mx.bank.example") || strings.Contains(all, "smtp_tls_secure_cert_match") {
			t.Errorf("at %s the advice is not the TLSA records:\n%s", level, all)
		}
	}
	// A policy table can give the destination verify or secure: then the
	// name to match stays the advice.
	all := advice("smtp_tls_security_level = dane\nsmtp_tls_policy_maps = hash:/etc/postfix/tls_policy\n")
	if !strings.Contains(all, "smtp_tls_secure_cert_match") {
		t.Errorf("with a policy table the name-match advice is lost:\n%s", all)
	}
}

// A TLSA query that fails through this host's resolver for one name is
// not yet the destination's fault: a forwarding or filtering resolver can
// turn a validated "no such name" into a failure for that name alone. The
// advice compares the answer with another validating resolver's before
// sending the admin to the destination's postmaster.
func TestTLSALookupErrorComparesResolvers(t *testing.T) {
	lines := []string{
		stamp(3) + " mx postfix/smtp[1003]: warning: DANE TLSA lookup problem: Host or domain name not found. Name service error for name=_25._tcp.mx.bank.example type=TLSA: Host not found, try again",
		stamp(3) + " mx postfix/smtp[1003]: warning: TLS policy lookup for bank.example/mx.bank.example: TLSA lookup error for mx.bank.example:25",
	}
	found := false
	for _, h := range feed(lines...).Hints(true) {
		if h.ID != "dns" {
			continue
		}
		all := strings.Join(h.Actions, "\n")
		if strings.Contains(all, "TLSA") {
			found = true
			if !strings.Contains(all, "delv") || !strings.Contains(all, "another validating resolver") {
				t.Errorf("TLSA lookup advice does not compare with another validating resolver:\n%s", all)
			}
		}
	}
	if !found {
		t.Fatal("no dns hint with TLSA advice")
	}
}

// dict_sockmap.c's "lookup error: unexpected disconnect" is a socketmap
// server that accepted the connection and closed it without an answer
// (Postfix reconnects once first): it is running and listening, so the
// advice is what it does with the key, not to start it.
func TestSocketmapDisconnectIsTheServersAnswer(t *testing.T) {
	line := stamp(3) + " mx postfix/smtp[1003]: warning: table socketmap:inet:127.0.0.1:8461:postfix lookup error: unexpected disconnect"
	var got []string
	for _, h := range feed(line).Hints(true) {
		got = append(got, h.Subject)
		if h.Subject == "socketmap_disconnect" {
			all := strings.Join(h.Actions, "\n")
			if strings.Contains(all, "start the program") || !strings.Contains(all, "own log") {
				t.Errorf("a server that accepted and closed the connection is sent to start it:\n%s", all)
			}
			return
		}
	}
	t.Fatalf("no socketmap_disconnect hint, got %v", got)
}

// The same Trusted session and failure where the configuration does not
// show a verifying level (none read, or "may" with no policy table: the
// level in force is set elsewhere, by a master.cf -o or a table the
// file did not show): the destination may be at dane, where match=
// plays no part, so the advice says so and gives the TLSA lookup. At a
// stated verify level without a table, match= alone is the advice.
func TestTrustedChainFailureAtUnknownLevelNamesDANE(t *testing.T) {
	fail := deliv(3, "bank.example", "deferred", "Server certificate not verified")
	trusted := stamp(3) + " mx postfix/smtp[1003]: Trusted TLS connection established to mx.bank.example[192.0.2.4]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)"
	advice := func(conf string) string {
		e := NewEngine(0)
		if conf != "-" {
			params, _ := sources.ParseParams(strings.NewReader(conf))
			e.SetConfig(&sources.Config{Params: params, Explicit: params})
		}
		feedInto(e, trusted, fail)
		for _, h := range e.Hints(true) {
			if h.ID == "tls" && h.Subject == "bank.example" {
				return strings.Join(h.Actions, "\n")
			}
		}
		t.Fatalf("no tls hint for bank.example with %q", conf)
		return ""
	}
	for _, conf := range []string{"-", "", "smtp_tls_security_level = may\n", "smtp_tls_security_level = verify\nsmtp_tls_policy_maps = hash:/etc/postfix/tls_policy\n"} {
		all := advice(conf)
		for _, w := range []string{"match=", "dane", "dig +dnssec TLSA _25._tcp.mx.bank.example"} {
			if !strings.Contains(all, w) {
				t.Errorf("%q: advice lacks %q:\n%s", conf, w, all)
			}
		}
	}
	if all := advice("smtp_tls_security_level = verify\n"); strings.Contains(all, "TLSA") || !strings.Contains(all, "match=") {
		t.Errorf("at a stated verify level the advice is match= alone:\n%s", all)
	}
}

// smtpd's "problem talking to server private/NAME" after its connect to
// that socket failed is the same failure, one stage on: it files under
// the socket's hint, naming the service, and gives no second hint that
// sends the admin to start a policy server.
func TestPolicySocketProblemJoinsTheSocketHint(t *testing.T) {
	connect := "Nov 28 10:00:00 mx postfix/smtpd[88]: warning: connect to private/policyd-spf: No such file or directory"
	talk := "Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/policyd-spf: No such file or directory"
	refused := "Nov 28 10:00:00 mx postfix/smtpd[88]: warning: problem talking to server private/policyd-spf: Connection refused"
	for _, lines := range [][]string{{connect, talk}, {talk}, {refused}} {
		hs := hintIDs(feed(lines...).Hints(true))
		if len(hs[sources.HintDaemonCrash]) != 0 {
			t.Errorf("%q: a second hint: %s", lines, hs[sources.HintDaemonCrash][0].Title)
		}
		cfg := hs[sources.HintConfigError]
		if len(cfg) != 1 {
			t.Fatalf("%q: want one config_error hint, got %v", lines, hs)
		}
		if acts := strings.Join(cfg[0].Actions, "\n"); !strings.Contains(acts, "postconf -M policyd-spf") {
			t.Errorf("%q: the hint does not show the service's master.cf entry:\n%s", lines, acts)
		}
	}
}

// At the dane levels the smtp client sends the TLSA base domain (the MX
// host) as SNI, so the handshake test asks for that name's certificate,
// not the recipient domain's.
func TestDANEHandshakeTestUsesTheMXHostAsSNI(t *testing.T) {
	fail := deliv(3, "bank.example", "deferred", "Server certificate not verified")
	trusted := stamp(3) + " mx postfix/smtp[1003]: Trusted TLS connection established to mx.bank.example[192.0.2.4]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)"
	e := feed(trusted, fail)
	params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = dane\nsmtp_dns_support_level = dnssec\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	for _, h := range e.Hints(true) {
		if h.ID != "tls" {
			continue
		}
		for _, a := range h.ActionSteps() {
			if a.Command && strings.HasPrefix(a.Text, "openssl s_client") && !strings.Contains(a.Text, "-servername mx.bank.example") {
				t.Errorf("the handshake test sends another name: %s", a.Text)
			}
		}
		return
	}
	t.Fatal("no tls hint")
}

// smtpd's 451 after a milter failed is that failure seen by a client: it
// joins the milter's hint on the host side instead of making a second,
// inbound hint of its own.
func TestMilterTempfailJoinsTheMilterFailure(t *testing.T) {
	hs := hintIDs(feed(
		"Nov 28 10:01:00 mx postfix/smtpd[201]: warning: milter inet:127.0.0.1:11332: can't read SMFIC_DATA reply packet header: Connection reset by peer",
		"Nov 28 10:01:00 mx postfix/smtpd[201]: NOQUEUE: milter-reject: DATA from mail.b.example[203.0.113.81]: 451 4.7.1 Service unavailable - try again later; from=<a@b.example> to=<c@here.example> proto=ESMTP helo=<mail.b.example>",
	).Hints(true))
	got := hs[sources.HintDaemonCrash]
	if len(got) != 1 {
		t.Fatalf("want one daemon_crash hint, got %d: %v", len(got), got)
	}
	if ev := strings.Join(got[0].Evidence, "\n"); !strings.Contains(ev, "milter_tempfail") || !strings.Contains(ev, "milter_reply") {
		t.Errorf("the hint should hold both lines' entries:\n%s", ev)
	}
	// Alone, the 451 is a greylisting milter's verdict, as before.
	hs = hintIDs(feed("Nov 28 10:01:00 mx postfix/smtpd[201]: NOQUEUE: milter-reject: DATA from mail.b.example[203.0.113.81]: 451 4.7.1 Service unavailable - try again later; from=<a@b.example> to=<c@here.example> proto=ESMTP helo=<mail.b.example>").Hints(true))
	if len(hs[sources.HintDaemonCrash]) != 0 {
		t.Errorf("a milter's own verdict alone gave %v", hs[sources.HintDaemonCrash])
	}
}

// postscreen without a dnsblog service (its stock master.cf line left
// commented out): the hint gives the line to add, as a command and a
// configuration change, and the reload; a master.cf read with its own
// dnsblog entry gets no line that would replace it.
func TestDnsblogMissingGivesTheEntry(t *testing.T) {
	const add = "postconf -M 'dnsblog/unix=dnsblog unix - - n - 0 dnsblog'"
	line := "Nov 28 10:00:00 mx postfix/postscreen[181]: warning: connect to private/dnsblog service: No such file or directory"
	h := hintOf(t, feedConfigured(line), "blocklist")
	cmds := commands(h)
	if !strings.Contains(cmds, add) || !strings.Contains(cmds, "postfix reload") {
		t.Errorf("commands %q", cmds)
	}
	if len(h.Changes) != 1 || h.Changes[0].Service != "dnsblog/unix" || h.Changes[0].Value != "dnsblog unix - - n - 0 dnsblog" {
		t.Errorf("changes %+v", h.Changes)
	}
	e := NewEngine(0)
	own := sources.Service{Name: "dnsblog", Type: "unix", Chroot: "y", MaxProcRaw: "0", Command: "dnsblog", Options: map[string]string{}}
	e.SetConfig(&sources.Config{Params: map[string]string{}, Explicit: map[string]string{}, Services: []sources.Service{own}})
	feedInto(e, line)
	if h := hintOf(t, e, "blocklist"); strings.Contains(commands(h), "postconf -M") || len(h.Changes) > 0 {
		t.Errorf("master.cf with dnsblog: commands %q, changes %+v", commands(h), h.Changes)
	}
}

// Postfix's warning that says what a fatal line stopped on comes first in
// the log, and is one that is normal in small numbers; the fatal line
// still names the hint and leads its steps: here an invalid system host
// name with no myhostname set, which stops Postfix, not a destination's
// bad domain.
func TestFatalLeadsTheWarningBeforeIt(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/master[1]: warning: valid_hostname: invalid character 95(decimal): my_app_1",
		"Nov 28 10:00:00 mx postfix/master[1]: fatal: unable to use my own hostname",
	)
	for _, h := range e.Hints(true) {
		if h.ID != sources.HintConfigError {
			continue
		}
		if h.Subject != "own_hostname_invalid" || h.Severity != SevCritical {
			t.Fatalf("hint named %s (%v), want own_hostname_invalid, critical", h.Subject, h.Severity)
		}
		if len(h.Actions) == 0 || !strings.Contains(h.Actions[0], "set myhostname in main.cf") {
			t.Errorf("first step %q, want the fatal line's", h.Actions)
		}
		return
	}
	t.Fatal("no config_error hint")
}

// A process limit reached while the sessions are clients failing to log
// in is a password-guessing flood: more processes feed it. The hint leads
// with stopping it (AUTH on the submission port only, a rate limit) and
// offers no raise of maxproc to apply.
func TestProcessLimitDuringALoginFloodLeadsWithTheFlood(t *testing.T) {
	lines := []string{stamp(0) + ` mx postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`}
	for i := range 60 {
		ip := fmt.Sprintf("203.0.113.%d", i+1)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: unknown[%s]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", stamp(i%5), 100+i, ip),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: lost connection after AUTH from unknown[%s]", stamp(i%5), 100+i, ip))
	}
	e := NewEngine(0)
	svc := sources.Service{Name: "smtp", Type: "inet", MaxProcRaw: "100", MaxProc: 100}
	e.SetConfig(&sources.Config{Params: map[string]string{"smtpd_sasl_auth_enable": "yes"}, Explicit: map[string]string{"smtpd_sasl_auth_enable": "yes"}, Services: []sources.Service{svc}})
	feedInto(e, lines...)
	var h *Hint
	for _, x := range e.Hints(true) {
		if x.ID == "process_limit" {
			h = &x
		}
	}
	if h == nil {
		t.Fatal("no process_limit hint")
	}
	acts := strings.Join(h.Actions, "\n")
	if len(h.Changes) > 0 || len(h.Actions) == 0 || !strings.Contains(h.Actions[0], "failed logins") || !strings.Contains(acts, "smtpd_client_auth_rate_limit") {
		t.Errorf("changes %+v, actions:\n%s", h.Changes, acts)
	}
}

// local(8)'s "unknown user" bounces with local_recipient_maps set empty in
// main.cf: smtpd accepts any local name, and the bounces go to senders
// that are often forged. The fix is to remove that setting, not the
// mydestination change that fits a virtual domain listed twice.
func TestUnknownLocalUserWithEmptyRecipientMaps(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`%s mx postfix/local[40%d]: 3F2A1C0A4%d: to=<x%d@mx1.example.org>, relay=local, delay=0.1, delays=0.1/0/0/0, dsn=5.1.1, status=bounced (unknown user: "x%d")`, stamp(i), i, i, i, i))
	}
	fixOf := func(explicit map[string]string) string {
		e := NewEngine(0)
		params := map[string]string{"mydestination": "$myhostname, localhost"}
		for k, v := range explicit {
			params[k] = v
		}
		e.SetConfig(&sources.Config{Params: params, Explicit: explicit})
		feedInto(e, lines...)
		for _, h := range e.Hints(true) {
			if h.ID == sources.HintConfigError {
				return strings.Join(h.Actions, "\n")
			}
		}
		t.Fatal("no config_error hint")
		return ""
	}
	got := fixOf(map[string]string{"local_recipient_maps": ""})
	if !strings.Contains(got, "postconf -X local_recipient_maps") || strings.Contains(got, "mydestination = localhost") {
		t.Errorf("with local_recipient_maps empty:\n%s", got)
	}
	// No virtual mailbox domain in mydestination: shrinking it would
	// only stop local mail; the name wants an alias or an account.
	if got := fixOf(map[string]string{}); strings.Contains(got, "mydestination = localhost") || !strings.Contains(got, "newaliases") {
		t.Errorf("with no virtual mailbox domain:\n%s", got)
	}
	if got := fixOf(map[string]string{"virtual_mailbox_domains": "example.com, example.org", "myhostname": "mx1.example.com"}); strings.Contains(got, "mydestination = localhost") || !strings.Contains(got, "newaliases") {
		t.Errorf("with virtual mailbox domains apart from mydestination:\n%s", got)
	}
	if got := fixOf(map[string]string{"virtual_mailbox_domains": "Example.ORG, example.net", "myhostname": "example.org"}); !strings.Contains(got, "keep the virtual mailbox domain out of mydestination") {
		t.Errorf("with a virtual mailbox domain also in mydestination:\n%s", got)
	}
	if got := fixOf(map[string]string{"virtual_mailbox_domains": "mysql:/etc/postfix/vdomains.cf", "myhostname": "example.org"}); !strings.Contains(got, "when a virtual mailbox domain is also in mydestination") {
		t.Errorf("with virtual mailbox domains in a table:\n%s", got)
	}
}

// A table older than its source still answers, with its old data: the
// hint does not say that mail waits (a failing table's 4xx); entries added
// since are refused for good, and their senders must send again.
func TestStaleTableCautionSaysRefusalsAreFinal(t *testing.T) {
	var h *Hint
	for _, x := range feed(stamp(0) + " mx postfix/smtpd[9]: warning: database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual").Hints(true) {
		if x.ID == "lookup_failure" {
			h = &x
		}
	}
	if h == nil {
		t.Fatal("no lookup_failure hint")
	}
	cautions := strings.Join(h.Cautions, "\n")
	if strings.Contains(cautions, "it is not lost") || !strings.Contains(cautions, "send again") {
		t.Errorf("cautions:\n%s", cautions)
	}
}

// local(8)'s "File too large" with mailbox_size_limit = 0: Postfix sets no
// file size limit then, so the limit is the process's or the filesystem's,
// not a parameter to raise.
func TestMailboxTooLargeWithNoLimit(t *testing.T) {
	line := stamp(0) + ` mx postfix/local[40]: 3F2A1C0A41: to=<bob@mx.example.org>, relay=local, delay=0.1, delays=0.1/0/0/0, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/bob for user bob. error writing message: File too large)`
	e := NewEngine(0)
	e.SetConfig(&sources.Config{Params: map[string]string{"mailbox_size_limit": "0"}, Explicit: map[string]string{"mailbox_size_limit": "0"}})
	feedInto(e, line)
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError {
			acts := strings.Join(h.Actions, "\n")
			if !strings.Contains(acts, "LimitFSIZE") || strings.Contains(acts, "raise mailbox_size_limit") {
				t.Errorf("actions:\n%s", acts)
			}
			return
		}
	}
	t.Fatal("no config_error hint")
}

// Recipients refused as unknown while a table is older than its source:
// they may be the entries added since, so the hint says so and leads with
// the rebuild, not "nothing for guessed addresses".
func TestUnknownRecipientsBesideAStaleTable(t *testing.T) {
	lines := []string{stamp(0) + " mx postfix/smtpd[9]: warning: database /etc/postfix/vmailbox.db is older than source file /etc/postfix/vmailbox"}
	for i := range 3 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[9]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 550 5.1.1 <new%d@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<a@example.net> to=<new%d@example.com> proto=ESMTP helo=<mail.example.net>", stamp(i+1), i, i))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID != sources.HintConfigError || !strings.Contains(strings.Join(h.Evidence, " "), "unknown_virtual_mailbox") {
			continue
		}
		if len(h.Actions) == 0 || !strings.HasPrefix(h.Actions[0], "first rebuild") {
			t.Errorf("actions:\n%s", strings.Join(h.Actions, "\n"))
		}
		if !strings.Contains(strings.Join(h.Evidence, "\n"), "older than its source") {
			t.Errorf("evidence:\n%s", strings.Join(h.Evidence, "\n"))
		}
		return
	}
	t.Fatal("no hint for the unknown recipients")
}

// In a report of a whole day, the failed logins are set against the day's
// connections, not the last quarter hour's: 100 bots' guesses among
// thousands of sessions are no flood that took the processes.
func TestProcessLimitLoginsAgainstTheWholeLog(t *testing.T) {
	lines := []string{stamp(0) + ` mx postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`}
	for i := range 3000 {
		lines = append(lines, fmt.Sprintf("Nov 28 %02d:%02d:%02d mx postfix/smtpd[%d]: connect from mail%d.example.net[198.51.100.%d]", 1+i/300, i/5%60, i%60, 100+i%50, i, i%250+1))
	}
	for i := range 100 {
		lines = append(lines, fmt.Sprintf("Nov 28 %02d:%02d:00 mx postfix/smtpd[%d]: warning: unknown[203.0.113.%d]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", 1+i/10, i%60, 100+i, i%250+1))
	}
	lines = append(lines, `Nov 28 11:30:00 mx postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`)
	lines = append(lines, "Nov 28 11:59:00 mx postfix/smtpd[1]: connect from late.example.net[198.51.100.9]")
	e := NewEngine(0)
	svc := sources.Service{Name: "smtp", Type: "inet", MaxProcRaw: "100", MaxProc: 100}
	e.SetConfig(&sources.Config{Params: map[string]string{}, Explicit: map[string]string{}, Services: []sources.Service{svc}})
	feedInto(e, lines...)
	for _, h := range e.Hints(true) {
		if h.ID == "process_limit" && (len(h.Changes) == 0 || strings.Contains(strings.Join(h.Actions, "\n"), "stop the flood")) {
			t.Errorf("100 failed logins among 3000 connections taken for a flood: %q", h.Actions)
		}
	}
}

// A backwards-compatible default that decides relaying (relay_domains,
// mynetworks_style) is a warning with the command that keeps it: raising
// compatibility_level as Postfix's notice says would refuse that mail.
func TestCompatRelayDefaultIsAWarningWithItsCommand(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`%s mx postfix/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain "lists.corp.example.com"`, stamp(i), 10+i))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID != "upgrade_change" {
			continue
		}
		if h.Severity < SevWarning || !strings.Contains(strings.Join(h.Actions, "\n"), "postconf -e 'relay_domains = $mydestination'") {
			t.Errorf("severity %v, actions:\n%s", h.Severity, strings.Join(h.Actions, "\n"))
		}
		return
	}
	t.Fatal("no upgrade_change hint")
}

// A relayhost refusing to relay bounces every message sent through it:
// 20 or more failures, to several domains, all through one next hop, is
// critical, not a warning.
func TestRelayhostRefusingIsCritical(t *testing.T) {
	var lines []string
	for i := range 24 {
		dom := []string{"gmail.com", "partner.example", "outlook.com"}[i%3]
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 7B72FCDA%02X: to=<u%d@%s>, relay=smtp.isp-relay.example[203.0.113.25]:587, delay=2.1, delays=0.1/0.01/1.2/0.8, dsn=5.7.1, status=bounced (host smtp.isp-relay.example[203.0.113.25] said: 554 5.7.1 <u%d@%s>: Relay access denied (in reply to RCPT TO command))", stamp(i%10), 100+i, i, i, dom, i, dom))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == sources.HintConfigError && h.Side == "outbound" {
			if h.Severity != SevCritical {
				t.Errorf("severity %v: %s", h.Severity, h.Title)
			}
			return
		}
	}
	t.Fatal("no outbound config_error hint")
}

// An LMTP socket that exists but keeps the postfix user out (EACCES)
// stops every delivery through it, as a missing one does: the advice is
// the socket's owner and mode for the user lmtp runs as, not a path or a
// chroot.
func TestLMTPSocketPermissionDenied(t *testing.T) {
	lmtp := func(i int, hop string) string {
		return fmt.Sprintf("%s mx postfix/lmtp[%d]: 5C2A1C%04X: to=<u%d@example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.org%s: Permission denied)",
			stamp(i*13), 500+i%3, i, i, hop)
	}
	for _, hop := range []string{"[private/dovecot-lmtp]", "[/run/dovecot/lmtp]"} {
		h := hintOf(t, feed(repeat(6, func(i int) string { return lmtp(i, hop) })...), sources.HintDaemonCrash)
		text := hintText(h)
		if h.Subject != "lmtp_socket_denied" || h.Severity != SevCritical {
			t.Errorf("%s: %s %s hint", hop, h.Severity, h.Subject)
		}
		for _, want := range []string{"mail_owner", "unix_listener", "user = postfix", "mode = 0600", "postqueue -f", "namei -l"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %q in the advice: %s", hop, want, text)
			}
		}
		if strings.Contains(text, "not running") {
			t.Errorf("%s: a socket that is there taken for a stopped server: %s", hop, text)
		}
	}
	// Over TCP no socket's mode refuses: a security policy does.
	h := hintOf(t, feed(lmtp(0, "[127.0.0.1]:24")), sources.HintDaemonCrash)
	if text := hintText(h); !strings.Contains(text, "TCP next hop") || !strings.Contains(text, "ausearch -m avc") {
		t.Errorf("TCP next hop: %s", text)
	}
}

// The advice for a milter's socket names the milter that failed, as its
// socket or port tells it, and that milter's own setting; a milter it
// cannot tell gets the setting in neutral words, never another milter's
// paths (which, followed, would swap a virus scanner for a DKIM signer).
func TestMilterSocketAdviceNamesTheMilter(t *testing.T) {
	line := func(addr, errno string) string {
		return fmt.Sprintf("Nov 28 10:00:00 mx postfix/smtpd[240]: warning: connect to Milter service %s: %s", addr, errno)
	}
	for _, c := range []struct {
		line       string
		want, miss []string
	}{
		{line("unix:/var/run/clamav/clamav-milter.ctl", "No such file or directory"), []string{"clamav-milter", "MilterSocket", "clamav-milter.conf", "unix:clamav/clamav-milter.ctl"}, []string{"opendkim"}},
		{line("unix:/run/clamav/clamav-milter.ctl", "Permission denied"), []string{"MilterSocketGroup postfix"}, []string{"opendkim"}},
		{line("unix:opendkim/opendkim.sock", "No such file or directory"), []string{"opendkim.conf", "unix:opendkim/opendkim.sock"}, []string{"clamav"}},
		{line("inet:127.0.0.1:8893", "Connection refused"), []string{"opendmarc.conf"}, []string{"opendkim"}},
		{line("inet:localhost:11332", "Connection refused"), []string{"worker-proxy.inc", "bind_socket"}, []string{"opendkim"}},
		{line("unix:/var/run/spamass/spamass.sock", "No such file or directory"), []string{"spamass-milter", "unix:spamass/spamass.sock"}, []string{"opendkim"}},
		{line("unix:/var/run/milter-greylist/milter-greylist.sock", "No such file or directory"), []string{"greylist.conf"}, []string{"opendkim"}},
		{line("unix:/var/run/amavis/amavisd-milter.sock", "No such file or directory"), []string{"amavisd-milter", "-s "}, []string{"opendkim"}},
		{line("unix:/run/acme/filter.sock", "No such file or directory"), []string{"the milter's own socket setting"}, []string{"opendkim", "clamav"}},
	} {
		// The evidence quotes the line; the advice is what is checked.
		advice := ""
		for _, a := range hintOf(t, feed(c.line), sources.HintDaemonCrash).Steps {
			advice += a.Text + "\n"
		}
		for _, w := range c.want {
			if !strings.Contains(advice, w) {
				t.Errorf("%s: no %q in the advice: %s", c.line, w, advice)
			}
		}
		for _, w := range c.miss {
			if strings.Contains(strings.ToLower(advice), w) {
				t.Errorf("%s: %q in the advice: %s", c.line, w, advice)
			}
		}
	}
}

// An LDAP table whose STARTTLS fails fails every lookup: the hint names
// the TLS settings of the ldap: tables' .cf files and is critical.
// dict_ldap.c names its function, not the table, before "Unable to set
// STARTTLS": the advice finds the tables, it does not claim the line
// names one.
func TestLDAPStartTLSNamesTheTablesTLSSettings(t *testing.T) {
	h := hintOf(t, feed(knownLines["ldap_starttls_failed"][0]), sources.HintLookupFailure)
	if h.Severity != SevCritical {
		t.Errorf("severity %s, want critical: every lookup in the table fails", h.Severity)
	}
	all := hintText(h)
	for _, w := range []string{"start_tls", "tls_ca_cert_file", "tls_ca_cert_dir", "tls_require_cert", "ldapsearch", "-ZZ", "postconf -n | grep ldap:"} {
		if !strings.Contains(all, w) {
			t.Errorf("no %q in the advice: %s", w, all)
		}
	}
	for _, w := range []string{"the .cf file the message names", "no plain file name"} {
		if strings.Contains(all, w) {
			t.Errorf("the advice reads the function's name as a file (%q): %s", w, all)
		}
	}
	for _, a := range h.Steps {
		if a.Command && strings.Contains(a.Text, "dict_ldap_connect") {
			t.Errorf("a command takes the function's name for a file: %s", a.Text)
		}
	}
}

// "too many errors" ends a program that logged error: lines before it:
// the hint sends the reader to the first of them, not to this line.
func TestTooManyErrorsPointsAtTheFirstError(t *testing.T) {
	h := hintOf(t, feed(knownLines["too_many_errors"][0]), sources.HintDaemonCrash)
	all := hintText(h)
	if !strings.Contains(all, "first error: line") || strings.Contains(all, "read the fatal line: it names") {
		t.Errorf("advice: %s", all)
	}
}

// smtpd that dies at every connection, because it runs as root or is
// handed a socket of a protocol inet_protocols leaves out, stops all
// inbound mail on that service: a critical configuration hint that names
// the check for its cause, and for the socket the restart a reload is not.
func TestSmtpdPerConnectionFatalsNameTheirCause(t *testing.T) {
	for _, c := range []struct {
		id         string
		want, miss []string
	}{
		{"smtpd_runs_as_root", []string{"postconf -F '*/*/unprivileged'", "unprivileged column"}, nil},
		{"socket_type_not_in_inet_protocols", []string{"postfix stop; postfix start", "inet_protocols", "postconf -M"}, []string{"then postfix reload"}},
	} {
		h := hintOf(t, feed(knownLines[c.id]...), sources.HintConfigError)
		all := hintText(h)
		if h.Severity != SevCritical || h.Side != "inbound" {
			t.Errorf("%s: %s on side %s, want critical inbound", c.id, h.Severity, h.Side)
		}
		saysNotCatchAll(t, c.id, all, c.want, c.miss)
	}
}

// saysNotCatchAll checks that a hint's text all has each of want, none of
// miss, and not the catch-all fatal hint's advice.
func saysNotCatchAll(t *testing.T, id, all string, want, miss []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s: no %q in the advice: %s", id, w, all)
		}
	}
	for _, w := range append(miss, "read the fatal line: it names") {
		if strings.Contains(all, w) {
			t.Errorf("%s: %q in the advice: %s", id, w, all)
		}
	}
}

// Fatal configuration errors that name a parameter, a table's file or a
// master.cf command get advice that names it, not the catch-all fatal
// hint: postfix check finds none of them.
func TestConfigFatalsNameWhatIsWrong(t *testing.T) {
	for _, c := range []struct {
		id, cmd string // a command of the advice has cmd
		want    []string
		miss    []string
	}{
		{"invalid_time_bound", "postconf smtp_helo_timeout maximal_queue_lifetime", []string{"at least", "at most"}, []string{"postfix start"}},
		{"same_group_id", "postconf mail_owner default_privs setgid_group", []string{"own group"}, nil},
		{"db_template_invalid", "/etc/postfix/pgsql/relay.cf", []string{"%u", "result_format"}, []string{"postfix start"}},
		{"ldap_parameter_unsupported", "' /etc/postfix/ldap/senders.cf ", []string{"bind", "ldap_table(5)"}, []string{"ldap:/etc", "postfix start"}},
		{"master_exec_missing", "namei -l /usr/libexec/postfix/policyd-x", []string{"daemon_directory", "postconf -M"}, []string{"postfix start"}},
	} {
		h := hintOf(t, feed(knownLines[c.id]...), sources.HintConfigError)
		all := hintText(h)
		run := false
		for _, a := range h.Steps {
			run = run || a.Command && strings.Contains(a.Text, c.cmd)
		}
		if !run {
			t.Errorf("%s: no command with %q: %s", c.id, c.cmd, all)
		}
		saysNotCatchAll(t, c.id, all, c.want, c.miss)
	}
}

// Live, the process limit rests on the last 15 minutes: one moment's
// peak 20 minutes ago no longer fires it, a new warning does again. The
// report still judges the whole log.
func TestProcessLimitLiveLeavesTheWindow(t *testing.T) {
	master := ` mx postfix/master[1]: warning: service "smtpd" (private/smtpd) has reached its process limit "5": new clients may experience noticeable delays`
	e := feed(stamp(0)+master, stamp(1)+" mx postfix/postscreen[2]: NOQUEUE: reject: CONNECT from [198.51.100.7]:40028: all server ports busy")
	live := func() []Hint { return hintIDs(e.Hints(false))["process_limit"] }
	if hs := live(); len(hs) != 1 || hs[0].Severity != SevCritical {
		t.Fatalf("live hint while the peak is in the window: %+v", hs)
	}
	feedInto(e, stamp(20*60)+" mx postfix/smtpd[7]: connect from unknown[198.51.100.1]")
	if hs := live(); len(hs) != 0 {
		t.Errorf("live hint 20 minutes after the peak: %+v", hs)
	}
	if len(hintIDs(e.Hints(true))["process_limit"]) != 1 {
		t.Error("the report lost the hint")
	}
	feedInto(e, stamp(20*60+5)+master)
	if hs := live(); len(hs) != 1 || hs[0].Severity != SevWarning || !strings.Contains(strings.Join(hs[0].Evidence, "\n"), "(1 warnings") {
		t.Errorf("one new warning, want a warning on it alone: %+v", hs)
	}
}

// Live, inbound_limits rests on the refusals of the last 15 minutes: an
// old burst no longer fires it. The report still judges the whole log.
func TestInboundLimitsLiveLeavesTheWindow(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: %d from unknown[203.0.113.%d] for service smtp", stamp(i), 10+i, 31+i, 1+i))
	}
	e := feed(lines...)
	live := func() int { return len(hintIDs(e.Hints(false))["inbound_limits"]) }
	if live() != 1 {
		t.Fatal("no live hint while the refusals are in the window")
	}
	feedInto(e, stamp(20*60)+" mx postfix/smtpd[7]: connect from unknown[198.51.100.1]")
	if n := live(); n != 0 {
		t.Errorf("%d live hints 20 minutes after the refusals", n)
	}
	if len(hintIDs(e.Hints(true))["inbound_limits"]) != 1 {
		t.Error("the report lost the hint")
	}
}

// Live, a destination's TLS failures fire the tls hint only while they
// are in the last 15 minutes. The report still judges the whole log.
func TestTLSLiveLeavesTheWindow(t *testing.T) {
	var lines []string
	for i := range 3 {
		lines = append(lines, deliv(i, "tlsproto.example", "deferred", "Cannot start TLS: handshake failure"))
	}
	e := feed(lines...)
	live := func() bool {
		for _, h := range e.Hints(false) {
			if h.ID == "tls" && h.Subject == "tlsproto.example" {
				return true
			}
		}
		return false
	}
	if !live() {
		t.Fatal("no live hint while the failures are in the window")
	}
	feedInto(e, stamp(20*60)+" mx postfix/smtpd[7]: connect from unknown[198.51.100.1]")
	if live() {
		t.Error("live hint 20 minutes after the failures")
	}
	if hintOf(t, e, "tls").Subject != "tlsproto.example" {
		t.Error("the report lost the hint")
	}
}

// Live, connection_reuse rests on destinations throttling us in the last
// 15 minutes, and names one of them. The report still judges the whole log.
func TestConnectionReuseLiveLeavesTheWindow(t *testing.T) {
	var lines []string
	for i := range 3 {
		lines = append(lines, deliv(i, "old.example", "deferred", tooMany))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = may\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	live := func() []Hint { return hintIDs(e.Hints(false))["connection_reuse"] }
	if len(live()) != 1 {
		t.Fatal("no live hint while the throttling is in the window")
	}
	feedInto(e, stamp(20*60)+" mx postfix/smtpd[7]: connect from unknown[198.51.100.1]")
	if hs := live(); len(hs) != 0 {
		t.Errorf("live hint 20 minutes after the throttling: %+v", hs)
	}
	if hintOf(t, e, "connection_reuse").Subject != "old.example" {
		t.Error("the report lost the hint")
	}
	feedInto(e, deliv(20*60+5, "new.example", "deferred", tooMany))
	if hs := live(); len(hs) != 1 || hs[0].Subject != "new.example" {
		t.Errorf("new throttling, want a hint naming new.example: %+v", hs)
	}
}

// Live, the tls hint counts the destination's TLS failures in the window,
// not its other errors: a timeout now does not bring back TLS failures of
// an hour ago, while TLS failures in the window still fire it.
func TestTLSLiveCountsOnlyTLSFailures(t *testing.T) {
	var old []string
	for i := range 3 {
		old = append(old, deliv(i, "tlsproto.example", "deferred", "Cannot start TLS: handshake failure"))
	}
	timeout := deliv(64*60, "tlsproto.example", "deferred", "connect to mx.tlsproto.example[192.0.2.1]:25: Connection timed out")
	live := func(e *Engine) bool {
		for _, h := range e.Hints(false) {
			if h.ID == "tls" && h.Subject == "tlsproto.example" {
				return true
			}
		}
		return false
	}
	e := feed(append(old, timeout)...)
	if live(e) {
		t.Error("live tls hint from TLS failures an hour old, the destination only timing out now")
	}
	if hintOf(t, e, "tls").Subject != "tlsproto.example" {
		t.Error("the report lost the hint")
	}
	e = feed(append(old, timeout, deliv(65*60, "tlsproto.example", "deferred", "Cannot start TLS: handshake failure"))...)
	if !live(e) {
		t.Error("no live tls hint with a TLS failure in the window")
	}
}

// Live, inbound_limits names the clients refused in the window and judges
// by them: an own-network client refused an hour ago, and refused no more,
// is no one to exempt now. The report still weighs the whole log.
func TestInboundLimitsLiveClientsOfTheWindow(t *testing.T) {
	var lines []string
	for i := range 40 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: %d from unknown[10.0.0.5] for service smtp", stamp(i), 10+i, 31+i))
	}
	for i := range 4 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: 31 from unknown[203.0.113.%d] for service smtp", stamp(65*60+i), 100+i, 1+i))
	}
	e := feed(lines...)
	hs := hintIDs(e.Hints(false))["inbound_limits"]
	if len(hs) != 1 {
		t.Fatalf("%d live inbound_limits hints, want 1", len(hs))
	}
	live := hintText(hs[0])
	for _, want := range []string{"refused clients 4 times: concurrency 0, rate 4, postscreen 0; 4 clients, the most refused 203.0.113.1, 203.0.113.2, 203.0.113.3"} {
		if !strings.Contains(live, want) {
			t.Errorf("live hint lacks %q:\n%s", want, live)
		}
	}
	if strings.Contains(live, "10.0.0.5") || strings.Contains(live, "exempt it") {
		t.Errorf("live hint names or exempts the client refused an hour ago:\n%s", live)
	}
	report := hintText(hintOf(t, e, "inbound_limits"))
	for _, want := range []string{"refused clients 44 times: concurrency 0, rate 44, postscreen 0; 5 clients, the most refused 10.0.0.5", "exempt it: add 10.0.0.5"} {
		if !strings.Contains(report, want) {
			t.Errorf("report hint lacks %q:\n%s", want, report)
		}
	}
}

// The window's refused clients are bounded however many a botnet names,
// and clients refused long ago give their entries up to new ones.
func TestInboundLimitsLiveClientsBounded(t *testing.T) {
	e := NewEngine(0)
	for i := range 3 * maxInboundClients {
		feedInto(e, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: 31 from unknown[198.51.%d.%d] for service smtp", stamp(i%60), 10+i, 100+i/250, 1+i%250))
	}
	s := e.Inbound.Services["smtp"]
	if n := len(s.recent); n > maxInboundClients+1 {
		t.Fatalf("%d clients kept in the window, want at most %d", n, maxInboundClients+1)
	}
	feedInto(e, stamp(30*60)+" mx postfix/smtpd[9]: warning: Connection rate limit exceeded: 31 from unknown[203.0.113.9] for service smtp")
	got := s.RecentClients(e.Now, HintWindow)
	if len(got) != 1 || got["203.0.113.9"] != 1 {
		t.Errorf("window clients %v, want 203.0.113.9 alone", got)
	}
	if h := hintIDs(e.Hints(false))["inbound_limits"]; len(h) != 1 || !strings.Contains(h[0].Evidence[0], "1 time: concurrency 0, rate 1, postscreen 0; one client, 203.0.113.9") {
		t.Errorf("live hint: %+v", h)
	}
}

// A raise of an inbound limit never sets a value at or below the one the
// configuration has in force, though a log from before an admin's raise
// shows refusals under a lower one; live, the lowest count refused is the
// window's, so a limit since raised is the configuration's again.
func TestInboundLimitsRaiseNeverLowers(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: 11 from unknown[198.51.100.7] for service smtp", stamp(i), 10+i))
	}
	// Senders with names, of four networks: clients to raise the limit
	// for, where ones without reverse DNS are not.
	for i := range 8 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: 51 from mail.s%d.example[203.0.%d.1] for service smtp", stamp(40*60+i), 100+i, i/2, 113+i/2))
	}
	e := feed(lines...)
	p, _ := sources.ParseParams(strings.NewReader("smtpd_client_connection_rate_limit = 50\nmynetworks = 127.0.0.0/8\n"))
	e.SetConfig(&sources.Config{Params: p, Explicit: p})
	hs := hintIDs(e.Hints(false))["inbound_limits"]
	if len(hs) != 1 {
		t.Fatalf("%d live inbound_limits hints, want 1", len(hs))
	}
	live := hintText(hs[0])
	for _, want := range []string{"(smtpd_client_connection_rate_limit = 50)", "postconf -e 'smtpd_client_connection_rate_limit = 100'"} {
		if !strings.Contains(live, want) {
			t.Errorf("live hint lacks %q:\n%s", want, live)
		}
	}
	if strings.Contains(live, "≤") || strings.Contains(live, "198.51.100.7") {
		t.Errorf("live hint judges by the refusals before the window:\n%s", live)
	}
	if len(hs[0].Samples) == 0 || slices.ContainsFunc(hs[0].Samples, func(l string) bool { return !strings.Contains(l, ": 51 from ") }) {
		t.Errorf("live samples are not the window's: %q", hs[0].Samples)
	}
	// The report keeps the log's finding, but raises from the value in force.
	report := hintText(hintOf(t, e, "inbound_limits"))
	for _, want := range []string{"smtpd_client_connection_rate_limit ≤ 10", "postconf -e 'smtpd_client_connection_rate_limit = 100'"} {
		if !strings.Contains(report, want) {
			t.Errorf("report hint lacks %q:\n%s", want, report)
		}
	}
}

// A main.cf number out of its range (mail_conf_int.c and its long and
// nint siblings) names the parameter: the hint shows its value in force.
// A table's .cf file (cfg_parser.c: "FILE: invalid NAME parameter value")
// names one of the file's settings, which postconf does not know.
func TestInvalidParameterValueShowsTheParameter(t *testing.T) {
	h := hintOf(t, feed(knownLines["invalid_parameter_value"][0]), sources.HintConfigError)
	run := false
	for _, a := range h.Steps {
		run = run || a.Command && strings.HasPrefix(a.Text, "postconf smtpd_client_connection_count_limit")
	}
	if !run {
		t.Errorf("no postconf of the parameter the line names: %s", hintText(h))
	}
	table := "Nov 28 10:00:00 mx postfix/proxymap[61]: fatal: /etc/postfix/mysql-users.cf: invalid expansion_limit parameter value -1 < 0"
	for _, a := range hintOf(t, feed(table), sources.HintConfigError).Steps {
		if a.Command && strings.Contains(a.Text, "postconf expansion_limit") {
			t.Errorf("postconf of a table file's setting: %s", a.Text)
		}
	}
}
