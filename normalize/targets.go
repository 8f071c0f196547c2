package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/vntext"

	"vanban"
)

// Targets reads the measurable targets of an expected-output cell
// ("Kết quả/sản phẩm dự kiến"): every count or percentage that a
// comparator or a clause start introduces, with its unit (the counted
// noun as written), rate (/năm, mỗi năm, hằng năm; /tháng…) and target
// year ("vào năm 2030"). Numbers are Vietnamese: "1.000" is a thousand,
// "2,1" two point one, "2,5 tỷ" two and a half billion. Comparators:
// trên, hơn, vượt → ">"; tối thiểu, ít nhất, đạt, không dưới, "… trở
// lên" → ">="; tối đa, không quá → "<="; dưới → "<"; otherwise "=". A
// number in a list ("tối thiểu 200 tin, 180 hình ảnh") takes the
// comparator of the one before it. Dates, years, document numbers,
// durations ("03 tháng") and levels ("02 cấp") are not targets.
func Targets(cell string) []vanban.Target {
	var out []vanban.Target
	for _, clause := range clauses(vntext.Text(cell)) {
		var inClause []vanban.Target
		for i, seg := range splitSegments(clause) {
			inClause = append(inClause, segmentTargets(seg, i > 0, inClause)...)
		}
		if y := targetYear(clause); y != 0 {
			for i := range inClause {
				if inClause[i].ByYear == 0 {
					inClause[i].ByYear = y
				}
			}
		}
		out = append(out, inClause...)
	}
	return out
}

