package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/model"
	"mxtop/sources"
)

func TestParseCommand(t *testing.T) {
	lines := "Nov 28 11:13:08 lab postfix/error[6336]: 615C4C0356: to=<15user@ratelimited.example>, relay=none, delay=0.27, delays=0.02/0.25/0/0, dsn=4.7.0, status=deferred (delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.ratelimited.example Error: too many connections from 127.0.0.1)\n" +
		"garbage \x00\xff\n" +
		"Nov 28 10:00:00 h dovecot: imap-login: x\n"
	dir := t.TempDir()
	gz := filepath.Join(dir, "mail.log.1.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(lines))
	zw.Close()
	if err := os.WriteFile(gz, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"parse", "--year", "2026", gz}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var recs []map[string]any
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not JSON: %q", sc.Text())
		}
		recs = append(recs, m)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	d := recs[0]
	if d["event"] != "delivery" || d["class"] != "conn_limit" || d["domain"] != "ratelimited.example" ||
		d["suspended"] != true || d["code"] != float64(421) {
		t.Errorf("delivery record: %v", d)
	}
	// The stamp is local time; its UTC form depends on the zone, not the year.
	if ts, _ := d["time"].(string); !strings.HasPrefix(ts, "2026-11-") {
		t.Errorf("delivery record: %v", d)
	}
	if recs[1]["event"] != "invalid" || recs[1]["reason"] == "" || recs[1]["time"] != nil || recs[1]["n"] != float64(2) {
		t.Errorf("garbage record: %v", recs[1])
	}
	if recs[2]["event"] != "other" {
		t.Errorf("dovecot record: %v", recs[2])
	}
}

func TestParseCommandMissingFile(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"parse", "/nonexistent/mail.log"}, strings.NewReader(""), &out, &errb)
	if code == 0 || !strings.Contains(errb.String(), "/nonexistent/mail.log: no such file") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestUsageErrors(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"frobnicate"}, nil, &out, &errb); code != 2 {
		t.Fatalf("unknown command exit %d, want 2", code)
	}
	if code := run([]string{"parse", "--nope"}, nil, &out, &errb); code != 2 {
		t.Fatalf("bad flag exit %d, want 2", code)
	}
	if code := run([]string{"version", "extra"}, nil, &out, &errb); code != 2 {
		t.Fatalf("version with an argument: exit %d, want 2", code)
	}
}

func TestReportCommand(t *testing.T) {
	lab := "testdata/lab/"
	args := []string{"report", "--log", lab + "postfix-lab.log", "--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt", "--queue", lab + "postqueue-j.jsonl", "--year", "2026"}
	var out, errb bytes.Buffer
	code := run(append(args, "--format", "json", "--fail-on", "critical"), nil, &out, &errb)
	if code != 3 {
		t.Fatalf("exit %d, want 3 (critical hints with --fail-on critical); stderr %s", code, errb.String())
	}
	var rep struct {
		GeneratedAt string `json:"generated_at"`
		Window      struct{ From, To string }
		Postfix     struct {
			Version  string
			Versions []struct{ Version string }
		}
		Destinations []struct {
			Domain   string
			Deferred int
			Classes  map[string]int
		}
		Queue struct {
			Queues map[string]struct{ Messages int }
		}
		Config struct {
			Parameters []struct {
				Name, Value string
				Explicit    bool
			}
		}
		Hints []struct {
			ID, Severity, Title, Subject string
			Actions                      []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	if rep.Postfix.Version != "3.7.11" || rep.Window.From == "" || rep.GeneratedAt == "" {
		t.Errorf("header: %+v %+v", rep.Postfix, rep.Window)
	}
	found := false
	for _, d := range rep.Destinations {
		if d.Domain == "throttled.example" && d.Classes["conn_limit"] == 22 {
			found = true
		}
	}
	if !found {
		t.Errorf("throttled.example with 22 conn_limit not in %+v", rep.Destinations)
	}
	if rep.Queue.Queues["deferred"].Messages != 56 {
		t.Errorf("queue %+v", rep.Queue)
	}
	if len(rep.Hints) == 0 || rep.Hints[0].ID != "destination_concurrency" || rep.Hints[0].Severity != "critical" {
		t.Errorf("hints %+v", rep.Hints)
	}
	out.Reset()
	if code := run(append(args, "--format", "markdown"), nil, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "# mxtop report") {
		t.Fatalf("markdown exit %d: %.100s", code, out.String())
	}
	if code := run(append(args, "--format", "yaml"), nil, &out, &errb); code != 2 {
		t.Fatalf("bad format exit %d", code)
	}
	if code := run([]string{"report", "--log", "/nonexistent", "--postconf", lab + "postconf-n.txt"}, nil, &out, &errb); code != 1 {
		t.Fatalf("missing log exit %d", code)
	}
}

// Without a terminal on stdout, mxtop prints the text report and exits.
func TestNoTTYPrintsReport(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"--demo"}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	if !strings.HasPrefix(s, "mxtop report") || !strings.Contains(s, "gmail.com refuses connections") || strings.Contains(s, "\x1b[") {
		t.Fatalf("not a plain text report:\n%.400s", s)
	}
}

// --web.listen-address is --listen under the exporters' name, and a web
// configuration file that cannot be read stops serve at once.
func TestServeFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--web.listen-address", "nonsense"}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), `listen address "nonsense"`) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	errb.Reset()
	// Given explicitly, a non-loopback address is accepted (the check
	// then fails on the configuration file, before anything starts).
	missing := filepath.Join(t.TempDir(), "web.yml")
	if code := run([]string{"serve", "--web.listen-address", "0.0.0.0:9155", "--web.config.file", missing}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), missing) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}

