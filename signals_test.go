package main

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestMain runs mxtop itself when a test starts this test binary as a
// subprocess with MXTOP_RUN_MAIN=1: the same main, signals and all.
func TestMain(m *testing.M) {
	if os.Getenv("MXTOP_RUN_MAIN") == "1" {
		if os.Getenv("MXTOP_SIGNALS_FD") == "3" {
			tellOnFD3()
		}
		main()
		return
	}
	os.Exit(m.Run())
}

// mxtopCmd is mxtop as a subprocess.
func mxtopCmd(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "MXTOP_RUN_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// hangingTools puts postconf, postqueue, postmulti, journalctl and docker
// on PATH as scripts that hang (in a child, as a wrapper script would).
func hangingTools(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"postconf", "postqueue", "postmulti", "journalctl", "docker"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n/bin/sleep 30\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tellOnFD3 makes the subprocess write each moment of its signal
// handling ("caught", "taken") as a line to file descriptor 3, which
// the commands it starts do not inherit.
func tellOnFD3() {
	syscall.CloseOnExec(3)
	f := os.NewFile(3, "signal events")
	signalsCaught = func(event string) { f.WriteString(event + "\n") }
}

// signalEvents has mxtop as a subprocess tell the moments of its signal
// handling on the channel it returns; call it before cmd.Start. The
// channel closes when mxtop ends (or closes the pipe).
func signalEvents(t *testing.T, cmd *exec.Cmd) (events <-chan string, started func()) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = append(cmd.Env, "MXTOP_SIGNALS_FD=3")
	ch := make(chan string, 16)
	return ch, func() {
		w.Close() // mxtop holds its own copy
		go func() {
			defer close(ch)
			defer r.Close()
			sc := bufio.NewScanner(r)
			for sc.Scan() {
				ch <- sc.Text()
			}
		}()
	}
}

// waitEvent waits for event from mxtop. The limit is a safety net for
// a hung subprocess, not a guess at how long it takes to start.
func waitEvent(t *testing.T, events <-chan string, event string) {
	t.Helper()
	limit := time.After(time.Minute)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatalf("mxtop ended or closed its events before %q", event)
			}
			if e == event {
				return
			}
		case <-limit:
			t.Fatalf("no %q from mxtop in a minute", event)
		}
	}
}

