package analyzers

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rivo/uniseg"
)

// What the Markdown report quotes from the log (a reply's <address>, the
// null sender <>, a made-up <tag>) reaches a ticket as text: outside
// code, no "<" is left for the renderer to take as HTML or a link.
func TestMarkdownQuotesLogTextOutsideCode(t *testing.T) {
	reply := "550 5.1.1 <bob@example.com>: Recipient address rejected; from=<> <b>x</b>"
	r := &Report{
		Hints: []Hint{{Severity: SevWarning, ID: "tls", Title: "Outbound: <b>example.com</b> refuses",
			Evidence: []string{"last reply: " + reply}, Cautions: []string{"check <host> first"},
			Samples: []string{"Dec 01 mx postfix/smtp[1]: " + reply}}},
		Destinations: []DestJSON{{Domain: "example.com", Deferred: 1, ErrorsPerMin: [3]float64{1, 1, 1},
			LastError: &LastError{Class: "other", Text: reply}}},
		Rejects: []ReasonCount{{Reason: "Recipient address rejected: <x>", Count: 2}},
	}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile("`[^`]*`")
	fenced := false
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		if text := code.ReplaceAllString(line, ""); strings.Contains(text, "<") {
			t.Errorf("a raw < outside code: %q", line)
		}
	}
	if !strings.Contains(b.String(), "&lt;bob@example.com>") {
		t.Errorf("the reply's address is gone:\n%s", b.String())
	}
}

// hostileMarkdown are log values a sender can choose (a domain, a reply, a
// line) that would turn into a link, an image, HTML, a table cell or a new
// block if the Markdown report wrote them as they are.
var hostileMarkdown = []string{
	"evil.example`<img src=x onerror=alert(1)>`",
	"` [x](javascript:alert(1)) `",
	"``",
	"`",
	"a ``` b ```` c",
	"](javascript:alert(1))",
	"[click](javascript:alert(1)) ![t](http://tracker.example/p.png)",
	"<img src=x onerror=alert(1)> <https://phish.example/> &lt;b&gt;",
	"cell|split|more",
	"line one\n# heading\n- item\r\n<script>alert(1)</script>",
	"\\`*emph* _under_ ~~strike~~ $x$ trailing\\",
	"see https://phish.example/login and www.phish.example now",
	"  padded  ",
	"",
}

