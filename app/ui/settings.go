package ui

import (
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/desktop"
	"matchday/app/text"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// settingsWindow is where the user shapes the rhythm: reminder times, the
// day start, rest days, language, theme, starting at login and where the
// journal lives. Each change is saved the moment it is made; there is no
// Save button.
type settingsWindow struct {
	ui  *UI
	win fyne.Window
	set data.Settings // as last read or saved

	// folder is the data folder shown and opened; tests fix it for goldens.
	folder string
	// openURL hands a URL to the desktop (the app's OpenURL; tests watch it).
	openURL func(*url.URL) error

	scroll           *container.Scroll
	morningHour      *widget.Select
	morningMinute    *widget.Select
	eveningHour      *widget.Select
	eveningMinute    *widget.Select
	morningReminder  *widget.Check
	eveningReminder  *widget.Check
	openWithReminder *widget.Check
	dayStart         *widget.Select
	restDays         [7]*widget.Check // Monday first
	reviewDay        *widget.Select   // the matchweek review's weekday, Monday first
	reviewReminder   *widget.Check
	offSeasons       *widget.Label // the off-season ranges, in a line
	offSeasonButton  *widget.Button
	language         *widget.RadioGroup
	theme            *widget.RadioGroup
	currency         *widget.RadioGroup
	startAtLogin     *widget.Check
	startHidden      *widget.Check
	dataFolder       *widget.Label
	openFolder       *widget.Button
	backups          *widget.Label
	backupNow        *widget.Button
	restore          *widget.Button
	lastCheck        *widget.Label
	checkNow         *widget.Button
	savedNote        *widget.Label
	sync             *syncSettings
}

// ShowSettings shows the settings, read afresh from the journal, after
// repairing the login entry.
func (u *UI) ShowSettings() *settingsWindow {
	u.repairAutostart()
	if u.settings == nil {
		u.settings = newSettingsWindow(u)
	} else {
		u.settings.load()
		u.settings.buildUI()
	}
	u.settings.win.Show()
	u.settings.win.RequestFocus()
	return u.settings
}

func newSettingsWindow(u *UI) *settingsWindow {
	s := &settingsWindow{ui: u, win: u.app.NewWindow(lang.L("settings.title"))}
	s.folder = filepath.Dir(u.store.Path())
	s.openURL = u.app.OpenURL
	s.win.SetOnClosed(func() {
		u.settings = nil
		u.windowClosed()
	})
	u.addWindowKeys(s.win)
	s.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape && !s.ui.escapeOverlay(s.win) {
			s.win.Close()
		}
	})
	s.load()
	s.buildUI()
	// Fits a 768-pixel-high laptop screen; the sections scroll.
	s.win.Resize(fitScreen(fyne.NewSize(640, 700)))
	return s
}

// load reads the settings; bad stored values have already become defaults
// in the store, so only a failed read is reported.
func (s *settingsWindow) load() {
	set, err := s.ui.store.Settings(s.ui.ctx)
	if err != nil {
		s.ui.showError(s.win, err)
	}
	s.set = set
}

// Choices of the language and theme radio groups, in display order.
var (
	languageChoices = []string{"system", "de", "en"}
	themeChoices    = []string{"system", "light", "dark"}
)

// languageLabel names a language choice; each language is named in itself.
func languageLabel(choice string) string {
	switch choice {
	case "de":
		return "Deutsch"
	case "en":
		return "English"
	}
	return lang.L("settings.language.system")
}

func themeLabel(choice string) string { return lang.L("settings.theme." + choice) }

