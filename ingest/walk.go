package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Format returns "docx", "pdf" or "image" (a scan: JPEG, PNG, TIFF, read
// by OCR) for a file name vanban reads, "" for any other.
func Format(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return "docx"
	case ".pdf":
		return "pdf"
	case ".jpg", ".jpeg", ".png", ".tif", ".tiff":
		return "image"
	}
	return ""
}

// Ignored reports whether a file name is one that editors, browsers and
// copy tools leave while they work, or a hidden file: Word's owner file
// ~$x.docx, LibreOffice's .~lock.x#, partial downloads (*.part,
// *.crdownload), temporary files (*.tmp).
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "~") && strings.HasSuffix(lower, ".tmp") {
		return true
	}
	for _, suffix := range []string{".part", ".partial", ".crdownload", ".download", ".tmp", ".temp", "~"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return false
}

// Eligible reports whether a file name is a document vanban takes in.
func Eligible(name string) bool {
	base := filepath.Base(name)
	return Format(base) != "" && !Ignored(base)
}

// SkipDir reports whether a folder is not searched for documents: hidden
// folders and the ones operating systems keep deleted files in.
func SkipDir(name string) bool {
	return strings.HasPrefix(name, ".") || strings.EqualFold(name, "$RECYCLE.BIN") ||
		strings.EqualFold(name, "System Volume Information")
}

// Collect lists the documents named by paths: files as given (when
// eligible) and the eligible files under folders, recursively, sorted and
// without repeats, as absolute paths. It never enters skip (the data
// folder, whose copies must not be ingested again). Paths it cannot read
// or does not take are returned as results to report.
func Collect(paths []string, skip string) ([]string, []Result) {
	var files []string
	var bad []Result
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, arg := range paths {
		abs, err := filepath.Abs(arg)
		if err != nil {
			bad = append(bad, errorResult(arg, err))
			continue
		}
		info, err := os.Stat(abs)
		if err != nil {
			bad = append(bad, errorResult(abs, err))
			continue
		}
		if Inside(abs, skip) {
			bad = append(bad, skippedResult(abs))
			continue
		}
		if !info.IsDir() {
			if Eligible(abs) {
				add(abs)
			} else {
				bad = append(bad, skippedResult(abs))
			}
			continue
		}
		err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, errorResult(p, err))
				return nil
			}
			if d.IsDir() {
				if p != abs && (SkipDir(d.Name()) || p == skip) {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && Eligible(d.Name()) {
				add(p)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, errorResult(abs, err))
		}
	}
	sort.Strings(files)
	return files, bad
}

// Inside reports whether path is dir or inside it.
func Inside(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
