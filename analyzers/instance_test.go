package analyzers

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"mxtop/sources"
)

// instanceRefused is the i-th delivery of the instance tag (postfix, or a
// syslog_name such as postfix-out) that example.net refused for too many
// connections.
func instanceRefused(i int, tag string) string {
	return fmt.Sprintf("%s mx %s/smtp[%d]: %06X%04X: to=<u%d@example.net>, relay=mx.example.net[198.51.100.10]:25, delay=1.2, delays=0.1/0/1/0, dsn=4.7.0, status=deferred (host mx.example.net[198.51.100.10] refused to talk to me: 421 4.7.0 Too many connections from your IP)",
		stamp(i), tag, 2000+i%9, i, i, i)
}

var postfixProgram = regexp.MustCompile(`(^|&& |; |\| |then )(postconf|postfix|postqueue|postsuper|postmap) `)

// With the configuration of another instance than the default one
// (--config-dir, --instance), every Postfix command a hint gives acts on
// that instance: postconf -e without -c would change the default
// instance's main.cf.
func TestHintCommandsTargetTheInstanceRead(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, instanceRefused(i, "postfix-out"))
	}
	e := feed(lines...)
	e.ConfigDir = "/etc/postfix-out"
	hs := e.Hints(true)
	n := 0
	for _, h := range hs {
		for _, a := range h.Steps {
			for _, m := range postfixProgram.FindAllStringSubmatchIndex(a.Text, -1) {
				if !a.Command && m[2] != m[3] {
					continue // a word in a sentence, not a command
				}
				n++
				if rest := a.Text[m[1]:]; !strings.HasPrefix(rest, "-c /etc/postfix-out ") {
					t.Errorf("%s: %q acts on the default instance", h.ID, a.Text)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no Postfix command in the hints")
	}
	// A table the steps create is the instance's own, not the default
	// instance's table of the same name.
	var all []string
	for _, h := range hs {
		all = append(all, h.Actions...)
	}
	if acts := strings.Join(all, "\n"); strings.Contains(acts, "/etc/postfix/transport") || !strings.Contains(acts, "hash:/etc/postfix-out/transport") {
		t.Errorf("the transport table is not the instance's:\n%s", acts)
	}
}

// Without another configuration read, a log whose lines carry another
// syslog_name than postfix is likely a secondary instance's: the hints
// say how to run their commands against it.
func TestHintsNameTheInstanceTheLogIsFrom(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, instanceRefused(i, "postfix-out"))
	}
	found := false
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "destination_concurrency" {
			found = true
			if !strings.Contains(strings.Join(h.Cautions, "\n"), "postmulti -i postfix-out -x") {
				t.Errorf("no word of the instance: %q", h.Cautions)
			}
		}
	}
	if !found {
		t.Fatal("no destination_concurrency hint")
	}
	var plain []string
	for i := range 30 {
		plain = append(plain, instanceRefused(i, "postfix"))
	}
	for _, h := range feed(plain...).Hints(true) {
		if strings.Contains(strings.Join(h.Cautions, "\n"), "postmulti") {
			t.Errorf("%s: an instance named for the default one: %q", h.ID, h.Cautions)
		}
	}
}

// -c DIR goes after each Postfix program a command runs, also one xargs
// runs, and never into a quoted value, where it would change the value
// (a header line looked up with postmap -q).
func TestAimAtRewritesCommandsNotValues(t *testing.T) {
	hs := []Hint{{Steps: []Action{
		cmd("postmap -q 'Subject: invoice; postfix reload now' regexp:/etc/postfix-out/header_checks"),
		cmd(`postqueue -j | jq -r 'select(.queue_name == "deferred") | .queue_id' | xargs -r -n 1 postqueue -i`),
		cmd("qshape -s deferred | head"),
		say(`add the line "example.com encrypt; postfix reload" to the table, then postfix reload`),
		say(`change the first such line's transport; if none, run postconf -e 'transport_maps = hash:/x' and postfix reload`),
	}}}
	aimAt(&hs[0], "/etc/postfix-out")
	want := []string{
		"postmap -c /etc/postfix-out -q 'Subject: invoice; postfix reload now' regexp:/etc/postfix-out/header_checks",
		`postqueue -c /etc/postfix-out -j | jq -r 'select(.queue_name == "deferred") | .queue_id' | xargs -r -n 1 postqueue -c /etc/postfix-out -i`,
		"qshape -c /etc/postfix-out -s deferred | head",
		`add the line "example.com encrypt; postfix reload" to the table, then postfix -c /etc/postfix-out reload`,
		`change the first such line's transport; if none, run postconf -c /etc/postfix-out -e 'transport_maps = hash:/x' and postfix -c /etc/postfix-out reload`,
	}
	for i, a := range hs[0].Steps {
		if a.Text != want[i] {
			t.Errorf("got  %s\nwant %s", a.Text, want[i])
		}
	}
}

