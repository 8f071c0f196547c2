package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"vanban"
)

var (
	numberRe = regexp.MustCompile(`^Số\s*:?\s*(\d*)\s*(/\d{4})?\s*[/-]\s*([\p{Lu}Đ][\p{L}Đđ0-9]*(?:[-/][\p{Lu}Đ][\p{L}Đđ0-9]*)*)`)
	dateRe   = regexp.MustCompile(`^([\p{L} .\-–]+?)\s*,\s*ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})`)
	mottoRe  = regexp.MustCompile(`(?i)^(cộng h(?:òa|oà) xã hội chủ nghĩa|việt nam$|độc lập\s*-\s*tự do\s*-\s*hạnh phúc|đảng cộng sản việt nam)`)
	vvRe     = regexp.MustCompile(`^V/v\s*:?\s*(.*)`)
	// agencyHeads open the name of an agency in the header lines; a line
	// without one continues the agency above ("THÀNH PHỐ HẢI PHÒNG").
	agencyHeadRe = regexp.MustCompile(`^(ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|SỞ|BAN|BỘ|CÔNG AN|VĂN PHÒNG|THANH TRA|TRUNG TÂM|CHI CỤC|CỤC|TỔNG CỤC|CHÍNH PHỦ|THỦ TƯỚNG|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY|BỘ CHỈ HUY|KHO BẠC|NGÂN HÀNG|TRƯỜNG|BỆNH VIỆN|ĐÀI|BÁO|LIÊN ĐOÀN|ĐOÀN|HỘI|VIỆN|TỔNG CÔNG TY|CÔNG TY|TÒA ÁN|VIỆN KIỂM SÁT|QUỸ)(?:\s|$)`)
)

// docTypes maps the type heading, folded, to the type's name, and the
// symbol's first code to the same.
var docTypes = map[string]string{
	"ke hoach": vanban.TypePlan, "bao cao": vanban.TypeReport, "quyet dinh": vanban.TypeDecision,
	"to trinh": vanban.TypeProposal, "thong bao": vanban.TypeNotice, "nghi dinh": "Nghị định",
	"nghi quyet": "Nghị quyết", "chi thi": "Chỉ thị", "cong dien": "Công điện", "thong tu": "Thông tư",
	"huong dan": "Hướng dẫn", "chuong trinh": "Chương trình", "ket luan": "Kết luận", "de an": "Đề án",
	"quy che": "Quy chế", "quy dinh": "Quy định", "giay moi": "Giấy mời", "cong van": vanban.TypeLetter,
}

var symbolTypes = map[string]string{
	"KH": vanban.TypePlan, "BC": vanban.TypeReport, "QĐ": vanban.TypeDecision, "TTr": vanban.TypeProposal,
	"TB": vanban.TypeNotice, "NĐ": "Nghị định", "NQ": "Nghị quyết", "CT": "Chỉ thị", "CĐ": "Công điện",
	"TT": "Thông tư", "HD": "Hướng dẫn", "CTr": "Chương trình", "KL": "Kết luận", "GM": "Giấy mời",
}

// readMeta reads the document-level fields from the lines outside the task
// tables.
func readMeta(ls []line) vanban.Meta {
	var m vanban.Meta
	typeAt := findType(ls, &m)
	readNumber(ls, typeAt, &m)
	readPlaceDate(ls, &m)
	m.Issuer = readIssuer(ls, typeAt)
	m.Title = readTitle(ls, typeAt)
	if m.DocType == "" {
		m.DocType = typeFromSymbol(m.Symbol, m.Title)
	}
	m.SignerTitle, m.Signer = readSigner(ls)
	return m
}

// findType finds the type heading ("KẾ HOẠCH") near the top and returns its
// index, or -1.
func findType(ls []line, m *vanban.Meta) int {
	for i, l := range ls {
		if i > 40 {
			break
		}
		if t, ok := docTypes[fold(l.text)]; ok && isUpper(l.text) {
			m.DocType = t
			return i
		}
	}
	return -1
}

func typeFromSymbol(symbol, title string) string {
	code := symbol
	if i := strings.IndexAny(symbol, "-/"); i >= 0 {
		code = symbol[:i] // "KH-UBND", "NQ/TW"
	}
	if t, ok := symbolTypes[code]; ok {
		return t
	}
	if symbol != "" || strings.HasPrefix(title, "V/v") {
		return vanban.TypeLetter
	}
	return ""
}

func readNumber(ls []line, typeAt int, m *vanban.Meta) {
	for i, l := range ls {
		if typeAt >= 0 && i > typeAt+2 || i > 40 {
			return
		}
		s := numberRe.FindStringSubmatch(l.text)
		if s == nil {
			continue
		}
		m.Number, m.Symbol = s[1], s[3]
		if m.Number != "" {
			sep := "/"
			if strings.Contains(l.text[len("Số"):], "-"+m.Symbol) && !strings.Contains(m.Symbol, "-") {
				sep = "-" // Party style: "57-NQ/TW"
			}
			m.Reference = m.Number + s[2] + sep + m.Symbol
		}
		return
	}
}

func readPlaceDate(ls []line, m *vanban.Meta) {
	for i, l := range ls {
		if i > 40 {
			return
		}
		s := dateRe.FindStringSubmatch(l.text)
		if s == nil {
			continue
		}
		m.Place = strings.TrimSpace(s[1])
		d, _ := strconv.Atoi(s[2])
		mo, _ := strconv.Atoi(s[3])
		y, _ := strconv.Atoi(s[4])
		if d >= 1 && d <= 31 && mo >= 1 && mo <= 12 {
			m.Date = vanban.D(y, time.Month(mo), d)
		}
		return
	}
}

