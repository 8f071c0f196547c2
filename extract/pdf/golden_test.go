package pdf

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares the whole reading of fixture PDFs, blocks and
// geometry, with golden JSON files (go test -run Golden -update rewrites
// them; review the diff).
func TestGolden(t *testing.T) {
	for _, rel := range []string{
		"corpus/bao-cao-1876-bc-bql-2026.pdf",
		"corpus/ke-hoach-58-kh-ubnd-2026.pdf",
	} {
		name := strings.TrimSuffix(filepath.Base(rel), ".pdf")
		t.Run(name, func(t *testing.T) {
			doc, err := Read(sharedtest.Read(t, rel))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(doc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("reading differs from %s; run with -update and review the diff", path)
			}
		})
	}
}

// TestReportParagraphs checks the report PDF's paragraphs: header in two
// columns, title centred, body lines, signature block.
func TestReportParagraphs(t *testing.T) {
	doc, err := Read(sharedtest.Read(t, "corpus/bao-cao-1876-bc-bql-2026.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 2 || len(tables(doc)) != 0 {
		t.Fatalf("pages %d tables %d", doc.Pages, len(tables(doc)))
	}
	byText := map[string]int{}
	for i, b := range doc.Blocks {
		byText[b.Para.Text] = i
	}
	checks := []struct {
		text           string
		bold, center   bool
		leftOf, before string // another paragraph on the same line to its right; one below it
	}{
		{text: "ỦY BAN NHÂN DÂN", center: false, leftOf: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"},
		{text: "Số: 1876/BC-BQL", before: "BÁO CÁO"},
		{text: "BÁO CÁO", bold: true, center: true, before: "2. Khó khăn, vướng mắc"},
		{text: "Kết quả thực hiện nhiệm vụ khoa học, công nghệ và đổi mới sáng tạo năm 2026", bold: true, center: true},
		{text: "Nơi nhận:", leftOf: "KT. TRƯỞNG BAN"},
		{text: "Trần Thị B", bold: true},
	}
	for _, c := range checks {
		i, ok := byText[c.text]
		if !ok {
			t.Errorf("no paragraph %q", c.text)
			continue
		}
		p := doc.Blocks[i].Para
		if p.Bold != c.bold || p.Center != c.center {
			t.Errorf("%q: bold %v center %v", c.text, p.Bold, p.Center)
		}
		if c.leftOf != "" {
			j := byText[c.leftOf]
			if j != i+1 || doc.Blocks[j].Para.X <= p.Right {
				t.Errorf("%q should stand left of %q", c.text, c.leftOf)
			}
		}
		if c.before != "" && byText[c.before] <= i {
			t.Errorf("%q should come before %q", c.text, c.before)
		}
	}
	if doc.Blocks[len(doc.Blocks)-1].Page != 2 {
		t.Errorf("last block not on page 2")
	}
}
