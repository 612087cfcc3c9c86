package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("screen\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, got string
		fail      bool
	}{
		{path, "screen\n", false},
		{path, "screen", true},
		{path + ".missing", "screen\n", true},
	} {
		r := &recorder{TB: t}
		Check(r, tc.path, tc.got)
		if r.failed != tc.fail {
			t.Errorf("%s %q: failed %v", tc.path, tc.got, r.failed)
		}
	}
}
