package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// numberingXML is the subset of numbering.xml vanban uses.
type numberingXML struct {
	Abstract []struct {
		ID     string   `xml:"abstractNumId,attr"`
		Levels []lvlXML `xml:"lvl"`
	} `xml:"abstractNum"`
	Num []struct {
		ID       string   `xml:"numId,attr"`
		Abstract *valAttr `xml:"abstractNumId"`
		Override []struct {
			Level string   `xml:"ilvl,attr"`
			Start *valAttr `xml:"startOverride"`
			Lvl   *lvlXML  `xml:"lvl"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

type lvlXML struct {
	Level   string   `xml:"ilvl,attr"`
	Start   *valAttr `xml:"start"`
	Format  *valAttr `xml:"numFmt"`
	Text    *valAttr `xml:"lvlText"`
	Restart *valAttr `xml:"lvlRestart"`
}

// maxLevels is the number of list levels Word allows.
const maxLevels = 9

// level is one list level's rendering.
type level struct {
	start  int
	format string
	text   string
	set    bool
}

// list is one w:num: its levels and the counter key it shares with other
// instances of the same abstract list.
type list struct {
	key    string
	levels [maxLevels]level
}

// numbering renders Word's automatic paragraph numbers ("1.", "a)",
// "II."), which are not in the text but which readers see, e.g. in the
// STT column or before headings. Bullets render as nothing.
type numbering struct {
	lists    map[string]*list
	counters map[string]*[maxLevels]int
	started  map[string]*[maxLevels]bool
}

func parseNumbering(data []byte) *numbering {
	n := &numbering{lists: map[string]*list{}, counters: map[string]*[maxLevels]int{}, started: map[string]*[maxLevels]bool{}}
	if data == nil {
		return n
	}
	var x numberingXML
	if xml.Unmarshal(data, &x) != nil {
		return n
	}
	abstract := map[string][maxLevels]level{}
	for _, a := range x.Abstract {
		var lv [maxLevels]level
		for _, l := range a.Levels {
			setLevel(&lv, l)
		}
		abstract[a.ID] = lv
	}
	for _, num := range x.Num {
		if num.Abstract == nil {
			continue
		}
		l := &list{key: "a" + num.Abstract.Val, levels: abstract[num.Abstract.Val]}
		for _, o := range num.Override {
			i := atoi(o.Level, -1)
			if i < 0 || i >= maxLevels {
				continue
			}
			if o.Lvl != nil {
				o.Lvl.Level = o.Level
				setLevel(&l.levels, *o.Lvl)
			}
			if o.Start != nil {
				l.levels[i].start = atoi(o.Start.Val, 1)
				// An override restarts the list: it counts on its own.
				l.key = "n" + num.ID
			}
		}
		n.lists[num.ID] = l
	}
	return n
}

func setLevel(lv *[maxLevels]level, l lvlXML) {
	i := atoi(l.Level, -1)
	if i < 0 || i >= maxLevels {
		return
	}
	v := level{start: 1, format: "decimal", set: true}
	if l.Start != nil {
		v.start = atoi(l.Start.Val, 1)
	}
	if l.Format != nil {
		v.format = l.Format.Val
	}
	if l.Text != nil {
		v.text = l.Text.Val
	}
	lv[i] = v
}

// next advances the counter of ref's list and returns the number to show
// before the paragraph, "" for bullets and unknown lists.
func (n *numbering) next(ref numRef) string {
	if !ref.set || ref.id == "" || ref.id == "0" || ref.level >= maxLevels {
		return ""
	}
	l := n.lists[ref.id]
	if l == nil {
		return ""
	}
	cnt, st := n.counters[l.key], n.started[l.key]
	if cnt == nil {
		cnt, st = new([maxLevels]int), new([maxLevels]bool)
		n.counters[l.key], n.started[l.key] = cnt, st
	}
	lv := ref.level
	if st[lv] {
		cnt[lv]++
	} else {
		cnt[lv], st[lv] = l.levels[lv].start, true
	}
	for i := lv + 1; i < maxLevels; i++ {
		st[i] = false // deeper levels restart after a higher one
	}
	return l.render(lv, cnt, st)
}

// render fills lvlText's %1…%9 with the counters of those levels.
func (l *list) render(lv int, cnt *[maxLevels]int, st *[maxLevels]bool) string {
	f := l.levels[lv]
	switch f.format {
	case "bullet", "none":
		return ""
	}
	var b strings.Builder
	t := f.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			v := cnt[k]
			if !st[k] {
				v = l.levels[k].start
			}
			b.WriteString(formatNumber(v, l.levels[k].format))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	return strings.TrimSpace(b.String())
}

// formatNumber writes n in one of Word's number formats; formats vanban
// does not know fall back to decimal.
func formatNumber(n int, format string) string {
	switch format {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return letter(n, 'A')
	case "lowerLetter":
		return letter(n, 'a')
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "bullet", "none":
		return ""
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// letter writes n as Word does: a…z, then aa…zz, aaa….
func letter(n int, base byte) string {
	if n <= 0 || n > 780 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(rune(base)+rune((n-1)%26)), (n-1)/26+1)
}
