package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"vanban"
	"vanban/app"
	"vanban/store"
)

// defaultAuthor names who corrected when the form leaves it empty.
const defaultAuthor = "người dùng trang web"

// docEditFields and rowEditFields are the forms' fields, in order.
var (
	docEditFields = []string{app.FieldReference, app.FieldDate, app.FieldType, app.FieldAnswers}
	rowEditFields = []string{app.FieldSTT, app.FieldSection, app.FieldLead, app.FieldCoordinators, app.FieldTimeframe}
)

// editField is one input of a correction form.
type editField struct {
	Name, Label, Value string
}

// rowEdit is the form correcting one task row.
type rowEdit struct {
	Key    string
	Task   string
	Fields []editField
}

// correctionView is one line of a document's corrections.
type correctionView struct {
	store.Correction
	Label  string
	RowSTT string // the row as extracted, for a person
	Shown  string // the new value for a person (an added row's STT and task)
}

func fieldsOf(names []string, value func(string) string) []editField {
	out := make([]editField, len(names))
	for i, n := range names {
		out[i] = editField{Name: n, Label: app.FieldLabels[n], Value: value(n)}
	}
	return out
}

// docFieldValue is a document field as its form shows it.
func docFieldValue(d *vanban.Document, name string) string {
	m := d.Meta
	switch name {
	case app.FieldReference:
		return m.Reference
	case app.FieldDate:
		if m.Date.IsZero() {
			return ""
		}
		return m.Date.VN()
	case app.FieldType:
		return m.DocType
	case app.FieldAnswers:
		if m.Answers != nil {
			return m.Answers.Reference
		}
	}
	return ""
}

func rowFieldValue(t vanban.Task, name string) string {
	switch name {
	case app.FieldLead:
		return t.Lead
	case app.FieldCoordinators:
		return t.Coordinators
	case app.FieldTimeframe:
		return t.Timeframe
	case app.FieldSTT:
		return t.STT
	case app.FieldSection:
		return t.Section.Numeral
	}
	return ""
}

// editsOf prepares a document page's correction forms: the document's
// fields, the row asked for (?sua-dong=KEY), the corrections made and
// which rows they touch.
func editsOf(p *app.DocPage, row string) (doc []editField, edit *rowEdit, list []correctionView, corrected map[string]bool) {
	corrected = map[string]bool{}
	for _, c := range p.Corrections {
		label := app.FieldLabels[c.Field]
		cv := correctionView{Correction: c, Label: label, RowSTT: rowName(c.Row), Shown: c.New}
		if r, err := decodeAddedRow(c); err == nil {
			cv.Shown = strings.TrimSpace(r.STT + " " + clip(r.Task, 120))
		}
		list = append(list, cv)
		if c.Live() && c.Row != "" {
			corrected[c.Row] = true
		}
	}
	if p.Doc == nil {
		return nil, nil, list, corrected
	}
	doc = fieldsOf(docEditFields, func(n string) string { return docFieldValue(p.Doc, n) })
	for i, k := range p.RowKeys {
		if k == row && i < len(p.Doc.Rows) {
			t := p.Doc.Rows[i]
			edit = &rowEdit{Key: k, Task: t.Task, Fields: fieldsOf(rowEditFields, func(n string) string { return rowFieldValue(t, n) })}
		}
	}
	return doc, edit, list, corrected
}

// decodeAddedRow reads an add_row correction's row.
func decodeAddedRow(c store.Correction) (app.AddedRow, error) {
	var r app.AddedRow
	if c.Field != app.FieldAddRow {
		return r, errNotAdded
	}
	err := json.Unmarshal([]byte(c.New), &r)
	return r, err
}

var errNotAdded = errors.New("not an added row")

