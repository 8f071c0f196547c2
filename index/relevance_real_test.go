package index

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"vanban"
	"vanban/extract"
	"vanban/internal/sharedtest"
	"vanban/normalize"
)

// realJudgments is fixtures/relevance/lamdong.json: judgments over the
// real Lâm Đồng documents and plan 58, rows named "doc#key".
type realJudgments struct {
	Docs map[string]string `json:"docs"`
	// Plan58Extra judges rows of these documents for queries of
	// plan58.json.
	Plan58Extra []struct {
		Q   string         `json:"q"`
		Rel map[string]int `json:"rel"`
	} `json:"plan58_extra"`
	judgments
}

// plan58Alias is plan 58's short name in lamdong.json.
const plan58Alias = "kh58"

// realDoc is one document of the combined set and its short name.
type realDoc struct {
	alias string
	doc   *vanban.Document
}

var (
	realOnce sync.Once
	realDocs []realDoc
	realErr  error
)

// loadRealSet reads the judgments and the documents they name: plan 58
// from the gold readings, the others with the extractor and normalize,
// as ingestion reads them.
func loadRealSet(t testing.TB) (realJudgments, []realDoc) {
	t.Helper()
	var j realJudgments
	sharedtest.ReadJSON(t, filepath.Join("..", "fixtures", "relevance", "lamdong.json"), &j)
	dir := filepath.Join(sharedtest.Dir(t), "real", "docs")
	realOnce.Do(func() {
		aliases := make([]string, 0, len(j.Docs))
		for a := range j.Docs {
			aliases = append(aliases, a)
		}
		sort.Strings(aliases)
		for i, a := range aliases {
			doc, err := extract.File(context.Background(), filepath.Join(dir, j.Docs[a]))
			if err != nil {
				realErr = fmt.Errorf("%s: %w", j.Docs[a], err)
				return
			}
			normalize.Document(doc, nil)
			doc.ID = int64(i + 2)
			// The extractor reads no date from these files; pin one so
			// that recurring deadlines expand over the same years
			// whatever the clock says.
			if doc.Meta.Date.IsZero() {
				doc.Meta.Date = vanban.D(2026, time.January, 1)
			}
			realDocs = append(realDocs, realDoc{a, doc})
		}
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	docs := append([]realDoc{{plan58Alias, plan58(t)}}, realDocs...)
	return j, docs
}

// judgedKeys names each row of doc as the judgments do: its STT in a
// document whose STTs are unique, else section numeral "-" STT, with "~n"
// for the n-th repeat.
func judgedKeys(d realDoc) []string {
	unique := map[string]bool{}
	for _, r := range d.doc.Rows {
		unique[strings.TrimSpace(r.STT)] = true
	}
	bySection := len(unique) < len(d.doc.Rows)
	seen := map[string]int{}
	keys := make([]string, len(d.doc.Rows))
	for i, r := range d.doc.Rows {
		k := strings.TrimSpace(r.STT)
		if bySection {
			k = strings.TrimSpace(r.Section.Numeral) + "-" + k
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "~" + strconv.Itoa(n)
		}
		keys[i] = d.alias + "#" + k
	}
	return keys
}

// hitKeys maps index ids to judgment keys, computing each row's id as
// entries does.
func hitKeys(docs []realDoc) map[string]string {
	rv := map[string]string{}
	for _, d := range docs {
		base := docRef(d.doc)
		rv[base] = d.alias + "#doc"
		used := map[string]bool{base: true}
		for i, k := range judgedKeys(d) {
			rv[rowID(base, &d.doc.Rows[i], i, used)] = k
		}
	}
	return rv
}

// combinedSet is every judged query: lamdong.json's, then plan58.json's
// with their keys named as plan 58's rows and lamdong.json's extra
// judgments added. It fails on a judgment naming a row the documents do
// not have (the extractor read them otherwise) or a query plan58.json
// does not have.
func combinedSet(t *testing.T, j realJudgments, keys map[string]string) (own, all judgments) {
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	check := func(q string, rel map[string]int) {
		for k := range rel {
			if !known[k] {
				t.Errorf("%q judges %s, which no document has", q, k)
			}
		}
	}
	extra := map[string]map[string]int{}
	for _, x := range j.Plan58Extra {
		check(x.Q, x.Rel)
		extra[x.Q] = x.Rel
	}
	own = j.judgments
	all.Queries = append(all.Queries, own.Queries...)
	for _, q := range loadJudgments(t).Queries {
		rel := map[string]int{}
		for k, g := range q.Rel {
			rel[plan58Alias+"#"+k] = g
		}
		for k, g := range extra[q.Q] {
			rel[k] = g
		}
		delete(extra, q.Q)
		q.Rel = rel
		all.Queries = append(all.Queries, q)
	}
	for q := range extra {
		t.Errorf("plan58_extra: %q is not a query of plan58.json", q)
	}
	for _, q := range all.Queries {
		check(q.Q, q.Rel)
	}
	return own, all
}

// Floors for the combined set: the figures reached, less a small margin.
const (
	minRealNDCG = 0.92
	minRealMRR  = 0.95
	minAllNDCG  = 0.92
	minAllMRR   = 0.95
)

func TestRelevanceReal(t *testing.T) {
	j, docs := loadRealSet(t)
	if len(j.Queries) < 20 {
		t.Fatalf("%d queries", len(j.Queries))
	}
	var all []*vanban.Document
	for _, d := range docs {
		all = append(all, d.doc)
	}
	ix := memIndex(t, all...)
	keys := hitKeys(docs)
	own, whole := combinedSet(t, j, keys)
	run := func(q string) []string {
		res, err := ix.Search(context.Background(), q, Options{Limit: 10, FacetSize: -1})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, keys[h.ID])
		}
		return ranked
	}
	ownS, ownT := evaluate(t, own, run)
	logScores(t, "Lâm Đồng set", ownS, ownT)
	allS, allT := evaluate(t, whole, run)
	logScores(t, "whole set", allS, allT)
	if ownS.ndcg < minRealNDCG || ownS.mrr < minRealMRR {
		t.Errorf("Lâm Đồng set: nDCG@10 %.3f (floor %.2f), MRR@10 %.3f (floor %.2f)", ownS.ndcg, minRealNDCG, ownS.mrr, minRealMRR)
	}
	if allS.ndcg < minAllNDCG || allS.mrr < minAllMRR {
		t.Errorf("whole set: nDCG@10 %.3f (floor %.2f), MRR@10 %.3f (floor %.2f)", allS.ndcg, minAllNDCG, allS.mrr, minAllMRR)
	}
}

