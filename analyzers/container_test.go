package analyzers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"mxtop/sources"
)

// containerHint mixes what a hint tells to do: a main.cf change, a
// pipeline over the queue, an edit of a table's file and its postmap, a
// look at the host and the network, and sentences.
func containerHint() Hint {
	h := Hint{ID: "rate_delay", Subject: "example.com", Steps: []Action{
		cmd(postconfSet("smtp_helo_name", "mail.example.org")),
		cmd("postqueue -p | grep -c '^[0-9A-F]'   # messages in the queue"),
		cmd(shellCmd("sed -i", `/^example\.com[[:space:]]/d`, "/etc/postfix/transport")),
		cmd(shellCmd("postmap", "hash:/etc/postfix/transport")),
		cmd("postfix reload"),
		cmd("top -b -n 1 -o %CPU | head -20"),
		cmd("ss -ltnx | head -40   # what listens here"),
		cmd(shellCmd("dig +short MX", "example.com")),
		cmd(shellCmd("openssl s_client -starttls smtp -connect", "mx.example.com:25") + " </dev/null"),
		say("then postfix reload; systemctl show postfix -p MemoryMax tells the unit's limit"),
	}}
	h.Actions = texts(h.Steps)
	return h
}

// With Postfix in container mx, every command on Postfix or its files
// runs in it from the host, quoted as one word, and so does one that
// reads the network's state (its own network, not known to be the
// host's); the host's commands and tests of a remote host stay; a sentence's Postfix command gets the docker
// exec that runs it, a systemd unit's name does not.
func TestContainerStepsRunInside(t *testing.T) {
	h := containerHint()
	orig := slices.Clone(h.Steps)
	got := ContainerOf("mx", nil, "").Hints([]Hint{h})
	want := []Action{
		cmd(`docker exec -i mx sh -c 'postconf -e '\''smtp_helo_name = mail.example.org'\'''`),
		cmd(`docker exec -i mx sh -c 'postqueue -p | grep -c '\''^[0-9A-F]'\'''   # messages in the queue`),
		cmd(`docker exec -i mx sh -c 'sed -i '\''/^example\.com[[:space:]]/d'\'' /etc/postfix/transport'`),
		cmd(`docker exec -i mx sh -c 'postmap hash:/etc/postfix/transport'`),
		cmd(`docker exec -i mx sh -c 'postfix reload'`),
		cmd("top -b -n 1 -o %CPU | head -20"),
		cmd(`docker exec -i mx sh -c 'ss -ltnx | head -40'   # what listens here; in the container's network (an image without ss: nsenter -n -t "$(docker inspect -f '{{.State.Pid}}' mx)" ss -ltnx | head -40, as root)`),
		cmd("dig +short MX example.com"),
		cmd("openssl s_client -starttls smtp -connect mx.example.com:25 </dev/null"),
		say("then docker exec -i mx postfix reload; systemctl show postfix -p MemoryMax tells the unit's limit"),
	}
	if !reflect.DeepEqual(got[0].Steps, want) {
		for i := range want {
			if i >= len(got[0].Steps) || got[0].Steps[i] != want[i] {
				t.Errorf("step %d:\n got %+v\nwant %+v", i, got[0].Steps[min(i, len(got[0].Steps)-1)], want[i])
			}
		}
	}
	if !slices.Equal(got[0].Actions, texts(want)) {
		t.Errorf("actions %q", got[0].Actions)
	}
	if !reflect.DeepEqual(h.Steps, orig) {
		t.Errorf("the engine's hint changed: %+v", h.Steps)
	}
	// Shown twice (a report of hints already shown), the same.
	if again := ContainerOf("mx", nil, "").Hints(got); !reflect.DeepEqual(again, got) {
		t.Errorf("wrapped twice:\n%+v", again[0].Steps)
	}
	// Without a container, nothing changes.
	if same := (Container{}).Hints([]Hint{h}); !reflect.DeepEqual(same, []Hint{h}) {
		t.Errorf("no container: %+v", same[0].Steps)
	}
	e := NewEngine(0)
	if same := e.ForHost([]Hint{h}); !reflect.DeepEqual(same, []Hint{h}) {
		t.Errorf("engine without a container: %+v", same[0].Steps)
	}
}

// The container's own directories (its config_directory, a
// --config-dir) count as Postfix's; a restart is the container's, since
// postfix stop inside it may stop the container; a command that needs
// bash is run with bash; the unit's journal is the container's output; a
// name outside Docker's grammar goes into no command.
func TestContainerSpecialCommands(t *testing.T) {
	cfg := configOf("config_directory = /usr/local/etc/postfix\nqueue_directory = /srv/spool/postfix\n", "")
	c := ContainerOf("mx", cfg, "/etc/postfix-out")
	for _, tc := range []struct{ in, want Action }{
		{cmd("namei -l /usr/local/etc/postfix/main.cf"), cmd("docker exec -i mx sh -c 'namei -l /usr/local/etc/postfix/main.cf'")},
		{cmd("ls -ld /srv/spool/postfix/maildrop"), cmd("docker exec -i mx sh -c 'ls -ld /srv/spool/postfix/maildrop'")},
		{cmd("postconf -c /etc/postfix-out -n"), cmd("docker exec -i mx sh -c 'postconf -c /etc/postfix-out -n'")},
		{cmd("grep -n relayhost /etc/postfix-out/main.cf"), cmd("docker exec -i mx sh -c 'grep -n relayhost /etc/postfix-out/main.cf'")},
		{cmd("ls -ld /srv/spool/postfix-other"), cmd("ls -ld /srv/spool/postfix-other")},
		{cmd("postqueue -j | jq -r .queue_id | xargs -r -n 1 postqueue -i"), cmd(`docker exec -i mx postqueue -j | jq -r .queue_id | docker exec -i mx xargs -r -n 1 postqueue -i`)},
		{cmd(`df -h "$(postconf -h queue_directory)" /tmp`), cmd(`docker exec -i mx sh -c 'df -h "$(postconf -h queue_directory)" /tmp'`)},
		{cmd("postconf -d | diff - <(postconf)   # defaults versus what is in force"), cmd(`docker exec -i mx bash -c 'postconf -d | diff - <(postconf)'   # defaults versus what is in force`)},
		{cmd("postfix stop; postfix start"), cmd("docker restart mx   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is")},
		{cmd("postfix check   # after the change; then postfix stop; postfix start"), cmd("docker exec -i mx sh -c 'postfix check'   # after the change; then docker restart mx")},
		{cmd("journalctl -u 'postfix*' -n 100 --no-pager"), cmd("docker logs --tail 100 mx 2>&1   # the container's output, where Postfix logs with maillog_file = /dev/stdout (the journald log driver keeps it too: journalctl CONTAINER_NAME=mx)")},
		{cmd("systemctl list-units 'postfix*'"), cmd("systemctl list-units 'postfix*'")},
		// The comment has no blank before it: it goes inside, not after
		// the quoted command, where the host would read it as the word's.
		{cmd("postconf -n;# x; id"), cmd("docker exec -i mx sh -c 'postconf -n;# x; id'")},
	} {
		if got := c.Steps([]Action{tc.in}); got[0] != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in.Text, got[0].Text, tc.want.Text)
		}
	}
	bad := Container{Name: "-it", Dirs: postfixDirs}
	got := bad.Steps([]Action{cmd("postfix reload"), cmd("top -b -n 1"), say("then postfix reload")})
	if got[0].Command || got[1] != cmd("top -b -n 1") || got[2] != say("then postfix reload") {
		t.Errorf("a name outside the grammar: %+v", got)
	}
}

