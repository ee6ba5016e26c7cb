package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
	"matchday/data"
)

// statsJSON is the stable shape of `matchday stats --json` (see README):
// field names are snake_case and are only ever added to.
type statsJSON struct {
	Today         data.Day           `json:"today"`
	Counts        data.Counts        `json:"counts"`
	Streaks       data.Streaks       `json:"streaks"`
	Weeks         []data.WeekWins    `json:"weeks"`
	FollowThrough followThroughPair  `json:"follow_through"`
	Season        data.SeasonSummary `json:"season"`
}

type followThroughPair struct {
	Last30Days followThroughJSON `json:"last_30_days"`
	Season     followThroughJSON `json:"season"`
}

type followThroughJSON struct {
	data.FollowThrough
	YesPercent    int `json:"yes_percent"`
	PartlyPercent int `json:"partly_percent"`
	NoPercent     int `json:"no_percent"`
}

func newFollowThroughJSON(f data.FollowThrough) followThroughJSON {
	return followThroughJSON{f, f.Percent(f.Yes), f.Percent(f.Partly), f.Percent(f.No)}
}

// runStats prints the win counter, the four day streaks and the
// weekly-review streak, the last twelve weeks,
// the focus follow-through and this season's summary.
func (c *cli) runStats(args []string) error {
	fs := flags("stats")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "stats"})
	}
	s, err := c.openForReading()
	if err != nil {
		return err
	}
	o, err := s.Overview(context.Background(), 0)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(statsJSON{
			Today: o.Today, Counts: o.Counts, Streaks: o.Streaks, Weeks: o.Weeks,
			FollowThrough: followThroughPair{newFollowThroughJSON(o.Last30FollowThrough), newFollowThroughJSON(o.SeasonFollowThrough)},
			Season:        o.Season,
		})
	}
	out := c.env.Stdout
	fmt.Fprintln(out, lang.L("cli.today.counts", map[string]any{"Today": o.Counts.Today, "Week": o.Counts.Week, "Season": o.Counts.Season, "Career": o.Counts.Career}))
	for _, k := range text.StreakKinds {
		st := k.Streak(o.Streaks)
		line := lang.L(k.Key) + ": " + text.StreakNow(st) + " · " + text.StreakBest(st)
		if m := text.StreakMadeUp(st); m != "" {
			line += " · " + m
		}
		fmt.Fprintln(out, line)
	}
	wr := o.Streaks.WeeklyReview
	line := lang.L("overview.streak.weeklyReview") + ": " + text.WeekStreakNow(wr) + " · " + text.StreakBest(wr)
	if m := text.StreakMadeUp(wr); m != "" {
		line += " · " + m
	}
	fmt.Fprintln(out, line)
	fmt.Fprintln(out, lang.L("cli.stats.weeks", map[string]any{"Weeks": text.WeeksText(o.Weeks)}))
	fmt.Fprintln(out, lang.L("cli.stats.followLast30", map[string]any{"Text": text.FollowThroughText(o.Last30FollowThrough)}))
	fmt.Fprintln(out, lang.L("cli.stats.followSeason", map[string]any{"Year": o.Year, "Text": text.FollowThroughText(o.SeasonFollowThrough)}))
	fmt.Fprintln(out, text.SeasonLine(o.Season))
	fmt.Fprintln(out, text.SeasonClientsLine(o.Year, o.Season.Clients, o.Currency))
	return nil
}
