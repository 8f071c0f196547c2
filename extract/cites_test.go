package extract

import (
	"reflect"
	"testing"
)

func TestCitations(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []citation
	}{
		{"Thực hiện Kế hoạch số 58/KH-UBND ngày 12/3/2026 của UBND thành phố",
			[]citation{{"Kế hoạch", "58/KH-UBND"}}},
		{"căn cứ Nghị quyết 57-NQ/TW và Quyết định số 1441/QĐ-UBND; Kế hoạch số 58/KH-UBND.",
			[]citation{{"Nghị quyết", "57-NQ/TW"}, {"Quyết định", "1441/QĐ-UBND"}, {"Kế hoạch", "58/KH-UBND"}}},
		{"NGHỊ QUYẾT SỐ 53/2025/NQ-HĐND", []citation{{"Nghị quyết", "53/2025/NQ-HĐND"}}},
		{"58/KH-UBND không có loại văn bản đứng trước", nil},
		{"Kế hoạch năm 2026 gồm 58/KH-UBND", nil}, // the kind must stand right before
		{"thực hiện theo Kế hoạch số 58/KH-UBND, Kế hoạch số 58/KH-UBND", []citation{{"Kế hoạch", "58/KH-UBND"}}},
	} {
		if got := citations(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("citations(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
