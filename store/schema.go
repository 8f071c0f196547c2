package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema's versions: migrations[i] takes a database at
// user_version i to i+1. Append to this list; never edit a released step.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('revision', 0);

-- One row per document: the reading of its primary file (the best
-- rendition: DOCX over PDF, newest over older). status 'failed' marks a
-- document none of whose files could be read.
CREATE TABLE documents (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	status            TEXT    NOT NULL CHECK (status IN ('ok', 'failed')),
	file_id           INTEGER REFERENCES files(id) ON DELETE SET NULL,
	file_name         TEXT    NOT NULL,
	path              TEXT    NOT NULL,
	sha256            TEXT    NOT NULL,
	format            TEXT    NOT NULL,
	size              INTEGER NOT NULL,
	pages             INTEGER NOT NULL DEFAULT 0,
	doc_type          TEXT    NOT NULL DEFAULT '',
	number            TEXT    NOT NULL DEFAULT '',
	symbol            TEXT    NOT NULL DEFAULT '',
	reference         TEXT    NOT NULL DEFAULT '',
	issuer            TEXT    NOT NULL DEFAULT '',
	place             TEXT    NOT NULL DEFAULT '',
	date              TEXT    NOT NULL DEFAULT '',
	title             TEXT    NOT NULL DEFAULT '',
	signer            TEXT    NOT NULL DEFAULT '',
	signer_title      TEXT    NOT NULL DEFAULT '',
	annual_report_due TEXT    NOT NULL DEFAULT '',
	report_to         TEXT    NOT NULL DEFAULT '',
	warnings          TEXT    NOT NULL DEFAULT 'null',
	-- Folded keys (no diacritics, lower case) that identify a document
	-- across renditions and tie a draft to its issued plan.
	ref_key           TEXT    NOT NULL DEFAULT '',
	issuer_key        TEXT    NOT NULL DEFAULT '',
	type_key          TEXT    NOT NULL DEFAULT '',
	title_key         TEXT    NOT NULL DEFAULT '',
	-- The latest failure: of the only file (status 'failed'), or of a
	-- newer version that could not be read (status 'ok', old rows kept).
	error_kind        TEXT    NOT NULL DEFAULT '',
	reason            TEXT    NOT NULL DEFAULT '',
	error             TEXT    NOT NULL DEFAULT '',
	ingested_at       TEXT    NOT NULL,
	updated_at        TEXT    NOT NULL,
	revision          INTEGER NOT NULL
);
CREATE INDEX documents_ref ON documents (ref_key);
CREATE INDEX documents_ident ON documents (issuer_key, type_key, title_key);

CREATE TABLE doc_text (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	text        TEXT NOT NULL
);

-- One row per distinct content (sha256) ever ingested: every rendition
-- and every version of every document, and every failed file.
CREATE TABLE files (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sha256        TEXT    NOT NULL UNIQUE,
	name          TEXT    NOT NULL,
	path          TEXT    NOT NULL,
	format        TEXT    NOT NULL,
	size          INTEGER NOT NULL,
	pages         INTEGER NOT NULL DEFAULT 0,
	mtime         TEXT    NOT NULL DEFAULT '',
	stored        TEXT    NOT NULL,
	status        TEXT    NOT NULL CHECK (status IN ('ok', 'failed')),
	error_kind    TEXT    NOT NULL DEFAULT '',
	reason        TEXT    NOT NULL DEFAULT '',
	error         TEXT    NOT NULL DEFAULT '',
	attempts      INTEGER NOT NULL DEFAULT 1,
	superseded_by INTEGER REFERENCES files(id) ON DELETE SET NULL,
	ingested_at   TEXT    NOT NULL
);
CREATE INDEX files_document ON files (document_id);

-- Where files were seen: the content each path held when last looked at.
CREATE TABLE locations (
	path     TEXT    PRIMARY KEY,
	file_id  INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
	size     INTEGER NOT NULL,
	mtime_ns INTEGER NOT NULL,
	seen_at  TEXT    NOT NULL
);
CREATE INDEX locations_file ON locations (file_id);

CREATE TABLE sections (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	numeral     TEXT    NOT NULL,
	title       TEXT    NOT NULL
);
CREATE INDEX sections_document ON sections (document_id);

