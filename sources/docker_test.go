package sources

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeDocker puts testdata/fakedocker/docker alone on PATH, in the given
// state (running, stopped, missing, paused, down, hang), with answers
// from the returned directory (a command's output is the file named by
// its words joined with '_', '/' and ' ' made ':'). calls returns the
// argv of every docker run so far, one line each: [exec][mx][postconf].
func fakeDocker(t *testing.T, state string) (answers string, calls func() []string) {
	t.Helper()
	bin, err := filepath.Abs("testdata/fakedocker")
	if err != nil {
		t.Fatal(err)
	}
	answers = t.TempDir()
	argv := filepath.Join(t.TempDir(), "argv")
	t.Setenv("PATH", bin)
	t.Setenv("FAKE_DOCKER_DIR", answers)
	t.Setenv("FAKE_DOCKER_ARGV", argv)
	t.Setenv("FAKE_DOCKER_STATE", state)
	return answers, func() []string {
		b, err := os.ReadFile(argv)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
}

func answer(t *testing.T, dir, key, out string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, key), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// postconfAnswers are what postconf, postconf -n and postconf -M print
// in a container (-c DIR before them when dir is set).
func postconfAnswers(t *testing.T, answers, dir string) {
	pre := "postconf"
	if dir != "" {
		pre += "_-c_" + strings.ReplaceAll(dir, "/", ":")
	}
	answer(t, answers, pre, "mail_version = 3.8.6\nqueue_directory = /var/spool/postfix\ndefault_process_limit = 100\nmyhostname = mail.example.org\n")
	answer(t, answers, pre+"_-n", "myhostname = mail.example.org\n")
	answer(t, answers, pre+"_-M", "smtp       inet  n       -       n       -       -       smtpd\nsmtp       unix  -       -       n       -       -       smtp\n")
}

// Postfix's reading commands run inside the container as docker exec
// NAME CMD ARG..., every argument one word of docker's argv as given
// (one with a space and a quote too), and the configuration, queue and
// instances read through it are the container's.
func TestDockerExecRoutesPostfixCommandsWithArgvIntact(t *testing.T) {
	answers, calls := fakeDocker(t, "running")
	ex := DockerExec{Host: OSExec{}, Container: "mailserver-1"}
	ctx := context.Background()

	answer(t, answers, "postconf_-h_it's:a:value", "ok\n")
	out, err := ex.Output(ctx, "postconf", "-h", "it's a value")
	if err != nil || string(out) != "ok\n" {
		t.Fatalf("postconf: %q %v", out, err)
	}
	postconfAnswers(t, answers, "/etc/postfix-out")
	cfg, err := (&ConfigReader{Exec: ex, ConfigDir: "/etc/postfix-out"}).Read(ctx)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	if cfg.Get("myhostname") != "mail.example.org" || len(cfg.Services) != 2 || cfg.Explicit["myhostname"] == "" {
		t.Fatalf("config read through docker exec: %+v", cfg)
	}
	answer(t, answers, "postqueue_-j", `{"queue_name": "deferred", "queue_id": "4BC2D1E07A", "arrival_time": 1700000000, "message_size": 1200, "sender": "a@example.org", "recipients": [{"address": "b@example.com", "delay_reason": "connect to mx.example.com[192.0.2.7]:25: Connection timed out"}]}`+"\n")
	q, err := (&QueueReader{Exec: ex}).Read(ctx)
	if err != nil || q.Total() != 1 {
		t.Fatalf("queue: %+v %v", q, err)
	}
	answer(t, answers, "postmulti_-l", "-               -               y         /etc/postfix\npostfix-out     mta             y         /etc/postfix-out\n")
	list, err := ListInstances(ctx, ex)
	if err != nil || len(list) != 2 || list[1].ConfigDir != "/etc/postfix-out" {
		t.Fatalf("instances: %+v %v", list, err)
	}
	want := []string{
		"[exec][mailserver-1][postconf][-h][it's a value]",
		"[exec][mailserver-1][postconf][-c][/etc/postfix-out]",
		"[exec][mailserver-1][postconf][-c][/etc/postfix-out][-n]",
		"[exec][mailserver-1][postconf][-c][/etc/postfix-out][-M]",
		"[exec][mailserver-1][postqueue][-j]",
		"[exec][mailserver-1][postmulti][-l]",
	}
	if got := calls(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("docker ran\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The host's own commands stay on the host: journalctl is looked for
	// on its PATH (which has only docker here), and docker is docker.
	if _, err := ex.Output(ctx, "journalctl", "--version"); !errors.Is(err, ErrNotFound) {
		t.Errorf("journalctl went elsewhere than the host: %v", err)
	}
	answer(t, answers, "logs", "")
	if _, err := ex.Output(ctx, "docker", "logs", "--tail", "1", "mailserver-1"); err != nil {
		t.Errorf("docker logs: %v", err)
	}
	if got := calls(); got[len(got)-1] != "[logs][--tail][1][mailserver-1]" {
		t.Errorf("docker logs ran as %s", got[len(got)-1])
	}
	// A command mxtop does not read with is not run at all.
	before := len(calls())
	if _, err := ex.Output(ctx, "postsuper", "-d", "ALL"); err == nil || !strings.Contains(err.Error(), "not run") {
		t.Errorf("postsuper through Output: %v", err)
	}
	if len(calls()) != before {
		t.Errorf("postsuper reached docker: %q", calls()[before:])
	}
}

// What changes the container (a queue action, a configuration change)
// is refused without running docker at all.
func TestDockerExecRunsNoChange(t *testing.T) {
	_, calls := fakeDocker(t, "running")
	ex := DockerExec{Host: OSExec{}, Container: "mx"}
	for _, c := range [][]string{{"postsuper", "-d", "-"}, {"postconf", "-e", "relayhost = [smtp.example.net]:587"}, {"postfix", "reload"}, {"postqueue", "-i", "4BC2D1E07A"}} {
		_, err := ex.Run(context.Background(), []byte("4BC2D1E07A\n"), c[0], c[1:]...)
		if !errors.Is(err, ErrContainerChange) || !strings.Contains(err.Error(), "container mx") {
			t.Errorf("%q: %v", c, err)
		}
	}
	res := RunCommands(context.Background(), ex, []Command{{Name: "postsuper", Args: []string{"-h", "-"}, Stdin: []string{"4BC2D1E07A"}}})
	if res.Failed != 1 || !errors.Is(res.Err, ErrContainerChange) {
		t.Errorf("queue action: %+v", res)
	}
	if got := calls(); len(got) != 0 {
		t.Fatalf("docker ran: %q", got)
	}
}

func TestCheckContainerName(t *testing.T) {
	for _, ok := range []string{"mailserver", "mailcowdockerized-postfix-mailcow-1", "mx_1", "mail.example.org", "4f1e0c7d2b9a", "4f1e0c7d2b9a5e3f8a6c1d0b7e2f9a4c3d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90", "M1"} {
		if err := CheckContainerName(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	_, calls := fakeDocker(t, "running")
	if _, err := (DockerExec{Host: OSExec{}, Container: "--privileged"}).Output(context.Background(), "postconf", "-n"); err == nil || len(calls()) != 0 {
		t.Errorf("an option as the container: %v, docker ran %q", err, calls())
	}
	for _, bad := range []string{"", "m", "-it", "--privileged", "_mx", ".mx", "mx;id", "mx postconf", "/mx", "mx/1", "mx\n", "mx\x1b[2J", "mäil", strings.Repeat("a", 256)} {
		err := CheckContainerName(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
			continue
		}
		if strings.ContainsAny(err.Error(), "\n\x1b") || !strings.Contains(err.Error(), "not a container name") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A docker exec that never ends is killed at the bound, and the error
// says the command inside the container may go on running: killing the
// client does not stop it.
func TestDockerExecHangingDocker(t *testing.T) {
	fakeDocker(t, "hang")
	ex := DockerExec{Host: OSExec{Timeout: 300 * time.Millisecond}, Container: "mx"}
	start := time.Now()
	_, err := (&ConfigReader{Exec: ex}).Read(context.Background())
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out after 300ms, killed") || !strings.Contains(err.Error(), "inside container mx may still run") {
		t.Fatalf("postconf: %v", err)
	}
	_, err = (&QueueReader{Exec: ex}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "postqueue -j: timed out after 300ms, killed") || !strings.Contains(err.Error(), "inside container mx may still run") {
		t.Fatalf("postqueue: %v", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("two reads bounded at 300 ms took %v", took)
	}
}

// No docker client on this host: said as such, not as a Postfix that is
// not installed.
func TestDockerExecMissingDocker(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	ex := DockerExec{Host: OSExec{}, Container: "mx"}
	_, err := (&ConfigReader{Exec: ex}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "docker not found") || strings.Contains(err.Error(), "is Postfix installed") {
		t.Fatalf("config: %v", err)
	}
	_, err = (&QueueReader{Exec: ex}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "docker not found") || strings.Contains(err.Error(), "postqueue not found") {
		t.Fatalf("queue: %v", err)
	}
}

// docker's own errors (its words as the daemon writes them) become what
// the admin does about them; a Postfix command missing from the
// container says so.
func TestDockerExecContainerNotRunning(t *testing.T) {
	for _, c := range []struct{ state, want string }{
		{"stopped", "container mx is not running (docker start mx"},
		{"missing", "no container mx on this host"},
		{"paused", "container mx is paused (docker unpause mx)"},
		{"down", "the Docker daemon does not answer"},
		{"running", "postconf not found in container mx"},
	} {
		t.Run(c.state, func(t *testing.T) {
			fakeDocker(t, c.state)
			ex := DockerExec{Host: OSExec{}, Container: "mx"}
			_, err := (&ConfigReader{Exec: ex}).Read(context.Background())
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "postconf (docker exec mx): ") {
				t.Errorf("config: %v", err)
			}
			if c.state == "running" {
				return
			}
			_, err = (&QueueReader{Exec: ex}).Read(context.Background())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("queue: %v", err)
			}
		})
	}
}

// doctor --docker reads the container's log with docker logs and its
// configuration and queue with docker exec, and says the machine's
// figures are the host's; it looks for no log file on the host.
func TestDoctorInContainer(t *testing.T) {
	answers, calls := fakeDocker(t, "running")
	postconfAnswers(t, answers, "")
	answer(t, answers, "postqueue_-j", "")
	answer(t, answers, "postmulti_-l", "-               -               y         /etc/postfix\n")
	answer(t, answers, "logs", "2026-03-02T10:15:04.120000000Z Mar  2 10:15:04 mail postfix/qmgr[311]: 4BC2D1E07A: from=<a@example.org>, size=1200, nrcpt=1 (queue active)\n"+
		"2026-03-02T10:15:05.000000000Z [supervisord] INFO success: rsyslog entered RUNNING state\n"+
		"2026-03-02T10:15:06.500000000Z Mar  2 10:15:06 mail postfix/smtp[312]: 4BC2D1E07A: to=<b@example.com>, relay=mx.example.com[192.0.2.7]:25, delay=2, delays=0.1/0/1/0.9, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n")
	var b strings.Builder
	ok := Doctor(context.Background(), DockerExec{Host: OSExec{}, Container: "mx"}, "", &b)
	out := b.String()
	for _, want := range []string{
		"[ok  ] log        docker logs mx: 2 of its last 3 lines are Postfix's",
		"[ok  ] postconf   Postfix 3.8.6, 4 parameters (1 set in main.cf), 2 master.cf services in container mx",
		"[ok  ] postqueue  postqueue -j in container mx: 0 messages queued",
		"this host's, shared by every container on it, not container mx's own",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor says\n%s\nwithout %q", out, want)
		}
	}
	if strings.Contains(out, "log place") {
		t.Errorf("doctor looked for a log file on the host:\n%s", out)
	}
	if !strings.Contains(strings.Join(calls(), "\n"), "[logs][--timestamps][--tail][200][mx]") {
		t.Errorf("docker ran %q", calls())
	}
	_ = ok // the machine half reads this test host, which has no Postfix

	// A log without Postfix's lines: they go elsewhere, and doctor says
	// where to look.
	answer(t, answers, "logs", "2026-03-02T10:15:05.000000000Z [supervisord] INFO success: rsyslog entered RUNNING state\n")
	b.Reset()
	Doctor(context.Background(), DockerExec{Host: OSExec{}, Container: "mx"}, "", &b)
	if !strings.Contains(b.String(), "[FAIL] log        docker logs mx: none of its last 1 lines is Postfix's") || !strings.Contains(b.String(), "--log FILE, beside --docker mx") {
		t.Errorf("doctor says\n%s", b.String())
	}
}

// A container that is not running: doctor says so for each reading.
func TestDoctorContainerNotRunning(t *testing.T) {
	fakeDocker(t, "stopped")
	var b strings.Builder
	if Doctor(context.Background(), DockerExec{Host: OSExec{}, Container: "mx"}, "", &b) {
		t.Errorf("doctor passed a stopped container:\n%s", b.String())
	}
	for _, want := range []string{"[FAIL] postconf   postconf (docker exec mx): container mx is not running (docker start mx", "[FAIL] postqueue  "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("doctor says\n%s\nwithout %q", b.String(), want)
		}
	}
}

// docker inspect says a missing container in other words than docker
// exec ("Error: No such object: NAME"): both read as no such container.
func TestDockerInspectMissingContainer(t *testing.T) {
	d := DockerExec{Host: OSExec{}, Container: "mx"}
	err := d.explain("docker", []string{"inspect", "-f", "{{.State.Pid}}", "mx"}, "docker", errors.New("Error: No such object: mx"))
	if err == nil || !strings.Contains(err.Error(), "no container mx on this host") {
		t.Errorf("got %v", err)
	}
}
