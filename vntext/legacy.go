package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Encoding is a legacy Vietnamese font encoding.
type Encoding int

const (
	EncUnicode   Encoding = iota // not a legacy font
	EncTCVN3                     // TCVN 5712:1993 (ABC): .VnTime, .VnArial…
	EncTCVN3Caps                 // the TCVN3 capitals fonts: .VnTimeH, .VnArialH…
	EncVNI                       // VNI Windows: VNI-Times, VNI-Helve…
)

// FontEncoding tells the legacy encoding of a font by its name: TCVN3
// fonts are named ".Vn…" (".Vn…H" for the capitals-only ones), VNI fonts
// "VNI-…".
func FontEncoding(font string) Encoding {
	f := strings.TrimSpace(font)
	switch {
	case len(f) > 3 && strings.EqualFold(f[:3], ".vn"):
		if strings.HasSuffix(f, "H") {
			return EncTCVN3Caps
		}
		return EncTCVN3
	case len(f) > 4 && strings.EqualFold(f[:3], "vni") && (f[3] == '-' || f[3] == ' '):
		return EncVNI
	}
	return EncUnicode
}

// Legacy converts text typed in a legacy Vietnamese font encoding (TCVN3
// .VnTime…, VNI-Times…) to Unicode, judging the encoding by the font name;
// text in any other font is returned unchanged, and so is text that
// already holds Unicode Vietnamese letters (a file converted to Unicode
// that kept its old font name). A font's byte b is expected as the rune
// U+00bb (how Word stores a non-symbol font's text) or U+F0bb (a symbol
// font's). The result is NFC; Text still has to fold it.
func Legacy(font, s string) string {
	enc := FontEncoding(font)
	if enc == EncUnicode || s == "" || hasUnicodeVietnamese(s) {
		return s
	}
	s = strings.Map(unPUA, s)
	switch enc {
	case EncTCVN3:
		return norm.NFC.String(decodeTCVN3(s))
	case EncTCVN3Caps:
		return norm.NFC.String(strings.ToUpper(decodeTCVN3(s)))
	case EncVNI:
		return norm.NFC.String(decodeVNI(s))
	}
	return s
}

// unPUA maps the private-use code points Word gives a symbol font's
// bytes (U+F020–U+F0FF) back to the byte.
func unPUA(r rune) rune {
	if r >= 0xF020 && r <= 0xF0FF {
		return r - 0xF000
	}
	return r
}

// hasUnicodeVietnamese reports whether s holds a letter only Unicode
// Vietnamese has (ă, đ, ơ, ư, ĩ, ũ and the Latin Extended Additional
// block): no legacy byte decodes to a rune in these ranges.
func hasUnicodeVietnamese(s string) bool {
	for _, r := range s {
		switch r {
		case 'Ă', 'ă', 'Đ', 'đ', 'Ĩ', 'ĩ', 'Ũ', 'ũ', 'Ơ', 'ơ', 'Ư', 'ư':
			return true
		}
		if r >= 0x1EA0 && r <= 0x1EF9 {
			return true
		}
	}
	return false
}

// tcvn3High is TCVN 5712:1993 (VN1) for the bytes 0xA1–0xFF, one rune per
// byte. The ABC fonts (VN3) use the lower-case letters and the seven bare
// capitals Ă Â Ê Ô Ơ Ư Đ of this table; the remaining capitals with tone
// marks (VN1 only) are kept because the standard defines them. 0xB0–0xB4
// are the combining tone marks.
const tcvn3High = "ĂÂÊÔƠƯĐăâêôơưđẰ" + // A1–AF
	"\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ" + // B0–BF
	"ẮẦẨẪẤỀặầẩẫấậèỂẻẽ" + // C0–CF
	"éẹềểễếệìỉỄẾỒĩíịò" + // D0–DF
	"ỔỏõóọồổỗốộờởỡớợùỖ" + // E0–F0
	"ủũúụừửữứựỳỷỹýỵỐ" // F1–FF

