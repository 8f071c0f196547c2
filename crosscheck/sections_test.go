package crosscheck

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanban"
	"vanban/extract"
	"vanban/internal/sharedtest"
	"vanban/normalize"
)

// sectionedPlan is a plan whose two sections each number their tasks
// from 1, as many provincial plans do. Sở Nội vụ leads I.2, II.1 and
// II.2; I.2 and II.2 are worded alike and fall due mid-year.
func sectionedPlan() *vanban.Document {
	snv := []vanban.Party{{Name: "Sở Nội vụ", Kind: vanban.KindUnit}}
	stp := []vanban.Party{{Name: "Sở Tư pháp", Kind: vanban.KindUnit}}
	one := vanban.Section{Numeral: "I", Title: "CẢI CÁCH THỂ CHẾ"}
	two := vanban.Section{Numeral: "II", Title: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"}
	mid := []vanban.Milestone{{Start: vanban.D(2026, 1, 1), Due: vanban.D(2026, 6, 30)}}
	return &vanban.Document{
		Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: "12/KH-UBND", Date: vanban.D(2026, 1, 10), AnnualReportDue: "12-15"},
		Rows: []vanban.Task{
			{Section: one, STT: "1", Task: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", LeadParties: stp},
			{Section: one, STT: "2", Task: "Kiểm tra công tác xây dựng và thi hành văn bản pháp luật tại các cơ quan, địa phương",
				LeadParties: snv, Milestones: mid, Timeframe: "Quý II/2026"},
			{Section: two, STT: "1", Task: "Công bố, công khai danh mục thủ tục hành chính trên cổng dịch vụ công", LeadParties: snv},
			{Section: two, STT: "2", Task: "Kiểm tra công tác giải quyết thủ tục hành chính tại các cơ quan, địa phương",
				LeadParties: snv, Milestones: mid, Timeframe: "Quý II/2026"},
		},
	}
}

// snvReport is Sở Nội vụ's report on sectionedPlan with the items given.
func snvReport(items ...vanban.ReportItem) *vanban.Document {
	return &vanban.Document{
		Meta: vanban.Meta{DocType: vanban.TypeReport, Reference: "90/BC-SNV", Issuer: "Sở Nội vụ", Date: vanban.D(2026, 12, 1),
			Title: "Báo cáo kết quả thực hiện Kế hoạch số 12/KH-UBND năm 2026"},
		ReportItems: items,
	}
}

func TestTaskKeys(t *testing.T) {
	sec := func(n string) vanban.Section { return vanban.Section{Numeral: n} }
	cases := []struct {
		name string
		rows []vanban.Task
		want []string
	}{
		{"unique STTs are their own keys", []vanban.Task{{STT: "3.3"}, {STT: "3.14"}, {STT: "4.2."}},
			[]string{"3.3", "3.14", "4.2."}},
		{"sections numbered afresh", []vanban.Task{{Section: sec("I"), STT: "1"}, {Section: sec("I"), STT: "2"},
			{Section: sec("II"), STT: "1"}, {Section: sec("II"), STT: "2"}, {Section: sec("II"), STT: "3"}},
			[]string{"I.1", "I.2", "II.1", "II.2", "3"}},
		{"a row split per lead unit", []vanban.Task{{Section: sec("VII"), STT: "2"}, {Section: sec("VII"), STT: "2"},
			{Section: sec("VI"), STT: "2"}},
			[]string{"VII.2#1", "VII.2#2", "VI.2"}},
		{"same number written two ways", []vanban.Task{{Section: sec("I."), STT: "2."}, {Section: sec("II"), STT: "2"}},
			[]string{"I.2", "II.2"}},
		{"no sections", []vanban.Task{{STT: "1"}, {STT: "1"}, {STT: "2"}},
			[]string{"1#1", "1#2", "2"}},
		{"unnumbered rows", []vanban.Task{{Section: sec("I")}, {Section: sec("I")}, {}},
			[]string{"I#1", "I#2", "#1"}},
		{"a composed key meets a written one", []vanban.Task{{STT: "I.2"}, {Section: sec("I"), STT: "2"}, {Section: sec("II"), STT: "2"}},
			[]string{"I.2#1", "I.2#2", "II.2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := TaskKeys(&vanban.Document{Rows: c.rows})
			if !slices.Equal(got, c.want) {
				t.Errorf("keys %q, want %q", got, c.want)
			}
		})
	}
}

func TestTaskKeysOfGoldPlanAreItsSTTs(t *testing.T) {
	plan := goldPlan(t)
	for i, k := range TaskKeys(plan) {
		if k != plan.Rows[i].STT {
			t.Errorf("row %d: key %q, want its STT %q", i, k, plan.Rows[i].STT)
		}
	}
}

func TestTaskIndex(t *testing.T) {
	plan := sectionedPlan()
	cases := []struct {
		key  string
		want int
	}{
		{"I.2", 1}, {"ii.2", 3}, {"II.1.", 2}, {" II.2 ", 3},
		{"2", -1}, {"1", -1}, {"III.1", -1}, {"", -1},
	}
	for _, c := range cases {
		got, ok := TaskIndex(plan, c.key)
		if got != c.want || ok != (c.want >= 0) {
			t.Errorf("TaskIndex(%q) = %d, %v; want %d", c.key, got, ok, c.want)
		}
	}
	if got, ok := TaskIndex(goldPlan(t), "3.3"); !ok || goldPlan(t).Rows[got].STT != "3.3" {
		t.Errorf("TaskIndex(gold, 3.3) = %d, %v", got, ok)
	}
}

func TestRepeatedSTTsLandOnTheRightTask(t *testing.T) {
	const headI, headII = "I. CẢI CÁCH THỂ CHẾ", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
	const checkWork = "Tổ chức kiểm tra công tác tại các cơ quan, địa phương"
	cases := []struct {
		name  string
		items []vanban.ReportItem
		want  map[string]vanban.TaskStatus // Sở Nội vụ's tasks by key
		by    string                       // how the first item matched
	}{
		{"number under the second section's heading",
			[]vanban.ReportItem{{STT: "2", Section: headII, Task: checkWork, StatusText: "Hoàn thành"}},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskNotReported, "II.1": vanban.TaskNotReported, "II.2": vanban.TaskDone}, "number"},
		{"number under the first section's heading",
			[]vanban.ReportItem{{STT: "2", Section: headI, Task: checkWork, StatusText: "Đang thực hiện"}},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskInProgress, "II.2": vanban.TaskNotReported}, "number"},
		{"heading names its section by title only",
			[]vanban.ReportItem{{STT: "2", Section: "Cải cách thủ tục hành chính", Task: checkWork, StatusText: "Hoàn thành"}},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskNotReported, "II.2": vanban.TaskDone}, "number"},
		{"heading renumbered in Arabic figures, title decides",
			[]vanban.ReportItem{{STT: "2", Section: "2. Cải cách thủ tục hành chính", Task: checkWork, StatusText: "Hoàn thành"}},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskNotReported, "II.2": vanban.TaskDone}, "number"},
		{"item gives the task key",
			[]vanban.ReportItem{{STT: "II.2", Task: checkWork, StatusText: "Hoàn thành"}},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskNotReported, "II.2": vanban.TaskDone}, "number"},
		{"no heading: the unit's own task of that number",
			[]vanban.ReportItem{{STT: "1", Task: "Công bố danh mục thủ tục hành chính", StatusText: "Hoàn thành"}},
			map[string]vanban.TaskStatus{"II.1": vanban.TaskDone, "I.2": vanban.TaskNotReported, "II.2": vanban.TaskNotReported}, "number"},
		{"no heading, both tasks the unit's: wording decides",
			[]vanban.ReportItem{{STT: "2", Task: "Kiểm tra công tác giải quyết thủ tục hành chính", StatusText: "Hoàn thành"}},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskNotReported, "II.2": vanban.TaskDone}, "text"},
		{"both sections in one report",
			[]vanban.ReportItem{
				{STT: "2", Section: headI, Task: checkWork, StatusText: "Chưa thực hiện"},
				{STT: "1", Section: headII, Task: "Công bố danh mục thủ tục hành chính", StatusText: "Hoàn thành"},
				{STT: "2", Section: headII, Task: checkWork, StatusText: "Hoàn thành"},
			},
			map[string]vanban.TaskStatus{"I.2": vanban.TaskNotStarted, "II.1": vanban.TaskDone, "II.2": vanban.TaskDone}, "number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Check(Input{Plan: sectionedPlan(), Reports: []*vanban.Document{snvReport(c.items...)}, AsOf: asOf})
			got := map[string]vanban.TaskStatus{}
			for _, tr := range r.Unit("Sở Nội vụ").Tasks() {
				got[tr.Key] = tr.Status
			}
			for key, w := range c.want {
				if got[key] != w {
					t.Errorf("task %s: %s, want %s (all: %v)", key, got[key], w, got)
				}
			}
			if m := r.Matches[0]; m.By != c.by || !m.Accepted {
				t.Errorf("item 1 → %s by %s, confidence %.3f; want accepted, by %s", m.Task, m.By, m.Score, c.by)
			}
			// The stray unit's task 1 of section I is never touched.
			if st := r.Unit("Sở Tư pháp").Lead[0]; st.Key != "I.1" || st.Status != vanban.TaskNotReported {
				t.Errorf("Sở Tư pháp's task: %+v", st)
			}
			overdue := map[string]bool{}
			for _, o := range r.Overdue {
				overdue[o.Key] = true
			}
			for _, key := range []string{"I.2", "II.2"} {
				if want := c.want[key] != vanban.TaskDone; overdue[key] != want {
					t.Errorf("task %s overdue %v, want %v", key, overdue[key], want)
				}
			}
		})
	}
}

