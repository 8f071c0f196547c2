package store

import (
	"context"
	"database/sql"
	"time"
)

// StatusDecision is the status a person set for one report item, whatever
// the report's words say: done, in_progress or not_started, with a note,
// who and when.
type StatusDecision struct {
	Status    string    `json:"status"`
	Note      string    `json:"note,omitempty"`
	DecidedBy string    `json:"decided_by,omitempty"`
	DecidedAt time.Time `json:"decided_at"`
}

// SetStatusDecision records the status a person set for the item of
// report reportDocID whose stable key is itemKey (crosscheck.ItemKey),
// replacing an earlier one. Keyed by the item's key, it survives new
// versions of the report as long as the item keeps its number and
// wording, wherever its row moves.
func (s *DB) SetStatusDecision(ctx context.Context, reportDocID int64, itemKey string, d StatusDecision) error {
	return s.write(ctx, func(tx *sql.Tx) error {
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
	return ReadStatusDecisions(ctx, s.db, reportDocID)
}

// ReadStatusDecisions is StatusDecisions over q: one set of statements
// for every back end of this schema.
func ReadStatusDecisions(ctx context.Context, q Queryer, reportDocID int64) (map[string]StatusDecision, error) {
	rows, err := q.QueryContext(ctx, `SELECT item_key, status, note, decided_by, decided_at FROM status_decisions
		WHERE report_doc_id = ?`, reportDocID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]StatusDecision{}
	for rows.Next() {
		var key, at string
		var d StatusDecision
		if err := rows.Scan(&key, &d.Status, &d.Note, &d.DecidedBy, &at); err != nil {
			return nil, err
		}
		d.DecidedAt = parseStamp(at)
		out[key] = d
	}
	return out, rows.Err()
}
