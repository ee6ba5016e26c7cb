package ui

import (
	"errors"
	"image/color"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// undoFor is how long "Undo" stays after a win is deleted.

// mainWindow is the window the user sees all day: today's focus, the win
// counter, the one-line capture and today's wins.
type mainWindow struct {
	ui  *UI
	win fyne.Window
	// exportItem and importItem are the menu's data actions, greyed out
	// while a long task runs (tasks.go).
	exportItem, importItem *fyne.MenuItem

	day        data.Day // the logical day on show
	startHour  int      // the day start hour, from the settings
	eveningAt  data.ClockTime
	view       data.TodayView
	bookings   map[string]data.Booking // the day's wins with a client, by UUID
	currency   data.Currency
	loadFailed bool // a failed reload was already reported

	date        *widget.Label
	focus       *widget.RichText
	focusEdit   *widget.Button
	focusButton *widget.Button
	focusBox    *fyne.Container
	theme       *widget.Label // the week's theme, from last week's review
	offSeason   *widget.Label // today is in an off-season
	counter     *mdwidget.WinCounter
	streak      *widget.Label // the celebrated evenings in a row, and the best run
	streakBox   *fyne.Container
	top         *fyne.Container
	breather    fyne.CanvasObject // room between the score and the capture, where the streak line is not

	entry         *mdwidget.EscEntry
	logButton     *widget.Button
	detailsButton *widget.Button
	details       *fyne.Container
	client        *widget.Entry
	clients       *clientField // the client's suggestions
	amount        *widget.Entry
	hint          *widget.Label

	winsTitle *widget.Label
	winsBox   *fyne.Container
	list      *container.Scroll
	center    *fyne.Container // today's wins, or the search while it is open

	searchButton *widget.Button
	search       *searchPanel // built on first use
	noWins       *widget.RichText
	rows         []*winRow
	editor       *winEditor

	// draft autosaves the win typed and not logged yet; loadingDraft is
	// set while the window fills the entries itself.
	draft        *draftSaver
	loadingDraft bool

	undo      undoOffer
	streakGen int // the newest loadStreak

	yesterday      *mdwidget.TappableText // opens yesterday's evening
	morningButton  *widget.Button
	eveningButton  *widget.Button
	overviewButton *widget.Button
	clientsButton  *widget.Button
	settingsButton *widget.Button
	savedSize      fyne.Size
	sizeStored     bool   // savedSize is the one in the journal
	lastSync       string // the menu's "Last synced from …", "" when not syncing

	// trayHint is the line saying that this desktop shows no tray icon,
	// shown once (noteNoTray) until dismissed.
	trayHint        *fyne.Container
	trayHintText    *widget.Label
	trayHintDismiss *widget.Button

	// body is the window's usual content; firstRun the panel shown in its
	// place on a new journal's first launch, nil once it is done.
	body     fyne.CanvasObject
	firstRun *firstRunPanel
}

func newMainWindow(u *UI) *mainWindow {
	m := &mainWindow{ui: u, win: u.app.NewWindow(lang.L("main.title"))}
	if u.firstRun {
		m.firstRun = newFirstRunPanel(m, nil)
	}
	m.draft = newDraftSaver(u.after, m.saveWinDraft)
	m.draft.failed = func(err error) { log.Printf("matchday: win draft not saved: %v", err) }
	m.buildUI()
	m.win.SetMainMenu(m.buildMenu())
	m.restoreSize()
	m.win.SetOnClosed(m.onClosed)
	m.reload()
	m.restoreDrafts()
	return m
}

func (m *mainWindow) buildUI() {
	m.date = widget.NewLabel("")
	m.date.TextStyle = fyne.TextStyle{Bold: true}
	m.date.Truncation = fyne.TextTruncateEllipsis

	m.focus = widget.NewRichText()
	m.focus.Wrapping = fyne.TextWrapWord
	m.focusEdit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), m.onSetFocus)
	m.focusEdit.Importance = widget.LowImportance
	m.focusButton = widget.NewButtonWithIcon(lang.L("main.focus.set"), theme.ContentAddIcon(), m.onSetFocus)
	m.focusBox = container.NewStack()
	m.theme = hintLabel("")
	m.theme.Hide()
	m.offSeason = hintLabel("")
	m.offSeason.Hide()

	m.counter = mdwidget.NewWinCounter()
	m.counter.SetLabels(counterLabels())
	m.streak = widget.NewLabel("")
	m.streak.Alignment = fyne.TextAlignCenter
	m.streak.Truncation = fyne.TextTruncateEllipsis
	m.streakBox = container.New(halfPadding{}, m.streak)
	m.streakBox.Hide()
	m.breather = spacer(theme.Padding())

	m.entry = mdwidget.NewEscEntry(nil)
	m.entry.SetPlaceHolder(lang.L("main.entry.placeholder"))
	m.entry.OnSubmitted = func(string) { m.onSubmit() }
	m.entry.OnChanged = func(string) {
		m.clearHint()
		m.onDraftChanged()
	}
	m.logButton = widget.NewButtonWithIcon("", theme.ConfirmIcon(), m.onSubmit)
	m.logButton.Importance = widget.HighImportance
	m.detailsButton = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), m.onToggleDetails)
	m.detailsButton.Importance = widget.LowImportance

	m.client = widget.NewEntry()
	m.client.SetPlaceHolder(lang.L("main.entry.client"))
	m.client.OnSubmitted = func(string) { m.onSubmit() }
	m.client.OnChanged = func(string) { m.onDraftChanged() }
	m.amount = widget.NewEntry()
	m.amount.SetPlaceHolder(lang.L("main.entry.amount"))
	m.amount.OnSubmitted = func(string) { m.onSubmit() }
	m.amount.OnChanged = func(string) {
		m.clearHint()
		m.onDraftChanged()
	}
	m.clients = m.ui.newClientField(m.client)
	m.clients.onPicked = func() { m.win.Canvas().Focus(m.amount) }
	m.details = container.NewVBox(container.NewGridWithColumns(2, m.client, m.amount), m.clients.suggestions)
	m.details.Hide()

	m.hint = widget.NewLabel("")
	m.hint.Importance = widget.DangerImportance
	m.hint.Wrapping = fyne.TextWrapWord
	m.hint.Hide()

	capture := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(m.detailsButton, m.logButton), m.entry),
		m.details,
		m.hint,
	)

	m.winsTitle = widget.NewLabel(lang.L("main.wins.title"))
	m.winsTitle.TextStyle = fyne.TextStyle{Bold: true}
	m.noWins = newMutedText(lang.L("main.wins.none"))
	m.noWins.Wrapping = fyne.TextWrapWord
	m.winsBox = container.NewVBox()
	m.list = container.NewVScroll(container.NewVBox(m.noWins, m.winsBox))
	m.searchButton = widget.NewButtonWithIcon("", theme.SearchIcon(), m.onSearch)
	m.searchButton.Importance = widget.LowImportance
	m.center = container.NewStack(m.list)

	undoBar := m.undo.build(func(err error) { m.ui.showError(m.win, err) })

	m.yesterday = mdwidget.NewTappableText(newMutedText(""), m.onYesterday)
	m.yesterday.Text.Truncation = fyne.TextTruncateEllipsis
	m.morningButton = widget.NewButton(lang.L("main.button.morning"), m.onMorning)
	m.eveningButton = widget.NewButton(lang.L("main.button.evening"), m.onEvening)
	m.overviewButton = widget.NewButton(lang.L("main.button.overview"), m.onOverview)
	m.clientsButton = widget.NewButtonWithIcon("", theme.AccountIcon(), m.onClients)
	m.clientsButton.Importance = widget.LowImportance
	m.settingsButton = widget.NewButtonWithIcon("", theme.SettingsIcon(), m.onSettings)
	m.settingsButton.Importance = widget.LowImportance

	m.top = container.NewVBox(
		m.date,
		m.focusBox,
		m.theme,
		m.offSeason,
		m.counter,
		m.streakBox,
		m.breather,
		capture,
		container.NewBorder(nil, nil, nil, container.NewHBox(m.clientsButton, m.searchButton), m.winsTitle),
	)
	m.buildTrayHint()
	bottom := container.NewVBox(
		m.trayHint,
		undoBar,
		widget.NewSeparator(),
		m.yesterday,
		container.NewBorder(nil, nil, nil, m.settingsButton,
			container.NewGridWithColumns(3, m.morningButton, m.eveningButton, m.overviewButton)),
	)
	body := container.NewBorder(m.top, bottom, nil, nil, m.center)
	m.body = container.New(&mdwidget.ColumnLayout{Max: mainColumnWidth}, body)
	if m.firstRun != nil {
		m.win.SetContent(m.firstRun.content)
	} else {
		m.win.SetContent(m.body)
	}
	m.win.Canvas().SetOnTypedKey(m.onTypedKey)
}

