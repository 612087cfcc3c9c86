package sources

import "strings"

// stripPrefix removes what a container runtime or a log viewer writes
// before a log line:
//   - the CRI log format of Kubernetes nodes (/var/log/pods):
//     "2026-11-28T04:00:00.123456789Z stdout F " (F a full line, P a part);
//   - docker logs -t and kubectl logs --timestamps before an RFC 3164 line:
//     "2026-11-28T04:00:00.123456789Z Nov 28 04:00:00 host ...";
//   - kubectl logs --prefix: "[pod/name/container] ";
//   - docker compose logs: "service-1  | ".
//
// stamp is the runtime's timestamp, kept for lines that carry no time of
// their own.
func stripPrefix(line string) (rest, stamp string) {
	if len(line) == 0 {
		return line, ""
	}
	switch c := line[0]; {
	case c == '[':
		return stripKubectlPrefix(line), ""
	case isDigit(c):
		return stripRuntimeStamp(line)
	}
	return stripComposePrefix(line), ""
}

// stripKubectlPrefix removes "[kind/name/container] ".
func stripKubectlPrefix(line string) string {
	end := strings.IndexByte(line, ']')
	if end < 0 || end+1 >= len(line) || line[end+1] != ' ' {
		return line
	}
	inner := line[1:end]
	if strings.Count(inner, "/") != 2 || strings.IndexByte(inner, ' ') >= 0 || strings.Contains(inner, "//") ||
		inner[0] == '/' || inner[len(inner)-1] == '/' {
		return line
	}
	return line[end+2:]
}

// stripRuntimeStamp removes "TIMESTAMP STREAM TAGS " of the CRI log format,
// STREAM being stdout or stderr and TAGS "F" or "P" (more may come,
// joined with ':'), and the bare "TIMESTAMP " that docker logs -t and
// kubectl logs --timestamps put before a line with its own RFC 3164 stamp.
func stripRuntimeStamp(line string) (rest, stamp string) {
	if len(line) < 20 || line[4] != '-' {
		return line, ""
	}
	sp := strings.IndexByte(line, ' ')
	if sp < 20 {
		return line, ""
	}
	s := line[sp+1:]
	switch {
	case strings.HasPrefix(s, "stdout ") || strings.HasPrefix(s, "stderr "):
		s = s[len("stdout "):]
		tags, after := firstToken(s)
		if tags == "" || after == "" && len(s) == len(tags) {
			return line, ""
		}
		for i := 0; i < len(tags); i++ {
			if c := tags[i]; (c < 'A' || c > 'Z') && c != ':' {
				return line, ""
			}
		}
		s = after
	case len(s) > 4 && s[3] == ' ' && monthOf(s[:3]) != 0 && (s[4] == ' ' || isDigit(s[4])):
	default:
		return line, ""
	}
	if _, n, ok := parse3339(line[:sp]); !ok || n != sp {
		return line, ""
	}
	return s, line[:sp]
}
