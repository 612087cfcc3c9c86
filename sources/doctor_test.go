package sources

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"mxtop/sources/sourcestest"
)

func TestDoctorSaysWhatItFound(t *testing.T) {
	n, _ := os.ReadFile("../testdata/lab/postconf-n.txt")
	m, _ := os.ReadFile("../testdata/lab/postconf-M.txt")
	j, _ := os.ReadFile("../testdata/lab/postqueue-j.jsonl")
	dir := t.TempDir()
	logFile := dir + "/postfix.log"
	os.WriteFile(logFile, []byte("x\n"), 0o600)
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"postconf -h maillog_file": logFile + "\n",
		"postconf":                 string(n) + "mail_version = 3.7.11\n",
		"postconf -n":              string(n),
		"postconf -M":              string(m),
		"postqueue -j":             string(j),
	}}
	var b strings.Builder
	// The machine is this host's: its readings may fail (no Postfix
	// running here), so only the lines of the fakes are checked.
	Doctor(context.Background(), fx, "", &b)
	out := b.String()
	for _, want := range []string{"chosen (postconf maillog_file)", "Postfix 3.7.11", "postqueue -j: 57 messages queued", "[ok  ] log"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	// The usual log files may exist on the test host: only the
	// command-based findings are checked here.
	Doctor(context.Background(), &sourcestest.FakeExec{}, "", &b)
	if !strings.Contains(b.String(), "[FAIL] postqueue  postqueue not found") {
		t.Errorf("missing postqueue not explained:\n%s", b.String())
	}
	// The log found but postqueue failing: a FAIL line is a failure, as
	// the manual says (exit 1).
	b.Reset()
	delete(fx.Outputs, "postqueue -j")
	fx.Errors = map[string]error{"postqueue -j": errors.New("exit status 69")}
	if Doctor(context.Background(), fx, "", &b) {
		t.Errorf("doctor succeeded with a FAIL line:\n%s", b.String())
	}
}

// With postconf, postqueue, postmulti and journalctl all hanging, doctor
// costs about one timeout (at most two: the log detection asks postconf,
// then journalctl), not one per command.
func TestDoctorProbesConcurrently(t *testing.T) {
	hangingTools(t)
	var b strings.Builder
	start := time.Now()
	Doctor(context.Background(), OSExec{Timeout: 500 * time.Millisecond}, "", &b)
	took := time.Since(start)
	out := b.String()
	// One after the other: detection 0.5-1 s, postconf, postmulti and
	// postqueue 0.5 s each, so at least 2 s.
	if took > 1500*time.Millisecond {
		t.Errorf("doctor took %v with every command hanging for 500 ms:\n%s", took, out)
	}
	for _, want := range []string{"[FAIL] postconf   postconf -d -h config_directory: timed out after", "[FAIL] instances  postmulti -l: timed out after", "[FAIL] postqueue  postqueue -j: timed out after"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
}

// What postconf, postmulti and postqueue print is attacker-reachable (a
// parameter value, an instance name, an error): doctor prints none of its
// terminal controls raw.
func TestDoctorSanitisesCommandOutput(t *testing.T) {
	n, _ := os.ReadFile("../testdata/lab/postconf-n.txt")
	m, _ := os.ReadFile("../testdata/lab/postconf-M.txt")
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"postconf -h maillog_file": "/nonexistent/\x1b[2Jmail\u202elog\n",
		"postconf":                 string(n) + "mail_version = 3.7\x1b]0;owned\x07\u009b31m\u202e\u2066x\n",
		"postconf -n":              string(n),
		"postconf -M":              string(m),
		"postmulti -l":             "-  -  y  /etc/postfix\nout\x1b[31m  mta  y  /etc/postfix-\u009bout\n",
	}, Errors: map[string]error{"postqueue -j": errors.New("postqueue -j: postqueue: fatal: \x1b[2J\u202e\x7fboom\x9b")}}
	var b strings.Builder
	Doctor(context.Background(), fx, "", &b)
	out := b.String()
	if bad := rawTerminalControls(out); len(bad) > 0 {
		t.Errorf("raw %q reached the terminal:\n%s", bad, out)
	}
	for _, want := range []string{"Postfix 3.7^[]0;owned^G", "out^[[31m=/etc/postfix-\uFFFDout", "/nonexistent/^[[2Jmail\uFFFDlog", "fatal: ^[[2J\uFFFD^?boom"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
}

// Doctor fails a postconf that prints garbage, and offers none of it as
// the place of the log.
func TestDoctorFailsPostconfThatPrintsGarbage(t *testing.T) {
	fakePostconf(t, "printf '"+garbage+"'\n")
	var b strings.Builder
	Doctor(context.Background(), OSExec{}, "", &b)
	out := b.String()
	if !strings.Contains(out, `[FAIL] postconf   postconf printed no mail_version (first line "as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3FhJkEg5VdSi6UoXr"): not Postfix's postconf`) {
		t.Errorf("garbage postconf not failed:\n%s", out)
	}
	if !strings.Contains(out, `log place  postconf -h maillog_file: rejected: printed "as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3FhJkEg5VdSi6UoXr\n+Wq/Bz8NlMa0Ct7yDe2Gf\nKp3Hs9Jd0Lq=…", not an absolute path: not Postfix's postconf`) {
		t.Errorf("maillog_file's garbage not explained:\n%s", out)
	}
	if strings.Contains(out, "log place  as7a") {
		t.Errorf("garbage offered as a log place:\n%s", out)
	}
}

// A relative maillog_file is no place to look for the log: mxtop's working
// directory is not Postfix's.
func TestDetectLogRefusesRelativeMaillogFile(t *testing.T) {
	var opened []string
	fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -h maillog_file": "postfix.log\n"}}
	d, _ := DetectLog(context.Background(), fx, "", noAge(func(p string) error { opened = append(opened, p); return os.ErrNotExist }), nil)
	if len(opened) > 0 && opened[0] == "postfix.log" {
		t.Errorf("opened %v", opened)
	}
	if len(d.Tried) == 0 || d.Tried[0].Place != "postconf -h maillog_file" || d.Tried[0].Why != `printed "postfix.log", not an absolute path: not Postfix's postconf` {
		t.Errorf("tried %+v", d.Tried)
	}
}

// doctor --config-dir DIR looks for that instance's log: its own
// maillog_file, not the default instance's.
func TestDoctorLooksForTheInstancesLog(t *testing.T) {
	dir := t.TempDir()
	own, other := dir+"/out.log", dir+"/default.log"
	os.WriteFile(own, []byte("x\n"), 0o600)
	os.WriteFile(other, []byte("x\n"), 0o600)
	fx := &sourcestest.FakeExec{Outputs: map[string]string{
		"postconf -h maillog_file":                     other + "\n",
		"postconf -c /etc/postfix-out -h maillog_file": own + "\n",
	}}
	var b strings.Builder
	Doctor(context.Background(), fx, "/etc/postfix-out", &b)
	if out := b.String(); !strings.Contains(out, own+": chosen") || strings.Contains(out, other) {
		t.Errorf("not the instance's log:\n%s", out)
	}
}
