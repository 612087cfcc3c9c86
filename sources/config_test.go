package sources

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mxtop/sources/sourcestest"
)

func labConfig(t *testing.T) *Config {
	t.Helper()
	cfg, err := (&ConfigReader{PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt"}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestConfigFromLabFiles(t *testing.T) {
	cfg := labConfig(t)
	if v, _ := cfg.Int("smtp_destination_concurrency_limit"); v != 20 {
		t.Errorf("smtp_destination_concurrency_limit %d", v)
	}
	if !cfg.IsExplicit("initial_destination_concurrency") || cfg.IsExplicit("default_process_limit") {
		t.Error("explicit set wrong")
	}
	// Not in the file: the built-in default, with $references expanded.
	if v, _ := cfg.Int("postscreen_pre_queue_limit"); v != 100 {
		t.Errorf("postscreen_pre_queue_limit %d, want 100 via $default_process_limit", v)
	}
	if s, _ := cfg.Seconds("minimal_backoff_time"); s != 20 {
		t.Errorf("minimal_backoff_time %d", s)
	}
	smtp, ok := cfg.Service("smtp", "inet")
	if !ok || smtp.MaxProc != 5 || smtp.Command != "smtpd" || smtp.Options["smtpd_client_connection_count_limit"] != "3" {
		t.Fatalf("smtp/inet %+v", smtp)
	}
	if _, ok := smtp.Options["smtpd_client_event_limit_exceptions"]; !ok {
		t.Error("empty -o value lost")
	}
	out, ok := cfg.Service("smtp", "unix")
	if !ok || out.MaxProc != 100 || out.MaxProcRaw != "-" {
		t.Fatalf("smtp/unix %+v", out)
	}
	if cfg.HasTLSProxy() {
		t.Error("lab has no tlsproxy")
	}
	var names []string
	for _, s := range cfg.DeliveryTransports() {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); !strings.Contains(got, "slow") || !strings.Contains(got, "smtp") || !strings.Contains(got, "lmtp") {
		t.Errorf("transports %s", got)
	}
	if cfg.DestinationConcurrencyLimit("slow") != 20 {
		t.Errorf("slow limit %d", cfg.DestinationConcurrencyLimit("slow"))
	}
}

func TestParseMasterCf(t *testing.T) {
	in := `# comment
smtp      inet  n       -       y       -       -       smtpd
#tlsproxy  unix  -       -       y       -       0       tlsproxy
submission inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
tlsproxy  unix  -       -       y       -       0       tlsproxy
slow      unix  -       -       y       -       10      smtp -o smtp_helo_timeout=5
`
	svcs, err := ParseMaster(strings.NewReader(in), 150)
	if err != nil {
		t.Fatal(err)
	}
	if len(svcs) != 4 {
		t.Fatalf("%d services", len(svcs))
	}
	if svcs[0].MaxProc != 150 || svcs[1].Options["syslog_name"] != "postfix/submission" || svcs[1].Options["smtpd_tls_security_level"] != "encrypt" {
		t.Fatalf("%+v", svcs[:2])
	}
	if svcs[2].Command != "tlsproxy" || svcs[2].MaxProc != 0 || svcs[3].MaxProc != 10 {
		t.Fatalf("%+v", svcs[2:])
	}
}

func TestConfigFromPostconf(t *testing.T) {
	n, _ := os.ReadFile("../testdata/lab/postconf-n.txt")
	m, _ := os.ReadFile("../testdata/lab/postconf-M.txt")
	full := string(n) + "default_process_limit = 100\nmail_version = 3.7.11\nslow_destination_concurrency_limit = $default_destination_concurrency_limit\n"
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf": full, "postconf -n": string(n), "postconf -M": string(m)}}
	cfg, err := (&ConfigReader{Exec: fx}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Get("mail_version") != "3.7.11" || cfg.DestinationConcurrencyLimit("slow") != 20 || len(cfg.Services) < 20 {
		t.Fatalf("version %q slow %d services %d", cfg.Get("mail_version"), cfg.DestinationConcurrencyLimit("slow"), len(cfg.Services))
	}
	rel := strings.Join(cfg.Relevant(), " ")
	if !strings.Contains(rel, "slow_destination_concurrency_limit") {
		t.Errorf("relevant lacks the slow transport: %s", rel)
	}

	_, err = (&ConfigReader{Exec: &sourcestest.FakeExec{}}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "postconf not found") {
		t.Fatalf("missing postconf: %v", err)
	}

	// -c DIR for another instance.
	fx2 := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -c /etc/postfix-out": full, "postconf -c /etc/postfix-out -n": string(n), "postconf -c /etc/postfix-out -M": string(m)}}
	if _, err := (&ConfigReader{Exec: fx2, ConfigDir: "/etc/postfix-out"}).Read(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestListInstances(t *testing.T) {
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postmulti -l": "-               -               y         /etc/postfix\npostfix-out     mta             y         /etc/postfix-out\n"}}
	list, err := ListInstances(context.Background(), fx)
	if err != nil || len(list) != 2 || list[0].Name != "main" || list[1].ConfigDir != "/etc/postfix-out" {
		t.Fatalf("%v %+v", err, list)
	}
	// Another program's output (a shim, a wrapper printing its banner)
	// is no list of instances: lines whose third field is no y/n or
	// whose fourth is no absolute path are none, and output with none
	// at all is an error, not instances named after its words.
	fx.Outputs["postmulti -l"] = "usage: foo bar baz qux\nrandom words on a line here\n"
	if list, err := ListInstances(context.Background(), fx); err == nil || err.Error() != `postmulti -l printed no instance line (first line "usage: foo bar baz qux"): not Postfix's postmulti` {
		t.Errorf("garbage: %v %+v", err, list)
	}
	fx.Outputs["postmulti -l"] = ""
	if list, err := ListInstances(context.Background(), fx); err != nil || len(list) != 0 {
		t.Errorf("nothing printed: %v %+v", err, list)
	}
}

func TestRunConfigRereadsOnReload(t *testing.T) {
	n, _ := os.ReadFile("../testdata/lab/postconf-n.txt")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf": string(n) + "mail_version = 3.7.11\n", "postconf -n": string(n), "postconf -M": ""}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reload := make(chan struct{})
	out := make(chan ConfigEvent)
	go RunConfig(ctx, &ConfigReader{Exec: fx}, nil, time.Hour, reload, out)
	if ev := <-out; ev.State.Health != HealthOK {
		t.Fatalf("%+v", ev.State)
	}
	reload <- struct{}{}
	select {
	case ev := <-out:
		if ev.Config == nil {
			t.Fatal("no config after reload")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no re-read after reload")
	}
	cancel()
	for range out {
	}
}

func TestParsePostfixTime(t *testing.T) {
	for in, want := range map[string]int{"300s": 300, "5d": 432000, "2h": 7200, "60": 60, "1w": 604800, "10m": 600} {
		if got, ok := ParsePostfixTime(in); !ok || got != want {
			t.Errorf("%s: %d %v", in, got, ok)
		}
	}
	if _, ok := ParsePostfixTime("x"); ok {
		t.Error("x parsed")
	}
}

// A reading the caller already made is reported first, not read again.
func TestRunConfigReportsFirstReading(t *testing.T) {
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf": "a = 1\nmail_version = 3.7.11\n", "postconf -n": "", "postconf -M": ""}}
	cr := &ConfigReader{Exec: fx}
	first := cr.Event(context.Background())
	calls := len(fx.Calls)
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan ConfigEvent)
	go RunConfig(ctx, cr, &first, time.Hour, nil, out)
	ev := <-out
	if ev.Config == nil || ev.Config.Get("a") != "1" || len(fx.Calls) != calls {
		t.Fatalf("first event %+v; postconf run %d more times", ev.State, len(fx.Calls)-calls)
	}
	cancel()
	for range out {
	}
}

// A saved file given for postconf's or postconf -M's output that holds none
// (a log, binary) is an error naming it, not a configuration of nothing
// reported as read.
func TestConfigFilesThatAreNotConfiguration(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "mail.log")
	if err := os.WriteFile(junk, []byte("Nov 28 10:00:00 h postfix/qmgr[1]: ABCDEF1234: removed\n\x00\xff\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lab := "../testdata/lab/"
	if _, err := (&ConfigReader{PostconfFile: junk, MasterFile: lab + "postconf-M.txt"}).Read(context.Background()); err == nil || err.Error() != junk+`: no "name = value" line: not postconf output` {
		t.Errorf("postconf file: err %v", err)
	}
	if _, err := (&ConfigReader{PostconfFile: lab + "postconf-n.txt", MasterFile: junk}).Read(context.Background()); err == nil || err.Error() != junk+": no service line: not postconf -M output or a master.cf" {
		t.Errorf("master file: err %v", err)
	}
}

// fakePostconf puts on PATH (alone) a postconf script that prints what
// body prints for each of its command lines ($* is the arguments).
func fakePostconf(t *testing.T, body string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "postconf"), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
}

// garbage is what a postconf that is not Postfix's might print: base64,
// one line of which ends in padding and so reads as "name = value".
const garbage = "as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3FhJkEg5VdSi6UoXr\n+Wq/Bz8NlMa0Ct7yDe2Gf\nKp3Hs9Jd0Lq==\n"

// A postconf that prints something other than Postfix's parameters is an
// error saying so, not a configuration of nothing in which every
// parameter takes its default.
func TestConfigFromPostconfThatPrintsGarbage(t *testing.T) {
	m, _ := os.ReadFile("../testdata/lab/postconf-M.txt")
	mfile := filepath.Join(t.TempDir(), "postconf-M.txt")
	os.WriteFile(mfile, m, 0o600)
	cases := []struct {
		name, script, want string
	}{
		{"all garbage", "printf '" + garbage + "'\n",
			`postconf printed no mail_version (first line "as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3FhJkEg5VdSi6UoXr"): not Postfix's postconf`},
		{"empty", "exit 0\n", `postconf printed nothing: not Postfix's postconf`},
		{"garbage -n", "case \"$*\" in -n) printf '+Wq/Bz8N\\n';; -M) /bin/cat " + mfile + ";; *) echo 'mail_version = 3.7.11';; esac\n",
			`postconf -n printed no "name = value" line (first line "+Wq/Bz8N"): not Postfix's postconf`},
		{"garbage -M", "case \"$*\" in -M) printf '" + garbage + "';; *) echo 'mail_version = 3.7.11';; esac\n",
			`postconf -M printed no service line (first line "as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3FhJkEg5VdSi6UoXr"): not Postfix's postconf`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fakePostconf(t, c.script)
			cfg, err := (&ConfigReader{Exec: OSExec{}}).Read(context.Background())
			if err == nil || err.Error() != c.want {
				t.Fatalf("err %v, want %s; config %+v", err, c.want, cfg)
			}
			ev := (&ConfigReader{Exec: OSExec{}}).Event(context.Background())
			if ev.Config != nil || ev.State.Health != HealthUnavailable || ev.State.Detail != c.want {
				t.Errorf("event %+v", ev.State)
			}
		})
	}
	// The real thing, -n empty (nothing set in main.cf) and all: read.
	fakePostconf(t, "case \"$*\" in -n) ;; -M) /bin/cat "+mfile+";; *) echo 'mail_version = 3.7.11';; esac\n")
	if cfg, err := (&ConfigReader{Exec: OSExec{}}).Read(context.Background()); err != nil || cfg.Get("mail_version") != "3.7.11" || len(cfg.Services) == 0 {
		t.Fatalf("err %v, config %+v", err, cfg)
	}
}

// Expanded gives up, rather than guess or loop, on a value it cannot
// expand as Postfix would: an unclosed or conditional reference, an
// unknown parameter, a '$' with no name, a reference to itself.
func TestExpandedRefusesWhatItCannotExpand(t *testing.T) {
	params := map[string]string{
		"mydomain": "example.org", "loop": "$loop", "a": "x@$b", "b": "$a",
		"unclosed": "postmaster@${mydomain", "cond": "${mydomain?yes}", "unknown": "p@$no_such_parameter",
		"bare": "p@$", "fine": "postmaster@${mydomain}",
	}
	cfg := &Config{Params: params, Explicit: params}
	for _, name := range []string{"loop", "a", "unclosed", "cond", "unknown", "bare"} {
		if v, ok := cfg.Expanded(name); ok {
			t.Errorf("Expanded(%s) = %q, want a refusal", name, v)
		}
	}
	if v, ok := cfg.Expanded("fine"); !ok || v != "postmaster@example.org" {
		t.Errorf("Expanded(fine) = %q, %v", v, ok)
	}
}

// master.cf's chroot column: "-" is the default, which master_ent.c makes
// y below compatibility_level 1 (and before Postfix 3.0, which had no
// level) and n from level 1 on.
func TestServiceChrootedByDefault(t *testing.T) {
	for _, c := range []struct {
		main, column string
		want         bool
	}{
		{"mail_version = 3.7.11\ncompatibility_level = 3.6\n", "y", true},
		{"mail_version = 3.7.11\ncompatibility_level = 3.6\n", "n", false},
		{"mail_version = 3.7.11\ncompatibility_level = 3.6\n", "-", false},
		{"mail_version = 3.4.14\ncompatibility_level = 2\n", "-", false},
		{"mail_version = 3.4.14\ncompatibility_level = 0\n", "-", true},
		{"mail_version = 3.4.14\n", "-", true}, // level 0 by default
		{"mail_version = 2.10.1\n", "-", true},
		{"mail_version = 2.10.1\ncompatibility_level = 2\n", "-", true}, // 2.x reads no level
		{"compatibility_level = 1\n", "-", false},
	} {
		params, _ := ParseParams(strings.NewReader(c.main))
		svcs, _ := ParseMaster(strings.NewReader("smtp unix - - "+c.column+" - - smtp\n"), 100)
		cfg := &Config{Params: params, Explicit: params, Services: svcs}
		if got := cfg.Chrooted(svcs[0]); got != c.want {
			t.Errorf("%q with chroot column %s: chrooted %v, want %v", c.main, c.column, got, c.want)
		}
	}
}

// A host whose Postfix has no main.cf (a package installed without a
// configuration): postconf would stop with a fatal error after its second
// of sleep. The configuration directory postconf names (or MAIL_CONFIG,
// or -c) is looked at first, and the answer says main.cf is missing
// without running postconf on it.
func TestConfigWithoutMainCF(t *testing.T) {
	empty := t.TempDir()
	marker := filepath.Join(t.TempDir(), "ran")
	fakePostconf(t, "case \"$*\" in '-d -h config_directory') echo "+empty+";; *) echo x > "+marker+"; exit 1;; esac\n")
	t.Setenv("MAIL_CONFIG", "")
	_, err := (&ConfigReader{Exec: OSExec{}}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "no main.cf in "+empty) {
		t.Fatalf("err %v, want one that says main.cf is missing", err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("postconf ran on a configuration directory without main.cf")
	}
	// -c DIR and MAIL_CONFIG name the directory themselves.
	if _, err := (&ConfigReader{Exec: OSExec{}, ConfigDir: empty}).Read(context.Background()); err == nil || !strings.Contains(err.Error(), "no main.cf in "+empty) {
		t.Errorf("-c: err %v", err)
	}
	t.Setenv("MAIL_CONFIG", empty)
	if _, err := (&ConfigReader{Exec: OSExec{}}).Read(context.Background()); err == nil || !strings.Contains(err.Error(), "no main.cf in "+empty) {
		t.Errorf("MAIL_CONFIG: err %v", err)
	}
	// With a main.cf there, postconf reads it as before.
	os.WriteFile(filepath.Join(empty, "main.cf"), nil, 0o644)
	t.Setenv("MAIL_CONFIG", "")
	(&ConfigReader{Exec: OSExec{}}).Read(context.Background())
	if _, err := os.Stat(marker); err != nil {
		t.Error("postconf did not run with main.cf in place")
	}
}

// The configuration directory postconf -d names does not change: a
// reader that reads again (the live view, every minute) asks for it once.
func TestConfigDirectoryAskedOnce(t *testing.T) {
	n, _ := os.ReadFile("../testdata/lab/postconf-n.txt")
	m, _ := os.ReadFile("../testdata/lab/postconf-M.txt")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"postconf -d -h config_directory": t.TempDir() + "\n",
		"postconf":                        string(n) + "mail_version = 3.7.11\n",
		"postconf -n":                     string(n),
		"postconf -M":                     string(m),
	}}
	t.Setenv("MAIL_CONFIG", "")
	cr := &ConfigReader{Exec: fx}
	for range 3 {
		cr.Read(context.Background())
	}
	asked := 0
	for _, c := range fx.Calls {
		if c == "postconf -d -h config_directory" {
			asked++
		}
	}
	if asked != 1 {
		t.Errorf("postconf -d asked %d times in 3 reads", asked)
	}
}

// A file that is no master.cf (a mail log named by mistake, random bytes)
// gives no services: a line counts as one only when its type, flags,
// wakeup and process limit are what master.cf allows. Services read from
// such a file would name limits no Postfix has.
func TestSavedFilesThatAreNotConfiguration(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mailLog := write("mail.log", `Nov 28 10:00:00 mx postfix/smtpd[1200]: connect from unknown[198.51.100.7]
Nov 28 10:00:01 mx postfix/smtp[1201]: 3F2A1C0B01: to=<a@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)
`)
	junk := write("junk", "s= j=\nx=1 qq\n\x01\x02=\xff\nzz= 9\n"+strings.Repeat("a b c d e f g h i\n", 3))
	long := write("long", strings.Repeat("x", 2<<20)+"\n")
	lab := "../testdata/lab/postconf-n.txt"
	for _, c := range []struct {
		postconf, master, want string
	}{
		{lab, mailLog, mailLog + ": no service line: not postconf -M output or a master.cf"},
		{lab, junk, junk + ": no service line: not postconf -M output or a master.cf"},
		{junk, "", junk + `: most lines are no "name = value": not postconf output`},
		{mailLog, "", mailLog + `: no "name = value" line: not postconf output`},
		{long, "", long + ": a line longer than 1 MiB: not postconf output"},
		{lab, long, long + ": a line longer than 1 MiB: not postconf -M output or a master.cf"},
	} {
		_, err := (&ConfigReader{PostconfFile: c.postconf, MasterFile: c.master}).Read(context.Background())
		if err == nil || err.Error() != c.want {
			t.Errorf("--postconf %s --master %s: error %v, want %s", filepath.Base(c.postconf), filepath.Base(c.master), err, c.want)
		}
	}
	// A master.cf with the stock forms of every field still reads.
	svcs, err := ParseMaster(strings.NewReader(`smtp inet n - y - - smtpd
pickup unix n - y 60 1 pickup
qmgr unix n - n 300? 1 qmgr
postlog unix-dgram n - n - 1 postlogd
cleanup fifo n - y - 0 cleanup
smtpd pass - - y - - smtpd
127.0.0.1:10025 inet n - n - - smtpd
`), 100)
	if err != nil || len(svcs) != 7 {
		t.Fatalf("%d services, %v", len(svcs), err)
	}
}

// In main.cf a line that starts with whitespace continues the parameter
// before it, across comment and blank lines, as Postfix reads it: a list
// of tables written one per line is the whole list, not its first line.
func TestParseParamsJoinsContinuationLines(t *testing.T) {
	params, err := ParseParams(strings.NewReader("  stray = 1\n" +
		"transport_maps = hash:/etc/postfix/transport,\n" +
		"    hash:/etc/postfix/transport.local\n" +
		"# local routes\n\n" +
		"\ttexthash:/etc/postfix/transport.txt\n" +
		"relayhost = [relay.example.net]\n" +
		"not a parameter\n" +
		"  more of it\n" +
		"mynetworks =\n" +
		"  127.0.0.0/8\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"transport_maps": "hash:/etc/postfix/transport, hash:/etc/postfix/transport.local texthash:/etc/postfix/transport.txt",
		"relayhost":      "[relay.example.net]",
		"mynetworks":     "127.0.0.0/8",
	}
	if len(params) != len(want) {
		t.Errorf("%d parameters, want %d: %q", len(params), len(want), params)
	}
	for k, v := range want {
		if params[k] != v {
			t.Errorf("%s = %q, want %q", k, params[k], v)
		}
	}
}
