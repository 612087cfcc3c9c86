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

// maxListedInstances bounds the instances SetInstances keeps.
const maxListedInstances = 64

// SetInstances takes postmulti -l's list of the host's instances: a hint
// whose lines are another instance's than the one read then acts on that
// instance's directory. An instance's lines carry its syslog_name, which
// follows its multi_instance_name unless its main.cf sets another;
// postmulti lists the default instance as "-" (sources' "main"), whose
// lines say postfix.
func (e *Engine) SetInstances(list []sources.Instance) {
	e.instanceDirs = nil
	for _, in := range list {
		name := in.Name
		if name == "main" {
			name = "postfix"
		}
		if len(e.instanceDirs) >= maxListedInstances {
			break
		}
		dir := in.ConfigDir
		if !PlausiblePath(dir) {
			dir = "" // no command names it: its hints say DIR
		}
		if e.instanceDirs == nil {
			e.instanceDirs = map[string]string{}
		}
		if _, twice := e.instanceDirs[name]; twice {
			dir = "" // which of them logs it is not known
		}
		e.instanceDirs[name] = dir
	}
}

// dirPlaceholder stands for the configuration directory of an instance
// whose lines a hint has but whose directory is not known: the commands
// that name it are sentences, to be completed by hand.
const dirPlaceholder = "DIR"

// aimHints makes each hint act on the instance whose lines bear it out.
// A hint of the instance read (or of lines that tell none) has -c with
// its directory, when that is not the default one. A hint whose lines all
// came from other instances is worked out again without the
// configuration read, which is not theirs: postconf -e with a value taken
// from another instance's main.cf (an empty transport_maps) would replace
// the tables in force where the lines came from. Its commands then name
// that instance's directory (postmulti -l), or act on the default
// instance when that logged them, or else are sentences with DIR to fill
// in; and a applies nothing of it, as a applies to the instance read.
func (e *Engine) aimHints(c *hintCtx, hs []Hint, specOf []int, eval func(id string, rule func(*hintCtx) []Hint, c *hintCtx) []Hint) {
	own, ownTags := e.ownNames()
	if len(e.instances) == 0 && slices.Contains(own, "postfix") {
		own = nil // every line is the default instance's, as read: no sample need be read
	}
	version := e.CurrentVersion()
	var groups [][]int // the other instances' hints, by their lines' names
	var keys []string
	for i := range hs {
		// A hint with nothing that acts on an instance's configuration
		// or queue stays as it is: what it reads of the configuration
		// read (the daemon directory, which tells the systemd unit) the
		// instances share.
		if !actsOnPostfix(&hs[i]) || !otherInstances(&hs[i], own, ownTags) {
			hs[i] = fitVersion(hs[i], version, masterDir(c.configDir))
			if e.ConfigDir != "" {
				aimAt(&hs[i], e.ConfigDir)
			} else {
				instanceCaution(hs[i:i+1], e.instances)
			}
			continue
		}
		key := strings.Join(hintInstances(&hs[i]), " ")
		if k := slices.Index(keys, key); k >= 0 {
			groups[k] = append(groups[k], i)
		} else {
			keys, groups = append(keys, key), append(groups, []int{i})
		}
	}
	for k, idx := range groups {
		names := strings.Fields(keys[k])
		dir := e.dirOf(names)
		// cfg stays nil: the rules then give the steps they give
		// without a configuration, which show what is in force first.
		again := &hintCtx{e: e, now: c.now, whole: c.whole, configDir: dir, other: true}
		var redone []Hint
		var done []int
		for _, i := range idx {
			if s := specOf[i]; !slices.Contains(done, s) {
				done = append(done, s)
				for _, rule := range hintSpecs[s].rules {
					redone = append(redone, eval(hintSpecs[s].ID, rule, again)...)
				}
			}
		}
		for _, i := range idx {
			h := hs[i]
			j := slices.IndexFunc(redone, func(r Hint) bool {
				return r.ID == h.ID && r.Side == h.Side && r.Subject == h.Subject && slices.Equal(hintInstances(&r), names)
			})
			if j >= 0 {
				h = redone[j]
				redone[j].ID = "" // matched once
			} else {
				h.Steps = []Action{say("its steps depend on the configuration of the instance of its lines, which mxtop did not read: run mxtop with that configuration (--instance NAME, or --config-dir DIR) for them")}
			}
			h.Changes = nil
			h = fitVersion(h, version, masterDir(dir))
			if dir != "" {
				aimAt(&h, dir)
			}
			// Clipped: a rule may share its cautions.
			h.Cautions = append(slices.Clip(h.Cautions), e.otherInstanceCaution(names, dir))
			hs[i] = h
		}
	}
}

