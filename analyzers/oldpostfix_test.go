package analyzers

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// oldPostfixHints are the hints of a log with a throttling destination
// (its transport missing from master.cf), an smtpd out of processes and
// TLS in use, written by the Postfix of started ("" for none) with
// mail_version as the configuration gives it ("" for none).
func oldPostfixHints(started, mailVersion string) map[string][]Hint {
	var lines []string
	if started != "" {
		lines = append(lines, stamp(0)+" mx postfix/master[1]: daemon started -- version "+started+", configuration /etc/postfix")
	}
	lines = append(lines, repeat(3, func(i int) string { return deliv(i+1, "big.example", "deferred", tooMany) })...)
	for _, sec := range []int{5, 1105} {
		lines = append(lines, stamp(sec)+` mx postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`)
	}
	e := feed(lines...)
	main := "smtp_tls_security_level = may\n"
	if mailVersion != "" {
		main += "mail_version = " + mailVersion + "\n"
	}
	e.SetConfig(configOf(main, "smtp inet n - n - 100 smtpd\nsmtp unix - - n - - smtp\n"))
	return hintIDs(e.Hints(true))
}

// A Postfix before 2.11 has no postconf -F, -P nor master.cf edits with
// -M: the change is said as the line or column to edit, the line a new
// transport needs comes before the commands that route mail to it, and
// --patch is given no change it would make with them.
func TestOldPostfixEditsMasterCfByHand(t *testing.T) {
	for _, v := range []struct{ started, mailVersion string }{{"2.10.1", ""}, {"", "2.10.1"}, {"3.7.11", "2.10.1"}} {
		ids := oldPostfixHints(v.started, v.mailVersion)
		for id, hs := range ids {
			for _, h := range hs {
				for _, a := range h.ActionSteps() {
					if a.Command && (strings.Contains(a.Text, "postconf -F") || strings.Contains(a.Text, "postconf -P") || strings.Contains(a.Text, "postconf -M '")) {
						t.Errorf("%v: %s: command for Postfix 2.11 or later: %s", v, id, a.Text)
					}
				}
				for _, c := range h.Changes {
					if c.Service != "" || c.Field != "" || c.ServiceParam != "" {
						t.Errorf("%v: %s: master.cf change offered: %+v", v, id, c)
					}
				}
			}
		}
		pl := ids["process_limit"]
		if len(pl) != 1 || !strings.Contains(strings.Join(pl[0].Actions, "\n"), `the 7th column (maxproc) of the line that starts "smtp inet" to 200`) {
			t.Errorf("%v: process_limit: %+v", v, pl)
		}
		dc := ids["destination_concurrency"]
		if len(dc) != 1 || len(dc[0].Steps) == 0 || dc[0].Steps[0].Command ||
			!strings.Contains(dc[0].Steps[0].Text, `the line "slow unix - - n - - smtp" to /etc/postfix/master.cf`) {
			t.Errorf("%v: destination_concurrency steps: %+v", v, dc)
		} else if len(dc[0].Changes) != 0 {
			t.Errorf("%v: destination_concurrency changes without its transport: %+v", v, dc[0].Changes)
		}
		cr := ids["connection_reuse"]
		if len(cr) != 1 || len(cr[0].Changes) != 0 || strings.Contains(strings.Join(cr[0].Actions, "\n"), "postconf -e") ||
			!strings.Contains(strings.Join(cr[0].Actions, "\n"), "Postfix 3.4 or later") {
			t.Errorf("%v: connection_reuse: %+v", v, cr)
		}
	}
}

// A Postfix of 2.11 or later, or one whose version neither the log nor
// the configuration gives, gets the postconf commands.
func TestNewOrUnknownPostfixKeepsPostconfEdits(t *testing.T) {
	for _, v := range []struct{ started, mailVersion string }{{"", ""}, {"2.11.0", ""}, {"2.10.1", "3.4.14"}} {
		ids := oldPostfixHints(v.started, v.mailVersion)
		want := map[string]string{
			"process_limit":           "postconf -F 'smtp/inet/process_limit = 200'",
			"destination_concurrency": "postconf -M 'slow/unix=slow unix - - n - - smtp'",
			"connection_reuse":        "postconf -M 'tlsproxy/unix=",
		}
		if v.started == "2.11.0" {
			// No reuse before 3.4 even where postconf edits master.cf.
			want["connection_reuse"] = "needs Postfix 3.4 or later"
		}
		for id, text := range want {
			if hs := ids[id]; len(hs) != 1 || !strings.Contains(strings.Join(hs[0].Actions, "\n"), text) {
				t.Errorf("%v: %s lacks %q: %+v", v, id, text, hs)
			}
		}
		if hs := ids["destination_concurrency"]; len(hs) == 1 && !hasChange(hs[0], "slow/unix") {
			t.Errorf("%v: destination_concurrency changes: %+v", v, hs[0].Changes)
		}
	}
}

