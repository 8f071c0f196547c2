package crosscheck

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"vanban"
)

// What a report answers. Units open a report with the document they
// answer: "Kết quả thực hiện Kế hoạch số 58/KH-UBND ngày 20/3/2026 …" in
// the title, "Thực hiện Công văn số 6215/UBND-KT …, Sở Tài chính báo cáo
// như sau" in the first sentence. A plan mentioned later ("trên cơ sở
// các nhiệm vụ tại Kế hoạch số 58/KH-UBND") is context, not the answer.

// docKind is the kind of document a report answers.
type docKind int

const (
	kindPlan  docKind = iota + 1 // Kế hoạch
	kindOther                    // Công văn, Văn bản, Giấy mời, Thông báo
)

// citation is the document a report answers.
type citation struct {
	kind     docKind
	ref      string      // "58/KH-UBND"; "" when the citation gives no number
	date     vanban.Date // zero when not given
	locality string      // "Lâm Đồng" when the citation names its issuer's province
}

// answerRe finds a cited document: its kind, its number (not "số /KH-UBND"
// of a draft), its date in either of the ways reports write it.
var answerRe = regexp.MustCompile(`(?i:(kế hoạch|công văn|văn bản|giấy mời|thông báo))(?:\s+(?i:số))?\s*(\d+(?:/\d{4})?/[\p{Lu}Đ][\p{L}\d]*(?:[-/][\p{Lu}Đ][\p{L}\d]*)*)?(?:\s*,?\s*(?i:ngày)\s+(\d{1,2})\s*(?:[/.-]|\s+(?i:tháng)\s+)(\d{1,2})\s*(?:[/.-]|\s+(?i:năm)\s+)(\d{4}))?`)

// localityRe finds the province a citation's issuer names: "của Ủy ban
// nhân dân tỉnh Lâm Đồng", "… thành phố Hải Phòng".
var localityRe = regexp.MustCompile(`^[^,;:.]{0,60}?(?:tỉnh|thành phố)\s+((?:\p{Lu}[\p{L}]*)(?:\s+\p{Lu}[\p{L}]*){0,3})`)

// openingRe matches the first sentence of a report's body that says what
// it answers.
var openingRe = regexp.MustCompile(`(?i)^(?:thực hiện|căn cứ|theo|triển khai)\s`)

// openingLine returns the first line of the body's opening that says what
// the report answers, "" when none does.
func openingLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); openingRe.MatchString(l) {
			return l
		}
	}
	return ""
}

// answered returns what the report answers: the first document its title
// cites, else the first its opening sentence cites. A plan cited without
// a number in the title gives way to a numbered plan in the opening.
// Other kinds count only with a number ("rà soát văn bản" is no citation).
func answered(title, opening string) (citation, bool) {
	t, tok := firstCitation(title)
	o, ook := firstCitation(opening)
	switch {
	case tok && (t.ref != "" || t.kind != kindPlan || !ook || o.kind != kindPlan || o.ref == ""):
		if t.kind == kindPlan && t.ref == "" && t.locality == "" && ook && o.kind == kindPlan {
			t.locality = o.locality
		}
		return t, true
	case ook:
		return o, true
	}
	return citation{}, false
}

// firstCitation returns the first document s cites.
func firstCitation(s string) (citation, bool) {
	for _, m := range answerRe.FindAllStringSubmatchIndex(s, -1) {
		kind := kindOther
		if strings.EqualFold(s[m[2]:m[3]], "kế hoạch") {
			kind = kindPlan
		}
		c := citation{kind: kind}
		if m[4] >= 0 {
			c.ref = s[m[4]:m[5]]
		}
		if kind == kindOther && c.ref == "" {
			continue
		}
		if m[6] >= 0 {
			c.date = dateOf(s[m[6]:m[7]], s[m[8]:m[9]], s[m[10]:m[11]])
		}
		if l := localityRe.FindStringSubmatch(s[m[1]:]); l != nil {
			c.locality = l[1]
		}
		return c, true
	}
	return citation{}, false
}

func dateOf(day, month, year string) vanban.Date {
	d, _ := strconv.Atoi(day)
	mo, _ := strconv.Atoi(month)
	y, _ := strconv.Atoi(year)
	return vanban.D(y, time.Month(mo), d)
}

// sameLocality reports whether a cited province is the plan's: the one
// its issuer or place names. A citation naming none agrees with any plan.
func sameLocality(locality string, plan *vanban.Document) bool {
	if locality == "" {
		return true
	}
	own := fold(plan.Meta.Issuer + " " + plan.Meta.Place)
	return own == "" || containsPhrase(own, fold(locality))
}

// minTitleCover is the share of a plan title's syllables that a report's
// title and opening must hold to answer the plan without its number.
const minTitleCover = 0.85

// coversTitle reports whether text holds nearly every syllable of the
// plan's title: an unnumbered draft plan is cited by its subject.
func coversTitle(text, planTitle string) bool {
	want := distinct(words(planTitle))
	if len(want) < 4 {
		return false
	}
	have := map[string]bool{}
	for _, w := range words(text) {
		have[w] = true
	}
	n := 0
	for _, w := range want {
		if have[w] {
			n++
		}
	}
	return float64(n) >= minTitleCover*float64(len(want))
}

func distinct(ws []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// placeRe finds a province or city in an issuer's name: "Ủy ban nhân dân
// tỉnh Lâm Đồng" → "tỉnh Lâm Đồng".
var placeRe = regexp.MustCompile(`(?i:(tỉnh|thành phố))\s+(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,3})`)

// PlanLocality returns the province or city whose body issued the plan,
// as "tỉnh Lâm Đồng" or "thành phố Hải Phòng"; "" when its issuer names
// none. A plan's named units belong to that place.
func PlanLocality(plan *vanban.Document) string {
	if m := placeRe.FindStringSubmatch(plan.Meta.Issuer); m != nil {
		return strings.ToLower(m[1]) + " " + m[2]
	}
	return ""
}
