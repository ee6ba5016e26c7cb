package text

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// The export formats, as --format and the export dialog name them.
const (
	FormatMarkdown = "md"
	// FormatSheet is CSV in the conventions of a spreadsheet in the user's
	// language (SheetConventions), so it opens in columns.
	FormatSheet = "csv-sheet"
	// FormatCSV is RFC 4180 CSV, the same in every language, for programs.
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// ExportFormats are the formats in the order the export dialog offers them.
var ExportFormats = []string{FormatMarkdown, FormatSheet, FormatCSV, FormatJSON}

// ExportExtension is the file name extension of an export in format.
func ExportExtension(format string) string {
	if format == FormatSheet {
		return FormatCSV
	}
	return format
}

// SheetConventions are the user's language's spreadsheet conventions (the
// translations carry them: German splits at ";" and writes a decimal
// comma) with the column names in that language.
func SheetConventions() data.SheetConventions {
	sep := []rune(lang.L("export.sheet.separator"))
	conv := data.SheetConventions{
		DecimalComma: lang.L("export.sheet.decimalMark") == ",",
		Header: []string{
			lang.L("export.sheet.day"), lang.L("export.sheet.time"), lang.L("export.sheet.text"),
			lang.L("export.sheet.client"), lang.L("export.sheet.amount"), lang.L("export.sheet.note"),
			lang.L("export.sheet.currency"),
		},
	}
	if len(sep) == 1 {
		conv.Separator = sep[0]
	}
	return conv
}

// Message is an error already put in words for the user; the command
// line prints it as it is.
type Message struct{ Text string }

func (e Message) Error() string { return e.Text }

// WriteError is a file that could not be written; nothing was left behind.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string { return fmt.Sprintf("write %s: %v", e.Path, e.Err) }
func (e *WriteError) Unwrap() error { return e.Err }

// writeMessage says why a file the user chose could not be written.
func writeMessage(we *WriteError) string {
	if data.IsDiskFull(we) {
		return lang.L("export.error.diskFull", map[string]any{"Path": we.Path})
	}
	return lang.L("export.error.write", map[string]any{"Path": we.Path, "Reason": Reason(we.Err)})
}

// importMessage says why a file was not imported, naming the bad record.
func importMessage(ie *data.ImportError) string {
	key := map[error]string{
		data.ErrNotJSON:     "export.error.notJSON",
		data.ErrNotExport:   "export.error.notExport",
		data.ErrNewerExport: "export.error.newerExport",
		data.ErrBadRecord:   "export.error.badRecord",
		data.ErrTooLarge:    "export.error.tooLarge",
	}[ie.Err]
	if key == "" {
		key = "export.error.badRecord"
	}
	if ie.Code == "empty" || ie.Code == "truncated" {
		key = "export.error." + ie.Code
	}
	return lang.L(key, map[string]any{"Record": RecordName(ie.Record), "Detail": importDetail(ie)})
}

// importDetail says what is wrong with an import file or its record: in
// the user's words for a text that breaks the text rules, otherwise the
// check's own (English) words, quoted as a technical detail.
func importDetail(ie *data.ImportError) string {
	var te *data.TextError
	if errors.As(ie.Cause, &te) {
		field := lang.L("import.field."+te.Field, nil)
		if field == "import.field."+te.Field {
			field = te.Field
		}
		switch {
		case errors.Is(te, data.ErrTooLong):
			return lang.L("import.detail.tooLong", map[string]any{"Field": field, "Len": te.Len, "Max": te.Max})
		case errors.Is(te, data.ErrEmpty):
			return lang.L("import.detail.empty", map[string]any{"Field": field})
		default:
			return lang.L("import.detail.invalid", map[string]any{"Field": field})
		}
	}
	if ie.Detail == "" {
		return ""
	}
	return lang.L("error.technical", map[string]any{"Detail": ie.Detail})
}

// RecordName names a record of an export file in the user's language:
// "win 1417 (3f2a…)", "Erfolg 1417 (3f2a…)".
func RecordName(r *data.RecordRef) string {
	if r == nil {
		return ""
	}
	if r.Kind == "file" {
		return lang.L("export.record.file")
	}
	name := lang.L("export.record."+r.Kind, map[string]any{"N": r.N})
	if r.ID != "" {
		name += " (" + r.ID + ")"
	}
	return name
}

// Reason says in the user's language why a file operation failed
// ("permission denied", "Zugriff verweigert"), without the path the message
// names already; a reason it does not know is quoted as the system said it.
func Reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return lang.L("error.reason.permission")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("error.reason.notExist")
	case errors.Is(err, syscall.ENOTDIR):
		return lang.L("error.reason.notDir")
	case errors.Is(err, syscall.EISDIR):
		return lang.L("error.reason.isDir")
	case errors.Is(err, fs.ErrExist):
		return lang.L("error.reason.exists")
	case data.IsDiskFull(err):
		return lang.L("error.reason.diskFull")
	case data.IsReadOnly(err):
		return lang.L("error.reason.readOnly")
	case errors.Is(err, data.ErrCorrupt), errors.Is(err, data.ErrBusy):
		return UserMessage(err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return lang.L("error.technical", map[string]any{"Detail": Technical(err)})
}

// ExportTo writes the journal in format to w.
func ExportTo(ctx context.Context, s *data.Store, format string, w io.Writer) error {
	switch format {
	case FormatMarkdown:
		set, err := s.Settings(ctx)
		if err != nil {
			return err
		}
		return s.ExportMarkdown(ctx, w, MarkdownLabels(set.Currency))
	case FormatSheet:
		return s.ExportSheetCSV(ctx, w, SheetConventions())
	case FormatCSV:
		return s.ExportCSV(ctx, w)
	default:
		return s.ExportJSON(ctx, w)
	}
}

// ExportFile writes the export to path through a temporary file, so a
// failure leaves nothing half-written behind.
func ExportFile(ctx context.Context, s *data.Store, format, path string) error {
	err := data.WriteFileAtomic(path, func(w io.Writer) error { return ExportTo(ctx, s, format, w) })
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &WriteError{Path: path, Err: err}
	}
	return err
}

