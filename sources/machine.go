package sources

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/shirou/gopsutil/v4/cpu"
	"github.com/shirou/gopsutil/v4/disk"
	"github.com/shirou/gopsutil/v4/load"
	"github.com/shirou/gopsutil/v4/mem"
	"github.com/shirou/gopsutil/v4/process"
)

// MachineReading is one sample of the host's load and Postfix's processes
// and sockets. Fields that could not be read are listed in Unreadable.
type MachineReading struct {
	Time                 time.Time
	CPUs                 int
	Load1, Load5, Load15 float64
	CPUPercent           float64
	MemTotal, MemAvail   uint64
	SwapTotal, SwapUsed  uint64

	QueueDir             string
	DiskTotal, DiskFree  uint64
	DiskReads, DiskWrite uint64 // cumulative bytes of the queue's device

	FileNrAllocated, FileNrMax uint64

	MasterPID      int32
	MasterFDs      int    // -1 when unreadable
	MasterFDLimit  uint64 // RLIMIT_NOFILE soft limit
	PostfixProcs   int
	PostfixFDs     int            // sum over readable Postfix processes
	PostfixFDLimit uint64         // the lowest soft limit seen
	Services       map[string]int // "smtp/inet" -> processes (zombies excluded)

	Outbound        map[string]int // remote IP -> ESTABLISHED to delivery ports
	OutboundSynSent map[string]int // remote IP -> SYN_SENT to delivery ports
	Inbound         map[string]int // client IP -> ESTABLISHED on local SMTP ports

	Unreadable []string // what could not be read, and why

	// Container is the container Postfix runs in (--docker): the
	// readings are the host's, not the container's.
	Container string
	// ContainerNetwork is that container's network mode as docker
	// inspect gave it (host: this host's sockets and port range; bridge,
	// a network's name, container:ID: its own), "" when not known.
	ContainerNetwork string
}

// ProcInfo is what mxtop needs of one process.
type ProcInfo struct {
	PID, PPID int32
	Name      string
	Cmdline   []string
	Zombie    bool
	FDs       int    // -1 when unreadable
	FDLimit   uint64 // 0 when unreadable
	start     string // start time, when read from /proc
}

// MachineProbe reads the machine. Its function fields default to the real
// system and are replaced in tests.
type MachineProbe struct {
	QueueDir string
	// Container is the container Postfix runs in (--docker): QueueDir is
	// its path there, not this host's, and is not read.
	Container string
	// LocalPorts are the ports of our SMTP listeners (inbound); RemotePorts
	// the ports Postfix delivers to (outbound). Defaults: 25, 465, 587.
	LocalPorts, RemotePorts []int
	// RemotePortsFunc, when set, adds ports learned at run time.
	RemotePortsFunc func() []int

	ReadFile  func(name string) ([]byte, error)
	Processes func(ctx context.Context) ([]ProcInfo, error)
	// Exec runs docker inspect on this host (--docker); nil: OSExec.
	Exec Exec

	// Backoff, when set, lets the process and socket half of a sample
	// repeat for up to this many intervals while it does not change
	// (machine_cache.go).
	Backoff int

	// Looked up once: the CPU count and the queue directory's device.
	cpus      int
	queueDev  string
	devLooked bool
	backoff   procBackoff
	details   map[int32]procDetail
	// The master the last sample found, by pid and start time.
	master      int32
	masterStart string
	// connHolders counts the master's children that can hold an SMTP
	// connection; -1 when no master was found.
	connHolders int
	// netns is the container's init process, whose socket tables are
	// the container's (netns.go); now, when set, is the clock.
	netns containerNet
	now   func() time.Time
}

// smtpConnHolders are the Postfix programs that hold SMTP connections:
// the delivery agents and the servers (postscreen and tlsproxy hold the
// client's connection before smtpd does).
var smtpConnHolders = map[string]bool{"smtp": true, "lmtp": true, "smtpd": true, "postscreen": true, "tlsproxy": true}

func (m *MachineProbe) readFile(name string) ([]byte, error) {
	if m.ReadFile != nil {
		return m.ReadFile(name)
	}
	return os.ReadFile(name)
}

