package sources

import (
	"strings"
	"unicode/utf8"
)

// stripPrefix removes what a container runtime or a log viewer writes
// before a log line:
//   - the CRI log format of Kubernetes nodes (/var/log/pods):
//     "2026-11-28T04:00:00.123456789Z stdout F " (F a full line, P a part);
//   - docker logs -t and kubectl logs --timestamps before an RFC 3164 or
//     RFC 3339 line: "2026-11-28T04:00:00.123456789Z Nov 28 04:00:00 host ...";
//   - kubectl logs --prefix: "[pod/name/container] ", and stern's
//     "pod container " before a stamped line;
//   - docker compose logs: "service-1  | ", with -t followed by the
//     runtime's timestamp as docker logs -t writes it;
//   - grep -H, -n and zgrep: "/var/log/mail.log.1:", "mail.log:1234:",
//     "1234:" before a line with a timestamp;
//   - the count of sort | uniq -c: "      3 ", and the line number cat -n
//     and nl write before a line with a timestamp ("     3<TAB>");
//   - the "DATE, TIME | LEVEL | " of a row copied from a web UI's log
//     table (mailcow's: "18/9/2026, 10:44:45 | warning | "), the "DATE
//     TIME | " a web console's log viewer copies before a stamped line
//     (Rancher's: "Fri, Jul 8 2022 10:50:44 am | "), and a row
//     whose cells a browser's copy separates by tabs (OPNsense's:
//     "2026-05-01T10:02:41<TAB>Critical<TAB>postfix/local<TAB>fatal: ...",
//     or without the program cell, as mailcow's table copies:
//     "28/06/2026 16:32:52<TAB>warning<TAB>warning: ...");
//   - the double quotes or backticks around a line quoted whole in a
//     post's prose or marked as inline code (a backtick alone before a
//     timestamp: inline code closed on a later line), and the Markdown
//     emphasis ("_", "*", "**", "__") around one;
//   - the indentation or "> " of a line pasted into a code block or a mail,
//     the "| " gutter of a line pasted from a table or a viewer's pane, and
//     a root shell's "# " prompt, and a Markdown list item's "- " or "* ";
//   - bash's default prompt before a command's output copied from a
//     terminal: the Red Hat family's "[root@mx1 postfix]# ", Debian's and
//     Ubuntu's "root@mx1:~# ";
//   - the colour codes of a terminal's copy (docker compose logs colours
//     the service name), as escape bytes or as less shows them ("ESC[36m");
//   - the dots ("...", "…") with which a post marks that it cut the start
//     of a line.
//
// stamp is the runtime's timestamp, kept for lines that carry no time of
// their own.
func stripPrefix(line string) (rest, stamp string) {
	if len(line) == 0 {
		return line, ""
	}
	if sgrLen(line) > 0 {
		return stripPrefix(dropSGR(line))
	}
	// A Windows editor's byte order mark before the first line, and
	// the no-break spaces a web page puts in a copied header ("Dec&nbsp;
	// 3"): Postfix writes neither.
	if strings.HasPrefix(line, "\ufeff") {
		return stripPrefix(line[len("\ufeff"):])
	}
	// One byte searched first: every RFC 3339 line comes through here.
	if c := line[0]; (isDigit(c) || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') &&
		strings.IndexByte(line[:min(len(line), 64)], 0xc2) >= 0 {
		// Once, in the header up to the program tag, which starts with
		// a letter or digit: a message's own stay, and no indentation
		// made of them is read as spaces again and again.
		if head := syslogHead(line); strings.Contains(head, "\u00a0") {
			line = strings.ReplaceAll(head, "\u00a0", " ") + line[len(head):]
		}
	}
	// Postfix starts no line with dots; the first byte spares the other
	// lines (an ISO stamp's on every line) the search.
	if c := line[0]; c == '.' || c == "\u2026"[0] {
		if n := ellipsisLen(line); n > 0 {
			return afterMark(line, n)
		}
	}
	// A writer's bracketed elision where the header was cut ("[...]
	// postfix/smtp[1]: ..."): no host, as Postfix names none so.
	if c := line[0]; c == '[' {
		for _, m := range [...]string{"[...] ", "[\u2026] "} {
			if strings.HasPrefix(line, m) {
				return afterMark(line, len(m))
			}
		}
	}
	if c := line[0]; (c == '_' || c == '*') && len(line) > 1 && line[1] != ' ' {
		// Markdown emphasis around a line a post quotes whole ("_..._",
		// "**...**"). Postfix starts no line with either mark; both ends
		// must carry the same run of it.
		if rest, ok := stripEmphasis(line, c); ok {
			return stripPrefix(rest)
		}
	}
	switch c := line[0]; {
	case c == ' ' || c == '\t' || c == '>' || c == '|' && len(line) > 1 && line[1] == ' ':
		// A line pasted indented (a code block), quoted in a mail, or in a
		// table's or a pane's "| " gutter. Postfix starts no line with any.
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>' || line[i] == '|') {
			i++
		}
		if i == len(line) {
			return line, ""
		}
		if n := lineNumberLen(line); n > 0 {
			return stripPrefix(line[n:])
		}
		if n := uniqCount(line); n > 0 {
			return stripPrefix(line[n:])
		}
		return stripPrefix(line[i:])
	case (c == '#' || c == '-' || c == '*') && len(line) > 1 && line[1] == ' ':
		// A root shell's prompt, a comment mark, or a Markdown list
		// item's mark before a pasted line. Postfix starts no line with
		// any.
		return afterMark(line, 1)
	case c == '"' || c == '`':
		// A line quoted whole in a post's prose, or marked as inline code.
		// Postfix starts no line with either; both ends must carry the mark.
		body := strings.TrimRight(line, " \t")
		if len(body) > 2 && body[len(body)-1] == c {
			return stripPrefix(body[1 : len(body)-1])
		}
		if c == '`' && (startsWithStamp(line[1:]) || postfixTagAt(line[1:])) {
			// Inline code that a post's wrapping closes on a later
			// line: the stamp after the mark, or a Postfix program's
			// tag pasted without a header, says a log line starts.
			return stripPrefix(line[1:])
		}
		return line, ""
	case c == '[':
		if n := shellPromptLen(line); n > 0 {
			return stripPrefix(line[n:])
		}
		if rest := stripKubectlPrefix(line); len(rest) != len(line) {
			// kubectl logs --prefix --timestamps: the runtime's stamp
			// follows the pod's name.
			if r, stamp := stripRuntimeStamp(rest); len(r) != len(rest) {
				return r, stamp
			}
			return rest, ""
		}
		return line, ""
	case isDigit(c):
		if rest, stamp, ok := stripTabRow(line); ok {
			return rest, stamp
		}
		if rest, stamp := stripRuntimeStamp(line); len(rest) != len(line) {
			return rest, stamp
		}
		if len(line) > 4 && line[4] == '-' {
			return line, "" // an RFC 3339 stamp, the common case: no grep -n prefix
		}
		if n := lineNumberLen(line); n > 0 {
			return stripPrefix(line[n:])
		}
		if rest, ok := stripGrepPrefix(line); ok {
			return rest, ""
		}
		if rest, ok := stripLevelRow(line); ok {
			return rest, ""
		}
		return line, ""
	}
	if n := debianPromptLen(line); n > 0 {
		return stripPrefix(line[n:])
	}
	if rest, ok := stripGrepPrefix(line); ok {
		return rest, ""
	}
	if rest, ok := stripLevelRow(line); ok {
		// A viewer's date in words: "Fri, Jul 8 2022 10:50:44 am | ".
		return rest, ""
	}
	rest = stripComposePrefix(line)
	if len(rest) != len(line) && rest != "" && isDigit(rest[0]) {
		// docker compose logs -t writes the runtime's stamp after the
		// service name.
		if r, stamp := stripRuntimeStamp(rest); len(r) != len(rest) {
			return r, stamp
		}
	}
	if len(rest) == len(line) {
		return stripPodPrefix(line), ""
	}
	return rest, ""
}

