package draft

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"vanban"
	"vanban/crosscheck"
	"vanban/extract"
	"vanban/internal/sharedtest"
	"vanban/normalize"
)

// asOf is the date gold crosscheck.json is computed for.
var asOf = vanban.D(2026, 12, 31)

// shared returns the shared test material; without it a test skips, and
// fails under CI, which always has it.
func shared(t testing.TB) string {
	t.Helper()
	dir, err := sharedtest.Find()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI: %v", err)
		}
		t.Skip(err)
	}
	return dir
}

// corpusCheck is the corpus as the pipeline reads it: plan 58/KH-UBND and
// the two unit reports extracted and normalized, cross-checked as of
// asOf. It is computed once for the package's tests.
type corpusCheck struct {
	plan   *vanban.Document
	result *crosscheck.Result
}

var (
	corpusOnce sync.Once
	corpus     corpusCheck
	corpusErr  error
)

func readCorpus(t testing.TB) corpusCheck {
	t.Helper()
	dir := shared(t)
	corpusOnce.Do(func() {
		read := func(name string) *vanban.Document {
			if corpusErr != nil {
				return nil
			}
			doc, err := extract.File(context.Background(), filepath.Join(dir, "corpus", name))
			if err != nil {
				corpusErr = err
				return nil
			}
			normalize.Document(doc, normalize.DefaultAliases())
			return doc
		}
		plan := read("ke-hoach-58-kh-ubnd-2026.docx")
		reports := []*vanban.Document{read("bao-cao-412-bc-stc-2026.docx"), read("bao-cao-1876-bc-bql-2026.pdf")}
		if corpusErr != nil {
			return
		}
		corpus = corpusCheck{plan, crosscheck.Check(crosscheck.Input{
			Plan: plan, Reports: reports, AsOf: asOf, Aliases: normalize.DefaultAliases(),
		})}
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpus
}

// request is a drafting request over the corpus.
func (c corpusCheck) request(units ...string) Request {
	return Request{Plan: c.plan.Meta, Result: c.result, Date: vanban.D(2027, 1, 5), Units: units}
}