// TestRelevanceRealStandard scores a plain Bleve index (default mapping,
// standard analyzer, a match query over all fields) on the same combined
// set, for comparison. It asserts nothing.
func TestRelevanceRealStandard(t *testing.T) {
	j, docs := loadRealSet(t)
	bi, err := bleve.NewUsing("", bleve.NewIndexMapping(), "scorch", "scorch", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	b := bi.NewBatch()
	keys := map[string]string{}
	for _, d := range docs {
		b.Index(d.alias+"#doc", map[string]string{"title": d.doc.Meta.Title, "body": d.doc.Text, "ref": d.doc.Meta.Reference})
		for i, k := range judgedKeys(d) {
			b.Index(k, plainRow(d.doc.Rows[i]))
			keys[k] = k
		}
		keys[d.alias+"#doc"] = d.alias + "#doc"
	}
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	own, whole := combinedSet(t, j, keys)
	run := func(q string) []string {
		res, err := bi.Search(bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 10, 0, false))
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, h.ID)
		}
		return ranked
	}
	ownS, ownT := evaluate(t, own, run)
	logScores(t, "standard analyzer, Lâm Đồng set", ownS, ownT)
	allS, allT := evaluate(t, whole, run)
	logScores(t, "standard analyzer, whole set", allS, allT)
}
