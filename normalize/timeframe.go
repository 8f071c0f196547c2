package normalize

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"vanban/vntext"

	"vanban"
)

// PlanContext is what a timeframe cell leaves to its plan: the year of
// dates written without one, the plan's own period, and the days its body
// sets for yearly and half-yearly reports.
type PlanContext struct {
	// Year is the plan's year (of its date); dates written without a
	// year fall in it. 0: such dates are not understood.
	Year int
	// PeriodStart and PeriodEnd are the years of the plan's period
	// ("giai đoạn 2026-2030"), read for a bare "giai đoạn"; 0 when none.
	PeriodStart, PeriodEnd int
	// AnnualReportDue is the yearly due day "MM-DD" ("" means "12-31").
	AnnualReportDue string
	// HalfYearDue is the due day "MM-DD" of the first half-year report
	// ("" means "06-30").
	HalfYearDue string
}

func (c PlanContext) annualDue() string {
	if c.AnnualReportDue != "" {
		return c.AnnualReportDue
	}
	return "12-31"
}

func (c PlanContext) halfYearDue() string {
	if c.HalfYearDue != "" {
		return c.HalfYearDue
	}
	return "06-30"
}

// Timeframe reads a timeframe cell ("Thời gian thực hiện") into
// milestones: the action each applies to, the period's start and due
// dates, recurrence and due day inside each period, condition and cited
// documents. Clauses are separated by ";" and ".", steps inside a clause
// by "," or "và" followed by a new action. ok is false when some part of
// the cell was not understood (a date without a year and no plan year, a
// bare "giai đoạn" without a plan period, text no rule reads): ms then
// holds only the parts that were. An empty cell gives no milestones, ok.
func Timeframe(cell string, ctx PlanContext) (ms []vanban.Milestone, ok bool) {
	ok = true
	for _, clause := range clauses(vntext.Text(cell)) {
		drafts, good := draftsOf(clause)
		ok = ok && good
		for _, d := range drafts {
			m, good := d.milestone(ctx)
			if !good {
				ok = false
				continue
			}
			ms = append(ms, m)
		}
	}
	return ms, ok
}

// sentenceEnd is a full stop that ends a sentence: followed by a capital.
var sentenceEnd = regexp.MustCompile(`\.\s+(\p{Lu})`)

// clauses splits a cell at ";" and at full stops that end a sentence,
// dropping closing punctuation.
func clauses(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		for {
			loc := sentenceEnd.FindStringSubmatchIndex(part)
			if loc == nil {
				break
			}
			out = appendClause(out, part[:loc[0]])
			part = part[loc[2]:]
		}
		out = appendClause(out, part)
	}
	return out
}

func appendClause(out []string, s string) []string {
	s = strings.Trim(s, " .,:-–")
	if s == "" {
		return out
	}
	return append(out, s)
}

// draft is a milestone being read: its action text and tokens.
type draft struct {
	action string
	toks   []token
	cond   string
	cites  []string
	first  bool // the clause's first step, which must name a time
	// next is the step a bare "và" joins to this one ("quý I và quý III
	// năm 2026", "20/6 và 20/12 hằng năm"): it lends its year or
	// recurrence to this step's dates.
	next *draft
}

func (d *draft) timed() bool { return len(d.toks) > 0 || d.cond != "" }

// conjunction starts a new step inside a clause.
var conjunction = regexp.MustCompile(`^(?i)(?:[,;]\s*)?(?:(?:và|rồi|đồng\s+thời|sau\s+đó)(?:\s+|$))?(?:,\s*)?`)

// filler is text between tokens that adds nothing.
var filler = regexp.MustCompile(`^(?i)(?:(?:trong|vào|từ|là|tại|đến|hoặc|và)(?:\s+|$)|[,()\s])*$`)

// draftsOf reads one clause into drafts; ok is false when some text of
// the clause could not be placed.
func draftsOf(clause string) ([]*draft, bool) {
	toks := scan(clause)
	cur := &draft{first: true}
	drafts := []*draft{cur}
	ok := true
	splitNext := false // a bare "và" between two times: a new step
	pos := 0
	gap := func(text string) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		if !cur.timed() {
			cur.action = strings.TrimSpace(cur.action + " " + text)
			return
		}
		loc := conjunction.FindStringIndex(text)
		conj, rest := text[:loc[1]], strings.TrimSpace(text[loc[1]:])
		switch {
		case filler.MatchString(rest) && strings.TrimSpace(strings.Trim(conj, ",")) != "":
			splitNext = true
		case filler.MatchString(rest):
		case conj != "" && !startsWithTimeWord(rest):
			cur = &draft{action: rest}
			drafts = append(drafts, cur)
		case cur.action == "" && !startsWithTimeWord(rest):
			cur.action = rest
		default:
			ok = false
		}
	}
	for _, t := range toks {
		gap(clause[pos:t.start])
		pos = t.end
		text := clause[t.start:t.end]
		if splitNext {
			prev := cur
			cur = &draft{action: cur.action}
			prev.next = cur
			drafts = append(drafts, cur)
			splitNext = false
		}
		switch t.kind {
		case tCond:
			cur.cond = strings.TrimRight(text, " .,;")
			cur.cites = append(cur.cites, refRe.FindAllString(text, -1)...)
		case tRef:
			cur.cites = append(cur.cites, refRe.FindAllString(text, -1)...)
		case tIgnore:
		default:
			cur.toks = append(cur.toks, t)
		}
	}
	gap(clause[pos:])
	return drafts, ok
}

