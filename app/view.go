package app

import (
	"time"

	"vanban"
	"vanban/store"
)

// The views below are what the front ends show: a document list line, a
// document page, a search result, a cross-check. Their JSON form is the
// web API's.

// FileRef is one stored file of a document (a document may have a DOCX
// and the PDF printed from it, and older versions).
type FileRef struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Format  string `json:"format"`
	Size    int64  `json:"size"`
	Primary bool   `json:"primary"` // the document's rows come from this file
}

// DocLink names another document in a link.
type DocLink struct {
	ID        int64       `json:"id,omitempty"` // 0 when the store does not hold it
	Reference string      `json:"reference"`
	Type      string      `json:"type,omitempty"`
	Title     string      `json:"title,omitempty"`
	Issuer    string      `json:"issuer,omitempty"`
	Date      vanban.Date `json:"date"`
}

// DocInfo is one line of the document list.
type DocInfo struct {
	ID        int64            `json:"id"`
	Type      string           `json:"type"`
	Reference string           `json:"reference"`
	Date      vanban.Date      `json:"date"`
	Issuer    string           `json:"issuer"`
	Title     string           `json:"title"`
	Status    vanban.DocStatus `json:"status"`
	Reason    string           `json:"reason,omitempty"` // why it failed, in Vietnamese
	// SupersededBy is the document that replaces a superseded one.
	SupersededBy *DocLink  `json:"superseded_by,omitempty"`
	Rows         int       `json:"rows"`
	ReportItems  int       `json:"report_items"`
	Files        []FileRef `json:"files"`
	IngestedAt   time.Time `json:"ingested_at"`
	// Confidence of the reading of its tables; a page marks one under
	// vanban.ReviewBelow for a person to check.
	Confidence *vanban.Confidence `json:"confidence,omitempty"`
}

// DocPage is one document as its page shows it.
type DocPage struct {
	Info DocInfo          `json:"info"`
	Doc  *vanban.Document `json:"document"`
	// Cites are the documents it cites, resolved to stored ones where
	// the store holds them.
	Cites []DocLink `json:"cites"`
	// CitedBy are the stored documents (reports) citing it.
	CitedBy []DocLink `json:"cited_by"`
	// Supersedes are the documents it replaces (a draft, an older plan).
	Supersedes []DocLink `json:"supersedes"`
	// Corrections are the fixes people made to its reading (applied to
	// Doc), undone ones too.
	Corrections []store.Correction `json:"corrections,omitempty"`
	// RowKeys name Doc's rows as corrections do (app.RowKeys of the rows
	// as extracted), one per row.
	RowKeys []string `json:"row_keys,omitempty"`
	// RowStates are a plan's rows' states today, one per row; ItemMatches
	// a report's items' tasks, one per item (see addStates).
	RowStates   []RowState  `json:"row_states,omitempty"`
	ItemMatches []ItemMatch `json:"item_matches,omitempty"`
}

// FileState is what became of a file handed to vanban.
type FileState struct {
	State  vanban.FileStatus `json:"state"`
	DocID  int64             `json:"doc_id,omitempty"`
	Reason string            `json:"reason,omitempty"`
	// Done of Total scanned pages read so far, while a scan's OCR runs.
	Done  int `json:"done,omitempty"`
	Total int `json:"total,omitempty"`
}

// SearchRequest is one search: a query in the `vanban search` syntax and
// an optional range of due dates.
type SearchRequest struct {
	Query   string      `json:"query"`
	DueFrom vanban.Date `json:"due_from"`
	DueTo   vanban.Date `json:"due_to"`
	Limit   int         `json:"limit"`
	Offset  int         `json:"offset"`
	// Any ranks rows having any of the words (for long questions).
	Any bool `json:"any,omitempty"`
	// Sort is "" (relevance) or index.SortDeadline ("han"): earliest
	// deadline first.
	Sort string `json:"sort,omitempty"`
}

// SearchResult is one page of hits with the facets of the whole result.
type SearchResult struct {
	Total  int     `json:"total"`
	Hits   []Hit   `json:"hits"`
	Facets []Facet `json:"facets"`
	// Approximate is true when nothing matched exactly and the hits come
	// from the fuzzy fallback.
	Approximate bool          `json:"approximate"`
	Took        time.Duration `json:"took_ns"`
}

