package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"vanban"
)

var ctx = context.Background()

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// incoming writes content to a file named name in dir and keeps a copy.
func incoming(t testing.TB, db *DB, dir, name, content string) Incoming {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := db.Keep(path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	return Incoming{Path: path, Name: name, ModTime: st.ModTime(), Format: strings.TrimPrefix(filepath.Ext(name), "."), Blob: b}
}

// plan returns a plan with every field of the domain types set.
func plan(ref string, date vanban.Date, tasks int) *vanban.Document {
	num, sym, _ := strings.Cut(ref, "/")
	d := &vanban.Document{
		Format: "docx", Pages: 3,
		Meta: vanban.Meta{
			DocType: vanban.TypePlan, Number: num, Symbol: sym, Reference: ref,
			Issuer: "Ủy ban nhân dân thành phố Hải Phòng", Place: "Hải Phòng", Date: date,
			Title: "Thực hiện Quyết định số 709/QĐ-TTg", Signer: "Hoàng Minh Cường", SignerTitle: "Phó Chủ tịch",
			Cites: []string{"709/QĐ-TTg", "01/NQ-CP"}, Replaces: []string{"110/KH-UBND"},
			AnnualReportDue: "12-15", ReportTo: "Sở Khoa học và Công nghệ",
		},
		Text:     "KẾ HOẠCH\nThực hiện…",
		Warnings: []string{"hàng 3: ô gộp"},
	}
	for i := 0; i < tasks; i++ {
		sec := vanban.Section{Numeral: []string{"I", "II"}[i%2], Title: []string{"TĂNG CƯỜNG", "PHÁT TRIỂN"}[i%2]}
		d.Rows = append(d.Rows, vanban.Task{
			Section: sec, STT: fmt.Sprint(i + 1), Task: fmt.Sprintf("Nhiệm vụ %d", i+1),
			ExpectedOutput: "Tỷ lệ ≥ 80% năm 2030", Lead: "Sở Tài chính", Coordinators: "Sở Nội vụ; các sở, ngành liên quan",
			Timeframe: "Hằng năm, trước 15/12", Note: "", Monitor: "Văn phòng UBND",
			Extra:       map[string]string{"Kinh phí": "ngân sách"},
			LeadParties: []vanban.Party{{Name: "Sở Tài chính", Kind: vanban.KindUnit, AliasOf: "STC"}},
			CoordinatorParties: []vanban.Party{
				{Name: "Sở Nội vụ", Kind: vanban.KindUnit},
				{Name: "các sở, ngành liên quan", Kind: vanban.KindGroup},
			},
			MonitorParties: []vanban.Party{{Name: "Văn phòng Ủy ban nhân dân thành phố", Kind: vanban.KindUnit, AliasOf: "Văn phòng UBND"}},
			Milestones: []vanban.Milestone{
				{Action: "báo cáo", Start: vanban.D(2026, 1, 1), Due: vanban.D(2026, 12, 15), Recurrence: vanban.Yearly, YearlyDue: "12-15", Cites: []string{"58/KH-UBND"}},
				{Due: vanban.Date{Year: 2030}, Condition: "khi có kinh phí"},
			},
			Targets:  []vanban.Target{{Op: ">=", Value: 80.5, Unit: "%", Per: "năm", ByYear: 2030}},
			Unparsed: []string{"note"},
		})
	}
	if tasks > 0 {
		d.Rows[0].Extra = nil // a row with nothing extra
		d.Rows[0].Section = vanban.Section{}
	}
	return d
}

// canonical clears what the store assigns (ids) and what it does not
// keep apart (nil and empty lists), and sets what storing sets (the file
// identity), so that an extracted and a loaded document compare equal.
func canonical(d *vanban.Document, in Incoming) *vanban.Document {
	b, _ := json.Marshal(d)
	var c vanban.Document
	json.Unmarshal(b, &c)
	c.ID = 0
	for i := range c.Rows {
		c.Rows[i].ID = 0
	}
	c.File, c.SHA256, c.Size = in.Name, in.Blob.SHA256, in.Blob.Size
	if c.Format == "" {
		c.Format = in.Format
	}
	return deepNil(&c)
}

// deepNil turns empty slices and maps into nil, recursively.
func deepNil(d *vanban.Document) *vanban.Document {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice:
			if v.Len() == 0 {
				v.Set(reflect.Zero(v.Type()))
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			if v.Len() == 0 {
				v.Set(reflect.Zero(v.Type()))
			}
		}
	}
	walk(reflect.ValueOf(d))
	return d
}

