// Command burst drops a burst of documents into a folder that `vanban
// watch` watches and measures how the watcher copes: files per second,
// the time from a file's close to its rows being in the store (p50, p99,
// max), and the watcher's memory through the burst. bench/watch.sh runs
// it; see there.
//
// The files are distinct documents made from the corpus plan (its number
// and first paragraph changed), arriving at once, slowly in chunks or
// renamed into place, some in new subfolders, plus bad and temporary
// files, as ingesttest.Burst makes them.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"vanban/ingest/ingesttest"
	"vanban/internal/sharedtest"
	"vanban/store"
)

func main() {
	dir := flag.String("dir", "", "the watched folder")
	data := flag.String("data", "", "the watcher's data folder")
	n := flag.Int("n", 1000, "good documents in the burst")
	parallel := flag.Int("parallel", 8, "files written at once")
	rate := flag.Float64("rate", 0, "files started per second; 0 for as fast as possible")
	pid := flag.Int("pid", 0, "the watcher's process id, to sample its memory")
	timeout := flag.Duration("timeout", 15*time.Minute, "give up after")
	flag.Parse()
	if err := run(*dir, *data, *n, *parallel, *rate, *pid, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "burst:", err)
		os.Exit(1)
	}
}

func run(dir, data string, n, parallel int, rate float64, pid int, timeout time.Duration) error {
	shared, err := sharedtest.Find()
	if err != nil {
		return err
	}
	docx, err := os.ReadFile(filepath.Join(shared, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"))
	if err != nil {
		return err
	}
	items, err := ingesttest.Burst(docx, n)
	if err != nil {
		return err
	}
	db, err := store.Open(data)
	if err != nil {
		return err
	}
	defer db.Close()

	mem := &sampler{pid: pid}
	mem.sample(0)
	baseline := mem.last()
	wr := ingesttest.Writer{Dir: dir, Chunks: 4, Pause: 50 * time.Millisecond}
	start := time.Now()
	closed := make(chan map[string]time.Time, 1)
	go func() { closed <- writePaced(wr, items, parallel, rate) }()

	want := map[string]bool{} // every file that must reach the store
	for _, it := range items {
		if !it.Ignored {
			want[filepath.Join(dir, it.Rel)] = true
		}
	}
	var done map[string]time.Time
	deadline := time.Now().Add(timeout)
	for {
		time.Sleep(200 * time.Millisecond)
		if done, err = stored(db, want); err != nil {
			return err
		}
		mem.sample(len(done))
		if len(done) == len(want) {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out: %d of %d files in the store", len(done), len(want))
		}
	}
	closes := <-closed
	report(items, dir, closes, done, start, mem, baseline, len(want))
	return nil
}

// writePaced writes items with parallel writers, starting at most rate
// files a second, and returns each file's close time.
func writePaced(wr ingesttest.Writer, items []ingesttest.Item, parallel int, rate float64) map[string]time.Time {
	if rate <= 0 {
		closes, err := wr.WriteAll(items, parallel)
		if err != nil {
			fmt.Fprintln(os.Stderr, "burst: write:", err)
		}
		return closes
	}
	var mu sync.Mutex
	closes := map[string]time.Time{}
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	for _, it := range items {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			t, err := wr.Write(it)
			if err != nil {
				fmt.Fprintln(os.Stderr, "burst: write:", err)
			}
			mu.Lock()
			closes[filepath.Join(wr.Dir, it.Rel)] = t
			mu.Unlock()
		}()
	}
	wg.Wait()
	return closes
}

// stored returns when each wanted path reached the store (read, failed
// or refused).
func stored(db *store.DB, want map[string]bool) (map[string]time.Time, error) {
	locs, err := db.Locations(context.Background(), "")
	if err != nil {
		return nil, err
	}
	out := map[string]time.Time{}
	for path, l := range locs {
		if want[path] {
			out[path] = l.StoredAt
		}
	}
	return out, nil
}

func report(items []ingesttest.Item, dir string, closes, done map[string]time.Time, start time.Time, mem *sampler, baseline int64, files int) {
	var lat []time.Duration
	var last time.Time
	for _, it := range items {
		p := filepath.Join(dir, it.Rel)
		if it.Ignored || it.Bad {
			continue
		}
		if d := done[p].Sub(closes[p]); !closes[p].IsZero() {
			lat = append(lat, d)
		}
		if done[p].After(last) {
			last = done[p]
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	elapsed := last.Sub(start)
	fmt.Printf("files:        %d good + %d bad (and %d temporary files ignored)\n", len(lat), countBad(items), countIgnored(items))
	fmt.Printf("throughput:   %.1f files/s (%d files in %v, first write to last stored)\n",
		float64(files)/elapsed.Seconds(), files, elapsed.Round(time.Millisecond))
	fmt.Printf("close→stored: p50 %v  p99 %v  max %v\n", pct(0.50).Round(time.Millisecond), pct(0.99).Round(time.Millisecond),
		lat[len(lat)-1].Round(time.Millisecond))
	if mem.pid != 0 {
		fmt.Printf("watcher RSS:  before %s; %s; peak (VmHWM) %s\n", mib(baseline), mem.byProgress(files), mib(mem.hwm()))
	}
}

func countBad(items []ingesttest.Item) (n int) {
	for _, it := range items {
		if it.Bad {
			n++
		}
	}
	return n
}

func countIgnored(items []ingesttest.Item) (n int) {
	for _, it := range items {
		if it.Ignored {
			n++
		}
	}
	return n
}

// sampler reads a process's resident memory from /proc.
type sampler struct {
	pid     int
	samples []sample
}

type sample struct {
	done int   // files stored when taken
	rss  int64 // bytes
}

func (s *sampler) sample(done int) {
	if s.pid == 0 {
		return
	}
	if rss := s.field("VmRSS"); rss > 0 {
		s.samples = append(s.samples, sample{done, rss})
	}
}

func (s *sampler) last() int64 {
	if len(s.samples) == 0 {
		return 0
	}
	return s.samples[len(s.samples)-1].rss
}

func (s *sampler) hwm() int64 { return s.field("VmHWM") }

// byProgress gives the highest RSS seen in each quarter of the burst:
// flat figures mean memory does not grow with the number of files.
func (s *sampler) byProgress(total int) string {
	var quarters [4]int64
	for _, x := range s.samples {
		q := min(3, x.done*4/max(total, 1))
		quarters[q] = max(quarters[q], x.rss)
	}
	parts := make([]string, 4)
	for i, q := range quarters {
		parts[i] = fmt.Sprintf("Q%d %s", i+1, mib(q))
	}
	return "highest by quarter of the burst: " + strings.Join(parts, ", ")
}

// field reads a "Name: N kB" line of /proc/PID/status.
func (s *sampler) field(name string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
