package sources

import (
	"html"
	"slices"
	"strings"
	"time"
)

// parseInOrder parses a replay's chunks on spec.Workers goroutines and
// hands them on in the order they were read. A chunk is handed to a worker
// only once it has a place in the ordered queue, so at most 2 × Workers
// chunks (and their records) are between the reader and the batcher
// whatever the workers' speed: memory stays flat on any log.
//
// Every stage runs until its input closes, without watching a context:
// the producer stops on cancellation and RunLog drains the returned
// channel, so nothing is left blocked.
func parseInOrder(spec LogSpec, chunks <-chan chunk) <-chan chunk {
	type job struct {
		c    chunk
		done chan chunk
	}
	jobs := make(chan job)
	order := make(chan chan chunk, 2*spec.Workers)
	out := make(chan chunk)
	go func() {
		defer close(order)
		defer close(jobs)
		for c := range chunks {
			done := make(chan chunk, 1)
			order <- done
			jobs <- job{c, done}
		}
	}()
	for range spec.Workers {
		// Each worker has its own parser: the parser caches the last
		// timestamp it decoded.
		p := spec.Parser.clone()
		go func() {
			for j := range jobs {
				parseChunk(p, &j.c, spec.NotBefore, spec.Recycle)
				j.done <- j.c
			}
		}()
	}
	go func() {
		defer close(out)
		for done := range order {
			out <- <-done
		}
	}()
	return out
}

// parseChunk parses a chunk's lines into records, dropping those before
// notBefore, and lets the chunk's text go (the records hold substrings of
// it).
func parseChunk(p *Parser, c *chunk, notBefore time.Time, recycle chan []Record) {
	n := len(c.lines) + len(c.ends)
	if n == 0 {
		return
	}
	var recs []Record
	select {
	case s := <-recycle:
		// Given back cleared: parseLines parses into cleared records.
		recs = s[:0]
	default:
		recs = make([]Record, 0, n)
	}
	for k := 0; k < n; {
		recs, k = parseLines(p, c, recs, k, notBefore)
	}
	c.recs, c.parsed = recs, true
	recycleEnds(c.ends)
	c.lines, c.text, c.ends = nil, "", nil
}

// parseLines parses c's lines from the k-th on onto recs as appendParsed
// does, under one guard for them all instead of a deferred call a line. A
// parser panic ends it early: that line's record is then failed, and next
// is the line after it.
func parseLines(p *Parser, c *chunk, recs []Record, k int, notBefore time.Time) (out []Record, next int) {
	var line string
	defer func() {
		if v := recover(); v != nil {
			recs[len(recs)-1] = failedRecord(line, PanicReason("parser", v))
			out, next = recs, k+1
		}
	}()
	nl := len(c.lines)
	filter := !notBefore.IsZero()
	for ; k < nl+len(c.ends); k++ {
		switch i := k - nl; {
		case i < 0:
			line = c.lines[k]
		case i == 0:
			line = c.text[:c.ends[0]]
		default:
			line = c.text[c.ends[i-1]+1 : c.ends[i]]
		}
		if len(recs) < cap(recs) {
			recs = recs[:len(recs)+1] // cleared by parseChunk up to the k-th
			if len(recs) > k+1 {
				// Past the lines read: a line split in several records
				// took the slots parseChunk cleared.
				recs[len(recs)-1] = Record{}
			}
		} else {
			recs = append(recs, Record{})
		}
		if parseFault != nil {
			parseFault(line)
		}
		first, atLine := len(recs)-1, k
		if c.pasted && htmlEscaped(line) {
			line = html.UnescapeString(line)
		}
		p.parseZeroed(line, &recs[len(recs)-1])
		if r := &recs[len(recs)-1]; wrapHead(r) || warningIndentWrapped(c, r, k) || c.pasted && warningWidthWrapped(c, r, k) {
			k = rejoin(p, c, line, k, r)
		} else if warningCutKnown(p, c, r, line, k) {
			k++
		}
		if c.pasted && mayRunOn(&recs[len(recs)-1]) {
			recs = splitRunOn(p, recs, notBefore)
		}
		if filter {
			n := len(recs)
			if recs = keepSince(recs, notBefore); len(recs) < n {
				recs[:n][n-1] = Record{} // left off: the next line reuses it
			}
		}
		if c.pasted && len(recs) == first+1 && k == atLine {
			recs = repeatUniq(c, recs, line)
		}
	}
	return recs, k
}