// stripPodPrefix removes the "POD CONTAINER " that stern, and kubectl
// tools like it, write before each line of a pod's output, when a syslog
// stamp follows (RFC 3339, or RFC 3164's month and clock): two names
// before a stamp start no Postfix line.
func stripPodPrefix(line string) string {
	i := 0
	for words := 0; words < 2; words++ {
		j := i
		for j < len(line) && j-i < 253 {
			if c := line[j]; !isAlnum(c) && c != '_' && c != '-' && c != '.' {
				break
			}
			j++
		}
		if j == i || j >= len(line) || line[j] != ' ' {
			return line
		}
		i = j + 1
	}
	rest := line[i:]
	if mon, _ := monthAt(rest); mon != 0 || len(rest) > 20 && rest[4] == '-' && isRFC3339Word(rest) {
		return rest
	}
	return line
}

// afterMark strips what follows the n bytes of a mark a post put before a
// line, and the blanks after them; a line that is only the mark stays.
func afterMark(line string, n int) (rest, stamp string) {
	if rest := strings.TrimLeft(line[n:], " \t"); rest != "" {
		return stripPrefix(rest)
	}
	return line, ""
}

// ellipsisLen returns the length of the dots that open line: three or
// more full stops, or horizontal ellipses; 0 when it has none.
func ellipsisLen(line string) int {
	i := 0
	for i < len(line) {
		switch {
		case line[i] == '.':
			i++
		case strings.HasPrefix(line[i:], "\u2026"):
			i += len("\u2026")
		default:
			if i < 3 && !strings.HasPrefix(line, "\u2026") {
				return 0
			}
			return i
		}
	}
	return 0
}

