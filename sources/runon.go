package sources

import (
	"strings"
	"time"
)

// A post that lost its line breaks (a forum's formatting, a copy out of a
// web page) runs several log lines into one: "... mechanisms Jul  3
// 22:12:18 mail postfix/master[4881]: warning: ...". What follows the first
// message is another line, with its own stamp, host and program tag; it is
// read as a record of its own, and the first record ends before it. Only
// a source as small as a paste is searched (pasteMax): syslog and journald
// never run lines together, so in a log they wrote a line shaped like this
// is text a client, a sender or a remote server chose.

// maxRunOn bounds how many records one line is split into.
const maxRunOn = 16

// mayRunOn tells a record whose message may hold the lines run on after
// it, long enough for a second line: a warning or worse, a reject, a line
// of no modelled shape, another program's line (journalctl -u postfix
// puts systemd's among Postfix's, and a paste may begin with one), or a
// session line whose message holds no text a client, a sender or a remote
// server chose beyond a host name and an address (a paste most often
// begins with a connect). A delivery's reason, qmgr's sender address or
// cleanup's Message-ID may be shaped like a log line by whoever chose it,
// so those lines are never cut, even in a paste; in a log syslog wrote no
// line is (pasteMax).
func mayRunOn(r *Record) bool {
	return len(r.Message) > 40 && (r.Severity >= SevWarning || r.Event == EvReject || r.Event == EvUnknown || r.Event == EvOther ||
		sessionEvent[r.Event] || r.Event == EvPostscreen && strings.HasPrefix(r.Message, "CONNECT from ") ||
		// The smtp client's failed connection: a host name, an address
		// and the system's error; a reply ("host X said: ...") is a
		// remote's text and stays whole.
		r.Event == EvAttempt && strings.HasPrefix(r.Message, "connect to "))
}

// sessionEvent marks the events whose message is Postfix's own words, host
// names and addresses only.
var sessionEvent = [evCount]bool{
	EvConnect: true, EvDisconnect: true, EvLostConn: true, EvClient: true,
	EvTLS: true, EvRemoved: true, EvVersion: true, EvMaster: true, EvAnvil: true, EvStatistics: true,
}

// splitRunOn splits the last of recs while its message holds another log
// line, parsing each part into a record of its own; a part older than
// notBefore is left off. Once a line is known to run on, a part of any
// kind may hold the next.
func splitRunOn(p *Parser, recs []Record, notBefore time.Time) []Record {
	for n := range maxRunOn {
		r := &recs[len(recs)-1]
		if n == 0 && !mayRunOn(r) || len(r.Message) <= 40 {
			break
		}
		head, tail, ok := runOnCut(r.Line, r.Message)
		if !ok {
			break
		}
		*r = Record{}
		p.parseZeroed(head, r)
		if notBefore.IsZero() || r.Time.IsZero() || !r.Time.Before(notBefore) {
			recs = grow(recs)
		}
		recs[len(recs)-1] = Record{}
		p.parseZeroed(tail, &recs[len(recs)-1])
	}
	return recs
}

// runOnCut finds, in a line's message, the start of another log line:
// an RFC 3164 or ISO stamp, a host and a Postfix program tag with its pid
// ("Jul  3 22:12:18 mail postfix/master[4881]: "). head is the line before
// it, tail the line run on, with a blank put back where the paste glued
// the stamp's time to the host ("22:12:18mail").
func runOnCut(line, msg string) (head, tail string, ok bool) {
	off := len(line) - len(msg)
	if off < 0 || line[off:] != msg {
		return "", "", false
	}
	for from := 1; from < len(msg); {
		i := strings.Index(msg[from:], " postfix")
		if i < 0 {
			return "", "", false
		}
		tag := from + i + 1
		from = tag
		if !postfixTagAt(msg[tag:]) {
			continue
		}
		start, glued, found := stampBefore(msg[:tag-1])
		if !found || start == 0 {
			continue
		}
		head = strings.TrimRight(line[:off+start], " \t")
		tail = line[off+start:]
		if glued > 0 {
			g := glued - start
			tail = tail[:g] + " " + tail[g:]
		}
		return head, tail, head != ""
	}
	return "", "", false
}

