package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"vanban"
	"vanban/extract"
	"vanban/internal/sharedtest"
	"vanban/normalize"
)

// The held-out set (fixtures/relevance/heldout.json, issue 14) measures
// the search on queries written and judged by reading the documents,
// before any ranking change. Nobody tunes on it: it only says whether a
// change helped. TestHeldout scores this package's index on it and, when
// built with -tags sqlite_fts5, a plain SQLite FTS5 over the same rows
// (heldout_fts5_test.go), and prints both per category.

// heldoutSet is fixtures/relevance/heldout.json.
type heldoutSet struct {
	// Docs maps a short name to a file below the shared folder.
	Docs    map[string]string `json:"docs"`
	Queries []heldoutQuery    `json:"queries"`
}

type heldoutQuery struct {
	Q    string         `json:"q"`
	Type string         `json:"type"`
	Rel  map[string]int `json:"rel"`
}

// typeNull is the category of queries nothing answers; they are scored
// apart (see nullPass).
const typeNull = "null"

// heldoutDoc is one extracted document and its short name.
type heldoutDoc struct {
	alias string
	doc   *vanban.Document
}

var (
	heldoutOnce sync.Once
	heldoutSetV heldoutSet
	heldoutDocs []heldoutDoc
	heldoutErr  error
)

// heldoutShared is the shared folder. The set is meaningless without it,
// so under CI its absence fails the test; elsewhere the test skips.
func heldoutShared(t testing.TB) string {
	t.Helper()
	dir, err := sharedtest.Find()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI: %v", err)
		}
		t.Skip(err)
	}
	return dir
}

// loadHeldout reads the set and extracts every document it names with
// extract.File and normalize.Document, as ingestion reads them, once per
// test binary.
func loadHeldout(t testing.TB) (heldoutSet, []heldoutDoc) {
	t.Helper()
	shared := heldoutShared(t)
	heldoutOnce.Do(func() {
		path := filepath.Join("..", "fixtures", "relevance", "heldout.json")
		sharedtest.ReadJSON(t, path, &heldoutSetV)
		aliases := make([]string, 0, len(heldoutSetV.Docs))
		for a := range heldoutSetV.Docs {
			aliases = append(aliases, a)
		}
		sort.Strings(aliases)
		for i, a := range aliases {
			file := filepath.Join(shared, filepath.FromSlash(heldoutSetV.Docs[a]))
			doc, err := extract.File(context.Background(), file)
			if err != nil {
				heldoutErr = fmt.Errorf("%s: %w", heldoutSetV.Docs[a], err)
				return
			}
			normalize.Document(doc, nil)
			doc.ID = int64(i + 1)
			// Pin a date on undated drafts so that recurring deadlines
			// expand over the same years whatever the clock says.
			if doc.Meta.Date.IsZero() {
				doc.Meta.Date = vanban.D(2026, time.January, 1)
			}
			heldoutDocs = append(heldoutDocs, heldoutDoc{a, doc})
		}
	})
	if heldoutErr != nil {
		t.Fatal(heldoutErr)
	}
	return heldoutSetV, heldoutDocs
}

// Kinds of judged items, as their names in the set mark them.
const (
	itemDoc    = "doc"    // "name"
	itemTask   = "task"   // "name#words"
	itemReport = "report" // "name@words"
)

// judgedItem is a parsed judgment key.
type judgedItem struct {
	key, alias, kind string
	words            string // folded; empty for a document
}

func parseItem(key string) judgedItem {
	if i := strings.IndexAny(key, "#@"); i >= 0 {
		kind := itemTask
		if key[i] == '@' {
			kind = itemReport
		}
		return judgedItem{key, key[:i], kind, foldKey(key[i+1:])}
	}
	return judgedItem{key: key, alias: key, kind: itemDoc}
}

// matches tells whether a hit's folded text is the item: it starts with
// the item's words or contains them.
func (it judgedItem) matches(text string) bool {
	return strings.Contains(text, it.words)
}

// heldoutHit is one ranked hit of any engine, reduced to what judgments
// name: its document, its kind and its folded text.
type heldoutHit struct {
	alias, kind, text string
}

