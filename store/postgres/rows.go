package postgres

import (
	"fmt"

	"vanban"
)

// partyKey identifies a row of the parties table.
type partyKey struct {
	name string
	kind vanban.PartyKind
}

// taskKey identifies a task across versions of its plan: its section's
// numeral, its STT and which occurrence of that pair it is. A new version
// that keeps a row keeps the row's task id, and with it the decisions
// that name it.
type taskKey struct {
	numeral, stt string
	n            int
}

func taskKeys(rows []vanban.Task) []taskKey {
	seen := map[taskKey]int{}
	keys := make([]taskKey, len(rows))
	for i, t := range rows {
		k := taskKey{numeral: t.Section.Numeral, stt: t.STT}
		keys[i] = taskKey{k.numeral, k.stt, seen[k]}
		seen[k]++
	}
	return keys
}

// replaceRows replaces the document's sections, tasks (with their
// parties, milestones and targets) and report items by doc's.
func (w *writer) replaceRows(docID int64, doc *vanban.Document) error {
	old, err := w.oldTaskIDs(docID)
	if err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM tasks WHERE document_id = ?`, // cascades to parties, milestones, targets
		`DELETE FROM sections WHERE document_id = ?`,
		`DELETE FROM report_items WHERE document_id = ?`,
	} {
		if _, err := w.exec(q, docID); err != nil {
			return err
		}
	}
	sections := map[vanban.Section]int64{}
	keys := taskKeys(doc.Rows)
	ids, err := w.taskIDs(doc.Rows, keys, old)
	if err != nil {
		return err
	}
	b := &bulk{}
	for i, t := range doc.Rows {
		sid, err := w.section(docID, t.Section, sections)
		if err != nil {
			return err
		}
		if err := w.insertTask(b, docID, i, sid, ids[i], t); err != nil {
			return fmt.Errorf("task %d (%s): %w", i+1, t.STT, err)
		}
	}
	for i, it := range doc.ReportItems {
		b.add(`report_items (document_id, ord, stt, task, role, result, status_text, section, plan_stt, unit, difficulty, proposal, ocr)`,
			docID, i, it.STT, it.Task, it.Role, it.Result, it.StatusText, it.Section, it.PlanSTT, it.Unit, it.Difficulty, it.Proposal,
			encodeJSON(it.OCR))
	}
	if err := b.flush(w); err != nil {
		return err
	}
	return w.dropStaleDecisions(docID)
}

// oldTaskIDs maps the document's current tasks by taskKey.
func (w *writer) oldTaskIDs(docID int64) (map[taskKey]int64, error) {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT t.id, COALESCE(s.numeral, ''), t.stt FROM tasks t
		LEFT JOIN sections s ON s.id = t.section_id WHERE t.document_id = ? ORDER BY t.ord`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	var tasks []vanban.Task
	for rows.Next() {
		var id int64
		var t vanban.Task
		if err := rows.Scan(&id, &t.Section.Numeral, &t.STT); err != nil {
			return nil, err
		}
		ids = append(ids, id)
		tasks = append(tasks, t)
	}
	m := make(map[taskKey]int64, len(ids))
	for i, k := range taskKeys(tasks) {
		m[k] = ids[i]
	}
	return m, rows.Err()
}

// section returns the id of the document's section sec, inserting it at
// its first use; a task outside any section has none (0 → NULL).
func (w *writer) section(docID int64, sec vanban.Section, ids map[vanban.Section]int64) (any, error) {
	if sec == (vanban.Section{}) {
		return nil, nil
	}
	if id, ok := ids[sec]; ok {
		return id, nil
	}
	var id int64
	err := w.queryRow(`INSERT INTO sections (document_id, ord, numeral, title) VALUES (?, ?, ?, ?) RETURNING id`,
		docID, len(ids), sec.Numeral, sec.Title).Scan(&id)
	ids[sec] = id
	return id, err
}

// taskIDs gives each row its id: the one its key had in the old version,
// else a new one from the sequence, taken for all rows in one query.
func (w *writer) taskIDs(rows []vanban.Task, keys []taskKey, old map[taskKey]int64) ([]int64, error) {
	ids := make([]int64, len(rows))
	fresh := 0
	for i := range rows {
		if ids[i] = old[keys[i]]; ids[i] == 0 {
			fresh++
		}
	}
	if fresh == 0 {
		return ids, nil
	}
	r, err := w.tx.QueryContext(w.ctx, `SELECT nextval('tasks_id_seq') FROM generate_series(1, ?::bigint)`, fresh)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	next := 0
	for r.Next() {
		for ids[next] != 0 {
			next++
		}
		if err := r.Scan(&ids[next]); err != nil {
			return nil, err
		}
	}
	return ids, r.Err()
}

