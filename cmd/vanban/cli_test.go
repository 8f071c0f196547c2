package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"vanban"

	"vanban/app"
	"vanban/internal/sharedtest"
)

// runCmd runs a vanban command line as main would and returns what it
// printed and its exit status.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &cli{stdout: &out, stderr: &errOut})
	return out.String(), errOut.String(), code
}

// mustRun runs a command line that must succeed and returns its output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runCmd(t, args...)
	if code != exitOK {
		t.Fatalf("vanban %v: exit %d\n%s", args, code, errOut)
	}
	return out
}

// corpusStore ingests ../shared/corpus into a fresh data folder with the
// real extractor and returns the folder.
func corpusStore(t *testing.T) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "kho")
	mustRun(t, "ingest", "--data", data, sharedtest.Path(t, "corpus"))
	return data
}

// storeCommands are the commands that read the store, with arguments
// that make them print something of it.
var storeCommands = [][]string{
	{"docs"},
	{"docs", "--type", "plan", "--json"},
	{"show", "58/KH-UBND"},
	{"failures"},
	{"units", "--json"},
	{"search", "khởi nghiệp", "--json"},
	{"crosscheck", "--plan", "58/KH-UBND", "--as-of", "31/12/2026", "--json"},
	{"due", "--from", "01/12/2026", "--within", "30d"},
}

// took hides a search's timing, which differs from run to run.
var took = regexp.MustCompile(`"took_ns": \d+`)

// TestStoreCommandsFollowVANBAN_DATA runs every store command with only
// VANBAN_DATA set, from a folder holding no store, and with --data: the
// answers are the same, and no ./vanban-data appears.
func TestStoreCommandsFollowVANBAN_DATA(t *testing.T) {
	data := corpusStore(t)
	cwd := t.TempDir()
	t.Chdir(cwd)
	for _, args := range storeCommands {
		withFlag := mustRun(t, append(args, "--data", data)...)
		t.Setenv(app.DataEnv, data)
		withEnv := mustRun(t, args...)
		os.Unsetenv(app.DataEnv)
		if took.ReplaceAllString(withEnv, "") != took.ReplaceAllString(withFlag, "") {
			t.Errorf("vanban %v: with VANBAN_DATA\n%s\nwith --data\n%s", args, withEnv, withFlag)
		}
		if len(withFlag) < 20 {
			t.Errorf("vanban %v printed only %q", args, withFlag)
		}
	}
	if _, err := os.Stat(filepath.Join(cwd, "vanban-data")); err == nil {
		t.Error("a store command created ./vanban-data")
	}
}

// TestStoreCommandsRefuseMissingStore: without a store, every command
// that reads one says so and creates nothing.
func TestStoreCommandsRefuseMissingStore(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	t.Setenv(app.DataEnv, "")
	for _, args := range storeCommands {
		_, errOut, code := runCmd(t, args...)
		if code != exitNotFound || !strings.Contains(errOut, "chưa có kho dữ liệu ở ./vanban-data") {
			t.Errorf("vanban %v without a store: exit %d, %q", args, code, errOut)
		}
	}
	if ents, _ := os.ReadDir(cwd); len(ents) != 0 {
		t.Errorf("commands without a store left %v", ents)
	}
}

