package sources

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A followed journal is read through `journalctl --output=export` (a
// replay reads the journal's files, journalfile.go): journalctl's
// JSON output costs it four to five times the CPU of the export or short
// forms, and decoding JSON here cost as much again. Export frames every
// field exactly (a value with a newline or binary bytes comes with its
// length), so a multi-line or binary MESSAGE cannot forge a second entry,
// which the short forms' indented continuation lines would allow. Each
// entry becomes one syslog line with an RFC 3339 stamp for the parser.
//
// Postfix's entries are chosen by the mail facility or by identifier
// (postfix, postfix/*, postfix-*/... as the journal holds them when the
// source starts), not by systemd unit: a Postfix started by `postfix
// start` or in a container has no postfix unit. Postfix logs to the mail
// facility unless syslog_facility says otherwise, so a Postfix identifier
// that first appears while following, under another facility, is missed.

// journalFields are the fields mxtop reads of each entry.
const journalFields = "MESSAGE,SYSLOG_IDENTIFIER,SYSLOG_PID,_PID,_HOSTNAME"

// mailFacility is LOG_MAIL's number in SYSLOG_FACILITY.
const mailFacility = "2"

// IsPostfixIdentifier says whether a SYSLOG_IDENTIFIER is Postfix's: its
// syslog_name is "postfix", or starts with "postfix/" or "postfix-"
// (a second instance such as postfix-out/smtp).
func IsPostfixIdentifier(id string) bool {
	return id == "postfix" || strings.HasPrefix(id, "postfix/") || strings.HasPrefix(id, "postfix-")
}

// postfixIdentifiers are the identifiers a default Postfix logs under,
// asked for even before they appear in the journal (a follow started
// before the first bounce still sees postfix/bounce).
func postfixIdentifiers() []string {
	ids := make([]string, 0, len(postfixDaemons)+1)
	for d := range postfixDaemons {
		ids = append(ids, "postfix/"+d)
	}
	ids = append(ids, "postfix")
	return ids
}

// JournalQuery says which journal entries to read and how.
type JournalQuery struct {
	Dir       string // journal directory (journalctl --directory); empty: the system's
	Since     string // a Go duration ("2h") or a journalctl time
	FromStart bool   // read what is there first (with Follow)
	Follow    bool
	Lines     int // the last N entries only, when not following
	// Identifiers are the SYSLOG_IDENTIFIER values asked for besides the
	// mail facility; nil means every name a default Postfix uses.
	Identifiers []string
	// PostfixOnly asks for the identifiers alone, not the rest of the
	// mail facility (Dovecot, an MDA, a milter): Postfix's own entries,
	// as when the journal's newest one is weighed against a file.
	PostfixOnly bool
}

// JournalArgs builds the journalctl command line: the export output of
// the fields mxtop reads, for entries of the mail facility or of one of
// the identifiers (with PostfixOnly, of one of the identifiers).
func JournalArgs(q JournalQuery) []string {
	args := []string{"--output=export", "--output-fields=" + journalFields, "--no-pager"}
	if q.Dir != "" {
		args = append(args, "--directory="+q.Dir)
	}
	if q.Follow {
		args = append(args, "--follow")
	}
	switch {
	case q.Since != "":
		args = append(args, "--since="+journalSince(q.Since))
	case q.FromStart && q.Follow:
		args = append(args, "--lines=all")
	case q.Follow:
		args = append(args, "--lines=0")
	case q.Lines > 0:
		args = append(args, "--lines="+strconv.Itoa(q.Lines))
	}
	ids := q.Identifiers
	if ids == nil {
		ids = postfixIdentifiers()
	}
	if q.PostfixOnly && len(ids) == 0 {
		// No match at all would select every entry.
		ids = []string{"postfix"}
	}
	// Matches on one field are ORed; "+" ORs the two groups.
	if !q.PostfixOnly {
		args = append(args, "SYSLOG_FACILITY="+mailFacility)
		if len(ids) > 0 {
			args = append(args, "+")
		}
	}
	for _, id := range uniqueSorted(ids) {
		args = append(args, "SYSLOG_IDENTIFIER="+id)
	}
	return args
}

func uniqueSorted(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// journalIdentifiers lists the Postfix identifiers the journal holds (a
// renamed syslog_name, a second instance), or nil when journalctl cannot
// say within bound (or the Exec's own bound). Only these are asked for
// beside the facility: every match term costs journalctl time on every
// entry (all 45 default names together made it 90% slower, the dozen a
// busy host has 40%).
func journalIdentifiers(ctx context.Context, ex Exec, dir string, bound time.Duration) []string {
	cctx, cancel := context.WithTimeout(ctx, bound)
	ids, err := probeJournalIdentifiers(cctx, ex, dir)
	cancel()
	if err != nil {
		return nil
	}
	return ids
}

// probeJournalIdentifiers asks journalctl which SYSLOG_IDENTIFIER values
// the journal holds and returns Postfix's (postfixMatchable), never nil
// without an error. journalctl matches a field's value whole, not by its
// start: this list is how postfix-out/smtp, or postfix/submission/smtpd,
// is asked for by name. The reader and the freshness check of the
// detection both select by it.
func probeJournalIdentifiers(ctx context.Context, ex Exec, dir string) ([]string, error) {
	args := []string{"--field=SYSLOG_IDENTIFIER"}
	if dir != "" {
		args = append(args, "--directory="+dir)
	}
	out, err := ex.Output(ctx, "journalctl", args...)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, id := range strings.Split(string(out), "\n") {
		if postfixMatchable([]byte(id)) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// JournalReaderEnv names the environment variable that makes a replay
// read the journal through journalctl (=journalctl) instead of its files,
// to compare the two.
const JournalReaderEnv = "MXTOP_JOURNAL_READER"

func produceJournal(ctx context.Context, spec LogSpec, chunks chan<- chunk) error {
	// A replay reads the files itself (journalfile.go); following needs
	// journalctl, which waits for journald's writes. What the reader
	// cannot read goes to journalctl, but for want of permission, which
	// journalctl has no more of.
	unavailable := func(err error) error {
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: err.Error(), Time: time.Now()}})
		return err
	}
	if spec.JournalDir != "" {
		if err := checkJournalDir(spec.JournalDir); err != nil {
			return unavailable(err)
		}
	}
	fallback := ""
	if spec.Once && os.Getenv(JournalReaderEnv) != "journalctl" {
		files, skipped, err := openJournalFiles(spec.JournalDir)
		since, sinceOK := journalSinceMicros(spec.Since, time.Now())
		switch {
		case err == nil && sinceOK:
			defer closeJournalFiles(files)
			detail := fmt.Sprintf("journal files (%d)", len(files))
			if spec.JournalDir != "" {
				detail += " " + spec.JournalDir
			}
			detail += " (Postfix identifiers and mail facility)"
			if len(skipped) > 0 {
				detail += "; left out: " + strings.Join(skipped, "; ")
			}
			detail += shortNote(spec.Found)
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthOK, Detail: detail, Time: time.Now()}})
			err := produceJournalFiles(ctx, files, since, chunks)
			if err != nil && ctx.Err() == nil {
				send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: err.Error(), Time: time.Now()}})
			}
			return err
		case err == nil:
			closeJournalFiles(files)
			fallback = "--since " + spec.Since + " is read by journalctl"
		case errors.Is(err, os.ErrPermission), spec.JournalDir != "" && errors.Is(err, errNoJournalFiles):
			// journalctl could read no more than this user can, nor find
			// journals the reader did not.
			return unavailable(err)
		default:
			fallback = err.Error()
		}
	}
	q := JournalQuery{Dir: spec.JournalDir, Since: spec.Since, FromStart: spec.FromStart || spec.Once, Follow: !spec.Once}
	limit := spec.StallLimit
	if limit <= 0 {
		limit = JournalStallLimit
	}
	// A journalctl that hangs hangs the identifier probe as well as the
	// read after it: the probe spends the read's stall limit rather than
	// waiting out a bound of its own first. A probe that answers was
	// journalctl writing, and leaves the read the whole limit.
	probed := time.Now()
	q.Identifiers = journalIdentifiers(ctx, spec.Exec, spec.JournalDir, limit)
	first := limit
	if q.Identifiers == nil {
		first -= time.Since(probed)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if spec.Once && first <= 0 {
		return unavailable(journalStallError(limit))
	}
	rc, err := spec.Exec.Stream(ctx, false, "journalctl", JournalArgs(q)...)
	if err != nil {
		return unavailable(err)
	}
	defer rc.Close()
	detail := "journal (Postfix identifiers and mail facility)"
	if spec.JournalDir != "" {
		detail = "journal " + spec.JournalDir + " (Postfix identifiers and mail facility)"
	}
	if fallback != "" {
		detail += " through journalctl: " + fallback
	}
	detail += shortNote(spec.Found)
	send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthOK, Detail: detail, Time: time.Now()}})
	in := &stallReader{r: rc, limit: limit, first: first, after: spec.stallAfter}
	if spec.Once {
		// A read that ends must end: silence past the limit kills
		// journalctl (and its process group, through Close).
		in.onStall = func() { rc.Close() }
	} else if q.Since != "" || q.FromStart {
		// Following, silence is a quiet log; but a backlog asked for and
		// not begun is worth a word on screen, until its first entry.
		in.firstOnly = true
		in.onStall = func() {
			why := fmt.Sprintf("%s: journalctl has written nothing for %s, not even the backlog asked for: no Postfix entry in it, or journalctl is stuck; still waiting", detail, limit)
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthDegraded, Detail: why, Time: time.Now()}})
		}
		in.onResume = func() {
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthOK, Detail: detail, Time: time.Now()}})
		}
	}
	err = produceExport(ctx, in, chunks, !spec.Once)
	if err != nil && ctx.Err() == nil {
		why := "journalctl ended: " + err.Error()
		if errors.As(err, new(journalStallError)) {
			why = err.Error()
		}
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: why, Time: time.Now()}})
	}
	return err
}

