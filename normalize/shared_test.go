package normalize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// moduleRoot finds the module root by walking up from the working
// directory to go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
}

// sharedDir is ../shared next to the module root.
func sharedDir(t testing.TB) string {
	t.Helper()
	s := filepath.Join(filepath.Dir(moduleRoot(t)), "shared")
	if _, err := os.Stat(s); err != nil {
		t.Skipf("no shared folder at %s", s)
	}
	return s
}

// readGold decodes a gold file into v, leaving out its _doc key.
func readGold(t testing.TB, name string) map[string]json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "gold", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	delete(m, "_doc")
	return m
}

// readGoldArray returns a gold file that holds a JSON array.
func readGoldArray(t testing.TB, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "gold", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
