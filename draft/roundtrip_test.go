package draft

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"vanban"
	"vanban/crosscheck"
	"vanban/extract"
	"vanban/extract/docx"
	"vanban/extract/layout"
	"vanban/normalize"
)

// reread extracts a drafted document as the pipeline reads any file.
func reread(t *testing.T, data []byte) *vanban.Document {
	t.Helper()
	doc, err := extract.Bytes(context.Background(), "drafted.docx", data)
	if err != nil {
		t.Fatalf("extractor cannot read the drafted document: %v", err)
	}
	normalize.Document(doc, normalize.DefaultAliases())
	return doc
}

// oneLine joins a cell's lines as the extractor does.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

const (
	wantIssuer   = "Sở Khoa học và Công nghệ" // plan 58's report_to unit
	wantPlanCite = "Kế hoạch số 58/KH-UBND ngày 20/03/2026 của Ủy ban nhân dân thành phố"
)

// checkMeta checks what every drafted document must read back as.
func checkMeta(t *testing.T, m vanban.Meta, docType, symbol, title string) {
	t.Helper()
	checks := []struct{ field, got, want string }{
		{"doc_type", m.DocType, docType},
		{"issuer", m.Issuer, wantIssuer},
		{"title", m.Title, title},
		{"symbol", m.Symbol, symbol},
		{"number", m.Number, ""},
		{"place", m.Place, "Hải Phòng"},
		{"date", m.Date.String(), "2027-01-05"},
		{"signer_title", m.SignerTitle, "Giám đốc"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if len(m.Cites) == 0 || m.Cites[0] != "58/KH-UBND" {
		t.Errorf("cites = %v, want 58/KH-UBND first", m.Cites)
	}
}

func TestReminderRoundTrip(t *testing.T) {
	c := readCorpus(t)
	// The keys follow gold crosscheck.json: a unit that sent no report is
	// reminded of all its tasks, one that did of the tasks it left out
	// or let pass their date.
	cases := []struct {
		units []string
		keys  []string
	}{
		{[]string{"Sở Nội vụ"}, []string{"2.3", "3.3"}},
		{[]string{"Sở Tài chính"}, []string{"8.8"}},
		{[]string{"Ban Quản lý khu kinh tế"}, []string{"9.4"}},
		{[]string{"Sở Ngoại vụ", "Công an thành phố"}, []string{"9.2", "10.7"}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.units, "+"), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Reminder(&buf, c.request(tc.units...)); err != nil {
				t.Fatal(err)
			}
			checkWellFormed(t, buf.Bytes())
			doc := reread(t, buf.Bytes())
			checkMeta(t, doc.Meta, vanban.TypeLetter, "SKHCN", "đôn đốc thực hiện "+wantPlanCite)
			want := reminderRows(t, c.result, tc.units)
			if got := rowKeys(doc.Rows); fmt.Sprint(got) != fmt.Sprint(tc.keys) {
				t.Fatalf("task table keys %v, want %v", got, tc.keys)
			}
			for i, row := range doc.Rows {
				w := want[i]
				if row.Task != oneLine(w.Task) || row.Timeframe != oneLine(deadline(w.TaskResult)) ||
					row.Extra["Tình hình báo cáo"] != oneLine(stateText(w.TaskResult)) || row.Section.Title != w.section {
					t.Errorf("row %d reads %q | %q | %q | section %q\nwant %q | %q | %q | section %q", i,
						row.Task, row.Timeframe, row.Extra["Tình hình báo cáo"], row.Section.Title,
						w.Task, deadline(w.TaskResult), stateText(w.TaskResult), w.section)
				}
			}
			for _, unit := range tc.units {
				if !strings.Contains(doc.Text, unit) {
					t.Errorf("text does not name %s", unit)
				}
			}
			if !strings.Contains(doc.Text, "trước ngày 12/01/2027") {
				t.Errorf("text asks for no reply date 12/01/2027 (as-of 31/12/2026, dated 05/01/2027, 7 days)")
			}
		})
	}
}

// wantRow is a task the cross-check lists for a unit, with the group row
// it stands under.
type wantRow struct {
	crosscheck.TaskResult
	section string
}