// endFirstRun shows the window's usual content once the first run is done,
// with the cursor in the win entry: the first thing to do is log a win.
func (m *mainWindow) endFirstRun() {
	m.firstRun = nil
	m.win.SetContent(m.body)
	m.reload()
	m.win.Canvas().Focus(m.entry)
}

// mainColumnWidth is the widest the window's content grows: on a large or
// full screen it stays a readable column in the middle.
const mainColumnWidth = 760

// relabel redraws the window in the language just chosen, keeping what the
// user typed and an open "Undo".
func (m *mainWindow) relabel() {
	text, client, amount := m.entry.Text, m.client.Text, m.amount.Text
	details := m.details.Visible()
	counts := m.counter.Counts()
	m.search = nil // built again, in the new language, when next opened
	m.win.SetTitle(lang.L("main.title"))
	if m.firstRun != nil {
		m.firstRun = newFirstRunPanel(m, m.firstRun)
	}
	m.buildUI()
	m.win.SetMainMenu(m.buildMenu())
	m.counter.SetCountsQuietly(counts)
	m.loadingDraft = true
	m.entry.SetText(text)
	m.client.SetText(client)
	m.amount.SetText(amount)
	m.loadingDraft = false
	if details {
		m.details.Show()
	}
	m.reload()
	if m.firstRun == nil {
		m.win.Canvas().Focus(m.entry)
	}
}

