package ui

import (
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// eveningWindow is the evening reflection: the day's wins, the morning
// focus check, "What went well?" and "How do I repeat it?", and Celebrate.
// What is typed autosaves as a draft; Celebrate saves it for good and shows
// the celebration.
type eveningWindow struct {
	ritualWindow

	view     data.TodayView
	bookings []data.Booking // the day's wins with a client
	currency data.Currency

	winsTitle    *widget.Label
	wins         *fyne.Container // one row per win, the returning clients' first
	rows         []*winRow
	noWinsHint   *widget.Label
	addEntry     *mdwidget.EscEntry // a win for the day on show, past days too
	addDetails   *widget.Button
	addButton    *widget.Button
	addMore      *fyne.Container // the client and the amount
	addClient    *widget.Entry
	addClients   *clientField
	addAmount    *widget.Entry
	addHint      *widget.Label
	editor       *winEditor
	undo         undoOffer
	focusBox     *fyne.Container
	focusText    *widget.Label
	focusCheck   *widget.RadioGroup
	wentWell     *mdwidget.AnswerField
	wentWellErr  *widget.Label
	repeatHow    *mdwidget.AnswerField
	repeatHowErr *widget.Label
	celebrate    *widget.Button
	celebrateTip *widget.Label
	form         fyne.CanvasObject

	celebration *celebrationView
}

// ShowEvening shows the evening reflection for day (today when zero). If the
// window is open it is raised and switched to day, its draft saved first.
func (u *UI) ShowEvening(day data.Day) *eveningWindow {
	if u.evening == nil {
		newEveningWindow(u)
	}
	e := u.evening
	e.show(day)
	if !u.quiet && e.win.Content() == e.form && e.win.Canvas().Focused() == nil {
		e.win.Canvas().Focus(e.wentWell) // ready to type; a cursor already placed stays
	}
	return e
}

// newEveningWindow builds the evening window and makes it the UI's.
func newEveningWindow(u *UI) {
	e := &eveningWindow{}
	u.evening = e
	e.ritualWindow = newRitualWindow(u, "evening", e, "evening.status.needAnswer", func() {
		if u.evening == e {
			u.evening = nil
		}
	})
	e.buildUI()
	e.start(fyne.NewSize(560, 760))
}

func (e *eveningWindow) buildUI() {
	e.switcher = e.newSwitcher()

	e.winsTitle = widget.NewLabel("")
	e.winsTitle.TextStyle = fyne.TextStyle{Bold: true}
	e.winsTitle.SizeName = theme.SizeNameSubHeadingText
	e.wins = container.NewVBox()
	e.noWinsHint = hintLabel("")
	e.buildAddWin()
	undoBar := e.undo.build(func(err error) { e.ui.showError(e.win, err) })

	e.focusText = widget.NewLabel("")
	e.focusText.Wrapping = fyne.TextWrapWord
	e.focusCheck = widget.NewRadioGroup([]string{lang.L("evening.focus.yes"), lang.L("evening.focus.partly"), lang.L("evening.focus.no")}, func(string) { e.onChanged() })
	e.focusCheck.Horizontal = true
	e.focusBox = container.NewVBox(
		e.focusText,
		container.NewHBox(widget.NewLabel(lang.L("evening.focus.question")), e.focusCheck),
	)

	e.wentWell, e.wentWellErr = answerEntry(e.onChanged, e.onCelebrateShortcut)
	e.repeatHow, e.repeatHowErr = answerEntry(e.onChanged, e.onCelebrateShortcut)
	e.wentWell.Keys = e.ui.keysFor(e.win, e.onCloseRequested)
	e.repeatHow.Keys = e.wentWell.Keys

	e.status = hintLabel("")
	e.celebrateTip = hintLabel(lang.L("evening.celebrate.tip"))
	e.celebrate = widget.NewButtonWithIcon(lang.L("evening.celebrate"), theme.ConfirmIcon(), e.onCelebrate)
	e.celebrate.Importance = widget.HighImportance

	e.body = container.NewVBox(
		e.winsTitle, e.wins, e.noWinsHint, undoBar,
		container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(e.addDetails, e.addButton), e.addEntry), e.addMore, e.addHint),
		widget.NewSeparator(),
		e.focusBox,
		promptLabel(lang.L("evening.wentWell")), hintLabel(lang.L("evening.wentWell.hint")), e.wentWell, e.wentWellErr,
		promptLabel(lang.L("evening.repeatHow")), hintLabel(lang.L("evening.repeatHow.hint")), e.repeatHow, e.repeatHowErr,
	)
	e.form = e.frame(e.celebrate, e.celebrateTip)
	e.celebration = newCelebrationView(e.onBackToReflection, e.onTellSomeone, func() { e.win.Close() })
	for _, sc := range celebrateShortcuts {
		e.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { e.onCelebrateShortcut() })
	}
	e.win.SetContent(e.form)
}

