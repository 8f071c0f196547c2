package ocr

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"vanban/vntext"
)

// Correction with a syllable language model. Tesseract's Vietnamese
// model misses spaces in tightly justified lines ("thựchiện") and drops
// or confuses tone marks, the hook above most of all ("đối mới" for "đổi
// mới"). Vietnamese writes every syllable apart, so a token that is no
// syllable but two syllables glued is split; and a syllable is replaced by
// the one with the same letters and other marks when the syllables around
// it make that one far likelier. The counts (lexicon.gz, made by lexgen
// from Vietnamese laws) are general administrative Vietnamese.

//go:embed lexicon.gz
var lexiconGz []byte

type lexicon struct {
	uni    map[string]float64
	big    map[string]float64
	byFold map[string][]string // folded syllable → the syllables that fold to it
	total  float64
}

var (
	lex     *lexicon
	lexOnce sync.Once
)

func theLexicon() *lexicon {
	lexOnce.Do(func() {
		lex = &lexicon{uni: map[string]float64{}, big: map[string]float64{}, byFold: map[string][]string{}}
		zr, err := gzip.NewReader(bytes.NewReader(lexiconGz))
		if err != nil {
			return
		}
		sc := bufio.NewScanner(zr)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), "\t")
			n, err := strconv.Atoi(v)
			if !ok || err != nil {
				continue
			}
			if strings.Contains(k, " ") {
				lex.big[k] = float64(n)
				continue
			}
			lex.uni[k] = float64(n)
			lex.total += float64(n)
			f := vntext.Fold(k)
			lex.byFold[f] = append(lex.byFold[f], k)
		}
	})
	return lex
}

// mu is the Dirichlet smoothing of the bigram probabilities.
const mu = 20.0

// p is P(b | a) smoothed by b's unigram probability; a may be "".
func (l *lexicon) p(a, b string) float64 {
	pb := (l.uni[b] + 0.1) / (l.total + 1)
	if a == "" {
		return pb
	}
	return (l.big[a+" "+b] + mu*pb) / (l.uni[a] + mu)
}

// known reports whether s is a syllable of the lexicon.
func (l *lexicon) known(s string) bool { return l.uni[s] > 0 }

// token is a word split into the punctuation around it and its letters.
type token struct {
	pre, core, post string
}

