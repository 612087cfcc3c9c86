//go:build unix

package sources

import (
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// readingGroup names the group whose members may read the file, when it is
// one worth joining; otherwise ownerOnly says that joining none would help
// (not group-readable, or root's group).
func readingGroup(fi os.FileInfo) (group string, ownerOnly bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	if fi.Mode().Perm()&0o040 == 0 || st.Gid == 0 {
		return "", true
	}
	group = strconv.FormatUint(uint64(st.Gid), 10)
	if g, err := user.LookupGroupId(group); err == nil {
		group = g.Name
	}
	return group, false
}
