package data

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// ClockTime is a time of day, HH:MM, for the reminders.
type ClockTime struct{ Hour, Minute int }

// ParseClockTime reads "07:30".
func ParseClockTime(s string) (ClockTime, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return ClockTime{}, fmt.Errorf("%q is not a time of day (want HH:MM)", s)
	}
	return ClockTime{hour, minute}, nil
}

func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// On returns the clock time on the calendar date of t, in t's location.
func (c ClockTime) On(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, c.Hour, c.Minute, 0, 0, t.Location())
}

// Weekdays is a set of weekdays (bit 1<<time.Weekday).
type Weekdays uint8

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<d) != 0 }

// With returns the set with d added or removed.
func (w Weekdays) With(d time.Weekday, on bool) Weekdays {
	if on {
		return w | 1<<d
	}
	return w &^ (1 << d)
}

var weekdayKeys = [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// String lists the days as "mon,sat".
func (w Weekdays) String() string {
	var parts []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			parts = append(parts, weekdayKeys[d])
		}
	}
	return strings.Join(parts, ",")
}

// ParseWeekdays reads "mon,sat"; "" is no day.
func ParseWeekdays(s string) (Weekdays, error) {
	var w Weekdays
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		found := false
		for d, k := range weekdayKeys {
			if p == k {
				w, found = w.With(time.Weekday(d), true), true
			}
		}
		if !found {
			return 0, fmt.Errorf("%q is not a weekday", p)
		}
	}
	return w, nil
}

// Settings are the user's choices. They live in the journal, so the command
// line, the agent, backups and exports all see them.
type Settings struct {
	MorningTime      ClockTime
	EveningTime      ClockTime
	MorningReminder  bool
	EveningReminder  bool
	OpenWithReminder bool
	DayStartHour     int
	RestDays         Weekdays
	Language         string // "system", "de" or "en"
	Theme            string // "system", "light" or "dark"
	StartHidden      bool
	StartAtLogin     bool
	// ReviewDay is the weekday of the matchweek review (default Sunday);
	// its reminder comes at the evening time when ReviewReminder is on.
	ReviewDay      time.Weekday
	ReviewReminder bool
	Currency       Currency // the currency of every amount
}

// DefaultSettings are the settings of a new journal.
func DefaultSettings() Settings {
	return Settings{
		MorningTime:      ClockTime{7, 30},
		EveningTime:      ClockTime{20, 0},
		MorningReminder:  true,
		EveningReminder:  true,
		OpenWithReminder: true,
		DayStartHour:     DefaultDayStartHour,
		Language:         "system",
		Theme:            "system",
		ReviewDay:        time.Sunday,
		ReviewReminder:   true,
		Currency:         DefaultCurrency,
	}
}

// settingField binds a settings key to a field, its text form and its parser.
type settingField struct {
	key    string
	format func(Settings) string
	parse  func(*Settings, string) error
}

func boolField(key string, f func(*Settings) *bool) settingField {
	return settingField{key,
		func(s Settings) string { return strconv.FormatBool(*f(&s)) },
		func(s *Settings, v string) error {
			b, err := strconv.ParseBool(v)
			if err == nil {
				*f(s) = b
			}
			return err
		}}
}

func clockField(key string, f func(*Settings) *ClockTime) settingField {
	return settingField{key,
		func(s Settings) string { return f(&s).String() },
		func(s *Settings, v string) error {
			c, err := ParseClockTime(v)
			if err == nil {
				*f(s) = c
			}
			return err
		}}
}

func choiceField(key string, f func(*Settings) *string, choices ...string) settingField {
	return settingField{key,
		func(s Settings) string { return *f(&s) },
		func(s *Settings, v string) error {
			for _, c := range choices {
				if v == c {
					*f(s) = v
					return nil
				}
			}
			return fmt.Errorf("%q is not one of %s", v, strings.Join(choices, ", "))
		}}
}

