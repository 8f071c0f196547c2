package postgres

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// The queries are written with "?" placeholders, as in package store, so
// that the two back ends' SQL reads alike and a change ports line by
// line; pdb and tx number them for PostgreSQL ($1, $2, …) and clean the
// arguments. No query has a "?" inside a literal.

// rebind turns "?" placeholders into "$n".
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// clean makes text arguments storable: PostgreSQL's text holds neither
// NUL nor invalid UTF-8, which SQLite accepted (a PDF's text layer may
// hold both), and a bool becomes 0 or 1 for the INTEGER columns that
// SQLite's schema used for flags.
func clean(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			if strings.IndexByte(v, 0) >= 0 {
				v = strings.ReplaceAll(v, "\x00", "")
			}
			out[i] = strings.ToValidUTF8(v, "\uFFFD")
		case bool:
			if v {
				out[i] = int64(1)
			} else {
				out[i] = int64(0)
			}
		default:
			out[i] = a
		}
	}
	return out
}

// pdb is the database with rebinding.
type pdb struct{ *sql.DB }

func (d *pdb) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return d.DB.QueryContext(ctx, rebind(q), clean(args)...)
}

func (d *pdb) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return d.DB.QueryRowContext(ctx, rebind(q), clean(args)...)
}

func (d *pdb) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return d.DB.ExecContext(ctx, rebind(q), clean(args)...)
}

// tx is a transaction with rebinding.
type tx struct{ *sql.Tx }

func (t *tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, rebind(q), clean(args)...)
}

func (t *tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, rebind(q), clean(args)...)
}

func (t *tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, rebind(q), clean(args)...)
}
