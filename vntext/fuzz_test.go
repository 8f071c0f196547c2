package vntext

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzLegacy checks that Legacy never fails, returns NFC, and reads back
// what the test encoders spell.
func FuzzLegacy(f *testing.F) {
	for _, s := range roundTripText {
		f.Add(s)
	}
	f.Add("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
	f.Add("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, font := range []string{".VnTime", ".VnTimeH", "VNI-Times"} {
			if out := Legacy(font, s); !norm.NFC.IsNormalString(out) || !utf8.ValidString(out) {
				t.Fatalf("Legacy(%q, %q) = %q: not NFC", font, s, out)
			}
		}
		want := norm.NFC.String(s)
		if enc, err := encodeTCVN3(want, false); err == nil {
			if got := Legacy(".VnTime", enc); got != want {
				t.Fatalf("TCVN3 round trip of %q: %q", want, got)
			}
		}
		if enc, err := encodeVNI(want); err == nil && !hasUnicodeVietnamese(enc) {
			if got := Legacy("VNI-Times", enc); got != want {
				t.Fatalf("VNI round trip of %q via %q: %q", want, enc, got)
			}
		}
	})
}

// FuzzText checks that Text is idempotent and gives NFC.
func FuzzText(f *testing.F) {
	f.Add("Văn hoá, Thể thao và Du lịch\u00a0 Uỷ ban")
	f.Add("Vie\u0302\u0301t")
	f.Fuzz(func(t *testing.T, s string) {
		once := Text(s)
		if Text(once) != once {
			t.Fatalf("Text not idempotent on %q: %q then %q", s, once, Text(once))
		}
		if !norm.NFC.IsNormalString(once) {
			t.Fatalf("Text(%q) = %q not NFC", s, once)
		}
	})
}
