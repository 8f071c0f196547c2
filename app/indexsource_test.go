package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"vanban"
	"vanban/crosscheck"
	"vanban/crosscheck/crosschecktest"
	"vanban/index"
	"vanban/internal/sharedtest"
	"vanban/normalize"
	"vanban/store"
)

// storeInto stores doc in db as the ingest pipeline would.
func storeInto(t *testing.T, db Store, doc *vanban.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), doc.File)
	data, _ := json.Marshal(doc)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	blob, err := db.Keep(path)
	if err != nil {
		t.Fatal(err)
	}
	in := store.Incoming{Path: path, Name: doc.File, Blob: blob, ModTime: time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC), Format: "docx"}
	if _, err := db.StoreDocument(context.Background(), in, doc); err != nil {
		t.Fatal(err)
	}
}

// statusHits returns the row ids q finds, with their statuses.
func statusHits(t *testing.T, ix *index.Index, q string) map[string]string {
	t.Helper()
	res, err := ix.Search(context.Background(), q, index.Options{Limit: 200, Kind: "task", FacetSize: -1})
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	out := map[string]string{}
	for _, h := range res.Hits {
		out[h.ID] = h.Fields.Status
	}
	return out
}

// TestIndexStatusFollowsReports runs the path a report takes into search:
// stored, then the hook's Sync; the plan it cites is indexed again with
// the statuses a cross-check gives its rows, which trang-thai: filters.
func TestIndexStatusFollowsReports(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ix, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	src := &indexSource{Store: db, aliases: normalize.DefaultAliases()}
	asOf := vanban.D(2026, time.December, 31)
	src.today = func() vanban.Date { return asOf }

	storeInto(t, db, crosschecktest.Plan(t, sharedtest.Dir(t)))
	if _, err := ix.Sync(ctx, src, nil); err != nil {
		t.Fatal(err)
	}
	if got := statusHits(t, ix, `trang-thai:"chưa báo cáo"`); len(got) != 0 {
		t.Errorf("statuses before any report: %v", got)
	}

	storeInto(t, db, crosschecktest.ReportSTC())
	st, err := ix.Sync(ctx, src, nil) // what indexHooks' OnStored does
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 1 || st.Updated != 1 {
		t.Errorf("sync after the report: %s; want the report added and the plan updated", st)
	}
	for _, c := range []struct {
		q    string
		want []string // every row found; nil: some
		all  string   // the status every hit has
	}{
		{q: "trang-thai:hoan-thanh", want: []string{"58/KH-UBND#3.3"}, all: "hoàn thành"},
		{q: `trang-thai:"đang thực hiện"`, want: []string{"58/KH-UBND#3.14"}, all: "đang thực hiện"},
		{q: `kinh phí trang-thai:"Đang thực hiện"`, want: []string{"58/KH-UBND#3.14"}, all: "đang thực hiện"},
		{q: `trang-thai:chua-bao-cao chu-tri:"Sở Khoa học và Công nghệ"`, all: "chưa báo cáo"},
		{q: `cổ phần hóa trang-thai:hoan-thanh`, want: []string{"58/KH-UBND#3.3"}, all: "hoàn thành"},
	} {
		got := statusHits(t, ix, c.q)
		var ids []string
		for id, s := range got {
			ids = append(ids, id)
			if c.all != "" && s != c.all {
				t.Errorf("%q: %s has status %q, want %q", c.q, id, s, c.all)
			}
		}
		sort.Strings(ids)
		switch {
		case c.want != nil && !slices.Equal(ids, c.want):
			t.Errorf("%q found %v, want %v", c.q, ids, c.want)
		case c.want == nil && len(ids) == 0:
			t.Errorf("%q found nothing", c.q)
		}
	}

	// Nothing changed: nothing is indexed again.
	if st, err := ix.Sync(ctx, src, nil); err != nil || st.Updated+st.Added+st.Removed != 0 {
		t.Errorf("idle sync: %s, %v", st, err)
	}
	// A new year starts a new report cycle: last year's report no longer
	// counts, and the plan is indexed again without its statuses.
	asOf = vanban.D(2027, time.January, 5)
	if st, err := ix.Sync(ctx, src, nil); err != nil || st.Updated != 1 {
		t.Errorf("sync in a new year: %s, %v", st, err)
	}
	if got := statusHits(t, ix, "trang-thai:hoan-thanh"); len(got) != 0 {
		t.Errorf("2026 report still counts in 2027: %v", got)
	}
}

// crosscheckResult builds a result in which each unit leads the rows
// given (by position), with the statuses given.
func crosscheckResult(lead map[string][]struct {
	row    int
	status vanban.TaskStatus
}) *crosscheck.Result {
	r := &crosscheck.Result{}
	for unit, rows := range lead {
		u := crosscheck.UnitResult{Unit: unit}
		for _, row := range rows {
			u.Lead = append(u.Lead, crosscheck.TaskResult{Row: row.row, Status: row.status})
		}
		r.Units = append(r.Units, u)
	}
	return r
}

func TestLeadStatusesTakesLeastAdvanced(t *testing.T) {
	type led = []struct {
		row    int
		status vanban.TaskStatus
	}
	// Two lead units on row 1: one done, one in progress. Rows 4 and 5
	// share an STT in the plan; by position they stay apart.
	res := crosscheckResult(map[string]led{
		"A": {{1, "done"}, {2, "done"}, {4, "done"}},
		"B": {{1, "in_progress"}, {5, "not_started"}},
		"C": {{3, "not_reported"}},
	})
	got := leadStatuses(res)
	want := map[int]string{1: "đang thực hiện", 2: "hoàn thành", 3: "chưa báo cáo", 4: "hoàn thành", 5: "chưa thực hiện"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("row %d: %q, want %q", k, got[k], v)
		}
	}
}
