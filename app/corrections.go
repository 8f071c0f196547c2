package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"vanban"
	"vanban/normalize"
	"vanban/store"
)

// Fields a person may correct: of the document, and of a task row.
const (
	FieldReference = "reference" // "58/KH-UBND"
	FieldDate      = "date"      // dd/mm/yyyy
	FieldType      = "type"      // "Kế hoạch", "Báo cáo" …
	FieldAnswers   = "answers"   // the reference of the plan a report answers

	FieldLead         = "lead"
	FieldCoordinators = "coordinators"
	FieldTimeframe    = "timeframe" // the milestones are read again
	FieldSTT          = "stt"
	FieldSection      = "section"  // the section's numeral
	FieldNotTask      = "not_task" // "1": the row is no task (a heading, a note)
	// FieldAddRow adds a task row the reading missed; the value is the
	// row as JSON (section numeral, STT, task, lead, coordinators,
	// timeframe). The added row's key is "+" and the correction's id.
	FieldAddRow = "add_row"
)

// FieldLabels name the correctable fields for a person.
var FieldLabels = map[string]string{
	FieldReference: "Số, ký hiệu", FieldDate: "Ngày", FieldType: "Loại văn bản", FieldAnswers: "Trả lời kế hoạch",
	FieldLead: "Chủ trì", FieldCoordinators: "Phối hợp", FieldTimeframe: "Thời gian", FieldSTT: "STT",
	FieldSection: "Mục", FieldNotTask: "Không phải nhiệm vụ", FieldAddRow: "Thêm dòng",
}

var docFields = []string{FieldReference, FieldDate, FieldType, FieldAnswers, FieldAddRow}

var rowFields = []string{FieldLead, FieldCoordinators, FieldTimeframe, FieldSTT, FieldSection, FieldNotTask}

// Correction asks to correct one field of a document (Row empty) or of
// one of its task rows (Row is the row's RowKey).
type Correction struct {
	DocID  int64  `json:"document_id"`
	Row    string `json:"row,omitempty"`
	Field  string `json:"field"`
	Value  string `json:"value"`
	Author string `json:"author"`
}

// RowKeys names each task row as extracted, in a way a re-read of the
// same file gives again: its section's numeral and its STT, with a
// number when the pair repeats ("II|3~2").
func RowKeys(rows []vanban.Task) []string {
	keys := make([]string, len(rows))
	seen := map[string]int{}
	for i, t := range rows {
		k := strings.TrimSpace(t.Section.Numeral) + "|" + strings.TrimSpace(t.STT)
		seen[k]++
		if n := seen[k]; n > 1 {
			k = fmt.Sprintf("%s~%d", k, n)
		}
		keys[i] = k
	}
	return keys
}

// Correct records a correction. The value is checked (a date must be a
// date, a row must exist); the search index and the cross-check see the
// corrected document at once.
func (a *App) Correct(ctx context.Context, c Correction) (int64, error) {
	doc, err := a.db.Document(ctx, c.DocID)
	if err != nil {
		return 0, notFound(err, "không có văn bản số %d trong kho", c.DocID)
	}
	cur, keys, err := a.documentKeyed(ctx, c.DocID)
	if err != nil {
		return 0, err
	}
	c.Value = strings.TrimSpace(c.Value)
	old, err := currentValue(doc, cur, keys, c)
	if err != nil {
		return 0, err
	}
	if c.Field == FieldDate && c.Value != "" {
		d, err := vanban.ParseDate(c.Value)
		if err != nil {
			return 0, vanban.Wrap(vanban.EInvalid, err, "ngày %q không hợp lệ (dd/mm/yyyy)", c.Value)
		}
		c.Value = d.VN()
	}
	if c.Value == old {
		return 0, vanban.Errorf(vanban.EInvalid, "giá trị mới giống giá trị hiện tại")
	}
	id, err := a.db.AddCorrection(ctx, store.Correction{DocID: c.DocID, Row: c.Row, Field: c.Field, Old: old, New: c.Value, Author: c.Author})
	if err != nil {
		return 0, err
	}
	a.refreshCorrected(ctx, c.DocID)
	return id, nil
}

