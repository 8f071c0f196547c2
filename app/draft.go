package app

import (
	"bytes"
	"context"
	"errors"
	"io"

	"vanban"
	"vanban/draft"
)

// DraftRequest asks for one of the secretariat's own documents on a
// plan's cross-check.
type DraftRequest struct {
	Plan  string      // reference, id or file name
	AsOf  vanban.Date // the cross-check's date; zero for today
	Date  vanban.Date // the document's date; zero leaves it for the văn thư
	Units []string    // a reminder's units (old and abbreviated names too); none for every unit with tasks pending
	// Settings override <data>/settings.toml.
	Settings draft.Settings
}

// DraftReminder drafts the Công văn đôn đốc to the units with tasks not
// reported or overdue.
func (a *App) DraftReminder(ctx context.Context, req DraftRequest) ([]byte, error) {
	return a.draft(ctx, req, draft.Reminder)
}

// DraftSummary drafts the Báo cáo tổng hợp on the plan's implementation.
func (a *App) DraftSummary(ctx context.Context, req DraftRequest) ([]byte, error) {
	req.Units = nil
	return a.draft(ctx, req, draft.Summary)
}

func (a *App) draft(ctx context.Context, req DraftRequest, write func(w io.Writer, r draft.Request) error) ([]byte, error) {
	r, plan, _, err := a.check(ctx, req.Plan, req.AsOf)
	if err != nil {
		return nil, err
	}
	file, err := draft.LoadSettings(a.dir)
	if err != nil {
		return nil, vanban.Wrap(vanban.EInvalid, err, "tệp cài đặt %s/settings.toml có lỗi", a.dir)
	}
	units := make([]string, len(req.Units))
	for i, u := range req.Units {
		if name, _, known := a.aliases.Canonical(u); known {
			u = name
		}
		units[i] = u
	}
	var b bytes.Buffer
	err = write(&b, draft.Request{Plan: plan.Meta, Result: r, Settings: file.Override(req.Settings), Date: req.Date, Units: units})
	if errors.Is(err, draft.ErrNothingToRemind) {
		return nil, vanban.Wrap(vanban.EConflict, err, "%s", err.Error())
	}
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
