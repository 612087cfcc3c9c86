package analyzers

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"mxtop/sources"
)

// actionEngines fire hints whose actions mix commands and sentences: the
// lab's log, a hostile destination name (no command, a sentence saying
// why), a transport table mxtop cannot add a line to (the route in
// words), and every knowledge-base entry.
func actionEngines(t *testing.T) map[string]*Engine {
	t.Helper()
	es := map[string]*Engine{
		"lab":     labEngine(t),
		"hostile": hostileEngine(t, hostileNames[0]),
		"pcre":    throttledEngine("pcre:/etc/postfix/transport.pcre"),
	}
	for id, lines := range knownLines {
		es["known "+id] = feed(lines...)
	}
	return es
}

// knownSentences are actions that are prose by how they are written: the
// knowledge base's fixes and the rules' sentences.
func knownSentences() []string {
	out := []string{
		notADomain,
		"route the domain in the table transport_maps names",
		"nothing to change: the retry after minimal_backoff_time",
		"start the service the failing next hop belongs to",
		"read the fatal line: it names the file, parameter or resource",
		"look up the sending IP on the lists the replies name",
		"check that outbound TCP port 25 is allowed",
		"for each destination, test the handshake with its MX host", // a placeholder to fill in
		"look up the sending IP's PTR record",
	}
	for _, k := range sources.KnownMessages {
		if k.Fix != "" {
			out = append(out, k.Fix)
		}
	}
	return out
}

var fenceRE = regexp.MustCompile("^(```+)(sh)?$")

// markdownBlocks splits Markdown into the lines of its sh blocks and the
// rest.
func markdownBlocks(md string) (sh, text []string) {
	fence, inSh := "", false
	for _, line := range strings.Split(md, "\n") {
		m := fenceRE.FindStringSubmatch(line)
		switch {
		case fence == "" && m != nil:
			fence, inSh = m[1], m[2] == "sh"
		case fence != "" && line == fence:
			fence, inSh = "", false
		case inSh:
			sh = append(sh, line)
		default:
			text = append(text, line)
		}
	}
	return sh, text
}

// An admin pastes a Markdown report's sh blocks into a root shell: a
// sentence there (no command is suggested, a route to add by hand, a fix
// in words) is English run as commands. Sentences are text; each still
// reaches the report.
func TestMarkdownShBlocksHoldOnlyCommands(t *testing.T) {
	sentences := knownSentences()
	seen := map[string]bool{}
	for name, e := range actionEngines(t) {
		var md strings.Builder
		r := e.Report(ReportOptions{Whole: true})
		r.WriteMarkdown(&md)
		sh, text := markdownBlocks(md.String())
		for _, line := range sh {
			for _, s := range sentences {
				if strings.HasPrefix(line, s) {
					t.Errorf("%s: a sentence in an sh block: %q", name, line)
				}
			}
		}
		all := strings.Join(text, "\n")
		for _, h := range r.Hints {
			for _, a := range h.Actions {
				for _, s := range sentences {
					if strings.HasPrefix(a, s) {
						seen[s] = true
						if !strings.Contains(all, Sanitize(mdText(a))) {
							t.Errorf("%s: the sentence %q is not in the report's text", name, a)
						}
					}
				}
			}
		}
	}
	if len(seen) < 8 {
		var got []string
		for s := range seen {
			got = append(got, s)
		}
		sort.Strings(got)
		t.Errorf("only %d of the sentences fired, so the others went untested: %q", len(seen), got)
	}
}

var placeholderRE = regexp.MustCompile(`<[A-Za-z][A-Za-z -]*>`)

// Each action is marked where it is built: a command parses as shell and
// has no placeholder to fill in; the sentences are not commands. Actions
// are the steps' texts, so the screen shows what the report does.
// interactiveRE finds programs that wait for the terminal: pagers,
// editors, and top unless it runs in batch mode (-b).
var interactiveRE = regexp.MustCompile(`(^|[|;&]\s*)(less|more|most|vi|vim|nano|emacs|watch|top(\s+-[ac-zA-Z]\S*)*(\s+[^-\s]|\s*$))\b`)

func TestHintStepsMarkCommands(t *testing.T) {
	sentences := knownSentences()
	commands := 0
	for name, e := range actionEngines(t) {
		for _, whole := range []bool{true, false} {
			for _, h := range e.Hints(whole) {
				if !slices.Equal(texts(h.Steps), h.Actions) || h.Steps == nil {
					t.Errorf("%s: %s: steps %+v, actions %q", name, h.ID, h.Steps, h.Actions)
				}
				for _, a := range h.Steps {
					for _, s := range sentences {
						if a.Command && strings.HasPrefix(a.Text, s) {
							t.Errorf("%s: %s: a sentence marked a command: %q", name, h.ID, a.Text)
						}
					}
					if !a.Command {
						continue
					}
					commands++
					if _, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(a.Text), ""); err != nil {
						t.Errorf("%s: %s: a command that is not shell: %q: %v", name, h.ID, a.Text, err)
					}
					if p := placeholderRE.FindString(a.Text); p != "" {
						t.Errorf("%s: %s: a command with the placeholder %s: %q", name, h.ID, p, a.Text)
					}
					// A pager or editor reads the lines pasted after it
					// as its own keystrokes.
					if p := interactiveRE.FindString(a.Text); p != "" {
						t.Errorf("%s: %s: a command that waits for keys (%s): %q", name, h.ID, p, a.Text)
					}
				}
			}
		}
		if got := e.ThrottleSnippet("big.example", true); len(got) == 0 {
			t.Errorf("%s: no throttling snippet", name)
		}
	}
	if commands < 20 {
		t.Errorf("only %d commands checked", commands)
	}
}

