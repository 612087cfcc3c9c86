package analyzers

import (
	"net/netip"
	"path"
	"regexp"
	"slices"
	"strings"

	"mxtop/sources"
)

// With --docker, Postfix runs in a container and the admin reads the
// hints on its host, where there is no Postfix or another one: a hint's
// command that acts on Postfix or its files is shown as it runs from the
// host, docker exec -i NAME sh -c 'COMMAND', the command one word through
// ShellQuote. Commands about the host or the network (top, ss, dig,
// openssl s_client, nc) stay as they are.

// postfixPrograms are the commands a Postfix installation brings: a
// command line that runs one acts on that Postfix.
var postfixPrograms = []string{
	"postconf", "postfix", "postqueue", "postsuper", "postmap", "postalias", "newaliases",
	"postcat", "postmulti", "postlog", "postdrop", "sendmail", "mailq", "qshape", "postkick", "postlock",
}

// postfixDirs are where Postfix keeps its configuration, queue, data and
// daemons as packages install it, unless its configuration says
// otherwise (postfixDirParams): a command that names a file under one
// acts on that Postfix's files.
var postfixDirs = []string{"/etc/postfix", "/var/spool/postfix", "/var/lib/postfix", "/usr/lib/postfix", "/usr/libexec/postfix"}

// postfixDirParams are the parameters that name those directories.
var postfixDirParams = []string{"config_directory", "queue_directory", "data_directory", "daemon_directory", "meta_directory"}

// shellPrefixes run the command after their options: "xargs -r -n 1
// postqueue -i" runs postqueue.
var shellPrefixes = []string{"xargs", "time", "nice", "nohup", "env", "sudo", "exec", "command", "timeout", "stdbuf", "ionice"}

// shellReserved are words that leave the next one in a command's place.
var shellReserved = []string{"{", "}", "!", "if", "then", "else", "elif", "do", "while", "until"}

// lifeKind is what a step does to the running Postfix.
type lifeKind int

const (
	lifeNone lifeKind = iota
	lifeReload
	lifeStart
	lifeStop
	lifeRestart
)

// postfixVerbs are the postfix command's (and its init script's) verbs
// that start, stop or reload Postfix; serviceVerbs systemctl's, service's
// and rc-service's for a Postfix unit or service.
var (
	postfixVerbs = map[string]lifeKind{"start": lifeStart, "start-fg": lifeStart, "stop": lifeStop, "abort": lifeStop,
		"restart": lifeRestart, "force-reload": lifeRestart, "reload": lifeReload}
	serviceVerbs = map[string]lifeKind{"start": lifeStart, "stop": lifeStop, "restart": lifeRestart, "try-restart": lifeRestart,
		"reload-or-restart": lifeRestart, "try-reload-or-restart": lifeRestart, "force-reload": lifeRestart, "reload": lifeReload}
)

// lifecycleOf is what a command does to the running Postfix: postfix
// stop, systemctl restart postfix@-.service, service postfix start,
// /etc/init.d/postfix restart.
func lifecycleOf(c shellCall) lifeKind {
	var words []string
	for i := 0; i < len(c.args); i++ {
		switch a := c.args[i]; {
		case c.name == "postfix" && a == "-c":
			i++ // its directory
		case strings.HasPrefix(a, "-"):
		default:
			words = append(words, a)
		}
	}
	isPostfix := func(unit string) bool { return strings.HasPrefix(unit, "postfix") }
	switch {
	case len(words) == 0:
	case c.name == "postfix":
		return postfixVerbs[words[0]]
	case c.name == "systemctl" && len(words) > 1 && slices.ContainsFunc(words[1:], isPostfix):
		return serviceVerbs[words[0]]
	case (c.name == "service" || c.name == "rc-service") && len(words) > 1 && isPostfix(words[0]):
		return serviceVerbs[words[1]]
	}
	return lifeNone
}

// lifecyclePhrases are how a sentence stops, starts or restarts Postfix,
// and what each is with Postfix in a container: the master is often the
// container's main process (postfix start-fg) or runs under a supervisor,
// so postfix stop inside it stops or restarts the container, postfix
// start then runs nowhere, and there is no systemctl inside. A restart is
// the container's (docker restart NAME, which starts a stopped one too);
// what was to happen while Postfix was stopped happens inside the
// running container before it. In the replacements EXEC stands for the
// docker exec that runs a command inside, RESTART and STOP for docker
// restart and docker stop of the container. start-fg is left alone: it
// is what a container runs, not a step.
var lifecyclePhrases = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`(?:\bpostfix stop|\bstop Postfix), (.+?), (?:postfix start|start Postfix)\b`), "$1 inside the container (EXEC sh -c runs it there), then RESTART"},
	{regexp.MustCompile(`\bpostfix stop(?:;| and| &&|,)? (?:then )?postfix start\b`), "RESTART"},
	{regexp.MustCompile(`\b(?:systemctl (?:restart|start|try-restart|reload-or-restart) postfix[\w@.-]*|service postfix (?:restart|start)|/etc/init\.d/postfix (?:restart|start))`), "RESTART"},
	{regexp.MustCompile(`\b(?:systemctl stop postfix[\w@.-]*|service postfix stop|/etc/init\.d/postfix stop)`), "STOP"},
	{regexp.MustCompile(`\b(?:systemctl reload postfix[\w@.-]*|service postfix reload|/etc/init\.d/postfix reload)`), "EXEC postfix reload"},
	{regexp.MustCompile(`\bpostfix start\b([^-]|$)`), "RESTART$1"},
	{regexp.MustCompile(`\bpostfix (?:stop|abort)\b`), "STOP"},
}

