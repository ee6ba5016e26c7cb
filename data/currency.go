package data

import "strings"

// Currency is the journal's one currency, an ISO 4217 code. Every amount is
// integer cents (hundredths) of it; the app formats them in the UI
// language, and the CSV and JSON exports name it.
type Currency string

// The currencies Settings offers.
const (
	EUR Currency = "EUR"
	USD Currency = "USD"
	GBP Currency = "GBP"
	CHF Currency = "CHF"
)

// DefaultCurrency is a new journal's currency.
const DefaultCurrency = EUR

// Currencies are the currencies to choose from, in the order Settings
// lists them.
var Currencies = []Currency{EUR, USD, GBP, CHF}

// Valid reports whether c is one of Currencies.
func (c Currency) Valid() bool {
	for _, k := range Currencies {
		if c == k {
			return true
		}
	}
	return false
}

// Symbol returns the sign the currency is written with: "€", "$", "£",
// and "CHF" for the Swiss franc, which is written with its code.
func (c Currency) Symbol() string {
	switch c {
	case EUR:
		return "€"
	case USD:
		return "$"
	case GBP:
		return "£"
	}
	return string(c)
}

// currencyMarks are the signs and codes ParseAmount takes off an amount.
var currencyMarks = []string{"€", "$", "£", "Fr.", "EUR", "Eur", "eur", "USD", "usd", "GBP", "gbp", "CHF", "Chf", "chf"}

// trimCurrency takes one currency sign or code off either end of s.
func trimCurrency(s string) string {
	s = strings.TrimSpace(s)
	for _, m := range currencyMarks {
		if t, ok := strings.CutPrefix(s, m); ok {
			return strings.TrimSpace(t)
		}
		if t, ok := strings.CutSuffix(s, m); ok {
			return strings.TrimSpace(t)
		}
	}
	return s
}
