package sources

import "strings"

// The kernel logs the OOM killer's victims: "Out of memory: Killed process
// PID (NAME) ...", "Memory cgroup out of memory: Killed process ..." for a
// container's or a unit's limit, and on older kernels "Killed process PID
// (NAME) ..." after "Out of memory: Kill process ...". A Postfix daemon
// among them died for want of memory; another program's death is its own.

// kernelLine matches a kernel line that names a Postfix process the OOM
// killer killed against the entries written for the kernel's words
// (Agent "kernel").
func kernelLine(msg string, r *Record) {
	i := strings.Index(msg, "Killed process ")
	if i < 0 {
		return
	}
	rest := msg[i+len("Killed process "):]
	open := strings.IndexByte(rest, '(')
	if open < 0 {
		return
	}
	end := strings.IndexByte(rest[open:], ')')
	if end < 0 || !postfixDaemons[rest[open+1:open+end]] {
		return
	}
	r.Known = MatchAgentReason("kernel", msg)
}
