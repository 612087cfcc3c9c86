package model

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// ActionSettings decide whether and how the screen acts on Postfix.
type ActionSettings struct {
	// Exec runs the actions' commands: the real ones live, the demo's
	// simulated queue with --demo. nil disables actions.
	Exec      sources.Exec
	ConfigDir string // passed as -c to postqueue and postsuper when set
	// ReadOnly is --read-only: every action is refused.
	ReadOnly bool
	// Root says the process may act on the real Postfix.
	Root bool
	// Simulated is the demo: actions change its simulated queue only, so
	// they need no root.
	Simulated bool
	// Off, when set, says why the queue's actions are not available.
	Off string
	// ConfigOff, when set, says why apply and undo are not.
	ConfigOff string
	// BackupDir keeps the backups of applied changes (DefaultBackupDir
	// when empty).
	BackupDir string
	// Container is the container Postfix runs in (--docker): its queue is
	// read through Exec, and what would change it is shown as commands
	// to run inside it, never run.
	Container string
}

type (
	planMsg struct {
		plan sources.QueuePlan
		err  error
	}
	actionDoneMsg struct {
		plan sources.QueuePlan
		res  sources.ActionResult
	}
	queueNowMsg struct{ ev sources.QueueEvent }
)

// AuditName is the audit log's file name, in the snapshot directory.
const AuditName = "mxtop-audit.log"

// AppendAudit appends one line to the audit log in the first writable
// snapshot directory, creating it with mode 0600. It never truncates: the
// file is opened for appending only.
func AppendAudit(dir string, line string) (string, error) {
	var errs []string
	for _, d := range SnapshotDirs(dir) {
		if d != dir && d != "." {
			if err := os.MkdirAll(d, 0o700); err != nil {
				errs = append(errs, err.Error())
				continue
			}
		}
		path := filepath.Join(d, AuditName)
		f, err := sources.OpenPrivateAppend(path)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		// A file made by hand with a wider mode is narrowed: it records
		// what root did.
		if st, err := f.Stat(); err == nil && st.Mode().Perm() != 0o600 {
			if err := f.Chmod(0o600); err != nil {
				f.Close()
				return path, fmt.Errorf("audit log %s: %w", path, err)
			}
		}
		_, werr := f.WriteString(strings.TrimRight(line, "\n") + "\n")
		serr := f.Sync()
		if cerr := f.Close(); werr == nil {
			werr = errors.Join(serr, cerr)
		}
		if werr != nil {
			return path, fmt.Errorf("audit log %s: %w", path, werr)
		}
		return path, nil
	}
	return "", errors.New("audit log: " + strings.Join(errs, "; "))
}

// AuditRecord is one line of the audit log: when, what, who (the uid, and
// sudo's user when there is one), then key=value pairs, each value
// quoted with control characters removed.
func AuditRecord(event string, kv ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s uid=%d", time.Now().UTC().Format(time.RFC3339), event, os.Getuid())
	if u := os.Getenv("SUDO_USER"); u != "" {
		fmt.Fprintf(&b, " sudo_user=%s", strconv.Quote(analyzers.SanitizeLine(u)))
	}
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, " %s=%s", kv[i], strconv.Quote(analyzers.SanitizeLine(kv[i+1])))
	}
	return b.String()
}

// auditLine is the audit record of a queue action.
func (m *Model) auditLine(event string, p sources.QueuePlan, kv ...string) string {
	fields := []string{"action", p.Action.String(), "domain", p.Domain, "messages", strconv.Itoa(len(p.IDs))}
	if m.set.Actions.Simulated {
		fields = append([]string{"demo", "simulated"}, fields...)
	}
	return AuditRecord(event, append(fields, kv...)...)
}

// request takes a pane's request; what it returns runs off the UI loop.
func (m *Model) request(r ui.Request) tea.Cmd {
	switch {
	case r.Copy != nil:
		return m.copyLines(r.Copy)
	case r.Queue != 0:
		return m.planQueue(r.Queue, r.Domain)
	case r.Subject != "":
		return m.planApply(r.Apply, r.Subject, r.Domain)
	}
	return nil
}

// copyLines sends the lines to the terminal's clipboard with OSC 52, which
// reaches the admin's own machine over ssh (and through tmux with
// set-clipboard on). Control characters never pass: log text is
// attacker-controlled.
func (m *Model) copyLines(lines []string) tea.Cmd {
	if len(lines) == 0 {
		m.flash("nothing to copy")
		return nil
	}
	clean := make([]string, len(lines))
	for i, l := range lines {
		clean[i] = analyzers.SanitizeLine(l)
	}
	m.flash(fmt.Sprintf("copied %d line(s) to the clipboard (OSC 52)", len(lines)))
	return tea.SetClipboard(strings.Join(clean, "\n"))
}

// actionRefusal says why no action may run, or "".
func (m *Model) actionRefusal() string {
	if why := m.set.Actions.Off; why != "" && !m.set.Actions.ReadOnly {
		return why
	}
	return m.refusal()
}

