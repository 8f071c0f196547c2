package postgres

import (
	"context"
	"vanban/store"
)

// SetStatusDecision records the status a person set for the item of
// report reportDocID whose stable key is itemKey (crosscheck.ItemKey),
// replacing an earlier one. Keyed by the item's key, it survives new
// versions of the report as long as the item keeps its number and
// wording, wherever its row moves.
func (s *DB) SetStatusDecision(ctx context.Context, reportDocID int64, itemKey string, d StatusDecision) error {
	return s.write(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO status_decisions (report_doc_id, item_key, status, note, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (report_doc_id, item_key)
			DO UPDATE SET status = excluded.status, note = excluded.note, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			reportDocID, itemKey, d.Status, d.Note, d.DecidedBy, stamp(s.Now()))
		if err != nil {
			return err
		}
		// The plan's statuses change: the search index must see it.
		_, err = nextRevision(ctx, tx, reportDocID)
		return err
	})
}

// StatusDecisions returns the statuses people set for a report's items,
// by item key.
func (s *DB) StatusDecisions(ctx context.Context, reportDocID int64) (map[string]StatusDecision, error) {
	return store.ReadStatusDecisions(ctx, s.db, reportDocID)
}