// Hit is one task row (STT set) or one whole document (STT empty).
type Hit struct {
	ID        string      `json:"id"` // "58/KH-UBND#8.1"
	Kind      string      `json:"kind"`
	DocID     int64       `json:"doc_id"`
	Reference string      `json:"reference"`
	DocType   string      `json:"doc_type"`
	DocDate   vanban.Date `json:"doc_date"`
	STT       string      `json:"stt,omitempty"`
	Section   string      `json:"section,omitempty"`
	Lead      string      `json:"lead,omitempty"`
	Due       vanban.Date `json:"due"`
	// DueLabel says the deadline in words when one date would mislead
	// ("15/12 hằng năm"); it wins over Due on the page.
	DueLabel  string  `json:"due_label,omitempty"`
	Timeframe string  `json:"timeframe,omitempty"`
	Score     float64 `json:"score"`
	// Text is the task (or the document's title), with its matches.
	Text Fragment `json:"text"`
	// Fragments are matches in other fields (expected output, lead…).
	Fragments []Fragment `json:"fragments,omitempty"`
	// Anchor names the hit's row on its document's page ("hang-12" for
	// the 13th task row, "muc-3" for a report's 4th item): unique where
	// sections number their rows afresh. Empty for a document.
	Anchor string `json:"anchor,omitempty"`
	// PlanSTT is, for a report item, the plan's row number it reports
	// on, when the report gives it.
	PlanSTT string `json:"plan_stt,omitempty"`
	// PlanRef is, for a report item, the plan its report cites.
	PlanRef string `json:"plan_ref,omitempty"`
	// Title is the document's title, shown for hits of documents without
	// a number so that they are never named by an internal id.
	Title string `json:"title,omitempty"`
}

// Fragment is a piece of stored text and the byte spans of it that match
// the query. Front ends escape the text and mark the spans themselves, so
// a search never hands them markup.
type Fragment struct {
	Field string `json:"field,omitempty"`
	Text  string `json:"text"`
	Marks []Span `json:"marks,omitempty"`
}

// Span is a byte range [Start, End) of a Fragment's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Facet counts the hits by one field.
type Facet struct {
	Name  string      `json:"name"`  // the filter's name in the syntax: "chu-tri"
	Label string      `json:"label"` // for a person: "Đơn vị chủ trì"
	Terms []FacetTerm `json:"terms"`
}

// FacetTerm is one value of a facet.
type FacetTerm struct {
	Term  string `json:"term"`
	Label string `json:"label,omitempty"` // when the term is a code ("hang-nam")
	Count int    `json:"count"`
	// Filter is the query clause selecting it: chu-tri:"Sở Tài chính".
	Filter string `json:"filter"`
}

// CrossCheck is the cross-check of one plan as of one date.
type CrossCheck struct {
	Plan      string      `json:"plan"`
	PlanID    int64       `json:"plan_id"`
	PlanTitle string      `json:"plan_title"`
	PlanDate  vanban.Date `json:"plan_date"`
	AsOf      vanban.Date `json:"as_of"`
	ReportDue vanban.Date `json:"report_due"`
	Units     []UnitCheck `json:"units"`
	// Review lists the low-confidence matches a person should confirm
	// or reject.
	Review   []MatchReview `json:"review"`
	Warnings []string      `json:"warnings"`
}

// UnitCheck is one unit's standing on a plan.
type UnitCheck struct {
	Unit         string              `json:"unit"`
	Report       *DocLink            `json:"report"` // nil when it sent none
	ReportStatus vanban.ReportStatus `json:"report_status"`
	Lead         []TaskCheck         `json:"lead"`
	Coordinate   []TaskCheck         `json:"coordinate"`
}

// TaskCheck is one task of a unit and what the unit reported on it.
type TaskCheck struct {
	Plan      string      `json:"plan"`
	PlanID    int64       `json:"plan_id"`
	STT       string      `json:"stt"`
	Task      string      `json:"task"`
	Section   string      `json:"section,omitempty"`
	Role      vanban.Role `json:"role"`
	Timeframe string      `json:"timeframe"`
	Due       vanban.Date `json:"due"`
	// Next is the task's next due date on or after the as-of date, within
	// a year; Recurrence is its milestone's, and DueLabel says both in
	// words ("hằng năm, hạn 15/12"), so a yearly deadline shows ahead.
	Next       vanban.Date       `json:"next,omitempty"`
	Recurrence vanban.Recurrence `json:"recurrence,omitempty"`
	DueLabel   string            `json:"due_label,omitempty"`
	Status     vanban.TaskStatus `json:"status"`
	// State is the task-tracking category ("đang thực hiện quá hạn"…).
	State      vanban.TaskState `json:"state"`
	Overdue    bool             `json:"overdue"`
	Report     string           `json:"report,omitempty"`
	Result     string           `json:"result,omitempty"`
	Confidence float64          `json:"confidence,omitempty"`
	// Source is where the status was read (crosscheck.StatusSource:
	// column, result_text, prose, person) and SourceLabel its Vietnamese
	// name; empty when not reported.
	Source      string `json:"status_source,omitempty"`
	SourceLabel string `json:"status_source_label,omitempty"`
	// Item is the key of the report item matched to the task, for a
	// person to set its status (StatusSet.Item).
	Item string `json:"item_key,omitempty"`
}

// MatchReview is a report item matched to a task with low confidence.
type MatchReview struct {
	Plan       string  `json:"plan"`
	Report     string  `json:"report"`
	Unit       string  `json:"unit"`
	Item       string  `json:"item"` // the item's stable key
	ItemText   string  `json:"item_text"`
	Task       string  `json:"task"` // the plan task's key
	TaskText   string  `json:"task_text"`
	Confidence float64 `json:"confidence"`
}