// relabel redraws the window in the language just chosen, keeping the day,
// the answers typed (saved or not), the focus check and the celebration.
func (e *eveningWindow) relabel() {
	result := data.FocusUnanswered
	for i, o := range e.focusCheck.Options { // the labels are the old language's
		if o == e.focusCheck.Selected && i < len(focusResults) {
			result = focusResults[i]
		}
	}
	focused, oldWentWell, oldRepeatHow := e.win.Canvas().Focused(), e.wentWell, e.repeatHow
	celebrating := e.win.Content() == e.celebration.content()
	e.celebration.stop()

	addText, addClient, addAmount, addMore := e.addEntry.Text, e.addClient.Text, e.addAmount.Text, e.addMore.Visible()
	e.win.SetTitle(lang.L("evening.title"))
	e.buildUI()
	e.switcher.setDay(e.day)
	e.addEntry.SetText(addText)
	e.addClient.SetText(addClient)
	e.addAmount.SetText(addAmount)
	if addMore {
		e.addMore.Show()
	}
	e.showWins()
	e.showFocus(checkedFocus(e.view))
	e.loading = true
	e.focusCheck.SetSelected(focusLabel(result))
	e.wentWell.SetText(oldWentWell.Text)
	e.repeatHow.SetText(oldRepeatHow.Text)
	e.loading = false
	// The cursors stay where they were in the fields replaced.
	e.wentWell.CursorRow, e.wentWell.CursorColumn = oldWentWell.CursorRow, oldWentWell.CursorColumn
	e.repeatHow.CursorRow, e.repeatHow.CursorColumn = oldRepeatHow.CursorRow, oldRepeatHow.CursorColumn
	e.wentWell.Refresh()
	e.repeatHow.Refresh()
	e.updateState()
	e.status.SetText(e.standingText())
	if celebrating {
		e.showCelebration()
	}
	switch focused {
	case oldWentWell:
		e.win.Canvas().Focus(e.wentWell)
	case oldRepeatHow:
		e.win.Canvas().Focus(e.repeatHow)
	}
	e.body.Refresh()
}

// celebrateShortcuts are Ctrl+Enter (Cmd+Enter on macOS), on the main
// keyboard and the keypad: Celebrate from the keyboard.
var celebrateShortcuts = mdwidget.SubmitShortcuts

// answerEntry is a multi-line answer field and its inline error line;
// Ctrl+Enter in the field runs submit.
func answerEntry(changed, submit func()) (*mdwidget.AnswerField, *widget.Label) {
	entry := mdwidget.NewAnswerField(submit)
	entry.SetMinRowsVisible(5)
	entry.OnChanged = func(string) { changed() }
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	return entry, errLabel
}

// promptLabel is a question the user answers.
func promptLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// hintLabel is a short, quiet line of help or status: small, but upright
// and in the text colour, so it reads at a glance.
func hintLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// load fills the window with day's wins, focus and reflection.
func (e *eveningWindow) load(day data.Day) {
	v, err := e.ui.store.DayView(e.ui.ctx, day)
	if err != nil {
		e.ui.showError(e.win, err)
		return
	}
	if e.day != day {
		e.undo.hide()
	}
	e.day, e.view = day, v
	if !e.loadBookings() {
		return
	}
	e.switcher.setDay(day)
	e.win.SetContent(e.form)
	e.celebration.stop()

	e.showWins()

	e.showFocus(checkedFocus(v))
	e.showAnswers(v.Evening)
	e.saver.discard()
	e.updateState()
	e.status.SetText(e.standingText())
	e.body.Refresh() // lay out again: rows came and went
}

