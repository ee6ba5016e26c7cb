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

	"matchday/app/text"
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
	theme   string        // the week's theme, last week's review's; "" for none

	eveningTitle  *widget.Label
	repeatHow     *widget.Label
	wentWell      *widget.Label
	answers       *fyne.Container
	noEvening     *fyne.Container
	noEveningText *widget.Label
	makeUp        *widget.Button
	winsBefore    *widget.Label
	yearAgo       *widget.Label // the same day a year ago, when it held anything
	question      *widget.Label
	themeLine     *widget.Label // the week's theme, the suggested focus
	useTheme      *widget.Button
	themeRow      *fyne.Container
	asPlan        *widget.Check // the focus as an if-then plan
	planBox       *fyne.Container
	planWhen      *widget.Entry // "When …"
	planWhenErr   *widget.Label
	willLabel     *widget.Label // "I will …", over the focus entry in a plan
	focus         *mdwidget.EscEntry
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
	m.yearAgo = hintLabel("")
	m.yearAgo.Hide()

	m.question = promptLabel(lang.L("morning.question"))
	m.question.SizeName = theme.SizeNameSubHeadingText
	m.focus = mdwidget.NewEscEntry(m.onCloseRequested)
	m.focus.Keys = m.ui.keysFor(m.win, m.onCloseRequested)
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

	m.themeLine = widget.NewLabel("")
	m.themeLine.Wrapping = fyne.TextWrapWord
	m.themeLine.Importance = widget.HighImportance
	m.useTheme = widget.NewButtonWithIcon(lang.L("morning.useTheme"), theme.ContentPasteIcon(), m.onUseTheme)
	m.useTheme.Importance = widget.LowImportance
	m.themeRow = container.NewBorder(nil, nil, nil, m.useTheme, m.themeLine)
	m.themeRow.Hide()

	m.asPlan = widget.NewCheck(lang.L("morning.plan.toggle"), func(bool) { m.onPlanToggled() })
	m.planWhen = widget.NewEntry()
	m.planWhen.SetPlaceHolder(lang.L("morning.plan.whenPlaceholder"))
	m.planWhen.OnChanged = func(string) { m.onChanged() }
	m.planWhenErr = widget.NewLabel("")
	m.planWhenErr.Importance = widget.DangerImportance
	m.planWhenErr.Wrapping = fyne.TextWrapWord
	m.planWhenErr.Hide()
	m.willLabel = promptLabel(lang.L("morning.plan.will"))
	m.planBox = container.NewVBox(
		hintLabel(lang.L("morning.plan.example")),
		promptLabel(lang.L("morning.plan.when")),
		m.planWhen,
		m.planWhenErr,
		m.willLabel,
	)
	m.planBox.Hide()

	m.status = hintLabel("")
	m.saveTip = hintLabel(lang.L("morning.save.tip"))
	m.save = widget.NewButtonWithIcon(lang.L("morning.save"), theme.ConfirmIcon(), m.onSave)
	m.save.Importance = widget.HighImportance

	m.body = container.NewVBox(
		m.eveningTitle, m.answers, m.noEvening, m.winsBefore, m.yearAgo,
		widget.NewSeparator(),
		m.question,
		hintLabel(lang.L("morning.hint")),
		m.themeRow,
		m.asPlan,
		m.planBox,
		m.focus,
		container.NewBorder(nil, nil, m.useRepeat, m.counter),
		m.focusErr,
	)
	m.win.SetContent(m.frame(m.save, m.saveTip))
}

