package cli

import (
	"context"
	"fmt"

	"matchday/app/text"
	"matchday/data"
)

// runSync runs one sync pass through the folder given, or the one set in
// Settings, and prints what it wrote and read. The passphrase of an
// encrypted folder comes from MATCHDAY_SYNC_PASSPHRASE (not an argument,
// which other users could read in the process list) the first time; the
// journal keeps it after that.
func (c *cli) runSync(args []string) error {
	fs := flags("sync")
	folder := fs.String("folder", "", "")
	encryption := fs.String("encryption", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "sync"})
	}
	opts := data.SyncOptions{Passphrase: c.env.Getenv("MATCHDAY_SYNC_PASSPHRASE")}
	switch *encryption {
	case "":
	case "on":
		opts.Encryption = data.EncryptionOn
	case "off":
		opts.Encryption = data.EncryptionOff
	default:
		return usagef("sync.cli.encryption")
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	rep, err := s.Sync(context.Background(), *folder, opts)
	if err != nil {
		return text.Message{Text: text.SyncMessage(err)}
	}
	for _, line := range text.SyncSummary(rep) {
		fmt.Fprintln(c.env.Stdout, line)
	}
	return nil
}
