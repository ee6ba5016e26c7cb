// Package text holds what the command line and the windows say: loading
// the translations, plain-words error messages, and the plural, date and
// amount formats both share. It knows the store's types, not its windows.
package text

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/app/desktop/locale"
	"matchday/assets"
	"matchday/data"
)

// Load makes choice ("system", "de" or "en") the language of
// every lang.L that follows.
func Load(choice string) {
	locale.Use(choice)
	// The files are embedded and checked by a test, so this cannot fail at run time.
	_ = lang.AddTranslationsFS(assets.Translations, "translations")
}

var weekdayKeys = [...]string{"day.sunday", "day.monday", "day.tuesday", "day.wednesday", "day.thursday", "day.friday", "day.saturday"}

// WeekdayName is the weekday in the user's language.
func WeekdayName(d time.Weekday) string { return lang.L(weekdayKeys[d]) }

// UserMessage says what went wrong in a sentence a person understands, in
// their language; the technical detail stays in the log. An error it does
// not know is said as unexpected, with SQLite's or the system's words
// quoted as a technical detail, never passed off as the message.
func UserMessage(err error) string {
	var oe *data.OpenError
	var te *data.TextError
	var ie *data.ImportError
	var pe *fs.PathError
	var msg Message
	var we *WriteError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &msg):
		return msg.Text
	case errors.As(err, &ie):
		return importMessage(ie)
	case errors.As(err, &we):
		return writeMessage(we)
	case errors.As(err, &oe) && errors.Is(err, data.ErrNotJournal):
		return lang.L("error.notJournal", map[string]any{"Path": oe.Path})
	case errors.As(err, &oe) && errors.Is(err, data.ErrNewerSchema):
		return lang.L("error.newerSchema", map[string]any{"Path": oe.Path})
	case errors.As(err, &oe) && errors.Is(err, data.ErrCorrupt) && oe.Check != nil && oe.Check.Repairable():
		return lang.L("error.damagedIndex", map[string]any{"Path": oe.Path})
	case errors.As(err, &oe) && errors.Is(err, data.ErrCorrupt) && oe.Check != nil:
		return lang.L("error.damaged", map[string]any{"Path": oe.Path})
	case errors.As(err, &oe) && errors.Is(err, data.ErrCorrupt):
		return lang.L("error.corrupt", map[string]any{"Path": oe.Path})
	case errors.Is(err, data.ErrCorrupt):
		return lang.L("error.damagedFile")
	case data.IsCorrupt(err):
		return lang.L("error.damagedRead")
	case data.IsBusy(err):
		return lang.L("error.busy")
	case errors.Is(err, sql.ErrConnDone), strings.Contains(err.Error(), "sql: database is closed"):
		return lang.L("error.closed")
	case errors.Is(err, data.ErrNotFound):
		return lang.L("error.notFound")
	case errors.Is(err, data.ErrNotEmpty):
		return lang.L("error.demoNotEmpty")
	case seasonMessage(err) != "":
		return seasonMessage(err)
	case syncMessage(err) != "":
		return syncMessage(err)
	case errors.Is(err, data.ErrFutureDay):
		return lang.L("error.futureDay")
	case errors.Is(err, data.ErrDayOutOfRange):
		return lang.L("error.dayOutOfRange")
	case errors.Is(err, data.ErrClientExists):
		return lang.L("error.clientExists")
	case errors.Is(err, data.ErrSameClient):
		return lang.L("error.sameClient")
	case errors.Is(err, data.ErrOtherJournal):
		return lang.L("error.otherJournal")
	case errors.Is(err, data.ErrBadAmount):
		return lang.L("error.badAmount")
	case errors.Is(err, data.ErrBackupOverJournal):
		return lang.L("error.backupOverJournal")
	case errors.As(err, &te) && errors.Is(err, data.ErrTooLong):
		return lang.L("error.tooLong", map[string]any{"Max": te.Max, "Len": te.Len})
	case errors.As(err, &te) && errors.Is(err, data.ErrEmpty):
		return lang.L("error.empty")
	case errors.As(err, &te):
		return lang.L("error.invalidText")
	case errors.As(err, &pe):
		// A file the user chose, not the journal.
		return lang.L("error.file", map[string]any{"Path": pe.Path, "Reason": Reason(err)})
	case data.IsDiskFull(err):
		return lang.L("error.diskFull")
	case data.IsReadOnly(err):
		return lang.L("error.readOnly")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return lang.L("error.canceled")
	}
	return lang.L("error.unexpected", map[string]any{"Detail": Technical(err)})
}

// Technical is an error's own (English, technical) words, for quoting as a
// detail: without the package prefixes, on one line.
func Technical(err error) string {
	s := OneLine(err.Error())
	for _, p := range []string{"data: ", "agent: "} {
		s = strings.ReplaceAll(s, p, "")
	}
	return s
}
