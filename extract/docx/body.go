package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"vanban/extract/layout"
)

// XML namespaces of WordprocessingML (transitional and strict) and of
// markup compatibility.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// parser holds the state of one document.xml walk.
type parser struct {
	d        *xml.Decoder
	st       *styles
	num      *numbering
	fields   fieldStack
	limits   Limits
	warnings []string
	warned   map[string]bool
}

// item is a block read from a container (body, cell, text box).
type item struct {
	para  *paraOut
	table *layout.Table
}

// readPackage reads the document part of an opened package.
func readPackage(pk *pkg) (*layout.Doc, error) {
	docName := "word/document.xml"
	if name, ok := pk.relationships("")[relOfficeDocument]; ok && pk.file(name) != nil {
		docName = name
	}
	f := pk.file(docName)
	if f == nil {
		return nil, fmt.Errorf("%s missing: %w", docName, layout.ErrNoDocument)
	}
	p := &parser{limits: pk.limits, warned: map[string]bool{}}
	rels := pk.relationships(docName)
	stylesXML, err := p.optionalPart(pk, rels, relStyles, "word/styles.xml")
	if err != nil {
		return nil, err
	}
	numXML, err := p.optionalPart(pk, rels, relNumbering, "word/numbering.xml")
	if err != nil {
		return nil, err
	}
	p.st, p.num = parseStyles(stylesXML), parseNumbering(numXML)

	rc, err := pk.open(f, pk.limits.MaxDocument)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	p.d = xml.NewDecoder(rc)
	doc := &layout.Doc{Format: "docx"}
	if err := p.body(doc); err != nil {
		return nil, err
	}
	doc.Warnings = p.warnings
	return doc, nil
}

// optionalPart reads a part the document can do without: only a size
// refusal is an error, damage is a warning.
func (p *parser) optionalPart(pk *pkg, rels map[string]string, typ, usual string) ([]byte, error) {
	f := pk.part(rels, typ, usual)
	if f == nil {
		return nil, nil
	}
	data, err := pk.readAll(f, pk.limits.MaxPart)
	if err != nil {
		if isTooLarge(err) {
			return nil, err
		}
		p.warn(fmt.Sprintf("%s unreadable, formatting ignored: %v", f.Name, err))
		return nil, nil
	}
	return data, nil
}

func (p *parser) warn(msg string) {
	if !p.warned[msg] {
		p.warned[msg] = true
		p.warnings = append(p.warnings, msg)
	}
}

// body finds w:body and reads its blocks into doc.
func (p *parser) body(doc *layout.Doc) error {
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return nil // a document without a body has no text
		}
		if err != nil {
			return p.xmlErr(err)
		}
		if se, ok := tok.(xml.StartElement); ok && isW(se.Name) && se.Name.Local == "body" {
			break
		}
	}
	return p.blocks(0, nil, func(it item) {
		switch {
		case it.table != nil:
			doc.Blocks = append(doc.Blocks, layout.Block{Table: it.table})
		case it.para != nil:
			addBodyPara(doc, it.para)
		}
	})
}

// addBodyPara adds a body paragraph, then what its text boxes hold.
func addBodyPara(doc *layout.Doc, po *paraOut) {
	if text := po.bodyText(); text != "" {
		doc.Blocks = append(doc.Blocks, layout.Block{Para: po.layoutPara(text)})
	}
	for _, it := range po.boxes {
		switch {
		case it.table != nil:
			doc.Blocks = append(doc.Blocks, layout.Block{Table: it.table})
		case it.para != nil:
			addBodyPara(doc, it.para)
		}
	}
}

