package analyzers

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The expressions postfix_exporter matches lines with (Apache-2.0; its
// exporter source, kumina/postfix_exporter and the Hsn723 fork): the
// reference the hand matching must agree with.
var (
	refLogLine      = regexp.MustCompile(` ?(postfix|opendkim)(/(\w+))?\[\d+\]: ((?:(warning|error|fatal|panic): )?.*)`)
	refRelayDelays  = regexp.MustCompile(`, relay=(\S+), .*, delays=([0-9\.]+)/([0-9\.]+)/([0-9\.]+)/([0-9\.]+), `)
	refStatus       = regexp.MustCompile(`, status=(\w+) `)
	refDSN          = regexp.MustCompile(`, dsn=(\d\.\d+\.\d+)`)
	refQmgrInsert   = regexp.MustCompile(`:.*, size=(\d+), nrcpt=(\d+) `)
	refQmgrExpired  = regexp.MustCompile(`:.*, status=(expired|force-expired), returned to sender`)
	refPSConnReject = regexp.MustCompile(`^NOQUEUE: reject: CONNECT from \S+: (.+)$`)
)

// refCounts counts a line the exporter's way, with its expressions.
func refCounts(c *ExporterCounts, line string) {
	m := refLogLine.FindStringSubmatch(line)
	if m == nil || m[1] != "postfix" {
		return
	}
	rest := m[4]
	switch m[3] {
	case "smtp":
		if refRelayDelays.MatchString(rest) {
			if s := refStatus.FindStringSubmatch(rest); s != nil {
				c.SMTPStatus[s[1]]++
				if d := refDSN.FindStringSubmatch(rest); d != nil && s[1] == "deferred" {
					c.DeferredByDSN[d[1]]++
				}
			}
		}
	case "smtpd":
		if strings.HasPrefix(rest, "connect from ") {
			c.SmtpdConnects++
		} else if strings.HasPrefix(rest, "disconnect from ") {
			c.SmtpdDisconnects++
		}
	case "qmgr":
		if !refQmgrInsert.MatchString(rest) && !strings.HasSuffix(rest, ": removed") && refQmgrExpired.MatchString(rest) {
			c.QmgrExpired++
		}
	case "postscreen":
		if !strings.HasPrefix(rest, "CONNECT from ") {
			if r := refPSConnReject.FindStringSubmatch(rest); r != nil {
				c.PostscreenRejects[r[1]]++
			}
		}
	}
}

var exporterEdgeLines = []string{
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=mx.b.example[192.0.2.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 ok)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=none, delay=1, delays=0.1/0/0.5/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=none, delay=1, delays=0.1/0/0.5/0, dsn=4.4.1, status=deferred",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, dsn=5.1.10, status=bounced (no)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=, delays=1/2/3/4, status=sent (no)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x,y, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x\t, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4,, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=se-nt (a), status=sent (b)",
	"Nov 28 10:00:00 mx postfix/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, dsn=4.7, dsn=4.7.1, status=deferred (a)",
	"Nov 28 10:00:00 mx postfix/lmtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/error[1]: ABC: to=<a@b.example>, relay=none, delay=1, delays=1/2/3/4, status=deferred (a)",
	"Nov 28 10:00:00 mx postfix/slow/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix-out/smtp[1]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtp: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtp[]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 postfix postfix/smtp[12]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx opendkim[3]: x postfix/smtp[12]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx foo: postfix/smtp[12]: ABC: to=<a@b.example>, relay=x, delays=1/2/3/4, status=sent (a)",
	"Nov 28 10:00:00 mx postfix/smtpd[2]: connect from a[192.0.2.1]",
	"Nov 28 10:00:00 mx postfix/smtpd[2]: disconnect from a[192.0.2.1] ehlo=1 quit=1 commands=2",
	"Nov 28 10:00:00 mx postfix/submission/smtpd[2]: connect from a[192.0.2.1]",
	"Nov 28 10:00:00 mx postfix/smtpd[2]: warning: connect from a[192.0.2.1]",
	"Nov 28 10:00:00 mx postfix/qmgr[3]: ABC: from=<a@b.example>, status=expired, returned to sender",
	"Nov 28 10:00:00 mx postfix/qmgr[3]: ABC: from=<a@b.example>, status=force-expired, returned to sender",
	"Nov 28 10:00:00 mx postfix/qmgr[3]: ABC from=<a@b.example>, status=expired, returned to sender",
	"Nov 28 10:00:00 mx postfix/qmgr[3]: ABC: from=<a@b.example>, size=12, nrcpt=1 status=expired, returned to sender",
	"Nov 28 10:00:00 mx postfix/qmgr[3]: ABC: from=<a@b.example>, size=12, nrcpt=1 (queue active)",
	"Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from [192.0.2.1]:5678: too many connections",
	"Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from [192.0.2.1]:5678: all server ports are busy",
	"Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from [192.0.2.1]:5678:: x",
	"Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from [192.0.2.1]:5678: ",
	"Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from : x",
	"Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from x: y: z",
}

func newCountsForTest() ExporterCounts {
	return ExporterCounts{SMTPStatus: map[string]uint64{}, DeferredByDSN: map[string]uint64{}, PostscreenRejects: map[string]uint64{}}
}

// The hand matching counts exactly what the exporter's expressions count,
// on edge cases, the lab log and the corpus of real log lines.
func TestExporterCountsMatchItsExpressions(t *testing.T) {
	lines := append([]string{}, exporterEdgeLines...)
	files, _ := filepath.Glob("../../shared/corpus/*/*")
	files = append(files, "../testdata/lab/postfix-lab.log")
	more, _ := filepath.Glob("../../shared/corpus/*/*/*")
	files = append(files, more...)
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		if st, err := fh.Stat(); err != nil || st.IsDir() {
			fh.Close()
			continue
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "postfix") {
				lines = append(lines, sc.Text())
			}
		}
		fh.Close()
	}
	got, want := newCountsForTest(), newCountsForTest()
	for _, l := range lines {
		g, w := newCountsForTest(), newCountsForTest()
		g.Feed(l)
		refCounts(&w, l)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("line %q:\n got %+v\nwant %+v", l, g, w)
		}
		got.Feed(l)
		refCounts(&want, l)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("totals over %d lines:\n got %+v\nwant %+v", len(lines), got, want)
	}
	if want.SMTPStatus["sent"] == 0 || want.SmtpdConnects == 0 || want.QmgrExpired == 0 || len(want.PostscreenRejects) == 0 || len(want.DeferredByDSN) == 0 {
		t.Fatalf("the lines exercise too little: %+v", want)
	}
	t.Logf("%d lines: %+v", len(lines), got)
}

