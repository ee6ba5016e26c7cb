package data

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"time"
)

// Overview is everything the streak overview and `matchday stats` show: the
// win counter, the four streaks, one season's days for the heatmap, the last
// twelve weeks, the focus follow-through and the season's summary.
type Overview struct {
	Today   Day     `json:"today"`
	Counts  Counts  `json:"counts"`
	Streaks Streaks `json:"streaks"`
	// RestDays are the weekdays the streaks skip.
	RestDays Weekdays `json:"-"`
	// Currency is the journal's, for Season.Clients' amounts.
	Currency Currency `json:"-"`
	// OffSeasons are the off-season ranges, oldest first; the streaks skip
	// their days, and Days marks them (DaySummary.OffSeason).
	OffSeasons []OffSeason `json:"-"`
	// Year is the season the heatmap, Season and SeasonFollowThrough are for.
	Year int `json:"year"`
	// Years are the seasons that can be shown, oldest first: from the first
	// entry to today's season.
	Years []int `json:"years"`
	// Days holds every day of Year, 1 January to 31 December, days without
	// entries included (with zero wins), so Days[i] is day i+1 of the year.
	Days []DaySummary `json:"-"`
	// Weeks are the wins of the last twelve weeks (Monday to Sunday),
	// oldest first; the last one is this week.
	Weeks               []WeekWins    `json:"weeks"`
	Last30FollowThrough FollowThrough `json:"-"`
	SeasonFollowThrough FollowThrough `json:"-"`
	Season              SeasonSummary `json:"season"`
}

// WeekWins is the number of wins in the week starting on Start (a Monday).
type WeekWins struct {
	Start Day `json:"start"`
	Wins  int `json:"wins"`
}

// MonthWins is the number of wins in one month.
type MonthWins struct {
	Year  int        `json:"year"`
	Month time.Month `json:"month"`
	Wins  int        `json:"wins"`
}

// FollowThrough is how the evening check answered "Did you train it?" on
// the trained days of a stretch. An open today is left out: its check is
// still to come.
type FollowThrough struct {
	TrainedDays int `json:"trained_days"`
	Yes         int `json:"yes"`
	Partly      int `json:"partly"`
	No          int `json:"no"`
	Unanswered  int `json:"unanswered"`
}

// Percent returns n as a whole percentage of the trained days (0 when there
// are none).
func (f FollowThrough) Percent(n int) int {
	if f.TrainedDays == 0 {
		return 0
	}
	return (n*100 + f.TrainedDays/2) / f.TrainedDays
}

func (f *FollowThrough) add(d DaySummary) {
	if !d.Trained {
		return
	}
	f.TrainedDays++
	switch d.FocusResult {
	case FocusYes:
		f.Yes++
	case FocusPartly:
		f.Partly++
	case FocusNo:
		f.No++
	default:
		f.Unanswered++
	}
}

// SeasonSummary sums up one season (calendar year). BestWeek and BestMonth
// are nil when the season has no wins; a week that spans New Year counts
// only its days in the season, and ties go to the earlier week or month.
type SeasonSummary struct {
	Year           int        `json:"year"`
	Wins           int        `json:"wins"`
	WinDays        int        `json:"win_days"`
	DaysCelebrated int        `json:"days_celebrated"`
	DaysMadeUp     int        `json:"days_made_up"`
	DaysTrained    int        `json:"days_trained"`
	BestWeek       *WeekWins  `json:"best_week"`
	BestMonth      *MonthWins `json:"best_month"`
	// Clients sums up the season's clients; Overview fills it in (it needs
	// the wins themselves, which BuildOverview does not see).
	Clients SeasonClients `json:"clients"`
}

// OverviewWeeks is how many weeks the bar chart shows.
const OverviewWeeks = 12

