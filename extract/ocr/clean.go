package ocr

import (
	"regexp"
	"strings"

	"vanban/vntext"
)

// Clean returns the text of an OCR word as the readers of born-digital
// files give it: NFC and the tone placement of package normalize, the
// Icelandic eth (U+00D0) that the Vietnamese model reads for "Đ" folded
// to it, the runs of "_" and "|" that rulings and dotted leaders leave
// dropped, em dashes read as the en dash they stand for.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case 'Ð':
			return 'Đ'
		case 'ð':
			return 'đ'
		case '|', '_', '¦', '‖':
			return ' '
		}
		return r
	}, s)
	s = dashRun.ReplaceAllString(s, "–")
	return vntext.Text(s)
}

// dashRun is what the model reads for an en dash ("2026 – 2030"): an em
// dash, often with a hyphen glued to it. Administrative Vietnamese writes
// en dashes and hyphens; em dashes are the model's.
var dashRun = regexp.MustCompile(`[-—]*—[-—]*`)
