package crosscheck

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"vanban"
)

// The reporting unit is the report's issuer: the lines of its header
// above "Số:", where the unit writes its parent body first ("ỦY BAN NHÂN
// DÂN TỈNH LÂM ĐỒNG / VĂN PHÒNG", "BỘ CÔNG AN / CÔNG AN TỈNH LÀO CAI",
// "CỤC THUẾ / THUẾ TỈNH LÀO CAI"). Units the body names ("Sở X chưa gửi
// báo cáo", "phối hợp với Sở Tài chính") are never the issuer.

// maxHeaderLines bounds the header lines read for the issuer.
const maxHeaderLines = 5

// reportUnit resolves the unit that sent rep among the plan's named
// units: its issuer as extracted; else the issuer under its parent body
// from the header lines (a unit named only "Văn phòng" is the Văn phòng
// of the body above it); else the issuer with its province dropped
// ("Thuế tỉnh Lào Cai" is the plan's "Thuế tỉnh"); else its symbol.
func reportUnit(ux *unitIndex, rep *vanban.Document) (string, bool) {
	if u, ok := ux.resolve(rep.Meta.Issuer); ok {
		return u, true
	}
	if h := headerText(rep.Text); h != "" {
		if u, ok := ux.resolve(h); ok {
			return u, true
		}
	}
	if m := placeRe.FindStringSubmatchIndex(rep.Meta.Issuer); m != nil {
		// Keep "tỉnh"/"thành phố", drop the place name after it.
		if u, ok := ux.resolve(rep.Meta.Issuer[:m[3]]); ok {
			return u, true
		}
	}
	return ux.bySymbol(rep.Meta.Symbol)
}

// headerText returns the issuer lines of a document's header, joined:
// its first lines up to its number, without the national motto and the
// place and date, which a PDF interleaves with them ("ỦY BAN NHÂN DÂN
// TỈNH LÂM" / "CỘNG HÒA …" / "ĐỒNG" / "Độc lập …" / "VĂN PHÒNG").
func headerText(text string) string {
	var out []string
	for i, l := range strings.Split(norm.NFC.String(prefix(text, 600)), "\n") {
		l = strings.TrimSpace(l)
		if i >= 2*maxHeaderLines || strings.HasPrefix(l, "Số") || strings.EqualFold(l, "BÁO CÁO") {
			break
		}
		if !mottoLine(l) && len(out) < maxHeaderLines {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}

// mottoLine reports whether a header line is the national motto or the
// place and date, the right-hand side of the header.
func mottoLine(l string) bool {
	f := fold(l)
	return strings.HasPrefix(f, "cong hoa") || strings.Contains(f, "doc lap") ||
		containsPhrase(f, "ngay") && containsPhrase(f, "thang")
}

// foreignPlace reports whether the report's header names a province or
// city other than the plan's: a unit belongs to the place of the plan
// that names it. place is the one the header names.
func foreignPlace(rep, plan *vanban.Document) (place string, foreign bool) {
	own := placeRe.FindStringSubmatch(plan.Meta.Issuer)
	header := headerText(rep.Text) + " " + rep.Meta.Issuer
	m := placeRe.FindStringSubmatch(header)
	if own == nil || m == nil {
		return "", false
	}
	return m[0], !containsPhrase(fold(header), fold(own[2]))
}
