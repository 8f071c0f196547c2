package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"vanban/store"
)

// refusal is why a file is refused without its content being read.
type refusal struct {
	kind, reason, detail string
}

// open opens the file at path for reading, if it is one vanban may read:
// a regular file (or a link to one), inside the pipeline's root when it
// has one. It returns nil and no refusal for a link to a folder. The file
// opened is checked to be the one looked at, so a file swapped for a
// link in between is not read.
func (p *Pipeline) open(path string) (*os.File, fs.FileInfo, *refusal) {
	link, err := os.Lstat(path)
	if err != nil {
		return nil, nil, osRefusal(err)
	}
	// A refusal is recorded with what the folder shows (the link's own
	// size and time), so a later scan knows it unchanged.
	info, target := link, path
	if link.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return nil, link, &refusal{KindBrokenLink, "liên kết trỏ tới một tệp không còn tồn tại", err.Error()}
		}
		if info, err = os.Stat(target); err != nil {
			return nil, link, osRefusal(err)
		}
	}
	if p.Root != "" && !Inside(realPath(target), realPath(p.Root)) {
		return nil, link, &refusal{KindLinkOutside, "liên kết trỏ ra ngoài thư mục theo dõi: vanban không đọc tệp nằm ngoài thư mục này; hãy chép chính tệp vào", "link to " + target}
	}
	if info.IsDir() {
		return nil, info, nil
	}
	if !info.Mode().IsRegular() {
		return nil, info, &refusal{KindNotRegular, "không phải một tệp thông thường (FIFO, thiết bị, socket): không đọc", info.Mode().String()}
	}
	f, err := openNoFollow(target)
	if err != nil {
		return nil, info, osRefusal(err)
	}
	if fi, err := f.Stat(); err != nil || !os.SameFile(info, fi) || !fi.Mode().IsRegular() {
		f.Close()
		return nil, info, &refusal{KindVanished, "tệp đã bị thay đổi trong lúc đọc; sẽ đọc lại khi tệp đứng yên", "changed between stat and open"}
	}
	return f, info, nil
}

// osRefusal words a failure to look at or open a file.
func osRefusal(err error) *refusal {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &refusal{KindVanished, "tệp đã bị xóa hoặc chuyển đi trước khi đọc được", err.Error()}
	case errors.Is(err, fs.ErrPermission):
		return &refusal{KindPermission, "vanban không có quyền đọc tệp này; hãy cho phép đọc rồi thả lại", err.Error()}
	}
	return &refusal{KindPermission, "không mở được tệp", err.Error()}
}

// reject records a refused file and says so.
func (p *Pipeline) reject(ctx context.Context, path string, info fs.FileInfo, r refusal) Result {
	rej := store.Rejection{Path: path, Name: filepath.Base(path), Format: strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), "."),
		Kind: r.kind, Reason: r.reason, Error: r.detail}
	if info != nil {
		rej.Size, rej.ModTime = info.Size(), info.ModTime()
	}
	if l, err := p.Store.LocationOf(ctx, path); err == nil && l != nil && l.Rejected && l.ErrorKind == r.kind &&
		l.Size == rej.Size && l.ModTime.Equal(rej.ModTime) && !RetryRejected(r.kind) {
		return Result{Path: path, Name: rej.Name, Format: rej.Format, Outcome: Unchanged,
			Message: "không đổi: " + r.reason + " (đã ghi nhận trước đó)", Reason: r.reason, Kind: r.kind}
	}
	if err := p.Store.Reject(context.WithoutCancel(ctx), rej); err != nil {
		return errorResult(path, err)
	}
	return Result{Path: path, Name: rej.Name, Format: rej.Format, Outcome: Failed, Message: "lỗi: " + r.reason,
		Reason: r.reason, Kind: r.kind, Error: r.detail}
}

// RetryRejected reports whether a file refused for this kind of reason
// is looked at again each time the watcher sees it: a permission, a
// broken link or a vanished file can be mended without the file itself
// changing. A type vanban does not read, or a link pointing out of the
// folder, stays refused until it changes.
func RetryRejected(kind string) bool {
	return kind == KindPermission || kind == KindVanished || kind == KindBrokenLink
}