func FuzzExporterCounts(f *testing.F) {
	for _, l := range exporterEdgeLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		g, w := newCountsForTest(), newCountsForTest()
		g.Feed(line)
		refCounts(&w, line)
		// Label values past the bounds fold into "other"; one line adds one.
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("line %q:\n got %+v\nwant %+v", line, g, w)
		}
	})
}

func TestExporterCountsBounded(t *testing.T) {
	c := NewExporterCounts()
	for i := 0; i < 1000; i++ {
		c.Feed(fmt.Sprintf("Nov 28 10:00:00 mx postfix/postscreen[4]: NOQUEUE: reject: CONNECT from [192.0.2.1]:1: reason %d", i))
		c.Feed(fmt.Sprintf("Nov 28 10:00:00 mx postfix/smtp[1]: A: to=<a@b>, relay=x, delays=1/2/3/4, dsn=4.%d.%d, status=w%d (a)", i, i, i))
		c.Feed(fmt.Sprintf("Nov 28 10:00:00 mx postfix/smtp[1]: A: to=<a@b>, relay=x, delays=1/2/3/4, dsn=4.%d.%d, status=deferred (a)", i, i))
	}
	if len(c.PostscreenRejects) > maxPostscreenReasons+1 || len(c.SMTPStatus) > maxStatusWords+1 || len(c.DeferredByDSN) > maxDSNs+1 {
		t.Fatalf("unbounded: %d reasons, %d statuses, %d codes", len(c.PostscreenRejects), len(c.SMTPStatus), len(c.DeferredByDSN))
	}
	if c.PostscreenRejects["other"] != 1000-maxPostscreenReasons {
		t.Fatalf("other = %d", c.PostscreenRejects["other"])
	}
}

// BenchmarkExporterCounts matches the realistic mix as postfix_exporter
// does; one iteration is one line.
func BenchmarkExporterCounts(b *testing.B) {
	f, err := os.Open("../sources/testdata/bench-mix.log.gz")
	if err != nil {
		b.Fatal(err)
	}
	zr, _ := gzip.NewReader(f)
	data, _ := io.ReadAll(zr)
	f.Close()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	c := NewExporterCounts()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Feed(lines[i%len(lines)])
	}
}
