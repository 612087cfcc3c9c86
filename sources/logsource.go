package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/term"
)

// LogKind says where log lines come from.
type LogKind uint8

const (
	LogFollow  LogKind = iota // follow one file across rotations
	LogReplay                 // read files (plain or compressed) once, oldest first
	LogJournal                // journalctl --follow --output=export (journal.go)
	LogStdin                  // standard input
	LogDocker                 // docker logs --follow --timestamps NAME
)

// LogSpec configures a log source.
type LogSpec struct {
	Kind  LogKind
	Paths []string // LogFollow: one file; LogReplay: files
	// History (LogFollow) are older files (rotations), oldest first, read
	// once before the followed file is read from its start.
	History []string
	// LeftOut (LogFollow, LogReplay) says of each older file that could
	// not be read why ("mail.log.2: no such file"), and Unread (LogFollow)
	// names the older files not read (without --from-start): the state
	// says both while the file is followed or the files replayed.
	LeftOut []string
	Unread  []string
	// Short (LogFollow, LogReplay) says that a --since window starts
	// before the first line that can be read, and why (SinceRotations):
	// the state says it after every detail.
	Short string
	// Found (a detected log) is what the detection noticed of it
	// (LogDetection.Note: a usual file not written for days, or why the
	// journal was read instead): the state says it after every detail.
	Found     string
	FromStart bool   // LogFollow/LogJournal: read what is there first
	Since     string // LogJournal/LogDocker: a window such as "1h" or a time
	Once      bool   // LogJournal: read what is there and stop (reports)
	// NotBefore drops records older than this (--since on any source).
	NotBefore time.Time
	Container string // LogDocker
	// Retry is how soon a docker logs that ended is run again (2 s when
	// zero), doubling to a minute while it brings nothing.
	Retry time.Duration
	// JournalDir is a journal directory to read instead of the system's
	// (journals copied from another host).
	JournalDir string
	Stdin      io.Reader
	Exec       Exec
	Parser     *Parser
	// Block makes the source wait for a slow consumer instead of dropping:
	// reports must see every line, and the live view would rather show a
	// backlog late than in part (its lines wait in the file or the pipe).
	Block bool
	// FlushEvery and FlushLines bound a batch; zero means 200 ms and 1000.
	FlushEvery time.Duration
	FlushLines int
	// MaxPending bounds the records a source that does not Block holds for
	// a slow consumer, in batches it has not taken included, before
	// dropping; zero means 100000.
	MaxPending int
	// Recycle, when set, gives back batches' record slices once consumed,
	// so a replay reuses them instead of allocating. A slice given back is
	// cleared up to its capacity: the parser fills zeroed records.
	Recycle chan []Record
	// Workers parse a replay's chunks in parallel, handing them on in
	// order; zero means one per core, one parses on the batcher's
	// goroutine as the other sources do.
	Workers int
	// StallLimit is how long journalctl may write nothing before a
	// journal read once is killed (and a follow asked for a backlog says
	// so); zero means JournalStallLimit.
	StallLimit time.Duration
	// stallAfter starts the stall watch's timer (tests give a clock they
	// move themselves); nil: the wall's.
	stallAfter func(time.Duration, func()) stallTimer
	// order is a replay's files in order; RunLog orders them.
	order *replayOrder
	// Live says a view goes on after the source ends (the live monitor,
	// serve): standard input's end is told as its state.
	Live bool
	// Reverse (LogReplay) reads each file's lines last first: a log
	// listed newest first, read in time order.
	Reverse bool
	// WaitingForWriter, when set, is called once for a FIFO replayed that
	// has had no writer for writerWait: a report says what it waits for.
	WaitingForWriter func(path string)
	// blocks takes back the read blocks of released batches.
	blocks chan []byte
}

// notes are what the state says after every detail: the --since
// window's start (Short) and what the detection noticed (Found).
func (s LogSpec) notes() string {
	switch {
	case s.Short == "":
		return s.Found
	case s.Found == "":
		return s.Short
	}
	return s.Short + "; " + s.Found
}

// Describe names the source for the status bar and doctor.
func (s LogSpec) Describe() string {
	switch s.Kind {
	case LogFollow:
		return "file " + strings.Join(s.Paths, " ")
	case LogReplay:
		return "replay " + strings.Join(s.Paths, " ")
	case LogJournal:
		return "journal"
	case LogStdin:
		return "stdin"
	case LogDocker:
		return "docker " + s.Container
	}
	return "log"
}

// chunk is a run of raw lines from a reader to the parse loop. Replayed
// lines share one string per chunk (one allocation for hundreds of lines);
// the analyzers copy what they keep.
type chunk struct {
	lines []string
	// recs, when parsed is set, are the lines already parsed (and
	// filtered by NotBefore) by a replay's worker.
	recs     []Record
	parsed   bool
	text     string // lines joined by '\n', when ends is set
	ends     []int  // end offset of each line in text
	progress *Progress
	state    *SourceState
	long     int
	// block, when set, holds text: the chunk keeps one of its references.
	block *block
	// pasted marks a chunk of a source as small as a paste, whose lines
	// may have run together (see splitRunOn).
	pasted bool
	// repeated counts the records that uniq -c counts added to the
	// chunk's lines (repeatUniq).
	repeated int
	// lostAtTruncation is the follower's count so far.
	lostAtTruncation uint64
}