// dockerArgs runs each line through a real sh with docker a function that
// prints its arguments: what docker would be given, each word as the
// shell read it.
func dockerArgs(t *testing.T, lines []string) [][]string {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	script := "docker() { printf '%s\\001' \"$@\"; printf '\\002'; }\n" + strings.Join(lines, "\n") + "\n"
	run := exec.Command(sh, "-c", script)
	run.Dir = t.TempDir()
	out, err := run.Output()
	if err != nil {
		t.Fatalf("sh: %v", err)
	}
	var calls [][]string
	for _, c := range strings.Split(strings.TrimSuffix(string(out), "\x02"), "\x02") {
		calls = append(calls, strings.Split(strings.TrimSuffix(c, "\x01"), "\x01"))
	}
	if len(calls) != len(lines) {
		t.Fatalf("%d lines gave %d docker calls: %q", len(lines), len(calls), out)
	}
	return calls
}

// body is the command a wrapped step runs in the container: the step's
// text without its comment, when that stays outside.
func body(text string) string {
	b, _, _ := scanShell(text).split()
	return b
}

// Values a log line put in a command (a table key, a file's name, a
// comment's words) reach the container as they were: the host's shell
// gives docker exactly exec -i mx sh -c and the original command, one
// word, and runs nothing of them.
func TestContainerQuotingRoundTrips(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	var lines, want []string
	for _, v := range hostileNames {
		for _, text := range []string{
			shellCmd("postmap -q", v, "hash:/etc/postfix/transport"),
			shellCmd("postmap -q", v, "hash:/etc/postfix/transport") + "   # the action for " + v,
			postconfSet("smtp_helo_name", v),
			shellCmd("grep -F", v, "/etc/postfix/"+v),
		} {
			got := c.Steps([]Action{cmd(text)})[0]
			if !got.Command || !strings.HasPrefix(got.Text, "docker exec -i mx sh -c ") {
				t.Fatalf("%q: %+v", text, got)
			}
			if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(got.Text), ""); err != nil {
				t.Errorf("%q is not shell: %v", got.Text, err)
			}
			lines, want = append(lines, got.Text), append(want, body(text))
		}
	}
	for i, args := range dockerArgs(t, lines) {
		if !slices.Equal(args, []string{"exec", "-i", "mx", "sh", "-c", want[i]}) {
			t.Errorf("%s\nreached docker as %q", lines[i], args)
		}
	}
}

// containerForms are the host commands the hints give that have a form of
// their own for container mx (hostSteps), with that form: the one
// exception to host commands staying as they are.
var containerForms = map[string]string{
	// Postfix's lines are the container's output, not a unit's journal.
	"journalctl -u 'postfix*' -n 100 --no-pager": "docker logs --tail 100 mx 2>&1",
	// The host's mail log holds none of the container's lines.
	"grep -E 'fatal|panic' /var/log/mail.log | tail -n 20": "docker logs mx 2>&1 | grep -E 'fatal|panic' | tail -n 20",
}

// Every command the hints give (the lab, hostile names, every knowledge
// entry) runs in the container exactly when a shell parser finds a
// Postfix program among its commands or it names Postfix's files; each
// one wrapped reaches docker as the command it was; a host command stays
// as it is, or becomes its form in containerForms.
func TestContainerWrapsEveryPostfixCommand(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	seen := map[string]bool{}
	formed := map[string]bool{}
	var lines, want []string
	wrapped, host := 0, 0
	for name, e := range actionEngines(t) {
		for _, h := range e.Hints(true) {
			for _, a := range h.Steps {
				if !a.Command || seen[a.Text] {
					continue
				}
				seen[a.Text] = true
				got := c.Steps([]Action{a})[0]
				inside := strings.HasPrefix(got.Text, "docker exec -i mx ") || strings.HasPrefix(got.Text, "docker restart mx")
				runs := runsPostfix(t, a.Text)
				names := slices.ContainsFunc(c.Dirs, func(d string) bool { return strings.Contains(a.Text, d) })
				network := readsNetwork(t, a.Text) && !a.host
				pkgs := readsPackages(t, a.Text)
				switch {
				case runs && !inside:
					t.Errorf("%s: %s: runs Postfix, left on the host: %q", name, h.ID, got.Text)
				case network && !inside:
					t.Errorf("%s: %s: reads the network, left on the host: %q", name, h.ID, got.Text)
				case pkgs && !inside:
					t.Errorf("%s: %s: reads the installed packages, left on the host: %q", name, h.ID, got.Text)
				case !runs && !names && !network && !pkgs && inside:
					t.Errorf("%s: %s: runs no Postfix, sent inside: %q", name, h.ID, got.Text)
				case !inside && body(got.Text) != body(a.Text):
					if form, ok := containerForms[body(a.Text)]; !ok || body(got.Text) != form {
						t.Errorf("%s: %s: a host command changed: %q", name, h.ID, got.Text)
					}
					formed[body(a.Text)] = true
				}
				if inside {
					wrapped++
					if strings.HasPrefix(got.Text, "docker exec -i mx sh -c ") && len(scanShell(got.Text).stmts) == 1 {
						lines, want = append(lines, got.Text), append(want, body(a.Text))
					}
				} else {
					host++
				}
			}
		}
	}
	if wrapped < 100 || host < 10 {
		t.Fatalf("%d commands wrapped, %d left on the host: too few to tell", wrapped, host)
	}
	for from := range containerForms {
		if !formed[from] {
			t.Errorf("no hint gives %q: its form is not tested", from)
		}
	}
	for i, args := range dockerArgs(t, lines) {
		if !slices.Equal(args, []string{"exec", "-i", "mx", "sh", "-c", want[i]}) {
			t.Errorf("%s\nreached docker as %q", lines[i], args)
		}
	}
}

