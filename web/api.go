package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"vanban/app"

	"vanban"
)

// maxUploadFiles bounds the files of one upload request.
const maxUploadFiles = 20

func (s *Server) apiSession(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"csrf": s.csrfFor(r), "upload": s.cfg.Inbox != nil, "max_upload": s.cfg.MaxUpload})
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, err1 := parseDateInput(q.Get("due_from"))
	to, err2 := parseDateInput(q.Get("due_to"))
	if err := firstErr(err1, err2); err != nil {
		s.serverError(w, r, err)
		return
	}
	req := app.SearchRequest{Query: q.Get("q"), DueFrom: from, DueTo: to, Limit: intParam(r, "limit", 20, 100), Offset: intParam(r, "offset", 0, 100000)}
	if req.Limit == 0 {
		req.Limit = 20
	}
	res, err := s.cfg.App.Search(r.Context(), req)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	docs, err := s.cfg.App.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if docs == nil {
		docs = []app.DocInfo{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": docs})
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	if p, ok := s.pathDocument(w, r); ok {
		writeJSON(w, http.StatusOK, p)
	}
}

// pathDocument loads the document the request path names. When it
// cannot, it has answered the request (not found, or a server error)
// and returns false.
func (s *Server) pathDocument(w http.ResponseWriter, r *http.Request) (*app.DocPage, bool) {
	id, ok := pathID(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, msgNotFound)
		return nil, false
	}
	p, err := s.cfg.App.Document(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return p, true
}

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) {
	plans, err := s.cfg.App.Plans(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if plans == nil {
		plans = []app.DocInfo{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"plans": plans})
}

// apiTasks lists the tasks by unit, as the assignments page does; unit
// and plan narrow it.
func (s *Server) apiTasks(w http.ResponseWriter, r *http.Request) {
	asOf, err := s.asOfParam(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	units, err := s.cfg.App.Assignments(r.Context(), r.URL.Query().Get("plan"), asOf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	type unitJSON struct {
		Unit       string           `json:"unit"`
		Lead       []app.TaskCheck  `json:"lead"`
		Coordinate []app.TaskCheck  `json:"coordinate"`
		Overdue    int              `json:"overdue"`
		Reports    []app.UnitReport `json:"reports"`
	}
	want := r.URL.Query().Get("unit")
	out := []unitJSON{}
	for _, u := range units {
		if want == "" || u.Unit == want {
			out = append(out, unitJSON{u.Unit, nonNil(u.Lead), nonNil(u.Coordinate), u.Overdue, u.Reports})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"as_of": asOf, "units": out})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiCrosscheck(w http.ResponseWriter, r *http.Request) {
	plan := r.URL.Query().Get("plan")
	asOf, err := s.asOfParam(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if plan == "" {
		s.fail(w, r, http.StatusBadRequest, "Thiếu tham số plan (số ký hiệu kế hoạch, ví dụ 58/KH-UBND).")
		return
	}
	cc, err := s.cfg.App.Check(r.Context(), plan, asOf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cc)
}

func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	var d app.Decision
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&d); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Dữ liệu JSON không hợp lệ.")
		return
	}
	if d.Plan == "" || d.Report == "" || d.Item == "" || d.Task == "" {
		s.fail(w, r, http.StatusBadRequest, "Cần đủ plan, report, item và task.")
		return
	}
	if err := s.cfg.App.Decide(r.Context(), d); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// uploadResult is the outcome of one uploaded file.
type uploadResult struct {
	Name  string `json:"name"`            // as sent
	Saved string `json:"saved,omitempty"` // as saved in the watched folder
	Error string `json:"error,omitempty"`
	// Hint says, for a type vanban does not read, what to do; the file is
	// saved all the same and listed among the failures.
	Hint string `json:"hint,omitempty"`
}

// apiUpload streams each file of a multipart request into the watched
// folder. Each file is bounded by the size limit, the request by as many
// files; the reply lists every file sent with its own outcome, the ones
// past the number a request may carry or cut off by a request that grew
// too large included.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Inbox == nil {
		s.fail(w, r, http.StatusNotFound, "Chưa bật thư mục theo dõi (vanban serve --watch THƯ_MỤC), nên không tải lên được.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadFiles*s.cfg.MaxUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "Yêu cầu tải lên không hợp lệ (cần multipart/form-data).")
		return
	}
	results := []uploadResult{}
	status := http.StatusOK
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil && len(results) == 0 {
			s.uploadFailed(w, r, err)
			return
		}
		if err != nil {
			status = s.uploadCut(&results, err)
			break
		}
		if part.FileName() == "" {
			part.Close()
			continue
		}
		if len(results) >= maxUploadFiles {
			results = append(results, uploadResult{Name: part.FileName(),
				Error: fmt.Sprintf("Mỗi lần chỉ tải lên được %d tệp; hãy tải tệp này lên lần nữa.", maxUploadFiles)})
			part.Close()
			continue
		}
		res, err := s.saveUpload(part)
		part.Close()
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) && len(results) == 0 {
			s.uploadFailed(w, r, err)
			return
		}
		if errors.As(err, &mbe) {
			results = append(results, uploadResult{Name: part.FileName()})
			status = s.uploadCut(&results, err)
			break
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		results = append(results, *res)
	}
	if len(results) == 0 {
		s.fail(w, r, http.StatusBadRequest, "Không có tệp nào trong yêu cầu.")
		return
	}
	writeJSON(w, status, map[string]any{"files": results})
}

// uploadCut marks the file being read when the request broke off (too
// large, or broken) as not uploaded, and returns the status to answer.
func (s *Server) uploadCut(results *[]uploadResult, err error) int {
	msg, status := "Yêu cầu tải lên bị ngắt; tệp này và các tệp sau chưa được tải lên.", http.StatusBadRequest
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		msg, status = "Yêu cầu tải lên quá lớn; tệp này và các tệp sau chưa được tải lên.", http.StatusRequestEntityTooLarge
	}
	if n := len(*results); n > 0 && (*results)[n-1].Saved == "" && (*results)[n-1].Error == "" {
		(*results)[n-1].Error = msg
	} else {
		*results = append(*results, uploadResult{Error: msg})
	}
	return status
}

