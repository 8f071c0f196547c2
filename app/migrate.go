package app

import (
	"context"
	"errors"
	"os"

	"vanban"
	"vanban/store"
	"vanban/store/postgres"
)

// Migrate copies the SQLite store in the data folder from into the empty
// PostgreSQL database at to: documents, versions, kept copies,
// decisions, refusals and the change log, with their ids. The SQLite
// store is only read. Each node then builds its own search index from
// the copy (vanban serve --store …, or vanban reindex).
func Migrate(ctx context.Context, from, to string) (postgres.ImportStats, error) {
	if !store.Exists(from) {
		return postgres.ImportStats{}, vanban.Errorf(vanban.ENotFound, "không có kho dữ liệu SQLite ở %s", from)
	}
	if !postgres.IsURL(to) {
		return postgres.ImportStats{}, vanban.Errorf(vanban.EInvalid, "--to phải là địa chỉ postgres://…, không phải %q", to)
	}
	src, err := store.Open(from)
	if err != nil {
		return postgres.ImportStats{}, vanban.Wrap(vanban.EInternal, err, "không mở được kho %s", from)
	}
	defer src.Close()
	// The target needs a node folder for cached copies; migrate caches
	// none, so a temporary one does.
	tmp, err := os.MkdirTemp("", "vanban-migrate-")
	if err != nil {
		return postgres.ImportStats{}, err
	}
	defer os.RemoveAll(tmp)
	dst, err := postgres.Open(to, tmp)
	if err != nil {
		return postgres.ImportStats{}, vanban.Wrap(vanban.EInternal, err, "không mở được kho PostgreSQL")
	}
	defer dst.Close()
	st, err := dst.Import(ctx, src)
	if err != nil {
		if ve := (*vanban.Error)(nil); errors.As(err, &ve) {
			return st, err // says what to do already
		}
		return st, vanban.Wrap(vanban.EInternal, err, "không chuyển được kho %s sang PostgreSQL", from)
	}
	return st, nil
}