// restartNote is the comment of a command that restarts Postfix with its
// container, stopNote of one that stops it.
const (
	restartNote = "   # restarts Postfix with its container: postfix stop inside it may stop the container, whose main process its master often is"
	stopNote    = "   # stops Postfix with its container: the master is often the container's main process"
)

// hostSteps are a host's steps for what a container has of its own, and
// what each is with Postfix in one (the submatches are the step's). The
// open-file limit Postfix runs with is the container's, given where it
// is created (docker run --ulimit, ulimits: in compose, else the
// daemon's default-ulimits): a systemd drop-in does not reach it, and a
// docker restart keeps the limit the container was created with. An
// entry marked drop-in stands only in a hint whose first entry's step
// (the drop-in) is among its steps: alone, its step means another thing.
var hostSteps = []struct {
	re     *regexp.Regexp
	dropIn bool
	to     func(c Container, m []string) Action
}{
	{regexp.MustCompile(`^(?:for that unit \(UNIT\): )?mkdir -p \S+ && printf '\[Service\]\\nLimitNOFILE=(\d+)\\n'`), false,
		func(c Container, m []string) Action {
			n := m[1]
			return say("the open-file limit is the container's, not a systemd unit's: give it where the container is created, " +
				shellCmd("docker run --ulimit", "nofile="+n+":"+n) + " (in compose: ulimits: nofile: soft: " + n + ", hard: " + n +
				"), or default-ulimits in /etc/docker/daemon.json for the containers created without one; then recreate the container " +
				"(docker compose up -d --force-recreate, or docker rm and docker run again): " + shellCmd("docker restart", c.Name) +
				" keeps the limit it was created with")
		}},
	{regexp.MustCompile(`^systemctl list-units 'postfix\*'|^systemctl daemon-reload && systemctl restart \S+$`), true,
		func(c Container, _ []string) Action {
			return cmd(shellCmd("docker inspect -f", "{{json .HostConfig.Ulimits}}", c.Name) +
				"   # the limits the container was created with; null: the daemon's default-ulimits (/etc/docker/daemon.json), else dockerd's own")
		}},
	// Postfix in a container logs to the container's output
	// (maillog_file = /dev/stdout, or a syslog in it that writes there),
	// not to a systemd unit's journal: the unit's lines, without more to
	// the command, are the container's.
	{regexp.MustCompile(`^journalctl -u 'postfix\*' -n (\d+) --no-pager(?:$|[ \t]+#)`), false,
		func(c Container, m []string) Action {
			return cmd(shellCmd("docker logs --tail", m[1], c.Name) + " 2>&1   # the container's output, where Postfix logs with maillog_file = /dev/stdout (the journald log driver keeps it too: " +
				shellCmd("journalctl", "CONTAINER_NAME="+c.Name) + ")")
		}},
	// The host's mail log holds none of the container's lines.
	{regexp.MustCompile(`^grep -E 'fatal\|panic' /var/log/mail\.log \| tail -n (\d+)(?:$|[ \t]+#)`), false,
		func(c Container, m []string) Action {
			return cmd(shellCmd("docker logs", c.Name) + " 2>&1 | grep -E 'fatal|panic' | " + shellCmd("tail -n", m[1]) + "   # the container's output: the host's mail log has none of its lines")
		}},
	{regexp.MustCompile(`^(?:systemctl show -p LimitNOFILE \S+ && )?cat /proc/\$\(pgrep -o master\)/limits \| grep 'open files'$`), true,
		func(c Container, _ []string) Action {
			// Postfix pads the pid in master.pid with spaces: read takes
			// them off, $(cat) would split the path.
			pid := ShellQuote(path.Join(c.Queue, "pid/master.pid"))
			return cmd(c.inside("read -r pid < "+pid+" && grep 'open files' /proc/$pid/limits", false) +
				"   # the limit the container's master runs with")
		}},
}

// tableBuildPhrase is how a sentence tells to run the command that
// builds a table's or the aliases' indexed file, or not to (do not run
// postmap on regexp: tables): one to run runs inside the container.
var tableBuildPhrase = regexp.MustCompile(`\b((?:not|never) )?((?:re-?)?run|then) (postmap|postalias|newaliases)\b`)

