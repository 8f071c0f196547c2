package main

import (
	"context"

	"vanban"
	"vanban/extract"
)

// extractFile reads one file into a normalized Document.
func extractFile(ctx context.Context, path string) (*vanban.Document, error) {
	return extract.File(ctx, path)
}
