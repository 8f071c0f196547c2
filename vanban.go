// Package vanban holds the domain types of vanban: the documents a
// secretariat receives (plans and reports), the tasks a plan assigns, the
// parties it assigns them to, their milestones and targets, and the items a
// report gives back. It depends on nothing but the standard library; every
// dependency lives in its own package (extract, normalize, store, index, …)
// and cmd/vanban wires them together.
package vanban

// Document types as Nghị định 30/2020/NĐ-CP names them.
const (
	TypePlan     = "Kế hoạch"
	TypeReport   = "Báo cáo"
	TypeDecision = "Quyết định"
	TypeLetter   = "Công văn"
	TypeNotice   = "Thông báo"
	TypeProposal = "Tờ trình"
)

// Document is one extracted plan, report or other administrative document:
// the file it came from, its metadata, its task rows and its report items.
// Its JSON form is the output of `vanban extract`.
type Document struct {
	ID          int64        `json:"id,omitempty"`
	File        string       `json:"file"`
	SHA256      string       `json:"sha256"`
	Format      string       `json:"format"` // "docx" or "pdf"
	Size        int64        `json:"size,omitempty"`
	Pages       int          `json:"pages"`
	Meta        Meta         `json:"doc"`
	Rows        []Task       `json:"rows"`
	ReportItems []ReportItem `json:"report_items"`
	// Text is the document's body text in reading order, for full-text
	// search and for rules that read prose (annual report date, report_to).
	Text     string   `json:"text,omitempty"`
	Warnings []string `json:"warnings"`
	// Confidence says how sure the reading of the document's tables is,
	// and why not surer; nil when the document has no table to read.
	Confidence *Confidence `json:"confidence,omitempty"`
	// OCR is set when some pages were scans read by OCR.
	OCR *OCRInfo `json:"ocr,omitempty"`
}

// OCRInfo says what of a document was read by OCR from scanned pages, and
// what a person should check.
type OCRInfo struct {
	Pages []OCRPage `json:"pages"`
	// Fields gives the confidence (0..1) of the metadata fields read by
	// OCR, by JSON name ("number", "date", "issuer", "title", "signer").
	Fields map[string]float64 `json:"fields,omitempty"`
	// Flagged lists the metadata fields a person should check.
	Flagged []OCRFlag `json:"flagged,omitempty"`
}

// OCRPage is one scanned page read by OCR.
type OCRPage struct {
	Page   int     `json:"page"`   // 1-based
	Source string  `json:"source"` // "jpeg", "ccitt", "flate", "render", "image"
	DPI    float64 `json:"dpi"`
	Words  int     `json:"words"`
	Conf   float64 `json:"conf"` // mean word confidence, 0..1
}

// OCRFlag is a metadata field that OCR could not read with confidence:
// empty, read with a low confidence, or taken from elsewhere (From: "ocr",
// "signature" — the signing tool's text layer —, "filename").
type OCRFlag struct {
	Field  string `json:"field"`
	From   string `json:"from"`
	Reason string `json:"reason"` // for the secretariat, in Vietnamese
}

// Confidence is how sure a reading is, from 0 (a guess) to 1 (certain),
// with the reasons it is not surer, in Vietnamese ("cột 4 không rõ là
// cột gì", "đoán dòng tiêu đề").
type Confidence struct {
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons,omitempty"`
}

// ReviewBelow is the confidence under which a reading is listed for a
// person to check (vanban docs --review, a mark on the web pages).
const ReviewBelow = 0.8

// Meta is the document-level reading of a document, per Nghị định
// 30/2020/NĐ-CP: type, number and symbol, issuer, place and date, title
// (trích yếu) and signer.
type Meta struct {
	DocType     string `json:"doc_type"`
	Number      string `json:"number"`    // "58"; empty for a draft
	Symbol      string `json:"symbol"`    // "KH-UBND"
	Reference   string `json:"reference"` // "58/KH-UBND"; empty for a draft
	Issuer      string `json:"issuer"`
	Place       string `json:"place"`
	Date        Date   `json:"date"`
	Title       string `json:"title"`
	Signer      string `json:"signer"`
	SignerTitle string `json:"signer_title"`
	// Cites lists the references of the documents this one cites, in
	// order of first appearance; for a report, the plan it reports on
	// comes first.
	Cites []string `json:"cites"`
	// Replaces lists the documents this one says it replaces or ends.
	Replaces []string `json:"replaces,omitempty"`
	// AnnualReportDue is the yearly report date the plan sets, "MM-DD".
	AnnualReportDue string `json:"annual_report_due,omitempty"`
	// ReportTo is the unit that collects the units' reports.
	ReportTo string `json:"report_to,omitempty"`
	// Answers is the document a report (or a letter) answers, as its
	// title or opening names it ("Báo cáo kết quả thực hiện Kế hoạch số
	// 58/KH-UBND ngày 20/3/2026 của UBND thành phố …"), not a document it
	// mentions in passing; nil when it names none.
	Answers *DocRef `json:"answers,omitempty"`
}

