package model

import (
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// criticalHints are the hint ids mxtop_hint_active reports critical.
func criticalHints(t *testing.T, lines ...string) []string {
	t.Helper()
	eng := analyzers.NewEngine(0)
	for _, l := range lines {
		feedLine(eng, l)
	}
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}}
	sh.Tick(time.Date(2026, 12, 3, 10, 0, 5, 0, time.UTC))
	var out []string
	f := scrape(t, sh)["mxtop_hint_active"]
	if f == nil {
		return nil
	}
	for _, m := range f.Metric {
		labels := map[string]string{}
		for _, l := range m.Label {
			labels[l.GetName()] = l.GetValue()
		}
		if labels["severity"] == "critical" && m.Gauge.GetValue() == 1 {
			out = append(out, labels["id"])
		}
	}
	return out
}

// serve pages on a critical hint: a Subject a sender chose, or a remote
// server's reply, must not page anyone; this host's own line does.
func TestServeAlertsOnlyOnOwnWords(t *testing.T) {
	for _, line := range []string{
		"Dec  3 10:00:01 edge postfix/cleanup[300]: 3C81F20A7: warning: header Subject: Fw: build fails with Too many open files from mail.example.net[198.51.100.7]; from=<a@example.net> to=<c@example.org> proto=ESMTP helo=<mail.example.net>",
		"Dec  3 10:00:01 edge postfix/smtp[500]: 3C81F20B1: to=<ann@partner.example>, relay=in.partner.example[203.0.113.40]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=4.3.0, status=deferred (host in.partner.example[203.0.113.40] said: 451 4.3.0 Temporary failure: Too many open files (in reply to end of DATA command))",
		"Dec  3 10:00:01 edge postfix/smtp[501]: 3C81F20B2: to=<bob@partner.example>, relay=in.partner.example[203.0.113.40]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=4.3.2, status=deferred (host in.partner.example[203.0.113.40] refused to talk to me: 421 4.3.2 All server ports are busy)",
	} {
		if got := criticalHints(t, line); len(got) > 0 {
			t.Errorf("critical %v from %q", got, line)
		}
	}
	if got := criticalHints(t, "Dec  3 10:00:01 edge postfix/smtpd[400]: error: accept connection: Too many open files"); len(got) != 1 || got[0] != "ulimit" {
		t.Errorf("this host's own line: critical %v, want [ulimit]", got)
	}
}
