// Package store keeps vanban's documents in SQLite, in one data folder
// that holds the database (vanban.db) and a content-addressed copy of every
// file version ever ingested (files/ab/cdef….docx), so a document stays
// readable after its original is moved or deleted, and copying the folder
// elsewhere gives a working store.
//
// A document is one plan, report or other text. It may have several files:
// renditions (the DOCX and the PDF printed from it: same reference, issuer
// and date) and versions (the file at a path changed, or another copy of the
// same numbered document arrived). Its rows (tasks, parties, milestones,
// targets, report items) are stored once, from its primary file: the best
// rendition (DOCX over PDF), newest among equals. Older versions stay in
// the files table as history.
//
// Writing one file is one transaction (StoreDocument, StoreFailure).
// Readers (Documents, Document, FindDocument, Failures, Units, …) read
// committed data only; the database runs in WAL mode with foreign keys on,
// and every query is parameterized.
//
// Other packages detect changes with Revision and DocumentVersions: every
// change to a document's rows or metadata gives it a new revision, taken
// from one counter for the whole store.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"vanban"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"
)

// ErrNotFound is returned when no document matches.
var ErrNotFound = &vanban.Error{Code: vanban.ENotFound, Message: "không tìm thấy trong kho dữ liệu"}

// File names inside the data folder.
const (
	dbFile   = "vanban.db"
	filesDir = "files"
	tmpDir   = "tmp"
)

// DB is an open store.
type DB struct {
	dir string
	db  *sql.DB // readers: deferred transactions, many connections
	wdb *sql.DB // the writer: BEGIN IMMEDIATE, one connection
	// wmu serializes this process's writers, so they queue in Go rather
	// than spin on SQLite's busy handler; busy_timeout covers writers in
	// other processes (a `vanban ingest` while `vanban watch` runs).
	wmu sync.Mutex
	// Now gives the time stamps the store writes; tests may replace it.
	Now func() time.Time
}

// Open opens the store in the data folder dir, creating the folder and
// the database if needed and bringing the schema up to date.
func Open(dir string) (*DB, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{abs, filepath.Join(abs, filesDir), filepath.Join(abs, tmpDir)} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
	}
	path := filepath.Join(abs, dbFile)
	wdb, err := sql.Open("sqlite3", dsn(path, "immediate"))
	if err != nil {
		return nil, err
	}
	wdb.SetMaxOpenConns(1)
	ctx := context.Background()
	if err := migrate(ctx, wdb); err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rdb, err := sql.Open("sqlite3", dsn(path, "deferred"))
	if err != nil {
		wdb.Close()
		return nil, err
	}
	removeStaleTemp(filepath.Join(abs, tmpDir))
	return &DB{dir: abs, db: rdb, wdb: wdb, Now: time.Now}, nil
}

// removeStaleTemp deletes copies left half written by a process that was
// killed. Only old ones: another process may be writing a fresh one.
func removeStaleTemp(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// dsn builds the SQLite URI for path. Every connection gets foreign keys,
// WAL and a busy timeout. The writer's transactions begin IMMEDIATE, so a
// write takes the lock up front (waiting for another process's writer)
// instead of failing half way; readers begin DEFERRED and never block.
func dsn(path, txlock string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	return "file:" + esc + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=15000&_synchronous=NORMAL&_txlock=" + txlock
}

// Close closes the database, checkpointing the WAL into the main file.
func (s *DB) Close() error {
	rerr := s.db.Close()
	if err := s.wdb.Close(); err != nil {
		return err
	}
	return rerr
}

// Dir returns the absolute path of the data folder.
func (s *DB) Dir() string { return s.dir }

// SQL returns the underlying database for read-only queries of other
// packages' reports; writes must go through the store's methods.
func (s *DB) SQL() *sql.DB { return s.db }

// stamp formats a time for the database: UTC, fixed width, so that text
// order is time order.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// parseStamp reads a time written by stamp; zero on error.
func parseStamp(s string) time.Time {
	t, _ := time.Parse("2006-01-02T15:04:05.000000Z", s)
	return t
}

// read runs fn in one read transaction: a consistent snapshot.
func (s *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// write runs fn in one write transaction.
func (s *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// nextRevision takes the next value of the store's change counter and
// logs the documents the change touches (see Changes).
func nextRevision(ctx context.Context, tx *sql.Tx, docs ...int64) (int64, error) {
	var rev int64
	err := tx.QueryRowContext(ctx,
		`UPDATE counters SET value = value + 1 WHERE name = 'revision' RETURNING value`).Scan(&rev)
	if err != nil {
		return 0, err
	}
	now := stamp(time.Now())
	for _, id := range docs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO changes (document_id, at) VALUES (?, ?)`, id, now); err != nil {
			return 0, err
		}
	}
	return rev, nil
}

// Change is one entry of the change log: document DocID changed (was
// written, removed, decided on).
type Change struct {
	Seq   int64 `json:"seq"`
	DocID int64 `json:"document_id"`
}

// Changes returns up to limit entries of the change log after seq, in
// order.
func (s *DB) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, document_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.DocID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastChange returns the sequence number of the newest change, 0 for
// none.
func (s *DB) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) FROM changes`).Scan(&seq)
	return seq, err
}

// Revision returns the store's change counter: it grows with every change
// to any document, so a cache (the search index) that remembers it knows
// whether anything changed since.
func (s *DB) Revision(ctx context.Context) (int64, error) {
	var rev int64
	err := s.db.QueryRowContext(ctx, `SELECT value FROM counters WHERE name = 'revision'`).Scan(&rev)
	return rev, err
}

// Exists reports whether dir holds a store, so that a command that only
// reads one can say so instead of creating an empty one.
func Exists(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, dbFile))
	return err == nil && info.Mode().IsRegular()
}
