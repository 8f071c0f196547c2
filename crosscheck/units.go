package crosscheck

import (
	"strings"

	"vanban"
)

// abbreviations expand the folded short forms agencies write in headers
// and symbols into the words of their full names.
var abbreviations = map[string]string{
	"ubnd":    "uy ban nhan dan",
	"hdnd":    "hoi dong nhan dan",
	"mttq":    "mat tran to quoc",
	"mttqvn":  "mat tran to quoc viet nam",
	"kh&cn":   "khoa hoc cong nghe",
	"khcn":    "khoa hoc cong nghe",
	"kh&dt":   "ke hoach dau tu",
	"khdt":    "ke hoach dau tu",
	"tt&tt":   "thong tin truyen thong",
	"tttt":    "thong tin truyen thong",
	"gd&dt":   "giao duc dao tao",
	"gddt":    "giao duc dao tao",
	"tn&mt":   "tai nguyen moi truong",
	"tnmt":    "tai nguyen moi truong",
	"nn&mt":   "nong nghiep moi truong",
	"nn&ptnt": "nong nghiep phat trien nong thon",
	"nnptnt":  "nong nghiep phat trien nong thon",
	"ld&tbxh": "lao dong thuong binh xa hoi",
	"ldtbxh":  "lao dong thuong binh xa hoi",
	"tb&xh":   "thuong binh xa hoi",
	"gtvt":    "giao thong van tai",
	"vhttdl":  "van hoa the thao du lich",
	"tt&dl":   "the thao du lich",
	"vh":      "van hoa",
	"bql":     "ban quan ly",
	"kkt":     "khu kinh te",
	"kcn":     "khu cong nghiep",
	"tp":      "thanh pho",
	"catp":    "cong an thanh pho",
}

// stopWords are left out of unit keys: "Sở Khoa học Công nghệ" and "Sở
// Khoa học và Công nghệ" are one unit, "Ban Quản lý các khu kinh tế" and
// "Ban Quản lý khu kinh tế" too.
var stopWords = map[string]bool{"va": true, "cac": true}

// renamed maps the keys of departments merged away in the 2025
// reorganisation of provincial departments to the unit that took over
// their work. It is the fallback used when no alias table is given.
var renamed = []struct{ old, successor string }{
	{"so ke hoach dau tu", "Sở Tài chính"},
	{"so thong tin truyen thong", "Sở Khoa học và Công nghệ"},
	{"so lao dong thuong binh xa hoi", "Sở Nội vụ"},
	{"so giao thong van tai", "Sở Xây dựng"},
	{"so tai nguyen moi truong", "Sở Nông nghiệp và Môi trường"},
	{"so nong nghiep phat trien nong thon", "Sở Nông nghiệp và Môi trường"},
	{"ban dan toc", "Sở Dân tộc và Tôn giáo"},
}

// unitKey returns the syllables that identify a unit name: folded,
// abbreviations spelled out, stop words dropped.
func unitKey(name string) []string {
	var out []string
	for _, w := range words(name) {
		if exp, ok := abbreviations[w]; ok {
			out = append(out, strings.Fields(exp)...)
			continue
		}
		for _, part := range strings.Split(w, "&") {
			if part != "" && !stopWords[part] {
				out = append(out, part)
			}
		}
	}
	return out
}

// Aliases is the part of normalize.Aliases the unit matcher uses: the
// canonical name of a unit's name as written, old names and
// abbreviations included.
type Aliases interface {
	Canonical(name string) (canonical string, kind vanban.PartyKind, known bool)
}

// unitIndex resolves unit names as written (a report's issuer lines, a
// command-line flag) to the canonical names of a known set of units.
type unitIndex struct {
	names   []string
	keys    [][]string
	aliases Aliases // may be nil
}

func newUnitIndex(names []string, aliases Aliases) *unitIndex {
	x := &unitIndex{aliases: aliases}
	for _, n := range names {
		x.names = append(x.names, n)
		x.keys = append(x.keys, unitKey(n))
	}
	return x
}

