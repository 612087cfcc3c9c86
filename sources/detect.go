package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// LogCandidate is one place mxtop looked for the mail log.
type LogCandidate struct {
	Place string
	OK    bool
	Why   string // why it was rejected, or what was found
	// Fix, for a place that is there but may not be read, is what lets
	// this user read it.
	Fix string
}

// JournalAccessFix is what lets a user read the system journal.
const JournalAccessFix = "add your user to group systemd-journal (sudo usermod -aG systemd-journal $USER, then log in again), or run mxtop with sudo"

// openLogCandidate checks that p can be read as a log and returns when a
// plain file was last written (zero for a FIFO or a device, whose time
// says nothing of the log). It opens without blocking: a plain open of a
// FIFO waits for a writer, which would hang the search before anything
// is shown. A directory is refused.
func openLogCandidate(p string) (time.Time, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return time.Time{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return time.Time{}, err
	}
	if fi.IsDir() {
		return time.Time{}, errIsDir
	}
	if !fi.Mode().IsRegular() {
		return time.Time{}, nil
	}
	return fi.ModTime(), nil
}

// LogDetection is the outcome of looking for the mail log.
type LogDetection struct {
	Spec  LogSpec
	Tried []LogCandidate
	// Note says why the log chosen is not the first that could be read,
	// or what is amiss with it (a usual file not written for days): the
	// reader of a quiet screen learns it is the log that is old.
	Note string
}

// staleLog is how much older than the journal's newest Postfix entry a
// usual mail log may be before the journal is read instead. A day: a
// quiet Postfix writes both at once, and the syslog daemon that stopped
// (removed, or stopped once logs went to the journal) stopped for good.
const staleLog = 24 * time.Hour

// DefaultLogFiles are the usual places of the mail log on Debian/Ubuntu,
// RHEL and others, tried in this order after Postfix's own maillog_file.
var DefaultLogFiles = []string{"/var/log/mail.log", "/var/log/maillog", "/var/log/mail/mail.log"}

// DetectLog finds the mail log: postconf's maillog_file when set, else
// the usual file that carries Postfix's current lines, else the journal.
// configDir, when set, is the instance's configuration directory, whose
// own maillog_file counts: each instance has its own postlogd, and the
// default one's main.cf may not even be there. maillog_file is where
// Postfix writes, however long ago it last did. Every usual file that can
// be read is weighed (chooseFile): one written within the day
// (staleLog) before those that were not, the one with Postfix's lines at
// its end where several were; none written within the day, the newest is
// weighed against the journal's newest Postfix entry: on a host whose
// syslog daemon was removed or stopped the file stays, frozen on an old
// incident, while Postfix logs to the journal. openFile, which says when
// a file was last written, defaults to openLogCandidate; now to time.Now.
func DetectLog(ctx context.Context, ex Exec, configDir string, openFile func(string) (time.Time, error), now func() time.Time) (LogDetection, error) {
	if openFile == nil {
		openFile = openLogCandidate
	}
	if now == nil {
		now = time.Now
	}
	var d LogDetection
	// tryFile checks that p may be read and returns when it was last
	// written, its rejection noted when it may not.
	tryFile := func(p string) (time.Time, bool) {
		written, err := openFile(p)
		if err == nil {
			return written, true
		}
		why := explainOpenError(p, err).Error()
		why = strings.TrimPrefix(why, p+": ")
		c := LogCandidate{Place: p, Why: why}
		if _, fix, ok := strings.Cut(why, "permission denied: "); ok {
			c.Fix = fix
		}
		d.Tried = append(d.Tried, c)
		return time.Time{}, false
	}
	args := []string{"-h", "maillog_file"}
	if configDir != "" {
		args = append([]string{"-c", configDir}, args...)
	}
	place := commandLine("postconf", args)
	out, err := ex.Output(ctx, "postconf", args...)
	switch p := strings.TrimSpace(string(out)); {
	case err != nil:
		// The runner's error names the command already.
		why := strings.TrimPrefix(err.Error(), place+": ")
		d.Tried = append(d.Tried, LogCandidate{Place: place, Why: why})
	case p == "":
		d.Tried = append(d.Tried, LogCandidate{Place: place, Why: "not set (Postfix logs through syslog)"})
	case !isAbsolutePath(p):
		// Postfix takes only an absolute maillog_file (under
		// maillog_file_prefixes); anything else is not its postconf, and
		// a relative name would be looked up in mxtop's own directory.
		if r := []rune(p); len(r) > 80 {
			p = string(r[:80]) + "…"
		}
		d.Tried = append(d.Tried, LogCandidate{Place: place, Why: fmt.Sprintf("printed %q, not an absolute path: not Postfix's postconf", p)})
	default:
		if p == "/dev/stdout" {
			d.Tried = append(d.Tried, LogCandidate{Place: p, Why: "maillog_file is /dev/stdout (a container): use --docker NAME or pipe the logs to mxtop -"})
		} else if _, ok := tryFile(p); ok {
			d.Tried = append(d.Tried, LogCandidate{Place: p, OK: true, Why: "postconf maillog_file"})
			d.Spec = LogSpec{Kind: LogFollow, Paths: []string{p}, Exec: ex}
			return d, nil
		} else {
			// Postfix writes there and nowhere else: syslog's files and
			// the journal hold none of its new lines.
			return d, d.failure("maillog_file is " + p + ": Postfix writes its log there only, so no other place is tried")
		}
	}
	var found []usualFile
	for _, p := range DefaultLogFiles {
		if written, ok := tryFile(p); ok {
			// Its line is written once the files are weighed.
			found = append(found, usualFile{path: p, written: written, at: len(d.Tried)})
			d.Tried = append(d.Tried, LogCandidate{Place: p})
		}
	}
	if len(found) > 0 {
		d.chooseFile(ctx, ex, found, now())
		return d, nil
	}
	_, c, _ := newestJournalEntry(ctx, ex)
	d.Tried = append(d.Tried, c)
	if c.OK {
		d.Spec = LogSpec{Kind: LogJournal, Exec: ex}
		return d, nil
	}
	return d, d.failure("")
}

