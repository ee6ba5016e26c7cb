package data

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var crashRounds = flag.Int("crash.rounds", 200, "how many times TestCrashSafety kills a writing child process")

// The child processes these tests start are the test binary itself, run
// with -test.run=^TestCrashChild$ and these variables set.
const (
	childModeEnv = "MATCHDAY_TEST_CHILD"      // "crash": write until killed; "wins": add some wins and exit
	childDBEnv   = "MATCHDAY_TEST_CHILD_DB"   // the journal
	childTagEnv  = "MATCHDAY_TEST_CHILD_TAG"  // prefix for what it writes, unique per child
	childWinsEnv = "MATCHDAY_TEST_CHILD_WINS" // how many wins in "wins" mode
)

// TestCrashChild is the writer that TestCrashSafety and TestConcurrentWriters
// start as a child process. Run directly, it writes a few records in-process
// and checks them the way the crash test does, so the writer and the
// checker are tested without any kill.
func TestCrashChild(t *testing.T) {
	if mode := os.Getenv(childModeEnv); mode != "" {
		runChild(mode)
		return
	}
	path := filepath.Join(t.TempDir(), "matchday.db")
	var out bytes.Buffer
	if err := writeRecords(path, "r00000", &out, 30); err != nil {
		t.Fatal(err)
	}
	got := parseWritten(&out)
	if len(got.wins) != 10 || len(got.evenings) != 10 || len(got.mornings) != 10 {
		t.Fatalf("wrote %d wins, %d evenings, %d mornings; want 10 each:\n%s", len(got.wins), len(got.evenings), len(got.mornings), out.String())
	}
	s := openJournal(t, path)
	if err := s.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	got.check(t, s)
}

// runChild is the child process's whole life; it exits rather than return
// to the testing framework, whose output would mix with the records.
func runChild(mode string) {
	path, tag := os.Getenv(childDBEnv), os.Getenv(childTagEnv)
	var err error
	switch mode {
	case "crash":
		err = writeRecords(path, tag, os.Stdout, -1)
	case "wins":
		n, _ := strconv.Atoi(os.Getenv(childWinsEnv))
		err = addWins(path, tag, os.Stdout, n)
	default:
		err = fmt.Errorf("unknown child mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// writeRecords logs wins and saves evening and morning drafts in turn, n
// records (or until killed when n < 0), and prints each one to out only
// after the store returned from its commit. tag makes the texts of this
// writer sort after those of earlier ones.
func writeRecords(path, tag string, out io.Writer, n int) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	first := NewDay(2026, time.November, 1)
	// Long answers span several pages, so a kill can land between the
	// writes of one commit.
	filler := strings.Repeat("Ballbesitz und Geduld. ", 400)
	fmt.Fprintln(out, "ready")
	for i := 0; n < 0 || i < n; i++ {
		text := fmt.Sprintf("%s %06d", tag, i)
		day := first.AddDays(i / 3 % 20)
		switch i % 3 {
		case 0:
			w, err := s.AddWin(ctx, Day{}, NewWin{Text: "win " + text, Note: filler[:i%7*100]})
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "win %s %s\n", w.UUID, w.Text)
		case 1:
			a := EveningAnswers{WentWell: text, RepeatHow: filler[:i%11*len(filler)/10], FocusResult: FocusPartly}
			if _, err := s.SaveEveningDraft(ctx, day, a); err != nil {
				return err
			}
			fmt.Fprintf(out, "evening %s %s\n", day, text)
		case 2:
			if _, err := s.SaveMorningDraft(ctx, day, text); err != nil {
				return err
			}
			fmt.Fprintf(out, "morning %s %s\n", day, text)
		}
	}
	return nil
}

// written is what a writer printed: every win, and per day the last
// evening and morning text whose save returned.
type written struct {
	wins     map[string]string // UUID -> text
	evenings map[Day]string
	mornings map[Day]string
	ready    bool
}

// parseWritten reads a writer's output; a last line cut off by the kill
// (no newline) was never confirmed and is ignored.
func parseWritten(r io.Reader) written {
	w := written{wins: map[string]string{}, evenings: map[Day]string{}, mornings: map[Day]string{}}
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return w
		}
		w.add(strings.TrimSuffix(line, "\n"))
	}
}

func (w *written) add(line string) {
	kind, rest, _ := strings.Cut(line, " ")
	key, text, _ := strings.Cut(rest, " ")
	switch kind {
	case "ready":
		w.ready = true
	case "win":
		w.wins[key] = text
	case "evening", "morning":
		day, err := ParseDay(key)
		if err != nil {
			return
		}
		if kind == "evening" {
			w.evenings[day] = text
		} else {
			w.mornings[day] = text
		}
	}
}

