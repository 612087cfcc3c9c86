package analyzers

import (
	"fmt"
	"strings"
	"time"

	"mxtop/sources"
)

// Some knowledge-base entries say what a Postfix older than a given
// release lacks: a fix (OpenSSL 3's unexpected EOF), a table type, a
// syntax. Their FixedIn lists the releases that brought it; the rules
// here judge the release that wrote an entry's lines against them, so
// that a release that has it is not told to upgrade, and one that lacks
// it is told the release of its own series to upgrade to.

// postfixRelease is a Postfix release as mail_version and the master's
// "daemon started -- version" give it: major.minor.patch, patch -1 when
// none is given (a snapshot's 3.8-20230115, a bare 3.8). pre marks a
// release candidate (3.8.0-RC1) or a snapshot, which come before the
// patch they name (0 for a snapshot).
type postfixRelease struct {
	major, minor, patch int
	pre                 bool
}

// parseRelease reads a release: "3.7.10", "3.10.1", a distribution's
// suffix after the patch level ("3.7.11-0+deb12u1", "3.5.6+dfsg", whose
// fixes mxtop cannot know), a release candidate ("3.8.0-RC1") or a
// snapshot ("3.8-20230115", "3.8-20230115-nonprod"). Anything else is no
// release: ok is false, and the release counts as not known.
func parseRelease(s string) (postfixRelease, bool) {
	s = strings.TrimSpace(s)
	var nums []int
	for len(nums) < 3 {
		n := 0
		for n < len(s) && n < 5 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n == 5 {
			return postfixRelease{}, false
		}
		v := 0
		for _, c := range s[:n] {
			v = v*10 + int(c-'0')
		}
		nums, s = append(nums, v), s[n:]
		if !strings.HasPrefix(s, ".") || len(nums) == 3 {
			break
		}
		s = s[1:]
	}
	if len(nums) < 2 {
		return postfixRelease{}, false
	}
	r := postfixRelease{major: nums[0], minor: nums[1], patch: -1}
	if len(nums) == 3 {
		r.patch = nums[2]
	}
	switch {
	case s == "":
	case s[0] != '-' && s[0] != '+' && s[0] != '~' && s[0] != '_':
		// 3.7.4.1, 3.7x: no form Postfix or a distribution writes.
		return postfixRelease{}, false
	case len(nums) == 3 && len(s) > 3 && strings.EqualFold(s[:3], "-rc"):
		r.pre = true
	case len(nums) == 2 && len(s) >= 9 && s[0] == '-' && allDigits(s[1:9]) && (len(s) == 9 || s[9] == '-'):
		r.patch, r.pre = 0, true
	case len(nums) == 2:
		return postfixRelease{}, false
	}
	return r, true
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// String is the release as Postfix numbers it, without the suffix: only
// digits, whatever the line held.
func (r postfixRelease) String() string {
	s := fmt.Sprintf("%d.%d", r.major, r.minor)
	if r.patch >= 0 && !(r.pre && r.patch == 0) {
		s += fmt.Sprintf(".%d", r.patch)
	}
	if r.pre {
		s += " (a snapshot or release candidate)"
	}
	return s
}

func (r postfixRelease) series() string { return fmt.Sprintf("%d.%d", r.major, r.minor) }

// compareSeries orders a and b by major.minor.
func compareSeries(a, b postfixRelease) int {
	switch {
	case a.major != b.major:
		return a.major - b.major
	default:
		return a.minor - b.minor
	}
}

type fixState int

const (
	fixUnknown fixState = iota
	fixLacks            // the release lacks what FixedIn brought
	fixHas
)

// hasFix judges release r against fixedIn (Known.FixedIn), and names the
// release to upgrade to: the first of r's series with it when a patch
// release brought it there (inSeries), else the first series that has it
// from the start.
func hasFix(r postfixRelease, fixedIn []string) (state fixState, target string, inSeries bool) {
	var from postfixRelease
	found := false
	for _, f := range fixedIn {
		fr, ok := parseRelease(f)
		if !ok {
			return fixUnknown, "", false
		}
		if fr.patch < 0 {
			from, found = fr, true
			continue
		}
		if compareSeries(fr, r) != 0 {
			continue
		}
		target, inSeries = fr.String(), true
		switch {
		case r.patch < 0 || r.pre && r.patch == fr.patch:
			return fixUnknown, target, true
		case r.patch >= fr.patch:
			return fixHas, target, true
		}
		return fixLacks, target, true
	}
	if !found {
		return fixUnknown, "", false
	}
	switch c := compareSeries(r, from); {
	case c == 0 && r.pre && r.patch == 0:
		// A snapshot of the series that brought it: before or after.
		return fixUnknown, from.String(), false
	case c >= 0:
		return fixHas, from.String(), false
	}
	return fixLacks, from.String(), false
}

// releaseAt is the release that wrote a line at t, as the log and the
// configuration tell: the one the log's last start or reload before t
// names when the log shows a change of version after t (an upgrade
// since), none when a change came after t and no start before it; else
// the log's last, or the configuration's when the log names none.
func (e *Engine) releaseAt(t time.Time) string {
	if len(e.Versions) == 0 || t.IsZero() {
		return e.CurrentVersion()
	}
	for i, v := range e.Versions {
		if v.FirstSeen.After(t) {
			if i == 0 {
				return ""
			}
			return e.Versions[i-1].Version
		}
	}
	return e.Versions[len(e.Versions)-1].Version
}

// releaseJudged is how the release that wrote an entry's lines stands to
// what its FixedIn releases brought.
type releaseJudged struct {
	state fixState
	// writer is the release that wrote the lines; since is the one in
	// force now when it differs and has it (an upgrade after the lines).
	writer, since postfixRelease
	upgraded      bool
	target        string
	inSeries      bool
}

// judgeRelease judges the release that wrote seen's lines of entry k
// against k.FixedIn; the state is fixUnknown for an entry without
// FixedIn or a release not known.
func (c *hintCtx) judgeRelease(k *sources.Known, seen *KnownSeen) releaseJudged {
	if len(k.FixedIn) == 0 {
		return releaseJudged{}
	}
	var last time.Time
	if seen != nil {
		last = seen.Last
	}
	w, ok := parseRelease(c.e.releaseAt(last))
	if !ok {
		return releaseJudged{}
	}
	j := releaseJudged{writer: w}
	j.state, j.target, j.inSeries = hasFix(w, k.FixedIn)
	if j.state != fixLacks {
		return j
	}
	if now, ok := parseRelease(c.e.CurrentVersion()); ok && now != w {
		if st, _, _ := hasFix(now, k.FixedIn); st == fixHas {
			j.since, j.upgraded = now, true
		}
	}
	return j
}

// hintOf is the hint seen's lines of entry k feed: HasHint when the
// release that wrote them has what k's FixedIn brought.
func (c *hintCtx) hintOf(k *sources.Known, seen *KnownSeen, failed []string) string {
	if k.HasHint != "" && c.judgeRelease(k, seen).state == fixHas {
		return k.HasHint
	}
	return seen.hintIn(k, failed)
}

// releaseText is what entry k says for the release j judged: its cause,
// its fix, and a line of evidence that names the release; ok is false
// when the release is not known, and Cause and Fix stand as written.
func releaseText(k *sources.Known, j releaseJudged) (cause, fix, evidence string, ok bool) {
	switch j.state {
	case fixHas:
		from := j.target
		if j.inSeries {
			from += " in the " + j.writer.series() + " series"
		}
		cause, fix = k.Cause, k.Fix
		if k.HasCause != "" {
			cause = k.HasCause
		}
		if k.HasFix != "" {
			fix = k.HasFix
		}
		return cause, fix, "this Postfix is " + j.writer.String() + ", which has " + k.Brings + ": it came with " + from, true
	case fixLacks:
		if j.upgraded {
			return k.Cause, "nothing to do for these lines: they came from Postfix " + j.writer.String() + ", and the release in force now, " + j.since.String() + ", has " + k.Brings + "; the same lines from it would have another cause",
				"these lines came from Postfix " + j.writer.String() + ", which lacks " + k.Brings + "; Postfix is " + j.since.String() + " now, which has it", true
		}
		step := "upgrade to " + j.target + " or later of the " + j.writer.series() + " series (or a current release)"
		ev := "this Postfix is " + j.writer.String() + ": the " + j.writer.series() + " series has " + k.Brings + " from " + j.target
		if !j.inSeries {
			step = "upgrade to " + j.target + " or later (a current release): no " + j.writer.series() + " release has " + k.Brings
			ev = "this Postfix is " + j.writer.String() + ", older than " + j.target + ", which brought " + k.Brings
		}
		if k.UpgradeThen != "" {
			step += "; " + k.UpgradeThen
		}
		return k.Cause, step, ev, true
	}
	return k.Cause, k.Fix, "", false
}
