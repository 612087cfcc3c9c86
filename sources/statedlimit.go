package sources

import "strings"

// A receiver may state in its refusal how many simultaneous connections
// it takes from one client ("Too many concurrent connections from your IP
// (max 2)"). The tables below are the words that make a figure that
// limit; any other number in a reply (an address, a reply or enhanced
// code, a tag like Orange's "[104]", a count seen) is not read.

// connWords are the nouns the figure must count, within connNear words.
var connWords = []string{"connection", "connections", "connexions"}

// connLimitLeads come just before the figure ("max 2", "limit is 5",
// "only 2 connections").
var connLimitLeads = [][]string{
	{"max"}, {"max:"}, {"max", "="}, {"maximum"}, {"maximum:"}, {"maximum", "is"}, {"maximum", "of"},
	{"limit", "is"}, {"limit", "of"}, {"limit:"}, {"limit", "="}, {"allowed:"}, {"only"},
}

// connLimitTails follow the figure and its connections ("3 connections
// allowed", "2 simultaneous connections max").
var connLimitTails = []string{"allowed", "max", "maximum", "permitted"}

// connAdjectives may stand between a figure and its connections.
var connAdjectives = []string{"concurrent", "simultaneous", "parallel", "smtp", "open"}

// notConnCount are words that, in the figure's sentence, make it a rate
// or a count of something else than connections at once.
var notConnCount = []string{
	"rate", "per second", "per minute", "per hour", "second", "seconds", "minute", "minutes",
	"hour", "hours", "sec", "min", "day", "days",
	"message", "messages", "recipient", "recipients", "rcpt", "mails", "emails",
}

// connNear is how many words apart the figure and its connections may be.
const connNear = 6

// maxStatedConnLimit bounds a plausible figure; above it the words are
// read as something else.
const maxStatedConnLimit = 1000

// StatedConnLimit is the figure a reply states as the receiver's limit on
// this client's simultaneous connections; 0 when it states none, or when
// the sentence that holds it speaks of a rate, messages or recipients.
func StatedConnLimit(reply string) int {
	if len(reply) > 2048 {
		reply = reply[:2048]
	}
	for _, s := range replySentences(strings.ToLower(reply)) {
		if n := sentenceConnLimit(s); n > 0 {
			return n
		}
	}
	return 0
}

// replySentences cuts a reply into sentences of words: a sentence ends
// at ';' or a word ending in '.', and, in a multi-line reply Postfix
// joined, where a reply code starts a line again ("421-4.7.0 ... 421
// 4.7.0 ...").
func replySentences(low string) [][]string {
	var out [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, part := range strings.Split(low, ";") {
		for _, w := range strings.FieldsFunc(part, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '(' || r == ')' || r == ',' || r == '[' || r == ']' || r == '<' || r == '>' || r == '"' || r == '\''
		}) {
			if len(w) == 3 || len(w) == 4 && w[3] == '-' {
				if isDigits(w[:3]) && w[0] >= '2' && w[0] <= '5' {
					flush()
					continue
				}
			}
			end := strings.HasSuffix(w, ".")
			if end {
				w = strings.TrimSuffix(w, ".")
			}
			if w != "" {
				cur = append(cur, w)
			}
			if end {
				flush()
			}
		}
		flush()
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sentenceConnLimit reads one sentence's stated limit.
func sentenceConnLimit(ws []string) int {
	joined := " " + strings.Join(ws, " ") + " "
	for _, n := range notConnCount {
		if strings.Contains(joined, " "+n+" ") {
			return 0
		}
	}
	var conn []int
	for i, w := range ws {
		if strings.ContainsRune(w, '/') {
			return 0 // "30/min"
		}
		for _, c := range connWords {
			if w == c {
				conn = append(conn, i)
			}
		}
	}
	if len(conn) == 0 {
		return 0
	}
	near := func(i int) bool {
		for _, c := range conn {
			if i-c <= connNear && c-i <= connNear {
				return true
			}
		}
		return false
	}
	for i, w := range ws {
		if !isDigits(w) || len(w) > 4 || !near(i) {
			continue
		}
		n := 0
		for j := 0; j < len(w); j++ {
			n = n*10 + int(w[j]-'0')
		}
		if n < 1 || n > maxStatedConnLimit {
			continue
		}
		if ledBy(ws[:i]) || tailed(ws[i+1:]) {
			return n
		}
	}
	return 0
}

// ledBy says whether the words before a figure end with a lead.
func ledBy(before []string) bool {
	for _, lead := range connLimitLeads {
		if len(before) < len(lead) {
			continue
		}
		tail := before[len(before)-len(lead):]
		ok := true
		for k := range lead {
			if tail[k] != lead[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// tailed says whether a figure is followed by its connections and a
// tail: "3 connections allowed", "2 simultaneous connections max".
func tailed(after []string) bool {
	k := 0
	for k < len(after) && contains(connAdjectives, after[k]) {
		k++
	}
	if k >= len(after) || !contains(connWords, after[k]) {
		return false
	}
	return k+1 < len(after) && contains(connLimitTails, after[k+1])
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}
