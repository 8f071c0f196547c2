package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"vanban/store"
)

// AddCorrection records c (its ID and At are set by the store) and
// returns its id. The document gets a new revision, so the search index
// reads it again.
func (s *DB) AddCorrection(ctx context.Context, c Correction) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *tx) error {
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
	return s.write(ctx, func(tx *tx) error {
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
	return store.ReadCorrections(ctx, s.db, docID)
}

// touch gives a document a new revision and logs the change: what
// derives from the store (the search index) must read it again.
func touch(ctx context.Context, tx *tx, docID int64) error {
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
	return store.ReadLiveCorrections(ctx, s.db, field)
}