// refusal says why no action of any kind is available, "" when they are.
func (m *Model) refusal() string {
	a := m.set.Actions
	switch {
	case a.ReadOnly:
		return "read-only (--read-only): actions are off"
	case a.Exec == nil:
		return "actions are not available here"
	case !a.Root && !a.Simulated && a.Container == "":
		// In a container nothing runs: the screen shows the commands.
		return "actions need root: run mxtop as root to act on the queue"
	}
	return ""
}

// planQueue reads the queue for the action's messages; the confirmation
// screen opens with the result.
func (m *Model) planQueue(act sources.QueueAction, domain string) tea.Cmd {
	if why := m.actionRefusal(); why != "" {
		m.flash(why)
		return nil
	}
	if !analyzers.PlausibleDomain(domain) {
		m.flash(fmt.Sprintf("%s: %q is not a domain mxtop acts on", act, analyzers.SanitizeLine(domain)))
		return nil
	}
	m.flash(fmt.Sprintf("reading the queue for %s…", domain))
	ex, dir := m.set.Actions.Exec, m.set.Actions.ConfigDir
	return m.ask(func() tea.Msg {
		p, err := sources.PlanQueueAction(context.Background(), ex, dir, act, domain)
		return planMsg{p, err}
	})
}

// askedMsg carries what a request for a confirmation worked out (a queue
// action's plan, an apply's diff, the backup to undo), numbered in the
// order asked.
type askedMsg struct {
	n   int
	msg tea.Msg
}

// ask numbers a request whose answer opens the confirmation screen. Only
// the answer to the last request opens it, and only while no screen is
// open: answers come when their commands end, in any order, and one
// that replaced the screen the admin reads would have y run what it
// does not show.
func (m *Model) ask(cmd func() tea.Msg) tea.Cmd {
	m.questions++
	n := m.questions
	return func() tea.Msg { return askedMsg{n, cmd()} }
}

// answer opens the confirmation for the last request's answer.
func (m *Model) answer(a askedMsg) tea.Cmd {
	if a.n != m.questions || m.view.Confirm != nil {
		return nil
	}
	switch msg := a.msg.(type) {
	case planMsg:
		m.confirmPlan(msg)
	case configPlanMsg:
		m.confirmApply(msg)
	case undoPlanMsg:
		m.confirmUndo(msg)
	}
	return nil
}

// maxShownCmds bounds the commands a confirmation lists one by one.
const maxShownCmds = 8

// confirmPlan opens the confirmation screen of a plan.
func (m *Model) confirmPlan(msg planMsg) {
	p := msg.plan
	if msg.err != nil {
		m.flash(fmt.Sprintf("%s %s: %s", p.Action, p.Domain, analyzers.SanitizeLine(msg.err.Error())))
		return
	}
	if len(p.IDs) == 0 {
		m.flash(fmt.Sprintf("%s: no queued mail for %s that it applies to", p.Action, p.Domain))
		return
	}
	if m.set.Actions.Container != "" {
		m.plan, m.confirm = nil, nil
		m.openConfirm(m.refusedPlan(p))
		return
	}
	c := &ui.Confirm{Title: fmt.Sprintf("%s %d message(s) queued for %s?", p.Action, len(p.IDs), p.Domain)}
	if m.set.Actions.Simulated {
		c.Title += "  (demo: a simulated queue)"
	}
	add := func(s string) { c.Lines = append(c.Lines, s) }
	add(fmt.Sprintf("%d message(s) with a recipient at %s, from %s.", len(p.IDs), p.Domain, p.From))
	if p.Shared > 0 {
		add(m.styles.Warn.Render(fmt.Sprintf("%d of them also go to other domains: the action takes the whole message.", p.Shared)))
	}
	if p.Action == sources.ActDelete {
		add(m.styles.Err.Render("Deleted mail is gone: it is not bounced and cannot be brought back."))
	}
	add("")
	add(m.styles.Header.Render("commands (run directly, not through a shell):"))
	for i, cmd := range p.Cmds {
		if i == maxShownCmds {
			add(fmt.Sprintf("  … and %d more, one per message", len(p.Cmds)-i))
			break
		}
		c.Cmd(cmd.Text(6, analyzers.ShellQuote), "")
	}
	if p.Action == sources.ActDelete {
		c.Need = p.Domain
	}
	m.plan, m.confirm = &p, nil
	m.openConfirm(c)
}

// openConfirm shows the confirmation screen; the note that said what was
// being worked out for it ("reading the queue…") has done its job.
func (m *Model) openConfirm(c *ui.Confirm) {
	m.view.Confirm = c
	m.view.Flash, m.flashUntil, m.flashHealth, m.flashSource = "", time.Time{}, sources.HealthOK, ""
}

