package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// JSONFormat and JSONVersion mark a JSON export. Import accepts files of this
// format up to this version; a new version is needed only when an older
// Matchday could no longer read the file correctly. Version 2 carries
// tombstones of evenings and mornings (deleted_at), which version 1 files
// do not have (they still import).
const (
	JSONFormat  = "matchday-journal"
	JSONVersion = 2
)

// Journal is everything a JSON export holds: every win, evening and morning
// (deleted and merged ones as tombstones), weekly review, off-season (removed
// ones as tombstones) and setting, with their UUIDs and times, so an import
// can merge it into another journal without duplicates. Reviews and
// off-seasons came later: a file without them imports as before.
type Journal struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exported_at"`
	// Currency is the currency of every amount_cents (also among the
	// settings when it was chosen); an import checks it and takes it as
	// information only. Exports always write it.
	Currency   Currency    `json:"currency,omitempty"`
	Wins       []Win       `json:"wins"`
	Evenings   []Evening   `json:"evenings"`
	Mornings   []Morning   `json:"mornings"`
	Reviews    []Review    `json:"reviews"`
	OffSeasons []OffSeason `json:"off_seasons"`
	Settings   []Setting   `json:"settings"`
}

// Setting is one stored setting as the JSON export holds it.
type Setting struct {
	Key       string    `json:"key"`
	Value     string    `json:"value"`
	UpdatedAt time.Time `json:"updated_at"`
}

// readSnapshot runs fn in one read transaction on a connection of its own,
// so an export sees the journal as it was at one moment even while the agent
// or a window writes. It takes no write lock. The full check runs first: an
// export of a damaged journal could miss records without a word (a query
// through a damaged index skips rows), so it is refused with the check's
// *OpenError.
func (s *Store) readSnapshot(ctx context.Context, fn func(q queryer) error) error {
	if err := s.checkSound(ctx); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	return fn(conn)
}

// loadJournal reads everything the JSON export holds, in a stable order.
func loadJournal(ctx context.Context, q queryer) (Journal, error) {
	j := Journal{Format: JSONFormat, Version: JSONVersion}
	var err error
	if j.Wins, err = queryWins(ctx, q, `ORDER BY day, created_at, uuid`); err != nil {
		return j, err
	}
	if j.Evenings, err = queryEvenings(ctx, q, `ORDER BY day, uuid`); err != nil {
		return j, err
	}
	if j.Mornings, err = queryMornings(ctx, q, `ORDER BY day, uuid`); err != nil {
		return j, err
	}
	if j.Reviews, err = queryReviews(ctx, q, `ORDER BY week, uuid`); err != nil {
		return j, err
	}
	if j.OffSeasons, err = queryOffSeasons(ctx, q, `ORDER BY from_day, uuid`); err != nil {
		return j, err
	}
	if j.Settings, err = querySettings(ctx, q); err != nil {
		return j, err
	}
	set, err := loadSettings(ctx, q)
	if err != nil {
		return j, err
	}
	j.Currency = set.Currency
	return j, nil
}

