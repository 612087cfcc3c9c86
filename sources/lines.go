package sources

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// LineReader reads lines of any length, keeping at most MaxLineLen bytes of
// each: an overlong line is cut, never an error.
type LineReader struct {
	br   *bufio.Reader
	buf  []byte
	err  error
	Long int // lines that were cut
}

// NewLineReader wraps r.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{br: bufio.NewReaderSize(r, 256*1024)}
}

// Next returns the next line without its newline; the slice is valid until
// the following call. ok is false at the end of input or on a read error
// (see Err).
func (l *LineReader) Next() (line []byte, ok bool) {
	// Room for a whole line and its "\r\n": a line of exactly MaxLineLen
	// bytes is kept, not cut.
	const keep = MaxLineLen + 2
	l.buf = l.buf[:0]
	cut := false
	for {
		frag, err := l.br.ReadSlice('\n')
		if len(l.buf)+len(frag) > keep {
			room := keep - len(l.buf)
			if room > 0 {
				l.buf = append(l.buf, frag[:room]...)
			}
			cut = true
		} else if len(l.buf) == 0 && err == nil {
			// Common case: the whole line sits in the reader's buffer.
			return l.finish(frag, false), true
		} else {
			l.buf = append(l.buf, frag...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err != io.EOF {
				l.err = err
			}
			if len(l.buf) == 0 && len(frag) == 0 {
				return nil, false
			}
		}
		return l.finish(l.buf, cut), true
	}
}

// finish drops the line end and keeps at most MaxLineLen bytes. A cut line
// holds more than MaxLineLen bytes of text and no line end.
func (l *LineReader) finish(b []byte, cut bool) []byte {
	if !cut {
		b = trimEOL(b)
	}
	if len(b) > MaxLineLen {
		b, cut = b[:MaxLineLen], true
	}
	if cut {
		l.Long++
	}
	return b
}

// Err returns the first read error other than EOF.
func (l *LineReader) Err() error { return l.err }

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// OpenLog opens a log file for reading, decompressing it when it is gzip
// (by its magic bytes, whatever its name). "-" is standard input.
func OpenLog(path string) (io.ReadCloser, error) {
	if path == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, explainOpenError(path, err)
	}
	if err := endlessDevice(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rc, err := OpenLogReader(path, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	rc.(*readCloser).closers = append(rc.(*readCloser).closers, f)
	return rc, nil
}

// compression names the compression whose magic bytes start b, as one of
// logrotate's usual programs writes it, or "" for none of them.
func compression(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return "gzip"
	case len(b) >= 4 && bytes.HasPrefix(b, []byte("BZh")) && '1' <= b[3] && b[3] <= '9':
		return "bzip2"
	case bytes.HasPrefix(b, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return "xz"
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return "zstd"
	case bytes.HasPrefix(b, []byte{0x04, 0x22, 0x4d, 0x18}):
		return "lz4"
	// Not compressed, but read once and whole all the same: text that
	// Windows PowerShell's > wrote, UTF-16 after a byte order mark.
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return "utf16le"
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return "utf16be"
	}
	return ""
}

// IsCompressedLog reports whether path is a compressed log, to be read once
// rather than followed: by its name's suffix, or else by its first bytes.
// A FIFO is not opened (that would cut off its writer).
func IsCompressedLog(path string) bool {
	for _, ext := range []string{".gz", ".bz2", ".xz", ".zst", ".lz4"} {
		if strings.HasSuffix(path, ext) {
			return true
		}
	}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 6)
	n, _ := io.ReadFull(f, b)
	return compression(b[:n]) != ""
}

// OpenLogReader wraps r, decompressing it when it starts with the magic
// bytes of a program logrotate compresses with: gzip, bzip2, xz, zstd or
// lz4, whatever the file's name. Closing it does not close r.
func OpenLogReader(name string, r io.Reader) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 64*1024)
	magic, _ := br.Peek(6)
	var (
		zr     io.Reader
		closer io.Closer
		err    error
	)
	format := compression(magic)
	switch format {
	case "":
		head, _ := br.Peek(64)
		if csvHeaderStart(head) {
			// Only a CSV header row is read further: a pipe's first
			// line may be all there is for a while.
			head, _ = br.Peek(exportHeadLen)
		}
		if jsonArrayStart(head) {
			return &readCloser{Reader: newJSONArrayReader(br)}, nil
		}
		if names, ok := csvExportHeader(head); ok {
			return &readCloser{Reader: newCSVExportReader(br, names)}, nil
		}
		if err := notText(name, head); err != nil {
			return nil, err
		}
		// A queue listing's delay reasons read as log lines would be
		// judged as failures counted in a log.
		if QueueListingStart(head) {
			return nil, fmt.Errorf("%s: a queue listing (postqueue -p or mailq output), not a mail log: give it with --queue FILE", name)
		}
		return &readCloser{Reader: br}, nil
	case "gzip":
		var gr *gzip.Reader
		if gr, err = gzip.NewReader(br); err == nil {
			zr, closer = gr, gr
		}
	case "bzip2":
		zr = bzip2.NewReader(br)
	case "xz":
		// The decoder allocates the dictionary each block's header asks
		// for (its DictCap is a floor, not a bound): the guard refuses a
		// block that asks for too much before the decoder sees it.
		g := &xzGuard{r: br}
		g.gather(xzStreamHeader, 12)
		if zr, err = xz.NewReader(g); err == nil {
			zr = xzGuarded{zr, g}
		} else if g.err != nil {
			err = g.err
		}
	case "zstd":
		// 128 MiB is the window of zstd --long; the default level needs 8.
		var zd *zstd.Decoder
		if zd, err = zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(128<<20)); err == nil {
			zr, closer = zd, closerFunc(zd.Close)
		}
	case "lz4":
		zr = lz4.NewReader(br)
	case "utf16le":
		zr = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case "utf16be":
		zr = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable %s file: %w", name, format, err)
	}
	rc := &readCloser{Reader: decompressError{zr, format}}
	if closer != nil {
		rc.closers = []io.Closer{closer}
	}
	return rc, nil
}

