// Package pgtest gives tests an empty PostgreSQL store: a schema of its
// own in the server that $VANBAN_TEST_POSTGRES names (bash .ci/postgres
// start sets one up). Tests skip without it, except in CI, where a
// missing server is a failure.
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// Env names the test server.
const Env = "VANBAN_TEST_POSTGRES"

// Server returns the test server's address, skipping the test when there
// is none outside CI.
func Server(t testing.TB) string {
	t.Helper()
	u := os.Getenv(Env)
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatal(Env + " is not set in CI (.ci/run starts a server with bash .ci/postgres start)")
		}
		t.Skip("no PostgreSQL: set " + Env + " (eval \"$(bash .ci/postgres start)\")")
	}
	return u
}

var n atomic.Int64

// URL creates an empty schema for the test, dropped when it ends, and
// returns an address whose connections use it: tests share one server
// and run side by side.
func URL(t testing.TB) string {
	t.Helper()
	base := Server(t)
	name := fmt.Sprintf("t%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, n.Add(1))
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// name is made here of digits and letters: no quoting needed.
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			db.Exec(`DROP SCHEMA ` + name + ` CASCADE`)
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
