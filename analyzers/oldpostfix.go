package analyzers

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"mxtop/sources"
)

// A Postfix older than the release that brought a postconf form or a
// parameter rejects the command or ignores the setting, and a hint's
// later commands may count on it (a transport routed to before it is in
// master.cf defers all the domain's mail). fitVersion says such steps as
// the edit to make by hand, or that the change needs a newer Postfix.

// release is a Postfix major.minor.
type release struct{ major, minor int }

func (r release) String() string { return fmt.Sprintf("%d.%d", r.major, r.minor) }

// postconfForms are postconf(1)'s master.cf options by the release that
// brought them: -M shows entries from 2.9, and names a service/type
// (name.type before) or edits an entry (service/type=entry) from 2.11,
// which brought -F and -P.
var postconfForms = []postconfForm{
	{"-M", true, release{2, 11}},
	{"-M", false, release{2, 9}},
	{"-F", false, release{2, 11}},
	{"-P", false, release{2, 11}},
}

type postconfForm struct {
	flag  string
	named bool // an argument names a service/type
	since release
}

// commandsSince are commands hints give or name, by the release that
// brought them, and what to give a Postfix older than that instead.
var commandsSince = []struct {
	form  string
	since release
	fit   func(a Action, version string, since release) Action
}{
	{"postqueue -j", release{3, 1}, fromMailq},
}

// postqueueJ is a hint's postqueue -j pipeline: the queue ids of the
// messages with a recipient at a domain, or with a delay reason that
// names a hop, handed to another command.
var postqueueJ = regexp.MustCompile(`^postqueue -j \| jq -r '(?:select\(any\(\.recipients\[\]; \.address \| ascii_downcase \| endswith\("@([^"'\\]+)"\)\)\)|select\(any\(\.recipients\[\]; \(\.delay_reason // ""\) \| contains\("([^"'\\]+)"\)\)\)) \| \.queue_id'( \| .*)$`)

// fromMailq is a, which uses postqueue -j, for a Postfix that only has
// postqueue -p: its paragraphs, one a message, start with the queue id
// and its marks ('*' active, '!' held, '#' forced to expire), as in
// postsuper(1)'s own example.
func fromMailq(a Action, version string, since release) Action {
	if !a.Command {
		return say(strings.ReplaceAll(a.Text, "postqueue -j", "postqueue -p"))
	}
	m := postqueueJ.FindStringSubmatch(a.Text)
	var sel string
	switch {
	case m != nil && m[1] != "" && PlausibleDomain(m[1]):
		// Recipients are the indented lines that are an address alone.
		sel = `tolower($0) ~ /\n +[^ \n]*@` + strings.ReplaceAll(strings.ToLower(m[1]), ".", `\.`) + `(\n|$)/`
	case m != nil && m[2] != "" && plausibleService(m[2]):
		sel = `index($0, "` + m[2] + `")`
	default:
		return say("this Postfix, " + version + ", is older than " + since.String() + ", which brought postqueue -j: take the queue ids from postqueue -p instead (the first word of each message, without its *, ! and # marks)")
	}
	return cmd("postqueue -p | tail -n +2 | awk " + ShellQuote(`BEGIN { RS = "" } `+sel+` { print $1 }`) + " | tr -d " + ShellQuote("*!#") + m[3])
}

// paramsSince are main.cf parameters hints set, by the release that
// brought them.
var paramsSince = map[string]release{
	"smtp_tls_connection_reuse": {3, 4},
}

// masterColumns are master.cf's columns by the field names postconf -F
// takes, with the names master.cf's own heading gives them.
var masterColumns = map[string]struct {
	n    int
	name string
}{
	"private": {3, "private"}, "unprivileged": {4, "unpriv"}, "chroot": {5, "chroot"},
	"wakeup": {6, "wakeup"}, "process_limit": {7, "maxproc"}, "maxproc": {7, "maxproc"}, "command": {8, "command"},
}

// older says whether version is known and before r.
func older(version string, r release) bool {
	before, ok := sources.VersionBefore(version, r.major, r.minor)
	return ok && before
}

// fitVersion is h for the Postfix of version, whose master.cf is in dir:
// unchanged when the version is unknown or has every form h's steps use.
// h's own slices are not changed: rules may share them.
func fitVersion(h Hint, version, dir string) Hint {
	if _, ok := sources.VersionBefore(version, 0, 0); !ok {
		return h
	}
	cloned := false
	for i := range h.Cautions {
		for _, f := range commandsSince {
			if strings.Contains(h.Cautions[i], f.form) && older(version, f.since) {
				if !cloned {
					h.Cautions, cloned = slices.Clone(h.Cautions), true
				}
				h.Cautions[i] = f.fit(say(h.Cautions[i]), version, f.since).Text
			}
		}
	}
	for _, a := range h.Steps {
		words, _ := commandWords(a)
		if len(words) < 3 || words[1] != "-e" {
			continue
		}
		name, _, _ := strings.Cut(words[2], "=")
		name = strings.TrimSpace(name)
		if r, ok := paramsSince[name]; ok && older(version, r) {
			h.Steps = []Action{say(name + " needs Postfix " + r.String() + " or later, and this Postfix is " + version + ": nothing here can be changed for it until Postfix is upgraded")}
			h.Changes = nil
			return h
		}
	}
	mc := path.Join(dir, "master.cf")
	var first, rest []Action
	changed := false
	for _, a := range h.Steps {
		acts, early := fitStep(a, version, mc)
		if acts == nil {
			rest = append(rest, a)
			continue
		}
		changed = true
		if early {
			// A new service goes in before the commands that use it.
			first = append(first, acts...)
		} else {
			rest = append(rest, acts...)
		}
	}
	if !changed {
		return h
	}
	h.Steps = append(first, rest...)
	if slices.ContainsFunc(h.Changes, func(c ConfigChange) bool { return c.Service != "" || c.Field != "" || c.ServiceParam != "" }) {
		// Without its master.cf part the rest would route mail to a
		// transport that is not there.
		h.Changes = nil
	}
	return h
}

