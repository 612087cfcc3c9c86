package sources

import (
	"context"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// procHeader is /proc/net/tcp with no socket: a host whose own namespace
// has none of the container's connections.
const procHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"

// containerProbe is a probe of container mx with Postfix's smtp and
// smtpd running, over the given files (a missing one is ENOENT).
func containerProbe(files map[string]string, clock *time.Time) *MachineProbe {
	procs := []ProcInfo{
		{PID: 100, PPID: 1, Name: "master", Cmdline: []string{"/usr/lib/postfix/sbin/master", "-w"}, FDs: 40, FDLimit: 4096},
		{PID: 105, PPID: 100, Name: "smtp", Cmdline: []string{"smtp", "-t", "unix", "-u"}, FDs: 7, FDLimit: 1024},
	}
	p := fakeProbe(procs, nil)
	p.ReadFile = func(name string) ([]byte, error) {
		if name == "/proc/sys/fs/file-nr" {
			return []byte("1504\t0\t9\n"), nil
		}
		if s, ok := files[name]; ok {
			if s == "EACCES" {
				return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EACCES}
			}
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.ENOENT}
	}
	p.Container = "mx"
	p.Exec = DockerExec{Host: OSExec{}, Container: "mx"}
	p.now = func() time.Time { return *clock }
	return p
}

func inspects(calls []string) int {
	n := 0
	for _, c := range calls {
		if c == "[inspect][-f]["+inspectFormat+"][mx]" {
			n++
		}
	}
	return n
}

// With --docker the connections are counted in the container's network
// namespace (/proc/PID/net of its init process), not this host's, which
// has none of them when the container is on a bridge network.
func TestMachineContainerSocketsFromItsNamespace(t *testing.T) {
	answers, calls := fakeDocker(t, "running")
	answer(t, answers, "pid", "4242\n")
	clock := time.Unix(1_800_000_000, 0)
	files := map[string]string{"/proc/net/tcp": procHeader, "/proc/4242/net/tcp": procNetTCP}
	p := containerProbe(files, &clock)
	for i := 0; i < 3; i++ {
		r := p.Read(context.Background())
		if r.Outbound["12.2.0.7"] != 1 || r.OutboundSynSent["12.2.0.7"] != 1 || r.Inbound["127.0.0.2"] != 2 || len(r.Unreadable) != 0 {
			t.Fatalf("read %d: in %v out %v syn %v unreadable %v", i, r.Inbound, r.Outbound, r.OutboundSynSent, r.Unreadable)
		}
		clock = clock.Add(time.Minute)
	}
	if n := inspects(calls()); n != 1 {
		t.Fatalf("%d docker inspects for 3 readings, want 1 (the PID is kept): %q", n, calls())
	}

	// Without --docker the host's own table is read, as before.
	q := containerProbe(files, &clock)
	q.Container, q.Exec = "", nil
	if r := q.Read(context.Background()); len(r.Outbound)+len(r.Inbound) != 0 || len(r.Unreadable) != 0 {
		t.Fatalf("host: in %v out %v unreadable %v", r.Inbound, r.Outbound, r.Unreadable)
	}
	if n := inspects(calls()); n != 1 {
		t.Fatalf("docker inspect ran without --docker: %q", calls())
	}
}

