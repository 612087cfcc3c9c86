package sources

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"time"
)

// seekSlack is how far before --since the search aims: syslog lines from
// several writers are in time order only to a second or so, and what is
// read too early is dropped by the NotBefore filter anyway.
const seekSlack = time.Minute

// seekCheck is how much of the log before the found offset is checked to
// be older than the window; a newer line there means the file is not in
// time order and is read from the start.
const seekCheck = 256 * 1024

// SeekTime finds, by binary search on the lines' timestamps, the offset of
// the first line of a plain (not compressed) log at or after t, less a
// minute's slack. ok is false when the file cannot be searched that way:
// a probe found no timestamp, or the lines before the offset, near it or
// spread over the file, are not older than t (the file is out of time
// order); the caller then reads it all.
// An offset equal to size means every line is older.
func SeekTime(r io.ReaderAt, size int64, t time.Time, p *Parser) (off int64, ok bool) {
	if t.IsZero() || size == 0 {
		return 0, t.IsZero()
	}
	// Dated as the replay dates its lines: its Anchor, or --year from the
	// log's start (a probe learning the start mid-file would misdate).
	probe := p.clone()
	if p.Year != 0 && p.yearFrom.IsZero() {
		return 0, false // the start unknown: read it all
	}
	target := t.Add(-seekSlack)
	buf := make([]byte, 16*1024)
	// Invariant: lines starting before lo are older than target; the line
	// starting at or after hi is not (or hi is the end).
	lo, hi := int64(0), size
	for hi-lo > int64(len(buf)) {
		mid := lo + (hi-lo)/2
		start, tm, found := lineTimeAt(r, size, mid, buf, probe)
		if !found {
			return 0, false
		}
		if start >= hi {
			// No timestamped line begins in [mid, hi): look lower.
			hi = mid
			continue
		}
		if tm.Before(target) {
			lo = start + 1
		} else {
			hi = mid
		}
	}
	// The line holding lo, then forward line by line.
	off, ok = scanFrom(r, size, lo, target, probe)
	if !ok {
		return 0, false
	}
	if !olderBefore(r, off, t, probe) || !spreadOlder(r, size, off, t, probe, buf) {
		return 0, false
	}
	return off, true
}

// seekSpread is how many lines spread evenly over the part of the log
// before the found offset are checked to be older than the window.
const seekSpread = 32

// spreadOlder checks that lines spread over [0, off) are older than t:
// logs concatenated out of order (cat mail.log mail.log.1) hold the
// window's lines far from where the search lands, beyond olderBefore's
// stretch.
func spreadOlder(r io.ReaderAt, size, off int64, t time.Time, p *Parser, buf []byte) bool {
	for i := int64(1); i <= seekSpread; i++ {
		start, tm, found := lineTimeAt(r, size, off*i/(seekSpread+1), buf, p)
		if found && start < off && !tm.Before(t) {
			return false
		}
	}
	return true
}

// lineTimeAt returns the start and time of the first line beginning after
// off (or at 0) that has a timestamp, reading at most a few buffers.
func lineTimeAt(r io.ReaderAt, size, off int64, buf []byte, p *Parser) (int64, time.Time, bool) {
	pos := off
	if off > 0 {
		// Start from the line after the one holding off.
		pos = off - 1
	}
	skipFirst := off > 0
	var rec Record
	for tries := 0; tries < 8 && pos < size; tries++ {
		n, err := r.ReadAt(buf, pos)
		if n == 0 {
			return 0, time.Time{}, false
		}
		b := buf[:n]
		consumed := 0
		for len(b) > 0 {
			nl := bytes.IndexByte(b, '\n')
			if nl < 0 {
				if err == io.EOF || pos+int64(consumed)+int64(len(b)) >= size {
					nl = len(b) // the last line, unterminated
				} else {
					break // a line longer than the buffer: read on from it
				}
			}
			line := b[:nl]
			lineStart := pos + int64(consumed)
			if skipFirst {
				skipFirst = false
			} else {
				p.ParseBytes(line, &rec)
				if !rec.Time.IsZero() {
					return lineStart, rec.Time, true
				}
			}
			consumed += min(nl+1, len(b))
			b = b[min(nl+1, len(b)):]
		}
		if consumed == 0 {
			// One line longer than the buffer: skip past it.
			consumed = len(buf)
			skipFirst = true
		}
		pos += int64(consumed)
	}
	return 0, time.Time{}, false
}

