package model

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// serveForTest serves sh on a loopback port with limits and returns its
// address; the server stops with the test.
func serveForTest(t *testing.T, sh *Shared, limits serveLimits) string {
	t.Helper()
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- Serve(ServeOptions{Addr: l.Addr().String(), Listener: l, limits: &limits}, sh, stop) }()
	t.Cleanup(func() {
		close(stop)
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return l.Addr().String()
}

// cutOff reports whether the server closes conn within limit: whatever
// it sends first, the read ends in EOF, not in the client's own deadline.
func cutOff(t *testing.T, conn net.Conn, limit time.Duration) bool {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(limit))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

// A client that sends half its headers and stalls, or keeps a connection
// open after its answer and sends nothing more, is cut off: neither holds
// a goroutine and its buffers for good.
func TestServeCutsOffSlowAndIdleClients(t *testing.T) {
	sh := &Shared{Eng: analyzers.NewEngine(0), States: map[string]sources.SourceState{}}
	limits := defaultServeLimits
	limits.readHeader, limits.read, limits.idle = 200*time.Millisecond, 400*time.Millisecond, 300*time.Millisecond
	addr := serveForTest(t, sh, limits)

	half, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer half.Close()
	io.WriteString(half, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sl")
	if !cutOff(t, half, 3*time.Second) {
		t.Error("a client stalled in its headers still holds its connection")
	}

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	idle.SetReadDeadline(time.Now().Add(3 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Close {
		t.Fatal("the server closed a kept-alive connection at once: nothing is left to time out")
	}
	if !cutOff(t, idle, 3*time.Second) {
		t.Error("an idle kept-alive connection is held for good")
	}
}

// The real limits are seconds, so that a scrape on a busy host still
// gets its answer, and every one is set.
func TestServeLimitsAreSeconds(t *testing.T) {
	l := defaultServeLimits
	for name, d := range map[string]time.Duration{"read header": l.readHeader, "read": l.read, "write": l.write, "idle": l.idle} {
		if d < time.Second || d > 5*time.Minute {
			t.Errorf("%s timeout %v", name, d)
		}
	}
	if l.write < 30*time.Second {
		t.Errorf("write timeout %v: a large /report.json to a slow client needs longer", l.write)
	}
	if l.reports < 1 {
		t.Errorf("%d /report.json builds at once", l.reports)
	}
}

// /report.json builds at most limits.reports reports at once; the
// requests beyond them are told to come back (503, Retry-After) at once
// rather than queued, and the ones within get their report.
func TestServeBoundsReportBuilds(t *testing.T) {
	sh := &Shared{Eng: analyzers.NewEngine(0), States: map[string]sources.SourceState{}}
	limits := defaultServeLimits
	limits.reports = 2
	addr := serveForTest(t, sh, limits)

	type result struct {
		code  int
		retry string
	}
	const asked = 5
	results := make(chan result, asked)
	sh.Lock() // the builds let in wait on it
	for range asked {
		go func() {
			resp, err := http.Get("http://" + addr + "/report.json")
			if err != nil {
				results <- result{}
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			results <- result{resp.StatusCode, resp.Header.Get("Retry-After")}
		}()
	}
	timeout := time.After(5 * time.Second)
	for range asked - limits.reports {
		select {
		case r := <-results:
			if r.code != http.StatusServiceUnavailable || r.retry == "" {
				t.Errorf("a report beyond the limit: status %d, Retry-After %q", r.code, r.retry)
			}
		case <-timeout:
			sh.Unlock()
			t.Fatal("the reports beyond the limit wait for the others")
		}
	}
	sh.Unlock()
	for range limits.reports {
		if r := <-results; r.code != http.StatusOK {
			t.Errorf("a report within the limit: status %d", r.code)
		}
	}
	resp, err := http.Get("http://" + addr + "/report.json")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a report once the others are done: %s", resp.Status)
	}
}
