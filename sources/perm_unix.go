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

// MayReadSystemJournal says whether this process may read the system
// journal: root, or a member of systemd-journal or adm. A test replaces it.
var MayReadSystemJournal = func() bool {
	if os.Geteuid() == 0 {
		return true
	}
	gids, err := os.Getgroups()
	if err != nil {
		return true // unknown: say nothing that may be wrong
	}
	gids = append(gids, os.Getegid())
	for _, name := range []string{"systemd-journal", "adm"} {
		g, err := user.LookupGroup(name)
		if err != nil {
			continue
		}
		for _, gid := range gids {
			if strconv.Itoa(gid) == g.Gid {
				return true
			}
		}
	}
	return false
}