// TestDatesAsPeopleTypeThem: every command that takes a date reads
// dd/mm/yyyy as it reads ISO, and a wrong date is a Vietnamese message
// with exit status 2.
func TestDatesAsPeopleTypeThem(t *testing.T) {
	data := corpusStore(t)
	for _, c := range []struct{ cmd, flag string }{
		{"crosscheck --plan 58/KH-UBND --json", "--as-of"},
		{"due --within 30d", "--from"},
	} {
		args := append(strings.Fields(c.cmd), "--data", data)
		vn := mustRun(t, append(args, c.flag, "31/12/2026")...)
		iso := mustRun(t, append(args, c.flag, "2026-12-31")...)
		if vn != iso || len(vn) < 20 {
			t.Errorf("%s %s: 31/12/2026 and 2026-12-31 differ:\n%s\n%s", c.cmd, c.flag, vn, iso)
		}
		for bad, why := range map[string]string{"31/13/2026": "không có tháng 13", "31/11/2026": "không có ngày 31", "hôm nay": "không đúng dạng"} {
			_, errOut, code := runCmd(t, append(args, c.flag, bad)...)
			if code != exitUsage || !strings.Contains(errOut, why) || strings.Contains(errOut, "parsing time") {
				t.Errorf("%s %s %q: exit %d, %q; want 2 and %q", c.cmd, c.flag, bad, code, errOut, why)
			}
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		out, _, code := runCmd(t, args...)
		if code != exitOK || !strings.Contains(out, "các lệnh:") || !strings.Contains(out, "ví dụ:") {
			t.Errorf("vanban %v: exit %d\n%s", args, code, out)
		}
	}
	for name := range commands {
		out, _, code := runCmd(t, name, "--help")
		if code != exitOK || !strings.Contains(out, "cách dùng: vanban "+name) || !strings.Contains(out, "ví dụ:") {
			t.Errorf("vanban %s --help: exit %d\n%s", name, code, out)
		}
		if strings.Contains(out, "usage:") || strings.Contains(out, "default ") {
			t.Errorf("vanban %s --help is not in Vietnamese:\n%s", name, out)
		}
	}
	if out, _, code := runCmd(t, "--version"); code != exitOK || !strings.HasPrefix(out, "vanban ") {
		t.Errorf("--version: exit %d %q", code, out)
	}
	if _, errOut, code := runCmd(t, "docs", "--khong-co"); code != exitUsage || !strings.Contains(errOut, "không có cờ --khong-co") {
		t.Errorf("unknown flag: exit %d %q", code, errOut)
	}
	if _, errOut, code := runCmd(t, "khong-co"); code != exitUsage || !strings.Contains(errOut, "không có lệnh") {
		t.Errorf("unknown command: exit %d %q", code, errOut)
	}
}

// TestFlagsAfterArguments: flags may follow the arguments.
func TestFlagsAfterArguments(t *testing.T) {
	data := corpusStore(t)
	after := mustRun(t, "show", "58/KH-UBND", "--data", data)
	before := mustRun(t, "show", "--data", data, "58/KH-UBND")
	if after != before || !strings.Contains(after, "Nhiệm vụ (68)") {
		t.Errorf("show with --data after the reference:\n%s", after)
	}
}

// TestIngestSymlinkedFolderAndWord97: a symlinked folder named on the
// command line is ingested, a link back to a folder above does not loop,
// and a .doc is a recorded failure that says what to do.
func TestIngestSymlinkedFolderAndWord97(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "that-ra")
	os.MkdirAll(filepath.Join(real, "con"), 0o755)
	for _, name := range []string{"ke-hoach-58-kh-ubnd-2026.docx", "bao-cao-412-bc-stc-2026.docx"} {
		b, err := os.ReadFile(sharedtest.Path(t, "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(real, name), b, 0o644)
	}
	os.WriteFile(filepath.Join(real, "cong-van-cu.doc"), []byte("\xd0\xcf\x11\xe0 Word 97"), 0o644)
	os.Symlink("..", filepath.Join(real, "con", "vong")) // a loop
	link := filepath.Join(dir, "lien-ket")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "kho")
	out, errOut, code := runCmd(t, "ingest", "--data", data, link)
	if code != exitFailed || !strings.Contains(out, "Đã nhập: 2") || !strings.Contains(errOut, "1 tệp không nhập được") {
		t.Errorf("ingest of a symlinked folder: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "cong-van-cu.doc — lỗi: Tệp Word 97–2003 (.doc): hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx") {
		t.Errorf("the .doc is not reported with its hint:\n%s", out)
	}
	fails := mustRun(t, "failures", "--data", data)
	if !strings.Contains(fails, "cong-van-cu.doc") || !strings.Contains(fails, "lưu lại dưới dạng .docx") {
		t.Errorf("failures does not list the .doc with its hint:\n%s", fails)
	}
	docs := mustRun(t, "docs", "--data", data)
	if !strings.Contains(docs, "58/KH-UBND") || !strings.Contains(docs, "412/BC-STC") {
		t.Errorf("docs after ingesting the link:\n%s", docs)
	}
}

// TestDraftCommands: the drafted letter and report read back through
// vanban's own extractor as a Công văn and a Báo cáo on plan 58.
func TestDraftCommands(t *testing.T) {
	data := corpusStore(t)
	dir := t.TempDir()
	for _, c := range []struct{ kind, typ string }{{"reminder", "Công văn"}, {"summary", "Báo cáo"}} {
		out := filepath.Join(dir, c.kind+".docx")
		mustRun(t, "draft", c.kind, "--plan", "58/KH-UBND", "--as-of", "31/12/2026", "-o", out, "--data", data)
		var doc vanban.Document
		if err := json.Unmarshal([]byte(mustRun(t, "extract", out)), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Meta.DocType != c.typ || len(doc.Meta.Cites) == 0 || doc.Meta.Cites[0] != "58/KH-UBND" {
			t.Errorf("draft %s reads back as %q citing %v", c.kind, doc.Meta.DocType, doc.Meta.Cites)
		}
	}
	_, errOut, code := runCmd(t, "draft", "reminder", "--plan", "58/KH-UBND", "--unit", "Sở Không Có", "-o", filepath.Join(dir, "x.docx"), "--data", data)
	if code == exitOK {
		t.Errorf("a reminder to a unit with nothing pending: exit 0 %s", errOut)
	}
}
