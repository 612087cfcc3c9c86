package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Exec runs the external commands a source needs (postqueue, postconf,
// journalctl, docker). Tests replace it with recorded output
// (sourcestest.FakeExec).
type Exec interface {
	// Output runs a command to completion and returns its standard output.
	// The error carries the command's standard error when it fails.
	Output(ctx context.Context, name string, args ...string) ([]byte, error)
	// Stream starts a command and returns its standard output (and standard
	// error too when merge is set). Close stops the command and waits for it.
	Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error)
	// Run runs a command that changes something (postsuper, postqueue -i)
	// with stdin on its standard input, and returns what it wrote to
	// standard output and standard error together: postsuper reports on
	// standard error.
	Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error)
}

// CommandTimeout bounds every command mxtop runs to completion: postconf,
// postqueue, postmulti and the journalctl probe. A hanging command (a
// stuck showq, a wedged postmulti) must not hang mxtop.
const CommandTimeout = 5 * time.Second

// waitDelay is how long a killed command's output pipes are waited for.
const waitDelay = 250 * time.Millisecond

// OSExec runs real commands. A command that ends with its context, or
// times out, is killed with every process it started.
type OSExec struct {
	// Timeout bounds each Output call; zero means CommandTimeout. Stream
	// is not bounded: it follows logs for as long as its context lasts.
	Timeout time.Duration
}

// ErrNotFound wraps a command that is not installed or not on PATH. It is
// os/exec's own, so a fake Exec (sourcestest.FakeExec) reports it without
// importing this package.
var ErrNotFound = exec.ErrNotFound

// Bound is the time a command may take: Timeout, or CommandTimeout.
func (x OSExec) Bound() time.Duration {
	if x.Timeout > 0 {
		return x.Timeout
	}
	return CommandTimeout
}

// boundOf is the time ex gives a command to complete; a one-shot command
// read through Stream (postqueue -j) takes the same bound.
func boundOf(ex Exec) time.Duration {
	if b, ok := ex.(interface{ Bound() time.Duration }); ok {
		return b.Bound()
	}
	return CommandTimeout
}

// maxOutput bounds what Output keeps of a command's output: postconf
// prints some hundred KiB. postqueue, whose listing grows with the queue,
// is streamed instead.
var maxOutput = 64 << 20

func (x OSExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	parent := ctx
	if parent.Err() == context.DeadlineExceeded {
		return nil, timeoutError(commandLine(name, args) + ": not run: the time for this reading had run out")
	}
	ctx, cancel := context.WithTimeout(ctx, x.Bound())
	defer cancel()
	start := time.Now()
	cmd := command(ctx, name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	stdout := &cappedBuffer{max: maxOutput, kill: cancel}
	cmd.Stdout = stdout
	err := exitedWell(cmd, run(cmd))
	out := stdout.buf.Bytes()
	if stdout.over {
		return out, fmt.Errorf("%s: more than %d MiB of output, killed", commandLine(name, args), maxOutput>>20)
	}
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			line := commandLine(name, args)
			// The bound in force, not the time taken: killing a loaded
			// machine's command can take longer than the bound.
			bound := time.Since(start)
			if dl, ok := ctx.Deadline(); ok {
				bound = dl.Sub(start)
			}
			if dl, ok := parent.Deadline(); ok && dl.Sub(start) < x.Bound() {
				// The reading's budget, not the command's bound.
				return out, timeoutError(fmt.Sprintf("%s: killed after %s, when the time for this reading ran out", line, bound.Round(100*time.Millisecond)))
			}
			return out, timeoutError(fmt.Sprintf("%s: timed out after %s, killed", line, bound.Round(100*time.Millisecond)))
		}
		return out, commandError(ctx, name, args, err, stderr.String())
	}
	return out, nil
}

// timeoutError says which command timed out; it is a
// context.DeadlineExceeded.
type timeoutError string

func (e timeoutError) Error() string { return string(e) }
func (e timeoutError) Unwrap() error { return context.DeadlineExceeded }

// exitedWell is cmd's error, none when the command exited 0 and only a
// child it left running (a wrapper script's background job) held its
// output past waitDelay: what it printed came whole.
func exitedWell(cmd *exec.Cmd, err error) error {
	if errors.Is(err, exec.ErrWaitDelay) && cmd.ProcessState != nil && cmd.ProcessState.Success() {
		return nil
	}
	return err
}

// command is exec.CommandContext in its own process group, so that ending
// the context kills what a wrapper script started too.
func command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, lookSbin(name), args...)
	cmd.WaitDelay = waitDelay
	ownProcessGroup(cmd)
	return cmd
}

// run is cmd.Run with the command known to KillCommands while it runs.
func run(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	untrack := started.add(cmd.Process)
	defer untrack()
	return cmd.Wait()
}

// started are the commands running, for KillCommands.
var started = &commands{procs: map[*os.Process]struct{}{}}

// commands is a set of running commands that can be killed at once.
type commands struct {
	mu     sync.Mutex
	procs  map[*os.Process]struct{}
	killed bool // by KillCommands: a command started since is killed at once
}

// add keeps p until the returned func is called once it has been waited for.
func (c *commands) add(p *os.Process) (remove func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.killed {
		killGroup(p)
	}
	c.procs[p] = struct{}{}
	return func() {
		c.mu.Lock()
		delete(c.procs, p)
		c.mu.Unlock()
	}
}