// fitStep is a, when it uses a postconf form newer than version, as what
// to do on that version (nil when a stands), and whether it adds a
// master.cf entry the steps before it may use.
func fitStep(a Action, version, mc string) ([]Action, bool) {
	for _, f := range commandsSince {
		if strings.Contains(a.Text, f.form) && older(version, f.since) {
			return []Action{f.fit(a, version, f.since)}, false
		}
	}
	if !a.Command {
		for _, f := range postconfForms {
			at := strings.Index(a.Text, "postconf "+f.flag+" ")
			if at < 0 || !older(version, f.since) {
				continue
			}
			form := f.flag
			if next, _, _ := strings.Cut(a.Text[at+len("postconf "+f.flag+" "):], " "); f.named {
				if !strings.Contains(next, "/") {
					continue
				}
				form += " with a service/type"
			}
			return []Action{say(a.Text + "; this Postfix, " + version + ", is older than " + f.since.String() + ", which brought postconf " + form + ": read and change " + mc + " by hand instead")}, false
		}
		return nil, false
	}
	words, raw := commandWords(a)
	if words == nil && strings.HasPrefix(a.Text, "postconf -") {
		// A pipe or list: its form is the option, with no names.
		words = strings.Fields(a.Text)[:2]
	}
	if len(words) < 2 || words[0] != "postconf" {
		return nil, false
	}
	flag, args := words[1], words[2:]
	named := slices.ContainsFunc(args, func(s string) bool { return strings.Contains(s, "/") })
	i := slices.IndexFunc(postconfForms, func(f postconfForm) bool { return f.flag == flag && (named || !f.named) })
	if i < 0 || !older(version, postconfForms[i].since) {
		return nil, false
	}
	since := postconfForms[i].since
	comment := ""
	if raw != "" {
		comment = ": " + strings.TrimSpace(strings.TrimPrefix(raw, "#"))
		raw = "   " + raw
	}
	edits := slices.ContainsFunc(args, func(s string) bool { return strings.Contains(s, "=") })
	why := " (this Postfix, " + version + ", is older than " + since.String() + ", which brought postconf " + flag + ")"
	if edits {
		why = " (this Postfix, " + version + ", is older than " + since.String() + ", whose postconf " + flag + " edits master.cf)"
	}
	var out []Action
	early := false
	for _, arg := range args {
		key, value, isEdit := strings.Cut(arg, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		parts := strings.Split(key, "/")
		line := ""
		if len(parts) >= 2 {
			line = `the line that starts "` + parts[0] + " " + parts[1] + `"`
		}
		col, known := masterColumns[parts[len(parts)-1]]
		switch {
		case flag == "-M" && isEdit && len(parts) == 2:
			early = true
			out = append(out, say(`add the line "`+value+`" to `+mc+" with an editor, in place of any line that starts \""+parts[0]+" "+parts[1]+"\""+why+"; do it first: what follows uses the service"))
		case flag == "-M" && !edits && !older(version, release{2, 9}):
			// 2.9 and 2.10 take the name alone.
			out = append(out, cmd(shellCmd("postconf -M", parts[0])+raw))
		case flag == "-F" && isEdit && len(parts) == 3 && known && !strings.Contains(key, "*"):
			out = append(out, say(fmt.Sprintf("in %s, set the %s column (%s) of %s to %s%s", mc, ordinal(col.n), col.name, line, value, why)))
		case flag == "-F" && !isEdit && len(parts) == 3 && known && !strings.Contains(key, "*"):
			out = append(out, say(fmt.Sprintf("read the %s column (%s) of %s in %s%s%s", ordinal(col.n), col.name, line, mc, why, comment)))
		case flag == "-P" && isEdit && len(parts) == 3 && !strings.Contains(key, "*"):
			out = append(out, say("in "+mc+", under "+line+`, add the line "  -o `+parts[2]+"="+value+`", or change the value of the -o `+parts[2]+"= it has"+why))
		}
	}
	if len(out) == len(args) && len(args) > 0 {
		return out, early
	}
	if edits {
		return []Action{say("make the change of " + a.Text + " in " + mc + " by hand" + why)}, false
	}
	// Anything else shows master.cf: read it in the file.
	what := "the service lines"
	if flag == "-P" {
		what = "the -o lines under the service lines"
	}
	what += " in " + mc
	if len(args) > 0 {
		what += " for " + strings.Join(args, ", ")
	}
	return []Action{say("read " + what + why + comment)}, false
}

// ordinal is 3rd, 7th and the like, for master.cf's 1st to 8th column.
func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

// commandWords are a command's words as the shell reads them, quotes
// removed, and the comment that ends it; none for a sentence, or for a
// command of more than one (a pipe, a list).
func commandWords(a Action) (words []string, comment string) {
	if !a.Command {
		return nil, ""
	}
	var w strings.Builder
	inWord := false
	s := a.Text
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, ""
			}
			w.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			inWord = true
		case c == '#' && !inWord:
			return words, s[i:]
		case c == ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case strings.IndexByte("\"|;&<>()$`", c) >= 0:
			return nil, ""
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, ""
}
