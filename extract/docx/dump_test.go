package docx

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDump(t *testing.T) {
	path := os.Getenv("DOCX_DUMP")
	if path == "" {
		t.Skip()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range doc.Blocks {
		if b.Para != nil {
			fmt.Printf("%d P b=%v c=%v s=%v %q\n", i, b.Para.Bold, b.Para.Center, b.Para.Size, b.Para.Text)
			continue
		}
		tb := b.Table
		fmt.Printf("%d T cols=%d rows=%d ruled=%v\n", i, tb.Cols, len(tb.Rows), tb.Ruled)
		for ri, r := range tb.Rows {
			var cs []string
			for _, c := range r.Cells {
				s := fmt.Sprintf("[%d+%d%s%s %q]", c.Col, c.Span, map[bool]string{true: " cont"}[c.Continued], map[bool]string{true: " B"}[c.Bold], strings.Join(c.Lines, " | "))
				if len(c.Nested) > 0 {
					s += fmt.Sprintf("{nested %d}", len(c.Nested))
				}
				cs = append(cs, s)
			}
			fmt.Printf("   r%d h=%v %s\n", ri, r.Header, strings.Join(cs, " "))
		}
	}
	fmt.Println("warnings:", doc.Warnings)
}