// packagePhrases are how a sentence tells to install, reinstall or
// upgrade a package Postfix runs with: Postfix itself (a build with a
// feature, its map and add-on packages), the libraries and plugins it
// loads, the files it reads (/etc/services). With Postfix in a container
// each is in the container's image (packageNote). install in another
// word (post-install, installed) tells none.
var packagePhrases = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:apt-get|apt|dnf|yum|zypper|apk)(?: -\S+)* (?:install|reinstall|add|upgrade)\b`),
	regexp.MustCompile(`(?:^|[^\w-])(?:re)?install (?:or rebuild )?(?:(?:a|an|the|its) )?(?:[\w'-]+ ){0,4}?(?:packages?|builds?|plugins?|library|libraries|release)\b`),
	regexp.MustCompile(`\bPostfix packages?\b`),
	regexp.MustCompile(`(?:^|[^\w-])upgrade Postfix\b`),
}

// packageNote is what installing a package is with Postfix in a
// container, said once a hint (Container.imageSaid).
const packageNote = " (in a container, a package goes into its image: rebuild the image, or pull a newer one, and recreate the container from it; one installed in the running container is lost when it is recreated, and the host's packages are not the container's)"

// packageReaders are the commands that read which packages are
// installed where they run, with what of their arguments makes them read
// (nil: any): the packages Postfix runs with are the container's, which
// the host's package database does not list. None installs one: that is
// the image's (packageNote).
var packageReaders = map[string]func(args []string) bool{
	"dpkg-query": nil, "apt-mark": nil, "apt-cache": nil,
	"dpkg": func(args []string) bool {
		return slices.ContainsFunc(args, func(a string) bool {
			return slices.Contains([]string{"--audit", "-C", "-l", "--list", "-s", "--status", "-L", "--listfiles", "-S", "--search", "-V", "--verify"}, a)
		})
	},
	"rpm": func(args []string) bool {
		return len(args) > 0 && (strings.HasPrefix(args[0], "-q") || strings.HasPrefix(args[0], "-V"))
	},
	"dnf": packageCheck, "yum": packageCheck,
}

// packageCheck tells whether dnf's or yum's arguments only read the
// installed packages.
func packageCheck(args []string) bool {
	return len(args) > 0 && slices.Contains([]string{"check", "list", "info"}, args[0])
}

// networkTools are the commands that read or test the network from
// where they run, with what of their arguments makes them do so (nil:
// any): a container with a network of its own has its own sockets,
// addresses, routes and port range, which this host's commands do not
// show. sysctl reads the network's namespace for the net. keys only.
var networkTools = map[string]func(args []string) bool{
	"ss": nil, "netstat": nil, "ip": nil, "ifconfig": nil, "route": nil, "nc": nil, "ncat": nil,
	"sysctl": func(args []string) bool {
		return slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "net.") })
	},
	// A connection to loopback reaches the container's own services
	// (a content filter, the smtpd it hands mail back to) only from
	// inside its network.
	"openssl": namesLoopback, "telnet": namesLoopback, "curl": namesLoopback, "swaks": namesLoopback,
}

// namesLoopback tells whether a command's arguments name a loopback
// address.
func namesLoopback(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool {
		host := a
		if h, _, ok := strings.Cut(strings.TrimPrefix(a, "["), "]"); ok {
			host = h
		} else if i := strings.LastIndexByte(a, ':'); i > 0 && strings.Count(a, ":") == 1 {
			host = a[:i]
		}
		ip, err := netip.ParseAddr(host)
		return host == "localhost" || err == nil && ip.IsLoopback()
	})
}

// networkPaths are the files under which the kernel shows the reading
// process's network namespace.
var networkPaths = []string{"/proc/net/", "/proc/sys/net/"}

// networkPhrases are how a sentence names the network's commands and
// settings, and what each is for a container with a network of its own
// (EXEC, NSENTER as in lifecyclePhrases): a command that reads the
// network runs in the container's, and the port range is the container's
// own, set where it is created (its namespace does not read the host's
// /etc/sysctl.d).
var networkPhrases = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`net\.ipv4\.ip_local_port_range = (\d+) (\d+) in a file under /etc/sysctl\.d, then sysctl --system`),
		"the container's own range: docker run --sysctl net.ipv4.ip_local_port_range='$1 $2', sysctls: in compose, then recreate the container; the host's /etc/sysctl.d does not reach the container's network"},
	{regexp.MustCompile(`(^|[ (])((?:ss|netstat) -[a-zA-Z]+|sysctl net\.[\w.]+|ip (?:-[46] )?(?:addr|address|route|link|rule|neigh)\b|ifconfig\b)`), "${1}EXEC ${2}"},
}

// networkNote is what a sentence whose network commands run in the
// container's network says of an image without them.
const networkNote = " (the network's commands read the container's network; with one the image lacks, NSENTERbefore it, as root)"

