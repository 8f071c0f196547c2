package index

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"vanban"
	"vanban/internal/sharedtest"
)

// judgments is fixtures/relevance/plan58.json.
type judgments struct {
	Queries []struct {
		Q    string         `json:"q"`
		Type string         `json:"type"`
		Rel  map[string]int `json:"rel"`
	} `json:"queries"`
}

func loadJudgments(t testing.TB) judgments {
	var j judgments
	sharedtest.ReadJSON(t, filepath.Join("..", "fixtures", "relevance", "plan58.json"), &j)
	if len(j.Queries) < 40 {
		t.Fatalf("%d queries", len(j.Queries))
	}
	return j
}

// ndcg is nDCG@k with gains 2^rel-1 and a log2 discount.
func ndcg(ranked []string, rel map[string]int, k int) float64 {
	dcg := 0.0
	for i, id := range ranked[:min(k, len(ranked))] {
		dcg += (math.Pow(2, float64(rel[id])) - 1) / math.Log2(float64(i+2))
	}
	var grades []int
	for _, g := range rel {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	ideal := 0.0
	for i, g := range grades[:min(k, len(grades))] {
		ideal += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	if ideal == 0 {
		return 0
	}
	return dcg / ideal
}

// rr is the reciprocal rank of the first hit graded at least 2, within k.
func rr(ranked []string, rel map[string]int, k int) float64 {
	for i, id := range ranked[:min(k, len(ranked))] {
		if rel[id] >= 2 {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// rowKey turns a hit id of plan 58 into its judgment key: the STT, or
// "doc" for the plan's own entry.
func rowKey(id string) string {
	if _, stt, ok := strings.Cut(id, "#"); ok {
		return stt
	}
	return "doc"
}

type scores struct{ ndcg, mrr float64 }

// evaluate runs every judged query through run and averages the scores,
// overall and by query type.
func evaluate(t *testing.T, j judgments, run func(q string) []string) (scores, map[string]scores) {
	var all scores
	byType := map[string]scores{}
	count := map[string]int{}
	for _, q := range j.Queries {
		ranked := run(q.Q)
		n, r := ndcg(ranked, q.Rel, 10), rr(ranked, q.Rel, 10)
		if testing.Verbose() && n < 0.7 {
			t.Logf("%-50q nDCG %.2f RR %.2f top %v", q.Q, n, r, ranked[:min(5, len(ranked))])
		}
		all.ndcg += n
		all.mrr += r
		s := byType[q.Type]
		s.ndcg += n
		s.mrr += r
		byType[q.Type] = s
		count[q.Type]++
	}
	all.ndcg /= float64(len(j.Queries))
	all.mrr /= float64(len(j.Queries))
	for k, s := range byType {
		byType[k] = scores{s.ndcg / float64(count[k]), s.mrr / float64(count[k])}
	}
	return all, byType
}

func logScores(t *testing.T, name string, all scores, byType map[string]scores) {
	var types []string
	for k := range byType {
		types = append(types, k)
	}
	sort.Strings(types)
	var b strings.Builder
	for _, k := range types {
		fmt.Fprintf(&b, " %s %.3f/%.3f", k, byType[k].ndcg, byType[k].mrr)
	}
	t.Logf("%s: nDCG@10 %.3f MRR@10 %.3f;%s", name, all.ndcg, all.mrr, b.String())
}

// Floors: the figures this package reaches, less a small margin. A change
// that lowers them is a regression.
const (
	minNDCG = 0.94
	minMRR  = 0.97
)

func TestRelevance(t *testing.T) {
	j := loadJudgments(t)
	ix := memIndex(t, plan58(t))
	all, byType := evaluate(t, j, func(q string) []string {
		res, err := ix.Search(context.Background(), q, Options{Limit: 10, FacetSize: -1})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, rowKey(h.ID))
		}
		return ranked
	})
	logScores(t, "vanban analyzer", all, byType)
	if all.ndcg < minNDCG || all.mrr < minMRR {
		t.Errorf("nDCG@10 %.3f (floor %.2f), MRR@10 %.3f (floor %.2f)", all.ndcg, minNDCG, all.mrr, minMRR)
	}
}

// TestRelevanceStandard scores a plain Bleve index (default mapping,
// standard analyzer, a match query over all fields) on the same set, for
// comparison. It asserts nothing.
func TestRelevanceStandard(t *testing.T) {
	j := loadJudgments(t)
	doc := plan58(t)
	bi, err := bleve.NewUsing("", bleve.NewIndexMapping(), "scorch", "scorch", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	b := bi.NewBatch()
	b.Index("doc", map[string]string{"title": doc.Meta.Title, "body": doc.Text, "ref": doc.Meta.Reference})
	for _, r := range doc.Rows {
		b.Index(r.STT, plainRow(r))
	}
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	all, byType := evaluate(t, j, func(q string) []string {
		res, err := bi.Search(bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 10, 0, false))
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, h.ID)
		}
		return ranked
	})
	logScores(t, "standard analyzer", all, byType)
}

func plainRow(r vanban.Task) map[string]string {
	return map[string]string{
		"task": r.Task, "output": r.ExpectedOutput, "lead": r.Lead, "coordinators": r.Coordinators,
		"timeframe": r.Timeframe, "note": r.Note, "section": r.Section.Title,
	}
}