// mondayFirst is the week as the rest-day boxes show it.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// buildUI (re)creates the window's content from s.set in the current
// language; a language change calls it again.
func (s *settingsWindow) buildUI() {
	set := s.set

	s.morningHour, s.morningMinute = clockSelects(set.MorningTime)
	s.eveningHour, s.eveningMinute = clockSelects(set.EveningTime)
	s.morningReminder = widget.NewCheck(lang.L("settings.remind"), nil)
	s.morningReminder.Checked = set.MorningReminder
	s.eveningReminder = widget.NewCheck(lang.L("settings.remind"), nil)
	s.eveningReminder.Checked = set.EveningReminder
	s.openWithReminder = widget.NewCheck(lang.L("settings.openWithReminder"), nil)
	s.openWithReminder.Checked = set.OpenWithReminder

	hours := make([]string, data.MaxDayStartHour+1)
	for h := range hours {
		hours[h] = fmt.Sprintf("%02d:00", h)
	}
	s.dayStart = widget.NewSelect(hours, nil)
	s.dayStart.PlaceHolder = "00:00"
	s.dayStart.SetSelectedIndex(set.DayStartHour)

	restGrid := container.NewGridWithColumns(4)
	for i, d := range mondayFirst {
		c := widget.NewCheck(text.WeekdayName(d), nil)
		c.Checked = set.RestDays.Has(d)
		s.restDays[i] = c
		restGrid.Add(c)
	}

	weekdays := make([]string, len(mondayFirst))
	for i, d := range mondayFirst {
		weekdays[i] = text.WeekdayName(d)
	}
	s.reviewDay = widget.NewSelect(weekdays, nil)
	s.reviewDay.SetSelectedIndex((int(set.ReviewDay) + 6) % 7)
	s.reviewReminder = widget.NewCheck(lang.L("settings.review.remind"), nil)
	s.reviewReminder.Checked = set.ReviewReminder
	s.offSeasons = widget.NewLabel("")
	s.offSeasons.Wrapping = fyne.TextWrapWord
	s.offSeasonButton = widget.NewButtonWithIcon(lang.L("settings.offSeason.edit"), theme.CalendarIcon(), s.onOffSeasons)
	s.showOffSeasons()

	s.language = widget.NewRadioGroup(nil, nil)
	for _, c := range languageChoices {
		s.language.Options = append(s.language.Options, languageLabel(c))
	}
	s.language.Horizontal, s.language.Required = true, true
	s.language.SetSelected(languageLabel(set.Language))
	s.theme = widget.NewRadioGroup(nil, nil)
	for _, c := range themeChoices {
		s.theme.Options = append(s.theme.Options, themeLabel(c))
	}
	s.theme.Horizontal, s.theme.Required = true, true
	s.theme.SetSelected(themeLabel(set.Theme))
	s.currency = widget.NewRadioGroup(nil, nil)
	for _, c := range data.Currencies {
		s.currency.Options = append(s.currency.Options, currencyLabel(c))
	}
	s.currency.Horizontal, s.currency.Required = true, true
	s.currency.SetSelected(currencyLabel(set.Currency))

	s.startAtLogin = widget.NewCheck(lang.L("settings.startAtLogin"), nil)
	s.startAtLogin.Checked = set.StartAtLogin
	s.startHidden = widget.NewCheck(lang.L("settings.startHidden"), nil)
	s.startHidden.Checked = set.StartHidden

	s.dataFolder = widget.NewLabel(s.folder)
	s.dataFolder.Wrapping = fyne.TextWrapBreak
	s.dataFolder.Selectable = true
	s.openFolder = widget.NewButtonWithIcon(lang.L("settings.openFolder"), theme.FolderOpenIcon(), s.onOpenFolder)
	s.backups = widget.NewLabel(filepath.Join(s.folder, "backups"))
	s.backups.Wrapping = fyne.TextWrapBreak
	s.backups.Selectable = true
	s.backupNow = widget.NewButtonWithIcon(lang.L("export.backup.now"), theme.DocumentSaveIcon(), func() { s.ui.backupNow(s.win) })
	s.restore = widget.NewButtonWithIcon(lang.L("export.restore.open"), theme.HistoryIcon(), func() { s.ui.restoreDialog(s.win) })
	s.lastCheck = widget.NewLabel(s.ui.lastCheckText())
	s.lastCheck.Wrapping = fyne.TextWrapWord
	s.checkNow = widget.NewButtonWithIcon(lang.L("settings.check.now"), theme.ConfirmIcon(), func() { s.ui.checkNow(s.win) })
	s.setDataBusy(s.ui.tasks.running != "")
	s.savedNote = hint(lang.L("settings.savedAtOnce"))
	if s.sync == nil {
		s.sync = newSyncSettings(s)
	}

	s.updateEnabled()
	s.connect()

	startHint := hint(lang.L("settings.startAtLogin.hint"))
	if runtime.GOOS != "linux" {
		s.startAtLogin.Disable()
		startHint.SetText(lang.L("settings.startAtLogin.linuxOnly"))
	}
	sections := []struct {
		title string
		rows  []formRow
	}{
		{lang.L("settings.section.reminders"), []formRow{
			{lang.L("settings.morning"), timeRow(s.morningHour, s.morningMinute, s.morningReminder)},
			{lang.L("settings.evening"), timeRow(s.eveningHour, s.eveningMinute, s.eveningReminder)},
			{"", s.openWithReminder},
			{lang.L("settings.review"), container.NewVBox(container.NewHBox(s.reviewDay, s.reviewReminder), hint(lang.L("settings.review.hint")))},
		}},
		{lang.L("settings.section.day"), []formRow{
			{lang.L("settings.dayStart"), container.NewVBox(container.NewHBox(s.dayStart), hint(lang.L("settings.dayStart.hint")))},
			{lang.L("settings.restDays"), container.NewVBox(restGrid, hint(lang.L("settings.restDays.hint")))},
			{lang.L("settings.offSeason"), container.NewVBox(s.offSeasons, container.NewHBox(s.offSeasonButton), hint(lang.L("settings.offSeason.hint")))},
		}},
		{lang.L("settings.section.look"), []formRow{
			{lang.L("settings.language"), s.language},
			{lang.L("settings.theme"), s.theme},
			{lang.L("settings.currency"), container.NewVBox(s.currency, hint(lang.L("settings.currency.hint")))},
		}},
		{lang.L("settings.section.start"), []formRow{
			{"", container.NewVBox(s.startAtLogin, startHint)},
			{"", s.startHidden},
		}},
		{lang.L("settings.section.sync"), s.sync.build()},
		{lang.L("settings.section.data"), []formRow{
			{lang.L("settings.dataFolder"), container.NewBorder(nil, nil, nil, container.NewVBox(s.openFolder), s.dataFolder)},
			{lang.L("settings.backups"), container.NewVBox(s.backups, container.NewHBox(s.backupNow, s.restore))},
			{lang.L("settings.check.label"), container.NewVBox(s.lastCheck, container.NewHBox(s.checkNow))},
		}},
	}
	// One label width for all sections, so their columns line up.
	var labelWidth float32
	for _, sec := range sections {
		for _, r := range sec.rows {
			labelWidth = fyne.Max(labelWidth, formLabel(r.label).MinSize().Width)
		}
	}
	content := container.NewVBox()
	for _, sec := range sections {
		form := container.New(layout.NewFormLayout())
		for _, r := range sec.rows {
			label := container.New(mdwidget.MinWidthLayout{Width: labelWidth}, formLabel(r.label))
			if !r.content.Visible() {
				label.Hide()
			}
			form.Add(label)
			form.Add(r.content)
		}
		content.Add(heading(sec.title))
		content.Add(form)
	}
	content.Add(widget.NewSeparator())
	content.Add(s.savedNote)
	var offset fyne.Position
	if s.scroll != nil {
		offset = s.scroll.Offset
	}
	s.scroll = container.NewVScroll(container.NewPadded(content))
	s.scroll.Offset = offset
	s.win.SetContent(s.scroll)
}