// hostTools are filters a mail server's image seldom has: a pipe that
// runs one beside Postfix's commands runs it on the host.
var hostTools = []string{"jq"}

// postfixCommandInPhrase is a Postfix command a sentence names
// (postfixInPhrase), postfix status among them: each runs inside the
// container.
var postfixCommandInPhrase = regexp.MustCompile(`(^|[ (])(postconf|postfix|postqueue|postsuper|postmap|postalias) (-[a-zA-Z]|reload|check|start|stop|flush|set-permissions|status)\b`)

// unitWords come before a systemd unit's name, which a Postfix program's
// name in a sentence may be (systemctl show postfix -p MemoryMax).
var unitWords = []string{"systemctl", "service", "-u", "--unit"}

// Container says where Postfix runs when it is in a container: Name as
// sources.CheckContainerName accepts it, and Dirs, Postfix's directories
// inside it.
type Container struct {
	Name string
	Dirs []string
	// HostNetwork: the container shares this host's network (docker run
	// --network host), whose sockets, routes and port range are then its
	// own; else, and when not known, it has a network of its own.
	HostNetwork bool
	// Queue is Postfix's queue directory inside it.
	Queue string
	// dropIn: the steps being rewritten are a hint's that gives a systemd
	// drop-in (hostSteps).
	dropIn bool
	// imageSaid: a step before, of the same hint, says where a package
	// goes (packageNote).
	imageSaid bool
}

// ContainerOf is the container name with Postfix's directories as cfg
// (the container's configuration; nil when not read) and configDir
// (--config-dir, a path inside it) name them, beside the defaults.
func ContainerOf(name string, cfg *sources.Config, configDir string) Container {
	c := Container{Name: name, Dirs: slices.Clone(postfixDirs), Queue: "/var/spool/postfix"}
	add := func(d string) {
		// Only matched, never written: one that is no plausible path
		// still tells what a command acts on.
		if d = path.Clean(d); len(d) > 1 && d[0] == '/' && !slices.Contains(c.Dirs, d) {
			c.Dirs = append(c.Dirs, d)
		}
	}
	if configDir != "" {
		add(configDir)
	}
	if cfg != nil {
		for _, p := range postfixDirParams {
			if v := cfg.Get(p); v != "" {
				add(v)
			}
		}
		if q := path.Clean(cfg.Get("queue_directory")); len(q) > 1 && q[0] == '/' {
			c.Queue = q
		}
	}
	return c
}

// Container is the engine's container (Engine.Container), "" name for a
// Postfix on this host.
func (e *Engine) container() Container {
	if e.Container == "" {
		return Container{}
	}
	c := ContainerOf(e.Container, e.Config, e.ConfigDir)
	c.HostNetwork = e.ContainerNetwork == "host"
	return c
}

// ForHost is hs as the admin runs them on this host: with Postfix in a
// container (Engine.Container), ContainerOf's Hints; else hs.
func (e *Engine) ForHost(hs []Hint) []Hint {
	return e.container().Hints(hs)
}

// StepsForHost is ForHost for a list of steps (a throttling snippet).
func (e *Engine) StepsForHost(acts []Action) []Action {
	return e.container().Steps(acts)
}

// Hints returns hs with their steps as Steps rewrites them; hs itself and
// the slices it shares with the engine's state are not changed. With no
// container name it is hs.
func (c Container) Hints(hs []Hint) []Hint {
	if c.Name == "" || len(hs) == 0 {
		return hs
	}
	out := make([]Hint, len(hs))
	for i, h := range hs {
		if steps := h.ActionSteps(); len(steps) > 0 {
			c := c
			c.dropIn = slices.ContainsFunc(steps, func(a Action) bool { return hostSteps[0].re.MatchString(a.Text) })
			h.Steps = c.Steps(steps)
			h.Actions = texts(h.Steps)
		}
		out[i] = h
	}
	return out
}

// Steps returns acts with every command that acts on Postfix or its files
// run inside the container from the host, and the Postfix commands a
// sentence (or a command's comment) names given the docker exec that
// runs them there. A name Docker would not take (the flags check it
// first) makes those commands sentences.
func (c Container) Steps(acts []Action) []Action {
	if c.Name == "" || len(acts) == 0 {
		return acts
	}
	out := make([]Action, len(acts))
	for i, a := range acts {
		out[i] = c.step(a)
		c.imageSaid = c.imageSaid || strings.Contains(out[i].Text, packageNote)
	}
	return out
}

