//go:build unix

package sources

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The end of a real file: the last KB only, from the first whole line,
// and nothing of a FIFO (whose read would take a writer's lines).
func TestReadLogTail(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "maillog")
	var b strings.Builder
	for i := 0; b.Len() < 3*tailBytes; i++ {
		fmt.Fprintf(&b, "Mar  9 09:57:%02d mx1 postfix/qmgr[812]: 3F2A81C%03d: removed\n", i%60, i%1000)
	}
	os.WriteFile(path, []byte(b.String()), 0o600)
	tail, err := readLogTail(path)
	if err != nil || len(tail) > tailBytes || len(tail) < tailBytes-100 || !strings.HasPrefix(string(tail), "Mar  9 ") || !strings.HasSuffix(b.String(), string(tail)) {
		t.Errorf("%v: %d bytes %.40q", err, len(tail), tail)
	}
	if !hasPostfixLine(tail) {
		t.Error("no Postfix line found")
	}
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("Mar  9 09:57:41 mx1 postfix/qmgr[812]: 3F2A81C04D: removed\n"), 0o600)
	if tail, err := readLogTail(small); err != nil || !hasPostfixLine(tail) {
		t.Errorf("small file: %v %q", err, tail)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	if tail, err := readLogTail(fifo); err != errNotPlain || tail != nil {
		t.Errorf("fifo: %v %q", err, tail)
	}
}
