package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"vanban/extract/layout"
)

// Signatures that tell a damaged DOCX from a file of another kind.
var (
	zipMagic = []byte("PK\x03\x04")
	// OLE2 compound files: Word 97-2003 .doc, or an encrypted OOXML
	// package, which Office wraps in a compound file.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Relationship types that name the parts vanban reads.
const (
	relOfficeDocument = "/officeDocument"
	relStyles         = "/styles"
	relNumbering      = "/numbering"
)

// pkg is an opened DOCX package.
type pkg struct {
	zr     *zip.Reader
	files  map[string]*zip.File // by lower-cased name
	limits Limits
}

// openPackage opens data as a zip archive, telling a file that is not a zip
// at all from a damaged one.
func openPackage(data []byte, lim Limits) (*pkg, error) {
	if len(data) == 0 {
		return nil, layout.ErrEmpty
	}
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16("EncryptedPackage")) {
			return nil, fmt.Errorf("password-protected DOCX: %w", layout.ErrEncrypted)
		}
		return nil, fmt.Errorf("old Word 97-2003 .doc, not DOCX: %w", layout.ErrUnsupported)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.HasPrefix(data, zipMagic) {
			return nil, fmt.Errorf("damaged zip archive (%v): %w", err, layout.ErrMalformed)
		}
		return nil, fmt.Errorf("%v: %w", err, layout.ErrNotZip)
	}
	if lim.MaxEntries > 0 && len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%d zip entries (limit %d): %w", len(zr.File), lim.MaxEntries, layout.ErrTooLarge)
	}
	p := &pkg{zr: zr, files: make(map[string]*zip.File, len(zr.File)), limits: lim}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := p.files[name]; !dup {
			p.files[name] = f
		}
	}
	return p, nil
}

// utf16 encodes an ASCII string as UTF-16LE, as compound files name
// their streams.
func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// file returns the entry named name (case-insensitive), or nil.
func (p *pkg) file(name string) *zip.File {
	return p.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// open opens an entry for reading through a guard that fails with
// ErrTooLarge once more than max bytes come out, whatever the entry's
// header declares. The declared size is checked first so that an honest
// zip bomb is refused without inflating anything.
func (p *pkg) open(f *zip.File, max int64) (io.ReadCloser, error) {
	if max > 0 && f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("%s declares %d bytes (limit %d): %w", f.Name, f.UncompressedSize64, max, layout.ErrTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", f.Name, err, layout.ErrMalformed)
	}
	return &guardReader{rc: rc, name: f.Name, left: max, max: max}, nil
}

// guardReader caps how much an entry may inflate to and turns the zip
// reader's errors into layout's sentinels.
type guardReader struct {
	rc   io.ReadCloser
	name string
	left int64 // bytes still allowed; unlimited when max <= 0
	max  int64
}

func (g *guardReader) Read(b []byte) (int, error) {
	if g.max > 0 {
		if g.left <= 0 {
			// Probe one byte: exactly max bytes is fine, more is not.
			var one [1]byte
			n, err := g.rc.Read(one[:])
			if n > 0 {
				return 0, fmt.Errorf("%s inflates past %d bytes: %w", g.name, g.max, layout.ErrTooLarge)
			}
			return 0, g.wrap(err)
		}
		if int64(len(b)) > g.left {
			b = b[:g.left]
		}
	}
	n, err := g.rc.Read(b)
	g.left -= int64(n)
	return n, g.wrap(err)
}

func (g *guardReader) wrap(err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	return fmt.Errorf("%s: %v: %w", g.name, err, layout.ErrMalformed)
}

func (g *guardReader) Close() error { return g.rc.Close() }

// readAll reads a small part (styles, numbering, relationships) whole.
func (p *pkg) readAll(f *zip.File, max int64) ([]byte, error) {
	rc, err := p.open(f, max)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// relationships maps relationship type suffixes (e.g. "/styles") to the
// part names they target, read from the rels part of source; nil when
// the rels part is absent or unreadable, which callers survive.
func (p *pkg) relationships(source string) map[string]string {
	dir, base := path.Split(source)
	f := p.file(dir + "_rels/" + base + ".rels")
	if f == nil {
		return nil
	}
	data, err := p.readAll(f, p.limits.MaxPart)
	if err != nil {
		return nil
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(data, &rels) != nil {
		return nil
	}
	m := make(map[string]string)
	for _, r := range rels.Rel {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		i := strings.LastIndex(r.Type, "/")
		if i < 0 {
			continue
		}
		target := r.Target
		if !strings.HasPrefix(target, "/") {
			target = path.Join(dir, target)
		}
		typ := r.Type[i:]
		if _, dup := m[typ]; !dup {
			m[typ] = strings.TrimPrefix(target, "/")
		}
	}
	return m
}

// part finds a part by relationship type, falling back to its usual name.
func (p *pkg) part(rels map[string]string, typ, usual string) *zip.File {
	if name, ok := rels[typ]; ok {
		if f := p.file(name); f != nil {
			return f
		}
	}
	return p.file(usual)
}

// isTooLarge reports whether err is a size refusal, which must not be
// downgraded to a warning.
func isTooLarge(err error) bool { return errors.Is(err, layout.ErrTooLarge) }