// step is one step of Steps. It runs after the hints' own guard (SafeHints):
// a step it cannot rewrite (a panic in the scanner) becomes a sentence
// that says where to run it, so that neither the monitor stops nor a host
// command is offered for the container's Postfix.
func (c Container) step(a Action) (out Action) {
	defer func() {
		if v := recover(); v != nil {
			out = say("run inside the container " + SanitizeLine(c.Name) + ": " + SanitizeLine(a.Text))
		}
	}()
	if stepFault != nil {
		stepFault(a)
	}
	if a.Command && a.host {
		return a
	}
	if sources.CheckContainerName(c.Name) == nil {
		for _, h := range hostSteps {
			if m := h.re.FindStringSubmatch(a.Text); m != nil && (!h.dropIn || c.dropIn) {
				return h.to(c, m)
			}
		}
	}
	if a.Command {
		return c.command(a.Text)
	}
	return say(c.phrase(a.Text))
}

// stepFault, when set (by tests), runs before each step is rewritten.
var stepFault func(Action)

// exec is the words that run a command in the container from the host.
func (c Container) exec() string {
	return shellCmd("docker exec -i", c.Name)
}

// phrase gives the Postfix commands a sentence names (postconf -n,
// postfix reload) the docker exec that runs them in the container, and
// says a restart of Postfix as one of the container. Quoted parts are
// left as they are.
func (c Container) phrase(s string) string {
	restart, ex := shellCmd("docker restart", c.Name), c.exec()
	if sources.CheckContainerName(c.Name) != nil || strings.Contains(s, ex+" ") || strings.Contains(s, restart) {
		// A name not to put in text that is pasted, or given already.
		return s
	}
	words := strings.NewReplacer("EXEC", ex, "RESTART", restart, "STOP", shellCmd("docker stop", c.Name), "NSENTER", c.nsenter())
	network, pkg := false, false
	out := outsideQuotes(s, `'"`, func(part string) string {
		pkg = pkg || slices.ContainsFunc(packagePhrases, func(re *regexp.Regexp) bool { return re.MatchString(part) })
		for _, r := range lifecyclePhrases {
			part = r.re.ReplaceAllString(part, words.Replace(r.to))
		}
		part = tableBuildPhrase.ReplaceAllStringFunc(part, func(m string) string {
			if w := tableBuildPhrase.FindStringSubmatch(m); w[1] == "" {
				return w[2] + " " + ex + " " + w[3]
			}
			return m
		})
		if !c.HostNetwork {
			for _, r := range networkPhrases {
				if r.re.MatchString(part) {
					part, network = r.re.ReplaceAllString(part, words.Replace(r.to)), true
				}
			}
		}
		var b strings.Builder
		last := 0
		for _, m := range postfixCommandInPhrase.FindAllStringSubmatchIndex(part, -1) {
			prog := m[4]
			before := strings.Fields(strings.ReplaceAll(part[:prog], "(", " "))
			if n := len(before); n > 0 && slices.Contains(unitWords, before[n-1]) || n > 1 && before[n-2] == "systemctl" {
				continue // a unit's name
			}
			if strings.HasPrefix(part[m[1]:], "-") || strings.HasSuffix(part[:prog], ex+" ") {
				continue // postfix start-fg, the container's own command, or given already
			}
			b.WriteString(part[last:prog] + ex + " ")
			last = prog
		}
		b.WriteString(part[last:])
		return b.String()
	})
	if network {
		out += words.Replace(networkNote)
	}
	if pkg && !c.imageSaid && !strings.Contains(out, packageNote) {
		out += packageNote
	}
	return out
}

// nsenter is the start of a command that runs a command of this host in
// the container's network namespace, for an image without it.
func (c Container) nsenter() string {
	return `nsenter -n -t "$(` + shellCmd("docker inspect -f", "{{.State.Pid}}", c.Name) + `)" `
}

// command is the step of the command text as it runs from the host.
func (c Container) command(text string) Action {
	sc := scanShell(text)
	if !sc.bad && len(sc.calls) > 0 && sc.calls[0].name == "docker" {
		return cmd(text) // already run with docker
	}
	body, gap, comment := sc.split()
	inside := sc.actsOnPostfix(c.Dirs)
	if sc.bad {
		// Not read as shell: judged on its text, run inside when it
		// names anything of Postfix's.
		inside = slices.ContainsFunc(postfixPrograms, func(p string) bool { return strings.Contains(text, p) }) ||
			slices.ContainsFunc(c.Dirs, func(d string) bool { return strings.Contains(text, d) })
	}
	if comment != "" {
		comment = c.phrase(comment)
	}
	life := !sc.bad && sc.lifecycle()
	network := ""
	if !sc.bad && !c.HostNetwork {
		network = sc.readsNetwork()
	}
	if !inside && !life && network == "" {
		return cmd(body + gap + comment)
	}
	if sources.CheckContainerName(c.Name) != nil {
		return say("run inside the container Postfix runs in: " + text)
	}
	if life {
		return c.lifecycleCommand(sc, text, gap, comment)
	}
	if pipe := c.pipeline(sc); pipe != "" {
		return cmd(pipe + gap + comment)
	}
	if network != "" {
		// Where the image lacks the tool, nsenter runs this host's in
		// the container's namespace; a comment holds one line only.
		note := "in the container's network"
		if !strings.ContainsFunc(body, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			note += " (an image without " + network + ": " + c.nsenter() + body + ", as root)"
		}
		if comment == "" {
			gap, comment = "   ", "# "+note
		} else {
			comment += "; " + note
		}
	}
	return cmd(c.inside(body, sc.bash) + gap + comment)
}