// Read takes one sample. It never fails as a whole: what it cannot read is
// said in Unreadable and the rest is kept.
func (m *MachineProbe) Read(ctx context.Context) MachineReading {
	r := MachineReading{Time: time.Now(), CPUs: runtime.NumCPU(), QueueDir: m.QueueDir, MasterFDs: -1, Container: m.Container,
		Services: map[string]int{}, Outbound: map[string]int{}, OutboundSynSent: map[string]int{}, Inbound: map[string]int{}}
	if m.Container != "" {
		// The container's queue directory is no path on this host.
		r.QueueDir = ""
	}
	note := func(what string, err error) { r.Unreadable = append(r.Unreadable, fmt.Sprintf("%s: %v", what, err)) }

	if m.Processes == nil { // real system: gopsutil readings
		if m.cpus == 0 {
			if n, err := cpu.CountsWithContext(ctx, true); err == nil && n > 0 {
				m.cpus = n
			} else {
				m.cpus = runtime.NumCPU()
			}
		}
		r.CPUs = m.cpus
		if l, err := load.AvgWithContext(ctx); err == nil {
			r.Load1, r.Load5, r.Load15 = l.Load1, l.Load5, l.Load15
		} else {
			note("load average", err)
		}
		if p, err := cpu.PercentWithContext(ctx, 0, false); err == nil && len(p) > 0 {
			r.CPUPercent = p[0]
		} else if err != nil {
			note("cpu", err)
		}
		if vm, err := mem.VirtualMemoryWithContext(ctx); err == nil {
			// The swap figures come from the same read of /proc/meminfo.
			r.MemTotal, r.MemAvail = vm.Total, vm.Available
			r.SwapTotal, r.SwapUsed = vm.SwapTotal, vm.SwapTotal-min(vm.SwapFree, vm.SwapTotal)
		} else {
			note("memory", err)
		}

		if r.QueueDir != "" {
			m.readDisk(ctx, &r, note)
		}
	}
	if b, err := m.readFile("/proc/sys/fs/file-nr"); err == nil {
		f := strings.Fields(string(b))
		if len(f) == 3 {
			r.FileNrAllocated, _ = strconv.ParseUint(f[0], 10, 64)
			r.FileNrMax, _ = strconv.ParseUint(f[2], 10, 64)
		}
	} else {
		note("file-nr", err)
	}
	m.readProcPart(ctx, &r, note)
	if m.Container != "" {
		if m.netns.inspected.IsZero() {
			// No socket was counted (no Postfix process that holds
			// one): the network mode is still looked up, once.
			m.inspect(ctx)
		}
		r.ContainerNetwork = m.netns.mode
	}
	return r
}

func (m *MachineProbe) readDisk(ctx context.Context, r *MachineReading, note func(string, error)) {
	if u, err := disk.UsageWithContext(ctx, m.QueueDir); err == nil {
		r.DiskTotal, r.DiskFree = u.Total, u.Free
	} else {
		note("queue directory disk", err)
		return
	}
	// I/O of the device holding the queue: the mount point with the
	// longest prefix of the queue directory, found once.
	if !m.devLooked {
		m.devLooked = true
		if parts, err := disk.PartitionsWithContext(ctx, false); err == nil {
			best := ""
			for _, p := range parts {
				if strings.HasPrefix(m.QueueDir, p.Mountpoint) && len(p.Mountpoint) > len(best) {
					best, m.queueDev = p.Mountpoint, strings.TrimPrefix(p.Device, "/dev/")
				}
			}
		}
	}
	dev := m.queueDev
	if dev == "" {
		return
	}
	if io, err := disk.IOCountersWithContext(ctx, dev); err == nil {
		if c, ok := io[dev]; ok {
			r.DiskReads, r.DiskWrite = c.ReadBytes, c.WriteBytes
		}
	}
}

// PostfixServiceKey names a Postfix child process by its master.cf
// service: "smtpd -n smtp -t inet ..." is smtp/inet; without -n the
// service name is the command ("qmgr -l -t unix" is qmgr/unix).
func PostfixServiceKey(cmdline []string) string {
	if len(cmdline) == 0 {
		return ""
	}
	name := cmdline[0]
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	typ := ""
	for i := 1; i+1 < len(cmdline); i++ {
		switch cmdline[i] {
		case "-n":
			name = cmdline[i+1]
		case "-t":
			typ = cmdline[i+1]
		}
	}
	if typ == "" {
		return ""
	}
	return name + "/" + typ
}

