package normalize

import (
	"encoding/json"
	"testing"

	"vanban"
)

// goldPlan is the context of the seed plan: dated 20/3/2026, period
// 2026-2030, yearly reports due 15/12.
var goldPlan = PlanContext{Year: 2026, PeriodStart: 2026, PeriodEnd: 2030, AnnualReportDue: "12-15"}

// TestTimeframeGold checks all cells of gold/timeframes.json exactly.
func TestTimeframeGold(t *testing.T) {
	gold := readGold(t, "timeframes.json")
	if len(gold) != 25 {
		t.Errorf("gold has %d cells, want 25", len(gold))
	}
	for cell, raw := range gold {
		var want []vanban.Milestone
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%q: %v", cell, err)
		}
		got, ok := Timeframe(cell, goldPlan)
		if !ok {
			t.Errorf("Timeframe(%q) not understood", cell)
		}
		if g, w := milestonesJSON(t, got), milestonesJSON(t, want); g != w {
			t.Errorf("Timeframe(%q)\n got %s\nwant %s", cell, g, w)
		}
	}
}

func milestonesJSON(t testing.TB, ms []vanban.Milestone) string {
	t.Helper()
	if ms == nil {
		ms = []vanban.Milestone{}
	}
	b, err := json.Marshal(ms)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
