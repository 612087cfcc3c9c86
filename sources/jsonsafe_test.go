package sources

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// hostile holds what a remote server can put in a log line.
const hostile = "421 \x1b]0;owned\x07 \x1b[2J \u009b31m \u202egnp.exe\u202c \u2066iso\u2069 \u200f\u061c del\x7f \u0085 ok é ✓ \xff gm\u034fail \U000e0041\U000e0100 \u2028"

// rawTerminalControls lists the characters of s a terminal would act on.
func rawTerminalControls(s string) []rune {
	var bad []rune
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || isC1OrBidi(r) {
			bad = append(bad, r)
		}
	}
	return bad
}

func TestJSONEscaperRoundTrips(t *testing.T) {
	type doc struct {
		A string
		B []string
		M map[string]string
	}
	in := doc{A: hostile, B: []string{"plain", hostile}, M: map[string]string{hostile: hostile}}
	plain, _ := json.Marshal(in)
	if len(rawTerminalControls(string(plain))) == 0 {
		t.Fatal("encoding/json escapes them itself now: the escaper is not needed")
	}
	for _, whole := range []bool{true, false} {
		var buf bytes.Buffer
		w := NewJSONEscaper(&buf)
		if whole {
			if err := json.NewEncoder(w).Encode(in); err != nil {
				t.Fatal(err)
			}
		} else {
			// One byte at a time: characters split across writes.
			for i := range plain {
				w.Write(plain[i : i+1])
			}
		}
		if bad := rawTerminalControls(buf.String()); len(bad) > 0 {
			t.Errorf("raw %q in %s", bad, buf.String())
		}
		if !strings.Contains(buf.String(), `\u009b31m \u202egnp.exe\u202c \u2066iso\u2069 \u200f\u061c del\u007f \u0085 ok é ✓`) {
			t.Errorf("not escaped as \\uXXXX: %s", buf.String())
		}
		var back doc
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		var want doc
		json.Unmarshal(plain, &want) // invalid UTF-8 becomes U+FFFD either way
		if back.A != want.A || back.B[1] != want.B[1] || back.M[want.A] != want.A {
			t.Errorf("round trip changed the data:\n%q\n%q", back.A, want.A)
		}
	}
}

// mxtop parse output carries hostile log text escaped.
func TestParseToJSONLEscapesControls(t *testing.T) {
	line := "Nov 28 11:13:08 lab postfix/smtp[1]: 3F59BC026C: to=<a@b\u009b2J\u202e.example>, relay=mx\x7f[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (421 " + hostile + ")\n"
	var out bytes.Buffer
	if err := ParseToJSONL(NewParser(), strings.NewReader(line), &out); err != nil {
		t.Fatal(err)
	}
	if bad := rawTerminalControls(strings.TrimSuffix(out.String(), "\n")); len(bad) > 0 {
		t.Errorf("raw %q in %s", bad, out.String())
	}
	var j JSONRecord
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if j.Domain != "b\u009b2J\u202e.example" {
		t.Errorf("domain %q did not round-trip", j.Domain)
	}
}
