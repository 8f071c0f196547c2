package normalize

import (
	"encoding/json"
	"testing"

	"vanban"
)

// TestPartiesGold checks every cell of gold/agencies.json: each named unit
// exactly (name and kind, in order) and each group present by name.
func TestPartiesGold(t *testing.T) {
	for cell, raw := range readGold(t, "agencies.json") {
		var want []vanban.Party
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%q: %v", cell, err)
		}
		got := Parties(cell, nil)
		if unitsOf(got) != unitsOf(want) {
			t.Errorf("Parties(%q) units\n got %s\nwant %s", cell, unitsOf(got), unitsOf(want))
		}
		if groupsOf(got) != groupsOf(want) {
			t.Errorf("Parties(%q) groups\n got %s\nwant %s", cell, groupsOf(got), groupsOf(want))
		}
	}
}

func unitsOf(ps []vanban.Party) string  { return namesOf(ps, vanban.KindUnit) }
func groupsOf(ps []vanban.Party) string { return namesOf(ps, vanban.KindGroup) }

func namesOf(ps []vanban.Party, kind vanban.PartyKind) string {
	s := ""
	for _, p := range ps {
		if p.Kind == kind {
			s += "[" + p.Name + "]"
		}
	}
	return s
}
