package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// snapshotContent renders the snapshot now: the screen as text, every pane
// in full, the ranked hints with their commands, the version timeline, the
// configuration, master.cf, and the last 200 warning and error lines; and
// the report as JSON.
func (m *Model) snapshotContent() ([]byte, []byte, error) {
	plain := ui.NewStyles(false)
	rep := m.eng.Report(analyzers.ReportOptions{Whole: m.wholeLog(), States: m.reportStates(), LogLines: 200})
	var js bytes.Buffer
	enc := json.NewEncoder(sources.NewJSONEscaper(&js))
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return nil, nil, err
	}
	var b strings.Builder
	host := m.set.Host
	fmt.Fprintf(&b, "# mxtop snapshot of %s at %s\n\n", host, time.Now().UTC().Format(time.RFC3339))
	b.WriteString("## Screen\n\n")
	v := m.view
	v.Flash = ""
	// The plain palette keeps reverse video for the selected row (the
	// terminal needs it); a file gets none.
	b.WriteString(analyzers.MarkdownBlock(ansi.Strip(ui.Render(&m.data, &v, plain, m.keys))))
	for p := ui.PaneID(0); p < ui.NumPanes; p++ {
		fmt.Fprintf(&b, "\n## %d %s\n\n", p+1, ui.PaneName(p))
		var pane strings.Builder
		for _, l := range ui.PaneContent(p, &m.data, m.view.Filter, plain, 160) {
			pane.WriteString(strings.TrimRight(l, " ") + "\n")
		}
		b.WriteString(analyzers.MarkdownBlock(pane.String()))
	}
	b.WriteString("\n## Hints with their commands\n")
	for i, h := range rep.Hints {
		b.WriteString("\n")
		analyzers.WriteMarkdownHint(&b, i+1, h)
	}
	b.WriteString("\n## Postfix versions\n\n")
	for _, vs := range m.eng.Versions {
		kind := "started"
		if vs.Reload {
			kind = "reloaded"
		}
		fmt.Fprintf(&b, "- %s %s at %s\n", analyzers.MarkdownText(vs.Version), kind, vs.FirstSeen.UTC().Format(time.RFC3339))
	}
	if cfg := m.eng.Config; cfg != nil {
		var conf, services strings.Builder
		for _, p := range rep.Config.Explicit {
			fmt.Fprintf(&conf, "%s = %s\n", p.Name, p.Value)
		}
		for _, s := range cfg.Services {
			fmt.Fprintf(&services, "%-14s %-5s %-3s %-3s %-3s %-6s %-5s %s %s\n", s.Name, s.Type, s.Private, s.Unpriv, s.Chroot, s.Wakeup, s.MaxProcRaw, s.Command, strings.Join(s.Args, " "))
		}
		b.WriteString("\n## postconf -n\n\n" + analyzers.MarkdownBlock(conf.String()))
		b.WriteString("\n## master.cf services\n\n" + analyzers.MarkdownBlock(services.String()))
	}
	b.WriteString("\n## Last 200 warning and error lines\n\n")
	var lines strings.Builder
	for _, l := range rep.Log {
		// One log line is one line of the block, whatever it held.
		lines.WriteString(strings.NewReplacer("\n", " ", "\r", " ").Replace(l) + "\n")
	}
	b.WriteString(analyzers.MarkdownBlock(lines.String()))
	return []byte(analyzers.Sanitize(b.String())), js.Bytes(), nil
}

// SnapshotDirs lists where snapshots may go, in order: the chosen
// directory, $XDG_STATE_HOME/mxtop (or ~/.local/state/mxtop), /tmp.
func SnapshotDirs(dir string) []string {
	if dir == "" {
		dir = "."
	}
	dirs := []string{dir}
	state := os.Getenv("XDG_STATE_HOME")
	if state == "" {
		if home, err := os.UserHomeDir(); err == nil {
			state = filepath.Join(home, ".local", "state")
		}
	}
	if state != "" {
		dirs = append(dirs, filepath.Join(state, "mxtop"))
	}
	return append(dirs, os.TempDir())
}

// WriteSnapshot writes name.md and name.json, named
// mxtop-<host>-<UTC yyyymmddThhmmssZ>, mode 0600, into the first writable
// directory. It never overwrites (a -2, -3, ... suffix instead) and never
// leaves a partial file: each file is written to a temporary name, synced,
// then linked into place. It returns the .md path and, when that is in a
// fallback directory, why the chosen one did not take it. Its errors say
// for each directory in a few words why not ("/var/log: permission
// denied").
func WriteSnapshot(dir, host string, t time.Time, md, js []byte) (path, fellBack string, err error) {
	if host == "" {
		host = "localhost"
	}
	host = strings.Map(func(r rune) rune {
		if r == '/' || r == os.PathSeparator || r < ' ' {
			return '_'
		}
		return r
	}, host)
	base := fmt.Sprintf("mxtop-%s-%s", host, t.UTC().Format("20060102T150405Z"))
	var errs []string
	for _, d := range SnapshotDirs(dir) {
		if d != dir && d != "." {
			if err := os.MkdirAll(d, 0o700); err != nil {
				errs = append(errs, d+": "+reason(err))
				continue
			}
		}
		path, err := writePair(d, base, md, js)
		if err == nil {
			if len(errs) > 0 {
				fellBack = errs[0]
			}
			return path, fellBack, nil
		}
		errs = append(errs, d+": "+reason(err))
	}
	return "", "", errors.New(strings.Join(errs, "; "))
}

// reason is what went wrong without the path it went wrong on: the
// directory names it, and a temporary file's name says nothing.
func reason(err error) string {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &le):
		return le.Err.Error()
	}
	return err.Error()
}

func writePair(dir, base string, md, js []byte) (string, error) {
	tmpMD, err := writeTemp(dir, md)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmpMD)
	tmpJS, err := writeTemp(dir, js)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmpJS)
	for n := 1; n < 1000; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		mdPath := filepath.Join(dir, name+".md")
		jsPath := filepath.Join(dir, name+".json")
		if exists(mdPath) || exists(jsPath) {
			continue
		}
		// Link fails when the target exists: no overwrite, even racing
		// another mxtop.
		if err := os.Link(tmpMD, mdPath); err != nil {
			if os.IsExist(err) {
				continue
			}
			return "", err
		}
		if err := os.Link(tmpJS, jsPath); err != nil {
			os.Remove(mdPath)
			if os.IsExist(err) {
				continue
			}
			return "", err
		}
		return mdPath, nil
	}
	return "", fmt.Errorf("too many snapshots named %s", base)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func writeTemp(dir string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, ".mxtop-snapshot-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(name)
		return "", err
	}
	if err := f.Chmod(0o600); err != nil {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// reportStates are the sources' states for a report of the view: beside a
// log too old for them, the queue and machine, read but left out, say why
// their sections are missing, as the report's own "not read" does.
func (m *Model) reportStates() []sources.SourceState {
	states := orderedStates(m.states)
	if !m.in.hostApart {
		return states
	}
	why := "left out: " + hostApartWhy(m.eng.Latest, m.set.Clock(), true)
	for i, s := range states {
		if m.in.leftOut(s.Source) {
			states[i].Detail = why
		}
	}
	return states
}