// reload reads the day on show from the store and shows it. Errors that the
// ticker would repeat every second are shown once.
func (m *mainWindow) reload() {
	if err := m.load(); err != nil {
		if !m.loadFailed {
			m.loadFailed = true
			m.ui.showError(m.win, err) // logs it, too
		}
		return
	}
	m.loadFailed = false
}

func (m *mainWindow) load() error {
	ctx := m.ui.ctx
	set, err := m.ui.store.Settings(ctx)
	if err != nil {
		return err
	}
	m.startHour = set.DayStartHour
	m.eveningAt = set.EveningTime
	m.currency = set.Currency
	day := data.DayOf(m.ui.now(), m.startHour)
	v, err := m.ui.store.DayView(ctx, day)
	if err != nil {
		return err
	}
	bookings, err := m.ui.store.Bookings(ctx, day)
	if err != nil {
		return err
	}
	m.bookings = bookingsByWin(bookings)
	yesterday := day.AddDays(-1)
	yc, err := m.ui.store.WinCounts(ctx, yesterday)
	if err != nil {
		return err
	}
	ye, err := m.ui.store.Evening(ctx, yesterday)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	yesterdayCelebrated := err == nil && ye.Celebrated()
	theme, err := m.ui.store.WeekTheme(ctx, day)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	off, err := m.ui.store.OffSeasonOn(ctx, day)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	m.showSeason(theme.Theme, off)
	m.loadStreak()
	if m.day != day {
		// The first load and a new day show their numbers without fanfare.
		m.counter.SetCountsQuietly(mdwidget.Counts(v.Counts))
	}
	m.day = day
	m.view = v
	m.showDate()
	m.showFocus()
	m.counter.SetCounts(mdwidget.Counts(v.Counts))
	m.showWins()
	m.showYesterday(yc.Today, yesterdayCelebrated, m.ui.beforeJournal(yesterday))
	m.showEveningCall()
	return nil
}

func (m *mainWindow) showDate() {
	m.date.SetText(text.LongDate(m.day))
}