// journalMagic opens every systemd journal file (journal-def.h).
const journalMagic = "LPKSHHRH"

// errNotText marks a file that is binary data, not a text log.
var errNotText = errors.New("not a text log")

// notText says why a log whose first bytes are head is no text log: a
// systemd journal file, read with --journal-dir, or other binary data.
// Cut at its newline bytes, such a file gives lines of fragments, some of
// them a Postfix message stored in it, which would be judged as a log.
// Binary data is told by a NUL byte after another byte: no log line
// holds one, while a run of NULs at the very start is text whose writer
// went on at its old offset after a copytruncate rotation (a hole).
func notText(name string, head []byte) error {
	if bytes.HasPrefix(head, []byte(journalMagic)) {
		dir := "DIR, the directory that holds it"
		if name != "stdin" {
			dir = filepath.Dir(name)
		}
		return fmt.Errorf("%s: a systemd journal file, %w: read it with --journal-dir %s", name, errNotText, dir)
	}
	text := bytes.TrimLeft(head, "\x00")
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return fmt.Errorf("%s: binary data (a NUL byte at offset %d), %w: name the mail log syslog writes (such as /var/log/mail.log), or read the journal with --journal", name, len(head)-len(text)+i, errNotText)
	}
	return nil
}

// exportHeadLen is how much of a log's start tells an export that is no
// log of lines: a JSON array, or a CSV header row.
const exportHeadLen = 4096

// exportStart reports whether b, a log's start, opens an export that is
// read whole, from its start.
func exportStart(b []byte) bool {
	_, csv := csvExportHeader(b)
	return csv || jsonArrayStart(b)
}

