// Package ingesttest helps test ingestion (the shared test material is
// found by vanban/internal/sharedtest): it offers a fake extractor that behaves like the real one on the
// files tests make (sentinel errors included, rows derived from the
// content), makes distinct DOCX documents from a corpus file, makes bad
// files, and writes files the ways users' tools do (at once, slowly in
// chunks, renamed into place).
package ingesttest

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"vanban"
	"vanban/extract/layout"
)

var (
	refRe  = regexp.MustCompile(`Số:\s*(\d+)\s*/\s*([\p{L}\d-]+)`)
	dateRe = regexp.MustCompile(`ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
)

// Fake is an extractor for tests. DOCX: the text of word/document.xml,
// a reference "Số: N/X" and a date "ngày d tháng m năm y" if written, and
// one task per table row; unnumbered documents get a title of their own
// so that they stay apart. PDF: a document when it has a font, ErrNoText
// when not, ErrEncrypted when encrypted. Errors wrap layout's sentinels
// as the real extractor's do.
func Fake(ctx context.Context, path string) (*vanban.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: %w", name, layout.ErrEmpty)
	}
	var doc *vanban.Document
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx":
		doc, err = fakeDOCX(data)
	case ".pdf":
		doc, err = fakePDF(data)
	default:
		err = layout.ErrUnsupported
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	doc.File, doc.SHA256, doc.Size = name, hex.EncodeToString(sum[:]), int64(len(data))
	if doc.Meta.Reference == "" {
		doc.Meta.Title += " " + doc.SHA256[:8]
	}
	return doc, ctx.Err()
}

func fakeDOCX(data []byte) (*vanban.Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.HasPrefix(data, []byte("PK")) {
			return nil, fmt.Errorf("%v: %w", err, layout.ErrMalformed)
		}
		return nil, fmt.Errorf("%v: %w", err, layout.ErrNotZip)
	}
	var body []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("%v: %w", err, layout.ErrMalformed)
			}
			body, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, fmt.Errorf("%v: %w", err, layout.ErrMalformed)
			}
		}
	}
	if body == nil {
		return nil, layout.ErrNoDocument
	}
	paras, rows, err := docText(body)
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, layout.ErrMalformed)
	}
	doc := read(strings.Join(paras, "\n"))
	doc.Format = "docx"
	for i, r := range rows {
		doc.Rows = append(doc.Rows, vanban.Task{
			STT: strconv.Itoa(i + 1), Task: r, Lead: "Sở Tài chính",
			LeadParties: []vanban.Party{{Name: "Sở Tài chính", Kind: vanban.KindUnit}},
			Milestones:  []vanban.Milestone{{Due: vanban.D(2026, 12, 31)}},
		})
	}
	return doc, nil
}

// docText returns the paragraphs of a document.xml and the text of each
// table row.
func docText(body []byte) (paras, rows []string, err error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var para, row strings.Builder
	inText, depth := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return paras, rows, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tr":
				depth++
				row.Reset()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				paras = append(paras, para.String())
				para.Reset()
			case "tr":
				depth--
				if r := strings.TrimSpace(row.String()); r != "" {
					rows = append(rows, r)
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
				if depth > 0 {
					row.Write(t)
					row.WriteByte(' ')
				}
			}
		}
	}
}

func fakePDF(data []byte) (*vanban.Document, error) {
	switch {
	case !bytes.HasPrefix(data, []byte("%PDF-")):
		return nil, layout.ErrNotPDF
	case bytes.Contains(data, []byte("/Encrypt")):
		return nil, layout.ErrEncrypted
	case !bytes.Contains(data, []byte("/Font")):
		return nil, layout.ErrNoText
	}
	doc := read(string(data))
	doc.Format, doc.Pages = "pdf", 1
	return doc, nil
}

// read finds the metadata the fake knows in a text.
func read(text string) *vanban.Document {
	doc := &vanban.Document{Text: text}
	m := &doc.Meta
	m.Issuer = "Ủy ban nhân dân (thử)"
	m.DocType = vanban.TypeLetter
	switch {
	case strings.Contains(text, "KẾ HOẠCH"):
		m.DocType = vanban.TypePlan
	case strings.Contains(text, "BÁO CÁO"):
		m.DocType = vanban.TypeReport
	}
	if r := refRe.FindStringSubmatch(text); r != nil {
		m.Number, m.Symbol, m.Reference = r[1], r[2], r[1]+"/"+r[2]
	}
	if d := dateRe.FindStringSubmatch(text); d != nil {
		day, _ := strconv.Atoi(d[1])
		month, _ := strconv.Atoi(d[2])
		year, _ := strconv.Atoi(d[3])
		m.Date = vanban.D(year, timeMonth(month), day)
	}
	m.Title = "Văn bản thử"
	return doc
}
