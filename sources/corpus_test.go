package sources

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDirs are read in turn: the permissively licensed copies kept here,
// then the shared corpus of real Postfix lines from public projects when
// present (some of it is copyleft and so is read in place, not copied).
var corpusDirs = []string{"testdata/corpus", "../testdata/lab", sharedCorpusDir()}

func sharedCorpusDir() string {
	for _, dir := range sharedDirs {
		if _, err := os.Stat(filepath.Join(dir, "corpus")); err == nil {
			return filepath.Join(dir, "corpus")
		}
	}
	return filepath.Join(sharedDirs[0], "corpus")
}

// corpusLines yields every log line of the corpus as a syslog line. The
// grok-pattern samples are message bodies without a header: they get a
// synthetic one naming the daemon their file is named after.
// It returns whether the shared corpus was read.
func corpusLines(t testing.TB, fn func(file, line string)) bool {
	t.Helper()
	shared := true
	for _, dir := range corpusDirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("corpus not present at %s: %v", dir, err)
			shared = false
			continue
		}
		walkCorpus(t, dir, fn)
	}
	return shared
}

func walkCorpus(t testing.TB, dir string, fn func(file, line string)) {
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".txt") && strings.Contains(path, "lab") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		base := filepath.Base(path)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasSuffix(path, ".yaml") {
				if !strings.HasPrefix(line, "data: ") {
					continue
				}
				body := strings.Trim(strings.TrimPrefix(line, "data: "), `"'`)
				daemon := base[:strings.LastIndexByte(base, '_')]
				if daemon == "tls_features" || daemon == "command_counter_data" {
					continue // fragments of a message, not whole lines
				}
				line = "Nov 28 10:00:00 host postfix/" + daemon + "[1]: " + strings.ReplaceAll(body, `\"`, `"`)
			}
			fn(base, line)
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorpus(t *testing.T) {
	p := NewParser()
	var r Record
	postfix, known, tooMany, tooManyConn := 0, 0, 0, 0
	unknown := map[string]int{}
	shared := corpusLines(t, func(file, line string) {
		p.Parse(line, &r)
		if !r.IsPostfix() {
			return
		}
		postfix++
		if r.Event != EvUnknown {
			known++
		} else if len(unknown) < 400 {
			unknown[r.Daemon+": "+trimForLog(r.Message)]++
		}
		if (r.Event == EvDelivery || r.Event == EvAttempt) && strings.Contains(strings.ToLower(r.Reason), "too many connections") {
			tooMany++
			if r.Class == ClassConnLimit {
				tooManyConn++
			} else {
				t.Errorf("%s: class %v, want conn_limit: %s", file, r.Class, line)
			}
		}
	})
	share := float64(known) / float64(postfix)
	t.Logf("postfix lines %d, known event %d (%.2f%%); too-many-connections deliveries %d, conn_limit %d",
		postfix, known, 100*share, tooMany, tooManyConn)
	if share < 0.99 || testing.Verbose() {
		for k, v := range unknown {
			t.Logf("unknown x%d: %s", v, k)
		}
	}
	if share < 0.99 {
		t.Errorf("known-event share %.4f, want >= 0.99", share)
	}
	if shared && tooMany < 300 {
		t.Errorf("found %d too-many-connections deliveries, expected several hundred", tooMany)
	}
}

// IsPostfix reports whether the line came from a Postfix program.
func (r *Record) IsPostfix() bool { return r.Event != EvOther && r.Event != EvInvalid }

func trimForLog(s string) string {
	if len(s) > 80 {
		return s[:80]
	}
	return s
}
