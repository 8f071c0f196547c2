package postgres

import (
	"context"
	"fmt"
)

// migrations are package store's schema steps in PostgreSQL's dialect, at
// the same positions, so that a version number means the same schema in
// both back ends (vanban migrate relies on it). Append to both lists
// together; never edit a released step. Steps after the store's own
// (claims, blobs) are PostgreSQL's only and come after every shared one.
//
// Translation: INTEGER PRIMARY KEY [AUTOINCREMENT] → BIGSERIAL (ids are
// never reused either way), INTEGER → BIGINT, REAL → DOUBLE PRECISION,
// WITHOUT ROWID dropped. documents.file_id and files.superseded_by are
// DEFERRABLE so that vanban migrate can copy the two tables that point
// at each other in one transaction.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('revision', 0);

CREATE TABLE documents (
	id                BIGSERIAL PRIMARY KEY,
	status            TEXT    NOT NULL CHECK (status IN ('ok', 'failed')),
	file_id           BIGINT,
	file_name         TEXT    NOT NULL,
	path              TEXT    NOT NULL,
	sha256            TEXT    NOT NULL,
	format            TEXT    NOT NULL,
	size              BIGINT  NOT NULL,
	pages             BIGINT  NOT NULL DEFAULT 0,
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
	ref_key           TEXT    NOT NULL DEFAULT '',
	issuer_key        TEXT    NOT NULL DEFAULT '',
	type_key          TEXT    NOT NULL DEFAULT '',
	title_key         TEXT    NOT NULL DEFAULT '',
	error_kind        TEXT    NOT NULL DEFAULT '',
	reason            TEXT    NOT NULL DEFAULT '',
	error             TEXT    NOT NULL DEFAULT '',
	ingested_at       TEXT    NOT NULL,
	updated_at        TEXT    NOT NULL,
	revision          BIGINT  NOT NULL
);
CREATE INDEX documents_ref ON documents (ref_key);
CREATE INDEX documents_ident ON documents (issuer_key, type_key, title_key);

CREATE TABLE doc_text (
	document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	text        TEXT NOT NULL
);

CREATE TABLE files (
	id            BIGSERIAL PRIMARY KEY,
	document_id   BIGINT  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sha256        TEXT    NOT NULL UNIQUE,
	name          TEXT    NOT NULL,
	path          TEXT    NOT NULL,
	format        TEXT    NOT NULL,
	size          BIGINT  NOT NULL,
	pages         BIGINT  NOT NULL DEFAULT 0,
	mtime         TEXT    NOT NULL DEFAULT '',
	stored        TEXT    NOT NULL,
	status        TEXT    NOT NULL CHECK (status IN ('ok', 'failed')),
	error_kind    TEXT    NOT NULL DEFAULT '',
	reason        TEXT    NOT NULL DEFAULT '',
	error         TEXT    NOT NULL DEFAULT '',
	attempts      BIGINT  NOT NULL DEFAULT 1,
	superseded_by BIGINT  REFERENCES files(id) ON DELETE SET NULL DEFERRABLE,
	ingested_at   TEXT    NOT NULL
);
CREATE INDEX files_document ON files (document_id);
ALTER TABLE documents ADD CONSTRAINT documents_file_id_fkey
	FOREIGN KEY (file_id) REFERENCES files(id) ON DELETE SET NULL DEFERRABLE;

CREATE TABLE locations (
	path     TEXT    PRIMARY KEY,
	file_id  BIGINT  NOT NULL REFERENCES files(id) ON DELETE CASCADE,
	size     BIGINT  NOT NULL,
	mtime_ns BIGINT  NOT NULL,
	seen_at  TEXT    NOT NULL
);
CREATE INDEX locations_file ON locations (file_id);

CREATE TABLE sections (
	id          BIGSERIAL PRIMARY KEY,
	document_id BIGINT  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord         BIGINT  NOT NULL,
	numeral     TEXT    NOT NULL,
	title       TEXT    NOT NULL
);
CREATE INDEX sections_document ON sections (document_id);

CREATE TABLE tasks (
	id              BIGSERIAL PRIMARY KEY,
	document_id     BIGINT  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord             BIGINT  NOT NULL,
	section_id      BIGINT  REFERENCES sections(id) ON DELETE SET NULL,
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
	id   BIGSERIAL PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	UNIQUE (name, kind)
);

CREATE TABLE task_parties (
	task_id  BIGINT  NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	role     TEXT    NOT NULL CHECK (role IN ('lead', 'coordinate', 'monitor')),
	ord      BIGINT  NOT NULL,
	party_id BIGINT  NOT NULL REFERENCES parties(id),
	alias_of TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (task_id, role, ord)
);
CREATE INDEX task_parties_party ON task_parties (party_id);

CREATE TABLE milestones (
	task_id    BIGINT  NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	ord        BIGINT  NOT NULL,
	action     TEXT    NOT NULL,
	start      TEXT    NOT NULL,
	due        TEXT    NOT NULL,
	recurrence TEXT    NOT NULL,
	yearly_due TEXT    NOT NULL,
	condition  TEXT    NOT NULL,
	cites      TEXT    NOT NULL DEFAULT 'null',
	PRIMARY KEY (task_id, ord)
);

CREATE TABLE targets (
	task_id BIGINT  NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	ord     BIGINT  NOT NULL,
	op      TEXT    NOT NULL,
	value   DOUBLE PRECISION NOT NULL,
	unit    TEXT    NOT NULL,
	per     TEXT    NOT NULL,
	by_year BIGINT  NOT NULL,
	PRIMARY KEY (task_id, ord)
);