// mdUnescape reads mdText's output back as a renderer does: a backslash
// escape is its character, &lt; and &amp; are < and &.
func mdUnescape(t *testing.T, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i++
		case strings.HasPrefix(s[i:], "&lt;"):
			b.WriteByte('<')
			i += 3
		case strings.HasPrefix(s[i:], "&amp;"):
			b.WriteByte('&')
			i += 4
		case s[i] == '&':
			t.Errorf("a raw & that may start an entity in %q", s)
			b.WriteByte('&')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// autolink is what GitHub makes a link of without any markup.
var autolink = regexp.MustCompile(`(?i)(^|[^\\]):/|www\.`)

// Outside code, every character Markdown acts on comes out escaped, and
// the text reads back as it was, its line breaks as spaces.
func TestMarkdownTextInert(t *testing.T) {
	for _, v := range hostileMarkdown {
		got := mdText(v)
		if strings.ContainsAny(got, "\n\r<") {
			t.Errorf("mdText(%q) = %q: a line break or a raw <", v, got)
		}
		for i := 0; i < len(got); i++ {
			if strings.IndexByte("`*[]!|~$", got[i]) < 0 {
				continue
			}
			n := 0
			for j := i - 1; j >= 0 && got[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 {
				t.Errorf("mdText(%q) = %q: %q at %d is not escaped", v, got, got[i], i)
			}
		}
		if autolink.MatchString(got) {
			t.Errorf("mdText(%q) = %q: a bare URL left for the autolink extension", v, got)
		}
		want := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(v)
		if back := mdUnescape(t, got); back != want {
			t.Errorf("mdText(%q) = %q reads back as %q", v, got, back)
		}
	}
	if got := mdText("smtp_tls_security_level"); got != "smtp_tls_security_level" {
		t.Errorf("an underscore inside a word, which cannot emphasise, is escaped: %q", got)
	}
}

// A code span ends only at a run of exactly as many backquotes as opened
// it (CommonMark): whatever the value holds, the span opens at the start,
// closes at the end and holds the value, line breaks as spaces.
func TestMarkdownCodeInert(t *testing.T) {
	for _, v := range hostileMarkdown {
		got := mdCode(v)
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("mdCode(%q) = %q: a line break", v, got)
			continue
		}
		n := len(got) - len(strings.TrimLeft(got, "`"))
		if n == 0 || n == len(got) {
			t.Errorf("mdCode(%q) = %q: no span", v, got)
			continue
		}
		// The first run of exactly n backquotes after the opener closes it.
		end := -1
		for i := n; i < len(got); {
			if got[i] != '`' {
				i++
				continue
			}
			j := i
			for j < len(got) && got[j] == '`' {
				j++
			}
			if j-i == n {
				end = i
				break
			}
			i = j
		}
		if end != len(got)-n {
			t.Errorf("mdCode(%q) = %q: the span closes at %d, not at the end", v, got, end)
			continue
		}
		body := got[n:end]
		if len(body) >= 2 && body[0] == ' ' && body[len(body)-1] == ' ' && strings.Trim(body, " ") != "" {
			body = body[1 : len(body)-1]
		}
		want := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(v)
		if want == "" {
			want = " "
		}
		if body != want {
			t.Errorf("mdCode(%q) = %q holds %q", v, got, body)
		}
	}
}

// The whole Markdown report, fed hostile values wherever the log reaches
// it, has no link, image, HTML or extra table cell made of them.
func TestMarkdownReportHostileValues(t *testing.T) {
	for _, evil := range []string{
		"www.x.example`](javascript:alert(1)) ![i](http://t.example/p.png) <img src=x> a|b\n## injected",
		// Control characters show as ^X: ESC as "^[", 0x1d as "^]", 0x1c
		// as "^\\", which must be escaped as what they show, not let
		// through as a link's brackets or an escape of the next mark.
		"see \x1bdetails\x1d(https://evil.example/) a\x1c|b \x1c` x\n## injected",
	} {
		markdownHostile(t, evil)
	}
}

func markdownHostile(t *testing.T, evil string) {
	t.Helper()
	at := time.Unix(0, 0)
	r := &Report{
		Lines:   LineCounts{Total: 1, Failed: 1, FailedReason: evil, FailedLine: evil},
		Sources: []SourceJSON{{Source: "log", Health: "ok", Detail: evil}},
		Postfix: PostfixJSON{Version: evil, Versions: []VersionSeen{{Version: evil, FirstSeen: at}}},
		Hints: []Hint{{Severity: SevWarning, ID: "tls", Title: evil, Evidence: []string{evil},
			Samples: []string{evil}, Cautions: []string{evil}}},
		Destinations: []DestJSON{{Domain: evil, Deferred: 1, Classes: map[string]int{evil: 1},
			LastError: &LastError{Time: &at, Class: "other", Text: evil}}},
		Rejects: []ReasonCount{{Reason: evil, Count: 2}},
		Inbound: InboundJSON{Services: []InboundService{{Service: evil, Clients: []string{evil}}},
			Anvil: []AnvilJSON{{Service: evil, Client: evil, Kind: evil, Value: 1}}},
		Queue:   &QueueJSON{Command: evil, Time: at, TopDeferred: []QueueDomainJSON{{Domain: evil, Ages: make([]int, 10), TopClass: evil}}, Clog: []string{evil}},
		Upgrade: &UpgradeJSON{ChangedAt: &at, From: evil, To: evil, Classes: []ClassChangeJSON{{Class: evil}}, Compat: map[string]int{evil: 1}},
	}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\n## injected") {
		t.Errorf("a value's line break starts a heading:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		text := stripCodeSpans(line)
		if autolink.MatchString(text) {
			t.Errorf("a bare URL outside code: %q", line)
		}
		for _, raw := range []string{"](", "![i]", "<img"} {
			if strings.Contains(text, raw) {
				t.Errorf("%q outside code as it came: %q", raw, line)
			}
		}
	}
	// A table runs from its head to the next blank line: every row in it
	// starts with a cell mark and has as many as the head.
	// A mark after an odd run of backslashes is escaped.
	cells := regexp.MustCompile(`(^|[^\\])(\\\\)*\|`)
	head := -1
	for _, line := range strings.Split(out, "\n") {
		switch n := len(cells.FindAllString(line, -1)); {
		case line == "":
			head = -1
		case head < 0 && strings.HasPrefix(line, "|"):
			head = n
		case head >= 0 && (n != head || !strings.HasPrefix(line, "|")):
			t.Errorf("a table row with %d cell marks, not its head's %d: %q", n, head, line)
		}
	}
}

// stripCodeSpans drops line's code spans and escaped characters as
// CommonMark reads them: a run
// of backquotes not escaped opens one that the next run of as many closes;
// a run that nothing closes is text.
func stripCodeSpans(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		if line[i] == '\\' && i+1 < len(line) {
			i += 2 // an escaped character is text, and is no part of any markup
			continue
		}
		if line[i] != '`' {
			b.WriteByte(line[i])
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '`' {
			j++
		}
		n, end := j-i, -1
		for k := j; k < len(line); {
			if line[k] != '`' {
				k++
				continue
			}
			m := k
			for m < len(line) && line[m] == '`' {
				m++
			}
			if m-k == n {
				end = m
				break
			}
			k = m
		}
		if end < 0 {
			b.WriteString(line[i:j])
			i = j
			continue
		}
		i = end
	}
	return b.String()
}

// The text report's destination table stays readable with what a sender
// chose as a domain: a long one is clipped instead of widening every
// row, and wide characters (CJK) count two columns, so the columns after
// them line up.
func TestTextTableClipsAndAlignsWideDomains(t *testing.T) {
	long := strings.Repeat("a", 2000) + ".example"
	r := &Report{Destinations: []DestJSON{
		{Domain: "example.com", Sent: 1},
		{Domain: long, Deferred: 1},
		{Domain: "例え例え.example", Sent: 2},
	}}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	i := strings.Index(text, "DESTINATIONS")
	var table []string
	for _, l := range strings.Split(text[i:], "\n")[2:] {
		if l == "" {
			break
		}
		table = append(table, l)
	}
	col := -1
	for _, l := range table {
		if w := uniseg.StringWidth(l); w > 120 {
			t.Errorf("a row of %d columns: %.60q…", w, l)
		}
		// Where the sent column starts: after the domain and its blanks.
		cells := strings.SplitN(l, "  ", 2)
		at := uniseg.StringWidth(l) - uniseg.StringWidth(strings.TrimLeft(cells[1], " "))
		if col == -1 {
			col = at
		} else if at != col {
			t.Errorf("the second column starts at %d, not %d: %q", at, col, l)
		}
	}
	if !strings.Contains(text, "aaaa…") {
		t.Error("the long domain is not clipped with …")
	}
}
