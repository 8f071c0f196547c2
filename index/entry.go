package index

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"vanban"
)

// Extra is what the index keeps about a document besides the document
// itself.
type Extra struct {
	// Version is the store's version of the document, which Sync compares;
	// empty means ContentVersion(doc).
	Version string
	// Status maps a row's position in doc.Rows to its report status
	// ("hoàn thành", …), when a cross-check knows it. Positions, not STTs:
	// plans that number each section afresh repeat their STTs.
	Status map[int]string
}

// entry is one Bleve document: a task row or a whole document.
type entry struct {
	id     string
	fields map[string]interface{}
	lens   lengths
}

// refPattern matches document numbers and symbols as plans cite them:
// 58/KH-UBND, 53/2025/NQ-HĐND, 226/2025/QH15, 57-NQ/TW.
var refPattern = regexp.MustCompile(`\d+(?:/\d{4})?[/-]\p{Lu}[\p{L}\d&]*(?:[-/][\p{L}\d&]+)*`)

// citedRefs returns the document references written in texts.
func citedRefs(texts ...string) []string {
	var rv []string
	for _, t := range texts {
		rv = append(rv, refPattern.FindAllString(t, -1)...)
	}
	return rv
}

// refKey is the form of a document reference that filters compare:
// no marks, upper case, no spaces ("53/2025/nq-hdnd " → "53/2025/NQ-HDND").
func refKey(s string) string {
	s = foldTerm(strings.ToLower(s))
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// nameKey is the form of a unit, type or status name that filters
// compare: no marks, lower case, words separated by one space
// ("Sở Tài chính" → "so tai chinh", "ke-hoach" → "ke hoach").
func nameKey(s string) string {
	s = foldTerm(normTerm(strings.ToLower(s)))
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(f, " ")
}

func keys(f func(string) string, ss []string) []string {
	rv := make([]string, 0, len(ss))
	for _, s := range ss {
		if k := f(s); k != "" {
			rv = append(rv, k)
		}
	}
	return uniq(rv)
}

func uniq(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	rv := ss[:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			rv = append(rv, s)
		}
	}
	return rv
}

// docRef is how hits name a document: its reference, or its id for a
// draft that has none.
func docRef(doc *vanban.Document) string {
	if r := strings.TrimSpace(doc.Meta.Reference); r != "" {
		return r
	}
	return strconv.FormatInt(doc.ID, 10)
}

// entries turns a document into its Bleve documents: one for the
// document, whose id is base, and one per task row, "base#STT".
func entries(doc *vanban.Document, base string, x Extra, al expander) []entry {
	common := func(kind string) map[string]interface{} {
		m := map[string]interface{}{
			fKind: kind, fDocID: strconv.FormatInt(doc.ID, 10),
			fRef: docRef(doc), fRefKey: refKey(docRef(doc)), fReference: doc.Meta.Reference,
			fType: doc.Meta.DocType, fTypeKey: nameKey(doc.Meta.DocType),
			fIssuer: doc.Meta.Issuer, fDate: doc.Meta.Date.String(),
		}
		if doc.Meta.Date.Year > 0 {
			m[fYear] = strconv.Itoa(doc.Meta.Date.Year)
		}
		return m
	}
	d := common(kindDoc)
	d[fVersion] = x.Version
	d[fSelfKey] = refKey(docRef(doc))
	d[fCites] = keys(refKey, append(append(citedRefs(doc.Meta.Title), doc.Meta.Cites...), doc.Meta.Replaces...))
	d[fTitle] = doc.Meta.Title
	d[fBody] = doc.Text
	d[fText] = expanded(al, doc.Meta.Title)
	rv := []entry{{id: base, fields: d}}

	horizon := planSpan(doc)
	used := map[string]bool{base: true}
	for i := range doc.Rows {
		t := &doc.Rows[i]
		m := common(kindTask)
		rowFields(m, t, horizon, al)
		m[fRow] = strconv.Itoa(i)
		due := "9999-12-31" // no deadline: last
		if ds, _ := m[fDue].([]string); len(ds) > 0 {
			due = ds[0]
		}
		m[fOrder] = fmt.Sprintf("%s %012d %06d", due, doc.ID, i)
		if s, ok := x.Status[i]; ok && s != "" {
			m[fStatus], m[fStatusKey] = s, nameKey(s)
		}
		rv = append(rv, entry{id: rowID(base, t, i, used), fields: m})
	}
	planRef := citedPlan(doc)
	for i := range doc.ReportItems {
		m := common(kindReport)
		reportFields(m, &doc.ReportItems[i], al)
		m[fPlanRef] = planRef
		m[fRow] = strconv.Itoa(i)
		m[fOrder] = fmt.Sprintf("9999-12-31 %012d %06d", doc.ID, len(doc.Rows)+i)
		rv = append(rv, entry{id: itemID(base, &doc.ReportItems[i], i, used), fields: m})
	}
	for i := range rv {
		rv[i].fields[fFacet] = facetValues(rv[i].fields)
		rv[i].lens = measure(rv[i].fields)
		rv[i].fields[fLens] = rv[i].lens.String()
	}
	return rv
}

