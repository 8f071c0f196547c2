package extract

import (
	"regexp"
	"strings"
)

func anyMatch(ls []line, re *regexp.Regexp) bool {
	for _, l := range ls {
		if re.MatchString(l.text) {
			return true
		}
	}
	return false
}

// bodyStart returns the index of the first body line: after the title.
func bodyStart(ls []line) int {
	for i, l := range ls {
		if !l.center && !isUpper(l.text) && i > 0 && !numberRe.MatchString(l.text) && !dateRe.MatchString(l.text) && l.side != rightSide && l.side != leftSide {
			return i
		}
	}
	return 0
}

// signatureStart returns the index of the "Nơi nhận" line, or len(ls).
func signatureStart(ls []line) int {
	for i := len(ls) - 1; i >= 0; i-- {
		if strings.HasPrefix(ls[i].text, "Nơi nhận") {
			return i
		}
	}
	return len(ls)
}
