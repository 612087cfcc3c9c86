package sources

import (
	"strings"
	"testing"
)

func TestLineReaderOverlongAndBinary(t *testing.T) {
	long := strings.Repeat("x", 300*1024)
	in := "first\n" + long + "\nthird\r\n\x00\xff\xfe binary\nno newline at end"
	lr := NewLineReader(strings.NewReader(in))
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
	if len(got) != 5 || got[0] != "first" || len(got[1]) != MaxLineLen || got[2] != "third" || got[3] != "\x00\xff\xfe binary" || got[4] != "no newline at end" {
		t.Fatalf("lines: %d, lengths %d", len(got), len(got[1]))
	}
	if lr.Long != 1 {
		t.Fatalf("long lines counted %d", lr.Long)
	}
}
