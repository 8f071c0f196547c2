package crosscheck

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Status is the progress a unit reports on one task, or NotReported when
// its report says nothing about it (or it sent none).
type Status string

// Statuses, as gold crosscheck.json spells them.
const (
	Done        Status = "done"
	InProgress  Status = "in_progress"
	NotStarted  Status = "not_started"
	NotReported Status = "not_reported"
)

// statusPhrase is a folded phrase that tells a progress. A phrase with an
// empty status only hides the words it covers ("phấn đấu hoàn thành" is
// not "hoàn thành", "trình bày" is not "trình").
type statusPhrase struct {
	text   string
	status Status
}

// statusPhrases are the progress words of Vietnamese reports. Longer
// phrases win over the shorter ones they contain, so the negated and
// future forms ("chưa hoàn thành", "dự kiến hoàn thành") come before the
// bare verb.
var statusPhrases = sortedPhrases([]statusPhrase{
	// Not started.
	{"chua thuc hien", NotStarted}, {"chua trien khai", NotStarted},
	{"chua bat dau", NotStarted}, {"chua to chuc", NotStarted},
	{"chua ban hanh", NotStarted}, {"chua xay dung", NotStarted},
	{"chua trinh", NotStarted}, {"chua co ket qua", NotStarted},
	{"chua thuc hien duoc", NotStarted}, {"chua khoi cong", NotStarted},
	// In progress.
	{"chua hoan thanh", InProgress}, {"chua xong", InProgress},
	{"dang thuc hien", InProgress}, {"dang duoc thuc hien", InProgress},
	{"dang trien khai", InProgress}, {"dang duoc trien khai", InProgress},
	{"dang xay dung", InProgress}, {"dang duoc xay dung", InProgress},
	{"dang hoan thien", InProgress}, {"dang hoan thanh", InProgress},
	{"dang trinh", InProgress}, {"da trinh", InProgress},
	{"dang to chuc", InProgress}, {"dang tham dinh", InProgress},
	{"dang nghien cuu", InProgress}, {"dang soan thao", InProgress},
	{"dang lay y kien", InProgress}, {"dang tiep tuc", InProgress},
	{"tiep tuc thuc hien", InProgress}, {"tiep tuc trien khai", InProgress},
	{"da trien khai", InProgress}, {"dang dieu chinh", InProgress},
	{"co ban hoan thanh", InProgress}, {"hoan thanh mot phan", InProgress},
	{"du kien hoan thanh", InProgress}, {"phan dau hoan thanh", InProgress},
	{"dang van hanh", InProgress}, {"trong qua trinh", InProgress},
	// Done.
	{"hoan thanh", Done}, {"da hoan thanh", Done}, {"da ban hanh", Done},
	{"da to chuc", Done}, {"da xong", Done}, {"da thuc hien", Done},
	{"da phe duyet", Done}, {"da duoc phe duyet", Done},
	{"da nghiem thu", Done}, {"da dua vao su dung", Done},
	{"da hoan tat", Done}, {"hoan tat", Done},
	// Neutral: purpose and presentation, not progress.
	{"de hoan thanh", ""}, {"nham hoan thanh", ""}, {"trinh bay", ""},
	{"thoi han hoan thanh", ""}, {"han hoan thanh", ""},
	{"yeu cau hoan thanh", ""}, {"phai hoan thanh", ""},
})

func sortedPhrases(ps []statusPhrase) []statusPhrase {
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].text) > len(ps[j].text) })
	return ps
}

// progressLabels name the clause a report labels as its progress:
// "Tiến độ: nhiệm vụ đang được triển khai…", "Tình trạng: Hoàn thành".
var progressLabels = []string{"tiến độ", "tình trạng", "trạng thái", "mức độ hoàn thành"}

// labelledClauses returns the clauses after the progress labels of text,
// in text order: from the label's colon to the end of the sentence.
func labelledClauses(text string) []string {
	low := strings.ToLower(norm.NFC.String(text))
	type clause struct {
		at   int
		text string
	}
	var found []clause
	for _, label := range progressLabels {
		for from := 0; ; {
			i := strings.Index(low[from:], label)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(label)
			rest := strings.TrimLeft(low[from:], " \t")
			rest = strings.TrimLeft(strings.TrimPrefix(rest, "thực hiện"), " \t")
			if after, ok := strings.CutPrefix(rest, ":"); ok {
				if end := strings.IndexAny(after, ".;\n"); end >= 0 {
					after = after[:end]
				}
				found = append(found, clause{at, after})
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].at < found[j].at })
	out := make([]string, len(found))
	for i, c := range found {
		out[i] = c.text
	}
	return out
}

// percentRe finds a percentage in a progress cell ("Hoàn thành 80%").
var percentRe = regexp.MustCompile(`(\d{1,3})(?:[.,]\d+)?\s*%`)

// ReadStatus reads the progress of one report item: from its progress
// cell when it has one, else from the clause its text labels "Tiến độ:",
// else from the progress words anywhere in the text. ok is false when no
// progress word is found.
func ReadStatus(statusText, text string) (s Status, ok bool) {
	if s, ok := classify(fold(statusText)); ok {
		if s == Done && partial(statusText) {
			return InProgress, true
		}
		return s, true
	}
	for _, c := range labelledClauses(text) {
		if s, ok := classify(fold(c)); ok {
			return s, true
		}
	}
	return classify(fold(text))
}

// partial reports whether a progress cell gives a percentage below 100.
func partial(statusText string) bool {
	for _, m := range percentRe.FindAllStringSubmatch(statusText, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil && n < 100 {
			return true
		}
	}
	return false
}

// classify finds the progress phrases in folded text, longest first, each
// word counted once. Work that is done in part and not in part is in
// progress: a report that mixes "đã hoàn thành" and "đang triển khai" has
// not finished the task.
func classify(folded string) (Status, bool) {
	if folded == "" {
		return "", false
	}
	covered := make([]bool, len(folded))
	found := map[Status]bool{}
	for _, p := range statusPhrases {
		for from := 0; from < len(folded); {
			i := phraseIndex(folded[from:], p.text)
			if i < 0 {
				break
			}
			i += from
			end := i + len(p.text)
			if !anyCovered(covered[i:end]) {
				for k := i; k < end; k++ {
					covered[k] = true
				}
				if p.status != "" {
					found[p.status] = true
				}
			}
			from = end
		}
	}
	switch {
	case found[InProgress], found[Done] && found[NotStarted]:
		return InProgress, true
	case found[Done]:
		return Done, true
	case found[NotStarted]:
		return NotStarted, true
	}
	return "", false
}

func anyCovered(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}
