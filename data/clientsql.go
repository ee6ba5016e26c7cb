package data

import "strings"

// clientFoldSQL is the part of migration 4's client_wins_insert trigger that
// folds a new row's key as ClientKey does: the row comes in with
// lower(client), and for a client with a non-ASCII character the
// replacements of foldPairs follow in stages of foldStage (see
// foldTriggerSQL for why in stages). A test checks the migration holds it.
func clientFoldSQL() string {
	var b strings.Builder
	for start := 0; start < len(foldPairs); start += foldStage {
		pairs := foldPairs[start:min(start+foldStage, len(foldPairs))]
		b.WriteString("\tUPDATE client_wins SET key =" + replaceChain("key", pairs, "\t\t") +
			"\n\t\tWHERE uuid = NEW.uuid AND NEW.key GLOB '*[^ -~]*';\n")
	}
	return b.String()
}

// Statements on the derived client tables; the triggers of migration 4 keep
// them up to date, these read and rebuild them.
const (
	// fillClientWins puts every live win with a client into client_wins;
	// its insert trigger folds the key and sums each client up.
	fillClientWins = `INSERT INTO client_wins (uuid, key, client, day, at, amount_cents)
		SELECT uuid, lower(client), client, day, created_at, amount_cents FROM wins
		WHERE deleted_at IS NULL AND client <> '' ORDER BY day, created_at, uuid`
	clientColumns = `key, name, first_day, last_day, wins, total_cents, first_amount, last_amount`
)
