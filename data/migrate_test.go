package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
)

// releasedMigrations holds the sha256 of the text of every released
// migration, in order: journals out there have run them, so their text
// never changes again. When a version ships, add the hashes of the
// migrations it adds (the test below prints them when they differ).
var releasedMigrations = []string{
	"a317971992f3ae304cbae991bf029373b036e5c6205b30aae34da8501662cbec", // 1: wins, evenings, mornings, settings
	"80162190df47f4536c2d16ef5c0d10e2294e3163ef4514ecd7b11be320f50fdb", // 2: local_state
	"1522db671f0fb56fc03fe9e10fc1d0649e79b2cb44dccc48f874a98c7839b13f", // 3: tombstones for evenings and mornings (branch i14)
	"16f537cc5d8fe44abf23b900c862eeb816fb5d1c0c5a2cedfb3d78136359f09f", // 4: sync_records (branch i20)
	"04ed4d5f32b7f64057c9e8d90e683ce7a3776720af0e2e73726fcbe2c0eab05e", // 5: reviews, off_seasons, mornings.plan_when (issue 18)
	"79da82d9adaf2705b91185c42e427be68e21e94595301bfbfe836b3ce5d7dc44", // 6: win_total
	"fea96ed5c3407e1506a4466d93d7ff1b05ce339a06cb136cb4e6b463260d7d71", // 7: client_wins, clients, day_amounts (branch i16)
	"45346362aaad9ca5a270f185d8fbcc7e4ca8088e0832b955e548645507196cc8", // 8: sync_records for every kind, reviews and off-seasons sync (branch s20)
}

func TestReleasedMigrationsAreFrozen(t *testing.T) {
	if len(migrations) < len(releasedMigrations) {
		t.Fatalf("%d migrations, but %d were released: a released migration is never removed", len(migrations), len(releasedMigrations))
	}
	for i, want := range releasedMigrations {
		sum := sha256.Sum256([]byte(migrations[i]))
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("migration %d was edited (its text hashes to %s, released as %s). A released migration is never changed, "+
				"because journals already ran it: undo the edit and append a new migration to migrations instead.", i+1, got, want)
		}
	}
}

