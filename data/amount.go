package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Cents is an amount of money in cents (hundredths) of the journal's
// currency (see Currency).
type Cents int64

// MaxAmount is the largest amount a win may carry (one billion euros).
const MaxAmount Cents = 100_000_000_000

// ErrBadAmount is returned for text that is not an amount.
var ErrBadAmount = errors.New("not an amount")

// ParseAmount reads an amount the way people type it, in German or English
// habits: "800", "800,50", "1.200 €", "1,200.50 EUR", "$90", "CHF 75". A
// currency sign or code at either end is taken off. A separator followed by
// exactly three digits groups thousands; one followed by one or two digits at
// the end is the decimal point. Anything else is refused.
func ParseAmount(s string) (Cents, error) {
	orig := s
	s = trimCurrency(s)
	bad := fmt.Errorf("%q is %w", orig, ErrBadAmount)
	if s == "" {
		return 0, bad
	}
	// The last separator is the decimal point when it occurs once and one
	// or two digits follow it; otherwise every separator groups thousands.
	intPart, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		tail := s[i+1:]
		if (len(tail) == 1 || len(tail) == 2) && strings.Count(s, s[i:i+1]) == 1 {
			intPart, frac = s[:i], tail
		}
	}
	digits, ok := groupedDigits(intPart)
	if !ok || !allDigits(frac) {
		return 0, bad
	}
	if len(frac) == 1 {
		frac += "0"
	}
	if frac == "" {
		frac = "00"
	}
	if len(digits) > 10 {
		return 0, bad
	}
	n, err := strconv.ParseInt(digits+frac, 10, 64)
	if err != nil || Cents(n) > MaxAmount {
		return 0, bad
	}
	return Cents(n), nil
}

// groupedDigits accepts "1200", "1.200", "1,200", "1 200", "12.345.678" and
// returns the bare digits; groups after the first must have three digits and
// use one separator throughout.
func groupedDigits(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if allDigits(s) {
		return s, true
	}
	sep := rune(0)
	groups := strings.FieldsFunc(s, func(r rune) bool {
		if r == '.' || r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' {
			if sep == 0 {
				sep = r
			}
			return true
		}
		return false
	})
	if strings.Count(s, string(sep)) != len(groups)-1 {
		return "", false
	}
	for i, g := range groups {
		if !allDigits(g) || g == "" || (i == 0 && len(g) > 3) || (i > 0 && len(g) != 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// String formats the amount in German habits, "1.200,50 €"; whole amounts
// drop the cents ("800 €"). The app formats by the user's language with
// Format.
func (c Cents) String() string { return c.Format(".", ",") }

// Format writes the amount with the given thousands separator and decimal
// mark, and the euro sign after it: Format(",", ".") is "1,200.50 €" (as
// English writes it), Format(".", ",") "1.200,50 €" (German). Whole amounts
// drop the cents ("800 €").
func (c Cents) Format(thousands, decimal string) string {
	neg := c < 0
	if neg {
		c = -c
	}
	whole := strconv.FormatInt(int64(c/100), 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if c%100 != 0 {
		fmt.Fprintf(&b, "%s%02d", decimal, int64(c%100))
	}
	b.WriteString(" €")
	return b.String()
}
