package index

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"vanban"
	"vanban/normalize"
)

// Weights of the fields a word is looked for in, relative to the row's
// text; tuned on fixtures/relevance (see relevance_test.go).
var weights = struct {
	exact, folded   float64 // the word as typed / without marks, when typed with marks
	ctx             float64 // section title, timeframe, note and units
	body            float64 // a document's full text
	coord           float64 // a coordinating unit, relative to the lead
	bigram          float64 // a pair of query syllables side by side
	unitName        float64 // words naming the lead unit
	selfRef, cites  float64 // a document number: the document itself / rows citing it
	inDoc           float64 // a document number: rows of that document
	fuzzy           float64 // an approximate match, in the fallback
	minShouldRatio  float64 // share of words that must match in a long query
	allWordsUpTo    int     // queries of this many words need them all
	fuzzyMinLetters int     // shorter syllables are not matched approximately
}{
	exact: 1, folded: 0.5, ctx: 0.3, body: 0.3, coord: 0.25, bigram: 0.6, unitName: 4,
	selfRef: 8, cites: 4, inDoc: 1, fuzzy: 0.5,
	minShouldRatio: 0.75, allWordsUpTo: 4, fuzzyMinLetters: 4,
}

// plan is a query compiled for Bleve, with what highlighting needs.
type plan struct {
	groups  []query.Query // one per word (or alias, or document number)
	must    []query.Query // quoted phrases
	boosts  []query.Query // syllable pairs
	mustNot []query.Query
	filters []query.Query
	hl      *matcher
	// numbered: the query names a document by its number, so documents
	// keep their full score; reports: it asks what was reported
	// (reportCues), so report items do.
	numbered, reports bool
	// intent: the query names a unit or a period (intent.go), whose
	// fixed scores tie.
	intent bool
}

func (p *plan) hasText() bool { return len(p.groups)+len(p.must) > 0 }

// compiler turns a parsed Query into a plan.
type compiler struct {
	al    *normalize.Aliases
	fuzzy bool // the fallback: approximate syllables
	// units are the nameKeys of the units the indexed rows name (lead or
	// coordinating), so that a query naming one is read as a unit.
	units map[string]bool
	terms *Terms
	p     plan
}

func compile(q Query, al *normalize.Aliases, fuzzy bool, units map[string]bool, terms *Terms) (*plan, error) {
	if err := checkLength(q); err != nil {
		return nil, err
	}
	c := &compiler{al: al, fuzzy: fuzzy, units: units, terms: terms, p: plan{hl: newMatcher(fuzzy)}}
	c.p.reports = hasReportCue(q)
	var run []string // consecutive plain words
	flush := func() {
		if len(run) > 0 {
			c.words(run)
			run = nil
		}
	}
	for _, cl := range q.Clauses {
		switch {
		case cl.Field == "" && !cl.Not && !cl.Phrase:
			run = append(run, cl.Value)
			continue
		case cl.Field == "" && cl.Not:
			if nq := c.textMatch(cl.Value); nq != nil {
				c.p.mustNot = append(c.p.mustNot, nq)
			}
		case cl.Field == "":
			if pq := c.phrase(cl.Value); pq != nil {
				c.p.must = append(c.p.must, pq)
			}
		default:
			fq, err := c.filter(cl)
			if err != nil {
				return nil, err
			}
			if cl.Not {
				c.p.mustNot = append(c.p.mustNot, fq)
			} else {
				c.p.filters = append(c.p.filters, fq)
			}
		}
		flush()
	}
	flush()
	c.p.groups = c.p.groups[:min(len(c.p.groups), maxGroups)]
	c.p.boosts = c.p.boosts[:min(len(c.p.boosts), maxGroups)]
	return &c.p, nil
}

// maxGroups bounds the words of a query that are searched: a pasted page
// must not turn into thousands of term searches.
const maxGroups = 128

// token is one analysed query syllable: as typed and folded.
type token struct {
	exact, folded string
	pos           int
}

