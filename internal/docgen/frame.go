package docgen

import "fmt"

// Frame is the frame Nghị định 30/2020/NĐ-CP gives an administrative
// document: the header (issuing agency and number on the left, quốc hiệu
// and place-date on the right, as a borderless table), the type heading
// and trích yếu, the body, the signature block beside "Nơi nhận", and
// optionally an appendix on pages of its own. Blocks returns it as blocks
// to put in a Document, so generated files read like real ones to a
// metadata reader.
type Frame struct {
	// Issuer is the agency lines, parent body first: {"ỦY BAN NHÂN DÂN",
	// "TỈNH LÀO CAI"}.
	Issuer []string
	// Number is the number and symbol, "12/KH-UBND"; a draft gives only
	// the symbol with Draft set.
	Number string
	Draft  bool
	Place  string
	Date   Date // zero for a draft: "ngày     tháng     năm"
	// Type is the type heading, "KẾ HOẠCH", "THÔNG BÁO"; empty for a
	// Công văn, whose trích yếu ("V/v …") goes under the number.
	Type  string
	Title string
	// To is the "Kính gửi" line of a Công văn; empty for none.
	To   string
	Body []Block
	// Signature block: authority ("TM. ỦY BAN NHÂN DÂN"), deputy's
	// line ("KT. CHỦ TỊCH"), title ("PHÓ CHỦ TỊCH") and name; empty lines
	// are left out.
	SignAuthority, SignFor, SignTitle, Signer string
	Recipients                                []string // "Nơi nhận" lines, without the leading "- "
	// Appendix blocks follow the signature on a new page, landscape when
	// AppendixLandscape is set.
	Appendix          []Block
	AppendixLandscape bool
}

// Date is a calendar date as a document writes it.
type Date struct{ Year, Month, Day int }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// placeDate writes "Lào Cai, ngày 05 tháng 3 năm 2026": Nghị định 30
// writes days below 10 and months below 3 with a leading zero.
func (f Frame) placeDate() string {
	if f.Date.IsZero() {
		return f.Place + ", ngày      tháng      năm"
	}
	day := fmt.Sprintf("%d", f.Date.Day)
	if f.Date.Day < 10 {
		day = "0" + day
	}
	month := fmt.Sprintf("%d", f.Date.Month)
	if f.Date.Month < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %s tháng %s năm %d", f.Place, day, month, f.Date.Year)
}

// numberLine writes "Số: 12/KH-UBND", or a draft's "Số:       /KH-UBND".
func (f Frame) numberLine() string {
	if f.Draft {
		return "Số:        /" + f.Number
	}
	return "Số: " + f.Number
}

// Blocks returns the framed document's blocks. The header and signature
// tables print at 11 pt so that the quốc hiệu keeps to one line in the
// PDF writer's font, as it does in Times New Roman at 13 pt.
func (f Frame) Blocks() []Block {
	left := append(append([]string{}, f.Issuer...), f.numberLine())
	if f.Type == "" && f.Title != "" {
		left = append(left, f.Title)
	}
	header := &Table{Cols: 2, Widths: []float64{2, 3}, Borderless: true, FontSize: 11, Rows: []Row{{Cells: []Cell{
		{Lines: left, Align: Center},
		{Lines: []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f.placeDate()}, Bold: true, Align: Center},
	}}}}
	out := []Block{{Table: header}}
	if f.Type != "" {
		out = append(out, Styled(Para{Text: f.Type, Bold: true, Align: Center, Size: 14}))
		if f.Title != "" {
			out = append(out, Styled(Para{Text: f.Title, Bold: true, Align: Center}))
		}
	}
	if f.To != "" {
		out = append(out, Styled(Para{Text: "Kính gửi: " + f.To, Align: Center}))
	}
	out = append(out, f.Body...)
	out = append(out, Block{Table: f.signature()})
	for i, b := range f.Appendix {
		if i == 0 {
			b.NewPage, b.Landscape = true, f.AppendixLandscape
		}
		out = append(out, b)
	}
	return out
}

// signature returns the borderless table of "Nơi nhận" and the signer.
func (f Frame) signature() *Table {
	recipients := []string{"Nơi nhận:"}
	for _, r := range f.Recipients {
		recipients = append(recipients, "- "+r)
	}
	var sign []string
	for _, l := range []string{f.SignAuthority, f.SignFor, f.SignTitle, f.Signer} {
		if l != "" {
			sign = append(sign, l)
		}
	}
	return &Table{Cols: 2, Widths: []float64{1, 1}, Borderless: true, FontSize: 11, Rows: []Row{{Cells: []Cell{
		{Lines: recipients},
		{Lines: sign, Bold: true, Align: Center},
	}}}}
}
