package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// hostile is what a remote server or a crafted log line can carry: an OSC
// title change, a screen clear, the 8-bit CSI, DEL, bidi override and
// isolate.
const hostile = "\x1b]0;owned\x07\x1b[2J\u009b31m\x7f\u202egnp.exe\u2066"

func rawControls(s string) []rune {
	var bad []rune
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 ||
			r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			bad = append(bad, r)
		}
	}
	return bad
}

// Hostile log text never reaches the terminal raw through parse, report
// (text, markdown, JSON) or doctor; JSON still decodes to the same text.
func TestHostileTextThroughCommands(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "mail.log")
	lines := "Nov 28 11:13:08 lab postfix/smtp[1]: 3F59BC026C: to=<a@evil" + hostile + ".example>, relay=mx.evil.example[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 4.7.0 " + hostile + " too many connections)\n" +
		"Nov 28 11:13:09 lab postfix/smtp[1]: warning: " + hostile + "\n"
	if err := os.WriteFile(log, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	lab := "testdata/lab/"
	for _, args := range [][]string{
		{"parse", "--year", "2026", log},
		{"report", "--year", "2026", "--log", log, "--postconf", lab + "postconf-n.txt", "--format", "json"},
		{"report", "--year", "2026", "--log", log, "--postconf", lab + "postconf-n.txt", "--format", "text"},
		{"report", "--year", "2026", "--log", log, "--postconf", lab + "postconf-n.txt", "--format", "markdown"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		if bad := rawControls(out.String() + errb.String()); len(bad) > 0 {
			t.Errorf("%v: raw %q in output:\n%s", args, bad, out.String())
		}
		switch args[0] + args[len(args)-1] {
		case "parse" + log:
			var rec struct{ Domain string }
			json.Unmarshal([]byte(strings.SplitN(out.String(), "\n", 2)[0]), &rec)
			if rec.Domain != "evil"+hostile+".example" {
				t.Errorf("parse: domain %q did not round-trip", rec.Domain)
			}
		case "reportjson":
			var rep struct{ Destinations []struct{ Domain string } }
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if len(rep.Destinations) == 0 || rep.Destinations[0].Domain != strings.ToLower("evil"+hostile+".example") {
				t.Errorf("report json: destinations %+v", rep.Destinations)
			}
		}
	}

	// doctor with Postfix tools that print hostile text.
	bin := t.TempDir()
	fakes := map[string]string{
		"postconf":  "#!/bin/sh\ncase \"$1\" in -M) echo 'smtp inet n - y - - smtpd';; -h) ;; *) printf 'mail_version = 3.7%s\\n' \"$(printf '\\033]0;owned\\007\\302\\233\\342\\200\\256')\";; esac\n",
		"postqueue": "#!/bin/sh\nprintf 'postqueue: fatal: \\033[2J\\342\\200\\256\\177 nope\\n' >&2\nexit 1\n",
		"postmulti": "#!/bin/sh\nprintf -- '-  -  y  /etc/postfix\\nout\\033[31m  mta  y  /etc/postfix-\\302\\233out\\n'\n",
	}
	for name, script := range fakes {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+":/usr/bin:/bin")
	var out, errb bytes.Buffer
	run([]string{"doctor"}, nil, &out, &errb)
	if bad := rawControls(out.String() + errb.String()); len(bad) > 0 {
		t.Errorf("doctor: raw %q in output:\n%s", bad, out.String())
	}
	for _, want := range []string{"Postfix 3.7^[]0;owned^G", "fatal: ^[[2J", "out^[[31m=/etc/postfix-"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out.String())
		}
	}
}