// KillCommands kills every command still running with the processes it
// started (its process group), and any command started after. mxtop calls
// it as it exits: a command ends with its context, but the goroutine that
// kills it may not run before the process exits, and a hung postqueue
// would be left running under init.
func KillCommands() {
	c := started
	c.mu.Lock()
	defer c.mu.Unlock()
	c.killed = true
	for p := range c.procs {
		killGroup(p)
	}
}

// sbinDirs are where Postfix installs its commands (command_directory) on
// Debian, RHEL and from source; Debian leaves them off a user's PATH.
var sbinDirs = []string{"/usr/sbin", "/usr/local/sbin", "/sbin"}

// lookSbin returns name as it is when PATH has it, or its path in the
// first of sbinDirs that has it as an executable file.
func lookSbin(name string) string {
	if strings.ContainsRune(name, '/') {
		return name
	}
	if _, err := exec.LookPath(name); err == nil || !errors.Is(err, exec.ErrNotFound) {
		return name
	}
	for _, d := range sbinDirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return name
}

// Run is not bounded by Timeout: the caller bounds it, as an action on a
// large queue may take longer than a reading.
func (OSExec) Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	cmd := command(ctx, name, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out limitedBuffer
	out.buf, out.max = &bytes.Buffer{}, 64*1024
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := exitedWell(cmd, run(cmd)); err != nil {
		return out.buf.Bytes(), commandError(ctx, name, args, err, out.buf.String())
	}
	return out.buf.Bytes(), nil
}

func commandError(ctx context.Context, name string, args []string, err error, stderr string) error {
	line := commandLine(name, args)
	if errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("%s: %w", name, ErrNotFound)
	}
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("%s: timed out, killed: %w", line, context.DeadlineExceeded)
	}
	if msg := firstLine(stderr); msg != "" {
		if strings.HasPrefix(msg, line+": ") {
			// "postconf: fatal: ...": the command named itself.
			return errors.New(msg)
		}
		return fmt.Errorf("%s: %s", line, msg)
	}
	return fmt.Errorf("%s: %w", line, err)
}

// commandLine is the command as an error names it: its first arguments up
// to about 72 characters, and how many more there are, so that the
// command's own message after it is not lost past a screen's width.
func commandLine(name string, args []string) string {
	line := name
	for i, a := range args {
		if i > 0 && len(line)+1+len(a) > 72 {
			return fmt.Sprintf("%s … (%d more arguments)", line, len(args)-i)
		}
		line += " " + a
	}
	return line
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func (OSExec) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	ctx, cancel := context.WithCancel(ctx)
	cmd := command(ctx, name, args...)
	// The command writes straight into an OS pipe we read: an io.Pipe
	// would add a copying goroutine and a hand-off per write, which cost
	// more than decoding a fast stream such as journalctl's.
	pr, pw, err := os.Pipe()
	if err != nil {
		cancel()
		return nil, err
	}
	cmd.Stdout = pw
	var stderr bytes.Buffer
	if merge {
		cmd.Stderr = pw
	} else {
		cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	}
	err = cmd.Start()
	pw.Close()
	if err != nil {
		pr.Close()
		cancel()
		return nil, commandError(ctx, name, args, err, "")
	}
	untrack := started.add(cmd.Process)
	s := &stream{pr: pr, cancel: cancel, done: make(chan struct{})}
	go func() {
		err := cmd.Wait()
		untrack()
		if err != nil && ctx.Err() == nil {
			err = commandError(ctx, name, args, err, stderr.String())
		} else if err == nil {
			err = io.EOF
		}
		s.err = err
		close(s.done)
		// A child the command left behind may hold the pipe open: once
		// the command is gone, a read waits at most a second more for
		// output, as WaitDelay does for the pipes exec manages. Read
		// renews the deadline, so output still in the pipe is not lost.
		pr.SetReadDeadline(time.Now().Add(waitDelay))
	}()
	return s, nil
}

type stream struct {
	pr     *os.File
	cancel context.CancelFunc
	done   chan struct{}
	err    error
	once   sync.Once
}

// Read returns the command's output, then its exit error (io.EOF when it
// succeeded).
func (s *stream) Read(p []byte) (int, error) {
	select {
	case <-s.done:
		// The command is gone: what is left in the pipe comes at once;
		// wait no longer than the deadline for more.
		s.pr.SetReadDeadline(time.Now().Add(waitDelay))
	default:
	}
	n, err := s.pr.Read(p)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		err = io.EOF
	}
	if err == io.EOF {
		<-s.done
		if s.err != nil {
			return n, s.err
		}
	}
	return n, err
}

func (s *stream) Close() error {
	s.once.Do(func() {
		s.cancel()
		s.pr.Close()
		<-s.done
	})
	return nil
}

// cappedBuffer keeps a command's output up to max bytes, and kills the
// command when it writes more. The buffer is a field, not embedded: its
// ReadFrom would let io.Copy pass Write by.
type cappedBuffer struct {
	buf  bytes.Buffer
	max  int
	over bool
	kill context.CancelFunc
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		c.over = true
		c.kill()
		return 0, errors.New("output too large")
	}
	return c.buf.Write(p)
}

type limitedBuffer struct {
	mu  sync.Mutex
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.max - l.buf.Len(); room > 0 {
		if len(p) > room {
			l.buf.Write(p[:room])
		} else {
			l.buf.Write(p)
		}
	}
	return len(p), nil
}
