// Package e2e drives the real matchday binary in a real window: its tests
// build the binary, start their own Xvfb and session D-Bus, type with
// xdotool, and read the journal back through the command line. Screenshots
// of every step go to test-artifacts/ at the repository root.
package e2e
