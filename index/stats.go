package index

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
)

// Bleve's BM25 takes a field's average length to be its number of
// distinct terms per document, which for short rows is a fraction of
// their length: long rows would be penalized far more than BM25 means
// to. The index keeps the true token totals of its analysed fields
// instead (each entry stores its lengths; each batch adds and subtracts
// them) and hands them to every search.

// lengths counts the tokens of an entry's analysed fields.
type lengths map[string]int

var statsKey = []byte("vanban.lengths")

// measure returns the lengths of an entry's fields, analysing them as
// the index will (which fills the analysis cache for it).
func measure(m map[string]interface{}) lengths {
	l := lengths{}
	count := func(v interface{}) (toks, pairs int) {
		var vals []string
		switch x := v.(type) {
		case string:
			vals = []string{x}
		case []string:
			vals = x
		}
		for _, s := range vals {
			ts := exactAnalyzer.Analyze([]byte(s))
			toks += len(ts)
			for i := 1; i < len(ts); i++ {
				if ts[i].Position == ts[i-1].Position+1 {
					pairs++
				}
			}
		}
		return toks, pairs
	}
	t, p := count(m[fText])
	l[fText], l[fTextFolded], l[fTextFoldBi] = t, t, p
	l[fBodyExact], _ = count(m[fBody])
	l[fBodyFolded] = l[fBodyExact]
	l[fCtx], _ = count(m[fCtx])
	l[fLeadFolded], _ = count(m[fLead])
	l[fCoordFolded], _ = count(m[fCoord])
	for k, v := range l {
		if v == 0 {
			delete(l, k)
		}
	}
	return l
}

// String encodes lengths as "field=n field=n", sorted.
func (l lengths) String() string {
	parts := make([]string, 0, len(l))
	for k, v := range l {
		parts = append(parts, k+"="+strconv.Itoa(v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func parseLengths(s string) lengths {
	l := lengths{}
	for _, f := range strings.Fields(s) {
		if k, v, ok := strings.Cut(f, "="); ok {
			if n, err := strconv.Atoi(v); err == nil {
				l[k] = n
			}
		}
	}
	return l
}

func (l lengths) add(o lengths, sign int) {
	for k, v := range o {
		l[k] += sign * v
	}
}

// loadLengths reads the token totals the index holds.
func (ix *Index) loadLengths() (lengths, error) {
	v, err := ix.bi.GetInternal(statsKey)
	if err != nil {
		return nil, err
	}
	return parseLengths(string(v)), nil
}

// searchContext returns ctx carrying the BM25 statistics of the index:
// its number of entries, and for each analysed field its token total,
// so that Bleve's average length is the true one. Other fields (keywords)
// count one token per entry.
func (ix *Index) searchContext(ctx context.Context) (context.Context, error) {
	n, err := ix.bi.DocCount()
	if err != nil || n == 0 {
		return ctx, err
	}
	ix.mu.Lock()
	totals := ix.lengths
	ix.mu.Unlock()
	if totals == nil {
		if totals, err = ix.loadLengths(); err != nil {
			return ctx, err
		}
		ix.mu.Lock()
		ix.lengths = totals
		ix.mu.Unlock()
	}
	card := make(map[string]int, len(allFields)+2)
	for _, f := range append(allFields, "*", "_all") { // "*": match-all searches
		card[f] = int(n)
	}
	for f, v := range totals {
		card[f] = max(v, 1)
	}
	return context.WithValue(ctx, search.BM25StatsKey, &search.BM25Stats{DocCount: float64(n), FieldCardinality: card}), nil
}