// inside is the command that runs body in the container from the host.
func (c Container) inside(body string, bash bool) string {
	shell := "sh"
	if bash {
		shell = "bash" // process substitution: no sh has it
	}
	return shellCmd("docker exec -i", c.Name, shell, "-c", body)
}

// pipeline is a pipe that runs one of hostTools beside commands for the
// container with each of those run inside it on its own and the rest on
// the host: postqueue -j | jq ... is docker exec -i NAME postqueue -j |
// jq .... A stage of plain words runs with docker exec and no shell. ""
// for any other line.
func (c Container) pipeline(sc *shellScan) string {
	if sc.bad || sc.complex || len(sc.stmts) < 2 {
		return ""
	}
	var parts []string
	host := false
	for i, st := range sc.stmts {
		if (i < len(sc.stmts)-1) != (st.op == "|") {
			return ""
		}
		text := strings.TrimSpace(sc.s[st.start:st.end])
		in := scanShell(text)
		if in.bad || len(in.calls) == 0 {
			return ""
		}
		if !in.actsOnPostfix(c.Dirs) && (c.HostNetwork || in.readsNetwork() == "") {
			host = host || slices.ContainsFunc(in.calls, func(call shellCall) bool { return slices.Contains(hostTools, call.name) })
			parts = append(parts, text)
			continue
		}
		if len(in.calls) == 1 && len(in.words) > 0 && !assignment(in.words[0]) && !strings.ContainsAny(text, "$`\\*?[]{}~<>()!#") {
			parts = append(parts, shellCmd("docker exec -i", append([]string{c.Name}, in.words...)...))
		} else {
			parts = append(parts, c.inside(text, in.bash))
		}
	}
	if !host {
		return ""
	}
	return strings.Join(parts, " | ")
}

// readsNetwork is the first of the line's commands that reads or tests
// the network (networkTools, or one that names a file under
// networkPaths), "" for none.
func (l *shellScan) readsNetwork() string {
	for _, c := range l.calls {
		if f, ok := networkTools[c.name]; ok && (f == nil || f(c.args)) {
			return c.name
		}
	}
	for _, w := range l.words {
		for _, p := range networkPaths {
			if strings.HasPrefix(w, p) && len(l.calls) > 0 {
				return l.calls[0].name
			}
		}
	}
	return ""
}

// shellCall is one simple command of a command line: its name (the
// program's base name, after assignments and prefixes such as xargs) and
// its words after the name, quotes removed.
type shellCall struct {
	name string
	args []string
}

// shellScan is what scanShell read of a command line.
type shellScan struct {
	s     string
	i     int
	calls []shellCall
	// words are every word, quotes removed; a command substitution in
	// one is a NUL byte.
	words []string
	// comment is where the line's comment starts (its #), -1 for none.
	comment int
	bash    bool // process substitution, <(...), which only bash has
	bad     bool // not read: a quote not closed, a here-document, backquotes
	// cur is the simple command being read.
	cur []string
	// stmts are the line's commands at its top level, each with the
	// operator after it (";", "&&", "||", "|", "&", "" at the end);
	// complex tells that one of them is a subshell or that a redirection
	// or a command's name was not read as a word.
	stmts   []shellStmt
	start   int // where the top-level command being read starts, -1: none
	complex bool
}

// shellStmt is one top-level command of a line: its text's bounds and
// the operator after it.
type shellStmt struct {
	start, end int
	op         string
}

// scanShell reads a command line as a POSIX shell does, as far as the
// hints write them: quotes, backslashes, command substitution, pipes and
// lists, redirections, a comment at the end.
func scanShell(s string) *shellScan {
	l := &shellScan{s: s, comment: -1, start: -1}
	l.list(0)
	return l
}

// split cuts the line into its command, the blanks after it and its
// comment. The comment stays one on the host's command line only after a
// blank and on one line, without control characters: else it is left in
// the command, which goes inside the quotes.
func (l *shellScan) split() (body, gap, comment string) {
	if l.comment <= 0 || l.bad {
		return l.s, "", ""
	}
	body = strings.TrimRight(l.s[:l.comment], " \t")
	gap, comment = l.s[len(body):l.comment], l.s[l.comment:]
	if gap == "" || strings.ContainsFunc(comment, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return l.s, "", ""
	}
	return body, gap, comment
}

// actsOnPostfix tells whether the line runs a Postfix program, reads the
// packages it is installed from (packageReaders) or names a file under
// one of dirs.
func (l *shellScan) actsOnPostfix(dirs []string) bool {
	for _, c := range l.calls {
		if slices.Contains(postfixPrograms, c.name) {
			return true
		}
		if f, ok := packageReaders[c.name]; ok && (f == nil || f(c.args)) {
			return true
		}
	}
	for _, w := range l.words {
		for _, d := range dirs {
			if underDir(w, d) {
				return true
			}
		}
	}
	return false
}

