package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
	"matchday/data"
)

func (c *cli) runExport(args []string) error {
	fs := flags("export")
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "export"})
	}
	switch *format {
	case text.FormatMarkdown, text.FormatSheet, text.FormatCSV, text.FormatJSON:
	default:
		return usagef("export.cli.format")
	}
	s, err := c.openForReading()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *out == "" || *out == "-" {
		if err := text.ExportTo(ctx, s, *format, c.env.Stdout); err != nil {
			return text.Message{Text: text.UserMessage(err)}
		}
		return nil
	}
	if err := text.ExportFile(ctx, s, *format, *out); err != nil {
		return text.Message{Text: text.UserMessage(err)}
	}
	fmt.Fprintln(c.env.Stdout, lang.L("export.cli.wrote", map[string]any{"Path": *out}))
	return nil
}

func (c *cli) runImport(args []string) error {
	fs := flags("import")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("export.cli.importFile")
	}
	name := fs.Arg(0)
	var in io.Reader = c.env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return text.Message{Text: lang.L("export.error.read", map[string]any{"Path": name, "Reason": text.Reason(err)})}
		}
		defer f.Close()
		in = f
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	res, err := s.Import(context.Background(), in)
	if err != nil {
		return text.Message{Text: lang.L("export.error.importFailed", map[string]any{"Path": name}) + " " + text.UserMessage(err)}
	}
	fmt.Fprintln(c.env.Stdout, text.ImportSummary(res))
	return nil
}

func (c *cli) runBackup(args []string) error {
	fs := flags("backup")
	out := fs.String("o", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "backup"})
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	ctx := context.Background()
	path := *out
	if path == "" {
		path, err = s.BackupNow(ctx)
	} else {
		err = s.Backup(ctx, path)
		if errors.Is(err, data.ErrBackupOverJournal) {
			return usagef("export.cli.backupOverJournal")
		}
	}
	if err != nil {
		return text.Message{Text: lang.L("export.error.backup", map[string]any{"Path": path, "Reason": text.Reason(err)})}
	}
	fmt.Fprintln(c.env.Stdout, lang.L("export.cli.backedUp", map[string]any{"Path": path}))
	return nil
}
