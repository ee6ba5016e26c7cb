package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// addWins logs n wins ("TAG win I") and prints each after its commit. A
// save that gets ErrBusy wrote nothing and is tried again, as the windows
// do; it prints "busy" each time.
func addWins(path, tag string, out io.Writer, n int) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	for i := range n {
		t0 := time.Now()
		w, err := s.AddWin(ctx, Day{}, NewWin{Text: fmt.Sprintf("%s win %d", tag, i)})
		for errors.Is(err, ErrBusy) {
			fmt.Fprintln(out, "busy")
			w, err = s.AddWin(ctx, Day{}, NewWin{Text: fmt.Sprintf("%s win %d", tag, i)})
		}
		if err != nil {
			return fmt.Errorf("after %v: %w", time.Since(t0), err)
		}
		fmt.Fprintf(out, "win %s %s\n", w.UUID, w.Text)
	}
	return nil
}

// TestConcurrentWriters has 50 goroutines on one store (the windows) and 50
// other processes (the command line) log wins into one journal at the same
// time, while another handle keeps reading: every win must be stored exactly
// once and nobody may see an error ("database is locked" least of all) but
// ErrBusy, after which nothing was stored and the save is tried again.
func TestConcurrentWriters(t *testing.T) {
	const (
		procs, goroutines = 50, 50
		winsEach          = 2
	)
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	writer := openJournal(t, path)
	reader := openJournal(t, path)
	ctx := context.Background()
	today, err := writer.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}

	stopReading := make(chan struct{})
	readErr := make(chan error, 1)
	reads := 0
	go func() {
		defer close(readErr)
		for {
			select {
			case <-stopReading:
				return
			default:
			}
			if _, err := reader.WinsOn(ctx, today); err != nil {
				readErr <- err
				return
			}
			if _, err := reader.WinCounts(ctx, today); err != nil {
				readErr <- err
				return
			}
			reads++
		}
	}()

	type result struct {
		tag    string
		out    bytes.Buffer
		stderr bytes.Buffer
		err    error
	}
	results := make([]*result, procs)
	var wg sync.WaitGroup
	for i := range procs {
		r := &result{tag: "proc" + strconv.Itoa(i)}
		results[i] = r
		cmd := childCommand("wins", path, r.tag, childWinsEnv+"="+strconv.Itoa(winsEach))
		cmd.Stdout, cmd.Stderr = &r.out, &r.stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Go(func() { r.err = cmd.Wait() })
	}
	shared := make([]*result, goroutines)
	for i := range goroutines {
		r := &result{tag: "shared" + strconv.Itoa(i)}
		shared[i] = r
		wg.Go(func() {
			for j := range winsEach {
				w, err := writer.AddWin(ctx, Day{}, NewWin{Text: fmt.Sprintf("%s win %d", r.tag, j)})
				for errors.Is(err, ErrBusy) {
					fmt.Fprintln(&r.out, "busy")
					w, err = writer.AddWin(ctx, Day{}, NewWin{Text: fmt.Sprintf("%s win %d", r.tag, j)})
				}
				if err != nil {
					r.err = err
					return
				}
				fmt.Fprintf(&r.out, "win %s %s\n", w.UUID, w.Text)
			}
		})
	}
	wg.Wait()
	close(stopReading)
	if err := <-readErr; err != nil {
		t.Errorf("reading while others write: %v", err)
	}

	want := map[string]string{} // text -> UUID
	busy := 0
	for _, r := range append(results, shared...) {
		busy += strings.Count(r.out.String(), "busy\n")
		if r.err != nil {
			t.Fatalf("%s: %v %s", r.tag, r.err, r.stderr.String())
		}
		got := parseWritten(&r.out)
		if len(got.wins) != winsEach {
			t.Fatalf("%s confirmed %d wins, want %d", r.tag, len(got.wins), winsEach)
		}
		for uuid, text := range got.wins {
			want[text] = uuid
		}
	}
	stored, err := reader.WinsOn(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, w := range stored {
		seen[w.Text]++
		if uuid, ok := want[w.Text]; !ok || uuid != w.UUID {
			t.Errorf("stored win %s %q was not confirmed by any writer", w.UUID, w.Text)
		}
	}
	for text := range want {
		if seen[text] != 1 {
			t.Errorf("win %q stored %d times, want once", text, seen[text])
		}
	}
	if len(stored) != (procs+goroutines)*winsEach {
		t.Errorf("%d wins stored, want %d", len(stored), (procs+goroutines)*winsEach)
	}
	t.Logf("%d wins from %d processes and %d goroutines; %d reads meanwhile; %d saves busy and tried again", len(stored), procs, goroutines, reads, busy)
}

// TestSaveOutlastsBusyTimeout holds the write lock from another connection
// for longer than the store's busy timeout (cut to 20 ms here; 10 s in use):
// the save must wait it out and succeed once, not fail with "database is
// locked". The lock is held for a fixed 200 ms; that span is what the test
// is about, not a wait for something to happen.
func TestSaveOutlastsBusyTimeout(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "matchday.db")
	s := openJournal(t, path)
	s.db.SetMaxOpenConns(1)
	if _, err := s.db.Exec("PRAGMA busy_timeout = 20"); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite3", dsn(path, readWrite))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	holder, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	const hold = 200 * time.Millisecond
	released := make(chan error, 1)
	start := time.Now()
	time.AfterFunc(hold, func() {
		_, err := holder.ExecContext(ctx, "COMMIT")
		released <- err
	})
	w, err := s.AddWin(ctx, Day{}, NewWin{Text: "Trotz Sperre gespeichert"})
	waited := time.Since(start)
	if err := <-released; err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatalf("AddWin while another connection wrote for %v: %v", hold, err)
	}
	if waited < hold {
		t.Errorf("AddWin returned after %v, before the lock was released after %v", waited, hold)
	}
	wins, err := s.WinsOn(ctx, w.Day)
	if err != nil || len(wins) != 1 || wins[0].UUID != w.UUID {
		t.Errorf("stored %+v, %v; want the one win", wins, err)
	}
}
