package app

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"vanban"
)

// Table is one sheet of an exported workbook: a title line above a frozen
// header row, then the rows. A vanban.Date cell is written as a real
// Excel date (a serial number shown dd/mm/yyyy), so the sheet sorts and
// filters by it; a zero date is an empty cell.
type Table struct {
	Sheet   string
	Title   string
	Headers []string
	Widths  []float64 // column widths in characters; missing ones stay default
	Rows    [][]any
}

// tableHeaderRow is the row of a table's header: its title is above it.
const tableHeaderRow = 3

// WriteTables writes the tables as one workbook whose properties name
// vanban as the author and now as its creation time.
func WriteTables(w io.Writer, now time.Time, title string, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newTableStyles(f)
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.Sheet)
		} else {
			_, err = f.NewSheet(t.Sheet)
		}
		if err != nil {
			return err
		}
		if err := writeTable(f, st, t); err != nil {
			return err
		}
	}
	stamp := now.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "vanban", LastModifiedBy: "vanban", Title: title, Created: stamp, Modified: stamp, Language: "vi-VN",
	}); err != nil {
		return err
	}
	return f.Write(w)
}

type tableStyles struct{ title, header, cell, date int }

func newTableStyles(f *excelize.File) (*tableStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	dateFmt := "dd/mm/yyyy"
	var st tableStyles
	var err error
	for _, s := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&st.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BDD7EE"}}}},
		{&st.cell, &excelize.Style{Border: border, Alignment: wrap}},
		{&st.date, &excelize.Style{Border: border, Alignment: wrap, CustomNumFmt: &dateFmt}},
	} {
		if *s.id, err = f.NewStyle(s.style); err != nil {
			return nil, err
		}
	}
	return &st, nil
}

func writeTable(f *excelize.File, st *tableStyles, t Table) error {
	set := func(col, row int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(t.Sheet, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(t.Sheet, cell, cell, style)
	}
	if err := set(1, 1, t.Title, st.title); err != nil {
		return err
	}
	for i, h := range t.Headers {
		if err := set(i+1, tableHeaderRow, h, st.header); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, v := range row {
			v, style := cellValue(v, st)
			if err := set(c+1, tableHeaderRow+1+r, v, style); err != nil {
				return err
			}
		}
	}
	for i, wd := range t.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(t.Sheet, col, col, wd); err != nil {
			return err
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, tableHeaderRow+1)
	return f.SetPanes(t.Sheet, &excelize.Panes{Freeze: true, YSplit: tableHeaderRow, TopLeftCell: top, ActivePane: "bottomLeft"})
}

// cellValue turns a vanban.Date into a time Excel stores as a date
// serial; other values are written as they are.
func cellValue(v any, st *tableStyles) (any, int) {
	if d, ok := v.(vanban.Date); ok {
		if d.IsZero() {
			return "", st.cell
		}
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), st.date
	}
	return v, st.cell
}

// RecurrenceLabel says a recurrence in Vietnamese ("hằng năm"); "" for a
// one-off milestone.
func RecurrenceLabel(r vanban.Recurrence) string {
	return recurrenceWords[r]
}

var recurrenceWords = map[vanban.Recurrence]string{
	vanban.Yearly: "hằng năm", vanban.HalfYearly: "6 tháng một lần", vanban.Quarterly: "hằng quý",
	vanban.Monthly: "hằng tháng", vanban.Weekly: "hằng tuần", vanban.Continuous: "thường xuyên",
}

// DueHeaders are the columns of the deadlines workbook.
var DueHeaders = []string{"STT", "Hạn", "Đơn vị", "Vai trò", "Kế hoạch", "Nhiệm vụ số", "Nhiệm vụ", "Thời gian thực hiện", "Lặp lại", "Tình trạng", "Tình trạng báo cáo", "Báo cáo"}

var dueWidths = []float64{6, 12, 32, 10, 16, 10, 70, 28, 14, 26, 18, 16}

