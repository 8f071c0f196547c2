package postgres_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"vanban"
	"vanban/store/postgres"
)

// BenchmarkStoreDocument stores a 68-row plan per iteration, each a new
// document (one transaction each), as package store's benchmark does.
func BenchmarkStoreDocument(b *testing.B) {
	db := openNode(b, freshURL(b))
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		path := filepath.Join(dir, fmt.Sprintf("kh-%d.docx", i))
		os.WriteFile(path, []byte(path), 0o644)
		blob, err := db.Keep(path)
		if err != nil {
			b.Fatal(err)
		}
		doc := benchPlan(fmt.Sprintf("%d/KH-UBND", i), 68)
		if _, err := db.StoreDocument(ctx, postgres.Incoming{Path: path, Name: filepath.Base(path), Format: "docx", Blob: blob}, doc); err != nil {
			b.Fatal(err)
		}
	}
}

func benchPlan(ref string, rows int) *vanban.Document {
	d := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: ref, Issuer: "Ủy ban nhân dân thành phố", Title: "Kế hoạch"}}
	for i := 0; i < rows; i++ {
		d.Rows = append(d.Rows, vanban.Task{
			Section: vanban.Section{Numeral: "I", Title: "CHUNG"}, STT: fmt.Sprint(i + 1), Task: "Nhiệm vụ",
			LeadParties:        []vanban.Party{{Name: "Sở Tài chính", Kind: vanban.KindUnit}},
			CoordinatorParties: []vanban.Party{{Name: "Sở Nội vụ", Kind: vanban.KindUnit}, {Name: "các sở", Kind: vanban.KindGroup}},
			Milestones:         []vanban.Milestone{{Due: vanban.D(2026, 12, 15)}, {Due: vanban.Date{Year: 2030}}},
			Targets:            []vanban.Target{{Op: ">=", Value: 80, Unit: "%"}},
		})
	}
	return d
}
