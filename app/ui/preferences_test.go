package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
)

// TestTakeOldPreferences: the window size an earlier Matchday kept in
// Fyne's preferences is taken over, and the file goes, whatever was in it
// (an empty one made Fyne log "Preferences load error: EOF" at every start).
func TestTakeOldPreferences(t *testing.T) {
	for _, tt := range []struct {
		name    string
		content *string
		want    fyne.Size
		ok      bool
	}{
		{"sizes", ptr(`{"main.height":700,"main.width":520}` + "\n"), fyne.NewSize(520, 700), true},
		{"empty, cut off by a quit", ptr(""), fyne.Size{}, false},
		{"half written", ptr(`{"main.height":7`), fyne.Size{}, false},
		{"other keys", ptr(`{"x":1}`), fyne.Size{}, false},
		{"no file", nil, fyne.Size{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "preferences.json")
			if tt.content != nil {
				if err := os.WriteFile(path, []byte(*tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, ok := takeOldPreferences(path)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("the file is still there: %v", err)
			}
		})
	}
}

func ptr(s string) *string { return &s }

// TestFyneWritesNoPreferencesFile: Fyne saves its preferences file as the
// app stops (truncating it first, so a process ending halfway left it
// empty); the window process's app does not. Each app runs in a process
// of its own (this test binary again), since Fyne's watch on the folder
// lives as long as the process.
func TestFyneWritesNoPreferencesFile(t *testing.T) {
	if mode := os.Getenv("MATCHDAY_TEST_FYNE_PREFS"); mode != "" {
		a := fyneapp.NewWithID(AppID)
		if mode == "keep" && !keepFyneFromSavingPreferences(a) {
			t.Fatal("no hook to take Fyne's save off")
		}
		stopped, ok := a.Lifecycle().(interface{ OnStopped() func() })
		if !ok {
			t.Fatal("Fyne's lifecycle has no OnStopped")
		}
		if f := stopped.OnStopped(); f != nil {
			f()
		}
		return
	}
	for _, tt := range []struct {
		mode    string
		written bool
	}{
		{"fyne", true},
		{"keep", false},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			config := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestFyneWritesNoPreferencesFile$", "-test.count=1")
			cmd.Env = append(os.Environ(), "MATCHDAY_TEST_FYNE_PREFS="+tt.mode, "XDG_CONFIG_HOME="+config)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			_, err := os.Stat(filepath.Join(config, "fyne", AppID, "preferences.json"))
			if written := err == nil; written != tt.written {
				t.Errorf("preferences file written: %v, want %v (%v)", written, tt.written, err)
			}
		})
	}
}

// TestMainWindowSizeKeptInTheJournal: the main window's size is kept in
// the journal's machine-local state, nothing in Fyne's preferences; the
// size an earlier Matchday kept there is taken over until the window
// closes.
func TestMainWindowSizeKeptInTheJournal(t *testing.T) {
	for _, tt := range []struct {
		name   string
		old    *fyne.Size
		resize *fyne.Size
		first  fyne.Size // the size the first window opens at
		stored string
	}{
		{"first time", nil, nil, defaultMainSize, ""},
		{"resized", nil, &fyne.Size{Width: 600, Height: 500}, defaultMainSize, "600x500"},
		{"an earlier Matchday's", &fyne.Size{Width: 520, Height: 700}, nil, fyne.NewSize(520, 700), "520x700"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u, s, _ := newTestUI(t)
			u.oldMainSize = tt.old
			m := u.ShowMain()
			if got := m.win.Canvas().Size(); got != tt.first {
				t.Errorf("opened at %v, want %v", got, tt.first)
			}
			if tt.resize != nil {
				m.win.Resize(*tt.resize)
			}
			m.win.Close()
			if v, err := s.State(u.ctx, windowSizeKey); err != nil || v != tt.stored {
				t.Errorf("stored %q, %v; want %q", v, err, tt.stored)
			}
			for _, k := range []string{"main.width", "main.height"} {
				if v := u.app.Preferences().Float(k); v != 0 {
					t.Errorf("Fyne preference %s = %v", k, v)
				}
			}
			if tt.stored == "" {
				return
			}
			u.oldMainSize = nil
			want, _ := parseSize(tt.stored)
			if got := u.ShowMain().win.Canvas().Size(); got != want {
				t.Errorf("opened again at %v, want %v", got, want)
			}
		})
	}
}
