// Package packaging holds no code: its tests check that the files which make
// Matchday a desktop application (FyneApp.toml, the desktop entry, the
// AppStream metainfo, the icons, the install rules, the Flatpak manifest)
// agree on one reverse-DNS id, one version and one window class.
package packaging

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var root = filepath.Join("..")

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fyneApp returns FyneApp.toml's ID and Version.
func fyneApp(t *testing.T) (id, version string) {
	t.Helper()
	b := read(t, "FyneApp.toml")
	field := func(key string) string {
		m := regexp.MustCompile(`(?m)^` + key + `\s*=\s*"([^"]+)"`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("FyneApp.toml has no %s", key)
		}
		return string(m[1])
	}
	return field("ID"), field("Version")
}

// desktopEntry reads the [Desktop Entry] group of a desktop file.
func desktopEntry(t *testing.T, name string) map[string]string {
	t.Helper()
	entry := map[string]string{}
	group := ""
	sc := bufio.NewScanner(bytes.NewReader(read(t, name)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			group = line
		case group == "[Desktop Entry]":
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				t.Fatalf("%s: line %q is not key=value", name, line)
			}
			entry[k] = v
		}
	}
	return entry
}

func TestDesktopEntry(t *testing.T) {
	id, _ := fyneApp(t)
	e := desktopEntry(t, "assets/"+id+".desktop")
	for _, key := range []string{"Name", "GenericName", "GenericName[de]", "Comment", "Comment[de]", "Keywords", "Keywords[de]", "Categories"} {
		if e[key] == "" {
			t.Errorf("the desktop entry has no %s", key)
		}
	}
	if e["Icon"] != id {
		t.Errorf("Icon=%q, want the app id %q", e["Icon"], id)
	}
	// install.mk turns Exec=matchday into the installed binary's full path.
	if e["Exec"] != "matchday" {
		t.Errorf("Exec=%q, want matchday", e["Exec"])
	}
	// The window process gives every window the X11 class ui.WindowClass
	// (app/ui/window_class.go): the launcher finds its windows by it.
	m := regexp.MustCompile(`(?m)^const WindowClass = "([^"]+)"`).FindSubmatch(read(t, "app/ui/window_class.go"))
	if m == nil {
		t.Fatal("app/ui/window_class.go has no WindowClass")
	}
	if e["StartupWMClass"] != string(m[1]) {
		t.Errorf("StartupWMClass=%q, but the windows' class is %q", e["StartupWMClass"], m[1])
	}
}

// metainfo is the part of the AppStream file the tests read.
type metainfo struct {
	ID         string `xml:"id"`
	Launchable []struct {
		Type  string `xml:"type,attr"`
		Value string `xml:",chardata"`
	} `xml:"launchable"`
	Summary []struct {
		Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Value string `xml:",chardata"`
	} `xml:"summary"`
	Images   []string `xml:"screenshots>screenshot>image"`
	Releases []struct {
		Version string `xml:"version,attr"`
	} `xml:"releases>release"`
	ContentRating struct {
		Type string `xml:"type,attr"`
	} `xml:"content_rating"`
}

