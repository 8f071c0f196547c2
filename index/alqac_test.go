package index

import (
	"context"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanban"
	"vanban/internal/sharedtest"
)

// ALQAC: the Automated Legal Question Answering Competition's Vietnamese
// legal retrieval data (../shared/real/alqac). Each law's articles are
// indexed as task rows of one document; each question is run as plain
// words with Options.Any, and scored by recall@10 and MRR@10 against its
// relevant articles. Weights were tuned on alqac2023/train.json only;
// private_test.json is the held-out figure.

type alqacLaw struct {
	ID       string `json:"id"`
	Articles []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"articles"`
}

type alqacQuestion struct {
	Text     string `json:"text"`
	Relevant []struct {
		Law     string `json:"law_id"`
		Article string `json:"article_id"`
	} `json:"relevant_articles"`
}

func alqacDocs(laws []alqacLaw) []*vanban.Document {
	var docs []*vanban.Document
	for i, l := range laws {
		d := &vanban.Document{ID: int64(i + 1), Meta: vanban.Meta{Reference: l.ID, Title: l.ID, DocType: "Luật"}}
		for _, a := range l.Articles {
			d.Rows = append(d.Rows, vanban.Task{STT: a.ID, Task: a.Text})
		}
		docs = append(docs, d)
	}
	return docs
}

// plainWords is a question as a query of words only: no quotes,
// exclusions or filters are read from it.
func plainWords(s string) Query {
	var q Query
	for _, w := range strings.Fields(s) {
		q.Clauses = append(q.Clauses, Clause{Value: w})
	}
	return q
}

type retrieval struct{ recall, mrr float64 }

func scoreRetrieval(qs []alqacQuestion, run func(q string) []string) retrieval {
	var s retrieval
	for _, q := range qs {
		ranked := run(q.Text)
		rel := map[string]bool{}
		for _, r := range q.Relevant {
			rel[r.Law+"#"+r.Article] = true
		}
		found := 0
		first := 0
		for i, id := range ranked[:min(10, len(ranked))] {
			if rel[id] {
				found++
				if first == 0 {
					first = i + 1
				}
			}
		}
		s.recall += float64(found) / float64(len(rel))
		if first > 0 {
			s.mrr += 1 / float64(first)
		}
	}
	s.recall /= float64(len(qs))
	s.mrr /= float64(len(qs))
	return s
}

func TestALQAC(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 2.7 MB of law articles")
	}
	dir := filepath.Join(sharedtest.Dir(t), "real", "alqac", "alqac2023")
	var laws []alqacLaw
	sharedtest.ReadJSON(t, filepath.Join(dir, "law.json"), &laws)
	docs := alqacDocs(laws)
	start := time.Now()
	ix := memIndex(t, docs...)
	t.Logf("indexed %d laws in %v", len(laws), time.Since(start).Round(time.Millisecond))
	ours := func(q string) []string {
		res, err := ix.SearchQuery(context.Background(), plainWords(q), Options{Any: true, Kind: kindTask, Limit: 10, FacetSize: -1})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	bm := newBM25(docs)
	for _, set := range []struct {
		file              string
		minRecall, minMRR float64
	}{
		{"train.json", 0, 0},
		{"private_test.json", 0.89, 0.79},
	} {
		var qs []alqacQuestion
		sharedtest.ReadJSON(t, filepath.Join(dir, set.file), &qs)
		got := scoreRetrieval(qs, ours)
		base := scoreRetrieval(qs, bm.search)
		t.Logf("%s (%d questions): vanban recall@10 %.3f MRR@10 %.3f; plain BM25 recall@10 %.3f MRR@10 %.3f",
			set.file, len(qs), got.recall, got.mrr, base.recall, base.mrr)
		if got.recall < set.minRecall || got.mrr < set.minMRR {
			t.Errorf("%s: recall@10 %.3f (floor %.2f), MRR@10 %.3f (floor %.2f)", set.file, got.recall, set.minRecall, got.mrr, set.minMRR)
		}
	}
}

// bm25 is a plain BM25 (k1 1.2, b 0.75) over lower-cased NFC syllables:
// the baseline the ALQAC figures are compared with.
type bm25 struct {
	ids      []string
	length   []int
	postings map[string][]posting
	avg      float64
}

type posting struct{ doc, tf int }

func plainSyllables(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func newBM25(docs []*vanban.Document) *bm25 {
	b := &bm25{postings: map[string][]posting{}}
	total := 0
	for _, d := range docs {
		for _, r := range d.Rows {
			tf := map[string]int{}
			words := plainSyllables(r.Task)
			for _, w := range words {
				tf[w]++
			}
			for w, n := range tf {
				b.postings[w] = append(b.postings[w], posting{len(b.ids), n})
			}
			b.ids = append(b.ids, d.Meta.Reference+"#"+r.STT)
			b.length = append(b.length, len(words))
			total += len(words)
		}
	}
	b.avg = float64(total) / float64(len(b.ids))
	return b
}

func (b *bm25) search(q string) []string {
	n := float64(len(b.ids))
	scores := make([]float64, len(b.ids))
	for _, w := range plainSyllables(q) {
		ps := b.postings[w]
		df := float64(len(ps))
		if df == 0 {
			continue
		}
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			f := float64(p.tf)
			scores[p.doc] += idf * f * 2.2 / (f + 1.2*(0.25+0.75*float64(b.length[p.doc])/b.avg))
		}
	}
	order := make([]int, len(b.ids))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return scores[order[i]] > scores[order[j]] })
	var rv []string
	for _, i := range order[:10] {
		if scores[i] > 0 {
			rv = append(rv, b.ids[i])
		}
	}
	return rv
}
