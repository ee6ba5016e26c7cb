package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"matchday/app/desktop"
	"matchday/app/text"
	"matchday/data"
)

// openTestSettings opens the settings window (newTestUI has pointed the
// login entry at a temp folder).
func openTestSettings(t *testing.T, u *UI) *settingsWindow {
	t.Helper()
	return u.ShowSettings()
}

func readSettings(t *testing.T, store *data.Store) data.Settings {
	t.Helper()
	set, err := store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// hasDialog reports whether a dialog is showing on top of w.
func hasDialog(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }

func TestSettingsShowStoredValues(t *testing.T) {
	u, store, _ := newTestUI(t)
	want := data.DefaultSettings()
	want.EveningTime = data.ClockTime{Hour: 21, Minute: 17}
	want.MorningReminder = false
	want.DayStartHour = 3
	want.RestDays = want.RestDays.With(time.Sunday, true)
	want.Theme = "dark"
	if err := store.SaveSettings(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	s := openTestSettings(t, u)

	checks := []struct{ name, got, want string }{
		{"evening hour", s.eveningHour.Selected, "21"},
		{"evening minute (off the five-minute grid)", s.eveningMinute.Selected, "17"},
		{"morning hour", s.morningHour.Selected, "07"},
		{"morning minute", s.morningMinute.Selected, "30"},
		{"day start", s.dayStart.Selected, "03:00"},
		{"theme", s.theme.Selected, "Dark"},
		{"language", s.language.Selected, "System"},
		{"data folder", s.dataFolder.Text, filepath.Dir(store.Path())},
		{"backups", s.backups.Text, filepath.Join(filepath.Dir(store.Path()), "backups")},
		{"first rest-day box", s.restDays[0].Text, "Monday"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s shows %q, want %q", c.name, c.got, c.want)
		}
	}
	if s.morningReminder.Checked || !s.eveningReminder.Checked {
		t.Errorf("reminder boxes morning=%v evening=%v, want false, true", s.morningReminder.Checked, s.eveningReminder.Checked)
	}
	if !s.morningHour.Disabled() || s.eveningHour.Disabled() {
		t.Errorf("the morning time should be greyed out while its reminder is off, the evening time not")
	}
	if !s.restDays[6].Checked || s.restDays[5].Checked {
		t.Errorf("rest days Saturday=%v Sunday=%v, want only Sunday", s.restDays[5].Checked, s.restDays[6].Checked)
	}
}

func TestSettingsChangesPersistForAFreshHandle(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)

	s.morningHour.SetSelected("06")
	s.morningMinute.SetSelected("45")
	s.eveningHour.SetSelected("21")
	test.Tap(s.eveningReminder)
	test.Tap(s.openWithReminder)
	s.dayStart.SetSelected("02:00")
	test.Tap(s.restDays[5]) // Saturday
	test.Tap(s.restDays[6]) // Sunday
	s.theme.SetSelected("Dark")
	s.currency.SetSelected("CHF")
	test.Tap(s.startHidden)

	if hasDialog(s.win) {
		t.Fatal("a change showed an error dialog")
	}
	want := data.DefaultSettings()
	want.MorningTime = data.ClockTime{Hour: 6, Minute: 45}
	want.EveningTime = data.ClockTime{Hour: 21, Minute: 0}
	want.EveningReminder = false
	want.OpenWithReminder = false
	want.DayStartHour = 2
	want.RestDays = want.RestDays.With(time.Saturday, true).With(time.Sunday, true)
	want.Theme = "dark"
	want.Currency = data.CHF
	want.StartHidden = true

	fresh, err := data.Open(store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if got := readSettings(t, fresh); got != want {
		t.Errorf("a fresh handle reads\n%+v, want\n%+v", got, want)
	}
	if !s.eveningHour.Disabled() || s.morningHour.Disabled() {
		t.Errorf("turning the evening reminder off should grey out its time, and only its time")
	}
	th, ok := u.app.Settings().Theme().(*matchdayTheme)
	if !ok || th.variant == nil || *th.variant != theme.VariantDark {
		t.Errorf("the app's theme is %#v, want Matchday's dark theme at once", u.app.Settings().Theme())
	}
}

func TestSettingsKeepChangesMadeElsewhere(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)
	// The command line (another handle) changes the evening time while the
	// window is open; a change in the window must not undo it.
	other, err := data.Open(store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	set := readSettings(t, other)
	set.EveningTime = data.ClockTime{Hour: 19, Minute: 0}
	if err := other.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.restDays[0])

	got := readSettings(t, store)
	if got.EveningTime != (data.ClockTime{Hour: 19}) || !got.RestDays.Has(time.Monday) {
		t.Errorf("settings = %+v, want the evening at 19:00 and Monday as a rest day", got)
	}
}

func TestSettingsLanguageSwitchRelabelsTheWindow(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)
	if s.morningReminder.Text != "Remind me" || s.restDays[0].Text != "Monday" || s.win.Title() != "Settings" {
		t.Fatalf("before: %q, %q, title %q", s.morningReminder.Text, s.restDays[0].Text, s.win.Title())
	}

	s.language.SetSelected("Deutsch")

	if got := readSettings(t, store).Language; got != "de" {
		t.Errorf("stored language = %q, want de", got)
	}
	if s.morningReminder.Text != "Erinnern" || s.restDays[0].Text != "Montag" || s.win.Title() != "Einstellungen" {
		t.Errorf("after: %q, %q, title %q; want Erinnern, Montag, Einstellungen", s.morningReminder.Text, s.restDays[0].Text, s.win.Title())
	}
	if s.language.Selected != "Deutsch" || s.theme.Selected != "System" {
		t.Errorf("after the switch the choices show %q and %q", s.language.Selected, s.theme.Selected)
	}
	s.language.SetSelected("English")
	if s.morningReminder.Text != "Remind me" {
		t.Errorf("back in English the box says %q", s.morningReminder.Text)
	}
	s.language.SetSelected("System")
	if got := readSettings(t, store).Language; got != "system" || s.language.Selected != "System" {
		t.Errorf("after choosing System: stored %q, the window shows %q", got, s.language.Selected)
	}
}

