package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
	"matchday/app/ui"
	"matchday/data"
)

// runWeek prints the matchweek review, or opens its window.
//
// The rule: a bare `matchday week` run without a terminal (a desktop hotkey,
// a launcher: neither stdin nor stdout is a terminal) opens the review
// window, in the running app if there is one, like `matchday evening`.
// Everything else prints: in a terminal the review as text, and with any
// flag (--json, --text, --week) always, so scripts and cron jobs get output
// and never a window.
func (c *cli) runWeek(args []string) error {
	fs := flags("week")
	asJSON := fs.Bool("json", false, "")
	asText := fs.Bool("text", false, "")
	weekText := fs.String("week", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "week"})
	}
	if *asJSON && *asText {
		return usagef("cli.error.jsonOrText")
	}
	if len(args) == 0 && (c.env.Terminal == nil || !c.env.Terminal()) {
		return c.openWindow(ui.WindowWeek)
	}
	var day data.Day
	if *weekText != "" {
		d, err := data.ParseDay(*weekText)
		if err != nil {
			return usageError{err.Error()}
		}
		day = d
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if day.IsZero() {
		if day, err = s.ReviewWeek(ctx); err != nil {
			return err
		}
	}
	v, err := s.WeekReview(ctx, day)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	c.printWeek(v)
	return nil
}

// printWeek writes the review as text, one thing a line.
func (c *cli) printWeek(v data.WeekReview) {
	out := c.env.Stdout
	fmt.Fprintln(out, text.MatchweekTitle(v.Week))
	line := text.Plural("cli.week.wins", v.Wins)
	if best := text.BestDayLine(v.BestDay); best != "" {
		line += " · " + best
	}
	fmt.Fprintln(out, line)
	for _, d := range v.Days {
		if len(d.Wins) > 0 {
			l := "  " + text.WeekWinsLine(d)
			if d.OffSeason {
				l += " (" + lang.L("cli.week.offSeason") + ")"
			}
			fmt.Fprintln(out, l)
		}
	}
	if len(v.ReturningClients) > 0 {
		fmt.Fprintln(out, lang.L("cli.week.clients"))
		for _, cl := range v.ReturningClients {
			fmt.Fprintln(out, "  "+text.ReturningClientLine(cl))
		}
	}
	fmt.Fprintln(out, lang.L("cli.week.follow", map[string]any{"Text": text.FollowThroughText(v.FollowThrough)}))
	if len(v.RepeatHow) > 0 {
		fmt.Fprintln(out, lang.L("cli.week.repeatHow"))
		for _, r := range v.RepeatHow {
			fmt.Fprintln(out, "  "+text.WeekdayName(r.Day.Weekday())+": "+text.OneLine(r.Text))
		}
	}
	if v.PreviousTheme != "" {
		fmt.Fprintln(out, lang.L("cli.week.previousTheme", map[string]any{"Theme": text.OneLine(v.PreviousTheme)}))
	}
	switch {
	case v.Reviewed && v.MadeUp:
		fmt.Fprintln(out, lang.L("cli.week.themeMadeUp", map[string]any{"Theme": text.OneLine(v.Theme)}))
	case v.Reviewed:
		fmt.Fprintln(out, lang.L("cli.week.theme", map[string]any{"Theme": text.OneLine(v.Theme)}))
	default:
		fmt.Fprintln(out, lang.L("cli.week.notReviewed"))
	}
}

// runOffSeason adds, lists and removes off-season ranges.
func (c *cli) runOffSeason(args []string) error {
	if len(args) == 0 {
		return usagef("cli.error.offseasonVerb")
	}
	switch verb, rest := args[0], args[1:]; verb {
	case "add":
		return c.runOffSeasonAdd(rest)
	case "list":
		return c.runOffSeasonList(rest)
	case "remove":
		return c.runOffSeasonRemove(rest)
	}
	return usagef("cli.error.offseasonVerb")
}

// parseDayArg reads a day given on the command line; a bad one is a usage
// error.
func parseDayArg(s string) (data.Day, error) {
	d, err := data.ParseDay(s)
	if err != nil {
		return data.Day{}, usageError{err.Error()}
	}
	return d, nil
}

func (c *cli) runOffSeasonAdd(args []string) error {
	if len(args) < 2 {
		return usagef("cli.error.offseasonAdd")
	}
	from, err := parseDayArg(args[0])
	if err != nil {
		return err
	}
	to, err := parseDayArg(args[1])
	if err != nil {
		return err
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	o, err := s.AddOffSeason(context.Background(), from, to, strings.Join(args[2:], " "))
	if errors.Is(err, data.ErrOffSeasonInverted) {
		return usageError{text.UserMessage(err)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, lang.L("cli.offseason.added", map[string]any{"Line": text.OffSeasonLine(o)}))
	return nil
}

func (c *cli) runOffSeasonList(args []string) error {
	fs := flags("offseason list")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "offseason list"})
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	list, err := s.OffSeasons(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.env.Stdout, lang.L("cli.offseason.none"))
	}
	for _, o := range list {
		fmt.Fprintln(c.env.Stdout, o.From.String()+"  "+text.OffSeasonLine(o))
	}
	return nil
}

func (c *cli) runOffSeasonRemove(args []string) error {
	if len(args) != 1 {
		return usagef("cli.error.offseasonRemove")
	}
	from, err := parseDayArg(args[0])
	if err != nil {
		return err
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	o, err := s.RemoveOffSeason(context.Background(), from)
	if errors.Is(err, data.ErrNotFound) {
		return text.Message{Text: lang.L("cli.offseason.notFound", map[string]any{"Day": from.String()})}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, lang.L("cli.offseason.removed", map[string]any{"Line": text.OffSeasonLine(o)}))
	return nil
}
