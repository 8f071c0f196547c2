package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SetMatchDecision records that report item itemIndex (0-based, in the
// order of Document(reportDocID).ReportItems) does (accepted) or does not
// report on task taskID, replacing an earlier decision on the same pair.
//
// Decisions survive new versions of the plan as long as the task keeps
// its row (same section numeral and STT: it keeps its id), and new
// versions of the report as long as the item at itemIndex keeps its task
// text; otherwise they are dropped with the rows they named.
func (s *DB) SetMatchDecision(ctx context.Context, reportDocID int64, itemIndex int, taskID int64, accepted bool) error {
	return s.write(ctx, func(tx *tx) error {
		var item string
		err := tx.QueryRowContext(ctx, `SELECT task FROM report_items WHERE document_id = ? AND ord = ?`, reportDocID, itemIndex).Scan(&item)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("report %d item %d: %w", reportDocID, itemIndex, ErrNotFound)
		}
		if err != nil {
			return err
		}
		var one int
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM tasks WHERE id = ?`, taskID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("task %d: %w", taskID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO match_decisions (report_doc_id, item_index, task_id, item_task, accepted, decided_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (report_doc_id, item_index, task_id)
			DO UPDATE SET item_task = excluded.item_task, accepted = excluded.accepted, decided_at = excluded.decided_at`,
			reportDocID, itemIndex, taskID, item, accepted, stamp(s.Now()))
		if err != nil {
			return err
		}
		// A decision changes the plan's statuses: those who follow the
		// store's counter (the search index) must see a change.
		_, err = nextRevision(ctx, tx, reportDocID)
		return err
	})
}

// ClearMatchDecision forgets the decision on a pair, if any.
func (s *DB) ClearMatchDecision(ctx context.Context, reportDocID int64, itemIndex int, taskID int64) error {
	return s.write(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM match_decisions WHERE report_doc_id = ? AND item_index = ? AND task_id = ?`,
			reportDocID, itemIndex, taskID)
		if err != nil {
			return err
		}
		_, err = nextRevision(ctx, tx, reportDocID)
		return err
	})
}

// MatchDecisions returns the decisions on a report's items, by item
// index; an item may have several (one task accepted, others rejected),
// in the order they were made.
func (s *DB) MatchDecisions(ctx context.Context, reportDocID int64) (map[int][]Decision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT item_index, task_id, accepted, decided_at FROM match_decisions
		WHERE report_doc_id = ? ORDER BY item_index, decided_at, task_id`, reportDocID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int][]Decision{}
	for rows.Next() {
		var i int
		var d Decision
		var at string
		if err := rows.Scan(&i, &d.TaskID, &d.Accepted, &at); err != nil {
			return nil, err
		}
		d.DecidedAt = parseStamp(at)
		out[i] = append(out[i], d)
	}
	return out, rows.Err()
}
