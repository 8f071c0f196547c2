package docx

import (
	"strconv"
	"strings"
)

// onOff is a WordprocessingML toggle such as <w:b/> or <w:b w:val="0"/>.
type onOff struct {
	Val *string `xml:"val,attr"`
}

// on reports the toggle's value: present without w:val means on.
func (o *onOff) on() bool {
	if o.Val == nil {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(*o.Val)) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// valAttr is an element whose w:val attribute is its value.
type valAttr struct {
	Val string `xml:"val,attr"`
}

// rPrXML is the subset of run properties vanban uses.
type rPrXML struct {
	RStyle *valAttr `xml:"rStyle"`
	Fonts  *struct {
		ASCII string `xml:"ascii,attr"`
		HAnsi string `xml:"hAnsi,attr"`
	} `xml:"rFonts"`
	B      *onOff   `xml:"b"`
	I      *onOff   `xml:"i"`
	Vanish *onOff   `xml:"vanish"`
	Sz     *valAttr `xml:"sz"`
}

// pPrXML is the subset of paragraph properties vanban uses.
type pPrXML struct {
	PStyle *valAttr `xml:"pStyle"`
	NumPr  *struct {
		Ilvl  *valAttr `xml:"ilvl"`
		NumID *valAttr `xml:"numId"`
	} `xml:"numPr"`
	Jc  *valAttr `xml:"jc"`
	RPr *rPrXML  `xml:"rPr"`
}

// runProps is the resolved formatting of a run. Pointers are unset
// properties, so that layers (defaults, styles, direct) can be merged.
type runProps struct {
	font   string
	bold   *bool
	italic *bool
	hidden *bool
	size   float64 // points; 0 when unset
}

// apply overlays the properties set in x on r.
func (r runProps) apply(x *rPrXML) runProps {
	if x == nil {
		return r
	}
	if x.Fonts != nil {
		// Word draws characters above U+007F, where legacy Vietnamese
		// encodings put their letters, in the hAnsi font.
		if f := x.Fonts.HAnsi; f != "" {
			r.font = f
		} else if f := x.Fonts.ASCII; f != "" {
			r.font = f
		}
	}
	r.bold = toggle(r.bold, x.B)
	r.italic = toggle(r.italic, x.I)
	r.hidden = toggle(r.hidden, x.Vanish)
	if x.Sz != nil {
		if hp, err := strconv.ParseFloat(strings.TrimSpace(x.Sz.Val), 64); err == nil && hp > 0 && hp < 10000 {
			r.size = hp / 2
		}
	}
	return r
}

func toggle(cur *bool, x *onOff) *bool {
	if x == nil {
		return cur
	}
	v := x.on()
	return &v
}

func (r runProps) isBold() bool   { return r.bold != nil && *r.bold }
func (r runProps) isItalic() bool { return r.italic != nil && *r.italic }
func (r runProps) isHidden() bool { return r.hidden != nil && *r.hidden }

// numRef is a paragraph's list membership (w:numPr).
type numRef struct {
	id    string
	level int
	set   bool // numPr present, possibly with numId 0 to switch numbering off
}

// paraProps is a paragraph's resolved properties.
type paraProps struct {
	style  string
	center bool
	num    numRef
	mark   runProps // the paragraph mark's run properties
}

// atoi parses a small non-negative integer attribute, or returns def.
func atoi(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 1<<20 {
		return def
	}
	return n
}