// mxtop serve warns before it listens anywhere but loopback without a
// password, and only for an address it can listen on: a port out of range
// is a usage error with no warning before it. The exposed address is one
// of the documentation range, which no interface here has, so nothing is
// ever bound: the warning comes first, then the listen fails.
func TestServeWarnsWhenExposed(t *testing.T) {
	lab := "testdata/lab/"
	offline := []string{"--log", lab + "postfix-lab.log", "--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt", "--queue", lab + "postqueue-j.jsonl"}
	var out, errb bytes.Buffer
	for _, addr := range []string{":99999", "127.0.0.1:99999", "bad host:9155"} {
		errb.Reset()
		code := run(append([]string{"serve", "--listen", addr}, offline...), nil, &out, &errb)
		if code != 2 || strings.Contains(errb.String(), "warning") || !strings.Contains(errb.String(), addr) {
			t.Errorf("--listen %s: exit %d, stderr:\n%s", addr, code, errb.String())
		}
	}
	errb.Reset()
	if code := run([]string{"--metrics-listen", ":99999", "--log", os.DevNull}, nil, &out, &errb); code != 2 || strings.Contains(errb.String(), "warning") {
		t.Errorf("--metrics-listen :99999: exit %d, stderr:\n%s", code, errb.String())
	}
	const exposed = "192.0.2.1:9155"
	if l, err := net.Listen("tcp", exposed); err == nil {
		l.Close()
		t.Skip("this host binds " + exposed + ": the rest would serve on it")
	}
	errb.Reset()
	code := run(append([]string{"serve", "--listen", exposed}, offline...), nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "mxtop serve: warning: "+exposed+" is reachable from other hosts") ||
		!strings.Contains(errb.String(), "no interface of this host has that address") {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	if i, j := strings.Index(errb.String(), "warning"), strings.Index(errb.String(), "no interface"); i > j {
		t.Errorf("warned after listening:\n%s", errb.String())
	}
	// Basic auth from a web configuration: no warning.
	hash, _ := bcrypt.GenerateFromPassword([]byte("s3cret"), bcrypt.MinCost)
	cfg := filepath.Join(t.TempDir(), "web.yml")
	os.WriteFile(cfg, []byte("basic_auth_users:\n  prometheus: "+string(hash)+"\n"), 0o600)
	errb.Reset()
	if code := run(append([]string{"serve", "--listen", exposed, "--web.config.file", cfg}, offline...), nil, &out, &errb); code != 1 || strings.Contains(errb.String(), "warning") {
		t.Errorf("with basic auth: exit %d, stderr:\n%s", code, errb.String())
	}
}

// The live view's --metrics-listen takes the same web configuration as
// serve: a bad file is refused before anything starts, and basic auth
// silences the exposure warning.
func TestMetricsListenWebConfig(t *testing.T) {
	lab := "testdata/lab/"
	offline := []string{"--log", lab + "postfix-lab.log", "--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt", "--queue", lab + "postqueue-j.jsonl"}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yml")
	os.WriteFile(bad, []byte("tls_server_config:\n  cert_file: /nonexistent.pem\n"), 0o600)
	var out, errb bytes.Buffer
	code := run(append([]string{"--metrics-listen", "127.0.0.1:9155", "--web.config.file", bad}, offline...), nil, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "web configuration "+bad) || out.Len() != 0 {
		t.Fatalf("bad web configuration: exit %d, stdout %d bytes, stderr:\n%s", code, out.Len(), errb.String())
	}
	// An address of the documentation range, which no interface here has:
	// the warning is said (or not) before the listen fails, and nothing is
	// ever bound.
	const exposed = "192.0.2.1:9155"
	if l, err := net.Listen("tcp", exposed); err == nil {
		l.Close()
		t.Skip("this host binds " + exposed + ": the rest would serve on it")
	}
	out.Reset()
	errb.Reset()
	run(append([]string{"--metrics-listen", exposed}, offline...), nil, &out, &errb)
	if !strings.Contains(errb.String(), "warning: "+exposed+" is reachable") {
		t.Errorf("no exposure warning without auth:\n%s", errb.String())
	}
	hash, _ := bcrypt.GenerateFromPassword([]byte("s3cret"), bcrypt.MinCost)
	auth := filepath.Join(dir, "auth.yml")
	os.WriteFile(auth, []byte("basic_auth_users:\n  prometheus: "+string(hash)+"\n"), 0o600)
	errb.Reset()
	if code := run(append([]string{"--metrics-listen", exposed, "--web.config.file", auth}, offline...), nil, &out, &errb); code != 2 ||
		strings.Contains(errb.String(), "warning") || !strings.Contains(errb.String(), "no interface") {
		t.Errorf("with basic auth: exit %d, stderr:\n%s", code, errb.String())
	}
}

// Source flags that contradict each other are refused with a usage error
// that names them: each names where the log comes from (or which
// configuration to read), and silently dropping one reads another log
// than the one asked for. Standard input among named files was opened as
// a file called "-".
func TestContradictingSourceFlags(t *testing.T) {
	log := filepath.Join(t.TempDir(), "mail.log")
	if err := os.WriteFile(log, []byte("Nov 28 11:13:08 lab postfix/smtp[1]: warning: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	offline := []string{"--postconf", "testdata/lab/postconf-n.txt", "--queue", "testdata/lab/postqueue-j.jsonl"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--log", "-", "--log", log}, "standard input"},
		{[]string{"--log", log, "--log", "-"}, "standard input"},
		{[]string{"--log", log, "--journal"}, "--journal"},
		{[]string{"--log", log, "--journal-dir", t.TempDir()}, "--journal-dir"},
		{[]string{"--journal", "--docker", "mail"}, "--docker"},
		{[]string{"--log", log, "--since", "-2h"}, "-since"},
		{[]string{"--log", log, "--config-dir", t.TempDir(), "--instance", "out"}, "--instance"},
	} {
		for _, cmd := range [][]string{{"report"}, {}} {
			args := append(append(append([]string{}, cmd...), c.args...), offline...)
			var out, errb bytes.Buffer
			code := run(args, strings.NewReader("Nov 28 11:13:08 lab postfix/smtp[1]: warning: y\n"), &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), c.want) {
				t.Errorf("%v: exit %d, want 2 and an error naming %s; stderr: %s", args, code, c.want, errb.String())
			}
		}
	}
}

// A socket named as the log (/dev/log, syslog's input, is the likely
// one) says it is a socket and what to name instead, not "no such device
// or address".
func TestSocketAsLog(t *testing.T) {
	dir, err := os.MkdirTemp("", "mx") // a socket's path must be short
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "log")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip(err)
	}
	defer l.Close()
	for _, args := range [][]string{{"report", "--log", sock}, {"parse", sock}} {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb)
		if code != 1 || !strings.Contains(errb.String(), "is a socket, not a log file") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}

// A device that never ends (/dev/zero, /dev/urandom) named as the log is
// refused at once: report and parse read it until interrupted.
func TestEndlessDeviceAsLog(t *testing.T) {
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(dev); err != nil {
			t.Skip(err)
		}
		done := make(chan struct{})
		var code int
		var errb bytes.Buffer
		go func() {
			defer close(done)
			code = run([]string{"report", "--log", dev}, strings.NewReader(""), &bytes.Buffer{}, &errb)
			if code == 1 {
				code = run([]string{"parse", dev}, strings.NewReader(""), &bytes.Buffer{}, &errb)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("report --log %s still reading after 10 s", dev)
		}
		if code != 1 || !strings.Contains(errb.String(), "not a log file") {
			t.Errorf("report --log %s: exit %d, stderr %q", dev, code, errb.String())
		}
	}
	// /dev/null is an empty log, as before.
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--log", "/dev/null"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Errorf("report --log /dev/null: exit %d, stderr %q", code, errb.String())
	}
}
