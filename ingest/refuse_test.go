//go:build unix

package ingest

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"vanban"
)

// anyDocument reads every file as a document titled with its content.
func anyDocument(ctx context.Context, path string) (*vanban.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &vanban.Document{File: filepath.Base(path), Format: "docx", Meta: vanban.Meta{Title: string(b)}}, nil
}

// TestRefusedFiles: what a pipeline reading a watched folder does not
// read is recorded as a failure that says why, with nothing of its
// content kept.
func TestRefusedFiles(t *testing.T) {
	p := newPipeline(t, anyDocument)
	root := t.TempDir()
	outside := t.TempDir()
	p.Root = root
	secret := writeFile(t, outside, "shadow", "root:$6$bí mật:19000:0:99999:7:::")
	writeFile(t, root, "that.docx", "a real document")
	for name, target := range map[string]string{
		"bao-cao.pdf":       secret,                           // a link out of the folder
		"trong.docx":        filepath.Join(root, "that.docx"), // a link inside it
		"hong.docx":         filepath.Join(root, "khong-co"),  // a broken link
		"thu-muc-ngoai":     outside,                          // a link to a folder outside
		"thu-muc-trong.pdf": root,
	} {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, root, "cong-van.doc", "\xd0\xcf\x11\xe0")
	fifo := filepath.Join(root, "ong.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		outcome Outcome
		kind    string
	}{
		{"bao-cao.pdf", Failed, KindLinkOutside},
		{"thu-muc-ngoai", Failed, KindLinkOutside},
		{"hong.docx", Failed, KindBrokenLink},
		{"cong-van.doc", Failed, KindFormat},
		{"ong.pdf", Failed, KindNotRegular},
		{"trong.docx", Stored, ""},
		{"thu-muc-trong.pdf", Skipped, ""},
	} {
		r := p.File(bg, filepath.Join(root, tc.name))
		if r.Outcome != tc.outcome || r.Kind != tc.kind || tc.kind != "" && r.Reason == "" {
			t.Errorf("%s: %s %s %q, want %s %s", tc.name, r.Outcome, r.Kind, r.Reason, tc.outcome, tc.kind)
		}
	}
	fails, err := p.Store.Failures(bg)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, f := range fails {
		listed[f.Name] = f.ErrorKind
		if f.Stored != "" {
			t.Errorf("%s: refused, yet a copy is kept at %s", f.Name, f.Stored)
		}
	}
	for name, kind := range map[string]string{"bao-cao.pdf": KindLinkOutside, "hong.docx": KindBrokenLink, "cong-van.doc": KindFormat, "ong.pdf": KindNotRegular} {
		if listed[name] != kind {
			t.Errorf("failures list %s as %q, want %q (all: %v)", name, listed[name], kind, listed)
		}
	}
	noCopyOf(t, p.Store.Dir(), []byte("bí mật"))
	// A refused type stays refused without being recorded anew.
	if r := p.File(bg, filepath.Join(root, "cong-van.doc")); r.Outcome != Unchanged || !strings.Contains(r.Message, "không đổi") {
		t.Errorf("second look at the .doc: %+v", r)
	}
	// Once the path holds a document, its refusal is past.
	os.Remove(filepath.Join(root, "hong.docx"))
	writeFile(t, root, "hong.docx", "now a document")
	if r := p.File(bg, filepath.Join(root, "hong.docx")); r.Outcome != Stored {
		t.Fatalf("mended file: %+v", r)
	}
	fails, _ = p.Store.Failures(bg)
	for _, f := range fails {
		if f.Name == "hong.docx" {
			t.Errorf("a mended file is still listed as failed: %+v", f)
		}
	}
}

// TestNamedLinksAreFollowed: without a root (files an operator names),
// links are followed.
func TestNamedLinksAreFollowed(t *testing.T) {
	p := newPipeline(t, anyDocument)
	dir := t.TempDir()
	target := writeFile(t, dir, "that.docx", "a document")
	link := filepath.Join(t.TempDir(), "lien-ket.docx")
	os.Symlink(target, link)
	if r := p.File(bg, link); r.Outcome != Stored {
		t.Errorf("a named link: %+v", r)
	}
}

// noCopyOf fails when any file under dir holds secret.
func noCopyOf(t *testing.T, dir string, secret []byte) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, secret) {
			t.Errorf("the data folder holds the secret in %s", p)
		}
		return nil
	})
}

// TestStoredCopiesAreOwnerOnly: kept copies are readable by their owner
// only.
func TestStoredCopiesAreOwnerOnly(t *testing.T) {
	p := newPipeline(t, anyDocument)
	path := writeFile(t, t.TempDir(), "ke-hoach.docx", "a document")
	r := p.File(bg, path)
	files, err := p.Store.Files(bg, r.DocID)
	if err != nil || len(files) == 0 {
		t.Fatal(r, err)
	}
	info, err := os.Stat(files[0].Stored)
	if err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("stored copy mode %v, want readable by its owner only", info.Mode())
	}
}