// jsonArrayStart reports whether b opens a JSON array of objects, as
// mailcow's API returns its log ("[{"time":...},...]", compact or
// indented): its lines are no log lines.
func jsonArrayStart(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '[' {
		return false
	}
	b = bytes.TrimLeft(b[1:], " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

// jsonArrayReader reads a JSON array as its elements, one line each, as a
// JSON log has them: the parser reads each as a JSON line. It streams,
// holding no element whole (the line reader bounds a line), and only
// follows strings and nesting, so a malformed element is one unreadable
// line and an array cut short ends with its cut element's.
type jsonArrayReader struct {
	r          *bufio.Reader
	depth      int  // nesting inside the current element
	inElem     bool // between an element's first byte and its end
	inStr, esc bool
	done       bool
	err        error
	out        []byte // what is scanned and not yet read, in buf
	buf        []byte
	in         [32 << 10]byte
}

func newJSONArrayReader(r io.Reader) *jsonArrayReader {
	j := &jsonArrayReader{r: bufio.NewReader(r)}
	// Up to the '[' jsonArrayStart saw.
	if _, err := j.r.ReadBytes('['); err != nil {
		j.done = true
	}
	return j
}

func (j *jsonArrayReader) Read(p []byte) (int, error) {
	for len(j.out) == 0 {
		if j.done {
			if j.err != nil {
				return 0, j.err
			}
			return 0, io.EOF
		}
		n, err := j.r.Read(j.in[:])
		j.scan(j.in[:n])
		if err != nil {
			j.done = true
			if j.inElem {
				j.out = append(j.out, '\n') // the cut element's line
			}
			if err != io.EOF {
				j.err = err
			}
		}
	}
	n := copy(p, j.out)
	j.out = j.out[n:]
	return n, nil
}

// emit appends c to the scanned bytes.
func (j *jsonArrayReader) emit(c byte) { j.buf = append(j.buf, c) }

// scan appends b's elements to out, a newline after each; raw line
// breaks become blanks, so an indented element is one line.
func (j *jsonArrayReader) scan(b []byte) {
	j.buf = j.buf[:0]
	defer func() { j.out = j.buf }()
	for _, c := range b {
		if j.done {
			return
		}
		if !j.inElem {
			switch c {
			case ' ', '\t', '\r', '\n', ',':
				continue
			case ']':
				j.done = true // bytes after the array are no part of it
				continue
			}
			j.inElem, j.depth = true, 0
		}
		switch {
		case j.inStr:
			switch {
			case j.esc:
				j.esc = false
			case c == '\\':
				j.esc = true
			case c == '"':
				j.inStr = false
			}
		case c == '"':
			j.inStr = true
		case c == '{' || c == '[':
			j.depth++
		case c == '}' || c == ']':
			j.depth--
		case c == ',' && j.depth <= 0:
			// The end of an element that is no object or array.
			j.emit('\n')
			j.inElem = false
			continue
		}
		if c == '\n' || c == '\r' {
			c = ' '
		}
		j.emit(c)
		if j.depth <= 0 && !j.inStr && (c == '}' || c == ']') {
			j.emit('\n')
			j.inElem = false
		}
	}
}

// xzMaxDict is the largest dictionary a compressed log may ask for: xz's
// presets use at most 64 MiB, and the decoder allocates what the header
// says, up to 4 GiB.
const xzMaxDict = 64 << 20

// xzFirstBlock reads the stream header and the first block header of an
// xz stream whose one filter is LZMA2: where the LZMA2 data starts, and
// the dictionary size the block asks for.
func xzFirstBlock(src []byte) (start int, dict int64, err error) {
	const streamHeader = 12
	if len(src) < streamHeader+2 || compression(src) != "xz" {
		return 0, 0, errors.New("no xz stream header")
	}
	block := src[streamHeader:]
	size := (int(block[0]) + 1) * 4
	if block[0] == 0 || size > len(block) {
		return 0, 0, errors.New("no xz block")
	}
	dict, err = xzBlockDict(block[:size])
	return streamHeader + size, dict, err
}

// xzBlockDict reads the dictionary size a whole block header asks for,
// when its one filter is LZMA2.
func xzBlockDict(block []byte) (int64, error) {
	size := len(block)
	flags := block[1]
	if flags&0x03 != 0 {
		return 0, errors.New("an xz block with more than one filter")
	}
	i := 2
	for range bits.OnesCount8(flags & 0xc0) { // compressed and uncompressed sizes
		for i < size && block[i]&0x80 != 0 {
			i++
		}
		i++
	}
	if i+2 >= size || block[i] != 0x21 || block[i+1] != 1 || block[i+2] > 40 {
		return 0, errors.New("an xz block not LZMA2")
	}
	dict := int64(1<<32 - 1)
	if d := block[i+2]; d < 40 {
		dict = int64(2|d&1) << (d/2 + 11)
	}
	return dict, nil
}

// xzGuard passes an xz file to the decoder while following its framing:
// stream headers, block headers, the LZMA2 chunks by their sizes (not
// decoded), block padding and checks, the index, the footer and stream
// padding. The decoder allocates a dictionary per block, as large as the
// block's header asks, up to 4 GiB; the guard withholds the last byte of
// a header that asks for more than xzMaxDict and fails the read instead.
// Framing it cannot follow fails the read too (the decoder would refuse
// it as well), so that no later block goes unchecked.
type xzGuard struct {
	r     io.Reader
	err   error // why the guard failed the read
	pos   int64 // bytes passed before the current read
	at    int64 // the byte step acts on
	phase xzPhase
	want  int    // bytes to gather into hdr before the phase acts
	hdr   []byte // what is gathered
	skip  int64  // bytes to pass without looking, before the phase acts
	check int64  // the current stream's check size
	data  int64  // the current block's LZMA2 bytes so far
	left  uint64 // index: the records' count, then varints still to read
	shift uint   // index: where the count's next 7 bits go
	index int64  // index: its bytes so far
	zeros int64  // stream padding so far
}

type xzPhase uint8

const (
	xzStreamHeader xzPhase = iota
	xzBlockOrIndex
	xzBlockHeader
	xzChunk
	xzChunkHeader
	xzIndexCount
	xzIndexRecords
	xzStreamPadding
)

func (g *xzGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; {
		if g.skip > 0 {
			k := min(int64(n-i), g.skip)
			i += int(k)
			g.skip -= k
			continue
		}
		c := p[i]
		i++
		if len(g.hdr) < g.want {
			g.hdr = append(g.hdr, c)
			if len(g.hdr) < g.want {
				continue
			}
		}
		g.at = g.pos + int64(i) - 1
		if g.err = g.step(c); g.err != nil {
			// The decoder never gets the whole header, nor the byte
			// the guard could not follow.
			g.pos = g.at
			return i - 1, g.err
		}
	}
	g.pos += int64(n)
	if err == io.EOF && !g.ended() {
		// The decoder may take an end inside the framing for a clean
		// one (a file cut within its first block's header).
		g.at = g.pos
		g.err = fmt.Errorf("the xz data ends early (a truncated file?): %w", io.ErrUnexpectedEOF)
		return n, g.err
	}
	return n, err
}

// ended says whether the input may end here: after a stream's footer and
// whole four-byte groups of stream padding.
func (g *xzGuard) ended() bool {
	return g.phase == xzStreamPadding && g.skip == 0 && g.zeros%4 == 0
}

// gather makes the phase act once n bytes are in hdr, the first given.
func (g *xzGuard) gather(phase xzPhase, n int, first ...byte) {
	g.phase, g.want, g.hdr = phase, n, append(g.hdr[:0], first...)
}

// step acts on byte c, or on hdr when the phase gathers bytes.
func (g *xzGuard) step(c byte) error {
	switch g.phase {
	case xzStreamHeader:
		if compression(g.hdr) != "xz" {
			return g.damaged("no stream header")
		}
		if id := g.hdr[7] & 0x0f; id > 0 {
			g.check = 4 << ((id - 1) / 3)
		} else {
			g.check = 0
		}
		g.gather(xzBlockOrIndex, 0)
	case xzBlockOrIndex:
		if c == 0 {
			g.index, g.left, g.shift = 1, 0, 0
			g.gather(xzIndexCount, 0)
			break
		}
		g.gather(xzBlockHeader, (int(c)+1)*4, c)
	case xzBlockHeader:
		dict, err := xzBlockDict(g.hdr)
		if err != nil {
			return g.damaged(err.Error())
		}
		if dict > xzMaxDict {
			return fmt.Errorf("its dictionary of %d MiB is past the %d MiB mxtop allows", dict>>20, xzMaxDict>>20)
		}
		g.data = 0
		g.gather(xzChunk, 0)
	case xzChunk:
		g.data++
		switch {
		case c == 0: // the end of the block's data: padding and check
			g.skip = (4-g.data%4)%4 + g.check
			g.gather(xzBlockOrIndex, 0)
		case c == 1 || c == 2: // stored
			g.gather(xzChunkHeader, 3, c)
		case c >= 0x80: // LZMA, with a properties byte on a reset of them
			n := 5
			if c>>5&3 >= 2 {
				n = 6
			}
			g.gather(xzChunkHeader, n, c)
		default:
			return g.damaged(fmt.Sprintf("an LZMA2 chunk of no known kind (%#02x)", c))
		}
	case xzChunkHeader:
		h := g.hdr
		g.data += int64(len(h) - 1)
		size := int64(h[1])<<8 | int64(h[2]) + 1
		if h[0] >= 0x80 {
			size = int64(h[3])<<8 | int64(h[4]) + 1
		}
		g.data += size
		g.skip = size
		g.gather(xzChunk, 0)
	case xzIndexCount, xzIndexRecords:
		g.index++
		if g.phase == xzIndexCount {
			if g.shift > 56 {
				return g.damaged("an index of too many records")
			}
			g.left |= uint64(c&0x7f) << g.shift
			g.shift += 7
			if c&0x80 != 0 {
				break
			}
			g.left *= 2 // two sizes a record
			g.phase = xzIndexRecords
		} else if c&0x80 == 0 {
			g.left--
		}
		if g.phase == xzIndexRecords && g.left == 0 {
			// Index padding, its CRC32, the stream footer.
			g.skip = (4-g.index%4)%4 + 4 + 12
			g.zeros = 0
			g.gather(xzStreamPadding, 0)
		}
	case xzStreamPadding:
		if c == 0 {
			g.zeros++
			break
		}
		if g.zeros%4 != 0 {
			return g.damaged("stream padding not a multiple of four bytes")
		}
		g.gather(xzStreamHeader, 12, c)
	}
	return nil
}

func (g *xzGuard) damaged(what string) error {
	return fmt.Errorf("its framing is damaged at byte %d: %s", g.at, what)
}

// xzGuarded reports the guard's refusal as it is, whatever the decoder
// made of the failed read.
type xzGuarded struct {
	r io.Reader
	g *xzGuard
}

func (x xzGuarded) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	if err != nil && x.g.err != nil {
		err = x.g.err
	}
	return n, err
}

type closerFunc func()

func (f closerFunc) Close() error { f(); return nil }

// decompressError names the compression in a read error (the caller names
// the file): a bare "unexpected EOF" does not say that a rotated file was
// cut short.
type decompressError struct {
	r      io.Reader
	format string
}

func (d decompressError) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if err != nil && err != io.EOF {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("the %s data ends early (a truncated file?): %w", d.format, err)
		}
		err = fmt.Errorf("not a readable %s file: %w", d.format, err)
	}
	return n, err
}