// querySettings returns the user's settings. The program's own state (when
// a reminder last fired) lives in local_state and belongs to this machine.
func querySettings(ctx context.Context, q queryer) ([]Setting, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value, updated_at FROM settings ORDER BY key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Setting{}
	for rows.Next() {
		var st Setting
		var upd string
		if err := rows.Scan(&st.Key, &st.Value, &upd); err != nil {
			return nil, err
		}
		if st.UpdatedAt, err = parseTS(upd); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// Journal returns everything a JSON export holds, read in one snapshot.
func (s *Store) Journal(ctx context.Context) (Journal, error) {
	var j Journal
	err := s.readSnapshot(ctx, func(q queryer) error {
		var err error
		j, err = loadJournal(ctx, q)
		return err
	})
	if err != nil {
		return Journal{}, fmt.Errorf("data: read the journal: %w", err)
	}
	j.ExportedAt = s.now().UTC()
	if j.Wins == nil {
		j.Wins = []Win{}
	}
	if j.Evenings == nil {
		j.Evenings = []Evening{}
	}
	if j.Mornings == nil {
		j.Mornings = []Morning{}
	}
	if j.Reviews == nil {
		j.Reviews = []Review{}
	}
	if j.OffSeasons == nil {
		j.OffSeasons = []OffSeason{}
	}
	return j, nil
}

// ExportJSON writes everything in the journal as JSON (see Journal and the
// README), UTF-8: the file's own fields one per line, then each list with
// one record per line, so the file is quick to write and read and a diff of
// two exports shows records.
func (s *Store) ExportJSON(ctx context.Context, w io.Writer) error {
	j, err := s.Journal(ctx)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeJournal(bw, j); err != nil {
		return fmt.Errorf("data: export json: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("data: export json: %w", err)
	}
	return nil
}

func writeJournal(bw *bufio.Writer, j Journal) error {
	var rec bytes.Buffer
	enc := json.NewEncoder(&rec)
	enc.SetEscapeHTML(false)
	field := func(name string, v any, comma bool) error {
		rec.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.WriteString(`  "` + name + `": `)
		bw.Write(bytes.TrimRight(rec.Bytes(), "\n"))
		if comma {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		return nil
	}
	bw.WriteString("{\n")
	if err := field("format", j.Format, true); err != nil {
		return err
	}
	if err := field("version", j.Version, true); err != nil {
		return err
	}
	if err := field("exported_at", j.ExportedAt, true); err != nil {
		return err
	}
	if err := field("currency", j.Currency, true); err != nil {
		return err
	}
	if err := writeList(bw, enc, &rec, "wins", j.Wins, true); err != nil {
		return err
	}
	if err := writeList(bw, enc, &rec, "evenings", j.Evenings, true); err != nil {
		return err
	}
	if err := writeList(bw, enc, &rec, "mornings", j.Mornings, true); err != nil {
		return err
	}
	if err := writeList(bw, enc, &rec, "reviews", j.Reviews, true); err != nil {
		return err
	}
	if err := writeList(bw, enc, &rec, "off_seasons", j.OffSeasons, true); err != nil {
		return err
	}
	if err := writeList(bw, enc, &rec, "settings", j.Settings, false); err != nil {
		return err
	}
	_, err := bw.WriteString("}\n")
	return err
}

// writeList writes a JSON list with one record per line.
func writeList[T any](bw *bufio.Writer, enc *json.Encoder, rec *bytes.Buffer, name string, list []T, comma bool) error {
	bw.WriteString(`  "` + name + `": [`)
	for i := range list {
		rec.Reset()
		if err := enc.Encode(list[i]); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimRight(rec.Bytes(), "\n"))
	}
	if len(list) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteByte(']')
	if comma {
		bw.WriteByte(',')
	}
	_, err := bw.WriteString("\n")
	return err
}

// CSVHeader is the first row of a CSV export.
var CSVHeader = []string{"day", "time", "text", "client", "amount", "note", "currency"}

// ExportCSV writes one row per win (deleted ones left out), oldest first:
// the day, the time of day the win was logged (in the zone it was logged
// in), its text, client, amount with a decimal point ("800.00", empty
// when none), note, and the currency of the amount ("EUR"; empty without an
// amount). RFC 4180: fields quoted when needed, CRLF line ends, UTF-8. A
// field's text is written as it is, so a line break or a bare CR in a win
// comes back exactly.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer) error {
	return s.exportCSV(ctx, w, csvStyle{sep: ',', decimal: '.', header: CSVHeader})
}

// SheetConventions say how a spreadsheet in one locale opens a CSV file in
// columns: LibreOffice and Excel split at the locale's list separator and
// read numbers with its decimal mark.
type SheetConventions struct {
	// Separator is ',' or ';' (where the decimal mark is a comma).
	Separator rune
	// DecimalComma writes amounts as 1200,50 rather than 1200.50.
	DecimalComma bool
	// Header names the columns in the user's language; nil writes CSVHeader.
	Header []string
}

// SheetConventionsFor returns the conventions of a spreadsheet used in
// language ("de", "en", …): German ones split at ';' and write a decimal
// comma, the others split at ',' and write a decimal point.
func SheetConventionsFor(language string) SheetConventions {
	if language == "de" {
		return SheetConventions{Separator: ';', DecimalComma: true}
	}
	return SheetConventions{Separator: ','}
}

// ExportSheetCSV writes the rows of ExportCSV for a spreadsheet that uses
// conv: its separator and decimal mark, a UTF-8 byte order mark (so Excel
// reads the umlauts as UTF-8), and text that a spreadsheet would take for a
// formula (starting with =, +, -, @, a tab or a CR) behind an apostrophe,
// so opening an export never runs what someone typed as a win, client or
// note (CSV injection).
func (s *Store) ExportSheetCSV(ctx context.Context, w io.Writer, conv SheetConventions) error {
	if conv.Separator != ',' && conv.Separator != ';' {
		return fmt.Errorf("data: export csv: separator %q is neither , nor ;", conv.Separator)
	}
	st := csvStyle{sep: byte(conv.Separator), decimal: '.', header: conv.Header, bom: true, neutralise: true}
	if conv.DecimalComma {
		st.decimal = ','
	}
	if st.sep == st.decimal {
		return fmt.Errorf("data: export csv: the separator %q is also the decimal mark", conv.Separator)
	}
	if st.header == nil {
		st.header = CSVHeader
	}
	if len(st.header) != len(CSVHeader) {
		return fmt.Errorf("data: export csv: %d column names for %d columns", len(st.header), len(CSVHeader))
	}
	return s.exportCSV(ctx, w, st)
}

// csvStyle is how one CSV export writes its rows.
type csvStyle struct {
	sep, decimal byte
	header       []string
	bom          bool // start with a UTF-8 byte order mark
	neutralise   bool // text fields that start like a formula get an apostrophe
}

func (s *Store) exportCSV(ctx context.Context, w io.Writer, st csvStyle) error {
	var wins []Win
	var set Settings
	err := s.readSnapshot(ctx, func(q queryer) error {
		var err error
		if set, err = loadSettings(ctx, q); err != nil {
			return err
		}
		wins, err = queryWins(ctx, q, `WHERE deleted_at IS NULL ORDER BY day, created_at, uuid`)
		return err
	})
	if err != nil {
		return fmt.Errorf("data: export csv: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if st.bom {
		bw.WriteString("\ufeff")
	}
	st.writeRow(bw, st.header)
	zones := zoneCache{}
	row := make([]string, len(CSVHeader))
	text := func(s string) string {
		if st.neutralise {
			return neutraliseFormula(s)
		}
		return s
	}
	for _, win := range wins {
		row[0] = win.Day.String()
		row[1] = zones.local(win).Format("15:04")
		row[2] = text(win.Text)
		row[3] = text(win.Client)
		row[4], row[6] = "", ""
		if win.Amount != nil {
			row[4], row[6] = decimalAmount(*win.Amount, st.decimal), string(set.Currency)
		}
		row[5] = text(win.Note)
		st.writeRow(bw, row)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("data: export csv: %w", err)
	}
	return nil
}

// writeRow writes one record, RFC 4180: a field with the separator, a
// quote, a CR or LF (or a leading space, which some readers trim) goes in
// double quotes with its quotes doubled, and otherwise exactly as it is;
// the record ends in CRLF. (encoding/csv drops a bare CR inside a field
// when it writes CRLF line ends.) Errors stay in bw until its Flush.
func (st csvStyle) writeRow(bw *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			bw.WriteByte(st.sep)
		}
		if !st.needsQuotes(f) {
			bw.WriteString(f)
			continue
		}
		bw.WriteByte('"')
		bw.WriteString(strings.ReplaceAll(f, `"`, `""`))
		bw.WriteByte('"')
	}
	bw.WriteString("\r\n")
}

func (st csvStyle) needsQuotes(f string) bool {
	return f != "" && (strings.IndexByte(f, st.sep) >= 0 || strings.ContainsAny(f, "\"\r\n") || f[0] == ' ' || f[0] == '\t')
}

// neutraliseFormula puts an apostrophe before a text that a spreadsheet
// would read as a formula or a command: one starting with =, +, -, @, a tab
// or a CR (OWASP's list). The apostrophe shows; nothing runs.
func neutraliseFormula(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// decimalAmount writes cents as "1200.50" (decimal '.') or "1200,50"
// (decimal ','), without thousands separators: the form spreadsheets read
// as a number.
func decimalAmount(c Cents, decimal byte) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d%c%02d", sign, int64(c/100), decimal, int64(c%100))
}

// zoneCache turns a win's stored zone name into a location, once per name.
type zoneCache map[string]*time.Location

// local returns when the win was logged on the wall clock of the zone it was
// logged in, or in UTC when that zone is unknown here.
func (z zoneCache) local(w Win) time.Time {
	loc, ok := z[w.Zone]
	if !ok {
		var err error
		if loc, err = time.LoadLocation(w.Zone); err != nil || w.Zone == "" {
			loc = time.UTC
		}
		z[w.Zone] = loc
	}
	return w.CreatedAt.In(loc)
}

// MarkdownLabels are the headings and words of a Markdown export, in the
// app's language; the caller translates them.
type MarkdownLabels struct {
	Title      string // the document's title, "Success journal"
	Focus      string // "Focus"
	Wins       string // "Wins"
	FocusCheck string // "Did you train it?"
	WentWell   string // "What went well?"
	RepeatHow  string // "How do I repeat it?"
	Yes        string
	Partly     string
	No         string
	// DayHeading names a day, "Thursday, 26 November 2026"; nil writes
	// "2026-11-26".
	DayHeading func(Day) string
	// Amount formats an amount; nil uses Cents.String ("1.200 €").
	Amount func(Cents) string
	// Plan writes a focus set as an if-then plan; nil writes "When <when>,
	// I will <will>".
	Plan func(when, will string) string
	// Matchweek names the week of a review from its Monday, "Matchweek
	// 23–29 November 2026"; nil writes "Matchweek of 2026-11-23".
	Matchweek func(monday Day) string
	// Theme is the review's question, "What do I train next week?"; ""
	// uses the English one.
	Theme string
	// OffSeason names an off-season range, "Off-season 1–14 July 2026";
	// nil writes "Off-season 2026-07-01 to 2026-07-14".
	OffSeason func(OffSeason) string
	// Clients heads the section with one ladder per returning client
	// ("Clients"); empty writes "Clients".
	Clients string
	// StepUp writes a step up's factor ("×6.25"); nil writes "×" and the
	// factor with a decimal point.
	StepUp func(float64) string
	// ShortDay names a day in a ladder ("26 Nov 2026"); nil writes
	// "2026-11-26".
	ShortDay func(Day) string
}

// EnglishMarkdownLabels are MarkdownLabels in English, for callers without
// translations (tests, scripts).
func EnglishMarkdownLabels() MarkdownLabels {
	return MarkdownLabels{
		Title: "Success journal", Focus: "Focus", Wins: "Wins", FocusCheck: "Did you train it?",
		WentWell: "What went well?", RepeatHow: "How do I repeat it?", Yes: "yes", Partly: "partly", No: "no",
		DayHeading: func(d Day) string { return d.Date(time.UTC).Format("Monday, 2 January 2006") },
		Clients:    "Clients",
		ShortDay:   func(d Day) string { return d.Date(time.UTC).Format("2 Jan 2006") },
	}
}

// mdDay is what a Markdown export shows for one day.
type mdDay struct {
	morning *Morning
	evening *Evening
	wins    []Win
}

// mdSection is a section of the Markdown export that is not a day: a
// week's review (at its Sunday) or an off-season (at its last day). At the
// same day it comes above that day, reading newest first.
type mdSection struct {
	at        Day
	review    *Review
	offSeason *OffSeason
}

// withDefaults fills in the labels that came with weekly reviews,
// off-seasons, plans and the clients' ladders, for callers that predate
// them.
func (l MarkdownLabels) withDefaults() MarkdownLabels {
	if l.DayHeading == nil {
		l.DayHeading = Day.String
	}
	if l.Amount == nil {
		l.Amount = Cents.String
	}
	if l.Plan == nil {
		l.Plan = func(when, will string) string { return "When " + when + ", I will " + will }
	}
	if l.Matchweek == nil {
		l.Matchweek = func(monday Day) string { return "Matchweek of " + monday.String() }
	}
	if l.Theme == "" {
		l.Theme = "What do I train next week?"
	}
	if l.OffSeason == nil {
		l.OffSeason = func(o OffSeason) string { return "Off-season " + o.From.String() + " to " + o.To.String() }
	}
	if l.Clients == "" {
		l.Clients = "Clients"
	}
	if l.StepUp == nil {
		l.StepUp = func(f float64) string { return "×" + strconv.FormatFloat(f, 'f', -1, 64) }
	}
	if l.ShortDay == nil {
		l.ShortDay = Day.String
	}
	return l
}

// ExportMarkdown writes a readable journal: a section per day, newest first,
// with the morning's focus (or plan), the wins, the focus check and the
// evening's two answers; each week's review above its Sunday, and each
// off-season (with its note) above its last day; then a Clients section with
// the ladder of every returning client (the largest total first). Deleted
// wins, removed off-seasons, empty drafts and empty days are left out.
func (s *Store) ExportMarkdown(ctx context.Context, w io.Writer, labels MarkdownLabels) error {
	days := map[Day]*mdDay{}
	var sections []mdSection
	get := func(d Day) *mdDay {
		e := days[d]
		if e == nil {
			e = &mdDay{}
			days[d] = e
		}
		return e
	}
	var ladders []Ladder
	err := s.readSnapshot(ctx, func(q queryer) error {
		wins, err := queryWins(ctx, q, `WHERE deleted_at IS NULL ORDER BY day, created_at, uuid`)
		if err != nil {
			return err
		}
		if ladders, err = queryLadders(ctx, q, `k.last_day > k.first_day`); err != nil {
			return err
		}
		for _, win := range wins {
			e := get(win.Day)
			e.wins = append(e.wins, win)
		}
		evenings, err := queryEvenings(ctx, q, `WHERE deleted_at IS NULL AND (went_well <> '' OR repeat_how <> '' OR focus_result IS NOT NULL)`)
		if err != nil {
			return err
		}
		for i := range evenings {
			get(evenings[i].Day).evening = &evenings[i]
		}
		mornings, err := queryMornings(ctx, q, `WHERE deleted_at IS NULL AND focus <> ''`)
		if err != nil {
			return err
		}
		for i := range mornings {
			get(mornings[i].Day).morning = &mornings[i]
		}
		reviews, err := queryReviews(ctx, q, `WHERE deleted_at IS NULL AND theme <> ''`)
		if err != nil {
			return err
		}
		for i := range reviews {
			sections = append(sections, mdSection{at: reviews[i].Week.AddDays(6), review: &reviews[i]})
		}
		off, err := queryOffSeasons(ctx, q, `WHERE deleted_at IS NULL`)
		if err != nil {
			return err
		}
		for i := range off {
			sections = append(sections, mdSection{at: off[i].To, offSeason: &off[i]})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("data: export markdown: %w", err)
	}
	order := make([]Day, 0, len(days))
	for d := range days {
		order = append(order, d)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].After(order[j]) })
	sort.SliceStable(sections, func(i, j int) bool {
		a, b := sections[i], sections[j]
		if a.at != b.at {
			return a.at.After(b.at)
		}
		return a.review != nil && b.review == nil // the review above an off-season
	})

	labels = labels.withDefaults()
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "# %s\n", mdEscape(labels.Title))
	zones := zoneCache{}
	writeSection := func(sec mdSection) {
		if r := sec.review; r != nil {
			fmt.Fprintf(bw, "\n## %s\n", mdEscape(labels.Matchweek(r.Week)))
			fmt.Fprintf(bw, "\n**%s**\n\n%s\n", mdEscape(labels.Theme), mdBlock(r.Theme))
			return
		}
		o := sec.offSeason
		fmt.Fprintf(bw, "\n## %s\n", mdEscape(labels.OffSeason(*o)))
		if o.Note != "" {
			fmt.Fprintf(bw, "\n%s\n", mdBlock(o.Note))
		}
	}
	for _, d := range order {
		for len(sections) > 0 && !sections[0].at.Before(d) {
			writeSection(sections[0])
			sections = sections[1:]
		}
		e := days[d]
		fmt.Fprintf(bw, "\n## %s\n", mdEscape(labels.DayHeading(d)))
		if m := e.morning; m != nil {
			focus := mdInline(m.Focus)
			if m.IsPlan() {
				focus = mdInline(labels.Plan(m.PlanWhen, m.Focus))
			}
			fmt.Fprintf(bw, "\n**%s:** %s\n", mdEscape(labels.Focus), focus)
		}
		if len(e.wins) > 0 {
			fmt.Fprintf(bw, "\n**%s**\n\n", mdEscape(labels.Wins))
			for _, win := range e.wins {
				bw.WriteString("- " + zones.local(win).Format("15:04") + " " + mdInline(win.Text))
				var extra []string
				if win.Client != "" {
					extra = append(extra, mdInline(win.Client))
				}
				if win.Amount != nil {
					extra = append(extra, mdEscape(labels.Amount(*win.Amount)))
				}
				if len(extra) > 0 {
					bw.WriteString(" (" + strings.Join(extra, ", ") + ")")
				}
				if win.Note != "" {
					bw.WriteString(" – " + mdInline(win.Note))
				}
				bw.WriteByte('\n')
			}
		}
		if ev := e.evening; ev != nil {
			if ev.FocusResult != FocusUnanswered {
				answer := map[FocusResult]string{FocusYes: labels.Yes, FocusPartly: labels.Partly, FocusNo: labels.No}[ev.FocusResult]
				fmt.Fprintf(bw, "\n**%s** %s\n", mdEscape(labels.FocusCheck), mdEscape(answer))
			}
			if ev.WentWell != "" {
				fmt.Fprintf(bw, "\n**%s**\n\n%s\n", mdEscape(labels.WentWell), mdBlock(ev.WentWell))
			}
			if ev.RepeatHow != "" {
				fmt.Fprintf(bw, "\n**%s**\n\n%s\n", mdEscape(labels.RepeatHow), mdBlock(ev.RepeatHow))
			}
		}
	}
	for _, sec := range sections {
		writeSection(sec)
	}
	writeMarkdownLadders(bw, ladders, labels)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("data: export markdown: %w", err)
	}
	return nil
}

