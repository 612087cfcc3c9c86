package analyzers

import (
	"strings"
	"testing"
)

// A list manager's "| command" alias put into a table that rewrites
// addresses: the hint is this host's configuration and says where such
// a value belongs, not that the program's service is down.
func TestCommandAsRewrittenRecipientHint(t *testing.T) {
	e := feed("Nov 28 10:00:00 lists postfix/pipe[3341]: 69BFC2E0EB5: to=<|/usr/lib/lists/bin/queue@lists.example.org>, orig_to=<team@lists.example.org>, relay=lists, delay=0.04, delays=0.02/0.02/0/0.01, dsn=4.3.0, status=deferred (temporary failure. Command output: queue: cannot open spool file: No such file or directory )")
	hs := hintIDs(e.Hints(true))
	if len(hs["daemon_crash"]) != 0 {
		t.Errorf("a rewritten recipient gave a daemon_crash hint: %+v", hs["daemon_crash"])
	}
	cfg := hs["config_error"]
	if len(cfg) == 0 {
		t.Fatalf("no config_error hint: %+v", e.Hints(true))
	}
	var all string
	for _, s := range cfg[0].Steps {
		all += s.Text + "\n"
	}
	for _, want := range []string{"alias_maps", "transport_maps", "virtual_alias_maps"} {
		if !strings.Contains(all, want) {
			t.Errorf("the advice does not name %s:\n%s", want, all)
		}
	}
	if strings.Contains(all, "loops back to myself") {
		t.Errorf("the advice of another kind of failure was given:\n%s", all)
	}
}
