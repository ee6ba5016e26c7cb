package data

import (
	"context"
	"fmt"
	"strings"
)

// HitField says where a search hit was found.
type HitField string

// The texts search looks in.
const (
	HitWin       HitField = "win"        // a win's text, client or note
	HitWentWell  HitField = "went_well"  // the evening's "What went well?"
	HitRepeatHow HitField = "repeat_how" // the evening's "How do I repeat it?"
	HitFocus     HitField = "focus"      // the morning's focus
)

// SearchHit is one text that holds every word searched for.
type SearchHit struct {
	Field HitField
	UUID  string // the win's, evening's or morning's UUID
	Day   Day
	Text  string // the text as written (for a win, its text without client and note)
}

// DefaultSearchLimit is how many hits Search returns when asked for 0.
const DefaultSearchLimit = 200

// Search finds wins (not deleted ones), evening answers and morning foci
// holding every word of query, case- and accent-insensitively ("muller"
// finds "Müller", "strasse" finds "Straße"), newest first: by day, then by
// the time each was written. At most limit hits are returned. An empty query
// finds nothing.
//
// The folded text lives in the search_text table, which triggers keep up to
// date on every write, so a search is one scan of short strings.
// transliterated undoes the German way of writing umlauts without them
// (ae, oe, ue) in a folded search word, which Fold turns into a, o, u.
var transliterated = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

func (s *Store) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	words := strings.Fields(Fold(query))
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	var where strings.Builder
	args := make([]any, 0, len(words)+1)
	for i, w := range words {
		if i > 0 {
			where.WriteString(" AND ")
		}
		// German transliteration: "mueller" also finds "Müller" (folded
		// to "muller"), as "muller" and "Müller" do.
		if alt := transliterated.Replace(w); alt != w {
			where.WriteString("(instr(folded, ?) > 0 OR instr(folded, ?) > 0)")
			args = append(args, w, alt)
			continue
		}
		where.WriteString("instr(folded, ?) > 0")
		args = append(args, w)
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, `SELECT field, uuid, day, text FROM search_text WHERE `+where.String()+
		` ORDER BY day DESC, at DESC, field DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("data: search: %w", err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		var day string
		if err := rows.Scan(&h.Field, &h.UUID, &day, &h.Text); err != nil {
			return nil, fmt.Errorf("data: search: %w", err)
		}
		if h.Day, err = ParseDay(day); err != nil {
			return nil, fmt.Errorf("data: search: %w", err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data: search: %w", err)
	}
	return hits, nil
}
