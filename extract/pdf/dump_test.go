package pdf

import (
	"fmt"
	"os"
	"testing"
)

// TestDump prints the reading of the PDF named by $PDFDUMP, block by
// block, for a person debugging a file:
//
//	PDFDUMP=file.pdf go test ./extract/pdf -run Dump -v
func TestDump(t *testing.T) {
	path := os.Getenv("PDFDUMP")
	if path == "" {
		t.Skip("set PDFDUMP to a PDF file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if p := b.Para; p != nil {
			fmt.Printf("p%d %6.1f-%6.1f %4.1f bold=%-5v center=%-5v| %s\n", b.Page, p.X, p.Right, p.Size, p.Bold, p.Center, p.Text)
			continue
		}
		tb := b.Table
		fmt.Printf("p%d TABLE cols=%d rows=%d ruled=%v\n", b.Page, tb.Cols, len(tb.Rows), tb.Ruled)
		for i, r := range tb.Rows {
			fmt.Printf("  row %d header=%v %s\n", i, r.Header, rowString(r))
		}
	}
	fmt.Println("warnings:", doc.Warnings)
}
