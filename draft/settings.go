package draft

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"vanban"
)

// SettingsFile is the settings file's name in the data folder.
const SettingsFile = "settings.toml"

// Settings say who issues and signs the drafted documents. Every field
// may be left empty; Resolve fills it from the plan. In settings.toml
// they sit under [draft]:
//
//	[draft]
//	issuer       = "Sở Khoa học và Công nghệ"
//	parent       = "Ủy ban nhân dân thành phố Hải Phòng"
//	symbol       = "SKHCN"
//	department   = "QLKH"
//	signer       = "Nguyễn Văn An"
//	signer_title = "Phó Giám đốc"
//	reply_days   = 10
type Settings struct {
	// Issuer is the body that issues the documents; by default the
	// plan's report_to unit, else the plan's issuer.
	Issuer string `toml:"issuer"`
	// Parent is the issuer's parent body, the first header line; by
	// default the plan's issuer when another body issues.
	Parent string `toml:"parent"`
	// Recipient is the body the summary reports to; by default the
	// plan's issuer.
	Recipient string `toml:"recipient"`
	// Symbol is the issuer's part of the number and symbol ("SKHCN" in
	// "Số: …/SKHCN-QLKH"); by default the initials of its name.
	Symbol string `toml:"symbol"`
	// Department is the drafting department's abbreviation, written
	// after the symbol and in "Lưu: VT, QLKH"; may stay empty.
	Department string `toml:"department"`
	// Place is the place name of the date line; by default the plan's.
	Place string `toml:"place"`
	// Signer is the signer's full name; empty leaves the name line blank.
	Signer string `toml:"signer"`
	// SignerTitle is the signer's own title ("Giám đốc", "Phó Giám
	// đốc"); by default the head of the issuer.
	SignerTitle string `toml:"signer_title"`
	// Authority is the signing authority's prefix: "KT.", "TM.", "TL.",
	// "TUQ.", "Q." or empty. A deputy signs "KT." by default, a
	// people's committee "TM.".
	Authority string `toml:"authority"`
	// OnBehalfOf is whom the authority signs for: "Giám đốc" after KT.,
	// "Ủy ban nhân dân" after TM.; by default the head of the issuer.
	OnBehalfOf string `toml:"on_behalf_of"`
	// ReplyDays is how many days after the as-of date a reminder asks
	// the units to reply by; 7 by default.
	ReplyDays int `toml:"reply_days"`
}

// DefaultReplyDays is the reply time of a reminder when none is set.
const DefaultReplyDays = 7

// settingsFile is the layout of settings.toml: other packages may keep
// their own tables beside [draft].
type settingsFile struct {
	Draft Settings `toml:"draft"`
}

// LoadSettings reads the [draft] table of <dataDir>/settings.toml. A
// missing file gives empty Settings; a key the table does not know is an
// error, so a misspelt key is not silently ignored.
func LoadSettings(dataDir string) (Settings, error) {
	path := filepath.Join(dataDir, SettingsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Settings{}, nil
	}
	if err != nil {
		return Settings{}, err
	}
	return ParseSettings(string(data))
}

// ParseSettings reads the [draft] table of a settings.toml text.
func ParseSettings(text string) (Settings, error) {
	var f settingsFile
	md, err := toml.Decode(text, &f)
	if err != nil {
		return Settings{}, fmt.Errorf("%s: không đọc được tệp cấu hình: %w", SettingsFile, err)
	}
	var unknown []string
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "draft" {
			unknown = append(unknown, k.String())
		}
	}
	if len(unknown) > 0 {
		return Settings{}, fmt.Errorf("%s: không có mục cấu hình %s", SettingsFile, strings.Join(unknown, ", "))
	}
	if f.Draft.ReplyDays < 0 {
		return Settings{}, fmt.Errorf("%s: draft.reply_days phải là số ngày không âm", SettingsFile)
	}
	return Settings{}.Override(f.Draft), nil
}

