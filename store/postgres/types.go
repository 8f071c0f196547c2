package postgres

import "vanban/store"

// The store's types are package store's, so that both back ends are one
// interface to the application (app.Store).
type (
	DocumentSummary = store.DocumentSummary
	Filter          = store.Filter
	Link            = store.Link
	FileInfo        = store.FileInfo
	KnownFile       = store.KnownFile
	Location        = store.Location
	Rejection       = store.Rejection
	UnitCount       = store.UnitCount
	UnitTask        = store.UnitTask
	Decision        = store.Decision
	Incoming        = store.Incoming
	Failure         = store.Failure
	Stored          = store.Stored
	Action          = store.Action
	Change          = store.Change
	Blob            = store.Blob
	BackupStats     = store.BackupStats
	Problem         = store.Problem
	Correction      = store.Correction
	StatusDecision  = store.StatusDecision
)

const (
	ActionNew       = store.ActionNew
	ActionVersion   = store.ActionVersion
	ActionRendition = store.ActionRendition
	ActionReread    = store.ActionReread
	ActionDuplicate = store.ActionDuplicate
	ActionFailed    = store.ActionFailed
	ActionRestored  = store.ActionRestored
)

// ErrNotFound is package store's, so errors.Is works across back ends.
var ErrNotFound = store.ErrNotFound

// Fold and RefKey are the keys package store writes: both back ends must
// fold alike for a migrated store to find what it found before.
var (
	Fold   = store.Fold
	RefKey = store.RefKey
)
