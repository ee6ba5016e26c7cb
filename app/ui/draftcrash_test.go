package ui

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// draftChildEnv names the journal TestHelperDraftChild types into when it
// runs as the child of TestEveningDraftSurvivesKill.
const draftChildEnv = "MATCHDAY_DRAFT_CHILD_DB"

// draftWord is the i-th word the child types.
func draftWord(i int) string { return fmt.Sprintf("Schritt%d✓ ", i) }

// draftAfter is the draft as stored after n words (trimmed, as the text
// rules store it).
func draftAfter(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(draftWord(i))
	}
	return strings.TrimSpace(b.String())
}

// TestHelperDraftChild types word after word into the evening window and
// lets the autosave run after each, printing every draft once its save
// (and so its commit) has returned. As the child of
// TestEveningDraftSurvivesKill it types until it is killed; run on its own
// it types a few words and checks they were saved.
func TestHelperDraftChild(t *testing.T) {
	path, rounds := os.Getenv(draftChildEnv), -1
	if path == "" {
		path, rounds = filepath.Join(t.TempDir(), "matchday.db"), 12
	}
	clock := newFakeClock(testNoon(t))
	s, err := data.Open(path, data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	timer := &manualTimer{}
	u := NewUI(test.NewTempApp(t), s, clock.Now)
	u.after = timer.after
	e := u.ShowEvening(data.Day{})
	for i := 0; rounds < 0 || i < rounds; i++ {
		test.Type(e.wentWell, draftWord(i))
		timer.fire()
		if e.saver.pending() {
			t.Fatalf("draft %d not saved", i)
		}
		if rounds < 0 {
			fmt.Printf("DRAFT %s\n", strconv.Quote(draftAfter(i+1)))
		}
	}
	if got := stored(t, s.Evening, e.day).WentWell; got != draftAfter(rounds) {
		t.Fatalf("stored draft %q, want %q", got, draftAfter(rounds))
	}
}

// TestEveningDraftSurvivesKill kills (SIGKILL) a process that is typing
// into the evening window mid-draft, then shows that the last draft it
// confirmed is in the journal and the journal is sound.
func TestEveningDraftSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "matchday.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDraftChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), draftChildEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const killAfter = 40
	last, n := "", 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "DRAFT ")
		if !ok {
			continue
		}
		if last, err = strconv.Unquote(line); err != nil {
			t.Fatalf("child printed %q: %v", line, err)
		}
		n++
		if n == killAfter {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred code, no clean close
				t.Fatal(err)
			}
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("child ended with %v after %d drafts, want killed by a signal; stderr:\n%s", err, n, stderr.String())
	}
	if n < killAfter {
		t.Fatalf("child printed only %d drafts", n)
	}

	clock := newFakeClock(testNoon(t))
	s, err := data.Open(path, data.WithClock(clock.Now))
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("journal damaged by the kill: %v", err)
	}
	today, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := stored(t, s.Evening, today).WentWell
	// The child may have committed one more draft after its last line and
	// before the kill; it can never have lost a printed one.
	t.Logf("killed after %d printed drafts; stored %d characters", n, len(got))
	if got != last && got != draftAfter(n+1) {
		t.Fatalf("stored draft after the kill:\n%q\nwant the last confirmed one:\n%q", got, last)
	}
}
