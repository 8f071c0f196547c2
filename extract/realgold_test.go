package extract

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanban"
	"vanban/extract/layout"
	"vanban/internal/sharedtest"
	"vanban/normalize"
)

// The golden readings of ../shared/real/docs live in fixtures/real, one
// file per document; fixtures/real/_format.json describes the format.
// They were written by reading the documents, so this harness measures
// how far the extractor is from a careful reader: it reports every
// mismatch (capped per document) and one summary line per document.

// realGold is one golden file of fixtures/real.
type realGold struct {
	File         string                     `json:"file"`
	Renderings   []string                   `json:"renderings"`
	Kind         string                     `json:"kind"`
	Scan         bool                       `json:"scan"`
	Doc          map[string]json.RawMessage `json:"doc"`
	RowCount     int                        `json:"row_count"`
	Sections     []realSection              `json:"sections"`
	RowsComplete bool                       `json:"rows_complete"`
	Rows         []realRow                  `json:"rows"`
	ReportItems  []realItem                 `json:"report_items"`
}

type realSection struct {
	Numeral string `json:"numeral"`
	Title   string `json:"title"`
	Rows    int    `json:"rows"`
}

// realRow is a task row as a reader reads it; Index places it when the
// golden file gives only some rows (rows_complete false).
type realRow struct {
	Index          *int              `json:"index"`
	Section        vanban.Section    `json:"section"`
	STT            string            `json:"stt"`
	Task           string            `json:"task"`
	ExpectedOutput string            `json:"expected_output"`
	Lead           string            `json:"lead"`
	Coordinators   string            `json:"coordinators"`
	Timeframe      string            `json:"timeframe"`
	Note           string            `json:"note"`
	Monitor        string            `json:"monitor"`
	Extra          map[string]string `json:"extra"`
}

// realItem is a report item; a prose report's result is checked by its
// beginning only. Status and Why are the reader's judgement, for the
// cross-check, and are not compared here.
type realItem struct {
	Section          string  `json:"section"`
	STT              string  `json:"stt"`
	Task             string  `json:"task"`
	Role             string  `json:"role"`
	Result           *string `json:"result"`
	ResultStartsWith string  `json:"result_starts_with"`
	StatusText       string  `json:"status_text"`
	Status           string  `json:"status"`
	Why              string  `json:"why"`
}

// maxMismatches caps the mismatches printed per document.
const maxMismatches = 25

// realFloor is the level a document's reading has reached: the test
// fails when a reading falls below it, and prints every difference from
// the golden reading (the goal is all of it) either way. Floors only
// rise: after an improvement, -update-floors writes the new levels.
type realFloor struct {
	Rows       int `json:"rows"`        // field-exact rows
	PDFRows    int `json:"pdf_rows"`    // field-exact rows of the rendered PDFs, in all
	Items      int `json:"items"`       // exact report items
	Meta       int `json:"meta"`        // exact metadata fields
	ExtraRows  int `json:"extra_rows"`  // rows read beyond the golden count, at most
	ExtraItems int `json:"extra_items"` // items read beyond it, at most
}

// realFloorsFile holds the floors; a name starting with "_" is no golden
// reading.
const realFloorsFile = "_floors.json"

var updateFloors = flag.Bool("update-floors", false, "TestRealGold: write the levels reached to fixtures/real/_floors.json")

func TestRealGold(t *testing.T) {
	if _, err := sharedtest.Find(); err != nil && os.Getenv("CI") != "" {
		t.Fatalf("CI: %v", err)
	}
	sharedtest.Dir(t) // skips outside CI when ../shared is missing
	dir := filepath.Join(sharedtest.ModuleRoot(t), "fixtures", "real")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files in %s (%v)", dir, err)
	}
	var floors map[string]realFloor
	sharedtest.ReadJSON(t, filepath.Join(dir, realFloorsFile), &floors)
	reached := map[string]realFloor{}
	var summary []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if strings.HasPrefix(name, "_") {
			continue
		}
		var g realGold
		sharedtest.ReadJSON(t, f, &g)
		t.Run(name, func(t *testing.T) {
			lines, got, diffs := checkRealGold(t, name, g)
			summary = append(summary, lines...)
			reached[name] = got
			want, ok := floors[name]
			below := !ok || got.Rows < want.Rows || got.PDFRows < want.PDFRows || got.Items < want.Items ||
				got.Meta < want.Meta || got.ExtraRows > want.ExtraRows || got.ExtraItems > want.ExtraItems
			diffs.report(t, name, below && !*updateFloors)
			if below && !*updateFloors {
				t.Errorf("%s: reading %+v is below its floor %+v", name, got, want)
			}
		})
	}
	if *updateFloors {
		data, err := json.MarshalIndent(reached, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, realFloorsFile), append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Log("summary (rows field-exact/expected; items exact/expected; metadata fields exact/checked):\n" + strings.Join(summary, "\n"))
}