var settingFields = []settingField{
	clockField("morning_time", func(s *Settings) *ClockTime { return &s.MorningTime }),
	clockField("evening_time", func(s *Settings) *ClockTime { return &s.EveningTime }),
	boolField("morning_reminder", func(s *Settings) *bool { return &s.MorningReminder }),
	boolField("evening_reminder", func(s *Settings) *bool { return &s.EveningReminder }),
	boolField("open_with_reminder", func(s *Settings) *bool { return &s.OpenWithReminder }),
	{"day_start_hour",
		func(s Settings) string { return strconv.Itoa(s.DayStartHour) },
		func(s *Settings, v string) error {
			h, err := strconv.Atoi(v)
			if err != nil || h < 0 || h > MaxDayStartHour {
				return fmt.Errorf("%q is not an hour from 0 to %d", v, MaxDayStartHour)
			}
			s.DayStartHour = h
			return nil
		}},
	{"rest_days",
		func(s Settings) string { return s.RestDays.String() },
		func(s *Settings, v string) error {
			w, err := ParseWeekdays(v)
			if err == nil {
				s.RestDays = w
			}
			return err
		}},
	choiceField("language", func(s *Settings) *string { return &s.Language }, "system", "de", "en"),
	choiceField("theme", func(s *Settings) *string { return &s.Theme }, "system", "light", "dark"),
	boolField("start_hidden", func(s *Settings) *bool { return &s.StartHidden }),
	boolField("start_at_login", func(s *Settings) *bool { return &s.StartAtLogin }),
	{"currency",
		func(s Settings) string { return string(s.Currency) },
		func(s *Settings, v string) error {
			if c := Currency(v); c.Valid() {
				s.Currency = c
				return nil
			}
			return fmt.Errorf("%q is not one of EUR, USD, GBP, CHF", v)
		}},
	{"review_day",
		func(s Settings) string { return weekdayKey(s.ReviewDay) },
		func(s *Settings, v string) error {
			w, err := ParseWeekdays(v)
			if err != nil || bits.OnesCount8(uint8(w)) != 1 {
				return fmt.Errorf("%q is not one weekday (sun, mon, …, sat)", v)
			}
			s.ReviewDay = time.Weekday(bits.TrailingZeros8(uint8(w)))
			return nil
		}},
	boolField("review_reminder", func(s *Settings) *bool { return &s.ReviewReminder }),
}

// weekdayKey is how a weekday is stored: "sun", "mon", … An out-of-range
// value stores as "", which reads back as an error.
func weekdayKey(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	return weekdayKeys[d]
}

// Settings reads the settings. A value that is missing or out of range (an
// old or hand-edited journal) is replaced by its default, with a line in the
// log; it never fails the read.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(ctx, s.db)
}

func loadSettings(ctx context.Context, q queryer) (Settings, error) {
	set := DefaultSettings()
	raw, err := rawSettings(ctx, q)
	if err != nil {
		return set, fmt.Errorf("data: read settings: %w", err)
	}
	for _, f := range settingFields {
		v, ok := raw[f.key]
		if !ok {
			continue
		}
		if err := f.parse(&set, v); err != nil {
			log.Printf("matchday: setting %s: %v; using the default %q", f.key, err, f.format(DefaultSettings()))
		}
	}
	return set, nil
}

func rawSettings(ctx context.Context, q queryer) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	raw := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		raw[k] = v
	}
	return raw, rows.Err()
}

// SaveSettings writes every setting in one transaction; only values that
// changed get a new updated_at.
func (s *Store) SaveSettings(ctx context.Context, set Settings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return saveSettings(ctx, tx, set, formatTS(s.now()))
	})
	if err != nil {
		return fmt.Errorf("data: save settings: %w", err)
	}
	return nil
}

// saveSettings writes every setting in tx: the one path every settings save
// takes (Settings, the first run).
func saveSettings(ctx context.Context, tx *sql.Tx, set Settings, now string) error {
	for _, f := range settingFields {
		if err := putSetting(ctx, tx, f.key, f.format(set), now); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks every value would read back as written.
func (set Settings) Validate() error {
	var probe Settings
	for _, f := range settingFields {
		if err := f.parse(&probe, f.format(set)); err != nil {
			return fmt.Errorf("data: setting %s: %w", f.key, err)
		}
	}
	return nil
}

func putSetting(ctx context.Context, q queryer, key, value, now string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
		WHERE value <> excluded.value`, key, value, now)
	return err
}

// State returns a value the program keeps for itself on this machine (the
// agent's "last fired" days, say) under key, or "" when none is stored. It
// lives in local_state, which no export, import, restore or sync carries.
func (s *Store) State(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM local_state WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("data: read %s: %w", key, err)
	}
	return v, nil
}

// SetState stores a value the program keeps for itself on this machine.
func (s *Store) SetState(ctx context.Context, key, value string) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO local_state (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
			WHERE value <> excluded.value`, key, value, formatTS(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("data: save %s: %w", key, err)
	}
	return nil
}

// dayStartHour reads the day start hour, falling back to the default for a
// missing or bad value.
func (s *Store) dayStartHour(ctx context.Context, q queryer) (int, error) {
	return dayStartHourIn(ctx, q)
}

func dayStartHourIn(ctx context.Context, q queryer) (int, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'day_start_hour'`).Scan(&v)
	if err == sql.ErrNoRows {
		return DefaultDayStartHour, nil
	}
	if err != nil {
		return 0, fmt.Errorf("data: read day start hour: %w", err)
	}
	h, err := strconv.Atoi(v)
	if err != nil || h < 0 || h > MaxDayStartHour {
		return DefaultDayStartHour, nil
	}
	return h, nil
}