func (m *MachineProbe) readProcesses(ctx context.Context, r *MachineReading, note func(string, error)) {
	list := m.Processes
	if list == nil {
		list = m.systemProcesses
	}
	procs, err := list(ctx)
	if err != nil {
		note("processes", err)
		return
	}
	var master *ProcInfo
	for i := range procs {
		p := &procs[i]
		if p.Name == "master" && len(p.Cmdline) > 0 && (strings.Contains(p.Cmdline[0], "postfix") || p.PPID == 1) {
			master = p
			break
		}
	}
	m.connHolders = -1
	if master == nil {
		m.master, m.masterStart = 0, ""
		note("postfix processes", errors.New("no Postfix master process found"))
		return
	}
	m.master, m.masterStart = master.PID, master.start
	r.MasterPID = master.PID
	r.MasterFDs = master.FDs
	r.MasterFDLimit = master.FDLimit
	r.PostfixProcs = 1
	if master.FDs > 0 {
		r.PostfixFDs = master.FDs
	}
	r.PostfixFDLimit = master.FDLimit
	unreadableFDs := 0
	m.connHolders = 0
	for _, p := range procs {
		if p.PPID != master.PID || p.Zombie {
			continue
		}
		r.PostfixProcs++
		if smtpConnHolders[p.Name] {
			m.connHolders++
		}
		if key := PostfixServiceKey(p.Cmdline); key != "" {
			r.Services[key]++
		}
		if p.FDs >= 0 {
			r.PostfixFDs += p.FDs
		} else {
			unreadableFDs++
		}
		if p.FDLimit > 0 && (r.PostfixFDLimit == 0 || p.FDLimit < r.PostfixFDLimit) {
			r.PostfixFDLimit = p.FDLimit
		}
	}
	if master.FDs < 0 || unreadableFDs > 0 {
		note("file descriptors of Postfix processes", fmt.Errorf("%d of %d unreadable (needs root)", unreadableFDs+boolInt(master.FDs < 0), r.PostfixProcs))
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// systemProcesses finds the Postfix master and its children. A first pass
// reads only /proc/<pid>/stat (name and parent) for every process: going
// through gopsutil for all of them would read several files each and cost
// more than the rest of a sample. gopsutil then reads the details
// (command line, descriptors, limits) of the Postfix processes alone.
// Once a master has been found, later samples start from it: while it
// runs (the same pid and start time), the kernel lists its children
// (/proc/<pid>/task/<pid>/children) and the pass over every process is
// skipped.
func (m *MachineProbe) systemProcesses(ctx context.Context) ([]ProcInfo, error) {
	buf := make([]byte, 512)
	if out, ok := m.knownMaster(ctx, buf); ok {
		return out, nil
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	type stat struct {
		pid int32
		procStat
	}
	var all []stat
	masters := map[int32]bool{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, ok := readStat(pid, buf)
		if !ok {
			continue // gone, or not readable
		}
		all = append(all, stat{int32(pid), st})
		if st.name == "master" {
			masters[int32(pid)] = true
		}
	}
	var out []ProcInfo
	seen := make(map[int32]procDetail, len(m.details))
	for _, st := range all {
		if st.name != "master" && !masters[st.ppid] {
			continue
		}
		out = append(out, m.procInfo(ctx, st.pid, st.procStat, seen))
	}
	m.details = seen
	return out, nil
}

// knownMaster lists the master found by the last sample and its
// children, when that master still runs and the kernel lists children.
func (m *MachineProbe) knownMaster(ctx context.Context, buf []byte) ([]ProcInfo, bool) {
	pid := m.master
	if pid == 0 {
		return nil, false
	}
	st, ok := readStat(int(pid), buf)
	if !ok || st.name != "master" || st.start != m.masterStart || st.start == "" {
		return nil, false
	}
	id := strconv.Itoa(int(pid))
	kids, err := os.ReadFile("/proc/" + id + "/task/" + id + "/children")
	if err != nil {
		return nil, false
	}
	seen := make(map[int32]procDetail, len(m.details))
	out := []ProcInfo{m.procInfo(ctx, pid, st, seen)}
	for _, f := range bytes.Fields(kids) {
		kid, err := strconv.Atoi(string(f))
		if err != nil {
			continue
		}
		if kst, ok := readStat(kid, buf); ok && kst.ppid == pid {
			out = append(out, m.procInfo(ctx, int32(kid), kst, seen))
		}
	}
	m.details = seen
	return out, true
}

// procInfo reads what is needed of one Postfix process; its command line
// and descriptor limit are read once per process (its pid and start time).
func (m *MachineProbe) procInfo(ctx context.Context, pid int32, st procStat, seen map[int32]procDetail) ProcInfo {
	zombie := st.state == 'Z'
	info := ProcInfo{PID: pid, PPID: st.ppid, Name: st.name, Zombie: zombie, FDs: -1, start: st.start}
	p := &process.Process{Pid: pid}
	d, ok := m.details[pid]
	// The name changes at exec, which keeps the pid and start time: a
	// process first read between fork and exec had its parent's. Inside
	// exec the kernel sets the new name before the new command line, so
	// an empty command line is read again too.
	if !ok || d.start != st.start || d.name != st.name || len(d.cmdline) == 0 || st.start == "" || zombie {
		d = procDetail{start: st.start, name: st.name}
		d.cmdline, _ = p.CmdlineSliceWithContext(ctx)
		if !zombie {
			if lims, err := p.RlimitWithContext(ctx); err == nil {
				for _, l := range lims {
					if l.Resource == process.RLIMIT_NOFILE {
						d.fdLimit = l.Soft
					}
				}
			}
		}
	}
	seen[pid] = d
	info.Cmdline, info.FDLimit = d.cmdline, d.fdLimit
	if !zombie {
		if n, err := p.NumFDsWithContext(ctx); err == nil {
			info.FDs = int(n)
		}
	}
	return info
}

type procStat struct {
	ppid  int32
	name  string
	state byte
	start string // start time in clock ticks, telling a reused pid
}

// readStat reads "pid (comm) state ppid ... starttime ..." from
// /proc/<pid>/stat; comm may hold spaces and parentheses, so it ends at
// the last ')'. It reads with bare system calls: it runs for every
// process on the machine, and an os.File's set-up costs more than the
// read.
func readStat(pid int, buf []byte) (procStat, bool) {
	fd, err := syscall.Open("/proc/"+strconv.Itoa(pid)+"/stat", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return procStat{}, false
	}
	n, err := syscall.Read(fd, buf)
	syscall.Close(fd)
	if err != nil || n <= 0 {
		return procStat{}, false
	}
	return parseStat(buf[:n])
}

// parseStat reads what readStat needs of /proc/<pid>/stat's text.
func parseStat(b []byte) (procStat, bool) {
	open := bytes.IndexByte(b, '(')
	close := bytes.LastIndexByte(b, ')')
	if open < 0 || close < open || close+4 > len(b) {
		return procStat{}, false
	}
	st := procStat{name: string(b[open+1 : close]), state: b[close+2]}
	rest := b[close+4:]
	if sp := bytes.IndexByte(rest, ' '); sp > 0 {
		if v, err := strconv.Atoi(string(rest[:sp])); err == nil {
			st.ppid = int32(v)
		}
	}
	// After ')': the state is field 3 and the start time field 22.
	if fields := bytes.Fields(b[close+1:]); len(fields) >= 20 {
		st.start = string(fields[19])
	}
	return st, true
}

// sockEntry is one TCP socket: its state and both ends.
type sockEntry struct {
	state         uint8
	local, remote netip.Addr
	lport, rport  int
}

// TCP states, as the kernel numbers them in /proc/net/tcp and sock_diag.
const (
	tcpStateEstablished = 1
	tcpStateSynSent     = 2
)

// readSockets counts outbound and inbound SMTP connections. On the real
// system it asks the kernel over netlink (sock_diag, as ss does); where
// that is refused, and in tests, it reads /proc/net/tcp and tcp6. It does
// not use gopsutil's Connections, which maps every socket to its process
// by walking every process's descriptors and fails without root; the
// addresses alone are what is needed here.
//
// With --docker the tables are those of the container's network
// namespace, read under /proc/PID/net of its init process (netns.go).
func (m *MachineProbe) readSockets(ctx context.Context, r *MachineReading, note func(string, error)) {
	local := portSet(m.LocalPorts, 25, 465, 587)
	rp := m.RemotePorts
	if m.RemotePortsFunc != nil {
		rp = append(append([]int{}, rp...), m.RemotePortsFunc()...)
	}
	remote := portSet(rp, 25, 465, 587)
	count := func(e sockEntry) {
		switch {
		case e.state == tcpStateEstablished && local[e.lport]:
			r.Inbound[e.remote.String()]++
		case e.state == tcpStateEstablished && remote[e.rport] && !local[e.lport]:
			r.Outbound[e.remote.String()]++
		case e.state == tcpStateSynSent && remote[e.rport]:
			r.OutboundSynSent[e.remote.String()]++
		}
	}
	if m.Container != "" {
		socks, err := m.containerSockets(ctx)
		if err != nil {
			note("sockets", err)
			return
		}
		for _, e := range socks {
			count(e)
		}
		return
	}
	if m.ReadFile == nil {
		if socks, err := netlinkSockets(1<<tcpStateEstablished | 1<<tcpStateSynSent); err == nil {
			for _, e := range socks {
				count(e)
			}
			return
		}
	}
	socks, err := m.procSockets()
	if err != nil {
		note("TCP sockets", err)
		return
	}
	for _, e := range socks {
		count(e)
	}
}

// procSockets parses /proc/net/tcp and tcp6.
func (m *MachineProbe) procSockets() ([]sockEntry, error) {
	out, _, err := m.procSocketsIn("/proc")
	if err != nil {
		return nil, errors.New("/proc/net/tcp unreadable")
	}
	return out, nil
}

// procSocketsIn parses DIR/net/tcp and tcp6. When neither can be read it
// returns tcp's path and error.
func (m *MachineProbe) procSocketsIn(dir string) ([]sockEntry, string, error) {
	var out []sockEntry
	read := 0
	var first error
	for _, f := range []string{dir + "/net/tcp", dir + "/net/tcp6"} {
		b, err := m.readFile(f)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		read++
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Scan() // header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 4 {
				continue
			}
			la, lp, ok1 := parseProcAddr(fields[1])
			ra, rp, ok2 := parseProcAddr(fields[2])
			st, err := strconv.ParseUint(fields[3], 16, 8)
			if !ok1 || !ok2 || err != nil {
				continue
			}
			out = append(out, sockEntry{state: uint8(st), local: la, remote: ra, lport: lp, rport: rp})
		}
	}
	if read == 0 {
		return nil, dir + "/net/tcp", first
	}
	return out, "", nil
}

func portSet(ports []int, defaults ...int) map[int]bool {
	if len(ports) == 0 {
		ports = defaults
	}
	s := map[int]bool{}
	for _, p := range ports {
		s[p] = true
	}
	return s
}

// parseProcAddr decodes "0100007F:0019" (IPv4) or the 32-hex-digit IPv6
// form of /proc/net/tcp6; each 32-bit word is in host (little-endian) order.
func parseProcAddr(s string) (netip.Addr, int, bool) {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return netip.Addr{}, 0, false
	}
	port, err := strconv.ParseUint(s[i+1:], 16, 16)
	if err != nil {
		return netip.Addr{}, 0, false
	}
	raw, err := hex.DecodeString(s[:i])
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return netip.Addr{}, 0, false
	}
	for w := 0; w+4 <= len(raw); w += 4 {
		raw[w], raw[w+1], raw[w+2], raw[w+3] = raw[w+3], raw[w+2], raw[w+1], raw[w]
	}
	var a netip.Addr
	if len(raw) == 4 {
		a = netip.AddrFrom4([4]byte(raw))
	} else {
		a = netip.AddrFrom16([16]byte(raw)).Unmap()
	}
	return a, int(port), true
}

