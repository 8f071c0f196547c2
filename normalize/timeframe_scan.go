package normalize

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"vanban"
)

// A timeframe cell is read in two passes: scan finds the time expressions
// of one clause (tokens), and build (timeframe.go) groups them with the
// text between them into milestones.

type tokKind int

const (
	tRange      tokKind = iota // a dated period: from..to (either may be zero)
	tPartial                   // a period without its year: Year 0 in from/to
	tRecur                     // a recurrence: hằng năm, thường xuyên…
	tDeadline                  // trước, chậm nhất là…
	tShift                     // năm liền kề, năm trước liền kề
	tCond                      // a condition, to the end of the clause
	tRef                       // a document reference (cited, not a date)
	tIgnore                    // a time of day
	tPlanPeriod                // "giai đoạn" alone: the plan's own period
	tOnward                    // "và các năm tiếp theo": every year after
)

type token struct {
	start, end int
	kind       tokKind
	from, to   vanban.Date
	recur      vanban.Recurrence
	dueDay     string // monthly: "DD"
	shift      int    // tShift: +1 the year after, -1 the year before
	weak       bool   // from a weak matcher
}

// matcher turns a regexp match (submatches as strings) into a token.
type matcher struct {
	re   *regexp.Regexp
	weak bool // loses to any other token starting at the same place
	// cased matchers run on the clause as written, the others on it
	// lower-cased.
	cased bool
	// A matcher runs only on a clause with a digit (digits) and one of
	// the words of need ("|"-separated): a cheap filter before the
	// regexp, which is tried at every position.
	digits bool
	need   string
	make   func(m []string) (token, bool)
}

const (
	reYear  = `((?:19|20)\d{2})`
	reMonth = `(1[0-2]|0?[1-9])`
	reDay   = `(3[01]|[12][0-9]|0?[1-9])`
	reQuart = `(iv|iii|ii|i|[1-4])`
	reDash  = `\s*[-–—]\s*`
	reOfYr  = `(?:\s*/\s*|\s+năm\s+)` + reYear
	reEach  = `(?:hằng|hàng|mỗi)`
)

// re compiles a pattern that scan matches against the lower-cased clause
// (case folding in the regexp engine is several times slower).
func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

