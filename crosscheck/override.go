package crosscheck

import (
	"fmt"
	"strings"
	"time"

	"vanban"
)

// A person's word on a status. A report may say "đang thực hiện" of work
// the secretariat knows is done, or nothing one can judge: a person sets
// the status of the item (with a note), and it is shown as a person's
// decision, not as the report's. It is keyed by the item's stable key
// (ItemKey), so it survives re-reading the report and rows moving.

// StatusKey names the report item a status decision is about.
type StatusKey struct {
	Plan, Report, Item string // plan reference, ReportKey, ItemKey
}

// StatusDecision is a status a person set, with who and when.
type StatusDecision struct {
	Status vanban.TaskStatus
	Note   string
	By     string
	At     time.Time
}

// Statuses are the status decisions people made.
type Statuses map[StatusKey]StatusDecision

// apply overrides the statuses of the matches people decided on.
func (s Statuses) apply(plan string, ms []Match) []Match {
	for i := range ms {
		d, ok := s[StatusKey{plan, ms[i].Report, ms[i].ItemKey}]
		if !ok {
			continue
		}
		ms[i].Status, ms[i].Source, ms[i].StatusRead = d.Status, SourcePerson, true
		ms[i].Note, ms[i].DecidedBy, ms[i].DecidedAt = d.Note, d.By, d.At
	}
	return ms
}

// settable are the statuses a person may set, by the words the command
// line takes.
var settable = map[string]vanban.TaskStatus{
	"done": vanban.TaskDone, "hoan-thanh": vanban.TaskDone, "hoàn-thành": vanban.TaskDone,
	"in_progress": vanban.TaskInProgress, "in-progress": vanban.TaskInProgress, "dang-thuc-hien": vanban.TaskInProgress, "đang-thực-hiện": vanban.TaskInProgress,
	"not_started": vanban.TaskNotStarted, "not-started": vanban.TaskNotStarted, "chua-thuc-hien": vanban.TaskNotStarted, "chưa-thực-hiện": vanban.TaskNotStarted,
}

// StatusArg is a status decision as the crosscheck command takes it:
// "412/BC-STC#2=done" or "412/BC-STC#2=done:đã ban hành Quyết định".
type StatusArg struct {
	Report string
	Item   int // 1-based
	Status vanban.TaskStatus
	Note   string
}

// ParseStatusArg reads "REPORT#ITEM=STATUS[:NOTE]"; STATUS is done,
// in_progress or not_started (or hoan-thanh, dang-thuc-hien,
// chua-thuc-hien).
func ParseStatusArg(s string) (StatusArg, error) {
	bad := fmt.Errorf("%q: cần dạng BÁO_CÁO#MỤC=TRẠNG_THÁI[:GHI_CHÚ], trạng thái là done, in_progress hoặc not_started (hoan-thanh, dang-thuc-hien, chua-thuc-hien)", s)
	left, right, ok := strings.Cut(s, "=")
	if !ok {
		return StatusArg{}, bad
	}
	d, err := ParseDecisionArg(left + "=x")
	if err != nil {
		return StatusArg{}, bad
	}
	word, note, _ := strings.Cut(right, ":")
	st, ok := settable[strings.ToLower(strings.TrimSpace(word))]
	if !ok {
		return StatusArg{}, bad
	}
	return StatusArg{Report: d.Report, Item: d.Item, Status: st, Note: strings.TrimSpace(note)}, nil
}
