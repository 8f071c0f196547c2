package app

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"vanban"
	"vanban/crosscheck"
	"vanban/store"
)

// LoadPlan returns the plan ref names (a reference, an id or a file name)
// and the reports citing it.
func (a *App) LoadPlan(ctx context.Context, ref string) (*vanban.Document, []*vanban.Document, error) {
	plan, err := a.findDocument(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, vanban.Wrap(vanban.ENotFound, err, "không tìm thấy kế hoạch %q trong kho dữ liệu (xem vanban docs --type plan)", ref)
	}
	if err != nil {
		return nil, nil, err
	}
	if plan.Meta.DocType != vanban.TypePlan {
		return nil, nil, vanban.Errorf(vanban.EInvalid, "%q là %s, không phải kế hoạch", ref, strings.ToLower(firstNonEmpty(plan.Meta.DocType, "văn bản")))
	}
	reports, err := a.reportsOn(ctx, plan)
	if err != nil {
		return nil, nil, err
	}
	return plan, reports, nil
}

// reportsOn returns the reports citing plan.
func (a *App) reportsOn(ctx context.Context, plan *vanban.Document) ([]*vanban.Document, error) {
	sums, err := a.db.ReportsOn(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	if sums, err = a.answeringAsCorrected(ctx, plan, sums); err != nil {
		return nil, err
	}
	reports := make([]*vanban.Document, 0, len(sums))
	for _, s := range sums {
		doc, err := a.document(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		reports = append(reports, doc)
	}
	return reports, nil
}

// CrossCheck cross-checks the plan ref names against its reports as of
// asOf, with the decisions people made on the matches.
func (a *App) CrossCheck(ctx context.Context, ref string, asOf vanban.Date) (*crosscheck.Result, error) {
	r, _, _, err := a.check(ctx, ref, asOf)
	return r, err
}

func (a *App) check(ctx context.Context, ref string, asOf vanban.Date) (*crosscheck.Result, *vanban.Document, []*vanban.Document, error) {
	plan, reports, err := a.LoadPlan(ctx, ref)
	if err != nil {
		return nil, nil, nil, err
	}
	decisions, err := loadDecisions(ctx, a.db, plan, reports)
	if err != nil {
		return nil, nil, nil, err
	}
	statuses, err := loadStatuses(ctx, a.db, plan, reports)
	if err != nil {
		return nil, nil, nil, err
	}
	if asOf.IsZero() {
		asOf = a.today()
	}
	r := crosscheck.Check(crosscheck.Input{Plan: plan, Reports: reports, AsOf: asOf, Decisions: decisions, Statuses: statuses, Aliases: a.aliases})
	return r, plan, reports, nil
}

// WriteExcel writes the workbook of the cross-check of ref as of asOf.
func (a *App) WriteExcel(ctx context.Context, ref string, asOf vanban.Date, w io.Writer) error {
	r, err := a.CrossCheck(ctx, ref, asOf)
	if err != nil {
		return err
	}
	return r.WriteXLSX(w)
}

// Decision is a person's verdict on a match: the report item (by its key,
// or by its number in a --confirm argument) is, or is not, about the task.
type Decision struct {
	Plan   string `json:"plan"`
	Report string `json:"report"`
	Item   string `json:"item"` // the item's stable key (crosscheck.ItemKey)
	// ItemNumber is the item's position, 1-based, when Item is empty.
	ItemNumber int    `json:"item_number,omitempty"`
	Task       string `json:"task"` // the task's key: its STT, or "II.2"
	Accept     bool   `json:"accept"`
}

// Decide stores a person's verdict on a match. The search index follows
// at once: a decision changes the plan's statuses.
func (a *App) Decide(ctx context.Context, d Decision) error {
	plan, reports, err := a.LoadPlan(ctx, d.Plan)
	if err != nil {
		return err
	}
	rep := findReport(reports, d.Report)
	if rep == nil {
		return vanban.Errorf(vanban.ENotFound, "không có báo cáo %q về kế hoạch %s", d.Report, plan.Meta.Reference)
	}
	task := findTask(plan, d.Task)
	if task == nil {
		return vanban.Errorf(vanban.ENotFound, "kế hoạch %s không có nhiệm vụ %s", plan.Meta.Reference, d.Task)
	}
	item, ok := findItem(rep, d)
	if !ok {
		return vanban.Errorf(vanban.ENotFound, "báo cáo %s không có mục %s (báo cáo có %d mục)", d.Report, firstNonEmpty(d.Item, itoa(d.ItemNumber)), len(rep.ReportItems))
	}
	if err := a.db.SetMatchDecision(ctx, rep.ID, item, task.ID, d.Accept); err != nil {
		return err
	}
	a.refreshIndex(ctx, plan.ID)
	return nil
}

// StatusSet is a person's status for a report item: the item (by its
// key, or its 1-based number) of the report is done, in progress or not
// started, whatever the report's words say.
type StatusSet struct {
	Plan       string            `json:"plan"`
	Report     string            `json:"report"`
	Item       string            `json:"item"`
	ItemNumber int               `json:"item_number,omitempty"`
	Status     vanban.TaskStatus `json:"status"`
	Note       string            `json:"note,omitempty"`
	By         string            `json:"by,omitempty"` // who decided
}

// SetStatus stores a person's status for a report item; it is kept with
// who and when, survives re-reading the report, and the cross-check shows
// it as a person's decision.
func (a *App) SetStatus(ctx context.Context, s StatusSet) error {
	switch s.Status {
	case vanban.TaskDone, vanban.TaskInProgress, vanban.TaskNotStarted:
	default:
		return vanban.Errorf(vanban.EInvalid, "trạng thái %q không đặt được (hoàn thành, đang thực hiện, chưa thực hiện)", s.Status)
	}
	plan, reports, err := a.LoadPlan(ctx, s.Plan)
	if err != nil {
		return err
	}
	rep := findReport(reports, s.Report)
	if rep == nil {
		return vanban.Errorf(vanban.ENotFound, "không có báo cáo %q về kế hoạch %s", s.Report, plan.Meta.Reference)
	}
	item, ok := findItem(rep, Decision{Item: s.Item, ItemNumber: s.ItemNumber})
	if !ok {
		return vanban.Errorf(vanban.ENotFound, "báo cáo %s không có mục %s (báo cáo có %d mục)", s.Report, firstNonEmpty(s.Item, itoa(s.ItemNumber)), len(rep.ReportItems))
	}
	d := store.StatusDecision{Status: string(s.Status), Note: s.Note, DecidedBy: s.By}
	if err := a.db.SetStatusDecision(ctx, rep.ID, crosscheck.ItemKey(rep.ReportItems[item]), d); err != nil {
		return err
	}
	a.refreshIndex(ctx, plan.ID)
	return nil
}

// loadStatuses reads the statuses people set for the reports' items.
func loadStatuses(ctx context.Context, db Store, plan *vanban.Document, reports []*vanban.Document) (crosscheck.Statuses, error) {
	out := crosscheck.Statuses{}
	for _, rep := range reports {
		byKey, err := db.StatusDecisions(ctx, rep.ID)
		if err != nil {
			return nil, err
		}
		for key, d := range byKey {
			out[crosscheck.StatusKey{Plan: plan.Meta.Reference, Report: crosscheck.ReportKey(rep), Item: key}] = crosscheck.StatusDecision{
				Status: vanban.TaskStatus(d.Status), Note: d.Note, By: d.DecidedBy, At: d.DecidedAt}
		}
	}
	return out, nil
}

// findItem returns the position of the item d names.
func findItem(rep *vanban.Document, d Decision) (int, bool) {
	if d.Item == "" {
		return d.ItemNumber - 1, d.ItemNumber >= 1 && d.ItemNumber <= len(rep.ReportItems)
	}
	for i, it := range rep.ReportItems {
		if crosscheck.ItemKey(it) == d.Item {
			return i, true
		}
	}
	return 0, false
}

// findReport returns the report key names: its reference (or the key the
// cross-check gives an unnumbered one) or its file name.
func findReport(reports []*vanban.Document, key string) *vanban.Document {
	for _, r := range reports {
		if store.RefKey(crosscheck.ReportKey(r)) == store.RefKey(key) || filepath.Base(r.File) == key {
			return r
		}
	}
	return nil
}

// findTask returns the plan's task key names (see crosscheck.TaskIndex).
func findTask(plan *vanban.Document, key string) *vanban.Task {
	if i, ok := crosscheck.TaskIndex(plan, key); ok {
		return &plan.Rows[i]
	}
	return nil
}

// loadDecisions reads the stored decisions on the reports' items into the
// form Check takes; a later decision on a pair overrides an earlier one.
func loadDecisions(ctx context.Context, db Store, plan *vanban.Document, reports []*vanban.Document) (crosscheck.Decisions, error) {
	keys := crosscheck.TaskKeys(plan)
	taskKey := map[int64]string{}
	for i, t := range plan.Rows {
		taskKey[t.ID] = keys[i]
	}
	out := crosscheck.Decisions{}
	for _, rep := range reports {
		byItem, err := db.MatchDecisions(ctx, rep.ID)
		if err != nil {
			return nil, err
		}
		for i, ds := range byItem {
			if i < 0 || i >= len(rep.ReportItems) {
				continue
			}
			for _, d := range ds {
				if task, ok := taskKey[d.TaskID]; ok {
					key := crosscheck.DecisionKey{Plan: plan.Meta.Reference, Report: crosscheck.ReportKey(rep),
						Item: crosscheck.ItemKey(rep.ReportItems[i]), Task: task}
					out[key] = d.Accepted
				}
			}
		}
	}
	return out, nil
}

// DueQuery selects the milestones Due lists.
type DueQuery struct {
	Plan string      // a plan's reference, id or file name; "" for every current plan
	Unit string      // only this unit (old and abbreviated names accepted)
	From vanban.Date // the window's first day; zero for today
	Days int         // the window's length
}

// Due lists the milestones falling due in the window, by unit.
func (a *App) Due(ctx context.Context, q DueQuery) ([]crosscheck.DueGroup, error) {
	plans, err := a.currentPlans(ctx, q.Plan)
	if err != nil {
		return nil, err
	}
	if q.From.IsZero() {
		q.From = a.today()
	}
	return crosscheck.Due(crosscheck.DueQuery{Plans: plans, From: q.From, Days: q.Days, Unit: q.Unit, Aliases: a.aliases})
}

// currentPlans returns the plan ref names, or every current plan: drafts
// an issued plan superseded are left out.
func (a *App) currentPlans(ctx context.Context, ref string) ([]*vanban.Document, error) {
	if ref != "" {
		plan, _, err := a.LoadPlan(ctx, ref)
		if err != nil {
			return nil, err
		}
		return []*vanban.Document{plan}, nil
	}
	sums, err := a.db.Documents(ctx, store.Filter{Type: vanban.TypePlan})
	if err != nil {
		return nil, err
	}
	var plans []*vanban.Document
	for _, s := range sums {
		if s.SupersededBy != 0 {
			continue
		}
		doc, err := a.document(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		plans = append(plans, doc)
	}
	return plans, nil
}

// Plans lists the stored, current plans that can be cross-checked, the
// newest first: numbered or not (a draft, or a plan whose number is
// stamped later, is named by its id; see DocInfo.PlanKey).
func (a *App) Plans(ctx context.Context) ([]DocInfo, error) {
	docs, err := a.Documents(ctx)
	if err != nil {
		return nil, err
	}
	var out []DocInfo
	for _, d := range docs {
		if d.Type == vanban.TypePlan && d.Status == vanban.DocIngested && d.Rows > 0 {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[j].Date.Before(out[i].Date) })
	return out, nil
}

// UnitTasks is everything one unit leads and coordinates, over every
// plan.
type UnitTasks struct {
	Unit       string       `json:"unit"`
	Lead       []TaskCheck  `json:"lead"`
	Coordinate []TaskCheck  `json:"coordinate"`
	Overdue    int          `json:"overdue"`
	Done       int          `json:"done"`
	Reports    []UnitReport `json:"reports"`
}

// UnitReport is a unit's report state on one plan.
type UnitReport struct {
	Plan   string              `json:"plan"`
	PlanID int64               `json:"plan_id"`
	Report *DocLink            `json:"report"`
	Status vanban.ReportStatus `json:"status"`
}

// Assignments cross-checks every plan (or the one named) as of asOf and
// regroups the tasks by unit, in Vietnamese alphabetical order. A plan
// whose cross-check fails is logged and left out.
func (a *App) Assignments(ctx context.Context, plan string, asOf vanban.Date) ([]*UnitTasks, error) {
	plans, err := a.Plans(ctx)
	if err != nil {
		return nil, err
	}
	byUnit := map[string]*UnitTasks{}
	for _, p := range plans {
		if plan != "" && p.Reference != plan && p.PlanKey() != plan {
			continue
		}
		cc, err := a.Check(ctx, p.PlanKey(), asOf)
		if err != nil {
			a.log.Warn("cross-check failed", "plan", p.Reference, "err", err)
			continue
		}
		for _, u := range cc.Units {
			ut := byUnit[u.Unit]
			if ut == nil {
				ut = &UnitTasks{Unit: u.Unit}
				byUnit[u.Unit] = ut
			}
			ut.Reports = append(ut.Reports, UnitReport{Plan: cc.Plan, PlanID: cc.PlanID, Report: u.Report, Status: u.ReportStatus})
			ut.Lead = append(ut.Lead, u.Lead...)
			ut.Coordinate = append(ut.Coordinate, u.Coordinate...)
		}
	}
	out := make([]*UnitTasks, 0, len(byUnit))
	for _, ut := range byUnit {
		for _, t := range append(append([]TaskCheck{}, ut.Lead...), ut.Coordinate...) {
			if t.Overdue {
				ut.Overdue++
			}
			if t.Status == vanban.TaskDone {
				ut.Done++
			}
		}
		out = append(out, ut)
	}
	col := collate.New(language.Vietnamese)
	sort.Slice(out, func(i, j int) bool { return col.CompareString(out[i].Unit, out[j].Unit) < 0 })
	return out, nil
}

// Check is the cross-check of ref as of asOf as the pages show it.
func (a *App) Check(ctx context.Context, ref string, asOf vanban.Date) (*CrossCheck, error) {
	r, plan, reports, err := a.check(ctx, ref, asOf)
	if err != nil {
		return nil, err
	}
	cc := &CrossCheck{
		Plan: r.Plan, PlanID: plan.ID, PlanTitle: r.PlanTitle, PlanDate: r.PlanDate, AsOf: r.AsOf,
		ReportDue: r.ReportDue, Warnings: r.Warnings,
	}
	if cc.Plan == "" {
		cc.Plan = PlanLabel(plan.Meta.Reference, plan.Meta.Date)
	}
	next := a.nextDue(plan, r.AsOf)
	reportID := map[string]int64{}
	for _, rep := range reports {
		reportID[crosscheck.ReportKey(rep)] = rep.ID
	}
	for i := range r.Units {
		u := &r.Units[i]
		uc := UnitCheck{Unit: u.Unit, ReportStatus: u.Status}
		if u.Report != nil {
			uc.Report = &DocLink{ID: reportID[u.Report.Key], Reference: u.Report.Reference, Type: vanban.TypeReport, Issuer: u.Report.Issuer, Date: u.Report.Date}
		}
		uc.Lead = withNext(taskChecks(u.Lead, cc), next)
		uc.Coordinate = withNext(taskChecks(u.Coordinate, cc), next)
		cc.Units = append(cc.Units, uc)
	}
	for _, m := range r.Review() {
		cc.Review = append(cc.Review, MatchReview{
			Plan: m.Plan, Report: m.Report, Unit: m.Unit, Item: m.ItemKey, ItemText: m.ItemText,
			Task: m.Task, TaskText: m.TaskText, Confidence: m.Score,
		})
	}
	return cc, nil
}

// sourceLabel names a status's source; "" when there is none.
func sourceLabel(s crosscheck.StatusSource) string {
	if s == "" {
		return ""
	}
	return s.Label()
}

func taskChecks(ts []crosscheck.TaskResult, cc *CrossCheck) []TaskCheck {
	out := make([]TaskCheck, 0, len(ts))
	for _, t := range ts {
		out = append(out, TaskCheck{
			Plan: cc.Plan, PlanID: cc.PlanID, STT: t.Key, Task: t.Task, Section: t.Section, Role: t.Role,
			Timeframe: t.Timeframe, Due: t.Due, Status: t.Status, State: t.State, Overdue: t.Overdue,
			Report: t.Report, Result: t.Result, Confidence: t.Confidence,
			Source: string(t.Source), SourceLabel: sourceLabel(t.Source), Item: t.Item,
		})
	}
	return out
}
