package crosscheck

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"vanban"
)

// refKey is a document reference as the linker compares it: "58/KH-UBND",
// "58/KH-UBND " and "58 /KH - UBND" are one reference.
func refKey(ref string) string { return strings.ReplaceAll(fold(ref), " ", "") }

// planCitationRe finds a plan citation with its date, in either of the
// ways reports write it: "Kế hoạch số 58/KH-UBND ngày 20/3/2026" or "…
// ngày 20 tháng 3 năm 2026".
var planCitationRe = regexp.MustCompile(`(?i:kế hoạch)\s+(?:(?i:số)\s*)?(\d+(?:/\d{4})?/[\p{Lu}Đ][\p{L}\d]*(?:[-/][\p{Lu}Đ][\p{L}\d]*)*)(?:\s*,?\s*(?i:ngày)\s+(\d{1,2})\s*(?:[/.-]|\s+(?i:tháng)\s+)(\d{1,2})\s*(?:[/.-]|\s+(?i:năm)\s+)(\d{4}))?`)

// openingChars is how much of a report's body the linker reads for its
// citation: the plan a report answers is named in its title or its first
// sentences, not in the body.
const openingChars = 1500

// Cites reports whether report reports on plan. The plan a report answers
// is the first plan its title or opening cites ("Kết quả thực hiện Kế
// hoạch số 58/KH-UBND ngày 20/3/2026…"); a citation that gives a date must
// give the plan's date, as numbers restart every year (58/KH-UBND of 2025
// is another plan). A report whose text names no plan links by its
// extracted citations (Meta.Cites).
func Cites(report, plan *vanban.Document) bool {
	want := refKey(plan.Meta.Reference)
	if want == "" || report == plan || report.Meta.DocType == plan.Meta.DocType && refKey(report.Meta.Reference) == want {
		return false
	}
	opening := norm.NFC.String(report.Meta.Title + "\n" + prefix(report.Text, openingChars))
	if m := planCitationRe.FindStringSubmatch(opening); m != nil {
		if refKey(m[1]) != want {
			return false
		}
		return m[4] == "" || plan.Meta.Date.IsZero() || citedDate(m) == plan.Meta.Date
	}
	for _, c := range report.Meta.Cites {
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

func citedDate(m []string) vanban.Date {
	d, _ := strconv.Atoi(m[2])
	mo, _ := strconv.Atoi(m[3])
	y, _ := strconv.Atoi(m[4])
	return vanban.D(y, time.Month(mo), d)
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
