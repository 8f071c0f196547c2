package crosscheck

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"vanban"

	"golang.org/x/text/unicode/norm"
)

// statusPhrase is a folded phrase that tells a progress. A phrase with an
// empty status only hides the words it covers ("phấn đấu hoàn thành" is
// not "hoàn thành", "trình bày" is not "trình").
type statusPhrase struct {
	text   string
	status vanban.TaskStatus
}

// statusPhrases are the progress words of Vietnamese reports. Longer
// phrases win over the shorter ones they contain, so the negated and
// future forms ("chưa hoàn thành", "dự kiến hoàn thành") come before the
// bare verb.
var statusPhrases = sortedPhrases([]statusPhrase{
	// Not started.
	{"chua thuc hien", vanban.TaskNotStarted}, {"chua trien khai", vanban.TaskNotStarted},
	{"chua bat dau", vanban.TaskNotStarted}, {"chua to chuc", vanban.TaskNotStarted},
	{"chua ban hanh", vanban.TaskNotStarted}, {"chua xay dung", vanban.TaskNotStarted},
	{"chua trinh", vanban.TaskNotStarted}, {"chua co ket qua", vanban.TaskNotStarted},
	{"chua thuc hien duoc", vanban.TaskNotStarted}, {"chua khoi cong", vanban.TaskNotStarted},
	// Waiting on others: nothing done yet ("chờ hướng dẫn của Bộ",
	// "chưa được bố trí kinh phí").
	{"cho huong dan", vanban.TaskNotStarted}, {"chua duoc bo tri", vanban.TaskNotStarted},
	{"chua co huong dan", vanban.TaskNotStarted}, {"chua duoc phan bo", vanban.TaskNotStarted},
	// In progress.
	{"chua hoan thanh", vanban.TaskInProgress}, {"chua xong", vanban.TaskInProgress},
	{"dang thuc hien", vanban.TaskInProgress}, {"dang duoc thuc hien", vanban.TaskInProgress},
	{"dang trien khai", vanban.TaskInProgress}, {"dang duoc trien khai", vanban.TaskInProgress},
	{"dang xay dung", vanban.TaskInProgress}, {"dang duoc xay dung", vanban.TaskInProgress},
	{"dang hoan thien", vanban.TaskInProgress}, {"dang hoan thanh", vanban.TaskInProgress},
	{"dang trinh", vanban.TaskInProgress}, {"da trinh", vanban.TaskInProgress},
	{"dang to chuc", vanban.TaskInProgress}, {"dang tham dinh", vanban.TaskInProgress},
	{"dang nghien cuu", vanban.TaskInProgress}, {"dang soan thao", vanban.TaskInProgress},
	{"dang lay y kien", vanban.TaskInProgress}, {"dang tiep tuc", vanban.TaskInProgress},
	{"tiep tuc thuc hien", vanban.TaskInProgress}, {"tiep tuc trien khai", vanban.TaskInProgress},
	{"da trien khai", vanban.TaskInProgress}, {"dang dieu chinh", vanban.TaskInProgress},
	{"co ban hoan thanh", vanban.TaskInProgress}, {"hoan thanh mot phan", vanban.TaskInProgress},
	{"du kien hoan thanh", vanban.TaskInProgress}, {"phan dau hoan thanh", vanban.TaskInProgress},
	{"dang van hanh", vanban.TaskInProgress}, {"trong qua trinh", vanban.TaskInProgress},
	// Continuous work, work on time but not over, work planned for later.
	{"thuong xuyen", vanban.TaskInProgress}, {"dung tien do", vanban.TaskInProgress},
	{"chua dat", vanban.TaskInProgress}, {"chuyen sang nam", vanban.TaskInProgress},
	{"du kien to chuc", vanban.TaskInProgress}, {"du kien trinh", vanban.TaskInProgress},
	{"du kien ban hanh", vanban.TaskInProgress}, {"du kien trien khai", vanban.TaskInProgress},
	// Done.
	{"hoan thanh", vanban.TaskDone}, {"da hoan thanh", vanban.TaskDone}, {"da ban hanh", vanban.TaskDone},
	{"da to chuc", vanban.TaskDone}, {"da xong", vanban.TaskDone}, {"da thuc hien", vanban.TaskDone},
	{"da phe duyet", vanban.TaskDone}, {"da duoc phe duyet", vanban.TaskDone},
	{"da nghiem thu", vanban.TaskDone}, {"da dua vao su dung", vanban.TaskDone},
	{"da hoan tat", vanban.TaskDone}, {"hoan tat", vanban.TaskDone},
	{"da xu ly", vanban.TaskDone},
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
func ReadStatus(statusText, text string) (s vanban.TaskStatus, ok bool) {
	if s, ok := classify(fold(statusText)); ok {
		if s == vanban.TaskDone && partial(statusText) {
			return vanban.TaskInProgress, true
		}
		return s, true
	}
	// A cell that gives only a share of the work: "100%", "85%".
	if percentRe.MatchString(statusText) {
		if partial(statusText) {
			return vanban.TaskInProgress, true
		}
		return vanban.TaskDone, true
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
func classify(folded string) (vanban.TaskStatus, bool) {
	if folded == "" {
		return "", false
	}
	covered := make([]bool, len(folded))
	found := map[vanban.TaskStatus]bool{}
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
	case found[vanban.TaskInProgress], found[vanban.TaskDone] && found[vanban.TaskNotStarted]:
		return vanban.TaskInProgress, true
	case found[vanban.TaskDone]:
		return vanban.TaskDone, true
	case found[vanban.TaskNotStarted]:
		return vanban.TaskNotStarted, true
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
