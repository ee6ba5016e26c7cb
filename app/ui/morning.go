package ui

import (
	"errors"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	mdwidget "matchday/app/widget"
	"matchday/data"
)

// morningWindow is the morning focus: last evening's answers and the day
// before's wins, then "What will I improve today?". The focus autosaves as a
// draft; Set focus saves it for the day.
type morningWindow struct {
	ritualWindow

	morning *data.Morning
	before  *data.Evening // the evening of the day before, if any

	eveningTitle  *widget.Label
	repeatHow     *widget.Label
	wentWell      *widget.Label
	answers       *fyne.Container
	noEvening     *fyne.Container
	noEveningText *widget.Label
	makeUp        *widget.Button
	winsBefore    *widget.Label
	question      *widget.Label
	focus         *mdwidget.FormEntry
	focusErr      *widget.Label
	counter       *widget.Label
	useRepeat     *widget.Button
	save          *widget.Button
	saveTip       *widget.Label
}

// ShowMorning shows the morning focus for day (today when zero). If the
// window is open it is raised and switched to day, its draft saved first.
func (u *UI) ShowMorning(day data.Day) *morningWindow {
	m := u.morning
	if m == nil {
		m = newMorningWindow(u)
		u.morning = m
	}
	m.show(day)
	return m
}

func newMorningWindow(u *UI) *morningWindow {
	m := &morningWindow{}
	forget := func() {
		if u.morning == m {
			u.morning = nil
		}
	}
	m.ritualWindow = newRitualWindow(u, "morning", m, "morning.save.tip", forget)
	m.buildUI()
	m.start(fyne.NewSize(560, 600))
	return m
}

func (m *morningWindow) buildUI() {
	m.switcher = m.newSwitcher()

	m.eveningTitle = widget.NewLabel("")
	m.eveningTitle.TextStyle = fyne.TextStyle{Bold: true}
	m.eveningTitle.SizeName = theme.SizeNameSubHeadingText
	m.repeatHow = answerLabel()
	m.wentWell = answerLabel()
	m.answers = container.NewVBox(
		hintLabel(lang.L("evening.repeatHow")), m.repeatHow,
		hintLabel(lang.L("evening.wentWell")), m.wentWell,
	)
	m.noEveningText = widget.NewLabel(lang.L("morning.noEvening"))
	m.makeUp = widget.NewButtonWithIcon(lang.L("morning.makeUp"), theme.DocumentCreateIcon(), m.onMakeUp)
	m.noEvening = container.NewVBox(m.noEveningText, container.NewHBox(m.makeUp))
	m.winsBefore = widget.NewLabel("")
	m.winsBefore.Truncation = fyne.TextTruncateEllipsis

	m.question = promptLabel(lang.L("morning.question"))
	m.question.SizeName = theme.SizeNameSubHeadingText
	m.focus = mdwidget.NewFormEntry()
	m.focus.OnShortcut = m.ui.takeShortcut(m.win)
	m.focus.SetPlaceHolder(lang.L("morning.placeholder"))
	m.focus.OnChanged = func(string) { m.onChanged() }
	m.focus.OnSubmitted = func(string) {
		if !m.save.Disabled() {
			m.onSave()
		}
	}
	m.focusErr = widget.NewLabel("")
	m.focusErr.Importance = widget.DangerImportance
	m.focusErr.Wrapping = fyne.TextWrapWord
	m.focusErr.Hide()
	m.counter = hintLabel("")
	m.counter.Alignment = fyne.TextAlignTrailing
	m.counter.Wrapping = fyne.TextWrapOff
	m.useRepeat = widget.NewButtonWithIcon(lang.L("morning.useRepeat"), theme.ContentPasteIcon(), m.onUseRepeat)
	m.useRepeat.Importance = widget.LowImportance

	m.status = hintLabel("")
	m.saveTip = hintLabel(lang.L("morning.save.tip"))
	m.save = widget.NewButtonWithIcon(lang.L("morning.save"), theme.ConfirmIcon(), m.onSave)
	m.save.Importance = widget.HighImportance

	m.body = container.NewVBox(
		m.eveningTitle, m.answers, m.noEvening, m.winsBefore,
		widget.NewSeparator(),
		m.question,
		hintLabel(lang.L("morning.hint")),
		m.focus,
		container.NewBorder(nil, nil, m.useRepeat, m.counter),
		m.focusErr,
	)
	m.win.SetContent(m.frame(m.save, m.saveTip))
}

