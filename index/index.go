package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"vanban"
	"vanban/normalize"
)

// Index is the search index of documents and task rows. It is safe for
// concurrent use.
type Index struct {
	bi  bleve.Index
	dir string
	// wmu serializes batch commits, which update the token totals.
	wmu sync.Mutex
	// mu guards lengths, the token totals (nil until loaded).
	mu      sync.Mutex
	lengths lengths
	// units caches the unit names the rows name (unitKeys), nil until
	// read and after each commit.
	units map[string]bool
	// Aliases spells out abbreviations (UBND, KH&CN, BQL KKT) in queries
	// and indexed text; nil means normalize's built-in table. Set it
	// before indexing: a change needs a reindex.
	Aliases *normalize.Aliases
	// facets caches facet counts by query for the index's current
	// contents: a user paging through results, or many asking the same,
	// pays for the counts once per write.
	facets facetCache
	// Terms spells out the acronyms of concepts (CĐS, AI); Open reads
	// the data folder's terms.txt over the built-in table, nil means the
	// built-in table. A change needs a reindex.
	Terms *Terms
}

var (
	schemaKey = []byte("vanban.schema")
	seqKey    = []byte("vanban.seq")
)

// Seq returns the position in the store's change log the index is known
// to be in step with (SetSeq), 0 when unknown.
func (ix *Index) Seq() int64 {
	v, err := ix.bi.GetInternal(seqKey)
	if err != nil || len(v) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(string(v), 10, 64)
	return n
}

// SetSeq records that the index is in step with the store's change log
// up to seq.
func (ix *Index) SetSeq(seq int64) error {
	return ix.bi.SetInternal(seqKey, []byte(strconv.FormatInt(seq, 10)))
}

// ErrLocked is returned by Open when another process holds the index
// (a running vanban watch or web server).
var ErrLocked = vanban.Errorf(vanban.EConflict, "chỉ mục đang được một tiến trình vanban khác dùng")

// lockWait is how long Open waits for another process to release the
// index.
var lockWait = "3s"

// Open opens the index in dir, creating it if dir does not exist. An
// index made by another version of this package's mapping is removed and
// created empty: the index is derived data, and Sync refills it from the
// store. An index that cannot be read is left alone; `vanban reindex`
// (Rebuild) replaces it.
func Open(dir string) (*Index, error) {
	meta := filepath.Join(dir, "index_meta.json")
	if _, err := os.Stat(meta); err == nil {
		bi, err := bleve.OpenUsing(dir, map[string]interface{}{"bolt_timeout": lockWait})
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, fmt.Errorf("index: %s: %w", dir, ErrLocked)
		case err != nil:
			return nil, fmt.Errorf("index: open %s: %w", dir, err)
		}
		v, err := bi.GetInternal(schemaKey)
		if err == nil && string(v) == schemaVersion {
			return &Index{bi: bi, dir: dir, Terms: termsBeside(dir)}, nil
		}
		bi.Close()
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("index: remove index of an older schema: %w", err)
		}
	} else if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("index: %s is not empty and holds no index", dir)
	}
	bi, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	return newIndex(bi, dir)
}

// OpenMem returns an index held in memory only, for tests and tools.
func OpenMem() (*Index, error) {
	bi, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	return newIndex(bi, "")
}

func newIndex(bi bleve.Index, dir string) (*Index, error) {
	if err := bi.SetInternal(schemaKey, []byte(schemaVersion)); err != nil {
		bi.Close()
		return nil, err
	}
	ix := &Index{bi: bi, dir: dir}
	if dir != "" {
		ix.Terms = termsBeside(dir)
	}
	return ix, nil
}

// termsBeside is the data folder's table of acronyms; a malformed file
// leaves the built-in table rather than stopping search and intake.
func termsBeside(dir string) *Terms {
	t, err := loadTermsBeside(dir)
	if err != nil {
		return DefaultTerms()
	}
	return t
}

// Close closes the index.
func (ix *Index) Close() error { return ix.bi.Close() }