// relabel redraws the window in the language just chosen, keeping the day
// and the focus typed (saved or not).
func (m *morningWindow) relabel() {
	old, oldWhen, plan := m.focus, m.planWhen, m.asPlan.Checked
	hadCursor := m.win.Canvas().Focused() == old
	m.win.SetTitle(lang.L("morning.title"))
	m.buildUI()
	m.switcher.setDay(m.day)
	m.loadBefore()
	m.loading = true
	keepTyping(&m.focus.Entry, &old.Entry)
	keepTyping(m.planWhen, oldWhen)
	m.asPlan.SetChecked(plan)
	m.showPlanBox()
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
	focus, when := "", ""
	if m.morning != nil {
		focus, when = m.morning.Focus, m.morning.PlanWhen
	}
	m.showFocusText(focus)
	m.planWhen.SetText(when)
	m.asPlan.SetChecked(when != "")
	m.showPlanBox()
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
	if m.focus.Text != mo.Focus || m.planWhen.Text != mo.PlanWhen {
		m.loading = true
		m.showFocusText(mo.Focus)
		m.planWhen.SetText(mo.PlanWhen)
		if mo.PlanWhen != "" {
			m.asPlan.SetChecked(true)
			m.showPlanBox()
		}
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
	// The day before the journal's first day: nothing to show, and no
	// evening to make up.
	beforeStart := m.ui.beforeJournal(m.day.AddDays(-1))
	for _, o := range []fyne.CanvasObject{m.eveningTitle, m.winsBefore} {
		if beforeStart {
			o.Hide()
		} else {
			o.Show()
		}
	}
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
	} else if beforeStart {
		m.answers.Hide()
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
	m.loadSeason()
}

// loadSeason shows the week's theme as the suggested focus and what the
// same day a year ago held.
func (m *morningWindow) loadSeason() {
	m.theme = ""
	switch r, err := m.ui.store.WeekTheme(m.ui.ctx, m.day); {
	case err == nil:
		m.theme = r.Theme
	case !errors.Is(err, data.ErrNotFound):
		m.ui.showError(m.win, err)
	}
	if m.theme != "" {
		m.themeLine.SetText(lang.L("morning.theme", map[string]any{"Theme": text.OneLine(m.theme)}))
		m.themeRow.Show()
	} else {
		m.themeRow.Hide()
	}
	past, err := m.ui.store.YearAgo(m.ui.ctx, m.day)
	switch {
	case errors.Is(err, data.ErrNotFound):
		m.yearAgo.Hide()
	case err != nil:
		m.yearAgo.Hide()
		m.ui.showError(m.win, err)
	default:
		m.yearAgo.SetText(yearAgoLine(past))
		m.yearAgo.Show()
	}
}

// yearAgoLine is what the same day a year ago held, in one line: "A year
// ago: 2 wins – Workshop sold out · Anna booked · What went well: Asked
// twice".
func yearAgoLine(past []data.PastDay) string {
	var wins []string
	wentWell := ""
	for _, p := range past {
		for _, w := range p.Wins {
			wins = append(wins, text.OneLine(w.Text))
		}
		if p.WentWell != "" && wentWell == "" {
			wentWell = text.OneLine(p.WentWell)
		}
	}
	var parts []string
	if len(wins) > 0 {
		parts = append(parts, text.Plural("morning.yearAgo.wins", len(wins))+" – "+strings.Join(wins, " · "))
	}
	if wentWell != "" {
		parts = append(parts, lang.L("morning.yearAgo.wentWell", map[string]any{"Text": wentWell}))
	}
	return lang.L("morning.yearAgo", map[string]any{"Text": strings.Join(parts, " · ")})
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

// updateState shows the length, the inline errors, and enables Set focus
// when there is a focus (and, in a plan, a "When …" part) that fits.
func (m *morningWindow) updateState() {
	n := data.PartLen(m.focus.Text)
	m.counter.SetText(lang.L("morning.counter", map[string]any{"Len": n, "Max": data.MaxFocus}))
	tooLong := showLengthError(m.focusErr, m.focus.Text, data.MaxFocus)
	if m.asPlan.Checked {
		tooLong = showLengthError(m.planWhenErr, m.planWhen.Text, data.MaxFocus) || tooLong
	} else {
		m.planWhenErr.Hide()
	}
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
	mo, err := m.ui.store.SaveMorningPlanDraft(m.ui.ctx, m.day, m.planWhenText(), m.focus.Text)
	if err != nil {
		return err
	}
	m.morning = &mo
	m.afterFocusChange()
	return nil
}

// onSave sets the day's focus.
func (m *morningWindow) onSave() {
	mo, err := m.ui.store.SetMorningPlan(m.ui.ctx, m.day, m.planWhenText(), m.focus.Text)
	if err != nil {
		m.saveFailed(err)
		return
	}
	m.saver.discard()
	m.morning = &mo
	m.loading = true
	m.focus.SetText(mo.Focus) // as stored: trimmed, normalised
	if mo.IsPlan() {
		m.planWhen.SetText(mo.PlanWhen)
	}
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

// planWhenText is the plan's "When …" part, or "" for a focus in one line
// (the part typed stays in its field while the plan is switched off).
func (m *morningWindow) planWhenText() string {
	if !m.asPlan.Checked {
		return ""
	}
	return m.planWhen.Text
}

// showPlanBox shows the plan's fields when the focus is a plan.
func (m *morningWindow) showPlanBox() {
	if m.asPlan.Checked {
		m.planBox.Show()
	} else {
		m.planBox.Hide()
	}
	m.body.Refresh()
}

// onPlanToggled switches between the focus in one line and the plan.
func (m *morningWindow) onPlanToggled() {
	m.showPlanBox()
	if m.loading {
		return
	}
	if m.asPlan.Checked {
		m.win.Canvas().Focus(m.planWhen)
	}
	m.onChanged()
}

// onUseTheme starts the focus from the week's theme.
func (m *morningWindow) onUseTheme() {
	if m.theme == "" {
		return
	}
	m.focus.SetText(focusFrom(m.theme))
	m.win.Canvas().Focus(m.focus)
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
