package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
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

// openLogCandidate checks that p can be read as a log. It opens without
// blocking: a plain open of a FIFO waits for a writer, which would hang
// the search before anything is shown. A directory is refused.
func openLogCandidate(p string) error {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return errIsDir
	}
	return nil
}

// LogDetection is the outcome of looking for the mail log.
type LogDetection struct {
	Spec  LogSpec
	Tried []LogCandidate
}

// DefaultLogFiles are the usual places of the mail log on Debian/Ubuntu,
// RHEL and others, tried in this order after Postfix's own maillog_file.
var DefaultLogFiles = []string{"/var/log/mail.log", "/var/log/maillog", "/var/log/mail/mail.log"}

// DetectLog finds the mail log: postconf's maillog_file when set, then the
// usual files, then the journal. configDir, when set, is the instance's
// configuration directory, whose own maillog_file counts: each instance
// has its own postlogd, and the default one's main.cf may not even be
// there. openFile defaults to openLogCandidate.
func DetectLog(ctx context.Context, ex Exec, configDir string, openFile func(string) error) (LogDetection, error) {
	if openFile == nil {
		openFile = openLogCandidate
	}
	var d LogDetection
	tryFile := func(p, origin string) bool {
		err := openFile(p)
		if err == nil {
			d.Tried = append(d.Tried, LogCandidate{Place: p, OK: true, Why: origin})
			d.Spec = LogSpec{Kind: LogFollow, Paths: []string{p}, Exec: ex}
			return true
		}
		why := explainOpenError(p, err).Error()
		why = strings.TrimPrefix(why, p+": ")
		c := LogCandidate{Place: p, Why: why}
		if _, fix, ok := strings.Cut(why, "permission denied: "); ok {
			c.Fix = fix
		}
		d.Tried = append(d.Tried, c)
		return false
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
		} else if tryFile(p, "postconf maillog_file") {
			return d, nil
		} else {
			// Postfix writes there and nowhere else: syslog's files and
			// the journal hold none of its new lines.
			return d, d.failure("maillog_file is " + p + ": Postfix writes its log there only, so no other place is tried")
		}
	}
	for _, p := range DefaultLogFiles {
		if tryFile(p, "") {
			return d, nil
		}
	}
	out, err = ex.Output(ctx, "journalctl", JournalArgs(JournalQuery{Lines: 1})...)
	switch {
	case err != nil && strings.Contains(err.Error(), "insufficient permissions"):
		// journalctl's own words name neither the group nor the command.
		d.Tried = append(d.Tried, LogCandidate{Place: "journal", Why: "permission denied: " + JournalAccessFix, Fix: JournalAccessFix})
	case err != nil:
		d.Tried = append(d.Tried, LogCandidate{Place: "journal", Why: err.Error()})
	case strings.TrimSpace(string(out)) == "" && !MayReadSystemJournal():
		// journalctl shows such a user only the user's own journal.
		d.Tried = append(d.Tried, LogCandidate{Place: "journal", Why: "no Postfix entries that this user may read: " + JournalAccessFix, Fix: JournalAccessFix})
	case strings.TrimSpace(string(out)) == "":
		d.Tried = append(d.Tried, LogCandidate{Place: "journal", Why: "journalctl returned no Postfix entries"})
	case !bytes.Contains(out, []byte("__REALTIME_TIMESTAMP=")):
		// Export format gives every entry its time: this is another
		// program's output (a wrapper, a shim).
		d.Tried = append(d.Tried, LogCandidate{Place: "journal", Why: notTheProgram("journalctl", "no journal entries", "systemd's journalctl", out).Error()})
	default:
		d.Tried = append(d.Tried, LogCandidate{Place: "journal", OK: true, Why: "journalctl has Postfix entries"})
		d.Spec = LogSpec{Kind: LogJournal, Exec: ex}
		return d, nil
	}
	return d, d.failure("")
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
