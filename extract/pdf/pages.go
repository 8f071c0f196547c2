package pdf

import (
	"fmt"
	"strconv"
	"strings"

	lib "github.com/ledongthuc/pdf"

	"vanban/extract/layout"
)

// pageInfo is a page with the attributes it inherits from the tree.
type pageInfo struct {
	v      lib.Value
	res    lib.Value
	resRef string
	box    [4]float64 // x0 y0 x1 y1 of the crop box (else media box)
	rotate int
}

// inherited are the page attributes a Pages node passes to its kids.
type inherited struct {
	res    lib.Value
	resRef string
	media  lib.Value
	crop   lib.Value
	rotate int
}

// maxTreeDepth bounds the page tree; real trees are a few levels deep.
const maxTreeDepth = 64

// walkPages lists the pages depth-first. The library's Page and NumPage
// trust /Count and loop forever on a cyclic tree (so does its inheritance
// through /Parent); this walk keeps a visited set of object references,
// caps depth and node count, and passes inherited attributes down.
func (rd *reader) walkPages() ([]pageInfo, error) {
	root := rd.r.Trailer().Key("Root")
	node := root.Key("Pages")
	if node.Kind() != lib.Dict {
		return nil, fmt.Errorf("%w: no page tree", layout.ErrMalformed)
	}
	w := treeWalk{rd: rd, visited: map[string]bool{}}
	if ref := refs(root)["Pages"]; ref != "" {
		w.visited[ref] = true
	}
	w.walk(node, inherited{}, 0)
	if w.capped {
		rd.warn("PDF: chỉ đọc %d trang đầu", rd.opt.MaxPages)
	}
	return w.pages, nil
}

type treeWalk struct {
	rd      *reader
	visited map[string]bool
	pages   []pageInfo
	nodes   int
	capped  bool
}

func (w *treeWalk) walk(node lib.Value, inh inherited, depth int) {
	w.nodes++
	if depth > maxTreeDepth || w.nodes > 4*w.rd.opt.MaxPages+64 {
		return
	}
	nodeRefs := refs(node)
	if r := node.Key("Resources"); r.Kind() == lib.Dict {
		inh.res, inh.resRef = r, nodeRefs["Resources"]
	}
	if m := node.Key("MediaBox"); m.Len() == 4 {
		inh.media = m
	}
	if c := node.Key("CropBox"); c.Len() == 4 {
		inh.crop = c
	}
	if rot := node.Key("Rotate"); rot.Kind() == lib.Integer || rot.Kind() == lib.Real {
		inh.rotate = ((int(rot.Float64())/90)%4 + 4) % 4 * 90
	}
	kids := node.Key("Kids")
	if kids.Kind() != lib.Array {
		if node.Key("Type").Name() == "Pages" {
			return // an empty Pages node
		}
		w.addPage(node, inh)
		return
	}
	kidRefs := refList(kids.String())
	for i := 0; i < kids.Len(); i++ {
		if len(w.pages) >= w.rd.opt.MaxPages {
			w.capped = true
			return
		}
		if len(kidRefs) == kids.Len() {
			if w.visited[kidRefs[i]] {
				continue // a cycle or a page listed twice
			}
			w.visited[kidRefs[i]] = true
		}
		kid := kids.Index(i)
		if kid.Kind() != lib.Dict {
			continue
		}
		w.walk(kid, inh, depth+1)
	}
}

func (w *treeWalk) addPage(v lib.Value, inh inherited) {
	p := pageInfo{v: v, res: inh.res, resRef: inh.resRef, rotate: inh.rotate}
	p.box = [4]float64{0, 0, 612, 792}
	if b, ok := rect(inh.media); ok {
		p.box = b
	}
	if b, ok := rect(inh.crop); ok {
		// The crop box is clipped to the media box.
		p.box = [4]float64{max(b[0], p.box[0]), max(b[1], p.box[1]), min(b[2], p.box[2]), min(b[3], p.box[3])}
		if p.box[2]-p.box[0] < 1 || p.box[3]-p.box[1] < 1 {
			p.box, _ = rect(inh.media)
		}
	}
	w.pages = append(w.pages, p)
}

// rect reads a normalized rectangle.
func rect(v lib.Value) ([4]float64, bool) {
	if v.Len() != 4 {
		return [4]float64{}, false
	}
	x0, y0, x1, y1 := v.Index(0).Float64(), v.Index(1).Float64(), v.Index(2).Float64(), v.Index(3).Float64()
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	if x1-x0 < 1 || y1-y0 < 1 || x1-x0 > 1e5 || y1-y0 > 1e5 {
		return [4]float64{}, false
	}
	return [4]float64{x0, y0, x1, y1}, true
}

// refs maps the keys of a dictionary whose values are indirect references
// to those references ("12 0 R"). The library does not expose object
// identity; its String form of a dictionary prints references unresolved,
// and that identity is what caches and cycle checks need.
func refs(v lib.Value) map[string]string {
	if v.Kind() != lib.Dict && v.Kind() != lib.Stream {
		return nil
	}
	s := v.String()
	if v.Kind() == lib.Stream {
		if i := strings.LastIndexByte(s, '@'); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<<"), ">>")
	f := strings.Fields(s)
	out := map[string]string{}
	for i := 0; i+3 < len(f); i++ {
		if !strings.HasPrefix(f[i], "/") || !isDigits(f[i+1]) || !isDigits(f[i+2]) {
			continue
		}
		if f[i+3] == "R" || strings.HasPrefix(f[i+3], "R>>") || strings.HasPrefix(f[i+3], "R]") {
			out[f[i][1:]] = f[i+1] + " " + f[i+2] + " R"
		}
	}
	return out
}

// refList reads the references of an array's String form ("[3 0 R 5 0 R]").
// The result is only trusted when its length equals the array's.
func refList(s string) []string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	f := strings.Fields(s)
	var out []string
	for i := 0; i+2 < len(f); i++ {
		if isDigits(f[i]) && isDigits(f[i+1]) && f[i+2] == "R" {
			out = append(out, f[i]+" "+f[i+1]+" R")
			i += 2
		}
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}
