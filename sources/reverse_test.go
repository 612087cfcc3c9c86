package sources

import (
	"bytes"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// reverseLines hands out a file's lines last first, whatever the block
// size, each ended by one newline, a last line without its newline
// included, and keeps a long line's first bytes.
func TestReverseLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	long := strings.Repeat("x", MaxLineLen+500)
	for trial := range 300 {
		var lines []string
		for range rng.IntN(40) {
			switch rng.IntN(10) {
			case 0:
				lines = append(lines, "")
			case 1:
				lines = append(lines, "with\r")
			case 2:
				if rng.IntN(4) == 0 {
					lines = append(lines, long+"end")
					continue
				}
				fallthrough
			default:
				lines = append(lines, strings.Repeat("ab", rng.IntN(30))+"z")
			}
		}
		text := strings.Join(lines, "\n")
		// A last line left without its newline is one only when it has text.
		if len(lines) > 0 && (rng.IntN(2) == 0 || lines[len(lines)-1] == "") {
			text += "\n"
		}
		var want []string
		for _, l := range lines {
			want = append(want, l[:min(len(l), reverseKeep)]+"\n")
		}
		if text == "" {
			want = nil
		}
		slices.Reverse(want)
		saved := readBlock
		readBlock = 1 + rng.IntN(64)
		if trial%5 == 0 {
			readBlock = 256 * 1024
		}
		r := newReverseLines(strings.NewReader(text), int64(len(text)))
		readBlock = saved
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if w := strings.Join(want, ""); !bytes.Equal(got, []byte(w)) {
			t.Fatalf("trial %d: %q\nreversed to %.200q\nwant %.200q", trial, text[:min(len(text), 200)], got, w)
		}
	}
}

// FuzzReverseLines: any text read last line first is its lines reversed,
// each ended by one newline and kept to reverseKeep bytes, at any block
// size.
func FuzzReverseLines(f *testing.F) {
	f.Add("a\nb\n", 3)
	f.Add("\n\nx", 1)
	f.Add("no newline", 64)
	f.Fuzz(func(t *testing.T, text string, block int) {
		if block < 1 || block > 1<<16 {
			return
		}
		var want []string
		if text != "" {
			for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
				want = append(want, l[:min(len(l), reverseKeep)]+"\n")
			}
		}
		slices.Reverse(want)
		saved := readBlock
		readBlock = block
		r := newReverseLines(strings.NewReader(text), int64(len(text)))
		readBlock = saved
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if w := strings.Join(want, ""); string(got) != w {
			t.Fatalf("%q at block %d: got %q, want %q", text, block, got, w)
		}
	})
}
