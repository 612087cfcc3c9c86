package sources

import (
	"context"
	"fmt"
	"time"
)

// Health is a source's condition as the UI and the report show it.
type Health uint8

const (
	HealthOK Health = iota
	HealthDegraded
	HealthUnavailable
	HealthWaiting // e.g. the log file does not exist yet
)

func (h Health) String() string {
	switch h {
	case HealthOK:
		return "ok"
	case HealthDegraded:
		return "degraded"
	case HealthUnavailable:
		return "unavailable"
	case HealthWaiting:
		return "waiting"
	}
	return "unknown"
}

// SourceState says how one source is doing and why.
type SourceState struct {
	Source string // "log", "queue", "config", "machine"
	Health Health
	Detail string // what it reads, or why it cannot
	Time   time.Time
}

func (s SourceState) String() string {
	if s.Detail == "" {
		return fmt.Sprintf("%s: %s", s.Source, s.Health)
	}
	if s.Health == HealthOK {
		return fmt.Sprintf("%s: %s", s.Source, s.Detail)
	}
	return fmt.Sprintf("%s: %s: %s", s.Source, s.Health, s.Detail)
}

// Progress tells how far a backlog (a replay, --from-start) has been read.
type Progress struct {
	Done, Total int64 // bytes; Total 0 when unknown
	Lines       int64
	Finished    bool
}

// LogBatch is what a log source delivers: parsed records in input order,
// at most every ~200 ms or ~1000 records. Records are complete copies and
// may be kept.
type LogBatch struct {
	Records []Record
	// Dropped counts records discarded since the source started because
	// the consumer fell too far behind; it only ever grows.
	Dropped  uint64
	Progress *Progress
	State    *SourceState // set when the source's state changed
	Long     int          // lines cut at MaxLineLen in this batch
	// LostAtTruncation counts lines a followed file lost because it was
	// truncated (copytruncate) before they were read and no rotated copy
	// held them; it only ever grows. The log state says why.
	LostAtTruncation uint64
	// blocks hold the text the records' strings point into (a replay's
	// read blocks); Release lets the reader fill them again.
	blocks []*block
}

// Release says the batch's records have been consumed and nothing keeps
// any of their strings: the replay may read new text into the memory they
// point into, instead of allocating more. A consumer that does not call it
// leaves that memory to the garbage collector.
func (b *LogBatch) Release() {
	for _, bl := range b.blocks {
		bl.release()
	}
	b.blocks = nil
}

// every calls read now and then every interval, sending what it returns,
// until ctx ends or read says stop. It closes out when it returns.
func every[T any](ctx context.Context, interval time.Duration, out chan<- T, read func() (T, bool)) {
	defer close(out)
	for {
		v, ok := read()
		if !ok {
			return
		}
		select {
		case out <- v:
		case <-ctx.Done():
			return
		}
		select {
		case <-time.After(interval):
		case <-ctx.Done():
			return
		}
	}
}
