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
