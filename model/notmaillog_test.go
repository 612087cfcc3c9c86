package model

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// A file that is not a mail log (the passwd file, dpkg's log) is said to
// be one, not reported as a quiet server with its log "ok"; the lab's
// log, lines pasted bare and a paste whose program tags lost their pids
// stay ok (an empty file is said to be empty: TestReportSaysTheLogIsEmpty).
func TestReportSaysWhenTheFileIsNoMailLog(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"passwd":  "root:x:0:0:root:/root:/bin/bash\npostfix:x:102:105::/var/spool/postfix:/usr/sbin/nologin\n",
		"dpkg":    "2026-11-30 14:13:11 install postfix:amd64 <none> 3.7.11-0+deb12u1\n2026-11-30 14:13:33 configure postfix:amd64 3.7.11-0+deb12u1 <none>\n",
		"pasted":  "warning: database /etc/postfix/transport.db is older than source file /etc/postfix/transport\n",
		"nopid":   "postfix/smtpd: generic_checks: name=reject\npostfix/smtpd: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 554 5.7.1 <ann@example.org>: Recipient address rejected: Access denied; from=<bob@example.net> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>\n",
		"mailone": "Nov 28 10:57:03 mx1 postfix/qmgr[812]: B5055ED921: removed\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		log  string
		want sources.Health
	}{
		{filepath.Join(dir, "passwd"), sources.HealthDegraded},
		{filepath.Join(dir, "dpkg"), sources.HealthDegraded},
		{filepath.Join(dir, "pasted"), sources.HealthOK},
		{filepath.Join(dir, "nopid"), sources.HealthOK},
		{filepath.Join(dir, "mailone"), sources.HealthOK},
		{"../testdata/lab/postfix-lab.log", sources.HealthOK},
	} {
		o := Options{Logs: []string{tc.log}, Year: 2026, PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt"}
		res, err := RunReport(context.Background(), o, nil)
		if err != nil {
			t.Fatal(err)
		}
		st := res.States[0]
		if st.Source != "log" || st.Health != tc.want {
			t.Errorf("%s: log state %v %q, want %v", filepath.Base(tc.log), st.Health, st.Detail, tc.want)
		}
		if tc.want == sources.HealthDegraded && !strings.Contains(st.Detail, "is it the mail log?") {
			t.Errorf("%s: detail %q", filepath.Base(tc.log), st.Detail)
		}
	}
}

// The live view and serve say the same of a followed file with lines and
// none from Postfix, and give the source's own state back at the first
// Postfix line.
func TestLiveLogWithoutPostfixLines(t *testing.T) {
	in := &ingest{eng: analyzers.NewEngine(0), states: map[string]sources.SourceState{}}
	var bad []sources.SourceState
	in.turnedBad = func(s sources.SourceState) { bad = append(bad, s) }
	p := sources.NewParser()
	parse := func(lines ...string) []sources.Record {
		recs := make([]sources.Record, len(lines))
		for i, l := range lines {
			p.Parse(l, &recs[i])
		}
		return recs
	}
	following := sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "following /etc/passwd"}
	in.batch(sources.LogBatch{State: &following, Records: parse("root:x:0:0:root:/root:/bin/bash", "postfix:x:102:105::/var/spool/postfix:/usr/sbin/nologin")})
	if st := in.states["log"]; st.Health != sources.HealthDegraded || !strings.Contains(st.Detail, "none of its 2 lines is from Postfix") {
		t.Fatalf("log state %v %q", st.Health, st.Detail)
	}
	if len(bad) != 1 {
		t.Errorf("the screen heard of it %d times", len(bad))
	}
	in.batch(sources.LogBatch{Records: parse("daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin")})
	if len(bad) != 1 {
		t.Errorf("told again on the next batch: %v", bad)
	}
	in.batch(sources.LogBatch{Records: parse("Nov 28 10:57:03 mx1 postfix/qmgr[812]: B5055ED921: removed")})
	if st := in.states["log"]; st != following {
		t.Errorf("after a Postfix line: %+v, want the source's own %+v", st, following)
	}
}

// emptyJournal is a host whose journalctl finds no Postfix entry.
type emptyJournal struct{ sourcestest.FakeExec }

func (e *emptyJournal) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	if name == "journalctl" {
		return io.NopCloser(strings.NewReader("")), nil
	}
	return e.FakeExec.Stream(ctx, merge, name, args...)
}