// showAnswers puts a stored reflection's answers (none when ev is nil) in
// the widgets, without counting that as typing. Fields that already hold
// the text are left alone, so the cursor stays where it is.
func (e *eveningWindow) showAnswers(ev *data.Evening) {
	var a data.Evening
	if ev != nil {
		a = *ev
	}
	e.loading = true
	if l := focusLabel(a.FocusResult); e.focusCheck.Selected != l {
		e.focusCheck.SetSelected(l)
	}
	if e.wentWell.Text != a.WentWell {
		e.wentWell.SetText(a.WentWell)
	}
	if e.repeatHow.Text != a.RepeatHow {
		e.repeatHow.SetText(a.RepeatHow)
	}
	e.loading = false
	e.updateState()
}

// refreshDay shows the day as the journal has it now, after a win was
// logged or the reflection written elsewhere (the command line, the agent,
// another window): the wins, the focus, where the reflection stands, and
// its answers too, unless something typed here is not saved yet. The
// journal watcher calls it.
func (e *eveningWindow) refreshDay() {
	v, err := e.ui.store.DayView(e.ui.ctx, e.day)
	if err != nil {
		e.ui.showError(e.win, err)
		return
	}
	wasCelebrated := e.view.Celebrated()
	e.view = v
	if !e.loadBookings() {
		return
	}
	e.showWins()
	e.showFocus(checkedFocus(v))
	if !e.saver.pending() {
		e.showAnswers(v.Evening)
	}
	if v.Celebrated() != wasCelebrated {
		e.status.SetText(e.standingText())
	}
	e.body.Refresh()
	if e.win.Content() == e.celebration.content() {
		e.showCelebration()
	}
}

// loadBookings reads where the day's wins stand among their clients' wins,
// and the currency; it reports false after showing why it could not.
func (e *eveningWindow) loadBookings() bool {
	set, err := e.ui.store.Settings(e.ui.ctx)
	if err == nil {
		e.currency = set.Currency
		e.bookings, err = e.ui.store.Bookings(e.ui.ctx, e.day)
	}
	if err != nil {
		e.ui.showError(e.win, err)
		return false
	}
	return true
}

// showWins lists the day's wins under their count: first the wins of
// clients who came back ("Anna came back: 3rd booking, €800 → €5,000"),
// then the others, each with its edit and delete buttons.
func (e *eveningWindow) showWins() {
	day, wins := e.day, e.view.Wins
	e.winsTitle.SetText(winsTitle(len(wins), day == e.ui.today(nil)))
	byWin := bookingsByWin(e.bookings)
	ordered := make([]data.Win, 0, len(wins))
	for _, w := range wins {
		if byWin[w.UUID].Returning {
			ordered = append(ordered, w)
		}
	}
	for _, w := range wins {
		if !byWin[w.UUID].Returning {
			ordered = append(ordered, w)
		}
	}
	e.rows = e.rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(wins))
	for _, w := range ordered {
		icon := widget.NewIcon(theme.NewPrimaryThemedResource(theme.ConfirmIcon()))
		b := byWin[w.UUID]
		meta := winMeta(w, b, e.currency)
		if b.Returning {
			meta = text.CameBack(b, e.currency)
			if w.AddedLater {
				meta += " · " + lang.L("wins.addedLater")
			}
		}
		r := newWinRow(w, icon, meta, e.onEdit, e.onDelete)
		e.rows = append(e.rows, r)
		objs = append(objs, r.box)
	}
	e.wins.Objects = objs
	e.wins.Refresh()
	if len(wins) == 0 {
		e.noWinsHint.SetText(lang.L("evening.noWins.hint", map[string]any{"Suggestion": smallWinSuggestion(day)}))
		e.noWinsHint.Show()
	} else {
		e.noWinsHint.Hide()
	}
}

