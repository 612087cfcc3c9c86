package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Following a log file across rotations.
//
// The file is identified by its open handle, never by its name: after a
// rotation (rename, delete) the old handle is read to its end before the
// new file is taken, so lines a daemon writes before it reopens its log are
// kept, and the new file is opened once, so nothing is read twice. A line
// caught half-written waits for its end. A truncation (copytruncate) is
// recognised by the bytes just before the read offset changing; what was not
// read yet is taken from the rotated copy when one holds it, and counted as
// lost otherwise.

const (
	// followPoll bounds how long a change can go unnoticed when no file
	// system event says so (a rotated file deleted or moved away, a watch
	// that failed); followIdle when the watched file is at its path.
	followPoll = 250 * time.Millisecond
	followIdle = time.Second
	// followMinGap batches the events of a busy file into one read.
	followMinGap = 20 * time.Millisecond
	followRead   = 256 * 1024
	followChunk  = 1024 // lines per chunk
	// tailKeep bytes before the read offset recognise the file's content:
	// if they changed, the file was truncated and written again.
	tailKeep = 64
	// headKeep is how much of a file's start is kept to tell a file cut
	// short (its start unchanged) from one written anew.
	headKeep = 256
	// copyCandidates is how many rotated files are tried for what a
	// truncation took, newest first.
	copyCandidates = 3
)

// produceFollow follows path like tail -F; it waits for a missing file and
// says why one cannot be read until it can.
func produceFollow(ctx context.Context, path string, fromStart bool, notBefore time.Time, p *Parser, st *stateSender, chunks chan<- chunk) error {
	mode, waited, err := waitForLog(ctx, path, st)
	if err != nil {
		return err
	}
	if !mode.IsRegular() {
		return followStream(ctx, path, st, chunks)
	}
	fl, err := openFollower(path, fromStart || waited)
	if err != nil {
		st.report(HealthUnavailable, err.Error())
		return err
	}
	defer fl.close()
	if fromStart || waited {
		fl.seekTo(notBefore, p) // --since: from the window's first line
	}
	fl.emit = func(c chunk) bool { return fl.send(ctx, chunks, c) }
	return fl.run(ctx, st)
}

// stateSender sends the source's state when it changes.
type stateSender struct {
	ctx    context.Context
	chunks chan<- chunk
	last   string
	lost   uint64
	// note follows every detail: older files left out (degraded makes
	// an ok state degraded) or not read (setNote).
	note     string
	degraded bool
}

// setNote says, after every state, the older files named beside the one
// followed that could not be read (why each) and those not read, and a
// --since window that starts before the lines read (short).
func (s *stateSender) setNote(leftOut, unread []string, short string) {
	var notes []string
	if len(leftOut) > 0 {
		notes = append(notes, leftOutNote(leftOut))
	}
	if len(unread) > 0 {
		notes = append(notes, strings.Join(unread, " ")+" not read: --from-start reads the older files first")
	}
	if short != "" {
		notes = append(notes, short)
	}
	s.note, s.degraded = strings.Join(notes, "; "), len(leftOut) > 0
}

// leftOutNote says why each file named beside the ones read was left out.
func leftOutNote(leftOut []string) string {
	notes := make([]string, len(leftOut))
	for i, why := range leftOut {
		notes[i] = "older file left out: " + why
	}
	return strings.Join(notes, "; ")
}

func (s *stateSender) report(h Health, detail string) {
	s.reportLost(h, detail, s.lost)
}

func (s *stateSender) reportLost(h Health, detail string, lost uint64) {
	if s.note != "" {
		detail += "; " + s.note
		if s.degraded && h == HealthOK {
			h = HealthDegraded
		}
	}
	key := h.String() + detail
	if key == s.last && lost == s.lost {
		return
	}
	s.last, s.lost = key, lost
	send(s.ctx, s.chunks, chunk{state: &SourceState{Source: "log", Health: h, Detail: detail, Time: time.Now()}, lostAtTruncation: lost})
}

