package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"mxtop/sources/sourcestest"
)

// The monitor on a terminal ends within a second of SIGTERM, SIGINT or
// Ctrl-C typed, with its log a FIFO nobody writes to.
func TestSignalsEndTUI(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, c := range []struct {
		name string
		sig  syscall.Signal // 0: type Ctrl-C
	}{{"SIGTERM", syscall.SIGTERM}, {"SIGINT", syscall.SIGINT}, {"ctrl-c", 0}} {
		t.Run(c.name, func(t *testing.T) {
			run := tuiOnPTY(t, true)
			if c.sig != 0 {
				run.cmd.Process.Signal(c.sig)
			} else {
				run.keyboard.Write([]byte{3})
			}
			start := time.Now()
			select {
			case <-run.done:
				if took := time.Since(start); took > endWithin {
					t.Errorf("took %v to end", took)
				}
				// A signal ends it as it ends report: 128 + the signal's
				// number, as the shell reports a command a signal ended;
				// Ctrl-C typed is a key that quits, 0.
				code := 0
				var ee *exec.ExitError
				if errors.As(run.err, &ee) {
					code = ee.ExitCode()
				} else if run.err != nil {
					t.Fatalf("exit: %v", run.err)
				}
				if want := map[syscall.Signal]int{0: 0, syscall.SIGTERM: 143, syscall.SIGINT: 130}[c.sig]; code != want {
					t.Errorf("exit status %d, want %d", code, want)
				}
				// Once our side of the terminal closes, what mxtop wrote
				// last is read and then the reads fail.
				run.tty.Close()
				select {
				case <-run.drained:
				case <-time.After(2 * time.Second):
				}
				if !run.screen.Contains("\x1b[?1049l") {
					t.Error("the terminal's main screen was not restored")
				}
			case <-time.After(5 * time.Second):
				run.cmd.Process.Kill()
				<-run.done
				t.Fatal("still running 5 s later")
			}
		})
	}
}

// When its terminal goes away and no SIGHUP reaches it (the terminal is not
// its controlling one: setsid, some wrappers), the monitor notices the
// terminal is gone and ends instead of running on without a screen.
func TestTUIEndsWhenItsTerminalIsGone(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	run := tuiOnPTY(t, false)
	run.tty.Close()
	run.keyboard.Close() // the terminal is gone
	select {
	case <-run.done:
	case <-time.After(10 * time.Second):
		run.cmd.Process.Kill()
		<-run.done
		t.Fatal("still running 10 s after its terminal went away")
	}
}

// ptyRun is the monitor running on a pseudo-terminal.
type ptyRun struct {
	keyboard, tty *os.File                // the terminal's two sides
	screen        *sourcestest.SyncBuffer // what it drew
	drained       chan struct{}           // closed when the terminal reads no more
	done          chan struct{}           // closed when it ended, with err set
	cmd           *exec.Cmd
	err           error
}

// tuiOnPTY starts the monitor on a new pseudo-terminal, its log a FIFO
// nobody writes to and its commands hanging, and waits for its status
// bar. ctty makes the terminal its controlling one (then closing it sends
// SIGHUP).
func tuiOnPTY(t *testing.T, ctty bool) *ptyRun {
	t.Helper()
	lab := "testdata/lab/"
	return tuiOnPTYWith(t, ctty, hangingTools(t), "--postconf", lab+"postconf-n.txt", "--master", lab+"postconf-M.txt", "--queue", lab+"postqueue-j.jsonl")
}

// tuiOnPTYWith is tuiOnPTY with the commands in path and flags after --log.
func tuiOnPTYWith(t *testing.T, ctty bool, path string, flags ...string) *ptyRun {
	t.Helper()
	var keyboard, tty *os.File
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	keyboard, tty = openPTY(t)
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		t.Fatal(err)
	}
	cmd, _ := mxtopCmd(t, append([]string{"--log", fifo}, flags...)...)
	cmd.Env = append(cmd.Env, "PATH="+path, "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: ctty}
	screen := &sourcestest.SyncBuffer{}
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		buf := make([]byte, 4096)
		for {
			n, err := keyboard.Read(buf)
			screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	run := &ptyRun{keyboard: keyboard, tty: tty, screen: screen, drained: drained, done: make(chan struct{}), cmd: cmd}
	go func() { run.err = cmd.Wait(); close(run.done) }()
	for deadline := time.Now().Add(10 * time.Second); !screen.Contains("? help"); {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no status bar drawn in 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return run
}

// recordingTools puts postconf, postqueue, postmulti, journalctl and
// docker on PATH as wrapper scripts that hang in a child, each writing its
// own and its child's process id to the file pids returns.
func recordingTools(t *testing.T) (path string, pids func() []int) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "pids")
	for _, name := range []string{"postconf", "postqueue", "postmulti", "journalctl", "docker"} {
		script := "#!/bin/sh\n/bin/sleep 60 &\necho $$ $! >>" + file + "\nwait\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir, func() []int {
		b, _ := os.ReadFile(file)
		var ids []int
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				ids = append(ids, n)
			}
		}
		return ids
	}
}

