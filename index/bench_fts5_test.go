//go:build sqlite_fts5

package index

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// The same rows and queries on SQLite FTS5 (unicode61 remove_diacritics
// 2): text in an FTS5 table, filters and facets in a plain table joined
// on rowid. FTS5 cannot fold đ to d, so folded queries with đ find less
// there.

type ftsEnv struct {
	db    *sql.DB
	build time.Duration
	size  int64
}

var (
	ftsOnce sync.Once
	fts     ftsEnv
)

const ftsSchema = `
CREATE TABLE rows (id INTEGER PRIMARY KEY, ref TEXT, type TEXT, year TEXT, lead TEXT, recur TEXT, due_min TEXT);
CREATE INDEX rows_lead ON rows (lead, due_min);
CREATE INDEX rows_due ON rows (due_min);
CREATE INDEX rows_year ON rows (year);
CREATE VIRTUAL TABLE fts USING fts5(task, output, lead, coord, sec, tokenize = 'unicode61 remove_diacritics 2');
`

func setupFTS5(b *testing.B) *ftsEnv {
	ftsOnce.Do(func() {
		docs := genDocs(plan58(b), benchRows())
		path := filepath.Join(bench.dir, "fts.db")
		db, err := sql.Open("sqlite3", path+"?_journal_mode=WAL&_synchronous=NORMAL")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(ftsSchema); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		id := 0
		for i := 0; i < len(docs); i += syncBatchDocs {
			tx, err := db.Begin()
			if err != nil {
				b.Fatal(err)
			}
			for _, d := range docs[i:min(i+syncBatchDocs, len(docs))] {
				horizon := planSpan(d)
				for _, t := range d.Rows {
					id++
					due := ""
					if ds := dueDates(t.Milestones, horizon); len(ds) > 0 {
						due = ds[0].String()
					}
					recur := strings.Join(recurrences(t.Milestones), " ")
					if _, err := tx.Exec(`INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)`, id, d.Meta.Reference, d.Meta.DocType,
						fmt.Sprint(d.Meta.Date.Year), t.Lead, recur, due); err != nil {
						b.Fatal(err)
					}
					if _, err := tx.Exec(`INSERT INTO fts (rowid, task, output, lead, coord, sec) VALUES (?, ?, ?, ?, ?, ?)`,
						id, t.Task, t.ExpectedOutput, t.Lead, t.Coordinators, t.Section.Title+" "+t.Timeframe); err != nil {
						b.Fatal(err)
					}
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		fts.build = time.Since(start)
		db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		fi, _ := os.Stat(path)
		fts = ftsEnv{db: db, build: fts.build, size: fi.Size()}
	})
	return &fts
}

func closeFTS5() {
	if fts.db != nil {
		fts.db.Close()
	}
}

// ftsQuery runs q the way an FTS5-based search would: the top 20 by
// bm25, and for a faceted query the total and five GROUP BY counts.
func ftsQuery(db *sql.DB, q benchQuery) error {
	var where []string
	var args []any
	from := "rows r"
	order := "r.due_min"
	if q.match != "" {
		from = "fts f JOIN rows r ON r.id = f.rowid"
		where = append(where, "fts MATCH ?")
		args = append(args, q.match)
		order = "f.rank"
	}
	if q.lead != "" {
		where, args = append(where, "r.lead = ?"), append(args, q.lead)
	}
	if q.due != "" {
		where, args = append(where, "r.due_min < ?", "r.due_min <> ''"), append(args, q.due)
	}
	if q.year != "" {
		where, args = append(where, "r.year = ?"), append(args, q.year)
	}
	cond := strings.Join(where, " AND ")
	if err := drain(db.Query(`SELECT r.id FROM `+from+` WHERE `+cond+` ORDER BY `+order+` LIMIT 20`, args...)); err != nil {
		return err
	}
	if q.kind != "faceted" {
		return nil
	}
	if err := drain(db.Query(`SELECT count(*) FROM `+from+` WHERE `+cond, args...)); err != nil {
		return err
	}
	for _, col := range []string{"lead", "ref", "type", "year", "recur"} {
		if err := drain(db.Query(`SELECT r.`+col+`, count(*) FROM `+from+` WHERE `+cond+
			` GROUP BY r.`+col+` ORDER BY 2 DESC LIMIT 10`, args...)); err != nil {
			return err
		}
	}
	return nil
}

func drain(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func compareFTS5(b *testing.B, ours latencies) {
	env := setupFTS5(b)
	lat, cpu := latencies{}, latencies{}
	passes := len(ours["all"]) / len(benchQueries)
	for i := 0; i < max(passes, 1); i++ {
		for _, q := range benchQueries {
			start, cpu0 := time.Now(), cpuTime()
			if err := ftsQuery(env.db, q); err != nil {
				b.Fatalf("fts5 %q: %v", q.q, err)
			}
			lat.add(q.kind, time.Since(start))
			cpu.add(q.kind, cpuTime()-cpu0)
		}
	}
	fmt.Printf("SQLite FTS5: build %v; %.1f MiB on disk (ratio vanban/FTS5: build %.2f, size %.2f)\n",
		env.build.Round(time.Millisecond), float64(env.size)/(1<<20),
		float64(bench.build+bench.compact)/float64(env.build), float64(bench.size)/float64(env.size))
	for _, k := range append(benchKinds, "all") {
		p50, p99 := lat.pct(k, 0.5), lat.pct(k, 0.99)
		fmt.Printf("  %-9s p50 %7.2f ms  p99 %7.2f ms   vanban/FTS5 p50 %5.2f  p99 %5.2f   cpu p50 %7.2f ms  p99 %7.2f ms\n", k, ms(p50), ms(p99),
			ratio(ours.pct(k, 0.5), p50), ratio(ours.pct(k, 0.99), p99), ms(cpu.pct(k, 0.5)), ms(cpu.pct(k, 0.99)))
	}
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
