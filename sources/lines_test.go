package sources

import (
	"bytes"
	"context"
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

// postqueue -p (mailq) output given as a log is refused by name, with
// the option that reads it: its "(connect to ...)" reasons are a
// message's last delay reason, not log lines. A log is read as before.
func TestQueueListingIsNotALog(t *testing.T) {
	for name, in := range map[string]string{
		"header": "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n" +
			"1A2B3C4D5E*    4387 Mon Feb 24 13:35:18  ann@example.org\n                                         bob@example.net\n",
		"empty":     "Mail queue is empty\n",
		"no header": "\n1A2B3C4D5E     4098 Sat Feb 22 00:44:54  ann@example.org\n(connect to mx.example.net[192.0.2.25]:25: Connection timed out)\n                                         bob@example.net\n",
	} {
		_, err := OpenLogReader("q.txt", strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), "queue listing") || !strings.Contains(err.Error(), "--queue") {
			t.Errorf("%s: want the listing refused and --queue named, got %v", name, err)
		}
	}
	// On standard input too (postqueue -p | mxtop report -).
	if _, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader("Mail queue is empty\n"), Block: true}); err == nil || !strings.Contains(err.Error(), "--queue") {
		t.Errorf("stdin: want the listing refused, got %v", err)
	}
	for _, in := range []string{
		"Feb 24 13:35:18 mx postfix/qmgr[12]: 1A2B3C4D5E: removed\n",
		"-- a note\nFeb 24 13:35:18 mx postfix/qmgr[12]: 1A2B3C4D5E: removed\n",
		"1A2B3C4D5E: to=<bob@example.net>, relay=mx.example.net[192.0.2.25]:25, status=sent (250 ok)\n",
	} {
		rc, err := OpenLogReader("mail.log", strings.NewReader(in))
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if b, _ := io.ReadAll(rc); string(b) != in {
			t.Errorf("read %q, want %q", b, in)
		}
	}
}
