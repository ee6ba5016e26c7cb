package text

import (
	"fmt"
	"testing"

	"matchday/data"
)

func cents(c data.Cents) *data.Cents { return &c }

func TestAmountInEachLanguage(t *testing.T) {
	for _, tc := range []struct {
		language string
		c        data.Cents
		cur      data.Currency
		want     string
	}{
		{"en", 120050, data.EUR, "€1,200.50"},
		{"en", 80000, data.USD, "$800"},
		{"en", 5, data.GBP, "£0.05"},
		{"en", 7500, data.CHF, "CHF\u00a075"},
		{"en", 123456789, "", "€1,234,567.89"},
		{"de", 120050, data.EUR, "1.200,50\u00a0€"},
		{"de", 80000, data.USD, "800\u00a0$"},
		{"de", 7500, data.CHF, "75\u00a0CHF"},
		{"de", -6000, data.EUR, "-60\u00a0€"},
	} {
		t.Run(fmt.Sprint(tc.language, tc.c, tc.cur), func(t *testing.T) {
			useLanguage(t, tc.language)
			if got := Amount(tc.c, tc.cur); got != tc.want {
				t.Errorf("Amount(%d, %q) = %q, want %q", tc.c, tc.cur, got, tc.want)
			}
		})
	}
}

func TestClientWords(t *testing.T) {
	up := data.StepUp{Client: "Anna", From: 80000, To: 500000, Factor: 6.25}
	b := data.Booking{Client: "Anna", Number: 3, Returning: true, Amount: cents(500000), Previous: cents(80000)}
	season := data.SeasonClients{Amount: 4820000, New: 31, Returning: 12, BiggestStepUp: &up}
	for _, tc := range []struct {
		language string
		got      func() string
		want     string
	}{
		{"en", func() string { return Factor(6.25) }, "×6.25"},
		{"de", func() string { return Factor(6.25) }, "×6,25"},
		{"en", func() string {
			return Ordinal(1) + Ordinal(2) + Ordinal(3) + Ordinal(4) + Ordinal(11) + Ordinal(12) + Ordinal(13) + Ordinal(21) + Ordinal(112)
		}, "1st2nd3rd4th11th12th13th21st112th"},
		{"de", func() string { return Ordinal(3) }, "3."},
		{"en", func() string { return BookingMeta("Anna", 3, cents(80000), data.EUR) }, "Anna · 3rd time · €800"},
		{"en", func() string { return BookingMeta("Anna", 1, nil, data.EUR) }, "Anna"},
		{"de", func() string { return BookingMeta("Anna", 3, cents(80000), data.EUR) }, "Anna · zum 3. Mal · 800\u00a0€"},
		{"en", func() string { return CameBack(b, data.EUR) }, "Anna came back: 3rd booking, €800 → €5,000"},
		{"de", func() string { return CameBack(b, data.EUR) }, "Anna ist wieder da: 3. Buchung, 800\u00a0€ → 5.000\u00a0€"},
		{"en", func() string { return CameBack(data.Booking{Client: "Jo", Number: 2}, data.EUR) }, "Jo came back: 2nd booking"},
		{"en", func() string { return Names([]string{"Anna", "Jonas", "Lea"}) }, "Anna, Jonas and Lea"},
		{"de", func() string { return Names([]string{"Anna", "Jonas"}) }, "Anna und Jonas"},
		{"en", func() string { return SeasonClientsLine(2026, season, data.EUR) }, "Clients 2026: €48,200 logged · 31 new · 12 came back · biggest step up: Anna €800 → €5,000 (×6.25)"},
		{"de", func() string { return SeasonClientsLine(2026, season, data.EUR) }, "Kundschaft 2026: 48.200\u00a0€ erfasst · 31 neu · 12 wiedergekommen · größter Sprung: Anna 800\u00a0€ → 5.000\u00a0€ (×6,25)"},
		{"en", func() string {
			return ClientSummary(data.Client{Wins: 4, FirstDay: data.NewDay(2024, 3, 5), LastDay: data.NewDay(2026, 6, 1), Total: 1486000, Returning: true, Climb: 150}, data.EUR)
		},
			"4 wins · 5 Mar 2024 – 1 Jun 2026 · €14,860 · came back · climb ×150"},
		{"de", func() string {
			return ClientSummary(data.Client{Wins: 1, FirstDay: data.NewDay(2025, 5, 5), LastDay: data.NewDay(2025, 5, 5)}, data.EUR)
		}, "1 Erfolg · 5.5.2025"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			useLanguage(t, tc.language)
			if got := tc.got(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
