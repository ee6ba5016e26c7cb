package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// The export formats, as --format and the export dialog name them.
const (
	formatMarkdown = "md"
	formatCSV      = "csv"
	formatJSON     = "json"
)

var exportFormats = []string{formatMarkdown, formatCSV, formatJSON}

// messageError is an error already put in words for the user; the command
// line prints it as it is.
type messageError struct{ msg string }

func (e messageError) Error() string { return e.msg }

// writeError is a file that could not be written; nothing was left behind.
type writeError struct {
	path string
	err  error
}

func (e *writeError) Error() string { return fmt.Sprintf("write %s: %v", e.path, e.err) }
func (e *writeError) Unwrap() error { return e.err }

// dataMessage says in the user's language why an export, import, backup or
// restore failed, naming the file and the bad record; other errors get
// UserMessage's words.
func dataMessage(err error) string {
	var ie *data.ImportError
	var we *writeError
	switch {
	case errors.As(err, &ie):
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
		return lang.L(key, map[string]any{"Record": recordName(ie.Record), "Detail": ie.Detail})
	case errors.As(err, &we):
		if data.IsDiskFull(err) {
			return lang.L("export.error.diskFull", map[string]any{"Path": we.path})
		}
		return lang.L("export.error.write", map[string]any{"Path": we.path, "Reason": reason(we.err)})
	}
	return UserMessage(err)
}

// recordName names a record of an export file in the user's language:
// "win 1417 (3f2a…)", "Erfolg 1417 (3f2a…)".
func recordName(r *data.RecordRef) string {
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

// reason is the system's short word for why a file operation failed
// ("permission denied"), without the path it already names.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// exportTo writes the journal in format to w.
func exportTo(ctx context.Context, s *data.Store, format string, w io.Writer) error {
	switch format {
	case formatMarkdown:
		return s.ExportMarkdown(ctx, w, markdownLabels())
	case formatCSV:
		return s.ExportCSV(ctx, w)
	default:
		return s.ExportJSON(ctx, w)
	}
}

// exportFile writes the export to path through a temporary file, so a
// failure leaves nothing half-written behind.
func exportFile(ctx context.Context, s *data.Store, format, path string) error {
	err := data.WriteFileAtomic(path, func(w io.Writer) error { return exportTo(ctx, s, format, w) })
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &writeError{path, err}
	}
	return err
}

// markdownLabels are the Markdown export's headings in the app's language.
func markdownLabels() data.MarkdownLabels {
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
			return weekdayName(d.Weekday()) + ", " + d.Date(time.UTC).Format(layout)
		},
	}
}

// defaultExportName is the file name the export suggests, by today's day.
func defaultExportName(day data.Day, format string) string {
	return "matchday-" + day.String() + "." + format
}

func (c *cli) runExport(args []string) error {
	fs := flags("export")
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "export"})
	}
	switch *format {
	case formatMarkdown, formatCSV, formatJSON:
	default:
		return usagef("export.cli.format")
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *out == "" || *out == "-" {
		if err := exportTo(ctx, s, *format, c.env.Stdout); err != nil {
			return messageError{dataMessage(err)}
		}
		return nil
	}
	if err := exportFile(ctx, s, *format, *out); err != nil {
		return messageError{dataMessage(err)}
	}
	fmt.Fprintln(c.env.Stdout, lang.L("export.cli.wrote", map[string]any{"Path": *out}))
	return nil
}

func (c *cli) runImport(args []string) error {
	fs := flags("import")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("export.cli.importFile")
	}
	name := fs.Arg(0)
	var in io.Reader = c.env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return messageError{lang.L("export.error.read", map[string]any{"Path": name, "Reason": reason(err)})}
		}
		defer f.Close()
		in = f
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	res, err := s.Import(context.Background(), in)
	if err != nil {
		return messageError{lang.L("export.error.importFailed", map[string]any{"Path": name}) + " " + dataMessage(err)}
	}
	fmt.Fprintln(c.env.Stdout, importSummary(res))
	return nil
}

// importSummary says what an import did, and where the backup before it is.
func importSummary(res data.ImportResult) string {
	return lang.L("export.imported", map[string]any{"Added": res.Added, "Updated": res.Updated,
		"Unchanged": res.Unchanged, "Backup": res.Backup})
}

func (c *cli) runBackup(args []string) error {
	fs := flags("backup")
	out := fs.String("o", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "backup"})
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	ctx := context.Background()
	path := *out
	if path == "" {
		path, err = s.BackupNow(ctx)
	} else {
		err = s.Backup(ctx, path)
		if errors.Is(err, data.ErrBackupOverJournal) {
			return usagef("export.cli.backupOverJournal")
		}
	}
	if err != nil {
		return messageError{lang.L("export.error.backup", map[string]any{"Path": path, "Reason": reason(err)})}
	}
	fmt.Fprintln(c.env.Stdout, lang.L("export.cli.backedUp", map[string]any{"Path": path}))
	return nil
}
