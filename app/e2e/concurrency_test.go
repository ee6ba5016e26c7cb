package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"matchday/data"
)

// TestCommandLineWritesWhileTheWindowRuns: fifty `matchday win` commands at
// once while the window is open and watching the journal. Every win is
// stored exactly once, no command fails or says "locked", and a clean quit
// leaves no write-ahead log behind.
func TestCommandLineWritesWhileTheWindowRuns(t *testing.T) {
	d := newDesktop(t)
	db := filepath.Join(t.TempDir(), "data", "matchday.db")
	win := d.start([]string{"MATCHDAY_NO_AGENT=1"}, "--db", db)
	id := d.waitWindow("^Matchday$")
	d.shot("window-open")

	const n = 50
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out, errOut, code := d.run(nil, "--db", db, "win", fmt.Sprintf("Parallel win %02d", i))
			if code != 0 || errOut != "" || strings.TrimSpace(out) == "" {
				errs <- fmt.Sprintf("win %d: exit %d, stdout %q, stderr %q", i, code, out, errOut)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	v := d.today(db)
	seen := map[string]int{}
	for _, w := range v.Wins {
		seen[w.Text]++
	}
	for i := 0; i < n; i++ {
		if text := fmt.Sprintf("Parallel win %02d", i); seen[text] != 1 {
			t.Errorf("%q stored %d times", text, seen[text])
		}
	}
	if v.Counts.Today != n {
		t.Errorf("today's count is %d, want %d", v.Counts.Today, n)
	}
	// A click on the window's background makes sure no entry has the
	// cursor, whose blinking would keep the picture from ever settling.
	if out, err := d.x("xdotool", "mousemove", "--window", id, "200", "5", "click", "1"); err != nil {
		t.Fatalf("click: %v %s", err, out)
	}
	d.settle(id, 1500*time.Millisecond) // the window's watcher shows the fifty
	d.shot("after-fifty-wins")

	// Another handle stays open, as the agent's does: SQLite then leaves the
	// log for the last one to close, so only the window process's own
	// checkpoint on quit empties it.
	other, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	d.focus(id)
	d.key("ctrl+q")
	if err := win.waitExit(t, 15*time.Second); err != nil {
		t.Errorf("quit: %v; stderr:\n%s", err, win.stderr)
	}
	if strings.Contains(strings.ToLower(win.stderr.String()), "locked") {
		t.Errorf("the window process met a locked database:\n%s", win.stderr)
	}
	if n := walSize(t, db); n > 0 {
		t.Errorf("a clean quit left %d bytes of write-ahead log", n)
	}
}
