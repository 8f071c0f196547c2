package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vanban"
	"vanban/app"
	"vanban/internal/sharedtest"
	"vanban/store"
	"vanban/vntext"
)

// The fakes below stand in for the store, the index and the cross-check,
// fed from ../shared/gold: plan 58/KH-UBND with its 68 rows, its draft, the
// two reports and the expected cross-check, plus a failed scan and a plan
// whose cells hold markup, for the escaping tests.

const (
	idPlan58 = 1
	idDraft  = 2
	idSTC    = 3
	idBQL    = 4
	idScan   = 5
	idEvil   = 6
	idNoNum  = 7 // a plan issued with its number stamped later
)

const evilTask = `<script>alert("xss")</script> Nhiệm vụ <b>đậm</b> & "trích"`

type fakeFile struct {
	ref  app.FileRef
	data []byte
}

type fakeStore struct {
	mu     sync.Mutex
	docs   map[int64]*app.DocPage
	files  map[int64]fakeFile
	states map[string]app.FileState
	nextID int64
	// corrections by document, applied on every read as the app does
	corrections map[int64][]store.Correction
}

func goldRows(t testing.TB) []vanban.Task {
	t.Helper()
	var rows []vanban.Task
	sharedtest.ReadGold(t, "rows.json", &rows)
	return rows
}

