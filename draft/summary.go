package draft

import (
	"fmt"
	"strings"
	"vanban"

	"vanban/crosscheck"
)

// Figures are the summary's statistics, read off a cross-check.
type Figures struct {
	Units                 int // units the plan names
	OnTime, Late, Missing int // units by report status
	Tasks                 int // tasks counted per unit: a task of two units counts twice
	ByState               map[vanban.TaskState]int
	Overdue               int // overdue tasks, each once
	OverdueUnitTasks      int // of Tasks, those overdue for their unit
	Review, Uncounted     int // matches awaiting a person; reports outside the period
	LeadTasks, CoordTasks int // of Tasks, led and coordinated
}

// Reported is how many units sent a report that counts.
func (f Figures) Reported() int { return f.OnTime + f.Late }

// FiguresOf counts r.
func FiguresOf(r *crosscheck.Result) Figures {
	f := Figures{Units: len(r.Units), ByState: map[vanban.TaskState]int{}, Overdue: len(r.Overdue), Review: len(r.Review())}
	for i := range r.Units {
		u := &r.Units[i]
		switch u.Status {
		case vanban.ReportOnTime:
			f.OnTime++
		case vanban.ReportLate:
			f.Late++
		default:
			f.Missing++
		}
		for s, n := range u.Count() {
			f.ByState[s] += n
			f.Tasks += n
		}
		f.OverdueUnitTasks += overdueCount(u)
		f.LeadTasks += len(u.Lead)
		f.CoordTasks += len(u.Coordinate)
	}
	for _, rep := range r.Reports {
		if !rep.Counted {
			f.Uncounted++
		}
	}
	return f
}

// summary fills the parts of the Báo cáo tổng hợp.
func (d *drafter) summary(f *filling) {
	fig := FiguresOf(d.r)
	f.set("ky_hieu", d.s.symbol("BC"))
	f.set("ngay_tinh_den", date(d.r.AsOf))
	f.lines("bc", "doan", d.reportingParas(fig))
	f.rows = append(f.rows, repeat{[]string{"dv"}, unitItems(d.r)})
	for k, v := range unitFields(fig.ByState, fig.Tasks, fig.OverdueUnitTasks) {
		f.set("tong_"+k, v)
	}
	f.lines("kq", "doan", resultParas(fig))
	f.rows = append(f.rows, repeat{[]string{"tt"}, stateItems(fig)})
	f.set("tong_ty_le", map[bool]string{true: "100", false: ""}[fig.Tasks > 0])
	f.lines("qh_doan", "doan", d.overdueParas())
	f.cond["qua_han"] = len(d.r.Overdue) > 0
	f.rows = append(f.rows, repeat{[]string{"qh"}, overdueItems(d.r.Overdue)})
	f.lines("cbc", "doan", d.namedUnitParas(fig))
	f.lines("kn", "doan", d.proposalParas(fig))
	f.lines("noi_nhan", "dong", listLines([]string{d.recipientLine(), "Các cơ quan, đơn vị được giao nhiệm vụ", d.s.archive()}))
}

// reportingParas give who reported, in figures.
func (d *drafter) reportingParas(fig Figures) []string {
	out := []string{fmt.Sprintf("Kế hoạch giao nhiệm vụ cho %s cơ quan, đơn vị chủ trì hoặc phối hợp thực hiện; hạn gửi báo cáo năm %d là ngày %s.",
		count(fig.Units), d.r.AsOf.Year, date(d.r.ReportDue))}
	asOf := date(d.r.AsOf)
	switch {
	case fig.Reported() == 0:
		out = append(out, fmt.Sprintf("Đến ngày %s, %s chưa nhận được báo cáo của cơ quan, đơn vị nào.", asOf, d.issuer()))
	default:
		s := fmt.Sprintf("Đến ngày %s, %s đã nhận được báo cáo của %s/%s cơ quan, đơn vị (đạt %s%%), trong đó %s",
			asOf, d.issuer(), number(fig.Reported()), number(fig.Units), percent(fig.Reported(), fig.Units), onTimeClause(fig))
		if fig.Missing > 0 {
			s += fmt.Sprintf("; còn %s cơ quan, đơn vị chưa gửi báo cáo", count(fig.Missing))
		}
		out = append(out, s+".")
	}
	if fig.Uncounted > 0 {
		out = append(out, fmt.Sprintf("Ngoài ra, %s báo cáo không được tính vào kỳ này (báo cáo năm khác, ghi ngày sau ngày tổng hợp hoặc của cơ quan không được giao nhiệm vụ).", count(fig.Uncounted)))
	}
	return out
}

// onTimeClause splits the reports into on time and late.
func onTimeClause(fig Figures) string {
	switch {
	case fig.Late == 0:
		return "tất cả đều gửi đúng hạn"
	case fig.OnTime == 0:
		return "tất cả đều gửi sau thời hạn"
	}
	return fmt.Sprintf("%s đơn vị gửi đúng hạn, %s đơn vị gửi sau thời hạn", count(fig.OnTime), count(fig.Late))
}

