package version

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestOneVersionEverywhere checks that FyneApp.toml's version, which the
// build stamps into Version, is the newest release the AppStream metainfo
// announces to software centres.
func TestOneVersionEverywhere(t *testing.T) {
	root := filepath.Join("..", "..")
	toml, err := os.ReadFile(filepath.Join(root, "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	app := string(m[1])

	b, err := os.ReadFile(filepath.Join(root, "assets", "app.matchday.Matchday.metainfo.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Releases []struct {
			Version string `xml:"version,attr"`
			Date    string `xml:"date,attr"`
		} `xml:"releases>release"`
	}
	if err := xml.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	if len(meta.Releases) == 0 {
		t.Fatal("the metainfo lists no release")
	}
	// AppStream lists releases newest first.
	if got := meta.Releases[0].Version; got != app {
		t.Errorf("newest release in the metainfo is %q, FyneApp.toml says %q", got, app)
	}
}
