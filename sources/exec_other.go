//go:build !unix

package sources

import "os/exec"

// ownProcessGroup leaves cmd as it is: only its own process is killed.
func ownProcessGroup(cmd *exec.Cmd) {}