// eachCall runs f on each simple command of a command line, as mvdan's
// parser reads it in bash.
func eachCall(t *testing.T, text string, f func(*syntax.CallExpr)) {
	t.Helper()
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), "")
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	syntax.Walk(file, func(n syntax.Node) bool {
		if call, ok := n.(*syntax.CallExpr); ok && len(call.Args) > 0 {
			f(call)
		}
		return true
	})
}

// readsNetwork tells, by mvdan's parser, whether a command line runs a
// command that reads the network's state where it runs: ss, netstat, ip,
// ifconfig, route, nc, or sysctl on a net. key.
func readsNetwork(t *testing.T, text string) bool {
	found := false
	eachCall(t, text, func(call *syntax.CallExpr) {
		switch path.Base(call.Args[0].Lit()) {
		case "ss", "netstat", "ip", "ifconfig", "route", "nc", "ncat":
			found = true
		case "openssl", "telnet", "curl", "swaks":
			for _, w := range call.Args[1:] {
				found = found || regexp.MustCompile(`^(\[::1\]|127\.[0-9.]+|localhost)(:[0-9]+)?$`).MatchString(w.Lit())
			}
		case "sysctl":
			for _, w := range call.Args[1:] {
				found = found || strings.HasPrefix(w.Lit(), "net.")
			}
		}
	})
	return found
}

// readsPackages tells, by mvdan's parser, whether a command line reads
// what packages are installed where it runs, without installing any:
// dpkg, dpkg-query, apt-mark, apt-cache, rpm -q or -V, and dnf's or
// yum's check, list and info.
func readsPackages(t *testing.T, text string) bool {
	found := false
	eachCall(t, text, func(call *syntax.CallExpr) {
		var args []string
		for _, w := range call.Args[1:] {
			args = append(args, w.Lit())
		}
		switch path.Base(call.Args[0].Lit()) {
		case "dpkg-query", "apt-mark", "apt-cache":
			found = true
		case "dpkg":
			found = found || slices.ContainsFunc(args, func(a string) bool {
				return slices.Contains([]string{"--audit", "-C", "-l", "--list", "-s", "--status", "-L", "--listfiles", "-S", "--search", "-V", "--verify"}, a)
			})
		case "rpm":
			found = found || len(args) > 0 && (strings.HasPrefix(args[0], "-q") || strings.HasPrefix(args[0], "-V"))
		case "dnf", "yum":
			found = found || len(args) > 0 && slices.Contains([]string{"check", "list", "info"}, args[0])
		}
	})
	return found
}

// runsPostfix tells, by mvdan's parser, whether a command line runs a
// Postfix program: as a command, or as the command xargs or time runs.
func runsPostfix(t *testing.T, text string) bool {
	found := false
	eachCall(t, text, func(call *syntax.CallExpr) {
		first := path.Base(call.Args[0].Lit())
		for i, w := range call.Args {
			if i > 0 && !slices.Contains(shellPrefixes, first) {
				break
			}
			if slices.Contains(postfixPrograms, path.Base(w.Lit())) {
				found = true
			}
		}
	})
	return found
}

