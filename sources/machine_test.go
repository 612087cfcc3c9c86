package sources

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"mxtop/sources/sourcestest"
)

const procNetTCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0019 0200007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:0019 0200007F:A1B3 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 20 4 30 10 -1
   3: 0A00000A:C350 0700020C:0019 01 00000000:00000000 00:00000000 00000000   106        0 4 1 0000000000000000 20 4 30 10 -1
   4: 0A00000A:C351 0700020C:0019 02 00000000:00000000 00:00000000 00000000   106        0 5 1 0000000000000000 20 4 30 10 -1
   5: 0A00000A:C352 0800020C:01D1 01 00000000:00000000 00:00000000 00000000   106        0 6 1 0000000000000000 20 4 30 10 -1
`

func fakeProbe(procs []ProcInfo, files map[string]string) *MachineProbe {
	return &MachineProbe{
		ReadFile: func(name string) ([]byte, error) {
			if s, ok := files[name]; ok {
				return []byte(s), nil
			}
			return nil, errors.New("permission denied")
		},
		Processes: func(context.Context) ([]ProcInfo, error) { return procs, nil },
	}
}

func TestMachineProcessesAndSockets(t *testing.T) {
	procs := []ProcInfo{
		{PID: 100, PPID: 1, Name: "master", Cmdline: []string{"/usr/lib/postfix/sbin/master", "-w"}, FDs: 40, FDLimit: 4096},
		{PID: 101, PPID: 100, Name: "qmgr", Cmdline: []string{"qmgr", "-l", "-t", "unix", "-u"}, FDs: 12, FDLimit: 4096},
		{PID: 102, PPID: 100, Name: "smtpd", Cmdline: []string{"smtpd", "-n", "smtp", "-t", "inet", "-u", "-o", "stress="}, FDs: 9, FDLimit: 4096},
		{PID: 103, PPID: 100, Name: "smtpd", Cmdline: []string{"smtpd", "-n", "smtp", "-t", "inet", "-u"}, FDs: -1},
		{PID: 104, PPID: 100, Name: "smtpd", Cmdline: []string{"smtpd", "-n", "smtp", "-t", "inet", "-u"}, Zombie: true, FDs: -1},
		{PID: 105, PPID: 100, Name: "smtp", Cmdline: []string{"smtp", "-t", "unix", "-u", "-c"}, FDs: 7, FDLimit: 1024},
		{PID: 200, PPID: 1, Name: "sshd", Cmdline: []string{"sshd"}},
	}
	p := fakeProbe(procs, map[string]string{"/proc/net/tcp": procNetTCP, "/proc/sys/fs/file-nr": "1504\t0\t9223372036854775807\n"})
	r := p.Read(context.Background())
	if r.MasterPID != 100 || r.PostfixProcs != 5 || r.Services["smtp/inet"] != 2 || r.Services["qmgr/unix"] != 1 || r.Services["smtp/unix"] != 1 {
		t.Fatalf("processes: master %d procs %d services %v", r.MasterPID, r.PostfixProcs, r.Services)
	}
	if r.PostfixFDs != 40+12+9+7 || r.PostfixFDLimit != 1024 || r.MasterFDLimit != 4096 {
		t.Fatalf("fds %d limit %d", r.PostfixFDs, r.PostfixFDLimit)
	}
	if r.Inbound["127.0.0.2"] != 2 || r.Outbound["12.2.0.7"] != 1 || r.OutboundSynSent["12.2.0.7"] != 1 || r.Outbound["12.2.0.8"] != 1 {
		t.Fatalf("sockets in %v out %v syn %v", r.Inbound, r.Outbound, r.OutboundSynSent)
	}
	if r.FileNrAllocated != 1504 {
		t.Fatalf("file-nr %d", r.FileNrAllocated)
	}
	if !strings.Contains(strings.Join(r.Unreadable, ";"), "1 of 5 unreadable") {
		t.Fatalf("unreadable %v", r.Unreadable)
	}
}

func TestMachineWithoutPostfixOrProc(t *testing.T) {
	p := fakeProbe([]ProcInfo{{PID: 1, Name: "init"}}, nil)
	r := p.Read(context.Background())
	joined := strings.Join(r.Unreadable, "; ")
	for _, want := range []string{"no Postfix master process", "TCP sockets", "file-nr"} {
		if !strings.Contains(joined, want) {
			t.Errorf("unreadable lacks %q: %s", want, joined)
		}
	}
}

func TestParseProcAddrIPv6(t *testing.T) {
	a, port, ok := parseProcAddr("0000000000000000FFFF00000100007F:0019")
	if !ok || a.String() != "127.0.0.1" || port != 25 {
		t.Fatalf("%v %d %v", a, port, ok)
	}
	a, _, ok = parseProcAddr("B80D0120000000000000000001000000:01BB")
	if !ok || a.String() != "2001:db8::1" {
		t.Fatalf("%v", a)
	}
}

func TestServiceKey(t *testing.T) {
	for in, want := range map[string]string{
		"smtpd -n smtp -t inet -u -o stress=": "smtp/inet",
		"qmgr -l -t unix -u":                  "qmgr/unix",
		"/usr/lib/postfix/sbin/smtp -t unix":  "smtp/unix",
		"smtpd -n 127.0.0.1:2525 -t inet":     "127.0.0.1:2525/inet",
		"master -w":                           "",
	} {
		if got := PostfixServiceKey(strings.Fields(in)); got != want {
			t.Errorf("%s: %q want %q", in, got, want)
		}
	}
}

// The real system: must not fail, whatever this host runs.
func TestMachineRealSystem(t *testing.T) {
	r := (&MachineProbe{QueueDir: "/"}).Read(context.Background())
	if r.CPUs < 1 || r.MemTotal == 0 || r.DiskTotal == 0 {
		t.Fatalf("reading %+v", r)
	}
}

// The periodic sources stop when their context ends, leaving nothing.
func TestPeriodicSourcesStopOnCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	qCh := make(chan QueueEvent)
	cCh := make(chan ConfigEvent)
	mCh := make(chan MachineEvent)
	go RunQueue(ctx, &QueueReader{Exec: &sourcestest.FakeExec{}}, time.Millisecond, qCh)
	go RunConfig(ctx, &ConfigReader{Exec: &sourcestest.FakeExec{}}, nil, time.Millisecond, nil, cCh)
	go RunMachine(ctx, fakeProbe(nil, nil), time.Millisecond, mCh)
	<-qCh
	<-cCh
	<-mCh
	cancel()
	for _, done := range []func() bool{
		func() bool { _, ok := <-qCh; return !ok },
		func() bool { _, ok := <-cCh; return !ok },
		func() bool { _, ok := <-mCh; return !ok },
	} {
		for !done() {
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left, %d before", n, before)
	}
}

// BenchmarkMachineRead is one real sample of this host.
func BenchmarkMachineRead(b *testing.B) {
	p := &MachineProbe{QueueDir: "/"}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		p.Read(ctx)
	}
}

// The netlink dump and /proc/net/tcp agree on a real loopback connection.
func TestSocketsNetlinkMatchesProc(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	find := func(socks []sockEntry) bool {
		for _, e := range socks {
			if e.state == tcpStateEstablished && e.rport == port && e.remote.String() == "127.0.0.1" {
				return true
			}
		}
		return false
	}
	// A dump spans several reads, and the kernel keeps its place in the
	// socket table by position: sockets that other processes close
	// meanwhile can make it skip one (busy test machines do). A few dumps
	// then find it; a reader that cannot see it at all never does.
	const tries = 5
	netlinkFinds := func() (bool, error) {
		nl, err := netlinkSockets(1<<tcpStateEstablished | 1<<tcpStateSynSent)
		return err == nil && find(nl), err
	}
	if _, err := netlinkFinds(); err != nil {
		t.Skipf("netlink sock_diag unavailable here: %v", err)
	}
	if !seenWithin(tries, func() bool { ok, _ := netlinkFinds(); return ok }) {
		t.Fatalf("%d netlink dumps lack the connection to port %d", tries, port)
	}
	if !seenWithin(tries, func() bool {
		proc, err := (&MachineProbe{}).procSockets()
		if err != nil {
			t.Fatal(err)
		}
		return find(proc)
	}) {
		t.Fatalf("/proc lacks the connection to port %d in %d reads", port, tries)
	}
	// Counted as outbound when the port is a delivery port. The probe is
	// given a master with an smtp child: it skips the socket table while
	// the machine's own Postfix (if any) runs no process that could hold a
	// connection, and that must not decide this test.
	procs := []ProcInfo{
		{PID: 100, PPID: 1, Name: "master", Cmdline: []string{"/usr/lib/postfix/sbin/master", "-w"}},
		{PID: 101, PPID: 100, Name: "smtp", Cmdline: []string{"smtp", "-t", "unix", "-u"}},
	}
	var r MachineReading
	if !seenWithin(tries, func() bool {
		p := &MachineProbe{RemotePorts: []int{port}, LocalPorts: []int{1},
			Processes: func(context.Context) ([]ProcInfo, error) { return procs, nil }}
		r = p.Read(context.Background())
		return r.Outbound["127.0.0.1"] >= 1
	}) {
		t.Fatalf("outbound %v", r.Outbound)
	}
}

// seenWithin reports whether found is true on one of n tries.
func seenWithin(n int, found func() bool) bool {
	for range n {
		if found() {
			return true
		}
	}
	return false
}

// While Postfix's processes and sockets stay the same the probe samples
// them less and less often (repeating the last result), and every
// interval again once they change.
func TestMachineBackoff(t *testing.T) {
	procs := []ProcInfo{
		{PID: 100, PPID: 1, Name: "master", Cmdline: []string{"/usr/lib/postfix/sbin/master", "-w"}, FDs: 40, FDLimit: 4096},
		{PID: 101, PPID: 100, Name: "qmgr", Cmdline: []string{"qmgr", "-l", "-t", "unix", "-u"}, FDs: 12, FDLimit: 4096},
		{PID: 103, PPID: 100, Name: "smtpd", Cmdline: []string{"smtpd", "-n", "smtp", "-t", "inet"}, FDs: 9, FDLimit: 4096},
	}
	calls := 0
	p := fakeProbe(nil, map[string]string{"/proc/net/tcp": procNetTCP, "/proc/sys/fs/file-nr": "1504\t0\t9\n"})
	p.Backoff = 4
	p.Processes = func(context.Context) ([]ProcInfo, error) { calls++; return procs, nil }
	for i := 0; i < 20; i++ {
		r := p.Read(context.Background())
		if r.PostfixProcs != 3 || r.Inbound["127.0.0.2"] != 2 || len(r.Unreadable) != 0 {
			t.Fatalf("sample %d: procs %d inbound %v unreadable %v", i, r.PostfixProcs, r.Inbound, r.Unreadable)
		}
	}
	if calls > 8 || calls < 4 {
		t.Fatalf("%d process scans in 20 unchanged samples, want 4 to 8", calls)
	}
	// A change is seen within Backoff+1 samples, then sampled every time.
	procs = append(procs, ProcInfo{PID: 102, PPID: 100, Name: "smtpd", Cmdline: []string{"smtpd", "-n", "smtp", "-t", "inet"}, FDs: 9, FDLimit: 4096})
	seen := -1
	for i := 0; i < 6 && seen < 0; i++ {
		if p.Read(context.Background()).PostfixProcs == 4 {
			seen = i
		}
	}
	if seen < 0 {
		t.Fatal("the change was not seen within Backoff+1 samples")
	}
	before := calls
	procs = procs[:3]
	p.Read(context.Background())
	if calls != before+1 {
		t.Fatal("not sampled again right after a change")
	}
	// Without Backoff every sample scans.
	q := fakeProbe(nil, map[string]string{"/proc/net/tcp": procNetTCP})
	n := 0
	q.Processes = func(context.Context) ([]ProcInfo, error) { n++; return procs, nil }
	for i := 0; i < 5; i++ {
		q.Read(context.Background())
	}
	if n != 5 {
		t.Fatalf("%d scans without back-off, want 5", n)
	}
}

// The socket table is read only while Postfix runs a process that can
// hold an SMTP connection (smtp, lmtp, smtpd, postscreen, tlsproxy): an
// idle Postfix has none, and its connection counts are zero without it.
func TestMachineSocketsOnlyWithSMTPProcesses(t *testing.T) {
	procs := []ProcInfo{
		{PID: 100, PPID: 1, Name: "master", Cmdline: []string{"/usr/lib/postfix/sbin/master", "-w"}, FDs: 40, FDLimit: 4096},
		{PID: 101, PPID: 100, Name: "qmgr", Cmdline: []string{"qmgr", "-l", "-t", "unix", "-u"}, FDs: 12, FDLimit: 4096},
		{PID: 102, PPID: 100, Name: "pickup", Cmdline: []string{"pickup", "-l", "-t", "unix", "-u"}, FDs: 12, FDLimit: 4096},
	}
	p := fakeProbe(nil, nil)
	p.Processes = func(context.Context) ([]ProcInfo, error) { return procs, nil }
	tables := 0
	p.ReadFile = func(name string) ([]byte, error) {
		switch name {
		case "/proc/net/tcp":
			tables++
			return []byte(procNetTCP), nil
		case "/proc/net/tcp6":
			return nil, errors.New("absent")
		}
		return []byte("1504\t0\t9\n"), nil
	}
	r := p.Read(context.Background())
	if tables != 0 || len(r.Inbound)+len(r.Outbound)+len(r.OutboundSynSent) != 0 || len(r.Unreadable) != 0 {
		t.Fatalf("idle Postfix: %d socket table reads, in %v out %v, unreadable %v", tables, r.Inbound, r.Outbound, r.Unreadable)
	}
	for _, name := range []string{"smtp", "smtpd", "postscreen", "lmtp", "tlsproxy"} {
		procs = append(procs[:3], ProcInfo{PID: 103, PPID: 100, Name: name, Cmdline: []string{name, "-t", "unix"}, FDs: 9, FDLimit: 4096})
		before := tables
		r = p.Read(context.Background())
		if tables != before+1 || r.Inbound["127.0.0.2"] != 2 || r.Outbound["12.2.0.7"] != 1 {
			t.Fatalf("with %s: %d socket table reads, in %v out %v", name, tables-before, r.Inbound, r.Outbound)
		}
	}
	// A zombie holds no connection.
	procs[3].Zombie = true
	before := tables
	p.Read(context.Background())
	if tables != before {
		t.Fatal("the socket table was read for a zombie smtp process")
	}
	// Without a master, the sockets are counted as before.
	procs = procs[:0]
	before = tables
	p.Read(context.Background())
	if tables != before+1 {
		t.Fatal("without a Postfix master the socket table was not read")
	}
}

// Once a master has been found, the next samples list its children from
// the kernel instead of reading every process: they see the same
// processes, and a child that ends is missing from the next sample.
func TestMachineKnownMasterChildren(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	if _, err := os.Stat("/proc/self/task/" + strconv.Itoa(os.Getpid()) + "/children"); err != nil {
		t.Skip("the kernel does not list children")
	}
	dir := filepath.Join(t.TempDir(), "postfix")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sh, err := os.ReadFile("/bin/sh")
	if err != nil {
		t.Skip(err)
	}
	// A shell named master with two children stands in for Postfix.
	if err := os.WriteFile(filepath.Join(dir, "master"), sh, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(dir, "master"), "-c", "sleep 60 & sleep 60 & wait")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	pid := int32(cmd.Process.Pid)
	buf := make([]byte, 512)
	kids := func(list []ProcInfo) []int32 {
		var out []int32
		for _, p := range list {
			if p.PPID == pid && !p.Zombie {
				out = append(out, p.PID)
			}
		}
		return out
	}
	m := &MachineProbe{}
	var list []ProcInfo
	for i := 0; i < 100 && len(kids(list)) < 2; i++ {
		time.Sleep(20 * time.Millisecond) // the shell starting its children
		st, ok := readStat(int(pid), buf)
		if !ok {
			t.Fatal("the stand-in master is gone")
		}
		m.master, m.masterStart = pid, st.start
		list, ok = m.knownMaster(context.Background(), buf)
		if !ok {
			t.Fatal("the known master was not used")
		}
	}
	got := kids(list)
	if len(got) != 2 || list[0].PID != pid || list[0].Name != "master" || !strings.Contains(strings.Join(list[0].Cmdline, " "), "postfix/master") {
		t.Fatalf("known master's list: %+v", list)
	}
	full, err := m.systemProcesses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if f := kids(full); len(f) != 2 || f[0] != got[0] || f[1] != got[1] {
		t.Fatalf("children %v by the kernel, %v by the scan", got, f)
	}
	if kid, err := os.FindProcess(int(got[0])); err == nil {
		kid.Kill()
	}
	for i := 0; i < 100 && len(kids(list)) != 1; i++ {
		time.Sleep(20 * time.Millisecond)
		list, _ = m.knownMaster(context.Background(), buf)
	}
	if k := kids(list); len(k) != 1 || k[0] != got[1] {
		t.Fatalf("after a child ended: %v", k)
	}
	// A master that ended (or a reused pid) is not trusted.
	cmd.Process.Kill()
	cmd.Wait()
	if _, ok := m.knownMaster(context.Background(), buf); ok {
		t.Fatal("an ended master was still used")
	}
}

// The machine's state lists what could not be read as words, one "; "
// between, sorted: the report printed Go's [a b] for it.
func TestMachineStateDetail(t *testing.T) {
	rd := MachineReading{Unreadable: []string{"sockets: permission denied", "postfix processes: no Postfix master process found"}}
	st := MachineState(&rd)
	if st.Health != HealthDegraded || st.Detail != "postfix processes: no Postfix master process found; sockets: permission denied" {
		t.Errorf("%v %q", st.Health, st.Detail)
	}
	if st := MachineState(&MachineReading{}); st.Health != HealthOK || st.Source != "machine" {
		t.Errorf("a full reading: %+v", st)
	}
}

// A process read between its fork and its exec (the master starting an
// smtpd) has its parent's command line; the exec keeps its pid and start
// time but changes its name, and the command line is read again then:
// else that smtpd would count as no service for as long as it lived.
func TestProcInfoRereadsAfterExec(t *testing.T) {
	cmd := exec.Command("/bin/sh", "-c", "read x; exec /bin/sleep 30")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	pid := cmd.Process.Pid
	m := &MachineProbe{}
	info := func() ProcInfo {
		st, ok := readStat(pid, make([]byte, 4096))
		if !ok {
			t.Fatal("no stat")
		}
		seen := map[int32]procDetail{}
		i := m.procInfo(context.Background(), int32(pid), st, seen)
		m.details = seen
		return i
	}
	// Start can return inside the kernel's exec, before the new command
	// line is set, so each side is polled.
	waitFor := func(what, arg0 string) {
		deadline := time.Now().Add(5 * time.Second)
		for {
			got := info()
			if len(got.Cmdline) > 0 && got.Cmdline[0] == arg0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: command line %q, name %q", what, got.Cmdline, got.Name)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("before exec", "/bin/sh")
	stdin.Write([]byte("\n"))
	waitFor("after exec", "/bin/sleep")
}

// The kernel sets a process's new name before its new command line, so a
// process read in between has an empty command line under its final name
// and start time; that reading must not stay cached.
func TestProcInfoRereadsEmptyCommandLine(t *testing.T) {
	pid := os.Getpid()
	st, ok := readStat(pid, make([]byte, 4096))
	if !ok {
		t.Fatal("no stat")
	}
	m := &MachineProbe{details: map[int32]procDetail{
		int32(pid): {start: st.start, name: st.name},
	}}
	got := m.procInfo(context.Background(), int32(pid), st, map[int32]procDetail{})
	if len(got.Cmdline) == 0 || got.Cmdline[0] != os.Args[0] {
		t.Fatalf("command line %q, want it to start with %q", got.Cmdline, os.Args[0])
	}
}
