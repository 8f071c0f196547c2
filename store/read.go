package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"vanban"
)

// DocumentSummary is a document as a list shows it.
type DocumentSummary struct {
	ID     int64             `json:"id"`
	Status vanban.ReadStatus `json:"status"`
	vanban.Meta
	FileName string   `json:"file_name"` // of the primary file
	Path     string   `json:"path"`      // where the primary file was found
	Format   string   `json:"format"`
	SHA256   string   `json:"sha256"`
	Size     int64    `json:"size"`
	Pages    int      `json:"pages"`
	Formats  []string `json:"formats"` // formats of its current readable files
	Files    int      `json:"files"`   // every file: renditions, versions, failures
	Tasks    int      `json:"tasks"`
	Items    int      `json:"report_items"`
	// SupersededBy is the issued document that supersedes this draft.
	SupersededBy int64 `json:"superseded_by,omitempty"`
	// ErrorKind, Reason and Error describe the latest failure: why a
	// failed document could not be read, or that a newer version of a
	// readable one could not (its rows are the older version's).
	ErrorKind  string    `json:"error_kind,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Error      string    `json:"error,omitempty"`
	IngestedAt time.Time `json:"ingested_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	Revision   int64     `json:"revision"`
	// Confidence of the reading of its tables; nil when none.
	Confidence *vanban.Confidence `json:"confidence,omitempty"`
}

// Filter selects documents for Documents.
type Filter struct {
	Type   string // document type, e.g. vanban.TypePlan; "" for all
	Issuer string // part of the issuer's name, compared without diacritics
	// Failed includes documents none of whose files could be read.
	Failed bool
}

const summaryColumns = `d.id, d.status, d.doc_type, d.number, d.symbol, d.reference, d.issuer, d.place, d.date, d.title,
	d.signer, d.signer_title, d.annual_report_due, d.report_to, d.file_name, d.path, d.format, d.sha256, d.size, d.pages,
	(SELECT group_concat(DISTINCT f.format) FROM files f WHERE f.document_id = d.id AND f.status = 'ok' AND f.superseded_by IS NULL),
	(SELECT count(*) FROM files f WHERE f.document_id = d.id),
	(SELECT count(*) FROM tasks t WHERE t.document_id = d.id),
	(SELECT count(*) FROM report_items r WHERE r.document_id = d.id),
	COALESCE((SELECT min(l.from_doc) FROM links l WHERE l.kind = 'supersedes' AND l.to_doc = d.id), 0),
	d.error_kind, d.reason, d.error, d.ingested_at, d.updated_at, d.revision, d.confidence`

func scanSummary(sc interface{ Scan(...any) error }) (DocumentSummary, error) {
	var d DocumentSummary
	var date, ingested, updated, confidence string
	var formats sql.NullString
	err := sc.Scan(&d.ID, &d.Status, &d.DocType, &d.Number, &d.Symbol, &d.Reference, &d.Issuer, &d.Place, &date, &d.Title,
		&d.Signer, &d.SignerTitle, &d.AnnualReportDue, &d.ReportTo, &d.FileName, &d.Path, &d.Format, &d.SHA256, &d.Size, &d.Pages,
		&formats, &d.Files, &d.Tasks, &d.Items, &d.SupersededBy,
		&d.ErrorKind, &d.Reason, &d.Error, &ingested, &updated, &d.Revision, &confidence)
	if err != nil {
		return d, err
	}
	d.Date = decodeDate(date)
	d.IngestedAt, d.UpdatedAt = parseStamp(ingested), parseStamp(updated)
	d.Confidence = decodeOptional[vanban.Confidence](confidence)
	if formats.String != "" {
		d.Formats = strings.Split(formats.String, ",")
		sort.Strings(d.Formats)
	}
	return d, nil
}