-- AUTOINCREMENT: a task id is never reused for another task, so a
-- decision naming it cannot come to mean a different row.
CREATE TABLE tasks (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord             INTEGER NOT NULL,
	section_id      INTEGER REFERENCES sections(id) ON DELETE SET NULL,
	stt             TEXT    NOT NULL,
	task            TEXT    NOT NULL,
	expected_output TEXT    NOT NULL,
	lead            TEXT    NOT NULL,
	coordinators    TEXT    NOT NULL,
	timeframe       TEXT    NOT NULL,
	note            TEXT    NOT NULL,
	monitor         TEXT    NOT NULL,
	extra           TEXT    NOT NULL DEFAULT 'null',
	unparsed        TEXT    NOT NULL DEFAULT 'null',
	UNIQUE (document_id, ord)
);

CREATE TABLE parties (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	UNIQUE (name, kind)
);

CREATE TABLE task_parties (
	task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	role     TEXT    NOT NULL CHECK (role IN ('lead', 'coordinate', 'monitor')),
	ord      INTEGER NOT NULL,
	party_id INTEGER NOT NULL REFERENCES parties(id),
	alias_of TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (task_id, role, ord)
) WITHOUT ROWID;
CREATE INDEX task_parties_party ON task_parties (party_id);

CREATE TABLE milestones (
	task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	action     TEXT    NOT NULL,
	start      TEXT    NOT NULL,
	due        TEXT    NOT NULL,
	recurrence TEXT    NOT NULL,
	yearly_due TEXT    NOT NULL,
	condition  TEXT    NOT NULL,
	cites      TEXT    NOT NULL DEFAULT 'null',
	PRIMARY KEY (task_id, ord)
) WITHOUT ROWID;

CREATE TABLE targets (
	task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	op      TEXT    NOT NULL,
	value   REAL    NOT NULL,
	unit    TEXT    NOT NULL,
	per     TEXT    NOT NULL,
	by_year INTEGER NOT NULL,
	PRIMARY KEY (task_id, ord)
) WITHOUT ROWID;

CREATE TABLE report_items (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	stt         TEXT    NOT NULL,
	task        TEXT    NOT NULL,
	role        TEXT    NOT NULL,
	result      TEXT    NOT NULL,
	status_text TEXT    NOT NULL,
	section     TEXT    NOT NULL,
	PRIMARY KEY (document_id, ord)
) WITHOUT ROWID;

