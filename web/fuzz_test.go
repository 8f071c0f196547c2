package web

import (
	"html"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"vanban/app"
)

// FuzzCleanName: whatever name a browser sends, the saved name is one
// local path element, never hidden, bounded, and stable when cleaned again.
func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"bao-cao.docx", "../../etc/passwd", `C:\x\..\y.pdf`, ".~lock.a.docx#", "~$a.docx", "a\x00b.pdf", strings.Repeat("ệ", 100) + ".pdf", "Ke\u0302\u0301.pdf", "/", "..", " . "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := CleanName(in)
		if err != nil {
			return
		}
		if !filepath.IsLocal(out) || strings.ContainsAny(out, "/\\\x00") || strings.HasPrefix(out, ".") || strings.HasPrefix(out, "~$") {
			t.Fatalf("CleanName(%q) = %q: not a safe plain name", in, out)
		}
		if len(out) > maxNameBytes || !utf8.ValidString(out) {
			t.Fatalf("CleanName(%q) = %q: too long or not UTF-8", in, out)
		}
		if again, err := CleanName(out); err != nil || again != out {
			t.Fatalf("CleanName not stable: %q → %q → %q, %v", in, out, again, err)
		}
	})
}

// FuzzMarkFragment: whatever the text and spans, the only markup in the
// output is <mark>, and the text reads back unchanged.
func FuzzMarkFragment(f *testing.F) {
	f.Add("hỗ trợ <b>khởi</b> nghiệp & \"x\"", 3, 9, 12, 20)
	f.Add("ở", 1, 2, 0, 1)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		out := string(markFragment(app.Fragment{Text: text, Marks: []app.Span{{Start: a, End: b}, {Start: c, End: d}}}))
		plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(plain, "<>") {
			t.Fatalf("markup leaked: %q", out)
		}
		// The escaper turns NUL into U+FFFD; every other byte stays.
		want := strings.ReplaceAll(text, "\x00", "\uFFFD")
		if got := html.UnescapeString(plain); got != want && utf8.ValidString(text) {
			t.Fatalf("text changed: %q → %q", text, got)
		}
	})
}

// FuzzParseDateInput: a typed date either fails with a message or reads
// back the same from its ISO form.
func FuzzParseDateInput(f *testing.F) {
	for _, s := range []string{"31/12/2026", "1/2/2026", "2026-12-31", "31/02/2026", "99/99/9999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDateInput(s)
		if err != nil {
			if _, ok := userMessage(err); !ok {
				t.Fatalf("parseDateInput(%q): error not for the user: %v", s, err)
			}
			return
		}
		if d.IsZero() {
			return
		}
		back, err := parseDateInput(d.String())
		if err != nil || back != d {
			t.Fatalf("%q → %v → %v, %v", s, d, back, err)
		}
		if back, err := parseDateInput(d.VN()); err != nil || back != d {
			t.Fatalf("%q → %v → VN %q → %v, %v", s, d, d.VN(), back, err)
		}
	})
}
