package postgres

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"vanban/store"
)

// Kept copies live in the blobs table, by sha256: every node sees every
// copy without a shared disk. A node also caches them in its data folder
// under the names package store uses (files/ab/cdef….docx): its
// extractor reads a file, and a download is served from one.

// blobRel names the copy of content sha with extension ext (".docx").
func blobRel(sha, ext string) string {
	return filepath.ToSlash(filepath.Join(filesDir, sha[:2], sha[2:]+strings.ToLower(ext)))
}

// BlobPath returns the absolute path of the cached copy given its Rel.
func (s *DB) BlobPath(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// Keep caches the file at path under its sha256 (see KeepFrom).
func (s *DB) Keep(path string) (Blob, error) {
	src, err := os.Open(path)
	if err != nil {
		return Blob{}, err
	}
	defer src.Close()
	return s.KeepFrom(src, filepath.Ext(path))
}

// KeepFrom caches what src holds in this node's data folder under its
// sha256 and returns where. The database gets the bytes in the
// transaction that stores the file's reading (putBlob), so a copy in the
// database always belongs to a stored file and a node that dies before
// leaves nothing there.
func (s *DB) KeepFrom(src io.Reader, ext string) (Blob, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, tmpDir), "keep-*")
	if err != nil {
		return Blob{}, fmt.Errorf("keep a copy: %w", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), src)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Blob{}, fmt.Errorf("keep a copy: %w", err)
	}
	sha := hex.EncodeToString(h.Sum(nil))
	b := Blob{SHA256: sha, Size: n, Rel: blobRel(sha, ext)}
	b.Path = s.BlobPath(b.Rel)
	return b, s.place(tmp.Name(), b.Path)
}

// place renames a complete temporary copy into the cache, read-only.
func (s *DB) place(tmp, path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o400); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// putBlob stores the bytes of b in the database within the file's
// transaction, unless they are there.
func putBlob(ctx context.Context, t *tx, b Blob) error {
	if b.SHA256 == "" || b.Path == "" {
		return nil
	}
	var one int
	err := t.QueryRowContext(ctx, `SELECT 1 FROM blobs WHERE sha256 = ?`, b.SHA256).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	data, err := os.ReadFile(b.Path)
	if err != nil {
		return fmt.Errorf("read kept copy: %w", err)
	}
	_, err = t.ExecContext(ctx, `INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		b.SHA256, int64(len(data)), data)
	return err
}

// cache makes sure this node has the copy of content sha at rel, fetching
// it from the database when another node stored it.
func (s *DB) cache(ctx context.Context, sha, rel string) (string, error) {
	path := s.BlobPath(rel)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM blobs WHERE sha256 = ?`, sha).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("kept copy %s: %w", rel, store.ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Join(s.dir, tmpDir), "cache-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return path, s.place(tmp.Name(), path)
}

// OpenFile opens the copy of file id for reading (to serve the original
// to a user); the caller closes it.
func (s *DB) OpenFile(ctx context.Context, id int64) (*os.File, *FileInfo, error) {
	info, err := s.File(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	rel, err := filepath.Rel(s.dir, info.Stored)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.cache(ctx, info.SHA256, filepath.ToSlash(rel)); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(info.Stored)
	if err != nil {
		return nil, nil, err
	}
	return f, info, nil
}

// HashFile and Hash are package store's.
var (
	HashFile = store.HashFile
	Hash     = store.Hash
)
