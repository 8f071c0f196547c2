package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vanban"
	"vanban/crosscheck"
	"vanban/normalize"
	"vanban/store"
)

func init() {
	register("crosscheck", "đối chiếu báo cáo của các đơn vị với nhiệm vụ kế hoạch giao (--json, --xlsx FILE)", runCrosscheck)
}

// decisionFlags collects repeated --confirm/--reject values.
type decisionFlags []crosscheck.DecisionArg

func (d *decisionFlags) String() string { return fmt.Sprint(len(*d)) }

func (d *decisionFlags) Set(s string) error {
	arg, err := crosscheck.ParseDecisionArg(s)
	if err != nil {
		return err
	}
	*d = append(*d, arg)
	return nil
}

func runCrosscheck(ctx context.Context, args []string) error {
	return crosscheckMain(ctx, args, os.Stdout)
}

// crosscheckMain runs the command, printing to stdout.
func crosscheckMain(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("crosscheck", flag.ContinueOnError)
	planRef := fs.String("plan", "", "the plan: reference (58/KH-UBND), id or file name")
	asOfFlag := fs.String("as-of", "", "as-of date, YYYY-MM-DD (default today)")
	asJSON := fs.Bool("json", false, "print JSON (the format of gold crosscheck.json, with more fields)")
	xlsxFile := fs.String("xlsx", "", "write an Excel workbook to `FILE`")
	data := fs.String("data", "vanban-data", "data folder of the store")
	aliasesFile := fs.String("aliases", "", "alias table `FILE` read over the built-in one")
	var confirm, reject decisionFlags
	fs.Var(&confirm, "confirm", "confirm a proposed match, `REPORT#ITEM=TASK` (task key: STT, or II.2 when sections repeat STTs; repeatable)")
	fs.Var(&reject, "reject", "reject a proposed match, `REPORT#ITEM=TASK` (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *planRef == "" || fs.NArg() > 0 {
		return errors.New("usage: vanban crosscheck --plan 58/KH-UBND [--as-of 2026-12-31] [--json | --xlsx FILE] [--data DIR]")
	}
	asOf, err := crosscheckAsOf(*asOfFlag)
	if err != nil {
		return err
	}
	aliases, err := crosscheckAliases(*aliasesFile)
	if err != nil {
		return err
	}
	db, err := store.Open(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	plan, reports, err := crosscheckLoad(ctx, db, *planRef)
	if err != nil {
		return err
	}
	if err := crosscheckDecide(ctx, db, plan, reports, confirm, true); err != nil {
		return err
	}
	if err := crosscheckDecide(ctx, db, plan, reports, reject, false); err != nil {
		return err
	}
	decisions, err := crosscheckDecisions(ctx, db, plan, reports)
	if err != nil {
		return err
	}
	r := crosscheck.Check(crosscheck.Input{Plan: plan, Reports: reports, AsOf: asOf, Decisions: decisions, Aliases: aliases})
	return crosscheckOutput(stdout, r, *asJSON, *xlsxFile)
}

func crosscheckAsOf(s string) (vanban.Date, error) {
	if s == "" {
		return vanban.DateOf(time.Now()), nil
	}
	return vanban.ParseDate(s)
}

// crosscheckAliases returns the built-in alias table, with the user's
// file read over it when one is named.
func crosscheckAliases(path string) (*normalize.Aliases, error) {
	if path == "" {
		return normalize.DefaultAliases(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return normalize.LoadAliases(f)
}

// crosscheckLoad returns the plan ref names and the reports citing it.
func crosscheckLoad(ctx context.Context, db *store.DB, ref string) (*vanban.Document, []*vanban.Document, error) {
	plan, err := db.FindDocument(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, fmt.Errorf("không tìm thấy kế hoạch %q trong kho dữ liệu", ref)
	}
	if err != nil {
		return nil, nil, err
	}
	if plan.Meta.DocType != vanban.TypePlan {
		return nil, nil, fmt.Errorf("%q là %s, không phải kế hoạch", ref, strings.ToLower(plan.Meta.DocType))
	}
	sums, err := db.ReportsCiting(ctx, plan.Meta.Reference)
	if err != nil {
		return nil, nil, err
	}
	var reports []*vanban.Document
	for _, s := range sums {
		doc, err := db.Document(ctx, s.ID)
		if err != nil {
			return nil, nil, err
		}
		reports = append(reports, doc)
	}
	return plan, reports, nil
}

// crosscheckDecide records people's decisions in the store, naming the
// report by its key and the task by its key (its STT, or "II.2" when
// sections repeat STTs).
func crosscheckDecide(ctx context.Context, db *store.DB, plan *vanban.Document, reports []*vanban.Document, args decisionFlags, accepted bool) error {
	for _, a := range args {
		rep := crosscheckReport(reports, a.Report)
		if rep == nil {
			return fmt.Errorf("không có báo cáo %q về kế hoạch %s", a.Report, plan.Meta.Reference)
		}
		if a.Item > len(rep.ReportItems) {
			return fmt.Errorf("báo cáo %s chỉ có %d mục", a.Report, len(rep.ReportItems))
		}
		task := crosscheckTask(plan, a.Task)
		if task == nil {
			return fmt.Errorf("kế hoạch %s không có nhiệm vụ %s", plan.Meta.Reference, a.Task)
		}
		if err := db.SetMatchDecision(ctx, rep.ID, a.Item-1, task.ID, accepted); err != nil {
			return err
		}
	}
	return nil
}

func crosscheckReport(reports []*vanban.Document, key string) *vanban.Document {
	for _, r := range reports {
		if store.RefKey(crosscheck.ReportKey(r)) == store.RefKey(key) || filepath.Base(r.File) == key {
			return r
		}
	}
	return nil
}

// crosscheckTask returns the plan's task key names (see
// crosscheck.TaskIndex), nil when none.
func crosscheckTask(plan *vanban.Document, key string) *vanban.Task {
	if i, ok := crosscheck.TaskIndex(plan, key); ok {
		return &plan.Rows[i]
	}
	return nil
}

// crosscheckDecisions reads the stored decisions on the reports' items
// into the form Check takes; a later decision on a pair overrides an
// earlier one.
func crosscheckDecisions(ctx context.Context, db *store.DB, plan *vanban.Document, reports []*vanban.Document) (crosscheck.Decisions, error) {
	keys := crosscheck.TaskKeys(plan)
	taskKey := map[int64]string{}
	for i, t := range plan.Rows {
		taskKey[t.ID] = keys[i]
	}
	out := crosscheck.Decisions{}
	for _, rep := range reports {
		byItem, err := db.MatchDecisions(ctx, rep.ID)
		if err != nil {
			return nil, err
		}
		for i, ds := range byItem {
			if i < 0 || i >= len(rep.ReportItems) {
				continue
			}
			for _, d := range ds {
				if task, ok := taskKey[d.TaskID]; ok {
					key := crosscheck.DecisionKey{Plan: plan.Meta.Reference, Report: crosscheck.ReportKey(rep),
						Item: crosscheck.ItemKey(rep.ReportItems[i]), Task: task}
					out[key] = d.Accepted
				}
			}
		}
	}
	return out, nil
}

func crosscheckOutput(stdout io.Writer, r *crosscheck.Result, asJSON bool, xlsxFile string) error {
	if xlsxFile != "" {
		f, err := os.Create(xlsxFile)
		if err != nil {
			return err
		}
		if err := r.WriteXLSX(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "Đã ghi %s (%d đơn vị).\n", xlsxFile, len(r.Units))
		if !asJSON {
			return nil
		}
	}
	if asJSON {
		return r.WriteJSON(stdout)
	}
	return r.WriteText(stdout)
}
