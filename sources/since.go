package sources

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// maxRotations bounds the rotations of one log looked at: a directory of
// thousands of old files costs a listing, not thousands of probes.
const maxRotations = 400

// rotationExts are the extensions logrotate's compressors add.
var rotationExts = []string{".gz", ".bz2", ".xz", ".zst", ".lz4"}

// rotation is a file beside a log that logrotate made of it: numbered
// (mail.log.1, mail.log.2.gz: the smaller the newer) or dated (dateext:
// maillog-20261203, mail.log-20261203.gz: the later the newer).
type rotation struct {
	path  string
	num   int
	date  string // the date's digits; empty for a numbered rotation
	first time.Time
	err   error
	known bool // first and err probed
}

// rotationOf parses name as a rotation of the log named base.
func rotationOf(base, name string) (rotation, bool) {
	rest, ok := strings.CutPrefix(name, base)
	if !ok || len(rest) < 2 {
		return rotation{}, false
	}
	for _, ext := range rotationExts {
		if r, ok := strings.CutSuffix(rest, ext); ok {
			rest = r
			break
		}
	}
	if len(rest) < 2 || (rest[0] != '.' && rest[0] != '-') {
		return rotation{}, false
	}
	var digits []byte
	for i := 1; i < len(rest); i++ {
		switch c := rest[i]; {
		case isDigit(c):
			digits = append(digits, c)
		case (c == '-' || c == '_' || c == '.') && i > 1:
		default:
			return rotation{}, false
		}
	}
	if rest[0] == '.' && len(digits) == len(rest)-1 && len(digits) <= 4 {
		n := 0
		for _, c := range digits {
			n = n*10 + int(c-'0')
		}
		return rotation{num: n}, true
	}
	if len(digits) >= 8 {
		return rotation{date: string(digits)}, true
	}
	return rotation{}, false
}

// rotationsOf lists the rotations beside path, newest first by their
// names. Names in both schemes (logrotate's dateext turned on or off
// once) do not tell one scheme's files from the other's in time: those
// are ordered by their first dated lines.
func rotationsOf(path string, p *Parser) []rotation {
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return nil
	}
	var rs []rotation
	numbered, dated := false, false
	for _, e := range entries {
		r, ok := rotationOf(base, e.Name())
		if !ok || e.IsDir() {
			continue
		}
		// Only files: a FIFO's open waits for a writer.
		if info, err := e.Info(); err != nil || !info.Mode().IsRegular() {
			continue
		}
		r.path = filepath.Join(dir, e.Name())
		numbered, dated = numbered || r.date == "", dated || r.date != ""
		rs = append(rs, r)
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.date != b.date {
			return a.date > b.date // dated before numbered, the later first
		}
		return a.num < b.num
	})
	if len(rs) > maxRotations {
		rs = rs[:maxRotations]
	}
	if numbered && dated {
		for i := range rs {
			rs[i].probe(p)
		}
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].first.After(rs[j].first) })
	}
	return rs
}

// probe reads the rotation's first dated line, once.
func (r *rotation) probe(p *Parser) {
	if !r.known {
		r.first, r.err = firstTime(r.path, p.clone())
		r.known = true
	}
}

// firstTime is the time of a file's first dated line (none in its first
// 1000 lines: zero), or why it cannot be read: firstDatedLine's, but a
// file damaged before its first dated line is an error, not one without
// dates.
func firstTime(path string, p *Parser) (time.Time, error) {
	f, err := OpenLog(path)
	if err != nil {
		return time.Time{}, err
	}
	defer f.Close()
	lr := NewLineReader(f)
	var r Record
	for n := 0; n < 1000; n++ {
		line, ok := lr.Next()
		if !ok {
			break
		}
		p.parseBytesGuarded(line, &r)
		if !r.Time.IsZero() {
			return r.Time, nil
		}
	}
	if err := lr.Err(); err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", path, err)
	}
	return time.Time{}, nil
}

