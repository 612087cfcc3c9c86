//go:build unix

package sources

import (
	"os"
	"syscall"
)

// mapJournalFile maps a journal file read-only: the page cache serves it
// without a copy, however large the files a merge holds open together.
func mapJournalFile(path string) ([]byte, func() error, error) {
	fd, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer fd.Close()
	st, err := fd.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if size < jHeaderMin || int64(int(size)) != size {
		return nil, func() error { return nil }, nil
	}
	b, err := syscall.Mmap(int(fd.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return syscall.Munmap(b) }, nil
}
