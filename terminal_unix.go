//go:build unix

package main

import (
	"context"
	"time"

	"golang.org/x/sys/unix"
)

// watchTerminal calls gone when the terminal on fd hangs up. A SIGHUP says
// so when the terminal is the process's controlling one; started with
// setsid or by some wrappers it is not, and the monitor would run on with
// no screen, polling the queue and the machine for nobody. Poll reports
// POLLHUP without reading anything, so the input stays Bubble Tea's.
func watchTerminal(ctx context.Context, fd int, every time.Duration, gone func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fds := []unix.PollFd{{Fd: int32(fd)}}
		if n, err := unix.Poll(fds, 0); err == nil && n > 0 && fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0 {
			gone()
			return
		}
	}
}