// checkRealGold compares one document and its renderings with the
// golden reading and returns their summary lines.
func checkRealGold(t *testing.T, name string, g realGold) ([]string, realFloor, mismatches) {
	var m mismatches
	doc, err := extractReal(t, g.File)
	if err != nil {
		m.addf("%s: %v", g.File, err)
		return []string{fmt.Sprintf("%-26s not read: %s", name, clip(err.Error(), 90))}, realFloor{}, m
	}
	metaOK, metaN := compareMeta(&m, doc.Meta, g.Doc)
	rowsOK := compareRows(&m, "", doc.Rows, g)
	itemsOK := compareItems(&m, doc.ReportItems, g.ReportItems)
	got := realFloor{Rows: rowsOK, Items: itemsOK, Meta: metaOK,
		ExtraRows: max(0, len(doc.Rows)-len(g.Rows)), ExtraItems: max(0, len(doc.ReportItems)-len(g.ReportItems))}
	lines := []string{fmt.Sprintf("%-26s rows %2d/%-2d (got %2d)  items %2d/%-2d (got %2d)  meta %2d/%d",
		name, rowsOK, len(g.Rows), len(doc.Rows), itemsOK, len(g.ReportItems), len(doc.ReportItems), metaOK, metaN)}
	for _, r := range g.Renderings {
		pdf, err := extractReal(t, r)
		if err != nil {
			m.addf("%s: %v", r, err)
			continue
		}
		pdfOK := compareRows(&m, "pdf ", pdf.Rows, g)
		differ := compareRendering(&m, doc.Rows, pdf.Rows)
		got.PDFRows += pdfOK
		lines = append(lines, fmt.Sprintf("%-26s rows %2d/%-2d (got %2d)  rows differing from the DOCX: %d",
			"  └ rendered PDF", pdfOK, len(g.Rows), len(pdf.Rows), differ))
	}
	return lines, got, m
}

// extractReal reads a shared file the way vanban does: extraction, then
// the normalized readings (the issuer's canonical name).
func extractReal(t *testing.T, rel string) (*vanban.Document, error) {
	t.Helper()
	doc, err := File(context.Background(), sharedtest.Path(t, rel))
	if errors.Is(err, layout.ErrNoText) {
		return nil, fmt.Errorf("%w: a reader sees the metadata on the page images; OCR is needed", err)
	}
	if err != nil {
		return nil, err
	}
	normalize.Document(doc, nil)
	return doc, nil
}

// mismatches collects one document's differences from its golden reading.
type mismatches []string

func (m *mismatches) add(where, field, want, got string) {
	*m = append(*m, fmt.Sprintf("%s%s: %s", where, field, diffSnippet(want, got)))
}

func (m *mismatches) addf(format string, args ...any) { *m = append(*m, fmt.Sprintf(format, args...)) }

// report prints the mismatches of document doc, at most maxMismatches:
// as errors when fail is set, else as the log of what is left to read.
func (m mismatches) report(t *testing.T, doc string, fail bool) {
	t.Helper()
	out := t.Logf
	if fail {
		out = t.Errorf
	}
	for i, s := range m {
		if i == maxMismatches {
			out("%s: … and %d more mismatches", doc, len(m)-maxMismatches)
			return
		}
		out("%s: %s", doc, s)
	}
}

// compareMeta checks the metadata fields the golden file gives and
// returns how many agree out of how many were checked.
func compareMeta(m *mismatches, got vanban.Meta, want map[string]json.RawMessage) (ok, n int) {
	fields := []struct {
		key      string
		got      string
		foldCase bool
	}{
		{"doc_type", got.DocType, false}, {"number", got.Number, false}, {"symbol", got.Symbol, false},
		{"reference", got.Reference, false}, {"issuer", got.Issuer, true}, {"place", got.Place, false},
		{"date", got.Date.String(), false}, {"title", got.Title, true}, {"signer", got.Signer, false},
		{"signer_title", got.SignerTitle, true},
	}
	for _, f := range fields {
		raw, given := want[f.key]
		if !given {
			continue
		}
		var w *string
		if err := json.Unmarshal(raw, &w); err != nil {
			m.addf("doc.%s: golden value %s is not a string or null", f.key, raw)
			continue
		}
		n++
		if textEqual(orEmpty(w), f.got, f.foldCase) {
			ok++
		} else {
			m.add("doc.", f.key, orEmpty(w), f.got)
		}
	}
	if raw, given := want["answers"]; given {
		var w *string
		if json.Unmarshal(raw, &w) == nil && orEmpty(w) != "" {
			n++
			first := ""
			if len(got.Cites) > 0 {
				first = got.Cites[0]
			}
			if first == *w {
				ok++
			} else {
				m.add("doc.", "answers (first cited)", *w, fmt.Sprintf("%s (cites %q)", first, got.Cites))
			}
		}
	}
	return ok, n
}