var matchers = []matcher{
	// Document references first, with the issue date that follows them,
	// so "số 1441/QĐ-UBND ngày 25/9/2025" is never read as a deadline.
	{digits: true, re: regexp.MustCompile(`(?:[Ss]ố\s+)?` + refPattern + `(?:\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})?`),
		cased: true, make: func([]string) (token, bool) { return token{kind: tRef}, true }},
	{digits: true, re: re(`(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm|năm)?\s*` + reYear + reDash + reYear), make: yearSpan(1, 2)},
	{digits: true, need: "từ", re: re(`từ\s+năm\s+` + reYear + `\s+(?:đến|tới)\s+(?:hết\s+)?năm\s+` + reYear), make: yearSpan(1, 2)},
	{digits: true, need: "đến|tới", re: re(`(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?` + reYear), make: func(m []string) (token, bool) {
		y := atoi(m[1])
		return token{kind: tRange, to: vanban.D(y, 12, 31)}, true
	}},
	{digits: true, need: "từ", re: re(`(?:bắt\s+đầu(?:\s+thực\s+hiện|\s+triển\s+khai)?\s+)?từ\s+năm\s+` + reYear), make: func(m []string) (token, bool) {
		return token{kind: tRange, from: vanban.D(atoi(m[1]), 1, 1)}, true
	}},
	{digits: true, need: "quý", re: re(`quý\s+` + reQuart + reOfYr), make: func(m []string) (token, bool) {
		return quarter(m[1], atoi(m[2]))
	}},
	{need: "quý", re: re(`quý\s+` + reQuart), make: func(m []string) (token, bool) {
		t, ok := quarter(m[1], 0)
		t.kind = tPartial
		return t, ok
	}},
	{need: "tháng", re: re(`(?:0?6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s*/?\s*` + reYear + `)?`), make: half},
	{digits: true, need: "tháng", re: re(`(?:từ\s+)?tháng\s+` + reMonth + `(?:` + reOfYr + `)?\s*(?:đến|tới|-|–|—)\s*(?:hết\s+)?tháng\s+` + reMonth + reOfYr), make: monthSpan},
	{digits: true, need: "tháng", re: re(`tháng\s+` + reMonth + reOfYr), make: func(m []string) (token, bool) {
		return month(atoi(m[2]), atoi(m[1]))
	}},
	{digits: true, need: "tháng", re: re(`tháng\s+` + reMonth), make: func(m []string) (token, bool) {
		t, ok := month(0, atoi(m[1]))
		t.kind = tPartial
		return t, ok
	}},
	{digits: true, re: re(`(?:ngày\s+)?` + reDay + `\s*[/.-]\s*` + reMonth + `\s*[/.-]\s*` + reYear), make: dayOf(1, 2, 3)},
	{digits: true, need: "ngày", re: re(`ngày\s+` + reDay + `\s+tháng\s+` + reMonth + `\s+năm\s+` + reYear), make: dayOf(1, 2, 3)},
	{digits: true, re: re(`(?:ngày\s+)?` + reDay + `\s*/\s*` + reMonth), make: dayOf(1, 2, 0)},
	{digits: true, need: "ngày", re: re(`ngày\s+` + reDay + `\s+tháng\s+` + reMonth), make: dayOf(1, 2, 0)},
	{digits: true, need: "ngày", re: re(`ngày\s+` + reDay + `\s+(?:(?:của\s+)?` + reEach + `\s+tháng|của\s+tháng(?:\s+(?:liền\s+kề|sau|tiếp\s+theo|kế\s+tiếp))?)`),
		make: func(m []string) (token, bool) {
			return token{kind: tRecur, recur: vanban.Monthly, dueDay: twoDigits(atoi(m[1]))}, true
		}},
	{digits: true, need: "năm", re: re(`(?:trong\s+|cả\s+)?năm\s+` + reYear), make: func(m []string) (token, bool) {
		y := atoi(m[1])
		return token{kind: tRange, from: vanban.D(y, 1, 1), to: vanban.D(y, 12, 31)}, true
	}},
	{digits: true, re: re(reYear), make: func(m []string) (token, bool) {
		y := atoi(m[1])
		return token{kind: tRange, from: vanban.D(y, 1, 1), to: vanban.D(y, 12, 31)}, true
	}},
	{need: "năm", re: re(`(?:định\s+kỳ\s+)?(?:` + reEach + `\s+năm|(?:01|1|một)\s+năm\s+(?:một|1)\s+lần)`), make: recur(vanban.Yearly)},
	{need: "tháng|nửa", re: re(`(?:định\s+kỳ\s+)?(?:` + reEach + `\s+)?(?:0?6|sáu)\s+tháng(?:\s+(?:một|1)\s+lần)?|` + reEach + `\s+nửa\s+năm`), make: recur(vanban.HalfYearly)},
	{need: "quý", re: re(`(?:định\s+kỳ\s+)?(?:` + reEach + `\s+quý|theo\s+quý|quý\s+(?:một|1)\s+lần)`), make: recur(vanban.Quarterly)},
	{need: "tháng", re: re(`(?:định\s+kỳ\s+)?(?:` + reEach + `\s+tháng|theo\s+tháng|tháng\s+(?:một|1)\s+lần)`), make: recur(vanban.Monthly)},
	{need: "tuần", re: re(`(?:định\s+kỳ\s+)?` + reEach + `\s+tuần`), make: recur(Weekly)},
	{need: "thường|liên", re: re(`thường\s+xuyên(?:\s*,?\s*liên\s+tục)?(?:\s+trong\s+(?:năm|tháng))?|liên\s+tục`), make: recur(vanban.Continuous)},
	{need: "năm", re: re(`(?:và\s+)?(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau|kế\s+tiếp)`), make: func([]string) (token, bool) {
		return token{kind: tOnward}, true
	}},
	{need: "năm", re: re(`(?:của\s+)?năm\s+(trước\s+)?(?:liền\s+kề|sau|tiếp\s+theo|kế\s+tiếp)`), make: func(m []string) (token, bool) {
		if m[1] != "" {
			return token{kind: tShift, shift: -1}, true
		}
		return token{kind: tShift, shift: 1}, true
	}},
	{need: "trước|chậm|muộn|hạn|không", re: re(`trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|không\s+quá`),
		make: func([]string) (token, bool) { return token{kind: tDeadline}, true }},
	{digits: true, re: re(`(?:từ\s+)?\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}\s*(?:phút|p)?)?(?:\s*(?:-|–|đến)\s*\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}\s*(?:phút|p)?)?)?`),
		make: func([]string) (token, bool) { return token{kind: tIgnore}, true }},
	{need: "giai", re: re(`giai\s+đoạn`), make: func([]string) (token, bool) { return token{kind: tPlanPeriod}, true }},
	{need: "sau|khi|căn", re: re(`(?:ngay\s+)?(?:sau\s+khi|kể\s+từ\s+khi|trước\s+khi|ngay\s+khi|khi|sau|căn\s+cứ)\s.*$`), make: cond},
	// "theo" starts a condition unless it starts a recurrence ("theo quý").
	{need: "theo", re: re(`(?:tùy\s+|tuỳ\s+)?theo\s.*$`), weak: true, make: cond},
}

// refPattern matches a document's number and symbol: "1441/QĐ-UBND",
// "52/2015/NĐ-CP", "57-NQ/TW".
const refPattern = `\d+(?:/\d{4})?/[\p{Lu}Đ][\p{Lu}\p{N}Đ]*(?:[-–][\p{Lu}\p{N}Đ]+)*(?:/[\p{Lu}\p{N}Đ-]+)?|\d+-[\p{Lu}Đ]+/[\p{Lu}Đ]+`

var refRe = regexp.MustCompile(refPattern)

