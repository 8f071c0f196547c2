package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"vanban"
	"vanban/store"
)

func init() {
	register("units", "liệt kê mọi cơ quan, đơn vị gặp trong các văn bản, kèm số nhiệm vụ", runUnits)
}

// unitRow is one line of `vanban units`: a unit as stored, and whether
// the alias table knows it (an unknown name may want an alias).
type unitRow struct {
	store.UnitCount
	Known bool `json:"known"`
}

func runUnits(ctx context.Context, args []string) error {
	return unitsMain(ctx, args, os.Stdout)
}

func unitsMain(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("units", flag.ContinueOnError)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "in dạng JSON")
	unknown := fs.Bool("unknown", false, "chỉ in các tên bảng tên cơ quan chưa biết")
	if err := parseCmd(fs, args, "units [--data DIR] [--json] [--unknown]"); err != nil {
		return err
	}
	db, err := openStore(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	aliases, err := loadAliases(db.Dir())
	if err != nil {
		return err
	}
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	rows := []unitRow{}
	for _, u := range units {
		_, _, known := aliases.Canonical(u.Name)
		if !*unknown || !known && u.Kind == vanban.KindUnit {
			rows = append(rows, unitRow{u, known})
		}
	}
	if *asJSON {
		return jsonOut(w, rows)
	}
	t := textTable{header: []string{"Tên", "Loại", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Văn bản", "Trong bảng tên", "Cách viết khác"}}
	for _, r := range rows {
		kind := "đơn vị"
		if r.Kind == vanban.KindGroup {
			kind = "nhóm"
		}
		known := "chưa"
		if r.Known {
			known = "có"
		}
		t.add(r.Name, kind, fmt.Sprint(r.Tasks), fmt.Sprint(r.Lead), fmt.Sprint(r.Coordinate), fmt.Sprint(r.Documents), known, strings.Join(r.Aliases, "; "))
	}
	t.write(w, true)
	fmt.Fprintf(w, "\n%d tên. Thêm cách viết khác vào %s trong thư mục dữ liệu: \"Tên chuẩn | cách viết 1 | cách viết 2\".\n", len(rows), aliasFile)
	return nil
}
