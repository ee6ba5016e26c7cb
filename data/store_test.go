package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a settable clock for store tests.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func openTestStore(t *testing.T) (*Store, *testClock) {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 11, 26, 14, 0, 0, 0, mustLoc(t, "Europe/Berlin"))}
	s, err := Open(filepath.Join(t.TempDir(), "sub", "matchday.db"), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, clock
}

func TestOpenSetsPragmasOnEveryConnection(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	var conns []*sql.Conn
	for i := 0; i < 3; i++ { // three at once, so they are three pooled connections
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var mode string
		var sync, fk, busy int
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
		c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy)
		if mode != "wal" || sync != 2 || fk != 1 || busy < 1000 {
			t.Errorf("connection %d: journal_mode=%s synchronous=%d foreign_keys=%d busy_timeout=%d", i, mode, sync, fk, busy)
		}
		c.Close()
	}
	var version, appID int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("PRAGMA application_id").Scan(&appID)
	if version != SchemaVersion() || appID != ApplicationID {
		t.Errorf("user_version=%d application_id=%#x", version, appID)
	}
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	textFile := filepath.Join(dir, "notes.db")
	os.WriteFile(textFile, []byte("Meine Notizen\nkein SQLite\n"), 0o600)

	newer := filepath.Join(dir, "newer.db")
	makeRawDB(t, newer, SchemaVersion()+1, ApplicationID)
	other := filepath.Join(dir, "other.db")
	makeRawDB(t, other, 3, 0x12345678)
	short := filepath.Join(dir, "short.db")
	os.WriteFile(short, []byte("SQLite format 3\x00"), 0o600)

	tests := []struct {
		path string
		want error
	}{
		{textFile, ErrNotJournal},
		{newer, ErrNewerSchema},
		{other, ErrNotJournal},
		{short, ErrNotJournal},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			s, err := Open(tt.path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			var oe *OpenError
			if !errors.Is(err, tt.want) || !errors.As(err, &oe) || oe.Path != tt.path {
				t.Fatalf("err = %v, want %v naming the path", err, tt.want)
			}
			after, _ := os.ReadFile(tt.path)
			if !bytes.Equal(before, after) {
				t.Error("the file changed")
			}
			for _, junk := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(tt.path + junk); err == nil {
					t.Errorf("left %s behind", junk)
				}
			}
		})
	}
}

// makeRawDB writes an SQLite file with the given user_version and
// application_id, as another program or a newer Matchday would.
func makeRawDB(t *testing.T, path string, version, appID int) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"CREATE TABLE future (x)", "INSERT INTO future VALUES ('keep me')",
		"PRAGMA user_version = " + itoa(version), "PRAGMA application_id = " + itoa(appID)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestOpenCreatesFolderAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "matchday.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWin(context.Background(), Day{}, NewWin{Text: "first"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	c, _ := s.WinCounts(context.Background(), DayOf(time.Now(), 4))
	if c.Career != 1 {
		t.Errorf("career = %d after reopen", c.Career)
	}
}

