// Package ingest turns a file path into a stored document: it hashes the
// file, skips content the store already has, keeps a content-addressed
// copy in the data folder, runs the extractor on that copy (never on the
// original, which may change or vanish meanwhile) under a time limit, and
// stores the reading — or the reason it failed — in one transaction.
//
// The extractor is injected (Extractor): cmd/vanban passes the real one,
// tests a fake. Hooks tell other components (the search index) what
// changed, in step with the store.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vanban"
	"vanban/extract/layout"
	"vanban/store"
)

// Extractor reads the file at path into a Document. Errors wrap the
// sentinels of package extract/layout (ErrNoText, ErrEncrypted, …). It
// should honour ctx; when it does not, the pipeline stops waiting for it
// at the deadline anyway.
type Extractor func(ctx context.Context, path string) (*vanban.Document, error)

// Hooks are called after the store committed a change. They run on the
// ingesting goroutine, so they should be quick (an index update).
type Hooks struct {
	// OnStored is called when a document's metadata or rows changed: a
	// new document, a new version, a better rendition, a reread. Not for
	// unchanged files, secondary renditions (a PDF beside its DOCX) or
	// failures.
	OnStored func(ctx context.Context, docID int64)
	// OnRemoved is called when a document was deleted: a failed file's
	// placeholder merged into the document it turned out to belong to.
	OnRemoved func(ctx context.Context, docID int64)
}

// Retry says which content that failed before is read again.
type Retry int

const (
	RetryNone      Retry = iota // failed content is retried only when it changes
	RetryTransient              // and after a timeout or crash, up to MaxAttempts
	RetryAll                    // every failed content, on request
)

// MaxAttempts bounds how often RetryTransient reads the same content.
const MaxAttempts = 3

// Pipeline ingests files into a store.
type Pipeline struct {
	Store   Store
	Extract Extractor
	Hooks   Hooks
	// Timeout bounds one file's extraction; 0 means none.
	Timeout time.Duration
	Retry   Retry
	// Reread reads readable content again too (after an extractor
	// upgrade), instead of reporting it unchanged.
	Reread bool
	// Progress, when set, is told how far the reading of a file has come
	// (the scanned pages of a scan read by OCR).
	Progress func(Progress)
	// Root, when set, is the watched folder the files come from: a file
	// whose real path lies outside it (through a link) is refused and
	// recorded, never read. Files named by an operator have no root, and
	// links among them are followed.
	Root string
}

// Outcome is what ingesting a file came to.
type Outcome string

const (
	Stored    Outcome = "stored"    // its reading is in the store
	Unchanged Outcome = "unchanged" // the store had this content already
	Failed    Outcome = "failed"    // it could not be read; the reason is stored
	Skipped   Outcome = "skipped"   // not a document vanban takes in
	Error     Outcome = "error"     // it could not be ingested at all (unreadable, interrupted); nothing stored
)

// Result is the outcome of ingesting one file.
type Result struct {
	Path    string       `json:"path"`
	Name    string       `json:"name"`
	Format  string       `json:"format,omitempty"`
	Outcome Outcome      `json:"outcome"`
	Action  store.Action `json:"action,omitempty"`
	DocID   int64        `json:"doc_id,omitempty"`
	FileID  int64        `json:"file_id,omitempty"`
	// Primary is true when the document's rows now come from this file.
	Primary   bool          `json:"primary,omitempty"`
	Reference string        `json:"reference,omitempty"`
	Tasks     int           `json:"tasks,omitempty"`
	Items     int           `json:"report_items,omitempty"`
	Message   string        `json:"message"`          // one line for the user, in Vietnamese
	Reason    string        `json:"reason,omitempty"` // why it failed, in Vietnamese
	Kind      string        `json:"error_kind,omitempty"`
	Error     string        `json:"error,omitempty"` // the technical error
	Err       error         `json:"-"`
	Started   time.Time     `json:"started"`
	Duration  time.Duration `json:"duration_ns"`
}

// File ingests the file at path. It never panics and always returns a
// result; ctx cancellation stops an extraction in progress and leaves
// nothing stored for the file (Outcome Error), so that it is taken again
// next time.
func (p *Pipeline) File(ctx context.Context, path string) Result {
	start := time.Now()
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	r := p.file(ctx, abs)
	r.Started, r.Duration = start, time.Since(start)
	if r.Err != nil && r.Error == "" {
		r.Error = r.Err.Error()
	}
	return r
}

