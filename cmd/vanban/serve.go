package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"vanban"
	"vanban/crosscheck"
	"vanban/index"
	"vanban/ingest"
	"vanban/normalize"
	"vanban/store"
	"vanban/watch"
	"vanban/web"
)

func init() {
	register("serve", "mở giao diện web (tìm kiếm, văn bản, nhiệm vụ, đối chiếu, tải lên); --watch THƯ_MỤC để nhập tệp thả vào", runServe)
}

// serveConfig is what `vanban serve` runs with.
type serveConfig struct {
	addr, data, watchDir, token string
	maxUpload                   int64
	settle                      time.Duration // the watcher's settling delay; 0 for its default
	log                         io.Writer
}

func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; beyond 127.0.0.1 a --token is required")
	data := dataFlag(fs)
	watchDir := fs.String("watch", "", "watch `DIR`: ingest the files dropped there (created if missing); uploads land there")
	token := fs.String("token", os.Getenv("VANBAN_TOKEN"), "access token users must give (or $VANBAN_TOKEN)")
	maxMB := fs.Int("max-upload-mb", web.DefaultMaxUpload>>20, "largest uploaded file, in MB")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: vanban serve [--watch DIR] [--addr 127.0.0.1:8080] [--data DIR] [--token T]")
	}
	srv, err := startServe(ctx, serveConfig{addr: *addr, data: *data, watchDir: *watchDir, token: *token, maxUpload: int64(*maxMB) << 20, log: os.Stderr})
	if err != nil {
		return err
	}
	return srv.wait()
}

// serving is a started server: the web server and, with --watch, the
// watcher, both stopped by the context given to startServe.
type serving struct {
	url     string
	db      *store.DB
	ix      *index.Index
	done    chan error
	stopped sync.WaitGroup
}