// scanFrom reads forward from the line holding from (or the next one) to
// the first line not older than target.
func scanFrom(r io.ReaderAt, size, from int64, target time.Time, p *Parser) (int64, bool) {
	pos := from
	if from > 0 {
		// Back to the start of the line holding from-1.
		pos = lineStartBefore(r, from)
	}
	br := bufio.NewReaderSize(io.NewSectionReader(r, pos, size-pos), 64*1024)
	var rec Record
	for {
		// Whole lines, counted byte for byte (CRLF, overlong lines).
		n, head := 0, []byte(nil)
		for {
			frag, err := br.ReadSlice('\n')
			if head == nil {
				head = append([]byte(nil), frag[:min(len(frag), 1024)]...)
			}
			n += len(frag)
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && n == 0 {
				return size, err == io.EOF
			}
			break
		}
		p.ParseBytes(head, &rec)
		if !rec.Time.IsZero() && !rec.Time.Before(target) {
			return pos, true
		}
		pos += int64(n)
		if pos >= size {
			return size, true
		}
	}
}

// lineStartBefore is the start of the line holding off-1.
func lineStartBefore(r io.ReaderAt, off int64) int64 {
	buf := make([]byte, 4096)
	end := off - 1 // the byte before off may be the previous line's '\n'
	for end > 0 {
		start := max(end-int64(len(buf)), 0)
		n, _ := r.ReadAt(buf[:end-start], start)
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return start + int64(i) + 1
		}
		end = start
	}
	return 0
}

// olderBefore checks that the lines in the stretch before off are all
// older than t: a log out of time order must be read whole.
func olderBefore(r io.ReaderAt, off int64, t time.Time, p *Parser) bool {
	start := max(off-seekCheck, 0)
	buf := make([]byte, off-start)
	n, _ := r.ReadAt(buf, start)
	b := buf[:n]
	if start > 0 {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	var rec Record
	for len(b) > 0 {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			nl = len(b)
		}
		p.ParseBytes(b[:nl], &rec)
		if !rec.Time.IsZero() && !rec.Time.Before(t) {
			return false
		}
		b = b[min(nl+1, len(b)):]
	}
	return true
}

// seekFile opens path and returns where reading for records at or after
// notBefore should start: 0 without a window, for a compressed file or
// when the file is out of time order.
func seekFile(path string, notBefore time.Time, p *Parser) int64 {
	if notBefore.IsZero() {
		return 0
	}
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	// A JSON array's elements and a CSV export's rows are read whole,
	// from its start.
	var magic [exportHeadLen]byte
	if n, _ := f.ReadAt(magic[:], 0); (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) || exportStart(magic[:n]) {
		return 0
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0
	}
	if p == nil {
		p = NewParser()
	}
	off, ok := SeekTime(f, st.Size(), notBefore, p)
	if !ok {
		return 0
	}
	return off
}

// seekTo moves a follower opened at its file's start to the first line of
// the window starting at notBefore, when the file can be searched.
func (fl *follower) seekTo(notBefore time.Time, p *Parser) {
	if notBefore.IsZero() || fl.off != 0 {
		return
	}
	off := seekFile(fl.path, notBefore, p)
	if off <= 0 {
		return
	}
	k := min(int64(tailKeep), off)
	tail := make([]byte, k)
	if _, err := fl.f.ReadAt(tail, off-k); err != nil {
		return
	}
	fl.off, fl.size, fl.tail, fl.read = off, off, tail, off
}

// LastTime is the time of the last dated line among a replay's or a
// followed log's plain files (read from each one's last 64 KiB), for saying where a log ends
// when a window held none of its lines. Compressed and unreadable files
// give none.
func (s LogSpec) LastTime() (time.Time, bool) {
	if s.Kind != LogReplay && s.Kind != LogFollow {
		return time.Time{}, false
	}
	p := NewParser()
	if s.Parser != nil {
		p = s.Parser.clone()
	}
	var last time.Time
	for _, path := range s.Paths {
		if t, ok := fileLastTime(path, p); ok && t.After(last) {
			last = t
		}
	}
	return last, !last.IsZero()
}

func fileLastTime(path string, p *Parser) (time.Time, bool) {
	// Not opened unless a regular file: a FIFO's open waits for a writer.
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return time.Time{}, false
	}
	f, err := os.Open(path)
	if err != nil {
		return time.Time{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	var magic [6]byte
	if err != nil || !st.Mode().IsRegular() {
		return time.Time{}, false
	}
	if n, _ := f.ReadAt(magic[:], 0); compression(magic[:n]) != "" {
		return time.Time{}, false
	}
	from := max(st.Size()-64<<10, 0)
	buf := make([]byte, st.Size()-from)
	n, _ := f.ReadAt(buf, from)
	lines := bytes.Split(buf[:n], []byte{'\n'})
	if from > 0 {
		lines = lines[1:] // the first is cut
	}
	var rec Record
	for i := len(lines) - 1; i >= 0; i-- {
		p.ParseBytes(lines[i], &rec)
		if !rec.Time.IsZero() {
			return rec.Time, true
		}
	}
	return time.Time{}, false
}