// A directory given as --log is a mistake serve refuses at once, as it
// does a bad address: it served zero counters for as long as it ran,
// the reason only in /report.json.
func TestServeRefusesDirectoryLog(t *testing.T) {
	dir := t.TempDir()
	// A port taken: were the directory let through, serve would stop there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out, errb bytes.Buffer
	code := run([]string{"serve", "--listen", l.Addr().String(), "--log", dir}, strings.NewReader(""), &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "mxtop serve: --log "+dir+": is a directory, not a log file") {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if strings.Contains(errb.String(), "/metrics and /report.json") {
		t.Errorf("the address was announced: %q", errb.String())
	}
}

// report --patch writes the diff the hints' changes would make, computed
// on a copy of the configuration directory, which stays as it was. A
// directory whose main.cf reads another transport table, and whose
// master.cf lacks the slow service the configuration read has (the e2e
// configuration's, against the lab's), gets no patch: its routes would
// go into a table it does not read, to a transport it does not have.
func TestReportPatch(t *testing.T) {
	if _, err := exec.LookPath("postconf"); err != nil {
		t.Skip("postconf not installed")
	}
	dir := t.TempDir()
	for f, from := range map[string]string{"main.cf": "testdata/lab/postconf-n.txt", "master.cf": "testdata/lab/postconf-M.txt"} {
		b, _ := os.ReadFile(from)
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "main.cf"))
	patch := filepath.Join(t.TempDir(), "hints.patch")
	var out, errb bytes.Buffer
	code := run([]string{"report", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt",
		"--config-dir", dir, "--patch", patch, "testdata/lab/postfix-lab.log"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(patch)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"+++ b" + filepath.Join(dir, "main.cf"), "+slow_destination_concurrency_limit = ", "+++ b/etc/postfix/lab_transport", "throttled.example\tslow:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("patch lacks %q:\n%s", want, b)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "main.cf")); !bytes.Equal(after, before) {
		t.Error("--patch changed main.cf")
	}

	other := t.TempDir()
	for _, f := range []string{"main.cf", "master.cf"} {
		b, _ := os.ReadFile(filepath.Join("e2e/conf", f))
		os.WriteFile(filepath.Join(other, f), b, 0o644)
	}
	os.Remove(patch)
	out.Reset()
	errb.Reset()
	code = run([]string{"report", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt",
		"--config-dir", other, "--patch", patch, "testdata/lab/postfix-lab.log"}, nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "transport_maps") || !strings.Contains(errb.String(), "slow/unix") {
		t.Errorf("another base: exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(patch); err == nil {
		t.Error("another base: a patch was written")
	}
}

// The changes --patch combines from every hint set a parameter once:
// destinations that need different limits in the one slow transport get
// one value for it, not one per hint with the last written winning.
func TestPatchChangesSetAParameterOnce(t *testing.T) {
	var b strings.Builder
	for k, dom := range []string{"two.example", "one.example"} {
		max := 2 - k
		for i := range 10 {
			fmt.Fprintf(&b, "Nov 28 10:00:%02d mx postfix/smtp[%d]: %d%04XA: to=<u%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n", i/3, 3000+i, k+1, i, i, dom, dom, 9+k)
		}
		for i := range 4 {
			fmt.Fprintf(&b, "Nov 28 10:00:04 mx postfix/smtp[%d]: %d%04XB: to=<v%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0, dsn=4.7.0, status=deferred (host mx.%s[192.0.2.%d] refused to talk to me: 421 4.7.0 Too many concurrent connections from your IP (max %d))\n", 3000+i, k+1, i, i, dom, dom, 9+k, dom, 9+k, max)
		}
	}
	dir := t.TempDir()
	log, main, master := filepath.Join(dir, "mail.log"), filepath.Join(dir, "main.cf"), filepath.Join(dir, "master.cf")
	os.WriteFile(log, []byte(b.String()), 0o644)
	// A configuration read, without a transport map or slow service:
	// unread, the changes would leave both out.
	os.WriteFile(main, []byte("smtp_destination_concurrency_limit = 20\n"), 0o644)
	os.WriteFile(master, []byte("smtp unix - - n - - smtp\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--format", "json", "--postconf", main, "--master", master, log}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep struct {
		Hints []struct {
			Changes []sources.ConfigChange `json:"changes"`
		} `json:"hints"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var hints []analyzers.Hint
	for _, h := range rep.Hints {
		hints = append(hints, analyzers.Hint{Changes: h.Changes})
	}
	vals := map[string][]string{}
	changes, err := patchChanges(hints)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if c.Param != "" {
			vals[c.Param] = append(vals[c.Param], c.Value)
		}
	}
	if len(vals["slow_destination_concurrency_limit"]) == 0 {
		t.Fatalf("no change sets slow_destination_concurrency_limit: %v", vals)
	}
	for p, vs := range vals {
		if len(vs) > 1 {
			t.Errorf("the patch sets %s to %q", p, vs)
		}
	}
}

// Hints that each add a client to one list, set whole by postconf -e or
// -P, make one change holding the list read and every client, in the
// hints' order; two other values for one parameter are refused.
func TestPatchChangesMergeListAdditions(t *testing.T) {
	const param = "smtpd_client_event_limit_exceptions"
	hints := []analyzers.Hint{
		{Changes: []sources.ConfigChange{{Param: param, Value: "10.0.0.1, 192.168.1.10"}, {ServiceParam: "submission/inet/" + param, Value: "10.0.0.2"}}},
		{Changes: []sources.ConfigChange{{Param: "smtpd_client_connection_count_limit", Value: "20"}}},
		{Changes: []sources.ConfigChange{{Param: param, Value: "10.0.0.1, 192.168.1.20"}, {ServiceParam: "submission/inet/" + param, Value: "10.0.0.2,192.168.1.30,192.168.1.31"}}},
		{Changes: []sources.ConfigChange{{Param: param, Value: "10.0.0.1, 192.168.1.10"}}},
	}
	got, err := patchChanges(hints)
	if err != nil {
		t.Fatal(err)
	}
	want := []sources.ConfigChange{
		{Param: param, Value: "10.0.0.1, 192.168.1.10, 192.168.1.20"},
		{ServiceParam: "submission/inet/" + param, Value: "10.0.0.2,192.168.1.30,192.168.1.31"},
		{Param: "smtpd_client_connection_count_limit", Value: "20"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes %+v, want %+v", got, want)
	}
	hints = append(hints, analyzers.Hint{Changes: []sources.ConfigChange{{Param: "smtpd_client_connection_count_limit", Value: "40"}}})
	if got, err := patchChanges(hints); err == nil || !strings.Contains(err.Error(), "smtpd_client_connection_count_limit") {
		t.Errorf("two limits for one parameter: %+v, %v", got, err)
	}
}

// report --patch writes no diff against a configuration directory that
// differs from the configuration the hints were worked out from in what
// their changes touch: it says what differs, and exits 1.
func TestReportPatchOnAnotherBase(t *testing.T) {
	if _, err := exec.LookPath("postconf"); err != nil {
		t.Skip("postconf not installed")
	}
	dir := t.TempDir()
	for _, f := range []string{"main.cf", "master.cf"} {
		b, _ := os.ReadFile(filepath.Join("e2e/conf", f))
		if f == "main.cf" {
			b = append(b, "slow_destination_concurrency_limit = 1\n"...)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	patch := filepath.Join(t.TempDir(), "hints.patch")
	var out, errb bytes.Buffer
	code := run([]string{"report", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt",
		"--config-dir", dir, "--patch", patch, "testdata/lab/postfix-lab.log"}, nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "slow_destination_concurrency_limit") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(patch); err == nil {
		t.Error("a patch was written")
	}
}

func TestUndoWithoutBackup(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"undo", "--backup-dir", filepath.Join(t.TempDir(), "none"), "--snapshot-dir", t.TempDir()}, nil, &out, &errb)
	if code != 1 || !(strings.Contains(errb.String(), "no backup") || strings.Contains(errb.String(), "needs root")) {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if code := run([]string{"undo", "extra"}, nil, &out, &errb); code != 2 {
		t.Errorf("undo extra: exit %d", code)
	}
}

// journalTools finds journalctl and systemd-journal-remote, skipping the
// test without them (failing under CI, which installs them).
func journalTools(t *testing.T) string {
	t.Helper()
	_, errJ := exec.LookPath("journalctl")
	remote := ""
	for _, p := range []string{"/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote"} {
		if _, err := os.Stat(p); err == nil {
			remote = p
		}
	}
	if errJ != nil || remote == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("journalctl or systemd-journal-remote missing (apt-get install systemd-journal-remote)")
		}
		t.Skip("journalctl or systemd-journal-remote missing")
	}
	return remote
}

// A real journal file built from the lab log gives the same report as the
// log file: the export decoding, the selection by identifier and facility
// and --journal-dir end to end.
func TestJournalReportMatchesFile(t *testing.T) {
	dir := t.TempDir()
	jdir, n := labJournal(t, dir)
	log := "testdata/lab/postfix-lab.log"
	orig, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	fileLog := filepath.Join(dir, "mail.log")
	os.WriteFile(fileLog, append(orig, "Nov 28 12:00:00 lab postfix-out/qmgr[4343]: ABCDEF1234: removed\n"...), 0o600)

	report := func(args ...string) map[string]json.RawMessage {
		t.Helper()
		var out, errb bytes.Buffer
		args = append([]string{"report", "--format", "json", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt"}, args...)
		if code := run(args, nil, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var rep map[string]json.RawMessage
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	fromJournal := report("--journal-dir", jdir)
	fromFile := report("--log", fileLog, "--year", "2026")
	var lines struct{ Total, Postfix, Invalid int }
	json.Unmarshal(fromJournal["lines"], &lines)
	if lines.Total != n+1 || lines.Invalid != 0 {
		t.Errorf("journal lines %+v, want %d total, none invalid", lines, n+1)
	}
	for _, k := range []string{"lines", "window", "postfix", "destinations", "inbound", "classes"} {
		if string(fromJournal[k]) != string(fromFile[k]) {
			t.Errorf("%s differs:\njournal %.600s\nfile    %.600s", k, fromJournal[k], fromFile[k])
		}
	}
	var hj, hf []struct{ ID, Severity, Subject string }
	json.Unmarshal(fromJournal["hints"], &hj)
	json.Unmarshal(fromFile["hints"], &hf)
	if fmt.Sprint(hj) != fmt.Sprint(hf) || len(hj) == 0 {
		t.Errorf("hints differ: journal %v, file %v", hj, hf)
	}
}

// A report read from the journal's files is the report journalctl's
// export gives, all of it but the time it was made and how the source
// describes itself.
func TestJournalFileReportMatchesJournalctl(t *testing.T) {
	jdir, _ := labJournal(t, t.TempDir())
	report := func() (map[string]json.RawMessage, string) {
		t.Helper()
		var out, errb bytes.Buffer
		args := []string{"report", "--format", "json", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "--journal-dir", jdir}
		if code := run(args, nil, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var rep map[string]json.RawMessage
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		var src []struct{ Source, Detail string }
		json.Unmarshal(rep["sources"], &src)
		delete(rep, "generated_at")
		delete(rep, "sources")
		return rep, fmt.Sprint(src)
	}
	files, how := report()
	t.Setenv(sources.JournalReaderEnv, "journalctl")
	viaJournalctl, howJ := report()
	if !strings.Contains(how, "journal files (1)") || strings.Contains(howJ, "journal files") {
		t.Fatalf("sources: %s, then %s", how, howJ)
	}
	if len(files) < 10 {
		t.Fatalf("report %v", files)
	}
	for k, v := range viaJournalctl {
		if string(files[k]) != string(v) {
			t.Errorf("%s differs:\nfiles      %.600s\njournalctl %.600s", k, files[k], v)
		}
	}
	if len(files) != len(viaJournalctl) {
		t.Errorf("%d keys, %d through journalctl", len(files), len(viaJournalctl))
	}
}

// labJournal writes the lab log, plus a non-mail entry and a Postfix one
// under another facility, into a journal file in dir/journal with
// systemd-journal-remote; it returns the directory and the lab's entries.
func labJournal(t *testing.T, dir string) (string, int) {
	t.Helper()
	remote := journalTools(t)
	log := "testdata/lab/postfix-lab.log"
	in, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	p := sources.NewParser()
	p.Year = 2026
	var export bytes.Buffer
	n, err := journalConvert(in, &export, p)
	if err != nil || n < 1900 {
		t.Fatalf("converted %d entries: %v", n, err)
	}
	w := bufio.NewWriter(&export)
	// Not mail, not Postfix: left out. Postfix under another facility
	// (syslog_facility = local0): read, and added to the log file too.
	at := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	journalEntry(w, at.UnixMicro(), "lab", "sshd", 4242, "Accepted publickey for root from 192.0.2.9 port 50000", "4", n)
	journalEntry(w, at.UnixMicro(), "lab", "postfix-out/qmgr", 4343, "ABCDEF1234: removed", "16", n+1)
	w.Flush()
	exportFile := filepath.Join(dir, "export.txt")
	if err := os.WriteFile(exportFile, export.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	jdir := filepath.Join(dir, "journal")
	os.Mkdir(jdir, 0o700)
	if out, err := exec.Command(remote, "--output="+filepath.Join(jdir, "lab.journal"), exportFile).CombinedOutput(); err != nil {
		t.Fatalf("systemd-journal-remote: %v\n%s", err, out)
	}
	return jdir, n
}

// The journal export format, as systemd-journal-remote reads it, built
// from syslog lines.

// journalConvert writes one export entry per line of in that has a timestamp and
// a program tag; it returns how many it wrote. Lines it cannot read are
// skipped (a journal has no place for them).
func journalConvert(in io.Reader, out io.Writer, p *sources.Parser) (int, error) {
	lr := sources.NewLineReader(in)
	w := bufio.NewWriterSize(out, 1<<20)
	var r sources.Record
	n := 0
	for {
		line, ok := lr.Next()
		if !ok {
			break
		}
		p.ParseBytes(line, &r)
		msg, ok := syslogMessage(r.Line, r.Program)
		if !ok || r.Time.IsZero() {
			continue
		}
		journalEntry(w, r.Time.UnixMicro(), r.Host, r.Program, r.PID, msg, "2", n)
		n++
	}
	if err := lr.Err(); err != nil {
		return n, err
	}
	return n, w.Flush()
}

// journalEntry writes one export entry with the fields journald gives a syslog
// message of that facility ("2" is mail). seq numbers the entries.
func journalEntry(w *bufio.Writer, usec int64, host, ident string, pid int, msg, facility string, seq int) {
	fmt.Fprintf(w, "__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=%d\n_BOOT_ID=6b4b6a3c1b6e4f0e9d2a1c0b9a8f7e6d\n", usec, 1000000+seq)
	comm := ident
	if i := strings.LastIndexByte(comm, '/'); i >= 0 {
		comm = comm[i+1:]
	}
	// The trusted fields journald adds to a syslog message, so that
	// journalctl has as much to skip as on a real host.
	exportField(w, "_TRANSPORT", "syslog")
	exportField(w, "PRIORITY", "6")
	exportField(w, "SYSLOG_FACILITY", facility)
	exportField(w, "SYSLOG_IDENTIFIER", ident)
	if pid > 0 {
		exportField(w, "SYSLOG_PID", strconv.Itoa(pid))
		exportField(w, "_PID", strconv.Itoa(pid))
	}
	exportField(w, "SYSLOG_TIMESTAMP", time.UnixMicro(usec).UTC().Format(time.Stamp)+" ")
	exportField(w, "MESSAGE", msg)
	exportField(w, "_UID", "107")
	exportField(w, "_GID", "114")
	exportField(w, "_COMM", comm)
	exportField(w, "_EXE", "/usr/lib/postfix/sbin/"+comm)
	exportField(w, "_CMDLINE", comm+" -n smtp -t inet -u -c")
	exportField(w, "_CAP_EFFECTIVE", "0")
	exportField(w, "_SELINUX_CONTEXT", "unconfined\n")
	exportField(w, "_SYSTEMD_CGROUP", "/system.slice/system-postfix.slice/postfix@-.service")
	exportField(w, "_SYSTEMD_UNIT", "postfix@-.service")
	exportField(w, "_SYSTEMD_SLICE", "system-postfix.slice")
	exportField(w, "_SYSTEMD_INVOCATION_ID", "0f6b5c8e2d4a4b7c9e1f3a5b7c9d1e2f")
	exportField(w, "_MACHINE_ID", "4b0c7d1e9f2a4c6e8a0b2d4f6a8c0e1d")
	exportField(w, "_HOSTNAME", host)
	exportField(w, "_SOURCE_REALTIME_TIMESTAMP", strconv.FormatInt(usec, 10))
	w.WriteByte('\n')
}

// exportField writes KEY=value, or the binary form (KEY, newline, 64-bit
// little-endian length, bytes, newline) for values holding a newline or
// other control bytes, as journald does.
func exportField(w *bufio.Writer, key, val string) {
	if !strings.ContainsFunc(val, func(c rune) bool { return c < ' ' && c != '\t' }) {
		w.WriteString(key)
		w.WriteByte('=')
		w.WriteString(val)
		w.WriteByte('\n')
		return
	}
	w.WriteString(key)
	w.WriteByte('\n')
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(val)))
	w.Write(n[:])
	w.WriteString(val)
	w.WriteByte('\n')
}

// syslogMessage is the text after "prog[pid]: " in a syslog line.
func syslogMessage(line, prog string) (string, bool) {
	if prog == "" {
		return "", false
	}
	i := strings.Index(line, " "+prog)
	if i < 0 {
		return "", false
	}
	rest := line[i+1+len(prog):]
	if strings.HasPrefix(rest, "[") {
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return "", false
		}
		rest = rest[j+1:]
	}
	if !strings.HasPrefix(rest, ":") {
		return "", false
	}
	return strings.TrimPrefix(rest[1:], " "), true
}

// A --year no log can carry would make every line invalid ("timestamp out
// of range") and the report empty: it is a usage error naming the range.
func TestYearOutOfRange(t *testing.T) {
	line := "Nov 28 04:00:24 mx1 postfix/qmgr[1]: B5055ED921: removed\n"
	for _, cmd := range [][]string{{"parse"}, {"report", "--log", "-"}} {
		for _, y := range []string{"-5", "1969", "10000", "99999"} {
			var out, errb bytes.Buffer
			code := run(append(cmd, "--year", y), strings.NewReader(line), &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), "1970") || !strings.Contains(errb.String(), "9999") {
				t.Errorf("%s --year %s: exit %d, stderr %q; want 2 and the range", cmd[0], y, code, errb.String())
			}
		}
		var out, errb bytes.Buffer
		if code := run(append(cmd, "--year", "2026"), strings.NewReader(line), &out, &errb); code != 0 {
			t.Errorf("%s --year 2026: exit %d, stderr %q", cmd[0], code, errb.String())
		}
	}
}

// A report on a host whose postconf prints garbage says that the
// configuration could not be read, and why, rather than reasoning from a
// configuration of defaults.
func TestReportWithPostconfThatPrintsGarbage(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\nprintf 'as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3\\nKp3Hs9Jd0Lq==\\n'\n"
	if err := os.WriteFile(filepath.Join(bin, "postconf"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+":/usr/bin:/bin")
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--format", "json", "--log", "testdata/lab/postfix-lab.log", "--year", "2026"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep struct {
		Sources []struct{ Source, Health, Detail string }
		Postfix struct{ Version string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range rep.Sources {
		if s.Source == "config" {
			found = true
			if s.Health != "unavailable" || s.Detail != `postconf printed no mail_version (first line "as7aovHuK8R2mZ0Qx1Lw9PbTn4Yc3"): not Postfix's postconf` {
				t.Errorf("config state %+v", s)
			}
		}
	}
	if !found {
		t.Errorf("no config state: %+v", rep.Sources)
	}
}

// A mistyped flag or a bad value gets the error, the flag meant when one
// is close, and where the usage is, in a few lines that stay on screen;
// -h still prints every flag.
func TestFlagMistakeIsShort(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		want, help string
	}{
		{[]string{"--lgo", "x"}, "did you mean --log?", `"mxtop -h"`},
		{[]string{"report", "--lgo", "x"}, "did you mean --log?", `"mxtop report -h"`},
		{[]string{"report", "--fromat=json"}, "did you mean --format?", `"mxtop report -h"`},
		{[]string{"serve", "--lisen", "127.0.0.1:1"}, "did you mean --listen?", `"mxtop serve -h"`},
		{[]string{"report", "--since", "2"}, `invalid value "2" for flag -since`, `"mxtop report -h"`},
		{[]string{"doctor", "--log", "x"}, "flag provided but not defined: -log", `"mxtop doctor -h"`},
	} {
		var out, errb bytes.Buffer
		code := run(tc.args, strings.NewReader(""), &out, &errb)
		msg := errb.String()
		if code != 2 || !strings.Contains(msg, tc.want) || !strings.Contains(msg, tc.help) || strings.Count(msg, "\n") > 3 {
			t.Errorf("%v: exit %d, stderr (%d lines):\n%s", tc.args, code, strings.Count(msg, "\n"), msg)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"report", "-h"}, nil, &out, &errb); code != 0 || !strings.Contains(errb.String(), "-max-destinations") {
		t.Errorf("report -h: exit %d, stderr %q", code, errb.String())
	}
	if got := nearestFlag(newVersionFlags(io.Discard), "x"); got != "" {
		t.Errorf("a flag set without flags suggested %q", got)
	}
}

