package normalize

import (
	"reflect"
	"strings"
	"testing"

	"vanban"
)

func u(name string) vanban.Party { return vanban.Party{Name: name, Kind: vanban.KindUnit} }
func ua(name, alias string) vanban.Party {
	return vanban.Party{Name: name, Kind: vanban.KindUnit, AliasOf: alias}
}
func g(name string) vanban.Party { return vanban.Party{Name: name, Kind: vanban.KindGroup} }
func ga(name, alias string) vanban.Party {
	return vanban.Party{Name: name, Kind: vanban.KindGroup, AliasOf: alias}
}
func ps(p ...vanban.Party) []vanban.Party { return p }

// partyTests are cells beyond the gold: the forms the issue names, and
// every lead/coordinator/monitor cell of the real Lâm Đồng plans in
// ../shared/real/docs (task tables, and the labelled lines of "Công văn
// triển khai các nhiệm vụ 02.docx" after their label).
var partyTests = []struct {
	cell string
	want []vanban.Party
}{
	// Abbreviations spelled out.
	{"Sở KH&CN", ps(ua("Sở Khoa học và Công nghệ", "Sở KH&CN"))},
	{"Sở VHTTDL; Sở GD&ĐT", ps(ua("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL"), ua("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"))},
	{"Sở NN&MT", ps(ua("Sở Nông nghiệp và Môi trường", "Sở NN&MT"))},
	{"BQL KKT", ps(ua("Ban Quản lý khu kinh tế", "BQL KKT"))},
	{"CATP", ps(ua("Công an thành phố", "CATP"))},
	{"VP UBND tỉnh", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"))},
	{"VP UBND thành phố, CATP", ps(ua("Văn phòng Ủy ban nhân dân thành phố", "VP UBND thành phố"), ua("Công an thành phố", "CATP"))},
	{"UBND thành phố", ps(ua("Ủy ban nhân dân thành phố", "UBND thành phố"))},
	{"HĐND tỉnh", ps(ua("Hội đồng nhân dân tỉnh", "HĐND tỉnh"))},
	{"Ủy ban MTTQ Việt Nam tỉnh", ps(ua("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam tỉnh"))},
	{"UBND Phường Xuân Hương", ps(ua("Ủy ban nhân dân phường Xuân Hương", "UBND Phường Xuân Hương"))},
	// Departments merged in 2025: today's name, the old one kept.
	{"Sở Kế hoạch và Đầu tư", ps(ua("Sở Tài chính", "Sở Kế hoạch và Đầu tư"))},
	{"Sở KH&ĐT", ps(ua("Sở Tài chính", "Sở KH&ĐT"))},
	{"Sở Giao thông vận tải", ps(ua("Sở Xây dựng", "Sở Giao thông vận tải"))},
	{"Sở Thông tin và Truyền thông", ps(ua("Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"))},
	{"Sở Lao động - Thương binh và Xã hội", ps(ua("Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội"))},
	{"Sở LĐTB&XH", ps(ua("Sở Nội vụ", "Sở LĐTB&XH"))},
	{"Sở Nông nghiệp và Phát triển nông thôn; Sở TN&MT", ps(ua("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"), ua("Sở Nông nghiệp và Môi trường", "Sở TN&MT"))},
	{"Ban Dân tộc", ps(ua("Sở Dân tộc và Tôn giáo", "Ban Dân tộc"))},
	// Missing words, case, spacing, tone placement mended.
	{"Sở Khoa học - Công nghệ", ps(ua("Sở Khoa học và Công nghệ", "Sở Khoa học - Công nghệ"))},
	{"Sở Văn hóa Thể thao Du lịch", ps(ua("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa Thể thao Du lịch"))},
	{"SỞ TÀI CHÍNH", ps(ua("Sở Tài chính", "SỞ TÀI CHÍNH"))},
	{"Sở  Văn hoá,  Thể thao và Du lịch", ps(u("Sở Văn hóa, Thể thao và Du lịch"))},
	{"Uỷ ban nhân dân tỉnh", ps(u("Ủy ban nhân dân tỉnh"))},
	// Separators: ";", ",", "và" only before a new party.
	{"Sở Tài chính, Sở Nội vụ và Sở Tư pháp", ps(u("Sở Tài chính"), u("Sở Nội vụ"), u("Sở Tư pháp"))},
	{"Sở Tài chính và Sở Xây dựng", ps(u("Sở Tài chính"), u("Sở Xây dựng"))},
	{"Công an tỉnh và các địa phương", ps(u("Công an tỉnh"), g("các địa phương"))},
	{"Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo", ps(u("Sở Nông nghiệp và Môi trường"), u("Sở Dân tộc và Tôn giáo"))},
	{"Các Sở, Ban, Ngành", ps(g("Các Sở, Ban, Ngành"))},
	{"Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã, phường, đặc khu", ps(g("Các sở, ban, ngành, đoàn thể"), g("Ủy ban nhân dân các xã, phường, đặc khu"))},
	{"Báo và Phát thanh, Truyền hình Lâm Đồng", ps(u("Báo và Phát thanh, Truyền hình Lâm Đồng"))},
	{"Bộ Nội vụ, Tổng Liên đoàn Lao động Việt Nam", ps(u("Bộ Nội vụ"), u("Tổng Liên đoàn Lao động Việt Nam"))},
	{"- Sở Y tế;\n- Sở Công Thương.", ps(u("Sở Y tế"), u("Sở Công Thương"))},
	{"b) Công an tỉnh", ps(u("Công an tỉnh"))}, // a list marker is not part of the name
	// Role words around a name (PCMT plan headings).
	{"Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh", ps(ua("Viện Kiểm sát nhân dân tỉnh", "Đề nghị Viện Kiểm sát nhân dân tỉnh"), u("Tòa án nhân dân tỉnh"))},
	{"Đề nghị Chi cục Hải quan khu vực XIII", ps(ua("Chi cục Hải quan khu vực XIII", "Đề nghị Chi cục Hải quan khu vực XIII"))},
	{"Sở Tài chính chủ trì, phối hợp các sở, ban, ngành", ps(u("Sở Tài chính"), g("các sở, ban, ngành"))},
	{"Sở Tài chính chủ trì", ps(ua("Sở Tài chính", "Sở Tài chính chủ trì"))},
	// A sub-unit in parentheses: the parent known, the whole kept.
	{"Sở Tư pháp (Phòng Phổ biến, giáo dục pháp luật)", ps(ua("Sở Tư pháp", "Sở Tư pháp (Phòng Phổ biến, giáo dục pháp luật)"))},
	// Unknown names kept as written, never dropped.
	{"Ngân hàng Nhà nước khu vực X", ps(u("Ngân hàng Nhà nước khu vực X"))},
	{"Thủ trưởng các cơ quan, đơn vị", ps(g("Thủ trưởng các cơ quan, đơn vị"))},
	{"các đơn vị sự nghiệp công lập", ps(g("các đơn vị sự nghiệp công lập"))},
	{"", nil},
	{" ; , ", nil},

	// Real plans (Kế hoạch CCHC 2026, CCHC 2026-2030, tuyên truyền, kiểm tra;
	// Công văn 02). "Cơ quan thuế" starts with a generic noun and reads as a
	// group: the tax authorities of several levels.
	{"Các cơ quan, đơn vị liên quan", ps(g("Các cơ quan, đơn vị liên quan"))},
	{"Các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước", ps(g("Các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước"))},
	{"Các cơ quan, đơn vị, địa phương", ps(g("Các cơ quan, đơn vị, địa phương"))},
	{"Các sở, ban, ngành", ps(g("Các sở, ban, ngành"))},
	{"Các sở, ban, ngành thuộc tỉnh; UBND các xã, phường, đặc khu.", ps(g("Các sở, ban, ngành thuộc tỉnh"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Các sở, ban, ngành và địa phương", ps(g("Các sở, ban, ngành và địa phương"))},
	{"Các sở, ban, ngành, địa phương", ps(g("Các sở, ban, ngành, địa phương"))},
	{"Các sở, ban, ngành, địa phương; Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", ps(g("Các sở, ban, ngành, địa phương"), u("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"))},
	{"Các sở, ban, ngành; UBND các xã, phường, đặc khu", ps(g("Các sở, ban, ngành"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Các sở, ban, ngành; UBND các xã, phường, đặc khu.", ps(g("Các sở, ban, ngành"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Các địa phương, các cơ quan có nguồn thu nộp ngân sách nhà nước", ps(g("Các địa phương"), g("các cơ quan có nguồn thu nộp ngân sách nhà nước"))},
	{"Công an tỉnh", ps(u("Công an tỉnh"))},
	{"Công an tỉnh.", ps(u("Công an tỉnh"))},
	{"Cơ quan chuyên môn cấp tỉnh", ps(g("Cơ quan chuyên môn cấp tỉnh"))},
	{"Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập, đơn vị sự nghiệp công lập trực thuộc UBND tỉnh", ps(ga("Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập, đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh", "Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập, đơn vị sự nghiệp công lập trực thuộc UBND tỉnh"))},
	{"Cơ quan thuế, các đơn vị cấp tỉnh và các địa phương", ps(g("Cơ quan thuế"), g("các đơn vị cấp tỉnh"), g("các địa phương"))},
	{"Cơ quan, địa phương có liên quan", ps(g("Cơ quan, địa phương có liên quan"))},
	{"Lãnh đạo Ban Quản lý các khu công nghiệp", ps(ua("Ban Quản lý các khu công nghiệp", "Lãnh đạo Ban Quản lý các khu công nghiệp"))},
	{"Lãnh đạo Công an tỉnh", ps(ua("Công an tỉnh", "Lãnh đạo Công an tỉnh"))},
	{"Lãnh đạo Sở Công Thương", ps(ua("Sở Công Thương", "Lãnh đạo Sở Công Thương"))},
	{"Lãnh đạo Sở Giáo dục và Đào tạo", ps(ua("Sở Giáo dục và Đào tạo", "Lãnh đạo Sở Giáo dục và Đào tạo"))},
	{"Lãnh đạo Sở Khoa học và Công nghệ", ps(ua("Sở Khoa học và Công nghệ", "Lãnh đạo Sở Khoa học và Công nghệ"))},
	{"Lãnh đạo Sở Nông nghiệp và Môi trường", ps(ua("Sở Nông nghiệp và Môi trường", "Lãnh đạo Sở Nông nghiệp và Môi trường"))},
	{"Lãnh đạo Sở Tài chính", ps(ua("Sở Tài chính", "Lãnh đạo Sở Tài chính"))},
	{"Lãnh đạo Sở Tư pháp", ps(ua("Sở Tư pháp", "Lãnh đạo Sở Tư pháp"))},
	{"Lãnh đạo Sở Văn hóa, Thể thao và Du lịch", ps(ua("Sở Văn hóa, Thể thao và Du lịch", "Lãnh đạo Sở Văn hóa, Thể thao và Du lịch"))},
	{"Lãnh đạo Sở Xây dựng", ps(ua("Sở Xây dựng", "Lãnh đạo Sở Xây dựng"))},
	{"Lãnh đạo Sở Y tế", ps(ua("Sở Y tế", "Lãnh đạo Sở Y tế"))},
	{"Lãnh đạo UBND Phường 1 Bảo Lộc", ps(ua("Ủy ban nhân dân phường 1 Bảo Lộc", "Lãnh đạo UBND Phường 1 Bảo Lộc"))},
	{"Lãnh đạo UBND Phường 3 Bảo Lộc", ps(ua("Ủy ban nhân dân phường 3 Bảo Lộc", "Lãnh đạo UBND Phường 3 Bảo Lộc"))},
	{"Lãnh đạo UBND phường Cam Ly - Đà Lạt", ps(ua("Ủy ban nhân dân phường Cam Ly - Đà Lạt", "Lãnh đạo UBND phường Cam Ly - Đà Lạt"))},
	{"Lãnh đạo UBND phường Lâm Viên - Đà Lạt", ps(ua("Ủy ban nhân dân phường Lâm Viên - Đà Lạt", "Lãnh đạo UBND phường Lâm Viên - Đà Lạt"))},
	{"Lãnh đạo UBND phường Xuân Hương - Đà Lạt", ps(ua("Ủy ban nhân dân phường Xuân Hương - Đà Lạt", "Lãnh đạo UBND phường Xuân Hương - Đà Lạt"))},
	{"Lãnh đạo UBND xã Bảo Lâm 1", ps(ua("Ủy ban nhân dân xã Bảo Lâm 1", "Lãnh đạo UBND xã Bảo Lâm 1"))},
	{"Lãnh đạo UBND xã Hòa Ninh", ps(ua("Ủy ban nhân dân xã Hòa Ninh", "Lãnh đạo UBND xã Hòa Ninh"))},
	{"Lãnh đạo UBND xã Đinh Văn Lâm Hà", ps(ua("Ủy ban nhân dân xã Đinh Văn Lâm Hà", "Lãnh đạo UBND xã Đinh Văn Lâm Hà"))},
	{"Lãnh đạo UBND xã Đơn Dương", ps(ua("Ủy ban nhân dân xã Đơn Dương", "Lãnh đạo UBND xã Đơn Dương"))},
	{"Lãnh đạo UBND xã Đức Trọng", ps(ua("Ủy ban nhân dân xã Đức Trọng", "Lãnh đạo UBND xã Đức Trọng"))},
	{"Phường 2 Bảo Lộc", ps(u("Phường 2 Bảo Lộc"))},
	{"Phường Bắc Gia Nghĩa", ps(u("Phường Bắc Gia Nghĩa"))},
	{"Phường Nam Gia Nghĩa", ps(u("Phường Nam Gia Nghĩa"))},
	{"Phường Xuân Trường - Đà Lạt", ps(u("Phường Xuân Trường - Đà Lạt"))},
	{"Sở Công Thương", ps(u("Sở Công Thương"))},
	{"Sở Khoa học và Công nghệ", ps(u("Sở Khoa học và Công nghệ"))},
	{"Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh).", ps(u("Sở Khoa học và Công nghệ"), ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)"))},
	{"Sở Khoa học và Công nghệ.", ps(u("Sở Khoa học và Công nghệ"))},
	{"Sở Khoa học và Công nghệ; UBND các xã, phường, đặc khu.", ps(u("Sở Khoa học và Công nghệ"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai tỉnh và các Chi nhánh Văn phòng đăng ký đất đai khu vực)", ps(ua("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai tỉnh và các Chi nhánh Văn phòng đăng ký đất đai khu vực)"))},
	{"Sở Nội vụ", ps(u("Sở Nội vụ"))},
	{"Sở Nội vụ.", ps(u("Sở Nội vụ"))},
	{"Sở Nội vụ; Văn phòng UBND tỉnh", ps(u("Sở Nội vụ"), ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"))},
	{"Sở Tài chính", ps(u("Sở Tài chính"))},
	{"Sở Tài chính.", ps(u("Sở Tài chính"))},
	{"Sở Tài chính; UBND các xã, phường, đặc khu", ps(u("Sở Tài chính"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Sở Tư pháp", ps(u("Sở Tư pháp"))},
	{"Sở Tư pháp, Văn phòng UBND tỉnh, Công an tỉnh", ps(u("Sở Tư pháp"), ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"), u("Công an tỉnh"))},
	{"Sở Tư pháp; UBND các xã, phường, đặc khu", ps(u("Sở Tư pháp"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Sở Tư pháp; Văn phòng UBND tỉnh", ps(u("Sở Tư pháp"), ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"))},
	{"Sở Tư pháp; các cơ quan, đơn vị, địa phương", ps(u("Sở Tư pháp"), g("các cơ quan, đơn vị, địa phương"))},
	{"Sở Văn hóa Thể thao Du lịch chủ trì, phối hợp với Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh).", ps(ua("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa Thể thao Du lịch"), ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)"))},
	{"Sở Xây dựng", ps(u("Sở Xây dựng"))},
	{"Sở Y tế", ps(u("Sở Y tế"))},
	{"Thanh tra tỉnh", ps(u("Thanh tra tỉnh"))},
	{"Theo phân công tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh", ps(ga("Theo phân công tại Phương án số 7178/PA-UBND ngày 14/11/2025 của Ủy ban nhân dân tỉnh", "Theo phân công tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh"))},
	{"Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", ps(ga("Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch Ủy ban nhân dân tỉnh", "Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh"))},
	{"Theo phân công tại Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh", ps(ga("Theo phân công tại Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch Ủy ban nhân dân tỉnh", "Theo phân công tại Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh"))},
	{"UBND các xã, phường, đặc khu", ps(ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"UBND các xã, phường, đặc khu.", ps(ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Văn phòng UBND tỉnh", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"))},
	{"Văn phòng UBND tỉnh (Trung tâm Thông tin)", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh (Trung tâm Thông tin)"))},
	{"Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Khoa học Công nghệ và các sở, ban, ngành có liên quan.", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"), ua("Sở Khoa học và Công nghệ", "Sở Khoa học Công nghệ"), g("các sở, ban, ngành có liên quan"))},
	{"Văn phòng UBND tỉnh.", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"))},
	{"Văn phòng UBND tỉnh; Sở Tài nguyên và Môi trường; UBND các xã, phường, đặc khu", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"), ua("Sở Nông nghiệp và Môi trường", "Sở Tài nguyên và Môi trường"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Văn phòng UBND tỉnh; Sở Tư pháp; Sở Tài chính; Sở Khoa học và Công nghệ.", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"), u("Sở Tư pháp"), u("Sở Tài chính"), u("Sở Khoa học và Công nghệ"))},
	{"Văn phòng UBND tỉnh; Sở Tư pháp; Sở Tài chính; Sở Khoa học và Công nghệ; Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh.", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"), u("Sở Tư pháp"), u("Sở Tài chính"), u("Sở Khoa học và Công nghệ"), u("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"))},
	{"Văn phòng UBND tỉnh; UBND các xã, phường, đặc khu", ps(ua("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"), ga("Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu"))},
	{"Xã Bảo Lâm 2", ps(u("Xã Bảo Lâm 2"))},
	{"Xã Bắc Ruộng", ps(u("Xã Bắc Ruộng"))},
	{"Xã Hiệp Thạnh", ps(u("Xã Hiệp Thạnh"))},
	{"Xã Hòa Thắng", ps(u("Xã Hòa Thắng"))},
	{"Xã Ka Đô", ps(u("Xã Ka Đô"))},
	{"Xã Lạc Dương", ps(u("Xã Lạc Dương"))},
	{"Xã Nam Thành", ps(u("Xã Nam Thành"))},
	{"Xã Nghị Đức", ps(u("Xã Nghị Đức"))},
	{"Xã Ninh Gia", ps(u("Xã Ninh Gia"))},
	{"Xã Quảng Hòa", ps(u("Xã Quảng Hòa"))},
	{"Xã Quảng Lập", ps(u("Xã Quảng Lập"))},
	{"Xã Quảng Phú", ps(u("Xã Quảng Phú"))},
	{"Xã Sông Lũy", ps(u("Xã Sông Lũy"))},
	{"Xã Sơn Mỹ", ps(u("Xã Sơn Mỹ"))},
	{"Xã Trà Tân", ps(u("Xã Trà Tân"))},
	{"Xã Tân Hội", ps(u("Xã Tân Hội"))},
	{"Xã Tân Thành", ps(u("Xã Tân Thành"))},
	{"Xã Vĩnh Hảo", ps(u("Xã Vĩnh Hảo"))},
	{"Xã Đam Rông 3", ps(u("Xã Đam Rông 3"))},
	{"Xã Đắk Song", ps(u("Xã Đắk Song"))},
	{"Xã Đắk Sắk", ps(u("Xã Đắk Sắk"))},
	{"Ủy ban nhân dân cấp xã", ps(g("Ủy ban nhân dân cấp xã"))},
}

func TestParties(t *testing.T) {
	for _, tt := range partyTests {
		if got := Parties(tt.cell, nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parties(%q)\n got %+v\nwant %+v", tt.cell, got, tt.want)
		}
	}
}

func TestAssignment(t *testing.T) {
	tests := []struct{ in, lead, coord string }{
		{"Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh).",
			"Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)"},
		{"Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Khoa học Công nghệ và các sở, ban, ngành có liên quan.",
			"Văn phòng UBND tỉnh", "Sở Khoa học Công nghệ và các sở, ban, ngành có liên quan"},
		{"Sở Tài chính chủ trì, phối hợp các sở, ban, ngành", "Sở Tài chính", "các sở, ban, ngành"},
		{"Sở Nội vụ chủ trì thực hiện", "Sở Nội vụ", ""},
	}
	for _, tt := range tests {
		lead, coord, ok := Assignment(tt.in)
		if !ok || lead != tt.lead || coord != tt.coord {
			t.Errorf("Assignment(%q) = %q, %q, %v; want %q, %q", tt.in, lead, coord, ok, tt.lead, tt.coord)
		}
	}
	if _, _, ok := Assignment("Sở Tài chính; Sở Nội vụ"); ok {
		t.Error("Assignment read a cell without chủ trì")
	}
}

func TestLoadAliases(t *testing.T) {
	file := `# a user's aliases
Sở Tài chính | STC
SKHCN = Sở Khoa học và Công nghệ
group: Các cơ quan báo chí | cơ quan báo chí
Sở Giao thông vận tải và Xây dựng | Sở Giao thông vận tải
- Sở Ngoại vụ
- UBND
`
	a, err := LoadAliases(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cell string
		want []vanban.Party
	}{
		{"STC", ps(ua("Sở Tài chính", "STC"))},
		{"SKHCN", ps(ua("Sở Khoa học và Công nghệ", "SKHCN"))},
		{"Cơ quan báo chí", ps(g("Cơ quan báo chí"))},
		// The user's line overrides the built-in merger.
		{"Sở Giao thông vận tải", ps(ua("Sở Giao thông vận tải và Xây dựng", "Sở Giao thông vận tải"))},
		// Forgotten: kept as written.
		{"Sở Ngoại vụ", ps(u("Sở Ngoại vụ"))},
		{"UBND tỉnh", ps(u("UBND tỉnh"))},
		// Built-ins still there.
		{"Sở KH&CN", ps(ua("Sở Khoa học và Công nghệ", "Sở KH&CN"))},
	}
	for _, tt := range tests {
		if got := Parties(tt.cell, a); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parties(%q)\n got %+v\nwant %+v", tt.cell, got, tt.want)
		}
	}
	if name, kind, ok := a.Canonical("sở khoa học công nghệ"); !ok || name != "Sở Khoa học và Công nghệ" || kind != vanban.KindUnit {
		t.Errorf("Canonical = %q, %q, %v", name, kind, ok)
	}
	units := a.Units()
	if !contains(units, "Sở Tài chính") || contains(units, "Sở Ngoại vụ") {
		t.Errorf("Units() = %q", units)
	}
	// The default table is not changed by a loaded file.
	if _, _, ok := DefaultAliases().Canonical("Sở Ngoại vụ"); !ok {
		t.Error("DefaultAliases lost Sở Ngoại vụ")
	}
}

func TestLoadAliasesErrors(t *testing.T) {
	for _, bad := range []string{"A B = x", " = Sở", "| Sở Tài chính", "\xff\xfe"} {
		_, err := LoadAliases(strings.NewReader("# ok\n" + bad + "\n"))
		if err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("LoadAliases(%q) error = %v, want one naming line 2", bad, err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
