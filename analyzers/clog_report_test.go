package analyzers

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// qmgr's clog warning is a line of the log: the report's queue section
// shows it whether or not a queue was read, and without a reading it
// claims no queue counts (no time, command or zero counts).
func TestClogWarningsShowWithoutAQueue(t *testing.T) {
	const clog = "mail for gmail.com is using up 4001 of 20000 active queue entries"
	e := feed(stamp(1)+" mx postfix/qmgr[5]: warning: "+clog,
		stamp(2)+" mx postfix/qmgr[5]: warning: please avoid flushing the whole queue when you have",
		stamp(3)+" mx postfix/qmgr[5]: warning: lots of deferred mail, that is bad for performance")
	rep := e.Report(ReportOptions{Whole: true, GeneratedAt: t0})
	if rep.Queue == nil || len(rep.Queue.Clog) != 1 || rep.Queue.Clog[0] != clog {
		t.Fatalf("queue section %+v, want the clog warning", rep.Queue)
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return rep.WriteText(b) },
		"markdown": func(b *bytes.Buffer) error { return rep.WriteMarkdown(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		i := strings.Index(strings.ToLower(out), "queue\n")
		if i < 0 || !strings.Contains(out[i:], clog) {
			t.Errorf("%s: no queue section with the clog warning:\n%s", name, out)
		}
		if strings.Contains(out, "maildrop 0") || strings.Contains(out, "0001-01-01") {
			t.Errorf("%s: queue counts shown without a queue reading:\n%s", name, out)
		}
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Queue map[string]json.RawMessage `json:"queue"`
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if _, ok := back.Queue["clog_warnings"]; !ok || len(back.Queue) != 1 {
		t.Errorf("JSON queue %s, want clog_warnings alone", js[bytes.Index(js, []byte(`"queue"`)):][:200])
	}
}
