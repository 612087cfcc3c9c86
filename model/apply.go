package model

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// DefaultBackupDir is where applied changes keep their backups, for undo.
const DefaultBackupDir = "/var/lib/mxtop/backups"

type (
	configPlanMsg struct {
		plan            sources.ConfigPlan
		subject, domain string
		err             error
	}
	configDoneMsg struct {
		what   string
		domain string
		res    sources.ApplyResult
		err    error
	}
	undoPlanMsg struct {
		backup, configDir string
		err               error
	}
)

// ConfigDir is the live configuration directory: the one given, else
// postconf's config_directory, else /etc/postfix.
func ConfigDir(ctx context.Context, ex sources.Exec, given string) string {
	if given != "" {
		return given
	}
	if out, err := ex.Output(ctx, "postconf", "-h", "config_directory"); err == nil {
		if d := strings.TrimSpace(string(out)); d != "" && !strings.ContainsAny(d, "\n") {
			return d
		}
	}
	return "/etc/postfix"
}

func (m *Model) backupDir() string {
	if m.set.Actions.BackupDir != "" {
		return m.set.Actions.BackupDir
	}
	return DefaultBackupDir
}

// configRefusal is actionRefusal for configuration changes, which the
// demo does not simulate.
func (m *Model) configRefusal() string {
	if why := m.refusal(); why != "" {
		return why
	}
	if why := m.set.Actions.ConfigOff; why != "" {
		return why
	}
	if m.set.Actions.Simulated {
		return "the demo changes no configuration: the queue actions are simulated, apply and undo are not"
	}
	return ""
}

// planApply computes the hint's diff on a copy of the configuration.
func (m *Model) planApply(changes []sources.ConfigChange, subject, domain string) tea.Cmd {
	if len(changes) == 0 {
		m.flash("this hint has no configuration change mxtop applies: c copies its commands")
		return nil
	}
	if why := m.configRefusal(); why != "" {
		m.flash(why)
		return nil
	}
	if m.eng.Config == nil {
		// The hint's change was worked out from Postfix's defaults: it
		// could replace what main.cf says (a transport_maps of its own).
		m.flash("apply: the configuration is not read yet: a hint's change waits for it (press a again in a moment)")
		return nil
	}
	if m.set.Actions.Container != "" {
		m.openConfirm(m.refusedApply(changes, subject))
		return nil
	}
	m.flash("computing the diff on a copy of the configuration…")
	ex, given, cfg := m.set.Actions.Exec, m.set.Actions.ConfigDir, m.eng.Config
	var reload chan<- struct{}
	if m.in != nil {
		reload = m.in.reload
	}
	return m.ask(func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		dir := ConfigDir(ctx, ex, given)
		// The hint was worked out from the configuration read up to a
		// minute ago: a hand edit since would be lost to the whole value
		// postconf -e sets. Read it again and let a be pressed again.
		if diffs := sources.BaseDiffs(cfg, dir, changes); len(diffs) > 0 {
			select {
			case reload <- struct{}{}:
			default:
			}
			return configPlanMsg{subject: subject, domain: domain, err: fmt.Errorf("the configuration changed since mxtop read it (%s): press a again once it is read again, in a moment", strings.Join(diffs, "; "))}
		}
		p, err := sources.PlanConfig(ctx, ex, dir, changes)
		return configPlanMsg{p, subject, domain, err}
	})
}

// diffLines colours a unified diff for the confirmation screen.
func (m *Model) diffLines(diff string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(diff, "\n"), "\n") {
		l = analyzers.SanitizeLine(l)
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			out = append(out, m.styles.Header.Render(l))
		case strings.HasPrefix(l, "+"):
			out = append(out, m.styles.OK.Render(l))
		case strings.HasPrefix(l, "-"):
			out = append(out, m.styles.Err.Render(l))
		case strings.HasPrefix(l, "@@"):
			out = append(out, m.styles.Accent.Render(l))
		default:
			out = append(out, l)
		}
	}
	return out
}

func (m *Model) confirmApply(msg configPlanMsg) {
	if msg.err != nil {
		m.flash("apply: " + analyzers.SanitizeLine(msg.err.Error()))
		return
	}
	p := msg.plan
	if len(p.Files) == 0 {
		m.flash("apply: the configuration already says this, nothing would change")
		return
	}
	c := &ui.Confirm{Title: "apply: " + analyzers.SanitizeLine(msg.subject)}
	c.Lines = append(c.Lines, m.diffLines(p.Diff)...)
	c.Lines = append(c.Lines, "", m.styles.Header.Render("then, after a backup to "+m.backupDir()+":"))
	c.Cmd(analyzers.ShellQuote("postfix")+" -c "+analyzers.ShellQuote(p.Dir)+" check", "(fails: the backup goes back)")
	for _, t := range p.Postmap {
		c.Cmd("postmap "+analyzers.ShellQuote(t), "")
	}
	c.Cmd("postfix -c "+analyzers.ShellQuote(p.Dir)+" reload", "")
	c.Lines = append(c.Lines, m.styles.Faint.Render("u (or mxtop undo) restores the backup and reloads"))
	m.confirm, m.plan = &pendingConfig{plan: &p, subject: msg.subject, domain: msg.domain}, nil
	m.openConfirm(c)
}

// pendingConfig is the configuration change or undo the confirmation
// screen asks about.
type pendingConfig struct {
	plan    *sources.ConfigPlan // nil for undo
	subject string
	domain  string
	backup  string
}

