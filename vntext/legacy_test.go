package vntext

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode"
	"vanban/internal/sharedtest"

	"golang.org/x/text/unicode/norm"
)

// encodeTCVN3 spells s (NFC) in TCVN3 as Word stores a .VnTime run: each
// byte as the rune U+00xx. For a capitals font (.VnTimeH) the letters are
// typed in lower case. It fails on a letter TCVN3 (VN3) cannot spell.
func encodeTCVN3(s string, caps bool) (string, error) {
	rev := map[rune]rune{}
	for b, r := range tcvn3Table {
		if b >= 0xB0 && b <= 0xB4 {
			continue // combining marks: not used by the ABC fonts
		}
		rev[r] = b
	}
	if caps {
		s = strings.ToLower(s)
	}
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch b, ok := rev[r]; {
		case ok:
			out.WriteRune(b)
		case r < 0x80:
			out.WriteRune(r)
		default:
			return "", fmt.Errorf("TCVN3 cannot spell %q", r)
		}
	}
	return out.String(), nil
}

// encodeVNI spells s in VNI Windows, written from the VNI table: base
// letter, then one byte for its shape and tone.
func encodeVNI(s string) (string, error) {
	tone := map[rune]int{0: -1, toneAcute: 0, toneGrave: 1, toneHook: 2, toneTilde: 3, toneDot: 4}
	const plainTones, circ, breve = "ùøûõï", "âáàåãä", "êéèúüë"
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		if r == 'đ' || r == 'Đ' {
			out.WriteRune(map[rune]rune{'đ': 'ñ', 'Đ': 'Ñ'}[r])
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base, marks := d[0], d[1:]
		if base >= 0x80 || len(d) == 1 {
			if r >= 0x80 {
				return "", fmt.Errorf("VNI cannot spell %q", r)
			}
			out.WriteRune(r)
			continue
		}
		var shape, tn rune
		for _, m := range marks {
			switch {
			case isShapeMark(m) && shape == 0:
				shape = m
			case isTone(m) && tn == 0:
				tn = m
			default:
				return "", fmt.Errorf("VNI cannot spell %q", r)
			}
		}
		lb0 := unicode.ToLower(base)
		if !strings.ContainsRune("aeiouy", lb0) {
			return "", fmt.Errorf("VNI cannot spell %q", r)
		}
		if shape == '\u0302' && !strings.ContainsRune("aeo", lb0) || shape == '\u0306' && lb0 != 'a' ||
			shape == '\u031B' && !strings.ContainsRune("ou", lb0) {
			return "", fmt.Errorf("VNI cannot spell %q", r)
		}
		upper := unicode.IsUpper(base)
		byteOf := func(set string, i int) rune {
			b := []rune(set)[i]
			if upper {
				b -= 0x20
			}
			return b
		}
		lb := unicode.ToLower(base)
		switch {
		case lb == 'i':
			if tn == 0 {
				out.WriteRune(base)
			} else {
				out.WriteRune(byteOf("íìæóò", tone[tn]))
			}
		case lb == 'y' && tn == toneDot:
			out.WriteRune(byteOf("î", 0))
		case shape == '\u031B': // horn: ơ, ư are single bytes
			out.WriteRune(byteOf(map[rune]string{'o': "ô", 'u': "ö"}[lb], 0))
			if tn != 0 {
				out.WriteRune(byteOf(plainTones, tone[tn]))
			}
		case shape == '\u0302':
			out.WriteRune(base)
			out.WriteRune(byteOf(circ, tone[tn]+1))
		case shape == '\u0306':
			out.WriteRune(base)
			out.WriteRune(byteOf(breve, tone[tn]+1))
		default:
			out.WriteRune(base)
			if tn != 0 {
				out.WriteRune(byteOf(plainTones, tone[tn]))
			}
		}
	}
	return out.String(), nil
}

func TestFontEncoding(t *testing.T) {
	tests := []struct {
		font string
		want Encoding
	}{
		{".VnTime", EncTCVN3}, {".VnArial", EncTCVN3}, {".VnArial Narrow", EncTCVN3},
		{".VnTimeH", EncTCVN3Caps}, {".VnArialH", EncTCVN3Caps}, {".VnBlackH", EncTCVN3Caps},
		{".vntime", EncTCVN3}, {" .VnCentury Schoolbook ", EncTCVN3},
		{"VNI-Times", EncVNI}, {"VNI-Helve", EncVNI}, {"vni-aptima", EncVNI},
		{"Times New Roman", EncUnicode}, {"Arial", EncUnicode}, {"", EncUnicode}, {"VNI", EncUnicode},
		{"Vntime", EncUnicode},
	}
	for _, tt := range tests {
		if got := FontEncoding(tt.font); got != tt.want {
			t.Errorf("FontEncoding(%q) = %d, want %d", tt.font, got, tt.want)
		}
	}
}