// JournalStallLimit is how long journalctl may write nothing while a
// journal is read once before it is taken for stuck and killed. With the
// match on the mail facility and Postfix's identifiers journalctl walks
// the journal's field indexes, not every entry, so even a journal of
// gigabytes yields its next Postfix entry within seconds; a minute of
// silence is a journal file it cannot get past (a lock, a dead NFS
// server) or a broken journald, which would otherwise hang a report for
// ever. A read that keeps writing is never cut, however long it takes.
// An identifier probe left unanswered counts towards the first output's
// limit.
const JournalStallLimit = time.Minute

// journalStallError is a journalctl killed for writing nothing for its
// limit.
type journalStallError time.Duration

func (e journalStallError) Error() string {
	return fmt.Sprintf("journalctl wrote nothing for %s and was killed: a stuck journal file, or journald broken?", time.Duration(e))
}

// stallReader reads a command's output and calls onStall, on a goroutine
// of its own, when a read has waited limit for a byte (the first read:
// first, what the identifier probe left of the limit). The time goes only
// while the reader waits on the command, not while the consumer is slow.
// After onStall the read fails with journalStallError; with firstOnly the
// reader waits on instead, watching no more, and calls onResume at the
// first byte. One timer serves every read.
type stallReader struct {
	r            io.Reader
	limit, first time.Duration
	onStall      func() // nil: no watch
	firstOnly    bool
	onResume     func()

	// after starts the watch's timer; nil: time.AfterFunc.
	after func(time.Duration, func()) stallTimer

	timer   stallTimer
	stalled chan struct{} // a value each time onStall has returned
	seen    bool          // the first byte has come
	fired   bool          // onStall has run
}

