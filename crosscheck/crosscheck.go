// Package crosscheck checks the units' reports on a plan against the
// tasks the plan assigns them: who reported, on time or late, which tasks
// each unit reports done, in progress or not started, which it leaves
// out, and which dated tasks are overdue.
//
// The core, Check, is pure: it takes the plan, the reports, the as-of date
// and the matches people decided, and returns a Result that the command
// prints as text, as JSON (the format of gold crosscheck.json) or as an
// Excel workbook. Due lists the milestones falling due in a window, for
// reminders.
//
// A report belongs to a plan when it cites the plan's reference (and, if
// it gives one, the plan's date); its unit is read from its issuer lines,
// under old or abbreviated names too. A task is its row of the plan; it
// is shown by its key (TaskKeys): its STT, or "II.2" where sections repeat
// numbers. Each report item is matched to a plan task by the number it
// gives (and the section it sits under, when sections repeat numbers),
// else by the TF-IDF cosine of its wording over syllables and syllable
// bigrams, preferring the unit's own tasks; every match carries a
// confidence, and those below Threshold wait for a person to confirm them.
package crosscheck

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"vanban"
)

// Input is what Check reads.
type Input struct {
	Plan *vanban.Document
	// Reports are candidate reports; those that do not cite the plan are
	// ignored, so the caller may pass every report it holds.
	Reports   []*vanban.Document
	AsOf      vanban.Date
	Decisions Decisions
	// Statuses are the statuses people set for report items; they
	// override what the report's words say.
	Statuses Statuses
	// Aliases is the alias table of package normalize; with nil, or when
	// it does not know a name, this package's own small table of
	// abbreviations and merged departments is used.
	Aliases Aliases
}

// Result is the cross-check of one plan as of one date.
type Result struct {
	Plan      string      `json:"plan"`
	PlanTitle string      `json:"plan_title"`
	PlanDate  vanban.Date `json:"plan_date"`
	AsOf      vanban.Date `json:"as_of"`
	// ReportDue is the plan's annual report date in the as-of year.
	ReportDue vanban.Date  `json:"report_due"`
	Units     []UnitResult `json:"units"`
	// Reports are all reports citing the plan, counted or not.
	Reports []ReportInfo `json:"reports"`
	// Matches are every report item's reading, accepted or not.
	Matches []Match `json:"matches"`
	// Overdue lists the dated tasks whose lead has not reported them done
	// although a due date passed.
	Overdue  []OverdueTask `json:"overdue"`
	Warnings []string      `json:"warnings"`
}

// ReportInfo is one report citing the plan.
type ReportInfo struct {
	Key       string              `json:"key"`
	Reference string              `json:"reference"`
	Date      vanban.Date         `json:"date"`
	Issuer    string              `json:"issuer"`
	File      string              `json:"file"`
	Unit      string              `json:"unit"` // "" when the issuer is none of the plan's units
	Year      int                 `json:"year"` // the year it reports on
	Status    vanban.ReportStatus `json:"status"`
	// Counted is false for a report of another year, dated after the
	// as-of date, or from a unit the plan does not name.
	Counted bool `json:"counted"`
	// Superseded is true when a later report of the same unit counts.
	Superseded bool `json:"superseded"`
}

// UnitResult is one named unit's standing.
type UnitResult struct {
	Unit string `json:"unit"`
	// Report is the report that counts (the unit's latest), nil when the
	// unit sent none.
	Report *ReportInfo         `json:"report"`
	Status vanban.ReportStatus `json:"status"`
	// Reports are all of the unit's counted reports, oldest first.
	Reports    []ReportInfo `json:"reports"`
	Lead       []TaskResult `json:"lead"`
	Coordinate []TaskResult `json:"coordinate"`
}

// Tasks returns the unit's lead tasks then its coordinated ones.
func (u *UnitResult) Tasks() []TaskResult {
	return append(append([]TaskResult{}, u.Lead...), u.Coordinate...)
}

// Count returns how many of the unit's tasks are in each state.
func (u *UnitResult) Count() map[vanban.TaskState]int {
	n := map[vanban.TaskState]int{}
	for _, t := range u.Tasks() {
		n[t.State]++
	}
	return n
}

