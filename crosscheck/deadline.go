package crosscheck

import (
	"strconv"
	"strings"
	"time"

	"vanban"
)

// stepMonths is the length in months of each period of a recurrence.
var stepMonths = map[vanban.Recurrence]int{
	vanban.Yearly:     12,
	vanban.HalfYearly: 6,
	vanban.Quarterly:  3,
	vanban.Monthly:    1,
}

// occurrences returns the due dates of milestone m in [from, to]: its due
// date for a one-off milestone, every date of its period inside the
// milestone's own span for a recurring one ("Báo cáo trong tháng 12 hàng
// năm" is due 31/12 of every year), none for continuous work. notBefore
// (the plan's date) bounds a recurring milestone that names no start.
func occurrences(m vanban.Milestone, from, to, notBefore vanban.Date) []vanban.Date {
	step, recurring := stepMonths[m.Recurrence]
	if !recurring {
		if m.Recurrence == vanban.Once && !m.Due.IsZero() && !m.Due.Before(from) && !m.Due.After(to) {
			return []vanban.Date{m.Due}
		}
		return nil
	}
	month, day, ok := periodDue(m)
	if !ok {
		return nil
	}
	lo, hi := from, to
	if start := m.Start; !start.IsZero() && start.After(lo) {
		lo = start
	} else if start.IsZero() && notBefore.After(lo) {
		lo = notBefore
	}
	if !m.Due.IsZero() && m.Due.Before(hi) {
		hi = m.Due
	}
	var out []vanban.Date
	for y := lo.Year; y <= hi.Year; y++ {
		for mo := month; mo <= 12; mo += step {
			d := clampDay(y, mo, day)
			if !d.Before(lo) && !d.After(hi) {
				out = append(out, d)
			}
		}
	}
	return out
}

// periodDue reads a recurring milestone's date inside its period: "MM-DD"
// as the month and day of the first period, "DD" for a monthly one.
// Periods shorter than a year repeat from the earliest month.
func periodDue(m vanban.Milestone) (month, day int, ok bool) {
	step := stepMonths[m.Recurrence]
	s := strings.TrimSpace(m.YearlyDue)
	if s == "" {
		return 0, 0, false
	}
	if mm, dd, found := strings.Cut(s, "-"); found {
		month, _ = strconv.Atoi(mm)
		day, _ = strconv.Atoi(dd)
	} else {
		month = 1
		day, _ = strconv.Atoi(s)
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return 0, 0, false
	}
	for month-step >= 1 {
		month -= step
	}
	return month, day, true
}

// clampDay returns the date of day in the month, or the month's last day
// when it has fewer days ("31" in a monthly milestone).
func clampDay(y, mo, day int) vanban.Date {
	last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day > last {
		day = last
	}
	return vanban.D(y, time.Month(mo), day)
}

// deadline is what a task's timeframe means on the as-of date.
type deadline struct {
	// final is the last due date of the task's one-off milestones.
	final vanban.Date
	// passed are the one-off due dates before the as-of date.
	passed []vanban.Date
	// period is the last recurring due date on or before the as-of date
	// in the cycle; zero when none.
	period vanban.Date
}

// taskDeadline reads the deadlines of task t as of asOf, for a plan dated
// planDate, in the cycle that starts on cycleStart.
func taskDeadline(t *vanban.Task, asOf, planDate, cycleStart vanban.Date) deadline {
	var dl deadline
	for _, m := range t.Milestones {
		if m.Recurrence == vanban.Once {
			if m.Due.IsZero() {
				continue
			}
			if m.Due.After(dl.final) {
				dl.final = m.Due
			}
			if m.Due.Before(asOf) {
				dl.passed = append(dl.passed, m.Due)
			}
			continue
		}
		for _, d := range occurrences(m, cycleStart, asOf, planDate) {
			if d.After(dl.period) {
				dl.period = d
			}
		}
	}
	return dl
}

// dated reports whether the task has any due date at all.
func (dl deadline) dated() bool { return !dl.final.IsZero() || !dl.period.IsZero() }

// overdue tells whether work in status s is late: a one-off milestone
// passed and the work is not done, or this cycle's recurring date passed
// and the unit neither reported nor started it. Recurring work in
// progress is normal: it is never finished.
func (dl deadline) overdue(s vanban.TaskStatus, asOf vanban.Date) bool {
	if len(dl.passed) > 0 && s != vanban.TaskDone {
		return true
	}
	return !dl.period.IsZero() && dl.period.Before(asOf) && (s == vanban.TaskNotReported || s == vanban.TaskNotStarted)
}

// doneLate tells whether work reported done in a report dated on was
// reported after its due date: the one-off deadline, or for recurring
// work this cycle's date.
func (dl deadline) doneLate(on vanban.Date) bool {
	if on.IsZero() {
		return false
	}
	if !dl.final.IsZero() {
		return on.After(dl.final)
	}
	return !dl.period.IsZero() && on.After(dl.period)
}

// shown is the due date a reader is shown for the task.
func (dl deadline) shown() vanban.Date {
	if !dl.final.IsZero() {
		return dl.final
	}
	return dl.period
}
