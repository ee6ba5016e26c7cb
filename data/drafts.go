package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// WinDraft is a win typed and not logged yet: what the main window's entry
// holds (Of is ""), or what the editor of an existing win holds (Of is
// that win's UUID). It is a draft, never a win: it counts nowhere, and
// comes back in its entry when the window opens again. Drafts are kept in
// local_state, on this machine only.
type WinDraft struct {
	Of     string `json:"of,omitempty"`
	Text   string `json:"text"`
	Client string `json:"client,omitempty"`
	Amount string `json:"amount,omitempty"` // as typed
	Note   string `json:"note,omitempty"`
}

// IsEmpty reports whether nothing is typed.
func (d WinDraft) IsEmpty() bool {
	return strings.TrimSpace(d.Text) == "" && strings.TrimSpace(d.Client) == "" && strings.TrimSpace(d.Amount) == "" &&
		strings.TrimSpace(d.Note) == ""
}

// winDraftKey is the local_state key of the draft of the win of (or of
// the main window's entry, for "").
func winDraftKey(of string) string {
	if of == "" {
		return "draft.win"
	}
	return "draft.win." + of
}

// SaveWinDraft stores what is typed for a win as it is (not trimmed, not
// held to a win's length: a draft keeps every keystroke); an empty draft
// removes the stored one. It returns only after the commit.
func (s *Store) SaveWinDraft(ctx context.Context, d WinDraft) error {
	for _, f := range []string{d.Text, d.Client, d.Amount, d.Note} {
		if !utf8.ValidString(f) || strings.ContainsRune(f, 0) {
			return &TextError{Field: "win", Err: ErrInvalidText}
		}
	}
	key := winDraftKey(d.Of)
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if d.IsEmpty() {
			_, err := tx.ExecContext(ctx, `DELETE FROM local_state WHERE key = ?`, key)
			return err
		}
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO local_state (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			key, string(b), formatTS(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("data: save the win draft: %w", err)
	}
	return nil
}

// WinDraft returns the stored draft of the win of (the main window's entry
// for ""), or ErrNotFound.
func (s *Store) WinDraft(ctx context.Context, of string) (WinDraft, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM local_state WHERE key = ?`, winDraftKey(of)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return WinDraft{}, fmt.Errorf("data: win draft: %w", ErrNotFound)
	}
	if err != nil {
		return WinDraft{}, fmt.Errorf("data: win draft: %w", err)
	}
	var d WinDraft
	if err := json.Unmarshal([]byte(v), &d); err != nil {
		return WinDraft{}, fmt.Errorf("data: win draft: %w", err)
	}
	d.Of = of
	return d, nil
}
