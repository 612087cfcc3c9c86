package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hangingTools puts the Postfix tools and journalctl on PATH (alone) as
// wrapper scripts whose child hangs.
func hangingTools(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"postconf", "postqueue", "postmulti", "journalctl", "docker"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n/bin/sleep 30\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
}

// A hanging postmulti (the one command that ran without a bound) times out
// and is killed with its child.
func TestOutputTimesOutHangingCommand(t *testing.T) {
	hangingTools(t)
	start := time.Now()
	_, err := ListInstances(context.Background(), OSExec{Timeout: 300 * time.Millisecond})
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "postmulti -l: timed out after 300ms, killed") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if took > 800*time.Millisecond {
		t.Errorf("took %v with a 300 ms bound: the hanging child held the pipe", took)
	}
}

// Ending the context kills the command and its children at once.
func TestOutputCancelKillsChildren(t *testing.T) {
	hangingTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := (OSExec{}).Output(ctx, "postconf", "-n"); err == nil {
		t.Fatal("no error")
	}
	if took := time.Since(start); took > 600*time.Millisecond {
		t.Errorf("took %v after the context ended at 200 ms", took)
	}
}

// Postfix installs its commands in /usr/sbin, which Debian leaves off a
// user's PATH: a command not on PATH is looked for there too.
func TestCommandFoundInSbinOffPath(t *testing.T) {
	sbin := t.TempDir()
	if err := os.WriteFile(filepath.Join(sbin, "postconf"), []byte("#!/bin/sh\necho mail_version = 3.7.11\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(d []string) { sbinDirs = d }(sbinDirs)
	sbinDirs = []string{filepath.Join(sbin, "missing"), sbin}
	t.Setenv("PATH", t.TempDir())
	out, err := (OSExec{}).Output(context.Background(), "postconf", "mail_version")
	if err != nil || string(out) != "mail_version = 3.7.11\n" {
		t.Fatalf("out %q, err %v", out, err)
	}
	if _, err := (OSExec{}).Output(context.Background(), "postqueue", "-j"); !errors.Is(err, ErrNotFound) || err.Error() != "postqueue: "+ErrNotFound.Error() {
		t.Fatalf("a command in neither: %v", err)
	}
}

// A failing command with a long argument list (journalctl with a match per
// Postfix identifier) is named by its first arguments, so that its own
// message is not lost at the end of a line hundreds of characters long.
func TestCommandErrorNamesLongCommandBriefly(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "journalctl"), []byte("#!/bin/sh\necho 'Failed to open /nonexistent: No such file or directory' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	args := []string{"--output=export", "--no-pager"}
	for i := range 60 {
		args = append(args, fmt.Sprintf("SYSLOG_IDENTIFIER=postfix/daemon%d", i))
	}
	_, err := (OSExec{}).Output(context.Background(), "journalctl", args...)
	want := "journalctl --output=export --no-pager SYSLOG_IDENTIFIER=postfix/daemon0 … (59 more arguments): Failed to open /nonexistent: No such file or directory"
	if err == nil || err.Error() != want {
		t.Fatalf("err %v\nwant %s", err, want)
	}
	_, err = (OSExec{}).Output(context.Background(), "journalctl", "--lines=1")
	if want := "journalctl --lines=1: Failed to open /nonexistent: No such file or directory"; err == nil || err.Error() != want {
		t.Fatalf("short: err %v", err)
	}
}

// A command that prints without end (a wrapper gone wrong) is killed once
// its output passes the bound, not kept in memory until it times out.
func TestOutputBoundsOutput(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "postconf"), []byte("#!/bin/sh\nexec /usr/bin/yes mail_version\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	defer func(n int) { maxOutput = n }(maxOutput)
	maxOutput = 1 << 20
	start := time.Now()
	out, err := (OSExec{Timeout: 5 * time.Second}).Output(context.Background(), "postconf", "-n")
	if err == nil || err.Error() != "postconf -n: more than 1 MiB of output, killed" || len(out) > maxOutput {
		t.Fatalf("err %v, %d bytes kept", err, len(out))
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v: not killed at the bound", took)
	}
}

// A command's own message names the command already ("postconf: fatal:
// ..."): an error for it without arguments says the name once, and one
// with arguments keeps them.
func TestCommandErrorNamesTheCommandOnce(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho 'postconf: fatal: open /etc/postfix/main.cf: No such file or directory' >&2\nexit 1\n"
	if err := os.WriteFile(filepath.Join(dir, "postconf"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	_, err := (OSExec{}).Output(context.Background(), "postconf")
	if err == nil || err.Error() != "postconf: fatal: open /etc/postfix/main.cf: No such file or directory" {
		t.Errorf("without arguments: %v", err)
	}
	_, err = (OSExec{}).Output(context.Background(), "postconf", "-h", "maillog_file")
	if err == nil || err.Error() != "postconf -h maillog_file: postconf: fatal: open /etc/postfix/main.cf: No such file or directory" {
		t.Errorf("with arguments: %v", err)
	}
}

// A reading with a time budget of its own (the first reading of the
// configuration has 5 s for all its postconf commands) names that budget
// when it ends a command, not the command's own bound cut to nothing
// ("timed out after 0s"); a hanging postconf is said at its first command.
func TestTimeoutsSayWhoseTimeRanOut(t *testing.T) {
	hangingTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	_, err := OSExec{Timeout: 5 * time.Second}.Output(ctx, "postqueue", "-j")
	if err == nil || !strings.Contains(err.Error(), "postqueue -j: killed after 400ms, when the time for this reading ran out") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("budget ended: %v", err)
	}
	_, err = OSExec{Timeout: 5 * time.Second}.Output(ctx, "postqueue", "-j")
	if err == nil || !strings.Contains(err.Error(), "postqueue -j: not run: the time for this reading had run out") {
		t.Errorf("budget gone before: %v", err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel2()
	_, err = (&ConfigReader{Exec: OSExec{Timeout: 300 * time.Millisecond}}).Read(ctx2)
	if err == nil || !strings.Contains(err.Error(), "postconf -d -h config_directory: timed out after 300ms") {
		t.Errorf("hanging postconf: %v", err)
	}
}

// A command that exits 0 while a child it started still holds its output
// (a wrapper script's background job) succeeded with what it printed: it
// was a failure, "exec: WaitDelay expired before I/O complete".
func TestOutputOfACommandWhoseChildHoldsItsPipe(t *testing.T) {
	out, err := OSExec{}.Output(context.Background(), "sh", "-c", "echo done; sleep 3 &")
	if err != nil || string(out) != "done\n" {
		t.Errorf("out %q, err %v", out, err)
	}
	out, err = OSExec{}.Run(context.Background(), nil, "sh", "-c", "echo done; sleep 3 &")
	if err != nil || string(out) != "done\n" {
		t.Errorf("Run: out %q, err %v", out, err)
	}
}

// KillCommands ends the commands running, whatever their context, and
// those started after it, so that none outlives mxtop.
func TestKillCommands(t *testing.T) {
	hangingTools(t)
	defer func(c *commands) { started = c }(started)
	started = &commands{procs: map[*os.Process]struct{}{}}
	x := OSExec{Timeout: time.Minute}
	done := make(chan error, 2)
	go func() {
		_, err := x.Output(context.Background(), "postqueue", "-j")
		done <- err
	}()
	go func() {
		r, err := x.Stream(context.Background(), false, "journalctl", "-f")
		if err == nil {
			_, err = io.ReadAll(r)
		}
		done <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		started.mu.Lock()
		n := len(started.procs)
		started.mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d commands running after 10 s, want 2", n)
		}
	}
	KillCommands()
	for range 2 {
		select {
		case err := <-done:
			if err == nil {
				t.Error("a killed command succeeded")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a command still running 10 s after KillCommands")
		}
	}
	if _, err := x.Output(context.Background(), "postmulti", "-l"); err == nil {
		t.Error("a command started after KillCommands succeeded")
	}
}
