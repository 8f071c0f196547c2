package web

import (
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"vanban/app"
)

// markFragment renders a fragment's text with its matches in <mark>. It
// escapes every byte of the text itself and trusts the spans only as
// numbers: spans out of range, overlapping or cutting a UTF-8 sequence are
// dropped, so a searcher cannot inject markup or split a character.
func markFragment(f app.Fragment) template.HTML {
	var b strings.Builder
	at := 0
	for _, sp := range cleanSpans(f.Text, f.Marks) {
		b.WriteString(template.HTMLEscapeString(f.Text[at:sp.Start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(f.Text[sp.Start:sp.End]))
		b.WriteString("</mark>")
		at = sp.End
	}
	b.WriteString(template.HTMLEscapeString(f.Text[at:]))
	return template.HTML(b.String())
}

// cleanSpans sorts spans and keeps the valid, non-overlapping ones;
// adjacent spans merge so "khởi nghiệp" is one mark, not two.
func cleanSpans(text string, spans []app.Span) []app.Span {
	valid := make([]app.Span, 0, len(spans))
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		if !utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
			continue
		}
		valid = append(valid, sp)
	}
	sort.Slice(valid, func(i, j int) bool { return valid[i].Start < valid[j].Start })
	out := valid[:0]
	for _, sp := range valid {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if sp.Start < last.End {
				continue // overlapping: keep the first
			}
			if strings.TrimSpace(text[last.End:sp.Start]) == "" {
				last.End = sp.End
				continue
			}
		}
		out = append(out, sp)
	}
	return out
}
