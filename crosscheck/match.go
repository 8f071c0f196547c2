package crosscheck

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"vanban"
)

// Matching thresholds. A text match's confidence is
//
//	(0.75·min(1, sim/0.5) + 0.25·min(1, margin/0.15)) × (1 if the unit leads or coordinates the task,
//	0.75 if a group of units leads it — "các sở, ban, ngành", of which the unit may be one —, else 0.5)
//
// where sim is the TF-IDF cosine of the item and the task and margin how
// far the task is ahead of the item's next most similar task: a unit
// reporting, in its own words, a task the plan did not give it always
// waits for a person. A number match (the item gives the task's STT and
// its wording is not foreign to the task) has confidence 1 when the unit
// is a party of the task, 0.75 otherwise. A number several tasks share
// (sections numbered afresh) names the one whose section the item's
// heading names, else the one the unit is a party of; when that still
// leaves several, the number only ranks them first and the wording must
// tell them apart: confidence
//
//	min(1, sim/0.5) · min(1, margin/0.15) × (1 if a party, else 0.5)
//
// with margin taken over the other tasks sharing the number.
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
	// sharedNumberBonus ranks the tasks an ambiguous number may name
	// above the others, without the certainty of a number match.
	sharedNumberBonus = 0.5
	// minSectionSimilarity is the least similarity of an item's heading
	// and a section title for the heading to name the section.
	minSectionSimilarity = 0.4
)