// connect wires the handlers once the widgets show the stored values, so
// setting those values saves nothing.
func (s *settingsWindow) connect() {
	s.morningHour.OnChanged = func(string) { s.onMorningTime() }
	s.morningMinute.OnChanged = func(string) { s.onMorningTime() }
	s.eveningHour.OnChanged = func(string) { s.onEveningTime() }
	s.eveningMinute.OnChanged = func(string) { s.onEveningTime() }
	s.morningReminder.OnChanged = s.onMorningReminder
	s.eveningReminder.OnChanged = s.onEveningReminder
	s.openWithReminder.OnChanged = s.onOpenWithReminder
	s.dayStart.OnChanged = func(string) { s.onDayStart() }
	for i := range s.restDays {
		day := mondayFirst[i]
		s.restDays[i].OnChanged = func(on bool) { s.onRestDay(day, on) }
	}
	s.reviewDay.OnChanged = func(string) { s.onReviewDay() }
	s.reviewReminder.OnChanged = s.onReviewReminder
	s.language.OnChanged = s.onLanguage
	s.theme.OnChanged = s.onTheme
	s.currency.OnChanged = s.onCurrency
	s.startAtLogin.OnChanged = s.onStartAtLogin
	s.startHidden.OnChanged = s.onStartHidden
}

