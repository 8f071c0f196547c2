package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"

	"vanban"
	"vanban/crosscheck"
	"vanban/index"
	"vanban/normalize"
	"vanban/store"
)

// indexSource is the store as the search index reads it: its documents,
// and for each plan that reports cite, the report status of its rows
// from a cross-check as of today. It keeps package index free of the
// store and the cross-check.
type indexSource struct {
	Store
	aliases *normalize.Aliases
	// today is the cross-check's as-of date.
	today func() vanban.Date
}

var _ index.StatusSource = (*indexSource)(nil)

// indexSource returns the index's view of the store.
func (a *App) indexSource() *indexSource {
	return &indexSource{Store: a.db, aliases: a.aliases, today: a.today}
}

// DocumentVersions is the store's, except that a plan cited by reports
// gets a version that also changes with those reports (one arrives,
// changes or goes), the matches people decided on them, and the year:
// its statuses change with any of them, so Sync indexes it again. A plan
// no report cites keeps the store's revision: it has no status.
func (s *indexSource) DocumentVersions(ctx context.Context) (map[int64]string, error) {
	versions, err := s.Store.DocumentVersions(ctx)
	if err != nil {
		return nil, err
	}
	plans, err := s.Documents(ctx, store.Filter{Type: vanban.TypePlan})
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		v, ok := versions[p.ID]
		if !ok {
			continue
		}
		token, err := s.reportsToken(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		if token != "" {
			versions[p.ID] = v + "+" + token
		}
	}
	return versions, nil
}

// reportsToken digests what a plan's statuses depend on besides the plan:
// the reports citing it with their revisions and decisions, and the
// cross-check's year. It is "" when no report cites the plan.
func (s *indexSource) reportsToken(ctx context.Context, planID int64) (string, error) {
	reports, err := s.ReportsOn(ctx, planID)
	if err != nil || len(reports) == 0 {
		return "", err
	}
	sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", s.today().Year)
	for _, r := range reports {
		decisions, err := s.MatchDecisions(ctx, r.ID)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%d %d %s\n", r.ID, r.Revision, decisionsKey(decisions))
	}
	return hex.EncodeToString(h.Sum(nil)[:6]), nil
}

// decisionsKey writes a report's decisions in a stable order.
func decisionsKey(byItem map[int][]store.Decision) string {
	items := make([]int, 0, len(byItem))
	for i := range byItem {
		items = append(items, i)
	}
	sort.Ints(items)
	var b []byte
	for _, i := range items {
		for _, d := range byItem[i] {
			b = strconv.AppendInt(append(b, ' '), int64(i), 10)
			b = strconv.AppendInt(append(b, ':'), d.TaskID, 10)
			b = strconv.AppendBool(append(b, '='), d.Accepted)
		}
	}
	return string(b)
}

// TaskStatuses cross-checks plan id against the reports citing it as of
// today and gives each row its lead units' status: the least advanced
// of them, so that a row is "hoàn thành" only when every lead unit
// reports it done. Rows with no named lead unit, and documents that are
// no plan or that no report cites, have none.
func (s *indexSource) TaskStatuses(ctx context.Context, id int64) (map[int]string, error) {
	plan, err := s.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if plan.Meta.DocType != vanban.TypePlan || plan.Meta.Reference == "" {
		return nil, nil
	}
	sums, err := s.ReportsOn(ctx, id)
	if err != nil || len(sums) == 0 {
		return nil, err
	}
	reports := make([]*vanban.Document, 0, len(sums))
	for _, r := range sums {
		doc, err := s.Document(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		reports = append(reports, doc)
	}
	decisions, err := loadDecisions(ctx, s.Store, plan, reports)
	if err != nil {
		return nil, err
	}
	res := crosscheck.Check(crosscheck.Input{Plan: plan, Reports: reports, AsOf: s.today(), Decisions: decisions, Aliases: s.aliases})
	return leadStatuses(res), nil
}

// leadStatuses gives each row (by its position in the plan) the least
// advanced status of its lead units, in the words the index shows and
// filters by (trang-thai:"hoàn thành").
func leadStatuses(res *crosscheck.Result) map[int]string {
	least := map[int]vanban.TaskStatus{}
	for _, u := range res.Units {
		for _, t := range u.Lead {
			if cur, ok := least[t.Row]; !ok || t.Status.Rank() < cur.Rank() {
				least[t.Row] = t.Status
			}
		}
	}
	if len(least) == 0 {
		return nil
	}
	out := make(map[int]string, len(least))
	for row, st := range least {
		out[row] = st.Label()
	}
	return out
}

// VersionsOf is DocumentVersions for ids only: what Refresh reads when
// the change log names what changed.
func (s *indexSource) VersionsOf(ctx context.Context, ids []int64) (map[int64]string, error) {
	versions, err := s.Store.VersionsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, v := range versions {
		token, err := s.reportsToken(ctx, id)
		if err != nil {
			return nil, err
		}
		if token != "" {
			versions[id] = v + "+" + token
		}
	}
	return versions, nil
}
