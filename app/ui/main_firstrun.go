package ui

import (
	"log"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/desktop"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// firstRunPanel is what the main window shows on a new journal's first
// launch, in place of its usual content: the daily rhythm in three lines,
// the two reminder times and "start at login" to confirm, and one button
// to start. Nothing else opens meanwhile (the agent sends no reminder to a
// journal waiting for its first run). Start saves the settings through the
// settings' save path and records the journal's start on this machine
// (data.Store.StartJournal); the window then shows its usual content.
type firstRunPanel struct {
	m *mainWindow

	title        *widget.Label
	rhythm       []*widget.Label
	evening      *widget.Entry
	morning      *widget.Entry
	eveningErr   *widget.Label
	morningErr   *widget.Label
	startAtLogin *widget.Check
	start        *widget.Button
	content      fyne.CanvasObject
}

// newFirstRunPanel builds the panel with the stored settings' times (the
// defaults on a new journal), or, when the window is drawn again in another
// language, with what prev holds.
func newFirstRunPanel(m *mainWindow, prev *firstRunPanel) *firstRunPanel {
	p := &firstRunPanel{m: m}
	set, err := m.ui.store.Settings(m.ui.ctx)
	if err != nil {
		log.Printf("matchday: %v", err) // the defaults are shown; Start says more
	}
	p.title = widget.NewLabel(lang.L("firstRun.title"))
	p.title.TextStyle = fyne.TextStyle{Bold: true}
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Wrapping = fyne.TextWrapWord
	for _, key := range []string{"firstRun.day", "firstRun.evening", "firstRun.morning"} {
		l := widget.NewLabel(lang.L(key))
		l.Wrapping = fyne.TextWrapWord
		p.rhythm = append(p.rhythm, l)
	}
	p.evening = p.timeEntry(set.EveningTime.String())
	p.morning = p.timeEntry(set.MorningTime.String())
	p.eveningErr = errorLabel()
	p.morningErr = errorLabel()
	p.startAtLogin = widget.NewCheck(lang.L("firstRun.startAtLogin"), nil)
	p.startAtLogin.Checked = true
	if prev != nil {
		p.evening.SetText(prev.evening.Text)
		p.morning.SetText(prev.morning.Text)
		p.startAtLogin.Checked = prev.startAtLogin.Checked
	}
	p.start = widget.NewButtonWithIcon(lang.L("firstRun.start"), theme.ConfirmIcon(), p.onStart)
	p.start.Importance = widget.HighImportance

	times := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("firstRun.eveningAt")), container.NewVBox(timeBox(p.evening), p.eveningErr),
		widget.NewLabel(lang.L("firstRun.morningAt")), container.NewVBox(timeBox(p.morning), p.morningErr),
	)
	reminders := promptLabel(lang.L("firstRun.reminders"))
	body := container.NewVBox(p.title)
	for _, l := range p.rhythm {
		body.Add(l)
	}
	body.Add(widget.NewSeparator())
	body.Add(reminders)
	body.Add(times)
	body.Add(p.startAtLogin)
	body.Add(container.NewHBox(p.start))
	p.content = container.NewVScroll(container.New(&mdwidget.ColumnLayout{Max: mainColumnWidth}, body))
	return p
}

// timeBox holds a time entry at the width of a time, not the window's.
func timeBox(e *widget.Entry) fyne.CanvasObject {
	return container.NewHBox(container.New(mdwidget.MinWidthLayout{Width: 96}, e))
}

// timeEntry is an entry for a reminder time, HH:MM; Enter starts.
func (p *firstRunPanel) timeEntry(value string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(value)
	e.SetPlaceHolder("20:00")
	e.OnChanged = func(string) { p.clearErrors() }
	e.OnSubmitted = func(string) { p.onStart() }
	return e
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func (p *firstRunPanel) clearErrors() {
	for _, l := range []*widget.Label{p.eveningErr, p.morningErr} {
		if l.Visible() {
			l.SetText("")
			l.Hide()
		}
	}
}

// readTime reads the time typed in e, or says under it what is wrong.
func readTime(e *widget.Entry, errLabel *widget.Label) (data.ClockTime, bool) {
	typed := strings.TrimSpace(e.Text)
	t, err := data.ParseClockTime(strings.ReplaceAll(typed, ".", ":"))
	if err != nil {
		msg := lang.L("firstRun.badTime", map[string]any{"Time": typed})
		if typed == "" {
			msg = lang.L("firstRun.noTime")
		}
		errLabel.SetText(msg)
		errLabel.Show()
		return data.ClockTime{}, false
	}
	return t, true
}

// onStart saves the times and "start at login" and shows the main window's
// usual content. A time that is not one is refused under its entry, and
// nothing is saved; what was typed stays.
func (p *firstRunPanel) onStart() {
	u := p.m.ui
	evening, okEvening := readTime(p.evening, p.eveningErr)
	morning, okMorning := readTime(p.morning, p.morningErr)
	if !okEvening || !okMorning {
		return
	}
	set, err := u.store.Settings(u.ctx)
	if err != nil {
		u.showError(p.m.win, err)
		return
	}
	set.EveningTime, set.MorningTime = evening, morning
	set.StartAtLogin = p.startAtLogin.Checked
	args := desktop.AgentArgs(u.store.Path(), os.Getenv)
	if set.StartAtLogin {
		if err := u.autostart.Set(true, args...); err != nil {
			u.showError(p.m.win, &autostartError{err})
			return
		}
	}
	if err := u.store.StartJournal(u.ctx, set); err != nil {
		if set.StartAtLogin {
			if err := u.autostart.Set(false, args...); err != nil {
				log.Printf("matchday: take back the login entry: %v", err)
			}
		}
		u.showError(p.m.win, err)
		return
	}
	u.firstRun = false
	p.m.endFirstRun()
}
