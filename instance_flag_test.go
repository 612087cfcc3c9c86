package main

import (
	"context"
	"errors"
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
