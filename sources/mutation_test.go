package sources

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// A transport's own *_destination_concurrency_limit wins over the default;
// a transport without one gets the default.
func TestDestinationConcurrencyLimitPerTransport(t *testing.T) {
	params, err := ParseParams(strings.NewReader("default_destination_concurrency_limit = 20\nsmtp_destination_concurrency_limit = $default_destination_concurrency_limit\nslow_destination_concurrency_limit = 4\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Params: params, Explicit: params}
	for tr, want := range map[string]int{"slow": 4, "smtp": 20, "relay": 20} {
		if got := cfg.DestinationConcurrencyLimit(tr); got != want {
			t.Errorf("%s: %d, want %d", tr, got, want)
		}
	}
}

// Every line the reader returns is at most MaxLineLen bytes, the start of
// the line, whatever its length relative to the reader's buffer and
// however the input arrives (a followed file grows in small writes).
func TestLineReaderCutsEveryLongLine(t *testing.T) {
	lengths := []int{MaxLineLen - 1, MaxLineLen, MaxLineLen + 1, 100 * 1024, 255 * 1024, 256 * 1024, 300 * 1024, 700 * 1024}
	var in bytes.Buffer
	var want []string
	long := 0
	for i, n := range lengths {
		line := strings.Repeat(string(rune('a'+i)), n)
		want = append(want, line[:min(n, MaxLineLen)])
		if n > MaxLineLen {
			long++
		}
		in.WriteString(line)
		if i%2 == 0 {
			in.WriteString("\r\n")
		} else {
			in.WriteString("\n")
		}
		in.WriteString("short\n")
		want = append(want, "short")
	}
	// The last line is long and has no newline.
	in.WriteString(strings.Repeat("z", 90*1024))
	want = append(want, strings.Repeat("z", MaxLineLen))
	long++
	for name, r := range map[string]func() io.Reader{
		"whole":   func() io.Reader { return bytes.NewReader(in.Bytes()) },
		"halves":  func() io.Reader { return iotest.HalfReader(bytes.NewReader(in.Bytes())) },
		"4k":      func() io.Reader { return &chunkReader{data: in.Bytes(), n: 4096} },
		"oneByte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(in.Bytes())) },
	} {
		t.Run(name, func(t *testing.T) {
			lr := NewLineReader(r())
			var got []string
			for {
				l, ok := lr.Next()
				if !ok {
					break
				}
				got = append(got, string(l))
			}
			if lr.Err() != nil {
				t.Fatal(lr.Err())
			}
			exp, expLong := want, long
			if len(got) != len(exp) {
				t.Fatalf("%d lines, want %d", len(got), len(exp))
			}
			for i := range exp {
				if got[i] != exp[i] {
					t.Errorf("line %d: %d bytes starting %.8q, want %d bytes", i, len(got[i]), got[i], len(exp[i]))
				}
			}
			if lr.Long != expLong {
				t.Errorf("Long %d, want %d", lr.Long, expLong)
			}
		})
	}
}

// chunkReader returns at most n bytes a call.
type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), c.n)], c.data)
	c.data = c.data[k:]
	return k, nil
}

func BenchmarkLineReader(b *testing.B) {
	line := strings.Repeat("Nov 28 10:00:00 mx postfix/smtp[1234]: 4ABCDEF: to=<u@example.org>, status=sent ", 2) + "\n"
	data := []byte(strings.Repeat(line, 50_000))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		lr := NewLineReader(bytes.NewReader(data))
		for {
			if _, ok := lr.Next(); !ok {
				break
			}
		}
	}
}
