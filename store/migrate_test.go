package store

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// openChildEnv makes this test binary, started by TestMigrationRace,
// open a store and exit instead of running the tests.
const openChildEnv = "VANBAN_STORE_OPEN_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(openChildEnv); dir != "" {
		db, err := Open(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		db.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestMigrationRace: ten processes creating the same new data folder at
// once all open it, and the schema is made once.
func TestMigrationRace(t *testing.T) {
	for trial := 0; trial < 3; trial++ {
		dir := filepath.Join(t.TempDir(), "data")
		var wg sync.WaitGroup
		errs := make(chan string, 10)
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), openChildEnv+"="+dir)
				if out, err := cmd.CombinedOutput(); err != nil {
					errs <- fmt.Sprintf("%v: %s", err, out)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Errorf("trial %d: a process failed to open the new store: %s", trial, e)
		}
		db, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		var v int
		db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v)
		db.Close()
		if v != SchemaVersion() {
			t.Errorf("trial %d: schema version %d, want %d", trial, v, SchemaVersion())
		}
	}
}
