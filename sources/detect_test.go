package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mxtop/sources/sourcestest"
)

func TestDetectLogOrder(t *testing.T) {
	exists := func(ok ...string) func(string) error {
		return func(p string) error {
			for _, o := range ok {
				if o == p {
					return nil
				}
			}
			if p == "/var/log/mail.log" {
				return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}
			}
			return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
		}
	}
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "/var/log/postfix.log\n"}}
	d, err := DetectLog(context.Background(), fx, "", noAge(exists("/var/log/postfix.log", "/var/log/maillog")), nil)
	if err != nil || d.Spec.Paths[0] != "/var/log/postfix.log" {
		t.Fatalf("maillog_file first: %v %+v", err, d)
	}
	fx = &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n"}}
	d, err = DetectLog(context.Background(), fx, "", noAge(exists("/var/log/maillog")), nil)
	if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/maillog" {
		t.Fatalf("maillog: %v %+v", err, d)
	}
	if !strings.Contains(d.Tried[1].Why, "permission denied") || !strings.Contains(d.Tried[1].Why, "adm") {
		t.Fatalf("mail.log rejection: %+v", d.Tried[1])
	}
	fx.Outputs[identProbe] = "postfix/smtp\n"
	fx.Outputs[newestJournal] = "__REALTIME_TIMESTAMP=1\nMESSAGE=x\n\n"
	d, err = DetectLog(context.Background(), fx, "", noAge(exists()), nil)
	if err != nil || d.Spec.Kind != LogJournal {
		t.Fatalf("journal: %v %+v", err, d)
	}
	// Output that is no journal export (a shim, a wrapper's banner) is
	// no journal with Postfix entries.
	fx.Outputs[newestJournal] = "MESSAGE=x\n\n"
	if d, err = DetectLog(context.Background(), fx, "", noAge(exists()), nil); err == nil || d.Spec.Kind == LogJournal {
		t.Fatalf("garbage taken for the journal: %+v", d)
	}
	if why := d.Tried[len(d.Tried)-1].Why; why != "journalctl printed no journal entries (first line \"MESSAGE=x\"): not systemd's journalctl" {
		t.Errorf("why %q", why)
	}
}

func TestDetectLogNothing(t *testing.T) {
	_, err := DetectLog(context.Background(), &sourcestest.FakeExec{}, "", noAge(func(string) error { return errors.New("nope") }), nil)
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	for _, want := range []string{"postconf -h maillog_file: postconf: executable file not found in $PATH", "/var/log/mail.log", "/var/log/maillog", "/var/log/mail/mail.log", "journal:", "--log FILE", "--journal"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

// A directory where a log file is expected is rejected with a reason.
func TestDetectLogRejectsDirectory(t *testing.T) {
	dir := t.TempDir()
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": dir + "\n"}}
	d, _ := DetectLog(context.Background(), fx, "", nil, nil)
	if len(d.Spec.Paths) > 0 && d.Spec.Paths[0] == dir {
		t.Fatalf("a directory was taken as the log: %+v", d)
	}
	if len(d.Tried) == 0 || d.Tried[0].Place != dir || !strings.Contains(d.Tried[0].Why, "directory") {
		t.Fatalf("want the directory rejected with a reason: %+v", d.Tried)
	}
}

// A user who may not read the log or the journal is told the exact fix,
// in the place's line and again as the last line, which is what the
// admin reads first; journalctl's own words name no group.
func TestDetectLogSaysTheFixForPermissions(t *testing.T) {
	denied := func(p string) error {
		if p == "/var/log/mail.log" {
			return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}
		}
		return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
	}
	journal := identProbe
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n"},
		Errors: map[string]error{journal: errors.New("journalctl --output=export … (47 more arguments): No journal files were opened due to insufficient permissions.")}}
	d, err := DetectLog(context.Background(), fx, "", noAge(denied), nil)
	if err == nil {
		t.Fatal("want an error")
	}
	lines := strings.Split(err.Error(), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "to read /var/log/mail.log: ") || !strings.Contains(last, "usermod -aG adm") {
		t.Errorf("last line %q: want the fix for /var/log/mail.log", last)
	}
	if j := d.Tried[len(d.Tried)-1]; !strings.Contains(j.Why, "usermod -aG systemd-journal") || strings.Contains(j.Why, "47 more") {
		t.Errorf("journal: %q", j.Why)
	}

	// No log file; journalctl, run by a user outside the journal's
	// groups, shows that user's own journal, without Postfix.
	t.Cleanup(func(old func() bool) func() { return func() { MayReadSystemJournal = old } }(MayReadSystemJournal))
	MayReadSystemJournal = func() bool { return false }
	fx = &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n", journal: ""}}
	_, err = DetectLog(context.Background(), fx, "", noAge(func(p string) error { return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist} }), nil)
	if err == nil || !strings.HasSuffix(err.Error(), "to read the system journal: "+JournalAccessFix+"; or set --log FILE, --journal or --docker NAME") {
		t.Errorf("journal not readable: %v", err)
	}
	MayReadSystemJournal = func() bool { return true }
	_, err = DetectLog(context.Background(), fx, "", noAge(func(p string) error { return &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist} }), nil)
	if err == nil || strings.Contains(err.Error(), "usermod") {
		t.Errorf("a user who may read the journal was told to join a group: %v", err)
	}
}