// A report of a container's Postfix says so and gives its commands as
// they run from the host, in the text, the Markdown and the JSON; the
// host's own commands stay.
func TestReportInContainerWrapsCommands(t *testing.T) {
	e := labEngine(t)
	plain := e.Report(ReportOptions{Whole: true, GeneratedAt: t0})
	e.Container = "mx"
	r := e.Report(ReportOptions{Whole: true, GeneratedAt: t0})
	if r.Container != "mx" || len(r.Hints) != len(plain.Hints) {
		t.Fatalf("container %q, %d hints for %d", r.Container, len(r.Hints), len(plain.Hints))
	}
	var txt, md strings.Builder
	r.WriteText(&txt)
	r.WriteMarkdown(&md)
	for _, want := range []string{
		"Postfix runs in container mx: the commands on Postfix and its files run in it from this host (docker exec), and so do those that read the network, the container's own; the others are this host's",
		"run:     docker exec -i mx sh -c 'postfix reload'",
		"run:     docker exec -i mx sh -c 'postconf -e '\\''slow_destination_concurrency_limit = ",
	} {
		if !strings.Contains(txt.String(), want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	sh, _ := markdownBlocks(md.String())
	bare := 0
	for _, l := range sh {
		if l == "postfix reload" || strings.HasPrefix(l, "postconf ") || strings.HasPrefix(l, "postqueue ") {
			bare++
		}
	}
	if bare > 0 || !slices.Contains(sh, "docker exec -i mx sh -c 'postfix reload'") {
		t.Errorf("markdown: %d commands left for the host's Postfix:\n%s", bare, strings.Join(sh, "\n"))
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"container":"mx"`)) || !bytes.Contains(b, []byte(`"text":"docker exec -i mx sh -c 'postfix reload'","command":true`)) {
		t.Errorf("json: %.3000s", b)
	}
	for _, h := range r.Hints {
		if !slices.Equal(h.Actions, texts(h.Steps)) {
			t.Errorf("%s: actions %q for steps %+v", h.ID, h.Actions, h.Steps)
		}
	}
	// The engine's own hints, evaluated again, are for the host.
	e.Container = ""
	if again := e.Report(ReportOptions{Whole: true, GeneratedAt: t0}); !reflect.DeepEqual(again.Hints, plain.Hints) {
		t.Errorf("the container's commands stayed in the engine")
	}
	// A container on this host's network: its network commands, and
	// the report's words, are the host's.
	he := labEngine(t)
	he.Container = "mx"
	he.SetMachine(sources.MachineReading{Container: "mx", ContainerNetwork: "host"})
	hr := he.Report(ReportOptions{Whole: true, GeneratedAt: t0})
	txt.Reset()
	hr.WriteText(&txt)
	if hr.ContainerNetwork != "host" || !strings.Contains(txt.String(), "the others are this host's, the network's too (the container shares this host's network)") ||
		!strings.Contains(txt.String(), "run:     ss -ltnx | head -40   # what listens here") {
		t.Errorf("host network: %q\n%.3000s", hr.ContainerNetwork, txt.String())
	}
}

// A step the rewrite fails on (a panic in its scanner) neither stops the
// monitor nor stays a host command: it becomes a sentence that says to
// run it inside the container, its text sanitised.
func TestContainerStepThatPanicsBecomesASentence(t *testing.T) {
	stepFault = func(Action) { panic("scanner") }
	defer func() { stepFault = nil }()
	out := Container{Name: "mx"}.Steps([]Action{cmd("postconf -e 'relayhost = [relay.example]:587'\x1b[2J"), say("then postfix reload")})
	if len(out) != 2 {
		t.Fatalf("%d steps", len(out))
	}
	for _, a := range out {
		if a.Command || !strings.HasPrefix(a.Text, "run inside the container mx: ") || strings.ContainsRune(a.Text, '\x1b') {
			t.Errorf("step %+v", a)
		}
	}
}

// lifecycleInside tells whether a step, as shown for container mx, runs
// a stop, start or restart of Postfix, or systemctl or service, inside the
// container: a command whose docker exec body calls one, or a sentence
// that gives one the docker exec that runs it there.
func lifecycleInside(t *testing.T, a Action) bool {
	t.Helper()
	if !a.Command {
		return regexp.MustCompile(`docker exec -i mx (sh -c '?)?(postfix (stop|start|abort)|systemctl|service|/etc/init\.d/)`).MatchString(a.Text)
	}
	sc := scanShell(a.Text)
	for i, w := range sc.words {
		if (w == "sh" || w == "bash") && i+2 < len(sc.words) && sc.words[i+1] == "-c" {
			for _, c := range scanShell(sc.words[i+2]).calls {
				if lifecycleOf(c) != lifeNone && lifecycleOf(c) != lifeReload || c.name == "systemctl" || c.name == "service" {
					return true
				}
			}
		}
	}
	return false
}

// In a container, Postfix's master is often the main process (postfix
// start-fg) or runs under a supervisor: postfix stop inside it stops or
// restarts the container, and it has no systemctl. Every hint step that
// stops, starts or restarts Postfix (as a command, in a command's
// comment, in a sentence) becomes docker restart or docker stop of the
// container, the steps between them run inside it, and postfix reload
// stays inside.
func TestContainerRestartsTheContainer(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	restart := "docker restart mx"
	for _, tc := range []struct{ in, want Action }{
		{cmd("postfix stop; postfix start"), cmd(restart + "   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is")},
		{cmd("postfix start"), cmd(restart + "   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is")},
		{cmd("systemctl restart postfix"), cmd(restart + "   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is")},
		{cmd("systemctl restart postfix@-.service"), cmd(restart + "   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is")},
		{cmd("service postfix restart"), cmd(restart + "   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is")},
		{cmd("postfix abort"), cmd("docker stop mx   # stops Postfix with its container: the master is often the container's main process")},
		{cmd("systemctl reload postfix"), cmd("docker exec -i mx sh -c 'postfix reload'")},
		{cmd("postfix check && postfix start"), cmd("docker exec -i mx sh -c 'postfix check' && " + restart)},
		{cmd("systemctl daemon-reload && " + shellCmd("systemctl restart", "postfix@-.service")), cmd("systemctl daemon-reload && " + restart)},
		{cmd("postfix check && postconf -n && echo ok && postfix start && postfix status"), cmd("docker exec -i mx sh -c 'postfix check && postconf -n' && echo ok && " + restart + " && docker exec -i mx sh -c 'postfix status'")},
		{cmd("postfix stop; postconf -n | wc -l; postfix start"), say("postfix stop; postconf -n | wc -l; postfix start: this stops or starts Postfix, and inside container mx postfix stop may stop the container (its master is often its main process): run its other steps inside it (docker exec -i mx sh -c), then docker restart mx")},
		{cmd("postfix stop; rm -f /var/lib/postfix/verify_cache.db; postfix start"), cmd("docker exec -i mx sh -c 'rm -f /var/lib/postfix/verify_cache.db' && " + restart)},
		{cmd("postfix check   # after the change; then postfix start (Postfix is not running: a reload has nothing to reload)"), cmd("docker exec -i mx sh -c 'postfix check'   # after the change; then docker restart mx (Postfix is not running: a reload has nothing to reload)")},
		// The package is the image's: reinstalled in the running
		// container it is gone when the container is recreated.
		{say("postfix check names what is missing; reinstall the Postfix package or run postfix set-permissions, then postfix start"), say("docker exec -i mx postfix check names what is missing; reinstall the Postfix package or run docker exec -i mx postfix set-permissions, then docker restart mx" + packageNote)},
		{say("then drop the stale results: postfix stop, delete the cache file address_verify_map names (verify_cache.db in data_directory), postfix start; a host"), say("then drop the stale results: delete the cache file address_verify_map names (verify_cache.db in data_directory) inside the container (docker exec -i mx sh -c runs it there), then docker restart mx; a host")},
		{say("stop Postfix, delete the cache file the message names (the daemon creates it again; nothing in it needs keeping), start Postfix; if it fails again"), say("delete the cache file the message names (the daemon creates it again; nothing in it needs keeping) inside the container (docker exec -i mx sh -c runs it there), then docker restart mx; if it fails again")},
		{say("set inet_protocols = ipv4, then postfix stop and postfix start"), say("set inet_protocols = ipv4, then docker restart mx")},
		{say("postfix status; postfix start if it should run; nothing after a deliberate postfix stop"), say("docker exec -i mx postfix status; docker restart mx if it should run; nothing after a deliberate docker stop mx")},
		{say("log to stdout only with postfix start-fg as the container's main process"), say("log to stdout only with postfix start-fg as the container's main process")},
		{say("start the unit again (systemctl restart postfix@-.service on Debian and Ubuntu, systemctl restart postfix elsewhere)"), say("start the unit again (docker restart mx on Debian and Ubuntu, docker restart mx elsewhere)")},
		{say("then service postfix restart"), say("then docker restart mx")},
		{say("then systemctl reload postfix"), say("then docker exec -i mx postfix reload")},
		{say("systemctl status postfix; systemctl edit postfix"), say("systemctl status postfix; systemctl edit postfix")},
	} {
		if got := c.Steps([]Action{tc.in}); got[0] != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in.Text, got[0].Text, tc.want.Text)
		}
	}
	// A name the container's check refuses goes into no command.
	bad := Container{Name: "-it", Dirs: postfixDirs}
	if got := bad.Steps([]Action{cmd("postfix stop; postfix start")}); got[0].Command || strings.Contains(got[0].Text, "-it") {
		t.Errorf("a name outside the grammar: %+v", got)
	}

	// Every step of every hint and every knowledge-base fix.
	var steps []Action
	for _, e := range actionEngines(t) {
		for _, h := range e.Hints(true) {
			steps = append(steps, h.Steps...)
		}
	}
	for _, s := range knownSentences() {
		steps = append(steps, say(s))
	}
	stops := regexp.MustCompile(`postfix (stop|abort)|systemctl restart postfix|service postfix`)
	for _, a := range steps {
		got := c.Steps([]Action{a})[0]
		if lifecycleInside(t, got) {
			t.Errorf("runs a stop, start or systemctl inside the container:\n  %q\n→ %q", a.Text, got.Text)
		}
		if stops.MatchString(a.Text) && !strings.Contains(got.Text, "docker restart mx") && !strings.Contains(got.Text, "docker stop mx") {
			t.Errorf("stops Postfix without the container's restart:\n  %q\n→ %q", a.Text, got.Text)
		}
	}
}

// A container on its own network (bridge, the default, or a network of
// its own) has its own sockets, routes and port range: the network's
// commands read the container's, with docker exec and, for an image
// without the tool, nsenter into its namespace; with --network host they
// are this host's and stay as they are. The host's /etc/sysctl.d does not
// reach the container's network: its port range is set with docker run
// --sysctl.
func TestContainerNetworkCommandsReadItsNetwork(t *testing.T) {
	own := ContainerOf("mx", nil, "")
	pid := `nsenter -n -t "$(docker inspect -f '{{.State.Pid}}' mx)" `
	portRange := say("count the connections from that address (ss -s; ss -tan state time-wait | wc -l) and read the port range (sysctl net.ipv4.ip_local_port_range); widen it (net.ipv4.ip_local_port_range = 10240 65535 in a file under /etc/sysctl.d, then sysctl --system) and keep connection reuse on")
	for _, tc := range []struct{ in, want Action }{
		{cmd("ss -ltnx | head -40   # what listens here"), cmd(`docker exec -i mx sh -c 'ss -ltnx | head -40'   # what listens here; in the container's network (an image without ss: ` + pid + `ss -ltnx | head -40, as root)`)},
		{cmd("ip route get 10.1.2.3"), cmd(`docker exec -i mx sh -c 'ip route get 10.1.2.3'   # in the container's network (an image without ip: ` + pid + `ip route get 10.1.2.3, as root)`)},
		{cmd("ip -6 route show default   # empty: no IPv6 route"), cmd(`docker exec -i mx sh -c 'ip -6 route show default'   # empty: no IPv6 route; in the container's network (an image without ip: ` + pid + `ip -6 route show default, as root)`)},
		{cmd("nc -vz -w 5 192.0.2.7 25"), cmd(`docker exec -i mx sh -c 'nc -vz -w 5 192.0.2.7 25'   # in the container's network (an image without nc: ` + pid + `nc -vz -w 5 192.0.2.7 25, as root)`)},
		{cmd("sysctl net.ipv4.ip_local_port_range"), cmd(`docker exec -i mx sh -c 'sysctl net.ipv4.ip_local_port_range'   # in the container's network (an image without sysctl: ` + pid + `sysctl net.ipv4.ip_local_port_range, as root)`)},
		{cmd("sysctl fs.file-max"), cmd("sysctl fs.file-max")},
		{cmd("openssl s_client -starttls smtp -connect 127.0.0.1:10025 </dev/null"), cmd(`docker exec -i mx sh -c 'openssl s_client -starttls smtp -connect 127.0.0.1:10025 </dev/null'   # in the container's network (an image without openssl: ` + pid + `openssl s_client -starttls smtp -connect 127.0.0.1:10025 </dev/null, as root)`)},
		{cmd("openssl s_client -starttls smtp -connect [::1]:25 </dev/null"), cmd(`docker exec -i mx sh -c 'openssl s_client -starttls smtp -connect [::1]:25 </dev/null'   # in the container's network (an image without openssl: ` + pid + `openssl s_client -starttls smtp -connect [::1]:25 </dev/null, as root)`)},
		{cmd("openssl s_client -starttls smtp -connect mx.example.com:25 </dev/null"), cmd("openssl s_client -starttls smtp -connect mx.example.com:25 </dev/null")},
		{cmd("dig +short MX example.com"), cmd("dig +short MX example.com")},
		{cmd("top -b -n 1 | head -20"), cmd("top -b -n 1 | head -20")},
		{portRange, say(`count the connections from that address (docker exec -i mx ss -s; docker exec -i mx ss -tan state time-wait | wc -l) and read the port range (docker exec -i mx sysctl net.ipv4.ip_local_port_range); widen it (the container's own range: docker run --sysctl net.ipv4.ip_local_port_range='10240 65535', sysctls: in compose, then recreate the container; the host's /etc/sysctl.d does not reach the container's network) and keep connection reuse on (the network's commands read the container's network; with one the image lacks, ` + pid + `before it, as root)`)},
		{say("find the program with ss -ltnp and stop it"), say(`find the program with docker exec -i mx ss -ltnp and stop it (the network's commands read the container's network; with one the image lacks, ` + pid + `before it, as root)`)},
	} {
		if got := own.Steps([]Action{tc.in}); got[0] != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in.Text, got[0].Text, tc.want.Text)
		}
		if again := own.Steps(own.Steps([]Action{tc.in})); again[0] != own.Steps([]Action{tc.in})[0] {
			t.Errorf("%q: rewritten twice: %q", tc.in.Text, again[0].Text)
		}
		if tc.in.Command {
			got := own.Steps([]Action{tc.in})[0].Text
			if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(got), ""); err != nil {
				t.Errorf("%q is not shell: %v", got, err)
			}
		}
	}
	// A command about this host itself stays this host's.
	bridge := hostCmd("ip -brief address show to 172.19.0.1   # on the host: the interface (a container bridge) that owns it")
	if got := own.Steps([]Action{bridge}); got[0] != bridge {
		t.Errorf("the host's own command: %q", got[0].Text)
	}
	host := own
	host.HostNetwork = true
	for _, a := range []Action{cmd("ss -ltnx | head -40   # what listens here"), cmd("ip route get 10.1.2.3"), cmd("sysctl net.ipv4.ip_local_port_range"), portRange} {
		if got := host.Steps([]Action{a}); got[0] != a {
			t.Errorf("host network: %q became %q", a.Text, got[0].Text)
		}
	}

	// The engine takes the network mode from the machine's reading and
	// keeps it when a log apart drops the readings.
	e := NewEngine(0)
	e.Container = "mx"
	h := Hint{ID: "daemon_crash", Steps: []Action{cmd("ss -ltnx | head -40   # what listens here")}}
	h.Actions = texts(h.Steps)
	if got := e.ForHost([]Hint{h}); !strings.HasPrefix(got[0].Steps[0].Text, "docker exec -i mx sh -c 'ss -ltnx") {
		t.Errorf("network not known: %q", got[0].Steps[0].Text)
	}
	e.SetMachine(sources.MachineReading{Container: "mx", ContainerNetwork: "host"})
	e.DropHost()
	if got := e.ForHost([]Hint{h}); got[0].Steps[0] != h.Steps[0] {
		t.Errorf("host network: %q", got[0].Steps[0].Text)
	}
	e.SetMachine(sources.MachineReading{Container: "mx", ContainerNetwork: "bridge"})
	if got := e.ForHost([]Hint{h}); !strings.HasPrefix(got[0].Steps[0].Text, "docker exec -i mx sh -c 'ss -ltnx") {
		t.Errorf("bridge network: %q", got[0].Steps[0].Text)
	}
}

