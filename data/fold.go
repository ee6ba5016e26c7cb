package data

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// foldPairs is how search folds letters: each accented or special letter
// (upper and lower case, NFC) and what it folds to. The same table is baked
// into the search_text_fold trigger (foldTriggerSQL builds it, and a test
// checks the trigger an opened journal has against it), so the words the
// user types and the stored text fold alike. ASCII letters are lowered on
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

// foldStage is how many replace() calls one statement nests: the sqlite3
// shell of Debian 12 (3.40) overflows its parser stack on the whole chain at
// once, and then cannot read the journal at all.
const foldStage = 20

// foldTriggerSQL is the trigger (created by migration 1) that fills
// search_text.folded as Fold does: lower() for every row, then, for text
// with a non-ASCII character, the replacements in stages of foldStage. A trigger rather than
// a generated column, because quick_check recomputes generated columns for
// every row, which made opening a ten-year journal take a second.
func foldTriggerSQL() string {
	var b strings.Builder
	const row = "WHERE uuid = NEW.uuid AND field = NEW.field"
	b.WriteString("CREATE TRIGGER search_text_fold AFTER INSERT ON search_text BEGIN\n")
	b.WriteString("\tUPDATE search_text SET folded = lower(NEW.text || ' ' || NEW.extra) " + row + ";\n")
	for start := 0; start < len(foldPairs); start += foldStage {
		pairs := foldPairs[start:min(start+foldStage, len(foldPairs))]
		b.WriteString("\tUPDATE search_text SET folded =" + replaceChain("folded", pairs, "\t\t") +
			"\n\t\t" + row + " AND NEW.text || NEW.extra GLOB '*[^ -~]*';\n")
	}
	b.WriteString("END;")
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
