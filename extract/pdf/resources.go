package pdf

import (
	lib "github.com/ledongthuc/pdf"
)

// resources is a resource dictionary with its fonts resolved lazily.
// The library re-reads an indirect object at every Key call (decoding its
// object stream again), so each font and form is read once per file,
// cached by object reference.
type resources struct {
	v        lib.Value
	fonts    map[string]*font
	fontRefs map[string]string
	xobjRefs map[string]string
}

func (rd *reader) resources(v lib.Value, ref string) *resources {
	if ref != "" {
		if r, ok := rd.res[ref]; ok {
			return r
		}
	}
	r := &resources{v: v, fonts: map[string]*font{}}
	if v.Kind() == lib.Dict {
		r.fontRefs = refs(v.Key("Font"))
		r.xobjRefs = refs(v.Key("XObject"))
	}
	if ref != "" && len(rd.res) < 10000 {
		rd.res[ref] = r
	}
	return r
}

// font returns the font of a resource name, or nil.
func (r *resources) font(rd *reader, name string) *font {
	if f, ok := r.fonts[name]; ok {
		return f
	}
	ref := r.fontRefs[name]
	f := rd.fonts[ref]
	if f == nil {
		v := r.v.Key("Font").Key(name)
		if v.Kind() != lib.Dict {
			r.fonts[name] = nil
			return nil
		}
		f = loadFont(v, &rd.lim)
		if ref != "" {
			rd.fonts[ref] = f
		}
	}
	r.fonts[name] = f
	return f
}

// doXObject runs a form XObject (images are skipped).
func (in *interp) doXObject(name string) {
	if in.res == nil {
		return
	}
	ref := in.res.xobjRefs[name]
	x := in.res.v.Key("XObject").Key(name)
	if x.Kind() == lib.Stream && x.Key("Subtype").Name() == "Image" {
		in.noteImage(x, false)
		return
	}
	if x.Kind() != lib.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	saved := in.gs
	if m := x.Key("Matrix"); m.Len() == 6 {
		fm := mat{}
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		in.gs.ctm = fm.mul(in.gs.ctm)
	}
	in.runForm(x, ref)
	in.gs = saved
}

// maxCachedForm bounds the decoded forms kept for reuse.
const maxCachedForm = 1 << 20

// runForm runs a form's content with its resources, guarding against
// recursion; the caller has set the CTM.
func (in *interp) runForm(x lib.Value, ref string) {
	if in.depth >= maxFormDepth || (ref != "" && in.forms[ref]) {
		return // too deep, or a form that draws itself
	}
	data, ok := in.rd.forms[ref]
	if !ok || ref == "" {
		var err error
		data, err = readStream(x, &in.rd.lim)
		if err != nil {
			in.rd.warn("PDF: một khối nội dung (XObject) %s", streamProblem(err))
		}
		if ref != "" && len(data) <= maxCachedForm {
			in.rd.forms[ref] = data
		}
	}
	savedGS, savedRes, savedPath := in.gs, in.res, in.path
	savedTm, savedTlm, savedStack := in.tm, in.tlm, len(in.saved)
	if rv := x.Key("Resources"); rv.Kind() == lib.Dict {
		in.res = in.rd.resources(rv, refs(x)["Resources"])
	}
	in.path = pathState{}
	if ref != "" {
		in.forms[ref] = true
	}
	in.depth++
	in.run(data)
	in.depth--
	delete(in.forms, ref)
	in.gs, in.res, in.path = savedGS, savedRes, savedPath
	in.tm, in.tlm = savedTm, savedTlm
	if len(in.saved) > savedStack {
		in.saved = in.saved[:savedStack]
	}
}

// Annotation flags (PDF 32000 12.5.3) that keep an annotation off the
// printed page.
const (
	annotHidden = 1 << 1
	annotNoView = 1 << 5
)

// annotations draws the normal appearance of the page's visible
// annotations, text only. Agencies' signing software stamps the
// document number and date into signature widgets this way; pdftotext
// shows them too.
func (in *interp) annotations(page lib.Value, base mat) {
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < 500; i++ {
		a := annots.Index(i)
		if a.Key("F").Int64()&(annotHidden|annotNoView) != 0 || a.Key("Subtype").Name() == "Popup" {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == lib.Dict { // appearance states: take the current one
			ap = ap.Key(a.Key("AS").Name())
		}
		r, ok := rect(a.Key("Rect"))
		if ap.Kind() != lib.Stream || !ok {
			continue
		}
		in.annot = true
		in.drawAppearance(ap, r, base)
		in.annot = false
	}
}

// drawAppearance maps the form's box (BBox through Matrix) onto the
// annotation rectangle, as PDF 32000 12.5.5 says, and runs it.
func (in *interp) drawAppearance(ap lib.Value, r [4]float64, base mat) {
	fm := identity
	if m := ap.Key("Matrix"); m.Len() == 6 {
		for k := range fm {
			fm[k] = m.Index(k).Float64()
		}
	}
	bb, ok := rect(ap.Key("BBox"))
	if !ok {
		return
	}
	xs := []float64{}
	ys := []float64{}
	for _, c := range [][2]float64{{bb[0], bb[1]}, {bb[2], bb[1]}, {bb[0], bb[3]}, {bb[2], bb[3]}} {
		x, y := fm.apply(c[0], c[1])
		xs, ys = append(xs, x), append(ys, y)
	}
	x0, x1 := minMax(xs)
	y0, y1 := minMax(ys)
	if x1-x0 < 1e-3 || y1-y0 < 1e-3 {
		return
	}
	sx, sy := (r[2]-r[0])/(x1-x0), (r[3]-r[1])/(y1-y0)
	a := mat{sx, 0, 0, sy, r[0] - x0*sx, r[1] - y0*sy}
	saved := in.gs
	in.gs = gstate{ctm: fm.mul(a).mul(base), th: 1}
	in.runForm(ap, "")
	in.gs = saved
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}