// insertTask adds one row with its parties, milestones and targets to b.
func (w *writer) insertTask(b *bulk, docID int64, ord int, sectionID any, id int64, t vanban.Task) error {
	b.add(`tasks (id, document_id, ord, section_id, stt, task, expected_output, lead, coordinators, timeframe, note, monitor, extra, unparsed, ocr)`,
		id, docID, ord, sectionID, t.STT, t.Task, t.ExpectedOutput, t.Lead, t.Coordinators,
		t.Timeframe, t.Note, t.Monitor, encodeJSON(t.Extra), encodeJSON(t.Unparsed), encodeJSON(t.OCR))
	for _, rp := range []struct {
		role    vanban.Role
		parties []vanban.Party
	}{{vanban.RoleLead, t.LeadParties}, {vanban.RoleCoordinate, t.CoordinatorParties}, {vanban.RoleMonitor, t.MonitorParties}} {
		for i, p := range rp.parties {
			pid, err := w.party(p)
			if err != nil {
				return err
			}
			b.add(`task_parties (task_id, role, ord, party_id, alias_of)`, id, string(rp.role), i, pid, p.AliasOf)
		}
	}
	for i, m := range t.Milestones {
		b.add(`milestones (task_id, ord, action, start, due, recurrence, yearly_due, condition, cites)`,
			id, i, m.Action, encodeDate(m.Start), encodeDate(m.Due), string(m.Recurrence), m.YearlyDue, m.Condition, encodeJSON(m.Cites))
	}
	for i, tg := range t.Targets {
		b.add(`targets (task_id, ord, op, value, unit, per, by_year)`, id, i, tg.Op, tg.Value, tg.Unit, tg.Per, tg.ByYear)
	}
	return nil
}

// party returns the id of party p, inserting it at its first use.
func (w *writer) party(p vanban.Party) (int64, error) {
	k := partyKey{p.Name, p.Kind}
	if id, ok := w.parties[k]; ok {
		return id, nil
	}
	var id int64
	err := w.queryRow(`INSERT INTO parties (name, kind) VALUES (?, ?)
		ON CONFLICT (name, kind) DO UPDATE SET name = excluded.name RETURNING id`, p.Name, string(p.Kind)).Scan(&id)
	if err != nil {
		return 0, err
	}
	if w.parties == nil {
		w.parties = map[partyKey]int64{}
	}
	w.parties[k] = id
	return id, nil
}

// dropStaleDecisions forgets decisions whose task is gone, and those on
// a report item that is no longer the item the person decided on.
func (w *writer) dropStaleDecisions(docID int64) error {
	_, err := w.exec(`DELETE FROM match_decisions WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = match_decisions.task_id)`)
	if err != nil {
		return err
	}
	// A new version of the report may move the item (a row inserted
	// before it): the decision follows the item's task text to its new
	// place before the ones left without their item are dropped (as in
	// package store; a move onto a pair already decided is skipped).
	_, err = w.exec(`UPDATE match_decisions m SET item_index = (SELECT min(r.ord) FROM report_items r
		WHERE r.document_id = m.report_doc_id AND r.task = m.item_task)
		WHERE m.report_doc_id = ? AND m.item_task <> '' AND NOT EXISTS (SELECT 1 FROM report_items r
		WHERE r.document_id = m.report_doc_id AND r.ord = m.item_index AND r.task = m.item_task)
		AND EXISTS (SELECT 1 FROM report_items r WHERE r.document_id = m.report_doc_id AND r.task = m.item_task)
		AND NOT EXISTS (SELECT 1 FROM match_decisions o WHERE o.report_doc_id = m.report_doc_id AND o.task_id = m.task_id
			AND o.item_index = (SELECT min(r.ord) FROM report_items r WHERE r.document_id = m.report_doc_id AND r.task = m.item_task))`, docID)
	if err != nil {
		return err
	}
	_, err = w.exec(`DELETE FROM match_decisions WHERE report_doc_id = ? AND NOT EXISTS (SELECT 1 FROM report_items r
		WHERE r.document_id = match_decisions.report_doc_id AND r.ord = match_decisions.item_index AND r.task = match_decisions.item_task)`, docID)
	return err
}

// writeLinks rewrites the links the document's own text makes (cites,
// replaces) and ties it to its draft or issued version (supersedes).
func (w *writer) writeLinks(docID int64, m vanban.Meta) error {
	if _, err := w.exec(`DELETE FROM links WHERE from_doc = ? OR (kind = 'supersedes' AND to_doc = ?)`, docID, docID); err != nil {
		return err
	}
	for kind, refs := range map[string][]string{"cites": m.Cites, "replaces": m.Replaces} {
		for i, ref := range refs {
			if _, err := w.exec(`INSERT INTO links (from_doc, kind, ord, to_ref, to_key) VALUES (?, ?, ?, ?, ?)`,
				docID, kind, i, ref, RefKey(ref)); err != nil {
				return err
			}
		}
	}
	if Fold(m.Title) == "" {
		return nil
	}
	// A draft and its issued document: same type, issuer and title, one
	// numbered and the other not.
	q := `INSERT INTO links (from_doc, kind, ord, to_doc)
		SELECT d.id, 'supersedes', 0, ?::bigint FROM documents d WHERE d.status = 'ok' AND d.ref_key <> ''
		AND d.type_key = ?::text AND d.issuer_key = ?::text AND d.title_key = ?::text AND d.id <> ?::bigint`
	if m.Reference != "" {
		q = `INSERT INTO links (from_doc, kind, ord, to_doc)
		SELECT ?::bigint, 'supersedes', 0, d.id FROM documents d WHERE d.status = 'ok' AND d.ref_key = ''
		AND d.type_key = ?::text AND d.issuer_key = ?::text AND d.title_key = ?::text AND d.id <> ?::bigint`
	}
	_, err := w.exec(q, docID, Fold(m.DocType), Fold(m.Issuer), Fold(m.Title), docID)
	return err
}
