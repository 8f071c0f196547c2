package ingest

import (
	"context"
	"io"

	"vanban"
	"vanban/store"
)

// Store is what the pipeline (and package watch, through it) needs of a
// store: *store.DB (SQLite) and *postgres.DB satisfy it.
type Store interface {
	Dir() string
	Known(ctx context.Context, sha string) (*store.KnownFile, error)
	KeepFrom(src io.Reader, ext string) (store.Blob, error)
	StoreDocument(ctx context.Context, in store.Incoming, doc *vanban.Document) (store.Stored, error)
	StoreFailure(ctx context.Context, in store.Incoming, fail store.Failure) (store.Stored, error)
	StoreDuplicate(ctx context.Context, in store.Incoming) (store.Stored, error)
	Summary(ctx context.Context, id int64) (*store.DocumentSummary, error)
	Reject(ctx context.Context, r store.Rejection) error
	LocationOf(ctx context.Context, path string) (*store.Location, error)
	Locations(ctx context.Context, dir string) (map[string]store.Location, error)
	Forget(ctx context.Context, paths []string) error
	// What the pipeline's users read back (tests, progress reports).
	Revision(ctx context.Context) (int64, error)
	Document(ctx context.Context, id int64) (*vanban.Document, error)
	Documents(ctx context.Context, f store.Filter) ([]store.DocumentSummary, error)
	Files(ctx context.Context, docID int64) ([]store.FileInfo, error)
	Failures(ctx context.Context) ([]store.FileInfo, error)
	ReportsCiting(ctx context.Context, reference string) ([]store.DocumentSummary, error)
}

// Claimer is a store that several nodes share: a file's content is
// claimed before it is read, so that two watchers of one folder read it
// once. A file claimed elsewhere is skipped: its holder stores it (and
// where it was found), so the next scan here finds it known; if the
// holder dies, its claim expires and a later scan here reads the file.
type Claimer interface {
	Claim(ctx context.Context, sha string) (bool, error)
	Release(ctx context.Context, sha string) error
}

// claim takes content sha when the store is shared. It returns the
// release to defer (a no-op for a store of one machine), or false when
// another node holds the claim.
func (p *Pipeline) claim(ctx context.Context, sha string) (func(), bool, error) {
	c, ok := p.Store.(Claimer)
	if !ok {
		return func() {}, true, nil
	}
	got, err := c.Claim(ctx, sha)
	if err != nil || !got {
		return nil, false, err
	}
	return func() { c.Release(context.WithoutCancel(ctx), sha) }, true, nil
}
