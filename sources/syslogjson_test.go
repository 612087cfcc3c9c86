package sources

import (
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// syslog-ng's format-json, as mailcow keeps Postfix's log in Redis: lower
// case names, "program" for the tag, "message" for the text after it and
// "time" in unix seconds.
func TestSyslogJSONRecord(t *testing.T) {
	const deferred = `7C1A2B3D4E: to=<ann@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=3, delays=0.1/0/2.9/0, dsn=4.7.0, status=deferred (host mx.example.org[192.0.2.25] refused to talk to me: 421 4.7.0 Too many connections)`
	msg := `"message":"` + deferred + `"`
	cases := []struct {
		name, line, time string
		pid              int
	}{
		{"unix seconds string", `{"time":"1795946404","priority":"info","program":"postfix/smtp",` + msg + `}`, "2026-11-29T10:00:04Z", 0},
		{"unix seconds number", `{"time":1795946404,"priority":"info","program":"postfix/smtp",` + msg + `}`, "2026-11-29T10:00:04Z", 0},
		{"unix seconds fraction", `{"time":"1795946404.250","program":"postfix/smtp",` + msg + `}`, "2026-11-29T10:00:04.25Z", 0},
		{"rfc3339", `{"time":"2026-11-29T11:00:04+01:00","program":"postfix/smtp",` + msg + `}`, "2026-11-29T10:00:04Z", 0},
		{"pid field", `{"time":"1795946404","program":"postfix/smtp","pid":"4321",` + msg + `}`, "2026-11-29T10:00:04Z", 4321},
		{"pid number", `{"time":"1795946404","program":"postfix/smtp","pid":4321,` + msg + `}`, "2026-11-29T10:00:04Z", 4321},
		{"pid in program", `{"time":"1795946404","program":"postfix/smtp[4321]",` + msg + `}`, "2026-11-29T10:00:04Z", 4321},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			if r.Event != EvDelivery || r.Status != StatusDeferred {
				t.Fatalf("event %v status %v (%s), want a deferred delivery", r.Event, r.Status, r.Reason)
			}
			if r.Program != "postfix/smtp" || r.Daemon != "smtp" || r.QueueID != "7C1A2B3D4E" || r.PID != c.pid {
				t.Errorf("program %q daemon %q queue id %q pid %d", r.Program, r.Daemon, r.QueueID, r.PID)
			}
			if got := r.Time.UTC().Format(time.RFC3339Nano); got != c.time {
				t.Errorf("time %s, want %s", got, c.time)
			}
		})
	}
}

// A JSON object that names no program is read as the message alone: a
// queue id before the colon is no program's name.
func TestJSONWithoutProgram(t *testing.T) {
	for _, line := range []string{
		`{"time":"1795946404","message":"7C1A2B3D4E: to=<ann@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.25]:25: Connection timed out)"}`,
		`{"__REALTIME_TIMESTAMP":"1795946404000000","MESSAGE":"7C1A2B3D4E: to=<ann@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.25]:25: Connection timed out)"}`,
	} {
		// A writer that named itself nowhere: its text, shaped like
		// Postfix's, is not taken for Postfix's, and its queue id is
		// no program's name.
		r := parse(line)
		if r.Program != "" || r.Event != EvOther || r.Status != StatusNone {
			t.Errorf("%s: program %q queue id %q event %v status %v (%s)", line, r.Program, r.QueueID, r.Event, r.Status, r.Reason)
		}
		if r.Time.IsZero() {
			t.Errorf("%s: no time", line)
		}
	}
	// A message that carries its tag still gives the program.
	r := parse(`{"MESSAGE":"postfix/qmgr[88]: 7C1A2B3D4E: removed"}`)
	if r.Program != "postfix/qmgr" || r.PID != 88 || r.Event != EvRemoved {
		t.Errorf("tagged message: program %q pid %d event %v", r.Program, r.PID, r.Event)
	}
}

// mailcow's API returns the records as one JSON array, compact or
// indented: the log reader hands each element over as a line of its own.
func TestJSONArrayLog(t *testing.T) {
	const a = `{"time":"1795946404","priority":"info","program":"postfix/qmgr","message":"7C1A2B3D4E: removed"}`
	const b = `{"time":"1795946405","priority":"info","program":"postfix/smtpd","message":"connect from unknown[192.0.2.7]"}`
	for name, in := range map[string]string{
		"compact":  "[" + a + "," + b + "]",
		"indented": "[\n {\n  \"time\": \"1795946404\",\n  \"priority\": \"info\",\n  \"program\": \"postfix/qmgr\",\n  \"message\": \"7C1A2B3D4E: removed\"\n },\n " + b + "\n]\n",
	} {
		rc, err := OpenLogReader("api.json", strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		lr := NewLineReader(rc)
		var events []Event
		for {
			line, ok := lr.Next()
			if !ok {
				break
			}
			events = append(events, parse(string(line)).Event)
		}
		if lr.Err() != nil {
			t.Errorf("%s: %v", name, lr.Err())
		}
		if len(events) != 2 || events[0] != EvRemoved || events[1] != EvConnect {
			t.Errorf("%s: events %v, want removed and connect", name, events)
		}
	}
	// A text log whose lines open with '[' is read as it is.
	const text = "[2026-11-28 08:00:04] mx postfix/qmgr[1]: 7C1A2B3D4E: removed\n"
	rc, err := OpenLogReader("mail.log", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(rc); string(got) != text {
		t.Errorf("text log read as %q", got)
	}
}

// An array element that is malformed, or the array cut short, costs that
// element alone: the others are read, the bad one is an unreadable line.
// An element of any size is streamed, never held whole.
func TestJSONArrayBadElements(t *testing.T) {
	const good = `{"time":"1795946404","program":"postfix/qmgr","message":"7C1A2B3D4E: removed"}`
	read := func(in io.Reader) (lines []string, err error) {
		rc, err := OpenLogReader("api.json", in)
		if err != nil {
			return nil, err
		}
		lr := NewLineReader(rc)
		for {
			line, ok := lr.Next()
			if !ok {
				break
			}
			lines = append(lines, string(line))
		}
		return lines, lr.Err()
	}
	for name, in := range map[string]string{
		"malformed": "[" + good + `,{"time":"1","program" "postfix/qmgr"},` + good + "]",
		"cut":       "[" + good + "," + good + `,{"time":"17959`,
	} {
		lines, err := read(strings.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		var removed, invalid int
		for _, l := range lines {
			switch parse(l).Event {
			case EvRemoved:
				removed++
			case EvInvalid:
				invalid++
			}
		}
		if removed != 2 || invalid != 1 {
			t.Errorf("%s: %d read, %d unreadable, want 2 and 1: %q", name, removed, invalid, lines)
		}
	}
	// 64 MiB in one string: streamed, not held.
	huge := io.MultiReader(strings.NewReader(`[{"program":"postfix/qmgr","message":"`), io.LimitReader(zeros{}, 64<<20), strings.NewReader(`"},`+good+"]"))
	rc, err := OpenLogReader("api.json", huge)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n, err := io.Copy(io.Discard, rc)
	runtime.ReadMemStats(&after)
	if err != nil || n < 64<<20 {
		t.Fatalf("huge element: %d bytes, %v", n, err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
		t.Errorf("a 64 MiB element allocated %d KiB", grown>>10)
	}
}

// zeros reads as endless 'a's.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}
