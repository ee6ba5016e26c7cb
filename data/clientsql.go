package data

import "strings"

// clientFoldSQL is the part of migration 5's client_wins_insert trigger that
// folds a new row's key as ClientKey does: the row comes in with
// lower(client), and the replacements of foldPairs follow in stages of
// foldStage (see foldTriggerSQL for why in stages), each only for a name
// that holds one of its letters: "Müller" takes one stage, "Anna" none. A
// test checks the migration holds it.
func clientFoldSQL() string {
	var b strings.Builder
	for start := 0; start < len(foldPairs); start += foldStage {
		pairs := foldPairs[start:min(start+foldStage, len(foldPairs))]
		var letters strings.Builder
		for _, p := range pairs {
			letters.WriteString(p[0])
		}
		b.WriteString("\tUPDATE client_wins SET key =" + replaceChain("key", pairs, "\t\t") +
			"\n\t\tWHERE uuid = NEW.uuid AND NEW.key GLOB '*[" + letters.String() + "]*';\n")
	}
	return b.String()
}

// Statements on the tables derived in migration 5; its triggers keep them
// up to date write by write, rebuildDerived refills them with these.
const (
	// fillClientWins puts every live win with a client into client_wins;
	// its insert trigger folds the key and sums each client up.
	fillClientWins = `INSERT INTO client_wins (uuid, key, day, at, amount_cents)
		SELECT uuid, lower(trim(client, char(32, 9, 10, 13))), day, created_at, amount_cents FROM wins
		WHERE deleted_at IS NULL AND trim(client, char(32, 9, 10, 13)) <> '' ORDER BY day, created_at, uuid`
	// fillDayAmounts sums up every day's amounts.
	fillDayAmounts = `INSERT INTO day_amounts (day, amount_cents)
		SELECT day, sum(amount_cents) FROM wins WHERE deleted_at IS NULL AND amount_cents <> 0
		GROUP BY day HAVING sum(amount_cents) <> 0`
	clientColumns = `key, name, first_day, last_day, wins, total_cents, first_amount, last_amount`
)
