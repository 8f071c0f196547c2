package docgen

import (
	"strconv"
	"strings"
)

// NumFormat is how Word writes a list's counter (w:numFmt).
type NumFormat int

const (
	Decimal     NumFormat = iota // 1, 2, 3
	LowerLetter                  // a, b, c … z, aa (Word's letters: no đ)
	UpperLetter                  // A, B, C
	LowerRoman                   // i, ii, iii
	UpperRoman                   // I, II, III
)

// List is one Word numbering list. Every cell whose Number points to the
// same List takes the next number of that list, in document order; a new
// List starts counting again (Word: another w:num).
type List struct {
	Format NumFormat
	// Pattern is the label with %1 for the counter (w:lvlText): "%1.",
	// "%1)", "II.%1."; empty means "%1.".
	Pattern string
	// Start is the first number; 0 means 1.
	Start int
}

// Label returns the label Word renders for the i-th paragraph (0-based)
// of the list.
func (l *List) Label(i int) string {
	p := l.Pattern
	if p == "" {
		p = "%1."
	}
	return strings.ReplaceAll(p, "%1", l.Format.format(l.start()+i))
}

func (l *List) start() int {
	if l.Start < 1 {
		return 1
	}
	return l.Start
}

// format writes n in the format.
func (f NumFormat) format(n int) string {
	switch f {
	case LowerLetter:
		return letters(n, 'a')
	case UpperLetter:
		return letters(n, 'A')
	case LowerRoman:
		return strings.ToLower(Roman(n))
	case UpperRoman:
		return Roman(n)
	default:
		return strconv.Itoa(n)
	}
}

// wordName is the w:numFmt value.
func (f NumFormat) wordName() string {
	return [...]string{"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}[f]
}

// letters writes n as Word's letter counter: a … z, then aa … zz.
func letters(n int, a rune) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	k := (n - 1) / 26
	return strings.Repeat(string(a+rune((n-1)%26)), k+1)
}

// Roman writes n (1–3999) in Roman numerals; other values as digits.
func Roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// counter hands out list numbers in document order, one count per List.
type counter struct {
	next  map[*List]int
	order []*List // lists in order of first use: their w:numId is index+1
}

// label returns the next label of l and the list's 1-based id.
func (c *counter) label(l *List) (string, int) {
	if c.next == nil {
		c.next = map[*List]int{}
	}
	i, seen := c.next[l]
	if !seen {
		c.order = append(c.order, l)
	}
	c.next[l] = i + 1
	return l.Label(i), c.id(l)
}

func (c *counter) id(l *List) int {
	for i, x := range c.order {
		if x == l {
			return i + 1
		}
	}
	return 0
}
