package ingest

import (
	"path/filepath"
	"strings"
)

// Failure kinds of files refused without reading their content (see
// store.Rejection).
const (
	KindFormat      = "format"       // a type vanban does not read
	KindLinkOutside = "link_outside" // a link out of the watched folder
	KindBrokenLink  = "broken_link"  // a link to nothing
	KindNotRegular  = "not_regular"  // a FIFO, a device, a socket
	KindPermission  = "permission"   // vanban may not read it
	KindVanished    = "vanished"     // it was gone when read
)

// formatHints tell, by extension, why vanban cannot read a file and what
// the person who dropped it can do.
var formatHints = map[string]string{
	".doc":  "Tệp Word 97–2003 (.doc): hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx",
	".dot":  "Mẫu Word 97–2003 (.dot): hãy lưu lại dưới dạng văn bản .docx",
	".docm": "Tệp Word có macro (.docm): hãy lưu lại dưới dạng .docx",
	".dotx": "Mẫu Word (.dotx): hãy lưu lại dưới dạng văn bản .docx",
	".rtf":  "Tệp RTF: hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx",
	".odt":  "Tệp OpenDocument (.odt): hãy lưu lại dưới dạng .docx trong LibreOffice",
	".wpd":  "Tệp WordPerfect: hãy lưu lại dưới dạng .docx",
	".txt":  "Tệp văn bản thuần (.txt): hãy chép nội dung vào Word và lưu dưới dạng .docx",
	".xls":  "Tệp Excel (.xls): vanban đọc văn bản Word (.docx) và PDF; hãy xuất bảng ra PDF hoặc chép vào một văn bản Word",
	".xlsx": "Tệp Excel (.xlsx): vanban đọc văn bản Word (.docx) và PDF; hãy xuất bảng ra PDF hoặc chép vào một văn bản Word",
	".ods":  "Bảng tính OpenDocument (.ods): hãy xuất ra PDF hoặc chép vào một văn bản Word",
	".csv":  "Tệp CSV: hãy chép bảng vào một văn bản Word (.docx)",
	".ppt":  "Tệp PowerPoint (.ppt): hãy xuất ra PDF",
	".pptx": "Tệp PowerPoint (.pptx): hãy xuất ra PDF",
	".odp":  "Tệp trình chiếu OpenDocument (.odp): hãy xuất ra PDF",
	".zip":  "Tệp nén (.zip): hãy giải nén rồi thả các tệp .docx, .pdf vào",
	".rar":  "Tệp nén (.rar): hãy giải nén rồi thả các tệp .docx, .pdf vào",
	".7z":   "Tệp nén (.7z): hãy giải nén rồi thả các tệp .docx, .pdf vào",
	".htm":  "Trang web (.htm): hãy in ra PDF hoặc lưu dưới dạng .docx",
	".html": "Trang web (.html): hãy in ra PDF hoặc lưu dưới dạng .docx",
	".xml":  "Tệp XML: hãy mở văn bản gốc và lưu dưới dạng .docx hoặc PDF",
	".jpg":  "Ảnh (.jpg): hãy ghép các trang quét thành một tệp PDF",
	".jpeg": "Ảnh (.jpeg): hãy ghép các trang quét thành một tệp PDF",
	".png":  "Ảnh (.png): hãy ghép các trang quét thành một tệp PDF",
	".tif":  "Ảnh (.tif): hãy ghép các trang quét thành một tệp PDF",
	".tiff": "Ảnh (.tiff): hãy ghép các trang quét thành một tệp PDF",
	".bmp":  "Ảnh (.bmp): hãy ghép các trang quét thành một tệp PDF",
	".gif":  "Ảnh (.gif): hãy ghép các trang quét thành một tệp PDF",
	".heic": "Ảnh (.heic): hãy ghép các trang quét thành một tệp PDF",
}

// FormatHint says in Vietnamese why vanban cannot read a file named name
// and what to do; "" for a name it reads.
func FormatHint(name string) string {
	if Format(name) != "" {
		return ""
	}
	ext := strings.ToLower(filepath.Ext(name))
	if h, ok := formatHints[ext]; ok {
		return h
	}
	if ext == "" {
		return "Tệp không có phần mở rộng, không rõ định dạng: vanban đọc văn bản Word (.docx) và PDF"
	}
	return "Định dạng " + ext + " không đọc được: vanban đọc văn bản Word (.docx) và PDF"
}