func TestAmbiguousNumberWaitsThenDecisionByKey(t *testing.T) {
	// No heading, both tasks 2 are the unit's, and the wording fits
	// both: a person must say which.
	rep := snvReport(vanban.ReportItem{STT: "2", Task: "Kiểm tra công tác tại các cơ quan, địa phương", StatusText: "Hoàn thành"})
	r := Check(Input{Plan: sectionedPlan(), Reports: []*vanban.Document{rep}, AsOf: asOf})
	if rv := r.Review(); len(rv) != 1 || rv[0].By != "text" {
		t.Fatalf("review = %+v; want the item waiting, matched by text; matches %+v", rv, r.Matches)
	}
	arg, err := ParseDecisionArg("90/BC-SNV#1=II.2")
	if err != nil || arg.Task != "II.2" {
		t.Fatalf("ParseDecisionArg = %+v, %v", arg, err)
	}
	key := DecisionKey{Plan: "12/KH-UBND", Report: arg.Report, Item: ItemKey(rep.ReportItems[arg.Item-1]), Task: arg.Task}
	r = Check(Input{Plan: sectionedPlan(), Reports: []*vanban.Document{rep}, AsOf: asOf, Decisions: Decisions{key: true}})
	got := map[string]vanban.TaskStatus{}
	for _, tr := range r.Unit("Sở Nội vụ").Tasks() {
		got[tr.Key] = tr.Status
	}
	if got["II.2"] != vanban.TaskDone || got["I.2"] != vanban.TaskNotReported || r.Matches[0].Task != "II.2" {
		t.Errorf("after confirming II.2: %v, match %+v", got, r.Matches[0])
	}
}

