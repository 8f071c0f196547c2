package normalize

import (
	"encoding/json"
	"testing"

	"vanban"
)

// TestTargetsGold checks every row listed in gold/targets.json exactly,
// reading the row's expected-output cell from gold/rows.json.
func TestTargetsGold(t *testing.T) {
	cells := map[string]string{}
	var rows []vanban.Task
	raw := readGoldArray(t, "rows.json")
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		cells[r.STT] = r.ExpectedOutput
	}
	for stt, raw := range readGold(t, "targets.json") {
		cell, ok := cells[stt]
		if !ok {
			t.Errorf("row %s not in rows.json", stt)
			continue
		}
		var want []vanban.Target
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if g, w := targetsJSON(t, Targets(cell)), targetsJSON(t, want); g != w {
			t.Errorf("Targets(%s: %q)\n got %s\nwant %s", stt, cell, g, w)
		}
	}
}

func targetsJSON(t testing.TB, ts []vanban.Target) string {
	t.Helper()
	if ts == nil {
		ts = []vanban.Target{}
	}
	b, err := json.Marshal(ts)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
