package vntext

import (
	"encoding/json"
	"testing"

	"golang.org/x/text/unicode/norm"

	"vanban/internal/sharedtest"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Sở  Tài\tchính \n", "Sở Tài chính"},
		{"Sở\u00a0Tài\u2003chính", "Sở Tài chính"},
		{"Kế\u200b hoạch\ufeff", "Kế hoạch"},
		{"khoa\u00adhọc", "khoahọc"},
		{"chính trị\u2011xã hội", "chính trị-xã hội"},
		{"2026\u20102030", "2026-2030"},
		{"2026 \u2013 2030", "2026 – 2030"}, // the en dash is kept
		{"2026 \u2014 2030", "2026 — 2030"},
		{"a\u2212b", "a-b"},
		// Decomposed marks (PDF, old Word) are composed.
		{"Vie\u0323\u0302t Nam", "Việt Nam"},
		{"Nghi\u0323 quye\u0302\u0301t", "Nghị quyết"},
		// Tone marks before the vowel-shape mark are put in order.
		{"Vie\u0302\u0323t", "Việt"},
		// The traditional tone placement: oa, oe, uy in an open syllable.
		{"hoá", "hóa"}, {"Hoà", "Hòa"}, {"khoẻ", "khỏe"}, {"thuỷ", "thủy"}, {"Uỷ ban", "Ủy ban"},
		{"ma tuý", "ma túy"}, {"a hoà b", "a hòa b"}, // after an ASCII word
		{"UỶ BAN", "ỦY BAN"}, {"tuỳ", "tùy"}, {"Thuỵ", "Thụy"}, {"xoè", "xòe"},
		{"Văn hoá, Thể thao", "Văn hóa, Thể thao"}, {"cụ thể hoá", "cụ thể hóa"},
		// Already traditional, or with a final consonant: unchanged.
		{"hóa", "hóa"}, {"hoàn thành", "hoàn thành"}, {"quyết", "quyết"}, {"thuyết", "thuyết"},
		{"huỳnh", "huỳnh"}, {"toán", "toán"},
		// Misplaced marks are moved to where the convention puts them.
		{"hòan", "hoàn"}, {"mùa", "mùa"}, {"ngừơi", "người"}, {"qúy", "quý"}, {"gìa", "già"},
		{"quý", "quý"}, {"Quỹ", "Quỹ"}, {"giữa", "giữa"}, {"gì", "gì"}, {"khuya", "khuya"},
		{"ngoài", "ngoài"}, {"khuyên", "khuyên"}, {"Nguyễn", "Nguyễn"}, {"Đắk", "Đắk"},
		// Words that are not Vietnamese syllables are left alone.
		{"café", "café"}, {"Techfest", "Techfest"}, {"R&D", "R&D"}, {"naïve", "naïve"},
		{"", ""}, {"\x00\x01", ""},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTextKeepsGold checks that the gold readings are already in the
// form Text gives: the convention leaves them unchanged.
func TestTextKeepsGold(t *testing.T) {
	for _, name := range []string{"timeframes.json", "agencies.json", "rows.json", "targets.json", "plan.json"} {
		b := sharedtest.Read(t, "gold/"+name)
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		walkStrings(v, func(s string) {
			if s != "" && Text(s) != s {
				t.Errorf("%s: Text changes %q to %q", name, s, Text(s))
			}
		})
	}
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case map[string]any:
		for k, x := range v {
			if k == "_doc" {
				continue
			}
			f(k)
			walkStrings(x, f)
		}
	}
}

func TestTextIdempotent(t *testing.T) {
	b := sharedtest.Read(t, "seed/000_4d82e5c661ccd206.txt")
	once := Text(string(b))
	if twice := Text(once); twice != once {
		t.Error("Text is not idempotent on the seed text")
	}
	if !norm.NFC.IsNormalString(once) {
		t.Error("Text output is not NFC")
	}
}

func BenchmarkText(b *testing.B) {
	data := sharedtest.Read(b, "seed/000_4d82e5c661ccd206.txt")
	s := string(data)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}