// The text report marks each action: "run:" a command, "do:" a sentence;
// the JSON keeps "actions" as strings and adds "steps" with the mark.
func TestReportFormsMarkCommands(t *testing.T) {
	r := labEngine(t).Report(ReportOptions{Whole: true, GeneratedAt: t0})
	var runs, dos int
	for _, h := range r.Hints {
		for _, a := range h.Steps {
			if a.Command {
				runs++
			} else {
				dos++
			}
		}
	}
	if runs == 0 || dos == 0 {
		t.Fatalf("the lab's hints should have both commands (%d) and sentences (%d)", runs, dos)
	}
	var txt strings.Builder
	r.WriteText(&txt)
	var gotRun, gotDo int
	for _, line := range strings.Split(txt.String(), "\n") {
		switch {
		case strings.HasPrefix(line, "     run:     "):
			gotRun++
		case strings.HasPrefix(line, "     do:      "):
			gotDo++
		}
	}
	if gotRun != runs || gotDo != dos {
		t.Errorf("text report: %d run and %d do lines, want %d and %d", gotRun, gotDo, runs, dos)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Hints []struct {
			Actions []string `json:"actions"`
			Steps   []struct {
				Text    string `json:"text"`
				Command *bool  `json:"command"`
			} `json:"steps"`
		} `json:"hints"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i, h := range back.Hints {
		if len(h.Steps) != len(h.Actions) {
			t.Fatalf("hint %d: %d steps for %d actions", i, len(h.Steps), len(h.Actions))
		}
		for j, s := range h.Steps {
			if s.Text != h.Actions[j] || s.Command == nil || *s.Command != r.Hints[i].Steps[j].Command {
				t.Errorf("hint %d step %d: %+v for %q", i, j, s, h.Actions[j])
			}
		}
	}
}

// A hint made without steps (by hand, or read back from elsewhere) has
// its actions taken as sentences: nothing unsure goes in an sh block.
func TestMarkdownActionsWithoutSteps(t *testing.T) {
	h := Hint{Actions: []string{"rm -rf /var/spool/postfix/deferred", "check <host> by hand"}}
	var b strings.Builder
	writeMarkdownActions(&b, h.ActionSteps())
	sh, text := markdownBlocks(b.String())
	if len(sh) != 0 || !strings.Contains(strings.Join(text, "\n"), "- do: check &lt;host> by hand") {
		t.Errorf("%q", b.String())
	}
	b.Reset()
	writeMarkdownActions(&b, []Action{cmd("echo '```'"), say("then"), cmd("postfix reload"), cmd("postfix status")})
	sh, text = markdownBlocks(b.String())
	if !slices.Equal(sh, []string{"echo '```'", "postfix reload", "postfix status"}) || !strings.Contains(strings.Join(text, "\n"), "- do: then") {
		t.Errorf("sh %q, text %q:\n%s", sh, text, b.String())
	}
}

// A default value of hundreds of characters (proxy_read_maps) is cut in
// the text and Markdown reports, saying how to see it whole: a pasted
// ticket filled with it. What main.cf sets shows whole, as does the JSON.
func TestReportCutsLongDefaults(t *testing.T) {
	long := strings.Repeat("$virtual_alias_maps ", 30)
	r := &Report{Config: &ConfigJSON{Source: "postconf", Parameters: []ParamJSON{
		{Name: "proxy_read_maps", Value: long},
		{Name: "smtpd_recipient_restrictions", Value: long, Explicit: true},
	}}}
	var txt, md strings.Builder
	r.WriteText(&txt)
	r.WriteMarkdown(&md)
	for name, out := range map[string]string{"text": txt.String(), "markdown": md.String()} {
		for _, l := range strings.Split(out, "\n") {
			switch {
			case strings.Contains(l, "proxy_read_maps"):
				if len(l) > 200 || !strings.Contains(l, "postconf -d proxy_read_maps") {
					t.Errorf("%s: %q", name, l)
				}
			case strings.Contains(l, "smtpd_recipient_restrictions") && !strings.Contains(l, strings.TrimSpace(long)):
				t.Errorf("%s: the set value was cut: %q", name, l)
			}
		}
	}
}
