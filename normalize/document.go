package normalize

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"vanban/vntext"

	"vanban"
)

// Document fills in the normalized readings of an extracted plan: each
// row's lead, coordinator and monitor parties, milestones, targets and
// "timeframe" unparsed flag, and the plan's yearly report date and the
// unit that collects reports (when the extractor left them empty), read
// from doc.Text. An issuer the alias table knows takes its canonical
// name. A lead cell that names both roles ("X chủ trì, phối hợp với Y")
// with an empty coordinators cell is split between them.
//
// The plan-wide readings scan the body's sentences about reports once,
// and only for a document with task rows: a report or a letter without a
// task table sets no report date.
func Document(doc *vanban.Document, a *Aliases) {
	a = orDefault(a)
	if name, _, known := a.Canonical(doc.Meta.Issuer); known {
		doc.Meta.Issuer = name
	}
	if len(doc.Rows) == 0 {
		return
	}
	sentences := reportSentences(doc.Text)
	if doc.Meta.AnnualReportDue == "" {
		doc.Meta.AnnualReportDue = annualReportDue(sentences)
	}
	if doc.Meta.ReportTo == "" {
		doc.Meta.ReportTo = reportTo(sentences, a)
	}
	ctx := planContext(doc, sentences)
	cells := cellMemo{a: a, m: map[string][]vanban.Party{}, tf: map[string]timeframeReading{}}
	for i := range doc.Rows {
		row(&doc.Rows[i], ctx, &cells)
	}
}

// cellMemo reads each distinct cell once: plans repeat their lead,
// coordinator and timeframe cells ("Các sở, ban, ngành", "Hằng năm") row after
// row.
type cellMemo struct {
	a  *Aliases
	m  map[string][]vanban.Party
	tf map[string]timeframeReading
}

type timeframeReading struct {
	ms []vanban.Milestone
	ok bool
}

// timeframe reads a timeframe cell once per plan (the context is the
// plan's).
func (p *cellMemo) timeframe(cell string, ctx PlanContext) ([]vanban.Milestone, bool) {
	r, ok := p.tf[cell]
	if !ok {
		r.ms, r.ok = Timeframe(cell, ctx)
		p.tf[cell] = r
	}
	return slices.Clone(r.ms), r.ok
}

func (p *cellMemo) parties(cell string) []vanban.Party {
	if ps, ok := p.m[cell]; ok {
		return slices.Clone(ps)
	}
	ps := Parties(cell, p.a)
	p.m[cell] = ps
	return slices.Clone(ps)
}

func row(r *vanban.Task, ctx PlanContext, p *cellMemo) {
	lead, coord := r.Lead, r.Coordinators
	if l, c, ok := Assignment(lead); ok && strings.TrimSpace(coord) == "" {
		lead, coord = l, c
	}
	r.LeadParties = p.parties(lead)
	r.CoordinatorParties = p.parties(coord)
	r.MonitorParties = p.parties(r.Monitor)
	ms, ok := p.timeframe(r.Timeframe, ctx)
	r.Milestones = ms
	r.Unparsed = slices.DeleteFunc(r.Unparsed, func(s string) bool { return s == "timeframe" })
	if !ok {
		r.Unparsed = append(r.Unparsed, "timeframe")
	}
	if len(r.Unparsed) == 0 {
		r.Unparsed = nil
	}
	r.Targets = Targets(r.ExpectedOutput)
}

// PlanContextOf is the context a plan gives its timeframe cells: its year
// (of its date; for an undated draft, the year its title or heading
// names), its period (from the title: "giai đoạn 2026-2030", "đến năm
// 2030") and its report days (Meta.AnnualReportDue, else the body text).
func PlanContextOf(doc *vanban.Document) PlanContext {
	return planContext(doc, reportSentences(doc.Text))
}

