package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"

	"vanban"
	"vanban/crosscheck"
	"vanban/store"
)

func init() {
	register("due", "liệt kê các mốc nhiệm vụ sắp đến hạn theo đơn vị (--within 30d, --unit TÊN)", runDue)
}

func runDue(ctx context.Context, args []string) error {
	return dueMain(ctx, args, os.Stdout)
}

// dueMain runs the command, printing to stdout.
func dueMain(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	within := fs.String("within", "30d", "window length: 30d, 2w, 3m")
	from := fs.String("from", "", "first day of the window, YYYY-MM-DD (default today)")
	unit := fs.String("unit", "", "only this unit (old and abbreviated names accepted)")
	planRef := fs.String("plan", "", "only this plan (reference, id or file name)")
	asJSON := fs.Bool("json", false, "print JSON")
	data := fs.String("data", "vanban-data", "data folder of the store")
	aliasesFile := fs.String("aliases", "", "alias table `FILE` read over the built-in one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: vanban due [--within 30d] [--from DATE] [--unit NAME] [--plan REF] [--json] [--data DIR]")
	}
	days, err := crosscheck.ParseWithin(*within)
	if err != nil {
		return err
	}
	start, err := crosscheckAsOf(*from)
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
	plans, err := duePlans(ctx, db, *planRef)
	if err != nil {
		return err
	}
	groups, err := crosscheck.Due(crosscheck.DueQuery{Plans: plans, From: start, Days: days, Unit: *unit, Aliases: aliases})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		if groups == nil {
			groups = []crosscheck.DueGroup{}
		}
		return enc.Encode(groups)
	}
	return crosscheck.WriteDueText(stdout, groups, start, days)
}

// duePlans returns the plan ref names, or every current plan of the
// store: drafts an issued plan superseded are left out.
func duePlans(ctx context.Context, db *store.DB, ref string) ([]*vanban.Document, error) {
	if ref != "" {
		plan, _, err := crosscheckLoad(ctx, db, ref)
		if err != nil {
			return nil, err
		}
		return []*vanban.Document{plan}, nil
	}
	sums, err := db.Documents(ctx, store.Filter{Type: vanban.TypePlan})
	if err != nil {
		return nil, err
	}
	var plans []*vanban.Document
	for _, s := range sums {
		if s.SupersededBy != 0 {
			continue
		}
		doc, err := db.Document(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		plans = append(plans, doc)
	}
	return plans, nil
}
