package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"vanban"
)

// fileRow is what the writer needs of a stored file.
type fileRow struct {
	id, docID  int64
	status     vanban.ReadStatus
	path       string
	superseded bool
}

// StoreDocument stores the reading of a file in one transaction: the
// file's row, its location, and — when it is the document's best
// rendition — the document's metadata and rows, replacing the old ones.
//
// Which document a file belongs to: content stored before is a duplicate
// (nothing changes unless in.Reread); a numbered document with the same
// reference, issuer and date as a stored one is that document (another
// rendition or a newer version); an unnumbered one joins a document with
// the same type, issuer, title and date only as a rendition in another
// format; otherwise the document last read at the same path; otherwise a
// new document.
func (s *DB) StoreDocument(ctx context.Context, in Incoming, doc *vanban.Document) (Stored, error) {
	var res Stored
	err := s.write(ctx, func(tx *tx) error {
		w := &writer{ctx: ctx, tx: tx, now: stamp(s.Now())}
		var err error
		res, err = w.storeDocument(in, doc)
		return err
	})
	if err != nil {
		return Stored{}, fmt.Errorf("store %s: %w", in.Name, err)
	}
	return res, nil
}

// StoreFailure records in one transaction that a file could not be read.
// A new file becomes a document with status "failed"; a new version of a
// document that could not be read leaves the document's rows as they
// were and notes the failure on it. Content that failed before counts
// one more attempt.
func (s *DB) StoreFailure(ctx context.Context, in Incoming, fail Failure) (Stored, error) {
	var res Stored
	err := s.write(ctx, func(tx *tx) error {
		w := &writer{ctx: ctx, tx: tx, now: stamp(s.Now())}
		var err error
		res, err = w.storeFailure(in, fail)
		return err
	})
	if err != nil {
		return Stored{}, fmt.Errorf("store failure of %s: %w", in.Name, err)
	}
	return res, nil
}

// StoreDuplicate records that in.Path holds content stored before (the
// same sha256), so that a later scan finding the same size and time skips
// it. Nothing else changes, except when the path went back to an older
// version's exact bytes: that version becomes current again and the
// result's Action is ActionRestored, asking the caller to read the file
// again and store it with Reread. ErrNotFound when the content is new.
func (s *DB) StoreDuplicate(ctx context.Context, in Incoming) (Stored, error) {
	var res Stored
	err := s.write(ctx, func(tx *tx) error {
		w := &writer{ctx: ctx, tx: tx, now: stamp(s.Now())}
		known, err := w.fileBySHA(in.Blob.SHA256)
		if err != nil {
			return err
		}
		if known == nil {
			return ErrNotFound
		}
		res, err = w.duplicate(in, known)
		return err
	})
	return res, err
}

