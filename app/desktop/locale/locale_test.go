package locale

import (
	"os"
	"testing"
)

func TestUseSystemPutsBackTheSystemLanguage(t *testing.T) {
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	t.Setenv("LANGUAGE", "de")
	t.Setenv("LC_MESSAGES", "")
	os.Unsetenv("LC_MESSAGES")

	Use("en")
	if got := Language(); got != "en" {
		t.Fatalf("after Use(en): Language() = %q, want en", got)
	}
	Use("de")
	Use("en") // a second override must not forget the system's values
	Use("system")
	if got := os.Getenv("LC_ALL"); got != "de_DE.UTF-8" {
		t.Errorf("LC_ALL = %q, want it put back to de_DE.UTF-8", got)
	}
	if _, ok := os.LookupEnv("LC_MESSAGES"); ok {
		t.Errorf("LC_MESSAGES is set; it was unset before the override")
	}
	if got := Language(); got != "de" {
		t.Errorf("after Use(system): Language() = %q, want de", got)
	}
}
