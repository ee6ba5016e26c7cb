package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// ErrNotEmpty is returned by Demo for a journal that already has entries.
var ErrNotEmpty = errors.New("the journal already has entries")

// demoText holds the phrases the demo data is made of, per language.
type demoText struct {
	wins      []string
	clients   []string
	wentWell  []string
	repeatHow []string
	focus     []string
}

var demoTexts = map[string]demoText{
	"en": {
		wins: []string{
			"Signed the %d EUR course with %s", "%s booked the follow-up coaching", "Closed the proposal for %s",
			"Great discovery call with %s", "%s renewed for another quarter", "Workshop sold out",
			"Got a referral from %s", "Published the case study", "Finished the sales page",
			"Two new newsletter sign-ups from the webinar", "%s said the session changed her week",
			"Followed up with every open lead", "Raised my day rate, nobody blinked", "Delivered the report a day early",
			"Podcast interview recorded", "%s upgraded to the %d EUR package", "Cold email got a reply from %s",
			"Invoice paid on time by %s", "Kept the morning block free for deep work", "Said no to a bad-fit client",
		},
		clients: []string{"Anna", "Mr. Keller", "Studio Nord", "Jonas", "Miriam", "Bäckerei Huber", "Lea", "Tom", "Ayşe", "Greenfield Ltd"},
		wentWell: []string{
			"I asked for the sale instead of waiting.", "Prepared the call with three questions, and it flowed.",
			"Followed up the same day, while it was fresh.", "Stayed calm when the price question came.",
			"Blocked two hours without email and finished the offer.", "Listened more than I talked.",
			"Told the story of a client who went from the course to coaching.", "Started early and did the hard call first.",
		},
		repeatHow: []string{
			"Write the three questions before every call.", "Follow up within 24 hours, every time.",
			"Keep the first hour for the most important call.", "Name the price once, then stay quiet.",
			"Send the next offer while the client is happy.", "Put the deep-work block in the calendar the night before.",
			"Ask every happy client for one referral.",
		},
		focus: []string{
			"Ask for the next step at the end of each call", "Follow up the two open proposals", "Name my price without discount",
			"One referral request today", "Finish the offer before lunch", "Listen first, pitch second",
			"Call back the client from last week", "Write the newsletter in one block",
		},
	},
	"de": {
		wins: []string{
			"Den %d-EUR-Kurs an %s verkauft", "%s hat das Folgecoaching gebucht", "Angebot für %s unterschrieben",
			"Starkes Erstgespräch mit %s", "%s verlängert um ein weiteres Quartal", "Workshop ausgebucht",
			"Empfehlung von %s bekommen", "Fallstudie veröffentlicht", "Verkaufsseite fertig",
			"Zwei neue Newsletter-Anmeldungen nach dem Webinar", "%s sagt, die Sitzung hat ihre Woche verändert",
			"Alle offenen Leads nachgefasst", "Tagessatz erhöht, niemand hat gezuckt", "Bericht einen Tag früher geliefert",
			"Podcast-Interview aufgenommen", "%s steigt auf das %d-EUR-Paket um", "Kaltakquise-Mail: Antwort von %s",
			"Rechnung von %s pünktlich bezahlt", "Vormittag für Fokusarbeit freigehalten", "Nein zu einem unpassenden Kunden gesagt",
		},
		clients: []string{"Anna", "Herr Keller", "Studio Nord", "Jonas", "Miriam", "Bäckerei Huber", "Lea", "Tom", "Ayşe", "Müller GmbH"},
		wentWell: []string{
			"Ich habe nach dem Abschluss gefragt, statt zu warten.", "Das Gespräch mit drei Fragen vorbereitet – es lief.",
			"Noch am selben Tag nachgefasst.", "Bei der Preisfrage ruhig geblieben.",
			"Zwei Stunden ohne E-Mail, und das Angebot war fertig.", "Mehr zugehört als geredet.",
			"Die Geschichte einer Kundin erzählt, die vom Kurs ins Coaching ging.", "Früh angefangen, das schwerste Telefonat zuerst.",
		},
		repeatHow: []string{
			"Vor jedem Gespräch drei Fragen aufschreiben.", "Innerhalb von 24 Stunden nachfassen, immer.",
			"Die erste Stunde gehört dem wichtigsten Anruf.", "Den Preis einmal nennen, dann schweigen.",
			"Das nächste Angebot schicken, solange die Kundin begeistert ist.", "Den Fokusblock am Vorabend in den Kalender legen.",
			"Jede zufriedene Kundin um eine Empfehlung bitten.",
		},
		focus: []string{
			"Am Ende jedes Gesprächs nach dem nächsten Schritt fragen", "Die zwei offenen Angebote nachfassen",
			"Meinen Preis ohne Rabatt nennen", "Heute eine Empfehlung erfragen", "Angebot vor dem Mittag fertig",
			"Erst zuhören, dann anbieten", "Den Kunden von letzter Woche zurückrufen", "Newsletter in einem Block schreiben",
		},
	},
}

