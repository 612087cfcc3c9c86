package model

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
	"mxtop/ui"
)

// containerModel is the lab model with Postfix in container mx: its
// queue is read with docker exec through the fake host Exec, as root or
// not.
func containerModel(t *testing.T, configDir string) (*Model, *sourcestest.FakeExec) {
	t.Helper()
	pq, err := os.ReadFile("../testdata/lab/postqueue-j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	host := &sourcestest.FakeExec{Outputs: map[string]string{"docker exec mx postqueue -j": string(pq)}}
	if configDir != "" {
		host.Outputs["docker exec mx postqueue -c "+configDir+" -j"] = string(pq)
	}
	m, _ := actionModel(t, ActionSettings{Exec: sources.DockerExec{Host: host, Container: "mx"}, Container: "mx", ConfigDir: configDir})
	return m, host
}

// ranNothing fails when anything but a reading reached docker, or the
// audit log was written: nothing ran.
func ranNothing(t *testing.T, m *Model, host *sourcestest.FakeExec) {
	t.Helper()
	for _, c := range host.Calls {
		if c != "docker exec mx postqueue -j" && !strings.HasPrefix(c, "docker exec mx postqueue -c ") {
			t.Errorf("ran %q", c)
		}
	}
	if len(host.Stdin) != 0 {
		t.Errorf("ran with input: %q", host.Stdin)
	}
	if _, err := os.Stat(filepath.Join(m.set.SnapshotDir, AuditName)); err == nil {
		t.Errorf("an audit record of something that did not run")
	}
}

// A queue action on a container's queue reads the queue inside it (no
// root needed for that) and shows the commands that act there, each
// through docker exec with every word quoted; any key closes the screen
// and nothing runs, y and the typed domain included.
func TestQueueActionInContainerShowsCommandsRunsNothing(t *testing.T) {
	m, host := containerModel(t, "")
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "h"))
	if m.view.Confirm == nil || !m.view.Confirm.Refused {
		t.Fatalf("no screen; flash %q", m.view.Flash)
	}
	screen := ansi.Strip(m.Render())
	for _, want := range []string{
		"hold 2 message(s) queued for throttled.example: inside container mx",
		"Postfix runs in container mx: mxtop changes nothing inside a container from the host",
		"$ printf '%s\\n' 49EAFC0295 477FCC027A | docker exec -i mx postsuper -h -",
		"nothing runs from here",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "y: run") {
		t.Errorf("the screen offers to run:\n%s", screen)
	}
	run(m, pressCmd(m, "y"))
	if m.view.Confirm != nil || !strings.Contains(m.view.Flash, "nothing ran") {
		t.Fatalf("y: confirm %v, flash %q", m.view.Confirm, m.view.Flash)
	}
	// Delete: the typed name runs nothing either.
	run(m, pressCmd(m, "D"))
	if m.view.Confirm == nil || m.view.Confirm.Need != "" || !strings.Contains(ansi.Strip(m.Render()), "| docker exec -i mx postsuper -d -") {
		t.Fatalf("D: %+v %q", m.view.Confirm, m.view.Flash)
	}
	for _, k := range []string{"t", "enter"} {
		run(m, pressCmd(m, k))
	}
	ranNothing(t, m, host)
	if calls(host, "docker exec mx postqueue -j") != 2 {
		t.Errorf("the queue was not read in the container: %q", host.Calls)
	}
}

// Deliver now, one command per message: postqueue -i inside the
// container, with -it (no input piped), and -c for another instance.
func TestDeliverInContainerTakesTheInstance(t *testing.T) {
	m, host := containerModel(t, "/etc/postfix-out")
	focusQueueOn(t, m, "throttled.example")
	run(m, pressCmd(m, "f"))
	screen := ansi.Strip(m.Render())
	if !strings.Contains(screen, "$ docker exec -it mx postqueue -c /etc/postfix-out -i 49EAFC0295") {
		t.Errorf("screen:\n%s", screen)
	}
	run(m, pressCmd(m, "n"))
	ranNothing(t, m, host)
}

