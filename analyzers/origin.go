package analyzers

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"mxtop/sources"
)

// maxInstanceNames bounds the syslog names an engine keeps.
const maxInstanceNames = 4

// noteInstance keeps the first element of a Postfix line's syslog name
// when it is not the default one: postfix-out of postfix-out/smtp, the
// name postmulti gives a secondary instance.
func (e *Engine) noteInstance(r *sources.Record) {
	name, _, _ := strings.Cut(r.SyslogName, "/")
	if name == "postfix" || len(e.instances) >= maxInstanceNames || len(name) > 64 || !plausibleService(name) ||
		strings.ContainsAny(name, ":[]") || strings.Contains(name, "..") || slices.Contains(e.instances, name) {
		return
	}
	e.instances = append(e.instances, strings.Clone(name))
}

// A Postfix program at the start of a command (or of one after && ; | or
// xargs, or in $(...)), and one named in a sentence with an option or a
// subcommand after it: where -c DIR goes.
var (
	postfixProgramAt = regexp.MustCompile(`(^|&& |; |\| |\$\(|xargs -r -n 1 )(postconf|postfix|postqueue|postsuper|postmap|postalias|postcat|qshape) `)
	postfixInPhrase  = regexp.MustCompile(`(^|[ (])(postconf|postfix|postqueue|postsuper|postmap|postalias) (-[a-zA-Z]|reload|check|start|stop|flush|set-permissions)\b`)
)

// forInstance puts -c dir after every Postfix program in the hints'
// steps, so a command acts on the instance whose configuration was read,
// not on the default one. dir is quoted as any value in a command, and
// nothing changes inside a quoted value: a command's single-quoted ones
// (every value from the log), and a sentence's quotes of either kind.
// read is the syslog name of the instance read, "" when not known: a
// hint whose lines all came from another instance keeps its commands
// and says whose they are, as -c dir would change the wrong instance.
func forInstance(hs []Hint, dir, read string) {
	if dir = instanceDir(dir); dir == "" {
		return
	}
	c := ShellQuote(dir)
	for i := range hs {
		if names := hintInstances(&hs[i]); read != "" && len(names) > 0 && !slices.Contains(names, read) {
			if hasPostfixCommand(&hs[i]) {
				hs[i].Cautions = append(hs[i].Cautions, otherInstanceCaution(names, dir))
			}
			continue
		}
		// A rule may share its steps with other hints or keep them
		// in a package variable: the rewrite goes to a copy.
		hs[i].Steps = slices.Clone(hs[i].Steps)
		for j, a := range hs[i].Steps {
			if a.Command {
				a.Text = outsideQuotes(a.Text, "'", func(s string) string {
					return postfixProgramAt.ReplaceAllString(s, "${1}${2} -c "+c+" ")
				})
			} else {
				a.Text = outsideQuotes(a.Text, `'"`, func(s string) string {
					return postfixInPhrase.ReplaceAllString(s, "${1}${2} -c "+c+" ${3}")
				})
			}
			hs[i].Steps[j] = a
		}
	}
}

// readInstance is the syslog name of the instance whose configuration
// was read: configInstance's; when that does not tell, its directory's
// last element when the log has lines of that name (postmulti -I
// postfix-out makes /etc/postfix-out), else the log's one other name; ""
// when none tells.
func (e *Engine) readInstance() string {
	if e.Config != nil {
		if v := configInstance(e.Config); v != "" {
			return v
		}
	}
	if base := path.Base(path.Clean(e.ConfigDir)); slices.Contains(e.instances, base) {
		return base
	}
	if len(e.instances) == 1 {
		return e.instances[0]
	}
	return ""
}

// configInstance is the syslog name of the instance of main.cf cfg: its
// syslog_name or multi_instance_name when it sets one, postfix when it
// sets neither (the default instance's: postmulti gives each secondary
// instance its multi_instance_name, which syslog_name's default follows);
// "" when one it sets does not resolve here.
func configInstance(cfg *sources.Config) string {
	p := cfg.Explicit
	if len(p) == 0 {
		p = cfg.Params // a saved full postconf, which tells no explicit one apart
	}
	syslog, multi := p["syslog_name"], p["multi_instance_name"]
	for _, v := range []string{syslog, multi} {
		if v, _, _ = strings.Cut(v, "/"); v != "" && !strings.Contains(v, "$") {
			return v
		}
	}
	if multi != "" || syslog != "" && !strings.Contains(syslog, "multi_instance_name") {
		return ""
	}
	return "postfix"
}

// hintInstances are the first elements of the syslog names of a hint's
// sample lines (postfix for the default instance's), in order; nil when
// no sample is a tagged Postfix line.
func hintInstances(h *Hint) []string {
	var names []string
	for _, l := range h.Samples {
		r := lineRecord(l)
		if r.Daemon == "" || r.Event == sources.EvOther || r.Event == sources.EvInvalid {
			continue // no tag, or not Postfix's
		}
		if name, _, _ := strings.Cut(r.SyslogName, "/"); !slices.Contains(names, name) && plausibleService(name) {
			names = append(names, name)
		}
	}
	return names
}