// planContext is PlanContextOf with the body's report sentences read.
func planContext(doc *vanban.Document, sentences []string) PlanContext {
	ctx := PlanContext{
		Year:            doc.Meta.Date.Year,
		AnnualReportDue: doc.Meta.AnnualReportDue,
		HalfYearDue:     halfYearDue(sentences),
	}
	if ctx.AnnualReportDue == "" {
		ctx.AnnualReportDue = annualReportDue(sentences)
	}
	if y := titleYear(doc.Meta.Title); y > ctx.Year {
		ctx.Year = y // an annual plan issued the December before its year
	}
	if ctx.Year == 0 {
		ctx.Year = headingYear(doc.Text)
	}
	if m := periodRe.FindStringSubmatch(doc.Meta.Title); m != nil {
		ctx.PeriodStart, ctx.PeriodEnd = atoi(m[1]), atoi(m[2])
	} else if m := untilRe.FindStringSubmatch(doc.Meta.Title); m != nil && ctx.Year > 0 {
		ctx.PeriodStart, ctx.PeriodEnd = ctx.Year, atoi(m[1])
	}
	return ctx
}

var (
	periodRe    = regexp.MustCompile(`(?i)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})`)
	untilRe     = regexp.MustCompile(`(?i)đến\s+(?:hết\s+)?năm\s+((?:19|20)\d{2})`)
	titleYearRe = regexp.MustCompile(`(?i)năm\s+((?:19|20)\d{2})`)
	placeDate   = regexp.MustCompile(`(?i)ngày\s+[\d\s]*tháng\s+[\d\s]*năm\s+((?:19|20)\d{2})`)
)

// titleYear is the year an annual plan's title names ("Kế hoạch cải
// cách hành chính năm 2026"), or 0 when its title names no year of its
// own or several: years of cited documents ("ngày 11 tháng 01 năm 2024")
// and period ends ("đến năm 2030") do not count.
func titleYear(title string) int {
	year := 0
	for _, m := range titleYearRe.FindAllStringSubmatchIndex(title, -1) {
		before := strings.ToLower(title[:m[0]])
		if monthBefore.MatchString(before) || strings.HasSuffix(strings.TrimSpace(before), "đến") ||
			strings.HasSuffix(strings.TrimSpace(before), "đến hết") {
			continue
		}
		y := atoi(title[m[2]:m[3]])
		if year != 0 && y != year {
			return 0
		}
		year = y
	}
	return year
}

var monthBefore = regexp.MustCompile(`tháng\s+\d{1,2}\s*$`)

// headingYear is the year of the place-and-date line of a plan's heading
// ("Hải Phòng, ngày tháng năm 2026"), for a plan without a date.
func headingYear(text string) int {
	head := text
	if len(head) > 2000 {
		head = head[:2000]
	}
	if m := placeDate.FindStringSubmatch(head); m != nil {
		return atoi(m[1])
	}
	return 0
}

var (
	annualDueRe = []*regexp.Regexp{
		regexp.MustCompile(`(?i)(?:hằng|hàng|mỗi)\s+năm[^.;\n]{0,80}?(?:trước|chậm\s+nhất(?:\s+là)?|trước\s+hoặc\s+vào)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})`),
		regexp.MustCompile(`(?i)(?:trước|chậm\s+nhất(?:\s+là)?)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*\d{4})?\s+(?:hằng|hàng|mỗi)\s+năm`),
	}
	halfDueRe = regexp.MustCompile(`(?i)(?:0?6|sáu)\s+tháng(?:\s+đầu\s+năm)?[^.;\n]{0,60}?(?:trước|chậm\s+nhất(?:\s+là)?)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})`)
)

// AnnualReportDue reads the yearly report date a plan sets, "MM-DD", from
// its body ("Định kỳ hằng năm trước ngày 15/12, các cơ quan … báo cáo"),
// looking first in its "Tổ chức thực hiện" section and only at sentences
// about reports; "" when the plan names none.
func AnnualReportDue(text string) string { return annualReportDue(reportSentences(text)) }

func annualReportDue(sentences []string) string {
	for _, s := range sentences {
		for _, re := range annualDueRe {
			if m := re.FindStringSubmatch(s); m != nil {
				if d, ok := monthDay(m[1], m[2]); ok {
					return d
				}
			}
		}
	}
	return ""
}

