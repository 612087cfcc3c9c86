package sources_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// configDir is a configuration directory with main.cf, master.cf and a
// transport table, mode 0640 for main.cf to check that modes survive.
func configDir(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"main.cf":   []byte("myhostname = mx.example.net\ntransport_maps = hash:" + filepath.Join(dir, "transport") + "\n"),
		"master.cf": []byte("smtp      unix  -       -       n       -       -       smtp\n"),
		"transport": []byte("# routes\nold.example\tsmtp:[192.0.2.1]\nthrottled.example\tsmtp:[192.0.2.7]:2526\n"),
	}
	for name, b := range files {
		os.WriteFile(filepath.Join(dir, name), b, 0o640)
	}
	return dir, files
}

func throttleChanges(dir string) []sources.ConfigChange {
	return []sources.ConfigChange{
		{Map: "hash:" + filepath.Join(dir, "transport"), Key: "throttled.example", Value: "slow:"},
		{Map: "hash:" + filepath.Join(dir, "transport"), Key: "new.example", Value: "slow:"},
		{Service: "slow/unix", Value: "slow unix - - n - - smtp"},
		{Param: "slow_destination_concurrency_limit", Value: "2"},
	}
}

// The plan is computed on a copy: the live files are untouched, and the
// diff shows each file's change.
func TestPlanConfigDiffsACopy(t *testing.T) {
	dir, files := configDir(t)
	ex := &sourcestest.Postconf{}
	plan, err := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(got, b) {
			t.Errorf("%s changed by the preview", name)
		}
	}
	for _, c := range ex.Calls {
		if strings.Contains(c, " "+dir+" ") {
			t.Errorf("postconf ran on the live directory: %s", c)
		}
	}
	for _, want := range []string{
		"--- a" + filepath.Join(dir, "main.cf"), "+slow_destination_concurrency_limit = 2",
		"+++ b" + filepath.Join(dir, "master.cf"), "+slow unix - - n - - smtp",
		"-throttled.example\tsmtp:[192.0.2.7]:2526", "+throttled.example\tslow:[192.0.2.7]:2526", "+new.example\tslow:\n",
	} {
		if !strings.Contains(plan.Diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, plan.Diff)
		}
	}
	if strings.Contains(plan.Diff, "-old.example") || len(plan.Files) != 3 || len(plan.Postmap) != 1 {
		t.Errorf("plan %+v\n%s", plan.Postmap, plan.Diff)
	}
}

// The route to the slow transport replaces the table's entry for the
// domain as postmap reads it: the first field of a line that starts a
// logical line, quoted or not, in any case, with its value possibly on
// continuation lines (across comments) that go with it; its next hop is
// kept. A continuation line naming the domain is a value, not a key.
func TestPlanConfigReplacesTheWholeEntry(t *testing.T) {
	for _, c := range []struct{ table, want string }{
		{"a.example\tsmtp:\nthrottled.example\n\tsmtp:[192.0.2.7]:2526\nz.example\tsmtp:\n",
			"a.example\tsmtp:\nthrottled.example\tslow:[192.0.2.7]:2526\nz.example\tsmtp:\n"},
		{"throttled.example\n# the relay\n\n  smtp:[192.0.2.7]\nz.example\tsmtp:\n",
			"throttled.example\tslow:[192.0.2.7]\n# the relay\n\nz.example\tsmtp:\n"},
		{"\"Throttled.Example\"\tsmtp:[192.0.2.7]\n", "throttled.example\tslow:[192.0.2.7]\n"},
		{"a.example\n throttled.example\n", "a.example\n throttled.example\nthrottled.example\tslow:\n"},
		{"#throttled.example\tsmtp:[192.0.2.7]\n", "#throttled.example\tsmtp:[192.0.2.7]\nthrottled.example\tslow:\n"},
		{"a.example\tsmtp:", "a.example\tsmtp:\nthrottled.example\tslow:\n"},
	} {
		dir, _ := configDir(t)
		table := filepath.Join(dir, "transport")
		os.WriteFile(table, []byte(c.table), 0o644)
		plan, err := sources.PlanConfig(context.Background(), &sourcestest.Postconf{}, dir,
			[]sources.ConfigChange{{Map: "hash:" + table, Key: "throttled.example", Value: "slow:"}})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, f := range plan.Files {
			if f.Path == table {
				got = string(f.New)
			}
		}
		if got != c.want {
			t.Errorf("%q became\n%q, want\n%q", c.table, got, c.want)
		}
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
		{Field: "smtp/inet/command", Value: "sh"},
		{Field: "smtp/inet/process_limit", Value: "200 -o x=y"},
		{Field: "smtp inet/x/process_limit", Value: "200"},
		{Field: "smtp/socket/process_limit", Value: "200"},
		{ServiceParam: "smtp/inet", Value: "100"},
		{ServiceParam: "smtp/inet/a b", Value: "100"},
		{},
	} {
		ex := &sourcestest.Postconf{}
		if _, err := sources.PlanConfig(context.Background(), ex, dir, []sources.ConfigChange{c}); err == nil || len(ex.Calls) > 0 {
			t.Errorf("%+v: err %v, ran %q", c, err, ex.Calls)
		}
	}
}

// Apply backs up, writes, checks, rebuilds the table and reloads; undo
// puts every file back byte for byte, mode included.
func TestApplyAndUndoRestoreByteForByte(t *testing.T) {
	dir, files := configDir(t)
	backups := filepath.Join(t.TempDir(), "backups")
	ex := &sourcestest.Postconf{}
	plan, err := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	if err != nil {
		t.Fatal(err)
	}
	ex.Reset()
	res, err := sources.ApplyConfig(context.Background(), ex, plan, backups, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"postfix -c " + dir + " check", "postmap hash:" + filepath.Join(dir, "transport"), "postfix -c " + dir + " reload"}
	if strings.Join(ex.Calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("ran %q, want %q", ex.Calls, want)
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
	ex := &sourcestest.Postconf{Fail: map[string]string{"postfix -c": "postfix/postfix-script: fatal: bad master.cf entry"}}
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
	for _, c := range ex.Calls {
		if strings.Contains(c, "reload") || strings.HasPrefix(c, "postmap") {
			t.Errorf("ran %q after a failed check", c)
		}
	}
}

// A file edited between the preview and the confirmation stops the apply.
func TestApplyRefusesAFileChangedSincePreview(t *testing.T) {
	dir, _ := configDir(t)
	ex := &sourcestest.Postconf{}
	plan, _ := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	os.WriteFile(filepath.Join(dir, "main.cf"), []byte("edited by hand\n"), 0o640)
	ex.Reset()
	if _, err := sources.ApplyConfig(context.Background(), ex, plan, t.TempDir(), time.Now()); err == nil || len(ex.Calls) > 0 {
		t.Errorf("err %v, ran %q", err, ex.Calls)
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
		{Field: "smtp/inet/process_limit", Value: "222"},
		{ServiceParam: "smtp/inet/smtpd_client_connection_count_limit", Value: "77"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"+slow_destination_concurrency_limit = 2", "+slow ", "222     smtpd", "-o smtpd_client_connection_count_limit=77\n"} {
		if !strings.Contains(plan.Diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, plan.Diff)
		}
	}
}