func (s *DB) summaries(ctx context.Context, where string, args ...any) ([]DocumentSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryColumns+` FROM documents d WHERE `+where+
		` ORDER BY d.date DESC, d.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DocumentSummary
	for rows.Next() {
		d, err := scanSummary(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Documents lists documents, newest date first.
func (s *DB) Documents(ctx context.Context, f Filter) ([]DocumentSummary, error) {
	where, args := "d.status = 'ok'", []any{}
	if f.Failed {
		where = "1"
	}
	if f.Type != "" {
		where += " AND d.type_key = ?"
		args = append(args, Fold(f.Type))
	}
	if f.Issuer != "" {
		where += " AND instr(d.issuer_key, ?) > 0"
		args = append(args, Fold(f.Issuer))
	}
	return s.summaries(ctx, where, args...)
}

// Summary returns one document's summary.
func (s *DB) Summary(ctx context.Context, id int64) (*DocumentSummary, error) {
	d, err := s.summaries(ctx, "d.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(d) == 0 {
		return nil, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return &d[0], nil
}

// Document returns a document as it was extracted from its primary file:
// metadata, rows with their parties, milestones and targets, report
// items, text and warnings, with ID and each task's ID set. Lists the
// extractor left empty are nil.
func (s *DB) Document(ctx context.Context, id int64) (*vanban.Document, error) {
	var doc *vanban.Document
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		doc, err = LoadDocument(ctx, tx, id)
		return err
	})
	return doc, err
}

// FindDocument returns the document named by ref: its id ("12"), its
// reference ("58/KH-UBND", spacing and case aside; the newest readable
// one if several issuers used it), a file name or path of one of its
// files, or a prefix of a file's sha256 (at least 8 hex digits).
func (s *DB) FindDocument(ctx context.Context, ref string) (*vanban.Document, error) {
	id, err := s.Resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	return s.Document(ctx, id)
}

// Resolve returns the id of the document ref names (see FindDocument).
func (s *DB) Resolve(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, fmt.Errorf("empty document name: %w", ErrNotFound)
	}
	type lookup struct {
		q    string
		args []any
	}
	var lookups []lookup
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		lookups = append(lookups, lookup{`SELECT id FROM documents WHERE id = ?`, []any{n}})
	}
	if strings.Contains(ref, "/") {
		// The issued document before its drafts, then the newest.
		lookups = append(lookups, lookup{`SELECT d.id FROM documents d WHERE d.ref_key = ? AND d.status = 'ok'
			ORDER BY d.date DESC, d.id DESC LIMIT 1`, []any{RefKey(ref)}})
	}
	lookups = append(lookups, lookup{`SELECT document_id FROM files WHERE name = ?
		ORDER BY superseded_by IS NULL DESC, id DESC LIMIT 1`, []any{ref}})
	if abs, err := filepath.Abs(ref); err == nil {
		lookups = append(lookups,
			lookup{`SELECT f.document_id FROM locations l JOIN files f ON f.id = l.file_id WHERE l.path = ?`, []any{abs}},
			lookup{`SELECT document_id FROM files WHERE path = ? ORDER BY id DESC LIMIT 1`, []any{abs}})
	}
	if len(ref) >= 8 && isHex(ref) {
		p := strings.ToLower(ref)
		lookups = append(lookups, lookup{`SELECT document_id FROM files WHERE substr(sha256, 1, length(?)) = ? ORDER BY id LIMIT 1`, []any{p, p}})
	}
	for _, l := range lookups {
		var id int64
		err := s.db.QueryRowContext(ctx, l.q, l.args...).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	return s.resolveByFoldedName(ctx, ref)
}

// resolveByFoldedName matches ref against file names without diacritics,
// case or extension, as a user types a Vietnamese file name.
func (s *DB) resolveByFoldedName(ctx context.Context, ref string) (int64, error) {
	want := Fold(strings.TrimSuffix(ref, filepath.Ext(ref)))
	rows, err := s.db.QueryContext(ctx, `SELECT document_id, name FROM files ORDER BY superseded_by IS NULL DESC, id DESC`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return 0, err
		}
		if Fold(strings.TrimSuffix(name, filepath.Ext(name))) == want {
			return id, nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("document %q: %w", ref, ErrNotFound)
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// DocumentVersions maps every current document's id (readable, and no
// draft that an issued version supersedes: search shows each task once)
// to its revision, an opaque token that changes whenever the document's
// metadata, text or rows change. The search index compares it with what
// it indexed.
func (s *DB) DocumentVersions(ctx context.Context) (map[int64]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.revision FROM documents d WHERE `+current)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]string{}
	for rows.Next() {
		var id, rev int64
		if err := rows.Scan(&id, &rev); err != nil {
			return nil, err
		}
		m[id] = strconv.FormatInt(rev, 10)
	}
	return m, rows.Err()
}

