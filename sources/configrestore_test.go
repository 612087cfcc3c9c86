package sources

import (
	"os"
	"path/filepath"
	"testing"
)

// Putting a backup back leaves a file that still holds its copy as it is:
// an apply that failed writing its second file (a full disk) then failed
// again "restoring" the files it had not written, and said so.
func TestRestoreLeavesUnchangedFiles(t *testing.T) {
	dir, backup := t.TempDir(), t.TempDir()
	same, changed := filepath.Join(dir, "main.cf"), filepath.Join(dir, "master.cf")
	os.WriteFile(same, []byte("a = 1\n"), 0o644)
	os.WriteFile(changed, []byte("changed\n"), 0o644)
	os.WriteFile(filepath.Join(backup, "00-main.cf"), []byte("a = 1\n"), 0o600)
	os.WriteFile(filepath.Join(backup, "01-master.cf"), []byte("before\n"), 0o600)
	before, _ := os.Stat(same)
	m := manifest{Dir: dir, Files: []backupEntry{
		{Path: same, Backup: "00-main.cf", Mode: 0o644, Existed: true},
		{Path: changed, Backup: "01-master.cf", Mode: 0o644, Existed: true},
	}}
	if err := restore(m, backup); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(same); !os.SameFile(before, after) {
		t.Error("main.cf, unchanged, was written again")
	}
	if b, _ := os.ReadFile(changed); string(b) != "before\n" {
		t.Errorf("master.cf %q", b)
	}
}
