package app

import (
	"context"
	"os"

	"vanban"
	"vanban/ingest"
	"vanban/store"
	"vanban/store/postgres"
)

// Store is the store as the application uses it. Two back ends implement
// it: *store.DB, SQLite in the data folder (the default: one machine),
// and *postgres.DB, PostgreSQL shared by several nodes (--store
// postgres://… or VANBAN_STORE). Both return package store's types.
type Store interface {
	ingest.Store
	Close() error
	Keep(path string) (store.Blob, error)
	Document(ctx context.Context, id int64) (*vanban.Document, error)
	FindDocument(ctx context.Context, ref string) (*vanban.Document, error)
	Documents(ctx context.Context, f store.Filter) ([]store.DocumentSummary, error)
	Files(ctx context.Context, docID int64) ([]store.FileInfo, error)
	File(ctx context.Context, id int64) (*store.FileInfo, error)
	OpenFile(ctx context.Context, id int64) (*os.File, *store.FileInfo, error)
	Failures(ctx context.Context) ([]store.FileInfo, error)
	Links(ctx context.Context, id int64) ([]store.Link, error)
	ReportsOn(ctx context.Context, planID int64) ([]store.DocumentSummary, error)
	ReportsCiting(ctx context.Context, reference string) ([]store.DocumentSummary, error)
	Units(ctx context.Context) ([]store.UnitCount, error)
	TasksForUnit(ctx context.Context, name string) ([]store.UnitTask, error)
	SetMatchDecision(ctx context.Context, reportDocID int64, itemIndex int, taskID int64, accepted bool) error
	ClearMatchDecision(ctx context.Context, reportDocID int64, itemIndex int, taskID int64) error
	MatchDecisions(ctx context.Context, reportDocID int64) (map[int][]store.Decision, error)
	SetStatusDecision(ctx context.Context, reportDocID int64, itemKey string, d store.StatusDecision) error
	StatusDecisions(ctx context.Context, reportDocID int64) (map[string]store.StatusDecision, error)
	AddCorrection(ctx context.Context, c store.Correction) (int64, error)
	UndoCorrection(ctx context.Context, id int64, who string) error
	Corrections(ctx context.Context, docID int64) ([]store.Correction, error)
	LiveCorrections(ctx context.Context, field string) (map[int64]string, error)
	DocumentVersions(ctx context.Context) (map[int64]string, error)
	VersionsOf(ctx context.Context, ids []int64) (map[int64]string, error)
	Revision(ctx context.Context) (int64, error)
	Changes(ctx context.Context, after int64, limit int) ([]store.Change, error)
	LastChange(ctx context.Context) (int64, error)
	Backup(ctx context.Context, dir string) (store.BackupStats, error)
	Check(ctx context.Context) ([]store.Problem, error)
}

var (
	_ Store = (*store.DB)(nil)
	_ Store = (*postgres.DB)(nil)
)

// StoreEnv is the environment variable naming the store when no --store
// flag does: a postgres://… address selects PostgreSQL.
const StoreEnv = "VANBAN_STORE"

// StoreAddr returns the store a command uses: its flag, else
// $VANBAN_STORE, else "" for SQLite in the data folder.
func StoreAddr(flag string) string {
	if flag != "" {
		return flag
	}
	return os.Getenv(StoreEnv)
}

// openStore opens the store addr names: PostgreSQL for a postgres://
// address (dir is then this node's folder for its index and cached
// copies), otherwise SQLite in dir.
func openStore(addr, dir string) (Store, error) {
	switch {
	case addr == "":
		return store.Open(dir)
	case postgres.IsURL(addr):
		return postgres.Open(addr, dir)
	}
	return nil, vanban.Errorf(vanban.EInvalid, "--store phải là địa chỉ postgres://… (bỏ trống để dùng SQLite trong thư mục dữ liệu): %q", addr)
}

// notifier is a store that wakes followers when another node changed it.
type notifier interface {
	Listen(ctx context.Context) <-chan struct{}
}
