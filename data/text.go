package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Length limits, in characters (Unicode code points after NFC).
const (
	MaxWin    = 500
	MaxAnswer = 10000
	MaxFocus  = 200
	MaxNote   = 2000
	MaxClient = 200
)

// Errors the text rules return, wrapped in a *TextError.
var (
	ErrEmpty       = errors.New("is empty")
	ErrTooLong     = errors.New("is too long")
	ErrInvalidText = errors.New("is not valid text")
)

// TextError says which field broke which text rule.
type TextError struct {
	Field string // "win", "note", "client", "went_well", "repeat_how", "focus"
	Max   int    // the limit, for ErrTooLong
	Len   int    // the length found, for ErrTooLong
	Err   error  // ErrEmpty, ErrTooLong or ErrInvalidText
}

func (e *TextError) Error() string {
	if errors.Is(e.Err, ErrTooLong) {
		return fmt.Sprintf("data: %s is too long (%d characters, at most %d)", e.Field, e.Len, e.Max)
	}
	return fmt.Sprintf("data: %s %v", e.Field, e.Err)
}

func (e *TextError) Unwrap() error { return e.Err }

// CleanText applies Matchday's text rules: valid UTF-8 with no NUL, NFC
// normalised, trimmed, not empty, at most max characters. It returns the
// text as it will be stored.
func CleanText(field, s string, max int) (string, error) {
	s, err := cleanOptional(field, s, max)
	if err == nil && s == "" {
		err = &TextError{Field: field, Err: ErrEmpty}
	}
	return s, err
}

// cleanOptional is CleanText for fields that may be empty (notes, drafts).
func cleanOptional(field, s string, max int) (string, error) {
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return "", &TextError{Field: field, Err: ErrInvalidText}
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	if n := utf8.RuneCountInString(s); n > max {
		return "", &TextError{Field: field, Max: max, Len: n, Err: ErrTooLong}
	}
	return s, nil
}

// TextLen returns the length of s as the text rules count it.
func TextLen(s string) int {
	return utf8.RuneCountInString(strings.TrimSpace(norm.NFC.String(s)))
}
