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
	if msg := err.Error(); !strings.HasPrefix(msg, "cannot listen on "+l.Addr().String()+": another program has that port") || !strings.Contains(msg, "--listen") {
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
