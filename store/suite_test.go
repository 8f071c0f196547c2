package store_test

import (
	"path/filepath"
	"testing"

	"vanban/store"
	"vanban/store/storetest"
)

// TestSuite runs the store suite shared with the other back ends.
func TestSuite(t *testing.T) {
	storetest.Run(t, func(t testing.TB) storetest.Store {
		db, err := store.Open(filepath.Join(t.TempDir(), "data"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
