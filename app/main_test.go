package app

import (
	"os"
	"testing"

	"vanban/extract"
)

// TestMain lets this test binary serve as the extraction worker that the
// pool starts (the real binary does so in main).
// It also serves as a node of a shared store that a test kills
// (TestKillNodeMidBurst).
func TestMain(m *testing.M) {
	extract.ServeWorker()
	if dir := os.Getenv(nodeChildEnv); dir != "" {
		os.Exit(nodeChild(dir))
	}
	os.Exit(m.Run())
}