// usualFile is one of the usual log files that may be read: when it was
// last written (zero for a FIFO or a device) and its line in Tried.
type usualFile struct {
	path    string
	written time.Time
	at      int
}

// tailBytes is how much of a file's end is read for Postfix's lines: a
// few dozen lines, read only where the files' times cannot decide.
const tailBytes = 8 << 10

// chooseFile chooses among the usual files that may be read (found, in
// the order of DefaultLogFiles) and fills their lines in Tried. Files
// written within staleLog come first: one alone is chosen by its time;
// of several, whose last writes may be another program's (Dovecot's lines
// through a syslog rule of their own), the first whose end holds a
// Postfix line, or the first when none does (a quiet Postfix). None
// written within staleLog, the newest is weighed against the journal
// (weighStale). The Note names the files set aside and why.
func (d *LogDetection) chooseFile(ctx context.Context, ex Exec, found []usualFile, now time.Time) {
	var fresh, stale []usualFile
	for _, f := range found {
		if f.written.IsZero() || now.Sub(f.written) <= staleLog {
			fresh = append(fresh, f)
		} else {
			stale = append(stale, f)
		}
	}
	written := func(f usualFile) string {
		if f.written.IsZero() {
			return ""
		}
		return "written " + ago(now.Sub(f.written))
	}
	if len(fresh) == 0 {
		newest := stale[0]
		for _, f := range stale[1:] {
			if f.written.After(newest.written) {
				newest = f
			}
		}
		for _, f := range stale {
			if f.at != newest.at {
				d.Tried[f.at].Why = "last written " + ago(now.Sub(f.written))
			}
		}
		d.weighStale(ctx, ex, newest, now)
		return
	}
	var aside, old []string // why the files set aside were
	for i, f := range stale {
		d.Tried[f.at].Why = "last written " + ago(now.Sub(f.written))
		if i == 0 {
			old = append(old, f.path+" last written "+ago(now.Sub(f.written)))
		} else {
			old = append(old, f.path+" "+ago(now.Sub(f.written)))
		}
	}
	chosen := fresh[0]
	if len(fresh) > 1 {
		postfix := make([]bool, len(fresh))
		var first = -1
		for i, f := range fresh {
			// A file whose end cannot be read (a FIFO) is not set aside
			// for what it was not seen to lack.
			if tail, err := readLogTail(f.path); err != nil || hasPostfixLine(tail) {
				postfix[i] = true
				if first < 0 {
					first = i
				}
			}
		}
		if first >= 0 {
			chosen = fresh[first]
			for i, f := range fresh {
				if !postfix[i] {
					d.Tried[f.at].Why = joinWhy(written(f), "no Postfix line at its end")
					aside = append(aside, f.path+", "+joinWhy(written(f), "has no Postfix line at its end"))
				} else if f.at != chosen.at {
					d.Tried[f.at].Why = joinWhy(written(f), "Postfix's too, and "+chosen.path+" comes first")
				}
			}
		} else {
			for _, f := range fresh[1:] {
				d.Tried[f.at].Why = joinWhy(written(f), "no Postfix line at its end nor at "+chosen.path+"'s, which comes first")
			}
		}
	}
	if len(old) > 0 {
		aside = append(aside, strings.Join(old, ", "))
	}
	d.Tried[chosen.at] = LogCandidate{Place: chosen.path, OK: true, Why: written(chosen)}
	d.Spec = LogSpec{Kind: LogFollow, Paths: []string{chosen.path}, Exec: ex}
	if len(aside) > 0 {
		d.Note = strings.Join(aside, "; ") + "; using " + chosen.path
		if w := written(chosen); w != "" {
			d.Note += ", " + w
		}
	}
}

