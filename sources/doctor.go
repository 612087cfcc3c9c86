package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	run(func() { det, detErr = DetectLog(ctx, ex, configDir, nil, nil) })
	run(func() {
		cfg, cfgErr = (&ConfigReader{Exec: ex, ConfigDir: configDir}).Read(ctx)
		probe := &MachineProbe{QueueDir: defaultQueueDir}
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
	if detErr == nil {
		log := det.Spec.Describe()
		if det.Note != "" {
			log += ": " + det.Note
		}
		say(true, "log", log)
	} else {
		say(false, "log", "no readable mail log: "+det.Advice())
	}
	if cfgErr != nil {
		say(false, "postconf", cfgErr.Error())
	} else {
		ver := cfg.Get("mail_version")
		say(true, "postconf", fmt.Sprintf("Postfix %s, %d parameters (%d set in main.cf), %d master.cf services", ver, len(cfg.Params), len(cfg.Explicit), len(cfg.Services)))
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
	say(true, "machine", fmt.Sprintf("%d CPUs, load %.2f, %d Postfix processes (master pid %d)", m.CPUs, m.Load1, m.PostfixProcs, m.MasterPID))
	for _, u := range m.Unreadable {
		say(false, "machine", u)
	}
	return allOK
}
