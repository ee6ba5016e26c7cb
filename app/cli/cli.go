package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/app/agent"
	"matchday/app/desktop"
	"matchday/app/desktop/locale"
	"matchday/app/text"
	"matchday/app/ui"
	"matchday/app/version"
	"matchday/data"
)

// command is one of the command line's verbs.
type command struct {
	usage string // the arguments after the verb, for the usage text
	// run does the work; a usageError makes the exit code 2.
	run func(c *cli, args []string) error
}

// commands is the command line's contract (DESIGN.md); scripts and tests
// rely on its verbs, flags, output and exit codes.
var commands = map[string]command{
	"win":     {"[--day YYYY-MM-DD] TEXT…", (*cli).runWin},
	"today":   {"[--json]", (*cli).runToday},
	"stats":   {"[--json]", (*cli).runStats},
	"clients": {"[--json] [--sort last|total|climb]", (*cli).runClients},
	"client":  {"NAME [--json]", (*cli).runClient},
	"demo":    {"[--years N] [--lang de|en]", (*cli).runDemo},
	"version": {"", (*cli).runVersion},
	"agent":   {"[--login]", (*cli).runAgent},
	"export":  {"--format md|csv|json [-o FILE]", (*cli).runExport},
	"import":  {"FILE", (*cli).runImport},
	"backup":  {"[-o FILE]", (*cli).runBackup},
	"sync":    {"[--folder DIR] [--encryption on|off]", (*cli).runSync},
	// week prints in a terminal and opens the review window without one
	// (see runWeek).
	"week":      {"[--json | --text] [--week YYYY-MM-DD]", (*cli).runWeek},
	"offseason": {"add FROM TO [NOTE…] | list [--json] | remove FROM", (*cli).runOffSeason},
	"check":     {"[--repair]", (*cli).runCheck},
}

// cli is one run of the command line.
type cli struct {
	env     Env
	dbPath  string
	noAgent bool
	now     func() time.Time
	store   *data.Store
}

// usageError is a mistake in the command line itself: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(key string, data ...any) error {
	return usageError{lang.L(key, data...)}
}

// Main runs the command line with args (without the program name) and returns
// the exit code: 0 ok, 1 runtime error, 2 usage error. Errors go to stderr in
// one line.
func Main(args []string, env Env) int {
	text.Load("system")
	c := &cli{env: env}
	err := c.run(args)
	if c.store != nil {
		if cerr := c.store.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}
	if err == nil {
		return 0
	}
	var ue usageError
	msg := text.UserMessage(err)
	if errors.As(err, &ue) {
		msg = ue.msg
	}
	fmt.Fprintln(env.Stderr, "matchday: "+text.OneLine(msg))
	if errors.As(err, &ue) {
		fmt.Fprintln(env.Stderr, lang.L("cli.usage.hint"))
		return 2
	}
	return 1
}

func (c *cli) run(args []string) error {
	fs := flag.NewFlagSet("matchday", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.dbPath, "db", "", "")
	fs.BoolVar(&c.noAgent, "no-agent", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c.runHelp(nil)
		}
		return flagError("matchday", err)
	}
	if c.dbPath == "" {
		c.dbPath = c.env.Getenv("MATCHDAY_DB")
	}
	if c.env.Getenv("MATCHDAY_NO_AGENT") == "1" {
		c.noAgent = true
	}
	now, err := Clock(c.env.Getenv)
	if err != nil {
		return usagef("cli.error.now", map[string]any{"Value": c.env.Getenv("MATCHDAY_NOW")})
	}
	c.now = now
	rest := fs.Args()
	if len(rest) == 0 {
		return c.openWindow(ui.WindowMain)
	}
	name, args := rest[0], rest[1:]
	if name == "help" {
		return c.runHelp(args)
	}
	cmd, ok := commands[name]
	if !ok {
		if w, ok := windowCommands[name]; ok {
			if len(args) > 0 {
				return usagef("cli.error.extraArgs", map[string]any{"Command": name})
			}
			return c.openWindow(w)
		}
		return usagef("cli.error.unknownCommand", map[string]any{"Command": name})
	}
	return cmd.run(c, args)
}