// relabel redraws the window in the language just chosen, keeping the day
// and the focus typed (saved or not).
func (m *morningWindow) relabel() {
	old := m.focus
	hadCursor := m.win.Canvas().Focused() == old
	m.win.SetTitle(lang.L("morning.title"))
	m.buildUI()
	m.switcher.setDay(m.day)
	m.loadBefore()
	m.loading = true
	keepTyping(&m.focus.Entry, &old.Entry)
	m.loading = false
	m.updateState()
	m.status.SetText(m.standingText())
	if hadCursor {
		m.win.Canvas().Focus(m.focus)
	}
	m.body.Refresh()
}

// keepTyping moves what src holds, text and cursor, into dst: its
// replacement in a window built again in another language.
func keepTyping(dst, src *widget.Entry) {
	dst.SetText(src.Text)
	dst.CursorRow, dst.CursorColumn = src.CursorRow, src.CursorColumn
	dst.Refresh()
}

// answerLabel shows one of last evening's answers, as written.
func answerLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// load fills the window for day: the evening and wins of the day before,
// and the day's focus or draft.
func (m *morningWindow) load(day data.Day) {
	mo, err := m.ui.store.Morning(m.ui.ctx, day)
	switch {
	case errors.Is(err, data.ErrNotFound):
		m.morning = nil
	case err != nil:
		m.ui.showError(m.win, err)
		return
	default:
		m.morning = &mo
	}
	m.day = day
	m.switcher.setDay(day)
	m.loadBefore()

	m.loading = true
	text := ""
	if m.morning != nil {
		text = m.morning.Focus
	}
	m.showFocusText(text)
	m.loading = false
	m.saver.discard()
	m.updateState()
	m.status.SetText(m.standingText())
	m.body.Refresh() // lay out again: rows came and went
}

// showFocusText puts a stored focus in the entry: on several lines when an
// import merged two foci into it (with data.MergeDivider between them), so
// both show.
func (m *morningWindow) showFocusText(s string) {
	if multi := strings.Contains(s, "\n"); multi != m.focus.MultiLine {
		m.focus.MultiLine = multi
		m.focus.Wrapping = fyne.TextWrapOff
		if multi {
			m.focus.Wrapping = fyne.TextWrapWord
		}
	}
	m.focus.SetText(s)
}

// refreshDay shows the day as the journal has it now, after it was written
// elsewhere (the command line, the agent, another window): the evening and
// wins of the day before, and the day's focus too, unless something typed
// here is not saved yet. The journal watcher calls it.
func (m *morningWindow) refreshDay() {
	m.loadBefore()
	if !m.saver.pending() {
		m.reloadFocus()
	}
	m.body.Refresh()
}

// reloadFocus shows the day's focus as stored, leaving the entry alone when
// it already holds it (so the cursor stays where it is).
func (m *morningWindow) reloadFocus() {
	mo, err := m.ui.store.Morning(m.ui.ctx, m.day)
	switch {
	case errors.Is(err, data.ErrNotFound):
		mo = data.Morning{}
	case err != nil:
		m.ui.showError(m.win, err)
		return
	}
	wasSet := m.morning != nil && m.morning.IsSet()
	m.morning = nil
	if mo.Day == m.day {
		m.morning = &mo
	}
	if m.focus.Text != mo.Focus {
		m.loading = true
		m.showFocusText(mo.Focus)
		m.loading = false
		m.updateState()
	}
	if (m.morning != nil && m.morning.IsSet()) != wasSet {
		m.status.SetText(m.standingText())
	}
}

