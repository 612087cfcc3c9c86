package sources

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// Doctor checks what mxtop can read on this host and says why not where
// it cannot. It writes a human-readable account to w and returns whether
// the log was found.
func Doctor(ctx context.Context, ex Exec, configDir string, w io.Writer) bool {
	say := func(ok bool, what, detail string) {
		mark := "ok  "
		if !ok {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "[%s] %-10s %s\n", mark, what, detail)
	}
	d, err := DetectLog(ctx, ex, nil)
	logOK := err == nil
	for _, c := range d.Tried {
		status := "rejected: " + c.Why
		if c.OK {
			status = "chosen"
			if c.Why != "" {
				status += " (" + c.Why + ")"
			}
		}
		fmt.Fprintf(w, "       log place  %s: %s\n", c.Place, status)
	}
	if logOK {
		say(true, "log", d.Spec.Describe())
	} else {
		say(false, "log", "no readable mail log: set --log FILE, --journal or --docker NAME")
	}

	cr := &ConfigReader{Exec: ex, ConfigDir: configDir}
	cfg, err := cr.Read(ctx)
	if err != nil {
		say(false, "postconf", err.Error())
	} else {
		ver := cfg.Get("mail_version")
		say(true, "postconf", fmt.Sprintf("Postfix %s, %d parameters (%d set in main.cf), %d master.cf services", ver, len(cfg.Params), len(cfg.Explicit), len(cfg.Services)))
	}
	if list, err := ListInstances(ctx, ex); err == nil && len(list) > 1 {
		var names []string
		for _, in := range list {
			names = append(names, in.Name+"="+in.ConfigDir)
		}
		say(true, "instances", strings.Join(names, ", ")+" (pick one with --instance NAME)")
	}

	q, err := (&QueueReader{Exec: ex, ConfigDir: configDir, Timeout: 5 * time.Second}).Read(ctx)
	if err != nil {
		say(false, "postqueue", err.Error())
	} else {
		say(true, "postqueue", fmt.Sprintf("%s: %d messages queued", q.Command, q.Total()))
	}

	probe := &MachineProbe{QueueDir: "/var/spool/postfix"}
	if cfg != nil {
		probe.QueueDir = cfg.Get("queue_directory")
	}
	m := probe.Read(ctx)
	say(true, "machine", fmt.Sprintf("%d CPUs, load %.2f, %d Postfix processes (master pid %d)", m.CPUs, m.Load1, m.PostfixProcs, m.MasterPID))
	for _, u := range m.Unreadable {
		say(false, "machine", u)
	}
	return logOK
}