// Demo fills an empty journal with about years of realistic entries ending
// today: wins on most workdays (more in good seasons), evenings on most days,
// mornings on many, rest weekends, holidays and lapses; clients who climb a
// ladder over the seasons (60 → 800 → 5,000 → 9,000 €), some who come back,
// many one-offs, and now and then a win added a day later. lang is "de" or
// "en".
// It writes everything in one transaction and refuses a journal with entries.
func (s *Store) Demo(ctx context.Context, years int, lang string, seed uint64) (Counts, error) {
	texts, ok := demoTexts[lang]
	if !ok {
		texts = demoTexts["en"]
	}
	if years < 1 || years > 50 {
		return Counts{}, fmt.Errorf("data: demo: years must be 1 to 50, not %d", years)
	}
	now := s.now()
	var today Day
	err := s.write(ctx, writeOpts{prepare: withCache(importCacheKiB)}, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM wins) + (SELECT count(*) FROM evenings) + (SELECT count(*) FROM mornings)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrNotEmpty
		}
		h, err := s.dayStartHour(ctx, tx)
		if err != nil {
			return err
		}
		today = DayOf(now, h)
		from := today.AddDays(-365*years + 1)
		g := demoGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), texts: texts, zone: zoneName(now), today: today, now: now,
			todayStart: today.Date(now.Location()).Add(time.Duration(h) * time.Hour),
			growFrom:   today.AddDays(-365*min(years, demoGrowthYears) + 1), clients: newDemoClients(seed, lang, from, today)}
		return g.write(ctx, tx, from)
	})
	if err != nil {
		return Counts{}, fmt.Errorf("data: demo: %w", err)
	}
	return s.WinCounts(ctx, today)
}

// demoGrowthYears is how many years the demo's practice grows, up to today:
// from one win a working day to three and a half. Before that, a longer
// demo stays at one, so its size grows linearly with its years (a growth
// over all of them made fifty years sixteen times ten years' wins).
const demoGrowthYears = 10

type demoGen struct {
	rng   *rand.Rand
	texts demoText
	zone  string
	today Day
	now   time.Time
	// todayStart is when today (the logical day) began.
	todayStart time.Time
	growFrom   Day // where the growth starts (see demoGrowthYears)
	clients    *demoClients
}

