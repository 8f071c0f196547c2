package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"vanban"
	"vanban/app"
	"vanban/vntext"
)

// docsPerPage is the length of a page of the document list.
const docsPerPage = 50

// docTab is one tab of the document list: every type present gets one.
type docTab struct {
	Key, Label string
	Count      int
	Active     bool
	Href       string
}

// documentsView is the document list with its tabs, filter, order and
// page.
type documentsView struct {
	Docs   []app.DocInfo
	Tabs   []docTab
	Filter string // the active tab's key, "" for all
	Query  string // the text filter
	Sort   string
	Sorts  []option
	Total  int // documents after tab and filter
	Page   int
	Pages  []docPageLink
	Prev   string
	Next   string
}

type docPageLink struct {
	N       int
	Href    string
	Current bool
}

var docSortOptions = []option{{"nhap", "Mới nhập trước"}, {"ngay", "Ngày văn bản (mới trước)"}, {"so", "Số, ký hiệu"}}

// typeKey is a document type's tab key: "ke-hoach" for Kế hoạch, and
// "khac" for a document of no known type.
func typeKey(t string) string {
	if t == "" {
		return "khac"
	}
	return slug(t)
}

// docTabs counts the documents per tab: all, each type present (plans
// and reports first), failed files.
func docTabs(docs []app.DocInfo) []docTab {
	counts := map[string]int{}
	labels := map[string]string{}
	failed := 0
	for _, d := range docs {
		if d.Status == vanban.DocFailed {
			failed++
			continue
		}
		k := typeKey(d.Type)
		counts[k]++
		labels[k] = firstNonEmpty(d.Type, "Khác")
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		switch k {
		case typeKey(vanban.TypePlan):
			return 0
		case typeKey(vanban.TypeReport):
			return 1
		case "khac":
			return 3
		}
		return 2
	}
	col := collate.New(language.Vietnamese)
	sort.Slice(keys, func(i, j int) bool {
		if rank(keys[i]) != rank(keys[j]) {
			return rank(keys[i]) < rank(keys[j])
		}
		return col.CompareString(labels[keys[i]], labels[keys[j]]) < 0
	})
	tabs := []docTab{{Key: "", Label: "Tất cả", Count: len(docs)}}
	for _, k := range keys {
		tabs = append(tabs, docTab{Key: k, Label: labels[k], Count: counts[k]})
	}
	if failed > 0 {
		tabs = append(tabs, docTab{Key: "loi", Label: "Lỗi", Count: failed})
	}
	return tabs
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// inTab tells whether d belongs under the tab key.
func inTab(d app.DocInfo, key string) bool {
	switch key {
	case "":
		return true
	case "loi":
		return d.Status == vanban.DocFailed
	}
	return d.Status != vanban.DocFailed && typeKey(d.Type) == key
}

// matchesText tells whether every word of q is in the document's
// reference, title, issuer or file names, accents and case aside.
func matchesText(d app.DocInfo, q string) bool {
	words := strings.Fields(vntext.Fold(q))
	if len(words) == 0 {
		return true
	}
	parts := []string{d.Reference, d.Title, d.Issuer, d.Type, d.Reason}
	for _, f := range d.Files {
		parts = append(parts, f.Name)
	}
	hay := vntext.Fold(strings.Join(parts, " "))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func sortDocs(docs []app.DocInfo, order string) {
	switch order {
	case "ngay":
		sort.SliceStable(docs, func(i, j int) bool { return docs[j].Date.Before(docs[i].Date) })
	case "so":
		col := collate.New(language.Vietnamese, collate.Numeric)
		sort.SliceStable(docs, func(i, j int) bool {
			a, b := docs[i].Reference, docs[j].Reference
			if (a == "") != (b == "") {
				return b == ""
			}
			return col.CompareString(a, b) < 0
		})
	default:
		sort.SliceStable(docs, func(i, j int) bool { return docs[i].IngestedAt.After(docs[j].IngestedAt) })
	}
}

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) {
	docs, err := s.cfg.App.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	q := r.URL.Query()
	v := documentsView{Filter: q.Get("loc"), Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sap-xep"), Sorts: docSortOptions}
	v.Tabs = docTabs(docs)
	known := false
	for _, t := range v.Tabs {
		known = known || t.Key == v.Filter
	}
	if !known {
		v.Filter = ""
	}
	if v.Sort != "ngay" && v.Sort != "so" {
		v.Sort = "nhap"
	}
	var kept []app.DocInfo
	for _, d := range docs {
		if inTab(d, v.Filter) && matchesText(d, v.Query) {
			kept = append(kept, d)
		}
	}
	sortDocs(kept, v.Sort)
	v.Total = len(kept)
	link := func(filter string, page int) string {
		u := url.Values{}
		if filter != "" {
			u.Set("loc", filter)
		}
		if v.Query != "" {
			u.Set("q", v.Query)
		}
		if v.Sort != "nhap" {
			u.Set("sap-xep", v.Sort)
		}
		if page > 1 {
			u.Set("trang", strconv.Itoa(page))
		}
		if len(u) == 0 {
			return "/van-ban"
		}
		return "/van-ban?" + u.Encode()
	}
	for i := range v.Tabs {
		v.Tabs[i].Active = v.Tabs[i].Key == v.Filter
		v.Tabs[i].Href = link(v.Tabs[i].Key, 1)
	}
	pages := max(1, (len(kept)+docsPerPage-1)/docsPerPage)
	v.Page = min(max(1, intParam(r, "trang", 1, pages)), pages)
	from := (v.Page - 1) * docsPerPage
	v.Docs = kept[from:min(from+docsPerPage, len(kept))]
	if pages > 1 {
		for n := 1; n <= pages; n++ {
			v.Pages = append(v.Pages, docPageLink{N: n, Href: link(v.Filter, n), Current: n == v.Page})
		}
		if v.Page > 1 {
			v.Prev = link(v.Filter, v.Page-1)
		}
		if v.Page < pages {
			v.Next = link(v.Filter, v.Page+1)
		}
	}
	s.render(w, r, "documents", "documents", v)
}
