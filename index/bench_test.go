package index

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vanban"
	"vanban/normalize"
)

// The search benchmark: BenchmarkSearch100k indexes 100,000 task rows
// generated from plan 58's rows (VANBAN_BENCH_ROWS changes the number),
// then runs a mix of word, phrase, folded, filtered and faceted queries.
// Built with -tags sqlite_fts5 it runs the same rows and queries on
// SQLite FTS5 and prints the ratios (bench_fts5_test.go). Run it with
// bench/search.sh.

// benchQuery is one query of the mix, in vanban's syntax and as FTS5
// runs it: a MATCH expression and the filters as columns.
type benchQuery struct {
	kind  string // word, phrase, folded, filtered, faceted
	q     string
	match string // FTS5 MATCH expression; "" for a filter-only query
	lead  string // FTS5 filters
	due   string // due before, ISO
	year  string
}

var benchQueries = []benchQuery{
	{kind: "word", q: "khởi nghiệp", match: "khởi nghiệp"},
	{kind: "word", q: "quỹ đầu tư mạo hiểm", match: "quỹ đầu tư mạo hiểm"},
	{kind: "word", q: "an ninh mạng", match: "an ninh mạng"},
	{kind: "word", q: "tài sản trí tuệ", match: "tài sản trí tuệ"},
	{kind: "word", q: "công nghệ", match: "công nghệ"},
	{kind: "word", q: "Techfest", match: "Techfest"},
	{kind: "phrase", q: `"chuyển đổi số"`, match: `"chuyển đổi số"`},
	{kind: "phrase", q: `"đổi mới sáng tạo"`, match: `"đổi mới sáng tạo"`},
	{kind: "phrase", q: `"sở hữu trí tuệ"`, match: `"sở hữu trí tuệ"`},
	{kind: "phrase", q: `"trung tâm dữ liệu"`, match: `"trung tâm dữ liệu"`},
	{kind: "phrase", q: `"chuyển giao công nghệ"`, match: `"chuyển giao công nghệ"`},
	{kind: "phrase", q: `"hội nhập quốc tế"`, match: `"hội nhập quốc tế"`},
	{kind: "folded", q: "khoi nghiep", match: "khoi nghiep"},
	{kind: "folded", q: "quy dau tu mao hiem", match: "quy dau tu mao hiem"},
	{kind: "folded", q: "chuyen doi so", match: "chuyen doi so"},
	{kind: "folded", q: "so huu tri tue", match: "so huu tri tue"},
	{kind: "folded", q: "trung tam du lieu", match: "trung tam du lieu"},
	{kind: "folded", q: "hop tac quoc te", match: "hop tac quoc te"},
	{kind: "filtered", q: `khởi nghiệp chu-tri:"Sở Tài chính"`, match: "khởi nghiệp", lead: "Sở Tài chính"},
	{kind: "filtered", q: `chuyển đổi số han<2027-01-01`, match: "chuyển đổi số", due: "2027-01-01"},
	{kind: "filtered", q: `chu-tri:"Sở Nội vụ" han<2026-07-01`, lead: "Sở Nội vụ", due: "2026-07-01"},
	{kind: "filtered", q: `công nghệ nam:2026`, match: "công nghệ", year: "2026"},
	{kind: "filtered", q: `đào tạo chu-tri:"Sở Y tế" nam:2025`, match: "đào tạo", lead: "Sở Y tế", year: "2025"},
	{kind: "filtered", q: `han<2025-03-01`, due: "2025-03-01"},
	{kind: "faceted", q: "khởi nghiệp", match: "khởi nghiệp"},
	{kind: "faceted", q: "chuyển đổi số", match: "chuyển đổi số"},
	{kind: "faceted", q: "công nghệ", match: "công nghệ"},
	{kind: "faceted", q: "báo cáo kết quả", match: "báo cáo kết quả"},
	{kind: "faceted", q: "doanh nghiệp", match: "doanh nghiệp"},
	{kind: "faceted", q: "hợp tác quốc tế", match: "hợp tác quốc tế"},
	// Questions read as a unit and role or a period (intent.go); FTS5
	// gets them as the filters they mean.
	{kind: "unit", q: "nhiệm vụ của Sở Tài chính", lead: "Sở Tài chính"},
	{kind: "unit", q: "Sở Nội vụ chủ trì", lead: "Sở Nội vụ"},
	{kind: "unit", q: "khởi nghiệp Sở Khoa học và Công nghệ", match: "khởi nghiệp", lead: "Sở Khoa học và Công nghệ"},
	{kind: "period", q: "quý 2 năm 2026", due: "2026-07-01"},
	{kind: "period", q: "đến hạn tháng 9/2026", due: "2026-10-01"},
	{kind: "period", q: "chuyển đổi số năm 2027", match: "chuyển đổi số", due: "2028-01-01"},
}

