package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"vanban"
	"vanban/store"
)

// warnLogger writes the warnings app logs (a malformed alias file, an
// index that could not be updated) to stderr.
func warnLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// jsonOut writes v as indented JSON.
func jsonOut(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// docTypeNames maps the short English names a user may type to the types.
var docTypeNames = map[string]string{
	"plan": vanban.TypePlan, "report": vanban.TypeReport, "decision": vanban.TypeDecision,
	"letter": vanban.TypeLetter, "notice": vanban.TypeNotice, "proposal": vanban.TypeProposal,
}

// docLabel names a document for a user: "Kế hoạch 58/KH-UBND", or its
// file name when it has no reference.
func docLabel(s store.DocumentSummary) string {
	typ := s.DocType
	if typ == "" {
		typ = "Văn bản"
	}
	switch {
	case s.Reference != "":
		return typ + " " + s.Reference
	case s.Status == vanban.ReadFailed:
		return s.FileName
	}
	return typ + " (chưa số) " + s.FileName
}

// textTable prints rows as aligned columns. A row with a single cell is a
// heading that spans the table. Cells are cut to width runes (0: no
// limit) unless full.
type textTable struct {
	header []string
	widths []int
	rows   [][]string
}

func (t *textTable) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *textTable) write(w io.Writer, full bool) {
	cols := make([]int, len(t.header))
	cut := func(i int, s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if !full && i < len(t.widths) && t.widths[i] > 0 && utf8.RuneCountInString(s) > t.widths[i] {
			r := []rune(s)
			s = string(r[:t.widths[i]-1]) + "…"
		}
		return s
	}
	all := append([][]string{t.header}, t.rows...)
	for _, r := range all {
		if len(r) == 1 && len(t.header) > 1 {
			continue
		}
		for i, c := range r {
			if i < len(cols) {
				cols[i] = max(cols[i], utf8.RuneCountInString(cut(i, c)))
			}
		}
	}
	for _, r := range all {
		if len(r) == 1 && len(t.header) > 1 {
			fmt.Fprintln(w, r[0])
			continue
		}
		var b strings.Builder
		for i, c := range r {
			c = cut(i, c)
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", cols[i]-utf8.RuneCountInString(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// today is the current day, the default of every as-of date.
func today() vanban.Date { return vanban.DateOf(time.Now()) }
