package normalize

// BuiltinAliases is the built-in alias table, in the format Aliases.Load
// reads: the usual abbreviations, a province's (or centrally-run city's)
// units after the 2025 reorganisation, and the departments merged into
// them, so an old plan's units map to today's with the old name kept.
// A user's aliases file is read over it.
const BuiltinAliases = `# Abbreviations, spelled out wherever they stand as a word.
UBND = Ủy ban nhân dân
HĐND = Hội đồng nhân dân
UBMTTQVN = Ủy ban Mặt trận Tổ quốc Việt Nam
UBMTTQ = Ủy ban Mặt trận Tổ quốc
MTTQVN = Mặt trận Tổ quốc Việt Nam
MTTQ = Mặt trận Tổ quốc
KH&CN = Khoa học và Công nghệ
KHCN = Khoa học và Công nghệ
KH-CN = Khoa học và Công nghệ
VHTTDL = Văn hóa, Thể thao và Du lịch
VHTT&DL = Văn hóa, Thể thao và Du lịch
VH,TT&DL = Văn hóa, Thể thao và Du lịch
VH-TT-DL = Văn hóa, Thể thao và Du lịch
GD&ĐT = Giáo dục và Đào tạo
GDĐT = Giáo dục và Đào tạo
GD-ĐT = Giáo dục và Đào tạo
NN&MT = Nông nghiệp và Môi trường
NNMT = Nông nghiệp và Môi trường
NN&PTNT = Nông nghiệp và Phát triển nông thôn
NNPTNT = Nông nghiệp và Phát triển nông thôn
TN&MT = Tài nguyên và Môi trường
TNMT = Tài nguyên và Môi trường
KH&ĐT = Kế hoạch và Đầu tư
KHĐT = Kế hoạch và Đầu tư
TT&TT = Thông tin và Truyền thông
TTTT = Thông tin và Truyền thông
LĐTB&XH = Lao động - Thương binh và Xã hội
LĐ-TB&XH = Lao động - Thương binh và Xã hội
LĐTBXH = Lao động - Thương binh và Xã hội
GTVT = Giao thông vận tải
BQL = Ban Quản lý
KKT = khu kinh tế
KCN = khu công nghiệp
CATP = Công an thành phố
BCHQS = Bộ Chỉ huy Quân sự
CHQS = Chỉ huy Quân sự
ĐVSNCL = đơn vị sự nghiệp công lập
BHXH = Bảo hiểm xã hội
NHNN = Ngân hàng Nhà nước
VP = Văn phòng
TP. = thành phố
TP = thành phố

# Departments (sở) after the 2025 reorganisation.
Sở Nội vụ | Sở Lao động - Thương binh và Xã hội
Sở Tư pháp
Sở Tài chính | Sở Kế hoạch và Đầu tư
Sở Công Thương
Sở Nông nghiệp và Môi trường | Sở Tài nguyên và Môi trường | Sở Nông nghiệp và Phát triển nông thôn
Sở Xây dựng | Sở Giao thông vận tải
Sở Khoa học và Công nghệ | Sở Thông tin và Truyền thông
Sở Văn hóa, Thể thao và Du lịch
Sở Văn hóa và Thể thao
Sở Du lịch
Sở Giáo dục và Đào tạo
Sở Y tế
Sở Ngoại vụ
Sở Dân tộc và Tôn giáo | Ban Dân tộc

# Other units of a province or city.
Thanh tra tỉnh
Thanh tra thành phố
Văn phòng Ủy ban nhân dân tỉnh
Văn phòng Ủy ban nhân dân thành phố
Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh
Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố
Ủy ban nhân dân tỉnh
Ủy ban nhân dân thành phố
Hội đồng nhân dân tỉnh
Hội đồng nhân dân thành phố
Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
Ủy ban Mặt trận Tổ quốc Việt Nam thành phố
Công an tỉnh
Công an thành phố
Bộ Chỉ huy Quân sự tỉnh
Bộ Chỉ huy Quân sự thành phố
Ban Quản lý khu kinh tế
Ban Quản lý các khu công nghiệp
Ban Quản lý các khu công nghiệp tỉnh
Trung tâm Phục vụ hành chính công tỉnh
Trung tâm Phục vụ hành chính công thành phố
Tỉnh ủy
Thành ủy

# Groups: unnamed sets of units.
group: Ủy ban nhân dân các xã, phường, đặc khu | UBND xã, phường, đặc khu
group: Ủy ban nhân dân cấp xã
group: Các sở, ban, ngành | Sở, ban, ngành | Các sở ban ngành | Các sở, ban ngành
`
