package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vanban"
	"vanban/crosscheck"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
	"vanban/store"
)

// crosscheckStore stores docs in a fresh data folder, as the ingest
// pipeline would, and returns the folder.
func crosscheckStore(t *testing.T, docs ...*vanban.Document) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	inbox := t.TempDir()
	for _, doc := range docs {
		// The file's bytes only need to differ from document to document.
		path := filepath.Join(inbox, doc.File)
		data, _ := json.Marshal(doc)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		blob, err := db.Keep(path)
		if err != nil {
			t.Fatal(err)
		}
		in := store.Incoming{Path: path, Name: doc.File, Blob: blob,
			ModTime: time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC), Format: strings.TrimPrefix(filepath.Ext(doc.File), ".")}
		if _, err := db.StoreDocument(context.Background(), in, doc); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCrosscheckTest(t *testing.T, args ...string) string {
	t.Helper()
	return mustRun(t, append([]string{"crosscheck"}, args...)...)
}

func TestCrosscheckCommandGold(t *testing.T) {
	shared := sharedtest.Dir(t)
	// The report is stored before its plan: it links when the plan comes.
	data := crosscheckStore(t, crosschecktest.ReportBQL(), crosschecktest.Plan(t, shared), crosschecktest.ReportSTC())
	out := runCrosscheckTest(t, "--plan", "58/KH-UBND", "--as-of", "2026-12-31", "--json", "--data", data)
	crosschecktest.CompareGold(t, shared, []byte(out))

	text := runCrosscheckTest(t, "--plan", "58/KH-UBND", "--as-of", "2026-12-31", "--data", data)
	for _, want := range []string{"Sở Tài chính — Báo cáo số 412/BC-STC ngày 08/12/2026: đúng hạn",
		"Ban Quản lý khu kinh tế — Báo cáo số 1876/BC-BQL ngày 20/12/2026: trễ hạn", "NHIỆM VỤ QUÁ HẠN"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}

	book := filepath.Join(t.TempDir(), "kiem-tra.xlsx")
	runCrosscheckTest(t, "--plan", "58/KH-UBND", "--as-of", "2026-12-31", "--xlsx", book, "--data", data)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue("Sở Tài chính", "E3"); got != "Hoàn thành đúng hạn" {
		t.Errorf("Sở Tài chính!E3 = %q", got)
	}
}

func TestCrosscheckCommandRemembersDecisions(t *testing.T) {
	plan := crosschecktest.Plan(t, sharedtest.Dir(t))
	rep := crosschecktest.ReportSTC()
	rep.ReportItems = []vanban.ReportItem{{STT: "1", StatusText: "Hoàn thành",
		Task: "Tham gia tổ chức ngày hội khởi nghiệp của thành phố"}}
	data := crosscheckStore(t, plan, rep)
	args := []string{"--plan", "58/KH-UBND", "--as-of", "2026-12-31", "--data", data}

	if out := runCrosscheckTest(t, args...); !strings.Contains(out, "[412/BC-STC#1=8.5]") {
		t.Fatalf("no proposal to confirm:\n%s", out)
	}
	runCrosscheckTest(t, append(args, "--confirm", "412/BC-STC#1=8.5")...)
	// Remembered: a later run, without the flag, counts the match.
	out := runCrosscheckTest(t, args...)
	if strings.Contains(out, "CẦN XÁC NHẬN") {
		t.Errorf("confirmed match still proposed:\n%s", out)
	}
	runCrosscheckTest(t, append(args, "--reject", "412/BC-STC#1=8.5")...)
	out = runCrosscheckTest(t, append(args, "--json")...)
	if strings.Contains(out, `"task": "8.5"`) {
		t.Errorf("rejected match proposed again:\n%s", out)
	}

	_, errOut, code := runCmd(t, append([]string{"crosscheck"}, append(args, "--confirm", "412/BC-STC#9=8.5")...)...)
	if code != exitNotFound || !strings.Contains(errOut, "không có mục") {
		t.Errorf("a decision on an item the report lacks: exit %d, %q", code, errOut)
	}
}

func TestDueCommand(t *testing.T) {
	data := crosscheckStore(t, crosschecktest.Plan(t, sharedtest.Dir(t)))
	out := mustRun(t, "due", "--from", "01/12/2026", "--within", "30d", "--unit", "Sở Kế hoạch và Đầu tư", "--data", data)
	for _, want := range []string{"Sở Tài chính (3):", "15/12/2026: KH 58/KH-UBND, nhiệm vụ 3.14 (chủ trì)", "31/12/2026: KH 58/KH-UBND, nhiệm vụ 8.7 (phối hợp)"} {
		if !strings.Contains(out, want) {
			t.Errorf("due output lacks %q:\n%s", want, out)
		}
	}
	_, errOut, code := runCmd(t, "due", "--unit", "Sở Không Có", "--data", data)
	if code == exitOK || !strings.Contains(errOut, crosscheck.ErrUnknownUnit.Error()) {
		t.Errorf("unknown unit: exit %d, %q", code, errOut)
	}
}

// --set stores a person's status for an item; the cross-check shows it as
// a person's decision, in the JSON and the text.
func TestCrosscheckCommandSetStatus(t *testing.T) {
	shared := sharedtest.Dir(t)
	data := crosscheckStore(t, crosschecktest.Plan(t, shared), crosschecktest.ReportSTC())
	out := runCrosscheckTest(t, "--plan", "58/KH-UBND", "--as-of", "2026-12-31", "--json", "--data", data,
		"--set", "412/BC-STC#2=done:đã giao dự toán")
	var got struct {
		Units map[string]struct {
			Lead    map[string]string `json:"lead"`
			Sources map[string]string `json:"sources"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	u := got.Units["Sở Tài chính"]
	if u.Lead["3.14"] != "done" || u.Sources["3.14"] != string(crosscheck.SourcePerson) || u.Sources["3.3"] != string(crosscheck.SourceColumn) {
		t.Errorf("after --set: lead %v sources %v, want 3.14 done by a person", u.Lead, u.Sources)
	}
	text := runCrosscheckTest(t, "--plan", "58/KH-UBND", "--as-of", "2026-12-31", "--data", data)
	if !strings.Contains(text, "người xác nhận: 3.14") {
		t.Errorf("summary does not show the person's status:\n%s", text)
	}
	if _, _, code := runCmd(t, "crosscheck", "--plan", "58/KH-UBND", "--data", data, "--set", "412/BC-STC#2=maybe"); code == exitOK {
		t.Error("--set with an unknown status accepted")
	}
}
