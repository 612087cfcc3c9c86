package sources

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz/lzma"
)

// A replay reads the journal's files itself instead of through
// journalctl, whose export output alone cost about 12 µs of CPU per entry
// (mxtop's whole report on the same lines from a file, 1.5 µs), most of
// it spent on fields mxtop never reads. The layout is
// systemd's JOURNAL_FILE_FORMAT: a header, then objects (DATA holds one
// FIELD=value and is shared by every entry carrying it, ENTRY lists its
// DATA objects, ENTRY_ARRAY chains list the entries in order). Entries
// are walked through the header's entry array chain, bounded by the
// header's entry count read when the file is opened: an online file that
// journald appends to meanwhile is read as it was. Every offset and size
// is checked against the file, so a damaged file ends early, never past
// its end.

// Header incompatible flags (journal-def.h).
const (
	jIncompatXZ        = 1 << 0
	jIncompatLZ4       = 1 << 1
	jIncompatKeyedHash = 1 << 2
	jIncompatZstd      = 1 << 3
	jIncompatCompact   = 1 << 4
	jIncompatSupported = jIncompatXZ | jIncompatLZ4 | jIncompatKeyedHash | jIncompatZstd | jIncompatCompact
)

// Object types and DATA object flags.
const (
	jObjData       = 1
	jObjEntry      = 3
	jObjEntryArray = 6

	jObjCompressedXZ   = 1 << 0
	jObjCompressedLZ4  = 1 << 1
	jObjCompressedZstd = 1 << 2
)

const (
	jHeaderMin      = 208 // the header up to tail_entry_monotonic (systemd 186)
	jObjHeaderSize  = 16
	jEntryItems     = 64 // offset of an ENTRY's items
	jArrayItems     = 24 // offset of an ENTRY_ARRAY's items
	jDataPayload    = 64 // offset of a DATA object's payload; compact files add 8
	jMaxDecompress  = MaxLineLen + 64
	jMaxLZ4Declared = 4 << 20 // an LZ4 value larger is no syslog field
)

// errNoJournalFiles says that a directory gave the reader nothing:
// journalctl would find no more in it.
var errNoJournalFiles = errors.New("no journal files")

// errJournalUnsupported marks a file this reader does not know how to
// read: the whole set goes to journalctl, which can.
var errJournalUnsupported = errors.New("unsupported journal file")

// journalFile is one journal file's bytes (mapped, not copied) with what
// its header says.
type journalFile struct {
	name    string
	index   int    // its place in the reader's list, breaking ties
	b       []byte // the file up to the end of its arena when opened
	compact bool
	// headerSize is where objects start; entries and arrays are the
	// header's entry count and first entry array.
	headerSize uint64
	entries    uint64
	arrays     uint64
	headRT     uint64
	seqnumID   [16]byte
	close      func() error
}

// parseJournalFile checks the header of b and returns the file it
// describes, or an error (wrapping errJournalUnsupported for flags this
// reader cannot handle).
func parseJournalFile(name string, b []byte) (*journalFile, error) {
	if len(b) < jHeaderMin || string(b[:8]) != "LPKSHHRH" {
		return nil, fmt.Errorf("%s: not a journal file", name)
	}
	incompat := binary.LittleEndian.Uint32(b[12:])
	if incompat&^jIncompatSupported != 0 {
		return nil, fmt.Errorf("%s: incompatible flags %#x: %w", name, incompat&^jIncompatSupported, errJournalUnsupported)
	}
	hs := binary.LittleEndian.Uint64(b[88:])
	arena := binary.LittleEndian.Uint64(b[96:])
	if hs < jHeaderMin || hs > uint64(len(b)) || hs%8 != 0 {
		return nil, fmt.Errorf("%s: bad header size %d", name, hs)
	}
	end := uint64(len(b))
	if arena < end-hs {
		end = hs + arena
	}
	f := &journalFile{
		name:       name,
		b:          b[:end],
		compact:    incompat&jIncompatCompact != 0,
		headerSize: hs,
		entries:    binary.LittleEndian.Uint64(b[152:]),
		arrays:     binary.LittleEndian.Uint64(b[176:]),
		headRT:     binary.LittleEndian.Uint64(b[184:]),
	}
	copy(f.seqnumID[:], b[72:88])
	return f, nil
}