// writeMarkdownLadders writes the Clients section: per returning client,
// the largest total first, their wins in order with amounts and step-ups.
func writeMarkdownLadders(bw *bufio.Writer, ladders []Ladder, labels MarkdownLabels) {
	if len(ladders) == 0 {
		return
	}
	SortLadders(ladders)
	fmt.Fprintf(bw, "\n## %s\n", mdEscape(labels.Clients))
	for _, l := range ladders {
		fmt.Fprintf(bw, "\n### %s\n\n", mdEscape(strings.Join(strings.Fields(l.Client.Name), " ")))
		for _, st := range l.Steps {
			bw.WriteString("- " + mdEscape(labels.ShortDay(st.Day)))
			if st.Amount != nil {
				bw.WriteString(" · " + mdEscape(labels.Amount(*st.Amount)))
				if st.StepUp > 0 {
					bw.WriteString(" (" + mdEscape(labels.StepUp(st.StepUp)) + ")")
				}
			}
			bw.WriteString(" · " + mdInline(st.Text) + "\n")
		}
	}
}

var (
	mdInlineSpecial = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `~`, `\~`)
	mdLineStart     = regexp.MustCompile(`^(\s*)([#>+=|-]|\d+[.)])`)
)

// mdEscape keeps a text inside a line from being read as Markdown:
// emphasis, links, code and HTML.
func mdEscape(s string) string { return mdInlineSpecial.Replace(s) }

// mdEscapeLine is mdEscape for a text that starts a line, where it also must
// not become a heading, quote or list.
func mdEscapeLine(s string) string {
	s = mdEscape(s)
	loc := mdLineStart.FindStringSubmatchIndex(s)
	if loc == nil {
		return s
	}
	at := loc[4] // before the marker; for "1." before the dot
	if loc[5]-loc[4] > 1 {
		at = loc[5] - 1
	}
	return s[:at] + `\` + s[at:]
}

// mdInline is a text on one line (a list item, the focus).
func mdInline(s string) string {
	return mdEscape(strings.Join(strings.Fields(s), " "))
}

// mdBlock is a text of one or more paragraphs; its line breaks stay line
// breaks.
func mdBlock(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = mdEscapeLine(strings.TrimRight(l, " \t"))
	}
	for i := 0; i < len(lines)-1; i++ {
		if lines[i] != "" && lines[i+1] != "" {
			lines[i] += "  " // a hard line break
		}
	}
	return strings.Join(lines, "\n")
}