// waitForLog waits until path is there and readable, saying why it is not.
// It returns the file's mode and whether it had to wait for it to appear.
func waitForLog(ctx context.Context, path string, st *stateSender) (os.FileMode, bool, error) {
	waited := false
	for {
		mode, err := checkLog(path)
		if err == nil {
			return mode, waited, nil
		}
		switch {
		case errors.Is(err, os.ErrNotExist):
			waited = true // the file will be new: read it all
			st.report(HealthWaiting, "waiting for "+path+" to appear")
		case errors.Is(err, errIsDir), errors.Is(err, errNotText):
			st.report(HealthUnavailable, err.Error())
		default:
			st.report(HealthUnavailable, explainOpenError(path, err).Error())
		}
		select {
		case <-ctx.Done():
			return 0, waited, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// checkLog says whether path is a log mxtop can follow. A FIFO is not
// opened: opening and closing it would cut off its writer.
func checkLog(path string) (os.FileMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	if fi.IsDir() {
		return 0, dirError(path)
	}
	if fi.Mode()&os.ModeNamedPipe != 0 {
		return fi.Mode(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := endlessDevice(f); err != nil {
		return 0, err
	}
	if fi.Mode().IsRegular() {
		// Followed from its end, a binary file's new bytes would be cut
		// into lines as a text log's are.
		head := make([]byte, 64)
		n, _ := io.ReadFull(f, head)
		if err := notText(path, head[:n]); err != nil && compression(head[:n]) == "" {
			return 0, err
		}
	}
	return fi.Mode(), nil
}

var errIsDir = errors.New("is a directory")

// NotDirectory refuses a directory named as a log file (dirError); any
// other path, there or not, is the source's to judge.
func NotDirectory(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return dirError(path)
	}
	return nil
}

// dirError explains that a directory was named, suggesting the mail log in
// it when there is one.
func dirError(path string) error {
	for _, name := range []string{"mail.log", "maillog", "mail/mail.log"} {
		p := filepath.Join(path, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return fmt.Errorf("%s: %w, not a log file: did you mean --log %s?", path, errIsDir, p)
		}
	}
	return fmt.Errorf("%s: %w, not a log file: name the mail log in it", path, errIsDir)
}

// followStream reads a FIFO (or another file that is not a regular one) as a
// stream, waiting for a writer whenever it has none.
func followStream(ctx context.Context, path string, st *stateSender, chunks chan<- chunk) error {
	var f *os.File
	for {
		var err error
		if f, err = openStream(path); err == nil {
			break
		}
		st.report(HealthUnavailable, explainOpenError(path, err).Error())
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	defer f.Close()
	st.report(HealthOK, "reading "+path+" as a stream (a FIFO: no rotation, no history)")
	err := produceFollowReader(ctx, &streamReader{ctx: ctx, f: f, follow: true}, chunks)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// openStream opens a FIFO without waiting for a writer.
func openStream(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// streamReader reads a FIFO opened by openStream. Without a writer a read
// returns nothing: it waits for one, and when following, for the next one
// after a writer leaves. It stops when ctx ends.
type streamReader struct {
	ctx    context.Context
	f      *os.File
	follow bool
	seen   bool // a writer has written
	// waiting, when set, is called once the FIFO has had no writer for
	// writerWait since the first read found none.
	waiting  func()
	noWriter time.Time
}

// writerWait is how long a replayed FIFO goes without a writer before
// that is said: a report would otherwise wait without a word.
const writerWait = time.Second

func (r *streamReader) Read(p []byte) (int, error) {
	for {
		if err := r.ctx.Err(); err != nil {
			return 0, err
		}
		r.f.SetReadDeadline(time.Now().Add(followPoll))
		n, err := r.f.Read(p)
		if n > 0 {
			r.seen = true
			return n, nil
		}
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded):
		case errors.Is(err, io.EOF) || err == nil:
			if !r.follow && (r.seen || pipeWriterGone(r.f)) {
				return 0, io.EOF
			}
			if r.waiting != nil && !r.seen {
				// No writer: a FIFO with one would wait in Read for data.
				if r.noWriter.IsZero() {
					r.noWriter = time.Now()
				} else if time.Since(r.noWriter) >= writerWait {
					r.waiting()
					r.waiting = nil
				}
			}
			select {
			case <-r.ctx.Done():
			case <-time.After(followPoll):
			}
		default:
			return 0, err
		}
	}
}

// follower reads one log file by its handle.
type follower struct {
	path string
	f    *os.File
	fi   os.FileInfo // f's identity
	off  int64       // next byte of f to read
	size int64       // f's largest size seen, for what a truncation took
	tail []byte      // the tailKeep bytes before off, as read
	head []byte      // the file's first headKeep bytes, as read
	// next is the file now at path once f was rotated away; it is taken
	// when it has data, after f was read to its end.
	next   *os.File
	nextFI os.FileInfo
	// pathErr and nextErr say why path cannot be read, for the state.
	pathErr, nextErr error
	atPath           bool // f is the file at path

	partial    []byte // a line caught half-written
	partialCut bool   // partial passed MaxLineLen
	skipLine   bool   // started in the middle of a line: drop up to its end

	buf   []byte
	out   lineChunk
	emit  func(chunk) bool
	prog  *progressCounter // reading a backlog
	read  int64            // bytes read from all files, for prog
	lines int64            // emitted, with lineBytes, for estimating a loss
	bytes int64

	lost    uint64 // lines lost at truncation
	lostWhy string
}

// openFollower opens path, positioned at its start or its end.
func openFollower(path string, fromStart bool) (*follower, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, explainOpenError(path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	fl := &follower{path: path, f: f, fi: fi, buf: make([]byte, tailKeep+followRead)}
	if fromStart {
		if fi.Size() > 0 {
			fl.prog = &progressCounter{total: fi.Size()}
		}
		return fl, nil
	}
	fl.off, fl.size = fi.Size(), fi.Size()
	fl.head = make([]byte, min(headKeep, fi.Size()))
	if _, err := f.ReadAt(fl.head, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if fl.off > 0 {
		k := min(int64(tailKeep), fl.off)
		fl.tail = make([]byte, k)
		if _, err := f.ReadAt(fl.tail, fl.off-k); err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		fl.skipLine = fl.tail[k-1] != '\n'
	}
	return fl, nil
}

func (fl *follower) close() {
	fl.f.Close()
	if fl.next != nil {
		fl.next.Close()
	}
}

// run reads the file and its successors until ctx ends, waking on file
// system events in its directory and every followPoll (followIdle while
// the events suffice).
func (fl *follower) run(ctx context.Context, st *stateSender) error {
	w := watchDir(fl.path)
	defer func() { w.stop() }()
	tick := time.NewTimer(followPoll)
	defer tick.Stop()
	for {
		started := time.Now()
		if err := fl.poll(); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			st.reportLost(HealthUnavailable, err.Error(), fl.lost)
			return err
		}
		h, detail := fl.health()
		st.reportLost(h, detail, fl.lost)
		if w.dead.Load() {
			// The directory was removed or renamed: its watch ended.
			// Watch the one at the path again once there is one.
			if fi, err := os.Stat(filepath.Dir(fl.path)); err == nil && fi.IsDir() {
				w.stop()
				w = watchDir(fl.path)
			}
		}
		if w.wake != nil && !w.dead.Load() && fl.atPath && fl.next == nil {
			tick.Reset(followIdle)
		} else {
			tick.Reset(followPoll)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-w.wake:
		case <-tick.C:
		}
		if gap := time.Since(started); gap < followMinGap {
			time.Sleep(followMinGap - gap)
		}
	}
}

// dirWatch wakes the follower on changes in its file's directory. dead
// says the watch ended with the directory (removed, or renamed away): no
// event comes any more, and the follower polls.
type dirWatch struct {
	wake <-chan struct{}
	dead *atomic.Bool
	stop func()
}

// watchDir wakes the follower when a file in path's directory whose name
// starts with path's name changes. Without a watch, polling still works.
func watchDir(path string) dirWatch {
	none := dirWatch{dead: new(atomic.Bool), stop: func() {}}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return none
	}
	dir := filepath.Dir(path)
	if err := w.Add(dir); err != nil {
		w.Close()
		return none
	}
	base := filepath.Base(path)
	wake := make(chan struct{}, 1)
	dead := new(atomic.Bool)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				self := filepath.Clean(ev.Name) == filepath.Clean(dir) && ev.Op&(fsnotify.Remove|fsnotify.Rename) != 0
				if self {
					dead.Store(true)
				}
				if self || strings.HasPrefix(filepath.Base(ev.Name), base) {
					select {
					case wake <- struct{}{}:
					default:
					}
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return dirWatch{wake: wake, dead: dead, stop: func() { w.Close(); <-done }}
}

// health says how following goes, from what the last poll found at path.
func (fl *follower) health() (Health, string) {
	switch {
	case errors.Is(fl.pathErr, os.ErrNotExist):
		return HealthWaiting, "waiting for " + fl.path + " to reappear (rotated or deleted)"
	case fl.pathErr != nil:
		return HealthUnavailable, explainOpenError(fl.path, fl.pathErr).Error()
	case fl.nextErr != nil:
		return HealthUnavailable, fl.nextErr.Error()
	}
	detail := "following " + fl.path
	if fl.lost > 0 {
		what := "lines"
		if fl.lost == 1 {
			what = "line"
		}
		detail += fmt.Sprintf("; %d %s lost at truncation (%s)", fl.lost, what, fl.lostWhy)
	}
	return HealthOK, detail
}

// poll reads all there is: the current file to its end, then, once the
// file at path has data, the rest of the current one and the new one.
// Whoever writes the log writes the old file before the new one, so the
// old one is complete when the new one has data.
func (fl *follower) poll() error {
	for {
		if err := fl.readToEnd(); err != nil {
			return err
		}
		fl.lookForNext()
		if fl.next == nil {
			return nil
		}
		if fi, err := fl.next.Stat(); err != nil || fi.Size() == 0 {
			return nil
		}
		if err := fl.readToEnd(); err != nil {
			return err
		}
		fl.switchToNext()
	}
}

// lookForNext opens the file at path when it is not the one being read.
func (fl *follower) lookForNext() {
	fi, err := os.Stat(fl.path)
	fl.pathErr = err
	fl.atPath = err == nil && os.SameFile(fi, fl.fi)
	if err != nil || os.SameFile(fi, fl.fi) || (fl.next != nil && os.SameFile(fi, fl.nextFI)) {
		fl.nextErr = nil
		return
	}
	if !fi.Mode().IsRegular() {
		fl.nextErr = fmt.Errorf("%s: was replaced by something that is not a file (%s)", fl.path, fi.Mode().Type())
		return
	}
	if fl.next != nil {
		if nfi, err := fl.next.Stat(); err == nil && nfi.Size() > 0 {
			return // take it first; the newer one after
		}
		fl.next.Close()
		fl.next = nil
	}
	f, err := os.Open(fl.path)
	if err != nil {
		fl.nextErr = explainOpenError(fl.path, err)
		return
	}
	nfi, err := f.Stat()
	if err != nil {
		f.Close()
		fl.nextErr = err
		return
	}
	fl.next, fl.nextFI, fl.nextErr = f, nfi, nil
}

// switchToNext leaves the rotated file for the new one, from its start.
func (fl *follower) switchToNext() {
	if len(fl.partial) > 0 {
		// The writer left it without a newline: that line is complete.
		fl.out.add(fl.partial, fl.partialCut)
		fl.countLine(len(fl.partial))
		fl.partial, fl.partialCut = fl.partial[:0], false
		fl.flush()
	}
	fl.f.Close()
	fl.f, fl.fi, fl.next, fl.nextFI = fl.next, fl.nextFI, nil, nil
	fl.off, fl.size, fl.tail, fl.head, fl.skipLine = 0, 0, fl.tail[:0], fl.head[:0], false
}

// readToEnd reads f from off to its end. Each read starts tailKeep bytes
// early: if those bytes are not the ones read before, the file was
// truncated.
func (fl *follower) readToEnd() error {
	for {
		k := len(fl.tail)
		n, err := fl.f.ReadAt(fl.buf, fl.off-int64(k))
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: %w", fl.path, err)
		}
		if n < k || !bytes.Equal(fl.buf[:k], fl.tail) {
			if err := fl.truncated(); err != nil {
				return err
			}
			continue
		}
		// The size once the bytes read are known to be the same file's:
		// before, a file truncated and written again gave its new size,
		// and what lay past off in it was counted lost from the old one.
		if fi, err := fl.f.Stat(); err == nil {
			fl.size = max(fl.size, fi.Size())
		}
		data := fl.buf[k:n]
		if len(data) > 0 {
			fl.consume(data)
			fl.advance(data)
			if !fl.flush() {
				return context.Canceled
			}
		}
		if n < len(fl.buf) {
			return nil
		}
	}
}

// advance moves off past data and keeps the bytes before it.
func (fl *follower) advance(data []byte) {
	if pos := fl.off; pos < headKeep && int64(len(fl.head)) == pos {
		fl.head = append(fl.head, data[:min(int64(len(data)), headKeep-pos)]...)
	}
	fl.off += int64(len(data))
	fl.read += int64(len(data))
	fl.size = max(fl.size, fl.off)
	if len(data) >= tailKeep {
		fl.tail = append(fl.tail[:0], data[len(data)-tailKeep:]...)
		return
	}
	fl.tail = append(fl.tail, data...)
	if len(fl.tail) > tailKeep {
		fl.tail = append(fl.tail[:0], fl.tail[len(fl.tail)-tailKeep:]...)
	}
}

// consume splits data into lines, keeping an unfinished one for later.
func (fl *follower) consume(data []byte) {
	if fl.skipLine {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return
		}
		data, fl.skipLine = data[i+1:], false
	}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			fl.addPartial(data)
			return
		}
		line := data[:i]
		data = data[i+1:]
		switch {
		case len(fl.partial) == 0:
			fl.out.add(line, false)
			fl.countLine(len(line))
		default:
			fl.addPartial(line)
			fl.out.add(fl.partial, fl.partialCut)
			fl.countLine(len(fl.partial))
			fl.partial, fl.partialCut = fl.partial[:0], false
		}
		if len(fl.out.ends) >= followChunk {
			fl.flush()
		}
	}
}

func (fl *follower) addPartial(b []byte) {
	room := MaxLineLen - len(fl.partial)
	if len(b) > room {
		b, fl.partialCut = b[:max(room, 0)], true
	}
	fl.partial = append(fl.partial, b...)
}

func (fl *follower) countLine(n int) {
	fl.lines++
	fl.bytes += int64(n) + 1
}

// send hands a chunk to the parse loop. While the loop is behind, it
// notes how large the file grows, to count what a truncation takes.
func (fl *follower) send(ctx context.Context, chunks chan<- chunk, c chunk) bool {
	select {
	case chunks <- c:
		return true
	case <-ctx.Done():
		return false
	default:
	}
	t := time.NewTicker(followPoll)
	defer t.Stop()
	for {
		select {
		case chunks <- c:
			return true
		case <-ctx.Done():
			return false
		case <-t.C:
			fl.noteSize()
		}
	}
}

// noteSize records f's size while the bytes before off are still the
// ones read: after a truncation and new writes the size is the new
// file's, which says nothing of what the truncation took.
func (fl *follower) noteSize() {
	fi, err := fl.f.Stat()
	if err != nil || fi.Size() <= fl.size {
		return
	}
	if k := len(fl.tail); k > 0 {
		var b [tailKeep]byte
		if n, _ := fl.f.ReadAt(b[:k], fl.off-int64(k)); n < k || !bytes.Equal(b[:k], fl.tail) {
			return
		}
	}
	fl.size = fi.Size()
}

// flush sends the lines gathered so far; false when the source stops.
func (fl *follower) flush() bool {
	p := fl.prog
	backlog := p != nil && !p.done()
	if len(fl.out.ends) == 0 && !(backlog && fl.read >= p.total) {
		return true
	}
	c := chunk{lostAtTruncation: fl.lost}
	if len(fl.out.ends) > 0 {
		c.text, c.ends, c.long = string(fl.out.buf), fl.out.ends, fl.out.long
		fl.out = lineChunk{buf: fl.out.buf[:0], ends: make([]int, 0, followChunk)}
	}
	if backlog {
		p.read = min(p.total, fl.read)
		p.lines += int64(len(c.ends))
		c.progress = p.snapshot()
		c.progress.Finished = p.done()
	}
	return fl.emit(c)
}

// truncated handles a truncation of f: the bytes from off to where the
// file was cut are read from the rotated copy when one holds them, and
// counted as lost otherwise. Reading goes on from the file's start.
func (fl *follower) truncated() error {
	if fl.cutToPrefix() {
		return nil
	}
	end, ok := fl.readCopy()
	if !fl.flush() {
		return context.Canceled
	}
	switch {
	case !ok:
		fl.loseBytes(fl.size-fl.off, "the file was truncated before they were read and no rotated copy holds them")
		if len(fl.partial) > 0 && fl.size == fl.off {
			fl.lost++ // its end came after the size was last seen
			fl.lostWhy = "the file was truncated before a line half written was finished"
		}
		fl.partial, fl.partialCut = fl.partial[:0], false
	case end < fl.size:
		// Written after the copy was taken and before the truncation; the
		// line the copy ends in lost its end.
		fl.loseBytes(fl.size-end, "written between the copy and the truncation")
		if len(fl.partial) > 0 {
			fl.lost++
		}
		fl.partial, fl.partialCut = fl.partial[:0], false
	}
	fl.off, fl.size, fl.tail, fl.head, fl.skipLine = 0, 0, fl.tail[:0], fl.head[:0], false
	return nil
}

// cutToPrefix handles a truncation that kept the file's start (truncate
// -s SIZE, a log trimmed from its end): the file still begins with the
// bytes read from it, so what is left was read already. Reading goes on
// from the new end instead of counting those lines again; what lay past
// the read position is lost.
func (fl *follower) cutToPrefix() bool {
	fi, err := fl.f.Stat()
	if err != nil || fi.Size() == 0 || fi.Size() >= fl.off || len(fl.head) == 0 || int64(len(fl.head)) > fi.Size() {
		return false
	}
	b := make([]byte, len(fl.head))
	if n, _ := fl.f.ReadAt(b, 0); n < len(b) || !bytes.Equal(b, fl.head) {
		return false
	}
	end := fi.Size()
	k := min(int64(tailKeep), end)
	tail := make([]byte, k)
	if n, _ := fl.f.ReadAt(tail, end-k); int64(n) < k {
		return false
	}
	if !fl.flush() {
		return false
	}
	fl.loseBytes(fl.size-fl.off, "the file was cut short before they were read")
	fl.partial, fl.partialCut = fl.partial[:0], false
	fl.off, fl.size, fl.tail = end, end, append(fl.tail[:0], tail...)
	fl.skipLine = tail[k-1] != '\n'
	return true
}

// loseBytes counts n bytes as lost lines, at the average line length.
func (fl *follower) loseBytes(n int64, why string) {
	if n <= 0 {
		return
	}
	avg := int64(200)
	if fl.lines > 0 {
		avg = max(1, fl.bytes/fl.lines)
	}
	fl.lost += uint64((n + avg - 1) / avg)
	fl.lostWhy = why
}

// readCopy looks for the copy of the truncated file among the rotated
// files beside it (mail.log.1, mail.log-20261130, mail.log.1.gz), newest
// first, recognised by holding the bytes last read at the same offset, and
// reads on from off to its end. It returns the copy's size.
func (fl *follower) readCopy() (int64, bool) {
	if len(fl.tail) < tailKeep && int64(len(fl.tail)) != fl.off || fl.off == 0 {
		return 0, fl.off == 0
	}
	dir, base := filepath.Split(fl.path)
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return 0, false
	}
	type cand struct {
		path string
		mod  time.Time
	}
	var cands []cand
	for _, e := range entries {
		name := e.Name()
		if name == base || !(strings.HasPrefix(name, base+".") || strings.HasPrefix(name, base+"-")) {
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			cands = append(cands, cand{filepath.Join(dir, name), info.ModTime()})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].mod.After(cands[j].mod) })
	for i, c := range cands {
		if i == copyCandidates {
			break
		}
		if end, ok := fl.readCopyFrom(c.path); ok {
			return end, true
		}
	}
	return 0, false
}

