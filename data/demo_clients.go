package data

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// demoPeople are the names and ladder texts of the demo's clients, per
// language.
type demoPeople struct {
	first, last, companies []string
	// stars climb the longest ladders.
	stars []string
	// firstStep and nextStep are the texts of a ladder's first and later
	// bookings, with the client (%s) and the amount in euros (%d) in
	// either order.
	firstStep, nextStep []string
}

var demoPeopleTexts = map[string]demoPeople{
	"en": {
		first: []string{"Emma", "Oliver", "Sophie", "James", "Chloé", "Liam", "Zoë", "Noah", "Grace", "Ethan",
			"Amelia", "Lucas", "Isla", "Harry", "Mia", "Jack", "Ella", "Leo", "Ava", "Finn", "Renée", "Seán",
			"Olivia", "George", "Freya", "Arthur", "Poppy", "Oscar", "Ruby", "Henry", "Daisy", "Alfie"},
		last: []string{"Clarke", "Hughes", "Walsh", "Patel", "Bennett", "Murphy", "O'Brien", "Turner", "Khan",
			"Foster", "Reid", "Byrne", "Shaw", "Ellis", "Moore", "Brontë", "Novák", "Wright", "Evans", "Green",
			"Baker", "Cooper", "Ward", "Price", "Bell", "Cole", "Mason", "Hayes", "Fox", "Lloyd"},
		companies: []string{"Studio North", "Greenfield Ltd", "Brightside Coaching", "Harbour & Co", "Northwind Analytics",
			"Oakridge Dental", "Café Lumière"},
		stars: []string{"Anna Becker", "Mr. Keller", "Zoë Patel", "Liam O'Brien", "Hannah Brooks", "Dr. Singh"},
		firstStep: []string{"Signed the %d EUR course with %s", "%s bought the %d EUR starter course",
			"%s booked a %d EUR intro session"},
		nextStep: []string{"%s came back and booked the %d EUR coaching", "%s upgraded to the %d EUR package",
			"%s signed the %d EUR year programme", "%s booked the %d EUR course after the first one"},
	},
	"de": {
		first: []string{"Anna", "Jonas", "Miriam", "Lea", "Lukas", "Sophie", "Jürgen", "Ayşe", "Felix", "Hannah",
			"Maximilian", "Jörg", "Leonie", "Paul", "Emilia", "Tobias", "Clara", "Björn", "Katrin", "Matthias",
			"Greta", "Moritz", "Frieda", "Henrik", "Ida", "Konstantin", "Mila", "Niklas", "Zeynep", "Ole"},
		last: []string{"Schmidt", "Müller", "Weber", "Krüger", "Hoffmann", "Schäfer", "Becker", "Böhm", "Wagner",
			"Fischer", "Lange", "Demir", "Keller", "Huber", "Köhler", "Groß", "Schulz", "Richter", "Wolf",
			"Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Jäger", "Vogel", "Friedrich", "Yılmaz",
			"Seidel", "Brandt"},
		companies: []string{"Studio Nord", "Bäckerei Huber", "Müller GmbH", "Praxis Dr. Lange", "Weber & Söhne",
			"Kanzlei Böhm", "Café Größenwahn"},
		stars: []string{"Anna Schmidt", "Herr Keller", "Ayşe Demir", "Jürgen Böhm", "Frau Dr. Lange", "Tanzschule Wirbel"},
		firstStep: []string{"Den %d-EUR-Kurs an %s verkauft", "%s kauft den Einsteigerkurs für %d EUR",
			"%s bucht ein Erstgespräch für %d EUR"},
		nextStep: []string{"%s ist zurück und bucht das Coaching für %d EUR", "%s steigt auf das %d-EUR-Paket um",
			"%s unterschreibt das Jahresprogramm für %d EUR", "%s bucht den nächsten Kurs für %d EUR"},
	},
}

// demoLadders are the amounts (in euros) the demo's returning clients climb.
var demoLadders = [][]int{
	{60, 800, 5000, 9000},
	{60, 800, 5000, 9000},
	{120, 800, 1500, 5000, 9000},
	{60, 120, 800},
	{800, 5000, 9000},
	{60, 800},
	{800, 800, 1500},
	{120, 5000},
}

// demoBooking is one step of a demo ladder: the client books amount on day
// (or on the next day with wins).
type demoBooking struct {
	day    Day
	client string
	amount int
	first  bool
}

