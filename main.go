// Command mxtop is a terminal monitor for Postfix mail servers that
// explains "too many connections" failures.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"mxtop/analyzers"
	"mxtop/internal/quietenv"
	"mxtop/model"
	"mxtop/sources"
)

const usage = `mxtop: a live monitor for Postfix "too many connections" trouble

Usage:
  mxtop [flags]                        the live monitor (mxtop --demo replays an incident)
  mxtop doctor [--config-dir DIR]      what mxtop can read on this host, and why not
  mxtop serve [--listen ADDR] [flags]  headless: Prometheus /metrics and /report.json
  mxtop report [flags] [FILE...]       analyse a log after the fact (text, markdown or JSON)
  mxtop parse [--year N] [FILE...|-]   print each log line as a JSON record (JSON Lines)
  mxtop undo [--backup-dir DIR] [--snapshot-dir DIR] [--config-dir DIR] [--docker NAME]
                                       restore the files of the last change applied from the screen, and reload
  mxtop version                        the version, VCS revision and Go version of this build

Run "mxtop COMMAND -h" for the flags of a command.
`

func main() {
	// Signals first: one that came before mxtop handles them would end it
	// at once and leave the commands it had started running.
	catchSignals()
	// No heap profile unless --memprofile asks (it sets its own rate):
	// each sample records a stack in memory of its own, which on a
	// one-shot replay costs page faults for nothing.
	runtime.MemProfileRate = 0
	quietenv.Restore()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	// However mxtop ends (q, a signal), no command it started outlives it.
	sources.KillCommands()
	os.Exit(code)
}