// A failing postconf's error already names the command, as the real
// runner words it: the list of places tried names it once.
func TestDetectLogNamesPostconfOnce(t *testing.T) {
	fx := &sourcestest.FakeExec{Errors: map[string]error{
		"postconf -h maillog_file": errors.New("postconf -h maillog_file: postconf: fatal: open /etc/postfix/main.cf: No such file or directory"),
	}}
	_, err := DetectLog(context.Background(), fx, "", noAge(func(string) error { return errors.New("nope") }), nil)
	if err == nil {
		t.Fatal("want an error")
	}
	if msg := err.Error(); strings.Count(msg, "postconf -h maillog_file") != 1 || !strings.Contains(msg, "postconf -h maillog_file: postconf: fatal: open /etc/postfix/main.cf") {
		t.Errorf("postconf named other than once:\n%s", msg)
	}
}

// With maillog_file set, Postfix writes there and nowhere else: when that
// file cannot be read, the default files and the journal hold none of its
// new lines, and detection fails with the file's own advice rather than
// follow one of them.
func TestDetectLogKeepsToMaillogFile(t *testing.T) {
	open := func(p string) error {
		if p == "/var/log/postfix.log" {
			return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission}
		}
		return nil // /var/log/mail.log and the others open
	}
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "/var/log/postfix.log\n",
		identProbe: "postfix/smtp\n", newestJournal: "__REALTIME_TIMESTAMP=1\nMESSAGE=x\n\n"}}
	d, err := DetectLog(context.Background(), fx, "", noAge(open), nil)
	if err == nil || d.Spec.Kind == LogJournal || len(d.Spec.Paths) > 0 {
		t.Fatalf("followed another log: %v %+v", err, d.Spec)
	}
	if !strings.Contains(err.Error(), "/var/log/postfix.log") || !strings.Contains(err.Error(), "maillog_file") {
		t.Errorf("error %v", err)
	}
}

// noAge makes a check of a path DetectLog's openFile, for a file whose
// last write says nothing (a FIFO's).
func noAge(open func(string) error) func(string) (time.Time, error) {
	return func(p string) (time.Time, error) { return time.Time{}, open(p) }
}

// staleHost is a host whose syslog daemon stopped writing
// /var/log/mail.log at written, checked at now: only that file opens.
func staleHost(written time.Time) func(string) (time.Time, error) {
	return func(p string) (time.Time, error) {
		if p == "/var/log/mail.log" {
			return written, nil
		}
		return time.Time{}, &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
	}
}

