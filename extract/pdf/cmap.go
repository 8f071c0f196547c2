package pdf

import (
	"unicode/utf16"
	"unicode/utf8"
)

// cmap is what a ToUnicode CMap or an embedded encoding CMap says: how
// long the codes are, and what each code means (Unicode text for
// ToUnicode, a CID for an encoding CMap).
type cmap struct {
	space  []codeRange // codespace ranges: give the byte length of codes
	chars  map[uint32]string
	ranges []uniRange
	cids   map[uint32]uint32
	cidRgs []cidRange
}

type codeRange struct {
	n      int // bytes
	lo, hi uint32
}

// uniRange maps lo..hi to consecutive Unicode values from base (the last
// UTF-16 unit incremented), or to the strings of list.
type uniRange struct {
	lo, hi uint32
	base   []uint16
	list   []string
}

type cidRange struct{ lo, hi, cid uint32 }

// maxRangeList bounds the array form of bfrange.
const maxRangeList = 1 << 16

func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

func utf16Text(b []byte) string {
	if len(b)%2 == 1 {
		b = append([]byte{0}, b...)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// parseCMap reads a CMap program. Unknown operators are ignored; the
// operand stack is cleared at each operator.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint32]string{}, cids: map[uint32]uint32{}}
	l := lexer{b: data}
	var stk []operand
	for {
		v, kw, isOp, ok := l.next()
		if !ok {
			break
		}
		if !isOp {
			if len(stk) < 1<<16 {
				stk = append(stk, v)
			}
			continue
		}
		switch string(kw) {
		case "endcodespacerange":
			m.addSpace(stk)
		case "endbfchar":
			m.addBFChars(stk)
		case "endbfrange":
			m.addBFRanges(stk)
		case "endcidchar":
			for i := 0; i+1 < len(stk); i += 2 {
				if stk[i].kind == opStr && stk[i+1].kind == opNum {
					m.cids[codeValue(stk[i].str)] = uint32(stk[i+1].num)
				}
			}
		case "endcidrange":
			for i := 0; i+2 < len(stk); i += 3 {
				if stk[i].kind == opStr && stk[i+1].kind == opStr && stk[i+2].kind == opNum {
					m.cidRgs = append(m.cidRgs, cidRange{codeValue(stk[i].str), codeValue(stk[i+1].str), uint32(stk[i+2].num)})
				}
			}
		}
		stk = stk[:0]
		l.reset()
	}
	return m
}

func (m *cmap) addSpace(stk []operand) {
	for i := 0; i+1 < len(stk); i += 2 {
		lo, hi := stk[i], stk[i+1]
		if lo.kind != opStr || hi.kind != opStr || len(lo.str) == 0 || len(lo.str) > 4 || len(lo.str) != len(hi.str) {
			continue
		}
		m.space = append(m.space, codeRange{len(lo.str), codeValue(lo.str), codeValue(hi.str)})
	}
}

func (m *cmap) addBFChars(stk []operand) {
	for i := 0; i+1 < len(stk); i += 2 {
		src, dst := stk[i], stk[i+1]
		if src.kind != opStr {
			continue
		}
		switch dst.kind {
		case opStr:
			m.chars[codeValue(src.str)] = utf16Text(dst.str)
		case opName: // a glyph name: rare, keep the name's letters
			if r, ok := glyphNameRune(string(dst.str)); ok {
				m.chars[codeValue(src.str)] = string(r)
			}
		}
	}
}

func (m *cmap) addBFRanges(stk []operand) {
	for i := 0; i+2 < len(stk); i += 3 {
		lo, hi, dst := stk[i], stk[i+1], stk[i+2]
		if lo.kind != opStr || hi.kind != opStr {
			continue
		}
		r := uniRange{lo: codeValue(lo.str), hi: codeValue(hi.str)}
		if r.hi < r.lo {
			continue
		}
		switch dst.kind {
		case opStr:
			b := dst.str
			if len(b)%2 == 1 {
				b = append([]byte{0}, b...)
			}
			for k := 0; k+1 < len(b); k += 2 {
				r.base = append(r.base, uint16(b[k])<<8|uint16(b[k+1]))
			}
			if len(r.base) == 0 {
				continue
			}
		case opArr:
			for k, e := range dst.arr {
				if k >= maxRangeList {
					break
				}
				if e.kind == opStr {
					r.list = append(r.list, utf16Text(e.str))
				} else {
					r.list = append(r.list, "")
				}
			}
		default:
			continue
		}
		m.ranges = append(m.ranges, r)
	}
}

// text returns the Unicode text of a code.
func (m *cmap) text(code uint32) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.list != nil {
			if int(off) < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		u := append([]uint16(nil), r.base...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// cid returns the CID of a code (identity when the CMap does not say).
func (m *cmap) cid(code uint32) uint32 {
	if c, ok := m.cids[code]; ok {
		return c
	}
	for _, r := range m.cidRgs {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo
		}
	}
	return code
}

// codeLen returns the byte length of the code starting s, by the
// codespace ranges; def when none matches.
func (m *cmap) codeLen(s []byte, def int) int {
	if m == nil || len(m.space) == 0 {
		return def
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		v := codeValue(s[:n])
		for _, r := range m.space {
			if r.n == n && v >= r.lo && v <= r.hi {
				return n
			}
		}
	}
	return def
}

// identity reports whether the CMap maps most codes to the code point of
// the same number: what a producer writes when it knows no text for a
// CID font's glyphs (the code is a glyph index, not a character), and
// what reads as garbage ("6Ӣ" for "SỞ"). It needs a few mappings to say.
func (m *cmap) identity() bool {
	same, n := 0, 0
	for code, s := range m.chars {
		n++
		if r, size := utf8.DecodeRuneInString(s); size == len(s) && uint32(r) == code {
			same++
		}
	}
	for _, r := range m.ranges {
		if r.list != nil || len(r.base) != 1 {
			continue
		}
		k := int(r.hi-r.lo) + 1
		n += k
		if uint32(r.base[0]) == r.lo {
			same += k
		}
	}
	return n >= 8 && same*10 >= n*8
}
