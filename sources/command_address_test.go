package sources

import "testing"

// A recipient that a table rewrote into an aliases(5) "| command" or
// "/file" value is no address: the delivery fails on this host's
// configuration, whatever the agent that tried it says.
func TestCommandAsRewrittenRecipient(t *testing.T) {
	cases := []struct {
		name, line string
		want       Class
	}{
		{"pipe gets the command as its recipient",
			"Nov 28 10:00:00 lists postfix/pipe[3341]: 69BFC2E0EB5: to=<|/usr/lib/lists/bin/queue@lists.example.org>, orig_to=<team@lists.example.org>, relay=lists, delay=0.04, delays=0.02/0.02/0/0.01, dsn=4.3.0, status=deferred (temporary failure. Command output: queue: cannot open spool file: No such file or directory )",
			ClassConfigError},
		{"local gets a quoted command with blanks as a user name",
			"Nov 28 10:00:00 lists postfix/local[60]: 3F2A1C0A41: to=<\"| /usr/libexec/lists/queue listmaster\"@lists.example.org>, orig_to=<listmaster@lists.example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"| /usr/libexec/lists/queue listmaster\")",
			ClassConfigError},
		{"a file name rewritten into the recipient",
			"Nov 28 10:00:00 mx postfix/local[61]: 3F2A1C0A42: to=</var/spool/archive@example.org>, orig_to=<archive@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"/var/spool/archive\")",
			ClassConfigError},
		// Without a rewrite the address is the one the client sent: it
		// says nothing of this host's tables.
		{"a client's own command-like address, not rewritten",
			"Nov 28 10:00:00 mx postfix/local[62]: 3F2A1C0A43: to=<|x@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"|x\")",
			ClassRecipient},
		{"a pipe whose program's daemon is down keeps its class",
			"Nov 28 10:00:00 mx postfix/pipe[34]: 3F2A1C0A1F: to=<ann@example.org>, orig_to=<info@example.org>, relay=spamassassin, delay=2, delays=0/0/0/2, dsn=4.3.0, status=deferred (temporary failure. Command output: spamc: connect to spamd on 127.0.0.1 failed, retrying (#1 of 3): Connection refused )",
			ClassDaemonCrash},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := NewParser()
			var r Record
			p.Parse(c.line, &r)
			if r.Event != EvDelivery {
				t.Fatalf("not read as a delivery: %v", r.Event)
			}
			if r.Class != c.want {
				t.Errorf("class %v, want %v (known %d)", r.Class, c.want, r.Known)
			}
		})
	}
}