// mxtop report cannot follow a container: --docker without --log is a
// usage error (exit 2) that says what to do, and report -h does not offer
// it as something the report does.
func TestReportDockerIsAUsageError(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"report", "--docker", "mx"}, strings.NewReader(""), &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "docker logs -t mx 2>&1 | mxtop report --docker mx -") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	errb.Reset()
	run([]string{"report", "-h"}, nil, &out, &errb)
	if strings.Contains(errb.String(), "follow the docker logs") {
		t.Errorf("report -h offers to follow a container:\n%s", errb.String())
	}
}

// --metrics-listen on a port already taken is told before the screen
// starts, as a usage error: under the screen it was drawn over.
func TestMetricsListenPortTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out, errb bytes.Buffer
	code := run([]string{"--metrics-listen", l.Addr().String(), "--log", os.DevNull}, nil, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "another program has that port") || out.Len() != 0 {
		t.Errorf("exit %d, stderr %q, stdout %d bytes", code, errb.String(), out.Len())
	}
}

// "mxtop help report" is "mxtop report -h", as with git and go.
func TestHelpCommand(t *testing.T) {
	var want, wantErr, got, gotErr bytes.Buffer
	run([]string{"report", "-h"}, nil, &want, &wantErr)
	if code := run([]string{"help", "report"}, nil, &got, &gotErr); code != 0 {
		t.Fatalf("help report: exit %d", code)
	}
	if w := want.String() + wantErr.String(); !strings.Contains(w, "-format") || got.String()+gotErr.String() != w {
		t.Fatalf("help report printed %q\nwant %q", got.String()+gotErr.String(), w)
	}
	got.Reset()
	gotErr.Reset()
	if code := run([]string{"help", "frobnicate"}, nil, &got, &gotErr); code != 2 || !strings.Contains(gotErr.String(), `unknown command "frobnicate"`) {
		t.Fatalf("help frobnicate: exit %d, %q", code, gotErr.String())
	}
}

