package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vanban"
)

func memIndex(t testing.TB, docs ...*vanban.Document) *Index {
	t.Helper()
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	b := ix.NewBatch()
	for _, d := range docs {
		if err := b.Put(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(res *Result) []string {
	var rv []string
	for _, h := range res.Hits {
		rv = append(rv, h.ID)
	}
	return rv
}

func find(t *testing.T, ix *Index, q string, opts Options) *Result {
	t.Helper()
	res, err := ix.Search(context.Background(), q, opts)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return res
}

func TestSearchPlan58(t *testing.T) {
	ix := memIndex(t, plan58(t))
	tests := []struct {
		q     string
		first string // expected first hit
		total int    // expected total, the document's own entry included; -1 to skip
	}{
		{"quỹ đầu tư mạo hiểm", "58/KH-UBND#3.12", -1},
		{"quy dau tu mao hiem", "58/KH-UBND#3.12", -1},
		{`"quỹ đầu tư mạo hiểm"`, "58/KH-UBND#3.12", 1},
		{"an ninh mạng", "58/KH-UBND#10.7", -1},
		{"53/2025/NQ-HĐND", "58/KH-UBND#2.3", -1},
		{"53/2025/NQ-HDND", "58/KH-UBND#2.3", -1},
		{"58/KH-UBND", "58/KH-UBND", -1},
		{"chu-tri:\"Sở Tài chính\"", "58/KH-UBND#3.14", 2},
		{"chu-tri:\"so tai chinh\"", "58/KH-UBND#3.14", 2},
		{"chu-tri:\"Công an thành phố\"", "58/KH-UBND#10.7", 1},
		{"khởi nghiệp -ngày -diễn", "", -1},
		{"han<2026-04-01", "58/KH-UBND#10.4", 4},
		{"han<=2026-06-30 chu-tri:\"Sở Khoa học và Công nghệ\"", "58/KH-UBND#10.4", 6},
		{"lap:thuong-xuyen", "58/KH-UBND#1.1", 8},
		{"Techfest", "58/KH-UBND#8.5", 2},
	}
	for _, tt := range tests {
		res := find(t, ix, tt.q, Options{Limit: 100})
		if len(res.Hits) == 0 {
			t.Errorf("%q: no hits", tt.q)
			continue
		}
		if tt.first != "" && res.Hits[0].ID != tt.first {
			t.Errorf("%q: first hit %s, want %s (%v)", tt.q, res.Hits[0].ID, tt.first, ids(res)[:min(5, len(res.Hits))])
		}
		if tt.total >= 0 && int(res.Total) != tt.total {
			t.Errorf("%q: %d hits, want %d: %v", tt.q, res.Total, tt.total, ids(res))
		}
		if res.Fuzzy {
			t.Errorf("%q: fuzzy", tt.q)
		}
	}
}

func TestExclusion(t *testing.T) {
	ix := memIndex(t, plan58(t))
	all := find(t, ix, "khởi nghiệp", Options{Limit: 100})
	some := find(t, ix, "khởi nghiệp -diễn", Options{Limit: 100})
	if some.Total == 0 || some.Total >= all.Total {
		t.Fatalf("exclusion: %d of %d", some.Total, all.Total)
	}
	for _, h := range some.Hits {
		if strings.Contains(h.Fields.Task, "Diễn") || strings.Contains(h.Fields.Output, "Diễn") {
			t.Errorf("%s has the excluded word", h.ID)
		}
	}
}

func TestFuzzyFallback(t *testing.T) {
	ix := memIndex(t, plan58(t))
	res := find(t, ix, "khoi nhiep", Options{})
	if !res.Fuzzy || res.Total == 0 {
		t.Fatalf("fuzzy %v, %d hits", res.Fuzzy, res.Total)
	}
	if res := find(t, ix, "khoi nghiep", Options{}); res.Fuzzy {
		t.Errorf("exact query answered fuzzily")
	}
}

func TestHighlightOnOriginal(t *testing.T) {
	ix := memIndex(t, plan58(t))
	res := find(t, ix, "quy dau tu mao hiem", Options{Limit: 1})
	h := res.Hits[0]
	sp := h.Highlights[fTask]
	if len(sp) == 0 {
		t.Fatalf("no spans")
	}
	last := sp[len(sp)-1]
	if got := h.Fields.Task[last.Start:last.End]; got != "Quỹ đầu tư mạo hiểm" {
		t.Errorf("highlight %q", got)
	}
	if got := Mark(h.Snippet.Text, h.Snippet.Spans, "[", "]"); !strings.Contains(got, "[Quỹ đầu tư mạo hiểm]") {
		t.Errorf("snippet %q", got)
	}
}

func TestFacets(t *testing.T) {
	ix := memIndex(t, plan58(t))
	res := find(t, ix, "công nghệ", Options{})
	got := map[string]map[string]int{}
	for _, f := range res.Facets {
		got[f.Name] = map[string]int{}
		for _, tm := range f.Terms {
			got[f.Name][tm.Term] = tm.Count
		}
	}
	if got[FilterLead]["Sở Khoa học và Công nghệ"] == 0 || got[FilterDocument]["58/KH-UBND"] == 0 ||
		got[FilterType]["Kế hoạch"] == 0 || got[FilterYear]["2026"] == 0 || got[FilterRecur]["hang-nam"] == 0 {
		t.Errorf("facets %v", got)
	}
}

func TestPutReplacesAndVersions(t *testing.T) {
	doc := plan58(t)
	ix := memIndex(t, doc)
	n, _ := ix.Count()
	if n != uint64(len(doc.Rows)+1) {
		t.Fatalf("count %d", n)
	}
	v, err := ix.Versions()
	if err != nil || v[1] != ContentVersion(doc) {
		t.Fatalf("versions %v %v", v, err)
	}
	smaller := *doc
	smaller.Rows = doc.Rows[:10]
	if err := ix.PutExtra(&smaller, Extra{Version: "v2"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 11 {
		t.Fatalf("after replace: count %d", n)
	}
	if v, _ := ix.Versions(); !reflect.DeepEqual(v, map[int64]string{1: "v2"}) {
		t.Fatalf("versions %v", v)
	}
	if err := ix.Delete(1); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Fatalf("after delete: count %d", n)
	}
}

func TestSameReferenceTwoDocuments(t *testing.T) {
	a := plan58(t)
	b := plan58(t)
	b.ID = 7
	b.Rows = b.Rows[:2]
	draft := plan58(t)
	draft.ID = 9
	draft.Meta.Reference, draft.Meta.Number = "", ""
	draft.Rows = draft.Rows[:1]
	ix := memIndex(t, a, b, draft)
	res := find(t, ix, "tăng cường sự lãnh đạo của Đảng", Options{Limit: 10})
	got := strings.Join(ids(res), " ")
	for _, want := range []string{"58/KH-UBND#1.1", "58/KH-UBND~7#1.1", "9#1.1"} {
		if !strings.Contains(got, want) {
			t.Errorf("hits %s lack %s", got, want)
		}
	}
}

func TestOpenOnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(plan58(t)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != 69 {
		t.Errorf("reopened count %d", n)
	}
}

func TestQueryErrors(t *testing.T) {
	ix := memIndex(t)
	for _, q := range []string{"han<2026-13-01", "lap:đôi-khi", "nam:abc", "", "   "} {
		if _, err := ix.Search(context.Background(), q, Options{}); err == nil {
			t.Errorf("%q: no error", q)
		}
	}
}

// memSource is a Source held in memory.
type memSource struct {
	docs     map[int64]*vanban.Document
	versions map[int64]string
}

func (m *memSource) DocumentVersions(context.Context) (map[int64]string, error) {
	rv := map[int64]string{}
	for k, v := range m.versions {
		rv[k] = v
	}
	return rv, nil
}

func (m *memSource) Document(_ context.Context, id int64) (*vanban.Document, error) {
	return m.docs[id], nil
}

func TestSyncRepairsMismatch(t *testing.T) {
	a := plan58(t)
	b := plan58(t)
	b.ID, b.Meta.Reference = 2, "412/BC-STC"
	b.Rows = b.Rows[:3]
	src := &memSource{docs: map[int64]*vanban.Document{1: a, 2: b}, versions: map[int64]string{1: "10", 2: "11"}}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	st, err := Rebuild(ctx, dir, src, nil)
	if err != nil || st.Added != 2 {
		t.Fatalf("rebuild: %+v %v", st, err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// A crash between store and index: the store moved on, and a
	// document was deleted, another added.
	c := plan58(t)
	c.ID, c.Meta.Reference, c.Rows = 3, "1876/BC-BQL", c.Rows[:1]
	b2 := *b
	b2.Rows = b.Rows[:1]
	src.docs[2], src.docs[3] = &b2, c
	src.versions[2], src.versions[3] = "12", "13"
	delete(src.versions, 1)
	st, err = ix.Sync(ctx, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (SyncStats{Added: 1, Updated: 1, Removed: 1}); st != want {
		t.Errorf("sync %+v, want %+v", st, want)
	}
	if v, _ := ix.Versions(); !reflect.DeepEqual(v, map[int64]string{2: "12", 3: "13"}) {
		t.Errorf("versions %v", v)
	}
	if n, _ := ix.Count(); n != 4 {
		t.Errorf("count %d, want 4", n)
	}
	if st, _ := ix.Sync(ctx, src, nil); st != (SyncStats{Unchanged: 2}) {
		t.Errorf("second sync %+v", st)
	}
	src.versions[3] = "14"
	if err := ix.Refresh(ctx, src, 3); err != nil {
		t.Fatal(err)
	}
	if v, _ := ix.Versions(); v[3] != "14" {
		t.Errorf("refresh: versions %v", v)
	}
}

func TestOpenLocked(t *testing.T) {
	defer func(w string) { lockWait = w }(lockWait)
	lockWait = "100ms"
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		t.Fatalf("locked index removed: %v", err)
	}
}

func TestCut(t *testing.T) {
	long := strings.Repeat("lorem ipsum dolor ", 30)
	text := "Đầu\n\nđề " + long + "quỹ  đầu\ttư mạo hiểm " + long
	i := strings.Index(text, "quỹ")
	j := strings.Index(text, "hiểm") + len("hiểm")
	got, spans := cut(text, []Span{{0, len("Đầu")}, {i, j}})
	if len(spans) != 1 {
		t.Fatalf("%q %v", got, spans)
	}
	if m := got[spans[0].Start:spans[0].End]; m != "quỹ đầu tư mạo hiểm" {
		t.Errorf("span %q in %q", m, got)
	}
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || strings.ContainsAny(got, "\n\t") {
		t.Errorf("snippet %q", got)
	}
	short, sp := cut("a\n b  c ", []Span{{3, 4}})
	if short != "a b c" || short[sp[0].Start:sp[0].End] != "b" {
		t.Errorf("%q %v", short, sp)
	}
}

// TestDueRanges checks han filters against the dates themselves: rows
// due on days spread over five years, ranges of every shape.
func TestDueRanges(t *testing.T) {
	doc := &vanban.Document{ID: 5, Meta: vanban.Meta{Reference: "5/KH-X", Date: vanban.D(2024, 1, 1)}}
	var dues []vanban.Date
	for d := vanban.D(2024, 1, 1); d.Year < 2029; d = addDays(d, 13) {
		dues = append(dues, d)
		doc.Rows = append(doc.Rows, vanban.Task{STT: fmt.Sprint(len(dues)), Task: "việc",
			Milestones: []vanban.Milestone{{Due: d}}})
	}
	ix := memIndex(t, doc)
	for _, tt := range []struct{ op, v string }{
		{"<", "2026-06-30"}, {"<=", "2026-06-30"}, {">", "2026-06-30"}, {">=", "2026-06-30"},
		{":", "2026-06"}, {":", "2027"}, {"<", "2024-01-14"}, {">=", "2028-12-01"}, {":", "15/03/2025"},
		{"<=", "2025-02"}, {">", "2025"}, {":", "2024-01-01"},
	} {
		from, to, _ := parsePeriod(tt.v)
		want := 0
		for _, d := range dues {
			in := map[string]bool{
				"<": d.Before(from), "<=": !d.After(to), ">": d.After(to), ">=": !d.Before(from),
				":": !d.Before(from) && !d.After(to),
			}[tt.op]
			if in {
				want++
			}
		}
		q := "han" + tt.op + tt.v
		res := find(t, ix, q, Options{Limit: 1})
		if int(res.Total) != want {
			t.Errorf("%s: %d rows, want %d", q, res.Total, want)
		}
	}
}

// TestExactAboveFolded: a word typed with marks finds its folded
// look-alikes too, but ranks the exact ones first, however many the
// others are; pairs of syllables rank above the same syllables apart.
func TestExactAboveFolded(t *testing.T) {
	doc := &vanban.Document{ID: 3, Meta: vanban.Meta{Reference: "3/KH-X"}}
	add := func(task string) {
		doc.Rows = append(doc.Rows, vanban.Task{STT: fmt.Sprint(len(doc.Rows) + 1), Task: task})
	}
	for range 20 {
		add("Tổ chức đêm ca nhạc và ca múa")
	}
	add("Phát triển nuôi cá lồng bè")
	add("Phối hợp với cả nước")
	add("Đầu tư khu công nghệ cao")
	for range 10 {
		add("Nâng cao năng lực công nghệ thông tin")
	}
	ix := memIndex(t, doc)
	for _, tt := range []struct{ q, first string }{
		{"cá", "Phát triển nuôi cá lồng bè"},
		{"cả", "Phối hợp với cả nước"},
		{"công nghệ cao", "Đầu tư khu công nghệ cao"},
		{"cong nghe cao", "Đầu tư khu công nghệ cao"},
	} {
		res := find(t, ix, tt.q, Options{Limit: 3, Kind: kindTask})
		if len(res.Hits) == 0 || res.Hits[0].Fields.Task != tt.first {
			t.Errorf("%q: first %v, want %q", tt.q, res.Hits, tt.first)
		}
	}
	if res := find(t, ix, "ca", Options{Limit: 1}); res.Total < 22 {
		t.Errorf("ca: %d hits, want the folded ones too", res.Total)
	}
}

// TestLongWords: a 5,000-character word is refused in Vietnamese, not an
// internal error; a long word that fits does not build a huge automaton.
func TestLongWords(t *testing.T) {
	ix := memIndex(t)
	_, err := ix.Search(context.Background(), strings.Repeat("a", 5000), Options{})
	if vanban.ErrorCode(err) != vanban.EInvalid || !strings.Contains(vanban.ErrorMessage(err), "quá dài") {
		t.Errorf("a 5,000-character word: %v", err)
	}
	if _, err := ix.Search(context.Background(), strings.Repeat("kh", 30)+" "+strings.Repeat("ngh", 10), Options{}); err != nil {
		t.Errorf("long words within bounds: %v", err)
	}
	if _, err := ix.Search(context.Background(), strings.Repeat("khoi nghiep ", 300), Options{}); vanban.ErrorCode(err) != vanban.EInvalid {
		t.Errorf("a 3,600-character query: %v", err)
	}
}

// TestFacetCacheFollowsWrites: the facet counts of a query repeated
// between two writes come from the cache, and a write makes them count
// again.
func TestFacetCacheFollowsWrites(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	put := func(id int64, ref, lead string) {
		b := ix.NewBatch()
		doc := &vanban.Document{ID: id, Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: ref, Title: "Kế hoạch"},
			Rows: []vanban.Task{{STT: "1", Task: "Chuyển đổi số", Lead: lead,
				LeadParties: []vanban.Party{{Name: lead, Kind: vanban.KindUnit}}}}}
		if err := b.Put(doc); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		res, err := ix.Search(context.Background(), "chuyển đổi số", Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range res.Facets {
			for _, v := range f.Terms {
				n += v.Count
			}
		}
		return n
	}
	put(1, "1/KH-UBND", "Sở Tài chính")
	first := count()
	if again := count(); again != first || ix.facets.get(facetKeyFor(t, ix, "chuyển đổi số")) == nil {
		t.Fatalf("repeated query: %d facet counts then %d, cached %v", first, again, ix.facets.m != nil)
	}
	put(2, "2/KH-UBND", "Sở Nội vụ")
	if after := count(); after <= first {
		t.Errorf("facet counts %d after a write, want more than %d", after, first)
	}
}

func facetKeyFor(t *testing.T, ix *Index, q string) string {
	t.Helper()
	p, err := compile(ParseQuery(q), ix.Aliases, false, ix.unitKeys(), ix.Terms)
	if err != nil {
		t.Fatal(err)
	}
	return facetKey(ix.request(p, Options{}), Options{})
}