// compareRows checks the row count, the sections and every golden row
// field by field, and returns how many golden rows are field-exact.
func compareRows(m *mismatches, prefix string, got []vanban.Task, g realGold) int {
	if len(got) != g.RowCount {
		m.addf("%srow count: want %d, got %d", prefix, g.RowCount, len(got))
	}
	if gs := sectionsOf(got); !sameSections(g.Sections, gs) {
		m.addf("%ssections:\n want %s\n got  %s", prefix, sectionsString(g.Sections), sectionsString(gs))
	}
	pairs := alignRows(got, g)
	exact := 0
	for _, p := range pairs {
		w := g.Rows[p.want]
		where := fmt.Sprintf("%srow %d (%s):", prefix, p.want, rowLabel(w.Section.Numeral, w.STT))
		if p.got < 0 {
			m.addf("%s missing", where)
			continue
		}
		if compareRow(m, where+" ", w, got[p.got]) {
			exact++
		}
	}
	if g.RowsComplete {
		for _, j := range unpaired(pairs, len(got)) {
			r := got[j]
			m.addf("%sunexpected row %d (%s): %s", prefix, j, rowLabel(r.Section.Numeral, r.STT), clip(r.Task, 80))
		}
	}
	return exact
}

// compareRow checks one row and reports whether every field agrees.
func compareRow(m *mismatches, where string, w realRow, r vanban.Task) bool {
	fields := []struct{ name, want, got string }{
		{"section.numeral", w.Section.Numeral, r.Section.Numeral}, {"section.title", w.Section.Title, r.Section.Title},
		{"stt", w.STT, r.STT}, {"task", w.Task, r.Task}, {"expected_output", w.ExpectedOutput, r.ExpectedOutput},
		{"lead", w.Lead, r.Lead}, {"coordinators", w.Coordinators, r.Coordinators}, {"timeframe", w.Timeframe, r.Timeframe},
		{"note", w.Note, r.Note}, {"monitor", w.Monitor, r.Monitor},
	}
	for _, k := range slices.Sorted(maps.Keys(w.Extra)) {
		fields = append(fields, struct{ name, want, got string }{"extra[" + k + "]", w.Extra[k], r.Extra[k]})
	}
	ok := true
	for _, f := range fields {
		if !textEqual(f.want, f.got, false) {
			m.add(where, f.name, f.want, f.got)
			ok = false
		}
	}
	return ok
}

// compareItems checks the report items and returns how many are exact.
func compareItems(m *mismatches, got []vanban.ReportItem, want []realItem) int {
	key := func(stt, task string) string { return stt + "\x00" + prefixKey(task) }
	wk := make([]string, len(want))
	for i, w := range want {
		wk[i] = key(w.STT, w.Task)
	}
	gk := make([]string, len(got))
	for i, r := range got {
		gk[i] = key(r.STT, r.Task)
	}
	pairs := align(wk, gk)
	exact := 0
	for _, p := range pairs {
		w := want[p.want]
		where := fmt.Sprintf("item %d (%s): ", p.want, w.STT)
		if p.got < 0 {
			m.addf("%smissing: %s", where, clip(w.Task, 80))
			continue
		}
		r := got[p.got]
		ok := true
		check := func(field, want, got string) {
			if !textEqual(want, got, false) {
				m.add(where, field, want, got)
				ok = false
			}
		}
		check("section", w.Section, r.Section)
		check("stt", w.STT, r.STT)
		check("task", w.Task, r.Task)
		check("role", w.Role, r.Role)
		check("status_text", w.StatusText, r.StatusText)
		if w.Result != nil {
			check("result", *w.Result, r.Result)
		} else if !strings.HasPrefix(toneCanon(r.Result), toneCanon(w.ResultStartsWith)) {
			m.add(where, "result (start)", w.ResultStartsWith, clip(r.Result, len(w.ResultStartsWith)+40))
			ok = false
		}
		if ok {
			exact++
		}
	}
	for _, j := range unpaired(pairs, len(got)) {
		m.addf("unexpected item %d (%s): %s", j, got[j].STT, clip(got[j].Task, 80))
	}
	return exact
}

