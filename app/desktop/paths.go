package desktop

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDBPath returns where the journal lives when --db and MATCHDAY_DB are
// not given: $XDG_DATA_HOME/matchday (~/.local/share/matchday) on Linux,
// os.UserConfigDir()/Matchday elsewhere.
func DefaultDBPath(getenv func(string) string) (string, error) {
	if runtime.GOOS == "linux" {
		dir, err := XDGDir(getenv, "XDG_DATA_HOME", ".local", "share")
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "matchday", "matchday.db"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the settings folder: %w", err)
	}
	return filepath.Join(dir, "Matchday", "matchday.db"), nil
}

// XDGDir is the XDG base folder named by the variable key, or its default
// under the home folder.
func XDGDir(getenv func(string) string, key string, fallback ...string) (string, error) {
	if dir := getenv(key); dir != "" {
		return dir, nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("cannot find the home folder: %w", err)
		}
	}
	return filepath.Join(append([]string{home}, fallback...)...), nil
}