// otherInstances tells whether h's lines are all of other instances than
// the one read, whose syslog names are own (first elements) and ownTags
// (whole): false when the instance read or the lines' is not known.
func otherInstances(h *Hint, own, ownTags []string) bool {
	if len(own) == 0 {
		return false
	}
	tags := hintTags(h)
	return len(tags) > 0 && !slices.ContainsFunc(tags, func(t string) bool {
		name, _, _ := strings.Cut(t, "/")
		return slices.Contains(own, name) || slices.Contains(ownTags, t)
	})
}

// dirOf is the configuration directory the commands for lines of the
// instances names act on: "" for the default instance's when postmulti
// did not list it (commands without -c act on it), dirPlaceholder when
// not known.
func (e *Engine) dirOf(names []string) string {
	if len(names) == 1 {
		if dir := e.instanceDirs[names[0]]; dir != "" {
			return dir
		}
		if names[0] == "postfix" {
			return ""
		}
	}
	return dirPlaceholder
}

// masterDir is the directory of the master.cf that dir's commands edit.
func masterDir(dir string) string {
	if dir = instanceDir(dir); dir == "" {
		return "/etc/postfix"
	}
	return dir
}

// aimAt puts -c dir after every Postfix program in h's steps, so that a
// command acts on the instance of dir, not on the default one. dir is
// quoted as any value in a command, and nothing changes inside a quoted
// value: a command's single-quoted ones (every value from the log), and
// a sentence's quotes of either kind. A dir that is no plausible absolute
// path (a placeholder, or one given relatively) makes the commands that
// name it sentences: pasted, they would act elsewhere, or on nothing.
func aimAt(h *Hint, dir string) {
	if dir = instanceDir(dir); dir == "" {
		return
	}
	q, plain := ShellQuote(dir), PlausiblePath(dir)
	// A rule may share its steps with other hints or keep them in a
	// package variable: the rewrite goes to a copy.
	h.Steps = slices.Clone(h.Steps)
	for j, a := range h.Steps {
		if a.Command {
			t := outsideQuotes(a.Text, "'", func(s string) string {
				return besideStartFg(postfixProgramAt, s, "${1}${2} -c "+q+" ")
			})
			if !plain && (t != a.Text || strings.Contains(a.Text, dir)) {
				a.Command = false
			}
			a.Text = t
		} else {
			fg := false
			a.Text = outsideQuotes(a.Text, `'"`, func(s string) string {
				fg = fg || strings.Contains(s, "postfix start-fg")
				return besideStartFg(postfixInPhrase, s, "${1}${2} -c "+q+" ${3}")
			})
			if fg {
				a.Text += startFgNote
			}
		}
		h.Steps[j] = a
	}
}

// startFgNote is what a sentence that names postfix start-fg says with
// instances: postfix-script refuses start-fg, with -c or without, while
// the default configuration's multi_instance_directories is set.
const startFgNote = " (postfix start-fg runs only without instances: it refuses to start while multi_instance_directories is set, so a container runs one Postfix, not postmulti's instances)"

// besideStartFg is re's ReplaceAllString of s with repl, but for a match
// whose program (re's second group) is postfix start-fg, which takes no
// instance (startFgNote).
func besideStartFg(re *regexp.Regexp, s, repl string) string {
	var b []byte
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		if strings.HasPrefix(s[m[4]:], "postfix start-fg") {
			continue
		}
		b = append(b, s[last:m[0]]...)
		b = re.ExpandString(b, repl, s, m)
		last = m[1]
	}
	return string(append(b, s[last:]...))
}

// readInstance is the syslog name of the instance whose configuration
// was read: configInstance's; when that does not tell, with another
// instance's directory given, its last element when the log has lines of
// that name (postmulti -I postfix-out makes /etc/postfix-out), else the
// log's one other name; "" when none tells.
func (e *Engine) readInstance() string {
	if e.Config != nil {
		if v := configInstance(e.Config); v != "" {
			return v
		}
	}
	if e.ConfigDir == "" {
		return ""
	}
	if base := path.Base(path.Clean(e.ConfigDir)); slices.Contains(e.instances, base) {
		return base
	}
	if len(e.instances) == 1 {
		return e.instances[0]
	}
	return ""
}