// mxtop serve on a port already taken says so and what to do, before it
// starts reading the log, the queue or the configuration, and never
// announces the address.
func TestServePortTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dir := t.TempDir()
	fake := filepath.Join(dir, "postconf")
	called := filepath.Join(dir, "called")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\ntouch "+called+"\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+":"+os.Getenv("PATH"))
	var out, errb bytes.Buffer
	code := run([]string{"serve", "--listen", l.Addr().String(), "--log", os.DevNull}, nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "cannot listen on "+l.Addr().String()+": another program has that port") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if strings.Contains(errb.String(), "/metrics and /report.json") || strings.Contains(errb.String(), "serving ") {
		t.Errorf("the address was announced, or the error said twice: %q", errb.String())
	}
	if _, err := os.Stat(called); err == nil {
		t.Error("postconf ran before the port was found taken")
	}
}

// --cpuprofile and --memprofile write profiles a report's replay can be
// measured by (gzipped protocol buffers, as pprof reads them); a path
// that cannot be written is an error before anything runs.
func TestReportProfiles(t *testing.T) {
	dir := t.TempDir()
	for _, flag := range []string{"--memprofile", "--cpuprofile"} {
		path := filepath.Join(dir, strings.TrimPrefix(flag, "--"))
		var out, errb bytes.Buffer
		if code := run([]string{"report", "--log", "testdata/lab/postfix-lab.log", "--year", "2026", "--postconf", "testdata/lab/postconf-n.txt", flag, path}, nil, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", flag, code, errb.String())
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s wrote %d bytes (%v), not a gzipped profile", flag, len(b), err)
		} else if flag == "--memprofile" {
			// The allocations profile holds what was allocated up to the
			// last collection, and a report's collector rarely runs: the
			// replay's own allocations must be in it all the same.
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(raw, []byte("mxtop/sources.")) || !bytes.Contains(raw, []byte("mxtop/analyzers.")) {
				t.Errorf("%s names none of the replay's parser and analyzers", flag)
			}
		}
		errb.Reset()
		if code := run([]string{"report", "--log", "testdata/lab/postfix-lab.log", flag, filepath.Join(dir, "missing", "p")}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "no such file") {
			t.Errorf("%s into a missing directory: exit %d: %s", flag, code, errb.String())
		}
	}
}

