package analyzers

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// maxKeptText bounds each log line or reply the analyzers keep (a
// destination's recent lines and last reply, samples, the log pane's
// ring). A line may be 64 KiB, most of it a remote server's reply: kept
// whole, a few thousand destinations deferring with long replies held
// hundreds of MB. The lines Postfix writes and the replies real servers
// send (Gmail's multi-line ones among the longest) stay well under it and
// are kept whole.
const maxKeptText = 1024

// keptTail is how much of a cut text's end is kept: a delivery line ends
// with the stage that failed ("(in reply to end of DATA command))").
const keptTail = 256

// cutMark stands where a kept text lost its middle.
const cutMark = " […] "

// keepText is the copy of s the analyzers keep: s itself up to
// maxKeptText bytes, else its start and end around cutMark, in
// maxKeptText bytes. Both cuts fall at a character's start, so a cut adds
// no invalid UTF-8 to what sanitising shows.
func keepText(s string) string {
	if len(s) <= maxKeptText {
		return strings.Clone(s)
	}
	head := maxKeptText - keptTail - len(cutMark)
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	tail := len(s) - keptTail
	for tail < len(s) && !utf8.RuneStart(s[tail]) {
		tail++
	}
	return s[:head] + cutMark + s[tail:]
}

// keepWithin is what keepText keeps of part, taken from kept, the kept copy
// of the text part comes from, when part is there whole: one copy of a
// reply, not one more beside its line's.
func keepWithin(kept, part string) string {
	if i := strings.LastIndex(kept, part); i >= 0 && part != "" {
		return kept[i : i+len(part)]
	}
	return keepText(part)
}

// addBounded counts key in m, or under other once m holds max keys, so a
// log naming endless distinct values keeps the map's size bounded and its
// total exact. The key is copied on every count: it may be a substring of
// a log line, and assigning to a map stores the key given even over an
// equal one, which would leave the map pointing into line memory that a
// replay reuses.
func addBounded[V int | uint64](m map[string]V, key string, max int, other string) {
	if _, ok := m[key]; !ok && len(m) >= max {
		m[other]++
		return
	}
	m[strings.Clone(key)]++
}

// sortedKeys lists a map's keys in order, for output that reads the same
// on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