// showFocus shows the morning's focus and the check, or hides both when
// the day has no focus.
func (e *eveningWindow) showFocus(focus string) {
	if focus == "" {
		e.focusBox.Hide()
		return
	}
	e.focusText.SetText(lang.L("evening.focus.set", map[string]any{"Focus": focus}))
	e.focusBox.Show()
}

// checkedFocus is the day's set focus as "Did you train it?" asks about
// it: an if-then plan in full ("When …, I will …"); "" without one.
func checkedFocus(v data.TodayView) string {
	if v.Morning == nil || !v.Morning.IsSet() {
		return ""
	}
	return text.PlanText(*v.Morning)
}

// focusChanged shows a focus set (in the morning window) while this window
// is open on the same day, leaving the answers as they are.
func (e *eveningWindow) focusChanged(m data.Morning) {
	if m.Day != e.day || !m.IsSet() {
		return
	}
	e.view.Morning = &m
	e.showFocus(text.PlanText(m))
	e.body.Refresh()
}

// standingText says where the day's reflection stands: celebrated, made up
// late, or still open.
func (e *eveningWindow) standingText() string {
	ev := e.view.Evening
	switch {
	case ev != nil && ev.Celebrated() && ev.MadeUp:
		return lang.L("evening.status.madeUp", map[string]any{"Day": ev.CelebratedAt.In(e.ui.now().Location()).Format("2006-01-02")})
	case ev != nil && ev.Celebrated():
		return lang.L("evening.status.celebrated")
	case e.day.Before(e.ui.today(nil)):
		return lang.L("evening.status.late")
	}
	return lang.L("evening.status.open")
}

// answers is what the widgets hold.
func (e *eveningWindow) answers() data.EveningAnswers {
	return data.EveningAnswers{
		WentWell:    e.wentWell.Text,
		RepeatHow:   e.repeatHow.Text,
		FocusResult: focusResult(e.focusCheck.Selected),
	}
}

// updateState shows the inline length errors and enables Celebrate when
// there is something to celebrate.
func (e *eveningWindow) updateState() {
	tooLong := showLengthError(e.wentWellErr, e.wentWell.Text, data.MaxAnswer)
	tooLong = showLengthError(e.repeatHowErr, e.repeatHow.Text, data.MaxAnswer) || tooLong
	empty := data.TextLen(e.wentWell.Text) == 0 && data.TextLen(e.repeatHow.Text) == 0
	if empty || tooLong {
		e.celebrate.Disable()
	} else {
		e.celebrate.Enable()
	}
	if empty {
		e.celebrateTip.Show()
	} else {
		e.celebrateTip.Hide()
	}
}

// showLengthError shows or hides the inline "too long" line for text and
// reports whether text is too long: each text an import merged into it may
// be max characters long.
func showLengthError(l *widget.Label, s string, max int) bool {
	n := data.PartLen(s)
	if n <= max {
		l.Hide()
		return false
	}
	l.SetText(text.UserMessage(&data.TextError{Max: max, Len: n, Err: data.ErrTooLong}))
	l.Show()
	return true
}

// saved reports whether the day's reflection was celebrated, so a draft
// save is an edit of it.
func (e *eveningWindow) saved() bool {
	return e.view.Evening != nil && e.view.Evening.Celebrated()
}

// closing stops the confetti when the window closes.
func (e *eveningWindow) closing() {
	e.celebration.stop()
	if e.editor != nil {
		e.editor.saveDraftNow(func(err error) { log.Printf("matchday: edit draft not saved on close: %v", err) })
	}
}

// saveDraft is the draft saver's save: it writes the answers as a draft
// (or as an edit of a reflection already celebrated).
func (e *eveningWindow) saveDraft() error {
	ev, err := e.ui.store.SaveEveningDraft(e.ui.ctx, e.day, e.answers())
	if err != nil {
		return err
	}
	e.view.Evening = &ev
	return nil
}

