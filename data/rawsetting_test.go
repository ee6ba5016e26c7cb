package data

import (
	"bytes"
	"context"
	"log"
	"path/filepath"
	"strings"
	"testing"
)

func TestSettingsPersistAcrossHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "matchday.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := DefaultSettings()
	want.MorningTime = ClockTime{6, 45}
	want.EveningReminder = false
	want.DayStartHour = 2
	want.RestDays = want.RestDays.With(0, true).With(6, true)
	want.Language = "de"
	want.Theme = "dark"
	want.StartAtLogin = true
	if err := s.SaveSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	got, err := other.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("second handle reads %+v, want %+v", got, want)
	}
}

func TestBadRawSettingFallsBackWithALogLine(t *testing.T) {
	ctx := context.Background()
	tests := []struct{ key, value string }{
		{"theme", "purple"},
		{"language", "fr"},
		{"day_start_hour", "9"},
		{"day_start_hour", "four"},
		{"morning_time", "25:00"},
		{"evening_time", "8pm"},
		{"rest_days", "mon,funday"},
		{"morning_reminder", "maybe"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "matchday.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.PutRawSetting(ctx, tt.key, tt.value); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			orig := log.Writer()
			log.SetOutput(&buf)
			got, err := s.Settings(ctx)
			log.SetOutput(orig)
			if err != nil {
				t.Fatalf("Settings: %v", err)
			}
			if got != DefaultSettings() {
				t.Errorf("Settings = %+v, want the defaults", got)
			}
			if !strings.Contains(buf.String(), tt.key) {
				t.Errorf("log = %q, want a line naming %s", buf.String(), tt.key)
			}
		})
	}
}