// facetSep joins a facet's name and value in fFacet.
const facetSep = "\x1f"

// facetValues lists an entry's facet values as fFacet holds them: one
// term for its document's reference, type and year together, which every
// row of the document shares, and one per lead unit and recurrence, each
// prefixed by its facet's name ("van-ban\x1f58/KH-UBND\x1fKế hoạch\x1f2026",
// "chu-tri\x1fSở Tài chính", "lap\x1fhang-nam"). Counting facets visits
// these values for every hit: three where one a facet would be five.
func facetValues(m map[string]interface{}) []string {
	str := func(f string) string { s, _ := m[f].(string); return s }
	strs := func(f string) []string {
		if s, ok := m[f].(string); ok {
			return []string{s}
		}
		ss, _ := m[f].([]string)
		return ss
	}
	rv := []string{strings.Join([]string{FilterDocument, str(fRef), str(fType), str(fYear)}, facetSep)}
	for _, f := range []struct{ name, field string }{{FilterLead, fLeadUnit}, {FilterRecur, fRecur}} {
		for _, v := range strs(f.field) {
			if v != "" {
				rv = append(rv, f.name+facetSep+v)
			}
		}
	}
	return rv
}

// rowID is base#STT; a row whose STT is missing or taken (tables that
// number each section from 1) gets its section numeral, then its place.
func rowID(base string, t *vanban.Task, i int, used map[string]bool) string {
	stt := strings.Join(strings.Fields(t.STT), "")
	candidates := []string{}
	if stt != "" {
		candidates = append(candidates, base+"#"+stt)
		if sec := strings.Join(strings.Fields(t.Section.Numeral), ""); sec != "" {
			candidates = append(candidates, base+"#"+sec+"."+stt)
		}
	}
	candidates = append(candidates, base+"#r"+strconv.Itoa(i+1))
	for _, c := range candidates {
		if !used[c] {
			used[c] = true
			return c
		}
	}
	for n := 2; ; n++ {
		c := base + "#r" + strconv.Itoa(i+1) + "." + strconv.Itoa(n)
		if !used[c] {
			used[c] = true
			return c
		}
	}
}

// itemID is base@STT for a report item, base@rN when its STT is missing
// or taken: "@" keeps items apart from the plan rows a report may share
// numbers with.
func itemID(base string, it *vanban.ReportItem, i int, used map[string]bool) string {
	if stt := strings.Join(strings.Fields(it.STT), ""); stt != "" && !used[base+"@"+stt] {
		used[base+"@"+stt] = true
		return base + "@" + stt
	}
	for n := 1; ; n++ {
		c := base + "@r" + strconv.Itoa(i+1)
		if n > 1 {
			c += "." + strconv.Itoa(n)
		}
		if !used[c] {
			used[c] = true
			return c
		}
	}
}

// citedPlan is the plan a report reports on: the first plan ("…/KH-…")
// it cites, else the first document it cites.
func citedPlan(doc *vanban.Document) string {
	for _, c := range doc.Meta.Cites {
		if strings.Contains(strings.ToUpper(c), "/KH") {
			return c
		}
	}
	if len(doc.Meta.Cites) > 0 {
		return doc.Meta.Cites[0]
	}
	return ""
}

// reportFields fills a report item's entry: its task and result are its
// text (what a secretariat asks a report for), its section, status and
// unit the context. The plan's STT the item names is kept to link it.
func reportFields(m map[string]interface{}, it *vanban.ReportItem, al expander) {
	m[fSTT] = it.STT
	m[fSection] = it.Section
	m[fTask], m[fOutput], m[fNote] = it.Task, it.Result, strings.TrimSpace(it.Difficulty+"\n"+it.Proposal)
	m[fText] = expanded(al, it.Task, it.Result, it.Difficulty, it.Proposal)
	m[fCtx] = expanded(al, it.Section, it.StatusText, it.Unit, it.Role)
	m[fLead] = expanded(al, it.Unit)
	m[fPlanSTT] = it.PlanSTT
	m[fCites] = keys(refKey, citedRefs(it.Task, it.Result))
}

