//go:build !unix

package agent

import (
	"os"
	"os/exec"
)

// flock is a no-op where flock(2) does not exist: there the socket alone
// keeps a second agent from starting (the second one's Send succeeds), and
// two agents started in the same instant may both run until one is quit.
func flock(f *os.File) error { return nil }

// Detach does nothing where there are no sessions to leave.
func Detach(cmd *exec.Cmd) {}
