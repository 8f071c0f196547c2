package index

import (
	"math"
	"reflect"
	"runtime"
	"testing"
)

// A search split into ranges of document numbers finds what one pass
// finds: the same total, the same page in the same order with the same
// scores, the same facets.
func TestSplitSearchSameResults(t *testing.T) {
	ix := memIndex(t, genDocs(plan58(t), 3000)...)
	adv, _ := ix.bi.Advanced()
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	if docSpace(r) == 0 {
		t.Fatal("docSpace: 0; the search would never be split")
	}
	r.Close()
	defer func(p uint64, m, procs int) {
		splitPostings, maxParts = p, m
		runtime.GOMAXPROCS(procs)
	}(splitPostings, maxParts, runtime.GOMAXPROCS(3))
	queries := []string{
		"công nghệ", "khoi nghiep", `"chuyển đổi số"`, "quỹ đầu tư mạo hiểm",
		`chu-tri:"Sở Nội vụ" han<2026-07-01`, "han<2025-03-01", "công nghệ nam:2026",
		`chuyển đổi số -"hội thảo"`, "loai:KH",
	}
	for _, q := range queries {
		for _, opts := range []Options{{Limit: 10}, {Limit: 7, Offset: 15}, {Limit: 5, FacetSize: -1}} {
			splitPostings = math.MaxUint64
			one := find(t, ix, q, opts)
			for _, parts := range []int{2, 3} {
				splitPostings, maxParts = 0, parts
				split := find(t, ix, q, opts)
				one.Took, split.Took = 0, 0
				if !reflect.DeepEqual(one, split) {
					t.Errorf("%q %+v in %d parts: %d hits %v, want %d %v", q, opts, parts,
						split.Total, ids(split), one.Total, ids(one))
				}
			}
		}
	}
}

// Filters select without ranking: a row scores the same with a filter as
// without it.
func TestFiltersDoNotRank(t *testing.T) {
	ix := memIndex(t, genDocs(plan58(t), 700)...)
	for _, c := range []struct{ words, filter string }{
		{"khởi nghiệp", `chu-tri:"Sở Tài chính"`},
		{"chuyển đổi số", "han<2027-01-01"},
		{"công nghệ", "nam:2026"},
		{"đào tạo", `-"hội thảo"`},
	} {
		all := map[string]float64{}
		for _, h := range find(t, ix, c.words, Options{Limit: 1000}).Hits {
			all[h.ID] = h.Score
		}
		res := find(t, ix, c.words+" "+c.filter, Options{Limit: 1000})
		if len(res.Hits) == 0 {
			t.Errorf("%s %s: no hits", c.words, c.filter)
		}
		for _, h := range res.Hits {
			if want, ok := all[h.ID]; !ok || math.Abs(h.Score-want) > 1e-9*want {
				t.Errorf("%s %s: %s scores %g, without the filter %g", c.words, c.filter, h.ID, h.Score, want)
				break
			}
		}
	}
}

// splitFacets reads back what facetValues writes, the document's
// reference, type and year from one value.
func TestFacetValuesRoundTrip(t *testing.T) {
	counts := map[string]int{}
	for _, e := range []map[string]interface{}{
		{fRef: "58/KH-UBND", fType: "Kế hoạch", fYear: "2026", fLeadUnit: []string{"Sở Tài chính", "Sở Nội vụ"}, fRecur: []string{"hang-nam"}},
		{fRef: "58/KH-UBND", fType: "Kế hoạch", fYear: "2026", fLeadUnit: []string{"Sở Tài chính"}},
		{fRef: "7", fType: ""}, // a draft: no type, no year
	} {
		for _, v := range facetValues(e) {
			counts[v]++
		}
	}
	got := map[string][]FacetTerm{}
	for _, f := range splitFacets(counts, 10) {
		got[f.Name] = f.Terms
	}
	want := map[string][]FacetTerm{
		FilterLead:     {{"Sở Tài chính", 2}, {"Sở Nội vụ", 1}},
		FilterDocument: {{"58/KH-UBND", 2}, {"7", 1}},
		FilterType:     {{"Kế hoạch", 2}},
		FilterYear:     {{"2026", 2}},
		FilterRecur:    {{"hang-nam", 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facets %v, want %v", got, want)
	}
}
