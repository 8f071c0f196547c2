package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban"

	"golang.org/x/text/unicode/norm"
)

// Inbox writes uploaded files into the watched folder, where the watcher
// ingests them like any file a user drops there.
type Inbox struct {
	dir string // absolute, symlinks resolved: the path the watcher sees
}

// maxNameBytes keeps saved names well inside file-system limits (255
// bytes on most) with room for a " (12)" suffix.
const maxNameBytes = 180

// NewInbox creates dir if needed and returns an Inbox writing into it.
func NewInbox(dir string) (*Inbox, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, err
	}
	return &Inbox{dir: abs}, nil
}

// Dir is the folder uploads land in.
func (in *Inbox) Dir() string { return in.dir }

// Save checks and stores one upload under a clean version of name and
// returns the name it was saved as (a suffix " (2)"… when the name is
// taken: an upload never overwrites a file). Errors meant for the user
// are vanban.EInvalid errors.
//
// The content goes first to a hidden ".part" file, which the watcher
// ignores, and appears under its name only once complete and checked, so
// the watcher never reads half an upload.
func (in *Inbox) Save(name string, r io.Reader, maxSize int64) (string, error) {
	name, err := CleanName(name)
	if err != nil {
		return "", err
	}
	// A type vanban does not read is saved too: the watcher records it
	// as a failure that says what to do, as for a file dropped into the
	// folder.
	ext := strings.ToLower(path.Ext(name))
	tmp, err := os.CreateTemp(in.dir, ".vanban-upload-*.part")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(r, maxSize+1))
	if err == nil && n > maxSize {
		err = vanban.Errorf(vanban.EInvalid, "Tệp lớn quá giới hạn %d MB.", maxSize>>20)
	}
	if err == nil {
		err = checkContent(tmp, n, ext)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	if err := os.Chmod(tmp.Name(), 0o640); err != nil {
		return "", err
	}
	return in.place(tmp.Name(), name)
}

// place gives the finished temporary file its final, unused name.
func (in *Inbox) place(tmp, name string) (string, error) {
	stem, ext := strings.TrimSuffix(name, path.Ext(name)), path.Ext(name)
	for i := 1; i < 1000; i++ {
		cand := name
		if i > 1 {
			cand = fmt.Sprintf("%s (%d)%s", stem, i, ext)
		}
		dst := filepath.Join(in.dir, cand)
		// A hard link appears atomically and fails if the name exists,
		// so two uploads of one name cannot overwrite each other.
		err := os.Link(tmp, dst)
		if err == nil {
			return cand, nil
		}
		if errors.Is(err, os.ErrExist) {
			continue
		}
		// No hard links (some network shares): reserve the name, then
		// rename over the reservation.
		f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		f.Close()
		if err := os.Rename(tmp, dst); err != nil {
			os.Remove(dst)
			return "", err
		}
		return cand, nil
	}
	return "", vanban.Errorf(vanban.EInvalid, "Đã có quá nhiều tệp cùng tên trong thư mục.")
}

// Path returns where a saved upload of this name is, for asking the store
// what became of it; the name must be a clean plain name, as Save gives.
func (in *Inbox) Path(name string) (string, error) {
	clean, err := CleanName(name)
	if err != nil || clean != name {
		return "", vanban.Errorf(vanban.EInvalid, "Tên tệp không hợp lệ.")
	}
	return filepath.Join(in.dir, clean), nil
}

// CleanName turns an uploaded file's name into a safe plain file name:
// the last path element only (browsers on Windows may send
// "C:\Users\…\x.docx"), NFC (macOS sends decomposed Vietnamese), no
// control or reserved characters, no leading dots or "~$" that would make
// the watcher take it for a temporary file, and a bounded length.
func CleanName(name string) (string, error) {
	name = strings.ReplaceAll(name, "\\", "/")
	if name = path.Base(name); name == "/" {
		return "", vanban.Errorf(vanban.EInvalid, "Tên tệp không hợp lệ.")
	}
	name = norm.NFC.String(name)
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case r == utf8.RuneError, unicode.IsControl(r), strings.ContainsRune(`<>:"|?*/`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(name, ". ~$")
	name = strings.TrimRight(name, ". ")
	if len(name) > maxNameBytes {
		ext := path.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		stem := name[:maxNameBytes-len(ext)]
		for !utf8.ValidString(stem) {
			stem = stem[:len(stem)-1]
		}
		name = strings.TrimRight(stem+ext, ". ")
	}
	if name == "" || name == "." || name == ".." || path.Ext(name) == name || !filepath.IsLocal(name) {
		return "", vanban.Errorf(vanban.EInvalid, "Tên tệp không hợp lệ.")
	}
	return name, nil
}

// checkContent verifies that the bytes are what the extension says: a PDF
// starts with "%PDF-" (within its first KB, as readers allow), a DOCX is
// a ZIP holding word/document.xml.
func checkContent(f *os.File, size int64, ext string) error {
	if size == 0 {
		return vanban.Errorf(vanban.EInvalid, "Tệp rỗng.")
	}
	head := make([]byte, 1024)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	switch ext {
	case ".pdf":
		if !bytes.Contains(head, []byte("%PDF-")) {
			return vanban.Errorf(vanban.EInvalid, "Nội dung tệp không phải PDF, dù tên có đuôi .pdf.")
		}
	case ".docx":
		if !bytes.HasPrefix(head, []byte("PK\x03\x04")) || !isDocx(f, size) {
			return vanban.Errorf(vanban.EInvalid, "Nội dung tệp không phải tài liệu Word (.docx).")
		}
	}
	return nil
}

func isDocx(f *os.File, size int64) bool {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return false
	}
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			return true
		}
	}
	return false
}
