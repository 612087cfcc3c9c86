package sources_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mxtop/sources"
)

// postconfExec simulates postconf -c DIR -e/-M by appending to DIR's files
// (the real postconf does more; the tests that need it run it) and records
// every command; fail makes the named command fail.
type postconfExec struct {
	mu    sync.Mutex
	calls []string
	fail  map[string]string
}

func (p *postconfExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	return p.Run(ctx, nil, name, args...)
}

func (p *postconfExec) Stream(ctx context.Context, _ bool, name string, args ...string) (io.ReadCloser, error) {
	out, err := p.Run(ctx, nil, name, args...)
	return io.NopCloser(bytes.NewReader(out)), err
}

func (p *postconfExec) Run(_ context.Context, _ []byte, name string, args ...string) ([]byte, error) {
	line := strings.TrimSpace(name + " " + strings.Join(args, " "))
	p.mu.Lock()
	p.calls = append(p.calls, line)
	p.mu.Unlock()
	for k, msg := range p.fail {
		if strings.HasPrefix(line, k) {
			return []byte(msg), errors.New("exit status 1")
		}
	}
	if name == "postconf" && len(args) == 4 && args[0] == "-c" {
		file := map[string]string{"-e": "main.cf", "-M": "master.cf"}[args[2]]
		f, err := os.OpenFile(filepath.Join(args[1], file), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		line := args[3]
		if args[2] == "-M" {
			_, line, _ = strings.Cut(line, "=")
		}
		fmt.Fprintln(f, line)
	}
	return nil, nil
}

// configDir is a configuration directory with main.cf, master.cf and a
// transport table, mode 0640 for main.cf to check that modes survive.
func configDir(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"main.cf":   []byte("myhostname = mx.example.net\ntransport_maps = hash:" + filepath.Join(dir, "transport") + "\n"),
		"master.cf": []byte("smtp      unix  -       -       n       -       -       smtp\n"),
		"transport": []byte("# routes\nold.example\tsmtp:[192.0.2.1]\nthrottled.example\tsmtp:\n"),
	}
	for name, b := range files {
		os.WriteFile(filepath.Join(dir, name), b, 0o640)
	}
	return dir, files
}

func throttleChanges(dir string) []sources.ConfigChange {
	return []sources.ConfigChange{
		{Map: "hash:" + filepath.Join(dir, "transport"), Key: "throttled.example", Value: "slow:"},
		{Service: "slow/unix", Value: "slow unix - - n - - smtp"},
		{Param: "slow_destination_concurrency_limit", Value: "2"},
	}
}

// The plan is computed on a copy: the live files are untouched, and the
// diff shows each file's change.
func TestPlanConfigDiffsACopy(t *testing.T) {
	dir, files := configDir(t)
	ex := &postconfExec{}
	plan, err := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(got, b) {
			t.Errorf("%s changed by the preview", name)
		}
	}
	for _, c := range ex.calls {
		if strings.Contains(c, " "+dir+" ") {
			t.Errorf("postconf ran on the live directory: %s", c)
		}
	}
	for _, want := range []string{
		"--- a" + filepath.Join(dir, "main.cf"), "+slow_destination_concurrency_limit = 2",
		"+++ b" + filepath.Join(dir, "master.cf"), "+slow unix - - n - - smtp",
		"-throttled.example\tsmtp:", "+throttled.example\tslow:",
	} {
		if !strings.Contains(plan.Diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, plan.Diff)
		}
	}
	if strings.Contains(plan.Diff, "-old.example") || len(plan.Files) != 3 || len(plan.Postmap) != 1 {
		t.Errorf("plan %+v\n%s", plan.Postmap, plan.Diff)
	}
}

func TestPlanConfigRefusesHostileChanges(t *testing.T) {
	dir, _ := configDir(t)
	for _, c := range []sources.ConfigChange{
		{Param: "a = b\nrelayhost", Value: "x"},
		{Param: "slow_destination_concurrency_limit", Value: "2\nrelayhost = evil.example"},
		{Service: "slow unix", Value: "slow unix - - n - - smtp"},
		{Map: "hash:relative/transport", Key: "a.example", Value: "slow:"},
		{Map: "pcre:/etc/postfix/x", Key: "a.example", Value: "slow:"},
		{Map: "hash:/etc/postfix/../shadow", Key: "a.example", Value: "slow:"},
		{Map: "hash:" + filepath.Join(dir, "transport"), Key: "a.example slow:\nb.example", Value: "slow:"},
		{},
	} {
		ex := &postconfExec{}
		if _, err := sources.PlanConfig(context.Background(), ex, dir, []sources.ConfigChange{c}); err == nil || len(ex.calls) > 0 {
			t.Errorf("%+v: err %v, ran %q", c, err, ex.calls)
		}
	}
}