var benchKinds = []string{"word", "phrase", "folded", "filtered", "faceted", "unit", "period"}

func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("VANBAN_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// genDocs makes documents of 70 rows each, n rows in all, from the gold
// rows: words swapped for other words of the corpus, clauses shuffled,
// units, deadlines and recurrences drawn at random, references, years
// and issuers varied. The same seed gives the same documents.
func genDocs(base *vanban.Document, n int) []*vanban.Document {
	rng := rand.New(rand.NewPCG(58, 2026))
	var vocab []string
	for _, r := range base.Rows {
		vocab = append(vocab, strings.Fields(r.Task)...)
	}
	units := normalize.DefaultAliases().Units()
	issuers := []string{"Ủy ban nhân dân thành phố Hải Phòng", "Ủy ban nhân dân tỉnh Lâm Đồng",
		"Ủy ban nhân dân tỉnh Quảng Ngãi", "Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh Nghệ An"}
	symbols := []string{"KH-UBND", "KH-SKHCN", "BC-UBND", "KH-STC", "QĐ-UBND"}
	var docs []*vanban.Document
	for id := 1; len(docs)*70 < n; id++ {
		year := 2023 + rng.IntN(5)
		sym := symbols[rng.IntN(len(symbols))]
		d := &vanban.Document{ID: int64(id), Meta: vanban.Meta{
			DocType: vanban.TypePlan, Number: strconv.Itoa(id), Symbol: sym,
			Reference: fmt.Sprintf("%d/%s", id, sym), Issuer: issuers[rng.IntN(len(issuers))],
			Date: vanban.D(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28)),
		}}
		if strings.HasPrefix(sym, "BC") {
			d.Meta.DocType = vanban.TypeReport
		}
		var text []string
		for i := 0; i < 70 && len(docs)*70+i < n; i++ {
			b := base.Rows[rng.IntN(len(base.Rows))]
			t := vanban.Task{Section: b.Section, STT: fmt.Sprintf("%d.%d", i/10+1, i%10+1),
				Task: vary(rng, b.Task, vocab), ExpectedOutput: vary(rng, b.ExpectedOutput, vocab)}
			lead := units[rng.IntN(len(units))]
			t.Lead, t.LeadParties = lead, []vanban.Party{{Name: lead, Kind: vanban.KindUnit}}
			for k := rng.IntN(3); k >= 0; k-- {
				u := units[rng.IntN(len(units))]
				t.CoordinatorParties = append(t.CoordinatorParties, vanban.Party{Name: u, Kind: vanban.KindUnit})
				t.Coordinators += u + "; "
			}
			t.Timeframe, t.Milestones = genTimeframe(rng, year)
			d.Rows = append(d.Rows, t)
			text = append(text, t.Task)
		}
		d.Meta.Title = "Kế hoạch " + vary(rng, base.Rows[rng.IntN(len(base.Rows))].Task, vocab)
		d.Text = strings.Join(text, "\n")
		docs = append(docs, d)
	}
	return docs
}