// compareRendering counts the rows of a printed PDF that differ from the
// DOCX's and reports the first of them.
func compareRendering(m *mismatches, docx, pdf []vanban.Task) int {
	differ := 0
	for i := 0; i < max(len(docx), len(pdf)); i++ {
		if i < len(docx) && i < len(pdf) && sameRow(docx[i], pdf[i]) {
			continue
		}
		differ++
		if differ <= 3 {
			var a, b vanban.Task
			if i < len(docx) {
				a = docx[i]
			}
			if i < len(pdf) {
				b = pdf[i]
			}
			m.addf("pdf row %d differs from the DOCX:\n docx %s\n pdf  %s", i, rowString(a), rowString(b))
		}
	}
	return differ
}

func sameRow(a, b vanban.Task) bool {
	return a.Section == b.Section && a.STT == b.STT && a.Task == b.Task && a.ExpectedOutput == b.ExpectedOutput &&
		a.Lead == b.Lead && a.Coordinators == b.Coordinators && a.Timeframe == b.Timeframe && a.Note == b.Note &&
		a.Monitor == b.Monitor
}

// pair links a golden entry to the extracted one it is compared with;
// got is -1 when none was found.
type pair struct{ want, got int }

// alignRows pairs golden rows with extracted rows: by index when the
// golden file gives only some rows, else by the longest common sequence
// of (STT, start of the task), the rows left between two anchors being
// paired in order, so that one dropped or split row does not shift every
// comparison after it.
func alignRows(got []vanban.Task, g realGold) []pair {
	if !g.RowsComplete {
		pairs := make([]pair, len(g.Rows))
		for i, w := range g.Rows {
			j := -1
			if w.Index != nil && *w.Index < len(got) {
				j = *w.Index
			}
			pairs[i] = pair{i, j}
		}
		return pairs
	}
	wk := make([]string, len(g.Rows))
	for i, w := range g.Rows {
		wk[i] = w.STT + "\x00" + prefixKey(w.Task)
	}
	gk := make([]string, len(got))
	for i, r := range got {
		gk[i] = r.STT + "\x00" + prefixKey(r.Task)
	}
	return align(wk, gk)
}