// uniqCount returns the length of the count that uniq -c writes before a
// line ("%7d ": blanks and digits, at least seven wide, then one blank),
// as admins paste a summary of sort | uniq -c, maybe indented further;
// 0 when line has none.
func uniqCount(line string) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	j := i
	for j < len(line) && isDigit(line[j]) {
		j++
	}
	if i == 0 || j == i || j < 7 || j+1 >= len(line) || line[j] != ' ' || line[j+1] == ' ' {
		return 0
	}
	return j + 1
}

// lineNumberLen is the length of the line number and tab that cat -n and
// nl write before each line ("     3\t"), when a stamp follows; else 0.
func lineNumberLen(line string) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	j := i
	for j < len(line) && j-i < 8 && isDigit(line[j]) {
		j++
	}
	if j == i || j >= len(line) || line[j] != '\t' || !startsWithStamp(line[j+1:]) {
		return 0
	}
	return j + 1
}

// stripGrepPrefix removes the "FILE:", "FILE:LINE:" or "LINE:" that grep
// and zgrep write before a matching line, when a timestamp follows it.
func stripGrepPrefix(line string) (string, bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 || i > 1024 || strings.IndexByte(line[:i], ' ') >= 0 {
		return line, false
	}
	rest := line[i+1:]
	if startsWithStamp(rest) {
		return rest, true
	}
	// FILE:LINE: — the line number is digits only.
	j := 0
	for j < len(rest) && j < 12 && isDigit(rest[j]) {
		j++
	}
	if j > 0 && j < len(rest) && rest[j] == ':' && startsWithStamp(rest[j+1:]) {
		return rest[j+1:], true
	}
	return line, false
}

// startsWithStamp tells a syslog timestamp at the start of s: "Nov 28 ",
// "2026-11-28" followed by a time, an RFC 5424 "<PRI>", a time of day
// alone ("3:04:29 "), or a month of another locale the parser reads.
func startsWithStamp(s string) bool {
	switch {
	case len(s) > 4 && s[3] == ' ' && monthOf(s[:3]) != 0 && (s[4] == ' ' || isDigit(s[4])):
		return true
	case len(s) > 13 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') && s[13] == ':' && isDigit(s[0]):
		return true
	case len(s) > 3 && s[0] == '<' && isDigit(s[1]):
		return true
	case len(s) > 8 && (s[1] == ':' || s[2] == ':') && clockWord(s):
		return true
	case len(s) > 12 && (s[0] >= utf8.RuneSelf || isDigit(s[0]) || 'a' <= s[0]|0x20 && s[0]|0x20 <= 'z'):
		// A month of another locale ("Dez 01 10:00:00", "2月 06"),
		// followed by a day and a clock.
		mon, _ := monthAt(s)
		return mon != 0
	}
	return false
}

