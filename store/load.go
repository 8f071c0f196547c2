package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"vanban"
)

// Queryer is a *sql.DB or a *sql.Tx, or a back end's wrapper of them
// that speaks its dialect: the loading of a document is one set of
// statements for every back end of this schema (package store/postgres
// calls it with its own transactions).
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// LoadDocument reads document id back as the extractor gave it.
func LoadDocument(ctx context.Context, q Queryer, id int64) (*vanban.Document, error) {
	doc := &vanban.Document{ID: id}
	m := &doc.Meta
	var date, warnings, answers, confidence, ocr string
	err := q.QueryRowContext(ctx, `SELECT d.file_name, d.sha256, d.format, d.size, d.pages, d.doc_type, d.number, d.symbol,
		d.reference, d.issuer, d.place, d.date, d.title, d.signer, d.signer_title, d.annual_report_due, d.report_to, d.warnings,
		d.answers, d.confidence, d.ocr, COALESCE(t.text, '') FROM documents d LEFT JOIN doc_text t ON t.document_id = d.id WHERE d.id = ?`, id).
		Scan(&doc.File, &doc.SHA256, &doc.Format, &doc.Size, &doc.Pages, &m.DocType, &m.Number, &m.Symbol,
			&m.Reference, &m.Issuer, &m.Place, &date, &m.Title, &m.Signer, &m.SignerTitle, &m.AnnualReportDue, &m.ReportTo, &warnings,
			&answers, &confidence, &ocr, &doc.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	m.Date = decodeDate(date)
	doc.Warnings = decodeStrings(warnings)
	m.Answers = decodeOptional[vanban.DocRef](answers)
	doc.Confidence = decodeOptional[vanban.Confidence](confidence)
	doc.OCR = decodeOptional[vanban.OCRInfo](ocr)
	if m.Cites, err = loadRefs(ctx, q, id, "cites"); err != nil {
		return nil, err
	}
	if m.Replaces, err = loadRefs(ctx, q, id, "replaces"); err != nil {
		return nil, err
	}
	if doc.Rows, err = LoadTasks(ctx, q, `t.document_id = ?`, id); err != nil {
		return nil, err
	}
	doc.ReportItems, err = loadReportItems(ctx, q, id)
	return doc, err
}

func loadRefs(ctx context.Context, q Queryer, id int64, kind string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT to_ref FROM links WHERE from_doc = ? AND kind = ? ORDER BY ord`, id, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func loadReportItems(ctx context.Context, q Queryer, id int64) ([]vanban.ReportItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT stt, task, role, result, status_text, section, plan_stt, unit, difficulty, proposal, ocr
		FROM report_items WHERE document_id = ? ORDER BY ord`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []vanban.ReportItem
	for rows.Next() {
		var it vanban.ReportItem
		var ocr string
		if err := rows.Scan(&it.STT, &it.Task, &it.Role, &it.Result, &it.StatusText, &it.Section,
			&it.PlanSTT, &it.Unit, &it.Difficulty, &it.Proposal, &ocr); err != nil {
			return nil, err
		}
		it.OCR = decodeConfidences(ocr)
		out = append(out, it)
	}
	return out, rows.Err()
}

// LoadTasks reads the tasks that where (a condition on tasks t, written
// by the caller, never from input) selects, in document and row order, with
// their parties, milestones and targets.
func LoadTasks(ctx context.Context, q Queryer, where string, args ...any) ([]vanban.Task, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, COALESCE(s.numeral, ''), COALESCE(s.title, ''), t.stt, t.task, t.expected_output,
		t.lead, t.coordinators, t.timeframe, t.note, t.monitor, t.extra, t.unparsed, t.ocr
		FROM tasks t LEFT JOIN sections s ON s.id = t.section_id WHERE `+where+` ORDER BY t.document_id, t.ord`, args...)
	if err != nil {
		return nil, err
	}
	var tasks []vanban.Task
	index := map[int64]int{}
	for rows.Next() {
		var t vanban.Task
		var extra, unparsed, ocr string
		if err := rows.Scan(&t.ID, &t.Section.Numeral, &t.Section.Title, &t.STT, &t.Task, &t.ExpectedOutput,
			&t.Lead, &t.Coordinators, &t.Timeframe, &t.Note, &t.Monitor, &extra, &unparsed, &ocr); err != nil {
			rows.Close()
			return nil, err
		}
		t.Extra, t.Unparsed = decodeMap(extra), decodeStrings(unparsed)
		t.OCR = decodeConfidences(ocr)
		index[t.ID] = len(tasks)
		tasks = append(tasks, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(tasks) == 0 {
		return tasks, err
	}
	if err := loadParties(ctx, q, tasks, index, where, args); err != nil {
		return nil, err
	}
	if err := loadMilestones(ctx, q, tasks, index, where, args); err != nil {
		return nil, err
	}
	return tasks, loadTargets(ctx, q, tasks, index, where, args)
}

func loadParties(ctx context.Context, q Queryer, tasks []vanban.Task, index map[int64]int, where string, args []any) error {
	rows, err := q.QueryContext(ctx, `SELECT tp.task_id, tp.role, p.name, p.kind, tp.alias_of FROM task_parties tp
		JOIN parties p ON p.id = tp.party_id JOIN tasks t ON t.id = tp.task_id WHERE `+where+` ORDER BY tp.task_id, tp.role, tp.ord`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var role string
		var p vanban.Party
		if err := rows.Scan(&id, &role, &p.Name, &p.Kind, &p.AliasOf); err != nil {
			return err
		}
		t := &tasks[index[id]]
		switch vanban.Role(role) {
		case vanban.RoleLead:
			t.LeadParties = append(t.LeadParties, p)
		case vanban.RoleCoordinate:
			t.CoordinatorParties = append(t.CoordinatorParties, p)
		case vanban.RoleMonitor:
			t.MonitorParties = append(t.MonitorParties, p)
		}
	}
	return rows.Err()
}

func loadMilestones(ctx context.Context, q Queryer, tasks []vanban.Task, index map[int64]int, where string, args []any) error {
	rows, err := q.QueryContext(ctx, `SELECT m.task_id, m.action, m.start, m.due, m.recurrence, m.yearly_due, m.condition, m.cites
		FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE `+where+` ORDER BY m.task_id, m.ord`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m vanban.Milestone
		var start, due, cites string
		if err := rows.Scan(&id, &m.Action, &start, &due, &m.Recurrence, &m.YearlyDue, &m.Condition, &cites); err != nil {
			return err
		}
		m.Start, m.Due, m.Cites = decodeDate(start), decodeDate(due), decodeStrings(cites)
		t := &tasks[index[id]]
		t.Milestones = append(t.Milestones, m)
	}
	return rows.Err()
}

func loadTargets(ctx context.Context, q Queryer, tasks []vanban.Task, index map[int64]int, where string, args []any) error {
	rows, err := q.QueryContext(ctx, `SELECT g.task_id, g.op, g.value, g.unit, g.per, g.by_year
		FROM targets g JOIN tasks t ON t.id = g.task_id WHERE `+where+` ORDER BY g.task_id, g.ord`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g vanban.Target
		if err := rows.Scan(&id, &g.Op, &g.Value, &g.Unit, &g.Per, &g.ByYear); err != nil {
			return err
		}
		t := &tasks[index[id]]
		t.Targets = append(t.Targets, g)
	}
	return rows.Err()
}
