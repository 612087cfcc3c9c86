//go:build !unix

package sources

import (
	"os"
	"os/exec"
)

// ownProcessGroup leaves cmd as it is: only its own process is killed.
func ownProcessGroup(cmd *exec.Cmd) {}

// killGroup kills p.
func killGroup(p *os.Process) error { return p.Kill() }
