package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"vanban"
	"vanban/internal/sharedtest"
)

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
	shared := sharedtest.Dir(t)
	goldOnce.Do(func() {
		gold := filepath.Join(shared, "gold")
		var rows []vanban.Task
		sharedtest.ReadJSON(t, filepath.Join(gold, "rows.json"), &rows)
		var parties map[string]json.RawMessage
		sharedtest.ReadJSON(t, filepath.Join(gold, "agencies.json"), &parties)
		var times map[string]json.RawMessage
		sharedtest.ReadJSON(t, filepath.Join(gold, "timeframes.json"), &times)
		for i := range rows {
			r := &rows[i]
			json.Unmarshal(parties[r.Lead], &r.LeadParties)
			json.Unmarshal(parties[r.Coordinators], &r.CoordinatorParties)
			json.Unmarshal(times[r.Timeframe], &r.Milestones)
		}
		var plans map[string]json.RawMessage
		sharedtest.ReadJSON(t, filepath.Join(gold, "plan.json"), &plans)
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