// RunLog reads the configured log until ctx ends or the input ends
// (replay, stdin), sending batches to out. It closes out when it returns.
func RunLog(ctx context.Context, spec LogSpec, out chan<- LogBatch) error {
	defer close(out)
	if spec.Parser == nil {
		spec.Parser = NewParser()
	}
	if spec.FlushEvery == 0 {
		spec.FlushEvery = 200 * time.Millisecond
	}
	if spec.FlushLines == 0 {
		spec.FlushLines = 1000
	}
	if spec.MaxPending == 0 {
		spec.MaxPending = 100000
	}
	if spec.Workers == 0 {
		spec.Workers = runtime.GOMAXPROCS(0)
	}
	chunks := make(chan chunk, 8)
	if spec.blocks == nil {
		spec.blocks = make(chan []byte, 16)
	}
	if spec.Kind == LogReplay {
		// Ordered here, before the parse workers copy the parser: the
		// order tells which file ends the log, and that dates its lines.
		o := &replayOrder{}
		o.paths, o.copies, o.err = orderLogFiles(spec.Paths, NewParser(), nil)
		spec.order = o
		if o.err == nil {
			spec.Parser = DatedByTheLog(spec.Parser, o.paths, spec.Reverse)
		}
		if spec.Parser.Year != 0 && spec.Parser.yearFrom.IsZero() {
			// --year's start could not be read ahead (a FIFO first):
			// one parser learns it from the first dated line, as each
			// worker would from its own first chunk.
			spec.Workers = 1
		}
	}
	if spec.Kind == LogFollow && spec.Parser.Year != 0 {
		// --year dates a followed file from its start, which a --since
		// seek would skip: read it ahead. (Without --year a followed
		// log is dated by now, never by its end: it runs on past it.)
		spec.Parser = DatedByTheLog(spec.Parser, spec.Paths, false)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	// The producer gets its own copy of the spec: nothing below may
	// change what it reads.
	go func(spec LogSpec) {
		defer close(chunks)
		errc <- produce(ctx, spec, chunks)
	}(spec)

	in := (<-chan chunk)(chunks)
	if spec.Kind == LogReplay && spec.Workers > 1 {
		in = parseInOrder(spec, chunks)
	}
	b := &batcher{out: out, spec: spec}
	// The flush timer runs only while something waits to be handed over:
	// an idle source wakes no one.
	flushT := time.NewTimer(spec.FlushEvery)
	flushT.Stop()
	defer flushT.Stop()
	armed := false
	read := false // lines came: a failure after them is damage part way
	arm := func() {
		if !armed && b.waiting() {
			flushT.Reset(spec.FlushEvery)
			armed = true
		}
	}
	for {
		select {
		case c, ok := <-in:
			if !ok {
				err := <-errc
				// A stop kills a command source, whose exit error may
				// come before the producer sees the cancellation: once
				// stopped, no error is a failure.
				if errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled) {
					err = nil
				}
				if err != nil && (spec.Kind == LogReplay || spec.Kind == LogStdin) {
					// The live view and serve run on: their log state
					// says the replay stopped at the damage.
					b.state = &SourceState{Source: "log", Health: HealthUnavailable, Detail: err.Error(), Time: time.Now()}
					if read {
						b.state.Health, b.state.Detail = HealthDegraded, spec.Describe()+"; read up to the damage: "+err.Error()
					}
				}
				if err == nil && spec.Live && spec.Kind == LogReplay {
					// Nothing is followed past the files' end: serve
					// must not say its log is up over counters that
					// no longer move.
					b.state = &SourceState{Source: "log", Health: HealthUnavailable, Time: time.Now(),
						Detail: spec.Describe() + " ended: no more lines come (a compressed log is read once: name the current one to follow it)"}
					if len(spec.LeftOut) > 0 {
						b.state.Detail += "; " + leftOutNote(spec.LeftOut)
					}
					b.state.Detail += shortNote(spec.notes())
				}
				b.finish(ctx)
				return err
			}
			read = read || len(c.recs) > 0 || len(c.ends) > 0 || len(c.lines) > 0
			b.take(ctx, c)
			arm()
		case <-flushT.C:
			armed = false
			b.flush(ctx, false)
			arm()
		case <-ctx.Done():
			// Drain the producer (and the parse workers) so they can exit.
			for range in {
			}
			return nil
		}
	}
}

type batcher struct {
	out      chan<- LogBatch
	spec     LogSpec
	pending  []Record
	dropped  uint64
	progress *Progress
	state    *SourceState
	long     int
	lost     uint64   // lines lost at truncation, as last reported
	blocks   []*block // the pending records' text
	// sent are the record counts of the last batches handed over, newest
	// last, as many as out can hold.
	sent []int
}

// room is how many more records may be held for the consumer: no bound
// when the source waits for the consumer (it holds a chunk's records at
// most), else MaxPending less those pending and those in batches still in
// out. The consumer takes batches in order, so those are the last
// len(out) handed over.
func (b *batcher) room() int {
	if b.spec.Block {
		return math.MaxInt
	}
	held := len(b.pending)
	n := min(len(b.out), len(b.sent))
	for _, k := range b.sent[len(b.sent)-n:] {
		held += k
	}
	return b.spec.MaxPending - held
}

// waiting says whether anything is left to hand over.
func (b *batcher) waiting() bool {
	return len(b.pending) > 0 || b.state != nil || b.progress != nil
}

