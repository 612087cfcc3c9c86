package sources

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
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

// postmapExec "builds" a table by copying its text to path.db; the
// second postmap hangs until the apply is stopped (esc, or a signal
// through SettleRuns) as a real one stuck on a lock would.
type postmapExec struct {
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
}

func (e *postmapExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	return nil, nil
}
func (e *postmapExec) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	return nil, errors.New("no")
}
func (e *postmapExec) Run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // a killed or never started command
	}
	if name != "postmap" {
		return nil, nil
	}
	e.mu.Lock()
	e.n++
	n := e.n
	e.mu.Unlock()
	if n == 2 {
		e.cancel() // esc
		<-ctx.Done()
		return nil, ctx.Err()
	}
	_, path, _ := strings.Cut(args[0], ":")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return nil, os.WriteFile(path+".db", b, 0o644)
}

// An apply stopped during its second postmap puts the text back and
// rebuilds the first table too: with the stopped context the rebuild
// failed, its .db kept the change, and the backup, marked failed, was
// out of undo's reach.
func TestStoppedApplyRebuildsItsTables(t *testing.T) {
	dir := t.TempDir()
	t1, t2 := filepath.Join(dir, "transport"), filepath.Join(dir, "relocated")
	os.WriteFile(t1, []byte("old\n"), 0o644)
	os.WriteFile(t2, []byte("old\n"), 0o644)
	os.WriteFile(t1+".db", []byte("old\n"), 0o644)
	os.WriteFile(t2+".db", []byte("old\n"), 0o644)
	plan := ConfigPlan{Dir: dir, Files: []FileEdit{
		{Path: t1, Old: []byte("old\n"), New: []byte("new\n"), Existed: true, Mode: 0o644},
		{Path: t2, Old: []byte("old\n"), New: []byte("new\n"), Existed: true, Mode: 0o644},
	}, Postmap: []string{"hash:" + t1, "hash:" + t2}}
	ctx, cancel := context.WithCancel(context.Background())
	ex := &postmapExec{cancel: cancel}
	root := filepath.Join(t.TempDir(), "backups")
	_, err := ApplyConfig(ctx, ex, plan, root, time.Now())
	t.Logf("apply: %v", err)
	db, _ := os.ReadFile(t1 + ".db")
	txt, _ := os.ReadFile(t1)
	if string(db) != string(txt) {
		t.Errorf("%s is %q, its .db (what Postfix reads) %q", t1, txt, db)
	}
	// Both tables back as they were: nothing is left to undo.
	if last, _ := LastBackup(root); last != "" {
		t.Errorf("backup %s left for undo after a full rollback", last)
	}
}

// A backup's copy that no longer holds what the apply saved (changed in
// the backup directory since) is not put in place of the live file.
func TestRestoreRefusesAnAlteredCopy(t *testing.T) {
	dir, backup := t.TempDir(), t.TempDir()
	live := filepath.Join(dir, "main.cf")
	os.WriteFile(live, []byte("changed\n"), 0o644)
	plan := ConfigPlan{Dir: dir, Files: []FileEdit{{Path: live, Old: []byte("before\n"), New: []byte("changed\n"), Existed: true, Mode: 0o644}}}
	root := filepath.Join(backup, "backups")
	bdir, m, err := writeBackup(plan, root, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(bdir, m.Files[0].Backup), []byte("planted\n"), 0o600)
	if err := restore(m, bdir); err == nil || !strings.Contains(err.Error(), "copy") {
		t.Errorf("restored an altered copy: %v", err)
	}
	if b, _ := os.ReadFile(live); string(b) != "changed\n" {
		t.Errorf("main.cf %q", b)
	}
}