// lifecycle tells whether the line stops, starts or restarts Postfix, or
// reloads it through its service manager.
func (l *shellScan) lifecycle() bool {
	return slices.ContainsFunc(l.calls, func(c shellCall) bool {
		k := lifecycleOf(c)
		return k > lifeReload || k == lifeReload && c.name != "postfix"
	})
}

// lifecycleCommand is a command line that stops, starts or restarts
// Postfix as it runs with Postfix in the container: the container's
// restart in place of the stop and the start, the line's other commands
// inside the container before it (and after it, those after the start),
// each part run only when the one before it succeeded. A line that
// cannot be cut so (a pipe, a subshell, a stop with no start after it
// and more to do) becomes a sentence.
func (c Container) lifecycleCommand(sc *shellScan, text, gap, comment string) Action {
	restart := shellCmd("docker restart", c.Name)
	var before, after []string
	started, stopped := false, false
	for _, st := range sc.stmts {
		if st.op != "" && st.op != ";" && st.op != "&&" {
			sc.complex = true
		}
		part := strings.TrimSpace(sc.s[st.start:st.end])
		inner := scanShell(part)
		k := lifeNone
		if len(inner.calls) == 1 {
			k = lifecycleOf(inner.calls[0])
		} else if inner.lifecycle() {
			sc.complex = true
		}
		switch {
		case k == lifeReload:
			part = "postfix reload"
			if inner.calls[0].name == "postfix" {
				part = strings.TrimSpace(sc.s[st.start:st.end])
			}
		case k == lifeStop && !started:
			stopped = true
			continue
		case k == lifeStart || k == lifeRestart:
			if started {
				sc.complex = true
			}
			started = true
			continue
		case k != lifeNone:
			sc.complex = true
		}
		if started {
			after = append(after, part)
		} else {
			before = append(before, part)
		}
	}
	if sc.complex || stopped && !started && len(before) > 0 {
		return say(text + ": this stops or starts Postfix, and inside container " + c.Name + " postfix stop may stop the container (its master is often its main process): run its other steps inside it (" + c.exec() + " sh -c), then " + restart)
	}
	if !started && stopped {
		return cmd(shellCmd("docker stop", c.Name) + stopNote)
	}
	var line []string
	// Runs of the line's commands for the container run in it, each run
	// with one docker exec; the host's own stay as they are.
	add := func(parts []string) {
		var run []string
		flush := func() {
			if len(run) > 0 {
				line = append(line, shellCmd("docker exec -i", c.Name, "sh", "-c", strings.Join(run, " && ")))
				run = nil
			}
		}
		for _, p := range parts {
			in := scanShell(p)
			if in.actsOnPostfix(c.Dirs) || !c.HostNetwork && in.readsNetwork() != "" {
				run = append(run, p)
				continue
			}
			flush()
			line = append(line, p)
		}
		flush()
	}
	add(before)
	if started {
		line = append(line, restart)
	}
	add(after)
	out := strings.Join(line, " && ")
	if comment != "" {
		return cmd(out + gap + comment)
	}
	if started && len(before)+len(after) == 0 {
		return cmd(out + restartNote)
	}
	return cmd(out)
}

// underDir tells whether the word w names dir or a file under it, as
// itself or after a table's type (hash:/etc/postfix/transport) or a
// parameter's name.
func underDir(w, dir string) bool {
	for at := 0; ; {
		i := strings.Index(w[at:], dir)
		if i < 0 {
			return false
		}
		i += at
		end := i + len(dir)
		before := i == 0 || !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/", rune(w[i-1]))
		if before && (end == len(w) || w[end] == '/') {
			return true
		}
		at = i + 1
	}
}

// end closes the simple command being read.
func (l *shellScan) end() {
	if len(l.cur) == 0 {
		return
	}
	i := 0
	prefixed := false
	for ; i < len(l.cur); i++ {
		w := l.cur[i]
		if slices.Contains(shellReserved, w) || assignment(w) || prefixed && (strings.HasPrefix(w, "-") || allDigits(w)) {
			continue
		}
		if slices.Contains(shellPrefixes, path.Base(w)) {
			prefixed = true
			continue
		}
		break
	}
	if i < len(l.cur) {
		l.calls = append(l.calls, shellCall{name: path.Base(l.cur[i]), args: l.cur[i+1:]})
	}
	l.cur = nil
}