// maxUniqRepeats bounds how many records the counted lines of one chunk
// of a paste (sort | uniq -c) are read as, the lines themselves included.
const maxUniqRepeats = 10000

// repeatUniq reads the last of recs, a paste's line that uniq -c counted
// ("   4521 connect to ..."), as many times as its count says, within
// what is left of the chunk's bound.
func repeatUniq(c *chunk, recs []Record, line string) []Record {
	p := uniqCount(line)
	if p == 0 {
		return recs
	}
	n, ok := atoi(strings.TrimSpace(line[:p]))
	if !ok || n < 2 {
		return recs
	}
	extra := min(n-1, maxUniqRepeats-1-c.repeated)
	for range max(extra, 0) {
		recs = append(recs, recs[len(recs)-1])
	}
	c.repeated += max(extra, 0)
	return recs
}

// wrapWidths are the widths posts and mail programs wrap text at.
var wrapWidths = [...]int{72, 76, 78, 80}

// wrappedAt tells whether a paste's line cur was wrapped at one of
// wrapWidths before next: cur fills that width nearly, and next's first
// word would not have fit on it. next must begin with no stamp.
func wrappedAt(cur, next string) bool {
	rest := strings.TrimLeft(next, "> \t")
	if rest == "" {
		return false
	}
	if own, _ := stripPrefix(rest); startsWithStamp(own) {
		return false
	}
	word := len(rest)
	if i := strings.IndexByte(rest, ' '); i >= 0 {
		word = i
	}
	for _, w := range wrapWidths {
		if len(cur) <= w && len(cur) >= w-24 && len(cur)+1+word > w {
			return true
		}
	}
	return false
}

// unreadWarning tells a daemon's warning (or worse) that neither the
// knowledge base nor the classes read: cut short, perhaps, by a wrap.
func unreadWarning(r *Record) bool {
	return r.Daemon != "" && r.Severity != SevInfo && r.Known == 0 && (r.Class == ClassNone || r.Class == ClassOther)
}

// warningWidthWrapped tells whether r, the k-th line of c, is an unread
// warning that a post wrapped at its width: the next line goes on with it.
func warningWidthWrapped(c *chunk, r *Record, k int) bool {
	if !unreadWarning(r) || k+1 >= len(c.lines)+len(c.ends) {
		return false
	}
	return wrappedAt(strings.TrimRight(chunkLine(c, k), " \t\r"), strings.TrimRight(chunkLine(c, k+1), " \t\r"))
}

// chunkLine is c's k-th line.
func chunkLine(c *chunk, k int) string {
	nl := len(c.lines)
	switch i := k - nl; {
	case i < 0:
		return c.lines[k]
	case i == 0:
		return c.text[:c.ends[0]]
	default:
		return c.text[c.ends[i-1]+1 : c.ends[i]]
	}
}

// maxWrapLines bounds how many lines one pasted record is joined from.
const maxWrapLines = 12

// wrapHead tells whether r, a line a daemon logged, stops where a record
// hard-wrapped for a post would go on: its message is empty or ends in a
// colon ("NOQUEUE: reject:", "RCPT from host[addr]:"). Postfix's own
// records end otherwise, and syslog writes each on one line.
func wrapHead(r *Record) bool {
	// Most messages end in none of these: one byte tells them.
	if m := r.Message; m != "" && m[len(m)-1] != ':' && m[len(m)-1] != ' ' {
		return openBeforeEnd(r, m)
	}
	if r.Event == EvInvalid || r.Event == EvOther {
		return false
	}
	if r.Daemon == "" {
		// A bare message: only a reply or a reason cut before its end
		// goes on.
		return r.Event == EvReject && rejectOpen(r.Message) || (r.Event == EvAttempt || r.Event == EvDelivery) &&
			(replyOpen(r.Message) || bounceHead(r.Message) || r.Event == EvDelivery && clientReasonOpen(r.Message))
	}
	m := strings.TrimRight(r.Message, " ")
	// A break after a field's ", " leaves the blank on the line.
	return m == "" || m[len(m)-1] == ':' || openBeforeEnd(r, m)
}

