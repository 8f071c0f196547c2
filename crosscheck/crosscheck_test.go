package crosscheck

import (
	"bytes"
	"testing"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
)

var asOf = vanban.D(2026, 12, 31)

// checkGold compares r's JSON output with gold crosscheck.json.
func checkGold(t *testing.T, r *Result) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	crosschecktest.CompareGold(t, sharedtest.Dir(t), buf.Bytes())
}

func TestGoldHandInputs(t *testing.T) {
	plan := goldPlan(t)
	r := Check(Input{Plan: plan, Reports: []*vanban.Document{reportSTC(), reportBQL()}, AsOf: asOf})
	checkGold(t, r)
	if n := len(r.Review()); n != 0 {
		t.Errorf("%d matches wait for review, want 0: %+v", n, r.Review())
	}
	for _, mt := range r.Matches {
		t.Logf("%s %q → %s by %s conf %.3f sim %.3f %s", mt.Report, prefix(mt.ItemText, 40), mt.Task, mt.By, mt.Score, mt.Sim, mt.Status)
	}
}

func TestWriteTextGold(t *testing.T) {
	r := Check(Input{Plan: goldPlan(t), Reports: []*vanban.Document{reportSTC(), reportBQL()}, AsOf: asOf})
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
}