// Forget drops what the store knows of where files were seen at paths
// (their originals were deleted or moved). Documents and their files stay.
func (s *DB) Forget(ctx context.Context, paths []string) error {
	return s.write(ctx, func(tx *tx) error {
		for _, p := range paths {
			if _, err := tx.ExecContext(ctx, `DELETE FROM locations WHERE path = ?`, p); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM rejections WHERE path = ?`, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// writer is one write transaction.
type writer struct {
	ctx     context.Context
	tx      *tx
	now     string
	parties map[partyKey]int64
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	return w.tx.ExecContext(w.ctx, query, args...)
}

// queryRow runs a query for one row; errors surface from Scan.
func (w *writer) queryRow(query string, args ...any) *sql.Row {
	return w.tx.QueryRowContext(w.ctx, query, args...)
}

func (w *writer) storeDocument(in Incoming, doc *vanban.Document) (Stored, error) {
	known, err := w.fileBySHA(in.Blob.SHA256)
	if err != nil {
		return Stored{}, err
	}
	switch {
	case known != nil && known.status == vanban.ReadOK && in.Reread:
		return w.reread(in, known, doc)
	case known != nil && known.status == vanban.ReadOK:
		return w.duplicate(in, known)
	case known != nil && !in.Reread:
		return w.duplicate(in, known) // failed before; retried only on request
	}
	// New content, or content that failed before and reads now.
	lineage := int64(0)
	if known != nil {
		lineage = known.docID
	} else if lineage, err = w.docAtPath(in.Path); err != nil {
		return Stored{}, err
	} else if lineage != 0 {
		// Another document saved under an old file name is a new
		// document: only the same document changed is a new version.
		if same, err := w.sameIdentity(lineage, doc.Meta); err != nil {
			return Stored{}, err
		} else if !same {
			lineage = 0
		}
	}
	var res Stored
	if res.DocID, err = w.sameDocument(doc, in.Format); err != nil {
		return Stored{}, err
	}
	switch {
	case res.DocID != 0:
		res.Action = ActionRendition
	case lineage != 0:
		res.DocID, res.Action = lineage, ActionVersion
	default:
		res.Action = ActionNew
		if res.DocID, err = w.newDocument(in, vanban.ReadOK); err != nil {
			return Stored{}, err
		}
	}
	if lineage != 0 && lineage != res.DocID {
		if res.Removed, err = w.leave(lineage, res.DocID); err != nil {
			return Stored{}, err
		}
	}
	if known != nil {
		res.FileID = known.id
		err = w.adoptFile(known.id, res.DocID, doc)
	} else {
		res.FileID, err = w.insertFile(res.DocID, in, doc.Pages, vanban.ReadOK, Failure{})
	}
	if err != nil {
		return Stored{}, err
	}
	superseded, err := w.supersede(res.DocID, res.FileID, in.Format)
	if err != nil {
		return Stored{}, err
	}
	if superseded && res.Action == ActionRendition {
		res.Action = ActionVersion
	}
	if res, err = w.finish(res, in, doc); err != nil {
		return Stored{}, err
	}
	if lineage != 0 && lineage != res.DocID && len(res.Removed) == 0 {
		// The path moved to another document: the old one's failure
		// note may have been about it.
		err = w.refreshError(lineage)
	}
	return res, err
}

// reread stores a new reading of readable content stored before.
func (w *writer) reread(in Incoming, known *fileRow, doc *vanban.Document) (Stored, error) {
	if _, err := w.exec(`UPDATE files SET pages = ?, attempts = attempts + 1, ingested_at = ? WHERE id = ?`,
		doc.Pages, w.now, known.id); err != nil {
		return Stored{}, err
	}
	return w.finish(Stored{DocID: known.docID, FileID: known.id, Action: ActionReread}, in, doc)
}

// finish writes the document's reading when res.FileID is (now) its best
// file, and records the location.
func (w *writer) finish(res Stored, in Incoming, doc *vanban.Document) (Stored, error) {
	primary, err := w.bestFile(res.DocID)
	if err != nil {
		return Stored{}, err
	}
	if primary == res.FileID {
		res.Primary, res.Changed = true, true
		if err := w.writeDocument(res.DocID, res.FileID, in, doc); err != nil {
			return Stored{}, err
		}
	}
	if err := w.locate(in.Path, res.FileID, in.Blob.Size, in.ModTime); err != nil {
		return Stored{}, err
	}
	return res, w.refreshError(res.DocID)
}

func (w *writer) storeFailure(in Incoming, fail Failure) (Stored, error) {
	known, err := w.fileBySHA(in.Blob.SHA256)
	if err != nil {
		return Stored{}, err
	}
	if known != nil && known.status == vanban.ReadOK {
		// A reread of readable content failed (a flaky extractor): keep
		// the reading we have.
		return w.duplicate(in, known)
	}
	res := Stored{Action: ActionFailed}
	if known != nil {
		res.DocID, res.FileID = known.docID, known.id
		_, err = w.exec(`UPDATE files SET error_kind = ?, reason = ?, error = ?, attempts = attempts + 1, ingested_at = ? WHERE id = ?`,
			fail.Kind, fail.Reason, fail.Error, w.now, known.id)
	} else {
		if res.DocID, err = w.docAtPath(in.Path); err != nil {
			return Stored{}, err
		}
		if res.DocID == 0 {
			if res.DocID, err = w.newDocument(in, vanban.ReadFailed); err != nil {
				return Stored{}, err
			}
		}
		res.FileID, err = w.insertFile(res.DocID, in, 0, vanban.ReadFailed, fail)
	}
	if err != nil {
		return Stored{}, err
	}
	if err := w.refreshFailedDocument(res.DocID, res.FileID); err != nil {
		return Stored{}, err
	}
	if err := w.locate(in.Path, res.FileID, in.Blob.Size, in.ModTime); err != nil {
		return Stored{}, err
	}
	return res, w.refreshError(res.DocID)
}

// duplicate records a known content at a (maybe new) path. A path that
// went back to an older version's exact bytes (restored from a backup)
// makes that version current again.
func (w *writer) duplicate(in Incoming, known *fileRow) (Stored, error) {
	res := Stored{DocID: known.docID, FileID: known.id, Action: ActionDuplicate, Same: known.path}
	if known.superseded {
		at, err := w.fileAtPath(in.Path)
		if err != nil {
			return Stored{}, err
		}
		if at != 0 && at != known.id {
			return w.restore(in, known)
		}
	}
	if err := w.locate(in.Path, known.id, in.Blob.Size, in.ModTime); err != nil {
		return Stored{}, err
	}
	return res, w.refreshError(known.docID)
}

// restore makes a superseded version current again; its rows come back
// when the store reads it again (Reread), so it reports the document as
// needing a reread rather than inventing rows.
func (w *writer) restore(in Incoming, known *fileRow) (Stored, error) {
	if _, err := w.exec(`UPDATE files SET superseded_by = NULL WHERE id = ?`, known.id); err != nil {
		return Stored{}, err
	}
	var format string
	if err := w.queryRow(`SELECT format FROM files WHERE id = ?`, known.id).Scan(&format); err != nil {
		return Stored{}, err
	}
	if _, err := w.supersede(known.docID, known.id, format); err != nil {
		return Stored{}, err
	}
	if err := w.locate(in.Path, known.id, in.Blob.Size, in.ModTime); err != nil {
		return Stored{}, err
	}
	return Stored{DocID: known.docID, FileID: known.id, Action: ActionRestored, Same: known.path}, nil
}

func (w *writer) fileBySHA(sha string) (*fileRow, error) {
	f := &fileRow{}
	err := w.queryRow(`SELECT id, document_id, status, path, superseded_by IS NOT NULL FROM files WHERE sha256 = ?`, sha).
		Scan(&f.id, &f.docID, &f.status, &f.path, &f.superseded)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return f, err
}

// docAtPath returns the document of the content last seen at path, or 0.
func (w *writer) docAtPath(path string) (int64, error) {
	var id int64
	err := w.queryRow(`SELECT f.document_id FROM locations l JOIN files f ON f.id = l.file_id WHERE l.path = ?`, path).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// fileAtPath returns the file last seen at path, or 0.
func (w *writer) fileAtPath(path string) (int64, error) {
	var id int64
	err := w.queryRow(`SELECT file_id FROM locations WHERE path = ?`, path).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// sameDocument finds a stored document that doc is a rendition or a
// version of (see StoreDocument), or 0.
func (w *writer) sameDocument(doc *vanban.Document, format string) (int64, error) {
	m := doc.Meta
	var id int64
	var err error
	if m.Reference != "" {
		err = w.queryRow(`SELECT id FROM documents WHERE status = 'ok' AND ref_key = ? AND issuer_key = ? AND date = ? ORDER BY id LIMIT 1`,
			RefKey(m.Reference), Fold(m.Issuer), encodeDate(m.Date)).Scan(&id)
	} else if Fold(m.Title) != "" {
		// Only a rendition in another format: two drafts of one plan in
		// the same format are two documents.
		err = w.queryRow(`SELECT id FROM documents WHERE status = 'ok' AND ref_key = '' AND type_key = ? AND issuer_key = ? AND title_key = ? AND date = ?
			AND NOT EXISTS (SELECT 1 FROM files f WHERE f.document_id = documents.id AND f.status = 'ok' AND f.format = ?)
			ORDER BY id LIMIT 1`,
			Fold(m.DocType), Fold(m.Issuer), Fold(m.Title), encodeDate(m.Date), format).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// sameIdentity reports whether document id, which a path held before,
// is the document meta describes, changed: the same reference (and
// issuer), or for documents without a number the same type with much
// the same title. A document none of whose files could be read has no
// identity yet: what reads at its path now is it.
func (w *writer) sameIdentity(id int64, meta vanban.Meta) (bool, error) {
	var status vanban.ReadStatus
	var ref, issuer, typ, title string
	err := w.queryRow(`SELECT status, ref_key, issuer_key, type_key, title_key FROM documents WHERE id = ?`, id).
		Scan(&status, &ref, &issuer, &typ, &title)
	if err != nil {
		return false, err
	}
	switch {
	case status == vanban.ReadFailed:
		return true, nil
	case ref != "" || meta.Reference != "":
		return ref == RefKey(meta.Reference) && (issuer == "" || meta.Issuer == "" || issuer == Fold(meta.Issuer)), nil
	}
	return typ == Fold(meta.DocType) && similarTitles(title, Fold(meta.Title)), nil
}

// similarTitles reports whether two folded titles share most of their
// words: an edited draft keeps its subject.
func similarTitles(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == 0 || len(wb) == 0 {
		return len(wa) == len(wb)
	}
	seen := map[string]bool{}
	for _, w := range wa {
		seen[w] = true
	}
	common := 0
	for _, w := range wb {
		if seen[w] {
			common++
			delete(seen, w)
		}
	}
	return common*5 >= max(len(wa), len(wb))*4
}

// leave handles the document a path held before it came to hold a
// rendition of another document (target). A failed placeholder has its
// history moved into target and is deleted (returned); a readable
// document keeps its rows, only its failure note is brought up to date.
func (w *writer) leave(lineage, target int64) ([]int64, error) {
	var status vanban.ReadStatus
	if err := w.queryRow(`SELECT status FROM documents WHERE id = ?`, lineage).Scan(&status); err != nil {
		return nil, err
	}
	if status != vanban.ReadFailed {
		return nil, nil
	}
	if _, err := w.exec(`UPDATE files SET document_id = ? WHERE document_id = ?`, target, lineage); err != nil {
		return nil, err
	}
	if _, err := w.exec(`DELETE FROM documents WHERE id = ?`, lineage); err != nil {
		return nil, err
	}
	if _, err := nextRevision(w.ctx, w.tx, lineage); err != nil {
		return nil, err
	}
	return []int64{lineage}, nil
}

// newDocument inserts a document row describing in, without metadata.
func (w *writer) newDocument(in Incoming, status vanban.ReadStatus) (int64, error) {
	var id int64
	err := w.queryRow(`INSERT INTO documents (status, file_name, path, sha256, format, size, ingested_at, updated_at, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`,
		status, in.Name, in.Path, in.Blob.SHA256, in.Format, in.Blob.Size, w.now, w.now).Scan(&id)
	return id, err
}

func (w *writer) insertFile(docID int64, in Incoming, pages int, status vanban.ReadStatus, fail Failure) (int64, error) {
	var id int64
	mtime := ""
	if !in.ModTime.IsZero() {
		mtime = stamp(in.ModTime)
	}
	err := w.queryRow(`INSERT INTO files (document_id, sha256, name, path, format, size, pages, mtime, stored, status, error_kind, reason, error, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		docID, in.Blob.SHA256, in.Name, in.Path, in.Format, in.Blob.Size, pages, mtime, in.Blob.Rel,
		status, fail.Kind, fail.Reason, fail.Error, w.now).Scan(&id)
	if err != nil {
		return 0, err
	}
	return id, putBlob(w.ctx, w.tx, in.Blob)
}

// adoptFile turns a file that failed before into a readable file of docID.
func (w *writer) adoptFile(id, docID int64, doc *vanban.Document) error {
	_, err := w.exec(`UPDATE files SET document_id = ?, status = 'ok', pages = ?, error_kind = '', reason = '', error = '',
		attempts = attempts + 1, ingested_at = ? WHERE id = ?`, docID, doc.Pages, w.now, id)
	return err
}

// supersede marks the document's other current files of the same format
// as older versions of file id, and reports whether there were any.
func (w *writer) supersede(docID, id int64, format string) (bool, error) {
	r, err := w.exec(`UPDATE files SET superseded_by = ? WHERE document_id = ? AND id <> ? AND format = ? AND status = 'ok' AND superseded_by IS NULL`,
		id, docID, id, format)
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n > 0, err
}

// bestFile returns the file the document's rows should come from: a
// current readable file, DOCX before PDF, the newest among equals.
func (w *writer) bestFile(docID int64) (int64, error) {
	var id int64
	err := w.queryRow(`SELECT id FROM files WHERE document_id = ? AND status = 'ok' AND superseded_by IS NULL
		ORDER BY format = 'docx' DESC, id DESC LIMIT 1`, docID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// writeDocument makes file fileID (read as doc) the document's primary
// file: metadata, text, rows and links, under a new revision.
func (w *writer) writeDocument(docID, fileID int64, in Incoming, doc *vanban.Document) error {
	rev, err := nextRevision(w.ctx, w.tx, docID)
	if err != nil {
		return err
	}
	m := doc.Meta
	_, err = w.exec(`UPDATE documents SET status = 'ok', file_id = ?, file_name = ?, path = ?, sha256 = ?, format = ?, size = ?, pages = ?,
		doc_type = ?, number = ?, symbol = ?, reference = ?, issuer = ?, place = ?, date = ?, title = ?, signer = ?, signer_title = ?,
		annual_report_due = ?, report_to = ?, warnings = ?, ref_key = ?, issuer_key = ?, type_key = ?, title_key = ?,
		answers = ?, confidence = ?, ocr = ?, updated_at = ?, revision = ? WHERE id = ?`,
		fileID, in.Name, in.Path, in.Blob.SHA256, in.Format, in.Blob.Size, doc.Pages,
		m.DocType, m.Number, m.Symbol, m.Reference, m.Issuer, m.Place, encodeDate(m.Date), m.Title, m.Signer, m.SignerTitle,
		m.AnnualReportDue, m.ReportTo, encodeJSON(doc.Warnings), RefKey(m.Reference), Fold(m.Issuer), Fold(m.DocType), Fold(m.Title),
		encodeJSON(m.Answers), encodeJSON(doc.Confidence), encodeJSON(doc.OCR), w.now, rev, docID)
	if err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO doc_text (document_id, text) VALUES (?, ?)
		ON CONFLICT (document_id) DO UPDATE SET text = excluded.text`, docID, doc.Text); err != nil {
		return err
	}
	if err := w.replaceRows(docID, doc); err != nil {
		return err
	}
	return w.writeLinks(docID, m)
}

// refreshFailedDocument points a failed document at its latest attempt.
func (w *writer) refreshFailedDocument(docID, fileID int64) error {
	_, err := w.exec(`UPDATE documents SET file_id = f.id, file_name = f.name, path = f.path, sha256 = f.sha256,
		format = f.format, size = f.size, updated_at = ?
		FROM files f WHERE f.id = ? AND documents.id = ? AND documents.status = 'failed'`, w.now, fileID, docID)
	return err
}

// refreshError notes on a document the failure of the newest unreadable
// file still at a path of it, or clears the note when there is none.
func (w *writer) refreshError(docID int64) error {
	var kind, reason, msg string
	err := w.queryRow(`SELECT f.error_kind, f.reason, f.error FROM locations l JOIN files f ON f.id = l.file_id
		WHERE f.document_id = ? AND f.status = 'failed' ORDER BY f.ingested_at DESC, f.id DESC LIMIT 1`, docID).Scan(&kind, &reason, &msg)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = w.exec(`UPDATE documents SET error_kind = ?, reason = ?, error = ? WHERE id = ?`, kind, reason, msg, docID)
	return err
}

// locate records that path holds file fileID.
func (w *writer) locate(path string, fileID, size int64, mtime time.Time) error {
	if path == "" {
		return nil
	}
	var ns int64
	if !mtime.IsZero() {
		ns = mtime.UnixNano()
	}
	_, err := w.exec(`INSERT INTO locations (path, file_id, size, mtime_ns, seen_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET file_id = excluded.file_id, size = excluded.size, mtime_ns = excluded.mtime_ns, seen_at = excluded.seen_at`,
		path, fileID, size, ns, w.now)
	if err != nil {
		return err
	}
	// The path holds content now: what was refused there is past.
	_, err = w.exec(`DELETE FROM rejections WHERE path = ?`, path)
	return err
}