func (p *Pipeline) file(ctx context.Context, path string) Result {
	name := filepath.Base(path)
	if !Candidate(name) {
		return skippedResult(path, "bỏ qua: tệp tạm hoặc tệp ẩn")
	}
	src, info, ref := p.open(path)
	if ref != nil {
		return p.reject(ctx, path, info, *ref)
	}
	if src == nil {
		return skippedResult(path, "bỏ qua: liên kết tới một thư mục")
	}
	defer src.Close()
	if hint := FormatHint(name); hint != "" {
		return p.reject(ctx, path, info, refusal{KindFormat, hint, "unsupported format " + filepath.Ext(name)})
	}
	in := store.Incoming{Path: path, Name: name, ModTime: info.ModTime(), Format: Format(name)}
	sha, size, err := store.Hash(src)
	if err != nil {
		return errorResult(path, err)
	}
	release, mine, err := p.claim(ctx, sha)
	if err != nil {
		return errorResult(path, err)
	}
	if !mine {
		return skippedResult(path, "bỏ qua: một máy khác đang đọc tệp này")
	}
	defer release()
	known, err := p.Store.Known(ctx, sha)
	if err != nil {
		return errorResult(path, err)
	}
	if known != nil && !p.reread(known) {
		in.Blob = store.Blob{SHA256: sha, Size: size}
		st, err := p.Store.StoreDuplicate(ctx, in)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return errorResult(path, err)
		}
		if err == nil && st.Action != store.ActionRestored {
			return p.unchanged(ctx, path, in, st)
		}
	}
	in.Reread = known != nil
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return errorResult(path, err)
	}
	if in.Blob, err = p.Store.KeepFrom(src, filepath.Ext(name)); err != nil {
		return errorResult(path, err)
	}
	if p.Progress != nil {
		ctx = context.WithValue(ctx, progressKey{}, func(done, total int) { p.Progress(Progress{Path: path, Done: done, Total: total}) })
	}
	doc, err := p.extract(ctx, in.Blob.Path)
	if errors.Is(err, context.Canceled) {
		return errorResult(path, fmt.Errorf("interrupted: %w", err))
	}
	// The reading is done: store it even if the time limit has passed
	// since (a timeout is itself a failure to store).
	ctx = context.WithoutCancel(ctx)
	if err != nil {
		return p.failed(ctx, in, errors.New(strings.ReplaceAll(err.Error(), filepath.Base(in.Blob.Path), name)), err)
	}
	return p.stored(ctx, in, doc)
}

// reread reports whether known content is read again.
func (p *Pipeline) reread(k *store.KnownFile) bool {
	if k.Status == vanban.ReadOK {
		return p.Reread
	}
	switch p.Retry {
	case RetryAll:
		return true
	case RetryTransient:
		return Transient(k.ErrorKind) && k.Attempts < MaxAttempts
	}
	return false
}

// extract runs the extractor under the pipeline's time limit. An
// extractor that ignores its context is left running in the background
// rather than allowed to stall the caller; a panic is an error.
func (p *Pipeline) extract(ctx context.Context, path string) (*vanban.Document, error) {
	if p.Timeout > 0 {
		timeout := p.Timeout
		if info, err := os.Stat(path); err == nil {
			timeout = layout.TimeFor(info.Size(), timeout)
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	type out struct {
		doc *vanban.Document
		err error
	}
	ch := make(chan out, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- out{nil, fmt.Errorf("%s: %v: %w", filepath.Base(path), v, errPanic)}
			}
		}()
		doc, err := p.Extract(ctx, path)
		if err == nil && doc == nil {
			err = fmt.Errorf("%s: extractor returned no document: %w", filepath.Base(path), errPanic)
		}
		ch <- out{doc, err}
	}()
	select {
	case o := <-ch:
		return o.doc, o.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s: extraction stopped at its time limit: %w", filepath.Base(path), ctx.Err())
		}
		return nil, ctx.Err()
	}
}

func (p *Pipeline) stored(ctx context.Context, in store.Incoming, doc *vanban.Document) Result {
	doc.File = in.Name
	st, err := p.Store.StoreDocument(ctx, in, doc)
	if err != nil {
		return errorResult(in.Path, err)
	}
	r := Result{Path: in.Path, Name: in.Name, Format: in.Format, Outcome: Stored, Action: st.Action, DocID: st.DocID, FileID: st.FileID,
		Primary: st.Primary, Reference: doc.Meta.Reference, Tasks: len(doc.Rows), Items: len(doc.ReportItems)}
	if st.Action == store.ActionDuplicate { // another worker stored the same content first
		r.Outcome = Unchanged
	}
	r.Message = storedMessage(r, st, doc)
	p.notify(ctx, st)
	return r
}