func splitToken(s string) token {
	start := strings.IndexFunc(s, isWordRune)
	if start < 0 {
		return token{pre: s}
	}
	end := strings.LastIndexFunc(s, isWordRune)
	_, n := utf8.DecodeRuneInString(s[end:])
	return token{pre: s[:start], core: s[start : end+n], post: s[end+n:]}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// splitGlued returns the parts of a word that OCR read without the
// spaces between them: letters glued to digits ("2024của"), a word after
// a comma or semicolon ("ngành,đơn"), two syllables glued ("thựchiện").
// It returns nil when the word stands as it is.
func (l *lexicon) splitGlued(w string) []string {
	for i, r := range w {
		if i == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(w[:i])
		if strings.ContainsRune(",;", prev) && unicode.IsLetter(r) && !unicode.IsDigit(prev) {
			return append([]string{w[:i]}, orSelf(l.splitGlued(w[i:]), w[i:])...)
		}
		if l.caseBreak(w, i, prev, r) {
			return append([]string{w[:i]}, orSelf(l.splitGlued(w[i:]), w[i:])...)
		}
		if unicode.IsDigit(prev) && unicode.IsLower(r) || unicode.IsLower(prev) && unicode.IsDigit(r) {
			rest := w[i:]
			if t := splitToken(rest); isLetters(t.core) && len([]rune(t.core)) >= 2 || unicode.IsDigit(r) {
				return append([]string{w[:i]}, orSelf(l.splitGlued(rest), rest)...)
			}
		}
	}
	t := splitToken(w)
	core := strings.ToLower(t.core)
	if !isLetters(core) || l.known(core) || utf8.RuneCountInString(core) < 4 {
		return nil
	}
	best, bestScore := -1, math.Inf(-1)
	rs := []rune(core)
	for i := 1; i < len(rs); i++ {
		a, b := string(rs[:i]), string(rs[i:])
		if !l.known(a) || !l.known(b) || !hasVowel(a) || !hasVowel(b) {
			continue
		}
		if s := math.Log(l.p("", a)) + math.Log(l.p(a, b)); s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return nil
	}
	orig := []rune(t.core)
	return []string{t.pre + string(orig[:best]), string(orig[best:]) + t.post}
}

// caseBreak reports whether a word glued at byte i changes case where no
// word does: a syllable then a capitalised one ("quảCơ sở"), or an
// acronym then a syllable ("UBNDngày"). Both sides must be known, so
// that "VNeID" and "eKYC" stand.
func (l *lexicon) caseBreak(w string, i int, prev, r rune) bool {
	left, right := splitToken(w[:i]).core, splitToken(w[i:]).core
	if left == "" || right == "" {
		return false
	}
	rightWord := right
	if j := strings.IndexFunc(right[1:], func(c rune) bool { return !unicode.IsLower(c) }); j >= 0 {
		rightWord = right[:j+1]
	}
	if utf8.RuneCountInString(rightWord) < 2 || !l.known(strings.ToLower(rightWord)) && l.splitGlued(rightWord) == nil {
		return false
	}
	switch {
	case unicode.IsLower(prev) && unicode.IsUpper(r):
		word := left
		if k := strings.LastIndexFunc(left, unicode.IsUpper); k >= 0 {
			word = left[k:]
		}
		return utf8.RuneCountInString(word) >= 2 && l.known(strings.ToLower(word))
	case unicode.IsUpper(prev) && unicode.IsLower(r):
		// "UBNDngày": the capitals before prev are the acronym; a word
		// like "Ngày" has one capital only.
		caps := 0
		for _, c := range left {
			if unicode.IsUpper(c) {
				caps++
			} else {
				caps = 0
			}
		}
		return caps >= 3
	}
	return false
}

func orSelf(parts []string, s string) []string {
	if parts == nil {
		return []string{s}
	}
	return parts
}

func hasVowel(s string) bool {
	return strings.ContainsAny(vntext.Fold(s), "aeiouy")
}

// minGain is how many times likelier the replacement of a syllable must
// make its context before OCR's reading is overruled.
var minGain = math.Log(50)

// fixMarks returns the syllable core with the marks its neighbours make
// likeliest; prev and next are the lower-case neighbouring syllables
// ("" at a line's end or next to punctuation).
func (l *lexicon) fixMarks(prev, core, next string, closed bool) string {
	low := strings.ToLower(core)
	if !isLetters(low) {
		return core
	}
	cands := l.byFold[vntext.Fold(low)]
	if len(cands) < 2 && (len(cands) == 0 || cands[0] == low) {
		return core
	}
	score := func(c string) float64 {
		s := math.Log(l.p(prev, c))
		if next != "" {
			s += math.Log(l.p(c, next))
		}
		return s
	}
	own := score(low)
	best, bestScore := low, own
	for _, c := range cands {
		if s := score(c); s > bestScore {
			best, bestScore = c, s
		}
	}
	if best == low || bestScore-own < minGain {
		return core
	}
	// Only context decides: frequency alone is no reason to overrule what
	// was read. The replacement must be seen beside a neighbour, and on
	// every side where the reading is seen too, far more often than it.
	if l.overrule(prev, low, best, next, closed) {
		return matchCase(core, best)
	}
	return core
}

// minSide is how many times a replacement must be seen before the next
// syllable for that side alone to decide, and sideRatio how many times
// more often than the syllable read, when that was seen there too.
const (
	minSide   = 10
	sideRatio = 20
)

// overrule reports whether the neighbours' bigram counts back best over
// low: on both sides, or on one side alone when it is decisive (best
// seen there minSide times, low never). The next side may decide alone:
// a compound's first syllable is fixed by its second ("Tố chức" at a
// cell line's start is "Tổ chức"). The previous side decides alone only
// where the phrase is closed by punctuation, or where the reading is no
// known syllable: a line's last syllable is often a whole word whose
// sequel sits on the next line ("dữ liệu mới" must not become "dữ liệu
// môi" for "môi trường").
func (l *lexicon) overrule(prev, low, best, next string, closed bool) bool {
	if prev == "" && next == "" {
		return false
	}
	backedPrev, okPrev := l.side(prev+" "+best, prev+" "+low, prev != "")
	backedNext, okNext := l.side(best+" "+next, low+" "+next, next != "")
	switch {
	case !okPrev || !okNext:
		return false
	case prev != "" && next != "":
		return backedPrev && backedNext
	case next != "":
		return backedNext && l.decisive(best+" "+next, low+" "+next)
	default:
		return backedPrev && (closed || !l.known(low)) && l.decisive(prev+" "+best, prev+" "+low)
	}
}

// decisive reports whether one side's bigrams settle it alone.
func (l *lexicon) decisive(withBest, withLow string) bool {
	return l.big[withBest] >= minSide && l.big[withLow] == 0
}

// side compares one neighbour's bigrams: backed when the replacement is
// seen there and far more often than the reading; not ok when the
// reading is at home there.
func (l *lexicon) side(withBest, withLow string, present bool) (backed, ok bool) {
	if !present {
		return false, true
	}
	nb, nl := l.big[withBest], l.big[withLow]
	if nb >= 2 && nb >= sideRatio*nl {
		return true, true
	}
	return false, nl < 2
}

// capConfusions are the capitals the model takes for one another in
// acronyms set in a serif face: the foot of a T lost makes it an L or
// an I, and the other way round.
var capConfusions = map[rune][]rune{'L': {'T', 'I'}, 'T': {'I', 'L'}, 'I': {'T', 'L'}}

// fixAcronym returns the known acronym an unknown run of three or more
// capitals is one confusion away from ("LLHC" for "TTHC": two Ls of the
// same glyph count as one), or the run as it was.
func (l *lexicon) fixAcronym(core string) string {
	if utf8.RuneCountInString(core) < 3 || strings.ToUpper(core) != core || !isLetters(core) || l.known(strings.ToLower(core)) {
		return core
	}
	best, bestN := core, 0.0
	rs := []rune(core)
	for from, tos := range capConfusions {
		for _, to := range tos {
			// Every occurrence of one glyph is read the same way.
			v := strings.Map(func(r rune) rune {
				if r == from {
					return to
				}
				return r
			}, string(rs))
			if v == core {
				continue
			}
			if n := l.uni[strings.ToLower(v)]; n >= minSide && n > bestN {
				best, bestN = v, n
			}
		}
	}
	return best
}

// matchCase writes s in the case pattern of like: "Tổ", "TỔ", "tổ".
func matchCase(like, s string) string {
	lr := []rune(like)
	if len(lr) > 1 && strings.ToUpper(like) == like {
		return strings.ToUpper(s)
	}
	if unicode.IsUpper(lr[0]) {
		r := []rune(s)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	return s
}

// correct splits glued words and fixes marks in one line of words (in
// reading order); a split word's box is shared by its parts in
// proportion to their letters.
func correct(words []Word) []Word {
	l := theLexicon()
	if len(l.uni) == 0 {
		return words
	}
	var out []Word
	for _, w := range words {
		parts := l.splitGlued(w.Text)
		if len(parts) < 2 {
			out = append(out, w)
			continue
		}
		total := float64(utf8.RuneCountInString(w.Text))
		x := w.X0
		for _, p := range parts {
			nw := w
			nw.Text = p
			nw.X0 = x
			nw.X1 = x + (w.X1-w.X0)*float64(utf8.RuneCountInString(p))/total
			x = nw.X1
			out = append(out, nw)
		}
	}
	out = joinNumerals(out)
	toks := make([]token, len(out))
	for i, w := range out {
		toks[i] = splitToken(w.Text)
	}
	// neighbour gives the syllable next to word i on side d, or "" when
	// punctuation or a wide gap stands between them.
	neighbour := func(i, d int) string {
		j := i + d
		if j < 0 || j >= len(out) || out[j].Line != out[i].Line {
			return ""
		}
		a, b := out[min(i, j)], out[max(i, j)]
		if b.X0-a.X1 > a.Size || toks[min(i, j)].post != "" || toks[max(i, j)].pre != "" {
			return ""
		}
		s := strings.ToLower(toks[j].core)
		if !isLetters(s) {
			return ""
		}
		return s
	}
	for i := range out {
		t := toks[i]
		if t.core == "" {
			continue
		}
		fixed := l.fixAcronym(t.core)
		if fixed == t.core {
			fixed = l.fixMarks(neighbour(i, -1), t.core, neighbour(i, 1), t.post != "")
		}
		if fixed != t.core {
			out[i].Text = t.pre + fixed + t.post
		}
	}
	return out
}

var (
	romanPart = regexp.MustCompile(`^[IVXLC]+$`)
	romanEnd  = regexp.MustCompile(`^[IVXLC]+[.)]?$`)
	roman     = regexp.MustCompile(`^(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})[.)]?$`)
)

// joinNumerals joins a Roman numeral OCR read as two words ("VI II." for
// "VIII."): section numbers open table rows and headings.
func joinNumerals(words []Word) []Word {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		if i+1 < len(words) {
			n := words[i+1]
			joined := w.Text + n.Text
			if n.Line == w.Line && romanPart.MatchString(w.Text) && romanEnd.MatchString(n.Text) &&
				n.X0-w.X1 < 0.5*w.Size && roman.MatchString(joined) {
				w.Text, w.X1 = joined, n.X1
				i++
			}
		}
		out = append(out, w)
	}
	return out
}