// Overview loads the overview with the heatmap and summary for season year
// (today's season when year is 0, the nearest season with data when out of
// range). It reads the settings, the off-season ranges and every day's
// summary (DaySummaries: one statement of four subqueries) and computes the
// rest in memory, and the season's clients (SeasonClients: the season's wins).
func (s *Store) Overview(ctx context.Context, year int) (Overview, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return Overview{}, err
	}
	history, err := s.DaySummaries(ctx)
	if err != nil {
		return Overview{}, err
	}
	off, err := s.OffSeasons(ctx)
	if err != nil {
		return Overview{}, err
	}
	today := DayOf(s.now(), set.DayStartHour)
	o := BuildOverview(history, today, year, set.RestDays, off...)
	o.Currency = set.Currency
	if o.Season.Clients, err = s.SeasonClients(ctx, o.Year); err != nil {
		return Overview{}, err
	}
	return o, nil
}

// OffSeasonOn returns the off-season range that holds d, if any, for the
// day details.
func (o Overview) OffSeasonOn(d Day) (OffSeason, bool) {
	for _, r := range o.OffSeasons {
		if r.DeletedAt == nil && r.Contains(d) {
			return r, true
		}
	}
	return OffSeason{}, false
}

// DaySummaries returns a summary of every day with an entry, in order: wins
// (deleted ones left out), whether a morning focus was set, and whether and
// how the evening was saved.
//
// It is one statement of four subqueries, the first three each a scan of a
// covering index (migrations 1 and 3), the fourth of the saved weekly reviews
// (a few dozen rows a year, marked on their weeks' Mondays), and each folds
// its rows into one list with group_concat:
// ten years are some 10,000 rows, and fetching them row by row through cgo
// costs more than SQLite's work. The lists come in index order, which is day
// order; listItems sorts them only if SQLite ever chose otherwise (an ORDER
// BY inside group_concat would sort every time).
func (s *Store) DaySummaries(ctx context.Context) ([]DaySummary, error) {
	var wins, trained, evenings, reviews []byte
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT group_concat(day || n, ',')
			FROM (SELECT day, count(*) AS n FROM wins WHERE deleted_at IS NULL GROUP BY day)),
		(SELECT group_concat(day, ',') FROM mornings WHERE set_at IS NOT NULL AND deleted_at IS NULL),
		(SELECT group_concat(day || (celebrated_at IS NOT NULL) || (made_up <> 0) || coalesce(focus_result, ''), ',')
			FROM evenings WHERE deleted_at IS NULL),
		(SELECT group_concat(week || (made_up <> 0), ',')
			FROM reviews WHERE deleted_at IS NULL AND reviewed_at IS NOT NULL)`).Scan(&wins, &trained, &evenings, &reviews)
	if err != nil {
		return nil, fmt.Errorf("data: overview: %w", err)
	}
	w, err := listItems(wins)
	if err != nil {
		return nil, err
	}
	m, err := listItems(trained)
	if err != nil {
		return nil, err
	}
	e, err := listItems(evenings)
	if err != nil {
		return nil, err
	}
	r, err := listItems(reviews)
	if err != nil {
		return nil, err
	}
	// Merge the four ordered lists.
	out := make([]DaySummary, 0, max(len(w), len(m), len(e)))
	for len(w) > 0 || len(m) > 0 || len(e) > 0 || len(r) > 0 {
		var next Day
		for _, list := range [][]listItem{w, m, e, r} {
			if len(list) > 0 && (next.IsZero() || list[0].day.Before(next)) {
				next = list[0].day
			}
		}
		sum := DaySummary{Day: next}
		if len(w) > 0 && w[0].day == next {
			n, ok := digits(w[0].rest)
			if !ok {
				return nil, fmt.Errorf("data: overview: bad win count %q", w[0].rest)
			}
			sum.Wins, w = n, w[1:]
		}
		if len(m) > 0 && m[0].day == next {
			sum.Trained, m = true, m[1:]
		}
		if len(e) > 0 && e[0].day == next {
			rest := e[0].rest
			if len(rest) < 2 {
				return nil, fmt.Errorf("data: overview: bad evening %q", rest)
			}
			sum.Celebrated = rest[0] == '1'
			sum.MadeUp = sum.Celebrated && rest[1] == '1'
			switch string(rest[2:]) {
			case "yes":
				sum.FocusResult = FocusYes
			case "partly":
				sum.FocusResult = FocusPartly
			case "no":
				sum.FocusResult = FocusNo
			}
			e = e[1:]
		}
		if len(r) > 0 && r[0].day == next {
			sum.Reviewed, sum.ReviewMadeUp, r = true, string(r[0].rest) == "1", r[1:]
		}
		out = append(out, sum)
	}
	return out, nil
}

// listItem is one day of a group_concat list and what follows its date.
type listItem struct {
	day  Day
	rest []byte
}

// listItems splits a comma-separated list of items that start with a day;
// an empty list (NULL from group_concat) has no items.
func listItems(list []byte) ([]listItem, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make([]listItem, 0, bytes.Count(list, []byte(","))+1)
	for item := range bytes.SplitSeq(list, []byte(",")) {
		if len(item) < 10 {
			return nil, fmt.Errorf("data: overview: bad day %q", item)
		}
		d, err := parseDayBytes(item[:10])
		if err != nil {
			return nil, fmt.Errorf("data: overview: %w", err)
		}
		out = append(out, listItem{d, item[10:]})
	}
	if !slices.IsSortedFunc(out, compareItems) {
		slices.SortStableFunc(out, compareItems)
	}
	return out, nil
}

func compareItems(a, b listItem) int { return a.day.t.Compare(b.day.t) }

// parseDayBytes reads YYYY-MM-DD without time.Parse, which is most of the
// cost of reading ten years of days.
func parseDayBytes(b []byte) (Day, error) {
	if len(b) == 10 && b[4] == '-' && b[7] == '-' {
		y, ok1 := digits(b[0:4])
		m, ok2 := digits(b[5:7])
		d, ok3 := digits(b[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 {
			day := NewDay(y, time.Month(m), d)
			if day.DayOfMonth() == d {
				return day, nil
			}
		}
	}
	return ParseDay(string(b))
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// BuildOverview computes the overview from every day's summary (in order),
// today, the season to show (0 for today's), the rest weekdays and the
// off-season ranges. It is pure, so tests can feed it any history.
func BuildOverview(history []DaySummary, today Day, year int, rest Weekdays, off ...OffSeason) Overview {
	o := Overview{Today: today, RestDays: rest, Streaks: ComputeStreaks(history, today, rest, off...)}
	for _, r := range off {
		if r.DeletedAt == nil {
			o.OffSeasons = append(o.OffSeasons, r)
		}
	}
	slices.SortFunc(o.OffSeasons, func(a, b OffSeason) int { return a.From.t.Compare(b.From.t) })

	first := today.Year()
	if len(history) > 0 && history[0].Day.Year() < first {
		first = history[0].Day.Year()
	}
	for y := first; y <= today.Year(); y++ {
		o.Years = append(o.Years, y)
	}
	switch {
	case year == 0 || year > today.Year():
		year = today.Year()
	case year < first:
		year = first
	}
	o.Year = year

	// Counter, as WinCounts counts it.
	weekStart, seasonStart := today.WeekStart(), today.SeasonStart()
	for _, d := range history {
		if d.Day.After(today) {
			break
		}
		o.Counts.Career += d.Wins
		if !d.Day.Before(seasonStart) {
			o.Counts.Season += d.Wins
		}
		if !d.Day.Before(weekStart) {
			o.Counts.Week += d.Wins
		}
		if d.Day == today {
			o.Counts.Today = d.Wins
		}
	}

	// The season's days, dense.
	jan1 := NewDay(year, time.January, 1)
	o.Days = make([]DaySummary, NewDay(year+1, time.January, 1).DaysSince(jan1))
	for i := range o.Days {
		o.Days[i].Day = jan1.AddDays(i)
	}
	from := sort.Search(len(history), func(i int) bool { return !history[i].Day.Before(jan1) })
	for _, d := range history[from:] {
		if d.Day.Year() != year {
			break
		}
		o.Days[d.Day.DaysSince(jan1)] = d
	}
	for _, r := range o.OffSeasons {
		for d := maxDay(r.From, jan1); !d.After(r.To) && d.Year() == year; d = d.AddDays(1) {
			o.Days[d.DaysSince(jan1)].OffSeason = true
		}
	}

	// The last twelve weeks.
	firstWeek := today.WeekStart().AddDays(-7 * (OverviewWeeks - 1))
	o.Weeks = make([]WeekWins, OverviewWeeks)
	for i := range o.Weeks {
		o.Weeks[i].Start = firstWeek.AddDays(7 * i)
	}
	from = sort.Search(len(history), func(i int) bool { return !history[i].Day.Before(firstWeek) })
	for _, d := range history[from:] {
		if d.Day.After(today) {
			break
		}
		o.Weeks[d.Day.DaysSince(firstWeek)/7].Wins += d.Wins
	}

	// Follow-through over the last 30 days, without an open today.
	thirty := today.AddDays(-29)
	from = sort.Search(len(history), func(i int) bool { return !history[i].Day.Before(thirty) })
	for _, d := range history[from:] {
		if d.Day.After(today) {
			break
		}
		if d.Day != today || d.FocusResult != FocusUnanswered {
			o.Last30FollowThrough.add(d)
		}
	}

	o.Season = seasonSummary(o.Days, today, &o.SeasonFollowThrough)
	return o
}

// seasonSummary sums up a season's days (up to today) and fills in its
// follow-through, leaving out an open today's.
func seasonSummary(days []DaySummary, today Day, ft *FollowThrough) SeasonSummary {
	var s SeasonSummary
	if len(days) == 0 {
		return s
	}
	s.Year = days[0].Day.Year()
	var months [12]int
	// Weeks by index from the Monday on or before 1 January.
	firstMonday := days[0].Day.WeekStart()
	var weeks [54]int
	for _, d := range days {
		if d.Day.After(today) {
			break
		}
		s.Wins += d.Wins
		if d.Wins > 0 {
			s.WinDays++
			months[d.Day.Month()-1] += d.Wins
			weeks[d.Day.DaysSince(firstMonday)/7] += d.Wins
		}
		if d.Celebrated {
			s.DaysCelebrated++
			if d.MadeUp {
				s.DaysMadeUp++
			}
		}
		if d.Trained {
			s.DaysTrained++
		}
		if d.Day != today || d.FocusResult != FocusUnanswered {
			ft.add(d)
		}
	}
	for m, wins := range months {
		if wins > 0 && (s.BestMonth == nil || wins > s.BestMonth.Wins) {
			s.BestMonth = &MonthWins{Year: s.Year, Month: time.Month(m + 1), Wins: wins}
		}
	}
	for w, wins := range weeks {
		if wins > 0 && (s.BestWeek == nil || wins > s.BestWeek.Wins) {
			s.BestWeek = &WeekWins{Start: firstMonday.AddDays(7 * w), Wins: wins}
		}
	}
	return s
}

// maxDay returns the later of two days.
func maxDay(a, b Day) Day {
	if a.After(b) {
		return a
	}
	return b
}

// Streaks computes the streaks as of today (ComputeStreaks over every day's
// summary, the rest weekdays and the off-season ranges), for the main window
// and the evening's celebration, which show the celebrated-evening streak
// without the rest of the overview.
func (s *Store) Streaks(ctx context.Context) (Streaks, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return Streaks{}, err
	}
	history, err := s.DaySummaries(ctx)
	if err != nil {
		return Streaks{}, err
	}
	off, err := s.OffSeasons(ctx)
	if err != nil {
		return Streaks{}, err
	}
	return ComputeStreaks(history, DayOf(s.now(), set.DayStartHour), set.RestDays, off...), nil
}
