package analyzers

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"mxtop/sources"
)

// longDeferral is attempt j at a message for domain i, deferred with a
// multi-line reply of about n bytes as Postfix joins it: every line's
// reply differs, as a server's with a session id or a counter does.
func longDeferral(i, j, n int) string {
	ip := fmt.Sprintf("198.51.100.%d", i%250+1)
	var reply strings.Builder
	for k := 0; reply.Len() < n; k++ {
		fmt.Fprintf(&reply, "421-4.7.28 [%s %d-%d-%d] Our system has detected an unusual rate of unsolicited mail originating from your IP address. ", ip, i, j, k)
	}
	return fmt.Sprintf("Mar  3 10:%02d:%02d mx1 postfix/smtp[%d]: %X: to=<user%d@d%d.example>, relay=mx.d%d.example[%s]:25, delay=%d, delays=0.1/0/0.3/0.2, dsn=4.7.28, status=deferred (host mx.d%d.example[%s] said: %s421 4.7.28 try again later - gsmtp (in reply to end of DATA command))",
		j, i%60, 2000+i%3000, 0x100000000+i*16+j, j, i, i, ip, 10+j, i, ip, reply.String())
}

// liveHeap is the heap still reachable after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// A destination's state stays small however long the replies it defers
// with: a remote server writes most of a line (up to 64 KiB), and 5,000
// destinations each deferring with 8 KB replies made a report of 780 MB.
func TestLongRepliesKeepBoundedMemory(t *testing.T) {
	const domains, tries = 1000, 8
	p := newParser()
	e := NewEngine(0)
	recs := make([]sources.Record, 1)
	before := liveHeap()
	for j := range tries {
		for i := range domains {
			recs[0] = sources.Record{}
			p.Parse(longDeferral(i, j, 8000), &recs[0])
			e.FeedAll(recs, nil)
		}
	}
	grown := liveHeap() - before
	if e.Dest.Len() != domains {
		t.Fatalf("%d destinations tracked, want %d", e.Dest.Len(), domains)
	}
	// A destination's counters and rings take a few KiB, its kept lines
	// (recent ones, the last reply, the last of each class) a few more.
	per := grown / domains
	t.Logf("%d bytes a destination", per)
	if per > 16<<10 {
		t.Errorf("the state grew by %d bytes a destination with 8 KB replies, want at most %d", per, 16<<10)
	}
	runtime.KeepAlive(e)
}

// A long text is kept as its start and end around a visible mark, within
// maxKeptText bytes, cut at characters' starts; a text that fits is kept
// as it is, in memory of its own.
func TestKeepTextCutsTheMiddle(t *testing.T) {
	short := "host mx.a.example[192.0.2.1] said: 421 4.7.0 Try again later (in reply to RCPT TO command)"
	buf := []byte(short)
	kept := keepText(string(buf))
	copy(buf, strings.Repeat("X", len(buf)))
	if kept != short {
		t.Errorf("a short text kept as %q", kept)
	}
	for _, filler := range []string{"x", "é", "日本"} {
		head, end := "host mx.b.example[192.0.2.2] said: 550-5.7.1 ", " (in reply to end of DATA command)"
		long := head + strings.Repeat(filler, 9000) + end
		got := keepText(long)
		if len(got) > maxKeptText || !utf8.ValidString(got) || !strings.Contains(got, cutMark) {
			t.Errorf("%q filler: %d bytes, valid UTF-8 %v, mark %v", filler, len(got), utf8.ValidString(got), strings.Contains(got, cutMark))
		}
		if !strings.HasPrefix(got, head) || !strings.HasSuffix(got, end) {
			t.Errorf("%q filler: start or end lost: %.60q … %.60q", filler, got, got[max(0, len(got)-60):])
		}
		if len(got) < maxKeptText-len(cutMark)-8 {
			t.Errorf("%q filler: kept only %d bytes", filler, len(got))
		}
	}
}

// A destination deferring with a long reply shows the reply's start and
// end in the report, marked where it was cut, still sanitised, and its
// hint still comes from it.
func TestLongReplyReportedCut(t *testing.T) {
	p := newParser()
	e := NewEngine(0)
	for j := range 3 {
		var r sources.Record
		p.Parse(strings.Replace(longDeferral(7, j, 8000), "Our system", "Our \x1b[2Jsystem", 1), &r)
		e.Feed(&r)
	}
	rep := e.Report(ReportOptions{Whole: true, LogLines: 10, GeneratedAt: t0})
	var b strings.Builder
	rep.WriteText(&b)
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Error("an escape reached the report")
	}
	var reply string
	for _, l := range strings.Split(out, "\n") {
		if _, r, ok := strings.Cut(l, "last reply: "); ok {
			reply = r
		}
	}
	if !strings.HasPrefix(reply, "host mx.d7.example[198.51.100.8] said: 421-4.7.28 ") || !strings.HasSuffix(reply, "gsmtp (in reply to end of DATA command)") || !strings.Contains(reply, cutMark) {
		t.Errorf("last reply %q", reply)
	}
	if len(reply) > 2*maxKeptText {
		t.Errorf("last reply of %d bytes", len(reply))
	}
	found := false
	for _, h := range rep.Hints {
		if h.ID == "blocklist" {
			found = len(h.Samples) > 0
		}
	}
	if !found {
		t.Errorf("no blocklist hint with samples; report:\n%.1500s", out)
	}
}
