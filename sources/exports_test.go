package sources

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// exportPlain is a log the export forms below are made of: its lines as
// the mail server wrote them.
var exportPlain = []string{
	`Nov 28 04:00:00 mx1 postfix/smtpd[2101]: connect from mail.example.net[198.51.100.7]`,
	`Nov 28 04:00:01 mx1 postfix/smtpd[2101]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.1.8 <x@bad.example>: Sender address rejected: Domain not found; from=<x@bad.example> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>`,
	`Nov 28 04:00:02 mx1 postfix/qmgr[880]: 4A1B2C3D4E: from=<bob@example.org>, size=1234, nrcpt=1 (queue active)`,
	`Nov 28 04:00:03 mx1 postfix/smtp[2202]: 4A1B2C3D4E: to=<ann@example.com>, relay=mx.example.com[192.0.2.25]:25, delay=3, delays=0.1/0/2.9/0, dsn=4.7.0, status=deferred (host mx.example.com[192.0.2.25] said: 421 4.7.0 "Too many" connections, try later (in reply to MAIL FROM command))`,
	`Nov 28 04:00:04 mx1 postfix/smtp[2202]: warning: TLS library problem: error:0A000086:SSL routines::certificate verify failed`,
	`Nov 28 04:00:05 mx2 postfix/submission/smtpd[77]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: authentication failure, sasl_username=ann`,
	`Nov 28 04:00:06 mx1 postfix/qmgr[880]: 4A1B2C3D4E: removed`,
}

// exportFields splits a plain line into what an export keeps of it.
type exportFields struct {
	line, stamp, host, prog, msg string
	pid                          int
	t                            time.Time
}

