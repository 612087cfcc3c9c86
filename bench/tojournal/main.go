// Command tojournal turns a generated RFC 3164 maillog (bench/genlog) into
// the journal export format, which systemd-journal-remote writes into a
// journal file, with the fields journald gives a syslog message:
//
//	go run ./bench/tojournal -year 2026 <maillog >export.txt
//	systemd-journal-remote --output=DIR/mail.journal export.txt
//
// It reads "Mmm dd hh:mm:ss host prog[pid]: message" lines in UTC and
// skips any other. It imports nothing of mxtop, as the other benchmark
// tools; main_test.go builds its journals with the parser's help.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	year := flag.Int("year", time.Now().Year(), "year of the timestamps")
	flag.Parse()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	n := 0
	for in.Scan() {
		line := in.Text()
		if len(line) < 16 {
			continue
		}
		t, err := time.Parse("2006 Jan _2 15:04:05", strconv.Itoa(*year)+" "+line[:15])
		if err != nil {
			continue
		}
		host, rest, ok := strings.Cut(line[16:], " ")
		if !ok {
			continue
		}
		tag, msg, ok := strings.Cut(rest, ": ")
		if !ok {
			continue
		}
		ident, pid := tag, ""
		if i := strings.IndexByte(tag, '['); i > 0 && strings.HasSuffix(tag, "]") {
			ident, pid = tag[:i], tag[i+1:len(tag)-1]
		}
		entry(w, t.UnixMicro(), host, ident, pid, msg, n)
		n++
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "tojournal:", err)
		os.Exit(1)
	}
	w.Flush()
}

// entry writes one export entry. Generated lines hold no control bytes, so
// every field takes the text form.
func entry(w *bufio.Writer, usec int64, host, ident, pid, msg string, seq int) {
	comm := ident[strings.LastIndexByte(ident, '/')+1:]
	fmt.Fprintf(w, "__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=%d\n_BOOT_ID=6b4b6a3c1b6e4f0e9d2a1c0b9a8f7e6d\n", usec, 1000000+seq)
	// The trusted fields journald adds, so that journalctl has as much to
	// skip as on a real host.
	fmt.Fprintf(w, "_TRANSPORT=syslog\nPRIORITY=6\nSYSLOG_FACILITY=2\nSYSLOG_IDENTIFIER=%s\n", ident)
	if pid != "" {
		fmt.Fprintf(w, "SYSLOG_PID=%s\n_PID=%s\n", pid, pid)
	}
	fmt.Fprintf(w, "SYSLOG_TIMESTAMP=%s \nMESSAGE=%s\n", time.UnixMicro(usec).UTC().Format(time.Stamp), msg)
	fmt.Fprintf(w, "_UID=107\n_GID=114\n_COMM=%s\n_EXE=/usr/lib/postfix/sbin/%s\n_CMDLINE=%s -n smtp -t inet -u -c\n_CAP_EFFECTIVE=0\n", comm, comm, comm)
	fmt.Fprintf(w, "_SYSTEMD_CGROUP=/system.slice/system-postfix.slice/postfix@-.service\n_SYSTEMD_UNIT=postfix@-.service\n_SYSTEMD_SLICE=system-postfix.slice\n")
	fmt.Fprintf(w, "_SYSTEMD_INVOCATION_ID=0f6b5c8e2d4a4b7c9e1f3a5b7c9d1e2f\n_MACHINE_ID=4b0c7d1e9f2a4c6e8a0b2d4f6a8c0e1d\n_HOSTNAME=%s\n_SOURCE_REALTIME_TIMESTAMP=%d\n\n", host, usec)
}
