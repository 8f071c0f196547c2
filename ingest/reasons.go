package ingest

import (
	"context"
	"errors"
	"strings"

	"vanban/extract/layout"
	"vanban/store"
)

// Failure kinds that name why a file could not be read. They are stored
// with the failure (store.Failure.Kind) so that pages and scripts can
// group failures without parsing messages.
const (
	KindEmpty       = "empty"
	KindNotDOCX     = "not_docx"
	KindNoDocument  = "no_document"
	KindTooLarge    = "too_large"
	KindNotPDF      = "not_pdf"
	KindEncrypted   = "encrypted"
	KindNoText      = "no_text"
	KindMisencoded  = "misencoded"
	KindMalformed   = "malformed"
	KindUnsupported = "unsupported"
	KindTimeout     = "timeout"
	KindInternal    = "internal" // the extractor crashed or failed for no known reason
)

// reasons maps the extractor's sentinel errors to a kind and the message
// a secretariat user reads. The first match wins, so the most specific
// come first (an encrypted PDF is often also "malformed" to a reader).
var reasons = []struct {
	err  error
	kind string
	vi   string
}{
	{layout.ErrEmpty, KindEmpty, "tệp rỗng"},
	{layout.ErrEncrypted, KindEncrypted, "tệp được mã hóa (đặt mật khẩu), cần mở khóa"},
	{layout.ErrNoText, KindNoText, "không có lớp văn bản, cần OCR (tệp quét)"},
	{layout.ErrMisencoded, KindMisencoded, "lớp văn bản bị mã hoá sai (chữ không giải mã được), cần OCR"},
	{layout.ErrTooLarge, KindTooLarge, "tệp quá lớn"},
	{layout.ErrNotZip, KindNotDOCX, "không phải tệp DOCX hợp lệ"},
	{layout.ErrNoDocument, KindNoDocument, "tệp DOCX không có phần nội dung văn bản"},
	{layout.ErrNotPDF, KindNotPDF, "không phải tệp PDF hợp lệ"},
	{layout.ErrMalformed, KindMalformed, "tệp hỏng"},
	{layout.ErrUnsupported, KindUnsupported, "định dạng tệp chưa được hỗ trợ"},
	{context.DeadlineExceeded, KindTimeout, "đọc tệp quá thời gian cho phép"},
	{layout.ErrCrashed, KindInternal, "trình đọc tệp dừng đột ngột (tệp quá lớn hoặc quá phức tạp)"},
	{errPanic, KindInternal, "lỗi chương trình khi đọc tệp"},
}

// errPanic marks an extractor that panicked.
var errPanic = errors.New("extractor panicked")

// Classify turns an extraction error into the failure stored for the
// file: a kind, a Vietnamese reason for the user, and the error itself
// for the technically minded. format ("docx", "pdf") sharpens a few
// messages.
func Classify(err error, format string) store.Failure {
	f := store.Failure{Kind: KindInternal, Reason: "lỗi khi đọc tệp", Error: err.Error()}
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			f.Kind, f.Reason = r.kind, r.vi
			break
		}
	}
	if f.Kind == KindEncrypted && format != "" {
		f.Reason = "tệp " + strings.ToUpper(format) + " được mã hóa (đặt mật khẩu), cần mở khóa"
	}
	return f
}

// Reason returns the Vietnamese message for an extraction error.
func Reason(err error, format string) string { return Classify(err, format).Reason }

// Transient reports whether a failure of this kind may go away on its
// own (a busy machine made extraction time out, the extractor crashed),
// so that the watcher tries the same content again a few times. Other
// failures are properties of the file; they are retried when the file
// changes, or on request (`vanban ingest --retry`).
func Transient(kind string) bool { return kind == KindTimeout || kind == KindInternal }
