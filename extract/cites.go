package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// refPattern matches a document's number and symbol as Nghị định 30 and
// the Party's rules write them: "58/KH-UBND", "53/2025/NQ-HĐND",
// "57-NQ/TW", "709/QĐ-TTg", "1441/QĐ-UBND".
const refPattern = `\d+(?:/\d{4})?(?:/|-)[\p{Lu}Đ][\p{L}Đđ0-9]*(?:[-/][\p{Lu}Đ][\p{L}Đđ0-9]*)*`

// docKinds are the document types a citation names before "số".
const docKinds = `Kế hoạch|Quyết định|Nghị quyết|Nghị định|Kết luận|Chỉ thị|Thông báo|Thông tư|Công văn|Văn bản|Báo cáo|Tờ trình|Chương trình|Đề án|Công điện|Luật|Hướng dẫn|Quy định`

var (
	citedRefRe = regexp.MustCompile(refPattern)
	// kindBeforeRe is the kind that ends the text before a reference.
	kindBeforeRe = regexp.MustCompile(`(?i:(` + docKinds + `)\s+(?:số\s+)?)$`)
)

// kindWindow is how far before a reference its kind may begin, in bytes:
// the longest kind and " số " with room for extra spaces.
const kindWindow = 48

// citation is one document reference found in text.
type citation struct {
	kind string // "Kế hoạch"
	ref  string // "58/KH-UBND"
}

// citations lists the references that texts cite, in order of first
// appearance, each once.
func citations(texts ...string) []citation {
	var out []citation
	seen := map[string]bool{}
	for _, t := range texts {
		for _, m := range findCitations(t) {
			ref := strings.TrimRight(m[2], "-/")
			if !seen[ref] {
				seen[ref] = true
				out = append(out, citation{kind: capitalize(strings.ToLower(m[1])), ref: ref})
			}
		}
	}
	return out
}

// replacesRe finds the sentence in which a document says what it replaces.
var replacesRe = regexp.MustCompile(`(?i)(?:này\s+)?(?:thay thế|bãi bỏ)\s+(` + docKinds + `)\s+(.*)`)

// replaced returns the documents the text says this one replaces: the
// documents of the kind named right after "thay thế" in that sentence
// ("thay thế Kế hoạch số 110/KH-UBND … về việc thực hiện Kết luận số
// 69-KL/TW … và Kế hoạch số 4623/KH-UBND": the two plans, not the
// conclusion they implemented).
func replaced(text string) []string {
	var out []string
	for _, sentence := range strings.Split(text, "\n") {
		m := replacesRe.FindStringSubmatchIndex(sentence)
		if m == nil {
			continue
		}
		kind := strings.ToLower(sentence[m[2]:m[3]])
		for _, c := range citations(sentence[m[2]:]) {
			if strings.ToLower(c.kind) == kind {
				out = append(out, c.ref)
			}
		}
	}
	return out
}

// findCitations finds "KIND [số] REFERENCE" in the lines of t that can
// hold a reference (a digit followed by "/" or "-"), as [match, kind,
// reference]. It looks for references first and for their kind in the
// few bytes before them: one expression with the kinds' case-insensitive
// alternation in front is tried at every position of every line, and
// cost a tenth of reading a plan.
func findCitations(t string) [][]string {
	var out [][]string
	for line := range strings.Lines(t) {
		if !mayCite(line) {
			continue
		}
		for _, loc := range citedRefRe.FindAllStringIndex(line, -1) {
			start := max(0, loc[0]-kindWindow)
			for start < loc[0] && !utf8.RuneStart(line[start]) {
				start++
			}
			m := kindBeforeRe.FindStringSubmatchIndex(line[start:loc[0]])
			if m == nil {
				continue
			}
			out = append(out, []string{line[start+m[0] : loc[1]], line[start+m[2] : start+m[3]], line[loc[0]:loc[1]]})
		}
	}
	return out
}

func mayCite(line string) bool {
	for i := 0; i+1 < len(line); i++ {
		if line[i] >= '0' && line[i] <= '9' && (line[i+1] == '/' || line[i+1] == '-') {
			return true
		}
	}
	return false
}
