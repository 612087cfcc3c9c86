package model

import (
	"fmt"
	"slices"
	"strings"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// With --docker, Postfix's queue and configuration are the container's:
// mxtop reads them with docker exec and changes neither from the host. A
// queue action or an apply opens a screen that runs nothing and shows
// the commands that do it inside the container, for the admin to run.

// containerNote opens every such screen.
func containerNote(container string) string {
	return "Postfix runs in container " + container + ": mxtop changes nothing inside a container from the host. Run these on the host yourself (docker exec runs each inside the container):"
}

// inContainer is c as it runs inside the container from the host's
// shell: docker exec -i when its standard input is piped in, -it
// otherwise; every word quoted with analyzers.ShellQuote.
func inContainer(container string, c sources.Command) string {
	flag := "-it"
	if len(c.Stdin) > 0 {
		flag = "-i"
	}
	dc := sources.Command{Name: "docker", Args: append([]string{"exec", flag, container, c.Name}, c.Args...), Stdin: c.Stdin}
	return dc.Text(0, analyzers.ShellQuote)
}

// refusedPlan is the screen of a queue action planned on a container's
// queue: the plan's commands, each run inside the container.
func (m *Model) refusedPlan(p sources.QueuePlan) *ui.Confirm {
	container := m.set.Actions.Container
	c := &ui.Confirm{Title: fmt.Sprintf("%s %d message(s) queued for %s: inside container %s", p.Action, len(p.IDs), p.Domain, container), Refused: true}
	c.Lines = append(c.Lines, fmt.Sprintf("%d message(s) with a recipient at %s, from %s in the container.", len(p.IDs), p.Domain, p.From))
	if p.Action == sources.ActDelete {
		c.Lines = append(c.Lines, m.styles.Err.Render("Deleted mail is gone: it is not bounced and cannot be brought back."))
	}
	c.Lines = append(c.Lines, "", containerNote(container))
	for i, cmd := range p.Cmds {
		if i == maxShownCmds {
			c.Lines = append(c.Lines, fmt.Sprintf("  … and %d more, one per message", len(p.Cmds)-i))
			break
		}
		c.Cmd(inContainer(container, cmd), "")
	}
	return c
}

// plainValue accepts a value mxtop writes into a command for the
// container: printable, without control characters, and of a length a
// main.cf line has. Anything else is said in words, not pasted.
func plainValue(s string) bool {
	if len(s) > 2000 {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return false
		}
	}
	return true
}

// refusedApply is the screen of a hint's configuration change with
// Postfix in a container: the postconf commands that make it there, the
// table edits in words (the table's file is the container's), then
// postfix check and postfix reload.
func (m *Model) refusedApply(changes []sources.ConfigChange, subject string) *ui.Confirm {
	a := m.set.Actions
	container := a.Container
	c := &ui.Confirm{Title: "apply: " + analyzers.SanitizeLine(subject) + ": inside container " + container, Refused: true}
	c.Lines = append(c.Lines, containerNote(container))
	var conf []string
	if a.ConfigDir != "" {
		conf = []string{"-c", a.ConfigDir}
	}
	postconf := func(flag, setting string) {
		c.Cmd(inContainer(container, sources.Command{Name: "postconf", Args: append(append(append([]string{}, conf...), flag), setting)}), "")
	}
	var postmap []string
	for _, ch := range changes {
		if !plainValue(ch.Value) || !plainValue(ch.Param+ch.Service+ch.Field+ch.ServiceParam+ch.Map+ch.Key) {
			c.Lines = append(c.Lines, "  a value of this change is not one mxtop puts into a command: make it by hand inside the container ("+analyzers.SanitizeLine(ch.String())+")")
			continue
		}
		switch {
		case ch.Param != "":
			postconf("-e", ch.Param+" = "+ch.Value)
		case ch.Service != "":
			postconf("-M", ch.Service+"="+ch.Value)
		case ch.Field != "":
			postconf("-F", ch.Field+"="+ch.Value)
		case ch.ServiceParam != "":
			postconf("-P", ch.ServiceParam+"="+ch.Value)
		case ch.Map != "":
			typ, _, _ := strings.Cut(ch.Map, ":")
			what := "the value " + ch.Value
			if strings.HasSuffix(ch.Value, ":") {
				what = "the transport " + strings.TrimSuffix(ch.Value, ":") + ", keeping its next hop"
			}
			c.Lines = append(c.Lines, fmt.Sprintf("  in the table %s inside the container (the file it names there, or where the image keeps it), give %s %s", analyzers.SanitizeLine(ch.Map), analyzers.SanitizeLine(ch.Key), analyzers.SanitizeLine(what)))
			if sources.IndexedTable(typ) && !slices.Contains(postmap, ch.Map) {
				postmap = append(postmap, ch.Map)
			}
		}
	}
	for _, t := range postmap {
		c.Cmd(inContainer(container, sources.Command{Name: "postmap", Args: []string{t}}), "")
	}
	c.Cmd(inContainer(container, sources.Command{Name: "postfix", Args: append(append([]string{}, conf...), "check")}), "")
	c.Cmd(inContainer(container, sources.Command{Name: "postfix", Args: append(append([]string{}, conf...), "reload")}), "")
	c.Lines = append(c.Lines, m.styles.Faint.Render("a change made in a running container is lost when the container is created again: make it in the image's or the compose file's configuration too"))
	return c
}
