//go:build unix

package sources

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
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
	return groupName(st.Gid), false
}

// groupName is the group's name, or its number when it has none.
func groupName(gid uint32) string {
	group := strconv.FormatUint(uint64(gid), 10)
	if g, err := user.LookupGroupId(group); err == nil {
		return g.Name
	}
	return group
}

// deniedDirectory explains a permission error on path that comes from a
// directory above it this user may not enter: the advice for the file
// (its group) would not help then. It is "" when every directory lets
// this user in.
func deniedDirectory(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	var dirs []string
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if d == filepath.Dir(d) {
			break
		}
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		d := dirs[i]
		const searchable = 1 // X_OK
		if syscall.Access(d, searchable) == nil {
			continue
		}
		fi, err := os.Stat(d)
		if err != nil {
			return "directory " + d + " does not let this user in: run mxtop with sudo"
		}
		mode := fmt.Sprintf("(mode %04o)", fi.Mode().Perm())
		st, ok := fi.Sys().(*syscall.Stat_t)
		switch {
		case ok && int(st.Uid) == os.Geteuid():
			return "directory " + d + " " + mode + " does not let even its owner in: chmod u+x " + d
		case ok && fi.Mode().Perm()&0o010 != 0 && st.Gid != 0:
			group := groupName(st.Gid)
			return "directory " + d + " " + mode + " lets in only its owner and group " + group +
				": add your user to group " + group + " (sudo usermod -aG " + group + " $USER, then log in again), or run mxtop with sudo"
		}
		return "directory " + d + " " + mode + " lets in only its owner: run mxtop with sudo"
	}
	return ""
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

// OpenPrivateAppend opens path for appending, creating it with mode 0600.
// It refuses what a shared directory (/tmp) may hold in its place: a
// symbolic link (not followed), and a file that is not this user's own
// regular file with one name.
func OpenPrivateAppend(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("%s is a symbolic link: not followed", path)
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case !fi.Mode().IsRegular():
		err = fmt.Errorf("%s is not a regular file", path)
	case ok && int(st.Uid) != os.Geteuid():
		err = fmt.Errorf("%s is owned by uid %d, not this user", path, st.Uid)
	case ok && st.Nlink != 1:
		err = fmt.Errorf("%s has %d names (hard links)", path, st.Nlink)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// privateDir checks that path is a directory (not a link to one) of this
// user's, that no one else may write to: what it holds is this user's.
func privateDir(path string) error {
	return privateOwn(path, true)
}

// privateFile is privateDir for a regular file.
func privateFile(path string) error {
	return privateOwn(path, false)
}

func privateOwn(path string, dir bool) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case dir && !fi.IsDir():
		return fmt.Errorf("%s is not a directory", path)
	case !dir && !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	case ok && int(st.Uid) != os.Geteuid():
		return fmt.Errorf("%s belongs to user %d, not to this one", path, st.Uid)
	case fi.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%s (mode %04o): others may write to it", path, fi.Mode().Perm())
	}
	return nil
}

// fileOwner is the file's owner and group.
func fileOwner(fi os.FileInfo) (uid, gid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return -1, -1, false
	}
	return int(st.Uid), int(st.Gid), true
}