func (b *batcher) take(ctx context.Context, c chunk) {
	if !c.parsed && (b.spec.Kind == LogReplay || b.spec.Kind == LogStdin && !b.spec.Live) {
		// A replay read on one core is parsed as its workers parse it
		// (hard-wrapped records joined): one core reads what all do.
		// So is a paste piped into a report: as the same paste in a
		// file.
		parseChunk(b.spec.Parser, &c, b.spec.NotBefore, b.spec.Recycle)
	}
	if c.parsed && len(b.pending) > 0 && len(c.recs) > 0 && b.spec.Block {
		// Hand a short chunk's records on by themselves: appending this
		// chunk's to them would copy every record.
		b.flush(ctx, false)
	}
	if c.state != nil {
		b.state = c.state
	}
	if c.progress != nil {
		b.progress = c.progress
	}
	b.long += c.long
	b.lost = max(b.lost, c.lostAtTruncation)
	if c.block != nil {
		b.blocks = append(b.blocks, c.block)
	}
	if c.parsed {
		b.takeParsed(c.recs)
		if len(b.pending) >= b.spec.FlushLines || c.state != nil {
			b.flush(ctx, false)
		}
		return
	}
	room := b.room()
	add := func(line string) {
		if room <= 0 {
			b.dropped++
			return
		}
		if b.pending == nil {
			b.pending = b.fresh()
		}
		n := len(b.pending)
		b.pending = appendParsed(b.spec.Parser, b.pending, line, b.spec.NotBefore)
		room -= len(b.pending) - n
	}
	c.forEachLine(add)
	if len(b.pending) >= b.spec.FlushLines || c.state != nil {
		b.flush(ctx, false)
	}
}

// appendParsed parses line onto recs, leaving it off when it is older
// than notBefore (a zero time keeps everything).
func appendParsed(p *Parser, recs []Record, line string, notBefore time.Time) []Record {
	recs = grow(recs)
	p.parseGuarded(line, &recs[len(recs)-1])
	return keepSince(recs, notBefore)
}

// keepSince leaves recs' last record off when it is older than notBefore.
func keepSince(recs []Record, notBefore time.Time) []Record {
	if r := &recs[len(recs)-1]; !notBefore.IsZero() && !r.Time.IsZero() && r.Time.Before(notBefore) {
		return recs[:len(recs)-1]
	}
	return recs
}

// grow adds a record to recs, to be parsed into. Parse clears it: a
// recycled slice's place is not cleared first.
func grow(recs []Record) []Record {
	if len(recs) < cap(recs) {
		return recs[:len(recs)+1]
	}
	return append(recs, Record{})
}

// forEachLine calls f with each of the chunk's lines, in order.
func (c *chunk) forEachLine(f func(string)) {
	for _, line := range c.lines {
		f(line)
	}
	start := 0
	for _, end := range c.ends {
		f(c.text[start:end])
		start = end + 1
	}
}

// takeParsed adds records a worker parsed, handing its slice on whole when
// nothing is pending.
func (b *batcher) takeParsed(recs []Record) {
	if len(recs) == 0 {
		return
	}
	if room := b.room(); len(recs) > room {
		room = max(room, 0)
		b.dropped += uint64(len(recs) - room)
		recs = recs[:room]
	}
	if len(b.pending) == 0 {
		b.pending = recs
		return
	}
	b.pending = append(b.pending, recs...)
}

// fresh returns an empty record slice, recycled when the consumer gave one
// back.
func (b *batcher) fresh() []Record {
	if b.spec.Recycle != nil {
		select {
		case s := <-b.spec.Recycle:
			return s[:0]
		default:
		}
	}
	return make([]Record, 0, b.spec.FlushLines)
}

// flush hands the pending records over. A non-blocking source keeps them
// when the consumer is busy, and drops (counting) past MaxPending.
func (b *batcher) flush(ctx context.Context, final bool) {
	if len(b.pending) == 0 && b.state == nil && b.progress == nil && !final {
		return
	}
	batch := LogBatch{Records: b.pending, Dropped: b.dropped, Progress: b.progress, State: b.state, Long: b.long, LostAtTruncation: b.lost,
		blocks: b.blocks}
	if b.spec.Block || final {
		select {
		case b.out <- batch:
		case <-ctx.Done():
			return
		}
	} else {
		select {
		case b.out <- batch:
		default:
			return // try again on the next tick
		}
	}
	if c := cap(b.out); c > 0 {
		if len(b.sent) == c {
			b.sent = append(b.sent[:0], b.sent[1:]...)
		}
		b.sent = append(b.sent, len(batch.Records))
	}
	b.pending, b.progress, b.state, b.long, b.blocks = nil, nil, nil, 0, nil
}

func (b *batcher) finish(ctx context.Context) {
	if b.progress != nil {
		b.progress.Finished = true
	}
	b.flush(ctx, true)
}

