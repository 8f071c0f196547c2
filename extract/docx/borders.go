package docx

// bordersXML is w:tblBorders or w:tcBorders. Word 2010+ writes start/end
// where older files write left/right.
type bordersXML struct {
	Top     *valAttr `xml:"top"`
	Left    *valAttr `xml:"left"`
	Start   *valAttr `xml:"start"`
	Bottom  *valAttr `xml:"bottom"`
	Right   *valAttr `xml:"right"`
	End     *valAttr `xml:"end"`
	InsideH *valAttr `xml:"insideH"`
	InsideV *valAttr `xml:"insideV"`
}

// border states: unset leaves the layer below in force.
const (
	borderUnset int8 = iota
	borderNone
	borderDrawn
)

// borderSet holds the state of each side, indexed by bTop….
type borderSet [6]int8

// Sides of a borderSet.
const (
	bTop = iota
	bLeft
	bBottom
	bRight
	bInsideH
	bInsideV
)

// merge overlays the sides x sets.
func (b borderSet) merge(x *bordersXML) borderSet {
	if x == nil {
		return b
	}
	sides := [6][]*valAttr{
		{x.Top}, {x.Left, x.Start}, {x.Bottom}, {x.Right, x.End}, {x.InsideH}, {x.InsideV},
	}
	for i, alts := range sides {
		for _, v := range alts {
			if v != nil {
				b[i] = borderState(v.Val)
			}
		}
	}
	return b
}

func borderState(val string) int8 {
	switch val {
	case "nil", "none", "":
		return borderNone
	}
	return borderDrawn
}