// agentTag tells a record tagged by one of Postfix's delivery agents
// (postfix/smtp, postfix-out/lmtp), the only programs that write
// delivery records.
func agentTag(r *Record) bool {
	switch r.Daemon {
	case "smtp", "lmtp", "local", "virtual", "pipe", "error", "retry", "discard":
		return strings.Contains(r.Program, "/")
	}
	return false
}

// openBeforeEnd tells whether m, r's message without a blank at its end,
// stops before the end every such record has.
func openBeforeEnd(r *Record, m string) bool {
	switch r.Event {
	case EvUnknown:
		// "to=, relay=..." broken before its status: no delivery yet;
		// so is a delivery agent's "to=<...>, relay=..." pasted without
		// its queue id.
		return r.Daemon != "" && (hasPrefix(m, emptyRecipient) || hasPrefix(m, "to=<") && agentTag(r)) && deliveryOpen(m)
	case EvReject:
		return rejectOpen(m) || r.Daemon == "" && rblReplyCut(m)
	}
	return (r.Event == EvAttempt || r.Event == EvDelivery) && m[len(m)-1] != ')' &&
		(replyOpen(m) || deliveryOpen(m) || clientReasonOpen(m) || r.Daemon == "" && bounceHead(m))
}

// warningIndentWrapped tells whether r, the k-th line of c, is a daemon's
// warning (or worse) whose rest a page or a mail program put on indented
// lines after it: syslog starts no record with whitespace, so an indented
// line after a warning, with no stamp of its own, goes on with its text.
// A warning reads whole to wrapHead ("warning: service \"smtp\""), so
// only the line after it tells. A summary of sort | uniq -c indents
// every line behind its count; its next counted line is no rest.
func warningIndentWrapped(c *chunk, r *Record, k int) bool {
	if r.Daemon == "" || r.Severity == SevInfo || k+1 >= len(c.lines)+len(c.ends) {
		return false
	}
	next := chunkLine(c, k+1)
	rest := strings.TrimLeft(next, " \t")
	if len(rest) == len(next) || strings.TrimSpace(rest) == "" {
		return false
	}
	// sort | uniq -c indents each line behind its count: a counted line
	// after a counted warning is the summary's next line.
	if uniqCount(next) > 0 && uniqCount(chunkLine(c, k)) > 0 {
		return false
	}
	own, _ := stripPrefix(rest)
	return !startsWithStamp(own)
}

// warningCutKnown reads r, the k-th line of c, together with the next
// line when a page broke a daemon's warning mid-sentence without
// indenting its rest ("warning: do not list" / "domain ... in BOTH ..."):
// the next line has no header and is no record of its own, the warning
// alone is no message the knowledge base knows, and the two together
// are one. r then holds the joined record. The table decides, so prose
// after a warning stays apart.
func warningCutKnown(p *Parser, c *chunk, r *Record, line string, k int) bool {
	if r.Daemon == "" || r.Severity == SevInfo || r.Known != 0 || k+1 >= len(c.lines)+len(c.ends) {
		return false
	}
	next := strings.TrimRight(chunkLine(c, k+1), " \t\r")
	if next == "" || next[0] == ' ' || next[0] == '\t' || len(line)+1+len(next) > MaxLineLen {
		return false
	}
	var alone Record
	p.parseZeroed(next, &alone)
	if alone.Event != EvInvalid || !alone.Time.IsZero() {
		return false
	}
	var joined Record
	p.parseZeroed(strings.TrimRight(line, " \t\r")+" "+next, &joined)
	if joined.Known == 0 || joined.Daemon != r.Daemon {
		return false
	}
	*r = joined
	return true
}