func mustStore(t testing.TB, db *DB, in Incoming, doc *vanban.Document) Stored {
	t.Helper()
	res, err := db.StoreDocument(ctx, in, doc)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustLoad(t testing.TB, db *DB, id int64) *vanban.Document {
	t.Helper()
	d, err := db.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func equalDocs(t *testing.T, got, want *vanban.Document) {
	t.Helper()
	g, _ := json.MarshalIndent(deepNil(got), "", " ")
	w, _ := json.MarshalIndent(deepNil(want), "", " ")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded document differs:\n got: %.3000s\nwant: %.3000s", g, w)
	}
}

// TestCopiedDataFolder: the data folder is self-contained; a copy taken
// while the store is open (WAL not yet checkpointed) or after Close works.
func TestCopiedDataFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "data")
	db, err := Open(dir)
	must(t, err)
	src := t.TempDir()
	in := incoming(t, db, src, "kh.docx", "content")
	doc := plan("58/KH-UBND", vanban.D(2026, 3, 20), 3)
	r := mustStore(t, db, in, doc)
	os.RemoveAll(src) // the original is gone
	for _, when := range []string{"open", "closed"} {
		if when == "closed" {
			must(t, db.Close())
		}
		cp := filepath.Join(root, "copy-"+when)
		must(t, copyDir(dir, cp))
		db2, err := Open(cp)
		must(t, err)
		equalDocs(t, canonical(mustLoad(t, db2, r.DocID), in), canonical(doc, in))
		files, err := db2.Files(ctx, r.DocID)
		must(t, err)
		if b, err := os.ReadFile(files[0].Stored); err != nil || string(b) != "content" || !strings.HasPrefix(files[0].Stored, cp) {
			t.Errorf("%s copy: stored file %s: %q, %v", when, files[0].Stored, b, err)
		}
		f, info, err := db2.OpenFile(ctx, files[0].ID)
		must(t, err)
		b := make([]byte, 16)
		n, _ := f.Read(b)
		f.Close()
		if string(b[:n]) != "content" || info.Name != "kh.docx" || info.Path != in.Path {
			t.Errorf("OpenFile: %q, %+v", b[:n], info)
		}
		db2.Close()
	}
}

func copyDir(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}

func TestReopenKeepsSchema(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	must(t, err)
	db.Close()
	db, err = Open(dir)
	must(t, err)
	defer db.Close()
	var v int
	must(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v))
	var fk int
	must(t, db.SQL().QueryRow(`PRAGMA foreign_keys`).Scan(&fk))
	var mode string
	must(t, db.SQL().QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	if v != SchemaVersion() || fk != 1 || mode != "wal" {
		t.Errorf("user_version %d, foreign_keys %d, journal_mode %s", v, fk, mode)
	}
}

func TestKeys(t *testing.T) {
	for _, tc := range []struct{ in, fold, ref string }{
		{"UỶ BAN NHÂN DÂN", "uy ban nhan dan", "UYBANNHANDAN"},
		{"Ủy ban  nhân dân", "uy ban nhan dan", "UYBANNHANDAN"},
		{"58/KH-UBND", "58 kh ubnd", "58/KH-UBND"},
		{" 58 / kh–ubnd ", "58 kh ubnd", "58/KH-UBND"},
		{"709/QĐ-TTg", "709 qd ttg", "709/QD-TTG"},
		{"", "", ""},
	} {
		if got := Fold(tc.in); got != tc.fold {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.fold)
		}
		if got := RefKey(tc.in); got != tc.ref {
			t.Errorf("RefKey(%q) = %q, want %q", tc.in, got, tc.ref)
		}
	}
	for _, d := range []vanban.Date{{}, vanban.D(2026, 3, 20), {Year: 2030}, {Year: 2026, Month: 12}} {
		if got := decodeDate(encodeDate(d)); got != d {
			t.Errorf("date %v came back as %v", d, got)
		}
	}
}

func TestTimestampsSort(t *testing.T) {
	a := time.Date(2026, 1, 1, 0, 0, 5, 100000000, time.UTC)
	b := a.Add(20 * time.Millisecond)
	if !(stamp(a) < stamp(b)) || !parseStamp(stamp(a)).Equal(a) {
		t.Errorf("stamps %s, %s", stamp(a), stamp(b))
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkStoreDocument stores a 68-row plan per iteration, each a new
// document (one transaction each).
func BenchmarkStoreDocument(b *testing.B) {
	db := openTemp(b)
	dir := b.TempDir()
	doc := plan("58/KH-UBND", vanban.D(2026, 3, 20), 68)
	ins := make([]Incoming, b.N)
	for i := range ins {
		ins[i] = incoming(b, db, dir, fmt.Sprintf("%d.docx", i), fmt.Sprint(i))
	}
	b.ResetTimer()
	for i := range ins {
		doc.Meta.Reference = fmt.Sprintf("%d/KH-UBND", i)
		mustStore(b, db, ins[i], doc)
	}
}

// BenchmarkDocument loads a 68-row plan.
func BenchmarkDocument(b *testing.B) {
	db := openTemp(b)
	r := mustStore(b, db, incoming(b, db, b.TempDir(), "a.docx", "a"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 68))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mustLoad(b, db, r.DocID)
	}
}