// reminderRows lists, from the cross-check itself, the tasks each unit
// has not reported on or let pass their date, under the unit's name when
// there are several units.
func reminderRows(t *testing.T, r *crosscheck.Result, units []string) []wantRow {
	t.Helper()
	var out []wantRow
	for _, name := range units {
		u := r.Unit(name)
		if u == nil {
			t.Fatalf("cross-check has no unit %s", name)
		}
		section := ""
		if len(units) > 1 {
			section = name
		}
		for _, tr := range append(append([]crosscheck.TaskResult{}, u.Lead...), u.Coordinate...) {
			if tr.Status == vanban.TaskNotReported || tr.Overdue {
				out = append(out, wantRow{tr, section})
			}
		}
	}
	return out
}

func rowKeys(rows []vanban.Task) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.STT)
	}
	return out
}

func TestReminderDefaultsToEveryUnitButTheIssuer(t *testing.T) {
	c := readCorpus(t)
	var buf bytes.Buffer
	if err := Reminder(&buf, c.request()); err != nil {
		t.Fatal(err)
	}
	doc := reread(t, buf.Bytes())
	var sections []string
	for _, r := range doc.Rows {
		if n := len(sections); n == 0 || sections[n-1] != r.Section.Title {
			sections = append(sections, r.Section.Title)
		}
	}
	var want []string
	for _, u := range c.result.Units {
		if u.Unit == wantIssuer {
			continue
		}
		if len(reminderRows(t, c.result, []string{u.Unit})) > 0 {
			want = append(want, u.Unit)
		}
	}
	if fmt.Sprint(sections) != fmt.Sprint(want) || len(want) != 8 {
		t.Errorf("reminded units %q, want the 8 units other than the issuer with tasks to report: %q", sections, want)
	}
}

