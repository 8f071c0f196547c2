package vntext

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, fold, words string }{
		{"", "", ""},
		{"KH&CN", "kh&cn", "kh cn"},
		{"Ủy ban nhân dân", "uy ban nhan dan", "uy ban nhan dan"},
		{"UỶ BAN  nhân-dân", "uy ban  nhan-dan", "uy ban nhan dan"},
		{"ĐÀ NẴNG; Đắk Lắk", "da nang; dak lak", "da nang dak lak"},
		{norm.NFD.String("Sở Tài chính"), "so tai chinh", "so tai chinh"},
		{" (Chủ trì) ", " (chu tri) ", "chu tri"},
		{"Quý I/2026", "quy i/2026", "quy i 2026"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := FoldWords(tt.in); got != tt.words {
			t.Errorf("FoldWords(%q) = %q, want %q", tt.in, got, tt.words)
		}
	}
}

// FuzzFold checks what callers rely on: folding is idempotent and leaves
// no combining mark and no upper-case letter.
func FuzzFold(f *testing.F) {
	f.Add("Ủy ban nhân dân tỉnh Lâm Đồng, KH&CN")
	f.Add(norm.NFD.String("Hòa Bình thủy lợi"))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold not idempotent on %q: %q then %q", s, got, again)
		}
		for _, r := range got {
			if unicode.Is(unicode.Mn, r) || (unicode.IsUpper(r) && unicode.ToLower(r) != r) {
				t.Fatalf("Fold(%q) = %q keeps %q", s, got, r)
			}
		}
		if w := FoldWords(s); FoldWords(w) != w {
			t.Errorf("FoldWords not idempotent on %q", s)
		}
	})
}

// foldNFD is the reference Fold: decompose, drop the marks, lower-case.
// Stored keys were made with it, so the fast Fold must agree with it.
func foldNFD(s string) string {
	var out []rune
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		out = append(out, unicode.ToLower(r))
	}
	return string(out)
}

func TestFoldAgreesWithDecomposition(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := "a" + string(r) + "b"
		if got, want := Fold(s), foldNFD(s); got != want {
			t.Errorf("Fold(%U) = %q, want %q", r, got, want)
		}
	}
}

func TestFoldTerms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"KH&CN", "kh&cn"},
		{"Sở KH&CN; R&D", "so kh&cn r&d"},
		{"Ủy ban - nhân dân", "uy ban nhan dan"},
	}
	for _, tt := range tests {
		if got := FoldTerms(tt.in); got != tt.want {
			t.Errorf("FoldTerms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