// list reads commands up to the byte closing them (')' for a command
// substitution or a subshell, 0 for the line's end).
func (l *shellScan) list(closing byte) {
	top := closing == 0
	stmt := func(op string) {
		if top && l.start >= 0 {
			l.stmts = append(l.stmts, shellStmt{start: l.start, end: l.i, op: op})
			l.start = -1
		}
	}
	for !l.bad {
		for l.i < len(l.s) && (l.s[l.i] == ' ' || l.s[l.i] == '\t') {
			l.i++
		}
		if l.i >= len(l.s) {
			l.bad = l.bad || closing != 0
			l.end()
			stmt("")
			return
		}
		if top && l.start < 0 {
			l.start = l.i
		}
		switch c := l.s[l.i]; {
		case closing != 0 && c == closing:
			l.i++
			l.end()
			return
		case c == '#':
			// At a word's start: a comment to the line's end.
			if closing != 0 {
				l.bad = true
				return
			}
			if l.start == l.i {
				l.start = -1
			}
			l.comment = l.i
			l.end()
			stmt("")
			return
		case c == '\n' || c == ';' || c == '|' || c == '&':
			op := string(c)
			if c == '\n' {
				op = ";"
			} else if l.i+1 < len(l.s) && (c == '|' || c == '&') && l.s[l.i+1] == c {
				op += op
			}
			l.end()
			stmt(op)
			l.i += len(op)
		case c == '(':
			l.complex = l.complex || top
			l.i++
			l.end()
			l.list(')')
		case c == ')':
			l.bad = true
		case c == '<' || c == '>':
			l.redirect()
		default:
			w, fd := l.word()
			if fd {
				l.redirect()
				continue
			}
			if l.bad {
				return
			}
			l.cur = append(l.cur, w)
			l.words = append(l.words, w)
		}
	}
}

// redirect reads a redirection's operator and its word (a file, which
// counts among the words, or an fd).
func (l *shellScan) redirect() {
	op := l.s[l.i]
	l.i++
	if l.i < len(l.s) {
		switch n := l.s[l.i]; {
		case n == '(':
			l.bash = true
			l.i++
			l.list(')')
			return
		case n == '<' && op == '<':
			l.bad = true // a here-document
			return
		case n == '>' || n == '&' || n == '|':
			l.i++
		}
	}
	for l.i < len(l.s) && (l.s[l.i] == ' ' || l.s[l.i] == '\t') {
		l.i++
	}
	w, fd := l.word()
	if w == "" || fd {
		l.bad = true
		return
	}
	l.words = append(l.words, w)
}

// word reads one word and returns it with its quotes removed; fd is true
// for digits that a redirection follows (2>&1), not a word.
func (l *shellScan) word() (string, bool) {
	start := l.i
	var b strings.Builder
	for l.i < len(l.s) && !l.bad {
		c := l.s[l.i]
		switch c {
		case ' ', '\t', '\n', ';', '|', '&', '(', ')', '<', '>':
			return b.String(), (c == '<' || c == '>') && l.i > start && allDigits(l.s[start:l.i])
		case '\\':
			if l.i+1 < len(l.s) {
				b.WriteByte(l.s[l.i+1])
			}
			l.i += 2
		case '\'':
			end := strings.IndexByte(l.s[l.i+1:], '\'')
			if end < 0 {
				l.bad = true
				break
			}
			b.WriteString(l.s[l.i+1 : l.i+1+end])
			l.i += end + 2
		case '"':
			l.i++
			l.dquote(&b)
		case '$':
			l.dollar(&b)
		case '`':
			l.bad = true
		default:
			b.WriteByte(c)
			l.i++
		}
	}
	return b.String(), false
}

// dquote reads a double-quoted part up to its closing quote.
func (l *shellScan) dquote(b *strings.Builder) {
	for l.i < len(l.s) && !l.bad {
		switch c := l.s[l.i]; c {
		case '"':
			l.i++
			return
		case '\\':
			if l.i+1 < len(l.s) && strings.IndexByte("$`\"\\\n", l.s[l.i+1]) >= 0 {
				b.WriteByte(l.s[l.i+1])
				l.i += 2
			} else {
				b.WriteByte(c)
				l.i++
			}
		case '$':
			l.dollar(b)
		case '`':
			l.bad = true
		default:
			b.WriteByte(c)
			l.i++
		}
	}
	l.bad = true // no closing quote
}

// dollar reads a $ and what it expands: a command substitution is read
// as commands and stands as a NUL byte in the word.
func (l *shellScan) dollar(b *strings.Builder) {
	l.i++
	switch {
	case l.i < len(l.s) && l.s[l.i] == '(':
		l.i++
		cur := l.cur
		l.cur = nil
		l.list(')')
		l.cur = cur
		b.WriteByte(0)
	case l.i < len(l.s) && l.s[l.i] == '{':
		end := strings.IndexByte(l.s[l.i:], '}')
		if end < 0 {
			l.bad = true
			return
		}
		b.WriteString("$" + l.s[l.i:l.i+end+1])
		l.i += end + 1
	default:
		b.WriteByte('$')
	}
}

// assignment tells whether w is NAME=value.
func assignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" || '0' <= name[0] && name[0] <= '9' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
