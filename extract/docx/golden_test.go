package docx

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares whole readings with testdata/*.golden.json; run
// with -update after a deliberate change and review the diff.
func TestGolden(t *testing.T) {
	tests := []struct{ file, golden string }{
		{plan58, "ke-hoach-58-kh-ubnd-2026.golden.json"},
		{report, "bao-cao-412-bc-stc-2026.golden.json"},
		{cchc30, "ke-hoach-cchc-2026-2030.golden.json"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got, err := json.MarshalIndent(readDoc(t, tt.file), "", " ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the reading; run go test -update and review the diff", path)
			}
		})
	}
}