// run dispatches a command line; it returns the process exit code
// (2 for usage errors).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		return runTUI(args, stdout, stderr)
	}
	switch args[0] {
	case "parse":
		return runParse(args[1:], stdin, stdout, stderr)
	case "report":
		return runReport(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stderr)
	case "doctor":
		return runDoctor(args[1:], stdout, stderr)
	case "undo":
		return runUndo(args[1:], stdout, stderr)
	case "version":
		fs := newVersionFlags(stderr)
		if code, ok := parseFlags(fs, args[1:]); !ok {
			return code
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "mxtop version: takes no arguments, not %q\n", fs.Arg(0))
			return 2
		}
		fmt.Fprintln(stdout, versionLine(buildInfo()))
		return 0
	case "man":
		// Hidden: writes the manual page, built from the flag sets below.
		if err := writeMan(stdout, buildInfo()); err != nil {
			fmt.Fprintln(stderr, "mxtop man:", err)
			return 1
		}
		return 0
	case "-h", "--help", "help":
		if args[0] == "help" && len(args) > 1 && args[1] != "help" && !strings.HasPrefix(args[1], "-") {
			return run([]string{args[1], "-h"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage+"\nFlags of the live monitor:\n")
		runTUI([]string{"-h"}, stdout, stdout)
		return 0
	}
	fmt.Fprintf(stderr, "mxtop: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// sourceFlags are the flags every command that reads Postfix shares.
type sourceFlags struct {
	logs             stringList
	journal          bool
	journalDir       string
	docker           string
	configDirRel     string // --config-dir as given, when relative
	since            time.Duration
	postconf, master string
	queue            string
	configDir        string
	instance         string
	year             int
	maxDest          int
}

func (f *sourceFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.logs, "log", "mail log file (repeatable; gzip, bzip2, xz, zstd and lz4 read transparently; - for stdin)")
	fs.BoolVar(&f.journal, "journal", false, "read the systemd journal (Postfix's identifiers and the mail facility)")
	fs.StringVar(&f.journalDir, "journal-dir", "", "read the journal files in this directory, e.g. copied from another host (DIR; implies --journal)")
	fs.StringVar(&f.docker, "docker", "", "Postfix runs in this container (`NAME` or id): postconf and postqueue run with docker exec in it, and without --log its docker logs are followed")
	durationVar(fs, &f.since, "since", 0, 0, "2h", "only the last `duration` of the log (e.g. 2h)")
	fs.StringVar(&f.postconf, "postconf", "", "saved postconf -n (or full postconf) output instead of asking postconf (FILE)")
	fs.StringVar(&f.master, "master", "", "saved postconf -M output or a master.cf (FILE)")
	fs.StringVar(&f.queue, "queue", "", "saved postqueue -j or postqueue -p output instead of asking postqueue (FILE)")
	fs.Var(relConfigDir{(*configDirFlag)(&f.configDir), &f.configDirRel}, "config-dir", "Postfix configuration directory of the instance to read (`DIR`)")
	fs.StringVar(&f.instance, "instance", "", "Postfix instance name (postmulti -l)")
	yearVar(fs, &f.year)
	fs.IntVar(&f.maxDest, "max-destinations", 5000, "destinations tracked one by one (1 to 200000); the rest are summed as (other)")
}

// check refuses source flags that contradict each other: where both name
// the log (or the configuration), one would be dropped without a word and
// another log read than the one asked for.
func (f *sourceFlags) check() error {
	var named []string
	if len(f.logs) > 0 {
		named = append(named, "--log")
	}
	if f.journalDir != "" {
		named = append(named, "--journal-dir")
	} else if f.journal {
		named = append(named, "--journal")
	}
	// --docker names the log too, unless --log does: then it says only
	// where Postfix's commands run.
	if f.docker != "" && len(f.logs) == 0 {
		named = append(named, "--docker")
	}
	switch {
	case f.docker != "" && sources.CheckContainerName(f.docker) != nil:
		return sources.CheckContainerName(f.docker)
	case f.docker != "" && f.configDirRel != "":
		return fmt.Errorf("--config-dir %s: with --docker the directory is the container's: give its full path there (such as /etc/postfix-out)", f.configDirRel)
	case len(named) > 1:
		if f.docker != "" {
			return fmt.Errorf("%s: each names the log to read; give one (--docker NAME beside --log FILE reads the file, and runs Postfix's commands in the container)", strings.Join(named, " and "))
		}
		return fmt.Errorf("%s: each names the log to read; give one", strings.Join(named, " and "))
	case len(f.logs) > 1 && slices.Contains(f.logs, "-"):
		return errors.New("--log - (standard input) is read alone: name the files, or pipe them all into --log -")
	case f.configDir != "" && f.instance != "":
		return errors.New("--config-dir and --instance: each names the configuration to read; give one")
	case f.maxDest < 1 || f.maxDest > maxDestinations:
		return fmt.Errorf("--max-destinations must be 1 to %d (each takes about 2.5 KiB), not %d", maxDestinations, f.maxDest)
	}
	return nil
}

// exec runs Postfix's commands: on this host, or with --docker inside
// the container.
func (f *sourceFlags) exec() sources.Exec {
	if f.docker != "" {
		return sources.DockerExec{Host: sources.OSExec{}, Container: f.docker}
	}
	return sources.OSExec{}
}

// relConfigDir is --config-dir for the commands that may run Postfix in a
// container, where a relative directory would be the host's: it keeps
// the directory as given when it is relative.
type relConfigDir struct {
	dir *configDirFlag
	rel *string
}

func (r relConfigDir) String() string {
	if r.dir == nil {
		return ""
	}
	return r.dir.String()
}

func (r relConfigDir) Set(s string) error {
	*r.rel = ""
	if s != "" && !filepath.IsAbs(s) {
		*r.rel = s
	}
	return r.dir.Set(s)
}

// maxDestinations bounds --max-destinations: about 500 MiB of destinations.
const maxDestinations = 200000

func (f *sourceFlags) options(ctx context.Context, ex sources.Exec) (model.Options, error) {
	if err := f.check(); err != nil {
		return model.Options{}, err
	}
	o := model.Options{Logs: f.logs, Journal: f.journal, JournalDir: f.journalDir, Docker: f.docker, Since: f.since, PostconfFile: f.postconf,
		MasterFile: f.master, QueueFile: f.queue, ConfigDir: f.configDir, Year: f.year, MaxDest: f.maxDest, Exec: ex}
	if f.instance != "" && f.configDir == "" {
		list, err := sources.ListInstances(ctx, ex)
		if err != nil {
			// postmulti logs its fatal to syslog, not to its stderr:
			// the admin would learn only its exit status.
			saved := ""
			if f.postconf == "" {
				saved = ", or read its saved postconf -n and postconf -M output with --postconf FILE and --master FILE"
			}
			return o, fmt.Errorf("--instance %s: %w: postmulti lists the instances only where Postfix's configuration is (/etc/postfix/main.cf, with multi_instance_directories); give the instance's configuration directory with --config-dir DIR instead (such as --config-dir /etc/%s)%s", f.instance, err, f.instance, saved)
		}
		for _, in := range list {
			if in.Name == f.instance {
				o.ConfigDir = in.ConfigDir
			}
		}
		o.Instances = list
		if o.ConfigDir == "" {
			return o, fmt.Errorf("--instance %s: no such instance in postmulti -l", f.instance)
		}
	}
	return o, nil
}

// configDirVar defines --config-dir, made absolute where it is given: the
// hints' commands name it with -c and the backups record it, and a
// relative one would mean another directory where a command is pasted.
func configDirVar(fs *flag.FlagSet, p *string, usage string) {
	fs.Var((*configDirFlag)(p), "config-dir", usage)
}

type configDirFlag string

func (d *configDirFlag) String() string {
	if d == nil {
		return ""
	}
	return string(*d)
}

func (d *configDirFlag) Set(s string) error {
	if s == "" {
		*d = "" // the default instance's, as without the flag
		return nil
	}
	abs, err := filepath.Abs(s)
	if err != nil {
		return err
	}
	*d = configDirFlag(abs)
	return nil
}

// yearVar defines --year, for report, serve, the live view and parse.
func yearVar(fs *flag.FlagSet, p *int) {
	fs.Var((*yearFlag)(p), "year", "year (`N`, 1970 to 9999) the log starts in, for timestamps that carry none; past New Year the next (default: inferred from the log's end)")
}

// yearFlag is --year: a year outside what a log can carry would make
// every line's timestamp invalid, so it is refused where it is given.
type yearFlag int

func (y *yearFlag) String() string {
	if y == nil || *y == 0 {
		return ""
	}
	return strconv.Itoa(int(*y))
}

func (y *yearFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1970 || n > 9999 {
		return fmt.Errorf("not a year from 1970 to 9999")
	}
	*y = yearFlag(n)
	return nil
}

// Floors of the intervals that pace a loop: below them a redraw, a
// postqueue run or a machine sample would follow the last with no pause
// and burn the CPU the monitored host needs.
const (
	minRefresh         = 50 * time.Millisecond
	minQueueInterval   = time.Second
	minMachineInterval = time.Second
)

// minQueueTimeout is the shortest postqueue timeout: below it no postqueue
// answers, and the queue pane would only ever say it timed out.
const minQueueTimeout = 100 * time.Millisecond

// speedFlag is the demo's speed: a finite number above 0 (at 0 or below
// the demo would stand still, at infinity it would be over at once).
type speedFlag float64

func (f *speedFlag) String() string {
	if f == nil {
		return "0"
	}
	return strconv.FormatFloat(float64(*f), 'g', -1, 64)
}

func (f *speedFlag) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return errors.New("not a number greater than 0: times real time, e.g. 10")
	}
	*f = speedFlag(v)
	return nil
}

// durationFlag is a duration flag that says what it takes when a value
// is not one, and refuses values below min.
type durationFlag struct {
	d       *time.Duration
	min     time.Duration
	example string // a value to show, such as the default
}

// durationVar defines a durationFlag.
func durationVar(fs *flag.FlagSet, p *time.Duration, name string, value, min time.Duration, example, usage string) {
	*p = value
	fs.Var(durationFlag{p, min, example}, name, usage)
}

// duration defines a durationFlag and returns where its value is kept, as
// flag.Duration does.
func duration(fs *flag.FlagSet, name string, value, min time.Duration, example, usage string) *time.Duration {
	p := new(time.Duration)
	durationVar(fs, p, name, value, min, example, usage)
	return p
}

// intervalFlags define the queue's and the machine's sampling intervals,
// which the live view and serve share.
func intervalFlags(fs *flag.FlagSet) (queue, machine *time.Duration) {
	return duration(fs, "queue-interval", 10*time.Second, minQueueInterval, "10s", "how often to run postqueue -j, a `duration` of at least 1s"),
		duration(fs, "machine-interval", 2*time.Second, minMachineInterval, "2s", "how often to sample load, processes and sockets, a `duration` of at least 1s")
}

// queueTimeoutFlag defines the bound on each postqueue reading, which the
// live view and serve share: a large queue on a busy disk takes longer
// than the default to list.
func queueTimeoutFlag(fs *flag.FlagSet) *time.Duration {
	return duration(fs, "queue-timeout", sources.CommandTimeout, minQueueTimeout, "5s", "kill postqueue after this long, a `duration` of at least 100ms")
}

