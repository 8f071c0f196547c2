package web

import (
	"context"
	"net/http"
	"strings"

	"vanban/app"
	"vanban/draft"
)

// draftKinds are the secretariat's documents the cross-check page drafts:
// the reminder letter (to the units named, or every unit with work
// pending) and the summary report.
var draftKinds = map[string]struct {
	file  string
	write func(Backend, context.Context, app.DraftRequest) ([]byte, error)
}{
	"cong-van-nhac":    {"cong-van-nhac", Backend.DraftReminder},
	"bao-cao-tong-hop": {"bao-cao-tong-hop", Backend.DraftSummary},
}

// draftDoc answers GET /doi-chieu/{kind}?ke-hoach=…&ngay=…[&don-vi=…]
// with the drafted DOCX. Drafting changes nothing stored, so a link
// (GET) is enough and the browser downloads the file.
func (s *Server) draftDoc(w http.ResponseWriter, r *http.Request) {
	kind, ok := draftKinds[r.PathValue("kind")]
	if !ok {
		s.notFound(w, r)
		return
	}
	q := r.URL.Query()
	plan := strings.TrimSpace(firstParam(q, "ke-hoach", "plan"))
	if plan == "" {
		s.fail(w, r, http.StatusBadRequest, "Cần chọn kế hoạch.")
		return
	}
	asOf, err := s.asOfParam(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	req := app.DraftRequest{Plan: plan, AsOf: asOf}
	for _, u := range append(q["don-vi"], q["unit"]...) {
		if u = strings.TrimSpace(u); u != "" {
			req.Units = append(req.Units, u)
		}
	}
	data, err := kind.write(s.cfg.App, r.Context(), req)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := kind.file + "-" + fileSafe(plan) + "-" + asOf.String()
	if len(req.Units) == 1 {
		name += "-" + slug(req.Units[0])
	}
	w.Header().Set("Content-Type", draft.ContentType)
	w.Header().Set("Content-Disposition", attachment(name+".docx"))
	w.Write(data)
}

// fileSafe turns a reference into a file name part: 58/KH-UBND → 58-KH-UBND.
func fileSafe(ref string) string {
	return strings.NewReplacer("/", "-", "\\", "-", " ", "-").Replace(ref)
}
