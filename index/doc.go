// Package index is vanban's full-text search: a Bleve index of every
// document and every task row, with a Vietnamese analyzer of its own and
// a query syntax a secretariat learns in a minute.
//
// # Entries
//
// Each document gives one entry for itself (title, full text, reference,
// type, issuer, date), with id its reference ("58/KH-UBND"; a draft
// without one uses its store id), and one entry per task row, with id
// "58/KH-UBND#3.12" (reference, "#", the row's STT; a repeated STT gets its
// section numeral, then its place). A row entry holds the task, expected
// output, lead and coordinators cells, timeframe, section and note as
// text; the units' canonical names as keywords (facets, chu-tri: and
// phoi-hop: filters); the references the row cites; every deadline as an
// ISO date (recurring ones expanded over the plan's years); the
// recurrences; the report status when the caller knows it (Extra; Sync
// and Refresh ask a source that is a StatusSource).
//
// The index is derived data: Sync compares the versions the store gives
// (Source.DocumentVersions) with those indexed and repairs any difference,
// Refresh follows one store write, Rebuild builds a new index beside the
// old one and swaps them.
//
// # Analysis
//
// Tokens are syllables, split at Unicode word boundaries (UAX #29), in
// NFC, lower case, with one tone-mark placement (vntext.Text: "hoà" and
// "hòa" are one term). Clause punctuation leaves a position gap so that
// pairs do not run across it. Bleve's standard analyzer is never used: its
// English stop list deletes Vietnamese syllables (an, do, no, so, to, tin).
// A row's text (task, expected output) is indexed exact, folded (marks
// removed, đ → d, by the vi_fold filter) and as folded pairs of adjacent
// syllables; its context (section title, timeframe, note, units) folded.
// Most Vietnamese words have two syllables, so pairs rank "công nghệ cao"
// above a row with "cao" alone, and an exact phrase is a conjunction of
// pairs: no positions are stored, and highlighting re-analyses the stored
// text, so its offsets fall on the original text, diacritics intact. A
// document's full text is indexed exact and folded, in fields of its own.
// Deadlines are keywords by day, month and year, so that a deadline range
// is a few terms. Scoring is BM25 with each field's true average length,
// which the index keeps (Bleve's own estimate is the number of distinct
// terms, far below a row's length).
//
// # Queries
//
// ParseQuery reads words, "exact phrases", -exclusions and filters
// (chu-tri:, phoi-hop:, van-ban:, loai:, nam:, lap:, han<…, trang-thai:).
// A word typed with marks matches exact and folded forms, exact ranking
// higher ("cá" above "ca", "cả"); typed without, folded forms only.
// Abbreviations (UBND, KH&CN, BQL KKT) are spelled out with the alias
// table of package normalize, at query time and in indexed text. A word
// that is a document number matches that document first, then the rows
// citing it. Results come with facets (lead unit, document, type, year,
// recurrence). When words match nothing, the search is run again with
// approximate syllables and Result.Fuzzy says so.
package index