// journalExport is journalctl's export of one Postfix entry written at t,
// as DetectLog asks for the newest.
func journalExport(t time.Time) string {
	return fmt.Sprintf("__CURSOR=s=0f2a;i=1c3;b=7d1e;m=2a;t=%x;x=9\n__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=2831020\n_BOOT_ID=7d1e0c4a9b3f4e2a8c6d5b1a0f9e8d7c\n"+
		"SYSLOG_IDENTIFIER=postfix/smtp\nSYSLOG_PID=4711\n_PID=4711\n_HOSTNAME=mx1\n"+
		"MESSAGE=3F2A81C04D: to=<ann@example.org>, relay=none, delay=31, delays=0.02/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.25]:25: Connection timed out)\n\n",
		t.UnixMicro(), t.UnixMicro())
}

// identProbe lists the identifiers the journal holds, as the journal
// reader probes them before its read.
const identProbe = "journalctl --field=SYSLOG_IDENTIFIER"

// newestPostfix is the command that asks for the newest entry of the
// Postfix identifiers ids and of no other.
func newestPostfix(ids ...string) string {
	return "journalctl " + strings.Join(JournalArgs(JournalQuery{Lines: 1, PostfixOnly: true, Identifiers: ids}), " ")
}

// newestJournal asks for the newest entry of a journal whose only Postfix
// identifier is postfix/smtp (journalExport's).
var newestJournal = newestPostfix("postfix/smtp")

// journalHolds is a FakeExec's outputs for postconf without maillog_file
// and a journal that holds postfix/smtp entries, the newest newest.
func journalHolds(newest string) map[string]string {
	return map[string]string{"postconf -h maillog_file": "\n", identProbe: "postfix/smtp\n", newestJournal: newest}
}

func journalRuns(calls []string) int {
	n := 0
	for _, c := range calls {
		if strings.HasPrefix(c, "journalctl") {
			n++
		}
	}
	return n
}

// A host whose rsyslog was removed or stopped keeps /var/log/mail.log,
// frozen months ago, while Postfix logs to the journal: the journal is
// read, and the detection says why.
func TestDetectLogPrefersJournalOverStaleFile(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	written := now.Add(-94*24*time.Hour - 3*time.Hour)
	fx := &sourcestest.FakeExec{Outputs: journalHolds(journalExport(now.Add(-2*time.Minute - 10*time.Second)))}
	d, err := DetectLog(context.Background(), fx, "", staleHost(written), func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogJournal {
		t.Fatalf("want the journal: %v %+v", err, d)
	}
	want := "/var/log/mail.log last written 94 days ago; the journal has Postfix entries from 2 minutes ago"
	if d.Note != want {
		t.Errorf("note %q, want %q", d.Note, want)
	}
	var file, journal LogCandidate
	for _, c := range d.Tried {
		switch c.Place {
		case "/var/log/mail.log":
			file = c
		case "journal":
			journal = c
		}
	}
	if file.OK || file.Why != "last written 94 days ago; the journal has Postfix entries from 2 minutes ago" {
		t.Errorf("mail.log %+v", file)
	}
	if !journal.OK || journal.Why != "journalctl has Postfix entries from 2 minutes ago" {
		t.Errorf("journal %+v", journal)
	}
	if n := journalRuns(fx.Calls); n != 2 {
		t.Errorf("journalctl run %d times, want the identifiers' probe and the newest entry: %q", n, fx.Calls)
	}

	// A quiet Postfix on a host whose syslog daemon runs writes the file
	// as it writes the journal: their newest lines are close, and the
	// file is read, its age said.
	fx.Outputs[newestJournal] = journalExport(written.Add(20 * time.Hour))
	d, err = DetectLog(context.Background(), fx, "", staleHost(written), func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/mail.log" {
		t.Fatalf("want the file: %v %+v", err, d)
	}
	if want := "/var/log/mail.log last written 94 days ago; the journal's newest Postfix entry is from 93 days ago"; d.Note != want {
		t.Errorf("note %q, want %q", d.Note, want)
	}
}

// A file written in the last day is taken as before, without a
// journalctl run.
func TestDetectLogCurrentFileAsksNoJournal(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	for _, age := range []time.Duration{0, 3 * time.Minute, 23*time.Hour + 59*time.Minute, 24 * time.Hour} {
		fx := &sourcestest.FakeExec{Outputs: journalHolds(journalExport(now))}
		d, err := DetectLog(context.Background(), fx, "", staleHost(now.Add(-age)), func() time.Time { return now })
		if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/mail.log" || d.Note != "" {
			t.Errorf("written %s ago: %v %+v", age, err, d)
		}
		if n := journalRuns(fx.Calls); n != 0 {
			t.Errorf("written %s ago: journalctl run: %q", age, fx.Calls)
		}
	}
}