// WriteDueXLSX writes the deadlines list as a workbook: a sheet of the
// overdue tasks and one of the milestones due in the window.
func WriteDueXLSX(w io.Writer, l *DueList, now time.Time) error {
	title := fmt.Sprintf("Các mốc đến hạn từ %s đến %s", l.From.VN(), l.To.VN())
	if l.Unit != "" {
		title += " — " + l.Unit
	}
	return WriteTables(w, now, title,
		Table{Sheet: "Quá hạn", Title: fmt.Sprintf("Nhiệm vụ quá hạn tính đến ngày %s", l.From.VN()), Headers: DueHeaders, Widths: dueWidths, Rows: dueRows(l.Overdue)},
		Table{Sheet: "Đến hạn", Title: title, Headers: DueHeaders, Widths: dueWidths, Rows: dueRows(l.Upcoming)},
	)
}

func dueRows(items []DueItem) [][]any {
	rows := make([][]any, 0, len(items))
	for i, it := range items {
		report := ""
		if it.Report != nil {
			report = it.Report.Reference
		}
		task := it.Task
		if it.Action != "" && !strings.Contains(it.Task, it.Action) {
			task = it.Action + " — " + it.Task
		}
		rows = append(rows, []any{i + 1, it.Due, it.Unit, it.Role.Label(), it.Plan, it.STT, task, it.Timeframe,
			RecurrenceLabel(it.Recurrence), capitalizeFirst(string(it.State)), capitalizeFirst(reportLabel(it.ReportStatus)), report})
	}
	return rows
}

func reportLabel(s vanban.ReportStatus) string {
	if s == "" {
		return ""
	}
	return s.Label()
}

func capitalizeFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// TaskHeaders are the columns of a unit's tasks workbook.
var TaskHeaders = []string{"STT", "Kế hoạch", "Nhiệm vụ số", "Nhiệm vụ", "Thời gian thực hiện", "Hạn", "Hạn tới", "Lặp lại", "Tình trạng", "Quá hạn", "Kết quả báo cáo"}

var taskWidths = []float64{6, 16, 10, 70, 28, 12, 12, 14, 26, 9, 50}

// WriteUnitTasksXLSX writes a unit's tasks as of asOf: a sheet of those it
// leads and one of those it coordinates.
func WriteUnitTasksXLSX(w io.Writer, u *UnitTasks, asOf vanban.Date, now time.Time) error {
	title := fmt.Sprintf("Nhiệm vụ của %s tính đến ngày %s", u.Unit, asOf.VN())
	return WriteTables(w, now, title,
		Table{Sheet: "Chủ trì", Title: title + " — chủ trì", Headers: TaskHeaders, Widths: taskWidths, Rows: taskRows(u.Lead)},
		Table{Sheet: "Phối hợp", Title: title + " — phối hợp", Headers: TaskHeaders, Widths: taskWidths, Rows: taskRows(u.Coordinate)},
	)
}

func taskRows(ts []TaskCheck) [][]any {
	rows := make([][]any, 0, len(ts))
	for i, t := range ts {
		late := ""
		if t.Overdue {
			late = "Quá hạn"
		}
		rows = append(rows, []any{i + 1, t.Plan, t.STT, t.Task, t.Timeframe, t.Due, t.Next, RecurrenceLabel(t.Recurrence),
			capitalizeFirst(string(t.State)), late, t.Result})
	}
	return rows
}

// SearchHeaders are the columns of a search results workbook.
var SearchHeaders = []string{"STT", "Văn bản", "Loại", "Ngày văn bản", "Nhiệm vụ số", "Mục", "Chủ trì", "Hạn", "Thời gian thực hiện", "Nội dung"}

var searchWidths = []float64{6, 16, 12, 12, 10, 30, 28, 14, 28, 80}

// WriteSearchXLSX writes the hits of a search, the query in the title.
func WriteSearchXLSX(w io.Writer, query string, res *SearchResult, now time.Time) error {
	title := fmt.Sprintf("Kết quả tìm kiếm “%s”: %d kết quả", query, res.Total)
	rows := make([][]any, 0, len(res.Hits))
	for i, h := range res.Hits {
		var due any = h.Due
		if h.DueLabel != "" {
			due = h.DueLabel
		}
		rows = append(rows, []any{i + 1, h.Reference, h.DocType, h.DocDate, h.STT, h.Section, h.Lead, due, h.Timeframe, h.Text.Text})
	}
	return WriteTables(w, now, title, Table{Sheet: "Kết quả", Title: title, Headers: SearchHeaders, Widths: searchWidths, Rows: rows})
}
