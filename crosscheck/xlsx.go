package crosscheck

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"vanban"
)

// Workbook layout: a summary sheet and one sheet per unit, each with a
// title block above a frozen header row.
const (
	SummarySheet = "Tổng hợp"
	// summaryHeaderRow and unitHeaderRow are the rows of the header.
	summaryHeaderRow = 3
	unitHeaderRow    = 2
)

// SummaryHeaders and UnitHeaders are the column headers of the sheets.
var (
	SummaryHeaders = append([]string{"STT", "Đơn vị", "Số báo cáo", "Ngày báo cáo", "Tình trạng báo cáo", "Số nhiệm vụ"}, stateHeaders()...)
	UnitHeaders    = []string{"STT", "Nhiệm vụ", "Vai trò", "Thời hạn", "Tình trạng", "Kết quả thực hiện", "Báo cáo", "Ghi chú"}
	summaryWidths  = []float64{6, 38, 16, 14, 18, 11, 13, 13, 13, 13, 13, 13}
	unitWidths     = []float64{7, 60, 11, 24, 24, 60, 16, 22}
)

func stateHeaders() []string {
	out := make([]string, len(vanban.TaskStates))
	for i, s := range vanban.TaskStates {
		out[i] = capitalize(string(s))
	}
	return out
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// stateColors are the fills of the state cells: green done, amber done
// late, blue in progress, orange in progress late, red not started, grey
// not reported, pale yellow reported without a progress.
var stateColors = map[vanban.TaskState]string{
	vanban.DoneOnTime: "C6EFCE", vanban.DoneLate: "E2EFDA", vanban.InProgressOnTime: "DDEBF7",
	vanban.InProgressLate: "FCE4D6", vanban.NotStartedState: "FFC7CE", vanban.UnclearState: "FFF2CC",
	vanban.NotReportedState: "D9D9D9",
}

var reportColors = map[vanban.ReportStatus]string{vanban.ReportOnTime: "C6EFCE", vanban.ReportLate: "FFEB9C", vanban.ReportMissing: "FFC7CE"}

// styles are the workbook's cell styles, made once.
type styles struct {
	title, header, cell, center int
	state                       map[vanban.TaskState]int
	report                      map[vanban.ReportStatus]int
}

// WriteXLSX writes r as an Excel workbook the secretariat can forward: a
// summary sheet (one row per unit: report number and date, on time or
// late, task counts per state) and one sheet per unit (its tasks with
// number, content, role, deadline, state and result).
func (r *Result) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SummarySheet); err != nil {
		return err
	}
	if err := r.writeSummarySheet(f, st); err != nil {
		return err
	}
	for i, name := range SheetNames(r) {
		if err := r.writeUnitSheet(f, st, name, &r.Units[i]); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	center := &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "center"}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	st := &styles{state: map[vanban.TaskState]int{}, report: map[vanban.ReportStatus]int{}}
	var errs []error
	add := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		errs = append(errs, err)
		return id
	}
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("BDD7EE"), Border: border, Alignment: center})
	st.cell = add(&excelize.Style{Border: border, Alignment: wrap})
	st.center = add(&excelize.Style{Border: border, Alignment: center})
	for s, c := range stateColors {
		st.state[s] = add(&excelize.Style{Border: border, Alignment: center, Fill: fill(c)})
	}
	for s, c := range reportColors {
		st.report[s] = add(&excelize.Style{Border: border, Alignment: center, Fill: fill(c)})
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return st, nil
}

// sheetWriter writes cells of one sheet, keeping the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (s *sheetWriter) set(col, row int, v any, style int) {
	if s.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err == nil {
		err = s.f.SetCellValue(s.sheet, cell, v)
	}
	if err == nil && style != 0 {
		err = s.f.SetCellStyle(s.sheet, cell, cell, style)
	}
	s.err = err
}

// layout sizes the columns and freezes the rows down to header.
func (s *sheetWriter) layout(widths []float64, header int) {
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if s.err == nil {
			s.err = s.f.SetColWidth(s.sheet, col, col, wd)
		}
	}
	if s.err == nil {
		s.err = s.f.SetPanes(s.sheet, &excelize.Panes{
			Freeze: true, YSplit: header, TopLeftCell: fmt.Sprintf("A%d", header+1), ActivePane: "bottomLeft",
		})
	}
}

