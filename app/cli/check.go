package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
	"matchday/data"
)

// runCheck is `matchday check [--repair]`: the full check of the journal,
// in plain words. Without --repair it only reads (data.ForCheck: no file is
// created or changed, not even the damage mark); with it, damage confined
// to indexes and derived data is repaired after a copy of the journal is
// set aside. Exit 1 while the journal is damaged.
func (c *cli) runCheck(args []string) error {
	fs := flags("check")
	repair := fs.Bool("repair", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "check"})
	}
	path, err := c.journalPath()
	if err != nil {
		return err
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return text.Message{Text: lang.L("check.none", map[string]any{"Path": path})}
	}
	s, err := c.open(data.ForCheck())
	if err != nil {
		return err
	}
	c.store = s
	ctx := context.Background()
	if *repair {
		rr, err := s.Repair(ctx)
		switch {
		case err == nil && rr.Aside != "":
			fmt.Fprintln(c.env.Stdout, lang.L("check.repaired", map[string]any{"Path": path, "Aside": rr.Aside}))
			return nil
		case err == nil:
			fmt.Fprintln(c.env.Stdout, lang.L("check.ok", map[string]any{"Path": path}))
			return nil
		}
		var oe *data.OpenError
		if errors.As(err, &oe) && oe.Check != nil {
			return checkMessage(*oe.Check, path)
		}
		return err
	}
	res, err := s.Check(ctx)
	if err != nil {
		return err
	}
	if res.OK() {
		fmt.Fprintln(c.env.Stdout, lang.L("check.ok", map[string]any{"Path": path}))
		return nil
	}
	return checkMessage(res, path)
}

// checkMessage says what a check found wrong, and what to do about it.
func checkMessage(res data.CheckResult, path string) error {
	if res.Repairable() {
		return text.Message{Text: lang.L("check.indexDamage", map[string]any{"Path": path})}
	}
	return text.Message{Text: lang.L("check.recordDamage", map[string]any{"Path": path, "Folder": filepath.Join(filepath.Dir(path), "backups")})}
}
