package sources

import (
	"context"
	"os"
	"strings"
	"testing"

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
	if !Doctor(context.Background(), fx, "", &b) {
		t.Fatalf("log not found:\n%s", b.String())
	}
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
}
