package index

import (
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"golang.org/x/text/unicode/norm"
)

func TestNormTerm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hoà", "hòa"},
		{"hòa", "hòa"},
		{"thuỷ", "thủy"},
		{"khoẻ", "khỏe"},
		{"HOÀ", "hòa"},
		{"hoàn", "hoàn"},
		{"người", "người"},
		{"quý", "quý"},
		{"quí", "quí"},
		{"giữ", "giữ"},
		{"gìn", "gìn"},
		{"của", "của"},
		{"ngoài", "ngoài"},
		{"ngoaì", "ngoài"},
		{"khuỷu", "khuỷu"},
		{"chuyển", "chuyển"},
		{"thuở", "thuở"},
		{"Đảng", "đảng"},
		{"KH", "kh"},
		{"2026", "2026"},
		{norm.NFD.String("khởi"), "khởi"},
		{"tóan", "toán"},
	}
	for _, tt := range tests {
		if got := normTerm(tt.in); got != tt.want {
			t.Errorf("normTerm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldTerm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"khởi", "khoi"},
		{"nghiệp", "nghiep"},
		{"đổi", "doi"},
		{"ưu", "uu"},
		{"hđnd", "hdnd"},
		{"abc", "abc"},
		{norm.NFD.String("mới"), "moi"},
	}
	for _, tt := range tests {
		if got := foldTerm(tt.in); got != tt.want {
			t.Errorf("foldTerm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func terms(ts analysis.TokenStream) []string {
	var rv []string
	for _, t := range ts {
		rv = append(rv, string(t.Term))
	}
	return rv
}

func TestAnalyzers(t *testing.T) {
	text := "Khởi nghiệp, đổi mới sáng tạo; an ninh mạng (KH&CN) 53/2025/NQ-HĐND kinh tế-xã hội"
	tests := []struct {
		name string
		a    analysis.Analyzer
		want string
	}{
		{AnalyzerExact, exactAnalyzer, "khởi|nghiệp|đổi|mới|sáng|tạo|an|ninh|mạng|kh|cn|53|2025|nq|hđnd|kinh|tế|xã|hội"},
		{AnalyzerFolded, foldedAnalyzer, "khoi|nghiep|doi|moi|sang|tao|an|ninh|mang|kh|cn|53|2025|nq|hdnd|kinh|te|xa|hoi"},
		// No pair across ", ", "; ", " (" or ") ".
		{AnalyzerBigram, bigramAnalyzer, "khởi nghiệp|đổi mới|mới sáng|sáng tạo|an ninh|ninh mạng|kh cn|53 2025|2025 nq|nq hđnd|hđnd kinh|kinh tế|tế xã|xã hội"},
		{AnalyzerFoldBigram, foldBigramAnalyzer, "khoi nghiep|doi moi|moi sang|sang tao|an ninh|ninh mang|kh cn|53 2025|2025 nq|nq hdnd|hdnd kinh|kinh te|te xa|xa hoi"},
	}
	for _, tt := range tests {
		got := strings.Join(terms(tt.a.Analyze([]byte(text))), "|")
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// Bleve's standard analyzer drops these syllables as English stop words;
// ours must keep them.
func TestNoStopWords(t *testing.T) {
	got := terms(exactAnalyzer.Analyze([]byte("an do no so to tin")))
	want := []string{"an", "do", "no", "so", "to", "tin"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestTokenOffsetsOnOriginal(t *testing.T) {
	text := "Quỹ đầu tư mạo hiểm"
	for _, tok := range exactAnalyzer.Analyze([]byte(text)) {
		if normTerm(text[tok.Start:tok.End]) != string(tok.Term) {
			t.Errorf("token %q at %d:%d is %q in the text", tok.Term, tok.Start, tok.End, text[tok.Start:tok.End])
		}
	}
}