// a on a hint with Postfix in a container shows the postconf commands
// that make the change inside it, a table's edit in words with postmap
// after it, then postfix check and reload; a value mxtop would not paste
// is said, not put in a command; nothing runs, and nothing on the host's
// files changes.
func TestApplyInContainerShowsCommandsRunsNothing(t *testing.T) {
	m, host := containerModel(t, "/etc/postfix-out")
	cfg, err := (&sources.ConfigReader{PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt"}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m.eng.SetConfig(cfg)
	changes := append(slowChanges[:2:2],
		sources.ConfigChange{Map: "hash:/etc/postfix/transport", Key: "throttled.example", Value: "slow:"},
		sources.ConfigChange{Param: "smtp_helo_name", Value: "it's"},
		sources.ConfigChange{Param: "smtpd_banner", Value: "x\n$(reboot)"},
	)
	run(m, m.request(ui.Request{Apply: changes, Subject: "throttle throttled.example"}))
	if m.view.Confirm == nil || !m.view.Confirm.Refused {
		t.Fatalf("no screen: %q", m.view.Flash)
	}
	screen := ansi.Strip(m.Render())
	for _, want := range []string{
		"apply: throttle throttled.example: inside container mx",
		"$ docker exec -it mx postconf -c /etc/postfix-out -M 'slow/unix=slow unix - - n - - smtp'",
		"$ docker exec -it mx postconf -c /etc/postfix-out -e 'slow_destination_concurrency_limit = 2'",
		"$ docker exec -it mx postconf -c /etc/postfix-out -e 'smtp_helo_name = it'\\''s'",
		"give throttled.example the transport",
		"slow, keeping its next hop",
		"$ docker exec -it mx postmap hash:/etc/postfix/transport",
		"$ docker exec -it mx postfix -c /etc/postfix-out check",
		"$ docker exec -it mx postfix -c /etc/postfix-out reload",
		"not one mxtop puts into a command",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "reboot)'") || strings.Contains(screen, "smtpd_banner = x") && strings.Contains(screen, "$ docker exec -it mx postconf -c /etc/postfix-out -e 'smtpd_banner") {
		t.Errorf("the implausible value went into a command:\n%s", screen)
	}
	run(m, pressCmd(m, "y"))
	if m.view.Confirm != nil {
		t.Fatal("y left the screen open")
	}
	ranNothing(t, m, host)
	// u has nothing of the container's to undo.
	run(m, pressCmd(m, "u"))
	if m.view.Confirm != nil || !strings.Contains(m.view.Flash, "no change inside container mx") {
		t.Errorf("u: %+v %q", m.view.Confirm, m.view.Flash)
	}
	ranNothing(t, m, host)
}

// With Postfix in a container, the hints pane, the destinations' detail,
// c and a snapshot give the commands on Postfix as they run from the
// host: docker exec -i mx sh -c '...'; none is left for the host's
// Postfix.
func TestHintCommandsInContainer(t *testing.T) {
	m, _ := containerModel(t, "")
	m.eng.Container = "mx"
	m.rebuild()
	var hint []string
	for _, h := range m.data.Hints {
		for _, a := range h.ActionSteps() {
			if a.Command && (strings.HasPrefix(a.Text, "postconf ") || strings.HasPrefix(a.Text, "postfix ") || strings.HasPrefix(a.Text, "postqueue ") || strings.HasPrefix(a.Text, "postmap ")) {
				t.Errorf("%s: a command for the host's Postfix: %q", h.ID, a.Text)
			}
		}
		if h.ID == "destination_concurrency" && hint == nil {
			hint = h.Actions
		}
	}
	if !slices.Contains(hint, "docker exec -i mx sh -c 'postfix reload'") {
		t.Fatalf("destination_concurrency: %q", hint)
	}
	for _, d := range m.data.Dests {
		for _, a := range d.Snippet {
			if a.Command && !strings.HasPrefix(a.Text, "docker exec -i mx ") {
				t.Errorf("%s: snippet %q", d.Domain, a.Text)
			}
		}
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 50))
	tm.Type("5")
	tm.Type("5")
	for i, h := range ui.FilteredHints(&m.data, "") {
		if h.ID == "destination_concurrency" {
			for range i {
				tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
			}
			break
		}
	}
	tm.Type("c")
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(strings.Join(hint, "\n")))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(5*time.Second))
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	md, js, err := final.snapshotContent()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(md, []byte("docker exec -i mx sh -c 'postfix reload'")) || !bytes.Contains(js, []byte(`"container": "mx"`)) {
		t.Errorf("snapshot without the container's commands:\n%.3000s", md)
	}
}
