package crosscheck

import (
	"fmt"
	"strconv"
	"strings"
)

// DecisionArg is a person's decision as the crosscheck command takes it:
// "412/BC-STC#2=3.3" says item 2 of report 412/BC-STC reports on task
// 3.3. The report is named by its key (ReportKey), the item by its
// position as the review list shows it, the task by its key (TaskKeys):
// its STT, or "II.2" in a plan whose sections each number from 1.
type DecisionArg struct {
	Report string
	Item   int // 1-based
	Task   string
}

// ParseDecisionArg reads "REPORT#ITEM=TASK"; TASK may itself hold a '#'
// ("VII.2#2").
func ParseDecisionArg(s string) (DecisionArg, error) {
	bad := fmt.Errorf("%q: cần dạng BÁO_CÁO#MỤC=NHIỆM_VỤ, ví dụ 412/BC-STC#2=3.3 hoặc 15/BC-SNV#1=II.2", s)
	left, task, ok := strings.Cut(s, "=")
	if !ok {
		return DecisionArg{}, bad
	}
	i := strings.LastIndexByte(left, '#')
	if i <= 0 {
		return DecisionArg{}, bad
	}
	item, err := strconv.Atoi(strings.TrimSpace(left[i+1:]))
	report, task := strings.TrimSpace(left[:i]), normSTT(task)
	if err != nil || item < 1 || report == "" || task == "" {
		return DecisionArg{}, bad
	}
	return DecisionArg{Report: report, Item: item, Task: task}, nil
}