// stallTimer is the stall watch's timer: a *time.Timer, or a test's.
type stallTimer interface {
	Stop() bool
	Reset(time.Duration) bool
}

func (s *stallReader) Read(p []byte) (int, error) {
	watch := s.onStall != nil && !(s.firstOnly && (s.seen || s.fired))
	if watch {
		if s.timer == nil {
			s.stalled = make(chan struct{}, 1)
			after := s.after
			if after == nil {
				after = func(d time.Duration, f func()) stallTimer { return time.AfterFunc(d, f) }
			}
			s.timer = after(s.first, func() { s.onStall(); s.stalled <- struct{}{} })
		} else {
			s.timer.Reset(s.limit)
		}
	}
	n, err := s.r.Read(p)
	if watch && !s.timer.Stop() {
		<-s.stalled
		s.fired = true
		if !s.firstOnly {
			return 0, journalStallError(s.limit)
		}
	}
	if n > 0 && !s.seen {
		s.seen = true
		if s.fired && s.onResume != nil {
			s.onResume()
		}
	}
	return n, err
}

// checkJournalDir says why --journal-dir names no directory: journalctl's
// own message comes after its whole command line.
func checkJournalDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such directory", dir)
	case err != nil:
		return explainOpenError(dir, err)
	case !fi.IsDir():
		return fmt.Errorf("%s: not a directory: name the directory that holds the journal files", dir)
	}
	return nil
}

