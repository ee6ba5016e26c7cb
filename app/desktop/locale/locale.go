// Package locale keeps a "C" locale from reaching Fyne as a language.
//
// Under LANG=C.UTF-8 (the default in containers and many CI machines) Fyne's
// lang package logs "Error parsing user locale C" from its own init, before
// main runs, on every start of every command. Go initialises packages in
// import-path order among those whose imports are ready; this package imports
// only os and strings and sorts before text/template, which Fyne's lang
// needs, so its init runs first. It is the one init in Matchday that does
// work, and the work is one environment variable: LANGUAGE=en, which the C
// locale means anyway.
package locale

import (
	"os"
	"strings"
)

func init() {
	if IsC(Env()) && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "en")
	}
}

// Env returns the locale the C library would use for messages: the first of
// LC_ALL, LC_MESSAGES and LANG that is set.
func Env() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// IsC reports whether locale is the C or POSIX locale, with or without a
// codeset ("C.UTF-8").
func IsC(locale string) bool {
	base, _, _ := strings.Cut(locale, ".")
	return base == "C" || base == "POSIX"
}

// Language returns "de" when the system locale is German and "en" otherwise;
// Matchday speaks these two.
func Language() string {
	for _, l := range strings.Split(os.Getenv("LANGUAGE")+":"+Env(), ":") {
		if strings.HasPrefix(strings.ToLower(l), "de") {
			return "de"
		}
		if l != "" && !IsC(l) {
			return "en"
		}
	}
	return "en"
}

// overridden keeps the variables Use changed as they were before its first
// change, so a later Use("system") can put the system's choice back.
var overridden map[string]*string

// Use makes lang (language "de" or "en") the language Fyne's lang package
// picks the next time it loads translations; "system" or "" puts back the
// system's choice (after an earlier override, say from the settings).
func Use(lang string) {
	keys := []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"}
	if lang != "de" && lang != "en" {
		for _, k := range keys {
			if v, ok := overridden[k]; ok && v == nil {
				os.Unsetenv(k)
			} else if ok {
				os.Setenv(k, *v)
			}
		}
		overridden = nil
		return
	}
	if overridden == nil {
		overridden = map[string]*string{}
		for _, k := range keys {
			if v, ok := os.LookupEnv(k); ok {
				overridden[k] = &v
			} else {
				overridden[k] = nil
			}
		}
	}
	os.Unsetenv("LC_ALL")
	os.Setenv("LC_MESSAGES", lang)
	os.Setenv("LANGUAGE", lang)
}
