package model

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"

	"mxtop/analyzers"
	"mxtop/sources"
)

// A port already taken is said as such, with what to do, whether bound
// ahead (Listen, as mxtop serve and --metrics-listen do) or by Serve; a
// bound listener is served.
func TestServeSaysThePortIsTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = Listen(l.Addr().String())
	if err == nil {
		t.Fatal("bound a port already taken")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "cannot listen on "+l.Addr().String()+": another program has that port") || !strings.Contains(msg, "another port (e.g. 127.0.0.1:") {
		t.Errorf("error %q", msg)
	}
	// Serve binding for itself says the same.
	err = Serve(ServeOptions{Addr: l.Addr().String()}, &Shared{}, make(chan struct{}))
	if !errors.As(err, new(ListenError)) || !strings.Contains(err.Error(), "another program has that port") {
		t.Errorf("Serve on a port taken: %v", err)
	}

	free, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- Serve(ServeOptions{Addr: free.Addr().String(), Listener: free}, &Shared{Eng: analyzers.NewEngine(0), States: map[string]sources.SourceState{}}, stop)
	}()
	resp, err := http.Get("http://" + free.Addr().String() + "/metrics")
	if err != nil {
		t.Fatalf("a bound listener is not served: %v", err)
	}
	resp.Body.Close()
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A listen address is checked for what it is before anything is said of
// it: a port from 1 to 65535 and a host that is empty, an IP address or a
// well-formed name. A name is never looked up to check it.
func TestCheckListenValidates(t *testing.T) {
	for _, addr := range []string{":99999", "127.0.0.1:65536", "0.0.0.0:0", ":-1", ":+80", ":http", "127.0.0.1:", "bad host:9155",
		"under_score.example:9155", "-lead.example:9155", "a..b:9155", "[::1%]:9155", "999.1.1.1:9155", "nonsense"} {
		if err := CheckListen(addr, true); err == nil {
			t.Errorf("%q accepted", addr)
		}
	}
	for _, addr := range []string{":9155", "127.0.0.1:1", "[::1]:65535", "0.0.0.0:9155", "localhost:9155",
		"mx.does-not-resolve.invalid:9155", "[fe80::1%eth0]:9155"} {
		if err := CheckListen(addr, true); err != nil {
			t.Errorf("%q: %v", addr, err)
		}
	}
	if err := CheckListen(":99999", true); err == nil || !strings.Contains(err.Error(), "1 to 65535") {
		t.Errorf("the port range is not said: %v", err)
	}
}
