package data

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// foldPairs is how search folds letters: each accented or special letter
// (upper and lower case, NFC) and what it folds to. The same table is baked
// into the search table's generated column in migration 1 (foldSQL builds
// that expression, and a test checks the migration holds it), so the words
// the user types and the stored text fold alike. ASCII letters are lowered on
// both sides; other letters are kept as they are.
var foldPairs = [][2]string{
	{"À", "a"}, {"Á", "a"}, {"Â", "a"}, {"Ã", "a"}, {"Ä", "a"}, {"Å", "a"}, {"Ā", "a"}, {"Ă", "a"}, {"Ą", "a"},
	{"à", "a"}, {"á", "a"}, {"â", "a"}, {"ã", "a"}, {"ä", "a"}, {"å", "a"}, {"ā", "a"}, {"ă", "a"}, {"ą", "a"},
	{"Æ", "ae"}, {"æ", "ae"},
	{"Ç", "c"}, {"Ć", "c"}, {"Č", "c"}, {"ç", "c"}, {"ć", "c"}, {"č", "c"},
	{"Ď", "d"}, {"Đ", "d"}, {"ď", "d"}, {"đ", "d"},
	{"È", "e"}, {"É", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"Ē", "e"}, {"Ė", "e"}, {"Ę", "e"}, {"Ě", "e"},
	{"è", "e"}, {"é", "e"}, {"ê", "e"}, {"ë", "e"}, {"ē", "e"}, {"ė", "e"}, {"ę", "e"}, {"ě", "e"},
	{"Ğ", "g"}, {"ğ", "g"},
	{"Ì", "i"}, {"Í", "i"}, {"Î", "i"}, {"Ï", "i"}, {"Ī", "i"}, {"İ", "i"},
	{"ì", "i"}, {"í", "i"}, {"î", "i"}, {"ï", "i"}, {"ī", "i"}, {"ı", "i"},
	{"Ł", "l"}, {"ł", "l"},
	{"Ñ", "n"}, {"Ń", "n"}, {"Ň", "n"}, {"ñ", "n"}, {"ń", "n"}, {"ň", "n"},
	{"Ò", "o"}, {"Ó", "o"}, {"Ô", "o"}, {"Õ", "o"}, {"Ö", "o"}, {"Ø", "o"}, {"Ō", "o"}, {"Ő", "o"},
	{"ò", "o"}, {"ó", "o"}, {"ô", "o"}, {"õ", "o"}, {"ö", "o"}, {"ø", "o"}, {"ō", "o"}, {"ő", "o"},
	{"Œ", "oe"}, {"œ", "oe"},
	{"Ř", "r"}, {"ř", "r"},
	{"Ś", "s"}, {"Š", "s"}, {"Ş", "s"}, {"ś", "s"}, {"š", "s"}, {"ş", "s"}, {"ß", "ss"}, {"ẞ", "ss"},
	{"Ť", "t"}, {"ť", "t"},
	{"Ù", "u"}, {"Ú", "u"}, {"Û", "u"}, {"Ü", "u"}, {"Ū", "u"}, {"Ů", "u"}, {"Ű", "u"},
	{"ù", "u"}, {"ú", "u"}, {"û", "u"}, {"ü", "u"}, {"ū", "u"}, {"ů", "u"}, {"ű", "u"},
	{"Ý", "y"}, {"Ÿ", "y"}, {"ý", "y"}, {"ÿ", "y"},
	{"Ź", "z"}, {"Ż", "z"}, {"Ž", "z"}, {"ź", "z"}, {"ż", "z"}, {"ž", "z"},
}

var folder = func() *strings.Replacer {
	args := make([]string, 0, 2*len(foldPairs))
	for _, p := range foldPairs {
		args = append(args, p[0], p[1])
	}
	return strings.NewReplacer(args...)
}()

// Fold turns s into the form search compares: NFC, ASCII letters lowered,
// the letters in foldPairs replaced, so "MÜLLER", "Müller" and "muller" all
// fold to "muller".
func Fold(s string) string {
	return folder.Replace(asciiLower(norm.NFC.String(s)))
}

// asciiLower lowers A-Z only, as SQLite's lower() does without ICU.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// foldStage is how many replace() calls one generated column nests: the
// sqlite3 shell of Debian 12 (3.40) overflows its parser stack on the whole
// chain at once and then cannot read the journal at all.
const foldStage = 20

// foldColumnSQL is the definition of search_text.folded in migration 1:
// foldSQL for text with a non-ASCII character, in stages of virtual columns
// (fold1, fold2, …) so no expression nests deeply; plain lower() for the
// rest, which is most text and much faster.
func foldColumnSQL() string {
	var b strings.Builder
	b.WriteString("lowered TEXT GENERATED ALWAYS AS (lower(text || ' ' || extra)) VIRTUAL,")
	prev := "lowered"
	stage := 0
	for start := 0; start < len(foldPairs); start += foldStage {
		pairs := foldPairs[start:min(start+foldStage, len(foldPairs))]
		stage++
		col := fmt.Sprintf("fold%d", stage)
		b.WriteString("\n\t" + col + " TEXT GENERATED ALWAYS AS (" + replaceChain(prev, pairs, "\t\t") + ") VIRTUAL,")
		prev = col
	}
	b.WriteString("\n\tfolded TEXT GENERATED ALWAYS AS (CASE\n\t\tWHEN text || extra GLOB '*[^ -~]*' THEN " + prev + "\n\t\tELSE lowered END) STORED")
	return b.String()
}

// replaceChain is col with each pair's first string replaced by its second.
func replaceChain(col string, pairs [][2]string, indent string) string {
	var b strings.Builder
	b.WriteString("\n" + indent)
	for range pairs {
		b.WriteString("replace(")
	}
	b.WriteString(col)
	for i, p := range pairs {
		if i%6 == 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteString(", '" + p[0] + "', '" + p[1] + "')")
	}
	return b.String()
}