// shellPromptLen returns the length of bash's default prompt on the Red
// Hat family before a command's output pasted from a terminal ("[root@mx1
// postfix]# ", "[ann@mx1 ~]$ "): user@host and the directory in brackets,
// then "# " or "$ ", and more after it. It returns 0 for anything else.
func shellPromptLen(line string) int {
	end := strings.IndexByte(line, ']')
	if end < 0 || end+3 >= len(line) || line[end+1] != '#' && line[end+1] != '$' || line[end+2] != ' ' {
		return 0
	}
	user, rest, ok := strings.Cut(line[1:end], "@")
	host, dir, ok2 := strings.Cut(rest, " ")
	if !ok || !ok2 || user == "" || host == "" || dir == "" ||
		strings.ContainsAny(user, " []") || strings.ContainsAny(dir, " []") {
		return 0
	}
	return end + 3
}

// debianPromptLen returns the length of bash's default prompt on Debian
// and Ubuntu before a command's output pasted from a terminal
// ("root@mx1:~# ", "ann@mx1:/etc/postfix$ "): user@host, a colon, the
// directory (~ or an absolute path), then "# " or "$ ", and more after
// it. An address before a reason ("bob@example.org: host ...") has a
// blank after its colon, and is no prompt.
func debianPromptLen(line string) int {
	at := strings.IndexByte(line[:min(len(line), 64)], '@')
	if at <= 0 {
		return 0
	}
	colon := strings.IndexByte(line[at:], ':')
	if colon < 2 {
		return 0
	}
	colon += at
	for _, c := range []byte(line[:colon]) {
		if !isAlnum(c) && c != '_' && c != '-' && c != '.' && c != '@' {
			return 0
		}
	}
	dir := colon + 1
	if dir >= len(line) || line[dir] != '~' && line[dir] != '/' {
		return 0
	}
	end := strings.IndexByte(line[dir:], ' ')
	if end < 2 {
		return 0
	}
	end += dir
	if c := line[end-1]; c != '#' && c != '$' || end+1 >= len(line) {
		return 0
	}
	return end + 1
}

// stripKubectlPrefix removes "[kind/name/container] ".
func stripKubectlPrefix(line string) string {
	end := strings.IndexByte(line, ']')
	if end < 0 || end+1 >= len(line) || line[end+1] != ' ' {
		return line
	}
	inner := line[1:end]
	if strings.Count(inner, "/") != 2 || strings.IndexByte(inner, ' ') >= 0 || strings.Contains(inner, "//") ||
		inner[0] == '/' || inner[len(inner)-1] == '/' {
		return line
	}
	return line[end+2:]
}

// stripRuntimeStamp removes "TIMESTAMP STREAM TAGS " of the CRI log format,
// STREAM being stdout or stderr and TAGS "F" or "P" (more may come,
// joined with ':'), and the bare "TIMESTAMP " that docker logs -t and
// kubectl logs --timestamps put before a line with its own RFC 3164 or
// RFC 3339 stamp, or a time of day alone.
func stripRuntimeStamp(line string) (rest, stamp string) {
	if len(line) < 20 || line[4] != '-' {
		return line, ""
	}
	sp := strings.IndexByte(line, ' ')
	if sp < 20 {
		return line, ""
	}
	s := line[sp+1:]
	switch {
	case strings.HasPrefix(s, "stdout ") || strings.HasPrefix(s, "stderr "):
		s = s[len("stdout "):]
		tags, after := firstToken(s)
		if tags == "" || after == "" && len(s) == len(tags) {
			return line, ""
		}
		for i := 0; i < len(tags); i++ {
			if c := tags[i]; (c < 'A' || c > 'Z') && c != ':' {
				return line, ""
			}
		}
		s = after
	case len(s) > 4 && s[3] == ' ' && monthOf(s[:3]) != 0 && (s[4] == ' ' || isDigit(s[4])):
	case len(s) > 20 && s[4] == '-' && isRFC3339Word(s):
		// docker logs -t before a line with its own RFC 3339 stamp (a
		// container's rsyslog writes those by default): no host name
		// is a time.
	case len(s) > 8 && (s[1] == ':' || s[2] == ':') && clockWord(s):
		// docker logs -t before a line stamped with the time of day
		// only: the runtime's stamp gives it its date.
	default:
		return line, ""
	}
	if _, n, ok := parse3339(line[:sp]); !ok || n != sp {
		return line, ""
	}
	return s, line[:sp]
}

