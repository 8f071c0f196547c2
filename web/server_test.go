package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban"
	"vanban/app"
	"vanban/internal/sharedtest"
)

// tlog writes the server's log to the test log.
type tlog struct{ t testing.TB }

func (l tlog) Write(p []byte) (int, error) { l.t.Log(strings.TrimSpace(string(p))); return len(p), nil }

func quietLog(t testing.TB) *slog.Logger { return slog.New(slog.NewTextHandler(tlog{t}, nil)) }

// request is one request to a handler, as a browser on this machine
// would send it unless the test says otherwise.
type request struct {
	method, path string
	body         io.Reader
	header       map[string]string
	host         string
}

func do(t testing.TB, h http.Handler, r request) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	req := httptest.NewRequest(r.method, r.path, r.body)
	req.Host = "127.0.0.1:8080"
	if r.host != "" {
		req.Host = r.host
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func get(t testing.TB, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, h, request{path: path})
}

func TestPagesRender(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/tim-kiem", []string{"Tìm kiếm nhiệm vụ", `id="q"`}},
		{"/tim-kiem?q=khoi+nghiep", []string{"<mark>khởi nghiệp</mark>", "mục 8.1", "Đơn vị chủ trì"}},
		{"/tim-kiem/ket-qua?q=khoi+nghiep", []string{"<mark>khởi nghiệp</mark>"}},
		{"/tim-kiem?q=%22abc", []string{"Thiếu dấu ngoặc kép đóng."}},
		{"/tim-kiem?q=x&han-tu=31/02/2026", []string{"không có ngày 31"}},
		{"/van-ban", []string{"58/KH-UBND", "Đã được thay thế", "bản quét", "20/03/2026"}},
		{"/van-ban?loc=loi", []string{"ban-quet.pdf"}},
		{"/van-ban/5", []string{"ban-quet.pdf", "OCR", "Không đọc được"}},
		{"/van-ban/2", []string{"Đã được thay thế", "/van-ban/1"}},
		{"/van-ban/1", []string{"Phụ lục: 68 nhiệm vụ", "412/BC-STC", "1876/BC-BQL", "Hoàng Minh Cường", "/tep/10"}},
		{"/nhiem-vu?ngay=31/12/2026", []string{"Ban Quản lý khu kinh tế", "Sở Tài chính", "Chủ trì"}},
		{"/don-vi?ten=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&ngay=2026-12-31", []string{"Sở Tài chính", "3.14", "Phối hợp (3)"}},
		{"/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026", []string{"<svg", "Trễ hạn", "Đúng hạn", "Cần xác nhận", "/doi-chieu/excel?"}},
		{"/tai-len", []string{`id="drop"`, "ban-quet.pdf", "Mới nhập"}},
	} {
		w := get(t, h, tc.path)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s: status %d\n%s", tc.path, w.Code, w.Body)
			continue
		}
		for _, s := range tc.want {
			if !strings.Contains(w.Body.String(), s) {
				t.Errorf("GET %s: no %q in page", tc.path, s)
			}
		}
	}
}

func TestPlanPageHasEveryRow(t *testing.T) {
	f := newFixture(t, nil)
	body := get(t, f.srv.Handler(), "/van-ban/1").Body.String()
	if n := strings.Count(body, `class="task-row"`); n != 68 {
		t.Errorf("plan page shows %d task rows, want 68", n)
	}
	if n := strings.Count(body, `class="section-row"`); n != 10 {
		t.Errorf("plan page shows %d section rows, want 10", n)
	}
}

// Every text from a document is outside input: it must reach the page as
// text, never as markup.
func TestDocumentTextIsEscaped(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	for _, path := range []string{"/van-ban/6", "/van-ban", "/tim-kiem?q=nhiem+vu", "/nhiem-vu?ke-hoach=99/KH-UBND"} {
		body := get(t, h, path).Body.String()
		for _, bad := range []string{"<script>alert", "<b>đậm", "<img src=x", "<i>xã", "<em>MỤC"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: unescaped %q in page", path, bad)
			}
		}
	}
	body := get(t, h, "/van-ban/6").Body.String()
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;") {
		t.Errorf("task cell with <script> not shown as text")
	}
	search := get(t, h, "/tim-kiem?q=nhiem+vu").Body.String()
	if !strings.Contains(search, "&lt;script&gt;") || !strings.Contains(search, "<mark>Nhiệm vụ</mark>") {
		t.Errorf("search hit not escaped and marked:\n%s", search)
	}
}