func newFakeStore(t testing.TB) *fakeStore {
	t.Helper()
	shared := sharedtest.Dir(t)
	docx, err := os.ReadFile(filepath.Join(shared, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"))
	if err != nil {
		t.Fatal(err)
	}
	rows := goldRows(t)
	at := time.Date(2026, 12, 28, 9, 30, 0, 0, time.Local)
	plan := &vanban.Document{File: "ke-hoach-58-kh-ubnd-2026.docx", Format: "docx", Rows: rows, Meta: vanban.Meta{
		DocType: vanban.TypePlan, Number: "58", Symbol: "KH-UBND", Reference: "58/KH-UBND",
		Issuer: "Ủy ban nhân dân thành phố Hải Phòng", Place: "Hải Phòng", Date: vanban.D(2026, 3, 20),
		Title:  "Thực hiện Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ phê duyệt Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo",
		Signer: "Hoàng Minh Cường", SignerTitle: "Phó Chủ tịch", AnnualReportDue: "12-15", ReportTo: "Sở Khoa học và Công nghệ",
		Cites: []string{"709/QĐ-TTg"}, Replaces: []string{"110/KH-UBND", "4623/KH-UBND"},
	}}
	s := &fakeStore{docs: map[int64]*app.DocPage{}, files: map[int64]fakeFile{}, states: map[string]app.FileState{}, nextID: 100}
	link := func(id int64) app.DocLink {
		i := s.docs[id].Info
		return app.DocLink{ID: id, Reference: i.Reference, Type: i.Type, Title: i.Title, Issuer: i.Issuer, Date: i.Date}
	}
	s.add(idPlan58, plan, vanban.DocIngested, "", at, docx)
	draft := *plan
	draft.File, draft.Meta.Number, draft.Meta.Reference, draft.Meta.Date = "du-thao-ke-hoach-khcn.docx", "", "", vanban.Date{}
	s.add(idDraft, &draft, vanban.DocSuperseded, "", at.Add(-time.Hour), []byte("PK\x03\x04draft"))
	s.docs[idDraft].Info.SupersededBy = &app.DocLink{ID: idPlan58, Reference: "58/KH-UBND"}
	stc := &vanban.Document{File: "bao-cao-412-bc-stc-2026.docx", Format: "docx", Meta: vanban.Meta{
		DocType: vanban.TypeReport, Number: "412", Symbol: "BC-STC", Reference: "412/BC-STC", Issuer: "Sở Tài chính",
		Date: vanban.D(2026, 12, 8), Title: "Báo cáo kết quả thực hiện Kế hoạch số 58/KH-UBND năm 2026", Cites: []string{"58/KH-UBND"},
	}, ReportItems: []vanban.ReportItem{{STT: "3.3", Task: "Cổ phần hóa Trung tâm kỹ thuật Tiêu chuẩn Đo lường Chất lượng", Role: "Chủ trì", Result: "Đã hoàn thành", StatusText: "Hoàn thành"}}}
	s.add(idSTC, stc, vanban.DocIngested, "", at, []byte("PK\x03\x04stc"))
	bql := &vanban.Document{File: "bao-cao-1876-bc-bql-2026.pdf", Format: "pdf", Meta: vanban.Meta{
		DocType: vanban.TypeReport, Number: "1876", Symbol: "BC-BQL", Reference: "1876/BC-BQL", Issuer: "Ban Quản lý khu kinh tế",
		Date: vanban.D(2026, 12, 20), Title: "Báo cáo tình hình thực hiện Kế hoạch số 58/KH-UBND", Cites: []string{"58/KH-UBND"},
	}}
	s.add(idBQL, bql, vanban.DocIngested, "", at, []byte("%PDF-1.7 bql"))
	s.add(idScan, &vanban.Document{File: "ban-quet.pdf", Format: "pdf"}, vanban.DocFailed, "Tệp PDF không có lớp chữ (bản quét); cần nhận dạng ký tự (OCR) trước.", at.Add(-2*time.Hour), []byte("%PDF-1.4 scan"))
	s.docs[idScan].Doc = nil // a file that could not be read has no reading
	evil := &vanban.Document{File: "evil.docx", Format: "docx", Meta: vanban.Meta{
		DocType: vanban.TypePlan, Number: "99", Symbol: "KH-UBND", Reference: "99/KH-UBND", Issuer: "UBND <i>xã</i>",
		Date: vanban.D(2025, 1, 2), Title: "Kế hoạch thử <img src=x onerror=alert(1)>",
	}, Rows: []vanban.Task{{Section: vanban.Section{Numeral: "I", Title: "<em>MỤC</em>"}, STT: "1", Task: evilTask, Lead: "Sở Tài chính", Timeframe: "Năm 2025"}}}
	s.add(idEvil, evil, vanban.DocIngested, "", at.Add(-3*time.Hour), []byte("PK\x03\x04evil"))
	s.docs[idBQL].Info.Confidence = &vanban.Confidence{Score: 0.62, Reasons: []string{"bảng đọc từ bản PDF, đường kẻ không đủ"}}
	nonum := &vanban.Document{File: "ke-hoach-chua-so.docx", Format: "docx", Meta: vanban.Meta{
		DocType: vanban.TypePlan, Issuer: "Ủy ban nhân dân thành phố Hải Phòng", Date: vanban.D(2026, 11, 5),
		Title: "Triển khai chuyển đổi số trong cơ quan nhà nước",
	}, Rows: []vanban.Task{
		{Section: vanban.Section{Numeral: "I", Title: "NHIỆM VỤ"}, STT: "1", Task: "Số hóa hồ sơ lưu trữ", Lead: "Sở Nội vụ", Timeframe: "Quý I năm 2027"},
		{Section: vanban.Section{Numeral: "I", Title: "NHIỆM VỤ"}, STT: "2", Task: "Chuyển đổi số quy trình thanh toán", Lead: "Sở Tài chính", Timeframe: "Hằng năm"},
	}}
	s.add(idNoNum, nonum, vanban.DocIngested, "", at.Add(-4*time.Hour), []byte("PK\x03\x04nonum"))
	s.docs[idPlan58].CitedBy = []app.DocLink{link(idSTC), link(idBQL)}
	s.docs[idPlan58].Supersedes = []app.DocLink{link(idDraft)}
	s.docs[idPlan58].Cites = []app.DocLink{{Reference: "709/QĐ-TTg"}}
	s.docs[idSTC].Cites = []app.DocLink{link(idPlan58)}
	s.docs[idBQL].Cites = []app.DocLink{link(idPlan58)}
	return s
}

// add stores doc under id with one file of the given bytes (file id =
// 10×doc id).
func (s *fakeStore) add(id int64, doc *vanban.Document, status vanban.DocStatus, reason string, at time.Time, data []byte) {
	fid := id * 10
	ref := app.FileRef{ID: fid, Name: doc.File, Format: doc.Format, Size: int64(len(data)), Primary: true}
	info := app.DocInfo{
		ID: id, Type: doc.Meta.DocType, Reference: doc.Meta.Reference, Date: doc.Meta.Date, Issuer: doc.Meta.Issuer,
		Title: doc.Meta.Title, Status: status, Reason: reason, Rows: len(doc.Rows), ReportItems: len(doc.ReportItems),
		Files: []app.FileRef{ref}, IngestedAt: at,
	}
	s.docs[id] = &app.DocPage{Info: info, Doc: doc}
	s.files[fid] = fakeFile{ref, data}
}

func (s *fakeStore) Documents(ctx context.Context) ([]app.DocInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []app.DocInfo
	for _, p := range s.docs {
		out = append(out, p.Info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IngestedAt.After(out[j].IngestedAt) })
	return out, nil
}

func (s *fakeStore) Document(ctx context.Context, id int64) (*app.DocPage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.docs[id]
	if !ok {
		return nil, vanban.Errorf(vanban.ENotFound, "Không tìm thấy văn bản này.")
	}
	return s.corrected(p), nil
}

type readSeekNopCloser struct{ *bytes.Reader }

func (readSeekNopCloser) Close() error { return nil }

func (s *fakeStore) OpenFile(ctx context.Context, id int64) (app.FileRef, io.ReadSeekCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	if !ok {
		return app.FileRef{}, nil, vanban.Errorf(vanban.ENotFound, "Không tìm thấy tệp này.")
	}
	return f.ref, readSeekNopCloser{bytes.NewReader(f.data)}, nil
}

func (s *fakeStore) FileState(ctx context.Context, path string) (app.FileState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.states[path]; ok {
		return st, nil
	}
	return app.FileState{State: vanban.FilePending}, nil
}

// ingest plays the watcher: it "reads" the file at path into a new
// document named after it.
func (s *fakeStore) ingest(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.states[path]; ok {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	s.nextID++
	id := s.nextID
	name := filepath.Base(path)
	format := strings.TrimPrefix(filepath.Ext(name), ".")
	s.add(id, &vanban.Document{File: name, Format: format, Meta: vanban.Meta{Title: "Tải lên: " + name}}, vanban.DocIngested, "", time.Now(), data)
	s.states[path] = app.FileState{State: vanban.FileIngested, DocID: id}
}

// watch ingests every visible file that appears in dir until ctx ends.
func (s *fakeStore) watch(ctx context.Context, dir string) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !strings.HasPrefix(e.Name(), ".") {
				s.ingest(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// fakeSearch matches every word of a query, folded, against the task
// text of the rows of every stored plan; it understands the filters
// van-ban: and chu-tri: and counts facets of lead units and documents.
type fakeSearch struct{ store *fakeStore }

var filterRE = regexp.MustCompile(`([a-z-]+):("[^"]*"|\S+)`)

func (f *fakeSearch) Search(ctx context.Context, req app.SearchRequest) (*app.SearchResult, error) {
	if strings.Count(req.Query, `"`)%2 == 1 {
		return nil, vanban.Errorf(vanban.EInvalid, "Thiếu dấu ngoặc kép đóng.")
	}
	filters := map[string]string{}
	words := filterRE.ReplaceAllStringFunc(req.Query, func(m string) string {
		k, v, _ := strings.Cut(m, ":")
		filters[k] = strings.Trim(v, `"`)
		return " "
	})
	terms := strings.Fields(vntext.Fold(words))
	docs, _ := f.store.Documents(ctx)
	res := &app.SearchResult{Hits: []app.Hit{}}
	leads, refs := map[string]int{}, map[string]int{}
	for _, d := range docs {
		p, _ := f.store.Document(ctx, d.ID)
		if p.Doc == nil || d.Status != vanban.DocIngested {
			continue
		}
		for i, row := range p.Doc.Rows {
			marks, ok := matchAll(row.Task, terms)
			if !ok || (filters["van-ban"] != "" && filters["van-ban"] != d.Reference) || (filters["chu-tri"] != "" && filters["chu-tri"] != row.Lead) {
				continue
			}
			leads[row.Lead]++
			refs[d.Reference]++
			res.Hits = append(res.Hits, app.Hit{
				ID: d.Reference + "#" + row.STT, DocID: d.ID, Reference: d.Reference, DocType: d.Type, STT: row.STT,
				Section: row.Section.Numeral + ". " + row.Section.Title, Lead: row.Lead, Timeframe: row.Timeframe,
				Text: app.Fragment{Field: "task", Text: row.Task, Marks: marks}, Kind: "task", Anchor: "hang-" + strconv.Itoa(i),
			})
		}
	}
	res.Total = len(res.Hits)
	res.Hits = res.Hits[min(req.Offset, len(res.Hits)):min(req.Offset+req.Limit, len(res.Hits))]
	res.Facets = []app.Facet{facet("chu-tri", "Đơn vị chủ trì", leads), facet("van-ban", "Văn bản", refs)}
	return res, nil
}

func facet(name, label string, counts map[string]int) app.Facet {
	f := app.Facet{Name: name, Label: label}
	for term, n := range counts {
		filter := name + ":" + term
		if strings.Contains(term, " ") {
			filter = name + `:"` + term + `"`
		}
		f.Terms = append(f.Terms, app.FacetTerm{Term: term, Count: n, Filter: filter})
	}
	sort.Slice(f.Terms, func(i, j int) bool { return f.Terms[i].Count > f.Terms[j].Count })
	return f
}

// matchAll finds each folded term as a whole word of text and returns the
// byte spans of the original text it covers.
func matchAll(text string, terms []string) ([]app.Span, bool) {
	if len(terms) == 0 {
		return nil, true
	}
	type pos struct{ start, end int }
	var folded []string
	var at []pos
	word, start := "", -1
	flush := func(end int) {
		if start >= 0 {
			folded, at = append(folded, word), append(at, pos{start, end})
		}
		word, start = "", -1
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			word += vntext.Fold(string(r))
		} else {
			flush(i)
		}
	}
	flush(len(text))
	var spans []app.Span
	for _, term := range terms {
		found := false
		for i, w := range folded {
			if w == term {
				spans = append(spans, app.Span{Start: at[i].start, End: at[i].end})
				found = true
			}
		}
		if !found {
			return nil, false
		}
	}
	return spans, true
}

func isWordRune(r rune) bool {
	return r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127 && !strings.ContainsRune("“”–—…", r)
}

// fakeCheck answers from gold crosscheck.json, with the task texts of the
// plan's rows and one low-confidence match to confirm.
type fakeCheck struct {
	store     *fakeStore
	gold      goldCheck
	mu        sync.Mutex
	decisions []app.Decision
	statuses  []app.StatusSet
}

type goldCheck struct {
	Units map[string]struct {
		Report struct {
			Reference string              `json:"reference"`
			Date      vanban.Date         `json:"date"`
			Status    vanban.ReportStatus `json:"status"`
		} `json:"report"`
		Lead       map[string]vanban.TaskStatus `json:"lead"`
		Coordinate map[string]vanban.TaskStatus `json:"coordinate"`
	} `json:"units"`
}

func newFakeCheck(t testing.TB, s *fakeStore) *fakeCheck {
	c := &fakeCheck{store: s}
	sharedtest.ReadGold(t, "crosscheck.json", &c.gold)
	return c
}

var fakeStates = map[vanban.TaskStatus]vanban.TaskState{
	vanban.TaskDone: "hoàn thành đúng hạn", vanban.TaskInProgress: "đang thực hiện trong hạn",
	vanban.TaskNotStarted: "chưa thực hiện", vanban.TaskNotReported: "chưa báo cáo",
}

func (c *fakeCheck) Check(ctx context.Context, plan string, asOf vanban.Date) (*app.CrossCheck, error) {
	if plan != "58/KH-UBND" {
		return nil, vanban.Errorf(vanban.ENotFound, "Không tìm thấy kế hoạch %s.", plan)
	}
	p, _ := c.store.Document(ctx, idPlan58)
	rows := map[string]vanban.Task{}
	for _, r := range p.Doc.Rows {
		rows[r.STT] = r
	}
	cc := &app.CrossCheck{Plan: plan, PlanID: idPlan58, PlanTitle: p.Info.Title, PlanDate: p.Info.Date, AsOf: asOf, ReportDue: vanban.D(asOf.Year, 12, 15)}
	refs := map[string]int64{"412/BC-STC": idSTC, "1876/BC-BQL": idBQL}
	for _, name := range sortedKeys(c.gold.Units) {
		g := c.gold.Units[name]
		u := app.UnitCheck{Unit: name, ReportStatus: g.Report.Status}
		if g.Report.Reference != "" {
			u.Report = &app.DocLink{ID: refs[g.Report.Reference], Reference: g.Report.Reference, Date: g.Report.Date}
		}
		tasks := func(m map[string]vanban.TaskStatus, role vanban.Role) []app.TaskCheck {
			var out []app.TaskCheck
			for _, stt := range sortedKeys(m) {
				r := rows[stt]
				tc := app.TaskCheck{Plan: plan, PlanID: idPlan58, STT: stt, Task: r.Task, Role: role, Timeframe: r.Timeframe, Status: m[stt], State: fakeStates[m[stt]]}
				if m[stt] != vanban.TaskNotReported && g.Report.Reference != "" {
					tc.Report, tc.Item = g.Report.Reference, stt+"|"+strings.ToLower(stt)
				}
				if m[stt] == vanban.TaskNotReported && strings.Contains(r.Timeframe, "2026") {
					tc.Due, tc.Overdue = vanban.D(2026, 6, 30), asOf.After(vanban.D(2026, 6, 30))
					if tc.Overdue {
						tc.State = vanban.NotReportedState
					}
				}
				out = append(out, tc)
			}
			return out
		}
		u.Lead, u.Coordinate = tasks(g.Lead, vanban.RoleLead), tasks(g.Coordinate, vanban.RoleCoordinate)
		cc.Units = append(cc.Units, u)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.decisions) == 0 {
		cc.Review = []app.MatchReview{{Plan: plan, Report: "1876/BC-BQL", Unit: "Ban Quản lý khu kinh tế", Item: "|thu hut dau tu",
			ItemText: "Thu hút các dự án đầu tư công nghệ cao vào khu kinh tế", Task: "9.4", TaskText: rows["9.4"].Task, Confidence: 0.42}}
	}
	return cc, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return sttLess(keys[i], keys[j]) })
	return keys
}

// sttLess orders "3.10" after "3.9".
func sttLess(a, b string) bool {
	var a1, a2, b1, b2 int
	fmt.Sscanf(a, "%d.%d", &a1, &a2)
	fmt.Sscanf(b, "%d.%d", &b1, &b2)
	if a1 != b1 {
		return a1 < b1
	}
	if a2 != b2 {
		return a2 < b2
	}
	return a < b
}

func (c *fakeCheck) WriteExcel(ctx context.Context, plan string, asOf vanban.Date, w io.Writer) error {
	if plan != "58/KH-UBND" {
		return vanban.Errorf(vanban.ENotFound, "Không tìm thấy kế hoạch %s.", plan)
	}
	_, err := io.WriteString(w, "PK\x03\x04 fake workbook "+plan+" "+asOf.String())
	return err
}

func (c *fakeCheck) Decide(ctx context.Context, d app.Decision) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.decisions = append(c.decisions, d)
	return nil
}

func (c *fakeCheck) SetStatus(ctx context.Context, st app.StatusSet) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.statuses = append(c.statuses, st)
	return nil
}

