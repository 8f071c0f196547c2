package extract_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"vanban"
	"vanban/extract"
	"vanban/internal/docgen"
)

// TestShapes writes the fixture's tasks as plans of many shapes (see
// shapes_gen_test.go), as DOCX and as PDF, and checks that every shape
// reads back to the same rows. Shape numbers are seeds: shape N is the
// same document on every run. A failing shape is reported with its seed
// and a one-line description; -shapes.seed N runs that one shape alone
// and -shapes.dump DIR writes its files and readings for inspection:
//
//	go test ./extract -run TestShapes -shapes.seed 57 -shapes.dump /tmp/shapes -v
var (
	shapesN    = flag.Int("shapes.n", 0, "number of generated shapes (default 240, 60 with -short)")
	shapesSeed = flag.Int("shapes.seed", -1, "run only the generated shape with this seed")
	shapesAll  = flag.Bool("shapes.all", false, "print every failing shape, not only the first 40")
	shapesDump = flag.String("shapes.dump", "", "write failing shapes' (or the -shapes.seed shape's) DOCX, PDF and readings (got/want JSON) to this folder")
)

// maxShapeErrors caps the failures printed one by one (-shapes.all lifts it).
const maxShapeErrors = 40

// tally counts passes per feature: single-feature shapes and all shapes,
// each format apart.
type tally map[string]*[2][2][2]int // feature → single/all → format → {pass, total}

var formats = []string{"docx", "pdf"}

