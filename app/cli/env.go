package cli

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Env is what a command gets from its surroundings, so tests can run commands
// in-process with their own environment and output.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Exe is the path of the running binary, for starting the agent and the
	// window process.
	Exe string
	// Terminal reports whether the command runs in a terminal (its stdin or
	// stdout is one); nil means it does not. `matchday week` prints there,
	// and opens the review window from a desktop hotkey or launcher.
	Terminal func() bool
}

// OSEnv returns the real process environment.
func OSEnv() Env {
	exe, _ := os.Executable()
	return Env{Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Exe: exe,
		Terminal: func() bool { return isTerminal(os.Stdin) || isTerminal(os.Stdout) }}
}

// Clock returns the program's clock: the system clock, or, when
// MATCHDAY_NOW holds an RFC 3339 time, a clock that starts there and runs on
// in real time (in that time's zone), so tests and demos can start at any
// moment and still see reminders come due.
func Clock(getenv func(string) string) (func() time.Time, error) {
	v := getenv("MATCHDAY_NOW")
	if v == "" {
		return time.Now, nil
	}
	start, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("MATCHDAY_NOW=%q is not an RFC 3339 time (like 2026-11-29T07:29:55+01:00)", v)
	}
	real := time.Now()
	return func() time.Time { return start.Add(time.Since(real)) }, nil
}