-- Links between documents. 'cites' and 'replaces' come from a document's
-- own text and name their target by reference (to_key), resolved when
-- read, so a report may arrive before its plan; 'supersedes' ties an
-- issued document to its draft (to_doc).
CREATE TABLE links (
	id       INTEGER PRIMARY KEY,
	from_doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	kind     TEXT    NOT NULL CHECK (kind IN ('cites', 'replaces', 'supersedes')),
	ord      INTEGER NOT NULL,
	to_ref   TEXT    NOT NULL DEFAULT '',
	to_key   TEXT    NOT NULL DEFAULT '',
	to_doc   INTEGER REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX links_from ON links (from_doc, kind, ord);
CREATE INDEX links_to_key ON links (to_key);
CREATE INDEX links_to_doc ON links (to_doc);

-- A person's decision on whether a report item reports on a plan task.
-- task_id is deliberately not a foreign key: tasks are rewritten when a
-- plan gets a new version (keeping their ids where the row is the same),
-- and decisions on rows that vanished are dropped then.
CREATE TABLE match_decisions (
	report_doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	item_index    INTEGER NOT NULL,
	task_id       INTEGER NOT NULL,
	item_task     TEXT    NOT NULL,
	accepted      INTEGER NOT NULL,
	decided_at    TEXT    NOT NULL,
	PRIMARY KEY (report_doc_id, item_index, task_id)
) WITHOUT ROWID;
CREATE INDEX match_decisions_task ON match_decisions (task_id);
`,
	// 2: files refused without reading their content (a type vanban does
	// not read, a link pointing out of the watched folder, a FIFO, a
	// file it may not read), so that nothing dropped vanishes unsaid.
	`
CREATE TABLE rejections (
	path       TEXT    PRIMARY KEY,
	name       TEXT    NOT NULL,
	format     TEXT    NOT NULL DEFAULT '',
	size       INTEGER NOT NULL DEFAULT 0,
	mtime_ns   INTEGER NOT NULL DEFAULT 0,
	error_kind TEXT    NOT NULL,
	reason     TEXT    NOT NULL,
	error      TEXT    NOT NULL DEFAULT '',
	attempts   INTEGER NOT NULL DEFAULT 1,
	seen_at    TEXT    NOT NULL
);
`,
	// 3: the change log. Every change that moves the revision counter
	// names the documents it touched, in order, so that what derives from
	// the store (the search index) catches up with what changed instead
	// of comparing everything.
	`
CREATE TABLE changes (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	document_id INTEGER NOT NULL,
	at          TEXT    NOT NULL
);
`,
	// 4: what a report answers, and the report columns beside the task
	// and its result.
	`
ALTER TABLE documents ADD COLUMN answers TEXT NOT NULL DEFAULT 'null';
ALTER TABLE report_items ADD COLUMN plan_stt TEXT NOT NULL DEFAULT '';
ALTER TABLE report_items ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE report_items ADD COLUMN difficulty TEXT NOT NULL DEFAULT '';
ALTER TABLE report_items ADD COLUMN proposal TEXT NOT NULL DEFAULT '';
`,
	// 5: how sure the reading of a document's tables is.
	`
ALTER TABLE documents ADD COLUMN confidence TEXT NOT NULL DEFAULT 'null';
`,
	// 6: what OCR read and how surely: per document, per task cell, per
	// report item cell.
	`
ALTER TABLE documents ADD COLUMN ocr TEXT NOT NULL DEFAULT 'null';
ALTER TABLE tasks ADD COLUMN ocr TEXT NOT NULL DEFAULT 'null';
ALTER TABLE report_items ADD COLUMN ocr TEXT NOT NULL DEFAULT 'null';
`,
	// 7: statuses people set for report items (issue 13), keyed by the
	// item's stable key so that they survive re-reading the report.
	`
CREATE TABLE status_decisions (
	report_doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	item_key      TEXT    NOT NULL,
	status        TEXT    NOT NULL,
	note          TEXT    NOT NULL DEFAULT '',
	decided_by    TEXT    NOT NULL DEFAULT '',
	decided_at    TEXT    NOT NULL,
	PRIMARY KEY (report_doc_id, item_key)
) WITHOUT ROWID;
`,
	// 8: corrections people made to a document's reading, kept apart
	// from what was extracted and applied on every read, so that they
	// survive reading the file again. document_id is not a foreign key:
	// a correction outlives a document's rewrite. An undone correction
	// keeps its row (who undid it, when).
	`
CREATE TABLE corrections (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL,
	row_key     TEXT    NOT NULL DEFAULT '',
	field       TEXT    NOT NULL,
	old_value   TEXT    NOT NULL DEFAULT '',
	new_value   TEXT    NOT NULL DEFAULT '',
	author      TEXT    NOT NULL DEFAULT '',
	created_at  TEXT    NOT NULL,
	undone_at   TEXT    NOT NULL DEFAULT '',
	undone_by   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX corrections_document ON corrections (document_id, id);
`,
}

// migrate brings the database to the newest schema, one transaction per
// step, recording the version in PRAGMA user_version. db's transactions
// begin IMMEDIATE, so each step holds the write lock from the moment it
// reads the version: two processes opening a new data folder at once
// apply each step once, the second finding it done.
func migrate(ctx context.Context, db *sql.DB) error {
	for {
		done, err := migrateStep(ctx, db)
		if err != nil || done {
			return err
		}
	}
}

// migrateStep applies the next migration, if any, and reports whether
// the schema is up to date.
func migrateStep(ctx context.Context, db *sql.DB) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate schema: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version > len(migrations):
		return false, fmt.Errorf("database schema version %d is newer than this program (%d)", version, len(migrations))
	case version == len(migrations):
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", version+1, err)
	}
	// PRAGMA takes no parameters; version+1 is an integer we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version+1)); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", version+1, err)
	}
	return false, nil
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return len(migrations) }