// startServe opens the data folder (creating it, so a first start on an
// empty folder works), starts the watcher if asked and listens. It checks
// the address before touching the disk: an open address without a token
// is refused.
func startServe(ctx context.Context, cfg serveConfig) (*serving, error) {
	if err := web.CheckAddr(cfg.addr, cfg.token); err != nil {
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(cfg.log, nil))
	aliases, err := loadAliases(cfg.data)
	if err != nil {
		return nil, err
	}
	db, err := openStore(cfg.data)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(searchIndexDir(cfg.data))
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &serving{db: db, ix: ix, done: make(chan error, 1)}
	if _, err := ix.Sync(ctx, newIndexSource(db), nil); err != nil {
		s.close()
		return nil, err
	}
	app := &webApp{db: db, ix: ix, aliases: aliases, uploads: newUploadLog()}
	wcfg := web.Config{Store: app, Search: app, Check: app, Addr: cfg.addr, Token: cfg.token, MaxUpload: cfg.maxUpload, Log: logger}
	if cfg.watchDir != "" {
		if wcfg.Inbox, err = web.NewInbox(cfg.watchDir); err != nil {
			s.close()
			return nil, err
		}
		if err := s.startWatcher(ctx, wcfg.Inbox.Dir(), cfg.settle, app, logger); err != nil {
			s.close()
			return nil, err
		}
	}
	ws, err := web.New(wcfg)
	if err != nil {
		s.close()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		s.close()
		return nil, err
	}
	s.url = "http://" + ln.Addr().String() + "/"
	hs := ws.HTTPServer()
	go func() {
		err := hs.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	go func() {
		<-ctx.Done()
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(stop)
	}()
	fmt.Fprintf(cfg.log, "vanban: giao diện web tại %s (dữ liệu: %s)\n", s.url, db.Dir())
	if wcfg.Inbox != nil {
		fmt.Fprintf(cfg.log, "vanban: theo dõi thư mục %s — thả tệp .docx, .pdf vào đó hoặc tải lên trên trang\n", wcfg.Inbox.Dir())
	}
	return s, nil
}

// startWatcher runs the folder watcher in this process: what it stores
// goes to the index at once, and what it does to each file is kept for
// the upload page.
func (s *serving) startWatcher(ctx context.Context, dir string, settle time.Duration, app *webApp, logger *slog.Logger) error {
	// The pipeline of `vanban ingest` and `vanban watch`, reading with the
	// data folder's alias table and updating the index this process
	// holds open.
	p := newPipeline(s.db)
	p.Extract = documentReader(app.aliases)
	p.Retry = ingest.RetryTransient
	src := newIndexSource(s.db)
	// Sync after a removal too: a report that goes changes the statuses
	// of the plan it cited.
	resync := func(ctx context.Context, id int64) {
		if _, err := s.ix.Sync(ctx, src, nil); err != nil {
			logger.Warn("index refresh failed; the next start repairs it", "doc", id, "err", err)
		}
	}
	p.Hooks = ingest.Hooks{OnStored: resync, OnRemoved: resync}
	w, err := watch.New(watch.Config{Dir: dir, Pipeline: p, Settle: settle, OnEvent: func(ev watch.Event) {
		switch ev.Kind {
		case watch.Done:
			app.uploads.record(ev.Path, ev.Result)
			if ev.Result != nil && ev.Result.Outcome != ingest.Skipped {
				logger.Info("ingested", "file", ev.Path, "outcome", ev.Result.Outcome, "message", ev.Result.Message)
			}
		case watch.Problem:
			logger.Warn("watcher problem", "err", ev.Err)
		}
	}})
	if err != nil {
		return err
	}
	s.stopped.Add(1)
	go func() {
		defer s.stopped.Done()
		if err := w.Run(ctx); err != nil {
			logger.Error("watcher stopped", "err", err)
		}
	}()
	return nil
}

// wait blocks until the server has stopped (its context ended) and the
// watcher has finished the files in flight, then closes the data.
func (s *serving) wait() error {
	err := <-s.done
	s.stopped.Wait()
	s.close()
	return err
}

func (s *serving) close() {
	s.ix.Close()
	s.db.Close()
}

// uploadLog remembers what the watcher made of each recent file, so the
// upload page can tell "failed" even for a file nothing was stored for.
type uploadLog struct {
	mu    sync.Mutex
	byKey map[string]ingest.Result
	order []string
}

const uploadLogSize = 1000

func newUploadLog() *uploadLog { return &uploadLog{byKey: map[string]ingest.Result{}} }

func (l *uploadLog) record(path string, r *ingest.Result) {
	if r == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.byKey[path]; !ok {
		l.order = append(l.order, path)
	}
	l.byKey[path] = *r
	if len(l.order) > uploadLogSize {
		delete(l.byKey, l.order[0])
		l.order = l.order[1:]
	}
}

func (l *uploadLog) get(path string) (ingest.Result, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.byKey[path]
	return r, ok
}

// fileState reads a watcher result as the upload page shows it.
func fileState(r ingest.Result) web.FileState {
	switch r.Outcome {
	case ingest.Stored:
		return web.FileState{State: web.FileIngested, DocID: r.DocID}
	case ingest.Unchanged:
		return web.FileState{State: web.FileDuplicate, DocID: r.DocID}
	case ingest.Failed:
		return web.FileState{State: web.FileFailed, DocID: r.DocID, Reason: firstNonEmpty(r.Reason, r.Message)}
	case ingest.Skipped:
		return web.FileState{State: web.FileFailed, Reason: "vanban không nhận loại tệp này."}
	}
	// Nothing stored (interrupted, unreadable for now): the watcher
	// takes the file again, so it is still on its way.
	return web.FileState{State: web.FilePending, Reason: r.Message}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// webApp adapts the store, the index and the cross-check to the small
// interfaces package web reads them through.
type webApp struct {
	db      *store.DB
	ix      *index.Index
	aliases *normalize.Aliases
	uploads *uploadLog
}

// notFound turns the store's not-found into the web's.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w (%v)", web.ErrNotFound, err)
	}
	return err
}

