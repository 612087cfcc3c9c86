package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"mxtop/sources"
)

// Request is what a pane's key asks the model to do beyond the screen: a
// queue action on a destination (which the model confirms first), or text
// to copy to the admin's clipboard.
type Request struct {
	Queue  sources.QueueAction
	Domain string
	Copy   []string
	// Apply asks to apply a hint's configuration changes (Subject names
	// it), after a diff and a confirmation.
	Apply   []sources.ConfigChange
	Subject string
}

// Confirm is the confirmation screen: nothing runs until the admin says
// yes (or, for Need, types it and presses enter).
type Confirm struct {
	Title string
	// Lines say what will happen: the count and the exact commands. The
	// model has cleaned them.
	Lines []string
	// Need is the word the admin must type (the domain, to delete its
	// mail); "" means y confirms.
	Need  string
	Typed string
	// Busy is set while the commands run: no key starts them again.
	Busy bool
	// Refused says nothing runs from this screen: it shows commands to
	// run elsewhere (inside a container), and any key closes it.
	Refused bool
	// cmds are the Lines that are commands, by index (Cmd adds them).
	cmds map[int]confirmCmd
}

type confirmCmd struct{ cmd, note string }

// Cmd adds a line showing a command the confirmation runs, with a note
// after it ("" for none). It is wrapped between its shell words, as a
// hint's commands are, so that its lines copied off the screen are still
// the command; the prose wrapper broke it inside a path.
func (c *Confirm) Cmd(cmd, note string) {
	if c.cmds == nil {
		c.cmds = map[int]confirmCmd{}
	}
	c.cmds[len(c.Lines)] = confirmCmd{cmd, note}
	line := "  $ " + cmd
	if note != "" {
		line += "   " + note
	}
	c.Lines = append(c.Lines, line)
}

// queueKeys are the queue action bindings that the Queue pane and the
// destinations share: they act on the selected destination.
type queueKeys struct {
	deliver, hold, release, requeue, del key.Binding
}

func newQueueKeys() queueKeys {
	return queueKeys{
		deliver: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "deliver its queued mail now (postqueue -i)")),
		hold:    key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "hold its queued mail (postsuper -h)")),
		release: key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "release its held mail (postsuper -H)")),
		requeue: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "requeue its mail (postsuper -r)")),
		del:     key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete its queued mail (postsuper -d)")),
	}
}

func (k *queueKeys) list() []*key.Binding {
	return []*key.Binding{&k.deliver, &k.hold, &k.release, &k.requeue, &k.del}
}

// action is the queue action of msg, or 0.
func (k *queueKeys) action(msg tea.KeyPressMsg) sources.QueueAction {
	switch {
	case key.Matches(msg, k.deliver):
		return sources.ActDeliver
	case key.Matches(msg, k.hold):
		return sources.ActHold
	case key.Matches(msg, k.release):
		return sources.ActRelease
	case key.Matches(msg, k.requeue):
		return sources.ActRequeue
	case key.Matches(msg, k.del):
		return sources.ActDelete
	}
	return 0
}

// ask passes a request to the model; a pane drawn without one (tests,
// snapshots) asks nothing.
func (c *Ctx) ask(r Request) {
	if c.Act != nil {
		c.Act(r)
	}
}

func newCopyKey(what string) key.Binding {
	return key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy "+what+" to the clipboard (OSC 52)"))
}
