package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	lines := "Nov 28 11:13:08 lab postfix/error[6336]: 615C4C0356: to=<15user@ratelimited.example>, relay=none, delay=0.27, delays=0.02/0.25/0/0, dsn=4.7.0, status=deferred (delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.ratelimited.example Error: too many connections from 127.0.0.1)\n" +
		"garbage \x00\xff\n" +
		"Nov 28 10:00:00 h dovecot: imap-login: x\n"
	dir := t.TempDir()
	gz := filepath.Join(dir, "mail.log.1.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(lines))
	zw.Close()
	if err := os.WriteFile(gz, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"parse", "--year", "2026", gz}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var recs []map[string]any
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not JSON: %q", sc.Text())
		}
		recs = append(recs, m)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	d := recs[0]
	if d["event"] != "delivery" || d["class"] != "conn_limit" || d["domain"] != "ratelimited.example" ||
		d["suspended"] != true || d["code"] != float64(421) {
		t.Errorf("delivery record: %v", d)
	}
	// The stamp is local time; its UTC form depends on the zone, not the year.
	if ts, _ := d["time"].(string); !strings.HasPrefix(ts, "2026-11-") {
		t.Errorf("delivery record: %v", d)
	}
	if recs[1]["event"] != "invalid" || recs[1]["reason"] == "" || recs[1]["time"] != nil || recs[1]["n"] != float64(2) {
		t.Errorf("garbage record: %v", recs[1])
	}
	if recs[2]["event"] != "other" {
		t.Errorf("dovecot record: %v", recs[2])
	}
}

func TestParseCommandMissingFile(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"parse", "/nonexistent/mail.log"}, strings.NewReader(""), &out, &errb)
	if code == 0 || !strings.Contains(errb.String(), "/nonexistent/mail.log: no such file") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestUsageErrors(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"frobnicate"}, nil, &out, &errb); code != 2 {
		t.Fatalf("unknown command exit %d, want 2", code)
	}
	if code := run([]string{"parse", "--nope"}, nil, &out, &errb); code != 2 {
		t.Fatalf("bad flag exit %d, want 2", code)
	}
}