var tcvn3Table = func() map[rune]rune {
	m := make(map[rune]rune, 95)
	b := rune(0xA1)
	for _, r := range tcvn3High {
		m[b] = r
		b++
	}
	if b != 0x100 {
		panic("normalize: TCVN3 table is not 95 runes long")
	}
	return m
}()

func decodeTCVN3(s string) string {
	return strings.Map(func(r rune) rune {
		if u, ok := tcvn3Table[r]; ok {
			return u
		}
		return r
	}, s)
}

// VNI Windows spells a letter as an ASCII base letter followed by one
// modifier byte (tone, shape, or shape and tone together); a few letters
// are single bytes. The modifier bytes, lower-case forms (the upper-case
// letters use the byte minus 0x20):
//
//	tone:            ù acute, ø grave, û hook, õ tilde, ï dot
//	circumflex (^):  â, and á ấ-acute, à grave, å hook, ã tilde, ä dot
//	breve (ă):       ê, and é acute, è grave, ú hook, ü tilde, ë dot
//
// Single bytes: ô ơ, ö ư, ñ đ, í ì æ ó ò for í ì ỉ ĩ ị, î ỵ.
var (
	vniTone  = map[rune]rune{'ù': toneAcute, 'ø': toneGrave, 'û': toneHook, 'õ': toneTilde, 'ï': toneDot}
	vniCirc  = map[rune]rune{'â': 0, 'á': toneAcute, 'à': toneGrave, 'å': toneHook, 'ã': toneTilde, 'ä': toneDot}
	vniBreve = map[rune]rune{'ê': 0, 'é': toneAcute, 'è': toneGrave, 'ú': toneHook, 'ü': toneTilde, 'ë': toneDot}
	vniLone  = map[rune]string{
		'ô': "ơ", 'ö': "ư", 'ñ': "đ", 'í': "í", 'ì': "ì", 'æ': "ỉ", 'ó': "ĩ", 'ò': "ị", 'î': "ỵ",
		'Ô': "Ơ", 'Ö': "Ư", 'Ñ': "Đ", 'Í': "Í", 'Ì': "Ì", 'Æ': "Ỉ", 'Ó': "Ĩ", 'Ò': "Ị", 'Î': "Ỵ",
	}
)

// vniModifier reads r as a modifier of base (lower-case ASCII vowel, or
// "ơ"/"ư"), returning the shape mark (0 for none) and the tone (0 for
// none).
func vniModifier(base rune, r rune) (shape, tone rune, ok bool) {
	lr := unicode.ToLower(r)
	if t, ok := vniTone[lr]; ok {
		return 0, t, true
	}
	if base == 'a' || base == 'e' || base == 'o' {
		if t, ok := vniCirc[lr]; ok {
			return '\u0302', t, true
		}
	}
	if base == 'a' {
		if t, ok := vniBreve[lr]; ok {
			return '\u0306', t, true
		}
	}
	return 0, 0, false
}

func decodeVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		base := unicode.ToLower(r)
		var letter string
		switch {
		case base == 'a' || base == 'e' || base == 'o' || base == 'u' || base == 'y':
			letter = string(r)
		case base == 'ô' || base == 'ö':
			letter = vniLone[r]
			base = map[rune]rune{'ô': 'ơ', 'ö': 'ư'}[base]
		default:
			if l, ok := vniLone[r]; ok {
				b.WriteString(l)
			} else {
				b.WriteRune(r)
			}
			continue
		}
		b.WriteString(letter)
		if i+1 < len(rs) {
			if shape, tone, ok := vniModifier(base, rs[i+1]); ok {
				if shape != 0 {
					b.WriteRune(shape)
				}
				if tone != 0 {
					b.WriteRune(tone)
				}
				i++
			}
		}
	}
	return b.String()
}
