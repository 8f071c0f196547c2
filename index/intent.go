package index

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"

	"vanban"
	"vanban/normalize"
	"vanban/vntext"
)

// A secretariat asks for what a unit does and what falls due when more
// than for words: "nhiệm vụ của Sở Tư pháp", "Sở Xây dựng chủ trì",
// "đến hạn tháng 9/2026". The words that name a unit or a period are read
// as such and matched against the rows' units and milestones, never by
// their syllables (a date's "quý" must not find "quy chế").

// Weights of a unit's roles in a row and of a row's deadlines in a period.
// They are fixed scores (constScore): lead > coordinate > mention, and a
// one-off deadline in the period > a recurring one.
var intentWeights = struct {
	lead, coord, mention float64
	once, recurring      float64
	recurrence           float64
}{lead: 10, coord: 3, mention: 1, once: 6, recurring: 1, recurrence: 6}

// Roles a query may restrict a unit to.
const (
	roleAny   = ""
	roleLead  = "lead"
	roleCoord = "coord"
)

// unitFillers are the words around a unit's name that only say "what it
// is given": dropped when the query names a unit.
var unitFillers = map[string]bool{
	"nhiệm": true, "vụ": true, "của": true, "giao": true, "cho": true, "các": true, "được": true,
	"nhiem": true, "vu": true, "cua": true, "cac": true, "duoc": true,
}

// periodFillers are the words around a period that only say "due": dropped
// when the query names a period.
var periodFillers = map[string]bool{
	"đến": true, "hạn": true, "trong": true, "vào": true, "trước": true,
	"den": true, "han": true, "vao": true, "truoc": true,
}

// intents reads the units and periods that ws names, adds their groups to
// the plan and returns the words left to match as text. found tells
// whether any was read.
func (c *compiler) intents(ws []string) (rest []string, found bool) {
	if len(ws) > 3*maxUnitWords {
		return ws, false
	}
	ws, units := c.readUnits(ws)
	ws, periods := c.readPeriods(ws)
	if len(units) == 0 {
		ws, units = c.cuedUnit(ws)
	}
	if len(units) > 0 {
		var role string
		ws, role = readRole(ws)
		ws = dropWords(ws, unitFillers)
		for _, u := range units {
			c.p.groups = append(c.p.groups, c.unitGroup(u, role))
		}
	}
	if len(periods) > 0 {
		ws = dropWords(ws, periodFillers)
		c.p.groups = append(c.p.groups, periods...)
	}
	return ws, len(units)+len(periods) > 0
}

// readUnits finds the longest runs of words that name a unit: one the
// alias table knows, or one the indexed plans name as a lead or
// coordinating unit. Groups of units ("các sở, ban, ngành") are not a unit.
func (c *compiler) readUnits(ws []string) (rest, units []string) {
	for i := 0; i < len(ws); i++ {
		end, name := c.unitAt(ws, i)
		if end == 0 {
			rest = append(rest, ws[i])
			continue
		}
		units = append(units, name)
		i = end - 1
	}
	return rest, units
}

// unitAt returns the end of the longest unit name starting at ws[i] and
// the name, or 0.
func (c *compiler) unitAt(ws []string, i int) (int, string) {
	for j := min(len(ws), i+maxUnitWords); j > i; j-- {
		run := strings.Trim(strings.Join(ws[i:j], " "), ",;.:()")
		if name, kind, ok := c.al.Canonical(run); ok {
			if kind == vanban.KindUnit {
				return j, name
			}
			continue
		}
		if j-i >= 2 && c.units[nameKey(c.al.Expand(run))] {
			return j, run
		}
	}
	return 0, ""
}

