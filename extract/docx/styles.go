package docx

import (
	"encoding/xml"
	"strings"
)

// stylesXML is the subset of styles.xml vanban uses.
type stylesXML struct {
	Defaults struct {
		RPr *struct {
			RPr *rPrXML `xml:"rPr"`
		} `xml:"rPrDefault"`
		PPr *struct {
			PPr *pPrXML `xml:"pPr"`
		} `xml:"pPrDefault"`
	} `xml:"docDefaults"`
	Styles []styleXML `xml:"style"`
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
type styles struct {
	defaults     runProps
	defaultPPr   *pPrXML
	byID         map[string]*styleXML
	defaultPara  string
	defaultTable string
}

// maxStyleChain bounds basedOn chains, which a damaged file can make
// circular.
const maxStyleChain = 16

func parseStyles(data []byte) *styles {
	s := &styles{byID: map[string]*styleXML{}}
	if data == nil {
		return s
	}
	var x stylesXML
	if xml.Unmarshal(data, &x) != nil {
		return s
	}
	if x.Defaults.RPr != nil {
		s.defaults = s.defaults.apply(x.Defaults.RPr.RPr)
	}
	if x.Defaults.PPr != nil {
		s.defaultPPr = x.Defaults.PPr.PPr
	}
	for i := range x.Styles {
		st := &x.Styles[i]
		if _, dup := s.byID[st.ID]; !dup {
			s.byID[st.ID] = st
		}
		if on(st.Default) {
			switch st.Type {
			case "paragraph":
				s.defaultPara = st.ID
			case "table":
				s.defaultTable = st.ID
			}
		}
	}
	return s
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
		st := s.byID[id]
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
