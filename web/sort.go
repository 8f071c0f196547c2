package web

import (
	"sort"

	"vanban"
	"vanban/app"
)

// option is one choice of a selector.
type option struct{ Value, Label string }

const defaultTaskSort = "ke-hoach"

// taskSortOptions are the orders the task lists offer.
var taskSortOptions = []option{
	{"ke-hoach", "Kế hoạch, STT"}, {"han", "Hạn (sớm nhất trước)"}, {"tinh-trang", "Tình trạng (quá hạn trước)"},
}

// taskSorts compare two tasks for each order; the plan's own order (the
// application's) is kept among equals.
var taskSorts = map[string]func(a, b app.TaskCheck) bool{
	"ke-hoach": func(a, b app.TaskCheck) bool { return false },
	"han": func(a, b app.TaskCheck) bool {
		da, db := deadlineOf(a), deadlineOf(b)
		if da.IsZero() != db.IsZero() {
			return db.IsZero() // undated last
		}
		return da.Before(db)
	},
	"tinh-trang": func(a, b app.TaskCheck) bool {
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		return stateRank(a.State) < stateRank(b.State)
	},
}

// deadlineOf is the date a task is sorted by: the one it missed when
// overdue, else its next deadline, else its final one.
func deadlineOf(t app.TaskCheck) vanban.Date {
	if !t.Overdue && !t.Next.IsZero() {
		return t.Next
	}
	return t.Due
}

// stateRank orders states from most to least in need of attention.
func stateRank(s vanban.TaskState) int {
	for i, name := range []vanban.TaskState{vanban.NotReportedState, vanban.NotStartedState, vanban.InProgressLate,
		vanban.UnclearState, vanban.InProgressOnTime, vanban.DoneLate, vanban.DoneOnTime} {
		if s == name {
			return i
		}
	}
	return 99
}

// sortTasks orders a unit's task lists by the order named (the plan's
// order when unknown).
func sortTasks(u *app.UnitTasks, order string) {
	less := taskSorts[order]
	if less == nil {
		return
	}
	for _, ts := range [][]app.TaskCheck{u.Lead, u.Coordinate} {
		sort.SliceStable(ts, func(i, j int) bool { return less(ts[i], ts[j]) })
	}
}
