package ocr

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDump prints what OCR reads from an image: OCRDUMP=page.pgm (or
// .jpg, .png, .tif) go test ./extract/ocr -run Dump -v
func TestDump(t *testing.T) {
	path := os.Getenv("OCRDUMP")
	if path == "" {
		t.Skip("OCRDUMP not set")
	}
	var err error
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, _ := os.ReadFile(path)
	g, dpi, err := Decode(data)
	if strings.HasSuffix(path, ".pgm") {
		g, err = DecodePGM(f)
		dpi = 300
	}
	if err != nil {
		t.Fatal(err)
	}
	p, err := New().Page(context.Background(), g, dpi)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%.0f×%.0f pt, dpi %.0f, skew %.2f, conf %.3f, %d words, %d h, %d v rulings\n",
		p.W, p.H, p.DPI, p.Skew, p.Conf, len(p.Words), len(p.HRules), len(p.VRules))
	for _, h := range p.HRules {
		fmt.Printf("H y=%.1f %.1f..%.1f\n", h.Y, h.X0, h.X1)
	}
	for _, v := range p.VRules {
		fmt.Printf("V x=%.1f %.1f..%.1f\n", v.X, v.Y0, v.Y1)
	}
	line := -1
	for _, w := range p.Words {
		if w.Line != line {
			fmt.Printf("\n[%d y=%.1f s=%.1f] ", w.Line, w.Baseline, w.Size)
			line = w.Line
		}
		b := ""
		if w.Bold {
			b = "*"
		}
		fmt.Printf("%s%s(%.0f) ", w.Text, b, w.Conf*100)
	}
	fmt.Println()
}
