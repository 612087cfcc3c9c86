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
	stop   bool // the second postmap stops the run (esc) and hangs until killed
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
	if n == 2 && e.stop {
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

// An apply stopped during its second postmap (esc, a signal) puts the
// text back at once, kills what runs, and keeps its backup: undo then
// finishes the job, rebuilding the table built with the change. The
// rebuild ran on past the stop (a minute of a frozen screen, a postmap
// left running after exit), and a backup whose files were already back
// was refused by undo as "edited by hand", for good.
func TestStoppedApplyIsFinishedByUndo(t *testing.T) {
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
	ex := &postmapExec{cancel: cancel, stop: true}
	root := filepath.Join(t.TempDir(), "backups")
	start := time.Now()
	_, err := ApplyConfig(ctx, ex, plan, root, time.Now())
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("stopped apply: %v after %v", err, time.Since(start))
	}
	if txt, _ := os.ReadFile(t1); string(txt) != "old\n" {
		t.Errorf("%s not put back: %q", t1, txt)
	}
	last, _ := LastBackup(root)
	if last == "" {
		t.Fatal("no backup kept for undo")
	}
	if _, err := UndoBackup(context.Background(), &postmapExec{}, root, last); err != nil {
		t.Fatalf("undo after the stop: %v", err)
	}
	for _, f := range []string{t1, t2} {
		db, _ := os.ReadFile(f + ".db")
		if txt, _ := os.ReadFile(f); string(db) != string(txt) || string(txt) != "old\n" {
			t.Errorf("%s is %q, its .db (what Postfix reads) %q", f, txt, db)
		}
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

// A copy in a backup that is a link is not followed: it could name any
// file the undo's user may read.
func TestRestoreRefusesALinkedCopy(t *testing.T) {
	dir, backup := t.TempDir(), t.TempDir()
	live := filepath.Join(dir, "main.cf")
	os.WriteFile(live, []byte("changed\n"), 0o644)
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("before\n"), 0o600)
	plan := ConfigPlan{Dir: dir, Files: []FileEdit{{Path: live, Old: []byte("before\n"), New: []byte("changed\n"), Existed: true, Mode: 0o644}}}
	bdir, m, err := writeBackup(plan, filepath.Join(backup, "backups"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(bdir, m.Files[0].Backup)
	os.Remove(copyPath)
	os.Symlink(secret, copyPath)
	if err := restore(m, bdir); err == nil {
		t.Error("restored through a linked copy")
	}
	if b, _ := os.ReadFile(live); string(b) != "changed\n" {
		t.Errorf("main.cf %q", b)
	}
}