// unitHeads are the words a unit's name starts with ("Thuế tỉnh", "Trung
// tâm Xúc tiến đầu tư"), folded: a name the tables do not know is read as
// a unit only after a cue ("giao cho", "chủ trì") and with such a head.
var unitHeads = []string{
	"so", "ban", "cong an", "thue", "thanh tra", "van phong", "trung tam", "uy ban", "ubnd", "bo chi huy",
	"cuc", "chi cuc", "kho bac", "bao hiem", "ngan hang", "dai", "bao", "hoi", "lien doan", "tinh doan",
	"doan", "phong", "truong", "benh vien", "vien", "hoi dong", "tinh uy", "thanh uy", "dang uy",
}

// unitCues are the phrases (folded) a question about a unit's tasks
// starts with, longest first.
var unitCues = []string{
	"cac nhiem vu duoc giao cho", "nhiem vu duoc giao cho", "cac nhiem vu cua", "nhiem vu giao cho",
	"nhiem vu duoc giao", "nhiem vu cua", "nhiem vu giao", "duoc giao cho", "nhiem vu", "giao cho",
	"duoc giao", "giao",
}

// cuedUnit reads the words after a unit cue ("nhiệm vụ của", "giao
// cho") or before or after a role ("chủ trì", "phối hợp") as a unit's
// name when they start with a unit's head word and are not a group.
func (c *compiler) cuedUnit(ws []string) (rest, units []string) {
	name, role := readRole(ws)
	cue := 0
	f := strings.Fields(foldTerm(strings.ToLower(strings.Join(name, " "))))
	for _, p := range unitCues {
		if pw := strings.Fields(p); len(f) > len(pw) && slices.Equal(f[:len(pw)], pw) {
			cue = len(pw)
			break
		}
	}
	if role == roleAny && cue == 0 {
		return ws, nil
	}
	name = name[cue:]
	if len(name) < 2 || len(name) > maxUnitWords {
		return ws, nil
	}
	run := strings.Trim(strings.Join(name, " "), ",;.:()")
	if _, kind, ok := c.al.Canonical(run); ok && kind != vanban.KindUnit {
		return ws, nil
	}
	k := " " + nameKey(c.al.Expand(run)) + " "
	for _, h := range unitHeads {
		if strings.HasPrefix(k, " "+h+" ") && len(k) > len(h)+3 {
			// The cue and role words stay: intents drops them.
			var kept []string
			for _, w := range ws {
				if !slices.Contains(name, w) {
					kept = append(kept, w)
				}
			}
			return kept, []string{run}
		}
	}
	return ws, nil
}

// readRole removes "chủ trì" or "phối hợp" (with or without marks) and
// returns the role it asks for.
func readRole(ws []string) ([]string, string) {
	for i := 0; i+1 < len(ws); i++ {
		pair := foldTerm(strings.ToLower(ws[i] + " " + ws[i+1]))
		role := map[string]string{"chu tri": roleLead, "phoi hop": roleCoord}[pair]
		if role != "" {
			return append(append([]string(nil), ws[:i]...), ws[i+2:]...), role
		}
	}
	return ws, roleAny
}

func dropWords(ws []string, drop map[string]bool) []string {
	var rv []string
	for _, w := range ws {
		if !drop[strings.ToLower(vntext.Text(w))] {
			rv = append(rv, w)
		}
	}
	return rv
}

// unitGroup matches rows by a unit's role: leading (its name as the
// cell's party, or every syllable of it in the lead cell: "Lãnh đạo Sở Tư
// pháp"), coordinating, or named in the row's text or section.
func (c *compiler) unitGroup(name, role string) query.Query {
	exp := c.al.Expand(name)
	k := nameKey(exp)
	toks := analyze(exp)
	for _, t := range toks {
		c.p.hl.add(t)
	}
	var alts []query.Query
	if role != roleCoord {
		alts = append(alts, constScore{disj(term(fLeadKey, k, 1), c.cellWords(toks, fLeadFolded, fLeadBi)), intentWeights.lead})
	}
	if role != roleLead {
		alts = append(alts, constScore{disj(term(fCoordKey, k, 1), c.cellWords(toks, fCoordFolded, fCoordBi)), intentWeights.coord})
	}
	// Named in the row's text; with no role asked, in its section title
	// or note too (the context, which holds the unit cells as well).
	mention := c.pairsAll(toks, false)
	if role == roleAny {
		mention = disj(mention, c.unitWords(toks, fCtx, 1))
	}
	alts = append(alts, constScore{mention, intentWeights.mention})
	return disj(alts...)
}

