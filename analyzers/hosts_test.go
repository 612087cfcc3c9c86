package analyzers

import (
	"strings"
	"testing"
)

// A central syslog server's file holds several mail hosts' lines, whose
// counts and concurrency estimates merge: the report names the hosts
// and says so; one host's log says nothing of hosts.
func TestReportNamesTheHostsOfAMergedLog(t *testing.T) {
	var lines []string
	for i := range 6 {
		host := "mx1"
		if i%2 == 1 {
			host = "mx2"
		}
		lines = append(lines, strings.Replace(deliv(i, "example.net", "deferred", "host mx.example.net[198.51.100.10] said: 451 4.3.0 try later"), " mx postfix/", " "+host+" postfix/", 1))
	}
	rep := feed(lines...).Report(ReportOptions{Whole: true})
	if len(rep.Hosts) != 2 || rep.Hosts[0] != "mx1" || rep.Hosts[1] != "mx2" {
		t.Errorf("hosts %q, want mx1 and mx2", rep.Hosts)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "hosts: mx1, mx2") {
		t.Errorf("the text report does not name the hosts:\n%s", b.String()[:min(600, b.Len())])
	}
	one := feed(deliv(1, "example.net", "sent", "250 ok")).Report(ReportOptions{Whole: true})
	if len(one.Hosts) != 0 {
		t.Errorf("one host's log names hosts: %q", one.Hosts)
	}
}
