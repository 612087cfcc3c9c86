package sources

import (
	"bytes"
	"context"
	"io"
	"os"
)

// reverseLines reads the lines of ra's first size bytes last first, each
// ended by "\n": a log listed newest first, read in time order. It holds
// a block and one line's start, however large the file: a line longer
// than MaxLineLen keeps its first bytes and enough more for the line
// reader after it to cut and count it as it cuts any long line.
type reverseLines struct {
	ra    io.ReaderAt
	off   int64  // ra[:off] is unread
	block []byte // read from ra
	tail  []byte // the start of the line being gathered lies before off
	data  []byte // a block and tail
	buf   []byte // out's array, filled again once out is handed out
	out   []byte // whole lines, in the order handed out
	first bool   // the last block is still to read
}

// reverseKeep is how much of a line reverseLines keeps: more than
// produceReader keeps, so that it sees the line as cut.
const reverseKeep = MaxLineLen + 3

func newReverseLines(ra io.ReaderAt, size int64) *reverseLines {
	return &reverseLines{ra: ra, off: size, block: make([]byte, readBlock), first: true}
}

func (r *reverseLines) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if r.off == 0 && (r.first || r.tail == nil) {
			return 0, io.EOF
		}
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// fill reads the block before off and puts the lines it completes in out.
func (r *reverseLines) fill() error {
	n := min(int64(len(r.block)), r.off)
	b := r.block[:n]
	if _, err := r.ra.ReadAt(b, r.off-n); err != nil && err != io.EOF {
		return err
	}
	r.off -= n
	if r.first {
		r.first = false
		// The last line's own newline ends it; a last line without one
		// is a line as well.
		b = bytes.TrimSuffix(b, []byte{'\n'})
	}
	r.data = append(append(r.data[:0], b...), r.tail...)
	data := r.data
	out := r.buf[:0]
	end := len(data)
	for {
		i := bytes.LastIndexByte(data[:end], '\n')
		if i < 0 {
			break
		}
		out = append(append(out, data[i+1:min(end, i+1+reverseKeep)]...), '\n')
		end = i
	}
	if r.off > 0 {
		// The line that starts before this block: kept from its start
		// on, so its end may go.
		r.tail = append(r.tail[:0], data[:min(end, reverseKeep)]...)
	} else {
		out = append(append(out, data[:min(end, reverseKeep)]...), '\n')
		r.tail = nil
	}
	r.buf, r.out = out, out
	return nil
}

// reversibleLog opens path for reading last line first: a plain file as
// it is, and any other (compressed, a JSON array, a CSV export with its
// header row) as the lines the log reader makes of it, spooled to an
// unlinked temporary file only this user may read.
func reversibleLog(ctx context.Context, path string) (io.ReadCloser, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	head := make([]byte, exportHeadLen)
	m, _ := io.ReadFull(f, head)
	head = head[:m]
	st, err := f.Stat()
	if err := notText(path, head[:min(len(head), 64)]); err != nil && compression(head) == "" {
		f.Close()
		return nil, 0, err
	}
	if err == nil && st.Mode().IsRegular() && compression(head) == "" && !exportStart(head) {
		return readCloser2{newReverseLines(f, st.Size()), f}, st.Size(), nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, 0, err
	}
	rc, err := OpenLogReader(path, f)
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	defer f.Close()
	defer rc.Close()
	tmp, err := os.CreateTemp("", "mxtop-reversed-*")
	if err != nil {
		return nil, 0, err
	}
	os.Remove(tmp.Name())
	n, err := io.Copy(tmp, ctxReader{ctx, rc})
	if err != nil {
		tmp.Close()
		return nil, 0, err
	}
	return readCloser2{newReverseLines(tmp, n), tmp}, n, nil
}

// readCloser2 reads from one reader and closes another.
type readCloser2 struct {
	io.Reader
	c io.Closer
}

func (r readCloser2) Close() error { return r.c.Close() }

// ctxReader stops reading once ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