func TestMarkFragment(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    app.Fragment
		want string
	}{
		{"plain", app.Fragment{Text: "a<b"}, "a&lt;b"},
		{"one", app.Fragment{Text: "hỗ trợ khởi nghiệp", Marks: []app.Span{span("hỗ trợ khởi nghiệp", "khởi")}}, "hỗ trợ <mark>khởi</mark> nghiệp"},
		{"adjacent merge", app.Fragment{Text: "khởi nghiệp x", Marks: []app.Span{span("khởi nghiệp x", "nghiệp"), span("khởi nghiệp x", "khởi")}}, "<mark>khởi nghiệp</mark> x"},
		{"escapes inside", app.Fragment{Text: "<i>x</i>", Marks: []app.Span{{Start: 0, End: 3}}}, "<mark>&lt;i&gt;</mark>x&lt;/i&gt;"},
		{"out of range", app.Fragment{Text: "abc", Marks: []app.Span{{Start: 2, End: 9}, {Start: -1, End: 1}, {Start: 2, End: 2}}}, "abc"},
		{"mid-rune", app.Fragment{Text: "ở", Marks: []app.Span{{Start: 1, End: 2}}}, "ở"},
		{"overlap keeps first", app.Fragment{Text: "abcdef", Marks: []app.Span{{Start: 0, End: 3}, {Start: 2, End: 5}}}, "<mark>abc</mark>def"},
	} {
		if got := string(markFragment(tc.f)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func span(text, sub string) app.Span {
	i := strings.Index(text, sub)
	return app.Span{Start: i, End: i + len(sub)}
}

func TestCheckAddr(t *testing.T) {
	for _, tc := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:8080", "", true},
		{"[::1]:8080", "", true},
		{"127.0.0.1:0", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"192.168.1.10:80", "", false},
		{"[::]:8080", "", false},
		{"192.168.1.10:80", "ngắn", false},
		{"192.168.1.10:80", "một-mã-đủ-dài-2026", true},
		{"0.0.0.0:8080", "một-mã-đủ-dài-2026", true},
		{"không-có-cổng", "", false},
	} {
		err := CheckAddr(tc.addr, tc.token)
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok=%v", tc.addr, tc.token, err, tc.ok)
		}
	}
	if _, err := New(Config{App: newFakeApp(&fakeStore{}, &fakeCheck{}), Addr: "0.0.0.0:8080"}); err == nil {
		t.Error("New accepted 0.0.0.0 without a token")
	}
}

// On loopback the server answers only requests addressed to a loopback
// name, against DNS rebinding.
func TestHostCheck(t *testing.T) {
	h := newFixture(t, nil).srv.Handler()
	for host, want := range map[string]int{
		"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "localhost": 200,
		"evil.example:8080": http.StatusMisdirectedRequest, "192.168.1.2:8080": http.StatusMisdirectedRequest,
	} {
		if w := do(t, h, request{path: "/van-ban", host: host}); w.Code != want {
			t.Errorf("Host %s: status %d, want %d", host, w.Code, want)
		}
	}
}

const testToken = "mã-truy-cập-thử-2026"

