package draft

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanban"
	"vanban/extract"
)

// program returns the path of an external program; without it a test
// skips, and fails under CI, whose .ci/run installs it.
func program(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI: %s not found (Debian package %s): %v", name, pkg, err)
		}
		t.Skipf("%s not found (Debian package %s)", name, pkg)
	}
	return path
}

// TestLibreOfficeConverts prints every kind of drafted document to PDF
// with LibreOffice, as a secretariat opening the file would, and reads
// the PDF back with vanban's PDF reader. With VANBAN_DRAFT_PNG set to a
// folder, the pages are also rendered there (pdftoppm) to be looked at.
func TestLibreOfficeConverts(t *testing.T) {
	soffice := program(t, "soffice", "libreoffice-writer")
	c := readCorpus(t)
	dir := t.TempDir()
	docs := map[string]func() error{}
	write := func(name string, draft func(w *bytes.Buffer) error) {
		docs[name] = func() error {
			var buf bytes.Buffer
			if err := draft(&buf); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, name+".docx"), buf.Bytes(), 0o644)
		}
	}
	write("don-doc-mot-don-vi", func(w *bytes.Buffer) error { return Reminder(w, c.request("Sở Nội vụ")) })
	write("don-doc-nhieu-don-vi", func(w *bytes.Buffer) error { return Reminder(w, c.request()) })
	write("bao-cao-tong-hop", func(w *bytes.Buffer) error { return Summary(w, c.request()) })
	var files []string
	for name, draft := range docs {
		if err := draft(); err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.Join(dir, name+".docx"))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so that a LibreOffice already running (the
	// user's, another test's) does not take the job over.
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	args := append([]string{profile, "--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for name := range docs {
		pdf := filepath.Join(dir, name+".pdf")
		data, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Fatalf("%s: no PDF written (%v)\n%s", name, err, out)
		}
		checkPDF(t, name, pdf)
		if png := os.Getenv("VANBAN_DRAFT_PNG"); png != "" {
			pdftoppm := program(t, "pdftoppm", "poppler-utils")
			if out, err := exec.CommandContext(ctx, pdftoppm, "-png", "-r", "60", pdf, filepath.Join(png, name)).CombinedOutput(); err != nil {
				t.Errorf("pdftoppm: %v\n%s", err, out)
			}
		}
	}
}

// TestTemplatesSurviveLibreOffice opens the templates in LibreOffice and
// saves them again as Word documents, as someone editing a template
// does, then drafts from the saved copies: the placeholders must survive
// and the drafts still read back.
func TestTemplatesSurviveLibreOffice(t *testing.T) {
	soffice := program(t, "soffice", "libreoffice-writer")
	c := readCorpus(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	for _, name := range []string{reminderTemplate, summaryTemplate} {
		data, err := templates.ReadFile("templates/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, filepath.Join(in, reminderTemplate), filepath.Join(in, summaryTemplate))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	cases := []struct {
		template string
		filling  func(Request) (*filling, error)
		req      Request
		docType  string
	}{
		{reminderTemplate, reminderFilling, c.request("Sở Nội vụ"), vanban.TypeLetter},
		{summaryTemplate, summaryFilling, c.request(), vanban.TypeReport},
	}
	for _, tc := range cases {
		saved, err := os.ReadFile(filepath.Join(out, tc.template))
		if err != nil {
			t.Fatal(err)
		}
		f, err := tc.filling(tc.req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.renderTemplate(&buf, tc.template, saved); err != nil {
			t.Fatalf("%s saved by LibreOffice: %v", tc.template, err)
		}
		checkWellFormed(t, buf.Bytes())
		doc := reread(t, buf.Bytes())
		if doc.Meta.DocType != tc.docType || doc.Meta.Issuer != wantIssuer || len(doc.Meta.Cites) == 0 || doc.Meta.Cites[0] != "58/KH-UBND" || len(doc.Rows) == 0 {
			t.Errorf("%s saved by LibreOffice drafts a document read as %+v with %d rows", tc.template, doc.Meta, len(doc.Rows))
		}
	}
}

// checkPDF reads the printed document back: a letter printed by
// LibreOffice must still be a letter of its issuer on its plan.
func checkPDF(t *testing.T, name, path string) {
	t.Helper()
	doc, err := extract.File(context.Background(), path)
	if err != nil {
		t.Errorf("%s: PDF reader: %v", name, err)
		return
	}
	want := vanban.TypeLetter
	if strings.HasPrefix(name, "bao-cao") {
		want = vanban.TypeReport
	}
	if doc.Meta.DocType != want || doc.Pages < 1 || !strings.Contains(doc.Text, "58/KH-UBND") {
		t.Errorf("%s: the PDF reads as %q, %d pages; want %q citing 58/KH-UBND", name, doc.Meta.DocType, doc.Pages, want)
	}
	t.Logf("%s: %d pages, %s, issuer %q, title %q", name, doc.Pages, doc.Meta.DocType, doc.Meta.Issuer, doc.Meta.Title)
}
