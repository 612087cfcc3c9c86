//go:build unix

package sources

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// A log in a directory this user may not enter (Postfix's maillog_file
// under a directory of mode 0750) is denied for the directory, not the
// file: the advice names the directory and the group that may enter it,
// not the file's group, which would not help. Root enters any directory,
// so a root test runs the check again as nobody.
func TestExplainPermissionNamesTheDirectory(t *testing.T) {
	if p := os.Getenv("MXTOP_TEST_DENIED_LOG"); p != "" {
		_, err := os.Open(p)
		if err == nil {
			t.Fatalf("%s opened", p)
		}
		fmt.Println("EXPLAINED:", explainOpenError(p, err))
		return
	}
	top, err := os.MkdirTemp("", "mxtop-denied")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(top)
	os.Chmod(top, 0o755)
	dir := filepath.Join(top, "postfix")
	os.Mkdir(dir, 0o750)
	os.Chmod(dir, 0o750)
	log := filepath.Join(dir, "postfix.log")
	os.WriteFile(log, []byte("x\n"), 0o644)
	os.Chmod(log, 0o644)
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0)
		defer os.Chmod(dir, 0o750)
		_, err := os.Open(log)
		if err == nil {
			t.Skip("this user enters a directory of mode 0000")
		}
		if got := explainOpenError(log, err).Error(); !strings.Contains(got, "directory "+dir) {
			t.Errorf("got %s\nwant the directory %s named", got, dir)
		}
		return
	}
	// Root: the directory's group is one nobody is not in; the file's
	// another.
	const dirGID, fileGID = 4, 65534
	if err := os.Chown(dir, 0, dirGID); err != nil {
		t.Skip(err)
	}
	os.Chown(log, 0, fileGID)
	exe := filepath.Join(top, "sources.test")
	bin, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run", "^TestExplainPermissionNamesTheDirectory$")
	cmd.Env = append(os.Environ(), "MXTOP_TEST_DENIED_LOG="+log)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	group := strconv.Itoa(dirGID)
	if g, err := user.LookupGroupId(group); err == nil {
		group = g.Name
	}
	want := "EXPLAINED: " + log + ": permission denied: directory " + dir + " (mode 0750) lets in only its owner and group " + group +
		": add your user to group " + group + " (sudo usermod -aG " + group + " $USER, then log in again), or run mxtop with sudo\n"
	if !strings.Contains(string(out), want) {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}