// cellWords matches a unit's name written in a unit cell among other
// words ("Lãnh đạo Sở Tư pháp"): its syllables side by side, not
// scattered over the names of other units.
func (c *compiler) cellWords(toks []token, folded, pairs string) query.Query {
	var qs []query.Query
	for i := 0; i+1 < len(toks); i++ {
		if toks[i+1].pos == toks[i].pos+1 && toks[i+1].folded != "va" && toks[i].folded != "va" {
			qs = append(qs, term(pairs, toks[i].folded+" "+toks[i+1].folded, 1))
		}
	}
	if len(qs) == 0 {
		return c.unitWords(toks, folded, 1)
	}
	return conj(qs...)
}

// periodYearless is the year a period written without one is read in;
// its dates then match that day or month of any year.
const periodYearless = 1904

// maxPeriodWords is the longest run of words read as a period.
const maxPeriodWords = 8

// timeWord tells a word that can start or make a period: a number, or a
// word of dates ("quý", "tháng", "năm", "hằng", "cuối", "ngày", …).
var timeWord = regexp.MustCompile(`^(?i)(\d.*|quý|quy|tháng|thang|năm|nam|hằng|hàng|hang|cuối|cuoi|đầu|dau|giữa|giua|ngày|ngay|trước|truoc|chậm|cham|trong|đến|den|từ|tu|6|sáu|sau)$`)

// readPeriods finds the longest runs of words the timeframe parser reads
// as a period or a recurrence, and compiles each into a group.
func (c *compiler) readPeriods(ws []string) (rest []string, groups []query.Query) {
	for i := 0; i < len(ws); i++ {
		end, g := c.periodAt(ws, i)
		if end == 0 {
			rest = append(rest, ws[i])
			continue
		}
		groups = append(groups, g)
		i = end - 1
	}
	return rest, groups
}

func (c *compiler) periodAt(ws []string, i int) (int, query.Query) {
	if !timeWord.MatchString(strings.ToLower(ws[i])) {
		return 0, nil
	}
	for j := min(len(ws), i+maxPeriodWords); j > i; j-- {
		if slices.ContainsFunc(ws[i:j], isDocNumber) {
			continue // "53/2025/NQ-HĐND" is a document, not a year
		}
		run := strings.Join(ws[i:j], " ")
		if !strings.ContainsFunc(run, unicode.IsDigit) && !hasRecurrenceWord(run) {
			continue
		}
		ms, ok := readPeriod(run)
		if !ok {
			continue
		}
		if g := c.periodGroup(ms); g != nil {
			return j, g
		}
	}
	return 0, nil
}

func isDocNumber(w string) bool {
	core := strings.Trim(w, ",;.:!?()[]{}")
	return core != "" && refPattern.FindString(core) == core
}

func hasRecurrenceWord(s string) bool {
	f := foldTerm(strings.ToLower(s))
	return strings.Contains(f, "hang") || strings.Contains(f, "thuong xuyen") || strings.Contains(f, "dinh ky")
}

// periodGroup matches rows whose deadlines fall in the milestones'
// periods: a one-off deadline first, then any (recurring ones expanded);
// a recurrence matches rows that recur so.
func (c *compiler) periodGroup(ms []vanban.Milestone) query.Query {
	var alts []query.Query
	for _, m := range ms {
		if m.Recurrence != vanban.Once {
			if slug, ok := recurrenceSlug[m.Recurrence]; ok && m.Due.IsZero() {
				alts = append(alts, constScore{term(fRecur, slug, 1), intentWeights.recurrence})
				continue
			}
		}
		if m.Due.IsZero() {
			continue
		}
		from := m.Start
		if from.IsZero() || from.After(m.Due) {
			from = m.Due
		}
		if m.Due.Year == periodYearless {
			alts = append(alts,
				constScore{yearlessRange(fDueOnce, from, m.Due), intentWeights.once},
				constScore{yearlessRange(fDue, from, m.Due), intentWeights.recurring})
			continue
		}
		alts = append(alts,
			constScore{termRange(fDueOnce, from.String(), m.Due.String()), intentWeights.once},
			constScore{dueRange(from, m.Due), intentWeights.recurring})
	}
	return disj(alts...)
}