// label names the hits of one query by the judged items they are, each
// item credited to its first hit only; other hits get a name no judgment
// has. Among the items a hit matches it takes the best graded.
func label(hits []heldoutHit, rel map[string]int) []string {
	var items []judgedItem
	for k := range rel {
		items = append(items, parseItem(k))
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	used := map[string]bool{}
	ranked := make([]string, len(hits))
	for i, h := range hits {
		ranked[i] = fmt.Sprintf("\x00%d", i)
		best := -1
		for _, it := range items {
			if it.alias != h.alias || it.kind != h.kind || used[it.key] {
				continue
			}
			if it.kind != itemDoc && !it.matches(h.text) {
				continue
			}
			if g := rel[it.key]; g > best {
				best, ranked[i] = g, it.key
			}
		}
		if best >= 0 {
			used[ranked[i]] = true
		}
	}
	return ranked
}

// heldoutScores are an engine's figures on the set: nDCG@10 and MRR@10
// over the judged queries, and for null queries the share that pass and
// the share that return no task hit at all.
type heldoutScores struct {
	n         int
	ndcg, mrr float64
	nulls     int
	nullPass  float64
	nullZero  float64
}

// heldoutRun is one engine's answer to a query: its top hits and whether
// it flagged them as only approximate.
type heldoutRun func(q string) (hits []heldoutHit, approximate bool)

// scoreHeldout runs every query and averages overall and per category.
// A null query passes when no hit is a task, or the engine says its hits
// are only approximate (index.Result.Fuzzy); nullZero counts only the
// first case.
func scoreHeldout(t *testing.T, name string, set heldoutSet, run heldoutRun) (heldoutScores, map[string]heldoutScores) {
	all := heldoutScores{}
	by := map[string]heldoutScores{}
	for _, q := range set.Queries {
		hits, approx := run(q.Q)
		s := by[q.Type]
		if q.Type == typeNull {
			tasks := 0
			for _, h := range hits {
				if h.kind == itemTask {
					tasks++
				}
			}
			pass, zero := boolf(tasks == 0 || approx), boolf(tasks == 0)
			s.nulls++
			s.nullPass += pass
			s.nullZero += zero
			all.nulls++
			all.nullPass += pass
			all.nullZero += zero
			if testing.Verbose() && pass == 0 {
				t.Logf("%s: null %q: %d task hits", name, q.Q, tasks)
			}
			by[q.Type] = s
			continue
		}
		ranked := label(hits, q.Rel)
		n, r := ndcg(ranked, q.Rel, 10), rr(ranked, q.Rel, 10)
		if testing.Verbose() && n < 0.5 {
			t.Logf("%s: %-12s %-45q nDCG %.2f RR %.2f top %s", name, q.Type, q.Q, n, r, showTop(hits, ranked, 3))
		}
		s.n++
		s.ndcg += n
		s.mrr += r
		by[q.Type] = s
		all.n++
		all.ndcg += n
		all.mrr += r
	}
	for k, s := range by {
		by[k] = s.mean()
	}
	return all.mean(), by
}

func (s heldoutScores) mean() heldoutScores {
	if s.n > 0 {
		s.ndcg /= float64(s.n)
		s.mrr /= float64(s.n)
	}
	if s.nulls > 0 {
		s.nullPass /= float64(s.nulls)
		s.nullZero /= float64(s.nulls)
	}
	return s
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// showTop describes the first hits for a log line: the judged item a hit
// is, or its document, kind and first words.
func showTop(hits []heldoutHit, ranked []string, n int) string {
	var parts []string
	for i := range hits[:min(n, len(hits))] {
		if !strings.HasPrefix(ranked[i], "\x00") {
			parts = append(parts, ranked[i])
			continue
		}
		words := strings.Fields(hits[i].text)
		parts = append(parts, fmt.Sprintf("(%s %s: %s)", hits[i].alias, hits[i].kind, strings.Join(words[:min(6, len(words))], " ")))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

// checkHeldout fails on judgments that cannot be right whatever the
// ranking: a document the set does not list, words its document does not
// contain (a typo), or words more than one distinct row or item of the
// document matches (a key that does not name one item). It returns the
// share of judged rows and items the extractor reads today, for the log.
func checkHeldout(t *testing.T, set heldoutSet, docs []heldoutDoc) (found, judged int) {
	byAlias := map[string]*vanban.Document{}
	for _, d := range docs {
		byAlias[d.alias] = d.doc
	}
	seen := map[string]bool{}
	for _, q := range set.Queries {
		if q.Type == typeNull && len(q.Rel) > 0 {
			t.Errorf("null query %q has judgments", q.Q)
		}
		if q.Type != typeNull && len(q.Rel) == 0 {
			t.Errorf("%q judges nothing", q.Q)
		}
		for k, g := range q.Rel {
			if g < 1 || g > 3 {
				t.Errorf("%q: grade %d for %s", q.Q, g, k)
			}
			it := parseItem(k)
			doc := byAlias[it.alias]
			if doc == nil {
				t.Errorf("%q judges %s: no document %q in docs", q.Q, k, it.alias)
				continue
			}
			if it.kind == itemDoc || seen[k] {
				continue
			}
			seen[k] = true
			judged++
			texts := itemTexts(doc, it.kind)
			matched := map[string]bool{}
			for _, s := range texts {
				if it.matches(s) {
					matched[s] = true
				}
			}
			switch {
			case len(matched) > 1:
				t.Errorf("%s names %d different %ss of %s", k, len(matched), it.kind, it.alias)
			case len(matched) == 1:
				found++
			case !strings.Contains(documentText(doc), it.words):
				t.Errorf("%s: %s does not contain these words", k, it.alias)
			}
		}
	}
	return found, judged
}

// itemTexts are the folded texts of a document's task rows or report
// items, as hits carry them.
func itemTexts(doc *vanban.Document, kind string) []string {
	var rv []string
	if kind == itemTask {
		for _, r := range doc.Rows {
			rv = append(rv, foldKey(r.Task))
		}
		return rv
	}
	for _, it := range doc.ReportItems {
		rv = append(rv, foldKey(it.Task))
	}
	return rv
}

// documentText is all the text extraction read from a document, folded.
func documentText(doc *vanban.Document) string {
	parts := []string{doc.Meta.Title, doc.Text}
	for _, r := range doc.Rows {
		parts = append(parts, r.Task, r.ExpectedOutput, r.Note)
	}
	for _, it := range doc.ReportItems {
		parts = append(parts, it.Task, it.Result)
	}
	return foldKey(strings.Join(parts, " "))
}

// logHeldout prints one table: a row per category and the total, with
// each engine's nDCG@10 and MRR@10, and the null queries' pass rate.
func logHeldout(t *testing.T, set heldoutSet, engines []string, overall []heldoutScores, by []map[string]heldoutScores) {
	counts := map[string]int{}
	for _, q := range set.Queries {
		counts[q.Type]++
	}
	var types []string
	for k := range counts {
		types = append(types, k)
	}
	sort.Strings(types)
	var b strings.Builder
	fmt.Fprintf(&b, "held-out set, %d queries (nDCG@10 / MRR@10; null: passed / zero task hits)\n", len(set.Queries))
	fmt.Fprintf(&b, "%-14s %3s", "category", "n")
	for _, e := range engines {
		fmt.Fprintf(&b, "  %-17s", e)
	}
	b.WriteString("\n")
	row := func(name string, n int, get func(i int) heldoutScores, null bool) {
		fmt.Fprintf(&b, "%-14s %3d", name, n)
		for i := range engines {
			s := get(i)
			if null {
				fmt.Fprintf(&b, "  %.3f / %.3f    ", s.nullPass, s.nullZero)
			} else {
				fmt.Fprintf(&b, "  %.3f / %.3f    ", s.ndcg, s.mrr)
			}
		}
		b.WriteString("\n")
	}
	for _, k := range types {
		row(k, counts[k], func(i int) heldoutScores { return by[i][k] }, k == typeNull)
	}
	row("judged", len(set.Queries)-counts[typeNull], func(i int) heldoutScores { return overall[i] }, false)
	t.Log("\n" + b.String())
}

// vanbanRun searches ix as the web page does and reduces the hits.
func vanbanRun(t *testing.T, ix *Index, docs []heldoutDoc) heldoutRun {
	aliases := map[int64]string{}
	for _, d := range docs {
		aliases[d.doc.ID] = d.alias
	}
	return func(q string) ([]heldoutHit, bool) {
		res, err := ix.Search(context.Background(), q, Options{Limit: 10, FacetSize: -1})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		hits := make([]heldoutHit, len(res.Hits))
		for i, h := range res.Hits {
			kind := itemReport // any kind of hit but documents and tasks
			switch h.Kind {
			case kindDoc:
				kind = itemDoc
			case kindTask:
				kind = itemTask
			}
			hits[i] = heldoutHit{aliases[h.DocID], kind, foldKey(h.Fields.Task)}
		}
		return hits, res.Fuzzy
	}
}

// Floors on the held-out set. Before any ranking change it scored nDCG@10
// 0.565, MRR@10 0.709 over the 77 judged queries (all 10 null queries
// passing); the query understanding of issue 14 (units and roles,
// periods, acronyms, diacritics as typed, report items, priors of kinds)
// brought it to 0.813 / 0.907. The floors are that level less a small
// margin, so that a regression fails; never tune the ranking on this set.
const (
	minHeldoutNDCG = 0.80
	minHeldoutMRR  = 0.88
	minHeldoutNull = 0.90
)

func TestHeldout(t *testing.T) {
	set, docs := loadHeldout(t)
	if len(set.Queries) < 60 {
		t.Fatalf("%d queries, want at least 60", len(set.Queries))
	}
	found, judged := checkHeldout(t, set, docs)
	t.Logf("extraction reads %d of the %d judged rows and report items", found, judged)

	var all []*vanban.Document
	for _, d := range docs {
		all = append(all, d.doc)
	}
	ix := memIndex(t, all...)
	engines := []string{"vanban"}
	ours, oursBy := scoreHeldout(t, "vanban", set, vanbanRun(t, ix, docs))
	overall, by := []heldoutScores{ours}, []map[string]heldoutScores{oursBy}
	if base, baseBy, ok := heldoutFTS5(t, set, docs); ok {
		engines = append(engines, "SQLite FTS5 bm25")
		overall, by = append(overall, base), append(by, baseBy)
	}
	logHeldout(t, set, engines, overall, by)

	if ours.ndcg < minHeldoutNDCG || ours.mrr < minHeldoutMRR {
		t.Errorf("nDCG@10 %.3f (floor %.2f), MRR@10 %.3f (floor %.2f)", ours.ndcg, minHeldoutNDCG, ours.mrr, minHeldoutMRR)
	}
	if ours.nullPass < minHeldoutNull {
		t.Errorf("null queries passed %.3f (floor %.2f)", ours.nullPass, minHeldoutNull)
	}
}
