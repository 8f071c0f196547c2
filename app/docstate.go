package app

import (
	"context"
	"strconv"

	"vanban"
	"vanban/crosscheck"
)

// RowState is a plan row's standing today: the least advanced state of
// its lead units, overdue when one of them is late.
type RowState struct {
	State   vanban.TaskState `json:"state,omitempty"`
	Overdue bool             `json:"overdue,omitempty"`
}

// ItemMatch is the plan task a report item was matched to.
type ItemMatch struct {
	Plan     string  `json:"plan"`
	PlanID   int64   `json:"plan_id"`
	Task     string  `json:"task"` // the task's key (crosscheck.TaskKeys); "" when none
	TaskText string  `json:"task_text,omitempty"`
	Accepted bool    `json:"accepted"`
	Score    float64 `json:"confidence"`
}

// addStates gives a plan's page each row's state and a report's page
// each item's task, from today's cross-check. A cross-check that fails
// leaves them out: the page still shows the document.
func (a *App) addStates(ctx context.Context, p *DocPage) {
	switch {
	case p.Doc == nil:
	case p.Info.Type == vanban.TypePlan && len(p.Doc.Rows) > 0:
		r, _, _, err := a.check(ctx, strconv.FormatInt(p.Info.ID, 10), a.today())
		if err == nil {
			p.RowStates = rowStates(r, len(p.Doc.Rows))
		}
	case len(p.Doc.ReportItems) > 0:
		p.ItemMatches = a.itemMatches(ctx, p)
	}
}

func rowStates(r *crosscheck.Result, n int) []RowState {
	out := make([]RowState, n)
	rank := make([]int, n)
	for _, u := range r.Units {
		for _, t := range u.Lead {
			if t.Row < 0 || t.Row >= n {
				continue
			}
			if out[t.Row].State == "" || t.Status.Rank() < rank[t.Row] {
				out[t.Row].State, rank[t.Row] = t.State, t.Status.Rank()
			}
			out[t.Row].Overdue = out[t.Row].Overdue || t.Overdue
		}
	}
	return out
}

// itemMatches finds each item's task in the cross-checks of the stored
// plans the report cites.
func (a *App) itemMatches(ctx context.Context, p *DocPage) []ItemMatch {
	out := make([]ItemMatch, len(p.Doc.ReportItems))
	key := crosscheck.ReportKey(p.Doc)
	found := false
	for _, c := range p.Cites {
		if c.ID == 0 || c.Type != vanban.TypePlan {
			continue
		}
		r, _, _, err := a.check(ctx, strconv.FormatInt(c.ID, 10), a.today())
		if err != nil {
			continue
		}
		for _, m := range r.Matches {
			if m.Report != key || m.Task == "" || m.Item < 1 || m.Item > len(out) {
				continue
			}
			out[m.Item-1] = ItemMatch{Plan: PlanLabel(r.Plan, r.PlanDate), PlanID: c.ID, Task: m.Task, TaskText: m.TaskText, Accepted: m.Accepted, Score: m.Score}
			found = true
		}
	}
	if !found {
		return nil
	}
	return out
}