// hangingJournal is an Exec whose journalctl never answers: it waits for
// its context, which the Exec's bound ends.
type hangingJournal struct {
	*sourcestest.FakeExec
	bound time.Duration
}

func (h hangingJournal) Bound() time.Duration { return h.bound }

func (h hangingJournal) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	if name == "journalctl" {
		<-ctx.Done()
		return nil, fmt.Errorf("journalctl: timed out, killed: %w", ctx.Err())
	}
	return h.FakeExec.Output(ctx, name, args...)
}

// A stale file is kept when the journal cannot say better (no
// journalctl, no permission, a journalctl that hangs), its age said;
// a hanging journalctl costs no more than the Exec's bound.
func TestDetectLogStaleFileJournalUnreadable(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	written := now.Add(-94 * 24 * time.Hour)
	postconf := map[string]string{"postconf -h maillog_file": "\n"}
	for _, c := range []struct {
		name string
		ex   Exec
		want string
	}{
		{"missing", &sourcestest.FakeExec{Outputs: postconf},
			"last written 94 days ago (no journalctl here to look for newer Postfix entries in the journal)"},
		{"denied", &sourcestest.FakeExec{Outputs: postconf, Errors: map[string]error{identProbe: errors.New("journalctl --output=export … (47 more arguments): No journal files were opened due to insufficient permissions.")}},
			"last written 94 days ago; the journal, where Postfix may log instead, could not be read: permission denied: " + JournalAccessFix},
		{"hanging", hangingJournal{&sourcestest.FakeExec{Outputs: postconf}, 200 * time.Millisecond},
			"last written 94 days ago; the journal, where Postfix may log instead, could not be read: journalctl: timed out, killed: context deadline exceeded"},
		{"empty", &sourcestest.FakeExec{Outputs: journalHolds("")},
			"last written 94 days ago; journalctl returned no Postfix entries"},
		{"no Postfix identifier", &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "\n", identProbe: "dovecot\nsshd\n"}},
			"last written 94 days ago; journalctl returned no Postfix entries"},
	} {
		start := time.Now()
		d, err := DetectLog(context.Background(), c.ex, "", staleHost(written), func() time.Time { return now })
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%s: detection took %s", c.name, took)
		}
		if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/mail.log" {
			t.Errorf("%s: want the file: %v %+v", c.name, err, d)
			continue
		}
		if file := triedAt(d, "/var/log/mail.log"); !file.OK || file.Why != c.want {
			t.Errorf("%s: %+v\nwant why %q", c.name, file, c.want)
		}
		if d.Note != "/var/log/mail.log "+c.want {
			t.Errorf("%s: note %q", c.name, d.Note)
		}
	}
}

// maillog_file is where Postfix writes, however long ago it last did: it
// is never weighed against the journal.
func TestDetectLogStaleMaillogFileKept(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	fx := &sourcestest.FakeExec{Outputs: journalHolds(journalExport(now))}
	fx.Outputs["postconf -h maillog_file"] = "/var/log/postfix.log\n"
	open := func(p string) (time.Time, error) { return now.Add(-94 * 24 * time.Hour), nil }
	d, err := DetectLog(context.Background(), fx, "", open, func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/postfix.log" || d.Note != "" {
		t.Fatalf("%v %+v", err, d)
	}
	if n := journalRuns(fx.Calls); n != 0 {
		t.Errorf("journalctl run: %q", fx.Calls)
	}
}