// alive are the processes of ids still running (a zombie is not).
func alive(ids []int) []int {
	var live []int
	for _, id := range ids {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(id) + "/stat")
		if err != nil {
			continue
		}
		// The state follows the command's name in parentheses.
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i >= 0 && strings.HasPrefix(s[i:], ") Z") {
			continue
		}
		live = append(live, id)
	}
	return live
}

// waitStarted waits until a command has started and recorded its ids.
func waitStarted(t *testing.T, pids func() []int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(pids()) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("no command started in 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkGone fails unless every recorded process is gone soon after mxtop
// ended, and kills what is left.
func checkGone(t *testing.T, pids func() []int) {
	t.Helper()
	ids := pids()
	live := alive(ids)
	for deadline := time.Now().Add(5 * time.Second); len(live) > 0 && time.Now().Before(deadline); live = alive(ids) {
		time.Sleep(50 * time.Millisecond)
	}
	if len(live) > 0 {
		t.Errorf("processes %v (of %v) outlived mxtop", live, ids)
		for _, id := range live {
			syscall.Kill(id, syscall.SIGKILL)
		}
	}
}

// The commands mxtop started (a postqueue hung on a lock) end with it
// however it ends, not only when they time out: quit with q, Ctrl-C, or
// serve stopped by SIGTERM. They were left running under init.
func TestExitKillsRunningCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, key := range []string{"q", "\x03"} {
		t.Run(fmt.Sprintf("monitor %q", key), func(t *testing.T) {
			path, pids := recordingTools(t)
			run := tuiOnPTYWith(t, true, path, "--read-only")
			waitStarted(t, pids)
			run.keyboard.Write([]byte(key))
			select {
			case <-run.done:
			case <-time.After(5 * time.Second):
				run.cmd.Process.Kill()
				<-run.done
				t.Fatal("still running 5 s later")
			}
			checkGone(t, pids)
		})
	}
	t.Run("serve SIGTERM", func(t *testing.T) {
		path, pids := recordingTools(t)
		cmd, stderr := mxtopCmd(t, "serve", "--listen", freePort(t), "--log", "-")
		cmd.Env = append(cmd.Env, "PATH="+path)
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		defer r.Close()
		cmd.Stdin = r
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitStarted(t, pids)
		cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("exit: %v; stderr %s", err, stderr.String())
		}
		checkGone(t, pids)
	})
}

// A report of a FIFO nobody writes to says, after a second, that it waits
// for a writer (on a stderr that is no terminal too: a cron job's log),
// and reads the log once a writer comes. It waited without a word.
func TestReportSaysItWaitsForAFIFOWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	fifo := filepath.Join(t.TempDir(), "mail.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, _ := mxtopCmd(t, "report", "--log", fifo, "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "--queue", "testdata/lab/postqueue-j.jsonl")
	stderr, stdout := &sourcestest.SyncBuffer{}, &sourcestest.SyncBuffer{}
	cmd.Stderr, cmd.Stdout = stderr, stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer cmd.Process.Kill()
	want := "mxtop report: waiting for a writer on " + fifo + " (Ctrl-C to stop)\n"
	for deadline := time.Now().Add(10 * time.Second); !stderr.Contains(want); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("stderr %q lacks %q after 10 s", stderr.String(), want)
		}
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteString("Nov 28 11:13:08 lab postfix/smtp[1]: 3F59BC026C: to=<u@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)\n")
	w.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v; stderr %q", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after its writer closed the FIFO")
	}
	if strings.Count(stderr.String(), "waiting for a writer") != 1 {
		t.Errorf("said more than once: %q", stderr.String())
	}
	if !strings.Contains(stdout.String(), "; 1 lines, 1 Postfix, 0 unreadable") {
		t.Errorf("no report of the line written:\n%s", stdout.String())
	}
}
