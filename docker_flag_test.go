package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mxtop/model"
	"mxtop/sources"
)

// fakeDockerOnPath puts sources/testdata/fakedocker/docker alone on PATH
// in the given state, answering the container's postconf with the
// returned directory's files; argv returns each docker run's arguments.
func fakeDockerOnPath(t *testing.T, state string) (answers string, argv func() string) {
	t.Helper()
	bin, err := filepath.Abs("sources/testdata/fakedocker")
	if err != nil {
		t.Fatal(err)
	}
	answers = t.TempDir()
	file := filepath.Join(t.TempDir(), "argv")
	t.Setenv("PATH", bin)
	t.Setenv("FAKE_DOCKER_DIR", answers)
	t.Setenv("FAKE_DOCKER_ARGV", file)
	t.Setenv("FAKE_DOCKER_STATE", state)
	return answers, func() string {
		b, _ := os.ReadFile(file)
		return string(b)
	}
}

// A container name outside Docker's grammar is refused before anything
// runs, by every command that takes --docker: it would go into docker's
// argv, where "-it" or "--privileged" is an option.
func TestDockerNameRefused(t *testing.T) {
	_, argv := fakeDockerOnPath(t, "running")
	for _, bad := range []string{"-it", "--privileged", "mx;id", "m", "mx\x1b]52;c;aWQ=\x07"} {
		for _, args := range [][]string{
			{"report", "--docker", bad, "--log", os.DevNull},
			{"--docker", bad},
			{"serve", "--listen", "127.0.0.1:1", "--docker", bad},
			{"doctor", "--docker", bad},
		} {
			var out, errb bytes.Buffer
			code := run(args, strings.NewReader(""), &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), "not a container name or id") || strings.ContainsAny(errb.String(), "\x1b\x07") {
				t.Errorf("%q: exit %d, stderr %q", args, code, errb.String())
			}
		}
	}
	if got := argv(); got != "" {
		t.Errorf("docker ran: %s", got)
	}
}

// A report with --docker reads the log named and asks postconf inside
// the container; --patch (which diffs this host's files) and a relative
// --config-dir (a host path) are refused with the reason.
func TestReportInContainer(t *testing.T) {
	answers, argv := fakeDockerOnPath(t, "running")
	for name, text := range map[string]string{
		"postconf":    "mail_version = 3.8.6\nqueue_directory = /var/spool/postfix\nmyhostname = mail.example.org\n",
		"postconf_-n": "myhostname = mail.example.org\n",
		"postconf_-M": "smtp       inet  n       -       n       -       -       smtpd\n",
	} {
		if err := os.WriteFile(filepath.Join(answers, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	code := run([]string{"report", "--docker", "mailserver", "--format", "json", "--year", "2026", "testdata/lab/postfix-lab.log"}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(argv(), "[exec][mailserver][postconf][-n]") || strings.Contains(argv(), "[logs]") {
		t.Errorf("docker ran:\n%s", argv())
	}
	if !strings.Contains(out.String(), `"mail_version"`) && !strings.Contains(out.String(), "3.8.6") {
		t.Errorf("the report has not the container's configuration:\n%.2000s", out.String())
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--docker", "mailserver", "--patch", filepath.Join(t.TempDir(), "p.diff"), "testdata/lab/postfix-lab.log"}, "--patch diffs this host's configuration files"},
		{[]string{"report", "--docker", "mailserver", "--config-dir", "etc-postfix-out", "testdata/lab/postfix-lab.log"}, "--config-dir etc-postfix-out: with --docker the directory is the container's"},
		{[]string{"report", "--docker", "mailserver", "--journal"}, "docker logs -t mailserver"},
	} {
		out.Reset()
		errb.Reset()
		if code := run(c.args, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q", c.args, code, errb.String())
		}
	}
}

// doctor --docker on a stopped container says so, in docker's case,
// and fails.
func TestDoctorDockerNotRunning(t *testing.T) {
	fakeDockerOnPath(t, "stopped")
	var out, errb bytes.Buffer
	if code := run([]string{"doctor", "--docker", "mailserver"}, strings.NewReader(""), &out, &errb); code != 1 || !strings.Contains(out.String(), "container mailserver is not running (docker start mailserver") {
		t.Errorf("exit %d:\n%s%s", code, out.String(), errb.String())
	}
}

// The live view's actions with --docker read through docker exec and
// know the container, so that they show commands instead of running them.
func TestLiveActionsInContainer(t *testing.T) {
	a := liveActions(model.Options{Docker: "mx", Exec: sources.DockerExec{Host: sources.OSExec{}, Container: "mx"}}, false)
	if a.Container != "mx" || sources.InContainer(a.Exec) != "mx" {
		t.Errorf("%+v", a)
	}
	if a := liveActions(model.Options{}, true); a.Container != "" {
		t.Errorf("no --docker: %+v", a)
	}
}

// report --docker gives the hints' commands on Postfix as they run from
// the host, inside the container; doctor refuses a relative --config-dir
// with --docker, as the other commands do; undo --docker says there is
// nothing of the container's to undo, and runs nothing.
func TestContainerCommandsAndRefusals(t *testing.T) {
	answers, argv := fakeDockerOnPath(t, "running")
	for name, text := range map[string]string{
		"postconf":    "mail_version = 3.8.6\nqueue_directory = /var/spool/postfix\nconfig_directory = /etc/postfix\n",
		"postconf_-n": "myhostname = mail.example.org\n",
		"postconf_-M": "smtp       inet  n       -       n       -       -       smtpd\n",
	} {
		if err := os.WriteFile(filepath.Join(answers, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--docker", "mailserver", "--year", "2026", "testdata/lab/postfix-lab.log"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"Postfix runs in container mailserver: the commands on Postfix and its files run in it from this host (docker exec), and so do those that read the network",
		"run:     docker exec -i mailserver sh -c 'postfix reload'",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "run:"); ok {
			if cmd = strings.TrimSpace(cmd); strings.HasPrefix(cmd, "postconf ") || strings.HasPrefix(cmd, "postfix ") || strings.HasPrefix(cmd, "postqueue ") {
				t.Errorf("a command for the host's Postfix: %q", cmd)
			}
		}
	}
	ran := argv()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"doctor", "--docker", "mailserver", "--config-dir", "etc-postfix-out"}, 2, "--config-dir etc-postfix-out: with --docker the directory is the container's"},
		{[]string{"undo", "--docker", "mailserver"}, 1, "nothing to undo in container mailserver: with --docker, mxtop never applies a change there"},
		{[]string{"undo", "--docker", "-it"}, 2, "not a container name or id"},
	} {
		out.Reset()
		errb.Reset()
		if code := run(c.args, strings.NewReader(""), &out, &errb); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q", c.args, code, errb.String())
		}
	}
	if argv() != ran {
		t.Errorf("docker ran: %s", strings.TrimPrefix(argv(), ran))
	}
}
