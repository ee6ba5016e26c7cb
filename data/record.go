package data

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tsLayout is how timestamps are stored: UTC, fixed width, so text order is
// time order.
const tsLayout = "2006-01-02T15:04:05.000000000Z"

func formatTS(t time.Time) string { return t.UTC().Format(tsLayout) }

func parseTS(s string) (time.Time, error) {
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("data: bad timestamp %q: %w", s, err)
	}
	return t, nil
}

func parseTSPtr(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := parseTS(*s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func formatTSPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatTS(*t)
	return &s
}

// nullIfEmpty stores "" as NULL.
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported systems
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// zoneName names t's time zone the way a person would recognise it later:
// the IANA name when known ("Europe/Berlin"), else the abbreviation and offset.
func zoneName(t time.Time) string {
	loc := t.Location()
	if name := loc.String(); name != "Local" && name != "" {
		return name
	}
	if tz := os.Getenv("TZ"); tz != "" {
		return strings.TrimPrefix(tz, ":")
	}
	if link, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.Index(link, "zoneinfo/"); i >= 0 {
			return link[i+len("zoneinfo/"):]
		}
		return filepath.Base(link)
	}
	abbr, off := t.Zone()
	return fmt.Sprintf("%s%+03d:%02d", abbr, off/3600, abs(off%3600)/60)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