func (f durationFlag) String() string {
	if f.d == nil {
		return time.Duration(0).String() // as the flag package's own, so -h leaves out a 0 default
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		msg := fmt.Sprintf("not a duration: a number and a unit (ms, s, m or h), e.g. %s, up to %dh", f.example, int64(math.MaxInt64/int64(time.Hour)))
		// Days are the unit people reach for and Go has none.
		if n, err := strconv.ParseFloat(strings.TrimSuffix(s, "d"), 64); err == nil && strings.HasSuffix(s, "d") && n >= 0 {
			msg += fmt.Sprintf(": days as hours, %s is %gh", s, n*24)
		}
		return errors.New(msg)
	}
	if d < f.min {
		if f.min == 0 {
			return fmt.Errorf("negative: give how far back, e.g. %s", f.example)
		}
		return fmt.Errorf("too short: at least %s", f.min)
	}
	*f.d = d
	return nil
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; -h prints the command's whole usage, and a
// mistake only the error, the flag meant when one is close, and where
// the usage is: the usage's fifty lines would push the error off the
// screen.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	full := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = full }()
	err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			full()
			return 0, false
		}
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
			if near := nearestFlag(fs, name); near != "" {
				fmt.Fprintf(fs.Output(), "did you mean --%s?\n", near)
			}
		}
		help := "mxtop -h"
		if fs.Name() != "mxtop" {
			help = "mxtop " + fs.Name() + " -h"
		}
		fmt.Fprintf(fs.Output(), "Run %q for the flags.\n", help)
		return 2, false
	}
	return 0, true
}

// parseInterspersed parses args as fs.Parse does, but takes flags after
// the files too ("mxtop report mail.log --format json"); "--" ends the
// flags, and "-" (standard input) is no flag. fs.Args() then holds the
// files in their order.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if at := len(args) - len(rest); at > 0 && args[at-1] == "--" {
			files = append(files, rest...) // Parse stopped at "--"
			break
		}
		i := 0
		for i < len(rest) && (len(rest[i]) < 2 || rest[i][0] != '-') {
			i++
		}
		files = append(files, rest[:i]...)
		if i == len(rest) {
			break
		}
		args = rest[i:]
	}
	return fs.Parse(append([]string{"--"}, files...))
}

