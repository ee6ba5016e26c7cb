package desktop

import "testing"

// TestDefaultDBPath: the journal lives in $XDG_DATA_HOME/matchday, or in
// ~/.local/share/matchday without it (Linux).
func TestDefaultDBPath(t *testing.T) {
	env := map[string]string{"HOME": "/home/ada"}
	get := func(k string) string { return env[k] }
	if p, err := DefaultDBPath(get); err != nil || p != "/home/ada/.local/share/matchday/matchday.db" {
		t.Errorf("without XDG_DATA_HOME: %q %v", p, err)
	}
	env["XDG_DATA_HOME"] = "/data"
	if p, err := DefaultDBPath(get); err != nil || p != "/data/matchday/matchday.db" {
		t.Errorf("with XDG_DATA_HOME: %q %v", p, err)
	}
}