func hasChange(h Hint, service string) bool {
	for _, c := range h.Changes {
		if c.Service == service {
			return true
		}
	}
	return false
}

// The pass over a hint's steps: each postconf form by the release it
// needs, sentences that name a form, and a parameter newer than the
// Postfix.
func TestFitVersionForms(t *testing.T) {
	h := Hint{Steps: []Action{
		cmd("postconf -M smtp   # the smtp entries"),
		cmd("postconf -P 'smtpd/inet/smtpd_client_connection_count_limit = 100'"),
		cmd("postconf -F proxymap/unix/process_limit"),
		cmd("postconf -P smtp/inet/smtpd_tls_security_level submission/inet/smtpd_tls_security_level   # the -o settings"),
		say("raise it (postconf -F 'smtp/unix/process_limit = N', then postfix reload)"),
		cmd("postconf -M 'dnsblog/unix=dnsblog unix - - n - 0 dnsblog'"),
		cmd("postfix reload"),
	}}
	got := fitVersion(h, "2.10.1", "/etc/postfix")
	want := []Action{
		say(`add the line "dnsblog unix - - n - 0 dnsblog" to /etc/postfix/master.cf with an editor, in place of any line that starts "dnsblog unix" (this Postfix, 2.10.1, is older than 2.11, whose postconf -M edits master.cf); do it first: what follows uses the service`),
		cmd("postconf -M smtp   # the smtp entries"),
		say(`in /etc/postfix/master.cf, under the line that starts "smtpd inet", add the line "  -o smtpd_client_connection_count_limit=100", or change the value of the -o smtpd_client_connection_count_limit= it has (this Postfix, 2.10.1, is older than 2.11, whose postconf -P edits master.cf)`),
		say(`read the 7th column (maxproc) of the line that starts "proxymap unix" in /etc/postfix/master.cf (this Postfix, 2.10.1, is older than 2.11, which brought postconf -F)`),
		say(`read the -o lines under the service lines in /etc/postfix/master.cf for smtp/inet/smtpd_tls_security_level, submission/inet/smtpd_tls_security_level (this Postfix, 2.10.1, is older than 2.11, which brought postconf -P): the -o settings`),
		say("raise it (postconf -F 'smtp/unix/process_limit = N', then postfix reload); this Postfix, 2.10.1, is older than 2.11, which brought postconf -F: read and change /etc/postfix/master.cf by hand instead"),
		cmd("postfix reload"),
	}
	if len(got.Steps) != len(want) {
		t.Fatalf("steps:\n%+v\nwant\n%+v", got.Steps, want)
	}
	for i := range want {
		if got.Steps[i] != want[i] {
			t.Errorf("step %d:\n%+v\nwant\n%+v", i, got.Steps[i], want[i])
		}
	}
	if !strings.HasPrefix(h.Steps[1].Text, "postconf -P") {
		t.Errorf("the hint's own steps changed: %+v", h.Steps)
	}
	// Before 2.9 postconf has no -M at all.
	if got := fitVersion(Hint{Steps: []Action{cmd("postconf -M smtp   # the smtp entries")}}, "2.8.12", "/etc/postfix"); got.Steps[0].Command {
		t.Errorf("2.8: %+v", got.Steps)
	}
	for _, v := range []string{"2.11.3", "3.10.1", "", "unknown"} {
		if got := fitVersion(h, v, "/etc/postfix"); len(got.Steps) != len(h.Steps) || got.Steps[1] != h.Steps[1] || got.Steps[5] != h.Steps[5] {
			t.Errorf("%q: %+v", v, got.Steps)
		}
	}
}