// clockWord tells whether s starts with a time of day and a space.
func clockWord(s string) bool {
	n, ok := clockLen(s)
	return ok && n > 0 && n < len(s) && s[n] == ' '
}

// isRFC3339Word tells whether s starts with an RFC 3339 stamp followed by
// a space.
func isRFC3339Word(s string) bool {
	_, n, ok := parse3339(s)
	return ok && n < len(s) && s[n] == ' '
}

// sgrPrefixLen bounds where dropSGR looks for colour codes: a prefix's
// length, not the message's, whose text is the sender's.
const sgrPrefixLen = 160

// sgrLen is the length of the colour code (SGR: ESC [ digits and ';' m)
// that s starts with, written as the escape byte or as the three letters
// "ESC" that less shows for it; 0 if s starts with none.
func sgrLen(s string) int {
	i := 0
	switch {
	case strings.HasPrefix(s, "\x1b["):
		i = 2
	case strings.HasPrefix(s, "ESC["):
		i = 4
	default:
		return 0
	}
	for i < len(s) && (isDigit(s[i]) || s[i] == ';') {
		i++
	}
	if i < len(s) && s[i] == 'm' {
		return i + 1
	}
	return 0
}

// dropSGR removes the colour codes in the first sgrPrefixLen bytes of a
// line that starts with one.
func dropSGR(line string) string {
	var b strings.Builder
	i := 0
	for i < len(line) && i < sgrPrefixLen {
		if n := sgrLen(line[i:]); n > 0 {
			i += n
			continue
		}
		b.WriteByte(line[i])
		i++
	}
	b.WriteString(line[i:])
	return b.String()
}

// rowLevels are the syslog levels a log table shows in its level column,
// abbreviated or in words.
var rowLevels = []string{"debug", "info", "informational", "notice", "warning", "warn", "err", "error",
	"crit", "critical", "alert", "emerg", "emergency"}

// stripTabRow reads a log table's row copied with its cells separated by
// tabs: "DATE TIME<TAB>LEVEL<TAB>PROGRAM<TAB>MESSAGE", and returns
// "PROGRAM: MESSAGE", the line Postfix wrote without its header, or
// "DATE TIME<TAB>LEVEL<TAB>MESSAGE", and returns MESSAGE, or a log
// search's export, "DATE TIME<TAB>HOST<TAB>PROGRAM<TAB>MESSAGE" (see
// hostTabRow). stamp is
// the first cell when it is an RFC 3339 time (the row's time); a date in a
// locale's order is dropped, as stripLevelRow drops it. The level must be
// a syslog level and the program one word, so that no other line that
// happens to hold tabs is rewritten.
func stripTabRow(line string) (rest, stamp string, ok bool) {
	i := strings.IndexByte(line[:min(len(line), 43)], '\t')
	if i <= 0 || strings.IndexByte(line[:i], ':') < 0 {
		return line, "", false
	}
	cells := line[i+1:]
	j := strings.IndexByte(cells, '\t')
	if j <= 0 {
		return line, "", false
	}
	if len(line) > 4 && line[4] == '-' {
		stamp = line[:i]
	}
	if !isRowLevel(cells[:j]) {
		if rest, ok := hostTabRow(cells[:j], cells[j+1:]); ok {
			return rest, stamp, true
		}
		return line, "", false
	}
	cells = cells[j+1:]
	k := strings.IndexByte(cells, '\t')
	if k < 0 && strings.IndexByte(cells, ' ') > 0 {
		// A table without a program column (mailcow's: "DATE<TAB>LEVEL
		// <TAB>MESSAGE"): the message as Postfix wrote it, as
		// stripLevelRow returns it. A lone word is a program cell
		// whose message is missing, and stays as it is.
		return singleBlanks(cells), stamp, true
	}
	if k <= 0 || k+1 == len(cells) || strings.ContainsAny(cells[:k], " :") {
		return line, "", false
	}
	return cells[:k] + ": " + singleBlanks(cells[k+1:]), stamp, true
}