// marked tells a syllable typed with diacritics (or đ).
func (t token) marked() bool { return t.exact != t.folded }

func analyze(s string) []token {
	ts := exactAnalyzer.Analyze([]byte(s))
	rv := make([]token, len(ts))
	for i, t := range ts {
		rv[i] = token{string(t.Term), foldTerm(string(t.Term)), t.Position}
	}
	return rv
}

// words compiles a run of plain words: each syllable is a group, and
// each pair of adjacent syllables a boost. Abbreviations and document
// numbers are groups of their own.
func (c *compiler) words(ws []string) {
	ws, intent := c.intents(ws)
	c.p.intent = c.p.intent || intent
	var plain []string
	flush := func() {
		toks := analyze(strings.Join(plain, " "))
		for _, t := range toks {
			c.p.groups = append(c.p.groups, c.syllable(t, 1))
		}
		c.pairs(toks, weights.bigram)
		plain = nil
	}
	for _, w := range ws {
		if g := c.special(w); g != nil {
			flush()
			c.p.groups = append(c.p.groups, g)
			continue
		}
		plain = append(plain, w)
	}
	flush()
	if !intent {
		c.unitNames(ws)
	}
}

// maxUnitWords is the longest run of words looked up as a unit name.
const maxUnitWords = 8

// unitNames boosts rows whose lead (or, less, coordinating) unit is named
// by the words: all of them, or a run of them that the alias table knows
// as a unit ("khởi nghiệp Sở Tài chính").
func (c *compiler) unitNames(ws []string) {
	if len(ws) > 3*maxUnitWords {
		return
	}
	names := []string{strings.Join(ws, " ")}
	for i := range ws {
		for j := i + 2; j <= min(len(ws), i+maxUnitWords); j++ {
			if name, kind, ok := c.al.Canonical(strings.Join(ws[i:j], " ")); ok && kind == vanban.KindUnit {
				names = append(names, name)
			}
		}
	}
	for _, k := range uniq(keys(nameKey, names)) {
		c.p.boosts = append(c.p.boosts, term(fLeadKey, k, weights.unitName), term(fCoordKey, k, weights.unitName*weights.coord))
	}
}

// special compiles a word that is a document number or an abbreviation.
func (c *compiler) special(w string) query.Query {
	core := strings.TrimFunc(w, func(r rune) bool { return strings.ContainsRune(",;.:!?()[]{}", r) })
	if m := refPattern.FindString(core); m != "" && m == core {
		return c.docNumber(core)
	}
	if words, ok := c.terms.Words(core); ok {
		return c.acronym(core, words)
	}
	if exp := c.al.Expand(core); exp != core && core != "" {
		alt := []query.Query{c.allOf(analyze(exp))}
		if toks := analyze(core); len(toks) > 0 {
			alt = append(alt, c.allOf(toks))
		}
		c.pairs(analyze(exp), weights.bigram)
		return disj(alt...)
	}
	return nil
}

// acronym matches a concept's acronym: its words side by side (the whole
// term, not its syllables scattered) or the acronym as written.
func (c *compiler) acronym(core, words string) query.Query {
	toks := analyze(words)
	for _, t := range toks {
		c.p.hl.add(t)
	}
	written := analyze(core)
	for _, t := range written {
		c.p.hl.add(t)
	}
	return disj(c.pairsAll(toks, false), c.pairsAll(written, false))
}

// docNumber finds a document by its number: the document first, then the
// rows that cite it, then the rows of that document.
func (c *compiler) docNumber(ref string) query.Query {
	c.p.numbered = true
	k := refKey(ref)
	toks := analyze(ref)
	for _, t := range toks {
		c.p.hl.add(t)
	}
	return disj(
		term(fSelfKey, k, weights.selfRef),
		term(fCites, k, weights.cites),
		term(fRefKey, k, weights.inDoc),
		c.pairsAll(toks, false),
	)
}

