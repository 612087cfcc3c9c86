package main

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// helpFlags runs "mxtop CMD -h" and returns the flag names its help lists:
// what the command really accepts, found without the manual's flag sets.
func helpFlags(t *testing.T, cmd string) []string {
	t.Helper()
	args := []string{"-h"}
	if cmd != "" {
		args = []string{cmd, "-h"}
	}
	var out, errb bytes.Buffer
	if code := run(args, nil, &out, &errb); code != 0 {
		t.Fatalf("mxtop %s -h: exit %d", cmd, code)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  -(\S+)`).FindAllStringSubmatch(out.String()+errb.String(), -1) {
		names = append(names, m[1])
	}
	return names
}

// manSections splits the page's COMMANDS section by subsection title.
func manSections(page string) map[string]string {
	_, cmds, _ := strings.Cut(page, "\n.SH COMMANDS\n")
	cmds, _, _ = strings.Cut(cmds, "\n.SH ")
	secs := map[string]string{}
	for _, s := range strings.Split(cmds, ".SS ")[1:] {
		title, body, _ := strings.Cut(s, "\n")
		secs[strings.Trim(title, `"`)] = body
	}
	return secs
}

func TestManListsEveryFlagOfEveryCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"man"}, nil, &out, &errb); code != 0 {
		t.Fatalf("mxtop man: exit %d: %s", code, errb.String())
	}
	page := out.String()
	secs := manSections(page)
	cmds := usageCommands()
	if len(cmds) < 6 {
		t.Fatalf("usage lists %d commands: %+v", len(cmds), cmds)
	}
	total := 0
	for _, c := range cmds {
		title := "mxtop " + c.name
		if c.name == "" {
			title = "mxtop (the live monitor)"
		}
		sec, ok := secs[title]
		if !ok {
			t.Errorf("no section %q in the manual", title)
			continue
		}
		if !strings.Contains(page[:strings.Index(page, ".SH DESCRIPTION")], `\fB`+roffText(strings.TrimSpace("mxtop "+c.name))+`\fR`) {
			t.Errorf("%q not in SYNOPSIS", title)
		}
		names := helpFlags(t, c.name)
		if c.name != "version" && len(names) == 0 {
			t.Errorf("mxtop %s -h lists no flags", c.name)
		}
		for _, n := range names {
			total++
			if !strings.Contains(sec, ".TP\n"+`\fB\-\-`+roffText(n)+`\fR`) {
				t.Errorf("flag --%s of %q missing from its section of the manual", n, title)
			}
		}
		// And nothing the command does not accept.
		if got, want := strings.Count(sec, ".TP\n"), len(names); got != want {
			t.Errorf("%q: %d flags in the manual, %d in -h", title, got, want)
		}
	}
	if total < 40 {
		t.Errorf("only %d flags checked", total)
	}
}

func TestManKnowsEveryUsageCommand(t *testing.T) {
	saved := manFlagSets["serve"]
	delete(manFlagSets, "serve")
	defer func() { manFlagSets["serve"] = saved }()
	if err := writeMan(&bytes.Buffer{}, build{Version: "x"}); err == nil || !strings.Contains(err.Error(), `"serve"`) {
		t.Fatalf("a usage command without a flag set: err %v", err)
	}
}

func TestManRoffEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`.gz files`:         `\&.gz files`,
		`'quoted`:           `\&'quoted`,
		`a\b`:               `a\eb`,
		`--log -`:           `\-\-log \-`,
		"two\nlines":        "two lines",
		`plain text (FILE)`: `plain text (FILE)`,
	} {
		if got := roffText(in); got != want {
			t.Errorf("roffText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := roffQuoted(`v1 "x"`); got != `v1 \(dqx\(dq` {
		t.Errorf("roffQuoted: %q", got)
	}
}

// The page renders without a single groff warning, as man(1) would show it.
func TestManRendersWithoutWarnings(t *testing.T) {
	var page bytes.Buffer
	if err := writeMan(&page, build{Version: `v1.0.0-3-gabc "odd"`, Time: "2026-11-30T14:12:11Z"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), `.TH MXTOP 1 "2026-11-30" "mxtop v1.0.0\-3\-gabc \(dqodd\(dq"`) {
		t.Errorf("title line: %.200s", page.String())
	}
	checked := false
	if _, err := exec.LookPath("groff"); err == nil {
		checked = true
		cmd := exec.Command("groff", "-man", "-ww", "-z", "-Tutf8")
		cmd.Stdin = bytes.NewReader(page.Bytes())
		out, err := cmd.CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("groff -ww: %v\n%s", err, out)
		}
	}
	if _, err := exec.LookPath("man"); err == nil {
		checked = true
		f := t.TempDir() + "/mxtop.1"
		if err := writeFile(f, page.Bytes()); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("man", "--warnings=w", "-P", "cat", "-l", f)
		cmd.Env = append(cmd.Environ(), "MANWIDTH=80", "LC_ALL=C.UTF-8")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("man -l: %v\n%s", err, stderr.String())
		}
		if s := stdout.String(); !strings.Contains(s, "--metrics-listen") || !strings.Contains(s, "mxtop serve") {
			t.Errorf("man -l rendered:\n%.500s", s)
		}
	}
	if !checked {
		t.Skip("neither groff nor man installed")
	}
}