func TestToken(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Addr, c.Token = "0.0.0.0:8080", testToken })
	h := f.srv.Handler()
	w := do(t, h, request{path: "/van-ban", host: "10.0.0.5:8080"})
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/dang-nhap?tiep=") {
		t.Fatalf("page without login: %d %s", w.Code, w.Header().Get("Location"))
	}
	if w := do(t, h, request{path: "/api/documents"}); w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "mã truy cập") {
		t.Errorf("API without token: %d %s", w.Code, w.Body)
	}
	if w := do(t, h, request{path: "/tep/10"}); w.Code != http.StatusSeeOther {
		t.Errorf("download without login: %d", w.Code)
	}
	if w := do(t, h, request{path: "/api/documents", header: map[string]string{"Authorization": "Bearer sai"}}); w.Code != http.StatusUnauthorized {
		t.Errorf("wrong bearer: %d", w.Code)
	}
	if w := do(t, h, request{path: "/api/documents", header: map[string]string{"Authorization": "Bearer " + testToken}}); w.Code != http.StatusOK {
		t.Errorf("right bearer: %d", w.Code)
	}
	if w := do(t, h, request{path: "/static/style.css"}); w.Code != http.StatusOK {
		t.Errorf("static without login: %d", w.Code)
	}

	// Log in through the form: the wrong token is refused, the right
	// one gives a cookie that opens the pages.
	login := get(t, h, "/dang-nhap?tiep=/van-ban")
	csrf := between(login.Body.String(), `name="csrf" value="`, `"`)
	form := func(token string) *httptest.ResponseRecorder {
		v := url.Values{"csrf": {csrf}, "ma": {token}, "tiep": {"/van-ban"}}
		return do(t, h, request{method: "POST", path: "/dang-nhap", body: strings.NewReader(v.Encode()),
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://127.0.0.1:8080"}})
	}
	if w := form("đoán-bừa"); w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "không đúng") {
		t.Errorf("wrong token login: %d", w.Code)
	}
	w = form(testToken)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/van-ban" {
		t.Fatalf("login: %d %s", w.Code, w.Header().Get("Location"))
	}
	cookie := w.Result().Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Errorf("session cookie not HttpOnly+SameSite=Strict: %+v", cookie)
	}
	if w := do(t, h, request{path: "/van-ban", header: map[string]string{"Cookie": cookie.Name + "=" + cookie.Value}}); w.Code != http.StatusOK {
		t.Errorf("with session cookie: %d", w.Code)
	}
	if w := do(t, h, request{path: "/van-ban", header: map[string]string{"Cookie": cookie.Name + "=forged"}}); w.Code != http.StatusSeeOther {
		t.Errorf("forged cookie: %d", w.Code)
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/van-ban": "/van-ban", "//evil.example/x": "/tim-kiem", "https://evil.example": "/tim-kiem",
		"/\\evil.example": "/tim-kiem", "": "/tim-kiem", "/a\r\nSet-Cookie: x": "/tim-kiem",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return v
}

// multipartBody builds an upload request body with one file.
func multipartBody(t testing.TB, name string, data []byte) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return &b, mw.FormDataContentType()
}

func minimalDocx(t testing.TB, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, _ := zw.Create(e)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	return b.Bytes()
}

type uploadResponse struct {
	Files []uploadResult `json:"files"`
	Error string         `json:"error"`
}

func upload(t testing.TB, f *fixture, name string, data []byte, header map[string]string) (int, uploadResponse) {
	t.Helper()
	body, ctype := multipartBody(t, name, data)
	hdr := map[string]string{"Content-Type": ctype, "X-CSRF-Token": f.srv.mac("csrf|"), "Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"}
	for k, v := range header {
		if v == "" {
			delete(hdr, k)
		} else {
			hdr[k] = v
		}
	}
	w := do(t, f.srv.Handler(), request{method: "POST", path: "/api/uploads", body: body, header: hdr})
	var res uploadResponse
	json.Unmarshal(w.Body.Bytes(), &res)
	return w.Code, res
}

func TestUploadCrossSite(t *testing.T) {
	f := newFixture(t, nil)
	docx := minimalDocx(t, "[Content_Types].xml", "word/document.xml")
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"same origin with token", nil, 200},
		{"no CSRF token", map[string]string{"X-CSRF-Token": ""}, 403},
		{"wrong CSRF token", map[string]string{"X-CSRF-Token": "abc"}, 403},
		{"other origin", map[string]string{"Origin": "https://evil.example"}, 403},
		{"null origin", map[string]string{"Origin": "null"}, 403},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site subdomain", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"script without browser headers", map[string]string{"Origin": "", "Sec-Fetch-Site": ""}, 200},
	} {
		code, res := upload(t, f, "bao-cao.docx", docx, tc.header)
		if code != tc.want {
			t.Errorf("%s: status %d, want %d (%+v)", tc.name, code, tc.want, res)
		}
		if code == 403 && !strings.Contains(res.Error, "giả mạo") {
			t.Errorf("%s: message %q", tc.name, res.Error)
		}
	}
}

