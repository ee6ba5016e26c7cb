package text

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// Clients, ladders and amounts in words, shared by the windows and the
// command line.

// Amount writes c in cur the way the user's language does: "€1,200.50",
// "CHF 75" in English, "1.200,50 €", "75 CHF" in German. Whole amounts drop
// the cents.
func Amount(c data.Cents, cur data.Currency) string {
	neg := c < 0
	if neg {
		c = -c
	}
	number := Count(int(c / 100))
	if c%100 != 0 {
		number += lang.L("amount.decimalMark") + strconv.FormatInt(int64(c%100)+100, 10)[1:]
	}
	if neg {
		number = "-" + number
	}
	if cur == "" {
		cur = data.DefaultCurrency
	}
	symbol := cur.Symbol()
	if lang.L("amount.symbolFirst") != "true" {
		return number + "\u00a0" + symbol
	}
	if len([]rune(symbol)) > 1 {
		return symbol + "\u00a0" + number
	}
	return symbol + number
}

// Factor writes a step up, "×6.25" or "×6,25".
func Factor(f float64) string {
	return "×" + strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", lang.L("amount.decimalMark"), 1)
}

// Ordinal writes n as an ordinal number: "3rd" in English, "3." in German.
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return lang.L("ordinal", map[string]any{"N": n, "Suffix": suffix})
}

// BookingMeta is the line under a win with a client: "Anna · 3rd time ·
// €800", the ordinal only from the second booking on.
func BookingMeta(client string, booking int, amount *data.Cents, cur data.Currency) string {
	parts := []string{client}
	if booking > 1 {
		parts = append(parts, lang.L("clients.booking", map[string]any{"Ordinal": Ordinal(booking)}))
	}
	if amount != nil {
		parts = append(parts, Amount(*amount, cur))
	}
	return strings.Join(parts, " · ")
}

// CameBack is the evening's line for a returning client: "Anna came back:
// 3rd booking, €800 → €5,000".
func CameBack(b data.Booking, cur data.Currency) string {
	args := map[string]any{"Client": b.Client, "Ordinal": Ordinal(b.Number)}
	switch {
	case b.Amount != nil && b.Previous != nil:
		args["From"], args["To"] = Amount(*b.Previous, cur), Amount(*b.Amount, cur)
		return lang.L("clients.cameBack.fromTo", args)
	case b.Amount != nil:
		args["To"] = Amount(*b.Amount, cur)
		return lang.L("clients.cameBack.amount", args)
	}
	return lang.L("clients.cameBack", args)
}

// Names joins names for a sentence: "Anna, Jonas and Lea".
func Names(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + lang.L("clients.and") + names[len(names)-1]
}

// StepUp is "Anna: €800 → €5,000 (×6.25)".
func StepUp(u data.StepUp, cur data.Currency) string {
	return lang.L("clients.stepUp", map[string]any{
		"Client": u.Client, "From": Amount(u.From, cur), "To": Amount(u.To, cur), "Factor": Factor(u.Factor),
	})
}

// SeasonClientsLine is "Clients 2026: €48,200 logged · 31 new · 12 came back
// · biggest step up: Anna €800 → €5,000 (×6.25)".
func SeasonClientsLine(year int, s data.SeasonClients, cur data.Currency) string {
	parts := []string{
		lang.L("clients.season.amount", map[string]any{"Amount": Amount(s.Amount, cur)}),
		lang.L("clients.season.new", map[string]any{"Count": Count(s.New)}),
		lang.L("clients.season.returning", map[string]any{"Count": Count(s.Returning)}),
	}
	if s.BiggestStepUp != nil {
		parts = append(parts, lang.L("clients.season.biggest", map[string]any{"StepUp": StepUp(*s.BiggestStepUp, cur)}))
	}
	return lang.L("clients.season.title", map[string]any{"Year": year}) + ": " + strings.Join(parts, " · ")
}

// ClientSummary is "4 wins · 5 Mar 2024 – 1 Jun 2026 · €14,860 · came
// back · climb ×150".
func ClientSummary(c data.Client, cur data.Currency) string {
	parts := []string{Plural("clients.wins", c.Wins)}
	if c.FirstDay == c.LastDay {
		parts = append(parts, MediumDate(c.FirstDay))
	} else {
		parts = append(parts, MediumDate(c.FirstDay)+" – "+MediumDate(c.LastDay))
	}
	if c.Total != 0 {
		parts = append(parts, Amount(c.Total, cur))
	}
	if c.Returning {
		parts = append(parts, lang.L("clients.returning"))
	}
	if c.Climb > 1 {
		parts = append(parts, lang.L("clients.climb", map[string]any{"Factor": Factor(c.Climb)}))
	}
	return strings.Join(parts, " · ")
}

// MediumDate is "5 Mar 2024" (English) or "5.3.2024" (German).
func MediumDate(d data.Day) string {
	return lang.L("date.medium", map[string]any{
		"Day": d.DayOfMonth(), "MonthShort": MonthShort(d.Month()), "MonthNumber": int(d.Month()), "Year": d.Year(),
	})
}
