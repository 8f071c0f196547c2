package main

import (
	"encoding/json"
	"strings"
	"testing"

	"vanban"
	"vanban/app"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
)

func TestUnitsListsEveryUnitWithCounts(t *testing.T) {
	plan := goldPlan58(t)
	odd := &vanban.Document{File: "cong-van.docx", Format: "docx", Meta: vanban.Meta{DocType: vanban.TypeLetter, Title: "Triển khai"},
		Rows: []vanban.Task{{STT: "1", Task: "Rà soát", Lead: "Trung tâm Dữ liệu mới",
			LeadParties: []vanban.Party{{Name: "Trung tâm Dữ liệu mới", Kind: vanban.KindUnit}}}}}
	dir := crosscheckStore(t, plan, odd)

	var all []app.UnitRow
	runUnitsJSON(t, &all, "--data", dir, "--json")
	byName := map[string]app.UnitRow{}
	for _, u := range all {
		byName[u.Name] = u
	}
	stc := byName["Sở Tài chính"]
	if stc.Lead != 2 || stc.Coordinate != 3 || !stc.Known {
		t.Errorf("Sở Tài chính = %+v, want lead 2, coordinate 3, known", stc)
	}
	if u, ok := byName["Trung tâm Dữ liệu mới"]; !ok || u.Known || u.Lead != 1 {
		t.Errorf("unknown unit = %+v (listed %v), want lead 1, not known", u, ok)
	}

	var unknown []app.UnitRow
	runUnitsJSON(t, &unknown, "--data", dir, "--json", "--unknown")
	if len(unknown) != 1 || unknown[0].Name != "Trung tâm Dữ liệu mới" {
		t.Errorf("--unknown = %+v, want only the unit the alias table lacks", unknown)
	}

	text := mustRun(t, "units", "--data", dir)
	if !strings.Contains(text, "Sở Khoa học và Công nghệ") || !strings.Contains(text, app.AliasFile) {
		t.Errorf("text listing:\n%s", text)
	}
}

func goldPlan58(t *testing.T) *vanban.Document {
	return crosschecktest.Plan(t, sharedtest.Dir(t))
}

func runUnitsJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	out := mustRun(t, append([]string{"units"}, args...)...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("units %v: %v\n%s", args, err, out)
	}
}