// object returns the object of type typ at off, checked to lie whole in
// the file and to be at least least bytes.
func (f *journalFile) object(off uint64, typ byte, least uint64) ([]byte, error) {
	if off < f.headerSize || off%8 != 0 || off > uint64(len(f.b))-jObjHeaderSize {
		return nil, fmt.Errorf("%s: object offset %d out of bounds", f.name, off)
	}
	o := f.b[off:]
	size := binary.LittleEndian.Uint64(o[8:])
	if o[0] != typ || size < least || size > uint64(len(o)) {
		return nil, fmt.Errorf("%s: bad object at %d (type %d, size %d)", f.name, off, o[0], size)
	}
	return o[:size], nil
}

// journalCursor walks a file's entries in order through its entry arrays.
type journalCursor struct {
	f     *journalFile
	left  uint64 // entries still to read, from the header
	items []byte // the current array's items not yet read
	next  uint64 // the next array's offset
	item  int    // bytes per array item
	err   error
	// The current entry: its offset and realtime. Entries are appended
	// in order and do not overlap: the next starts at end or later,
	// which bounds the work on a damaged file by its size.
	off, end uint64
	rt       uint64
	loc      journalLocation
}

// journalLocation is what journalctl orders and tells entries of
// different files apart by (journal_file_compare_locations): the writer's
// sequence, the boot's monotonic clock, the wall clock, the contents'
// hash (Jenkins in every file, keyed hash or not, so it compares across
// files).
type journalLocation struct {
	seqnumID, bootID [16]byte
	seqnum, mono, rt uint64
	xor              uint64
}

func (c *journalCursor) locate(o []byte) {
	c.loc = journalLocation{seqnumID: c.f.seqnumID, seqnum: binary.LittleEndian.Uint64(o[16:]), rt: c.rt,
		mono: binary.LittleEndian.Uint64(o[32:]), xor: binary.LittleEndian.Uint64(o[56:])}
	copy(c.loc.bootID[:], o[40:56])
}

// compare orders two entries as journalctl's merge does: by sequence
// number when one writer wrote both, else by monotonic time within one
// boot, else by wall clock, then contents.
func (a *journalLocation) compare(b *journalLocation) int {
	if a.seqnumID == b.seqnumID && a.seqnum != b.seqnum {
		return cmp.Compare(a.seqnum, b.seqnum)
	}
	if a.bootID == b.bootID && a.mono != b.mono {
		return cmp.Compare(a.mono, b.mono)
	}
	if a.rt != b.rt {
		return cmp.Compare(a.rt, b.rt)
	}
	return cmp.Compare(a.xor, b.xor)
}

func newJournalCursor(f *journalFile) *journalCursor {
	c := &journalCursor{f: f, left: f.entries, next: f.arrays, item: 8}
	if f.compact {
		c.item = 4
	}
	return c
}