// demoClients chooses the demo's clients with an RNG of its own, so the
// days, counts and reflections of a demo stay what they were before clients
// had ladders.
type demoClients struct {
	rng     *rand.Rand
	people  demoPeople
	pending []demoBooking // in day order
	regular []string      // clients seen so far, who may come back
	used    map[string]bool
}

func newDemoClients(seed uint64, lang string, from, today Day) *demoClients {
	people, ok := demoPeopleTexts[lang]
	if !ok {
		people = demoPeopleTexts["en"]
	}
	c := &demoClients{rng: rand.New(rand.NewPCG(seed^0x5eed, seed+16)), people: people, used: map[string]bool{}}
	for _, star := range people.stars {
		c.used[ClientKey(star)] = true
	}
	c.schedule(from, today)
	return c
}

// schedule lays out the ladders: a few per season, the first with the
// stars, each step some months after the one before, the steps after today
// left out.
func (c *demoClients) schedule(from, today Day) {
	span := today.DaysSince(from) + 1
	years := max(1, span/365)
	gapMin, gapMax := clamp(span/12, 20, 120), clamp(span/4, 60, 330)
	n := min(2+2*years, 40)
	for i := 0; i < n; i++ {
		name := c.newName()
		if i < len(c.people.stars) {
			name = c.people.stars[i]
		}
		day := from.AddDays(c.rng.IntN(max(1, span-gapMin)))
		if i < 2 {
			day = from.AddDays(c.rng.IntN(max(1, span/10))) // the stars start early
		}
		ladder := demoLadders[c.rng.IntN(len(demoLadders))]
		if i < 2 {
			ladder = demoLadders[i]
		}
		for k, amount := range ladder {
			if day.After(today) {
				break
			}
			c.pending = append(c.pending, demoBooking{day: day, client: name, amount: amount, first: k == 0})
			day = day.AddDays(gapMin + c.rng.IntN(gapMax-gapMin+1))
		}
	}
	sortBookings(c.pending)
}

func sortBookings(b []demoBooking) {
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j].day.Before(b[j-1].day); j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

func clamp(n, lo, hi int) int { return max(lo, min(n, hi)) }

// due takes the next booking that is due on day, if any.
func (c *demoClients) due(day Day) (demoBooking, bool) {
	if len(c.pending) == 0 || c.pending[0].day.After(day) {
		return demoBooking{}, false
	}
	b := c.pending[0]
	c.pending = c.pending[1:]
	return b, true
}

// bookingText writes a ladder step; now and then the name is typed in lower
// case, which the client key folds into the same client.
func (c *demoClients) bookingText(b demoBooking) (text, client string) {
	tmpl := c.people.nextStep
	if b.first {
		tmpl = c.people.firstStep
	}
	client = b.client
	if !b.first && c.rng.IntN(8) == 0 {
		client = strings.ToLower(client)
	}
	return fill(tmpl[c.rng.IntN(len(tmpl))], b.client, b.amount), client
}

// other names the client of an ordinary win: mostly someone new (a
// one-off), sometimes someone seen before, now and then a company.
func (c *demoClients) other() string {
	switch r := c.rng.IntN(20); {
	case r < 3 && len(c.regular) > 0:
		return c.regular[c.rng.IntN(len(c.regular))]
	case r < 6:
		return c.people.companies[c.rng.IntN(len(c.people.companies))]
	}
	name := c.newName()
	if c.rng.IntN(4) == 0 {
		c.regular = append(c.regular, name)
	}
	return name
}

// newName makes up a client's name, one not used before while there are
// enough left (a long demo runs out, and some names come back).
func (c *demoClients) newName() string {
	var name string
	for try := 0; try < 8; try++ {
		name = c.people.first[c.rng.IntN(len(c.people.first))] + " " + c.people.last[c.rng.IntN(len(c.people.last))]
		if !c.used[ClientKey(name)] {
			break
		}
	}
	c.used[ClientKey(name)] = true
	return name
}

// createdAt is when a win logged at t was typed in: now and then the next
// day, added later.
func (c *demoClients) createdAt(t time.Time, today Day, day Day) time.Time {
	if day != today && c.rng.IntN(60) == 0 {
		return t.Add(24 * time.Hour)
	}
	return t
}

// fill puts client and amount into a template that has one %s and one %d
// in either order.
func fill(tmpl, client string, amount int) string {
	if strings.Index(tmpl, "%d") < strings.Index(tmpl, "%s") {
		return fmt.Sprintf(tmpl, amount, client)
	}
	return fmt.Sprintf(tmpl, client, amount)
}
