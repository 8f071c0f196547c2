package web

import (
	"context"
	"io"

	"vanban"
	"vanban/app"
)

// Backend is the application as the pages and the API read it: *app.App
// in the program, a fake in the tests. Every value it returns is one of
// package app's views; its errors carry vanban error codes, which the
// server maps to HTTP statuses.
type Backend interface {
	// Documents lists every document, failed files included.
	Documents(ctx context.Context) ([]app.DocInfo, error)
	// Document returns one document with its rows and links.
	Document(ctx context.Context, id int64) (*app.DocPage, error)
	// OpenFile opens the stored copy of a file by its id. Only ids the
	// backend gave out reach it: no path ever comes from a request.
	OpenFile(ctx context.Context, id int64) (app.FileRef, io.ReadSeekCloser, error)
	// FileState tells what became of the file at an absolute path (an
	// upload): not seen yet, stored, or failed.
	FileState(ctx context.Context, path string) (app.FileState, error)
	// Search runs a query in the syntax of `vanban search`.
	Search(ctx context.Context, req app.SearchRequest) (*app.SearchResult, error)
	// Plans lists the plans that can be cross-checked, newest first.
	Plans(ctx context.Context) ([]app.DocInfo, error)
	// Check cross-checks the reports on a plan (by its reference).
	Check(ctx context.Context, plan string, asOf vanban.Date) (*app.CrossCheck, error)
	// Assignments regroups the cross-checks of every plan (or one) by
	// unit.
	Assignments(ctx context.Context, plan string, asOf vanban.Date) ([]*app.UnitTasks, error)
	// WriteExcel writes the workbook of a cross-check.
	WriteExcel(ctx context.Context, plan string, asOf vanban.Date, w io.Writer) error
	// DueList lists the milestones due in a window and the overdue
	// tasks, with each unit's report state.
	DueList(ctx context.Context, q app.DueQuery) (*app.DueList, error)
	// DraftReminder and DraftSummary draft the secretariat's reminder
	// letter and summary report on a plan's cross-check (DOCX).
	DraftReminder(ctx context.Context, req app.DraftRequest) ([]byte, error)
	DraftSummary(ctx context.Context, req app.DraftRequest) ([]byte, error)
	// Correct records a person's correction of a document's reading;
	// UndoCorrection undoes one.
	Correct(ctx context.Context, c app.Correction) (int64, error)
	UndoCorrection(ctx context.Context, docID, id int64, who string) error
	// Decide remembers that a person confirmed or rejected a match.
	Decide(ctx context.Context, d app.Decision) error
	// SetStatus stores a person's status for a report item.
	SetStatus(ctx context.Context, s app.StatusSet) error
}

var _ Backend = (*app.App)(nil)
