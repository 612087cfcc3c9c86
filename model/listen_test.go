package model

import (
	"net"
	"strings"
	"testing"
)

// A port already taken is said as such, with what to do, and the address
// is not announced as served before the bind that fails.
func TestServeSaysThePortIsTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	announced := false
	err = Serve(ServeOptions{Addr: l.Addr().String(), Listening: func() { announced = true }}, &Shared{}, make(chan struct{}))
	if err == nil {
		t.Fatal("served on a port already taken")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "cannot listen on "+l.Addr().String()+": another program has that port") || !strings.Contains(msg, "--listen") {
		t.Errorf("error %q", msg)
	}
	if announced {
		t.Error("the address was announced before the bind failed")
	}

	stop := make(chan struct{})
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() {
		done <- Serve(ServeOptions{Addr: "127.0.0.1:0", Listening: func() { close(ready) }}, &Shared{}, stop)
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("no announcement on a free port: %v", err)
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
