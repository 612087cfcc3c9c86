package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Doctor checks what mxtop can read on this host and says why not where
// it cannot. It writes a human-readable account to w and returns whether
// everything was read (no FAIL line). The probes run at once, each command bounded by the
// Exec's timeout, so two hanging commands cost one timeout, not two;
// their findings print in a fixed order. Everything a command printed is
// sanitised before it reaches the terminal.
func Doctor(ctx context.Context, ex Exec, configDir string, w io.Writer) bool {
	var (
		wg              sync.WaitGroup
		det             LogDetection
		detErr          error
		cfg             *Config
		cfgErr          error
		m               MachineReading
		list            []Instance
		listErr         error
		q               QueueSnapshot
		qErr            error
		defaultQueueDir = "/var/spool/postfix"
	)
	run := func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	container := InContainer(ex)
	var dlog dockerLog
	if container != "" {
		run(func() { dlog = readDockerLog(ctx, ex, container) })
	} else {
		run(func() { det, detErr = DetectLog(ctx, ex, configDir, nil, nil) })
	}
	run(func() {
		cfg, cfgErr = (&ConfigReader{Exec: ex, ConfigDir: configDir}).Read(ctx)
		probe := &MachineProbe{QueueDir: defaultQueueDir, Container: container, Exec: ex}
		if cfg != nil {
			probe.QueueDir = cfg.Get("queue_directory")
		}
		m = probe.Read(ctx)
	})
	run(func() { list, listErr = ListInstances(ctx, ex) })
	run(func() { q, qErr = (&QueueReader{Exec: ex, ConfigDir: configDir}).Read(ctx) })
	wg.Wait()

	allOK := true
	say := func(ok bool, what, detail string) {
		mark := "ok  "
		if !ok {
			mark, allOK = "FAIL", false
		}
		fmt.Fprintf(w, "[%s] %-10s %s\n", mark, what, SanitizeLine(detail))
	}
	for _, c := range det.Tried {
		status := "rejected: " + c.Why
		if c.OK {
			status = "chosen"
			if c.Why != "" {
				status += " (" + c.Why + ")"
			}
		}
		fmt.Fprintf(w, "       log place  %s: %s\n", SanitizeLine(c.Place), SanitizeLine(status))
	}
	switch {
	case container != "":
		say(dlog.ok(), "log", dlog.String())
	case detErr == nil:
		log := det.Spec.Describe()
		if det.Note != "" {
			log += ": " + det.Note
		}
		say(true, "log", log)
	default:
		say(false, "log", "no readable mail log: "+det.Advice())
	}
	if cfgErr != nil {
		say(false, "postconf", cfgErr.Error())
	} else {
		ver := cfg.Get("mail_version")
		say(true, "postconf", fmt.Sprintf("Postfix %s, %d parameters (%d set in main.cf), %d master.cf services%s", ver, len(cfg.Params), len(cfg.Explicit), len(cfg.Services), inContainerNote(ex)))
	}
	switch {
	case listErr != nil && !errors.Is(listErr, ErrNotFound):
		say(false, "instances", listErr.Error())
	case len(list) > 1:
		var names []string
		for _, in := range list {
			names = append(names, in.Name+"="+in.ConfigDir)
		}
		say(true, "instances", strings.Join(names, ", ")+" (pick one with --instance NAME)")
	}
	if qErr != nil {
		say(false, "postqueue", qErr.Error())
	} else {
		say(true, "postqueue", fmt.Sprintf("%s: %d messages queued", q.Command, q.Total()))
	}
	host := ""
	if container != "" {
		host = "; " + HostFigures(container)
	}
	say(true, "machine", fmt.Sprintf("%d CPUs, load %.2f, %d Postfix processes (master pid %d)%s", m.CPUs, m.Load1, m.PostfixProcs, m.MasterPID, host))
	for _, u := range m.Unreadable {
		say(false, "machine", u)
	}
	return allOK
}

// dockerLogTail is how many of a container's last log lines doctor reads.
const dockerLogTail = 200

// dockerLog is what doctor found in a container's log.
type dockerLog struct {
	container     string
	err           error
	lines, postfx int
}

// readDockerLog reads the container's last lines as the live view's docker
// logs would, bounded as a command is, and counts Postfix's among them.
func readDockerLog(ctx context.Context, ex Exec, container string) dockerLog {
	d := dockerLog{container: container}
	ctx, cancel := context.WithTimeout(ctx, boundOf(ex))
	defer cancel()
	rc, err := ex.Stream(ctx, true, "docker", "logs", "--timestamps", "--tail", strconv.Itoa(dockerLogTail), container)
	if err != nil {
		d.err = err
		return d
	}
	defer rc.Close()
	p := NewParser()
	lr := NewLineReader(rc)
	for {
		line, ok := lr.Next()
		if !ok {
			break
		}
		if dockerOwnLine(line) {
			d.err = errors.New(string(line))
			continue
		}
		d.lines++
		var r Record
		p.Parse(string(line), &r)
		if r.Event != EvOther && r.Event != EvInvalid {
			d.postfx++
		}
	}
	if ctx.Err() == context.DeadlineExceeded {
		d.err = fmt.Errorf("docker logs %s: timed out after %s, killed", container, boundOf(ex))
	}
	return d
}

func (d dockerLog) ok() bool { return d.err == nil && (d.lines == 0 || d.postfx > 0) }

func (d dockerLog) String() string {
	switch {
	case d.err != nil:
		return "docker logs " + d.container + ": " + d.err.Error()
	case d.lines == 0:
		return "docker logs " + d.container + ": no line yet (Postfix may log elsewhere: postconf maillog_file inside the container says where)"
	case d.postfx == 0:
		return fmt.Sprintf("docker logs %s: none of its last %d lines is Postfix's: Postfix in this container logs elsewhere (a file inside it: postconf maillog_file, or a syslog daemon's file); give that file as the host sees it with --log FILE, beside --docker %s", d.container, d.lines, d.container)
	}
	return fmt.Sprintf("docker logs %s: %d of its last %d lines are Postfix's", d.container, d.postfx, d.lines)
}
