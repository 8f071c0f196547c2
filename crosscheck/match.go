package crosscheck

import (
	"math"
	"sort"
	"strings"

	"vanban"
)

// Matching thresholds. A text match's confidence is
//
//	(0.75·min(1, sim/0.5) + 0.25·min(1, margin/0.15)) × (1 if the unit leads or coordinates the task, else 0.5)
//
// where sim is the TF-IDF cosine of the item and the task and margin how
// far the task is ahead of the item's next most similar task: a unit
// reporting, in its own words, a task the plan did not give it always
// waits for a person. A number match (the item gives the task's STT and
// its wording is not foreign to the task) has confidence 1 when the unit
// is a party of the task, 0.75 otherwise.
const (
	// Threshold is the confidence from which a match counts without a
	// person confirming it.
	Threshold = 0.6
	// minSimilarity is the least similarity for a task to be a candidate
	// at all: below it the item is listed as unmatched.
	minSimilarity = 0.1
	// minNumberSimilarity is the least similarity for a number match to
	// stand: a report that numbers its own items 1, 2, 3 must not land on
	// the plan's tasks 1, 2, 3 when the wording says otherwise.
	minNumberSimilarity = 0.1
	fullSimilarity      = 0.5
	fullMargin          = 0.15
)

// Match is the reading of one report item against the plan.
type Match struct {
	Plan     string  `json:"plan"`
	Report   string  `json:"report"` // report key: reference, else file
	Unit     string  `json:"unit"`
	ItemKey  string  `json:"item_key"`
	Item     int     `json:"item"` // 1-based position among the report's items
	ItemSTT  string  `json:"item_stt,omitempty"`
	ItemText string  `json:"item_text"`
	Role     string  `json:"role,omitempty"` // lead or coordinate, as the report says
	Task     string  `json:"task"`           // the plan task's STT; "" when none
	TaskText string  `json:"task_text,omitempty"`
	By       string  `json:"by"` // "number", "text" or "confirmed"
	Score    float64 `json:"confidence"`
	Sim      float64 `json:"similarity"`
	Status   Status  `json:"status"`
	// StatusRead is false when no progress word was found and the item
	// is counted in progress because the unit did report on it.
	StatusRead bool   `json:"status_read"`
	Result     string `json:"result,omitempty"`
	// Accepted is true when the match counts: confirmed by a person, or
	// confident enough and not rejected.
	Accepted bool `json:"accepted"`
}

// DecisionKey names one decision on a match: plan, report key (see
// ReportKey), item key (see ItemKey) and the plan task's STT.
type DecisionKey struct {
	Plan, Report, Item, Task string
}

// Decisions are the matches people confirmed (true) or rejected (false).
type Decisions map[DecisionKey]bool

// ReportKey names a report in decisions and matches: its reference, or
// its file for an unnumbered one.
func ReportKey(doc *vanban.Document) string {
	if doc.Meta.Reference != "" {
		return doc.Meta.Reference
	}
	return doc.File
}

// ItemKey names a report item stably across re-extractions of its file:
// its number and the start of its folded wording.
func ItemKey(it vanban.ReportItem) string {
	text := it.Task
	if strings.TrimSpace(text) == "" {
		text = it.Result
	}
	return strings.TrimSpace(it.STT) + "|" + prefix(fold(text), 120)
}

// taskInfo is a plan task prepared for matching.
type taskInfo struct {
	task        *vanban.Task
	vec         vector
	leads       map[string]bool // named units leading the task
	coordinates map[string]bool
}

// matcher matches the items of a plan's reports to its tasks.
type matcher struct {
	plan   string
	corpus *corpus
	tasks  []taskInfo
}

func newMatcher(plan *vanban.Document) *matcher {
	m := &matcher{plan: plan.Meta.Reference}
	docs := make([][]string, len(plan.Rows))
	for i := range plan.Rows {
		docs[i] = terms(taskText(&plan.Rows[i]))
	}
	m.corpus = newCorpus(docs)
	for i := range plan.Rows {
		t := &plan.Rows[i]
		m.tasks = append(m.tasks, taskInfo{
			task: t,
			vec: m.corpus.vector(weighted{t.Task, 1}, weighted{t.ExpectedOutput, 0.5},
				weighted{t.Section.Title, 0.3}),
			leads:       unitNames(t.LeadParties),
			coordinates: unitNames(t.CoordinatorParties),
		})
	}
	return m
}

func taskText(t *vanban.Task) string {
	return t.Task + " " + t.ExpectedOutput + " " + t.Section.Title
}

func unitNames(ps []vanban.Party) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		if p.Kind == vanban.KindUnit {
			out[p.Name] = true
		}
	}
	return out
}

// role returns unit's role on task j, "" when it has none.
func (m *matcher) role(j int, unit string) vanban.Role {
	switch {
	case m.tasks[j].leads[unit]:
		return vanban.RoleLead
	case m.tasks[j].coordinates[unit]:
		return vanban.RoleCoordinate
	}
	return ""
}

// candidate is one possible (item, task) pair.
type candidate struct {
	item, task int
	sim, score float64
	byNumber   bool
}

