package model

import (
	"context"
	"fmt"
	"maps"
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
// block, quoted in a mail reply, or run together on one line where a page
// lost the breaks. On each signal the lab's real Postfix wrote.
func TestHintsSurviveRepasting(t *testing.T) {
	data, err := os.ReadFile("../testdata/lab/signal-examples.log")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{}
	var name string
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "## "):
			name = l[3:]
		case strings.TrimSpace(l) != "" && name != "":
			sections[name] = append(sections[name], l)
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
	for _, name := range slices.Sorted(maps.Keys(sections)) {
		lines := sections[name]
		t.Run(name, func(t *testing.T) {
			want := hints(t, lines)
			if len(want) == 0 {
				return
			}
			checked++
			for _, v := range repastes(t, lines) {
				if got := hints(t, v.lines); !slices.Equal(got, want) {
					t.Errorf("%s: hints %v, as pasted whole %v\n%s", v.name, got, want, strings.Join(v.lines, "\n"))
				}
			}
		})
	}
	if checked < 10 {
		t.Fatalf("only %d signals gave a hint to compare", checked)
	}
}

var syslogHeader = regexp.MustCompile(`^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\S+) ([^\s\[]+)\[(\d+)\]: (.*)$`)

type repaste struct {
	name  string
	lines []string
}

// repastes gives lines as admins paste them from other tools and pages.
func repastes(t *testing.T, lines []string) []repaste {
	t.Helper()
	var ms [][]string
	for _, l := range lines {
		m := syslogHeader.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not an RFC 3164 line: %q", l)
		}
		ms = append(ms, m)
	}
	each := func(f func(m []string) string) []string {
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = f(m)
		}
		return out
	}
	prefix := func(p string) []string {
		return each(func(m []string) string { return p + m[0] })
	}
	iso := func(m []string, frac, offset string) string {
		mon, _ := time.Parse("Jan", m[1])
		day, _ := strconv.Atoi(strings.TrimSpace(m[2]))
		return fmt.Sprintf("2026-%02d-%02dT%s%s%s", int(mon.Month()), day, m[3], frac, offset)
	}
	out := []repaste{
		{"without the header", each(func(m []string) string { return m[5] + "[" + m[6] + "]: " + m[7] })},
		{"docker compose", prefix("mailserver-1  | ")},
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
		{"code block", prefix("    ")},
		{"quoted reply", prefix("> ")},
	}
	if len(lines) <= 6 {
		out = append(out, repaste{"one line", []string{strings.Join(lines, " ")}})
	}
	return out
}
