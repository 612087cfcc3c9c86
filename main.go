// Command mxtop is a terminal monitor for Postfix mail servers that
// explains "too many connections" failures.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"mxtop/sources"
)

const usage = `mxtop: a live monitor for Postfix "too many connections" trouble

Usage:
  mxtop parse [--year N] [FILE...|-]   print each log line as a JSON record (JSON Lines)

Run "mxtop COMMAND -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a command line; it returns the process exit code
// (2 for usage errors).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "parse":
		return runParse(args[1:], stdin, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "mxtop: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	year := fs.Int("year", 0, "year of timestamps that carry none (default: inferred)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: mxtop parse [--year N] [FILE...|-]\n\nPrints one JSON object per input line; .gz files are read transparently.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	p := sources.NewParser()
	p.Year = *year
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	w := bufio.NewWriterSize(stdout, 256*1024)
	defer w.Flush()
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
		err := sources.ParseToJSONL(p, in, w)
		in.Close()
		if err != nil {
			fmt.Fprintf(stderr, "mxtop: %s: %v\n", f, err)
			code = 1
		}
	}
	return code
}
