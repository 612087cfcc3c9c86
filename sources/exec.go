package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
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
}

// OSExec runs real commands.
type OSExec struct{}

// ErrNotFound wraps a command that is not installed or not on PATH. It is
// os/exec's own, so a fake Exec (sourcestest.FakeExec) reports it without
// importing this package.
var ErrNotFound = exec.ErrNotFound

func (OSExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, commandError(ctx, name, args, err, stderr.String())
	}
	return out, nil
}

func commandError(ctx context.Context, name string, args []string, err error, stderr string) error {
	line := strings.TrimSpace(name + " " + strings.Join(args, " "))
	if errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("%s: %w", name, ErrNotFound)
	}
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("%s: timed out, killed: %w", line, context.DeadlineExceeded)
	}
	if msg := firstLine(stderr); msg != "" {
		return fmt.Errorf("%s: %s", line, msg)
	}
	return fmt.Errorf("%s: %w", line, err)
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
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = time.Second
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	var stderr bytes.Buffer
	if merge {
		cmd.Stderr = pw
	} else {
		cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, commandError(ctx, name, args, err, "")
	}
	s := &stream{pr: pr, cancel: cancel, done: make(chan struct{})}
	go func() {
		err := cmd.Wait()
		if err != nil && ctx.Err() == nil {
			err = commandError(ctx, name, args, err, stderr.String())
		} else if err == nil {
			err = io.EOF
		}
		s.err = err
		pw.CloseWithError(err)
		close(s.done)
	}()
	return s, nil
}

type stream struct {
	pr     *io.PipeReader
	cancel context.CancelFunc
	done   chan struct{}
	err    error
	once   sync.Once
}

func (s *stream) Read(p []byte) (int, error) { return s.pr.Read(p) }

func (s *stream) Close() error {
	s.once.Do(func() {
		s.cancel()
		s.pr.Close()
		<-s.done
	})
	return nil
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
