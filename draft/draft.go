// Package draft writes the secretariat's own documents from a
// cross-check, as Word files in the format of Nghị định 30/2020/NĐ-CP:
//
//   - Reminder: the Công văn đôn đốc to one or more units that have not
//     reported or whose tasks are overdue, listing those tasks;
//   - Summary: the Báo cáo tổng hợp on the plan's implementation for the
//     body the plan reports to, with its statistics per unit and per
//     state, the overdue tasks and the units to name.
//
// Each kind has a template, templates/reminder.docx and
// templates/summary.docx, embedded in the program: Word documents that
// anyone may edit in Word or LibreOffice, keeping the placeholders (see
// template.go). Who issues and who signs are Settings, read from
// <data>/settings.toml and defaulted from the plan (Settings.Resolve).
//
// The documents leave the number ("Số:      /SKHCN-QLKH") and, unless a
// date is given, the day for the văn thư to fill, and the signer's name
// empty unless the settings give it. vanban's extractor reads them back:
// type, issuer, trích yếu, the plan as first citation, the task table.
package draft

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"vanban"
	"vanban/crosscheck"
)

// ContentType is the media type of the documents written.
const ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// Request is what a document is drafted from.
type Request struct {
	// Plan is the plan's metadata: reference, date, title, issuer,
	// place, report_to, annual report date.
	Plan vanban.Meta
	// Result is the plan's cross-check as of the date reported on.
	Result *crosscheck.Result
	// Settings name the issuer and the signer; blanks are filled from
	// Plan (Settings.Resolve).
	Settings Settings
	// Date is the document's date; the zero Date leaves the day and the
	// month blank for the văn thư, in the as-of year.
	Date vanban.Date
	// Units are the units a reminder goes to, by their names in Result;
	// none means every unit Remindable lists. Summary ignores it.
	Units []string
}

// ErrNothingToRemind is returned when no unit, or not a named one, has a
// task to be reminded of.
var ErrNothingToRemind = errors.New("không có nhiệm vụ cần đôn đốc")

// Reminder writes the Công văn đôn đốc of req to w.
func Reminder(w io.Writer, req Request) error {
	f, err := reminderFilling(req)
	if err != nil {
		return err
	}
	return f.render(w, reminderTemplate)
}

// Summary writes the Báo cáo tổng hợp of req to w.
func Summary(w io.Writer, req Request) error {
	f, err := summaryFilling(req)
	if err != nil {
		return err
	}
	return f.render(w, summaryTemplate)
}

// The templates of the two kinds, in templates/.
const (
	reminderTemplate = "reminder.docx"
	summaryTemplate  = "summary.docx"
)

func reminderFilling(req Request) (*filling, error) {
	d, err := newDrafter(req)
	if err != nil {
		return nil, err
	}
	units, err := d.reminderUnits(req.Units)
	if err != nil {
		return nil, err
	}
	f := d.common()
	d.reminder(f, units)
	return f, nil
}

func summaryFilling(req Request) (*filling, error) {
	d, err := newDrafter(req)
	if err != nil {
		return nil, err
	}
	f := d.common()
	d.summary(f)
	return f, nil
}

// drafter holds a request with its settings resolved.
type drafter struct {
	req Request
	r   *crosscheck.Result
	s   Settings
}

func newDrafter(req Request) (*drafter, error) {
	if req.Result == nil {
		return nil, errors.New("draft: no cross-check result")
	}
	if strings.TrimSpace(req.Result.Plan) == "" {
		return nil, errors.New("kế hoạch chưa có số, ký hiệu: chưa thể dự thảo văn bản đôn đốc, báo cáo")
	}
	s := req.Settings.Resolve(req.Plan)
	if s.Issuer == "" {
		return nil, errors.New("chưa xác định được cơ quan ban hành: đặt draft.issuer trong settings.toml")
	}
	return &drafter{req: req, r: req.Result, s: s}, nil
}

// common fills what both kinds share: the header, the plan's citation,
// the signature block.
func (d *drafter) common() *filling {
	f := newFilling()
	f.lines("chu_quan", "dong", headerLines(d.s.Parent))
	f.set("co_quan", strings.Join(headerLines(d.s.Issuer), "\n"))
	f.set("dia_danh", d.s.Place)
	day, month, year := headerDate(d.req.Date, d.r.AsOf.Year)
	f.set("ngay", day)
	f.set("thang", month)
	f.set("nam", year)
	f.set("ke_hoach", d.planCitation())
	about := ""
	if t := strings.TrimSpace(d.r.PlanTitle); t != "" {
		about = " về " + lowerFirst(t)
	}
	f.set("ve_noi_dung", about)
	f.set("ten_co_quan", d.issuer())
	f.set("noi_bao_cao", shortName(d.s.Recipient))
	f.set("nam_bao_cao", fmt.Sprint(d.r.AsOf.Year))
	f.lines("ky", "dong", d.s.signatureLines())
	f.set("nguoi_ky", d.s.Signer)
	return f
}

// issuer is the issuer's name in running text.
func (d *drafter) issuer() string { return shortName(d.s.Issuer) }

// planCitation cites the plan as the body text does: "Kế hoạch số
// 58/KH-UBND ngày 20/03/2026 của Ủy ban nhân dân thành phố".
func (d *drafter) planCitation() string {
	c := "Kế hoạch số " + d.r.Plan
	if !d.r.PlanDate.IsZero() {
		c += " ngày " + date(d.r.PlanDate)
	}
	if d.req.Plan.Issuer != "" {
		c += " của " + shortName(d.req.Plan.Issuer)
	}
	return c
}

// recipientLine is the "Nơi nhận" line of the body reported to.
func (d *drafter) recipientLine() string {
	return abbreviated(shortName(d.s.Recipient)) + " (để báo cáo)"
}
