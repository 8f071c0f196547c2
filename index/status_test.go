package index

import (
	"context"
	"testing"

	"vanban"
)

// statusSource is one document with row statuses.
type statusSource struct {
	doc    *vanban.Document
	status map[int]string
}

func (s statusSource) DocumentVersions(context.Context) (map[int64]string, error) {
	return map[int64]string{s.doc.ID: "1"}, nil
}

func (s statusSource) Document(context.Context, int64) (*vanban.Document, error) { return s.doc, nil }

func (s statusSource) TaskStatuses(context.Context, int64) (map[int]string, error) {
	return s.status, nil
}

func TestSyncAndRefreshIndexStatuses(t *testing.T) {
	ctx := context.Background()
	plan := plan58(t)
	src := statusSource{plan, map[int]string{rowOf(t, plan, "3.3"): "hoàn thành", rowOf(t, plan, "3.14"): "đang thực hiện"}}
	for name, index := range map[string]func(ix *Index) error{
		"sync":    func(ix *Index) error { _, err := ix.Sync(ctx, src, nil); return err },
		"refresh": func(ix *Index) error { return ix.Refresh(ctx, src, src.doc.ID) },
	} {
		ix := memIndex(t)
		if err := index(ix); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]string{
			"trang-thai:hoan-thanh":       "58/KH-UBND#3.3",
			`trang-thai:"Đang thực hiện"`: "58/KH-UBND#3.14",
		} {
			res, err := ix.Search(ctx, q, Options{FacetSize: -1})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != 1 || res.Hits[0].ID != want || res.Hits[0].Fields.Status == "" {
				t.Errorf("%s: %q found %+v, want %s with its status", name, q, res.Hits, want)
			}
		}
	}
}

// rowOf returns the position of the row numbered stt.
func rowOf(t *testing.T, doc *vanban.Document, stt string) int {
	t.Helper()
	for i, r := range doc.Rows {
		if r.STT == stt {
			return i
		}
	}
	t.Fatalf("no row %s", stt)
	return -1
}
