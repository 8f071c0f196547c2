package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanban/app"
	"vanban/internal/sharedtest"
)

// TestCorrectionOverRealApp: over the real store, index and cross-check,
// correcting row 3.3's lead through the plan page's form changes the
// Nhiệm vụ page, the search facet and the cross-check; the correction
// survives ingest --reread and its undo restores the reading.
func TestCorrectionOverRealApp(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the corpus")
	}
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 12, 31, 10, 0, 0, 0, time.Local) }
	a, err := app.Open(ctx, app.Config{Data: t.TempDir(), Create: true, Index: app.WithIndex, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	files := []string{sharedtest.Path(t, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"), sharedtest.Path(t, "corpus", "bao-cao-412-bc-stc-2026.docx")}
	if sum, _ := a.Ingest(ctx, files, app.IngestOptions{}, nil, nil); sum.Stored != 2 {
		t.Fatalf("ingest: %+v", sum)
	}
	plans, err := a.Plans(ctx)
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans %v, %v", plans, err)
	}
	id := plans[0].ID
	srv, err := New(Config{App: a, Addr: "127.0.0.1:0", Now: now, Log: quietLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{srv: srv}
	h := srv.Handler()
	pagePath := "/van-ban/" + strconv.FormatInt(id, 10)
	page := get(t, h, pagePath).Body.String()
	key := between(between(page, `id="r-3.3"`, `>`), `data-key="`, `"`)
	if key == "" {
		t.Fatal("row 3.3 has no correction key on the plan's page")
	}
	// ledBy tells, from the pages and the API, whether unit leads row 3.3.
	ledBy := func(unit string) (assign, search, check bool) {
		units := get(t, h, "/nhiem-vu?ngay=31/12/2026").Body.String()
		block := between(units, `id="u-`+slug(unit)+`"`, `</section>`)
		assign = strings.Contains(between(block, "<h3>Chủ trì</h3>", "</table>"), `#r-3.3"`)
		search = strings.Contains(get(t, h, "/api/search?limit=100&q="+url.QueryEscape(`chu-tri:"`+unit+`"`)).Body.String(), `"58/KH-UBND#3.3"`)
		cc := get(t, h, "/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026").Body.String()
		detail := between(cc, `id="d-`+slug(unit)+`"`, `</details>`)
		check = strings.Contains(between(detail, "<h3>Chủ trì</h3>", "</table>"), `#r-3.3"`)
		return
	}
	want := func(when string, nv bool) {
		t.Helper()
		a1, s1, c1 := ledBy("Sở Nội vụ")
		a2, s2, c2 := ledBy("Sở Tài chính")
		if a1 != nv || s1 != nv || c1 != nv || a2 == nv || s2 == nv || c2 == nv {
			t.Errorf("%s: Sở Nội vụ leads 3.3 on Nhiệm vụ %v, in search %v, in Đối chiếu %v; Sở Tài chính %v %v %v",
				when, a1, s1, c1, a2, s2, c2)
		}
	}
	// The index catches up with the ingest in the background, as in a
	// running server.
	follow, stop := context.WithCancel(ctx)
	defer stop()
	go a.Follow(follow, 50*time.Millisecond)
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(get(t, h, "/api/search?q=khoi+nghiep").Body.String(), `"58/KH-UBND#8.`); {
		if time.Now().After(deadline) {
			t.Fatal("the plan is not searchable 20 s after its ingest")
		}
		time.Sleep(50 * time.Millisecond)
	}
	want("as extracted", false)
	if code := postForm(t, f, pagePath+"/sua", url.Values{"dong": {key}, "lead": {"Sở Nội vụ"}, "nguoi-sua": {"Lê Văn C"}}); code != 303 {
		t.Fatalf("correct: %d", code)
	}
	want("corrected", true)
	if sum, _ := a.Ingest(ctx, files[:1], app.IngestOptions{Reread: true}, nil, nil); len(sum.Results) != 1 || sum.Results[0].Err != nil {
		t.Fatalf("reread: %+v", sum.Results)
	}
	want("after ingest --reread", true)
	cs, err := a.Corrections(ctx, id)
	if err != nil || len(cs) != 1 || cs[0].Author != "Lê Văn C" {
		t.Fatalf("corrections %+v, %v", cs, err)
	}
	if code := postForm(t, f, pagePath+"/hoan-tac", url.Values{"sua": {strconv.FormatInt(cs[0].ID, 10)}}); code != 303 {
		t.Fatalf("undo: %d", code)
	}
	want("undone", false)
}
