package analyzers

import (
	"net/netip"
	"strings"
)

// Every value a hint puts into a suggested command passes through
// ShellQuote, and values read from the log (domains, hosts, addresses)
// must first pass one of the Plausible checks: log text is chosen by
// whoever sends mail, and the admin may paste a command into a root shell.

// ShellQuote returns s as one POSIX shell word. Words made only of
// characters no shell treats specially are left bare, so commands stay
// readable; anything else is single-quoted with embedded quotes escaped.
func ShellQuote(s string) string {
	if s != "" && shellSafe(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func shellSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("@%+=:,./_-", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// shellCmd joins a command name and its arguments, quoting each argument.
func shellCmd(name string, args ...string) string {
	var b strings.Builder
	b.WriteString(name)
	for _, a := range args {
		b.WriteByte(' ')
		b.WriteString(ShellQuote(a))
	}
	return b.String()
}

// PlausibleDomain accepts a DNS name as a mail domain can be: 1–253
// characters, labels of 1–63 letters, digits and hyphens (underscores
// allowed, as some names carry them), not starting or ending with a
// hyphen, and at least one dot.
func PlausibleDomain(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) == 0 || len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// PlausibleHost accepts a domain or an IP address, with or without the
// brackets Postfix puts around literal addresses, an IPv6 address with or
// without the "IPv6:" prefix (any case) a next hop may give it.
func PlausibleHost(s string) bool {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		s = s[1 : len(s)-1]
		if a, ok := strings.CutPrefix(strings.ToLower(s), "ipv6:"); ok {
			return PlausibleIP(a) && strings.Contains(a, ":")
		}
		return PlausibleIP(s)
	}
	if a, ok := strings.CutPrefix(strings.ToLower(s), "ipv6:"); ok {
		return PlausibleIP(a) && strings.Contains(a, ":")
	}
	return PlausibleIP(s) || PlausibleDomain(s)
}

// bareHost is a next hop's host without the brackets and the "IPv6:"
// prefix of an address: the form smtp(8) gives the address it connects
// to (host_port.c strips the prefix).
func bareHost(s string) string {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		s = s[1 : len(s)-1]
	}
	if len(s) > 5 && strings.EqualFold(s[:5], "ipv6:") {
		s = s[5:]
	}
	return s
}

// PlausibleIP accepts an IPv4 or IPv6 address without a zone.
func PlausibleIP(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

// plausibleService accepts a master.cf service name or key (smtp,
// submission/inet, 127.0.0.1:2525/inet, private/smtpd).
func plausibleService(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.:/[]", c) >= 0) {
			return false
		}
	}
	return true
}

// postconfSet is the command that sets main.cf parameter name to value.
func postconfSet(name, value string) string {
	return shellCmd("postconf -e", name+" = "+value)
}

// PlausiblePath accepts an absolute file name as Postfix's configuration
// writes them: at most 1024 characters that need no quoting, no ".."
// step.
func PlausiblePath(s string) bool {
	return len(s) > 1 && len(s) <= 1024 && s[0] == '/' && shellSafe(s) && !strings.Contains(s, "/../") && !strings.HasSuffix(s, "/..")
}
