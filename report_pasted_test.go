package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Lines pasted without timestamps (no syslog header, or no tag at all)
// still make a report: every line read, destinations and classes counted.
func TestReportOnPastedLines(t *testing.T) {
	lines := "postfix/smtp[123]: 3F2A1C0: to=<a@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=31, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)\n" +
		"postfix-out/smtp[124]: 3F2A1C1: to=<c@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=31, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)\n" +
		"to=<a@d.example>, relay=mx.d.example[192.0.2.7]:25, delay=5, delays=1/0/1/3, dsn=4.7.0, status=deferred (host mx.d.example[192.0.2.7] said: 421 4.7.0 Too many connections, try again later (in reply to MAIL FROM command))\n" +
		"mx1 postfix/smtp[125]: 3F2A1C2: to=<e@f.example>, relay=mx.f.example[192.0.2.9]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n" +
		"warning: connect to mysql server db: Too many connections\n" +
		"postfix/postscreen[99]: PASS NEW [192.0.2.9]:4711\n"
	log := filepath.Join(t.TempDir(), "pasted.log")
	if err := os.WriteFile(log, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	lab := "testdata/lab/"
	var out, errb bytes.Buffer
	code := run([]string{"report", "--log", log, "--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt",
		"--queue", lab + "postqueue-j.jsonl", "--format", "json"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep struct {
		Lines        struct{ Total, Postfix, Invalid int }
		Destinations []struct {
			Domain         string
			Sent, Deferred int
			Classes        map[string]int
		}
		Classes map[string]int
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	if rep.Lines.Total != 6 || rep.Lines.Postfix != 6 || rep.Lines.Invalid != 0 {
		t.Errorf("lines %+v, want 6 read, 6 Postfix, none invalid", rep.Lines)
	}
	want := map[string]string{"b.example": "connect_timeout", "d.example": "conn_limit"}
	for _, d := range rep.Destinations {
		if c, ok := want[d.Domain]; ok {
			if d.Classes[c] == 0 || d.Deferred == 0 {
				t.Errorf("%s: %+v, want deferred with %s", d.Domain, d, c)
			}
			delete(want, d.Domain)
		}
		if d.Domain == "f.example" && d.Sent != 1 {
			t.Errorf("f.example: %+v, want one sent", d)
		}
	}
	if len(want) != 0 {
		t.Errorf("destinations missing: %v in %+v", want, rep.Destinations)
	}
	if rep.Classes["table_conn_limit"] != 1 || rep.Classes["connect_timeout"] != 2 {
		t.Errorf("classes %v", rep.Classes)
	}
}
