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

// containerNet is the container's init PID, as docker inspect last gave it.
type containerNet struct {
	pid       int
	inspected time.Time // zero: never
	err       error     // why the last inspect gave no PID
}

func (m *MachineProbe) clock() time.Time {
	if m.now != nil {
		return m.now()
	}
	return time.Now()
}

// inspect asks docker for the container's init PID on this host.
func (m *MachineProbe) inspect(ctx context.Context) {
	n := &m.netns
	n.inspected, n.pid, n.err = m.clock(), 0, nil
	ex := m.Exec
	if ex == nil {
		ex = OSExec{}
	}
	out, err := ex.Output(ctx, "docker", "inspect", "-f", "{{.State.Pid}}", m.Container)
	if err != nil {
		n.err = fmt.Errorf("cannot find container %s's network namespace: %w", m.Container, err)
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	switch {
	case err != nil || pid < 0:
		n.err = fmt.Errorf("cannot find container %s's network namespace: docker inspect gave no process id (%q)", m.Container, SanitizeLine(strings.TrimSpace(string(out))))
	case pid == 0:
		n.err = fmt.Errorf("container %s is not running: it has no network namespace to read", m.Container)
	default:
		n.pid = pid
	}
}

// containerSockets reads the socket tables of the container's network
// namespace. A PID whose tables cannot be read (the container restarted)
// is looked up again, at most once every netnsReinspect.
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