// showSeason shows the week's theme (the review of last week's answer to
// "What do I train next week?"; "" for none) and whether today is in an
// off-season (off has no UUID when it is not).
func (m *mainWindow) showSeason(theme string, off data.OffSeason) {
	if theme != "" {
		m.theme.SetText(lang.L("main.theme", map[string]any{"Theme": text.OneLine(theme)}))
		m.theme.Show()
	} else {
		m.theme.Hide()
	}
	if off.UUID != "" {
		s := lang.L("main.offSeason", map[string]any{"Range": text.DateRange(off.From, off.To)})
		if off.Note != "" {
			s += " – " + text.OneLine(off.Note)
		}
		m.offSeason.SetText(s)
		m.offSeason.Show()
	} else {
		m.offSeason.Hide()
	}
}

func (m *mainWindow) showFocus() {
	focus := m.view.Focus()
	if m.view.Morning != nil && m.view.Morning.IsSet() {
		focus = text.PlanText(*m.view.Morning)
	}
	if focus == "" {
		m.focusBox.Objects = []fyne.CanvasObject{m.focusButton}
		m.focusBox.Refresh()
		return
	}
	m.focus.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: lang.L("main.focus.label") + " ", Style: widget.RichTextStyle{
			Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: focus, Style: widget.RichTextStyleInline},
	}
	m.focus.Refresh()
	m.focusBox.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, m.focusEdit, m.focus)}
	m.focusBox.Refresh()
}

// showYesterday shows yesterday's wins, which open its evening: none when
// yesterday came before the journal's first day, which has nothing to read
// and no evening to make up.
func (m *mainWindow) showYesterday(wins int, celebrated, beforeStart bool) {
	if beforeStart {
		m.yesterday.Hide()
		return
	}
	m.yesterday.Show()
	var s string
	switch wins {
	case 0:
		s = lang.L("main.yesterday.none")
	case 1:
		s = lang.L("main.yesterday.one")
	default:
		s = lang.L("main.yesterday.other", map[string]any{"Count": text.Count(wins)})
	}
	if celebrated {
		s += " — " + lang.L("main.yesterday.celebrated")
	}
	setMutedText(m.yesterday.Text, s)
}

// showStreak shows the streak line ("" for none). The line takes the place
// of the breathing room under the score, so the window's content fits
// 420x560 with it too.
// loadStreak shows the celebrated-evening streak once it is counted: off
// the UI goroutine, since counting reads every day of the journal (5 ms on
// ten years, 40 ms on 100,000 wins), which neither the first window nor a
// reload after every save should wait for. A count that a newer reload
// overtook is dropped.
func (m *mainWindow) loadStreak() {
	m.streakGen++
	gen := m.streakGen
	inBackground(m.ui, func() (data.Streaks, error) { return m.ui.store.Streaks(m.ui.ctx) }, func(st data.Streaks, err error) {
		if gen != m.streakGen {
			return
		}
		if err != nil {
			log.Printf("matchday: %v", err) // the window goes on without the line
			return
		}
		m.showStreak(text.CelebratedStreakLine(st.Celebrated))
	})
}

func (m *mainWindow) showStreak(line string) {
	m.streak.SetText(line)
	if shown := line != ""; shown != m.streakBox.Visible() {
		if shown {
			m.streakBox.Show()
			m.breather.Hide()
		} else {
			m.streakBox.Hide()
			m.breather.Show()
		}
		m.top.Refresh() // the line came or went: lay out again
	}
}

// showLine shows s in l, or hides l when s is "", and reports whether l
// is shown.
func showLine(l *widget.Label, s string) bool {
	l.SetText(s)
	if s == "" {
		l.Hide()
		return false
	}
	l.Show()
	return true
}

// onYesterday opens yesterday's evening, to read it or make it up.
func (m *mainWindow) onYesterday() { m.ui.ShowEvening(m.day.AddDays(-1)) }

// newMutedText is a line of secondary text in the theme's quiet colour.
func newMutedText(s string) *widget.RichText {
	t := widget.NewRichText()
	setMutedText(t, s)
	return t
}

func setMutedText(t *widget.RichText, s string) {
	t.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: widget.RichTextStyle{
		Inline: true, ColorName: theme.ColorNamePlaceHolder}}}
	t.Refresh()
}

