package extract

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"vanban"
	"vanban/extract/layout"
)

// Marking what OCR read. A scan's metadata is typed but its number and
// day are often written by hand, which OCR cannot read: a field OCR left
// empty is taken from the signing tool's text layer on the scan, then
// from the file name, and every such field — and every field read with a
// low confidence — is flagged for a person.

// lowConf is the confidence under which an OCR-read field is flagged.
const lowConf = 0.80

// markOCR fills doc.OCR from the layout's scanned pages.
func markOCR(doc *vanban.Document, ld *layout.Doc, name string) {
	info := &vanban.OCRInfo{Fields: map[string]float64{}}
	scanned := map[int]bool{}
	for _, p := range ld.OCR {
		info.Pages = append(info.Pages, vanban.OCRPage{Page: p.Page, Source: p.Source, DPI: p.DPI, Words: p.Words, Conf: p.Conf})
		scanned[p.Page] = true
	}
	doc.OCR = info
	repairNumbers(doc.Rows)
	if t := repairRefs(doc.Meta.Title, doc.Text); t != doc.Meta.Title {
		doc.Text = strings.Replace(doc.Text, doc.Meta.Title, t, 1)
		doc.Meta.Title = t
		doc.Meta.Cites = citeList(doc.Meta, doc.Text)
	}
	ocrParas, stamp := splitParas(ld, scanned)
	m := &doc.Meta
	fields := []struct {
		name, value string
	}{{"number", m.Number}, {"symbol", m.Symbol}, {"issuer", m.Issuer}, {"title", m.Title}, {"signer", m.Signer}}
	for _, f := range fields {
		if c, ok := fieldConf(ocrParas, f.value); ok {
			info.Fields[f.name] = c
			if c < lowConf {
				addFlag(info, f.name, "ocr", "đọc từ bản quét với độ tin cậy thấp, cần kiểm tra")
			}
		}
	}
	if !m.Date.IsZero() {
		if c, ok := fieldConf(ocrParas, "ngày "+strconv.Itoa(m.Date.Day)); ok {
			info.Fields["date"] = c
		}
	}
	if m.Symbol == "" {
		m.Symbol = symbolOnly(doc.Text)
	}
	numberFallback(m, info, stamp, name)
	dateFallback(m, info, stamp)
	for _, f := range []struct{ name, value string }{{"issuer", m.Issuer}, {"title", m.Title}, {"signer", m.Signer}} {
		if f.value == "" {
			addFlag(info, f.name, "ocr", "không đọc được trên bản quét, cần nhập tay")
		}
	}
	if len(info.Fields) == 0 {
		info.Fields = nil
	}
}

func addFlag(info *vanban.OCRInfo, field, from, reason string) {
	info.Flagged = append(info.Flagged, vanban.OCRFlag{Field: field, From: from, Reason: reason})
}

// splitParas returns the OCR-read paragraphs and the text drawn on
// scanned pages (the signing tool's stamp).
func splitParas(ld *layout.Doc, scanned map[int]bool) (ocrParas []*layout.Para, stamp []string) {
	for _, b := range ld.Blocks {
		if p := b.Para; p != nil {
			switch {
			case p.OCR:
				ocrParas = append(ocrParas, p)
			case scanned[b.Page]:
				stamp = append(stamp, p.Text)
			}
		}
	}
	return ocrParas, stamp
}

