package sources

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
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

// Windows PowerShell's > writes UTF-16 with a byte order mark: such a log
// is read as the UTF-8 text it holds, either byte order.
func TestUTF16LogIsDecoded(t *testing.T) {
	text := "Dec  3 09:01:18 mx1 postfix/master[1]: warning: service \"smtp\" (25) has reached its process limit \"100\": new clients may experience noticeable delays\r\nDec  3 09:01:19 mx1 postfix/qmgr[2]: ABCDEF1234: removed\r\n"
	for _, order := range []struct {
		bom  []byte
		swap bool
	}{{[]byte{0xff, 0xfe}, false}, {[]byte{0xfe, 0xff}, true}} {
		data := append([]byte(nil), order.bom...)
		for _, u := range utf16.Encode([]rune(text)) {
			if order.swap {
				data = append(data, byte(u>>8), byte(u))
			} else {
				data = append(data, byte(u), byte(u>>8))
			}
		}
		rc, err := OpenLogReader("x.log", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		if string(got) != text {
			t.Errorf("bom % x: read %q", order.bom, got)
		}
	}
}
