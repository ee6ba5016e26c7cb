package text

import (
	"fmt"
	"strings"
	"testing"

	"matchday/data"
)

// TestImportSummarySaysMerged: the summary counts the evenings and mornings
// an import merged, in both languages, and says nothing of merging when
// there was none.
func TestImportSummarySaysMerged(t *testing.T) {
	for _, tc := range []struct {
		language string
		res      data.ImportResult
		want     string
	}{
		{"en", data.ImportResult{Added: 3, Merged: 2}, "2 merged with the evening or morning already there"},
		{"de", data.ImportResult{Added: 3, Merged: 2}, "2 mit dem Abend oder Morgen zusammengeführt"},
		{"en", data.ImportResult{Added: 3}, "Imported: 3 new, 0 updated, 0 already here."},
	} {
		t.Run(fmt.Sprint(tc.language, tc.res.Merged), func(t *testing.T) {
			useLanguage(t, tc.language)
			got := ImportSummary(tc.res)
			if !strings.Contains(got, tc.want) || (tc.res.Merged == 0 && strings.Contains(got, "merged")) {
				t.Errorf("summary %q, want %q", got, tc.want)
			}
		})
	}
}

// TestErrorsOfIssue14AreSaidInWords: the store's refusals of issue 14 come
// out as sentences in the user's language, not as the store's English.
func TestErrorsOfIssue14AreSaidInWords(t *testing.T) {
	for _, tc := range []struct {
		err error
		en  string
		de  string
	}{
		{fmt.Errorf("data: add win: %w", data.ErrFutureDay), "has not happened yet", "kommt erst noch"},
		{fmt.Errorf("data: add win: %w", data.ErrDayOutOfRange), "1 January 1900", "1. Januar 1900"},
		{fmt.Errorf("data: restore x: %w", data.ErrOtherJournal), "another journal", "anderen Journal"},
	} {
		for lang, want := range map[string]string{"en": tc.en, "de": tc.de} {
			useLanguage(t, lang)
			if got := UserMessage(tc.err); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want %q", lang, got, want)
			}
		}
	}
}
