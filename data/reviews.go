package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// MaxTheme is the longest weekly theme: it becomes the suggested focus of
// the next week's mornings, so it follows the focus's limit.
const MaxTheme = MaxFocus

// ErrFutureWeek is why a week that has not started is refused.
var ErrFutureWeek = errors.New("has not started yet")

// Review is the matchweek review of one week (Monday to Sunday, keyed by
// its Monday): the answer to "What do I train next week?", the theme. While
// ReviewedAt is nil it is only a draft; saving it sets ReviewedAt once and
// keeps it on later edits. MadeUp is set when it was first saved after its
// week had ended (on the Monday after, say): it still belongs to the week it
// reviews, as a made-up evening belongs to its day.
type Review struct {
	UUID       string     `json:"uuid"`
	Week       Day        `json:"week"`
	Theme      string     `json:"theme"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	ReviewedAt *time.Time `json:"reviewed_at"`
	MadeUp     bool       `json:"made_up"`
	DeletedAt  *time.Time `json:"deleted_at"`
}

// Reviewed reports whether the review was saved, not only drafted.
func (r Review) Reviewed() bool { return r.ReviewedAt != nil }

// reviewOffset is how many days after its week's Monday a week is reviewed
// when the review day is wd: Tuesday to Sunday fall in the week, a Monday
// review day is the Monday after it.
func reviewOffset(wd time.Weekday) int {
	if wd == time.Monday {
		return 7
	}
	return (int(wd) + 6) % 7
}

// ReviewDayOf returns the day on which the week starting on monday is
// reviewed, when reviews are written on weekday reviewDay.
func ReviewDayOf(monday Day, reviewDay time.Weekday) Day {
	return monday.WeekStart().AddDays(reviewOffset(reviewDay))
}

// ReviewWeekOn returns the Monday of the week that is up for review on
// today: the latest week whose review day (reviewDay of that week; a Monday
// review day reviews the week before) is today or earlier. With reviews on
// Sunday, that is this week on Sunday and last week from Monday to Saturday,
// so a review written on Monday morning belongs to the week it reviews.
func ReviewWeekOn(today Day, reviewDay time.Weekday) Day {
	return today.AddDays(-reviewOffset(reviewDay)).WeekStart()
}

// ReviewWeek returns the week up for review today, by the review day in the
// settings.
func (s *Store) ReviewWeek(ctx context.Context) (Day, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return Day{}, err
	}
	return ReviewWeekOn(DayOf(s.now(), set.DayStartHour), set.ReviewDay), nil
}

// Review returns the review of the week that day lies in, or ErrNotFound.
func (s *Store) Review(ctx context.Context, day Day) (Review, error) {
	week := day.WeekStart()
	r, err := reviewOf(ctx, s.db, week)
	if err != nil {
		return Review{}, fmt.Errorf("data: review of the week of %s: %w", week, err)
	}
	return r, nil
}

// SaveReviewDraft autosaves the theme typed so far for the week that day
// lies in; it may be empty, unless the review was already saved.
func (s *Store) SaveReviewDraft(ctx context.Context, day Day, theme string) (Review, error) {
	return s.saveReview(ctx, day.WeekStart(), theme, false)
}

// SaveReview saves the review of the week that day lies in, with its theme
// (not empty); the week counts for the weekly-review streak and its theme
// becomes the suggested focus of the next week's mornings. A review saved
// after its week ended is marked MadeUp. A week that has not started is
// refused with ErrFutureWeek.
func (s *Store) SaveReview(ctx context.Context, day Day, theme string) (Review, error) {
	return s.saveReview(ctx, day.WeekStart(), theme, true)
}

func (s *Store) saveReview(ctx context.Context, week Day, theme string, save bool) (Review, error) {
	// A theme an import merged from two is held to MaxTheme part by part.
	theme, err := cleanMergeable("theme", theme, MaxTheme)
	if err != nil {
		return Review{}, err
	}
	if err := checkDay(week); err != nil {
		return Review{}, fmt.Errorf("data: save review: %w", err)
	}
	var r Review
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		h, err := s.dayStartHour(ctx, tx)
		if err != nil {
			return err
		}
		today := DayOf(s.now(), h)
		if week.After(today) {
			return fmt.Errorf("the week of %s %w", week, ErrFutureWeek)
		}
		old, err := reviewOf(ctx, tx, week)
		if err != nil && !isNotFound(err) {
			return err
		}
		if theme == "" && (save || old.Reviewed()) {
			return &TextError{Field: "theme", Err: ErrEmpty}
		}
		now := s.now().UTC()
		r = old
		if err != nil {
			r = Review{UUID: newUUID(), Week: week, CreatedAt: now}
		}
		r.Theme, r.UpdatedAt = theme, now
		if save && r.ReviewedAt == nil {
			r.ReviewedAt = &now
			r.MadeUp = today.After(week.AddDays(6))
		}
		return upsertReview(ctx, tx, r)
	})
	if err != nil {
		return Review{}, fmt.Errorf("data: save review of the week of %s: %w", week, err)
	}
	return r, nil
}

// WeekTheme returns the saved review whose theme holds on day: the review of
// the week before day's week. Its theme is the suggested focus of every
// morning of day's week, and the main window shows it. ErrNotFound when
// that week has no saved review (a draft does not count).
func (s *Store) WeekTheme(ctx context.Context, day Day) (Review, error) {
	week := day.WeekStart().AddDays(-7)
	r, err := reviewOf(ctx, s.db, week)
	if err == nil && !r.Reviewed() {
		err = ErrNotFound
	}
	if err != nil {
		return Review{}, fmt.Errorf("data: theme for %s: %w", day, err)
	}
	return r, nil
}

const reviewColumns = `uuid, week, theme, created_at, updated_at, reviewed_at, made_up, deleted_at`

// upsertReviewSQL writes every column of a review, by its UUID.
const upsertReviewSQL = `INSERT INTO reviews (` + reviewColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uuid) DO UPDATE SET week = excluded.week, theme = excluded.theme, created_at = excluded.created_at,
			updated_at = excluded.updated_at, reviewed_at = excluded.reviewed_at, made_up = excluded.made_up,
			deleted_at = excluded.deleted_at`

func reviewArgs(r Review) []any {
	return []any{r.UUID, r.Week.String(), r.Theme, formatTS(r.CreatedAt), formatTS(r.UpdatedAt), formatTSPtr(r.ReviewedAt),
		r.MadeUp, formatTSPtr(r.DeletedAt)}
}

func upsertReview(ctx context.Context, q queryer, r Review) error {
	_, err := q.ExecContext(ctx, upsertReviewSQL, reviewArgs(r)...)
	return err
}

// combineReviews is combineEvenings for reviews: older's theme after
// newer's, and the earlier save of the two (with its made-up mark).
func combineReviews(newer, older Review) Review {
	c := newer
	c.Theme = MergeTexts(newer.Theme, older.Theme)
	var fromNewer bool
	c.ReviewedAt, fromNewer = earlier(newer.ReviewedAt, older.ReviewedAt)
	c.MadeUp = c.ReviewedAt != nil && ((fromNewer && newer.MadeUp) || (!fromNewer && older.MadeUp))
	return c
}

// reviewOf returns the live review of the week starting on monday.
func reviewOf(ctx context.Context, q queryer, monday Day) (Review, error) {
	reviews, err := queryReviews(ctx, q, `WHERE week = ? AND deleted_at IS NULL`, monday.String())
	if err != nil {
		return Review{}, err
	}
	if len(reviews) == 0 {
		return Review{}, ErrNotFound
	}
	return reviews[0], nil
}

func queryReviews(ctx context.Context, q queryer, where string, args ...any) ([]Review, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+reviewColumns+` FROM reviews `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var (
			r                  Review
			week, created, upd string
			reviewed, deleted  *string
		)
		if err := rows.Scan(&r.UUID, &week, &r.Theme, &created, &upd, &reviewed, &r.MadeUp, &deleted); err != nil {
			return nil, err
		}
		if r.Week, err = ParseDay(week); err != nil {
			return nil, err
		}
		if r.CreatedAt, err = parseTS(created); err != nil {
			return nil, err
		}
		if r.UpdatedAt, err = parseTS(upd); err != nil {
			return nil, err
		}
		if r.ReviewedAt, err = parseTSPtr(reviewed); err != nil {
			return nil, err
		}
		if r.DeletedAt, err = parseTSPtr(deleted); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
