package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Correction is a person's fix to what was read from a document: a field
// of the document (Row empty) or of one task row, from Old to New. The
// store keeps it apart from the extracted reading; package app applies
// the live corrections on every read.
type Correction struct {
	ID    int64 `json:"id"`
	DocID int64 `json:"document_id"`
	// Row names the task row as it was extracted (see package app's
	// RowKey), so that the correction finds it again after a re-read.
	Row      string    `json:"row,omitempty"`
	Field    string    `json:"field"`
	Old      string    `json:"old"`
	New      string    `json:"new"`
	Author   string    `json:"author"`
	At       time.Time `json:"at"`
	UndoneAt time.Time `json:"undone_at,omitzero"`
	UndoneBy string    `json:"undone_by,omitempty"`
}

// Live tells whether the correction applies (it was not undone).
func (c Correction) Live() bool { return c.UndoneAt.IsZero() }

// AddCorrection records c (its ID and At are set by the store) and
// returns its id. The document gets a new revision, so the search index
// reads it again.
func (s *DB) AddCorrection(ctx context.Context, c Correction) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO corrections (document_id, row_key, field, old_value, new_value, author, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.DocID, c.Row, c.Field, c.Old, c.New, c.Author, stamp(s.Now())).Scan(&id)
		if err != nil {
			return err
		}
		return touch(ctx, tx, c.DocID)
	})
	return id, err
}

// UndoCorrection marks correction id undone by who; undoing it twice is
// a no-op.
func (s *DB) UndoCorrection(ctx context.Context, id int64, who string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var doc int64
		var undone string
		err := tx.QueryRowContext(ctx, `SELECT document_id, undone_at FROM corrections WHERE id = ?`, id).Scan(&doc, &undone)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("correction %d: %w", id, ErrNotFound)
		}
		if err != nil || undone != "" {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?`, stamp(s.Now()), who, id); err != nil {
			return err
		}
		return touch(ctx, tx, doc)
	})
}

// Corrections lists every correction of a document, undone ones too, in
// the order they were made.
func (s *DB) Corrections(ctx context.Context, docID int64) ([]Correction, error) {
	return ReadCorrections(ctx, s.db, docID)
}

// ReadCorrections is Corrections over q: one set of statements for every
// back end of this schema.
func ReadCorrections(ctx context.Context, q Queryer, docID int64) ([]Correction, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, document_id, row_key, field, old_value, new_value, author, created_at, undone_at, undone_by
		FROM corrections WHERE document_id = ? ORDER BY id`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Correction
	for rows.Next() {
		var c Correction
		var at, undone string
		if err := rows.Scan(&c.ID, &c.DocID, &c.Row, &c.Field, &c.Old, &c.New, &c.Author, &at, &undone, &c.UndoneBy); err != nil {
			return nil, err
		}
		c.At, c.UndoneAt = parseStamp(at), parseStamp(undone)
		out = append(out, c)
	}
	return out, rows.Err()
}

// touch gives a document a new revision and logs the change: what
// derives from the store (the search index) must read it again.
func touch(ctx context.Context, tx *sql.Tx, docID int64) error {
	rev, err := nextRevision(ctx, tx, docID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE documents SET revision = ? WHERE id = ?`, rev, docID)
	return err
}

// LiveCorrections maps each document with a live correction of field to
// its latest new value.
func (s *DB) LiveCorrections(ctx context.Context, field string) (map[int64]string, error) {
	return ReadLiveCorrections(ctx, s.db, field)
}

// ReadLiveCorrections is LiveCorrections over q.
func ReadLiveCorrections(ctx context.Context, q Queryer, field string) (map[int64]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT document_id, new_value FROM corrections
		WHERE field = ? AND undone_at = '' AND row_key = '' ORDER BY id`, field)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = v
	}
	return out, rows.Err()
}