// Steps a rule shares (a package variable, another hint's) are not
// rewritten in place: a second evaluation gives one -c, not two.
func TestAimAtLeavesSharedStepsAlone(t *testing.T) {
	shared := []Action{cmd("postfix reload")}
	hs := []Hint{{Steps: shared}, {Steps: shared}}
	aimAt(&hs[0], "/etc/postfix-out")
	aimAt(&hs[1], "/etc/postfix-out")
	if shared[0].Text != "postfix reload" {
		t.Errorf("the shared step became %q", shared[0].Text)
	}
	if hs[1].Steps[0].Text != "postfix -c /etc/postfix-out reload" {
		t.Errorf("the second hint's step is %q", hs[1].Steps[0].Text)
	}
}

// twoInstances is a postmulti host's log: postfix-out's deliveries that
// example.net refuses, and postfix-in's master out of smtpd processes.
func twoInstances() []string {
	var lines []string
	for i := range 30 {
		lines = append(lines, instanceRefused(i, "postfix-out"))
		if i%10 == 0 {
			lines = append(lines, stamp(i)+` mx postfix-in/master[812]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`)
		}
	}
	return lines
}

// hintByID is the first hint of id, failing the test when none fired.
func hintByID(t *testing.T, hs []Hint, id string) Hint {
	t.Helper()
	for _, h := range hs {
		if h.ID == id {
			return h
		}
	}
	t.Fatalf("no %s hint", id)
	return Hint{}
}

// On a log of two instances, each hint names the instance its own lines
// came from: raising smtpd's maxproc through postfix-out would leave
// postfix-in refusing clients.
func TestHintsNameTheInstanceOfTheirOwnLines(t *testing.T) {
	hs := feed(twoInstances()...).Hints(true)
	cautions := func(h Hint) string { return strings.Join(h.Cautions, "\n") }
	if c := cautions(hintByID(t, hs, "process_limit")); !strings.Contains(c, "postmulti -i postfix-in -x") || strings.Contains(c, "postfix-out") {
		t.Errorf("process_limit: %q", c)
	}
	if c := cautions(hintByID(t, hs, "destination_concurrency")); !strings.Contains(c, "postmulti -i postfix-out -x") || strings.Contains(c, "postfix-in") {
		t.Errorf("destination_concurrency: %q", c)
	}
	// A hint of the default instance's lines gets no word of another.
	lines := twoInstances()
	for i := range lines {
		lines[i] = strings.Replace(lines[i], "postfix-in/master", "postfix/master", 1)
	}
	if c := cautions(hintByID(t, feed(lines...).Hints(true), "process_limit")); strings.Contains(c, "postmulti") {
		t.Errorf("process_limit of the default instance: %q", c)
	}
}

// With another instance's configuration read, a hint whose lines come
// from a third instance keeps its commands off the instance read and says
// whose they are; the read instance's hints act on it as before.
func TestInstanceReadOnlyForItsOwnLines(t *testing.T) {
	e := feed(twoInstances()...)
	e.ConfigDir = "/etc/postfix-out"
	hs := e.Hints(true)
	h := hintByID(t, hs, "process_limit")
	acts := strings.Join(h.Actions, "\n")
	if strings.Contains(acts, "/etc/postfix-out") {
		t.Errorf("process_limit acts on postfix-out:\n%s", acts)
	}
	if c := strings.Join(h.Cautions, "\n"); !strings.Contains(c, "postmulti -i postfix-in -x") {
		t.Errorf("process_limit does not name postfix-in: %q", c)
	}
	h = hintByID(t, hs, "destination_concurrency")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "postconf -c /etc/postfix-out -e") {
		t.Errorf("destination_concurrency does not act on postfix-out:\n%s", acts)
	}
	if c := strings.Join(h.Cautions, "\n"); strings.Contains(c, "postmulti") {
		t.Errorf("destination_concurrency: %q", c)
	}
}