// splitSegments splits a clause at commas outside parentheses that are
// not decimal commas.
func splitSegments(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',':
			decimal := i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])
			if depth == 0 && !decimal {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

var (
	numberRe     = regexp.MustCompile(`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`)
	comparatorRe = regexp.MustCompile(`(?i)(trên|hơn|vượt|tối\s+thiểu|ít\s+nhất|không\s+dưới|đạt|tối\s+đa|không\s+quá|dưới|khoảng|gần|xấp\s+xỉ)(?:\s+(?:là|được|mức|đạt))?\s*$`)
	orMoreRe     = regexp.MustCompile(`^(?i)\s*trở\s+lên`)
	rateRe       = regexp.MustCompile(`(?i)(?:/\s*|\b(?:mỗi|hằng|hàng|một)\s+)(năm|tháng)(?:[^\p{L}]|$)`)
	yearRe       = regexp.MustCompile(`(?i)(?:vào|đến\s+hết|đến|tới|trong|cuối)\s+năm\s+((?:19|20)\d{2})`)
	refNumberRe  = regexp.MustCompile(`^\s*[/\-–]\s*[\p{L}\d]`)
)

var comparatorOps = map[string]string{
	"trên": ">", "hơn": ">", "vượt": ">",
	"tối thiểu": ">=", "ít nhất": ">=", "không dưới": ">=", "đạt": ">=",
	"tối đa": "<=", "không quá": "<=", "dưới": "<",
	"khoảng": "=", "gần": "=", "xấp xỉ": "=",
}

// notTargetBefore are words after which a number is a date, a period or
// a document's number; notTargetUnit are the nouns after which it is a
// duration or a level.
var (
	notTargetBefore = map[string]bool{"năm": true, "tháng": true, "ngày": true, "quý": true, "số": true,
		"đoạn": true, "điều": true, "khoản": true, "điểm": true, "mục": true, "lục": true, "thứ": true,
		"kỳ": true, "khóa": true, "đợt": true, "định": true, "quyết": true, "thị": true, "luật": true}
	notTargetUnit = map[string]bool{"năm": true, "tháng": true, "ngày": true, "tuần": true, "giờ": true,
		"phút": true, "quý": true, "cấp": true, "tuổi": true}
)

// segmentTargets reads the targets of one comma-separated segment; listed
// says the segment continues a list, prev holds the clause's targets so far.
func segmentTargets(seg string, listed bool, prev []vanban.Target) []vanban.Target {
	var out []vanban.Target
	per := ""
	if m := rateRe.FindStringSubmatch(seg); m != nil {
		per = strings.ToLower(m[1])
	}
	from := 0
	for _, ix := range numberRe.FindAllStringIndex(seg, -1) {
		before, after := seg[from:ix[0]], seg[ix[1]:]
		if !isTargetNumber(seg[:ix[0]], after) {
			continue
		}
		unit, rest := readUnit(after)
		value := parseVN(seg[ix[0]:ix[1]])
		if m, ok := multipliers[strings.ToLower(firstWord(unit))]; ok {
			value *= m // "2,5 tỷ đồng"
			_, unit, _ = strings.Cut(unit, " ")
		}
		if unit == "" || notTargetUnit[strings.ToLower(firstWord(unit))] {
			continue
		}
		t := vanban.Target{Op: "=", Value: value, Unit: unit, Per: per}
		switch m := comparatorRe.FindStringSubmatch(before); {
		case m != nil:
			t.Op = comparatorOps[strings.Join(strings.Fields(strings.ToLower(m[1])), " ")]
		case orMoreRe.MatchString(rest):
			t.Op = ">="
		case listed && strings.TrimSpace(before) == "" && len(out) == 0 && len(prev) > 0:
			t.Op = prev[len(prev)-1].Op
		}
		out = append(out, t)
		from = ix[1]
	}
	return out
}

// isTargetNumber reports whether the number between head and tail counts
// something: not part of a date, reference or decimal written otherwise,
// not after a word that makes it a date or a number of a document.
func isTargetNumber(head, tail string) bool {
	if r, _ := utf8.DecodeLastRuneInString(head); isWordRune(r) || r == '/' || r == '-' || r == '.' {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(tail); isWordRune(r) || r == '.' || r == ',' && len(tail) > 1 && isDigit(tail[1]) {
		return false
	}
	if refNumberRe.MatchString(tail) {
		return false
	}
	words := strings.Fields(strings.ToLower(head))
	return len(words) == 0 || !notTargetBefore[strings.Trim(words[len(words)-1], "(:")]
}

// multipliers are the number words that scale the number before them.
var multipliers = map[string]float64{"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}

// measureNouns are counted nouns whose complement is not part of the
// unit: "1.000 biểu ghi thông tin khoa học" counts biểu ghi. Longest first.
var measureNouns = []string{"lượt truy cập", "lượt người", "biểu ghi", "bản ghi", "bài báo", "bài viết", "tin bài", "lượt"}

// unitStop are the words that end a unit.
var unitStop = map[string]bool{"vào": true, "với": true, "trên": true, "trong": true, "tại": true,
	"của": true, "cho": true, "được": true, "đã": true, "có": true, "về": true, "theo": true, "từ": true,
	"để": true, "mỗi": true, "hằng": true, "hàng": true, "trở": true, "và": true, "các": true,
	"khoảng": true, "đạt": true, "so": true, "thuộc": true, "nhằm": true, "bảo": true, "đảm": true}

// readUnit reads the counted noun at the start of s ("%" or up to eight
// words, to a stop word, punctuation or a rate "/năm"), and returns the
// rest of s.
func readUnit(s string) (unit, rest string) {
	t := strings.TrimLeft(s, " ")
	if strings.HasPrefix(t, "%") {
		return "%", t[1:]
	}
	var words []string
	i := 0
	for len(words) < 8 && i < len(t) {
		j := i
		for j < len(t) && t[j] != ' ' && !strings.ContainsRune(",;.()", rune(t[j])) {
			j++
		}
		w := t[i:j]
		if k := strings.Index(w, "/"); k >= 0 && rateRe.MatchString(w[k:]) {
			words = appendWord(words, w[:k])
			i += k
			break
		}
		if w == "" || unitStop[strings.ToLower(w)] || !startsWithLetter(w) {
			break
		}
		words = append(words, w)
		i = j
		if i < len(t) && t[i] != ' ' {
			break
		}
		i++
	}
	unit = strings.Join(words, " ")
	lower := strings.ToLower(unit)
	for _, n := range measureNouns {
		if lower == n {
			break
		}
		if strings.HasPrefix(lower, n+" ") {
			return unit[:len(n)], t[min(i, len(t)):]
		}
	}
	return unit, t[min(i, len(t)):]
}

func appendWord(words []string, w string) []string {
	if w == "" {
		return words
	}
	return append(words, w)
}

func startsWithLetter(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// parseVN reads a Vietnamese number: "." groups thousands, "," marks
// decimals.
func parseVN(s string) float64 {
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Replace(s, ",", ".", 1)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// targetYear is the year a clause sets its targets for: "vào năm 2030".
func targetYear(clause string) int {
	if m := yearRe.FindStringSubmatch(clause); m != nil {
		return atoi(m[1])
	}
	return 0
}