// advance moves to the next entry; false at the end or on damage (err).
func (c *journalCursor) advance() bool {
	for c.left > 0 {
		if len(c.items) < c.item {
			if c.next == 0 {
				c.left = 0
				return false
			}
			at := c.next
			o, err := c.f.object(at, jObjEntryArray, jArrayItems)
			if err != nil {
				c.fail(err)
				return false
			}
			c.next = binary.LittleEndian.Uint64(o[16:])
			// Arrays are appended in order: going back would be a loop.
			if c.next != 0 && c.next <= at {
				c.next = 0
			}
			c.items = o[jArrayItems:]
			continue
		}
		var off uint64
		if c.item == 4 {
			off = uint64(binary.LittleEndian.Uint32(c.items))
		} else {
			off = binary.LittleEndian.Uint64(c.items)
		}
		c.items = c.items[c.item:]
		if off == 0 { // unused slots end the last array
			c.left = 0
			return false
		}
		c.left--
		if off < c.end {
			c.fail(fmt.Errorf("%s: entry at %d out of order", c.f.name, off))
			return false
		}
		o, err := c.f.object(off, jObjEntry, jEntryItems)
		if err != nil {
			c.fail(err)
			return false
		}
		c.off, c.end, c.rt = off, off+uint64(len(o)), binary.LittleEndian.Uint64(o[24:])
		c.locate(o)
		return true
	}
	return false
}

func (c *journalCursor) fail(err error) {
	c.err, c.left = err, 0
}

// seekRealtime skips the entries before since: whole arrays while their
// last entry is older, then entry by entry.
func (c *journalCursor) seekRealtime(since uint64) bool {
	for {
		// Peek at the last item of the current array, if it is full
		// and there are more arrays after it.
		if n := len(c.items) / c.item; n > 0 && c.next != 0 && uint64(n) < c.left {
			last := c.items[(n-1)*c.item:]
			var off uint64
			if c.item == 4 {
				off = uint64(binary.LittleEndian.Uint32(last))
			} else {
				off = binary.LittleEndian.Uint64(last)
			}
			if o, err := c.f.object(off, jObjEntry, jEntryItems); err == nil && binary.LittleEndian.Uint64(o[24:]) < since {
				c.items, c.left = c.items[n*c.item:], c.left-uint64(n)
				continue
			}
		}
		if !c.advance() {
			return false
		}
		if c.rt >= since {
			return true
		}
	}
}

// journalFileReader reads the selected entries of one or more files and
// turns them into syslog lines, merging the files by realtime as
// journalctl does (ties go to the file listed first).
type journalFileReader struct {
	files   []*journalFile
	cursors []*journalCursor // those with a current entry, a heap by realtime
	errs    []error
	e       entryFields
	last    journalLocation // the entry selected last
	shown   bool
	// Decompressed fields by file and object offset: a compressed DATA
	// object is shared by every entry carrying the same value (a long
	// _CMDLINE, a repeated message). Bounded by count and bytes, emptied
	// when full.
	cache      map[cacheKey]cachedField
	cacheBytes int
	zd         *zstd.Decoder
	lz4buf     []byte
	// skipped counts values that could not be decompressed.
	skipped int
}

type cacheKey struct {
	file int
	off  uint64
}

type cachedField struct {
	field fieldID
	val   []byte
}

const (
	jCacheEntries = 16384
	jCacheBytes   = 16 << 20
)

// fieldID says which of the fields mxtop reads a DATA object holds.
type fieldID uint8

const (
	fieldOther fieldID = iota
	fieldMessage
	fieldIdentifier
	fieldSyslogPID
	fieldPID
	fieldHostname
	fieldFacility
)

// splitField names the field of a FIELD=value payload and returns its
// value, or fieldOther.
func splitField(p []byte) (fieldID, []byte) {
	if len(p) < 5 {
		return fieldOther, nil
	}
	switch p[0] {
	case 'M':
		if bytes.HasPrefix(p, []byte("MESSAGE=")) {
			return fieldMessage, p[8:]
		}
	case 'S':
		switch {
		case bytes.HasPrefix(p, []byte("SYSLOG_IDENTIFIER=")):
			return fieldIdentifier, p[18:]
		case bytes.HasPrefix(p, []byte("SYSLOG_PID=")):
			return fieldSyslogPID, p[11:]
		case bytes.HasPrefix(p, []byte("SYSLOG_FACILITY=")):
			return fieldFacility, p[16:]
		}
	case '_':
		switch {
		case bytes.HasPrefix(p, []byte("_PID=")):
			return fieldPID, p[5:]
		case bytes.HasPrefix(p, []byte("_HOSTNAME=")):
			return fieldHostname, p[10:]
		}
	}
	return fieldOther, nil
}