// saveUpload saves one part; nil for a part that is not a file. A
// rejected file is a result with its reason; only a broken request is an
// error.
func (s *Server) saveUpload(part *multipart.Part) (*uploadResult, error) {
	if part.FileName() == "" {
		return nil, nil
	}
	res := &uploadResult{Name: part.FileName()}
	saved, err := s.cfg.Inbox.Save(part.FileName(), part, s.cfg.MaxUpload)
	if msg, ok := userMessage(err); ok {
		res.Error = msg
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	res.Saved = saved
	res.Hint = app.FormatHint(saved)
	return res, nil
}

// uploadFailed answers a request that broke before any file was read.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		s.fail(w, r, http.StatusRequestEntityTooLarge, "Tệp lớn quá giới hạn "+sizeVN(s.cfg.MaxUpload)+".")
		return
	}
	s.fail(w, r, http.StatusBadRequest, "Yêu cầu tải lên không hợp lệ.")
}

// uploadState is what became of one uploaded file.
type uploadState struct {
	Name string `json:"name"`
	app.FileState
	Label string `json:"label"`
}

// apiUploadStatus tells, for each ?name= of a saved upload, whether the
// watcher has ingested it yet.
func (s *Server) apiUploadStatus(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Inbox == nil {
		s.fail(w, r, http.StatusNotFound, "Chưa bật thư mục theo dõi.")
		return
	}
	names := r.URL.Query()["name"]
	if len(names) > 100 {
		names = names[:100]
	}
	out := []uploadState{}
	for _, n := range names {
		st := uploadState{Name: n}
		p, err := s.cfg.Inbox.Path(n)
		if err != nil {
			st.State, st.Reason = vanban.FileFailed, "Tên tệp không hợp lệ."
		} else if st.FileState, err = s.cfg.App.FileState(r.Context(), p); err != nil {
			s.serverError(w, r, err)
			return
		}
		st.Label = fileStateLabel(st.State)
		out = append(out, st)
	}
	writeJSON(w, http.StatusOK, map[string]any{"files": out, "as_of": vanban.DateOf(s.cfg.Now())})
}
