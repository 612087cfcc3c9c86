package analyzers

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// A delivery whose recipient has no domain (to=<root>) is shown by what
// the record knows: local delivery for local, pipe and virtual, else the
// relay; never a placeholder.
func TestNoDomainLabel(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{`Dec  1 10:00:05 mx postfix/local[1238]: 4ABC12349: to=<root>, relay=local, delay=0.3, delays=0.1/0/0/0.2, dsn=5.2.0, status=bounced (cannot append message to file /root/log: Permission denied)`, "(local delivery)"},
		{`Dec  1 10:00:05 mx postfix/pipe[1238]: 4ABC12349: to=<list>, relay=mailman, delay=0.3, delays=0.1/0/0/0.2, dsn=4.3.0, status=deferred (temporary failure. Command output: no such list )`, "(local delivery)"},
		{`Dec  1 10:00:05 mx postfix/smtp[1238]: 4ABC12349: to=<bob>, relay=smtp.example.net[192.0.2.5]:25, delay=0.3, delays=0.1/0/0/0.2, dsn=5.1.1, status=bounced (host smtp.example.net[192.0.2.5] said: 550 5.1.1 <bob>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command))`, "smtp.example.net"},
	} {
		e := feed(tc.line)
		rep := e.Report(ReportOptions{Whole: true, GeneratedAt: time.Date(2026, 12, 1, 11, 0, 0, 0, time.UTC)})
		var b bytes.Buffer
		if err := rep.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, NoDomain) {
			t.Errorf("the report shows %s for %s:\n%s", NoDomain, tc.line, out)
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("the report does not show %s for %s", tc.want, tc.line)
		}
	}
}

// A throttling reply quoted without its delivery record's to= names no
// destination: the hint says so instead of calling the name invalid, and
// suggests no command.
func TestUnnamedDestinationSaysSo(t *testing.T) {
	e := feed(`status=deferred (host mx1.example.net[192.0.2.35] said: 421 4.7.0 Too many messages from your IP, try again later (in reply to MAIL FROM command))`)
	var found bool
	for _, h := range e.Hints(true) {
		if h.ID != "rate_delay" {
			continue
		}
		found = true
		var says []string
		for _, a := range h.Steps {
			if a.Command && strings.Contains(a.Text, "transport") {
				t.Errorf("a command for an unnamed destination: %s", a.Text)
			}
			says = append(says, a.Text)
		}
		if text := strings.Join(says, "\n"); strings.Contains(text, notADomain) || !strings.Contains(text, "name no recipient domain") {
			t.Errorf("actions:\n%s", text)
		}
	}
	if !found {
		t.Fatalf("no rate_delay hint: %+v", e.Hints(true))
	}
}