// withConfig reads main.cf's params as the configuration of dir.
func withConfig(e *Engine, dir, params string) *Engine {
	p, _ := sources.ParseParams(strings.NewReader(params))
	e.SetConfig(&sources.Config{Params: p, Explicit: p})
	e.ConfigDir = dir
	return e
}

// A main.cf that sets no multi_instance_name nor syslog_name is the
// default instance's, wherever it lies: its own hints act on the
// directory read, and another instance's lines keep their commands off
// it, though that instance is the log's one other name.
func TestConfigNamingNoInstanceIsTheDefaultOnes(t *testing.T) {
	lines := twoInstances()
	for i := range lines {
		lines[i] = strings.Replace(lines[i], "postfix-in/master", "postfix/master", 1)
	}
	hs := withConfig(feed(lines...), "/usr/local/etc/postfix", "queue_directory = /var/spool/postfix\n").Hints(true)
	h := hintByID(t, hs, "process_limit")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "postconf -c /usr/local/etc/postfix -F") || !strings.Contains(acts, "postfix -c /usr/local/etc/postfix reload") {
		t.Errorf("process_limit does not act on the directory read:\n%s", acts)
	}
	if c := strings.Join(h.Cautions, "\n"); strings.Contains(c, "postmulti") {
		t.Errorf("process_limit: %q", c)
	}
	h = hintByID(t, hs, "destination_concurrency")
	if acts := strings.Join(h.Actions, "\n"); strings.Contains(acts, "-c /usr/local/etc/postfix") {
		t.Errorf("destination_concurrency acts on the default instance:\n%s", acts)
	}
	if c := strings.Join(h.Cautions, "\n"); !strings.Contains(c, "postmulti -i postfix-out -x") {
		t.Errorf("destination_concurrency does not name postfix-out: %q", c)
	}
}

// With a secondary instance's configuration read, a hint of the default
// instance's lines says they are the default instance's, whose commands
// are the ones shown: postmulti names it "-", and postmulti -i postfix
// matches no instance. Lines of several instances name a secondary one
// in the example.
func TestDefaultInstanceLinesNamedAsSuch(t *testing.T) {
	lines := twoInstances()
	for i := range lines {
		lines[i] = strings.Replace(lines[i], "postfix-in/master", "postfix/master", 1)
	}
	h := hintByID(t, withConfig(feed(lines...), "/etc/postfix-out", "multi_instance_name = postfix-out\n").Hints(true), "process_limit")
	if acts := strings.Join(h.Actions, "\n"); strings.Contains(acts, "-c ") {
		t.Errorf("process_limit acts on postfix-out:\n%s", acts)
	}
	c := strings.Join(h.Cautions, "\n")
	if !strings.Contains(c, "from the default instance") || strings.Contains(c, "postmulti -i postfix ") {
		t.Errorf("process_limit: %q", c)
	}
	c = (&Engine{ConfigDir: "/etc/postfix-out"}).otherInstanceCaution([]string{"postfix", "postfix-in"}, dirPlaceholder)
	if !strings.Contains(c, "postmulti -i postfix-in -x") || strings.Contains(c, "postmulti -i postfix ") {
		t.Errorf("two instances: %q", c)
	}
}

// twoInstanceConfig reads main.cf's params and a master.cf with the smtp
// services as the configuration of dir.
func twoInstanceConfig(e *Engine, dir, params string) *Engine {
	p, _ := sources.ParseParams(strings.NewReader(params))
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - - smtpd\nsmtp unix - - y - - smtp\n"), 100)
	e.SetConfig(&sources.Config{Params: p, Explicit: p, Services: svcs})
	e.ConfigDir = dir
	return e
}

// sharedLog is a mail log both instances write through syslog: the
// default instance's deliveries that example.net refuses for too many
// connections, postfix-out's that go out.
func sharedLog(refused string) []string {
	var lines []string
	for i := range 30 {
		lines = append(lines, instanceRefused(i, refused))
		lines = append(lines, fmt.Sprintf("%s mx postfix-out/smtp[3%03d]: %06XB: to=<v%d@example.org>, relay=mx.example.org[192.0.2.30]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as A%d)",
			stamp(i), i, i, i, i))
	}
	return lines
}

