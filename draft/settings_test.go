package draft

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban"
)

// plan58 is the metadata of plan 58/KH-UBND as the extractor reads it.
var plan58 = vanban.Meta{
	DocType: vanban.TypePlan, Reference: "58/KH-UBND", Issuer: "Ủy ban nhân dân thành phố Hải Phòng",
	Place: "Hải Phòng", Date: vanban.D(2026, 3, 20), AnnualReportDue: "12-15", ReportTo: "Sở Khoa học và Công nghệ",
}

func TestLoadSettings(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadSettings(dir)
	if err != nil || s != (Settings{}) {
		t.Fatalf("without a file: %+v, %v; want empty settings", s, err)
	}
	text := `# other packages' tables are left alone
[web]
port = 8080

[draft]
issuer = "Sở Khoa học và Công nghệ"
department = "QLKH"
signer = "Nguyễn Văn An"
signer_title = "Phó Giám đốc"
reply_days = 10
`
	if err := os.WriteFile(filepath.Join(dir, SettingsFile), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = LoadSettings(dir)
	want := Settings{Issuer: "Sở Khoa học và Công nghệ", Department: "QLKH", Signer: "Nguyễn Văn An", SignerTitle: "Phó Giám đốc", ReplyDays: 10}
	if err != nil || s != want {
		t.Errorf("LoadSettings = %+v, %v; want %+v", s, err, want)
	}
}

func TestParseSettingsErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"[draft]\nsigner_name = \"A\"\n", "không có mục cấu hình draft.signer_name"},
		{"[draft]\nreply_days = -3\n", "reply_days phải là số ngày không âm"},
		{"[draft]\nissuer = \n", "không đọc được tệp cấu hình"},
		{"[draft]\nreply_days = \"bảy\"\n", "không đọc được tệp cấu hình"},
	}
	for _, c := range cases {
		_, err := ParseSettings(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseSettings(%q) error %v, want one saying %q", c.text, err, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	cases := []struct {
		name     string
		settings Settings
		plan     vanban.Meta
		// issuer | parent | recipient | symbol | signature lines
		want string
	}{
		{"report_to unit issues under the plan's issuer", Settings{}, plan58,
			"Sở Khoa học và Công nghệ | Ủy ban nhân dân thành phố Hải Phòng | Ủy ban nhân dân thành phố Hải Phòng | SKHCN | [GIÁM ĐỐC]"},
		{"a deputy signs for the head", Settings{SignerTitle: "Phó Giám đốc"}, plan58,
			"Sở Khoa học và Công nghệ | Ủy ban nhân dân thành phố Hải Phòng | Ủy ban nhân dân thành phố Hải Phòng | SKHCN | [KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC]"},
		{"a plan without report_to: its issuer, signed TM.", Settings{}, vanban.Meta{Issuer: "Ủy ban nhân dân tỉnh Lâm Đồng", Place: "Lâm Đồng"},
			"Ủy ban nhân dân tỉnh Lâm Đồng |  | Ủy ban nhân dân tỉnh Lâm Đồng | UBND | [TM. ỦY BAN NHÂN DÂN CHỦ TỊCH]"},
		{"a vice-chairman signs TM. and KT.", Settings{SignerTitle: "Phó Chủ tịch"}, vanban.Meta{Issuer: "Ủy ban nhân dân tỉnh Lâm Đồng"},
			"Ủy ban nhân dân tỉnh Lâm Đồng |  | Ủy ban nhân dân tỉnh Lâm Đồng | UBND | [TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH]"},
		{"settings win; an authority without its dot", Settings{Issuer: "Văn phòng Ủy ban nhân dân tỉnh", Symbol: "VP", Authority: "tl", OnBehalfOf: "Chủ tịch", SignerTitle: "Chánh Văn phòng"}, plan58,
			"Văn phòng Ủy ban nhân dân tỉnh | Ủy ban nhân dân thành phố Hải Phòng | Ủy ban nhân dân thành phố Hải Phòng | VP | [TL. CHỦ TỊCH CHÁNH VĂN PHÒNG]"},
		{"a board", Settings{}, vanban.Meta{ReportTo: "Ban Quản lý khu kinh tế", Issuer: "Ủy ban nhân dân thành phố Hải Phòng"},
			"Ban Quản lý khu kinh tế | Ủy ban nhân dân thành phố Hải Phòng | Ủy ban nhân dân thành phố Hải Phòng | BQLKKT | [TRƯỞNG BAN]"},
	}
	for _, c := range cases {
		s := c.settings.Resolve(c.plan)
		got := fmt.Sprintf("%s | %s | %s | %s | %v", s.Issuer, s.Parent, s.Recipient, s.Symbol, s.signatureLines())
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if s.ReplyDays != DefaultReplyDays {
			t.Errorf("%s: reply days %d, want %d", c.name, s.ReplyDays, DefaultReplyDays)
		}
	}
}

func TestOverride(t *testing.T) {
	file := Settings{Issuer: "Sở Khoa học và Công nghệ", Signer: "Nguyễn Văn An", ReplyDays: 10}
	flags := Settings{Signer: " Trần Thị Bình ", Department: "QLKH"}
	got := file.Override(flags)
	want := Settings{Issuer: "Sở Khoa học và Công nghệ", Signer: "Trần Thị Bình", Department: "QLKH", ReplyDays: 10}
	if got != want {
		t.Errorf("Override = %+v, want %+v", got, want)
	}
}

func TestSymbols(t *testing.T) {
	s := Settings{Symbol: "SKHCN", Department: "QLKH"}
	if got := s.symbol(""); got != "SKHCN-QLKH" {
		t.Errorf("công văn symbol %q, want SKHCN-QLKH", got)
	}
	if got := s.symbol("BC"); got != "BC-SKHCN" {
		t.Errorf("report symbol %q, want BC-SKHCN", got)
	}
	if got := s.archive(); got != "Lưu: VT, QLKH" {
		t.Errorf("archive %q", got)
	}
}

func FuzzParseSettings(f *testing.F) {
	f.Add("[draft]\nissuer = \"Sở Tài chính\"\nreply_days = 5\n")
	f.Add("[draft]\nunknown = 1\n")
	f.Add("[[draft]]\n")
	f.Add("draft = 3")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSettings(text)
		if err != nil {
			return
		}
		if s.ReplyDays < 0 {
			t.Errorf("negative reply days accepted: %+v", s)
		}
		// Whatever a file says, resolving it never leaves the issuer empty
		// when the plan names one.
		if r := s.Resolve(plan58); r.Issuer == "" || r.ReplyDays <= 0 {
			t.Errorf("resolved %+v", r)
		}
	})
}

func TestRegisterFlags(t *testing.T) {
	fs := flag.NewFlagSet("draft", flag.ContinueOnError)
	over := RegisterFlags(fs)
	if err := fs.Parse([]string{"--signer", "Trần Thị Bình", "--signer-title", "Phó Giám đốc", "--reply-days", "10"}); err != nil {
		t.Fatal(err)
	}
	got := Settings{Issuer: "Sở Khoa học và Công nghệ", Signer: "Nguyễn Văn An"}.Override(*over).Resolve(plan58)
	if got.Issuer != "Sở Khoa học và Công nghệ" || got.Signer != "Trần Thị Bình" || got.ReplyDays != 10 ||
		fmt.Sprint(got.signatureLines()) != "[KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC]" {
		t.Errorf("flags over file: %+v", got)
	}
}
