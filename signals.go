package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interrupt is a context that ends on the first of the given signals,
// remembering which one for the exit status. After that first signal the
// default action is back, so a second Ctrl-C kills at once whatever might
// still be stuck.
type interrupt struct {
	context.Context
	cancel context.CancelFunc
	ch     chan os.Signal
	mu     sync.Mutex
	sig    os.Signal
}

func onSignals(sigs ...os.Signal) *interrupt {
	ctx, cancel := context.WithCancel(context.Background())
	in := &interrupt{Context: ctx, cancel: cancel, ch: make(chan os.Signal, 1)}
	signal.Notify(in.ch, sigs...)
	go func() {
		select {
		case s := <-in.ch:
			in.mu.Lock()
			in.sig = s
			in.mu.Unlock()
			signal.Stop(in.ch)
			cancel()
		case <-ctx.Done():
		}
	}()
	return in
}

// hangUp ends the context as a SIGHUP would: the terminal is gone.
func (in *interrupt) hangUp() {
	in.mu.Lock()
	if in.sig == nil {
		in.sig = syscall.SIGHUP
	}
	in.mu.Unlock()
	in.cancel()
}

// stop releases the signals.
func (in *interrupt) stop() {
	signal.Stop(in.ch)
	in.cancel()
}

// signal is the signal received, nil when none was.
func (in *interrupt) signal() os.Signal {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.sig
}

// interrupted says so on stderr and returns the shell's exit status for a
// command ended by a signal (128 + its number), or 0 when no signal came.
func (in *interrupt) interrupted(stderr io.Writer, cmd string) int {
	s, ok := in.signal().(syscall.Signal)
	if !ok {
		return 0
	}
	fmt.Fprintf(stderr, "%s: interrupted (%s)\n", cmd, s)
	return 128 + int(s)
}
