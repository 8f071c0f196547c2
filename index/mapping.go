package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// schemaVersion names the mapping and analysis below. Open rebuilds an
// index made with another one (the index is derived data; Sync refills it).
const schemaVersion = "vanban-index-14"

// Field names of the Bleve documents. Entries of kind "task" are task
// rows; entries of kind "doc" are whole documents.
const (
	fKind       = "kind"
	fDocID      = "doc_id"
	fVersion    = "version"
	fRef        = "ref"       // document reference as written, or the doc id of a draft
	fReference  = "reference" // document reference, empty for a draft
	fRefKey     = "ref_key"   // refKey(ref): van-ban: filter
	fSelfKey    = "self_key"  // refKey(ref) on the document's own entry only
	fCites      = "cites_key" // references cited by the row or document
	fType       = "type"
	fTypeKey    = "type_key"
	fYear       = "year"
	fIssuer     = "issuer"
	fDate       = "date"
	fTitle      = "title"
	fBody       = "body"
	fBodyExact  = "body_x"
	fBodyFolded = "body_f"
	fSTT        = "stt"
	fOrder      = "order" // "2026-03-31 000000000001 000012": earliest deadline, document id, row
	fSection    = "section"
	fTask       = "task"
	fOutput     = "output"
	fTime       = "timeframe"
	fNote       = "note"

	fText       = "text" // the row's task, expected output and monitor cells; a document's title and text
	fTextFolded = "text_f"
	fTextFoldBi = "text_2f" // folded syllable pairs of the row's text, a document's title

	// fCtx is the row's context: section title, timeframe, note and
	// units, folded only and weighted low.
	fCtx      = "ctx_f"
	fCtxExact = "ctx_x"  // the same as typed, for words typed with marks
	fCtxBi    = "ctx_2f" // its folded syllable pairs, for quoted phrases

	fLead        = "lead"
	fLeadFolded  = "lead_f"
	fCoord       = "coord"
	fCoordFolded = "coord_f"
	fLeadBi      = "lead_2f" // folded syllable pairs of the unit cells: a unit's name side by side
	fCoordBi     = "coord_2f"
	fLeadUnit    = "lead_unit" // canonical unit names
	fFacet       = "facet"     // every facet value (see facetValues)
	fLeadKey     = "lead_key"  // nameKey of the names, for chu-tri: filters
	fCoordUnit   = "coord_unit"
	fCoordKey    = "coord_key"

	fRecur     = "recur"
	fDue       = "due"   // every deadline, "2026-12-15"
	fDueMonth  = "due_m" // "2026-12"
	fDueYear   = "due_y" // "2026"
	fDueOnce   = "due1"  // the deadlines of one-off milestones
	fDues      = "dues"
	fDueLabel  = "due_label"
	fLens      = "lens" // the entry's token counts (see stats.go)
	fStatus    = "status"
	fStatusKey = "status_key"
	fPlanSTT   = "plan_stt" // a report item's plan row number
	fRow       = "row"      // a row's (or report item's) position in its document, from 0
	fPlanRef   = "plan_ref" // a report item's plan: the plan its report cites
)

const (
	kindTask = "task"
	kindDoc  = "doc"
	// kindReport entries are a report's items (its results table or
	// numbered headings): found by what they report.
	kindReport = "report"
)

// storedFields are the fields a hit carries back.
var storedFields = []string{
	fKind, fDocID, fRef, fReference, fType, fYear, fIssuer, fDate, fTitle, fBody, fSTT, fSection,
	fTask, fOutput, fLead, fCoord, fTime, fNote, fDues, fDueLabel, fRecur, fStatus, fPlanSTT, fRow, fPlanRef,
}

func newMapping() *mapping.IndexMappingImpl {
	im := mapping.NewIndexMapping()
	im.DefaultAnalyzer = AnalyzerExact
	im.ScoringModel = bleveindex.BM25Scoring
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	dm := mapping.NewDocumentStaticMapping()
	add := func(property string, fields ...*mapping.FieldMapping) {
		dm.AddFieldMappingsAt(property, fields...)
	}
	// Facet values, shown with hits; counted through fFacet, one field
	// with doc values for all of them, which is read once per hit.
	for _, f := range []string{fRef, fType, fYear, fRecur, fStatus} {
		add(f, keywordField("", true, false))
	}
	add(fFacet, keywordField("", false, true))
	add(fLeadUnit, keywordField("", false, false))
	add(fCoordUnit, keywordField("", false, false))
	// Filters: indexed only.
	for _, f := range []string{fRefKey, fSelfKey, fCites, fTypeKey, fLeadKey, fCoordKey, fStatusKey} {
		add(f, keywordField("", false, false))
	}
	add(fKind, keywordField(fKind, true, false))
	add(fDocID, keywordField("", true, false))
	for _, f := range []string{fLens, fVersion, fReference, fIssuer, fDate, fTitle, fSTT, fSection,
		fTask, fOutput, fTime, fNote, fDues, fDueLabel, fPlanSTT, fRow, fPlanRef} {
		add(f, storedField())
	}
	// Deadlines as keywords ("2026-12-15"): one term per value, where a
	// date field indexes 16; fOrder sorts rows by earliest deadline, then
	// document and table order.
	add(fDue, keywordField("", false, false))
	add(fDueMonth, keywordField("", false, false))
	add(fDueYear, keywordField("", false, false))
	add(fDueOnce, keywordField("", false, false))
	add(fOrder, keywordField("", false, true))
	// A document's full text is searched by syllable, not by pair, in
	// fields of its own: its length must not weigh on the rows' text.
	add(fBody, storedField(), textField(fBodyExact, AnalyzerExact, false), textField(fBodyFolded, AnalyzerFolded, false))
	add(fText,
		textField(fText, AnalyzerExact, false),
		textField(fTextFolded, AnalyzerFolded, false),
		textField(fTextFoldBi, AnalyzerFoldBigram, false))
	add(fCtx, textField(fCtx, AnalyzerFolded, false), textField(fCtxExact, AnalyzerExact, false),
		textField(fCtxBi, AnalyzerFoldBigram, false))
	// Unit cells: shown, and searched folded by the chu-tri: and phoi-hop:
	// filters; words match them through ctx_f.
	add(fLead, storedField(), textField(fLeadFolded, AnalyzerFolded, false), textField(fLeadBi, AnalyzerFoldBigram, false))
	add(fCoord, storedField(), textField(fCoordFolded, AnalyzerFolded, false), textField(fCoordBi, AnalyzerFoldBigram, false))

	im.DefaultMapping = dm
	return im
}

// allFields are the names of the indexed fields.
var allFields = func() []string {
	var rv []string
	for prop, dm := range newMapping().DefaultMapping.Properties {
		for _, f := range dm.Fields {
			if f.Index {
				name := f.Name
				if name == "" {
					name = prop
				}
				rv = append(rv, name)
			}
		}
	}
	return uniq(rv)
}()

// textField is analyzed text without term vectors: this package
// highlights by re-analysing the stored text, which keeps the index small.
func textField(name, analyzer string, store bool) *mapping.FieldMapping {
	return &mapping.FieldMapping{Name: name, Type: "text", Analyzer: analyzer, Index: true, Store: store}
}

func keywordField(name string, store, docValues bool) *mapping.FieldMapping {
	return &mapping.FieldMapping{
		Name: name, Type: "text", Analyzer: keyword.Name, Index: true, Store: store, DocValues: docValues,
	}
}

func storedField() *mapping.FieldMapping {
	return &mapping.FieldMapping{Type: "text", Store: true}
}
