package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"vanban"
	"vanban/index"
	"vanban/store"
)

// settingsFiles are the files of the data folder besides the store that a
// backup carries.
var settingsFiles = []string{AliasFile, "settings.toml"}

// backupNote explains a backup's missing index to whoever opens it.
const backupNote = `Bản sao lưu của kho dữ liệu vanban.
Chỉ mục tìm kiếm không được sao lưu: vanban tự dựng lại khi mở kho này
(vanban serve --data THƯ_MỤC, hoặc vanban reindex --data THƯ_MỤC).
`

// Backup makes a consistent copy of the data folder in dir while it is in
// use: the store (see store.DB.Backup), the alias table and settings, and
// a note that the search index, derived data, is rebuilt on first use.
func (a *App) Backup(ctx context.Context, dir string) (store.BackupStats, error) {
	st, err := a.db.Backup(ctx, dir)
	if err != nil {
		return st, vanban.Wrap(vanban.EInvalid, err, "không sao lưu được vào %s", dir)
	}
	for _, name := range settingsFiles {
		if err := copyIfPresent(filepath.Join(a.dir, name), filepath.Join(dir, name)); err != nil {
			return st, err
		}
	}
	return st, os.WriteFile(filepath.Join(dir, "DOC-TOI.txt"), []byte(backupNote), 0o600)
}

func copyIfPresent(src, dst string) error {
	in, err := os.Open(src)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Verify checks the data folder: the store (integrity, foreign keys,
// every kept copy present with its hash) and whether the search index is
// in step with it.
func (a *App) Verify(ctx context.Context) ([]store.Problem, error) {
	problems, err := a.db.Check(ctx)
	if err != nil {
		return nil, err
	}
	ix := a.index()
	if ix == nil {
		opened, err := index.Open(a.indexDir())
		if err != nil {
			return append(problems, store.Problem{What: "index", Detail: "không mở được chỉ mục tìm kiếm: " + err.Error()}), nil
		}
		defer opened.Close()
		ix = opened
	}
	d, err := ix.Diff(ctx, a.indexSource())
	if err != nil {
		return append(problems, store.Problem{What: "index", Detail: "không đọc được chỉ mục tìm kiếm: " + err.Error()}), nil
	}
	if n := d.Added + d.Updated + d.Removed; n > 0 {
		problems = append(problems, store.Problem{What: "index", Detail: fmt.Sprintf(
			"chỉ mục tìm kiếm lệch với kho ở %d văn bản (thiếu %d, cũ %d, thừa %d); lần mở sau sẽ tự sửa, hoặc chạy vanban reindex",
			n, d.Added, d.Updated, d.Removed)})
	}
	return problems, nil
}