// confirmKey answers the confirmation screen: y (or the typed domain and
// enter) runs the plan, n or esc cancels, anything else waits.
func (m *Model) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	c := m.view.Confirm
	k := msg.String()
	if c.Busy {
		// What runs may hang (a postsuper stuck on a lock): esc stops it.
		if (k == "esc" || k == "ctrl+c") && m.stopRun != nil {
			m.stopRun()
			m.stopRun, m.stopAsked = nil, true
			m.flash("stopping: the command running is killed, the rest do not run")
		}
		return nil
	}
	cancel := func() {
		m.view.Confirm, m.plan, m.confirm = nil, nil, nil
		m.flash("cancelled: nothing ran")
	}
	if c.Refused {
		// It shows what to run elsewhere: any key closes it.
		m.view.Confirm, m.plan, m.confirm = nil, nil, nil
		m.flash("closed: nothing ran")
		return nil
	}
	run := m.runPlan
	if m.plan == nil {
		run = m.runConfig
	}
	if k == "esc" || k == "ctrl+c" || (c.Need == "" && (k == "n" || k == "N")) {
		cancel()
		return nil
	}
	if m.view.Width < ui.MinWidth || m.view.Height < ui.MinHeight {
		// The screen says it is too small, not what would run.
		return nil
	}
	// A screen that cuts what would run runs nothing: the admin
	// confirms only what they read. Typing goes on.
	shown := ui.ConfirmFits(c, m.view.Width, m.view.Height)
	if c.Need == "" {
		if (k == "y" || k == "Y") && shown {
			return run()
		}
		return nil
	}
	switch k {
	case "enter":
		if !shown {
			return nil
		}
		if c.Typed == c.Need {
			return run()
		}
		m.flash("the typed name does not match: nothing ran")
	case "backspace":
		if r := []rune(c.Typed); len(r) > 0 {
			c.Typed = string(r[:len(r)-1])
		}
	default:
		if msg.Text != "" && len(c.Typed) < 300 {
			c.Typed += msg.Text
		}
	}
	return nil
}

// runPlan writes the audit record, then runs the commands off the UI
// loop. Without an audit record nothing runs.
func (m *Model) runPlan() tea.Cmd {
	p := *m.plan
	cmds := make([]string, len(p.Cmds))
	for i, c := range p.Cmds {
		cmds[i] = c.String()
	}
	if _, err := AppendAudit(m.set.SnapshotDir, m.auditLine("run", p, "commands", strings.Join(cmds, "; "))); err != nil {
		m.view.Confirm, m.plan = nil, nil
		m.flash("not run: " + err.Error())
		return nil
	}
	m.view.Confirm.Busy = true
	ex := m.set.Actions.Exec
	ctx, stop := context.WithCancel(context.Background())
	m.stopRun = stop
	m.runs.start()
	return func() tea.Msg {
		defer stop()
		msg := actionDoneMsg{p, sources.RunCommands(ctx, ex, p.Cmds)}
		m.runs.done(msg)
		return msg
	}
}

// actionDone records the result, says it, and reads the queue at once so
// the pane shows the effect.
func (m *Model) actionDone(msg actionDoneMsg) tea.Cmd {
	m.view.Confirm, m.plan, m.confirm, m.stopRun = nil, nil, nil, nil
	res := msg.res
	result := "ok"
	if res.Err != nil {
		result = "failed: " + res.Err.Error()
	}
	say := fmt.Sprintf("%s %s: %d command(s), %d failed", msg.plan.Action, msg.plan.Domain, res.Ran, res.Failed)
	if m.stopAsked {
		// The admin stopped it: the record says so, and how far it got.
		result = fmt.Sprintf("stopped with esc: %d of %d command(s) ran to the end", res.Ran-res.Failed, len(msg.plan.Cmds))
		say = fmt.Sprintf("%s %s: %s", msg.plan.Action, msg.plan.Domain, result)
		m.stopAsked = false
	}
	if len(res.Output) > 0 {
		say += " · " + res.Output[len(res.Output)-1] // postsuper's sum
	}
	if res.Err != nil {
		say += " · " + res.Err.Error()
	}
	if _, err := AppendAudit(m.set.SnapshotDir, m.auditLine("done", msg.plan, "result", result,
		"ran", strconv.Itoa(res.Ran), "failed", strconv.Itoa(res.Failed), "output", strings.Join(res.Output, " | "))); err != nil {
		say += " · " + err.Error()
	}
	m.flash(analyzers.SanitizeLine(say))
	ex, dir, clock := m.set.Actions.Exec, m.set.Actions.ConfigDir, m.set.Clock
	return func() tea.Msg {
		qr := &sources.QueueReader{Exec: ex, ConfigDir: dir, Now: clock}
		snap, err := qr.Read(context.Background())
		ev := sources.QueueEvent{State: sources.SourceState{Source: "queue", Health: sources.HealthOK, Detail: snap.Command, Time: time.Now()}}
		if err != nil {
			ev.State.Health, ev.State.Detail = sources.HealthUnavailable, err.Error()
		} else {
			ev.Snapshot = &snap
		}
		return queueNowMsg{ev}
	}
}