func TestUploadChecks(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxUpload = 4 << 10 })
	docx := minimalDocx(t, "[Content_Types].xml", "word/document.xml")
	pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	for _, tc := range []struct {
		name, file string
		data       []byte
		saved      string // "" when refused
		msg        string
	}{
		{"docx", "Báo cáo số 412.docx", docx, "Báo cáo số 412.docx", ""},
		{"same name again", "Báo cáo số 412.docx", docx, "Báo cáo số 412 (2).docx", ""},
		{"pdf", "ke-hoach.PDF", pdf, "ke-hoach.PDF", ""},
		{"path traversal", "../../etc/passwd.docx", docx, "passwd.docx", ""},
		{"windows path", `C:\Users\van thu\..\bao-cao.pdf`, pdf, "bao-cao.pdf", ""},
		{"hidden name", ".~lock.x.docx", docx, "lock.x.docx", ""},
		{"office temp name", "~$bao-cao.docx", docx, "bao-cao.docx", ""},
		{"control chars", "a\u009fb|c.pdf", pdf, "a_b_c.pdf", ""},
		// Types vanban does not read are saved: the watcher records each
		// as a failure saying what to do (the hint, in the reply too).
		{"word 97", "cong-van.doc", []byte("\xd0\xcf\x11\xe0"), "cong-van.doc", ""},
		{"exe", "virus.exe", []byte("MZ"), "virus.exe", ""},
		{"pdf named docx", "x.docx", pdf, "", "không phải tài liệu Word"},
		{"zip named docx", "x.docx", minimalDocx(t, "a.txt"), "", "không phải tài liệu Word"},
		{"html named pdf", "x.pdf", []byte("<html><script>"), "", "không phải PDF"},
		{"empty", "x.pdf", nil, "", "Tệp rỗng"},
		{"too big", "big.pdf", append([]byte("%PDF-1.7 "), make([]byte, 4<<10)...), "", "lớn quá"},
		{"only dots", "...", pdf, "", "Tên tệp không hợp lệ"},
	} {
		code, res := upload(t, f, tc.file, tc.data, nil)
		if code == http.StatusRequestEntityTooLarge && tc.saved == "" && strings.Contains(res.Error, tc.msg) {
			continue
		}
		if code != 200 || len(res.Files) != 1 {
			t.Errorf("%s: status %d %+v", tc.name, code, res)
			continue
		}
		got := res.Files[0]
		if got.Saved != tc.saved || (tc.msg != "" && !strings.Contains(got.Error, tc.msg)) {
			t.Errorf("%s: saved %q error %q, want %q / %q", tc.name, got.Saved, got.Error, tc.saved, tc.msg)
		}
		if tc.name == "word 97" && !strings.Contains(got.Hint, "lưu lại dưới dạng .docx") {
			t.Errorf("%s: hint %q", tc.name, got.Hint)
		}
	}
	// Nothing but the accepted files is in the inbox: no temporary
	// leftovers, nothing outside it.
	ents, _ := os.ReadDir(f.inbox.Dir())
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	want := []string{"Báo cáo số 412 (2).docx", "Báo cáo số 412.docx", "a_b_c.pdf", "bao-cao.docx", "bao-cao.pdf", "cong-van.doc", "ke-hoach.PDF", "lock.x.docx", "passwd.docx", "virus.exe"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("inbox holds %q, want %q", names, want)
	}
	// A request far over the limit is cut off, not read to the end.
	big := bytes.Repeat([]byte("x"), 2<<20)
	if code, _ := upload(t, f, "big.pdf", append([]byte("%PDF-"), big...), nil); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized request: status %d, want 413", code)
	}
	// A header no browser would send is a bad request, not a crash.
	code, res := upload(t, f, "a\x00b\nc.pdf", pdf, nil)
	if code != http.StatusBadRequest || !strings.Contains(res.Error, "không hợp lệ") {
		t.Errorf("malformed part header: %d %+v", code, res)
	}
}