// yearlessRange matches deadlines from a to b (of periodYearless) in any
// year: a day or the days of a few months.
func yearlessRange(field string, a, b vanban.Date) query.Query {
	if a == b {
		return regexpQuery(field, fmt.Sprintf(`[0-9]{4}-%02d-%02d`, a.Month, a.Day))
	}
	var qs []query.Query
	for m := a.Month; m <= b.Month; m++ {
		qs = append(qs, regexpQuery(field, fmt.Sprintf(`[0-9]{4}-%02d-[0-9]{2}`, m)))
	}
	return disj(qs...)
}

func regexpQuery(field, re string) query.Query {
	q := query.NewRegexpQuery(re)
	q.SetField(field)
	return q
}

// timeMarks restores the marks of the words of dates typed without them
// ("quy 2 nam 2026"), which the timeframe parser reads only marked.
var timeMarks = map[string]string{
	"quy": "quý", "thang": "tháng", "nam": "năm", "ngay": "ngày", "hang": "hằng", "cuoi": "cuối",
	"dau": "đầu", "giua": "giữa", "truoc": "trước", "cham": "chậm", "nhat": "nhất", "den": "đến",
	"tu": "từ", "thuong": "thường", "xuyen": "xuyên", "dinh": "định", "ky": "kỳ", "trong": "trong",
	"sau": "sáu", "het": "hết", "moi": "mỗi",
}

// readPeriod reads text that is wholly a period, a day or a recurrence
// with the plans' timeframe parser; a day or month without a year falls
// in periodYearless. Text the parser reads only in part (an action left
// over, "quy chế") is not a period.
func readPeriod(text string) ([]vanban.Milestone, bool) {
	ws := strings.Fields(text)
	for i, w := range ws {
		if m, ok := timeMarks[strings.ToLower(w)]; ok && !hasMarks(w) {
			ws[i] = m
		}
	}
	ms, ok := normalize.Timeframe(strings.Join(ws, " "), normalize.PlanContext{Year: periodYearless})
	if !ok || len(ms) == 0 {
		return nil, false
	}
	for _, m := range ms {
		if m.Action != "" || m.Condition != "" {
			return nil, false
		}
		if !m.Start.IsZero() && !m.Due.IsZero() && (m.Start.Year == periodYearless) != (m.Due.Year == periodYearless) {
			return nil, false
		}
	}
	return ms, true
}

// periodSlug reads the value of a period filter typed as a slug
// ("han:quy-3-2027", "han:6-thang-cuoi-2026", "han:thang-9-2026"): its
// words, "năm" before a bare year, read by readPeriod. It returns the
// span of the period.
func periodSlug(v string) (from, to vanban.Date, ok bool) {
	ws := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	var out []string
	for i, w := range ws {
		if len(w) == 4 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 &&
			(i == 0 || foldTerm(ws[i-1]) != "nam") {
			out = append(out, "năm")
		}
		out = append(out, w)
	}
	ms, ok := readPeriod(strings.Join(out, " "))
	if !ok {
		return from, to, false
	}
	for _, m := range ms {
		if m.Due.IsZero() || m.Due.Year == periodYearless {
			return from, to, false
		}
		start := m.Start
		if start.IsZero() {
			start = m.Due
		}
		if from.IsZero() || start.Before(from) {
			from = start
		}
		if to.IsZero() || m.Due.After(to) {
			to = m.Due
		}
	}
	return from, to, true
}