// fullWriter fails every write, as a full disk or /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// Output that cannot be written is an error, however short: a report or a
// parse small enough to sit in the output buffer until the end was lost
// with exit status 0 and nothing said.
func TestOutputToAFullDiskFails(t *testing.T) {
	log := filepath.Join(t.TempDir(), "one.log")
	os.WriteFile(log, []byte("Nov 28 04:00:00 mx1 postfix/qmgr[1]: 4A1B2C3D4E: removed\n"), 0o644)
	for _, args := range [][]string{
		{"report", "--format", "markdown", "--postconf", "testdata/lab/postconf-n.txt", "--queue", "testdata/lab/postqueue-j.jsonl", log},
		{"report", "--format", "text", "--postconf", "testdata/lab/postconf-n.txt", "--queue", "testdata/lab/postqueue-j.jsonl", log},
		{"parse", log},
		// The monitor without a terminal prints the report.
		{"--log", log, "--postconf", "testdata/lab/postconf-n.txt", "--queue", "testdata/lab/postqueue-j.jsonl"},
	} {
		var errb strings.Builder
		if code := run(args, nil, fullWriter{}, &errb); code != 1 || !strings.Contains(errb.String(), "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and the error", args, code, errb.String())
		}
	}
}

// A saved queue turns off the queue's actions only, a saved
// configuration apply and undo only.
func TestLiveActionsOffForSavedInputs(t *testing.T) {
	for _, c := range []struct {
		opts          model.Options
		queue, config bool
	}{
		{model.Options{}, true, true},
		{model.Options{QueueFile: "q"}, false, true},
		{model.Options{PostconfFile: "p"}, true, false},
		{model.Options{MasterFile: "m"}, true, false},
	} {
		a := liveActions(c.opts, true)
		if (a.Off == "") != c.queue || (a.ConfigOff == "") != c.config || a.Exec == nil {
			t.Errorf("%+v: off %q, config off %q", c.opts, a.Off, a.ConfigOff)
		}
	}
}

