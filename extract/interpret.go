package extract

import (
	"regexp"
	"strings"

	"vanban"
	"vanban/extract/layout"
)

// interpret reads the document's metadata, task rows and report items
// from its layout.
func interpret(doc *vanban.Document, ld *layout.Doc) {
	doc.Format = ld.Format
	doc.Pages = ld.Pages
	doc.Warnings = append(doc.Warnings, ld.Warnings...)

	schemas := map[int]schema{}
	tables := map[int]bool{}
	for i, b := range ld.Blocks {
		if b.Table == nil {
			continue
		}
		if s, ok := readSchema(b.Table); ok {
			schemas[i], tables[i] = s, true
		} else if s, ok := continuation(ld.Blocks, schemas, i); ok {
			schemas[i], tables[i] = s, true
		}
	}
	ls := bodyLines(ld, tables)
	var section, reportSection vanban.Section
	for i, b := range ld.Blocks {
		s, ok := schemas[i]
		if !ok {
			continue
		}
		if s.report {
			doc.ReportItems = append(doc.ReportItems, reportRows(b.Table, s, &reportSection)...)
			continue
		}
		if !s.continued && !hasSectionRows(b.Table, s) {
			section = headingBefore(ls, i)
		}
		doc.Rows = append(doc.Rows, taskRows(b.Table, s, &section)...)
	}
	doc.Meta = readMeta(ls)
	doc.Text = strings.Join(texts(ls), "\n")
	doc.Meta.Cites = citeList(doc.Meta, doc.Text)
	doc.Meta.Replaces = replaced(doc.Text)
	if len(doc.Rows) == 0 {
		doc.Rows = labelledTasks(ls)
	}
	if doc.Meta.DocType == vanban.TypeReport && len(doc.ReportItems) == 0 {
		doc.ReportItems = proseItems(ls)
	}
	if doc.Rows == nil {
		doc.Rows = []vanban.Task{}
	}
	if doc.ReportItems == nil {
		doc.ReportItems = []vanban.ReportItem{}
	}
}

// citeList returns the references the document cites, title first so that
// a report's plan leads, without the document's own reference.
func citeList(m vanban.Meta, text string) []string {
	out := []string{}
	for _, c := range citations(m.Title, text) {
		if c.ref != m.Reference {
			out = append(out, c.ref)
		}
	}
	return out
}

// hasSectionRows reports whether the table groups its rows under heading
// rows of its own.
func hasSectionRows(t *layout.Table, s schema) bool {
	for _, r := range t.Rows[s.body:] {
		if _, ok := sectionOf(t, s, r); ok {
			return true
		}
	}
	return false
}

// paraHeadingRe matches a heading paragraph of the body: "III. MỘT SỐ …",
// "1. Xây dựng …", "a) Tổ chức …".
var paraHeadingRe = regexp.MustCompile(`^([IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+(.+?):?$`)

// headingBefore returns the closest heading paragraph above the table at
// block index at, when the table has no heading rows: its rows belong to
// that part of the body.
func headingBefore(ls []line, at int) vanban.Section {
	seen := 0
	for i := len(ls) - 1; i >= 0 && seen < 6; i-- {
		if ls[i].block >= at {
			continue
		}
		seen++
		if m := paraHeadingRe.FindStringSubmatch(ls[i].text); m != nil {
			return vanban.Section{Numeral: m[1], Title: m[2]}
		}
	}
	return vanban.Section{}
}

// continuation returns the schema of the task table that the headerless
// table at block i continues: Word users split a long appendix into
// several tables, and only the first has the header.
func continuation(blocks []layout.Block, schemas map[int]schema, i int) (schema, bool) {
	prev, ok := schemas[i-1]
	if !ok || blocks[i-1].Table.Cols != blocks[i].Table.Cols {
		return schema{}, false
	}
	prev.body, prev.continued = 0, true
	return prev, true
}