// windowCommands open a window instead of printing: in the running app,
// through the agent, or in this process with --no-agent.
var windowCommands = map[string]string{
	"capture":  ui.WindowCapture,
	"evening":  ui.WindowEvening,
	"morning":  ui.WindowMorning,
	"overview": ui.WindowOverview,
	"settings": ui.WindowSettings,
}

// cliWriteWait is how long a verb's save waits for the write lock.
const cliWriteWait = 30 * time.Second

// openStore opens the journal named by --db, MATCHDAY_DB or the default
// path, once per command.
func (c *cli) openStore() (*data.Store, error) {
	if c.store != nil {
		return c.store, nil
	}
	// A verb waits longer for the write lock than a window does: many
	// scripted `win`s at once all get their turn.
	s, err := c.open(data.WithWriteWait(cliWriteWait))
	if err != nil {
		return nil, err
	}
	c.store = s
	return s, nil
}

// openForReading opens the journal for a verb that only reads (today,
// stats, export), once per command: it creates and changes no file, and a
// journal that does not exist yet, or an empty file, reads as an empty
// journal (data.OpenReadOnly).
func (c *cli) openForReading() (*data.Store, error) {
	if c.store != nil {
		return c.store, nil
	}
	path, err := c.journalPath()
	if err != nil {
		return nil, err
	}
	s, err := data.OpenReadOnly(path, data.WithClock(c.now))
	if err != nil {
		return nil, err
	}
	loadStoredLanguage(s)
	c.store = s
	return s, nil
}

// open opens the journal with opts added and loads the language stored in
// it; the caller closes it.
func (c *cli) open(opts ...data.Option) (*data.Store, error) {
	path, err := c.journalPath()
	if err != nil {
		return nil, err
	}
	s, err := data.Open(path, append([]data.Option{data.WithClock(c.now)}, opts...)...)
	if err != nil {
		return nil, err
	}
	loadStoredLanguage(s)
	return s, nil
}

// loadStoredLanguage speaks the language chosen in the journal's settings.
func loadStoredLanguage(s *data.Store) {
	if set, err := s.Settings(context.Background()); err == nil && set.Language != "system" {
		text.Load(set.Language)
	}
}

// journalPath is the journal named by --db, MATCHDAY_DB or the default path.
func (c *cli) journalPath() (string, error) {
	if c.dbPath != "" {
		return c.dbPath, nil
	}
	return desktop.DefaultDBPath(c.env.Getenv)
}

// flags returns a flag set for a verb that reports its own errors as usage
// errors.
func flags(verb string) *flag.FlagSet {
	fs := flag.NewFlagSet(verb, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return flagError(fs.Name(), err)
	}
	return nil
}

// flagError says in the user's language what is wrong with an option the
// flag package refused; its own words are quoted for anything else.
func flagError(verb string, err error) error {
	msg := err.Error()
	for prefix, key := range map[string]string{
		"flag provided but not defined: ": "cli.error.unknownFlag",
		"flag needs an argument: ":        "cli.error.flagArgument",
	} {
		if name, ok := strings.CutPrefix(msg, prefix); ok {
			return usagef(key, map[string]any{"Command": verb, "Flag": name})
		}
	}
	if strings.HasPrefix(msg, "invalid value ") || strings.HasPrefix(msg, "invalid boolean value ") {
		return usagef("cli.error.flagValue", map[string]any{"Command": verb, "Detail": msg})
	}
	return usagef("cli.error.flag", map[string]any{"Command": verb, "Detail": msg})
}

func (c *cli) runWin(args []string) error {
	fs := flags("win")
	dayText := fs.String("day", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		return usagef("cli.error.winText")
	}
	var day data.Day
	if *dayText != "" {
		d, err := data.ParseDay(*dayText)
		if err != nil {
			return usagef("cli.error.badDay", map[string]any{"Day": *dayText})
		}
		day = d
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	ctx := context.Background()
	w, err := s.AddWin(ctx, day, data.NewWin{Text: text})
	if errors.Is(err, data.ErrFutureDay) {
		// A day after today is a mistake in the command, like a bad day.
		today, _ := s.Today(ctx)
		return usagef("cli.error.futureDay", map[string]any{"Day": day.String(), "Today": today.String()})
	}
	if err != nil {
		return err
	}
	counts, err := s.WinCounts(ctx, w.Day)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, counts.Today)
	askAgentToSync(s)
	return nil
}