// unitItems are the rows of the table per unit.
func unitItems(r *crosscheck.Result) []item {
	var items []item
	for i := range r.Units {
		u := &r.Units[i]
		fields := unitFields(u.Count(), len(u.Tasks()), overdueCount(u))
		fields["stt"] = number(i + 1)
		fields["ten"] = u.Unit
		fields["bao_cao"] = reportCell(u)
		items = append(items, item{"dv", fields})
	}
	return items
}

// unitFields are a row's counts, under the template's names: done and in
// progress whether on time or late, then overdue, which the other
// columns already count.
func unitFields(n map[vanban.TaskState]int, tasks, overdue int) map[string]string {
	return map[string]string{
		"tong":           number(tasks),
		"hoan_thanh":     number(n[vanban.DoneOnTime] + n[vanban.DoneLate]),
		"dang_thuc_hien": number(n[vanban.InProgressOnTime] + n[vanban.InProgressLate]),
		"chua_thuc_hien": number(n[vanban.NotStartedState]),
		"chua_bao_cao":   number(n[vanban.NotReportedState]),
		"qua_han":        number(overdue),
	}
}

// overdueCount is how many of the unit's tasks are overdue.
func overdueCount(u *crosscheck.UnitResult) int {
	n := 0
	for _, t := range u.Tasks() {
		if t.Overdue {
			n++
		}
	}
	return n
}

// reportCell is a unit's report as the table gives it.
func reportCell(u *crosscheck.UnitResult) string {
	if u.Report == nil {
		return "Chưa gửi"
	}
	s := "Số " + u.Report.Reference
	if u.Report.Reference == "" {
		s = "Không số"
	}
	if !u.Report.Date.IsZero() {
		s += "\nngày " + date(u.Report.Date)
	}
	if u.Status == vanban.ReportOnTime {
		return s + "\n(đúng hạn)"
	}
	return s + "\n(sau thời hạn)"
}

// resultParas give the tasks' progress, in figures.
func resultParas(fig Figures) []string {
	if fig.Tasks == 0 {
		return []string{"Kế hoạch không giao nhiệm vụ cho cơ quan, đơn vị nào được nêu tên."}
	}
	n := fig.ByState
	lines := []string{
		"Hoàn thành: " + share(n[vanban.DoneOnTime]+n[vanban.DoneLate], fig.Tasks) +
			split(n[vanban.DoneOnTime], n[vanban.DoneLate], "đúng hạn", "quá hạn"),
		"Đang thực hiện: " + share(n[vanban.InProgressOnTime]+n[vanban.InProgressLate], fig.Tasks) +
			split(n[vanban.InProgressOnTime], n[vanban.InProgressLate], "trong hạn", "quá hạn"),
		"Chưa thực hiện: " + share(n[vanban.NotStartedState], fig.Tasks),
		"Chưa có báo cáo: " + share(n[vanban.NotReportedState], fig.Tasks),
	}
	var roles []string
	if fig.LeadTasks > 0 {
		roles = append(roles, count(fig.LeadTasks)+" lượt chủ trì")
	}
	if fig.CoordTasks > 0 {
		roles = append(roles, count(fig.CoordTasks)+" lượt phối hợp")
	}
	head := fmt.Sprintf("Tổng số lượt nhiệm vụ giao cho các cơ quan, đơn vị là %s (%s), trong đó:", count(fig.Tasks), strings.Join(roles, ", "))
	out := append([]string{head}, listLines(lines)...)
	if fig.Review > 0 {
		out = append(out, fmt.Sprintf("Lưu ý: %s mục báo cáo chưa xác định chắc chắn nhiệm vụ tương ứng, chưa được tính vào số liệu trên.", count(fig.Review)))
	}
	return out
}

// share writes "04 lượt (4,7%)", or "không có".
func share(n, whole int) string {
	if n == 0 {
		return "không có"
	}
	return fmt.Sprintf("%s lượt (%s%%)", count(n), percent(n, whole))
}

// split tells how a count divides into two kinds: ", đều đúng hạn", ",
// gồm 03 lượt trong hạn và 01 lượt quá hạn".
func split(a, b int, aName, bName string) string {
	switch {
	case a == 0 && b == 0:
		return ""
	case b == 0:
		return ", đều " + aName
	case a == 0:
		return ", đều " + bName
	}
	return fmt.Sprintf(", gồm %s lượt %s và %s lượt %s", count(a), aName, count(b), bName)
}

// stateItems are the rows of the table per state.
func stateItems(fig Figures) []item {
	var items []item
	for i, s := range vanban.TaskStates {
		items = append(items, item{"tt", map[string]string{
			"stt": number(i + 1), "ten": capitalize(s.Label()), "so": number(fig.ByState[s]), "ty_le": percent(fig.ByState[s], fig.Tasks),
		}})
	}
	return items
}