// TaskResult is one task of a unit and what the unit reported on it.
type TaskResult struct {
	// Key names the task in outputs and decisions (see TaskKeys); Row is
	// its position in the plan's rows.
	Key       string            `json:"key"`
	Row       int               `json:"row"`
	STT       string            `json:"stt"`
	Task      string            `json:"task"`
	Section   string            `json:"section"`
	Role      vanban.Role       `json:"role"`
	Timeframe string            `json:"timeframe"`
	Due       vanban.Date       `json:"due"` // the due date shown; zero when undated
	Status    vanban.TaskStatus `json:"status"`
	// Source says where the status was read; "" when not reported.
	Source  StatusSource     `json:"status_source,omitempty"`
	State   vanban.TaskState `json:"state"`
	Overdue bool             `json:"overdue"`
	// Report, Result and Confidence come from the matched report item.
	Report     string  `json:"report,omitempty"`
	Result     string  `json:"result,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	// Item is the matched item's key (ItemKey), for a person to set its
	// status; not part of the published reading.
	Item string `json:"-"`
}

// OverdueTask is a dated task past a due date that its lead has not
// reported done.
type OverdueTask struct {
	Key    string            `json:"key"` // see TaskKeys
	STT    string            `json:"stt"`
	Task   string            `json:"task"`
	Lead   string            `json:"lead"`
	Due    vanban.Date       `json:"due"`
	Status vanban.TaskStatus `json:"status"`
}

// reported is what counts for one task of one unit.
type reported struct {
	match Match
	date  vanban.Date
	ok    bool
}

// Check cross-checks the reports citing in.Plan (which must be set) as of
// in.AsOf.
func Check(in Input) *Result {
	plan := in.Plan
	r := &Result{
		Plan: plan.Meta.Reference, PlanTitle: plan.Meta.Title, PlanDate: plan.Meta.Date,
		AsOf: in.AsOf, Matches: []Match{}, Overdue: []OverdueTask{}, Warnings: []string{},
	}
	r.ReportDue = r.annualDue(plan.Meta.AnnualReportDue, in.AsOf.Year)
	names := namedUnits(plan)
	ux := newUnitIndex(names, in.Aliases)
	byUnit := r.linkReports(in, ux)

	m := newMatcher(plan)
	status := map[string]map[int]reported{} // unit → task row → latest report
	for _, unit := range names {
		status[unit] = map[int]reported{}
		for _, rep := range byUnit[unit] {
			date := rep.Meta.Date
			for _, mt := range in.Statuses.apply(m.plan, m.match(unit, rep, in.Decisions)) {
				r.Matches = append(r.Matches, mt)
				if mt.Accepted {
					status[unit][mt.row] = reported{mt, date, true}
				}
			}
		}
	}
	cycleStart := vanban.D(in.AsOf.Year, time.January, 1)
	for _, unit := range names {
		r.Units = append(r.Units, r.unitResult(plan, m.keys, unit, status[unit], cycleStart))
	}
	// Units that reported first, each part in plan order.
	sort.SliceStable(r.Units, func(i, j int) bool { return r.Units[i].Report != nil && r.Units[j].Report == nil })
	r.Overdue = overdueTasks(plan, m.keys, status, in.AsOf, cycleStart)
	r.warnUnread()
	return r
}

// annualDue returns the plan's annual report date in year; a plan that
// sets none is taken to want its reports by the end of the year.
func (r *Result) annualDue(mmdd string, year int) vanban.Date {
	mm, dd, ok := strings.Cut(mmdd, "-")
	month, err1 := strconv.Atoi(mm)
	day, err2 := strconv.Atoi(dd)
	if !ok || err1 != nil || err2 != nil || month < 1 || month > 12 || day < 1 || day > 31 {
		r.Warnings = append(r.Warnings, "Kế hoạch không quy định ngày báo cáo hằng năm; lấy hạn 31/12.")
		return vanban.D(year, time.December, 31)
	}
	return clampDay(year, month, day)
}

// namedUnits lists the named units (not groups) that lead or coordinate a
// task of the plan, in order of first appearance.
func namedUnits(plan *vanban.Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range plan.Rows {
		for _, p := range append(append([]vanban.Party{}, t.LeadParties...), t.CoordinatorParties...) {
			if p.Kind == vanban.KindUnit && !seen[p.Name] {
				seen[p.Name] = true
				out = append(out, p.Name)
			}
		}
	}
	return out
}

// linkReports records every report citing the plan and returns the
// counted ones by unit, oldest first; the last of each unit wins.
func (r *Result) linkReports(in Input, ux *unitIndex) map[string][]*vanban.Document {
	byUnit := map[string][]*vanban.Document{}
	infos := map[*vanban.Document]int{}
	seen := map[string]bool{}
	for _, rep := range in.Reports {
		// The same report given twice (two copies, two renditions) counts once.
		id := ReportKey(rep) + "\x00" + rep.Meta.Date.String()
		if seen[id] || !Cites(rep, in.Plan) {
			continue
		}
		seen[id] = true
		info := ReportInfo{
			Key: ReportKey(rep), Reference: rep.Meta.Reference, Date: rep.Meta.Date,
			Issuer: rep.Meta.Issuer, File: rep.File, Year: reportYear(rep),
		}
		unit, ok := reportUnit(ux, rep)
		place, foreign := foreignPlace(rep, in.Plan)
		switch {
		case ok && foreign:
			// Sở Tài chính of another province is not the plan's unit.
			r.Warnings = append(r.Warnings, fmt.Sprintf("Báo cáo %s: đơn vị thuộc %s, không thuộc địa phương của kế hoạch.", info.Key, place))
			unit = ""
		case !ok:
			r.Warnings = append(r.Warnings, fmt.Sprintf("Báo cáo %s: không xác định được đơn vị (%q) trong số các đơn vị được giao nhiệm vụ.", info.Key, rep.Meta.Issuer))
		case info.Date.After(in.AsOf):
		case info.Year != in.AsOf.Year:
		default:
			info.Counted = true
			byUnit[unit] = append(byUnit[unit], rep)
		}
		info.Unit = unit
		info.Status = reportStatus(info.Date, r.ReportDue)
		infos[rep] = len(r.Reports)
		r.Reports = append(r.Reports, info)
	}
	for _, reps := range byUnit {
		sort.SliceStable(reps, func(i, j int) bool { return laterOrUndated(reps[j].Meta.Date, reps[i].Meta.Date) })
		for _, rep := range reps[:len(reps)-1] {
			r.Reports[infos[rep]].Superseded = true
		}
	}
	return byUnit
}

// laterOrUndated orders report dates: an undated report sorts first, so a
// dated one wins over it.
func laterOrUndated(a, b vanban.Date) bool {
	if a.IsZero() || b.IsZero() {
		return !a.IsZero() && b.IsZero()
	}
	return a.After(b)
}

// reportStatus judges a report's date against the cycle's due date; an
// undated report cannot prove it came on time.
func reportStatus(date, due vanban.Date) vanban.ReportStatus {
	if date.IsZero() || date.After(due) {
		return vanban.ReportLate
	}
	return vanban.ReportOnTime
}

// unitResult builds the standing of one unit from its reported tasks.
func (r *Result) unitResult(plan *vanban.Document, keys []string, unit string, got map[int]reported, cycleStart vanban.Date) UnitResult {
	u := UnitResult{Unit: unit, Status: vanban.ReportMissing, Reports: []ReportInfo{}, Lead: []TaskResult{}, Coordinate: []TaskResult{}}
	for i := range r.Reports {
		if info := r.Reports[i]; info.Counted && info.Unit == unit {
			u.Reports = append(u.Reports, info)
		}
	}
	sort.SliceStable(u.Reports, func(i, j int) bool { return laterOrUndated(u.Reports[j].Date, u.Reports[i].Date) })
	if n := len(u.Reports); n > 0 {
		u.Report = &u.Reports[n-1]
		u.Status = u.Report.Status
	}
	for i := range plan.Rows {
		t := &plan.Rows[i]
		role := partyRole(t, unit)
		if role == "" {
			continue
		}
		tr := taskResult(t, role, got[i], r.AsOf, plan.Meta.Date, cycleStart)
		tr.Key, tr.Row = keys[i], i
		if role == vanban.RoleLead {
			u.Lead = append(u.Lead, tr)
		} else {
			u.Coordinate = append(u.Coordinate, tr)
		}
	}
	return u
}

// partyRole returns unit's role on t: lead wins over coordinate.
func partyRole(t *vanban.Task, unit string) vanban.Role {
	for _, p := range t.LeadParties {
		if p.Kind == vanban.KindUnit && p.Name == unit {
			return vanban.RoleLead
		}
	}
	for _, p := range t.CoordinatorParties {
		if p.Kind == vanban.KindUnit && p.Name == unit {
			return vanban.RoleCoordinate
		}
	}
	return ""
}

// taskResult reads one task for one unit.
func taskResult(t *vanban.Task, role vanban.Role, got reported, asOf, planDate, cycleStart vanban.Date) TaskResult {
	dl := taskDeadline(t, asOf, planDate, cycleStart)
	if role == vanban.RoleCoordinate {
		// A coordinator answers for the task's dated steps, not for the
		// lead's yearly report.
		dl.period = vanban.Date{}
	}
	tr := TaskResult{
		STT: t.STT, Task: t.Task, Section: t.Section.Title, Role: role,
		Timeframe: t.Timeframe, Due: dl.shown(), Status: vanban.TaskNotReported,
	}
	if got.ok {
		tr.Status, tr.Source = got.match.Status, got.match.Source
		tr.Report, tr.Result, tr.Confidence = got.match.Report, got.match.Result, got.match.Score
		tr.Item = got.match.ItemKey
	}
	tr.Overdue = dl.overdue(tr.Status, asOf)
	tr.State = stateOf(tr.Status, tr.Overdue, dl.doneLate(got.date))
	return tr
}

// stateOf maps a status to its task-tracking category.
func stateOf(s vanban.TaskStatus, overdue, doneLate bool) vanban.TaskState {
	switch s {
	case vanban.TaskDone:
		if doneLate {
			return vanban.DoneLate
		}
		return vanban.DoneOnTime
	case vanban.TaskInProgress:
		if overdue {
			return vanban.InProgressLate
		}
		return vanban.InProgressOnTime
	case vanban.TaskNotStarted:
		return vanban.NotStartedState
	case vanban.TaskUnclear:
		return vanban.UnclearState
	}
	return vanban.NotReportedState
}

// overdueTasks lists the dated tasks past a due date whose lead units have
// not all reported them done; tasks led by groups have no report to
// read, so they are overdue once a date passes.
func overdueTasks(plan *vanban.Document, keys []string, status map[string]map[int]reported, asOf, cycleStart vanban.Date) []OverdueTask {
	out := []OverdueTask{}
	for i := range plan.Rows {
		t := &plan.Rows[i]
		dl := taskDeadline(t, asOf, plan.Meta.Date, cycleStart)
		if !dl.dated() {
			continue
		}
		st, byUnit := leadStatus(t, i, status)
		if !byUnit {
			// No unit can report recurring work a group leads.
			dl.period = vanban.Date{}
		}
		if !dl.overdue(st, asOf) {
			continue
		}
		due := dl.period
		if len(dl.passed) > 0 {
			due = dl.passed[len(dl.passed)-1]
		}
		out = append(out, OverdueTask{Key: keys[i], STT: t.STT, Task: t.Task, Lead: t.Lead, Due: due, Status: st})
	}
	return out
}

// leadStatus is the task's status as its lead units report it: done when
// every lead unit reports it done, else the first other status. byUnit is
// false when no named unit leads the task.
func leadStatus(t *vanban.Task, row int, status map[string]map[int]reported) (st vanban.TaskStatus, byUnit bool) {
	st = vanban.TaskNotReported
	for _, p := range t.LeadParties {
		if p.Kind != vanban.KindUnit {
			continue
		}
		byUnit = true
		s := vanban.TaskNotReported
		if got := status[p.Name][row]; got.ok {
			s = got.match.Status
		}
		if s != vanban.TaskDone {
			return s, true
		}
		st = vanban.TaskDone
	}
	return st, byUnit
}

// warnUnread notes the accepted matches whose progress no word told.
func (r *Result) warnUnread() {
	for _, mt := range r.Matches {
		if mt.Accepted && !mt.StatusRead {
			r.Warnings = append(r.Warnings, fmt.Sprintf("Báo cáo %s, nhiệm vụ %s: không đọc được tiến độ; xếp “đã báo cáo, chưa rõ tiến độ”.", mt.Report, mt.Task))
		}
	}
}

// Review returns the matches waiting for a person to confirm them.
func (r *Result) Review() []Match {
	var out []Match
	for _, mt := range r.Matches {
		if !mt.Accepted && mt.Task != "" {
			out = append(out, mt)
		}
	}
	return out
}

// Unmatched returns the report items no task resembles.
func (r *Result) Unmatched() []Match {
	var out []Match
	for _, mt := range r.Matches {
		if mt.Task == "" {
			out = append(out, mt)
		}
	}
	return out
}

// Unit returns the standing of the named unit, nil when the plan names no
// such unit.
func (r *Result) Unit(name string) *UnitResult {
	for i := range r.Units {
		if r.Units[i].Unit == name {
			return &r.Units[i]
		}
	}
	return nil
}