// Weekly is kept as an alias of vanban.Weekly ("hằng tuần").
const Weekly = vanban.Weekly

// scan returns the non-overlapping time tokens of clause s, in order: at
// each place the longest match wins, a weak one only when alone.
func scan(s string) []token {
	low := lowerSameLength(s)
	var cands []token
	hasDigit := strings.ContainsAny(s, "0123456789")
	for _, m := range matchers {
		if m.digits && !hasDigit || !m.wanted(low) {
			continue
		}
		in := low
		if m.cased {
			in = s
		}
		for _, ix := range m.re.FindAllStringSubmatchIndex(in, -1) {
			if !atWordEdges(s, ix[0], ix[1]) {
				continue
			}
			sub := make([]string, len(ix)/2)
			for i := range sub {
				if ix[2*i] >= 0 {
					sub[i] = in[ix[2*i]:ix[2*i+1]]
				}
			}
			t, ok := m.make(sub)
			if !ok {
				continue
			}
			t.start, t.end, t.weak = ix[0], ix[1], m.weak
			cands = append(cands, t)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.weak != b.weak {
			return b.weak
		}
		return a.end-a.start > b.end-b.start
	})
	var out []token
	end := 0
	for _, t := range cands {
		if t.start >= end {
			out = append(out, t)
			end = t.end
		}
	}
	return out
}

func (m matcher) wanted(low string) bool {
	if m.need == "" {
		return true
	}
	for _, w := range strings.Split(m.need, "|") {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// lowerSameLength lower-cases s rune by rune where that keeps the rune's
// UTF-8 length (all of Vietnamese), so byte offsets into the result are
// offsets into s.
func lowerSameLength(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == n {
			utf8.EncodeRune(b[i:], l)
		}
		i += n
	}
	return string(b)
}

// atWordEdges reports whether s[i:j] neither starts nor ends inside a word.
func atWordEdges(s string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if isWordRune(r) {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			return false
		}
	}
	// A leading space of an optional prefix is not part of the token.
	return j > i
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// lastDay is the last day of month m of year y (of a common year for y 0).
func lastDay(y int, m time.Month) int {
	if y == 0 {
		y = 2001
	}
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func yearSpan(a, b int) func([]string) (token, bool) {
	return func(m []string) (token, bool) {
		y1, y2 := atoi(m[a]), atoi(m[b])
		if y2 < y1 {
			return token{}, false
		}
		return token{kind: tRange, from: vanban.D(y1, 1, 1), to: vanban.D(y2, 12, 31)}, true
	}
}

var romanQuarters = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

func quarter(q string, y int) (token, bool) {
	n, ok := romanQuarters[strings.ToLower(q)]
	if !ok {
		return token{}, false
	}
	first, last := time.Month(3*n-2), time.Month(3*n)
	return token{kind: tRange, from: vanban.D(y, first, 1), to: vanban.D(y, last, lastDay(y, last))}, true
}

func half(m []string) (token, bool) {
	y := atoi(m[2])
	t := token{kind: tRange, from: vanban.D(y, 1, 1), to: vanban.D(y, 6, 30)}
	if strings.EqualFold(m[1], "cuối") {
		t.from, t.to = vanban.D(y, 7, 1), vanban.D(y, 12, 31)
	}
	if y == 0 {
		t.kind = tPartial
	}
	return t, true
}

func month(y, m int) (token, bool) {
	mm := time.Month(m)
	return token{kind: tRange, from: vanban.D(y, mm, 1), to: vanban.D(y, mm, lastDay(y, mm))}, true
}

// monthSpan reads "từ tháng 3 đến tháng 9/2026": the first month takes
// the second's year unless it names its own.
func monthSpan(m []string) (token, bool) {
	y1, y2 := atoi(m[2]), atoi(m[4])
	if y1 == 0 {
		y1 = y2
	}
	m1, m2 := time.Month(atoi(m[1])), time.Month(atoi(m[3]))
	from, to := vanban.D(y1, m1, 1), vanban.D(y2, m2, lastDay(y2, m2))
	if to.Before(from) {
		return token{}, false
	}
	return token{kind: tRange, from: from, to: to}, true
}

// dayOf reads a day from submatches d, m and y (y 0: no year, a partial).
func dayOf(d, m, y int) func([]string) (token, bool) {
	return func(s []string) (token, bool) {
		year := 0
		if y > 0 {
			year = atoi(s[y])
		}
		mm := time.Month(atoi(s[m]))
		dd := atoi(s[d])
		if dd > lastDay(year, mm) && !(mm == 2 && dd == 29 && year == 0) {
			return token{}, false
		}
		t := token{kind: tRange, from: vanban.D(year, mm, dd), to: vanban.D(year, mm, dd)}
		if year == 0 {
			t.kind = tPartial
		}
		return t, true
	}
}

func cond([]string) (token, bool) { return token{kind: tCond}, true }

func recur(r vanban.Recurrence) func([]string) (token, bool) {
	return func([]string) (token, bool) { return token{kind: tRecur, recur: r}, true }
}
