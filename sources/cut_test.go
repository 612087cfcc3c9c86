package sources

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sharedDirs are where the shared material may sit beside a checkout: next
// to the repository, or one level further up for a checkout kept in a
// subdirectory.
var sharedDirs = []string{"../../shared", "../../../shared"}

// sharedLogFiles lists the shared corpus, the real cases' maillogs and the
// lab's captured output, when present.
func sharedLogFiles(t testing.TB) []string {
	t.Helper()
	for _, dir := range sharedDirs {
		if _, err := os.Stat(filepath.Join(dir, "corpus")); err != nil {
			continue
		}
		var files []string
		files = append(files, walkFiles(t, filepath.Join(dir, "corpus"))...)
		cases, _ := filepath.Glob(filepath.Join(dir, "real-cases", "*", "maillog"))
		files = append(files, cases...)
		files = append(files, walkFiles(t, filepath.Join(dir, "lab", "captured"))...)
		return files
	}
	t.Log("shared corpus not present")
	return nil
}

// ownTestdataFiles lists every file under the repository's testdata
// directories, fuzz seeds aside (the fuzz target runs those).
func ownTestdataFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "fuzz" && strings.Contains(path, "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.Contains(filepath.ToSlash(path), "/testdata/") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func walkFiles(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

// fileLines reads a file's lines (a .gz transparently) as the log
// readers hand them over.
func fileLines(t testing.TB, path string) []string {
	t.Helper()
	rc, err := OpenLog(path)
	if err != nil {
		// A queue listing or binary data (a journal file) is refused as
		// a log, yet its lines still make cuts for the parser.
		data, rerr := os.ReadFile(path)
		if rerr != nil || !QueueListingStart(data) && !errors.Is(err, errNotText) {
			t.Fatal(err)
		}
		return strings.Split(string(data), "\n")
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}

// checkRecord returns what is wrong with r, parsed from line, or "".
func checkRecord(line string, r *Record) string {
	if len(r.Line) > MaxLineLen {
		return fmt.Sprintf("kept %d bytes", len(r.Line))
	}
	if r.Event == EvInvalid && r.Reason == "" {
		return "invalid without reason"
	}
	if strings.HasPrefix(line, "{") {
		return "" // journald fields are decoded, not substrings
	}
	for _, f := range [...]struct{ name, s string }{{"host", r.Host}, {"program", r.Program}, {"queue_id", r.QueueID},
		{"domain", r.Domain}, {"relay_ip", r.RelayIP}, {"client_ip", r.ClientIP}, {"message", r.Message}} {
		if f.name == "program" && f.s == BareProgram && r.Daemon == "" {
			continue // a bare message: no tag to find
		}
		if f.s != "" && !strings.Contains(r.Line, f.s) {
			return fmt.Sprintf("%s %q not in line", f.name, f.s)
		}
	}
	if utf8.ValidString(line) && !utf8.ValidString(r.Domain) && len(line) <= MaxLineLen {
		return fmt.Sprintf("domain split a rune: %q", r.Domain)
	}
	return ""
}

// parseSafely parses line and turns a panic into a failure text.
func parseSafely(p *Parser, line string, r *Record) (bad string) {
	defer func() {
		if e := recover(); e != nil {
			bad = fmt.Sprint("panic: ", e)
		}
	}()
	p.Parse(line, r)
	return checkRecord(line, r)
}

// TestParseEveryPrefix cuts every line of every test file at every byte
// and parses each piece, as a reader cut short, a line truncated at
// MaxLineLen or a paste cut mid-line hands it over. The shared corpus,
// larger, is cut at a deterministic sample of offsets (every third, shifted
// by the line number, and always the last eight), and so is everything
// with -short or the race detector.
func TestParseEveryPrefix(t *testing.T) {
	type set struct {
		files []string
		step  int // cut at every step-th offset (and the last bytes)
	}
	sets := []set{{ownTestdataFiles(t), 1}, {sharedLogFiles(t), 3}}
	if testing.Short() || raceDetector {
		// The race detector makes each parse about ten times slower.
		sets[0].step, sets[1].step = 7, 17
	}
	var r Record
	cuts, failed := 0, map[string]string{}
	for _, s := range sets {
		for _, path := range s.files {
			p := fixedParser()
			for n, line := range fileLines(t, path) {
				for i := 0; i <= len(line); i++ {
					if s.step > 1 && (i+n)%s.step != 0 && i < len(line)-8 {
						continue
					}
					cuts++
					if bad := parseSafely(p, line[:i], &r); bad != "" {
						if _, seen := failed[line]; !seen {
							failed[line] = fmt.Sprintf("%s:%d cut at %d: %s", path, n+1, i, bad)
						}
						break
					}
				}
			}
		}
	}
	t.Logf("%d cuts parsed", cuts)
	for line, why := range failed {
		t.Errorf("%s\n  %q", why, line)
	}
}
