package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"vanban"
	"vanban/ingest"
	"vanban/store"
)

// DocFilter selects documents for Summaries.
type DocFilter = store.Filter

// Summaries lists the documents f selects, as the store summarizes them.
func (a *App) Summaries(ctx context.Context, f DocFilter) ([]store.DocumentSummary, error) {
	return a.db.Documents(ctx, f)
}

// Documents lists every document, failed files included, newest first by
// date, as the document list shows them.
func (a *App) Documents(ctx context.Context) ([]DocInfo, error) {
	sums, err := a.db.Documents(ctx, store.Filter{Failed: true})
	if err != nil {
		return nil, err
	}
	out := make([]DocInfo, 0, len(sums))
	for _, s := range sums {
		info, err := a.docInfo(ctx, s)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

func (a *App) docInfo(ctx context.Context, s store.DocumentSummary) (DocInfo, error) {
	files, err := a.db.Files(ctx, s.ID)
	if err != nil {
		return DocInfo{}, err
	}
	info := DocInfo{
		ID: s.ID, Type: s.DocType, Reference: s.Reference, Date: s.Date, Issuer: s.Issuer, Title: s.Title,
		Status: vanban.DocIngested, Rows: s.Tasks, ReportItems: s.Items, IngestedAt: s.IngestedAt,
		Confidence: s.Confidence,
	}
	for _, f := range files {
		// Current files only: the readable renditions, or the failed
		// file of a document that could not be read at all.
		if f.SupersededBy == 0 && (f.Status == vanban.ReadOK || s.Status == vanban.ReadFailed) {
			info.Files = append(info.Files, fileRef(f))
		}
	}
	if err := a.correctInfo(ctx, &info); err != nil {
		return DocInfo{}, err
	}
	switch {
	case s.Status == vanban.ReadFailed:
		info.Status, info.Reason = vanban.DocFailed, s.Reason
	case s.SupersededBy != 0:
		info.Status = vanban.DocSuperseded
		l := a.link(ctx, s.SupersededBy, "")
		info.SupersededBy = &l
	}
	return info, nil
}

func fileRef(f store.FileInfo) FileRef {
	return FileRef{ID: f.ID, Name: f.Name, Format: f.Format, Size: f.Size, Primary: f.Primary}
}

// link describes another document; ref is what to show when the store
// does not hold it.
func (a *App) link(ctx context.Context, id int64, ref string) DocLink {
	if id == 0 {
		return DocLink{Reference: ref}
	}
	s, err := a.db.Summary(ctx, id)
	if err != nil {
		return DocLink{ID: id, Reference: ref}
	}
	return DocLink{ID: id, Reference: s.Reference, Type: s.DocType, Title: s.Title, Issuer: s.Issuer, Date: s.Date}
}

// Document returns document id with its rows and links, as its page
// shows it.
func (a *App) Document(ctx context.Context, id int64) (*DocPage, error) {
	s, err := a.db.Summary(ctx, id)
	if err != nil {
		return nil, notFound(err, "không có văn bản số %d trong kho", id)
	}
	info, err := a.docInfo(ctx, *s)
	if err != nil {
		return nil, err
	}
	p := &DocPage{Info: info}
	if p.Corrections, err = a.db.Corrections(ctx, id); err != nil {
		return nil, err
	}
	if p.Doc, p.RowKeys, err = a.documentKeyed(ctx, id); err != nil {
		if s.Status != vanban.ReadFailed {
			return nil, notFound(err, "không có văn bản số %d trong kho", id)
		}
		p.Doc = nil // a file that could not be read has no reading
	}
	links, err := a.db.Links(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		dl := a.link(ctx, l.DocID, l.Ref)
		switch {
		case l.Kind == "cites" && !l.Incoming:
			p.Cites = append(p.Cites, dl)
		case l.Kind == "cites":
			p.CitedBy = append(p.CitedBy, dl)
		case !l.Incoming: // supersedes a draft, replaces an older plan
			p.Supersedes = append(p.Supersedes, dl)
		}
	}
	a.addStates(ctx, p)
	return p, nil
}

// Shown is one document as `vanban show` prints it: its summary, its
// files, its links and its reading.
type Shown struct {
	Summary  *store.DocumentSummary `json:"summary"`
	Files    []store.FileInfo       `json:"files"`
	Links    []store.Link           `json:"links"`
	Document *vanban.Document       `json:"document"`
}

// Show finds the document ref names (a reference, an id or a file name).
func (a *App) Show(ctx context.Context, ref string) (*Shown, error) {
	var s Shown
	var err error
	if s.Document, err = a.findDocument(ctx, ref); err != nil {
		return nil, notFound(err, "không tìm thấy văn bản %q (xem vanban docs)", ref)
	}
	id := s.Document.ID
	if s.Summary, err = a.db.Summary(ctx, id); err != nil {
		return nil, err
	}
	if s.Files, err = a.db.Files(ctx, id); err != nil {
		return nil, err
	}
	if s.Links, err = a.db.Links(ctx, id); err != nil {
		return nil, err
	}
	return &s, nil
}

// Summary returns one document's summary.
func (a *App) Summary(ctx context.Context, id int64) (*store.DocumentSummary, error) {
	s, err := a.db.Summary(ctx, id)
	return s, notFound(err, "không có văn bản số %d trong kho", id)
}

// OpenFile opens vanban's own copy of a file, never the original: the
// copy is what was read, and it stays when the original moves.
func (a *App) OpenFile(ctx context.Context, id int64) (FileRef, io.ReadSeekCloser, error) {
	f, err := a.db.File(ctx, id)
	if err != nil {
		return FileRef{}, nil, notFound(err, "không có tệp số %d", id)
	}
	if !ingest.Inside(f.Stored, a.dir) {
		return FileRef{}, nil, vanban.Errorf(vanban.EInternal, "bản lưu của tệp %d nằm ngoài thư mục dữ liệu (%s)", id, f.Stored)
	}
	// The store opens it: a shared store fetches a copy another node
	// kept into this node's cache first.
	rc, _, err := a.db.OpenFile(ctx, id)
	if err != nil {
		return FileRef{}, nil, err
	}
	return fileRef(*f), rc, nil
}

// FileState tells what became of the file at an absolute path (an
// upload, a file dropped into the watched folder).
func (a *App) FileState(ctx context.Context, path string) (FileState, error) {
	if p, ok := a.uploads.readingOf(path); ok {
		return FileState{State: vanban.FilePending, Done: p.Done, Total: p.Total,
			Reason: fmt.Sprintf("đang nhận dạng chữ (OCR): trang %d/%d", p.Done, p.Total)}, nil
	}
	if r, ok := a.uploads.get(path); ok {
		return fileState(r), nil
	}
	loc, err := a.db.LocationOf(ctx, path)
	if err != nil || loc == nil {
		return FileState{State: vanban.FilePending}, err
	}
	f, err := a.db.File(ctx, loc.FileID)
	if err != nil {
		return FileState{}, err
	}
	if f.Status == vanban.ReadFailed {
		return FileState{State: vanban.FileFailed, DocID: f.DocID, Reason: f.Reason}, nil
	}
	return FileState{State: vanban.FileIngested, DocID: f.DocID}, nil
}

// Failures lists the files that could not be read, with their reasons.
func (a *App) Failures(ctx context.Context) ([]store.FileInfo, error) {
	return a.db.Failures(ctx)
}

// UnitRow is a unit as the store counts it, and whether the alias table
// knows it (an unknown name may want an alias).
type UnitRow struct {
	store.UnitCount
	Known bool `json:"known"`
}

// Units lists every unit and group seen in current documents; with
// unknownOnly, only the units the alias table does not know.
func (a *App) Units(ctx context.Context, unknownOnly bool) ([]UnitRow, error) {
	units, err := a.db.Units(ctx)
	if err != nil {
		return nil, err
	}
	rows := []UnitRow{}
	for _, u := range units {
		_, _, known := a.aliases.Canonical(u.Name)
		if !unknownOnly || !known && u.Kind == vanban.KindUnit {
			rows = append(rows, UnitRow{u, known})
		}
	}
	return rows, nil
}

// uploadLog remembers what the watcher made of each recent file, so the
// upload page can tell "failed" even for a file nothing was stored for.
type uploadLog struct {
	mu    sync.Mutex
	byKey map[string]ingest.Result
	order []string
	// reading is how far the files being read have come (a scan's OCR).
	reading map[string]ingest.Progress
}

const uploadLogSize = 1000

func newUploadLog() *uploadLog {
	return &uploadLog{byKey: map[string]ingest.Result{}, reading: map[string]ingest.Progress{}}
}

// progress notes how far a file's reading has come.
func (l *uploadLog) progress(p ingest.Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reading[p.Path] = p
}

func (l *uploadLog) record(r ingest.Result) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.reading, r.Path)
	if _, ok := l.byKey[r.Path]; !ok {
		l.order = append(l.order, r.Path)
	}
	l.byKey[r.Path] = r
	if len(l.order) > uploadLogSize {
		delete(l.byKey, l.order[0])
		l.order = l.order[1:]
	}
}

func (l *uploadLog) get(path string) (ingest.Result, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.byKey[path]
	return r, ok
}

// reading returns how far the file at path being read has come.
func (l *uploadLog) readingOf(path string) (ingest.Progress, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.reading[path]
	return p, ok
}

// fileState reads an ingest result as the upload page shows it.
func fileState(r ingest.Result) FileState {
	switch r.Outcome {
	case ingest.Stored:
		return FileState{State: vanban.FileIngested, DocID: r.DocID}
	case ingest.Unchanged:
		return FileState{State: vanban.FileDuplicate, DocID: r.DocID}
	case ingest.Failed, ingest.Skipped:
		return FileState{State: vanban.FileFailed, DocID: r.DocID, Reason: firstNonEmpty(r.Reason, r.Message)}
	}
	// Nothing stored (interrupted, unreadable for now): the watcher
	// takes the file again, so it is still on its way.
	return FileState{State: vanban.FilePending, Reason: r.Message}
}

// notFound turns the store's not-found into an ENotFound error with a
// message for the user; other errors pass unchanged.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, store.ErrNotFound) {
		return vanban.Wrap(vanban.ENotFound, err, format, args...)
	}
	return err
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }
