package text

import "testing"

// useLanguage makes language ("en" or "de") the language of a test and puts
// English back afterwards. Tests that call it must not run in parallel:
// Fyne's translations are process-wide.
func useLanguage(t *testing.T, language string) {
	t.Helper()
	Load(language)
	t.Cleanup(func() { Load("en") })
}
