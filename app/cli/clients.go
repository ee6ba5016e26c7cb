package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
	"matchday/app/ui"
	"matchday/data"
)

// clientJSON is one client in `clients --json` and `client NAME --json`
// (see README): snake_case field names that are only ever added to.
type clientJSON struct {
	Name        string      `json:"name"`
	Key         string      `json:"key"`
	FirstDay    data.Day    `json:"first_day"`
	LastDay     data.Day    `json:"last_day"`
	Wins        int         `json:"wins"`
	Total       data.Cents  `json:"total_cents"`
	Returning   bool        `json:"returning"`
	FirstAmount *data.Cents `json:"first_amount_cents"`
	LastAmount  *data.Cents `json:"last_amount_cents"`
	Climb       float64     `json:"climb"`
}

func newClientJSON(c data.Client) clientJSON {
	return clientJSON{Name: c.Name, Key: c.Key, FirstDay: c.FirstDay, LastDay: c.LastDay, Wins: c.Wins, Total: c.Total,
		Returning: c.Returning, FirstAmount: c.FirstAmount, LastAmount: c.LastAmount, Climb: c.Climb}
}

// clientsJSON is `matchday clients --json`.
type clientsJSON struct {
	Currency data.Currency `json:"currency"`
	Clients  []clientJSON  `json:"clients"`
}

// stepJSON is one win of a ladder in `client NAME --json`.
type stepJSON struct {
	UUID     string      `json:"uuid"`
	Day      data.Day    `json:"day"`
	Text     string      `json:"text"`
	Note     string      `json:"note"`
	Client   string      `json:"client"`
	Amount   *data.Cents `json:"amount_cents"`
	Booking  int         `json:"booking"`
	Previous *data.Cents `json:"previous_amount_cents"`
	StepUp   float64     `json:"step_up"`
}

// stepUpJSON is a ladder's biggest step up.
type stepUpJSON struct {
	UUID   string     `json:"uuid"`
	Day    data.Day   `json:"day"`
	From   data.Cents `json:"from_cents"`
	To     data.Cents `json:"to_cents"`
	Factor float64    `json:"factor"`
}

// ladderJSON is `matchday client NAME --json`.
type ladderJSON struct {
	Currency      data.Currency `json:"currency"`
	Client        clientJSON    `json:"client"`
	Steps         []stepJSON    `json:"steps"`
	BiggestStepUp *stepUpJSON   `json:"biggest_step_up"`
}

// clientOrders are the --sort values of `clients`.
var clientOrders = map[string]data.ClientOrder{"last": data.ByLast, "total": data.ByTotal, "climb": data.ByClimb}

// runClients opens the Clients window, or with --json prints every client.
func (c *cli) runClients(args []string) error {
	fs := flags("clients")
	asJSON := fs.Bool("json", false, "")
	sortBy := fs.String("sort", "last", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "clients"})
	}
	order, ok := clientOrders[*sortBy]
	if !ok {
		return usagef("cli.error.clientsSort", map[string]any{"Sort": *sortBy})
	}
	if !*asJSON {
		return c.openWindow(ui.WindowClients)
	}
	s, err := c.openForReading()
	if err != nil {
		return err
	}
	ctx := context.Background()
	set, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	clients, err := s.Clients(ctx)
	if err != nil {
		return err
	}
	data.SortClients(clients, order)
	out := clientsJSON{Currency: set.Currency, Clients: make([]clientJSON, len(clients))}
	for i, cl := range clients {
		out.Clients[i] = newClientJSON(cl)
	}
	return printJSON(c, out)
}

// runClient prints one client's ladder. NAME may have spaces, and --json
// may come before or after it ("--" ends the flags, for a name that starts
// with a dash).
func (c *cli) runClient(args []string) error {
	var asJSON bool
	var words []string
	for i, a := range args {
		switch {
		case a == "--":
			words = append(words, args[i+1:]...)
		case a == "--json" || a == "-json":
			asJSON = true
			continue
		case strings.HasPrefix(a, "-"):
			return usageError{fmt.Sprintf("client: flag provided but not defined: %s", a)}
		default:
			words = append(words, a)
			continue
		}
		break
	}
	name := strings.Join(words, " ")
	if data.ClientKey(name) == "" {
		return usagef("cli.error.clientName")
	}
	s, err := c.openForReading()
	if err != nil {
		return err
	}
	ctx := context.Background()
	set, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	l, err := s.Ladder(ctx, name)
	if errors.Is(err, data.ErrNotFound) {
		return text.Message{Text: lang.L("cli.error.noClient", map[string]any{"Name": name})}
	}
	if err != nil {
		return err
	}
	if asJSON {
		out := ladderJSON{Currency: set.Currency, Client: newClientJSON(l.Client), Steps: make([]stepJSON, len(l.Steps))}
		for i, st := range l.Steps {
			out.Steps[i] = stepJSON{UUID: st.UUID, Day: st.Day, Text: st.Text, Note: st.Note, Client: st.Client,
				Amount: st.Amount, Booking: st.Booking, Previous: st.Previous, StepUp: st.StepUp}
		}
		if u := l.BiggestStepUp; u != nil {
			out.BiggestStepUp = &stepUpJSON{UUID: u.UUID, Day: u.Day, From: u.From, To: u.To, Factor: u.Factor}
		}
		return printJSON(c, out)
	}
	w := c.env.Stdout
	fmt.Fprintln(w, l.Client.Name+": "+text.ClientSummary(l.Client, set.Currency))
	for _, st := range l.Steps {
		parts := []string{text.MediumDate(st.Day)}
		if st.Amount != nil {
			parts = append(parts, text.Amount(*st.Amount, set.Currency))
		}
		if st.StepUp > 0 {
			parts = append(parts, "▲ "+text.Factor(st.StepUp))
		}
		parts = append(parts, text.OneLine(st.Text))
		fmt.Fprintln(w, "  "+strings.Join(parts, " · "))
	}
	if u := l.BiggestStepUp; u != nil {
		fmt.Fprintln(w, lang.L("cli.client.biggest", map[string]any{"StepUp": text.StepUp(*u, set.Currency), "Day": text.MediumDate(u.Day)}))
	}
	return nil
}

// printJSON writes v indented, as the other --json verbs do.
func printJSON(c *cli, v any) error {
	enc := json.NewEncoder(c.env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
