package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// FuzzEngine feeds arbitrary log text, line by line, to the analyzers and
// builds hints and both reports: none of it may panic.
func FuzzEngine(f *testing.F) {
	f.Add("Nov 28 11:13:08 lab postfix/smtp[6296]: 40634C026D: to=<4user@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, delay=0.21, delays=0.01/0.17/0.03/0, dsn=4.7.0, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.throttled.example Error: too many connections from 127.0.0.1)")
	f.Add("Nov 28 11:13:12 lab postfix/master[6229]: warning: service \"smtpd\" (private/smtpd) has reached its process limit \"5\": new clients\nNov 28 11:14:08 lab postfix/anvil[6295]: statistics: max connection rate 37/60s for (127.0.0.1:2526:127.0.0.1) at Nov 28 11:13:48")
	f.Add("Nov 28 11:13:08 lab postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix\nNov 28 11:20:08 lab postfix/master[1]: reload -- version 3.9.0, configuration /etc/postfix\nNov 28 11:21:00 h postfix/qmgr[1]: warning: mail for x is using up 9 of 10 active queue entries")
	f.Fuzz(func(t *testing.T, text string) {
		e := NewEngine(3)
		p := sources.NewParser()
		var r sources.Record
		for _, line := range strings.Split(text, "\n") {
			p.Parse(line, &r)
			e.Feed(&r)
		}
		e.Hints(false)
		rep := e.Report(ReportOptions{Whole: true, LogLines: 10})
		var b strings.Builder
		if err := rep.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteMarkdown(&b); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsRune(b.String(), 0x1b) {
			t.Fatal("escape in a report")
		}
	})
}