// jq is seldom in a mail server's image: a pipe through it runs jq on
// the host and the Postfix commands around it inside the container, each
// its own docker exec, their words reaching the container as they were.
func TestContainerPipeRunsJqOnTheHost(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	filter := `select(any(.recipients[]; .address | ascii_downcase | endswith("@example.com"))) | .queue_id`
	for _, tc := range []struct{ in, want string }{
		{"postqueue -j | jq -r .queue_id | xargs -r -n 1 postqueue -i", "docker exec -i mx postqueue -j | jq -r .queue_id | docker exec -i mx xargs -r -n 1 postqueue -i"},
		{"postqueue -j | jq -r " + ShellQuote(filter) + " | head", "docker exec -i mx postqueue -j | jq -r " + ShellQuote(filter) + " | head"},
		{"postqueue -j | jq -c . | grep -c deferred   # deferred", "docker exec -i mx postqueue -j | jq -c . | grep -c deferred   # deferred"},
		{`postqueue -c "$(postconf -h config_directory)" -j | jq -r .queue_id`, `docker exec -i mx sh -c 'postqueue -c "$(postconf -h config_directory)" -j' | jq -r .queue_id`},
		{"postqueue -p | grep -c '^[0-9A-F]'", `docker exec -i mx sh -c 'postqueue -p | grep -c '\''^[0-9A-F]'\'''`},
	} {
		got := c.Steps([]Action{cmd(tc.in)})[0]
		if got != cmd(tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got.Text, tc.want)
		}
		if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(got.Text), ""); err != nil {
			t.Errorf("%q is not shell: %v", got.Text, err)
		}
	}
}

