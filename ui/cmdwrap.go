package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// wordCut is a place where a shell word may go on on the next line and sh
// still reads the same word.
type wordCut struct {
	at, w int // byte offset in the word, cells before it
	// quoted is a cut inside '...': the quote is closed before the line
	// continuation and opened again on the next line.
	quoted bool
	// rank is how well the parts read: 2 after a blank inside quotes
	// (phrases), 1 after a separator such as "/" or "," (a path's or a
	// list's parts), 0 anywhere else.
	rank int8
}

// ends are what a cut puts at the end of its line and the start of the
// next.
func (c wordCut) ends() (close, open string) {
	if c.quoted {
		return `'\`, `'`
	}
	return `\`, ""
}

// cutRank ranks a cut after b, inside quotes or not.
func cutRank(b byte, quoted bool) int8 {
	switch {
	case b == ' ' && quoted:
		return 2
	case strings.IndexByte("/,;:=|", b) >= 0:
		return 1
	}
	return 0
}

// wordCuts lists where word may be split across lines. sh removes a
// backslash-newline everywhere but inside single quotes, so the line ends
// in a bare "\" outside them (inside double quotes and $(...) too) and, in
// '...', closes the quote before it and opens it again on the next line.
// Never between a backslash and what it escapes, after a "$" (the name it
// expands follows), inside ${...}, `...` or $'...' (which not every sh
// reads alike), before a blank (the hanging indent trims a line's leading
// blanks) or before a "#" (read as a comment).
func wordCuts(word string) []wordCut {
	const (
		bare   = iota // the word itself, or a $(...) in it
		single        // '...'
		ansiC         // $'...': backslash escapes
		double        // "..."
		param         // ${...}
		backq         // `...`
	)
	type frame struct{ kind, parens int }
	stack := []frame{{kind: bare}}
	esc, dollar := false, false // the byte before was an escaping backslash, an unescaped "$"
	step := func(c byte) {
		if esc {
			esc, dollar = false, false
			return
		}
		top := &stack[len(stack)-1]
		wasDollar := dollar
		dollar = false
		switch top.kind {
		case single:
			if c == '\'' {
				stack = stack[:len(stack)-1]
			}
		case ansiC, backq:
			switch {
			case c == '\\':
				esc = true
			case c == '\'' && top.kind == ansiC, c == '`' && top.kind == backq:
				stack = stack[:len(stack)-1]
			}
		case param:
			if c == '}' {
				stack = stack[:len(stack)-1]
			}
		case bare, double:
			switch {
			case c == '\\':
				esc = true
			case c == '$':
				dollar = true
			case c == '(' && wasDollar:
				stack = append(stack, frame{kind: bare})
			case c == '{' && wasDollar:
				stack = append(stack, frame{kind: param})
			case c == '`':
				stack = append(stack, frame{kind: backq})
			case top.kind == double && c == '"':
				stack = stack[:len(stack)-1]
			case top.kind == double:
			case c == '\'' && wasDollar:
				stack = append(stack, frame{kind: ansiC})
			case c == '\'':
				stack = append(stack, frame{kind: single})
			case c == '"':
				stack = append(stack, frame{kind: double})
			case c == '(' && len(stack) > 1:
				top.parens++
			case c == ')' && len(stack) > 1 && top.parens > 0:
				top.parens--
			case c == ')' && len(stack) > 1:
				// The end of a $(...).
				stack = stack[:len(stack)-1]
			}
		}
	}
	var cuts []wordCut
	w := 0
	// Cut between grapheme clusters only, counted as the pane counts them;
	// what the shell treats specially is ASCII, a cluster of its own.
	for i := 0; i < len(word); {
		// Printable ASCII not followed by a combining mark is a cluster
		// of one cell: most of a command, without segmenting it.
		cluster, cw := word[i:i+1], 1
		if word[i] < ' ' || word[i] >= 0x7f || i+1 < len(word) && word[i+1] >= utf8.RuneSelf {
			if cluster, cw = ansi.FirstGraphemeCluster(word[i:], ansi.GraphemeWidth); cluster == "" {
				cluster = word[i : i+1]
			}
		}
		if c := word[i]; i > 0 && !esc {
			switch top := stack[len(stack)-1].kind; {
			case top == single:
				cuts = append(cuts, wordCut{at: i, w: w, quoted: true, rank: cutRank(word[i-1], true)})
			case (top == bare || top == double) && !dollar && c != ' ' && c != '\t' && c != '#':
				cuts = append(cuts, wordCut{at: i, w: w, rank: cutRank(word[i-1], top == double)})
			}
		}
		w += cw
		for j := 0; j < len(cluster); j++ {
			step(cluster[j])
		}
		i += len(cluster)
	}
	return cuts
}

// splitWord breaks word into lines of at most w cells where sh joins them
// into the word again, the last line leaving mark cells free (for the
// " \\" of a word that is not the command's last). A part with no cut
// that fits stays whole, wider than w: the pane cuts it with its mark,
// and a break anywhere else would paste as another command.
func splitWord(word string, w, mark int) []string {
	cuts := wordCuts(word)
	var lines []string
	// The line starts at byte start, startW cells into the word, with open
	// before it; cuts[next] is the first cut after it.
	start, startW, next, open := 0, 0, 0, ""
	total := ansi.StringWidth(word)
	for len(open)+total-startW+mark > w {
		ow := len(open)
		// The farthest cut that fits; of the best rank when that still
		// fills half the line.
		var far [3]int
		last := -1
		for k := next; k < len(cuts); k++ {
			if cl, _ := cuts[k].ends(); ow+cuts[k].w-startW+len(cl) > w {
				break
			}
			far[cuts[k].rank], last = k+1, k
		}
		if last < 0 {
			break
		}
		k := last
		for r := 2; r > 0; r-- {
			if f := far[r]; f > 0 && 2*(ow+cuts[f-1].w-startW) >= w {
				k = f - 1
				break
			}
		}
		c := cuts[k]
		cl, op := c.ends()
		lines = append(lines, open+word[start:c.at]+cl)
		next, start, startW, open = k+1, c.at, c.w, op
	}
	return append(lines, open+word[start:])
}
