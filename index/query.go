package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is a parsed search query: words, "exact phrases", -exclusions
// and filters, in the order typed.
//
//	quỹ đầu tư "mạo hiểm" -bảo chu-tri:"Sở Tài chính" han<2026-06-30 lap:hang-nam
type Query struct {
	Clauses []Clause
}

// Clause is one element of a query.
type Clause struct {
	Not    bool   // typed with a leading "-"
	Field  string // "" for a word or phrase, else one of the Filter… names
	Op     string // ":" for filters; for han also "<", "<=", ">", ">="
	Value  string
	Phrase bool // the value was quoted
}

// Filter names, as typed before the colon.
const (
	FilterLead     = "chu-tri"    // lead unit
	FilterCoord    = "phoi-hop"   // coordinating unit
	FilterDocument = "van-ban"    // document reference
	FilterType     = "loai"       // document type
	FilterYear     = "nam"        // year of the document
	FilterDue      = "han"        // deadline: han<2026-06-30, han>=01/07/2026, han:2026-12
	FilterRecur    = "lap"        // recurrence: hang-nam, hang-quy, hang-thang, 6-thang, thuong-xuyen, mot-lan
	FilterStatus   = "trang-thai" // report status, when cross-checked
)

// filterNames maps a typed filter name, folded and without "-" or "_",
// to its canonical name.
var filterNames = map[string]string{
	"chutri": FilterLead, "phoihop": FilterCoord, "vanban": FilterDocument,
	"loai": FilterType, "nam": FilterYear, "han": FilterDue, "lap": FilterRecur,
	"trangthai": FilterStatus,
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// ParseQuery reads a query as a user types it. It never fails: text that
// is not a filter is a word; values are checked when the query runs.
func ParseQuery(s string) Query {
	var q Query
	p := parser{s: s}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return q
		}
		if c, ok := p.clause(); ok {
			q.Clauses = append(q.Clauses, c)
		}
	}
}

type parser struct {
	s string
	i int
}

func (p *parser) peek() (rune, int) { return utf8.DecodeRuneInString(p.s[p.i:]) }

func (p *parser) skipSpace() {
	for p.i < len(p.s) {
		r, n := p.peek()
		if !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

// clause reads one clause at p.i, which is not a space.
func (p *parser) clause() (Clause, bool) {
	var c Clause
	if r, n := p.peek(); r == '-' && p.i+n < len(p.s) {
		if next, _ := utf8.DecodeRuneInString(p.s[p.i+n:]); !unicode.IsSpace(next) {
			c.Not = true
			p.i += n
		}
	}
	if r, _ := p.peek(); isQuote(r) {
		c.Value, c.Phrase = p.quoted(), true
		return c, c.Value != ""
	}
	if f, op, n := p.filterPrefix(); f != "" {
		p.i += n
		p.skipSpace()
		c.Field, c.Op = f, op
		if r, _ := p.peek(); p.i < len(p.s) && isQuote(r) {
			c.Value, c.Phrase = p.quoted(), true
		} else {
			c.Value = p.bare()
		}
		return c, c.Value != ""
	}
	c.Value = p.bare()
	return c, c.Value != ""
}

// quoted reads a quoted value; an unclosed quote runs to the end.
func (p *parser) quoted() string {
	_, n := p.peek()
	p.i += n
	start := p.i
	for p.i < len(p.s) {
		r, n := p.peek()
		if isQuote(r) {
			v := p.s[start:p.i]
			p.i += n
			return v
		}
		p.i += n
	}
	return p.s[start:]
}

// bare reads up to the next space.
func (p *parser) bare() string {
	start := p.i
	for p.i < len(p.s) {
		r, n := p.peek()
		if unicode.IsSpace(r) {
			break
		}
		p.i += n
	}
	return p.s[start:p.i]
}

// filterPrefix recognizes "name:" (or "han<", "han<=", …) at p.i and
// returns the canonical name, the operator and the prefix's length.
func (p *parser) filterPrefix() (name, op string, n int) {
	rest := p.s[p.i:]
	end := strings.IndexFunc(rest, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '-' && r != '_'
	})
	if end <= 0 {
		return "", "", 0
	}
	key := strings.NewReplacer("-", "", "_", "").Replace(foldTerm(normTerm(rest[:end])))
	name, ok := filterNames[key]
	if !ok {
		return "", "", 0
	}
	after := rest[end:]
	switch {
	case strings.HasPrefix(after, ":"):
		op = ":"
	case name != FilterDue:
		return "", "", 0
	case strings.HasPrefix(after, "<="), strings.HasPrefix(after, ">="):
		op = after[:2]
	case strings.HasPrefix(after, "<"), strings.HasPrefix(after, ">"), strings.HasPrefix(after, "="):
		op = after[:1]
	default:
		return "", "", 0
	}
	if op == "=" {
		return name, ":", end + 1
	}
	return name, op, end + len(op)
}

// String writes q back in the syntax ParseQuery reads.
func (q Query) String() string {
	parts := make([]string, 0, len(q.Clauses))
	for _, c := range q.Clauses {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, " ")
}

func (c Clause) String() string {
	var b strings.Builder
	if c.Not {
		b.WriteByte('-')
	}
	if c.Field != "" {
		b.WriteString(c.Field)
		b.WriteString(c.Op)
	}
	if c.Phrase {
		b.WriteByte('"')
		b.WriteString(c.Value)
		b.WriteByte('"')
	} else {
		b.WriteString(c.Value)
	}
	return b.String()
}