func (a *webApp) Documents(ctx context.Context) ([]web.DocInfo, error) {
	sums, err := a.db.Documents(ctx, store.Filter{Failed: true})
	if err != nil {
		return nil, err
	}
	out := make([]web.DocInfo, 0, len(sums))
	for _, s := range sums {
		info, err := a.docInfo(ctx, s)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

func (a *webApp) docInfo(ctx context.Context, s store.DocumentSummary) (web.DocInfo, error) {
	files, err := a.db.Files(ctx, s.ID)
	if err != nil {
		return web.DocInfo{}, err
	}
	info := web.DocInfo{
		ID: s.ID, Type: s.DocType, Reference: s.Reference, Date: s.Date, Issuer: s.Issuer, Title: s.Title,
		Status: web.StatusIngested, Rows: s.Tasks, ReportItems: s.Items, IngestedAt: s.IngestedAt,
	}
	for _, f := range files {
		// Current files only: the readable renditions, or the failed
		// file of a document that could not be read at all.
		if f.SupersededBy == 0 && (f.Status == vanban.ReadOK || s.Status == vanban.ReadFailed) {
			info.Files = append(info.Files, webFile(f))
		}
	}
	switch {
	case s.Status == vanban.ReadFailed:
		info.Status, info.Reason = web.StatusFailed, s.Reason
	case s.SupersededBy != 0:
		info.Status = web.StatusSuperseded
		l := a.link(ctx, s.SupersededBy, "")
		info.SupersededBy = &l
	}
	return info, nil
}

func webFile(f store.FileInfo) web.FileRef {
	return web.FileRef{ID: f.ID, Name: f.Name, Format: f.Format, Size: f.Size, Primary: f.Primary}
}

// link describes another document; ref is what to show when the store
// does not hold it.
func (a *webApp) link(ctx context.Context, id int64, ref string) web.DocLink {
	if id == 0 {
		return web.DocLink{Reference: ref}
	}
	s, err := a.db.Summary(ctx, id)
	if err != nil {
		return web.DocLink{ID: id, Reference: ref}
	}
	return web.DocLink{ID: id, Reference: s.Reference, Type: s.DocType, Title: s.Title, Issuer: s.Issuer, Date: s.Date}
}

func (a *webApp) Document(ctx context.Context, id int64) (*web.DocPage, error) {
	s, err := a.db.Summary(ctx, id)
	if err != nil {
		return nil, notFound(err)
	}
	info, err := a.docInfo(ctx, *s)
	if err != nil {
		return nil, err
	}
	p := &web.DocPage{Info: info}
	if p.Doc, err = a.db.Document(ctx, id); err != nil {
		if s.Status != vanban.ReadFailed {
			return nil, notFound(err)
		}
		p.Doc = nil // a file that could not be read has no reading
	}
	links, err := a.db.Links(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		dl := a.link(ctx, l.DocID, l.Ref)
		switch {
		case l.Kind == "cites" && !l.Incoming:
			p.Cites = append(p.Cites, dl)
		case l.Kind == "cites":
			p.CitedBy = append(p.CitedBy, dl)
		case !l.Incoming: // supersedes a draft, replaces an older plan
			p.Supersedes = append(p.Supersedes, dl)
		}
	}
	return p, nil
}

// fileByID finds a stored file by its id. The store lists files by
// document, so this asks which document holds it first.
func (a *webApp) fileByID(ctx context.Context, id int64) (store.FileInfo, error) {
	var docID int64
	err := a.db.SQL().QueryRowContext(ctx, `SELECT document_id FROM files WHERE id = ?`, id).Scan(&docID)
	if err != nil {
		return store.FileInfo{}, fmt.Errorf("file %d: %w", id, web.ErrNotFound)
	}
	files, err := a.db.Files(ctx, docID)
	if err != nil {
		return store.FileInfo{}, err
	}
	for _, f := range files {
		if f.ID == id {
			return f, nil
		}
	}
	return store.FileInfo{}, fmt.Errorf("file %d: %w", id, web.ErrNotFound)
}

// OpenFile opens vanban's own copy of a file, never the original: the
// copy is what was read, and it stays when the original moves.
func (a *webApp) OpenFile(ctx context.Context, id int64) (web.FileRef, io.ReadSeekCloser, error) {
	f, err := a.fileByID(ctx, id)
	if err != nil {
		return web.FileRef{}, nil, err
	}
	if !ingest.Inside(f.Stored, a.db.Dir()) {
		return web.FileRef{}, nil, fmt.Errorf("file %d: stored copy %s outside the data folder", id, f.Stored)
	}
	rc, err := os.Open(f.Stored)
	if err != nil {
		return web.FileRef{}, nil, err
	}
	return webFile(f), rc, nil
}

func (a *webApp) FileState(ctx context.Context, path string) (web.FileState, error) {
	if r, ok := a.uploads.get(path); ok {
		return fileState(r), nil
	}
	loc, err := a.db.LocationOf(ctx, path)
	if err != nil || loc == nil {
		return web.FileState{State: web.FilePending}, err
	}
	f, err := a.fileByID(ctx, loc.FileID)
	if err != nil {
		return web.FileState{}, err
	}
	if f.Status == vanban.ReadFailed {
		return web.FileState{State: web.FileFailed, DocID: f.DocID, Reason: f.Reason}, nil
	}
	return web.FileState{State: web.FileIngested, DocID: f.DocID}, nil
}

// facetLabel and recurrenceLabel name the index's facets and recurrence
// slugs for a person.
var (
	facetLabel = map[string]string{
		index.FilterLead: "Đơn vị chủ trì", index.FilterDocument: "Văn bản", index.FilterType: "Loại văn bản",
		index.FilterYear: "Năm", index.FilterRecur: "Lặp lại",
	}
	recurrenceLabel = map[string]string{
		"mot-lan": "Một lần", "hang-nam": "Hằng năm", "6-thang": "6 tháng", "hang-quy": "Hằng quý",
		"hang-thang": "Hằng tháng", "thuong-xuyen": "Thường xuyên",
	}
)

func (a *webApp) Search(ctx context.Context, req web.SearchRequest) (*web.SearchResult, error) {
	q := req.Query
	if strings.TrimSpace(q) == "" && req.DueFrom.IsZero() && req.DueTo.IsZero() {
		return nil, &web.UserError{Msg: index.ErrEmptyQuery.Error()}
	}
	if !req.DueFrom.IsZero() {
		q += " " + index.FilterDue + ">=" + req.DueFrom.String()
	}
	if !req.DueTo.IsZero() {
		q += " " + index.FilterDue + "<=" + req.DueTo.String()
	}
	res, err := a.ix.Search(ctx, q, index.Options{Limit: req.Limit, Offset: req.Offset})
	if err != nil {
		return nil, userFacing(err)
	}
	out := &web.SearchResult{Total: int(res.Total), Approximate: res.Fuzzy, Took: res.Took, Hits: make([]web.Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, webHit(h))
	}
	for _, f := range res.Facets {
		wf := web.Facet{Name: f.Name, Label: firstNonEmpty(facetLabel[f.Name], f.Name)}
		for _, t := range f.Terms {
			wf.Terms = append(wf.Terms, web.FacetTerm{Term: t.Term, Label: recurrenceLabel[t.Term], Count: t.Count, Filter: f.Name + ":" + quoteTerm(t.Term)})
		}
		out.Facets = append(out.Facets, wf)
	}
	return out, nil
}

// userFacing passes to the user the errors written for them — a query
// the syntax cannot read, a reference that is not a plan — which the
// packages word in Vietnamese. Errors of the machinery (the context,
// SQLite, Bleve) are in English and stay in the log.
func userFacing(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, index.ErrEmptyQuery) || strings.ContainsFunc(err.Error(), func(r rune) bool { return r > 0x7f }) {
		return &web.UserError{Msg: err.Error()}
	}
	return err
}

// quoteTerm writes a facet term as a filter value: quoted unless it is
// one plain word.
func quoteTerm(t string) string {
	if t != "" && !strings.ContainsAny(t, " \t\"“”") {
		return t
	}
	return `"` + strings.ReplaceAll(t, `"`, "") + `"`
}

// hitFields are the fields shown under a hit's main text when the query
// matched them (the section is in the hit's heading already).
var hitFields = []string{"output", "lead", "coord", "timeframe", "note"}

func webHit(h index.Hit) web.Hit {
	f := h.Fields
	wh := web.Hit{
		ID: h.ID, DocID: h.DocID, DocType: f.DocType, STT: h.STT, Section: f.Section,
		Lead: f.Lead, Timeframe: f.Timeframe, DueLabel: f.DueLabel, Score: h.Score,
	}
	if h.Numbered {
		wh.Reference = h.Ref
	}
	if len(f.Due) > 0 {
		wh.Due, _ = vanbanDate(f.Due[0])
	}
	main, text := "task", f.Task
	if h.Kind == "doc" {
		main, text = "title", f.Title
	}
	wh.Text = web.Fragment{Field: main, Text: text, Marks: webSpans(h.Highlights[main])}
	for _, name := range hitFields {
		if sp := h.Highlights[name]; len(sp) > 0 {
			wh.Fragments = append(wh.Fragments, web.Fragment{Field: name, Text: fieldText(f, name), Marks: webSpans(sp)})
		}
	}
	// A match in the body only (a document's full text) shows as its
	// snippet.
	if len(wh.Text.Marks) == 0 && len(wh.Fragments) == 0 && h.Snippet.Field != main && len(h.Snippet.Spans) > 0 {
		wh.Fragments = append(wh.Fragments, web.Fragment{Field: h.Snippet.Field, Text: h.Snippet.Text, Marks: webSpans(h.Snippet.Spans)})
	}
	return wh
}

func fieldText(f index.Fields, name string) string {
	switch name {
	case "output":
		return f.Output
	case "lead":
		return f.Lead
	case "coord":
		return f.Coordinators
	case "timeframe":
		return f.Timeframe
	case "note":
		return f.Note
	case "section":
		return f.Section
	}
	return ""
}

func webSpans(sp []index.Span) []web.Span {
	out := make([]web.Span, len(sp))
	for i, s := range sp {
		out[i] = web.Span{Start: s.Start, End: s.End}
	}
	return out
}

func vanbanDate(s string) (vanban.Date, error) { return vanban.ParseDate(s) }

// check cross-checks a plan with the decisions people made, as the
// crosscheck command does.
func (a *webApp) check(ctx context.Context, ref string, asOf vanban.Date) (*crosscheck.Result, *vanban.Document, []*vanban.Document, error) {
	if _, err := a.db.FindDocument(ctx, ref); err != nil {
		return nil, nil, nil, notFound(err)
	}
	plan, reports, err := crosscheckLoad(ctx, a.db, ref)
	if err != nil {
		return nil, nil, nil, userFacing(err)
	}
	decisions, err := crosscheckDecisions(ctx, a.db, plan, reports)
	if err != nil {
		return nil, nil, nil, err
	}
	r := crosscheck.Check(crosscheck.Input{Plan: plan, Reports: reports, AsOf: asOf, Decisions: decisions, Aliases: a.aliases})
	return r, plan, reports, nil
}

func (a *webApp) Check(ctx context.Context, ref string, asOf vanban.Date) (*web.CrossCheck, error) {
	r, plan, reports, err := a.check(ctx, ref, asOf)
	if err != nil {
		return nil, err
	}
	cc := &web.CrossCheck{
		Plan: r.Plan, PlanID: plan.ID, PlanTitle: r.PlanTitle, PlanDate: r.PlanDate, AsOf: r.AsOf,
		ReportDue: r.ReportDue, Warnings: r.Warnings,
	}
	reportID := map[string]int64{}
	for _, rep := range reports {
		reportID[crosscheck.ReportKey(rep)] = rep.ID
	}
	for i := range r.Units {
		u := &r.Units[i]
		wu := web.UnitCheck{Unit: u.Unit, ReportStatus: string(u.Status)}
		if u.Report != nil {
			wu.Report = &web.DocLink{ID: reportID[u.Report.Key], Reference: u.Report.Reference, Type: vanban.TypeReport, Issuer: u.Report.Issuer, Date: u.Report.Date}
		}
		wu.Lead = webTasks(u.Lead, cc)
		wu.Coordinate = webTasks(u.Coordinate, cc)
		cc.Units = append(cc.Units, wu)
	}
	for _, m := range r.Review() {
		cc.Review = append(cc.Review, web.MatchReview{
			Plan: m.Plan, Report: m.Report, Unit: m.Unit, Item: m.ItemKey, ItemText: m.ItemText,
			Task: m.Task, TaskText: m.TaskText, Confidence: m.Score,
		})
	}
	return cc, nil
}

func webTasks(ts []crosscheck.TaskResult, cc *web.CrossCheck) []web.TaskCheck {
	out := make([]web.TaskCheck, 0, len(ts))
	for _, t := range ts {
		out = append(out, web.TaskCheck{
			Plan: cc.Plan, PlanID: cc.PlanID, STT: t.Key, Task: t.Task, Section: t.Section, Role: string(t.Role),
			Timeframe: t.Timeframe, Due: t.Due, Status: string(t.Status), State: string(t.State), Overdue: t.Overdue,
			Report: t.Report, Result: t.Result, Confidence: t.Confidence,
		})
	}
	return out
}

func (a *webApp) WriteExcel(ctx context.Context, ref string, asOf vanban.Date, w io.Writer) error {
	r, _, _, err := a.check(ctx, ref, asOf)
	if err != nil {
		return err
	}
	return r.WriteXLSX(w)
}

// Decide stores a person's verdict on a match, naming the report item by
// its position and the task by its id, as the store keeps decisions.
func (a *webApp) Decide(ctx context.Context, d web.Decision) error {
	plan, reports, err := crosscheckLoad(ctx, a.db, d.Plan)
	if err != nil {
		return userFacing(err)
	}
	rep := crosscheckReport(reports, d.Report)
	task := crosscheckTask(plan, d.Task)
	if rep == nil || task == nil {
		return fmt.Errorf("decision on %s/%s: %w", d.Report, d.Task, web.ErrNotFound)
	}
	for i, it := range rep.ReportItems {
		if crosscheck.ItemKey(it) == d.Item {
			if err := a.db.SetMatchDecision(ctx, rep.ID, i, task.ID, d.Accept); err != nil {
				return err
			}
			// The decision changes the plan's statuses in search. The
			// decision is stored even if this fails, and the next Sync
			// (the plan's version digests decisions) repairs the index.
			a.ix.Refresh(ctx, indexSourceWith(a.db, a.aliases), plan.ID)
			return nil
		}
	}
	return fmt.Errorf("decision on item %q of %s: %w", d.Item, d.Report, web.ErrNotFound)
}
