package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"

	"mxtop/sources"
)

// hub holds SIGINT, SIGTERM and SIGHUP for the whole life of the
// process: main catches them before it does anything else, so that no
// signal meets Go's default action (exit at once), which would leave a
// hung postqueue or journalctl that mxtop started (each in a process
// group of its own, which a terminal's Ctrl-C does not reach) running
// under init. A command takes the signals it ends on with onSignals; a
// signal is then handled as follows:
//   - the first one of the command's signals ends its context;
//   - one that comes before the command took its signals is kept for it:
//     the command starts interrupted (or, when it does not take that
//     signal, mxtop ends as below once it tries);
//   - any other (a second Ctrl-C, a SIGHUP to a command that does not
//     take it, one after the command) kills the commands mxtop started
//     and ends mxtop at once with 128 + the signal's number.
var hub struct {
	once    sync.Once
	mu      sync.Mutex
	cur     *interrupt // the command's, between onSignals and stop
	taken   bool       // a command took its signals (it may have stopped since)
	pending os.Signal  // a signal that came before any command took its own
}

// signalsCaught, when set, is told "caught" once the process handles
// its signals and "taken" each time a command takes them (the tests
// wait for these moments rather than guess them).
var signalsCaught func(event string)

func tellSignals(event string) {
	if signalsCaught != nil {
		signalsCaught(event)
	}
}

// catchSignals starts the hub; main calls it first, and onSignals in
// case a test runs a command without main. A signal ignored when mxtop
// started (SIGHUP under nohup) stays ignored.
func catchSignals() {
	hub.once.Do(func() {
		var sigs []os.Signal
		for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
			if s != syscall.SIGHUP || !signal.Ignored(s) {
				sigs = append(sigs, s)
			}
		}
		// Room for every signal a user can send in a burst: a signal
		// that finds the channel full is dropped by the runtime.
		ch := make(chan os.Signal, 16)
		signal.Notify(ch, sigs...)
		go func() {
			for s := range ch {
				deliver(s)
			}
		}()
		tellSignals("caught")
	})
}

// deliver handles one signal as the hub's comment says.
func deliver(s os.Signal) {
	hub.mu.Lock()
	if in := hub.cur; in != nil && in.take(s) {
		hub.mu.Unlock()
		return
	}
	if hub.cur == nil && !hub.taken {
		if hub.pending == nil {
			hub.pending = s
		}
		hub.mu.Unlock()
		return
	}
	hub.mu.Unlock()
	endNow(s)
}

// endNow ends mxtop at once as a signal's default action would, but
// with the commands it started killed first.
func endNow(s os.Signal) {
	sources.KillCommands()
	code := 1
	if n, ok := s.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}

// interrupt is a context that ends on the first of the given signals,
// remembering which one for the exit status. A signal after that first
// one ends mxtop at once (see hub), so a second Ctrl-C ends whatever
// might still be stuck.
type interrupt struct {
	context.Context
	cancel context.CancelFunc
	sigs   []os.Signal
	mu     sync.Mutex
	sig    os.Signal
}

func onSignals(sigs ...os.Signal) *interrupt {
	catchSignals()
	ctx, cancel := context.WithCancel(context.Background())
	in := &interrupt{Context: ctx, cancel: cancel, sigs: sigs}
	hub.mu.Lock()
	hub.cur, hub.taken = in, true
	early := hub.pending
	hub.pending = nil
	hub.mu.Unlock()
	if early != nil && !in.take(early) {
		endNow(early)
	}
	tellSignals("taken")
	return in
}

// take ends the context on s when s is one of its signals and the first
// to come; it says whether it did.
func (in *interrupt) take(s os.Signal) bool {
	if !slices.Contains(in.sigs, s) {
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.sig != nil {
		return false
	}
	in.sig = s
	in.cancel()
	return true
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

// stop releases the signals: one that comes after ends mxtop at once.
func (in *interrupt) stop() {
	hub.mu.Lock()
	if hub.cur == in {
		hub.cur = nil
	}
	hub.mu.Unlock()
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
