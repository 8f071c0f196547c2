package crosscheck

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"vanban"
)

// refKey is a document reference as the linker compares it: "58/KH-UBND",
// "58/KH-UBND " and "58 /KH - UBND" are one reference.
func refKey(ref string) string { return strings.ReplaceAll(fold(ref), " ", "") }

// openingChars is how much of a report's body the linker reads for its
// citation: the plan a report answers is named in its title or its first
// sentences, not in the body.
const openingChars = 1500

// Cites reports whether report reports on plan: the document its title
// or opening answers (see answered) is this plan. A citation with a
// number must give the plan's reference, and the plan's date and locality
// when it gives them (numbers restart every year and each province has
// its "Kế hoạch số 58/KH-UBND"); a citation without a number ("Thực hiện
// Kế hoạch cải cách hành chính nhà nước năm 2026 của UBND tỉnh Lâm Đồng")
// must cover the plan's title. A report answering a Công văn or a Giấy
// mời reports on that, not on a plan it mentions in passing. A report
// whose title and opening name no document links by its extracted
// citations (Meta.Cites).
func Cites(report, plan *vanban.Document) bool {
	want := refKey(plan.Meta.Reference)
	if report == plan || report.Meta.DocType == plan.Meta.DocType && refKey(report.Meta.Reference) == want {
		return false
	}
	title := norm.NFC.String(report.Meta.Title)
	opening := openingLine(norm.NFC.String(prefix(report.Text, openingChars)))
	c, ok := answered(title, opening)
	if !ok {
		return want != "" && citesRef(report.Meta.Cites, want)
	}
	if c.kind != kindPlan || !sameLocality(c.locality, plan) {
		return false
	}
	if c.ref != "" {
		return refKey(c.ref) == want && (c.date.IsZero() || plan.Meta.Date.IsZero() || c.date == plan.Meta.Date)
	}
	return coversTitle(title+" "+opening, plan.Meta.Title)
}

func citesRef(cites []string, want string) bool {
	for _, c := range cites {
		if refKey(c) == want {
			return true
		}
	}
	return false
}

// Link pairs reports with the plans they report on. A report whose plan
// is not among plans waits: it links when a later call includes its plan
// (a report received before its plan), and keeps waiting if the plan
// never arrives.
func Link(plans, reports []*vanban.Document) (byPlan map[*vanban.Document][]*vanban.Document, waiting []*vanban.Document) {
	byPlan = map[*vanban.Document][]*vanban.Document{}
	for _, rep := range reports {
		linked := false
		for _, plan := range plans {
			if Cites(rep, plan) {
				byPlan[plan] = append(byPlan[plan], rep)
				linked = true
			}
		}
		if !linked {
			waiting = append(waiting, rep)
		}
	}
	return byPlan, waiting
}

// prefix returns at most n bytes of s, cut on a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// yearRe finds the year a report covers in its title: "… năm 2026", but
// not the year of a date written out ("ngày 20 tháng 3 năm 2026").
var yearRe = regexp.MustCompile(`(?i)(tháng\s+\d{1,2}\s+)?năm\s+(\d{4})`)

// reportYear returns the year a report covers: the year its title names,
// else the year it is dated.
func reportYear(doc *vanban.Document) int {
	for _, m := range yearRe.FindAllStringSubmatch(norm.NFC.String(doc.Meta.Title), -1) {
		if m[1] == "" {
			y, _ := strconv.Atoi(m[2])
			return y
		}
	}
	return doc.Meta.Date.Year
}
