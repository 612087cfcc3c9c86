package sources

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// With --docker, Postfix's connections are in the container's network
// namespace: this host's socket table (netlink, /proc/net/tcp) does not
// have them when the container is on a bridge network. The kernel shows a
// process's namespace under /proc/PID/net, so the probe reads the tables
// of the container's init process, whose host PID docker inspect gives.

// netnsReinspect is how often at most docker inspect runs again after the
// container's tables could not be read (the container restarted, and its
// init process has another PID).
const netnsReinspect = 30 * time.Second

// inspectFormat asks docker inspect for the container's init PID on this
// host and its network mode (HostConfig.NetworkMode: host shares this
// host's namespace; bridge, a network's name or container:ID are not).
const inspectFormat = "{{.State.Pid}} {{.HostConfig.NetworkMode}}"

// containerNet is the container's init PID and network mode, as docker
// inspect last gave them, and the PID's start time when it was looked up.
type containerNet struct {
	pid       int
	start     string    // the process's start time (/proc/PID/stat), "" unread
	mode      string    // the network mode, "" unknown
	inspected time.Time // zero: never
	err       error     // why the last inspect gave no PID
}

func (m *MachineProbe) clock() time.Time {
	if m.now != nil {
		return m.now()
	}
	return time.Now()
}

// inspect asks docker for the container's init PID on this host and its
// network mode, and notes the PID's start time, which tells later whether
// the PID is still that process's.
func (m *MachineProbe) inspect(ctx context.Context) {
	n := &m.netns
	n.inspected, n.pid, n.start, n.err = m.clock(), 0, "", nil
	ex := m.Exec
	if ex == nil {
		ex = OSExec{}
	}
	out, err := ex.Output(ctx, "docker", "inspect", "-f", inspectFormat, m.Container)
	if err != nil {
		n.err = fmt.Errorf("cannot find container %s's network namespace: %w", m.Container, err)
		return
	}
	fields := strings.Fields(string(out))
	pid, err := -1, error(nil)
	if len(fields) > 0 {
		pid, err = strconv.Atoi(fields[0])
	}
	switch {
	case err != nil || pid < 0:
		n.err = fmt.Errorf("cannot find container %s's network namespace: docker inspect gave no process id (%q)", m.Container, SanitizeLine(strings.TrimSpace(string(out))))
	case pid == 0:
		n.err = fmt.Errorf("container %s is not running: it has no network namespace to read", m.Container)
	default:
		n.pid = pid
		n.start, _ = m.procStart(pid)
	}
	if len(fields) > 1 && networkModeOK(fields[1]) {
		n.mode = fields[1]
	}
}

// networkModeOK accepts a network mode as Docker names them: host,
// bridge, none, a network's name, container:NAME or ID.
func networkModeOK(s string) bool {
	if len(s) == 0 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_.-:", c) >= 0) {
			return false
		}
	}
	return true
}

// procStart is the start time of process pid, field 22 of /proc/PID/stat.
func (m *MachineProbe) procStart(pid int) (string, error) {
	b, err := m.readFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", err
	}
	st, ok := parseStat(b)
	if !ok || st.start == "" {
		return "", fmt.Errorf("/proc/%d/stat: not read", pid)
	}
	return st.start, nil
}

// reused tells whether the PID docker inspect gave is now another
// process's: one that started at another time.
func (m *MachineProbe) reused() bool {
	n := &m.netns
	if n.pid == 0 || n.start == "" {
		return false
	}
	start, err := m.procStart(n.pid)
	return err == nil && start != n.start
}

// containerSockets reads the socket tables of the container's network
// namespace. A PID whose tables cannot be read (the container restarted)
// is looked up again, at most once every netnsReinspect; one that another
// process has taken (its start time changed) at once.
func (m *MachineProbe) containerSockets(ctx context.Context) ([]sockEntry, error) {
	n := &m.netns
	due := func() bool { return n.inspected.IsZero() || m.clock().Sub(n.inspected) >= netnsReinspect }
	if n.pid == 0 {
		if due() {
			m.inspect(ctx)
		}
		if n.pid == 0 {
			return nil, n.err
		}
	}
	if m.reused() {
		// The container restarted and another process has its old
		// init's PID: its tables are another namespace's.
		m.inspect(ctx)
		if n.pid == 0 {
			return nil, n.err
		}
	}
	socks, path, err := m.procSocketsIn(fmt.Sprintf("/proc/%d", n.pid))
	if err != nil && due() {
		m.inspect(ctx)
		if n.pid == 0 {
			return nil, n.err
		}
		socks, path, err = m.procSocketsIn(fmt.Sprintf("/proc/%d", n.pid))
	}
	if err != nil {
		cause := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			cause = pe.Err
		}
		why := fmt.Errorf("cannot read the container's network namespace (%s: %v)", path, cause)
		if errors.Is(err, fs.ErrPermission) {
			why = fmt.Errorf("%w: run as root", why)
		}
		return nil, why
	}
	return socks, nil
}