// journalAt writes a journal at schema version n, as a Matchday of that
// version left it, and runs sqls on it.
func journalAt(t *testing.T, n int, sqls ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "matchday.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < n; i++ {
		if _, err := db.Exec(migrations[i]); err != nil {
			t.Fatalf("migration %d: %v", i+1, err)
		}
	}
	sqls = append(sqls, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", n, ApplicationID))
	for _, q := range sqls {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path
}

// TestMigrationMovesStateOutOfSettings: a journal of schema 1 kept the
// program's own state as "state." keys among the settings; after the
// migration it is in local_state under the same names without the prefix,
// with its times, the settings hold only settings, and an export holds no
// state.
func TestMigrationMovesStateOutOfSettings(t *testing.T) {
	ctx := context.Background()
	path := journalAt(t, 1, `INSERT INTO settings (key, value, updated_at) VALUES
		('theme', 'dark', '2026-11-20T10:00:00.000000000Z'),
		('evening_time', '21:15', '2026-11-20T10:00:00.000000000Z'),
		('state.reminder.evening', 'local-evening-2026-11-25', '2026-11-25T19:00:00.000000000Z'),
		('state.reminder.morning', 'local-morning-2026-11-26', '2026-11-26T06:30:00.000000000Z'),
		('state.daily', 'local-daily-2026-11-26', '2026-11-26T03:00:00.000000000Z')`)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	var version int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != len(migrations) {
		t.Fatalf("user_version = %d (%v), want %d", version, err, len(migrations))
	}
	rows, err := s.db.Query(`SELECT key, value, updated_at FROM local_state ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var k, v, upd string
		if err := rows.Scan(&k, &v, &upd); err != nil {
			t.Fatal(err)
		}
		got = append(got, k+"="+v+"@"+upd)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	want := []string{
		"daily=local-daily-2026-11-26@2026-11-26T03:00:00.000000000Z",
		"reminder.evening=local-evening-2026-11-25@2026-11-25T19:00:00.000000000Z",
		"reminder.morning=local-morning-2026-11-26@2026-11-26T06:30:00.000000000Z",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("local_state = %q, want %q", got, want)
	}
	for key, want := range map[string]string{"reminder.evening": "local-evening-2026-11-25", "daily": "local-daily-2026-11-26", "never.set": ""} {
		if v, err := s.State(ctx, key); err != nil || v != want {
			t.Errorf("State(%q) = %q, %v; want %q", key, v, err, want)
		}
	}
	if n := rowCount(t, s.db, "settings"); n != 2 {
		t.Errorf("settings holds %d rows after the migration, want the 2 settings", n)
	}
	set, err := s.Settings(ctx)
	if err != nil || set.Theme != "dark" || set.EveningTime != (ClockTime{21, 15}) {
		t.Errorf("settings after the migration: %+v, %v", set, err)
	}

	var export bytes.Buffer
	if err := s.ExportJSON(ctx, &export); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(export.Bytes(), []byte("local-")) || bytes.Contains(export.Bytes(), []byte("state.")) {
		t.Errorf("the export holds the program's own state:\n%s", export.String())
	}
	var j Journal
	if err := json.Unmarshal(export.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Settings) != 2 {
		t.Errorf("the export holds %d settings, want 2: %+v", len(j.Settings), j.Settings)
	}
}

// TestStateIsLocal: State and SetState use local_state, never settings, and
// an export of a journal with state holds none of it.
func TestStateIsLocal(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	if err := s.SaveSettings(ctx, DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	settingsBefore := rowCount(t, s.db, "settings")
	for _, v := range []string{"local-first", "local-second"} {
		if err := s.SetState(ctx, "reminder.evening", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.State(ctx, "reminder.evening"); err != nil || got != v {
			t.Errorf("State = %q, %v; want %q", got, err, v)
		}
	}
	if n := rowCount(t, s.db, "local_state"); n != 1 {
		t.Errorf("local_state holds %d rows, want 1", n)
	}
	if n := rowCount(t, s.db, "settings"); n != settingsBefore {
		t.Errorf("SetState changed the settings table: %d rows, want %d", n, settingsBefore)
	}
	var export bytes.Buffer
	if err := s.ExportJSON(ctx, &export); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(export.Bytes(), []byte("local-")) || bytes.Contains(export.Bytes(), []byte("reminder.evening")) {
		t.Errorf("the export holds the program's own state:\n%s", export.String())
	}
}

// TestMigrationSyncsReviewsAndOffSeasons: a journal that synced before
// reviews and off-seasons did keeps its sync bookkeeping through migration
// 8, and the reviews and off-seasons it holds are marked to go out in its
// next pass (a journal that does not sync marks nothing).
func TestMigrationSyncsReviewsAndOffSeasons(t *testing.T) {
	records := `INSERT INTO reviews (uuid, week, theme, created_at, updated_at) VALUES
		('6f1c2b3a-0000-4000-8000-000000000001', '2026-11-23', 'Referrals', '2026-11-29T10:00:00.000000000Z', '2026-11-29T10:00:00.000000000Z');
	INSERT INTO off_seasons (uuid, from_day, to_day, note, created_at, updated_at) VALUES
		('6f1c2b3a-0000-4000-8000-000000000002', '2026-12-20', '2026-12-27', 'Holidays', '2026-11-29T10:00:00.000000000Z', '2026-11-29T10:00:00.000000000Z')`
	cases := []struct {
		name  string
		syncs bool
		want  []string
	}{
		{"a journal that syncs", true, []string{
			"off_season 2026-12-20  1",
			"review 2026-11-23  1",
			"win 6f1c2b3a-0000-4000-8000-000000000003 000001764410400000.0000.0123456789abcdef 0",
		}},
		{"a journal that does not sync", false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sqls := []string{records}
			if tc.syncs {
				sqls = append(sqls, `INSERT INTO local_state (key, value, updated_at) VALUES ('sync.folder', '/tmp/Sync', '2026-11-29T10:00:00.000000000Z');
					INSERT INTO sync_records (kind, key, hlc, pending) VALUES ('win', '6f1c2b3a-0000-4000-8000-000000000003', '000001764410400000.0000.0123456789abcdef', 0)`)
			}
			s, err := Open(journalAt(t, 7, sqls...))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			rows, err := s.db.Query(`SELECT kind, key, hlc, pending FROM sync_records ORDER BY kind, key`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var kind, key, h string
				var pending int
				if err := rows.Scan(&kind, &key, &h, &pending); err != nil {
					t.Fatal(err)
				}
				got = append(got, fmt.Sprintf("%s %s %s %d", kind, key, h, pending))
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("sync_records = %q, want %q", got, tc.want)
			}
			// The new kinds may be written now (migration 4 refused them).
			if _, err := s.db.Exec(`INSERT INTO sync_records (kind, key) VALUES ('review', '2026-11-30')`); err != nil {
				t.Errorf("a review's sync row: %v", err)
			}
		})
	}
}