func (fl *follower) readCopyFrom(path string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	rc, err := OpenLogReader(path, f)
	if err != nil {
		return 0, false
	}
	defer rc.Close()
	k := int64(len(fl.tail))
	if _, err := io.CopyN(io.Discard, rc, fl.off-k); err != nil {
		return 0, false
	}
	head := make([]byte, k)
	if _, err := io.ReadFull(rc, head); err != nil || !bytes.Equal(head, fl.tail) {
		return 0, false
	}
	end := fl.off
	buf := fl.buf[:followRead]
	for {
		n, err := rc.Read(buf)
		fl.consume(buf[:n])
		end += int64(n)
		if len(fl.out.buf) >= followRead && !fl.flush() {
			return end, true
		}
		if err != nil {
			// A copy still being compressed ends early: the rest is
			// counted as lost by the caller.
			return end, true
		}
	}
}

// lineChunk gathers lines into one string for the parse loop.
type lineChunk struct {
	buf  []byte
	ends []int
	long int
}

func (c *lineChunk) add(line []byte, cut bool) {
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > MaxLineLen {
		line, cut = line[:MaxLineLen], true
	}
	if cut {
		c.long++
	}
	c.buf = append(c.buf, line...)
	c.ends = append(c.ends, len(c.buf))
	c.buf = append(c.buf, '\n')
}
