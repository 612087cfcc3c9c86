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
	if name == "postfix" || name == "" || len(e.instances) >= maxInstanceNames || len(name) > 64 || !plausibleService(name) ||
		strings.ContainsAny(name, ":/[]") || strings.Contains(name, "..") {
		return
	}
	for _, n := range e.instances {
		if n == name {
			return
		}
	}
	e.instances = append(e.instances, strings.Clone(name))
}

// A Postfix program at the start of a command (or of one after && ; | or
// in $(...)), and one named in a sentence with an option or a
// subcommand after it: where -c DIR goes.
var (
	postfixProgramAt = regexp.MustCompile(`(^|&& |; |\| |\$\()(postconf|postfix|postqueue|postsuper|postmap|postalias|postcat) `)
	postfixInPhrase  = regexp.MustCompile(`(^|[ (])(postconf|postfix|postqueue|postsuper|postmap|postalias) (-[a-zA-Z]|reload|check|start|stop|flush|set-permissions)\b`)
)

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

// forInstance puts -c dir after every Postfix program in the hints'
// steps, so a command acts on the instance whose configuration was read,
// not on the default one. dir is quoted as any value in a command.
func forInstance(hs []Hint, dir string) {
	if dir = instanceDir(dir); dir == "" {
		return
	}
	with := "${1}${2} -c " + ShellQuote(dir) + " "
	for i := range hs {
		for j, a := range hs[i].Steps {
			if a.Command {
				a.Text = postfixProgramAt.ReplaceAllString(a.Text, with)
			} else {
				a.Text = postfixInPhrase.ReplaceAllString(a.Text, "${1}${2} -c "+ShellQuote(dir)+" ${3}")
			}
			hs[i].Steps[j] = a
		}
	}
}

// instanceCaution tells, on each hint with a Postfix command, that the
// log's lines came from an instance other than the default one (their
// syslog name) when no configuration of another instance was read.
func instanceCaution(hs []Hint, names []string) {
	if len(names) == 0 {
		return
	}
	caution := "the log's lines are from " + strings.Join(names, ", ") + " (their syslog_name): if that is a secondary instance (postmulti -l lists them), run each Postfix command through it, as in postmulti -i " + names[0] + " -x postconf -n, or give -c with its configuration directory; the commands here act on the default instance"
	for i := range hs {
		for _, a := range hs[i].Steps {
			if a.Command && postfixProgramAt.MatchString(a.Text) {
				hs[i].Cautions = append(hs[i].Cautions, caution)
				break
			}
		}
	}
}

// maxHosts bounds the host names an engine keeps.
const maxHosts = 8

// noteHost keeps a Postfix line's host name, once.
func (e *Engine) noteHost(h string) {
	for _, k := range e.hosts {
		if k == h {
			e.lastHost = k
			return
		}
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

// newestFirst is how often the log's time stepped back when it did so
// more than twice as often as it went on (and at least 10 times): a log
// listed newest first. Else 0: lines a little out of order are common.
func (e *Engine) newestFirst() int64 {
	if e.backSteps >= 10 && e.backSteps > 2*e.forwardSteps {
		return e.backSteps
	}
	return 0
}
