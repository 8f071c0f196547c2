package app

import (
	"os"
	"testing"

	"vanban/extract"
)

// TestMain lets this test binary serve as the extraction worker that the
// pool starts (the real binary does so in main).
func TestMain(m *testing.M) {
	extract.ServeWorker()
	os.Exit(m.Run())
}
