package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// migrations are applied in order, one transaction each, and PRAGMA
// user_version records how many have run. Append only: a released migration
// is never edited.
var migrations = []string{
	// 1: wins, evenings, mornings, settings.
	`
CREATE TABLE wins (
	uuid         TEXT PRIMARY KEY,
	day          TEXT NOT NULL CHECK (length(day) = 10),
	text         TEXT NOT NULL CHECK (text <> ''),
	note         TEXT NOT NULL DEFAULT '',
	client       TEXT NOT NULL DEFAULT '',
	amount_cents INTEGER,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	zone         TEXT NOT NULL DEFAULT '',
	deleted_at   TEXT
) WITHOUT ROWID;
CREATE INDEX wins_day ON wins (day, created_at) WHERE deleted_at IS NULL;

CREATE TABLE evenings (
	uuid          TEXT PRIMARY KEY,
	day           TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
	went_well     TEXT NOT NULL DEFAULT '',
	repeat_how    TEXT NOT NULL DEFAULT '',
	focus_result  TEXT CHECK (focus_result IN ('yes', 'partly', 'no')),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	celebrated_at TEXT,
	made_up       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mornings (
	uuid       TEXT PRIMARY KEY,
	day        TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
	focus      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	set_at     TEXT
);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- day_wins counts each day's live wins, kept by triggers, so the win counter
-- reads a few small rows instead of scanning years of wins.
CREATE TABLE day_wins (
	day  TEXT PRIMARY KEY,
	wins INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER wins_count_insert AFTER INSERT ON wins WHEN NEW.deleted_at IS NULL BEGIN
	INSERT INTO day_wins (day, wins) VALUES (NEW.day, 1)
		ON CONFLICT (day) DO UPDATE SET wins = wins + 1;
END;
CREATE TRIGGER wins_count_delete AFTER DELETE ON wins WHEN OLD.deleted_at IS NULL BEGIN
	UPDATE day_wins SET wins = wins - 1 WHERE day = OLD.day;
END;
CREATE TRIGGER wins_count_update AFTER UPDATE OF day, deleted_at ON wins BEGIN
	UPDATE day_wins SET wins = wins - 1 WHERE day = OLD.day AND OLD.deleted_at IS NULL;
	INSERT INTO day_wins (day, wins) SELECT NEW.day, 1 WHERE NEW.deleted_at IS NULL
		ON CONFLICT (day) DO UPDATE SET wins = wins + 1;
END;

-- Covering indexes for the overview, which reads every day's summary.
CREATE INDEX wins_live_day ON wins (day, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX evenings_overview ON evenings (day, celebrated_at, made_up, focus_result);
CREATE INDEX mornings_set_day ON mornings (day, set_at) WHERE set_at IS NOT NULL;

-- Search (issue 8): one row per searchable text, kept up to date by the
-- triggers below on every write, with the text folded for case- and
-- accent-insensitive matching ("muller" finds "Müller"). The fold is the
-- table foldPairs in fold.go (a test checks the two agree); ASCII-only text
-- skips the long replace chain.
CREATE TABLE search_text (
	uuid   TEXT NOT NULL,
	field  TEXT NOT NULL CHECK (field IN ('win', 'went_well', 'repeat_how', 'focus')),
	day    TEXT NOT NULL,
	at     TEXT NOT NULL,
	text   TEXT NOT NULL,
	extra  TEXT NOT NULL DEFAULT '',
	folded TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (uuid, field)
) WITHOUT ROWID;
CREATE TRIGGER search_text_fold AFTER INSERT ON search_text BEGIN
	UPDATE search_text SET folded = lower(NEW.text || ' ' || NEW.extra) WHERE uuid = NEW.uuid AND field = NEW.field;
	UPDATE search_text SET folded =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded
		, 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a')
		, 'Ā', 'a'), 'Ă', 'a'), 'Ą', 'a'), 'à', 'a'), 'á', 'a'), 'â', 'a')
		, 'ã', 'a'), 'ä', 'a'), 'å', 'a'), 'ā', 'a'), 'ă', 'a'), 'ą', 'a')
		, 'Æ', 'ae'), 'æ', 'ae')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
	UPDATE search_text SET folded =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded
		, 'Ç', 'c'), 'Ć', 'c'), 'Č', 'c'), 'ç', 'c'), 'ć', 'c'), 'č', 'c')
		, 'Ď', 'd'), 'Đ', 'd'), 'ď', 'd'), 'đ', 'd'), 'È', 'e'), 'É', 'e')
		, 'Ê', 'e'), 'Ë', 'e'), 'Ē', 'e'), 'Ė', 'e'), 'Ę', 'e'), 'Ě', 'e')
		, 'è', 'e'), 'é', 'e')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
	UPDATE search_text SET folded =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded
		, 'ê', 'e'), 'ë', 'e'), 'ē', 'e'), 'ė', 'e'), 'ę', 'e'), 'ě', 'e')
		, 'Ğ', 'g'), 'ğ', 'g'), 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i')
		, 'Ī', 'i'), 'İ', 'i'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i')
		, 'ī', 'i'), 'ı', 'i')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
	UPDATE search_text SET folded =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded
		, 'Ł', 'l'), 'ł', 'l'), 'Ñ', 'n'), 'Ń', 'n'), 'Ň', 'n'), 'ñ', 'n')
		, 'ń', 'n'), 'ň', 'n'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o')
		, 'Ö', 'o'), 'Ø', 'o'), 'Ō', 'o'), 'Ő', 'o'), 'ò', 'o'), 'ó', 'o')
		, 'ô', 'o'), 'õ', 'o')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
	UPDATE search_text SET folded =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded
		, 'ö', 'o'), 'ø', 'o'), 'ō', 'o'), 'ő', 'o'), 'Œ', 'oe'), 'œ', 'oe')
		, 'Ř', 'r'), 'ř', 'r'), 'Ś', 's'), 'Š', 's'), 'Ş', 's'), 'ś', 's')
		, 'š', 's'), 'ş', 's'), 'ß', 'ss'), 'ẞ', 'ss'), 'Ť', 't'), 'ť', 't')
		, 'Ù', 'u'), 'Ú', 'u')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
	UPDATE search_text SET folded =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(folded
		, 'Û', 'u'), 'Ü', 'u'), 'Ū', 'u'), 'Ů', 'u'), 'Ű', 'u'), 'ù', 'u')
		, 'ú', 'u'), 'û', 'u'), 'ü', 'u'), 'ū', 'u'), 'ů', 'u'), 'ű', 'u')
		, 'Ý', 'y'), 'Ÿ', 'y'), 'ý', 'y'), 'ÿ', 'y'), 'Ź', 'z'), 'Ż', 'z')
		, 'Ž', 'z'), 'ź', 'z')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
	UPDATE search_text SET folded =
		replace(replace(folded
		, 'ż', 'z'), 'ž', 'z')
		WHERE uuid = NEW.uuid AND field = NEW.field AND NEW.text || NEW.extra GLOB '*[^ -~]*';
END;

CREATE TRIGGER wins_search_insert AFTER INSERT ON wins WHEN NEW.deleted_at IS NULL BEGIN
	INSERT INTO search_text (uuid, field, day, at, text, extra)
		VALUES (NEW.uuid, 'win', NEW.day, NEW.created_at, NEW.text, NEW.client || ' ' || NEW.note);
END;
CREATE TRIGGER wins_search_update AFTER UPDATE ON wins BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
	INSERT INTO search_text (uuid, field, day, at, text, extra)
		SELECT NEW.uuid, 'win', NEW.day, NEW.created_at, NEW.text, NEW.client || ' ' || NEW.note
		WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER wins_search_delete AFTER DELETE ON wins BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
END;

CREATE TRIGGER evenings_search_insert AFTER INSERT ON evenings BEGIN
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'went_well', NEW.day, NEW.created_at, NEW.went_well WHERE NEW.went_well <> '';
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'repeat_how', NEW.day, NEW.created_at, NEW.repeat_how WHERE NEW.repeat_how <> '';
END;
CREATE TRIGGER evenings_search_update AFTER UPDATE ON evenings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'went_well', NEW.day, NEW.created_at, NEW.went_well WHERE NEW.went_well <> '';
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'repeat_how', NEW.day, NEW.created_at, NEW.repeat_how WHERE NEW.repeat_how <> '';
END;
CREATE TRIGGER evenings_search_delete AFTER DELETE ON evenings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
END;

CREATE TRIGGER mornings_search_insert AFTER INSERT ON mornings WHEN NEW.focus <> '' BEGIN
	INSERT INTO search_text (uuid, field, day, at, text)
		VALUES (NEW.uuid, 'focus', NEW.day, NEW.created_at, NEW.focus);
END;
CREATE TRIGGER mornings_search_update AFTER UPDATE ON mornings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'focus', NEW.day, NEW.created_at, NEW.focus WHERE NEW.focus <> '';
END;
CREATE TRIGGER mornings_search_delete AFTER DELETE ON mornings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
END;
`,
	// 2: local_state, this machine's own state, out of settings.
	`
-- What the program keeps for itself on this machine (when a reminder last
-- fired, the day of the daily check): never exported, imported, restored or
-- synced, so it has a table of its own instead of "state." keys in settings.
CREATE TABLE local_state (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO local_state (key, value, updated_at)
	SELECT substr(key, 7), value, updated_at FROM settings WHERE key GLOB 'state.*';
DELETE FROM settings WHERE key GLOB 'state.*';
`,
	// 3: evenings and mornings get tombstones (deleted_at) like wins, with one
	// live record per day, and merged_into for a tombstone whose texts an
	// import merged into the day's live record; the journal file gets an id
	// of its own.
	//
	// A column's UNIQUE cannot be dropped, so both tables are rebuilt the way
	// SQLite's manual says (new table, copy, drop, rename), keeping every
	// column, and their indexes and triggers are created again, now leaving
	// tombstones out. TestMigrationKeepsEveningsAndMornings holds that nothing
	// of the tables is lost: a migration before this one that adds a column,
	// index or trigger to evenings or mornings must be added here too.
	`
CREATE TABLE evenings_rebuilt (
	uuid          TEXT PRIMARY KEY,
	day           TEXT NOT NULL CHECK (length(day) = 10),
	went_well     TEXT NOT NULL DEFAULT '',
	repeat_how    TEXT NOT NULL DEFAULT '',
	focus_result  TEXT CHECK (focus_result IN ('yes', 'partly', 'no')),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	celebrated_at TEXT,
	made_up       INTEGER NOT NULL DEFAULT 0,
	deleted_at    TEXT,
	-- on a tombstone made by an import's merge: the uuid of the evening of
	-- the same day that took its texts
	merged_into   TEXT
);
INSERT INTO evenings_rebuilt (uuid, day, went_well, repeat_how, focus_result, created_at, updated_at, celebrated_at, made_up)
	SELECT uuid, day, went_well, repeat_how, focus_result, created_at, updated_at, celebrated_at, made_up FROM evenings;
DROP TABLE evenings;
ALTER TABLE evenings_rebuilt RENAME TO evenings;
-- One live evening a day; tombstones of merged or deleted ones beside it.
CREATE UNIQUE INDEX evenings_live_day ON evenings (day) WHERE deleted_at IS NULL;
-- Covering for the overview (deleted_at in the index, so the query's
-- "deleted_at IS NULL" is read from it, as in wins_live_day).
CREATE INDEX evenings_overview ON evenings (day, celebrated_at, made_up, focus_result, deleted_at) WHERE deleted_at IS NULL;

CREATE TABLE mornings_rebuilt (
	uuid       TEXT PRIMARY KEY,
	day        TEXT NOT NULL CHECK (length(day) = 10),
	focus      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	set_at      TEXT,
	deleted_at  TEXT,
	merged_into TEXT
);
INSERT INTO mornings_rebuilt (uuid, day, focus, created_at, updated_at, set_at)
	SELECT uuid, day, focus, created_at, updated_at, set_at FROM mornings;
DROP TABLE mornings;
ALTER TABLE mornings_rebuilt RENAME TO mornings;
CREATE UNIQUE INDEX mornings_live_day ON mornings (day) WHERE deleted_at IS NULL;
CREATE INDEX mornings_set_day ON mornings (day, set_at, deleted_at) WHERE set_at IS NOT NULL AND deleted_at IS NULL;

-- The search rows of the evenings and mornings stay as they were (dropping
-- a table fires no triggers); from now on tombstones have none.
CREATE TRIGGER evenings_search_insert AFTER INSERT ON evenings WHEN NEW.deleted_at IS NULL BEGIN
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'went_well', NEW.day, NEW.created_at, NEW.went_well WHERE NEW.went_well <> '';
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'repeat_how', NEW.day, NEW.created_at, NEW.repeat_how WHERE NEW.repeat_how <> '';
END;
CREATE TRIGGER evenings_search_update AFTER UPDATE ON evenings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'went_well', NEW.day, NEW.created_at, NEW.went_well
		WHERE NEW.went_well <> '' AND NEW.deleted_at IS NULL;
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'repeat_how', NEW.day, NEW.created_at, NEW.repeat_how
		WHERE NEW.repeat_how <> '' AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER evenings_search_delete AFTER DELETE ON evenings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
END;

CREATE TRIGGER mornings_search_insert AFTER INSERT ON mornings WHEN NEW.focus <> '' AND NEW.deleted_at IS NULL BEGIN
	INSERT INTO search_text (uuid, field, day, at, text)
		VALUES (NEW.uuid, 'focus', NEW.day, NEW.created_at, NEW.focus);
END;
CREATE TRIGGER mornings_search_update AFTER UPDATE ON mornings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
	INSERT INTO search_text (uuid, field, day, at, text)
		SELECT NEW.uuid, 'focus', NEW.day, NEW.created_at, NEW.focus
		WHERE NEW.focus <> '' AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER mornings_search_delete AFTER DELETE ON mornings BEGIN
	DELETE FROM search_text WHERE uuid = OLD.uuid;
END;

-- The journal file's own id, made once, here: backups carry it, so they are
-- found again for the journal they belong to, and a restore notices a
-- backup of another journal. It is never exported or synced (a copy made by
-- VACUUM INTO keeps it, which is what a backup is).
CREATE TABLE journal (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	id  TEXT NOT NULL CHECK (length(id) = 36)
);
INSERT INTO journal (one, id) VALUES (1,
	lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
	substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
	substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
`,
	// 4: sync through a folder (issue 20): each synced record's hybrid
	// logical clock, and which records changed here since the last pass.
	`
-- One row per record a sync carries: kind and key (a win's uuid, an
-- evening's or morning's day, a setting's key), the hybrid logical clock of
-- the version held here, for evenings and mornings the newest clock seen from
-- each device (seen) and, while two devices' versions stand side by side,
-- those versions (heads, JSON). pending marks a change made here that no
-- change log holds yet; once this machine syncs (its local_state names a
-- folder) the triggers set it on every write, whatever wrote. Before that
-- nothing is marked: the first pass writes the whole journal.
CREATE TABLE sync_records (
	kind    TEXT NOT NULL CHECK (kind IN ('win', 'evening', 'morning', 'setting')),
	key     TEXT NOT NULL,
	hlc     TEXT NOT NULL DEFAULT '',
	seen    TEXT NOT NULL DEFAULT '',
	heads   TEXT NOT NULL DEFAULT '',
	pending INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TRIGGER wins_sync_insert AFTER INSERT ON wins WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('win', NEW.uuid) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER wins_sync_update AFTER UPDATE ON wins WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('win', NEW.uuid) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER evenings_sync_insert AFTER INSERT ON evenings WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('evening', NEW.day) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER evenings_sync_update AFTER UPDATE ON evenings WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('evening', NEW.day) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER mornings_sync_insert AFTER INSERT ON mornings WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('morning', NEW.day) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER mornings_sync_update AFTER UPDATE ON mornings WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('morning', NEW.day) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER settings_sync_insert AFTER INSERT ON settings WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('setting', NEW.key) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER settings_sync_update AFTER UPDATE ON settings WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('setting', NEW.key) ON CONFLICT DO UPDATE SET pending = 1;
END;
`,
	// 5: the matchweek review, the off-season, the morning's if-then plan.
	`
-- One review per week, keyed by the week's Monday; a removed review is a
-- tombstone, so only live ones must be unique.
CREATE TABLE reviews (
	uuid        TEXT PRIMARY KEY,
	week        TEXT NOT NULL CHECK (length(week) = 10),
	theme       TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	reviewed_at TEXT,
	made_up     INTEGER NOT NULL DEFAULT 0,
	deleted_at  TEXT
);
CREATE UNIQUE INDEX reviews_week ON reviews (week) WHERE deleted_at IS NULL;

CREATE TABLE off_seasons (
	uuid       TEXT PRIMARY KEY,
	from_day   TEXT NOT NULL CHECK (length(from_day) = 10),
	to_day     TEXT NOT NULL CHECK (length(to_day) = 10 AND to_day >= from_day),
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
);
CREATE UNIQUE INDEX off_seasons_from ON off_seasons (from_day) WHERE deleted_at IS NULL;

-- A focus written as an if-then plan keeps its "When …" part here; focus
-- holds the "I will …" part, so every reader of focus still sees the action.
ALTER TABLE mornings ADD COLUMN plan_when TEXT NOT NULL DEFAULT '';
`,
	// 6: the career total of live wins in one row, kept by triggers, so the
	// win counter reads one row instead of adding up every day of history.
	`
CREATE TABLE win_total (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	wins INTEGER NOT NULL
);
INSERT INTO win_total (id, wins) SELECT 1, count(*) FROM wins WHERE deleted_at IS NULL;
CREATE TRIGGER win_total_insert AFTER INSERT ON wins WHEN NEW.deleted_at IS NULL BEGIN
	UPDATE win_total SET wins = wins + 1 WHERE id = 1;
END;
CREATE TRIGGER win_total_delete AFTER DELETE ON wins WHEN OLD.deleted_at IS NULL BEGIN
	UPDATE win_total SET wins = wins - 1 WHERE id = 1;
END;
CREATE TRIGGER win_total_update AFTER UPDATE OF deleted_at ON wins
	WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
	UPDATE win_total SET wins = wins + (NEW.deleted_at IS NULL) - (OLD.deleted_at IS NULL) WHERE id = 1;
END;
`,
	// 7: clients and the amounts of each day (issue 16), derived from the wins.
	`
-- Clients (issue 16), derived from the wins: client_wins holds every live
-- win with a client under the client's key (the name folded as ClientKey
-- folds it, so "Anna", "anna" and "Änna" are one client), and clients sums
-- each key up. The triggers keep both up to date on every write to wins
-- (the app's, an import's, a sync's); rebuildClients refills them.
CREATE TABLE client_wins (
	uuid         TEXT PRIMARY KEY,
	key          TEXT NOT NULL,
	day          TEXT NOT NULL,
	at           TEXT NOT NULL,
	amount_cents INTEGER
) WITHOUT ROWID;
-- A client's wins in order, with their amounts. A day's or a season's
-- client wins are found through the wins' own day index.
CREATE INDEX client_wins_ladder ON client_wins (key, day, at, uuid, amount_cents);

CREATE TABLE clients (
	key          TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	first_day    TEXT NOT NULL,
	last_day     TEXT NOT NULL,
	last_at      TEXT NOT NULL,
	wins         INTEGER NOT NULL,
	total_cents  INTEGER NOT NULL,
	first_amount INTEGER,
	last_amount  INTEGER
) WITHOUT ROWID;
CREATE INDEX clients_recent ON clients (last_day, last_at);

CREATE TRIGGER client_wins_insert AFTER INSERT ON client_wins BEGIN
	UPDATE client_wins SET key =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(key
		, 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a')
		, 'Ā', 'a'), 'Ă', 'a'), 'Ą', 'a'), 'à', 'a'), 'á', 'a'), 'â', 'a')
		, 'ã', 'a'), 'ä', 'a'), 'å', 'a'), 'ā', 'a'), 'ă', 'a'), 'ą', 'a')
		, 'Æ', 'ae'), 'æ', 'ae')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[ÀÁÂÃÄÅĀĂĄàáâãäåāăąÆæ]*';
	UPDATE client_wins SET key =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(key
		, 'Ç', 'c'), 'Ć', 'c'), 'Č', 'c'), 'ç', 'c'), 'ć', 'c'), 'č', 'c')
		, 'Ď', 'd'), 'Đ', 'd'), 'ď', 'd'), 'đ', 'd'), 'È', 'e'), 'É', 'e')
		, 'Ê', 'e'), 'Ë', 'e'), 'Ē', 'e'), 'Ė', 'e'), 'Ę', 'e'), 'Ě', 'e')
		, 'è', 'e'), 'é', 'e')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[ÇĆČçćčĎĐďđÈÉÊËĒĖĘĚèé]*';
	UPDATE client_wins SET key =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(key
		, 'ê', 'e'), 'ë', 'e'), 'ē', 'e'), 'ė', 'e'), 'ę', 'e'), 'ě', 'e')
		, 'Ğ', 'g'), 'ğ', 'g'), 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i')
		, 'Ī', 'i'), 'İ', 'i'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i')
		, 'ī', 'i'), 'ı', 'i')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[êëēėęěĞğÌÍÎÏĪİìíîïīı]*';
	UPDATE client_wins SET key =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(key
		, 'Ł', 'l'), 'ł', 'l'), 'Ñ', 'n'), 'Ń', 'n'), 'Ň', 'n'), 'ñ', 'n')
		, 'ń', 'n'), 'ň', 'n'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o')
		, 'Ö', 'o'), 'Ø', 'o'), 'Ō', 'o'), 'Ő', 'o'), 'ò', 'o'), 'ó', 'o')
		, 'ô', 'o'), 'õ', 'o')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[ŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõ]*';
	UPDATE client_wins SET key =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(key
		, 'ö', 'o'), 'ø', 'o'), 'ō', 'o'), 'ő', 'o'), 'Œ', 'oe'), 'œ', 'oe')
		, 'Ř', 'r'), 'ř', 'r'), 'Ś', 's'), 'Š', 's'), 'Ş', 's'), 'ś', 's')
		, 'š', 's'), 'ş', 's'), 'ß', 'ss'), 'ẞ', 'ss'), 'Ť', 't'), 'ť', 't')
		, 'Ù', 'u'), 'Ú', 'u')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[öøōőŒœŘřŚŠŞśšşßẞŤťÙÚ]*';
	UPDATE client_wins SET key =
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(key
		, 'Û', 'u'), 'Ü', 'u'), 'Ū', 'u'), 'Ů', 'u'), 'Ű', 'u'), 'ù', 'u')
		, 'ú', 'u'), 'û', 'u'), 'ü', 'u'), 'ū', 'u'), 'ů', 'u'), 'ű', 'u')
		, 'Ý', 'y'), 'Ÿ', 'y'), 'ý', 'y'), 'ÿ', 'y'), 'Ź', 'z'), 'Ż', 'z')
		, 'Ž', 'z'), 'ź', 'z')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[ÛÜŪŮŰùúûüūůűÝŸýÿŹŻŽź]*';
	UPDATE client_wins SET key =
		replace(replace(key
		, 'ż', 'z'), 'ž', 'z')
		WHERE uuid = NEW.uuid AND NEW.key GLOB '*[żž]*';
	INSERT INTO clients (key, name, first_day, last_day, last_at, wins, total_cents, first_amount, last_amount)
		SELECT c.key, w.client, c.day, c.day, c.at, 1, coalesce(c.amount_cents, 0), c.amount_cents, c.amount_cents
		FROM client_wins c JOIN wins w ON w.uuid = c.uuid WHERE c.uuid = NEW.uuid
		ON CONFLICT (key) DO UPDATE SET
			wins = wins + 1,
			total_cents = total_cents + excluded.total_cents,
			first_day = min(first_day, excluded.first_day),
			last_day = max(last_day, excluded.last_day),
			last_at = CASE WHEN (excluded.last_day, excluded.last_at) >= (last_day, last_at) THEN excluded.last_at ELSE last_at END,
			name = CASE WHEN (excluded.last_day, excluded.last_at) >= (last_day, last_at) THEN excluded.name ELSE name END;
	UPDATE clients SET
		first_amount = (SELECT c.amount_cents FROM client_wins c WHERE c.key = clients.key AND c.amount_cents IS NOT NULL
			ORDER BY c.day, c.at, c.uuid LIMIT 1),
		last_amount = (SELECT c.amount_cents FROM client_wins c WHERE c.key = clients.key AND c.amount_cents IS NOT NULL
			ORDER BY c.day DESC, c.at DESC, c.uuid DESC LIMIT 1)
		WHERE NEW.amount_cents IS NOT NULL AND key = (SELECT key FROM client_wins WHERE uuid = NEW.uuid);
END;
CREATE TRIGGER client_wins_delete AFTER DELETE ON client_wins BEGIN
	DELETE FROM clients WHERE key = OLD.key AND NOT EXISTS (SELECT 1 FROM client_wins c WHERE c.key = OLD.key);
	UPDATE clients SET
		wins = wins - 1,
		total_cents = total_cents - coalesce(OLD.amount_cents, 0),
		first_day = (SELECT c.day FROM client_wins c WHERE c.key = OLD.key ORDER BY c.day, c.at, c.uuid LIMIT 1),
		last_day = (SELECT c.day FROM client_wins c WHERE c.key = OLD.key ORDER BY c.day DESC, c.at DESC, c.uuid DESC LIMIT 1),
		last_at = (SELECT c.at FROM client_wins c WHERE c.key = OLD.key ORDER BY c.day DESC, c.at DESC, c.uuid DESC LIMIT 1),
		name = (SELECT w.client FROM client_wins c JOIN wins w ON w.uuid = c.uuid
			WHERE c.key = OLD.key ORDER BY c.day DESC, c.at DESC, c.uuid DESC LIMIT 1),
		first_amount = (SELECT c.amount_cents FROM client_wins c WHERE c.key = OLD.key AND c.amount_cents IS NOT NULL
			ORDER BY c.day, c.at, c.uuid LIMIT 1),
		last_amount = (SELECT c.amount_cents FROM client_wins c WHERE c.key = OLD.key AND c.amount_cents IS NOT NULL
			ORDER BY c.day DESC, c.at DESC, c.uuid DESC LIMIT 1)
		WHERE key = OLD.key;
END;

CREATE TRIGGER wins_clients_insert AFTER INSERT ON wins WHEN NEW.deleted_at IS NULL AND trim(NEW.client, char(32, 9, 10, 13)) <> '' BEGIN
	INSERT INTO client_wins (uuid, key, day, at, amount_cents)
		VALUES (NEW.uuid, lower(trim(NEW.client, char(32, 9, 10, 13))), NEW.day, NEW.created_at, NEW.amount_cents);
END;
CREATE TRIGGER wins_clients_update AFTER UPDATE OF uuid, day, client, amount_cents, created_at, deleted_at ON wins
	WHEN OLD.uuid IS NOT NEW.uuid OR OLD.day IS NOT NEW.day OR OLD.client IS NOT NEW.client
		OR OLD.amount_cents IS NOT NEW.amount_cents OR OLD.created_at IS NOT NEW.created_at
		OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
	DELETE FROM client_wins WHERE uuid = OLD.uuid;
	INSERT INTO client_wins (uuid, key, day, at, amount_cents)
		SELECT NEW.uuid, lower(trim(NEW.client, char(32, 9, 10, 13))), NEW.day, NEW.created_at, NEW.amount_cents
		WHERE NEW.deleted_at IS NULL AND trim(NEW.client, char(32, 9, 10, 13)) <> '';
END;
CREATE TRIGGER wins_clients_delete AFTER DELETE ON wins BEGIN
	DELETE FROM client_wins WHERE uuid = OLD.uuid;
END;

INSERT INTO client_wins (uuid, key, day, at, amount_cents)
	SELECT uuid, lower(trim(client, char(32, 9, 10, 13))), day, created_at, amount_cents FROM wins
	WHERE deleted_at IS NULL AND trim(client, char(32, 9, 10, 13)) <> '' ORDER BY day, created_at, uuid;

-- day_amounts sums each day's amounts of live wins (with a client or not),
-- kept by triggers as day_wins counts them, so a season's or a week's
-- amount reads a few hundred small rows. A day whose amounts sum to 0 has
-- no row.
CREATE TABLE day_amounts (
	day          TEXT PRIMARY KEY,
	amount_cents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER wins_amount_insert AFTER INSERT ON wins WHEN NEW.deleted_at IS NULL AND NEW.amount_cents <> 0 BEGIN
	INSERT INTO day_amounts (day, amount_cents) VALUES (NEW.day, NEW.amount_cents)
		ON CONFLICT (day) DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents;
	DELETE FROM day_amounts WHERE day = NEW.day AND amount_cents = 0;
END;
CREATE TRIGGER wins_amount_delete AFTER DELETE ON wins WHEN OLD.deleted_at IS NULL AND OLD.amount_cents <> 0 BEGIN
	UPDATE day_amounts SET amount_cents = amount_cents - OLD.amount_cents WHERE day = OLD.day;
	DELETE FROM day_amounts WHERE day = OLD.day AND amount_cents = 0;
END;
CREATE TRIGGER wins_amount_update AFTER UPDATE OF day, amount_cents, deleted_at ON wins BEGIN
	INSERT INTO day_amounts (day, amount_cents)
		SELECT OLD.day, -OLD.amount_cents WHERE OLD.deleted_at IS NULL AND OLD.amount_cents <> 0
		ON CONFLICT (day) DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents;
	INSERT INTO day_amounts (day, amount_cents)
		SELECT NEW.day, NEW.amount_cents WHERE NEW.deleted_at IS NULL AND NEW.amount_cents <> 0
		ON CONFLICT (day) DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents;
	DELETE FROM day_amounts WHERE day IN (OLD.day, NEW.day) AND amount_cents = 0;
END;
INSERT INTO day_amounts (day, amount_cents)
	SELECT day, sum(amount_cents) FROM wins WHERE deleted_at IS NULL AND amount_cents <> 0
	GROUP BY day HAVING sum(amount_cents) <> 0;
`,
	// 8: the sync carries weekly reviews and off-seasons too.
	`
-- sync_records is made again without migration 4's list of kinds (the sync
-- checks every line's kind before it writes a row), through a temporary
-- copy: a rename would rewrite the other tables' triggers that write to it.
CREATE TEMP TABLE sync_records_copy AS SELECT kind, key, hlc, seen, heads, pending FROM sync_records;
DROP TABLE sync_records;
CREATE TABLE sync_records (
	kind    TEXT NOT NULL,
	key     TEXT NOT NULL,
	hlc     TEXT NOT NULL DEFAULT '',
	seen    TEXT NOT NULL DEFAULT '',
	heads   TEXT NOT NULL DEFAULT '',
	pending INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (kind, key)
) WITHOUT ROWID;
INSERT INTO sync_records (kind, key, hlc, seen, heads, pending)
	SELECT kind, key, hlc, seen, heads, pending FROM sync_records_copy;
DROP TABLE temp.sync_records_copy;

-- A review is one per week, like an evening per day: its key is the week's
-- Monday. Off-seasons are one live range per first day: their key is that
-- day (an update moving a range to another first day marks both days).
CREATE TRIGGER reviews_sync_insert AFTER INSERT ON reviews WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('review', NEW.week) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER reviews_sync_update AFTER UPDATE ON reviews WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('review', NEW.week) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER off_seasons_sync_insert AFTER INSERT ON off_seasons WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('off_season', NEW.from_day) ON CONFLICT DO UPDATE SET pending = 1;
END;
CREATE TRIGGER off_seasons_sync_update AFTER UPDATE ON off_seasons WHEN EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder') BEGIN
	INSERT INTO sync_records (kind, key) VALUES ('off_season', NEW.from_day) ON CONFLICT DO UPDATE SET pending = 1;
	INSERT INTO sync_records (kind, key) SELECT 'off_season', OLD.from_day WHERE OLD.from_day <> NEW.from_day
		ON CONFLICT DO UPDATE SET pending = 1;
END;

-- A journal that syncs already sends the reviews and off-seasons it holds
-- in its next pass.
INSERT INTO sync_records (kind, key)
	SELECT DISTINCT 'review', week FROM reviews WHERE EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder')
	ON CONFLICT DO UPDATE SET pending = 1;
INSERT INTO sync_records (kind, key)
	SELECT DISTINCT 'off_season', from_day FROM off_seasons WHERE EXISTS (SELECT 1 FROM local_state WHERE key = 'sync.folder')
	ON CONFLICT DO UPDATE SET pending = 1;
`,
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int { return len(migrations) }

func migrate(ctx context.Context, db *sql.DB) error {
	// Most opens find the journal up to date: see that without the write
	// lock, so many commands starting at once do not queue for it.
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("data: migrate: %w", err)
	}
	if version == len(migrations) {
		return nil
	}
	for {
		done, err := migrateOne(ctx, db)
		if err != nil {
			return err
		}
		if done {
			break
		}
	}
	// The migrations' pages (a table rebuilt is written twice) would sit in
	// the write-ahead log until the next checkpoint: on a nearly full disk a
	// new journal's first saves then found no room.
	_, _ = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return nil
}