// resolve returns the known unit that written names. A header may carry
// the parent body before the unit ("Ủy ban nhân dân thành phố Hải Phòng
// Sở Tài chính") or the place after it ("Sở Tài chính thành phố Hải
// Phòng"), so a known name found as a run of words anywhere counts, the
// one ending last (the unit under its parent) first: first through the
// alias table, then by this package's own keys, then loosely.
func (x *unitIndex) resolve(written string) (string, bool) {
	if strings.TrimSpace(written) == "" {
		return "", false
	}
	if name, ok := x.resolveAlias(written); ok {
		return name, true
	}
	key := x.renameOld(unitKey(written))
	best, bestEnd, bestLen := -1, -1, 0
	for i, k := range x.keys {
		end := runEnd(key, k)
		if end > bestEnd || end == bestEnd && end >= 0 && len(k) > bestLen {
			best, bestEnd, bestLen = i, end, len(k)
		}
	}
	if best >= 0 && bestEnd >= 0 {
		return x.names[best], true
	}
	return x.resolveLoose(key)
}

// maxAliasWords bounds the runs of words looked up in the alias table.
const maxAliasWords = 16

// resolveAlias looks every run of written's words up in the alias table
// and returns the known unit of the run that ends last, the longest of
// those.
func (x *unitIndex) resolveAlias(written string) (string, bool) {
	if x.aliases == nil {
		return "", false
	}
	ws := strings.Fields(written)
	if len(ws) > maxAliasWords {
		ws = ws[len(ws)-maxAliasWords:]
	}
	for end := len(ws); end > 0; end-- {
		for start := 0; start < end; start++ {
			name, kind, ok := x.aliases.Canonical(strings.Join(ws[start:end], " "))
			if ok && kind == vanban.KindUnit && x.known(name) {
				return name, true
			}
		}
	}
	return "", false
}

// resolveLoose accepts a unit most of whose syllables the written name
// has, for names with a word missing or added ("Ban Quản lý khu kinh tế
// Hải Phòng" for "Ban Quản lý các khu kinh tế").
func (x *unitIndex) resolveLoose(key []string) (string, bool) {
	have := map[string]bool{}
	for _, w := range key {
		have[w] = true
	}
	best, bestScore := -1, 0.0
	for i, k := range x.keys {
		if len(k) == 0 || !have[k[0]] {
			continue
		}
		n := 0
		for _, w := range k {
			if have[w] {
				n++
			}
		}
		recall := float64(n) / float64(len(k))
		precision := float64(n) / float64(len(key))
		if score := recall + precision/10; recall >= 0.75 && score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", false
	}
	return x.names[best], true
}

// renameOld replaces the key of a merged department by the key of its
// successor when the successor is a known unit.
func (x *unitIndex) renameOld(key []string) []string {
	for _, r := range renamed {
		oldKey := strings.Fields(r.old)
		end := runEnd(key, oldKey)
		if end < 0 || !x.known(r.successor) {
			continue
		}
		out := append([]string{}, key[:end-len(oldKey)]...)
		out = append(out, unitKey(r.successor)...)
		return append(out, key[end:]...)
	}
	return key
}

func (x *unitIndex) known(name string) bool {
	for _, n := range x.names {
		if n == name {
			return true
		}
	}
	return false
}

// bySymbol resolves the issuer part of a document symbol ("STC" in
// "BC-STC") against the initials of the known units: Sở Tài chính is STC,
// Ban Quản lý khu kinh tế is BQLKKT and writes BQL. Only a unique match
// counts.
func (x *unitIndex) bySymbol(symbol string) (string, bool) {
	parts := strings.FieldsFunc(fold(symbol), func(r rune) bool { return r == ' ' || r == '&' })
	if len(parts) == 0 {
		return "", false
	}
	abbr := parts[len(parts)-1]
	if len(abbr) < 2 {
		return "", false
	}
	found := ""
	for i, k := range x.keys {
		var b strings.Builder
		for _, w := range k {
			b.WriteByte(w[0])
		}
		init := b.String()
		if init == abbr || len(abbr) >= 3 && strings.HasPrefix(init, abbr) {
			if found != "" {
				return "", false
			}
			found = x.names[i]
		}
	}
	return found, found != ""
}

// runEnd returns the index just after the last place needle occurs as a
// contiguous run in hay, or -1.
func runEnd(hay, needle []string) int {
	if len(needle) == 0 {
		return -1
	}
	for i := len(hay) - len(needle); i >= 0; i-- {
		match := true
		for j, w := range needle {
			if hay[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return i + len(needle)
		}
	}
	return -1
}
