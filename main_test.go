package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
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
	if code := run([]string{"version", "extra"}, nil, &out, &errb); code != 2 {
		t.Fatalf("version with an argument: exit %d, want 2", code)
	}
}

func TestReportCommand(t *testing.T) {
	lab := "testdata/lab/"
	args := []string{"report", "--log", lab + "postfix-lab.log", "--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt", "--queue", lab + "postqueue-j.jsonl", "--year", "2026"}
	var out, errb bytes.Buffer
	code := run(append(args, "--format", "json", "--fail-on", "critical"), nil, &out, &errb)
	if code != 3 {
		t.Fatalf("exit %d, want 3 (critical hints with --fail-on critical); stderr %s", code, errb.String())
	}
	var rep struct {
		GeneratedAt string `json:"generated_at"`
		Window      struct{ From, To string }
		Postfix     struct {
			Version  string
			Versions []struct{ Version string }
		}
		Destinations []struct {
			Domain   string
			Deferred int
			Classes  map[string]int
		}
		Queue struct {
			Queues map[string]struct{ Messages int }
		}
		Config struct {
			Parameters []struct {
				Name, Value string
				Explicit    bool
			}
		}
		Hints []struct {
			ID, Severity, Title, Subject string
			Actions                      []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	if rep.Postfix.Version != "3.7.11" || rep.Window.From == "" || rep.GeneratedAt == "" {
		t.Errorf("header: %+v %+v", rep.Postfix, rep.Window)
	}
	found := false
	for _, d := range rep.Destinations {
		if d.Domain == "throttled.example" && d.Classes["conn_limit"] == 22 {
			found = true
		}
	}
	if !found {
		t.Errorf("throttled.example with 22 conn_limit not in %+v", rep.Destinations)
	}
	if rep.Queue.Queues["deferred"].Messages != 56 {
		t.Errorf("queue %+v", rep.Queue)
	}
	if len(rep.Hints) == 0 || rep.Hints[0].ID != "destination_concurrency" || rep.Hints[0].Severity != "critical" {
		t.Errorf("hints %+v", rep.Hints)
	}
	out.Reset()
	if code := run(append(args, "--format", "markdown"), nil, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "# mxtop report") {
		t.Fatalf("markdown exit %d: %.100s", code, out.String())
	}
	if code := run(append(args, "--format", "yaml"), nil, &out, &errb); code != 2 {
		t.Fatalf("bad format exit %d", code)
	}
	if code := run([]string{"report", "--log", "/nonexistent", "--postconf", lab + "postconf-n.txt"}, nil, &out, &errb); code != 1 {
		t.Fatalf("missing log exit %d", code)
	}
}

// Without a terminal on stdout, mxtop prints the text report and exits.
func TestNoTTYPrintsReport(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"--demo"}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	if !strings.HasPrefix(s, "mxtop report") || !strings.Contains(s, "gmail.com refuses connections") || strings.Contains(s, "\x1b[") {
		t.Fatalf("not a plain text report:\n%.400s", s)
	}
}

// --web.listen-address is --listen under the exporters' name, and a web
// configuration file that cannot be read stops serve at once.
func TestServeFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--web.listen-address", "nonsense"}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), `listen address "nonsense"`) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	errb.Reset()
	// Given explicitly, a non-loopback address is accepted (the check
	// then fails on the configuration file, before anything starts).
	missing := filepath.Join(t.TempDir(), "web.yml")
	if code := run([]string{"serve", "--web.listen-address", "0.0.0.0:9155", "--web.config.file", missing}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), missing) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}

// report --patch writes the diff the hints' changes would make, computed
// on a copy of the configuration directory, which stays as it was.
func TestReportPatch(t *testing.T) {
	if _, err := exec.LookPath("postconf"); err != nil {
		t.Skip("postconf not installed")
	}
	dir := t.TempDir()
	for _, f := range []string{"main.cf", "master.cf"} {
		b, _ := os.ReadFile(filepath.Join("e2e/conf", f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "main.cf"))
	patch := filepath.Join(t.TempDir(), "hints.patch")
	var out, errb bytes.Buffer
	code := run([]string{"report", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt",
		"--config-dir", dir, "--patch", patch, "testdata/lab/postfix-lab.log"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(patch)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"+++ b" + filepath.Join(dir, "main.cf"), "+slow_destination_concurrency_limit = ", "throttled.example\tslow:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("patch lacks %q:\n%s", want, b)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "main.cf")); !bytes.Equal(after, before) {
		t.Error("--patch changed main.cf")
	}
}

func TestUndoWithoutBackup(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"undo", "--backup-dir", filepath.Join(t.TempDir(), "none"), "--snapshot-dir", t.TempDir()}, nil, &out, &errb)
	if code != 1 || !(strings.Contains(errb.String(), "no backup") || strings.Contains(errb.String(), "needs root")) {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if code := run([]string{"undo", "extra"}, nil, &out, &errb); code != 2 {
		t.Errorf("undo extra: exit %d", code)
	}
}
