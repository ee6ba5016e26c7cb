package data

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	decomposed := "Mu\u0308ller" // u + combining diaeresis
	tests := []struct {
		name, in, want string
		max            int
		err            error
	}{
		{"trimmed", "  Signed the course \n", "Signed the course", 500, nil},
		{"umlauts", "Größter Auftrag für Müller", "Größter Auftrag für Müller", 500, nil},
		{"emoji", "Deal 🎉🏆 closed", "Deal 🎉🏆 closed", 500, nil},
		{"right to left", "صفقة ناجحة", "صفقة ناجحة", 500, nil},
		{"hebrew with mark", "\u200fעסקה\u200f", "\u200fעסקה\u200f", 500, nil},
		{"NFC", decomposed, "Müller", 500, nil},
		{"empty", "", "", 500, ErrEmpty},
		{"whitespace only", " \t\n ", "", 500, ErrEmpty},
		{"NUL", "a\x00b", "", 500, ErrInvalidText},
		{"invalid UTF-8", "a\xffb", "", 500, ErrInvalidText},
		{"exactly the cap", strings.Repeat("ä", 500), strings.Repeat("ä", 500), 500, nil},
		{"over the cap", strings.Repeat("ä", 501), "", 500, ErrTooLong},
		{"cap counts characters after NFC", strings.Repeat("u\u0308", 500), strings.Repeat("ü", 500), 500, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CleanText("win", tt.in, tt.max)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err == nil && got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			var te *TextError
			if err != nil && (!errors.As(err, &te) || te.Field != "win") {
				t.Errorf("error %v does not name the field", err)
			}
		})
	}
}

func TestParseAmount(t *testing.T) {
	good := map[string]Cents{
		"800": 80000, "800,50": 80050, "800.5": 80050, "1.200 €": 120000, "1,200.50 EUR": 120050,
		"1.200,50": 120050, "€ 60": 6000, "9000EUR": 900000, "12.345.678": 1234567800, "0": 0,
		"1 200": 120000, " 5000 eur ": 500000, "1,2": 120, "800,505": 80050500,
		"800 USD": 80000, "$90": 9000, "CHF 75": 7500, "£1,200.50": 120050, "75 Fr.": 7500,
	}
	for in, want := range good {
		got, err := ParseAmount(in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "€", "abc", "-5", "1.2.3", "12.34.56", "1..200", "1.200.50", "1e5", "99999999999999", "1,200,50", "$", "800 XYZ", "$ 5 $ 5"} {
		if got, err := ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) = %d, want an error", in, got)
		}
	}
	for _, c := range []Cents{0, 5, 80000, 80050, 120050, 1234567800} {
		back, err := ParseAmount(c.String())
		if err != nil || back != c {
			t.Errorf("%d -> %q -> %d, %v", c, c.String(), back, err)
		}
	}
}