// fieldConf is the mean confidence of the OCR paragraphs a value was read
// from: those whose text holds the value or is part of it.
func fieldConf(paras []*layout.Para, value string) (float64, bool) {
	v := fold(value)
	if v == "" {
		return 0, false
	}
	sum, n := 0.0, 0
	for _, p := range paras {
		t := fold(p.Text)
		if t == "" {
			continue
		}
		if strings.Contains(t, v) || len(t) >= 4 && strings.Contains(v, t) {
			sum += p.Conf
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return math.Round(sum/float64(n)*1000) / 1000, true
}

var (
	stampNumberRe = regexp.MustCompile(`Số\s*:?\s*(\d{1,6})\s*/\s*([\p{Lu}Đ][\p{L}Đđ0-9-]*)`)
	stampDateRe   = regexp.MustCompile(`(?i)(?:thời gian ký|ngày ký)\s*:?\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`)
	// fileNumberRe reads the number leading a scan's file name, as
	// the văn thư names them: "996KH-TCTLNTW-C04", "280 BC", "464-ttg".
	fileNumberRe = regexp.MustCompile(`^(\d{1,6})(?:[\s._-]*([A-Za-zĐđ]{2,}(?:-[A-Za-z0-9Đđ]+)*))?`)
)

// numberFallback fills a number OCR could not read.
func numberFallback(m *vanban.Meta, info *vanban.OCRInfo, stamp []string, name string) {
	if m.Number != "" {
		return
	}
	for _, s := range stamp {
		if sm := stampNumberRe.FindStringSubmatch(s); sm != nil {
			m.Number = sm[1]
			if m.Symbol == "" {
				m.Symbol = sm[2]
			}
			m.Reference = m.Number + "/" + m.Symbol
			addFlag(info, "number", "signature", "số văn bản viết tay trên bản quét; lấy theo chữ ký số, cần kiểm tra")
			return
		}
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	fm := fileNumberRe.FindStringSubmatch(base)
	if fm == nil {
		addFlag(info, "number", "ocr", "không đọc được số văn bản trên bản quét (có thể viết tay), cần nhập tay")
		return
	}
	m.Number = fm[1]
	if m.Symbol == "" && fm[2] != "" {
		m.Symbol = strings.ToUpper(fm[2])
	}
	if m.Symbol != "" {
		m.Reference = m.Number + "/" + m.Symbol
	}
	addFlag(info, "number", "filename", "không đọc được số văn bản trên bản quét (có thể viết tay); lấy theo tên tệp, cần kiểm tra")
}

// dateFallback fills a date OCR could not read: the signing date of the
// text layer when it falls in the month the scan shows (or when the scan
// shows none), flagged either way.
func dateFallback(m *vanban.Meta, info *vanban.OCRInfo, stamp []string) {
	if !m.Date.IsZero() {
		return
	}
	var signed vanban.Date
	for _, s := range stamp {
		if sm := stampDateRe.FindStringSubmatch(s); sm != nil {
			d, _ := strconv.Atoi(sm[1])
			mo, _ := strconv.Atoi(sm[2])
			y, _ := strconv.Atoi(sm[3])
			if d >= 1 && d <= 31 && mo >= 1 && mo <= 12 {
				signed = vanban.D(y, time.Month(mo), d)
				break
			}
		}
	}
	if !signed.IsZero() {
		m.Date = signed
		addFlag(info, "date", "signature", "ngày văn bản không đọc được trên bản quét (có thể viết tay); lấy ngày ký số, cần kiểm tra")
		return
	}
	addFlag(info, "date", "ocr", "không đọc được ngày văn bản trên bản quét (có thể viết tay), cần nhập tay")
}

// repairNumbers fixes a row number OCR misread against its neighbours in
// the same section: "9.3" after "5.2" and before "5.4" is 5.3 (at a
// section's end, after "5.2" alone).
func repairNumbers(rows []vanban.Task) {
	parts := func(i int) []string {
		if i < 0 || i >= len(rows) {
			return nil
		}
		return strings.Split(rows[i].STT, ".")
	}
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			return -100
		}
		return n
	}
	for i := range rows {
		if rows[i].OCR != nil { // "3:7", "3,7": the dot OCR misread
			rows[i].STT = sttSepRe.ReplaceAllString(rows[i].STT, "$1.$2")
		}
	}
	for i := range rows {
		p := parts(i)
		if rows[i].OCR == nil || len(p) < 2 {
			continue
		}
		last := num(p[len(p)-1])
		var want []string
		prev, next := parts(i-1), parts(i+1)
		if i > 0 && rows[i-1].Section != rows[i].Section {
			prev = nil
		}
		if i+1 < len(rows) && rows[i+1].Section != rows[i].Section {
			next = nil
		}
		switch {
		case len(prev) == len(p) && (len(next) != len(p) || num(next[len(p)-1]) == num(prev[len(p)-1])+2 && samePrefix(prev, next)):
			if len(next) != len(p) && last != num(prev[len(p)-1])+1 {
				continue
			}
			want = append(append([]string{}, prev[:len(p)-1]...), strconv.Itoa(num(prev[len(p)-1])+1))
		case prev == nil && len(next) == len(p) && last == num(next[len(p)-1])-1:
			want = append(append([]string{}, next[:len(p)-1]...), strconv.Itoa(last))
		default:
			continue
		}
		if w := strings.Join(want, "."); w != rows[i].STT && !strings.Contains(w, "-") {
			rows[i].STT = w
		}
	}
}

func samePrefix(a, b []string) bool {
	return len(a) == len(b) && strings.Join(a[:len(a)-1], ".") == strings.Join(b[:len(b)-1], ".")
}

var sttSepRe = regexp.MustCompile(`(\d)[:,;](\d)`)

// refRe matches a document reference: "709/QĐ-TTg".
var refRe = regexp.MustCompile(`(\d{1,6})/([\p{Lu}Đ]{1,6})-(\S+?)(?:[\s,;.)]|$)`)

// repairRefs puts right a reference OCR garbled in s ("709/QĐ-1'Lg")
// when the document writes the same number and code cleanly elsewhere
// ("709/QĐ-TTg"), once.
func repairRefs(s, text string) string {
	for _, m := range refRe.FindAllStringSubmatch(s, -1) {
		if isLetters(m[3]) {
			continue
		}
		clean := map[string]bool{}
		for _, c := range refRe.FindAllStringSubmatch(text, -1) {
			if c[1] == m[1] && c[2] == m[2] && isLetters(c[3]) {
				clean[c[3]] = true
			}
		}
		if len(clean) == 1 {
			for sym := range clean {
				s = strings.Replace(s, m[1]+"/"+m[2]+"-"+m[3], m[1]+"/"+m[2]+"-"+sym, 1)
			}
		}
	}
	return s
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// symbolLineRe reads the symbol of a number line whose number OCR could
// not read (written by hand): "Số: ⁄7 /BC-UBND".
var symbolLineRe = regexp.MustCompile(`^Số\b[^/\n]{0,12}/\s*([\p{Lu}Đ][\p{L}Đđ0-9]*(?:-[\p{Lu}Đ][\p{L}Đđ0-9]*)*)`)

func symbolOnly(text string) string {
	for i, l := range strings.SplitN(text, "\n", 41) {
		if i == 40 {
			break
		}
		if sm := symbolLineRe.FindStringSubmatch(strings.TrimSpace(l)); sm != nil {
			return sm[1]
		}
	}
	return ""
}
