package draft

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/nguyenthenguyen/docx"
)

// The templates are ordinary Word documents, one per kind, edited in Word
// or LibreOffice. They hold the fixed text and all the formatting; the
// variable parts are placeholders in double braces:
//
//   - {{name}}: replaced by a value (a new line in the value is a line
//     break);
//   - {{block.field}}: marks the paragraph or table row that block repeats,
//     once per item, with the item's fields; no item removes it;
//   - paragraphs {{if name}} … {{end name}}: what lies between is kept only
//     when the condition holds; the marker paragraphs always go.
//
// github.com/nguyenthenguyen/docx opens the template and writes the
// result (the package's other parts are copied untouched); the filling of
// word/document.xml is done here, because its Replace writes a line break
// inside w:t (not valid WordprocessingML), re-scans the text it has
// already inserted, and has no notion of repeated rows.
//
//go:embed templates/*.docx
var templates embed.FS

// placeholderRe matches a placeholder as the template's text holds it.
var placeholderRe = regexp.MustCompile(`\{\{([a-z0-9_]+(?:\.[a-z0-9_]+)?|(?:if|end) [a-z0-9_]+)\}\}`)

// filling is what goes into one template.
type filling struct {
	values map[string]string
	// rows and paras are the repeated blocks: the prototypes (block names)
	// that form one run of repeated elements, and the items to write.
	rows  []repeat
	paras []repeat
	cond  map[string]bool
}

// repeat fills a run of prototype elements: each item is written with
// the prototype it names, in item order, where the first prototype stood.
type repeat struct {
	protos []string
	items  []item
}

// item is one repeated element: its prototype and its fields.
type item struct {
	proto  string
	fields map[string]string
}

func newFilling() *filling {
	return &filling{values: map[string]string{}, cond: map[string]bool{}}
}

func (f *filling) set(name, value string) { f.values[name] = value }

// lines repeats a one-field paragraph block, once per line.
func (f *filling) lines(block, field string, lines []string) {
	var items []item
	for _, l := range lines {
		items = append(items, item{block, map[string]string{field: l}})
	}
	f.paras = append(f.paras, repeat{[]string{block}, items})
}

// render fills the embedded template name and writes the document to w.
func (f *filling) render(w io.Writer, name string) error {
	data, err := templates.ReadFile("templates/" + name)
	if err != nil {
		return err
	}
	return f.renderTemplate(w, name, data)
}