// fixture is a server over the fakes, with an inbox in a temp folder.
type fixture struct {
	srv   *Server
	store *fakeStore
	check *fakeCheck
	inbox *Inbox
}

func newFixture(t testing.TB, mod func(*Config)) *fixture {
	t.Helper()
	st := newFakeStore(t)
	ck := newFakeCheck(t, st)
	in, err := NewInbox(filepath.Join(t.TempDir(), "inbox"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		App: newFakeApp(st, ck), Inbox: in, Addr: "127.0.0.1:0",
		Now: func() time.Time { return time.Date(2026, 12, 31, 10, 0, 0, 0, time.Local) },
		Log: quietLog(t),
	}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{srv: srv, store: st, check: ck, inbox: in}
}

// fakeApp is the Backend over the fakes.
type fakeApp struct {
	*fakeStore
	*fakeSearch
	*fakeCheck
}

func newFakeApp(st *fakeStore, ck *fakeCheck) *fakeApp {
	return &fakeApp{fakeStore: st, fakeSearch: &fakeSearch{st}, fakeCheck: ck}
}

// Plans is plan 58 when the store holds it.
func (a *fakeApp) Plans(ctx context.Context) ([]app.DocInfo, error) {
	docs, err := a.Documents(ctx)
	var out []app.DocInfo
	for _, d := range docs {
		if d.Type == vanban.TypePlan && d.Status == vanban.DocIngested && d.Rows > 0 {
			out = append(out, d)
		}
	}
	return out, err
}

// Assignments regroups plan 58's fake cross-check by unit.
func (a *fakeApp) Assignments(ctx context.Context, plan string, asOf vanban.Date) ([]*app.UnitTasks, error) {
	var out []*app.UnitTasks
	if plan != "" && plan != "58/KH-UBND" {
		return out, nil
	}
	cc, err := a.Check(ctx, "58/KH-UBND", asOf)
	if err != nil {
		return nil, err
	}
	for _, u := range cc.Units {
		ut := &app.UnitTasks{Unit: u.Unit, Lead: u.Lead, Coordinate: u.Coordinate,
			Reports: []app.UnitReport{{Plan: cc.Plan, PlanID: cc.PlanID, Report: u.Report, Status: u.ReportStatus}}}
		for _, t := range append(append([]app.TaskCheck{}, u.Lead...), u.Coordinate...) {
			if t.Overdue {
				ut.Overdue++
			}
			if t.Status == vanban.TaskDone {
				ut.Done++
			}
		}
		out = append(out, ut)
	}
	if plan == "" || plan == fmt.Sprint(idNoNum) {
		out = a.addUnnumbered(ctx, out)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Unit < out[j].Unit })
	return out, nil
}

// addUnnumbered files the unnumbered plan's rows under their lead cells,
// as the application's cross-check of a plan without reports would.
func (a *fakeApp) addUnnumbered(ctx context.Context, units []*app.UnitTasks) []*app.UnitTasks {
	p, err := a.Document(ctx, idNoNum)
	if err != nil {
		return units
	}
	label := p.Info.Label()
	for _, r := range p.Doc.Rows {
		var ut *app.UnitTasks
		for _, u := range units {
			if u.Unit == r.Lead {
				ut = u
			}
		}
		if ut == nil {
			ut = &app.UnitTasks{Unit: r.Lead}
			units = append(units, ut)
		}
		ut.Lead = append(ut.Lead, app.TaskCheck{Plan: label, PlanID: idNoNum, STT: r.STT, Task: r.Task, Role: vanban.RoleLead,
			Timeframe: r.Timeframe, Status: vanban.TaskNotReported, State: vanban.NotReportedState})
		ut.Reports = append(ut.Reports, app.UnitReport{Plan: label, PlanID: idNoNum, Status: vanban.ReportMissing})
	}
	return units
}
