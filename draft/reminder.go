package draft

import (
	"fmt"
	"strings"

	"vanban"
	"vanban/crosscheck"
)

// Pending returns the tasks of u that a reminder lists, lead tasks first,
// each in plan order: those its report says nothing of (all of them when
// it sent none) and those overdue.
func Pending(u *crosscheck.UnitResult) []crosscheck.TaskResult {
	var out []crosscheck.TaskResult
	for _, t := range u.Tasks() {
		if t.Status == vanban.TaskNotReported || t.Overdue {
			out = append(out, t)
		}
	}
	return out
}

// Remindable lists the units of r that have pending tasks, in r's order,
// except issuer: the body that issues the reminder does not remind
// itself.
func Remindable(r *crosscheck.Result, issuer string) []string {
	var out []string
	for i := range r.Units {
		u := &r.Units[i]
		if !sameName(u.Unit, issuer) && len(Pending(u)) > 0 {
			out = append(out, u.Unit)
		}
	}
	return out
}

// reminderUnits returns the units a reminder goes to: the named ones, or
// every remindable one.
func (d *drafter) reminderUnits(names []string) ([]*crosscheck.UnitResult, error) {
	if len(names) == 0 {
		names = Remindable(d.r, d.s.Issuer)
		if len(names) == 0 {
			return nil, ErrNothingToRemind
		}
	}
	var out []*crosscheck.UnitResult
	seen := map[string]bool{}
	for _, name := range names {
		u := d.unit(name)
		if u == nil {
			return nil, fmt.Errorf("kế hoạch %s không giao nhiệm vụ cho %q", d.r.Plan, name)
		}
		if seen[u.Unit] {
			continue
		}
		seen[u.Unit] = true
		if len(Pending(u)) == 0 {
			return nil, fmt.Errorf("%s: %w", u.Unit, ErrNothingToRemind)
		}
		out = append(out, u)
	}
	return out, nil
}

// unit finds a unit of the result by its name, case and spacing aside.
func (d *drafter) unit(name string) *crosscheck.UnitResult {
	if u := d.r.Unit(name); u != nil {
		return u
	}
	for i := range d.r.Units {
		if sameName(d.r.Units[i].Unit, name) {
			return &d.r.Units[i]
		}
	}
	return nil
}

// reminder fills the parts of the Công văn đôn đốc.
func (d *drafter) reminder(f *filling, units []*crosscheck.UnitResult) {
	f.set("ky_hieu", d.s.symbol(""))
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Unit
	}
	if len(units) == 1 {
		f.set("kinh_gui", names[0]+".")
		f.lines("nhan", "dong", nil)
		f.set("doi_tuong", names[0])
	} else {
		f.set("kinh_gui", "")
		f.lines("nhan", "dong", listLines(names))
		f.set("doi_tuong", "các cơ quan, đơn vị")
	}
	f.set("han_bao_cao", d.reportDue())
	f.lines("tinh_hinh", "doan", d.standing(units))
	f.rows = append(f.rows, repeat{[]string{"nhom", "nv"}, taskItems(units)})
	f.set("han_tra_loi", date(d.replyBy()))
	f.lines("noi_nhan", "dong", listLines([]string{"Như trên", d.recipientLine(), d.s.archive()}))
}

// reportDue is the plan's report date as the body text gives it: "15/12
// hằng năm", or the cycle's date when the plan sets none.
func (d *drafter) reportDue() string {
	if mm, dd, ok := strings.Cut(d.req.Plan.AnnualReportDue, "-"); ok && len(mm) == 2 && len(dd) == 2 {
		return strings.TrimPrefix(dd, "0") + "/" + strings.TrimPrefix(mm, "0") + " hằng năm"
	}
	return date(d.r.ReportDue)
}

// replyBy is the date the units are asked to reply by: ReplyDays after
// the later of the as-of date and the document's.
func (d *drafter) replyBy() vanban.Date {
	from := d.r.AsOf
	if d.req.Date.After(from) {
		from = d.req.Date
	}
	return vanban.DateOf(from.Time().AddDate(0, 0, d.s.ReplyDays))
}

