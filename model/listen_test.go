package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestExposedListen(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:9155":        false,
		"127.0.0.53:9155":       false, // all of 127/8 is loopback
		"[::1]:9155":            false,
		"localhost:9155":        false,
		"[::ffff:127.0.0.1]:80": false,
		"0.0.0.0:9155":          true,
		":9155":                 true,
		"[::]:9155":             true,
		"192.0.2.10:9155":       true,
		"[2001:db8::1]:9155":    true,
		"mx.example.com:9155":   true, // a name may resolve anywhere
		"garbage":               true, // unparsable: assume the worst
	} {
		if got := ExposedListen(addr); got != want {
			t.Errorf("ExposedListen(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestExposureWarning(t *testing.T) {
	for _, addresses := range []bool{false, true} {
		w := ExposureWarning("0.0.0.0:9155", addresses)
		for _, want := range []string{"0.0.0.0:9155", "/report.json", "log lines", "without authentication", "127.0.0.1", "--web.config.file"} {
			if !strings.Contains(w, want) {
				t.Errorf("warning lacks %q: %s", want, w)
			}
		}
		if strings.Contains(w, "recipient addresses") != addresses || strings.Contains(w, "redacted") == addresses {
			t.Errorf("--report-addresses %v: %s", addresses, w)
		}
	}
}

// Only basic auth users make a web configuration ask for a password: TLS
// alone lets anyone read.
func TestAsksPassword(t *testing.T) {
	dir := t.TempDir()
	hash, _ := bcrypt.GenerateFromPassword([]byte("s3cret"), bcrypt.MinCost)
	auth := filepath.Join(dir, "auth.yml")
	os.WriteFile(auth, []byte("basic_auth_users:\n  prometheus: "+string(hash)+"\n"), 0o600)
	tlsOnly := filepath.Join(dir, "tls.yml")
	os.WriteFile(tlsOnly, []byte("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n"), 0o600)
	for path, want := range map[string]bool{"": false, auth: true, tlsOnly: false, filepath.Join(dir, "missing.yml"): false} {
		if got := AsksPassword(path); got != want {
			t.Errorf("AsksPassword(%q) = %v, want %v", path, got, want)
		}
	}
}
