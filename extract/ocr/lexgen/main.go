// Command lexgen writes lexicon.gz, the Vietnamese syllable unigram and
// bigram counts that package ocr corrects OCR text with. It reads the
// article texts of the ALQAC legal corpora (law.json: Vietnamese laws)
// and the text layers of agencies' DOCX and PDF files (the real documents
// of ../shared/real/docs), so the lexicon is administrative Vietnamese.
// The corpus the OCR tests scan (plan 58 and its draft) is not read.
//
//	go run ./extract/ocr/lexgen ../shared/real/alqac/*/law.json ../shared/real/docs/*
package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"vanban/extract/docx"
	"vanban/extract/layout"
	"vanban/extract/pdf"
	"vanban/vntext"
)

// readDoc reads a DOCX or PDF (text layer only); nil for other files.
func readDoc(path string, data []byte) *layout.Doc {
	var ld *layout.Doc
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx":
		ld, err = docx.Read(data)
	case ".pdf":
		ld, err = pdf.Read(data)
	default:
		return nil
	}
	if err != nil {
		return &layout.Doc{}
	}
	return ld
}

// docTexts lists a document's paragraphs and cells.
func docTexts(ld *layout.Doc) []string {
	var out []string
	var table func(t *layout.Table)
	table = func(t *layout.Table) {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if !c.Continued {
					out = append(out, c.Text())
				}
				for i := range c.Nested {
					table(&c.Nested[i])
				}
			}
		}
	}
	for _, b := range ld.Blocks {
		if b.Para != nil {
			out = append(out, b.Para.Text)
		} else if b.Table != nil {
			table(b.Table)
		}
	}
	return out
}

type law struct {
	Articles []struct {
		Text string `json:"text"`
	} `json:"articles"`
}

func main() {
	uni := map[string]int{}
	big := map[string]int{}
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			log.Fatal(err)
		}
		if ld := readDoc(path, data); ld != nil {
			for _, t := range docTexts(ld) {
				count(t, uni, big)
			}
			continue
		}
		var laws []law
		if err := json.Unmarshal(data, &laws); err != nil {
			log.Fatal(err)
		}
		for _, l := range laws {
			for _, a := range l.Articles {
				count(vntext.Text(a.Text), uni, big)
			}
		}
	}
	f, err := os.Create("extract/ocr/lexicon.gz")
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	write(zw, uni, 2)
	write(zw, big, 3)
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	f.Close()
}

// count adds the syllables of text and the pairs of syllables that follow
// each other with only a space between.
func count(text string, uni, big map[string]int) {
	prev := ""
	word := []rune{}
	flush := func(sep rune) {
		if len(word) > 0 {
			w := string(word)
			uni[w]++
			if prev != "" {
				big[prev+" "+w]++
			}
			prev = w
			word = word[:0]
		}
		if sep != ' ' {
			prev = ""
		}
	}
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) {
			word = append(word, r)
			continue
		}
		flush(r)
	}
	flush('.')
}

func write(w *gzip.Writer, m map[string]int, minCount int) {
	keys := make([]string, 0, len(m))
	for k, n := range m {
		if n >= minCount && len([]rune(k)) <= 24 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s\t%d\n", k, m[k])
	}
}
