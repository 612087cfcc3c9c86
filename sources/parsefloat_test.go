package sources

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// sameFloat checks that parseFloat, fast path or not, gives the bits of
// the digit-by-digit sum (parseFloatDigits, the whole function before the
// fast path).
func sameFloat(t testing.TB, s string) {
	t.Helper()
	if got, want := parseFloat(s), parseFloatDigits(s); math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("parseFloat(%q) = %v (%#x), want %v (%#x)", s, got, math.Float64bits(got), want, math.Float64bits(want))
	}
}

// TestParseFloatAllShort compares every string of up to six digits, points
// and one other byte, and every decimal with up to 7+7 digits around the
// point at its extremes.
func TestParseFloatAllShort(t *testing.T) {
	const alphabet = "0123456789./"
	buf := make([]byte, 0, 6)
	var walk func(n int)
	walk = func(n int) {
		sameFloat(t, string(buf))
		if n == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			buf = append(buf, alphabet[i])
			walk(n - 1)
			buf = buf[:len(buf)-1]
		}
	}
	walk(cap(buf))
	// Fractions of two to four digits after every integer part up to 999,
	// the delays' usual shape.
	for ip := 0; ip < 1000; ip++ {
		for fp := 0; fp < 10000; fp++ {
			for _, w := range []int{2, 3, 4} {
				if w < 4 && fp >= [...]int{0, 0, 100, 1000}[w] {
					continue
				}
				s := strconv.Itoa(ip) + "." + pad(fp, w)
				if got, want := parseFloat(s), parseFloatDigits(s); got != want {
					t.Fatalf("parseFloat(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

// TestParseFloatLong covers lengths around the fast path's limit of fifteen
// digits a side, and random decimals of up to 40 digits.
func TestParseFloatLong(t *testing.T) {
	for ni := 0; ni <= 20; ni++ {
		for nf := 0; nf <= 25; nf++ {
			for _, d := range "0159" {
				ip, fp := strings.Repeat(string(d), ni), strings.Repeat(string(d), nf)
				sameFloat(t, ip)
				sameFloat(t, ip+"."+fp)
				sameFloat(t, ip+"."+fp+"/3")
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	for range 1_000_000 {
		s := digits(r.IntN(21))
		if r.IntN(4) > 0 {
			s += "." + digits(r.IntN(21))
		}
		sameFloat(t, s)
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"0", "0.65", "1.1", "18900", "0.01", "123456789012345.123456789012345", "1234567890123456", ".5", "5."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameFloat(t, s) })
}

func pad(n, w int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", w-len(s)) + s
}

// delaysSplit is how a delivery's delays were read before their short
// fields were read in one pass: each '/'-separated field by parseFloatDigits.
func delaysSplit(val string) (d [4]float64) {
	for k := 0; k < 4; k++ {
		j := strings.IndexByte(val, '/')
		if j < 0 {
			d[k] = parseFloatDigits(val)
			break
		}
		d[k] = parseFloatDigits(val[:j])
		val = val[j+1:]
	}
	return d
}

// TestDelaysMatchSplit compares a delivery record's delays with the old
// split on random values of the shapes Postfix writes and of others.
func TestDelaysMatchSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789././/x"
	fields := []string{"0", "0.13", "1.5", "18900", "0.01", "12.34", "0.123", "5.", ".5", "", "x"}
	for n := 0; n < 200_000; n++ {
		var val string
		if n%2 == 0 {
			parts := make([]string, 1+r.IntN(6))
			for i := range parts {
				parts[i] = fields[r.IntN(len(fields))]
			}
			val = strings.Join(parts, "/")
		} else {
			b := make([]byte, r.IntN(16))
			for i := range b {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
			val = string(b)
		}
		var rec Record
		parseDelivery("to=<a@b.example>, relay=none, delay=1, delays="+val+", dsn=2.0.0, status=sent (ok)", &rec)
		want := delaysSplit(val)
		for k := range want {
			if math.Float64bits(rec.Delays[k]) != math.Float64bits(want[k]) {
				t.Fatalf("delays=%s: field %d = %v, want %v", val, k, rec.Delays[k], want[k])
			}
		}
	}
}
