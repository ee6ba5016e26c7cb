package text

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"matchday/assets"
)

func loadKeys(t *testing.T, lang string) map[string]bool {
	t.Helper()
	b, err := assets.Translations.ReadFile("translations/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	keys := map[string]bool{}
	for k, v := range m {
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			t.Errorf("%s.json: %s is empty", lang, k)
		}
		keys[k] = true
	}
	return keys
}

// TestTranslationsHaveTheSameKeys fails when a key is in one language file
// and not the other.
func TestTranslationsHaveTheSameKeys(t *testing.T) {
	en, de := loadKeys(t, "en"), loadKeys(t, "de")
	for k := range en {
		if !de[k] {
			t.Errorf("de.json lacks %q", k)
		}
	}
	for k := range de {
		if !en[k] {
			t.Errorf("en.json lacks %q", k)
		}
	}
}

// TestEveryUsedKeyIsTranslated finds every lang.L/N/X call with a literal
// key in the program's source and fails when a key is missing from either
// language file.
func TestEveryUsedKeyIsTranslated(t *testing.T) {
	en, de := loadKeys(t, "en"), loadKeys(t, "de")
	used := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				key, _ := strconv.Unquote(lit.Value)
				used[key] = fset.Position(lit.Pos()).String()
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 10 {
		t.Fatalf("found only %d keys; is the source walk broken?", len(used))
	}
	var missing []string
	for k, where := range used {
		if !en[k] || !de[k] {
			missing = append(missing, k+" ("+where+")")
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("untranslated key %s", m)
	}
}
