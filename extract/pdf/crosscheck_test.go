package pdf

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
	"vanban/vntext"
)

// fixturePDFs lists the PDFs of the shared material.
func fixturePDFs(t testing.TB) []string {
	s := sharedtest.Dir(t)
	var out []string
	for _, d := range []string{"corpus", "real/docs", "real/rendered"} {
		m, _ := filepath.Glob(filepath.Join(s, d, "*.pdf"))
		out = append(out, m...)
	}
	// Variants qpdf made of the report: pages rotated by /Rotate 90,
	// objects packed in object streams.
	out = append(out, "testdata/rotated-90.pdf", "testdata/objstm.pdf")
	sort.Strings(out)
	return out
}

// docWords returns the words of everything a Doc holds.
func docWords(d *layout.Doc) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Para != nil {
			out = append(out, strings.Fields(b.Para.Text)...)
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				if !c.Continued {
					for _, l := range c.Lines {
						out = append(out, strings.Fields(l)...)
					}
				}
			}
		}
	}
	return out
}

// diffWords returns the words of a not in b and of b not in a, as multisets.
func diffWords(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	for _, w := range b {
		count[w]--
	}
	for w, n := range count {
		for ; n > 0; n-- {
			onlyA = append(onlyA, w)
		}
		for ; n < 0; n++ {
			onlyB = append(onlyB, w)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return onlyA, onlyB
}

func pdftotextWords(t *testing.T, path string) []string {
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Fields(vntext.Text(string(out)))
}

// comparable trims the punctuation that layout glues to words or splits
// off (rules of dashes or dots, a comma after a table cell) and drops
// words of punctuation only.
func comparable(words []string) []string {
	var out []string
	for _, w := range words {
		w = strings.Trim(w, "-.…_,;:·")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// TestWordsMatchPdftotext compares the multiset of words read from every
// shared PDF with poppler's pdftotext. What may differ is listed in
// allowedDiff with the reason.
func TestWordsMatchPdftotext(t *testing.T) {
	sharedtest.Program(t, "pdftotext", "poppler-utils")
	for _, path := range fixturePDFs(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, dropped, err := read(data, Options{})
			if errors.Is(err, layout.ErrNoText) {
				return // scans: checked in TestErrors
			}
			want := pdftotextWords(t, path)
			if errors.Is(err, layout.ErrMisencoded) {
				// pdftotext reads the same layer: it must agree it is
				// garbage, not Vietnamese.
				if n := implausible(want); n*10 < len(want) {
					t.Errorf("read as mis-encoded, but only %d of pdftotext's %d words are not Vietnamese", n, len(want))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			words := docWords(doc)
			for _, d := range dropped {
				words = append(words, strings.Fields(d)...)
			}
			mine, theirs := diffWords(comparable(words), comparable(want))
			if len(mine)+len(theirs) > 0 {
				t.Errorf("%d words: only mine %d %q\nonly pdftotext %d %q", len(want), len(mine), head(mine), len(theirs), head(theirs))
			}
		})
	}
}

// implausible counts the words holding a letter Vietnamese text does not
// use (Cyrillic, most of Latin Extended-A and -B): what a text layer
// whose glyphs are mapped to wrong code points reads as.
func implausible(words []string) int {
	n := 0
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) && !vietnameseLetter(r) {
				n++
				break
			}
		}
	}
	return n
}

func vietnameseLetter(r rune) bool {
	switch {
	case r < 0x80, r >= 0x1EA0 && r <= 0x1EF9:
		return true
	case r >= 0xC0 && r <= 0xFD:
		return strings.ContainsRune("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý", r)
	}
	return strings.ContainsRune("ĂăĐđĨĩŨũƠơƯư", r)
}

func head(s []string) []string {
	if len(s) > 40 {
		return s[:40]
	}
	return s
}