func TestShowSettingsAgainRereadsTheJournal(t *testing.T) {
	u, store, _ := newTestUI(t)
	first := openTestSettings(t, u)
	set := readSettings(t, store)
	set.DayStartHour = 5
	if err := store.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}

	again := u.ShowSettings()

	if again != first {
		t.Error("a second ShowSettings opened another window instead of raising the open one")
	}
	if again.dayStart.Selected != "05:00" {
		t.Errorf("day start shows %q, want the stored 05:00", again.dayStart.Selected)
	}
}

func TestSettingsLanguageSwitchRelabelsEveryOpenWindow(t *testing.T) {
	u, _ := newRitualUI(t)
	store := u.store
	today, err := store.Today(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	addWins(t, store, today.AddDays(-400), "A win last season")
	m := u.ShowMain()
	test.Type(m.entry, "Typed in the main window")
	e := u.ShowEvening(today.AddDays(-1))
	test.Type(e.wentWell, "Typed in the evening")
	mo := u.ShowMorning(data.Day{})
	test.Type(mo.focus, "Typed in the morning")
	o := u.ShowOverview()
	test.Tap(o.prevYear)
	year := o.year
	s := openTestSettings(t, u)

	s.language.SetSelected("Deutsch")

	if got := readSettings(t, store).Language; got != "de" {
		t.Errorf("stored language = %q, want de", got)
	}
	titles := map[string]string{
		m.win.Title(): "Matchday", e.win.Title(): "Abendreflexion", mo.win.Title(): "Morgenfokus",
		o.win.Title(): "Übersicht", s.win.Title(): "Einstellungen",
	}
	for got, want := range titles {
		if got != want {
			t.Errorf("a window is titled %q, want %q", got, want)
		}
	}
	if m.morningButton.Text != "Morgenfokus" || e.celebrate.Text != "Feiern" || mo.save.Text != "Fokus setzen" ||
		o.yearLabel.Text != fmt.Sprintf("Saison %d", year) {
		t.Errorf("not relabelled: %q, %q, %q, %q", m.morningButton.Text, e.celebrate.Text, mo.save.Text, o.yearLabel.Text)
	}
	if m.entry.Text != "Typed in the main window" || e.wentWell.Text != "Typed in the evening" ||
		mo.focus.Text != "Typed in the morning" || e.day != today.AddDays(-1) || o.year != year {
		t.Error("a window lost what was typed or the day or season it showed")
	}
	// Every open window relabels, so nothing is left to restart: Settings
	// offers no restart any more (the restart path is gone).
	for _, w := range u.openWindows() {
		if _, ok := w.(relabeler); !ok {
			t.Errorf("%T cannot relabel itself", w)
		}
	}
}

func TestSettingsBadStoredValuesShowDefaults(t *testing.T) {
	u, store, _ := newTestUI(t)
	ctx := context.Background()
	for k, v := range map[string]string{
		"theme":            "purple",
		"language":         "klingon",
		"day_start_hour":   "9",
		"morning_time":     "7:5x",
		"rest_days":        "mon,funday",
		"evening_reminder": "perhaps",
	} {
		if err := store.PutRawSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	s := openTestSettings(t, u)

	checks := []struct{ name, got, want string }{
		{"theme", s.theme.Selected, "System"},
		{"language", s.language.Selected, "System"},
		{"day start", s.dayStart.Selected, "04:00"},
		{"morning hour", s.morningHour.Selected, "07"},
		{"morning minute", s.morningMinute.Selected, "30"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s shows %q, want the default %q", c.name, c.got, c.want)
		}
	}
	if !s.eveningReminder.Checked || s.restDays[0].Checked {
		t.Errorf("evening reminder %v, Monday rest %v; want the defaults true, false", s.eveningReminder.Checked, s.restDays[0].Checked)
	}
	if hasDialog(s.win) {
		t.Error("a bad stored value showed an error dialog; it should quietly use the default")
	}
	// A change now stores good values throughout.
	test.Tap(s.restDays[1])
	if got := readSettings(t, store); got.Theme != "system" || got.DayStartHour != 4 || !got.RestDays.Has(time.Tuesday) {
		t.Errorf("after a change the journal holds %+v", got)
	}
}

func TestSettingsSaveFailureShowsDialogAndKeepsThePick(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)
	store.Close() // every read and write fails from here on

	s.dayStart.SetSelected("06:00")

	if !hasDialog(s.win) {
		t.Error("a failed save showed no dialog")
	}
	if s.dayStart.Selected != "06:00" {
		t.Errorf("the picker shows %q; it should keep the user's pick", s.dayStart.Selected)
	}
}

func TestSettingsStartAtLoginWritesAndRemovesTheEntry(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)
	entry := filepath.Join(u.autostart.Dir, desktop.AutostartFile)

	test.Tap(s.startAtLogin)

	b, err := os.ReadFile(entry)
	if err != nil {
		t.Fatalf("no autostart entry after ticking the box: %v", err)
	}
	wantExec := "Exec=\"/opt/Match Day/matchday\" --db " + desktop.ExecArg(store.Path()) + " agent --login\n"
	if !strings.Contains(string(b), wantExec) || !strings.HasPrefix(string(b), "[Desktop Entry]\n") {
		t.Errorf("entry =\n%s\nwant a desktop entry with %q", b, wantExec)
	}
	if !readSettings(t, store).StartAtLogin {
		t.Error("the journal does not remember start at login")
	}

	test.Tap(s.startAtLogin)

	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Errorf("the entry is still there after unticking: %v", err)
	}
	if readSettings(t, store).StartAtLogin {
		t.Error("the journal still says start at login")
	}
}