// align pairs want[i] with got[j] along the longest common subsequence
// of the keys, then pairs the entries between anchors in order.
func align(want, got []string) []pair {
	n, k := len(want), len(got)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, k+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := k - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var pairs []pair
	gap := func(wi, wj, gi, gj int) { // pair want[wi:wj] with got[gi:gj] in order
		for d := 0; wi+d < wj; d++ {
			g := -1
			if gi+d < gj {
				g = gi + d
			}
			pairs = append(pairs, pair{wi + d, g})
		}
	}
	i, j, wi, gi := 0, 0, 0, 0
	for i < n && j < k {
		switch {
		case want[i] == got[j]:
			gap(wi, i, gi, j)
			pairs = append(pairs, pair{i, j})
			i, j = i+1, j+1
			wi, gi = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	gap(wi, n, gi, k)
	return pairs
}

// unpaired lists the extracted entries no golden entry was paired with.
func unpaired(pairs []pair, n int) []int {
	used := make([]bool, n)
	for _, p := range pairs {
		if p.got >= 0 {
			used[p.got] = true
		}
	}
	var out []int
	for j, u := range used {
		if !u {
			out = append(out, j)
		}
	}
	return out
}

func sectionsOf(rows []vanban.Task) []realSection {
	var out []realSection
	for _, r := range rows {
		if n := len(out); n > 0 && out[n-1].Numeral == r.Section.Numeral && out[n-1].Title == r.Section.Title {
			out[n-1].Rows++
			continue
		}
		out = append(out, realSection{r.Section.Numeral, r.Section.Title, 1})
	}
	return out
}

func sameSections(a, b []realSection) bool {
	return slices.EqualFunc(a, b, func(x, y realSection) bool {
		return x.Numeral == y.Numeral && x.Rows == y.Rows && textEqual(x.Title, y.Title, false)
	})
}

func sectionsString(ss []realSection) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%s %q ×%d", s.Numeral, clip(s.Title, 40), s.Rows)
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

func rowLabel(numeral, stt string) string {
	if numeral == "" {
		return stt
	}
	return numeral + "." + stt
}

func rowString(r vanban.Task) string {
	return fmt.Sprintf("%s | %s | %s | lead %q | coord %q | time %q", rowLabel(r.Section.Numeral, r.STT),
		clip(r.Task, 50), clip(r.ExpectedOutput, 30), clip(r.Lead, 40), clip(r.Coordinators, 40), clip(r.Timeframe, 40))
}

// textEqual compares two texts in NFC with their tone marks placed alike
// ("thuỷ" = "thủy", "hoà" = "hòa": a reader reads both placements as
// the same word), ignoring letter case if asked (names a header prints
// in capitals).
func textEqual(want, got string, foldCase bool) bool {
	if foldCase {
		want, got = strings.ToLower(want), strings.ToLower(got)
	}
	return toneCanon(want) == toneCanon(got)
}

// toneCanon moves each word's tone mark to the end of the word, so that
// the old and new placements of a syllable give the same string.
func toneCanon(s string) string {
	var b, word strings.Builder
	var tone rune
	flush := func() {
		b.WriteString(word.String())
		if tone != 0 {
			b.WriteRune(tone)
		}
		word.Reset()
		tone = 0
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == '\u0300' || r == '\u0301' || r == '\u0303' || r == '\u0309' || r == '\u0323':
			tone = r
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			word.WriteRune(r)
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

// prefixKey is the start of a text, lower-cased, for aligning rows whose
// text may differ further on.
func prefixKey(s string) string {
	r := []rune(strings.ToLower(strings.Join(strings.Fields(nfc(s)), " ")))
	return string(r[:min(len(r), 24)])
}

// diffSnippet shows want and got around their first difference, so a
// long cell that differs in one word fits on a line.
func diffSnippet(want, got string) string {
	w, g := []rune(nfc(want)), []rune(nfc(got))
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	from := max(0, i-30)
	cut := func(r []rune) string {
		s := string(r[from:min(len(r), i+70)])
		if from > 0 {
			s = "…" + s
		}
		if i+70 < len(r) {
			s += "…"
		}
		return s
	}
	return fmt.Sprintf("want %q, got %q", cut(w), cut(g))
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func nfc(s string) string { return norm.NFC.String(s) }

func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestRealGoldHarness checks the harness's own alignment and text
// comparison, so that its mismatches can be trusted.
func TestRealGoldHarness(t *testing.T) {
	alignTests := []struct {
		name      string
		want, got []string
		pairs     []pair
	}{
		{"same", []string{"a", "b"}, []string{"a", "b"}, []pair{{0, 0}, {1, 1}}},
		{"one dropped", []string{"a", "b", "c"}, []string{"a", "c"}, []pair{{0, 0}, {1, -1}, {2, 1}}},
		{"one misread between anchors", []string{"a", "b", "c"}, []string{"a", "x", "c"}, []pair{{0, 0}, {1, 1}, {2, 2}}},
		{"one extra", []string{"a", "c"}, []string{"a", "b", "c"}, []pair{{0, 0}, {1, 2}}},
		{"nothing read", []string{"a", "b"}, nil, []pair{{0, -1}, {1, -1}}},
	}
	for _, tt := range alignTests {
		if got := align(tt.want, tt.got); !slices.Equal(got, tt.pairs) {
			t.Errorf("align %s = %v, want %v", tt.name, got, tt.pairs)
		}
	}
	if got := unpaired([]pair{{0, 0}, {1, 2}}, 3); !slices.Equal(got, []int{1}) {
		t.Errorf("unpaired = %v, want [1]", got)
	}
	textTests := []struct {
		a, b     string
		foldCase bool
		equal    bool
	}{
		{"bến thuỷ nội địa", "bến thủy nội địa", false, true},
		{"ma tuý", "ma túy", false, true},
		{"Hoà Bình", "Hòa Bình", false, true},
		{"thủy", "thụy", false, false},
		{"Sở Nội vụ", "SỞ NỘI VỤ", true, true},
		{"Sở Nội vụ", "SỞ NỘI VỤ", false, false},
		{"Kiểm tra", "Kiểm  tra", false, false}, // whitespace is the extractor's to fold
	}
	for _, tt := range textTests {
		if got := textEqual(tt.a, tt.b, tt.foldCase); got != tt.equal {
			t.Errorf("textEqual(%q, %q, %v) = %v, want %v", tt.a, tt.b, tt.foldCase, got, tt.equal)
		}
	}
}
