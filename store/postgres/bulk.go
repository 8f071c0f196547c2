package postgres

import "strings"

// bulk gathers the rows of a document's tables and inserts each table's
// in a few multi-row INSERTs: a plan's rows are hundreds of small
// inserts, and each is a round trip to the server (SQLite's are calls
// into the library). Tables are flushed in the order first added, so a
// row comes after the rows it points at (tasks before their parties).
type bulk struct {
	order []string           // "table (columns)", in first-use order
	rows  map[string][][]any // by the same key
}

// maxParams bounds one statement's parameters (PostgreSQL takes 65535).
const maxParams = 30000

func (b *bulk) add(into string, vals ...any) {
	if b.rows == nil {
		b.rows = map[string][][]any{}
	}
	if _, ok := b.rows[into]; !ok {
		b.order = append(b.order, into)
	}
	b.rows[into] = append(b.rows[into], vals)
}

func (b *bulk) flush(w *writer) error {
	for _, into := range b.order {
		rows := b.rows[into]
		per := max(1, maxParams/len(rows[0]))
		for start := 0; start < len(rows); start += per {
			chunk := rows[start:min(start+per, len(rows))]
			if err := insertChunk(w, into, chunk); err != nil {
				return err
			}
		}
	}
	return nil
}

func insertChunk(w *writer, into string, rows [][]any) error {
	one := "(?" + strings.Repeat(", ?", len(rows[0])-1) + ")"
	var q strings.Builder
	q.WriteString("INSERT INTO " + into + " VALUES ")
	args := make([]any, 0, len(rows)*len(rows[0]))
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(one)
		args = append(args, r...)
	}
	_, err := w.exec(q.String(), args...)
	return err
}
