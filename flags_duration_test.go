package main

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

// parseAs parses args with the flags of the command args[0] names ("" for
// the live view), as run does, without running it.
func parseAs(args []string) (int, string) {
	var errb bytes.Buffer
	var fs *flag.FlagSet
	switch {
	case len(args) > 0 && args[0] == "serve":
		fs, _ = newServeFlags(&errb)
		args = args[1:]
	case len(args) > 0 && args[0] == "report":
		fs, _ = newReportFlags(&errb)
		args = args[1:]
	default:
		fs, _ = newTUIFlags(&errb)
	}
	code, _ := parseFlags(fs, args)
	return code, errb.String()
}

// An interval that paces a loop is refused below its floor, as a usage
// error naming the flag and the floor: --refresh 1ns redrew, and
// --queue-interval 1ns ran postqueue, with no pause at all. The floors
// themselves and the defaults are accepted.
func TestIntervalFloors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
		min  string
	}{
		{[]string{"--refresh", "1ns"}, "-refresh", "50ms"},
		{[]string{"--refresh", "49ms"}, "-refresh", "50ms"},
		{[]string{"--refresh", "0"}, "-refresh", "50ms"},
		{[]string{"--refresh", "-1s"}, "-refresh", "50ms"},
		{[]string{"--queue-interval", "1ns"}, "-queue-interval", "1s"},
		{[]string{"--queue-interval", "999ms"}, "-queue-interval", "1s"},
		{[]string{"--machine-interval", "1ns"}, "-machine-interval", "1s"},
		{[]string{"serve", "--queue-interval", "1ns"}, "-queue-interval", "1s"},
		{[]string{"serve", "--machine-interval", "0s"}, "-machine-interval", "1s"},
	} {
		code, msg := parseAs(tc.args)
		if code != 2 || !strings.Contains(msg, "flag "+tc.flag+":") || !strings.Contains(msg, "at least "+tc.min) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, msg)
		}
	}
	_, f := newTUIFlags(io.Discard)
	fs, _ := newTUIFlags(io.Discard)
	if err := fs.Parse([]string{"--refresh", "50ms", "--queue-interval", "1s", "--machine-interval", "1s"}); err != nil {
		t.Errorf("the floors themselves: %v", err)
	}
	if *f.refresh != 250*time.Millisecond || *f.queueInterval != 10*time.Second || *f.machineInterval != 2*time.Second {
		t.Errorf("defaults %v %v %v", *f.refresh, *f.queueInterval, *f.machineInterval)
	}
	sfs, _ := newServeFlags(io.Discard)
	if err := sfs.Parse([]string{"--queue-interval", "1s", "--machine-interval", "1s"}); err != nil {
		t.Errorf("serve, the floors themselves: %v", err)
	}
}

// --since that time cannot hold, in a unit it has no name for, or
// negative says so, naming the flag and what it takes, not Go's bare
// "parse error".
func TestSinceSaysWhatItTakes(t *testing.T) {
	for _, v := range []string{"9999999h", "2d", "2", "yesterday", "-1h"} {
		for _, cmd := range [][]string{{"report"}, {"serve"}, {}} {
			args := append(append([]string{}, cmd...), "--since", v)
			code, msg := parseAs(args)
			if code != 2 || !strings.Contains(msg, "flag -since:") || strings.Contains(msg, "parse error") || !strings.Contains(msg, "2h") {
				t.Errorf("%v: exit %d, stderr %q", args, code, msg)
			}
		}
	}
	if _, msg := parseAs([]string{"report", "--since", "9999999h"}); !strings.Contains(msg, "2562047h") {
		t.Errorf("the largest --since is not said: %q", msg)
	}
	if _, msg := parseAs([]string{"report", "--since", "2d"}); !strings.Contains(msg, "48h") {
		t.Errorf("days are not said in hours: %q", msg)
	}
	// The whole command line gives the same usage error.
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--since", "9999999h"}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), "flag -since:") {
		t.Errorf("mxtop report --since 9999999h: exit %d, stderr %q", code, errb.String())
	}
	fs, f := newServeFlags(io.Discard)
	if err := fs.Parse([]string{"--since", "2562047h"}); err != nil || f.sf.since != 2562047*time.Hour {
		t.Errorf("the largest --since: %v, %v", err, f.sf.since)
	}
}

