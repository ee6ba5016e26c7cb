package cli

import (
	"bytes"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// fuzzSafeVerbs are the commands FuzzCommandLine runs: they touch only the
// journal given to them and print. The others open windows, run the agent,
// or read and write files named on the command line, which a fuzzer must
// not do to the machine it runs on.
var fuzzSafeVerbs = map[string]bool{"win": true, "today": true, "demo": true, "version": true, "stats": true}

// fuzzSafe reports whether Main may run args in-process against the test's
// journal: no --db of its own, no window, only fuzzSafeVerbs. A mistake in
// the global flags or an unknown verb is safe: it ends in a usage error.
func fuzzSafe(args []string) bool {
	fs := flag.NewFlagSet("matchday", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("db", "", "")
	fs.Bool("no-agent", false, "")
	if err := fs.Parse(args); err != nil {
		return true
	}
	ownDB := false
	fs.Visit(func(f *flag.Flag) { ownDB = ownDB || f.Name == "db" })
	if ownDB || fs.NArg() == 0 {
		return false
	}
	verb := fs.Arg(0)
	if _, ok := windowCommands[verb]; ok {
		return false
	}
	if _, ok := commands[verb]; ok {
		return fuzzSafeVerbs[verb]
	}
	return true
}

// FuzzCommandLine runs the command line in-process with random arguments
// (NUL-separated in the input) against a temp journal: it never panics, the
// exit code is 0, 1 or 2, an error is one line on stderr, and a usage error
// (2) is that line plus the hint.
func FuzzCommandLine(f *testing.F) {
	for _, args := range [][]string{
		{"win", "Kurs für 800 € verkauft 🎉"}, {"win"}, {"win", ""}, {"win", "  "}, {"win", "a\x01b"},
		{"win", "\xff\xfe"}, {"win", strings.Repeat("ü", 501)}, {"win", "--day", "2026-02-30", "x"},
		{"win", "--day", "2026-11-26", "Nachgebucht"}, {"win", "--day"}, {"win", "--", "--day"},
		{"win", "-x", "y"}, {"today"}, {"today", "--json"}, {"today", "extra"}, {"today", "--json=false"},
		{"version"}, {"help"}, {"help", "win"}, {"--help"}, {"-h"}, {"bogus"}, {""}, {"--no-agent", "today"},
		{"--no-agent=maybe", "today"}, {"--db"}, {"-db"}, {"--unknown", "win", "x"}, {"demo", "--years", "0"},
		{"demo", "--years", "x"}, {"demo", "--lang", "fr"}, {"demo", "--years", "1", "--lang", "de", "--seed", "7"},
		{"version", "extra"}, {"stats", "--json"}, {"bo\ngus\r\nline"}, {"win", "--day", "2026-11-26\nx", "y"},
	} {
		f.Add(strings.Join(args, "\x00"))
	}
	// One journal for all inputs: creating one per input would spend the
	// fuzzing time on SQLite's fsyncs.
	env := map[string]string{
		"MATCHDAY_DB":       filepath.Join(f.TempDir(), "matchday.db"),
		"MATCHDAY_NO_AGENT": "1",
		"MATCHDAY_NOW":      "2026-11-26T14:00:00+01:00",
	}
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		if !fuzzSafe(args) {
			return
		}
		var stdout, stderr bytes.Buffer
		code := Main(args, Env{
			Getenv: func(k string) string { return env[k] },
			Stdin:  strings.NewReader(""),
			Stdout: &stdout,
			Stderr: &stderr,
		})
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		switch code {
		case 0:
			if stderr.Len() > 0 {
				t.Fatalf("%q: exit 0 but stderr %q", args, stderr.String())
			}
		case 1:
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "matchday: ") {
				t.Fatalf("%q: exit 1 with stderr %q, want one error line", args, stderr.String())
			}
		case 2:
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "matchday: ") || lines[1] != lang.L("cli.usage.hint") {
				t.Fatalf("%q: exit 2 with stderr %q, want one error line and the hint", args, stderr.String())
			}
		default:
			t.Fatalf("%q: exit code %d", args, code)
		}
	})
}