// Values a log line put in a pipe through jq or in a network command
// reach jq and the container as they were: a real sh, with docker, jq and
// nc functions that print their arguments, gets exactly the original
// words, runs nothing of them, and a comment stays one.
func TestContainerPipeAndNetworkQuoting(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	c := ContainerOf("mx", nil, "")
	for _, v := range append(slices.Clone(hostileNames), "x\nid\n.example.com") {
		filter := `select(any(.recipients[]; .address | endswith("@` + v + `"))) | .queue_id`
		for _, tc := range []struct {
			text string
			want []string
		}{
			{"postqueue -j | jq -r " + ShellQuote(filter) + " | xargs -r -n 1 postqueue -i",
				[]string{"docker exec -i mx postqueue -j", "jq -r " + filter, "docker exec -i mx xargs -r -n 1 postqueue -i"}},
			{shellCmd("nc -vz -w 5", v, "25"), []string{"docker exec -i mx sh -c " + shellCmd("nc -vz -w 5", v, "25")}},
		} {
			got := c.Steps([]Action{cmd(tc.text)})[0]
			if !got.Command {
				t.Fatalf("%q: %+v", tc.text, got)
			}
			// Each function writes its call in one write: the stages of a
			// pipe run at once.
			fn := func(name string) string {
				return name + `() { s=` + name + `; for a in "$@"; do s="$s $a"; done; printf '%s\n' "$s" >&2; }` + "\n"
			}
			run := exec.Command(sh, "-c", fn("docker")+fn("jq")+fn("nsenter")+got.Text+"\n")
			run.Dir = t.TempDir()
			var stdout, stderr strings.Builder
			run.Stdout, run.Stderr = &stdout, &stderr
			if err := run.Run(); err != nil {
				t.Fatalf("%q: %v", got.Text, err)
			}
			if stdout.Len() > 0 {
				t.Errorf("%q ran something else: %q", got.Text, stdout.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr.String(), w+"\n") {
					t.Errorf("%q\nran %q\nwant a call %q", got.Text, stderr.String(), w)
				}
			}
			if n := strings.Count(stderr.String(), "docker ") + strings.Count(stderr.String(), "jq "); n != len(tc.want) {
				t.Errorf("%q ran %d calls, want %d: %q", got.Text, n, len(tc.want), stderr.String())
			}
			if entries, _ := os.ReadDir(run.Dir); len(entries) > 0 {
				t.Errorf("%q wrote files", got.Text)
			}
		}
	}
}

// A sentence's apostrophe that ends a word (the plural's: "virtual_uid_maps'
// user", "lines' times") is no quote: the Postfix commands after it still
// get the docker exec that runs them, and a quoted command before or after
// it stays as it is.
func TestContainerPhraseApostropheIsNoQuote(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	fix := func(id string) string {
		for _, k := range sources.KnownMessages {
			if k.ID == id {
				return k.Fix
			}
		}
		t.Fatalf("no knowledge entry %s", id)
		return ""
	}
	for _, tc := range []struct{ in, want, keep string }{
		{fix("virtual_mailbox_base_empty"), "then docker exec -i mx postfix reload", ""},
		{fix("mailbox_lock_denied"), "then docker exec -i mx postqueue -f sends", ""},
		{"compare the lines' times with postconf -h queue_run_delay, then postfix reload", "with docker exec -i mx postconf -h queue_run_delay, then docker exec -i mx postfix reload", ""},
		{"postconf -F '*/*/chroot' lists the services' chroot column; then postfix reload",
			"docker exec -i mx postconf -F '*/*/chroot' lists the services' chroot column; then docker exec -i mx postfix reload", ""},
		{"the client's name, then grep 'postfix reload' the log and postconf -n", "the client's name, then grep 'postfix reload' the log and docker exec -i mx postconf -n", ""},
		// A quote that opens a command's word after a letter stays one.
		{"awk -F'postfix reload' '{print $1}' the file, then postfix reload", "awk -F'postfix reload' '{print $1}' the file, then docker exec -i mx postfix reload", ""},
	} {
		if got := c.phrase(tc.in); !strings.Contains(got, tc.want) {
			t.Errorf("%q\nbecame %q\nwant it to hold %q", tc.in, got, tc.want)
		}
	}
}