// A report of a journal with no Postfix entry does not call its log ok:
// it says none was found, and, to a user outside the journal's groups,
// what lets them read it.
func TestReportOfJournalWithoutPostfix(t *testing.T) {
	t.Setenv("MXTOP_JOURNAL_READER", "journalctl")
	t.Cleanup(func(old func() bool) func() { return func() { sources.MayReadSystemJournal = old } }(sources.MayReadSystemJournal))
	for _, may := range []bool{true, false} {
		sources.MayReadSystemJournal = func() bool { return may }
		o := Options{Journal: true, Since: time.Hour, Exec: &emptyJournal{}, PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt"}
		res, err := RunReport(context.Background(), o, nil)
		if err != nil {
			t.Fatal(err)
		}
		st := res.States[0]
		if st.Health != sources.HealthDegraded || !strings.Contains(st.Detail, "no Postfix entries in the last 1h0m0s") {
			t.Errorf("log state %v %q", st.Health, st.Detail)
		}
		if told := strings.Contains(st.Detail, "usermod -aG systemd-journal"); told == may {
			t.Errorf("may read the journal %v: %q", may, st.Detail)
		}
	}
}

// A followed mail.log carries dovecot's, amavis' and opendkim's lines too,
// and a quiet Postfix may write none for a while: a few other programs'
// syslog lines are no reason to doubt the file. Many, with not one from
// Postfix, are.
func TestLiveMailLogOfOtherProgramsIsNoAlarm(t *testing.T) {
	in := &ingest{eng: analyzers.NewEngine(0), states: map[string]sources.SourceState{}}
	var bad []sources.SourceState
	in.turnedBad = func(s sources.SourceState) { bad = append(bad, s) }
	p := sources.NewParser()
	line := func(i int) sources.Record {
		var r sources.Record
		p.Parse(fmt.Sprintf("Nov 28 10:57:%02d mx1 dovecot: imap-login: Login: user=<u%d@example.org>, method=PLAIN, rip=192.0.2.%d, lip=192.0.2.1, mpid=%d, TLS", i%60, i, i%250, 1000+i), &r)
		return r
	}
	following := sources.SourceState{Source: "log", Health: sources.HealthOK, Detail: "following /var/log/mail.log"}
	recs := make([]sources.Record, 0, 50)
	for i := range 50 {
		recs = append(recs, line(i))
	}
	in.batch(sources.LogBatch{State: &following, Records: recs})
	if st := in.states["log"]; st.Health != sources.HealthOK || len(bad) != 0 {
		t.Fatalf("50 dovecot lines in a followed mail.log: %v %q", st.Health, st.Detail)
	}
	recs = recs[:0]
	for i := range noPostfixLiveLines {
		recs = append(recs, line(i))
	}
	in.batch(sources.LogBatch{Records: recs})
	if st := in.states["log"]; st.Health != sources.HealthDegraded {
		t.Fatalf("%d lines and none from Postfix: %v %q", noPostfixLiveLines+50, st.Health, st.Detail)
	}
}

// A --since window that holds no line of the log is said to be empty,
// with the time of the log's last line, not reported as a quiet log whose
// lines "carry no time".
func TestReportSaysWhenTheWindowHoldsNoLine(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	o := Options{Logs: []string{"../testdata/lab/postfix-lab.log"}, Year: 2026, Since: time.Hour,
		PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt",
		Now: func() time.Time { return now }}
	res, err := RunReport(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Engine.Lines != 0 {
		t.Fatalf("%d lines in the window", res.Engine.Lines)
	}
	st := res.States[0]
	// Both times in one zone, named: a log of RFC 3339 stamps is read in
	// UTC, the window in this host's zone.
	want := "no line since 2026-12-03 11:00 UTC (--since 1h); its last line is from 2026-11-28 11:14 UTC"
	if st.Health != sources.HealthDegraded || !strings.Contains(st.Detail, want) {
		t.Errorf("log state %v %q, want degraded with %q", st.Health, st.Detail, want)
	}
	for _, s := range res.States[1:] {
		if strings.Contains(s.Detail, "carry no time") {
			t.Errorf("%s: %q", s.Source, s.Detail)
		}
	}
}

// An empty log file (mail.log just after its rotation, a name mistyped)
// is said to be empty, not reported as a quiet mail server.
func TestReportSaysTheLogIsEmpty(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "mail.log")
	os.WriteFile(empty, nil, 0o644)
	o := Options{Logs: []string{empty}, PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt",
		QueueFile: "../testdata/lab/postqueue-j.jsonl"}
	res, err := RunReport(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st := res.States[0]; st.Health != sources.HealthDegraded || !strings.Contains(st.Detail, "empty") {
		t.Errorf("log state %v %q, want degraded and empty", st.Health, st.Detail)
	}
}

// A report's window ends at its log's last line, not at one line dated
// past now (a host whose clock ran ahead): that line is counted apart.
func TestReportLeavesALineDatedAheadOut(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	log := filepath.Join(t.TempDir(), "mail.log")
	os.WriteFile(log, []byte("2026-12-03T10:00:00.000000+00:00 mx1 postfix/qmgr[1]: 4A1B2C3D4E: removed\n"+
		"2027-06-01T00:00:00.000000+00:00 mx9 postfix/qmgr[1]: 4A1B2C3D4F: removed\n"+
		"2026-12-03T10:05:00.000000+00:00 mx1 postfix/qmgr[1]: 4A1B2C3D40: removed\n"), 0o644)
	o := Options{Logs: []string{log}, PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt",
		QueueFile: "../testdata/lab/postqueue-j.jsonl", Now: func() time.Time { return now }}
	res, err := RunReport(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 3, 10, 5, 0, 0, time.UTC); !res.Engine.Latest.Equal(want) || res.Engine.Ahead != 1 {
		t.Errorf("latest %v, ahead %d", res.Engine.Latest, res.Engine.Ahead)
	}
}
