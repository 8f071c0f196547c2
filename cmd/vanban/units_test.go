package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
)

func TestUnitsListsEveryUnitWithCounts(t *testing.T) {
	plan := goldPlan58(t)
	odd := &vanban.Document{File: "cong-van.docx", Format: "docx", Meta: vanban.Meta{DocType: vanban.TypeLetter, Title: "Triển khai"},
		Rows: []vanban.Task{{STT: "1", Task: "Rà soát", Lead: "Trung tâm Dữ liệu mới",
			LeadParties: []vanban.Party{{Name: "Trung tâm Dữ liệu mới", Kind: vanban.KindUnit}}}}}
	dir := crosscheckStore(t, plan, odd)

	var all []unitRow
	runUnitsJSON(t, &all, "--data", dir, "--json")
	byName := map[string]unitRow{}
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

	var unknown []unitRow
	runUnitsJSON(t, &unknown, "--data", dir, "--json", "--unknown")
	if len(unknown) != 1 || unknown[0].Name != "Trung tâm Dữ liệu mới" {
		t.Errorf("--unknown = %+v, want only the unit the alias table lacks", unknown)
	}

	var text bytes.Buffer
	if err := unitsMain(context.Background(), []string{"--data", dir}, &text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "Sở Khoa học và Công nghệ") || !strings.Contains(text.String(), aliasFile) {
		t.Errorf("text listing:\n%s", text.String())
	}
}

func goldPlan58(t *testing.T) *vanban.Document {
	return crosschecktest.Plan(t, sharedtest.Dir(t))
}

func runUnitsJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	var out bytes.Buffer
	if err := unitsMain(context.Background(), args, &out); err != nil {
		t.Fatalf("units %v: %v", args, err)
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		t.Fatalf("units %v: %v\n%s", args, err, out.String())
	}
}