// syllable matches one query syllable in the row's text and context, or
// a document's title and text. Typed with marks, it matches only that
// word ("số" is not "sở"); typed without, every form, exact ones first.
// In the approximate fallback a marked word matches its folded
// neighbours too.
func (c *compiler) syllable(t token, boost float64) query.Query {
	c.p.hl.add(t)
	if t.marked() && !c.fuzzy {
		return disj(term(fText, t.exact, weights.exact*boost), term(fBodyExact, t.exact, weights.body*boost),
			term(fCtxExact, t.exact, weights.ctx*boost))
	}
	// Without marks every form matches, the form as typed first ("ban"
	// above "bán", "bàn").
	return disj(c.foldedTerm(fTextFolded, t.folded, boost), term(fText, t.exact, weights.folded*boost),
		c.foldedTerm(fBodyFolded, t.folded, weights.body*boost), c.foldedTerm(fCtx, t.folded, weights.ctx*boost))
}

// Bounds on what a query may ask: no Vietnamese syllable, abbreviation
// or document number is longer than maxTermRunes, and an approximate
// match of a long term would build an automaton of thousands of states.
const (
	maxTermRunes    = 64
	maxQueryRunes   = 2000
	maxFuzzyLetters = 20
)

// checkLength refuses a query with an over-long word, or too long as a
// whole, in Vietnamese.
func checkLength(q Query) error {
	total := 0
	for _, cl := range q.Clauses {
		for _, w := range strings.Fields(cl.Value) {
			n := utf8.RuneCountInString(w)
			total += n
			if n > maxTermRunes {
				return vanban.Errorf(vanban.EInvalid, "từ “%s…” quá dài (%d ký tự, tối đa %d): hãy gõ từ ngắn hơn", string([]rune(w)[:12]), n, maxTermRunes)
			}
		}
	}
	if total > maxQueryRunes {
		return vanban.Errorf(vanban.EInvalid, "truy vấn quá dài (%d ký tự, tối đa %d): hãy gõ ít từ hơn", total, maxQueryRunes)
	}
	return nil
}

// foldedTerm is a term on a folded field, approximate in the fallback.
func (c *compiler) foldedTerm(field, t string, boost float64) query.Query {
	if n := utf8.RuneCountInString(t); c.fuzzy && n >= weights.fuzzyMinLetters && n <= maxFuzzyLetters {
		fq := query.NewFuzzyQuery(t)
		fq.SetField(field)
		fq.SetFuzziness(1)
		fq.SetBoost(boost * weights.fuzzy)
		return fq
	}
	return term(field, t, boost)
}