// hostTabRow reads the cells after the time of a row exported from a log
// search (Graylog, Kibana, Loki) with its cells separated by tabs:
// "HOST<TAB>PROGRAM[PID]<TAB>MESSAGE" or "HOST<TAB>PROGRAM<TAB>PID<TAB>
// MESSAGE", and returns "HOST PROGRAM[PID]: MESSAGE", the line as syslog
// wrote it without its stamp. The host must be one word and the program
// read as a tag, so that other rows that hold tabs stay as they are.
func hostTabRow(host, cells string) (string, bool) {
	if len(host) > 253 || strings.ContainsAny(host, " :") {
		return "", false
	}
	k := strings.IndexByte(cells, '\t')
	if k <= 0 || k > 128 {
		return "", false
	}
	tag, msg := strings.TrimSuffix(cells[:k], ":"), cells[k+1:]
	name, pid, bracket := strings.Cut(tag, "[")
	if !isProgramName(name) || bracket && (len(pid) < 2 || pid[len(pid)-1] != ']' || !allDigits(pid[:len(pid)-1])) {
		return "", false
	}
	if p := strings.IndexByte(msg[:min(len(msg), 11)], '\t'); !bracket && p > 0 && allDigits(msg[:p]) {
		// The pid in a cell of its own.
		tag, msg = tag+"["+msg[:p]+"]", msg[p+1:]
	}
	if strings.TrimLeft(msg, " ") == "" {
		return "", false
	}
	return host + " " + tag + ": " + singleBlanks(msg), true
}

// allDigits tells whether s is a run of decimal digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// singleBlanks turns each run of blanks in a message copied from a web
// log view into one. A web page shows a run of blanks as one, so a run in
// the copy is the view's own (some widen blanks where they wrap a long
// line), not Postfix's, and it would hide the message's known words.
func singleBlanks(msg string) string {
	if !strings.Contains(msg, "  ") {
		return msg
	}
	var b strings.Builder
	b.Grow(len(msg))
	for i := 0; i < len(msg); i++ {
		if msg[i] == ' ' && i > 0 && msg[i-1] == ' ' {
			continue
		}
		b.WriteByte(msg[i])
	}
	return b.String()
}

// isRowLevel tells whether s is one of rowLevels, in any case.
func isRowLevel(s string) bool {
	for _, lv := range rowLevels {
		if strings.EqualFold(s, lv) {
			return true
		}
	}
	return false
}

// stripLevelRow removes "DATE TIME | LEVEL | " of a row copied from a
// log table: a date and time (in whatever locale: digits, separators and
// maybe a word), one " | ", a syslog level, another " | ". It removes
// "DATE TIME | " alone before a line with its own stamp, as a web
// console's log viewer (Rancher's: "Fri, Jul 8 2022 10:50:44 am | ")
// copies its time column before a container's line. The date is
// dropped: its order of day and month depends on the viewer's locale,
// and a stamped line has its own.
func stripLevelRow(line string) (string, bool) {
	// The date and time stand in the first 40 bytes: no need to scan
	// the whole of every line that starts with a digit.
	i := strings.Index(line[:min(len(line), 43)], " | ")
	if i <= 0 || i > 40 || strings.IndexByte(line[:i], ':') < 0 {
		return line, false
	}
	for _, c := range []byte(line[:i]) {
		if c == '|' || c == '[' || c == '<' {
			return line, false
		}
	}
	rest := line[i+3:]
	for _, lv := range rowLevels {
		if len(rest) > len(lv)+3 && strings.EqualFold(rest[:len(lv)], lv) && rest[len(lv):len(lv)+3] == " | " {
			return singleBlanks(strings.TrimLeft(rest[len(lv)+3:], " ")), true
		}
	}
	if startsWithStamp(rest) {
		// The line is whole: its blanks are its own ("Jul  8").
		return rest, true
	}
	return line, false
}

