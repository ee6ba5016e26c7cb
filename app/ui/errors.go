package ui

import (
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"matchday/app/text"
)

// showError tells the user in plain words what went wrong, on top of w; the
// technical detail goes to the log.
func (u *UI) showError(w fyne.Window, err error) {
	log.Printf("matchday: %v", err)
	dialog.ShowError(errors.New(text.UserMessage(err)), w)
}
