package normalize

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"vanban/vntext"

	"vanban"
)

// Aliases maps the names a plan writes for its units to canonical names,
// and spells out abbreviations. The zero value is empty; DefaultAliases
// returns the built-in table (BuiltinAliases), and Load merges a user's
// file over a table.
//
// The file format, one definition per line (UTF-8; "#" starts a comment
// line; blank lines are ignored):
//
//	Sở Tài chính | Sở Kế hoạch và Đầu tư | STC   canonical name, then the names that mean it
//	Sở Ngoại vụ                                 a unit known by its own name only
//	group: Các cơ quan báo chí | cơ quan báo chí   the same for an unnamed group of units
//	UBND = Ủy ban nhân dân                      an abbreviation, spelled out wherever it is a word
//	- Sở Ngoại vụ                               forget a name (and every name it stood for)
//
// Names match without regard to case, punctuation, spacing, tone-mark
// placement or the word "và", so "Sở Khoa học Công nghệ" and "SỞ KHOA
// HỌC VÀ CÔNG NGHỆ" both find "Sở Khoa học và Công nghệ". A later line
// overrides an earlier one, and a loaded file overrides the built-ins.
type Aliases struct {
	names  map[string]aliasEntry // key(name) → canonical entry
	abbrev map[string]string     // abbreviation → words
	order  []string              // abbreviations, longest first
	// written holds the names with a "," or "và" of their own, lower
	// case, so Parties does not split them.
	written []string
}

type aliasEntry struct {
	name string
	kind vanban.PartyKind
}

// DefaultAliases returns a fresh copy of the built-in table.
func DefaultAliases() *Aliases {
	a := &Aliases{}
	if err := a.Load(strings.NewReader(BuiltinAliases)); err != nil {
		panic("normalize: built-in aliases: " + err.Error())
	}
	return a
}

// LoadAliases returns the built-in table with the definitions read from
// r merged over it.
func LoadAliases(r io.Reader) (*Aliases, error) {
	a := DefaultAliases()
	if err := a.Load(r); err != nil {
		return nil, err
	}
	return a, nil
}

var (
	defaultOnce    sync.Once
	defaultAliases *Aliases
)

// orDefault returns a, or the shared built-in table when a is nil.
func orDefault(a *Aliases) *Aliases {
	if a != nil {
		return a
	}
	defaultOnce.Do(func() { defaultAliases = DefaultAliases() })
	return defaultAliases
}

// Load merges the definitions read from r into a. Errors name the line.
func (a *Aliases) Load(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := a.define(line); err != nil {
			return fmt.Errorf("aliases line %d: %w", n, err)
		}
	}
	return sc.Err()
}

func (a *Aliases) define(line string) error {
	if !utf8.ValidString(line) {
		return fmt.Errorf("not UTF-8")
	}
	switch {
	case strings.HasPrefix(line, "- "):
		a.Remove(strings.TrimSpace(line[2:]))
		return nil
	case strings.Contains(line, "=") && !strings.Contains(line, "|"):
		abbr, words, _ := strings.Cut(line, "=")
		abbr, words = strings.TrimSpace(abbr), vntext.Text(words)
		if abbr == "" || words == "" || strings.ContainsFunc(abbr, unicode.IsSpace) {
			return fmt.Errorf("abbreviation %q: want ABBR = words", line)
		}
		a.AddAbbrev(abbr, words)
		return nil
	}
	kind := vanban.KindUnit
	if rest, ok := strings.CutPrefix(line, "group:"); ok {
		kind, line = vanban.KindGroup, rest
	}
	names := strings.Split(line, "|")
	if strings.TrimSpace(names[0]) == "" {
		return fmt.Errorf("missing canonical name")
	}
	a.Add(kind, names[0], names[1:]...)
	return nil
}

// Add records canonical (of kind unit or group) and the names that mean it.
func (a *Aliases) Add(kind vanban.PartyKind, canonical string, names ...string) {
	if a.names == nil {
		a.names = map[string]aliasEntry{}
	}
	e := aliasEntry{name: vntext.Text(canonical), kind: kind}
	for _, n := range append([]string{canonical}, names...) {
		if k := a.key(n); k != "" {
			a.names[k] = e
		}
		if w := strings.ToLower(vntext.Text(n)); strings.Contains(w, ",") || strings.Contains(w, " và ") {
			if !slices.Contains(a.written, w) {
				a.written = append(a.written, w)
			}
		}
	}
}

// AddAbbrev records that abbr, written as a word, stands for words.
func (a *Aliases) AddAbbrev(abbr, words string) {
	if a.abbrev == nil {
		a.abbrev = map[string]string{}
	}
	if _, ok := a.abbrev[abbr]; !ok {
		a.order = append(a.order, abbr)
		sort.SliceStable(a.order, func(i, j int) bool { return len(a.order[i]) > len(a.order[j]) })
	}
	a.abbrev[abbr] = words
}

// Remove forgets name: as an abbreviation, as a name, and, when name is
// canonical, every name that stood for it.
func (a *Aliases) Remove(name string) {
	if _, ok := a.abbrev[name]; ok {
		delete(a.abbrev, name)
		a.order = deleteString(a.order, name)
	}
	k := a.key(name)
	e, ok := a.names[k]
	if !ok {
		return
	}
	delete(a.names, k)
	if a.key(e.name) == k {
		for kk, ee := range a.names {
			if ee.name == e.name {
				delete(a.names, kk)
			}
		}
	}
}

func deleteString(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// Canonical returns the canonical name and kind of name, abbreviations
// spelled out first; known is false when the table does not know it.
func (a *Aliases) Canonical(name string) (canonical string, kind vanban.PartyKind, known bool) {
	a = orDefault(a)
	e, ok := a.names[a.key(name)]
	if !ok {
		return "", "", false
	}
	return e.name, e.kind, true
}

// Units lists the canonical names of the units the table knows, sorted.
func (a *Aliases) Units() []string {
	a = orDefault(a)
	seen := map[string]bool{}
	for _, e := range a.names {
		if e.kind == vanban.KindUnit {
			seen[e.name] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Expand spells out the abbreviations in s that stand as words.
func (a *Aliases) Expand(s string) string {
	a = orDefault(a)
	for _, abbr := range a.order {
		s = replaceWord(s, abbr, a.abbrev[abbr])
	}
	return s
}

// replaceWord replaces the occurrences of w in s that no letter or digit
// touches, nor a "-" or "/" (a document symbol such as "16/KH-UBND").
func replaceWord(s, w, by string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, w)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if i > 0 && (isWordRune(before) || before == '-' || before == '/') ||
			i+len(w) < len(s) && (isWordRune(after) || strings.ContainsRune("&-/", after)) {
			b.WriteString(s[:i+len(w)])
		} else {
			b.WriteString(s[:i])
			b.WriteString(by)
		}
		s = s[i+len(w):]
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// key is the form names are matched in: abbreviations spelled out, Text,
// lower case, punctuation and the word "và" dropped.
func (a *Aliases) key(s string) string {
	s = vntext.Text(s)
	if a != nil {
		for _, abbr := range a.order {
			s = replaceWord(s, abbr, a.abbrev[abbr])
		}
	}
	s = strings.ToLower(s)
	f := strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
	out := f[:0]
	for _, w := range f {
		if w != "và" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
