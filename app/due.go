package app

import (
	"context"
	"errors"
	"sort"
	"strconv"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"vanban"
	"vanban/crosscheck"
)

// DueItem is one milestone of one task on the deadlines page: due in the
// window, or already overdue, with the unit's report state on the plan.
type DueItem struct {
	Unit       string            `json:"unit"`
	Kind       vanban.PartyKind  `json:"kind,omitempty"`
	Plan       string            `json:"plan"`
	PlanID     int64             `json:"plan_id"`
	STT        string            `json:"stt"` // the task's key (crosscheck.TaskKeys)
	Task       string            `json:"task"`
	Action     string            `json:"action,omitempty"`
	Timeframe  string            `json:"timeframe"`
	Role       vanban.Role       `json:"role"`
	Due        vanban.Date       `json:"due"`
	Recurrence vanban.Recurrence `json:"recurrence,omitempty"`
	Overdue    bool              `json:"overdue"`
	// State is the task's tracking category as of the window's first
	// day; empty when the plan could not be cross-checked.
	State        vanban.TaskState    `json:"state,omitempty"`
	ReportStatus vanban.ReportStatus `json:"report_status,omitempty"`
	Report       *DocLink            `json:"report,omitempty"`
}

// DueList is the deadlines page: what falls due in the window (the list
// of `vanban due`) and what is already overdue on the window's first day.
type DueList struct {
	From     vanban.Date `json:"from"`
	To       vanban.Date `json:"to"`
	Days     int         `json:"days"`
	Unit     string      `json:"unit,omitempty"` // the unit asked for, by its canonical name
	Upcoming []DueItem   `json:"upcoming"`
	Overdue  []DueItem   `json:"overdue"`
	// Units are every unit the plans name, for the page's unit filter.
	Units []string `json:"units"`
}

// DueList lists the milestones due in the window of q with the unit's
// report state, and the tasks already overdue on its first day.
func (a *App) DueList(ctx context.Context, q DueQuery) (*DueList, error) {
	if q.From.IsZero() {
		q.From = a.today()
	}
	groups, err := a.Due(ctx, q)
	if errors.Is(err, crosscheck.ErrUnknownUnit) {
		return nil, vanban.Wrap(vanban.ENotFound, err, "không có đơn vị %q trong các kế hoạch hiện hành", q.Unit)
	}
	if err != nil {
		return nil, err
	}
	plans, err := a.currentPlans(ctx, q.Plan)
	if err != nil {
		return nil, err
	}
	l := &DueList{From: q.From, To: vanban.DateOf(q.From.Time().AddDate(0, 0, q.Days)), Days: q.Days,
		Upcoming: []DueItem{}, Overdue: []DueItem{}}
	if len(groups) > 0 && q.Unit != "" {
		l.Unit = groups[0].Unit
	} else if q.Unit != "" {
		l.Unit = a.canonicalUnit(q.Unit)
	}
	checks := a.planChecks(ctx, plans, q.From)
	l.Units = checkUnits(checks)
	l.Upcoming = upcomingItems(groups, checks)
	l.Overdue = overdueItems(checks, l.Unit)
	return l, nil
}

func (a *App) canonicalUnit(name string) string {
	if canon, _, ok := a.aliases.Canonical(name); ok {
		return canon
	}
	return name
}

// planChecks cross-checks each plan as of asOf, by its reference (or its
// id when it has none). A plan whose cross-check fails is logged and
// left out: its milestones still show, without a report state.
func (a *App) planChecks(ctx context.Context, plans []*vanban.Document, asOf vanban.Date) map[string]*CrossCheck {
	out := map[string]*CrossCheck{}
	passed := map[string]map[string]vanban.Date{}
	for _, p := range plans {
		ref := p.Meta.Reference
		if ref == "" {
			ref = strconv.FormatInt(p.ID, 10)
		}
		cc, err := a.Check(ctx, ref, asOf)
		if err != nil {
			a.log.Warn("cross-check failed", "plan", ref, "err", err)
			continue
		}
		cc.PlanID = p.ID
		if cc.Plan == "" {
			cc.Plan = planName(p)
		}
		out[planName(p)] = cc
		passed[planName(p)] = a.passedDates(ctx, ref, asOf)
	}
	// An overdue task shows the date that passed, not its final one: a
	// task due in April 2026 and running to 2030 is late since April.
	for name, cc := range out {
		for i := range cc.Units {
			for _, ts := range [][]TaskCheck{cc.Units[i].Lead, cc.Units[i].Coordinate} {
				for j := range ts {
					if d, ok := passed[name][ts[j].STT]; ok && ts[j].Overdue {
						ts[j].Due = d
					}
				}
			}
		}
	}
	return out
}