func (m *Model) planUndo() tea.Cmd {
	if why := m.configRefusal(); why != "" {
		m.flash(why)
		return nil
	}
	if c := m.set.Actions.Container; c != "" {
		m.flash("undo: mxtop applies no change inside container " + c + ", so it has none to undo there")
		return nil
	}
	root := m.backupDir()
	ex, given := m.set.Actions.Exec, m.set.Actions.ConfigDir
	return m.ask(func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// Instances may share the backup directory: this one's own.
		dir := ConfigDir(ctx, ex, given)
		b, err := sources.LastBackupFor(root, dir)
		if err == nil && b == "" {
			err = fmt.Errorf("no change to %s to undo in %s", dir, root)
		}
		return undoPlanMsg{b, dir, err}
	})
}

func (m *Model) confirmUndo(msg undoPlanMsg) {
	if msg.err != nil {
		m.flash("undo: " + analyzers.SanitizeLine(msg.err.Error()))
		return
	}
	m.confirm, m.plan = &pendingConfig{backup: msg.backup, subject: "undo"}, nil
	m.openConfirm(&ui.Confirm{Title: "undo the last change applied to " + analyzers.SanitizeLine(msg.configDir) + "?", Lines: []string{
		"restore the files saved in " + analyzers.SanitizeLine(msg.backup) + " byte for byte,",
		"rebuild their tables with postmap, then run postfix check and postfix reload.",
	}})
}

// runConfig writes the audit record, then applies or undoes off the UI
// loop.
func (m *Model) runConfig() tea.Cmd {
	pc := *m.confirm
	ex, root := m.set.Actions.Exec, m.backupDir()
	p := sources.QueuePlan{Domain: pc.subject}
	event, detail := "apply", ""
	if pc.plan != nil {
		detail = pc.plan.Diff
	} else {
		event, detail = "undo", pc.backup
	}
	if _, err := AppendAudit(m.set.SnapshotDir, m.configAuditLine("run "+event, p.Domain, "detail", detail)); err != nil {
		m.view.Confirm, m.confirm = nil, nil
		m.flash("not run: " + err.Error())
		return nil
	}
	m.view.Confirm.Busy = true
	// esc stops it: a step killed before the reload puts the backup back.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	m.stopRun = cancel
	m.runs.start()
	return func() tea.Msg {
		defer cancel()
		var msg configDoneMsg
		if pc.plan != nil {
			res, err := sources.ApplyConfig(ctx, ex, *pc.plan, root, time.Now())
			msg = configDoneMsg{event, pc.domain, res, err}
		} else {
			res, err := sources.UndoBackup(ctx, ex, root, pc.backup)
			msg = configDoneMsg{event, "", res, err}
		}
		m.runs.done(msg)
		return msg
	}
}

// configAuditLine is the audit record of an applied change or an undo.
func (m *Model) configAuditLine(event, subject string, kv ...string) string {
	return AuditRecord(event, append([]string{"subject", subject}, kv...)...)
}

func (m *Model) configDone(msg configDoneMsg) {
	m.view.Confirm, m.confirm, m.plan, m.stopRun = nil, nil, nil, nil
	result := "ok"
	if msg.err != nil {
		result = "failed: " + msg.err.Error()
	}
	if m.stopAsked {
		result, m.stopAsked = "stopped with esc: "+result, false
	}
	say := msg.what + ": " + result
	if msg.err == nil && len(msg.res.Steps) > 0 {
		say += " · " + msg.res.Steps[len(msg.res.Steps)-1]
	}
	if msg.what == "apply" && msg.err == nil {
		a := appliedChange{at: m.set.Clock(), backup: msg.res.Backup, domain: msg.domain}
		if d, ok := m.eng.Dest.Lookup(msg.domain); ok {
			a.before = d.Errors.Rate(a.at, 15)
		}
		m.applied = append(m.applied, a)
	}
	if _, err := AppendAudit(m.set.SnapshotDir, m.configAuditLine("done "+msg.what, msg.res.Backup, "result", result,
		"steps", strings.Join(msg.res.Steps, "; "))); err != nil {
		say += " · " + err.Error()
	}
	m.flash(analyzers.SanitizeLine(say))
	m.rebuild()
	if m.feeds.Reload != nil {
		select {
		case m.feeds.Reload <- struct{}{}:
		default:
		}
	}
}

// appliedChange is a change applied from this screen: when, and its
// backup.
type appliedChange struct {
	at     time.Time
	backup string
	domain string  // the hint's subject
	before float64 // its errors per minute over the 15 minutes before
}

// effect compares the domain's deferral (error) rate before the last change
// applied for it and since: "since 14:02: 21/min → 0.4/min".
func (m *Model) effect(domain string) string {
	var a *appliedChange
	for i := range m.applied {
		if m.applied[i].domain == domain {
			a = &m.applied[i]
		}
	}
	if a == nil {
		return ""
	}
	d, ok := m.eng.Dest.Lookup(domain)
	if !ok {
		return ""
	}
	now := m.set.Clock()
	elapsed := now.Sub(a.at)
	// The minute ring holds the last 15 minutes: longer after the change,
	// the rate is over those.
	mins := min(15, int(elapsed/time.Minute)+1)
	after := float64(d.Errors.Sum(now, mins)) / max(1, min(15, elapsed.Minutes()))
	return fmt.Sprintf("since %s: %s/min → %s/min deferrals and errors", a.at.Format("15:04"), rate(a.before), rate(after))
}

func rate(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.1f", r)
}