// Apply backs up, writes, checks, rebuilds the table and reloads; undo
// puts every file back byte for byte, mode included.
func TestApplyAndUndoRestoreByteForByte(t *testing.T) {
	dir, files := configDir(t)
	backups := filepath.Join(t.TempDir(), "backups")
	ex := &postconfExec{}
	plan, err := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	if err != nil {
		t.Fatal(err)
	}
	ex.calls = nil
	res, err := sources.ApplyConfig(context.Background(), ex, plan, backups, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"postfix -c " + dir + " check", "postmap hash:" + filepath.Join(dir, "transport"), "postfix -c " + dir + " reload"}
	if strings.Join(ex.calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("ran %q, want %q", ex.calls, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "main.cf")); !bytes.Contains(got, []byte("slow_destination_concurrency_limit = 2")) {
		t.Errorf("main.cf not applied:\n%s", got)
	}
	if st, _ := os.Stat(res.Backup); st == nil || st.Mode().Perm() != 0o700 {
		t.Errorf("backup dir %v", st)
	}
	// A second apply on top makes a second backup; undo goes back one at
	// a time.
	plan2, err := sources.PlanConfig(context.Background(), ex, dir, []sources.ConfigChange{{Param: "slow_destination_concurrency_limit", Value: "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sources.ApplyConfig(context.Background(), ex, plan2, backups, time.Now()); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := sources.UndoConfig(context.Background(), ex, backups); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range files {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		st, _ := os.Stat(filepath.Join(dir, name))
		if !bytes.Equal(got, b) || st.Mode().Perm() != 0o640 {
			t.Errorf("%s after undo (mode %v):\n%s", name, st.Mode().Perm(), got)
		}
	}
	if _, err := sources.UndoConfig(context.Background(), ex, backups); err == nil || !strings.Contains(err.Error(), "no backup") {
		t.Errorf("a third undo: %v", err)
	}
}

// A postfix check that fails puts the backup back and says why; nothing
// is reloaded.
func TestApplyFailedCheckRestores(t *testing.T) {
	dir, files := configDir(t)
	ex := &postconfExec{fail: map[string]string{"postfix -c": "postfix/postfix-script: fatal: bad master.cf entry"}}
	plan, err := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	if err != nil {
		t.Fatal(err)
	}
	_, err = sources.ApplyConfig(context.Background(), ex, plan, t.TempDir(), time.Now())
	if err == nil || !strings.Contains(err.Error(), "bad master.cf entry") || !strings.Contains(err.Error(), "back in place") {
		t.Fatalf("error %v", err)
	}
	for name, b := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(got, b) {
			t.Errorf("%s not restored:\n%s", name, got)
		}
	}
	for _, c := range ex.calls {
		if strings.Contains(c, "reload") || strings.HasPrefix(c, "postmap") {
			t.Errorf("ran %q after a failed check", c)
		}
	}
}

// A file edited between the preview and the confirmation stops the apply.
func TestApplyRefusesAFileChangedSincePreview(t *testing.T) {
	dir, _ := configDir(t)
	ex := &postconfExec{}
	plan, _ := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	os.WriteFile(filepath.Join(dir, "main.cf"), []byte("edited by hand\n"), 0o640)
	ex.calls = nil
	if _, err := sources.ApplyConfig(context.Background(), ex, plan, t.TempDir(), time.Now()); err == nil || len(ex.calls) > 0 {
		t.Errorf("err %v, ran %q", err, ex.calls)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "main.cf")); string(got) != "edited by hand\n" {
		t.Errorf("main.cf %q", got)
	}
}

// With the real postconf, on a copy of the lab's configuration.
func TestPlanConfigWithRealPostconf(t *testing.T) {
	if _, err := exec.LookPath("postconf"); err != nil {
		t.Skip("postconf not installed")
	}
	dir := t.TempDir()
	for _, f := range []string{"main.cf", "master.cf"} {
		b, err := os.ReadFile(filepath.Join("../e2e/conf", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	plan, err := sources.PlanConfig(context.Background(), sources.OSExec{}, dir, []sources.ConfigChange{
		{Service: "slow/unix", Value: "slow unix - - n - - smtp"},
		{Param: "slow_destination_concurrency_limit", Value: "2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan.Diff, "+slow_destination_concurrency_limit = 2") || !strings.Contains(plan.Diff, "+slow ") {
		t.Errorf("diff:\n%s", plan.Diff)
	}
}
