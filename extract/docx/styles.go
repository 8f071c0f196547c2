package docx

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// stylesXML is the subset of styles.xml vanban uses.
type stylesXML struct {
	Defaults defaultsXML `xml:"docDefaults"`
	Styles   []styleXML  `xml:"style"`
}

type styleXML struct {
	Type    string   `xml:"type,attr"`
	ID      string   `xml:"styleId,attr"`
	Default string   `xml:"default,attr"`
	Name    *valAttr `xml:"name"`
	BasedOn *valAttr `xml:"basedOn"`
	PPr     *pPrXML  `xml:"pPr"`
	RPr     *rPrXML  `xml:"rPr"`
	TblPr   *struct {
		Borders *bordersXML `xml:"tblBorders"`
	} `xml:"tblPr"`
}

// styles resolves style-level formatting. Only the plain inheritance
// chain (docDefaults → basedOn… → style) is followed; table-style
// conditional formatting and theme fonts are not.
//
// Word writes hundreds of styles of which a document uses a handful, and
// decoding them all costs more than reading the body; so the styles are
// indexed by a byte scan and decoded when first used.
type styles struct {
	defaults     runProps
	defaultPPr   *pPrXML
	raw          map[string][]byte    // style id → its w:style element
	byID         map[string]*styleXML // decoded, nil when undecodable
	defaultPara  string
	defaultTable string
}

// maxStyleChain bounds basedOn chains, which a damaged file can make
// circular.
const maxStyleChain = 16

type defaultsXML struct {
	RPr *struct {
		RPr *rPrXML `xml:"rPr"`
	} `xml:"rPrDefault"`
	PPr *struct {
		PPr *pPrXML `xml:"pPr"`
	} `xml:"pPrDefault"`
}

func parseStyles(data []byte) *styles {
	s := &styles{raw: map[string][]byte{}, byID: map[string]*styleXML{}}
	if data == nil {
		return s
	}
	if !bytes.Contains(data, []byte("<w:styles")) {
		s.decodeAll(data) // an unusual prefix: decode the whole part
		return s
	}
	if seg := element(data, "w:docDefaults"); seg != nil {
		var x defaultsXML
		if xml.Unmarshal(seg, &x) == nil {
			s.setDefaults(&x)
		}
	}
	for rest := data; ; {
		seg, next := nextElement(rest, "w:style")
		if seg == nil {
			break
		}
		rest = next
		typ, id, def := styleHead(seg)
		s.add(typ, id, def, seg)
	}
	return s
}

// decodeAll decodes a whole styles part.
func (s *styles) decodeAll(data []byte) {
	var x stylesXML
	if xml.Unmarshal(data, &x) != nil {
		return
	}
	s.setDefaults(&x.Defaults)
	for i := range x.Styles {
		st := &x.Styles[i]
		if _, dup := s.byID[st.ID]; !dup {
			s.byID[st.ID] = st
		}
		s.add(st.Type, st.ID, st.Default, nil)
	}
}

func (s *styles) setDefaults(x *defaultsXML) {
	if x.RPr != nil {
		s.defaults = s.defaults.apply(x.RPr.RPr)
	}
	if x.PPr != nil {
		s.defaultPPr = x.PPr.PPr
	}
}

func (s *styles) add(typ, id, def string, seg []byte) {
	if _, dup := s.raw[id]; dup {
		return
	}
	s.raw[id] = seg
	if on(def) {
		switch typ {
		case "paragraph":
			s.defaultPara = id
		case "table":
			s.defaultTable = id
		}
	}
}

// get returns the style id, decoding it on first use.
func (s *styles) get(id string) *styleXML {
	if st, ok := s.byID[id]; ok {
		return st
	}
	var st *styleXML
	if seg := s.raw[id]; seg != nil {
		var x styleXML
		if xml.Unmarshal(seg, &x) == nil {
			st = &x
		}
	}
	s.byID[id] = st
	return st
}

