package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// The policy table line a TLS hint offers as a last resort (encrypt: TLS
// without verification) lowers a destination below a verifying level the
// site set on purpose: the hint says so where main.cf sets one.
func TestTLSFallbackNamesTheSitesPolicy(t *testing.T) {
	for _, c := range []struct {
		level string
		warn  bool
	}{{"secure", true}, {"verify", true}, {"may", false}} {
		var lines []string
		for i := range 4 {
			lines = append(lines, deliv(i, "bank.example", "deferred", "Server certificate not verified"))
		}
		e := feed(lines...)
		params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = " + c.level + "\n"))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		hs := tlsHints(e)
		if len(hs) == 0 {
			t.Fatalf("%s: no tls hint", c.level)
		}
		got := strings.Contains(strings.Join(hs[0].Cautions, "\n"), "below the site's smtp_tls_security_level = "+c.level)
		if got != c.warn {
			t.Errorf("level %s: caution about lowering the site's policy: %v, want %v (%q)", c.level, got, c.warn, hs[0].Cautions)
		}
	}
}