// VersionsOf is DocumentVersions for ids only.
func (s *DB) VersionsOf(ctx context.Context, ids []int64) (map[int64]string, error) {
	m := map[int64]string{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		q := `SELECT d.id, d.revision FROM documents d WHERE ` + current + ` AND d.id IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, rev int64
			if err := rows.Scan(&id, &rev); err != nil {
				rows.Close()
				return nil, err
			}
			m[id] = strconv.FormatInt(rev, 10)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// ReportsCiting lists the readable reports that cite reference, a plan's
// "58/KH-UBND" (spacing and case aside), newest first. A report dated
// before every stored document with that reference cites another one
// (references repeat across issuers and years) and is left out.
func (s *DB) ReportsCiting(ctx context.Context, reference string) ([]DocumentSummary, error) {
	key := RefKey(reference)
	return s.summaries(ctx, `d.status = 'ok' AND d.type_key = ? AND EXISTS (SELECT 1 FROM links l
		WHERE l.from_doc = d.id AND l.kind = 'cites' AND l.to_key = ?)
		AND (d.date = '' OR d.date >= COALESCE((SELECT min(p.date) FROM documents p
			WHERE p.ref_key = ? AND p.status = 'ok' AND p.date <> ''), ''))`, Fold(vanban.TypeReport), key, key)
}

// ReportsOn lists the readable reports that cite the document planID by
// its reference and are not dated before it, newest first.
func (s *DB) ReportsOn(ctx context.Context, planID int64) ([]DocumentSummary, error) {
	return s.summaries(ctx, `d.status = 'ok' AND d.type_key = ? AND EXISTS (SELECT 1 FROM links l JOIN documents p ON p.id = ?
		WHERE l.from_doc = d.id AND l.kind = 'cites' AND p.ref_key <> '' AND l.to_key = p.ref_key
		AND (d.date = '' OR p.date = '' OR d.date >= p.date))`, Fold(vanban.TypeReport), planID)
}

// Link is a link between two documents, seen from one of them.
type Link struct {
	Kind string `json:"kind"` // "cites", "replaces" or "supersedes"
	// Incoming is true when the other document links to this one (it
	// cites this one, supersedes this draft, replaces this one).
	Incoming bool   `json:"incoming"`
	Ref      string `json:"ref,omitempty"` // the reference as written, for cites and replaces
	// DocID is the other document, 0 when the store has no document with
	// that reference.
	DocID int64 `json:"doc_id,omitempty"`
}

// Links lists the document's links in both directions: outgoing in the
// order its text gives them, then incoming by document. A reference
// resolves to the newest stored document with it that is not dated after
// the citing one (a text cannot cite a later one).
func (s *DB) Links(ctx context.Context, id int64) ([]Link, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT l.kind, 0, l.to_ref, COALESCE(l.to_doc, (SELECT t.id FROM documents t WHERE t.ref_key = l.to_key AND l.to_key <> ''
			AND t.status = 'ok' AND t.id <> f.id AND (t.date = '' OR f.date = '' OR t.date <= f.date)
			ORDER BY t.date DESC, t.id LIMIT 1), 0), l.ord
		FROM links l JOIN documents f ON f.id = l.from_doc WHERE l.from_doc = ?
		UNION ALL
		SELECT l.kind, 1, l.to_ref, l.from_doc, l.ord FROM links l JOIN documents d ON d.id = ? JOIN documents f ON f.id = l.from_doc
		WHERE l.from_doc <> d.id AND (l.to_doc = d.id OR (l.to_doc IS NULL AND l.to_key = d.ref_key AND d.ref_key <> ''
			AND (d.date = '' OR f.date = '' OR f.date >= d.date)))
		ORDER BY 2, 1, 5, 4`, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var ord int
		if err := rows.Scan(&l.Kind, &l.Incoming, &l.Ref, &l.DocID, &ord); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// FileInfo is one file of a document: a rendition, a version or a file
// that could not be read.
type FileInfo struct {
	ID      int64             `json:"id"`
	DocID   int64             `json:"doc_id"`
	Name    string            `json:"name"`
	Path    string            `json:"path"`   // where it was found
	Stored  string            `json:"stored"` // its copy in the data folder (absolute)
	Format  string            `json:"format"`
	Size    int64             `json:"size"`
	Pages   int               `json:"pages"`
	SHA256  string            `json:"sha256"`
	Status  vanban.ReadStatus `json:"status"`
	Primary bool              `json:"primary"`
	// SupersededBy is the newer version that replaced this one.
	SupersededBy int64     `json:"superseded_by,omitempty"`
	ErrorKind    string    `json:"error_kind,omitempty"`
	Reason       string    `json:"reason,omitempty"`
	Error        string    `json:"error,omitempty"`
	Attempts     int       `json:"attempts"`
	ModTime      time.Time `json:"mtime"`
	IngestedAt   time.Time `json:"ingested_at"`
}

const fileColumns = `f.id, f.document_id, f.name, f.path, f.stored, f.format, f.size, f.pages, f.sha256, f.status,
	f.id = COALESCE(d.file_id, 0), COALESCE(f.superseded_by, 0), f.error_kind, f.reason, f.error, f.attempts, f.mtime, f.ingested_at`

func (s *DB) scanFile(sc interface{ Scan(...any) error }) (FileInfo, error) {
	var f FileInfo
	var mtime, ingested string
	err := sc.Scan(&f.ID, &f.DocID, &f.Name, &f.Path, &f.Stored, &f.Format, &f.Size, &f.Pages, &f.SHA256, &f.Status,
		&f.Primary, &f.SupersededBy, &f.ErrorKind, &f.Reason, &f.Error, &f.Attempts, &mtime, &ingested)
	f.Stored = s.BlobPath(f.Stored)
	f.ModTime, f.IngestedAt = parseStamp(mtime), parseStamp(ingested)
	return f, err
}

// Files lists a document's files: the primary first, then the other
// current renditions, then older versions and failures, newest first.
func (s *DB) Files(ctx context.Context, docID int64) ([]FileInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+fileColumns+` FROM files f JOIN documents d ON d.id = f.document_id
		WHERE f.document_id = ? ORDER BY f.id = COALESCE(d.file_id, 0) DESC, f.superseded_by IS NULL AND f.status = 'ok' DESC, f.id DESC`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FileInfo
	for rows.Next() {
		f, err := s.scanFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Failures lists the files that could not be read and are still where
// they were found (their path holds no newer content), and the files
// refused without reading (Reject): the newest first.
func (s *DB) Failures(ctx context.Context) ([]FileInfo, error) {
	read, err := s.readFailures(ctx)
	if err != nil {
		return nil, err
	}
	refused, err := s.rejections(ctx)
	if err != nil {
		return nil, err
	}
	all := append(read, refused...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].IngestedAt.After(all[j].IngestedAt) })
	return all, nil
}

func (s *DB) readFailures(ctx context.Context) ([]FileInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+fileColumns+`, l.path FROM locations l JOIN files f ON f.id = l.file_id
		JOIN documents d ON d.id = f.document_id WHERE f.status = 'failed' ORDER BY f.ingested_at DESC, l.path`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FileInfo
	for rows.Next() {
		var f FileInfo
		var mtime, ingested string
		err := rows.Scan(&f.ID, &f.DocID, &f.Name, &f.Path, &f.Stored, &f.Format, &f.Size, &f.Pages, &f.SHA256, &f.Status,
			&f.Primary, &f.SupersededBy, &f.ErrorKind, &f.Reason, &f.Error, &f.Attempts, &mtime, &ingested, &f.Path)
		if err != nil {
			return nil, err
		}
		f.Name = filepath.Base(f.Path)
		f.Stored = s.BlobPath(f.Stored)
		f.ModTime, f.IngestedAt = parseStamp(mtime), parseStamp(ingested)
		out = append(out, f)
	}
	return out, rows.Err()
}

// KnownFile is what the store knows of a content.
type KnownFile struct {
	ID        int64
	DocID     int64
	Status    vanban.ReadStatus
	ErrorKind string
	Attempts  int
	Path      string // where it was first found
}

// Known returns what the store knows of the content with this sha256,
// or nil when it is new.
func (s *DB) Known(ctx context.Context, sha string) (*KnownFile, error) {
	k := &KnownFile{}
	err := s.db.QueryRowContext(ctx, `SELECT id, document_id, status, error_kind, attempts, path FROM files WHERE sha256 = ?`, sha).
		Scan(&k.ID, &k.DocID, &k.Status, &k.ErrorKind, &k.Attempts, &k.Path)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return k, err
}

// Location is what the store knows of a path: the content it held when
// last looked at.
type Location struct {
	FileID    int64
	Size      int64
	ModTime   time.Time
	Status    vanban.ReadStatus // of the content
	ErrorKind string
	Attempts  int
	// Rejected marks a file refused without its content (see Reject);
	// FileID is 0 then.
	Rejected bool
	// StoredAt is when the content was stored (or the file refused).
	StoredAt time.Time
}

// Locations returns the known paths inside dir (all when dir is ""), for
// a scan to skip files whose size and time did not change.
func (s *DB) Locations(ctx context.Context, dir string) (map[string]Location, error) {
	prefix := ""
	if dir != "" {
		prefix = strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT l.path, l.file_id, l.size, l.mtime_ns, f.status, f.error_kind, f.attempts, f.ingested_at
		FROM locations l JOIN files f ON f.id = l.file_id WHERE substr(l.path, 1, length(?)) = ?`, prefix, prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]Location{}
	for rows.Next() {
		var path, at string
		var l Location
		var ns int64
		if err := rows.Scan(&path, &l.FileID, &l.Size, &ns, &l.Status, &l.ErrorKind, &l.Attempts, &at); err != nil {
			return nil, err
		}
		l.StoredAt = parseStamp(at)
		if ns != 0 {
			l.ModTime = time.Unix(0, ns)
		}
		m[path] = l
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rejected, err := s.rejections(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range rejected {
		if _, ok := m[f.Path]; !ok && (prefix == "" || strings.HasPrefix(f.Path, prefix)) {
			m[f.Path] = Location{Size: f.Size, ModTime: f.ModTime, Status: vanban.ReadFailed, ErrorKind: f.ErrorKind, Attempts: f.Attempts, Rejected: true, StoredAt: f.IngestedAt}
		}
	}
	return m, nil
}

// LocationOf returns what the store knows of one path, or nil.
func (s *DB) LocationOf(ctx context.Context, path string) (*Location, error) {
	var l Location
	var ns int64
	err := s.db.QueryRowContext(ctx, `SELECT l.file_id, l.size, l.mtime_ns, f.status, f.error_kind, f.attempts
		FROM locations l JOIN files f ON f.id = l.file_id WHERE l.path = ?`, path).
		Scan(&l.FileID, &l.Size, &ns, &l.Status, &l.ErrorKind, &l.Attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return s.rejectionAt(ctx, path)
	}
	if err != nil {
		return nil, err
	}
	if ns != 0 {
		l.ModTime = time.Unix(0, ns)
	}
	return &l, nil
}

// File returns one file by id.
func (s *DB) File(ctx context.Context, id int64) (*FileInfo, error) {
	f, err := s.scanFile(s.db.QueryRowContext(ctx, `SELECT `+fileColumns+` FROM files f JOIN documents d ON d.id = f.document_id
		WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// OpenFile opens the stored copy of file id for reading (to serve the
// original to a user); the caller closes it.
func (s *DB) OpenFile(ctx context.Context, id int64) (*os.File, *FileInfo, error) {
	info, err := s.File(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(info.Stored)
	if err != nil {
		return nil, nil, err
	}
	return f, info, nil
}
