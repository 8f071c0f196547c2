// Command stores compares the two store back ends in one run: ingest
// throughput (files per second through the ingest pipeline, one node and
// two nodes writing one PostgreSQL store at once), search latency on a
// node's index (p50, p99), and for PostgreSQL the change-log delay: from
// a document committed on node A to its being found by a search on node
// B, which follows the change log woken by NOTIFY (p50, p99, max).
// bench/stores.sh starts a throwaway PostgreSQL and runs it.
//
// The files are distinct documents made from the corpus plan
// (ingesttest.Variant); extraction is the tests' fake reader unless
// -real, so that the figures are the store's, not the extractor's.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"sync"
	"time"

	"vanban/app"
	"vanban/extract"
	"vanban/ingest"
	"vanban/ingest/ingesttest"
	"vanban/internal/sharedtest"
)

func main() {
	extract.ServeWorker()
	pg := flag.String("pg", os.Getenv("VANBAN_TEST_POSTGRES"), "an empty PostgreSQL database postgres://…")
	n := flag.Int("n", 200, "files to ingest per back end")
	workers := flag.Int("workers", 2, "files read at once per node")
	delays := flag.Int("delays", 50, "documents timed from node A to a search on node B")
	real := flag.Bool("real", false, "use the real extractor instead of the fake one")
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(*pg, *n, *workers, *delays, *real); err != nil {
		fmt.Fprintln(os.Stderr, "stores:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(pg string, n, workers, delays int, real bool) error {
	shared, err := sharedtest.Find()
	if err != nil {
		return err
	}
	docx, err := os.ReadFile(filepath.Join(shared, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"))
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "vanban-stores-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	files, err := makeFiles(filepath.Join(tmp, "in"), docx, 0, n+delays+n)
	if err != nil {
		return err
	}
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	fmt.Printf("load average before: %s\n", loadavg())
	sq, err := app.Open(ctx, app.Config{Data: filepath.Join(tmp, "sqlite"), Create: true, Index: app.WithIndex})
	if err != nil {
		return err
	}
	defer sq.Close()
	report("sqlite, 1 node", ingestAll([]*app.App{sq}, files[:n], workers, real))
	searchLatency("sqlite", sq)
	if pg == "" {
		fmt.Println("no PostgreSQL (-pg or VANBAN_TEST_POSTGRES): SQLite only")
		return nil
	}
	a, err := app.Open(ctx, app.Config{Data: filepath.Join(tmp, "pg-a"), Store: pg, Create: true, Index: app.ServeIndex})
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := app.Open(ctx, app.Config{Data: filepath.Join(tmp, "pg-b"), Store: pg, Create: true, Index: app.ServeIndex, Log: logger})
	if err != nil {
		return err
	}
	defer b.Close()
	report("postgres, 1 node", ingestAll([]*app.App{a}, files[:n], workers, real))
	searchLatency("postgres", a)
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go b.Follow(fctx, 10*time.Second) // slow ticker: NOTIFY wakes it
	// B's first catch-up indexes what A stored so far; the delay is
	// timed once B is in step.
	if _, err := found(b, files[n-1], 5*time.Minute); err != nil {
		return err
	}
	changeDelay(a, b, files[n:n+delays], real)
	report("postgres, 2 nodes", ingestAll([]*app.App{a, b}, files[n+delays:], workers, real))
	fmt.Printf("load average after: %s\n", loadavg())
	return nil
}

type file struct {
	path string
	num  int // its document number: a search finds it by "N/KH-UBND"
}

func makeFiles(dir string, docx []byte, from, n int) ([]file, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []file
	for i := from; i < from+n; i++ {
		data, err := ingesttest.Variant(docx, 5000+i)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, fmt.Sprintf("kh-%05d.docx", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		out = append(out, file{p, 5000 + i})
	}
	return out, nil
}

func pipeline(a *app.App, real bool) *ingest.Pipeline {
	p := a.Pipeline()
	if !real {
		p.Extract = ingesttest.Fake
	}
	return p
}

type result struct {
	files   int
	elapsed time.Duration
	errs    int
}

// ingestAll ingests files through the nodes' pipelines, the files dealt
// out among the nodes, workers at once on each.
func ingestAll(nodes []*app.App, files []file, workers int, real bool) result {
	ch := make(chan file)
	var wg sync.WaitGroup
	var mu sync.Mutex
	errs := 0
	start := time.Now()
	for _, a := range nodes {
		p := pipeline(a, real)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for f := range ch {
					if r := p.File(context.Background(), f.path); r.Outcome != ingest.Stored {
						mu.Lock()
						errs++
						mu.Unlock()
					}
				}
			}()
		}
	}
	for _, f := range files {
		ch <- f
	}
	close(ch)
	wg.Wait()
	return result{len(files), time.Since(start), errs}
}

func report(what string, r result) {
	fmt.Printf("ingest %-18s %4d files in %6.1f s: %5.1f files/s (%d not stored)\n",
		what, r.files, r.elapsed.Seconds(), float64(r.files)/r.elapsed.Seconds(), r.errs)
}

// searchLatency runs a mix of queries 20 times each.
func searchLatency(what string, a *app.App) {
	queries := []string{"khởi nghiệp", "đổi mới sáng tạo", "Sở Khoa học và Công nghệ", "chuyển đổi số", "5003/KH-UBND"}
	var took []time.Duration
	for i := 0; i < 20; i++ {
		for _, q := range queries {
			start := time.Now()
			if _, err := a.Search(context.Background(), app.SearchRequest{Query: q, Limit: 10}); err != nil {
				fmt.Println("search:", err)
				return
			}
			took = append(took, time.Since(start))
		}
	}
	p50, p99, _ := percentiles(took)
	fmt.Printf("search %-18s %4d queries: p50 %v, p99 %v\n", what, len(took), p50, p99)
}

// changeDelay stores each file on node A and times until node B's search
// finds it.
func changeDelay(a, b *app.App, files []file, real bool) {
	p := pipeline(a, real)
	var took []time.Duration
	for _, f := range files {
		if r := p.File(context.Background(), f.path); r.Outcome != ingest.Stored {
			fmt.Println("store on A:", r.Message, r.Err)
			return
		}
		d, err := found(b, f, 30*time.Second)
		if err != nil {
			fmt.Println("change-log delay:", err)
			return
		}
		if d > 2*time.Second {
			fmt.Fprintf(os.Stderr, "change-log delay of document %d of %d: %v\n", len(took)+1, len(files), d.Round(time.Millisecond))
		}
		took = append(took, d)
	}
	p50, p99, worst := percentiles(took)
	fmt.Printf("change-log delay (stored on A → found on B) over %d documents: p50 %v, p99 %v, max %v\n", len(took), p50, p99, worst)
}

// found waits until a search on node a finds file f, and says how long
// that took.
func found(a *app.App, f file, within time.Duration) (time.Duration, error) {
	start := time.Now()
	q := fmt.Sprintf("%d/KH-UBND", f.num)
	for {
		res, err := a.Search(context.Background(), app.SearchRequest{Query: q, Limit: 1})
		if err == nil && res.Total > 0 {
			return time.Since(start), nil
		}
		if time.Since(start) > within {
			return 0, fmt.Errorf("%s not found after %v: %v", q, within, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func percentiles(d []time.Duration) (p50, p99, worst time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	at := func(q float64) time.Duration {
		return d[min(len(d)-1, int(q*float64(len(d))))].Round(100 * time.Microsecond)
	}
	return at(0.50), at(0.99), d[len(d)-1].Round(100 * time.Microsecond)
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return string(b[:len(b)-1])
}
