package extract

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"vanban"
	"vanban/internal/sharedtest"
)

func extractShared(t testing.TB, rel string) *vanban.Document {
	t.Helper()
	doc, err := File(context.Background(), sharedtest.Path(t, rel))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return doc
}

// goldRow is one row of gold/rows.json.
type goldRow struct {
	Section        vanban.Section `json:"section"`
	STT            string         `json:"stt"`
	Task           string         `json:"task"`
	ExpectedOutput string         `json:"expected_output"`
	Lead           string         `json:"lead"`
	Coordinators   string         `json:"coordinators"`
	Timeframe      string         `json:"timeframe"`
	Note           string         `json:"note"`
}

func TestPlanRowsMatchGold(t *testing.T) {
	var gold []goldRow
	sharedtest.ReadGold(t, "rows.json", &gold)
	for _, file := range []string{
		"corpus/ke-hoach-58-kh-ubnd-2026.docx",
		"corpus/ke-hoach-58-kh-ubnd-2026.pdf",
		"corpus/du-thao-ke-hoach-khcn.docx",
	} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc := extractShared(t, file)
			if len(doc.Rows) != len(gold) {
				t.Errorf("%d rows, want %d", len(doc.Rows), len(gold))
			}
			for i := 0; i < len(gold) && i < len(doc.Rows); i++ {
				r, g := doc.Rows[i], gold[i]
				got := goldRow{r.Section, r.STT, r.Task, r.ExpectedOutput, r.Lead, r.Coordinators, r.Timeframe, r.Note}
				if got != g {
					t.Errorf("row %d (%s):\n got  %+v\n want %+v", i, g.STT, got, g)
				}
			}
		})
	}
}

func TestDOCXAndPDFGiveSameRows(t *testing.T) {
	d := extractShared(t, "corpus/ke-hoach-58-kh-ubnd-2026.docx")
	p := extractShared(t, "corpus/ke-hoach-58-kh-ubnd-2026.pdf")
	if len(d.Rows) != len(p.Rows) {
		t.Fatalf("docx %d rows, pdf %d", len(d.Rows), len(p.Rows))
	}
	for i := range d.Rows {
		a, b := d.Rows[i], p.Rows[i]
		if a.STT != b.STT || a.Task != b.Task || a.ExpectedOutput != b.ExpectedOutput || a.Lead != b.Lead ||
			a.Coordinators != b.Coordinators || a.Timeframe != b.Timeframe || a.Note != b.Note || a.Section != b.Section {
			t.Errorf("row %s differs:\n docx %+v\n pdf  %+v", a.STT, a, b)
		}
	}
}

// goldPlan is one entry of gold/plan.json.
type goldPlan struct {
	DocType         string   `json:"doc_type"`
	Number          *string  `json:"number"`
	Symbol          string   `json:"symbol"`
	Reference       string   `json:"reference"`
	Issuer          string   `json:"issuer"`
	Place           string   `json:"place"`
	Date            *string  `json:"date"`
	TitleStartsWith string   `json:"title_starts_with"`
	Signer          string   `json:"signer"`
	SignerTitle     string   `json:"signer_title"`
	Replaces        []string `json:"replaces"`
	AppendixRows    int      `json:"appendix_rows"`
	Sections        int      `json:"appendix_sections"`
}

func TestPlanMetadataMatchesGold(t *testing.T) {
	var gold map[string]json.RawMessage
	sharedtest.ReadGold(t, "plan.json", &gold)
	files := map[string][]string{
		"ke-hoach-58-kh-ubnd-2026": {"corpus/ke-hoach-58-kh-ubnd-2026.docx", "corpus/ke-hoach-58-kh-ubnd-2026.pdf"},
		"du-thao-ke-hoach-khcn":    {"corpus/du-thao-ke-hoach-khcn.docx"},
	}
	for key, paths := range files {
		var g goldPlan
		if err := json.Unmarshal(gold[key], &g); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			t.Run(filepath.Base(p), func(t *testing.T) {
				checkMeta(t, extractShared(t, p), g)
			})
		}
	}
}

func checkMeta(t *testing.T, doc *vanban.Document, g goldPlan) {
	t.Helper()
	m := doc.Meta
	want := func(field, got, want string) {
		if got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	want("doc_type", m.DocType, g.DocType)
	want("number", m.Number, deref(g.Number))
	want("symbol", m.Symbol, g.Symbol)
	want("reference", m.Reference, g.Reference)
	want("issuer", m.Issuer, g.Issuer)
	want("place", m.Place, g.Place)
	want("date", m.Date.String(), deref(g.Date))
	want("signer", m.Signer, g.Signer)
	want("signer_title", m.SignerTitle, g.SignerTitle)
	if len(m.Title) < len(g.TitleStartsWith) || m.Title[:len(g.TitleStartsWith)] != g.TitleStartsWith {
		t.Errorf("title = %q, want it to start with %q", m.Title, g.TitleStartsWith)
	}
	if g.Replaces != nil && !equalStrings(m.Replaces, g.Replaces) {
		t.Errorf("replaces = %q, want %q", m.Replaces, g.Replaces)
	}
	if len(doc.Rows) != g.AppendixRows {
		t.Errorf("%d appendix rows, want %d", len(doc.Rows), g.AppendixRows)
	}
	if n := countSections(doc.Rows); n != g.Sections {
		t.Errorf("%d sections, want %d", n, g.Sections)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func countSections(rows []vanban.Task) int {
	seen := map[vanban.Section]bool{}
	for _, r := range rows {
		seen[r.Section] = true
	}
	return len(seen)
}
