package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is stamped at link time by scripts/release.sh
// (-ldflags "-X main.version=..."); it wins over the module version that
// go build records, which is "(devel)" for a plain build of a checkout.
var version string

// revision and revisionTime are stamped the same way only where go build
// cannot record the commit itself: it does not recognise a linked git
// worktree (whose .git is a file).
var revision, revisionTime string

// build is what `mxtop version` tells about the running binary.
type build struct {
	Version  string
	Revision string // VCS commit, empty when the build recorded none
	Time     string // commit time, RFC 3339
	Modified bool   // the work tree had uncommitted changes
	Go       string
}

// buildInfo reads the running binary's build information.
func buildInfo() build {
	bi, _ := debug.ReadBuildInfo()
	b := readBuild(version, bi)
	if b.Revision == "" {
		b.Revision, b.Time = revision, revisionTime
	}
	return b
}

func readBuild(stamped string, bi *debug.BuildInfo) build {
	b := build{Version: stamped, Go: runtime.Version()}
	if bi != nil {
		if bi.GoVersion != "" {
			b.Go = bi.GoVersion
		}
		if b.Version == "" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	return b
}

// versionLine is one line: version, revision and its time, Go version and
// platform, e.g. "mxtop v1.2.0 (revision 5ec1d91…, 2026-11-30T14:12:11Z;
// go1.26.8 linux/amd64)".
func versionLine(b build) string {
	var parts []string
	if b.Revision == "" {
		parts = append(parts, "revision unknown")
	} else {
		parts = append(parts, "revision "+b.Revision)
		if b.Time != "" {
			parts = append(parts, b.Time)
		}
		if b.Modified {
			parts = append(parts, "modified")
		}
	}
	return fmt.Sprintf("mxtop %s (%s; %s %s/%s)", b.Version, strings.Join(parts, ", "), b.Go, runtime.GOOS, runtime.GOARCH)
}
