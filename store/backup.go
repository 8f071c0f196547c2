package store

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// BackupStats says what a backup copied.
type BackupStats struct {
	Files int   // kept copies of documents
	Bytes int64 // their size
}

// Backup makes a consistent copy of the store in dir (which must not
// exist, or be empty) while others read and write it: the database
// through SQLite's VACUUM INTO, a snapshot of one moment, then the kept
// copies. Copies are written before the rows that name them commit and
// never change, so every copy the snapshot names exists when it is
// taken; one stored later is copied too, or not, harmlessly.
func (s *DB) Backup(ctx context.Context, dir string) (BackupStats, error) {
	var st BackupStats
	abs, err := filepath.Abs(dir)
	if err != nil {
		return st, err
	}
	if abs == s.dir || strings.HasPrefix(abs, s.dir+string(filepath.Separator)) {
		return st, fmt.Errorf("backup into the data folder itself (%s)", abs)
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return st, fmt.Errorf("backup folder %s is not empty", abs)
	}
	if err := os.MkdirAll(filepath.Join(abs, filesDir), 0o700); err != nil {
		return st, err
	}
	if err := os.MkdirAll(filepath.Join(abs, tmpDir), 0o700); err != nil {
		return st, err
	}
	// VACUUM INTO takes no parameter for its file name in every SQLite
	// version; the name is quoted as an SQL string literal.
	target := strings.ReplaceAll(filepath.Join(abs, dbFile), "'", "''")
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO '`+target+`'`); err != nil {
		return st, fmt.Errorf("copy the database: %w", err)
	}
	src := filepath.Join(s.dir, filesDir)
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		n, err := copyFile(p, filepath.Join(abs, filesDir, rel))
		st.Files++
		st.Bytes += n
		return err
	})
	return st, err
}

// copyFile copies a kept copy, owner-readable only like the original.
func copyFile(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return 0, err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(dst, 0o400)
	}
	return n, err
}

// Problem is one thing Check found wrong, in Vietnamese.
type Problem struct {
	What   string `json:"what"`   // "database", "file", "index"
	Detail string `json:"detail"` // for a person
}

// Check verifies the store: SQLite's integrity and foreign keys, and
// every kept copy present with the hash it is stored under.
func (s *DB) Check(ctx context.Context) ([]Problem, error) {
	var out []Problem
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			out = append(out, Problem{"database", "cơ sở dữ liệu hỏng: " + msg})
		}
	}
	rows.Close()
	fk, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	for fk.Next() {
		var table, parent string
		var rowid, n any
		if err := fk.Scan(&table, &rowid, &parent, &n); err != nil {
			fk.Close()
			return nil, err
		}
		out = append(out, Problem{"database", fmt.Sprintf("bảng %s, dòng %v trỏ tới %s không còn", table, rowid, parent)})
	}
	fk.Close()
	files, err := s.checkFiles(ctx)
	return append(out, files...), err
}

// checkFiles re-hashes every kept copy the store names.
func (s *DB) checkFiles(ctx context.Context) ([]Problem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, sha256, stored FROM files ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var name, sha, rel string
		if err := rows.Scan(&name, &sha, &rel); err != nil {
			return nil, err
		}
		got, err := hashPath(s.BlobPath(rel))
		switch {
		case err != nil:
			out = append(out, Problem{"file", fmt.Sprintf("thiếu bản lưu của %s (%s)", name, rel)})
		case got != sha:
			out = append(out, Problem{"file", fmt.Sprintf("bản lưu của %s đã bị thay đổi (%s)", name, rel)})
		}
	}
	return out, rows.Err()
}

func hashPath(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sha, _, err := Hash(f)
	return sha, err
}
