package text

import (
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// SyncMessage says in words why a sync pass did not run.
func SyncMessage(err error) string {
	if msg := syncMessage(err); msg != "" {
		return msg
	}
	return UserMessage(err)
}

// syncMessage puts the sync's own errors in words, or returns "".
func syncMessage(err error) string {
	for e, key := range map[error]string{
		data.ErrSyncFolderHasJournal: "sync.error.holdsJournal",
		data.ErrSyncNoFolder:         "sync.error.noFolder",
		data.ErrSyncPassphraseNeeded: "sync.error.needPassphrase",
		data.ErrSyncPassphraseWrong:  "sync.error.wrongPassphrase",
		data.ErrSyncFolderChanged:    "sync.error.folderChanged",
		data.ErrSyncFolderNewer:      "sync.error.folderNewer",
	} {
		if errors.Is(err, e) {
			return lang.L(key)
		}
	}
	return ""
}

// SyncSummary is what a sync pass did, one line each: what it wrote, what
// it read, the days that now keep two texts, the logs it skipped, and
// when it last got something from another device.
func SyncSummary(rep data.SyncReport) []string {
	var out []string
	if rep.NewPassphrase != "" {
		out = append(out, lang.L("sync.summary.newPassphrase", map[string]any{"Passphrase": rep.NewPassphrase}))
	}
	if rep.Wrote > 0 {
		out = append(out, lang.L("sync.summary.wrote", map[string]any{"Count": rep.Wrote, "File": rep.File}))
	} else {
		out = append(out, lang.L("sync.summary.wroteNothing"))
	}
	if rep.Files > 0 {
		out = append(out, lang.L("sync.summary.read", map[string]any{"Count": rep.Read, "Files": rep.Files,
			"Added": rep.Added, "Updated": rep.Updated}))
	} else {
		out = append(out, lang.L("sync.summary.readNothing"))
	}
	if rep.Combined > 0 {
		out = append(out, Plural("sync.summary.combined", rep.Combined))
	}
	if rep.Compacted > 0 {
		out = append(out, lang.L("sync.summary.compacted", map[string]any{"Count": rep.Compacted}))
	}
	for _, n := range rep.Notes {
		out = append(out, SyncNote(n))
	}
	out = append(out, LastSync(rep.Last))
	return out
}

// SyncNote says why a pass skipped a log.
func SyncNote(n data.SyncNote) string {
	key := map[string]string{
		data.NoteIncomplete: "sync.note.incomplete",
		data.NoteUnreadable: "sync.note.unreadable",
		data.NoteLocked:     "sync.note.locked",
		data.NotePlain:      "sync.note.plain",
	}[n.Code]
	if key == "" {
		key = "sync.note.damaged"
	}
	return lang.L(key, map[string]any{"File": n.File, "Device": n.Device})
}

// LastSync is "Last synced from <device> at <time>", or that nothing came
// in yet.
func LastSync(l data.LastSync) string {
	if l.IsZero() {
		return lang.L("sync.last.never")
	}
	return lang.L("sync.last", map[string]any{"Device": l.Device, "Time": l.At.Local().Format(time.DateTime[:16])})
}