type readCloser struct {
	io.Reader
	closers []io.Closer
}

func (r *readCloser) Close() error {
	var first error
	for _, c := range r.closers {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// explainOpenError turns an open failure into advice an admin can act on.
func explainOpenError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrPermission):
		hint := "run mxtop with sudo, or add your user to the group that owns the file"
		if dir := deniedDirectory(path); dir != "" {
			hint = dir
		} else if fi, err := os.Stat(path); err == nil {
			switch group, ownerOnly := readingGroup(fi); {
			case group != "":
				hint = "add your user to group " + group + " (sudo usermod -aG " + group + " $USER, then log in again), or run mxtop with sudo"
			case ownerOnly:
				hint = fmt.Sprintf("only its owner may read it (mode %04o): run mxtop with sudo", fi.Mode().Perm())
			}
		} else if strings.HasPrefix(path, "/var/log/") {
			hint = "on Debian/Ubuntu add your user to group adm (sudo usermod -aG adm $USER, then log in again), or run mxtop with sudo"
		}
		return fmt.Errorf("%s: permission denied: %s", path, hint)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such file", path)
	}
	// A socket cannot be opened as a file ("no such device or address"):
	// /dev/log is syslog's input, not where it writes.
	if fi, serr := os.Stat(path); serr == nil && fi.Mode()&os.ModeSocket != 0 {
		return fmt.Errorf("%s: is a socket, not a log file: name the file syslog writes mail to (e.g. /var/log/mail.log), or use --journal", path)
	}
	return fmt.Errorf("%s: %w", path, err)
}