// stripEmphasis removes the run of mark (at most three) that opens line
// when the same run, no longer, closes it.
func stripEmphasis(line string, mark byte) (string, bool) {
	n := 0
	for n < len(line) && n < 3 && line[n] == mark {
		n++
	}
	body := strings.TrimRight(line, " \t")
	m := 0
	for m < len(body) && body[len(body)-1-m] == mark {
		m++
	}
	if m != n || len(body) <= 2*n {
		return line, false
	}
	return body[n : len(body)-n], true
}

// syslogHead is the part of line that a syslog header and program tag
// may take: up to the tag's end ("]: ", else the first ": "), at most 64
// bytes.
func syslogHead(line string) string {
	head := line[:min(len(line), 64)]
	if i := strings.Index(head, "]: "); i >= 0 {
		return head[:i]
	}
	if i := strings.Index(head, ": "); i >= 0 {
		return head[:i]
	}
	return head
}

// exportPrefix tells what a log pipeline writes before a whole line (p,
// up to the line's header) from text a program or a sender wrote: it
// starts with the pipeline's own ISO or RFC 3339 stamp, then ends (a
// viewer's "STAMP<TAB>"), or holds one stream name or one {labels} block
// ("aws logs tail", logcli), or cells without blanks, each ended by a tab
// (Kiwi Syslog); aws's text output starts its rows with EVENTS, a tab and
// a number. The words of an untagged line or of a HELO name are none of
// these: a header in them is a sender's.
func exportPrefix(p string) bool {
	if rest, ok := strings.CutPrefix(p, "EVENTS\t"); ok {
		return blanklessCells(rest)
	}
	if _, _, _, _, _, _, _, _, ok := isoClock(p); !ok {
		return false
	}
	j := strings.IndexAny(p[19:], " \t")
	if j < 0 {
		return false
	}
	rest := p[19+j:]
	switch {
	case rest == " " || rest == "\t":
		return true
	case rest[0] == '\t':
		return blanklessCells(rest[1:])
	case rest[1] == '{':
		return strings.HasSuffix(rest, "} ") && !strings.Contains(rest[1:len(rest)-2], "} ")
	default:
		return !strings.ContainsAny(rest[1:len(rest)-1], " \t") && rest[len(rest)-1] == ' '
	}
}

// blanklessCells tells cells without blanks, each ended by a tab.
func blanklessCells(s string) bool {
	return s != "" && s[len(s)-1] == '\t' && !strings.Contains(s, " ")
}

// maxExportPrefix bounds what a log pipeline writes before a whole
// syslog line (a stamp, a stream's name, a row's cells, Loki's labels).
const maxExportPrefix = 512

// nextHeader returns the index, after from, where a syslog line may start
// after what a log pipeline or a syslog template wrote before it:
// "aws logs tail"'s "STAMP STREAM ", aws's text output's "EVENTS<TAB>
// INGESTED<TAB>", logcli's "STAMP {LABELS} ", a viewer's "STAMP<TAB>",
// Kiwi Syslog's "DATE TIME<TAB>PRIORITY<TAB>ADDRESS<TAB>". A stamp with
// its date, after a blank or a tab, must start there. The search stops at
// the first colon and blank, which ends a program tag: what follows is
// the message, the text of senders and receivers, and no header of this
// line. It returns -1 when there is no such place.
func nextHeader(line string, from int) int {
	end := min(len(line), maxExportPrefix)
	for i := from; i < end; i++ {
		switch line[i] {
		case ':':
			if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
				return -1
			}
		case ' ', '\t':
			// A date must come with the time: a time of day alone
			// follows a date's day, or is the text's.
			if s := line[i+1:]; len(s) > 3 && s[0] != ' ' && s[0] != '\t' && s[1] != ':' && s[2] != ':' && startsWithStamp(s) {
				return i + 1
			}
		}
	}
	return -1
}