// timeWords start text that is about time but that no rule read.
var timeWords = regexp.MustCompile(`^(?i)(?:giai\s+đoạn|năm|tháng|quý|ngày|tuần|kỳ|đợt)(?:\s|$)`)

func startsWithTimeWord(s string) bool { return timeWords.MatchString(s) }

// milestone turns a draft into a Milestone; ok is false when it needs a
// year or period the context does not give, or names no time at all.
func (d *draft) milestone(ctx PlanContext) (vanban.Milestone, bool) {
	m := vanban.Milestone{
		Action:    cleanAction(d.action),
		Condition: d.cond,
		Cites:     d.cites,
	}
	if m.Action != "" && !plausibleAction(m.Action) {
		return m, false
	}
	if len(d.toks) == 0 {
		// An undated step is understood when it follows a dated one
		// ("… và tổ chức thực hiện") or has a condition.
		return m, d.cond != "" || !d.first && m.Action != ""
	}
	var (
		partials []token
		deadline bool
		onward   bool
		shift    int
		dueDay   string
	)
	for _, t := range d.toks {
		switch t.kind {
		case tRange:
			m.Start, m.Due = earliest(m.Start, t.from), latest(m.Due, t.to)
		case tPartial:
			partials = append(partials, t)
		case tRecur:
			if m.Recurrence == "" || m.Recurrence == vanban.Continuous {
				m.Recurrence = t.recur
			}
			if t.dueDay != "" {
				m.Recurrence, dueDay = t.recur, t.dueDay
			}
		case tDeadline:
			deadline = true
		case tShift:
			shift = t.shift
		case tOnward:
			onward = true
		case tPlanPeriod:
			if ctx.PeriodStart == 0 {
				return m, false
			}
			m.Start = earliest(m.Start, vanban.D(ctx.PeriodStart, 1, 1))
			m.Due = latest(m.Due, vanban.D(ctx.PeriodEnd, 12, 31))
		}
	}
	if shift != 0 && m.Recurrence == "" && len(partials) > 0 {
		m.Recurrence = vanban.Yearly // "trước ngày 31/01 năm liền kề": each year
	}
	year := ctx.Year
	if len(partials) > 0 && m.Recurrence == "" && d.next != nil {
		r, y := d.next.lends()
		if r != "" {
			m.Recurrence = r
		} else if y != 0 {
			year = y
		}
	}
	switch {
	case len(partials) > 0 && m.Recurrence != "" && m.Recurrence != vanban.Continuous:
		p := partials[len(partials)-1]
		m.YearlyDue = fmt.Sprintf("%02d-%02d", p.to.Month, p.to.Day)
	case len(partials) > 0:
		if year == 0 {
			return m, false
		}
		for _, p := range partials {
			m.Start = earliest(m.Start, inYear(p.from, year))
			m.Due = latest(m.Due, inYear(p.to, year))
		}
	}
	if onward {
		// "năm 2026 và các năm tiếp theo": each year from the first.
		m.Due = vanban.Date{}
		if m.Recurrence == "" {
			m.Recurrence = vanban.Yearly
		}
	}
	if dueDay != "" {
		m.YearlyDue = dueDay
	}
	if m.YearlyDue == "" {
		switch m.Recurrence {
		case vanban.Yearly:
			m.YearlyDue = ctx.annualDue()
		case vanban.HalfYearly:
			m.YearlyDue = ctx.halfYearDue()
		}
	}
	if deadline && !m.Due.IsZero() {
		m.Start = vanban.Date{}
	}
	return m, true
}

// lends returns the recurrence (other than continuous) or, failing
// that, the year of a dated period that this step names, for the step
// before it.
func (d *draft) lends() (vanban.Recurrence, int) {
	year := 0
	for _, t := range d.toks {
		switch {
		case t.kind == tRecur && t.recur != vanban.Continuous:
			return t.recur, 0
		case t.kind == tRange && year == 0 && t.to.Year != 0:
			year = t.to.Year
		}
	}
	if d.next != nil && year == 0 {
		return d.next.lends()
	}
	return "", year
}

func inYear(d vanban.Date, y int) vanban.Date {
	if d.Month == 2 && d.Day == 29 && lastDay(y, time.February) == 28 {
		d.Day = 28
	}
	return vanban.D(y, d.Month, d.Day)
}

func earliest(a, b vanban.Date) vanban.Date {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}

func latest(a, b vanban.Date) vanban.Date {
	if a.IsZero() || !b.IsZero() && b.After(a) {
		return b
	}
	return a
}

// actionTrim strips the words an action shares with the time expression
// after it ("Trình Quyết định trong …") and leading conjunctions.
var (
	actionTail = regexp.MustCompile(`(?i)(?:(?:^|\s+)(?:trong|vào|từ|là|tại|đến|thời\s+gian)|\s*[,:])+\s*$`)
	actionHead = regexp.MustCompile(`^(?i)(?:(?:và|trong|vào|từ|thời\s+gian)(?:\s+|$)|[,:]\s*)+`)
)

// badAction is text left beside a time expression that a rule should
// have read: a date part ("31/02/", "Quý V/") or a time word at the end.
var badAction = regexp.MustCompile(`(?i)\d\s*/|/\s*$|(?:^|\s)(?:quý|tháng|năm|ngày|tuần|giai\s+đoạn)(?:\s+[\dIVX]+)?$`)

// plausibleAction reports whether s reads as an action: it has a letter
// and no left-over date parts.
func plausibleAction(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0 && !badAction.MatchString(s)
}

func cleanAction(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(actionHead.ReplaceAllString(actionTail.ReplaceAllString(s, ""), ""))
		if t == s {
			return strings.Trim(s, " ,.;:()")
		}
		s = t
	}
}
