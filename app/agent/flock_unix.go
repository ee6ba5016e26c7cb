//go:build unix

package agent

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func flock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrRunning
	}
	if err != nil {
		return fmt.Errorf("agent: lock: %w", err)
	}
	return nil
}

// Detach makes cmd start in a session of its own, so it outlives the
// terminal and the command that started it.
func Detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}