// passedDates maps the keys of the plan's overdue tasks to the due date
// each one missed, as the cross-check's overdue list gives it.
func (a *App) passedDates(ctx context.Context, ref string, asOf vanban.Date) map[string]vanban.Date {
	out := map[string]vanban.Date{}
	r, err := a.CrossCheck(ctx, ref, asOf)
	if err != nil {
		return out
	}
	for _, o := range r.Overdue {
		if !o.Due.IsZero() {
			out[o.Key] = o.Due
		}
	}
	return out
}

// planName is how crosscheck.Due names a plan: its reference, else its file.
func planName(p *vanban.Document) string {
	if p.Meta.Reference != "" {
		return p.Meta.Reference
	}
	return p.File
}

// checkUnits lists the units of the cross-checks in Vietnamese order.
func checkUnits(checks map[string]*CrossCheck) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, cc := range checks {
		for _, u := range cc.Units {
			if !seen[u.Unit] {
				seen[u.Unit] = true
				out = append(out, u.Unit)
			}
		}
	}
	col := collate.New(language.Vietnamese)
	sort.Slice(out, func(i, j int) bool { return col.CompareString(out[i], out[j]) < 0 })
	return out
}

// upcomingItems flattens the groups of Due, in their order, and adds
// each unit's task state and report state from its plan's cross-check.
func upcomingItems(groups []crosscheck.DueGroup, checks map[string]*CrossCheck) []DueItem {
	out := []DueItem{}
	for _, g := range groups {
		for _, r := range g.Reminders {
			it := DueItem{Unit: g.Unit, Kind: g.Kind, Plan: r.Plan, STT: r.Key, Task: r.Task, Action: r.Action,
				Timeframe: r.Timeframe, Role: r.Role, Due: r.Due, Recurrence: r.Recurrence}
			if cc := checks[r.Plan]; cc != nil {
				it.PlanID = cc.PlanID
				if u := findUnit(cc, g.Unit); u != nil {
					it.ReportStatus, it.Report = u.ReportStatus, u.Report
					if t := findTaskCheck(u, r.Key, r.Role); t != nil {
						it.State = t.State
					}
				}
			}
			out = append(out, it)
		}
	}
	return out
}

// overdueItems lists the overdue tasks of the cross-checks, the oldest
// deadline first; only unit's when unit is set.
func overdueItems(checks map[string]*CrossCheck, unit string) []DueItem {
	out := []DueItem{}
	for _, cc := range checks {
		for _, u := range cc.Units {
			if unit != "" && u.Unit != unit {
				continue
			}
			for _, t := range append(append([]TaskCheck{}, u.Lead...), u.Coordinate...) {
				if !t.Overdue {
					continue
				}
				out = append(out, DueItem{Unit: u.Unit, Plan: cc.Plan, PlanID: cc.PlanID, STT: t.STT, Task: t.Task,
					Timeframe: t.Timeframe, Role: t.Role, Due: t.Due, Overdue: true, State: t.State,
					ReportStatus: u.ReportStatus, Report: u.Report})
			}
		}
	}
	col := collate.New(language.Vietnamese)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Due != out[j].Due {
			return out[i].Due.Before(out[j].Due)
		}
		if out[i].Unit != out[j].Unit {
			return col.CompareString(out[i].Unit, out[j].Unit) < 0
		}
		if out[i].Plan != out[j].Plan {
			return out[i].Plan < out[j].Plan
		}
		return out[i].STT < out[j].STT
	})
	return out
}

func findUnit(cc *CrossCheck, name string) *UnitCheck {
	for i := range cc.Units {
		if cc.Units[i].Unit == name {
			return &cc.Units[i]
		}
	}
	return nil
}

func findTaskCheck(u *UnitCheck, key string, role vanban.Role) *TaskCheck {
	ts := u.Lead
	if role == vanban.RoleCoordinate {
		ts = u.Coordinate
	}
	for i := range ts {
		if ts[i].STT == key {
			return &ts[i]
		}
	}
	return nil
}
