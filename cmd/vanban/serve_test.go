package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"vanban/extract"
	"vanban/internal/sharedtest"
	"vanban/web/webtest"
)

// TestMain lets this test binary serve as the extraction worker that
// extract.Isolated starts (the real binary does so in main).
func TestMain(m *testing.M) {
	extract.ServeWorker()
	os.Exit(m.Run())
}

// startTestServe runs `vanban serve --watch` on a fresh data folder and
// inbox, on a free loopback port, until the test ends.
func startTestServe(t *testing.T) (base, inbox string) {
	t.Helper()
	dir := t.TempDir()
	inbox = filepath.Join(dir, "inbox") // does not exist yet: serve creates it
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := startServe(ctx, serveConfig{
		addr: "127.0.0.1:0", data: filepath.Join(dir, "data"), watchDir: inbox,
		maxUpload: 20 << 20, settle: 200 * time.Millisecond, log: testWriter{t},
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := srv.wait(); err != nil {
			t.Errorf("serve stopped with %v", err)
		}
	})
	return strings.TrimSuffix(srv.url, "/"), inbox
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// waitDocuments polls the API until the store holds n documents.
func waitDocuments(t *testing.T, base string, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var docs struct {
			Documents []struct{ Reference string } `json:"documents"`
		}
		getJSON(t, base+"/api/documents", &docs)
		if len(docs.Documents) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 60 s the store holds %d documents, want %d", len(docs.Documents), n)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestServeStartsEmpty: the README's first command works on an empty
// folder: it creates the data folder and the inbox and serves pages.
func TestServeStartsEmpty(t *testing.T) {
	base, inbox := startTestServe(t)
	if fi, err := os.Stat(inbox); err != nil || !fi.IsDir() {
		t.Fatalf("inbox not created: %v", err)
	}
	for _, path := range []string{"/tim-kiem", "/van-ban", "/nhiem-vu", "/doi-chieu", "/tai-len", "/tim-kiem?q=khoi+nghiep"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s on an empty store: %d", path, resp.StatusCode)
		}
	}
}

// TestServeRefusesOpenAddress: bound beyond loopback, serve needs a
// token, and says so before touching the disk.
func TestServeRefusesOpenAddress(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	_, err := startServe(context.Background(), serveConfig{addr: "0.0.0.0:0", data: data, log: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "mã truy cập") {
		t.Fatalf("serve on 0.0.0.0 without a token: %v", err)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Error("refused serve created the data folder")
	}
}

// TestServeBrowser is the end-to-end test over the real store, index,
// watcher and cross-check: the corpus dropped into the watched folder,
// then the four scenarios in headless chromium.
func TestServeBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	tab := webtest.Browser(t, 30*time.Second) // skips without chromium outside CI
	base, inbox := startTestServe(t)
	corpus := sharedtest.Path(t, "corpus")
	ents, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(corpus, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(inbox, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	waitDocuments(t, base, 4) // plan 58 (DOCX + PDF), its draft, two reports
	t.Logf("corpus ingested through the watcher in %v", time.Since(start).Round(time.Millisecond))
	webtest.Scenarios(t, tab, base, "real-")
	for name, path := range map[string]string{
		"real-assignments": "/nhiem-vu?ngay=31/12/2026",
		"real-unit":        "/don-vi?ten=Ban+Qu%E1%BA%A3n+l%C3%BD+khu+kinh+t%E1%BA%BF&ngay=31/12/2026",
	} {
		webtest.Do(t, tab, "open "+path, chromedp.Navigate(base+path))
		webtest.Screenshot(t, tab, name)
	}
	// A report's page: its items, and the plan it cites as a link.
	webtest.Do(t, tab, "open documents", chromedp.Navigate(base+"/van-ban"))
	webtest.Run(t, tab, "open report", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(`//table[contains(@class,"docs")]//a[normalize-space(text())="412/BC-STC"]`)))
	got := webtest.Run(t, tab, "read report", chromedp.Evaluate[[]int](
		`[document.querySelectorAll('tr.item-row').length, document.querySelectorAll('a[href^="/van-ban/"]').length]`))
	if got[0] == 0 || got[1] == 0 {
		t.Errorf("report page: %d items, %d document links", got[0], got[1])
	}
	webtest.Screenshot(t, tab, "real-report")
}

// TestServeUploadFailure: a file that passes the upload checks but cannot
// be read reaches the upload status as failed, with the watcher's reason.
func TestServeUploadFailure(t *testing.T) {
	base, inbox := startTestServe(t)
	var sess struct{ CSRF string }
	getJSON(t, base+"/api/session", &sess)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "ban-quet.pdf")
	fw.Write([]byte("%PDF-1.4\n% không có trang nào\n%%EOF\n"))
	mw.Close()
	req, _ := http.NewRequest("POST", base+"/api/uploads", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", sess.CSRF)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(inbox, "ban-quet.pdf")); err != nil {
		t.Fatalf("upload not in the watched folder: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var st struct {
			Files []struct{ State, Reason, Label string } `json:"files"`
		}
		getJSON(t, base+"/api/uploads?name=ban-quet.pdf", &st)
		if s := st.Files[0]; s.State != "pending" {
			if s.State != "failed" || s.Reason == "" {
				t.Errorf("unreadable PDF: %+v, want failed with a reason", s)
			}
			t.Logf("upload status: %s — %s", s.Label, s.Reason)
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("unreadable PDF still pending after 30 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestServeTLS: with --tls-cert/--tls-key the server speaks HTTPS only,
// and the session cookie is Secure.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := startServe(ctx, serveConfig{addr: "127.0.0.1:0", data: filepath.Join(dir, "data"), token: "ma-thu-tls-2026",
		tlsCert: cert, tlsKey: key, log: testWriter{t}})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.wait() })
	if !strings.HasPrefix(srv.url, "https://") {
		t.Fatalf("url %s", srv.url)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"ma": {"ma-thu-tls-2026"}, "tiep": {"/van-ban"}}
	login := srv.url + "dang-nhap"
	page, err := client.Get(login)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	form.Set("csrf", between(string(body), `name="csrf" value="`, `"`))
	req, _ := http.NewRequest(http.MethodPost, login, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", strings.TrimSuffix(srv.url, "/"))
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusSeeOther || len(cookies) == 0 || !cookies[0].Secure {
		t.Errorf("login over TLS: %d, cookies %+v; want a Secure session cookie", resp.StatusCode, cookies)
	}
	plain := strings.Replace(srv.url, "https://", "http://", 1)
	if resp, err := http.Get(plain); err == nil {
		if resp.StatusCode == http.StatusOK {
			t.Error("the TLS server answers in clear")
		}
		resp.Body.Close()
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key into dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "vanban test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(priv)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// between returns the text of s between the first from and the next to.
func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	v, _, _ := strings.Cut(rest, to)
	return v
}