func splitPlain(t *testing.T, line string) exportFields {
	t.Helper()
	r := parse(line)
	i := strings.Index(line, "]: ")
	if r.Program == "" || r.PID == 0 || i < 0 {
		t.Fatalf("%s: not a plain line", line)
	}
	return exportFields{line: line, stamp: r.Time.Format(time.RFC3339Nano), host: r.Host, prog: r.Program, pid: r.PID, msg: line[i+3:], t: r.Time}
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func csvCell(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// The exports of a log platform read as the log they were made of: the
// same records, field by field, whether the export keeps the whole line
// in one field or the program, pid and host in fields of their own.
func TestExportFormsReadAsPlainLog(t *testing.T) {
	ndjson := map[string]func(f exportFields) string{
		"loki jsonl": func(f exportFields) string {
			return `{"labels":{"job":"mail"},"line":` + jsonText(f.line) + `,"timestamp":"` + f.stamp + `"}`
		},
		"elasticsearch source": func(f exportFields) string {
			return `{"@timestamp":"` + f.stamp + `","message":` + jsonText(f.line) + `,"host":{"name":"` + f.host + `"}}`
		},
		"elasticsearch hit, ecs": func(f exportFields) string {
			return `{"_index":"logs-2026.11.28","_id":"x","_score":null,"_source":{"@timestamp":"` + f.stamp + `","host":{"name":"` + f.host + `","hostname":"` + f.host + `"},"process":{"name":"` + f.prog + `","pid":` + strconv.Itoa(f.pid) + `},"log":{"syslog":{"facility":{"name":"mail"}}},"message":` + jsonText(f.msg) + `}}`
		},
		"ecs log.syslog": func(f exportFields) string {
			return `{"@timestamp":"` + f.stamp + `","log":{"syslog":{"appname":"` + f.prog + `","procid":"` + strconv.Itoa(f.pid) + `","hostname":"` + f.host + `"}},"message":` + jsonText(f.msg) + `}`
		},
		"graylog": func(f exportFields) string {
			return `{"timestamp":"` + f.stamp + `","source":"` + f.host + `","message":` + jsonText(fmt.Sprintf("%s[%d]: %s", f.prog, f.pid, f.msg)) + `}`
		},
		"graylog full_message": func(f exportFields) string {
			return `{"timestamp":"` + f.stamp + `","source":"` + f.host + `","full_message":` + jsonText("<22>"+f.line) + `}`
		},
		"vector syslog": func(f exportFields) string {
			return `{"appname":"` + f.prog + `","facility":"mail","hostname":"` + f.host + `","message":` + jsonText(f.msg) + `,"procid":` + strconv.Itoa(f.pid) + `,"timestamp":"` + f.stamp + `"}`
		},
		"fluent-bit ident": func(f exportFields) string {
			return `{"time":"` + f.stamp + `","host":"` + f.host + `","ident":"` + f.prog + `","pid":"` + strconv.Itoa(f.pid) + `","message":` + jsonText(f.msg) + `}`
		},
		"rsyslog syslogtag": func(f exportFields) string {
			return `{"timereported":"` + f.stamp + `","hostname":"` + f.host + `","syslogtag":"` + fmt.Sprintf("%s[%d]:", f.prog, f.pid) + `","msg":` + jsonText(" "+f.msg) + `}`
		},
		"journald lower case": func(f exportFields) string {
			return `{"timestamp":` + strconv.FormatInt(f.t.UnixMilli(), 10) + `,"hostname":"` + f.host + `","syslog_identifier":"` + f.prog + `","syslog_pid":"` + strconv.Itoa(f.pid) + `","message":` + jsonText(f.msg) + `}`
		},
		"filebeat log": func(f exportFields) string {
			return `{"msg":` + jsonText(f.line) + `}`
		},
	}
	csv := map[string]func(fs []exportFields) string{
		"kibana csv": func(fs []exportFields) string {
			s := "\"@timestamp\",\"host.name\",message\n"
			for _, f := range fs {
				s += csvCell(f.t.Format("Jan 2, 2006 @ 15:04:05.000")) + "," + csvCell(f.host) + "," + csvCell(f.line) + "\n"
			}
			return s
		},
		"kibana csv ecs": func(fs []exportFields) string {
			s := "\"@timestamp\",\"host.name\",\"process.name\",\"process.pid\",message\r\n"
			for _, f := range fs {
				s += csvCell(f.t.Format("Jan 2, 2006 @ 15:04:05.000")) + "," + f.host + "," + f.prog + "," + strconv.Itoa(f.pid) + "," + csvCell(f.msg) + "\r\n"
			}
			return s
		},
		"splunk csv": func(fs []exportFields) string {
			s := "\xef\xbb\xbf\"_time\",host,source,sourcetype,\"_raw\"\n"
			for _, f := range fs {
				s += csvCell(f.t.Format("2006-01-02T15:04:05.000-0700")) + "," + f.host + ",/var/log/mail.log,syslog," + csvCell(f.line) + "\n"
			}
			return s
		},
		"graylog csv": func(fs []exportFields) string {
			// A header longer than the first bytes the reader looks at.
			s := "\"timestamp\",\"source\",\"facility\",\"application_name\",\"process_id\",\"message\"\n"
			for _, f := range fs {
				s += csvCell(f.stamp) + "," + csvCell(f.host) + ",mail," + csvCell(f.prog) + "," + csvCell(strconv.Itoa(f.pid)) + "," + csvCell(f.msg) + "\n"
			}
			return s
		},
	}
	var fs []exportFields
	var want []JSONRecord
	for i, l := range exportPlain {
		fs = append(fs, splitPlain(t, l))
		r := parse(l)
		want = append(want, r.ToJSON(i+1))
	}
	check := func(name string, lines []string) {
		t.Helper()
		if len(lines) != len(want) {
			t.Errorf("%s: %d records, want %d: %q", name, len(lines), len(want), lines)
			return
		}
		for i, l := range lines {
			r := parse(l)
			got := r.ToJSON(i + 1)
			if gj, wj := fmt.Sprintf("%+v", derefTime(got)), fmt.Sprintf("%+v", derefTime(want[i])); gj != wj {
				t.Errorf("%s: record %d\n got %s\nwant %s\nfrom %s", name, i+1, gj, wj, l)
			}
		}
	}
	for name, form := range ndjson {
		var lines []string
		for _, f := range fs {
			lines = append(lines, form(f))
		}
		check(name, readExport(t, strings.Join(lines, "\n")+"\n"))
		// Elasticsearch's and OpenSearch's hits, as an array.
		check(name+" array", readExport(t, "[\n"+strings.Join(lines, ",\n")+"\n]\n"))
	}
	for name, form := range csv {
		check(name, readExport(t, form(fs)))
	}
}

func derefTime(j JSONRecord) any {
	type rec JSONRecord
	s := ""
	if j.Time != nil {
		s = *j.Time
	}
	j.Time = nil
	return struct {
		rec
		T string
	}{rec(j), s}
}

// readExport returns the lines the log reader hands the parser.
func readExport(t *testing.T, in string) []string {
	t.Helper()
	rc, err := OpenLogReader("export", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	lr := NewLineReader(rc)
	var lines []string
	for {
		line, ok := lr.Next()
		if !ok {
			break
		}
		lines = append(lines, string(line))
	}
	if err := lr.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// An export's record keeps the export's time and host when its message
// has none, and a field that names no host (Splunk's source, a file)
// is none.
func TestExportTimeAndHost(t *testing.T) {
	const msg = `"message":"4A1B2C3D4E: removed"`
	cases := []struct{ line, time, host string }{
		{`{"@timestamp":"2026-11-28T04:00:06.250Z","host":{"name":"mx1"},"process":{"name":"postfix/qmgr"},` + msg + `}`, "2026-11-28T04:00:06.25Z", "mx1"},
		{`{"timestamp":1795838406250,"source":"mx1","appname":"postfix/qmgr",` + msg + `}`, "2026-11-28T04:00:06.25Z", "mx1"},
		{`{"_time":"2026-11-28T05:00:06.000+0100","host":"mx1","source":"/var/log/mail.log","tag":"postfix/qmgr[880]:",` + msg + `}`, "2026-11-28T04:00:06Z", "mx1"},
		{`{"_time":"2026-11-28 04:00:06","source":"/var/log/mail.log","program":"postfix/qmgr",` + msg + `}`, "2026-11-28T04:00:06Z", ""},
		{`{"labels":{"host":"mx1","job":"mail"},"line":"postfix/qmgr[880]: 4A1B2C3D4E: removed","timestamp":"2026-11-28T04:00:06Z"}`, "2026-11-28T04:00:06Z", "mx1"},
		{`{"@timestamp":"Nov 28, 2026 @ 04:00:06.000","host.name":"mx1","process.name":"postfix/qmgr",` + msg + `}`, "2026-11-28T04:00:06Z", "mx1"},
		// Unix time in microseconds and nanoseconds, as Loki and Vector
		// write it.
		{`{"time":"1795838406250000","program":"postfix/qmgr",` + msg + `}`, "2026-11-28T04:00:06.25Z", ""},
		{`{"time":"1795838406250000000","program":"postfix/qmgr",` + msg + `}`, "2026-11-28T04:00:06.25Z", ""},
	}
	for _, c := range cases {
		r := parse(c.line)
		if r.Event != EvRemoved || r.Program != "postfix/qmgr" || r.QueueID != "4A1B2C3D4E" {
			t.Errorf("%s: event %v program %q queue id %q (%s)", c.line, r.Event, r.Program, r.QueueID, r.Reason)
		}
		if got := r.Time.UTC().Format(time.RFC3339Nano); got != c.time || r.Host != c.host {
			t.Errorf("%s: time %s host %q, want %s %q", c.line, got, r.Host, c.time, c.host)
		}
	}
	// A message with no program named anywhere is no one's: Postfix's
	// shape alone does not make it Postfix's.
	r := parse(`{"@timestamp":"2026-11-28T04:00:06Z","host":{"name":"mx1"},"message":"4A1B2C3D4E: removed"}`)
	if r.Event != EvOther || r.Program != "" || r.Time.IsZero() || r.Host != "mx1" {
		t.Errorf("untagged message: event %v program %q time %v host %q", r.Event, r.Program, r.Time, r.Host)
	}
	// The program field names who wrote the text, whatever its words.
	r = parse(`{"@timestamp":"2026-11-28T04:00:06Z","appname":"postfix/smtpd","procid":"5","message":"warning: hostname mail.example.net does not resolve to address 198.51.100.7"}`)
	if r.Program != "postfix/smtpd" || r.PID != 5 || r.Severity != SevWarning {
		t.Errorf("program field: program %q pid %d severity %v", r.Program, r.PID, r.Severity)
	}
}

// A malformed record is one unreadable line; the records around it read.
func TestExportMalformedRecords(t *testing.T) {
	const good = `"Nov 28, 2026 @ 04:00:06.000",mx1,"Nov 28 04:00:06 mx1 postfix/qmgr[880]: 4A1B2C3D4E: removed"`
	for name, in := range map[string]string{
		"ndjson":      `{"line":"Nov 28 04:00:06 mx1 postfix/qmgr[880]: 4A1B2C3D4E: removed"}` + "\n" + `{"line":"Nov 28 04:00:06 mx1 postfix/qmgr[880]: 4A1B2C3D4E: removed",` + "\n" + `{"line":"Nov 28 04:00:06 mx1 postfix/qmgr[880]: 4A1B2C3D4E: removed"}` + "\n",
		"csv quote":   "@timestamp,host.name,message\n" + good + "\n" + `"Nov 28, 2026 @ 04:00:06.000",mx1,"Nov 28 04:00:06 mx1 postfix/qmgr[880]: 4A1B2C3D4E: "removed"` + "\n" + good + "\n",
		"csv no cell": "@timestamp,host.name,message\n" + good + "\n" + `"Nov 28, 2026 @ 04:00:06.000"` + "\n" + good + "\n",
		"csv cut":     "@timestamp,host.name,message\n" + good + "\n" + good + "\n" + `"Nov 28, 2026 @ 04:00:06.000",mx1,"Nov 28 04:00:06 mx1 postfix/qm`,
	} {
		lines := readExport(t, in)
		removed := 0
		for _, l := range lines {
			if parse(l).Event == EvRemoved {
				removed++
			}
		}
		if removed != 2 || len(lines) != 3 {
			t.Errorf("%s: %d read of %d records, want 2 of 3: %q", name, removed, len(lines), lines)
		}
	}
}

// Only a header row naming a message column makes a CSV export: a log
// whose first line holds commas, or the word, is read as a log.
func TestExportCSVDetection(t *testing.T) {
	for _, text := range []string{
		"Nov 28 04:00:03 mx1 postfix/smtp[2202]: 4A1B2C3D4E: to=<ann@example.com>, relay=none, message, status=deferred\n",
		"message\n",
		"time,host,text\n2026-11-28T04:00:06Z,mx1,postfix/qmgr[880]: 4A1B2C3D4E: removed\n",
	} {
		if got := readExport(t, text); strings.Join(got, "\n")+"\n" != text {
			t.Errorf("%q read as %q", text, got)
		}
	}
}

// Whatever a CSV export's rows hold, each is one line for the parser, a
// JSON object of the header's columns unless a quoted cell was cut short.
func FuzzCSVExport(f *testing.F) {
	f.Add("2026-11-28T04:00:06Z,mx1,\"postfix/qmgr[880]: 4A1B2C3D4E: \"\"removed\"\"\"\r\n,,\n")
	f.Add("a,\"b\nc\"d,e\"\n\"")
	f.Fuzz(func(t *testing.T, rows string) {
		lines := readExport(t, "timestamp,host,message\n"+rows)
		for i, l := range lines {
			var m map[string]string
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				if i < len(lines)-1 || !strings.Contains(rows, `"`) {
					t.Fatalf("line %d of %q: %v: %q", i, rows, err, l)
				}
				continue
			}
			for k := range m {
				if k != "timestamp" && k != "host" && k != "message" {
					t.Fatalf("%q: column %q", rows, k)
				}
			}
		}
	})
}

// fluentd's and fluent-bit's "tag" is a routing key as often as a
// program ("syslog.mail.info", "docker.abc123", "kube.var.log..."): a
// dotted one with no slash or pid is no program, and the message's own
// tag, or none, names the writer.
func TestExportRoutingTagIsNoProgram(t *testing.T) {
	for _, tag := range []string{"syslog.mail.info", "docker.abc123", "kube.var.log.containers.postfix-0_mail_postfix-1a2b.log"} {
		r := parse(`{"time":"2026-11-28T04:00:06Z","tag":"` + tag + `","message":"postfix/qmgr: 4A1B2C3D4E: removed"}`)
		if r.Event != EvRemoved || r.Program != "postfix/qmgr" || r.QueueID != "4A1B2C3D4E" {
			t.Errorf("%s: event %v program %q queue id %q", tag, r.Event, r.Program, r.QueueID)
		}
		r = parse(`{"time":"2026-11-28T04:00:06Z","tag":"` + tag + `","message":"4A1B2C3D4E: removed"}`)
		if r.Event != EvOther || r.Program != "" {
			t.Errorf("%s: untagged message: event %v program %q", tag, r.Event, r.Program)
		}
	}
	for _, tag := range []string{"postfix/qmgr", "postfix", "opendkim", "dovecot", "postfix/qmgr[880]:"} {
		if r := parse(`{"time":"2026-11-28T04:00:06Z","tag":"` + tag + `","message":"4A1B2C3D4E: removed"}`); r.Program != strings.TrimSuffix(tag, "[880]:") {
			t.Errorf("%s: program %q", tag, r.Program)
		}
	}
}

// zoneMsg is a deferred delivery after its syslog header, and
// zonedCases parses as on a host whose zone is an hour east of the
// sender's (UTC), as TestRuntimeStampDatesLineWithoutZone does.
const zoneMsg = " mx1 postfix/smtp[1]: 3F2A1C0: to=<a@b.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection refused)"

func zonedCases(t *testing.T, cases []struct{ name, line, want string }) {
	t.Helper()
	for _, c := range cases {
		p := &Parser{Now: func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) }, Loc: cet}
		var r Record
		p.Parse(c.line, &r)
		if got := r.Time.UTC().Format(time.RFC3339Nano); r.Event != EvDelivery || got != c.want {
			t.Errorf("%s: %v at %s (%s), want a delivery at %s", c.name, r.Event, got, r.Reason, c.want)
		}
	}
}

// Docker's json-file driver stamps each line with an absolute time: a
// line whose own stamp names no zone, the container's local time, is
// dated by it, one that names its zone keeps its own.
func TestDockerJSONTimeDatesLineWithoutZone(t *testing.T) {
	zonedCases(t, []struct{ name, line, want string }{
		{"own stamp without a zone", `{"log":"Dec  3 09:00:00` + zoneMsg + `\n","stream":"stdout","time":"2026-12-03T09:00:00.123456789Z"}`, "2026-12-03T09:00:00.123456789Z"},
		{"own stamp with its zone", `{"log":"2026-12-03T09:59:59+01:00` + zoneMsg + `\n","stream":"stdout","time":"2026-12-03T09:00:00.5Z"}`, "2026-12-03T08:59:59Z"},
		{"no own stamp", `{"log":"` + zoneMsg[len(" mx1 "):] + `\n","stream":"stderr","time":"2026-12-03T09:00:00.5Z"}`, "2026-12-03T09:00:00.5Z"},
	})
}

// A log platform's JSON record keeps the time it gave the line: when
// that names its zone (RFC 3339's Z or offset, Unix time) it dates a
// line whose own stamp names none; a record time without a zone dates
// only a line without a time.
func TestExportTimeDatesLineWithoutZone(t *testing.T) {
	const own = `Dec  3 09:00:00` + zoneMsg
	zonedCases(t, []struct{ name, line, want string }{
		{"loki jsonl", `{"labels":{"job":"mail"},"line":"` + own + `","timestamp":"2026-12-03T09:00:00.25Z"}`, "2026-12-03T09:00:00.25Z"},
		{"loki, unix nanoseconds", `{"line":"` + own + `","timestamp":"1796288400250000000"}`, "2026-12-03T09:00:00.25Z"},
		{"elasticsearch hit", `{"_source":{"@timestamp":"2026-12-03T09:00:00.25Z","message":"` + own + `"}}`, "2026-12-03T09:00:00.25Z"},
		{"graylog, an offset", `{"timestamp":"2026-12-03T10:00:00.250+01:00","source":"mx1","full_message":"<22>` + own + `"}`, "2026-12-03T09:00:00.25Z"},
		{"journald lower case, unix milliseconds", `{"timestamp":1796288400250,"message":"` + own + `"}`, "2026-12-03T09:00:00.25Z"},
		{"own stamp with its zone", `{"@timestamp":"2026-12-03T09:00:00.25Z","message":"2026-12-03T09:59:59+01:00` + zoneMsg + `"}`, "2026-12-03T08:59:59Z"},
		{"record time without a zone", `{"_time":"2026-12-03 09:00:00.250","_raw":"` + own + `"}`, "2026-12-03T08:00:00Z"},
		{"record time without a zone, no own stamp", `{"_time":"2026-12-03 10:00:00.250","program":"postfix/smtp","message":"` + zoneMsg[len(" mx1 postfix/smtp[1]: "):] + `"}`, "2026-12-03T09:00:00.25Z"},
	})
}

// A CSV download's row is dated as a JSON record: a time with its zone
// (Splunk's _time) dates a line whose own stamp names none, Kibana's
// date without one does not.
func TestCSVExportTimeDatesLineWithoutZone(t *testing.T) {
	const own = `Dec  3 09:00:00` + zoneMsg
	var cases []struct{ name, line, want string }
	for _, c := range []struct{ name, csv, want string }{
		{"splunk csv", "\"_time\",host,source,\"_raw\"\n" + csvCell("2026-12-03T10:00:00.250+0100") + ",mx1,/var/log/mail.log," + csvCell(own) + "\n", "2026-12-03T09:00:00.25Z"},
		{"kibana csv", "\"@timestamp\",\"host.name\",message\n" + csvCell("Dec 3, 2026 @ 09:00:00.250") + ",mx1," + csvCell(own) + "\n", "2026-12-03T08:00:00Z"},
	} {
		lines := readExport(t, c.csv)
		if len(lines) != 1 {
			t.Fatalf("%s: %q", c.name, lines)
		}
		cases = append(cases, struct{ name, line, want string }{c.name, lines[0], c.want})
	}
	zonedCases(t, cases)
}