func TestAgo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		-time.Minute: "less than a minute ago", 59 * time.Second: "less than a minute ago", time.Minute: "1 minute ago",
		2*time.Minute + 59*time.Second: "2 minutes ago", 59 * time.Minute: "59 minutes ago", time.Hour: "1 hour ago",
		2 * time.Hour: "2 hours ago", 24 * time.Hour: "1 day ago", 47 * time.Hour: "1 day ago", 48 * time.Hour: "2 days ago",
		94*24*time.Hour + 23*time.Hour: "94 days ago",
	} {
		if got := ago(d); got != want {
			t.Errorf("ago(%s) = %q, want %q", d, got, want)
		}
	}
}

// What the detection noticed of the log it chose is said in the log's
// state after every detail, so the live view and the report say it too:
// the replayed or followed file's age, the journal read instead.
func TestDetectedNoteInLogState(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	os.WriteFile(path, []byte("Dec  1 09:14:02 mx1 postfix/qmgr[812]: 3F2A81C04D: removed\n"), 0o600)
	note := path + " last written 94 days ago; the journal's newest Postfix entry is from 93 days ago"
	_, batches, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Found: note, Block: true})
	if err != nil || batches[0].State == nil || batches[0].State.Detail != "replay "+path+"; "+note {
		t.Fatalf("replay: %v %+v", err, batches[0].State)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, FromStart: true, Found: note, Block: true}, out)
	var st *SourceState
	for b := range out {
		if b.State != nil {
			st = b.State
			break
		}
	}
	cancel()
	for range out {
	}
	if st == nil || !strings.HasSuffix(st.Detail, "; "+note) {
		t.Fatalf("follow: %+v", st)
	}

	why := "/var/log/mail.log last written 94 days ago; the journal has Postfix entries from 2 minutes ago"
	var exp bytes.Buffer
	exportEntry(&exp, "__REALTIME_TIMESTAMP", "1795864390000000", "_HOSTNAME", "mx1", "SYSLOG_IDENTIFIER", "postfix/qmgr", "_PID", "812", "MESSAGE", "3F2A81C04D: removed")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"journalctl --field=SYSLOG_IDENTIFIER": "postfix/qmgr\n"}}
	fx.Outputs["journalctl "+strings.Join(JournalArgs(JournalQuery{Follow: true, Identifiers: []string{"postfix/qmgr"}}), " ")] = exp.String()
	_, batches, _ = collect(t, context.Background(), LogSpec{Kind: LogJournal, Exec: fx, Found: why, Block: true})
	if len(batches) == 0 || batches[0].State == nil || batches[0].State.Detail != "journal (Postfix identifiers and mail facility); "+why {
		t.Fatalf("journal: %+v %q", batches, fx.Calls)
	}
}

