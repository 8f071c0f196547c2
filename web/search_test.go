package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestSearchPageLinks checks what a hit links to and the pager: every
// task hit links to its own row (an anchor the document page has), and a
// page past the last shows the last.
func TestSearchPageLinks(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	w := get(t, h, "/tim-kiem?q=khoi+nghiep&trang=99")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	if strings.Contains(body, "trang 99") || !strings.Contains(body, "<mark>khởi nghiệp</mark>") {
		t.Errorf("page 99: want the last page with hits\n%s", body)
	}
	links := regexp.MustCompile(`href="/van-ban/(\d+)#(hang-\d+)"`).FindAllStringSubmatch(body, -1)
	if len(links) == 0 {
		t.Fatal("no hit links to a row")
	}
	seen := map[string]bool{}
	for _, l := range links {
		if seen[l[0]] {
			t.Errorf("two hits link to %s", l[0])
		}
		seen[l[0]] = true
	}
	doc := get(t, h, "/van-ban/"+links[0][1]).Body.String()
	if !strings.Contains(doc, `id="`+links[0][2]+`"`) {
		t.Errorf("document %s has no anchor %s", links[0][1], links[0][2])
	}
	if !strings.Contains(body, `href="/tim-kiem/excel?q=khoi&#43;nghiep"`) {
		t.Error("no link to the results' workbook")
	}
	if !strings.Contains(body, "sap-xep=han") {
		t.Error("no link to sort by deadline")
	}
	if n := strings.Count(body, "Chủ trì:"); n > strings.Count(body, `class="hit `) {
		t.Errorf("%d Chủ trì for %d hits", n, strings.Count(body, `class="hit `))
	}
}
