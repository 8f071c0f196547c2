package extract_test

import "vanban/internal/docgen"

// The one list of tasks every generated shape writes. It reads like the
// appendix of a provincial plan: sections with Roman numerals and titles,
// runs of tasks with the same lead or timeframe (so merges have something
// to merge), tasks whose lead and coordinators are one shared text (for
// cells merged across both columns), timeframes as agencies write them
// (a quarter, a deadline, a recurrence, a year, a number of days).

// fxSection is one group of tasks. Its own cells (Output, Lead, Time) are
// written only by shapes whose group rows carry cells of their own; they
// must not leak into the tasks under it.
type fxSection struct {
	Title              string
	Output, Lead, Time string
	Tasks              []fxTask
}

// fxTask is one task. Start and End are its timeframe split in two, for
// shapes whose time column has "Bắt đầu" and "Kết thúc" under it.
type fxTask struct {
	Task, Output, Lead, Coord, Time, Note string
	Start, End                            string
}

// sharedAssignment is written across the lead and coordinator columns by
// shapes that merge cells horizontally; it is both.
const sharedAssignment = "Theo phân công tại Quyết định số 1234/QĐ-UBND ngày 10/02/2026 của UBND tỉnh"

var fixture = []fxSection{
	{
		Title: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", Output: "Báo cáo chuyên đề", Lead: "Văn phòng UBND tỉnh", Time: "Năm 2026",
		Tasks: []fxTask{
			{Task: "Xây dựng, ban hành kế hoạch triển khai thực hiện Chương trình chuyển đổi số năm 2026 của cơ quan, đơn vị", Output: "Kế hoạch của cơ quan, đơn vị", Lead: "Các sở, ban, ngành; UBND các xã, phường", Time: "30 ngày kể từ ngày Kế hoạch được ban hành", Start: "Tháng 3/2026", End: "Tháng 4/2026"},
			{Task: "Kiện toàn Ban Chỉ đạo chuyển đổi số tỉnh và Tổ giúp việc Ban Chỉ đạo", Output: "Quyết định của Chủ tịch UBND tỉnh", Lead: "Sở Khoa học và Công nghệ", Coord: "Sở Nội vụ; Văn phòng UBND tỉnh", Time: "Quý I/2026", Start: "Tháng 01/2026", End: "Tháng 3/2026"},
			{Task: "Tổ chức hội nghị sơ kết 6 tháng đầu năm, đề ra nhiệm vụ trọng tâm 6 tháng cuối năm", Output: "Báo cáo sơ kết", Lead: "Sở Khoa học và Công nghệ", Coord: "Các sở, ban, ngành liên quan", Time: "Trước ngày 15/7/2026", Start: "Tháng 6/2026", End: "Tháng 7/2026"},
			{Task: "Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo kết quả thực hiện", Output: "Báo cáo kết quả thực hiện", Lead: "Sở Khoa học và Công nghệ", Coord: "Văn phòng UBND tỉnh", Time: "Hằng năm", Note: "Định kỳ trước ngày 15/12", Start: "Năm 2026", End: "Năm 2030"},
		},
	},
	{
		Title: "PHÁT TRIỂN HẠ TẦNG SỐ VÀ NỀN TẢNG SỐ", Output: "Hạ tầng số đồng bộ", Lead: "Sở Khoa học và Công nghệ", Time: "Năm 2026 - 2027",
		Tasks: []fxTask{
			{Task: "Nâng cấp Trung tâm dữ liệu tỉnh đáp ứng yêu cầu kết nối, chia sẻ dữ liệu với các hệ thống thông tin của Trung ương", Output: "Trung tâm dữ liệu được nâng cấp", Lead: "Sở Khoa học và Công nghệ", Coord: "Sở Tài chính; Công an tỉnh", Time: "Năm 2027", Start: "Năm 2026", End: "Năm 2027"},
			{Task: "Triển khai mạng truyền số liệu chuyên dùng đến UBND các xã, phường", Output: "100% xã, phường được kết nối", Lead: "Sở Khoa học và Công nghệ", Coord: "UBND các xã, phường; Viễn thông Lào Cai", Time: "Quý II/2026", Start: "Tháng 4/2026", End: "Tháng 6/2026"},
			{Task: "Xây dựng cơ sở dữ liệu đất đai, kết nối với Cơ sở dữ liệu quốc gia về dân cư", Output: "Cơ sở dữ liệu đất đai", Lead: "Sở Nông nghiệp và Môi trường", Coord: "Sở Khoa học và Công nghệ; Công an tỉnh", Time: "Năm 2027", Start: "Năm 2026", End: "Năm 2027"},
			{Task: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực", Output: "Trên 80% hồ sơ được số hóa", Lead: "Các sở, ban, ngành; UBND các xã, phường", Coord: "Trung tâm Phục vụ hành chính công tỉnh", Time: "Trước ngày 30/6/2026", Start: "Tháng 01/2026", End: "Tháng 6/2026"},
			{Task: "Triển khai nền tảng trợ lý ảo hỗ trợ cán bộ, công chức xử lý văn bản", Output: "Nền tảng trợ lý ảo được đưa vào sử dụng", Lead: "Văn phòng UBND tỉnh", Coord: "Sở Khoa học và Công nghệ", Time: "Tháng 9/2026", Note: "Nhiệm vụ mới", Start: "Tháng 5/2026", End: "Tháng 9/2026"},
		},
	},
	{
		Title: "PHÁT TRIỂN NGUỒN NHÂN LỰC SỐ", Output: "Nhân lực số đáp ứng yêu cầu", Lead: "Sở Nội vụ", Time: "Hằng năm",
		Tasks: []fxTask{
			{Task: "Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức", Output: "Ít nhất 2.000 lượt người được bồi dưỡng", Lead: "Sở Nội vụ", Coord: "Sở Khoa học và Công nghệ", Time: "Hằng năm", Start: "Năm 2026", End: "Năm 2030"},
			{Task: "Đưa nội dung kỹ năng số vào hoạt động giáo dục trong các trường phổ thông", Output: "Kế hoạch của Sở Giáo dục và Đào tạo", Lead: "Sở Giáo dục và Đào tạo", Coord: "Sở Nội vụ", Time: "Năm học 2026 - 2027", Start: "Tháng 9/2026", End: "Tháng 5/2027"},
			{Task: "Thực hiện chính sách thu hút nhân lực chất lượng cao về công nghệ số", Output: "Nghị quyết của HĐND tỉnh", Lead: sharedAssignment, Coord: sharedAssignment, Time: "Quý III/2026", Start: "Tháng 7/2026", End: "Tháng 9/2026"},
			{Task: "Tổ chức cuộc thi tìm hiểu về chuyển đổi số cho đoàn viên, thanh niên", Output: "Cuộc thi được tổ chức", Lead: "Tỉnh đoàn", Coord: "Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Lào Cai", Time: "Quý III/2026", Start: "Tháng 7/2026", End: "Tháng 9/2026"},
		},
	},
	{
		Title: "BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG", Output: "Báo cáo an toàn thông tin", Lead: "Công an tỉnh", Time: "Thường xuyên",
		Tasks: []fxTask{
			{Task: "Triển khai giám sát an toàn thông tin cho các hệ thống thông tin cấp độ 3 trở lên", Output: "Báo cáo giám sát", Lead: "Công an tỉnh", Coord: "Sở Khoa học và Công nghệ", Time: "Thường xuyên", Start: "Năm 2026", End: "Năm 2030"},
			{Task: "Tổ chức diễn tập thực chiến bảo đảm an toàn thông tin mạng", Output: "Báo cáo kết quả diễn tập", Lead: "Công an tỉnh", Coord: "Sở Khoa học và Công nghệ; các doanh nghiệp viễn thông", Time: "Quý IV/2026", Start: "Tháng 10/2026", End: "Tháng 12/2026"},
			{Task: "Phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin", Output: "Quyết định phê duyệt", Lead: sharedAssignment, Coord: sharedAssignment, Time: "Trước ngày 31/12/2026", Start: "Tháng 01/2026", End: "Tháng 12/2026"},
			{Task: "Rà soát, đánh giá, khắc phục điểm yếu, lỗ hổng bảo mật của các hệ thống thông tin", Output: "Báo cáo rà soát", Lead: "Công an tỉnh", Coord: "Các sở, ban, ngành; UBND các xã, phường", Time: "Quý IV/2026", Start: "Tháng 10/2026", End: "Tháng 12/2026"},
		},
	},
}

// Header titles a column of each meaning goes by in real plans. The first
// of each list is the plain one (plan 58's); shapes with synonyms pick any.
var titles = map[meaning][]string{
	mSTT:    {"STT", "TT", "Số TT", "Số thứ tự"},
	mTask:   {"Nội dung công việc", "Công việc", "Tên nhiệm vụ", "Nhiệm vụ thực hiện", "Nội dung nhiệm vụ", "Nhiệm vụ", "Nhiệm vụ, giải pháp", "Nội dung", "Nội dung triển khai", "Các hoạt động"},
	mOutput: {"Kết quả/sản phẩm dự kiến", "Sản phẩm", "Sản phẩm dự kiến", "Kết quả đầu ra", "Sản phẩm đầu ra", "Hình thức văn bản", "Kết quả cần đạt", "Hình thức sản phẩm"},
	mLead:   {"Cơ quan chủ trì", "Đơn vị chủ trì", "Đơn vị thực hiện", "Cơ quan chủ trì tham mưu", "Người thực hiện", "Chủ trì thực hiện", "Đơn vị chủ trì thực hiện", "Cơ quan, đơn vị chủ trì", "Cơ quan tham mưu", "Đơn vị đầu mối"},
	mCoord:  {"Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp thực hiện", "Đơn vị phối hợp thực hiện", "Cơ quan, đơn vị phối hợp", "Cơ quan tham gia", "Đơn vị tham gia phối hợp"},
	mTime:   {"Thời gian thực hiện", "Thời gian", "Thời hạn", "Tiến độ", "Thời gian hoàn thành", "Thời hạn hoàn thành", "Tiến độ thực hiện", "Thời điểm hoàn thành", "Mốc thời gian hoàn thành"},
	mNote:   {"Ghi chú"},
}

// Titles of two-level headers: a parent over the lead and coordinator
// columns, a parent over the start and end of the timeframe, and the
// leaves under them.
var (
	partyParents = []string{"Cơ quan thực hiện", "Đơn vị thực hiện", "Trách nhiệm thực hiện", "Phân công thực hiện"}
	leadLeaves   = []string{"Chủ trì", "Cơ quan chủ trì", "Đơn vị chủ trì"}
	coordLeaves  = []string{"Phối hợp", "Cơ quan phối hợp", "Đơn vị phối hợp"}
	timeParents  = []string{"Thời gian", "Thời gian thực hiện", "Tiến độ thực hiện"}
	startLeaves  = []string{"Bắt đầu", "Thời gian bắt đầu"}
	endLeaves    = []string{"Kết thúc", "Hoàn thành", "Thời gian hoàn thành"}
)

// Decoy tables: tables a plan, letter or notice carries before its task
// table that give no tasks.

func decoyStats() []docgen.Block {
	c := func(s ...string) []docgen.Cell {
		out := make([]docgen.Cell, len(s))
		for i, t := range s {
			out[i] = docgen.Cell{Text: t}
		}
		return out
	}
	group := func(num, title string) docgen.Row {
		return docgen.Row{Cells: []docgen.Cell{{Text: num, Bold: true}, {Text: title, Span: 4, Bold: true}}}
	}
	return []docgen.Block{
		docgen.Styled(docgen.Para{Text: "Bảng 1. Kết quả thực hiện một số chỉ tiêu chuyển đổi số năm 2025", Italic: true, Align: docgen.Center}),
		{Table: &docgen.Table{Cols: 5, Widths: []float64{1, 6, 2, 2, 2}, Rows: []docgen.Row{
			{Cells: c("STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026")},
			group("I", "Chỉ tiêu về hạ tầng số"),
			{Cells: c("1", "Tỷ lệ xã, phường có cáp quang đến thôn, tổ dân phố", "%", "95", "100")},
			{Cells: c("2", "Tỷ lệ dân số trưởng thành có điện thoại thông minh", "%", "82,5", "88")},
			group("II", "Chỉ tiêu về chính quyền số"),
			{Cells: c("3", "Tỷ lệ hồ sơ giải quyết thủ tục hành chính trực tuyến toàn trình", "%", "46", "60")},
			{Cells: c("4", "Số cơ sở dữ liệu chuyên ngành được kết nối", "Cơ sở dữ liệu", "12", "20")},
		}}},
	}
}

func decoySchools() []docgen.Block {
	rows := []docgen.Row{{Cells: []docgen.Cell{{Text: "STT", Bold: true}, {Text: "Tên trường", Bold: true}, {Text: "Địa chỉ", Bold: true}, {Text: "Số học sinh", Bold: true}, {Text: "Ghi chú", Bold: true}}}}
	for i, s := range [][3]string{
		{"Trường THPT số 1 thành phố Lào Cai", "Phường Cốc Lếu", "1.250"},
		{"Trường THPT chuyên Lào Cai", "Phường Bình Minh", "980"},
		{"Trường THCS Lê Quý Đôn", "Phường Kim Tân", "1.020"},
		{"Trường Tiểu học Kim Đồng", "Phường Duyên Hải", "870"},
	} {
		rows = append(rows, docgen.Row{Cells: []docgen.Cell{{Text: itoa(i + 1)}, {Text: s[0]}, {Text: s[1]}, {Text: s[2]}, {}}})
	}
	return []docgen.Block{
		docgen.P("Danh sách các trường tham gia thí điểm:"),
		{Table: &docgen.Table{Cols: 5, Widths: []float64{1, 5, 3, 2, 2}, Rows: rows}},
	}
}

func decoyAgenda() []docgen.Block {
	rows := []docgen.Row{{Cells: []docgen.Cell{{Text: "Thời gian", Bold: true}, {Text: "Nội dung", Bold: true}, {Text: "Chủ trì/Thực hiện", Bold: true}}}}
	for _, s := range [][3]string{
		{"07h30 - 08h00", "Đón tiếp đại biểu", "Văn phòng UBND tỉnh"},
		{"08h00 - 08h15", "Khai mạc hội nghị", "Lãnh đạo UBND tỉnh"},
		{"08h15 - 09h30", "Báo cáo kết quả chuyển đổi số năm 2025", "Sở Khoa học và Công nghệ"},
		{"09h30 - 11h00", "Thảo luận, kết luận hội nghị", "Chủ tịch UBND tỉnh"},
	} {
		rows = append(rows, docgen.Row{Cells: []docgen.Cell{{Text: s[0]}, {Text: s[1]}, {Text: s[2]}}})
	}
	return []docgen.Block{
		docgen.Styled(docgen.Para{Text: "CHƯƠNG TRÌNH HỘI NGHỊ", Bold: true, Align: docgen.Center}),
		{Table: &docgen.Table{Cols: 3, Widths: []float64{2, 6, 3}, Rows: rows}},
	}
}

// decoyForm is a blank report form: a task-like header, a column-number
// row and empty rows for the units to fill in.
func decoyForm() []docgen.Block {
	head := []string{"STT", "Nội dung công việc", "Đơn vị thực hiện", "Kết quả thực hiện", "Thời gian hoàn thành", "Ghi chú"}
	rows := []docgen.Row{{}, {}}
	for i, h := range head {
		rows[0].Cells = append(rows[0].Cells, docgen.Cell{Text: h, Bold: true, Align: docgen.Center})
		rows[1].Cells = append(rows[1].Cells, docgen.Cell{Text: "(" + itoa(i+1) + ")", Align: docgen.Center})
	}
	for i := 0; i < 4; i++ {
		rows = append(rows, docgen.Row{Cells: make([]docgen.Cell, len(head))})
	}
	return []docgen.Block{
		docgen.Styled(docgen.Para{Text: "Mẫu số 01. Biểu báo cáo kết quả thực hiện", Bold: true, Align: docgen.Center}),
		{Table: &docgen.Table{Cols: len(head), Widths: []float64{1, 5, 3, 3, 2, 2}, Rows: rows}},
	}
}

var decoys = map[string]func() []docgen.Block{
	"stats": decoyStats, "schools": decoySchools, "agenda": decoyAgenda, "form": decoyForm,
}

var decoyNames = []string{"stats", "schools", "agenda", "form"}