func TestSettingsOpenRepairsALoginEntryForAMissingProgram(t *testing.T) {
	for _, tc := range []struct {
		name     string
		on       bool
		wantExec string // "" when the entry is to be gone
	}{
		{"start at login: rewritten for this program", true, `Exec="/opt/Match Day/matchday" --db /data/other.db agent --login`},
		{"not at login: removed", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, store, _ := newTestUI(t)
			set := readSettings(t, store)
			set.StartAtLogin = tc.on
			if err := store.SaveSettings(context.Background(), set); err != nil {
				t.Fatal(err)
			}
			// Written by a Matchday that has since been deleted.
			entry := filepath.Join(u.autostart.Dir, desktop.AutostartFile)
			os.MkdirAll(u.autostart.Dir, 0o755)
			old := "[Desktop Entry]\nType=Application\nName=Matchday\nExec=/home/ada/old-checkout/bin/matchday --db /data/other.db agent --login\n"
			if err := os.WriteFile(entry, []byte(old), 0o644); err != nil {
				t.Fatal(err)
			}

			s := openTestSettings(t, u)

			b, err := os.ReadFile(entry)
			if tc.wantExec == "" {
				if !os.IsNotExist(err) {
					t.Fatalf("the entry is still there: %v\n%s", err, b)
				}
			} else if err != nil || !strings.Contains(string(b), "\n"+tc.wantExec+"\n") {
				t.Fatalf("entry after opening Settings: %v\n%s\nwant %s", err, b, tc.wantExec)
			}
			if s.startAtLogin.Checked != tc.on {
				t.Errorf("the box shows %t, the setting is %t", s.startAtLogin.Checked, tc.on)
			}
		})
	}
}

func TestSettingsStartAtLoginFailureKeepsBoxAndSetting(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)
	blocker := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	u.autostart.Dir = filepath.Join(blocker, "autostart")

	test.Tap(s.startAtLogin)

	if !hasDialog(s.win) {
		t.Error("a failed write showed no dialog")
	}
	if s.startAtLogin.Checked {
		t.Error("the box is ticked although no entry was written")
	}
	if readSettings(t, store).StartAtLogin {
		t.Error("the journal says start at login although no entry was written")
	}
}