func vary(rng *rand.Rand, s string, vocab []string) string {
	clauses := strings.Split(s, ", ")
	rng.Shuffle(len(clauses), func(i, j int) { clauses[i], clauses[j] = clauses[j], clauses[i] })
	words := strings.Fields(strings.Join(clauses, ", "))
	for i := range words {
		if rng.Float64() < 0.15 {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
	}
	return strings.Join(words, " ")
}

func genTimeframe(rng *rand.Rand, year int) (string, []vanban.Milestone) {
	switch rng.IntN(4) {
	case 0:
		return "Thường xuyên", []vanban.Milestone{{Recurrence: vanban.Continuous}}
	case 1:
		return "Hằng năm", []vanban.Milestone{{Recurrence: vanban.Yearly, YearlyDue: "12-15"}}
	case 2:
		q := 1 + rng.IntN(4)
		due := vanban.DateOf(vanban.D(year, time.Month(3*q)+1, 1).Time().AddDate(0, 0, -1))
		return fmt.Sprintf("Trong quý %d năm %d", q, year), []vanban.Milestone{{Start: vanban.D(year, time.Month(3*q-2), 1), Due: due}}
	default:
		due := vanban.D(year+rng.IntN(3), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
		return "Trước ngày " + due.VN(), []vanban.Milestone{{Due: due}}
	}
}

// benchEnv is the index the benchmark searches, built once per process.
type benchEnv struct {
	docs      []*vanban.Document
	ix        *Index
	dir       string
	build     time.Duration // Put of every document, in batches
	compact   time.Duration // merging into one segment
	size      int64
	heapAfter uint64 // a serving process's live heap with the index open and searched
	rss       uint64 // and its resident memory
}

var (
	benchOnce sync.Once
	bench     benchEnv
)

// TestMain removes the benchmark's files unless VANBAN_BENCH_KEEP names
// a folder to keep them in (and reuse: the next run skips the build).
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" && os.Getenv("VANBAN_BENCH_KEEP") == "" {
		if bench.ix != nil {
			bench.ix.Close()
		}
		closeFTS5()
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

func setupBench(b *testing.B) *benchEnv {
	benchOnce.Do(func() {
		dir := os.Getenv("VANBAN_BENCH_KEEP")
		if dir != "" {
			dir = filepath.Join(dir, strconv.Itoa(benchRows()))
			if ix, err := Open(filepath.Join(dir, "index")); err == nil {
				if n, _ := ix.Count(); n > uint64(benchRows()) {
					bench = benchEnv{dir: dir, ix: ix, size: dirSize(filepath.Join(dir, "index"))}
					return
				}
				ix.Close()
			}
			os.RemoveAll(dir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
		} else {
			var err error
			if dir, err = os.MkdirTemp("", "vanban-bench-"); err != nil {
				b.Fatal(err)
			}
		}
		docs := genDocs(plan58(b), benchRows())
		bench = benchEnv{docs: docs, dir: dir}
		ix, err := Open(filepath.Join(dir, "index"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		batch := ix.NewBatch()
		for i, d := range docs {
			if err := batch.Put(d); err != nil {
				b.Fatal(err)
			}
			if (i+1)%syncBatchDocs == 0 {
				if err := batch.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := batch.Commit(); err != nil {
			b.Fatal(err)
		}
		bench.build = time.Since(start)
		start = time.Now()
		if err := ix.Compact(context.Background()); err != nil {
			b.Fatal(err)
		}
		bench.compact = time.Since(start)
		ix.Close()
		// The probe opens the index, which removes the files compaction
		// made obsolete: measure the size after it.
		bench.heapAfter, bench.rss = serveProbe(b, filepath.Join(dir, "index"))
		bench.size = dirSize(filepath.Join(dir, "index"))
		if bench.ix, err = Open(filepath.Join(dir, "index")); err != nil {
			b.Fatal(err)
		}
	})
	return &bench
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// latencies collects query times by kind.
type latencies map[string][]time.Duration

func (l latencies) add(kind string, d time.Duration) {
	l[kind] = append(l[kind], d)
	l["all"] = append(l["all"], d)
}

func (l latencies) pct(kind string, p float64) time.Duration {
	ds := append([]time.Duration(nil), l[kind]...)
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(float64(len(ds))*p))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func BenchmarkSearch100k(b *testing.B) {
	env := setupBench(b)
	ctx := context.Background()
	lat, cpu := latencies{}, latencies{}
	var hits uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range benchQueries {
			opts := Options{Limit: 20, FacetSize: -1}
			if q.kind == "faceted" {
				opts.FacetSize = 10
			}
			start, cpu0 := time.Now(), cpuTime()
			res, err := env.ix.Search(ctx, q.q, opts)
			if err != nil {
				b.Fatalf("%q: %v", q.q, err)
			}
			lat.add(q.kind, time.Since(start))
			cpu.add(q.kind, cpuTime()-cpu0)
			hits += res.Total
		}
	}
	b.StopTimer()
	b.ReportMetric(ms(lat.pct("all", 0.5)), "p50-ms")
	b.ReportMetric(ms(lat.pct("all", 0.99)), "p99-ms")
	b.ReportMetric(env.build.Seconds(), "build-s")
	b.ReportMetric(float64(env.size)/(1<<20), "disk-MiB")
	b.ReportMetric(float64(env.heapAfter)/(1<<20), "heap-MiB")
	fmt.Printf("\nvanban index: %d rows in %d documents; build %v + compaction %v; %.1f MiB on disk; "+
		"serving heap %.1f MiB, RSS %.1f MiB; %d queries\n",
		benchRows(), (benchRows()+69)/70, env.build.Round(time.Millisecond), env.compact.Round(time.Millisecond),
		float64(env.size)/(1<<20), float64(env.heapAfter)/(1<<20), float64(env.rss)/(1<<20), len(lat["all"]))
	// CPU time (all threads of the process) does not grow with the
	// load of other processes as wall time does: on a busy machine it is
	// the figure to compare.
	for _, k := range append(benchKinds, "all") {
		fmt.Printf("  %-9s p50 %7.2f ms  p99 %7.2f ms   cpu p50 %7.2f ms  p99 %7.2f ms\n", k,
			ms(lat.pct(k, 0.5)), ms(lat.pct(k, 0.99)), ms(cpu.pct(k, 0.5)), ms(cpu.pct(k, 0.99)))
	}
	compareFTS5(b, lat)
}

// cpuTime is the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// serveProbe measures the memory of a process that serves the index: it
// runs this test binary again (TestServeProbe), which opens the index,
// runs the query mix three times and reports its heap and RSS.
func serveProbe(b *testing.B, dir string) (heap, rss uint64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeProbe$")
	cmd.Env = append(os.Environ(), "VANBAN_BENCH_SERVE="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("serve probe: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "SERVE heap=%d rss=%d", &heap, &rss); err == nil {
			return heap, rss
		}
	}
	b.Fatalf("serve probe said:\n%s", out)
	return 0, 0
}

// TestServeProbe is the serving process of serveProbe; it does nothing
// in a normal test run.
func TestServeProbe(t *testing.T) {
	dir := os.Getenv("VANBAN_BENCH_SERVE")
	if dir == "" {
		t.Skip("run by BenchmarkSearch100k")
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for range 3 {
		for _, q := range benchQueries {
			if _, err := ix.Search(context.Background(), q.q, Options{Limit: 20}); err != nil {
				t.Fatal(err)
			}
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("SERVE heap=%d rss=%d\n", m.HeapAlloc, vmRSS())
}

// vmRSS is the process's resident memory, from /proc (0 elsewhere).
func vmRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkSearch100kClients runs the query mix from 1 and from 8
// concurrent clients, each query as the web's search page asks it (20
// hits, facets of 10), and prints the latency each client saw and the
// searches per second: what a serving node sustains.
func BenchmarkSearch100kClients(b *testing.B) {
	env := setupBench(b)
	for _, clients := range []int{1, 8} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			lat, n, elapsed := runClients(b, env.ix, clients, b.N)
			b.ReportMetric(ms(lat.pct("all", 0.5)), "p50-ms")
			b.ReportMetric(ms(lat.pct("all", 0.99)), "p99-ms")
			b.ReportMetric(float64(n)/elapsed.Seconds(), "searches/s")
			fmt.Printf("\n%d clients: %d searches in %v, %.1f searches/s, p50 %.1f ms, p99 %.1f ms\n",
				clients, n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(),
				ms(lat.pct("all", 0.5)), ms(lat.pct("all", 0.99)))
		})
	}
}

// runClients has clients goroutines share passes × the query mix and
// returns each search's latency, their number and the wall time.
func runClients(b *testing.B, ix *Index, clients, passes int) (latencies, int, time.Duration) {
	jobs := make(chan string)
	var mu sync.Mutex
	lat := latencies{}
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for q := range jobs {
				t0 := time.Now()
				if _, err := ix.Search(context.Background(), q, Options{Limit: 20, FacetSize: 10}); err != nil {
					b.Errorf("%q: %v", q, err)
				}
				d := time.Since(t0)
				mu.Lock()
				lat.add("all", d)
				mu.Unlock()
			}
		}()
	}
	n := 0
	for range passes {
		for _, q := range benchQueries {
			jobs <- q.q
			n++
		}
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	return lat, n, elapsed
}
