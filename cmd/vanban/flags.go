package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"vanban"
	"vanban/app"
)

const (
	appDataEnv     = app.DataEnv
	appDefaultData = app.DefaultData
)

// flagSet is a command's flags. Unlike package flag's, it takes flags
// wherever they stand among the arguments ("vanban show 58/KH-UBND
// --data D"); "--" ends them.
type flagSet struct {
	*flag.FlagSet
	cmd *command
}

var errHelp = errors.New("help requested")

func newFlagSet(cmd *command) *flagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs, cmd: cmd}
}

// usageError is a command line that does not fit the command's usage.
// Its synopsis is printed with it.
type usageError struct{ err *vanban.Error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{vanban.Errorf(vanban.EInvalid, format, args...)}
}

// parse reads the flags among args and returns the other arguments.
func (fs *flagSet) parse(args []string) ([]string, error) {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(pos, args[i+1:]...), nil
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			return nil, errHelp
		}
		f := fs.Lookup(name)
		if f == nil {
			if fs.cmd.words {
				pos = append(pos, a)
				continue
			}
			return nil, usagef("lệnh %s không có cờ %s", fs.cmd.name, a)
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() && !hasValue {
			value, hasValue = "true", true
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, usagef("cờ --%s cần một giá trị", name)
			}
			i++
			value = args[i]
		}
		if err := f.Value.Set(value); err != nil {
			return nil, flagError(name, value, err)
		}
	}
	return pos, nil
}

// flagError says in Vietnamese why a flag's value is wrong, keeping the
// reason a value gave itself (a date's).
func flagError(name, value string, err error) error {
	var ve *vanban.Error
	if errors.As(err, &ve) {
		return &usageError{ve}
	}
	return usagef("giá trị %q của cờ --%s không hợp lệ", value, name)
}

func (fs *flagSet) hasFlags() bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printDefaults lists the flags with their help.
func (fs *flagSet) printDefaults(w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if name != "" {
			head += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (mặc định %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%-28s %s\n", head, usage)
	})
}

// dataFlag adds --data: the data folder, else $VANBAN_DATA, else
// ./vanban-data (app.DataDir); and --store, the store (see storeAddr).
func (fs *flagSet) dataFlag() *string {
	storeFlag = ""
	fs.StringVar(&storeFlag, "store", "", "kho dùng chung `postgres://…` (mặc định $"+app.StoreEnv+", nếu không có thì SQLite trong thư mục dữ liệu)")
	return fs.String("data", "", "`THƯ_MỤC` dữ liệu (mặc định $"+app.DataEnv+", nếu không có thì "+app.DefaultData+")")
}

// storeFlag is the --store of the command being run. It goes with --data
// (every command that takes one takes the other), so it lives beside the
// flag set rather than in every command's signature; dataFlag resets it
// for each command line.
var storeFlag string

// storeAddr is the store the command uses: --store, else $VANBAN_STORE,
// else "" (SQLite in the data folder).
func storeAddr() string { return app.StoreAddr(storeFlag) }

// dateFlag is a flag holding a day typed as people type it.
type dateFlag struct{ d vanban.Date }

func (f *dateFlag) String() string { return f.d.VN() }

func (f *dateFlag) Set(s string) error {
	d, err := vanban.ParseDate(s)
	if err != nil {
		return err
	}
	f.d = d
	return nil
}

// date adds a date flag; its zero value means "today" to the commands.
func (fs *flagSet) date(name, usage string) *dateFlag {
	f := &dateFlag{}
	fs.Var(f, name, usage)
	return f
}

// openApp opens the data folder for a command that reads the store: a
// folder without one is an error, never a new empty store.
func openApp(ctx context.Context, data string, index app.IndexMode) (*app.App, error) {
	return app.Open(ctx, app.Config{Data: data, Store: storeAddr(), Index: index, Log: warnLogger()})
}

// openAppCreate opens the data folder for a command that writes the
// store, creating it when needed.
func openAppCreate(ctx context.Context, data string, index app.IndexMode) (*app.App, error) {
	return app.Open(ctx, app.Config{Data: data, Store: storeAddr(), Create: true, Index: index, Log: warnLogger()})
}

// noArgs refuses positional arguments.
func noArgs(args []string) error {
	if len(args) > 0 {
		return usagef("không cần đối số %q", args[0])
	}
	return nil
}
