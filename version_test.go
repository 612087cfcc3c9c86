package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func writeFile(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }

func TestReadBuild(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "5ec1d91c0ffee"},
		{Key: "vcs.time", Value: "2026-11-30T14:12:11Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	devel := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "mxtop", Version: "(devel)"}, Settings: vcs}
	for _, tc := range []struct {
		name, stamped string
		bi            *debug.BuildInfo
		want          build
	}{
		{"stamped wins over (devel)", "v1.2.0-3-g5ec1d91-dirty", devel,
			build{Version: "v1.2.0-3-g5ec1d91-dirty", Revision: "5ec1d91c0ffee", Time: "2026-11-30T14:12:11Z", Modified: true, Go: "go1.26.8"}},
		{"plain build", "", devel,
			build{Version: "(devel)", Revision: "5ec1d91c0ffee", Time: "2026-11-30T14:12:11Z", Modified: true, Go: "go1.26.8"}},
		{"module version from go build's VCS stamp", "",
			&debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "v0.0.0-20261130141211-5ec1d91c0ffe"}},
			build{Version: "v0.0.0-20261130141211-5ec1d91c0ffe", Go: "go1.26.1"}},
		{"no build info", "", nil, build{Version: "(devel)", Go: runtime.Version()}},
	} {
		if got := readBuild(tc.stamped, tc.bi); got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
	line := versionLine(build{Version: "v1.2.0", Revision: "abc", Time: "2026-11-30T14:12:11Z", Modified: true, Go: "go1.26.8"})
	if want := "mxtop v1.2.0 (revision abc, 2026-11-30T14:12:11Z, modified; go1.26.8 " + runtime.GOOS + "/" + runtime.GOARCH + ")"; line != want {
		t.Errorf("versionLine:\n got %s\nwant %s", line, want)
	}
	if line := versionLine(build{Version: "(devel)", Go: "go1.26.8"}); !strings.Contains(line, "revision unknown") {
		t.Errorf("versionLine without VCS: %s", line)
	}
}

// Builds mxtop with the link-time stamps scripts/release.sh uses and asks
// the binary itself: -X silently ignores a variable that does not exist.
func TestVersionOfStampedBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mxtop")
	ldflags := "-X main.version=v9.8.7-test -X main.revision=0123abcd -X main.revisionTime=2026-11-30T14:12:11Z"
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", ldflags, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"--version"}, {"version"}, {"-version"}, {"--demo", "--version"}} {
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("mxtop %s: %v", args, err)
		}
		want := "mxtop v9.8.7-test (revision 0123abcd, 2026-11-30T14:12:11Z; " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
		if string(out) != want {
			t.Errorf("mxtop %s:\n got %q\nwant %q", args, out, want)
		}
	}
}

// In a primary git checkout go build records the commit; the binary names it.
func TestVersionNamesTheBuiltCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	gitDir, err1 := exec.Command("git", "rev-parse", "--absolute-git-dir").Output()
	common, err2 := exec.Command("git", "rev-parse", "--path-format=absolute", "--git-common-dir").Output()
	head, err3 := exec.Command("git", "rev-parse", "HEAD").Output()
	if err1 != nil || err2 != nil || err3 != nil {
		t.Skip("not in a git checkout")
	}
	if string(gitDir) != string(common) {
		t.Skip("a linked worktree: go build records no commit there")
	}
	bin := filepath.Join(t.TempDir(), "mxtop")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if rev := strings.TrimSpace(string(head)); !strings.Contains(string(out), "(revision "+rev+", ") {
		t.Errorf("mxtop version: %q does not name HEAD %s", out, rev)
	}
}