// The address serve announces says what the web configuration puts in
// force: a file without TLS was announced as "(TLS, basic auth)" while
// plain HTTP answered, and basic auth without TLS sends passwords in the
// clear.
func TestServeAnnouncesWhatTheWebConfigDoes(t *testing.T) {
	dir := t.TempDir()
	const hash = "$2y$10$X0pFfU6ZvFq7Qm9yDh5zUu2n8mE2Nq1lXzv0P5u1qQ2cC5hX0W9yG"
	for _, c := range []struct{ yaml, want string }{
		{"", "http://127.0.0.1:9155/metrics and /report.json: FILE sets neither TLS nor basic auth"},
		{"basic_auth_users:\n  prom: " + hash + "\n", "http://127.0.0.1:9155/metrics and /report.json: basic auth without TLS (FILE): passwords go in clear text"},
		{"tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n", "https://127.0.0.1:9155/metrics and /report.json: TLS, no password (FILE)"},
		{"tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\nbasic_auth_users:\n  prom: " + hash + "\n", "https://127.0.0.1:9155/metrics and /report.json: TLS and basic auth (FILE)"},
	} {
		file := filepath.Join(dir, "web.yml")
		os.WriteFile(file, []byte(c.yaml), 0o600)
		if got, want := serveAnnouncement("127.0.0.1:9155", file), strings.ReplaceAll(c.want, "FILE", file); got != want {
			t.Errorf("%q:\n got %s\nwant %s", c.yaml, got, want)
		}
	}
	if got := serveAnnouncement("127.0.0.1:9155", ""); got != "http://127.0.0.1:9155/metrics and /report.json" {
		t.Errorf("no web config: %s", got)
	}
}