// signalled starts cmd, sends sig once mxtop has reached the moment
// event ("caught": it handles signals, no command has taken them yet;
// "taken": the command has) and stall has returned (it waits for the
// command to stall; nil: none), and returns how long it took to end
// after the signal.
func signalled(t *testing.T, cmd *exec.Cmd, sig syscall.Signal, event string, stall func()) (time.Duration, error) {
	t.Helper()
	events, started := signalEvents(t, cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	waitEvent(t, events, event)
	if stall != nil {
		stall()
	}
	select {
	case err := <-done:
		t.Fatalf("ended before the signal: %v", err)
	default:
	}
	cmd.Process.Signal(sig)
	start := time.Now()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(5 * endWithin):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running %v after %v", 5*endWithin, sig)
	}
	return 0, nil
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// Every command ends within a second of Ctrl-C or SIGTERM, whatever its
// input is doing: a pipe nobody writes to, a FIFO without a writer, a
// writer that stalls, external commands that hang (which end with it).
// The signal is sent once the command has taken its signals and, where
// that can be seen, stalled: its input read, its command started.
func TestSignalsEndStalledCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	dir := t.TempDir()
	lab := "testdata/lab/"
	offline := []string{"--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt", "--queue", lab + "postqueue-j.jsonl"}
	const line = "Nov 28 11:13:08 lab postfix/qmgr[1]: 3F59BC026C: removed\n"
	cases := []struct {
		name  string
		args  []string
		input string // "pipe": stdin a pipe never written; "pipe stalled": a pipe written once, then silent; "fifo": a FIFO never opened for writing; "stalled": a FIFO written once, then silent; "hang": the commands hang
		sig   syscall.Signal
		code  int // the exit status (128+n: ended by signal n)
		msg   string
	}{
		{"report stdin", []string{"report", "--log", "-"}, "pipe", syscall.SIGINT, 130, "mxtop report: interrupted (interrupt)"},
		{"report stdin stalled writer", append([]string{"report", "--log", "-"}, offline...), "pipe stalled", syscall.SIGTERM, 143, "mxtop report: interrupted (terminated)"},
		{"report fifo", []string{"report", "--log", "FIFO"}, "fifo", syscall.SIGTERM, 143, "mxtop report: interrupted (terminated)"},
		{"report stalled writer", append([]string{"report", "--log", "FIFO"}, offline...), "stalled", syscall.SIGINT, 130, "interrupted"},
		{"headless monitor", []string{"--log", "-"}, "pipe", syscall.SIGINT, 130, "mxtop: interrupted"},
		{"headless monitor stalled writer", append([]string{"--log", "-"}, offline...), "pipe stalled", syscall.SIGINT, 130, "mxtop: interrupted"},
		{"parse", []string{"parse", "-"}, "pipe", syscall.SIGINT, 130, ""},
		{"parse fifo", []string{"parse", "FIFO"}, "fifo", syscall.SIGTERM, 143, ""},
		{"serve", append([]string{"serve", "--listen", freePort(t), "--log", "-"}, offline...), "pipe", syscall.SIGTERM, 0, ""},
		{"doctor", []string{"doctor"}, "hang", syscall.SIGINT, 130, "mxtop doctor: interrupted"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fifo := filepath.Join(dir, "fifo"+string(rune('a'+i)))
			args := append([]string(nil), c.args...)
			for j, a := range args {
				if a == "FIFO" {
					args[j] = fifo
				}
			}
			cmd, stderr := mxtopCmd(t, args...)
			path, pids := recordingTools(t)
			cmd.Env = append(cmd.Env, "PATH="+path)
			var stall func()
			switch c.input {
			case "pipe", "pipe stalled":
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				defer w.Close()
				defer r.Close()
				cmd.Stdin = r
				if c.input == "pipe stalled" {
					if _, err := w.WriteString(line); err != nil {
						t.Fatal(err)
					}
					stall = func() { waitDrained(t, w, time.Minute) }
				}
			case "fifo", "stalled":
				if err := syscall.Mkfifo(fifo, 0o600); err != nil {
					t.Fatal(err)
				}
				if c.input == "stalled" {
					written := make(chan *os.File, 1)
					go func() {
						w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
						if err != nil {
							close(written)
							return
						}
						w.WriteString(line)
						written <- w
					}()
					stall = func() {
						w, ok := <-written
						if !ok {
							t.Fatal("could not open the FIFO for writing")
						}
						t.Cleanup(func() { w.Close() })
						waitDrained(t, w, time.Minute)
					}
				}
			case "hang":
				stall = func() { waitStarted(t, pids) }
			}
			took, err := signalled(t, cmd, c.sig, "taken", stall)
			if took > endWithin {
				t.Errorf("took %v to end after %v", took, c.sig)
			}
			if got := exitCode(err); got != c.code {
				t.Errorf("exit status %d, want %d; stderr: %s", got, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.msg) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.msg)
			}
			checkGone(t, pids)
		})
	}
}