func (r *Result) writeSummarySheet(f *excelize.File, st *styles) error {
	s := &sheetWriter{f: f, sheet: SummarySheet}
	s.set(1, 1, "KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ "+r.Plan+planDateVN(r.PlanDate), st.title)
	s.set(1, 2, fmt.Sprintf("Tính đến ngày %s; hạn báo cáo năm %d: %s", r.AsOf.VN(), r.AsOf.Year, r.ReportDue.VN()), 0)
	for i, h := range SummaryHeaders {
		s.set(i+1, summaryHeaderRow, h, st.header)
	}
	for i := range r.Units {
		u := &r.Units[i]
		row := summaryHeaderRow + 1 + i
		ref, date := "", ""
		if u.Report != nil {
			ref, date = u.Report.Key, u.Report.Date.VN()
		}
		n := u.Count()
		vals := []any{i + 1, u.Unit, ref, date, capitalize(u.Status.Label()), len(u.Tasks())}
		for _, state := range vanban.TaskStates {
			vals = append(vals, n[state])
		}
		for c, v := range vals {
			style := st.center
			switch {
			case c == 1:
				style = st.cell
			case c == 4:
				style = st.report[u.Status]
			case c >= 6 && n[vanban.TaskStates[c-6]] > 0:
				style = st.state[vanban.TaskStates[c-6]]
			}
			s.set(c+1, row, v, style)
		}
	}
	s.layout(summaryWidths, summaryHeaderRow)
	return s.err
}

func planDateVN(d vanban.Date) string {
	if d.IsZero() {
		return ""
	}
	return " NGÀY " + d.VN()
}

func (r *Result) writeUnitSheet(f *excelize.File, st *styles, sheet string, u *UnitResult) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	s := &sheetWriter{f: f, sheet: sheet}
	title := u.Unit + " — chưa báo cáo"
	if u.Report != nil {
		title = fmt.Sprintf("%s — Báo cáo số %s%s (%s)", u.Unit, u.Report.Key, onDate(u.Report.Date), u.Status.Label())
	}
	s.set(1, 1, title, st.title)
	for i, h := range UnitHeaders {
		s.set(i+1, unitHeaderRow, h, st.header)
	}
	for i, t := range u.Tasks() {
		row := unitHeaderRow + 1 + i
		for c, v := range unitRow(t) {
			style := st.cell
			switch c {
			case 0, 2, 6:
				style = st.center
			case 4:
				style = st.state[t.State]
			}
			s.set(c+1, row, v, style)
		}
	}
	s.layout(unitWidths, unitHeaderRow)
	return s.err
}

// unitRow returns the cells of one task row of a unit sheet, in the order
// of UnitHeaders.
func unitRow(t TaskResult) []string {
	deadline := t.Timeframe
	if !t.Due.IsZero() {
		deadline += " (hạn " + t.Due.VN() + ")"
	}
	var notes []string
	if t.Overdue {
		notes = append(notes, "Quá hạn")
	}
	if t.Report != "" && t.Confidence < 1 {
		notes = append(notes, "Độ tin cậy khớp "+decimalVN(t.Confidence))
	}
	return []string{
		t.Key, t.Task, t.Role.Label(), strings.TrimSpace(deadline), capitalize(string(t.State)),
		t.Result, t.Report, strings.Join(notes, "; "),
	}
}

// SheetNames returns the sheet name of each unit of r, in order: the unit
// name, shortened to Excel's 31 characters with the usual abbreviations
// and made unique.
func SheetNames(r *Result) []string {
	used := map[string]bool{strings.ToLower(SummarySheet): true}
	out := make([]string, len(r.Units))
	for i, u := range r.Units {
		name := sheetName(u.Unit)
		base := name
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := fmt.Sprintf(" (%d)", k)
			name = truncateRunes(base, 31-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// sheetAbbreviations shorten the long words of unit names, longest first.
var sheetAbbreviations = []struct{ long, short string }{
	{"Văn hóa, Thể thao và Du lịch", "VHTTDL"},
	{"Mặt trận Tổ quốc Việt Nam", "MTTQ Việt Nam"},
	{"Khoa học và Công nghệ", "KH&CN"},
	{"Ủy ban nhân dân", "UBND"},
	{"thành phố", "TP"},
}

func sheetName(unit string) string {
	name := norm.NFC.String(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) {
			return ' '
		}
		return r
	}, unit))
	name = strings.Join(strings.Fields(name), " ")
	for _, a := range sheetAbbreviations {
		if len([]rune(name)) <= 31 {
			break
		}
		name = strings.ReplaceAll(name, a.long, a.short)
	}
	if name == "" {
		name = "Đơn vị"
	}
	return truncateRunes(name, 31)
}

// truncateRunes cuts s to n runes, at a word boundary when it can.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut)
}
