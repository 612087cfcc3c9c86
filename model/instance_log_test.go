package model

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"mxtop/sources/sourcestest"
)

// With another instance's configuration directory and no log named, the
// log looked for is that instance's maillog_file: Postfix writes it per
// instance, and the default instance's (or its missing main.cf) says
// nothing of the one read.
func TestDetectedLogIsTheInstancesOwn(t *testing.T) {
	dir := t.TempDir()
	own, other := filepath.Join(dir, "out.log"), filepath.Join(dir, "default.log")
	for _, p := range []string{own, other} {
		if err := os.WriteFile(p, []byte("Dec  3 22:42:50 mx1 postfix/smtp[1]: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, defaultLog := range []string{other, ""} {
		fx := &sourcestest.FakeExec{Outputs: map[string]string{"postconf -c /etc/postfix-out -h maillog_file": own + "\n"}}
		if defaultLog != "" {
			fx.Outputs["postconf -h maillog_file"] = defaultLog + "\n"
		} // else postconf without -c fails, as with no /etc/postfix/main.cf
		o := Options{ConfigDir: "/etc/postfix-out", Exec: fx}
		report, err := o.ReplaySpec(context.Background())
		if err != nil || len(report.Paths) != 1 || report.Paths[0] != own {
			t.Errorf("report, default instance's log %q: %v %v", defaultLog, report.Paths, err)
		}
		live, err := o.FollowSpec(context.Background())
		if err != nil || len(live.Paths) != 1 || live.Paths[0] != own {
			t.Errorf("live view, default instance's log %q: %v %v", defaultLog, live.Paths, err)
		}
	}
}