// readIssuer joins the agency lines of the header (left side, before the
// number) and returns the last agency: "ỦY BAN NHÂN DÂN / THÀNH PHỐ HẢI
// PHÒNG / SỞ TÀI CHÍNH" is issued by the Sở under its parent.
func readIssuer(ls []line, typeAt int) string {
	var agencies []string
	for i, l := range ls {
		if typeAt >= 0 && i >= typeAt || i > 30 || numberRe.MatchString(l.text) || dateRe.MatchString(l.text) {
			break
		}
		if typeAt < 0 && i == 30 {
			return "" // no header: an appendix or a loose page
		}
		if l.side == rightSide || mottoRe.MatchString(l.text) || !isUpper(l.text) {
			continue
		}
		text := strings.Trim(l.text, " -–_")
		if text == "" {
			continue
		}
		if agencyHeadRe.MatchString(text) || len(agencies) == 0 {
			agencies = append(agencies, text)
		} else {
			agencies[len(agencies)-1] += " " + text
		}
	}
	if len(agencies) == 0 {
		return ""
	}
	return agencyCase(agencies[len(agencies)-1])
}

// readTitle returns the trích yếu: the lines after the type heading up to
// the body, or the "V/v" line of a letter.
func readTitle(ls []line, typeAt int) string {
	if typeAt < 0 {
		for i, l := range ls {
			if i > 30 {
				break
			}
			if s := vvRe.FindStringSubmatch(l.text); s != nil {
				return s[1]
			}
		}
		return ""
	}
	var parts []string
	for i, l := range ls[typeAt+1:] {
		t := strings.Trim(l.text, " -–_")
		// A title line as wide as the page, or centred on the paper
		// rather than the text, may not look centred; it still belongs to
		// the title when it keeps the bold of the line above.
		inTitle := l.center || l.bold && ls[typeAt+i].bold && !paraHeadingRe.MatchString(t)
		// After a title line in running case, a line in capitals is the
		// next block: the issuing authority of a Quyết định, a heading.
		if !inTitle || t == "" && len(parts) > 0 || len(parts) > 0 && isUpper(t) && !isUpper(parts[0]) {
			break
		}
		if t != "" {
			parts = append(parts, t)
		}
		if len(parts) > 6 {
			break
		}
	}
	return strings.Join(parts, " ")
}

// signingRe matches the signing authority line: "KT. CHỦ TỊCH", "TM. ỦY
// BAN NHÂN DÂN", "GIÁM ĐỐC", "PHÓ TRƯỞNG BAN".
var signingRe = regexp.MustCompile(`^(?:(KT|TM|TL|TUQ|Q)\.\s*)?((?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|BỘ TRƯỞNG|THỦ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CỤC TRƯỞNG|CHI CỤC TRƯỞNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|GIÁM ĐỐC|BÍ THƯ|PHÓ BÍ THƯ|TỔNG GIÁM ĐỐC|TRƯỞNG ĐOÀN|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHÍNH PHỦ|BAN THƯỜNG VỤ|BAN CHỈ ĐẠO|HỘI ĐỒNG NHÂN DÂN|[\p{Lu}Đ ]+))\s*$`)

// readSigner finds the signature block (the last signing authority line)
// and returns the signing title and the signer's name.
func readSigner(ls []line) (title, name string) {
	at := -1
	for i := len(ls) - 1; i >= 0; i-- {
		if s := signingRe.FindStringSubmatch(ls[i].text); s != nil && s[1] != "" || isSigningTitle(ls[i].text) {
			at = i
			break
		}
	}
	if at < 0 {
		return "", ""
	}
	title = signingTitle(ls[at].text)
	// "KT. CHỦ TỊCH" / "TM. ỦY BAN NHÂN DÂN" sign on behalf of someone: the
	// capitals line under it is the signer's own title.
	onBehalf := strings.Contains(ls[at].text, ".")
	for _, l := range ls[at+1:] {
		switch {
		case l.side == leftSide || strings.HasPrefix(l.text, "-") || strings.HasPrefix(l.text, "Nơi nhận"):
			continue
		case isUpper(l.text) && onBehalf:
			title, onBehalf = signingTitle(l.text), false
		case isPersonName(l.text):
			return title, l.text
		}
	}
	return title, name
}

// isSigningTitle reports whether s alone is a signing title in capitals.
func isSigningTitle(s string) bool {
	m := signingRe.FindStringSubmatch(s)
	return m != nil && !strings.HasSuffix(m[2], " ") && knownTitle(m[2])
}

func knownTitle(s string) bool {
	for _, t := range []string{"CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "CỤC TRƯỞNG", "TRƯỞNG PHÒNG", "BÍ THƯ", "CHÁNH THANH TRA", "VIỆN TRƯỞNG", "HIỆU TRƯỞNG"} {
		if strings.HasSuffix(s, t) {
			return true
		}
	}
	return false
}

// signingTitle turns "KT. CHỦ TỊCH" or "PHÓ CHỦ TỊCH" into "Chủ tịch",
// "Phó Chủ tịch".
func signingTitle(s string) string {
	m := signingRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return titleCase(m[2])
}

// isPersonName reports whether s looks like a Vietnamese full name: two to
// five syllables, each capitalized, not all capitals.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || isUpper(s) {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !isUpper(string(r[0])) {
			return false
		}
	}
	return true
}
