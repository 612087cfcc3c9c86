package sources

import (
	"os"

	"golang.org/x/sys/unix"
)

// pipeWriterGone reports whether f, a pipe that has just read as ended, can
// get no more data: it is an anonymous pipe (/dev/stdin, bash's <(cmd)),
// which no new writer can open, or a FIFO that a writer opened and closed
// since f was opened (Linux signals POLLHUP only then, not before a writer
// ever came).
func pipeWriterGone(f *os.File) bool {
	sc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	gone := false
	sc.Control(func(fd uintptr) {
		var fs unix.Statfs_t
		if unix.Fstatfs(int(fd), &fs) == nil && fs.Type == unix.PIPEFS_MAGIC {
			gone = true
			return
		}
		p := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		if n, err := unix.Poll(p, 0); err == nil && n > 0 && p[0].Revents&unix.POLLHUP != 0 {
			gone = true
		}
	})
	return gone
}