// askAgentToSync asks a running agent for a sync pass after a change from
// the command line; without an agent (or a sync folder) nothing happens,
// and the next pass takes the change.
func askAgentToSync(s *data.Store) {
	if folder, err := s.SyncFolder(context.Background()); err != nil || folder == "" {
		return
	}
	if db, err := filepath.Abs(s.Path()); err == nil {
		_, _ = agent.Send(db, "sync")
	}
}

// todayJSON is the stable shape of `matchday today --json` (see README).
type todayJSON struct {
	Day        data.Day      `json:"day"`
	Focus      string        `json:"focus"`
	Celebrated bool          `json:"celebrated"`
	Counts     data.Counts   `json:"counts"`
	Wins       []data.Win    `json:"wins"`
	Morning    *data.Morning `json:"morning"`
	Evening    *data.Evening `json:"evening"`
}

func (c *cli) runToday(args []string) error {
	fs := flags("today")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "today"})
	}
	s, err := c.openForReading()
	if err != nil {
		return err
	}
	ctx := context.Background()
	day, err := s.Today(ctx)
	if err != nil {
		return err
	}
	v, err := s.DayView(ctx, day)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(todayJSON{Day: v.Day, Focus: v.Focus(), Celebrated: v.Celebrated(), Counts: v.Counts, Wins: v.Wins, Morning: v.Morning, Evening: v.Evening})
	}
	c.printToday(v)
	return nil
}

func (c *cli) printToday(v data.TodayView) {
	out := c.env.Stdout
	loc := c.now().Location()
	fmt.Fprintln(out, lang.L("cli.today.day", map[string]any{"Day": v.Day.String(), "Weekday": text.WeekdayName(v.Day.Weekday())}))
	if f := v.Focus(); f != "" {
		fmt.Fprintln(out, lang.L("cli.today.focus", map[string]any{"Focus": f}))
	} else {
		fmt.Fprintln(out, lang.L("cli.today.noFocus"))
	}
	fmt.Fprintln(out, lang.L("cli.today.counts", map[string]any{"Today": v.Counts.Today, "Week": v.Counts.Week, "Season": v.Counts.Season, "Career": v.Counts.Career}))
	for _, w := range v.Wins {
		fmt.Fprintf(out, "  %s  %s\n", w.CreatedAt.In(loc).Format("15:04"), w.Text)
	}
	if v.Celebrated() {
		fmt.Fprintln(out, lang.L("cli.today.celebrated"))
	} else {
		fmt.Fprintln(out, lang.L("cli.today.notCelebrated"))
	}
}

func (c *cli) runDemo(args []string) error {
	fs := flags("demo")
	years := fs.Int("years", 2, "")
	language := fs.String("lang", "", "")
	seed := fs.Uint64("seed", 0, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *years < 1 || *years > 50 {
		return usagef("cli.error.demoYears")
	}
	if *language == "" {
		*language = locale.Language()
	}
	if *language != "de" && *language != "en" {
		return usagef("cli.error.demoLang")
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	counts, err := s.Demo(context.Background(), *years, *language, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, lang.L("cli.demo.done", map[string]any{"Career": counts.Career, "Years": *years, "Path": s.Path()}))
	return nil
}

func (c *cli) runVersion(args []string) error {
	fmt.Fprintf(c.env.Stdout, "Matchday %s\n", version.Version)
	return nil
}

func (c *cli) runHelp(args []string) error {
	out := c.env.Stdout
	fmt.Fprintln(out, lang.L("cli.usage.title"))
	fmt.Fprintln(out)
	fmt.Fprintln(out, "  matchday [--db PATH]")
	names := make([]string, 0, len(commands)+len(windowCommands))
	for n := range commands {
		names = append(names, n)
	}
	for n := range windowCommands {
		names = append(names, n)
	}
	names = append(names, "help")
	sort.Strings(names)
	for _, n := range names {
		usage := ""
		if cmd, ok := commands[n]; ok {
			usage = cmd.usage
		}
		fmt.Fprintln(out, strings.TrimRight("  matchday [--db PATH] "+n+" "+usage, " "))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, lang.L("cli.usage.env"))
	return nil
}
