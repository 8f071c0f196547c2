package index

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldKey folds text the way held-out judgments are matched: lower case,
// no diacritics (đ as d), every run of punctuation or space one space. It
// is the harness's own, independent of the analyzers it measures.
func foldKey(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

func TestFoldKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Hoàn thành xây dựng “Đề án Xây dựng", "hoan thanh xay dung de an xay dung"},
		{"Ủy ban  nhân dân\ttỉnh", "uy ban nhan dan tinh"},
		{"Uỷ ban", "uy ban"},
		{"58/KH-UBND", "58 kh ubnd"},
		{"R&D", "r d"},
		{"  (IOC).", "ioc"},
		{"ĐỔI MỚI", "doi moi"},
	} {
		if got := foldKey(tt.in); got != tt.want {
			t.Errorf("foldKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLabel(t *testing.T) {
	rel := map[string]int{"a#tham muu": 3, "a#tham muu ban hanh": 2, "a": 1, "b@ket qua": 2}
	hits := []heldoutHit{
		{"a", itemTask, "tham muu ban hanh ke hoach"}, // both keys match: the better graded
		{"a", itemTask, "tham muu ban hanh ke hoach"}, // the same row again: the other key
		{"a", itemTask, "tham muu ubnd"},              // both keys used
		{"a", itemDoc, ""},
		{"b", itemTask, "ket qua"}, // a task is not a report item
		{"b", itemReport, "ket qua kiem tra"},
	}
	got := label(hits, rel)
	want := []string{"a#tham muu", "a#tham muu ban hanh", "", "a", "", "b@ket qua"}
	for i := range want {
		if want[i] == "" {
			if !strings.HasPrefix(got[i], "\x00") {
				t.Errorf("hit %d labelled %q, want none", i, got[i])
			}
			continue
		}
		if got[i] != want[i] {
			t.Errorf("hit %d labelled %q, want %q", i, got[i], want[i])
		}
	}
}
