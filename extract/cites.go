package extract

import (
	"regexp"
	"strings"
)

// refPattern matches a document's number and symbol as Nghị định 30 and
// the Party's rules write them: "58/KH-UBND", "53/2025/NQ-HĐND",
// "57-NQ/TW", "709/QĐ-TTg", "1441/QĐ-UBND".
const refPattern = `\d+(?:/\d{4})?(?:/|-)[\p{Lu}Đ][\p{L}Đđ0-9]*(?:[-/][\p{Lu}Đ][\p{L}Đđ0-9]*)*`

// docKinds are the document types a citation names before "số".
const docKinds = `Kế hoạch|Quyết định|Nghị quyết|Nghị định|Kết luận|Chỉ thị|Thông báo|Thông tư|Công văn|Văn bản|Báo cáo|Tờ trình|Chương trình|Đề án|Công điện|Luật|Hướng dẫn|Quy định`

var citationRe = regexp.MustCompile(`(?i:(` + docKinds + `))\s+(?:số\s+)?(` + refPattern + `)`)

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

// findCitations runs citationRe over the lines of t that can hold a
// reference (a digit followed by "/" or "-"): the regular expression is
// slow on long prose, and most lines cite nothing.
func findCitations(t string) [][]string {
	var out [][]string
	for line := range strings.Lines(t) {
		if mayCite(line) {
			out = append(out, citationRe.FindAllStringSubmatch(line, -1)...)
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
