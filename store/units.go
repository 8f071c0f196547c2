package store

import (
	"context"
	"database/sql"
	"fmt"

	"vanban"
)

// current is the condition on documents d that keeps readable documents
// no issued version supersedes, so that a draft and its plan do not
// count the same tasks twice.
const current = `d.status = 'ok' AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = 'supersedes' AND l.to_doc = d.id)`

// UnitCount is a unit or group named in the current documents' tasks,
// with how many tasks name it in each role and in how many documents.
type UnitCount struct {
	Name       string           `json:"name"`
	Kind       vanban.PartyKind `json:"kind"`
	Tasks      int              `json:"tasks"` // tasks naming it in any role
	Lead       int              `json:"lead"`
	Coordinate int              `json:"coordinate"`
	Monitor    int              `json:"monitor"`
	Documents  int              `json:"documents"`
	// Aliases are the other ways documents wrote its name.
	Aliases []string `json:"aliases,omitempty"`
}

// Units lists every unit and group seen in current documents (see
// TasksForUnit), most tasks first.
func (s *DB) Units(ctx context.Context) ([]UnitCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.name, p.kind, count(DISTINCT t.id),
		count(DISTINCT CASE WHEN tp.role = 'lead' THEN t.id END),
		count(DISTINCT CASE WHEN tp.role = 'coordinate' THEN t.id END),
		count(DISTINCT CASE WHEN tp.role = 'monitor' THEN t.id END),
		count(DISTINCT t.document_id),
		json_group_array(DISTINCT tp.alias_of) FILTER (WHERE tp.alias_of <> '')
		FROM task_parties tp JOIN parties p ON p.id = tp.party_id JOIN tasks t ON t.id = tp.task_id
		JOIN documents d ON d.id = t.document_id WHERE `+current+`
		GROUP BY p.id ORDER BY count(DISTINCT t.id) DESC, p.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UnitCount
	for rows.Next() {
		var u UnitCount
		var aliases string
		if err := rows.Scan(&u.Name, &u.Kind, &u.Tasks, &u.Lead, &u.Coordinate, &u.Monitor, &u.Documents, &aliases); err != nil {
			return nil, err
		}
		u.Aliases = decodeStrings(aliases)
		out = append(out, u)
	}
	return out, rows.Err()
}

// UnitTask is a task that names a unit, with its document and the role.
type UnitTask struct {
	DocID     int64         `json:"doc_id"`
	Reference string        `json:"reference"`
	DocType   string        `json:"doc_type"`
	Date      vanban.Date   `json:"date"`
	Title     string        `json:"title"`
	Roles     []vanban.Role `json:"roles"`
	Task      vanban.Task   `json:"task"`
}

// TasksForUnit lists the tasks of current documents (readable, not a
// superseded draft) that name the unit or group name — its canonical name
// or a name written for it, compared without diacritics and case — in
// document date and row order.
func (s *DB) TasksForUnit(ctx context.Context, name string) ([]UnitTask, error) {
	var out []UnitTask
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, err := partyIDs(ctx, tx, name)
		if err != nil || len(ids) == 0 {
			return err
		}
		// The ids are ours: a JSON list bound as one parameter.
		list := encodeJSON(ids)
		tasks, err := LoadTasks(ctx, tx, `t.id IN (SELECT task_id FROM task_parties WHERE party_id IN (SELECT value FROM json_each(?)))
			AND t.document_id IN (SELECT d.id FROM documents d WHERE `+current+`)`, list)
		if err != nil {
			return err
		}
		out, err = unitTasks(ctx, tx, tasks, list)
		return err
	})
	return out, err
}

// partyIDs finds the parties named name, by canonical or written name.
func partyIDs(ctx context.Context, q Queryer, name string) ([]int64, error) {
	want := Fold(name)
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, json_group_array(DISTINCT tp.alias_of) FILTER (WHERE tp.alias_of <> '')
		FROM parties p LEFT JOIN task_parties tp ON tp.party_id = p.id GROUP BY p.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var pname, aliases string
		if err := rows.Scan(&id, &pname, &aliases); err != nil {
			return nil, err
		}
		match := Fold(pname) == want
		for _, a := range decodeStrings(aliases) {
			match = match || Fold(a) == want
		}
		if match {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// unitTasks adds to each task its document and the roles the parties
// (a JSON list of ids) have on it.
func unitTasks(ctx context.Context, q Queryer, tasks []vanban.Task, parties string) ([]UnitTask, error) {
	out := make([]UnitTask, 0, len(tasks))
	for _, t := range tasks {
		u := UnitTask{Task: t}
		var date string
		err := q.QueryRowContext(ctx, `SELECT d.id, d.reference, d.doc_type, d.date, d.title FROM tasks t
			JOIN documents d ON d.id = t.document_id WHERE t.id = ?`, t.ID).Scan(&u.DocID, &u.Reference, &u.DocType, &date, &u.Title)
		if err != nil {
			return nil, fmt.Errorf("task %d: %w", t.ID, err)
		}
		u.Date = decodeDate(date)
		rows, err := q.QueryContext(ctx, `SELECT DISTINCT role FROM task_parties WHERE task_id = ?
			AND party_id IN (SELECT value FROM json_each(?))
			ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'coordinate' THEN 1 ELSE 2 END`, t.ID, parties)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return nil, err
			}
			u.Roles = append(u.Roles, vanban.Role(r))
		}
		rows.Close()
		out = append(out, u)
	}
	return out, nil
}