func TestUploadDisabledWithoutInbox(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Inbox = nil })
	if code, res := upload(t, f, "a.pdf", []byte("%PDF-1"), nil); code != http.StatusNotFound || !strings.Contains(res.Error, "--watch") {
		t.Errorf("upload without inbox: %d %+v", code, res)
	}
	if body := get(t, f.srv.Handler(), "/tai-len").Body.String(); !strings.Contains(body, "Chưa bật thư mục theo dõi") {
		t.Error("upload page does not say uploads are off")
	}
}

func TestUploadStatus(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	code, res := upload(t, f, "moi.docx", minimalDocx(t, "word/document.xml"), nil)
	if code != 200 || res.Files[0].Saved != "moi.docx" {
		t.Fatalf("upload: %d %+v", code, res)
	}
	status := func() []uploadState {
		var out struct{ Files []uploadState }
		w := get(t, h, "/api/uploads?name=moi.docx&name=..%2F..%2Fetc%2Fpasswd&name=.%2Fx.docx")
		json.Unmarshal(w.Body.Bytes(), &out)
		return out.Files
	}
	got := status()
	if len(got) != 3 || got[0].State != vanban.FilePending || got[1].State != vanban.FileFailed || got[2].State != vanban.FileFailed {
		t.Fatalf("before ingest: %+v", got)
	}
	f.store.ingest(filepath.Join(f.inbox.Dir(), "moi.docx"))
	if got := status(); got[0].State != vanban.FileIngested || got[0].DocID == 0 || got[0].Label != "Đã nhập" {
		t.Errorf("after ingest: %+v", got[0])
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"bao-cao.docx":                   "bao-cao.docx",
		"../../x.pdf":                    "x.pdf",
		`..\..\x.pdf`:                    "x.pdf",
		"/etc/passwd":                    "passwd",
		"Ke\u0302\u0301 hoa\u0323ch.pdf": "Kế hoạch.pdf", // decomposed, as macOS sends
		" .hidden.pdf ":                  "hidden.pdf",
		"a<b>c:d|e?f*.pdf":               "a_b_c_d_e_f_.pdf",
		"tab\tname.pdf":                  "tab name.pdf",
		"x.pdf...":                       "x.pdf",
	} {
		got, err := CleanName(in)
		if err != nil || got != want {
			t.Errorf("CleanName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", ".", "..", "/", "...", "~$", "   "} {
		if got, err := CleanName(bad); err == nil {
			t.Errorf("CleanName(%q) = %q, want an error", bad, got)
		}
	}
	long := strings.Repeat("ệ", 200) + ".docx"
	got, err := CleanName(long)
	if err != nil || len(got) > maxNameBytes || !strings.HasSuffix(got, ".docx") {
		t.Errorf("long name: %q (%d bytes), %v", got, len(got), err)
	}
}

func TestDownload(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	w := get(t, h, "/tep/10")
	if w.Code != 200 {
		t.Fatalf("download: %d", w.Code)
	}
	want, _ := os.ReadFile(sharedtest.Path(t, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"))
	if !bytes.Equal(w.Body.Bytes(), want) {
		t.Error("download differs from the stored file")
	}
	if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, "wordprocessingml") {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "ke-hoach-58-kh-ubnd-2026.docx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	for _, path := range []string{"/tep/999", "/tep/abc", "/tep/-1", "/tep/0", "/tep/..%2F..%2Fetc%2Fpasswd", "/tep/10.5", "/api/files/1e3"} {
		if w := get(t, h, path); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, w.Code)
		}
	}
	// The mux cleans dot segments; whatever it does, no file leaves.
	if w := get(t, h, "/tep/../../etc/passwd"); w.Code == 200 {
		t.Errorf("dot segments served a file")
	}
}

func TestAttachmentName(t *testing.T) {
	for _, name := range []string{"Báo cáo 412.docx", "a\"b.pdf", "x\r\nSet-Cookie: y.pdf", "a/b\\c.pdf"} {
		v := attachment(name)
		if strings.ContainsAny(v, "\r\n") || !strings.HasPrefix(v, "attachment") {
			t.Errorf("attachment(%q) = %q", name, v)
		}
	}
}

func TestPanicShowsVietnameseMessage(t *testing.T) {
	st := newFakeStore(t)
	var logBuf bytes.Buffer
	srv, err := New(Config{App: crashingApp{newFakeApp(st, newFakeCheck(t, st))}, Addr: "127.0.0.1:0", Log: slog.New(slog.NewTextHandler(&logBuf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/van-ban", "/api/documents"} {
		w := get(t, srv.Handler(), path)
		body := w.Body.String()
		if w.Code != 500 || !strings.Contains(body, "Đã xảy ra lỗi trong máy chủ") {
			t.Errorf("%s: %d %s", path, w.Code, body)
		}
		for _, leak := range []string{"goroutine", "boom", "/var/lib", "panic"} {
			if strings.Contains(body, leak) {
				t.Errorf("%s: response leaks %q", path, leak)
			}
		}
	}
	if !strings.Contains(logBuf.String(), "boom") {
		t.Error("the panic is not logged for the operator")
	}
}

// crashingApp panics where a bug would.
type crashingApp struct{ *fakeApp }

func (crashingApp) Documents(context.Context) ([]app.DocInfo, error) {
	panic("boom: secret path /var/lib/x")
}

func TestErrorsAreVietnamese(t *testing.T) {
	h := newFixture(t, nil).srv.Handler()
	for path, want := range map[string]string{
		"/khong-co":              "Không tìm thấy",
		"/van-ban/12345":         "Không tìm thấy",
		"/api/documents/12345":   `"error": "Không tìm thấy`,
		"/don-vi?ten=Sở+Ma":      "Không có đơn vị này",
		"/api/crosscheck":        "Thiếu tham số plan",
		"/api/search?due_from=x": "không đúng dạng",
	} {
		w := get(t, h, path)
		if w.Code < 400 || !strings.Contains(w.Body.String(), want) {
			t.Errorf("GET %s: %d, want %q in\n%s", path, w.Code, want, w.Body)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	w := get(t, newFixture(t, nil).srv.Handler(), "/tim-kiem")
	for k, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
	} {
		if !strings.Contains(w.Header().Get(k), want) {
			t.Errorf("%s = %q", k, w.Header().Get(k))
		}
	}
}

func TestDecide(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	page := get(t, h, "/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026").Body.String()
	csrf := between(page, `name="csrf" value="`, `"`)
	v := url.Values{"csrf": {csrf}, "plan": {"58/KH-UBND"}, "report": {"1876/BC-BQL"}, "item": {"|thu hut dau tu"}, "task": {"9.4"}, "accept": {"0"}, "ngay": {"31/12/2026"}}
	hdr := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://127.0.0.1:8080"}
	w := do(t, h, request{method: "POST", path: "/doi-chieu/quyet-dinh", body: strings.NewReader(v.Encode()), header: hdr})
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "ngay=31%2F12%2F2026") {
		t.Fatalf("decide: %d %s", w.Code, w.Header().Get("Location"))
	}
	if len(f.check.decisions) != 1 || f.check.decisions[0].Accept || f.check.decisions[0].Task != "9.4" {
		t.Errorf("decisions: %+v", f.check.decisions)
	}
	v.Set("csrf", "")
	if w := do(t, h, request{method: "POST", path: "/doi-chieu/quyet-dinh", body: strings.NewReader(v.Encode()), header: hdr}); w.Code != 403 {
		t.Errorf("decide without CSRF: %d", w.Code)
	}
}

func TestAPI(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	var search app.SearchResult
	decode(t, get(t, h, "/api/search?q=khoi+nghiep&limit=3"), &search)
	if search.Total < 5 || len(search.Hits) != 3 || len(search.Hits[0].Text.Marks) == 0 {
		t.Errorf("search: total %d, %d hits", search.Total, len(search.Hits))
	}
	var docs struct{ Documents []app.DocInfo }
	decode(t, get(t, h, "/api/documents"), &docs)
	if len(docs.Documents) != 7 { // with the unnumbered plan
		t.Errorf("documents: %d", len(docs.Documents))
	}
	var doc app.DocPage
	decode(t, get(t, h, "/api/documents/1"), &doc)
	if len(doc.Doc.Rows) != 68 || len(doc.CitedBy) != 2 {
		t.Errorf("document 1: %d rows, cited by %d", len(doc.Doc.Rows), len(doc.CitedBy))
	}
	var cc app.CrossCheck
	decode(t, get(t, h, "/api/crosscheck?plan=58/KH-UBND&as_of=2026-12-31"), &cc)
	status := map[string]vanban.ReportStatus{}
	for _, u := range cc.Units {
		status[u.Unit] = u.ReportStatus
	}
	if status["Ban Quản lý khu kinh tế"] != vanban.ReportLate || status["Sở Tài chính"] != vanban.ReportOnTime || cc.AsOf != vanban.D(2026, 12, 31) {
		t.Errorf("crosscheck: %v as of %v", status, cc.AsOf)
	}
	var tasks struct {
		Units []struct {
			Unit string
			Lead []app.TaskCheck
		}
	}
	decode(t, get(t, h, "/api/tasks?unit=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh"), &tasks)
	if len(tasks.Units) != 1 || len(tasks.Units[0].Lead) != 3 { // 2 of plan 58, 1 of the unnumbered plan
		t.Errorf("tasks of Sở Tài chính: %+v", tasks.Units)
	}
	w := get(t, h, "/api/crosscheck/xlsx?plan=58/KH-UBND&as_of=2026-12-31")
	if !strings.Contains(w.Header().Get("Content-Type"), "spreadsheetml") || !strings.Contains(w.Header().Get("Content-Disposition"), "doi-chieu-58-KH-UBND-2026-12-31.xlsx") {
		t.Errorf("xlsx headers: %v", w.Header())
	}
	var sess struct{ CSRF string }
	decode(t, get(t, h, "/api/session"), &sess)
	if sess.CSRF != f.srv.mac("csrf|") {
		t.Error("session CSRF token differs from the pages'")
	}
}

func decode(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatal(err)
	}
}

func TestParseDateInput(t *testing.T) {
	for in, want := range map[string]vanban.Date{
		"31/12/2026": vanban.D(2026, 12, 31), "1/2/2026": vanban.D(2026, 2, 1), "2026-12-31": vanban.D(2026, 12, 31),
		"15-12-2026": vanban.D(2026, 12, 15), " 29/02/2028 ": vanban.D(2028, 2, 29), "": {},
	} {
		got, err := parseDateInput(in)
		if err != nil || got != want {
			t.Errorf("parseDateInput(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"31/02/2026", "12/31/2026", "hôm nay", "2026/12/31", "00/01/2026"} {
		if _, err := parseDateInput(bad); err == nil {
			t.Errorf("parseDateInput(%q) accepted", bad)
		}
	}
}

func TestChart(t *testing.T) {
	late := app.TaskCheck{State: vanban.NotReportedState, Overdue: true}
	units := []app.UnitCheck{
		{Unit: "Sở Tài chính", Lead: []app.TaskCheck{{State: "hoàn thành đúng hạn"}, {State: "đang thực hiện trong hạn"}}, Coordinate: []app.TaskCheck{{State: "chưa báo cáo"}, {State: "chưa báo cáo"}, {State: "đang thực hiện trong hạn"}}},
		{Unit: strings.Repeat("Ủy ban Mặt trận Tổ quốc ", 4)},
		{Unit: "Sở Nội vụ", Lead: []app.TaskCheck{late, late, late, {State: vanban.InProgressLate, Overdue: true}, {State: vanban.DoneOnTime}},
			Coordinate: []app.TaskCheck{{State: vanban.NotReportedState}, {State: vanban.NotReportedState}, {State: vanban.NotReportedState}, {State: vanban.NotReportedState}, {State: vanban.NotReportedState}}},
	}
	c := buildChart(units)
	b := c.Bars[0]
	if b.Total != 5 || len(b.Segs) != 3 {
		t.Fatalf("bar: %+v", b)
	}
	end := barLeft
	for _, s := range b.Segs {
		if s.X != end {
			t.Errorf("segment gap at %d", s.X)
		}
		end = s.X + s.W
	}
	// 5 tasks beside the 10 of Sở Nội vụ: half the width.
	if end != barLeft+barWidth/2 || b.TotalX != end+6 {
		t.Errorf("bar of 5 of 10 tasks ends at %d (total at %d), want %d", end, b.TotalX, barLeft+barWidth/2)
	}
	if b.Segs[1].Count != 2 || b.Segs[1].Class != "s-progress" {
		t.Errorf("in-progress segment: %+v", b.Segs[1])
	}
	if l := c.Bars[1]; len([]rune(l.Label)) > labelRunes || l.Total != 0 || len(l.Segs) != 0 {
		t.Errorf("long empty unit: %+v", l)
	}
	full := c.Bars[2]
	last := full.Segs[len(full.Segs)-1]
	if last.X+last.W != barLeft+barWidth {
		t.Errorf("the largest unit's bar ends at %d, want the full width %d", last.X+last.W, barLeft+barWidth)
	}
	got := map[string]int{}
	for _, s := range full.Segs {
		got[s.Class] = s.Count
	}
	if got["s-overdue"] != 3 || got["s-progress-late"] != 1 || got["s-not-reported"] != 5 {
		t.Errorf("overdue is not its own state: %v", got)
	}
	var legend []string
	for _, l := range c.Legend {
		legend = append(legend, l.Name)
	}
	want := []string{"Hoàn thành đúng hạn", "Đang thực hiện trong hạn", "Đang thực hiện quá hạn", "Chưa báo cáo", "Quá hạn"}
	if strings.Join(legend, "|") != strings.Join(want, "|") {
		t.Errorf("legend %q, want the states drawn %q", legend, want)
	}
}

// TestUploadManyFiles sends more files in one request than a request may
// carry, one of them too large: the reply lists every file with its own
// outcome, and every file that fits is saved.
func TestUploadManyFiles(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxUpload = 4 << 10 })
	pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	n := maxUploadFiles + 3
	for i := 0; i < n; i++ {
		data := pdf
		if i == 5 {
			data = append([]byte("%PDF-1.7 "), make([]byte, 5<<10)...)
		}
		fw, _ := mw.CreateFormFile("file", fmt.Sprintf("bao-cao-%02d.pdf", i))
		fw.Write(data)
	}
	mw.Close()
	hdr := map[string]string{"Content-Type": mw.FormDataContentType(), "X-CSRF-Token": f.srv.mac("csrf|"), "Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"}
	w := do(t, f.srv.Handler(), request{method: "POST", path: "/api/uploads", body: &b, header: hdr})
	var res uploadResponse
	json.Unmarshal(w.Body.Bytes(), &res)
	if w.Code != http.StatusOK || len(res.Files) != n {
		t.Fatalf("status %d, %d results for %d files: %+v", w.Code, len(res.Files), n, res)
	}
	for i, r := range res.Files {
		switch {
		case i == 5:
			if r.Saved != "" || !strings.Contains(r.Error, "lớn quá") {
				t.Errorf("file %d (too large): %+v", i, r)
			}
		case i >= maxUploadFiles:
			if r.Saved != "" || !strings.Contains(r.Error, "lần nữa") {
				t.Errorf("file %d (beyond the limit): %+v", i, r)
			}
		case r.Saved != fmt.Sprintf("bao-cao-%02d.pdf", i):
			t.Errorf("file %d: %+v, want saved", i, r)
		}
	}
	if ents, _ := os.ReadDir(f.inbox.Dir()); len(ents) != maxUploadFiles-1 {
		t.Errorf("inbox holds %d files, want %d", len(ents), maxUploadFiles-1)
	}
}
