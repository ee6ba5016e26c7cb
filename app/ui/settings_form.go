package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// The settings window's building blocks: aligned label columns, hints,
// headings and the clock pickers.

// formRow is one line of a settings section: a label and what it sets.
type formRow struct {
	label   string
	content fyne.CanvasObject
}

func formLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

// hint is a short explanation under a setting.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func timeRow(hour, minute *widget.Select, remind *widget.Check) fyne.CanvasObject {
	return container.NewHBox(hour, widget.NewLabel(":"), minute, widget.NewLabel(""), remind)
}

// clockSelects returns an hour and a minute picker showing c. The minutes
// go in steps of five; a stored time off that grid (set from the command
// line or an old journal) gets its own entry rather than being rounded.
func clockSelects(c data.ClockTime) (hour, minute *widget.Select) {
	hours := make([]string, 24)
	for h := range hours {
		hours[h] = fmt.Sprintf("%02d", h)
	}
	var minutes []string
	for m := 0; m < 60; m += 5 {
		if c.Minute > m-5 && c.Minute < m && c.Minute%5 != 0 {
			minutes = append(minutes, fmt.Sprintf("%02d", c.Minute))
		}
		minutes = append(minutes, fmt.Sprintf("%02d", m))
	}
	if c.Minute > 55 {
		minutes = append(minutes, fmt.Sprintf("%02d", c.Minute))
	}
	hour = widget.NewSelect(hours, nil)
	hour.PlaceHolder = "00" // never shown, but it sets the width: as wide as the numbers
	hour.SetSelected(fmt.Sprintf("%02d", c.Hour))
	minute = widget.NewSelect(minutes, nil)
	minute.PlaceHolder = "00"
	minute.SetSelected(fmt.Sprintf("%02d", c.Minute))
	return hour, minute
}

// pickedTime reads a time from an hour and a minute picker.
func pickedTime(hour, minute *widget.Select) (data.ClockTime, error) {
	return data.ParseClockTime(hour.Selected + ":" + minute.Selected)
}
