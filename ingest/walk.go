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
	switch lower {
	case "thumbs.db", "desktop.ini", "ehthumbs.db":
		return true // the operating system's, beside any folder of files
	}
	for _, suffix := range []string{".part", ".partial", ".crdownload", ".download", ".tmp", ".temp", "~"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return false
}

// Eligible reports whether a file name is a document vanban reads.
func Eligible(name string) bool {
	base := filepath.Base(name)
	return Format(base) != "" && !Ignored(base)
}

// Candidate reports whether a file found in a folder is taken in: read
// when vanban reads its type, recorded as a failure with what to do when
// it does not, so that nothing dropped into a folder vanishes unsaid.
// Only the files editors and systems leave behind are passed over.
func Candidate(name string) bool { return !Ignored(filepath.Base(name)) }

// SkipDir reports whether a folder is not searched for documents: hidden
// folders and the ones operating systems keep deleted files in.
func SkipDir(name string) bool {
	return strings.HasPrefix(name, ".") || strings.EqualFold(name, "$RECYCLE.BIN") ||
		strings.EqualFold(name, "System Volume Information")
}

// Collect lists the files named by paths: files as given and the files
// under folders, recursively, sorted and without repeats, as absolute
// paths; Ignored names are passed over, files of other types are listed
// so that the pipeline records why it cannot read them. Symbolic links
// are followed, to files and to folders, with a guard against loops. It
// never enters skip (the data folder, whose copies must not be ingested
// again). Paths it cannot read are returned as results to report.
func Collect(paths []string, skip string) ([]string, []Result) {
	c := collector{skip: skip, seen: map[string]bool{}, dirs: map[string]bool{}}
	for _, arg := range paths {
		abs, err := filepath.Abs(arg)
		if err != nil {
			c.bad = append(c.bad, errorResult(arg, err))
			continue
		}
		info, err := os.Stat(abs) // a link named here is followed
		if err != nil {
			c.bad = append(c.bad, errorResult(abs, err))
			continue
		}
		if Inside(abs, skip) || Inside(realPath(abs), skip) {
			c.bad = append(c.bad, skippedResult(abs, "bỏ qua: thư mục dữ liệu của vanban"))
			continue
		}
		if info.IsDir() {
			c.walk(abs)
			continue
		}
		c.add(abs)
	}
	sort.Strings(c.files)
	return c.files, c.bad
}

// collector walks folders for Collect.
type collector struct {
	skip  string
	files []string
	bad   []Result
	seen  map[string]bool // files listed
	dirs  map[string]bool // real paths of the folders entered
}

func (c *collector) add(p string) {
	if !c.seen[p] && Candidate(p) {
		c.seen[p] = true
		c.files = append(c.files, p)
	}
}

// walk lists the files under dir, entering each real folder once: a link
// back to a folder above does not loop.
func (c *collector) walk(dir string) {
	real := realPath(dir)
	if c.dirs[real] {
		return
	}
	c.dirs[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		c.bad = append(c.bad, errorResult(dir, err))
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				isDir = true
			}
		}
		switch {
		case !isDir:
			c.add(p) // a broken link or a FIFO is recorded by the pipeline
		case SkipDir(e.Name()) || p == c.skip || Inside(realPath(p), c.skip):
		default:
			c.walk(p)
		}
	}
}

// realPath returns p with every link resolved, or p when it cannot be.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// Inside reports whether path is dir or inside it.
func Inside(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