// HalfYearDue reads the due date of the half-year report ("báo cáo 6
// tháng trước ngày 15/6"), "MM-DD", or "".
func HalfYearDue(text string) string { return halfYearDue(reportSentences(text)) }

func halfYearDue(sentences []string) string {
	for _, s := range sentences {
		if m := halfDueRe.FindStringSubmatch(s); m != nil {
			if d, ok := monthDay(m[1], m[2]); ok {
				return d
			}
		}
	}
	return ""
}

func monthDay(day, month string) (string, bool) {
	d, m := atoi(day), atoi(month)
	if m < 1 || m > 12 || d < 1 || d > lastDay(0, time.Month(m)) && !(m == 2 && d == 29) {
		return "", false
	}
	return fmt.Sprintf("%02d-%02d", m, d), true
}

// sectionHead is the heading of a plan's "Tổ chức thực hiện" section.
var sectionHead = regexp.MustCompile(`^(?:[IVX]+\s*[.:-]\s*|\d+\s*[.:-]\s*)?(?:TỔ CHỨC THỰC HIỆN|Tổ chức thực hiện)\s*[.:]?$`)

var sentenceSplit = regexp.MustCompile(`\.\s+`)

// reportSentences returns the sentences of text that speak of reports,
// those from the "Tổ chức thực hiện" heading on first.
func reportSentences(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = vntext.Text(l)
	}
	for i, l := range lines {
		if sectionHead.MatchString(l) {
			lines = append(slices.Clone(lines[i+1:]), lines[:i]...)
			break
		}
	}
	var out []string
	for _, l := range lines {
		for _, s := range sentenceSplit.Split(l, -1) {
			if strings.Contains(strings.ToLower(s), "báo cáo") {
				out = append(out, s)
			}
		}
	}
	return out
}

var (
	reportToRe = []*regexp.Regexp{
		// "(gửi Sở Khoa học và Công nghệ để tổng hợp)"
		regexp.MustCompile(`(?i)gửi\s+(?:về\s+)?(?:cho\s+)?([^,;()]+?)\s+(?:để\s+)?tổng\s+hợp`),
		// "báo cáo … Ủy ban nhân dân tỉnh (qua Sở Nội vụ)"
		regexp.MustCompile(`(?i)\((?:thông\s+)?qua\s+([^,;()]+?)(?:\s+(?:để\s+)?tổng\s+hợp)?(?:\)|\s+-\s|[,;])`),
		// "gửi về Sở Nội vụ trước ngày …"
		regexp.MustCompile(`(?i)gửi\s+(?:về\s+)?(?:cho\s+)?([^,;()]+?)(?:\s+(?:trước|chậm|để|theo)\s|[,;().]|$)`),
		// "Giao Sở Khoa học và Công nghệ chủ trì, … tổng hợp, báo cáo"
		regexp.MustCompile(`(?i)(?:^|giao\s+)([^,;()]+?)\s+(?:chủ\s+trì|có\s+trách\s+nhiệm)[^.]*tổng\s+hợp`),
	}
)

// ReportTo reads the unit that collects the units' reports from a plan's
// body ("… báo cáo Ủy ban nhân dân thành phố kết quả thực hiện (gửi Sở
// Khoa học và Công nghệ để tổng hợp)"), canonical by a; "" when none.
// Sentences of the "Tổ chức thực hiện" section come first, and among
// them the plainest wording ("gửi X để tổng hợp") wins.
func ReportTo(text string, a *Aliases) string { return reportTo(reportSentences(text), a) }

func reportTo(sentences []string, a *Aliases) string {
	for _, re := range reportToRe {
		for _, s := range sentences {
			for _, m := range re.FindAllStringSubmatch(s, -1) {
				if u := collector(m[1], a); u != "" {
					return u
				}
			}
		}
	}
	return ""
}

// collector returns the canonical name of the one unit s names, or "".
func collector(s string, a *Aliases) string {
	ps := Parties(s, a)
	if len(ps) != 1 || ps[0].Kind != vanban.KindUnit || !startsParty(ps[0].Name) {
		return ""
	}
	return ps[0].Name
}