func rowFields(m map[string]interface{}, t *vanban.Task, horizon span, al expander) {
	m[fSTT] = t.STT
	m[fSection] = strings.TrimSpace(t.Section.Numeral + ". " + t.Section.Title)
	if t.Section.Numeral == "" {
		m[fSection] = t.Section.Title
	}
	m[fTask], m[fOutput], m[fTime], m[fNote] = t.Task, t.ExpectedOutput, t.Timeframe, t.Note
	m[fText] = expanded(al, t.Task, t.ExpectedOutput, t.Monitor)
	ctx := expanded(al, t.Section.Title, t.Timeframe, t.Note, t.Lead, t.Coordinators)

	leadNames, leadUnits := partyNames(t.Lead, t.LeadParties)
	coordNames, coordUnits := partyNames(t.Coordinators, t.CoordinatorParties)
	m[fLead] = append(expanded(al, t.Lead), extraNames(t.Lead, leadNames)...)
	m[fCoord] = append(expanded(al, t.Coordinators), extraNames(t.Coordinators, coordNames)...)
	m[fCtx] = append(append(ctx, extraNames(t.Lead, leadNames)...), extraNames(t.Coordinators, coordNames)...)
	m[fLeadUnit], m[fLeadKey] = leadUnits, keys(nameKey, leadNames)
	m[fCoordUnit], m[fCoordKey] = coordUnits, keys(nameKey, coordNames)

	var cites []string
	for _, ms := range t.Milestones {
		cites = append(cites, ms.Cites...)
	}
	m[fCites] = keys(refKey, append(citedRefs(t.Task, t.ExpectedOutput, t.Note, t.Timeframe), cites...))

	dues := dueDates(t.Milestones, horizon)
	iso := make([]string, len(dues))
	for i, d := range dues {
		iso[i] = d.String()
	}
	m[fDue], m[fDues] = iso, iso
	var months, years []string
	for _, d := range iso {
		months, years = append(months, d[:7]), append(years, d[:4])
	}
	m[fDueMonth], m[fDueYear] = uniq(months), uniq(years)
	m[fDueOnce] = onceDues(t.Milestones)
	m[fRecur] = recurrences(t.Milestones)
	m[fDueLabel] = dueLabel(t)
}

// expanded returns texts followed by those of them that have
// abbreviations, spelled out: a row that writes "UBND" is found by "ủy
// ban nhân dân", one that writes "CĐS" by "chuyển đổi số". The first value stays the text as written.
func expanded(al expander, texts ...string) []string {
	rv := texts
	for _, t := range texts {
		if e := al.Expand(t); e != t {
			rv = append(rv, e)
		}
	}
	return rv
}

// partyNames returns every name of a cell's parties (canonical and as
// written) and the canonical names of its units. Without parties (a
// document not normalized yet) the cell's ";"-separated parts stand in
// for both.
func partyNames(cell string, parties []vanban.Party) (names, units []string) {
	if len(parties) == 0 {
		for _, p := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '\n' }) {
			if p = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(p), ".")); p != "" {
				names = append(names, strings.Join(strings.Fields(p), " "))
			}
		}
		return uniq(names), uniq(append([]string(nil), names...))
	}
	for _, p := range parties {
		names = append(names, p.Name)
		if p.AliasOf != "" {
			names = append(names, p.AliasOf)
		}
		if p.Kind == vanban.KindUnit {
			units = append(units, p.Name)
		}
	}
	return uniq(names), uniq(units)
}

// extraNames are the names not already written in the cell, indexed with
// it so that the canonical name finds an abbreviated cell.
func extraNames(cell string, names []string) []string {
	var rv []string
	k := nameKey(cell)
	for _, n := range names {
		if !strings.Contains(k, nameKey(n)) {
			rv = append(rv, n)
		}
	}
	return rv
}

// recurrenceSlug is how queries (lap:hang-nam) and facets name a
// recurrence.
var recurrenceSlug = map[vanban.Recurrence]string{
	vanban.Once:       "mot-lan",
	vanban.Yearly:     "hang-nam",
	vanban.HalfYearly: "6-thang",
	vanban.Quarterly:  "hang-quy",
	vanban.Monthly:    "hang-thang",
	vanban.Continuous: "thuong-xuyen",
}

func recurrences(ms []vanban.Milestone) []string {
	var rv []string
	for _, m := range ms {
		if m.Recurrence == vanban.Once && m.Due.IsZero() {
			continue
		}
		if s, ok := recurrenceSlug[m.Recurrence]; ok {
			rv = append(rv, s)
		}
	}
	return uniq(rv)
}

