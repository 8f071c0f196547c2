// Command vanban reads Vietnamese government plans and reports, stores
// them, indexes them for search and cross-checks reports against plans.
//
// It only parses flags and prints: the work is package app's. Each
// subcommand lives in its own file and registers itself in commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"vanban"
	"vanban/extract"
)

// command is one subcommand.
type command struct {
	name    string
	summary string // one line for `vanban --help`
	usage   string // the synopsis after "vanban "
	// help explains the command and gives examples, in Vietnamese.
	help string
	// flags defines the command's flags on fs and returns the function
	// that runs it with the positional arguments.
	flags func(fs *flagSet) func(ctx context.Context, c *cli, args []string) error
	// words lets arguments that start with "-" but name no flag be
	// arguments (a search's "-diễn" excludes a word).
	words bool
}

// commands is filled by the init functions of the subcommand files.
var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// cli is what a command prints to.
type cli struct {
	stdout, stderr io.Writer
	// tty is true when stdout is a terminal (progress bars, colours).
	tty bool
}

// Exit statuses.
const (
	exitOK       = 0
	exitFailed   = 1 // the work failed (a file unreadable, the machinery)
	exitUsage    = 2 // the command line or an input value is wrong
	exitNotFound = 3 // what was asked for is not in the store
)

func main() {
	// A child started to extract one file in isolation does only that.
	extract.ServeWorker()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &cli{stdout: os.Stdout, stderr: os.Stderr, tty: isTerminal(os.Stdout)})
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, c *cli) int {
	if len(args) == 0 {
		usage(c.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 && commands[args[1]] != nil {
			commandHelp(c.stdout, commands[args[1]])
			return exitOK
		}
		usage(c.stdout)
		return exitOK
	case "--version", "-version", "version":
		fmt.Fprintln(c.stdout, "vanban", version())
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(c.stderr, "vanban: không có lệnh %q\n\n", args[0])
		usage(c.stderr)
		return exitUsage
	}
	fs := newFlagSet(cmd)
	runCmd := cmd.flags(fs)
	pos, err := fs.parse(args[1:])
	if err == errHelp {
		commandHelp(c.stdout, cmd)
		return exitOK
	}
	if err == nil {
		err = runCmd(ctx, c, pos)
	}
	return report(c.stderr, cmd, err)
}

// report prints err for a person and returns its exit status: a usage or
// input error gives the command's synopsis too; an internal one its
// technical detail, since the terminal is this program's log.
func report(w io.Writer, cmd *command, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(w, "vanban:", vanban.ErrorMessage(err))
	switch vanban.ErrorCode(err) {
	case vanban.EInvalid:
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(w, "cách dùng: vanban %s\n(xem vanban %s --help)\n", cmd.usage, cmd.name)
		}
		return exitUsage
	case vanban.ENotFound:
		return exitNotFound
	case vanban.EInternal:
		fmt.Fprintln(w, "chi tiết:", err)
	}
	return exitFailed
}

// usage lists the commands.
func usage(w io.Writer) {
	fmt.Fprint(w, `vanban đọc kế hoạch, báo cáo của cơ quan nhà nước (DOCX, PDF), lưu vào kho,
lập chỉ mục tìm kiếm và đối chiếu báo cáo của các đơn vị với nhiệm vụ được giao.

cách dùng: vanban LỆNH [CỜ] [ĐỐI SỐ]

các lệnh:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, `
Mọi lệnh dùng kho dữ liệu ở --data THƯ_MỤC, nếu không có thì $%s, nếu không nữa thì %s.
Ngày viết dạng ngày/tháng/năm (31/12/2026) hoặc 2026-12-31. Cờ đứng trước hay sau đối số đều được.

ví dụ:
  vanban ingest ./van-ban              nhập mọi tệp .docx, .pdf trong thư mục
  vanban serve --watch ./inbox         mở giao diện web và theo dõi thư mục inbox
  vanban crosscheck --plan 58/KH-UBND --as-of 31/12/2026

Xem hướng dẫn từng lệnh: vanban LỆNH --help.   Phiên bản: vanban --version.
`, appDataEnv, appDefaultData)
}

// commandHelp prints one command's help.
func commandHelp(w io.Writer, cmd *command) {
	fmt.Fprintf(w, "cách dùng: vanban %s\n\n%s\n", cmd.usage, strings.TrimSpace(cmd.help))
	fs := newFlagSet(cmd)
	cmd.flags(fs)
	if fs.hasFlags() {
		fmt.Fprintln(w, "\ncác cờ:")
		fs.printDefaults(w)
	}
}

// version is the module version, or the commit it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(không rõ)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v = strings.TrimPrefix(v+" ", "(devel) ") + "commit " + s.Value[:12]
		}
		if s.Key == "vcs.modified" && s.Value == "true" {
			v += " (có thay đổi chưa commit)"
		}
	}
	return strings.TrimSpace(v + " " + info.GoVersion)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