func produce(ctx context.Context, spec LogSpec, chunks chan<- chunk) error {
	switch spec.Kind {
	case LogReplay:
		return produceReplay(ctx, spec, chunks)
	case LogStdin:
		in := spec.Stdin
		if in == nil {
			in = os.Stdin
		}
		// Read as a named file is: compressed input is decompressed.
		rc, err := OpenLogReader("stdin", in)
		if err != nil {
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: err.Error(), Time: time.Now()}})
			return err
		}
		defer rc.Close()
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthOK, Detail: "stdin", Time: time.Now()}})
		if err := produceReader(ctx, rc, chunks, nil, spec.blocks, spec.Live); err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
		if spec.Live && ctx.Err() == nil {
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable,
				Detail: "stdin ended: no more lines come (the command writing to it ended)", Time: time.Now()}})
		}
		return nil
	case LogJournal:
		return produceJournal(ctx, spec, chunks)
	case LogDocker:
		return produceDocker(ctx, spec, chunks)
	case LogFollow:
		if len(spec.Paths) != 1 {
			return fmt.Errorf("follow needs exactly one file, got %d", len(spec.Paths))
		}
		st := &stateSender{ctx: ctx, chunks: chunks}
		if err := readHistory(ctx, spec, st); err != nil {
			return err
		}
		return produceFollow(ctx, spec.Paths[0], spec.FromStart, spec.NotBefore, spec.Parser, st, chunks)
	}
	return fmt.Errorf("unknown log kind %d", spec.Kind)
}

func send(ctx context.Context, chunks chan<- chunk, c chunk) bool {
	select {
	case chunks <- c:
		return true
	case <-ctx.Done():
		return false
	}
}

// readerChunkLines bounds a chunk of read lines (tests make it small to
// cut a log into many chunks).
var readerChunkLines = 1024

// readBlock is how much produceReader reads at a time, and chunkCarry how
// much of a block's last, unfinished chunk it carries into the next block
// instead of sending it short. Tests make them small.
var (
	readBlock  = 256 * 1024
	chunkCarry = 64 * 1024
)

// pasteMax is the most a source holds whose lines may have run together:
// a post that lost its line breaks is small, and syslog and journald never
// run lines together, so in a log they wrote a HELO name, a sender or a
// remote's reply shaped like a log line stays text in its record.
const pasteMax = 256 << 10

// produceReader reads lines in chunks of at most readerChunkLines; prog,
// when set, counts them for the progress across several files.
//
// It reads blocks straight from in and hands their lines on as
// substrings of one string per block: the text is copied once, not through
// a line reader and a chunk buffer. The blocks of released batches come
// back through free and are read into again. A line keeps at most
// MaxLineLen bytes, as LineReader keeps them: a chunk's line may still
// carry its "\r" and, when it was cut, up to two bytes more, which the
// parser drops as it drops them from any line (see Parse); it is counted in
// the chunk's long lines exactly when LineReader would count it.
//
// With eager (a live view on a stream), each read's whole lines are handed
// on at once: a pipe that stays open (tail -f | mxtop --log -) may take
// hours to fill a block.
func produceReader(ctx context.Context, in io.Reader, chunks chan<- chunk, prog *progressCounter, free chan []byte, eager bool) error {
	const keep = MaxLineLen + 2 // LineReader's: a whole line and its "\r\n"
	var carry []byte            // the previous block's unsent lines and unfinished line
	var prev *block             // the block carry lies in
	dropping := false           // carry ends in a cut line whose rest is skipped
	var ends []int              // line ends of the chunk being gathered
	first, pasted := true, false
	send1 := func(bl *block, text []byte, ends []int, long int) bool {
		c := chunk{text: unsafe.String(unsafe.SliceData(text), len(text)), ends: ends, long: long, block: bl, pasted: pasted}
		if prog != nil {
			prog.lines += int64(len(ends))
			c.progress = prog.snapshot()
		}
		bl.refs.Add(1)
		if !send(ctx, chunks, c) {
			bl.release()
			return false
		}
		return true
	}
	for {
		bl := newBlock(free, len(carry)+keep+1)
		// The reader's reference keeps carry's block from coming back
		// through free before carry is copied.
		n := copy(bl.buf, carry)
		if prev != nil {
			prev.release() // the reader's own reference
			prev = nil
		}
		m, rerr := readBlockFrom(in, bl.buf[n:], eager)
		if first {
			first, pasted = false, rerr != nil && m <= pasteMax
		}
		if dropping {
			// Skip the cut line's rest: its newline follows the kept part.
			i := bytes.IndexByte(bl.buf[n:n+m], '\n')
			if i < 0 {
				if rerr == nil {
					carry, prev = bl.buf[:n], bl
					continue
				}
				m = 0
			} else {
				m = copy(bl.buf[n:], bl.buf[n+i:n+m])
				dropping = false
			}
		}
		data := bl.buf[:n+m]
		eof := rerr != nil
		pos := 0 // start of the chunk being gathered
		for {
			if ends == nil {
				ends = takeEnds()
			}
			var long, next int
			ends, long, next = scanLines(data[pos:], readerChunkLines, ends)
			switch {
			case len(ends) == readerChunkLines,
				len(ends) > 0 && (next >= chunkCarry || eager) && !eof:
				sent := ends
				ends = nil // the chunk's now
				if !send1(bl, data[pos:pos+next], sent, long) {
					bl.release()
					return ctx.Err()
				}
				pos += next
				continue
			}
			if eof {
				if rest := data[pos+next:]; len(rest) > 0 {
					// The last line, without a newline.
					ends = append(ends, len(data)-pos)
					if cutLen(rest) {
						long++
					}
				}
				ok := len(ends) == 0 || send1(bl, data[pos:], ends, long)
				bl.release()
				if !ok {
					return ctx.Err()
				}
				if errors.Is(rerr, io.EOF) {
					return nil
				}
				return rerr
			}
			break
		}
		// Carry the unsent lines and the unfinished one, the latter cut
		// to what LineReader keeps of it.
		carry, prev = data[pos:], bl
		if last := bytes.LastIndexByte(carry, '\n') + 1; len(carry)-last > keep {
			carry, dropping = carry[:last+keep], true
		}
	}
}