func TestParseDecisionArgKeys(t *testing.T) {
	cases := []struct{ in, report, task string }{
		{"412/BC-STC#2=3.3", "412/BC-STC", "3.3"},
		{"90/BC-SNV#1=II.2", "90/BC-SNV", "II.2"},
		{"90/BC-SNV#1=VII.2#2", "90/BC-SNV", "VII.2#2"},
		{"bao cao #3.docx#1=I.2.", "bao cao #3.docx", "I.2"},
	}
	for _, c := range cases {
		got, err := ParseDecisionArg(c.in)
		if err != nil || got.Report != c.report || got.Task != c.task {
			t.Errorf("ParseDecisionArg(%q) = %+v, %v; want %s, %s", c.in, got, err, c.report, c.task)
		}
	}
}

// sectionedResult is the cross-check of a report on both sections.
func sectionedResult() *Result {
	rep := snvReport(
		vanban.ReportItem{STT: "2", Section: "I. CẢI CÁCH THỂ CHẾ", Task: "Kiểm tra công tác tại các cơ quan", StatusText: "Đang thực hiện"},
		vanban.ReportItem{STT: "2", Section: "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", Task: "Kiểm tra công tác tại các cơ quan", StatusText: "Hoàn thành"},
	)
	return Check(Input{Plan: sectionedPlan(), Reports: []*vanban.Document{rep}, AsOf: asOf})
}