// onSubmit logs what is in the entry (and the details row) as a win. Bad
// input is refused inline and a store error in a dialog; either way the text
// stays where it was typed.
func (m *mainWindow) onSubmit() {
	defer m.win.Canvas().Focus(m.entry)
	in, ok := readWin(&m.entry.Entry, m.client, m.amount, m.hint)
	if !ok {
		return
	}
	if _, err := m.ui.store.AddWin(m.ui.ctx, data.Day{}, in); err != nil {
		if showTextError(m.hint, err) {
			return
		}
		m.ui.showError(m.win, err)
		return
	}
	m.loadingDraft = true
	m.entry.SetText("")
	m.client.SetText("")
	m.amount.SetText("")
	m.loadingDraft = false
	m.dropWinDraft()
	m.clearHint()
	m.reload()
}

// readWin checks what was typed for a win and says inline what is wrong.
func readWin(text, client, amount *widget.Entry, hint *widget.Label) (data.NewWin, bool) {
	in := data.NewWin{Text: text.Text, Client: client.Text}
	if _, err := data.CleanText("win", in.Text, data.MaxWin); err != nil {
		showTextError(hint, err)
		return in, false
	}
	if a := strings.TrimSpace(amount.Text); a != "" {
		c, err := data.ParseAmount(a)
		if err != nil {
			showHint(hint, lang.L("main.hint.amount", map[string]any{"Amount": a}))
			return in, false
		}
		in.Amount = &c
	}
	return in, true
}

// showTextError shows a text rule's refusal inline; it reports false for
// errors that are not about the text.
func showTextError(hint *widget.Label, err error) bool {
	var te *data.TextError
	if !errors.As(err, &te) {
		return false
	}
	msg := text.UserMessage(err)
	if errors.Is(err, data.ErrEmpty) {
		msg = lang.L("main.hint.empty")
	}
	showHint(hint, msg)
	return true
}

func showHint(hint *widget.Label, msg string) {
	hint.SetText(msg)
	hint.Show()
}

func (m *mainWindow) clearHint() {
	m.ui.typed()
	if m.hint.Visible() {
		m.hint.SetText("")
		m.hint.Hide()
	}
}

func (m *mainWindow) onToggleDetails() {
	if m.details.Visible() {
		m.details.Hide()
		m.win.Canvas().Focus(m.entry)
		return
	}
	m.details.Show()
	m.win.Canvas().Focus(m.client)
}

func (m *mainWindow) onSetFocus() { m.ui.ShowMorning(data.Day{}) }

// onFocusEntry puts the cursor in the win entry (Ctrl+N).
func (m *mainWindow) onFocusEntry() {
	m.win.Show()
	m.win.RequestFocus()
	m.win.Canvas().Focus(m.entry)
}

// onDelete deletes a win and offers to undo it for a few seconds.
func (m *mainWindow) onDelete(w data.Win) { m.ui.deleteWin(m.win, &m.undo, w, m.reload) }

// onTick is the main window's part of the UI's ticker (watch.go), run on
// the UI thread after the journal was looked at.
func (m *mainWindow) onTick() {
	m.onDayTick()
	m.rememberSize()
}

// journalChanged shows what anyone, this process or another, wrote to the
// journal; the UI's watcher calls it.
func (m *mainWindow) journalChanged() {
	m.reload()
	m.refreshMenu()
	if m.searching() {
		m.search.refresh()
	}
}

// onDayTick starts the new day at zero once the day start hour has passed,
// and lets a stale "Undo" go.
func (m *mainWindow) onDayTick() {
	now := m.ui.now()
	if data.DayOf(now, m.startHour) != m.day {
		m.reload()
	}
	m.undo.expire(now)
	m.showEveningCall()
}

// showEveningCall makes the Evening button the main one from the evening
// time on, until the day is celebrated.
func (m *mainWindow) showEveningCall() {
	now := m.ui.now()
	at := time.Date(m.day.Year(), m.day.Month(), m.day.DayOfMonth(), m.eveningAt.Hour, m.eveningAt.Minute, 0, 0, now.Location())
	imp := widget.MediumImportance
	if !now.Before(at) && !m.view.Celebrated() {
		imp = widget.HighImportance
	}
	if m.eveningButton.Importance != imp {
		m.eveningButton.Importance = imp
		m.eveningButton.Refresh()
	}
}

