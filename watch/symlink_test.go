//go:build unix

package watch

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vanban/ingest"
	"vanban/ingest/ingesttest"
)

// TestSymlinkOutOfTheFolderIsRefused reproduces the attack a hostile
// tester found: a link planted in the watched folder, named like a
// report, pointing at a secret outside. The watcher records it as
// refused and keeps nothing of the secret; the failures list has no copy
// to download.
func TestSymlinkOutOfTheFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	data := t.TempDir()
	db := openStore(t, data)
	secret := []byte("root:$6$khong-duoc-lo:19000:0:99999:7:::\n")
	shadow := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(shadow, secret, 0o600); err != nil {
		t.Fatal(err)
	}
	r := start(t, Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: ingesttest.Fake}, Settle: 50 * time.Millisecond,
		Rescan: 200 * time.Millisecond})
	for _, name := range []string{"bao-cao.pdf", "ke-hoach.docx"} {
		if err := os.Symlink(shadow, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Symlink(filepath.Dir(shadow), filepath.Join(dir, "sub", "thu-muc"))
	waitFor(t, 10*time.Second, "the links refused", func() bool {
		fails, _ := db.Failures(bg)
		n := 0
		for _, f := range fails {
			if f.ErrorKind == ingest.KindLinkOutside {
				n++
			}
		}
		return n == 3 // the two files and the folder
	})
	// Two more scans see the links unchanged: no new attempt.
	scans := r.w.Stats().Scans
	waitFor(t, 10*time.Second, "two more scans", func() bool { return r.w.Stats().Scans >= scans+2 })
	fails, _ := db.Failures(bg)
	for _, f := range fails {
		if f.Attempts != 1 {
			t.Errorf("%s: refused %d times; an unchanged link is refused once", f.Name, f.Attempts)
		}
	}
	for _, f := range fails {
		if f.Stored != "" || f.SHA256 != "" {
			t.Errorf("%s: refused, yet listed with a copy %q", f.Name, f.Stored)
		}
	}
	filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, secret[:20]) {
				t.Errorf("the data folder holds the secret in %s", p)
			}
		}
		return nil
	})
}