// joinWhy joins two parts of a reason with a comma, either maybe empty.
func joinWhy(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + ", " + b
}

// errNotPlain is a log that is no plain file: a FIFO or a device.
var errNotPlain = errors.New("not a plain file")

// readLogTail returns the last tailBytes of the plain file p from its
// first whole line, or errNotPlain for a FIFO or a device (whose read
// would take a writer's lines, or wait). A variable for tests.
var readLogTail = func(p string) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotPlain
	}
	off := max(fi.Size()-tailBytes, 0)
	buf := make([]byte, fi.Size()-off)
	n, err := f.ReadAt(buf, off)
	if err != nil && err != io.EOF {
		return nil, err
	}
	buf = buf[:n]
	if off > 0 {
		// The first line begins before the end read.
		_, buf, _ = bytes.Cut(buf, []byte("\n"))
	}
	return buf, nil
}

// hasPostfixLine says whether one of the lines of tail is a Postfix
// daemon's or command's, as the parser reads them (a syslog header or
// none, a container runtime's prefix).
func hasPostfixLine(tail []byte) bool {
	p := NewParser()
	for len(tail) > 0 {
		var line []byte
		line, tail, _ = bytes.Cut(tail, []byte("\n"))
		if len(line) == 0 {
			continue
		}
		var r Record
		p.ParseBytes(line, &r)
		if r.Event != EvInvalid && r.Event != EvOther && isPostfixTag(r.Program) {
			return true
		}
	}
	return false
}

// weighStale decides between a usual file f, readable but last written
// long ago, and the journal: the journal when its newest Postfix entry is
// more than staleLog newer than the file, the file otherwise, its age
// said with what the journal showed. It always chooses.
func (d *LogDetection) weighStale(ctx context.Context, ex Exec, f usualFile, now time.Time) {
	p, written := f.path, f.written
	age := "last written " + ago(now.Sub(written))
	newest, c, err := newestJournalEntry(ctx, ex)
	if c.OK && newest.Sub(written) > staleLog {
		why := fmt.Sprintf("%s; the journal has Postfix entries from %s", age, ago(now.Sub(newest)))
		d.Tried[f.at] = LogCandidate{Place: p, Why: why}
		c.Why = "journalctl has Postfix entries from " + ago(now.Sub(newest))
		d.Tried = append(d.Tried, c)
		d.Spec = LogSpec{Kind: LogJournal, Exec: ex}
		d.Note = p + " " + why
		return
	}
	switch {
	case c.OK:
		age += "; the journal's newest Postfix entry is from " + ago(now.Sub(newest))
	case errors.Is(err, ErrNotFound):
		age += " (no journalctl here to look for newer Postfix entries in the journal)"
	case err == nil:
		age += "; " + c.Why
	default:
		age += "; the journal, where Postfix may log instead, could not be read: " + c.Why
	}
	d.Tried[f.at] = LogCandidate{Place: p, OK: true, Why: age}
	d.Spec = LogSpec{Kind: LogFollow, Paths: []string{p}, Exec: ex}
	d.Note = p + " " + age
}

