package ocr

import (
	"strings"

	"vanban/normalize"
)

// Clean returns the text of an OCR word as the readers of born-digital
// files give it: NFC and the tone placement of package normalize, the
// Icelandic eth (U+00D0) that the Vietnamese model reads for "Đ" folded
// to it, and the runs of "_" and "|" that rulings and dotted leaders
// leave dropped.
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
	return normalize.Text(s)
}
