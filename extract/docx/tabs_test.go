package docx

import (
	"reflect"
	"testing"
)

func TestTabbedParagraphParts(t *testing.T) {
	tab := `<w:r><w:tab/></w:r>`
	tests := []struct {
		body string
		want []string
	}{
		{p(r("ỦY BAN NHÂN DÂN") + tab + tab + r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")), []string{"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}},
		{p(tab + r("Kính gửi: các sở")), nil}, // one part: an indent, not columns
		{p(r("không có tab")), nil},
	}
	for _, tt := range tests {
		doc, err := Read(docxOf(t, tt.body, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := paras(doc)[0].Tabs; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tabs = %q, want %q", got, tt.want)
		}
	}
}
