package crosscheck

import (
	"testing"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
)

func goldPlan(t testing.TB) *vanban.Document {
	t.Helper()
	return crosschecktest.Plan(t, sharedtest.Dir(t))
}

func reportSTC() *vanban.Document { return crosschecktest.ReportSTC() }
func reportBQL() *vanban.Document { return crosschecktest.ReportBQL() }