// UndoCorrection undoes correction id; the document reads as before it.
func (a *App) UndoCorrection(ctx context.Context, docID, id int64, who string) error {
	cs, err := a.db.Corrections(ctx, docID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(cs, func(c store.Correction) bool { return c.ID == id }) {
		return vanban.Errorf(vanban.ENotFound, "văn bản số %d không có sửa đổi số %d", docID, id)
	}
	if err := a.db.UndoCorrection(ctx, id, who); err != nil {
		return err
	}
	a.refreshCorrected(ctx, docID)
	return nil
}

// Corrections lists a document's corrections, undone ones too.
func (a *App) Corrections(ctx context.Context, docID int64) ([]store.Correction, error) {
	return a.db.Corrections(ctx, docID)
}

// refreshCorrected brings the search index up to the corrected document
// and, for a report, to the plan whose statuses it changes.
func (a *App) refreshCorrected(ctx context.Context, docID int64) {
	a.refreshIndex(ctx, docID)
	links, err := a.db.Links(ctx, docID)
	if err != nil {
		return
	}
	for _, l := range links {
		if l.DocID != 0 && l.Kind == "cites" && !l.Incoming {
			a.refreshIndex(ctx, l.DocID)
		}
	}
}

// currentValue is the field's value now (corrections applied), after
// checking that the field exists and the row is one of the document's:
// as extracted (keys of extracted), or added, in the corrected document
// cur whose rows keys names.
func currentValue(extracted, cur *vanban.Document, keys []string, c Correction) (string, error) {
	if c.Row == "" {
		if !slices.Contains(docFields, c.Field) {
			return "", vanban.Errorf(vanban.EInvalid, "không sửa được trường %q của văn bản", c.Field)
		}
		if _, ok := addedRow(c.Value); c.Field == FieldAddRow && !ok {
			return "", vanban.Errorf(vanban.EInvalid, "dòng thêm cần có nội dung nhiệm vụ")
		}
		return docValue(cur, c.Field), nil
	}
	if !slices.Contains(rowFields, c.Field) {
		return "", vanban.Errorf(vanban.EInvalid, "không sửa được trường %q của dòng nhiệm vụ", c.Field)
	}
	i := slices.Index(keys, c.Row)
	switch {
	case i >= 0 && c.Field == FieldNotTask:
		return "", nil
	case i >= 0:
		return rowValue(&cur.Rows[i], c.Field), nil
	case slices.Contains(RowKeys(extracted.Rows), c.Row) && c.Field == FieldNotTask:
		return "1", nil // already marked as no task
	case slices.Contains(RowKeys(extracted.Rows), c.Row):
		return "", vanban.Errorf(vanban.EConflict, "dòng %q đã được đánh dấu không phải nhiệm vụ; hoàn tác trước khi sửa", c.Row)
	}
	return "", vanban.Errorf(vanban.ENotFound, "văn bản không có dòng %q", c.Row)
}

func docValue(d *vanban.Document, field string) string {
	switch field {
	case FieldReference:
		return d.Meta.Reference
	case FieldDate:
		if d.Meta.Date.IsZero() {
			return ""
		}
		return d.Meta.Date.VN()
	case FieldType:
		return d.Meta.DocType
	case FieldAnswers:
		if d.Meta.Answers != nil {
			return d.Meta.Answers.Reference
		}
	}
	return "" // an added row replaces nothing
}

// AddedRow is the value of an add_row correction.
type AddedRow struct {
	Section      string `json:"section,omitempty"` // the section's numeral
	STT          string `json:"stt,omitempty"`
	Task         string `json:"task"`
	Lead         string `json:"lead,omitempty"`
	Coordinators string `json:"coordinators,omitempty"`
	Timeframe    string `json:"timeframe,omitempty"`
}

// addedRow reads an add_row value; ok is false when it names no task.
func addedRow(v string) (AddedRow, bool) {
	var r AddedRow
	err := json.Unmarshal([]byte(v), &r)
	return r, err == nil && strings.TrimSpace(r.Task) != ""
}

// addRows appends the rows the live add_row corrections add, each under
// the section of its numeral when the plan has it, and their keys.
func addRows(doc *vanban.Document, cs []store.Correction, keys []string) []string {
	for _, c := range cs {
		if !c.Live() || c.Row != "" || c.Field != FieldAddRow {
			continue
		}
		r, ok := addedRow(c.New)
		if !ok {
			continue
		}
		t := vanban.Task{Section: vanban.Section{Numeral: r.Section}, STT: r.STT, Task: r.Task, Lead: r.Lead, Coordinators: r.Coordinators, Timeframe: r.Timeframe}
		for _, old := range doc.Rows {
			if r.Section != "" && old.Section.Numeral == r.Section {
				t.Section = old.Section
			}
		}
		doc.Rows = append(doc.Rows, t)
		keys = append(keys, "+"+strconv.FormatInt(c.ID, 10))
	}
	return keys
}

func rowValue(t *vanban.Task, field string) string {
	switch field {
	case FieldLead:
		return t.Lead
	case FieldCoordinators:
		return t.Coordinators
	case FieldTimeframe:
		return t.Timeframe
	case FieldSTT:
		return t.STT
	case FieldSection:
		return t.Section.Numeral
	}
	return ""
}

// document reads document id with its live corrections applied: every
// read of the application goes through it (or findDocument), so the
// pages, the cross-check and the search index see the same document.
func (a *App) document(ctx context.Context, id int64) (*vanban.Document, error) {
	doc, err := a.db.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	return doc, a.applyCorrections(ctx, doc)
}

// findDocument is store.FindDocument with the corrections applied.
func (a *App) findDocument(ctx context.Context, ref string) (*vanban.Document, error) {
	doc, err := a.db.FindDocument(ctx, ref)
	if err != nil {
		return nil, err
	}
	return doc, a.applyCorrections(ctx, doc)
}

func (a *App) applyCorrections(ctx context.Context, doc *vanban.Document) error {
	cs, err := a.db.Corrections(ctx, doc.ID)
	if err != nil {
		return err
	}
	ApplyCorrections(doc, cs, a.aliases)
	return nil
}

// documentKeyed is document with the RowKeys of its rows.
func (a *App) documentKeyed(ctx context.Context, id int64) (*vanban.Document, []string, error) {
	doc, err := a.db.Document(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	cs, err := a.db.Corrections(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return doc, ApplyCorrections(doc, cs, a.aliases), nil
}

// ApplyCorrections applies the live corrections to doc in the order they
// were made: document fields, then row fields on the rows as extracted
// (found by RowKeys); the rows whose cells changed are read again by
// package normalize (parties, milestones), and rows marked as no task
// are dropped. It returns the RowKeys of the rows left, in order.
func ApplyCorrections(doc *vanban.Document, cs []store.Correction, aliases *normalize.Aliases) []string {
	keys := RowKeys(doc.Rows)
	if len(cs) == 0 {
		return keys
	}
	first := len(doc.Rows)
	keys = addRows(doc, cs, keys)
	changed := map[int]bool{}
	for i := first; i < len(doc.Rows); i++ {
		changed[i] = true // read its cells like any row's
	}
	at := map[string]int{}
	for i, k := range keys {
		at[k] = i
	}
	drop := map[int]bool{}
	for _, c := range cs {
		if !c.Live() || c.Field == FieldAddRow {
			continue
		}
		if c.Row == "" {
			setDocField(doc, c.Field, c.New)
			continue
		}
		i, ok := at[c.Row]
		if !ok {
			continue // the row is gone from the file: nothing to correct
		}
		if c.Field == FieldNotTask {
			drop[i] = c.New == "1"
			continue
		}
		setRowField(&doc.Rows[i], c.Field, c.New)
		changed[i] = true
	}
	if len(changed) > 0 {
		ctx := normalize.PlanContextOf(doc)
		for i := range changed {
			reread(&doc.Rows[i], ctx, aliases)
		}
	}
	if len(drop) > 0 {
		rows := doc.Rows[:0:0]
		left := keys[:0:0]
		for i, t := range doc.Rows {
			if !drop[i] {
				rows = append(rows, t)
				left = append(left, keys[i])
			}
		}
		doc.Rows, keys = rows, left
	}
	return keys
}

func setDocField(doc *vanban.Document, field, v string) {
	m := &doc.Meta
	switch field {
	case FieldReference:
		m.Reference = v
		m.Number, m.Symbol, _ = strings.Cut(v, "/")
	case FieldDate:
		m.Date, _ = vanban.ParseDate(v)
	case FieldType:
		m.DocType = v
	case FieldAnswers:
		if v == "" {
			m.Answers = nil
			return
		}
		m.Answers = &vanban.DocRef{Type: vanban.TypePlan, Reference: v}
		m.Cites = append([]string{v}, slices.DeleteFunc(slices.Clone(m.Cites), func(s string) bool { return s == v })...)
	}
}

func setRowField(t *vanban.Task, field, v string) {
	switch field {
	case FieldLead:
		t.Lead = v
	case FieldCoordinators:
		t.Coordinators = v
	case FieldTimeframe:
		t.Timeframe = v
	case FieldSTT:
		t.STT = v
	case FieldSection:
		t.Section.Numeral = v
	}
}

// reread reads a corrected row's cells again as ingestion does: the
// parties of its lead and coordinator cells (a lead cell naming both
// roles is split), its milestones.
func reread(t *vanban.Task, ctx normalize.PlanContext, aliases *normalize.Aliases) {
	lead, coord := t.Lead, t.Coordinators
	if l, c, ok := normalize.Assignment(lead); ok && strings.TrimSpace(coord) == "" {
		lead, coord = l, c
	}
	t.LeadParties = normalize.Parties(lead, aliases)
	t.CoordinatorParties = normalize.Parties(coord, aliases)
	ms, ok := normalize.Timeframe(t.Timeframe, ctx)
	t.Milestones = ms
	t.Unparsed = slices.DeleteFunc(t.Unparsed, func(s string) bool { return s == "timeframe" })
	if !ok {
		t.Unparsed = append(t.Unparsed, "timeframe")
	}
	if len(t.Unparsed) == 0 {
		t.Unparsed = nil
	}
}

// correctInfo applies a document's live corrections to its list line.
func (a *App) correctInfo(ctx context.Context, info *DocInfo) error {
	cs, err := a.db.Corrections(ctx, info.ID)
	if err != nil || len(cs) == 0 {
		return err
	}
	doc := &vanban.Document{Meta: vanban.Meta{Reference: info.Reference, Date: info.Date, DocType: info.Type}}
	for _, c := range cs {
		if c.Live() && c.Row == "" {
			setDocField(doc, c.Field, c.New)
		}
	}
	info.Reference, info.Date, info.Type = doc.Meta.Reference, doc.Meta.Date, doc.Meta.DocType
	return nil
}

// answeringAsCorrected adjusts the reports on plan to the corrections of
// what reports answer: a report corrected to answer the plan joins its
// cross-check, one corrected to answer another plan leaves it.
func (a *App) answeringAsCorrected(ctx context.Context, plan *vanban.Document, sums []store.DocumentSummary) ([]store.DocumentSummary, error) {
	answers, err := a.db.LiveCorrections(ctx, FieldAnswers)
	if err != nil || len(answers) == 0 {
		return sums, err
	}
	want := store.RefKey(plan.Meta.Reference)
	has := map[int64]bool{}
	out := sums[:0:0]
	for _, s := range sums {
		if ref, ok := answers[s.ID]; ok && (want == "" || store.RefKey(ref) != want) {
			continue
		}
		has[s.ID] = true
		out = append(out, s)
	}
	for id, ref := range answers {
		if has[id] || want == "" || store.RefKey(ref) != want {
			continue
		}
		s, err := a.db.Summary(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, nil
}

// Document is the store's document with its corrections applied: the
// index shows what the pages show.
func (s *indexSource) Document(ctx context.Context, id int64) (*vanban.Document, error) {
	doc, err := s.Store.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	cs, err := s.Store.Corrections(ctx, id)
	if err != nil {
		return nil, err
	}
	ApplyCorrections(doc, cs, s.aliases)
	return doc, nil
}
