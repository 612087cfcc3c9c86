package sources

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes log text safe for a terminal: escape sequences and
// control characters (other than newline and tab) become visible
// placeholders, and invalid UTF-8 becomes U+FFFD. Log lines are attacker
// controlled (a remote server's reply text lands in them).
func Sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString("^" + string(rune(r^0x40)))
		case isC1OrBidi(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SanitizeLine is Sanitize for a single line: newlines and tabs become
// spaces too.
func SanitizeLine(s string) string {
	s = Sanitize(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	}
	return s
}

// isC1OrBidi reports the characters past ASCII that a terminal acts on or
// that hide or reorder what the admin reads: C1 controls (the 8-bit CSI
// U+009B among them), and the characters of invisible.
func isC1OrBidi(r rune) bool {
	return r >= 0x80 && r < 0xa0 || r == 0x180e || unicode.IsOneOf(invisible, r)
}

// invisible are the characters that take no room and show nothing, or
// break the line: Unicode's format characters (the bidirectional marks,
// embeddings, overrides and isolates, zero-width spaces and joiners, the
// byte order mark, the soft hyphen, tag characters), the rest of its
// Default_Ignorable_Code_Point set (the combining grapheme joiner,
// variation selectors, Hangul fillers), and the line and paragraph
// separators. "gm\u200bail.com" and "gm\u034fail.com" would read as
// gmail.com.
var invisible = []*unicode.RangeTable{
	unicode.Cf,
	unicode.Other_Default_Ignorable_Code_Point,
	unicode.Variation_Selector,
	unicode.Zl,
	unicode.Zp,
}
