package layout

import "testing"

func TestJoinLines(t *testing.T) {
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"Sở Khoa học và", "Công nghệ"}, "Sở Khoa học và Công nghệ"},
		{[]string{"phát triển kinh tế-", "xã hội"}, "phát triển kinh tế-xã hội"},
		{[]string{"Kết luận số 69-", "KL/TW"}, "Kết luận số 69-KL/TW"},
		{[]string{"Giai đoạn 2026 -", "2030"}, "Giai đoạn 2026 - 2030"},
		{[]string{"  a  ", "", "b"}, "a b"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := JoinLines(tt.lines); got != tt.want {
			t.Errorf("JoinLines(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}
