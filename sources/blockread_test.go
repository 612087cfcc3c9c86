package sources

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unsafe"
)

// readChunks runs produceReader over in and returns the lines its chunks
// hold, the long lines they count, and the chunks' sizes in lines; with
// release, each chunk hands its block back once its lines are copied.
func readChunks(t *testing.T, in io.Reader, release, eager bool) (lines []string, long int, sizes []int) {
	t.Helper()
	free := make(chan []byte, 4)
	ch := make(chan chunk, 4)
	errc := make(chan error, 1)
	go func() {
		defer close(ch)
		errc <- produceReader(context.Background(), in, ch, &progressCounter{}, free, eager)
	}()
	for c := range ch {
		long += c.long
		sizes = append(sizes, len(c.ends))
		c.forEachLine(func(l string) { lines = append(lines, strings.Clone(l)) })
		if release {
			// The block may be read into again: a block handed back
			// while a later chunk still needs it changes that chunk's
			// lines.
			c.block.release()
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return lines, long, sizes
}

// asLineReader is the line LineReader returns for a line produceReader
// handed on: one "\r" dropped, at most MaxLineLen bytes kept.
func asLineReader(l string) string {
	if len(l) <= MaxLineLen+1 {
		l = strings.TrimSuffix(l, "\r")
	}
	return l[:min(len(l), MaxLineLen)]
}

// Block reading hands on the lines LineReader reads (as the parser reads
// them), counts the same lines as cut, and keeps chunks within
// readerChunkLines, whatever the blocks' size, the lines' lengths and
// line ends, and however the input arrives.
func TestBlockReaderMatchesLineReader(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lengths := []int{0, 1, 40, 130, MaxLineLen - 1, MaxLineLen, MaxLineLen + 1, MaxLineLen + 2, MaxLineLen + 3, 2 * MaxLineLen, 300000}
	var inputs []string
	for k := 0; k < 12; k++ {
		var b strings.Builder
		for i := 0; i < 60; i++ {
			n := lengths[rng.IntN(len(lengths))]
			if rng.IntN(3) > 0 {
				n = 20 + rng.IntN(200)
			}
			line := logLine(i, fmt.Sprintf("ABCDE%05d: removed ", i))
			line += strings.Repeat("x", max(0, n-len(line)))
			line = line[:n]
			b.WriteString(line)
			if rng.IntN(4) == 0 {
				b.WriteString("\r")
			}
			if i < 59 || k%2 == 0 {
				b.WriteString("\n")
			}
		}
		inputs = append(inputs, b.String())
	}
	inputs = append(inputs, "", "\n", "\r\n", "one line", "a\n\nb\r\n\r\n", strings.Repeat("z", MaxLineLen+1)+"\r", strings.Repeat("z", 3*MaxLineLen))
	readers := map[string]func(string) io.Reader{
		"whole":   func(s string) io.Reader { return strings.NewReader(s) },
		"half":    func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
		"dataerr": func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) },
		"bytes":   func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
	}
	sizes := []struct{ block, carry, lines int }{{256 * 1024, 64 * 1024, 1024}, {1000, 300, 3}, {MaxLineLen, 10, 7}, {1, 0, 1}}
	oldBlock, oldCarry, oldLines := readBlock, chunkCarry, readerChunkLines
	defer func() { readBlock, chunkCarry, readerChunkLines = oldBlock, oldCarry, oldLines }()
	p := &Parser{Year: 2026}
	for i, in := range inputs {
		lr := NewLineReader(strings.NewReader(in))
		var want []string
		for {
			l, ok := lr.Next()
			if !ok {
				break
			}
			want = append(want, string(l))
		}
		for _, sz := range sizes {
			readBlock, chunkCarry, readerChunkLines = sz.block, sz.carry, sz.lines
			for name, mk := range readers {
				if name == "bytes" && len(in) > 200000 {
					continue
				}
				eager := i%2 == 1 // a live stream's reading, on half the inputs
				got, long, chunkSizes := readChunks(t, mk(in), name != "whole", eager)
				norm := make([]string, len(got))
				for j, l := range got {
					norm[j] = asLineReader(l)
				}
				where := fmt.Sprintf("input %d, blocks of %d, carry %d, %d lines, %s reader, eager %v", i, sz.block, sz.carry, sz.lines, name, eager)
				if !slices.Equal(norm, want) {
					t.Fatalf("%s: %d lines, LineReader %d", where, len(norm), len(want))
				}
				if long != lr.Long {
					t.Errorf("%s: %d long lines, LineReader %d", where, long, lr.Long)
				}
				for _, n := range chunkSizes {
					if n > sz.lines || n == 0 {
						t.Fatalf("%s: a chunk of %d lines", where, n)
					}
				}
				for j := range got {
					var a, b Record
					p.Parse(got[j], &a)
					p.Parse(want[j], &b)
					if !reflect.DeepEqual(a, b) {
						t.Fatalf("%s: line %d parses as %+v, LineReader's as %+v", where, j, a, b)
					}
				}
			}
		}
	}
}

// A read error ends the replay with that error, after the lines read
// before it.
func TestBlockReaderError(t *testing.T) {
	in := io.MultiReader(strings.NewReader("a\nb\nc"), iotest.ErrReader(io.ErrUnexpectedEOF))
	ch := make(chan chunk, 4)
	err := produceReader(context.Background(), in, ch, nil, nil, false)
	close(ch)
	var lines []string
	for c := range ch {
		c.forEachLine(func(l string) { lines = append(lines, l) })
	}
	if err != io.ErrUnexpectedEOF || !reflect.DeepEqual(lines, []string{"a", "b", "c"}) {
		t.Fatalf("err %v, lines %q", err, lines)
	}
}

// The parser's timestamp cache holds its own copy of the stamp: a replay
// reads new lines into the memory of lines already parsed, and a stale
// stamp there must not pass for the new line's.
func TestParserStampCacheSurvivesReusedText(t *testing.T) {
	p := &Parser{Now: func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }, Loc: time.UTC}
	buf := []byte("Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0BEE: removed")
	var r Record
	p.Parse(unsafe.String(&buf[0], len(buf)), &r)
	copy(buf, "Nov 28 05:00:00")
	p.Parse(unsafe.String(&buf[0], len(buf)), &r)
	if want := time.Date(2026, 11, 28, 5, 0, 0, 0, time.UTC); !r.Time.Equal(want) {
		t.Fatalf("time %v, want %v", r.Time, want)
	}
}