// newJournalFileReader reads files from the first entry at or after since
// (µs since the epoch; 0 for all).
func newJournalFileReader(files []*journalFile, since uint64) *journalFileReader {
	r := &journalFileReader{files: files, e: entryFields{stampSec: -1}, cache: map[cacheKey]cachedField{}}
	for i, f := range files {
		f.index = i
		c := newJournalCursor(f)
		var ok bool
		if since > 0 {
			ok = c.seekRealtime(since)
		} else {
			ok = c.advance()
		}
		if ok {
			r.cursors = append(r.cursors, c)
		} else if c.err != nil {
			r.errs = append(r.errs, c.err)
		}
	}
	for i := len(r.cursors)/2 - 1; i >= 0; i-- {
		r.down(i)
	}
	return r
}

func (r *journalFileReader) less(i, j int) bool {
	a, b := r.cursors[i], r.cursors[j]
	if c := a.loc.compare(&b.loc); c != 0 {
		return c < 0
	}
	return a.f.index < b.f.index
}

func (r *journalFileReader) down(i int) {
	n := len(r.cursors)
	for {
		m := i
		if l := 2*i + 1; l < n && r.less(l, m) {
			m = l
		}
		if rr := 2*i + 2; rr < n && r.less(rr, m) {
			m = rr
		}
		if m == i {
			return
		}
		r.cursors[i], r.cursors[m] = r.cursors[m], r.cursors[i]
		i = m
	}
}

// next appends the next selected entry's line to b; false when every file
// is done.
func (r *journalFileReader) next(b []byte) ([]byte, bool) {
	for len(r.cursors) > 0 {
		c := r.cursors[0]
		// journalctl reads each file from past the entry it showed
		// last: the same entry in two files (a copy, a journal~ next to
		// its original) shows once.
		selected := (!r.shown || c.loc.compare(&r.last) > 0) && r.read(c.f, c.off)
		if selected {
			r.last, r.shown = c.loc, true
		}
		if c.advance() {
			r.down(0)
		} else {
			if c.err != nil {
				r.errs = append(r.errs, c.err)
			}
			last := len(r.cursors) - 1
			r.cursors[0] = r.cursors[last]
			r.cursors = r.cursors[:last]
			r.down(0)
		}
		if selected {
			return r.e.appendLine(b), true
		}
	}
	return b, false
}

// read loads the entry at off into r.e and says whether it is Postfix's:
// of the mail facility or with a Postfix identifier, the match journalctl
// is given on the export path. A DATA object that cannot be read is left
// out, as journalctl does.
func (r *journalFileReader) read(f *journalFile, off uint64) bool {
	o, err := f.object(off, jObjEntry, jEntryItems)
	if err != nil {
		return false
	}
	e := &r.e
	e.reset()
	e.realtime = int64(binary.LittleEndian.Uint64(o[24:]))
	if e.realtime < 0 {
		e.realtime = 0
	}
	step := 16
	if f.compact {
		step = 4
	}
	selected := false
	for items := o[jEntryItems:]; len(items) >= step; items = items[step:] {
		var d uint64
		if f.compact {
			d = uint64(binary.LittleEndian.Uint32(items))
		} else {
			d = binary.LittleEndian.Uint64(items)
		}
		id, val := r.field(f, d)
		switch id {
		case fieldMessage:
			if room := MaxLineLen - len(e.msg); room > 0 {
				e.msg = append(e.msg, val[:min(len(val), room)]...)
			}
		case fieldIdentifier:
			if postfixMatchable(val) {
				selected = true
			}
			e.ident = appendBounded(e.ident, val)
		case fieldSyslogPID:
			e.spid = appendBounded(e.spid, val)
		case fieldPID:
			e.pid = appendBounded(e.pid, val)
		case fieldHostname:
			e.host = appendBounded(e.host, val)
		case fieldFacility:
			if string(val) == mailFacility {
				selected = true
			}
		}
	}
	return selected
}