// onCelebrate saves the reflection for good and shows the celebration.
func (e *eveningWindow) onCelebrate() {
	ev, err := e.ui.store.CelebrateEvening(e.ui.ctx, e.day, e.answers())
	if err != nil {
		e.saveFailed(err)
		return
	}
	e.saver.discard()
	e.view.Evening = &ev
	e.status.SetText(e.standingText())
	if m := e.ui.morning; m != nil && m.day == e.day.AddDays(1) {
		m.refreshDay() // the morning after now has its evening
	}
	e.showCelebration()
	e.celebration.start()
}

// onCelebrateShortcut is Ctrl+Enter: Celebrate, when the form shows and
// the button is enabled (the celebration already shown is not celebrated
// twice).
func (e *eveningWindow) onCelebrateShortcut() {
	if e.win.Content() != e.form || e.celebrate.Disabled() {
		return
	}
	e.onCelebrate()
}

// showCelebration puts the celebration of the day on screen (the confetti
// is started apart, only right after Celebrate).
func (e *eveningWindow) showCelebration() {
	madeUp := e.view.Evening != nil && e.view.Evening.MadeUp
	streak := ""
	if st, err := e.ui.store.Streaks(e.ui.ctx); err != nil {
		log.Printf("matchday: %v", err) // the celebration goes on without it
	} else {
		streak = text.CelebratedStreakLine(st.Celebrated)
	}
	e.celebration.show(len(e.view.Wins), e.day == e.ui.today(nil), madeUp, e.cameBack(), streak)
	e.win.SetContent(e.celebration.content())
}

// onTellSomeone puts a short, friendly summary of the day's wins on the
// clipboard, to paste into a message: telling others about good news adds
// to it.
func (e *eveningWindow) onTellSomeone() {
	msg := text.TellSomeone(e.view.Wins, e.day == e.ui.today(nil))
	if msg == "" {
		return
	}
	e.ui.app.Clipboard().SetContent(msg)
	e.celebration.showTold()
}

// onBackToReflection leaves the celebration for the form, to read or edit.
func (e *eveningWindow) onBackToReflection() {
	e.celebration.stop()
	e.win.SetContent(e.form)
}

var focusResults = []data.FocusResult{data.FocusYes, data.FocusPartly, data.FocusNo}

// focusLabel is the radio option for r, or "" when unanswered.
func focusLabel(r data.FocusResult) string {
	switch r {
	case data.FocusYes:
		return lang.L("evening.focus.yes")
	case data.FocusPartly:
		return lang.L("evening.focus.partly")
	case data.FocusNo:
		return lang.L("evening.focus.no")
	}
	return ""
}

// focusResult is the answer for the radio option label.
func focusResult(label string) data.FocusResult {
	for _, r := range focusResults {
		if label != "" && focusLabel(r) == label {
			return r
		}
	}
	return data.FocusUnanswered
}

// winsTitle is "3 wins today" (or "3 wins that day" for a past day).
func winsTitle(n int, today bool) string {
	key := "evening.wins.day"
	if today {
		key = "evening.wins.today"
	}
	if n == 0 {
		key = strings.Replace(key, "wins.", "wins.none.", 1)
		return lang.L(key)
	}
	return lang.LocalizePluralKey(key, key, n, map[string]any{"Count": n})
}

var smallWinKeys = []string{
	"evening.smallWin.reply", "evening.smallWin.followUp", "evening.smallWin.thanks",
	"evening.smallWin.referral", "evening.smallWin.session", "evening.smallWin.offer",
	"evening.smallWin.feedback",
}

// smallWinSuggestion names one small win to look for tomorrow; it changes
// from day to day but is fixed for a given day.
func smallWinSuggestion(day data.Day) string {
	n := len(smallWinKeys)
	// Days before 2000 count back from it: the remainder is made positive.
	i := (day.DaysSince(data.NewDay(2000, 1, 1))%n + n) % n
	return lang.L(smallWinKeys[i])
}
