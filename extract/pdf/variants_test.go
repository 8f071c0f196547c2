package pdf

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"testing"

	"vanban/internal/sharedtest"
)

// TestVariants reads files that differ from the report PDF only in
// structure: each must give the report's paragraphs.
func TestVariants(t *testing.T) {
	orig := sharedtest.Read(t, "corpus/bao-cao-1876-bc-bql-2026.pdf")
	want, err := Read(orig)
	if err != nil {
		t.Fatal(err)
	}
	load := func(name string) []byte {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	// Offsets all wrong: junk after the header shifts every object.
	shifted := append([]byte("%PDF-1.4\n%junk inserted by a careless tool................\n"), orig[9:]...)
	// A trailer /Size smaller than the table, as pdfunite writes.
	small := regexp.MustCompile(`/Size \d+`).ReplaceAll(bytes.Clone(orig), []byte("/Size 5"))
	cases := []struct {
		name string
		data []byte
	}{
		{"rotated 90 (qpdf)", load("rotated-90.pdf")},
		{"object streams (qpdf)", load("objstm.pdf")},
		{"offsets shifted", shifted},
		{"trailer size too small", small},
		{"junk before the header", append([]byte("Content-Type: application/pdf\r\n\r\n"), orig...)},
		{"junk after EOF", append(bytes.Clone(orig), "\n<html>signature page</html>\n"...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Read(c.data)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := paras(got), paras(want); !slices.Equal(g, w) {
				t.Errorf("paragraphs differ:\n got %q\nwant %q", g, w)
			}
		})
	}
}
