package crosscheck

import (
	"strconv"
	"strings"

	"vanban"
)

// Task keys. Inside Check a task is its position in plan.Rows; what people
// read and write (JSON keys, sheets, --confirm arguments) is its key. Many
// plans number their tasks afresh in each section (I.1, I.2 … II.1, II.2),
// so the STT alone does not name a task: the key is the STT when no other
// task of the plan has it (plan 58's "3.3"), else the section numeral and
// the STT ("II.2"), else that with the task's rank among the tasks sharing
// it ("VII.2#2", a row split per lead unit).

// TaskKeys returns the key of each task of plan, by position in
// plan.Rows; the keys are distinct.
func TaskKeys(plan *vanban.Document) []string {
	perSTT := map[string]int{}
	for _, t := range plan.Rows {
		perSTT[keyFold(t.STT)]++
	}
	base := make([]string, len(plan.Rows))
	perBase := map[string]int{}
	for i, t := range plan.Rows {
		stt := normSTT(t.STT)
		numeral := strings.TrimRight(strings.TrimSpace(t.Section.Numeral), ".")
		switch {
		case stt != "" && perSTT[keyFold(stt)] == 1:
			base[i] = t.STT
		case numeral != "" && stt != "":
			base[i] = numeral + "." + stt
		case stt != "":
			base[i] = stt
		default: // unnumbered rows are told apart by their rank alone
			base[i] = numeral
		}
		perBase[keyFold(base[i])]++
	}
	keys := make([]string, len(plan.Rows))
	used := map[string]bool{}
	rank := map[string]int{}
	for i, b := range base {
		key := b
		if f := keyFold(b); perBase[f] > 1 || f == "" || used[f] {
			for used[keyFold(key)] || key == b {
				rank[f]++
				key = b + "#" + strconv.Itoa(rank[f])
			}
		}
		used[keyFold(key)] = true
		keys[i] = key
	}
	return keys
}

// TaskIndex returns the position in plan.Rows of the task key names: its
// key as TaskKeys gives it (in any case, with or without a final dot), or
// an STT that only one task has.
func TaskIndex(plan *vanban.Document, key string) (int, bool) {
	want := keyFold(key)
	if want == "" {
		return -1, false
	}
	for i, k := range TaskKeys(plan) {
		if keyFold(k) == want {
			return i, true
		}
	}
	found := -1
	for i, t := range plan.Rows {
		if keyFold(t.STT) == want {
			if found >= 0 {
				return -1, false // an STT several tasks share names none
			}
			found = i
		}
	}
	return found, found >= 0
}

// keyFold returns a task key or number as compared: "ii.2." is "II.2".
func keyFold(s string) string { return strings.ToUpper(normSTT(s)) }
