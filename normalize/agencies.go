package normalize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/vntext"

	"vanban"
)

// Parties splits a lead, coordinators or monitor cell into the units and
// groups it names, in order. ";" always separates parties; "," and "và"
// separate them only when a new party starts after them ("Sở …", "Công an
// …", "các …", "UBND …"), so a group's own commas ("Các Sở, ban, ngành,
// đơn vị") and a unit's own "và" ("Sở Khoa học và Công nghệ") stay inside.
// A run of groups that ends in a shared qualifier ("…, các trường Đại học,
// các địa phương liên quan") is one group. Units get their canonical name
// from a (nil: the built-in table); a name the table does not know is
// kept as written, never dropped. AliasOf holds the written name when it
// differs from Name. A cell that names both roles ("X chủ trì, phối hợp
// với Y") gives X's parties, then Y's (Assignment tells them apart).
func Parties(cell string, a *Aliases) []vanban.Party {
	a = orDefault(a)
	if lead, coord, ok := Assignment(cell); ok && coord != "" {
		return append(Parties(lead, a), Parties(coord, a)...)
	}
	var out []vanban.Party
	for _, seg := range splitTop(vntext.Text(cell), ";") {
		for _, item := range mergeShared(a.splitItems(seg)) {
			if p, ok := a.party(item); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// Assignment reads a cell or line that names both roles, "Văn phòng UBND
// tỉnh chủ trì, phối hợp với Sở Khoa học và Công nghệ và các sở, ban,
// ngành", into its lead and coordinators parts; ok is false when s does
// not say "chủ trì".
func Assignment(s string) (lead, coordinators string, ok bool) {
	m := assignmentRe.FindStringSubmatch(vntext.Text(s))
	if m == nil {
		return "", "", false
	}
	return strings.TrimSpace(m[1]), strings.Trim(m[2], " .;,"), true
}

var assignmentRe = regexp.MustCompile(`^(.+?)\s+chủ trì(?:\s+thực hiện)?(?:\s*[,;]?\s*(?:và\s+)?(?:phối hợp|cùng)(?:\s+với)?\s+(.+))?\s*[.;]?$`)

// splitTop splits s at sep outside parentheses.
func splitTop(s, sep string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}

// splitItems splits a ";"-free segment at the "," and "và" after which a
// new party starts, never inside a name the table knows.
func (a *Aliases) splitItems(seg string) []string {
	protected := a.knownSpans(seg)
	var items []string
	depth, start := 0, 0
	for i := 0; i < len(seg); i++ {
		switch seg[i] {
		case '(', '[':
			depth++
			continue
		case ')', ']':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		if inProtected(protected, i) {
			continue
		}
		next := -1
		switch {
		case seg[i] == ',':
			next = i + 1
		case strings.HasPrefix(seg[i:], " và ") && i > start:
			next = i + len(" và ")
		}
		if next >= 0 && startsParty(strings.TrimLeft(seg[next:], " ")) {
			items = append(items, seg[start:i])
			start = next
			i = next - 1
		}
	}
	return append(items, seg[start:])
}

// partyHeads are the words a named party starts with; groupHeads start an
// unnamed group. Both are matched case-sensitively: "Sở Y tế" starts a
// unit, "sở" inside "các sở, ban, ngành" does not.
var (
	partyHeads = []string{
		"Sở", "Ban", "Bộ", "Ủy ban", "UBND", "HĐND", "UBMTTQ", "Hội đồng", "Công an", "CATP",
		"Văn phòng", "VP", "Thanh tra", "Trung tâm", "Cục", "Chi cục", "Tổng cục", "Viện",
		"Tòa án", "Kho bạc", "Ngân hàng", "Bảo hiểm", "BHXH", "Đài", "Báo", "Tạp chí", "Thuế",
		"Hải quan", "Trường", "Bệnh viện", "Quỹ", "Hội", "Hiệp hội", "Liên đoàn", "Liên minh",
		"Tổng Liên đoàn", "Đoàn", "Thành đoàn", "Tỉnh đoàn", "Tỉnh ủy", "Thành ủy", "Đảng ủy",
		"Mặt trận", "Cơ quan", "Lãnh đạo", "Đề nghị", "Công ty", "Tổng công ty", "Tập đoàn",
		"Học viện", "Đại học", "Chủ tịch", "Thủ trưởng", "Người đứng đầu", "Xã", "Phường",
		"Đặc khu", "Huyện", "Quận", "Thị xã", "BQL", "Cảnh sát", "Chi nhánh", "Phòng",
		"Bộ Chỉ huy", "Bộ đội", "Lực lượng", "Doanh nghiệp", "Đơn vị", "Địa phương", "Tổ",
	}
	groupHeads = []string{"các", "Các", "những", "Những", "tất cả", "Tất cả", "toàn thể", "Toàn thể"}
	// genericKinds are nouns that, right after a head or on their own,
	// name a kind of unit rather than a unit ("Các Sở, Ban, ngành").
	genericKinds = []string{"ngành", "Ngành", "ban", "Ban", "sở", "Sở", "đơn vị", "Đơn vị", "địa phương",
		"Địa phương", "cơ quan", "Cơ quan", "đoàn thể", "Đoàn thể", "xã", "phường", "đặc khu", "tổ chức"}
)

// selfNamed heads are whole names; notParty are common words that start
// like a party head ("xã hội" is society, "hội nghị" a meeting).
var (
	selfNamed = map[string]bool{"CATP": true, "Tỉnh ủy": true, "Thành ủy": true, "Tỉnh đoàn": true,
		"Thành đoàn": true, "BHXH": true}
	notParty = []string{"Xã hội", "Hội nghị", "Hội thảo", "Hội đồng thẩm định", "Đoàn thể", "Ban ngành",
		"Sở ngành", "Cục bộ", "Phòng chống", "Phòng, chống", "Tổ chức thực hiện"}
)

// startsParty reports whether s (the text after a "," or "và") begins a
// new party rather than continuing the current one.
func startsParty(s string) bool {
	s = strings.TrimLeft(s, "-+• ")
	for _, h := range groupHeads {
		if hasWordPrefix(s, h) {
			return true
		}
	}
	for _, w := range notParty {
		if hasWordPrefix(s, w) {
			return false
		}
	}
	for _, h := range partyHeads {
		if !hasWordPrefix(s, h) {
			continue
		}
		// A bare kind noun continues an enumeration: "Sở, Ban, ngành".
		rest := strings.TrimLeft(s[len(h):], " ")
		if selfNamed[h] {
			return true
		}
		if rest == "" || strings.HasPrefix(rest, ",") || hasWordPrefix(rest, "và") {
			return false
		}
		for _, g := range genericKinds {
			if hasWordPrefix(rest, g) {
				return false
			}
		}
		return true
	}
	return false
}

// hasWordPrefix reports whether s starts with the word (or words) w.
func hasWordPrefix(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return len(s) == len(w) || !isWordRune(r) && r != '&'
}

// mergeShared joins a run of groups that ends in a qualifier all of them
// share ("liên quan", "trên địa bàn"): "Các Sở, ban, ngành, đơn vị, các
// trường Đại học, các địa phương liên quan" is one group.
func mergeShared(items []string) []string {
	for end := len(items) - 1; end > 0; end-- {
		if !startsGroup(items[end]) || !sharedQualifier.MatchString(items[end]) {
			continue
		}
		start := end
		for start > 0 && startsGroup(items[start-1]) && !sharedQualifier.MatchString(items[start-1]) {
			start--
		}
		if start == end {
			continue
		}
		joined := strings.TrimSpace(items[start])
		for _, it := range items[start+1 : end+1] {
			joined += ", " + strings.TrimSpace(it)
		}
		items = append(items[:start], append([]string{joined}, items[end+1:]...)...)
		end = start
	}
	return items
}

var sharedQualifier = regexp.MustCompile(`(?i)(liên quan|trên địa bàn|theo phân công|được giao)`)

func startsGroup(s string) bool {
	s = strings.TrimLeft(s, "-+• ")
	for _, h := range groupHeads {
		if hasWordPrefix(s, h) {
			return true
		}
	}
	return false
}

// party reads one item of a cell as a party; ok is false for an empty
// item.
func (a *Aliases) party(item string) (vanban.Party, bool) {
	written := cleanItem(item)
	name := stripRoles(written)
	if name == "" {
		return vanban.Party{}, false
	}
	name = a.Expand(name)
	p := vanban.Party{Kind: vanban.KindUnit}
	if canon, kind, ok := a.Canonical(name); ok {
		p.Name, p.Kind = canon, kind
	} else if base, _, cut := strings.Cut(name, " ("); cut && a.known(base) {
		p.Name, p.Kind, _ = a.Canonical(base)
	} else {
		p.Name = fixCase(name)
		if looksGroup(p.Name) {
			p.Kind = vanban.KindGroup
		}
	}
	if p.Kind == vanban.KindGroup {
		p.Name = fixCase(name) // a group keeps its own wording
	}
	if p.Name != written {
		p.AliasOf = written
	}
	return p, true
}

func (a *Aliases) known(name string) bool {
	_, _, ok := a.Canonical(name)
	return ok
}

var listMarker = regexp.MustCompile(`^(?:[-+•*]+|\(?[a-zđ]\)|\(?\d{1,2}[.)])\s+`)

// cleanItem trims an item's spaces, list marker and closing punctuation.
func cleanItem(s string) string {
	s = strings.TrimSpace(s)
	s = listMarker.ReplaceAllString(s, "")
	s = strings.TrimRight(s, " .;,:")
	s = strings.TrimLeft(s, " ,:")
	return strings.TrimSpace(s)
}

var (
	rolePrefix = regexp.MustCompile(`^(?:(?i:lãnh đạo|đề nghị|phối hợp với|phối hợp|cùng với|cùng)|Giao)\s+`)
	roleSuffix = regexp.MustCompile(`\s+(?:chủ trì(?: thực hiện)?|thực hiện|phối hợp(?: thực hiện)?|tham mưu)$`)
)

// stripRoles drops the words around a name that say what it does: "Lãnh
// đạo Sở Y tế", "Đề nghị Tòa án nhân dân tỉnh", "Sở Tài chính chủ trì".
func stripRoles(s string) string {
	for {
		t := s
		if !strings.HasPrefix(t, "Giao thông") {
			t = rolePrefix.ReplaceAllString(t, "")
		}
		t = strings.TrimSpace(roleSuffix.ReplaceAllString(t, ""))
		if t == s {
			return s
		}
		s = t
	}
}

// levelHeads are the names after which an administrative level is
// written in lower case: "UBND Phường 3 Bảo Lộc" → "Ủy ban nhân dân
// phường 3 Bảo Lộc".
var (
	levelHeads = []string{"Ủy ban nhân dân", "Hội đồng nhân dân", "Công an", "Thanh tra",
		"Văn phòng Ủy ban nhân dân", "Mặt trận Tổ quốc Việt Nam", "Đảng ủy", "Bộ Chỉ huy Quân sự"}
	levels = []string{"Tỉnh", "Thành phố", "Xã", "Phường", "Huyện", "Quận", "Thị xã", "Đặc khu"}
)

func fixCase(s string) string {
	for _, h := range levelHeads {
		for _, l := range levels {
			s = replaceWord(s, h+" "+l, h+" "+strings.ToLower(l))
		}
	}
	return strings.ReplaceAll(s, "Việt nam", "Việt Nam")
}

var groupPattern = regexp.MustCompile(`^(?:(?:Ủy ban nhân dân|Hội đồng nhân dân|Thủ trưởng|Lãnh đạo|Chủ tịch Ủy ban nhân dân|Người đứng đầu) (?:các|cấp)|Cơ quan|Đơn vị|Địa phương|Doanh nghiệp|Tổ chức|Theo)(?:[^\p{L}\p{N}]|$)|(?:liên quan|trên địa bàn)$`)

// looksGroup reports whether a name the table does not know names a set
// of units rather than one: "các …", "UBND các xã …", "Cơ quan, địa
// phương có liên quan", a name starting in lower case.
func looksGroup(s string) bool {
	if startsGroup(s) || groupPattern.MatchString(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// knownSpans returns the byte ranges of seg that spell a name the table
// knows (as it was written in the table), case aside.
func (a *Aliases) knownSpans(seg string) [][2]int {
	lower := strings.ToLower(seg)
	var spans [][2]int
	for _, w := range a.written {
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			i += from
			spans = append(spans, [2]int{i, i + len(w)})
			from = i + len(w)
		}
	}
	return spans
}

func inProtected(spans [][2]int, i int) bool {
	for _, s := range spans {
		if i > s[0] && i < s[1] {
			return true
		}
	}
	return false
}