// A signal that comes before the command has taken its signals (while
// mxtop reads its flags) is kept for it: the command starts interrupted
// and ends as it would have on that signal, with its message and exit
// status. One the command does not take ends mxtop as its default
// action would (128 + its number). Go's default action used to end it
// at once, without a word, and serve with 143 instead of 0.
func TestSignalBeforeTheCommandTakesIt(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	lab := "testdata/lab/"
	offline := []string{"--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt", "--queue", lab + "postqueue-j.jsonl"}
	for _, c := range []struct {
		name string
		args []string
		sig  syscall.Signal
		code int
		msg  string
	}{
		{"report SIGINT", []string{"report", "--log", "-"}, syscall.SIGINT, 130, "mxtop report: interrupted (interrupt)"},
		{"report SIGTERM", []string{"report", "--log", "-"}, syscall.SIGTERM, 143, "mxtop report: interrupted (terminated)"},
		{"report SIGHUP", []string{"report", "--log", "-"}, syscall.SIGHUP, 129, ""},
		{"serve SIGTERM", append([]string{"serve", "--listen", freePort(t), "--log", "-"}, offline...), syscall.SIGTERM, 0, ""},
		{"doctor SIGINT", []string{"doctor"}, syscall.SIGINT, 130, "mxtop doctor: interrupted"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd, stderr := mxtopCmd(t, c.args...)
			path, pids := recordingTools(t)
			cmd.Env = append(cmd.Env, "PATH="+path)
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			defer r.Close()
			cmd.Stdin = r
			_, err = signalled(t, cmd, c.sig, "caught", nil)
			if got := exitCode(err); got != c.code {
				t.Errorf("exit status %d, want %d; stderr: %s", got, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.msg) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.msg)
			}
			checkGone(t, pids)
		})
	}
}

// mxtop handles its signals before it reads its flags, let alone starts
// a command.
func TestSignalsCaughtFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	cmd, stderr := mxtopCmd(t, "report", "--no-such-flag")
	events, started := signalEvents(t, cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started()
	var got []string
	for e := range events {
		got = append(got, e)
	}
	err := cmd.Wait()
	if code := exitCode(err); code != 2 || !strings.Contains(stderr.String(), "no-such-flag") {
		t.Errorf("exit status %d, stderr %q: want a usage error", code, stderr.String())
	}
	if !slices.Equal(got, []string{"caught"}) {
		t.Errorf("signal events %q, want the signals caught before the flags were read", got)
	}
}

// Ctrl-C on `mxtop parse` reading a pipe still writes the records of the
// lines it had read: they sat in the output buffer and were lost.
func TestParseInterruptKeepsParsedRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	cmd, stderr := mxtopCmd(t, "parse", "-")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"Nov 28 11:13:08 lab postfix/qmgr[1]: 3F59BC026C: removed",
		"Nov 28 11:13:09 lab postfix/smtpd[2]: connect from unknown[127.0.0.9]",
		"Nov 28 11:13:10 lab postfix/smtpd[2]: disconnect from unknown[127.0.0.9]",
	}
	if _, err := in.Write([]byte(strings.Join(lines, "\n") + "\n")); err != nil {
		t.Fatal(err)
	}
	// Interrupt once the process has read the lines, while stdin is still
	// open: a loaded machine may take longer than any fixed wait to start
	// it. Parsing three lines then takes microseconds.
	waitDrained(t, in.(*os.File), 20*time.Second)
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	in.Close()
	if got := exitCode(err); got != 130 {
		t.Errorf("exit status %d, want 130; stderr: %s", got, stderr.String())
	}
	got := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(got) != len(lines) || !strings.Contains(got[0], "3F59BC026C") || !strings.Contains(got[2], "disconnect") {
		t.Fatalf("want %d records, got %d:\n%s", len(lines), len(got), stdout.String())
	}
}

// waitDrained waits until the reader at the other end of the pipe w has
// read all that was written to it (FIONREAD, which Linux answers for
// either end of a pipe, is 0).
func waitDrained(t *testing.T, w *os.File, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		var n int32
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, w.Fd(), syscall.TIOCINQ, uintptr(unsafe.Pointer(&n))); errno != 0 {
			t.Fatalf("FIONREAD on the pipe: %v", errno)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d bytes still unread after %v", n, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// freePort is a loopback address with a port free a moment ago: --listen
// takes ports from 1 up, not 0 for "any".
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