// hasPostfixCommand tells whether a hint's steps run a Postfix program.
func hasPostfixCommand(h *Hint) bool {
	for _, a := range h.Steps {
		if a.Command && postfixProgramAt.MatchString(a.Text) {
			return true
		}
	}
	return false
}

// otherInstanceCaution tells that a hint's lines came from instances
// other than the one read from dir. The default instance's (postfix) are
// what the commands as shown act on; postmulti calls that instance "-",
// so its example names a secondary one.
func otherInstanceCaution(names []string, dir string) string {
	from := "this hint's lines are from " + strings.Join(names, ", ") + " (their syslog_name), not from the instance whose configuration was read (" + dir + "): its figures from that configuration may not hold there, and "
	i := slices.IndexFunc(names, func(n string) bool { return n != "postfix" })
	switch {
	case i < 0:
		return "this hint's lines are from the default instance (syslog_name postfix), not from the instance whose configuration was read (" + dir + "): its figures from that configuration may not hold there; the commands here act on the default instance, the one of its lines"
	case slices.Contains(names, "postfix"):
		return from + "its commands act on the default instance, the one of its postfix lines; for the others run each through their instance, as in postmulti -i " + names[i] + " -x postconf -n, or give -c with that instance's configuration directory"
	}
	return from + "its commands act on the default instance; run each through the instance of its lines, as in postmulti -i " + names[i] + " -x postconf -n, or give -c with that instance's configuration directory"
}

// outsideQuotes applies f to the parts of s outside the quotes in marks
// (a backslash outside quotes takes the next byte as it is), and keeps
// the quoted parts, quotes included, as they are. Each part f sees starts
// where a quoted one ended, so "^" in f's patterns matches there too: a
// quote only ever ends a word, never a command.
func outsideQuotes(s, marks string, f func(string) string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case strings.IndexByte(marks, c) >= 0:
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				end = len(s) - i - 1
			} else {
				end++
			}
			b.WriteString(f(s[start:i]))
			b.WriteString(s[i : i+end+1])
			i += end
			start = i + 1
		}
	}
	b.WriteString(f(s[start:]))
	return b.String()
}

// instanceDir is dir, cleaned, when it is another instance's plausible
// configuration directory, else "".
func instanceDir(dir string) string {
	if dir == "" {
		return ""
	}
	dir = path.Clean(dir)
	if dir == "/etc/postfix" || !PlausiblePath(dir) {
		return ""
	}
	return dir
}

// newTable is where a table the hints create goes: beside the main.cf of
// the instance read, so another instance's table of the same name (the
// default one's /etc/postfix/transport) is not shared by accident.
func newTable(configDir, name string) string {
	if dir := instanceDir(configDir); dir != "" {
		return path.Join(dir, name)
	}
	return "/etc/postfix/" + name
}

// instanceCaution tells, on each hint with a Postfix command, that its
// lines came from an instance other than the default one (their syslog
// name) when no configuration of another instance was read. A hint's
// own sample lines name its instance; a hint without any gets the names
// of the log's lines.
func instanceCaution(hs []Hint, names []string) {
	if len(names) == 0 {
		return
	}
	for i := range hs {
		if !hasPostfixCommand(&hs[i]) {
			continue
		}
		of, from, example, which := "the log's lines are", names, names[0], ""
		if own := hintInstances(&hs[i]); len(own) > 0 {
			if len(own) == 1 && own[0] == "postfix" {
				continue // the default instance's, which the commands act on
			}
			of, from = "this hint's lines are", own
			example = own[slices.IndexFunc(own, func(n string) bool { return n != "postfix" })]
		} else if len(names) > 1 {
			// Which of them this hint's lines are from is not known.
			example, which = "NAME", " (NAME the one of this hint's lines)"
		}
		hs[i].Cautions = append(hs[i].Cautions, of+" from "+strings.Join(from, ", ")+" (their syslog_name): if that is a secondary instance (postmulti -l lists them), run each Postfix command through it, as in postmulti -i "+example+" -x postconf -n"+which+", or give -c with its configuration directory; the commands here act on the default instance")
	}
}

// maxHosts bounds the host names an engine keeps.
const maxHosts = 8

// noteHost keeps a Postfix line's host name, once.
func (e *Engine) noteHost(h string) {
	if i := slices.Index(e.hosts, h); i >= 0 {
		e.lastHost = e.hosts[i]
		return
	}
	if len(e.hosts) < maxHosts {
		h = strings.Clone(h)
		e.hosts = append(e.hosts, h)
		e.lastHost = h
	} else {
		e.moreHosts = true
	}
}

// Hosts are the host names of the log's Postfix lines, sorted, when
// there are several ("..." last when there were more than maxHosts); nil
// for one.
func (e *Engine) Hosts() []string {
	if len(e.hosts) < 2 {
		return nil
	}
	hs := slices.Clone(e.hosts)
	slices.Sort(hs)
	if e.moreHosts {
		hs = append(hs, "...")
	}
	return hs
}

// NewestFirst is how often the log's time stepped back when it did so
// more than twice as often as it went on (and at least 10 times): a log
// listed newest first. Else 0: lines a little out of order are common.
func (e *Engine) NewestFirst() int64 {
	if e.backSteps >= 10 && e.backSteps > 2*e.forwardSteps {
		return e.backSteps
	}
	return 0
}
