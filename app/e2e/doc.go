// Package e2e drives the real matchday binary in real windows: its tests
// build the binary once, start their own Xvfb and session D-Bus (with a
// fake notification server and tray host where a test needs them), type
// with xdotool, and read the journal back through the command line. The
// agent's end-to-end tests (reminders, one instance, tray, notification
// clicks) live here too. Screenshots of every step go to test-artifacts/
// at the repository root.
package e2e
