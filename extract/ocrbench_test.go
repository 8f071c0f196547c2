package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"vanban/internal/sharedtest"
)

// TestOCRBench prints the figures of bench/ocr.sh: plan 58 scanned at
// several resolutions and degradations, read back, compared with gold.
// OCRBENCH=1 go test ./extract -run OCRBench -v (OCRBENCH=300 for one).
func TestOCRBench(t *testing.T) {
	only := os.Getenv("OCRBENCH")
	if only == "" {
		t.Skip("OCRBENCH not set")
	}
	needScanTools(t, "img2pdf", "convert")
	var gold []goldRow
	src := sharedtest.Path(t, "corpus", "ke-hoach-58-kh-ubnd-2026.pdf")
	sharedtest.ReadGold(t, "rows.json", &gold)
	for _, v := range []struct {
		name    string
		dpi     int
		degrade []string // ImageMagick options applied to each page
	}{
		{"300", 300, nil}, {"200", 200, nil}, {"150", 150, nil},
		{"300-rot1", 300, []string{"-background", "white", "-rotate", "1"}},
		{"300-blur", 300, []string{"-blur", "0x1.2"}},
		{"300-noise-q50", 300, []string{"-attenuate", "0.4", "+noise", "Gaussian", "-quality", "50"}},
	} {
		if only != "1" && only != v.name {
			continue
		}
		dir := t.TempDir()
		root := filepath.Join(dir, "page")
		run(t, "pdftoppm", "-r", itoa(v.dpi), "-gray", "-jpeg", "-jpegopt", "quality=85", src, root)
		pages, _ := filepath.Glob(root + "-*.jpg")
		sort.Strings(pages)
		if v.degrade != nil {
			for _, p := range pages {
				run(t, "convert", append(append([]string{p}, v.degrade...), p)...)
			}
		}
		scan := filepath.Join(dir, "scan.pdf")
		run(t, "img2pdf", append([]string{"-o", scan}, pages...)...)
		start := time.Now()
		doc, err := File(context.Background(), scan)
		el := time.Since(start)
		if err != nil {
			fmt.Printf("%-14s error %v\n", v.name, err)
			continue
		}
		exact, worst, sum, n := 0, 0.0, 0.0, 0
		for i, g := range gold {
			if i >= len(doc.Rows) {
				break
			}
			r := asGold(doc.Rows[i])
			if r == g {
				exact++
			}
			e := cer(rowText(g), rowText(r))
			worst = max(worst, e)
			sum += e
			n++
		}
		fmt.Printf("%-14s rows %2d/%d exact %2d  mean row CER %.4f  worst %.4f  %.1f s  %.2f s/page  %.2f pages/s\n",
			v.name, len(doc.Rows), len(gold), exact, sum/float64(max(n, 1)), worst, el.Seconds(),
			el.Seconds()/float64(doc.Pages), float64(doc.Pages)/el.Seconds())
	}
}
