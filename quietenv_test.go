package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoTmuxLaunchAtStart: inside tmux, starting mxtop on a terminal must
// not launch `tmux info` (Lip Gloss's colour detection would, while its
// package is initialised, before main runs).
func TestNoTmuxLaunchAtStart(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("no script(1) to give mxtop a terminal")
	}
	bin := t.TempDir()
	marker := filepath.Join(t.TempDir(), "tmux-ran")
	fake := "#!/bin/sh\necho \"$@\" >>" + marker + "\n"
	if err := os.WriteFile(filepath.Join(bin, "tmux"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	// script(1) runs mxtop version on a pseudo-terminal, as a user would.
	cmd, stderr := mxtopCmd(t)
	cmd.Path = script
	cmd.Args = []string{"script", "-qec", os.Args[0] + " version", "/dev/null"}
	cmd.Env = append(cmd.Env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"TMUX=/tmp/tmux-0/default,1,0", "TERM=screen-256color")
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("mxtop version on a terminal: %v\n%s%s", err, out, stderr)
	}
	if b, err := os.ReadFile(marker); err == nil {
		t.Fatalf("mxtop launched tmux at start: tmux %s", b)
	}
}

// TestCommandsSeeTmux: the commands mxtop runs (postconf here) get TMUX
// back, as the user's environment has it.
func TestCommandsSeeTmux(t *testing.T) {
	bin := t.TempDir()
	seen := filepath.Join(t.TempDir(), "postconf-env")
	fake := "#!/bin/sh\necho \"TMUX=$TMUX\" >>" + seen + "\n"
	if err := os.WriteFile(filepath.Join(bin, "postconf"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(t.TempDir(), "maillog")
	if err := os.WriteFile(log, []byte("Nov 28 04:00:00 mx1 postfix/qmgr[4883]: 564F09E377: removed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const tmux = "/tmp/tmux-0/default,1,0"
	cmd, stderr := mxtopCmd(t, "report", "--log", log)
	cmd.Env = append(cmd.Env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "TMUX="+tmux)
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("mxtop report: %v\n%s%s", err, out, stderr)
	}
	b, err := os.ReadFile(seen)
	if err != nil {
		t.Fatalf("postconf was not run: %v", err)
	}
	if got := string(b); !strings.Contains(got, "TMUX="+tmux+"\n") {
		t.Errorf("postconf saw %q, want TMUX=%s", got, tmux)
	}
}
