package pdf

import (
	"encoding/json"
	"strings"
	"testing"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

// goldRow is one row of shared/gold/rows.json.
type goldRow struct {
	Section struct {
		Numeral string `json:"numeral"`
		Title   string `json:"title"`
	} `json:"section"`
	STT            string `json:"stt"`
	Task           string `json:"task"`
	ExpectedOutput string `json:"expected_output"`
	Lead           string `json:"lead"`
	Coordinators   string `json:"coordinators"`
	Timeframe      string `json:"timeframe"`
	Note           string `json:"note"`
}

func (g goldRow) cells() []string {
	return []string{g.STT, g.Task, g.ExpectedOutput, g.Lead, g.Coordinators, g.Timeframe, g.Note}
}

func tables(d *layout.Doc) []*layout.Table {
	var out []*layout.Table
	for _, b := range d.Blocks {
		if b.Table != nil {
			out = append(out, b.Table)
		}
	}
	return out
}

// TestPlan58Gold reads the printed plan 58: one ruled table of 79 rows
// (header, 10 section rows, 68 task rows), every task cell equal to the
// gold reading once its lines are joined.
func TestPlan58Gold(t *testing.T) {
	doc, err := Read(sharedtest.Read(t, "corpus/ke-hoach-58-kh-ubnd-2026.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 20 || doc.Format != "pdf" {
		t.Errorf("pages %d format %q", doc.Pages, doc.Format)
	}
	var gold []goldRow
	if err := json.Unmarshal(sharedtest.Read(t, "gold/rows.json"), &gold); err != nil {
		t.Fatal(err)
	}
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	tb := ts[0]
	if tb.Cols != 7 || !tb.Ruled || len(tb.Rows) != 79 {
		t.Fatalf("table cols %d ruled %v rows %d, want 7 true 79", tb.Cols, tb.Ruled, len(tb.Rows))
	}
	if !tb.Rows[0].Header || tb.Rows[1].Header {
		t.Errorf("header flags: %v %v", tb.Rows[0].Header, tb.Rows[1].Header)
	}
	var tasks, sections []layout.Row
	for _, r := range tb.Rows[1:] {
		switch len(r.Cells) {
		case 1:
			sections = append(sections, r)
		case 7:
			tasks = append(tasks, r)
		default:
			t.Errorf("row of %d cells: %v", len(r.Cells), r)
		}
	}
	if len(tasks) != len(gold) || len(sections) != 10 {
		t.Fatalf("%d task rows, %d section rows; want %d, 10", len(tasks), len(sections), len(gold))
	}
	lastSection := ""
	si := -1
	for i, g := range gold {
		if g.Section.Numeral != lastSection {
			lastSection = g.Section.Numeral
			si++
			s := sections[si].Cells[0]
			if s.Span != 7 || !strings.HasPrefix(s.Text(), g.Section.Numeral+".") ||
				!strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(s.Text(), g.Section.Numeral+".")), g.Section.Title) {
				t.Errorf("section %s: got %q, want %q", g.Section.Numeral, s.Text(), g.Section.Title)
			}
		}
		for c, want := range g.cells() {
			if got := tasks[i].Cells[c].Text(); got != want {
				t.Errorf("row %s col %d:\n got %q\nwant %q", g.STT, c, got, want)
			}
		}
	}
}
