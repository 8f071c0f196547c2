package storetest

import (
	"context"

	"vanban"
	"vanban/store"
)

// Store is what the suite uses of a store: the methods every back end has.
type Store interface {
	Keep(path string) (store.Blob, error)
	StoreDocument(ctx context.Context, in store.Incoming, doc *vanban.Document) (store.Stored, error)
	StoreFailure(ctx context.Context, in store.Incoming, fail store.Failure) (store.Stored, error)
	StoreDuplicate(ctx context.Context, in store.Incoming) (store.Stored, error)
	Forget(ctx context.Context, paths []string) error
	Reject(ctx context.Context, r store.Rejection) error
	Document(ctx context.Context, id int64) (*vanban.Document, error)
	FindDocument(ctx context.Context, ref string) (*vanban.Document, error)
	Resolve(ctx context.Context, ref string) (int64, error)
	Documents(ctx context.Context, f store.Filter) ([]store.DocumentSummary, error)
	Summary(ctx context.Context, id int64) (*store.DocumentSummary, error)
	Files(ctx context.Context, docID int64) ([]store.FileInfo, error)
	File(ctx context.Context, id int64) (*store.FileInfo, error)
	Failures(ctx context.Context) ([]store.FileInfo, error)
	Known(ctx context.Context, sha string) (*store.KnownFile, error)
	Locations(ctx context.Context, dir string) (map[string]store.Location, error)
	LocationOf(ctx context.Context, path string) (*store.Location, error)
	Links(ctx context.Context, id int64) ([]store.Link, error)
	ReportsCiting(ctx context.Context, reference string) ([]store.DocumentSummary, error)
	ReportsOn(ctx context.Context, planID int64) ([]store.DocumentSummary, error)
	DocumentVersions(ctx context.Context) (map[int64]string, error)
	VersionsOf(ctx context.Context, ids []int64) (map[int64]string, error)
	Revision(ctx context.Context) (int64, error)
	Changes(ctx context.Context, after int64, limit int) ([]store.Change, error)
	LastChange(ctx context.Context) (int64, error)
	Units(ctx context.Context) ([]store.UnitCount, error)
	TasksForUnit(ctx context.Context, name string) ([]store.UnitTask, error)
	SetMatchDecision(ctx context.Context, reportDocID int64, itemIndex int, taskID int64, accepted bool) error
	ClearMatchDecision(ctx context.Context, reportDocID int64, itemIndex int, taskID int64) error
	SetStatusDecision(ctx context.Context, reportDocID int64, itemKey string, d store.StatusDecision) error
	StatusDecisions(ctx context.Context, reportDocID int64) (map[string]store.StatusDecision, error)
	AddCorrection(ctx context.Context, c store.Correction) (int64, error)
	UndoCorrection(ctx context.Context, id int64, who string) error
	Corrections(ctx context.Context, docID int64) ([]store.Correction, error)
	LiveCorrections(ctx context.Context, field string) (map[int64]string, error)
	MatchDecisions(ctx context.Context, reportDocID int64) (map[int][]store.Decision, error)
	Check(ctx context.Context) ([]store.Problem, error)
	Close() error
}