// replayOrder is a replay's files oldest first (orderLogFiles).
type replayOrder struct {
	paths, copies []string
	err           error
}

// DatedByTheLog returns p, or a copy of it, set to date the lines of a
// replay of the files ordered (oldest first) as one parser reading them
// in order would, on any number of cores: without --year by the time of
// the newest file's last line (Parser.Anchor: an archive's lines are
// dated by its end, not by today), with --year from the oldest file's
// first dated line. A newest file that is compressed (its end unknown
// without reading it all) leaves the year to each line's own inference.
func DatedByTheLog(p *Parser, ordered []string, reverse bool) *Parser {
	if len(ordered) == 0 || p.Year == 0 && !p.Anchor.IsZero() || p.Year != 0 && !p.yearFrom.IsZero() {
		return p
	}
	q := p.clone()
	// A log listed newest first and read last line first (reverse)
	// starts at its first file's last line and ends at its last file's
	// first line.
	first := func(path string) (time.Time, bool) {
		t, _, err := firstDatedLine(path, p.clone())
		return t, err == nil && !t.IsZero()
	}
	last := func(path string) (time.Time, bool) { return fileLastTime(path, p.clone()) }
	if reverse {
		first, last = last, first
	}
	if p.Year != 0 {
		if t, ok := first(ordered[0]); ok {
			q.yearFrom = t
		}
		return q
	}
	if t, ok := last(ordered[len(ordered)-1]); ok {
		q.Anchor = t
	}
	return q
}

// block is a buffer a replay reads into, shared by the chunks cut from it
// and, until it has cut them all, the reader.
type block struct {
	buf  []byte
	refs atomic.Int32
	free chan []byte
}

// newBlock returns a block of at least min bytes, reusing a released one
// when it is large enough; the caller holds its one reference.
func newBlock(free chan []byte, min int) *block {
	bl := &block{free: free}
	select {
	case b := <-free:
		if len(b) >= min {
			bl.buf = b
		}
	default:
	}
	if bl.buf == nil {
		bl.buf = make([]byte, max(readBlock, min))
	}
	bl.refs.Store(1)
	return bl
}

// release drops a reference; the last one gives the buffer back for
// another block.
func (bl *block) release() {
	if bl.refs.Add(-1) != 0 || bl.free == nil || len(bl.buf) != readBlock {
		return
	}
	select {
	case bl.free <- bl.buf:
	default:
	}
}

// scanLines finds up to max whole lines at the start of text: their end
// offsets, appended to buf[:0], how many of them are over-long, and where
// the next line starts.
func scanLines(text []byte, max int, buf []int) (ends []int, long, next int) {
	ends = buf[:0]
	for len(ends) < max {
		i := bytes.IndexByte(text[next:], '\n')
		if i < 0 {
			break
		}
		if i > MaxLineLen && cutLen(text[next:next+i]) {
			long++
		}
		next += i
		ends = append(ends, next)
		next++
	}
	return ends, long, next
}

// freeEnds holds the line-end slices of chunks a replay's workers parsed,
// for the reader to fill again instead of allocating one a chunk.
var freeEnds = make(chan []int, 8)

// takeEnds returns an empty slice for up to readerChunkLines line ends.
func takeEnds() []int {
	select {
	case e := <-freeEnds:
		if cap(e) >= readerChunkLines {
			return e[:0]
		}
	default:
	}
	return make([]int, 0, readerChunkLines)
}

// recycleEnds gives a parsed chunk's line ends back to the reader.
func recycleEnds(e []int) {
	if cap(e) < readerChunkLines {
		return
	}
	select {
	case freeEnds <- e:
	default:
	}
}

// cutLen reports whether LineReader cuts a line of this text (less its
// newline): it keeps MaxLineLen bytes after dropping one "\r".
func cutLen(line []byte) bool {
	n := len(line)
	return n > MaxLineLen && !(n == MaxLineLen+1 && line[n-1] == '\r')
}

// readBlockFrom reads into b until it is full or the input ends (io.EOF, whatever
// was read) or fails; with eager, until a read ends a line (a line that
// trickles in is read into one block, not carried from block to block). A
// reader that keeps returning nothing is an error, as bufio makes it.
func readBlockFrom(in io.Reader, b []byte, eager bool) (int, error) {
	n, empty := 0, 0
	for n < len(b) {
		m, err := in.Read(b[n:])
		n += m
		if err != nil || eager && m > 0 && bytes.IndexByte(b[n-m:n], '\n') >= 0 {
			return n, err
		}
		if m == 0 {
			if empty++; empty >= 100 {
				return n, io.ErrNoProgress
			}
		}
	}
	return n, nil
}

// progressCounter counts bytes read below any decompression.
type progressCounter struct {
	read, total, lines int64
}

func (p *progressCounter) snapshot() *Progress {
	return &Progress{Done: p.read, Total: p.total, Lines: p.lines}
}