// match reads the items of one report of unit and assigns each to at most
// one task, one task per item, best pairs first.
func (m *matcher) match(unit string, rep *vanban.Document, decisions Decisions) []Match {
	report := ReportKey(rep)
	var out []Match
	var cands []candidate
	second := map[int]float64{} // item → its second best similarity
	for i, it := range rep.ReportItems {
		if boilerplate(it) {
			continue
		}
		out = append(out, m.newMatch(unit, report, it))
		out[len(out)-1].Item = i + 1
		idx := len(out) - 1
		cs := m.candidates(idx, it, unit, report, decisions)
		second[idx] = secondBest(cs)
		cands = append(cands, cs...)
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	takenTask := map[int]bool{}
	m.applyConfirmed(out, takenTask, decisions)
	for _, c := range cands {
		mt := &out[c.item]
		if mt.Task != "" || takenTask[c.task] {
			continue
		}
		takenTask[c.task] = true
		m.assign(mt, c, unit, second[c.item])
	}
	return out
}

func (m *matcher) newMatch(unit, report string, it vanban.ReportItem) Match {
	text := strings.TrimSpace(it.Task)
	if text == "" {
		text = prefix(strings.TrimSpace(it.Result), 300)
	}
	st, ok := ReadStatus(it.StatusText, it.Result)
	if !ok {
		st = InProgress
	}
	return Match{
		Plan: m.plan, Report: report, Unit: unit, ItemKey: ItemKey(it),
		ItemSTT: strings.TrimSpace(it.STT), ItemText: text, Role: string(itemRole(it)),
		Status: st, StatusRead: ok, Result: strings.TrimSpace(it.Result),
	}
}

// candidates scores every task against item idx.
func (m *matcher) candidates(idx int, it vanban.ReportItem, unit, report string, decisions Decisions) []candidate {
	body := 0.2
	if strings.TrimSpace(it.Task) == "" {
		body = 1
	}
	v := m.corpus.vector(weighted{it.Task, 1}, weighted{it.Section, 0.3}, weighted{it.Result, body})
	stt := normSTT(it.STT)
	role := itemRole(it)
	item := ItemKey(it)
	var out []candidate
	for j, ti := range m.tasks {
		key := DecisionKey{m.plan, report, item, ti.task.STT}
		if ok, decided := decisions[key]; decided && !ok {
			continue
		}
		sim := cosine(v, ti.vec)
		byNumber := stt != "" && stt == normSTT(ti.task.STT) && (sim >= minNumberSimilarity || len(v) == 0)
		if !byNumber && sim < minSimilarity {
			continue
		}
		score := sim
		if byNumber {
			score++
		}
		if r := m.role(j, unit); r != "" {
			score += 0.1
			if r == role {
				score += 0.05
			}
		}
		out = append(out, candidate{item: idx, task: j, sim: sim, score: score, byNumber: byNumber})
	}
	return out
}

// secondBest returns the second highest similarity among cs.
func secondBest(cs []candidate) float64 {
	var first, second float64
	for _, c := range cs {
		switch {
		case c.sim > first:
			first, second = c.sim, first
		case c.sim > second:
			second = c.sim
		}
	}
	return second
}

// applyConfirmed assigns the matches people confirmed.
func (m *matcher) applyConfirmed(out []Match, taken map[int]bool, decisions Decisions) {
	for i := range out {
		for j, ti := range m.tasks {
			key := DecisionKey{m.plan, out[i].Report, out[i].ItemKey, ti.task.STT}
			if decisions[key] {
				out[i].Task, out[i].TaskText = ti.task.STT, ti.task.Task
				out[i].By, out[i].Score, out[i].Accepted = "confirmed", 1, true
				taken[j] = true
				break
			}
		}
	}
}

// assign records candidate c on its match with its confidence.
func (m *matcher) assign(mt *Match, c candidate, unit string, second float64) {
	t := m.tasks[c.task].task
	mt.Task, mt.TaskText, mt.Sim = t.STT, t.Task, round3(c.sim)
	party := m.role(c.task, unit) != ""
	if c.byNumber {
		mt.By, mt.Score = "number", 1.0
		if !party {
			mt.Score = 0.75
		}
	} else {
		margin := c.sim - second
		if c.sim <= second { // the best task was taken by another item
			margin = 0
		}
		conf := 0.75*math.Min(1, c.sim/fullSimilarity) + 0.25*math.Min(1, margin/fullMargin)
		if !party {
			conf *= 0.5
		}
		mt.By, mt.Score = "text", round3(conf)
	}
	mt.Accepted = mt.Score >= Threshold
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// normSTT returns a task number as compared: "3.3.", " 3.3" and "3.3"
// are one number.
func normSTT(s string) string {
	return strings.Trim(strings.TrimSpace(s), ".)")
}

// itemRole reads the role a report gives an item, from its role cell or
// the group it sits under ("A. Nhiệm vụ chủ trì").
func itemRole(it vanban.ReportItem) vanban.Role {
	for _, s := range []string{it.Role, it.Section} {
		f := fold(s)
		switch {
		case containsPhrase(f, "chu tri"):
			return vanban.RoleLead
		case containsPhrase(f, "phoi hop"):
			return vanban.RoleCoordinate
		}
	}
	return ""
}

// boilerplateHeads are the standard closing headings of a Vietnamese
// report, not tasks: difficulties, proposals, next steps.
var boilerplateHeads = []string{
	"kho khan", "vuong mac", "kien nghi", "de xuat", "phuong huong",
	"ton tai", "han che", "danh gia chung", "nhiem vu trong tam",
	"giai phap", "to chuc thuc hien",
}

// boilerplate reports whether a prose item is one of those headings: a
// short heading with no number of the plan's form ("2. Khó khăn, vướng
// mắc").
func boilerplate(it vanban.ReportItem) bool {
	if strings.Contains(strings.Trim(it.STT, ". "), ".") {
		return false
	}
	head := words(it.Task)
	if len(head) == 0 || len(head) > 12 {
		return false
	}
	f := strings.Join(head, " ")
	for _, b := range boilerplateHeads {
		if containsPhrase(f, b) {
			return true
		}
	}
	return false
}
