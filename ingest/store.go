package ingest

import (
	"context"
	"errors"
	"io"
	"time"

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
// once. A claim that is held elsewhere is waited for; its holder's
// reading is then in the store and this node finds it unchanged.
type Claimer interface {
	Claim(ctx context.Context, sha string) (bool, error)
	Release(ctx context.Context, sha string) error
}

// claimWait is how often a claim held elsewhere is asked for again.
const claimWait = 200 * time.Millisecond

// claim takes content sha when the store is shared, waiting for another
// node's claim to end (released, or expired with its dead holder). It
// returns the release to defer, a no-op for a store of one machine.
func (p *Pipeline) claim(ctx context.Context, sha string) (func(), error) {
	c, ok := p.Store.(Claimer)
	if !ok {
		return func() {}, nil
	}
	for {
		got, err := c.Claim(ctx, sha)
		if err != nil {
			return nil, err
		}
		if got {
			return func() { c.Release(context.WithoutCancel(ctx), sha) }, nil
		}
		select {
		case <-ctx.Done():
			return nil, errors.Join(errClaimed, ctx.Err())
		case <-time.After(claimWait):
		}
	}
}

var errClaimed = errors.New("another node is reading this file")