func TestSettingsOpenFolder(t *testing.T) {
	u, store, _ := newTestUI(t)
	s := openTestSettings(t, u)
	var opened *url.URL
	s.openURL = func(u *url.URL) error { opened = u; return nil }

	test.Tap(s.openFolder)

	want := "file://" + filepath.ToSlash(filepath.Dir(store.Path()))
	if opened == nil || opened.String() != want {
		t.Errorf("opened %v, want %s", opened, want)
	}
}

func TestClockSelectsOffer(t *testing.T) {
	tests := []struct {
		c          data.ClockTime
		minutes    int
		hour, mins string
	}{
		{data.ClockTime{Hour: 7, Minute: 30}, 12, "07", "30"},
		{data.ClockTime{Hour: 20, Minute: 2}, 13, "20", "02"},
		{data.ClockTime{Hour: 23, Minute: 59}, 13, "23", "59"},
	}
	for _, tt := range tests {
		h, m := clockSelects(tt.c)
		if len(h.Options) != 24 || len(m.Options) != tt.minutes || h.Selected != tt.hour || m.Selected != tt.mins {
			t.Errorf("%v: %d hours, minutes %v, showing %s:%s", tt.c, len(h.Options), m.Options, h.Selected, m.Selected)
		}
		for i := 1; i < len(m.Options); i++ {
			if m.Options[i-1] >= m.Options[i] {
				t.Errorf("%v: minutes out of order: %v", tt.c, m.Options)
			}
		}
	}
}

func TestFolderURL(t *testing.T) {
	if got := folderURL("/home/ada/.local/share/matchday").String(); got != "file:///home/ada/.local/share/matchday" {
		t.Errorf("got %s", got)
	}
}

func TestSettingsGolden(t *testing.T) {
	for _, language := range []string{"en", "de"} {
		for _, variant := range []string{"light", "dark"} {
			t.Run(language+"_"+variant, func(t *testing.T) {
				u, _, _ := newTestUI(t)
				useLook(t, u.app, language, variant)
				// The device name is the host name until set: fixed here.
				if err := u.store.SetDeviceName(u.ctx, "Desk"); err != nil {
					t.Fatal(err)
				}
				s := openTestSettings(t, u)
				s.folder = "/home/ada/.local/share/matchday"
				s.buildUI()
				s.win.Resize(fyne.NewSize(640, 880))
				test.AssertRendersToMarkup(t, "settings_"+language+"_"+variant+".xml", s.win.Canvas())
			})
		}
	}
}

// TestSettingsShowsTheLastCheck: Settings → Your data says when the
// journal was last checked and what was found, in the user's language, and
// "Check now" checks it off the UI goroutine and says so.
func TestSettingsShowsTheLastCheck(t *testing.T) {
	u, s, _ := newTestUI(t)
	sw := u.ShowSettings()
	if got := sw.lastCheck.Text; got != "Not checked yet since Matchday opened." {
		t.Errorf("before any check: %q", got)
	}
	test.Tap(sw.checkNow)
	u.waitTasks()
	if got := sw.lastCheck.Text; got != "Checked today at 14:00: all good." {
		t.Errorf("after Check now: %q", got)
	}
	if got := overlayText(sw.win); !strings.Contains(got, "The journal checked sound") {
		t.Errorf("Check now says %q", got)
	}
	u.useLanguage("de")
	t.Cleanup(func() { text.Load("en") })
	if got := u.settings.lastCheck.Text; got != "Geprüft heute um 14:00: alles in Ordnung." {
		t.Errorf("in German: %q", got)
	}
	if _, ok := s.LastCheck(); !ok {
		t.Error("the store has no check")
	}
}

// TestCurrencyShowsEverywhere: a currency picked in Settings is the one the
// main window's wins and the Clients window show, at once.
func TestCurrencyShowsEverywhere(t *testing.T) {
	u, store, _ := newTestUI(t)
	addWin(t, store, data.Day{}, data.NewWin{Text: "Sold the course", Client: "Anna", Amount: cents(80000)})
	m := u.ShowMain()
	defer m.win.Close()
	if got := richText(m.rows[0].meta); got != "Anna · €800" {
		t.Fatalf("before: %q", got)
	}
	s := openTestSettings(t, u)
	s.currency.SetSelected("£ GBP")
	u.onWatchTick()
	if got := richText(m.rows[0].meta); got != "Anna · £800" {
		t.Errorf("main window after the change: %q", got)
	}
	c := u.ShowClientLadder("Anna")
	defer c.win.Close()
	if steps := c.steps.Steps(); steps[0].Amount != "£800" {
		t.Errorf("ladder shows %q", steps[0].Amount)
	}
}