// loadBefore shows the evening and the wins of the day before m.day.
func (m *morningWindow) loadBefore() {
	before, err := m.ui.store.DayView(m.ui.ctx, m.day.AddDays(-1))
	if err != nil {
		m.ui.showError(m.win, err)
		return
	}
	m.before = before.Evening
	today := m.day == m.ui.today(nil)
	if today {
		m.eveningTitle.SetText(lang.L("morning.lastEvening"))
		m.noEveningText.SetText(lang.L("morning.noEvening"))
	} else {
		m.eveningTitle.SetText(lang.L("morning.eveningBefore"))
		m.noEveningText.SetText(lang.L("morning.noEveningBefore"))
	}
	if ev := m.before; ev != nil && (ev.WentWell != "" || ev.RepeatHow != "") {
		m.repeatHow.SetText(orDash(ev.RepeatHow))
		m.wentWell.SetText(orDash(ev.WentWell))
		m.answers.Show()
		m.noEvening.Hide()
	} else {
		m.answers.Hide()
		m.noEvening.Show()
	}
	m.winsBefore.SetText(winsLine(before.Wins, today))
	if m.before != nil && strings.TrimSpace(m.before.RepeatHow) != "" {
		m.useRepeat.Enable()
	} else {
		m.useRepeat.Disable()
	}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// winsLine is the day before's wins in one line.
func winsLine(wins []data.Win, today bool) string {
	key := "morning.winsBefore"
	if today {
		key = "morning.winsYesterday"
	}
	if len(wins) == 0 {
		return lang.L(key + ".none")
	}
	texts := make([]string, len(wins))
	for i, w := range wins {
		texts[len(wins)-1-i] = w.Text // oldest first, as the day went
	}
	return lang.LocalizePluralKey(key, "", len(wins), map[string]any{"Count": len(wins), "Wins": strings.Join(texts, " · ")})
}

// standingText says whether the day's focus is set.
func (m *morningWindow) standingText() string {
	if m.morning != nil && m.morning.IsSet() {
		return lang.L("morning.status.set")
	}
	return lang.L("morning.status.open")
}

// updateState shows the length, the inline error, and enables Set focus
// when there is a focus that fits.
func (m *morningWindow) updateState() {
	n := data.PartLen(m.focus.Text)
	m.counter.SetText(lang.L("morning.counter", map[string]any{"Len": n, "Max": data.MaxFocus}))
	tooLong := showLengthError(m.focusErr, m.focus.Text, data.MaxFocus)
	if n == 0 || tooLong {
		m.save.Disable()
	} else {
		m.save.Enable()
	}
	if n == 0 {
		m.saveTip.Show()
	} else {
		m.saveTip.Hide()
	}
}

// saved reports whether the day's focus is set, so a draft save is an edit
// of it.
func (m *morningWindow) saved() bool { return m.morning != nil && m.morning.IsSet() }

// closing has nothing to stop: the morning has no animation.
func (m *morningWindow) closing() {}

// saveDraft is the draft saver's save (an edit, once the focus is set).
func (m *morningWindow) saveDraft() error {
	mo, err := m.ui.store.SaveMorningDraft(m.ui.ctx, m.day, m.focus.Text)
	if err != nil {
		return err
	}
	m.morning = &mo
	m.afterFocusChange()
	return nil
}

// onSave sets the day's focus.
func (m *morningWindow) onSave() {
	mo, err := m.ui.store.SetMorningFocus(m.ui.ctx, m.day, m.focus.Text)
	if err != nil {
		m.saveFailed(err)
		return
	}
	m.saver.discard()
	m.morning = &mo
	m.loading = true
	m.focus.SetText(mo.Focus) // as stored: trimmed, normalised
	m.loading = false
	m.status.SetText(lang.L("morning.status.saved"))
	m.afterFocusChange()
}

// afterFocusChange lets the other open windows show the new focus.
func (m *morningWindow) afterFocusChange() {
	if m.ui.main != nil {
		m.ui.main.reload()
	}
	if e := m.ui.evening; e != nil && m.morning != nil {
		e.focusChanged(*m.morning)
	}
}

// onUseRepeat starts the focus from last evening's "How do I repeat it?".
func (m *morningWindow) onUseRepeat() {
	if m.before == nil {
		return
	}
	m.focus.SetText(focusFrom(m.before.RepeatHow))
	m.win.Canvas().Focus(m.focus)
}

// focusFrom turns an evening answer into a one-line focus that fits: lines
// joined, cut at a word before MaxFocus characters.
func focusFrom(answer string) string {
	s := strings.Join(strings.Fields(answer), " ")
	if utf8.RuneCountInString(s) <= data.MaxFocus {
		return s
	}
	r := []rune(s)[:data.MaxFocus-1]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > data.MaxFocus/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}

// onMakeUp opens the evening reflection of the day before, to write it now.
func (m *morningWindow) onMakeUp() {
	m.ui.ShowEvening(m.day.AddDays(-1))
}