// SinceRotations widens a spec that reads one log file with a --since
// window (a report's replay, the live view's follow from the window) when
// the window starts before the file's first line, the log having been
// rotated since: the rotations beside it that the window reaches into
// (mail.log.1, mail.log.1.gz, maillog-20261203, ...) are read first,
// oldest first, a plain one from the window's first line. A rotation that
// cannot be read is left out (LogSpec.LeftOut), and a window that still
// starts before the first line read is said (LogSpec.Short). A window
// that starts within the file costs one read of its first line.
func SinceRotations(spec LogSpec) LogSpec {
	if spec.NotBefore.IsZero() || len(spec.Paths) != 1 {
		return spec
	}
	follow := spec.Kind == LogFollow && spec.FromStart && len(spec.History) == 0
	if spec.Kind != LogReplay && !follow {
		return spec
	}
	cur := spec.Paths[0]
	fi, err := os.Stat(cur)
	switch {
	case err != nil && !(follow && errors.Is(err, os.ErrNotExist)):
		// Its read says what is wrong; a followed file not there
		// yet (just rotated) is waited for, its lines before in the
		// rotations.
		return spec
	case err == nil && (!fi.Mode().IsRegular() || IsCompressedLog(cur)):
		// A FIFO or a device has no rotations; a compressed file is
		// one.
		return spec
	}
	p := spec.Parser
	if p == nil {
		p = NewParser()
	}
	if spec.Kind == LogReplay || p.Year != 0 {
		// Dated as RunLog dates the lines.
		p = DatedByTheLog(p, spec.Paths, false)
	}
	var curFirst time.Time
	if err == nil {
		if curFirst, err = firstTime(cur, p.clone()); err != nil {
			return spec
		}
	}
	if !curFirst.IsZero() && !curFirst.After(spec.NotBefore) {
		return spec
	}
	rs := rotationsOf(cur, p)
	var older []string // newest first
	var leftOut []string
	oldest, oldestFirst := cur, curFirst
	covered, blocked := false, ""
	for i := range rs {
		r := &rs[i]
		r.probe(p)
		if r.err != nil {
			// Its lines may be the window's start: older ones would
			// not follow on from those read.
			leftOut, blocked = append(leftOut, r.err.Error()), r.path
			break
		}
		if r.first.IsZero() || !oldestFirst.IsZero() && !r.first.Before(oldestFirst) {
			// Empty, or not older than the file after it: a copy
			// (gzip -k) or another log's.
			continue
		}
		older = append(older, r.path)
		oldest, oldestFirst = r.path, r.first
		if !r.first.After(spec.NotBefore) {
			covered = true
			break
		}
	}
	for i, j := 0, len(older)-1; i < j; i, j = i+1, j-1 {
		older[i], older[j] = older[j], older[i]
	}
	spec.LeftOut = append(spec.LeftOut, leftOut...)
	if follow {
		spec.History = older
	} else {
		spec.Paths = append(older, cur)
	}
	if !covered {
		spec.Short = windowShort(spec.NotBefore, oldest, oldestFirst, cur, blocked, len(older) > 0)
	}
	return spec
}

// windowShort says that a --since window starts before the first line
// read (oldestFirst, in oldest) and why no older one was read.
func windowShort(notBefore time.Time, oldest string, oldestFirst time.Time, cur, blocked string, rotated bool) string {
	s := "the --since window starts at " + stateMinute(notBefore)
	if oldestFirst.IsZero() {
		s += ", and " + oldest + " has no dated line yet"
	} else {
		s += ", before " + oldest + "'s first line (" + stateMinute(oldestFirst) + ")"
	}
	switch {
	case blocked != "":
		return s + ": " + blocked + ", which may hold the window's start, was not read"
	case rotated:
		return s + ", the oldest rotation kept: the window's start is not in the log"
	}
	return s + ": no older rotation of " + filepath.Base(cur) + " was found beside it"
}

// stateMinute is a time as the states say it: in this host's zone, named.
func stateMinute(t time.Time) string { return t.Local().Format("2006-01-02 15:04 MST") }

// shortNote is a note (LogSpec.Short, Found) as it follows a state's detail.
func shortNote(short string) string {
	if short == "" {
		return ""
	}
	return "; " + short
}