// A --metrics-listen port that is taken says so with the monitor's own
// flag, not serve's --listen.
func TestMetricsListenPortTakenNamesItsFlag(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out, errb bytes.Buffer
	run([]string{"--metrics-listen", l.Addr().String(), "--log", os.DevNull}, nil, &out, &errb)
	if !strings.Contains(errb.String(), "another program has that port") || strings.Contains(errb.String(), "--listen ") {
		t.Errorf("stderr %q", errb.String())
	}
}

// Without a terminal the monitor prints a report and ends: --metrics-listen
// is then not served, and it says so, pointing to serve.
func TestMetricsListenWithoutATerminalSaysSo(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var out, errb bytes.Buffer
	code := run([]string{"--metrics-listen", addr, "--log", "testdata/lab/postfix-lab.log", "--year", "2026",
		"--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "--queue", "testdata/lab/postqueue-j.jsonl"}, nil, &out, &errb)
	if code != 0 || !strings.Contains(errb.String(), "not served") || !strings.Contains(errb.String(), "mxtop serve") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// parse --year dates the files named as one log starting in that year, as
// a report does: each file was dated by its own first line, so the
// January of maillog after maillog.1 went back to --year.
func TestParseYearRunsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "maillog.1")
	cur := filepath.Join(dir, "maillog")
	os.WriteFile(old, []byte("Dec 30 10:00:00 mx1 postfix/qmgr[1]: 4A1B2C3D4E: removed\n"), 0o644)
	os.WriteFile(cur, []byte("Jan  2 10:00:00 mx1 postfix/qmgr[1]: 5A1B2C3D4E: removed\n"), 0o644)
	var out, errb bytes.Buffer
	if code := runParse([]string{"--year", "2024", old, cur}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatal(code, errb.String())
	}
	if !strings.Contains(out.String(), "2025-01-02") {
		t.Errorf("the log starts in 2024, its January is 2025's:\n%s", out.String())
	}
}

// mxtop undo --config-dir DIR undoes that instance's last change, as u
// does on its screen, when instances share the backup directory; the
// command names the configuration directory it restored.
func TestUndoCommandForOneInstance(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("undo needs root")
	}
	bin := t.TempDir()
	for _, name := range []string{"postfix", "postmap", "postconf"} {
		os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\nexit 0\n"), 0o755)
	}
	t.Setenv("PATH", bin+":"+os.Getenv("PATH"))
	root := filepath.Join(t.TempDir(), "backups")
	instance := func(name string, at time.Time) string {
		dir := filepath.Join(t.TempDir(), name)
		os.Mkdir(dir, 0o755)
		mainCF := filepath.Join(dir, "main.cf")
		os.WriteFile(mainCF, []byte("before\n"), 0o644)
		plan := sources.ConfigPlan{Dir: dir, Files: []sources.FileEdit{{Path: mainCF, Old: []byte("before\n"), New: []byte("changed\n"), Existed: true, Mode: 0o644}}}
		if _, err := sources.ApplyConfig(context.Background(), sources.OSExec{}, plan, root, at); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	a := instance("postfix", time.Now())
	b := instance("postfix-out", time.Now().Add(time.Hour)) // the newest
	var out, errb bytes.Buffer
	if code := run([]string{"undo", "--backup-dir", root, "--snapshot-dir", t.TempDir(), "--config-dir", a}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if got, _ := os.ReadFile(filepath.Join(a, "main.cf")); string(got) != "before\n" {
		t.Errorf("%s not undone: %q", a, got)
	}
	if got, _ := os.ReadFile(filepath.Join(b, "main.cf")); string(got) != "changed\n" {
		t.Errorf("the other instance undone: %q", got)
	}
	if !strings.Contains(out.String(), a) {
		t.Errorf("output does not name %s:\n%s", a, out.String())
	}
}