// With Postfix in a container, its open-file limit is the container's
// (docker run --ulimit, ulimits: in compose, the daemon's default-ulimits),
// not a systemd unit's: the file-descriptor hint gives no drop-in and no
// systemctl daemon-reload, says where the limit is set and that the
// container is recreated for it, and reads the limit the container's
// master runs with through its pid file, whose number Postfix pads with
// spaces.
func TestContainerFileDescriptorLimitIsTheContainers(t *testing.T) {
	debian := "daemon_directory = /usr/lib/postfix/sbin\n"
	for name, e := range map[string]*Engine{
		"unit known":   fdLimitEngine("postfix", debian),
		"unit unknown": fdLimitEngine("mx-out", debian),
	} {
		e.Container = "mx"
		h := hintByID(t, e.ForHost(e.Hints(true)), "ulimit")
		steps := stepTexts(&h)
		for _, bad := range []string{"LimitNOFILE", "/etc/systemd", "daemon-reload", "systemctl", "pgrep"} {
			if strings.Contains(steps, bad) {
				t.Errorf("%s: a host's step (%s) for the container's limit:\n%s", name, bad, steps)
			}
		}
		for _, want := range []string{"docker run --ulimit nofile=65536:65536", "ulimits:", "default-ulimits", "recreate"} {
			if !strings.Contains(steps, want) {
				t.Errorf("%s: no %q:\n%s", name, want, steps)
			}
		}
		var check string
		for _, a := range h.Steps {
			if a.Command && strings.HasPrefix(a.Text, "docker exec -i mx sh -c ") && strings.Contains(a.Text, "master.pid") {
				check = a.Text
			}
		}
		if check == "" {
			t.Fatalf("%s: no check of the container's master's limit:\n%s", name, steps)
		}
		args := dockerArgs(t, []string{check})[0]
		if len(args) != 6 {
			t.Fatalf("%s: %q reached docker as %q", name, check, args)
		}
		// The body, run by a real sh on a pid file written as Postfix
		// writes it ("%*lu\n", 32 wide), shows this process's limit.
		pidFile := path.Join(t.TempDir(), "master.pid")
		if err := os.WriteFile(pidFile, fmt.Appendf(nil, "%*d\n", 32, os.Getpid()), 0o644); err != nil {
			t.Fatal(err)
		}
		body := strings.ReplaceAll(args[5], "/var/spool/postfix/pid/master.pid", pidFile)
		out, err := exec.Command("sh", "-c", body).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "Max open files") {
			t.Errorf("%s: %q printed %q, %v", name, body, out, err)
		}
	}
}

// With Postfix in a container, a package it runs with goes into the
// container's image: a step that installs, reinstalls or upgrades one
// says so once per hint, whatever words it uses; the words inside a
// quote, or install in another word, say nothing of it. Shown again, a
// hint's steps are the same.
func TestContainerPackagesGoIntoTheImage(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	note := "(in a container, a package goes into its image: rebuild the image, or pull a newer one, and recreate the container from it; one installed in the running container is lost when it is recreated, and the host's packages are not the container's)"
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"bring Postfix and its libraries to one release (apt-get install --reinstall postfix, or dnf reinstall postfix), then start the unit again", true},
		{"install a Postfix package built with EAI (ICU) support; until then set smtputf8_enable = no", true},
		{"bring every Postfix package to one release (the main package and its map and add-on packages from one repository)", true},
		{"install the Cyrus SASL mechanism plugins (libsasl2-modules on Debian and Ubuntu, cyrus-sasl-plain on Red Hat)", true},
		{"install the distribution's Berkeley DB map package for Postfix if it has one, or move to lmdb:", true},
		{"fix that cause (reinstall or rebuild the broken library or plugin, raise the memory limit)", true},
		{"correct the command, install its package, or remove the entry; postfix reload", true},
		{"check the release (postconf mail_version): below 2.10, upgrade Postfix (a current release)", true},
		{"set smtputf8_enable = no, then postfix reload", false},
		{"postfix check creates the missing queue directories (postfix post-install create-missing does only the creating)", false},
		{"after an OpenSSL upgrade, check that the installed Postfix was built for the installed TLS library", false},
		{"grep -F 'apt-get install postfix' in the build's log shows which step ran it", false},
		{`the line "reinstall the Postfix package" in the runbook is not a step`, false},
	} {
		got := c.Steps([]Action{say(tc.in)})[0]
		if has := strings.Contains(got.Text, note); has != tc.want {
			t.Errorf("%q\nbecame %q: image note %v, want %v", tc.in, got.Text, has, tc.want)
		}
		if strings.Count(got.Text, "its image") > 1 {
			t.Errorf("%q\nbecame %q: the note twice", tc.in, got.Text)
		}
	}
	if got := c.Steps([]Action{say("install a Postfix build with SASL, or turn smtpd_sasl_auth_enable off")})[0]; got.Text != "install a Postfix build with SASL, or turn smtpd_sasl_auth_enable off "+note {
		t.Errorf("got %q", got.Text)
	}

	// A hint whose knowledge entries each name a package says it once,
	// at the first.
	h := Hint{ID: "upgrade_change", Steps: []Action{
		cmd("postconf mail_version   # the values in force"),
		say("install the Postfix package built for the libsasl2 this host has, then postfix reload"),
		say("install the Postfix package built for the libdb this host has, then postfix stop; postfix start"),
		say("reinstall the Postfix package or run postfix set-permissions"),
	}}
	h.Actions = texts(h.Steps)
	got := c.Hints([]Hint{h})
	want := []string{
		"docker exec -i mx sh -c 'postconf mail_version'   # the values in force",
		"install the Postfix package built for the libsasl2 this host has, then docker exec -i mx postfix reload " + note,
		"install the Postfix package built for the libdb this host has, then docker restart mx",
		"reinstall the Postfix package or run docker exec -i mx postfix set-permissions",
	}
	if !slices.Equal(got[0].Actions, want) || !slices.Equal(texts(got[0].Steps), want) {
		t.Errorf("hint's steps:\n%q\nwant\n%q", got[0].Actions, want)
	}
	if again := c.Hints(got); !reflect.DeepEqual(again, got) {
		t.Errorf("shown again:\n%q", again[0].Actions)
	}
}

