package index

import (
	"reflect"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want []Clause
	}{
		{"quỹ đầu tư", []Clause{{Value: "quỹ"}, {Value: "đầu"}, {Value: "tư"}}},
		{`"mạo hiểm" -bảo`, []Clause{{Value: "mạo hiểm", Phrase: true}, {Not: true, Value: "bảo"}}},
		{`chu-tri:"Sở Tài chính"`, []Clause{{Field: FilterLead, Op: ":", Value: "Sở Tài chính", Phrase: true}}},
		{`chủ-trì:STC`, []Clause{{Field: FilterLead, Op: ":", Value: "STC"}}},
		{`phoi_hop: “Sở Nội vụ”`, []Clause{{Field: FilterCoord, Op: ":", Value: "Sở Nội vụ", Phrase: true}}},
		{"van-ban:58/KH-UBND loai:KH nam:2026", []Clause{
			{Field: FilterDocument, Op: ":", Value: "58/KH-UBND"},
			{Field: FilterType, Op: ":", Value: "KH"},
			{Field: FilterYear, Op: ":", Value: "2026"}}},
		{"han<2026-06-30 han>=01/07/2026 han=2026-12 han:2027", []Clause{
			{Field: FilterDue, Op: "<", Value: "2026-06-30"},
			{Field: FilterDue, Op: ">=", Value: "01/07/2026"},
			{Field: FilterDue, Op: ":", Value: "2026-12"},
			{Field: FilterDue, Op: ":", Value: "2027"}}},
		{"-lap:hang-nam", []Clause{{Not: true, Field: FilterRecur, Op: ":", Value: "hang-nam"}}},
		{"nam<2026 abc:def", []Clause{{Value: "nam<2026"}, {Value: "abc:def"}}},
		{`- x "unclosed`, []Clause{{Value: "-"}, {Value: "x"}, {Value: "unclosed", Phrase: true}}},
		{`chu-tri: ""  ""`, nil},
		{"53/2025/NQ-HĐND", []Clause{{Value: "53/2025/NQ-HĐND"}}},
	}
	for _, tt := range tests {
		got := ParseQuery(tt.in).Clauses
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct{ in, from, to string }{
		{"2026-06-30", "2026-06-30", "2026-06-30"},
		{"30/6/2026", "2026-06-30", "2026-06-30"},
		{"2026-02", "2026-02-01", "2026-02-28"},
		{"06/2026", "2026-06-01", "2026-06-30"},
		{"2026", "2026-01-01", "2026-12-31"},
		{"2026-02-30", "", ""},
		{"abc", "", ""},
	}
	for _, tt := range tests {
		from, to, ok := parsePeriod(tt.in)
		if ok != (tt.from != "") || from.String() != tt.from || to.String() != tt.to {
			t.Errorf("parsePeriod(%q) = %v %v %v", tt.in, from, to, ok)
		}
	}
}

// FuzzParseQuery checks that any input parses, that printing a parsed
// query and parsing it again gives the same query, and that compiling it
// never panics.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`quỹ đầu tư "mạo hiểm" -bảo chu-tri:"Sở Tài chính" han<2026-06-30 lap:hang-nam`,
		`phoi-hop:“Sở Nội vụ” van-ban:58/KH-UBND loai:KH nam:2025-2026 han>=01/07/2026`,
		`- -- "" -"x" chủ-trì: nam:`, "KH&CN BQL KKT 53/2025/NQ-HĐND", "\xff\"\u00a0-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		again := ParseQuery(q.String())
		if !reflect.DeepEqual(q, again) {
			t.Fatalf("%q: parsed %#v, printed %q, parsed again %#v", s, q, q.String(), again)
		}
		for _, c := range q.Clauses {
			if c.Value == "" {
				t.Fatalf("%q: empty clause %#v", s, c)
			}
		}
		compile(q, nil, false, nil, nil)
		compile(q, nil, true, nil, nil)
	})
}