type countingReader struct {
	r io.Reader
	n *int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// FollowFiles picks, of several files named to follow, the one followed
// and the older ones read before it, oldest first (orderLogFiles). A file
// that cannot be read is left out, why said in leftOut ("mail.log.2: no
// such file"): a monitor follows what it can. A file that another named
// file is a rotation of (mail.log beside mail.log.1) is the current one,
// followed whatever keeps it from being read (not there just after a
// rotation, a permission not yet given): it is waited for as one named
// alone is, its rotations being no longer written to. When none can be
// read and none is the current one, the last named is waited for.
func FollowFiles(paths []string, p *Parser) (cur string, older, leftOut []string) {
	var bad []unreadLog
	ordered, _, _ := orderLogFiles(paths, p, &bad)
	pick := -1
	for i, b := range bad {
		if isCurrentLog(b.path, paths) {
			pick = i
			break
		}
	}
	if pick < 0 && len(ordered) == 0 {
		pick = len(bad) - 1
	}
	if pick >= 0 {
		cur, older = bad[pick].path, ordered
		bad = append(bad[:pick], bad[pick+1:]...)
	} else {
		cur, older = ordered[len(ordered)-1], ordered[:len(ordered)-1]
	}
	for _, b := range bad {
		leftOut = append(leftOut, b.err.Error())
	}
	return cur, older, leftOut
}

// unreadLog is a file orderLogFiles left out, and why.
type unreadLog struct {
	path string
	err  error
}

// isCurrentLog says whether another of paths is a rotation of path
// (mail.log.1, mail.log-20260101.gz beside mail.log) and path of none.
func isCurrentLog(path string, paths []string) bool {
	rotationOf := func(a, b string) bool {
		return strings.HasPrefix(a, b+".") || strings.HasPrefix(a, b+"-")
	}
	current := false
	for _, q := range paths {
		if rotationOf(path, q) {
			return false
		}
		current = current || rotationOf(q, path)
	}
	return current
}

// orderLogFiles sorts files oldest first by the first timestamp each
// holds (mail.log.2.gz before mail.log.1 before mail.log), whatever order
// they were named in; files begun in the same second, in the order they
// were last written. Files without a readable timestamp keep their place
// relative to each other, after the dated ones. A file named again, as it
// is or through a link, is left out: its lines would count twice.
//
// It also says which files it left out as copies of another: a file that
// starts with the same dated line as one before it (mail.log.1 beside
// mail.log.1.gz, a gzip -k) holds the same lines, and reading both would
// count them twice. A file that cannot be read is an error, or with
// unread set is left out and added to it.
func orderLogFiles(paths []string, p *Parser, unread *[]unreadLog) (ordered, copies []string, err error) {
	type dated struct {
		path string
		t    time.Time
		i    int
		mod  time.Time // last written
	}
	ds := make([]dated, 0, len(paths))
	var seen []os.FileInfo
	firstLines := map[string]string{} // a dated first line: the file it opens
next:
	for i, path := range paths {
		var mod time.Time
		if fi, err := os.Stat(path); err == nil {
			mod = fi.ModTime()
			for _, s := range seen {
				if os.SameFile(s, fi) {
					continue next
				}
			}
			seen = append(seen, fi)
		}
		t, line, err := firstDatedLine(path, p)
		if err != nil && unread != nil {
			*unread = append(*unread, unreadLog{path, err})
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if !t.IsZero() {
			if first, ok := firstLines[line]; ok {
				copies = append(copies, path+" left out: it starts with the same line as "+first)
				continue
			}
			firstLines[line] = path
		}
		ds = append(ds, dated{path, t, i, mod})
	}
	sort.SliceStable(ds, func(a, b int) bool {
		ta, tb := ds[a].t, ds[b].t
		if ta.IsZero() != tb.IsZero() {
			return !ta.IsZero()
		}
		if ta.Equal(tb) && !ta.IsZero() {
			// Begun in the same second: the one still written to
			// (the current log, to be followed) is the later.
			return ds[a].mod.Before(ds[b].mod)
		}
		return ta.Before(tb)
	})
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.path
	}
	return out, copies, nil
}

// firstDatedLine is a file's first dated line and its time; none for a file
// with no dated line in its first 1000, and for a FIFO.
func firstDatedLine(path string, p *Parser) (time.Time, string, error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return time.Time{}, "", explainOpenError(path, err)
	case fi.IsDir():
		return time.Time{}, "", dirError(path)
	case !fi.Mode().IsRegular():
		// A FIFO's lines are read once: probing would consume them.
		return time.Time{}, "", nil
	}
	f, err := OpenLog(path)
	if err != nil {
		return time.Time{}, "", err
	}
	defer f.Close()
	lr := NewLineReader(f)
	var r Record
	for n := 0; n < 1000; n++ {
		line, ok := lr.Next()
		if !ok {
			break
		}
		p.parseBytesGuarded(line, &r)
		if !r.Time.IsZero() {
			return r.Time, string(line), nil
		}
	}
	return time.Time{}, "", nil
}