// With Postfix in a container, a sentence's postmap, postalias or
// newaliases (the tables' and aliases' builds it tells to run) runs
// inside it, as its other Postfix commands do; not in a quote, another
// word, or a sentence that tells not to run them.
func TestContainerTableBuildsRunInside(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	for _, tc := range []struct{ in, want string }{
		{"run postmap on the source file (newaliases for the aliases), then postfix reload",
			"run docker exec -i mx postmap on the source file (newaliases for the aliases), then docker exec -i mx postfix reload"},
		{"add the alias to the aliases file (postconf alias_maps names it) and run newaliases, then postqueue -f",
			"add the alias to the aliases file (postconf alias_maps names it) and run docker exec -i mx newaliases, then docker exec -i mx postqueue -f"},
		{"run postalias on the file, check that postfix owns it",
			"run docker exec -i mx postalias on the file, check that postfix owns it"},
		{"for a hash: alias table run newaliases (or postalias on its file)",
			"for a hash: alias table run docker exec -i mx newaliases (or postalias on its file)"},
		{"run postmap -q KEY hash:/etc/postfix/transport", "run docker exec -i mx postmap -q KEY hash:/etc/postfix/transport"},
		{"do not run postmap or postalias on regexp: tables (after editing one, postfix reload)",
			"do not run postmap or postalias on regexp: tables (after editing one, docker exec -i mx postfix reload)"},
		{"never run newaliases on a cdb: file by hand", "never run newaliases on a cdb: file by hand"},
		{"a script that runs postmap on every table rebuilds it", "a script that runs postmap on every table rebuilds it"},
		{"the cron line 'run postmap nightly' rebuilds it", "the cron line 'run postmap nightly' rebuilds it"},
		{"rerun postmapping scripts", "rerun postmapping scripts"},
	} {
		if got := c.Steps([]Action{say(tc.in)})[0]; got.Text != tc.want || got.Command {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got.Text, tc.want)
		}
	}
}

// With Postfix in a container its lines are the container's output, not
// a systemd unit's journal: the unit's journalctl becomes docker logs of
// as many lines, and says where the journald log driver keeps them; a
// journalctl line with more to it than that stays as it is.
func TestContainerUnitJournalIsItsOutput(t *testing.T) {
	c := ContainerOf("mx.1", nil, "")
	for _, tc := range []struct{ in, want string }{
		{"journalctl -u 'postfix*' -n 100 --no-pager   # the unit's lines up to the failure, systemd's and Postfix's",
			"docker logs --tail 100 mx.1 2>&1   # the container's output, where Postfix logs with maillog_file = /dev/stdout (the journald log driver keeps it too: journalctl CONTAINER_NAME=mx.1)"},
		{"journalctl -u 'postfix*' -n 40 --no-pager",
			"docker logs --tail 40 mx.1 2>&1   # the container's output, where Postfix logs with maillog_file = /dev/stdout (the journald log driver keeps it too: journalctl CONTAINER_NAME=mx.1)"},
		{"journalctl -u 'postfix*' -n 100 --no-pager | grep fatal", "journalctl -u 'postfix*' -n 100 --no-pager | grep fatal"},
		{"journalctl -k -n 100 --no-pager", "journalctl -k -n 100 --no-pager"},
		{"grep -E 'fatal|panic' /var/log/mail.log | tail -n 20   # the same where syslog writes the mail log (/var/log/maillog on Red Hat)",
			"docker logs mx.1 2>&1 | grep -E 'fatal|panic' | tail -n 20   # the container's output: the host's mail log has none of its lines"},
		{"grep -E 'fatal|panic' /var/log/mail.log | wc -l", "grep -E 'fatal|panic' /var/log/mail.log | wc -l"},
	} {
		got := c.Steps([]Action{cmd(tc.in)})[0]
		if got.Text != tc.want || !got.Command {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got.Text, tc.want)
		}
	}
	// Each word reaches docker as it is.
	got := c.Steps([]Action{cmd("journalctl -u 'postfix*' -n 100 --no-pager")})[0]
	if args := dockerArgs(t, []string{body(got.Text)}); !slices.Equal(args[0], []string{"logs", "--tail", "100", "mx.1"}) {
		t.Errorf("reached docker as %q", args[0])
	}
	// A name Docker would not take goes into no command.
	bad := Container{Name: "-it", Dirs: postfixDirs}
	if got := bad.Steps([]Action{cmd("journalctl -u 'postfix*' -n 100 --no-pager")})[0]; strings.Contains(got.Text, "-it") {
		t.Errorf("a name outside the grammar: %q", got.Text)
	}
}

// The packages Postfix runs with are the container's: a command that
// reads which are installed (held, half-installed, changed since their
// install) reads them inside it, and one that installs a package is no
// command for the container, whose image holds them.
func TestContainerPackageQueriesRunInside(t *testing.T) {
	c := ContainerOf("mx", nil, "")
	for _, tc := range []struct{ in, want string }{
		{"apt-mark showhold; dpkg --audit   # Debian, Ubuntu: held packages and packages left half-installed",
			"docker exec -i mx sh -c 'apt-mark showhold; dpkg --audit'   # Debian, Ubuntu: held packages and packages left half-installed"},
		{"dnf check; rpm -V postfix   # RHEL, Fedora: broken dependencies, and Postfix files changed since install",
			"docker exec -i mx sh -c 'dnf check; rpm -V postfix'   # RHEL, Fedora: broken dependencies, and Postfix files changed since install"},
		{"dpkg -l 'libssl*' | grep ^ii", "docker exec -i mx sh -c 'dpkg -l '\\''libssl*'\\'' | grep ^ii'"},
		{"rpm -qa | grep -i sasl", "docker exec -i mx sh -c 'rpm -qa | grep -i sasl'"},
		{"dpkg -i ./netbase.deb", "dpkg -i ./netbase.deb"},
		{"dnf install netbase", "dnf install netbase"},
		{"rpm -Uvh postfix.rpm", "rpm -Uvh postfix.rpm"},
	} {
		if got := c.Steps([]Action{cmd(tc.in)})[0]; got.Text != tc.want || !got.Command {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got.Text, tc.want)
		}
	}
}