// postqueue -j came with Postfix 3.1: on an older Postfix a hint's
// commands select the queue ids from postqueue -p instead (the id is the
// first word of each message, with its '*', '!' and '#' marks), and its
// sentences name postqueue -p.
func TestFitVersionPostqueueJ(t *testing.T) {
	h := Hint{
		Steps: []Action{
			say("find out whether the mail is wanted (postqueue -j lists each message's sender; postsuper -d - takes their queue ids)"),
			cmd("postqueue -j | jq -r " + ShellQuote(`select(any(.recipients[]; .address | ascii_downcase | endswith("@gmail.example"))) | .queue_id`) + " | xargs -r -n 1 postqueue -i"),
			cmd("postqueue -j | jq -r " + ShellQuote(`select(any(.recipients[]; (.delay_reason // "") | contains("127.0.0.1[127.0.0.1]:10024"))) | .queue_id`) + " | xargs -r -n 1 postqueue -i"),
			cmd(`postqueue -j | jq -r 'select(.queue_name == "deferred") | .queue_id' | xargs -r -n 1 postqueue -i`),
		},
		Cautions: []string{"the bounces can be deleted (postqueue -j lists the null sender's messages)"},
	}
	got := fitVersion(h, "2.10.1", "/etc/postfix")
	want := []Action{
		say("find out whether the mail is wanted (postqueue -p lists each message's sender; postsuper -d - takes their queue ids)"),
		cmd(`postqueue -p | tail -n +2 | awk 'BEGIN { RS = "" } tolower($0) ~ /\n +[^ \n]*@gmail\.example(\n|$)/ { print $1 }' | tr -d '*!#' | xargs -r -n 1 postqueue -i`),
		cmd(`postqueue -p | tail -n +2 | awk 'BEGIN { RS = "" } index($0, "127.0.0.1[127.0.0.1]:10024") { print $1 }' | tr -d '*!#' | xargs -r -n 1 postqueue -i`),
		say("this Postfix, 2.10.1, is older than 3.1, which brought postqueue -j: take the queue ids from postqueue -p instead (the first word of each message, without its *, ! and # marks)"),
	}
	if len(got.Steps) != len(want) {
		t.Fatalf("steps:\n%+v\nwant\n%+v", got.Steps, want)
	}
	for i := range want {
		if got.Steps[i] != want[i] {
			t.Errorf("step %d:\n%+v\nwant\n%+v", i, got.Steps[i], want[i])
		}
	}
	if len(got.Cautions) != 1 || got.Cautions[0] != "the bounces can be deleted (postqueue -p lists the null sender's messages)" {
		t.Errorf("cautions %q", got.Cautions)
	}
	if !strings.HasPrefix(h.Steps[1].Text, "postqueue -j") || !strings.Contains(h.Cautions[0], "postqueue -j") {
		t.Errorf("the hint's own steps changed: %+v %q", h.Steps, h.Cautions)
	}
	for _, v := range []string{"3.1.0", "3.10.1", "", "unknown"} {
		if got := fitVersion(h, v, "/etc/postfix"); !slices.Equal(got.Steps, h.Steps) || !slices.Equal(got.Cautions, h.Cautions) {
			t.Errorf("%q: %+v %q", v, got.Steps, got.Cautions)
		}
	}

	// The command selects the messages with a recipient at the domain,
	// whatever its case, not those from a sender there or to a longer name.
	if _, err := exec.LookPath("awk"); err != nil {
		t.Skip("no awk")
	}
	listing := `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
1A2B3C4D5E*#     468 Sat Nov 28 11:13:08  ann@gmail.example
                                         a@other.example

2B3C4D5E6F!      471 Sat Nov 28 11:13:08  ann@example.net
(connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)
                                         b@Gmail.Example
                                         c@gmail.example.evil

3C4D5E6F7A#      471 Sat Nov 28 11:13:08  ann@example.net
                  (connect to mx.other.example[192.0.2.8]:25: Connection timed out)
                                         d@other.example
                                         e@gmail.example

4D5E6F7A8B       471 Sat Nov 28 11:13:08  ann@example.net
                                         f@gmail.example.evil

-- 2 Kbytes in 4 Requests.
`
	for i, ids := range map[int]string{1: "2B3C4D5E6F\n3C4D5E6F7A\n", 2: "2B3C4D5E6F\n"} {
		pipe, _, _ := strings.Cut(got.Steps[i].Text, " | xargs ")
		if !strings.HasPrefix(pipe, "postqueue -p | ") {
			continue // never run postqueue itself
		}
		c := exec.Command("sh", "-c", strings.Replace(pipe, "postqueue -p", "cat", 1))
		c.Stdin = strings.NewReader(listing)
		out, err := c.CombinedOutput()
		if err != nil || string(out) != ids {
			t.Errorf("step %d selects %q (%v), want %q", i, out, err, ids)
		}
	}
}