// postfixCommands are the steps of h that run a Postfix program as a
// command, and the program's arguments after each.
func postfixCommands(h Hint) (cmds []string, rests []string) {
	for _, a := range h.Steps {
		if !a.Command {
			continue
		}
		for _, m := range postfixProgram.FindAllStringSubmatchIndex(a.Text, -1) {
			cmds, rests = append(cmds, a.Text), append(rests, a.Text[m[1]:])
		}
	}
	return cmds, rests
}

// A hint whose lines are the default instance's, with postfix-out's
// configuration read, gets no command worked out from postfix-out's
// main.cf: its empty transport_maps would become a postconf -e that
// replaces the default instance's own tables. Nor does a apply it to
// postfix-out, which logged no refusal.
func TestOtherInstanceHintNotBuiltFromTheConfigRead(t *testing.T) {
	e := twoInstanceConfig(feed(sharedLog("postfix")...), "/etc/postfix-out", "syslog_name = postfix-out\nmulti_instance_name = postfix-out\n")
	h := hintByID(t, e.Hints(true), "destination_concurrency")
	if len(h.Changes) > 0 {
		t.Errorf("a would apply %+v to postfix-out", h.Changes)
	}
	for _, a := range h.Steps {
		if strings.Contains(a.Text, "/etc/postfix-out") {
			t.Errorf("a step names postfix-out's files: %q", a.Text)
		}
		if a.Command && strings.Contains(a.Text, "-e 'transport_maps =") {
			t.Errorf("transport_maps set from postfix-out's value: %q", a.Text)
		}
	}
	if c := strings.Join(h.Cautions, "\n"); !strings.Contains(c, "default instance") {
		t.Errorf("no word of the default instance: %q", c)
	}
}

// With postmulti's list at hand, such a hint's commands name the
// directory of the instance of its lines with -c.
func TestOtherInstanceHintTakesItsDirectory(t *testing.T) {
	e := twoInstanceConfig(feed(sharedLog("postfix")...), "/etc/postfix-out", "syslog_name = postfix-out\nmulti_instance_name = postfix-out\n")
	e.SetInstances([]sources.Instance{{Name: "main", ConfigDir: "/usr/local/etc/postfix"}, {Name: "postfix-out", ConfigDir: "/etc/postfix-out"}})
	h := hintByID(t, e.Hints(true), "destination_concurrency")
	cmds, rests := postfixCommands(h)
	if len(cmds) == 0 {
		t.Fatalf("no Postfix command: %q", h.Actions)
	}
	for i, rest := range rests {
		if !strings.HasPrefix(rest, "-c /usr/local/etc/postfix ") {
			t.Errorf("not aimed at the default instance's directory: %q", cmds[i])
		}
	}
	if len(h.Changes) > 0 {
		t.Errorf("a would apply %+v to postfix-out", h.Changes)
	}
	// A directory that would need quoting is named in sentences only.
	e = twoInstanceConfig(feed(sharedLog("postfix-in")...), "/etc/postfix-out", "syslog_name = postfix-out\nmulti_instance_name = postfix-out\n")
	e.SetInstances([]sources.Instance{{Name: "postfix-in", ConfigDir: "/srv/mail 1/postfix-in"}, {Name: "postfix-out", ConfigDir: "/etc/postfix-out"}})
	h = hintByID(t, e.Hints(true), "destination_concurrency")
	if cmds, _ := postfixCommands(h); len(cmds) > 0 {
		t.Errorf("commands for an implausible directory: %q", cmds)
	}
	// postfix-out's own hints still act on postfix-out.
	e = twoInstanceConfig(feed(sharedLog("postfix-out")...), "/etc/postfix-out", "syslog_name = postfix-out\nmulti_instance_name = postfix-out\n")
	e.SetInstances([]sources.Instance{{Name: "main", ConfigDir: "/usr/local/etc/postfix"}, {Name: "postfix-out", ConfigDir: "/etc/postfix-out"}})
	h = hintByID(t, e.Hints(true), "destination_concurrency")
	if len(h.Changes) == 0 {
		t.Error("postfix-out's own hint lost its change")
	}
	if _, rests := postfixCommands(h); len(rests) == 0 || !strings.HasPrefix(rests[0], "-c /etc/postfix-out ") {
		t.Errorf("postfix-out's own hint: %q", h.Actions)
	}
}

