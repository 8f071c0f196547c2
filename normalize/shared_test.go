package normalize

import (
	"encoding/json"
	"testing"

	"vanban/internal/sharedtest"
)

// readGold returns a gold file that holds a JSON object, keyed by cell,
// leaving out its _doc key.
func readGold(t testing.TB, name string) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	sharedtest.ReadGold(t, name, &m)
	delete(m, "_doc")
	return m
}

// readGoldArray returns a gold file that holds a JSON array.
func readGoldArray(t testing.TB, name string) json.RawMessage {
	t.Helper()
	return sharedtest.Read(t, "gold/"+name)
}