// Match is the reading of one report item against the plan.
type Match struct {
	Plan     string            `json:"plan"`
	Report   string            `json:"report"` // report key: reference, else file
	Unit     string            `json:"unit"`
	ItemKey  string            `json:"item_key"`
	Item     int               `json:"item"` // 1-based position among the report's items
	ItemSTT  string            `json:"item_stt,omitempty"`
	ItemText string            `json:"item_text"`
	Role     string            `json:"role,omitempty"` // lead or coordinate, as the report says
	Task     string            `json:"task"`           // the plan task's key (see TaskKeys); "" when none
	TaskText string            `json:"task_text,omitempty"`
	By       string            `json:"by"` // "number", "text" or "confirmed"
	Score    float64           `json:"confidence"`
	Sim      float64           `json:"similarity"`
	Status   vanban.TaskStatus `json:"status"`
	// Source says where Status was read: the progress column, the result
	// text, prose, or a person (see StatusSource).
	Source StatusSource `json:"status_source"`
	// StatusRead is false when no progress word was found: the unit did
	// report on the task, but nothing says how far it got (TaskUnclear),
	// and no guess is shown as fact.
	StatusRead bool `json:"status_read"`
	// Note, DecidedBy and DecidedAt tell a person's status decision.
	Note      string    `json:"note,omitempty"`
	DecidedBy string    `json:"decided_by,omitempty"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
	Result    string    `json:"result,omitempty"`
	// Accepted is true when the match counts: confirmed by a person, or
	// confident enough and not rejected.
	Accepted bool `json:"accepted"`
	// row is the task's position in the plan's rows, when Task is set.
	row int
}

// DecisionKey names one decision on a match: plan, report key (see
// ReportKey), item key (see ItemKey) and the plan task's key (see
// TaskKeys: its STT unless other tasks share it).
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
	section     vector          // the section title's
	leads       map[string]bool // named units leading the task
	coordinates map[string]bool
	// groups is set when a group of units ("các sở, ban, ngành") leads
	// the task: each of them is assigned it, and the reporting unit may
	// be one. (A group among the coordinators, "các đơn vị liên quan",
	// assigns no one in particular.)
	groups bool
}

// matcher matches the items of a plan's reports to its tasks.
type matcher struct {
	plan   string
	corpus *corpus
	tasks  []taskInfo
	keys   []string         // by task, see TaskKeys
	byKey  map[string]int   // folded key → task
	bySTT  map[string][]int // number → the tasks that have it
}

func newMatcher(plan *vanban.Document) *matcher {
	m := &matcher{plan: plan.Meta.Reference, keys: TaskKeys(plan), byKey: map[string]int{}, bySTT: map[string][]int{}}
	for i, k := range m.keys {
		m.byKey[keyFold(k)] = i
		stt := keyFold(plan.Rows[i].STT)
		m.bySTT[stt] = append(m.bySTT[stt], i)
	}
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
			section:     m.corpus.vector(weighted{t.Section.Title, 1}),
			leads:       unitNames(t.LeadParties),
			coordinates: unitNames(t.CoordinatorParties),
			groups:      hasGroup(t.LeadParties),
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

func hasGroup(ps []vanban.Party) bool {
	for _, p := range ps {
		if p.Kind == vanban.KindGroup {
			return true
		}
	}
	return false
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
	// shared is true for a task the item's number may name among
	// others; rival is then the best similarity of those others.
	shared bool
	rival  float64
}

// match reads the items of one report of unit and assigns each to at most
// one task, one task per item, best pairs first.
func (m *matcher) match(unit string, rep *vanban.Document, decisions Decisions) []Match {
	report := ReportKey(rep)
	var out []Match
	var cands []candidate
	second := map[int]float64{} // item → its second best similarity
	counted := runningCount(rep.ReportItems)
	for i, it := range rep.ReportItems {
		if boilerplate(it) {
			continue
		}
		if counted {
			// The report counts its own items: their numbers name no task.
			it.STT = ""
		}
		out = append(out, m.newMatch(unit, report, it, proseItem(rep, rep.ReportItems[i])))
		out[len(out)-1].Item = i + 1
		out[len(out)-1].ItemKey = ItemKey(rep.ReportItems[i])
		out[len(out)-1].ItemSTT = strings.TrimSpace(rep.ReportItems[i].STT)
		idx := len(out) - 1
		cs := m.candidates(idx, it, out[idx].ItemKey, unit, report, decisions)
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

func (m *matcher) newMatch(unit, report string, it vanban.ReportItem, prose bool) Match {
	text := strings.TrimSpace(it.Task)
	if text == "" {
		text = prefix(strings.TrimSpace(it.Result), 300)
	}
	st, ok := ReadStatus(it.StatusText, it.Result)
	if !ok {
		st = vanban.TaskUnclear
	}
	source := SourceResultText
	switch {
	case prose:
		source = SourceProse
	case ok && statusFromCell(it.StatusText):
		source = SourceColumn
	}
	return Match{
		Plan: m.plan, Report: report, Unit: unit, ItemKey: ItemKey(it),
		ItemSTT: strings.TrimSpace(it.STT), ItemText: text, Role: string(itemRole(it)),
		Status: st, Source: source, StatusRead: ok, Result: strings.TrimSpace(it.Result),
	}
}

// candidates scores every task against item idx.
func (m *matcher) candidates(idx int, it vanban.ReportItem, item, unit, report string, decisions Decisions) []candidate {
	body := 0.2
	if strings.TrimSpace(it.Task) == "" {
		body = 1
	}
	v := m.corpus.vector(weighted{it.Task, 1}, weighted{it.Section, 0.3}, weighted{it.Result, body})
	sure, maybe := m.numbered(it, unit)
	role := itemRole(it)
	var out []candidate
	for j, ti := range m.tasks {
		key := DecisionKey{m.plan, report, item, m.keys[j]}
		if ok, decided := decisions[key]; decided && !ok {
			continue
		}
		sim := cosine(v, ti.vec)
		byNumber := j == sure && (sim >= minNumberSimilarity || len(v) == 0)
		if !byNumber && sim < minSimilarity {
			continue
		}
		score := sim
		switch {
		case byNumber:
			score++
		case maybe[j]:
			score += sharedNumberBonus
		}
		if r := m.role(j, unit); r != "" {
			score += 0.1
			if r == role {
				score += 0.05
			}
		}
		out = append(out, candidate{item: idx, task: j, sim: sim, score: score, byNumber: byNumber, shared: maybe[j]})
	}
	for i := range out {
		for _, o := range out {
			if out[i].shared && o.shared && o.task != out[i].task {
				out[i].rival = math.Max(out[i].rival, o.sim)
			}
		}
	}
	return out
}

// numbered returns the task the item's number surely names, -1 when
// none: the task whose key it gives (an STT no other task has, "II.2"), or
// among the tasks sharing its STT the one its heading's section names,
// else the one the unit is a party of (in the item's role, else as lead).
// When the number leaves several tasks, maybe holds them.
func (m *matcher) numbered(it vanban.ReportItem, unit string) (sure int, maybe map[int]bool) {
	stt := normSTT(it.STT)
	if stt == "" {
		return -1, nil
	}
	if j, ok := m.byKey[keyFold(stt)]; ok {
		return j, nil
	}
	tasks := m.bySTT[keyFold(stt)]
	if len(tasks) == 0 {
		return -1, nil
	}
	tasks = m.inSection(tasks, it.Section)
	tasks = narrow(tasks, func(j int) bool { return m.role(j, unit) != "" })
	// A row split per lead unit may name the unit as lead in one part and
	// coordinator in another: the role the item gives, else lead, wins.
	want := itemRole(it)
	if want == "" {
		want = vanban.RoleLead
	}
	tasks = narrow(tasks, func(j int) bool { return m.role(j, unit) == want })
	if len(tasks) == 1 {
		return tasks[0], nil
	}
	maybe = map[int]bool{}
	for _, j := range tasks {
		maybe[j] = true
	}
	return -1, maybe
}

// inSection keeps the tasks whose section the heading names best: by its
// numeral ("II. …" for section II), else by its wording; all of them when
// it names none.
func (m *matcher) inSection(tasks []int, heading string) []int {
	numeral, title := splitHeading(heading)
	if numeral == "" && title == "" || roleHeading(title) {
		return tasks
	}
	if byNumeral := narrow(tasks, func(j int) bool {
		return numeral != "" && numeral == keyFold(m.tasks[j].task.Section.Numeral)
	}); len(byNumeral) < len(tasks) {
		return byNumeral
	}
	v := m.corpus.vector(weighted{title, 1})
	best := minSectionSimilarity
	for _, j := range tasks {
		best = math.Max(best, cosine(v, m.tasks[j].section))
	}
	return narrow(tasks, func(j int) bool { return cosine(v, m.tasks[j].section) >= best-1e-9 })
}

// roleHeading reports whether a heading only gives the role of the items
// under it ("I. NHIỆM VỤ CHỦ TRÌ", "B. Nhiệm vụ phối hợp"): its numeral
// counts the report's groups, not the plan's sections.
func roleHeading(title string) bool {
	w := words(title)
	if len(w) > 6 {
		return false
	}
	f := strings.Join(w, " ")
	return containsPhrase(f, "chu tri") || containsPhrase(f, "phoi hop")
}

// splitHeading parts a heading into its numeral, folded, and its title:
// "II. Cải cách thủ tục hành chính" → "II", "Cải cách thủ tục hành chính".
func splitHeading(h string) (numeral, title string) {
	h = strings.TrimSpace(h)
	head, rest, _ := strings.Cut(h, " ")
	if n := strings.TrimRight(head, ".):-"); isNumeral(n) {
		return keyFold(n), strings.TrimSpace(rest)
	}
	return "", h
}

// isNumeral reports whether s numbers a heading: a Roman numeral (I, IV,
// XII), a number (2, 2.1) or a single letter (A).
func isNumeral(s string) bool {
	switch {
	case s == "":
		return false
	case strings.Trim(s, "IVX") == "", strings.Trim(s, "0123456789.") == "":
		return true
	}
	return len([]rune(s)) == 1 && unicode.IsLetter([]rune(s)[0])
}

// narrow keeps the tasks that pass keep; all of them when none does.
func narrow(tasks []int, keep func(int) bool) []int {
	var out []int
	for _, j := range tasks {
		if keep(j) {
			out = append(out, j)
		}
	}
	if len(out) == 0 {
		return tasks
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
			key := DecisionKey{m.plan, out[i].Report, out[i].ItemKey, m.keys[j]}
			if decisions[key] {
				out[i].Task, out[i].TaskText, out[i].row = m.keys[j], ti.task.Task, j
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
	mt.Task, mt.TaskText, mt.row, mt.Sim = m.keys[c.task], t.Task, c.task, round3(c.sim)
	party := m.role(c.task, unit) != ""
	if c.byNumber {
		mt.By, mt.Score = "number", 1.0
		if !party {
			mt.Score = 0.75
		}
	} else {
		conf := textConfidence(c, second)
		switch {
		case party:
		case m.tasks[c.task].groups:
			conf *= groupFactor // maybe one of the group the task names
		default:
			conf *= 0.5
		}
		mt.By, mt.Score = "text", round3(conf)
	}
	mt.Accepted = mt.Score >= Threshold
}

// groupFactor weighs a match by wording to a task that a group of units
// leads, which the reporting unit may belong to: more than a task of
// other named units, less than one of its own.
const groupFactor = 0.75

// textConfidence is the confidence of a match by wording. For one of the
// tasks sharing the item's number, the number already says it is one of
// them, so the wording must tell them apart: the margin over the others
// weighs as much as the similarity.
func textConfidence(c candidate, second float64) float64 {
	if c.shared {
		second = c.rival
	}
	margin := c.sim - second
	if c.sim <= second { // the best task was taken by another item
		margin = 0
	}
	if c.shared {
		return math.Min(1, c.sim/fullSimilarity) * math.Min(1, margin/fullMargin)
	}
	return 0.75*math.Min(1, c.sim/fullSimilarity) + 0.25*math.Min(1, margin/fullMargin)
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// normSTT returns a task number as compared: "3.3.", " 3.3" and "3.3"
// are one number.
func normSTT(s string) string {
	return strings.Trim(strings.TrimSpace(s), ".)")
}

// runningCount reports whether a report numbers its items 1, 2, 3… (afresh
// in each group): its own count, not the plan's task numbers. Dotted
// numbers ("3.14") and gaps ("1", "10") are the plan's.
func runningCount(items []vanban.ReportItem) bool {
	next, n := 1, 0
	for _, it := range items {
		stt := normSTT(it.STT)
		if stt == "" {
			continue
		}
		k, err := strconv.Atoi(stt)
		if err != nil || k != next && k != 1 {
			return false
		}
		next, n = k+1, n+1
	}
	return n >= 2
}

// itemRole reads the role a report gives an item, from its role cell, the
// group it sits under ("A. Nhiệm vụ chủ trì") or the label its heading
// starts with ("Nhiệm vụ phối hợp: …").
func itemRole(it vanban.ReportItem) vanban.Role {
	label, _, _ := strings.Cut(it.Task, ":")
	if len(words(label)) > 5 {
		label = ""
	}
	for _, s := range []string{it.Role, it.Section, label} {
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
	// A row with a progress cell reports a task ("Thực hiện kết luận,
	// kiến nghị kiểm toán" is work, not the closing "Kiến nghị").
	if strings.Contains(strings.Trim(it.STT, ". "), ".") || strings.TrimSpace(it.StatusText) != "" {
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