// appendBounded appends a short field, keeping at most MaxLineLen bytes
// (the line is cut there anyway).
func appendBounded(b, val []byte) []byte {
	if room := MaxLineLen - len(b); room > 0 {
		b = append(b, val[:min(len(val), room)]...)
	}
	return b
}

// field returns which field the DATA object at off holds and its value.
func (r *journalFileReader) field(f *journalFile, off uint64) (fieldID, []byte) {
	start := uint64(jDataPayload)
	if f.compact {
		start += 8
	}
	o, err := f.object(off, jObjData, start)
	if err != nil {
		return fieldOther, nil
	}
	flags := o[1]
	if flags == 0 {
		return splitField(o[start:])
	}
	key := cacheKey{f.index, off}
	if c, ok := r.cache[key]; ok {
		return c.field, c.val
	}
	var id fieldID
	var val []byte
	if p, err := r.decompress(flags, o[start:]); err != nil {
		r.skipped++ // and cached as another field: counted once
	} else {
		id, val = splitField(p)
	}
	if len(r.cache) >= jCacheEntries || r.cacheBytes+len(val) > jCacheBytes {
		clear(r.cache)
		r.cacheBytes = 0
	}
	var keep []byte
	if id != fieldOther {
		keep = bytes.Clone(val)
	}
	r.cache[key] = cachedField{id, keep}
	r.cacheBytes += len(keep) + 64
	return id, keep
}

// decompress returns the first jMaxDecompress bytes of a compressed DATA
// payload (the line is cut at MaxLineLen anyway), in a buffer valid until
// the next call.
func (r *journalFileReader) decompress(flags byte, src []byte) ([]byte, error) {
	switch flags {
	case jObjCompressedZstd:
		if r.zd == nil {
			zd, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(8<<20))
			if err != nil {
				return nil, err
			}
			r.zd = zd
		}
		if err := r.zd.Reset(bytes.NewReader(src)); err != nil {
			return nil, err
		}
		buf := r.lz4buf[:cap(r.lz4buf)]
		if len(buf) < jMaxDecompress {
			buf = make([]byte, jMaxDecompress)
			r.lz4buf = buf
		}
		n, err := io.ReadFull(r.zd, buf)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return nil, err
		}
		return buf[:n], nil
	case jObjCompressedLZ4:
		if len(src) < 8 {
			return nil, errors.New("short lz4 value")
		}
		size := binary.LittleEndian.Uint64(src)
		if size > jMaxLZ4Declared {
			return nil, errors.New("lz4 value too large")
		}
		if uint64(cap(r.lz4buf)) < size {
			r.lz4buf = make([]byte, size)
		}
		buf := r.lz4buf[:size]
		n, err := lz4.UncompressBlock(src[8:], buf)
		if err != nil {
			return nil, err
		}
		return buf[:min(n, jMaxDecompress)], nil
	case jObjCompressedXZ:
		return r.unxz(src)
	}
	return nil, fmt.Errorf("compression flags %#x", flags)
}

// jXZDict is the dictionary systemd's compress_blob_xz gives liblzma. The
// decoder gets this one, not the one a value's header asks for, so a
// damaged header cannot make it allocate gigabytes; it fills the whole
// dictionary before the first read returns, so the first jMaxDecompress
// bytes never need a match from further back.
const jXZDict = 1 << 20