// rejectOpen tells whether s is a reject of smtpd or postscreen ("reject:
// STAGE from CLIENT: CODE ...") without the envelope it logs after the
// reply (smtpdLogTails): every reject line has one, so the rest of the
// record is on the lines after.
func rejectOpen(s string) bool {
	i := strings.Index(s, "reject: ")
	if i < 0 {
		return false
	}
	rest := s[i+len("reject: "):]
	stage, client, ok := strings.Cut(rest, " from ")
	if !ok || stage == "" || strings.ContainsAny(stage, " :") || stage[0] < 'A' || stage[0] > 'Z' {
		return false
	}
	j := strings.Index(client, ": ")
	if j < 0 || code3(client[j+2:]) < 400 {
		return false
	}
	return !smtpdLogTail(client)
}

// replyCutShort tells a reply that ends where no reply ends: at a ';' or
// ',' between its parts, or at default_rbl_reply's "blocked using" before
// the list's name. A reply ending otherwise (the client's address, a
// sentence) may be whole, and the line after it the admin's own words.
func replyCutShort(s string) bool {
	return strings.HasSuffix(s, ";") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, " blocked using")
}

// smtpdLogTail tells whether s holds the envelope smtpd logs after a
// reject's reply.
func smtpdLogTail(s string) bool {
	for _, tail := range smtpdLogTails {
		if strings.Contains(s, tail) {
			return true
		}
	}
	return false
}

// replyOpen tells whether s holds a server's reply the smtp or lmtp
// client logged ("host X[addr] said: ...") without the "(in reply to CMD
// command)" it ends with: the rest of the record is on the lines after.
func replyOpen(s string) bool {
	s = pastAddresses(s)
	if i := strings.Index(s, "] said:"); i >= 0 {
		return !strings.Contains(s[i:], "(in reply to ")
	}
	// A refusal at the greeting has no "(in reply to": it goes on only
	// where it broke right after its colon, or right after the reply's
	// code and enhanced status, which no server sends without its text.
	const refused = "] refused to talk to me:"
	if strings.HasSuffix(s, refused) {
		return true
	}
	i := strings.LastIndex(s, refused)
	if i < 0 {
		return false
	}
	reply := strings.TrimSpace(s[i+len(refused):])
	return bareReplyCode(reply) || multiLineOpen(reply)
}

// multiLineOpen tells a multi-line reply cut before its last line: Postfix
// logs such a reply's lines joined, each with its code ("554-text 554-more
// 554 last"), and only the last has a blank (or nothing) after the code.
func multiLineOpen(reply string) bool {
	if code3(reply) == 0 || len(reply) < 4 || reply[3] != '-' {
		return false
	}
	last := reply[:3] + " "
	return !strings.Contains(reply, " "+last) && !strings.HasSuffix(reply, " "+reply[:3])
}

// bareReplyCode tells a reply's code alone, or with its enhanced status
// ("421", "421 4.7.0", "554-5.7.1"): the first words of a reply whose
// text is still to come.
func bareReplyCode(s string) bool {
	if code3(s) == 0 {
		return false
	}
	st := s[min(4, len(s)):]
	return len(s) == 3 || st != "" && st[0] == s[0] && strings.IndexByte(st, ' ') < 0 && enhancedStatus(st+" ")
}

// deliveryOpen tells whether s holds a delivery record ("QID: to=<...>,
// relay=..., status=X (reason)") that stops before its end: every one a
// delivery agent logs names its status, and the smtp and lmtp clients'
// account of a server's answer ("(host X[addr] said: ... (in reply to
// CMD command))") closes its parentheses, so a record without its
// status, or such a reason with more "(" than ")", was broken by a
// post's line width ("(in reply to DATA" / "command))"). A record
// that stops at its status word was broken there: Postfix writes the
// reason after it ("status=%s (%s)", log_adhoc.c). The recipient
// field must open the message or follow the queue id: a reject's
// "from=<...> to=<...>" is no delivery. A web page that dropped the
// <address> as an HTML tag leaves "to=, ".
func deliveryOpen(s string) bool {
	i := recipientField(s)
	if i < 0 {
		return false
	}
	s = pastAddresses(s[i:])
	if !strings.Contains(s, " status=") {
		return true
	}
	// Other agents' reasons (a command's output, a path) may hold a lone
	// "(" of their own.
	reason, ok := statusReason(s)
	if !ok {
		return statusLast(s)
	}
	return (reason == "(host" || hasPrefix(reason, "(host ")) && parenOpen(reason)
}

