package crosscheck_test

import (
	"testing"

	"vanban/crosscheck"
)

// expectSource maps expect.json's sources to crosscheck's.
var expectSource = map[string]crosscheck.StatusSource{
	"progress column": crosscheck.SourceColumn, "result text": crosscheck.SourceResultText, "prose": crosscheck.SourceProse,
}

// Every status of the cross-check says where it was read: of each
// expected task matched, the source must be the one expect.json gives.
func TestReportsStatusSource(t *testing.T) {
	fx := loadReportFixtures(t)
	checked := 0
	for _, rep := range fx.expect.Reports {
		if rep.Plan == "" {
			continue
		}
		for _, f := range rep.Files {
			doc := fx.docs[f]
			if doc == nil {
				continue
			}
			plan := fx.plans[rep.Plan]
			r := fx.check(plan, doc)
			if reportInfo(r, doc) == nil {
				continue
			}
			keys := crosscheck.TaskKeys(plan)
			for _, et := range rep.Tasks {
				row, err := resolveTask(plan, et.Task, rep.Unit)
				if err != nil {
					continue
				}
				for _, m := range reportMatches(r, doc) {
					if m.Accepted && m.Task == keys[row] {
						checked++
						if want := expectSource[et.Source]; m.Source != want {
							t.Errorf("%s: task %s: status read from %s, want %s", f, et.Task, m.Source, want)
						}
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no matched task to check")
	}
}