// Override returns s with every field that o sets taken from o: flags
// over the settings file.
func (s Settings) Override(o Settings) Settings {
	pick := func(a *string, b string) {
		if strings.TrimSpace(b) != "" {
			*a = strings.TrimSpace(b)
		}
	}
	pick(&s.Issuer, o.Issuer)
	pick(&s.Parent, o.Parent)
	pick(&s.Recipient, o.Recipient)
	pick(&s.Symbol, o.Symbol)
	pick(&s.Department, o.Department)
	pick(&s.Place, o.Place)
	pick(&s.Signer, o.Signer)
	pick(&s.SignerTitle, o.SignerTitle)
	pick(&s.Authority, o.Authority)
	pick(&s.OnBehalfOf, o.OnBehalfOf)
	if o.ReplyDays > 0 {
		s.ReplyDays = o.ReplyDays
	}
	return s
}

// Resolve fills the fields s leaves empty from the plan: its report_to
// unit issues (else its own issuer), under the plan's issuer as parent;
// the summary reports to the plan's issuer; the head of the issuer signs.
func (s Settings) Resolve(plan vanban.Meta) Settings {
	s = Settings{}.Override(s) // trimmed
	def := func(a *string, b string) {
		if strings.TrimSpace(*a) == "" {
			*a = strings.TrimSpace(b)
		}
	}
	def(&s.Issuer, plan.ReportTo)
	def(&s.Issuer, plan.Issuer)
	if !sameName(s.Issuer, plan.Issuer) {
		def(&s.Parent, plan.Issuer)
	}
	def(&s.Recipient, plan.Issuer)
	def(&s.Symbol, initials(s.Issuer))
	def(&s.Place, plan.Place)
	s.resolveSigning()
	if s.ReplyDays == 0 {
		s.ReplyDays = DefaultReplyDays
	}
	return s
}

// resolveSigning completes the signature block: a deputy ("Phó …") signs
// KT. for the head, a people's committee is signed for TM.
func (s *Settings) resolveSigning() {
	head, collective := headOf(s.Issuer)
	if s.SignerTitle == "" {
		s.SignerTitle = head
	}
	s.Authority = strings.ToUpper(strings.TrimSpace(s.Authority))
	if s.Authority != "" && !strings.HasSuffix(s.Authority, ".") {
		s.Authority += "."
	}
	deputy, isDeputy := strings.CutPrefix(s.SignerTitle, "Phó ")
	switch {
	case s.Authority == "" && collective != "":
		s.Authority = "TM."
	case s.Authority == "" && isDeputy:
		s.Authority = "KT."
	}
	if s.OnBehalfOf == "" {
		switch {
		case s.Authority == "TM." && collective != "":
			s.OnBehalfOf = collective
		case s.Authority == "KT." && isDeputy:
			s.OnBehalfOf = capitalize(deputy)
		default:
			s.OnBehalfOf = head
		}
	}
}

// heads are the titles of the heads of bodies, by the first words of
// the body's name; collective bodies are signed for in their name (TM.).
var heads = []struct{ prefix, head, collective string }{
	{"Ủy ban nhân dân", "Chủ tịch", "Ủy ban nhân dân"},
	{"Uỷ ban nhân dân", "Chủ tịch", "Ủy ban nhân dân"},
	{"Hội đồng nhân dân", "Chủ tịch", "Thường trực Hội đồng nhân dân"},
	{"Văn phòng", "Chánh Văn phòng", ""},
	{"Thanh tra", "Chánh Thanh tra", ""},
	{"Chi cục", "Chi cục trưởng", ""},
	{"Cục", "Cục trưởng", ""},
	{"Bộ", "Bộ trưởng", ""},
	{"Ban", "Trưởng ban", ""},
	{"Viện", "Viện trưởng", ""},
	{"Trường", "Hiệu trưởng", ""},
	{"Sở", "Giám đốc", ""},
	{"Công an", "Giám đốc", ""},
	{"Trung tâm", "Giám đốc", ""},
}

