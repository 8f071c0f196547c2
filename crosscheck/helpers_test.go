package crosscheck

import (
	"testing"

	"vanban"
	"vanban/crosscheck/crosschecktest"
)

func sharedDir(t testing.TB) string { t.Helper(); return crosschecktest.SharedDir(t) }

func readJSON(t testing.TB, path string, v any) { t.Helper(); crosschecktest.ReadJSON(t, path, v) }

func goldPlan(t testing.TB) *vanban.Document {
	t.Helper()
	return crosschecktest.Plan(t, sharedDir(t))
}

func reportSTC() *vanban.Document { return crosschecktest.ReportSTC() }
func reportBQL() *vanban.Document { return crosschecktest.ReportBQL() }