// standing writes what the issuer has received from the units: one
// sentence for one unit, a dashed list for several.
func (d *drafter) standing(units []*crosscheck.UnitResult) []string {
	asOf := date(d.r.AsOf)
	if len(units) == 1 {
		u := units[0]
		if u.Report == nil {
			return []string{fmt.Sprintf("Tuy nhiên, đến ngày %s, %s chưa nhận được báo cáo kết quả thực hiện Kế hoạch năm %d của %s%s.",
				asOf, d.issuer(), d.r.AsOf.Year, u.Unit, overdueClause(u, "; trong đó có %s nhiệm vụ đã quá thời hạn thực hiện"))}
		}
		return []string{fmt.Sprintf("Đến ngày %s, %s đã nhận được %s của %s; tuy nhiên, %s.",
			asOf, d.issuer(), reportRef(u.Report), u.Unit, gaps(u))}
	}
	lines := []string{fmt.Sprintf("Tuy nhiên, đến ngày %s, tình hình báo cáo của các cơ quan, đơn vị như sau:", asOf)}
	var items []string
	for _, u := range units {
		if u.Report == nil {
			items = append(items, fmt.Sprintf("%s: chưa gửi báo cáo (%s nhiệm vụ được giao%s)",
				u.Unit, count(len(u.Tasks())), overdueClause(u, ", trong đó %s nhiệm vụ đã quá thời hạn thực hiện")))
			continue
		}
		items = append(items, fmt.Sprintf("%s: %s, %s", u.Unit, reportRef(u.Report), gaps(u)))
	}
	return append(lines, listLines(items)...)
}

// overdueClause formats the unit's count of overdue tasks into format,
// or returns "" when none is overdue.
func overdueClause(u *crosscheck.UnitResult, format string) string {
	n := 0
	for _, t := range u.Tasks() {
		if t.Overdue {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(format, count(n))
}

// gaps says what a unit's report leaves to do: the tasks it does not
// report on, the tasks overdue.
func gaps(u *crosscheck.UnitResult) string {
	missing := 0
	for _, t := range u.Tasks() {
		if t.Status == vanban.TaskNotReported {
			missing++
		}
	}
	var parts []string
	if missing > 0 {
		parts = append(parts, fmt.Sprintf("báo cáo chưa nêu kết quả thực hiện %s nhiệm vụ được giao", count(missing)))
	}
	if c := overdueClause(u, "%s nhiệm vụ đã quá thời hạn thực hiện nhưng chưa hoàn thành"); c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, "; ")
}

// reportRef names a report in running text: "Báo cáo số 412/BC-STC ngày
// 08/12/2026".
func reportRef(r *crosscheck.ReportInfo) string {
	s := "Báo cáo"
	if r.Reference != "" {
		s += " số " + r.Reference
	}
	if r.Date.IsZero() {
		return s + " (không ghi ngày)"
	}
	return s + " ngày " + date(r.Date)
}

// taskItems are the rows of the task table: each unit's pending tasks,
// under a group row naming the unit when there are several.
func taskItems(units []*crosscheck.UnitResult) []item {
	var items []item
	for i, u := range units {
		if len(units) > 1 {
			items = append(items, item{"nhom", map[string]string{"ten": roman(i+1) + ". " + u.Unit}})
		}
		for _, t := range Pending(u) {
			items = append(items, item{"nv", map[string]string{
				"stt": t.Key, "noi_dung": t.Task, "vai_tro": roleVN[t.Role],
				"thoi_han": deadline(t), "tinh_hinh": stateText(t),
			}})
		}
	}
	return items
}

var roleVN = map[vanban.Role]string{vanban.RoleLead: "Chủ trì", vanban.RoleCoordinate: "Phối hợp"}

// deadline writes a task's time frame as the plan gives it, with the due
// date the cross-check reads from it.
func deadline(t crosscheck.TaskResult) string {
	tf := strings.Join(strings.Fields(t.Timeframe), " ")
	switch {
	case t.Due.IsZero() && tf == "":
		return "Không ghi thời hạn"
	case t.Due.IsZero():
		return tf
	case tf == "" || strings.Contains(tf, date(t.Due)):
		return "Hạn " + date(t.Due)
	}
	return tf + "\n(hạn " + date(t.Due) + ")"
}

// stateText is a task's reported state, marked when it is overdue and its
// state does not say so.
func stateText(t crosscheck.TaskResult) string {
	s := capitalize(t.State.Label())
	if t.Overdue && t.State != vanban.InProgressLate {
		s += "\n(đã quá hạn)"
	}
	return s
}
