package model

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"mxtop/analyzers"
)

// The same lines give the same hints however an admin copied them: without
// their syslog header, out of docker compose, with RFC 3339 or journalctl's
// short-iso stamps, as RFC 5424, with CRLF ends, indented as a Markdown code
// block, quoted in a mail reply, out of grep over several files, with
// grep's or cat -n's line numbers, or run together on one line where a page lost the breaks.
// On each signal the lab's real Postfix wrote and, when they are beside
// the checkout, on the real incidents' logs (not run together: a delivery
// is never cut, see splitRunOn).
func TestHintsSurviveRepasting(t *testing.T) {
	data, err := os.ReadFile("../testdata/lab/signal-examples.log")
	if err != nil {
		t.Fatal(err)
	}
	type sample struct {
		name    string
		lines   []string
		oneLine bool
	}
	var samples []sample
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "## "):
			samples = append(samples, sample{name: l[3:], oneLine: true})
		case strings.TrimSpace(l) != "" && len(samples) > 0:
			samples[len(samples)-1].lines = append(samples[len(samples)-1].lines, l)
		}
	}
	for _, dir := range []string{"../../shared", "../../../shared"} {
		cases, _ := filepath.Glob(filepath.Join(dir, "real-cases", "*", "maillog"))
		for _, c := range cases {
			b, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			samples = append(samples, sample{name: filepath.Base(filepath.Dir(c)), lines: strings.Split(strings.TrimRight(string(b), "\n"), "\n")})
		}
		if len(cases) > 0 {
			break
		}
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	hints := func(t *testing.T, lines []string) []hintKey {
		t.Helper()
		path := filepath.Join(dir, "maillog")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := RunReport(context.Background(), Options{Logs: []string{path}, PostconfFile: "../testdata/lab/postconf-n.txt",
			MasterFile: "../testdata/lab/postconf-M.txt", Now: func() time.Time { return now }}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return hintKeys(res.Engine.Report(analyzers.ReportOptions{Whole: true, GeneratedAt: now}).Hints)
	}
	checked := 0
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			want := hints(t, s.lines)
			if len(want) == 0 {
				return
			}
			checked++
			for _, v := range repastes(s.lines, s.oneLine) {
				if got := hints(t, v.lines); !slices.Equal(got, want) {
					t.Errorf("%s: hints %v, as pasted whole %v\n%s", v.name, got, want, strings.Join(v.lines, "\n"))
				}
			}
		})
	}
	if checked < 10 {
		t.Fatalf("only %d samples gave a hint to compare", checked)
	}
}

var syslogHeader = regexp.MustCompile(`^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\S+) ([^\s\[]+)\[(\d+)\]: (.*)$`)

type repaste struct {
	name  string
	lines []string
}

// repastes gives lines as admins paste them from other tools and pages.
// A variant changes only lines with an RFC 3164 header: the others came
// in some shape already.
func repastes(lines []string, oneLine bool) []repaste {
	each := func(f func(m []string) string) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = l
			if m := syslogHeader.FindStringSubmatch(l); m != nil {
				out[i] = f(m)
			}
		}
		return out
	}
	prefix := func(p func(i int) string) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = l
			if syslogHeader.MatchString(l) {
				out[i] = p(i) + l
			}
		}
		return out
	}
	text := func(p string) func(int) string { return func(int) string { return p } }
	iso := func(m []string, frac, offset string) string {
		mon, _ := time.Parse("Jan", m[1])
		day, _ := strconv.Atoi(strings.TrimSpace(m[2]))
		return fmt.Sprintf("2026-%02d-%02dT%s%s%s", int(mon.Month()), day, m[3], frac, offset)
	}
	out := []repaste{
		{"without the header", each(func(m []string) string { return m[5] + "[" + m[6] + "]: " + m[7] })},
		{"docker compose", prefix(text("mailserver-1  | "))},
		{"RFC 3339", each(func(m []string) string {
			return iso(m, ".123456", "+00:00") + " " + m[4] + " " + m[5] + "[" + m[6] + "]: " + m[7]
		})},
		{"short-iso", each(func(m []string) string {
			return iso(m, "", "+0000") + " " + m[4] + " " + m[5] + "[" + m[6] + "]: " + m[7]
		})},
		{"RFC 5424", each(func(m []string) string {
			return "<22>1 " + iso(m, ".123Z", "") + " " + m[4] + " " + m[5] + " " + m[6] + " - - " + m[7]
		})},
		{"CRLF", each(func(m []string) string { return m[0] + "\r" })},
		{"code block", prefix(text("    "))},
		{"quoted reply", prefix(text("> "))},
		{"grep over files", prefix(text("/var/log/mail.log.1:"))},
		{"grep -n", prefix(func(i int) string { return strconv.Itoa(120+i) + ":" })},
		{"cat -n", prefix(func(i int) string { return fmt.Sprintf("%6d\t", i+1) })},
	}
	if oneLine && len(lines) <= 6 {
		out = append(out, repaste{"one line", []string{strings.Join(lines, " ")}})
	}
	return out
}