// DocRef names another document as a text does: by its type and number
// when the text gives them, else by its date, issuer and title.
type DocRef struct {
	Type      string `json:"type"`                // "Kế hoạch", "Công văn", "Giấy mời" …
	Reference string `json:"reference,omitempty"` // "58/KH-UBND"; empty when the text gives none
	Date      Date   `json:"date"`
	Issuer    string `json:"issuer,omitempty"`
	Title     string `json:"title,omitempty"` // its trích yếu, as quoted
}

// Section is a heading row of a plan's task table ("I", "TĂNG CƯỜNG …").
type Section struct {
	Numeral string `json:"numeral"`
	Title   string `json:"title"`
}

// Task is one row of a plan's task table, as written and as normalized.
type Task struct {
	ID             int64             `json:"id,omitempty"`
	Section        Section           `json:"section"`
	STT            string            `json:"stt"`
	Task           string            `json:"task"`
	ExpectedOutput string            `json:"expected_output"`
	Lead           string            `json:"lead"`
	Coordinators   string            `json:"coordinators"`
	Timeframe      string            `json:"timeframe"`
	Note           string            `json:"note"`
	Monitor        string            `json:"monitor,omitempty"`
	Extra          map[string]string `json:"extra,omitempty"`
	// OCR gives the confidence (0..1) of the cells read by OCR from a
	// scan, by JSON field name; nil for born-digital rows.
	OCR map[string]float64 `json:"ocr,omitempty"`

	// Normalized readings of the cells above (see package normalize).
	LeadParties        []Party     `json:"lead_parties,omitempty"`
	CoordinatorParties []Party     `json:"coordinator_parties,omitempty"`
	MonitorParties     []Party     `json:"monitor_parties,omitempty"`
	Milestones         []Milestone `json:"milestones,omitempty"`
	Targets            []Target    `json:"targets,omitempty"`
	// Unparsed names the cells no rule understood ("timeframe", …).
	Unparsed []string `json:"unparsed,omitempty"`
}

// PartyKind tells a named unit from an unnamed group of units.
type PartyKind string

const (
	KindUnit  PartyKind = "unit"  // Sở Tài chính
	KindGroup PartyKind = "group" // các sở, ban, ngành liên quan
)

// Party is one unit or group named in a lead or coordinators cell.
type Party struct {
	Name string    `json:"name"` // canonical name for a unit, as written for a group
	Kind PartyKind `json:"kind"`
	// AliasOf is the name as written when it differs from Name (an
	// abbreviation, an old department name merged into a new one).
	AliasOf string `json:"alias_of,omitempty"`
}

// Role is a party's role on a task.
type Role string

const (
	RoleLead       Role = "lead"
	RoleCoordinate Role = "coordinate"
	RoleMonitor    Role = "monitor"
)

// Label names the role in Vietnamese, as a column title writes it.
func (r Role) Label() string {
	switch r {
	case RoleLead:
		return "Chủ trì"
	case RoleCoordinate:
		return "Phối hợp"
	case RoleMonitor:
		return "Theo dõi"
	}
	return string(r)
}

// Recurrence of a milestone.
type Recurrence string

const (
	Once       Recurrence = ""
	Yearly     Recurrence = "yearly"
	HalfYearly Recurrence = "half-yearly"
	Quarterly  Recurrence = "quarterly"
	Monthly    Recurrence = "monthly"
	Weekly     Recurrence = "weekly"
	Continuous Recurrence = "continuous"
)

// Milestone is one dated step read from a timeframe cell.
type Milestone struct {
	Action     string     `json:"action"`     // verb phrase it applies to; may be empty
	Start      Date       `json:"start"`      // start of the named period
	Due        Date       `json:"due"`        // end of the named period
	Recurrence Recurrence `json:"recurrence"` // empty for a one-off
	// YearlyDue is "MM-DD" inside each period for recurring milestones
	// (inside each month, "DD", for monthly ones).
	YearlyDue string `json:"yearly_due"`
	Condition string `json:"condition"` // precondition text, if any
	// Cites lists documents the cell refers to for its dates.
	Cites []string `json:"cites,omitempty"`
}

// Target is one measurable target read from an expected-output cell.
type Target struct {
	Op     string  `json:"op"` // ">", ">=" or "="
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Per    string  `json:"per"`     // "năm", "tháng" or empty
	ByYear int     `json:"by_year"` // 0 when none is named
}

// ReportItem is one item of a unit's report: a row of its results table,
// or a numbered heading of a prose report with the text under it.
type ReportItem struct {
	STT        string `json:"stt"`
	Task       string `json:"task"`
	Role       string `json:"role"`
	Result     string `json:"result"`
	StatusText string `json:"status_text"`
	// Section is the group row or heading the item sits under.
	Section string `json:"section,omitempty"`
	// PlanSTT is the plan's task number a column gives beside the
	// report's own running number ("3.14", "II.2").
	PlanSTT string `json:"plan_stt,omitempty"`
	// Unit is the responsible unit a column names, when the report
	// gives one per row.
	Unit string `json:"unit,omitempty"`
	// Difficulty and Proposal are the row's "khó khăn, vướng mắc" and
	// "đề xuất, kiến nghị", when the report has such columns.
	Difficulty string `json:"difficulty,omitempty"`
	Proposal   string `json:"proposal,omitempty"`
	// OCR as for Task.OCR.
	OCR map[string]float64 `json:"ocr,omitempty"`
}