// xmlErr classifies a decoding error: size refusals and zip damage keep
// their sentinel, everything else is malformed XML.
func (p *parser) xmlErr(err error) error {
	if errors.Is(err, layout.ErrTooLarge) || errors.Is(err, layout.ErrMalformed) {
		return err
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("document.xml: %v: %w", err, layout.ErrMalformed)
}

// token returns the next token; the end of input inside an element is
// an error.
func (p *parser) token() (xml.Token, error) {
	tok, err := p.d.Token()
	if err != nil {
		return nil, p.xmlErr(err)
	}
	return tok, nil
}

func (p *parser) skip() error {
	if err := p.d.Skip(); err != nil {
		return p.xmlErr(err)
	}
	return nil
}

// skippedBlock names block-level elements whose content is not body text.
var skippedBlock = map[string]bool{
	"sectPr": true, "del": true, "moveFrom": true, "sdtPr": true, "sdtEndPr": true,
	"customXmlPr": true, "tblPrEx": true, "permStart": true,
}

// blocks reads the block-level content (paragraphs, tables) of the
// element just started, up to its end, passing each to emit. Wrappers it
// does not know (w:sdt, w:customXml, w:ins…) are read through.
//
// In a w:tc, tcPr receives the cell's properties; elsewhere it is nil.
func (p *parser) blocks(nest int, tcPr **tcPrXML, emit func(item)) error {
	depth := 0
	var ac altContent
	for {
		tok, err := p.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				enter, err := p.foreign(t, &ac)
				if err != nil {
					return err
				}
				if enter {
					depth++
				}
				continue
			}
			switch name := t.Name.Local; {
			case name == "p":
				po, err := p.paragraph(nest)
				if err != nil {
					return err
				}
				emit(item{para: po})
			case name == "tbl":
				if nest >= p.limits.MaxNesting {
					p.warn("tables nested too deep, inner ones skipped")
					if err := p.skip(); err != nil {
						return err
					}
					continue
				}
				tbl, err := p.table(nest + 1)
				if err != nil {
					return err
				}
				emit(item{table: tbl})
			case name == "tcPr" && tcPr != nil && *tcPr == nil:
				var x tcPrXML
				if err := p.d.DecodeElement(&x, &t); err != nil {
					return p.xmlErr(err)
				}
				*tcPr = &x
			case skippedBlock[name], name == "tcPr":
				if err := p.skip(); err != nil {
					return err
				}
			default:
				depth++
			}
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
			ac.end(t)
		}
	}
}

// foreign handles an element outside WordprocessingML: one branch of
// mc:AlternateContent is entered, the others skipped; DrawingML, VML and
// other wrappers are entered, so that the text boxes in them are found.
func (p *parser) foreign(t xml.StartElement, ac *altContent) (enter bool, err error) {
	if ac.start(t) == actSkip {
		return false, p.skip()
	}
	return true, nil
}

// altContent tracks nested mc:AlternateContent so that one branch of each
// is read: the first mc:Choice, or the mc:Fallback when there is none.
type altContent []bool // per open AlternateContent: a branch was taken

type action int

const (
	actEnter action = iota
	actSkip
)

// start decides what to do with a non-WordprocessingML element.
func (a *altContent) start(t xml.StartElement) action {
	if t.Name.Space != nsMC {
		return actEnter
	}
	switch t.Name.Local {
	case "AlternateContent":
		*a = append(*a, false)
	case "Choice", "Fallback":
		n := len(*a)
		if n == 0 {
			return actEnter
		}
		if (*a)[n-1] {
			return actSkip
		}
		(*a)[n-1] = true
	}
	return actEnter
}

func (a *altContent) end(t xml.EndElement) {
	if t.Name.Space == nsMC && t.Name.Local == "AlternateContent" && len(*a) > 0 {
		*a = (*a)[:len(*a)-1]
	}
}

// fieldStack tracks nested fields (w:fldChar begin/separate/end): text is
// visible only where every open field is showing its result.
type fieldStack []bool // per open field: past its separator

func (f *fieldStack) begin() { *f = append(*f, false) }

func (f *fieldStack) separate() {
	if n := len(*f); n > 0 {
		(*f)[n-1] = true
	}
}

func (f *fieldStack) end() {
	if n := len(*f); n > 0 {
		*f = (*f)[:n-1]
	}
}

func (f fieldStack) visible() bool {
	for _, res := range f {
		if !res {
			return false
		}
	}
	return true
}

// paragraphEnd lets a field's instruction run to the paragraph's end at
// most: a damaged field without a separator must not hide the rest of
// the document. Results may span paragraphs (a table of contents).
func (f fieldStack) paragraphEnd() {
	for i := range f {
		f[i] = true
	}
}