// statusLast tells whether s, a delivery record, ends with its status
// word ("..., status=deferred"), the reason not written after it.
func statusLast(s string) bool {
	j := strings.LastIndex(s, " status=")
	if j < 0 {
		return false
	}
	w := s[j+len(" status="):]
	if w == "" {
		return false
	}
	for k := 0; k < len(w); k++ {
		if c := w[k]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// statusReason is what follows a delivery record's "status=WORD ": its
// reason; ok is false when s holds no status word with text after it.
func statusReason(s string) (string, bool) {
	j := strings.Index(s, "status=")
	if j < 0 || j > 0 && s[j-1] != ' ' {
		return "", false
	}
	_, reason, ok := strings.Cut(s[j+len("status="):], " ")
	return reason, ok
}

// parenOpen tells a reason with more "(" than ")".
func parenOpen(s string) bool { return strings.Count(s, "(") > strings.Count(s, ")") }

// clientOwnReasons are how the smtp and lmtp clients begin the reasons
// they write in their own words (smtp_trouble.c, smtp_connect.c): "lost
// connection with %s while %s", "conversation with %s timed out while
// %s", "connect to %s[%s]:%d: %m". A host name holds no parenthesis, so
// each such reason is closed by the record's own ")".
var clientOwnReasons = [...]string{"(lost connection", "(conversation with", "(connect to "}

// clientReasonOpen tells whether s, a delivery record, stops inside a
// reason of the clients' own words before its ")": a post's line width
// put the rest on the next line.
func clientReasonOpen(s string) bool {
	reason, ok := statusReason(pastAddresses(s))
	if !ok {
		return false
	}
	for _, p := range clientOwnReasons {
		if hasPrefix(reason, p) || hasPrefix(p, reason) && reason != "" {
			return parenOpen(reason)
		}
	}
	return false
}

// pastAddresses returns s past the recipient and orig_to addresses of the
// delivery record it holds (see recipientField), or s: the fields and the
// reason are Postfix's words, an address's (quoted, any text) a sender's.
// A "to=<" after a server's "] said:" is the reply's text.
func pastAddresses(s string) string {
	i := recipientField(s)
	if i < 0 || !hasPrefix(s[i:], "to=<") || strings.Contains(s[:i], "] said:") {
		return s
	}
	_, s = address(s[i+len("to="):])
	if hasPrefix(s, ", orig_to=<") {
		_, s = address(s[len(", orig_to="):])
	}
	return s
}

// recipientField returns where a delivery record's recipient field
// begins in s (at its start or after the queue id's ": "), or -1.
func recipientField(s string) int {
	for i := 0; i+4 <= len(s); {
		j := strings.Index(s[i:], "to=")
		if j < 0 {
			return -1
		}
		i += j
		if (i == 0 || strings.HasSuffix(s[:i], ": ")) && (hasPrefix(s[i:], "to=<") || hasPrefix(s[i:], emptyRecipient)) {
			return i
		}
		i += 3
	}
	return -1
}

// quoteMarks returns how many of a mail reply's quote marks (">") open
// line, before its text: a record pasted into a quoted mail carries as
// many on each of its wrapped lines.
func quoteMarks(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '>':
			n++
		case ' ', '\t':
		default:
			return n
		}
	}
	return n
}

