package text

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	sqlite3 "github.com/mattn/go-sqlite3"

	"matchday/data"
)

// TestUserMessage: the errors that can meet a save are told in plain words
// that say the typed text is still there, in English and German.
func TestUserMessage(t *testing.T) {
	tests := []struct {
		err    error
		en, de string
	}{
		{fmt.Errorf("data: add win: %w", data.ErrReadOnly), "read-only, so this was not saved. Your text is still here", "schreibgeschützt, daher wurde nichts gespeichert. Dein Text ist noch da"},
		{fmt.Errorf("data: add win: %w", sqlite3.Error{Code: sqlite3.ErrReadonly}), "read-only", "schreibgeschützt"},
		{fmt.Errorf("data: save evening: %w", sqlite3.Error{Code: sqlite3.ErrFull}), "The disk is full, so this was not saved. Your text is still here", "Die Festplatte ist voll"},
		{&data.TextError{Field: "win", Max: 500, Len: 501, Err: data.ErrTooLong}, "That is 501 characters; at most 500 fit", "Das sind 501 Zeichen; höchstens 500 passen"},
		{&data.OpenError{Path: "/j.db", Err: data.ErrCorrupt}, "/j.db is damaged", "/j.db ist beschädigt"},
	}
	for _, language := range []string{"en", "de"} {
		useLanguage(t, language)
		for _, tt := range tests {
			want := tt.en
			if language == "de" {
				want = tt.de
			}
			if got := UserMessage(tt.err); !strings.Contains(got, want) {
				t.Errorf("%s: UserMessage(%v) = %q, want it to say %q", language, tt.err, got, want)
			}
		}
	}
	useLanguage(t, "en")
	if got := UserMessage(errors.New("data: something odd")); got != "Something unexpected went wrong, so this was not done (technical detail: “something odd”)." {
		t.Errorf("an unknown error reads %q", got)
	}
}

// TestAmountFollowsTheLanguage: amounts are written as the UI language
// writes them.
func TestAmountFollowsTheLanguage(t *testing.T) {
	tests := []struct {
		cents  data.Cents
		en, de string
	}{
		{120050, "€1,200.50", "1.200,50\u00a0€"},
		{80000, "€800", "800\u00a0€"},
		{900000000, "€9,000,000", "9.000.000\u00a0€"},
		{5, "€0.05", "0,05\u00a0€"},
	}
	for _, language := range []string{"en", "de"} {
		useLanguage(t, language)
		for _, tt := range tests {
			want := tt.en
			if language == "de" {
				want = tt.de
			}
			if got := Amount(tt.cents, data.DefaultCurrency); got != want {
				t.Errorf("%s: Amount(%d) = %q, want %q", language, tt.cents, got, want)
			}
			if back, err := data.ParseAmount(Amount(tt.cents, data.DefaultCurrency)); err != nil || back != tt.cents {
				t.Errorf("%s: %q reads back as %d, %v", language, Amount(tt.cents, data.DefaultCurrency), back, err)
			}
		}
	}
}