// addRow adds a task row the reading missed, from the Thêm dòng form.
func (s *Server) addRow(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	v := func(n string) string { return strings.TrimSpace(r.PostFormValue(n)) }
	row := app.AddedRow{Section: v("section"), STT: v("stt"), Task: v("task"), Lead: v("lead"), Coordinators: v("coordinators"), Timeframe: v("timeframe")}
	data, err := json.Marshal(row)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, err := s.cfg.App.Correct(r.Context(), app.Correction{DocID: id, Field: app.FieldAddRow, Value: string(data), Author: authorOf(r)}); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/van-ban/%d#sua-doi", id), http.StatusSeeOther)
}

// rowName turns a row key "III|3.3" into what a person reads: "3.3
// (mục III)", with "lần 2" when the pair repeats.
func rowName(key string) string {
	if key == "" {
		return ""
	}
	sec, stt, _ := strings.Cut(key, "|")
	stt, n, dup := strings.Cut(stt, "~")
	name := stt
	if sec != "" {
		name += " (mục " + sec + ")"
	}
	if dup {
		name += ", lần " + n
	}
	return strings.TrimSpace(name)
}

// correct records the changes of a correction form: each field whose
// value differs from the current one becomes one correction.
func (s *Server) correct(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	p, err := s.cfg.App.Document(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	row := r.PostFormValue("dong")
	author := authorOf(r)
	current, names := map[string]string{}, docEditFields
	if row == "" {
		for _, f := range docEditFields {
			current[f] = docFieldValue(p.Doc, f)
		}
	} else {
		names = append(append([]string{}, rowEditFields...), app.FieldNotTask)
		for i, k := range p.RowKeys {
			if k == row && i < len(p.Doc.Rows) {
				for _, f := range rowEditFields {
					current[f] = rowFieldValue(p.Doc.Rows[i], f)
				}
			}
		}
	}
	for _, f := range names {
		v, sent := r.PostForm[f]
		if !sent && f != app.FieldNotTask {
			continue
		}
		val := strings.TrimSpace(strings.Join(v, ""))
		if f == app.FieldNotTask && val != "1" {
			continue
		}
		if val == strings.TrimSpace(current[f]) {
			continue
		}
		if _, err := s.cfg.App.Correct(r.Context(), app.Correction{DocID: id, Row: row, Field: f, Value: val, Author: author}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/van-ban/%d#sua-doi", id), http.StatusSeeOther)
}

func authorOf(r *http.Request) string {
	if a := strings.TrimSpace(r.PostFormValue("nguoi-sua")); a != "" {
		return clip(a, 80)
	}
	return defaultAuthor
}

// undoCorrection undoes one correction and goes back to the document.
func (s *Server) undoCorrection(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	cid, err := strconv.ParseInt(r.PostFormValue("sua"), 10, 64)
	if !ok || err != nil {
		s.fail(w, r, http.StatusBadRequest, "Thiếu sửa đổi cần hoàn tác.")
		return
	}
	if err := s.cfg.App.UndoCorrection(r.Context(), id, cid, authorOf(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/van-ban/%d#sua-doi", id), http.StatusSeeOther)
}

// apiCorrect is POST /api/documents/{id}/corrections with a JSON
// {row, field, value, author}.
func (s *Server) apiCorrect(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	var c app.Correction
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&c); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Nội dung JSON không hợp lệ.")
		return
	}
	c.DocID = id
	if c.Author == "" {
		c.Author = "api"
	}
	cid, err := s.cfg.App.Correct(r.Context(), c)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int64{"id": cid})
}

// apiUndo is POST /api/documents/{id}/corrections/{cid}/undo.
func (s *Server) apiUndo(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if !ok || err != nil {
		s.notFound(w, r)
		return
	}
	if err := s.cfg.App.UndoCorrection(r.Context(), id, cid, "api"); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// editLink is the address of a row's correction form.
func editLink(id int64, key string) string {
	return fmt.Sprintf("/van-ban/%d?", id) + url.Values{"sua-dong": {key}}.Encode() + "#sua-dong"
}
