package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// CheckContainerName accepts a container name or id as Docker's daemon
// names them ([a-zA-Z0-9][a-zA-Z0-9_.-]+, at least two characters; an id
// is hex digits). The name goes into docker's argv after "exec" or "logs":
// one that starts with '-' would be read as an option, and one with other
// characters names no container.
func CheckContainerName(s string) error {
	const most = 255
	bad := len(s) < 2 || len(s) > most
	for i := 0; i < len(s) && !bad; i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case i > 0 && (c == '_' || c == '.' || c == '-'):
		default:
			bad = true
		}
	}
	if !bad {
		return nil
	}
	return fmt.Errorf("--docker %q: not a container name or id: Docker names a container with a letter or digit followed by letters, digits, '_', '.' or '-' (at least two characters, as docker ps shows them)", SanitizeLine(s))
}

// containerRoute says where DockerExec runs a command.
type containerRoute uint8

const (
	onHost containerRoute = iota + 1 // the docker client itself, the host's journal
	inside                           // a Postfix command, with docker exec
)

// dockerRoutes are the commands DockerExec runs for reading (Output and
// Stream): the docker client and journalctl on the host, Postfix's own
// commands inside the container. A command not listed is not run.
var dockerRoutes = map[string]containerRoute{
	"docker":     onHost,
	"journalctl": onHost,
	"postconf":   inside,
	"postqueue":  inside,
	"postmulti":  inside,
	"postcat":    inside,
}

// DockerExec runs the commands mxtop reads Postfix with inside a
// container: "postconf -n" becomes docker exec NAME postconf -n, argv for
// argv, never a shell line. Run, for the commands that change something
// (queue actions, configuration changes), runs nothing: Postfix's queue
// and configuration are the container's, and mxtop changes no container
// from the host (the screen says what to run inside it instead).
type DockerExec struct {
	Host      Exec // runs docker itself: OSExec
	Container string
}

// Bound is the host Exec's: docker exec is bounded as the command is.
func (d DockerExec) Bound() time.Duration { return boundOf(d.Host) }

// InContainer is the container the Exec's Postfix commands run in, "" for
// one that runs them on this host.
func InContainer(ex Exec) string {
	if d, ok := ex.(DockerExec); ok {
		return d.Container
	}
	if d, ok := ex.(*DockerExec); ok && d != nil {
		return d.Container
	}
	return ""
}

// inContainerNote is " in container NAME" for an Exec that runs Postfix
// in one, "" otherwise: the sources' states say where they read.
func inContainerNote(ex Exec) string {
	if c := InContainer(ex); c != "" {
		return " in container " + c
	}
	return ""
}

// argv is the host command that runs name with args.
func (d DockerExec) argv(name string, args []string) (string, []string, error) {
	switch dockerRoutes[name] {
	case onHost:
		return name, args, nil
	case inside:
		// Checked where the flag is given too: a name docker would read
		// as an option never reaches its argv.
		if err := CheckContainerName(d.Container); err != nil {
			return "", nil, err
		}
		return "docker", append([]string{"exec", d.Container, name}, args...), nil
	}
	return "", nil, fmt.Errorf("%s: not run: with --docker mxtop runs only Postfix's reading commands inside container %s", name, d.Container)
}

func (d DockerExec) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	hname, hargs, err := d.argv(name, args)
	if err != nil {
		return nil, err
	}
	out, err := d.Host.Output(ctx, hname, hargs...)
	return out, d.explain(name, args, hname, err)
}

func (d DockerExec) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	hname, hargs, err := d.argv(name, args)
	if err != nil {
		return nil, err
	}
	rc, err := d.Host.Stream(ctx, merge, hname, hargs...)
	if err != nil {
		return nil, d.explain(name, args, hname, err)
	}
	if hname != "docker" || name == "docker" {
		return rc, nil
	}
	return &dockerStream{rc: rc, d: d, name: name, args: args}, nil
}

// ErrContainerChange is the error of a command that would change the
// container, which DockerExec does not run.
var ErrContainerChange = errors.New("not run: mxtop changes nothing inside a container from the host")

// Run runs nothing: see DockerExec.
func (d DockerExec) Run(_ context.Context, _ []byte, name string, args ...string) ([]byte, error) {
	return nil, fmt.Errorf("%s: %w (container %s)", commandLine(name, args), ErrContainerChange, d.Container)
}

// KilledNote is what a docker exec killed on its timeout leaves behind:
// killing the client does not stop the command inside the container.
func (d DockerExec) KilledNote() string {
	return "; the command inside container " + d.Container + " may still run (killing docker exec does not stop it; docker top " + d.Container + " shows it)"
}

// killedNote is what ex says of a command it killed on its timeout.
func killedNote(ex Exec) string {
	if k, ok := ex.(interface{ KilledNote() string }); ok {
		return k.KilledNote()
	}
	return ""
}

// dockerErrors are what docker itself says when it cannot run a command in
// the container, with what mxtop makes of it (%s: the container).
var dockerErrors = []struct{ text, says string }{
	{"is not running", "container %s is not running (docker start %s, or docker ps -a shows why it stopped)"},
	{"is paused", "container %s is paused (docker unpause %s)"},
	{"is restarting", "container %s is restarting: wait until it runs (docker ps shows its state; docker logs %s why it restarts)"},
	{"No such container", "no container %s on this host (docker ps lists them: give --docker its name or id)"},
	// docker inspect's words for the same.
	{"No such object", "no container %s on this host (docker ps lists them: give --docker its name or id)"},
	{"Cannot connect to the Docker daemon", "the Docker daemon does not answer (is it running? systemctl status docker), so nothing in container %s can be read"},
	{"permission denied while trying to connect to the Docker daemon", "this user may not use the Docker daemon's socket: run mxtop as root or as a member of the docker group to read container %s"},
	{"executable file not found", "not found in container %s: is this Postfix's container? (docker ps shows which image runs Postfix)"},
}

// explain makes the error of a command run through docker say what went
// wrong in the admin's terms: no docker on this host, a container that is
// not running, a command not in it, a docker exec killed on its timeout.
func (d DockerExec) explain(name string, args []string, hname string, err error) error {
	if err == nil || hname != "docker" {
		return err
	}
	line := commandLine(name, args)
	if name != "docker" {
		line += " (docker exec " + d.Container + ")"
	}
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%s: docker not found: --docker %s reads Postfix in its container with the docker client, and this host's PATH has none", line, d.Container)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		if name == "docker" {
			return err
		}
		return timeoutError(err.Error() + d.KilledNote())
	}
	msg := err.Error()
	for _, e := range dockerErrors {
		if strings.Contains(msg, e.text) {
			says := strings.ReplaceAll(e.says, "%s", d.Container)
			if e.text == "executable file not found" {
				says = name + " " + says
			}
			return fmt.Errorf("%s: %s", line, says)
		}
	}
	// The command's own error, as "docker exec mx postconf -n: postconf:
	// fatal: ..." already says it.
	return err
}

// dockerStream is a command's output streamed through docker exec: its
// exit error is explained as Output's is.
type dockerStream struct {
	rc   io.ReadCloser
	d    DockerExec
	name string
	args []string
}

func (s *dockerStream) Read(p []byte) (int, error) {
	n, err := s.rc.Read(p)
	if err != nil && err != io.EOF {
		err = s.d.explain(s.name, s.args, "docker", err)
	}
	return n, err
}

func (s *dockerStream) Close() error { return s.rc.Close() }
