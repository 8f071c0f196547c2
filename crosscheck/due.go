package crosscheck

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode"

	"vanban"
)

// ErrUnknownUnit is returned by Due when the unit asked for is named by
// none of the plans.
var ErrUnknownUnit = errors.New("không có đơn vị này trong các kế hoạch")

// DueQuery asks for the milestones falling due in a window.
type DueQuery struct {
	Plans []*vanban.Document
	From  vanban.Date
	Days  int // the window is From … From+Days, both included
	// Unit, when set, keeps only that unit's milestones; it is matched
	// like a report's issuer (old and abbreviated names too).
	Unit    string
	Aliases Aliases
}

// Reminder is one milestone of one task falling due.
type Reminder struct {
	Plan       string            `json:"plan"`
	Key        string            `json:"key"` // see TaskKeys
	STT        string            `json:"stt"`
	Task       string            `json:"task"`
	Action     string            `json:"action,omitempty"`
	Timeframe  string            `json:"timeframe"`
	Role       vanban.Role       `json:"role"`
	Due        vanban.Date       `json:"due"`
	Recurrence vanban.Recurrence `json:"recurrence,omitempty"`
}

// DueGroup is the reminders of one unit or group.
type DueGroup struct {
	Unit string           `json:"unit"`
	Kind vanban.PartyKind `json:"kind"`
	// Locality is the province or city of the plans naming the unit
	// ("tỉnh Lâm Đồng"): Sở Tài chính of Lâm Đồng and Sở Tài chính of
	// Hải Phòng are two units, never one group.
	Locality  string     `json:"locality,omitempty"`
	Reminders []Reminder `json:"reminders"`
}

// Due lists the milestones of the plans falling due in the window,
// grouped by the unit (or group) that leads or coordinates the task, the
// unit with the earliest date first. A recurring milestone falls due on
// each occurrence of its date inside its span and after its plan's date.
func Due(q DueQuery) ([]DueGroup, error) {
	to := vanban.DateOf(q.From.Time().AddDate(0, 0, q.Days))
	want := ""
	if q.Unit != "" {
		name, ok := newUnitIndex(partyNames(q.Plans), q.Aliases).resolve(q.Unit)
		if !ok {
			return nil, fmt.Errorf("%q: %w", q.Unit, ErrUnknownUnit)
		}
		want = name
	}
	groups := map[string]*DueGroup{}
	for _, plan := range q.Plans {
		keys, loc := TaskKeys(plan), PlanLocality(plan)
		for i := range plan.Rows {
			t := &plan.Rows[i]
			for _, m := range t.Milestones {
				for _, d := range occurrences(m, q.From, to, plan.Meta.Date) {
					r := Reminder{Plan: planName(plan), Key: keys[i], STT: t.STT, Task: t.Task, Action: m.Action,
						Timeframe: t.Timeframe, Due: d, Recurrence: m.Recurrence}
					addReminder(groups, t.LeadParties, vanban.RoleLead, r, want, loc)
					addReminder(groups, t.CoordinatorParties, vanban.RoleCoordinate, r, want, loc)
				}
			}
		}
	}
	return sortGroups(groups), nil
}

// planName is how a reminder names its plan: its reference, else its file.
func planName(plan *vanban.Document) string {
	if plan.Meta.Reference != "" {
		return plan.Meta.Reference
	}
	return plan.File
}

// addReminder files r under each party; coordinators only when they are
// named units, groups under their name as written.
func addReminder(groups map[string]*DueGroup, parties []vanban.Party, role vanban.Role, r Reminder, want, locality string) {
	for _, p := range parties {
		if role == vanban.RoleCoordinate && p.Kind != vanban.KindUnit || want != "" && p.Name != want {
			continue
		}
		key := locality + "\x00" + p.Name
		g := groups[key]
		if g == nil {
			g = &DueGroup{Unit: p.Name, Kind: p.Kind, Locality: locality}
			groups[key] = g
		}
		r.Role = role
		g.Reminders = append(g.Reminders, r)
	}
}

func sortGroups(groups map[string]*DueGroup) []DueGroup {
	out := make([]DueGroup, 0, len(groups))
	for _, g := range groups {
		sort.SliceStable(g.Reminders, func(i, j int) bool { return g.Reminders[i].Due.Before(g.Reminders[j].Due) })
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Reminders[0].Due, out[j].Reminders[0].Due
		if a != b {
			return a.Before(b)
		}
		if out[i].Kind != out[j].Kind {
			return out[i].Kind == vanban.KindUnit
		}
		if out[i].Unit != out[j].Unit {
			return out[i].Unit < out[j].Unit
		}
		return out[i].Locality < out[j].Locality
	})
	return out
}

// partyNames lists the named units of the plans.
func partyNames(plans []*vanban.Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range plans {
		for _, n := range namedUnits(p) {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// ParseWithin reads a window length as the due command takes it: "30d",
// "2w", "3m" (30-day months), or a bare number of days.
func ParseWithin(s string) (days int, err error) {
	if s == "" {
		return 0, errors.New("thiếu độ dài khoảng thời gian")
	}
	unit := s[len(s)-1]
	num := s
	mult := 1
	switch unit {
	case 'd', 'D':
		num = s[:len(s)-1]
	case 'w', 'W':
		num, mult = s[:len(s)-1], 7
	case 'm', 'M':
		num, mult = s[:len(s)-1], 30
	}
	var n int
	if _, err := fmt.Sscanf(num, "%d", &n); err != nil || n < 0 || fmt.Sprint(n) != num {
		return 0, fmt.Errorf("khoảng thời gian %q không hợp lệ (ví dụ: 30d, 2w, 3m)", s)
	}
	return n * mult, nil
}

// WriteDueText writes the reminders as the secretariat sends them: one
// block per unit, its milestones by date.
func WriteDueText(w io.Writer, groups []DueGroup, from vanban.Date, days int) error {
	p := &printer{w: w}
	to := vanban.DateOf(from.Time().AddDate(0, 0, days))
	p.f("CÁC MỐC ĐẾN HẠN TỪ %s ĐẾN %s\n", from.VN(), to.VN())
	if len(groups) == 0 {
		p.f("Không có mốc nào đến hạn.\n")
	}
	places := localities(groups)
	for _, g := range groups {
		name := g.Unit
		if places > 1 && g.Locality != "" {
			name += " " + g.Locality
		}
		p.f("\n%s (%d):\n", name, len(g.Reminders))
		for _, r := range g.Reminders {
			action := ""
			if r.Action != "" {
				action = r.Action + " — "
			}
			p.f("  - %s: KH %s, nhiệm vụ %s (%s): %s%s\n", r.Due.VN(), r.Plan, r.Key,
				lowerFirst(r.Role.Label()), action, clip(r.Task, 90))
		}
	}
	return p.err
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// localities counts the distinct localities of the groups: the reminders
// name a unit's province only when there are several.
func localities(groups []DueGroup) int {
	seen := map[string]bool{}
	for _, g := range groups {
		if g.Locality != "" {
			seen[g.Locality] = true
		}
	}
	return len(seen)
}
