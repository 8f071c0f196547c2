package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"vanban"
)

// sharedDir finds ../shared next to the module root by walking up from
// the working directory.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(dir), "shared")
			if _, err := os.Stat(s); err == nil {
				return s
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("../shared not found")
		}
		dir = parent
	}
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

var (
	goldOnce sync.Once
	goldDoc  vanban.Document
)

// plan58 returns plan 58/KH-UBND as the gold readings give it: its rows
// (rows.json) with their parties (agencies.json) and milestones
// (timeframes.json), its metadata (plan.json) and, as its text, the seed
// text dump. It does not depend on the extractor.
func plan58(t testing.TB) *vanban.Document {
	t.Helper()
	shared := sharedDir(t)
	goldOnce.Do(func() {
		gold := filepath.Join(shared, "gold")
		var rows []vanban.Task
		readJSON(t, filepath.Join(gold, "rows.json"), &rows)
		var parties map[string]json.RawMessage
		readJSON(t, filepath.Join(gold, "agencies.json"), &parties)
		var times map[string]json.RawMessage
		readJSON(t, filepath.Join(gold, "timeframes.json"), &times)
		for i := range rows {
			r := &rows[i]
			json.Unmarshal(parties[r.Lead], &r.LeadParties)
			json.Unmarshal(parties[r.Coordinators], &r.CoordinatorParties)
			json.Unmarshal(times[r.Timeframe], &r.Milestones)
		}
		var plans map[string]json.RawMessage
		readJSON(t, filepath.Join(gold, "plan.json"), &plans)
		var meta struct {
			vanban.Meta
			TitleStart string `json:"title_starts_with"`
		}
		json.Unmarshal(plans["ke-hoach-58-kh-ubnd-2026"], &meta)
		meta.Meta.Title = meta.TitleStart
		text, _ := os.ReadFile(filepath.Join(shared, "seed", "000_4d82e5c661ccd206.txt"))
		goldDoc = vanban.Document{
			ID: 1, File: "ke-hoach-58-kh-ubnd-2026.docx", Format: "docx",
			Meta: meta.Meta, Rows: rows, Text: string(text),
		}
	})
	if len(goldDoc.Rows) == 0 {
		t.Fatal("gold rows not loaded")
	}
	d := goldDoc
	return &d
}
