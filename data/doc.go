// Package data is Matchday's store: the SQLite schema and its migrations, the
// domain types (Win, Evening, Morning, Settings), the logical day, the text
// rules and the demo data. It imports no Fyne package, so the command line,
// the agent and the windows share it unchanged.
package data