// The journal's newest entry of the mail facility may be Dovecot's or
// another mail program's, written while Postfix logs nowhere there: the
// freshness check asks for Postfix's identifiers only (postfix, postfix/*,
// postfix-*/* of a second instance, as the journal holds them), never the
// facility, and a journal without any Postfix identifier is not asked at
// all.
func TestDetectLogJournalFreshnessIsPostfixOnly(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	written := now.Add(-94 * 24 * time.Hour)
	dovecot := strings.Replace(journalExport(now.Add(-2*time.Minute)), "SYSLOG_IDENTIFIER=postfix/smtp", "SYSLOG_IDENTIFIER=dovecot", 1)
	facility := "journalctl " + strings.Join(JournalArgs(JournalQuery{Lines: 1}), " ")
	postfix := newestPostfix("postfix/smtp", "postfix-out/qmgr", "postfix")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"postconf -h maillog_file": "\n",
		identProbe:                 "dovecot\npostfix/smtp\nsshd\npostfix-out/qmgr\npostfix\nsystemd\npostfixadmin\n",
		facility:                   dovecot,
		postfix:                    journalExport(written.Add(20 * time.Hour)),
	}}
	d, err := DetectLog(context.Background(), fx, "", staleHost(written), func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogFollow || d.Spec.Paths[0] != "/var/log/mail.log" {
		t.Fatalf("Dovecot's entry taken for Postfix's: %v %+v", err, d)
	}
	if want := "/var/log/mail.log last written 94 days ago; the journal's newest Postfix entry is from 93 days ago"; d.Note != want {
		t.Errorf("note %q, want %q", d.Note, want)
	}
	var asked []string
	for _, c := range fx.Calls {
		if strings.HasPrefix(c, "journalctl") && c != identProbe {
			asked = append(asked, c)
		}
	}
	if len(asked) != 1 || strings.Contains(asked[0], "SYSLOG_FACILITY") || strings.Contains(asked[0], "dovecot") || strings.Contains(asked[0], " + ") ||
		!strings.Contains(asked[0], " SYSLOG_IDENTIFIER=postfix-out/qmgr") || !strings.Contains(asked[0], " SYSLOG_IDENTIFIER=postfix/smtp") || !strings.Contains(asked[0], " SYSLOG_IDENTIFIER=postfix ") {
		t.Errorf("asked %q", asked)
	}

	// No Postfix identifier in the journal: no Postfix entry to ask for.
	fx.Outputs[identProbe] = "dovecot\nsshd\n"
	fx.Calls = nil
	d, err = DetectLog(context.Background(), fx, "", staleHost(written), func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogFollow || d.Note != "/var/log/mail.log last written 94 days ago; journalctl returned no Postfix entries" {
		t.Errorf("%v %+v", err, d)
	}
	if n := journalRuns(fx.Calls); n != 1 {
		t.Errorf("journalctl run %d times: %q", n, fx.Calls)
	}
}

// The freshness check and the journal reader select Postfix's entries by
// the same identifiers, from the same probe: what one counts as Postfix's
// the other reads.
func TestDetectLogJournalSelectionIsTheReaders(t *testing.T) {
	probe := "postfix/smtp\ndovecot\npostfix-out/qmgr\npostfix/submission/smtpd\npostfix\n"
	ids := func(call string) []string {
		var out []string
		for _, a := range strings.Fields(call) {
			if v, ok := strings.CutPrefix(a, "SYSLOG_IDENTIFIER="); ok {
				out = append(out, v)
			}
		}
		return out
	}
	fx := &sourcestest.FakeExec{Outputs: map[string]string{identProbe: probe}}
	newestJournalEntry(context.Background(), fx)
	fresh := fx.Calls[len(fx.Calls)-1]

	fx = &sourcestest.FakeExec{Outputs: map[string]string{identProbe: probe}}
	collect(t, context.Background(), LogSpec{Kind: LogJournal, Exec: fx, Block: true})
	var read string
	for _, c := range fx.Calls {
		if strings.Contains(c, "--follow") {
			read = c
		}
	}
	if read == "" || !strings.Contains(fresh, "--lines=1") {
		t.Fatalf("calls: %q, %q", fresh, fx.Calls)
	}
	if a, b := ids(fresh), ids(read); len(a) != 4 || !slices.Equal(a, b) {
		t.Errorf("freshness asks for %q, the reader reads %q", a, b)
	}
	if !strings.Contains(read, "SYSLOG_FACILITY=") || strings.Contains(fresh, "SYSLOG_FACILITY=") {
		t.Errorf("the reader reads the mail facility, the freshness check does not: %q, %q", fresh, read)
	}
}

// host is a host's usual log files as DetectLog sees them: when each was
// last written (a missing one does not exist) and what its last KB hold.
type host struct {
	written map[string]time.Time
	tails   map[string]string
	read    []string // the files whose end was read
}

func (h *host) open(p string) (time.Time, error) {
	if w, ok := h.written[p]; ok {
		return w, nil
	}
	return time.Time{}, &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
}

// use makes DetectLog read the files' ends from h for the test.
func (h *host) use(t *testing.T) {
	old := readLogTail
	t.Cleanup(func() { readLogTail = old })
	readLogTail = func(p string) ([]byte, error) {
		h.read = append(h.read, p)
		tail, ok := h.tails[p]
		if !ok {
			return nil, errNotPlain
		}
		return []byte(tail), nil
	}
}

func triedAt(d LogDetection, place string) LogCandidate {
	for _, c := range d.Tried {
		if c.Place == place {
			return c
		}
	}
	return LogCandidate{}
}

// A syslog daemon that stopped writing /var/log/mail.log months ago (one
// rsyslog configuration replaced by another) leaves it beside the
// /var/log/maillog that holds Postfix's current lines: the current file
// is read, whatever the order of the usual places, and the detection says
// why. The times alone decide: no file's end is read, no journalctl run.
func TestDetectLogWeighsEveryUsualFile(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	h := &host{written: map[string]time.Time{
		"/var/log/mail.log":      now.Add(-94*24*time.Hour - 3*time.Hour),
		"/var/log/maillog":       now.Add(-2*time.Minute - 5*time.Second),
		"/var/log/mail/mail.log": now.Add(-200 * 24 * time.Hour),
	}}
	h.use(t)
	fx := &sourcestest.FakeExec{Outputs: journalHolds(journalExport(now))}
	d, err := DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogFollow || !slices.Equal(d.Spec.Paths, []string{"/var/log/maillog"}) {
		t.Fatalf("want /var/log/maillog: %v %+v", err, d)
	}
	if want := "/var/log/mail.log last written 94 days ago, /var/log/mail/mail.log 200 days ago; using /var/log/maillog, written 2 minutes ago"; d.Note != want {
		t.Errorf("note %q\nwant %q", d.Note, want)
	}
	if c := triedAt(d, "/var/log/mail.log"); c.OK || c.Why != "last written 94 days ago" {
		t.Errorf("mail.log %+v", c)
	}
	if c := triedAt(d, "/var/log/maillog"); !c.OK || c.Why != "written 2 minutes ago" {
		t.Errorf("maillog %+v", c)
	}
	if len(h.read) > 0 || journalRuns(fx.Calls) > 0 {
		t.Errorf("read %q, ran %q: the times decide", h.read, fx.Calls)
	}

	// Every usual file stale: the newest is weighed against the journal,
	// not the first.
	h.written["/var/log/maillog"] = now.Add(-3 * 24 * time.Hour)
	fx.Outputs[newestJournal] = journalExport(now.Add(-3*24*time.Hour - time.Hour))
	d, err = DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogFollow || !slices.Equal(d.Spec.Paths, []string{"/var/log/maillog"}) {
		t.Fatalf("want the newest stale file: %v %+v", err, d)
	}
	if want := "/var/log/maillog last written 3 days ago; the journal's newest Postfix entry is from 3 days ago"; d.Note != want {
		t.Errorf("note %q\nwant %q", d.Note, want)
	}
	if c := triedAt(d, "/var/log/mail.log"); c.OK || c.Why != "last written 94 days ago" {
		t.Errorf("mail.log %+v", c)
	}
	fx.Outputs[newestJournal] = journalExport(now.Add(-2 * time.Minute))
	d, err = DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
	if err != nil || d.Spec.Kind != LogJournal || d.Note != "/var/log/maillog last written 3 days ago; the journal has Postfix entries from 2 minutes ago" {
		t.Fatalf("want the journal: %v %+v", err, d)
	}
}

// Two usual files written within the day, one of them only by another
// program (Dovecot's lines through a syslog rule of their own): the
// times cannot decide, and the file whose last lines are Postfix's is
// read, whatever their order and however the syslog daemon stamps them.
func TestDetectLogReadsTheEndsOfRecentFiles(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	dovecot := "Mar  9 09:58:59 mx1 dovecot: imap-login: Login: user=<ann@example.org>, method=PLAIN, rip=192.0.2.7, lip=192.0.2.1, mpid=4122, TLS, session=<x1Yq8b4Ov>\n" +
		"Mar  9 09:59:01 mx1 dovecot: imap(ann@example.org)<4122><x1Yq8b4Ov>: Logged out in=52 out=1021 deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0\n"
	postfix := map[string]string{
		"traditional": "Mar  9 09:57:40 mx1 postfix/smtpd[3311]: connect from unknown[198.51.100.20]\n" +
			"Mar  9 09:57:41 mx1 postfix/qmgr[812]: 3F2A81C04D: removed\n",
		"high precision": "2026-03-09T09:57:41.120533+00:00 mx1 postfix/smtp[4711]: 3F2A81C04D: to=<bob@example.net>, relay=mx.example.net[203.0.113.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A1B2C3D4E)\n",
		"docker":         "2026-03-09T09:57:41.120533000Z stdout F Mar  9 09:57:41 mx1 postfix/qmgr[812]: 3F2A81C04D: removed\n",
	}
	for name, lines := range postfix {
		for _, order := range [][2]string{{"/var/log/mail.log", "/var/log/maillog"}, {"/var/log/maillog", "/var/log/mail.log"}} {
			other, own := order[0], order[1]
			h := &host{
				written: map[string]time.Time{other: now.Add(-time.Minute), own: now.Add(-2 * time.Minute)},
				// The first line is cut where the last KB begin.
				tails: map[string]string{other: "in=52 out=1021\n" + dovecot, own: "dsn=2.0.0\n" + lines},
			}
			h.use(t)
			fx := &sourcestest.FakeExec{Outputs: journalHolds(journalExport(now))}
			d, err := DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
			if err != nil || d.Spec.Kind != LogFollow || !slices.Equal(d.Spec.Paths, []string{own}) {
				t.Errorf("%s, %s Dovecot's: %v %+v", name, other, err, d)
				continue
			}
			if want := other + ", written 1 minute ago, has no Postfix line at its end; using " + own + ", written 2 minutes ago"; d.Note != want {
				t.Errorf("%s: note %q\nwant %q", name, d.Note, want)
			}
			if c := triedAt(d, other); c.OK || c.Why != "written 1 minute ago, no Postfix line at its end" {
				t.Errorf("%s: %+v", name, c)
			}
			if journalRuns(fx.Calls) > 0 {
				t.Errorf("%s: journalctl run: %q", name, fx.Calls)
			}
		}
	}

	// Both Postfix's (a syslog daemon writing the facility twice): the
	// first usual place, as before, and nothing to note.
	h := &host{
		written: map[string]time.Time{"/var/log/mail.log": now.Add(-3 * time.Minute), "/var/log/maillog": now.Add(-time.Minute)},
		tails:   map[string]string{"/var/log/mail.log": postfix["traditional"], "/var/log/maillog": postfix["traditional"]},
	}
	h.use(t)
	fx := &sourcestest.FakeExec{Outputs: journalHolds(journalExport(now))}
	d, err := DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
	if err != nil || !slices.Equal(d.Spec.Paths, []string{"/var/log/mail.log"}) || d.Note != "" {
		t.Errorf("both Postfix's: %v %+v", err, d)
	}

	// A FIFO's end cannot be read: it is not set aside for lacking
	// Postfix's lines.
	h.written["/var/log/mail.log"] = time.Time{}
	h.tails = map[string]string{"/var/log/maillog": postfix["traditional"]}
	d, err = DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
	if err != nil || !slices.Equal(d.Spec.Paths, []string{"/var/log/mail.log"}) || d.Note != "" {
		t.Errorf("FIFO first: %v %+v", err, d)
	}

	// Neither (a quiet Postfix, a talkative Dovecot): the first, with
	// nothing said against it.
	h.written["/var/log/mail.log"] = now.Add(-3 * time.Minute)
	h.tails = map[string]string{"/var/log/mail.log": dovecot, "/var/log/maillog": dovecot}
	d, err = DetectLog(context.Background(), fx, "", h.open, func() time.Time { return now })
	if err != nil || !slices.Equal(d.Spec.Paths, []string{"/var/log/mail.log"}) || d.Note != "" {
		t.Errorf("neither Postfix's: %v %+v", err, d)
	}
}