// newestJournalEntry asks journalctl for the newest entry of Postfix's
// own and returns its time with the journal's candidate: OK when there is
// one, or why not, with journalctl's error when it failed. Postfix's are
// the entries of the Postfix identifiers the journal holds, probed as the
// journal source probes them (probeJournalIdentifiers), without the rest
// of the mail facility that source reads too: the facility's newest entry
// may be Dovecot's, written while Postfix logs elsewhere. The two
// commands share one bound, the Exec's own: a hanging journalctl costs
// that, once. The context's second more cuts short an Exec that does not
// bound its commands, and leaves the real one's kill its own words
// ("timed out after 5s").
func newestJournalEntry(ctx context.Context, ex Exec) (time.Time, LogCandidate, error) {
	ctx, cancel := context.WithTimeout(ctx, boundOf(ex)+time.Second)
	defer cancel()
	ids, err := probeJournalIdentifiers(ctx, ex, "")
	var out []byte
	if err == nil && len(ids) > 0 {
		out, err = ex.Output(ctx, "journalctl", JournalArgs(JournalQuery{Lines: 1, PostfixOnly: true, Identifiers: ids})...)
	}
	switch {
	case err != nil && strings.Contains(err.Error(), "insufficient permissions"):
		// journalctl's own words name neither the group nor the command.
		return time.Time{}, LogCandidate{Place: "journal", Why: "permission denied: " + JournalAccessFix, Fix: JournalAccessFix}, err
	case err != nil:
		return time.Time{}, LogCandidate{Place: "journal", Why: err.Error()}, err
	case strings.TrimSpace(string(out)) == "" && !MayReadSystemJournal():
		// journalctl shows such a user only the user's own journal.
		return time.Time{}, LogCandidate{Place: "journal", Why: "no Postfix entries that this user may read: " + JournalAccessFix, Fix: JournalAccessFix}, nil
	case strings.TrimSpace(string(out)) == "":
		return time.Time{}, LogCandidate{Place: "journal", Why: "journalctl returned no Postfix entries"}, nil
	}
	er := newExportReader(bytes.NewReader(out))
	if ok, _ := er.next(); !ok || er.realtime <= 0 {
		// Export format gives every entry its time: this is another
		// program's output (a wrapper, a shim).
		return time.Time{}, LogCandidate{Place: "journal", Why: notTheProgram("journalctl", "no journal entries", "systemd's journalctl", out).Error()}, nil
	}
	return time.UnixMicro(er.realtime), LogCandidate{Place: "journal", OK: true, Why: "journalctl has Postfix entries"}, nil
}

// ago says how long ago something was, in its largest whole unit: "94
// days ago", "2 minutes ago"; under a minute (or ahead of this clock)
// "less than a minute ago".
func ago(d time.Duration) string {
	n, unit := 0, ""
	switch {
	case d >= 48*time.Hour:
		n, unit = int(d/(24*time.Hour)), "days"
	case d >= 24*time.Hour:
		return "1 day ago"
	case d >= 2*time.Hour:
		n, unit = int(d/time.Hour), "hours"
	case d >= time.Hour:
		return "1 hour ago"
	case d >= 2*time.Minute:
		n, unit = int(d/time.Minute), "minutes"
	case d >= time.Minute:
		return "1 minute ago"
	default:
		return "less than a minute ago"
	}
	return fmt.Sprintf("%d %s ago", n, unit)
}

// failure is the error of a detection that found no log: what was tried,
// why each failed, a note, and what to do.
func (d LogDetection) failure(note string) error {
	var b strings.Builder
	b.WriteString("no mail log found; tried:\n")
	for _, c := range d.Tried {
		fmt.Fprintf(&b, "  %s: %s\n", c.Place, c.Why)
	}
	if note != "" {
		b.WriteString(note + "\n")
	}
	b.WriteString(d.Advice())
	return errors.New(b.String())
}

// Advice is what to do when no log was found: the fix for the first
// place that is there but may not be read, or the flags that name one.
func (d LogDetection) Advice() string {
	for _, c := range d.Tried {
		if c.Fix != "" {
			place := c.Place
			if place == "journal" {
				place = "the system journal"
			}
			return "to read " + place + ": " + c.Fix + "; or set --log FILE, --journal or --docker NAME"
		}
	}
	return "set --log FILE (a file, or - for stdin), --journal, or --docker NAME"
}

// isAbsolutePath says whether p is one absolute path, on one line.
func isAbsolutePath(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.ContainsAny(p, "\n\r\x00")
}