// A container that restarts has a new init PID: the old one's tables are
// gone, and docker inspect runs again, at most once every 30 seconds.
func TestMachineContainerRestartInspectsAgain(t *testing.T) {
	answers, calls := fakeDocker(t, "running")
	answer(t, answers, "pid", "4242\n")
	clock := time.Unix(1_800_000_000, 0)
	files := map[string]string{"/proc/4242/net/tcp": procNetTCP}
	p := containerProbe(files, &clock)
	if r := p.Read(context.Background()); r.Outbound["12.2.0.7"] != 1 {
		t.Fatalf("first reading: out %v unreadable %v", r.Outbound, r.Unreadable)
	}
	// Restarted: 4242 is gone, the container's init is 5151.
	delete(files, "/proc/4242/net/tcp")
	files["/proc/5151/net/tcp6"] = procHeader
	files["/proc/5151/net/tcp"] = procNetTCP
	answer(t, answers, "pid", "5151\n")
	clock = clock.Add(10 * time.Second)
	r := p.Read(context.Background())
	want := "sockets: cannot read the container's network namespace (/proc/4242/net/tcp: no such file or directory)"
	if len(r.Unreadable) != 1 || r.Unreadable[0] != want || len(r.Outbound) != 0 {
		t.Fatalf("within 30 s of the inspect: out %v unreadable %q, want %q", r.Outbound, r.Unreadable, want)
	}
	if n := inspects(calls()); n != 1 {
		t.Fatalf("%d inspects within 30 s, want 1", n)
	}
	clock = clock.Add(25 * time.Second)
	r = p.Read(context.Background())
	if r.Outbound["12.2.0.7"] != 1 || len(r.Unreadable) != 0 {
		t.Fatalf("after the restart: out %v unreadable %v", r.Outbound, r.Unreadable)
	}
	if n := inspects(calls()); n != 2 {
		t.Fatalf("%d inspects, want 2", n)
	}
}

// Tables the probe may not read say so, and what to do.
func TestMachineContainerSocketsPermission(t *testing.T) {
	answers, calls := fakeDocker(t, "running")
	answer(t, answers, "pid", "4242\n")
	clock := time.Unix(1_800_000_000, 0)
	p := containerProbe(map[string]string{"/proc/4242/net/tcp": "EACCES", "/proc/4242/net/tcp6": "EACCES"}, &clock)
	r := p.Read(context.Background())
	want := "sockets: cannot read the container's network namespace (/proc/4242/net/tcp: permission denied): run as root"
	if len(r.Unreadable) != 1 || r.Unreadable[0] != want {
		t.Fatalf("unreadable %q, want %q", r.Unreadable, want)
	}
	if st := MachineState(&r); st.Health != HealthDegraded || !strings.Contains(st.Detail, want) {
		t.Fatalf("state %v %q", st.Health, st.Detail)
	}
	if n := inspects(calls()); n != 1 {
		t.Fatalf("%d inspects, want 1", n)
	}
}

// A stopped container has no namespace; a daemon that does not answer is
// said as such, and neither counts this host's connections instead.
func TestMachineContainerNotRunning(t *testing.T) {
	for state, want := range map[string]string{
		"stopped": "sockets: container mx is not running: it has no network namespace to read",
		"down":    "sockets: cannot find container mx's network namespace: ",
	} {
		fakeDocker(t, state)
		clock := time.Unix(1_800_000_000, 0)
		p := containerProbe(map[string]string{"/proc/net/tcp": procNetTCP}, &clock)
		r := p.Read(context.Background())
		if len(r.Unreadable) != 1 || !strings.HasPrefix(r.Unreadable[0], want) || len(r.Outbound)+len(r.Inbound) != 0 {
			t.Fatalf("%s: out %v unreadable %q, want %q", state, r.Outbound, r.Unreadable, want)
		}
	}
}

// On the real /proc, the namespace of a process is read under its PID.
func TestMachineContainerSocketsRealProc(t *testing.T) {
	if _, err := os.Stat("/proc/self/net/tcp"); err != nil {
		t.Skip("no /proc/self/net/tcp")
	}
	answers, _ := fakeDocker(t, "running")
	answer(t, answers, "pid", strconv.Itoa(os.Getpid())+"\n")
	clock := time.Now()
	p := containerProbe(nil, &clock)
	p.ReadFile = nil
	r := p.Read(context.Background())
	for _, u := range r.Unreadable {
		if strings.HasPrefix(u, "sockets") {
			t.Fatalf("unreadable %q", r.Unreadable)
		}
	}
}