// TestLegacyKnownText decodes text as it circulates, typed in the legacy
// fonts (the strings a Unicode reader shows for them).
func TestLegacyKnownText(t *testing.T) {
	tests := []struct{ font, in, want string }{
		{".VnTime", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
		{".VnTime", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
		{".VnTime", "Së Tµi chÝnh", "Sở Tài chính"},
		{".VnTimeH", "céng hoµ x· héi chñ nghÜa viÖt nam", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{".VnTimeH", "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"VNI-Times", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
		{"VNI-Times", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
		{"VNI-Times", "ngöôøi", "người"},
		{"VNI-Times", "ÑOÄC LAÄP", "ĐỘC LẬP"},
		// Unicode text in a legacy font name is left alone.
		{".VnTime", "Sở Tài chính", "Sở Tài chính"},
		{"VNI-Times", "Việt Nam", "Việt Nam"},
		// Other fonts are not touched.
		{"Times New Roman", "Céng hoµ", "Céng hoµ"},
		// A symbol font's bytes come as U+F0xx.
		{".VnTime", "C\uF0E9ng", "Cộng"},
	}
	for _, tt := range tests {
		if got := Legacy(tt.font, tt.in); got != tt.want {
			t.Errorf("Legacy(%q, %q) = %q, want %q", tt.font, tt.in, got, tt.want)
		}
	}
}

var roundTripText = []string{
	"kế hoạch thực hiện quyết định số 709/qđ-ttg ngày 23/7/2024 của thủ tướng chính phủ",
	"tăng cường sự lãnh đạo của đảng đối với khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
	"định kỳ hằng năm trước ngày 15/12, các cơ quan, đơn vị rà soát, báo cáo ủy ban nhân dân thành phố",
	"quỹ đầu tư mạo hiểm; thuỷ lợi; khoẻ mạnh; người dân; giữa; quốc gia; nguyễn; huỳnh; khuya; ĐƯỜNG; Ư Ơ Â Ê Ô Ă",
	"à ả ã á ạ ằ ẳ ẵ ắ ặ ầ ẩ ẫ ấ ậ è ẻ ẽ é ẹ ề ể ễ ế ệ ì ỉ ĩ í ị ò ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ù ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ đ",
}

func TestLegacyRoundTrip(t *testing.T) {
	for _, s := range append(roundTripText, "Ă Â Ê Ô Ơ Ư Đ: the capitals .VnTime has") {
		// .VnTime has lower-case letters and seven bare capitals.
		low := strings.ToLower(s)
		if strings.HasPrefix(s, "Ă") {
			low = s
		}
		enc, err := encodeTCVN3(low, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := Legacy(".VnTime", enc); got != low {
			t.Errorf("TCVN3 round trip\n got %q\nwant %q", got, low)
		}
		upper := strings.ToUpper(s)
		enc, err = encodeTCVN3(upper, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := Legacy(".VnTimeH", enc); got != upper {
			t.Errorf("TCVN3 capitals round trip\n got %q\nwant %q", got, upper)
		}
		for _, v := range []string{s, upper} {
			enc, err = encodeVNI(v)
			if err != nil {
				t.Fatal(err)
			}
			if got := Legacy("VNI-Times", enc); got != v {
				t.Errorf("VNI round trip\n got %q\nwant %q\n via %q", got, v, enc)
			}
		}
	}
}

// TestTCVN3Iconv checks the TCVN3 table against glibc's TCVN5712-1, byte
// by byte for 0xA1–0xFF.
func TestTCVN3Iconv(t *testing.T) {
	sharedtest.Program(t, "iconv", "libc-bin")
	var in bytes.Buffer
	for b := 0xA1; b <= 0xFF; b++ {
		in.WriteByte(byte(b))
		in.WriteByte('\n')
	}
	cmd := exec.Command("iconv", "-f", "TCVN5712-1", "-t", "UTF-8")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		sharedtest.Missing(t, "iconv lacks TCVN5712-1: "+err.Error())
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 0xFF-0xA1+1 {
		t.Fatalf("iconv gave %d lines", len(lines))
	}
	for i, l := range lines {
		b := rune(0xA1 + i)
		if want, got := norm.NFC.String(l), string(tcvn3Table[b]); got != want {
			t.Errorf("byte %#x: table %q, iconv %q", b, got, want)
		}
	}
}
