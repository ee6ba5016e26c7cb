// Package app_test checks the floor plan of app/ (README, Architecture):
// each folder does one job, and dependencies flow one way.
package app_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// pkg is what `go list -json` says of a package.
type pkg struct {
	ImportPath string
	Imports    []string
}

// listPackages returns matchday's packages with their direct imports.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", "matchday/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// allowed says, for each room of the program, which of matchday's own
// packages it may import. The flow is one way: cli → ui → widget/text →
// data; agent → desktop, data; nothing below imports cli or ui, widgets
// know neither the store nor the translations.
var allowed = map[string][]string{
	"matchday":                    {"matchday/app/cli", "matchday/app/desktop/locale"},
	"matchday/app/cli":            {"matchday/app/ui", "matchday/app/agent", "matchday/app/text", "matchday/app/desktop", "matchday/app/desktop/locale", "matchday/app/version", "matchday/data"},
	"matchday/app/ui":             {"matchday/app/widget", "matchday/app/text", "matchday/app/desktop", "matchday/assets", "matchday/data"},
	"matchday/app/widget":         {},
	"matchday/app/text":           {"matchday/app/desktop/locale", "matchday/assets", "matchday/data"},
	"matchday/app/agent":          {"matchday/app/desktop", "matchday/app/desktop/locale", "matchday/assets", "matchday/data"},
	"matchday/app/desktop":        {},
	"matchday/app/desktop/locale": {},
	"matchday/app/version":        {},
	"matchday/data":               {},
	"matchday/assets":             {},
}

// forbiddenThirdParty are imports a room must not have even indirectly
// named: the agent has no GL (Fyne's drivers), data has no Fyne at all,
// and only the command line parses flags.
var forbiddenThirdParty = map[string][]string{
	"matchday/app/agent":  {"fyne.io/fyne/v2/app", "fyne.io/fyne/v2/internal/driver", "github.com/go-gl/glfw"},
	"matchday/app/widget": {"fyne.io/fyne/v2/lang"},
	"matchday/data":       {"fyne.io/fyne/v2"},
}

func TestDependenciesFlowOneWay(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < len(allowed) {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	for _, p := range pkgs {
		room, ok := roomOf(p.ImportPath)
		if !ok {
			continue // test helpers (data/testclock, data/datatest)
		}
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, "matchday") && imp != room && !contains(allowed[room], imp) {
				t.Errorf("%s imports %s, against the floor plan", p.ImportPath, imp)
			}
			for _, bad := range forbiddenThirdParty[room] {
				if imp == bad || strings.HasPrefix(imp, bad+"/") {
					t.Errorf("%s imports %s", p.ImportPath, imp)
				}
			}
			if imp == "flag" && room != "matchday/app/cli" {
				t.Errorf("%s parses flags: only the command line does", p.ImportPath)
			}
		}
	}
}

// TestHelpersAreOnlyForTests: the shared test clock and fixtures are
// imported by tests alone, never by the program.
func TestHelpersAreOnlyForTests(t *testing.T) {
	for _, p := range listPackages(t) {
		for _, imp := range p.Imports {
			if imp == "matchday/data/testclock" || imp == "matchday/data/datatest" {
				if _, ok := roomOf(p.ImportPath); ok {
					t.Errorf("%s imports the test helper %s", p.ImportPath, imp)
				}
			}
		}
	}
}

// roomOf names the room a package belongs to (its entry in allowed).
func roomOf(path string) (string, bool) {
	if _, ok := allowed[path]; ok {
		return path, true
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