// allOf matches every syllable of toks (a spelled-out abbreviation): the
// word "và" is left out, as names are written with and without it.
func (c *compiler) allOf(toks []token) query.Query {
	var qs []query.Query
	for _, t := range toks {
		if t.folded != "va" {
			qs = append(qs, c.syllable(t, 1))
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return conj(qs...)
}

// pairs adds a boost for each adjacent pair of syllables.
func (c *compiler) pairs(toks []token, w float64) {
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if b.pos == a.pos+1 {
			c.p.boosts = append(c.p.boosts, term(fTextFoldBi, a.folded+" "+b.folded, w))
		}
	}
}

// pairsAll matches toks as a phrase in the row's text: every adjacent
// pair side by side (folded pairs are indexed), and when exact, every
// syllable as typed.
func (c *compiler) pairsAll(toks []token, exact bool) query.Query {
	var qs []query.Query
	for i, t := range toks {
		if exact {
			qs = append(qs, term(fText, t.exact, 1))
		}
		if i+1 < len(toks) && toks[i+1].pos == t.pos+1 {
			qs = append(qs, term(fTextFoldBi, t.folded+" "+toks[i+1].folded, 1))
		} else if !exact && (i == 0 || toks[i-1].pos != t.pos-1) {
			qs = append(qs, term(fTextFolded, t.folded, 1))
		}
	}
	return conj(qs...)
}

// phrase compiles a quoted phrase: its syllables side by side in the
// text, the context (section, timeframe, note) or a unit cell. Typed with marks
// it matches them as typed, without, folded.
func (c *compiler) phrase(s string) query.Query {
	toks := analyze(s)
	if len(toks) == 0 {
		return nil
	}
	for _, t := range toks {
		c.p.hl.add(t)
	}
	c.pairs(toks, weights.bigram)
	return disj(c.pairsAll(toks, hasMarks(s)), c.fieldPhrase(toks, fCtxBi, fCtx, weights.ctx),
		c.fieldPhrase(toks, fLeadBi, fLeadFolded, weights.ctx), c.fieldPhrase(toks, fCoordBi, fCoordFolded, weights.ctx*weights.coord))
}

// fieldPhrase matches toks side by side in a field indexed as pairs (the
// context, a unit cell), or a single syllable in its folded field.
func (c *compiler) fieldPhrase(toks []token, pairs, folded string, w float64) query.Query {
	if len(toks) == 1 {
		return term(folded, toks[0].folded, w)
	}
	var qs []query.Query
	for i := 0; i+1 < len(toks); i++ {
		if toks[i+1].pos == toks[i].pos+1 {
			qs = append(qs, term(pairs, toks[i].folded+" "+toks[i+1].folded, w))
		}
	}
	return conj(qs...)
}

// unitWords matches every syllable of toks in a unit cell.
func (c *compiler) unitWords(toks []token, field string, w float64) query.Query {
	qs := make([]query.Query, len(toks))
	for i, t := range toks {
		qs[i] = term(field, t.folded, w)
	}
	return conj(qs...)
}

// textMatch matches a word or phrase anywhere in a row, for exclusions.
func (c *compiler) textMatch(s string) query.Query {
	toks := analyze(s)
	if len(toks) == 0 {
		return nil
	}
	return disj(c.pairsAll(toks, hasMarks(s)), c.fieldPhrase(toks, fCtxBi, fCtx, 1),
		c.fieldPhrase(toks, fLeadBi, fLeadFolded, 1), c.fieldPhrase(toks, fCoordBi, fCoordFolded, 1))
}

// filter compiles a filter clause. Values are compared in their folded
// key forms, so they may be typed without diacritics.
func (c *compiler) filter(cl Clause) (query.Query, error) {
	v := strings.TrimSpace(cl.Value)
	switch cl.Field {
	case FilterLead:
		return c.unitFilter(v, fLeadKey, fLeadFolded), nil
	case FilterCoord:
		return c.unitFilter(v, fCoordKey, fCoordFolded), nil
	case FilterDocument:
		k := refKey(v)
		pq := query.NewPrefixQuery(k + "/")
		pq.SetField(fRefKey)
		return disj(term(fRefKey, k, 1), pq), nil
	case FilterType:
		k := nameKey(v)
		if full, ok := typeAbbrev[strings.ReplaceAll(k, " ", "")]; ok {
			k = full
		}
		return term(fTypeKey, k, 1), nil
	case FilterYear:
		return yearFilter(v)
	case FilterDue:
		return dueFilter(cl.Op, v)
	case FilterRecur:
		slug, ok := recurrenceWords[nameKey(v)]
		if !ok {
			return nil, vanban.Errorf(vanban.EInvalid, "lap:%s: không rõ; dùng hang-nam, 6-thang, hang-quy, hang-thang, thuong-xuyen hoặc mot-lan", v)
		}
		return term(fRecur, slug, 1), nil
	case FilterStatus:
		return term(fStatusKey, nameKey(v), 1), nil
	}
	return nil, vanban.Errorf(vanban.EInvalid, "bộ lọc %q không có", cl.Field)
}

// unitFilter matches a unit by its name (canonical, or as written, with
// abbreviations spelled out), or every word of the value in the cell.
func (c *compiler) unitFilter(v, keyField, foldedField string) query.Query {
	alts := []query.Query{term(keyField, nameKey(v), 1)}
	if exp := c.al.Expand(v); exp != v {
		alts = append(alts, term(keyField, nameKey(exp), 1))
		v = exp
	}
	var words []query.Query
	for _, t := range analyze(v) {
		if t.folded != "va" {
			words = append(words, term(foldedField, t.folded, 1))
		}
	}
	if len(words) > 0 {
		alts = append(alts, conj(words...))
	}
	return disj(alts...)
}

// typeAbbrev spells out the symbols of document types (loai:KH).
var typeAbbrev = map[string]string{
	"kh": "ke hoach", "bc": "bao cao", "qd": "quyet dinh", "cv": "cong van",
	"tb": "thong bao", "tt": "to trinh", "ttr": "to trinh", "nq": "nghi quyet", "ct": "chi thi",
}

// recurrenceWords maps what users type after lap: to recurrence slugs.
var recurrenceWords = map[string]string{
	"hang nam": "hang-nam", "nam": "hang-nam", "moi nam": "hang-nam", "yearly": "hang-nam",
	"6 thang": "6-thang", "sau thang": "6-thang", "nua nam": "6-thang", "half yearly": "6-thang",
	"hang quy": "hang-quy", "quy": "hang-quy", "quarterly": "hang-quy",
	"hang thang": "hang-thang", "thang": "hang-thang", "monthly": "hang-thang",
	"thuong xuyen": "thuong-xuyen", "lien tuc": "thuong-xuyen", "continuous": "thuong-xuyen",
	"mot lan": "mot-lan", "once": "mot-lan",
}

var yearPattern = regexp.MustCompile(`^(\d{4})(?:\s*[-–]\s*(\d{4}))?$`)

func yearFilter(v string) (query.Query, error) {
	m := yearPattern.FindStringSubmatch(v)
	if m == nil {
		return nil, vanban.Errorf(vanban.EInvalid, "nam:%s: năm không hợp lệ (viết nam:2026 hoặc nam:2025-2026)", v)
	}
	from, _ := strconv.Atoi(m[1])
	to := from
	if m[2] != "" {
		to, _ = strconv.Atoi(m[2])
	}
	if to < from || to-from > 100 {
		return nil, vanban.Errorf(vanban.EInvalid, "nam:%s: khoảng năm không hợp lệ", v)
	}
	var qs []query.Query
	for y := from; y <= to; y++ {
		qs = append(qs, term(fYear, strconv.Itoa(y), 1))
	}
	return disj(qs...), nil
}

// dueFilter compiles han<D, han<=D, han>D, han>=D and han:D, where D is a
// day, a month or a year (2026-06-30, 30/06/2026, 2026-06, 06/2026, 2026):
// "<" means before the period, "<=" up to its end, ":" within it.
func dueFilter(op, v string) (query.Query, error) {
	from, to, ok := parsePeriod(v)
	if !ok {
		from, to, ok = periodSlug(v)
	}
	if !ok {
		return nil, vanban.Errorf(vanban.EInvalid, "han%s%s: ngày không hợp lệ (viết 2026-06-30, 30/06/2026, 2026-06 hoặc quy-3-2027)", op, v)
	}
	first, last := vanban.D(1, 1, 1), vanban.D(9999, 12, 31)
	switch op {
	case "<":
		return dueRange(first, addDays(from, -1)), nil
	case "<=":
		return dueRange(first, to), nil
	case ">":
		return dueRange(addDays(to, 1), last), nil
	case ">=":
		return dueRange(from, last), nil
	}
	return dueRange(from, to), nil
}

func addDays(d vanban.Date, n int) vanban.Date { return vanban.DateOf(d.Time().AddDate(0, 0, n)) }

// dueRange matches rows with a deadline from a to b, inclusive. Deadlines
// are indexed by day, month and year, so the range is whole years in the
// middle, whole months around them and days at the ends: a few terms,
// where days alone would be hundreds.
func dueRange(a, b vanban.Date) query.Query {
	if b.Before(a) {
		return query.NewMatchNoneQuery()
	}
	day := func(d vanban.Date) string { return d.String() }
	month := func(y int, m time.Month) string { return fmt.Sprintf("%04d-%02d", y, m) }
	endOfMonth := func(d vanban.Date) vanban.Date {
		return vanban.DateOf(vanban.D(d.Year, d.Month+1, 1).Time().AddDate(0, 0, -1))
	}
	var qs []query.Query
	if a.Year == b.Year && a.Month == b.Month {
		return termRange(fDue, day(a), day(b))
	}
	qs = append(qs, termRange(fDue, day(a), day(endOfMonth(a))), termRange(fDue, day(vanban.D(b.Year, b.Month, 1)), day(b)))
	if a.Year == b.Year {
		if b.Month-a.Month > 1 {
			qs = append(qs, termRange(fDueMonth, month(a.Year, a.Month+1), month(a.Year, b.Month-1)))
		}
		return disj(qs...)
	}
	if a.Month < 12 {
		qs = append(qs, termRange(fDueMonth, month(a.Year, a.Month+1), month(a.Year, 12)))
	}
	if b.Month > 1 {
		qs = append(qs, termRange(fDueMonth, month(b.Year, 1), month(b.Year, b.Month-1)))
	}
	if b.Year-a.Year > 1 {
		qs = append(qs, termRange(fDueYear, fmt.Sprintf("%04d", a.Year+1), fmt.Sprintf("%04d", b.Year-1)))
	}
	return disj(qs...)
}

func termRange(field, lo, hi string) query.Query {
	yes := true
	q := query.NewTermRangeInclusiveQuery(lo, hi, &yes, &yes)
	q.SetField(field)
	return q
}

var (
	isoDay   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	vnDay    = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	isoMonth = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	vnMonth  = regexp.MustCompile(`^(\d{1,2})[/.-](\d{4})$`)
	aYear    = regexp.MustCompile(`^(\d{4})$`)
)

// parsePeriod reads a day, month or year and returns its first and last
// days.
func parsePeriod(v string) (from, to vanban.Date, ok bool) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	valid := func(y, m, d int) bool {
		if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
			return false
		}
		return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	var y, m, d int
	switch {
	case isoDay.MatchString(v):
		s := isoDay.FindStringSubmatch(v)
		y, m, d = atoi(s[1]), atoi(s[2]), atoi(s[3])
	case vnDay.MatchString(v):
		s := vnDay.FindStringSubmatch(v)
		y, m, d = atoi(s[3]), atoi(s[2]), atoi(s[1])
	case isoMonth.MatchString(v), vnMonth.MatchString(v):
		if s := isoMonth.FindStringSubmatch(v); s != nil {
			y, m = atoi(s[1]), atoi(s[2])
		} else {
			s = vnMonth.FindStringSubmatch(v)
			y, m = atoi(s[2]), atoi(s[1])
		}
		if !valid(y, m, 1) {
			return from, to, false
		}
		first := vanban.D(y, time.Month(m), 1)
		return first, vanban.DateOf(first.Time().AddDate(0, 1, -1)), true
	case aYear.MatchString(v):
		y = atoi(v)
		if !valid(y, 1, 1) {
			return from, to, false
		}
		return vanban.D(y, 1, 1), vanban.D(y, 12, 31), true
	default:
		return from, to, false
	}
	if !valid(y, m, d) {
		return from, to, false
	}
	day := vanban.D(y, time.Month(m), d)
	return day, day, true
}

func term(field, t string, boost float64) query.Query {
	q := query.NewTermQuery(t)
	q.SetField(field)
	if boost != 1 {
		q.SetBoost(boost)
	}
	return q
}

// disj and conj drop nil queries and avoid wrapping a single one.
func disj(qs ...query.Query) query.Query {
	qs = compact(qs)
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

func conj(qs ...query.Query) query.Query {
	qs = compact(qs)
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func compact(qs []query.Query) []query.Query {
	out := qs[:0:0]
	for _, q := range qs {
		if q != nil {
			out = append(out, q)
		}
	}
	return out
}

// minShould is how many of n word groups a row must match.
func minShould(n int, any bool) int {
	if any {
		return 1
	}
	if n <= weights.allWordsUpTo {
		return n
	}
	return int(math.Ceil(float64(n) * weights.minShouldRatio))
}
