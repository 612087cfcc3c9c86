package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Contains(sub string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Contains(s.b.Bytes(), []byte(sub))
}

// The monitor on a terminal ends within a second of SIGTERM, SIGINT or
// Ctrl-C typed, with its log a FIFO nobody writes to.
func TestSignalsEndTUI(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	lab := "testdata/lab/"
	for i, c := range []struct {
		name string
		sig  syscall.Signal // 0: type Ctrl-C
	}{{"SIGTERM", syscall.SIGTERM}, {"SIGINT", syscall.SIGINT}, {"ctrl-c", 0}} {
		t.Run(c.name, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), fmt.Sprint("fifo", i))
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			keyboard, tty := openPTY(t)
			if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
				t.Fatal(err)
			}
			cmd, _ := mxtopCmd(t, "--log", fifo, "--postconf", lab+"postconf-n.txt", "--master", lab+"postconf-M.txt", "--queue", lab+"postqueue-j.jsonl")
			cmd.Env = append(cmd.Env, "PATH="+hangingTools(t), "TERM=xterm-256color")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			var screen syncBuffer
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
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			for deadline := time.Now().Add(10 * time.Second); !screen.Contains("? help"); {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("no status bar drawn in 10 s")
				}
				time.Sleep(50 * time.Millisecond)
			}
			if c.sig != 0 {
				cmd.Process.Signal(c.sig)
			} else {
				keyboard.Write([]byte{3})
			}
			start := time.Now()
			select {
			case err := <-done:
				if took := time.Since(start); took > endWithin {
					t.Errorf("took %v to end", took)
				}
				if err != nil {
					t.Errorf("exit: %v", err)
				}
				// Once our side of the terminal closes, what mxtop wrote
				// last is read and then the reads fail.
				tty.Close()
				select {
				case <-drained:
				case <-time.After(2 * time.Second):
				}
				if !screen.Contains("\x1b[?1049l") {
					t.Error("the terminal's main screen was not restored")
				}
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-done
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
	lab := "testdata/lab/"
	keyboard, tty := openPTY(t)
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, _ := mxtopCmd(t, "--log", fifo, "--postconf", lab+"postconf-n.txt", "--master", lab+"postconf-M.txt", "--queue", lab+"postqueue-j.jsonl")
	cmd.Env = append(cmd.Env, "PATH="+hangingTools(t), "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal: no SIGHUP
	var screen syncBuffer
	go func() {
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
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for deadline := time.Now().Add(10 * time.Second); !screen.Contains("? help"); {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no status bar drawn in 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	tty.Close()
	keyboard.Close() // the terminal is gone
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("still running 10 s after its terminal went away")
	}
}