// overdueParas introduce the overdue tasks, naming their leads.
func (d *drafter) overdueParas() []string {
	if len(d.r.Overdue) == 0 {
		return []string{fmt.Sprintf("Đến ngày %s, không có nhiệm vụ nào quá thời hạn thực hiện.", date(d.r.AsOf))}
	}
	byLead := map[string]int{}
	var leads []string
	for _, o := range d.r.Overdue {
		lead := strings.Join(strings.Fields(o.Lead), " ")
		if byLead[lead] == 0 {
			leads = append(leads, lead)
		}
		byLead[lead]++
	}
	parts := make([]string, len(leads))
	for i, l := range leads {
		parts[i] = fmt.Sprintf("%s chủ trì %s nhiệm vụ", l, count(byLead[l]))
	}
	return []string{fmt.Sprintf("Đến ngày %s, có %s nhiệm vụ đã quá thời hạn thực hiện nhưng cơ quan chủ trì chưa báo cáo hoàn thành (chi tiết tại Bảng 3), trong đó: %s.",
		date(d.r.AsOf), count(len(d.r.Overdue)), strings.Join(parts, "; "))}
}

// statusVN names the progress a report gives.
var statusVN = map[vanban.TaskStatus]string{
	vanban.TaskDone: "Hoàn thành", vanban.TaskInProgress: "Đang thực hiện",
	vanban.TaskNotStarted: "Chưa thực hiện", vanban.TaskNotReported: "Chưa báo cáo",
}

// overdueItems are the rows of the overdue table.
func overdueItems(overdue []crosscheck.OverdueTask) []item {
	var items []item
	for _, o := range overdue {
		items = append(items, item{"qh", map[string]string{
			"stt": o.Key, "noi_dung": o.Task, "chu_tri": o.Lead, "thoi_han": date(o.Due), "tinh_hinh": statusVN[o.Status],
		}})
	}
	return items
}

// namedUnitParas name the units that did not report and those that
// reported late.
func (d *drafter) namedUnitParas(fig Figures) []string {
	var missing, late []string
	for i := range d.r.Units {
		u := &d.r.Units[i]
		switch u.Status {
		case vanban.ReportMissing:
			missing = append(missing, u.Unit+" ("+taskCount(u)+")")
		case vanban.ReportLate:
			late = append(late, u.Unit+" ("+reportRef(u.Report)+")")
		}
	}
	var out []string
	if len(missing) == 0 {
		out = append(out, "1. Tất cả cơ quan, đơn vị được giao nhiệm vụ đã gửi báo cáo.")
	} else {
		out = append(out, fmt.Sprintf("1. Chưa gửi báo cáo: %s cơ quan, đơn vị, gồm:", count(fig.Missing)))
		out = append(out, listLines(missing)...)
	}
	if len(late) == 0 {
		out = append(out, "2. Không có cơ quan, đơn vị gửi báo cáo sau thời hạn.")
	} else {
		out = append(out, fmt.Sprintf("2. Gửi báo cáo sau thời hạn (%s): %s cơ quan, đơn vị, gồm:", date(d.r.ReportDue), count(fig.Late)))
		out = append(out, listLines(late)...)
	}
	return out
}

// taskCount writes a unit's tasks by role: "02 nhiệm vụ: chủ trì 01,
// phối hợp 01".
func taskCount(u *crosscheck.UnitResult) string {
	l, c := len(u.Lead), len(u.Coordinate)
	switch {
	case c == 0:
		return count(l) + " nhiệm vụ chủ trì"
	case l == 0:
		return count(c) + " nhiệm vụ phối hợp"
	}
	return fmt.Sprintf("%s nhiệm vụ: chủ trì %s, phối hợp %s", count(l+c), count(l), count(c))
}

// proposalParas are the requests to the body reported to.
func (d *drafter) proposalParas(fig Figures) []string {
	var asks []string
	if fig.Missing > 0 {
		asks = append(asks, fmt.Sprintf("Chỉ đạo %s cơ quan, đơn vị chưa gửi báo cáo khẩn trương báo cáo kết quả thực hiện Kế hoạch năm %d về %s để tổng hợp",
			count(fig.Missing), d.r.AsOf.Year, d.issuer()))
	}
	if fig.Overdue > 0 {
		asks = append(asks, fmt.Sprintf("Yêu cầu cơ quan chủ trì %s nhiệm vụ quá hạn tập trung triển khai, sớm hoàn thành và báo cáo kết quả", count(fig.Overdue)))
	}
	if fig.Late > 0 {
		asks = append(asks, "Nhắc nhở các cơ quan, đơn vị gửi báo cáo sau thời hạn bảo đảm thời hạn báo cáo trong các kỳ tiếp theo")
	}
	asks = append(asks, "Chỉ đạo các cơ quan, đơn vị tiếp tục triển khai các nhiệm vụ đang thực hiện theo đúng tiến độ Kế hoạch")
	out := []string{fmt.Sprintf("Để bảo đảm tiến độ thực hiện Kế hoạch, %s kính đề nghị %s:", d.issuer(), shortName(d.s.Recipient))}
	return append(out, listLines(asks)...)
}
