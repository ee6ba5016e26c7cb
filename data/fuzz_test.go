package data

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzCleanText holds the text rules for any input: what CleanText accepts
// comes out valid UTF-8, NFC, trimmed, within the limit and without NUL,
// and cleaning it again changes nothing; what it refuses is a *TextError.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"", " ", "\x00", "a\x00b", "\xff", "Umsatz\xc3", "  Kunde  ", "\t\n\u00a0\u2003",
		"Café", "Cafe\u0301", "\u0301", " \u0301", "e\u0301\u0327", "\u1100\u1161\u11a8",
		"🎉 Abschluss 🎉", "👩🏽‍💻", "שלום עולם", "\u202eabc", "\ufeffBOM", "a\u200b",
		"\u2000\u3000x\u205f", strings.Repeat("ä", MaxWin), strings.Repeat("a\u0308", MaxWin),
		strings.Repeat("x", MaxWin+1), "\u0344", "\u0958", "\U0001d15e",
	} {
		f.Add(s, MaxWin)
	}
	f.Add("kurz", 1)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 || max > 4*MaxAnswer {
			max = MaxWin
		}
		got, err := CleanText("win", s, max)
		if err != nil {
			var te *TextError
			if !errors.As(err, &te) || te.Field != "win" {
				t.Fatalf("CleanText(%q): %v, want a *TextError for the field", s, err)
			}
			if got != "" {
				t.Fatalf("CleanText(%q) refused it but returned %q", s, got)
			}
			return
		}
		switch {
		case !utf8.ValidString(got):
			t.Fatalf("CleanText(%q) = %q, not valid UTF-8", s, got)
		case !norm.NFC.IsNormalString(got):
			t.Fatalf("CleanText(%q) = %q, not NFC", s, got)
		case strings.TrimSpace(got) != got:
			t.Fatalf("CleanText(%q) = %q, not trimmed", s, got)
		case got == "":
			t.Fatalf("CleanText(%q) accepted empty text", s)
		case utf8.RuneCountInString(got) > max:
			t.Fatalf("CleanText(%q) = %d characters, over %d", s, utf8.RuneCountInString(got), max)
		case strings.ContainsRune(got, 0):
			t.Fatalf("CleanText(%q) = %q, contains NUL", s, got)
		case TextLen(s) != utf8.RuneCountInString(got):
			t.Fatalf("TextLen(%q) = %d, but CleanText kept %d characters", s, TextLen(s), utf8.RuneCountInString(got))
		}
		again, err := CleanText("win", got, max)
		if err != nil || again != got {
			t.Fatalf("CleanText not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}

// FuzzParseAmount: ParseAmount never panics, accepts only amounts from 0 to
// MaxAmount, and an accepted amount survives Cents.String and back.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"1.200 €", "1,200.50 EUR", "800,50", "12.34.56", "", "€", "EUR", " € ",
		"800", "0", "0,01", "-5", "+5", "1.2", "1,2", ",50", "5,", "1.234.567,89 €",
		"1 200", "1\u00a0200,00", "1'200.50", "€ 60", "60€", "60 Eur", "9.000",
		"1.000.000.000", "1.000.000.000,01", "1000000000", "99999999999", "9223372036854775807",
		"99999999999999999999999999", "1e6", "0x10", "١٢٣", "１２３", "1..200", "1.,200", "1.200,5",
		"1.200,500", "€€5", "5 € €", "NaN", "\x00", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseAmount(s)
		if err != nil {
			if !errors.Is(err, ErrBadAmount) {
				t.Fatalf("ParseAmount(%q): %v, want ErrBadAmount", s, err)
			}
			return
		}
		if c < 0 || c > MaxAmount {
			t.Fatalf("ParseAmount(%q) = %d, outside 0..MaxAmount", s, c)
		}
		back, err := ParseAmount(c.String())
		if err != nil || back != c {
			t.Fatalf("ParseAmount(%q) = %d; its String %q parses to %d, %v", s, c, c.String(), back, err)
		}
	})
}
