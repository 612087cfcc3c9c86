package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mxtop/sources/sourcestest"
)

// --instance where postmulti cannot list the instances (no main.cf here:
// a workstation reading a host's saved files) says why and what to give
// instead, not just postmulti's exit status.
func TestInstanceWithoutPostmultiSaysWhatToGive(t *testing.T) {
	ex := &sourcestest.FakeExec{Errors: map[string]error{"postmulti -l": errors.New("postmulti -l: exit status 1")}}
	for _, f := range []sourceFlags{
		{instance: "postfix-out", postconf: "postconf-n.txt", master: "postconf-M.txt", maxDest: 1},
		{instance: "postfix-out", maxDest: 1},
	} {
		_, err := f.options(context.Background(), ex)
		if err == nil {
			t.Fatal("no error")
		}
		msg := err.Error()
		for _, want := range []string{"--instance postfix-out", "exit status 1", "/etc/postfix/main.cf", "--config-dir DIR"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%q lacks %q", msg, want)
			}
		}
		if saved := strings.Contains(msg, "--postconf FILE"); saved != (f.postconf == "") {
			t.Errorf("saved files offered %v with --postconf %q: %q", saved, f.postconf, msg)
		}
	}
}

// A configuration directory named relatively, as a shell completes it, is
// made absolute where it is given: the hints' commands name it with -c,
// and a relative one would mean another directory where they are pasted,
// or none at all.
func TestConfigDirMadeAbsolute(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(wd, "etc-postfix-out")
	for _, arg := range []string{"etc-postfix-out", "./etc-postfix-out", "etc-postfix-out/"} {
		var f sourceFlags
		fs := flag.NewFlagSet("report", flag.ContinueOnError)
		f.register(fs)
		if err := fs.Parse([]string{"--config-dir", arg}); err != nil {
			t.Fatal(err)
		}
		o, err := f.options(context.Background(), &sourcestest.FakeExec{})
		if err != nil || o.ConfigDir != want {
			t.Errorf("--config-dir %s: %q %v", arg, o.ConfigDir, err)
		}
		fs, dir, _, _ := newDoctorFlags(io.Discard)
		if err := fs.Parse([]string{"--config-dir", arg}); err != nil || *dir != want {
			t.Errorf("doctor --config-dir %s: %q %v", arg, *dir, err)
		}
		fs, _, _, conf, _ := newUndoFlags(io.Discard)
		if err := fs.Parse([]string{"--config-dir", arg}); err != nil || *conf != want {
			t.Errorf("undo --config-dir %s: %q %v", arg, *conf, err)
		}
	}
}

// --instance keeps postmulti's list: a hint of another instance's lines
// then acts on that instance's directory.
func TestInstanceKeepsTheList(t *testing.T) {
	ex := &sourcestest.FakeExec{Outputs: map[string]string{"postmulti -l": "-               -               y         /etc/postfix\npostfix-out     mta             y         /etc/postfix-out\n"}}
	f := sourceFlags{instance: "postfix-out", maxDest: 1}
	o, err := f.options(context.Background(), ex)
	if err != nil || o.ConfigDir != "/etc/postfix-out" || len(o.Instances) != 2 || o.Instances[0].ConfigDir != "/etc/postfix" {
		t.Errorf("%q %+v %v", o.ConfigDir, o.Instances, err)
	}
}
