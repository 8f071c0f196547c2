package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"vanban"
)

// FuzzRoundTrip stores documents whose text fields are arbitrary and
// checks that they load back unchanged: quoting, NUL bytes, JSON-encoded
// lists and dates must not bend any of them.
func FuzzRoundTrip(f *testing.F) {
	f.Add("58/KH-UBND", "Ủy ban nhân dân", "Nhiệm vụ 1", "I", "Sở Tài chính", "12-15", 80.5, 2030)
	f.Add("", "", "", "", "", "", 0.0, 0)
	f.Add("'; DROP TABLE tasks; --", "\x00", "\"null\"", "[]", "{}", "null", -1e308, -5)
	db := openTemp(f)
	dir := f.TempDir()
	n := 0
	f.Fuzz(func(t *testing.T, ref, issuer, task, numeral, party, due string, value float64, year int) {
		for _, s := range []string{ref, issuer, task, numeral, party, due} {
			if !utf8.ValidString(s) {
				t.Skip("extracted text is always valid UTF-8")
			}
		}
		n++
		doc := &vanban.Document{
			Format: "docx",
			Meta: vanban.Meta{Reference: ref, Issuer: issuer, Title: task, Cites: []string{ref, due},
				Date: vanban.Date{Year: year}},
			Rows: []vanban.Task{{
				Section: vanban.Section{Numeral: numeral, Title: task}, STT: numeral, Task: task,
				Extra:       map[string]string{party: due},
				LeadParties: []vanban.Party{{Name: party, Kind: vanban.KindUnit, AliasOf: issuer}},
				Milestones:  []vanban.Milestone{{Action: task, YearlyDue: due, Due: vanban.Date{Year: year, Month: 1, Day: 1}, Cites: []string{due}}},
				Targets:     []vanban.Target{{Op: due, Value: value, Unit: party, ByYear: year}},
				Unparsed:    []string{due},
			}},
			ReportItems: []vanban.ReportItem{{STT: numeral, Task: task, Section: party}},
			Text:        task + issuer,
			Warnings:    []string{due},
		}
		in := incoming(t, db, dir, fmt.Sprintf("f%d.docx", n), fmt.Sprintf("%d", n))
		in.Path = filepath.Join(dir, fmt.Sprintf("f%d.docx", n))
		res := mustStore(t, db, in, doc)
		got := mustLoad(t, db, res.DocID)
		if res.Primary {
			equalDocs(t, canonical(got, in), canonical(doc, in))
		}
	})
}