// Dir is the folder the index lives in; empty for an in-memory index.
func (ix *Index) Dir() string { return ix.dir }

// Count returns the number of entries: documents and task rows.
func (ix *Index) Count() (uint64, error) { return ix.bi.DocCount() }

// Compact merges the index's segments into one, which makes it smaller
// and its searches faster; Rebuild does it after a full build.
func (ix *Index) Compact(ctx context.Context) error {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		return s.ForceMerge(ctx, nil)
	}
	return nil
}

// ContentVersion is the version of a document the store gives no version
// for: a digest of its content.
func ContentVersion(doc *vanban.Document) string {
	b, _ := json.Marshal(doc)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Put indexes doc, replacing every entry of the same document id.
func (ix *Index) Put(doc *vanban.Document) error {
	return ix.PutExtra(doc, Extra{})
}

// PutExtra indexes doc with its store version and row statuses.
func (ix *Index) PutExtra(doc *vanban.Document, x Extra) error {
	b := ix.NewBatch()
	if err := b.PutExtra(doc, x); err != nil {
		return err
	}
	return b.Commit()
}

// Delete removes every entry of the document with id docID.
func (ix *Index) Delete(docID int64) error {
	b := ix.NewBatch()
	if err := b.Delete(docID); err != nil {
		return err
	}
	return b.Commit()
}

// Batch groups changes so that they reach the index in one write.
type Batch struct {
	ix *Index
	b  *bleve.Batch
	// The entries this batch indexes, per document, and the owner of each
	// base id, so that puts in one batch see each other.
	pending map[int64][]entry
	bases   map[string]int64
	// delta is the change the batch makes to the token totals.
	delta lengths
}

// NewBatch starts a batch of changes.
func (ix *Index) NewBatch() *Batch {
	return &Batch{ix: ix, b: ix.bi.NewBatch(), pending: map[int64][]entry{}, bases: map[string]int64{}, delta: lengths{}}
}

// Len is the number of index operations the batch holds.
func (b *Batch) Len() int { return b.b.Size() }

// Put adds doc to the batch, replacing the document's entries.
func (b *Batch) Put(doc *vanban.Document) error { return b.PutExtra(doc, Extra{}) }

// PutExtra adds doc with its store version and row statuses.
func (b *Batch) PutExtra(doc *vanban.Document, x Extra) error {
	if doc == nil || doc.ID == 0 {
		return errors.New("index: a document needs an id")
	}
	if x.Version == "" {
		x.Version = ContentVersion(doc)
	}
	base, err := b.baseID(doc)
	if err != nil {
		return err
	}
	es := entries(doc, base, x, expander{b.ix.Aliases, b.ix.Terms})
	keep := make(map[string]bool, len(es))
	for _, e := range es {
		keep[e.id] = true
	}
	if err := b.drop(doc.ID, keep); err != nil {
		return err
	}
	for _, e := range es {
		if err := b.b.Index(e.id, e.fields); err != nil {
			return fmt.Errorf("index: %s: %w", e.id, err)
		}
		b.delta.add(e.lens, 1)
	}
	b.pending[doc.ID] = es
	b.bases[base] = doc.ID
	return nil
}

// drop removes the entries of document docID, in the index and earlier
// in this batch, from the batch and the token totals; ids in keep are
// about to be indexed again, so they need no delete.
func (b *Batch) drop(docID int64, keep map[string]bool) error {
	old, err := b.ix.entryLengths(docID)
	if err != nil {
		return err
	}
	if prev, ok := b.pending[docID]; ok {
		// Put twice in one batch: the first put's entries replaced what
		// the index holds, whose lengths it already took off.
		old = map[string]lengths{}
		for _, e := range prev {
			old[e.id] = e.lens
		}
	}
	for id, l := range old {
		if !keep[id] {
			b.b.Delete(id)
		}
		b.delta.add(l, -1)
	}
	delete(b.pending, docID)
	return nil
}

// Delete adds the removal of every entry of document docID to the batch.
func (b *Batch) Delete(docID int64) error {
	return b.drop(docID, nil)
}

// Commit writes the batch to the index and empties it.
func (b *Batch) Commit() error {
	ix := b.ix
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	totals, err := ix.loadLengths()
	if err != nil {
		return err
	}
	totals.add(b.delta, 1)
	b.b.SetInternal(statsKey, []byte(totals.String()))
	if err := ix.bi.Batch(b.b); err != nil {
		return fmt.Errorf("index: write batch: %w", err)
	}
	ix.mu.Lock()
	ix.lengths = totals
	ix.units = nil
	ix.mu.Unlock()
	ix.facets.reset()
	b.b.Reset()
	b.pending = map[int64][]entry{}
	b.bases = map[string]int64{}
	b.delta = lengths{}
	return nil
}

// baseID is the id of a document's own entry: its reference, or its id
// when it has none. Two documents with the same reference (two agencies
// both numbering a plan 58/KH-UBND) are told apart by "~id".
func (b *Batch) baseID(doc *vanban.Document) (string, error) {
	base := docRef(doc)
	if owner, ok := b.bases[base]; ok {
		if owner == doc.ID {
			return base, nil
		}
		return base + "~" + strconv.FormatInt(doc.ID, 10), nil
	}
	owner, err := b.ix.storedDocID(base)
	if err != nil {
		return "", err
	}
	if owner != "" && owner != strconv.FormatInt(doc.ID, 10) {
		return base + "~" + strconv.FormatInt(doc.ID, 10), nil
	}
	return base, nil
}

// storedDocID returns the document id stored in entry id, or "".
func (ix *Index) storedDocID(id string) (string, error) {
	d, err := ix.bi.Document(id)
	if err != nil || d == nil {
		return "", err
	}
	var rv string
	d.VisitFields(func(f bleveindex.Field) {
		if f.Name() == fDocID {
			rv = string(f.Value())
		}
	})
	return rv, nil
}

// entryLengths returns the ids of every entry of document docID, with
// their token counts.
func (ix *Index) entryLengths(docID int64) (map[string]lengths, error) {
	rv := map[string]lengths{}
	q := query.NewTermQuery(strconv.FormatInt(docID, 10))
	q.SetField(fDocID)
	err := ix.scan(q, []string{fLens}, func(id string, f map[string]interface{}) {
		s, _ := f[fLens].(string)
		rv[id] = parseLengths(s)
	})
	return rv, err
}

// Versions returns the version of every document in the index, by
// document id: Sync compares them with the store's.
func (ix *Index) Versions() (map[int64]string, error) {
	rv := map[int64]string{}
	q := query.NewTermQuery(kindDoc)
	q.SetField(fKind)
	var bad error
	err := ix.scan(q, []string{fDocID, fVersion}, func(id string, f map[string]interface{}) {
		s, _ := f[fDocID].(string)
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			bad = fmt.Errorf("index: entry %s has doc id %q", id, s)
			return
		}
		v, _ := f[fVersion].(string)
		rv[n] = v
	})
	if err == nil {
		err = bad
	}
	return rv, err
}

// scan calls fn for every entry q matches, in id order.
func (ix *Index) scan(q query.Query, fields []string, fn func(id string, fields map[string]interface{})) error {
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		res, err := ix.bi.Search(req)
		if err != nil {
			return fmt.Errorf("index: scan: %w", err)
		}
		for _, h := range res.Hits {
			fn(h.ID, h.Fields)
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}

// unitKeys returns the nameKeys of every lead and coordinating unit the
// indexed rows name: a query that names one of them asks for its tasks.
func (ix *Index) unitKeys() map[string]bool {
	ix.mu.Lock()
	u := ix.units
	ix.mu.Unlock()
	if u != nil {
		return u
	}
	u = map[string]bool{}
	for _, f := range []string{fLeadKey, fCoordKey} {
		d, err := ix.bi.FieldDict(f)
		if err != nil {
			continue
		}
		for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
			u[e.Term] = true
		}
		d.Close()
	}
	ix.mu.Lock()
	ix.units = u
	ix.mu.Unlock()
	return u
}
