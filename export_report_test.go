package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mxtop/sources"
)

// A log platform's export of the lab log (a JSON record or a CSV row a
// line, the whole line in one field or the program and host in fields
// of their own) gives the report the log itself gives.
func TestExportReportMatchesFile(t *testing.T) {
	log := "testdata/lab/postfix-lab.log"
	orig, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	type fields struct {
		line, host, prog, msg, stamp, kibana string
		pid                                  int
	}
	p := sources.NewParser()
	p.Year = 2026
	var fs []fields
	for _, line := range strings.Split(strings.TrimSuffix(string(orig), "\n"), "\n") {
		var r sources.Record
		p.Parse(line, &r)
		msg, ok := syslogMessage(line, r.Program)
		if !ok || r.Time.IsZero() {
			t.Fatalf("lab line not split: %s", line)
		}
		fs = append(fs, fields{line, r.Host, r.Program, msg, r.Time.Format("2006-01-02T15:04:05.000000Z07:00"), r.Time.Format("Jan 2, 2006 @ 15:04:05.000"), r.PID})
	}
	js := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	cell := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	forms := map[string]func(f fields) string{
		"loki.jsonl": func(f fields) string {
			return `{"labels":{"job":"mail"},"line":` + js(f.line) + `,"timestamp":"` + f.stamp + `"}`
		},
		"kibana.ndjson": func(f fields) string {
			return `{"_index":"logs","_source":{"@timestamp":"` + f.stamp + `","host":{"name":` + js(f.host) + `},"process":{"name":` + js(f.prog) + `,"pid":` + strconv.Itoa(f.pid) + `},"message":` + js(f.msg) + `}}`
		},
		"graylog.json": func(f fields) string {
			return `{"timestamp":"` + f.stamp + `","source":` + js(f.host) + `,"message":` + js(fmt.Sprintf("%s[%d]: %s", f.prog, f.pid, f.msg)) + `}`
		},
		"kibana.csv": func(f fields) string { return cell(f.kibana) + "," + cell(f.host) + "," + cell(f.line) },
		"graylog.csv": func(f fields) string {
			return cell(f.stamp) + "," + cell(f.host) + "," + cell(f.prog) + "," + strconv.Itoa(f.pid) + "," + cell(f.msg)
		},
	}
	headers := map[string]string{"kibana.csv": "\"@timestamp\",\"host.name\",message\n", "graylog.csv": "timestamp,source,application_name,process_id,full_message\n"}

	dir := t.TempDir()
	report := func(file string) map[string]json.RawMessage {
		t.Helper()
		var out, errb bytes.Buffer
		args := []string{"report", "--format", "json", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "--log", file, "--year", "2026"}
		if code := run(args, nil, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var rep map[string]json.RawMessage
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	fromFile := report(log)
	var hf []struct{ ID, Severity, Subject string }
	json.Unmarshal(fromFile["hints"], &hf)
	if len(hf) == 0 {
		t.Fatal("the lab log gives no hints")
	}
	for name, form := range forms {
		var b strings.Builder
		b.WriteString(headers[name])
		for _, f := range fs {
			b.WriteString(form(f))
			b.WriteByte('\n')
		}
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		fromExport := report(file)
		for _, k := range []string{"lines", "window", "postfix", "destinations", "inbound", "classes"} {
			if string(fromExport[k]) != string(fromFile[k]) {
				t.Errorf("%s: %s differs:\nexport %.600s\nfile   %.600s", name, k, fromExport[k], fromFile[k])
			}
		}
		var he []struct{ ID, Severity, Subject string }
		json.Unmarshal(fromExport["hints"], &he)
		if fmt.Sprint(he) != fmt.Sprint(hf) {
			t.Errorf("%s: hints differ:\nexport %v\nfile   %v", name, he, hf)
		}
	}
}