// nearestFlag is the flag of fs that name is a typo of: at most two
// letters added, dropped, changed or swapped, or a start of only one
// flag's name; "" when none or several are as close.
func nearestFlag(fs *flag.FlagSet, name string) string {
	name = strings.TrimLeft(strings.SplitN(name, "=", 2)[0], "-")
	best, bestD, tie := "", 3, false
	var prefixed []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(name) >= 3 && strings.HasPrefix(f.Name, name) {
			prefixed = append(prefixed, f.Name)
		}
		switch d := editDistance(name, f.Name); {
		case d < bestD:
			best, bestD, tie = f.Name, d, false
		case d == bestD:
			tie = true
		}
	})
	if best != "" && !tie {
		return best
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// editDistance counts the letters to add, drop or change, and the
// neighbours to swap, that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// Each command's flag set is built by a function of its own so that the
// manual page can list every flag without running the command.

// newDoctorFlags returns doctor's flags: --config-dir (made absolute),
// --docker, and --config-dir as given when it was relative.
func newDoctorFlags(stderr io.Writer) (*flag.FlagSet, *string, *string, *string) {
	fs := newFlagSet("doctor", "mxtop doctor [--config-dir DIR] [--docker NAME]", stderr)
	var dir, rel string
	fs.Var(relConfigDir{(*configDirFlag)(&dir), &rel}, "config-dir", "Postfix configuration directory of the instance to check (`DIR`)")
	docker := fs.String("docker", "", "Postfix runs in this container (`NAME` or id): check its docker logs, and postconf and postqueue with docker exec in it")
	return fs, &dir, docker, &rel
}

func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs, dir, docker, rel := newDoctorFlags(stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	ex := sources.Exec(sources.OSExec{})
	if *docker != "" {
		if err := sources.CheckContainerName(*docker); err != nil {
			fmt.Fprintln(stderr, "mxtop doctor:", err)
			return 2
		}
		if *rel != "" {
			// Made absolute here, it would name this host's directory.
			fmt.Fprintf(stderr, "mxtop doctor: --config-dir %s: with --docker the directory is the container's: give its full path there (such as /etc/postfix-out)\n", analyzers.SanitizeLine(*rel))
			return 2
		}
		ex = sources.DockerExec{Host: sources.OSExec{}, Container: *docker}
	}
	sig := onSignals(os.Interrupt, syscall.SIGTERM)
	defer sig.stop()
	ok := sources.Doctor(sig, ex, *dir, stdout)
	if code := sig.interrupted(stderr, "mxtop doctor"); code != 0 {
		return code
	}
	if !ok {
		return 1
	}
	return 0
}

func newVersionFlags(stderr io.Writer) *flag.FlagSet {
	return newFlagSet("version", "mxtop version", stderr)
}

type reportFlags struct {
	sf                                            sourceFlags
	format, failOn, patch, cpuProfile, memProfile *string
}

func newReportFlags(stderr io.Writer) (*flag.FlagSet, *reportFlags) {
	fs := newFlagSet("report", "mxtop report [--log FILE...|--journal|--journal-dir DIR] [--docker NAME] [--since DURATION] [--postconf FILE] [--master FILE] [--queue FILE] [--format text|markdown|json] [--fail-on warning|critical] [--patch FILE]", stderr)
	var f reportFlags
	f.sf.register(fs)
	f.format = fs.String("format", "text", "output format: text, markdown or json")
	f.failOn = fs.String("fail-on", "", "exit 3 when a hint of this severity or worse fires: warning or critical")
	f.patch = fs.String("patch", "", "also write the unified diff the hints' configuration changes would make to this host's configuration (FILE, for review)")
	f.cpuProfile = fs.String("cpuprofile", "", "write a CPU profile of the replay to this file (for measuring mxtop itself)")
	f.memProfile = fs.String("memprofile", "", "write a profile of the replay's allocations to this file (for measuring mxtop itself)")
	// A report reads its log once; a container's is followed live.
	fs.Lookup("docker").Usage = "Postfix runs in this container (`NAME` or id): postconf and postqueue run with docker exec in it; the log comes from --log (docker logs -t NAME 2>&1 | mxtop report --docker NAME -)"
	return fs, &f
}

// reportHeap is the heap a report's garbage collector keeps under. The
// analyzers' state is bounded (about 25 MiB at the default number of
// destinations, even on a log of a million distinct domains; under 60 MiB
// when every destination's lines are long, each kept one being cut to 1
// KiB) and the rest is garbage; without a limit the collector lets the
// heap double over that state, and the peak passes 70 MiB.
const reportHeap = 48 << 20

// reportGC bounds the heap for a one-shot replay and returns what undoes
// it. Under the bound the collector runs only when the heap nears it,
// not each time the heap doubles: the state is far below the bound, so an
// earlier collection finds as much garbage for more work (and its write
// barriers slow the parse; about 8% of a report's CPU on a
// 1,000,000-line log, for 10 MiB more resident). It leaves the collector
// alone when GOGC or GOMEMLIMIT are set, and when more destinations than
// the default are tracked: there the state may outgrow the bound, and a
// heap held above its limit makes the collector run without pause (three
// times slower on a million distinct domains).
//
// A state that outgrows half the bound all the same (every destination's
// slot filled, each with its recent lines) would have the collector run
// each time a few MB more are allocated: once a collection leaves that
// much live, the heap goes back to GOGC's pacing (2.5 times faster on a
// log naming a new failing domain on every line, for twice the resident
// memory).
func reportGC(maxDest int) func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || maxDest > 5000 {
		return func() {}
	}
	// The collector is off before the heap grows for huge pages, and the
	// limit set after: growing under the limit would start a collection.
	// Huge pages pay only where 4 KiB faults are dear.
	pct := debug.SetGCPercent(-1)
	if faultsDear() {
		hugeHeap(reportHeap)
	}
	limit := debug.SetMemoryLimit(reportHeap)
	var once sync.Once
	restore := func() {
		once.Do(func() {
			debug.SetGCPercent(pct)
			debug.SetMemoryLimit(limit)
		})
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(gcWatchEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			if metrics.Read(live); live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > reportHeap/2 {
				restore()
				return
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		restore()
	}
}

// gcWatchEvery is how often reportGC looks at the live heap: the figure
// changes only at a collection, which under the bound is rare.
const gcWatchEvery = 50 * time.Millisecond

func runReport(args []string, stdout, stderr io.Writer) int {
	fs, f := newReportFlags(stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	// The body reads the flags by their short names.
	sf, format, failOn := &f.sf, f.format, f.failOn
	sf.logs = append(sf.logs, fs.Args()...)
	if *f.cpuProfile != "" {
		pf, err := os.Create(*f.cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "mxtop report:", err)
			return 2
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintln(stderr, "mxtop report:", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	if *f.memProfile != "" {
		pf, err := os.Create(*f.memProfile)
		if err != nil {
			fmt.Fprintln(stderr, "mxtop report:", err)
			return 2
		}
		defer pf.Close()
		// Every 4 KiB allocated is sampled, not every 512 KiB: a report's
		// allocations are few and large.
		runtime.MemProfileRate = 4096
		defer func() {
			// The profile holds the allocations up to the last
			// collection, and under reportGC a replay may finish
			// without one.
			runtime.GC()
			pprof.Lookup("allocs").WriteTo(pf, 0)
		}()
	}
	if sf.docker != "" && len(sf.logs) == 0 {
		fmt.Fprintf(stderr, "mxtop report: --docker %s says where Postfix's commands run; a report reads its log once from --log: docker logs -t %s 2>&1 | mxtop report --docker %s -\n", analyzers.SanitizeLine(sf.docker), analyzers.ShellQuote(sf.docker), analyzers.ShellQuote(sf.docker))
		return 2
	}
	if sf.docker != "" && *f.patch != "" {
		fmt.Fprintf(stderr, "mxtop report: --patch diffs this host's configuration files, and with --docker %s the configuration is inside the container: leave out --patch (the hints give the commands to run in it)\n", analyzers.SanitizeLine(sf.docker))
		return 2
	}
	switch *format {
	case "text", "markdown", "md", "json":
	default:
		fmt.Fprintf(stderr, "mxtop report: --format must be text, markdown or json, not %q\n", *format)
		return 2
	}
	var failSev analyzers.Severity
	switch *failOn {
	case "":
	case "warning":
		failSev = analyzers.SevWarning
	case "critical":
		failSev = analyzers.SevCritical
	default:
		fmt.Fprintf(stderr, "mxtop report: --fail-on must be warning or critical, not %q\n", *failOn)
		return 2
	}
	sig := onSignals(os.Interrupt, syscall.SIGTERM)
	defer sig.stop()
	opts, err := sf.options(sig, sf.exec())
	if err != nil {
		if code := sig.interrupted(stderr, "mxtop report"); code != 0 {
			return code
		}
		fmt.Fprintln(stderr, "mxtop report:", err)
		return 2
	}
	defer reportGC(opts.MaxDest)()
	bar := newProgressBar(stderr)
	// Said on any stderr, a cron job's log too: the report does not end
	// until a writer comes and goes.
	opts.WaitingForWriter = func(path string) { bar.note("waiting for a writer on " + path + " (Ctrl-C to stop)") }
	if bar.on {
		for _, n := range inputNotes(opts.Logs, term.IsTerminal(int(os.Stdin.Fd()))) {
			fmt.Fprintln(stderr, "mxtop report:", n)
		}
	}
	res, err := model.RunReport(sig, opts, bar.update)
	bar.done()
	if err != nil {
		if code := sig.interrupted(stderr, "mxtop report"); code != 0 {
			return code
		}
		fmt.Fprintln(stderr, "mxtop report:", err)
		return 1
	}
	rep := res.Engine.Report(analyzers.ReportOptions{Whole: true, States: res.States})
	w := bufio.NewWriter(stdout)
	switch *format {
	case "json":
		enc := json.NewEncoder(sources.NewJSONEscaper(w))
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	case "markdown", "md":
		err = rep.WriteMarkdown(w)
	default:
		err = rep.WriteText(w)
	}
	if err == nil {
		// A report shorter than the buffer is written only here.
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(stderr, "mxtop report:", err)
		return 1
	}
	if *f.patch != "" {
		if err := writePatch(sig, sources.OSExec{}, opts.ConfigDir, res.Engine.Config, rep.Hints, *f.patch); err != nil {
			fmt.Fprintln(stderr, "mxtop report: --patch:", err)
			return 1
		}
	}
	if *failOn != "" {
		if rep.Unread() {
			// A check must not pass on a log it could not judge.
			fmt.Fprintf(stderr, "mxtop report: none of the log's %d lines could be read: nothing was judged\n", rep.Lines.Total)
			return 1
		}
		for _, h := range rep.Hints {
			if h.Severity >= failSev {
				return 3
			}
		}
	}
	return 0
}

// writePatch writes the combined diff of the hints' configuration
// changes, computed on a copy of the configuration directory; the live
// files are only read. No change writes an empty file, and a directory
// that differs from analysed, the configuration the hints were worked
// out from, in what the changes touch gets none (PatchBaseDiffers).
func writePatch(ctx context.Context, ex sources.Exec, dir string, analysed *sources.Config, hints []analyzers.Hint, path string) error {
	changes, err := patchChanges(hints)
	if err != nil {
		return err
	}
	diff := ""
	if len(changes) > 0 {
		target := model.ConfigDir(ctx, ex, dir)
		if err := sources.PatchBaseDiffers(analysed, target, changes); err != nil {
			return err
		}
		plan, err := sources.PlanConfig(ctx, ex, target, changes)
		if err != nil {
			return err
		}
		diff = plan.Diff
	}
	return os.WriteFile(path, []byte(diff), 0o644)
}

// patchChanges are the hints' changes, each once, in the hints' order.
// Changes to one list that postconf sets whole, each adding items to the
// list read, become one holding them all (the next would drop the items
// of the one before); other values for what another change sets are a
// conflict the patch cannot hold.
func patchChanges(hints []analyzers.Hint) ([]sources.ConfigChange, error) {
	var changes []sources.ConfigChange
	at := map[sources.ConfigChange]int{}
	for _, h := range hints {
		for _, c := range h.Changes {
			target := c
			target.Value = ""
			i, ok := at[target]
			switch {
			case !ok:
				at[target] = len(changes)
				changes = append(changes, c)
			case changes[i].Value == c.Value:
			default:
				merged, ok := addToList(target, changes[i].Value, c.Value)
				if !ok {
					return nil, fmt.Errorf("not written: two hints set %s, to %q and to %q; follow one of them", strings.TrimSuffix(target.String(), " = "), changes[i].Value, c.Value)
				}
				changes[i].Value = merged
			}
		}
	}
	return changes, nil
}

// addToList merges two values of the list parameter target sets, each
// the list read (their common start) with items added: the first's items,
// then the second's it lacks. ok is false for a parameter not in
// sources.AddedLists.
func addToList(target sources.ConfigChange, a, b string) (string, bool) {
	name, sep := target.Param, ", "
	if target.ServiceParam != "" {
		// an -o word takes no whitespace
		name, sep = target.ServiceParam[strings.LastIndexByte(target.ServiceParam, '/')+1:], ","
	}
	if name == "" || !sources.AddedLists[name] {
		return "", false
	}
	items := func(v string) []string {
		return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	}
	out, more := items(a), items(b)
	for _, x := range more {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return strings.Join(out, sep), true
}

func newUndoFlags(stderr io.Writer) (*flag.FlagSet, *string, *string, *string, *string) {
	fs := newFlagSet("undo", "mxtop undo [--backup-dir DIR] [--snapshot-dir DIR] [--config-dir DIR] [--docker NAME]", stderr)
	dir := fs.String("backup-dir", model.DefaultBackupDir, "where applied changes keep their backups")
	snap := fs.String("snapshot-dir", ".", "where the audit log is (beside the snapshots)")
	var conf string
	configDirVar(fs, &conf, "undo the last change to this Postfix configuration directory (`DIR`; instances may share the backups); default: the last change to any")
	docker := fs.String("docker", "", "Postfix runs in this container (`NAME` or id): mxtop never changes it, so there is nothing to undo (says so)")
	return fs, dir, snap, &conf, docker
}

// runUndo restores the newest backup not yet undone, as u does on the
// screen.
func runUndo(args []string, stdout, stderr io.Writer) int {
	fs, dir, snap, conf, docker := newUndoFlags(stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mxtop undo: takes no arguments, not %q\n", fs.Arg(0))
		return 2
	}
	if *docker != "" {
		if err := sources.CheckContainerName(*docker); err != nil {
			fmt.Fprintln(stderr, "mxtop undo:", err)
			return 2
		}
		// Nothing was applied there: restoring this host's backups would
		// change another Postfix than the container's.
		fmt.Fprintf(stderr, "mxtop undo: nothing to undo in container %s: with --docker, mxtop never applies a change there (a and the queue actions only show the commands to run), so it keeps no backup of it; a change you ran yourself inside the container is undone by hand there, with docker exec -it %s postconf -e 'NAME = VALUE' for each value it changed, then docker exec %s postfix reload\n", *docker, *docker, *docker)
		return 1
	}
	if os.Geteuid() != 0 {
		fmt.Fprintln(stderr, "mxtop undo: needs root: it rewrites the Postfix configuration and reloads Postfix")
		return 1
	}
	sig := onSignals(os.Interrupt, syscall.SIGTERM)
	defer sig.stop()
	if _, err := model.AppendAudit(*snap, model.AuditRecord("run undo", "command", "mxtop undo", "backup_dir", *dir)); err != nil {
		fmt.Fprintln(stderr, "mxtop undo: not run:", err)
		return 1
	}
	var res sources.ApplyResult
	var err error
	if *conf != "" {
		last, lerr := sources.LastBackupFor(*dir, *conf)
		switch {
		case lerr != nil:
			err = lerr
		case last == "":
			err = fmt.Errorf("no change to %s to undo in %s", *conf, *dir)
		default:
			res, err = sources.UndoBackup(sig, sources.OSExec{}, *dir, last)
		}
	} else {
		res, err = sources.UndoConfig(sig, sources.OSExec{}, *dir)
	}
	for _, s := range res.Steps {
		fmt.Fprintln(stdout, s)
	}
	result := "ok"
	if err != nil {
		result = "failed: " + err.Error()
	}
	model.AppendAudit(*snap, model.AuditRecord("done undo", "backup", res.Backup, "result", result))
	if err != nil {
		fmt.Fprintln(stderr, "mxtop undo:", err)
		return 1
	}
	fmt.Fprintln(stdout, "restored", res.Backup)
	return 0
}

// inputNotes says what a report may wait for, silent until it comes: a
// FIFO's writer, or lines typed or pasted on a terminal.
func inputNotes(logs []string, stdinTerminal bool) []string {
	var notes []string
	for _, l := range logs {
		if l == "-" {
			if stdinTerminal {
				notes = append(notes, "reading standard input: paste log lines, then Ctrl-D (Ctrl-C to stop)")
			}
		} else if fi, err := os.Stat(l); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
			notes = append(notes, "reading "+l+", a FIFO, until its writer closes it (Ctrl-C to stop)")
		}
	}
	return notes
}

// progressBar draws replay progress on stderr when it is a terminal.
type progressBar struct {
	mu    sync.Mutex // note comes from the reader's goroutine
	w     io.Writer
	on    bool
	start time.Time
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	return &progressBar{w: w, on: ok && term.IsTerminal(int(f.Fd())), start: time.Now()}
}

func (p *progressBar) update(pr sources.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.on || time.Since(p.start) < 300*time.Millisecond || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.drawn = true
	elapsed := time.Since(p.start).Seconds()
	rate := float64(pr.Lines) / elapsed
	line := fmt.Sprintf("%d lines, %.0f lines/s", pr.Lines, rate)
	if pr.Total > 0 {
		frac := float64(pr.Done) / float64(pr.Total)
		if frac > 1 {
			frac = 1
		}
		const width = 30
		fill := int(frac * width)
		left := time.Duration(0)
		if frac > 0 {
			left = time.Duration(elapsed/frac*(1-frac)) * time.Second
		}
		line = fmt.Sprintf("[%s%s] %3.0f%% %s/%s, %s, %s left", strings.Repeat("#", fill), strings.Repeat(".", width-fill),
			100*frac, mib(pr.Done), mib(pr.Total), line, left.Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

func (p *progressBar) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// note writes s on a line of its own on stderr: a bar drawn is cleared
// first, and the next update draws it again.
func (p *progressBar) note(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	fmt.Fprintln(p.w, "mxtop report:", s)
}

type tuiFlags struct {
	sf                                                    sourceFlags
	demo, noColor, fromStart, version, readOnly           *bool
	backupDir                                             *string
	speed                                                 *float64
	refresh, queueInterval, queueTimeout, machineInterval *time.Duration
	snapDir, cpuProfile, metricsListen, webConfig         *string
}

func newTUIFlags(stderr io.Writer) (*flag.FlagSet, *tuiFlags) {
	fs := newFlagSet("mxtop", "mxtop [--log FILE|--journal|--journal-dir DIR|--docker NAME] [--demo [--speed N]] [flags]", stderr)
	var f tuiFlags
	f.sf.register(fs)
	f.demo = fs.Bool("demo", false, "replay an embedded incident (no Postfix needed)")
	f.speed = new(float64)
	*f.speed = 10
	fs.Var((*speedFlag)(f.speed), "speed", "demo replay speed, times real time, a `number` greater than 0")
	f.refresh = duration(fs, "refresh", 250*time.Millisecond, minRefresh, "250ms", "screen redraw interval, a `duration` of at least 50ms")
	f.noColor = fs.Bool("no-color", false, "no colours (also when NO_COLOR is set)")
	f.snapDir = fs.String("snapshot-dir", ".", "where s writes snapshots (falls back to $XDG_STATE_HOME/mxtop, then /tmp)")
	f.fromStart = fs.Bool("from-start", false, "read the log from its start, not its end")
	f.queueInterval, f.machineInterval = intervalFlags(fs)
	f.queueTimeout = queueTimeoutFlag(fs)
	f.cpuProfile = fs.String("cpuprofile", "", "write a CPU profile to this file (for measuring mxtop itself)")
	f.metricsListen = fs.String("metrics-listen", "", "also serve Prometheus /metrics and /report.json on this address (e.g. 127.0.0.1:9155)")
	f.webConfig = fs.String("web.config.file", "", "web configuration for --metrics-listen: TLS and basic auth, as mxtop serve (FILE)")
	f.version = fs.Bool("version", false, "print the version, VCS revision and Go version, and exit")
	f.readOnly = fs.Bool("read-only", false, "disable every action (queue actions, apply, undo): monitor only")
	f.backupDir = fs.String("backup-dir", model.DefaultBackupDir, "where a change applied with a keeps its backup, for u and mxtop undo")
	return fs, &f
}

func runTUI(args []string, stdout, stderr io.Writer) int {
	fs, f := newTUIFlags(stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *f.version {
		fmt.Fprintln(stdout, versionLine(buildInfo()))
		return 0
	}
	// The body reads the flags by their short names.
	sf, demo, speed, refresh, noColor, snapDir, fromStart := &f.sf, f.demo, f.speed, f.refresh, f.noColor, f.snapDir, f.fromStart
	queueInterval, queueTimeout, machineInterval, cpuProfile, metricsListen := f.queueInterval, f.queueTimeout, f.machineInterval, f.cpuProfile, f.metricsListen
	var metricsL net.Listener
	if *metricsListen != "" {
		// Checked before anything starts, as serve does.
		if err := model.CheckListen(*metricsListen, true); err != nil {
			fmt.Fprintln(stderr, "mxtop:", err)
			return 2
		}
		if err := model.CheckWebConfig(*f.webConfig); err != nil {
			fmt.Fprintln(stderr, "mxtop:", err)
			return 2
		}
		if model.ExposedListen(*metricsListen) && !model.AsksPassword(*f.webConfig) {
			fmt.Fprintln(stderr, "mxtop:", model.ExposureWarning(*metricsListen, false))
		}
		// Bound before the screen starts: an error printed under the
		// screen would be drawn over and never read.
		l, err := model.Listen(*metricsListen)
		if err != nil {
			fmt.Fprintln(stderr, "mxtop: --metrics-listen:", err)
			return 2
		}
		defer l.Close() // when no screen serves it
		metricsL = l
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "mxtop:", err)
			return 2
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	sig := onSignals(syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	defer sig.stop()
	ctx := context.Context(sig)
	opts, err := sf.options(ctx, sf.exec())
	if err != nil {
		if code := sig.interrupted(stderr, "mxtop"); code != 0 {
			return code
		}
		fmt.Fprintln(stderr, "mxtop:", err)
		return 2
	}
	opts.FromStart = *fromStart
	out, isFile := stdout.(*os.File)
	tty := isFile && term.IsTerminal(int(out.Fd()))
	if tty && slices.Contains(opts.Logs, "-") && term.IsTerminal(int(os.Stdin.Fd())) {
		// The screen reads its keys from the terminal: a log read from
		// it too would take turns with them, q and Ctrl-C included.
		fmt.Fprintln(stderr, "mxtop: --log -: standard input is this terminal, whose keys the screen needs: pipe the log in (tail -F /var/log/mail.log | mxtop --log -), or name the file (--log FILE)")
		return 2
	}
	if !tty {
		// No terminal to draw on: print the report instead.
		if *metricsListen != "" {
			fmt.Fprintln(stderr, "mxtop: no terminal: the report is printed and --metrics-listen is not served (mxtop serve serves metrics without a terminal)")
		}
		code := printHeadless(ctx, opts, *demo, stdout, stderr)
		if ctx.Err() != nil {
			// An interrupted replay prints no report.
			return sig.interrupted(stderr, "mxtop")
		}
		return code
	}
	if os.Getenv("TERM") == "dumb" {
		// A dumb terminal cannot move the cursor or switch screens.
		fmt.Fprintln(stderr, "mxtop: TERM=dumb cannot show the live view: printing the report instead")
		return printHeadless(ctx, opts, *demo, stdout, stderr)
	}
	eng := analyzers.NewEngine(opts.MaxDest)
	eng.ConfigDir, eng.Container = opts.ConfigDir, opts.Docker
	eng.SetInstances(opts.Instances)
	set := model.Settings{Refresh: *refresh, SnapshotDir: *snapDir, Color: !*noColor && os.Getenv("NO_COLOR") == ""}
	if *metricsListen != "" {
		set.Shared = &model.Shared{Paths: model.SourcePaths(opts)}
		stopServe := make(chan struct{})
		defer close(stopServe)
		go func() {
			if err := model.Serve(model.ServeOptions{Addr: *metricsListen, WebConfigFile: *f.webConfig, Listener: metricsL}, set.Shared, stopServe); err != nil {
				fmt.Fprintln(stderr, "mxtop: metrics:", err)
			}
		}()
	}
	set.Host, _ = os.Hostname()
	var feeds model.Feeds
	if *demo {
		d := &model.Demo{Speed: *speed}
		feeds, err = d.Start(ctx)
		set.Clock = d.Clock
		set.Host = "demo"
		set.Actions = model.ActionSettings{Exec: d.Exec(), Simulated: true}
	} else {
		feeds, err = model.StartLive(ctx, opts, model.LiveSettings{QueueInterval: *queueInterval, QueueTimeout: *queueTimeout,
			ConfigInterval: time.Minute, MachineInterval: *machineInterval})
		set.Actions = liveActions(opts, os.Geteuid() == 0)
	}
	set.Actions.ReadOnly, set.Actions.BackupDir = *f.readOnly, *f.backupDir
	if err != nil {
		fmt.Fprintln(stderr, "mxtop:", err)
		return 1
	}
	go watchTerminal(ctx, int(out.Fd()), 2*time.Second, sig.hangUp)
	m := model.New(eng, feeds, set)
	err = model.Run(ctx, m)
	// Ended by a signal while an action or an apply runs: it is stopped
	// (an apply puts its backup back) and its end recorded.
	m.SettleRuns(stderr, 15*time.Second)
	// s then q at once: the snapshot is still being written.
	m.SettleSnapshots(stderr, 10*time.Second)
	if err != nil {
		fmt.Fprintln(stderr, "mxtop:", err)
		return 1
	}
	// Ended by a signal, as report is: 128 + its number. A key that
	// quits (q, Ctrl-C typed) is no signal: 0.
	return sig.interrupted(stderr, "mxtop")
}

// liveActions are the monitor's actions on this host: the queue's, off
// when --queue shows a saved listing, and apply and undo, off when
// --postconf or --master show a saved configuration (another host's,
// maybe: its files are not these). With --docker they read the
// container's queue and show what to run inside it, running nothing.
func liveActions(opts model.Options, root bool) model.ActionSettings {
	ex := opts.Exec
	if ex == nil {
		ex = sources.OSExec{}
	}
	a := model.ActionSettings{Exec: ex, ConfigDir: opts.ConfigDir, Root: root, Container: sources.InContainer(ex)}
	if opts.QueueFile != "" {
		a.Off = "the queue's actions act on the live queue, and --queue shows a saved one"
	}
	if opts.PostconfFile != "" || opts.MasterFile != "" {
		a.ConfigOff = "apply and undo change this host's configuration, and --postconf or --master show a saved one"
	}
	return a
}

type serveFlags struct {
	sf                                           sourceFlags
	listen                                       *string
	fromStart                                    *bool
	queueInterval, queueTimeout, machineInterval *time.Duration
	webConfig                                    *string
	reportAddresses                              *bool
}

func newServeFlags(stderr io.Writer) (*flag.FlagSet, *serveFlags) {
	fs := newFlagSet("serve", "mxtop serve [--listen 127.0.0.1:9155] [--log FILE|--journal|--journal-dir DIR|--docker NAME] [flags]", stderr)
	var f serveFlags
	f.sf.register(fs)
	f.listen = fs.String("listen", "127.0.0.1:9155", "address for /metrics and /report.json (loopback by default)")
	fs.Var(aliasFlag{fs.Lookup("listen")}, "web.listen-address", "same as --listen (the exporters' name)")
	f.webConfig = fs.String("web.config.file", "", "Prometheus web configuration file: TLS and basic auth (FILE)")
	f.reportAddresses = fs.Bool("report-addresses", false, "show whole mail addresses in /report.json (by default their local parts are redacted)")
	f.fromStart = fs.Bool("from-start", false, "read the log from its start, not its end")
	f.queueInterval, f.machineInterval = intervalFlags(fs)
	f.queueTimeout = queueTimeoutFlag(fs)
	return fs, &f
}

func runServe(args []string, stderr io.Writer) int {
	fs, f := newServeFlags(stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	// The body reads the flags by their short names.
	sf, listen, fromStart, queueInterval, machineInterval := &f.sf, f.listen, f.fromStart, f.queueInterval, f.machineInterval
	webConfig, reportAddresses := f.webConfig, f.reportAddresses
	// Refused before the address is bound and announced.
	if err := sf.check(); err != nil {
		fmt.Fprintln(stderr, "mxtop serve:", err)
		return 2
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "listen" || f.Name == "web.listen-address" })
	if err := model.CheckListen(*listen, explicit); err != nil {
		fmt.Fprintln(stderr, "mxtop serve:", err)
		return 2
	}
	if err := model.CheckWebConfig(*webConfig); err != nil {
		fmt.Fprintln(stderr, "mxtop serve:", err)
		return 2
	}
	for _, p := range sf.logs {
		// A directory never becomes a log: refused as a bad flag is,
		// not served as counters that stay at zero.
		if err := sources.NotDirectory(p); err != nil {
			fmt.Fprintln(stderr, "mxtop serve: --log", err)
			return 2
		}
	}
	if model.ExposedListen(*listen) && !model.AsksPassword(*webConfig) {
		fmt.Fprintln(stderr, "mxtop serve:", model.ExposureWarning(*listen, *reportAddresses))
	}
	// Bound before anything starts: a port taken is told at once, and
	// the address is announced only once it is bound.
	l, err := model.Listen(*listen)
	if err != nil {
		fmt.Fprintln(stderr, "mxtop serve:", err)
		return 1
	}
	defer l.Close()
	fmt.Fprintln(stderr, "mxtop serve:", serveAnnouncement(*listen, *webConfig))
	sig := onSignals(syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	defer sig.stop()
	ctx := context.Context(sig)
	opts, err := sf.options(ctx, sf.exec())
	if err != nil {
		if code := sig.interrupted(stderr, "mxtop serve"); code != 0 {
			return code
		}
		fmt.Fprintln(stderr, "mxtop serve:", err)
		return 2
	}
	opts.FromStart = *fromStart
	so := model.ServeOptions{Addr: *listen, WebConfigFile: *webConfig, ReportAddresses: *reportAddresses, Listener: l,
		Logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Note:   func(s string) { fmt.Fprintln(stderr, "mxtop serve:", s) }}
	if err := model.RunServe(ctx, opts, model.LiveSettings{QueueInterval: *queueInterval, QueueTimeout: *f.queueTimeout,
		ConfigInterval: time.Minute, MachineInterval: *machineInterval}, so); err != nil {
		fmt.Fprintln(stderr, "mxtop serve:", err)
		return 1
	}
	return 0
}

// serveAnnouncement is where serve answers and what the web configuration
// puts in force there: TLS, basic auth, both or neither.
func serveAnnouncement(listen, webConfig string) string {
	if webConfig == "" {
		return "http://" + listen + "/metrics and /report.json"
	}
	tls, auth := model.WebConfigSecures(webConfig)
	scheme := "http://"
	if tls {
		scheme = "https://"
	}
	at := scheme + listen + "/metrics and /report.json: "
	switch {
	case tls && auth:
		return at + "TLS and basic auth (" + webConfig + ")"
	case tls:
		return at + "TLS, no password (" + webConfig + ")"
	case auth:
		return at + "basic auth without TLS (" + webConfig + "): passwords go in clear text"
	}
	return at + webConfig + " sets neither TLS nor basic auth"
}

// aliasFlag sets another flag: a second name for it.
type aliasFlag struct{ f *flag.Flag }

func (a aliasFlag) String() string {
	if a.f == nil {
		return ""
	}
	return a.f.Value.String()
}
func (a aliasFlag) Set(v string) error { return a.f.Value.Set(v) }

// printHeadless prints the text report when stdout is not a terminal.
func printHeadless(ctx context.Context, opts model.Options, demo bool, stdout, stderr io.Writer) int {
	var eng *analyzers.Engine
	var states []sources.SourceState
	if demo {
		var err error
		if eng, err = model.DemoEngine(24*time.Hour, opts.MaxDest); err != nil {
			fmt.Fprintln(stderr, "mxtop:", err)
			return 1
		}
	} else {
		res, err := model.RunReport(ctx, opts, nil)
		if err != nil {
			if ctx.Err() == nil {
				fmt.Fprintln(stderr, "mxtop:", err)
			}
			return 1
		}
		eng, states = res.Engine, res.States
	}
	rep := eng.Report(analyzers.ReportOptions{Whole: true, States: states})
	if err := rep.WriteText(stdout); err != nil {
		fmt.Fprintln(stderr, "mxtop:", err)
		return 1
	}
	return 0
}

func newParseFlags(stderr io.Writer) (*flag.FlagSet, *int) {
	fs := newFlagSet("parse", "mxtop parse [--year N] [FILE...|-]\n\nPrints one JSON object per input line; compressed files (gzip, bzip2, xz, zstd, lz4) are read transparently.", stderr)
	year := new(int)
	yearVar(fs, year)
	return fs, year
}

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, year := newParseFlags(stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	p := sources.NewParser()
	p.Year = *year
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	// The records go out through a buffer, flushed at the end or on
	// Ctrl-C/SIGTERM, when what was parsed is written before exiting
	// (the read of a pipe or FIFO cannot be interrupted).
	out := &lockedWriter{w: bufio.NewWriterSize(stdout, 256*1024)}
	sig := onSignals(os.Interrupt, syscall.SIGTERM)
	defer sig.stop()
	done := make(chan int, 1)
	go func() { done <- parseFiles(p, files, stdin, out, stderr) }()
	select {
	case code := <-done:
		if err := out.flush(); err != nil && code == 0 {
			// What fits the buffer is written only here.
			fmt.Fprintln(stderr, "mxtop parse:", err)
			return 1
		}
		return code
	case <-sig.Done():
		out.flush()
		if code := sig.interrupted(stderr, "mxtop parse"); code != 0 {
			return code
		}
		return <-done
	}
}

func parseFiles(p *sources.Parser, files []string, stdin io.Reader, out io.Writer, stderr io.Writer) int {
	code := 0
	for _, f := range files {
		var in io.ReadCloser
		if f == "-" {
			in = io.NopCloser(stdin)
		} else {
			var err error
			if in, err = sources.OpenLog(f); err != nil {
				fmt.Fprintln(stderr, "mxtop:", err)
				code = 1
				continue
			}
		}
		fp := p
		if f != "-" && p.Year == 0 {
			// Dated by the file's end, as a report dates them. With
			// --year the files are one log from its start, and p learns
			// that start from the first dated line it reads.
			fp = sources.DatedByTheLog(p, []string{f}, false)
		}
		err := sources.ParseToJSONL(fp, in, out)
		in.Close()
		if err != nil {
			fmt.Fprintf(stderr, "mxtop: %s: %v\n", f, err)
			code = 1
		}
	}
	return code
}

// lockedWriter lets one goroutine write while another flushes.
type lockedWriter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Flush()
}
