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

	schemas := findSchemas(ld.Blocks)
	ls := bodyLines(ld, func(i int) bool { _, ok := schemas[i]; return ok })
	doc.Confidence = confidence(readTables(doc, ld.Blocks, schemas, ls))
	doc.Meta = readMeta(ls)
	doc.Text = strings.Join(texts(ls), "\n")
	doc.Meta.Cites = citeList(doc.Meta, doc.Text)
	doc.Meta.Replaces = replaced(doc.Text)
	if len(doc.Rows) == 0 {
		if doc.Rows = labelledTasks(ls); len(doc.Rows) > 0 {
			doc.Confidence = labelledConfidence(len(doc.Rows))
		}
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

// findSchemas returns the schema of every task or results table, by block
// index.
func findSchemas(blocks []layout.Block) map[int]schema {
	schemas := map[int]schema{}
	report := isReportDoc(blocks)
	for i, b := range blocks {
		if b.Table == nil {
			continue
		}
		s, ok := readSchema(b.Table)
		if !ok || s.report || report {
			// In a report, a table is read as results first, unless it
			// names each task's lead and gives no results: a list of
			// tasks others lead with their state (a summary's overdue
			// tasks) is a task table.
			if rs, rok := reportSchema(b.Table); rok && (!ok || s.report || !s.has(colLead) || rs.has(colResult)) {
				s, ok = rs, true
			}
		}
		if ok {
			schemas[i] = s
		} else if s, ok := continuation(blocks, schemas, i); ok {
			schemas[i] = s
		}
	}
	return schemas
}

// readTables reads the rows of the task tables and the items of the
// results tables; ls gives the headings above tables without their own.
// It returns how sure the reading of each table is.
func readTables(doc *vanban.Document, blocks []layout.Block, schemas map[int]schema, ls []line) []doubts {
	var section, reportSection vanban.Section
	var sure []doubts
	for i, b := range blocks {
		s, ok := schemas[i]
		if ok {
			sure = append(sure, tableDoubts(b.Table, s))
		}
		switch {
		case !ok:
		case s.report:
			doc.ReportItems = append(doc.ReportItems, reportRows(b.Table, s, &reportSection)...)
		default:
			if !s.continued && !hasSectionRows(b.Table, s) {
				section = headingBefore(ls, i)
			}
			doc.Rows = append(doc.Rows, taskRows(b.Table, s, &section)...)
		}
	}
	return sure
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
