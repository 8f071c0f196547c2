// Package postgres keeps vanban's documents in PostgreSQL, so that several
// nodes read and write one archive. It has the method set of package
// store's SQLite DB and the same schema in PostgreSQL's dialect (see
// schema.go), with package store's types; app.Store is the interface both
// satisfy.
//
// What differs from SQLite, and why:
//   - Kept copies of files live in the database (table blobs, by sha256),
//     so nodes share them without a shared disk; each node caches them in
//     its own data folder (files/…) for its extractor and for downloads.
//   - Writers are serialized by a transaction-scoped advisory lock, the
//     counterpart of SQLite's single writer: the writer's logic (which
//     document a file belongs to) reads before it writes, and the change
//     log's sequence numbers then commit in order, so a follower that
//     read up to seq N never misses a later-committing smaller one.
//   - A file is claimed (Claim) before it is read, so two watchers of one
//     folder read it once; a claim expires, so a node that died frees it.
//   - Every change to the change log NOTIFYs listeners (Listen), so other
//     nodes' indexes catch up within moments rather than at their next
//     poll.
//
// Adding a method: put it in the file of its concern (read.go, write.go,
// decisions.go, …) as in package store, translating the SQL (placeholders
// stay "?": rebind numbers them); a migration goes at the same position
// in schema.go's list as in package store's.
package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// File names inside the node's data folder.
const (
	filesDir = "files"
	tmpDir   = "tmp"
)

// writerLock is the advisory lock key that serializes writers.
const writerLock = 0x76616e62 // "vanb"

// DB is an open PostgreSQL store.
type DB struct {
	dir string // this node's data folder: cached copies, index
	url string
	db  *pdb
	// wmu queues this process's writers in Go, so that they do not each
	// hold a connection while waiting for the advisory lock.
	wmu sync.Mutex
	// Now gives the time stamps the store writes; tests may replace it.
	Now func() time.Time
	// ClaimTTL is how long this node's claims hold (see Claim).
	ClaimTTL time.Duration
	// owner names this process in claims.
	owner string
}

// IsURL reports whether a --store value names a PostgreSQL database.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url (postgres://…), brings the schema
// up to date, and uses dir as this node's data folder.
func Open(url, dir string) (*DB, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{abs, filepath.Join(abs, filesDir), filepath.Join(abs, tmpDir)} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres address: %w", err)
	}
	raw := stdlib.OpenDB(*cfg)
	raw.SetMaxOpenConns(16)
	raw.SetMaxIdleConns(8)
	db := &pdb{raw}
	ctx := context.Background()
	if err := migrate(ctx, db); err != nil {
		raw.Close()
		return nil, fmt.Errorf("open %s: %w", redact(url), err)
	}
	host, _ := os.Hostname()
	return &DB{dir: abs, url: url, db: db, Now: time.Now, ClaimTTL: ClaimTTL, owner: host + ":" + strconv.Itoa(os.Getpid())}, nil
}

// redact hides a password in an address shown in an error.
func redact(url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "postgres://…"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}

// Close closes the connections.
func (s *DB) Close() error { return s.db.Close() }

// Dir returns the absolute path of this node's data folder.
func (s *DB) Dir() string { return s.dir }

// SQL returns the underlying database for read-only queries. Its
// placeholders are PostgreSQL's ($1), not SQLite's.
func (s *DB) SQL() *sql.DB { return s.db.DB }

// stamp formats a time as package store does: UTC, fixed width, so that
// text order is time order and a migrated store compares alike.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

func parseStamp(s string) time.Time {
	t, _ := time.Parse("2006-01-02T15:04:05.000000Z", s)
	return t
}

// read runs fn in one read-only transaction: REPEATABLE READ, so that
// its queries see one snapshot, as SQLite's read transactions do.
func (s *DB) read(ctx context.Context, fn func(tx *tx) error) error {
	t, err := s.db.DB.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return err
	}
	defer t.Rollback()
	return fn(&tx{t})
}

// write runs fn in one write transaction holding the writer lock.
func (s *DB) write(ctx context.Context, fn func(tx *tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	t, err := s.db.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	w := &tx{t}
	if _, err := w.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(writerLock)); err != nil {
		t.Rollback()
		return err
	}
	if err := fn(w); err != nil {
		t.Rollback()
		return err
	}
	return t.Commit()
}

// nextRevision takes the next value of the store's change counter, logs
// the documents the change touches and wakes the listeners of the change
// log when the transaction commits.
func nextRevision(ctx context.Context, tx *tx, docs ...int64) (int64, error) {
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
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify(?, ?)`, notifyChannel, strconv.FormatInt(rev, 10)); err != nil {
		return 0, err
	}
	return rev, nil
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

// Revision returns the store's change counter (see package store).
func (s *DB) Revision(ctx context.Context) (int64, error) {
	var rev int64
	err := s.db.QueryRowContext(ctx, `SELECT value FROM counters WHERE name = 'revision'`).Scan(&rev)
	return rev, err
}