// migrateOne applies the next migration, if any, in its own transaction,
// bumping user_version inside it.
func migrateOne(ctx context.Context, db *sql.DB) (done bool, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("data: migrate: %w", err)
	}
	defer conn.Close()
	defer resetBusyTimeout(conn)
	tx, err := beginWrite(ctx, conn, time.Now().Add(migrateWait))
	if err != nil {
		return false, fmt.Errorf("data: migrate: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("data: migrate: %w", err)
	}
	if version > len(migrations) {
		return false, &OpenError{Path: "the journal", Err: ErrNewerSchema, Detail: fmt.Sprintf("schema %d, this version knows %d", version, len(migrations))}
	}
	if version == len(migrations) {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
		return false, fmt.Errorf("data: migrate to schema %d: %w", version+1, err)
	}
	pragmas := fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", version+1, ApplicationID)
	if _, err := tx.ExecContext(ctx, pragmas); err != nil {
		return false, fmt.Errorf("data: migrate to schema %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("data: migrate to schema %d: %w", version+1, err)
	}
	return false, nil
}

// IsCorrupt reports whether err is SQLite saying the journal's file is
// damaged or not a database (a read of a damaged page, say).
func IsCorrupt(err error) bool { return isCorrupt(err) }

// IsBusy reports whether err is ErrBusy, or SQLite saying that another
// connection holds the lock it waited for.
func IsBusy(err error) bool { return errors.Is(err, ErrBusy) || isBusy(err) }

// isCorrupt reports whether err is SQLite saying the file is damaged or not a
// database.
func isCorrupt(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	return strings.Contains(err.Error(), "malformed")
}

// isBusy reports whether err is SQLite saying another connection holds the
// lock it waited for.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// IsReadOnly reports whether err is SQLite or the system refusing to write
// because the journal, its folder or its disk is read-only.
func IsReadOnly(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrReadonly {
		return true
	}
	return errors.Is(err, ErrReadOnly) || errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// IsDiskFull reports whether err is SQLite or the system saying the disk is full.
func IsDiskFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return true
	}
	return err != nil && strings.Contains(err.Error(), "no space left")
}
