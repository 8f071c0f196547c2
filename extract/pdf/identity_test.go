package pdf

import "testing"

// TestIdentityToUnicode: a ToUnicode that maps each glyph index to the
// code point of the same number is no text at all; a real one is kept.
func TestIdentityToUnicode(t *testing.T) {
	for _, tc := range []struct {
		name, cmap string
		identity   bool
	}{
		{"glyph indices as text", `1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfrange <0003> <0060> <0003> <0100> <0200> <0100> <04A0> <04F0> <04A0> endbfrange`, true},
		{"identity chars", `1 begincodespacerange <0000> <FFFF> endcodespacerange
10 beginbfchar <0036> <0036> <04E2> <04E2> <0026> <0026> <0032> <0032> <002A> <002A> <0031> <0031> <0033> <0033> <0034> <0034> <0035> <0035> <0037> <0037> endbfchar`, true},
		{"real text", `1 begincodespacerange <0000> <FFFF> endcodespacerange
10 beginbfchar <0036> <0053> <04E2> <1EDE> <0026> <0043> <0032> <004F> <002A> <0047> <0031> <004E> <0033> <0050> <0034> <0051> <0035> <0052> <0037> <0054> endbfchar`, false},
		{"too few to say", `1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0041> <0041> <0042> <0042> endbfchar`, false},
	} {
		if got := parseCMap([]byte(tc.cmap)).identity(); got != tc.identity {
			t.Errorf("%s: identity = %v, want %v", tc.name, got, tc.identity)
		}
	}
}
