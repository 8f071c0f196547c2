package store

import (
	"context"
	"testing"

	"vanban"
)

// TestCorrections: corrections are kept in order with who and when, an
// undo keeps the row and says who undid it, LiveCorrections sees only
// live document-level ones, and each change gives the document a new
// revision and a change-log entry.
func TestCorrections(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	res := mustStore(t, db, incoming(t, db, t.TempDir(), "plan.docx", "plan"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 3))
	rev := func() string { return mustVersions(t, db)[res.DocID] }
	r0 := rev()
	c1, err := db.AddCorrection(ctx, Correction{DocID: res.DocID, Field: "date", Old: "20/03/2026", New: "21/03/2026", Author: "A"})
	if err != nil {
		t.Fatal(err)
	}
	r1 := rev()
	if _, err := db.AddCorrection(ctx, Correction{DocID: res.DocID, Row: "I|1", Field: "lead", Old: "X", New: "Y", Author: "B"}); err != nil {
		t.Fatal(err)
	}
	if r1 == r0 || rev() == r1 {
		t.Errorf("revisions %s, %s, %s: a correction must change the document's", r0, r1, rev())
	}
	if err := db.UndoCorrection(ctx, c1, "C"); err != nil {
		t.Fatal(err)
	}
	if err := db.UndoCorrection(ctx, c1, "D"); err != nil {
		t.Errorf("undoing twice: %v", err)
	}
	cs, err := db.Corrections(ctx, res.DocID)
	if err != nil || len(cs) != 2 {
		t.Fatalf("corrections %+v, %v", cs, err)
	}
	if cs[0].Live() || cs[0].UndoneBy != "C" || cs[0].At.IsZero() || !cs[1].Live() || cs[1].Row != "I|1" || cs[1].Author != "B" {
		t.Errorf("corrections %+v", cs)
	}
	if live, err := db.LiveCorrections(ctx, "date"); err != nil || len(live) != 0 {
		t.Errorf("live date corrections after undo: %v, %v", live, err)
	}
	if err := db.UndoCorrection(ctx, 999, "E"); err == nil {
		t.Error("undoing a correction that does not exist succeeds")
	}
	changes, err := db.Changes(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range changes {
		if c.DocID == res.DocID {
			n++
		}
	}
	if n < 4 { // stored, two corrections, one undo
		t.Errorf("%d change-log entries for the document, want at least 4", n)
	}
}

func mustVersions(t *testing.T, db *DB) map[int64]string {
	t.Helper()
	v, err := db.DocumentVersions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}