// The demo's speed must be a finite number above 0: 0 and negative values
// were silently taken as 10, NaN and infinity replayed the whole demo at
// once. A postqueue timeout too short for any postqueue to answer is
// refused rather than reported as a queue that always times out.
func TestSpeedAndQueueTimeoutRefused(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
		want string
	}{
		{[]string{"--speed", "0"}, "-speed", "a number greater than 0"},
		{[]string{"--speed", "-1"}, "-speed", "a number greater than 0"},
		{[]string{"--speed", "NaN"}, "-speed", "a number greater than 0"},
		{[]string{"--speed", "+Inf"}, "-speed", "a number greater than 0"},
		{[]string{"--speed", "fast"}, "-speed", "a number greater than 0"},
		{[]string{"--queue-timeout", "1ns"}, "-queue-timeout", "at least 100ms"},
		{[]string{"--queue-timeout", "0"}, "-queue-timeout", "at least 100ms"},
		{[]string{"serve", "--queue-timeout", "1ns"}, "-queue-timeout", "at least 100ms"},
	} {
		code, msg := parseAs(tc.args)
		if code != 2 || !strings.Contains(msg, "flag "+tc.flag+":") || !strings.Contains(msg, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, msg)
		}
	}
	fs, f := newTUIFlags(io.Discard)
	if err := fs.Parse([]string{"--speed", "0.5", "--queue-timeout", "100ms"}); err != nil || *f.speed != 0.5 || *f.queueTimeout != 100*time.Millisecond {
		t.Errorf("speed %v, queue timeout %v, err %v", *f.speed, *f.queueTimeout, err)
	}
	if _, f := newTUIFlags(io.Discard); *f.speed != 10 {
		t.Errorf("default speed %v", *f.speed)
	}
}

// serve lists a large queue with the same bound as the live view: it had
// no --queue-timeout, and postqueue was killed after 5 s however long a
// large queue on a busy disk takes to list.
func TestServeQueueTimeout(t *testing.T) {
	tfs, _ := newTUIFlags(io.Discard)
	sfs, f := newServeFlags(io.Discard)
	tf, sf := tfs.Lookup("queue-timeout"), sfs.Lookup("queue-timeout")
	if sf == nil {
		t.Fatal("serve has no --queue-timeout")
	}
	if sf.Usage != tf.Usage || sf.DefValue != tf.DefValue || *f.queueTimeout != 5*time.Second {
		t.Errorf("serve's --queue-timeout %q (default %s, %v), the live view's %q (default %s)", sf.Usage, sf.DefValue, *f.queueTimeout, tf.Usage, tf.DefValue)
	}
	if err := sfs.Parse([]string{"--queue-timeout", "30s"}); err != nil || *f.queueTimeout != 30*time.Second {
		t.Errorf("serve --queue-timeout 30s: %v, %v", err, *f.queueTimeout)
	}
}

// Flags may follow the files, as admins type them ("mxtop report
// /var/log/mail.log --format json"); "--" still ends the flags, and "-"
// stays standard input.
func TestFlagsAfterFiles(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"report", "testdata/lab/postfix-lab.log", "--format", "json", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt"}, strings.NewReader(""), &out, &errb)
	if code != 0 || !strings.HasPrefix(out.String(), "{") {
		t.Fatalf("code %d, stderr %q, output starts %.40q", code, errb.String(), out.String())
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"report", "--postconf", "testdata/lab/postconf-n.txt", "--", "--format"}, strings.NewReader(""), &out, &errb); code != 1 || !strings.Contains(errb.String(), "--format") {
		t.Errorf("after --: code %d, stderr %q", code, errb.String())
	}
}

// --max-destinations takes what it can keep: not 0 or a negative number
// (silently the default before), not so many that memory has no bound.
func TestMaxDestinationsBounds(t *testing.T) {
	for _, v := range []string{"0", "-1", "100000000"} {
		var out, errb bytes.Buffer
		if code := run([]string{"report", "--max-destinations", v, "--postconf", "testdata/lab/postconf-n.txt", "testdata/lab/postfix-lab.log"}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), "--max-destinations must be 1 to 200000") {
			t.Errorf("--max-destinations %s: code %d, stderr %q", v, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--max-destinations", "1", "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "testdata/lab/postfix-lab.log"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Errorf("--max-destinations 1: code %d, stderr %q", code, errb.String())
	}
}
