package crosscheck

import (
	"testing"

	"vanban"
)

func TestReadStatus(t *testing.T) {
	cases := []struct {
		status, text string
		want         vanban.TaskStatus
		ok           bool
	}{
		// Progress cells of a results table.
		{"Hoàn thành", "", vanban.TaskDone, true},
		{"HOÀN THÀNH", "", vanban.TaskDone, true},
		{"Đã hoàn thành", "", vanban.TaskDone, true},
		{"Đã ban hành", "", vanban.TaskDone, true},
		{"Đã tổ chức", "", vanban.TaskDone, true},
		{"Đang thực hiện", "", vanban.TaskInProgress, true},
		{"Đang triển khai", "", vanban.TaskInProgress, true},
		{"Đã trình", "", vanban.TaskInProgress, true},
		{"Đang xây dựng", "", vanban.TaskInProgress, true},
		{"Chưa thực hiện", "", vanban.TaskNotStarted, true},
		{"Chưa triển khai", "", vanban.TaskNotStarted, true},
		{"Chưa hoàn thành", "", vanban.TaskInProgress, true},
		{"Hoàn thành 80%", "", vanban.TaskInProgress, true},
		{"Hoàn thành 100%", "", vanban.TaskDone, true},
		{"Cơ bản hoàn thành", "", vanban.TaskInProgress, true},
		// The cell wins over the result text.
		{"Hoàn thành", "Đã trình Ủy ban nhân dân thành phố phê duyệt phương án", vanban.TaskDone, true},
		// Prose: the labelled clause first.
		{"", "Tổ chức 04 hội nghị xúc tiến đầu tư. Tiến độ: nhiệm vụ đang được triển khai thường xuyên, đáp ứng yêu cầu.", vanban.TaskInProgress, true},
		{"", "Đã hoàn thành giai đoạn 1. Tình trạng: Hoàn thành.", vanban.TaskDone, true},
		{"", "TIẾN ĐỘ THỰC HIỆN: chưa triển khai do chưa có hướng dẫn", vanban.TaskNotStarted, true},
		// Prose without a label: the progress words anywhere.
		{"", "Sở đã hoàn thành việc xây dựng cẩm nang.", vanban.TaskDone, true},
		{"", "Nhiệm vụ đang được triển khai.", vanban.TaskInProgress, true},
		{"", "Đã hoàn thành bước 1, đang triển khai bước 2.", vanban.TaskInProgress, true},
		{"", "Phấn đấu hoàn thành trong quý I/2027.", vanban.TaskInProgress, true},
		{"", "Để hoàn thành nhiệm vụ, Sở đề nghị bổ sung kinh phí.", "", false},
		{"", "Sở đã trình bày nội dung tại hội nghị.", "", false},
		{"", "Phát hành tài liệu dưới dạng dễ tiếp cận.", "", false},
		{"", "", "", false},
		{"Không rõ", "Có ý kiến thẩm định nguồn vốn.", "", false},
	}
	for _, c := range cases {
		got, ok := ReadStatus(c.status, c.text)
		if got != c.want || ok != c.ok {
			t.Errorf("ReadStatus(%q, %q) = %q, %v; want %q, %v", c.status, c.text, got, ok, c.want, c.ok)
		}
	}
}

// FuzzReadStatus feeds the progress reader arbitrary cells and text: it
// must not panic, must answer one of the three progress values or
// nothing, and must answer the same twice.
func FuzzReadStatus(f *testing.F) {
	for _, s := range []string{"Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Hoàn thành 80%",
		"Tiến độ: nhiệm vụ đang được triển khai", "chưa hoàn thành", "đã trình bày", "\xff\xfe", "Tiến độ:"} {
		f.Add(s, s)
		f.Add("", s)
	}
	f.Fuzz(func(t *testing.T, status, text string) {
		got, ok := ReadStatus(status, text)
		switch got {
		case vanban.TaskDone, vanban.TaskInProgress, vanban.TaskNotStarted:
			if !ok {
				t.Fatalf("status %q without ok", got)
			}
		case "":
			if ok {
				t.Fatal("ok without a status")
			}
		default:
			t.Fatalf("unexpected status %q", got)
		}
		if again, _ := ReadStatus(status, text); again != got {
			t.Fatalf("not deterministic: %q then %q", got, again)
		}
	})
}

func TestParseDecisionArg(t *testing.T) {
	good := map[string]DecisionArg{
		"412/BC-STC#2=3.3":         {"412/BC-STC", 2, "3.3"},
		" 1876/BC-BQL # 1 = 9.3. ": {"1876/BC-BQL", 1, "9.3"},
		"bao-cao.docx#10=10.1":     {"bao-cao.docx", 10, "10.1"},
		"a#b#3=1":                  {"a#b", 3, "1"},
	}
	for in, want := range good {
		if got, err := ParseDecisionArg(in); err != nil || got != want {
			t.Errorf("ParseDecisionArg(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "412/BC-STC", "412/BC-STC#2", "#2=3.3", "412#0=3.3", "412#x=3.3", "412#2="} {
		if _, err := ParseDecisionArg(in); err == nil {
			t.Errorf("ParseDecisionArg(%q) accepted", in)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Sở Khoa học và Công nghệ":     "so khoa hoc va cong nghe",
		"ĐẨY MẠNH HỢP TÁC":             "day manh hop tac",
		"Sở KH&CN; (R&D) 2%":           "so kh&cn r&d 2",
		"chuyên giao / chuyển giao":    "chuyen giao chuyen giao",
		"Hoa\u0300n tha\u0300nh":       "hoan thanh", // decomposed input
		"  Tiến độ:\tđang  triển khai": "tien do dang trien khai",
		"":                             "",
	}
	for in, want := range cases {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
