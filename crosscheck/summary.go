package crosscheck

import (
	"fmt"
	"io"
	"strings"

	"vanban"
)

// WriteText writes a readable Vietnamese summary of r: one paragraph per
// unit, then the overdue tasks, the matches waiting for confirmation, the
// items no task resembles and the reports not counted.
func (r *Result) WriteText(w io.Writer) error {
	p := &printer{w: w}
	r.writeHeader(p)
	for i := range r.Units {
		writeUnit(p, i+1, &r.Units[i])
	}
	r.writeOverdue(p)
	r.writeReview(p)
	r.writeUncounted(p)
	if len(r.Warnings) > 0 {
		p.f("\nLƯU Ý:\n")
		for _, s := range r.Warnings {
			p.f("  - %s\n", s)
		}
	}
	return p.err
}

// printer remembers the first write error so the writers stay short.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (r *Result) writeHeader(p *printer) {
	plan := "KẾ HOẠCH SỐ " + r.Plan
	if !r.PlanDate.IsZero() {
		plan += " NGÀY " + r.PlanDate.VN()
	}
	p.f("KẾT QUẢ KIỂM TRA THỰC HIỆN %s\n", plan)
	p.f("Tính đến ngày %s; hạn báo cáo năm %d: %s.\n", r.AsOf.VN(), r.AsOf.Year, r.ReportDue.VN())
	n := map[vanban.ReportStatus]int{}
	for _, u := range r.Units {
		n[u.Status]++
	}
	p.f("Đã báo cáo: %d/%d đơn vị (đúng hạn %d, trễ hạn %d); chưa báo cáo: %d.\n",
		n[vanban.ReportOnTime]+n[vanban.ReportLate], len(r.Units), n[vanban.ReportOnTime], n[vanban.ReportLate], n[vanban.ReportMissing])
}

func writeUnit(p *printer, i int, u *UnitResult) {
	p.f("\n%d. %s — ", i, u.Unit)
	if u.Report == nil {
		p.f("chưa báo cáo\n")
	} else {
		p.f("Báo cáo số %s%s: %s\n", u.Report.Key, onDate(u.Report.Date), u.Status.Label())
	}
	for _, rep := range u.Reports {
		if rep.Key != u.Report.Key {
			p.f("   (báo cáo trước: %s%s, đã được thay bằng báo cáo sau)\n", rep.Key, onDate(rep.Date))
		}
	}
	writeRole(p, vanban.RoleLead.Label(), u.Lead)
	writeRole(p, vanban.RoleCoordinate.Label(), u.Coordinate)
	writeSources(p, u.Tasks())
	var late []string
	for _, t := range u.Tasks() {
		if t.Overdue {
			late = append(late, t.Key)
		}
	}
	if len(late) > 0 {
		p.f("   Quá hạn: %s\n", strings.Join(late, ", "))
	}
}

// sourceOrder is the order sources are listed in.
var sourceOrder = []StatusSource{SourcePerson, SourceColumn, SourceResultText, SourceProse}

// writeSources says where each reported status was read: "Nguồn tiến
// độ: cột tiến độ: 3.3, 3.14; nội dung kết quả: 8.8".
func writeSources(p *printer, tasks []TaskResult) {
	by := map[StatusSource][]string{}
	for _, t := range tasks {
		if t.Source != "" {
			by[t.Source] = append(by[t.Source], t.Key)
		}
	}
	var parts []string
	for _, s := range sourceOrder {
		if keys := by[s]; len(keys) > 0 {
			parts = append(parts, s.Label()+": "+strings.Join(keys, ", "))
		}
	}
	if len(parts) > 0 {
		p.f("   Nguồn tiến độ: %s\n", strings.Join(parts, "; "))
	}
}

func onDate(d vanban.Date) string {
	if d.IsZero() {
		return " (không ghi ngày)"
	}
	return " ngày " + d.VN()
}

// writeRole writes one role's tasks grouped by state: "Chủ trì (2):
// hoàn thành đúng hạn: 3.3; đang thực hiện trong hạn: 3.14".
func writeRole(p *printer, label string, tasks []TaskResult) {
	if len(tasks) == 0 {
		return
	}
	byState := map[vanban.TaskState][]string{}
	for _, t := range tasks {
		byState[t.State] = append(byState[t.State], t.Key)
	}
	var parts []string
	for _, s := range vanban.TaskStates {
		if stts := byState[s]; len(stts) > 0 {
			parts = append(parts, fmt.Sprintf("%s: %s", s, strings.Join(stts, ", ")))
		}
	}
	p.f("   %s (%d): %s\n", label, len(tasks), strings.Join(parts, "; "))
}

func (r *Result) writeOverdue(p *printer) {
	if len(r.Overdue) == 0 {
		return
	}
	p.f("\nNHIỆM VỤ QUÁ HẠN (%d):\n", len(r.Overdue))
	for _, o := range r.Overdue {
		p.f("  - %s (hạn %s; chủ trì: %s; %s): %s\n", o.Key, o.Due.VN(), o.Lead, o.Status.Label(), clip(o.Task, 90))
	}
}

func (r *Result) writeReview(p *printer) {
	if rv := r.Review(); len(rv) > 0 {
		p.f("\nCẦN XÁC NHẬN (%d) — khớp chưa chắc chắn, đề nghị kiểm tra:\n", len(rv))
		for _, m := range rv {
			p.f("  - [%s#%d=%s] mục «%s» → nhiệm vụ %s «%s»? (độ tin cậy %s)\n",
				m.Report, m.Item, m.Task, clip(m.ItemText, 60), m.Task, clip(m.TaskText, 60), decimalVN(m.Score))
		}
		p.f("  Xác nhận bằng --confirm 'BÁO CÁO#MỤC=NHIỆM VỤ', bác bỏ bằng --reject 'BÁO CÁO#MỤC=NHIỆM VỤ'.\n")
	}
	if um := r.Unmatched(); len(um) > 0 {
		p.f("\nMỤC BÁO CÁO KHÔNG KHỚP NHIỆM VỤ NÀO (%d):\n", len(um))
		for _, m := range um {
			p.f("  - Báo cáo %s, mục %d «%s»\n", m.Report, m.Item, clip(m.ItemText, 80))
		}
	}
}

func (r *Result) writeUncounted(p *printer) {
	var lines []string
	for _, rep := range r.Reports {
		switch {
		case rep.Counted:
		case rep.Unit == "":
			lines = append(lines, fmt.Sprintf("%s: đơn vị %q không có tên trong Kế hoạch", rep.Key, rep.Issuer))
		case rep.Date.After(r.AsOf):
			lines = append(lines, fmt.Sprintf("%s: ngày %s sau ngày kiểm tra", rep.Key, rep.Date.VN()))
		default:
			lines = append(lines, fmt.Sprintf("%s: báo cáo năm %d", rep.Key, rep.Year))
		}
	}
	if len(lines) > 0 {
		p.f("\nBÁO CÁO KHÔNG TÍNH VÀO KỲ NÀY (%d):\n", len(lines))
		for _, l := range lines {
			p.f("  - %s\n", l)
		}
	}
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	if len(rs) <= n {
		return string(rs)
	}
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}

// decimalVN writes a confidence as Vietnamese readers write decimals: 0,75.
func decimalVN(x float64) string { return strings.Replace(fmt.Sprintf("%.2f", x), ".", ",", 1) }