func (p *Pipeline) failed(ctx context.Context, in store.Incoming, shown, err error) Result {
	fail := Classify(err, in.Format)
	fail.Error = shown.Error()
	st, serr := p.Store.StoreFailure(ctx, in, fail)
	if serr != nil {
		return errorResult(in.Path, serr)
	}
	p.notify(ctx, st)
	return Result{Path: in.Path, Name: in.Name, Format: in.Format, Outcome: Failed, Action: st.Action, DocID: st.DocID, FileID: st.FileID,
		Message: "lỗi: " + fail.Reason, Reason: fail.Reason, Kind: fail.Kind, Error: fail.Error, Err: err}
}

func (p *Pipeline) unchanged(ctx context.Context, path string, in store.Incoming, st store.Stored) Result {
	r := Result{Path: path, Name: in.Name, Format: in.Format, Outcome: Unchanged, Action: st.Action, DocID: st.DocID, FileID: st.FileID,
		Message: "không đổi: đã nhập trước đó"}
	if st.Same != "" && st.Same != path {
		r.Message = "không đổi: trùng nội dung với " + st.Same
	}
	if sum, err := p.Store.Summary(ctx, st.DocID); err == nil {
		r.Reference, r.Tasks, r.Items = sum.Reference, sum.Tasks, sum.Items
		if sum.Status == vanban.ReadFailed {
			r.Reason, r.Kind, r.Error = sum.Reason, sum.ErrorKind, sum.Error
			r.Message += " (lỗi lần trước: " + sum.Reason + ")"
		}
	}
	return r
}

func (p *Pipeline) notify(ctx context.Context, st store.Stored) {
	if st.Changed && p.Hooks.OnStored != nil {
		p.Hooks.OnStored(ctx, st.DocID)
	}
	for _, id := range st.Removed {
		if p.Hooks.OnRemoved != nil {
			p.Hooks.OnRemoved(ctx, id)
		}
	}
}

// storedMessage says in Vietnamese what storing a file did.
func storedMessage(r Result, st store.Stored, doc *vanban.Document) string {
	what := "văn bản"
	if doc.Meta.DocType != "" {
		what = strings.ToLower(doc.Meta.DocType)
	}
	if r.Reference != "" {
		what += " " + r.Reference
	}
	counts := ""
	switch {
	case r.Tasks > 0:
		counts = fmt.Sprintf(" (%d nhiệm vụ)", r.Tasks)
	case r.Items > 0:
		counts = fmt.Sprintf(" (%d mục báo cáo)", r.Items)
	}
	format := strings.ToUpper(r.Format)
	switch st.Action {
	case store.ActionVersion:
		return "đã nhập phiên bản mới của " + what + counts
	case store.ActionRendition:
		if st.Primary {
			return "đã nhập bản " + format + " của " + what + ", dữ liệu lấy theo bản này" + counts
		}
		return "đã lưu bản " + format + " của " + what + " (dữ liệu giữ theo bản tốt hơn)"
	case store.ActionReread:
		return "đã đọc lại " + what + counts
	case store.ActionDuplicate:
		return "không đổi: đã nhập trước đó"
	}
	return "đã nhập " + what + counts
}

func errorResult(path string, err error) Result {
	reason := "không đọc được tệp"
	if errors.Is(err, os.ErrNotExist) {
		reason = "không tìm thấy tệp"
	} else if errors.Is(err, os.ErrPermission) {
		reason = "không có quyền đọc tệp"
	} else if errors.Is(err, context.Canceled) {
		reason = "bị dừng giữa chừng, sẽ nhập lại lần sau"
	}
	return Result{Path: path, Name: filepath.Base(path), Format: Format(path), Outcome: Error,
		Message: "lỗi: " + reason, Reason: reason, Error: err.Error(), Err: err}
}

func skippedResult(path, message string) Result {
	return Result{Path: path, Name: filepath.Base(path), Outcome: Skipped, Message: message}
}

// Progress is how far the reading of the file at Path has come: Done of
// Total scanned pages read by OCR.
type Progress struct {
	Path        string
	Done, Total int
}

type progressKey struct{}

// ProgressFunc returns the function an Extractor tells how far it has
// come with the file it reads, or nil.
func ProgressFunc(ctx context.Context) func(done, total int) {
	fn, _ := ctx.Value(progressKey{}).(func(done, total int))
	return fn
}