// postfixTagAt tells whether s starts with a Postfix program tag and its
// pid: postfix[-name]/program[/more][PID]: and a blank.
func postfixTagAt(s string) bool {
	rest, ok := strings.CutPrefix(s, "postfix")
	if !ok {
		return false
	}
	i := 0
	for i < len(rest) && rest[i] != '/' && rest[i] != '[' && (isAlnum(rest[i]) || rest[i] == '-' || rest[i] == '_' || rest[i] == '.') {
		i++
	}
	if i >= len(rest) || rest[i] != '/' {
		return false
	}
	j := i + 1
	for j < len(rest) && (isAlnum(rest[j]) || rest[j] == '/' || rest[j] == '-' || rest[j] == '_' || rest[j] == '.') {
		j++
	}
	if j == i+1 || j >= len(rest) || rest[j] != '[' {
		return false
	}
	k := j + 1
	for k < len(rest) && isDigit(rest[k]) {
		k++
	}
	return k > j+1 && strings.HasPrefix(rest[k:], "]: ")
}

// stampBefore reads back from the end of s (the text before a program
// tag, less its blank) over a host name and a stamp: "Jul  3 22:12:18
// mail", "Jul 3 22:12:18mail" (glued is then where the host begins),
// "2024-07-03T22:12:18.123+00:00 mail", or a stamp with no host after it. start is where the stamp begins.
func stampBefore(s string) (start, glued int, ok bool) {
	h := strings.LastIndexByte(s, ' ') + 1
	host := s[h:]
	if host == "" {
		return 0, 0, false
	}
	// No host at all: "Jan 29 15:48:11 postfix/smtpd[2025]: ".
	if len(host) == 8 && clockAt(host) {
		m := monthDayBefore(s, h)
		return m, 0, m >= 0
	}
	// A time glued to the host: "22:12:18mail".
	if len(host) > 8 && clockAt(host) && !isDigit(host[8]) && host[8] != '.' {
		return monthDayBefore(s, h), h + 8, monthDayBefore(s, h) >= 0
	}
	if h < 2 {
		return 0, 0, false
	}
	body := s[:h-1]
	t := strings.LastIndexByte(body, ' ') + 1
	stamp := body[t:]
	switch {
	case len(stamp) == 8 && clockAt(stamp):
		m := monthDayBefore(body, t)
		return m, 0, m >= 0
	case len(stamp) >= 19 && isDigit(stamp[0]) && stamp[4] == '-' && stamp[7] == '-' && stamp[10] == 'T' && clockAt(stamp[11:]):
		return t, 0, true
	}
	return 0, 0, false
}

// monthDayBefore is where "Mon D " or "Mon DD " ends right before s[at:]
// begins (at is the clock's start), or -1.
func monthDayBefore(s string, at int) int {
	b := strings.TrimRight(s[:at], " ")
	d := len(b)
	for d > 0 && isDigit(b[d-1]) {
		d--
	}
	if n := len(b) - d; n < 1 || n > 2 {
		return -1
	}
	m := strings.TrimRight(b[:d], " ")
	if len(m) < 3 || len(m) == len(b[:d]) {
		return -1
	}
	if monthOf(m[len(m)-3:]) == 0 {
		return -1
	}
	if len(m) > 3 && m[len(m)-4] != ' ' {
		return -1
	}
	return len(m) - 3
}

// clockAt tells whether s starts with HH:MM:SS.
func clockAt(s string) bool {
	return len(s) >= 8 && isDigit(s[0]) && isDigit(s[1]) && s[2] == ':' && isDigit(s[3]) && isDigit(s[4]) && s[5] == ':' && isDigit(s[6]) && isDigit(s[7])
}

func isAlnum(c byte) bool { return isLetter(c) || isDigit(c) }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
