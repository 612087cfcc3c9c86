package model

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mxtop/sources"
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

// A report for postfix-out (--instance) of a log both instances write:
// the default instance's refusals get commands for the default instance's
// directory, which postmulti listed, and nothing a would apply to
// postfix-out.
func TestReportAimsAtTheInstanceOfTheLines(t *testing.T) {
	dir := t.TempDir()
	var log strings.Builder
	for i := range 20 {
		for j := range 3 { // three at once: concurrency, not rate
			fmt.Fprintf(&log, "Dec  3 22:%02d:19 mx1 postfix/smtp[%d]: 7E1A2B%d%d: to=<x%d@outlook.example>, relay=mx.outlook.example[192.0.2.20]:25, delay=2, delays=1/0/1/0, dsn=4.7.0, status=deferred (host mx.outlook.example[192.0.2.20] refused to talk to me: 421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel)\n", 10+i, 400+3*i+j, i, j, i)
		}
		fmt.Fprintf(&log, "Dec  3 22:%02d:42 mx1 postfix-out/smtp[%d]: 8E1A2B3C%d: to=<y%d@example.org>, relay=mx.example.org[192.0.2.30]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC%d)\n", 10+i, 500+i, i, i, i)
	}
	files := map[string]string{
		"mail.log":  log.String(),
		"main.cf":   "syslog_name = postfix-out\nmulti_instance_name = postfix-out\nmulti_instance_enable = yes\n",
		"master.cf": "smtp inet n - y - - smtpd\nsmtp unix - - y - - smtp\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o := Options{Logs: []string{filepath.Join(dir, "mail.log")}, Year: 2026, PostconfFile: filepath.Join(dir, "main.cf"), MasterFile: filepath.Join(dir, "master.cf"),
		ConfigDir: "/etc/postfix-out", NoMachine: true,
		Instances: []sources.Instance{{Name: "main", ConfigDir: "/srv/postfix"}, {Name: "postfix-out", ConfigDir: "/etc/postfix-out"}}}
	res, err := RunReport(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range res.Engine.Hints(true) {
		if h.ID != "destination_concurrency" {
			continue
		}
		if len(h.Changes) > 0 {
			t.Errorf("a would apply %+v to postfix-out", h.Changes)
		}
		for _, a := range h.Steps {
			if a.Command && strings.HasPrefix(a.Text, "post") {
				n++
				if !strings.Contains(a.Text, " -c /srv/postfix ") {
					t.Errorf("not aimed at the default instance: %q", a.Text)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no destination_concurrency hint with Postfix commands")
	}
}