// procStatLine is /proc/PID/stat of a process that started at start
// (clock ticks since boot, field 22).
func procStatLine(pid int, comm string, start int) string {
	f := []string{strconv.Itoa(pid), "(" + comm + ")", "S", "1", strconv.Itoa(pid), strconv.Itoa(pid), "0", "-1", "4194560"}
	for len(f) < 21 {
		f = append(f, "0")
	}
	f = append(f, strconv.Itoa(start))
	for len(f) < 52 {
		f = append(f, "0")
	}
	return strings.Join(f, " ") + "\n"
}

// After a restart of the container another process may have the PID its
// init had, and its tables are another namespace's, read without an
// error: the PID's start time tells it is not the process docker inspect
// named, and docker inspect runs again at once for the container's new
// one instead of counting that namespace's connections.
func TestMachineContainerPIDReusedInspectsAgain(t *testing.T) {
	answers, calls := fakeDocker(t, "running")
	answer(t, answers, "pid", "4242 bridge\n")
	clock := time.Unix(1_800_000_000, 0)
	files := map[string]string{
		"/proc/4242/stat":    procStatLine(4242, "tini", 5000),
		"/proc/4242/net/tcp": procNetTCP,
	}
	p := containerProbe(files, &clock)
	for i := 0; i < 2; i++ {
		if r := p.Read(context.Background()); r.Outbound["12.2.0.7"] != 1 || len(r.Unreadable) != 0 {
			t.Fatalf("reading %d: out %v unreadable %v", i, r.Outbound, r.Unreadable)
		}
		clock = clock.Add(5 * time.Second)
	}
	if n := inspects(calls()); n != 1 {
		t.Fatalf("%d inspects while the PID is the container's, want 1", n)
	}
	// Restarted: the container's init is 5151; 4242 is now a process in
	// another namespace, with none of Postfix's connections.
	files["/proc/4242/stat"] = procStatLine(4242, "bash", 9000)
	files["/proc/4242/net/tcp"] = procHeader
	files["/proc/5151/stat"] = procStatLine(5151, "tini", 9100)
	files["/proc/5151/net/tcp"] = procNetTCP
	answer(t, answers, "pid", "5151 bridge\n")
	r := p.Read(context.Background())
	if r.Outbound["12.2.0.7"] != 1 || r.Inbound["127.0.0.2"] != 2 || len(r.Unreadable) != 0 {
		t.Fatalf("after the restart: in %v out %v unreadable %v (the reused PID's namespace read)", r.Inbound, r.Outbound, r.Unreadable)
	}
	if n := inspects(calls()); n != 2 {
		t.Fatalf("%d inspects, want 2", n)
	}
	clock = clock.Add(5 * time.Second)
	p.Read(context.Background())
	if n := inspects(calls()); n != 2 {
		t.Fatalf("%d inspects after the new PID was checked, want 2", n)
	}
}

// The reading carries the container's network mode, which tells whether
// its sockets and port range are this host's (host) or its own.
func TestMachineContainerNetworkMode(t *testing.T) {
	for answerText, want := range map[string]string{
		"4242 host\n":                 "host",
		"4242 bridge\n":               "bridge",
		"4242 mailcow_network\n":      "mailcow_network",
		"4242 container:4f1e0c7d2b\n": "container:4f1e0c7d2b",
		"4242\n":                      "",
		"4242 bad\x1b[2Jmode\n":       "",
	} {
		answers, _ := fakeDocker(t, "running")
		answer(t, answers, "pid", answerText)
		clock := time.Unix(1_800_000_000, 0)
		p := containerProbe(map[string]string{"/proc/4242/net/tcp": procNetTCP}, &clock)
		r := p.Read(context.Background())
		if r.ContainerNetwork != want || r.Outbound["12.2.0.7"] != 1 {
			t.Errorf("%q: network %q, want %q; out %v unreadable %v", answerText, r.ContainerNetwork, want, r.Outbound, r.Unreadable)
		}
	}
}