// With the default instance's configuration read, a hint of postfix-out's
// lines is no more worked out from it, and its commands, which would act
// on the default instance, are given as words to run through postfix-out.
func TestDefaultConfigKeepsOffOtherInstancesHints(t *testing.T) {
	e := twoInstanceConfig(feed(sharedLog("postfix-out")...), "", "queue_directory = /var/spool/postfix\ntransport_maps = hash:/etc/postfix/transport\n")
	h := hintByID(t, e.Hints(true), "destination_concurrency")
	if len(h.Changes) > 0 {
		t.Errorf("a would apply %+v to the default instance", h.Changes)
	}
	if cmds, _ := postfixCommands(h); len(cmds) > 0 {
		t.Errorf("commands that act on the default instance: %q", cmds)
	}
	if c := strings.Join(h.Cautions, "\n"); !strings.Contains(c, "postmulti -i postfix-out -x") {
		t.Errorf("no word of postfix-out: %q", c)
	}
	for _, a := range h.Steps {
		if strings.Contains(a.Text, "/etc/postfix/transport") {
			t.Errorf("a step names the default instance's table: %q", a.Text)
		}
	}
}

// A configuration directory given relatively is never taken for the
// default instance's: no command goes without -c, and one that names it
// is a sentence, as a relative directory means nothing where it is pasted.
func TestRelativeConfigDirNotTheDefault(t *testing.T) {
	for _, dir := range []string{"etc-postfix-out", "./etc-postfix-out"} {
		e := twoInstanceConfig(feed(sharedLog("postfix-out")...), dir, "syslog_name = postfix-out\nmulti_instance_name = postfix-out\n")
		h := hintByID(t, e.Hints(true), "destination_concurrency")
		if cmds, _ := postfixCommands(h); len(cmds) > 0 {
			t.Errorf("%s: commands without its directory: %q", dir, cmds)
		}
		if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "-c etc-postfix-out") || strings.Contains(acts, "/etc/postfix/") {
			t.Errorf("%s: steps not about it:\n%s", dir, acts)
		}
	}
}

// The destination detail's throttling snippet acts on the instance read,
// as the hints do.
func TestThrottleSnippetTargetsTheInstanceRead(t *testing.T) {
	e := twoInstanceConfig(feed(sharedLog("postfix-out")...), "/etc/postfix-out", "syslog_name = postfix-out\nmulti_instance_name = postfix-out\n")
	n := 0
	for _, a := range e.ThrottleSnippet("example.net", true) {
		if !a.Command {
			continue
		}
		for _, m := range postfixProgram.FindAllStringSubmatchIndex(a.Text, -1) {
			n++
			if !strings.HasPrefix(a.Text[m[1]:], "-c /etc/postfix-out ") {
				t.Errorf("acts on the default instance: %q", a.Text)
			}
		}
	}
	if n == 0 {
		t.Fatal("no Postfix command in the snippet")
	}
}

// postfix start-fg refuses to run when multi_instance_directories is set
// (postfix-script: "start-fg does not support multi_instance_directories"),
// with -c or without: for an instance of postmulti it gets no -c, which
// would make it look like the way to run that instance, and a sentence
// that names it says it runs one Postfix without instances; the other
// commands of the same step still get their -c.
func TestAimAtLeavesStartFgAlone(t *testing.T) {
	h := Hint{Steps: []Action{
		say("log to stdout only with postfix start-fg as the container's main process, then postfix reload"),
		cmd("postfix start-fg"),
		cmd("postconf -h maillog_file && postfix start-fg"),
	}}
	aimAt(&h, "/etc/postfix-out")
	if got := h.Steps[0].Text; strings.Contains(got, "-c /etc/postfix-out start-fg") ||
		!strings.Contains(got, "postfix -c /etc/postfix-out reload") || !strings.Contains(got, "multi_instance_directories") {
		t.Errorf("sentence: %s", got)
	}
	if got := h.Steps[1].Text; got != "postfix start-fg" {
		t.Errorf("command: %s", got)
	}
	if got := h.Steps[2].Text; got != "postconf -c /etc/postfix-out -h maillog_file && postfix start-fg" {
		t.Errorf("command: %s", got)
	}
}