func TestMetainfo(t *testing.T) {
	id, version := fyneApp(t)
	var m metainfo
	if err := xml.Unmarshal(read(t, "assets/"+id+".metainfo.xml"), &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != id {
		t.Errorf("metainfo id %q, want %q", m.ID, id)
	}
	if len(m.Launchable) != 1 || m.Launchable[0].Type != "desktop-id" || m.Launchable[0].Value != id+".desktop" {
		t.Errorf("launchable %+v, want the desktop id %s.desktop", m.Launchable, id)
	}
	var langs []string
	for _, s := range m.Summary {
		langs = append(langs, s.Lang)
	}
	if !slices.Equal(langs, []string{"", "de"}) {
		t.Errorf("summaries in %q, want English and German", langs)
	}
	// AppStream lists releases newest first; the build stamps FyneApp.toml's
	// version (packaging/version).
	if len(m.Releases) == 0 || m.Releases[0].Version != version {
		t.Errorf("releases %+v, want the newest to be FyneApp.toml's %s", m.Releases, version)
	}
	if m.ContentRating.Type != "oars-1.1" {
		t.Errorf("content rating %q, want oars-1.1", m.ContentRating.Type)
	}
	if len(m.Images) == 0 {
		t.Fatal("no screenshots")
	}
	for _, img := range m.Images {
		if _, err := os.Stat(filepath.Join(root, "docs", "screenshots", path.Base(img))); err != nil {
			t.Errorf("screenshot %s is not one of docs/screenshots: %v", img, err)
		}
	}
}

func TestIcons(t *testing.T) {
	m := regexp.MustCompile(`(?m)^ICON_SIZES\s*:=\s*(.+)$`).FindSubmatch(read(t, "packaging/install.mk"))
	if m == nil {
		t.Fatal("install.mk has no ICON_SIZES")
	}
	sizes := strings.Fields(string(m[1]))
	if sizes[0] != "16" || sizes[len(sizes)-1] != "512" {
		t.Errorf("icon sizes %v, want 16 to 512", sizes)
	}
	for _, s := range sizes {
		f, err := os.Open(filepath.Join(root, "assets", "icons", s+".png"))
		if err != nil {
			t.Error(err)
			continue
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Errorf("icons/%s.png: %v", s, err)
			continue
		}
		if n, _ := strconv.Atoi(s); cfg.Width != n || cfg.Height != n {
			t.Errorf("icons/%s.png is %dx%d", s, cfg.Width, cfg.Height)
		}
	}
	if svg := read(t, "assets/icon.svg"); !bytes.Contains(svg, []byte("<svg")) {
		t.Error("assets/icon.svg is not an SVG")
	}
}

func TestFlatpakManifest(t *testing.T) {
	id, _ := fyneApp(t)
	var m struct {
		ID            string   `yaml:"id"`
		Runtime       string   `yaml:"runtime"`
		SDKExtensions []string `yaml:"sdk-extensions"`
		Command       string   `yaml:"command"`
		FinishArgs    []string `yaml:"finish-args"`
		BuildOptions  struct {
			Env map[string]string `yaml:"env"`
		} `yaml:"build-options"`
		Modules []struct {
			Name    string `yaml:"name"`
			Sources []struct {
				Type string `yaml:"type"`
				Path string `yaml:"path"`
				Dest string `yaml:"dest"`
			} `yaml:"sources"`
		} `yaml:"modules"`
	}
	if err := yaml.Unmarshal(read(t, "packaging/flatpak/"+id+".yml"), &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != id || m.Command != "matchday" || m.Runtime != "org.freedesktop.Platform" {
		t.Errorf("manifest id %q, command %q, runtime %q", m.ID, m.Command, m.Runtime)
	}
	if !slices.Contains(m.SDKExtensions, "org.freedesktop.Sdk.Extension.golang") {
		t.Errorf("sdk extensions %v, want the Go extension", m.SDKExtensions)
	}
	// The smallest permissions: a window on X11 with GL, and the two bus
	// names the agent talks to. No network, no files (the file dialogs go
	// through the portal).
	want := []string{
		"--device=dri",
		"--share=ipc",
		"--socket=x11",
		"--talk-name=org.freedesktop.Notifications",
		"--talk-name=org.kde.StatusNotifierWatcher",
	}
	got := slices.Sorted(slices.Values(m.FinishArgs))
	if !slices.Equal(got, want) {
		t.Errorf("finish-args %q, want exactly %q", got, want)
	}
	flags := strings.Fields(m.BuildOptions.Env["GOFLAGS"])
	for _, f := range []string{"-mod=vendor", "-trimpath", "-tags=flatpak"} {
		if !slices.Contains(flags, f) {
			t.Errorf("GOFLAGS %q lacks %s", flags, f)
		}
	}
	if m.BuildOptions.Env["GOTOOLCHAIN"] != "local" {
		t.Error("GOTOOLCHAIN is not local: an offline build must not try to download a Go")
	}
	vendored := false
	for _, mod := range m.Modules {
		for _, src := range mod.Sources {
			vendored = vendored || src.Dest == "vendor"
		}
	}
	if !vendored {
		t.Error("no source puts the vendored modules in vendor/")
	}
}
