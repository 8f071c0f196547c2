package web

import (
	"os"
	"testing"

	"vanban/extract"
)

// TestMain lets this test binary serve as the extraction worker that the
// pool starts, for the tests over the real application.
func TestMain(m *testing.M) {
	extract.ServeWorker()
	os.Exit(m.Run())
}
