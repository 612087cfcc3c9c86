// Package sourcestest holds test doubles for the sources package: a fake
// Exec with recorded command output. It imports nothing of mxtop, so the
// sources package's own tests can use it.
package sourcestest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// FakeExec is an Exec that replays recorded command output, keyed by the
// command line ("postqueue -j"). A missing key behaves like a command not
// installed: its error wraps exec.ErrNotFound, as sources.ErrNotFound does.
type FakeExec struct {
	Outputs map[string]string
	Errors  map[string]error
	// Delay, when set, makes every command wait that long (or until its
	// context ends), to test timeouts.
	Delay time.Duration
	mu    sync.Mutex
	Calls []string
	// Stdin holds what Run fed each command line, by the same key.
	Stdin map[string]string
}

func (f *FakeExec) key(name string, args []string) string {
	return strings.TrimSpace(name + " " + strings.Join(args, " "))
}

// Output returns the recorded output of the command line.
func (f *FakeExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	k := f.key(name, args)
	f.mu.Lock()
	f.Calls = append(f.Calls, k)
	f.mu.Unlock()
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-ctx.Done():
			return nil, fmt.Errorf("%s: timed out, killed: %w", k, ctx.Err())
		}
	}
	if err, ok := f.Errors[k]; ok {
		return nil, err
	}
	out, ok := f.Outputs[k]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, exec.ErrNotFound)
	}
	return []byte(out), nil
}

// Stream returns the recorded output as a stream.
func (f *FakeExec) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	out, err := f.Output(ctx, name, args...)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(out)), nil
}

// Run records the command and its standard input and returns the recorded
// output, as the command's combined output.
func (f *FakeExec) Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	k := f.key(name, args)
	f.mu.Lock()
	if f.Stdin == nil {
		f.Stdin = map[string]string{}
	}
	f.Stdin[k] += string(stdin)
	f.mu.Unlock()
	return f.Output(ctx, name, args...)
}