// MarkdownLabels are the Markdown export's headings in the app's language,
// with amounts in cur.
func MarkdownLabels(cur data.Currency) data.MarkdownLabels {
	layout := lang.L("export.md.dateLayout")
	return data.MarkdownLabels{
		Title:      lang.L("export.md.title"),
		Focus:      lang.L("export.md.focus"),
		Wins:       lang.L("export.md.wins"),
		FocusCheck: lang.L("export.md.focusCheck"),
		WentWell:   lang.L("export.md.wentWell"),
		RepeatHow:  lang.L("export.md.repeatHow"),
		Yes:        lang.L("export.md.yes"),
		Partly:     lang.L("export.md.partly"),
		No:         lang.L("export.md.no"),
		DayHeading: func(d data.Day) string {
			return WeekdayName(d.Weekday()) + ", " + d.Date(time.UTC).Format(layout)
		},
		Plan:      Plan,
		Matchweek: MatchweekTitle,
		Theme:     lang.L("export.md.theme"),
		OffSeason: OffSeasonTitle,
		Amount:    func(c data.Cents) string { return Amount(c, cur) },
		Clients:   lang.L("export.md.clients"),
		StepUp:    Factor,
		ShortDay:  MediumDate,
	}
}

// DefaultExportName is the file name the export suggests, by today's day.
func DefaultExportName(day data.Day, format string) string {
	return "matchday-" + day.String() + "." + ExportExtension(format)
}

// ImportSummary says what an import did, and where the backup before it is.
func ImportSummary(res data.ImportResult) string {
	key := "export.imported"
	if res.Merged > 0 {
		key = "export.importedMerged"
	}
	return lang.L(key, map[string]any{"Added": res.Added, "Updated": res.Updated,
		"Merged": res.Merged, "Unchanged": res.Unchanged, "Backup": res.Backup})
}

// WeeksText is the bar chart's numbers as text, oldest first, for the
// command line.
func WeeksText(weeks []data.WeekWins) string {
	parts := make([]string, len(weeks))
	for i, w := range weeks {
		parts[i] = strconv.Itoa(w.Wins)
	}
	return strings.Join(parts, " ")
}
