package sources

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"mxtop/internal/golden"
)

// recordsGoldenInputs are the logs whose every record the golden file
// holds: real lines (the lab, the corpus, the everyday fixture), the
// generator's mix, the parser's own test lines and the fuzzing seeds.
var recordsGoldenInputs = []string{
	"../testdata/lab/postfix-lab.log",
	"../testdata/lab/signal-examples.log",
	"../analyzers/testdata/everyday.log",
	"testdata/corpus/*.log",
	"testdata/corpus/*.txt",
	"testdata/bench-mix.log.gz",
	"testdata/fuzz/FuzzParse/*",
}

// TestRecordsGolden parses every line of recordsGoldenInputs and compares
// each record, field by field, with testdata/records.golden.gz: a change
// to the parser that changes any field of any of these records shows as
// the line and its fields before and after.
func TestRecordsGolden(t *testing.T) {
	var buf bytes.Buffer
	p := fixedParser()
	for _, pattern := range recordsGoldenInputs {
		paths, err := filepath.Glob(pattern)
		if err != nil || len(paths) == 0 {
			t.Fatalf("%s: no input (%v)", pattern, err)
		}
		for _, path := range paths {
			for i, line := range goldenLines(t, path) {
				if strings.HasPrefix(path, "testdata/bench-mix") && i%4 != 0 {
					continue // generated: a sample of its 20,000 lines is enough
				}
				var r Record
				p.Parse(line, &r)
				fmt.Fprintf(&buf, "%s:%d %q\n%s\n", filepath.Base(path), i+1, line, dumpRecord(&r))
			}
		}
	}
	const path = "testdata/records.golden.gz"
	var want string
	if f, err := os.Open(path); err == nil {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want = string(b)
	}
	got := buf.String()
	if got == want {
		return
	}
	// golden.Check keeps text files; this one is compressed, so it is
	// compared and rewritten here.
	if golden.Updating() {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write([]byte(got))
		zw.Close()
		if err := os.WriteFile(path, z.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	shown := 0
	for i := 0; i < len(g) && i < len(w) && shown < 5; i++ {
		if g[i] != w[i] {
			head := ""
			if i > 0 {
				head = g[i-1] + "\n"
			}
			t.Errorf("record changed:\n%s  want %s\n  got  %s", head, w[i], g[i])
			shown++
		}
	}
	if len(g) != len(w) {
		t.Errorf("%d golden lines, want %d", len(g), len(w))
	}
	t.Log("if the change is meant, rerun with -update")
}

// goldenLines reads a file's lines, gunzipping a .gz.
func goldenLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		in = zr
	}
	if strings.Contains(path, "testdata/fuzz/") {
		// A fuzzing seed file: "go test fuzz v1" and one string literal.
		b, err := io.ReadAll(in)
		if err != nil {
			t.Fatal(err)
		}
		return []string{string(b)}
	}
	var lines []string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineLen+2)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// dumpRecord writes every field of r that is not its zero value, by
// name in alphabetical order (so moving a field within Record changes
// nothing here), as "name=value" on one line.
func dumpRecord(r *Record) string {
	v := reflect.ValueOf(r).Elem()
	fields := make([]string, 0, v.NumField())
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		if name == "Line" || f.IsZero() {
			continue
		}
		if name == "Known" {
			// By the entry's id: an index shifts whenever an entry is
			// inserted before it.
			fields = append(fields, "Known="+KnownMessages[r.Known-1].ID)
			continue
		}
		switch x := f.Interface().(type) {
		case string:
			fields = append(fields, fmt.Sprintf("%s=%q", name, x))
		case time.Time:
			fields = append(fields, fmt.Sprintf("%s=%s", name, x.UTC().Format(time.RFC3339Nano)))
		case fmt.Stringer:
			fields = append(fields, fmt.Sprintf("%s=%s", name, x))
		default:
			fields = append(fields, fmt.Sprintf("%s=%v", name, x))
		}
	}
	sort.Strings(fields)
	return strings.Join(fields, " ")
}