func TestShapes(t *testing.T) {
	if err := docgen.FontsAvailable(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	seeds := shapeSeeds()
	counts := tally{}
	failures, metaFailures := 0, 0
	for _, seed := range seeds {
		s := newShape(seed)
		doc, want := s.build()
		for fi, format := range formats {
			data, err := render(doc, format)
			if err != nil {
				t.Fatalf("%v: writing %s: %v", s, format, err)
			}
			got, err := extract.Bytes(context.Background(), fmt.Sprintf("shape-%d.%s", seed, format), data)
			diff := ""
			if err != nil {
				diff = "extract: " + err.Error()
			} else {
				diff = diffRows(got.Rows, want)
			}
			counts.add(s, fi, diff == "")
			if diff != "" {
				failures++
				if failures <= maxShapeErrors || *shapesAll {
					t.Errorf("%s %v\n\t%s", format, s, diff)
				}
			}
			if diff != "" || *shapesSeed >= 0 {
				dump(t, s, format, data, got, want)
			}
			if err == nil {
				if d := diffMeta(got.Meta, s.expectMeta()); d != "" {
					metaFailures++
					if metaFailures <= 10 {
						t.Errorf("%s %v\n\tmetadata: %s", format, s, d)
					}
				}
			}
		}
	}
	if failures > maxShapeErrors && !*shapesAll {
		t.Errorf("… and %d more failing shapes", failures-maxShapeErrors)
	}
	t.Logf("%d shapes × %d formats: %d readings differ from the rows written, %d metadata readings differ\n%s",
		len(seeds), len(formats), failures, metaFailures, counts)
}

// shapeSeeds returns the shapes to run.
func shapeSeeds() []int {
	if *shapesSeed >= 0 {
		return []int{*shapesSeed}
	}
	n := *shapesN
	if n <= 0 {
		n = 240
		if testing.Short() {
			n = 60
		}
	}
	seeds := make([]int, n)
	for i := range seeds {
		seeds[i] = i
	}
	return seeds
}

func render(doc docgen.Document, format string) ([]byte, error) {
	if format == "pdf" {
		return doc.PDF()
	}
	return doc.DOCX()
}

// fold folds white space as the readers do.
func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// diffRows describes how got differs from want, compactly: the row
// counts, then the first rows that differ, field by field.
func diffRows(got, want []vanban.Task) string {
	var out []string
	if len(got) != len(want) {
		out = append(out, fmt.Sprintf("%d rows, want %d", len(got), len(want)))
	}
	shown := 0
	for i := 0; i < len(got) && i < len(want) && shown < 3; i++ {
		if d := diffTask(got[i], want[i]); d != "" {
			out = append(out, fmt.Sprintf("row %d (want %s/%s): %s", i+1, want[i].Section.Numeral, want[i].STT, d))
			shown++
		}
	}
	return strings.Join(out, "; ")
}

// diffTask names the fields of got that differ from want.
func diffTask(got, want vanban.Task) string {
	fields := []struct{ name, got, want string }{
		{"section.numeral", got.Section.Numeral, want.Section.Numeral},
		{"section.title", got.Section.Title, want.Section.Title},
		{"stt", got.STT, want.STT},
		{"task", got.Task, want.Task},
		{"expected_output", got.ExpectedOutput, want.ExpectedOutput},
		{"lead", got.Lead, want.Lead},
		{"coordinators", got.Coordinators, want.Coordinators},
		{"timeframe", got.Timeframe, want.Timeframe},
		{"note", got.Note, want.Note},
	}
	var out []string
	for _, f := range fields {
		if fold(f.got) != fold(f.want) {
			out = append(out, fmt.Sprintf("%s %q want %q", f.name, clip(f.got), clip(f.want)))
		}
	}
	return strings.Join(out, ", ")
}

// clip shortens long cell texts in messages.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// diffMeta compares the frame's fields: type, reference, issuer, date.
func diffMeta(got, want vanban.Meta) string {
	var out []string
	if got.DocType != want.DocType {
		out = append(out, fmt.Sprintf("doc_type %q want %q", got.DocType, want.DocType))
	}
	if got.Reference != want.Reference {
		out = append(out, fmt.Sprintf("reference %q want %q", got.Reference, want.Reference))
	}
	if got.Issuer != want.Issuer {
		out = append(out, fmt.Sprintf("issuer %q want %q", got.Issuer, want.Issuer))
	}
	if got.Date != want.Date {
		out = append(out, fmt.Sprintf("date %v want %v", got.Date, want.Date))
	}
	return strings.Join(out, ", ")
}

func (c tally) add(s *shape, format int, pass bool) {
	for _, f := range append(s.features(), "all") {
		if c[f] == nil {
			c[f] = &[2][2][2]int{}
		}
		kinds := []int{1}
		if s.single != "" {
			kinds = append(kinds, 0)
		}
		for _, k := range kinds {
			c[f][k][format][1]++
			if pass {
				c[f][k][format][0]++
			}
		}
	}
}

// String writes the counts as a table, one feature a line: passes among
// the shapes that add only that feature to the baseline, and among all
// shapes that have it.
func (c tally) String() string {
	names := make([]string, 0, len(c))
	for f := range c {
		names = append(names, f)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %14s %14s %14s %14s\n", "feature", "alone: docx", "alone: pdf", "any: docx", "any: pdf")
	for _, f := range names {
		v := c[f]
		cell := func(k, format int) string {
			if v[k][format][1] == 0 {
				return "-"
			}
			return fmt.Sprintf("%d/%d", v[k][format][0], v[k][format][1])
		}
		fmt.Fprintf(&b, "%-18s %14s %14s %14s %14s\n", f, cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1))
	}
	return b.String()
}

// dump writes a failing shape's file and readings when -shapes.dump is set.
func dump(t *testing.T, s *shape, format string, data []byte, got *vanban.Document, want []vanban.Task) {
	if *shapesDump == "" {
		return
	}
	// dump is called for failing shapes, and for a shape run alone.
	base := filepath.Join(*shapesDump, fmt.Sprintf("shape-%d", s.seed))
	if err := os.MkdirAll(*shapesDump, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, v any) {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(base+"."+format, data, 0o644); err != nil {
		t.Fatal(err)
	}
	write(base+".want.json", want)
	if got != nil {
		write(base+"."+format+".got.json", got.Rows)
	}
	if err := os.WriteFile(base+".txt", []byte(s.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
