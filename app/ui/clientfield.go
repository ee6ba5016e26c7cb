package ui

import (
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// maxSuggestions is how many clients a client field suggests at once.
const maxSuggestions = 4

// clientField is a client entry that suggests the clients already in the
// journal as the user types, the most recent first and accent-insensitive
// ("an" finds "Änne"), so one client stays one client. A tap on a
// suggestion puts its name in the entry.
type clientField struct {
	entry       *widget.Entry
	suggestions *fyne.Container // a row of buttons; hidden when there are none
	buttons     []*widget.Button
	box         *fyne.Container

	suggest func(prefix string) ([]data.Client, error)
	// onPicked runs after a suggestion was taken (the caller moves the
	// cursor on).
	onPicked func()
	// changed is the entry's own OnChanged, still called on every change.
	changed func(string)
}

// newClientField makes entry a client field with suggestions from the
// store; the entry keeps its other handlers.
func (u *UI) newClientField(entry *widget.Entry) *clientField {
	f := &clientField{
		entry:   entry,
		suggest: func(p string) ([]data.Client, error) { return u.store.SuggestClients(u.ctx, p, maxSuggestions) },
		changed: entry.OnChanged,
	}
	f.suggestions = container.New(layout.NewRowWrapLayout())
	f.suggestions.Hide()
	f.box = container.NewVBox(entry, f.suggestions)
	entry.OnChanged = f.onChanged
	return f
}

// onChanged suggests the clients whose name starts like what is typed, or
// hides the suggestions when nothing is typed or the typed name is the only
// match.
func (f *clientField) onChanged(s string) {
	if f.changed != nil {
		f.changed(s)
	}
	var names []string
	if data.ClientKey(s) != "" {
		clients, err := f.suggest(s)
		if err != nil {
			log.Printf("matchday: %v", err) // suggestions are a help; typing goes on
		}
		for _, c := range clients {
			names = append(names, c.Name)
		}
		if len(clients) == 1 && clients[0].Key == data.ClientKey(s) {
			names = nil // what is typed is that client already
		}
	}
	f.show(names)
}

func (f *clientField) show(names []string) {
	f.buttons = f.buttons[:0]
	objs := make([]fyne.CanvasObject, 0, len(names))
	for _, name := range names {
		b := widget.NewButton(name, func() { f.pick(name) })
		b.Importance = widget.LowImportance
		f.buttons = append(f.buttons, b)
		objs = append(objs, b)
	}
	f.suggestions.Objects = objs
	if len(objs) == 0 {
		f.suggestions.Hide()
	} else {
		f.suggestions.Show()
	}
	f.suggestions.Refresh()
}

// pick takes a suggestion.
func (f *clientField) pick(name string) {
	f.entry.SetText(name)
	f.show(nil)
	if f.onPicked != nil {
		f.onPicked()
	}
}

// suggested returns the names suggested now.
func (f *clientField) suggested() []string {
	var out []string
	for _, b := range f.buttons {
		out = append(out, b.Text)
	}
	return out
}

// clear empties the entry and the suggestions.
func (f *clientField) clear() {
	f.entry.SetText("")
	f.show(nil)
}