func TestReminderErrors(t *testing.T) {
	c := readCorpus(t)
	cases := []struct {
		name  string
		units []string
		want  string
	}{
		{"unknown unit", []string{"Sở Du lịch"}, `không giao nhiệm vụ cho "Sở Du lịch"`},
		{"nothing to remind", nil, ErrNothingToRemind.Error()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := c.request(tc.units...)
			if tc.units == nil {
				req.Result = doneResult()
			}
			err := Reminder(&bytes.Buffer{}, req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// doneResult is a cross-check in which the only unit reported its only
// task done on time.
func doneResult() *crosscheck.Result {
	report := crosscheck.ReportInfo{Key: "7/BC-STC", Reference: "7/BC-STC", Date: vanban.D(2026, 12, 1), Status: vanban.ReportOnTime, Counted: true, Unit: "Sở Tài chính"}
	return &crosscheck.Result{
		Plan: "58/KH-UBND", PlanDate: vanban.D(2026, 3, 20), AsOf: asOf, ReportDue: vanban.D(2026, 12, 15),
		Units: []crosscheck.UnitResult{{
			Unit: "Sở Tài chính", Report: &report, Status: vanban.ReportOnTime, Reports: []crosscheck.ReportInfo{report},
			Lead: []crosscheck.TaskResult{{Key: "1.1", STT: "1.1", Task: "Bố trí kinh phí", Role: vanban.RoleLead,
				Status: vanban.TaskDone, State: vanban.DoneOnTime}},
		}},
		Reports: []crosscheck.ReportInfo{report}, Overdue: []crosscheck.OverdueTask{},
	}
}

func TestSummaryRoundTrip(t *testing.T) {
	c := readCorpus(t)
	var buf bytes.Buffer
	if err := Summary(&buf, c.request()); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, buf.Bytes())
	doc := reread(t, buf.Bytes())
	checkMeta(t, doc.Meta, vanban.TypeReport, "BC-SKHCN", "Tổng hợp tình hình thực hiện "+wantPlanCite+" năm 2026")

	// The overdue table reads back as the cross-check's overdue tasks.
	r := c.result
	if len(doc.Rows) != len(r.Overdue) || len(r.Overdue) == 0 {
		t.Fatalf("overdue table has %d rows, cross-check %d overdue tasks", len(doc.Rows), len(r.Overdue))
	}
	for i, row := range doc.Rows {
		o := r.Overdue[i]
		if row.STT != o.Key || row.Task != oneLine(o.Task) || row.Lead != oneLine(o.Lead) || row.Timeframe != o.Due.VN() {
			t.Errorf("overdue row %d reads %s %q %q %q, want %s %q %q %q", i, row.STT, row.Task, row.Lead, row.Timeframe, o.Key, o.Task, o.Lead, o.Due.VN())
		}
	}

	// The statistics tables hold the cross-check's figures.
	tables := layoutTables(t, buf.Bytes())
	checkUnitTable(t, tableWith(t, tables, "Cơ quan, đơn vị"), r)
	checkStateTable(t, tableWith(t, tables, "Số lượt nhiệm vụ"), r)

	// So do the sentences.
	reported, missing := 0, 0
	for _, u := range r.Units {
		if u.Report != nil {
			reported++
		} else {
			missing++
		}
	}
	for _, s := range []string{
		fmt.Sprintf("đã nhận được báo cáo của %d/%d cơ quan, đơn vị (đạt %s%%)", reported, len(r.Units), percent(reported, len(r.Units))),
		fmt.Sprintf("còn %02d cơ quan, đơn vị chưa gửi báo cáo", missing),
		fmt.Sprintf("có %d nhiệm vụ đã quá thời hạn thực hiện", len(r.Overdue)),
		"Ban Quản lý khu kinh tế (Báo cáo số 1876/BC-BQL ngày 20/12/2026)",
	} {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	if reported != 2 || missing != 7 {
		t.Errorf("corpus reads %d reported, %d missing; gold has 2 and 7", reported, missing)
	}
}

// layoutTables reads the document's tables with vanban's DOCX reader.
func layoutTables(t *testing.T, data []byte) []*layout.Table {
	t.Helper()
	ld, err := docx.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var out []*layout.Table
	for _, b := range ld.Blocks {
		if b.Table != nil {
			out = append(out, b.Table)
		}
	}
	return out
}

// tableWith returns the ruled table whose first row has a cell titled
// title.
func tableWith(t *testing.T, tables []*layout.Table, title string) *layout.Table {
	t.Helper()
	for _, tb := range tables {
		for _, c := range tb.Rows[0].Cells {
			if tb.Ruled && c.Text() == title {
				return tb
			}
		}
	}
	t.Fatalf("no table with a column %q", title)
	return nil
}

// cells returns a row's texts.
func cells(r layout.Row) []string {
	out := []string{}
	for _, c := range r.Cells {
		out = append(out, c.Text())
	}
	return out
}

// checkUnitTable compares the table per unit with the units' counts.
func checkUnitTable(t *testing.T, tb *layout.Table, r *crosscheck.Result) {
	t.Helper()
	body := tb.Rows[1:]
	if len(body) != len(r.Units)+1 {
		t.Fatalf("unit table has %d rows, want %d units and a total", len(body), len(r.Units))
	}
	var total [6]int
	for i, u := range r.Units {
		n := u.Count()
		overdue := 0
		for _, tr := range u.Tasks() {
			if tr.Overdue {
				overdue++
			}
		}
		figs := [6]int{len(u.Tasks()), n[vanban.DoneOnTime] + n[vanban.DoneLate],
			n[vanban.InProgressOnTime] + n[vanban.InProgressLate], n[vanban.NotStartedState],
			n[vanban.NotReportedState], overdue}
		want := []string{fmt.Sprint(i + 1), u.Unit, oneLine(reportCell(&u))}
		for k, f := range figs {
			want = append(want, fmt.Sprint(f))
			total[k] += f
		}
		if got := cells(body[i]); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("unit row %d = %q, want %q", i, got, want)
		}
	}
	want := []string{"Tổng cộng"}
	for _, f := range total {
		want = append(want, fmt.Sprint(f))
	}
	if got := cells(body[len(body)-1]); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("total row = %q, want %q", got, want)
	}
}

// checkStateTable compares the table per state with the units' counts.
func checkStateTable(t *testing.T, tb *layout.Table, r *crosscheck.Result) {
	t.Helper()
	byState := map[vanban.TaskState]int{}
	all := 0
	for _, u := range r.Units {
		for s, n := range u.Count() {
			byState[s] += n
			all += n
		}
	}
	body := tb.Rows[1:]
	if len(body) != len(vanban.TaskStates)+1 {
		t.Fatalf("state table has %d rows, want %d states and a total", len(body), len(vanban.TaskStates))
	}
	for i, s := range vanban.TaskStates {
		want := []string{fmt.Sprint(i + 1), capitalize(string(s)), fmt.Sprint(byState[s]), percent(byState[s], all)}
		if got := cells(body[i]); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("state row %d = %q, want %q", i, got, want)
		}
	}
	if got := cells(body[len(body)-1]); fmt.Sprint(got) != fmt.Sprint([]string{"Tổng cộng", fmt.Sprint(all), "100"}) {
		t.Errorf("total row = %q, want %d tasks, 100%%", got, all)
	}
}

// TestSummaryAllReported drafts the summary of a cross-check without the
// shared material: every unit reported on time, nothing overdue, so the
// overdue table goes and the sentences say so.
func TestSummaryAllReported(t *testing.T) {
	var buf bytes.Buffer
	req := Request{Plan: plan58, Result: doneResult(), Settings: Settings{Signer: "Nguyễn Văn An", SignerTitle: "Phó Giám đốc"}}
	if err := Summary(&buf, req); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, buf.Bytes())
	doc := reread(t, buf.Bytes())
	if len(doc.Rows) != 0 || strings.Contains(doc.Text, "Bảng 3") {
		t.Errorf("an overdue table without overdue tasks: %d rows", len(doc.Rows))
	}
	for _, s := range []string{
		"đã nhận được báo cáo của 1/1 cơ quan, đơn vị (đạt 100%), trong đó tất cả đều gửi đúng hạn.",
		"không có nhiệm vụ nào quá thời hạn thực hiện",
		"Tất cả cơ quan, đơn vị được giao nhiệm vụ đã gửi báo cáo.",
		"Không có cơ quan, đơn vị gửi báo cáo sau thời hạn.",
		"- Hoàn thành: 01 lượt (100%), đều đúng hạn;",
	} {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	m := doc.Meta
	if m.Date.IsZero() == false || m.Place != "Hải Phòng" || m.Signer != "Nguyễn Văn An" || m.SignerTitle != "Phó Giám đốc" {
		t.Errorf("undated draft reads date %v, place %q, signer %q %q", m.Date, m.Place, m.Signer, m.SignerTitle)
	}
	if !strings.Contains(doc.Text, "KT. GIÁM ĐỐC") {
		t.Errorf("a deputy signs without KT.")
	}
}

// TestSummaryNoUnits drafts the summary of a plan that names no unit: the
// document is still whole and says so.
func TestSummaryNoUnits(t *testing.T) {
	r := &crosscheck.Result{Plan: "12/KH-UBND", AsOf: asOf, ReportDue: vanban.D(2026, 12, 31), Overdue: []crosscheck.OverdueTask{}}
	var buf bytes.Buffer
	if err := Summary(&buf, Request{Plan: vanban.Meta{Issuer: "Ủy ban nhân dân tỉnh Lâm Đồng", Place: "Lâm Đồng"}, Result: r}); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, buf.Bytes())
	doc := reread(t, buf.Bytes())
	if doc.Meta.DocType != vanban.TypeReport || doc.Meta.Issuer != "Ủy ban nhân dân tỉnh Lâm Đồng" || !strings.Contains(doc.Text, "không giao nhiệm vụ cho cơ quan, đơn vị nào") {
		t.Errorf("reads %+v\n%s", doc.Meta, doc.Text)
	}
	if err := Reminder(&bytes.Buffer{}, Request{Plan: vanban.Meta{Issuer: "Ủy ban nhân dân tỉnh Lâm Đồng"}, Result: r}); !errors.Is(err, ErrNothingToRemind) {
		t.Errorf("reminder without units: %v, want ErrNothingToRemind", err)
	}
}