// unquote strips n quote marks from line, and the one blank a mail client
// puts after them; ok is false when line does not carry them.
func unquote(line string, n int) (string, bool) {
	for n > 0 {
		line = strings.TrimLeft(line, " \t")
		if line == "" || line[0] != '>' {
			return line, false
		}
		line, n = line[1:], n-1
	}
	return strings.TrimPrefix(line, " "), true
}

// headOnly tells whether s is a log line's header and program tag with
// no message: a post broke the record right after the tag.
func headOnly(p *Parser, s string) bool {
	var r Record
	p.parseZeroed(s, &r)
	return r.Daemon != "" && r.Message == "" && !r.Time.IsZero()
}

// rejoin parses into r the record that line, the k-th of c, begins when
// the lines after it continue it, and returns the index of its last line.
func rejoin(p *Parser, c *chunk, line string, k int, r *Record) int {
	joined, last := joinWrapped(p, c, line, k, c.pasted && unreadWarning(r))
	if last > k {
		*r = Record{}
		p.parseZeroed(joined, r)
	}
	return last
}

// joinWrapped joins to line, the k-th of c, the lines after it that
// continue it when a post hard-wrapped the record: indented ones, and
// after a colon ones that read as no log line of their own, and with
// width (an unread warning of a paste) those past the width a post
// wrapped it at. It returns the joined text and the index of the last
// line taken (k when none).
func joinWrapped(p *Parser, c *chunk, line string, k int, width bool) (string, int) {
	n := len(c.lines) + len(c.ends)
	marks := quoteMarks(line)
	fold, run := 0, 0
	if marks == 0 {
		fold, run = foldWidth(c, k, n)
	}
	joined, last := joinPieces(p, c, line, k, n, width, fold, run)
	if fold > 0 && last > k+run {
		// A piece before the last is not as wide as the others: the
		// record was wrapped at its words after all.
		joined, last = joinPieces(p, c, line, k, n, width, 0, 0)
	}
	return joined, last
}

// foldWidths are the widths a terminal's copy of a long line is cut at.
var foldWidths = [...]int{72, 76, 79, 80, 100, 120, 132}

// foldWidth returns the width a terminal's copy cut c's lines at from the
// k-th on (fold -w: every piece but the last that wide, mid-word) and how
// many lines from the k-th have it, or 0: a common width, and 80 columns
// alone or another one on two lines or more.
func foldWidth(c *chunk, k, n int) (width, run int) {
	w := len(strings.TrimRight(chunkLine(c, k), "\r"))
	if !slices.Contains(foldWidths[:], w) {
		return 0, 0
	}
	for run = 1; k+run < n && run < maxWrapLines && len(strings.TrimRight(chunkLine(c, k+run), "\r")) == w; run++ {
	}
	if w != 80 && run < 2 {
		return 0, 0
	}
	return w, run
}