// MachineEvent is what the machine source sends every interval.
type MachineEvent struct {
	Reading MachineReading
	State   SourceState
}

// RunMachine samples every interval until ctx ends.
func RunMachine(ctx context.Context, m *MachineProbe, interval time.Duration, out chan<- MachineEvent) {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	every(ctx, interval, out, func() (MachineEvent, bool) {
		rd := m.Read(ctx)
		st := MachineState(&rd)
		st.Time = time.Now()
		return MachineEvent{Reading: rd, State: st}, ctx.Err() == nil
	})
}

// MachineState is the machine source's state after a reading: what it
// could not read, sorted and joined, for the live view and the report
// alike.
func MachineState(rd *MachineReading) SourceState {
	st := SourceState{Source: "machine", Health: HealthOK, Detail: "gopsutil"}
	if len(rd.Unreadable) > 0 {
		st.Health = HealthDegraded
		sort.Strings(rd.Unreadable)
		st.Detail = strings.Join(rd.Unreadable, "; ")
	}
	if rd.Container != "" {
		st.Detail += "; " + HostFigures(rd.Container)
	}
	return st
}

// HostFigures says whose the machine's figures are when Postfix runs in a
// container.
func HostFigures(container string) string {
	return "load, memory and processes are this host's, shared by every container on it, not container " + container + "'s own; connections are counted in the container's network; its queue's disk is not read"
}