// merge adds a later writer's records to w.
func (w *written) merge(later written) {
	for k, v := range later.wins {
		w.wins[k] = v
	}
	for k, v := range later.evenings {
		w.evenings[k] = v
	}
	for k, v := range later.mornings {
		w.mornings[k] = v
	}
}

// check asserts that every confirmed record is in the journal: each win
// exactly as printed, and each day's draft at least as new as the last one
// printed (a save may have committed just before the kill, unprinted).
func (w written) check(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	for uuid, text := range w.wins {
		got, err := s.Win(ctx, uuid)
		if err != nil {
			t.Fatalf("confirmed win %s %q: %v", uuid, text, err)
		}
		if got.Text != text {
			t.Fatalf("win %s is %q, want %q", uuid, got.Text, text)
		}
	}
	for day, text := range w.evenings {
		e, err := s.Evening(ctx, day)
		if err != nil {
			t.Fatalf("confirmed evening %s %q: %v", day, text, err)
		}
		if e.WentWell < text {
			t.Fatalf("evening %s is %q, older than the confirmed %q", day, e.WentWell, text)
		}
	}
	for day, text := range w.mornings {
		m, err := s.Morning(ctx, day)
		if err != nil {
			t.Fatalf("confirmed morning %s %q: %v", day, text, err)
		}
		if m.Focus < text {
			t.Fatalf("morning %s is %q, older than the confirmed %q", day, m.Focus, text)
		}
	}
}

// childCommand returns the test binary run as a child writer.
func childCommand(mode, path, tag string, extraEnv ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childModeEnv+"="+mode, childDBEnv+"="+path, childTagEnv+"="+tag)
	cmd.Env = append(cmd.Env, extraEnv...)
	return cmd
}

// TestCrashSafety kills a writing process at random moments (after it has
// opened the journal and said "ready", a random 5–40 ms into its writes),
// then reopens the journal: it must pass SQLite's integrity_check and hold
// every record whose save had returned. SIGKILL cannot simulate a power
// loss (the kernel still writes what the process handed it), so this proves
// the transaction and WAL handling, not synchronous=FULL.
func TestCrashSafety(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d, %d rounds", seed, *crashRounds)
	rng := rand.New(rand.NewPCG(seed, seed))
	path := filepath.Join(t.TempDir(), "matchday.db")
	all := written{wins: map[string]string{}, evenings: map[Day]string{}, mornings: map[Day]string{}}
	killedWhileWriting := 0
	for round := 1; round <= *crashRounds; round++ {
		got := crashRound(t, path, fmt.Sprintf("r%05d", round), time.Duration(5+rng.IntN(36))*time.Millisecond)
		if n := len(got.wins) + len(got.evenings) + len(got.mornings); n > 0 {
			killedWhileWriting++
		}
		all.merge(got)
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after the kill: %v", round, err)
		}
		if err := s.IntegrityCheck(context.Background()); err != nil {
			s.Close()
			t.Fatalf("round %d: %v", round, err)
		}
		got.check(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	s := openJournal(t, path)
	all.check(t, s)
	t.Logf("%d confirmed wins, %d evening and %d morning days; %d of %d kills after a confirmed save",
		len(all.wins), len(all.evenings), len(all.mornings), killedWhileWriting, *crashRounds)
	if killedWhileWriting < *crashRounds/4 {
		t.Errorf("only %d of %d rounds confirmed any save before the kill; the kills miss the writes", killedWhileWriting, *crashRounds)
	}
}

// crashRound starts a writer, SIGKILLs it delay after it is ready, and
// returns what it had confirmed.
func crashRound(t *testing.T, path, tag string, delay time.Duration) written {
	t.Helper()
	cmd := childCommand("crash", path, tag)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	done := make(chan written)
	go func() {
		w := written{wins: map[string]string{}, evenings: map[Day]string{}, mornings: map[Day]string{}}
		br := bufio.NewReader(stdout)
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				break
			}
			w.add(strings.TrimSuffix(line, "\n"))
			if line == "ready\n" {
				close(ready)
			}
		}
		if !w.ready {
			close(ready)
		}
		done <- w
	}()
	<-ready
	timer := time.NewTimer(delay)
	<-timer.C
	killErr := cmd.Process.Signal(syscall.SIGKILL)
	w := <-done
	err = cmd.Wait()
	var exit *exec.ExitError
	if !w.ready || killErr != nil || !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("%s: the writer was not killed while writing (ready %v, kill %v, exit %v): %s", tag, w.ready, killErr, err, stderr.String())
	}
	return w
}

// openJournal opens a store for the test and closes it at the end.
func openJournal(t *testing.T, path string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