// ownNames are the syslog names' first elements that tell the instance
// read (readInstance's; nil when not known), and the whole syslog names
// its master.cf gives services besides (-o syslog_name=postfix/$service_name
// in a secondary instance's master.cf logs postfix/relay/smtp).
func (e *Engine) ownNames() (names, tags []string) {
	read := e.readInstance()
	if read == "" {
		return nil, nil
	}
	if e.Config != nil {
		for _, s := range e.Config.Services {
			v := s.Options["syslog_name"]
			v = strings.ReplaceAll(strings.ReplaceAll(v, "${service_name}", s.Name), "$service_name", s.Name)
			if v != "" && !strings.Contains(v, "$") && !slices.Contains(tags, v) && len(tags) < maxInstanceNames {
				tags = append(tags, v)
			}
		}
	}
	return []string{read}, tags
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

// hintTags are the syslog names of a hint's sample lines (postfix,
// postfix-out, postfix/submission), in order; nil when no sample is a
// tagged Postfix line.
func hintTags(h *Hint) []string {
	var tags []string
	for _, l := range h.Samples {
		r := lineRecord(l)
		if r.Daemon == "" || r.Event == sources.EvOther || r.Event == sources.EvInvalid {
			continue // no tag, or not Postfix's
		}
		if name, _, _ := strings.Cut(r.SyslogName, "/"); !slices.Contains(tags, r.SyslogName) && plausibleService(name) {
			tags = append(tags, r.SyslogName)
		}
	}
	return tags
}

// hintInstances are the first elements of the syslog names of a hint's
// sample lines (postfix for the default instance's), in order; nil when
// no sample is a tagged Postfix line.
func hintInstances(h *Hint) []string {
	var names []string
	for _, t := range hintTags(h) {
		if name, _, _ := strings.Cut(t, "/"); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// actsOnPostfix tells whether a hint has a change for a to apply, or a
// step that runs a Postfix program or names one with its options.
func actsOnPostfix(h *Hint) bool {
	return len(h.Changes) > 0 || slices.ContainsFunc(h.Steps, func(a Action) bool {
		if a.Command {
			return postfixProgramAt.MatchString(a.Text)
		}
		return postfixInPhrase.MatchString(a.Text)
	})
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

// otherInstanceCaution tells that a hint's lines came from the instances
// names, not from the one read, and what its steps act on: dir (see
// dirOf). postmulti calls the default instance "-", so the example names
// a secondary one.
func (e *Engine) otherInstanceCaution(names []string, dir string) string {
	read := "the instance whose configuration was read"
	if e.ConfigDir != "" {
		read += " (" + e.ConfigDir + ")"
	}
	from := "this hint's lines are from " + strings.Join(names, ", ") + " (their syslog_name)"
	if len(names) == 1 && names[0] == "postfix" {
		from = "this hint's lines are from the default instance (syslog_name postfix)"
	}
	from += ", not from " + read + ": its steps are worked out without that configuration, as for Postfix's defaults, and "
	switch {
	case dir == dirPlaceholder:
		i := max(slices.IndexFunc(names, func(n string) bool { return n != "postfix" }), 0)
		return from + "its Postfix commands are sentences, DIR standing for the configuration directory of the instance of its lines (postmulti -l lists them): run each with -c and that directory, or through that instance, as in postmulti -i " + names[i] + " -x postconf -n"
	case dir == "":
		return from + "its commands act on the default instance, the one of its lines"
	}
	return from + "its commands act on the directory of the instance of its lines, " + dir + " (postmulti -l)"
}

// outsideQuotes applies f to the parts of s outside the quotes in marks
// (a backslash outside quotes takes the next byte as it is), and keeps
// the quoted parts, quotes included, as they are. Each part f sees starts
// where a quoted one ended, so "^" in f's patterns matches there too: a
// quote only ever ends a word, never a command. In a sentence (marks
// with '"'), a ' in a word of prose is an apostrophe (apostrophe tells),
// not a quote: taken for one, it would hide the commands after it up to
// the next quote.
func outsideQuotes(s, marks string, f func(string) string) string {
	var b strings.Builder
	start := 0
	words := strings.IndexByte(marks, '"') >= 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '\'' && words && apostrophe(s, i):
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

// apostrophe tells whether the ' at s[i] belongs to a word of prose:
// it follows a letter of a word that starts with one (a command's option,
// -F'|' or --x='y', opens a quote), and a letter (the line's transport)
// or the word's end (the lines' times, the senders' own) comes after it.
func apostrophe(s string, i int) bool {
	if i == 0 || !isLetter(s[i-1]) {
		return false
	}
	w := strings.LastIndexAny(s[:i], " \t\n(") + 1
	if !isLetter(s[w]) || strings.ContainsAny(s[w:i], "=/") {
		return false
	}
	return i+1 == len(s) || isLetter(s[i+1]) || strings.IndexByte(" \t\n,.;:)", s[i+1]) >= 0
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// instanceDir is dir, cleaned, when it is another instance's
// configuration directory than the default /etc/postfix, else "". One
// that is no plausible path stays one: taken for the default, it would
// aim the commands at the default instance (aimAt makes them sentences).
func instanceDir(dir string) string {
	if dir == "" {
		return ""
	}
	if dir = path.Clean(dir); dir == "/etc/postfix" {
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
