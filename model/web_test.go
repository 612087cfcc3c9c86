package model

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mxtop/sources/sourcestest"
)

// selfSigned writes a certificate for 127.0.0.1 and its key into dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mxtop test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// serveLab serves the lab engine with o until the test ends.
func serveLab(t *testing.T, o ServeOptions) {
	t.Helper()
	m := labModel(t)
	sh := &Shared{Eng: m.Engine()}
	sh.Tick(labEnd)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- Serve(o, sh, stop) }()
	t.Cleanup(func() {
		close(stop)
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

// TLS and basic auth from a Prometheus web configuration file, over
// loopback.
func TestServeTLSAndBasicAuth(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	hash, err := bcrypt.GenerateFromPassword([]byte("s3cret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "web.yml")
	os.WriteFile(cfg, []byte("tls_server_config:\n  cert_file: "+certFile+"\n  key_file: "+keyFile+
		"\nbasic_auth_users:\n  prometheus: "+string(hash)+"\n"), 0o600)
	addr := freeLoopback(t)
	serveLab(t, ServeOptions{Addr: addr, WebConfigFile: cfg})

	// An unknown user costs a full bcrypt comparison (slow under -race).
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	get := func(scheme, path, user, pass string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", scheme+"://"+addr+path, nil)
		if user != "" {
			req.SetBasicAuth(user, pass)
		}
		var resp *http.Response
		var err error
		for i := 0; i < 50; i++ {
			if resp, err = client.Do(req); err == nil || !strings.Contains(err.Error(), "refused") {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("https", "/metrics", "prometheus", "s3cret"); code != 200 || !strings.Contains(body, "postfix_smtpd_connects_total") {
		t.Fatalf("with the password: %d %.200s", code, body)
	}
	for _, c := range [][2]string{{"", ""}, {"prometheus", "wrong"}, {"other", "s3cret"}} {
		for _, path := range []string{"/metrics", "/report.json"} {
			if code, body := get("https", path, c[0], c[1]); code != http.StatusUnauthorized {
				t.Errorf("%s as %q/%q: %d %.200s", path, c[0], c[1], code, body)
			}
		}
	}
	if code, body := get("http", "/metrics", "prometheus", "s3cret"); code == 200 {
		t.Errorf("plain HTTP answered: %.200s", body)
	}
	// A client that does not trust the certificate does not connect.
	plain := &http.Client{Timeout: 5 * time.Second}
	if resp, err := plain.Get("https://" + addr + "/metrics"); err == nil {
		resp.Body.Close()
		t.Error("an unknown certificate was accepted")
	}
}

func TestServeRefusesBadWebConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "web.yml")
	os.WriteFile(cfg, []byte("tls_server_config:\n  cert_file: /nonexistent/cert.pem\n  key_file: /nonexistent/key.pem\n"), 0o600)
	err := Serve(ServeOptions{Addr: freeLoopback(t), WebConfigFile: cfg}, &Shared{}, make(chan struct{}))
	if err == nil || !strings.Contains(err.Error(), "web.yml") {
		t.Fatalf("err = %v", err)
	}
	if err := CheckWebConfig(filepath.Join(dir, "missing.yml")); err == nil {
		t.Fatal("a missing configuration file passed")
	}
}

// /report.json redacts local parts unless asked for whole addresses.
func TestReportRedactsAddresses(t *testing.T) {
	for _, whole := range []bool{false, true} {
		addr := freeLoopback(t)
		serveLab(t, ServeOptions{Addr: addr, ReportAddresses: whole})
		var body string
		for i := 0; i < 50; i++ {
			var err error
			if body, err = getText("http://" + addr + "/report.json"); err == nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		has := strings.Contains(body, "user@greylist.example") || strings.Contains(body, "user@ratelimited.example")
		if whole != has {
			t.Errorf("report addresses %v: local parts there %v\n%.600s", whole, has, body)
		}
		if !whole && !strings.Contains(body, "*@") {
			t.Errorf("nothing redacted:\n%.600s", body)
		}
	}
}

func TestRedactAddresses(t *testing.T) {
	for in, want := range map[string]string{
		"to=<15user@ratelimited.example>, orig_to=<a.b+c@x.example>": "to=<*@ratelimited.example>, orig_to=<*@x.example>",
		"sasl_username=jo@example.org":                               "sasl_username=*@example.org",
		"from=<>, status=sent":                                       "from=<>, status=sent",
		"<jo@x.example>: Recipient rejected":                         "<*@x.example>: Recipient rejected",
		"a @ b, x@ y, @z, trailing@":                                 "a @ b, x@ y, @z, trailing@",
		"mail from MAILER-DAEMON":                                    "mail from MAILER-DAEMON",
		"\"john smith\"@x.example é@x.example":                       "*@x.example *@x.example",
		// Address literals (RFC 5321 4.1.3) are domains too.
		"to=<alice.s@[192.0.2.10]>, orig_to=<b@[IPv6:2001:db8::1]>": "to=<*@[192.0.2.10]>, orig_to=<*@[IPv6:2001:db8::1]>",
		// '=' belongs to a local part: SRS and VERP addresses carry the
		// original sender or recipient before their last '='. A log
		// field's name before one is not part of the address.
		"SRS0=HhJk=TT=orig.example=john.doe@fwd.example":           "*@fwd.example",
		"bounces+1234-jane.roe=example.net@em.example":             "*@em.example",
		"alice=secret@beta.example, sasl_username=bob=x@y.example": "*@beta.example, sasl_username=*@y.example",
		"sasl_sender=a=b@x.example from=c@x.example":               "sasl_sender=*@x.example from=*@x.example",
	} {
		if got := RedactAddresses(in); got != want {
			t.Errorf("RedactAddresses(%q) = %q, want %q", in, got, want)
		}
	}
}

// A TLS web configuration broken while serving (edited into bad YAML)
// fails every handshake; the log says why, at warning level. The reason
// went to the debug level only, and serve logs from warnings up.
func TestServeSaysWhyHandshakesFail(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	cfg := filepath.Join(dir, "web.yml")
	os.WriteFile(cfg, []byte("tls_server_config:\n  cert_file: "+certFile+"\n  key_file: "+keyFile+"\n"), 0o600)
	var logged sourcestest.SyncBuffer
	addr := freeLoopback(t)
	serveLab(t, ServeOptions{Addr: addr, WebConfigFile: cfg, Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	var err error
	for i := 0; i < 50; i++ {
		var resp *http.Response
		if resp, err = client.Get("https://" + addr + "/metrics"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(cfg, []byte("tls_server_config: [not: yaml\n"), 0o600)
	client.CloseIdleConnections()
	if resp, err := client.Get("https://" + addr + "/metrics"); err == nil {
		resp.Body.Close()
		t.Fatal("served with a broken configuration")
	}
	for i := 0; i < 50 && !strings.Contains(logged.String(), "level=WARN"); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if got := logged.String(); !strings.Contains(got, "level=WARN") || !strings.Contains(got, "handshake") {
		t.Errorf("logged %q", got)
	}
}

// Stopping the server lets a scrape it has begun finish: SIGTERM reset
// the connections of scrapes in flight ("Empty reply from server").
func TestServeStopFinishesScrapesInFlight(t *testing.T) {
	m := labModel(t)
	sh := &Shared{Eng: m.Engine()}
	sh.Tick(labEnd)
	addr := freeLoopback(t)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- Serve(ServeOptions{Addr: addr}, sh, stop) }()
	for i := 0; i < 50; i++ {
		if resp, err := http.Get("http://" + addr + "/metrics"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	sh.Lock() // the next scrape waits for the engine
	got := make(chan error, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode != 200 {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
		}
		got <- err
	}()
	time.Sleep(200 * time.Millisecond) // the scrape is in the handler
	close(stop)
	time.Sleep(100 * time.Millisecond)
	sh.Unlock()
	if err := <-got; err != nil {
		t.Errorf("the scrape in flight: %v", err)
	}
	if err := <-done; err != nil {
		t.Error(err)
	}
}