// span is the years a document's recurring deadlines run over.
type span struct{ from, to int }

// planSpan runs from the document's year (this year for a draft without
// a date) to its latest dated milestone, and at least five years.
func planSpan(doc *vanban.Document) span {
	s := span{from: doc.Meta.Date.Year}
	if s.from == 0 {
		s.from = time.Now().Year()
	}
	s.to = s.from + 4
	for _, t := range doc.Rows {
		for _, m := range t.Milestones {
			s.to = max(s.to, m.Due.Year)
		}
	}
	return s
}

// maxDues bounds the deadlines indexed for one row (monthly ones).
const maxDues = 240

// dueDates returns the row's deadlines, sorted: each dated milestone's
// due date, and every occurrence of a recurring one over the plan's span.
func dueDates(ms []vanban.Milestone, horizon span) []vanban.Date {
	var rv []vanban.Date
	for _, m := range ms {
		if !m.Due.IsZero() && (m.Recurrence == vanban.Once || m.YearlyDue == "") {
			rv = append(rv, m.Due)
		}
		rv = append(rv, occurrences(m, horizon)...)
	}
	sort.Slice(rv, func(i, j int) bool { return rv[i].Before(rv[j]) })
	out := rv[:0]
	for i, d := range rv {
		if i == 0 || d != rv[i-1] {
			out = append(out, d)
		}
	}
	if len(out) > maxDues {
		out = out[:maxDues]
	}
	return out
}

// occurrences expands a recurring milestone with a day inside its period
// (YearlyDue) into dates from its start (or the plan's) to its end (or
// the plan's).
func occurrences(m vanban.Milestone, horizon span) []vanban.Date {
	period := map[vanban.Recurrence]int{
		vanban.Yearly: 12, vanban.HalfYearly: 6, vanban.Quarterly: 3, vanban.Monthly: 1,
	}[m.Recurrence]
	if period == 0 || m.YearlyDue == "" {
		return nil
	}
	month, day := 1, 0
	if parts := strings.Split(m.YearlyDue, "-"); len(parts) == 2 {
		month, _ = strconv.Atoi(parts[0])
		day, _ = strconv.Atoi(parts[1])
	} else {
		day, _ = strconv.Atoi(m.YearlyDue)
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return nil
	}
	from, to := horizon.from, horizon.to
	if !m.Start.IsZero() {
		from = m.Start.Year
	}
	if !m.Due.IsZero() {
		to = m.Due.Year
	}
	var rv []vanban.Date
	offset := (month - 1) % period
	for y := from; y <= to && len(rv) < maxDues; y++ {
		for mo := 1 + offset; mo <= 12; mo += period {
			d := clampDay(y, time.Month(mo), day)
			if (m.Start.IsZero() || !d.Before(m.Start)) && (m.Due.IsZero() || !d.After(m.Due)) {
				rv = append(rv, d)
			}
		}
	}
	return rv
}

func clampDay(y int, m time.Month, d int) vanban.Date {
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return vanban.D(y, m, min(d, last))
}

// dueLabel says when a row is due, as a reader wants it in a list of
// hits: "31/03/2026", "hằng năm (15/12)", "thường xuyên"; the timeframe
// cell when it was not understood.
func dueLabel(t *vanban.Task) string {
	var parts []string
	for _, m := range t.Milestones {
		switch {
		case m.Recurrence == vanban.Continuous:
			parts = append(parts, "thường xuyên")
		case m.Recurrence != vanban.Once:
			l := recurrenceLabel[m.Recurrence]
			if md := strings.Split(m.YearlyDue, "-"); len(md) == 2 {
				l += " (" + md[1] + "/" + md[0] + ")"
			}
			parts = append(parts, l)
		case !m.Due.IsZero():
			parts = append(parts, m.Due.VN())
		}
	}
	if len(parts) == 0 {
		return strings.Join(strings.Fields(t.Timeframe), " ")
	}
	return strings.Join(uniq(parts), "; ")
}

var recurrenceLabel = map[vanban.Recurrence]string{
	vanban.Yearly: "hằng năm", vanban.HalfYearly: "6 tháng", vanban.Quarterly: "hằng quý",
	vanban.Monthly: "hằng tháng",
}

// onceDues are the due days of a row's one-off milestones: a period query
// ranks them above recurring deadlines that fall in it.
func onceDues(ms []vanban.Milestone) []string {
	var rv []string
	for _, m := range ms {
		if m.Recurrence == vanban.Once && !m.Due.IsZero() {
			rv = append(rv, m.Due.String())
		}
	}
	return uniq(rv)
}