func produceReplay(ctx context.Context, spec LogSpec, chunks chan<- chunk) error {
	// RunLog ordered the files before the parse workers started.
	ordered, copies, err := spec.order.paths, spec.order.copies, spec.order.err
	if err != nil {
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: err.Error(), Time: time.Now()}})
		return err
	}
	prog := &progressCounter{}
	for _, p := range ordered {
		if st, err := os.Stat(p); err == nil {
			prog.total += st.Size()
		}
	}
	names := make([]string, len(ordered))
	for i, p := range ordered {
		names[i] = p
		if st, err := os.Stat(p); err == nil && st.Mode()&os.ModeNamedPipe != 0 {
			names[i] += " (a FIFO, read as a stream)"
		}
	}
	detail := "replay " + strings.Join(names, " ")
	if len(copies) > 0 {
		detail += "; " + strings.Join(copies, "; ")
	}
	health := HealthOK
	if len(spec.LeftOut) > 0 {
		detail += "; " + leftOutNote(spec.LeftOut)
		health = HealthDegraded
	}
	detail += shortNote(spec.notes())
	send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: health, Detail: detail, Time: time.Now()}})
	var damaged []string
	for _, path := range ordered {
		if spec.Reverse {
			rc, size, err := reversibleLog(ctx, path)
			if err != nil {
				return explainOpenError(path, err)
			}
			if st, err := os.Stat(path); err == nil {
				// A compressed file's lines are more than its bytes.
				prog.total += size - st.Size()
			}
			err = produceReader(ctx, countingReader{rc, &prog.read}, chunks, prog, spec.blocks, false)
			rc.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			continue
		}
		f, err := openReplay(ctx, path, spec.WaitingForWriter)
		if err != nil {
			return explainOpenError(path, err)
		}
		// With --since, a plain file is read from the window's first line.
		if sk, ok := f.(io.Seeker); ok {
			if off := seekFile(path, spec.NotBefore, spec.Parser); off > 0 {
				if _, err := sk.Seek(off, io.SeekStart); err == nil {
					prog.read += off
				}
			}
		}
		rc, err := OpenLogReader(path, countingReader{f, &prog.read})
		if err != nil {
			f.Close()
			return err
		}
		err = produceReader(ctx, rc, chunks, prog, spec.blocks, false)
		rc.Close()
		f.Close()
		if err != nil {
			err = fmt.Errorf("%s: %w", path, err)
			if len(ordered) == 1 || ctx.Err() != nil {
				return err
			}
			// One damaged rotation (a gzip cut short when the disk filled)
			// costs the lines past its damage, not the other files.
			damaged = append(damaged, err.Error())
		}
	}
	if len(damaged) > 0 {
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthDegraded,
			Detail: "replay " + strings.Join(names, " ") + "; read up to the damage: " + strings.Join(damaged, "; ") + shortNote(spec.notes()), Time: time.Now()}})
	}
	return nil
}

// readHistory reads a follow's older files once, oldest first. One that
// cannot be read is told and left out: the current file is followed all
// the same, its state saying so from then on (st's note), as it says the
// files left out or not read before (LogSpec.LeftOut, Unread).
func readHistory(ctx context.Context, spec LogSpec, st *stateSender) error {
	leftOut := slices.Clone(spec.LeftOut)
	st.setNote(leftOut, spec.Unread, spec.notes())
	reading := "reading " + strings.Join(spec.History, " ") + ", then following " + spec.Paths[0]
	if len(spec.History) > 0 {
		st.report(HealthOK, reading)
	}
	for _, path := range spec.History {
		err := readOnce(ctx, spec, path, st.chunks)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			leftOut = append(leftOut, err.Error())
			st.setNote(leftOut, spec.Unread, spec.notes())
			st.report(HealthOK, reading)
		}
	}
	return nil
}

// readOnce reads one file to its end, from the window's first line with
// --since, decompressed as it needs.
func readOnce(ctx context.Context, spec LogSpec, path string, chunks chan<- chunk) error {
	f, err := openReplay(ctx, path, nil)
	if err != nil {
		return explainOpenError(path, err)
	}
	defer f.Close()
	if sk, ok := f.(io.Seeker); ok {
		if off := seekFile(path, spec.NotBefore, spec.Parser); off > 0 {
			sk.Seek(off, io.SeekStart)
		}
	}
	rc, err := OpenLogReader(path, f)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := produceReader(ctx, rc, chunks, nil, spec.blocks, false); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// openReplay opens a file to replay; a FIFO is read as a stream to its
// writer's end, without blocking in open until a writer comes, and
// waiting, when set, is called with path once it has had none for
// writerWait. A device such as /dev/null is read as a file: its end is
// its end.
func openReplay(ctx context.Context, path string, waiting func(string)) (io.ReadCloser, error) {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if err := endlessDevice(f); err != nil {
			f.Close()
			return nil, err
		}
		return f, nil
	}
	f, err := openStream(path)
	if err != nil {
		return nil, err
	}
	r := &streamReader{ctx: ctx, f: f}
	if waiting != nil {
		r.waiting = func() { waiting(path) }
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}

// endlessDevice refuses a character device that is neither /dev/null nor a
// terminal (typed lines): /dev/zero or /dev/urandom never ends, and would
// be read until interrupted.
func endlessDevice(f *os.File) error {
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 || term.IsTerminal(int(f.Fd())) {
		return nil
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return nil
	}
	return errors.New("is a device that never ends, not a log file: name the mail log")
}

// stripComposePrefix removes the "service  | " that `docker compose logs`
// puts before each line.
func stripComposePrefix(line string) string {
	// Fast path: syslog lines start with a month ("Nov "), a digit, '<' or
	// '{'; a compose prefix starts with a service name.
	if len(line) > 3 {
		if c := line[0]; isDigit(c) || c == '<' || c == '{' || ('A' <= c && c <= 'Z' && line[3] == ' ') {
			return line
		}
	}
	n := len(line)
	if n > 128 {
		n = 128
	}
	i := 0
	for i < n {
		c := line[i]
		if c == '_' || c == '-' || c == '.' || isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			i++
			continue
		}
		break
	}
	if i == 0 || i >= n || line[i] != ' ' {
		return line
	}
	for i < n && line[i] == ' ' {
		i++
	}
	if i+1 < len(line) && line[i] == '|' && line[i+1] == ' ' {
		return line[i+2:]
	}
	if i+1 == len(line) && line[i] == '|' {
		return ""
	}
	return line
}

