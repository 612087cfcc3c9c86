// Package golden compares test output with a file kept under testdata,
// and rewrites the file when the tests run with -update.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// updating reports -update. Teatest's golden package defines that flag in
// the test binaries that import it, and Go initialises it before this one
// (unrelated packages initialise in import-path order), so this one shares
// it there and defines it everywhere else.
var updating = sharedBool("update", "rewrite golden files")

func sharedBool(name, usage string) func() bool {
	if f := flag.Lookup(name); f != nil {
		return func() bool { return f.Value.String() == "true" }
	}
	b := flag.Bool(name, false, usage)
	return func() bool { return *b }
}

// Check fails the test when got differs from the file at path; under
// -update it writes got to the file first.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; run the test with -update and review the diff\ngot:\n%s", path, got)
	}
}

// Updating reports whether the tests run with -update, for a test that
// keeps its golden file in another form than Check's.
func Updating() bool { return updating() }
