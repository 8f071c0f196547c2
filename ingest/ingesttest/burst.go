package ingesttest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Mode is how a file arrives in a folder.
type Mode int

const (
	AtOnce  Mode = iota // written and closed in one go
	Slowly              // written in chunks with pauses, as over a slow share
	Renamed             // written under a temporary name, then renamed into place
)

func (m Mode) String() string { return [...]string{"at once", "slowly", "renamed"}[m] }

// Item is one file of a burst.
type Item struct {
	Rel  string // path inside the folder, e.g. "sub/kh-12.docx"
	Data []byte
	Mode Mode
	// Bad files must fail; Err is the sentinel expected (Alt another
	// acceptable one). Ignored files must leave no trace in the store.
	Bad     bool
	Ignored bool
	// Refused files are recorded as failures without their content
	// being read or kept; Refused is the failure kind expected
	// (ingest.KindFormat …).
	Refused string
	Err     error
	Alt     error
}

// Burst returns n distinct good documents made from docx, arriving in
// every Mode and some in subfolders, followed by the bad files and the
// files a watcher must ignore.
func Burst(docx []byte, n int) ([]Item, error) {
	var items []Item
	for i := 0; i < n; i++ {
		data, err := Variant(docx, 1000+i)
		if err != nil {
			return nil, err
		}
		rel := fmt.Sprintf("kh-%04d.docx", i)
		if i%5 == 4 {
			rel = filepath.Join(fmt.Sprintf("phong-%d", i%3), rel)
		}
		items = append(items, Item{Rel: rel, Data: data, Mode: Mode(i % 3)})
	}
	for _, b := range BadFiles(docx) {
		items = append(items, Item{Rel: b.Name, Data: b.Data, Bad: true, Err: b.Err, Alt: b.Alt})
	}
	for _, name := range []string{"~$kh-0001.docx", ".~lock.kh-0001.docx#", "tai-ve.docx.part", "tai-ve.pdf.crdownload", ".an.docx", "~WRL0001.tmp", "Thumbs.db"} {
		items = append(items, Item{Rel: name, Data: []byte("tạm"), Ignored: true})
	}
	// Types vanban does not read: recorded with what to do.
	for _, name := range []string{"ghi-chu.txt", "cong-van-cu.doc", "bang-tong-hop.xls"} {
		items = append(items, Item{Rel: name, Data: []byte("không đọc được " + name), Refused: "format"})
	}
	return items, nil
}

// Writer writes items into a folder the way their Mode says.
type Writer struct {
	Dir string
	// Chunks and Pause shape a slow write: Chunks pieces with Pause
	// between them (keep Pause well under the watcher's settling delay).
	Chunks int
	Pause  time.Duration
}

// Write writes one item and returns when its final file was closed (or
// renamed into place): the moment from which its ingestion is timed.
func (w Writer) Write(it Item) (time.Time, error) {
	path := filepath.Join(w.Dir, it.Rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return time.Time{}, err
	}
	switch it.Mode {
	case Slowly:
		return w.slowly(path, it.Data)
	case Renamed:
		tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".part")
		if err := os.WriteFile(tmp, it.Data, 0o644); err != nil {
			return time.Time{}, err
		}
		if err := os.Rename(tmp, path); err != nil {
			return time.Time{}, err
		}
		return time.Now(), nil
	}
	if err := os.WriteFile(path, it.Data, 0o644); err != nil {
		return time.Time{}, err
	}
	return time.Now(), nil
}

func (w Writer) slowly(path string, data []byte) (time.Time, error) {
	f, err := os.Create(path)
	if err != nil {
		return time.Time{}, err
	}
	chunks := max(w.Chunks, 1)
	size := (len(data) + chunks - 1) / chunks
	for off := 0; off < len(data); off += size {
		if off > 0 {
			time.Sleep(w.Pause)
		}
		end := min(off+size, len(data))
		if _, err := f.Write(data[off:end]); err != nil {
			f.Close()
			return time.Time{}, err
		}
	}
	if err := f.Close(); err != nil {
		return time.Time{}, err
	}
	return time.Now(), nil
}

// WriteAll writes items with parallel writers, and returns each final
// path's close time.
func (w Writer) WriteAll(items []Item, parallel int) (map[string]time.Time, error) {
	var mu sync.Mutex
	closed := map[string]time.Time{}
	var firstErr error
	ch := make(chan Item)
	var wg sync.WaitGroup
	for i := 0; i < max(parallel, 1); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range ch {
				t, err := w.Write(it)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				closed[filepath.Join(w.Dir, it.Rel)] = t
				mu.Unlock()
			}
		}()
	}
	for _, it := range items {
		ch <- it
	}
	close(ch)
	wg.Wait()
	return closed, firstErr
}