// journalSince turns a Go duration ("2h") into journalctl's "-2h" form;
// anything else is passed as it is (journalctl reads dates itself).
func journalSince(s string) string {
	if d, err := time.ParseDuration(s); err == nil {
		return fmt.Sprintf("-%ds", int64(d.Seconds()))
	}
	return s
}

// produceExport reads journal export entries from in and sends them as
// syslog lines, in chunks like a replayed file. live sends what it has
// whenever the input pauses, so a followed journal shows lines at once.
func produceExport(ctx context.Context, in io.Reader, chunks chan<- chunk, live bool) error {
	er := newExportReader(in)
	const chunkLines, chunkBytes = 1024, 256 * 1024
	buf := make([]byte, 0, chunkBytes+MaxLineLen+256)
	ends := make([]int, 0, chunkLines)
	flush := func() bool {
		if len(ends) == 0 {
			return true
		}
		c := chunk{text: string(buf), ends: ends}
		buf, ends = buf[:0], make([]int, 0, chunkLines)
		return send(ctx, chunks, c)
	}
	for {
		ok, err := er.next()
		if ok {
			buf = er.appendLine(buf)
			ends = append(ends, len(buf))
			buf = append(buf, '\n')
		}
		if len(ends) >= chunkLines || len(buf) >= chunkBytes || (!ok || live && er.br.Buffered() == 0) {
			if !flush() {
				return ctx.Err()
			}
		}
		if !ok {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// exportReader decodes the journal export format: entries of KEY=value
// lines, or KEY, a newline, a 64-bit little-endian length, the bytes and
// a newline for values that are binary or hold newlines; a blank line
// ends an entry.
type exportReader struct {
	br *bufio.Reader
	// The current entry's fields, copied: the reader's buffer moves on.
	entryFields
	hasMsg bool
}

// entryFields holds the fields of one entry that make its syslog line,
// whether they come from journalctl's export or from the journal's files.
type entryFields struct {
	realtime                    int64 // µs since the epoch; 0 for none
	msg, ident, host, spid, pid []byte
	// Formatting the stamp once per second.
	stampSec int64
	stamp    []byte
}

func (e *entryFields) reset() {
	e.realtime = 0
	e.msg, e.ident, e.host, e.spid, e.pid = e.msg[:0], e.ident[:0], e.host[:0], e.spid[:0], e.pid[:0]
}

func newExportReader(r io.Reader) *exportReader {
	return &exportReader{br: bufio.NewReaderSize(r, 256*1024), entryFields: entryFields{stampSec: -1}}
}

// next reads one entry. It returns false at the end of input (err io.EOF)
// or on a malformed stream.
func (e *exportReader) next() (bool, error) {
	e.reset()
	e.hasMsg = false
	fields := 0
	for {
		line, err := e.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A text value longer than the buffer: keep its start.
			key, val, _ := strings.Cut(string(line), "=")
			if err := e.skipLine(); err != nil {
				return false, err
			}
			e.take(key, []byte(val))
			fields++
			continue
		}
		if err != nil {
			if err == io.EOF && fields > 0 && len(line) == 0 {
				return true, nil // last entry without its blank line
			}
			if err == io.EOF && len(line) > 0 {
				return false, errors.New("journal export: truncated entry")
			}
			return false, err
		}
		line = line[:len(line)-1]
		if len(line) == 0 {
			if fields == 0 {
				continue
			}
			return true, nil
		}
		fields++
		if i := indexByte(line, '='); i >= 0 {
			e.take(string(line[:i]), line[i+1:])
			continue
		}
		// Binary field: the key alone on its line, then the length.
		key := string(line)
		var n [8]byte
		if _, err := io.ReadFull(e.br, n[:]); err != nil {
			return false, fmt.Errorf("journal export: field %.40q: %w", key, noEOF(err))
		}
		size := binary.LittleEndian.Uint64(n[:])
		keep := min(size, MaxLineLen)
		val := make([]byte, keep)
		if _, err := io.ReadFull(e.br, val); err != nil {
			return false, fmt.Errorf("journal export: field %.40q: %w", key, noEOF(err))
		}
		if _, err := e.br.Discard(int(size - keep)); err != nil {
			return false, fmt.Errorf("journal export: field %.40q: %w", key, noEOF(err))
		}
		if c, err := e.br.ReadByte(); err != nil || c != '\n' {
			return false, fmt.Errorf("journal export: field %.40q: no newline after its %d bytes", key, size)
		}
		e.take(key, val)
	}
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// skipLine discards the rest of an overlong line.
func (e *exportReader) skipLine() error {
	for {
		_, err := e.br.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

func (e *exportReader) take(key string, val []byte) {
	switch key {
	case "MESSAGE":
		e.msg, e.hasMsg = append(e.msg, val...), true
	case "SYSLOG_IDENTIFIER":
		e.ident = append(e.ident, val...)
	case "_HOSTNAME":
		e.host = append(e.host, val...)
	case "SYSLOG_PID":
		e.spid = append(e.spid, val...)
	case "_PID":
		e.pid = append(e.pid, val...)
	case "__REALTIME_TIMESTAMP":
		e.realtime, _ = strconv.ParseInt(string(val), 10, 64)
	}
}

// appendLine writes the entry as "STAMP HOST IDENT[PID]: MESSAGE". Fields
// are attacker-controlled: spaces and brackets in the host and identifier
// and control bytes in the message become '_' and ' ', so the parser sees
// the fields journald stored and a line stays one line.
func (e *entryFields) appendLine(b []byte) []byte {
	start := len(b)
	if e.realtime > 0 {
		sec := e.realtime / 1e6
		if sec != e.stampSec {
			e.stampSec = sec
			e.stamp = time.Unix(sec, 0).UTC().AppendFormat(e.stamp[:0], "2006-01-02T15:04:05")
		}
		b = append(b, e.stamp...)
		b = append(b, '.')
		us := e.realtime % 1e6
		for d := int64(100000); d > 0; d /= 10 {
			b = append(b, byte('0'+us/d%10))
		}
		b = append(b, "Z "...)
		// Without a time the line is a bare "ident[pid]: message", which
		// the parser reads without a stamp or host.
		if len(e.host) == 0 {
			b = append(b, '-')
		}
		b = appendWord(b, e.host)
		b = append(b, ' ')
	}
	if len(e.ident) > 0 {
		b = appendWord(b, e.ident)
		pid := e.spid
		if len(pid) == 0 {
			pid = e.pid
		}
		if _, ok := atoi(string(pid)); ok {
			b = append(b, '[')
			b = append(b, pid...)
			b = append(b, ']')
		}
		b = append(b, ": "...)
	}
	room := MaxLineLen - (len(b) - start)
	msg := e.msg
	if len(msg) > room {
		msg = msg[:max(room, 0)]
	}
	for _, c := range msg {
		if c < ' ' || c == 0x7f {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}

// appendWord appends a host or identifier with the bytes that would end
// it early (space, control, '[', ':') replaced.
func appendWord(b, w []byte) []byte {
	for _, c := range w {
		if c <= ' ' || c == 0x7f || c == '[' || c == ']' || c == ':' {
			c = '_'
		}
		b = append(b, c)
	}
	return b
}