// joinPieces is joinWrapped's join; the lines from the k-th up to the
// (k+run)-th, when fold is the width they were cut at, continue the one
// before without a blank unless it ended in one.
func joinPieces(p *Parser, c *chunk, line string, k, n int, width bool, fold, run int) (string, int) {
	var b strings.Builder
	b.WriteString(strings.TrimRight(line, " \t\r"))
	last := k
	marks := quoteMarks(line)
	own, _ := stripPrefix(strings.TrimLeft(line, "> \t"))
	stamped := startsWithStamp(own)
	prev := strings.TrimRight(chunkLine(c, k), " \t\r")
	for j := k + 1; j < n && j-k < maxWrapLines; j++ {
		raw := strings.TrimRight(chunkLine(c, j), " \t\r")
		if width && uniqCount(raw) > 0 {
			// A summary's next counted line (sort | uniq -c), not the
			// rest of a warning a mail program wrapped.
			break
		}
		// A piece a terminal cut mid-word at its width goes on, whatever
		// the cut left at its end ("(hos" / "t mx...").
		cut := strings.TrimRight(chunkLine(c, j-1), "\r")
		midWord := j <= k+run && len(cut) == fold && cut[fold-1] != ' ' && cut[fold-1] != '\t'
		atWidth := width && wrappedAt(prev, raw) || midWord
		prev = raw
		next := raw
		if marks > 0 {
			var ok bool
			if next, ok = unquote(next, marks); !ok {
				break
			}
		}
		rest := strings.TrimLeft(next, " \t")
		if rest == "" || b.Len()+1+len(rest) > MaxLineLen {
			break
		}
		indented := len(rest) < len(next)
		if indented {
			// An indented line with a stamp of its own is the next record
			// of a paste indented whole (a code block, cat -n's numbers).
			if own, _ := stripPrefix(rest); startsWithStamp(own) {
				break
			}
		} else {
			sofar := b.String()
			cut := noticeCut(sofar)
			delivery := deliveryOpen(sofar) || clientReasonOpen(sofar)
			// A reject cut before its envelope goes on with a line that
			// brings the envelope, or, in a paste without headers, with
			// any line of no shape of its own; a log's own line cut short
			// (syslog's length limit) takes no comment after it.
			rejectRest := rejectOpen(sofar) && (smtpdLogTail(rest) || !stamped && replyCutShort(sofar))
			open := replyOpen(sofar) || cut || delivery || rejectRest || rblReplyCut(sofar)
			if !open && !strings.HasSuffix(sofar, ":") && !atWidth {
				break
			}
			var alone Record
			p.parseZeroed(next, &alone)
			// After a header alone, its message comes without one.
			bareMessage := last == k && alone.Program == BareProgram && alone.Time.IsZero() && headOnly(p, sofar)
			// Inside an open reply, a line that begins "word:" naming
			// no Postfix program is the reply's text; after a notice's
			// head cut before the peer, the reply begun at the server's
			// name is its rest.
			replyText := open && alone.Time.IsZero() && alone.Daemon == "" &&
				(alone.Event == EvOther || cut && last == k && (alone.Event == EvAttempt || alone.Event == EvDelivery && alone.To == ""))
			// Inside a delivery record not yet ended, a line without a
			// header is its rest ("mx.example[addr] said: ..." reads as
			// a reply of its own), unless it begins a record itself.
			deliveryRest := delivery && alone.Time.IsZero() && alone.Daemon == "" && alone.QueueID == "" &&
				!strings.HasPrefix(rest, "to=<")
			// After a line ending in a colon, smtpd's reason without its
			// codes ("Sender address rejected: ...") is the refusal's rest:
			// alone it reads as a bare reject, but no record begins so.
			reasonRest := alone.Event == EvReject && alone.Time.IsZero() && alone.Program == BareProgram && rejectClassFirst(rest)
			// Past the width, a line with no header, program or queue id
			// of its own is the warning's rest, whatever its words.
			widthRest := atWidth && alone.Time.IsZero() && alone.Daemon == "" && alone.QueueID == "" && alone.Program == BareProgram
			if alone.Event != EvInvalid && !bareMessage && !replyText && !deliveryRest && !reasonRest && !widthRest {
				break
			}
		}
		if midWord {
			// The bytes go on as they were.
			b.WriteString(next)
		} else if rest[0] == '>' && addressOpen(b.String()) {
			// An address holds no blank: its ">" closes it.
			b.WriteString(rest)
		} else {
			b.WriteByte(' ')
			b.WriteString(rest)
		}
		last = j
	}
	if last == k {
		return line, k
	}
	return b.String(), last
}

// addressOpen tells whether s ends inside an address its "<" opened.
func addressOpen(s string) bool {
	i := strings.LastIndexByte(s, '<')
	return i >= 0 && !strings.ContainsAny(s[i:], "> \t")
}

// htmlEscaped tells a pasted line copied from a web page's source or a
// ticket that escaped it (to=&lt;...&gt;, &quot;smtp&quot;): it has
// escapes and none of the characters they stand for. A line with its own
// brackets or quotes is as Postfix logged it, whatever text it quotes.
func htmlEscaped(line string) bool {
	return (strings.Contains(line, "&lt;") || strings.Contains(line, "&gt;") || strings.Contains(line, "&quot;")) &&
		!strings.ContainsAny(line, "<>\"")
}