func (m *mainWindow) onClosed() {
	m.saveDrafts(func(err error) { log.Printf("matchday: win draft not saved on close: %v", err) })
	m.rememberSize()
	if m.ui.main == m {
		m.ui.main = nil
	}
	m.ui.windowClosed()
}

// defaultMainSize is the main window's size the first time.
var defaultMainSize = fyne.NewSize(480, 680)

// restoreSize gives the window the size it had last time on this machine.
func (m *mainWindow) restoreSize() {
	m.savedSize = defaultMainSize
	if m.ui.oldMainSize != nil {
		m.savedSize = *m.ui.oldMainSize // an earlier Matchday's, until closed
	}
	if v, err := m.ui.store.State(m.ui.ctx, windowSizeKey); err == nil {
		if s, ok := parseSize(v); ok {
			m.savedSize, m.sizeStored = s, true
		}
	}
	m.win.Resize(m.savedSize)
}

// rememberSize keeps the window size when it changed.
func (m *mainWindow) rememberSize() {
	s := m.win.Canvas().Size()
	if s.Width < 1 || s.Height < 1 || s == m.savedSize && (m.sizeStored || m.ui.oldMainSize == nil) {
		return
	}
	if err := m.ui.store.SetState(m.ui.ctx, windowSizeKey, formatSize(s)); err != nil {
		log.Printf("matchday: window size not kept: %v", err)
		return
	}
	m.savedSize, m.sizeStored = s, true
}

// halfPadding lays out its one object (a label) with half the label's
// inner padding above and below: a line between two boxes that have room
// of their own.
type halfPadding struct{}

func (halfPadding) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(s.Width, s.Height-theme.InnerPadding())
}

func (halfPadding) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(fyne.NewSize(size.Width, size.Height+theme.InnerPadding()))
	objs[0].Move(fyne.NewPos(0, -theme.InnerPadding()/2))
}

// spacer is an empty object of the given height.
func spacer(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

// counterLabels are the win counter's words in the current language.
func counterLabels() mdwidget.CounterLabels {
	return mdwidget.CounterLabels{
		Today:              lang.L("main.winsToday"),
		Week:               lang.L("main.counter.week"),
		Season:             lang.L("main.counter.season"),
		Career:             lang.L("main.counter.career"),
		ThousandsSeparator: lang.L("main.thousandsSeparator"),
	}
}

// onDraftChanged runs on every keystroke in the win entry and its details:
// the unsent win autosaves as a draft (never as a win).
func (m *mainWindow) onDraftChanged() {
	if !m.loadingDraft {
		m.draft.changed()
	}
}

// saveWinDraft stores what the win entry and its details hold.
func (m *mainWindow) saveWinDraft() error {
	return m.ui.store.SaveWinDraft(m.ui.ctx, data.WinDraft{Text: m.entry.Text, Client: m.client.Text, Amount: m.amount.Text})
}

// dropWinDraft forgets the stored draft of the unsent win, once it is
// logged.
func (m *mainWindow) dropWinDraft() {
	m.draft.discard()
	if err := m.ui.store.SaveWinDraft(m.ui.ctx, data.WinDraft{}); err != nil {
		log.Printf("matchday: forget the win draft: %v", err)
	}
}

// saveDrafts saves the unsent win and the open editor's win now; failed
// hears of a save that did not happen.
func (m *mainWindow) saveDrafts(failed func(error)) {
	m.draft.failed = failed
	_ = m.draft.saveNow()
	if m.editor != nil {
		m.editor.saveDraftNow(failed)
	}
}

// restoreDrafts puts back what was typed and not sent when the window was
// last closed: the unsent win in the entry, and the editor of a win that
// was being edited.
func (m *mainWindow) restoreDrafts() {
	if d, err := m.ui.store.WinDraft(m.ui.ctx, ""); err == nil {
		m.loadingDraft = true
		m.entry.SetText(d.Text)
		m.client.SetText(d.Client)
		m.amount.SetText(d.Amount)
		m.loadingDraft = false
		if d.Client != "" || d.Amount != "" {
			m.details.Show()
		}
	}
	for _, w := range m.view.Wins {
		if _, err := m.ui.store.WinDraft(m.ui.ctx, w.UUID); err == nil {
			m.onEdit(w)
			return
		}
	}
}
