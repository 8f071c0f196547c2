package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Blob is a content-addressed copy of a file in the data folder.
type Blob struct {
	SHA256 string
	Size   int64
	// Rel is the copy's path relative to the data folder, as stored in the
	// files table: "files/ab/cdef….docx".
	Rel string
	// Path is the copy's absolute path.
	Path string
}

// blobRel names the copy of content sha with extension ext (".docx").
func blobRel(sha, ext string) string {
	return filepath.ToSlash(filepath.Join(filesDir, sha[:2], sha[2:]+strings.ToLower(ext)))
}

// BlobPath returns the absolute path of a stored copy given its Rel.
func (s *DB) BlobPath(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// Keep copies the file at path into the data folder under its sha256 and
// returns where (see KeepFrom).
func (s *DB) Keep(path string) (Blob, error) {
	src, err := os.Open(path)
	if err != nil {
		return Blob{}, err
	}
	defer src.Close()
	return s.KeepFrom(src, filepath.Ext(path))
}

// KeepFrom copies what src holds into the data folder under its sha256,
// with extension ext, and returns where. The copy is written to a
// temporary file, synced and renamed into place, so a copy that exists is
// complete whatever happened to the process; the hash is of the bytes
// copied, so it names the copy even if the original changes meanwhile.
// Copies are readable by their owner only: they may hold anything a unit
// sent.
func (s *DB) KeepFrom(src io.Reader, ext string) (Blob, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, tmpDir), "keep-*")
	if err != nil {
		return Blob{}, fmt.Errorf("keep a copy: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Blob{}, fmt.Errorf("keep a copy: %w", err)
	}
	sha := hex.EncodeToString(h.Sum(nil))
	b := Blob{SHA256: sha, Size: n, Rel: blobRel(sha, ext)}
	b.Path = s.BlobPath(b.Rel)
	if _, err := os.Stat(b.Path); err == nil {
		return b, nil // same content kept before
	}
	if err := os.MkdirAll(filepath.Dir(b.Path), 0o700); err != nil {
		return Blob{}, err
	}
	// Stored copies are never rewritten; read-only guards against tools
	// that would edit them in place.
	if err := os.Chmod(tmp.Name(), 0o400); err != nil {
		return Blob{}, err
	}
	if err := os.Rename(tmp.Name(), b.Path); err != nil {
		return Blob{}, fmt.Errorf("keep a copy: %w", err)
	}
	return b, nil
}

// HashFile returns the sha256 and size of the file at path.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	return Hash(f)
}

// Hash returns the sha256 and size of what r holds.
func Hash(r io.Reader) (string, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