CREATE TABLE report_items (
	document_id BIGINT  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord         BIGINT  NOT NULL,
	stt         TEXT    NOT NULL,
	task        TEXT    NOT NULL,
	role        TEXT    NOT NULL,
	result      TEXT    NOT NULL,
	status_text TEXT    NOT NULL,
	section     TEXT    NOT NULL,
	PRIMARY KEY (document_id, ord)
);

CREATE TABLE links (
	id       BIGSERIAL PRIMARY KEY,
	from_doc BIGINT  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	kind     TEXT    NOT NULL CHECK (kind IN ('cites', 'replaces', 'supersedes')),
	ord      BIGINT  NOT NULL,
	to_ref   TEXT    NOT NULL DEFAULT '',
	to_key   TEXT    NOT NULL DEFAULT '',
	to_doc   BIGINT  REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX links_from ON links (from_doc, kind, ord);
CREATE INDEX links_to_key ON links (to_key);
CREATE INDEX links_to_doc ON links (to_doc);

CREATE TABLE match_decisions (
	report_doc_id BIGINT  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	item_index    BIGINT  NOT NULL,
	task_id       BIGINT  NOT NULL,
	item_task     TEXT    NOT NULL,
	accepted      BIGINT  NOT NULL,
	decided_at    TEXT    NOT NULL,
	PRIMARY KEY (report_doc_id, item_index, task_id)
);
CREATE INDEX match_decisions_task ON match_decisions (task_id);
`,
	// 2: files refused without reading their content.
	`
CREATE TABLE rejections (
	path       TEXT    PRIMARY KEY,
	name       TEXT    NOT NULL,
	format     TEXT    NOT NULL DEFAULT '',
	size       BIGINT  NOT NULL DEFAULT 0,
	mtime_ns   BIGINT  NOT NULL DEFAULT 0,
	error_kind TEXT    NOT NULL,
	reason     TEXT    NOT NULL,
	error      TEXT    NOT NULL DEFAULT '',
	attempts   BIGINT  NOT NULL DEFAULT 1,
	seen_at    TEXT    NOT NULL
);
`,
	// 3: the change log.
	`
CREATE TABLE changes (
	seq         BIGSERIAL PRIMARY KEY,
	document_id BIGINT  NOT NULL,
	at          TEXT    NOT NULL
);
`,
	// 4: what a report answers, and the report columns beside the task.
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
	// 6: what OCR read and how surely.
	`
ALTER TABLE documents ADD COLUMN ocr TEXT NOT NULL DEFAULT 'null';
ALTER TABLE tasks ADD COLUMN ocr TEXT NOT NULL DEFAULT 'null';
ALTER TABLE report_items ADD COLUMN ocr TEXT NOT NULL DEFAULT 'null';
`,
	// 7: statuses people set for report items (package store's step 7).
	`
CREATE TABLE status_decisions (
	report_doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	item_key      TEXT   NOT NULL,
	status        TEXT   NOT NULL,
	note          TEXT   NOT NULL DEFAULT '',
	decided_by    TEXT   NOT NULL DEFAULT '',
	decided_at    TEXT   NOT NULL,
	PRIMARY KEY (report_doc_id, item_key)
);
`,
	// 8: corrections people made to a reading (package store's step 8).
	`
CREATE TABLE corrections (
	id          BIGSERIAL PRIMARY KEY,
	document_id BIGINT NOT NULL,
	row_key     TEXT   NOT NULL DEFAULT '',
	field       TEXT   NOT NULL,
	old_value   TEXT   NOT NULL DEFAULT '',
	new_value   TEXT   NOT NULL DEFAULT '',
	author      TEXT   NOT NULL DEFAULT '',
	created_at  TEXT   NOT NULL,
	undone_at   TEXT   NOT NULL DEFAULT '',
	undone_by   TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX corrections_document ON corrections (document_id, id);
`,
}

// extraSchema is PostgreSQL's own: kept copies (shared by every node) and
// claims. It is created if missing after the shared steps, so that the
// shared version numbers stay those of package store.
const extraSchema = `
CREATE TABLE IF NOT EXISTS blobs (
	sha256 TEXT PRIMARY KEY,
	size   BIGINT NOT NULL,
	data   BYTEA  NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
	sha256     TEXT PRIMARY KEY,
	owner      TEXT NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);
`

// migrateLock serializes nodes migrating one database at once.
const migrateLock = 0x76616e63

// migrate brings the database to the newest schema, one transaction per
// step, under an advisory lock: two nodes starting at once apply each step
// once. The version lives in schema_version; PostgreSQL's own tables
// (extraSchema) are made in the last, locked, transaction.
func migrate(ctx context.Context, db *pdb) error {
	for {
		done, err := migrateStep(ctx, db)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

func migrateStep(ctx context.Context, db *pdb) (bool, error) {
	t, err := db.DB.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate schema: %w", err)
	}
	defer t.Rollback()
	x := &tx{t}
	if _, err := x.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(migrateLock)); err != nil {
		return false, err
	}
	// CREATE … IF NOT EXISTS is not safe against a concurrent CREATE:
	// it runs under the lock, as every step does.
	if _, err := x.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)`); err != nil {
		return false, fmt.Errorf("migrate schema: %w", err)
	}
	var version int
	if err := x.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version > len(migrations):
		return false, fmt.Errorf("database schema version %d is newer than this program (%d)", version, len(migrations))
	case version == len(migrations):
		if _, err := x.ExecContext(ctx, extraSchema); err != nil {
			return false, fmt.Errorf("migrate schema: %w", err)
		}
		return true, t.Commit()
	}
	if _, err := x.ExecContext(ctx, migrations[version]); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", version+1, err)
	}
	if _, err := x.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return false, err
	}
	if _, err := x.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, version+1); err != nil {
		return false, err
	}
	return false, t.Commit()
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return len(migrations) }

// schemaVersion reads the database's version.
func (s *DB) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}
