package sources

import (
	"fmt"
	"runtime"
	"strings"
)

// parseFault, when a test sets it, runs before each guarded parse so the
// test can make the parser panic on a line of its choice.
var parseFault func(line string)

// parseGuarded is Parse for the log sources: a parser panic on one line
// must not end the monitor, so it becomes an invalid record, marked
// Failed, whose Reason carries the panic. The deferred call is open-coded
// by the compiler: a few nanoseconds on a line that takes hundreds.
func (p *Parser) parseGuarded(line string, r *Record) {
	defer recoverParse(line, r)
	if parseFault != nil {
		parseFault(line)
	}
	p.Parse(line, r)
}

func recoverParse(line string, r *Record) {
	v := recover()
	if v == nil {
		return
	}
	*r = failedRecord(line, PanicReason("parser", v))
}

// failedRecord is the record of a line whose parsing panicked.
func failedRecord(line, reason string) Record {
	if len(line) > MaxLineLen {
		line = line[:MaxLineLen]
	}
	return Record{Line: strings.TrimRight(line, "\r\n"), Event: EvInvalid, Reason: reason, Failed: true}
}

// parseBytesGuarded is ParseBytes for the log sources.
func (p *Parser) parseBytesGuarded(line []byte, r *Record) {
	if len(line) > MaxLineLen {
		line = line[:MaxLineLen]
	}
	p.parseGuarded(string(line), r)
}

// PanicReason describes a recovered panic for an invalid line's reason:
// the stage, the panic value and the function that panicked. Call it from
// the deferred function that recovered.
func PanicReason(stage string, v any) string {
	var pcs [32]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	where, panicking := "", false
	for {
		f, more := frames.Next()
		if panicking && !strings.HasPrefix(f.Function, "runtime.") {
			where = f.Function
			if i := strings.LastIndexByte(where, '/'); i >= 0 {
				where = where[i+1:]
			}
			break
		}
		panicking = panicking || f.Function == "runtime.gopanic"
		if !more {
			break
		}
	}
	s := fmt.Sprintf("%s panic: %v", stage, v)
	if where != "" {
		s += " (in " + where + ")"
	}
	return s
}
