package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCLISync(t *testing.T) {
	dir := t.TempDir()
	desk, laptop, folder := filepath.Join(dir, "desk.db"), filepath.Join(dir, "laptop.db"), filepath.Join(dir, "Sync")
	env := map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00"}
	if code, _, errOut := runMain(t, env, "--db", desk, "win", "Signed Anna"); code != 0 {
		t.Fatalf("win: %s", errOut)
	}
	code, out, errOut := runMain(t, env, "--db", desk, "sync", "--folder", folder)
	if code != 0 {
		t.Fatalf("sync: exit %d: %s", code, errOut)
	}
	m := regexp.MustCompile(`passphrase is: (\S+)`).FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "Wrote 1") {
		t.Fatalf("the first sync said:\n%s\nwant the new passphrase and one change written", out)
	}

	// The laptop needs the passphrase once; without it nothing happens.
	code, _, errOut = runMain(t, env, "--db", laptop, "sync", "--folder", folder)
	if code != 1 || !strings.Contains(errOut, "passphrase") {
		t.Errorf("without the passphrase: exit %d, %q", code, errOut)
	}
	withPass := map[string]string{"MATCHDAY_NOW": env["MATCHDAY_NOW"], "MATCHDAY_SYNC_PASSPHRASE": m[1]}
	code, out, errOut = runMain(t, withPass, "--db", laptop, "sync", "--folder", folder)
	if code != 0 || !strings.Contains(out, "Read 1 changes from 1 logs: 1 new") || !strings.Contains(out, "Last synced from") {
		t.Fatalf("with the passphrase: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runMain(t, env, "--db", laptop, "today", "--json"); code != 0 || !strings.Contains(out, "Signed Anna") {
		t.Errorf("the laptop's today: %s", out)
	}
	// The folder is remembered, and so is the passphrase.
	if code, out, errOut := runMain(t, env, "--db", laptop, "sync"); code != 0 || !strings.Contains(out, "Nothing new from the other machines") {
		t.Errorf("a second pass: exit %d\n%s%s", code, out, errOut)
	}
}

func TestCLISyncUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"sync", "--encryption", "maybe"}, 2, "on or off"},
		{[]string{"sync", "extra"}, 2, "no further arguments"},
		{[]string{"sync"}, 1, "No sync folder is set"},
		{[]string{"sync", "--folder", dir}, 1, "holds the journal itself"},
	} {
		code, _, errOut := runMain(t, nil, append([]string{"--db", filepath.Join(dir, "j.db")}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.say) {
			t.Errorf("%v: exit %d, %q; want %d saying %q", tc.args, code, errOut, tc.code, tc.say)
		}
	}
}
