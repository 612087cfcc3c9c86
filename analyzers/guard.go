package analyzers

import (
	"runtime"
	"unsafe"

	"mxtop/sources"
)

// Failures counts what the pipeline recovered from: log lines whose
// parsing or analysis panicked (each also counts as invalid) and hint
// evaluations that panicked. The first of each keeps its reason, so a
// report says what went wrong without a stack trace on the screen.
type Failures struct {
	Lines      int64
	LineReason string // the first failed line's reason, sanitised
	Line       string // that line, sanitised and cut
	Hints      int64
	HintReason string
}

const maxFailureText = 300

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return SanitizeLine(s[:n]) // re-sanitise: the cut may split a rune
}

func (e *Engine) failLine(r *sources.Record, reason string) {
	e.Failures.Lines++
	if e.Failures.LineReason == "" {
		e.Failures.LineReason = cut(SanitizeLine(reason), maxFailureText)
		e.Failures.Line = cut(SanitizeLine(r.Line), maxFailureText)
	}
}

// FeedAll feeds a batch of records in log order and calls each, when set,
// on every record after the analyzers saw it. A panic while one record is
// analysed must not end the monitor: that record becomes an invalid line
// whose reason is the panic, counted in Failures, and the rest of the
// batch is fed. One deferred recover covers a whole batch.
func (e *Engine) FeedAll(recs []sources.Record, each func(*sources.Record)) {
	if len(recs) >= warmBatch && runtime.GOMAXPROCS(0) > 1 {
		warm(recs)
	}
	for i := 0; i < len(recs); {
		i = e.feedFrom(recs, i, each)
	}
}

func (e *Engine) feedFrom(recs []sources.Record, from int, each func(*sources.Record)) (next int) {
	defer func() {
		if v := recover(); v != nil {
			r := &recs[next]
			// Feed counts a line read and, past its first switch, a
			// Postfix line before anything that can fail.
			if r.Event != sources.EvOther && r.Event != sources.EvInvalid {
				e.Postfix--
			}
			e.Invalid++
			r.Event, r.Reason, r.Failed = sources.EvInvalid, sources.PanicReason("analyzer", v), true
			e.failLine(r, r.Reason)
			next++
		}
	}()
	for next = from; next < len(recs); next++ {
		r := &recs[next]
		e.Feed(r)
		if e.feedFault != nil {
			e.feedFault(r)
		}
		if each != nil {
			each(r)
		}
	}
	return next
}

// SafeHints is Hints for the pipeline: a rule that panics loses only its
// own hints this time, counted in Failures with its hint id, instead of
// ending the monitor or emptying the hints pane.
func (e *Engine) SafeHints(whole bool) []Hint {
	return e.KeepHints(e.EvalHints(whole))
}

// HintRun is one evaluation of SafeHints not yet counted in Failures.
type HintRun struct {
	Hints  []Hint
	failed bool
	reason string
}

// EvalHints is SafeHints without writing Failures, which scrapes read:
// serve evaluates under a read lock while scrapes read alongside, and
// records the run with KeepHints under the write lock. It writes only
// the hints' own state, which nothing else reads.
func (e *Engine) EvalHints(whole bool) HintRun {
	var run HintRun
	run.Hints = e.evalHints(whole, func(id string, rule func(*hintCtx) []Hint, c *hintCtx) (out []Hint) {
		defer func() {
			if v := recover(); v != nil {
				if !run.failed {
					run.reason = cut(SanitizeLine(sources.PanicReason("hints", v)+" in the "+id+" rules"), maxFailureText)
				}
				run.failed = true
				out = nil
			}
		}()
		if e.hintFault != nil {
			e.hintFault(id)
		}
		return rule(c)
	})
	return run
}

// KeepHints counts a failed run in Failures and returns its hints.
func (e *Engine) KeepHints(run HintRun) []Hint {
	if run.failed {
		e.Failures.Hints++
		if e.Failures.HintReason == "" {
			e.Failures.HintReason = run.reason
		}
	}
	return run.Hints
}

// warmBatch is the smallest batch warm is worth its pass on.
const warmBatch = 64

// warm reads each cache line of recs once before the analyzers do. With
// more than one core a batch's records were written by parse workers on
// another: the analyzers' scattered reads then each wait for one line to
// come over, where this sequential pass has the hardware fetch many at a
// time. On a 1,000,000-line replay it takes about 25 ms and saves about
// 80 ms of feeding. Not inlined, so that the sum it returns keeps the
// reads even where the caller drops it.
//
//go:noinline
func warm(recs []sources.Record) byte {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&recs[0])), len(recs)*int(unsafe.Sizeof(recs[0])))
	var x byte
	for i := 0; i < len(b); i += 64 {
		x += b[i]
	}
	return x
}