func TestWinLifecycle(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	today, _ := s.Today(ctx)
	amount := Cents(80000)
	texts := []string{"Signed the 800 EUR course", "Größter Auftrag für Müller 🎉", "صفقة ناجحة مع العميل"}
	var wins []Win
	for i, text := range texts {
		clock.Set(clock.Now().Add(time.Minute))
		w, err := s.AddWin(ctx, Day{}, NewWin{Text: "  " + text + "\n", Client: "Anna", Amount: &amount, Note: "n" + itoa(i)})
		if err != nil {
			t.Fatal(err)
		}
		if w.Day != today || w.Text != text || w.Zone != "Europe/Berlin" {
			t.Fatalf("stored %+v", w)
		}
		wins = append(wins, w)
	}
	got, err := s.WinsOn(ctx, today)
	if err != nil || len(got) != 3 {
		t.Fatalf("WinsOn = %d wins, %v", len(got), err)
	}
	for i, w := range got { // newest first, text exactly as typed
		want := wins[len(wins)-1-i]
		if w.UUID != want.UUID || w.Text != want.Text || *w.Amount != amount || w.Client != "Anna" {
			t.Errorf("win %d = %+v, want %+v", i, w, want)
		}
	}

	edited, err := s.EditWin(ctx, wins[0].UUID, NewWin{Text: "Signed the 1.200 EUR course"})
	if err != nil || edited.Text != "Signed the 1.200 EUR course" || edited.Day != today || edited.Amount != nil {
		t.Fatalf("edit: %+v %v", edited, err)
	}
	if _, err := s.EditWin(ctx, wins[0].UUID, NewWin{Text: "   "}); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank edit: %v", err)
	}

	if err := s.DeleteWin(ctx, wins[1].UUID); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.WinCounts(ctx, today); c.Today != 2 {
		t.Errorf("after delete today = %d", c.Today)
	}
	tomb, _ := s.Win(ctx, wins[1].UUID)
	if tomb.DeletedAt == nil {
		t.Error("delete left no tombstone")
	}
	if err := s.DeleteWin(ctx, wins[1].UUID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if err := s.RestoreWin(ctx, wins[1].UUID); err != nil {
		t.Fatal(err)
	}
	back, _ := s.Win(ctx, wins[1].UUID)
	if back.Text != wins[1].Text || back.DeletedAt != nil || !back.CreatedAt.Equal(wins[1].CreatedAt) || *back.Amount != amount || back.Note != wins[1].Note {
		t.Errorf("restore gave %+v, want %+v", back, wins[1])
	}
	if _, err := s.EditWin(ctx, "no-such-uuid", NewWin{Text: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("edit unknown: %v", err)
	}
}

// TestDayWinsFollowWins: after a random mix of adds, deletes, restores and
// edits, the cached per-day counts equal a count of the wins themselves.
func TestDayWinsFollowWins(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	var uuids []string
	for i := 0; i < 300; i++ {
		day := NewDay(2026, 1, 1+i%17)
		switch {
		case i%5 == 3 && len(uuids) > 0:
			s.DeleteWin(ctx, uuids[i%len(uuids)])
		case i%7 == 4 && len(uuids) > 0:
			s.RestoreWin(ctx, uuids[(i*3)%len(uuids)])
		case i%11 == 5 && len(uuids) > 0:
			s.EditWin(ctx, uuids[(i*5)%len(uuids)], NewWin{Text: "edited"})
		default:
			w, err := s.AddWin(ctx, day, NewWin{Text: "win " + itoa(i)})
			if err != nil {
				t.Fatal(err)
			}
			uuids = append(uuids, w.UUID)
		}
	}
	rows, err := s.db.Query(`SELECT d.day, d.wins, (SELECT count(*) FROM wins w WHERE w.day = d.day AND w.deleted_at IS NULL)
		FROM day_wins d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var day string
		var cached, counted int
		rows.Scan(&day, &cached, &counted)
		if cached != counted {
			t.Errorf("%s: cached %d, counted %d", day, cached, counted)
		}
		n++
	}
	if n != 17 {
		t.Errorf("%d days counted, want 17", n)
	}
	var career, live int
	s.db.QueryRow(`SELECT count(*) FROM wins WHERE deleted_at IS NULL`).Scan(&live)
	c, _ := s.WinCounts(ctx, NewDay(2026, 1, 17))
	career = c.Career
	if career != live || career == 0 {
		t.Errorf("career %d, live wins %d", career, live)
	}
	if res, err := s.Check(ctx); err != nil || !res.OK() {
		t.Errorf("the full check after the mix: %+v, %v", res, err)
	}
}

func TestReleaseMemoryClosesIdleConnections(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	if _, err := s.Settings(ctx); err != nil {
		t.Fatal(err)
	}
	if idle := s.db.Stats().Idle; idle == 0 {
		t.Fatal("no idle connection after a query")
	}

	s.ReleaseMemory()

	if idle := s.db.Stats().Idle; idle != 0 {
		t.Fatalf("%d idle connections (with their page caches) kept", idle)
	}
	// The store goes on working, and keeps a connection for the next query.
	if _, err := s.Settings(ctx); err != nil {
		t.Fatal(err)
	}
	if st := s.db.Stats(); st.Idle != 1 || st.MaxIdleClosed == 0 {
		t.Fatalf("after a new query: %+v, want one idle connection", st)
	}
}

// TestSQLiteShellReadsTheJournal: the journal stays readable by the stock
// sqlite3 shell (Debian 12's is 3.40), which people use to look inside and
// which refused the whole file while one generated column nested too deeply.
func TestSQLiteShellReadsTheJournal(t *testing.T) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatalf("the sqlite3 shell is not installed (make test installs it): %v", err)
	}
	s, _ := openTestStore(t)
	ctx := context.Background()
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Größter Auftrag für Müller 🎉"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	out, err := exec.Command(shell, s.Path(), "PRAGMA journal_mode; SELECT count(*) FROM wins; SELECT folded FROM search_text; PRAGMA integrity_check;").CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 4 || lines[0] != "wal" || lines[1] != "1" || strings.TrimSpace(lines[2]) != "grosster auftrag fur muller 🎉" || lines[3] != "ok" {
		t.Errorf("sqlite3 printed %q", out)
	}

}