// produceFollowReader sends each line as it arrives (a live stream).
func produceFollowReader(ctx context.Context, in io.Reader, chunks chan<- chunk) error {
	lr := NewLineReader(in)
	for {
		line, ok := lr.Next()
		if !ok {
			if err := lr.Err(); err != nil && !errors.Is(err, io.EOF) {
				return err
			}
			return nil
		}
		if !send(ctx, chunks, chunk{lines: []string{string(line)}}) {
			return ctx.Err()
		}
	}
}

func produceDocker(ctx context.Context, spec LogSpec, chunks chan<- chunk) error {
	// --timestamps: a container's syslog writes its own local time
	// without a zone, which need not be the host's; the runtime's stamp
	// is absolute and dates the line (see Parser.outerTime).
	args := []string{"logs", "--follow", "--timestamps"}
	if spec.Since != "" {
		args = append(args, "--since", spec.Since)
	} else if !spec.FromStart {
		args = append(args, "--tail", "0")
	}
	retry := spec.Retry
	if retry <= 0 {
		retry = 2 * time.Second
	}
	wait, first := retry, true
	for {
		rc, err := spec.Exec.Stream(ctx, true, "docker", append(args, spec.Container)...)
		if err != nil {
			// No docker to run: nothing to try again.
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: err.Error(), Time: time.Now()}})
			return err
		}
		own, lines, err := followDocker(ctx, spec, rc, first, chunks)
		first = false
		if err != nil {
			return err
		}
		// A restarted container (docker restart, compose recreating it
		// under the same name) ends the follow: follow again from now,
		// sooner while lines came.
		ended := time.Now()
		if lines > 0 {
			wait = retry
		}
		detail := "docker logs " + spec.Container + " ended"
		switch {
		case own != "":
			detail += ": " + Sanitize(own)
		default:
			detail += ": the container stopped (docker logs --follow ends with it)"
		}
		detail += fmt.Sprintf("; following again in %s", wait)
		send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthUnavailable, Detail: detail, Time: ended}})
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
		args = []string{"logs", "--follow", "--timestamps", "--since", ended.UTC().Format(time.RFC3339Nano)}
	}
}

// followDocker reads one docker logs --follow to its end, and returns
// docker's own error line, if any, and how many lines came. It says the
// log is followed at once on the first run (first), else once a line
// comes or the follow has lasted a second: on a stopped container docker
// logs ends at once, and that is no follow.
func followDocker(ctx context.Context, spec LogSpec, rc io.ReadCloser, first bool, chunks chan<- chunk) (own string, lines int, err error) {
	var once sync.Once
	announce := func() {
		once.Do(func() {
			send(ctx, chunks, chunk{state: &SourceState{Source: "log", Health: HealthOK, Detail: "docker logs " + spec.Container, Time: time.Now()}})
		})
	}
	if first {
		announce()
	}
	// The timer's announcement is sent before this returns: never after
	// the ended state, nor after the channel is closed.
	fired := make(chan struct{})
	lasting := time.AfterFunc(time.Second, func() {
		defer close(fired)
		announce()
	})
	defer func() {
		if !lasting.Stop() {
			<-fired
		}
	}()
	// docker writes its own errors on the stream it shares with the
	// container's output: they are no log lines, and say why it ended.
	lr := NewLineReader(rc)
	for {
		line, ok := lr.Next()
		if !ok {
			break
		}
		if dockerOwnLine(line) {
			own = string(line)
			continue
		}
		announce()
		lines++
		if !send(ctx, chunks, chunk{lines: []string{string(line)}}) {
			rc.Close()
			return "", lines, ctx.Err()
		}
	}
	cerr := rc.Close()
	if ctx.Err() != nil {
		return "", lines, ctx.Err()
	}
	if own == "" && cerr != nil {
		own = cerr.Error()
	}
	return own, lines, nil
}

// dockerOwnMessages open the errors docker logs writes itself: no such
// container, no daemon, no right to its socket.
var dockerOwnMessages = []string{
	"Error response from daemon:",
	"Error: No such container",
	"Cannot connect to the Docker daemon",
	"permission denied while trying to connect to the Docker daemon",
}

// dockerOwnLine tells one of docker's own errors.
func dockerOwnLine(line []byte) bool {
	for _, m := range dockerOwnMessages {
		if bytes.HasPrefix(line, []byte(m)) {
			return true
		}
	}
	return false
}

func (p *progressCounter) done() bool { return p.total > 0 && p.read >= p.total }