// renderTemplate fills the template data and writes the document to w.
func (f *filling) renderTemplate(w io.Writer, name string, data []byte) error {
	src, err := docx.ReadDocxFromMemory(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	defer src.Close()
	doc := src.Editable()
	xml, err := f.fill(doc.GetContent())
	if err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	doc.SetContent(xml)
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// fill returns document.xml with f filled in.
func (f *filling) fill(xml string) (string, error) {
	xml = joinSplitPlaceholders(xml)
	var err error
	for _, r := range f.rows {
		if xml, err = r.expand(xml, "w:tr"); err != nil {
			return "", err
		}
	}
	for _, r := range f.paras {
		if xml, err = r.expand(xml, "w:p"); err != nil {
			return "", err
		}
	}
	// Conditions last: a dropped span may hold a repeated block.
	if xml, err = f.conditions(xml); err != nil {
		return "", err
	}
	return fillValues(xml, func(name string) (string, bool) { v, ok := f.values[name]; return v, ok })
}

// conditions keeps or drops each {{if name}} … {{end name}} span.
func (f *filling) conditions(xml string) (string, error) {
	for name, keep := range f.cond {
		start, _, ok := element(xml, "{{if "+name+"}}", "w:p")
		if !ok {
			return "", fmt.Errorf("no {{if %s}} paragraph", name)
		}
		endStart, end, ok := element(xml, "{{end "+name+"}}", "w:p")
		if !ok || endStart < start {
			return "", fmt.Errorf("no {{end %s}} paragraph after {{if %s}}", name, name)
		}
		_, ifEnd, _ := element(xml, "{{if "+name+"}}", "w:p")
		if keep {
			xml = xml[:start] + xml[ifEnd:endStart] + xml[end:]
		} else {
			xml = xml[:start] + xml[end:]
		}
	}
	return xml, nil
}

// expand replaces the prototype elements (tag w:tr or w:p) of r by the
// items.
func (r repeat) expand(xml, tag string) (string, error) {
	type span struct{ start, end int }
	protos := map[string]string{}
	var spans []span
	for _, p := range r.protos {
		start, end, ok := element(xml, "{{"+p+".", tag)
		if !ok {
			return "", fmt.Errorf("no %s element holds {{%s.…}}", tag, p)
		}
		protos[p] = xml[start:end]
		spans = append(spans, span{start, end})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	for _, it := range r.items {
		proto, ok := protos[it.proto]
		if !ok {
			return "", fmt.Errorf("item of unknown block %q", it.proto)
		}
		out, err := fillValues(proto, func(name string) (string, bool) {
			block, field, found := strings.Cut(name, ".")
			if !found || block != it.proto {
				return "", false
			}
			v, ok := it.fields[field]
			return v, ok
		})
		if err != nil {
			return "", err
		}
		b.WriteString(out)
	}
	// Cut the prototypes from the last, so earlier offsets hold, and put
	// the items where the first one stood.
	for i := len(spans) - 1; i >= 1; i-- {
		xml = xml[:spans[i].start] + xml[spans[i].end:]
	}
	return xml[:spans[0].start] + b.String() + xml[spans[0].end:], nil
}

// element returns the bounds of the innermost element of tag ("w:p",
// "w:tr") around the first occurrence of marker. The templates do not
// nest tables in repeated rows nor text boxes in repeated paragraphs.
func element(xml, marker, tag string) (start, end int, ok bool) {
	at := strings.Index(xml, marker)
	if at < 0 {
		return 0, 0, false
	}
	start = max(strings.LastIndex(xml[:at], "<"+tag+">"), strings.LastIndex(xml[:at], "<"+tag+" "))
	closeAt := strings.Index(xml[at:], "</"+tag+">")
	if start < 0 || closeAt < 0 {
		return 0, 0, false
	}
	return start, at + closeAt + len("</"+tag+">"), true
}

// fillValues replaces every placeholder of xml by its value, encoded as
// run text; a placeholder without a value is an error, so a template and
// the code cannot drift apart unnoticed.
func fillValues(xml string, value func(name string) (string, bool)) (string, error) {
	var missing []string
	out := placeholderRe.ReplaceAllStringFunc(xml, func(m string) string {
		name := m[2 : len(m)-2]
		v, ok := value(name)
		if !ok {
			missing = append(missing, name)
			return m
		}
		return runText(v)
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("no value for placeholders %s", strings.Join(missing, ", "))
	}
	return out, nil
}

// runText encodes s for the inside of a w:t element: XML escapes, a line
// break as w:br and a tab as w:tab between text elements, characters XML
// 1.0 cannot carry dropped.
func runText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`</w:t><w:br/><w:t xml:space="preserve">`)
		case r == '\t':
			b.WriteString(`</w:t><w:tab/><w:t xml:space="preserve">`)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinSplitPlaceholders undoes what Word does to a placeholder typed or
// edited in it: "{{nv.stt}}" saved as "{{" in one run and "nv.stt}}" in
// the next (for a spelling mark, a revision id, a format change). The
// markup between the braces goes, so the placeholder is one text again
// in its first run. Only spans inside one paragraph are joined.
func joinSplitPlaceholders(xml string) string {
	var b strings.Builder
	i := 0
	for {
		open := strings.Index(xml[i:], "{")
		if open < 0 {
			break
		}
		open += i
		end, ok := splitPlaceholderEnd(xml, open)
		if !ok {
			b.WriteString(xml[i : open+1])
			i = open + 1
			continue
		}
		b.WriteString(xml[i:open])
		b.WriteString(stripTags(xml[open:end]))
		i = end
	}
	b.WriteString(xml[i:])
	return b.String()
}

// splitPlaceholderEnd reads from the "{" at open, skipping markup, and
// returns the end of a placeholder's closing braces when the text read
// is one and markup was skipped.
func splitPlaceholderEnd(xml string, open int) (int, bool) {
	var text strings.Builder
	skipped := false
	for j := open; j < len(xml) && text.Len() < 64; {
		if xml[j] == '<' {
			k := strings.IndexByte(xml[j:], '>')
			if k < 0 || strings.HasPrefix(xml[j:], "</w:p>") || strings.HasPrefix(xml[j:], "<w:p>") || strings.HasPrefix(xml[j:], "<w:p ") {
				return 0, false
			}
			skipped = true
			j += k + 1
			continue
		}
		text.WriteByte(xml[j])
		j++
		t := text.String()
		if strings.HasSuffix(t, "}}") {
			return j, skipped && placeholderRe.MatchString(t) && placeholderRe.FindString(t) == t
		}
		if !strings.HasPrefix("{{", t) && !strings.HasPrefix(t, "{{") {
			return 0, false
		}
	}
	return 0, false
}

// stripTags returns s without its markup.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<':
			in = true
		case s[i] == '>':
			in = false
		case !in:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// placeholders lists the placeholders of a template, each once, for the
// test that keeps the templates and the code in step.
func placeholders(name string) ([]string, error) {
	src, err := docx.ReadDocxFromFS("templates/"+name, templates)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	xml := joinSplitPlaceholders(src.Editable().GetContent())
	seen := map[string]bool{}
	var out []string
	for _, m := range placeholderRe.FindAllStringSubmatch(xml, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out, nil
}
