package model

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// The live view and serve rank hints as the report does, through the
// engine: an hour of 421s that stopped three hours before a milter began
// refusing every session ranks after the milter in the live view of the
// ended log (judged whole, as the report judges it), and serve, whose
// window holds only the milter's lines, puts the milter first too.
func TestLiveViewAndServeRankWhatGoesOnFirst(t *testing.T) {
	start := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
	type line struct {
		at   time.Time
		text string
	}
	var lines []line
	add := func(sec int, format string, args ...any) {
		at := start.Add(time.Duration(sec) * time.Second)
		lines = append(lines, line{at, at.Format("Jan _2 15:04:05") + " " + fmt.Sprintf(format, args...)})
	}
	for i := range 300 {
		s := i * 12
		add(s, "mx postfix/smtp[%d]: 5A%08X: to=<u%d@bigmail.example>, relay=mx1.bigmail.example[203.0.113.10]:25, delay=1.2, delays=0.1/0.9/0.2/0, dsn=4.7.0, status=deferred (host mx1.bigmail.example[203.0.113.10] refused to talk to me: 421 4.7.0 mx1.bigmail.example Error: too many connections from 192.0.2.25)", 5000+i%4, i, i)
	}
	for i := range 48 {
		s, client := i*300, fmt.Sprintf("out%d.sender.example[198.51.100.%d]", i%20, 101+i%20)
		add(s, "mx postfix/smtpd[%d]: connect from %s", 6100+i%5, client)
		add(s, "mx postfix/smtpd[%d]: 6B%08X: client=%s", 6100+i%5, i, client)
		add(s, "mx postfix/smtpd[%d]: disconnect from %s ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", 6100+i%5, client)
	}
	for i := range 60 {
		s, client := 4*3600+i*20, fmt.Sprintf("mail%d.example.org[198.51.100.%d]", i%40, 1+i%40)
		add(s, "mx postfix/smtpd[7301]: connect from %s", client)
		add(s, "mx postfix/smtpd[7301]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_OPTNEG reply packet header: Connection reset by peer")
		add(s, "mx postfix/smtpd[7301]: warning: milter inet:127.0.0.1:8891: read error in initial handshake")
		add(s, "mx postfix/smtpd[7301]: NOQUEUE: milter-reject: CONNECT from %s: 451 4.7.1 Service unavailable - try again later; proto=SMTP", client)
		add(s, "mx postfix/smtpd[7301]: disconnect from %s commands=0/0", client)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at.Before(lines[j].at) })
	eng := analyzers.NewEngine(0)
	for _, l := range lines {
		feedLine(eng, l.text)
	}
	rank := func(hs []analyzers.Hint, id string) int {
		for i, h := range hs {
			if h.ID == id {
				return i
			}
		}
		return -1
	}

	live := BuildData(eng, analyzers.SortErrorRate, "", nil, true).Hints
	milter, dest := rank(live, sources.HintDaemonCrash), rank(live, "destination_concurrency")
	if milter < 0 || dest < 0 || milter > dest {
		t.Errorf("live view of the ended log: milter at %d, the 421s at %d; want the milter first", milter, dest)
	}

	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}}
	sh.Tick(eng.Latest)
	if len(sh.Hints) == 0 || sh.Hints[0].ID != sources.HintDaemonCrash {
		var ids []string
		for _, h := range sh.Hints {
			ids = append(ids, h.ID)
		}
		t.Errorf("serve ranks %v, want the milter first", ids)
	}
}