// setDataBusy greys out the data actions while a long task runs.
func (s *settingsWindow) setDataBusy(busy bool) {
	for _, b := range []*widget.Button{s.backupNow, s.restore, s.checkNow} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// updateEnabled greys out what has no effect: a time whose reminder is off,
// and opening the window when no reminder is on.
func (s *settingsWindow) updateEnabled() {
	enable := func(w fyne.Disableable, on bool) {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	enable(s.morningHour, s.set.MorningReminder)
	enable(s.morningMinute, s.set.MorningReminder)
	enable(s.eveningHour, s.set.EveningReminder)
	enable(s.eveningMinute, s.set.EveningReminder)
	enable(s.openWithReminder, s.set.MorningReminder || s.set.EveningReminder)
}

// save reads the stored settings afresh (the command line may have changed
// one since the window opened), applies change and writes them back. On a
// failure it says why and reports false; the window keeps what the user
// picked.
func (s *settingsWindow) save(change func(*data.Settings)) bool {
	set, err := s.ui.store.Settings(s.ui.ctx)
	if err != nil {
		s.ui.showError(s.win, err)
		return false
	}
	change(&set)
	if err := s.ui.store.SaveSettings(s.ui.ctx, set); err != nil {
		s.ui.showError(s.win, err)
		return false
	}
	s.set = set
	return true
}

func (s *settingsWindow) onMorningTime() {
	t, err := pickedTime(s.morningHour, s.morningMinute)
	if err != nil {
		return // the pickers offer only valid values
	}
	s.save(func(set *data.Settings) { set.MorningTime = t })
}

func (s *settingsWindow) onEveningTime() {
	t, err := pickedTime(s.eveningHour, s.eveningMinute)
	if err != nil {
		return
	}
	s.save(func(set *data.Settings) { set.EveningTime = t })
}

func (s *settingsWindow) onMorningReminder(on bool) {
	s.save(func(set *data.Settings) { set.MorningReminder = on })
	s.updateEnabled()
}

func (s *settingsWindow) onEveningReminder(on bool) {
	s.save(func(set *data.Settings) { set.EveningReminder = on })
	s.updateEnabled()
}

func (s *settingsWindow) onOpenWithReminder(on bool) {
	s.save(func(set *data.Settings) { set.OpenWithReminder = on })
}

func (s *settingsWindow) onDayStart() {
	h := s.dayStart.SelectedIndex()
	if h < 0 {
		return
	}
	s.save(func(set *data.Settings) { set.DayStartHour = h })
}

func (s *settingsWindow) onRestDay(day time.Weekday, on bool) {
	s.save(func(set *data.Settings) { set.RestDays = set.RestDays.With(day, on) })
}

func (s *settingsWindow) onReviewDay() {
	i := s.reviewDay.SelectedIndex()
	if i < 0 {
		return
	}
	s.save(func(set *data.Settings) { set.ReviewDay = mondayFirst[i] })
}

func (s *settingsWindow) onReviewReminder(on bool) {
	s.save(func(set *data.Settings) { set.ReviewReminder = on })
}

// showOffSeasons lists the off-season ranges in a line.
func (s *settingsWindow) showOffSeasons() {
	list, err := s.ui.store.OffSeasons(s.ui.ctx)
	if err != nil {
		s.ui.showError(s.win, err)
		return
	}
	if len(list) == 0 {
		s.offSeasons.SetText(lang.L("offseason.none"))
		return
	}
	lines := make([]string, len(list))
	for i, o := range list {
		lines[i] = text.OffSeasonLine(o)
	}
	s.offSeasons.SetText(strings.Join(lines, "\n"))
}

// onOffSeasons opens the off-season dialog, starting a new range today.
func (s *settingsWindow) onOffSeasons() {
	s.ui.showOffSeasons(s.win, s.ui.today(s.win), s.showOffSeasons)
}

func (s *settingsWindow) onTheme(label string) {
	for _, c := range themeChoices {
		if themeLabel(c) == label && s.save(func(set *data.Settings) { set.Theme = c }) {
			s.ui.app.Settings().SetTheme(newTheme(c))
		}
	}
}

// currencyLabel is how Settings offers c: "€ EUR", "CHF".
func currencyLabel(c data.Currency) string {
	if c.Symbol() == string(c) {
		return string(c)
	}
	return c.Symbol() + " " + string(c)
}

// onCurrency stores the currency picked; amounts stay the numbers they are.
func (s *settingsWindow) onCurrency(label string) {
	for _, c := range data.Currencies {
		if currencyLabel(c) == label {
			s.save(func(set *data.Settings) { set.Currency = c })
		}
	}
}

func (s *settingsWindow) onLanguage(label string) {
	for _, c := range languageChoices {
		if languageLabel(c) == label && c != s.set.Language && s.save(func(set *data.Settings) { set.Language = c }) {
			s.ui.useLanguage(c)
			return
		}
	}
}

func (s *settingsWindow) onStartHidden(on bool) {
	s.save(func(set *data.Settings) { set.StartHidden = on })
}

// repairAutostart writes the login entry again when it starts a program
// that is no longer there (Matchday moved, uninstalled or reinstalled
// elsewhere), or removes it when the settings say not to start at login.
// It only logs a failure: the box shows the setting either way, and
// ticking it again writes the entry.
func (u *UI) repairAutostart() {
	set, err := u.store.Settings(u.ctx)
	if err != nil {
		return // the settings window reports it
	}
	did, err := u.autostart.Repair(set.StartAtLogin, desktop.AgentArgs(u.store.Path(), os.Getenv)...)
	switch {
	case err != nil:
		log.Printf("matchday: repair the login entry: %v", err)
	case did == desktop.RepairRewritten:
		log.Printf("matchday: the login entry started a program that is gone; it now starts %s", u.autostart.Exe)
	case did == desktop.RepairRemoved:
		log.Printf("matchday: removed a login entry that started a program that is gone")
	}
}

// onStartAtLogin writes or removes the login entry and stores the choice;
// when either fails, the entry and the box go back to how they were, so
// the box never claims what is not so.
func (s *settingsWindow) onStartAtLogin(on bool) {
	args := desktop.AgentArgs(s.ui.store.Path(), os.Getenv)
	if err := s.ui.autostart.Set(on, args...); err != nil {
		s.ui.showError(s.win, &autostartError{err})
		s.revertStartAtLogin(!on)
		return
	}
	if !s.save(func(set *data.Settings) { set.StartAtLogin = on }) {
		if err := s.ui.autostart.Set(!on, args...); err != nil {
			log.Printf("matchday: put back the login entry: %v", err)
		}
		s.revertStartAtLogin(!on)
	}
}

func (s *settingsWindow) revertStartAtLogin(on bool) {
	s.startAtLogin.OnChanged = nil
	s.startAtLogin.SetChecked(on)
	s.startAtLogin.OnChanged = s.onStartAtLogin
}

func (s *settingsWindow) onOpenFolder() {
	if err := s.openURL(folderURL(s.folder)); err != nil {
		s.ui.showError(s.win, err)
	}
}

// folderURL is the file:// URL of a folder ("file:///C:/Users/…" on Windows).
func folderURL(folder string) *url.URL {
	p := filepath.ToSlash(folder)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// relabel redraws the window in the language now loaded.
func (s *settingsWindow) relabel() {
	s.win.SetTitle(lang.L("settings.title"))
	s.buildUI()
}

// autostartError is a failure to write or remove the login entry.
type autostartError struct{ err error }

func (e *autostartError) Error() string {
	return lang.L("settings.error.autostart", map[string]any{"Detail": text.Reason(e.err)})
}

func (e *autostartError) Unwrap() error { return e.err }