func (g *demoGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// past keeps a time before now: a demo made at 10:00 shows the wins logged
// so far today, not one at 14:44, and no evening made up tomorrow. A time
// that would be later goes halfway from prev (the time before it that day,
// or today's start) to now, so the day's times keep their order.
func (g *demoGen) past(t, prev time.Time) time.Time {
	latest := g.now.Add(-time.Second)
	if !t.After(latest) {
		return t
	}
	if prev.After(latest) {
		return latest
	}
	return prev.Add(latest.Sub(prev) / 2)
}

func (g *demoGen) write(ctx context.Context, tx *sql.Tx, from Day) error {
	winStmt, err := tx.PrepareContext(ctx, `INSERT INTO wins (uuid, day, text, note, client, amount_cents, created_at, updated_at, zone, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer winStmt.Close()
	eveStmt, err := tx.PrepareContext(ctx, `INSERT INTO evenings (uuid, day, went_well, repeat_how, focus_result, created_at, updated_at, celebrated_at, made_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer eveStmt.Close()
	morStmt, err := tx.PrepareContext(ctx, `INSERT INTO mornings (uuid, day, focus, created_at, updated_at, set_at) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer morStmt.Close()

	lapse := 0 // days left in a lapse (holiday, illness, a busy stretch)
	for day := from; !day.After(g.today); day = day.AddDays(1) {
		isToday := day == g.today
		if lapse > 0 {
			lapse--
			continue
		}
		if !isToday && g.rng.IntN(120) == 0 {
			lapse = 3 + g.rng.IntN(12)
		}
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		if weekend && g.rng.IntN(5) != 0 {
			continue
		}
		// Seasons: a slow start, steady growth over the last ten years, a
		// dip in August.
		years := max(float64(day.DaysSince(g.growFrom))/365, 0)
		mean := 1.0 + years*0.25
		if day.Month() == time.August {
			mean *= 0.5
		}
		trained := g.rng.Float64() < 0.7
		base := day.Date(time.UTC).Add(7*time.Hour + time.Duration(g.rng.IntN(90))*time.Minute)
		if isToday {
			trained = true
		}
		base = g.past(base, g.todayStart)
		if trained {
			set := base
			if _, err := morStmt.ExecContext(ctx, newUUID(), day.String(), g.pick(g.texts.focus), formatTS(set), formatTS(set), formatTS(set)); err != nil {
				return err
			}
		}
		nWins := g.poisson(mean)
		if isToday {
			nWins = min(nWins, 2)
		}
		t, prev := base.Add(2*time.Hour), base
		for i := 0; i < nWins; i++ {
			t = g.past(t.Add(time.Duration(20+g.rng.IntN(120))*time.Minute), prev)
			prev = t
			if err := g.writeWin(ctx, winStmt, day, t); err != nil {
				return err
			}
		}
		if isToday || g.rng.Float64() > 0.8 {
			continue // today's evening is still open; some evenings are skipped
		}
		madeUp := g.rng.IntN(15) == 0
		at := g.past(day.Date(time.UTC).Add(19*time.Hour+time.Duration(g.rng.IntN(180))*time.Minute), prev)
		if madeUp {
			// made up a day or two later, but not later than now
			at = g.past(at.Add(time.Duration(1+g.rng.IntN(2))*24*time.Hour), at)
		}
		var focus any
		if trained {
			focus = []string{"yes", "yes", "partly", "no"}[g.rng.IntN(4)]
		}
		if _, err := eveStmt.ExecContext(ctx, newUUID(), day.String(), g.pick(g.texts.wentWell), g.pick(g.texts.repeatHow), focus,
			formatTS(at), formatTS(at), formatTS(at), madeUp); err != nil {
			return err
		}
	}
	return nil
}

// writeWin writes one win: a due ladder step if there is one, else an
// ordinary win. The draws from g.rng stay as they were before clients had
// ladders (the clients come from their own RNG), so the days and counts of
// a demo do too.
func (g *demoGen) writeWin(ctx context.Context, stmt *sql.Stmt, day Day, t time.Time) error {
	g.pick(g.texts.clients) // kept for the draw; demoClients names the clients
	tmpl := g.pick(g.texts.wins)
	var amount any
	price := []int{60, 120, 800, 1500, 5000, 9000}[g.rng.IntN(6)]
	var text, client string
	switch strings.Count(tmpl, "%") {
	case 2:
		client = g.clients.other()
		text = fill(tmpl, client, price)
		amount = int64(price) * 100
	case 1:
		client = g.clients.other()
		text = fmt.Sprintf(tmpl, client)
	default:
		text = tmpl
	}
	booking, isBooking := g.clients.due(day)
	if isBooking {
		text, client = g.clients.bookingText(booking)
		amount = int64(booking.amount) * 100
	}
	created := g.clients.createdAt(t, g.today, day)
	if created.After(t) { // added a day later, which is not after now
		created = g.past(created, t)
	}
	var deleted any
	if g.rng.IntN(200) == 0 && !isBooking {
		deleted = formatTS(g.past(created.Add(time.Minute), created))
	}
	_, err := stmt.ExecContext(ctx, newUUID(), day.String(), text, "", client, amount, formatTS(created), formatTS(created), g.zone, deleted)
	return err
}

// poisson draws a small count with the given mean (Knuth's method).
func (g *demoGen) poisson(mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
