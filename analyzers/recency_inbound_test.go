package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// processLimitBurst is the master's warnings that service smtp (port 25)
// ran out of processes, n of them from sec, one every 1000 s (the most
// the master logs).
func processLimitBurst(sec, n int) []timedLine {
	var out []timedLine
	for i := range n {
		s := sec + i*1000
		out = append(out, timedLine{s, fmt.Sprintf(`%s mx postfix/master[1001]: warning: service "smtp" (25) has reached its process limit "100": new clients may be delayed`, stamp(s))})
	}
	return out
}

// concurrencyRefusals is n refusals of smtpd's per-client connection
// limit for service, one every step seconds from sec, of clients of one
// /24.
func concurrencyRefusals(service string, sec, n, step int) []timedLine {
	var out []timedLine
	for i := range n {
		s := sec + i*step
		out = append(out, timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection concurrency limit exceeded: 51 from unknown[203.0.113.%d] for service %s", stamp(s), 4100+i%7, 10+i%3, service)})
	}
	return out
}

// The inbound hints know when their trouble was last seen, as the
// outbound ones do: a process limit or a client limit whose warnings
// stopped hours before the log's end says so and ranks after a problem
// of its severity that still goes on, and one that goes on to the end
// keeps its place by volume.
func TestInboundHintsRankByRecency(t *testing.T) {
	const hour = 3600
	cases := []struct {
		name     string
		id       string
		subject  string // the hint's subject, when several of id come
		old, now [][]timedLine
		over     bool
	}{
		{
			name: "process limit long over",
			id:   "process_limit",
			old:  [][]timedLine{processLimitBurst(0, 4)},
			now:  [][]timedLine{milterSessions(5*hour, 40, 20, false)},
			over: true,
		},
		{
			name: "process limit now",
			id:   "process_limit",
			old:  [][]timedLine{milterSessions(0, 40, 20, false), acceptedSessions(20*60, 10, 60)},
			now:  [][]timedLine{processLimitBurst(5*hour-3000, 4)},
		},
		{
			name: "client limit long over",
			id:   "inbound_limits",
			old:  [][]timedLine{concurrencyRefusals("smtp", 0, 400, 9)},
			now:  [][]timedLine{milterSessions(5*hour, 40, 20, false)},
			over: true,
		},
		{
			// The same refusals, and fewer of another service's that
			// go on to the end: the service refused now ranks first.
			name:    "one service's refusals over, another's now",
			id:      "inbound_limits",
			subject: "smtp",
			old:     [][]timedLine{concurrencyRefusals("smtp", 0, 400, 9)},
			now:     [][]timedLine{concurrencyRefusals("submission", 5*hour, 60, 20)},
			over:    true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hs := feed(inLogOrder(append(tc.old, tc.now...)...)...).Hints(true)
			i, h := rankOf(t, hs, tc.id)
			for j, o := range hs {
				if tc.subject != "" && o.ID == tc.id && o.Subject == tc.subject {
					i, h = j, o
				}
			}
			ev := strings.Join(h.Evidence, "\n")
			if said := strings.Contains(ev, "no line of it since"); said != tc.over {
				t.Errorf("%s hint says it stopped: %v, want %v\n%s", tc.id, said, tc.over, ev)
			}
			for j, o := range hs {
				if o.Severity != h.Severity || o.Subject == h.Subject || !tc.over {
					continue
				}
				// Only a hint with less volume tells recency ranked it.
				if j > i && o.Impact < h.Impact {
					t.Errorf("%s %s, over for hours, ranks before %s %s of its severity that goes on:\n%s", tc.id, h.Subject, o.ID, o.Subject, strings.Join(rankedList(hs), "\n"))
				}
			}
		})
	}
}
