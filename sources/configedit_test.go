package sources_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
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

// A directory given relative to the working directory still gives
// headers that name the file from /, so that patch -p1 -d / finds it.
func TestPlanConfigRelativeDirGivesAbsoluteHeaders(t *testing.T) {
	dir, _ := configDir(t)
	t.Chdir(filepath.Dir(dir))
	plan, err := sources.PlanConfig(context.Background(), &sourcestest.Postconf{}, filepath.Base(dir),
		[]sources.ConfigChange{{Param: "slow_destination_concurrency_limit", Value: "2"}})
	if err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "main.cf")
	if !strings.HasPrefix(plan.Diff, "--- a"+main+"\n+++ b"+main+"\n") {
		t.Errorf("diff headers do not name %s:\n%s", main, plan.Diff)
	}
	if len(plan.Files) != 1 || plan.Files[0].Path != main {
		t.Errorf("%d files, first %s, want %s", len(plan.Files), plan.Files[0].Path, main)
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
		// A list of next hops (Postfix 3.5 and later) is kept whole, on
		// one line or several.
		{"throttled.example\tsmtp:[127.0.0.1]:2526, [127.0.0.2]:2526\n", "throttled.example\tslow:[127.0.0.1]:2526, [127.0.0.2]:2526\n"},
		{"throttled.example\tsmtp:[127.0.0.1]:2526,\n\t[127.0.0.2]:2526\n", "throttled.example\tslow:[127.0.0.1]:2526, [127.0.0.2]:2526\n"},
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

// applyThrottle applies throttleChanges to dir with backups under root.
func applyThrottle(t *testing.T, ex *sourcestest.Postconf, dir, root string) sources.ApplyResult {
	t.Helper()
	plan, err := sources.PlanConfig(context.Background(), ex, dir, throttleChanges(dir))
	if err != nil {
		t.Fatal(err)
	}
	res, err := sources.ApplyConfig(context.Background(), ex, plan, root, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// An apply that failed and was rolled back leaves nothing to undo: undo
// then goes back to the change before it. It restored the failed apply's
// backup, which holds the files as they already were, and said ok.
func TestUndoSkipsAFailedApply(t *testing.T) {
	dir, files := configDir(t)
	root := filepath.Join(t.TempDir(), "backups")
	applyThrottle(t, &sourcestest.Postconf{}, dir, root)
	failing := &sourcestest.Postconf{Fail: map[string]string{"postfix -c": "fatal: bad master.cf entry"}}
	plan, err := sources.PlanConfig(context.Background(), failing, dir, []sources.ConfigChange{{Param: "slow_destination_concurrency_limit", Value: "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sources.ApplyConfig(context.Background(), failing, plan, root, time.Now()); err == nil {
		t.Fatal("the failing apply succeeded")
	}
	if _, err := sources.UndoConfig(context.Background(), &sourcestest.Postconf{}, root); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(got, b) {
			t.Errorf("%s after undo:\n%s", name, got)
		}
	}
}

// Undo puts back only files as the change left them: one edited by hand
// since would lose the edit. It says so and restores nothing.
func TestUndoRefusesAFileEditedSince(t *testing.T) {
	dir, _ := configDir(t)
	root := filepath.Join(t.TempDir(), "backups")
	applyThrottle(t, &sourcestest.Postconf{}, dir, root)
	main := filepath.Join(dir, "main.cf")
	edited, _ := os.ReadFile(main)
	edited = append(edited, "smtpd_banner = edited by hand\n"...)
	os.WriteFile(main, edited, 0o640)
	transport, _ := os.ReadFile(filepath.Join(dir, "transport"))
	ex := &sourcestest.Postconf{}
	_, err := sources.UndoConfig(context.Background(), ex, root)
	if err == nil || !strings.Contains(err.Error(), main+" changed since") {
		t.Fatalf("err %v", err)
	}
	if got, _ := os.ReadFile(main); !bytes.Equal(got, edited) {
		t.Errorf("main.cf lost the edit:\n%s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "transport")); !bytes.Equal(got, transport) || len(ex.Calls) > 0 {
		t.Errorf("restored part of it (ran %q)", ex.Calls)
	}
}

// A table that postmap cannot rebuild after the files went back is an
// error: Postfix would go on reading the changed table. It said ok.
func TestUndoFailedPostmapIsAnError(t *testing.T) {
	dir, _ := configDir(t)
	root := filepath.Join(t.TempDir(), "backups")
	applyThrottle(t, &sourcestest.Postconf{}, dir, root)
	ex := &sourcestest.Postconf{Fail: map[string]string{"postmap": "postmap: fatal: open database"}}
	if _, err := sources.UndoConfig(context.Background(), ex, root); err == nil || !strings.Contains(err.Error(), "postmap") {
		t.Fatalf("err %v", err)
	}
}

// Undo restores only what a backup of its own holds: a manifest naming a
// file outside its directory, or a backup directory others may write to,
// is refused before anything is copied or removed.
func TestUndoRefusesAPlantedBackup(t *testing.T) {
	dir, _ := configDir(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("private\n"), 0o600)
	victim := filepath.Join(dir, "leaked.txt")
	plant := func(root string) {
		b := filepath.Join(root, "99990101T000000.000Z")
		os.MkdirAll(b, 0o700)
		os.WriteFile(filepath.Join(b, "manifest.json"), []byte(`{"config_directory": "`+dir+`", "files": [
			{"path": "`+victim+`", "backup": "../../../`+strings.TrimPrefix(secret, "/")+`", "mode": 420, "existed": true},
			{"path": "`+filepath.Join(dir, "main.cf")+`", "existed": false}]}`), 0o600)
	}
	root := filepath.Join(t.TempDir(), "backups")
	plant(root)
	if _, err := sources.UndoConfig(context.Background(), &sourcestest.Postconf{}, root); err == nil {
		t.Error("a backup name with a directory in it was restored")
	}
	if _, err := os.Stat(victim); err == nil {
		t.Error("copied the secret")
	}
	if _, err := os.Stat(filepath.Join(dir, "main.cf")); err != nil {
		t.Errorf("removed main.cf: %v", err)
	}
	// A backup directory anyone may write to holds what anyone put there.
	shared := filepath.Join(t.TempDir(), "shared")
	os.Mkdir(shared, 0o777)
	os.Chmod(shared, 0o1777)
	applyThrottle(t, &sourcestest.Postconf{}, dir, shared)
	if _, err := sources.UndoConfig(context.Background(), &sourcestest.Postconf{}, shared); err == nil || !strings.Contains(err.Error(), "others may write") {
		t.Errorf("undo from a directory of mode 1777: %v", err)
	}
}

// Apply and undo write through a link to the file it names, and keep the
// file's owner and group: main.cf replaced by a file of its own left the
// link's target unchanged, and a table of group postfix turned root's,
// unreadable to Postfix's daemons.
func TestApplyKeepsLinksAndOwners(t *testing.T) {
	dir, files := configDir(t)
	shared := filepath.Join(t.TempDir(), "main.cf")
	os.WriteFile(shared, files["main.cf"], 0o640)
	mainCF := filepath.Join(dir, "main.cf")
	os.Remove(mainCF)
	if err := os.Symlink(shared, mainCF); err != nil {
		t.Fatal(err)
	}
	transport := filepath.Join(dir, "transport")
	const gid = 65534
	owned := os.Geteuid() == 0 && os.Chown(transport, 0, gid) == nil
	root := filepath.Join(t.TempDir(), "backups")
	applyThrottle(t, &sourcestest.Postconf{}, dir, root)
	check := func(when string, changed bool) {
		t.Helper()
		if fi, err := os.Lstat(mainCF); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s: main.cf is no link any more", when)
		}
		if got, _ := os.ReadFile(shared); bytes.Contains(got, []byte("slow_destination_concurrency_limit")) != changed {
			t.Errorf("%s: the link's target:\n%s", when, got)
		}
		if owned {
			if st, err := os.Stat(transport); err != nil || st.Sys().(*syscall.Stat_t).Gid != gid {
				t.Errorf("%s: the table's group changed", when)
			}
		}
	}
	check("after apply", true)
	if _, err := sources.UndoConfig(context.Background(), &sourcestest.Postconf{}, root); err != nil {
		t.Fatal(err)
	}
	check("after undo", false)
}

// Two instances sharing a backup directory: undo on one restores its own
// newest change, not the other's newer one.
func TestUndoTakesTheInstancesOwnBackup(t *testing.T) {
	a, filesA := configDir(t)
	b, _ := configDir(t)
	root := filepath.Join(t.TempDir(), "backups")
	applyThrottle(t, &sourcestest.Postconf{}, a, root)
	applyThrottle(t, &sourcestest.Postconf{}, b, root)
	bMain, _ := os.ReadFile(filepath.Join(b, "main.cf"))
	last, err := sources.LastBackupFor(root, a)
	if err != nil || last == "" {
		t.Fatalf("last backup of %s: %q %v", a, last, err)
	}
	if _, err := sources.UndoBackup(context.Background(), &sourcestest.Postconf{}, root, last); err != nil {
		t.Fatal(err)
	}
	for name, want := range filesA {
		if got, _ := os.ReadFile(filepath.Join(a, name)); !bytes.Equal(got, want) {
			t.Errorf("%s of the instance undone:\n%s", name, got)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(b, "main.cf")); !bytes.Equal(got, bMain) {
		t.Errorf("the other instance's main.cf changed:\n%s", got)
	}
	if last, _ := sources.LastBackupFor(root, a); last != "" {
		t.Errorf("after its undo, %s still has %s", a, last)
	}
}

// An undo whose postmap failed (the files back, the backup kept) is
// finished by the next undo: the files already hold their copies, so only
// the tables, check and reload are left. It was refused as "edited by
// hand", and blocked every undo after it.
func TestUndoFinishesAHalfDoneUndo(t *testing.T) {
	dir, files := configDir(t)
	root := filepath.Join(t.TempDir(), "backups")
	applyThrottle(t, &sourcestest.Postconf{}, dir, root)
	failing := &sourcestest.Postconf{Fail: map[string]string{"postmap": "postmap: fatal: lock"}}
	if _, err := sources.UndoConfig(context.Background(), failing, root); err == nil {
		t.Fatal("the undo with postmap failing succeeded")
	}
	ex := &sourcestest.Postconf{}
	if _, err := sources.UndoConfig(context.Background(), ex, root); err != nil {
		t.Fatalf("the second undo: %v", err)
	}
	if !slices.Contains(ex.Calls, "postmap hash:"+filepath.Join(dir, "transport")) {
		t.Errorf("the table was not rebuilt: %q", ex.Calls)
	}
	for name, b := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(got, b) {
			t.Errorf("%s:\n%s", name, got)
		}
	}
	if last, _ := sources.LastBackup(root); last != "" {
		t.Errorf("backup %s still to undo", last)
	}
}

// A domain without a line of its own goes where a line for a parent
// domain (or "*") sends it: the line added for it keeps that next hop, or
// its mail would go to its MX past the relay the table names. The line
// of a transport other than smtp cannot be taken over by an smtp one and
// refuses the change; "example.net" matches sub.example.net only when
// parent_domain_matches_subdomains lists transport_maps.
func TestPlanConfigKeepsAParentDomainsNextHop(t *testing.T) {
	for _, c := range []struct{ main, master, table, want, refused string }{
		{"", "", "# all of example.net\n.example.net\tsmtp:[10.0.0.5]:25\n",
			"# all of example.net\n.example.net\tsmtp:[10.0.0.5]:25\nsub.example.net\tslow:[10.0.0.5]:25\n", ""},
		{"", "", ".net\tsmtp:[10.0.0.9]\n.Example.NET\tsmtp:[10.0.0.5]\n",
			".net\tsmtp:[10.0.0.9]\n.Example.NET\tsmtp:[10.0.0.5]\nsub.example.net\tslow:[10.0.0.5]\n", ""},
		{"", "", "*\tsmtp:[10.0.0.7]\n", "*\tsmtp:[10.0.0.7]\nsub.example.net\tslow:[10.0.0.7]\n", ""},
		{"", "", "sub.example.net\tsmtp:\n.example.net\tsmtp:[10.0.0.5]\n", "sub.example.net\tslow:\n.example.net\tsmtp:[10.0.0.5]\n", ""},
		{"", "", "example.net\tsmtp:[10.0.0.5]\n", "example.net\tsmtp:[10.0.0.5]\nsub.example.net\tslow:\n", ""},
		{"parent_domain_matches_subdomains = relay_domains, transport_maps\n", "", "example.net\tsmtp:[10.0.0.5]\n",
			"example.net\tsmtp:[10.0.0.5]\nsub.example.net\tslow:[10.0.0.5]\n", ""},
		{"", "relay unix - - n - - smtp\n", ".example.net\trelay:[10.0.0.5]\n", ".example.net\trelay:[10.0.0.5]\nsub.example.net\tslow:[10.0.0.5]\n", ""},
		{"", "relay unix - - n - - smtp\n  -o smtp_fallback_relay=\n", ".example.net\trelay:[10.0.0.5]\n", "", ".example.net"},
		{"", "", ".example.net\tlmtp:[10.0.0.5]:24\n", "", "lmtp"},
		{"", "", "sub.example.net\tlmtp:[10.0.0.5]:24\n", "", "lmtp"},
	} {
		dir, _ := configDir(t)
		table := filepath.Join(dir, "transport")
		os.WriteFile(table, []byte(c.table), 0o644)
		os.WriteFile(filepath.Join(dir, "main.cf"), []byte("transport_maps = hash:"+table+"\n"+c.main), 0o644)
		os.WriteFile(filepath.Join(dir, "master.cf"), []byte("smtp unix - - n - - smtp\n"+c.master), 0o644)
		plan, err := sources.PlanConfig(context.Background(), &sourcestest.Postconf{}, dir,
			[]sources.ConfigChange{{Map: "hash:" + table, Key: "sub.example.net", Value: "slow:"}})
		if c.refused != "" {
			if err == nil || !strings.Contains(err.Error(), c.refused) {
				t.Errorf("%q: not refused naming %q: %v", c.table, c.refused, err)
			}
			continue
		}
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

// trivial-rewrite looks each key up in every table transport_maps lists,
// in the order it lists them, before the next key: the domain itself,
// then each domain it is part of, then "*". The slow route goes where the
// domain's own line is, in whichever table, and keeps the next hop of the
// line in force; a line added to the first table while the second routes
// the domain to a relay would win and send its mail past the relay.
func TestPlanConfigSearchesEveryTransportTable(t *testing.T) {
	for _, c := range []struct {
		name, list   string // transport_maps, with T1 and T2 for the tables
		t1, t2       string
		want1, want2 string // the tables after; "" for unchanged
		postmap      string // the table rebuilt: T1 or T2
	}{
		{"comma", "hash:T1, hash:T2", "other.example\tsmtp:[192.0.2.1]\n", "sub.big.example\tsmtp:[10.0.0.5]:25\n",
			"", "sub.big.example\tslow:[10.0.0.5]:25\n", "T2"},
		{"blanks", "hash:T1 hash:T2", "other.example\tsmtp:\n", "sub.big.example\tsmtp:[10.0.0.5]\n",
			"", "sub.big.example\tslow:[10.0.0.5]\n", "T2"},
		{"continued over lines", "hash:T1,\n    hash:T2", "other.example\tsmtp:\n", "sub.big.example\tsmtp:[10.0.0.5]\n",
			"", "sub.big.example\tslow:[10.0.0.5]\n", "T2"},
		{"texthash", "texthash:T1, texthash:T2", "other.example\tsmtp:\n", "sub.big.example\tsmtp:[10.0.0.5]\n",
			"", "sub.big.example\tslow:[10.0.0.5]\n", ""},
		{"lmdb", "lmdb:T1, lmdb:T2", "", "sub.big.example\tsmtp:[10.0.0.5]\n",
			"", "sub.big.example\tslow:[10.0.0.5]\n", "T2"},
		// The domain's own line in the second table wins over a parent
		// domain's in the first.
		{"own line after a parent's", "hash:T1, hash:T2", ".big.example\tsmtp:[10.0.0.9]\n", "sub.big.example\tsmtp:[10.0.0.5]\n",
			"", "sub.big.example\tslow:[10.0.0.5]\n", "T2"},
		// The first table's line wins; the second's is not in force.
		{"both tables", "hash:T1, hash:T2", "sub.big.example\tsmtp:[10.0.0.5]\n", "sub.big.example\tsmtp:[10.0.0.9]\n",
			"sub.big.example\tslow:[10.0.0.5]\n", "", "T1"},
		// No line of its own: the nearest parent domain's line, in
		// whichever table, gives the next hop, then "*".
		{"parent in the second", "hash:T1, hash:T2", "other.example\tsmtp:\n", ".big.example\tsmtp:[10.0.0.5]\n",
			"other.example\tsmtp:\nsub.big.example\tslow:[10.0.0.5]\n", "", "T1"},
		{"nearer parent in the second", "hash:T1, hash:T2", ".example\tsmtp:[10.0.0.9]\n", ".big.example\tsmtp:[10.0.0.5]\n",
			".example\tsmtp:[10.0.0.9]\nsub.big.example\tslow:[10.0.0.5]\n", "", "T1"},
		{"star before a parent", "hash:T1, hash:T2", "*\tsmtp:[10.0.0.9]\n", ".big.example\tsmtp:[10.0.0.5]\n",
			"*\tsmtp:[10.0.0.9]\nsub.big.example\tslow:[10.0.0.5]\n", "", "T1"},
		{"star in the second", "hash:T1, hash:T2", "other.example\tsmtp:\n", "*\tsmtp:[10.0.0.5]\n",
			"other.example\tsmtp:\nsub.big.example\tslow:[10.0.0.5]\n", "", "T1"},
	} {
		dir, _ := configDir(t)
		t1, t2 := filepath.Join(dir, "transport"), filepath.Join(dir, "transport.local")
		os.WriteFile(t1, []byte(c.t1), 0o644)
		os.WriteFile(t2, []byte(c.t2), 0o644)
		list := strings.NewReplacer("T1", t1, "T2", t2).Replace(c.list)
		os.WriteFile(filepath.Join(dir, "main.cf"), []byte("myhostname = mx.example.net\ntransport_maps = "+list+"\n"), 0o644)
		first, _, _ := strings.Cut(list, ",")
		first = strings.Fields(first)[0]
		plan, err := sources.PlanConfig(context.Background(), &sourcestest.Postconf{}, dir,
			[]sources.ConfigChange{{Map: first, Key: "sub.big.example", Value: "slow:"}})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got := map[string]string{}
		for _, f := range plan.Files {
			got[f.Path] = string(f.New)
		}
		for _, w := range []struct{ path, want string }{{t1, c.want1}, {t2, c.want2}} {
			if g, changed := got[w.path]; changed != (w.want != "") || g != w.want {
				t.Errorf("%s: %s became %q (changed %v), want %q\n%s", c.name, filepath.Base(w.path), g, changed, w.want, plan.Diff)
			}
		}
		var want []string
		if c.postmap != "" {
			typ, _, _ := strings.Cut(c.list, ":")
			want = []string{typ + ":" + map[string]string{"T1": t1, "T2": t2}[c.postmap]}
		}
		if !slices.Equal(plan.Postmap, want) {
			t.Errorf("%s: postmap %q, want %q", c.name, plan.Postmap, want)
		}
	}
}

// A table mxtop cannot read (regexp, pcre, LDAP, SQL, through proxymap,
// or an indexed file whose source is not there) may hold the domain's route: a
// regexp or pcre table matches the whole address before any domain line
// wherever it is listed, the others may have the domain's own line. The
// route is then not changed, and the error says which table and why. A
// line of the domain's own before any such table is in force, and changed.
func TestPlanConfigRefusesARouteAnUnreadTableMayHold(t *testing.T) {
	for _, c := range []struct {
		list, t1, t2 string
		refused      string // the table the error names; "" when changed
	}{
		{"pcre:/etc/postfix/transport.pcre, hash:T2", "", "sub.big.example\tsmtp:[10.0.0.5]\n", "pcre:/etc/postfix/transport.pcre"},
		{"hash:T1, pcre:/etc/postfix/transport.pcre", ".big.example\tsmtp:[10.0.0.5]\n", "", "pcre:/etc/postfix/transport.pcre"},
		{"hash:T1, regexp:/etc/postfix/transport.regexp", "other.example\tsmtp:\n", "", "regexp:/etc/postfix/transport.regexp"},
		{"hash:T1, ldap:/etc/postfix/ldap-transport.cf, hash:T2", "other.example\tsmtp:\n", "sub.big.example\tsmtp:[10.0.0.5]\n", "ldap:/etc/postfix/ldap-transport.cf"},
		{"proxy:mysql:/etc/postfix/mysql-transport.cf hash:T1", "sub.big.example\tsmtp:[10.0.0.5]\n", "", "proxy:mysql:/etc/postfix/mysql-transport.cf"},
		// "db": the source is not there, its indexed file is; "none":
		// neither is, and the table is empty to Postfix too.
		{"hash:T1, hash:T2", "other.example\tsmtp:\n", "db", "T2"},
		{"hash:T1, hash:T2", ".big.example\tsmtp:[10.0.0.5]\n", "none", ""},
		{"hash:T1, pcre:/etc/postfix/transport.pcre", "sub.big.example\tsmtp:[10.0.0.5]\n", "", ""},
	} {
		dir, _ := configDir(t)
		t1, t2 := filepath.Join(dir, "transport"), filepath.Join(dir, "transport.local")
		os.WriteFile(t1, []byte(c.t1), 0o644)
		switch c.t2 {
		case "db":
			os.WriteFile(t2+".db", []byte("not read"), 0o644)
		case "none":
		default:
			os.WriteFile(t2, []byte(c.t2), 0o644)
		}
		r := strings.NewReplacer("T1", t1, "T2", t2)
		os.WriteFile(filepath.Join(dir, "main.cf"), []byte("transport_maps = "+r.Replace(c.list)+"\n"), 0o644)
		// The change names the first table mxtop can add a line to.
		table := "hash:" + t1
		if !strings.Contains(c.list, "hash:T1") {
			table = "hash:" + t2
		}
		plan, err := sources.PlanConfig(context.Background(), &sourcestest.Postconf{}, dir,
			[]sources.ConfigChange{{Map: table, Key: "sub.big.example", Value: "slow:"}})
		if c.refused == "" {
			if err != nil || !strings.Contains(plan.Diff, "+sub.big.example\tslow:[10.0.0.5]\n") {
				t.Errorf("%s: %v\n%s", c.list, err, plan.Diff)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), r.Replace(c.refused)) {
			t.Errorf("%s: not refused naming %s: %v\n%s", c.list, r.Replace(c.refused), err, plan.Diff)
		}
	}
}
