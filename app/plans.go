package app

import (
	"fmt"
	"strconv"

	"vanban"
	"vanban/crosscheck"
)

// PlanKey names the plan in links and selectors: its reference, or its
// id when it has no number yet (a draft, or a plan whose number is
// stamped after signing). LoadPlan reads both.
func (d DocInfo) PlanKey() string {
	if d.Reference != "" {
		return d.Reference
	}
	return strconv.FormatInt(d.ID, 10)
}

// PlanLabel is how a plan is named to a person: its reference; without
// one, "Kế hoạch ngày 20/03/2026 (chưa có số)", or "Kế hoạch (bản dự
// thảo)" when it has no date either.
func PlanLabel(ref string, date vanban.Date) string {
	switch {
	case ref != "":
		return ref
	case !date.IsZero():
		return fmt.Sprintf("Kế hoạch ngày %s (chưa có số)", date.VN())
	}
	return "Kế hoạch (bản dự thảo)"
}

// Label is PlanLabel of the document.
func (d DocInfo) Label() string { return PlanLabel(d.Reference, d.Date) }

// nextDue maps each task's key to its next milestone on or after asOf
// within a year, as `vanban due` would list it.
func (a *App) nextDue(plan *vanban.Document, asOf vanban.Date) map[string]crosscheck.Reminder {
	out := map[string]crosscheck.Reminder{}
	groups, err := crosscheck.Due(crosscheck.DueQuery{Plans: []*vanban.Document{plan}, From: asOf, Days: 366, Aliases: a.aliases})
	if err != nil {
		return out
	}
	for _, g := range groups {
		for _, r := range g.Reminders {
			if cur, ok := out[r.Key]; !ok || r.Due.Before(cur.Due) {
				out[r.Key] = r
			}
		}
	}
	return out
}

// withNext adds each task's next deadline and its words.
func withNext(ts []TaskCheck, next map[string]crosscheck.Reminder) []TaskCheck {
	for i := range ts {
		r, ok := next[ts[i].STT]
		if !ok {
			continue
		}
		ts[i].Next, ts[i].Recurrence = r.Due, r.Recurrence
		ts[i].DueLabel = dueLabel(r)
	}
	return ts
}

// dueLabel says a next deadline: "hằng năm, hạn 15/12", "hằng quý, hạn
// tới 31/03/2027", "hạn 30/06/2027".
func dueLabel(r crosscheck.Reminder) string {
	switch r.Recurrence {
	case vanban.Once:
		return "hạn " + r.Due.VN()
	case vanban.Yearly:
		return fmt.Sprintf("hằng năm, hạn %02d/%02d", r.Due.Day, int(r.Due.Month))
	}
	if w := RecurrenceLabel(r.Recurrence); w != "" {
		return w + ", hạn tới " + r.Due.VN()
	}
	return "hạn " + r.Due.VN()
}
