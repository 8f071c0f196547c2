package pdf

import "math"

// pt is a point in display space.
type pt struct{ x, y float64 }

// subpath is one subpath under construction: its points, and whether
// every piece of it is a straight line.
type subpath struct {
	pts      []pt
	closed   bool
	straight bool
}

// pathState is the current path.
type pathState struct {
	subs []subpath
	cur  pt
}

// maxPathPoints bounds one path.
const maxPathPoints = 1 << 16

func (ps *pathState) points() int {
	n := 0
	for _, s := range ps.subs {
		n += len(s.pts)
	}
	return n
}

// pathOp executes path construction and painting operators; it reports
// whether op was one.
func (in *interp) pathOp(op string, stk []operand) bool {
	ps := &in.path
	switch op {
	case "m":
		if a, ok := nums(stk, 2); ok {
			p := in.user(a[0], a[1])
			ps.subs = append(ps.subs, subpath{pts: []pt{p}, straight: true})
			ps.cur = p
		}
	case "l":
		if a, ok := nums(stk, 2); ok {
			in.lineTo(in.user(a[0], a[1]))
		}
	case "c", "v", "y":
		if len(stk) >= 4 {
			a, _ := nums(stk, 2)
			if a != nil {
				in.lineTo(in.user(a[0], a[1]))
				if n := len(ps.subs); n > 0 {
					ps.subs[n-1].straight = false
				}
			}
		}
	case "h":
		if n := len(ps.subs); n > 0 {
			ps.subs[n-1].closed = true
			ps.cur = ps.subs[n-1].pts[0]
		}
	case "re":
		if a, ok := nums(stk, 4); ok && ps.points() < maxPathPoints {
			x, y, w, h := a[0], a[1], a[2], a[3]
			p := []pt{in.user(x, y), in.user(x+w, y), in.user(x+w, y+h), in.user(x, y+h)}
			ps.subs = append(ps.subs, subpath{pts: p, closed: true, straight: true})
			ps.cur = p[0]
		}
	case "S", "s":
		in.paint(true, false)
	case "f", "F", "f*":
		in.paint(false, true)
	case "B", "B*", "b", "b*":
		in.paint(true, true)
	case "n":
		ps.subs = ps.subs[:0]
	case "W", "W*":
		// Clipping paths are not drawn; the path ends at the next n.
	default:
		return false
	}
	return true
}

// user maps a point of user space to display space.
func (in *interp) user(x, y float64) pt {
	dx, dy := in.gs.ctm.apply(x, y)
	return pt{dx, dy}
}

func (in *interp) lineTo(p pt) {
	ps := &in.path
	if ps.points() >= maxPathPoints {
		return
	}
	if len(ps.subs) == 0 {
		ps.subs = append(ps.subs, subpath{pts: []pt{ps.cur}, straight: true})
	}
	s := &ps.subs[len(ps.subs)-1]
	s.pts = append(s.pts, p)
	ps.cur = p
}

// Rulings: a stroke's straight axis-aligned pieces, or a filled shape
// whose box is thin (a border drawn as a filled rectangle, as Word does).
const (
	axisTol    = 0.8 // display units a ruling may slant
	thinFill   = 3.0 // a filled box this thin is a line
	minRuleLen = 1.5
)

// paint turns the current path into rulings and clears it.
func (in *interp) paint(stroke, fill bool) {
	ps := &in.path
	defer func() { ps.subs = ps.subs[:0] }()
	if stroke && !in.gs.strokeWhite {
		for _, s := range ps.subs {
			in.strokeSub(s)
		}
		return
	}
	if fill && !in.gs.fillWhite {
		for _, s := range ps.subs {
			in.fillSub(s)
		}
	}
}

func (in *interp) strokeSub(s subpath) {
	pts := s.pts
	if s.closed && len(pts) > 2 {
		pts = append(pts[:len(pts):len(pts)], pts[0])
	}
	for i := 1; i < len(pts); i++ {
		in.addRule(pts[i-1], pts[i])
	}
}

func (in *interp) addRule(a, b pt) {
	pc := in.page
	if in.annot || len(pc.hs)+len(pc.vs) >= maxRules {
		return
	}
	dx, dy := math.Abs(a.x-b.x), math.Abs(a.y-b.y)
	switch {
	case dy <= axisTol && dx >= minRuleLen:
		pc.hs = append(pc.hs, hline{(a.y + b.y) / 2, math.Min(a.x, b.x), math.Max(a.x, b.x)})
	case dx <= axisTol && dy >= minRuleLen:
		pc.vs = append(pc.vs, vline{(a.x + b.x) / 2, math.Min(a.y, b.y), math.Max(a.y, b.y)})
	}
}

// maxRules bounds the rulings of a page.
const maxRules = 200_000

func (in *interp) fillSub(s subpath) {
	if !s.straight || len(s.pts) < 3 {
		return
	}
	x0, y0, x1, y1 := s.pts[0].x, s.pts[0].y, s.pts[0].x, s.pts[0].y
	for _, p := range s.pts[1:] {
		x0, x1 = math.Min(x0, p.x), math.Max(x1, p.x)
		y0, y1 = math.Min(y0, p.y), math.Max(y1, p.y)
	}
	w, h := x1-x0, y1-y0
	switch {
	case h <= thinFill && w >= 2*h && w >= minRuleLen:
		in.addRule(pt{x0, (y0 + y1) / 2}, pt{x1, (y0 + y1) / 2})
	case w <= thinFill && h >= 2*w && h >= minRuleLen:
		in.addRule(pt{(x0 + x1) / 2, y0}, pt{(x0 + x1) / 2, y1})
	}
}