// nextElement finds the next element named name (with its prefix) in
// data, returning its bytes and the data after it. Elements of that name
// must not nest, as w:style and w:docDefaults do not.
func nextElement(data []byte, name string) (seg, rest []byte) {
	for {
		i := bytes.Index(data, []byte("<"+name))
		if i < 0 {
			return nil, nil
		}
		data = data[i:]
		after := len(name) + 1
		if after >= len(data) {
			return nil, nil
		}
		switch data[after] {
		case ' ', '\t', '\r', '\n', '>', '/':
		default:
			data = data[after:] // a longer name, e.g. w:styles
			continue
		}
		gt := bytes.IndexByte(data, '>')
		if gt < 0 {
			return nil, nil
		}
		if data[gt-1] == '/' {
			return data[:gt+1], data[gt+1:]
		}
		closing := []byte("</" + name + ">")
		end := bytes.Index(data[gt:], closing)
		if end < 0 {
			return nil, nil
		}
		end += gt + len(closing)
		return data[:end], data[end:]
	}
}

func element(data []byte, name string) []byte {
	seg, _ := nextElement(data, name)
	return seg
}

// styleHead reads the attributes of a w:style start tag.
func styleHead(seg []byte) (typ, id, def string) {
	tok, err := xml.NewDecoder(bytes.NewReader(seg)).RawToken()
	if err != nil {
		return "", "", ""
	}
	if se, ok := tok.(xml.StartElement); ok {
		return attr(se, "type"), attr(se, "styleId"), attr(se, "default")
	}
	return "", "", ""
}

func on(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "on":
		return true
	}
	return false
}

// chain returns the style id and its ancestors, root first.
func (s *styles) chain(id string) []*styleXML {
	var c []*styleXML
	for i := 0; id != "" && i < maxStyleChain; i++ {
		st := s.get(id)
		if st == nil {
			break
		}
		c = append(c, st)
		if st.BasedOn == nil {
			break
		}
		id = st.BasedOn.Val
	}
	for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
		c[i], c[j] = c[j], c[i]
	}
	return c
}

// paragraph resolves a paragraph's properties from its direct pPr.
func (s *styles) paragraph(direct *pPrXML) (paraProps, runProps) {
	var pp paraProps
	pp.style = s.defaultPara
	if direct != nil && direct.PStyle != nil {
		pp.style = direct.PStyle.Val
	}
	base := s.defaults
	layers := []*pPrXML{s.defaultPPr}
	for _, st := range s.chain(pp.style) {
		base = base.apply(st.RPr)
		layers = append(layers, st.PPr)
	}
	layers = append(layers, direct)
	for _, l := range layers {
		if l == nil {
			continue
		}
		if l.Jc != nil {
			pp.center = l.Jc.Val == "center"
		}
		if n := l.NumPr; n != nil {
			if n.NumID != nil {
				pp.num.id, pp.num.set = strings.TrimSpace(n.NumID.Val), true
			}
			if n.Ilvl != nil {
				pp.num.level = atoi(n.Ilvl.Val, 0)
			}
		}
	}
	pp.mark = base
	if direct != nil {
		pp.mark = base.apply(direct.RPr)
	}
	return pp, base
}

// run resolves a run's properties over its paragraph's base.
func (s *styles) run(base runProps, direct *rPrXML) runProps {
	if direct != nil && direct.RStyle != nil {
		for _, st := range s.chain(direct.RStyle.Val) {
			base = base.apply(st.RPr)
		}
	}
	return base.apply(direct)
}

// tableBorders returns the borders a table style draws, merged along its
// basedOn chain, and whether the style is Word's "Table Grid".
func (s *styles) tableBorders(id string) (b borderSet, grid bool) {
	if id == "" {
		id = s.defaultTable
	}
	for _, st := range s.chain(id) {
		if st.TblPr != nil {
			b = b.merge(st.TblPr.Borders)
		}
		if st.Name != nil && isGridName(st.Name.Val) {
			grid = true
		}
	}
	return b, grid || isGridName(id)
}

func isGridName(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	return s == "tablegrid"
}