// headOf returns the title of the head of the named body, and the name
// it is signed for when it is a collective body.
func headOf(body string) (head, collective string) {
	for _, h := range heads {
		if strings.HasPrefix(body, h.prefix+" ") || body == h.prefix {
			return h.head, h.collective
		}
	}
	return "Thủ trưởng cơ quan", ""
}

// sameName compares two body names as written, case and spacing aside.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// signatureLines are the capital lines above the signature: "KT. GIÁM
// ĐỐC" / "PHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ
// CHỦ TỊCH", or the title alone.
func (s Settings) signatureLines() []string {
	title := upper(s.SignerTitle)
	if s.Authority == "" {
		return []string{title}
	}
	lines := []string{s.Authority + " " + upper(s.OnBehalfOf)}
	if deputy, ok := strings.CutPrefix(s.SignerTitle, "Phó "); ok && s.Authority == "TM." {
		lines = append(lines, "KT. "+upper(deputy))
	}
	if upper(s.OnBehalfOf) != title {
		lines = append(lines, title)
	}
	return lines
}

// archive is the last "Nơi nhận" line: "Lưu: VT, QLKH".
func (s Settings) archive() string {
	if s.Department == "" {
		return "Lưu: VT"
	}
	return "Lưu: VT, " + s.Department
}

// symbol is the symbol of the number line, as Nghị định 30 builds it: a
// document with a type name carries the type's code and the issuer
// ("BC-SKHCN"); a công văn the issuer and its drafting department
// ("SKHCN-QLKH").
func (s Settings) symbol(typeCode string) string {
	switch {
	case typeCode != "":
		return typeCode + "-" + s.Symbol
	case s.Department != "":
		return s.Symbol + "-" + s.Department
	}
	return s.Symbol
}

// RegisterFlags defines on fs one flag per setting and returns the
// Settings they fill, for Override over the file's:
//
//	over := draft.RegisterFlags(fs)
//	…
//	file, err := draft.LoadSettings(dataDir)
//	settings := file.Override(*over)
func RegisterFlags(fs *flag.FlagSet) *Settings {
	s := &Settings{}
	fs.StringVar(&s.Issuer, "issuer", "", "cơ quan ban hành (mặc định: đơn vị tổng hợp báo cáo của kế hoạch)")
	fs.StringVar(&s.Parent, "parent", "", "cơ quan cấp trên của cơ quan ban hành (mặc định: cơ quan ban hành kế hoạch)")
	fs.StringVar(&s.Recipient, "recipient", "", "nơi nhận báo cáo tổng hợp (mặc định: cơ quan ban hành kế hoạch)")
	fs.StringVar(&s.Symbol, "symbol", "", "phần ký hiệu của cơ quan ban hành, ví dụ SKHCN (mặc định: chữ đầu của tên)")
	fs.StringVar(&s.Department, "department", "", "chữ viết tắt của phòng soạn thảo, ví dụ QLKH")
	fs.StringVar(&s.Place, "place", "", "địa danh ở dòng ngày tháng (mặc định: của kế hoạch)")
	fs.StringVar(&s.Signer, "signer", "", "họ tên người ký (mặc định: để trống)")
	fs.StringVar(&s.SignerTitle, "signer-title", "", "chức vụ người ký, ví dụ \"Phó Giám đốc\" (mặc định: người đứng đầu cơ quan)")
	fs.StringVar(&s.Authority, "authority", "", "thẩm quyền ký: KT., TM., TL., TUQ. hoặc Q.")
	fs.StringVar(&s.OnBehalfOf, "on-behalf-of", "", "ký thay cho ai, ví dụ \"Giám đốc\"")
	fs.IntVar(&s.ReplyDays, "reply-days", 0, "số ngày sau ngày đối chiếu mà các đơn vị phải trả lời (mặc định 7)")
	return s
}