// unxz decodes the first jMaxDecompress bytes of an XZ value as systemd
// writes one: a stream of one block with the LZMA2 filter alone.
func (r *journalFileReader) unxz(src []byte) ([]byte, error) {
	start, _, err := xzFirstBlock(src)
	if err != nil {
		return nil, err
	}
	zr, err := lzma.Reader2Config{DictCap: jXZDict}.NewReader2(bytes.NewReader(src[start:]))
	if err != nil {
		return nil, err
	}
	buf := r.lz4buf[:cap(r.lz4buf)]
	if len(buf) < jMaxDecompress {
		buf = make([]byte, jMaxDecompress)
		r.lz4buf = buf
	}
	// Not io.ReadFull: it reports a value that ends early and one cut
	// short alike.
	n := 0
	for n < jMaxDecompress && err == nil {
		var m int
		m, err = zr.Read(buf[n:jMaxDecompress])
		n += m
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	return buf[:n], nil
}

// postfixMatchable says whether an identifier selects its entry: a
// Postfix name that journalctl could be asked for as one plain word
// (probeJournalIdentifiers passes journalctl no other). Identifiers are
// attacker-chosen: a match argument must stay one plain word.
func postfixMatchable(id []byte) bool {
	return len(id) < 128 && IsPostfixIdentifier(string(id)) && !bytes.ContainsFunc(id, func(c rune) bool { return c <= ' ' || c == 0x7f })
}

// journalDirs are the directories journalctl reads by default: the
// persistent and the volatile journal of this machine.
func journalDirs() ([]string, error) {
	id, err := os.ReadFile("/etc/machine-id")
	if err != nil {
		return nil, err
	}
	mid := strings.TrimSpace(string(id))
	if !isID128(mid) {
		return nil, errors.New("/etc/machine-id holds no machine ID")
	}
	return []string{"/var/log/journal", "/var/log/journal/" + mid, "/run/log/journal", "/run/log/journal/" + mid}, nil
}

func isID128(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// journalFileNames lists the journal files (*.journal, *.journal~) in
// dirs; for an explicit directory also in its machine-ID subdirectories,
// as journalctl --directory reads them. denied counts the directories
// and files that could not be read for lack of permission.
func journalFileNames(dirs []string, sub bool) (names []string, denied int, err error) {
	for _, d := range dirs {
		ents, err := os.ReadDir(d)
		if err != nil {
			if errors.Is(err, os.ErrPermission) {
				denied++
			} else if !errors.Is(err, os.ErrNotExist) {
				return nil, denied, err
			}
			continue
		}
		for _, e := range ents {
			n := e.Name()
			switch {
			case e.Type().IsRegular() && (strings.HasSuffix(n, ".journal") || strings.HasSuffix(n, ".journal~")):
				names = append(names, filepath.Join(d, n))
			case sub && e.IsDir() && isID128(n):
				more, den, err := journalFileNames([]string{filepath.Join(d, n)}, false)
				if err != nil {
					return nil, denied, err
				}
				names, denied = append(names, more...), denied+den
			}
		}
	}
	sort.Strings(names)
	return names, denied, nil
}

// mapJournal maps a journal file (tests make it fail).
var mapJournal = mapJournalFile

// openJournalFiles opens the journal files of dir, or of the system's
// journal when dir is empty. Files that are not journal files (a header
// cut short, another format) are left out, as journalctl leaves them; a
// file with a format this reader does not know fails the whole set
// (errJournalUnsupported), so that journalctl reads it all instead.
func openJournalFiles(dir string) (files []*journalFile, skipped []string, err error) {
	dirs, sub := []string{dir}, true
	if dir == "" {
		if dirs, err = journalDirs(); err != nil {
			return nil, nil, err
		}
		sub = false
	}
	names, denied, err := journalFileNames(dirs, sub)
	if err != nil {
		return nil, nil, err
	}
	closeAll := func() {
		for _, f := range files {
			f.close()
		}
	}
	for _, name := range names {
		b, closeFile, err := mapJournal(name)
		switch {
		case errors.Is(err, os.ErrPermission):
			denied++
			continue
		case errors.Is(err, os.ErrNotExist): // vacuumed since listed
			continue
		case err != nil: // out of address space, say: journalctl reads in pieces
			closeAll()
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		f, err := parseJournalFile(name, b)
		if err != nil {
			closeFile()
			if errors.Is(err, errJournalUnsupported) {
				closeAll()
				return nil, nil, err
			}
			skipped = append(skipped, err.Error())
			continue
		}
		f.close = closeFile
		files = append(files, f)
	}
	if denied > 0 {
		msg := fmt.Sprintf("%s: %d journal files or directories not readable", dir, denied)
		if dir == "" {
			msg = fmt.Sprintf("the system journal: %d of its files or directories not readable: %s", denied, JournalAccessFix)
		}
		if len(files) == 0 {
			return nil, nil, fmt.Errorf("%s (%w)", msg, os.ErrPermission)
		}
		skipped = append(skipped, msg)
	}
	switch {
	case len(files) > 0:
	case dir == "":
		return nil, skipped, fmt.Errorf("%w in %s", errNoJournalFiles, strings.Join(dirs, ", "))
	case len(skipped) > 0:
		return nil, skipped, fmt.Errorf("%s: %w that can be read: %s", dir, errNoJournalFiles, strings.Join(skipped, "; "))
	default:
		return nil, skipped, fmt.Errorf("%s: %w (*.journal) in it or in its machine-ID subdirectories", dir, errNoJournalFiles)
	}
	// Older files first, so that ties in the merge keep file order.
	sort.SliceStable(files, func(i, j int) bool { return files[i].headRT < files[j].headRT })
	return files, skipped, nil
}

// journalSinceMicros turns --since into µs since the epoch for the file
// reader: a Go duration before now, or a local date and time in the forms
// journalctl reads most often. false for any other form (journalctl reads
// it instead).
func journalSinceMicros(s string, now time.Time) (uint64, bool) {
	if s == "" {
		return 0, true
	}
	if d, err := time.ParseDuration(s); err == nil {
		// "-1h" is journalctl's "an hour ago", as "1h" is mxtop's.
		return uint64(max(now.Add(-d.Abs()).UnixMicro(), 0)), true
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return uint64(max(t.UnixMicro(), 0)), true
		}
	}
	return 0, false
}

// produceJournalFiles sends the selected entries of files as syslog lines,
// in chunks like a replayed file. A file that ends in damage keeps the
// entries before it; the damage is reported in the source's state.
func produceJournalFiles(ctx context.Context, files []*journalFile, since uint64, chunks chan<- chunk) (err error) {
	// A mapped file cut short by someone else faults on access: make
	// that an error, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			if re, ok := p.(interface{ Addr() uintptr }); ok {
				err = fmt.Errorf("journal file changed while read: %v", re)
				return
			}
			panic(p)
		}
	}()
	r := newJournalFileReader(files, since)
	const chunkLines, chunkBytes = 1024, 256 * 1024
	buf := make([]byte, 0, chunkBytes+MaxLineLen+256)
	ends := make([]int, 0, chunkLines)
	for {
		var ok bool
		buf, ok = r.next(buf)
		if ok {
			ends = append(ends, len(buf))
			buf = append(buf, '\n')
		}
		if len(ends) > 0 && (len(ends) >= chunkLines || len(buf) >= chunkBytes || !ok) {
			if !send(ctx, chunks, chunk{text: string(buf), ends: ends}) {
				return ctx.Err()
			}
			buf, ends = buf[:0], make([]int, 0, chunkLines)
		}
		if !ok {
			break
		}
	}
	var problems []string
	for _, e := range r.errs {
		problems = append(problems, e.Error())
	}
	if r.skipped > 0 {
		problems = append(problems, fmt.Sprintf("%d compressed values unreadable", r.skipped))
	}
	if len(problems) > 0 {
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthDegraded, Detail: "journal files damaged: " + strings.Join(problems, "; "), Time: time.Now()}})
	}
	return nil
}

func closeJournalFiles(files []*journalFile) {
	for _, f := range files {
		f.close()
	}
}
