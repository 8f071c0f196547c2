package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"vanban"
	"vanban/extract"
	"vanban/normalize"
)

// aliasFile is the user's alias table in the data folder; it overrides
// the built-in one (see normalize.Aliases for its format).
const aliasFile = "aliases.txt"

// extractLimits bound one file's extraction: a file that takes longer or
// needs more memory is recorded as failed, not allowed to stall the rest.
var extractLimits = extract.Limits{Timeout: 2 * time.Minute, Memory: 1 << 30}

// loadAliases returns the built-in alias table with the data folder's
// aliases.txt merged over it, when there is one.
func loadAliases(dataDir string) (*normalize.Aliases, error) {
	if dataDir == "" {
		return normalize.DefaultAliases(), nil
	}
	f, err := os.Open(filepath.Join(dataDir, aliasFile))
	if errors.Is(err, fs.ErrNotExist) {
		return normalize.DefaultAliases(), nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a, err := normalize.LoadAliases(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	return a, nil
}

// documentReader returns the function that turns a file into a normalized
// Document: extraction in a child process with limits, then the agency,
// deadline and target readings of package normalize.
func documentReader(aliases *normalize.Aliases) func(ctx context.Context, path string) (*vanban.Document, error) {
	return func(ctx context.Context, path string) (*vanban.Document, error) {
		doc, err := extract.Isolated(ctx, path, extractLimits)
		if err != nil {
			return nil, err
		}
		normalize.Document(doc, aliases)
		return doc, nil
	}
}

// extractFile reads one file into a normalized Document with the built-in
// alias table, or the one in $VANBAN_DATA.
func extractFile(ctx context.Context, path string) (*vanban.Document, error) {
	aliases, err := loadAliases(os.Getenv("VANBAN_DATA"))
	if err != nil {
		return nil, err
	}
	return documentReader(aliases)(ctx, path)
}
