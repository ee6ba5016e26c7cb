package data

import (
	"strings"
	"time"
	"unicode/utf8"
)

// MergeDivider is the line that separates two texts kept in one field, when
// an import meets two evenings or two mornings for the same day: the newer
// text, a line holding only MergeDivider, the other text. It is plain text,
// so the windows, the Markdown export and any editor show it as it is.
const MergeDivider = "———"

// mergeSeparator is the divider on a line of its own between two texts.
const mergeSeparator = "\n" + MergeDivider + "\n"

// MergeTexts returns one text that keeps both: newer first, then the
// divider line, then other. A part that is already there is not repeated,
// so merging a text with itself, or with a text merged from it before,
// changes nothing; an empty text adds nothing.
func MergeTexts(newer, other string) string {
	parts := MergedParts(newer)
	for _, p := range MergedParts(other) {
		dup := false
		for _, q := range parts {
			if p == q {
				dup = true
				break
			}
		}
		if !dup {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, mergeSeparator)
}

// MergedParts splits a text at its divider lines into the texts merged into
// it (one part for a text that was never merged), each trimmed; empty parts
// are left out.
func MergedParts(s string) []string {
	var parts []string
	var cur []string
	flush := func() {
		if p := strings.TrimSpace(strings.Join(cur, "\n")); p != "" {
			parts = append(parts, p)
		}
		cur = cur[:0]
	}
	for line := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == MergeDivider {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return parts
}

// PartLen is the length the text rules hold an answer or a focus to: its
// longest part (see MergedParts), so a merged text is as long as the
// longest text merged into it.
func PartLen(s string) int {
	n := 0
	for _, p := range MergedParts(s) {
		n = max(n, TextLen(p))
	}
	return n
}

// cleanMergeable is cleanOptional for a field that an import may have
// merged from two texts: each of its parts may be max characters long, so
// a merge never makes a field too long to import or save again.
func cleanMergeable(field, s string, max int) (string, error) {
	s, err := cleanOptional(field, s, 0x7fffffff)
	if err != nil {
		return "", err
	}
	for _, p := range MergedParts(s) {
		if n := utf8.RuneCountInString(p); n > max {
			return "", &TextError{Field: field, Max: max, Len: n, Err: ErrTooLong}
		}
	}
	return s, nil
}

// firstAndNewer orders two records of one day: first was created first (the
// smaller UUID on a tie), and stays; newer was changed last (the larger UUID
// on a tie), and its texts come first. Both orders are the same whichever
// journal merges, so two journals that merge the same pair agree.
func firstAndNewer(aUUID string, aCreated, aUpdated time.Time, bUUID string, bCreated, bUpdated time.Time) (aFirst, aNewer bool) {
	aFirst = aCreated.Before(bCreated) || (aCreated.Equal(bCreated) && aUUID < bUUID)
	aNewer = aUpdated.After(bUpdated) || (aUpdated.Equal(bUpdated) && aUUID > bUUID)
	return aFirst, aNewer
}

func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// earlier returns the earlier of two times, either of which may be nil,
// and whether it is a's.
func earlier(a, b *time.Time) (*time.Time, bool) {
	switch {
	case a == nil:
		return b, false
	case b == nil || !b.Before(*a):
		return a, true
	default:
		return b, false
	}
}

// combineEvenings returns newer with older's texts added after its own
// (MergeTexts), older's focus check when newer has none, and the earlier
// celebration of the two.
func combineEvenings(newer, older Evening) Evening {
	c := newer
	c.WentWell = MergeTexts(newer.WentWell, older.WentWell)
	c.RepeatHow = MergeTexts(newer.RepeatHow, older.RepeatHow)
	if c.FocusResult == FocusUnanswered {
		c.FocusResult = older.FocusResult
	}
	var fromNewer bool
	c.CelebratedAt, fromNewer = earlier(newer.CelebratedAt, older.CelebratedAt)
	c.MadeUp = c.CelebratedAt != nil && ((fromNewer && newer.MadeUp) || (!fromNewer && older.MadeUp))
	return c
}

// sameEvening reports whether two versions of an evening hold the same.
func sameEvening(a, b Evening) bool {
	return a.WentWell == b.WentWell && a.RepeatHow == b.RepeatHow && a.FocusResult == b.FocusResult &&
		a.MadeUp == b.MadeUp && sameTime(a.CelebratedAt, b.CelebratedAt)
}

func sameTime(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}

// mergePair makes one record of two live evenings (or mornings, as ops
// says) for the same day: the one created first stays, holding both texts
// of each field (the newer first); the other becomes a tombstone merged
// into it, its own texts kept in it, deleted at now.
func mergePair[T any](ops dayOps[T], a, b T, now time.Time) (keep, gone T) {
	aFirst, aNewer := firstAndNewer(ops.uuid(&a), ops.created(&a), ops.updated(&a), ops.uuid(&b), ops.created(&b), ops.updated(&b))
	first, other := a, b
	if !aFirst {
		first, other = b, a
	}
	keep = ops.combine(a, b)
	if !aNewer {
		keep = ops.combine(b, a)
	}
	ops.settle(&keep, ops.uuid(&first), ops.created(&first), latest(ops.updated(&a), ops.updated(&b), now))
	gone = other
	ops.bury(&gone, now, ops.uuid(&first))
	return keep, gone
}

// combineMornings is combineEvenings for mornings: older's focus after
// newer's, and the earlier of the two times the focus was set.
func combineMornings(newer, older Morning) Morning {
	c := newer
	c.Focus = MergeTexts(newer.Focus, older.Focus)
	c.PlanWhen = MergeTexts(newer.PlanWhen, older.PlanWhen)
	c.SetAt, _ = earlier(newer.SetAt, older.SetAt)
	return c
}

func sameMorning(a, b Morning) bool {
	return a.Focus == b.Focus && a.PlanWhen == b.PlanWhen && sameTime(a.SetAt, b.SetAt)
}
