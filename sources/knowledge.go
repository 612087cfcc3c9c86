package sources

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Known is one kind of message Postfix logs that an admin acts on: what it
// means, which hint it feeds and what to check. The table below is written
// from Postfix's own format strings (its warning/error/fatal/panic call
// sites) and from the replies its smtpd and postscreen send; it is matched
// only on lines of severity warning or worse, on rejects, and on lines no
// daemon parser claimed, so the hot path never sees it.
// FingerprintDigestMark stands in a remediation for the digest of an
// openssl -fingerprint command, and its source: the hints put in the digest
// smtp_tls_fingerprint_digest has on the host when the configuration or
// version says.
const FingerprintDigestMark = "DIGEST (DIGEST: the digest smtp_tls_fingerprint_digest names, sha256 from Postfix 3.6, md5 before it)"

type Known struct {
	ID string // stable name of the entry
	// Match holds lower-case texts that must all appear in the message,
	// in Postfix's own wording. What a remote party chooses is not
	// matched (knownText): host names and addresses, the envelope of a
	// reject, SASL user names, quoted headers and commands.
	Match []string
	// Or holds other lists of texts that match the entry as Match does:
	// one message in the wordings of several Postfix releases or of the
	// several calls that fail alike. KnownMessages holds a row for each.
	Or    [][]string
	Class Class
	Hint  string // the hint id it feeds
	// Side is inbound, outbound or host; empty takes it from the daemon
	// (smtpd, postscreen: inbound; smtp, lmtp: outbound; others: host).
	Side string
	// Calm marks messages that are normal in small numbers: their hint
	// starts at info instead of warning.
	Calm bool
	// Noise marks what every server on the Internet receives all day
	// (password guessing), and warnings a host repeats at every program
	// start with no harm done: its hint stays at info whatever the volume.
	Noise bool
	// PassEnds marks postscreen's line of a client that hung up during
	// the tests after its greeting: when postscreen then logs PASS NEW
	// for the same [address]:port, the client passed every test and hung
	// up as the 450 told it to; such lines count for nothing.
	PassEnds bool
	// Severe marks messages that mean a service is down or all mail
	// waits: their hint is critical from the first line.
	Severe bool
	// ManyRecipients, when set, is how many distinct recipients the
	// entry's delivery lines name that make its hint critical: one full
	// mailbox is its user's, many at once a rule or count for everyone.
	ManyRecipients int
	// NotRunning marks messages that say no master runs (postdrop finds
	// no pickup service): the step after a fix is postfix start.
	NotRunning bool
	// RunningCause and RunningFix stand for Cause and Fix of a NotRunning
	// entry when daemons only the master runs log around its lines: the
	// master runs, and what the line finds missing is missing under it.
	RunningCause, RunningFix string
	// Harmless marks a fatal: line that ends only the command an admin
	// ran (postfix start while Postfix runs): no service stopped, so it
	// counts as no crash and feeds no hint (Hint is empty).
	Harmless bool
	// LoopAt, when set on a Harmless entry, is the number of its lines in
	// the window that are no admin's command any more: something starts
	// the command again and again (a supervisor, a container's restart
	// policy) and it fails each time. From that count on the entry feeds
	// Hint, as a warning: the command fails, yet no service stopped.
	LoopAt int
	// CriticalAt, when set, is the number of lines in the window that
	// makes the hint critical: a reply that refuses one message while a
	// service blinks, and every message while it is down. Below 20 lines
	// such an entry's hint is info, as a Calm one's, but unlike Calm its
	// rejects keep the entry's class: our side is broken.
	CriticalAt int
	// HopDown marks a refusal by the next hop of every delivery through
	// it while the cause lasts (the relayhost refusing the smtp client's
	// login): its hint is critical when no delivery went through that hop
	// since its refusals began, and stays a warning while some do.
	HopDown bool
	// SessionDown marks smtpd's refusal of a whole session while its
	// cause lasts (milter_default_action = tempfail at the greeting for
	// a milter it lost): its hint is critical when smtpd accepted no
	// message since its refusals began, however few sessions came, and
	// stays as its counts say while mail still comes in.
	SessionDown bool
	Cause       string   // what the message means
	Fix         string   // what to do, in words
	Params      []string // parameters whose values to check (postconf shows them)
	// Title, when set, names the hint this entry leads in place of the
	// hint id's own words: for entries whose lines are mostly no error,
	// and for what a build lacks (a Causes entry of the upgrade hint),
	// which is what is broken whatever else changed at an upgrade.
	Title string
	// Agent names the delivery agent whose delivery reasons alone the
	// entry reads (lmtp: the replies of this site's mailbox server), or
	// dovecot: the lines that mailbox server logs itself. Such an entry
	// reads no other line, and that agent's reasons read no other entry:
	// a remote's words never reach the rest of the table.
	Agent string
	// Command marks an entry whose line is about a command Postfix runs
	// but did not write: the command of a pipe(8) master.cf entry, an
	// aliases(5), .forward or mailbox_command "| command" that local(8)
	// runs, the argv= of a spawn(8) service. The command is started anew
	// for each delivery or request, so fixing it is the fix, and postfix
	// check or postfix reload change nothing for it.
	Command bool
	// Probe marks an entry whose refusal an address verification probe
	// explains: the hint shows the probes' failed delivery records.
	Probe bool
	// Library marks an entry whose line says Postfix runs with another
	// release of a shared library than the one it was built with: the
	// fix is the library's or the package's, and no Postfix default
	// changed.
	Library bool
	// FailedLogin marks the entries that count failed logins, and
	// AuthBackend the ones that say the SASL service itself fails: while
	// an AuthBackend entry is seen, the failed logins are its doing, not
	// password guessing, and feed no hint of their own.
	FailedLogin, AuthBackend bool
	// Reply marks an entry whose words Postfix writes into the reply that
	// a refusal sends, and logs after the client (refusalText): smtpd's
	// "452 4.3.1 Insufficient system storage", milter_default_action's
	// "451 4.7.1 Service unavailable - try again later", a DNSBL's
	// answer, a milter's verdict that its entry is about. Every other
	// entry reads only what a daemon writes of itself: an access table,
	// a policy service or a milter words the reply as it likes, and a
	// milter short of memory is not Postfix.
	Reply bool
	// ClientReason marks an entry whose words the smtp and lmtp clients
	// also write into a delivery's reason themselves (the error of a DNS
	// lookup they made), not quoting a remote: it reads those reasons
	// too, up to where a remote's reply starts.
	ClientReason bool
	// AtLeast, when set, must also hold: for words that say another
	// cause by what they count (the free bytes of a queue-space
	// warning). Such an entry stands before the one for the same words
	// without it.
	AtLeast *CountAtLeast
	// EndOfData marks the smtp client's loss of a session after the end
	// of data: the lines the hint about messages sent more than once
	// reads, which says more of them where it covers them all.
	EndOfData bool
	// TempReply names the entry that reads this one's words when the
	// remote reply they quote is temporary (4xx): the same words before
	// a 4xx and a 5xx reply have different causes (knownForReply).
	TempReply string
	// ReplyAlt names entries that read this one's words when the remote
	// reply they quote says the words given (lower case): RFC 4954's 534
	// "mechanism is too weak" refuses the mechanism, not the password.
	ReplyAlt []ReplyAlt
	// PrivateClient marks an entry that reads a line only when the client
	// smtpd names has a private or loopback address: a sender check that
	// cannot pass for such an address (SPF) then says smtpd does not see
	// the senders' own addresses, or checks a client of this site.
	PrivateClient bool
	// KnownClient marks an entry that reads a line only when smtpd knows
	// its client: by a reverse name that resolved, or by a private or
	// loopback address. This site's own hosts and other mail servers
	// have one or the other; the stranger probing for an open relay
	// mostly has neither ("unknown[addr]"), and its refusal says nothing
	// of this site's configuration.
	KnownClient bool
	// LoopbackFix, when set, stands for Fix when every one of the entry's
	// lines names a client on loopback: this host itself, for which the
	// general advice (a client elsewhere) is beside the point.
	LoopbackFix string
	// OutboundCause and OutboundFix, when set, stand for Cause and Fix on
	// the lines of the smtp and lmtp clients (an entry whose Side comes
	// from the daemon): the same words there are this host's doing, where
	// on smtpd's side they are a client's.
	OutboundCause, OutboundFix string
	// VerifiedFix, when set, stands for Fix when the smtp client logged a
	// Trusted or Verified session in the same log: its CA bundle works,
	// and a chain it did not trust is the server's.
	VerifiedFix string
	// StallCause and StallFix stand for Cause and Fix when every one of
	// the entry's lines is a timeout at a server that also took
	// connections from this host and sent no greeting: that server is
	// slow or slows this host down, not the path.
	StallCause, StallFix string
	// DiskFull marks an entry whose line says a write failed because the
	// filesystem is full (ENOSPC): the disk is full, whatever else its
	// log suggests.
	DiskFull bool
	// FullFix, when set, stands for Fix when a DiskFull entry's line is in
	// the same log: a limit that the general advice would lower is then
	// not what refuses the mail.
	FullFix string
	// Stale marks a table that still answers, with its old data (its
	// compiled file older than its source): lookups do not fail, so
	// nothing waits, and entries added since are refused for good.
	Stale bool
	// StaleRefuses marks a recipient check whose table may be stale:
	// while a Stale entry's line is in the window, its refusals may be
	// the entries added since, and the rebuild comes first.
	StaleRefuses bool
	// OffParam, when set, names a parameter that main.cf may turn off
	// (set empty, or 0 for a limit); when the configuration read does,
	// OffParamFix stands for Fix.
	OffParam, OffParamFix string
	// Overlap names two list parameters the Fix is about a name both
	// hold (a domain in mydestination and virtual_mailbox_domains): when
	// the configuration read expands both into plain names, OverlapFix
	// stands for Fix if they share one and NoOverlapFix if they share
	// none. Fix says both, for a log read without the configuration.
	Overlap                  [2]string
	OverlapFix, NoOverlapFix string
	// SubmissionFix, when set, stands for Fix when every one of the
	// entry's lines comes from a submission service (SubmissionService):
	// its clients are this site's users and their mail programs. A
	// KnownClient entry with one also reads a submission service's lines
	// whatever the client: a user's address seldom has a reverse name.
	SubmissionFix string
	// MasterRuns marks a Harmless line that says a master runs already
	// (postfix start found its lock held): a start refused beside it, as
	// systemd reports one, stopped nothing.
	MasterRuns bool
	// StartReport marks postfix start's own word that the master it ran
	// did not come up: right after a MasterRuns line it reports that
	// refused start, and stopped nothing.
	StartReport bool
	// Child marks a fatal: line that a process the master forked logs
	// under the master's name before it runs the service's command: the
	// master runs on, and only that service stops.
	Child bool
	// Master marks an entry that reads only the master's own lines: the
	// same words from another daemon mean something else (the master's
	// listening sockets against a daemon's connection to a service).
	Master bool
	// Consequence marks a line that reports a failure another line names
	// (smtpd's 451 4.3.5 after a policy server, table or restriction
	// failed; the master's report of a child that logged a fatal line):
	// its hint weighs half, so that the cause's ranks first.
	Consequence bool
	// AfterWarning marks smtpd's reply for a failure the same process
	// warned of just before (451 4.3.5 Server configuration problem for a
	// policy server, table or restriction that failed): a line that
	// follows such a warning is counted with the warning's entry, whose
	// hint names the cause; only a line without one stands alone.
	AfterWarning bool
	// OneClientAt, when set, is the number of an entry's lines from one
	// client that make its Noise or Calm hint a warning: scattered bots
	// are noise, one client that comes back again and again is worth a
	// ban.
	OneClientAt int
	// PathAfter, when set, is the text after which the message names a
	// file's path (up to ": "): the hint shows the owner and mode of
	// every directory on that path.
	PathAfter string
	// Opens marks an entry whose first text opens the message: Postfix
	// writes those words as the whole message ("open %s: %m"), and text
	// that has them further in ("can't open /path", a milter's or
	// Dovecot's line pasted alone) is not that message.
	Opens bool
	// ParamBefore, when set, is the text that follows the main.cf
	// parameter the message names ("bad string length 0 < 1: NAME = "):
	// the hint's postconf command shows that parameter (NamedParam), with
	// Params.
	ParamBefore string
	// FileBefore, when set, is the text, in Postfix's own case, that
	// follows the table configuration file the message names ("FILE:
	// Unable to set STARTTLS", "ldap:FILE: unsupported ..."): the hint's
	// command shows the settings FileKeys names in that file (NamedFile).
	FileBefore string
	FileKeys   []string
	// PrefixDir, when set, marks a message that quotes a path that
	// starts with none of the prefixes a list parameter allows ("NAME
	// value 'PATH' does not match any prefix in LIST"), and is a
	// directory the list's default allows: the hint gives the commands
	// that put the file there, or add the path's own directory to the
	// list, for a path that needs no quoting.
	PrefixDir string
	// Program names the one program whose source writes the message:
	// a line pasted without its program tag is that program's, labelled
	// and sided as the tagged line is.
	Program string
	// Causes names the hint whose failures this entry's lines make: a
	// table type the build lacks fails every lookup in its tables, which
	// lookup_failure reports table by table. While its lines are in the
	// window, this entry's hint ranks before that one.
	Causes string
	// MasterEntry, when set, is the master.cf entry whose absence the
	// line reports, as postconf -M takes it (service/type=fields): the
	// hint gives the command that adds it and postfix reload, unless the
	// master.cf read has that service already.
	MasterEntry string
	// Service marks an entry whose line names a service by its socket in
	// the queue directory (connect to private/NAME): the hint names NAME
	// and gives the command that shows its master.cf entry.
	Service bool
	// Resolver, when set, is the hint the entry feeds instead of Hint
	// when the name its reply refused ("<name>: ... rejected: ...") is a
	// big mail provider's host, one that always resolves: the refusal
	// then says this host's resolver failed, and ResolverFix replaces
	// Fix.
	Resolver, ResolverFix string
	// Also, when set, is a second hint the entry's lines feed, with
	// AlsoFix as its fix there: one line that two findings explain (a
	// DNSBL's error code is this host's resolver, and a listing that is
	// not real).
	Also, AlsoFix string
	// Fails names a component whose failure the entry's lines report
	// (a milter that cannot be reached, breaks off or is skipped).
	Fails string
	// MilterSocket marks an entry whose line names a milter's socket or
	// port: the hint names the milter it recognises there (KnownMilters)
	// and that milter's own socket setting, for Fix speaks of none.
	MilterSocket bool
	// VerdictOf names a component whose failure makes the same reply as
	// its own verdict: smtpd's 451 4.7.1 is milter_default_action =
	// tempfail answering for a milter that failed, or a milter that
	// tempfailed the mail itself (SMFIR_TEMPFAIL: greylisting). While no
	// line of an entry that Fails it is in the window, the reply is the
	// verdict: the entry feeds VerdictHint, with VerdictCause and
	// VerdictFix.
	VerdictOf, VerdictHint, VerdictCause, VerdictFix string
	// FixedIn, when set, lists the releases that brought what Cause and
	// Fix take the running Postfix to lack (a fix, a table type, a
	// syntax): for each stable series that got it in a patch release,
	// the first release of that series with it ("3.7.4"), and the first
	// series every release of which has it ("3.8"). Brings says what
	// they brought. The hint judges the release that wrote the lines
	// (postconf's mail_version, or the master's "daemon started --
	// version"): one known to be older is told the release to upgrade
	// to, in its own series when that got one, followed by UpgradeThen;
	// one that has it gets HasTitle, HasCause and HasFix instead of
	// Title, Cause and Fix, and feeds HasHint when that is set; a
	// release not known keeps Cause and Fix as written.
	FixedIn                             []string
	Brings, UpgradeThen                 string
	HasHint, HasTitle, HasCause, HasFix string
}

// NamedParam is the main.cf parameter that msg, a message of the entry,
// names: the word between the ": " after the entry's first text (and a
// quote) and ParamBefore. A message that names a file before that text ("FILE: bad
// string length ...", cfg_parser.c) is about a parameter in that file (a
// table's configuration), which postconf does not show: none then, and
// none for a word no parameter has.
func (k *Known) NamedParam(msg string) string {
	if k.ParamBefore == "" || len(k.Match) == 0 {
		return ""
	}
	i := strings.Index(msg, k.Match[0])
	if i < 0 || strings.HasSuffix(msg[:i], ": ") {
		return ""
	}
	rest := msg[i+len(k.Match[0]):]
	j := strings.Index(rest, k.ParamBefore)
	if j < 0 {
		return ""
	}
	name := rest[:j]
	// Most name it after a ": " ("bad boolean configuration: NAME = "),
	// mail_conf_time.c's bounds right after the first text.
	if c := strings.LastIndex(name, ": "); c >= 0 {
		name = name[c+2:]
	}
	// smtpd.c quotes the setting: "bad parameter value: 'NAME = VALUE'".
	name = strings.TrimPrefix(name, "'")
	if name == "" || strings.TrimLeft(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
		return ""
	}
	return name
}

// NamedFile is the table configuration file that msg, a message of the
// entry, names just before FileBefore: the word after the ": " before it,
// less a table type ("ldap:"). It is the line's text, unchecked.
func (k *Known) NamedFile(msg string) string {
	if k.FileBefore == "" {
		return ""
	}
	i := strings.Index(msg, k.FileBefore)
	if i < 0 {
		return ""
	}
	name := msg[:i]
	if c := strings.LastIndex(name, ": "); c >= 0 {
		name = name[c+2:]
	}
	if t, rest, ok := strings.Cut(name, ":"); ok && t != "" && strings.TrimLeft(t, "abcdefghijklmnopqrstuvwxyz") == "" {
		name = rest
	}
	return name
}

// HintOf is the hint the entry feeds: Resolver when a name its replies
// refused always resolves (bigName), else Hint.
func (k *Known) HintOf(bigName bool) string {
	if bigName && k.Resolver != "" {
		return k.Resolver
	}
	return k.Hint
}

// HintIn is the hint the entry feeds in a window where the components
// named in failed were seen to fail: its VerdictHint when the component
// it answers for did not, else HintOf.
func (k *Known) HintIn(bigName bool, failed []string) string {
	if k.VerdictOf != "" && !slices.Contains(failed, k.VerdictOf) {
		return k.VerdictHint
	}
	return k.HintOf(bigName)
}

// A FailedLogin entry whose every line names a big mail provider's server
// as the client (a name smtpd verified, which no client chooses) feeds
// ProviderLoginHint with these words instead of its own: the provider
// logs in for one of this site's users, so the failure is that user's
// stored password or this host's SASL backend, not a bot.
const (
	ProviderLoginHint  = HintConfigError
	ProviderLoginTitle = "a big mail provider's servers fail to log in for a user of this site"
	ProviderLoginCause = "every failed login comes from a big mail provider's servers, named by a reverse name smtpd verified: the provider logs in here for one of this site's users (Gmail's send mail as through another server, an Outlook.com or other provider account that sends through this one) with the password the user stored there; it fails because that password is old or wrong, the user name is given in another form than the backend expects (the whole address or the local part), or smtpd checks passwords against another backend than the one that holds the users (smtpd_sasl_type cyrus with its own sasldb while the users are Dovecot's or the system's)"
	ProviderLoginFix   = "do not ban or rate-limit the provider's servers: they stand for every user who sends through them; find the user (sasl_username= on the session's lines, or the SASL backend's own log: Dovecot's auth log, saslauthd's), check that smtpd_sasl_type and smtpd_sasl_path reach the backend that holds the users (dovecot and private/auth for Dovecot; cyrus with smtpd.conf's pwcheck_method for saslauthd), test the user's login there (doveadm auth test USER, or testsaslauthd -u USER), and have the user enter the password again in the provider's settings"
)

// StaleLoginCause and StaleLoginFix stand for a failed-login entry's
// cause and fix when every one of its lines is one login name failing
// again and again from one or two addresses that try no other name: a
// user's mail program or phone still using an old password (after a
// password change); an attack tries many names.
const (
	StaleLoginCause = "one login name fails again and again from one or two addresses that try no other name: most often a user's mail program or phone with an old password (after a password change); an attack aimed at that one account looks alike, one that guesses tries many names"
	StaleLoginFix   = "ask the user of that login whether the address is theirs (their home or mobile network, a device they use): if it is, they enter the new password on the device (or remove the old account from it), and a fail2ban jail on these lines would lock them out meanwhile (put the address in the jail's ignoreip until the device is fixed); if they do not know it, the account is being attacked: change its password and block the address"
)

// ProviderLoginParams are the parameters ProviderLoginFix names.
var ProviderLoginParams = []string{"smtpd_sasl_type", "smtpd_sasl_path"}

// RestartParams are the main.cf parameters the master reads only when it
// starts: postconf(5) says to stop and start Postfix after changing them
// (the master warns "to change %s, stop and start Postfix"), where a
// postfix reload applies every other one.
var RestartParams = []string{"inet_interfaces", "inet_protocols"}

// ApplyChange is the command that puts a change of the main.cf parameter
// into effect.
func ApplyChange(param string) string {
	if slices.Contains(RestartParams, param) {
		return "postfix stop; postfix start"
	}
	return "postfix reload"
}

// What a Postfix program's failed chdir into queue_directory means, in
// the commands' words (chdir PATH) and the daemons' (chdir("PATH")).
const (
	queueDirDeniedCause   = "a Postfix program may not enter queue_directory: the directory (root's, mode 755 as Postfix makes it) or one above it has other owners or modes, as after a queue directory restored, copied or mounted from another host or image, or a chown -R or chmod -R of the volume that holds it, or on an SELinux host the wrong label; sendmail, postdrop and postqueue run as the user who sends, so no mail is submitted while it lasts"
	queueDirDeniedFix     = "namei -l $(postconf -h queue_directory) shows the owner and mode of each directory on the path; postfix set-permissions (as root) gives the queue directory and its subdirectories back their owners and modes, then postfix check; a directory above it needs search access for everyone (chmod o+x, not o+w); on SELinux, restorecon -Rv on the queue directory; never chmod 777"
	messageLogDeniedCause = "the bounce service may not write a message's delivery log in the queue's defer/, bounce/ or trace/ directory: those directories or their files belong to another user than mail_owner (a queue restored from a backup or copied from another host, a postfix uid changed in a container image, a chown -R over the volume), or on an SELinux host they carry the wrong label; bounce stops, the delivery agents report 'defer service failure' or 'bounce service failure', and the mail stays in the queue without being deferred, bounced or delivered"
	messageLogDeniedFix   = "compare the owners with mail_owner (ls -ln $(postconf -h queue_directory)/defer; id postfix), then postfix set-permissions (as root: it gives every queue directory and file its owner and mode back) and postfix check; on SELinux, restorecon -Rv on the queue directory; never chmod 777"
	queueDirMissingCause  = "a Postfix program cannot enter queue_directory because it does not exist: an operating system upgrade or a package removal took it away (macOS's spool under /Library/Server/Mail/Data), a container started without the volume that holds it, or queue_directory names a path that was never created; the master does not start, and sendmail, postdrop and postqueue stop, so no mail is submitted or delivered"
	queueDirMissingFix    = "postconf queue_directory shows the path Postfix uses: correct it if main.cf names the wrong one, mount the volume that holds it, or create it (mkdir -p, owned by root); then postfix set-permissions and postfix check (both as root) create the queue's subdirectories with their owners and modes, and postfix start"
)

// What systemd's lines about Postfix's unit mean: systemd ran the unit's
// command (postfix start through postmulti on Debian's postfix@.service,
// postfix start after its ExecStartPre steps on Red Hat's postfix.service)
// and it failed; why is in Postfix's own lines, not systemd's.
const (
	unitFailedTitle = "systemd says Postfix's unit failed: Postfix did not start or stopped; its own fatal: line says why"
	unitFailedCause = "systemd reports that Postfix's unit failed (postfix@-.service on Debian and Ubuntu, the default instance of the multi-instance template postfix@.service; postfix.service elsewhere): the command it ran for the unit (postfix start, or a step before it) exited with an error, so Postfix did not start or stopped; systemd does not say why: Postfix's own lines just before it do (its fatal: line)"
	unitJobCause    = "systemctl reports that the start, restart or reload it ran for Postfix's unit failed: the command behind it (postfix start or postfix reload) exited with an error; after a failed start Postfix is not running, after a failed reload the running master keeps its old configuration; systemctl does not say why: Postfix's own lines from that moment do (its fatal: line)"
	unitFailedFix   = "read Postfix's own lines from just before systemd's (the journal of the unit, or the mail log): the fatal: line names the file, parameter or resource (a main.cf or master.cf error, a port already in use, a missing table, certificate or directory, wrong permissions); fix that, then start the unit again through systemd (systemctl restart postfix@-.service on Debian and Ubuntu, where postfix.service only groups the instances; systemctl restart postfix elsewhere) and check systemctl status 'postfix*'"

	// systemd's own reasons, which no fatal: line of Postfix's gives.
	unitTimeoutTitle = "systemd timed out on Postfix's unit and stopped it: Postfix did not finish starting (or stopping) in time"
	unitTimeoutCause = "systemd waited longer than the unit's timeout (TimeoutStartSec, 90 s by default) for Postfix's start to finish and then killed it: the master never wrote the PID file the unit waits for (Red Hat's and SUSE's postfix.service name PIDFile=/var/spool/postfix/pid/master.pid, which a master whose queue_directory is elsewhere never writes), or a step of the start hangs (a step before postfix start, such as rebuilding the aliases database; postfix start's checks on a queue on a slow or hung network filesystem); a stop that outlives TimeoutStopSec ends the same way; Postfix is not running"
	unitTimeoutFix   = "compare the unit's PIDFile= with the queue directory (systemctl cat postfix; postconf -h queue_directory): when they differ, give the unit the right one in a drop-in (systemctl edit postfix: [Service] PIDFile= the queue directory's pid/master.pid), systemctl daemon-reload, and start it again; when they agree, run the unit's steps by hand (postfix start; postfix status) to see which one waits, and mend that; a longer TimeoutStartSec only waits longer for a PID file that never comes"

	unitOOMTitle = "the kernel's OOM killer killed a process of Postfix's unit: the host or the unit ran out of memory"
	unitOOMCause = "the kernel (or systemd-oomd) killed a process in Postfix's unit for want of memory: the host's memory or the unit's limit (MemoryMax, MemoryHigh) is exhausted, often by other programs beside Postfix (a content filter such as amavis or clamd, a database), or by many Postfix processes holding large tables; systemd then stops the unit, and Postfix is not running until it is started again"
	unitOOMFix   = "find what held the memory (journalctl -k | grep -i -e 'out of memory' -e oom: the kernel names the process it killed and the processes' sizes; free -m), and the unit's limit (systemctl show postfix -p MemoryMax -p MemoryHigh); give the host memory or swap, cap the program that takes it, or lower the number of Postfix processes (default_process_limit, maxproc in master.cf) rather than raise them; then start the unit again"

	unitSignalTitle = "Postfix's master was killed by a signal: Postfix stopped"
	unitSignalCause = "the master process of Postfix's unit ended on a signal sent from outside Postfix: the kernel's OOM killer (9/KILL, with 'Out of memory' in the kernel's log), an administrator's or script's kill, a watchdog or a container runtime; systemd then marks the unit failed, and Postfix is not running"
	unitSignalFix   = "find who sent it: journalctl -k | grep -i -e 'out of memory' -e oom for the OOM killer, and the journal around that moment for a kill, a deployment or a watchdog; stop Postfix with postfix stop or systemctl stop, never kill -9 on the master (its children and the queue's locks are left behind); then start the unit again"

	unitCrashTitle = "Postfix's master crashed and dumped core: Postfix stopped"
	unitCrashCause = "the master process of Postfix's unit crashed (a segmentation fault, an abort): most often Postfix's programs run with shared libraries of another release than they were built with (a partial upgrade, a library replaced by hand), or the binaries are damaged; seldom a bug; Postfix is not running"
	unitCrashFix   = "read the crash: coredumpctl list master; coredumpctl info (the library the fault is in); bring Postfix and its libraries to one release (apt-get install --reinstall postfix, or dnf reinstall postfix, and a full upgrade of the libraries), then start the unit again; a crash that repeats on a consistent installation is worth a report to the distribution with coredumpctl's backtrace"

	unitStartLimitTitle = "systemd gave up starting Postfix's unit; Postfix's own fatal: line says why it failed"
	unitStartLimitCause = "systemd stopped starting Postfix's unit: it failed again and again within the unit's start limit (StartLimitBurst starts in StartLimitIntervalSec), so systemd refuses to start it, even when asked, until the limit is reset or its interval passes; Postfix is not running, and each start failed for the reason Postfix's own lines give (its fatal: line)"
	unitStartLimitFix   = "read Postfix's own lines from before systemd's (the journal of the unit, or the mail log) and fix what the fatal: line names; then systemctl reset-failed 'postfix*' and start the unit again (systemctl restart postfix@-.service on Debian and Ubuntu, systemctl restart postfix elsewhere); raising the start limit or Restart= only repeats the failure"
)

// The queue-space refusal beside a write that failed for lack of space:
// the disk is full, and a lower message_size_limit is no fix.
const queueSpaceFullFix = "smtpd takes mail again by itself once the queue filesystem has queue_minfree and 1.5 times message_size_limit free: a write already failed for lack of space (No space left on device), so the disk is full and lowering message_size_limit is no fix; free space as the line about it says"

// A Dovecot imap or pop3 service at its limit: each logged-in session
// is a process of its own by default.
const (
	dovecotMailProcessCause = "Dovecot's imap or pop3 service (the processes of logged-in users, one a session by default) ran as many processes as its process_limit allows (default_process_limit, 100, unless set) and dropped the sessions past it: users log in but their mail program cannot open the mailbox, or fails at once; many devices a user, mail programs that open a session per folder they watch (IDLE), or a growing number of users"
	dovecotMailProcessFix   = "see how many sessions each user holds (doveadm who) and cap what one user may hold (mail_max_userip_connections) before raising limits; then raise service imap { process_limit } (or default_process_limit) to the sessions the server must hold, with the memory for them (each imap process takes a few MB) and the file descriptors (LimitNOFILE in Dovecot's systemd unit), check doveconf -n and reload Dovecot; no Postfix setting changes it"
)

// A database that closed the connection a table's query went over.
const (
	queryConnectionLostCause = "the database closed the connection the table's query went over (\"server has gone away\", \"lost connection\"): it was restarted, its wait_timeout ended a connection Postfix kept idle, or the network between them cut it; that lookup failed and its mail waits, and Postfix sets that server aside for a while (a minute by default) before it tries it again, so with one server every lookup of the table fails meanwhile"
	queryConnectionLostFix   = "check that the database runs and stays up (its log for restarts), list a second server in the table's hosts when there is one, and keep the database's wait_timeout above the time Postfix keeps a connection idle (idle_interval in the table's .cf file from Postfix 3.9, or route the tables through proxymap: proxy:mysql:..., listed in proxy_read_maps, whose processes end after max_idle); test with postmap -q KEY mysql:/path/to/file.cf"
)

// Why Dovecot's auth fails when the database that holds the passwords
// does not answer, and what to do.
const (
	dovecotAuthDBCause = "Dovecot's auth cannot reach the database that holds the users and passwords (SQL or LDAP), so every login fails: IMAP and POP3, and smtpd's SASL logins through Dovecot; the failed logins in the log are this, not password guessing"
	dovecotAuthDBFix   = "start or repair the database Dovecot's passdb and userdb read (systemctl status mariadb, postgresql or slapd), then check the connect= or uris line Dovecot uses (dovecot-sql.conf.ext, dovecot-ldap.conf.ext: host, socket path, password); do not ban the clients whose logins failed meanwhile"
)

// Words shared by the entries for OpenSSL reasons that mean the same.
const (
	tlsVersionCause         = "the two sides share no TLS protocol version: on smtpd, a client that offers only TLS 1.0 or 1.1 (or SSLv3): old printers, appliances, scripts and mail servers, while smtpd_tls_protocols or OpenSSL itself (OpenSSL 3 and current distributions refuse TLS 1.0 and 1.1 at their default security level) refuses them; on the smtp client, a server that offers only such versions; scanners probe old versions too"
	tlsVersionFix           = "the lasting fix is on the old side: a newer TLS library, or a setting that asks for TLS 1.2; for a device of your own that cannot be updated, allow the old versions only on the service it uses (-o smtpd_tls_protocols in its master.cf entry; OpenSSL 3 also wants security level 0 for them, set in the OpenSSL configuration Postfix reads), not for every client; on port 25 an old sender usually retries without STARTTLS"
	tlsPeerRefusedCertCause = "the peer refused the certificate this side presented (the alert is its verdict): on smtpd, a submitting client (mail app, PHP, printer) finds the server certificate self-signed, missing its intermediate (a certificate file without the chain) or for another name; on the smtp client, a server refused the client certificate smtp_tls_cert_file offers"
	// smtpd_sasl_path reaches a socket that does not speak Dovecot's
	// auth-client protocol (xsasl_dovecot_server.c).
	saslNotDovecotCause   = "smtpd reached the socket smtpd_sasl_path names but what answers is not a Dovecot auth-client listener speaking the protocol smtpd expects (another service's socket, such as Dovecot's LMTP, saslauthd's mux or a stale file), or the auth service broke off: no user can log in"
	saslNotDovecotFix     = "point smtpd_sasl_path at the socket of Dovecot's service auth { unix_listener /var/spool/postfix/private/auth { mode = 0660 user = postfix group = postfix } } (private/auth as smtpd sees it) and check doveconf -n and Dovecot's log for the auth process; a Cyrus setup (saslauthd) needs smtpd_sasl_type = cyrus, not dovecot"
	tlsPeerRefusedCertFix = "look at what this side serves: openssl s_client -starttls smtp -connect THIS-HOST:587 -showcerts must list the whole chain and end with Verify return code: 0; serve the full chain (fullchain.pem) in smtpd_tls_chain_files or smtpd_tls_cert_file and postfix reload; a client that must trust a private CA needs that CA in its own store"
	tlsSecLevelCause      = "the peer's TLS uses cryptography this side's OpenSSL refuses at its security level: OpenSSL 3.0, and distributions that set level 2 in their OpenSSL configuration (Debian 10 and later, RHEL 9), refuse SHA-1 handshake signatures, Diffie-Hellman groups under 2048 bits and servers without secure renegotiation, so a peer that worked before an OpenSSL or distribution upgrade on this side now fails the handshake; on the smtp client the peer is an old server or relay, on smtpd an old client"
	tlsSecLevelFix        = "the lasting fix is on the old side: a current TLS library there, a DH group of 2048 bits or more, SHA-256 signatures; for one peer of your own that cannot be updated, relax TLS for that peer alone and not for every peer: an smtp_tls_policy_maps entry for its destination, or a transport of its own with its own OpenSSL settings (tls_config_file and tls_config_name, Postfix 3.9 and later); lowering the security level in the system-wide OpenSSL configuration weakens every program on the host"
)

// chrootLibraryCause and chrootLibraryFix are postfix check's report of
// a library copy under the queue directory that no longer matches the
// system's.
const (
	chrootLibraryCause = "a copy of a system library under the queue directory (a name-service module such as libnss_dns or libnss_files, which a chrooted daemon loads from there) no longer matches the system's, as after a C library upgrade: chrooted daemons then resolve names with the old copy, which can fail (Name service error, clients logged as unknown) while lookups outside the chroot work"
	chrootLibraryFix   = "copy the system's file over the chroot's (cp -p /PATH QUEUE_DIRECTORY/PATH, the two paths the message names), then postfix check shows no difference and postfix reload starts daemons that load the new copy; a service that needs no chroot can run without one instead (its master.cf chroot column n)"
)

// chrootResolverFix is what to do when this host's resolver fails every
// name: chrooted daemons (master.cf's chroot column) read the copy of
// resolv.conf under the queue directory, which nothing refreshes but
// Debian's postfix start.
const chrootResolverFix = "dig +short MX gmail.com from this host; compare /etc/resolv.conf with the queue directory's etc/resolv.conf (postfix start on Debian copies it; elsewhere copy it, or run the daemons without chroot)"

// Words shared by the entries for smtpd's 451 4.7.1 when a milter failed
// and milter_default_action = tempfail answers for it.
const (
	milterTempfailCause = "a milter failed (see the milter warning before) and milter_default_action = tempfail answers 451 (or shutdown 421): senders retry later, nothing is accepted while it lasts"
	milterTempfailFix   = "start or repair the milter; tempfail keeps the mail at the senders and loses nothing, so keep it unless unfiltered mail is acceptable (accept)"
)

// Words shared by the entries for a milter that failed while Postfix sent
// it the message's content (milter8.c: SMFIC_HEADER, SMFIC_EOH,
// SMFIC_BODY, SMFIC_BODYEOB), which Postfix reads under
// milter_content_timeout.
const (
	milterContentCause = "a milter took part of the message (its header, body or end of message) and then closed the connection (Success after the colon: the milter process ended, as when it crashes on a message) or did not answer within milter_content_timeout (a scan that waits on its own back end: clamd, a DNS or Redis lookup, or a large message); Postfix's settings are not the cause; by milter_default_action the message is accepted unfiltered, deferred or rejected"
	milterContentFix   = "read the milter's own log and the kernel's (journalctl -k or dmesg shows a segfault) at that time: a milter that dies on messages has a bug, which its fixed release (or the last release that worked) removes; a milter that times out waits on what it uses (clamd, Redis, the resolver): repair that; a longer milter_content_timeout helps only a milter that is merely slow on large messages"
)

// Words shared by the entries for a milter that broke the protocol in the
// middle of a session (milter8.c: a reply cut short, a reply the event
// does not allow, bytes after a reply, a length below one).
const (
	milterViolationCause = "a milter sent something the milter protocol does not allow at that point (a reply cut short because the milter closed the connection or crashed while writing it, a reply that event does not take, bytes after a reply, a length of zero): a bug in the milter or its milter library, or a milter that died mid-reply; Postfix drops that milter for the session and milter_default_action decides what happens to the mail"
	milterViolationFix   = "read the milter's own log at that time (and journalctl -k or dmesg for a crash); update the milter or its library to a release that fixes it, or go back to the last release that worked; Postfix's own settings are not the cause"
)

var milterViolationParams = []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}

// What milter8.c's complaint about milter_protocol's value means.
const (
	milterProtocolBadCause = "milter_protocol (or the protocol= of a milter's own { } settings) holds a value Postfix does not know, or none: Postfix takes 2, 3, 4 or 6, optionally with no_header_reply; without a valid version it does not talk to the milter at all, and milter_default_action decides what happens to the mail"
	milterProtocolBadFix   = "set milter_protocol = 6 (the default, which current milters such as opendkim, opendmarc and rspamd speak) or remove the setting, then postfix reload"
)

var milterContentParams = []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action", "milter_content_timeout"}

var milterTempfailParams = []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}

// Words shared by the entries for a Postfix process that could not get
// memory (mymalloc's "insufficient memory", the bare "out of memory").
const (
	memoryCause = "a Postfix process could not get memory and stopped: the host or the container's memory limit is exhausted (often by other programs: a content filter, a database, clamd), or a per-process limit (ulimit -v, systemd MemoryMax) is too small for what the process holds (large regexp or pcre tables, a huge active queue in qmgr)"
	memoryFix   = "check free -m, dmesg for the OOM killer and the container's or unit's memory limit (MemoryMax of the systemd unit that runs Postfix, a ulimit -v in the environment that starts it); add memory or lower the number of processes (default_process_limit, maxproc in master.cf) rather than raising them"
)

var memoryParams = []string{"default_process_limit", "qmgr_message_active_limit"}

// Words shared by the entries for a next hop that relayhost, a transport
// or a fallback relay gives the smtp client.
const (
	relayNexthopFix    = "write the relay as [host]:port (brackets: no MX lookup, and the port its provider gives, 587 for submission), with a name that resolves where Postfix runs, or leave relayhost empty to deliver directly; a relay on this host or on a container bridge must not be an address Postfix itself listens on (inet_interfaces) nor answer with this host's myhostname; postconf relayhost shows the value, postfix reload applies a change, and the deferred mail goes out with postqueue -f"
	nexthopSyntaxCause = "the smtp or lmtp client was handed a next hop that is not host, [host], host:port or [address]:port, and the process stops: relayhost, a transport_maps or sender_dependent_relayhost_maps entry, smtp_fallback_relay or a transport's nexthop holds quotes ('relay.example.net'), a comment (main.cf has no comments after a value: 'relayhost = # ...' makes '#' the host), a port inside the brackets ([192.0.2.25:2525] where [192.0.2.25]:2525 is meant), a template placeholder or another stray word; every message for that next hop waits"
	nexthopSyntaxFix   = "find the value in the message (postconf relayhost smtp_fallback_relay default_transport relay_transport, postmap -q on the transport and relayhost maps) and write it as [host]:port without quotes or comments, or leave relayhost empty to deliver directly; postfix reload, then postqueue -f"
)

var nexthopParams = []string{"relayhost", "transport_maps", "sender_dependent_relayhost_maps", "smtp_fallback_relay", "default_transport", "relay_transport"}

// Words shared by the entries for a database server name that does not
// resolve.
const (
	dbUnknownHostCause = "the name in the table's hosts setting does not resolve where the Postfix daemon runs: a container's service name on a network the mail container is not on, or a name from /etc/hosts that a chrooted daemon does not see (it reads the copy under the queue directory)"
	dbUnknownHostFix   = "make the name resolve where the daemon runs (docker network, the queue directory's etc/hosts and etc/resolv.conf for chrooted daemons) or put the server's address in hosts; test with postmap -q KEY followed by the table, which runs outside the chroot: where it answers and the daemon still fails, the name is missing from the chroot's copy (compare /etc/hosts with the queue directory's etc/hosts)"
)

// Words shared by the entries for a queue directory on a filesystem that
// cannot hold what Postfix keeps there.
const (
	queueSpecialFilesCause    = "postfix check or postfix start (postfix-script) cannot read the FIFOs and sockets in the queue directory's public/ and private/: the queue directory is on a filesystem that cannot hold them or their owners (a container volume or bind mount from another system, NFS, a Windows or macOS folder shared into a VM or container); the master cannot make or use its services there, so Postfix does not work"
	postfixServiceDeniedCause = "a Postfix program may not connect to the socket of Postfix's own anvil or tlsmgr service under the queue directory's private/: the socket or private/ belongs to another user or has other modes than Postfix gives it (a queue directory restored, copied or mounted from another host or image, where the postfix user has another uid, or a chown -R or chmod -R of the volume), or on an SELinux host the files carry the wrong label; no policy server is involved; without anvil smtpd applies no client connection or rate limits, without tlsmgr TLS runs without its session cache"
	postfixServiceDeniedFix   = "compare the owners under the queue directory with mail_owner (ls -ln $(postconf -h queue_directory)/private; id postfix); postfix set-permissions (as root) gives the queue directory back to mail_owner with Postfix's own modes, then postfix check and postfix reload; on SELinux, restorecon -Rv on the queue directory; never make private/ or its sockets world-accessible"
	postfixServiceFailedFix   = "postconf -M shows the service's master.cf entry (stock: anvil unix - - n - 1 anvil; tlsmgr unix - - n 1000? 1 tlsmgr): add a missing one and postfix reload; with the entry there, read the log for that daemon's own fatal or panic line and the master's line about it (postfix/anvil, postfix/tlsmgr) and fix what it names; the master starts the daemon on demand"
	queueFilesystemFix        = "keep queue_directory on a local filesystem (ext4, xfs: a named Docker volume rather than a bind mount from Windows or macOS, never NFS); check with df -h and mount which filesystem holds it; then postfix set-permissions, postfix check and postfix start"
)

// Words shared by the entries for a delivery command killed by SIGXFSZ.
const (
	commandFileSizeCause = "a delivery command on this host was killed by signal 25 (SIGXFSZ): it wrote a file larger than its file size limit; local(8) sets mailbox_size_limit as the file size limit of every file it and the commands it runs write (mailbox_command such as procmail or dovecot-lda, \"| command\" in aliases and .forward files), so a mailbox or a command's file that grows past it kills the command; pipe(8) commands inherit the limit Postfix was started with (ulimit -f, systemd's LimitFSIZE); the agent defers or bounces the mail"
	commandFileSizeFix   = "check the file size limit the command runs under: postconf -h mailbox_size_limit message_size_limit (mailbox_size_limit must be no smaller than message_size_limit; 0 is no limit) and the limit Postfix starts with (ulimit -f, LimitFSIZE of its systemd unit); raise mailbox_size_limit or make the command write less (a mailbox that grew too large: rotate or move to Maildir), then postqueue -f retries the deferred mail"
)

var commandFileSizeParams = []string{"mailbox_size_limit", "message_size_limit"}

// Words shared by the entries for a DNSBL's error codes (127.255.255.0/24)
// read as listings.
const (
	dnsblErrorCause      = "the DNSBL (Spamhaus) refused to answer this host's query, because it came through a public or shared resolver (8.8.8.8, 1.1.1.1, a provider's or a container platform's forwarder) or past the list's free volume, and answered with an error code in 127.255.255.0/24; a restriction without a filter on the answer takes that for a listing, so every client or sender that list checks is refused: this is not a listing"
	dnsblResolverFix     = "run a local recursive resolver that queries the DNS itself (unbound or bind on this host, no forwarders) and point /etc/resolv.conf at it (and its copy under the queue directory for chrooted daemons), or use the list's registered feed (Spamhaus DQS); dig 2.0.0.127.zen.spamhaus.org through the resolver in /etc/resolv.conf must answer 127.0.0.2 and the like, not 127.255.255.254"
	dnsblListingCodesFix = "make each list count only its listing codes, so that an error code is no refusal: reject_rbl_client zen.spamhaus.org=127.0.0.[2..11], reject_rhsbl_sender dbl.spamhaus.org=127.0.1.[2..99] (and reject_rhsbl_helo, reject_rhsbl_reverse_client the same), postscreen_dnsbl_sites zen.spamhaus.org=127.0.0.[2..11]*3; until the resolver is fixed, remove the lists from the restrictions"
)

var dnsblErrorParams = []string{"smtpd_recipient_restrictions", "smtpd_sender_restrictions", "smtpd_client_restrictions", "postscreen_dnsbl_sites"}

// Words shared by the entries for a client on a policy or dynamic-address
// list rejected at RCPT.
const (
	policyListCause = "smtpd or postscreen rejected, at RCPT, clients on a list of addresses that are not meant to send mail straight to port 25 (Spamhaus PBL, dynamic or residential ranges): bots on home connections, and this site's own users whose mail program (a phone, a laptop at home) sends to port 25 without logging in; a user then reports that sending fails"
	policyListFix   = "if the rejected clients include this site's users, have their mail programs submit on port 587 (STARTTLS) or 465 (implicit TLS) with their login (SASL AUTH): enable the submission and smtps services in master.cf (the stock lines, uncommented: -o smtpd_sasl_auth_enable=yes, -o smtpd_relay_restrictions=permit_sasl_authenticated,reject, and for smtps -o smtpd_tls_wrappermode=yes), and set the program's outgoing server to that port with authentication on; exempting the address from the list is no fix: a dynamic address is another customer's tomorrow, and the list is right that mail from it should not come straight to port 25; for bots nothing needs doing"
)

var policyListParams = []string{"smtpd_sasl_auth_enable", "smtpd_sasl_type", "smtpd_recipient_restrictions"}

// What to do about clients a DNSBL lists (smtpd's and postscreen's).
const dnsblRejectFix = "if well-known senders are rejected, look one up at the list the reply names (dig +short with the address's octets reversed in front of the list's zone) and test the list with its 127.0.0.2 entry: a list that answers for every address (as a list that has shut down may) or with an error code must go, or match only its listing codes; a real listing of large providers' servers means that list is too eager to reject on its own: take it out of reject_rbl_client, or weigh it in postscreen_dnsbl_sites below postscreen_dnsbl_threshold so that only several lists together reject; and query the lists through a local recursive resolver"

// Words shared by the entries for postscreen's protocol tests.
const (
	postscreenTestCause = "clients broke the SMTP protocol in a way only spambots, scanners and abused proxies do: they talked before the greeting (PREGREET), sent commands ahead of the replies (COMMAND PIPELINING), sent something that is not SMTP, such as an HTTP request (NON-SMTP COMMAND), or ended lines with a bare newline; postscreen stopped them before they took an smtpd process"
	postscreenTestFix   = "nothing for scattered ones: the tests work; a client that comes back again and again can be banned (fail2ban's postfix filter in ddos mode, a firewall rule) or refused by its HELO name with check_helo_access; a device of your own that fails a test (an appliance that talks too early) goes into postscreen_access_list as permit, rather than turning the test off for everyone; more smtpd processes change nothing"
)

var postscreenTestParams = []string{"postscreen_greet_action", "postscreen_pipelining_action", "postscreen_non_smtp_command_action", "postscreen_bare_newline_action", "postscreen_access_list"}

// Words shared by the entries for a host without IPv6, in the wording
// of Postfix 3 and in that of Postfix 2.
const (
	noIPv6Title = "inet_protocols asks for IPv6 on a host without it"
	noIPv6Cause = "inet_protocols includes IPv6 (all, the default) but this host or container has no IPv6 stack (disabled at boot with ipv6.disable=1, or a container or cluster network without IPv6): each Postfix program warns as it starts and goes on with IPv4 only; no mail is lost"
	noIPv6Fix   = "when the host is meant to run without IPv6, set inet_protocols = ipv4 (a container image may take it from a variable of its own), then postfix stop and postfix start; otherwise enable IPv6 on the host"
)

// Words shared by the entries for a PROXY header for an address family
// Postfix does not take, and for one it cannot read at all.
const (
	proxyFamilyCause    = "the proxy in front of postscreen or smtpd (HAProxy, Traefik, a load balancer) sent a PROXY header for an address family Postfix does not use: TCP6 while inet_protocols is ipv4 (clients now reach the proxy over IPv6), or TCP4 while it is ipv6; each such connection is dropped"
	proxyFamilyFix      = "let Postfix take both families: inet_protocols = all (or ipv4, ipv6), then postfix stop and postfix start (a reload does not apply inet_protocols; a container image may set it from a variable of its own); if this host has no IPv6 route out, smtp_address_preference = ipv4 keeps deliveries trying IPv4 first"
	proxyNotHeaderCause = "the first bytes a client sent to a postscreen or smtpd service that expects a PROXY protocol header are not a header Postfix can read: a client that came straight, not through the proxy, and spoke first (a TLS handshake on a port with implicit TLS, a scanner, a client that does not wait for the greeting), or a proxy that sends a version Postfix does not read (version 2, binary, to Postfix before 3.5, which reads only version 1 lines and logs line too long); each such connection is dropped"
	// haproxy_srvr.c's "bad or missing protocol type", which Postfix
	// before 3.6 words "unsupported protocol type".
	proxyTypeCause    = "the proxy sent a PROXY version 1 header Postfix does not take: PROXY UNKNOWN (HAProxy's own health checks, and connections it cannot describe; Postfix refuses them, as they would pass its address checks), or TCP6 or TCP4 while inet_protocols leaves that family out; each such connection is dropped (Postfix before 3.6 words this 'unsupported protocol type')"
	proxyTypeFix      = "for a health check, have it send a version 2 header (HAProxy: send-proxy-v2 with check-send-proxy; Postfix 3.5 and later take its LOCAL header) or check a port without the PROXY protocol (before 3.5 only that: Postfix reads no version 2 header); for TCP6 or TCP4: " + proxyFamilyFix
	proxyNotHeaderFix = proxyHeaderMissingFix + "; for Postfix before 3.5 have the proxy send version 1 (HAProxy: send-proxy, not send-proxy-v2), and keep the proxy's frontend and Postfix's listener on the same kind of port (implicit TLS passed through to port 465, STARTTLS to 25 and 587)"
)

// What to check after postsuper renamed queue files to their inodes.
const postsuperRepairFix = "nothing is lost: let postsuper -s run once to the end (postfix start runs it; by hand, with Postfix stopped) until it logs no more renames; then postqueue -p lists the mail under its new queue ids (ids noted before no longer apply); if it comes back at every start, the queue lives on a file system whose inode numbers change (a network or overlay file system, some container volumes): keep the queue directory on a local file system"

// Words shared by the entries for a socket in the queue directory
// (private/NAME, public/NAME) that a Postfix client cannot connect to.
const (
	serviceSocketMissingCause  = "a Postfix program (smtpd, cleanup, local, ...) connects to a service through its socket in the queue directory and finds none: master.cf does not define that service, or defines it but the master was not reloaded since (a policy server such as policyd-spf added as a spawn service, a content filter's or milter's entry); a server that makes its own socket there (postgrey, a Dovecot listener) is not running or puts it elsewhere; every request to it fails (smtpd answers 451 4.3.5 to the senders a policy check reaches)"
	serviceSocketRefusedCause  = "a Postfix program (smtpd, cleanup, local, ...) connects to a service through its socket in the queue directory and nothing listens on it: the master is not running, or the service was taken out of master.cf (the socket file stays), or a server that makes its own socket there (postgrey, a Dovecot listener) stopped; every request to it fails (smtpd answers 451 4.3.5 to the senders a policy check reaches)"
	postscreenPassMissingCause = "postscreen hands every client it lets through to the smtpd service that smtpd_service_name names (smtpd: the \"smtpd pass\" line of master.cf) through its socket in the queue directory, and finds none: master.cf has no such pass entry (removed, or renamed while smtpd_service_name was not), or the master was not reloaded since it was added; postscreen answers each of those clients 421 4.3.2 All server ports are busy: no mail comes in through postscreen"
	postscreenPassRefusedCause = "postscreen hands every client it lets through to the smtpd service that smtpd_service_name names (smtpd: the \"smtpd pass\" line of master.cf) and nothing listens on its socket: the master is not running or restarting, or the pass entry was taken out of master.cf (the socket file stays); postscreen answers each of those clients 421 4.3.2 All server ports are busy: no mail comes in through postscreen"
	postscreenPassFix          = "postconf -M smtpd/pass shows the entry: when it is missing, add the stock line (smtpd pass - - n - - smtpd, its chroot column like the smtp inet line's, with the -o options that smtp inet had before postscreen took port 25) and postfix reload; when it is there, postfix status, then postfix reload; more smtpd processes do not help a service that is not there"
	serviceSocketFix           = "look up the service the line names in master.cf (postconf -M NAME/unix); when it is missing, add its entry (a spawn service for a policy server: NAME unix - n n - 0 spawn user=... argv=...; the stock line for a Postfix service) and postfix reload; when it is there, postfix status, then postfix reload so that the master makes its socket; for a server that makes its own socket, start it and give it the path the restriction or milter setting names (under the queue directory)"
)

// Words shared by the entries for a client that sends no PROXY header.
const (
	proxyHeaderMissingCause = "a client connected to a postscreen or smtpd service that expects a PROXY protocol header first (postscreen_upstream_proxy_protocol, smtpd_upstream_proxy_protocol) and sent none: it came straight, not through the proxy (fetchmail or a content filter such as amavis delivering back on 127.0.0.1:10025 to an smtpd that took the setting from main.cf, another container, the proxy's own health check)"
	proxyHeaderMissingFix   = "set the PROXY protocol only on the master.cf services the proxy alone reaches (-o postscreen_upstream_proxy_protocol=haproxy, -o smtpd_upstream_proxy_protocol=haproxy on that service), not in main.cf, and give clients that connect directly a service without it (or send them through the proxy); a health check must send the header too (HAProxy: check-send-proxy)"
)

// Words shared by the entries for a local service's socket or FIFO the
// master cannot create in the queue directory.
const (
	serviceEndpointCause = "the master could not remove and create again the socket or FIFO of a local service under the queue directory (public/ or private/), so Postfix did not start: Invalid argument or Operation not permitted means the queue is on a filesystem that cannot hold sockets and FIFOs (NFS, SMB/CIFS, GlusterFS and other network or shared volumes, such as a container orchestrator's shared claim), Permission denied a queue directory that belongs to another user, Read-only file system a volume mounted read-only"
	serviceEndpointFix   = "keep queue_directory, or at least its public/ and private/ directories, on a local filesystem that is writable (in a container a local volume or an empty scratch directory rather than a network share); mount shows the queue's filesystem, postfix check its owners and modes, postfix set-permissions as root restores them; then start Postfix again"
)

// Words shared by the entries for a queue file the queue manager cannot read.
const (
	unreadableQueueFileCause = "the queue manager found a queue file whose records it cannot follow (an offset that points backwards, envelope records in the wrong order): the file was damaged, by disk or filesystem errors, a crash or a full disk while it was written, a queue directory copied or restored while Postfix ran, or two Postfix instances sharing one queue_directory; qmgr stops on it and stops again on the same file each time the master starts it, so no mail is delivered"
	unreadableQueueFileFix   = "move the file the message names out of the way (the queue id: the name after active/, or before the colon): postsuper -h QUEUEID puts it on hold, postcat -q QUEUEID shows what can still be read of it; postsuper -r QUEUEID has cleanup write it again, postsuper -d QUEUEID deletes it when nothing can be saved; then look for what damaged it: dmesg and the kernel log for disk or filesystem errors, df -h for a full queue filesystem, postfix check; a filesystem with errors needs fsck before more mail is written to it"
	fsClockCause             = "the queue filesystem stamps files with another time than this host's clock: the queue directory is on a network filesystem (NFS, a container volume served from another machine) whose server's clock differs, or one of the two clocks is wrong (no NTP, a virtual machine resumed after a pause)"
	fsClockFix               = "synchronise the clocks with NTP on this host and on the file server (timedatectl, chronyc tracking); keep the queue directory on a local filesystem, which Postfix's locking and renames are made for"
	damagedRecordsCause      = "a queue file's records are damaged: a record length is cut off or out of range, or a pointer record (which links the file's sections) does not parse or loops; the file was cut short or overwritten, by a full disk or a crash while it was written, disk or filesystem errors, or a copy or restore of the queue directory taken while Postfix ran; the daemon that read it gives up on the message, which waits or goes to the corrupt queue"
	queueQuotaCause          = "a queue file could not be created or written because its owner is over a disk quota on the queue filesystem: postdrop writes maildrop files under the uid of the user who ran sendmail (a web server's or cron user's quota on /var), cleanup writes incoming files as mail_owner (postfix); that mail is not queued"
	queueQuotaFix            = "see whose quota is used up on the queue filesystem (quota -u USER for the user the line's uid= or the sending program runs as, and for postfix; repquota on that filesystem as root) and raise or lift that user's quota there (setquota, edquota), or free that user's files; owners and modes of the queue are not the problem"
)

// Words shared by the entries for an mbox its agent may not write.
const (
	mboxWriteDeniedCause = "local(8) or virtual(8) cannot write the recipient's mailbox file as the user it delivers as (the recipient for local(8), virtual_uid_maps' user for virtual(8)): the spool, the directory or the file belongs to someone else or lost its group write bit, often after a migration or restore"
	mboxWriteDeniedFix   = "give the mailbox back to its user (chown USER FILE, mode 0600) and the spool its stock mode (Debian/Ubuntu: /var/mail root:mail 2775; RHEL: /var/spool/mail root:mail 0775); for virtual(8), chown the mailbox and its directory to virtual_uid_maps' and virtual_gid_maps' ids; never chmod 777"
)

// Words shared by the entries for an mbox whose lock another process holds.
const (
	mboxLockBusyCause = "local(8) or virtual(8) could not take the recipient's mbox dot-lock (NAME.lock beside the mailbox; mailbox_delivery_lock, virtual_mailbox_lock for virtual(8)) within deliver_lock_attempts tries, deliver_lock_delay apart: another process holds it (an IMAP or POP server, a mail client or procmail reading or rewriting the mbox), or a delivery that was killed or hung (out of memory, a full filesystem under the spool, a container stopped mid-delivery) left its own lock, a zero-length file of mode 000, which local(8) breaks only when it is older than stale_lock_time (500s by default); the mail waits in the queue"
	mboxLockBusyFix   = "see who holds the lock: ls -l on the .lock file the reason names (its age, and mode 000 when Postfix made it) and fuser -v or lsof on the mailbox; make room when the spool filesystem is full (df -h and df -i on it; empty or archive the mailbox); remove a lock that no process holds, then postqueue -f; an IMAP server that keeps mboxes locked is better served by Maildir, which needs no lock; deliver_lock_attempts and stale_lock_time only set how long local(8) waits"
)

// Words shared by the entries for an mbox at its size limit.
const (
	mboxTooLargeCause = "local(8) or virtual(8) will not grow a mailbox file past mailbox_size_limit (virtual_mailbox_limit for virtual(8)), 50 MB by default: the recipient's mbox is full; the mail bounces (5.2.2)"
	mboxTooLargeFix   = "have the user empty or archive the mailbox, raise the limit (keep it at least message_size_limit; 0 means none), or move mailboxes to Maildir, which has no single file to fill"
	// mboxNoLimitFix stands for it when the limit is off (0): Postfix
	// then sets no file size limit, and the one hit is outside it.
	mboxNoLimitFix = "the limit is 0 here, so Postfix sets none: \"File too large\" comes from outside it, the file size limit of the processes (ulimit -f; LimitFSIZE= on a systemd unit; see Max file size in /proc/$(pgrep -o -x master)/limits) or the filesystem's (a quota, a FAT or 32-bit limit); lift that, or move mailboxes to Maildir"
)

// Words shared by the entries for a full filesystem under the mailboxes.
const (
	mailStoreFullCause = "local(8) or virtual(8) could not write a recipient's mailbox because the filesystem that holds it (or its inodes) is full (ENOSPC: 4.3.0, mail system full): every delivery to that filesystem waits in the queue; it is the mail store's filesystem, named in the line, and Postfix's queue may be on another one with room"
	mailStoreFullFix   = "free space where the mailboxes are (df -h and df -i on the directory the line names: old mail, a runaway mailbox, logs on the same filesystem), then postqueue -f; per-user quotas or mailbox_size_limit keep one mailbox from filling the disk for all"
)

// Words shared by the entries for a mailbox over its filesystem quota.
const (
	diskQuotaCause = "local(8) or virtual(8) could not write the message because the filesystem quota of the user it delivers as is used up (EDQUOT, 5.2.2): the recipient's own quota for local(8), the quota of the mail store's owner for virtual(8), and when every mailbox belongs to one user (virtual_uid_maps = static:5000) that one quota is full for all of them; a disk quota, not a Postfix limit: mailbox_size_limit and virtual_mailbox_limit end in 'File too large' instead; the mail bounces"
	diskQuotaFix   = "quota -u USER or repquota -a (as root) shows the user's usage and limits on the mail filesystem; free space in the mailbox (delete or archive mail) or raise the quota with setquota or edquota; where all virtual mailboxes share one owner, that owner's quota must hold them all, and per-mailbox quotas belong to the IMAP server's delivery (LMTP); no Postfix size limit has a part in this"
)

// Words shared by the entries for a table type written with quotes.
const (
	quotedTypeCause = "the table type Postfix read begins with a quote: main.cf and master.cf keep quotes as part of a value, so alias_maps = \"hash:/etc/aliases, ...\" names a type that starts with the quote; the table type itself may well be supported"
	quotedTypeFix   = "remove the quotes around the value in main.cf (or around the -o value in master.cf): a list of tables needs none, and postconf -n shows the value as Postfix reads it"
)

// Words shared by the entries for sessions that break in the message content.
const (
	lostInContentCause = "the smtp client's session broke while it sent the message content, after the greeting and the envelope had gone through: a few are ordinary network trouble; when it repeats for one destination, mostly for larger messages, the path drops full-size packets (a path MTU black hole: a tunnel, VPN or PPPoE link with a smaller MTU, behind a firewall that blocks ICMP 'fragmentation needed'), or a firewall that inspects SMTP breaks the data stage"
	lostInContentFix   = "test the path with packets that may not be fragmented: ping -M do -s 1472 MXHOST (1472 plus 28 bytes of headers is a 1500-byte MTU; lower -s until it passes); let ICMP 'fragmentation needed' (type 3 code 4) through this host's and the router's firewalls, or clamp the TCP MSS on the router (--clamp-mss-to-pmtu) or lower this host's interface MTU; turn off SMTP inspection on a firewall in the path; more concurrency or longer timeouts do not help"
)

// ContentStages are the smtpd states in which a client sends the message
// content. A session that ends in one of them is logged with the bytes
// received ("lost connection after DATA (5792 bytes) from CLIENT",
// smtpd.c; Postfix 3.10 and later put the queue id first) and left no
// message: smtpd closed its cleanup stream, and cleanup removed the
// queue file. "after END-OF-MESSAGE" comes after the whole message.
var ContentStages = []string{"DATA", "BDAT"}

// PathStallReasons are the reasons of such a line that say the client's
// data stopped coming or its connection went: with some content received,
// repeated for one client, the path drops its large packets.
var PathStallReasons = []string{"timeout", "lost connection"}

// NextHopParams are the parameters that name a next hop this site routes
// mail to itself (relayhost's [host]:port, a transport's "smtp:[host]",
// a content filter's "scan:[127.0.0.1]:10024"), in main.cf or as a
// master.cf -o; NextHopTables those that may name one in a table whose
// contents are not read. A name that fails to resolve and none of them
// can give is the recipient domain's MX host.
var (
	NextHopParams = []string{"relayhost", "smtp_fallback_relay", "content_filter", "default_transport", "relay_transport",
		"virtual_transport", "mailbox_transport", "local_transport", "fallback_transport", "lmtp_fallback_relay"}
	NextHopTables = []string{"transport_maps", "sender_dependent_relayhost_maps", "sender_dependent_default_transport_maps",
		"mailbox_transport_maps", "fallback_transport_maps"}
)

// RecipientUnknownDSNs are the enhanced status codes with which a mailbox
// server refuses a recipient it does not have: RFC 3463's 5.1.1,
// Exchange's and Office 365's 5.1.10 (RESOLVER.ADR.RecipientNotFound; RFC
// 7505 gives the code to a null MX, which no next hop of this site's
// has) and 5.1.6, a mailbox that was moved or closed. Other 5.1.x codes
// speak of the sender or the domain. RecipientMissingWords are the words
// of those that say it in another code.
var RecipientUnknownDSNs = []string{"5.1.1", "5.1.10", "5.1.6"}

// RelayAgents are the delivery agents that hand a message on to another
// server (relay_transport's smtp; lmtp to a mailbox server), whose refusal
// of a recipient comes after this host accepted it.
var RelayAgents = []string{"smtp", "lmtp"}

// ContentEnd reads an smtpd line of a session that ended in the message
// content: its reason and the bytes received.
func ContentEnd(msg string) (reason string, size int64, ok bool) {
	reason, rest, ok := strings.Cut(msg, " after ")
	if !ok {
		return "", 0, false
	}
	stage, rest, ok := strings.Cut(rest, " (")
	if !ok || !slices.Contains(ContentStages, stage) {
		return "", 0, false
	}
	num, _, ok := strings.Cut(rest, " bytes) from ")
	if !ok {
		return "", 0, false
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return "", 0, false
	}
	return reason, n, true
}

// Words shared by the entries for a check_policy_service in braces that
// smtpd cannot read.
const (
	policySyntaxCause = "a check_policy_service written with braces, check_policy_service { ENDPOINT, NAME=VALUE, ... } (Postfix 3.0 and later: per-service timeout, default_action, try_limit, policy_context), cannot be read: a brace left open, text after the closing one, or nothing but blanks inside; smtpd stops (fatal) when a session reaches that restriction, so every such session fails and the master throttles smtpd"
	policySyntaxFix   = "correct the restriction the message quotes (postconf -n shows where it is): the endpoint first (inet:HOST:PORT or unix:PATH), then NAME=VALUE settings, all inside one pair of braces with blanks around them, e.g. check_policy_service { inet:127.0.0.1:10023, timeout=10s, default_action=DUNNO }; a plain check_policy_service inet:127.0.0.1:10023 needs no braces; then postfix reload"
)

// Words shared by the entries for a policy server that takes smtpd's
// connection and closes it without an answer.
const (
	policyClosedCause = "the server Postfix asked over its attribute protocol took the connection and closed it without an answer: it runs, and fails on each request: a policy server named in the restrictions (postgrey, policyd-spf, a quota, rate or alias service) that stops with an error of its own (a module, database or file it cannot use), a spawn command that exits at once, or another program listening on that port; smtpd applies smtpd_policy_service_default_action (451 4.3.5) and senders wait"
	policyClosedFix   = "starting the server again will not help while it fails this way: read its own log at that time (journalctl -u NAME, its log file; for a spawn service, run the argv= command of its master.cf entry by hand as its user=) and fix the error it reports; check that the port or socket in check_policy_service is the policy server's (ss -ltnp, ss -lxp)"
)

// Words shared by the entries for a TLS policy the smtp client cannot use.
const tlsPolicyInvalidCause = "the smtp client cannot use the TLS policy it got for a destination, from smtp_tls_policy_maps or from the policy service that table names (an MTA-STS or DANE policy daemon), so it treats the policy as invalid and defers the mail for that destination (4.7.5 client TLS configuration problem) rather than send it with less TLS than asked"

// Words shared by the DNSSEC and DANE entries.
const (
	dnssecUnavailableCause = "Postfix asked its resolver for DNSSEC validation and got an answer without the validated (AD) bit: the resolver in /etc/resolv.conf does not validate (a public forwarder, a container or cluster DNS, a home router; a chrooted daemon reads the queue directory's etc/resolv.conf), or the answer loses the bit on its way (an old Postfix with a newer C library, a forwarder in between); DANE is then not in effect: dane falls back to unauthenticated TLS and dane-only defers the mail"
	dnssecUnavailableFix   = "give Postfix a validating resolver: a local unbound or bind with validation on, listed in /etc/resolv.conf (and in the queue directory's copy for chrooted daemons); test with dig +dnssec . NS, whose flags must include ad; on a network that cannot reach the root servers, set dnssec_probe to a name the resolver can validate"
	daneOnlyFix            = "keep dane-only for destinations that publish DNSSEC-signed MX and TLSA records; give the others dane (it falls back to TLS for destinations without DANE) or encrypt in the TLS policy table, or correct the policy service that answers dane-only; when every dane-only destination fails, make this host's resolver validate DNSSEC first"
	daneNoMatchCause       = "the destination publishes DNSSEC-signed TLSA records for its MX host (_25._tcp.MXHOST), so at smtp_tls_security_level = dane or dane-only the smtp client authenticates the server by them alone, and none matched the certificates the server sent: a certificate renewed with a new key while the TLSA records still name the old one (3 1 1, or 3 0 1 for any renewal), or a 2 x x record for a CA certificate the server leaves out of its chain (a root such as ISRG Root X1, which Let's Encrypt chains do not include); Postfix defers the mail (4.7.5 Server certificate not verified) rather than send it unauthenticated, as RFC 7672 asks; this host's CA bundle plays no part"
	daneNoMatchFix         = "compare the records with what the server sends: dig +dnssec TLSA _25._tcp.MXHOST and posttls-finger -t30 -T180 -c -L verbose,summary DOMAIN (it prints the TLSA records it uses and the chain's digests); the destination's postmaster must publish a record that matches the current key (3 1 1), or send the CA certificate its 2 x x record names, keeping the old record until the new one has spread; nothing on this host needs changing, and the mail goes once the records match"
	daneTLSALookupCause    = "the TLSA query for an MX host failed (no answer, or a server failure) rather than saying there are none: the destination's name servers mishandle TLSA queries (a known fault of some providers), or this host's resolver fails it (it cannot reach them, or a forwarder or DNS proxy in between turns a validated 'no such name' into a failure); for a DNSSEC-signed MX host Postfix then defers the mail (RFC 7672 asks it to) instead of downgrading"
	daneTLSALookupFix      = "ask this host's resolver and another validating resolver the same question: dig +dnssec TLSA _25._tcp.MXHOST (the resolver in /etc/resolv.conf) and delv @9.9.9.9 TLSA _25._tcp.MXHOST; when the other one answers (records, or a validated no such name or no records) this host's resolver is at fault (a forwarder, DNS proxy or filtering resolver that mishandles TLSA queries or negative answers): fix or replace it here; when both fail, for that name alone, the destination's DNS is at fault: the mail waits until it answers, and only its postmaster can fix it; failures for every name mean this host's resolver"
)

var (
	dnssecParams             = []string{"smtp_dns_support_level", "dnssec_probe", "smtp_tls_security_level"}
	daneParams               = []string{"smtp_tls_security_level", "smtp_tls_policy_maps", "smtp_dns_support_level"}
	tlsVersionParams         = []string{"smtpd_tls_protocols", "smtpd_tls_mandatory_protocols", "smtpd_tls_security_level"}
	tlsPeerRefusedCertParams = []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file"}
	tlsOwnKeyParams          = []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file"}
	tlsSecLevelParams        = []string{"smtp_tls_policy_maps", "smtp_tls_security_level", "tls_config_file", "tls_config_name", "smtpd_tls_security_level"}
)

// Words shared by the entries for a sender check that cannot pass for
// a client with a private or loopback address.
const (
	spfPrivateTitle  = "SPF fails for clients with private addresses: smtpd does not see the senders' own"
	spfPrivateCause  = "the SPF policy service refused mail from a client whose address is private or loopback, which no sender's SPF record lists: smtpd does not see the senders' own addresses (a container's published port, a load balancer or NAT in front of Postfix puts its own address in their place) and every sender with a strict SPF record fails, or a client of this site is checked as if it came from outside"
	privateClientFix = "if the address is a container bridge's gateway or a proxy's, make the real client address reach Postfix (host networking or Docker's userland-proxy off, or the PROXY protocol with postscreen_upstream_proxy_protocol / smtpd_upstream_proxy_protocol); never add that gateway to mynetworks, which would open the relay to everyone; if it is a host of this site, permit it (permit_mynetworks, permit_sasl_authenticated) before check_policy_service"
)

// Words shared by the entries for an SPF refusal of a client on the
// Internet.
const (
	spfRejectTitle = "the SPF policy service refuses mail that fails the sender domain's SPF record"
	spfRejectCause = "smtpd refused mail because the SPF check of its policy service (policyd-spf in check_policy_service) failed, or softfailed where the service rejects a Softfail: forgeries mostly; legitimate mail fails too when a forwarder or mailing list passes it on without rewriting the envelope sender (SRS), when a sender's SPF record leaves out one of its servers, and when the HELO check rejects anything that does not pass"
	spfRejectFix   = "if legitimate mail is among them: in policyd-spf.conf reject only a Fail (Mail_From_reject = Fail, HELO_reject = Fail rather than SPF_Not_Pass or Softfail), keep PermError_reject = False and TempError_Defer = False, and list the forwarders and backup MX hosts that pass mail on to this site in skip_addresses (or Whitelist, Domain_Whitelist); a forwarder of this site's own should rewrite senders with SRS (postsrsd); adding senders to mynetworks is no fix, it lets them relay"
)

// sourceFileMissing is the entry for a table type that Postfix reads from
// its source file itself (regexp, pcre, cidr): the file is missing or
// unreadable, and postmap builds nothing for it.
func sourceFileMissing(typ string) Known {
	return Known{ID: typ + "_table_missing", Match: []string{typ + ":", "is unavailable. open /", "no such file or directory"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a " + typ + " table's source file does not exist or cannot be read where the daemon runs: Postfix reads a " + typ + ": file itself (there is no compiled file to build), so every lookup in it fails until it does; a daemon behind proxy: reads it in proxymap, a chrooted one under the queue directory",
		Fix:   "create the source file the message names (or correct the table's path in the parameter that names it), readable by the postfix user, then postfix reload; for a " + typ + " table there is nothing to build"}
}

// notBuilt is the entry for postmap or postalias run on a table type that
// Postfix reads from its source file and never builds: that is the error,
// not a missing package (Debian's message suggests one all the same).
func notBuilt(typ string) Known {
	return Known{ID: typ + "_table_not_built", Match: []string{"unsupported dictionary type: " + typ}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "postmap or postalias (newaliases) was run on a " + typ + ": table: that type is built into Postfix and read from its source file as it is, there is no indexed file to build, so the command stops; a script, role or handler that runs postmap or newaliases on every table (or sets alias_database to a " + typ + ": table) does this, and the run that called it fails",
		Fix:    "do not run postmap or postalias on " + typ + ": tables (after editing one, postfix reload); keep alias_database for the alias files newaliases should build (hash:, lmdb: or cdb:), or empty it when alias_maps lists only " + typ + ": tables; no package is missing",
		Params: []string{"alias_maps", "alias_database"}}
}

// serverTableTooOld is the entry for a daemon that calls tcp: or
// socketmap: unsupported: both are built into every Postfix from the
// release named (dict_open.c; tcp: left the snapshot builds in 2.7,
// socketmap: came in 2.10), so a daemon that does not know the type runs
// an older Postfix, one without dynamicmaps.cf (3.0) and so without its
// "Is the postfix-TYPE package installed?", which serverTableNotBuilt
// reads. An SRS daemon (postsrsd 1.x: tcp:, 2.x: socketmap:) or a map
// daemon's instructions set such tables up.
func serverTableTooOld(typ, release string) Known {
	return Known{ID: typ + "_table_too_old", Causes: HintLookupFailure, Match: []string{"unsupported dictionary type: " + typ}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:       "a parameter names a " + typ + ": table (an SRS daemon's sender_canonical_maps or recipient_canonical_maps, a map daemon's table) and this Postfix does not know the type: " + typ + ": is built into Postfix " + release + " and later, no package adds it to an older one; the daemon that opens the table stops, and the mail that needs it waits",
		Fix:         "check the release (postconf mail_version): below " + release + ", upgrade Postfix (a current release) or take the " + typ + ": tables out of main.cf and postfix reload until then; a program that is set up through them (postsrsd, a map daemon) needs a Postfix that has the type",
		FixedIn:     []string{release},
		Brings:      "the " + typ + ": table type",
		UpgradeThen: "until then take the " + typ + ": tables out of main.cf and postfix reload; a program that is set up through them (postsrsd, a map daemon) needs a Postfix that has the type",
		HasCause:    "a daemon does not know the " + typ + ": table type, which every Postfix from " + release + " on has built in, this one too: the line came from another Postfix than the one whose release mxtop read (another instance, a container or chroot with its own older Postfix, a second installation whose programs the master runs), or from before an upgrade; the daemon that opens the table stops there, and the mail that needs it waits",
		HasFix:      "find the Postfix that logged it: the host and program the line names, and that installation's own postconf -d mail_version and postconf -m (the table types it knows); upgrade it, or take the " + typ + ": tables out of its main.cf and postfix reload",
		Params:      []string{"mail_version", "sender_canonical_maps", "recipient_canonical_maps"}}
}

// serverTableNotBuilt is postmap or postalias asked to build a tcp: or
// socketmap: table: a Postfix with dynamicmaps.cf looks the type up
// there for the build, finds none and asks for a package.
func serverTableNotBuilt(typ string) Known {
	return Known{ID: typ + "_table_not_built", Match: []string{"unsupported dictionary type: " + typ + ". is the postfix-"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "postmap or postalias was run on a " + typ + ": table: that type is built into Postfix and asks a server for each lookup, there is nothing to build, so the command stops; no package is missing",
		Fix:   "do not run postmap or postalias on " + typ + ": tables (a script that runs postmap on every table in main.cf does this); postmap -q KEY " + typ + ":... tests a lookup"}
}

// sqlConfigMissing is the entry for a database client table whose .cf
// file (its hosts, query and credentials) is missing.
func sqlConfigMissing(typ string) Known {
	return Known{ID: typ + "_cf_missing", Match: []string{typ + ":", "is unavailable. open /", "no such file or directory"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "the .cf file of a " + typ + " table (its server, query and credentials) does not exist or cannot be read where the daemon runs, so every lookup in the table fails; a chrooted daemon looks for it under the queue directory, one behind proxy: in proxymap",
		Fix:   "create or restore the " + typ + " table's .cf file the message names (or correct its path in the parameter that names the table), owned by root, group postfix, mode 0640 when it holds a password, then postfix reload; the file is read as it is, there is nothing to build"}
}

// commandExit is the entry for a delivery whose whole reason is the
// sysexits text of a command local(8) or pipe(8) ran (global/sys_exits.c)
// that printed nothing: why names what the code says of the command.
func commandExit(id, words, why string) Known {
	return Known{ID: id, Command: true, Match: []string{words}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: deliveryCommandTitle,
		Cause: "a delivery command on this host (a master.cf pipe entry's for pipe(8); an alias's, a .forward's or mailbox_command's for local(8)) exited with the sysexits code that '" + words + "' names, and printed nothing: " + why,
		Fix:   "run the command by hand with a test message as the user it runs as (a pipe entry's user=; for local(8) the alias file's owner, or default_privs) and read its own log (Dovecot's LDA logs to its log_path, not the mail log); fix what it names; Postfix needs no reload, the command starts anew for each delivery"}
}

// deliveryCommandTitle names the hint of a command that local(8) or
// Mail for root through a delivery command: local(8) runs mailbox_command,
// and the "| command" of an alias file root owns, as default_privs for
// root (local.c, mailbox.c: "delivery for root is done as
// $default_privs"), so dovecot-lda for root is nobody and cannot enter
// /root or open Dovecot's sockets.
const (
	rootMailCommandCause = "a delivery command ran as nobody, the default_privs user: local(8) runs the command that takes root's mail (mailbox_command such as dovecot-lda, or a \"| command\" in an alias file root owns) as default_privs, never as root; as nobody, dovecot-lda cannot enter /root (mode 0700) or open Dovecot's sockets, so root's mail (cron, system notices, bounces to postmaster) waits in the queue and bounces when it expires"
	rootMailCommandFix   = "send root's mail to a real user: add root: USER to the aliases file (postconf alias_maps names it) and run newaliases, then postqueue -f; do not give /root or the mail tree to another owner, nor nobody access to /root: default_privs must stay an unprivileged user"
)

var rootMailCommandParams = []string{"alias_maps", "default_privs", "mailbox_command"}

// pipe(8) runs and that fails: this host's own, not a Postfix daemon.
const deliveryCommandTitle = "a delivery command that local(8) or pipe(8) runs on this host fails"

var spfRejectParams = []string{"smtpd_recipient_restrictions"}

var privateClientParams = []string{"smtpd_recipient_restrictions", "mynetworks", "smtpd_upstream_proxy_protocol", "postscreen_upstream_proxy_protocol"}

// Hint ids the knowledge base feeds, beside the rules' own.
const (
	HintConfigError   = "config_error"
	HintLookupFailure = "lookup_failure"
	HintDaemonCrash   = "daemon_crash"
	HintBlocklist     = "blocklist"
	HintMailbox       = "mailbox_delivery"
)

// KnownMilters are common milters, told by a word of their socket path
// or their usual port in a line that names the milter's address, with
// where each sets its socket, that socket made inside the queue directory
// (which chrooted and unchrooted daemons both find) and the milter
// setting that names it. The first whose word appears is the milter.
var KnownMilters = []MilterKind{
	{Name: "OpenDKIM", Words: []string{"opendkim", ":8891"}, Setting: "Socket in opendkim.conf",
		Socket: "Socket local:/var/spool/postfix/opendkim/opendkim.sock, with UMask 007", Milter: "unix:opendkim/opendkim.sock"},
	{Name: "OpenDMARC", Words: []string{"opendmarc", ":8893"}, Setting: "Socket in opendmarc.conf",
		Socket: "Socket local:/var/spool/postfix/opendmarc/opendmarc.sock, with UMask 007", Milter: "unix:opendmarc/opendmarc.sock"},
	{Name: "clamav-milter", Words: []string{"clamav"}, Setting: "MilterSocket in clamav-milter.conf",
		Socket: "MilterSocket /var/spool/postfix/clamav/clamav-milter.ctl, MilterSocketGroup postfix, MilterSocketMode 660", Milter: "unix:clamav/clamav-milter.ctl"},
	// rspamd's milter is its proxy worker, on TCP by default: a port
	// needs no path inside the chroot.
	{Name: "rspamd", Words: []string{"rspamd", ":11332"}, Setting: "the proxy worker's bind_socket in /etc/rspamd/local.d/worker-proxy.inc (with milter = yes)",
		Socket: "bind_socket = \"localhost:11332\"", Milter: "inet:localhost:11332"},
	{Name: "spamass-milter", Words: []string{"spamass"}, Setting: "the socket its -p option names (SOCKET in /etc/default/spamass-milter on Debian)",
		Socket: "-p /var/spool/postfix/spamass/spamass.sock", Milter: "unix:spamass/spamass.sock"},
	{Name: "milter-greylist", Words: []string{"greylist"}, Setting: "socket in greylist.conf",
		Socket: "socket \"/var/spool/postfix/milter-greylist/milter-greylist.sock\" 660", Milter: "unix:milter-greylist/milter-greylist.sock"},
	{Name: "amavisd-milter", Words: []string{"amavis"}, Setting: "the socket its -s option names (/etc/default/amavisd-milter on Debian)",
		Socket: "-s /var/spool/postfix/amavis/amavisd-milter.sock", Milter: "unix:amavis/amavisd-milter.sock"},
}

// MilterKind is one of KnownMilters.
type MilterKind struct {
	Name    string
	Words   []string // lower case
	Setting string   // where the milter sets its socket
	Socket  string   // that setting inside the queue directory
	Milter  string   // smtpd_milters' value for it
}

// MilterIn is the KnownMilters entry whose word line has, nil for none.
func MilterIn(line string) *MilterKind {
	low := strings.ToLower(line)
	for i := range KnownMilters {
		for _, w := range KnownMilters[i].Words {
			if strings.Contains(low, w) {
				return &KnownMilters[i]
			}
		}
	}
	return nil
}

// Advice says where the milter sets its socket and how to have Postfix
// find it.
func (m *MilterKind) Advice() string {
	return "the milter here is " + m.Name + ": its socket is " + m.Setting + "; for example " + m.Socket + ", named in smtpd_milters as " + m.Milter + " in place of its present entry, the other milters there kept (restart " + m.Name + ", then postfix reload)"
}

// KnownMessages is the knowledge base, tried in order: the first entry
// whose texts all appear wins, so specific entries come before general
// ones ("unsupported dictionary type: btree" before "is unavailable").
// An entry with Or alternatives stands there as one row per list of
// texts, next to each other: Record.Known numbers the rows.
var KnownMessages = expandOr(knownEntries)

// expandOr returns table with each entry that has Or alternatives
// replaced by one row per list of texts, Match's first, in place.
func expandOr(table []Known) []Known {
	out := make([]Known, 0, len(table))
	for _, k := range table {
		alts := k.Or
		k.Or = nil
		out = append(out, k)
		for _, m := range alts {
			k.Match = m
			out = append(out, k)
		}
	}
	return out
}

// knownEntries is the knowledge base as written; see KnownMessages.
var knownEntries = []Known{
	// --- Address verification (smtpd_check.c's reject_unverified_recipient
	// and reject_unverified_sender): "<addr>: Recipient address rejected:
	// unverified address: REASON", REASON being what verify(8) recorded for
	// its probe: a delivery agent's or the queue manager's own words that
	// entries below also know alone. The reject says whose they are, so
	// these come first. "undeliverable address" (the probe bounced) is the
	// check doing its work and stays a recipient refusal.
	// verify(8) answers this for an address it has just begun to probe;
	// the client retries and the cached result answers.
	// smtpd refuses a message larger than message_size_limit: at MAIL
	// FROM when the client announced its SIZE, else after DATA. Large
	// files sent by mail are everyday; only a limit below what this
	// site's users must receive calls for a change.
	{ID: "message_size_limit_refusal", Reply: true, Match: []string{"message size exceeds fixed limit"}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true,
		Title:  "mail is refused for being larger than message_size_limit",
		Cause:  "a client offered a message larger than this host's message_size_limit (10240000 bytes, about 10 MB, by default), so smtpd refused it with 552 5.3.4; the sender gets a bounce",
		Fix:    "nothing when the limit is meant (the sender can share a link instead); to take larger mail, raise message_size_limit (postconf message_size_limit shows it; bytes, attachments grow by a third in transit) and keep mailbox_size_limit and virtual_mailbox_limit at least as large (0 means no limit), then postfix reload; a relay or content filter after this host must take the same size",
		Params: []string{"message_size_limit", "mailbox_size_limit", "virtual_mailbox_limit"}},
	{ID: "verify_in_progress", Reply: true, Match: []string{"unverified address: address verification in progress"}, Class: ClassRecipient, Hint: HintConfigError, Side: "inbound", Calm: true,
		Title:  "addresses are deferred while their verification probe runs",
		Cause:  "smtpd deferred an address (450) because verify(8) had only just sent its probe: normal for the first mail to each address; many of them mean the probes take longer than address_verify_poll_count times address_verify_poll_delay, or never finish (the queue holds probes from the double-bounce sender that wait for a next hop that does not answer)",
		Fix:    "nothing for a few; when they persist, look for the probes in the log (qmgr's from=<double-bounce@...> lines and their deliveries) and fix what delays them (the next hop, its transport), or drop the reject_unverified_* restriction for this host",
		Params: []string{"address_verify_poll_count", "address_verify_poll_delay", "smtpd_recipient_restrictions"}},
	{ID: "unverified_recipient", Reply: true, Probe: true, Match: []string{"recipient address rejected: unverified address: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "recipients are refused because their verification probe fails",
		Cause:  "smtpd refused a recipient (reject_unverified_recipient) because verify(8)'s probe for it, routed as mail to it would be, failed with a temporary error, named after 'unverified address:': a reason in this host's own words (Address lookup failure, unknown mail transport error, a transport or socket it cannot connect to) means the probe fails inside Postfix: the address's route is broken, or an alias or catch-all the tables accept leads nowhere the probe can reach; a next hop's reply or a timeout means the mailbox server behind this gateway did not answer the probe; verify(8) answers from the failed result it keeps in address_verify_map until address_verify_negative_refresh_time (3h by default) has passed, so an address stays refused for a while after its cause is fixed",
		Fix:    "fix the route the reason names (transport_maps, the next hop, a delivery socket), then drop the stale results: postfix stop, delete the cache file address_verify_map names (verify_cache.db in data_directory), postfix start; a host that is itself the final destination learns nothing from probing its own tables: remove reject_unverified_recipient there and keep smtpd_reject_unlisted_recipient = yes; on a gateway, make its recipient list exact (relay_recipient_maps) where it can be, and keep unverified_recipient_reject_code at 450 while probes fail",
		Params: []string{"smtpd_recipient_restrictions", "address_verify_map", "address_verify_negative_refresh_time", "transport_maps", "relay_recipient_maps", "unverified_recipient_reject_code"}},
	// Sender verification probes other sites' servers from the null
	// sender, which some refuse or tempfail: normal in small numbers.
	{ID: "unverified_sender", Reply: true, Probe: true, Match: []string{"sender address rejected: unverified address: "}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true,
		Title:  "senders are refused because their verification probe gets no answer",
		Cause:  "smtpd refused a sender (reject_unverified_sender) because verify(8)'s probe to the sender's own mail server failed with a temporary error: forged senders' domains do that, and so do real sites that refuse or delay probes from the null sender (address_verify_sender) or count them as abuse; a reason in this host's own words (a lookup or transport failure) means the probe fails inside Postfix",
		Fix:    "nothing for a few forged senders; when real senders are refused, verify only the senders of domains that are often forged (check_sender_access with reject_unverified_sender for those domains alone) rather than all mail, or give the probes a sender address (address_verify_sender) the remote sites accept; fix a local lookup or transport failure the reason names",
		Params: []string{"smtpd_sender_restrictions", "address_verify_sender", "unverified_sender_reject_code"}},
	// --- Our DNSBL use is broken: the resolver, not the clients.
	// Spamhaus answers a query that comes through a public or shared
	// resolver, or past its volume limit, with a code in 127.255.255.0/24
	// and a TXT reply that says so ("Error: open resolver", "Error:
	// excessive number of queries"). reject_rbl_client and
	// reject_rhsbl_sender without a =127.0.0.[..] filter take any answer
	// for a listing, so smtpd refuses every sender: the resolver is the
	// cause, and the refusals are no listing.
	{ID: "dnsbl_open_resolver", Reply: true, Severe: true, Match: []string{"open resolver"}, Class: ClassBlocklist, Hint: "dns", Side: "inbound",
		Cause:   dnsblErrorCause,
		Fix:     dnsblResolverFix,
		Also:    HintBlocklist,
		AlsoFix: dnsblListingCodesFix,
		Params:  dnsblErrorParams},
	{ID: "dnsbl_excessive_queries", Reply: true, Severe: true, Match: []string{"blocked using ", "excessive number of queries"}, Class: ClassBlocklist, Hint: "dns", Side: "inbound",
		Cause:   dnsblErrorCause,
		Fix:     dnsblResolverFix,
		Also:    HintBlocklist,
		AlsoFix: dnsblListingCodesFix,
		Params:  dnsblErrorParams},
	{ID: "dnsbl_error_code", Severe: true, Match: []string{"127.255.255.25"}, Class: ClassBlocklist, Hint: "dns", Side: "inbound",
		Cause:   "the DNSBL answered with one of its error codes (127.255.255.252 typo in the list's name, .254 public resolver, .255 excessive queries), not a listing",
		Fix:     dnsblResolverFix,
		Also:    HintBlocklist,
		AlsoFix: dnsblListingCodesFix,
		Params:  dnsblErrorParams},
	// postscreen_dnsbl.c: dnsblog did not answer within
	// postscreen_dnsbl_timeout. The resolver's slowness, not the list's
	// verdict: every new client waits that long before postscreen
	// decides, so it is name service that needs mending.
	{ID: "dnsblog_reply_timeout", Match: []string{"dnsblog reply timeout "}, Class: ClassDNS, Hint: "dns", Side: "inbound", Calm: true,
		Cause:  "postscreen waited postscreen_dnsbl_timeout for dnsblog's answer about one DNSBL and gave up: every new client is held that long and the list gives no verdict; the resolver does not answer DNSBL queries in time (unreachable, overloaded, or a public forwarder the list refuses), or, when one list alone times out, that list is dead",
		Fix:    "query a list through the resolver this host uses (dig 2.0.0.127.zen.spamhaus.org against the nameserver in /etc/resolv.conf, or in its copy under the queue directory for a chrooted postscreen): a local recursive resolver answers in milliseconds; remove a list that alone keeps timing out from postscreen_dnsbl_sites; a longer postscreen_dnsbl_timeout only holds clients longer",
		Params: []string{"postscreen_dnsbl_sites", "postscreen_dnsbl_timeout"}},
	{ID: "dnsblog_lookup_error", Match: []string{"dnsblog_query", "lookup error"}, Class: ClassDNS, Hint: HintBlocklist, Side: "inbound", Calm: true,
		Cause:  "postscreen's DNSBL queries fail in the resolver: no DNSBL verdicts, and a list that blocks public resolvers answers nothing useful",
		Fix:    "check the resolver this host uses (cat /etc/resolv.conf; a chrooted postscreen/dnsblog reads the copy under the queue directory) and query DNSBLs through a local recursive resolver",
		Params: []string{"postscreen_dnsbl_sites"}},
	// A reject at RCPT (reject_rbl_client under smtpd_delay_reject, or
	// postscreen_dnsbl_action = enforce) for a list of addresses that
	// should not send straight to port 25 (Spamhaus PBL, dynamic or
	// residential ranges): such a client is mostly a user's mail program
	// on a home or mobile connection, whose way in is submission (587)
	// or smtps (465) with SASL, never an exemption from the list.
	{ID: "dnsbl_reject_policy_list", Reply: true, Match: []string{"blocked using ", "reject: rcpt from ", "pbl"}, Class: ClassBlocklist, Hint: HintBlocklist, Side: "inbound", Calm: true, Noise: true,
		Cause: policyListCause, Fix: policyListFix, Params: policyListParams},
	{ID: "dnsbl_reject_dynamic_list", Reply: true, Match: []string{"blocked using ", "reject: rcpt from ", "dynamic"}, Class: ClassBlocklist, Hint: HintBlocklist, Side: "inbound", Calm: true, Noise: true,
		Cause: policyListCause, Fix: policyListFix, Params: policyListParams},
	{ID: "dnsbl_reject_residential_list", Reply: true, Match: []string{"blocked using ", "reject: rcpt from ", "residential"}, Class: ClassBlocklist, Hint: HintBlocklist, Side: "inbound", Calm: true, Noise: true,
		Cause: policyListCause, Fix: policyListFix, Params: policyListParams},
	{ID: "dnsbl_reject", Reply: true, Match: []string{"blocked using "}, Class: ClassBlocklist, Hint: HintBlocklist, Side: "inbound", Calm: true, Noise: true,
		Title:  "clients on a DNS blocklist are refused (the lists at work)",
		Cause:  "smtpd or postscreen rejected clients listed in a DNSBL: normal, unless legitimate senders are among them",
		Fix:    dnsblRejectFix,
		Params: []string{"postscreen_dnsbl_sites", "postscreen_dnsbl_threshold", "smtpd_recipient_restrictions"}},
	// postscreen_dnsbl.c: the sum of the weights of the lists that name
	// a client, read only up to the client's [address]:port.
	{ID: "postscreen_dnsbl_rank", Match: []string{"dnsbl rank ", " for ["}, Class: ClassNone, Hint: HintBlocklist, Side: "inbound", Calm: true, Noise: true,
		Title:  "postscreen finds clients on its DNS blocklists (the lists at work)",
		Cause:  "postscreen found clients on its DNSBLs: the rank is the sum of the postscreen_dnsbl_sites weights of the lists that name the client; at postscreen_dnsbl_threshold or above postscreen takes postscreen_dnsbl_action (ignore, enforce: reject its mail, drop), below it the client goes on to the other tests; normal, unless legitimate senders are among them",
		Fix:    dnsblRejectFix,
		Params: []string{"postscreen_dnsbl_sites", "postscreen_dnsbl_threshold", "postscreen_dnsbl_action"}},

	// --- The smtp client's TLS policy for a destination
	// (smtp_tls_policy.c, smtp_connect.c). A policy it cannot use, from
	// smtp_tls_policy_maps or a policy service (MTA-STS, DANE plugins),
	// is logged under the table's title and the next hop; then "TLS
	// policy lookup [error] for DEST/HOST: REASON" and the mail waits.
	// These come before the generic entries for "lookup error" and a
	// missing '=', which read the same words elsewhere.
	{ID: "tls_policy_table_lookup_error", Match: []string{"_tls_policy_maps, ", "policy table lookup error"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "outbound",
		Cause:  "the smtp client could not look up the TLS policy of a destination: smtp_tls_policy_maps cannot be read, or the policy service it names (a socketmap: or tcp: table: an MTA-STS or DANE policy daemon) does not answer; mail to every destination the table is asked about waits with 'client TLS configuration problem'",
		Fix:    "test the table as the smtp client asks it: postmap -q DOMAIN followed by the table smtp_tls_policy_maps names (postconf shows it); rebuild an indexed file with postmap, or start the policy service and check that it listens where the table says",
		Params: []string{"smtp_tls_policy_maps"}},
	{ID: "tls_policy_unknown_attribute", Match: []string{"_tls_policy_maps, ", "invalid attribute name"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  tlsPolicyInvalidCause + "; this one has an attribute this Postfix does not know: a misspelt one in a table line, or one a policy service sends that is newer than this Postfix (servername needs Postfix 3.4; policy_type, policy_domain, policy_ttl, policy_string, mx_host_pattern and policy_failure, the TLSRPT data MTA-STS and DANE policy daemons add, need Postfix 3.10)",
		Fix:    "compare what the policy gives (postmap -q DOMAIN followed by the table) with this Postfix (postconf mail_version): upgrade Postfix, or configure the policy service for this version (postfix-mta-sts-resolver: require_sni: false before 3.4; postfix-tlspol: its query without TLSRPT data before 3.10), or correct the attribute in the table and postmap it",
		Params: []string{"smtp_tls_policy_maps", "mail_version"}},
	{ID: "tls_policy_syntax", Match: []string{"_tls_policy_maps, "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  tlsPolicyInvalidCause + "; the warning names what it could not read: a security level it does not know, an attribute without '=' or without a value, one given twice, a bad value (a list's parts must be separated by ':' inside one attribute, e.g. protocols=!SSLv2:!SSLv3, since a blank or a comma ends the attribute)",
		Fix:    "correct the entry for that destination in the table smtp_tls_policy_maps names (level first, then name=value attributes, e.g. example.com secure match=.example.com protocols=>=TLSv1.2), postmap it if it is an indexed file, and test with postmap -q DOMAIN followed by the table; a policy service that answers so needs its own fix",
		Params: []string{"smtp_tls_policy_maps"}},
	// Postfix 2.10 names the table "TLS policy table" in these warnings,
	// and stops the smtp process (fatal) when the table cannot be read.
	// Its policies know no protocols=>= range (Postfix 3.6).
	{ID: "tls_policy_syntax_table", Match: []string{"tls policy table, "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  tlsPolicyInvalidCause + "; the warning names what it could not read: a security level it does not know, an attribute it does not know, without '=' or without a value, one given twice, a bad value (a list's parts must be separated by ':' inside one attribute, e.g. protocols=!SSLv2:!SSLv3, since a blank or a comma ends the attribute)",
		Fix:    "correct the entry for that destination in the table smtp_tls_policy_maps names (level first, then name=value attributes, e.g. example.com secure match=.example.com protocols=!SSLv2:!SSLv3), postmap it if it is an indexed file, and test with postmap -q DOMAIN followed by the table",
		Params: []string{"smtp_tls_policy_maps", "mail_version"}},
	{ID: "tls_policy_lookup_fatal", Match: []string{"_tls_policy_maps lookup error for "}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "outbound",
		Cause:  "the smtp client could not look up the TLS policy of a destination and stopped: smtp_tls_policy_maps cannot be read, or the table it names (a socketmap: or tcp: service) does not answer; mail to the destinations the table is asked about waits",
		Fix:    "test the table as the smtp client asks it: postmap -q DOMAIN followed by the table smtp_tls_policy_maps names (postconf shows it); rebuild an indexed file with postmap, or start the service the table names and check that it listens where the table says",
		Params: []string{"smtp_tls_policy_maps"}},
	// dane_incompat at the dane-only level: the smtp client writes these
	// into the reason of the mail it defers (dsn 4.7.5).
	{ID: "dane_non_dnssec_destination", ClientReason: true, Match: []string{"non dnssec destination"}, Class: ClassConfigError, Hint: "tls", Side: "outbound",
		Cause:  "the TLS policy for this destination is dane-only (a smtp_tls_policy_maps line, a policy service's answer, or smtp_tls_security_level = dane-only) but its MX records did not come back DNSSEC-validated: the domain is not signed, or this host's resolver does not validate (then every dane-only destination fails alike and smtp warns that DNSSEC validation may be unavailable); dane-only never falls back, so the mail waits",
		Fix:    daneOnlyFix,
		Params: daneParams},
	{ID: "dane_no_tlsa", ClientReason: true, Match: []string{"no tlsa records found"}, Class: ClassConfigError, Hint: "tls", Side: "outbound",
		Cause:  "the TLS policy for this destination is dane-only, but its MX host publishes no TLSA records: there is nothing to authenticate the server with, and dane-only never falls back, so the mail waits",
		Fix:    daneOnlyFix,
		Params: daneParams},
	{ID: "dane_tlsa_lookup_error", ClientReason: true, Match: []string{"tlsa lookup error for "}, Class: ClassDNS, Hint: "dns", Side: "outbound",
		Cause:  daneTLSALookupCause,
		Fix:    daneTLSALookupFix,
		Params: daneParams},
	// The smtp client's words for a destination whose policy it could
	// not use (MARK_INVALID): the warning before it names why.
	{ID: "tls_policy_invalid", Consequence: true, ClientReason: true, Match: []string{"client tls configuration problem"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Title:  "the smtp client cannot use the TLS policy of some destinations, and their mail waits",
		Cause:  tlsPolicyInvalidCause + "; the warning just before this one names why (the table's title, the next hop, then the problem), or the policy table could not be looked up",
		Fix:    "read the smtp_tls_policy_maps warning before this line (Postfix 2.10 calls the table TLS policy table there) and fix what it names; postmap -q DOMAIN followed by the table shows the policy the smtp client gets",
		Params: []string{"smtp_tls_policy_maps", "mail_version"}},
	{ID: "tls_policy_lookup", Match: []string{"tls policy lookup"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "outbound",
		Cause:  "the smtp client cannot look up smtp_tls_policy_maps: mail to the destinations it covers waits",
		Fix:    "check the policy table (postmap it again if it is a hash:/lmdb: file; test with postmap -q DOMAIN TYPE:FILE)",
		Params: []string{"smtp_tls_policy_maps"}},

	// --- Configuration errors.
	{ID: "bad_numerical_configuration", Match: []string{"bad numerical configuration"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ParamBefore: " = ",
		Cause: "a parameter that must be a number holds something else; two main.cf lines run together look like this: a missing newline, or a next parameter's line that starts with a blank, which main.cf reads as the rest of this value",
		Fix:   "correct the parameter named in the message in main.cf (or its -o override in master.cf), starting each parameter in the first column; postconf -n shows the value Postfix reads"},
	// virtual(8) reads virtual_mailbox_base with a minimum length of 1
	// and its default is empty: the agent starts only for mail that
	// virtual_transport hands it, and dies at once when nobody set it.
	{ID: "virtual_mailbox_base_empty", Match: []string{"bad string length", "virtual_mailbox_base"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Program: "virtual",
		Cause:  "virtual(8) refuses to start because virtual_mailbox_base is empty (it has no default): mail for virtual_mailbox_domains reaches virtual(8) when virtual_transport is virtual (the default), and waits while the master throttles the service; often a domain that only forwards (aliases) or whose mailboxes another server stores (Dovecot over LMTP) was listed in virtual_mailbox_domains",
		Fix:    "when this host stores the mailboxes with virtual(8), set virtual_mailbox_base to their root (e.g. /var/mail/vhosts, owned by virtual_uid_maps' user) with virtual_mailbox_maps, virtual_uid_maps and virtual_gid_maps; when it does not, keep forward-only domains in virtual_alias_domains instead of virtual_mailbox_domains, or point virtual_transport at the mailbox server's LMTP service; then postfix reload",
		Params: []string{"virtual_mailbox_base", "virtual_mailbox_domains", "virtual_transport", "virtual_alias_domains"}},
	// mail_conf_str.c names the parameter: the two that containers most
	// often leave empty have advice of their own.
	{ID: "myhostname_empty", Match: []string{"bad string length", ": myhostname ="}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "myhostname is empty, and no Postfix program starts; in containers a template or an environment variable that should give it was left empty",
		Fix:    "set myhostname in main.cf to this host's fully qualified name (the one its IP's PTR record gives), such as mail.example.com",
		Params: []string{"myhostname"}},
	{ID: "mydomain_empty", Match: []string{"bad string length", ": mydomain ="}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "mydomain is set to an empty value, and no Postfix program starts; in containers a template or an environment variable that should give it was left empty",
		Fix:    "set mydomain in main.cf to this host's mail domain, or remove the empty mydomain line: its default is myhostname less its first label",
		Params: []string{"mydomain", "myhostname"}},
	{ID: "bad_string_length", Match: []string{"bad string length"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ParamBefore: " = ",
		Cause: "a parameter that must not be empty is empty (or one is too long): main.cf's when the message names no file before its words, else a parameter in that table's configuration file; in containers a template or an environment variable that should give it was often left empty",
		Fix:   "set the parameter the message names where the message says (main.cf, or the file it names), or remove an empty line so that its default applies; postconf -n shows what main.cf sets"},
	// mail_params.c checks this host's names when a program starts: a
	// bad one stops every Postfix program, postfix start included.
	{ID: "myhostname_value_invalid", Match: []string{"parameter myhostname: bad parameter value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "myhostname is not a valid host name (a trailing dot or two dots, a character a host name cannot have, a label over 63 characters), and no Postfix program starts",
		Fix:    "set myhostname in main.cf to this host's fully qualified name (the one its IP's PTR record gives), such as mail.example.com",
		Params: []string{"myhostname"}},
	{ID: "mydomain_value_invalid", Match: []string{"parameter mydomain: bad parameter value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "mydomain is not a valid domain name (a trailing dot or two dots, a character a domain cannot have), and no Postfix program starts",
		Fix:    "set mydomain in main.cf to this host's mail domain, or remove the mydomain line: its default is myhostname less its first label",
		Params: []string{"mydomain", "myhostname"}},
	{ID: "bad_parameter_value", Match: []string{"bad parameter value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ParamBefore: " = ",
		Cause: "a parameter's value is not one Postfix reads (a word the parameter does not take, a malformed name or address)",
		Fix:   "correct the value of the parameter the message names in main.cf (or its -o override in master.cf); postconf -n shows the value Postfix reads"},
	{ID: "invalid_hostname", Match: []string{"valid_hostname:"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "a name Postfix checks as a hostname is not one (misplaced delimiter, bad character, too long): this host's myhostname or mydomain (a fatal line follows and Postfix does not start), a name in the configuration, or a destination's domain from a recipient address, which fails only that mail",
		Fix:    "if the name is this host's (postconf myhostname mydomain), give myhostname a fully qualified name such as mail.example.com (in containers set it instead of taking the container id); a destination's bad domain needs nothing here",
		Params: []string{"myhostname"}},
	{ID: "bad_time_value", Match: []string{"bad time value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a time parameter has a value or unit Postfix does not read (units are s, m, h, d, w)",
		Fix:   "correct the parameter the message names"},
	{ID: "relay_restrictions_required", Match: []string{"specify at least one working instance of"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "smtpd refuses to run as an open relay: neither smtpd_relay_restrictions nor smtpd_recipient_restrictions ends relaying with reject_unauth_destination (or defer_unauth_destination, reject, defer)",
		Fix:    "add reject_unauth_destination to smtpd_relay_restrictions, e.g. postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
		Params: []string{"smtpd_relay_restrictions", "smtpd_recipient_restrictions"}},
	{ID: "unapproved_table", Match: []string{"request for unapproved table"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a proxy: table is used that proxy_read_maps (or proxy_write_maps) does not list, so proxymap refuses it",
		Fix:    "append the table, exactly as written after proxy:, to proxy_read_maps (lookups) or proxy_write_maps (postscreen/verify caches), then postfix reload",
		Params: []string{"proxy_read_maps", "proxy_write_maps"}},
	// The PROXY protocol in front of postscreen and smtpd
	// (haproxy_srvr.c, postscreen_haproxy.c, smtpd_haproxy.c, smtpd_peer.c).
	// Before "unsupported protocol", which is also OpenSSL's word.
	{ID: "proxy_protocol_family", Match: []string{"haproxy read: unsupported protocol type"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyTypeCause,
		Fix:    proxyTypeFix,
		Params: []string{"inet_protocols", "postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	// haproxy_srvr.c's reasons for a header it cannot read ("haproxy
	// read: %s: %s", the header escaped after them); Postfix before 3.5
	// read only version 1 lines ("line too long", "line > %d characters").
	{ID: "proxy_protocol_family_v2", Match: []string{"haproxy read: postfix ipv"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyFamilyCause + " (a version 2 header)",
		Fix:    proxyFamilyFix,
		Params: []string{"inet_protocols", "postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_type", Match: []string{"haproxy read: bad or missing protocol type"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyTypeCause,
		Fix:    proxyTypeFix,
		Params: []string{"inet_protocols", "postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_network", Match: []string{"haproxy read: unsupported network protocol"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  "the proxy sent a PROXY version 2 header for a connection that is neither TCP over IPv4 nor over IPv6 (a UNIX socket, UDP or an unspecified family): Postfix takes only TCP4 and TCP6 and drops the connection",
		Fix:    "have the proxy reach postscreen or smtpd over TCP, from a frontend that takes TCP clients, and send the header only on that path",
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_not_a_header", Match: []string{"haproxy read: unrecognized protocol "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_short_header", Match: []string{"haproxy read: short "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_bad_header", Match: []string{"haproxy read: bad or missing "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	// Postfix before 3.6 words "bad or missing protocol header" and "bad
	// or missing client address" (server address, client or server port)
	// "unexpected protocol header" and "unexpected client address syntax";
	// before 3.5 the first is also any line that does not start with PROXY.
	{ID: "proxy_protocol_unexpected_header", Match: []string{"haproxy read: unexpected protocol header"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_unexpected_syntax", Match: []string{"haproxy read: unexpected ", " syntax: "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_unterminated", Match: []string{"haproxy read: missing protocol header terminator"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_line_too_long", Match: []string{"haproxy read: line "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyNotHeaderCause,
		Fix:    proxyNotHeaderFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_unexpected_event", Match: []string{"haproxy read: unexpected event"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyHeaderMissingCause + "; on this one the connection failed (an error or exception on the socket) before its PROXY line was read",
		Fix:    proxyHeaderMissingFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_timeout", Match: []string{"haproxy read: time"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyHeaderMissingCause + "; an SMTP client waits for the greeting, so the wait ends in this timeout (postscreen then answers 421 4.3.2)",
		Fix:    proxyHeaderMissingFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol", "postscreen_upstream_proxy_timeout", "smtpd_upstream_proxy_timeout"}},
	{ID: "proxy_protocol_eof", Match: []string{"haproxy read: ", " eof"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyHeaderMissingCause + "; this one hung up first (a health check that only connects, or a client that gave up)",
		Fix:    proxyHeaderMissingFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	// postscreen_haproxy.c: the peer closed, or reset, the connection
	// before its PROXY line was complete.
	{ID: "proxy_protocol_lost", Match: []string{"haproxy read: lost connection"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyHeaderMissingCause + "; this one closed the connection before its PROXY line was complete (a health check that connects and leaves, or one that sends the header and closes at once)",
		Fix:    proxyHeaderMissingFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_reset", Match: []string{"haproxy read: connection reset"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  proxyHeaderMissingCause + "; this one reset the connection before its PROXY line was complete (a health check that aborts, a client that gave up)",
		Fix:    proxyHeaderMissingFix,
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	{ID: "proxy_protocol_behind_postscreen", Match: []string{"ignoring non-empty ", " setting behind postscreen"}, Class: ClassConfigError, Hint: HintConfigError, Program: "smtpd",
		Cause:  "smtpd_upstream_proxy_protocol is set for an smtpd that takes its connections from postscreen (port 25): smtpd ignores it there, and unless postscreen reads the PROXY header itself every client looks like the proxy's own address",
		Fix:    "set postscreen_upstream_proxy_protocol = haproxy on the postscreen service the proxy reaches (master.cf: -o postscreen_upstream_proxy_protocol=haproxy) and keep smtpd_upstream_proxy_protocol off main.cf and off the smtpd that postscreen passes to, only on submission services the proxy reaches",
		Params: []string{"postscreen_upstream_proxy_protocol", "smtpd_upstream_proxy_protocol"}},
	// dict_open.c: a table a daemon writes alone (postscreen's cache) is
	// opened a second time.
	{ID: "table_exclusive_lock", Match: []string{"unable to get exclusive lock"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a daemon that keeps a table locked for itself (postscreen_cache_map, address_verify_map) found it locked by another process: two postscreen services in master.cf (a second port, such as one for the PROXY protocol) or two Postfix instances open the same cache file; this one exits and the master throttles its service",
		Fix:    "share the cache through proxymap: postscreen_cache_map = proxy:btree:$data_directory/postscreen_cache in main.cf (address_verify_map likewise; proxy_write_maps lists both by default), then postfix reload; or give each service (-o postscreen_cache_map=...) or instance (data_directory) a file of its own",
		Params: []string{"postscreen_cache_map", "address_verify_map", "proxy_write_maps"}},
	// A type that begins with a quote: main.cf and master.cf take quotes
	// literally. A double-quoted value arrives blanked (blankRemoteValues),
	// so the colon is followed by two blanks; these come before the
	// entries that read the type's name.
	{ID: "quoted_table_type", Match: []string{"unsupported dictionary type:  "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: quotedTypeCause, Fix: quotedTypeFix},
	{ID: "quoted_table_type_single", Match: []string{"unsupported dictionary type: '"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: quotedTypeCause, Fix: quotedTypeFix},
	// Postfix 3.5 says "non-root users", later versions "other users"; the
	// type's own "unsupported dictionary type: X (FILE: file is owned ...)"
	// is this entry's too, so it comes before the entries for the types.
	{ID: "file_not_root_owned", Match: []string{"file is owned or writable by"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "Postfix skips a configuration file (dynamicmaps.cf, a file in dynamicmaps.cf.d, a map plugin) that a non-root user owns or can write: whatever it defines is missing, and its table types are unsupported",
		Fix:   "chown root and chmod go-w the file the message names (postfix set-permissions fixes the stock files)"},
	{ID: "unsupported_dictionary_berkeley", Causes: HintLookupFailure, Match: []string{"unsupported dictionary type: hash"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Title:  "this Postfix build has no Berkeley DB support: it cannot open hash: tables",
		Cause:  "this Postfix build has no Berkeley DB support (hash:), as newer distribution packages ship it separately or not at all",
		Fix:    "install the distribution's Berkeley DB map package for Postfix if it has one, or move to lmdb: (or cdb:): set default_database_type = lmdb, replace hash: and btree: in main.cf and master.cf, run postmap lmdb:/path on each table and newaliases; Postfix 3.11 and later can bridge the move with postfix non-bdb enable-redirect (NON_BERKELEYDB_README)",
		Params: []string{"default_database_type", "alias_database", "alias_maps"}},
	{ID: "unsupported_dictionary_btree", Causes: HintLookupFailure, Match: []string{"unsupported dictionary type: btree"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Title:  "this Postfix build has no Berkeley DB support: it cannot open btree: tables (the TLS session and verify caches)",
		Cause:  "this Postfix build has no Berkeley DB support (btree:), used by default for the TLS session caches and address verification",
		Fix:    "point the caches at lmdb: (postconf -e 'smtp_tls_session_cache_database = lmdb:${data_directory}/smtp_scache' and the smtpd_ one; Postfix 3.11 and later: default_cache_db_type = lmdb for the address verification and postscreen caches), or install the Berkeley DB map package",
		Params: []string{"default_cache_db_type", "smtp_tls_session_cache_database", "smtpd_tls_session_cache_database", "address_verify_map", "postscreen_cache_map"}},
	// Postfix 3.11 and later name the missing Berkeley DB support
	// themselves, after "is unavailable." (NON_BERKELEYDB_README).
	{ID: "berkeley_db_not_built", Causes: HintLookupFailure, Match: []string{"berkeley db support for"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Title:  "this Postfix build has no Berkeley DB support: it cannot open hash: or btree: tables",
		Cause:  "this Postfix build has no Berkeley DB support, so it cannot open hash: or btree: tables (maps named in main.cf and master.cf, the TLS session and verify caches), as newer distribution packages ship Postfix without it",
		Fix:    "move to lmdb: (or cdb:): set default_database_type = lmdb (and default_cache_db_type = lmdb for the caches), replace hash: and btree: in main.cf and master.cf, run postmap lmdb:/path on each table and newaliases; postfix non-bdb enable-redirect bridges the move until then (NON_BERKELEYDB_README)",
		Params: []string{"default_database_type", "default_cache_db_type", "alias_database", "alias_maps"}},
	// tls_misc.c and tlsrpt_wrapper.c: the library Postfix runs with is
	// not the one whose headers it was compiled against. It follows a
	// library upgrade that the Postfix build was not made for; the TLS
	// handshake failures next to it are often only testers' probes.
	{ID: "library_version_mismatch", Library: true, Match: []string{"run-time library vs. compile-time header version mismatch"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix runs with another release of a library (OpenSSL, libtlsrpt) than the one whose headers it was compiled against, as the message says: the library was upgraded and this Postfix build was not made for it (a partial or rolling upgrade, a third-party package, or a Postfix built from source before the library changed); every process that starts TLS warns, and what changed between the releases can make handshakes or TLS reports fail",
		Fix:    "install the Postfix package built for the library this host has (upgrade Postfix together with the library, from the same repository), or rebuild a source build against the current headers (make tidy, make makefiles with the same options, make, make upgrade), then postfix reload; do not pin or downgrade the library for this, and judge TLS failures again once the warning is gone",
		Params: []string{"mail_version"}},
	// dict_db.c: Berkeley DB's run-time release differs from the db.h
	// Postfix was compiled with; older releases stop the daemon (fatal),
	// newer ones make the table a surrogate ("is unavailable.").
	{ID: "berkeley_db_version_mismatch", Library: true, Causes: HintLookupFailure, Match: []string{"incorrect version of berkeley db"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix was compiled against one Berkeley DB release and runs with another, as the message says (libdb was upgraded without the Postfix package built for it, or a source build found an older db.h): it opens no hash: or btree: table, so their lookups fail and a daemon that needs them stops",
		Fix:    "install the Postfix package built for the libdb this host has (Postfix and libdb upgraded together, from one repository), or rebuild a source build against the installed db.h (make makefiles with CCARGS and AUXLIBS naming that release), then postfix stop; postfix start; do not downgrade libdb beneath the other programs that use it",
		Params: []string{"mail_version"}},
	// xsasl_cyrus_server.c and xsasl_cyrus_client.c.
	{ID: "sasl_library_version_mismatch", Library: true, Match: []string{"incorrect sasl library version", "built with include files from version"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix was built with the headers of one Cyrus SASL release and runs with another (libsasl2 upgraded without Postfix): logins (smtpd) and the relay login (smtp) may fail in ways the release notes of the library explain",
		Fix:    "install the Postfix package built for the libsasl2 this host has (upgrade both together, from one repository), or rebuild a source build against the installed sasl headers, then postfix reload",
		Params: []string{"mail_version"}},
	// mail_version.c: a program of one Postfix release found the shared
	// libraries (libpostfix-*.so) of another.
	{ID: "postfix_library_mismatch", Library: true, Match: []string{"postfix library version mis-match"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "a Postfix program found Postfix's shared libraries (libpostfix-*.so in shlib_directory) of another release: a partial upgrade (some Postfix packages held or left half-installed, a map package such as postfix-mysql of another release) or a source build installed over a package",
		Fix:    "bring every Postfix package to one release (the main package and its map and add-on packages from one repository), or run make upgrade from one source tree only, then postfix stop; postfix start",
		Params: []string{"mail_version", "shlib_directory"}},
	{ID: "unsupported_dictionary_dbm", Causes: HintLookupFailure, Match: []string{"unsupported dictionary type: dbm"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Title: "this Postfix build has no dbm: support: it cannot open dbm: tables",
		Cause: "this Postfix build has no dbm: support",
		Fix:   "move the table to lmdb: or cdb: and re-run postmap", Params: []string{"default_database_type"}},
	// Built into every Postfix and read from their source file: only
	// postmap or postalias, which build indexed files, call them unsupported.
	notBuilt("regexp"), notBuilt("cidr"), notBuilt("texthash"),
	serverTableNotBuilt("tcp"), serverTableNotBuilt("socketmap"),
	serverTableTooOld("tcp", "2.7"), serverTableTooOld("socketmap", "2.10"),
	{ID: "unsupported_dictionary_type", Causes: HintLookupFailure, Match: []string{"unsupported dictionary type"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a table type (mysql:, pgsql:, ldap:, lmdb:, ...) is neither built in nor loaded from dynamicmaps.cf",
		Fix:    "install the Postfix package for that table type and check that dynamicmaps.cf (and dynamicmaps.cf.d) lists it and is owned by root",
		Params: []string{"meta_directory", "shlib_directory"}},
	{ID: "missing_attribute_name", Match: []string{"missing attribute name"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a name=value setting has no name: in master.cf an -o option written with spaces around '=' (-o name = value), in main.cf a line that starts with '=' or a stray continuation line (one that starts with whitespace continues the line before)",
		Fix:   "write master.cf options as -o name=value without spaces (postconf -M shows the service lines), or correct the main.cf line; then postfix reload"},
	{ID: "missing_equals", Match: []string{"missing '=' after attribute name"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a setting lacks its '=': in master.cf an -o option written with spaces around '=' (-o name = value; that service then stops at start with invalid \"-o ...\" option value), in main.cf a line without '='",
		Fix:   "write master.cf options as -o name=value without spaces, or correct or delete the main.cf line the message names; then postfix reload"},
	{ID: "service_requires", Match: []string{"requires a process limit of"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a master.cf service has a maxproc its daemon cannot run with (qmgr, tlsmgr, anvil, scache need 1; the stock entries are right)",
		Fix:   "restore the maxproc column of that master.cf line from the stock master.cf"},
	{ID: "service_requires_privilege", Match: []string{"requires privileged operation"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a master.cf service that must run as root is marked unprivileged", Fix: "set the unpriv column of that master.cf line to n, as in the stock master.cf"},
	{ID: "transport_not_in_master", Severe: true, Match: []string{"connect to transport "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "transport_maps, relay_transport, default_transport, a *_transport parameter or content_filter (smtp-amavis:[127.0.0.1]:10024, also as -o content_filter= in master.cf or a FILTER action) names a transport that master.cf does not define",
		Fix:    "add the transport to master.cf (postconf -M) or correct the name in the table or parameter; postfix reload",
		Params: []string{"transport_maps", "default_transport", "relay_transport", "local_transport", "virtual_transport", "content_filter"}},
	{ID: "restriction_removed", Match: []string{"support for restriction", "removed"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "inbound",
		Cause: "a restriction name was renamed: Postfix 3.9 removed some old names (the restriction no longer works) and warns that others will be removed", Fix: "use the name the message gives instead",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_sender_restrictions", "smtpd_client_restrictions"}},
	{ID: "obsolete_parameter", Match: []string{"is obsolete; instead"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host", Calm: true,
		Cause: "a parameter was renamed", Fix: "use the name the message gives instead"},
	{ID: "deprecated_parameter", Match: []string{"deprecated"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host", Calm: true,
		Cause: "a parameter or option is deprecated and will stop working", Fix: "replace it as the message says (postconf -n shows where it is set)"},
	// trivial-rewrite (resolve.c) warns for every pair of address classes
	// that both list the domain, in the order it tries them.
	{ID: "domain_in_both", Match: []string{"do not list domain ", " in both "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a domain is listed in two address classes (the message names them): trivial-rewrite delivers it by the first that matches, in the order mydestination, virtual_alias_domains, virtual_mailbox_domains, relay_domains, and ignores the other; in mydestination, mail for virtual users goes to local(8), which does not know them, and in virtual_alias_domains, addresses without an alias are unknown users; a domain in two classes is often the host's own name ($myhostname, or $mydomain when the host is named after the mail domain) or a domain that a list manager's or a container's instructions add a second time",
		Fix:    "keep the domain in one address class only: mydestination for Unix accounts and aliases, virtual_alias_domains for domains whose addresses only forward, virtual_mailbox_domains for hosted mailboxes, relay_domains for domains this host passes on; send a hosted domain's list or application addresses to their transport with transport_maps or virtual_alias_maps instead of listing the domain again; postfix reload",
		Params: []string{"mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains"}},
	// smtpd_check.c reads check_policy_service { ENDPOINT, NAME=VALUE, ... }
	// (Postfix 3.0 and later) with extpar: braces it cannot take apart, or
	// none but blanks between them, stop smtpd when a session reaches it.
	{ID: "policy_service_syntax", Severe: true, Match: []string{"policy service syntax error"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  policySyntaxCause,
		Fix:    policySyntaxFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_restriction_classes"}},
	{ID: "policy_service_empty", Severe: true, Match: []string{"empty policy service: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  policySyntaxCause,
		Fix:    policySyntaxFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_restriction_classes"}},
	{ID: "unknown_restriction", Severe: true, Match: []string{"unknown smtpd restriction"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "a smtpd_*_restrictions list names a restriction Postfix does not know (a typo, or a restriction class not defined): smtpd answers 451 4.3.5 to everyone",
		Fix:    "correct the name, or define it in smtpd_restriction_classes",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_sender_restrictions", "smtpd_client_restrictions", "smtpd_restriction_classes"}},
	// A recipient refused with X.2.2 (RFC 3463: mailbox full): smtpd
	// writes the code and DSN a restriction answered, Dovecot's
	// quota-status policy service's quota_status_overquota ("552 5.2.2
	// Mailbox is full") the common one; the envelope after it is left out.
	{ID: "recipient_mailbox_full_reject", Reply: true, Calm: true, Match: []string{".2.2 ", "recipient address rejected: "}, Class: ClassRecipient, Hint: HintMailbox, Side: "inbound",
		Title: "this site's mailboxes are full: smtpd refuses mail for them",
		Cause: "smtpd refused a recipient with an X.2.2 reply (mailbox full): a policy service in the recipient restrictions, usually Dovecot's quota-status (check_policy_service), found the mailbox over its quota; a 452 4.2.2 makes the sender's server retry, a 552 5.2.2 makes it bounce the mail to its sender; the refusal before DATA is what keeps this host from accepting mail it would bounce later",
		Fix:   "nothing to change in Postfix: the user deletes or archives mail, or the quota is raised where the mailbox server keeps it (doveadm quota get -u USER; doveadm quota recalc -u USER when the figure looks wrong); never remove the quota check from the restrictions, which would accept such mail and bounce it afterwards (backscatter to forged senders)"},
	{ID: "server_configuration_problem", Reply: true, Severe: true, Consequence: true, AfterWarning: true, Match: []string{"server configuration problem"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "smtpd answers 451 4.3.5 Server configuration problem: a restriction, policy server or table it needs is wrong or unreachable",
		Fix:   "find the warning smtpd logged before this reject (unknown restriction, policy server, table, milter) and fix that"},
	{ID: "sasl_auth_socket", Program: "smtpd", AuthBackend: true, Match: []string{"sasl: connect to"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "smtpd cannot reach the SASL authentication service (Dovecot's auth socket): no client can log in",
		Fix:    "check that the auth service runs and that smtpd_sasl_path names its socket as smtpd sees it (relative to the queue directory when chrooted, e.g. private/auth); on Permission denied give Dovecot's listener to postfix (unix_listener /var/spool/postfix/private/auth { mode = 0660 user = postfix group = postfix })",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path", "smtpd_sasl_auth_enable"}},
	// xsasl_cyrus_log.c: smtpd's Cyrus SASL glue logs the library's words
	// as "SASL authentication failure: %s" (or "problem: %s").
	{ID: "saslauthd", AuthBackend: true, Program: "smtpd", Match: []string{"sasl authentication ", "cannot connect to saslauthd"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "smtpd cannot reach saslauthd: no client can log in", Fix: "start saslauthd and make its socket reachable from smtpd: inside the chroot when smtpd is chrooted (Debian/Ubuntu: OPTIONS=\"-c -m /var/spool/postfix/var/run/saslauthd\" in /etc/default/saslauthd); on Permission denied add postfix to the sasl group (adduser postfix sasl) and restart Postfix; never make the socket directory world-accessible",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "sasl_no_mechanisms", Program: "smtpd", AuthBackend: true, Match: []string{"no sasl authentication mechanisms"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "smtpd offers SASL but has no mechanism left to offer: the Cyrus plugins are missing, the Dovecot auth service is unreachable (a SASL connect warning comes first), or smtpd_sasl_security_options excludes every mechanism there is (noplaintext with a service that offers only PLAIN and LOGIN)",
		Fix:    "install the SASL mechanism plugins or point smtpd_sasl_type/smtpd_sasl_path at a running Dovecot auth service; with noplaintext among the security options and only PLAIN/LOGIN offered, keep noanonymous and drop noplaintext (TLS protects the plaintext mechanisms; smtpd_tls_auth_only = yes offers them only after STARTTLS)",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path", "smtpd_sasl_security_options"}},
	// The SASL server side's own setup messages (xsasl_cyrus_server.c,
	// xsasl_dovecot_server.c, xsasl_server.c, smtpd_sasl_glue.c): each
	// means no one can log in, whoever the client, so failed logins beside
	// them are theirs (AuthBackend), not password guessing. smtpd is the
	// one program with a SASL server side (Program): the messages quoted
	// without their tag are its own.
	{ID: "sasl_cyrus_no_mechanisms", Program: "smtpd", AuthBackend: true, Match: []string{": no applicable sasl mechanisms"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "the Cyrus SASL library offers smtpd no mechanism: the mechanism plugins are not installed, the mech_list of the Cyrus configuration file for smtpd (smtpd.conf in cyrus_sasl_config_path, e.g. /etc/postfix/sasl or /usr/lib/sasl2) names only mechanisms that are not, or smtpd_sasl_security_options excludes the ones there are; smtpd then stops with 'no SASL authentication mechanisms' and no user can log in",
		Fix:    "install the mechanism plugins (libsasl2-modules on Debian and Ubuntu, cyrus-sasl-plain on Red Hat, cyrus-sasl-login on Alpine) and list installed ones in smtpd.conf's mech_list (e.g. mech_list: PLAIN LOGIN with pwcheck_method: saslauthd); keep noanonymous in smtpd_sasl_security_options, and if noplaintext excludes PLAIN and LOGIN, use smtpd_tls_auth_only = yes instead; where Dovecot authenticates the mailboxes, smtpd_sasl_type = dovecot with smtpd_sasl_path = private/auth needs no Cyrus plugins",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path", "cyrus_sasl_config_path", "smtpd_sasl_security_options", "smtpd_tls_auth_only"}},
	{ID: "sasl_server_init_failed", AuthBackend: true, Match: []string{"sasl per-"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "the Cyrus SASL library would not start for smtpd (per process or per connection; the library's reason follows the colon): its configuration file for smtpd is unreadable or names a pwcheck_method or auxprop plugin that is not installed, or smtpd_sasl_local_domain or smtpd_sasl_path hold values the library refuses; smtpd stops and no user can log in",
		Fix:    "read the library's reason and the Cyrus file smtpd.conf (in cyrus_sasl_config_path or the library's own directory, named by smtpd_sasl_path, smtpd by default): pwcheck_method saslauthd or auxprop with an installed plugin, and mech_list with installed mechanisms; make it readable by the postfix user; where Dovecot authenticates the mailboxes, smtpd_sasl_type = dovecot with smtpd_sasl_path = private/auth avoids the Cyrus library",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path", "cyrus_sasl_config_path", "smtpd_sasl_local_domain"}},
	{ID: "sasl_filter_discards_all", Program: "smtpd", AuthBackend: true, Severe: true, Match: []string{"discards all mechanisms in "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "smtpd_sasl_mechanism_filter removes every mechanism the SASL service offers (the list after 'in'): smtpd stops and no user can log in",
		Fix:    "compare smtpd_sasl_mechanism_filter with the mechanisms the SASL service offers (auth_mechanisms in Dovecot, mech_list in Cyrus's smtpd.conf) and keep at least one of them, e.g. PLAIN and LOGIN, which TLS protects; an empty filter offers them all",
		Params: []string{"smtpd_sasl_mechanism_filter", "smtpd_sasl_type", "smtpd_sasl_security_options"}},
	{ID: "sasl_server_type_unknown", Program: "smtpd", AuthBackend: true, Match: []string{"unsupported sasl server implementation"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "smtpd_sasl_type names a SASL implementation this Postfix build does not have (often cyrus on a package built with Dovecot SASL only): no user can log in",
		Fix:    "list the server types this build has with postconf -a and set smtpd_sasl_type to one of them (dovecot with smtpd_sasl_path = private/auth, or cyrus), or install the Postfix package variant that has the one you need",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "sasl_dovecot_protocol", Program: "smtpd", AuthBackend: true, Match: []string{"sasl: protocol "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: saslNotDovecotCause, Fix: saslNotDovecotFix, Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "sasl_dovecot_handshake", Program: "smtpd", AuthBackend: true, Match: []string{"sasl: couldn't send handshake"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: saslNotDovecotCause, Fix: saslNotDovecotFix, Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "sasl_config_path_failed", AuthBackend: true, Match: []string{"failed to set cyrus sasl configuration path"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "the Cyrus SASL library refused the directory cyrus_sasl_config_path names: SASL reads its configuration from elsewhere, so logins (smtpd) or the relay login (smtp) may fail",
		Fix:    "set cyrus_sasl_config_path to the directory that holds smtpd.conf (e.g. /etc/postfix/sasl), or leave it empty for the library's own default",
		Params: []string{"cyrus_sasl_config_path", "smtpd_sasl_path"}},
	// global/mail_params.c: main.cf asks for SMTPUTF8 from a build that
	// has none (compiled with -DNO_EAI, often a distribution or suite
	// package built without ICU); every daemon logs it as it starts.
	{ID: "eai_not_compiled_in", Match: []string{"is true, but eai support is not compiled in"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "main.cf turns on SMTPUTF8 (smtputf8_enable = yes) but this Postfix binary was built without EAI support: the setting has no effect, smtpd offers no SMTPUTF8, and mail with UTF-8 addresses or headers is refused or bounced; it appears when a package built without it replaces one built with it (an OS or suite upgrade)",
		Fix:    "install a Postfix package built with EAI (ICU) support (the suite's or distribution's, for the Postfix version postconf mail_version names); until then set smtputf8_enable = no, where the suite keeps its own setting for it, so that the setting matches what the binary can do",
		Params: []string{"smtputf8_enable", "mail_version"}},
	// qmgr.c: the queue manager's sanity checks at start; it overrides
	// the setting named last and logs it at every start until main.cf
	// agrees with itself.
	{ID: "qmgr_bounce_lifetime_adjusted", Match: []string{"bounce_queue_lifetime is larger than maximal_queue_lifetime - adjusting"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "maximal_queue_lifetime is set below bounce_queue_lifetime, so the queue manager cuts bounce_queue_lifetime down to it: deferred mail and undeliverable bounces alike are returned or dropped after maximal_queue_lifetime; with maximal_queue_lifetime = 0 no temporary failure is retried at all: every deferral bounces at once",
		Fix:    "set the two lifetimes on purpose: maximal_queue_lifetime is how long deferred mail is retried (default 5d; a few days rides out a receiver's outage, 0 turns every temporary failure into a bounce), bounce_queue_lifetime no larger than it; postconf -n shows which of them main.cf sets, and postfix reload applies the change to mail already queued",
		Params: []string{"maximal_queue_lifetime", "bounce_queue_lifetime"}},
	{ID: "qmgr_recipient_limit_adjusted", Match: []string{"qmgr_message_recipient_limit is smaller than qmgr_message_active_limit - adjusting"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "qmgr_message_recipient_limit is set below qmgr_message_active_limit, so the queue manager raises it to that: the lower limit meant to bound its memory has no effect",
		Fix:    "lower qmgr_message_active_limit together with qmgr_message_recipient_limit, or remove the recipient limit from main.cf to use its default; keep the recipient limit at least as large as the active limit",
		Params: []string{"qmgr_message_recipient_limit", "qmgr_message_active_limit"}},
	{ID: "sasl_restriction_ignored", Match: []string{"ignored: no sasl support"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "a restriction that needs SASL (permit_sasl_authenticated, reject_sender_login_mismatch, check_sasl_access) is ignored because this smtpd has no SASL enabled (smtpd_sasl_auth_enable = no for this service, or a build without SASL): logged-in users are not recognised there, and their mail meets the restrictions for strangers (Relay access denied)",
		Fix:    "turn SASL on for the service whose restrictions use it (-o smtpd_sasl_auth_enable=yes on the submission and submissions entries of master.cf), or drop the SASL restrictions from the lists a service without SASL reads (port 25)",
		Params: []string{"smtpd_sasl_auth_enable", "smtpd_relay_restrictions", "smtpd_recipient_restrictions", "smtpd_sender_restrictions"}},
	// Cyrus SASL's own messages, which smtpd logs after "SASL
	// authentication problem: " (xsasl_cyrus_log).
	{ID: "sasldb_unreadable", AuthBackend: true, Match: []string{"unable to open berkeley db"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "the Cyrus SASL library in smtpd cannot open its password database (sasldb2): its owner or mode keeps the postfix user out, or a chrooted smtpd looks for it inside the queue directory (/var/spool/postfix/etc/sasldb2) where there is no copy; no user can log in",
		Fix:    "make the sasldb2 file readable by the postfix user (group sasl or postfix, mode 640) and, when smtpd is chrooted (master.cf's chroot column), keep the database inside the queue directory, or set that smtpd's chroot column to n; saslpasswd2 -f names another database file",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path", "cyrus_sasl_config_path"}},
	{ID: "sasl_verifier_unknown", AuthBackend: true, Match: []string{"unknown password verifier"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "the pwcheck_method in Cyrus's smtpd.conf names a password verifier the library does not have (auxprop without its plugin, a misspelt method): no password can be checked, so no user can log in",
		Fix:    "set pwcheck_method in smtpd.conf to saslauthd (with saslauthd running) or auxprop with its plugin installed (libsasl2-modules-db for sasldb, libsasl2-modules-sql for SQL; auxprop_plugin names it)",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path", "cyrus_sasl_config_path"}},
	{ID: "sasl_not_compiled", Match: []string{"but sasl support is not compiled in"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "SASL is enabled but this Postfix build has no SASL support", Fix: "install a Postfix build with SASL, or turn smtpd_sasl_auth_enable / smtp_sasl_auth_enable off"},
	{ID: "proxy_not_configured", Match: []string{"is not configured for table"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "a proxy: table is used that proxy_read_maps (or proxy_write_maps for updates) does not list: the daemon that needs it stops",
		Fix:    "append the table, exactly as written after proxy:, to proxy_read_maps or proxy_write_maps, then postfix reload",
		Params: []string{"proxy_read_maps", "proxy_write_maps"}},
	{ID: "no_local_interface", Match: []string{"no local interface found for"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "inet_interfaces names an address this host does not have: one the host had before it was moved or renumbered (a main.cf copied from the old host, a container's former address), or ::1 on a host without IPv6: Postfix does not start",
		Fix:    "list the addresses this host has (ip -br addr) and set inet_interfaces to those it should listen on, or to all; for ::1 on a host without IPv6, set inet_protocols = ipv4 instead",
		Params: []string{"inet_interfaces", "inet_protocols"}},
	// inet_proto.c: inet_protocols asks for IPv6 (all, the default since
	// Postfix 2.9) but the kernel has no IPv6 socket support; every program
	// says so at start and carries on with IPv4 alone.
	{ID: "inet_protocols_no_ipv6", Match: []string{"disabling ipv6 name/address support"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true, Noise: true,
		Title: noIPv6Title, Cause: noIPv6Cause, Fix: noIPv6Fix, Params: []string{"inet_protocols"}},
	// The same warning as Postfix 2.x words it ("%s: IPv6 support is
	// disabled: %m", then "%s: configuring for IPv4 support only", which
	// says nothing more and stays unread).
	{ID: "inet_protocols_ipv6_disabled", Match: []string{"ipv6 support is disabled"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true, Noise: true,
		Title: noIPv6Title, Cause: noIPv6Cause, Fix: noIPv6Fix, Params: []string{"inet_protocols"}},
	// cidr_match.c: a network in a match list (mynetworks, an access list,
	// debug_peer_list) has bits set past its prefix length; the list's
	// lookups then fail, which smtpd turns into 451 4.3.0.
	{ID: "cidr_host_bits", Match: []string{"non-null host address bits in"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a network in a match list (mynetworks, postscreen_access_list, an smtpd restriction list, debug_peer_list) has address bits set past its prefix length (fd::/8, 192.0.2.10/24): Postfix refuses the pattern and every lookup in that list fails, so smtpd answers 451 4.3.0 Temporary lookup failure and postscreen ignores the rest of its access list",
		Fix:    "write the network address with its host bits zero: the warning's 'perhaps' form, or the network that was meant (fd00::/8 for IPv6 unique-local addresses; an IPv6 network goes in brackets, [fd00::]/8), then postfix reload; a container that generates mynetworks from a variable needs the value corrected there",
		Params: []string{"mynetworks", "postscreen_access_list"}},
	// "fatal: unknown service: %s/tcp" (smtp_connect.c, find_inet.c,
	// dict_mysql.c): getservbyname found no entry for a port's name, in
	// the chroot's copy of /etc/services or in /etc/services itself.
	{ID: "chroot_services", Match: []string{"unknown service: ", "/tcp"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a Postfix daemon looked up a port by its service name (the smtp client's own smtp or lmtp, a next hop's :name in relayhost or a transport, a table's hosts = HOST:NAME) and found no NAME/tcp entry: a chrooted daemon reads the queue directory's copy of /etc/services, which Debian's start script makes and other systems (Red Hat's, a container that runs Postfix without that script) leave out, and a minimal container image may have no /etc/services at all; the daemon stops and its mail waits",
		Fix:    "look the name the message gives up in /etc/services (grep -w NAME /etc/services): when the file lacks it, write the port number instead of the name (relayhost = [relay.example.com]:587) or install the package that ships the file (netbase on Debian and Ubuntu); when it is there, the daemon runs chrooted (master.cf's chroot column y, or - on a Postfix before 3.0 or below compatibility_level 1): copy /etc/services (and resolv.conf, hosts, nsswitch.conf) into the queue directory's etc, or set that service's chroot column to n; then postfix reload; Postfix 3.6 and later know lmtp, smtp, submission and submissions without /etc/services (known_tcp_ports)",
		Params: []string{"queue_directory"}},
	// "fatal: chdir %s: %m" (master.c, sendmail.c, postdrop.c, postqueue.c,
	// postsuper.c, the clients of the queue's services): every Postfix
	// program works from queue_directory, and it is gone.
	// EACCES on the chdir into queue_directory (sendmail.c, postdrop.c,
	// postqueue.c, master.c): the directory exists, but it or one above it
	// does not let the program's user search it.
	{ID: "queue_directory_denied", Match: []string{"chdir ", ": permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  queueDirDeniedCause,
		Fix:    queueDirDeniedFix,
		Params: []string{"queue_directory", "mail_owner"}},
	{ID: "queue_directory_missing", Match: []string{"chdir ", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  queueDirMissingCause,
		Fix:    queueDirMissingFix,
		Params: []string{"queue_directory"}},
	// The same from a daemon: single_server.c, multi_server.c and the
	// other skeletons write chdir("PATH").
	{ID: "queue_directory_denied", Match: []string{"chdir(", "): permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  queueDirDeniedCause,
		Fix:    queueDirDeniedFix,
		Params: []string{"queue_directory", "mail_owner"}},
	{ID: "queue_directory_missing", Match: []string{"chdir(", "): no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  queueDirMissingCause,
		Fix:    queueDirMissingFix,
		Params: []string{"queue_directory"}},
	// smtp_connect.c's "%s: bind %s: %m" (myname smtp_connect_addr, in
	// the smtp and lmtp clients) with EADDRINUSE: before each connection
	// the client binds its socket to smtp_bind_address (or the one address
	// inet_interfaces gives) with port 0, and the address has no free
	// local port. Nothing listens and no port is named: before
	// address_in_use, whose cause is a listening port another program
	// holds (smtp_bind_address reads the other errors of this bind).
	{ID: "smtp_bind_no_port", Match: []string{"connect_addr: bind ", "address already in use"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "the smtp or lmtp client binds each connection to the source address smtp_bind_address names (or the one address inet_interfaces gives) before it connects, and the kernel found no free local port on that address: every port in net.ipv4.ip_local_port_range is taken by connections from it, open or waiting out TIME_WAIT (a burst of deliveries, many short connections, other programs sending from the same address); unless smtp_bind_address_enforce = yes the client then connects from another address the kernel picks, which receivers may not accept, and with it the delivery is deferred; no program holds a port Postfix listens on",
		Fix:    "count the connections from that address (ss -s; ss -tan state time-wait | wc -l) and read the port range (sysctl net.ipv4.ip_local_port_range); widen it (net.ipv4.ip_local_port_range = 10240 65535 in a file under /etc/sysctl.d, then sysctl --system) and keep connection reuse on (smtp_connection_cache_on_demand = yes, the default); raising smtp concurrency or process limits opens more connections at once and makes it worse, and postfix stop or a search for a program on Postfix's ports changes nothing",
		Params: []string{"smtp_bind_address", "smtp_bind_address_enforce", "smtp_connection_cache_on_demand", "default_destination_concurrency_limit"}},
	{ID: "address_in_use", Match: []string{"address already in use"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host", Severe: true,
		Cause:  "another program already listens on the port Postfix wants: a Postfix master still running from before, another MTA (exim, sendmail), a second instance, or master.cf itself listing two services on the same address and port (a second smtps or submission line): then nothing else shows in ss",
		Fix:    "postfix status first (a running master needs postfix stop, not a second start); otherwise find the program with ss -ltnp and stop it, or move one of them to another address; when nothing else listens, postconf -M shows the master.cf services: comment out the duplicate one",
		Params: []string{"inet_interfaces"}},
	// inet_listen's "bind %s port %s: %m" with EADDRNOTAVAIL (Linux
	// "Cannot", BSD and macOS "Can't"); the smtp client's own bind
	// failure names no port and is smtp_bind_address's.
	{ID: "bind_address_missing", Severe: true, Match: []string{"bind ", " port ", "assign requested address"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "the master cannot listen on an address because this host does not have it (EADDRNOTAVAIL): inet_interfaces or a master.cf service's host:port names an address that was removed or changed, that comes up only after Postfix started at boot (DHCP, a bridge or VPN interface, a floating address), or a name such as localhost that resolves to an IPv6 address (::1, fe80::1) the host does not serve; nothing else holds the port, so stopping programs does not help",
		Fix:    "give inet_interfaces (and master.cf's host:port entries) only addresses the host has (ip addr or ifconfig lists them), or all; 127.0.0.1 instead of localhost, or inet_protocols = ipv4, on a host without working IPv6; when the address appears only later at boot, start Postfix after the network is online (systemd: Wants= and After=network-online.target in a drop-in) or use inet_interfaces = all; then postfix start",
		Params: []string{"inet_interfaces", "inet_protocols"}},
	// own_inet_addr.c: with inet_interfaces = all, not one interface had
	// an address when Postfix read them.
	{ID: "no_active_interfaces", Severe: true, Match: []string{"could not find any active network interfaces"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "Postfix found no network interface with an address, not even loopback, when it started: it was started before the network was configured (a boot order without a network dependency, an init script that runs before the interfaces come up), or it runs where no interface is visible (a container or namespace without a network, an emulator that cannot list interfaces); Postfix does not start",
		Fix:    "start Postfix after the network is up (systemd: Wants= and After=network-online.target; an init script: a dependency on the network or a start from the interface's up event), give a container its network; then postfix start",
		Params: []string{"inet_interfaces", "inet_protocols"}},
	{ID: "overriding_entry", Match: []string{"overriding earlier entry"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause: "main.cf sets a parameter twice: the later line, the one the message names, is the value in force, which may not be the one being edited",
		Fix:   "keep the line with the value you want and delete the other one (deleting the line the message names brings the earlier value back), then postfix reload"},
	{ID: "smtp_sasl_no_mechs", Match: []string{"no worthy mechs found"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", Severe: true,
		Cause:  "the smtp client has no SASL mechanism the relay accepts: the SASL plugins are not installed (libsasl2-modules, cyrus-sasl-plain), the filter excludes them, or the session is not encrypted and smtp_sasl_security_options (noplaintext by default) forbids PLAIN and LOGIN on it; mail to the relayhost waits",
		Fix:    "install the SASL mechanism plugins and check smtp_sasl_mechanism_filter; when the relay offers only PLAIN or LOGIN, encrypt the session to it (STARTTLS on 587 with smtp_tls_security_level = encrypt, or port 465 with smtp_tls_wrappermode = yes) and allow them there with smtp_sasl_tls_security_options = noanonymous, rather than allowing plaintext on unencrypted sessions",
		Params: []string{"relayhost", "smtp_sasl_auth_enable", "smtp_sasl_password_maps", "smtp_sasl_security_options", "smtp_sasl_tls_security_options", "smtp_sasl_mechanism_filter", "smtp_tls_security_level"}},
	// xsasl_cyrus_log.c's "SASL authentication failure: %s" with the
	// Cyrus library's GSSAPI text: either side picked Kerberos and had no
	// credentials for it. The side comes from the daemon.
	{ID: "sasl_gssapi_failure", Match: []string{"sasl authentication failure: gssapi error"}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  "a SASL login with the GSSAPI (Kerberos) mechanism failed: on the smtp client, the relay announced GSSAPI (an Active Directory or Kerberos mail server) and the client, which takes the strongest mechanism offered, has no Kerberos ticket cache or keytab, so the login fails and mail to the relay waits, although PLAIN or LOGIN with the password in smtp_sasl_password_maps would work; on smtpd, this server offers GSSAPI to clients without a keytab to accept it with",
		Fix:    "for the smtp client, name the mechanisms its password works with: smtp_sasl_mechanism_filter = plain, login (on a session to the relay that TLS protects), then postfix reload and postqueue -f; for smtpd, stop offering GSSAPI (mech_list in Cyrus's smtpd.conf, or smtpd_sasl_mechanism_filter in Postfix 3.6 and later) or give it a keytab",
		Params: []string{"relayhost", "smtp_sasl_mechanism_filter", "smtp_sasl_password_maps", "smtpd_sasl_type", "smtpd_sasl_mechanism_filter"}},
	// The smtp client's own words when its login to a relay fails
	// (smtp_sasl_glue.c, smtp_sasl_proto.c): in the reason of the mail it
	// defers, and after the queue id when it goes on to the next server.
	// What follows a server's "said: " is the server's and is not read.
	{ID: "smtp_sasl_server_refused", Match: []string{"authentication failed; server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true, HopDown: true, TempReply: "smtp_sasl_server_temporary", ReplyAlt: []ReplyAlt{{Words: "mechanism is too weak", ID: "smtp_sasl_weak_mechanism"}, {Words: "encryption required for requested authentication mechanism", ID: "smtp_sasl_needs_tls"}, {Words: "must issue a starttls command first", ID: "smtp_sasl_needs_tls"}, {Words: "smtpclientauthentication is disabled", ID: "smtp_sasl_auth_disabled"}, {Words: "basic authentication is disabled", ID: "smtp_sasl_auth_disabled"}, {Words: "security defaults policy", ID: "smtp_sasl_auth_disabled"}},
		Cause:  "the relay refused the smtp client's login (535 and the like): the user name or password the client sends is wrong for it, or the provider refuses that kind of password for SMTP AUTH; mail to the relayhost waits",
		Fix:    "check the smtp_sasl_password_maps entry for the relay: its key must be the next hop exactly as relayhost or the transport names it ([host]:port), and postmap must have run after the last edit; Gmail and Microsoft 365 accept an app password or OAuth2 token for SMTP AUTH, not the account's own password when it has two-factor login",
		Params: []string{"relayhost", "smtp_sasl_auth_enable", "smtp_sasl_password_maps", "smtp_sender_dependent_authentication"}},
	// The same words before a temporary reply (RFC 4954's 454 4.7.0
	// "temporary authentication failure", a provider's 451 or 421): the
	// relay did not say the credentials are wrong. smtp_sasl_glue.c
	// quotes the reply's own code, which smtp_sasl_auth_soft_bounce
	// does not change, so a 535 stays the entry above.
	{ID: "smtp_sasl_server_temporary", Match: []string{"authentication failed; server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true,
		Title:  "the relay refuses this host's login for now (a temporary reply to AUTH: a limit or the relay's own trouble, not the password)",
		Cause:  "the relay answered the smtp client's login with a temporary refusal (4xx): its authentication service is down or busy, or the account reached a limit the provider counts (logins in a short time, messages or credits in a day or a month); the reply's own words say which. The credentials are not known to be wrong, and the mail waits and is retried",
		Fix:    "leave the password in smtp_sasl_password_maps as it is and read the relay's words: for a limit or used-up credits, find why this host sends so much (the senders: qmgr's from= lines, postqueue -p for what waits), stop and hold what should not go out (postsuper -h QUEUEID), then wait for the count to fall back or have the provider raise the limit or the plan; for logins in a short time, fewer parallel deliveries to the relay (smtp_destination_concurrency_limit, or the transport's own) log in less often; if the relay's service itself fails, the provider must fix it",
		Params: []string{"relayhost", "smtp_sasl_password_maps", "smtp_destination_concurrency_limit"}},
	// The same words before RFC 4954's 534 5.7.9 "Authentication
	// mechanism is too weak": the relay refused the mechanism before it
	// read the password, and the smtp client tries no other one. Gmail's
	// 534 5.7.9 asking for an app password says other words and stays a
	// refused password.
	{ID: "smtp_sasl_weak_mechanism", Match: []string{"authentication failed; server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true,
		Cause:  "the relay refused the SASL mechanism the smtp client chose for its login as too weak (RFC 4954's 534 5.7.9): its policy wants another mechanism for that user, mostly PLAIN or LOGIN only over TLS; the password was not checked, and the client does not try another mechanism, so mail to the relay waits or bounces",
		Fix:    "leave the password in smtp_sasl_password_maps as it is; encrypt the session to the relay (STARTTLS on 587 with smtp_tls_security_level = encrypt, or port 465 with smtp_tls_wrappermode = yes; in main.cf only when all mail goes through the relay, else in a transport or a smtp_tls_policy_maps line of its own) and allow PLAIN and LOGIN there with smtp_sasl_tls_security_options = noanonymous; when the session was already encrypted, compare the relay's AUTH line (openssl s_client -starttls smtp -connect RELAY:587, then EHLO) with smtp_sasl_mechanism_filter and name there the mechanisms the relay takes for the account; then postfix reload and postqueue -f",
		Params: []string{"relayhost", "smtp_sasl_mechanism_filter", "smtp_sasl_security_options", "smtp_sasl_tls_security_options", "smtp_tls_security_level"}},
	// RFC 4954's 538 5.7.11 "Encryption required for requested
	// authentication mechanism", or RFC 3207's 530 "Must issue a STARTTLS
	// command first", in answer to AUTH: the session was not encrypted,
	// and the password was not checked.
	{ID: "smtp_sasl_needs_tls", Match: []string{"authentication failed; server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true, HopDown: true,
		Title:  "the relay takes the login only over TLS, and this host logged in without it",
		Cause:  "the smtp client sent its login (AUTH) on a session it had not encrypted, and the relay takes logins only over TLS (RFC 4954's 538 5.7.11 or RFC 3207's 530): smtp_tls_security_level is none (the default without a distribution's main.cf) for the relay, or may with a TLS handshake that failed, after which the client went on in plain text; the password was not checked, and mail to the relay waits or bounces",
		Fix:    "leave the password in smtp_sasl_password_maps as it is; have the client encrypt the session to the relay: smtp_tls_security_level = encrypt (in main.cf when all mail goes through the relay, else in a smtp_tls_policy_maps line for the relay's next hop, [host]:port as relayhost or the transport names it), or for port 465 smtp_tls_wrappermode = yes with it; when it is already may or encrypt, the log's TLS lines for the relay say why the handshake failed; then postfix reload and postqueue -f",
		Params: []string{"relayhost", "smtp_tls_security_level", "smtp_tls_policy_maps", "smtp_tls_wrappermode", "smtp_sasl_tls_security_options"}},
	// Microsoft 365's 535 5.7.139 in answer to AUTH: SMTP AUTH is turned
	// off for the organisation or the mailbox ("SmtpClientAuthentication
	// is disabled for the Tenant", "... for the Mailbox"), or password
	// logins are blocked ("basic authentication is disabled", "user is
	// locked by your organization's security defaults policy"). The
	// password was not what the relay judged.
	{ID: "smtp_sasl_auth_disabled", Match: []string{"authentication failed; server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true, HopDown: true,
		Title:  "the relay's provider has password logins (SMTP AUTH) turned off for the account or its organisation",
		Cause:  "the relay refused the smtp client's login because its provider has SMTP AUTH turned off for the organisation or the mailbox (Microsoft 365's 5.7.139 SmtpClientAuthentication is disabled), or blocks password logins (basic authentication disabled, security defaults): the password was not checked, and a new one changes nothing; mail to the relay waits or bounces",
		Fix:    "leave smtp_sasl_password_maps as it is; have the provider's administrator turn SMTP AUTH on for the mailbox the relay logs in as (Microsoft 365: the mailbox's Manage email apps, Authenticated SMTP, or Set-CASMailbox -Identity MAILBOX -SmtpClientAuthenticationDisabled $false; for the whole tenant Set-TransportConfig -SmtpClientAuthenticationDisabled $false); where security defaults block password logins, log in with OAuth2 instead (a SASL XOAUTH2 plugin such as sasl-xoauth2, smtp_sasl_mechanism_filter = xoauth2) or send through the organisation's MX host on port 25 with a connector that accepts this host's address; then postqueue -f",
		Params: []string{"relayhost", "smtp_sasl_password_maps", "smtp_sasl_mechanism_filter"}},
	{ID: "smtp_sasl_no_compatible_mechs", Match: []string{"offered no compatible authentication mechanisms"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true,
		Cause:  "the relay's AUTH list has no mechanism that smtp_sasl_mechanism_filter and the security options for this session allow (smtp_sasl_security_options without TLS, smtp_sasl_tls_security_options with it): a filter naming a mechanism the relay lacks, or plaintext mechanisms forbidden on a session that is not encrypted",
		Fix:    "compare the relay's AUTH line (EHLO by hand with openssl s_client -starttls smtp) with smtp_sasl_mechanism_filter, which is empty by default; for PLAIN or LOGIN encrypt the session to the relay and set smtp_sasl_tls_security_options = noanonymous instead of allowing plaintext without TLS",
		Params: []string{"relayhost", "smtp_sasl_mechanism_filter", "smtp_sasl_security_options", "smtp_sasl_tls_security_options", "smtp_tls_security_level"}},
	{ID: "smtp_sasl_no_mechanism", Match: []string{"cannot authenticate to server", "no mechanism available"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true,
		Cause:  "the SASL library of the smtp client has no mechanism to log in to the relay with: its mechanism plugins are not installed, or the security options exclude every one the relay offers",
		Fix:    "install the Cyrus SASL mechanism plugins (libsasl2-modules on Debian and Ubuntu, cyrus-sasl-plain on Red Hat, cyrus-sasl-login on Alpine) and check smtp_sasl_security_options and smtp_sasl_mechanism_filter",
		Params: []string{"relayhost", "smtp_sasl_security_options", "smtp_sasl_tls_security_options", "smtp_sasl_mechanism_filter"}},
	{ID: "smtp_sasl_client_failed", Match: []string{"sasl authentication failed; cannot authenticate to server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true,
		Cause:  "the smtp client's SASL library gave up on the login to the relay before the relay answered (the text after the colon is the library's): an empty or malformed entry in the password table, or a token plugin (XOAUTH2) that cannot get a token",
		Fix:    "check the smtp_sasl_password_maps entry for the relay (user:password, or the token file an XOAUTH2 plugin reads, and its scope); a relay that accepts this host by IP needs no login: then smtp_sasl_auth_enable = no, or no entry for it",
		Params: []string{"relayhost", "smtp_sasl_auth_enable", "smtp_sasl_password_maps", "smtp_sasl_mechanism_filter"}},
	// The smtp client's own refusal (smtp_proto.c): the next hop's EHLO
	// announced a SIZE smaller than the message, so it was never sent.
	{ID: "smtp_size_limit_of_server", Calm: true, Match: []string{"message size ", " exceeds size limit ", " of server "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", ClientReason: true,
		Title:  "messages larger than the next hop announces it takes are bounced here",
		Cause:  "the next hop announced in its EHLO reply a SIZE limit smaller than the message, so the smtp client did not send it and bounced it itself (5.3.4); this host's own message_size_limit has no part in it, and raising it changes nothing",
		Fix:    "when the next hop is this site's own (a relay host, a content filter, an application's SMTP listener), raise the limit it announces (openssl s_client or telnet to it and EHLO shows its SIZE; a server that lists SIZE twice is taken at the smaller) and keep this host's message_size_limit no larger, so that too large mail is refused when it is submitted instead of bounced later; when it is a remote MX, the recipient's server takes no larger mail: send a link instead of the file",
		Params: []string{"message_size_limit"}},
	// smtp_proto.c, at info level: a body line longer than
	// smtp_line_length_limit is folded on its way out.
	{ID: "smtp_line_folded", Calm: true, Match: []string{"breaking line > ", " bytes with "}, Class: ClassOther, Hint: HintConfigError, Side: "outbound",
		Title:  "lines longer than smtp_line_length_limit are folded on the way out: signatures made before break",
		Cause:  "a message had a line longer than smtp_line_length_limit (998 or 990 bytes by default, as the Postfix version has it) and the smtp client folded it with <CR><LF>SPACE; the mail is delivered, but a DKIM signature added before (by a milter such as OpenDKIM or rspamd, or by the sender) no longer verifies at the receiver",
		Fix:    "have the program that writes the message keep lines under 998 bytes (quoted-printable or base64 for long HTML lines); where mail must keep its signature, sign it after every change on the way, not before; raising smtp_line_length_limit sends lines longer than receivers must accept (RFC 5322), so leave it",
		Params: []string{"smtp_line_length_limit"}},
	// smtp_proto.c: the smtp or lmtp client's own words when mail flagged
	// SMTPUTF8 meets a next hop that does not announce it (dsn 5.6.7).
	{ID: "smtputf8_required", Match: []string{"smtputf8 is required, but was not offered by host"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ClientReason: true,
		Cause:  "the message needs SMTPUTF8 (a non-ASCII address, or non-ASCII headers that smtputf8_autodetect_classes flags) and the next hop does not announce it, so it bounces; smtputf8_enable defaults to yes since Postfix 3.0 (compatibility_level 1), so after an upgrade from Postfix 2.x or a raised compatibility_level mail that used to pass as 8BITMIME bounces; Dovecot's LMTP server and many content filters announce no SMTPUTF8",
		Fix:    "when the next hop is this site's own (LMTP to the mailbox server, a content filter, an internal relay), set smtputf8_enable = no, or leave the service that feeds it out of smtputf8_autodetect_classes, and postfix reload; when it is a remote MX, the sender's non-ASCII address is one that MX cannot take and nothing here changes that",
		Params: []string{"smtputf8_enable", "smtputf8_autodetect_classes", "compatibility_level"}},
	// smtp_connect.c: a next hop on port 465 without wrapper mode, and
	// wrapper mode without a TLS level that requires encryption.
	{ID: "smtp_tls_wrappermode_465", Match: []string{"smtps wrappermode (tcp port 465) requires"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", Severe: true,
		Cause:  "the next hop is on port 465, which speaks TLS from the first byte, but the smtp client waits for a plain greeting (smtp_tls_wrappermode = no): the session times out or is lost and the mail for that relay waits",
		Fix:    "for that relay alone set smtp_tls_wrappermode = yes and smtp_tls_security_level = encrypt: in a master.cf transport cloned from smtp (-o options) that relayhost or transport_maps names, or in main.cf only when all mail goes through that relay, because wrapper mode breaks delivery to port 25; or use the relay's port 587 with STARTTLS",
		Params: []string{"relayhost", "transport_maps", "smtp_tls_wrappermode", "smtp_tls_security_level"}},
	{ID: "smtp_tls_wrappermode_level", Match: []string{"wrappermode requires", "(or stronger)"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound", Severe: true,
		Cause:  "wrapper mode (TLS from the first byte, port 465) is on but the TLS security level allows a session without it: the smtp client will not connect that way",
		Fix:    "set smtp_tls_security_level = encrypt (or stronger) beside smtp_tls_wrappermode = yes, in the same master.cf transport for the port 465 relay; keep wrapper mode off where mail goes to port 25",
		Params: []string{"relayhost", "smtp_tls_wrappermode", "smtp_tls_security_level"}},
	{ID: "unused_parameter", Match: []string{"unused parameter"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "a parameter is set that nothing reads: a typo, a table file's setting the table type does not know, or a parameter only a newer Postfix release has (a configuration or template written for a later Postfix than this one)",
		Fix:    "correct or remove it (postconf -n shows main.cf's; a table's .cf file shows its own); for a newer release's parameter, postconf mail_version shows this one: remove the setting or upgrade Postfix to a release that has it",
		Params: []string{"mail_version"}},
	// postconf_main.c: a query (postconf NAME, postconf -h or -d NAME) for
	// a name this release's parameter table lacks.
	{ID: "postconf_unknown_parameter", Match: []string{": unknown parameter"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "postconf was asked for a parameter this Postfix does not know: a script, package hook or container start-up written for another Postfix release (one that added the parameter later, or removed it), a configuration moved from such a host, or a typo; the query returns no value, so whatever reads it goes on without one",
		Fix:    "postconf mail_version shows this release and postconf -d lists every parameter it has: correct the name the script asks for, make the script leave it out on this release, or upgrade Postfix to a release that has it",
		Params: []string{"mail_version"}},
	{ID: "undefined_parameter", Match: []string{"undefined parameter"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause: "a $name reference names a parameter nothing defines, usually a typo", Fix: "correct the reference or define the parameter"},

	{ID: "size_limit_smaller", Match: []string{"configuration error: ", " is smaller than "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "local(8) or virtual(8) refuses to start because mailbox_size_limit (or virtual_mailbox_limit) is smaller than message_size_limit, usually after message_size_limit was raised alone: every local or virtual delivery waits; before 3.5 Postfix says this (as 'main.cf configuration error: ...') also when message_size_limit = 0 (no limit) while the mailbox limit is set",
		Fix:    "make the mailbox limit at least message_size_limit (mailbox_size_limit = 0 means no limit); if message_size_limit = 0, give it a value no larger than the mailbox limit or set the mailbox limit to 0 as well; then postfix reload",
		Params: []string{"message_size_limit", "mailbox_size_limit", "virtual_mailbox_limit"}},
	{ID: "size_limit_unlimited", Match: []string{"configuration error: ", " is limited but "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "local(8) or virtual(8) refuses to start because message_size_limit is 0 (no limit) while the mailbox limit is set: every local or virtual delivery waits",
		Fix:    "give message_size_limit a value no larger than the mailbox limit, or set the mailbox limit to 0 as well, then postfix reload",
		Params: []string{"message_size_limit", "mailbox_size_limit", "virtual_mailbox_limit"}},
	{ID: "virtual_bad_uid", Match: []string{": bad uid "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "virtual(8) defers mail because virtual_uid_maps gives a uid that is not a number or is below virtual_minimum_uid (100 by default)",
		Fix:    "give the mailboxes an owner uid of at least virtual_minimum_uid (e.g. a vmail user with uid 5000), or lower virtual_minimum_uid to that uid if it is a dedicated mail user, never 0",
		Params: []string{"virtual_uid_maps", "virtual_minimum_uid"}},
	{ID: "virtual_uid_maps_missing", Match: []string{": not found in virtual_"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "virtual(8) defers mail because virtual_uid_maps or virtual_gid_maps has no answer for the recipient (often left empty)",
		Fix:    "set them to the mail store's owner, e.g. virtual_uid_maps = static:5000 and virtual_gid_maps = static:5000",
		Params: []string{"virtual_uid_maps", "virtual_gid_maps", "virtual_mailbox_base"}},
	{ID: "maildir_access", Match: []string{"maildir access problem"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) or virtual(8) cannot write the recipient's maildir as the UID/GID the message names: the directory tree belongs to another user or does not exist",
		Fix:    "give the mail directory tree to that UID/GID (chown -R, with the numbers from the message) or let virtual(8) create it under virtual_mailbox_base; never chmod 777",
		Params: []string{"virtual_mailbox_base", "virtual_uid_maps", "virtual_gid_maps", "home_mailbox"}},
	{ID: "mailbox_ownership", Match: []string{"to ignore mailbox ownership mismatch"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a recipient's mailbox file belongs to another user, so local(8) or virtual(8) defers the mail rather than write into it",
		Fix:    "chown the mailbox to its recipient; turn strict_mailbox_ownership off only where mailboxes are owned by another user by design",
		Params: []string{"strict_mailbox_ownership", "mail_spool_directory"}},
	{ID: "mailbox_not_owned", Match: []string{"is not owned by recipient"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) or virtual(8) defers mail because the recipient's mailbox file belongs to another user (strict_mailbox_ownership): often a mail spool chowned wholesale by a script, a restore or a container's start-up",
		Fix:    "give each mailbox back to its recipient (chown USER /var/mail/USER) and stop whatever changes the owners; turn strict_mailbox_ownership off only where mailboxes are owned by another user by design",
		Params: []string{"strict_mailbox_ownership", "mail_spool_directory"}},
	// Failed deliveries of our own delivery agents (local, virtual, pipe):
	// their reasons are this host's words, read from delivery records.
	// local(8) words an mbox failure "cannot update mailbox PATH for user
	// USER. ", virtual(8) "delivery failed to mailbox PATH: ", both a
	// Maildir one "maildir delivery failed: "; mbox_dsn() makes EFBIG
	// and EDQUOT 5.2.2 (the mail bounces), ENOSPC 4.3.0 (it waits).
	{ID: "mailbox_too_large", Match: []string{"cannot update mailbox", "file too large"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause: mboxTooLargeCause,
		Fix:   mboxTooLargeFix,
		// local.c sets no file size limit when mailbox_size_limit is 0.
		OffParam: "mailbox_size_limit", OffParamFix: mboxNoLimitFix,
		Params: []string{"mailbox_size_limit", "virtual_mailbox_limit", "message_size_limit", "home_mailbox"}},
	{ID: "virtual_mailbox_too_large", Match: []string{"delivery failed to mailbox ", "file too large"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  mboxTooLargeCause,
		Fix:    mboxTooLargeFix,
		Params: []string{"virtual_mailbox_limit", "message_size_limit"}},
	// A Maildir holds one message a file: EFBIG there is one message's
	// delivered copy over a file size limit, which no emptying of the
	// mailbox helps. Postfix's own limit is rarely the one: the agents
	// refuse to start with it below message_size_limit, and mail_copy()
	// panics on a queue file over it before writing.
	{ID: "maildir_file_too_large", Match: []string{"maildir delivery failed", "file too large"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a Maildir holds one message a file, so the mailbox is not full: the file this one message was written to grew past a file size limit, either the one local(8) or virtual(8) runs under (mailbox_size_limit, virtual_mailbox_limit for virtual(8)) or the mail filesystem's own largest file (a FAT or vfat volume's 4 GiB, some network or FUSE filesystems); emptying the mailbox does not help; the mail bounces (5.2.2)",
		Fix:    "compare the message's size (size= on qmgr's line for its queue id) with postconf mailbox_size_limit virtual_mailbox_limit message_size_limit and with the largest file the mail filesystem takes; raise the Postfix limit only where it is the smaller (0 means no limit), then postfix reload; the sender must send the bounced mail again",
		Params: []string{"mailbox_size_limit", "virtual_mailbox_limit", "message_size_limit"}},
	// mail_copy.c: a queue file larger than the agent's file size limit,
	// possible only after recipients were added to it (sendmail -t, a
	// Milter's SMFIR_ADDRCPT), since the limit is at least
	// message_size_limit.
	{ID: "file_size_limit_panic", Match: []string{"file size limit ", " < message size "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) or virtual(8) stopped before delivering a message whose queue file is larger than the file size limit it runs under (mailbox_size_limit, virtual_mailbox_limit for virtual(8)): the limit is only as large as message_size_limit, and the queue file grew past it as recipients were added after it was written (sendmail -t, a Milter adding recipients); Postfix cannot mark the recipients done, so the message is delivered again and again to those already served",
		Fix:    "raise mailbox_size_limit (virtual_mailbox_limit for virtual(8)) well above message_size_limit (0 means no limit), then postfix reload; until then stop the repeats by holding the message (postsuper -h QUEUEID; postqueue -p shows it, the largest one waiting for local or virtual delivery)",
		Params: []string{"mailbox_size_limit", "virtual_mailbox_limit", "message_size_limit"}},
	{ID: "mailbox_no_space", Match: []string{" mailbox /", "no space left on device"}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Title: "the filesystem that holds the mailboxes is full",
		Cause: mailStoreFullCause,
		Fix:   mailStoreFullFix},
	{ID: "maildir_no_space", Match: []string{"maildir delivery failed", "no space left on device"}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Title: "the filesystem that holds the mailboxes is full",
		Cause: mailStoreFullCause,
		Fix:   mailStoreFullFix},
	// dot_lockfile() creates NAME.lock beside an mbox with O_EXCL; any
	// error but EEXIST ends the tries at once, and mbox_open() turns it
	// into the agent's default DSN: 5.2.0 for local(8) (mail bounces),
	// 4.2.0 for virtual(8) (mail waits). local(8) writes the mail spool
	// as the recipient (with the spool's group when it is group-writable)
	// and as root only when the spool is neither group- nor
	// world-writable; virtual(8) writes as virtual_uid_maps' user.
	// local(8)'s "/file" destinations may go unlocked: there the same
	// words are only a warning.
	{ID: "mailbox_lock_denied", Match: []string{"unable to create lock file", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", PathAfter: "unable to create lock file ",
		Cause:  "local(8) or virtual(8) could not create the mbox's dot-lock (NAME.lock, in the directory that holds the mailbox; dotlock in mailbox_delivery_lock or virtual_mailbox_lock) because that directory does not let the user the agent writes as create files: local(8) writes the mail spool (mail_spool_directory) as the recipient, with the spool's group when the spool is group-writable, so a spool re-owned to one user or stripped of its group write bit (a restore, a script or a container's start-up that chowns /var/mail) refuses every recipient's lock; an mbox in the home directory (home_mailbox) is locked as the recipient; virtual(8) locks as virtual_uid_maps' and virtual_gid_maps' user under virtual_mailbox_base; local(8) bounces the mail (5.2.0), virtual(8) defers it (4.2.0); as a warning alone, local(8) could not lock a \"/file\" destination of an alias or .forward and wrote it unlocked",
		Fix:    "compare the directory of the lock file the message names (namei -l shows every directory on its way) with the user the agent writes as; give the mail spool back its distribution's owner and mode (Debian/Ubuntu: /var/mail root:mail 2775; RHEL: /var/spool/mail root:mail 0775) and stop whatever re-owns it; for virtual(8), chown the mailbox directories to virtual_uid_maps' and virtual_gid_maps' ids; where a domain's mailboxes belong to an IMAP server, deliver the domain by virtual_transport (LMTP) rather than to Unix mboxes through local(8); never chmod 777; then postqueue -f sends what waits",
		Params: []string{"mail_spool_directory", "home_mailbox", "mailbox_delivery_lock", "virtual_mailbox_base", "virtual_uid_maps", "virtual_gid_maps"}},
	{ID: "mailbox_write_denied", Match: []string{"cannot update mailbox", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  mboxWriteDeniedCause,
		Fix:    mboxWriteDeniedFix,
		Params: []string{"mail_spool_directory", "virtual_mailbox_base"}},
	{ID: "virtual_mailbox_write_denied", Match: []string{"delivery failed to mailbox ", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  mboxWriteDeniedCause,
		Fix:    mboxWriteDeniedFix,
		Params: []string{"mail_spool_directory", "virtual_mailbox_base"}},
	// EPERM, not EACCES: the mode bits would allow the write, something
	// else refuses it.
	{ID: "maildir_not_permitted", Match: []string{"maildir", "operation not permitted"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) or virtual(8) was refused (EPERM) a file in the recipient's maildir: the maildir tree, or a directory above it, belongs to another user than the one the agent delivers as (virtual_uid_maps and virtual_gid_maps for virtual(8), the recipient for local(8)), a file or directory there carries the immutable or append-only attribute, or the maildir is on a filesystem that refuses hard links or ownership (a CIFS/SMB share, some FUSE or container bind mounts): delivery links each message from tmp/ into new/; the mail waits in the queue",
		Fix:    "compare the owner of the path the message names (ls -lnd on it and each directory above it) with the uid and gid the agent delivers as (postmap -q the recipient on virtual_uid_maps and virtual_gid_maps, or id USER), and chown -R the maildir tree to them; lsattr -d shows an immutable (i) or append-only (a) attribute, chattr -i -a removes it; keep maildirs on a local POSIX filesystem; never chmod 777; Postfix retries the waiting mail by itself",
		Params: []string{"virtual_mailbox_base", "virtual_uid_maps", "virtual_gid_maps", "home_mailbox"}},
	// EDQUOT: mbox_dsn() makes it 5.2.2, so the mail bounces. A quota of
	// the filesystem, which no Postfix limit sets or lifts.
	{ID: "maildir_over_quota", ManyRecipients: manyFullMailboxes, Match: []string{"maildir delivery failed", "disk quota exceeded"}, Class: ClassRecipient, Hint: HintMailbox, Side: "host",
		Title: "recipients' mailboxes are over their disk quota",
		Cause: diskQuotaCause,
		Fix:   diskQuotaFix},
	{ID: "mailbox_over_quota", ManyRecipients: manyFullMailboxes, Match: []string{"cannot update mailbox", "disk quota exceeded"}, Class: ClassRecipient, Hint: HintMailbox, Side: "host",
		Title: "recipients' mailboxes are over their disk quota",
		Cause: diskQuotaCause,
		Fix:   diskQuotaFix},
	{ID: "virtual_mailbox_over_quota", ManyRecipients: manyFullMailboxes, Match: []string{"delivery failed to mailbox ", "disk quota exceeded"}, Class: ClassRecipient, Hint: HintMailbox, Side: "host",
		Title: "recipients' mailboxes are over their disk quota",
		Cause: diskQuotaCause,
		Fix:   diskQuotaFix},
	// dot_lockfile() gives up with "unable to create lock file %s: %m"
	// after deliver_lock_attempts tries deliver_lock_delay apart; on
	// EEXIST the NAME.lock it creates (mode 000) is someone's, and only a
	// lock older than stale_lock_time is broken. mbox_dsn() makes it
	// 4.2.0: the mail waits.
	{ID: "mailbox_lock_busy", Match: []string{"cannot update mailbox", "unable to create lock file", "file exists"}, Class: ClassRecipient, Hint: HintMailbox, Side: "host",
		Title:  "recipients' mailboxes are locked by another process",
		Cause:  mboxLockBusyCause,
		Fix:    mboxLockBusyFix,
		Params: []string{"mailbox_delivery_lock", "virtual_mailbox_lock", "deliver_lock_attempts", "stale_lock_time", "mail_spool_directory"}},
	{ID: "virtual_mailbox_lock_busy", Match: []string{"delivery failed to mailbox ", "unable to create lock file", "file exists"}, Class: ClassRecipient, Hint: HintMailbox, Side: "host",
		Title:  "recipients' mailboxes are locked by another process",
		Cause:  mboxLockBusyCause,
		Fix:    mboxLockBusyFix,
		Params: []string{"mailbox_delivery_lock", "virtual_mailbox_lock", "deliver_lock_attempts", "stale_lock_time", "mail_spool_directory"}},
	{ID: "maildir_write_denied", Match: []string{"create maildir file", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) or virtual(8) cannot create a file in the recipient's maildir as the user it delivers as (the recipient, or virtual_uid_maps' user)",
		Fix:    "give the maildir tree to that user (chown -R, mode 0700); never chmod 777",
		Params: []string{"virtual_mailbox_base", "virtual_uid_maps", "virtual_gid_maps", "home_mailbox"}},
	// local, virtual and pipe write this reason (4.3.5 to defer, 5.3.5 to
	// bounce) whenever they meet a configuration error, and name it in a
	// warning of their own just before.
	// local(8) and virtual(8) bounce a recipient they have no account,
	// alias or mailbox for with 5.1.1 "unknown user: \"%s\"": smtpd's
	// recipient checks let in what the delivery agent does not know.
	{ID: "local_unknown_user", Match: []string{"unknown user: "}, Class: ClassRecipient, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:        "local(8) or virtual(8) bounced mail for a recipient it has no account, alias or mailbox for, after Postfix had accepted it: most often the domain of the virtual mailboxes is also in mydestination ($myhostname or $mydomain, when the host is named after the mail domain), so its mail goes to local(8), which knows only Unix accounts and aliases (trivial-rewrite then warns 'do not list domain ... in BOTH mydestination and virtual_mailbox_domains'); else local_recipient_maps or virtual_mailbox_maps does not let smtpd reject unknown recipients, and each bounce goes to a sender that may be forged (backscatter); a few come from local submissions to a mistyped name",
		Fix:          "when a virtual mailbox domain is also in mydestination (postconf mydestination virtual_mailbox_domains), keep it out of mydestination (name the host mail.example.com rather than example.com), then postfix reload; otherwise the name has no account or alias here: add an alias (name: root in /etc/aliases, then newaliases), or for a virtual domain its mailbox in virtual_mailbox_maps (then postmap it); keep local_recipient_maps at its default so smtpd rejects unknown local users at RCPT time",
		Overlap:      [2]string{"mydestination", "virtual_mailbox_domains"},
		OverlapFix:   "keep the virtual mailbox domain out of mydestination (name the host mail.example.com rather than example.com, or set mydestination = localhost.$mydomain, localhost), then postfix reload; keep local_recipient_maps at its default so smtpd rejects unknown local users at RCPT time",
		NoOverlapFix: "mydestination and virtual_mailbox_domains share no domain, so mydestination is not the cause: the name has no account or alias here; add an alias (name: root in /etc/aliases, then newaliases) or create the account, or for a virtual domain add its mailbox to virtual_mailbox_maps (then postmap it); keep local_recipient_maps at its default so smtpd rejects unknown local users at RCPT time",
		// postconf(5): "If this parameter is non-empty (the default),
		// then the SMTP server will reject mail for unknown local users."
		OffParam:    "local_recipient_maps",
		OffParamFix: "local_recipient_maps is set empty in main.cf, so smtpd accepts mail for any local name and local(8) bounces it afterwards, to senders that are often forged (backscatter): remove the setting (postconf -X local_recipient_maps, then postfix reload) so that its default, proxy:unix:passwd.byname $alias_maps, rejects unknown users at RCPT time; the bounces still queued to forged senders can go (mailq: from MAILER-DAEMON)",
		Params:      []string{"mydestination", "myhostname", "virtual_mailbox_domains", "local_recipient_maps"}},
	// local(8)'s delivery policy: allow_mail_to_commands and
	// allow_mail_to_files (alias, forward by default) say where a
	// "| command" or "/file" recipient may come from.
	{ID: "local_command_restricted", Match: []string{"mail to command is restricted"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Title:  "local(8) on this host refuses to run a command recipient",
		Cause:  "local(8) bounced (5.7.1) a \"| command\" recipient that came from where allow_mail_to_commands does not allow it (by default from aliases and .forward files, not from :include: files)",
		Fix:    "put the command in aliases(5) (then postalias) or the user's .forward, or add include to allow_mail_to_commands when the :include: files are trusted; then postfix reload",
		Params: []string{"allow_mail_to_commands"}},
	{ID: "local_file_restricted", Match: []string{"mail to file is restricted"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Title:  "local(8) on this host refuses to write to a file recipient",
		Cause:  "local(8) bounced (5.7.1) a \"/file\" recipient that came from where allow_mail_to_files does not allow it (by default from aliases and .forward files, not from :include: files)",
		Fix:    "put the file in aliases(5) (then postalias) or the user's .forward, or add include to allow_mail_to_files when the :include: files are trusted; then postfix reload",
		Params: []string{"allow_mail_to_files"}},
	{ID: "local_file_append_failed", Match: []string{"cannot append message to file "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Title:  "local(8) on this host cannot write to a file recipient",
		Cause:  "local(8) could not append to a \"/file\" recipient of an aliases(5), :include: or .forward entry: it writes as the owner of that alias file (default_privs, nobody, when root owns it) or of the .forward, who needs write permission on the file and search permission on every directory above it",
		Fix:    "give the user local(8) writes as (default_privs for root's aliases) write access to the file the reason names and search access to the directories above it (namei -l on that path shows them), or move the entry to an alias file owned by the user who should write it (then postalias); never chmod 777",
		Params: []string{"default_privs", "alias_maps", "allow_mail_to_files"}},
	{ID: "delivery_config_error", Match: []string{"mail system configuration error"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a delivery agent of this host (local, virtual or pipe) found an error in the configuration and defers (4.3.5) or bounces (5.3.5) the mail: a pipe transport with the D or O flag that gets several recipients at once, a virtual_uid_maps or virtual_mailbox_maps answer it cannot use, an :include: file or home directory it cannot read",
		Fix:   "read the warning: line that agent logged just before (grep -E 'postfix/(pipe|local|virtual)\\[.*warning:' in the mail log): it names the setting; for a pipe flag D or O set the transport's TRANSPORT_destination_recipient_limit = 1 in main.cf, for a table make it readable by the agent, then postfix reload and postqueue -f"},
	// A delivery command's own output names the recipient's quota
	// (dovecot-lda exits 77, "permission denied", or 75 with
	// quota_full_tempfail): a full mailbox, not a broken command.
	{ID: "command_over_quota", Match: []string{"command output: ", "quota exceeded"}, Class: ClassRecipient, Hint: HintMailbox, Side: "host", Calm: true,
		Cause: "the delivery command (dovecot-lda, maildrop) refused the message because the recipient's mailbox is over its quota: dovecot-lda exits 77 (\"permission denied\", 5.7.0) and the mail bounces, or 75 (\"temporary failure\") with quota_full_tempfail = yes and it waits in the queue",
		Fix:   "nothing to change in Postfix: the user deletes or archives mail, or the quota is raised where the delivery command reads it (doveadm quota get -u USER; doveadm quota recalc -u USER when the figure looks wrong)"},
	// The commands local(8) and pipe(8) run on this host: pipe(8) the
	// command of a master.cf entry, local(8) an aliases(5) or .forward
	// "| command" or mailbox_command. Their delivery record names the
	// agent (postfix/local, postfix/pipe) and relay= the service.
	// Signal 25 is SIGXFSZ: the command wrote a file past its file size
	// limit. local(8) sets mailbox_size_limit as that limit for itself
	// and the commands it runs (mailbox_command, "| command" in aliases
	// and .forward files); a shell between the agent and the command
	// exits 128+25 when its child is killed so.
	// The same, seen from local(8): the output of dovecot-lda run for
	// root. Before the entries below, which read any command's output.
	{ID: "mailbox_command_root", Match: []string{"command output: lda(root): "}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Cause:  rootMailCommandCause,
		Fix:    rootMailCommandFix,
		Params: rootMailCommandParams},
	{ID: "command_file_size_limit", Command: true, Match: []string{"command died with signal 25:"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: deliveryCommandTitle, Cause: commandFileSizeCause, Fix: commandFileSizeFix, Params: commandFileSizeParams},
	{ID: "command_file_size_limit_shell", Command: true, Match: []string{"command died with status 153:"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: deliveryCommandTitle, Cause: "(status 153 is how a shell reports a child killed by signal 25) " + commandFileSizeCause, Fix: commandFileSizeFix, Params: commandFileSizeParams},
	{ID: "pipe_command_died", Command: true, Match: []string{"command died with status"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title:  deliveryCommandTitle,
		Cause:  "a delivery command on this host exited with an error: pipe(8) runs the command of a master.cf entry (dovecot-lda, a content filter, a list manager), local(8) an aliases(5) or .forward \"| command\" or mailbox_command; the agent defers or bounces what it hands over; status 75 is a temporary failure",
		Fix:    "run the command the line names by hand with a test message, as the user it runs as (a pipe entry's user=; for local(8) the alias file's owner, default_privs when root owns it, or the .forward's owner), and read its own log; on an SELinux host (Fedora, RHEL), a Permission denied that the files' modes do not explain is the policy's: ausearch -m avc -ts recent shows the denial, and the command works by hand because a shell runs in another domain",
		Params: []string{"command_time_limit"}},
	// pipe_command.c "%s: execvp %s: %m": the child that pipe(8) or
	// local(8) forked, already running as the delivery user, could not
	// execute the command. EACCES is about who runs it and where the file
	// is, so the change is in the configuration (a pipe entry's user=, the
	// file's or a directory's mode, its SELinux label), not in a service.
	{ID: "pipe_command_exec_denied", Match: []string{"pipe_command: execvp ", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "the delivery command cannot be executed by the user it runs as (a master.cf pipe entry's user=; for local(8) the alias file's owner, default_privs when root owns it, or the .forward's owner): the file has no execute permission for that user, a directory above it has no search (x) permission for that user (a home directory of mode 700 or 750), its filesystem is mounted noexec, or on an SELinux host (Fedora, RHEL) the policy does not let the delivery agent's domain execute a file with that label; the mail waits in the queue",
		Fix:    "check the path as that user (namei -l on the command's path; sudo -u USER on the command with a test message), then either give that user execute permission on the file and search permission on each directory above it, or run the entry as the command's owner (user=owner:group in the master.cf pipe entry, then postfix reload); on SELinux, ausearch -m avc -ts recent shows the denial and restorecon -v on the file restores its label (or keep the command under a directory the policy allows); never chmod 777 or make the command setuid; Postfix retries the waiting mail by itself",
		Params: []string{"default_privs"}},
	{ID: "pipe_command_output", Command: true, Match: []string{"temporary failure. command output:"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: deliveryCommandTitle,
		Cause: "a delivery command on this host (a master.cf pipe entry's for pipe(8); an alias's, a .forward's or mailbox_command's for local(8)) failed for a while and said why in its output (a content filter whose daemon is down: spamc without spamd)",
		Fix:   "start or repair the service the program's output names, then postqueue -f"},
	{ID: "pipe_command_signal", Command: true, Match: []string{"command died with signal"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title:  deliveryCommandTitle,
		Cause:  "a delivery command on this host was killed by a signal: it crashed (11, segmentation fault; 6, an abort) or something killed it (9: the kernel's out-of-memory killer, a container's memory limit, an admin); the agent defers the mail",
		Fix:    "read the kernel's log for the kill (journalctl -k, dmesg: 'Out of memory: Killed process') and the command's own log; run it by hand with a test message as the user it runs as",
		Params: []string{"command_time_limit"}},
	// pipe(8) and local(8) name a command's sysexits code in words
	// (global/sys_exits.c: "service unavailable", "permission denied",
	// "local configuration error", ...) and add what the command printed:
	// the output says why. After the entries for a quota and for a
	// temporary failure, which read the same shape.
	{ID: "pipe_command_exit", Command: true, Match: []string{". command output: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: deliveryCommandTitle,
		Cause: "a delivery command on this host (a master.cf pipe entry's for pipe(8); an alias's, a .forward's or mailbox_command's for local(8)) exited with a sysexits code that the record names in words (service unavailable, permission denied, local configuration error, user unknown), and its output, after 'Command output:', says why",
		Fix:   "read the command's output in the line; run the command by hand with a test message as the user it runs as (a pipe entry's user=; for local(8) the alias file's owner, or default_privs), and fix what it names (its configuration, a list or user it does not know, a file it cannot open)"},
	// The same sysexits words as a delivery's whole reason: the command
	// exited with that code and printed nothing. The codes that only the
	// command's own setup gives (EX_CONFIG, EX_SOFTWARE, EX_USAGE); after
	// the entry above, which reads them with the command's output.
	commandExit("command_exit_config", "local configuration error", "its configuration is incomplete or wrong (Dovecot's LDA without postmaster_address, a list manager's or filter's settings)"),
	commandExit("command_exit_software", "internal software error", "it failed inside (an exception, a missing module or library)"),
	commandExit("command_exit_usage", "command line usage error", "the argv= of its master.cf entry or the alias's command line passes arguments it does not accept"),
	// spawn_command.c: "COMMAND: process id PID: command time limit
	// exceeded", spawn(8)'s kill of a master.cf spawn entry's argv= (a
	// policy server) at that service's NAME_time_limit; pipe(8) and
	// local(8) say "Command time limit exceeded: ..." in the mail's status.
	{ID: "spawn_time_limit", Match: []string{"process id ", ": command time limit exceeded"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "spawn(8) killed the command of a master.cf spawn entry (a policy server such as policyd-spf, started as NAME unix - n n - 0 spawn user=... argv=...) when it ran past that service's time limit, NAME_time_limit (by default command_time_limit, 1000s): such a policy server serves one smtpd process and lives as long as that smtpd keeps its connection, so the default is too short for it and smtpd loses its policy server mid-session (premature end-of-input, 451 4.3.5 to the sender)",
		Fix:    "give the spawn service a time limit longer than an smtpd keeps its policy connection, as SMTPD_POLICY_README says: NAME_time_limit = 3600 in main.cf, NAME being the spawn entry's service name in master.cf (policy_time_limit for the stock example; postconf -M shows the entry), then postfix reload; if the command hangs on each request rather than living long, its own log says why",
		Params: []string{"command_time_limit"}},
	{ID: "pipe_time_limit", Command: true, Match: []string{"command time limit exceeded"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title:  deliveryCommandTitle,
		Cause:  "a delivery command did not finish within its time limit, so the agent killed it and defers the mail: pipe(8) runs a master.cf entry's command under that transport's TRANSPORT_time_limit (default command_time_limit), local(8) a mailbox_command (procmail, maildrop, dovecot-lda) or an aliases(5) or .forward \"| command\" under command_time_limit (global/pipe_command.c writes the line for both)",
		Fix:    "find why the command hangs (its own log, a lock, a slow database or filter daemon) before raising the limit of the agent that logged the line: TRANSPORT_time_limit for a pipe(8) transport (e.g. mailman_time_limit for the master.cf entry mailman), command_time_limit for local(8)",
		Params: []string{"command_time_limit"}},
	// Every daemon's fatal for a word left over after its options: the
	// service in master.cf does not start.
	{ID: "unexpected_argument", Severe: true, Match: []string{"unexpected command-line argument: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a master.cf service's command line has a word the daemon does not take: most often a -o name=value whose value contains a blank (a list written with \", \"), or a continuation line that lost its leading blank; the service exits at every start and master throttles it",
		Fix:   "in master.cf, write -o values without blanks (list items joined by commas alone) or, from Postfix 3.0, as -o { name = value with blanks }; postconf -M shows the entry as Postfix reads it, then postfix reload"},
	{ID: "master_cf_duplicate", Match: []string{"duplicate master.cf entry for service"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "master.cf defines the same service twice (two submission or smtp lines): only the last one runs, with its options",
		Fix:   "merge the two entries into one (postconf -M shows them) and postfix reload"},
	// master_ent.c's fatals, each after the file and line they are on.
	// An inet service named host:port whose host gives no address
	// (inet_addr_host finds none): the line's syntax is right.
	{ID: "master_service_host_unresolved", Severe: true, Match: []string{"master.cf: line ", "bad hostname or network address: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a master.cf inet service is written host:port (a content filter's return service such as localhost:10025) and the master cannot turn its host into an address: the name is missing from /etc/hosts (localhost not mapped to 127.0.0.1, a hosts file replaced by a container or an image), it resolves only through DNS that is not up when Postfix starts, it resolves only to addresses of a protocol inet_protocols leaves out (localhost to ::1 alone with inet_protocols = ipv4: the master logs 'inet_addr_host: skipping address family' first), or it is misspelled; the line's syntax is right, and Postfix does not start or reload",
		Fix:    "write the address instead of the name in that service (127.0.0.1:10025 for localhost:10025), or make the name resolve from /etc/hosts to an address of a protocol inet_protocols keeps (127.0.0.1 localhost); getent hosts NAME shows what the master gets; then postfix start",
		Params: []string{"inet_protocols"}},
	{ID: "master_cf_syntax", Severe: true, Match: []string{"master.cf: line "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "master.cf has a line the master cannot read (a bad type such as inte for inet, a column value other than y, n or -, a missing field, often after an edit that split or joined lines): Postfix does not start or reload",
		Fix:   "correct the line the message names against the stock master.cf's columns (service type private unpriv chroot wakeup maxproc command); postconf -M shows the entries Postfix reads, postfix check the rest"},
	{ID: "restart_required", Match: []string{"stop and start postfix"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "the master ignores a changed setting until a full restart: inet_interfaces, inet_protocols, or a master.cf service's type or address; postfix reload does not apply it",
		Fix:    "postfix stop; postfix start (or restart the service unit) when a short outage is acceptable",
		Params: []string{"inet_interfaces", "inet_protocols"}},
	{ID: "all_protocols_disabled", Match: []string{"all network protocols are disabled"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "inet_protocols names no protocol this host has, so the master starts no inet service: nothing listens on port 25 or 587",
		Fix:    "set inet_protocols = ipv4 (or all) and restart Postfix",
		Params: []string{"inet_protocols", "inet_interfaces"}},
	// smtpd_peer.c and qmqpd_peer.c check each connection before they
	// talk to the client: such a server dies at every connection. The
	// socket's line quotes "inet_protocols = VALUE", which matching skips.
	{ID: "smtpd_runs_as_root", Match: []string{"server must run with $"}, Or: [][]string{{"incorrect smtp server privileges: "}}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound", Severe: true,
		Cause: "smtpd (or qmqpd) runs as root and stops at every connection before it answers: its master.cf entry has n in the unprivileged column (or it was started outside the master), so no mail is received on that service; postfix check does not report it",
		Fix:   "postconf -F '*/*/unprivileged' shows the unprivileged column of each master.cf entry: set it to - (or y) for the smtpd or qmqpd entry that has n (postconf -F 'smtp/inet/unprivileged=-', with that entry's service and type), then postfix reload"},
	{ID: "socket_type_not_in_inet_protocols", Match: []string{"cannot handle socket type "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound", Severe: true,
		Cause:  "smtpd (or qmqpd) was handed a connection of a protocol that inet_protocols leaves out, and stops at every such connection: the master still listens on the sockets it opened before inet_protocols changed (postfix reload does not reopen them), or a master.cf entry listens on an address of that protocol (such as [::]:25)",
		Fix:    "compare inet_protocols and inet_interfaces with the addresses of master.cf's inet entries (postconf -M | grep '\\['), correct the one that is wrong, then postfix stop; postfix start: the master opens its listening sockets only when it starts",
		Params: []string{"inet_protocols", "inet_interfaces"}},
	{ID: "bad_boolean", Match: []string{"bad boolean configuration"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ParamBefore: " = ",
		Cause: "a yes/no parameter holds something else (a typo, a trailing comment, two lines run together)",
		Fix:   "set the parameter the message names to yes or no (postconf -n shows the value Postfix reads)"},
	// mail_conf_time.c's bounds: the parameter follows "invalid ".
	{ID: "invalid_time_bound", Match: []string{"invalid ", " (min "}, Or: [][]string{{"invalid ", " (max "}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ParamBefore: ": ",
		Cause: "a time parameter is outside the range Postfix accepts: the message gives the value it read in seconds and the bound (min: at least, max: at most)",
		Fix:   "set the parameter the message names within that bound, in main.cf or in the -o override of the master.cf entry of the program that stopped"},
	{ID: "invalid_parameter_value", Match: []string{"invalid ", " parameter value "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", ParamBefore: " parameter value ",
		Cause: "a numeric parameter is outside the range Postfix accepts (the message gives the bound)",
		Fix:   "set the parameter the message names within that bound"},
	{ID: "unknown_mail_owner", Match: []string{"unknown user name value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "the user that mail_owner (or default_privs) names does not exist on this host, common in containers and after a restore: Postfix does not start",
		Fix:    "create the user (the distribution package creates postfix as a system user without login) or correct the parameter",
		Params: []string{"mail_owner", "default_privs"}},
	{ID: "unknown_setgid_group", Match: []string{"unknown group name"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Severe: true,
		Cause:  "the group that setgid_group names (postdrop) does not exist: Postfix does not start and local submission fails",
		Fix:    "create the group (groupadd -r postdrop), then postfix set-permissions",
		Params: []string{"setgid_group"}},
	// sendmail(1) refuses a submission that names no recipient: neither
	// on its command line nor, with -t, in the To:, Cc: or Bcc: header
	// (the first text is older sendmail's, the second cleanup's status for
	// a -t message without one). The program that calls it is at fault.
	{ID: "sendmail_no_recipients", Match: []string{"recipient addresses must be specified"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a program handed a message to sendmail(1) without a recipient: none on the command line and no -t (or, with -t, no To:, Cc: or Bcc: header in the message): the message is not queued; Postfix is working, the program's sendmail command or its mail settings are wrong",
		Fix:   "correct the program's sendmail command: pass the recipients as arguments, or add -t (sendmail -t -i) so that they are read from the message's headers, and make sure the message has a To: header; sendmail_path in PHP's php.ini is usually /usr/sbin/sendmail -t -i"},
	{ID: "sendmail_no_header_recipients", Match: []string{"no recipient addresses found in message header"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a program ran sendmail -t, which takes the recipients from the message's To:, Cc: and Bcc: headers, and the message had none: it is not queued; Postfix is working, the program built the message without a recipient header",
		Fix:   "make the program put the recipient in a To: header (its recipient setting is empty or misspelled), or pass the recipients as arguments without -t"},
	// postdrop.c: the record stream sendmail writes to postdrop ended
	// early or out of order, most often because sendmail itself stopped.
	{ID: "postdrop_malformed_input", Match: []string{"uid=", ": malformed input"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "postdrop received an incomplete message from the sendmail(1) that ran it: that sendmail stopped while writing it (its own fatal line, logged just before, says why: no recipients, an unreadable input) or a program fed postdrop directly; the message is not queued",
		Fix:   "read the sendmail fatal line logged with it and correct the submitting program's call; postdrop itself needs no change"},
	{ID: "submit_not_allowed", Match: []string{"is not allowed to submit mail"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "sendmail/postdrop refuse a local user that authorized_submit_users does not list: that user's (or application's) mail is not queued",
		Fix:    "add the user to authorized_submit_users if it should send mail (the default, static:anyone, allows every user); a web server's or application's user left out on purpose, to stop a script abused for spam, stays out: its lines are the block at work, so find the script that still tries (the web server's logs name the request) and remove it",
		Params: []string{"authorized_submit_users"}},
	// dict_open.c: a word in a list of lookup tables has no "type:".
	{ID: "dict_type_name_form", Severe: true, Match: []string{"open dictionary: expecting ", " form instead of "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause: "a parameter that takes lookup tables lists a word that is not type:name: a table written without its type (/etc/postfix/transport for hash:/etc/postfix/transport), or another parameter's name or value read into the list because its line in main.cf starts with whitespace, which Postfix reads as the continuation of the line before (a generated or hand-edited main.cf with indented lines): the program that opens the tables stops, and the service it serves with it",
		Fix:   "give every table in the parameter its type (hash:, lmdb:, regexp:, proxy:mysql:...), and start every parameter line in main.cf in the first column (a line that continues a value starts with whitespace, a new parameter never does); postconf -n shows which parameter took the word in; then postfix check"},
	// cleanup_map1n.c: one recipient expanded to more addresses than
	// virtual_alias_expansion_limit (Postfix 2.x ended it "-- deferring
	// delivery"). The mail waits; it is no loop.
	{ID: "address_map_expansion_size", Match: []string{"unreasonable ", " map expansion size"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "cleanup stopped expanding a recipient through an address map (virtual_alias_maps, canonical_maps) because it produced more addresses than virtual_alias_expansion_limit (1000 by default): an alias or mailing list with that many members; the message is not accepted and the sender retries",
		Fix:    "raise virtual_alias_expansion_limit above the size of the largest alias or list (postmap -q shows its members) and postfix reload, or move a list that big to a list manager that sends in batches",
		Params: []string{"virtual_alias_expansion_limit", "virtual_alias_maps"}},
	// cleanup_map11.c, cleanup_map1n.c: the expansion went deeper than
	// virtual_alias_recursion_limit.
	{ID: "virtual_alias_nesting", Match: []string{"unreasonable ", " map nesting for "}, Class: ClassConfigError, Hint: HintConfigError,
		Cause:  "cleanup stopped expanding a recipient through an address map (virtual_alias_maps, canonical_maps) because each result maps on again, deeper than virtual_alias_recursion_limit allows: almost always a loop in the table (two domains or addresses aliased to each other, a catch-all @domain entry whose target matches it again, a new domain whose aliases lead back to an old one); the message is refused for now with a 4xx reply and waits at its sender",
		Fix:    "follow the address through the table with postmap -q (then the result, and so on) to find the entry that leads back, and remove or change it; raising virtual_alias_recursion_limit does not end a loop",
		Params: []string{"virtual_alias_maps", "canonical_maps"}},
	{ID: "postmap_bad_line", Match: []string{"expected format: key whitespace value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause: "postmap skipped a line of a table's source file: a line without a value (or a \"key: value\" alias line in a map); that entry is not in the table",
		Fix:   "correct the line the message names and run postmap on the file again"},
	// postmap.c, dict_thash.c: a table built with postmap (or read as
	// texthash:) has lines in the "name: value" form of aliases(5).
	{ID: "postmap_alias_format", Match: []string{"format; is this an alias file?"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "an alias file was built or read as an ordinary lookup table: postmap (or a texthash: table) takes \"name: value\" lines with the colon as part of the key, so none of those aliases match; a script or role that rebuilds /etc/aliases with postmap instead of postalias does this",
		Fix:    "build alias files with postalias (newaliases builds those alias_database names) and list them in alias_maps, not in a map such as virtual_alias_maps; a file that is meant as a map takes \"key value\" lines without the colon, then postmap",
		Params: []string{"alias_maps", "alias_database"}},
	{ID: "root_owned_database", Match: []string{"creating root-owned database file"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "postmap or postalias ran as root on a table in a directory root does not own: whoever owns the directory could replace the table Postfix trusts",
		Fix:   "give the directory and the source file the same owner as the database (root for the tables under /etc/postfix), then rebuild the table"},
	{ID: "sasl_wrong_socket", Program: "smtpd", Match: []string{"sasl: connected to wrong auth socket"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "smtpd_sasl_path points at Dovecot's auth-master (or auth-userdb) socket, which does not authenticate clients: no one can log in",
		Fix:    "point smtpd_sasl_path at a Dovecot auth-client listener (service auth { unix_listener /var/spool/postfix/private/auth { mode = 0660, user = postfix } } and smtpd_sasl_path = private/auth)",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "required_alias_missing", Match: []string{"required alias not found"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "the aliases file has no postmaster (or mailer-daemon) alias; mail to it goes to the local user of that name, usually nobody reads it",
		Fix:    "add postmaster: root (and root: a person who reads mail) to the aliases file, then newaliases",
		Params: []string{"alias_maps", "alias_database"}},
	// unix_listen.c, unix_connect.c, smtp_connect.c: a UNIX-domain socket
	// path longer than the system's sun_path (about 100 bytes).
	{ID: "unix_name_too_long", Match: []string{"unix-domain name too long: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a UNIX-domain socket path is longer than the system allows (about 100 bytes): from master, a master.cf service name under private/ or public/ (a generated master.cf that names a transport after a relay's host and user name), and master stops with the whole mail system; from a client, an lmtp:unix:, milter or policy socket path, and what needs it waits",
		Fix:   "shorten the service name in master.cf and the transport that names it (transport_maps, sender_dependent_default_transport_maps, or the template that generates them), or move the socket to a shorter path; then postfix check and postfix start"},
	// pipe.c: an argv= word of a pipe service names a ${macro} pipe does
	// not expand; the delivery is deferred as a configuration error.
	{ID: "pipe_unknown_macro", Match: []string{": service ", "unknown macro name: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a pipe(8) service in master.cf passes a ${name} in its argv= that pipe does not know (the names are lower case: ${nexthop}, ${recipient}, ${sender}, ${user}, ${extension}, ${mailbox}, ${domain}, ${original_recipient}, ${size}, ${queue_id}, ${client_address}, ${sasl_username}...): no message to that transport is delivered, each is deferred as a mail system configuration error",
		Fix:   "correct the macro the message names in that service's argv= in master.cf (a generated master.cf: in the template or module that writes it), then postfix reload and postqueue -f"},
	{ID: "pipe_recipient_limit", Match: []string{"_destination_recipient_limit = 1"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a pipe (or smtp/lmtp) transport uses the D or O flag (Delivered-To, X-Original-To), which needs one recipient per delivery; mail to several recipients waits",
		Fix:   "set the parameter the message names to 1 in main.cf (e.g. dovecot_destination_recipient_limit = 1), then postfix reload"},
	{ID: "pipe_user_attribute", Match: []string{"user= command-line attribute specifies"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a pipe transport in master.cf would run its command as root or as the Postfix mail owner, which pipe(8) refuses: the transport's mail waits",
		Fix:   "give the transport's user= a dedicated unprivileged account (e.g. user=vmail:vmail or user=dovecot)"},
	{ID: "smtp_bind_address", Match: []string{"smtp_connect_addr: bind "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "smtp_bind_address (or smtp_bind_address6) names an address this host no longer has, or one of the container host's addresses while Postfix runs in a container on a bridge network (the container has only its own address there): outgoing connections leave from another address, or fail when smtp_bind_address_enforce is on",
		Fix:    "set the parameter to an address this host has (ip -br addr) or empty it; in a container on a bridge network empty it and choose the outgoing address on the container host (a source route or an SNAT rule for the container's traffic), or run the container with host networking",
		Params: []string{"smtp_bind_address", "smtp_bind_address6", "smtp_bind_address_enforce"}},

	// --- Access tables whose entries smtpd cannot act on where the table
	// is used, or that are written wrong (smtpd_check.c): the table opens
	// and answers, and smtpd mostly skips the answer as if it were DUNNO.
	// Before table_unavailable, which says "is unavailable" too.
	{ID: "access_action_proxy_filter", Match: []string{"access table ", " specified, action "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "an access table (the message names it and the action) answered FILTER, HOLD, DISCARD, REDIRECT or BCC while smtpd_proxy_filter passes mail through a before-queue content filter: smtpd hands no mail to cleanup itself, so it skips that answer as if it were DUNNO and goes on with the next restriction; the mail is accepted without the action",
		Fix:    "put the table with those actions in the restrictions of the smtpd that takes the mail back from the filter (its master.cf service, e.g. -o smtpd_recipient_restrictions=check_recipient_access,hash:/etc/postfix/access; client-keyed tables there see the original client only through XFORWARD, smtpd_authorized_xforward_hosts), or use smtpd_milters instead of smtpd_proxy_filter",
		Params: []string{"smtpd_proxy_filter", "smtpd_recipient_restrictions", "smtpd_sender_restrictions", "smtpd_client_restrictions"}},
	{ID: "access_action_etrn", Match: []string{"access table ", " is unavailable in "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "a table in smtpd_etrn_restrictions answered an action that acts on a message (FILTER, HOLD, DISCARD, REDIRECT, BCC): ETRN receives no message, so smtpd skips that answer as if it were DUNNO and goes on with the next restriction",
		Fix:    "give smtpd_etrn_restrictions a table of its own whose entries answer OK, REJECT or restrictions only, or remove the action from the entry in the table the message names",
		Params: []string{"smtpd_etrn_restrictions"}},
	{ID: "access_action_skipped", Match: []string{"access table ", " is always skipped in "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "with smtpd_delay_reject = no, smtpd runs smtpd_client_restrictions and smtpd_helo_restrictions before any mail transaction, so an access table there that answers FILTER, HOLD, DISCARD, REDIRECT, BCC or PREPEND has no message to act on: smtpd skips that answer as if it were DUNNO and goes on with the next restriction",
		Fix:    "set smtpd_delay_reject = yes (the default), or move the table with those actions into smtpd_sender_restrictions or smtpd_recipient_restrictions; then postfix reload",
		Params: []string{"smtpd_delay_reject", "smtpd_client_restrictions", "smtpd_helo_restrictions"}},
	{ID: "access_filter_no_value", Match: []string{"access table ", " has filter entry without value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "an entry of the access table the message names (its key in quotes) says FILTER with nothing after it: smtpd ignores the entry as if it said DUNNO, so the mail it matches is not sent through the content filter",
		Fix:   "write the entry as FILTER transport:destination with a transport master.cf defines (FILTER smtp:[127.0.0.1]:10025), then run postmap on the table if it is an indexed file (hash:, lmdb:, cdb:)"},
	{ID: "access_filter_no_destination", Match: []string{"access table ", " requires transport:destination"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "an entry of the access table the message names (its key in quotes) says FILTER with a value that is not transport:destination: smtpd ignores the entry as if it said DUNNO, so the mail it matches is not sent through the content filter",
		Fix:   "write the entry as FILTER transport:destination with a transport master.cf defines (FILTER smtp:[127.0.0.1]:10025, not FILTER 127.0.0.1), then run postmap on the table if it is an indexed file (hash:, lmdb:, cdb:)"},
	{ID: "access_delay_value", Match: []string{"access table ", " delay "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "an entry of the access table the message names (its key in quotes) says DELAY without a time, or with one Postfix cannot read: smtpd ignores the entry as if it said DUNNO (DELAY exists only in builds made with DELAY_ACTION; stock Postfix has no such action)",
		Fix:   "give DELAY a time (DELAY 30m), or use HOLD, the supported way to keep mail back; then run postmap on the table if it is an indexed file (hash:, lmdb:, cdb:)"},
	{ID: "access_address_target", Match: []string{"access table ", " requires ", " target"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "an entry of the access table the message names (its key in quotes) says REDIRECT or BCC with a value that is not an address: smtpd ignores the entry as if it said DUNNO, so the mail it matches is neither redirected nor copied",
		Fix:   "write the entry as REDIRECT user@example.com (or BCC user@example.com), then run postmap on the table if it is an indexed file (hash:, lmdb:, cdb:)"},
	{ID: "access_prepend_end_of_data", Match: []string{"access table ", "action prepend must be used before "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "a table in smtpd_end_of_data_restrictions answered PREPEND: the message is already received then, so smtpd adds no header and goes on with the next restriction",
		Fix:    "move the table whose entries answer PREPEND to smtpd_data_restrictions or an earlier list (smtpd_recipient_restrictions), then postfix reload",
		Params: []string{"smtpd_end_of_data_restrictions", "smtpd_data_restrictions"}},
	{ID: "access_prepend_header", Match: []string{"access table ", " requires header: text"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "an entry of the access table the message names (its key in quotes) says PREPEND with a value that is not a header line: smtpd ignores the entry as if it said DUNNO and adds nothing",
		Fix:   "write the entry as PREPEND Header-Name: text, then run postmap on the table if it is an indexed file (hash:, lmdb:, cdb:)"},
	{ID: "access_entry_names_table", Match: []string{"access table ", " has entry with lookup table: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "an entry of the access table the message names answers with a lookup table (type:name), which smtpd does not open while it runs: it answers the mail that entry matches 451 4.3.5 Server configuration problem",
		Fix:    "define a restriction class for that check (smtpd_restriction_classes = name, then name = check_sender_access type:table) and write the class's name in the entry instead; run postmap on the table if it is an indexed file, then postfix reload",
		Params: []string{"smtpd_restriction_classes"}},
	{ID: "access_entry_empty", Match: []string{"access table ", " has empty value"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause: "an entry of the access table the message names has no value: smtpd reads the empty answer as OK, so the client, sender or recipient it matches is permitted in that restriction list (in smtpd_relay_restrictions: allowed to relay)",
		Fix:   "write the action meant into the entry (OK, REJECT, DUNNO, ...), then run postmap on the table if it is an indexed file (hash:, lmdb:, cdb:)"},

	// --- Lookup tables that fail (not their connection limit).
	{ID: "mysql_too_many_connections", Match: []string{"connect to mysql server", "too many connections"}, Class: ClassTableConnLimit, Hint: "lookup_table_connections", Side: "inbound",
		Cause: "MySQL refuses Postfix for want of connections", Fix: "route the tables through proxymap (proxy:mysql:..., each listed in proxy_read_maps) so the connections are capped by proxymap's process limit (once per table); keep the database's max_connections above that, or lower proxymap's maxproc in master.cf"},
	{ID: "pgsql_too_many_clients", Match: []string{"connect to pgsql server", "too many clients"}, Class: ClassTableConnLimit, Hint: "lookup_table_connections", Side: "inbound",
		Cause: "PostgreSQL refuses Postfix for want of connections", Fix: "route the tables through proxymap (proxy:pgsql:..., each listed in proxy_read_maps) so the connections are capped by proxymap's process limit (once per table); keep the database's max_connections above that, or lower proxymap's maxproc in master.cf"},
	// The database client's own reason, after Postfix's "connect to ...
	// server NAME:", says which of the causes below it is.
	{ID: "mysql_unknown_host", Match: []string{"connect to mysql server", "unknown", "server host"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: dbUnknownHostCause, Fix: dbUnknownHostFix},
	{ID: "mysql_socket_unreachable", Match: []string{"connect to mysql server", "through socket"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "the table's hosts = localhost makes the MySQL client use the server's unix socket, which this daemon cannot reach: a chrooted daemon (the fifth column of master.cf) looks for it under the queue directory, or the server is down",
		Fix:   "set hosts = 127.0.0.1 in the table's .cf file so the client uses TCP, or give hosts = unix:PATH a socket inside the queue directory, or run the daemons that read the table without chroot; test with postmap -q KEY mysql:/path/to/file.cf"},
	{ID: "pgsql_unknown_host", Match: []string{"connect to pgsql server", "could not translate host name"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: dbUnknownHostCause, Fix: dbUnknownHostFix},
	{ID: "mysql_connect_failed", Match: []string{"connect to mysql server"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "Postfix cannot reach the MySQL server of a table: wrong host name, the server down, a socket path outside a chrooted daemon, or credentials",
		Fix:   "check hosts, user and password in the table's .cf file and that the name resolves from this host (a chrooted daemon sees only the queue directory); test with postmap -q KEY mysql:/path/to/file.cf"},
	{ID: "pgsql_connect_failed", Match: []string{"connect to pgsql server"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "Postfix cannot reach the PostgreSQL server of a table", Fix: "check hosts and credentials in the table's .cf file; test with postmap -q KEY pgsql:/path/to/file.cf"},
	{ID: "ldap_connect_failed", Match: []string{"unable to connect to ldap server"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "Postfix cannot reach the LDAP server of a table", Fix: "check server_host and bind settings in the table's .cf file; test with postmap -q KEY ldap:/path/to/file.cf"},
	{ID: "ldap_bind_failed", Match: []string{"unable to bind to server"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "the LDAP server refuses the table's bind", Fix: "check bind_dn and bind_pw in the table's .cf file"},
	// dict_ldap.c: a search that fails makes the lookup fail for now
	// (DICT_ERR_RETRY), and the connection is set up again for the next.
	{ID: "ldap_search_base_missing", Match: []string{"dict_ldap_lookup: ", ": search base '", " not found: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "the search_base of the LDAP table the message names does not exist on the server (No such object): every lookup in the table fails for now, so the mail that needs it waits (smtpd answers 451 4.3.0 Temporary lookup failure)",
		Fix:   "correct search_base in the table's .cf file to an entry the server has (ldapsearch -x -H URL -b BASE -s base), test with postmap -q KEY ldap:/path/to/file.cf, then postfix reload"},
	// db_common.c and dict_ldap.c stop the program that opens the table
	// at a .cf file's bad query or value: every lookup through it stops.
	{ID: "db_template_invalid", Match: []string{"db_common_parse: ", "invalid ", " template: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		FileBefore: ": Invalid ", FileKeys: []string{"query", "query_filter", "result_format"},
		Cause: "the query (query_filter for ldap:) or result_format of the table's .cf file the message names has a % expansion the table does not know, and the program that opens the table stops: the master throttles it, and mail that needs the table waits",
		Fix:   "use only the expansions mysql_table(5), pgsql_table(5), sqlite_table(5) or ldap_table(5) list (%s, %u, %d, %[SUD], %[1-9], and %% for a literal %) in that file, test with postmap -q KEY TYPE:FILE, then postfix reload"},
	{ID: "ldap_parameter_unsupported", Match: []string{": unsupported parameter value: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		FileBefore: ": unsupported parameter value: ", FileKeys: []string{"bind", "scope", "version"},
		Cause: "a setting of the ldap table's .cf file the message names has a value ldap_table(5) does not take (the message gives the setting and the value), and the program that opens the table stops: the master throttles it, and mail that needs the table waits",
		Fix:   "correct that setting in the file as ldap_table(5) says (bind: yes, no, none or sasl), test with postmap -q KEY ldap:FILE, then postfix reload"},
	{ID: "ldap_search_error", Match: []string{"dict_ldap_lookup: search error "}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "an LDAP table's search failed with the LDAP error the message gives (Can't contact LDAP server: the server is down or unreachable, or dropped an idle connection; Timed out; Insufficient access: the bind may not read the entries), so that lookup failed and the mail that needed it waits",
		Fix:   "act on the error: for Can't contact LDAP server check that the server_host of the table's .cf file answers from this host and the server is running; for access errors check bind_dn and the server's ACLs; test with postmap -q KEY ldap:/path/to/file.cf"},
	// dict_mysql.c's "%s:%s: query failed: %s" and dict_pgsql.c's "pgsql
	// query failed: fatal error from host %s: %s" end with the database's
	// own error, which says whether the query or the connection failed.
	{ID: "query_too_many_connections", Match: []string{"query failed: ", "too many connections"}, Class: ClassTableConnLimit, Hint: "lookup_table_connections", Side: "inbound",
		Cause: "the database refuses Postfix for want of connections (MySQL's max_connections, PostgreSQL's max_connections: \"too many clients\"), so the lookup fails and the mail that needs it waits (smtpd answers 451 4.3.0)", Fix: "route the tables through proxymap (proxy:mysql:..., each listed in proxy_read_maps) so the connections are capped by proxymap's process limit (once per table); keep the database's max_connections above that, or lower proxymap's maxproc in master.cf"},
	{ID: "query_too_many_clients", Match: []string{"query failed: ", "too many clients"}, Class: ClassTableConnLimit, Hint: "lookup_table_connections", Side: "inbound",
		Cause: "the database refuses Postfix for want of connections (PostgreSQL's max_connections: \"too many clients\"), so the lookup fails and the mail that needs it waits (smtpd answers 451 4.3.0)", Fix: "route the tables through proxymap (proxy:pgsql:..., each listed in proxy_read_maps) so the connections are capped by proxymap's process limit (once per table); keep the database's max_connections above that, or lower proxymap's maxproc in master.cf"},
	{ID: "query_connection_lost", Match: []string{"query failed: ", "server has gone away"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: queryConnectionLostCause, Fix: queryConnectionLostFix},
	{ID: "query_connection_lost_during", Match: []string{"query failed: ", "lost connection to"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: queryConnectionLostCause, Fix: queryConnectionLostFix},
	{ID: "query_failed", Match: []string{"query failed"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a database table's query fails: a table, column or relation that does not exist, or a syntax error in the query",
		Fix:   "run the query from the table's .cf file by hand against the database; test with postmap -q KEY type:/path/to/file.cf"},
	// dict_sqlite.c: SQLite compiles the .cf file's query on every
	// lookup, and a query it cannot compile is fatal to the daemon that
	// looked up, where a query that fails as it runs is one lookup's error.
	{ID: "sqlite_prepare_failed", Match: []string{"dict_sqlite_lookup: ", ": sql prepare failed: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "SQLite cannot compile the query of the sqlite table the message names: SQL that SQLite does not accept (a parenthesised SELECT in a UNION, another database's functions or quoting) or a table or column its database file does not have; the daemon that looked a key up exits with a fatal error, and every lookup in the table does the same, so the mail that needs it waits",
		Fix:   "correct the query in the table's .cf file (run it by hand with sqlite3 on the dbpath file, a real key in place of the query's expansions), test with postmap -q KEY sqlite:/path/to/file.cf, then postfix reload"},
	{ID: "sqlite_step_failed", Match: []string{"dict_sqlite_lookup: ", ": sql step failed for query "}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "SQLite could not run the query of the sqlite table the message names on its database file (the reason is at the end: a database locked by a writer, a file or directory the daemon's user cannot read, a damaged file), so that lookup failed and the mail that needed it waits",
		Fix:   "check that the dbpath file and its directory are readable by the postfix user (and by a chrooted daemon, under the queue directory) and that no writer holds the database locked; test with postmap -q KEY sqlite:/path/to/file.cf"},
	// local/alias.c: an alias table that cannot be read defers the
	// recipient ("alias database unavailable"); the table's own warning
	// before it says why.
	{ID: "alias_lookup_failed", Match: []string{": lookup of '", "' failed"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause:  "local(8) could not read the alias table the message names (alias_maps), so it defers mail to local recipients with 4.3.0 alias database unavailable until the table can be read",
		Fix:    "see the warning about that table before this line; for a hash: or lmdb: alias table run newaliases (or postalias on the file), check that alias_maps names a table that exists, then postfix reload",
		Params: []string{"alias_maps"}},
	// The deferral itself, local's own reason: alone when the table's
	// warning is not in the log.
	{ID: "alias_database_unavailable", Match: []string{"alias database unavailable"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause:  "local(8) could not read alias_maps and defers mail to local recipients (4.3.0 alias database unavailable) until it can: the compiled alias file is missing or unreadable (newaliases never run after an install or a move), or a database alias table does not answer; local's warning about the table, when it is in the log, names which",
		Fix:    "postconf alias_maps shows the tables; for a hash: or lmdb: table run newaliases (or postalias on its file) and check that the .db or .lmdb file exists and is readable; then postfix reload, and postqueue -f retries the deferred mail",
		Params: []string{"alias_maps", "alias_database"}},
	{ID: "map_source_newer", Match: []string{"is older than source file"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host", Stale: true,
		Cause: "a table's compiled file is older than its source: edits are not in effect", Fix: "run postmap on the source file (newaliases for the aliases), then postfix reload"},
	// texthash reads its source file at open, with no compiled file
	// (dict_thash.c): the file named is the table itself.
	{ID: "source_table_missing", Match: []string{"texthash:", "is unavailable", "no such file or directory"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a texthash table's file does not exist: texthash reads the file itself, so every lookup in it fails (smtpd answers 451 4.3.5 where an access table is missing) until it does",
		Fix:   "create the file the message names (empty when the table has no entries yet: Postfix reads a texthash file itself, there is nothing to build), or remove the table from the parameter that names it, then postfix reload"},
	// The other types that read their own file: dict_surrogate's "TYPE:NAME
	// is unavailable. open NAME: ..." names the type (behind proxy:, and
	// a unionmap: or pipemap: component's own). "open database" is an
	// indexed type's .db, which postmap builds: not these.
	sourceFileMissing("regexp"), sourceFileMissing("pcre"), sourceFileMissing("cidr"),
	sqlConfigMissing("mysql"), sqlConfigMissing("pgsql"), sqlConfigMissing("sqlite"), sqlConfigMissing("ldap"),
	sqlConfigMissing("memcache"), sqlConfigMissing("mongodb"),
	{ID: "open_database_missing", Match: []string{"open database", "no such file or directory"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a table's compiled file (.db, .lmdb, .cdb) does not exist: postmap was never run on its source, or the table name is wrong",
		Fix:   "run postmap on the table's source file (newaliases for alias_maps), or correct the table name in main.cf"},
	// The caches Postfix's daemons keep for themselves (TLS sessions,
	// postscreen, address verification) have no source file: one that
	// cannot be opened is deleted and created again, not rebuilt.
	{ID: "cache_db_open", Match: []string{"open database", "cache.db"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a cache Postfix keeps for itself (the TLS session caches smtpd_scache and smtp_scache, postscreen_cache, verify_cache) cannot be opened: mostly a file written by another Berkeley DB version (a new image or distribution over a kept data_directory volume, a /var/lib/postfix copied or restored from another host), or one damaged by a full disk or owned by another user; TLS session reuse, postscreen's memory of clients or address verification stop working until it opens",
		Fix:    "stop Postfix, delete the cache file the message names (the daemon creates it again; nothing in it needs keeping, and postmap has no source to rebuild it from), start Postfix; if it fails again, postfix set-permissions gives data_directory back to the postfix user",
		Params: []string{"data_directory", "smtpd_tls_session_cache_database", "smtp_tls_session_cache_database", "postscreen_cache_map", "address_verify_map"}},
	{ID: "open_database", Match: []string{"open database"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a table's compiled file cannot be opened: wrong owner or permissions, or a .db written by another Berkeley DB version (copied from another host, or kept across a distribution upgrade), which opens with Invalid argument or a similar error until it is rebuilt here",
		Fix:   "check the file's ownership and permissions, and rebuild it on this host with postmap (postalias or newaliases for an alias table)"},
	{ID: "table_unavailable", Match: []string{"is unavailable"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a lookup table cannot be opened, so every lookup in it fails and mail waits", Fix: "see the reason after \"is unavailable.\" and rebuild or fix the table"},
	{ID: "temporary_lookup_failure", Reply: true, Match: []string{"temporary lookup failure"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "inbound",
		Cause: "smtpd answers 451 4.3.0 because a table lookup failed: senders retry, nothing is accepted", Fix: "find the failing table in the warnings before these rejects and fix it"},
	// smtp_trouble.c: the SMTP client's own data failed mid-session
	// (SMTP_ERR_DATA), 4.3.0 for the mail whatever the server said.
	{ID: "smtp_local_data_error", ClientReason: true, Match: []string{"local data error while talking to "}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "outbound",
		Cause:  "the SMTP client deferred mail (4.3.0 local data error) for a fault on this host, not the server's: a table it reads during the session failed (smtp_sasl_password_maps, smtp_tls_policy_maps, smtp_generic_maps, smtp_header_checks; the smtp warning before it names the table and the error), or the queue file could not be read; every delivery that needs the same data waits alike, whatever its destination",
		Fix:    "read the smtp warning just before these lines (a lookup error, a table that is unavailable) and mend that table: postmap its source file, start or reach its database, fix its owner; then postfix reload and postqueue -f; a queue file error points at the queue's filesystem (dmesg, df -h /var/spool/postfix)",
		Params: []string{"smtp_sasl_password_maps", "smtp_tls_policy_maps", "smtp_generic_maps", "smtp_header_checks"}},
	// qmgr_message.c: trivial-rewrite answered the queue manager's
	// resolve request with a failure (RESOLVE_FLAG_FAIL), 4.3.0 for the
	// recipient; no delivery agent or remote server saw the mail.
	{ID: "address_resolver_failure", Consequence: true, Match: []string{"address resolver failure"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause:  "the queue manager deferred mail (4.3.0 address resolver failure) because trivial-rewrite, this host's address resolver, could not resolve the recipient: a table it reads to route mail failed (transport_maps, relay_domains, virtual_mailbox_domains, virtual_alias_domains, sender_dependent_relayhost_maps: a .db file that postmap never built, a database it cannot reach; trivial-rewrite's warning names the table and the error); no server of the recipient's domain was asked, and every recipient that needs the same table waits alike",
		Fix:    "read trivial-rewrite's warnings just before these lines (a table that is unavailable, a lookup error) and mend that table: postmap its source file, start or reach its database, fix its owner; then postfix reload and postqueue -f",
		Params: []string{"transport_maps", "relay_domains", "virtual_mailbox_domains", "virtual_alias_domains"}},
	{ID: "map_lookup_problem", Match: []string{"map lookup problem"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "cleanup(8) could not look up an address or header in a table (canonical, virtual alias, header_checks, ...): the message is not accepted and the sender is told to try again later",
		Fix:   "fix the table the message names (see the warning before it for the reason); postmap -q KEY TYPE:FILE tests it"},
	{ID: "passwd_lookup", Match: []string{"error looking up passwd info for"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "local(8) cannot read the recipient's account from the system user database (NSS: LDAP, SSSD, a broken /etc/passwd): local deliveries wait",
		Fix:   "check getent passwd USER on this host and the NSS service behind it"},
	{ID: "table_lookup_problem", Match: []string{"table lookup problem"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a lookup in a table failed", Fix: "see the warning before it for the table and the reason"},
	{ID: "lookup_failure", Match: []string{"lookup failure"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a parameter's lookup (relay_domains, virtual_alias_maps, ...) failed, so mail for it is deferred", Fix: "see the warning before it for the table and the reason"},
	// Tables served by a program of their own: the lookup fails when that
	// program does not answer, whatever the table's contents.
	// dict_sockmap.c: the connection was made, the server closed it
	// without an answer, and once more after a reconnect (netstring.c's
	// NETSTRING_ERR_EOF): the server runs; what it does with the key fails.
	{ID: "socketmap_disconnect", Match: []string{"table socketmap:", "lookup error: unexpected disconnect"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a socketmap: table's server accepted the connection and closed it without an answer, twice (Postfix reconnects once): the program is running and listening where the table says, but fails on this lookup (an exception or crash in its handler for that key, such as a TLS policy or SRS daemon tripping over a domain's DNS answers, or a limit of its own on connections); the lookup fails and the mail that needed it waits",
		Fix:   "read the server's own log at the time of the warning for the key it was asked (the lookup error for \"KEY\" line after this one names it); postmap -q KEY followed by the table repeats the lookup; a server that fails on some keys needs its fix or a newer version (restarting it does not help when it fails on the key again)"},
	{ID: "socketmap_unreachable", Match: []string{"table socketmap:", "lookup error"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a socketmap: table's server does not answer: the program that serves it (postsrsd, a mail stack's map daemon) is not running or not listening on the socket or port the table names (No such file or directory, Connection refused), or it answers too slowly (time limit exceeded): every lookup in the table fails and mail waits",
		Fix:   "start the program that serves the table and make its listener match the table (socketmap:unix:/path:name or socketmap:inet:host:port:name; a chrooted daemon looks for a unix socket under the queue directory); postmap -q KEY followed by the table tests it"},
	// dict_sockmap.c: the server did answer, with TEMP, TIMEOUT or PERM
	// and its reason; a PERM reply is a configuration error to Postfix
	// (451 4.3.5 "Server configuration error"), the others a retry.
	{ID: "socketmap_server_error", Match: []string{"socketmap:", " socketmap server ", " error"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "the program that serves a socketmap: table answered a lookup with an error of its own (temporary, timeout or permanent, its reason after the colon) instead of a result or NOTFOUND: the lookup fails and the mail that needed it waits (a permanent answer makes cleanup and smtpd reply 451 4.3.5 Server configuration error); the server is running, its answer is the trouble: an SRS daemon (postsrsd) refusing an SRS address it did not sign, a map daemon whose own backend is down",
		Fix:   "read the server's reason in the line and its own log for the key; postmap -q KEY socketmap:... repeats the lookup; a server that refuses keys it should pass on (an SRS daemon asked to reverse another forwarder's SRS address) needs its configuration or a version that answers NOTFOUND for them"},
	{ID: "tcp_map_unreachable", Match: []string{"connect to tcp map"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a tcp: table's server does not accept connections at the address the table names: the program that serves it (postsrsd 1.x, a map daemon) is not running, listens elsewhere, or localhost means ::1 where it listens on 127.0.0.1: every lookup in the table fails and mail waits",
		Fix:   "start the program that serves the table and make its listening address and port match the table (tcp:host:port); postmap -q KEY tcp:host:port tests it"},
	// dict_ldap.c: with start_tls = yes, a STARTTLS that fails fails the
	// connection, so every lookup in the table fails; msg.c then ends the
	// program at its 13th error: line (too_many_errors).
	{ID: "ldap_starttls_failed", Match: []string{": unable to set starttls: "}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host", Severe: true,
		Cause: "an LDAP table's connection fails at STARTTLS (start_tls = yes in its .cf file), so every lookup in the table fails and the mail that needs it waits; the program that looks it up exits after repeated errors and the master starts it again only to fail again; Connect error (-11) is mostly the LDAP server's certificate not verifying against the CA that tls_ca_cert_file or tls_ca_cert_dir names (or its name not matching server_host), or a server that offers no StartTLS",
		Fix:   "postconf -n | grep ldap: lists the ldap: tables (the line names dict_ldap_connect, not the table; a \"lookup error for\" line near it names the table); in the .cf file of each that sets start_tls = yes check tls_ca_cert_file or tls_ca_cert_dir and tls_require_cert, and the server's certificate with the same CA file: LDAPTLS_CACERT=CAFILE ldapsearch -ZZ -x -H ldap://SERVER -b '' -s base (SERVER as server_host gives it); then postmap -q KEY ldap:FILE, and postfix reload"},
	{ID: "lookup_error", Match: []string{"lookup error for "}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a table lookup returned an error", Fix: "check the table named in the message: its file or database and its permissions"},

	// --- The bounce daemon's own notifications (bounce_notify_service.c,
	// bounce_one_service.c, bounce_notify_verp.c). Its "%s" after the
	// failure is cleanup's status text (cleanup_strerror.c), which other
	// entries read too: these come first.
	{ID: "postmaster_notice_discarded", Match: []string{"undeliverable postmaster notification discarded"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a postmaster notification could not be delivered and Postfix dropped it (it never sends a triple bounce): mail from double_bounce_sender, which carries the notify_classes reports (resource and software trouble by default) and double bounces to 2bounce_notice_recipient, bounce_notice_recipient, delay_notice_recipient and error_notice_recipient (all postmaster by default), failed for good, so nobody reads this host's trouble reports: postmaster has no alias or mailbox here, or the alias points at an address that refuses the mail",
		Fix:    "read the delivery line of the failed notice (grep the queue id in the mail log): its reason says why postmaster's mail bounced; make postmaster deliverable: an alias in alias_maps (postmaster: root, root: a real user, then newaliases) or an entry in virtual_alias_maps for each domain, and send a test: echo test | sendmail postmaster",
		Params: []string{"notify_classes", "2bounce_notice_recipient", "bounce_notice_recipient", "delay_notice_recipient", "error_notice_recipient", "alias_maps"}},
	{ID: "notification_not_queued", Match: []string{"notification failed"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the bounce daemon could not queue a delivery status notification (to the sender, or to postmaster): cleanup refused it or could not be reached; the text after the colon is cleanup's: 'queue file write error' (a full or read-only queue filesystem, or cleanup's own warning before it), 'message file too big' (the notification, which carries up to bounce_size_limit bytes of the original message, is larger than message_size_limit); the original message stays queued and the notification is tried again at the next queue run",
		Fix:    "read cleanup's warning logged just before; df -h for the queue filesystem; for 'message file too big' keep message_size_limit well above bounce_size_limit (the default 50000 bytes) rather than raising bounce_size_limit",
		Params: []string{"queue_directory", "message_size_limit", "bounce_size_limit"}},
	{ID: "postmaster_copy_not_queued", Match: []string{"notice failed while"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the bounce daemon sent the sender's notification but could not queue the postmaster's copy that notify_classes (bounce or delay) asks for: cleanup refused it or could not be reached; that copy is not tried again",
		Fix:    "read cleanup's warning logged just before; df -h for the queue filesystem",
		Params: []string{"queue_directory", "notify_classes"}},

	// --- Daemons that die or cannot start.
	// fifo_trigger.c's open() of a FIFO under public/ failing with EACCES:
	// the master runs as root, so the owners or modes hold even root back
	// (a user-namespaced or rootless container, NFS with root_squash) or a
	// label does; the filesystem can hold FIFOs.
	{ID: "queue_fifo_denied", Severe: true, Match: []string{"master_wakeup_timer_event", "permission denied"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the master may not open a service's FIFO under the queue directory's public/ to wake it (pickup, qmgr): the FIFO or public/ has other owners or modes than Postfix gives them (a queue directory restored, copied or mounted from another host or image, where the postfix user has another uid, or a chown -R or chmod -R of the volume) and root is held to them (a rootless or user-namespaced container, NFS with root_squash), or on an SELinux host the wrong label; the service is not woken, so new mail waits for its next scan",
		Fix:    "compare the owners under the queue directory with mail_owner (ls -ln $(postconf -h queue_directory)/public; id postfix); postfix set-permissions (as root) restores them, then postfix check and postfix reload; on SELinux, restorecon -Rv on the queue directory; never make public/ world-writable",
		Params: []string{"queue_directory", "mail_owner"}},
	// The same wake-up failing for want of a file descriptor (EMFILE,
	// ENFILE): the master's open-file limit, not the FIFO.
	{ID: "master_wakeup_open_files", Severe: true, Match: []string{"master_wakeup_timer_event", "too many open files"}, Class: ClassFDLimit, Hint: "ulimit", Side: "host",
		Cause:  "the master could not open a service's FIFO to wake it (pickup, qmgr) because it had no file descriptor left: its open-file limit (ulimit -n, the service's LimitNOFILE, the container's nofile ulimit), which every listening socket and every child's pipe counts against, or the host's file table (fs.file-max) is used up; the FIFO and its owners are fine, and locally submitted mail waits",
		Fix:    "check the limit the master runs with (grep 'open files' /proc/$(pgrep -o -f postfix/master)/limits) and the host's use (cat /proc/sys/fs/file-nr); raise it (LimitNOFILE=65536 in a systemd drop-in for Postfix, --ulimit nofile=65536:65536 for a container) and restart Postfix; do not change the queue directory's owners",
		Params: []string{"default_process_limit"}},
	{ID: "queue_fifo", Severe: true, Match: []string{"master_wakeup_timer_event"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the master cannot wake a service through its FIFO in the queue directory: the queue is on a filesystem that cannot hold FIFOs and sockets (NFS, some container volumes), or the public/ directory has wrong owners",
		Fix:   "keep queue_directory on a local filesystem; run postfix set-permissions and postfix check", Params: []string{"queue_directory"}},
	// unix_listen.c, unix_dgram_listen.c and fifo_listen.c: at start the
	// master removes and re-creates the socket or FIFO of each local
	// service under the queue directory; when that fails Postfix does not
	// start. Master lines only: other programs' "remove" and "bind" are
	// their own.
	{ID: "service_socket_remove", Master: true, Severe: true, Match: []string{"remove "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: serviceEndpointCause, Fix: serviceEndpointFix, Params: []string{"queue_directory"}},
	{ID: "service_socket_bind", Master: true, Severe: true, Match: []string{"bind: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: serviceEndpointCause, Fix: serviceEndpointFix, Params: []string{"queue_directory"}},
	{ID: "service_fifo_create", Master: true, Severe: true, Match: []string{"create fifo "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: serviceEndpointCause, Fix: serviceEndpointFix, Params: []string{"queue_directory"}},
	{ID: "no_space", Severe: true, DiskFull: true, Match: []string{"no space left on device"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the filesystem is full: Postfix cannot write queue files, caches or logs", Fix: "free space on the filesystem the message names (df -h; the queue directory first); Postfix retries the waiting mail by itself",
		Params: []string{"queue_directory", "data_directory", "queue_minfree"}},
	// mymalloc.c and dict_mysql.c: an allocation failed, and the process
	// stops.
	{ID: "insufficient_memory", Severe: true, Match: []string{"insufficient memory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: memoryCause, Fix: memoryFix, Params: memoryParams},
	// The same shortage in other words: the programs' setenv() of
	// MAIL_CONFIG while they read -c (master, postqueue, sendmail,
	// postmap, ...), pcre and sqlite tables: "fatal: out of memory".
	{ID: "out_of_memory", Severe: true, Match: []string{"out of memory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: memoryCause, Fix: memoryFix, Params: memoryParams},
	// ENOMEM from the kernel (socket, connect, fork, mmap): strerror's
	// words after any Postfix operation.
	{ID: "cannot_allocate_memory", Severe: true, Match: []string{"cannot allocate memory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the kernel refused a Postfix process memory for a socket, a connection or a new process: the host's or the container's memory is exhausted, or a virtual server's allowance of kernel memory and sockets (OpenVZ/Virtuozzo) is used up, mostly by too many processes at once (a flood of SMTP clients each holding an smtpd)",
		Fix:    "check free -m, dmesg for the OOM killer and the container's or VPS's limits (/proc/user_beancounters on OpenVZ); lower the number of processes (default_process_limit, the smtpd maxproc in master.cf) or add memory, rather than raising limits; postscreen keeps bots from holding smtpd processes",
		Params: []string{"default_process_limit"}},
	// The free bytes say whether the disk is short or the limit absurd:
	// no message Postfix is asked to take needs a GiB.
	{ID: "queue_space_limit", Severe: true, Match: []string{"not enough free space in mail queue: ", " bytes < "}, AtLeast: &CountAtLeast{After: "mail queue: ", Min: 1 << 30}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:   "smtpd refuses every sender with 452 4.3.1 Insufficient system storage though the queue filesystem has more than 1 GiB free (the line gives the bytes): it wants 1.5 times message_size_limit free, and queue_minfree, before it takes any mail, so one of them is set beyond the free space: a message_size_limit raised for large attachments, or a value written in the wrong unit (both are in bytes); mail waits at the senders, which retry",
		Fix:     "lower message_size_limit to what the mail needs (the default is 10240000, 10 MB; keep mailbox_size_limit, or virtual_mailbox_limit, at least as large) and queue_minfree below the free space, then postfix reload; there is no space to free",
		FullFix: queueSpaceFullFix,
		Params:  []string{"message_size_limit", "queue_minfree", "mailbox_size_limit"}},
	{ID: "queue_space", Severe: true, Match: []string{"not enough free space in mail queue"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:   "smtpd refuses mail with 452 Insufficient system storage: the queue filesystem has less than queue_minfree (or 1.5 × message_size_limit) free",
		Fix:     "compare the free bytes the message gives with message_size_limit: smtpd wants 1.5 times message_size_limit free before it takes any mail, so a limit raised too far (for large attachments) refuses everything on a disk with room to spare; lower message_size_limit then, otherwise free space on the queue filesystem (df -h $(postconf -h queue_directory))",
		FullFix: queueSpaceFullFix,
		Params:  []string{"queue_minfree", "message_size_limit"}},
	// smtpd_check.c: the queue-space check at MAIL FROM refuses with these
	// words and logs the warning above with the free bytes; a paste may
	// hold the refusal alone.
	{ID: "queue_space_reject", Reply: true, Severe: true, Program: "smtpd", Match: []string{"reject: mail from ", ": 452 4.3.1 insufficient system storage"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:   "smtpd refuses every sender at MAIL FROM with 452 4.3.1 Insufficient system storage: the queue filesystem has less free space than queue_minfree or 1.5 × message_size_limit (the warning 'not enough free space in mail queue' logged with it gives the free bytes); senders retry later",
		Fix:     "compare the queue filesystem's free space (df -h $(postconf -h queue_directory)) with 1.5 times message_size_limit: a limit raised too far (for large attachments) refuses everything on a disk with room to spare, so lower message_size_limit then; otherwise free space on the queue filesystem",
		FullFix: queueSpaceFullFix,
		Params:  []string{"queue_minfree", "message_size_limit"}},
	// cleanup's MIME checks (cleanup_message.c, mime_state.c): "reject:
	// mime-error ERROR: TEXT from CLIENT; ..." where TEXT is the sender's.
	{ID: "mime_encoding_domain", Match: []string{"reject: mime-error ", "message/* or multipart/* encoding domain"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "strict MIME checks refuse mail whose multipart part declares an encoding",
		Cause:  "strict_mime_encoding_domain = yes makes cleanup refuse a message whose multipart/* or message/* part declares a Content-Transfer-Encoding other than 7bit, 8bit or binary (base64, quoted-printable), as RFC 2045 forbids; web applications and PHP mailers send such mail, and it is otherwise readable, so legitimate mail is refused (5.6.0)",
		Fix:    "set strict_mime_encoding_domain = no (the default) unless refusing such mail is the intent, and postfix reload; tell the sending program's author, who should put the encoding on the leaf parts only",
		Params: []string{"strict_mime_encoding_domain"}},
	{ID: "mime_8bit_data", Match: []string{"reject: mime-error ", "improper use of 8-bit data in message "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "strict 8-bit checks refuse mail with undeclared 8-bit text",
		Cause:  "strict_7bit_headers, strict_8bitmime_body or strict_8bitmime make cleanup refuse a message with 8-bit bytes in its headers, or in a body not declared 8BITMIME or 8bit: old mail programs, scripts and appliances send such mail every day, so legitimate mail is refused (5.6.0)",
		Fix:    "set strict_7bit_headers, strict_8bitmime_body and strict_8bitmime back to no (the defaults) and postfix reload; have the sending program declare its charset and encoding (or use SMTPUTF8 for UTF-8 headers)",
		Params: []string{"strict_7bit_headers", "strict_8bitmime_body", "strict_8bitmime"}},
	{ID: "mime_nesting", Calm: true, Match: []string{"reject: mime-error ", "mime nesting exceeds safety limit"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "messages nested deeper than mime_nesting_limit are refused",
		Cause:  "a message had more levels of multipart or message/rfc822 parts than mime_nesting_limit (100); cleanup refuses such mail while header or body checks or a strict MIME setting are on; ordinary mail never nests that deep, so it is mostly malformed or hostile mail",
		Fix:    "nothing for stray mail; only if a sender of your own needs it, raise mime_nesting_limit a little and postfix reload",
		Params: []string{"mime_nesting_limit"}},
	// cleanup's refusal of a message larger than message_size_limit
	// (the sender is told): normal now and then.
	{ID: "queue_file_too_large", Calm: true, Match: []string{"queue file size limit exceeded"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "cleanup refused a message larger than message_size_limit; its sender gets a 552 5.3.4 reply or a bounce",
		Fix:    "nothing when the message was simply too large; if mail of that size must pass (many of these, or from a local application), raise message_size_limit and keep mailbox_size_limit and virtual_mailbox_limit at least as large (smtpd also wants 1.5 times message_size_limit free in the queue filesystem)",
		Params: []string{"message_size_limit", "mailbox_size_limit", "virtual_mailbox_limit"}},
	// cleanup's status for the same refusal (cleanup_strerror), which
	// sendmail(1) ends with; smtpd puts it in its 552 5.3.4 reply.
	{ID: "message_file_too_big", Match: []string{"message file too big"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a message was larger than message_size_limit and cleanup refused it: sendmail(1) stops with this line, so the program that submitted it (a cron job, a backup or report script) loses that mail unless it retries",
		Fix:    "if the message is simply too large (a disk image or log dump mailed by a script), send less, or a link to the file; if mail of that size must pass, raise message_size_limit and keep mailbox_size_limit and virtual_mailbox_limit at least as large (smtpd also wants 1.5 times message_size_limit free in the queue filesystem)",
		Params: []string{"message_size_limit", "mailbox_size_limit", "virtual_mailbox_limit"}},
	// postdrop.c "uid=%ld: %m": postdrop writes the maildrop file under a
	// file size limit of message_size_limit, so EFBIG is a message over it.
	{ID: "postdrop_file_too_large", Match: []string{"uid=", ": file too large"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "postdrop, which sendmail(1) runs for locally submitted mail, writes the maildrop file with its file size limit set to message_size_limit: the message was larger, so it never entered the queue",
		Fix:    "send less (a link instead of a large attachment), or raise message_size_limit if local programs must mail files of that size, keeping mailbox_size_limit and virtual_mailbox_limit at least as large",
		Params: []string{"message_size_limit", "mailbox_size_limit"}},
	// cleanup's "%s: write queue file: %m": the error says which it is.
	// The message is not accepted: the client or sendmail gets a
	// temporary error and tries again.
	{ID: "queue_write_readonly", Match: []string{"write queue file: read-only file system"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "cleanup could not write a new message's queue file because the filesystem that holds the queue is read-only: the kernel remounts a filesystem read-only after an I/O error, or it was mounted so (a container's read-only volume); no new mail is accepted",
		Fix:    "read the kernel's log (dmesg, journalctl -k) for the disk error that made it read-only, repair it (fsck, the disk) and mount it read-write again, then postfix check; a container needs the queue on a writable volume",
		Params: []string{"queue_directory"}},
	{ID: "queue_write_quota", Match: []string{"write queue file: disk quota exceeded"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "cleanup could not write a new message's queue file because the postfix user is over its disk quota on the queue's filesystem: no new mail is accepted",
		Fix:    "raise or remove the disk quota of the postfix user (mail_owner) on that filesystem (repquota -a shows it); the queue needs no quota of its own",
		Params: []string{"queue_directory", "mail_owner"}},
	{ID: "queue_write_too_large", Match: []string{"write queue file: file too large"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "cleanup's queue file outgrew the file size limit it writes under (message_size_limit, or a lower ulimit -f the master was started with): the message was larger, and it is refused; other mail is not affected",
		Fix:    "nothing to mend for other mail; raise message_size_limit only if mail of that size must pass (and mailbox_size_limit and virtual_mailbox_limit with it), and check that the master's file size limit (ulimit -f, systemd's LimitFSIZE) is unlimited",
		Params: []string{"message_size_limit", "mailbox_size_limit"}},
	{ID: "queue_write_gone", Match: []string{"write queue file: no such file or directory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the queue file cleanup was writing was removed under it: a script or a person deleting files in the queue directory (rm in incoming/, postsuper -d on mail still arriving), or a queue directory that was replaced or unmounted while Postfix ran (a volume mounted again over it); the message is not accepted, and the sender tries again",
		Fix:    "never remove queue files by hand (postsuper -d QUEUEID removes mail safely, from the active or deferred queue); find what deletes files in the queue (cron jobs, cleanup scripts, a backup that restores the directory) and check that the queue directory is the one mounted (postconf queue_directory, findmnt on it), then postfix check",
		Params: []string{"queue_directory"}},
	{ID: "queue_write", Match: []string{"write queue file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "cleanup cannot write a new message's queue file (the error after \"write queue file:\" says why: an I/O error is the disk's): no new mail is accepted while it lasts", Fix: "check the queue filesystem: df -h, its mount options, the kernel's log (dmesg) for disk errors"},
	// events.c: the event loop sizes itself from the open-file soft limit
	// and stops when that is not a positive int (RLIM_INFINITY does not
	// fit one).
	{ID: "open_file_limit_unknown", Severe: true, Match: []string{"unable to determine open file limit"}, Class: ClassDaemonCrash, Hint: "ulimit", Side: "host",
		Title: "Postfix cannot size its file descriptors: the open-file limit is unlimited",
		Cause: "a Postfix program sizes its event loop from the open-file soft limit (RLIMIT_NOFILE) and stops when it cannot read it as a number: the process was started with an unlimited or huge nofile limit, as some container runtimes and service managers hand out",
		Fix:   "give Postfix a finite open-file limit, such as 65536: docker run --ulimit nofile=65536:65536 (ulimits: nofile: in compose), the container runtime's default ulimit for a pod, or LimitNOFILE=65536 in the systemd unit; then start Postfix"},
	{ID: "cache_db_corrupt", Match: []string{"cache.db"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a Berkeley DB cache file (postscreen, verify or TLS session cache) is corrupt, often after a full disk or an upgrade of the database library",
		Fix:   "stop Postfix, delete the cache file the message names (it is rebuilt), start Postfix", Params: []string{"postscreen_cache_map", "address_verify_map"}},
	// qmgr_message.c: a queue file whose records the queue manager cannot
	// follow. qmgr exits on it and meets the same file again each time the
	// master starts it, so nothing is delivered until the file is moved.
	{ID: "queue_file_bad_offset", Match: []string{"bad extra offset ", " file "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  unreadableQueueFileCause,
		Fix:    unreadableQueueFileFix,
		Params: []string{"queue_directory"}},
	{ID: "queue_file_out_of_order", Match: []string{"envelope records out of order"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  unreadableQueueFileCause,
		Fix:    unreadableQueueFileFix,
		Params: []string{"queue_directory"}},
	// record.c: a queue file that ends inside a record, read by any
	// daemon (qmgr, cleanup, a delivery agent, postcat).
	{ID: "queue_file_truncated", Match: []string{"unexpected eof in data, record type "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a queue file ends before its records do: it was cut short, by a full disk or a crash while it was written, or by a copy or restore of the queue directory taken while Postfix ran; the daemon that read it gives up on the message, which waits or goes to the corrupt queue",
		Fix:    unreadableQueueFileFix,
		Params: []string{"queue_directory"}},
	// record.c's other complaints about a record it cannot read: a length
	// cut off or out of range, a pointer record (the queue file's jumps
	// between its sections) that does not parse or loops. The reader
	// gives up on the file as on one cut short.
	{ID: "queue_file_record_length", Match: []string{"unexpected eof reading length, record type "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: damagedRecordsCause, Fix: unreadableQueueFileFix, Params: []string{"queue_directory"}},
	{ID: "queue_file_record_illegal_length", Match: []string{": illegal length ", ", record type "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: damagedRecordsCause, Fix: unreadableQueueFileFix, Params: []string{"queue_directory"}},
	{ID: "queue_file_record_length_bits", Match: []string{"too many length bits, record type "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: damagedRecordsCause, Fix: unreadableQueueFileFix, Params: []string{"queue_directory"}},
	{ID: "queue_file_bad_pointer", Match: []string{"malformed pointer record value: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: damagedRecordsCause, Fix: unreadableQueueFileFix, Params: []string{"queue_directory"}},
	{ID: "queue_file_pointer_loop", Match: []string{"too many reverse jump records"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: damagedRecordsCause, Fix: unreadableQueueFileFix, Params: []string{"queue_directory"}},
	// inet_connect.c and inet_listen.c: the host name of an inet endpoint
	// does not resolve where the daemon runs (a container's own names).
	{ID: "inet_endpoint_unresolved", Match: []string{"host or service ", " not found: "}, Class: ClassDNS, Hint: "dns", Side: "host",
		Cause:  "a Postfix daemon could not resolve the host name of an inet: endpoint it connects to (a milter, a policy service, a tcp, socketmap or memcache table), so the connection that follows fails: the name is unknown to the resolver where the daemon runs (a container's service name on another network, 'localhost' missing from a container's /etc/hosts, a chrooted daemon without the queue directory's etc/hosts and etc/resolv.conf)",
		Fix:    "check the name where the daemon runs (getent hosts NAME inside the container); put both containers on the same network, or write the endpoint with an address (inet:127.0.0.1:8891 in place of inet:localhost:8891)",
		Params: []string{"smtpd_milters", "non_smtpd_milters"}},
	{ID: "inet_listen_unresolved", Master: true, Severe: true, Match: []string{"host/service ", " not found: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a master.cf inet service names a host that does not resolve where Postfix runs (host:port as the service name, e.g. localhost:10025), so that service cannot listen and the daemon that needs it stops",
		Fix:   "write the service's host as an address in master.cf (127.0.0.1:10025) or make the name resolvable where Postfix runs (a container's /etc/hosts lacks localhost), then postfix reload"},
	// inet_connect.c of older Postfix versions: the same words, from the
	// daemon that connects, and fatal (newer ones warn "host or service").
	{ID: "endpoint_host_not_found", Severe: true, Match: []string{"host/service ", " not found: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a daemon could not resolve the host of an inet: endpoint it connects to (a policy server in check_policy_service, a milter in smtpd_milters or non_smtpd_milters, a tcp:, socketmap: or memcache: table) and exits, as older Postfix versions do: every session that reaches that check or milter fails and the master throttles the service",
		Fix:    "find the host:port the message names in main.cf and master.cf (postconf -n; postconf -M) and write the service's real address there (an example name copied from documentation is never right); if the name is right, make it resolvable where the daemon runs (getent hosts NAME, inside the container or the chroot)",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_milters", "non_smtpd_milters"}},
	// inet_connect.c sets EADDRNOTAVAIL "for up-stream %m" when the
	// endpoint's host does not resolve: the milter's connect error then
	// names the address, after the "host or service ... not found"
	// warning, and the milter itself may be running.
	{ID: "milter_address_unusable", Fails: "milter", Match: []string{"connect to milter service", "cannot assign requested address"}, Class: ClassDNS, Hint: "dns", Side: "host",
		Cause:  "smtpd or cleanup got no usable address for the milter's host: its name does not resolve where the daemon runs (Postfix reports that as Cannot assign requested address, after a 'host or service ... not found' warning): 'localhost' or a container's service name missing from a container's /etc/hosts, or from the queue directory's etc/hosts of a chrooted daemon; or the name gives only an address this host cannot use (localhost as ::1 where IPv6 is off); by milter_default_action mail is accepted unsigned, deferred or rejected",
		Fix:    "write the milter with an address (inet:127.0.0.1:8891 in place of inet:localhost:8891) or make its name resolve where the daemon runs (getent hosts NAME inside the container; for a chrooted smtpd, the queue directory's etc/hosts), then postfix reload; the milter need not be restarted",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	// EACCES on a milter's unix socket: the milter runs and listens, but
	// the socket, or a directory above it, keeps the postfix user out.
	{ID: "milter_socket_denied", Fails: "milter", MilterSocket: true, Match: []string{"connect to milter service", "permission denied"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a milter's unix socket exists but the postfix user may not connect to it: the socket, or the directory that holds it, belongs to the milter's user and group without access for postfix (the milter's umask, a directory of mode 700 or 750), or on an SELinux host (Fedora, RHEL) the socket's label is one the policy keeps Postfix from; by milter_default_action mail is accepted unsigned, deferred or rejected meanwhile",
		Fix:    "ls -l on the socket and ls -ld on each directory above it (under the queue directory when smtpd is chrooted: unix:MILTER/MILTER.sock is /var/spool/postfix/MILTER/MILTER.sock); give the socket group access in the milter's own configuration (its socket mode or umask) and add postfix to the milter's group, then postfix reload so new Postfix processes run with it; on SELinux, ausearch -m avc -ts recent shows the denial and restorecon -Rv on the socket's directory restores its label; never make the socket or its directory world-writable",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	// ENOENT on a milter's unix socket: nothing at that path as the
	// connecting daemon sees it. smtpd and cleanup run in the queue
	// directory, chrooted there when master.cf says so (Debian's default),
	// so an absolute path is looked up under it.
	{ID: "milter_socket_missing", Fails: "milter", MilterSocket: true, Match: []string{"connect to milter service", "no such file or directory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "there is no socket at the path the milter setting names, as the Postfix daemon that connects sees it: the milter is not running or makes its socket elsewhere, or the daemon (smtpd for smtpd_milters, cleanup for non_smtpd_milters) runs chrooted in the queue directory (master.cf's chroot column, y on Debian and Ubuntu), where unix:/run/MILTER/MILTER.sock means /var/spool/postfix/run/MILTER/MILTER.sock; by milter_default_action mail is accepted unsigned, deferred or rejected",
		Fix:    "check that the milter runs and where it makes its socket (the milter's own socket setting); have it make the socket inside the queue directory (/var/spool/postfix/MILTER/MILTER.sock, the directory owned by the milter's user with group access for postfix) and name it relative to the queue directory (smtpd_milters = unix:MILTER/MILTER.sock), which chrooted and unchrooted daemons both find, since they run in the queue directory; then postfix reload",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action", "queue_directory"}},
	{ID: "milter_unreachable", Fails: "milter", MilterSocket: true, Match: []string{"connect to milter service"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a milter (opendkim, rspamd, a virus scanner) does not answer where smtpd_milters says: by milter_default_action mail is accepted unsigned, deferred or rejected",
		Fix:    "start the milter, or when it runs, compare where the milter listens (the milter's own socket setting; ss -lxp for unix sockets, ss -ltnp for TCP ports) with smtpd_milters / non_smtpd_milters and correct one of them: a unix socket where Postfix has inet:, or another port, is refused alike; a unix socket must be where smtpd looks (under the queue directory when smtpd is chrooted: unix:MILTER/MILTER.sock is /var/spool/postfix/MILTER/MILTER.sock) and open to the postfix user (add postfix to the milter's group); never make the socket world-writable",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	// EACCES on the socket of one of Postfix's own attribute-protocol
	// services (anvil_clnt.c and tls_mgr.c talk to private/anvil and
	// private/tlsmgr through attr_clnt.c): no policy server is involved;
	// the queue's private/ directory or the socket keeps the postfix user
	// out, as after a queue restored, copied or mounted with other owners.
	{ID: "postfix_service_denied", Match: []string{"problem talking to server private/anvil: ", "permission denied"}, Or: [][]string{{"problem talking to server private/tlsmgr: ", "permission denied"}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  postfixServiceDeniedCause,
		Fix:    postfixServiceDeniedFix,
		Params: []string{"queue_directory", "mail_owner"}},
	// Any other failure of those two: their clients go on without them
	// (smtpd skips the client limits when anvil_clnt_connect fails; TLS
	// loses its session cache and seed), so no sender waits.
	{ID: "postfix_anvil_failed", Service: true, Match: []string{"problem talking to server private/anvil: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "smtpd could not reach Postfix's own anvil service (private/anvil), which counts each client's connections and rates: anvil crashed (its own fatal or panic line, or the master's report of it), hangs, or its master.cf entry is missing or was added without a postfix reload; no policy server is involved and nobody waits: smtpd applies no client connection count or rate limits to those sessions and accepts their mail",
		Fix:    postfixServiceFailedFix,
		Params: []string{"smtpd_client_connection_count_limit", "smtpd_client_connection_rate_limit"}},
	{ID: "postfix_tlsmgr_failed", Service: true, Match: []string{"problem talking to server private/tlsmgr: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a Postfix program (smtpd, smtp, lmtp, tlsproxy) could not reach Postfix's own tlsmgr service (private/tlsmgr), which keeps the TLS session caches and the random seed: tlsmgr crashed (its own fatal or panic line, often about a session cache database or tls_random_source it cannot open), hangs, or its master.cf entry is missing; no policy server is involved and no mail is refused for it: TLS sessions are not resumed, and a program that gets no seed logs no entropy for TLS key generation and talks without TLS",
		Fix:    postfixServiceFailedFix,
		Params: []string{"smtpd_tls_session_cache_database", "smtp_tls_session_cache_database", "tls_random_source", "tls_random_exchange_name"}},
	// attr_clnt.c's "problem talking to server %s: %m" ends with why the
	// request failed. errno 0 ("Success": the read met end-of-input) and a
	// reset mean the server took the connection and closed it unanswered:
	// it runs, and fails on each request. EADDRNOTAVAIL is inet_connect.c's
	// word for an endpoint whose host gave no usable address.
	{ID: "policy_server_closed", Severe: true, Match: []string{"problem talking to server", ": success"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  policyClosedCause,
		Fix:    policyClosedFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_policy_service_default_action"}},
	{ID: "policy_server_reset", Severe: true, Match: []string{"problem talking to server", "connection reset by peer"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  policyClosedCause,
		Fix:    policyClosedFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_policy_service_default_action"}},
	// ETIMEDOUT: the connect to an inet: server timed out, or the server
	// took the request and sent nothing within smtpd_policy_service_timeout
	// (the stream's deadline). The server may well be running.
	{ID: "policy_server_timeout", Severe: true, Match: []string{"problem talking to server", "connection timed out"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the server Postfix asked over its attribute protocol did not answer in time: a policy server (postgrey, policyd-spf, a quota or rate service) that hangs, is overloaded or waits on its own lookups (the DNS queries of an SPF check, a database), or, for one on another host, a connection that never completes (the host is down, or a firewall drops the packets); smtpd applies smtpd_policy_service_default_action (451 4.3.5) and senders wait",
		Fix:    "read the server's own log at that time and check that it runs and has processes to spare; its own time limits (DNS, database) must be shorter than smtpd_policy_service_timeout; for a server on another host, check that it answers from here (nc -vz HOST PORT); raising smtpd_policy_service_timeout only makes senders wait longer",
		Params: []string{"smtpd_policy_service_timeout", "smtpd_policy_service_default_action"}},
	// EACCES on a unix: policy socket: the server runs and listens, but the
	// socket, or a directory above it, keeps smtpd (the postfix user) out.
	{ID: "policy_server_denied", Severe: true, Match: []string{"problem talking to server", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "smtpd may not connect to the policy server's unix socket named in check_policy_service: the server runs and made its socket, but the socket or a directory above it belongs to the server's user and group without access for the postfix user (the server's umask or socket mode, a directory of mode 700 or 750), or on an SELinux host the socket's label is one the policy keeps Postfix from (for an inet: server, a port SELinux keeps smtpd from connecting to); smtpd applies smtpd_policy_service_default_action (451 4.3.5) and senders wait",
		Fix:    "ls -l on the socket and ls -ld on each directory above it (a relative unix:private/NAME is under the queue directory); give the postfix user access in the server's own configuration (its socket's group or mode, or the postfix user in the server's group), then restart the server so it makes the socket again; on SELinux, ausearch -m avc -ts recent shows the denial and restorecon -Rv on the socket's directory restores its label; never make the socket or its directory world-writable",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_policy_service_default_action"}},
	{ID: "policy_server_address_unusable", Severe: true, Match: []string{"problem talking to server", "cannot assign requested address"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "smtpd got no usable address for the policy server's host named in check_policy_service inet:HOST:PORT: the name does not resolve where smtpd runs ('localhost' or a container's service name missing from a container's /etc/hosts, or from the queue directory's etc/hosts of a chrooted smtpd), or it gives only an address this host cannot use (localhost as ::1 where IPv6 is off); the server itself may be running; smtpd answers 451 4.3.5 to the senders that reach the check",
		Fix:    "write the policy server with an address (inet:127.0.0.1:PORT in place of inet:localhost:PORT) and make the server listen on that address, or make the name resolve where smtpd runs (getent hosts NAME inside the container; for a chrooted smtpd, the queue directory's etc/hosts), then postfix reload",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions"}},
	// A server reached through a socket under the queue directory whose
	// connect failed (auto_clnt logs "connect to private/NAME" just
	// before): the socket's own entries' cause, said once for both.
	{ID: "policy_socket_missing", Severe: true, Service: true, Match: []string{"problem talking to server private/", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  serviceSocketMissingCause,
		Fix:    serviceSocketFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_milters"}},
	{ID: "policy_socket_refused", Severe: true, Service: true, Match: []string{"problem talking to server private/", ": connection refused"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  serviceSocketRefusedCause,
		Fix:    serviceSocketFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_milters"}},
	{ID: "policy_server_down", Severe: true, Match: []string{"problem talking to server"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a policy server Postfix asks over its attribute protocol does not answer: one named in the restrictions (postgrey, policyd-spf, a quota or rate service); smtpd replies 451 4.3.5 and senders wait",
		Fix:    "start the policy service, or correct its address in check_policy_service",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions"}},
	// mail_trigger.c "unable to look up %s: %m" is stat() on the service's
	// FIFO or socket: EACCES means the program may not search public/
	// (postfix:postdrop 710), which only postdrop's setgid group opens, so
	// Postfix runs and the fix is in groups, modes or labels.
	{ID: "pickup_lookup_denied", Match: []string{"unable to look up public/pickup", "permission denied"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "postdrop (or postqueue) may not search the queue's public directory to wake the pickup service: public/ is owned by postfix with group postdrop and mode 710, so only a program running with the postdrop group reaches it; the directory's group or mode is wrong (a restored or copied queue, a volume where the postdrop group has another number), postdrop or postqueue lost its setgid bit, the program that ran sendmail may not gain privileges (systemd NoNewPrivileges=yes or DynamicUser=yes, Kubernetes allowPrivilegeEscalation: false), or on an SELinux host the queue's files carry the wrong label; Postfix itself is running, and mail that reached maildrop is still picked up at pickup's next scan, within a minute",
		Fix:    "postfix set-permissions restores public/ and maildrop/ (group postdrop) and the setgid bits of postdrop and postqueue, then postfix check; if those are already right, let the sending program's unit or pod gain privileges (NoNewPrivileges=no with a fixed User= instead of DynamicUser=, allowPrivilegeEscalation: true); on SELinux (Fedora, RHEL), ausearch -m avc -ts recent shows the denial and restorecon -Rv on the queue directory restores the labels after a restore or copy; Postfix needs no restart for it; never make public or maildrop world-accessible",
		Params: []string{"setgid_group", "queue_directory"}},
	{ID: "postfix_not_running", Severe: true, NotRunning: true, Match: []string{"unable to look up public/pickup"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "postdrop cannot find the pickup service: Postfix is not running (or its queue directory is not the one it uses); local mail waits in maildrop. On a host moved from another MTA, that one may still run and hold port 25, so Postfix's master cannot start",
		Fix:   "postfix start, then postfix status; postfix check names what stops it; on a host moved from sendmail or exim, stop and disable that MTA (systemctl disable --now sendmail exim4), check that nothing else listens on port 25 (ss -ltnp sport = :25), and on RHEL make Postfix the system's sendmail command (alternatives --set mta /usr/sbin/sendmail.postfix)",
		// ENOENT is stat() of the FIFO itself: a running master keeps its
		// open descriptor, but nothing can reach it by name any more.
		RunningCause: "postdrop cannot find public/pickup, the FIFO through which it wakes the pickup service, under queue_directory, while the master's daemons log around it: Postfix runs, and the FIFO itself is gone (a restore, a cleanup or tmpfiles job on the queue directory removed it), or postdrop runs with another configuration directory (MAIL_CONFIG, sendmail -C) whose queue_directory no master serves; the master's own wake-ups of pickup fail alike, so mail that programs submit through sendmail waits in maildrop",
		RunningFix:   "postfix stop; postfix start makes public/pickup again (the master makes it when it starts, a reload does not; run postfix set-permissions first when public/ itself is gone or has the wrong owner), and pickup then takes the mail waiting in maildrop; find what removed it so it does not happen again; when postdrop runs with another configuration directory, postconf -h queue_directory there and here shows the difference"},
	// mail_queue_enter's %m says why a queue file could not be created;
	// the errors below are not the owners' or modes' doing, so they come
	// before the entries that read EACCES. EROFS on the incoming queue:
	// cleanup's own view of the queue filesystem (a maildrop's has its
	// own entry further down).
	{ID: "queue_read_only", Severe: true, Match: []string{"mail_queue_enter: create file incoming/", "read-only file system"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "cleanup cannot create queue files because the queue filesystem is mounted read-only: the kernel remounted it after a disk or filesystem error, or a container's volume for the queue directory is mounted read-only; no new mail is queued (smtpd answers 451 4.3.0 queue file write error) and mail already queued cannot move between queues",
		Fix:    "find why the filesystem is read-only (dmesg, the kernel log; findmnt on the queue directory; the container's volume options), repair it (fsck) and remount it read-write, then postfix check; owners and modes are not the problem, and resetting them changes nothing",
		Params: []string{"queue_directory"}},
	// EDQUOT: the new file's owner is over its quota on the queue
	// filesystem. cleanup creates incoming files as mail_owner; postdrop
	// creates and writes maildrop files under the submitting user's own
	// uid (it is setgid only), so that user's quota counts.
	{ID: "queue_disk_quota", Severe: true, Match: []string{"mail_queue_enter: create file ", "disk quota exceeded"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  queueQuotaCause,
		Fix:    queueQuotaFix,
		Params: []string{"queue_directory", "mail_owner"}},
	{ID: "postdrop_disk_quota", Severe: true, Program: "postdrop", Match: []string{"uid=", ": disk quota exceeded"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  queueQuotaCause,
		Fix:    queueQuotaFix,
		Params: []string{"queue_directory"}},
	// EMFILE/ENFILE: the process or the host is out of file descriptors.
	{ID: "queue_open_files", Severe: true, Match: []string{"mail_queue_enter: create file ", "too many open files"}, Class: ClassFDLimit, Hint: "ulimit", Side: "host",
		Cause:  "a Postfix program (cleanup for the incoming queue, postdrop for the maildrop) could not create a queue file because it had no file descriptor left: its open-file limit (ulimit -n, the service's LimitNOFILE, the container's nofile ulimit) or the host's file table (fs.file-max) is used up, often by a content filter, milter or lookup tables held open by many processes; the message is not queued",
		Fix:    "check the limit the process runs with (grep 'open files' /proc/$(pgrep -o -f postfix/master)/limits) and the host's use (cat /proc/sys/fs/file-nr); raise it (LimitNOFILE=65536 in a systemd drop-in for Postfix, --ulimit nofile=65536:65536 for a container) and restart Postfix; owners and modes are not the problem",
		Params: []string{"default_process_limit"}},
	// cleanup's mail_queue_enter names the incoming queue; postdrop's the
	// maildrop queue, which the next entry reads.
	{ID: "incoming_permissions", Severe: true, Match: []string{"mail_queue_enter: create file incoming/"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "cleanup cannot create queue files in the incoming queue: the queue directories belong to another user than mail_owner (a queue restored or copied from a system where postfix has another uid, or a chown run over it), so no new mail is queued: smtpd answers 451 4.3.0 queue file write error and local mail waits in maildrop",
		Fix:    "compare the owner of the queue directories with mail_owner (ls -ln $(postconf -h queue_directory); id postfix), then postfix set-permissions and postfix check",
		Params: []string{"queue_directory", "mail_owner"}},
	// qmgr moves a queue file between queues (incoming or deferred to
	// active, active to deferred) by renaming it.
	{ID: "queue_rename_denied", Severe: true, Match: []string{": rename ", " from ", "permission denied"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the queue manager cannot move a queue file from one queue to another: queue files or directories belong to another user than mail_owner (a queue restored from a backup or copied from another system with other uids), so the mail stays where it is and is not delivered",
		Fix:    "compare the owner of the queue files with mail_owner (ls -ln $(postconf -h queue_directory)/deferred; id postfix), then postfix set-permissions (it sets the owner of every queue directory and file) and postfix check",
		Params: []string{"queue_directory", "mail_owner"}},
	// EROFS: the queue filesystem is mounted read-only, or, when Postfix
	// itself queues mail, the program that ran sendmail sees it read-only
	// in its service sandbox; no owner or mode change helps either.
	{ID: "maildrop_read_only", Match: []string{"mail_queue_enter: create file maildrop/", "read-only file system"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "postdrop cannot create files in the maildrop directory because it sees a read-only filesystem: when mail from a shell and from Postfix's own services is queued, the program that ran sendmail runs in a systemd sandbox (ProtectSystem=strict or full, ReadOnlyPaths=) that makes /var/spool/postfix read-only for it; otherwise the queue filesystem itself is mounted read-only (a filesystem error remounted it); that program's mail (alerts, cron, web applications) is not queued",
		Fix:   "for a program run by a systemd unit, give it the maildrop in a drop-in (systemctl edit UNIT: [Service] ReadWritePaths=/var/spool/postfix/maildrop), then restart that unit; for a read-only mount, find why in dmesg, repair the filesystem and remount it read-write; owners and modes are not the problem, and maildrop must never be made world-writable", Params: []string{"queue_directory"}},
	// A process with no_new_privs set (systemd NoNewPrivileges=yes, which
	// DynamicUser=yes and several sandbox options imply; Kubernetes'
	// allowPrivilegeEscalation: false) runs setgid postdrop without its
	// group: the same EACCES as a wrong mode, with Postfix's modes right.
	// ENOENT: the queue subdirectory itself is gone. postfix check (and
	// postfix start, which runs it) creates missing queue directories
	// with their owners and modes.
	{ID: "queue_subdirectory_missing", Severe: true, Match: []string{"mail_queue_enter: create file ", ": no such file or directory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a queue subdirectory (maildrop, incoming) does not exist: a queue directory created or restored by hand, or an empty volume mounted over it (a container's), without Postfix's own layout; no mail enters that queue",
		Fix:    "postfix check creates the missing queue directories with their owners and modes, and warns about what else is wrong (postfix post-install create-missing does only the creating; postfix start runs the check too); a container whose queue is a volume must run one of them before mail is sent, not copy the directories by hand",
		Params: []string{"queue_directory"}},
	{ID: "maildrop_permissions", Match: []string{"mail_queue_enter: create file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "postdrop cannot create files in the maildrop directory: the directory's group or mode is wrong, or postdrop lost its setgid bit (a package upgrade, a copied system, a queue kept on a volume where the postdrop group has another number); or, when postfix check is clean and only one program's mail fails, that program runs without the right to gain postdrop's group (systemd NoNewPrivileges=yes or DynamicUser=yes, a container with Kubernetes allowPrivilegeEscalation: false); locally submitted mail (cron, web applications, sieve replies) is not queued",
		Fix:   "postfix set-permissions restores Postfix's side (postdrop is setgid postdrop, maildrop is owned by postfix, group postdrop, mode 730; Debian adds the sticky bit, 1730), then postfix check; if those are already right, let the sending program's unit or pod gain privileges (NoNewPrivileges=no with a fixed User= instead of DynamicUser=, allowPrivilegeEscalation: true); never make maildrop world-writable", Params: []string{"setgid_group"}},
	// mail_connect.c: "connect #N to subsystem NAME: ERROR"; verbose
	// logging's "connect to subsystem NAME" without a number is no failure.
	{ID: "subsystem_unreachable", Match: []string{"connect #", " to subsystem "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a Postfix program cannot reach one of Postfix's own services (rewrite, proxymap, tlsmgr, ...) through its socket in the queue directory: the master is not running, the service is missing from master.cf, or the program uses another queue directory",
		Fix:   "postfix status, then postfix check; compare master.cf with the stock one for the service the message names", Params: []string{"queue_directory"}},
	{ID: "queue_directory_access", Match: []string{"open directory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a Postfix program cannot read a queue directory: wrong owners or modes, or a queue on a filesystem that does not allow it", Fix: "postfix set-permissions, then postfix check", Params: []string{"queue_directory"}},
	// spawn.c: the command a master.cf spawn service runs, most often a
	// policy server (policyd-spf), not a Postfix process.
	{ID: "spawn_command_failed", Command: true, Match: []string{"command ", " exit status "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the command a master.cf spawn service runs (a policy server such as policyd-spf) exited with an error: smtpd gets no answer (premature end-of-input on private/...) and applies smtpd_policy_service_default_action, 451 4.3.5, to the senders that reach check_policy_service",
		Fix:    "run that spawn entry's argv= command by hand as its user= and read the error it prints (a module or file it cannot load, a configuration it cannot read); postconf -M shows the entry",
		Params: []string{"smtpd_policy_service_default_action"}},
	{ID: "spawn_command_killed", Command: true, Match: []string{"command ", " killed by signal "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the command a master.cf spawn service runs (a policy server such as policyd-spf) was killed: by its own crash (signal 11), a time limit (signal 9 when spawn also logs 'command time limit exceeded': the service's NAME_time_limit, by default command_time_limit) or the OOM killer; smtpd gets no answer and defers the senders (451 4.3.5)",
		Fix:    "run that spawn entry's argv= command by hand as its user=; for signal 9 look for spawn's 'command time limit exceeded' line (then NAME_time_limit = 3600 in main.cf, NAME the entry's service name) and for the OOM killer in dmesg",
		Params: []string{"smtpd_policy_service_default_action"}},
	{ID: "bad_command_startup", Severe: true, Consequence: true, Match: []string{"bad command startup -- throttling"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a service's process exits as soon as the master starts it; the master stops starting it for a while (throttling), so that service is down",
		Fix:   "read the fatal line the service logged just before (or run postfix check); fix that cause, then postfix reload"},
	{ID: "killed_by_signal", Match: []string{"killed by signal"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a Postfix process crashed (signal 6: a panic; 9: killed from outside, e.g. the OOM killer; 11: a bug or a broken library)",
		Fix:   "read the panic or fatal line before it; for signal 9 check dmesg for the OOM killer"},
	// The master's child logs this under the master's name after fork and
	// before exec: the master itself runs on (Child).
	{ID: "master_exec_missing", Child: true, Match: []string{"master_spawn: exec ", "no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Program: "master",
		PathAfter: "master_spawn: exec ",
		Cause:     "the command column of a master.cf entry names a program that does not exist (a relative name is looked up in daemon_directory): a typo, a program from a package that was removed, or a daemon_directory that changed; the master cannot start that service, and throttles it",
		Fix:       "find the entry whose command is that program (postconf -M shows every entry's command; postconf daemon_directory where a relative one is looked up), then correct the command, install its package, or remove the entry; postfix reload",
		Params:    []string{"daemon_directory"}},
	{ID: "exit_status", Consequence: true, Match: []string{"exit status"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a Postfix process exited with an error", Fix: "read the fatal line the process logged just before"},
	{ID: "too_many_errors", Consequence: true, Match: []string{"too many errors - program terminated"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the program exited after repeated errors: msg.c ends a program at its 13th error: line by default; this line only reports that",
		Fix:   "read the first error: line the same program (and process id) logged before it: it names the cause; fix that, and the program stays up"},
	{ID: "fork_failed", Match: []string{"fork: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the system refused a new process: memory or the process limit (ulimit -u, systemd TasksMax) is exhausted", Fix: "check free -m, ulimit -u and the unit's TasksMax"},
	{ID: "transport_failure", Match: []string{"failure -- see a previous warning"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "outbound",
		Cause: "a delivery transport's processes fail; the qmgr defers its mail", Fix: "read the warning, fatal or panic line that transport logged before"},
	// qmgr_deliver.c: an agent that died or answered nonsense mid-delivery
	// (DELIVER_STAT_CRASH) has its mail deferred with these words, which
	// the error agent logs; no remote writes them.
	{ID: "unknown_transport_error", ClientReason: true, Consequence: true, Match: []string{"unknown mail transport error"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the queue manager deferred the mail because the delivery agent it handed it to died or answered nonsense in the middle of the delivery: a crash (the master's 'killed by signal' or 'exit status' line and the agent's own fatal or panic line say why: a broken library or plugin such as a SASL or TLS module, a container's memory limit, a bug); the mail waits and is retried",
		Fix:   "read the lines that transport logged just before (fatal, panic, killed by signal) and fix that cause (reinstall or rebuild the broken library or plugin, raise the memory limit); the waiting mail goes out at the next queue run, or at once with postqueue -f"},
	{ID: "malformed_response", Match: []string{"socket: malformed response"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a delivery agent died in the middle of a request (its own log line before says why)", Fix: "read the lines that agent logged just before"},
	{ID: "lock_file", Match: []string{"cannot update lock file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the master cannot write its lock file: another master runs, or the data directory has wrong owners", Fix: "check for another master (pgrep -a master) and run postfix set-permissions"},

	{ID: "service_failure", Match: []string{"service failure"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a delivery agent could not record a delivery's result with Postfix's defer, bounce, trace or verify service: the message stays queued and is tried again",
		Fix:    "read the warning or fatal line the bounce/defer service logged just before (a full disk or wrong owners of the defer/ and bounce/ queue directories are the usual causes); df -h; postfix check",
		Params: []string{"queue_directory"}},
	{ID: "corrupt_queue_file", Match: []string{"corrupted queue file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a queue file could not be read and was moved to the corrupt queue, where it is never retried: after a full disk, a crash, queue files copied or edited by hand, or a Postfix upgrade that replaced the programs while the old daemons kept running (the old queue manager reading files the new version wrote)",
		Fix:    "look at it with postcat (the file is under the queue directory's corrupt/); check the disk (df -h, dmesg); requeue copies only with postsuper; right after a package upgrade, postfix stop and postfix start so that no daemon of the old version runs on, and stop Postfix before the next upgrade",
		Params: []string{"queue_directory"}},
	{ID: "premature_disconnect", Match: []string{"socket: premature disconnect"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a delivery agent closed its connection to the queue manager before answering: it died (its own log line before says why)",
		Fix:   "read the fatal or panic line that transport logged just before"},
	{ID: "sendmail_queue_write", Match: []string{"error writing queue file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "sendmail(1) could not hand a locally submitted message to postdrop: the maildrop queue cannot be written (disk, owner or setgid bit of postdrop) or postdrop failed",
		Fix:    "read the postdrop line logged with it; df -h; postfix set-permissions restores postdrop's group and setgid bit",
		Params: []string{"queue_directory", "setgid_group"}},
	{ID: "postdrop_exec", Match: []string{"unable to execute ", "postdrop"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "sendmail(1) cannot run postdrop: the binary is missing or not executable (a half-finished upgrade, a copied system, a noexec mount)",
		Fix:    "reinstall the Postfix package or run postfix set-permissions; postfix check names what is wrong",
		Params: []string{"command_directory", "setgid_group"}},
	// milter8.c names the event whose reply it could not read: the
	// negotiation right after connect, an SMTP command's event (read
	// under milter_command_timeout, the general entry below) or the
	// message's content (read under milter_content_timeout).
	{ID: "milter_reply_negotiation", Fails: "milter", Calm: true, Match: []string{"smfic_optneg reply packet header"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a milter accepted the connection and then closed it (Success after the colon) or did not answer the protocol negotiation, the first thing Postfix sends: what listens at that address is not a milter (rspamd's normal worker on 11333 in place of its proxy worker on 11332, another service's port), the milter refuses this client (its own access list), or it is stuck; by milter_default_action the mail is accepted unfiltered, deferred or rejected",
		Fix:    "read the milter's own log at that time: a refusal there is its access list (let this host's address in); nothing there means the address reaches another program: compare smtpd_milters / non_smtpd_milters with where the milter listens (ss -ltnp, ss -lxp); restart a stuck milter",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action", "milter_command_timeout"}},
	{ID: "milter_reply_header", Fails: "milter", Calm: true, Match: []string{"smfic_header reply packet header"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterContentCause, Fix: milterContentFix, Params: milterContentParams},
	{ID: "milter_reply_eoh", Fails: "milter", Calm: true, Match: []string{"smfic_eoh reply packet header"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterContentCause, Fix: milterContentFix, Params: milterContentParams},
	{ID: "milter_reply_body", Fails: "milter", Calm: true, Match: []string{"smfic_body reply packet header"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterContentCause, Fix: milterContentFix, Params: milterContentParams},
	{ID: "milter_reply_eom", Fails: "milter", Calm: true, Match: []string{"smfic_bodyeob reply packet header"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterContentCause, Fix: milterContentFix, Params: milterContentParams},
	{ID: "milter_reply", Fails: "milter", Calm: true, Match: []string{"reply packet header"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a milter closed the connection (Success after the colon) or did not answer an SMTP command's event (CONNECT, HELO, MAIL, RCPT, DATA) within milter_command_timeout: it refuses this client (its own access list), crashed, or is overloaded; by milter_default_action the mail is accepted unfiltered, deferred or rejected",
		Fix:    "read the milter's own log at that time; a reset at CONNECT is often the milter's access list; restart a stuck milter",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action", "milter_command_timeout"}},
	// smtpd's 451 4.7.1 at the greeting (smtpd.c names the stage CONNECT,
	// HELO or EHLO): the milter has had nothing to judge yet, so this is
	// milter_default_action = tempfail answering for a milter that
	// failed, and every later command of the session gets the same.
	{ID: "milter_tempfail_connect", Reply: true, Fails: "milter", CriticalAt: 50, SessionDown: true, Match: []string{"milter-reject: connect from", "4.7.1 service unavailable - try again later"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash,
		Cause:  milterTempfailCause,
		Fix:    milterTempfailFix,
		Params: milterTempfailParams},
	{ID: "milter_tempfail_ehlo", Reply: true, Fails: "milter", CriticalAt: 50, SessionDown: true, Match: []string{"milter-reject: ehlo from", "4.7.1 service unavailable - try again later"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash,
		Cause:  milterTempfailCause,
		Fix:    milterTempfailFix,
		Params: milterTempfailParams},
	{ID: "milter_tempfail_helo", Reply: true, Fails: "milter", CriticalAt: 50, SessionDown: true, Match: []string{"milter-reject: helo from", "4.7.1 service unavailable - try again later"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash,
		Cause:  milterTempfailCause,
		Fix:    milterTempfailFix,
		Params: milterTempfailParams},
	// Later in the session milter8.c words a milter's own SMFIR_TEMPFAIL
	// as it words the default action for a failed one: which it is, the
	// milter's warning says (connect to Milter service, milter NAME: ...).
	{ID: "milter_tempfail", Reply: true, CriticalAt: 50, Match: []string{"4.7.1 service unavailable - try again later"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash,
		Cause:        milterTempfailCause,
		Fix:          milterTempfailFix,
		Params:       milterTempfailParams,
		VerdictOf:    "milter",
		VerdictHint:  "greylisting",
		VerdictCause: "a milter refused the command for now by its own verdict (SMFIR_TEMPFAIL), and no line says Postfix lost the milter: a greylisting milter (milter-greylist, Plesk's or rspamd's greylisting) delays a new sender until it retries; a milter that answers so to every message fails inside (a DNS or database error it reports in its own log); smtpd words that 451 4.7.1 as it words milter_default_action = tempfail for a milter it lost",
		VerdictFix:   "when the milter greylists, nothing: senders retry and get through (spare known senders in the milter's own whitelist); when the same senders keep getting it, or every message does, the milter fails inside: read its own log at these times (opendkim, rspamd, amavisd-milter, a panel's filter) and repair what it names"},
	// sendmail.c's "%s(%ld): %s" with cleanup_strerror(): the status
	// postdrop returned, or CLEANUP_STAT_WRITE when it gave none. The
	// user and uid before the text set it apart from smtpd's reply.
	{ID: "sendmail_submit_write", Program: "sendmail", Match: []string{"): queue file write error"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "sendmail(1) could not queue a message a program on this host submitted (the user and uid the line names: a web application, cron, a script): postdrop, which writes it into the maildrop directory, failed to write it or ended without an answer (the queue filesystem full or over that user's disk quota, maildrop's owner or postdrop's setgid group wrong); the program got a temporary failure and Postfix kept no copy",
		Fix:    "read postdrop's own line logged with it (uid=N: and the error) and cleanup's or smtpd's warnings at that time: free space on the queue filesystem when it is full (df -h $(postconf -h queue_directory)), or run postfix set-permissions when maildrop's owner or postdrop's group is wrong; the program that submitted the message must send it again",
		Params: []string{"queue_directory", "setgid_group"}},
	{ID: "queue_file_write_reply", Reply: true, CriticalAt: 20, Match: []string{"queue file write error"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "smtpd answered 451 4.3.0 Error: queue file write error: it could not hand the message on, because the before-queue content filter failed (smtpd's connect, timeout or lost connection warning about the proxy comes before it) or cleanup could not write the queue file (a full or read-only queue filesystem, wrong owners: cleanup's own warning says which); senders retry later",
		Fix:    "read the warning smtpd or cleanup logged just before this reply; df -h for the queue filesystem",
		Params: []string{"smtpd_proxy_filter", "queue_directory"}},
	{ID: "milter_handshake", Fails: "milter", Match: []string{"in initial handshake"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a milter closed the connection or answered something else during the protocol negotiation: it is not a milter (a wrong port), or it crashed",
		Fix:    "check that the address in smtpd_milters is the milter's own socket or port and read the milter's log",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	// milter8.c reads a reply's four-byte length before anything else; a
	// length over INT_MAX/2 (1073741823) is text where a milter's binary
	// reply belongs: what answers at the milter's address speaks another
	// protocol (1213486160 is "HTTP").
	{ID: "milter_not_milter", Fails: "milter", Match: []string{"unreasonable packet length"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "what answers at the address smtpd_milters or non_smtpd_milters names is not a milter: Postfix reads the first four bytes of each answer as the length of a milter reply, and text there (a first byte from '@' on) reads as a length over 1073741823: an HTTP service (rspamd's normal worker on 11333 or its controller on 11334 in place of its milter, the proxy worker on 11332; a length of 1213486160 is the text HTTP), an SMTP or policy service at that port; Postfix drops that milter for the session and milter_default_action decides what happens to the mail",
		Fix:    "point the milter setting at the milter's own listener: compare the port or socket with the milter's configuration (rspamd: the proxy worker with milter = yes and its bind_socket, 11332 by default; opendkim.conf's Socket; ss -ltnp and ss -lxp show which program listens where), correct smtpd_milters / non_smtpd_milters (or the milter's address), then postfix reload; an SMTP content filter (amavisd on 10024) belongs in content_filter, not among the milters",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	// milter8.c's other complaints about what a milter sent: the milter
	// broke the protocol, and Postfix drops it for the session.
	{ID: "milter_reply_cut", Fails: "milter", Calm: true, Match: []string{"eof while reading ", "milter "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterViolationCause, Fix: milterViolationFix, Params: milterViolationParams},
	{ID: "milter_reply_unexpected", Fails: "milter", Calm: true, Match: []string{"unexpected filter response ", "milter "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterViolationCause, Fix: milterViolationFix, Params: milterViolationParams},
	{ID: "milter_reply_trailing", Fails: "milter", Calm: true, Match: []string{"data bytes", "milter ", " was followed by "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterViolationCause, Fix: milterViolationFix, Params: milterViolationParams},
	{ID: "milter_reply_length", Fails: "milter", Calm: true, Match: []string{"bad packet length", "milter "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: milterViolationCause, Fix: milterViolationFix, Params: milterViolationParams},
	// SMFIR_REPLYCODE with text that is no SMTP reply (milter8.c checks
	// the code and the enhanced status): milter8_conf_error.
	{ID: "milter_reply_malformed", Fails: "milter", Match: []string{"malformed reply", "milter "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a milter answered with an SMTP reply of its own (a reject or tempfail text from its configuration, or one a milter library builds) that is not a valid SMTP reply (a code other than 4xx or 5xx, an enhanced status code of another class than the code, such as 550 4.7.1, or a multi-line reply whose lines do not end in CR LF); Postfix drops that milter for the session and milter_default_action decides what happens to the mail",
		Fix:    "read the milter's own log and its configuration for the reply it sends (a custom reject message must begin with a 4xx or 5xx code and, when it has one, a status of the same class: 4.x.x after 4xx, 5.x.x after 5xx); a reply a milter builds itself is the milter's bug: update it",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	// milter8.c reads milter_protocol (or a milter's protocol= setting):
	// a version it does not know disables the milter (milter8_conf_error).
	{ID: "milter_protocol_bad", Fails: "milter", Match: []string{"bad protocol information", "milter "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: milterProtocolBadCause, Fix: milterProtocolBadFix, Params: []string{"milter_protocol", "milter_default_action"}},
	{ID: "milter_protocol_none", Fails: "milter", Match: []string{"no protocol version information", "milter "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: milterProtocolBadCause, Fix: milterProtocolBadFix, Params: []string{"milter_protocol", "milter_default_action"}},
	// milter.c and milter8.c: the milter lists themselves are wrong.
	{ID: "milter_endpoint_untyped", Fails: "milter", Match: []string{"milter service needs transport:endpoint"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "smtpd_milters or non_smtpd_milters names a milter without its type: Postfix skips that milter, and by milter_default_action mail passes unfiltered or is refused",
		Fix:    "write the milter as inet:host:port or unix:/path/to/socket (localhost:8891 is inet:localhost:8891), then postfix reload",
		Params: []string{"smtpd_milters", "non_smtpd_milters", "milter_default_action"}},
	{ID: "milter_transport_invalid", Fails: "milter", Match: []string{"invalid transport name", "in milter service"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a milter in smtpd_milters or non_smtpd_milters has a type Postfix does not know (tcp: or local: from another MTA's or an old guide's syntax): Postfix skips that milter",
		Fix:    "write it as inet:host:port or unix:/path/to/socket, then postfix reload",
		Params: []string{"smtpd_milters", "non_smtpd_milters"}},
	{ID: "milter_syntax_error", Fails: "milter", Match: []string{"milter service syntax error"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a milter list cannot be read (an unbalanced { } around a milter's own settings): the daemon that reads it stops",
		Fix:    "correct smtpd_milters or non_smtpd_milters: each milter is inet:host:port, unix:/path, or { inet:host:port, name=value ... } with both braces",
		Params: []string{"smtpd_milters", "non_smtpd_milters"}},
	{ID: "milter_protocol_conflict", Fails: "milter", Match: []string{"conflict with mta "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "Postfix and the milter disagree on the milter protocol: milter_protocol offers an older version, or fewer actions, than the milter asks for; Postfix skips that milter and milter_default_action decides",
		Fix:    "set milter_protocol to the version the milter speaks (6 for current libmilter milters such as opendkim, opendmarc, rspamd) and postfix reload",
		Params: []string{"milter_protocol", "milter_default_action"}},
	{ID: "milter_default_action_bad", Match: []string{"unrecognized default action"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "milter_default_action (or a default_action in a milter's own { } settings) has a value Postfix does not know: when the milter fails, Postfix falls back to tempfail",
		Fix:    "use accept, reject, tempfail or quarantine (and shutdown in Postfix 3.6 and later)",
		Params: []string{"milter_default_action"}},
	// auto_clnt.c: a service endpoint (check_policy_service, a socketmap
	// or tcp table) written without a usable type.
	{ID: "service_endpoint_untyped", Match: []string{"need service transport:endpoint instead of"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a service Postfix connects to is written without its type (check_policy_service 127.0.0.1:10023): the daemon that needs it stops",
		Fix:    "write the endpoint as inet:host:port or unix:path (check_policy_service inet:127.0.0.1:10023, unix:private/policy), then postfix reload",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions"}},
	{ID: "service_transport_invalid", Match: []string{"invalid transport name", " in service: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a service Postfix connects to has a type it does not know (tcp: in place of inet:): the daemon that needs it stops",
		Fix:    "write the endpoint as inet:host:port or unix:path, then postfix reload",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions"}},
	// smtpd_proxy_filter (a before-queue content filter such as amavis):
	// smtpd_proxy.c's warnings, and the reply smtpd gives the client for
	// all of them (cleanup_strerror's CLEANUP_STAT_PROXY), which cleanup
	// also gives when it cannot write the queue file.
	{ID: "proxy_filter_unreachable", Severe: true, Match: []string{"connect to proxy filter "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "smtpd cannot reach the before-queue content filter smtpd_proxy_filter names (amavis on 127.0.0.1:10024 and the like): every message it receives is refused with 451 4.3.0 Error: queue file write error until the filter answers",
		Fix:    "start the filter and read its own log for why it stopped or could not bind its port, or correct smtpd_proxy_filter to the address it listens on",
		Params: []string{"smtpd_proxy_filter", "smtpd_proxy_timeout"}},
	{ID: "proxy_filter_timeout", Calm: true, Match: []string{"timeout talking to proxy "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the before-queue content filter did not answer within smtpd_proxy_timeout: it is overloaded or runs too few processes for the SMTP sessions smtpd holds open, and the client gets 451 4.3.0 Error: queue file write error and retries",
		Fix:    "read the filter's own log and load at that time and give it as many processes as smtpd sessions can use it at once (amavis: $max_servers); a filter that needs longer than the clients wait belongs after the queue (content_filter) instead",
		Params: []string{"smtpd_proxy_filter", "smtpd_proxy_timeout"}},
	{ID: "proxy_filter_lost", Match: []string{"lost connection with proxy "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the before-queue content filter closed the connection in the middle of a message: it crashed or restarted, and the client gets 451 4.3.0 Error: queue file write error and retries",
		Fix:    "read the filter's own log at that time for its crash or restart",
		Params: []string{"smtpd_proxy_filter"}},
	{ID: "daemon_init_failure", Severe: true, Match: []string{"daemon initialization failure"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the master did not start: postfix start failed",
		Fix:   "read the fatal line logged just before it; postfix check"},
	{ID: "mail_system_down", Severe: true, Match: []string{"mail system is down"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "postqueue cannot reach the showq or flush service: Postfix is not running (or runs with another configuration directory)",
		Fix:   "postfix status; postfix start, and postfix check names what stops it"},
	{ID: "sasl_backend_down", Match: []string{"authentication server"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "inbound", Calm: true,
		Cause:  "smtpd lost (or could not open) its connection to Dovecot's auth service in the middle of a login: one or two when Dovecot restarts; many mean the auth service crashed or its user database is too slow, and logins fail with 454 while it lasts",
		Fix:    "check that dovecot runs and read its log (doveadm log errors) for the auth process and its passdb (SQL, LDAP)",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},

	// --- TLS.
	// postmap.c and dict_thash.c with -F: a file a table's value names
	// (the key and chain of a tls_server_sni_maps entry) cannot be read,
	// so that key is left out of the table.
	{ID: "tls_sni_table_entry_skipped", Match: []string{"skipping this entry"}, Class: ClassTLS, Hint: "tls", Side: "host",
		Cause:  "postmap -F could not read a file that a line of the table names (for tls_server_sni_maps, the key and certificate chain of one server name) and left that line out: smtpd then has no certificate for that name and gives its clients the default chain",
		Fix:    "make each file the warning names exist and readable by the user who runs postmap (root), rebuild the table with postmap -F, then postfix reload",
		Params: []string{"tls_server_sni_maps"}},
	// tls_misc.c: a client asked by SNI for a name the SNI table has no
	// entry for; any client may ask for any name.
	{ID: "tls_sni_not_matched", Match: []string{"tls sni ", " not matched, using default chain"}, Class: ClassTLS, Hint: "tls", Side: "inbound", Calm: true, Noise: true,
		Cause:  "a client asked by SNI for a server name that tls_server_sni_maps does not list, and smtpd gave it the default certificate chain: for a name this server answers to, that table lacks its entry (postconf(5) asks for the default names to be listed too); for names that are not ours, nothing is wrong",
		Fix:    "if the name is one of this server's own, add it to the SNI table with its key and chain, rebuild the table with postmap -F, then postfix reload; names that are not ours need no change",
		Params: []string{"tls_server_sni_maps", "smtpd_tls_chain_files", "smtpd_tls_cert_file"}},
	{ID: "no_shared_cipher", Calm: true, Match: []string{"no shared cipher"}, Class: ClassTLS, Hint: "tls",
		Cause:  "the peer offers no cipher or protocol we accept: a few come from scanners and very old clients; from many peers, our side has no usable certificate and key (then it has no cipher to offer at all) or its settings are too strict",
		Fix:    "check that the certificate and key are configured and readable, and that the protocol and cipher settings are not stricter than the peers need",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_protocols", "smtpd_tls_mandatory_protocols", "smtpd_tls_ciphers"}},
	{ID: "ssl_accept_error", Match: []string{"ssl_accept error"}, Class: ClassTLS, Hint: "tls", Side: "inbound", Calm: true, Noise: true,
		Cause:  "a client's TLS handshake with smtpd failed: scanners and clients that hang up do this all day; a certificate or key problem on our side logs its own warning (cannot load, no shared cipher)",
		Fix:    "test with openssl s_client -starttls smtp -connect THIS-HOST:25; check the certificate chain and the protocol settings",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_protocols", "smtpd_tls_security_level"}},
	// OpenSSL's reasons while Postfix loads its own certificate, key or DH
	// parameters (tls_certkey.c, tls_dh.c): this side's files, not a peer.
	{ID: "tls_key_mismatch", Match: []string{"key values mismatch"}, Class: ClassTLS, Hint: "tls",
		Cause:  "the private key Postfix loads does not belong to the certificate it loads, so TLS is off on that service (STARTTLS answers 454, the smtps port drops every client): a renewal that wrote a new key beside the old certificate or the other way round, a certificate and key from different issuances or tools, or a combined file whose certificate is not the key's",
		Fix:    "compare the two: openssl x509 -noout -pubkey -in CERTFILE and openssl pkey -pubout -in KEYFILE must print the same key; point the certificate and key parameters at a pair from one issuance (a Let's Encrypt live directory's fullchain.pem and privkey.pem), or list key then chain in smtpd_tls_chain_files, then postfix reload",
		Params: tlsOwnKeyParams},
	// OpenSSL's security level (2 on Debian, Ubuntu and RHEL 9: RSA keys
	// of 2048 bits or more, no SHA-1 signatures) applied to the
	// certificate Postfix loads (ssl_rsa.c): an OpenSSL upgrade that
	// raised the level refuses a certificate that loaded before. The same
	// reasons raised in a handshake are about the peer's certificate.
	{ID: "tls_key_too_small", Match: []string{"ee key too small", "ssl_rsa"}, Class: ClassTLS, Hint: "tls", Severe: true,
		Cause:  "OpenSSL refuses the certificate Postfix loads because its key is too small for OpenSSL's security level (level 2, the default on Debian, Ubuntu and RHEL 9, wants RSA keys of 2048 bits or more): that certificate is not used, so TLS is off on that service (STARTTLS answers 454, the smtps port drops every client); after an OpenSSL upgrade that raised the level, a certificate that loaded before fails",
		Fix:    "openssl x509 -noout -text -in CERTFILE shows its key size (Public-Key: (1024 bit)); issue a new certificate with a 2048-bit or larger RSA key or an ECDSA key, point the certificate and key parameters at it, then postfix reload; lowering OpenSSL's security level would only hide the weak key",
		Params: tlsOwnKeyParams},
	{ID: "tls_ca_md_too_weak", Match: []string{"ca md too weak", "ssl_rsa"}, Class: ClassTLS, Hint: "tls", Severe: true,
		Cause:  "OpenSSL refuses a certificate Postfix loads because it, or a certificate in its chain file, is signed with a digest too weak for OpenSSL's security level (SHA-1 or MD5: an old intermediate left in the chain, a self-signed certificate made long ago): the certificate is not used, so TLS is off on that service; after an OpenSSL upgrade that raised the level, a chain that loaded before fails",
		Fix:    "openssl crl2pkcs7 -nocrl -certfile CHAINFILE | openssl pkcs7 -print_certs -text -noout | grep 'Signature Algorithm' shows each certificate's digest: drop the old intermediate from the chain (the issuer's current chain has none signed with SHA-1), or make a new self-signed certificate with SHA-256 (openssl req -x509 -sha256 ...), then postfix reload",
		Params: tlsOwnKeyParams},
	{ID: "dh_params_not_pem", Match: []string{"no start line", "dh parameters"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause:  "the file in smtpd_tls_dh1024_param_file holds no PEM DH parameters: it is empty (a generating job that failed or was cut short) or another kind of file; Postfix uses its built-in parameters and TLS still works",
		Fix:    "remove the smtpd_tls_dh1024_param_file setting (Postfix's built-in group, or OpenSSL's choice from Postfix 3.7 with OpenSSL 3, is right), or regenerate the file with openssl dhparam -out FILE 2048 and fix the job that emptied it, then postfix reload",
		Params: []string{"smtpd_tls_dh1024_param_file"}},
	{ID: "tls_pem_no_start_line", Match: []string{"no start line"}, Class: ClassTLS, Hint: "tls",
		Cause:  "a certificate or key file Postfix loads holds no PEM block of the kind it expects: an empty file, a DER file, or the wrong file of a set (a CSR, an account key, a chain without the certificate); TLS is off on that service",
		Fix:    "look at the files the TLS parameters name (openssl x509 -noout -subject -in CERTFILE, openssl pkey -noout -in KEYFILE); point them at the PEM certificate with its chain and at its private key, then postfix reload",
		Params: tlsOwnKeyParams},
	{ID: "tls_key_load", Match: []string{"private key"}, Class: ClassTLS, Hint: "tls",
		Cause:  "Postfix cannot load its TLS private key or it does not match the certificate: TLS is off",
		Fix:    "check the key file's path and permissions and that it matches the certificate",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file"}},
	{ID: "tls_cert_get", Match: []string{"cannot get", "certificate from file"}, Class: ClassTLS, Hint: "tls",
		Cause:  "Postfix cannot read its TLS certificate: TLS is off",
		Fix:    "check the certificate file's path and permissions (Postfix reads it as root before chroot)",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file"}},
	{ID: "tls_cert_load", Match: []string{"error loading certificate"}, Class: ClassTLS, Hint: "tls",
		Cause:  "Postfix cannot load its TLS certificate: TLS is off",
		Fix:    "check the certificate file's path, permissions and PEM contents",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file"}},
	{ID: "tls_chain_open", Match: []string{"error opening chain file"}, Class: ClassTLS, Hint: "tls",
		Cause:  "a file named in the TLS chain files cannot be opened: TLS is off on this side",
		Fix:    "check the path and permissions of each file in the chain files parameter (read as root before chroot)",
		Params: []string{"smtpd_tls_chain_files"}},
	// tls_server.c and tls_client.c: a protocols setting they cannot parse.
	{ID: "tls_protocol_list", Match: []string{"invalid tls protocol list"}, Class: ClassTLS, Hint: "tls",
		Cause:  "a TLS protocols setting holds a word Postfix does not know, often a '#' comment on the same line (main.cf comments are whole lines only) or a protocol name this OpenSSL lacks: smtpd turns TLS off, the smtp client aborts the session",
		Fix:    "correct the value the warning quotes (postconf -n shows it): names such as !SSLv2, !SSLv3, !TLSv1 separated by commas or spaces, or >=TLSv1.2 from Postfix 3.6 on; then postfix reload",
		Params: []string{"smtpd_tls_protocols", "smtpd_tls_mandatory_protocols", "smtp_tls_protocols", "smtp_tls_mandatory_protocols"}},
	// tls_dh.c, Postfix 2.6 to 3.5: the server side's EECDH grade (none,
	// strong, ultra; auto from 3.2). Postfix 3.4 and 3.5 take "none" for
	// "auto"; 3.6 and later ignore the grade.
	{ID: "tls_eecdh_grade_invalid", Match: []string{"invalid tls eecdh grade"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause:       "smtpd_tls_eecdh_grade (or tlsproxy's) holds a grade this Postfix does not know: before 3.2 only none, strong and ultra, auto from 3.2 on, so a setting written for a newer Postfix (a template or suite update over an older Postfix) is refused: ECDHE key exchange is off, and clients that offer only ECDHE suites fail the handshake",
		Fix:         "set smtpd_tls_eecdh_grade to a grade this Postfix knows (strong; auto only from Postfix 3.2), or remove the setting to take its default, then postfix reload; postconf mail_version names the release",
		FixedIn:     []string{"3.2"},
		Brings:      "the auto EECDH grade",
		UpgradeThen: "on this release meanwhile set smtpd_tls_eecdh_grade = strong, or remove the setting to take its default, then postfix reload",
		HasCause:    "smtpd_tls_eecdh_grade (or tlsproxy's) holds a word that is no grade this Postfix knows (none, strong, ultra, auto): a misspelling, quotes around it, or a comment after it on the same line; ECDHE key exchange is off, and clients that offer only ECDHE suites fail the handshake",
		HasFix:      "set smtpd_tls_eecdh_grade = auto (its default on this release) or remove the setting, then postfix reload",
		Params:      []string{"smtpd_tls_eecdh_grade", "mail_version"}},
	{ID: "tls_eecdh_grade_none", Match: []string{"eecdh grade is no longer supported"}, Class: ClassTLS, Hint: "upgrade_change", Calm: true, Noise: true,
		Cause:  "smtpd_tls_eecdh_grade = none, kept from before Postfix 3.4: this Postfix no longer turns ECDHE off and uses auto instead, as the message says",
		Fix:    "remove the setting (or set auto) so that main.cf says what Postfix does, then postfix reload; from Postfix 3.6 the value is ignored",
		Params: []string{"smtpd_tls_eecdh_grade"}},
	{ID: "dh_params_file", Match: []string{"-- using compiled-in defaults"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause:  "the DH parameter file named in smtpd_tls_dh1024_param_file cannot be read; Postfix uses its built-in parameters and TLS still works",
		Fix:    "remove the smtpd_tls_dh1024_param_file setting (current OpenSSL negotiates its own groups) or point it at an existing file",
		Params: []string{"smtpd_tls_dh1024_param_file"}},
	{ID: "tls_wrapper_dropped", Severe: true, Match: []string{"tls context initialization failed"}, Class: ClassTLS, Hint: "tls", Side: "inbound",
		Cause:  "smtpd on the TLS-wrapped port (smtps, 465) drops every client because its TLS setup failed (certificate or key): no one can submit there",
		Fix:    "fix the certificate or key the TLS warning before names, then postfix reload",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file"}},
	// tls_misc.c: the fingerprint digest is missing from the TLS library
	// Postfix runs with; the engine then stays off (the next entry).
	{ID: "tls_digest_missing", Match: []string{"digest algorithm ", " not found"}, Class: ClassTLS, Hint: "tls",
		Cause:  "the digest that smtpd_tls_fingerprint_digest or smtp_tls_fingerprint_digest names (md5 by default before Postfix 3.6) is not available from the TLS library this Postfix runs with: a library whose legacy or FIPS settings leave it out, or a Postfix package built for another OpenSSL or LibreSSL than the one installed, often right after an upgrade of either; the TLS engine stays off and no STARTTLS is offered or used",
		Fix:    "set the fingerprint digest to sha256 (the default from Postfix 3.6; fingerprints listed in check_ccert_access tables or smtp_tls_policy_maps must then be computed with it), or install the Postfix build made for the installed TLS library, then postfix reload",
		Params: []string{"smtpd_tls_fingerprint_digest", "smtp_tls_fingerprint_digest", "mail_version"}},
	// tls_server.c, tls_client.c, tls_misc.c: the TLS engine did not
	// start; the reason is in this line or the warning before it.
	{ID: "tls_disabled", Match: []string{"disabling tls support"}, Class: ClassTLS, Hint: "tls",
		Cause:  "the TLS engine of smtpd or the smtp client did not start, so the service runs without TLS: clients that require STARTTLS, and destinations at a security level of encrypt or higher, fail; the reason is in this line or the warning just before it (a certificate, key, protocol list, digest or OpenSSL configuration problem)",
		Fix:    "read the warning before this one and fix what it names; after a Postfix or OpenSSL package upgrade, check that the installed Postfix was built for the installed TLS library (postconf mail_version, the package's dependencies), then postfix reload",
		Params: []string{"smtpd_tls_security_level", "smtp_tls_security_level", "tls_config_file", "tls_config_name"}},
	// tls_verify.c names the first error of the chain; an untrusted issuer
	// for the large providers' well-known roots is this host's trust store.
	// OpenSSL's DANE verdict (X509_V_ERR_DANE_NO_MATCH, num=65): the
	// TLSA records the destination publishes match nothing its server
	// sent. Before the generic entries, which send the admin to this
	// host's CA bundle.
	{ID: "dane_tlsa_no_match", Match: []string{"certificate verification failed for", "no matching dane tlsa records"}, Class: ClassTLS, Hint: "tls", Side: "outbound",
		Cause:  daneNoMatchCause,
		Fix:    daneNoMatchFix,
		Params: daneParams},
	{ID: "cert_untrusted_issuer", Match: []string{"certificate verification failed for", "untrusted issuer"}, Class: ClassTLS, Hint: "tls",
		Cause:       "the smtp client could not chain a server's certificate to a root it trusts: when well-known providers' roots are untrusted too, this host gives the smtp client no CA bundle (smtp_tls_CAfile and smtp_tls_CApath empty, or a CApath the chrooted smtp cannot read); for one destination alone, its certificate is self-signed or misses its intermediate",
		Fix:         "point smtp_tls_CAfile at the system bundle (/etc/ssl/certs/ca-certificates.crt on Debian and Ubuntu, /etc/pki/tls/certs/ca-bundle.crt on Red Hat), which the smtp client reads before it enters the chroot; at smtp_tls_security_level = may the mail still goes and these lines only say the session was not authenticated",
		VerifiedFix: "other servers' certificates verified (sessions logged Verified or Trusted), so this host's CA bundle works: the servers these lines name present chains that reach no public root (a private CA, a self-signed certificate, or an intermediate they do not send); at verify or secure their mail waits until the destination serves a publicly trusted chain (tell its postmaster), or until, once the certificate is checked with the destination by another way than this connection, it is pinned: the line \"DESTINATION fingerprint match=FINGERPRINT\" in the table smtp_tls_policy_maps names, FINGERPRINT from openssl s_client -starttls smtp -connect HOST:25 -noservername </dev/null | openssl x509 -noout -fingerprint -" + FingerprintDigestMark + ", then postmap it; at may the mail still goes and these lines only say the session was not authenticated",
		Params:      []string{"smtp_tls_CAfile", "smtp_tls_CApath", "smtp_tls_security_level", "smtp_tls_policy_maps"}},
	{ID: "cert_verification_failed", Match: []string{"certificate verification failed for"}, Class: ClassTLS, Hint: "tls",
		Cause:  "a peer's certificate did not verify (untrusted issuer, hostname mismatch, expired); at a verifying security level the delivery waits",
		Fix:    "check the peer's certificate with openssl s_client; a name mismatch needs the destination's real MX name or a tls_policy entry that matches it",
		Params: []string{"smtp_tls_security_level", "smtp_tls_policy_maps", "smtp_tls_CAfile", "smtp_tls_CApath"}},
	// OpenSSL's reason after "TLS library problem": the ones that name
	// the cause. A version the two sides do not share:
	{ID: "tls_version_unsupported", Match: []string{"unsupported protocol"}, Class: ClassTLS, Hint: "tls", Calm: true, Noise: true,
		Cause: tlsVersionCause, Fix: tlsVersionFix, Params: tlsVersionParams},
	{ID: "tls_version_too_low", Match: []string{"version too low"}, Class: ClassTLS, Hint: "tls", Calm: true, Noise: true,
		Cause: tlsVersionCause, Fix: tlsVersionFix, Params: tlsVersionParams},
	{ID: "tls_alert_protocol_version", Match: []string{"alert protocol version"}, Class: ClassTLS, Hint: "tls", Calm: true, Noise: true,
		Cause: tlsVersionCause, Fix: tlsVersionFix, Params: tlsVersionParams},
	// The peer's alert refusing the certificate this side presented.
	{ID: "tls_alert_certificate_expired", Match: []string{"alert certificate expired"}, Class: ClassTLS, Hint: "tls",
		Cause:  "the peer refused the certificate this side presented as expired: usually a renewed certificate (Let's Encrypt) that the running Postfix has not loaded, or a renewal that failed",
		Fix:    "check the end date of the file Postfix uses (openssl x509 -noout -enddate -in FILE); renew it if it has passed, and make the renewal run postfix reload afterwards, because running processes keep the certificate they loaded",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file"}},
	{ID: "tls_alert_unknown_ca", Match: []string{"alert unknown ca"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause: tlsPeerRefusedCertCause, Fix: tlsPeerRefusedCertFix, Params: tlsPeerRefusedCertParams},
	{ID: "tls_alert_bad_certificate", Match: []string{"alert bad certificate"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause: tlsPeerRefusedCertCause, Fix: tlsPeerRefusedCertFix, Params: tlsPeerRefusedCertParams},
	{ID: "tls_alert_certificate_unknown", Match: []string{"alert certificate unknown"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause: tlsPeerRefusedCertCause, Fix: tlsPeerRefusedCertFix, Params: tlsPeerRefusedCertParams},
	// The peer found nothing it accepts among what this side offered.
	{ID: "tls_alert_handshake_failure", Match: []string{"alert handshake failure"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause:  "the peer ended the handshake because nothing this side offered suits it: from many peers, this side's cipher or protocol settings are stricter or odder than Postfix's defaults (a custom cipher list, an excluded key exchange, a certificate type the peer lacks); from one peer, that peer's TLS is old",
		Fix:    "when many peers fail, go back to Postfix's built-in cipher grades (the tls_*_cipherlist and *_tls_ciphers defaults, which Postfix advises not to change) and keep only what you must exclude; test a peer with openssl s_client -starttls smtp; at smtp_tls_security_level = may a failed handshake costs encryption, not the mail",
		Params: []string{"smtpd_tls_ciphers", "smtpd_tls_mandatory_ciphers", "smtpd_tls_exclude_ciphers", "smtpd_tls_protocols", "tls_high_cipherlist", "tls_medium_cipherlist"}},
	// OpenSSL 3.0 and an external server session cache: resumed sessions
	// the internal cache expunged fail (openssl issue 18690).
	{ID: "tls_alert_unexpected_message", Match: []string{"alert unexpected message"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause:  "the peer received a handshake message it did not expect; with OpenSSL 3.0 a known cause is resuming sessions from smtpd's session cache database, which that OpenSSL mishandles",
		Fix:    "when smtpd_tls_session_cache_database is set, empty it (its default: session tickets resume sessions without a cache) and postfix reload; otherwise compare the peer's and this side's TLS library versions",
		Params: []string{"smtpd_tls_session_cache_database", "smtpd_tls_session_cache_timeout"}},
	// OpenSSL's refusals at its security level, new with OpenSSL 3.0 or a
	// distribution's higher default level: a peer that worked before the
	// upgrade of either now fails the handshake.
	{ID: "tls_legacy_sigalg", Match: []string{"legacy sigalg disallowed or unsupported"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause: tlsSecLevelCause, Fix: tlsSecLevelFix, Params: tlsSecLevelParams},
	{ID: "tls_dh_key_too_small", Match: []string{"dh key too small"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause:  tlsSecLevelCause + "; near an error configuring DH parameters it is this side's own smtpd_tls_dh1024_param_file, holding parameters under 2048 bits",
		Fix:    tlsSecLevelFix + "; for this side's own parameters, remove the smtpd_tls_dh1024_param_file setting (Postfix's built-in group is large enough) or point it at 2048-bit parameters, then postfix reload",
		Params: append([]string{"smtpd_tls_dh1024_param_file"}, tlsSecLevelParams...)},
	{ID: "tls_unsafe_renegotiation", Match: []string{"unsafe legacy renegotiation disabled"}, Class: ClassTLS, Hint: "tls", Calm: true,
		Cause: tlsSecLevelCause, Fix: tlsSecLevelFix, Params: tlsSecLevelParams},
	// OpenSSL 3 made a peer's close without close_notify an error;
	// Postfix 3.8 and the 3.7.4, 3.6.8, 3.5.18 and 3.4.28 patch releases
	// turn on SSL_OP_IGNORE_UNEXPECTED_EOF (HISTORY, 20230115; SMTP frames
	// its own data), so a Postfix older than those logs it.
	{ID: "tls_unexpected_eof", Match: []string{"tls library problem", "unexpected eof while reading"}, Class: ClassTLS, Hint: "upgrade_change", Calm: true, Noise: true,
		Title:       "this Postfix release predates its workaround for OpenSSL 3's unexpected EOF",
		Cause:       "this Postfix predates its workaround for OpenSSL 3 (Postfix 3.8, and the 3.7.4, 3.6.8, 3.5.18 and 3.4.28 patch releases): OpenSSL 3 reports a peer that closes the connection without a TLS close_notify as an error, which older Postfix logs as a TLS library problem and which costs the TLS session its reuse; the mail itself is not affected, as SMTP frames its own data",
		Fix:         "install a Postfix patch release with the workaround (3.7.4, 3.6.8, 3.5.18, 3.4.28 or later in its series, or 3.8 and later; the distribution's update when it has one), then postfix reload; no TLS setting needs to change for it",
		FixedIn:     []string{"3.4.28", "3.5.18", "3.6.8", "3.7.4", "3.8"},
		Brings:      "the workaround for OpenSSL 3's unexpected EOF (SSL_OP_IGNORE_UNEXPECTED_EOF)",
		UpgradeThen: "the distribution's update when it has one, then postfix reload; no TLS setting needs to change for it",
		HasHint:     "tls",
		HasTitle:    "TLS peers hang up without close_notify, and this Postfix has the workaround for it",
		HasCause:    "this Postfix asks OpenSSL to take a peer's close without close_notify as a normal end, so what is left is a peer that really cut the connection (a scanner or a client that gave up, a firewall or balancer on the path that drops connections): that session ends, and mail is not affected, as SMTP frames its own data and a message cut short is not accepted",
		HasFix:      "nothing to change in Postfix or its TLS settings; when one peer cuts every session, look at that peer or the path to it (its own log, a firewall's or balancer's idle timeout); when the lines come from a program of another Postfix (another instance or container, a source build beside the package: postconf -d mail_version there), that Postfix is the one to upgrade",
		Params:      []string{"mail_version"}},
	// OpenSSL's "wrong version number": where a TLS record was due came
	// bytes that were none. On smtpd's side a client or scanner speaking
	// something else; on the smtp client's, this host starting TLS where
	// the server speaks plain SMTP first.
	{ID: "tls_wrong_version", Match: []string{"tls library problem", "wrong version number"}, Class: ClassTLS, Hint: "tls", Calm: true, Noise: true,
		Cause:         "OpenSSL read bytes that were not TLS where a TLS record was due: on smtpd's side a client or scanner that spoke plain text or another protocol to a TLS port (465) or right after STARTTLS, which the Internet does all day",
		Fix:           "nothing to change while it comes from strangers; when this site's own mail client or device fails so, it uses the wrong security setting for the port (SSL/TLS for 465, STARTTLS for 587)",
		OutboundCause: "the smtp client started a TLS handshake and the server answered in plain text: wrapper mode (smtp_tls_wrappermode = yes, meant for port 465, where TLS starts at the first byte) used toward a port that speaks plain SMTP first and offers STARTTLS (587, 25), or a device in the path that answers port 25 itself; every delivery there is deferred with Cannot start TLS: handshake failure",
		OutboundFix:   "match the mode to the next hop's port: for 587 (or 25) leave smtp_tls_wrappermode = no and use STARTTLS (smtp_tls_security_level = encrypt for a relay that gets a password); for port 465 write the relayhost with :465 and set smtp_tls_wrappermode = yes there, in a master.cf transport of its own or in main.cf only when all mail goes through that relay (wrapper mode breaks delivery to every port 25 server); openssl s_client -connect HOST:PORT shows TLS at once on 465, and openssl s_client -starttls smtp -connect HOST:PORT works on 587; postconf relayhost smtp_tls_wrappermode smtp_tls_security_level and postconf -P show the values in force; then postfix reload and postqueue -f"},
	{ID: "tls_library_problem", Match: []string{"tls library problem"}, Class: ClassTLS, Hint: "tls", Calm: true, Noise: true,
		Cause: "OpenSSL reported an error during a handshake; the text after it names the cause (on the server side unexpected eof, wrong version number and http request are clients and scanners hanging up or speaking something else, all day)",
		Fix:   "read the OpenSSL reason; our own certificate or key trouble logs its own warning (cannot get certificate or private key, no shared cipher), and deliveries that need TLS show their failure in their status"},

	// --- Inbound policy that delays or rejects senders.
	{ID: "postscreen_after_greet", Reply: true, Match: []string{"450 4.3.2 service currently unavailable"}, Class: ClassGreylist, Hint: "greylisting", Side: "inbound", Calm: true, Noise: true,
		Cause:  "postscreen's after-greeting tests (pipelining, non-SMTP command, bare newline) make every new client come back: the first connection gets 450 4.3.2 and only its retry can reach smtpd, like greylisting",
		Fix:    "legitimate senders retry; to stop the delay, turn the after-greeting tests off or whitelist large senders",
		Params: []string{"postscreen_pipelining_enable", "postscreen_non_smtp_command_enable", "postscreen_bare_newline_enable", "postscreen_access_list"}},
	{ID: "greylisted_inbound", Reply: true, Match: []string{"greylist"}, Class: ClassGreylist, Hint: "greylisting", Side: "inbound", Calm: true, Noise: true,
		Cause: "our greylisting policy delays new senders", Fix: "nothing to change unless senders complain; whitelist senders that retry from many IPs"},
	// postgrey answers with its --greylist-text, which installations set
	// to words of their own ("Delayed by Postgrey"); smtpd's reason then
	// names postgrey rather than greylisting.
	{ID: "greylisted_inbound_postgrey", Reply: true, Match: []string{"postgrey", "rejected: "}, Class: ClassGreylist, Hint: "greylisting", Side: "inbound", Calm: true, Noise: true,
		Cause: "our greylisting policy (postgrey, with a reply text of this site's choosing) delays new senders", Fix: "nothing to change unless senders complain; whitelist senders that retry from many IPs"},
	// reject_unknown_client_hostname and reject_unknown_reverse_client_hostname
	// (smtpd_check.c) for a private or loopback client: no sender on the
	// Internet has such an address, so smtpd sees a gateway's or proxy's
	// address in place of the senders', or refuses a host of this site.
	{ID: "reverse_hostname_private_client", Reply: true, PrivateClient: true, Match: []string{"cannot find your"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "clients with private addresses are refused for their reverse hostname: smtpd does not see the senders' own",
		Cause:  "smtpd refused a client whose address is private or loopback because it has no reverse hostname (reject_unknown_client_hostname, reject_unknown_reverse_client_hostname): a private address has none in public DNS, so when it is a container bridge's gateway, a load balancer or NAT in front of Postfix, every outside sender is refused alike; or a host of this site is checked as if it came from outside",
		Fix:    "if the address is a gateway's or proxy's, make the real client address reach Postfix (host networking or Docker's userland-proxy off, or the PROXY protocol with postscreen_upstream_proxy_protocol / smtpd_upstream_proxy_protocol); never add that gateway to mynetworks, which would let every outside sender relay; if it is a host of this site, permit it (permit_mynetworks, permit_sasl_authenticated) before the reverse-hostname restriction",
		Params: []string{"smtpd_client_restrictions", "smtpd_recipient_restrictions", "mynetworks", "smtpd_upstream_proxy_protocol", "postscreen_upstream_proxy_protocol"}},
	{ID: "unknown_client_hostname", Reply: true, Match: []string{"cannot find your"}, Class: ClassReverseDNS, Hint: "reverse_dns", Side: "inbound", Calm: true, Noise: true,
		Cause:  "we reject clients whose IP has no (or no matching) reverse hostname; Postfix words a reverse lookup that failed in this host's resolver the same way",
		Fix:    "nothing for a few bots; reject_unknown_client_hostname also rejects legitimate senders with broken DNS, and reject_unknown_reverse_client_hostname is milder; when large providers' servers are refused too, test this host's resolver: dig -x ADDRESS from here (and from inside the container or chroot) must give the sender's name, and no answer means the resolver, not the senders, needs repair; a device or mail program of this site refused so (a printer or scanner sending its scans, a mail client, an office behind NAT) is sending to port 25 without a login: have it submit on 587 (STARTTLS) or 465 with an account's login, as mail programs must, rather than weakening the restriction for every client",
		Params: []string{"smtpd_client_restrictions", "smtpd_recipient_restrictions"}},
	// An SPF check can only fail for a private or loopback client: no
	// public SPF record names such an address. policyd-spf words a Fail
	// "SPF fail - not authorized" and a Softfail it rejects (HELO_reject,
	// Mail_From_reject) by the Softfail's comment.
	{ID: "spf_fail_private_client", Reply: true, PrivateClient: true, Match: []string{"spf fail"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title: spfPrivateTitle, Cause: spfPrivateCause, Fix: privateClientFix, Params: privateClientParams},
	{ID: "spf_softfail_private_client", Reply: true, PrivateClient: true, Match: []string{"domain owner discourages use of this host"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title: spfPrivateTitle, Cause: spfPrivateCause, Fix: privateClientFix, Params: privateClientParams},
	// OpenDKIM's own line for a key it could not fetch (opendkim.c,
	// dkimf_libstatus: "key retrieval failed (s=SEL, d=DOMAIN): ERROR"):
	// a timeout is its resolver's, a key the signer does not publish
	// ("record not found") is the signer's and no matter of this site.
	{ID: "opendkim_key_query_timeout", Agent: "checker", Program: "opendkim", Match: []string{"key retrieval failed", "query timed out"}, Class: ClassDNS, Hint: "dns", Side: "inbound", Calm: true,
		Title:  "OpenDKIM's key lookups time out",
		Cause:  "OpenDKIM could not fetch signers' public keys from DNS in time, so their signatures go unverified (and OpenDMARC, after it, sees no DKIM result): its resolver does not answer (OpenDKIM queries the servers its Nameservers option names, or its own resolver, not always those of /etc/resolv.conf, and a firewall or a container's network may block them); one or two are a slow signer, many mean the resolver",
		Fix:    "query a key as OpenDKIM does (dig TXT SELECTOR._domainkey.DOMAIN against the servers opendkim.conf's Nameservers names, or the resolver in /etc/resolv.conf, from where OpenDKIM runs); set Nameservers to a resolver this host reaches, let its queries out (DNS over UDP and TCP port 53 through the host's or the container's firewall), and keep On-DNSError at tempfail so senders retry",
		Params: []string{"smtpd_milters"}},
	// The same refusals of a client on the Internet: an ordinary verdict,
	// mostly on forgeries, whose legitimate victims (forwarded and list
	// mail) are policyd-spf's settings to weigh, never a blocklist's.
	{ID: "spf_fail_reject", Reply: true, Match: []string{"spf fail"}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title: spfRejectTitle, Cause: spfRejectCause, Fix: spfRejectFix, Params: spfRejectParams},
	{ID: "spf_softfail_reject", Reply: true, Match: []string{"domain owner discourages use of this host"}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title: spfRejectTitle, Cause: spfRejectCause, Fix: spfRejectFix, Params: spfRejectParams},
	// OpenDMARC's reply when RejectFailures refuses a message
	// (opendmarc.c: "rejected by DMARC policy for DOMAIN"), which cleanup
	// logs as a milter-reject. From a private client it is the SPF case
	// above: SPF cannot pass, so only an aligned DKIM signature saves a
	// message.
	{ID: "dmarc_reject_private_client", Reply: true, PrivateClient: true, Match: []string{"milter-reject: ", "rejected by dmarc policy for "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "OpenDMARC refuses mail from clients with private addresses: smtpd does not see the senders' own",
		Cause:  "OpenDMARC refused mail from a client whose address is private or loopback: SPF cannot pass for such an address, so every sender whose domain publishes p=reject and whose DKIM signature does not align and verify here is refused; smtpd does not see the senders' own addresses (a container's published port, a load balancer or NAT in front of Postfix puts its own address in their place), or a host of this site is checked as if it came from outside",
		Fix:    privateClientFix + "; OpenDMARC's IgnoreHosts lists this site's own hosts",
		Params: append([]string{"smtpd_milters"}, privateClientParams...)},
	{ID: "dmarc_reject", Reply: true, Match: []string{"milter-reject: ", "rejected by dmarc policy for "}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title:  "OpenDMARC refuses mail that fails the sender domain's DMARC policy",
		Cause:  "OpenDMARC (RejectFailures true) refused a message whose From domain publishes p=reject and which passed neither an aligned SPF check nor an aligned DKIM signature here: forgeries mostly; legitimate mail fails too when OpenDMARC did not get the SPF result (it does not trust a policy service's Received-SPF header), when OpenDKIM runs after it or under another authserv-id, and when a forwarder or mailing list changed the message (its DKIM signature breaks and the forwarder's address fails SPF)",
		Fix:    "read the opendmarc and opendkim lines of the refused queue id; if legitimate mail is among them: in opendmarc.conf set SPFSelfValidate true (and SPFIgnoreResults true) so OpenDMARC checks SPF itself, list OpenDKIM before OpenDMARC in smtpd_milters and name this host's authserv-id in TrustedAuthservIDs, and for lists and forwarders that break signatures rely on their ARC seals or exempt them (IgnoreHosts); RejectFailures false makes OpenDMARC mark failures instead of refusing them; adding senders to mynetworks is no fix",
		Params: []string{"smtpd_milters", "non_smtpd_milters"}},
	// OpenDKIM's replies when its On-BadSignature, On-NoSignature or
	// On-SignatureError action is reject (opendkim.c, dkimf_libstatus), and
	// when a key lookup fails under On-DNSError or On-KeyNotFound.
	{ID: "dkim_key_retrieval_reject", Reply: true, Match: []string{"milter-reject: ", "dkim key retrieval failed"}, Class: ClassDNS, Hint: "dns", Side: "inbound", Calm: true,
		Title:  "OpenDKIM refuses mail whose signing key it cannot fetch",
		Cause:  "OpenDKIM could not fetch the signer's public key from DNS and refused the message (On-DNSError or On-KeyNotFound): its resolver does not answer in time (OpenDKIM queries the servers its Nameservers option names, or its own resolver, not always those of /etc/resolv.conf, and a firewall or a container's network may block them) or the signer publishes no key",
		Fix:    "query the key as OpenDKIM does (dig TXT SELECTOR._domainkey.DOMAIN against the servers opendkim.conf's Nameservers names, or the resolver in /etc/resolv.conf); set Nameservers to a resolver this host reaches, and make On-DNSError tempfail so the sender retries rather than a refusal",
		Params: []string{"smtpd_milters"}},
	{ID: "dkim_signature_reject", Reply: true, Match: []string{"milter-reject: ", "dkim signature "}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title:  "OpenDKIM refuses mail whose DKIM signature does not verify",
		Cause:  "OpenDKIM refused a message at end of data because its DKIM signature did not verify, was malformed or missing (On-BadSignature, On-SignatureError or On-NoSignature reject): signatures break on legitimate mail that a mailing list or forwarder changed, that a sender signed badly, or whose long lines were folded on the way, and much legitimate mail is not signed at all",
		Fix:    "in opendkim.conf keep On-BadSignature and On-NoSignature at accept (the defaults) and leave the verdict to DMARC (OpenDMARC refuses only what the sender's own policy asks for) and to spam scoring; a signature that breaks for one sender only is that sender's to fix",
		Params: []string{"smtpd_milters"}},
	// reject_unauth_destination's reply (smtpd_check.c): the client may
	// not relay, which is right for strangers and wrong for this site's
	// own hosts and applications.
	{ID: "relay_access_denied", Reply: true, KnownClient: true, Match: []string{"relay access denied"}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title:       "clients neither in mynetworks nor logged in are refused relaying",
		Cause:       "smtpd refused to relay to a domain it does not serve (reject_unauth_destination): the client is neither in mynetworks nor logged in; strangers probing for an open relay get this all day, and this site's own hosts, applications and containers get it when they send without SMTP AUTH from an address mynetworks does not list",
		Fix:         "if the client is your own: have it log in on the submission port (587 with STARTTLS, or 465), as mail clients and webmail must (a user's home or mobile address is dynamic and never belongs in mynetworks), or, for a server of yours at a fixed address, add that address as smtpd sees it to mynetworks; if the recipient's domain is one this server should take mail for, list it in mydestination, virtual_mailbox_domains or relay_domains; strangers need nothing (never widen mynetworks for them)",
		LoopbackFix: "the client is this host itself (localhost, 127.0.0.1 or ::1), which Postfix's default mynetworks always holds: mynetworks as set leaves loopback out; an IPv4-only list (127.0.0.0/8, even 0.0.0.0/0) does not cover the IPv6 loopback [::1]/128, over which a program that connects to localhost often arrives: add 127.0.0.0/8 and [::1]/128 to mynetworks (nothing wider), or have the program connect to 127.0.0.1, or let it log in",
		Params:      []string{"mynetworks", "smtpd_relay_restrictions", "mydestination", "virtual_mailbox_domains", "relay_domains"}},
	// The generic reply of smtpd_check.c: a bare "reject" in a restriction
	// list, or an access table's REJECT without text ("<%s>: %s rejected:
	// Access denied"). Deliberate for what a table lists; for a domain a
	// backup MX or gateway takes, its recipient restrictions ran out of
	// permits, often at permit_mx_backup, which declines unless this host
	// is a lower-preference MX of the domain.
	{ID: "restriction_access_denied", Reply: true, KnownClient: true, Match: []string{"rejected: access denied"}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title:         "a restriction refuses with the generic Access denied",
		Cause:         "smtpd refused the client, HELO name, sender or recipient with Postfix's generic reply: a restriction list reached a bare reject, or an access table (check_client_access, check_helo_access, check_sender_access, check_recipient_access) answered REJECT without text; that is deliberate for what a table lists, but on a backup MX or mail gateway it means the recipient restrictions ran out of permits for a domain this host should take: permit_mx_backup declines when no MX record of the domain names this host or when it is among the best-preference MX hosts",
		SubmissionFix: "on a submission service a Client host Access denied is its master.cf -o smtpd_client_restrictions=permit_sasl_authenticated,reject (or $mua_client_restrictions): the client did not log in; turn on authentication for the outgoing server in the mail program or application (user name and password, over STARTTLS on 587 or SSL/TLS on 465); when it did try, its SASL authentication failed lines on the same service say why; do not add the user's address to mynetworks nor drop the reject, which opens the port to everyone; the same reply at another stage (Sender address, Recipient address) is a restriction of that service: postconf -P shows its -o overrides, and postmap -q tests an address against their access tables",
		Fix:           "the word before rejected names the stage (Client host, Helo command, Sender address, Recipient address): postconf that stage's smtpd_*_restrictions and test the client, name or address against each access table there (postmap -q KEY TYPE:TABLE); for a domain this host is backup MX or gateway for, list it in relay_domains (with relay_recipient_maps) rather than relying on permit_mx_backup, and give this host a higher MX preference number than the primary's",
		Params:        []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_sender_restrictions", "smtpd_client_restrictions", "smtpd_helo_restrictions", "relay_domains", "permit_mx_backup_networks"}},
	// reject_unauthenticated_sender_login_mismatch (and the unauthenticated
	// half of reject_sender_login_mismatch): a sender address with an
	// owner in smtpd_sender_login_maps, from a client that did not log in.
	{ID: "sender_not_logged_in", Reply: true, Match: []string{"sender address rejected: not logged in"}, Class: ClassOther, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true,
		Title:  "clients that did not log in are refused this site's sender addresses",
		Cause:  "smtpd refused a client that did not log in but used a sender address smtpd_sender_login_maps gives an owner (reject_sender_login_mismatch): forgery from outside, or this site's own host, application or container sending without SMTP AUTH",
		Fix:    "if the client is your own: have it log in, or list its address in mynetworks and put permit_mynetworks before the login-mismatch check in smtpd_sender_restrictions; strangers using your domain need nothing",
		Params: []string{"smtpd_sender_restrictions", "smtpd_sender_login_maps", "mynetworks"}},
	// reject_sender_login_mismatch, reject_authenticated_sender_login_mismatch
	// and reject_known_sender_login_mismatch (smtpd_check.c): the client
	// logged in, and smtpd_sender_login_maps gives the sender address no
	// owner of that login name. Only this site's own accounts get here, so
	// it is no everyday noise: not Calm.
	{ID: "sender_login_mismatch", Reply: true, Match: []string{"sender address rejected: not owned by user"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "logged-in users are refused sender addresses the sender login map does not give them",
		Cause:  "smtpd refused a client that logged in (SASL) because smtpd_sender_login_maps does not list its login name as an owner of the sender address (reject_sender_login_mismatch or its authenticated variant): a user or application of this site sending as an alias, a shared, role or no-reply address, or as a new account whose address an older alias still gives to someone else; the login name is the one after 'not owned by user'",
		Fix:    "look the sender address up in each table of smtpd_sender_login_maps (postmap -q ADDRESS TABLE, or postmap -q ADDRESS mysql:FILE for SQL): the result must contain the login name exactly as the client logs in (sasl_username, with or without the domain); add that login for the address (an alias owned by several users lists them separated by commas, and a query that reads only mailboxes must also read the aliases the user may send as), or set the client to send with its own address; keep the restriction for everyone else",
		Params: []string{"smtpd_sender_login_maps", "smtpd_sender_restrictions", "smtpd_relay_restrictions", "smtpd_recipient_restrictions"}},
	// smtpd_peer.c: the client's PTR name was found, but the lookup of
	// that name's addresses failed for now (EAI_AGAIN): the name's DNS, or
	// this host's resolver, did not answer. A big provider's host always
	// resolves, so for one of those the resolver is this host's.
	{ID: "client_name_lookup_failed", Match: []string{"does not resolve to address", "temporary failure in name resolution"}, Class: ClassNone, Hint: "reverse_dns", Side: "inbound", Calm: true, Noise: true,
		Resolver: "dns", ResolverFix: chrootResolverFix,
		Title:  "clients' reverse names could not be checked: the lookup of their addresses got no answer",
		Cause:  "smtpd found a client's reverse (PTR) name, but looking that name's addresses up failed for now (Temporary failure in name resolution): the name's DNS servers did not answer in time, or this host's resolver did not; smtpd logs the client as unknown for the session, and reject_unknown_client_hostname answers it 450",
		Fix:    "nothing for a few clients, whose DNS is slow; when well-known senders show it too, this host's resolver fails: dig NAME A from here (and from inside the chroot when smtpd is chrooted, whose copy of resolv.conf is under the queue directory)",
		Params: []string{"smtpd_client_restrictions"}},
	{ID: "client_name_mismatch", Match: []string{"does not resolve to address"}, Class: ClassNone, Hint: "dns", Side: "inbound", Calm: true, Noise: true,
		Title:  "clients' reverse names do not resolve back to their addresses: the clients' own DNS, as a rule",
		Cause:  "a client's reverse (PTR) name does not resolve back to its address, so smtpd logs the client as unknown (and reject_unknown_client_hostname refuses it): usually the client's own DNS, everyday for bots; when well-known senders or most clients show it, this host's resolver is at fault",
		Fix:    "nothing for a few clients; when senders with good DNS show it too, check the resolver from here (dig -x ADDRESS, then dig NAME A and AAAA); a name with both IPv4 and IPv6 addresses needs the resolver library to return them all (LINUX_README: multi on in /etc/host.conf, or RESOLV_MULTI=on in import_environment)",
		Params: []string{"smtpd_client_restrictions", "import_environment"}},
	// Postfix before 2.9 (smtpd_peer.c) said the same in other words.
	{ID: "client_name_mismatch", Match: []string{"address not listed for hostname "}, Or: [][]string{{": hostname ", " verification failed: "}}, Class: ClassNone, Hint: "dns", Side: "inbound", Calm: true, Noise: true,
		Title:  "clients' reverse names do not resolve back to their addresses: the clients' own DNS, as a rule",
		Cause:  "a client's reverse (PTR) name does not resolve back to its address, so smtpd logs the client as unknown (and reject_unknown_client_hostname refuses it): usually the client's own DNS, everyday for bots; when well-known senders or most clients show it, this host's resolver is at fault",
		Fix:    "nothing for a few clients; when senders with good DNS show it too, check the resolver from here (dig -x ADDRESS, then dig NAME A and AAAA); a name with both IPv4 and IPv6 addresses needs the resolver library to return them all (LINUX_README: multi on in /etc/host.conf, or RESOLV_MULTI=on in import_environment)",
		Params: []string{"smtpd_client_restrictions", "import_environment"}},
	{ID: "sasl_generic_failure", AuthBackend: true, Match: []string{"authentication failed: generic failure"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "the SASL library could not check the password at all (Cyrus SASL's generic failure: saslauthd, or the auxprop or SQL backend, is not running or not reachable): every login fails, whoever the client is; it is not a wrong password",
		Fix:    "read the SASL warning logged just before it (cannot connect to saslauthd server, a plugin's error), start or repair that backend and test it by hand (testsaslauthd for saslauthd); banning or rate-limiting the client changes nothing",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	// smtpd_sasl_glue.c's "SASL %s authentication failed: %s" with the
	// Cyrus library's reason for SASL_NOMECH: the mechanism the client
	// asked for is not among those the library has (mech_list, plugins),
	// so that client fails whatever its password. Read only for a client
	// of this site (KnownClient): a bot asking for it is one more try.
	{ID: "sasl_mechanism_unavailable", AuthBackend: true, KnownClient: true, Match: []string{"authentication failed: no mechanism available"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Title:  "this site's clients ask for a SASL mechanism smtpd does not have",
		Cause:  "a client of this site (a private address or a name that resolved) asked to log in with a SASL mechanism smtpd's SASL library does not offer: the mechanism plugin is not installed, or the Cyrus configuration for smtpd (mech_list in smtpd.conf under cyrus_sasl_config_path) leaves it out, or smtpd_sasl_security_options excludes it; that client fails every login whatever its password, and its failed logins are not password guessing",
		Fix:    "compare the mechanism on the line with the AUTH line smtpd offers (EHLO on the submission port after STARTTLS): with Cyrus, install the plugins (libsasl2-modules on Debian and Ubuntu, cyrus-sasl-plain on Red Hat, cyrus-sasl-login on Alpine) and list the mechanism in smtpd.conf's mech_list (e.g. mech_list: PLAIN LOGIN); or set the client to a mechanism the AUTH line lists (PLAIN or LOGIN over TLS); do not ban the client",
		Params: []string{"smtpd_sasl_type", "cyrus_sasl_config_path", "smtpd_sasl_security_options", "smtpd_sasl_tls_security_options"}},
	{ID: "sasl_auth_failed", FailedLogin: true, Match: []string{"authentication failed:", "sasl "}, Class: ClassOther, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:         "clients fail to log in: on a server reachable from the Internet mostly bots guessing passwords, otherwise a user with an old password",
		Fix:           "offer AUTH only on the submission ports (smtpd_sasl_auth_enable = yes as -o in master.cf, not in main.cf for port 25); cap guesses with smtpd_client_auth_rate_limit or fail2ban; check that no account logged in from these clients (sasl_username= on their client= lines)",
		SubmissionFix: "these lines come from a submission service, where AUTH belongs: cap guesses with smtpd_client_auth_rate_limit or fail2ban; check that no account logged in from these clients (sasl_username= on their client= lines)",
		Params:        []string{"smtpd_sasl_auth_enable", "smtpd_client_auth_rate_limit"}},
	// smtpd's own summary of sessions that end without mail (smtpd.c):
	// password guessing and scanners, all day on any public server.
	{ID: "auth_error_limit", FailedLogin: true, Program: "smtpd", Match: []string{"too many errors after auth"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:         "a client kept failing AUTH until smtpd_hard_error_limit ended its session: password guessing",
		Fix:           "offer AUTH only on the submission ports (smtpd_sasl_auth_enable = yes as -o in master.cf, not in main.cf for port 25); cap guesses with smtpd_client_auth_rate_limit or fail2ban; check that no account logged in from these clients (sasl_username= on their client= lines)",
		SubmissionFix: "these lines come from a submission service, where AUTH belongs: cap guesses with smtpd_client_auth_rate_limit or fail2ban; check that no account logged in from these clients (sasl_username= on their client= lines)",
		Params:        []string{"smtpd_sasl_auth_enable", "smtpd_client_auth_rate_limit", "smtpd_hard_error_limit"}},
	{ID: "auth_failed_session", FailedLogin: true, Match: []string{"disconnect from", " auth=0/"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:         "sessions in which every AUTH failed (auth=0/N in smtpd's disconnect summary): password guessing; on a port that offers no AUTH smtpd refuses it with 503 and logs no SASL warning, so this summary is the only trace, and no password can be guessed there",
		Fix:           "where AUTH is offered: cap guesses with smtpd_client_auth_rate_limit or fail2ban, and offer it only on the submission ports; where it is not, a ban only saves processes; a mail client or application of this site failing so on port 25 is set to the wrong port: have it log in on 587 (STARTTLS) or 465, and do not turn AUTH on for port 25",
		SubmissionFix: "these lines come from a submission service, where AUTH belongs: cap guesses with smtpd_client_auth_rate_limit or fail2ban; check that no account logged in from these clients (sasl_username= on their client= lines)",
		Params:        []string{"smtpd_sasl_auth_enable", "smtpd_client_auth_rate_limit"}},
	{ID: "lost_after_auth", FailedLogin: true, Match: []string{"lost connection after auth"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:         "clients that hang up right after AUTH: password-guessing tools leave after each failed try",
		Fix:           "cap guesses with smtpd_client_auth_rate_limit or fail2ban; offer AUTH only on the submission ports",
		SubmissionFix: "these lines come from a submission service, where AUTH belongs: cap guesses with smtpd_client_auth_rate_limit or fail2ban; check that no account logged in from these clients (sasl_username= on their client= lines)",
		Params:        []string{"smtpd_sasl_auth_enable", "smtpd_client_auth_rate_limit"}},
	{ID: "lost_after_connect", Match: []string{"lost connection after connect"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:  "clients that connect and hang up before a command: port scanners, TLS probes on the smtps port, and the health checks of a load balancer or monitor (from an address of your own); a burst from one outside client is a flood; many clients at once while the master says the service reached its process limit are senders that gave up waiting",
		Fix:    "nothing for scattered ones; one client that repeats is stopped by smtpd_client_connection_rate_limit (anvil) or postscreen, or banned with fail2ban; with the master's process-limit warning, follow that hint instead",
		Params: []string{"smtpd_client_connection_rate_limit", "smtpd_client_connection_count_limit"}},
	{ID: "lost_after_ehlo", Match: []string{"lost connection after ehlo"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:  "clients that say EHLO and hang up: scanners reading the server's features (AUTH, STARTTLS) before guessing passwords elsewhere",
		Fix:    "nothing for scattered ones; one client that repeats is stopped by smtpd_client_connection_rate_limit (anvil) or postscreen, or banned with fail2ban",
		Params: []string{"smtpd_client_connection_rate_limit"}},
	// smtpd.c alone ends a session so ("too many errors after %s from %s").
	{ID: "hard_error_limit", Program: "smtpd", Match: []string{"too many errors after "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:  "a client's commands were refused or unknown again and again until smtpd_hard_error_limit ended the session: bots and address harvesters; a sender you expect here had its mail refused",
		Fix:    "nothing for bots; for a sender you expect, read its reject lines: they name the restriction that refused it",
		Params: []string{"smtpd_hard_error_limit"}},
	{ID: "improper_pipelining", Match: []string{"improper command pipelining after "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:  "a client sent commands before Postfix's reply (before the greeting, or ahead of its turn without PIPELINING): bots do, and so do some appliances' and scripts' own SMTP code, whose mail reject_unauth_pipelining then refuses",
		Fix:    "nothing for bots; a client of your own must wait for each reply (many tools have a delay or no-pipelining setting), or be permitted before reject_unauth_pipelining (permit_mynetworks, permit_sasl_authenticated first in smtpd_data_restrictions) rather than dropping the restriction for everyone",
		Params: []string{"smtpd_data_restrictions"}},
	{ID: "unauth_pipelining_reject", Reply: true, Match: []string{"improper use of smtp command pipelining"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true,
		Cause:  "reject_unauth_pipelining refused a message because its client sent commands ahead of Postfix's replies: a bot, or an appliance's or script's own SMTP code",
		Fix:    "a client of your own must wait for each reply (many tools have a delay setting), or be permitted before reject_unauth_pipelining (permit_mynetworks, permit_sasl_authenticated first in smtpd_data_restrictions) rather than dropping the restriction for everyone",
		Params: []string{"smtpd_data_restrictions"}},
	{ID: "no_mx_address", Match: []string{"has a valid address record"}, Class: ClassDNS, Hint: "dns", Side: "outbound", Calm: true,
		Cause:  "a destination's MX hosts have no A or AAAA record usable with inet_protocols: their DNS is broken, or this host's inet_protocols excludes the only family they have",
		Fix:    "dig +short MX DOMAIN and the MX hosts' A/AAAA records; a destination with only IPv6 needs inet_protocols = all",
		Params: []string{"inet_protocols", "smtp_address_preference"}},
	// reject_unknown_recipient_domain words its refusal as the sender
	// check does; placed first, as the sender entry's words are in it.
	{ID: "recipient_domain_not_found", Reply: true, Match: []string{"recipient address rejected: domain not found"}, Class: ClassDNS, Hint: "dns", Side: "inbound", Calm: true, Noise: true,
		Title:  "recipients' domains are not found in DNS: mistyped or made-up ones, as a rule; this host's resolver when large providers' domains fail too",
		Cause:  "smtpd could not resolve the recipient's domain (reject_unknown_recipient_domain): a user's typo or a spammer's made-up address, unless large providers' domains fail too, when our resolver is broken",
		Fix:    "nothing for a few recipients; when large providers' domains fail too, check the resolver: dig +short MX gmail.com from this host (and inside the chroot, the queue directory's etc/resolv.conf)",
		Params: []string{"smtpd_recipient_restrictions"}},
	{ID: "sender_domain_not_found", Reply: true, Match: []string{"domain not found"}, Class: ClassDNS, Hint: "dns", Side: "inbound", Calm: true, Noise: true,
		Title:  "senders' domains are not found in DNS: forged ones, as a rule; this host's resolver when large providers' domains fail too",
		Cause:  "smtpd could not resolve the sender's domain (reject_unknown_sender_domain): when large providers' domains fail too, our resolver is broken",
		Fix:    "nothing for a few senders: spammers forge domains that do not exist; when large providers' domains fail too, check the resolver: dig +short MX gmail.com from this host (and inside the chroot, the queue directory's etc/resolv.conf)",
		Params: []string{"smtpd_sender_restrictions"}},
	// reject_unknown_helo_hostname words a name that does not exist and a
	// lookup that failed alike (450 Host not found, smtpd_check.c): most
	// often the client's own DNS, so it is the client-DNS refusals' hint,
	// and the fix says how to tell our resolver's failure apart.
	{ID: "helo_host_not_found", Reply: true, Match: []string{"rejected: host not found"}, Class: ClassDNS, Hint: "reverse_dns", Side: "inbound", Calm: true, Noise: true,
		Resolver: "dns", ResolverFix: chrootResolverFix,
		Title:  "clients are refused for a HELO name without DNS records",
		Cause:  "smtpd found no A, AAAA or MX record for the name a client gave in HELO (reject_unknown_helo_hostname): bots give made-up names all day, and some legitimate senders' mail platforms announce internal names; Postfix logs the same words when this host's resolver fails",
		Fix:    "nothing for bots' made-up names; for a sender you expect, dig +short A of a rejected sender's HELO name from this host: no answer means the sender's name is broken, and reject_unknown_helo_hostname is refusing its mail (permit that name with check_helo_access before it, or drop the check); an answer means this host's resolver failed (check resolv.conf, and a chrooted smtpd's copy under the queue directory)",
		Params: []string{"smtpd_helo_restrictions"}},
	// smtpd_check.c's and trivial-rewrite's "User unknown in ... table":
	// this host believes it is the final destination for the domain.
	// Guessed addresses bring these all day; when real users are among
	// them, the domain is listed in the wrong place.
	{ID: "unknown_local_recipient", Reply: true, Match: []string{"unknown in local recipient table"}, Class: ClassRecipient, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true, StaleRefuses: true,
		Title:  "recipients refused as unknown by this host's own tables",
		Cause:  "smtpd refused a recipient in a domain this host delivers itself (mydestination, or its own names and addresses) because no local user or alias has it: normal for mistyped and guessed addresses; when real users are refused, the domain is listed in mydestination where it does not belong",
		Fix:    "nothing for guessed addresses; if this host only sends or relays for the domain, mydestination must not list it (a send-only host keeps mydestination = localhost, and myhostname is then not the bare domain); if the users are virtual mailboxes, the domain belongs in virtual_mailbox_domains instead",
		Params: []string{"mydestination", "myhostname", "local_recipient_maps"}},
	{ID: "unknown_virtual_mailbox", Reply: true, Match: []string{"unknown in virtual mailbox table"}, Class: ClassRecipient, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true, StaleRefuses: true,
		Title:  "recipients refused as unknown by this host's own tables",
		Cause:  "smtpd refused a recipient in a virtual_mailbox_domains domain that virtual_mailbox_maps does not list: normal for mistyped and guessed addresses; when real users are refused, the map is stale or its query wrong, or the domain is listed here although its mail is hosted elsewhere (then local senders' mail to it is refused too)",
		Fix:    "nothing for guessed addresses; for a real user, test the map (postmap -q user@domain TYPE:TABLE) and rebuild it; a domain whose mail another server receives must not be in virtual_mailbox_domains (or the mail panel's domain list)",
		Params: []string{"virtual_mailbox_domains", "virtual_mailbox_maps"}},
	{ID: "unknown_relay_recipient", Reply: true, Match: []string{"unknown in relay recipient table"}, Class: ClassRecipient, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true, StaleRefuses: true,
		Title:  "recipients refused as unknown by this host's own tables",
		Cause:  "smtpd refused a recipient in a relay_domains domain (a backup MX, a filtering gateway) that relay_recipient_maps does not list: normal for mistyped and guessed addresses; when real users are refused, the table is stale, its query wrong, or it lists a domain's users while the domain's option to relay every address (@domain) is missing",
		Fix:    "nothing for guessed addresses; for a real user, test the table (postmap -q user@domain TYPE:TABLE) and rebuild it from the mailbox server's user list, or list @domain to accept every address while the primary checks them; keep relay_recipient_maps set: a gateway without it accepts every address and later bounces the mail for the unknown ones to senders that are mostly forged (backscatter)",
		Params: []string{"relay_domains", "relay_recipient_maps"}},
	{ID: "unknown_virtual_alias", Reply: true, Match: []string{"unknown in virtual alias table"}, Class: ClassRecipient, Hint: HintConfigError, Side: "inbound", Calm: true, Noise: true, StaleRefuses: true,
		Title:  "recipients refused as unknown by this host's own tables",
		Cause:  "a recipient in a virtual_alias_domains domain has no entry in virtual_alias_maps: normal for mistyped and guessed addresses; when real users are refused, the alias map is stale or its query wrong, or the domain is listed as an alias domain although it has mailboxes (it belongs in virtual_mailbox_domains) or is hosted elsewhere",
		Fix:    "nothing for guessed addresses; for a real user, test the map (postmap -q user@domain TYPE:TABLE) and rebuild it, and check that the domain is listed in the right one of virtual_alias_domains and virtual_mailbox_domains",
		Params: []string{"virtual_alias_domains", "virtual_alias_maps", "virtual_mailbox_domains"}},

	// --- LMTP delivery to this site's mailbox server (Dovecot, Cyrus):
	// read only in lmtp(8)'s delivery reasons (Agent), where "said: "
	// starts the server's reply. Dovecot's replies are lmtp-local.c's.
	{ID: "lmtp_over_quota", ManyRecipients: manyFullMailboxes, Agent: "lmtp", Match: []string{"said: ", ".2.2 "}, Class: ClassRecipient, Hint: HintMailbox, Side: "host", Calm: true,
		Cause:  "the mailbox server refuses mail for a recipient whose mailbox is over its quota (X.2.2: Dovecot answers 552 5.2.2 and the mail bounces, or 452 4.2.2 with quota_full_tempfail = yes and it waits in the queue until maximal_queue_lifetime)",
		Fix:    "nothing to change in Postfix: the user deletes or archives mail, or the quota is raised where the mailbox server keeps it (doveadm quota get -u USER; doveadm quota recalc -u USER when the figure looks wrong); mailbox_size_limit and virtual_mailbox_limit do not apply to LMTP delivery",
		Params: []string{"maximal_queue_lifetime"}},
	{ID: "lmtp_user_unknown", Agent: "lmtp", Match: []string{"said: ", "5.1.1 "}, Class: ClassRecipient, Hint: HintMailbox, Side: "host",
		Cause:  "the mailbox server does not know a recipient Postfix already accepted: the recipients smtpd checks (virtual_mailbox_maps, local_recipient_maps) and the mailbox server's user database disagree, so Postfix bounces afterwards, and a bounce to a forged sender is backscatter",
		Fix:    "let smtpd reject unknown recipients at RCPT time: build virtual_mailbox_maps from the same user database the mailbox server uses (the same SQL or LDAP query), or add reject_unverified_recipient; remove a user from both places together",
		Params: []string{"virtual_mailbox_maps", "local_recipient_maps", "smtpd_recipient_restrictions"}},
	{ID: "lmtp_user_concurrency", Agent: "lmtp", Match: []string{"said: ", "too many concurrent deliveries"}, Class: ClassOther, Hint: HintMailbox, Side: "host", Calm: true,
		Cause: "Dovecot defers a recipient that already has lmtp_user_concurrency_limit deliveries in progress (a burst to one mailbox): Postfix retries after minimal_backoff_time",
		Fix:   "nothing to do for a few; for a mailbox that always gets bursts (a list archive, a shared inbox), raise lmtp_user_concurrency_limit in Dovecot rather than lowering Postfix's concurrency for everyone"},
	{ID: "lmtp_sieve_failure", Agent: "lmtp", Match: []string{"said: ", "sieve "}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Cause: "the mailbox server's Sieve filtering of the recipient failed (Dovecot: \"Execution of Sieve filters was aborted due to temporary failure\"): a user's or a global script that does not compile, a redirect or vacation reply the server cannot send, a sieve directory it cannot read; Postfix keeps the mail and retries",
		Fix:   "read the mailbox server's log for that user at that time (doveadm log errors; the script's .log beside it): it names the script and the action that failed; fix the script or what its redirect needs (the submission service it sends through), then postqueue -f"},
	{ID: "lmtp_internal_error", Agent: "lmtp", Match: []string{"said: ", " internal "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the mailbox server failed while taking the mail (Dovecot's \"Temporary internal error\" or \"Temporary internal failure\"): its user database lookup, the mail directory's owner or permissions, a full disk or a corrupt index; Postfix keeps the mail and retries",
		Fix:   "read the mailbox server's log at that time (doveadm log errors, or journalctl -u dovecot): it names the user and the cause"},
	// LMTP answers DATA with 354 and gives its 2XX replies after the
	// message: a 2XX reply "in reply to DATA" is one meant for an earlier
	// pipelined command, read out of step.
	{ID: "lmtp_reply_out_of_step", Agent: "lmtp", Match: []string{"said: 2", "(in reply to data command)"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "the mailbox server answered DATA with a 2XX reply, which LMTP gives only after the message: its replies are out of step with the commands Postfix pipelined, so the reply Postfix read belongs to an earlier command and the server's real answer, often an error of its own, was lost; Postfix then bounces or defers mail the server never took",
		Fix:   "read the mailbox server's log at that time for the error it reported first (Cyrus lmtpd: its databases, e.g. too many lockers; Dovecot: doveadm log errors) and fix that; to see the session, add -v to the lmtp service in master.cf for a while"},
	// EACCES on connect (smtp_connect.c's "connect to %s[%s]: %m"; for a
	// UNIX-domain next hop the path in brackets, which matching blanks as
	// a name): the path was found, as the client sees it, chrooted or
	// not, and its permissions keep the client's user out.
	{ID: "lmtp_socket_denied", Agent: "lmtp", Severe: true, Match: []string{"connect to ", "permission denied"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the LMTP socket the transport names is there, but the lmtp client, which runs as the mail_owner user (postfix), may not connect to it: the socket's owner, group or mode, or a directory above it, leaves that user out (the mailbox server's listener left at its default user and mode, or changed by an upgrade); the path was found, so neither a stopped server nor the chroot is the cause, and every delivery through the socket waits in the queue (for a TCP next hop, host:port, a security policy refused the connection: SELinux)",
		Fix:    "give the socket to the postfix user in the mailbox server's configuration, for Dovecot service lmtp { unix_listener /var/spool/postfix/private/dovecot-lmtp { user = postfix group = postfix mode = 0600 } } for lmtp:unix:private/dovecot-lmtp (a path relative to the queue directory), then reload Dovecot (systemctl reload dovecot) and postqueue -f; a socket outside the queue directory (lmtp:unix:/run/dovecot/lmtp) needs the same user, group and mode in its own unix_listener, and search permission for postfix on each directory above it (namei -l on the path shows them); the chroot column needs no change, since the client found the path; on SELinux, ausearch -m avc -ts recent shows a denial",
		Params: []string{"virtual_transport", "mailbox_transport", "local_transport", "transport_maps", "mail_owner"}},
	{ID: "lmtp_socket_missing", Agent: "lmtp", Severe: true, Match: []string{"connect to ", "no such file or directory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the LMTP socket the transport names does not exist: the mailbox server (dovecot) is not running, or it listens on another path (a chrooted lmtp resolves private/... under the queue directory)",
		Fix:    "start dovecot (systemctl status dovecot) and give its lmtp unix_listener the path the transport names, e.g. lmtp:unix:private/dovecot-lmtp needs unix_listener /var/spool/postfix/private/dovecot-lmtp { user = postfix group = postfix mode = 0600 }",
		Params: []string{"virtual_transport", "mailbox_transport", "local_transport", "transport_maps"}},
	{ID: "lmtp_lost_connection", Agent: "lmtp", Match: []string{"lost connection with "}, Class: ClassLostConnection, Hint: HintDaemonCrash, Side: "host", Calm: true,
		Cause: "the mailbox server closed the LMTP session: its lmtp process crashed or was killed, or it is restarting; Postfix retries",
		Fix:   "read the mailbox server's log at that time (doveadm log errors): a crash, the OOM killer, or service lmtp's process or client limit"},
	{ID: "lmtp_timeout", Agent: "lmtp", Match: []string{"conversation with ", "timed out while"}, Class: ClassLostConnection, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the mailbox server did not answer in time: slow storage, a lock held by another process, a slow sieve script or full-text indexing; after the end of data the mail may be delivered twice",
		Fix:    "find the slow step in the mailbox server's log and the disk (iostat -x 5) before raising the lmtp timeouts",
		Params: []string{"lmtp_data_done_timeout", "lmtp_data_xfer_timeout"}},
	// --- Dovecot's own lines (Agent "dovecot"): it logs to the mail
	// facility beside Postfix, and what stops its lmtp or dovecot-lda
	// stops local delivery. Written from Dovecot's messages
	// (service-process.c, service-monitor.c, auth-master.c, mail storage
	// errors), read from their level on.
	{ID: "dovecot_lmtp_vsz_limit", Agent: "dovecot", Match: []string{"out of memory (service lmtp {", "vsz_limit="}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Cause:  "Dovecot's lmtp process ran out of the address space its service may use (vsz_limit) and was killed while it took a message: a large message (near message_size_limit), a big mailbox index or full-text indexing; Postfix's lmtp loses the session and retries, and the same message fails again",
		Fix:    "raise the limit for Dovecot's lmtp in its configuration (service lmtp { vsz_limit = 1G }, or default_vsz_limit; doveconf -n shows the value in force) and reload Dovecot; keep message_size_limit below what the mailbox server can take; this is not a Postfix process limit, and more Postfix processes change nothing",
		Params: []string{"message_size_limit"}},
	{ID: "dovecot_lmtp_process_limit", Agent: "dovecot", Match: []string{"service(lmtp): ", "_limit (", ") reached"}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Cause:  "Dovecot's lmtp service had all the processes or connections its process_limit or client_limit allows, and dropped the connections past them: Postfix's lmtp deliveries break off or time out and wait in the queue",
		Fix:    "let Dovecot take as many LMTP connections as Postfix opens: raise service lmtp { process_limit } above the maxproc of the lmtp transport in master.cf (default_process_limit when it is -), or lower that maxproc (or lmtp_destination_concurrency_limit) to what the mailbox server can serve; doveconf -n shows Dovecot's values",
		Params: []string{"default_process_limit", "lmtp_destination_concurrency_limit"}},
	{ID: "dovecot_auth_client_limit", Agent: "dovecot", AuthBackend: true, Match: []string{"service(auth): ", "_limit (", ") reached"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "Dovecot's auth service had as many clients as its client_limit allows and dropped the rest: every smtpd process that offers SASL keeps a connection to it, beside the IMAP and POP3 logins, so at busy times smtpd's logins fail although the passwords are right",
		Fix:    "raise service auth { client_limit } in Dovecot's configuration to at least the smtpd processes (the smtpd and submission entries' maxproc in master.cf, default_process_limit for -) plus Dovecot's own login processes; Dovecot's startup warning \"client_limit ... is lower than required\" gives the figure",
		Params: []string{"default_process_limit"}},
	// A login process turning a client away at mail_max_userip_connections
	// (login-common; logged at Dovecot's info level and read by its start,
	// dovecotLimitNotice).
	{ID: "dovecot_userip_limit", Agent: "dovecot", Match: []string{"maximum number of connections from user+ip exceeded"}, Class: ClassOther, Hint: HintMailbox, Side: "inbound",
		Title: "Dovecot turns IMAP or POP3 logins away: a user has too many connections from one address (mail_max_userip_connections)",
		Cause: "Dovecot refused a login because that user already had mail_max_userip_connections connections (10 by default, counted per protocol) open from the same address: several devices or mail programs behind one NAT (an office, a phone and a desktop at home), a shared mailbox many people open, or a client that opens a connection per folder it watches (IDLE) or leaves old ones open; the mail program fails or hangs while mail delivery goes on",
		Fix:   "find the user and the address in the lines (user=, rip=) and what holds the connections (doveadm who USER); when many devices share one address, raise the limit for that protocol in Dovecot's configuration (protocol imap { mail_max_userip_connections = 30 }), check it with doveconf -n and doveadm reload; when one client holds dozens, fix that client (fewer folders watched, the app updated) and end its stale sessions (doveadm kick USER) rather than raise the limit for everyone; no Postfix setting changes it"},
	// A Dovecot service at its process_limit or client_limit: the login
	// processes (imap-login, pop3-login, submission-login) and the
	// processes of logged-in users (imap, pop3), from service-monitor.c.
	{ID: "dovecot_login_process_limit", Agent: "dovecot", Match: []string{"-login): ", "_limit (", ") reached"}, Class: ClassOther, Hint: HintMailbox, Side: "inbound",
		Title: "Dovecot drops new IMAP or POP3 connections: its login service is at its process or client limit",
		Cause: "Dovecot's login service (imap-login, pop3-login or submission-login, as the line names it) had all the processes or connections its process_limit or client_limit allows and dropped new client connections: mail programs fail to connect or time out; at busy times, or when a scanner or a looping client opens many connections; Postfix's mail flow is not affected",
		Fix:   "see who holds the connections (doveadm who, the login lines' rip=): block a scanner or fix a looping client instead of raising limits for it; for real users, raise service imap-login { process_limit } (one process a connection in Dovecot's default high-security mode) or run the login service in high-performance mode (service_count = 0, client_limit raised, process_min_avail = the CPU cores; Dovecot 2.4 names service_count restart_request_count), check doveconf -n and reload Dovecot"},
	{ID: "dovecot_imap_process_limit", Agent: "dovecot", Match: []string{"service(imap): ", "_limit (", ") reached"}, Class: ClassOther, Hint: HintMailbox, Side: "inbound",
		Title: "Dovecot drops logged-in IMAP sessions: its imap service is at its process limit",
		Cause: dovecotMailProcessCause,
		Fix:   dovecotMailProcessFix},
	{ID: "dovecot_pop3_process_limit", Agent: "dovecot", Match: []string{"service(pop3): ", "_limit (", ") reached"}, Class: ClassOther, Hint: HintMailbox, Side: "inbound",
		Title: "Dovecot drops logged-in POP3 sessions: its pop3 service is at its process limit",
		Cause: dovecotMailProcessCause,
		Fix:   dovecotMailProcessFix},
	// Dovecot's password and user databases (driver-mysql.c,
	// driver-pgsql.c, db-ldap.c, passdb-sql.c, userdb-sql.c): while they
	// fail, every login fails, smtpd's SASL logins too.
	{ID: "dovecot_auth_database", Agent: "dovecot", AuthBackend: true, Match: []string{"connect failed to database"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  dovecotAuthDBCause,
		Fix:    dovecotAuthDBFix,
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "dovecot_auth_ldap", Agent: "dovecot", AuthBackend: true, Match: []string{"ldap", "can't connect to server"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  dovecotAuthDBCause,
		Fix:    dovecotAuthDBFix,
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	{ID: "dovecot_auth_query", Agent: "dovecot", AuthBackend: true, Match: []string{" query failed: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "Dovecot's password_query or user_query fails in the database (a table or column that is not there, after a mail panel's upgrade or a schema change), so every login fails, smtpd's SASL logins too: the failed logins in the log are this, not password guessing",
		Fix:    "run the query from dovecot-sql.conf.ext against the database by hand (with a real user) and fix the query or the schema it expects; do not ban the clients whose logins failed meanwhile",
		Params: []string{"smtpd_sasl_type", "smtpd_sasl_path"}},
	// A Dovecot delivery running as nobody, default_privs' default: the
	// dovecot-lda that local(8) runs for root (mailbox_command, or a
	// "| command" in a root-owned alias file) as default_privs, never as
	// root. The prefix's user is not read (dovecotLine): the euid names
	// the process's own user. Before the two entries below, which read
	// the same Permission denied for a user's own delivery.
	{ID: "dovecot_lda_root", Agent: "dovecot", Match: []string{"permission denied (euid=", "(nobody) egid="}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Cause:  rootMailCommandCause,
		Fix:    rootMailCommandFix,
		Params: rootMailCommandParams},
	{ID: "dovecot_userdb_denied", Agent: "dovecot", Match: []string{"auth-userdb) failed: permission denied"}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Cause:  "dovecot-lda, run by Postfix (mailbox_command, or a pipe transport in master.cf) as the recipient or as the pipe's user=, may not open Dovecot's auth-userdb socket to look up the recipient: the delivery fails and Postfix retries or bounces it",
		Fix:    "give the socket to the user the delivery runs as: service auth { unix_listener auth-userdb { mode = 0660 user = vmail group = vmail } } for a pipe transport with user=vmail (the euid in the line names the user); or deliver over LMTP (virtual_transport = lmtp:unix:private/dovecot-lmtp), which needs no such access",
		Params: []string{"mailbox_command", "virtual_transport", "mailbox_transport"}},
	// Dovecot 2.3's LDA connects to the stats service at its start and
	// says so on stderr when it may not; the delivery goes on, so the
	// first line of its output is no cause of a delivery that failed.
	{ID: "dovecot_stats_writer_denied", Agent: "dovecot", Match: []string{"net_connect_unix(", "stats-writer) failed: permission denied"}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Title:  "dovecot-lda may not open Dovecot's stats-writer socket",
		Cause:  "dovecot-lda, which Postfix runs as the delivery's user (a pipe transport's user=, or mailbox_command as the recipient), may not connect to Dovecot's stats-writer socket; it says so first on every delivery, yet that alone fails none: a delivery Postfix defers or bounces with it failed for another reason, which dovecot-lda writes to Dovecot's own log (its lda(USER) lines of the same moment)",
		Fix:    "read Dovecot's log lines of the same delivery (doveadm log errors, or the lda( lines in the mail log or Dovecot's log) and fix what they name (a mailbox the user may not write, a home directory of mode 0700); to end this message, let the delivery's user open the socket: service stats { unix_listener stats-writer { user = vmail group = vmail mode = 0660 } } for a pipe run as vmail (or that user in the socket's group), never mode 0666; then postqueue -f",
		Params: []string{"mailbox_command", "virtual_transport", "mailbox_transport"}},
	// doveconf's error about Dovecot's configuration: Dovecot's own at
	// its start, or dovecot-lda's output, which reads the configuration
	// itself as the user Postfix runs it as (config-parser.c: "Error in
	// configuration file %s line %d: %s").
	{ID: "dovecot_config_denied", Agent: "dovecot", Match: []string{"error in configuration file ", "permission denied"}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Title:  "Dovecot's configuration cannot be read where a delivery reads it",
		Cause:  "Dovecot's configuration cannot be read by the user reading it: a file it includes (or dovecot.conf) is not readable for that user; dovecot-lda, which Postfix runs for each delivery (a pipe transport's user=, or mailbox_command as the recipient), reads the whole configuration itself as that user, so every delivery through it fails and Postfix retries it",
		Fix:    "make the file the line names readable by the user the delivery runs as: mode 0644 like the rest of conf.d for a file without secrets; a file with a password (an SQL or LDAP .conf.ext) stays 0640 with that user's group (chgrp vmail FILE), never world-readable; check with doveconf -n run as that user (sudo -u vmail doveconf -n), then postqueue -f retries the waiting mail",
		Params: []string{"mailbox_command", "virtual_transport", "mailbox_transport"}},
	{ID: "dovecot_config_error", Agent: "dovecot", Match: []string{"error in configuration file "}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Title:  "Dovecot's configuration has an error: Dovecot and its deliveries stop at it",
		Cause:  "Dovecot's configuration has an error at the file and line the message names (a setting this Dovecot release does not know, often one written for another release, or a typo): Dovecot does not start with it, so its LMTP delivery and its auth socket (smtpd's SASL logins) are gone, and dovecot-lda, which reads it for each delivery, fails every one",
		Fix:    "run doveconf -n to see the error, correct or remove the setting at that file and line (dovecot --version names the release; its documentation names the settings it knows), then restart Dovecot; Postfix retries the waiting mail (postqueue -f to hurry it)",
		Params: []string{"mailbox_command", "virtual_transport", "smtpd_sasl_path"}},
	{ID: "dovecot_mail_denied", Agent: "dovecot", Match: []string{"failed: permission denied (euid="}, Class: ClassConfigError, Hint: HintMailbox, Side: "host",
		Cause: "Dovecot may not write a mailbox file or directory as the user it delivers for (the euid the line names): the mail tree is owned by another user, after a restore, a copy or a changed mail_uid or userdb uid; deliveries to those mailboxes fail and Postfix retries them",
		Fix:   "give the mail directories to the user Dovecot runs deliveries as (chown -R vmail:vmail on the tree the line names, for a mail_uid of vmail), or make the userdb's uid and gid those that own the tree; the line's missing +w perm names the directory"},
	// Dovecot's lda or lmtp out of file descriptors (EMFILE).
	{ID: "dovecot_open_files", Agent: "dovecot", Match: []string{"failed: too many open files"}, Class: ClassFDLimit, Hint: HintMailbox, Side: "host",
		Title: "Dovecot's delivery runs out of file descriptors (Too many open files)",
		Cause: "Dovecot's delivery could not open a mailbox file because it had no file descriptor left: dovecot-lda, which pipe(8) or local(8) runs, inherits Postfix's open-file limit (the master's: ulimit -n, LimitNOFILE of Postfix's systemd unit); Dovecot's lmtp runs under Dovecot's own (its unit's LimitNOFILE); mailboxes with many folders and indexes open many files at once; the mail waits and is retried",
		Fix:   "raise the open-file limit of whoever runs the delivery: for dovecot-lda Postfix's (systemctl edit postfix, [Service] LimitNOFILE=65536, then systemctl restart postfix; grep 'open files' /proc/$(pgrep -o -f postfix/master)/limits shows it), for lmtp Dovecot's (systemctl edit dovecot, the same line); a container takes --ulimit nofile=65536:65536"},
	{ID: "dovecot_temp_dir", Agent: "dovecot", Match: []string{"temp file creation to ", " failed: "}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Cause: "Dovecot could not create the temporary file it keeps a large incoming message in: its mail_temp_dir (default /tmp) is missing, full or not writable for the delivering process, as in a container without /tmp or a service with a private /tmp; lmtp then answers 451 and Postfix retries",
		Fix:   "make mail_temp_dir exist and be writable for Dovecot's delivering user (in a container, give it a /tmp; or set mail_temp_dir to a directory of its own), then postqueue -f"},
	{ID: "dovecot_no_space", Agent: "dovecot", Match: []string{"no space left on device"}, Class: ClassOther, Hint: HintMailbox, Side: "host",
		Cause: "the filesystem that holds the mailboxes (or its inodes) is full: Dovecot cannot store mail, so Postfix's deliveries to it fail and wait in the queue; Postfix's own queue may be on another filesystem and still have room",
		Fix:   "free space where the mailboxes are (df -h and df -i on mail_location's filesystem: old mail, indexes, logs), then postqueue -f; per-user quotas keep one mailbox from filling the disk for all"},
	// --- systemd's lines about Postfix's unit (Agent "systemd", read by
	// systemdLine only when they name postfix.service or an instance of
	// Debian's postfix@.service): the unit failed, and Postfix's own lines
	// before them say why. Consequence: that fatal line's hint leads.
	{ID: "systemd_start_limit", Agent: "systemd", Consequence: true, Severe: true, Match: []string{"start request repeated too quickly"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitStartLimitTitle, Cause: unitStartLimitCause, Fix: unitStartLimitFix},
	{ID: "systemd_start_limit_hit", Agent: "systemd", Consequence: true, Severe: true, Match: []string{"failed with result 'start-limit-hit'"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitStartLimitTitle, Cause: unitStartLimitCause, Fix: unitStartLimitFix},
	{ID: "systemd_job_start_limit", Agent: "systemd", Consequence: true, Severe: true, Match: []string{"job for ", " failed because start of the service was attempted too often"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitStartLimitTitle, Cause: unitStartLimitCause, Fix: unitStartLimitFix},
	{ID: "systemd_failed_start", Agent: "systemd", Consequence: true, Severe: true, Match: []string{"failed to start "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitFailedTitle, Cause: unitFailedCause, Fix: unitFailedFix},
	// systemctl's own words: a start, restart or reload it ran failed.
	{ID: "systemd_job_failed", Agent: "systemd", Consequence: true, Match: []string{"job for ", " failed because "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitFailedTitle, Cause: unitJobCause, Fix: unitFailedFix},
	{ID: "systemd_control_exited", Agent: "systemd", Consequence: true, Match: []string{"control process exited, code="}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitFailedTitle, Cause: unitFailedCause, Fix: unitFailedFix},
	{ID: "systemd_failed_result", Agent: "systemd", Consequence: true, Match: []string{"failed with result 'exit-code'"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitFailedTitle, Cause: unitFailedCause, Fix: unitFailedFix},
	{ID: "systemd_failed_state", Agent: "systemd", Consequence: true, Match: []string{"entered failed state"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitFailedTitle, Cause: unitFailedCause, Fix: unitFailedFix},
	// The kernel's OOM killer (Agent "kernel", read by kernelLine only
	// when it names a Postfix process).
	{ID: "kernel_oom_kill", Agent: "kernel", Match: []string{"killed process "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: "the kernel's OOM killer killed a Postfix process: the host ran out of memory",
		Cause: "the kernel killed a Postfix process for want of memory (the host's, or the limit of the cgroup it runs in: a container's or a systemd unit's): the master starts a daemon again at its next request, but the session or message it held fails, and a killed master stops Postfix; the memory is mostly taken by other programs beside Postfix (a content filter such as amavis or clamd, a database), or by many Postfix processes holding large tables",
		Fix:   "find what held the memory (journalctl -k | grep -i -e 'out of memory' -e oom lists what the kernel killed and the processes' sizes; free -m; a container's limit, or the unit's: systemctl show postfix -p MemoryMax); give the host memory or swap, cap the program that takes it, or lower the number of Postfix processes (default_process_limit, maxproc in master.cf) rather than raise them; when the master was killed, start Postfix again"},
	// The master's own exit with an error: its fatal: line says why.
	{ID: "systemd_main_exited", Agent: "systemd", Consequence: true, Match: []string{"main process exited, code=exited"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitFailedTitle, Cause: unitFailedCause, Fix: unitFailedFix},
	// systemd's own reasons for the failure, no Consequence: no fatal: line
	// of Postfix's says more. The OOM killer's before the signal's, whose
	// 9/KILL it explains.
	{ID: "systemd_oom_kill", Agent: "systemd", Severe: true, Match: []string{"killed by the oom killer"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitOOMTitle, Cause: unitOOMCause, Fix: unitOOMFix},
	{ID: "systemd_oom_kill_result", Agent: "systemd", Severe: true, Match: []string{"failed with result 'oom-kill'"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitOOMTitle, Cause: unitOOMCause, Fix: unitOOMFix},
	{ID: "systemd_start_timeout", Agent: "systemd", Severe: true, Match: []string{"start operation timed out"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitTimeoutTitle, Cause: unitTimeoutCause, Fix: unitTimeoutFix},
	{ID: "systemd_timeout_result", Agent: "systemd", Severe: true, Match: []string{"failed with result 'timeout'"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitTimeoutTitle, Cause: unitTimeoutCause, Fix: unitTimeoutFix},
	{ID: "systemd_main_dumped", Agent: "systemd", Severe: true, Match: []string{"main process exited, code=dumped"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitCrashTitle, Cause: unitCrashCause, Fix: unitCrashFix},
	{ID: "systemd_core_dump_result", Agent: "systemd", Severe: true, Match: []string{"failed with result 'core-dump'"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitCrashTitle, Cause: unitCrashCause, Fix: unitCrashFix},
	{ID: "systemd_signal_result", Agent: "systemd", Severe: true, Match: []string{"failed with result 'signal'"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitSignalTitle, Cause: unitSignalCause, Fix: unitSignalFix},
	// The kill itself, last: beside the OOM killer's line, that line
	// leads and says why.
	{ID: "systemd_main_killed", Agent: "systemd", Severe: true, Match: []string{"main process exited, code=killed"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Title: unitSignalTitle, Cause: unitSignalCause, Fix: unitSignalFix},
	{ID: "corrupt_queue_file_saved", Match: []string{"saving corrupt file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the queue manager found a queue file it cannot read and moved it to the corrupt queue, where it is never retried: after a full disk, a crash, queue files copied or edited by hand, or a Postfix upgrade that replaced the programs while the old daemons kept running (the old queue manager reading files the new version wrote)",
		Fix:    "look at it with postcat (the file is under the queue directory's corrupt/); check the disk (df -h, dmesg); requeue copies only with postsuper; right after a package upgrade, postfix stop and postfix start so that no daemon of the old version runs on, and stop Postfix before the next upgrade",
		Params: []string{"queue_directory"}},
	{ID: "corrupt_queue_file_unsaved", Match: []string{"save corrupt file queue"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the queue manager found a corrupt queue file and could not move it to the corrupt queue, so it stopped: the queue directory's owner or permissions are wrong, or its filesystem is full or read-only",
		Fix:    "postfix check names wrong owners and modes under the queue directory (postfix set-permissions repairs them); df -h and mount for the queue filesystem; the master starts the queue manager again after a short delay, postfix reload at once",
		Params: []string{"queue_directory"}},
	// qmgr_message.c: the queue manager opens each message it moved into
	// the active queue; a file that is gone by then (ENOENT) is a warning,
	// any other error a fatal.
	{ID: "queue_file_vanished", Match: []string{"open active ", "no such file or directory"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the queue manager moved a message into the active queue and its file was gone when it came to open it: something besides this Postfix removes or moves queue files: a second Postfix (another container or host) sharing the same queue_directory, a script or filter that deletes or renames queue files itself, a queue directory restored or synchronised while Postfix ran, a network filesystem (NFS) under the queue, or a filesystem damaged by a crash or a full disk; the message's remaining recipients are lost",
		Fix:    "give every Postfix instance a queue directory of its own and keep it on a local filesystem; let scripts change the queue only through postsuper and postqueue; after a crash or a full disk check the filesystem (dmesg, fsck) and run postsuper -s with Postfix stopped to repair the queue's structure",
		Params: []string{"queue_directory"}},
	// bounce(8) opens, locks and appends to a message's delivery log in
	// defer/, bounce/ or trace/ ("open file %s %s: %m" and the like,
	// with the queue's name first); it dies on EACCES, and the delivery
	// agents' next result for any message fails with it.
	{ID: "message_log_denied", Severe: true, Match: []string{" file defer ", "permission denied"}, Or: [][]string{{" file bounce ", "permission denied"}, {" file trace ", "permission denied"}}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: messageLogDeniedCause, Fix: messageLogDeniedFix, Params: []string{"queue_directory", "mail_owner"}},
	{ID: "queue_file_open_failed", Severe: true, Match: []string{"open active "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the queue manager could not open a message file in the active queue (permission denied: the queue's files belong to another user after a restore, a copy or a changed postfix uid in a container image; an I/O error: a failing disk) and stopped; the master starts it again and it stops on the same file, so no mail is delivered",
		Fix:    "postfix check names wrong owners and modes under the queue directory and postfix set-permissions restores them; for an I/O error read dmesg and check the filesystem before more mail is written to it",
		Params: []string{"queue_directory"}},
	// postfix-script (or postlog for it): postfix start found the
	// master's lock held. Once, an admin's command; again and again, a
	// supervisor or a second instance keeps starting Postfix.
	{ID: "postfix_already_running", Harmless: true, MasterRuns: true, LoopAt: 2, Match: []string{"the postfix mail system is already running"}, Class: ClassNone, Hint: HintDaemonCrash, Side: "host",
		Cause:  "postfix start found a master holding the lock in data_directory: once, only that command stopped and the running master goes on; again and again, something keeps starting Postfix while a master it does not control runs: a supervisor (supervisord, s6, runit, systemd) whose stop never reached the master, so the old master with its old configuration runs on and every restart fails, or a second Postfix (another container or pod, as in a rolling update) sharing the same queue_directory and data_directory on a volume",
		Fix:    "postfix status and the pid in $queue_directory/pid/master.pid show the master that runs; stop it with postfix stop (or make the supervisor signal that pid, or run postfix start-fg under it) before starting again; give each container or pod its own queue_directory and data_directory, and in Kubernetes replace the Postfix pod (strategy Recreate) instead of starting a second one beside it",
		Params: []string{"queue_directory", "data_directory"},
		Title:  "postfix start fails again and again: a master it does not control holds the lock"},

	// postsuper.c and postqueue.c refuse the user who ran them: only that
	// command stops, the queue is untouched.
	{ID: "queue_command_superuser", Harmless: true, Match: []string{"use of this command is reserved for the superuser"}, Class: ClassNone, Side: "host",
		Cause: "postsuper ran as a user other than root: only that command stopped, the queue is untouched",
		Fix:   "run it as root (sudo postsuper ...); a user's own view of the queue is postqueue -p"},
	{ID: "queue_command_not_authorized", Harmless: true, Match: []string{"is not allowed to ", " the mail queue"}, Class: ClassNone, Side: "host",
		Cause:  "postqueue (mailq, sendmail -q) refused a user not listed in authorized_mailq_users (to list the queue) or authorized_flush_users (to flush it): only that command stopped, mail is not affected; a monitoring agent or control panel that reads the queue as its own user fails this way",
		Fix:    "run the command as root, or add the user that needs it to authorized_mailq_users or authorized_flush_users and postfix reload; leave flushing to root unless a tool must do it",
		Params: []string{"authorized_mailq_users", "authorized_flush_users"}},
	// postsuper.c: before acting on queue ids, postsuper renames queue
	// files whose names no longer match their inode numbers (a queue
	// copied or restored onto another filesystem), says so, and refuses
	// the ids it was given: they may now name other messages.
	// postsuper.c's repair of the queue's structure (postsuper -s, which
	// postfix start runs): queue file names carry the file's inode
	// number, so a queue restored from a backup or copied to another
	// file system gets its files renamed. Nothing is lost or stopped.
	{ID: "postsuper_queue_renamed", Calm: true, Match: []string{"queue file names were changed to match inode numbers"}, Class: ClassNone, Hint: HintConfigError, Side: "host", Program: "postsuper",
		Title: "the queue was restored or moved to another file system: postsuper renamed its files",
		Cause: "postsuper found queue files whose names did not match their inode numbers (the queue was restored from a backup or copied to another file system, where every file gets a new inode) and renamed them: the messages are kept and delivered as before, under new queue ids",
		Fix:   postsuperRepairFix},
	{ID: "postsuper_name_inode_mismatch", Calm: true, Match: []string{"name/inode mismatch: "}, Class: ClassNone, Hint: HintConfigError, Side: "host", Program: "postsuper",
		Title: "the queue was restored or moved to another file system: postsuper renamed its files",
		Cause: "postsuper found a file an earlier, interrupted renaming left with a temporary name (ending in #FIX) whose inode changed since (the queue was copied again in between): it leaves that file alone, and its message is not delivered until a run completes",
		Fix:   postsuperRepairFix},
	{ID: "postsuper_bogus_file_name", Calm: true, Match: []string{"bogus file name: "}, Class: ClassNone, Hint: HintConfigError, Side: "host", Program: "postsuper",
		Title: "a queue directory holds files that are not queue files",
		Cause: "postsuper found a file in a queue directory whose name is no queue id (a copy a backup or an editor left, a file put there by hand, a queue copied from a system with other queue id settings): it skips the file, and Postfix does not deliver it",
		Fix:   "look at the file the line names (postcat FILE shows whether it is a queue file; the path is under the queue directory): move what is not a queue file out of the queue; nothing else needs doing, the other mail is delivered as before (postqueue -p)"},
	{ID: "postsuper_operation_incomplete", Calm: true, Match: []string{"operation incomplete -- rerun command to fix the queue first"}, Class: ClassNone, Hint: HintConfigError, Side: "host", Program: "postsuper",
		Title: "the queue was restored or moved to another file system: postsuper renamed its files",
		Cause: "postsuper was interrupted (a signal, Ctrl-C, a timeout of the script that ran it) while it renamed queue files to match their inode numbers: some files keep a temporary name (ending in #FIX), and their messages wait until a run completes",
		Fix:   postsuperRepairFix},
	{ID: "postsuper_queue_ids_changed", Harmless: true, Match: []string{"check your queue ids and re-issue the command"}, Class: ClassNone, Side: "host",
		Cause: "postsuper found queue files whose names did not match their inode numbers (the queue was copied or restored from another filesystem, where every file got a new inode) and renamed them, so the queue ids it was given may now name other messages or none: it stopped before changing anything, and mail is not affected",
		Fix:   "list the queue again (postqueue -p) and re-issue the command with the ids it shows now; to move a queue, stop Postfix on both hosts, run postsuper -r ALL on the old one and copy its maildrop directory, or copy the whole queue into an empty one, then postsuper -s before postfix start"},
	// pickup.c: a file in the maildrop queue older than a day when pickup
	// read it.
	{ID: "maildrop_waited_days", Calm: true, Match: []string{"has been queued for ", " days"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "pickup found a message that programs handed to sendmail days ago and that waited in the maildrop queue since: Postfix, or its pickup service, was not running while mail was submitted (a container or host that kept Postfix stopped, a pickup entry missing from master.cf), or pickup could not read the maildrop queue; it is delivered now",
		Fix:    "make sure Postfix starts with the host or container and master.cf has its pickup service (postfix check, postconf -M pickup/unix); mail submitted while Postfix is stopped waits for it without any warning to its senders",
		Params: []string{"queue_directory"}},

	// --- Start-up, permissions and chroot trouble (the master,
	// postfix-script's checks, the daemons' first moments).
	{ID: "master_lock_held", Harmless: true, MasterRuns: true, Match: []string{"open lock file", "unable to set exclusive lock"}, Class: ClassNone, Side: "host",
		Cause: "a second master was started while one runs (it holds the lock): only the new one stopped",
		Fix:   "nothing if postfix status shows the running master; start and stop Postfix one way only (systemctl or the postfix command) so both agree on what runs; when postfix status says Postfix is not running, another machine or container holds the lock on a shared data_directory (two containers with one /var/lib/postfix volume, a directory on NFS): give each Postfix its own data_directory and queue_directory"},
	{ID: "master_lock_denied", Severe: true, Match: []string{"open lock file", "cannot open file: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the master cannot create its lock file (pid/master.pid under the queue directory, master.lock under data_directory): wrong owners or a read-only filesystem, after a restore or a copied system; Postfix does not start",
		Fix:    "postfix set-permissions restores the owners (data_directory belongs to the mail owner, postfix); check the filesystem is writable (mount, df -h); then postfix start",
		Params: []string{"data_directory", "queue_directory", "mail_owner"}},
	// open_lock's other words for the same trouble: master.lock did not
	// exist and could not be created.
	{ID: "master_lock_create_denied", Severe: true, Match: []string{"open lock file", "cannot create file exclusively"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "the master cannot create its lock file (pid/master.pid under the queue directory, master.lock under data_directory): the directory belongs to another user (a volume or host directory mounted there owned by root), or the filesystem is read-only; Postfix does not start",
		Fix:    "postfix set-permissions restores the owners (data_directory belongs to the mail owner, postfix; a mounted host directory needs that owner on the host too); check the filesystem is writable (mount, df -h); then postfix start",
		Params: []string{"data_directory", "queue_directory", "mail_owner"}},
	{ID: "prng_exchange_file", Match: []string{"prng exchange file"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "tlsmgr cannot open or write its random-seed file under data_directory (/var/lib/postfix): the directory or the file belongs to another user, often after a restore; TLS session caching and seeding stop",
		Fix:    "postfix set-permissions gives data_directory back to the mail owner (postfix); never make it world-writable",
		Params: []string{"data_directory", "tls_random_exchange_name", "mail_owner"}},
	{ID: "master_service_name_unknown", Severe: true, Match: []string{"servname not supported for ai_socktype"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a master.cf inet service is named by a service name this host's /etc/services does not list (often submissions, port 465, on older systems): the master stops and nothing listens",
		Fix:   "write the port number in that master.cf line's first column (465 instead of submissions) or add the name to /etc/services, then postfix start"},
	// attr_scan.c's "premature end-of-input on %s while reading %s";
	// attr_scan0.c (the version 0 protocol of older clients and
	// policy servers) words it "unexpected end-of-input from %s".
	{ID: "attr_premature_eof", Calm: true, Match: []string{"premature end-of-input on "}, Or: [][]string{{"unexpected end-of-input from ", " while reading "}}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a service Postfix asked something (a policy server, or one of Postfix's own daemons) closed the connection before answering: it crashed, restarted or refused the request",
		Fix:   "read the log of the service the message names (a policy server's own log, or the Postfix daemon's fatal line at that time)"},
	{ID: "attr_timeout", Match: []string{"timeout on ", " while reading "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a service Postfix asked something (a policy server such as postgrey or policyd-spf, or one of Postfix's own daemons) took the connection and did not answer in time: it hangs, is overloaded, or waits on its own lookups (DNS for an SPF check); smtpd then applies the policy's default action (451 4.3.5)",
		Fix:    "read the log of the service the message names at that time and check that it runs enough processes; for a policy server, its own timeouts must be shorter than Postfix's (policy_time_limit for spawned ones, smtpd_policy_service_timeout)",
		Params: []string{"smtpd_policy_service_timeout"}},
	{ID: "internal_service_problem", Calm: true, Match: []string{"problem talking to service "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a Postfix program lost its connection to one of Postfix's own services (rewrite, verify, scache, ...): a few when that daemon restarts; many mean it keeps dying and mail that needs it waits",
		Fix:    "read the fatal or panic line the service the message names logged at that time; postfix check",
		Params: []string{"queue_directory"}},
	{ID: "regexp_map_rule", Match: []string{"regexp map ", ", line "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a line of a regexp: table (header_checks, body_checks, an access or transport map) has a syntax error: Postfix skips that rule, so the check it was meant to make does not happen",
		Fix:   "correct the line the message names (postmap -q TEXT regexp:FILE tests the table); the daemons read the file again by themselves, or postfix reload"},
	{ID: "pcre_map_rule", Match: []string{"pcre map ", ", line "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a line of a pcre: table (header_checks, body_checks, an access or transport map) has an error: Postfix skips that rule, or the match fails, so the check it was meant to make does not happen",
		Fix:   "correct the line the message names (postmap -q TEXT pcre:FILE tests the table); the daemons read the file again by themselves, or postfix reload"},
	// dict_cidr.c: "cidr map %s, line %d: %s: skipping this rule" (a bad
	// address pattern, net/mask or IF), and an IF without ENDIF. Host bits
	// past the prefix are cidr_host_bits'.
	{ID: "cidr_map_rule", Match: []string{"cidr map ", ", line "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a line of a cidr: table (check_client_access, postscreen_access_list, mynetworks or another client address list) is not a rule Postfix reads: a host name where an address belongs (bad address pattern), a prefix length too long for the address (bad net/mask pattern), a '[' without its ']', no result after the pattern, or an IF without ENDIF: Postfix skips that rule, so the clients it names are not allowed or refused as meant",
		Fix:   "correct the line the message names: an address or network/prefix (cidr: tables take addresses only, no host names), then the result (OK, REJECT, permit, ...); postmap -q ADDRESS cidr:FILE tests the table; the daemons read the file again by themselves, or postfix reload"},
	{ID: "config_file_missing", Match: []string{"open /etc/postfix/", "no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Opens: true,
		Cause: "a file the configuration names does not exist: a table read as text (regexp:, pcre:, cidr:, texthash:, a database table's .cf file) or main.cf itself; the program that needs it stops",
		Fix:   "create the file or correct its name in main.cf or master.cf (postconf -n | grep /etc/postfix/ lists the names); tables of type hash: or lmdb: need postmap FILE instead"},
	// The same "open %s: %m" for a file kept outside the configuration
	// directory: dict_surrogate logs it (error:) when a table that Postfix
	// reads from its own file (regexp:, pcre:, cidr:, texthash:) cannot be
	// opened, and postmap, postalias and the master (fatal:) for a file
	// they were told to read. Queue files are named relative to the queue
	// directory ("open active/..."), not by an absolute path. The words
	// are the whole message: another program's "can't open /path" is not
	// Postfix's.
	// mail_conf.c: a set-gid program (postdrop, postqueue) given another
	// configuration directory reads the default main.cf first, for
	// alternate_config_directories or multi_instance_directories.
	{ID: "default_main_cf_missing", Match: []string{"open file /", "main.cf: no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Opens: true,
		Cause:  "a set-gid Postfix program (postdrop, postqueue) was run with another configuration directory (postfix -c, MAIL_CONFIG, a second instance) and found no main.cf in the default one: before it trusts another directory it reads the default main.cf for alternate_config_directories or multi_instance_directories, which must list it; mail submitted that way is not queued",
		Fix:    "put a main.cf in the default configuration directory (the message names it) whose alternate_config_directories (or, with postmulti, multi_instance_directories) lists the other directory, or run the program without another directory",
		Params: []string{"alternate_config_directories", "multi_instance_directories"}},
	// match_list.c reads an element of a list that starts with "/" as a
	// file of more elements; one it cannot open becomes a table whose
	// every lookup fails with these words. A bare "/32" is a CIDR
	// network whose address a generated main.cf lost.
	{ID: "list_file_missing", Match: []string{"open file /", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Opens: true,
		Cause:  "an element of a list parameter starts with /, which Postfix reads as a file of more elements, and that file does not exist: every lookup in the list fails, so what asks it cannot decide (with mynetworks, postscreen and smtpd cannot tell this site's own clients and defer or refuse their mail with 451 4.3.0; likewise mydestination, relay_domains, permit_mx_backup_networks, smtpd_client_event_limit_exceptions, debug_peer_list); a bare /32, /24, /64 or /128 is a network whose address was lost: a script, template or container start that writes main.cf from a variable that was empty",
		Fix:    "find the element with postconf -n (the list that holds the path the message names); put the address back in front of a bare /NN (192.0.2.10/32) or remove the element, or create the file when a file of elements was meant; then postfix reload; where a script or container start writes main.cf anew each time, correct what writes main.cf (its variable, template or environment), or the next start brings the element back",
		Params: []string{"mynetworks", "mydestination", "relay_domains", "permit_mx_backup_networks"}},
	{ID: "named_file_missing", Match: []string{"open /", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Opens: true,
		Cause: "a file the configuration names does not exist: mostly a table Postfix reads from its own file (regexp:, pcre:, cidr:, texthash: in header_checks, body_checks, an access or address map), which every lookup then fails (cleanup defers the mail, smtpd answers 451 4.3.0), or a file a command was given; a container or package that names a table its start script or release did not create does this",
		Fix:   "create the file the message names (an empty file for a table with no entries yet: a regexp:, pcre:, cidr: or texthash: table is read as it is, there is nothing to build) or correct its path where the configuration names it (postconf -n and postconf -M show the parameters and master.cf -o options), then postfix reload; a hash: or lmdb: table needs postmap FILE instead"},
	// open(2) fails with EACCES for the file's own mode and as well for
	// any directory on the path without search (x) permission.
	{ID: "config_file_denied", Match: []string{"open /", "etc/postfix", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", PathAfter: "open ",
		Cause: "a Postfix program cannot open a file under the configuration directory (main.cf, master.cf, or a table or database .cf file it names): the file's own mode, or a directory on its path (/etc, /etc/postfix, a subdirectory) that lacks search (x) permission for the user the program runs as; a table opened after the daemon dropped its privileges (through proxymap, or a database table's .cf file) must be readable by the postfix user",
		Fix:   "check every directory on the path the message names, not only the file (namei -l shows the owner and mode of each): each needs search (x) permission for root and the postfix user (stock: root:root 0755); then give the file to root with group postfix and mode 0640 (chown root:postfix FILE; chmod 0640 FILE) when it holds a password, 0644 otherwise (main.cf and master.cf: root 0644); never make it world-writable"},
	{ID: "chroot_not_permitted", Severe: true, Match: []string{"chroot(", "operation not permitted"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a service marked chroot in master.cf cannot chroot: the process lacks the CAP_SYS_CHROOT capability (a container or a systemd unit that drops capabilities): that service does not start",
		Fix:   "give the container or unit CAP_SYS_CHROOT back, or set the chroot column of the services to n in master.cf (postconf -F '*/*/chroot' lists them), then postfix reload"},
	// chroot(2)'s EACCES: search permission denied on a component of the
	// path, or a security policy's denial (chroot_uid.c's fatal).
	{ID: "chroot_access_denied", Severe: true, Match: []string{"chroot(", "permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "a service marked chroot in master.cf was refused entry to the queue directory (chroot: Permission denied): a directory on the path does not let the daemon search it (as in a user-namespaced or rootless container, where root does not own the mounted queue directory), or a security policy (SELinux, AppArmor) denies the chroot; that service does not start",
		Fix:   "ls -ld on the queue directory and each directory above it; on SELinux, ausearch -m avc -ts recent shows the denial and restorecon -Rv on the queue directory restores its labels; on AppArmor, the kernel log (journalctl -k) names the profile that denied it; or set that service's chroot column to n in master.cf (postconf -F '*/*/chroot' lists them), then postfix reload"},
	{ID: "permissions_not_owned", Match: []string{"not owned by ", ": /"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "postfix check (run by postfix start) found a Postfix file or directory with the wrong owner, often after a restore, a copied system or a manual chown: the daemons that need it fail",
		Fix:   "postfix set-permissions restores the owners and modes of Postfix's own files and directories; a file under the queue directory's etc, lib, usr, bin or sbin is a chrooted daemon's copy of a system file, which set-permissions does not touch: give it back to root (chown root:root on the path the message names, or copy the system's file over it again as root with cp -p); then postfix check again"},
	{ID: "permissions_writable", Match: []string{"group or other writable: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "postfix check found a Postfix file or directory that users other than its owner can write: someone could change what Postfix trusts",
		Fix:   "chmod go-w the path the message names (postfix set-permissions does it for Postfix's own files); never chmod 777 to fix another error"},
	{ID: "permissions_setgid", Match: []string{"not set-gid or not owner+group+world executable"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "postfix check found postdrop or postqueue without their setgid bit (a copied system, a package upgrade): locally submitted mail (cron, web applications) is not queued",
		Fix:    "postfix set-permissions restores them (owner root, group postdrop, setgid: mode 2755, or 2555 as Debian installs them)",
		Params: []string{"setgid_group"}},
	// postfix-script's check compares each file under the queue
	// directory's bin, etc, lib, sbin and usr with the system's:
	// "QUEUE_DIR/PATH and /PATH differ". The library copies (lib, lib64,
	// usr/lib) are the name-service modules a chrooted daemon loads.
	{ID: "chroot_library_differs", Calm: true, Match: []string{" and /lib", " differ"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  chrootLibraryCause,
		Fix:    chrootLibraryFix,
		Params: []string{"queue_directory"}},
	{ID: "chroot_usr_library_differs", Calm: true, Match: []string{" and /usr/lib", " differ"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  chrootLibraryCause,
		Fix:    chrootLibraryFix,
		Params: []string{"queue_directory"}},
	{ID: "chroot_file_differs", Calm: true, Match: []string{" and /etc/", " differ"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a chrooted daemon reads a copy of a system file (resolv.conf, hosts, services, localtime) under the queue directory that no longer matches the original: DNS or the time zone inside the chroot may be stale",
		Fix:    "copy the file the message names again (Debian's postfix service does it on every start: systemctl restart postfix; elsewhere cp -p the file into the queue directory's etc/)",
		Params: []string{"queue_directory"}},
	{ID: "integrity_check_failed", Severe: true, Match: []string{"postfix integrity check failed"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "postfix start refused to start because a Postfix directory or program is missing: no mail is received or delivered",
		Fix:   "postfix check names what is missing; reinstall the Postfix package or run postfix set-permissions, then postfix start"},
	{ID: "startup_failed", Severe: true, StartReport: true, Match: []string{"mail system startup failed"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "postfix start ran the master but it did not come up: no mail is received or delivered",
		Fix:   "read the master's fatal line just before this one (or run postfix check); fix it, then postfix start"},
	{ID: "postfix_not_running_command", Severe: true, NotRunning: true, Match: []string{"the postfix mail system is not running"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: "a postfix command (reload, stop, flush) found no master running: unless Postfix was stopped on purpose, no mail is received or delivered",
		Fix:   "postfix status; postfix start if it should run (postfix check names what stops it); nothing after a deliberate postfix stop"},
	{ID: "queue_directories_create", Severe: true, Match: []string{"unable to create missing queue directories"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "postfix start could not create the queue's subdirectories: the queue directory's filesystem is read-only or full, belongs to someone else, or cannot hold what Postfix keeps there (its owners and modes, the FIFOs and sockets of public/ and private/: a container volume or bind mount from another system, NFS, a Windows or macOS folder); Postfix does not start",
		Fix:    queueFilesystemFix,
		Params: []string{"queue_directory"}},
	// postfix-script's checks run find(1) over the queue directory
	// (postfix check, postfix start); find prints on the terminal, not in
	// the log, that it cannot read an entry of public/ or private/, the
	// FIFOs and sockets a filesystem without them leaves unusable.
	{ID: "queue_special_files_public", Severe: true, Program: "postfix-script", Match: []string{"find: ", "/public/", ": invalid argument"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: queueSpecialFilesCause, Fix: queueFilesystemFix, Params: []string{"queue_directory"}},
	{ID: "queue_special_files_private", Severe: true, Program: "postfix-script", Match: []string{"find: ", "/private/", ": invalid argument"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause: queueSpecialFilesCause, Fix: queueFilesystemFix, Params: []string{"queue_directory"}},
	{ID: "postlog_service_missing", Severe: true, Match: []string{"missing 'postlog' service in master.cf"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "maillog_file is set, but master.cf has no postlog service (a master.cf kept from before Postfix 3.4): postfix start refuses to run",
		Fix:    "postfix upgrade-configuration adds the postlog service to master.cf; then postfix start",
		Params: []string{"maillog_file"}},
	// logwriter.c, for postlogd and for the commands that write their
	// own lines while postlogd does not run: maillog_file cannot be
	// opened, so no program's logging reaches the file or stdout.
	{ID: "maillog_file_open_failed", Severe: true, Match: []string{"open logfile '"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "postlogd (or a Postfix command that writes its own lines while postlogd does not run: postfix, postlog, postsuper, postmulti) cannot open the file maillog_file names, so Postfix's logging is lost until it can: the directory does not exist or is not writable by root (a volume mounted over it, a read-only filesystem), or maillog_file = /dev/stdout while Postfix does not run in the foreground of a container (postfix start daemonizes, or a supervisor hands it a console or pipe it may not open, as after a container restart)",
		Fix:    "ls -ld the file's directory (for /dev/stdout: ls -lL /dev/stdout) as the container or host sees it; log to stdout only with postfix start-fg as the container's main process, else set maillog_file to a writable path under maillog_file_prefixes (or empty it to log through syslog again) and postfix reload (postfix start when Postfix is not running)",
		Params: []string{"maillog_file", "maillog_file_prefixes"}},
	// maillog_client.c: a command (postfix, postlog, postsuper,
	// postmulti) that found postlogd not running writes its line into
	// maillog_file itself; the write failed (ENOSPC is no_space's).
	{ID: "maillog_file_write_failed", Match: []string{"logfile '", "' write error: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a Postfix command (postfix, postlog, postsuper, postmulti) found postlogd not running, as while Postfix is stopped or starting, wrote its line into the file maillog_file names itself, and the write failed for the reason after the colon (an I/O error, a file size limit, a disk quota): the command stopped there, and a postfix start that stops so leaves Postfix stopped",
		Fix:    "mend what the reason says for that file and its filesystem (dmesg and df -h for the filesystem, ls -l for the file), or empty maillog_file to log through syslog again; then run the command again (postfix start when it was the start)",
		Params: []string{"maillog_file"}},
	// maillog_client.c: since 3.4, maillog_file must start with one of
	// maillog_file_prefixes (a string prefix, strncmp), as root creates
	// and writes the file. Every program that starts logging checks it,
	// postfix(1) before anything else, so none runs.
	{ID: "maillog_file_outside_prefixes", Severe: true, PrefixDir: "/var/log/", Match: []string{"maillog_file value '", "' does not match any prefix in maillog_file_prefixes"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "maillog_file must start with one of the prefixes maillog_file_prefixes lists (by default /var and /dev/stdout: a safety check since Postfix 3.4, as root creates and writes that file), and the value the line quotes starts with none; every Postfix program that starts logging stops on it, postfix(1) included, so Postfix does not start (postfix check stops on the same line)",
		Fix:    "put maillog_file under /var (such as /var/log/postfix.log), or set it to /dev/stdout with postfix start-fg in a container; or keep the file where it is and add its directory to maillog_file_prefixes in main.cf (postfix(1) checks it before it starts anything, so only main.cf counts, not a master.cf -o), but only when root owns that directory and every one above it and no other user can write to them; or empty maillog_file to log through syslog again; then postfix start",
		Params: []string{"maillog_file", "maillog_file_prefixes"}},
	{ID: "damaged_message", Calm: true, Match: []string{"damaged message: "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "postfix check found a message in the corrupt queue, where it is never retried: after a full disk, a crash, or queue files copied or edited by hand",
		Fix:    "look at it with postcat (the file is under the queue directory's corrupt/) and delete it once read; check the disk (df -h, dmesg)",
		Params: []string{"queue_directory"}},
	// pickup.c: a file in the maildrop directory that is no record
	// stream postdrop wrote. pickup removes it: that message is lost.
	{ID: "pickup_malformed_record", Program: "pickup", Match: []string{"uid=", ": unexpected or malformed record type "}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "pickup found a file in the maildrop directory that is not a message as postdrop writes it, and removed it: a file copied or restored into maildrop by hand (queue files from the incoming, active or deferred queue, or from another Postfix release), one that a program other than postdrop wrote, or one cut short by a full disk or a crash; that message is lost",
		Fix:    "nothing for one file; when it repeats, find what writes into maildrop (uid= names the file's owner: the user whose program submits) and stop it; queue files to bring back belong in the queue through postsuper -r, never copied into maildrop; df -h for the queue filesystem",
		Params: []string{"queue_directory"}},
	// mail_open_ok.c: a queue file that has had a second hard link for
	// more than a minute (a rename in progress has two for a moment).
	{ID: "queue_file_links", Match: []string{": uid ", ": file has ", " links"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a queue file has had more than one hard link for over a minute: something outside Postfix linked it (a backup or snapshot tool that hard-links files, such as rsync --link-dest or cp -al over the queue directory, or a link made by hand), so the message is reachable under a name Postfix does not manage; a single line from showq now and then is a file caught while the queue manager renamed it",
		Fix:    "find the other name (find MOUNT -xdev -samefile PATH, where PATH is the file the line names and MOUNT the filesystem it is on, which df PATH shows) and remove that link, not the queue file; back up the queue only with Postfix stopped, and with a tool that copies rather than links",
		Params: []string{"queue_directory"}},
	// mail_stream.c: the time stamp of a file just written to the queue
	// differs from the local clock by more than 100 seconds.
	{ID: "fs_clock_ahead", Match: []string{"file system clock is ", " seconds ahead of local clock"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  fsClockCause + "; ahead of it, Postfix resets each new queue file's time stamps, which slows every message it receives and can hold back its first delivery attempt",
		Fix:    fsClockFix,
		Params: []string{"queue_directory"}},
	{ID: "fs_clock_behind", Calm: true, Match: []string{"file system clock is ", " seconds behind local clock"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  fsClockCause + "; behind it, the only harm is wrong times in Received: headers and in the queue's ages",
		Fix:    fsClockFix,
		Params: []string{"queue_directory"}},
	{ID: "public_service_missing", Match: []string{"unable to look up public/"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a Postfix program cannot find one of Postfix's own services under the queue directory's public/ (qmgr, flush, showq): the master is not running, the service is missing from master.cf, or the program uses another queue directory",
		Fix:    "postfix status, then postfix check; compare master.cf with the stock one for the service the message names",
		Params: []string{"queue_directory"}},

	// --- Configuration found wrong while it runs.
	{ID: "restriction_ignored", Match: []string{"restriction `", "' is ignored"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "a restriction list has a restriction after one that always decides (permit, reject, or permit_auth_destination and the like): it never runs, so the check it was meant to make does not happen",
		Fix:    "move the restriction the message names before the one that decides if it is meant to run, or delete it; a permit moved up lets more through, so check that smtpd_relay_restrictions still ends in reject_unauth_destination",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions", "smtpd_sender_restrictions", "smtpd_client_restrictions", "smtpd_helo_restrictions"}},
	{ID: "greeted_with_own_hostname", Match: []string{"with my own hostname"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "the server Postfix connected to for a destination answered with this host's own name: the destination's MX, relayhost or transport points back at this host (mail for a domain it does not list as its own), or another server uses the same myhostname; the mail bounces as looping back",
		Fix:    "if the domain's mail belongs here, list the domain in mydestination, virtual_mailbox_domains, virtual_alias_domains or relay_domains, or, for a domain that one of this host's transports takes (an autoresponder's or a list manager's pipe), give it a transport_maps entry naming that transport; if the other server is a different host, give each host its own myhostname",
		Params: []string{"myhostname", "mydestination", "virtual_mailbox_domains", "relay_domains", "relayhost", "transport_maps"}},
	// smtp_connect.c: the relayhost (or a fallback relay) failed for good,
	// by its own fault: a name that does not resolve as written, a server
	// that refuses to talk, or mail that loops back to this host. The smtp
	// client defers such mail (4.3.5) rather than bounce it.
	{ID: "relayhost_config_problem", Severe: true, Match: []string{"relayhost configuration problem"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "the next hop that relayhost names failed in a way only its setting explains, and all mail through it is deferred (4.3.5): the name does not resolve as written (without [brackets] the smtp client looks up MX records, so a host name, a container's service name or smtp.provider.example finds none; a name in /etc/hosts is not used for MX lookups), the server refused to talk, or the relayhost is this host itself (an address Postfix listens on, or a server that answers with this host's myhostname: mail for it loops back); the deferral reasons of the same messages say which",
		Fix:    relayNexthopFix,
		Params: []string{"relayhost", "sender_dependent_relayhost_maps", "transport_maps", "inet_interfaces", "myhostname"}},
	{ID: "fallback_relay_config_problem", Match: []string{"fallback_relay configuration problem"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "the relay that smtp_fallback_relay names failed in a way only its setting explains, so mail the regular next hops could not take is deferred (4.3.5): the name does not resolve as written (without [brackets] the smtp client looks up MX records), the server refused to talk, or it is this host itself and mail loops back",
		Fix:    relayNexthopFix,
		Params: []string{"smtp_fallback_relay", "relayhost", "inet_interfaces", "myhostname"}},
	// smtp_connect.c's smtp_parse_destination and its host_port() errors:
	// the next hop given to the smtp or lmtp client is no host[:port].
	{ID: "nexthop_not_a_host", Severe: true, Match: []string{"server description: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  nexthopSyntaxCause,
		Fix:    nexthopSyntaxFix,
		Params: nexthopParams},
	{ID: "nexthop_bad_port", Severe: true, Match: []string{"bad network port", " destination"}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  nexthopSyntaxCause,
		Fix:    nexthopSyntaxFix,
		Params: nexthopParams},
	// mail_params.c: a single-valued parameter with more than one word.
	{ID: "single_value_parameter", Severe: true, Match: []string{"parameter setting must not contain multiple values"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a parameter that takes one value (relayhost, myhostname, mydomain, myorigin and the like) has several words: main.cf has no comments after a value, so 'relayhost = [relay.example.net]:587 # my ISP' is three words; a configuration template or a container's environment left a placeholder unfilled; or a full name went where a domain belongs; the program that read it stops, and Postfix does not start when the master reads it",
		Fix:    "postconf -n shows the value as Postfix reads it: give the parameter one value (relayhost = [relay.example.net]:587, or empty to deliver directly), put comments on lines of their own, and where a template or a container's environment writes main.cf, set the variable it expects and recreate the container so the file is written again; then start Postfix",
		Params: []string{"relayhost", "myhostname", "mydomain", "myorigin"}},
	{ID: "interface_host_not_found", Severe: true, Match: []string{"config variable ", ": host not found: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "inet_interfaces (or proxy_interfaces) names a host name that does not resolve when Postfix starts: the master stops",
		Fix:    "use the IP address in the parameter, or make the name resolve from /etc/hosts; then restart Postfix",
		Params: []string{"inet_interfaces", "proxy_interfaces"}},
	// mail_params.c checks the accounts at every program's start: none
	// may be root's, and none may share its number with another name.
	{ID: "privileged_account", Severe: true, Match: []string{"parameter ", " has privileged user id"}, Or: [][]string{{"parameter ", " has privileged group id"}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: privilegedAccountCause, Fix: privilegedAccountFix, Params: []string{"default_privs", "mail_owner", "setgid_group"}},
	{ID: "account_id_shared", Severe: true, Match: []string{"parameter mail_owner: user ", " has the same user id "}, Or: [][]string{{"parameter setgid_group: group ", " has the same group id "}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: accountIDSharedCause, Fix: accountIDSharedFix, Params: []string{"mail_owner", "setgid_group"}},
	{ID: "same_group_id", Severe: true, Match: []string{"parameters ", " have the same group id"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "two of default_privs, mail_owner and setgid_group, which must not share a group, have the same group ID (the message names them): users whose primary group is one group, or a user's primary group that is setgid_group's (postdrop); Postfix refuses to run",
		Fix:    "give each its own group: default_privs a user with a group of its own (nobody, as in the stock configuration), the postfix user its own primary group, and postdrop a group no user has as its primary one (getent group N and getent passwd list who has that number; usermod -g, groupmod -g); then postfix check and postfix start",
		Params: []string{"mail_owner", "default_privs", "setgid_group"}},
	{ID: "same_user_id", Severe: true, Match: []string{"parameters default_privs and mail_owner specify the same user "}, Or: [][]string{{"the same user id"}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  sameUserIDCause,
		Fix:    sameUserIDFix,
		Params: []string{"default_privs", "mail_owner"}},
	// get_hostname.c: with no myhostname in main.cf Postfix takes the
	// system's name, and stops when valid_hostname refuses it (the
	// warning before names why).
	{ID: "own_hostname_invalid", Severe: true, Match: []string{"unable to use my own hostname"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "myhostname is not set in main.cf, so Postfix takes the system's host name, and that is no valid host name: a container's name or id with an underscore, a label longer than 63 characters, a name of digits only, or none at all; the valid_hostname warning before this line names the character or the length; every Postfix program stops at its start, so Postfix does not run and sendmail fails",
		Fix:    "set myhostname in main.cf to this host's fully qualified name (myhostname = mail.example.com; in a container, in the image's main.cf or the variable its start-up script writes it from), or give the host or container a valid name (hostnamectl set-hostname, docker run --hostname); then postfix start",
		Params: []string{"myhostname"}},
	// set_ugid.c and set_eugid.c: a program could not take the user and
	// group it runs as. EPERM: no right to change them; EINVAL: the id
	// is not mapped in the user namespace it runs in.
	{ID: "privilege_change_denied", Severe: true, Match: []string{"setuid(", "operation not permitted"}, Or: [][]string{{"seteuid(", "operation not permitted"}, {"setegid(", "operation not permitted"}, {"setgid(", "operation not permitted"}, {"setgroups(", "operation not permitted"}, {"setgroups(", "invalid argument"}, {"setgid(", "invalid argument"}, {"setuid(", "invalid argument"}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: privilegeChangeCause, Fix: privilegeChangeFix, Params: []string{"mail_owner", "default_privs"}},
	{ID: "smtp_sasl_no_password_maps", Severe: true, Match: []string{"specify a password table via the "}, Class: ClassConfigError, Hint: HintConfigError, Side: "outbound",
		Cause:  "smtp_sasl_auth_enable = yes without smtp_sasl_password_maps: every smtp client process stops, so all outgoing mail waits",
		Fix:    "set smtp_sasl_password_maps (e.g. hash:/etc/postfix/sasl_passwd, then postmap it, or lmdb: where hash: is not built in), or turn smtp_sasl_auth_enable off",
		Params: []string{"smtp_sasl_auth_enable", "smtp_sasl_password_maps", "relayhost"}},
	{ID: "tls_no_server_certs", Match: []string{"no server certs available"}, Class: ClassTLS, Hint: "tls", Side: "inbound",
		Cause:  "smtpd (or postscreen, tlsproxy) has TLS turned on but no certificate and key configured: it does not offer STARTTLS, and clients that require TLS cannot send",
		Fix:    "set smtpd_tls_chain_files (or smtpd_tls_cert_file and smtpd_tls_key_file) to this host's certificate and key, then postfix reload",
		Params: []string{"smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_security_level"}},

	// --- Upgrades: parameters that postconf (run by postfix start and
	// reload) reports as going or gone.
	{ID: "parameter_will_be_removed", Calm: true, Match: []string{"support for parameter ", " will be removed; instead"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause: "main.cf or master.cf sets a parameter a later Postfix release drops (smtpd_use_tls, smtpd_enforce_tls, smtp_use_tls, ...): it still works for now",
		Fix:   "replace it as the message says (DEPRECATION_README lists each one; postconf -n shows where it is set), then postfix reload"},
	{ID: "parameter_removed", Match: []string{"support for parameter ", " has been removed; instead"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause: "main.cf or master.cf sets a parameter this Postfix release no longer reads: the setting has no effect any more, so what it used to turn on (TLS, a restriction) is off or back to its default",
		Fix:   "replace it as the message says (DEPRECATION_README lists each one), then postfix reload"},

	// --- Postfix's own helper services that master.cf lacks.
	// As for dnsblog below, the errno tells a missing service from a busy
	// one; nobody listening is the generic private_socket_refused.
	// The smtp client does not fall back to its own TLS (smtp_proto.c):
	// every TLS session fails, and postscreen answers STARTTLS with 454.
	{ID: "tlsproxy_missing", Match: []string{"connect to private/tlsproxy service", ": no such file or directory"}, Class: ClassTLS, Hint: "tls", Severe: true,
		Cause:       "the smtp client (with smtp_tls_connection_reuse = yes) or postscreen (with its own STARTTLS) hands TLS to the tlsproxy service, which master.cf does not define: the stock line is commented out; those TLS sessions fail (the smtp client does not fall back to its own TLS, postscreen answers STARTTLS with 454 4.7.0)",
		Fix:         "master.cf needs the tlsproxy service: uncomment its stock line (tlsproxy unix - - n - 0 tlsproxy; its chroot column like the other services') or add it with postconf -M, then postfix reload",
		MasterEntry: "tlsproxy/unix=tlsproxy unix - - n - 0 tlsproxy",
		Params:      []string{"smtp_tls_connection_reuse", "postscreen_tls_security_level"}},
	{ID: "tlsproxy_busy", Calm: true, Match: []string{"connect to private/tlsproxy service", ": resource temporarily unavailable"}, Class: ClassTLS, Hint: "tls",
		Cause:  "the smtp client or postscreen found tlsproxy's socket queue full: the master runs no more tlsproxy processes (its master.cf maxproc is reached, or the master throttles tlsproxy after its processes failed), and those TLS sessions fail or wait",
		Fix:    "postconf -M tlsproxy/unix shows its maxproc (the stock 0 is no limit: a lower one set by hand may be raised); look for tlsproxy's own fatal and warning lines, which say why its processes failed; master.cf has the service, so it needs no new line",
		Params: []string{"smtp_tls_connection_reuse", "postscreen_tls_security_level"}},
	// postscreen_dnsbl.c connects to dnsblog without blocking, once per
	// DNSBL site for each new client: the errno tells a missing service
	// from one that takes no more connections. Nobody listening is the
	// generic private_socket_refused below.
	// postscreen_dnsbl.c parses postscreen_dnsbl_sites when postscreen
	// starts ("bad DNSBL weight factor", "bad DNSBL filter syntax", "bad
	// DNSBL domain name"): one malformed entry kills postscreen, the
	// master throttles it, and port 25 accepts no mail.
	{ID: "postscreen_dnsbl_sites_syntax", Severe: true, Match: []string{"bad dnsbl "}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  "an entry of postscreen_dnsbl_sites does not parse (the form is domain[=filter][*weight]: a weight that is not an integer, a reply filter such as 127.0.0.[2..11] with a broken bracket or range, or a domain name with a space or a stray character), so postscreen dies at start and no client gets past port 25",
		Fix:    "postconf postscreen_dnsbl_sites, correct the entry the line quotes (domain=127.0.0.[2..11]*3, entries separated by spaces or commas, negative weights as *-2), then postfix reload",
		Params: []string{"postscreen_dnsbl_sites", "postscreen_dnsbl_threshold"}},
	{ID: "dnsblog_missing", Match: []string{"connect to private/dnsblog service", ": no such file or directory"}, Class: ClassConfigError, Hint: HintBlocklist, Side: "inbound",
		Cause:       "postscreen sends its DNSBL queries to the dnsblog service, which master.cf does not define (the stock line is commented out): no client is checked against postscreen_dnsbl_sites",
		Fix:         "master.cf needs the dnsblog service: uncomment its stock line (dnsblog unix - - n - 0 dnsblog; its chroot column like the other services') or add it with postconf -M, then postfix reload",
		MasterEntry: "dnsblog/unix=dnsblog unix - - n - 0 dnsblog",
		Params:      []string{"postscreen_dnsbl_sites"}},
	{ID: "dnsblog_busy", Calm: true, Match: []string{"connect to private/dnsblog service", ": resource temporarily unavailable"}, Class: ClassDNS, Hint: HintBlocklist, Side: "inbound",
		Cause:  "postscreen found dnsblog's socket queue full: the master runs no more dnsblog processes (its master.cf maxproc is reached, '-' meaning default_process_limit, or the master throttles dnsblog after its processes failed), mostly because each one waits on slow DNS answers; postscreen skips that DNSBL query, so the client is not checked against that list",
		Fix:    "postconf -M dnsblog/unix shows its maxproc (the stock 0 is no limit); look for dnsblog reply timeout and dnsblog fatal lines: slow answers mean a resolver to fix (a local recursive one, not a public forwarder), not more processes; a maxproc set lower than the stock 0 may be raised",
		Params: []string{"postscreen_dnsbl_sites", "default_process_limit"}},
	// postscreen_send.c: postscreen hands each client it lets through to
	// the service smtpd_service_name names (smtpd: master.cf's "smtpd
	// pass" entry) and answers 421 4.3.2 All server ports are busy when
	// it cannot. No socket, or nobody listening on it, is a missing or
	// stopped service, not a busy one: no client gets through. A full
	// queue is the classifier's (busy smtpd).
	{ID: "postscreen_pass_missing", Severe: true, Service: true, Match: []string{"cannot connect to service ", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  postscreenPassMissingCause,
		Fix:    postscreenPassFix,
		Params: []string{"smtpd_service_name"}},
	{ID: "postscreen_pass_refused", Severe: true, Service: true, Match: []string{"cannot connect to service ", ": connection refused"}, Class: ClassConfigError, Hint: HintConfigError, Side: "inbound",
		Cause:  postscreenPassRefusedCause,
		Fix:    postscreenPassFix,
		Params: []string{"smtpd_service_name"}},
	// auto_clnt.c, mail_command_client.c, post_mail.c and local's
	// forward.c: a client of a service reached through a socket in the
	// queue directory ("connect to private/NAME: %m"). The ones above name
	// services of their own; these come after them.
	{ID: "private_socket_missing", Severe: true, Service: true, Match: []string{"connect to private/", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  serviceSocketMissingCause,
		Fix:    serviceSocketFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_milters"}},
	{ID: "public_socket_missing", Severe: true, Service: true, Match: []string{"connect to public/", ": no such file or directory"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: serviceSocketMissingCause,
		Fix:   serviceSocketFix},
	{ID: "private_socket_refused", Severe: true, Service: true, Match: []string{"connect to private/", ": connection refused"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  serviceSocketRefusedCause,
		Fix:    serviceSocketFix,
		Params: []string{"smtpd_recipient_restrictions", "smtpd_milters"}},
	// EACCES: the socket exists and something listens, but the postfix
	// user may not connect: a policy server's own socket under private/
	// (postgrey's), or a Postfix service's after a change of owners.
	{ID: "private_socket_denied", Severe: true, Service: true, Match: []string{"connect to private/", ": permission denied"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a Postfix program connects to a socket under the queue directory's private/ and may not: a server that makes its own socket there (postgrey, a policy or quota service) gives it an owner, group or mode without access for the postfix user, or the socket or private/ itself got other owners (a restore, a package's script), or on an SELinux host its label keeps Postfix out; every request to it fails (smtpd answers 451 4.3.5 to the senders a policy check reaches)",
		Fix:    "ls -l on the socket the line names (under the queue directory) and ls -ld on private/; for a server's own socket, give the postfix user access in that server's configuration (its socket's group or mode) and restart it; for a Postfix service's socket, postfix set-permissions and postfix reload; on SELinux, ausearch -m avc -ts recent and restorecon -Rv on the directory; never make the socket world-writable",
		Params: []string{"smtpd_recipient_restrictions", "queue_directory"}},
	{ID: "public_socket_refused", Severe: true, Service: true, Match: []string{"connect to public/", ": connection refused"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: serviceSocketRefusedCause,
		Fix:   serviceSocketFix},

	// --- Lookups that fail: a DNSBL query before the tables' catch-all.
	{ID: "rbl_lookup_error", Calm: true, Match: []string{"rbl lookup error: "}, Class: ClassDNS, Hint: HintBlocklist, Side: "inbound",
		Cause:  "a DNSBL query of smtpd's reject_rbl_client (or an RHSBL) failed in the resolver: that client is not checked against the list; a few are timeouts, many mean the resolver or the list is failing",
		Fix:    "check the resolver this host uses (cat /etc/resolv.conf; a chrooted smtpd reads the copy under the queue directory) and query DNSBLs through a local recursive resolver, not a public one",
		Params: []string{"smtpd_client_restrictions", "smtpd_recipient_restrictions"}},
	// smtp_proto.c names the stage where a session broke. A session that
	// passed the greeting and the envelope but breaks in the message
	// content, where full-size packets first go out, is the path's
	// doing. Few are network noise (Calm); lmtp's own entries read
	// lmtp's reasons first.
	{ID: "smtp_lost_in_message_body", ClientReason: true, Calm: true, Match: []string{"while sending message body"}, Class: ClassLostConnection, Hint: "firewall", Side: "outbound",
		Cause:  lostInContentCause,
		Fix:    lostInContentFix,
		Params: []string{"smtp_data_xfer_timeout", "smtp_data_done_timeout"}},
	// A server that withholds its greeting too is no path MTU black hole,
	// which drops large segments and lets the small greeting through.
	{ID: "smtp_lost_at_end_of_data", ClientReason: true, EndOfData: true, Calm: true, Match: []string{"while sending end of data"}, Class: ClassLostConnection, Hint: "firewall", Side: "outbound",
		Cause:      lostInContentCause,
		Fix:        lostInContentFix,
		StallCause: "the smtp client sent the whole message and the server gave no reply to its end of data within smtp_data_done_timeout (600 s by default), and the same server also took connections from this host and sent no greeting within smtp_helo_timeout: a server that is overloaded or deliberately slows this host down (tarpitting, often for an IP with a poor reputation), not the path: a path MTU black hole drops large segments, and a greeting is small; a server may have taken a message whose reply never came, so it may arrive twice (Postfix says so: message may be sent more than once)",
		StallFix:   "check this host's IP's reputation (the DNS blocklists, the destination's postmaster pages) and that its reverse name, HELO name and SPF agree; time the server's greeting from here (openssl s_client -starttls smtp -connect MXHOST:25) and ask the destination's postmaster, by another way than mail to that domain, why it delays this host; a transport of its own for the destination keeps its waits from the smtp processes other destinations need; leave the MTU alone unless large messages to other destinations fail too",
		Params:     []string{"smtp_data_xfer_timeout", "smtp_data_done_timeout"}},
	// DNSSEC and DANE (dns_sec.c, smtp_tls_policy.c, tls_dane.c). DANE
	// needs a resolver that validates and tells Postfix so (the AD bit);
	// without one, "dane" quietly falls back to unauthenticated TLS and
	// "dane-only" defers everything. Before dns_try_again: a TLSA lookup
	// problem quotes the resolver's words.
	{ID: "dnssec_validation_unavailable", Calm: true, Match: []string{"dnssec validation may be unavailable"}, Class: ClassDNS, Hint: "dns",
		Cause:  dnssecUnavailableCause,
		Fix:    dnssecUnavailableFix,
		Params: dnssecParams},
	{ID: "dnssec_probe_reason", Calm: true, Match: []string{"reason: dnssec_probe "}, Class: ClassDNS, Hint: "dns",
		Cause:  dnssecUnavailableCause,
		Fix:    dnssecUnavailableFix,
		Params: dnssecParams},
	{ID: "dane_tlsa_lookup_problem", Match: []string{"dane tlsa lookup problem"}, Class: ClassDNS, Hint: "dns", Side: "outbound",
		Cause:  daneTLSALookupCause,
		Fix:    daneTLSALookupFix,
		Params: daneParams},
	// The DNS reply filter (smtp_dns_reply_filter, smtpd_, lmtp_): a filter
	// that drops every record looks like a failing DNS lookup, but the
	// resolver answered (a configuration error, not ClassDNS, whose advice
	// is the resolver's). Before lookup_error_table: these messages say
	// "lookup error" too. smtp and lmtp write the first into the reason of
	// the mail they defer (dsn 4.7.0).
	{ID: "dns_reply_filter_drops_all", Match: []string{"dns reply filter drops all results"}, Class: ClassConfigError, Hint: "dns", ClientReason: true,
		Cause:  "the DNS reply filter removed every record of an answer (smtpd logs it as an address or MX lookup error, smtp and lmtp defer the mail with it as the reason): the resolver answered, the filter's patterns match too much, and smtpd's check goes on as if the name had no records while the clients' mail waits",
		Fix:    "test the filter's patterns against the records they should keep, e.g. postmap -q 'example.com. 3600 IN MX 10 mx.example.com.' regexp:/etc/postfix/dns_reply_filter (postconf shows which table), and narrow the pattern that matches",
		Params: []string{"smtpd_dns_reply_filter", "smtp_dns_reply_filter", "lmtp_dns_reply_filter"}},
	{ID: "dns_filter_unknown_action", Match: []string{"unknown dns filter action"}, Class: ClassConfigError, Hint: "dns",
		Cause:  "a DNS reply filter table returns an action Postfix does not know (IGNORE is the only one): every lookup that reaches that rule fails as a temporary DNS error",
		Fix:    "correct the table the message names so each rule's result is IGNORE, then postfix reload",
		Params: []string{"smtpd_dns_reply_filter", "smtp_dns_reply_filter", "lmtp_dns_reply_filter"}},
	// The resolver's own words for a lookup that got no answer (TRY_AGAIN):
	// read where no daemon's parser claimed them, a reason quoted alone.
	{ID: "dns_try_again", Calm: true, Match: []string{"host not found, try again"}, Class: ClassDNS, Hint: "dns", Side: "host",
		Cause:  "the resolver got no answer for a name (Host not found, try again): for one domain its DNS servers are failing; for every domain, this host's resolver cannot reach a name server, and a chrooted Postfix daemon reads the copy of resolv.conf under the queue directory, missing or stale in containers",
		Fix:    chrootResolverFix,
		Params: []string{"queue_directory"}},
	{ID: "lookup_error_table", Match: []string{"lookup error"}, Class: ClassLookupFailure, Hint: HintLookupFailure, Side: "host",
		Cause: "a table lookup returned an error (a SASL password, header or body checks, access or policy table): the mail that needs it waits",
		Fix:   "check the table named in the message: its file or database and its permissions; postmap -q KEY TYPE:NAME tests it"},
	// --- The queue manager's own advice: qmgr_entry.c writes it as two
	// warnings, the second read as the first.
	{ID: "qmgr_avoid_flush", Match: []string{"please avoid flushing the whole queue"}, Or: [][]string{{"lots of deferred mail, that is bad for performance"}}, Class: ClassOther, Hint: "queue_backlog", Side: "outbound",
		Cause:  "qmgr: please avoid flushing the whole queue when you have lots of deferred mail, that is bad for performance (it follows the warning that mail for one destination is using up a fifth or more of the active queue entries)",
		Fix:    "do not run postqueue -f or postfix flush while the deferred queue is large: they move all deferred mail into the active queue at once, where it competes with new mail and hits throttling destinations again; fix the destination the clog warning names and retry its mail only",
		Params: []string{"qmgr_message_active_limit", "qmgr_clog_warn_time"}},
	// --- local(8) refuses an :include: file (the mail bounces with 5.3.5
	// "mail system configuration error") or a .forward file (skipped: the
	// mail goes to the mailbox), specific texts before general ones.
	{ID: "include_file_world_writable", Match: []string{":include: file ", " is world writable"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) refuses an :include: file that anyone can write (anyone could add recipients or commands): the mail for that alias bounces with 5.3.5 mail system configuration error",
		Fix:    "chmod o-w the file the message names (and check its directory); it is read as its owner, so keep it owned by the list's owner or root",
		Params: []string{"allow_mail_to_commands", "allow_mail_to_files"}},
	{ID: "include_file_unusable", Match: []string{":include: file "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "local(8) cannot use an :include: file named in the aliases: it does not exist or is not a regular file, so the mail for that alias bounces with 5.3.5 mail system configuration error",
		Fix:   "create the file the message names (one address per line) or correct the :include: path in the aliases file, then newaliases"},
	{ID: "include_relative_path", Match: []string{":include:", " uses a relative path"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "an :include: in the aliases names a relative path, which local(8) refuses: the mail for that alias bounces with 5.3.5 mail system configuration error",
		Fix:   "write the :include: path in full (:include:/etc/postfix/lists/staff), then newaliases"},
	{ID: "include_file_open", Match: []string{"cannot open include file "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) cannot open an :include: file as the user it runs as for that alias (the file's owner, or default_privs for a root-owned aliases file): the mail for that alias bounces with 5.3.5 mail system configuration error",
		Fix:    "make the file and every directory above it readable by that user (ls -l the path; chmod o+r or chown), or move the list where it can be read",
		Params: []string{"default_privs", "alias_maps"}},
	// local(8) and the delivery agents break loops (5.4.6): the mail bounces.
	{ID: "alias_database_loop", Match: []string{"alias database loop for "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "local(8) gave up expanding an alias that leads back to itself through other aliases (root to a list that again names root): the mail to it bounces with 5.4.6",
		Fix:    "find the cycle in the aliases file (postalias -q NAME for each step), make one name end in a real user or an outside address, then newaliases",
		Params: []string{"alias_maps", "alias_database"}},
	{ID: "mail_forwarding_loop", ClientReason: true, Calm: true, Match: []string{"mail forwarding loop for "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a message came back to an address it was already delivered to (its Delivered-To header names it): a .forward file, alias, virtual alias or sieve redirect sends it on to an address that forwards it back, or two hosts forward the domain to each other; the mail bounces with 5.4.6",
		Fix:    "follow the address in the message through the aliases, virtual_alias_maps, .forward and sieve rules and any server it is forwarded to, and break the cycle so one step delivers to a mailbox",
		Params: []string{"alias_maps", "virtual_alias_maps", "forward_path"}},
	// cleanup_message.c: more Received: headers than hopcount_limit; the
	// client is told 554 5.4.0 Error: too many hops.
	{ID: "hopcount_exceeded", Match: []string{"message rejected: hopcount exceeded"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "cleanup refused a message that already carries more Received: headers than hopcount_limit allows: it has been passed around in a loop, between this host and another that each send the domain's mail to the other (a backup MX or gateway whose next hop leads back here, a relayhost or transport_maps entry that points at this host, a domain this host does not list as its own while its MX names this host), or through a forward or alias that sends it out to an address whose mail comes back; the sender gets 554 5.4.0 Error: too many hops",
		Fix:    "read the Received: headers of a returned copy to see which hosts it went round, and make one of them deliver it: list the domain in the address class it belongs to (mydestination, virtual_mailbox_domains, or relay_domains with a transport_maps entry to the real mailbox server), and correct the relayhost, transport or forward that leads back; raising hopcount_limit does not end a loop",
		Params: []string{"hopcount_limit", "mydestination", "virtual_mailbox_domains", "relay_domains", "transport_maps", "relayhost"}},
	{ID: "forward_world_writable", Calm: true, Match: []string{"file ", " is world writable"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "local(8) ignores a .forward file that anyone can write: the mail is delivered to the user's mailbox instead of where the file forwards it",
		Fix:   "the user (or root) runs chmod o-w on the file the message names; no Postfix setting changes this check"},
	{ID: "forward_bad_owner", Calm: true, Match: []string{"file ", " has bad owner uid "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "local(8) ignores a .forward file that is not owned by the recipient or root: the mail is delivered to the user's mailbox instead of forwarded",
		Fix:   "chown the file to the user whose home it is in (or to root)"},
	{ID: "forward_not_regular", Calm: true, Match: []string{"file ", " is not a regular file"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause: "local(8) ignores a .forward that is not a regular file (a directory, a device or a FIFO): the mail is delivered to the user's mailbox instead of forwarded",
		Fix:   "replace the path the message names with a regular file owned by the user (or remove it)"},
	// --- Postfix 3.11's migration away from Berkeley DB (postfix non-bdb,
	// NON_BERKELEYDB_README): hash: and btree: redirected to the types in
	// default_database_type and default_cache_db_type.
	{ID: "nbdb_redirect_hash", Calm: true, Match: []string{"redirecting hash:"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix 3.11's non-Berkeley-DB migration (postfix non-bdb enable-redirect) opens a hash: table named in the configuration as $default_database_type (lmdb: or cdb:) instead: mail flows, but the configuration still says hash:",
		Fix:    "postmap lmdb:/path (postalias for alias files; the type postconf default_database_type shows) for each table the message names if its indexed file is missing, replace hash: with that type in main.cf and master.cf (postconf -n | grep hash: finds them), postfix reload; once no redirecting lines remain and nothing else runs postmap hash:, postfix non-bdb disable",
		Params: []string{"default_database_type", "alias_maps", "alias_database", "non_bdb_migration_level"}},
	{ID: "nbdb_redirect_btree", Calm: true, Match: []string{"redirecting btree:"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix 3.11's non-Berkeley-DB migration opens a btree: cache (TLS sessions, address verification, postscreen) as $default_cache_db_type instead: the configuration still says btree:",
		Fix:    "replace btree: with the type postconf default_cache_db_type shows (lmdb:) in the cache parameters, postfix reload; the daemons create the new cache files themselves",
		Params: []string{"default_cache_db_type", "smtp_tls_session_cache_database", "smtpd_tls_session_cache_database", "address_verify_map", "postscreen_cache_map"}},
	{ID: "nbdb_migration_error", Causes: HintLookupFailure, Match: []string{"non-berkeley-db migration error"}, Class: ClassLookupFailure, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix 3.11's automatic reindexing (non_bdb_migration_level = enable-reindex) could not build the lmdb:/cdb: file for a redirected hash: table: the table answers every lookup with an error, so the mail that needs it waits",
		Fix:    "run postmap (or postalias) with the new type on the table yourself (postmap lmdb:/etc/postfix/TABLE, the type postconf default_database_type shows) and replace hash: in the configuration; if the reindex service itself is missing, postfix non-bdb enable-reindex adds it to master.cf",
		Params: []string{"default_database_type", "non_bdb_migration_level"}},
	{ID: "nbdb_reindex_failed", Causes: HintLookupFailure, Match: []string{"request to index ", " failed: "}, Class: ClassLookupFailure, Hint: "upgrade_change", Side: "host",
		Cause:  "Postfix 3.11's reindexing service refused or failed to build the non-Berkeley-DB file for a table (its path is outside the allowed directories, or the source file is owned or writable by another user): the table answers every lookup with an error",
		Fix:    "correct the ownership or permissions the message names, or run postmap lmdb:/path (the type postconf default_database_type shows) as the table's owner, and replace hash: in the configuration",
		Params: []string{"default_database_type", "non_bdb_migration_level"}},
	{ID: "nbdb_level_invalid", Match: []string{"invalid non-berkeley-db migration level"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "non_bdb_migration_level holds a value Postfix 3.11 does not know (disable, enable-redirect and enable-reindex are the levels): the programs that read it stop",
		Fix:    "set the level with the postfix command, which also edits master.cf: postfix non-bdb enable-redirect (or disable); postfix non-bdb status shows it",
		Params: []string{"non_bdb_migration_level"}},
	{ID: "nbdb_no_suffix", Match: []string{"non-berkeley-db mapped type ", "has no known pathname suffix"}, Class: ClassConfigError, Hint: "upgrade_change", Side: "host",
		Cause:  "the type that Postfix 3.11 redirects hash: or btree: to (default_database_type, default_cache_db_type or non_bdb_custom_mapping) is not an indexed-file type: only lmdb: and cdb: can stand in for them",
		Fix:    "set default_database_type to lmdb or cdb and default_cache_db_type to lmdb, and correct non_bdb_custom_mapping",
		Params: []string{"default_database_type", "default_cache_db_type", "non_bdb_custom_mapping"}},
	// --- A milter's own sending-rate limit (rspamd's ratelimit module says
	// 'Ratelimit "<bucket>" exceeded'): this site's limit, not a remote's.
	{ID: "milter_rate_limit", Reply: true, Match: []string{"milter-reject: ", "ratelimit"}, Class: ClassOther, Hint: "inbound_limits", Side: "inbound", Calm: true,
		Title:  "a milter's own rate limit refuses mail from this site's senders",
		Cause:  "a milter (rspamd's ratelimit module, or another policy milter) refused mail for a sending-rate limit of this site's own: a burst from one sender, user or client over its bucket; the receivers and Postfix's delivery settings play no part",
		Fix:    "if the sender is this site's own application or user with a legitimate burst (billing runs, newsletters, forms), raise its limit or exempt it in the milter's rate-limit settings (rspamd: local.d/ratelimit.conf; mailcow: the mailbox's or domain's rate limit) rather than for everyone; if it is not, the limit is holding back a compromised account or a spamming form: find it by the sasl_username on its client= lines and stop it",
		Params: []string{"smtpd_milters", "non_smtpd_milters"}},
	// rspamd's soft reject action (its greylisting, above all) reaches
	// Postfix as the milter's own reply, 451 4.7.1 with rspamd's default
	// text "Try again later": smtpd logs it with the code, cleanup at end
	// of data without. Postfix's words for a milter it lost differ
	// ("Service unavailable - try again later": milter_tempfail).
	{ID: "milter_soft_reject", Reply: true, Match: []string{"milter-reject: ", "4.7.1 try again later"}, Class: ClassGreylist, Hint: "greylisting", Side: "inbound", Calm: true, Noise: true,
		Title:  "a milter's own soft reject delays mail (rspamd greylisting)",
		Cause:  "the milter (rspamd: its soft reject action, mostly the greylisting of a sender it has not seen) judged the message and told the sender to retry; Postfix and the milter work, and a real sender retries and gets through",
		Fix:    "nothing while senders retry and get through; spare known senders in the milter's greylisting whitelist (rspamd: local.d/greylist.conf) or turn its greylisting off; when every message gets it, the milter forces soft reject for a failure of its own (a scan timeout, a scanner or Redis it cannot reach): read its log at these times",
		Params: []string{"smtpd_milters", "non_smtpd_milters"}},
	// postscreen's tests before and after its greeting (postscreen_early.c,
	// postscreen_smtpd.c): a client that talks before its turn, pipelines
	// without PIPELINING, sends a non-SMTP command or a bare newline. Bots and proxies abused for spam do; real
	// mail servers do not.
	{ID: "postscreen_pregreet", Match: []string{"pregreet ", " after ", " from "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause: postscreenTestCause, Fix: postscreenTestFix, Params: postscreenTestParams},
	{ID: "postscreen_pipelining", Match: []string{"command pipelining from "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause: postscreenTestCause, Fix: postscreenTestFix, Params: postscreenTestParams},
	// postscreen writes "from [addr]:port", smtpd "from name[addr]".
	{ID: "postscreen_non_smtp_command", Match: []string{"non-smtp command from ["}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause: postscreenTestCause, Fix: postscreenTestFix, Params: postscreenTestParams},
	// smtpd.c: a client that sent something other than SMTP (an HTTP
	// request, a TLS hello on a plain port) to an smtpd not behind
	// postscreen, or past it. Read up to the client only.
	{ID: "smtpd_non_smtp_command", Match: []string{"non-smtp command from "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true, OneClientAt: 20, Program: "smtpd",
		Cause:  "clients sent smtpd something that is not SMTP, a command smtpd_forbidden_commands lists (CONNECT, GET, POST: an HTTP or proxy request) or a line that does not start with a letter (a TLS hello on a port without implicit TLS, binary junk): web and proxy scanners that try every open port, and now and then a program of your own pointed at the wrong port; smtpd ends the session at once",
		Fix:    "nothing for scattered ones; one client that comes back again and again can be banned (fail2ban's postfix filter, a firewall rule) or stopped before smtpd by postscreen on port 25 (postscreen_non_smtp_command_enable); a program of your own that sends TLS here needs the port with implicit TLS (465, smtps) or STARTTLS; more smtpd processes change nothing",
		Params: []string{"smtpd_forbidden_commands", "postscreen_non_smtp_command_enable"}},
	{ID: "postscreen_bare_newline", Match: []string{"bare newline from "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause: postscreenTestCause, Fix: postscreenTestFix, Params: postscreenTestParams},
	// postscreen_misc.c: a client that hung up during the tests before or
	// after postscreen's own greeting.
	{ID: "postscreen_hangup", Match: []string{"hangup after ", " from ["}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true, PassEnds: true,
		Cause:  "clients hung up while postscreen ran its tests (waiting for the greeting, the DNSBL lookups, the SMTP dialogue it holds before smtpd): bots and scanners that give up or were told to retry, and real senders that met postscreen's 450 after-greeting tests once and retry later",
		Fix:    "nothing for scattered ones: postscreen kept them from taking an smtpd process; a client that comes back again and again can be banned (fail2ban's postfix filter in ddos mode); a sender you expect that hangs up each time is delayed by the after-greeting tests (postscreen_pipelining_enable, postscreen_non_smtp_command_enable, postscreen_bare_newline_enable): postscreen_access_list permits it",
		Params: []string{"postscreen_greet_wait", "postscreen_access_list"}},
	// postscreen ends a session that breaks its command limits
	// (postscreen_smtpd.c: COMMAND TIME/COUNT/LENGTH LIMIT from [addr]:port
	// after CMD): its deep-protocol tests catching bots.
	{ID: "postscreen_command_limit", Match: []string{"command ", " limit from "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:  "postscreen cut off clients that exceeded its command limits in the SMTP dialogue it runs before smtpd (time for the whole dialogue, number of commands, line length): spambots and scanners; real mail servers, which finish their dialogue, do not meet them",
		Fix:    "nothing for scattered ones: postscreen stopped them before they took an smtpd process; a client that comes back again and again can be banned (fail2ban's postfix filter in ddos mode reads these lines); raising postscreen_command_time_limit or postscreen_command_count_limit only helps the bots, and more smtpd processes change nothing",
		Params: []string{"postscreen_command_time_limit", "postscreen_command_count_limit", "line_length_limit"}},
	// --- Messages real logs hold that name no failure of their own, or
	// one an admin meets often and no entry above explains.
	// data_redirect.c: a daemon asked to update a table in a directory
	// mail_owner does not own writes it in data_directory instead, and
	// says so in two warnings at each start.
	{ID: "table_update_redirected", Opens: true, Match: []string{"request to update ", " in non-", " directory "}, Or: [][]string{{"redirecting the request to ", "-owned data_directory "}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true, Noise: true,
		Title:  "a table is written in data_directory instead of where main.cf names it (nothing fails)",
		Cause:  "a Postfix daemon was to update a table (a TLS session cache, smtpd_tls_session_cache_database or smtp_tls_session_cache_database, or address_verify_map, postscreen_cache_map) in a directory mail_owner does not own, most often the queue directory, which is root's (old main.cf files name btree:/var/spool/postfix/smtpd_scache): Postfix writes it in data_directory instead and says so each time a daemon starts; the table works and no mail waits",
		Fix:    "name the table in data_directory so that the warning stops, for the cache the line names: postconf -e 'smtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache' (smtp_tls_session_cache_database with smtp_scache alike; lmdb: where btree: is gone), then postfix reload; do not chown the queue directory or /etc/postfix to postfix to quiet it: both must stay root's",
		Params: []string{"data_directory", "smtpd_tls_session_cache_database", "smtp_tls_session_cache_database", "address_verify_map", "postscreen_cache_map"}},
	// dict_nis.c: a nis: table (alias_maps' built-in default on builds
	// with NIS) on a host without a NIS domain.
	{ID: "nis_domain_not_set", Match: []string{"nis domain name not set"}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true, Noise: true,
		Title:  "Postfix skips a nis: table: this host has no NIS domain (nothing fails)",
		Cause:  "a Postfix program opened a nis: table (alias_maps' built-in default on systems built with NIS is the aliases file and nis:mail.aliases) and this host has no NIS domain, so that table is skipped; the other tables answer and mail is delivered; each program that opens the table says so when it starts",
		Fix:    "if this host uses no NIS, take the nis: table out of alias_maps: when postconf -n sets no alias_maps, set it to the value postconf -d alias_maps shows without its nis: entry (postconf -e 'alias_maps = hash:/etc/aliases' for the usual one); when it sets one, remove only the nis: entry and keep the rest; then postfix reload",
		Params: []string{"alias_maps", "alias_database"}},
	// watchdog.c: a daemon stuck in one step past its watchdog ends
	// itself; the master starts another.
	{ID: "watchdog_timeout", Opens: true, Match: []string{"watchdog timeout"}, Class: ClassDaemonCrash, Hint: HintDaemonCrash, Side: "host",
		Cause:  "a Postfix daemon was stuck in one step past its watchdog and ended itself: postscreen within postscreen_watchdog_timeout (10s) of a client command or a cache operation, the other daemons within daemon_timeout (5h) of one request; what it waited on is the fault: a lock on a cache table held by another process (a postscreen_cache_map or TLS session cache shared by two instances or containers, or kept on a network filesystem), a disk or NFS that stalls, a host starved of CPU or memory (a throttled container, a swapping VM), or a DNS, milter or table lookup that hangs; the master starts another process, and the sessions the stuck one held are lost",
		Fix:    "see which daemon logged it (its tag) and what the log says just before (lock, timeout, I/O lines); keep each instance's caches in its own data_directory on a local disk, and check the host's load, I/O wait and memory (vmstat 1, dmesg) and the container's CPU limit; raising postscreen_watchdog_timeout or daemon_timeout only lets a stuck process hang longer, and emptying postscreen_cache_map ends the cache's stalls but sends every client through the tests again",
		Params: []string{"postscreen_watchdog_timeout", "daemon_timeout", "postscreen_cache_map", "data_directory"}},
	// dict_db.c, dict_lmdb.c, dict_cdb.c, dict_dbm.c, dict_sdbm.c and
	// dict_thash.c: postmap and postalias (DICT_FLAG_DUP_WARN) keep a
	// key's first value and warn of each later line with the same key.
	{ID: "table_duplicate_entry", Match: []string{": duplicate entry: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true,
		Cause:  "postmap or postalias (newaliases) met a key twice in a table's source file: the first line with that key is kept and the later ones are dropped, so a line added at the end to change an entry (a new alias target, another route or password) has no effect while the earlier one is there",
		Fix:    "find the keys listed twice in the source file (the path on the line without .db, .lmdb or .cdb), keep one line per key with the value meant, and run postmap (postalias for an aliases file) on it again; a script that writes the table should write each key once; postmap -w only hides the warning and keeps the first value",
		Params: []string{"default_database_type"}},
	// smtpd_check.c: check_*_mx_access and check_*_ns_access could not
	// look up a domain's MX or NS hosts, or one host's address: the
	// check returns DUNNO and smtpd goes on.
	{ID: "check_server_lookup_failed", Opens: true, Program: "smtpd", Match: []string{"unable to look up ", " host "}, Class: ClassDNS, Hint: "dns", Side: "inbound", Calm: true, Noise: true,
		Title:  "smtpd skips an MX or NS access check for domains whose DNS does not answer",
		Cause:  "a check_sender_mx_access, check_recipient_mx_access, check_client_mx_access or check_*_ns_access restriction could not look up a domain's MX or NS hosts, or the address of one of them: smtpd skips that check for the mail (it neither permits nor refuses on it) and goes on with the next restriction; the domain's own DNS is broken, mostly spam senders' domains; when many domains fail at once, big providers' among them, this host's resolver is failing",
		Fix:    "nothing for scattered domains; when well-known domains fail too, test this host's resolver (dig mx gmail.com through the server in /etc/resolv.conf, and the copy under the queue directory a chrooted smtpd reads) and fix it first: every restriction that looks names up is skipped or fails while it lasts",
		Params: []string{"smtpd_sender_restrictions", "smtpd_recipient_restrictions"}},
	// postscreen_endpt.c: the client was gone before postscreen read its
	// address.
	{ID: "postscreen_getpeername", Opens: true, Program: "postscreen", Match: []string{"getpeername: ", "dropping this connection"}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause: "postscreen took a connection whose client had already gone (a scanner that opens connections and resets them, a client that gave up while its connection waited in the listen queue): it could not read the client's address and dropped the connection; no mail was lost",
		Fix:   "nothing for scattered ones; many at once while other clients wait long for a greeting mean connections sit in the listen queue: look at the host's load and at postscreen's DNSBL lookups (dnsblog reply timeouts) before any limit"},
	// xsasl_cyrus_log.c: Cyrus SASL's own log line for a password that
	// did not match; smtpd's failed-login line with the client follows,
	// and counts the login. Cyrus writes it too when saslauthd could not
	// be asked at all: a failed login (FailedLogin), which an AuthBackend
	// entry's failure explains.
	{ID: "cyrus_password_failed", FailedLogin: true, Opens: true, Program: "smtpd", Match: []string{"sasl authentication failure: password verification failed"}, Class: ClassOther, Hint: "inbound_limits", Side: "inbound", Calm: true, Noise: true,
		Cause:  "Cyrus SASL's own word that a password did not match (its sasldb or auxprop database, or saslauthd, said no); smtpd logs the failed login with its client on the next line: on a server reachable from the Internet mostly bots guessing passwords; when this site's own users fail too, smtpd checks them against another backend than the one that holds them (pwcheck_method, auxprop_plugin or the realm in smtpd.conf, saslauthd's mechanism)",
		Fix:    "if a user of this site fails, test the login where smtpd checks it (testsaslauthd -u USER -p PASSWORD for saslauthd; sasldblistusers2 for sasldb, where the user is stored as user@realm) and compare smtpd.conf under cyrus_sasl_config_path; do not ban this site's users' addresses; for strangers, cap guesses with smtpd_client_auth_rate_limit or fail2ban",
		Params: []string{"smtpd_sasl_type", "cyrus_sasl_config_path", "smtpd_sasl_local_domain", "smtpd_client_auth_rate_limit"}},
	// Debian's postfix-script (postfix check, run at every start): a
	// symlink in the configuration directory that points out of it.
	{ID: "config_symlink_leaves", Opens: true, Program: "postfix-script", Match: []string{"symlink leaves directory: "}, Class: ClassConfigError, Hint: HintConfigError, Side: "host", Calm: true, Noise: true,
		Title: "postfix check notes a symlink out of the configuration directory (nothing fails)",
		Cause: "postfix check (which postfix start and the package's start script run) found a symbolic link in the configuration directory that points outside it: on Debian and Ubuntu /etc/postfix/makedefs.out links to /usr/share/postfix/makedefs.out as the package installs it, and the line is harmless; a link nobody here made, to a file elsewhere, is worth a look, since whoever can write its target changes Postfix's configuration",
		Fix:   "for makedefs.out nothing, or replace the link with a copy of its target to quiet it (cp --remove-destination /usr/share/postfix/makedefs.out /etc/postfix/makedefs.out); for another file, ls -l the path the line names and make sure root owns the target and no other user can write it"},
	// attr_scan*.c: a service answered in something other than Postfix's
	// attribute protocol.
	{ID: "attr_malformed_data", Opens: true, Match: []string{"malformed base64 data from "}, Or: [][]string{{"malformed numerical data from "}}, Class: ClassConfigError, Hint: HintConfigError, Side: "host",
		Cause:  "a Postfix program asked a service over its attribute protocol (a policy server in check_policy_service, a tcp: or socketmap: table, one of Postfix's own services) and got back something that is not that protocol: the address points at another kind of server (an SMTP port such as a content filter's, an HTTP service) or the program there speaks another version of it; each request fails (a policy check answers 451 4.3.5 and the mail waits)",
		Fix:    "compare the service the line names (after 'from') with what listens there (ss -ltnp); point check_policy_service or the table at the service's own address and port, then postfix reload",
		Params: []string{"smtpd_recipient_restrictions", "smtpd_relay_restrictions"}},
	// smtpd.c: MAIL FROM or RCPT TO with an address smtpd cannot parse;
	// the client gets 501 5.1.7 or 5.1.3 Bad ... address syntax. What
	// follows the client is its own command, which knownText leaves out.
	{ID: "illegal_address_syntax", Opens: true, Program: "smtpd", Match: []string{"illegal address syntax from "}, Class: ClassNone, Hint: "inbound_limits", Side: "inbound", Calm: true,
		Cause:       "a client sent MAIL FROM or RCPT TO with an address smtpd cannot parse (unbalanced <>, a display name or spaces inside the brackets, <> as a recipient): smtpd answered 501 Bad sender or recipient address syntax and that command failed; spam bots do this, and now and then a program of this site that writes its envelope badly (a web form, a list manager, a script)",
		Fix:         "nothing for strangers; when the client is a program of this site (its name or address on the line), fix how it writes the envelope (MAIL FROM:<user@example.com>, no name or comment inside the brackets, never <> as a recipient); strict_rfc821_envelopes = yes would refuse more such addresses, not fewer",
		LoopbackFix: "the client is this host itself: a program here (a web application, a list manager, a script speaking SMTP) writes a malformed envelope address and its mail is refused; fix its sender or recipient setting (MAIL FROM:<user@example.com>, never <> as a recipient); nothing changes in Postfix",
		Params:      []string{"strict_rfc821_envelopes"}},
	// dns_lookup.c valid_rr_name: an MX, CNAME, NS or PTR record whose
	// target is an address (used anyway) or no valid name (dropped).
	{ID: "dns_record_bad_name", Match: []string{"domain name in resource data of "}, Class: ClassDNS, Hint: "dns", Calm: true, Noise: true,
		Cause: "a domain's DNS answered with a record whose target is not a host name: an MX or CNAME naming an IP address (numeric domain name: Postfix uses it anyway) or a malformed name (Postfix drops that record, and mail to or checks of that domain fail when no other record is left); the domain's DNS is wrong, not this host",
		Fix:   "nothing on this host; if the domain matters, tell its administrators that MX and CNAME targets must be host names with address records, not IP addresses or names with bad characters"},
}

// knownLower is the maximum message length matched against the table.
const knownLower = 1024

// MatchKnown returns 1 + the index of the first KnownMessages entry whose
// texts all appear in msg (case-blind), or 0. Entries for one delivery
// agent's replies are left out.
func MatchKnown(msg string) uint16 { return knownIdx.match(msg, readsLine) }

// MatchKnownClient is MatchKnown for a line that names a client: with a
// private or loopback address, the PrivateClient entries may match too,
// and the KnownClient ones with that or a reverse name.
func MatchKnownClient(msg, clientName, clientIP string) uint16 {
	return matchKnownLine(msg, "", "", clientName, clientIP)
}

// matchKnownLine is MatchKnownClient for a line daemon logged: the
// master's lines may match the Master entries too.
func matchKnownLine(msg, daemon, syslogName, clientName, clientIP string) uint16 {
	reads := readsLine
	if daemon == "master" {
		reads |= readsMaster
	}
	private := privateClient(clientIP)
	if private {
		reads |= readsPrivate
	}
	if private || clientName != "" && clientName != "unknown" {
		reads |= readsKnownClient
	}
	k := knownIdx.match(msg, reads)
	if k == 0 && reads&readsKnownClient == 0 && SubmissionService(syslogName) {
		if k = knownIdx.match(msg, reads|readsKnownClient); k != 0 && KnownMessages[k-1].SubmissionFix == "" {
			k = 0
		}
	}
	return k
}

// PostscreenVerdicts start postscreen's lines that judge a client: it
// passed the tests or is on the permanent access list (Postfix 3.6 says
// ALLOWLISTED and DENYLISTED where older ones said WHITELISTED and
// BLACKLISTED), or it failed one (postscreen_early.c, postscreen_smtpd.c,
// postscreen_dnsbl.c: talked before the greeting, pipelined, sent no SMTP,
// hung up in the tests, is on the DNSBLs).
var PostscreenVerdicts = []struct {
	Prefix string
	Passed bool
}{
	{"PASS NEW ", true}, {"PASS OLD ", true}, {"WHITELISTED ", true}, {"ALLOWLISTED ", true},
	{"PREGREET ", false}, {"DNSBL rank ", false}, {"HANGUP after ", false}, {"COMMAND ", false},
	{"NON-SMTP COMMAND ", false}, {"BARE NEWLINE ", false}, {"BLACKLISTED ", false}, {"DENYLISTED ", false},
}

// verdictStarts are the first bytes of PostscreenVerdicts' prefixes.
var verdictStarts = func() (b [256]bool) {
	for _, v := range PostscreenVerdicts {
		b[v.Prefix[0]] = true
	}
	return b
}()

// PostscreenVerdict says whether msg, the text of a postscreen line,
// judges its client (PostscreenVerdicts), and whether the client passed.
// Most of postscreen's lines are CONNECT and DISCONNECT, which judge
// nothing: they cost two prefix tests, not one per verdict.
func PostscreenVerdict(msg string) (passed, ok bool) {
	if msg == "" || !verdictStarts[msg[0]] || strings.HasPrefix(msg, "CONNECT ") || strings.HasPrefix(msg, "DISCONNECT ") {
		return false, false
	}
	for _, v := range PostscreenVerdicts {
		if strings.HasPrefix(msg, v.Prefix) {
			return v.Passed, true
		}
	}
	return false, false
}

// submissionSyslogNames are the last elements of the syslog_name that
// master.cf's stock submission (587), smtps and submissions (465) entries
// give their smtpd (-o syslog_name=postfix/submission).
var submissionSyslogNames = []string{"submission", "smtps", "submissions"}

// SubmissionService tells whether syslogName (postfix/submission, the tag
// less its daemon) is a submission service's: its clients are this site's
// users and their mail programs, which log in, not strangers' servers, so
// a refusal of a client without a reverse name is no probe to ignore.
func SubmissionService(syslogName string) bool {
	i := strings.LastIndexByte(syslogName, '/')
	return i >= 0 && slices.Contains(submissionSyslogNames, syslogName[i+1:])
}

// SubmissionServiceName tells whether name, a master.cf service name as
// smtpd's "for service NAME" gives it, is a submission service's: the
// stock names (submission, smtps, submissions) or their ports (587, 465),
// with or without a host before the port.
func SubmissionServiceName(name string) bool {
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return slices.Contains(submissionSyslogNames, name) || name == "587" || name == "465"
}

// privateClient tells whether ip is a private (RFC 1918, RFC 4193) or
// loopback address: never a sender's own address on the Internet.
func privateClient(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	return a.IsPrivate() || a.IsLoopback()
}

// MatchAgentReason is MatchKnown for a delivery reason of agent (lmtp):
// it tries only the entries written for that agent's replies.
func MatchAgentReason(agent, reason string) uint16 {
	reads := agentReads(agent)
	if reads == 0 {
		return 0
	}
	return knownIdx.match(reason, reads)
}

// ReplyAlt is an entry (ID) that reads another's words when the remote
// reply they quote holds Words.
type ReplyAlt struct{ Words, ID string }

// knownForReply returns entry k (1-based), or the entry its ReplyAlt
// names when the remote reply that s, its line's message, quotes holds
// that entry's words, or the entry its TempReply names when code, the
// reply code its line quotes, is temporary (4xx).
func knownForReply(k uint16, code int, s string) uint16 {
	if k == 0 {
		return k
	}
	if alts := KnownMessages[k-1].ReplyAlt; len(alts) > 0 {
		reply := strings.ToLower(s[len(beforeReply(s)):])
		for _, a := range alts {
			if strings.Contains(reply, a.Words) {
				return knownByID(k, a.ID)
			}
		}
	}
	if code < 400 || code > 499 {
		return k
	}
	return knownByID(k, KnownMessages[k-1].TempReply)
}

// knownByID returns the entry (1-based) whose ID is id, or k when none is.
func knownByID(k uint16, id string) uint16 {
	if id == "" {
		return k
	}
	for i := range KnownMessages {
		if KnownMessages[i].ID == id {
			return uint16(i + 1)
		}
	}
	return k
}

// MatchClientReason is MatchKnown for a delivery reason of the smtp or
// lmtp client: it tries only the entries for what the client writes there
// itself (ClientReason), on the reason cut where a remote's reply starts.
func MatchClientReason(reason string) uint16 {
	reason = beforeReply(reason)
	if !knownIdx.mayReadClient(reason) {
		return 0
	}
	return knownIdx.match(reason, readsClient)
}

// mayReadClient tells whether a client's reason may match an entry: it
// holds, lower-cased, a four-byte piece without a space of one of their
// first texts. knownText's blanking writes only spaces, so a reason
// without one cannot match, and most reasons skip knownText's work.
func (ix *knownIndex) mayReadClient(s string) bool {
	if ix.clientAny {
		return true
	}
	s = s[:min(len(s), knownLower)]
	if len(s) < 4 {
		return false
	}
	v := uint32(lowerASCII[s[0]])<<8 | uint32(lowerASCII[s[1]])<<16 | uint32(lowerASCII[s[2]])<<24
	for i := 3; i < len(s); i++ {
		v = v>>8 | uint32(lowerASCII[s[i]])<<24
		if ix.clientKey[quadHash(v)] {
			return true
		}
	}
	return false
}

// beforeReply cuts a delivery reason where a remote's reply starts, as
// withoutReply does, but before the text is lower-cased and blanked: the
// clients write the marks in lower case, and most reasons they write
// quote a reply that is not read.
func beforeReply(s string) string {
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(s) && s[i+1] == ' ' {
			for _, m := range replyMarkText {
				if strings.HasSuffix(s[:i], m) {
					return s[:i-len(m)]
				}
			}
		}
	}
	return s
}

// What an entry reads, as bits of knownPat.reads.
const (
	readsLine        uint16 = 1 << iota // log lines: warnings and worse, rejects, lines no parser claimed
	readsLMTP                           // lmtp's delivery reasons, its mailbox server's replies included
	readsClient                         // smtp's and lmtp's delivery reasons, up to a remote's reply
	readsPrivate                        // log lines whose client has a private or loopback address
	readsKnownClient                    // log lines whose client has a reverse name or a private address
	readsMaster                         // the master's own log lines
	readsDovecot                        // the lines Dovecot logs, from their level on
	readsChecker                        // the lines the sender-authentication milters log
	readsSystemd                        // systemd's lines about Postfix's unit
	readsKernel                         // the kernel's lines about a Postfix process it killed
)

// reads is what the entry reads.
func (k *Known) reads() uint16 {
	if k.Master {
		if k.Agent != "" || k.ClientReason || k.PrivateClient || k.KnownClient {
			return 0
		}
		return readsMaster
	}
	if k.PrivateClient || k.KnownClient {
		if k.Agent != "" || k.ClientReason || k.PrivateClient && k.KnownClient {
			return 0
		}
		if k.KnownClient {
			return readsKnownClient
		}
		return readsPrivate
	}
	r := agentReads(k.Agent)
	if k.ClientReason && k.Agent == "" {
		r |= readsClient
	}
	return r
}

// agentReads is the bit of the delivery reasons of agent, or 0.
func agentReads(agent string) uint16 {
	switch agent {
	case "":
		return readsLine
	case "lmtp":
		return readsLMTP
	case "dovecot":
		return readsDovecot
	case "checker":
		return readsChecker
	case "systemd":
		return readsSystemd
	case "kernel":
		return readsKernel
	}
	return 0
}

// match returns 1 + the first entry that reads what reads names and whose
// texts all appear in msg, or 0. Only an agent's reasons keep the reply
// a text quotes.
func (ix *knownIndex) match(msg string, reads uint16) uint16 {
	var buf [knownLower]byte
	low := knownText(msg, &buf)
	if reads&readsLMTP == 0 {
		low = withoutReply(low)
	}
	own := refusalText(low)
	// One pass over the text, as Classify makes: at each position only the
	// entries whose first text hashes like the four bytes there are tried;
	// the lowest entry whose texts all appear wins.
	best := len(ix.first)
	if len(low) >= 4 {
		v := uint32(low[0])<<8 | uint32(low[1])<<16 | uint32(low[2])<<24
		for i := 3; i < len(low); i++ {
			v = v>>8 | uint32(low[i])<<24 // the four bytes at i-3, as quad reads them
			if id := ix.head[quadHash(v)]; id != 0 && int(id) <= best {
				best = ix.matchAt(low, own, i-3, v, id, best, reads)
			}
		}
	}
	if best == len(ix.first) {
		return 0
	}
	return uint16(best + 1)
}

// matchAt tries the entries of chain id (1-based, in table order) that
// read reads and whose first text starts at low[i:] with the four bytes
// head, and returns the lowest entry matched so far. The first own bytes
// of low are the daemon's own words, all that an entry without Reply
// reads.
func (ix *knownIndex) matchAt(low []byte, own, i int, head uint32, id uint16, best int, reads uint16) int {
	for ; id != 0 && int(id) <= best; id = ix.first[id-1].next {
		kp := &ix.first[id-1]
		text := low
		if !kp.reply {
			text = low[:own]
		}
		if kp.head != head || kp.reads&reads == 0 || kp.opens && i != 0 || len(text)-i < len(kp.pat) || string(text[i:i+len(kp.pat)]) != kp.pat {
			continue
		}
		if knownRest(text, ix.rest[id-1]) && kp.least.holds(text) {
			return int(id) - 1 // the chain runs in table order: no later entry wins
		}
	}
	return best
}

// replyMarks start a remote server's reply that a warning quotes (the
// smtp client's "SASL authentication failed; server X said: 535 ..."):
// what follows is the remote's words. Only an agent's entries (lmtp, the
// site's own mailbox server) read a reply.
var replyMarks = [...][]byte{[]byte(replyMarkText[0]), []byte(replyMarkText[1])}

var replyMarkText = [...]string{" said", " refused to talk to me"}

// withoutReply cuts a lower-cased message where a quoted reply starts.
// Both marks end in ": ", so only the few colons are looked at.
func withoutReply(low []byte) []byte {
	for i := 0; i < len(low); i++ {
		j := bytes.IndexByte(low[i:], ':')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(low) && low[i+1] == ' ' {
			for _, m := range replyMarks {
				if bytes.HasSuffix(low[:i], m) {
					return low[:i-len(m)]
				}
			}
		}
	}
	return low
}

// ownLen is how much of low, a lower-cased message or delivery reason, is
// a Postfix daemon's own words: up to a remote server's reply that it
// quotes (withoutReply) or a refusal's text (refusalText).
func ownLen(low []byte) int {
	return min(len(withoutReply(low)), refusalText(low))
}

// refusalActions start the lines in which smtpd, postscreen and cleanup
// log what they did with a client's request, "ACTION: STAGE from CLIENT:
// TEXT" (smtpd_check.c, postscreen_smtpd.c, cleanup_milter.c): TEXT is the
// reply sent or the action's note, which an access table, a policy
// service, a milter or the admin words. A coded action's TEXT is one only
// when it opens with a reply code or status: postscreen's reason for a
// connection it refuses opens without one ("reject: CONNECT from
// [addr]:port: all server ports busy"), and is postscreen's own.
var refusalActions = [...]struct {
	action string
	coded  bool
}{
	{"reject: ", true}, {"reject_warning: ", true}, {"milter-reject: ", true}, {"proxy-reject: ", true},
	{"warn: ", false}, {"info: ", false}, {"hold: ", false}, {"discard: ", false},
	{"filter: ", false}, {"redirect: ", false},
}

// refusalFirst marks the first bytes of refusalActions.
var refusalFirst = func() (b [256]bool) {
	for _, a := range refusalActions {
		b[a.action[0]] = true
	}
	return b
}()

// refusalText is where a refusal's TEXT starts in low, a lower-cased
// message (refusalActions), or len(low) when low is none.
func refusalText(low []byte) int {
	if len(low) == 0 || !refusalFirst[low[0]] {
		return len(low)
	}
	for _, a := range refusalActions {
		if len(low) < len(a.action) || string(low[:len(a.action)]) != a.action {
			continue
		}
		i := indexLow(low[len(a.action):], colonSpace)
		if i < 0 {
			return len(low)
		}
		t := len(a.action) + i + len(colonSpace)
		if a.coded && (t == len(low) || !isDigit(low[t])) {
			return len(low)
		}
		return t
	}
	return len(low)
}

// remoteQuotes are the starts of messages that quote a command a client
// sent: nothing in them is Postfix's own wording. Content checks' lines
// (contentCheck) quote the message.
var remoteQuotes = [...]string{"reject: ETRN ", "bad ETRN "}

// contentClasses are what cleanup names before the text that one of its
// content checks caught (cleanup_message.c's cleanup_act_log, after the
// queue id: "ACTION: CLASS TEXT from CLIENT; from=<...> ...: NOTE"): a
// header line (header_checks, mime_header_checks, nested_header_checks,
// milter_header_checks), a body line (body_checks), or a line with a
// character message_reject_characters refuses. TEXT is what the sender
// wrote.
var contentClasses = [...]string{"header ", "body ", "content "}

// contentCheck returns the length of the words before TEXT when msg is
// such a line, and true. The action is one lower-case word (reject,
// warning, discard, hold, info, redirect, milter-header-redirect, ...);
// the parser takes WARN's "warning: " for a severity, which leaves the
// class first.
func contentCheck(msg string) (int, bool) {
	i := 0
	for i < len(msg) && ('a' <= msg[i] && msg[i] <= 'z' || msg[i] == '-' || msg[i] == '_') {
		i++
	}
	if i == 0 || !strings.HasPrefix(msg[i:], ": ") {
		i = 0
	} else {
		i += len(": ")
	}
	for _, c := range contentClasses {
		if strings.HasPrefix(msg[i:], c) {
			return i + len(c) - 1, true
		}
	}
	return 0, false
}

const (
	envelopeMark = "; from=<"
	saslUserMark = "sasl_username="
)

// knownSpecial marks the bytes knownText looks at twice.
var knownSpecial = [256]bool{';': true, '[': true, '<': true, '=': true}

// lowerASCII maps each byte to its ASCII lower case.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// knownText lower-cases msg into buf and leaves out what a remote party
// chooses, so a crafted HELO, address, PTR name or user name cannot
// match an entry: the envelope after a reject's "; from=<", a SASL user
// name (logged last), and host names and addresses, blanked as Classify's
// blankNames does. A message that quotes the client is empty.
func knownText(msg string, buf *[knownLower]byte) []byte {
	if _, ok := contentCheck(msg); ok {
		return nil
	}
	for _, q := range remoteQuotes {
		if strings.HasPrefix(msg, q) {
			return nil
		}
	}
	if strings.HasPrefix(msg, nonSMTPCommand) || strings.HasPrefix(msg, illegalAddressFrom) {
		msg = clientOwnWords(msg) // what follows the client is what it sent
	}
	n := min(len(msg), len(buf))
	// One pass lower-cases, stops at the envelope or the user name
	// (Postfix writes both marks in lower case), and notes where names
	// may start so that blanking visits only those places.
	var marks [24]uint16
	nm := 0
scan:
	for i := 0; i < n; i++ {
		c := lowerASCII[msg[i]]
		if knownSpecial[c] {
			switch {
			case c == ';':
				if strings.HasPrefix(msg[i:], envelopeMark) {
					n = i
					break scan
				}
			case c == '=' && strings.HasSuffix(msg[:i], saslUserMark[:len(saslUserMark)-1]):
				n = i - (len(saslUserMark) - 1)
				break scan
			default:
				if nm < len(marks) {
					marks[nm] = uint16(i)
				}
				nm++
			}
		}
		buf[i] = c
	}
	low := buf[:n]
	if nm > len(marks) {
		blankNames(low)
	} else if nm > 0 {
		blankAt(low, marks[:nm])
	}
	blankRemoteValues(low)
	return low
}

// remoteAfter lists where Postfix's warnings put a value a remote party
// chose without brackets: a table key, a recipient domain, DNS data. The
// value starts after the mark and runs to the next space, or to the end
// of the message when toEnd is set. Marks are lower case; the ones that
// end in "for " are found by one search for "for ".
var remoteAfter = [...]struct {
	mark  string
	toEnd bool
}{
	{"lookup error for address ", true}, // smtpd_check: address, then the client
	{"lookup error for ", false},        // maps, smtp_chat, smtp_proto: the key
	{"lookup problem for ", false},      // cleanup: the address
	{"lookup failed for ", false},       // smtp_sasl_auth_cache, tlsrpt
	{"mx host for ", false},             // smtp: no MX host for DOMAIN has ...
	{"srv host for ", false},
	{"record for ", true}, // dns: ... record for NAME: DATA
	{"null lookup result for ", false},
	{"policy lookup error for ", false}, // smtp: DOMAIN/HOST
	{"policy lookup for ", false},
	{"host for ", true}, // smtpd_check: Unable to look up MX host for DOMAIN: ...
}

// remoteFirst lists the messages that start with such a value's mark.
var remoteFirst = [...]struct {
	mark  string
	toEnd bool
}{
	{"hostname ", false},    // smtpd: hostname NAME does not resolve to address ...
	{"tls sni from ", true}, // tls: the SNI name the client sent
	{"address not listed for hostname ", false},
}

// remoteTail lists marks after which the rest of a message is a value a
// client chose: smtpd's reject_sender_login_mismatch names the SASL login
// ("Sender address rejected: not owned by user NAME").
var remoteTail = [...][]byte{[]byte("not owned by user ")}

// blankRemoteValues blanks, in a lower-cased message, what a remote party
// chose that blankNames leaves: double-quoted values (table keys, a
// client's SNI or EHLO value), words with an '@' (addresses), and the
// values that follow remoteAfter's and remoteFirst's marks.
func blankRemoteValues(low []byte) {
	for i := 0; i < len(low); {
		j := bytes.IndexByte(low[i:], '"')
		if j < 0 {
			break
		}
		i += j
		end := bytes.IndexByte(low[i+1:], '"')
		if end < 0 {
			fill(low[i:], ' ') // a value cut short: the rest is the remote's
			break
		}
		fill(low[i:i+end+2], ' ')
		i += end + 2
	}
	for i := 0; i < len(low); {
		j := bytes.IndexByte(low[i:], '@')
		if j < 0 {
			break
		}
		at := i + j
		start := at
		for start > 0 && low[start-1] != ' ' && low[start-1] != '(' {
			start--
		}
		end := at + 1
		for end < len(low) && addressByte[low[end]] {
			end++
		}
		fill(low[start:end], ' ')
		i = end
	}
	// Postfix before 2.9 put the client's address first ("ADDR: address
	// not listed for hostname NAME"): a mark also counts after such a head.
	head := 0
	if k := bytes.Index(low, colonSpace); k > 0 && k <= 46 && bytes.IndexByte(bytes.TrimLeft(low[:k], " "), ' ') < 0 {
		head = k + len(colonSpace)
	}
	for _, r := range remoteFirst {
		if bytes.HasPrefix(low, []byte(r.mark)) {
			blankValue(low, len(r.mark), r.toEnd)
		} else if head > 0 && bytes.HasPrefix(low[head:], []byte(r.mark)) {
			blankValue(low, head+len(r.mark), r.toEnd)
		}
	}
	for _, m := range remoteTail {
		if i := indexLow(low, m); i >= 0 {
			blankValue(low, i+len(m), true)
		}
	}
	for i := 0; i < len(low); {
		j := indexLow(low[i:], forMark)
		if j < 0 {
			break
		}
		i += j + len("for ")
		for _, r := range remoteAfter {
			if bytes.HasSuffix(low[:i], []byte(r.mark)) {
				blankValue(low, i, r.toEnd)
				break
			}
		}
	}
}

var colonSpace = []byte(": ")

// forMark precedes the value remoteAfter's marks name.
var forMark = []byte("for ")

// indexLow is bytes.Index for the short marks looked for in a lowered
// message. bytes.Index, once inlined (as profile-guided inlining does on
// this path), makes its argument escape through its Rabin-Karp fallback,
// which moved the caller's stack buffer to the heap: a 1 KiB allocation
// a lookup.
func indexLow(s, sep []byte) int {
	if len(sep) == 0 {
		return 0
	}
	for i := 0; i+len(sep) <= len(s); i++ {
		j := bytes.IndexByte(s[i:len(s)-len(sep)+1], sep[0])
		if j < 0 {
			return -1
		}
		i += j
		if string(s[i:i+len(sep)]) == string(sep) {
			return i
		}
	}
	return -1
}

// blankValue blanks low from i to the next space, or to the end.
func blankValue(low []byte, i int, toEnd bool) {
	end := len(low)
	if !toEnd {
		if j := bytes.IndexByte(low[i:], ' '); j >= 0 {
			end = i + j
		}
	}
	fill(low[i:end], ' ')
}

// addressByte marks the bytes a domain name holds (and an address
// literal's brackets); ':' is not one, so "recipient a@b: not found"
// keeps its colon.
var addressByte = func() (t [256]bool) {
	for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789.-_[]" {
		t[c] = true
	}
	return t
}()

// blankAt is blankNames for a text whose '[', '<' and '=' are at marks,
// in order.
func blankAt(low []byte, marks []uint16) {
	next := 0
	for _, m := range marks {
		i := int(m)
		if i >= len(low) {
			return
		}
		if i >= next {
			next = blankOne(low, i)
		}
	}
}

func knownRest(low []byte, pats [][]byte) bool {
	for _, m := range pats {
		if !bytes.Contains(low, m) {
			return false
		}
	}
	return true
}

// knownIndex holds a table's texts for matching: each entry's first text
// is chained by the hash of its first four bytes, so a match does not try
// every entry at every byte.
type knownIndex struct {
	first []knownPat // one per entry, in table order
	rest  [][][]byte // each entry's other texts
	// head holds each chain's first entry, 1-based into first; a chain
	// runs in table order.
	head [1 << quadBits]uint16
	// clientKey marks the hash of a four-byte piece without a space of
	// each first text the clients' reasons are read for (mayReadClient);
	// clientAny is set when one has no such piece.
	clientKey [1 << quadBits]bool
	clientAny bool
}

// knownPat is an entry's first text and what the entry reads.
type knownPat struct {
	pat   string
	head  uint32 // the first four bytes, packed as quadHash takes them
	next  uint16 // the chain's next entry, 1-based; 0 ends it
	reads uint16
	opens bool // Known.Opens: matched at the text's start only
	reply bool // Known.Reply: reads a refusal's text too
	least *CountAtLeast
}

// maxKnown is the most entries a table may hold: entry numbers are 1-based
// uint16s, in the index as in Record.Known.
const maxKnown = 1<<16 - 1

// newKnownIndex indexes table. What it cannot index (an entry past
// maxKnown, a text not in lower case, a first text shorter than four
// bytes, an agent it does not know) is left out and named in the error,
// which a test reports: such an entry never matches.
func newKnownIndex(table []Known) (*knownIndex, error) {
	var errs []error
	if len(table) > maxKnown {
		errs = append(errs, fmt.Errorf("knowledge base has %d entries, the index holds %d", len(table), maxKnown))
		table = table[:maxKnown]
	}
	ix := &knownIndex{first: make([]knownPat, len(table)), rest: make([][][]byte, len(table))}
	// Backwards, so that each chain starts at its lowest entry.
	for i := len(table) - 1; i >= 0; i-- {
		k := &table[i]
		reads := k.reads()
		switch {
		case reads == 0:
			errs = append(errs, fmt.Errorf("knowledge-base entry %s: unknown agent %q", k.ID, k.Agent))
			continue
		case k.ClientReason && k.Agent != "":
			errs = append(errs, fmt.Errorf("knowledge-base entry %s: an agent's entry reads its reasons already (ClientReason)", k.ID))
			continue
		case len(k.Match) == 0 || len(k.Match[0]) < 4:
			errs = append(errs, fmt.Errorf("knowledge-base entry %s: no first text of four bytes", k.ID))
			continue
		}
		lower := true
		for _, m := range k.Match {
			if m != strings.ToLower(m) {
				errs = append(errs, fmt.Errorf("knowledge-base entry %s: text not lower-case: %q", k.ID, m))
				lower = false
			}
		}
		for _, a := range k.ReplyAlt {
			if a.Words == "" || a.Words != strings.ToLower(a.Words) || !slices.ContainsFunc(table, func(e Known) bool { return e.ID == a.ID }) {
				errs = append(errs, fmt.Errorf("knowledge-base entry %s: reply words %q need lower case and an entry %q", k.ID, a.Words, a.ID))
			}
		}
		if !lower {
			continue
		}
		for _, m := range k.Match[1:] {
			ix.rest[i] = append(ix.rest[i], []byte(m))
		}
		if reads&readsClient != 0 {
			ix.markClient(k.Match[0])
		}
		h := quad([]byte(k.Match[0]))
		ix.first[i] = knownPat{pat: k.Match[0], head: quadBytes([]byte(k.Match[0])), next: ix.head[h], reads: reads, opens: k.Opens, reply: k.Reply, least: k.AtLeast}
		ix.head[h] = uint16(i + 1)
	}
	return ix, errors.Join(errs...)
}

// markClient notes the first four bytes without a space in first.
func (ix *knownIndex) markClient(first string) {
	for i := 0; i+4 <= len(first); i++ {
		if !strings.Contains(first[i:i+4], " ") {
			ix.clientKey[quad([]byte(first[i:]))] = true
			return
		}
	}
	ix.clientAny = true
}

// CountAtLeast is a condition on a number in a message: the digits
// right after the text After make Min or more.
type CountAtLeast struct {
	After string // lower case
	Min   uint64
}

// holds tells whether low, a lower-cased message, meets c; a nil c
// always holds.
func (c *CountAtLeast) holds(low []byte) bool {
	if c == nil {
		return true
	}
	i := bytes.Index(low, []byte(c.After))
	if i < 0 {
		return false
	}
	var n uint64
	digits := 0
	for _, d := range low[i+len(c.After):] {
		if d < '0' || d > '9' {
			break
		}
		if n > (math.MaxUint64-9)/10 {
			return true // past any bound
		}
		n = n*10 + uint64(d-'0')
		digits++
	}
	return digits > 0 && n >= c.Min
}

// knownIdx indexes KnownMessages; knownIdxErr says what it left out.
var knownIdx, knownIdxErr = newKnownIndex(KnownMessages)

// SideOf is the side of a known message logged by daemon.
func (k *Known) SideOf(daemon string) string {
	if k.Side != "" {
		return k.Side
	}
	if daemon == "" {
		daemon = k.Program // a pasted line without its tag
	}
	switch daemon {
	case "smtpd", "postscreen", "dnsblog", "submission", "smtps", "anvil":
		return "inbound"
	case "smtp", "lmtp":
		return "outbound"
	}
	return "host"
}

// The accounts Postfix runs as, and the right to take them.
const (
	privilegedAccountCause = "a parameter that names the account Postfix runs as (the message says which: mail_owner for its daemons, default_privs for deliveries to files and commands, setgid_group for postdrop and postqueue) names root, or an account or group whose number is 0; Postfix refuses to run with root's rights there, so it does not start and no program runs: most often default_privs = root, set so that an alias or .forward command could write where only root may, or a container image whose postfix account got uid 0"
	privilegedAccountFix   = "default_privs = nobody, as in the stock main.cf; a command that needs more rights runs as its own user from a pipe(8) entry in master.cf (user=NAME), or that user is given access to what it writes; mail_owner must be Postfix's own account with its own non-zero uid and gid (id postfix; the package creates it), setgid_group its own group (getent group postdrop); after changing an account's number, postfix set-permissions (as root), then postfix check and postfix start"
	accountIDSharedCause   = "another account has the same number as Postfix's (mail_owner, postfix) or another group as postdrop's (setgid_group), the one the message names after 'as': passwd or group files merged or restored from another host, a container image or useradd -o that reused the number, or a second package's account; Postfix refuses to share them, so it does not start"
	accountIDSharedFix     = "getent passwd | awk -F: '$3 == N' (getent group for a group) lists the accounts with that number; give the one that is not Postfix's a number of its own (usermod -u, groupmod -g, and chown its files), or remove it if nothing uses it; then postfix check and postfix start; do not renumber postfix itself unless you then run postfix set-permissions (as root), since its queue files carry the number"
	sameUserIDCause        = "default_privs and mail_owner, which must be different users, name the same user or two users with the same uid: Postfix refuses to run"
	sameUserIDFix          = "set default_privs = nobody (an unprivileged user that owns no files), as in the stock configuration"
	privilegeChangeCause   = "a Postfix program could not take the user or group it runs as (mail_owner for its daemons, a master.cf user=, default_privs for a delivery): with 'Operation not permitted' it lacks the right, because Postfix was started as a user other than root (a container run with --user or runAsNonRoot, an arbitrary uid as on OpenShift) or without the SETUID and SETGID capabilities (docker run --cap-drop ALL, a Kubernetes securityContext that drops them, systemd CapabilityBoundingSet=); with 'Invalid argument' the number is not mapped in the user namespace it runs in (rootless Podman, an unprivileged LXC container); that program stops, and when it is the master, Postfix does not run"
	privilegeChangeFix     = "start Postfix as root (postfix start or the distribution's unit): its master needs root and drops to mail_owner itself; in a container keep CAP_SETUID and CAP_SETGID (with CHOWN, DAC_OVERRIDE, FOWNER, KILL, NET_BIND_SERVICE and SYS_CHROOT) in its capability set; in a user namespace, map the ids Postfix uses (id postfix; getent group postdrop) into its range (/etc/subuid and /etc/subgid, 65536 ids); Postfix cannot run as one unprivileged user"
)

// manyFullMailboxes is how many distinct recipients refused for a full
// mailbox make the mailbox hint critical: a quota rule or count wrong for
// everyone (a default quota after a migration, a quota dictionary that
// counts wrong), no longer single users' mail.
const manyFullMailboxes = 20
