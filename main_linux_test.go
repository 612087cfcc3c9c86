package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY returns a pseudo-terminal's master and slave.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("ptsname: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open pts: %v", err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// On a terminal that says TERM=dumb the live view, which switches screens
// and moves the cursor on every frame, gives way to the text report, and
// stderr says why.
func TestDumbTerminalPrintsReport(t *testing.T) {
	master, slave := openPTY(t)
	t.Setenv("TERM", "dumb")
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() {
		io.Copy(&screen, master)
		close(read)
	}()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run([]string{"--demo"}, strings.NewReader(""), slave, &errb) }()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the live view started on a dumb terminal")
	}
	slave.Close()
	master.SetReadDeadline(time.Now().Add(2 * time.Second))
	<-read
	out := screen.String()
	if strings.Contains(out, "\x1b[?1049h") || strings.Contains(out, "\x1b[H") {
		t.Fatalf("escape sequences on a dumb terminal: %q", out[:min(len(out), 200)])
	}
	if !strings.Contains(out, "mxtop report") || !strings.Contains(out, "HINTS") {
		t.Fatalf("no report on the terminal: %q", out[:min(len(out), 400)])
	}
	if !strings.Contains(errb.String(), "TERM=dumb") {
		t.Fatalf("stderr does not say why: %q", errb.String())
	}
}

// On a terminal, a report that may wait for its input says what it waits
// for: a FIFO's writer, or lines pasted on standard input.
func TestReportInputNotes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "mail.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	file := filepath.Join(dir, "mail.log")
	os.WriteFile(file, nil, 0o600)
	got := inputNotes([]string{file, fifo, "-"}, true)
	want := []string{
		"reading " + fifo + ", a FIFO, until its writer closes it (Ctrl-C to stop)",
		"reading standard input: paste log lines, then Ctrl-D (Ctrl-C to stop)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes %q, want %q", got, want)
	}
	if got := inputNotes([]string{file, "-"}, false); len(got) != 0 {
		t.Errorf("stdin not a terminal: %q", got)
	}
}

// The monitor on a terminal with --log - would read the log from the
// keyboard: the log reader and the screen took turns at the keys, and q
// or Ctrl-C mostly went to the log. It says so and ends instead.
func TestMonitorRefusesTheKeyboardAsItsLog(t *testing.T) {
	keyboard, tty := openPTY(t)
	defer keyboard.Close()
	defer tty.Close()
	go io.Copy(io.Discard, keyboard)
	cmd, stderr := mxtopCmd(t, "--log", "-", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "--queue", "testdata/lab/postqueue-j.jsonl")
	cmd.Stdin, cmd.Stdout = tty, tty
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(stderr.String(), "standard input is this terminal") {
			t.Errorf("exit %d (%v), stderr %q", code, err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the monitor ran with the keyboard as its log")
	}
}