func TestRepeatedSTTsJSONKeys(t *testing.T) {
	var buf bytes.Buffer
	if err := sectionedResult().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Units map[string]struct {
			Lead   map[string]vanban.TaskStatus `json:"lead"`
			States map[string]vanban.TaskState  `json:"states"`
		} `json:"units"`
		Overdue []OverdueTask `json:"overdue"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	lead := out.Units["Sở Nội vụ"].Lead
	want := map[string]vanban.TaskStatus{"I.2": vanban.TaskInProgress, "II.1": vanban.TaskNotReported, "II.2": vanban.TaskDone}
	if len(lead) != len(want) {
		t.Errorf("lead %v, want %v", lead, want)
	}
	for k, w := range want {
		if lead[k] != w {
			t.Errorf("lead[%q] = %q, want %q", k, lead[k], w)
		}
	}
	if s := out.Units["Sở Nội vụ"].States; s["I.2"] != vanban.InProgressLate || s["II.2"] != vanban.DoneLate {
		t.Errorf("states %v", s)
	}
	if len(out.Overdue) != 1 || out.Overdue[0].Key != "I.2" || out.Overdue[0].STT != "2" {
		t.Errorf("overdue %+v, want I.2 alone", out.Overdue)
	}
}

func TestRepeatedSTTsXLSXRows(t *testing.T) {
	r := sectionedResult()
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sở Nội vụ")
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"I.2", "Đang thực hiện quá hạn"}, {"II.1", "Chưa báo cáo"}, {"II.2", "Hoàn thành quá hạn"}}
	if len(rows) != unitHeaderRow+len(want) {
		t.Fatalf("%d rows, want %d: %q", len(rows), unitHeaderRow+len(want), rows)
	}
	for i, w := range want {
		row := rows[unitHeaderRow+i]
		if row[0] != w[0] || row[4] != w[1] {
			t.Errorf("row %d: %q / %q, want %q / %q", unitHeaderRow+i+1, row[0], row[4], w[0], w[1])
		}
	}
}

// readReal extracts and normalizes one real agency document as the
// pipeline does.
func readReal(t *testing.T, name string) *vanban.Document {
	t.Helper()
	doc, err := extract.File(context.Background(), filepath.Join(sharedtest.Dir(t), "real", "docs", name))
	if err != nil {
		t.Fatalf("extract %s: %v", name, err)
	}
	normalize.Document(doc, nil)
	if len(doc.Rows) == 0 {
		t.Fatalf("the extractor reads no rows in %s", name)
	}
	return doc
}

// TestRealPlansKeys checks the keys of the Lâm Đồng plans, whose
// sections number their tasks afresh: distinct, the STT where it is
// unique, the section numeral before it where it is not.
func TestRealPlansKeys(t *testing.T) {
	for _, name := range []string{"Kế hoạch CCHC giai đoạn 2026-2030.docx", "KE HOACH KIEM TRA CCHC 2026.docx"} {
		t.Run(name, func(t *testing.T) {
			plan := readReal(t, name)
			keys := TaskKeys(plan)
			perSTT := map[string]int{}
			for _, row := range plan.Rows {
				perSTT[normSTT(row.STT)]++
			}
			seen := map[string]bool{}
			for i, k := range keys {
				row := plan.Rows[i]
				if seen[k] {
					t.Errorf("key %q twice", k)
				}
				seen[k] = true
				unique := perSTT[normSTT(row.STT)] == 1
				if unique && k != row.STT || !unique && !strings.HasPrefix(k, row.Section.Numeral+".") {
					t.Errorf("row %d (%s %s): key %q", i, row.Section.Numeral, row.STT, k)
				}
				if j, ok := TaskIndex(plan, k); !ok || j != i {
					t.Errorf("TaskIndex(%q) = %d, %v; want %d", k, j, ok, i)
				}
			}
		})
	}
}

// TestRealPlanRepeatedSTTs reports each task of the 2026-2030 plan that
// a named unit leads and whose STT other tasks share, by its number under
// its section's heading, and checks the status lands on that task alone.
func TestRealPlanRepeatedSTTs(t *testing.T) {
	plan := readReal(t, "Kế hoạch CCHC giai đoạn 2026-2030.docx")
	if plan.Meta.Reference == "" {
		plan.Meta.Reference = "1/KH-UBND" // the issued plan's number is not in the file
	}
	perSTT := map[string]int{}
	for _, row := range plan.Rows {
		perSTT[normSTT(row.STT)]++
	}
	keys := TaskKeys(plan)
	tested := 0
	for i, row := range plan.Rows {
		unit := ""
		if len(row.LeadParties) > 0 && row.LeadParties[0].Kind == vanban.KindUnit {
			unit = row.LeadParties[0].Name
		}
		if unit == "" || perSTT[normSTT(row.STT)] < 2 {
			continue
		}
		tested++
		t.Run(keys[i], func(t *testing.T) {
			rep := &vanban.Document{
				Meta: vanban.Meta{DocType: vanban.TypeReport, Reference: "5/BC-X", Issuer: unit, Date: vanban.D(2026, 12, 1),
					Title: "Báo cáo kết quả thực hiện Kế hoạch số " + plan.Meta.Reference + " năm 2026"},
				ReportItems: []vanban.ReportItem{{STT: row.STT, Section: row.Section.Numeral + ". " + row.Section.Title,
					Task: row.Task, StatusText: "Hoàn thành"}},
			}
			r := Check(Input{Plan: plan, Reports: []*vanban.Document{rep}, AsOf: asOf})
			u := r.Unit(unit)
			if u == nil {
				t.Fatalf("no unit %q", unit)
			}
			for _, tr := range u.Tasks() {
				if want := tr.Row == i; (tr.Status == vanban.TaskDone) != want {
					t.Errorf("task %s (row %d): %s; the report gave row %d", tr.Key, tr.Row, tr.Status, i)
				}
			}
		})
	}
	if tested == 0 {
		t.Error("no unit-led task with a shared STT read: the plan's sections are not read")
	}
}
