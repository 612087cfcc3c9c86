package sources

import (
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// NewJSONEscaper wraps w for encoding/json output: the characters a
// terminal acts on that encoding/json leaves raw in strings (DEL, the C1
// controls such as the 8-bit CSI U+009B, the bidirectional overrides and
// isolates such as U+202E) are written as \uXXXX escapes. Outside strings
// JSON text is ASCII, so escaping them wherever they occur keeps the
// document valid, and decoding it gives back exactly the same strings:
// `mxtop parse | less` or a `jq .` on a terminal cannot be driven by a log
// line, and nothing is lost. A write that ends inside a multi-byte
// character keeps its tail for the next (json.Encoder writes whole values).
func NewJSONEscaper(w io.Writer) io.Writer { return &jsonEscaper{w: w} }

type jsonEscaper struct {
	w     io.Writer
	carry []byte // an incomplete character from the last write
	buf   []byte
}

const hexDigits = "0123456789abcdef"

// appendEscape appends r, at most U+FFFF, as a \uXXXX escape.
func appendEscape(out []byte, r rune) []byte {
	return append(out, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

func (e *jsonEscaper) Write(p []byte) (int, error) {
	n := len(p)
	if len(e.carry) > 0 {
		p = append(e.carry, p...)
		e.carry = nil
	}
	out := e.buf[:0]
	start := 0
	for i := 0; i < len(p); {
		c := p[i]
		if c < 0x7f {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			if !utf8.FullRune(p[i:]) {
				e.carry = append([]byte(nil), p[i:]...)
				p = p[:i]
				break
			}
			r, size = utf8.DecodeRune(p[i:])
		}
		if r == 0x7f || isC1OrBidi(r) {
			out = append(out, p[start:i]...)
			// Past U+FFFF (tag characters, variation selectors) a
			// character is escaped as its UTF-16 surrogate pair.
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				out = appendEscape(appendEscape(out, r1), r2)
			} else {
				out = appendEscape(out, r)
			}
			start = i + size
		}
		i += size
	}
	var err error
	if start == 0 && len(out) == 0 {
		_, err = e.w.Write(p)
	} else {
		out = append(out, p[start:]...)
		_, err = e.w.Write(out)
		if cap(out) <= 1<<20 {
			e.buf = out[:0]
		}
	}
	if err != nil {
		return 0, err
	}
	return n, nil
}
